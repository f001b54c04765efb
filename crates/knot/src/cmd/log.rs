//! `knot log` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot log`.
#[derive(Debug, Args)]
pub struct LogArgs {}

/// Runs `knot log`.
pub fn run(_args: LogArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot log is not built yet"))
}
