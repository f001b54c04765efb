//! Reading and writing whole rows of the carried tables (`crate::transfer`) on one backend.
//! Compiled once per backend over its `Pool`, `DbRow` and transactions; the SQL is the same on
//! both, since both hold every value in one form (`crate::codec`).

use super::{DbRow, Pool};
use sqlx::Row as _;

use super::connect::{begin_write, WriteTx};
use crate::audit::{Actor, AuditRow};
use crate::error::{StoreError, StoreResult};
use crate::origin::AuditOrigin;
use crate::transfer::{Cell, Kind, PersonRows, Row, Table, TABLES};

/// Rows per INSERT: well under either backend's limit on bound values.
const BATCH: usize = 200;

/// The newest migration applied to this database.
pub async fn schema_version(pool: &Pool) -> StoreResult<i64> {
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await?;
    Ok(version.unwrap_or(0))
}

/// Every carried row (or only `person`'s), all read from one snapshot of the database, so a
/// server writing meanwhile cannot tear it.
pub async fn read(pool: &Pool, person: Option<i64>) -> StoreResult<Vec<Row>> {
    let mut tx = super::begin_snapshot(pool).await?;
    let mut rows = Vec::new();
    for table in TABLES {
        let filter = match (person, table.person_rows) {
            (None, _) => "TRUE",
            (Some(_), PersonRows::ClinicId) => "id = (SELECT clinic_id FROM people WHERE id = $1)",
            (Some(_), PersonRows::PersonId) => "id = $1",
            (Some(_), PersonRows::PersonColumn) => "person_id = $1",
            (Some(_), PersonRows::UserColumn) => {
                "user_id IN (SELECT id FROM users WHERE person_id = $1)"
            }
            (Some(_), PersonRows::None) => continue,
        };
        let sql = format!(
            "SELECT {} FROM {} WHERE {filter} ORDER BY {}",
            column_list(table),
            table.name,
            table.key
        );
        let mut query = sqlx::query(&sql);
        if let Some(person) = person {
            query = query.bind(person);
        }
        for found in query.fetch_all(&mut *tx).await? {
            let mut row = decode(table, &found)?;
            if person.is_some() {
                leave_out_whole_only(&mut row);
            }
            rows.push(row);
        }
    }
    tx.commit().await?;
    if let Some(person) = person {
        record_export(pool, person).await?;
    }
    Ok(rows)
}

/// Leaves the audit row of a person's export: the whole record was read, from the command line
/// (an operator's shell has no account of its own, so the row names the person's own user).
async fn record_export(pool: &Pool, person: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let user = sqlx::query(
        "SELECT clinic_id, id FROM users WHERE person_id = $1 ORDER BY local_cli DESC, id LIMIT 1",
    )
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(user) = user {
        let row = AuditRow {
            at: chrono::Utc::now(),
            actor: Actor {
                clinic_id: user.try_get("clinic_id")?,
                user_id: user.try_get("id")?,
                person_id: Some(person),
            },
            action: "export",
            record: "person",
            record_id: Some(person),
            origin: AuditOrigin {
                address: Some("command line".into()),
                session: None,
            },
        };
        super::audit_append::append(&mut tx, &row).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How many rows each carried table holds (to refuse a restore or copy into a used database).
pub async fn row_count(pool: &Pool) -> StoreResult<u64> {
    let mut total = 0;
    for table in TABLES {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", table.name))
            .fetch_one(pool)
            .await?;
        total += u64::try_from(count).unwrap_or(0);
    }
    Ok(total)
}

/// Writes `rows` in one transaction. A row whose key is already there is skipped when it is
/// identical and refused (`Conflict`, nothing written) when it is not. Before committing, every
/// row is read back and compared, so a value the database altered is caught, not stored.
/// With `chain_unchained`, new audit rows that came without their chain are then appended to
/// their clinics' chains (an import; a copy carries the chain exactly as it is). Returns how
/// many rows were new.
pub async fn write(pool: &Pool, rows: &[Row], chain_unchained: bool) -> StoreResult<u64> {
    let mut unchained = Vec::new();
    let mut tx = begin_write(pool).await?;
    let mut written = 0;
    for table in TABLES.iter() {
        let mine: Vec<&Row> = rows
            .iter()
            .filter(|row| row.table.name == table.name)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let present = fetch_by_key(&mut tx, table, &mine).await?;
        let mut fresh = Vec::new();
        for row in mine {
            match present.iter().find(|there| there.key() == row.key()) {
                Some(there) if there == row || same_but_whole_only(there, row) => {}
                Some(_) => {
                    return Err(StoreError::Conflict(format!(
                        "{} {} is already in the database with different content; nothing was \
                         imported (import into an empty database, or one that holds this \
                         record unchanged)",
                        table.name,
                        key_text(row.key())
                    )))
                }
                None => fresh.push(row),
            }
        }
        for batch in fresh.chunks(BATCH) {
            insert(&mut tx, table, batch).await?;
        }
        fill_deferred(&mut tx, table, &fresh).await?;
        super::move_identity(&mut tx, table).await?;
        let stored = fetch_by_key(&mut tx, table, &fresh).await?;
        if stored.len() != fresh.len() || fresh.iter().zip(&stored).any(|(a, b)| *a != b) {
            return Err(StoreError::Corrupt(format!(
                "{} did not read back as written; nothing was imported",
                table.name
            )));
        }
        written += fresh.len() as u64;
        if table.name == "audit_log" {
            unchained.extend(fresh.iter().filter_map(|row| unchained_audit_id(row)));
        }
    }
    if chain_unchained {
        super::audit_append::chain_imported(&mut tx, &unchained).await?;
    }
    tx.commit().await?;
    Ok(written)
}

/// Empties the columns a person's export does not carry.
fn leave_out_whole_only(row: &mut Row) {
    for (cell, (column, _)) in row.cells.iter_mut().zip(row.table.columns) {
        if row.table.whole_only.contains(column) {
            *cell = Cell::Null;
        }
    }
}

/// Whether `incoming` is `stored` without the columns only a whole database carries.
fn same_but_whole_only(stored: &Row, incoming: &Row) -> bool {
    let table = incoming.table;
    table
        .columns
        .iter()
        .zip(stored.cells.iter().zip(&incoming.cells))
        .all(|((column, _), (stored, incoming))| {
            stored == incoming || (table.whole_only.contains(column) && *incoming == Cell::Null)
        })
}

/// The id of an audit row that came without its place in a chain.
fn unchained_audit_id(row: &Row) -> Option<i64> {
    let cell = |name: &str| {
        let at = row
            .table
            .columns
            .iter()
            .position(|(column, _)| *column == name)?;
        row.cells.get(at)
    };
    match (cell("chain_seq"), row.key()) {
        (Some(Cell::Null), Cell::Int(id)) => Some(*id),
        _ => None,
    }
}

async fn insert(tx: &mut WriteTx, table: &Table, rows: &[&Row]) -> StoreResult<()> {
    let width = table.columns.len();
    let values = (0..rows.len())
        .map(|row| {
            let marks = (1..=width)
                .map(|column| format!("${}", row * width + column))
                .collect::<Vec<_>>();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES {values}",
        table.name,
        column_list(table)
    );
    let mut query = sqlx::query(&sql);
    for row in rows {
        for ((column, kind), cell) in table.columns.iter().zip(&row.cells) {
            let cell = if table.deferred.contains(column) {
                &Cell::Null
            } else {
                cell
            };
            query = match (cell, kind) {
                (Cell::Null, Kind::Int) => query.bind(None::<i64>),
                (Cell::Null, Kind::Bool) => query.bind(None::<bool>),
                (Cell::Null, Kind::Text) => query.bind(None::<String>),
                (Cell::Null, Kind::Bytes) => query.bind(None::<Vec<u8>>),
                (Cell::Int(n), _) => query.bind(*n),
                (Cell::Bool(b), _) => query.bind(*b),
                (Cell::Text(text), _) => query.bind(text.clone()),
                (Cell::Bytes(bytes), _) => query.bind(bytes.clone()),
            };
        }
    }
    query
        .execute(&mut **tx)
        .await
        .map_err(|err| refused(table, err))?;
    Ok(())
}

/// Sets the forward-pointing columns once every row they may point to is in.
async fn fill_deferred(tx: &mut WriteTx, table: &Table, rows: &[&Row]) -> StoreResult<()> {
    for column in table.deferred {
        let at = table
            .columns
            .iter()
            .position(|(name, _)| name == column)
            .ok_or_else(|| {
                StoreError::Corrupt(format!("{}.{column} is not a column", table.name))
            })?;
        let sql = format!(
            "UPDATE {} SET {column} = $1 WHERE {} = $2",
            table.name, table.key
        );
        for row in rows {
            if let (Cell::Int(value), Cell::Int(key)) = (&row.cells[at], row.key()) {
                sqlx::query(&sql)
                    .bind(*value)
                    .bind(*key)
                    .execute(&mut **tx)
                    .await
                    .map_err(|err| refused(table, err))?;
            }
        }
    }
    Ok(())
}

/// The rows of `table` whose keys `rows` hold, in the order of `rows`' keys (missing ones left
/// out).
async fn fetch_by_key(
    tx: &mut WriteTx,
    table: &'static Table,
    rows: &[&Row],
) -> StoreResult<Vec<Row>> {
    let mut found = Vec::with_capacity(rows.len());
    for batch in rows.chunks(BATCH) {
        let marks = (1..=batch.len())
            .map(|at| format!("${at}"))
            .collect::<Vec<_>>();
        let sql = format!(
            "SELECT {} FROM {} WHERE {} IN ({}) ORDER BY {}",
            column_list(table),
            table.name,
            table.key,
            marks.join(", "),
            table.key
        );
        let mut query = sqlx::query(&sql);
        for row in batch {
            query = match row.key() {
                Cell::Int(n) => query.bind(*n),
                Cell::Text(text) => query.bind(text.clone()),
                other => {
                    return Err(StoreError::Invalid(format!(
                        "{}: a key cannot be {other:?}",
                        table.name
                    )))
                }
            };
        }
        let mut batch_rows = Vec::new();
        for stored in query.fetch_all(&mut **tx).await? {
            batch_rows.push(decode(table, &stored)?);
        }
        for row in batch {
            if let Some(at) = batch_rows
                .iter()
                .position(|stored| stored.key() == row.key())
            {
                found.push(batch_rows.swap_remove(at));
            }
        }
    }
    Ok(found)
}

fn decode(table: &'static Table, row: &DbRow) -> StoreResult<Row> {
    let cells = table
        .columns
        .iter()
        .enumerate()
        .map(|(at, (_, kind))| {
            Ok(match kind {
                Kind::Int => row
                    .try_get::<Option<i64>, _>(at)?
                    .map_or(Cell::Null, Cell::Int),
                Kind::Bool => row
                    .try_get::<Option<bool>, _>(at)?
                    .map_or(Cell::Null, Cell::Bool),
                Kind::Text => row
                    .try_get::<Option<String>, _>(at)?
                    .map_or(Cell::Null, Cell::Text),
                Kind::Bytes => row
                    .try_get::<Option<Vec<u8>>, _>(at)?
                    .map_or(Cell::Null, Cell::Bytes),
            })
        })
        .collect::<Result<Vec<Cell>, sqlx::Error>>()?;
    Ok(Row { table, cells })
}

fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn key_text(key: &Cell) -> String {
    match key {
        Cell::Int(n) => n.to_string(),
        Cell::Text(_) => "(a named key)".into(),
        other => format!("{other:?}"),
    }
}

/// A constraint the target refused (a taken e-mail, a row pointing at a missing parent): the
/// file does not fit this database.
fn refused(table: &Table, err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) => StoreError::Conflict(format!(
            "{} cannot be imported here: {}; nothing was imported (a person's export goes into \
             a database without their account, or one that holds it unchanged)",
            table.name,
            db.message()
        )),
        _ => StoreError::from(err),
    }
}
