//! A clinic and its staff: creating a practice (its creator becomes its admin), inviting staff
//! with a one-time link, accepting, listing and removing staff, and the clinic's settings.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use knot_record::clinic::{
    Clinic, ClinicSettings, Invitation, Membership, NewInvitation, StaffMember,
};
use knot_record::{ClinicCtx, Role, UserId};

use crate::error::{AppError, AppResult};
use crate::{Actor, App};

/// How long an invitation link works.
pub const INVITATION_LIFETIME_DAYS: i64 = 7;

/// An invitation as made: the stored invitation and its one-time token, which is shown once
/// (for the link) and never stored.
#[derive(Clone)]
pub struct NewStaffInvitation {
    pub invitation: Invitation,
    pub token: String,
}

impl std::fmt::Debug for NewStaffInvitation {
    // The token is a secret: keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewStaffInvitation")
            .field("invitation", &self.invitation)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The SHA-256 (hex) of an invitation token: what the store keeps and looks up.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

impl App {
    /// Creates a practice; `actor` becomes its first admin.
    pub async fn create_clinic(&self, actor: &Actor, name: &str) -> AppResult<Clinic> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::invalid("give the clinic a name"));
        }
        let settings = ClinicSettings::default();
        Ok(self
            .store
            .clinic()
            .create_clinic(actor.principal().user_id, name, &settings)
            .await?)
    }

    /// Invites `email` to join with `role`; the token in the answer is shown once.
    pub async fn invite_staff(
        &self,
        ctx: &ClinicCtx,
        role: Role,
        email: &str,
        now: DateTime<Utc>,
    ) -> AppResult<NewStaffInvitation> {
        if role == Role::Person {
            return Err(AppError::invalid(
                "invite staff as admin, therapist or front_desk",
            ));
        }
        let email = email.trim();
        if !email.contains('@') {
            return Err(AppError::invalid(format!(
                "{email:?} is not an e-mail address; write it as name@example.org"
            )));
        }
        let token = fresh_token()?;
        let new = NewInvitation {
            role,
            email: email.to_owned(),
            token_hash: token_hash(&token),
            expires_at: now + Duration::days(INVITATION_LIFETIME_DAYS),
        };
        let invitation = self.store.clinic().create_invitation(ctx, &new).await?;
        Ok(NewStaffInvitation { invitation, token })
    }

    /// Joins `actor` to the clinic whose invitation `token` is; it works once.
    pub async fn accept_invitation(
        &self,
        actor: &Actor,
        token: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Membership> {
        Ok(self
            .store
            .clinic()
            .accept_invitation(&token_hash(token.trim()), actor.principal().user_id, now)
            .await?)
    }

    pub async fn list_staff(&self, ctx: &ClinicCtx) -> AppResult<Vec<StaffMember>> {
        Ok(self.store.clinic().staff(ctx).await?)
    }

    pub async fn remove_staff(&self, ctx: &ClinicCtx, user: UserId) -> AppResult<()> {
        Ok(self.store.clinic().remove_staff(ctx, user).await?)
    }

    /// Changes the clinic's settings; a retention period of under a year or a minors' age
    /// under 18 is refused.
    pub async fn update_clinic_settings(
        &self,
        ctx: &ClinicCtx,
        settings: &ClinicSettings,
    ) -> AppResult<Clinic> {
        let mut problems = Vec::new();
        if !(1..=100).contains(&settings.retention_years) {
            problems.push("retention_years must be between 1 and 100".to_owned());
        }
        if !(18..=100).contains(&settings.minor_until_age) {
            problems.push("minor_until_age must be between 18 and 100".to_owned());
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                problems,
                hint: None,
            });
        }
        Ok(self
            .store
            .clinic()
            .update_clinic_settings(ctx, settings)
            .await?)
    }
}

/// 32 random bytes as hex.
fn fresh_token() -> AppResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|err| AppError::Internal(format!("no randomness for a token: {err}")))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}
