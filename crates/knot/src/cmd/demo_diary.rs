//! The demo diary: a deterministic, plausible run of weeks for a fictional person with
//! right-sided neck and shoulder pain and tension-type headaches (upper trapezius, levator
//! scapulae, suboccipitals), built in memory for `knot demo seed` to store.
//!
//! The story: a week of diary without treatment (the baseline), then a home plan and three to
//! five sittings a week; pain drifts from about 6–7 to 2–3 with day-to-day noise and a flare
//! after a weekend of lifting; pressure threshold at the right upper trapezius and neck rotation
//! to the right improve; two functional activities; a few notes; one entry typed wrong and
//! corrected; one duplicate deleted. A small SplitMix64 generator keeps it repeatable: the same
//! seed, length and end date give the same diary.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use knot_record::{Measure, NewEntry, NewPlan, NewSession, PlanItem, Side};

use super::demo_sessions::sittings;

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and good enough for made-up data.
#[derive(Debug)]
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// Roughly normal noise with standard deviation `sd` (sum of four uniforms).
    pub fn noise(&mut self, sd: f64) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * 3f64.sqrt() * sd
    }

    /// A whole number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low + 1)) as u32
    }
}

/// Everything the demo stores, in memory.
#[derive(Debug)]
pub struct DemoDiary {
    pub screening_at: DateTime<Utc>,
    /// Where it hurt in the week before the screening (words for the lexicon).
    pub pain_terms: Vec<String>,
    pub plan: NewPlan,
    /// Diary entries, oldest first.
    pub entries: Vec<NewEntry>,
    pub sessions: Vec<NewSession>,
    /// An entry typed wrong, stored and then corrected to `correction`.
    pub mistyped: NewEntry,
    pub correction: NewEntry,
    /// An entry logged twice by accident, stored and then deleted.
    pub duplicate: NewEntry,
}

/// The shape of the story for a diary of `days` days.
pub struct Story {
    pub days: i64,
    /// The day the plan starts (treatment begins).
    pub plan_day: i64,
    /// The day of the flare.
    pub flare_day: i64,
}

impl Story {
    fn new(days: i64) -> Story {
        Story {
            days,
            plan_day: 7.min(days / 4),
            flare_day: (days as f64 * 0.58).round() as i64,
        }
    }

    /// The underlying pain level on a day, before noise.
    pub fn pain(&self, day: i64) -> f64 {
        let treated = (day - self.plan_day).max(0) as f64;
        let settled = 2.4 + 4.2 * (-treated / (self.days as f64 * 0.35)).exp();
        settled + self.flare(day)
    }

    /// The extra pain of the flare on a day.
    pub fn flare(&self, day: i64) -> f64 {
        if day < self.flare_day {
            0.0
        } else {
            2.2 * (-((day - self.flare_day) as f64) / 2.0).exp()
        }
    }

    /// How far recovery has come, 0 (start) to 1 (end), ignoring the flare.
    pub fn recovery(&self, day: i64) -> f64 {
        ((6.6 - (self.pain(day) - self.flare(day))) / 4.2).clamp(0.0, 1.0)
    }

    /// The chance of a headache on a day.
    pub fn headache_chance(&self, day: i64) -> f64 {
        (0.12 + 0.45 * (self.pain(day) - 2.4) / 4.2).clamp(0.05, 0.8)
    }
}

/// Turns a local day and time into UTC.
pub struct Clock {
    pub first: NaiveDate,
    pub offset: FixedOffset,
}

impl Clock {
    pub fn at(&self, day: i64, hour: u32, minute: u32) -> DateTime<Utc> {
        let date = self.first + Duration::days(day);
        let time =
            NaiveTime::from_hms_opt(hour.min(23), minute.min(59), 0).unwrap_or(NaiveTime::MIN);
        self.offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .map_or_else(
                || Utc.from_utc_datetime(&date.and_time(time)),
                |t| t.with_timezone(&Utc),
            )
    }
}

fn entry(at: DateTime<Utc>, measure: Measure) -> NewEntry {
    NewEntry {
        recorded_at: at,
        measure,
        note: None,
    }
}

fn score(value: f64) -> u8 {
    value.round().clamp(0.0, 10.0) as u8
}

/// Builds the diary: `weeks` weeks ending on `end` (inclusive), days counted at `offset`.
pub fn generate(weeks: u32, seed: u64, end: NaiveDate, offset: FixedOffset) -> DemoDiary {
    let days = i64::from(weeks.max(1)) * 7;
    let story = Story::new(days);
    let clock = Clock {
        first: end - Duration::days(days - 1),
        offset,
    };
    let mut random = Random::new(seed);
    let mut entries = Vec::new();
    for day in 0..days {
        daily_entries(&mut entries, &mut random, &story, &clock, day);
    }
    weekly_entries(&mut entries, &mut random, &story, &clock);
    notes(&mut entries, &story, &clock);
    entries.sort_by_key(|e| e.recorded_at);
    let sessions = sittings(&mut random, &story, &clock);
    // A morning entry typed as 9 instead of the 4-ish it was, then corrected.
    let typo_day = (days as f64 * 0.35) as i64;
    let typo_at = clock.at(typo_day, 7, 41);
    let meant = score(story.pain(typo_day));
    let duplicate_day = (days as f64 * 0.7) as i64;
    DemoDiary {
        screening_at: clock.at(0, 8, 15),
        pain_terms: vec![
            "right neck angle".into(),
            "top of the right shoulder".into(),
            "right temple".into(),
            "right base of the skull".into(),
        ],
        plan: plan(&story, &clock),
        entries,
        sessions,
        mistyped: entry(
            typo_at,
            Measure::Pain {
                score: 9,
                region: None,
            },
        ),
        correction: NewEntry {
            note: Some("typed 9 by mistake".into()),
            ..entry(
                typo_at,
                Measure::Pain {
                    score: meant,
                    region: None,
                },
            )
        },
        duplicate: entry(
            clock.at(duplicate_day, 21, 2),
            Measure::Pain {
                score: score(story.pain(duplicate_day)),
                region: None,
            },
        ),
    }
}

/// Overall pain most mornings (some evenings too) and regional pain on some days.
fn daily_entries(
    entries: &mut Vec<NewEntry>,
    random: &mut Random,
    story: &Story,
    clock: &Clock,
    day: i64,
) {
    let level = story.pain(day);
    if day == 0 || random.chance(0.9) {
        let at = clock.at(day, 8, random.between(0, 50));
        let measure = Measure::Pain {
            score: score(level + random.noise(0.7)),
            region: None,
        };
        entries.push(entry(at, measure));
    }
    if random.chance(0.25) {
        let at = clock.at(day, 21, random.between(0, 45));
        let measure = Measure::Pain {
            score: score(level + 0.4 + random.noise(0.6)),
            region: None,
        };
        entries.push(entry(at, measure));
    }
    let mut regional = |region: &str, chance: f64, shift: f64, random: &mut Random| {
        if random.chance(chance) {
            let at = clock.at(day, 13, random.between(0, 59));
            let measure = Measure::Pain {
                score: score(level + shift + random.noise(0.7)),
                region: Some(region.to_string()),
            };
            entries.push(entry(at, measure));
        }
    };
    regional("right-neck-angle", 0.45, 0.3, random);
    regional("right-top-of-shoulder", 0.3, -0.4, random);
    regional("right-scapula-medial-border", 0.12, -1.0, random);
    if random.chance(story.headache_chance(day)) {
        regional("right-temple", 0.75, 0.4, random);
        regional("right-occiput", 0.5, 0.0, random);
        regional("right-eye", 0.2, -0.5, random);
    }
}

/// Pressure threshold and range of motion once a week, activities every other week.
fn weekly_entries(entries: &mut Vec<NewEntry>, random: &mut Random, story: &Story, clock: &Clock) {
    for day in (1..story.days).step_by(7) {
        let recovered = story.recovery(day);
        let at = clock.at(day, 19, 30);
        let right = 2.05 + 1.15 * recovered - 0.25 * story.flare(day) + random.noise(0.12);
        let left = 3.3 + random.noise(0.1);
        for (side, kg) in [(Side::Right, right), (Side::Left, left)] {
            entries.push(entry(
                at,
                Measure::Threshold {
                    trigger_point: "upper-trapezius-1".into(),
                    side,
                    kg_per_cm2: (kg * 100.0).round() / 100.0,
                },
            ));
        }
        for (movement, start, gain, sd) in [
            ("cervical-rotation-right", 57.0, 17.0, 2.0),
            ("cervical-rotation-left", 71.0, 5.0, 2.0),
            ("cervical-side-bend-left", 31.0, 11.0, 1.5),
        ] {
            let degrees = (start + gain * recovered + random.noise(sd)).round();
            entries.push(entry(
                at + Duration::minutes(5),
                Measure::RangeOfMotion {
                    movement: movement.into(),
                    degrees,
                },
            ));
        }
        if (day - 1) % 14 == 0 {
            for (activity, start, gain) in [
                ("Shoulder check while driving", 3.0, 5.0),
                ("An hour at the computer without a headache", 4.0, 4.0),
            ] {
                let value = score(start + gain * recovered + random.noise(0.4));
                entries.push(entry(
                    at + Duration::minutes(10),
                    Measure::Function {
                        activity: activity.into(),
                        score: value,
                    },
                ));
            }
        }
    }
}

/// A handful of notes a person might write.
fn notes(entries: &mut Vec<NewEntry>, story: &Story, clock: &Clock) {
    let days = story.days;
    let at = |fraction: f64| ((days as f64 * fraction) as i64).clamp(0, days - 1);
    for (day, text) in [
        (0, "Started the diary. Right side of the neck and shoulder sore most days; headaches behind the right eye by late afternoon."),
        (story.plan_day + 3, "Raised the monitor and moved the mouse closer. Doing the plan after work."),
        (story.flare_day, "Spent the weekend helping a friend move flat. Neck very stiff tonight."),
        (story.flare_day + 4, "Stiffness easing again; back to the usual routine."),
        (at(0.93), "Three days without a headache. Turning to reverse the car is easy again."),
    ] {
        if day < days {
            entries.push(entry(clock.at(day, 22, 0), Measure::Note { text: text.into() }));
        }
    }
}

/// The home plan saved when treatment starts: one sitting a day, right side.
fn plan(story: &Story, clock: &Clock) -> NewPlan {
    let item = |muscle: &str, point: &str, technique: &str, tool: &str, hold: u32| PlanItem {
        muscle_id: muscle.into(),
        trigger_point_id: point.into(),
        side: Side::Right,
        technique: technique.into(),
        tool: tool.into(),
        hold_seconds: hold,
        holds: 3,
        strokes: None,
        sitting: 1,
    };
    NewPlan {
        created_at: clock.at(story.plan_day, 18, 0),
        items: vec![
            item(
                "upper-trapezius",
                "upper-trapezius-1",
                "pincer-compression",
                "pincer-grip",
                60,
            ),
            item(
                "levator-scapulae",
                "levator-scapulae-upper",
                "sustained-compression",
                "hook-tool",
                60,
            ),
            item(
                "suboccipitals",
                "suboccipitals-1",
                "sustained-compression",
                "ball-floor",
                45,
            ),
        ],
        sittings_per_day: 1,
        daily_pressure_cap_seconds: 900,
        reassess_on: clock.first + Duration::days(story.plan_day + 14),
        notes: vec![
            "One side per sitting: this plan treats the right side.".into(),
            "Suboccipitals: moderate, sustained pressure only; stop if dizzy or if vision changes."
                .into(),
        ],
    }
}
