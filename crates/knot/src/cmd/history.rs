//! `knot history` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {}

/// Runs `knot history`.
pub fn run(_args: HistoryArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot history is not built yet"))
}
