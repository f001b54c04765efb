//! `knot account`: the command line's person and the browser's as one. `set-password` gives
//! the CLI's own person (or, with `--user EMAIL`, that web account) an address and password, so
//! they sign in to `knot serve` and see the same diary; `show` says who the CLI acts as; `reset`
//! prints a one-time link to choose a new password; `delete --yes` erases the account and every
//! record of it (`--confirm-email` for a web one).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use knot_app::account::LoginChange;

use super::db::{app_failure, block_on, Db};
use super::password::read_new_password;
use crate::failure::Failure;

/// The environment variable `set-password` reads the new password from.
const PASSWORD_ENV: &str = "KNOT_PASSWORD";

#[derive(Debug, Args)]
pub struct AccountArgs {
    #[command(subcommand)]
    command: AccountCommand,
}

#[derive(Debug, Subcommand)]
enum AccountCommand {
    /// Give this person a sign-in for the web (or a new password): every browser session of
    /// the account ends. The password comes from --password-file, KNOT_PASSWORD, or is asked.
    SetPassword(SetPasswordArgs),
    /// Who the command line acts as, and whether they can sign in to the web.
    Show,
    /// Print a one-time link (it works for an hour) with which the web account registered as
    /// EMAIL chooses a new password: for a server that cannot send e-mail.
    Reset(ResetArgs),
    /// Delete this person's account and erase every record of it for good: diary (deleted
    /// entries too), sessions, plans, screenings, sign-in. Needs --yes; a web account (with
    /// --user, or the CLI's person once it has a sign-in) also needs its address again in
    /// --confirm-email. The audit log keeps a line that names no data.
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
struct ResetArgs {
    /// The account's e-mail address.
    email: String,
    /// Where people reach `knot serve`; the link starts with it.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:7878")]
    base_url: String,
}

#[derive(Debug, Args)]
struct DeleteArgs {
    /// Yes, erase the records for good.
    #[arg(long)]
    yes: bool,
    /// The account's e-mail address, typed again (for a web account).
    #[arg(long, value_name = "EMAIL")]
    confirm_email: Option<String>,
}

#[derive(Debug, Args)]
struct SetPasswordArgs {
    /// The e-mail address to sign in with (needed the first time for the CLI's own person).
    #[arg(long)]
    email: Option<String>,
    /// The name the web pages show.
    #[arg(long)]
    name: Option<String>,
    /// A file whose first line is the new password.
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
}

pub fn run(args: AccountArgs, db: &Db) -> Result<(), Failure> {
    match args.command {
        AccountCommand::SetPassword(set) => set_password(set, db),
        AccountCommand::Show => show(db),
        AccountCommand::Reset(reset) => super::account_reset::run(reset.email, &reset.base_url, db),
        AccountCommand::Delete(delete) => delete_account(delete, db),
    }
}

fn set_password(args: SetPasswordArgs, db: &Db) -> Result<(), Failure> {
    let password = read_new_password(args.password_file.as_deref(), PASSWORD_ENV)?;
    block_on(async {
        let opened = db.open().await?;
        let change = LoginChange {
            email: args.email.clone(),
            display_name: args.name.clone(),
            password,
        };
        opened
            .app
            .set_login(&opened.actor, &change, None)
            .await
            .map_err(app_failure)?;
        let account = opened
            .app
            .account(&opened.actor)
            .await
            .map_err(app_failure)?;
        let email = account.map(|a| a.email).unwrap_or_default();
        println!("Signs in as {email}: `knot serve`, then sign in at /signin with this password.");
        println!("The browser and `knot` now keep one diary. Every other browser session ended.");
        Ok(())
    })
}

fn delete_account(args: DeleteArgs, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let opened = db.open().await?;
        let counts = opened
            .app
            .delete_account_as_operator(&opened.actor, args.confirm_email.as_deref(), args.yes)
            .await
            .map_err(app_failure)?;
        println!(
            "Erased: {} diary entries, {} sessions, {} plans, {} screenings; the sign-in and \
             browser sessions are gone.",
            counts.entries, counts.sessions, counts.plans, counts.screenings
        );
        if counts.kept_as_author {
            println!(
                "Your name stays on the clinic records you signed as staff: the clinic keeps \
                 them for its retention period."
            );
        }
        Ok(())
    })
}

fn show(db: &Db) -> Result<(), Failure> {
    block_on(async {
        let opened = db.open().await?;
        match opened
            .app
            .account(&opened.actor)
            .await
            .map_err(app_failure)?
        {
            Some(account) => println!(
                "{} <{}>: signs in to the web as this person; the CLI and the browser keep one \
                 diary.",
                account.display_name, account.email
            ),
            None => println!(
                "The command line's own person, with no web sign-in: `knot account \
                 set-password --email ADDRESS` gives it one."
            ),
        }
        Ok(())
    })
}
