//! What an invitation link offers before it is accepted: the clinic and role, or why it no
//! longer works (used, expired, unknown), so the join page can say so before anyone clicks.

use chrono::{DateTime, Utc};
use knot_record::Role;

use super::staff::token_hash;
use crate::error::AppResult;
use crate::App;

/// The state of an invitation link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitationOffer {
    /// It can be accepted: joining `clinic_name` as `role`, until `expires_at`.
    Open {
        clinic_name: String,
        role: Role,
        expires_at: DateTime<Utc>,
    },
    /// Someone has already joined with it.
    Used,
    /// Its week is over.
    Expired,
    /// No invitation has this token.
    Unknown,
}

impl App {
    /// What the invitation with `token` offers at `now` (nothing is changed or audited: it
    /// reads no one's records).
    pub async fn invitation_offer(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> AppResult<InvitationOffer> {
        let found = self
            .store
            .clinic()
            .invitation(&token_hash(token.trim()))
            .await?;
        Ok(match found {
            None => InvitationOffer::Unknown,
            Some((invitation, _)) if invitation.accepted_by.is_some() => InvitationOffer::Used,
            Some((invitation, _)) if invitation.expires_at <= now => InvitationOffer::Expired,
            Some((invitation, clinic_name)) => InvitationOffer::Open {
                clinic_name,
                role: invitation.role,
                expires_at: invitation.expires_at,
            },
        })
    }
}
