//! What a walk of the audit chain found ([`crate::Store::verify_audit_chain`]): the chain is
//! whole, with how many rows in how many clinics, or the first row where it breaks and how.

use std::fmt;

use knot_record::ClinicId;

/// The outcome of verifying the audit chain of every clinic (or of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// Clinics whose chain was walked.
    pub clinics: u64,
    /// Chained rows checked before the walk stopped (all of them when the chain is whole).
    pub rows: u64,
    /// The first break found; `None` when every chain walked is whole.
    pub broken: Option<ChainBreak>,
}

impl ChainReport {
    /// Whether every chain walked is whole.
    pub fn is_whole(&self) -> bool {
        self.broken.is_none()
    }
}

/// Where a chain breaks first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub clinic_id: ClinicId,
    /// The place in the chain where it breaks (for the head: the head's place).
    pub seq: Option<i64>,
    /// The audit row at that place, when there is one.
    pub audit_id: Option<i64>,
    pub problem: ChainProblem,
}

/// How a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainProblem {
    /// The row's stored hash is not the hash of what it holds: a field was changed after it
    /// was written.
    Altered,
    /// Places `from..=to` have no row: rows were removed before this one.
    Missing { from: i64, to: i64 },
    /// The row's `prev_hash` is not the hash of the row before it: that row was replaced, or
    /// this one was rewritten.
    Unlinked,
    /// The head says the chain ends at a later place than its last row: rows were removed from
    /// the end.
    HeadAhead { head_seq: i64, last_seq: i64 },
    /// Rows go on past the place the head names: they were added without the chain's lock.
    HeadBehind { head_seq: i64, last_seq: i64 },
    /// The head's hash is not the last row's.
    HeadMismatch,
    /// The clinic has chained rows but no head.
    NoHead,
    /// Rows that were never chained: written around Knot (or by a Knot before the chain).
    Unchained { count: u64 },
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "clinic {}", self.clinic_id)?;
        if let Some(seq) = self.seq {
            write!(f, ", chain place {seq}")?;
        }
        if let Some(id) = self.audit_id {
            write!(f, ", audit row {id}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainProblem::Altered => f.write_str(
                "altered — the row no longer matches its hash (a field was changed after it \
                 was written)",
            ),
            ChainProblem::Missing { from, to } if from == to => {
                write!(f, "missing before it — the row at place {from} was removed")
            }
            ChainProblem::Missing { from, to } => write!(
                f,
                "missing before it — the rows at places {from} to {to} were removed"
            ),
            ChainProblem::Unlinked => f.write_str(
                "does not link to the row before it (its prev_hash differs: that row was \
                 replaced, or this one rewritten)",
            ),
            ChainProblem::HeadAhead { head_seq, last_seq } => write!(
                f,
                "head does not match — rows removed from the end (the head is at place \
                 {head_seq}, the last row at {last_seq})"
            ),
            ChainProblem::HeadBehind { head_seq, last_seq } => write!(
                f,
                "head does not match — rows added past it without the chain (the head is at \
                 place {head_seq}, the last row at {last_seq})"
            ),
            ChainProblem::HeadMismatch => f.write_str(
                "head does not match — its hash is not the last row's (the last row was \
                 replaced, or the head rewritten)",
            ),
            ChainProblem::NoHead => {
                f.write_str("the clinic's chain head is missing (audit_heads has no row)")
            }
            ChainProblem::Unchained { count } => write!(
                f,
                "{count} audit row(s) are not in the chain (written around Knot, not through \
                 it); the first is named"
            ),
        }
    }
}
