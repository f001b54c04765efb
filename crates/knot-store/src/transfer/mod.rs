//! Moving records between databases and files: a person's export, a whole-database backup, and
//! a copy from one backend to another, all through one format (JSON lines, [`format`]).
//!
//! Reading takes one snapshot, so a server may keep writing; writing is one transaction that
//! skips rows already present unchanged, refuses a conflicting one, and reads every row back
//! before committing. Which tables and columns travel is listed once, in [`tables`], and a test
//! holds that list to both backends' schemas.

mod cell;
mod format;
mod ops;
mod tables;

pub use cell::Cell;
pub use format::{parse, Header, Parsed, Row, Scope, Trailer, FORMAT, VERSION};
pub use ops::{copy, export, import, CopyReport, ImportReport, Target};
pub use tables::{table, Kind, PersonRows, Table, SKIPPED, TABLES};
