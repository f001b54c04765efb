//! Guided sessions in progress in a browser, kept in the store so that any app server can take
//! the next step and a restart loses nothing. The browser sends only events, never the state, so
//! it cannot make the session hold anything `knot_care::session::step` would not reach.
//!
//! Time is measured here, by the server's clock: before each event the seconds since time was
//! last counted become a `Tick`; the page script's report may count fewer (a paused tab), never
//! more. Steps are compare-and-set on the stored version: when two servers step one session at
//! once, the loser reloads and applies its event to the winner's state. An ended session leaves
//! the store and is stored as a session record in one transaction, exactly once.

use chrono::{DateTime, Duration, Utc};
use knot_care::session::{has_anything_to_record, step, to_record, Event, SessionState};
use knot_record::{LiveSession, RecordId, TenantCtx};
use knot_store::StoreError;

use crate::error::{AppError, AppResult};
use crate::App;

/// A session untouched this long is dropped.
pub const GUIDED_IDLE_LIMIT: Duration = Duration::hours(3);

/// How often a step is retried when another server's step came first.
const ATTEMPTS: u32 = 8;

/// A guided session after a step.
#[derive(Debug, Clone)]
pub struct GuidedStep {
    pub state: SessionState,
    pub started_at: DateTime<Utc>,
    /// The session ended with this step (and left the store).
    pub ended: bool,
    /// The stored session record, when it ended with anything to record.
    pub stored: Option<RecordId>,
}

impl App {
    /// Starts a guided session under `key` (a browser sign-in), replacing any in progress.
    pub async fn start_guided(
        &self,
        ctx: &TenantCtx,
        key: &str,
        state: &SessionState,
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        let live = LiveSession {
            key: key.to_string(),
            state: state_json(state)?,
            started_at: now,
            counted_until: now,
            last_seen: now,
            version: 1,
        };
        Ok(self
            .store
            .start_live_session(ctx, &live, now - GUIDED_IDLE_LIMIT)
            .await?)
    }

    /// Counts the time passed (at most `reported` seconds, when given), applies `event`, and
    /// stores the result; `None` when no session is in progress under `key`. A session that
    /// ends is stored (after the checks every recorded session passes) and leaves the store.
    pub async fn guided(
        &self,
        ctx: &TenantCtx,
        key: &str,
        event: Option<Event>,
        reported: Option<u32>,
        now: DateTime<Utc>,
    ) -> AppResult<Option<GuidedStep>> {
        for _ in 0..ATTEMPTS {
            let Some(mut live) = self.store.live_session(ctx, key).await? else {
                return Ok(None);
            };
            if now - live.last_seen >= GUIDED_IDLE_LIMIT {
                self.store.discard_live_session(key).await?;
                return Ok(None);
            }
            let mut state: SessionState = serde_json::from_str(&live.state).map_err(|err| {
                AppError::Internal(format!("a stored session in progress is unreadable: {err}"))
            })?;
            live.counted_until = count_time(&mut state, live.counted_until, reported, now);
            if let Some(event) = event {
                state = step(state, event);
            }
            live.last_seen = now;
            if state.is_ended() {
                let record = if has_anything_to_record(&state) {
                    Some(
                        self.checked_session(ctx, to_record(&state, live.started_at, now))
                            .await?,
                    )
                } else {
                    None
                };
                match self
                    .store
                    .finish_live_session(ctx, key, live.version, record.as_ref())
                    .await
                {
                    Ok(stored) => {
                        return Ok(Some(GuidedStep {
                            state,
                            started_at: live.started_at,
                            ended: true,
                            stored: stored.map(|record| record.id),
                        }))
                    }
                    Err(StoreError::Conflict(_)) => continue,
                    Err(other) => return Err(other.into()),
                }
            }
            live.state = state_json(&state)?;
            match self.store.update_live_session(ctx, &live).await {
                Ok(_) => {
                    return Ok(Some(GuidedStep {
                        state,
                        started_at: live.started_at,
                        ended: false,
                        stored: None,
                    }))
                }
                Err(StoreError::Conflict(_)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(AppError::Busy(
            "the guided session is being stepped from elsewhere at the same time".into(),
        ))
    }

    /// Drops the guided session under `key`, if any (signing out).
    pub async fn discard_guided(&self, key: &str) -> AppResult<()> {
        Ok(self.store.discard_live_session(key).await?)
    }
}

fn state_json(state: &SessionState) -> AppResult<String> {
    serde_json::to_string(state)
        .map_err(|err| AppError::Internal(format!("a session state cannot be stored: {err}")))
}

/// Gives the machine the whole seconds passed since `counted_until` (or fewer, when the page
/// reported fewer), keeping the notice the last event left; returns the new `counted_until`.
pub(crate) fn count_time(
    state: &mut SessionState,
    counted_until: DateTime<Utc>,
    reported: Option<u32>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let passed = u32::try_from((now - counted_until).num_seconds().max(0)).unwrap_or(u32::MAX);
    let seconds = reported.map_or(passed, |r| r.min(passed));
    if seconds == 0 {
        return counted_until;
    }
    let notice = state.notice.clone();
    *state = step(state.clone(), Event::Tick(seconds));
    if state.notice.is_none() {
        state.notice = notice;
    }
    counted_until + Duration::seconds(i64::from(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_atlas::Atlas;
    use knot_care::session::{SessionSpec, Target};

    fn warming_up() -> SessionState {
        let atlas = Atlas::builtin();
        let point = atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == "upper-trapezius-1")
            .expect("trigger point");
        let spec = SessionSpec::unplanned(atlas, None, point, Target::default()).expect("spec");
        let state = step(SessionState::new(spec), Event::Continue);
        step(state, Event::Number(5))
    }

    #[test]
    fn time_comes_from_the_clock_and_a_report_can_only_count_less() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let at = |s: i64| t0 + Duration::seconds(s);
        let mut state = warming_up();
        let until = count_time(&mut state, t0, Some(9_999), at(10));
        assert_eq!((state.warm_up_done, until), (10, at(10)));
        let until = count_time(&mut state, until, Some(3), at(20));
        assert_eq!((state.warm_up_done, until), (13, at(13)));
        let until = count_time(&mut state, until, None, at(25));
        assert_eq!(
            (state.warm_up_done, until),
            (25, at(25)),
            "the rest is counted later"
        );
    }

    #[test]
    fn a_state_survives_its_stored_form() {
        let state = warming_up();
        let stored = state_json(&state).expect("json");
        let back: SessionState = serde_json::from_str(&stored).expect("parses");
        assert_eq!(back, state);
        assert_eq!(step(back, Event::Tick(5)), step(state, Event::Tick(5)));
    }
}
