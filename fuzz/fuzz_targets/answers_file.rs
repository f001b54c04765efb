//! Fuzz target: a `knot screen --answers` file, read as both JSON and TOML, built into a
//! screening and evaluated, as the CLI does.

#![no_main]

use chrono::{TimeZone, Utc};
use knot_care::screen::{read_answers_file, RuleTable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let table = RuleTable::builtin();
    let lexicon = knot_body::Lexicon::builtin();
    let taken_at = Utc.timestamp_opt(1_780_000_000, 0).unwrap();
    for json in [true, false] {
        let Ok(raw) = read_answers_file(text, json) else {
            continue;
        };
        if let Ok(screening) = table.build_screening(
            &raw.answers,
            &raw.pain_terms,
            &raw.local_terms,
            taken_at,
            lexicon,
        ) {
            table.evaluate(&screening);
        }
    }
});
