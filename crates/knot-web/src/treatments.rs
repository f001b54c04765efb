//! Guided sessions in progress in a browser, kept on the server keyed by the sign-in session
//! (the hash of its token): the browser only sends events, never the state, so it cannot make
//! the session hold anything `knot_care::session::step` would not reach.
//!
//! Time is measured here. Before each event the wall-clock time since the last one becomes a
//! `Tick`; the page script's ticks may report less (a paused tab), never more. A session left
//! untouched for hours is dropped. Kept in memory: a restart ends sessions in progress, and with
//! several app servers a browser must stay on one (sticky sessions).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use knot_care::session::{step, Event, SessionState};

/// A session untouched this long is dropped.
const IDLE_LIMIT: Duration = Duration::from_secs(3 * 60 * 60);

/// One session in progress.
#[derive(Debug, Clone)]
pub(crate) struct Live {
    pub state: SessionState,
    pub started_at: DateTime<Utc>,
    /// Time up to here has been given to the state machine.
    counted_until: Instant,
    last_seen: Instant,
}

/// The result of an event: the state after it, and whether the session just ended (and so
/// left the map, to be stored by the caller).
#[derive(Debug, Clone)]
pub(crate) struct Stepped {
    pub live: Live,
    pub ended: bool,
}

/// Sessions in progress, by sign-in session.
#[derive(Debug, Default)]
pub(crate) struct Treatments {
    live: Mutex<HashMap<String, Live>>,
}

impl Treatments {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Live>> {
        // Plain data: a panic elsewhere while holding the lock leaves it usable.
        self.live
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a session, replacing any the person had in progress.
    pub fn start(&self, key: &str, state: SessionState, now: Instant) {
        let mut live = self.lock();
        live.retain(|_, l| now.duration_since(l.last_seen) < IDLE_LIMIT);
        live.insert(
            key.to_string(),
            Live {
                state,
                started_at: Utc::now(),
                counted_until: now,
                last_seen: now,
            },
        );
    }

    /// The session in progress, with the time passed counted in.
    pub fn current(&self, key: &str, now: Instant) -> Option<Live> {
        self.advance(key, None, None, now).map(|s| s.live)
    }

    /// Counts the time passed (at most `reported` seconds, when given), then applies `event`.
    /// A session that ends is removed and returned with `ended`.
    pub fn advance(
        &self,
        key: &str,
        event: Option<Event>,
        reported: Option<u32>,
        now: Instant,
    ) -> Option<Stepped> {
        let mut map = self.lock();
        let live = map.get_mut(key)?;
        if now.duration_since(live.last_seen) >= IDLE_LIMIT {
            map.remove(key);
            return None;
        }
        count_time(live, reported, now);
        if let Some(event) = event {
            live.state = step(live.state.clone(), event);
        }
        live.last_seen = now;
        let ended = live.state.is_ended();
        let live = if ended {
            map.remove(key)?
        } else {
            live.clone()
        };
        Some(Stepped { live, ended })
    }

    /// Drops the session in progress, if any.
    pub fn discard(&self, key: &str) {
        self.lock().remove(key);
    }
}

/// Gives the machine the whole seconds passed since time was last counted (or fewer, when the
/// page reported fewer), keeping the notice the last event left.
fn count_time(live: &mut Live, reported: Option<u32>, now: Instant) {
    let passed =
        u32::try_from(now.duration_since(live.counted_until).as_secs()).unwrap_or(u32::MAX);
    let seconds = reported.map_or(passed, |r| r.min(passed));
    if seconds == 0 {
        return;
    }
    let notice = live.state.notice.clone();
    live.state = step(live.state.clone(), Event::Tick(seconds));
    if live.state.notice.is_none() {
        live.state.notice = notice;
    }
    live.counted_until += Duration::from_secs(u64::from(seconds));
}

#[cfg(test)]
mod tests {
    use super::*;
    use knot_atlas::Atlas;
    use knot_care::session::{SessionSpec, Target};

    fn state() -> SessionState {
        let atlas = Atlas::builtin();
        let point = atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == "upper-trapezius-1")
            .expect("trigger point");
        let spec = SessionSpec::unplanned(atlas, None, point, Target::default()).expect("spec");
        SessionState::new(spec)
    }

    fn warming_up(t0: Instant) -> Treatments {
        let treatments = Treatments::default();
        treatments.start("k", state(), t0);
        treatments.advance("k", Some(Event::Continue), None, t0);
        treatments.advance("k", Some(Event::Number(5)), None, t0);
        treatments
    }

    fn warm_up_done(treatments: &Treatments, reported: Option<u32>, at: Instant) -> u32 {
        let stepped = treatments.advance("k", None, reported, at).expect("live");
        stepped.live.state.warm_up_done
    }

    #[test]
    fn time_comes_from_the_clock_and_a_report_can_only_count_less() {
        let t0 = Instant::now();
        let treatments = warming_up(t0);
        let at = |s: u64| t0 + Duration::from_secs(s);
        assert_eq!(warm_up_done(&treatments, Some(9_999), at(10)), 10);
        assert_eq!(warm_up_done(&treatments, Some(3), at(20)), 13);
        assert_eq!(
            warm_up_done(&treatments, None, at(25)),
            25,
            "the rest is counted later"
        );
    }

    #[test]
    fn an_ended_session_leaves_and_is_handed_back_once() {
        let t0 = Instant::now();
        let treatments = warming_up(t0);
        let ended = treatments
            .advance("k", Some(Event::Quit), None, t0)
            .expect("live");
        assert!(ended.ended);
        assert!(treatments.current("k", t0).is_none());
        assert!(treatments
            .advance("k", Some(Event::Quit), None, t0)
            .is_none());
    }

    #[test]
    fn a_session_left_for_hours_is_dropped() {
        let t0 = Instant::now();
        let treatments = warming_up(t0);
        assert!(treatments.current("k", t0 + IDLE_LIMIT).is_none());
        assert!(treatments.current("other", t0).is_none());
    }
}
