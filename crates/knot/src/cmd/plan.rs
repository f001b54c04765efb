//! `knot plan` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {}

/// Runs `knot plan`.
pub fn run(_args: PlanArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot plan is not built yet"))
}
