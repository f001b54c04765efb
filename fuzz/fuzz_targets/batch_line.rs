//! Fuzz target: lines of `knot find --batch` (JSON find requests), scored and written back as
//! the CLI does.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let finder = knot_finder::Finder::builtin();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Ok(result) = finder.answer_line(line) {
            serde_json::to_string(&result).expect("a result always serialises");
        }
    }
});
