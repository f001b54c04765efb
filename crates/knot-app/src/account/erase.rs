//! "Delete my account": the person proves it is them (their password, checked against the
//! stored Argon2id hash) and confirms, and every record of theirs is erased
//! (`Store::erase_account`: what goes, what a clinic keeps and why). The operator at the
//! machine deletes the CLI's own person, or a web account by typing its address again, without
//! a password: whoever runs `knot` on the database's machine can read the file anyway.

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use knot_store::ErasedCounts;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::App;

/// The problem a wrong password gives (the web shows it beside the password field and counts
/// it as a failed sign-in).
pub const WRONG_PASSWORD: &str = "That is not your password. Type the password you sign in with.";

/// The problem a missing confirmation gives.
pub const NOT_CONFIRMED: &str =
    "Tick the box to confirm that you understand this erases your records for good.";

impl App {
    /// Deletes the actor's own web account once `password` is its password and `confirm` is
    /// set. Checks the confirmation first, then the password (about 40 ms of hashing, once).
    pub async fn delete_account(
        &self,
        actor: &Actor,
        password: &str,
        confirm: bool,
    ) -> AppResult<ErasedCounts> {
        if !confirm {
            return Err(AppError::invalid(NOT_CONFIRMED));
        }
        let Some(account) = self.store.account_by_id(actor.principal().user_id).await? else {
            return Err(AppError::invalid(
                "this account has no password to confirm with; delete it from the command line \
                 (knot account delete --yes)",
            ));
        };
        if !password_matches(password, &account.password_hash) {
            return Err(AppError::invalid(WRONG_PASSWORD));
        }
        Ok(self.store.erase_account(&actor.own_records()).await?)
    }

    /// The operator deletes the account `actor` acts as: `yes` is the confirmation; a web
    /// account (one with an e-mail address) must also be named again in `confirm_email`.
    pub async fn delete_account_as_operator(
        &self,
        actor: &Actor,
        confirm_email: Option<&str>,
        yes: bool,
    ) -> AppResult<ErasedCounts> {
        if !yes {
            return Err(AppError::invalid(
                "deleting an account erases its records for good; add --yes to go ahead",
            ));
        }
        if let Some(account) = self.store.account_by_id(actor.principal().user_id).await? {
            let typed = confirm_email.map(|e| e.trim().to_lowercase());
            if typed.as_deref() != Some(account.email.trim().to_lowercase().as_str()) {
                return Err(AppError::invalid(format!(
                    "this erases the web account {}: type its address again with \
                     --confirm-email {}",
                    account.email, account.email
                )));
            }
        }
        Ok(self.store.erase_account(&actor.own_records()).await?)
    }
}

/// Whether `password` verifies against the stored PHC string; an unreadable hash matches no
/// password.
fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}
