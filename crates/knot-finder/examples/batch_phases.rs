//! Where the time of `knot find --batch` goes, phase by phase, in-process: reading each JSON
//! line, turning its words into a drawing (the lexicon), ranking it (`Finder::find`), and
//! writing the answer as JSON. Each phase is timed over the whole file, three times, best kept.
//!
//! `cargo run --release -p knot-finder --example batch_phases -- drawings.jsonl`
//! (make the file with `python3 bench/make_batch.py --words 20000 > drawings.jsonl`).

use std::time::Instant;

use knot_finder::{Drawing, FindRequest, FindResult, Finder};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: batch_phases DRAWINGS.jsonl");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let finder = Finder::builtin();
    let n = lines.len() as f64;
    let best_of = |phase: &mut dyn FnMut() -> usize| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                let check = phase();
                (start.elapsed().as_secs_f64(), check)
            })
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };

    let requests: Vec<FindRequest> = lines
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let drawings: Vec<Drawing> = requests
        .iter()
        .filter_map(|r| Drawing::from_request(r).ok())
        .collect();
    let results: Vec<FindResult> = drawings.iter().map(|d| finder.find(d)).collect();

    let (parse, _) = best_of(&mut || {
        lines
            .iter()
            .filter_map(|l| serde_json::from_str::<FindRequest>(l).ok())
            .map(|r| r.terms.len())
            .sum()
    });
    let (words, _) = best_of(&mut || {
        requests
            .iter()
            .filter_map(|r| Drawing::from_request(r).ok())
            .map(|d| d.marks.len())
            .sum()
    });
    let (find, _) = best_of(&mut || {
        drawings
            .iter()
            .map(|d| finder.find(d).candidates.len())
            .sum()
    });
    let mut out = Vec::with_capacity(1 << 16);
    let (json, _) = best_of(&mut || {
        let mut bytes = 0;
        for r in &results {
            out.clear();
            r.write_json(&mut out);
            bytes += out.len();
        }
        bytes
    });
    println!(
        "{} drawings from {path}; µs per drawing, best of three:",
        lines.len()
    );
    for (phase, secs) in [
        ("read the JSON line", parse),
        ("words to a drawing", words),
        ("rank (find)", find),
        ("write the JSON answer", json),
    ] {
        println!("  {phase:<24} {:>7.2}", secs / n * 1e6);
    }
    let total = parse + words + find + json;
    println!(
        "  {:<24} {:>7.2}  ({:.0} drawings per second)",
        "all",
        total / n * 1e6,
        n / total
    );
}
