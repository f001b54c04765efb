//! `knot find [--json] [--answer Q=yes …] TERM…` ranks the trigger points behind a pain
//! drawing; `knot find --batch drawings.jsonl` scores one drawing per line.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use knot_finder::{Answer, Drawing, Finder};

use super::terms;
use crate::failure::{bad_input, Failure};

#[derive(Debug, Args)]
pub struct FindArgs {
    /// Where it hurts, in words or region ids: "right temple" "side of the neck".
    terms: Vec<String>,
    /// Print the JSON result (the contract in DESIGN.md).
    #[arg(long)]
    json: bool,
    /// The place that hurts most (also counts as marked).
    #[arg(long, value_name = "TERM")]
    worst: Option<String>,
    /// An answer to a question from an earlier run: QUESTION-ID=yes|no|unsure.
    #[arg(long = "answer", value_name = "Q=ANSWER")]
    answers: Vec<String>,
    /// Score one drawing per line of a JSON-lines file (`-` for standard input), writing one
    /// result per line in the same order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["terms", "worst", "answers"])]
    batch: Option<PathBuf>,
}

pub fn run(args: FindArgs) -> Result<(), Failure> {
    if let Some(path) = &args.batch {
        return batch(path);
    }
    if args.terms.is_empty() && args.worst.is_none() {
        return Err(bad_input(
            "say where it hurts, e.g. `knot find \"right temple\" \"back of the neck\"`",
        ));
    }
    let finder = Finder::builtin();
    let typed = rejoin_shell_words(&args.terms);
    let mut all_terms = typed.clone();
    all_terms.extend(args.worst.clone());
    let mut drawing = Drawing::from_terms(&all_terms);
    if let Some(worst) = &args.worst {
        let resolution = knot_body::Lexicon::builtin().resolve(worst);
        for mark in drawing.marks.iter_mut() {
            let id = &finder.scheme().region(mark.region).id;
            mark.worst |= resolution.regions.contains(id);
        }
    }
    for answer in &args.answers {
        let (id, value) = parse_answer(finder, answer)?;
        drawing.answers.insert(id, value);
    }
    if drawing.marks.is_empty() && !drawing.only_unplaced() {
        // Every term failed: say which and why, exit 2.
        terms::resolve_all(&all_terms)?;
    }
    let mut result = finder.find_or_explain(&drawing);
    knot_app::describe_red_flags(knot_atlas::Atlas::builtin(), &mut result);
    if args.json {
        let text = serde_json::to_string_pretty(&result).map_err(anyhow::Error::from)?;
        println!("{text}");
    } else {
        print!("{}", super::find_table::render(&result, &typed));
    }
    for term in &drawing.unmatched {
        eprintln!(
            "knot: {}",
            terms::not_understood(&knot_body::Lexicon::builtin().resolve(term))
        );
    }
    Ok(())
}

/// Words typed without quotes (`knot find right temple, back of neck`) reach us one shell word
/// per argument, and "right" or "of" alone name nothing. When every argument is a single word
/// and not all are region ids, they were one description: join them and let the lexicon read
/// it whole (it handles commas and "and").
fn rejoin_shell_words(terms: &[String]) -> Vec<String> {
    let scheme = knot_body::Scheme::builtin();
    let single_words = terms.len() > 1 && terms.iter().all(|t| !t.trim().contains(' '));
    let all_ids = terms.iter().all(|t| scheme.index_of(t.trim()).is_some());
    if single_words && !all_ids {
        vec![terms.join(" ")]
    } else {
        terms.to_vec()
    }
}

fn parse_answer(finder: &Finder, text: &str) -> Result<(String, Answer), Failure> {
    let Some((id, value)) = text.split_once('=') else {
        return Err(bad_input(format!(
            "--answer {text:?} needs the form QUESTION-ID=yes (or no, unsure); the question ids \
             are shown in brackets under \"Questions\""
        )));
    };
    if !knot_finder::questions::is_known_question(finder, id.trim()) {
        return Err(bad_input(format!(
            "--answer: no question has the id {:?}; copy the id shown in brackets by `knot find`",
            id.trim()
        )));
    }
    let answer: Answer = value
        .parse()
        .map_err(|e: String| bad_input(format!("--answer {id}: {e}")))?;
    Ok((id.trim().to_string(), answer))
}

/// One result (or one error object) per input line, in order. Exits 2 after writing everything
/// if any line was bad, so a researcher sees every problem at once.
fn batch(path: &PathBuf) -> Result<(), Failure> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path)
            .with_context(|| format!("opening {}", path.display()))
            .map_err(|e| bad_input(format!("{e:#}: check the path")))?;
        Box::new(std::io::BufReader::new(file))
    };
    let finder = Finder::builtin();
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut bad_lines = Vec::new();
    // One buffer for every answer, written out whole.
    let mut json = Vec::with_capacity(1 << 13);
    let mut reader = reader;
    // One buffer for every line: a cohort file has hundreds of thousands.
    let mut line = String::new();
    for n in 0.. {
        line.clear();
        let read = reader
            .read_line(&mut line)
            .with_context(|| format!("reading line {}", n + 1))?;
        if read == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        match finder.answer_line(&line) {
            Ok(mut result) => {
                knot_app::describe_red_flags(knot_atlas::Atlas::builtin(), &mut result);
                json.clear();
                result.write_json(&mut json);
                out.write_all(&json).context("writing results")?;
            }
            Err(message) => {
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({ "line": n + 1, "error": message }),
                )
                .map_err(anyhow::Error::from)?;
                bad_lines.push(n + 1);
            }
        }
        out.write_all(b"\n").context("writing results")?;
    }
    out.flush().context("writing results")?;
    if bad_lines.is_empty() {
        Ok(())
    } else {
        Err(bad_input(format!(
            "{} line(s) could not be scored (lines {:?}); each has an \"error\" object in the output",
            bad_lines.len(),
            bad_lines
        )))
    }
}
