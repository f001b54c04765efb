//! The export format: JSON lines. A header (`format`, `version`, `scope`, the schema version that
//! wrote it), one line per row (`{"table": …, "row": {column: value}}`, tables in foreign-key
//! order), and a trailer with each table's row count and a SHA-256 over the row lines, so a
//! truncated or altered file is refused. docs/transfer-format.md describes it for other tools.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::cell::Cell;
use super::tables::{self, Table};
use crate::error::{StoreError, StoreResult};

/// The name in every header.
pub const FORMAT: &str = "knot-export";
/// The newest format version this Knot reads and the one it writes.
pub const VERSION: u32 = 1;

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    /// Every table of a database (a backup or a copy).
    Database,
    /// One person's records.
    Person { person_id: i64 },
}

/// The first line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub scope: Scope,
    /// The newest migration of the database it came from.
    pub schema: i64,
    pub created_at: String,
    pub knot: String,
}

/// The last line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trailer {
    pub counts: BTreeMap<String, u64>,
    pub sha256: String,
}

/// One row of a carried table, in its table's column order.
#[derive(Debug, Clone)]
pub struct Row {
    pub table: &'static Table,
    pub cells: Vec<Cell>,
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.table.name == other.table.name && self.cells == other.cells
    }
}

impl Eq for Row {}

impl Row {
    /// The row's line (without the newline); the same row always gives the same text.
    pub fn line(&self) -> String {
        let mut row = Map::new();
        for ((column, _), cell) in self.table.columns.iter().zip(&self.cells) {
            row.insert((*column).to_string(), cell.to_json());
        }
        let mut line = Map::new();
        line.insert("table".into(), Value::from(self.table.name));
        line.insert("row".into(), Value::Object(row));
        Value::Object(line).to_string()
    }

    /// The primary key's value.
    pub fn key(&self) -> &Cell {
        let at = self
            .table
            .columns
            .iter()
            .position(|(column, _)| *column == self.table.key)
            .unwrap_or(0);
        &self.cells[at]
    }

    /// Parses a row line; `number` is its line number, for messages.
    pub fn parse(text: &str, number: usize) -> StoreResult<Row> {
        let at = |why: String| StoreError::Invalid(format!("line {number}: {why}"));
        let value: Value =
            serde_json::from_str(text).map_err(|err| at(format!("not JSON: {err}")))?;
        let name = value
            .get("table")
            .and_then(Value::as_str)
            .ok_or_else(|| at("no \"table\"".into()))?;
        let table = tables::table(name)
            .ok_or_else(|| at(format!("{name:?} is no table this Knot knows")))?;
        let row = value
            .get("row")
            .and_then(Value::as_object)
            .ok_or_else(|| at("no \"row\" object".into()))?;
        if let Some(unknown) = row
            .keys()
            .find(|column| !table.columns.iter().any(|(c, _)| c == column))
        {
            return Err(at(format!("{name} has no column {unknown:?}")));
        }
        let cells = table
            .columns
            .iter()
            .map(|(column, kind)| {
                let value = row.get(*column).unwrap_or(&Value::Null);
                Cell::from_json(value, *kind, &format!("{name}.{column}"))
                    .map_err(|err| at(err.to_string()))
            })
            .collect::<StoreResult<Vec<Cell>>>()?;
        Ok(Row { table, cells })
    }
}

/// Counts rows per table and hashes their lines as they are written or read.
#[derive(Debug, Default)]
pub struct Tally {
    counts: BTreeMap<String, u64>,
    hash: Sha256,
}

impl Tally {
    pub fn add(&mut self, table: &str, line: &str) {
        *self.counts.entry(table.to_string()).or_default() += 1;
        self.hash.update(line.as_bytes());
        self.hash.update(b"\n");
    }

    pub fn finish(self) -> Trailer {
        let sha256 = self
            .hash
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        Trailer {
            counts: self.counts,
            sha256,
        }
    }
}

/// A parsed file.
#[derive(Debug)]
pub struct Parsed {
    pub header: Header,
    pub rows: Vec<Row>,
    pub trailer: Trailer,
}

/// Parses a whole file, refusing another format, a newer version, a malformed line, or rows that
/// do not match the trailer (a cut or altered file).
pub fn parse(text: &str) -> StoreResult<Parsed> {
    let mut lines = text.lines().enumerate().map(|(at, line)| (at + 1, line));
    let (_, first) = lines.next().ok_or_else(|| {
        StoreError::Invalid(
            "the file is empty; give a file `knot export` or `knot backup` wrote".into(),
        )
    })?;
    let header = parse_header(first)?;
    let mut rows = Vec::new();
    let mut tally = Tally::default();
    let mut trailer = None;
    for (number, line) in lines {
        if trailer.is_some() {
            return Err(StoreError::Invalid(format!(
                "line {number}: the file goes on after its last line; it may be two files joined"
            )));
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|err| StoreError::Invalid(format!("line {number}: not JSON: {err}")))?;
        if let Some(end) = value.get("end") {
            trailer = Some(
                serde_json::from_value::<Trailer>(end.clone()).map_err(|err| {
                    StoreError::Invalid(format!("line {number}: the last line is malformed: {err}"))
                })?,
            );
            continue;
        }
        let row = Row::parse(line, number)?;
        tally.add(row.table.name, &row.line());
        rows.push(row);
    }
    let trailer = trailer.ok_or_else(|| {
        StoreError::Invalid(
            "the file has no last line (counts and checksum): it was cut short; \
             use a complete export or backup"
                .into(),
        )
    })?;
    if tally.finish() != trailer {
        return Err(StoreError::Invalid(
            "the rows do not match the file's counts and checksum: the file was altered or \
             damaged; use an intact copy"
                .into(),
        ));
    }
    Ok(Parsed {
        header,
        rows,
        trailer,
    })
}

fn parse_header(line: &str) -> StoreResult<Header> {
    let not_ours = || {
        StoreError::Invalid(
            "line 1 is not a Knot export header; give a file `knot export` or `knot backup` \
             wrote (a backup must be read with `knot restore`)"
                .into(),
        )
    };
    let value: Value = serde_json::from_str(line).map_err(|_| not_ours())?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(not_ours());
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(StoreError::Invalid(format!(
            "the file is format version {version}, newer than this Knot reads ({VERSION}); \
             upgrade Knot to import it"
        )));
    }
    serde_json::from_value(value)
        .map_err(|err| StoreError::Invalid(format!("line 1: the header is malformed: {err}")))
}

/// The header and trailer lines.
pub fn header_line(header: &Header) -> String {
    serde_json::to_string(header).unwrap_or_default()
}

pub fn trailer_line(trailer: &Trailer) -> String {
    let mut line = Map::new();
    line.insert(
        "end".into(),
        serde_json::to_value(trailer).unwrap_or(Value::Null),
    );
    Value::Object(line).to_string()
}
