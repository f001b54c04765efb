//! How an audit row is sealed into its clinic's hash chain, whichever backend stores it.
//!
//! `row_hash = SHA-256(every field below, in this order, each framed)`, in lowercase hex. The
//! fields are the row as stored — the hash of the row before it (`prev_hash`, [`GENESIS`] for
//! a clinic's first row), then id, clinic, place in the chain, time (as its stored text),
//! user, person, action, record kind, record id, address and session. Each field is framed
//! as a tag (absent, or present) and, when present, its length as 8 bytes then its bytes, so
//! no two different rows encode to the same bytes however their text is split (an action
//! ending in "x" cannot pass for a record beginning with it). Integers are framed as their
//! decimal text.
//!
//! Any change to a stored field changes the row's hash; the next row names this hash as its
//! `prev_hash`, and the clinic's head names the last, so removing or altering a row shows.

use sha2::{Digest, Sha256};

/// The `prev_hash` of a clinic's first row, and the hash of a clinic head with no rows.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Names the encoding, so a later change of fields cannot collide with this one.
const DOMAIN: &[u8] = b"knot audit chain v1";

/// One audit row as stored: what its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRow {
    pub id: i64,
    pub clinic_id: i64,
    pub chain_seq: i64,
    pub at: String,
    pub user_id: i64,
    pub person_id: Option<i64>,
    pub action: String,
    pub record: String,
    pub record_id: Option<i64>,
    pub address: Option<String>,
    pub session: Option<String>,
}

/// The hash of `row`, which follows the row whose hash is `prev_hash`.
pub fn row_hash(prev_hash: &str, row: &ChainedRow) -> String {
    let mut hash = Sha256::new();
    hash.update(DOMAIN);
    let int = |n: i64| Some(n.to_string());
    let fields: [Option<String>; 12] = [
        Some(prev_hash.to_owned()),
        int(row.id),
        int(row.clinic_id),
        int(row.chain_seq),
        Some(row.at.clone()),
        int(row.user_id),
        row.person_id.and_then(int),
        Some(row.action.clone()),
        Some(row.record.clone()),
        row.record_id.and_then(int),
        row.address.clone(),
        row.session.clone(),
    ];
    for field in &fields {
        frame(&mut hash, field.as_deref());
    }
    hash.finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn frame(hash: &mut Sha256, field: Option<&str>) {
    match field {
        None => hash.update([0u8]),
        Some(text) => {
            hash.update([1u8]);
            hash.update((text.len() as u64).to_be_bytes());
            hash.update(text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> ChainedRow {
        ChainedRow {
            id: 7,
            clinic_id: 1,
            chain_seq: 3,
            at: "2026-12-06T10:00:00.000000000Z".into(),
            user_id: 2,
            person_id: Some(2),
            action: "read".into(),
            record: "entry".into(),
            record_id: None,
            address: None,
            session: None,
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_hash() {
        let base = row_hash(GENESIS, &row());
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            row_hash(GENESIS, &row()),
            "the same row, the same hash"
        );
        let changed: Vec<ChainedRow> = vec![
            ChainedRow { id: 8, ..row() },
            ChainedRow {
                clinic_id: 9,
                ..row()
            },
            ChainedRow {
                chain_seq: 4,
                ..row()
            },
            ChainedRow {
                at: "2026-12-06T10:00:00.000000001Z".into(),
                ..row()
            },
            ChainedRow {
                user_id: 3,
                ..row()
            },
            ChainedRow {
                person_id: None,
                ..row()
            },
            ChainedRow {
                action: "delete".into(),
                ..row()
            },
            ChainedRow {
                record: "plan".into(),
                ..row()
            },
            ChainedRow {
                record_id: Some(1),
                ..row()
            },
            ChainedRow {
                address: Some("10.0.0.1".into()),
                ..row()
            },
            ChainedRow {
                session: Some("".into()),
                ..row()
            },
        ];
        for other in changed {
            assert_ne!(row_hash(GENESIS, &other), base, "{other:?}");
        }
        assert_ne!(row_hash(&"1".repeat(64), &row()), base);
    }

    #[test]
    fn text_moved_across_a_field_boundary_changes_the_hash() {
        let a = ChainedRow {
            action: "readx".into(),
            record: "entry".into(),
            ..row()
        };
        let b = ChainedRow {
            action: "read".into(),
            record: "xentry".into(),
            ..row()
        };
        assert_ne!(row_hash(GENESIS, &a), row_hash(GENESIS, &b));
        let empty = ChainedRow {
            address: Some(String::new()),
            ..row()
        };
        assert_ne!(
            row_hash(GENESIS, &empty),
            row_hash(GENESIS, &row()),
            "empty is not absent"
        );
    }
}
