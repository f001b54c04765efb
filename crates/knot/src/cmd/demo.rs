//! `knot demo` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// Runs `knot demo`.
pub fn run(_args: DemoArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot demo is not built yet"))
}
