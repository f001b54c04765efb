//! The JSON body of `POST /api/v1/sessions`: the store's `NewSession`, but with every unknown
//! field refused (a misspelt `pain_afer` must not be silently dropped). The store's type cannot
//! refuse them itself because a stored session flattens it.

use chrono::{DateTime, Utc};
use knot_store::{HoldRecord, NewSession, RecordId, SessionOutcome, Side};
use serde::Deserialize;

use crate::extract::BodyExample;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SessionBody {
    started_at: DateTime<Utc>,
    ended_at: DateTime<Utc>,
    muscle_id: String,
    trigger_point_id: String,
    side: Side,
    technique: String,
    tool: String,
    target_discomfort: u8,
    #[serde(default)]
    pain_before: Option<u8>,
    #[serde(default)]
    pain_after: Option<u8>,
    /// The store's own type, which refuses unknown fields itself.
    holds: Vec<HoldRecord>,
    stretch_done: bool,
    outcome: SessionOutcome,
    #[serde(default)]
    stop_reason: Option<String>,
    #[serde(default)]
    plan_id: Option<RecordId>,
}

impl BodyExample for SessionBody {
    const EXAMPLE: &'static str = "{\"started_at\": \"2026-03-05T08:30:00Z\", \"ended_at\": \
         \"2026-03-05T08:36:00Z\", \"muscle_id\": \"upper-trapezius\", \"trigger_point_id\": \
         \"upper-trapezius-1\", \"side\": \"right\", \"technique\": \"sustained-compression\", \
         \"tool\": \"thumb\", \"target_discomfort\": 6, \"pain_before\": 6, \"pain_after\": 4, \
         \"holds\": [{\"seconds\": 60, \"discomfort\": [6, 5], \"softened\": true, \"skipped\": \
         false}], \"stretch_done\": true, \"outcome\": \"completed\", \"stop_reason\": null, \
         \"plan_id\": null}";
}

impl From<SessionBody> for NewSession {
    fn from(body: SessionBody) -> NewSession {
        NewSession {
            started_at: body.started_at,
            ended_at: body.ended_at,
            muscle_id: body.muscle_id,
            trigger_point_id: body.trigger_point_id,
            side: body.side,
            technique: body.technique,
            tool: body.tool,
            target_discomfort: body.target_discomfort,
            pain_before: body.pain_before,
            pain_after: body.pain_after,
            holds: body.holds,
            stretch_done: body.stretch_done,
            outcome: body.outcome,
            stop_reason: body.stop_reason,
            plan_id: body.plan_id,
        }
    }
}
