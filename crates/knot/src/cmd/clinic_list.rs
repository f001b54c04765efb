//! `knot clinic list --as EMAIL [--json]`: the clinics a web account works in, with its role in
//! each (a self-care account's personal clinic is left out).

use clap::Args;
use knot_app::clinic::permissions::allows;
use knot_app::ClinicAction;
use knot_record::Role;
use serde::Serialize;

use super::db::{app_failure, block_on, Db};
use crate::failure::{bad_input, Failure};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The e-mail address of the web account.
    #[arg(long = "as", value_name = "EMAIL")]
    acting: String,
    /// Print JSON: an array of {id, name, role, staff, clients}.
    #[arg(long)]
    json: bool,
}

/// One clinic as listed.
#[derive(Debug, Serialize)]
struct Listed {
    id: i64,
    name: String,
    role: Role,
    /// Current staff, for an admin (who may list them); none otherwise.
    staff: Option<usize>,
    /// Clients, for a role that keeps the client list.
    clients: Option<usize>,
}

pub fn run(args: ListArgs, db: &Db) -> Result<(), Failure> {
    block_on(async {
        let app = db.open().await?.app;
        let actor = app.operator_acting_as(&args.acting).await.map_err(|err| {
            bad_input(format!(
                "{err}; --as takes the e-mail address of a web account"
            ))
        })?;
        let mut listed = Vec::new();
        for (clinic, role) in app.my_clinics(&actor).await.map_err(app_failure)? {
            if clinic.personal {
                continue;
            }
            // Counts where the role may see them (each list read is audited, as from the web).
            let staff = if allows(role, ClinicAction::ManageStaff) {
                let ctx = app
                    .clinic_ctx(&actor, clinic.id, ClinicAction::ManageStaff)
                    .await
                    .map_err(app_failure)?;
                let all = app.list_staff(&ctx).await.map_err(app_failure)?;
                Some(all.iter().filter(|m| m.removed_at.is_none()).count())
            } else {
                None
            };
            let clients = if allows(role, ClinicAction::ViewClients) {
                let ctx = app
                    .clinic_ctx(&actor, clinic.id, ClinicAction::ViewClients)
                    .await
                    .map_err(app_failure)?;
                Some(app.list_clients(&ctx).await.map_err(app_failure)?.len())
            } else {
                None
            };
            listed.push(Listed {
                id: clinic.id,
                name: clinic.name,
                role,
                staff,
                clients,
            });
        }
        if args.json {
            let text = serde_json::to_string_pretty(&listed)
                .map_err(|e| Failure::Other(anyhow::anyhow!("json: {e}")))?;
            println!("{text}");
            return Ok(());
        }
        if listed.is_empty() {
            println!(
                "{} is not on the staff of any clinic. Start one with `knot clinic init`, or \
                 join one with an invitation link from its admin.",
                args.acting.trim()
            );
            return Ok(());
        }
        println!(
            "{:<8} {:<11} {:>6} {:>8}  NAME",
            "ID", "ROLE", "STAFF", "CLIENTS"
        );
        let count = |n: Option<usize>| n.map_or("-".to_string(), |n| n.to_string());
        for clinic in &listed {
            println!(
                "{:<8} {:<11} {:>6} {:>8}  {}",
                clinic.id,
                clinic.role.as_str(),
                count(clinic.staff),
                count(clinic.clients),
                clinic.name
            );
        }
        Ok(())
    })
}
