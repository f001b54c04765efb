//! `knot export [--person EMAIL | --all] [-o FILE] [--format json|fhir]` and `knot import FILE`: a person's records
//! (or a whole database) as versioned JSON lines (docs/transfer-format.md), and back into any
//! database, all or nothing.

use std::path::PathBuf;

use clap::Args;
use knot_store::transfer::{self, Scope, Target};

use super::db::{app_failure, block_on, store_failure, Db};
use super::files;
use crate::failure::{bad_input, Failure};

/// Arguments of `knot export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export the records of the web account with this e-mail (default: your own, the command
    /// line's).
    #[arg(long, value_name = "EMAIL", conflicts_with = "all")]
    person: Option<String>,
    /// Export every record of the database (as a backup does, unencrypted).
    #[arg(long)]
    all: bool,
    /// Write to this file (readable by you alone) instead of the standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// json: Knot's own versioned format (what `knot import` reads); fhir: an HL7 FHIR R4
    /// Bundle of one person's record, for another health system; csv: diary.csv and
    /// sessions.csv for a spreadsheet, written into the --output directory.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
}

/// What `knot export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Fhir,
    Csv,
}

/// Arguments of `knot import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file `knot export` wrote.
    file: PathBuf,
}

pub fn run_export(args: ExportArgs, db: &Db) -> Result<(), Failure> {
    match args.format {
        ExportFormat::Fhir => return run_fhir(args, db),
        ExportFormat::Csv => return run_csv(args, db),
        ExportFormat::Json => {}
    }
    block_on(async {
        let source = Target::open(&db.url()?).await.map_err(store_failure)?;
        let scope = if args.all {
            Scope::Database
        } else if let Some(email) = args.person.as_ref().or(db.user.as_ref()) {
            Scope::Person {
                person_id: source.person_by_email(email).await.map_err(store_failure)?,
            }
        } else {
            let person = source.local_person().await.map_err(store_failure)?;
            Scope::Person {
                person_id: person.ok_or_else(|| {
                    bad_input(
                        "this database holds no records of the command line's own person; \
                         name an account with --person EMAIL, or export everything with --all",
                    )
                })?,
            }
        };
        let mut text = Vec::new();
        let trailer = transfer::export(&source, scope, &mut text)
            .await
            .map_err(store_failure)?;
        source.close().await;
        match &args.output {
            Some(path) => {
                files::write_private(path, &text)?;
                let rows: u64 = trailer.counts.values().sum();
                eprintln!("knot: exported {rows} records to {}", path.display());
            }
            None => {
                use std::io::Write;
                std::io::stdout()
                    .write_all(&text)
                    .map_err(|err| Failure::Other(err.into()))?;
            }
        }
        Ok(())
    })
}

pub fn run_import(args: ImportArgs, db: &Db) -> Result<(), Failure> {
    let bytes = files::read(&args.file, "export")?;
    let text = String::from_utf8(bytes).map_err(|_| {
        bad_input(format!(
            "{} is not a Knot export (it is not text); a backup is read with `knot restore`",
            args.file.display()
        ))
    })?;
    block_on(async {
        let target = Target::open(&db.url()?).await.map_err(store_failure)?;
        let report = transfer::import(&target, &text, false)
            .await
            .map_err(store_failure)?;
        target.close().await;
        let rows: u64 = report.trailer.counts.values().sum();
        println!(
            "imported {} of the file's {rows} records ({} were already here unchanged)",
            report.written,
            rows - report.written
        );
        Ok(())
    })
}

/// The app and the context of the one person a FHIR or CSV export is of: `--person EMAIL`,
/// else `--user`, else the command line's own person.
async fn one_person(
    args: &ExportArgs,
    db: &Db,
    format: &str,
) -> Result<(knot_app::App, knot_record::TenantCtx), Failure> {
    if args.all {
        return Err(bad_input(format!(
            "a {format} export holds one person's record: leave out --all (or name an account \
             with --person EMAIL)"
        )));
    }
    let opened = db.open().await?;
    let ctx = match &args.person {
        Some(email) => opened
            .app
            .operator_acting_as(email)
            .await
            .map_err(app_failure)?
            .own_records(),
        None => opened.ctx,
    };
    Ok((opened.app, ctx))
}

/// `knot export --format csv --output DIR`: the diary and the sessions as two CSV files.
fn run_csv(args: ExportArgs, db: &Db) -> Result<(), Failure> {
    let Some(dir) = args.output.clone() else {
        return Err(bad_input(
            "a CSV export is two files (diary.csv and sessions.csv): give the directory to \
             write them into with --output DIR",
        ));
    };
    block_on(async {
        let (app, ctx) = one_person(&args, db, "CSV").await?;
        let tables = app.export_csv(&ctx).await.map_err(app_failure)?;
        files::create_private_dir(&dir)?;
        for (name, text) in [
            ("diary.csv", &tables.diary),
            ("sessions.csv", &tables.sessions),
        ] {
            files::write_private(&dir.join(name), text.as_bytes())?;
        }
        eprintln!(
            "knot: wrote diary.csv and sessions.csv to {} (columns: docs/csv-export.md)",
            dir.display()
        );
        Ok(())
    })
}

/// `knot export --format fhir`: one person's record as a FHIR R4 Bundle.
fn run_fhir(args: ExportArgs, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let (app, ctx) = one_person(&args, db, "FHIR").await?;
        let text = app
            .export_fhir(&ctx, chrono::Utc::now())
            .await
            .map_err(app_failure)?;
        match &args.output {
            Some(path) => {
                files::write_private(path, text.as_bytes())?;
                eprintln!("knot: wrote a FHIR R4 bundle to {}", path.display());
            }
            None => println!("{text}"),
        }
        Ok(())
    })
}
