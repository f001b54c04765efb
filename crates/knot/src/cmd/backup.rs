//! `knot backup FILE` and `knot restore FILE`: a consistent snapshot of the whole database (one
//! read transaction, so a running server may keep writing), encrypted with age to a passphrase
//! or to recipients' public keys, and its restore into an empty database, verified row for row.
//! `knot db copy --from URL --to URL` moves a whole database between backends the same way,
//! without a file.

use std::io::{Read, Write};
use std::path::PathBuf;

use age::secrecy::SecretString;
use clap::{Args, Subcommand};
use knot_store::transfer::{self, Scope, Target};

use super::db::{block_on, store_failure, Db};
use super::files;
use crate::failure::{bad_input, Failure};

/// Where a backup's passphrase comes from when no file is given.
pub const PASSPHRASE_ENV: &str = "KNOT_BACKUP_PASSPHRASE";

/// Arguments of `knot backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The encrypted backup to write (readable by you alone).
    file: PathBuf,
    /// Encrypt to this age public key (age1…) instead of a passphrase; may be repeated.
    #[arg(long, value_name = "AGE_PUBLIC_KEY")]
    recipient: Vec<String>,
    /// Read the passphrase from this file's first line (else from KNOT_BACKUP_PASSPHRASE).
    #[arg(long, value_name = "FILE", conflicts_with = "recipient")]
    passphrase_file: Option<PathBuf>,
}

/// Arguments of `knot restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup `knot backup` wrote.
    file: PathBuf,
    /// Decrypt with the age identities (secret keys) in this file instead of a passphrase.
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
    /// Read the passphrase from this file's first line (else from KNOT_BACKUP_PASSPHRASE).
    #[arg(long, value_name = "FILE", conflicts_with = "identity")]
    passphrase_file: Option<PathBuf>,
}

/// Arguments of `knot db`.
#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    action: DbAction,
}

#[derive(Debug, Subcommand)]
enum DbAction {
    /// Copy a whole database into an empty one, on either backend, and check the copy equal.
    Copy(CopyArgs),
}

#[derive(Debug, Args)]
struct CopyArgs {
    /// The database to copy (default: --db, or your own file).
    #[arg(long, value_name = "URL")]
    from: Option<String>,
    /// The empty database to fill: sqlite:PATH or postgres://USER@HOST/DATABASE.
    #[arg(long, value_name = "URL")]
    to: String,
}

pub fn run_backup(args: BackupArgs, db: &Db) -> Result<(), Failure> {
    let recipients = parse_recipients(&args.recipient)?;
    let passphrase = if recipients.is_empty() {
        Some(passphrase(args.passphrase_file.as_ref())?)
    } else {
        None
    };
    let (text, rows) = block_on(async {
        let source = Target::open(&db.url()?).await.map_err(store_failure)?;
        let mut text = Vec::new();
        let trailer = transfer::export(&source, Scope::Database, &mut text)
            .await
            .map_err(store_failure)?;
        source.close().await;
        Ok((text, trailer.counts.values().sum::<u64>()))
    })?;
    let encryptor = match passphrase {
        Some(passphrase) => age::Encryptor::with_user_passphrase(passphrase),
        None => {
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|err| bad_input(format!("cannot encrypt to those recipients: {err}")))?
        }
    };
    let mut sealed = Vec::new();
    let mut writer = encryptor
        .wrap_output(&mut sealed)
        .map_err(|err| Failure::Other(err.into()))?;
    writer
        .write_all(&text)
        .and_then(|()| writer.finish().map(drop))
        .map_err(|err| Failure::Other(err.into()))?;
    files::write_private(&args.file, &sealed)?;
    eprintln!(
        "knot: backed up {rows} records to {} (encrypted with age)",
        args.file.display()
    );
    Ok(())
}

pub fn run_restore(args: RestoreArgs, db: &Db) -> Result<(), Failure> {
    let sealed = files::read(&args.file, "backup")?;
    let decryptor = age::Decryptor::new(&sealed[..]).map_err(|err| {
        bad_input(format!(
            "{} is not a Knot backup (not an age file: {err}); an unencrypted export is read \
             with `knot import`",
            args.file.display()
        ))
    })?;
    let identities: Vec<Box<dyn age::Identity>> = match &args.identity {
        Some(path) => age::IdentityFile::from_file(path.display().to_string())
            .and_then(|file| {
                file.into_identities()
                    .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err))
            })
            .map_err(|err| {
                bad_input(format!(
                    "cannot read age identities from {}: {err}",
                    path.display()
                ))
            })?,
        None => vec![Box::new(age::scrypt::Identity::new(passphrase(
            args.passphrase_file.as_ref(),
        )?))],
    };
    let mut reader = decryptor
        .decrypt(identities.iter().map(|identity| identity.as_ref()))
        .map_err(|_| {
            bad_input(
                "cannot decrypt the backup: the passphrase or identity is not the one it was \
                 made with",
            )
        })?;
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|err| {
        bad_input(format!(
            "the backup {} is damaged ({err}); use an intact copy",
            args.file.display()
        ))
    })?;
    block_on(async {
        let target = Target::open(&db.url()?).await.map_err(store_failure)?;
        let report = transfer::import(&target, &text, true)
            .await
            .map_err(store_failure)?;
        let mut again = Vec::new();
        let restored = transfer::export(&target, Scope::Database, &mut again)
            .await
            .map_err(store_failure)?;
        target.close().await;
        let expected = &report.trailer;
        if restored != *expected {
            return Err(Failure::Other(anyhow::anyhow!(
                "the restored database does not read back equal to the backup; drop it and \
                 restore again"
            )));
        }
        println!(
            "restored {} records; the database reads back equal to the backup (SHA-256 {})",
            report.written,
            &expected.sha256[..16]
        );
        Ok(())
    })
}

pub fn run_db(args: DbArgs, db: &Db) -> Result<(), Failure> {
    let DbAction::Copy(copy) = args.action;
    block_on(async {
        let from_url = match copy.from {
            Some(url) => url,
            None => db.url()?,
        };
        let from = Target::open(&from_url).await.map_err(store_failure)?;
        let to = Target::open(&copy.to).await.map_err(store_failure)?;
        let report = transfer::copy(&from, &to).await.map_err(store_failure)?;
        from.close().await;
        to.close().await;
        let rows: u64 = report.counts.values().sum();
        println!(
            "copied {rows} records to {}; the copy reads back equal (SHA-256 {})",
            knot_store::redacted_url(&copy.to),
            &report.sha256[..16]
        );
        Ok(())
    })
}

fn parse_recipients(keys: &[String]) -> Result<Vec<age::x25519::Recipient>, Failure> {
    keys.iter()
        .map(|key| {
            key.trim().parse().map_err(|_| {
                bad_input(format!(
                    "{key:?} is not an age public key; give one like age1… (made by age-keygen)"
                ))
            })
        })
        .collect()
}

/// The passphrase from the file's first line, else the environment; never echoed.
fn passphrase(file: Option<&PathBuf>) -> Result<SecretString, Failure> {
    let text = match file {
        Some(path) => {
            let bytes = files::read(path, "passphrase file")?;
            String::from_utf8_lossy(&bytes)
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        }
        None => std::env::var(PASSPHRASE_ENV).map_err(|_| {
            bad_input(format!(
                "give a passphrase: --passphrase-file FILE or {PASSPHRASE_ENV}; or encrypt to \
                 a key with --recipient age1… (restore: --identity FILE)"
            ))
        })?,
    };
    if text.chars().count() < 8 {
        return Err(bad_input(
            "the passphrase is shorter than 8 characters; choose a longer one",
        ));
    }
    Ok(SecretString::from(text))
}
