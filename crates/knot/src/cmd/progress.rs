//! `knot progress` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {}

/// Runs `knot progress`.
pub fn run(_args: ProgressArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot progress is not built yet"))
}
