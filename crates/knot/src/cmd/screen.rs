//! `knot screen` (being built).

use clap::Args;

use crate::cmd::db::Db;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {}

/// Runs `knot screen`.
pub fn run(_args: ScreenArgs, _db: &Db) -> Result<(), Failure> {
    Err(bad_input("knot screen is not built yet"))
}
