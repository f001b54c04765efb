//! `knot audit export` (a clinic's log as CSV or JSON, for its admins: `audit_export`) and
//! `knot audit verify [--clinic ID]`: walks the audit log's hash chain, clinic by clinic, and
//! says it is whole or names the first broken row. An operator's check, run against `--db`
//! like `knot backup`; it reads no health data, only the log's own columns.

use clap::{Args, Subcommand};

use super::db::{block_on, store_failure, Db};
use crate::failure::Failure;

/// Arguments of `knot audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    action: AuditAction,
}

#[derive(Debug, Subcommand)]
enum AuditAction {
    /// Check that no audit row was removed or altered: recompute every row's hash and follow
    /// each clinic's chain to its head.
    #[command(
        after_help = "Exit codes: 0 the chain is whole; 3 it is broken (the first \
                            broken row is named); 2 bad input (an unknown clinic, a bad --db); \
                            1 the check could not run."
    )]
    Verify(VerifyArgs),
    /// Write a clinic's whole audit log as CSV or JSON (its admins only, acting as `--as`).
    Export(super::audit_export::ExportArgs),
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// Check only this clinic's chain.
    #[arg(long, value_name = "ID")]
    clinic: Option<i64>,
}

pub fn run(args: AuditArgs, db: &Db) -> Result<(), Failure> {
    match args.action {
        AuditAction::Verify(verify) => run_verify(verify, db),
        AuditAction::Export(export) => super::audit_export::run(export, db),
    }
}

fn run_verify(args: VerifyArgs, db: &Db) -> Result<(), Failure> {
    let report = block_on(async {
        let store = knot_store::open(&db.url()?).await.map_err(store_failure)?;
        store
            .verify_audit_chain(args.clinic)
            .await
            .map_err(store_failure)
    })?;
    let clinics = match report.clinics {
        1 => "1 clinic".to_string(),
        n => format!("{n} clinics"),
    };
    match report.broken {
        None => {
            println!("audit chain whole: {} rows in {clinics}", report.rows);
            Ok(())
        }
        Some(broken) => Err(Failure::Broken(format!(
            "audit chain broken at {broken} ({} rows checked before it in {clinics}); keep \
             this database as it is for investigation and restore the log from a backup that \
             verifies",
            report.rows
        ))),
    }
}
