//! `knot account reset EMAIL [--base-url URL]`: a one-time link to choose a new password, for a
//! server that cannot send e-mail. Whoever runs Knot gives the link to the person (it works
//! once, for an hour, and using it signs the account out everywhere).

use chrono::Utc;

use super::db::{app_failure, block_on, Db};
use crate::failure::{bad_input, Failure};

pub fn run(email: String, base_url: &str, db: &Db) -> Result<(), Failure> {
    let base = base_url.trim().trim_end_matches('/').to_string();
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return Err(bad_input(format!(
            "--base-url {base_url:?} must start with http:// or https:// (where people reach \
             `knot serve`)"
        )));
    }
    block_on(async {
        let opened = db.open().await?;
        let request = opened
            .app
            .request_password_reset(&email, Utc::now())
            .await
            .map_err(app_failure)?
            .ok_or_else(|| {
                bad_input(format!(
                    "no web account is registered as {:?}; `knot account show` says who the \
                     command line acts as",
                    email.trim()
                ))
            })?;
        println!("{base}/account/reset?token={}", request.token);
        eprintln!(
            "Give this link to {} <{}>: it works once, for {} minutes, and replaces any \
             earlier link. Using it signs the account out everywhere.",
            request.account.display_name,
            request.account.email,
            knot_app::account::RESET_LIFETIME_MINUTES
        );
        Ok(())
    })
}
