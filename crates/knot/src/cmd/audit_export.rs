//! `knot audit export --clinic ID --as EMAIL --format csv|json [--out FILE]`: a clinic's whole
//! audit log, newest first, for its admins (the same access check as the web's export; the
//! reading is audited). CSV is RFC 4180 with cells a spreadsheet would run as a formula made
//! inert; JSON is an array of rows. Standard output unless `--out` names a file.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use knot_app::clinic::audit_csv;
use knot_app::ClinicAction;
use knot_record::ClinicId;

use super::clinic::staff_ctx;
use super::db::{app_failure, block_on, Db};
use crate::failure::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The clinic's id (`knot clinic list --as EMAIL` shows it).
    #[arg(long, value_name = "ID")]
    clinic: ClinicId,
    /// The e-mail address of one of the clinic's admins.
    #[arg(long = "as", value_name = "ADMIN_EMAIL")]
    acting: String,
    /// csv or json.
    #[arg(long, value_enum)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: ExportArgs, db: &Db) -> Result<(), Failure> {
    let rows = block_on(async {
        let app = db.open().await?.app;
        let ctx = staff_ctx(
            &app,
            args.clinic,
            &args.acting,
            ClinicAction::ViewAudit,
            "only the clinic's admins read and export its audit log",
        )
        .await?;
        app.export_clinic_audit(&ctx).await.map_err(app_failure)
    })?;
    let text = match args.format {
        Format::Csv => audit_csv(&rows),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&rows).context("the log as JSON")?;
            json.push('\n');
            json
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!(
                "Wrote {} audit rows of clinic {} to {}.",
                rows.len(),
                args.clinic,
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(())
}
