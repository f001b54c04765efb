//! Giving an account a sign-in, or a new password: the CLI's local person gains an e-mail
//! address and password (`knot account set-password`), so the browser and the command line are
//! the same person; a web account changes its password. The new password follows the sign-up's
//! rules; every other browser session of the account ends.

use knot_record::NewLogin;

use super::{check_email, hash_password_now, password_problem, stored_form};
use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::App;

/// What changes: the password always; the address and name when given.
#[derive(Debug, Clone, Default)]
pub struct LoginChange {
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub password: String,
}

impl App {
    /// The actor's web account: `None` for the CLI's own person before it has a sign-in.
    pub async fn account(&self, actor: &Actor) -> AppResult<Option<knot_record::Account>> {
        Ok(self.store.account_by_id(actor.principal().user_id).await?)
    }

    /// Sets the actor's own sign-in (see the module); `keep_session` is the token hash of the
    /// browser session that asked, which stays signed in.
    pub async fn set_login(
        &self,
        actor: &Actor,
        change: &LoginChange,
        keep_session: Option<&str>,
    ) -> AppResult<()> {
        let mut problems = Vec::new();
        if let Some(email) = &change.email {
            if let Err(problem) = check_email(email) {
                problems.push(problem);
            }
        }
        if let Some(name) = &change.display_name {
            if name.trim().is_empty() || name.chars().any(char::is_control) {
                problems.push("Give a name to show, on one line.".to_string());
            }
        }
        if let Some(problem) = password_problem(&change.password) {
            problems.push(problem);
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                problems,
                hint: None,
            });
        }
        let login = NewLogin {
            email: change.email.as_deref().map(stored_form),
            display_name: change.display_name.as_deref().map(stored_form),
            password_hash: hash_password_now(&change.password)?,
        };
        let ctx = actor.own_records();
        Ok(self.store.set_login(&ctx, &login, keep_session).await?)
    }
}
