//! One column's value in a transfer, and its JSON form: integers as numbers, flags as booleans,
//! text as strings, bytes as lowercase hex, SQL NULL as `null`.

use serde_json::Value;

use super::tables::Kind;
use crate::error::{StoreError, StoreResult};

/// A column's value, read from one backend and written to the other unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
}

impl Cell {
    /// The value's JSON form.
    pub fn to_json(&self) -> Value {
        match self {
            Cell::Null => Value::Null,
            Cell::Int(n) => Value::from(*n),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Text(text) => Value::String(text.clone()),
            Cell::Bytes(bytes) => Value::String(hex(bytes)),
        }
    }

    /// Reads a column of `kind` from its JSON form; `what` names it in the message.
    pub fn from_json(value: &Value, kind: Kind, what: &str) -> StoreResult<Cell> {
        let wrong = |expected: &str| {
            StoreError::Invalid(format!("{what} should be {expected}, not {value}"))
        };
        Ok(match (value, kind) {
            (Value::Null, _) => Cell::Null,
            (Value::Number(n), Kind::Int) => {
                Cell::Int(n.as_i64().ok_or_else(|| wrong("an integer"))?)
            }
            (Value::Bool(b), Kind::Bool) => Cell::Bool(*b),
            (Value::String(text), Kind::Text) => Cell::Text(text.clone()),
            (Value::String(text), Kind::Bytes) => {
                Cell::Bytes(unhex(text).ok_or_else(|| wrong("bytes in hex"))?)
            }
            (_, Kind::Int) => return Err(wrong("an integer")),
            (_, Kind::Bool) => return Err(wrong("true or false")),
            (_, Kind::Text) => return Err(wrong("a string")),
            (_, Kind::Bytes) => return Err(wrong("bytes in hex")),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_survives_its_json_form() {
        let cases = [
            (Cell::Int(-42), Kind::Int),
            (Cell::Bool(true), Kind::Bool),
            (Cell::Text("pain \"here\" ✓".into()), Kind::Text),
            (Cell::Bytes(vec![0, 1, 254, 255]), Kind::Bytes),
            (Cell::Null, Kind::Text),
        ];
        for (cell, kind) in cases {
            assert_eq!(Cell::from_json(&cell.to_json(), kind, "x").ok(), Some(cell));
        }
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_refused_with_its_name() {
        let err = Cell::from_json(&Value::from("ten"), Kind::Int, "entries.id");
        assert!(matches!(err, Err(StoreError::Invalid(message)) if message.contains("entries.id")));
        assert!(Cell::from_json(&Value::from("abc"), Kind::Bytes, "k").is_err());
    }
}
