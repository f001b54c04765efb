//! `knot clinic init | invite | staff | list`: an operator's commands for clinic mode, run against
//! `--db` on the machine that holds the database. The operator acts as a named web account
//! (`--as`, `App::operator_acting_as`); the application's access check decides what that account
//! may do, exactly as from the web.

use std::path::PathBuf;

use chrono::Utc;
use clap::{Args, Subcommand};
use knot_app::account::{check_sign_up, SignUp};
use knot_app::{Actor, App, AppError, ClinicAction};
use knot_record::{ClinicCtx, ClinicId, Role};

use super::db::{app_failure, block_on, Db};
use super::password::{hash_password, read_password};
use crate::failure::{bad_input, Failure};

/// The address `knot serve` listens on by default, for the links printed.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:7878";

/// Arguments of `knot clinic`.
#[derive(Debug, Args)]
pub struct ClinicArgs {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Create a clinic with its first admin (a web account, made if the e-mail has none).
    Init(InitArgs),
    /// Invite a member of staff: prints a one-time join link (valid for 7 days), once.
    Invite(InviteArgs),
    /// List a clinic's staff (names, e-mail addresses, roles).
    Staff(StaffArgs),
    /// List the clinics an account works in, with its role in each.
    List(super::clinic_list::ListArgs),
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The clinic's name.
    #[arg(long)]
    name: String,
    /// The admin's e-mail address (their web account's; made if there is none).
    #[arg(long, value_name = "EMAIL")]
    admin_email: String,
    /// The admin's name as shown on pages (default: the part of the e-mail before the @).
    #[arg(long, value_name = "NAME")]
    admin_name: Option<String>,
    /// A file whose first line is the new account's password (else KNOT_ADMIN_PASSWORD).
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct InviteArgs {
    /// The clinic's id (`knot clinic init` printed it).
    #[arg(long, value_name = "ID")]
    clinic: ClinicId,
    /// The e-mail address of the admin sending the invitation.
    #[arg(long = "as", value_name = "ADMIN_EMAIL")]
    acting: String,
    /// Who is invited.
    #[arg(long, value_name = "EMAIL")]
    email: String,
    /// therapist, front_desk or admin.
    #[arg(long)]
    role: String,
    /// Where the web app is reached, for the link.
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
    base_url: String,
}

#[derive(Debug, Args)]
struct StaffArgs {
    /// The clinic's id.
    #[arg(long, value_name = "ID")]
    clinic: ClinicId,
    /// The e-mail address of a member of its staff allowed to manage staff (an admin).
    #[arg(long = "as", value_name = "EMAIL")]
    acting: String,
}

/// Runs `knot clinic`.
pub fn run(args: ClinicArgs, db: &Db) -> Result<(), Failure> {
    match args.action {
        Action::Init(init) => run_init(init, db),
        Action::Invite(invite) => run_invite(invite, db),
        Action::Staff(staff) => run_staff(staff, db),
        Action::List(list) => super::clinic_list::run(list, db),
    }
}

fn run_init(args: InitArgs, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let app = db.open().await?.app;
        let (actor, made) = admin_account(&app, &args).await?;
        let clinic = app
            .create_clinic(&actor, &args.name)
            .await
            .map_err(app_failure)?;
        let account = if made {
            "a new web account"
        } else {
            "their existing web account"
        };
        println!(
            "Created clinic {} ({:?}) with {} as its admin ({account}).\n\
             Sign in: run `knot serve`, open {DEFAULT_BASE_URL}/signin and sign in as {}.\n\
             Invite staff: knot clinic invite --clinic {} --as {} --email EMAIL --role therapist",
            clinic.id,
            clinic.name,
            args.admin_email.trim(),
            args.admin_email.trim(),
            clinic.id,
            args.admin_email.trim()
        );
        Ok(())
    })
}

/// The admin's account: the one registered with the e-mail, else a new one with the password
/// given. Says whether it was made.
async fn admin_account(app: &App, args: &InitArgs) -> Result<(Actor, bool), Failure> {
    if let Ok(actor) = app.operator_acting_as(&args.admin_email).await {
        return Ok((actor, false));
    }
    let email = args.admin_email.trim();
    let form = SignUp {
        email: email.to_owned(),
        display_name: args
            .admin_name
            .clone()
            .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned()),
        password: read_password(args.password_file.as_deref())?,
        confirm: None,
    };
    let problems = check_sign_up(&form);
    if !problems.is_empty() {
        let text: Vec<String> = problems
            .into_iter()
            .map(|(field, problem)| format!("{}: {problem}", flag_for(field)))
            .collect();
        return Err(bad_input(text.join(" ")));
    }
    let hash = hash_password(&form.password)?;
    let account = app.register(&form, &hash).await.map_err(app_failure)?;
    let actor = app
        .operator_acting_as(&account.email)
        .await
        .map_err(app_failure)?;
    Ok((actor, true))
}

fn flag_for(field: &str) -> &'static str {
    match field {
        "email" => "--admin-email",
        "display_name" => "--admin-name",
        _ => "the password",
    }
}

fn run_invite(args: InviteArgs, db: &Db) -> Result<(), Failure> {
    let role = parse_role(&args.role)?;
    block_on(async {
        let app = db.open().await?.app;
        let ctx = staff_ctx(
            &app,
            args.clinic,
            &args.acting,
            ClinicAction::InviteStaff,
            STAFF,
        )
        .await?;
        let made = app
            .invite_staff(&ctx, role, &args.email, Utc::now())
            .await
            .map_err(app_failure)?;
        println!(
            "Invited {} to clinic {} as {}. Send them this link (it works once, until {}):\n{}",
            made.invitation.email,
            args.clinic,
            role.as_str(),
            made.invitation.expires_at.format("%Y-%m-%d %H:%M UTC"),
            join_link(&args.base_url, &made.token)
        );
        Ok(())
    })
}

fn run_staff(args: StaffArgs, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let app = db.open().await?.app;
        let ctx = staff_ctx(
            &app,
            args.clinic,
            &args.acting,
            ClinicAction::ManageStaff,
            STAFF,
        )
        .await?;
        let staff = app.list_staff(&ctx).await.map_err(app_failure)?;
        for member in staff.iter().filter(|member| member.removed_at.is_none()) {
            println!(
                "{:<10} {:<12} {:<30} {}",
                member.user_id,
                member.role.as_str(),
                member.email.as_deref().unwrap_or("-"),
                member.display_name
            );
        }
        Ok(())
    })
}

/// The link a new member of staff opens to join.
pub fn join_link(base_url: &str, token: &str) -> String {
    format!(
        "{}/clinic/join?token={token}",
        base_url.trim_end_matches('/')
    )
}

fn parse_role(word: &str) -> Result<Role, Failure> {
    match Role::parse(&word.trim().replace('-', "_")) {
        Some(role) if role != Role::Person => Ok(role),
        _ => Err(bad_input(format!(
            "--role {word:?} is not a staff role: use therapist, front_desk or admin"
        ))),
    }
}

/// Who may manage staff, for a refusal.
const STAFF: &str = "only the clinic's admins invite and manage staff";

/// The access check for `acting` doing `action` in `clinic`, its refusals as sentences
/// (`who_may` says who may, for a role refused).
pub(super) async fn staff_ctx(
    app: &App,
    clinic: ClinicId,
    acting: &str,
    action: ClinicAction,
    who_may: &str,
) -> Result<ClinicCtx, Failure> {
    let actor = app.operator_acting_as(acting).await.map_err(|err| {
        bad_input(format!(
            "{err}; --as takes the e-mail address of a web account on the clinic's staff"
        ))
    })?;
    app.clinic_ctx(&actor, clinic, action)
        .await
        .map_err(|err| match err {
            AppError::NotFound { .. } => bad_input(format!(
                "there is no clinic {clinic} with {} on its staff; check --clinic (knot clinic \
                 init printed the id) and --as",
                acting.trim()
            )),
            AppError::Forbidden => bad_input(format!(
                "{} is not allowed to do that in clinic {clinic}: {who_may}",
                acting.trim()
            )),
            other => app_failure(other),
        })
}
