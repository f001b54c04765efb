//! `knot treat --plain`: the guided session line by line, for screen readers and scripts.
//!
//! Each step is printed as plain lines, then a question line starting with `?`. Answers are
//! lines on stdin: a number (pain or discomfort, 0–10), enter to go on, `y`/`n`, `s` skip,
//! `q` quit, `x` or the sensation's name (`sharp`, `burning`, `electric`, `numb`) to stop,
//! `pause`/`resume`, `strokes N` in a set of strokes. Time moves only when told: `held N` (or
//! `tick N`) says N seconds of pressure passed, so a script can run a whole session at once;
//! `wait [N]` waits in real time. End of input quits the session.

use std::io::{self, BufRead, Write};
use std::time::Duration;

use knot_care::session::{
    step, view, Event, NoticeKind, Prompt, Sensation, SessionState, DISCOMFORT_PROMPT_SECONDS,
};

use crate::hints;

/// Where plain mode reads and writes.
pub struct PlainIo {
    input: Box<dyn BufRead>,
    output: Box<dyn Write>,
    sleep: fn(Duration),
}

impl std::fmt::Debug for PlainIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlainIo")
    }
}

/// One line of input, understood.
#[derive(Debug, Clone, PartialEq)]
enum Command {
    Event(Event),
    /// Wait in real time, up to this many seconds (or the end of the step).
    Wait(Option<u32>),
    Help,
    /// Not understood; the text says what to type instead.
    Unclear(String),
}

const HELP: &str = "Commands: a number 0-10 (pain or discomfort) | enter: go on / release the \
hold | y, n | s: skip | q: quit | x, sharp, burning, electric, numb, tingling, dizzy: stop now | \
pause, resume | held N: N seconds of pressure passed | wait [N]: wait in real time | strokes N | \
help";

impl PlainIo {
    /// Standard input and output.
    pub fn stdio() -> PlainIo {
        PlainIo {
            input: Box::new(io::stdin().lock()),
            output: Box::new(io::stdout()),
            sleep: std::thread::sleep,
        }
    }

    /// Runs a session to its end, reading commands line by line.
    pub fn run(&mut self, mut state: SessionState) -> io::Result<SessionState> {
        self.show_step(&state)?;
        while !state.is_ended() {
            let Some(line) = self.read_line()? else {
                writeln!(self.output, "note: input ended, so the session is quit.")?;
                state = self.apply(state, Event::Quit)?;
                break;
            };
            state = match parse(&line, view(&state).prompt) {
                Command::Event(event) => self.apply(state, event)?,
                Command::Wait(limit) => self.wait(state, limit)?,
                Command::Help => {
                    writeln!(self.output, "{HELP}")?;
                    state
                }
                Command::Unclear(message) => {
                    writeln!(self.output, "{message}")?;
                    self.ask(&state)?;
                    state
                }
            };
        }
        self.output.flush()?;
        Ok(state)
    }

    fn read_line(&mut self) -> io::Result<Option<String>> {
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim().to_lowercase()))
    }

    /// Steps the machine and prints what changed: the notice, a new step, the gauge, a question.
    fn apply(&mut self, state: SessionState, event: Event) -> io::Result<SessionState> {
        if matches!(event, Event::Tick(_)) && (!state.is_timed() || state.paused) {
            writeln!(self.output, "note: nothing is counting down now.")?;
            self.ask(&state)?;
            return Ok(state);
        }
        let phase = state.phase;
        let was_due = state.discomfort_due;
        let state = step(state, event);
        if let Some(notice) = &state.notice {
            writeln!(
                self.output,
                "{}: {}",
                notice_label(notice.kind),
                hints::notice(notice)
            )?;
        }
        if state.phase != phase {
            self.show_step(&state)?;
        } else if matches!(event, Event::Tick(_) | Event::Strokes(_)) {
            if let Some(gauge) = view(&state).gauge {
                writeln!(self.output, "{}", gauge.label)?;
            }
            if state.discomfort_due && !was_due {
                self.ask(&state)?;
            }
        } else if matches!(&state.notice, Some(n) if n.kind == NoticeKind::Ignored) {
            self.ask(&state)?;
        }
        Ok(state)
    }

    /// Waits in real time, a second at a time, until the limit (default: the discomfort
    /// question's interval), the end of the step, or the next discomfort question.
    fn wait(&mut self, mut state: SessionState, limit: Option<u32>) -> io::Result<SessionState> {
        if !state.is_timed() || state.paused {
            writeln!(self.output, "note: nothing is counting down now.")?;
            return Ok(state);
        }
        let phase = state.phase;
        let limit = limit.unwrap_or(DISCOMFORT_PROMPT_SECONDS);
        for _ in 0..limit {
            let was_due = state.discomfort_due;
            (self.sleep)(Duration::from_secs(1));
            state = step(state, Event::Tick(1));
            if state.phase != phase || (state.discomfort_due && !was_due) {
                break;
            }
        }
        if state.phase != phase {
            self.show_step(&state)?;
        } else {
            if let Some(gauge) = view(&state).gauge {
                writeln!(self.output, "{}", gauge.label)?;
            }
            self.ask(&state)?;
        }
        Ok(state)
    }

    fn show_step(&mut self, state: &SessionState) -> io::Result<()> {
        let v = view(state);
        writeln!(self.output, "\n== {} ==", v.title)?;
        // A stop reason was just printed as the STOP notice; do not repeat it.
        let notice = state.notice.as_ref().map(|n| n.text.as_str());
        for line in v.all_lines().iter().filter(|l| Some(l.as_str()) != notice) {
            writeln!(self.output, "{line}")?;
        }
        for hint in &v.hints {
            writeln!(self.output, "{}", hints::line(hint))?;
        }
        if let Some(gauge) = &v.gauge {
            writeln!(self.output, "{}", gauge.label)?;
        }
        self.ask(state)
    }

    fn ask(&mut self, state: &SessionState) -> io::Result<()> {
        let v = view(state);
        if v.prompt == Prompt::Nothing {
            return Ok(());
        }
        writeln!(self.output, "? {} [{}]", v.question, keys(v.prompt, state))
    }
}

fn notice_label(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Info => "note",
        NoticeKind::Advice(_) => "advice",
        NoticeKind::Ignored => "not now",
        NoticeKind::ShortHold => "short hold",
        NoticeKind::Stop => "STOP",
    }
}

fn keys(prompt: Prompt, state: &SessionState) -> &'static str {
    match prompt {
        Prompt::Continue if state.is_timed() => "enter: go on, wait: let the time run, s: skip",
        Prompt::Continue => "enter: go on, s: skip, q: quit",
        Prompt::Pain => "0-10 then enter, s: skip",
        Prompt::Discomfort if state.spec.is_stroking() => {
            "0-10: discomfort, strokes N, enter: set done, s: skip, x: stop"
        }
        Prompt::Discomfort => "0-10: discomfort, held N or wait, enter: release, s: skip, x: stop",
        Prompt::YesNo => "y or n",
        Prompt::Nothing => "",
    }
}

/// Understands one line, given what the step is asking for.
fn parse(line: &str, prompt: Prompt) -> Command {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or("");
    let argument = words.next();
    let event = |e| Command::Event(e);
    match first {
        "" | "next" | "continue" | "go" | "ok" | "done" => event(Event::Continue),
        "s" | "skip" => event(Event::Skip),
        "q" | "quit" | "exit" => event(Event::Quit),
        "p" | "pause" => event(Event::Pause),
        "r" | "resume" => event(Event::Resume),
        "y" | "yes" => event(Event::Answer(true)),
        "n" | "no" => event(Event::Answer(false)),
        "h" | "help" => Command::Help,
        "held" | "tick" => {
            seconds(argument).map_or_else(Command::Unclear, |s| event(Event::Tick(s)))
        }
        "wait" => match argument {
            None => Command::Wait(None),
            Some(_) => seconds(argument).map_or_else(Command::Unclear, |s| Command::Wait(Some(s))),
        },
        "stroke" if argument.is_none() => event(Event::Strokes(1)),
        "stroke" | "strokes" => {
            count(argument).map_or_else(Command::Unclear, |n| event(Event::Strokes(n)))
        }
        word => match sensation(word) {
            Some(s) => event(Event::Sensation(s)),
            None => number(word, prompt),
        },
    }
}

fn sensation(word: &str) -> Option<Sensation> {
    Some(match word {
        "x" | "!" | "stop" => Sensation::Unnamed,
        "sharp" => Sensation::Sharp,
        "burning" | "burn" => Sensation::Burning,
        "electric" | "electrical" | "shooting" => Sensation::Electrical,
        "numb" | "numbness" => Sensation::Numb,
        "tingling" | "tingle" | "pins" => Sensation::Tingling,
        "dizzy" | "dizziness" | "nausea" => Sensation::Dizzy,
        _ => return None,
    })
}

/// A score 0–10: pain or discomfort, whichever the step asks for.
fn number(word: &str, prompt: Prompt) -> Command {
    let Ok(value) = word.parse::<i64>() else {
        return Command::Unclear(format!(
            "not understood: {word:?}. Type a number from 0 to 10, enter to go on, or help."
        ));
    };
    let Ok(score @ 0..=10) = u8::try_from(value) else {
        return Command::Unclear(format!(
            "{value} is out of range: scores go from 0 (none) to 10 (worst)."
        ));
    };
    Command::Event(match prompt {
        Prompt::Discomfort => Event::Discomfort(score),
        _ => Event::Number(score),
    })
}

fn seconds(argument: Option<&str>) -> Result<u32, String> {
    match argument.map(str::parse::<u32>) {
        Some(Ok(n)) if (1..=3600).contains(&n) => Ok(n),
        _ => Err("say how many seconds passed, 1 to 3600: `held 30`.".into()),
    }
}

fn count(argument: Option<&str>) -> Result<u32, String> {
    match argument.map(str::parse::<u32>) {
        Some(Ok(n)) if (1..=100).contains(&n) => Ok(n),
        _ => Err("say how many strokes you did, 1 to 100: `strokes 5`.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    use crate::cmd::session_fixture::upper_trapezius_spec;

    /// Output the test can read back after the driver is done with it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn session() -> SessionState {
        SessionState::new(upper_trapezius_spec(knot_body::Side::Left))
    }

    #[test]
    fn wait_runs_the_clock_until_the_next_discomfort_question() {
        let output = Shared::default();
        let mut io = PlainIo {
            input: Box::new(io::Cursor::new("\n5\nwait 10\n\n\nwait\nq\n")),
            output: Box::new(output.clone()),
            sleep: |_| {},
        };
        let state = io.run(session()).expect("session runs");
        let text = String::from_utf8(output.0.borrow().clone()).expect("utf-8");
        assert!(text.contains("0:20 left"), "warm-up waited 10 s: {text}");
        assert_eq!(state.holds[0].seconds, DISCOMFORT_PROMPT_SECONDS);
        assert!(text.contains("0:40 left"), "{text}");
    }

    #[test]
    fn numbers_are_discomfort_while_pressing_and_pain_otherwise() {
        assert_eq!(
            parse("6", Prompt::Discomfort),
            Command::Event(Event::Discomfort(6))
        );
        assert_eq!(parse("6", Prompt::Pain), Command::Event(Event::Number(6)));
    }

    #[test]
    fn bad_scores_and_words_are_explained_not_sent() {
        assert!(
            matches!(parse("11", Prompt::Pain), Command::Unclear(m) if m.contains("0 (none) to 10"))
        );
        assert!(matches!(parse("-2", Prompt::Pain), Command::Unclear(_)));
        assert!(
            matches!(parse("lots", Prompt::Discomfort), Command::Unclear(m) if m.contains("\"lots\""))
        );
        assert!(matches!(
            parse("held", Prompt::Discomfort),
            Command::Unclear(_)
        ));
        assert!(matches!(
            parse("held 0", Prompt::Discomfort),
            Command::Unclear(_)
        ));
    }

    #[test]
    fn time_and_stop_words_become_events() {
        assert_eq!(
            parse("held 45", Prompt::Discomfort),
            Command::Event(Event::Tick(45))
        );
        assert_eq!(parse("wait", Prompt::Discomfort), Command::Wait(None));
        assert_eq!(
            parse("electric", Prompt::Discomfort),
            Command::Event(Event::Sensation(Sensation::Electrical))
        );
        assert_eq!(parse("", Prompt::Continue), Command::Event(Event::Continue));
    }
}
