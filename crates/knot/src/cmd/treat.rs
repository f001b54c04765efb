//! `knot treat` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot treat`.
#[derive(Debug, Args)]
pub struct TreatArgs {}

/// Runs `knot treat`.
pub fn run(_args: TreatArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot treat is not built yet"))
}
