//! `knot treat` full screen (ratatui): the current step's instructions, a countdown gauge,
//! the last advice, and the question, redrawn every second.
//!
//! Keys: space pause/resume, s skip, q quit, x or ! a stop sensation, y/n answers, digits then
//! enter for pain and discomfort, enter alone to go on (or release a hold), + one stroke.
//! `ratatui::init` puts the terminal back on a panic; `run` puts it back on every other exit.

use std::io;
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};
use ratatui::{DefaultTerminal, Frame};

use knot_care::session::{step, view, Event, NoticeKind, Prompt, Sensation, SessionState};

use crate::failure::Failure;
use crate::hints;

const KEYS: &str = "enter go on · 0-10 enter · y/n · space pause · s skip · q quit · \
x stop (sharp, burning, electric, numb)";
const KEYS_STROKING: &str = "enter set done · + one stroke · 0-10 enter · y/n · space pause · \
s skip · q quit · x stop (sharp, burning, electric, numb)";

/// What the screen shows besides the state: typed digits and a local hint.
#[derive(Debug, Default)]
struct Input {
    digits: String,
    hint: Option<String>,
}

enum Action {
    Step(Event),
    Exit,
    Nothing,
}

/// Runs a session full screen and restores the terminal afterwards.
pub fn run(state: SessionState) -> Result<SessionState, Failure> {
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, state);
    ratatui::restore();
    Ok(result.context("the full-screen session failed (try --plain)")?)
}

fn event_loop(terminal: &mut DefaultTerminal, mut state: SessionState) -> io::Result<SessionState> {
    let mut input = Input::default();
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|frame| draw(frame, &state, &input))?;
        let timeout = Duration::from_secs(1).saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            if let TermEvent::Key(key) = event::read()? {
                if key.kind == KeyEventKind::Press {
                    match on_key(&state, &mut input, key.code, key.modifiers) {
                        Action::Step(e) => state = step(state, e),
                        Action::Exit => return Ok(state),
                        Action::Nothing => {}
                    }
                }
            }
        }
        let whole_seconds = last_tick.elapsed().as_secs();
        if whole_seconds >= 1 {
            last_tick += Duration::from_secs(whole_seconds);
            let seconds = u32::try_from(whole_seconds).unwrap_or(u32::MAX);
            state = step(state, Event::Tick(seconds));
        }
    }
}

fn on_key(state: &SessionState, input: &mut Input, code: KeyCode, mods: KeyModifiers) -> Action {
    input.hint = None;
    if state.is_ended() {
        return Action::Exit;
    }
    let event = match code {
        KeyCode::Char('c') if mods.contains(KeyModifiers::CONTROL) => Event::Quit,
        KeyCode::Char(' ') if state.paused => Event::Resume,
        KeyCode::Char(' ') | KeyCode::Char('p') => Event::Pause,
        KeyCode::Char('r') => Event::Resume,
        KeyCode::Char('s') => Event::Skip,
        KeyCode::Char('q') | KeyCode::Esc => Event::Quit,
        KeyCode::Char('x') | KeyCode::Char('!') => Event::Sensation(Sensation::Unnamed),
        KeyCode::Char('y') => Event::Answer(true),
        KeyCode::Char('n') => Event::Answer(false),
        KeyCode::Char('+') => Event::Strokes(1),
        KeyCode::Char(d) if d.is_ascii_digit() => {
            if input.digits.len() < 2 {
                input.digits.push(d);
            }
            return Action::Nothing;
        }
        KeyCode::Backspace => {
            input.digits.pop();
            return Action::Nothing;
        }
        KeyCode::Enter => return enter(state, input),
        _ => return Action::Nothing,
    };
    input.digits.clear();
    Action::Step(event)
}

/// Enter submits typed digits as a score, or goes on when nothing was typed.
fn enter(state: &SessionState, input: &mut Input) -> Action {
    let typed = std::mem::take(&mut input.digits);
    if typed.is_empty() {
        return Action::Step(Event::Continue);
    }
    match typed.parse::<u8>() {
        Ok(score) if score <= 10 => Action::Step(match view(state).prompt {
            Prompt::Discomfort => Event::Discomfort(score),
            _ => Event::Number(score),
        }),
        _ => {
            input.hint = Some(format!(
                "{typed} is out of range: type 0 (none) to 10 (worst)."
            ));
            Action::Nothing
        }
    }
}

fn draw(frame: &mut Frame, state: &SessionState, input: &Input) {
    let v = view(state);
    let [title, body, gauge, notice, prompt, keys] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(6),
        Constraint::Length(3),
        Constraint::Length(4),
        Constraint::Length(3),
        Constraint::Length(2),
    ])
    .areas(frame.area());
    let heading = format!(
        " knot treat · {} ({}) ",
        state.spec.muscle_name,
        state.spec.side.word()
    );
    frame.render_widget(
        Paragraph::new(Line::from(v.title.clone()).bold()).block(Block::bordered().title(heading)),
        title,
    );
    let lines: Vec<Line> = v
        .all_lines()
        .into_iter()
        .chain(v.hints.iter().map(hints::line))
        .map(Line::from)
        .collect();
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" What to do ")),
        body,
    );
    if let Some(g) = &v.gauge {
        frame.render_widget(gauge_widget(g, state.paused), gauge);
    }
    frame.render_widget(notice_widget(state, input), notice);
    let question = format!("{}  > {}_", v.question, input.digits);
    frame.render_widget(
        Paragraph::new(question).block(Block::bordered().title(" Your answer ")),
        prompt,
    );
    let footer = match (state.is_ended(), state.spec.is_stroking()) {
        (true, _) => "any key: finish",
        (false, true) => KEYS_STROKING,
        (false, false) => KEYS,
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }).dim(), keys);
}

fn gauge_widget(g: &knot_care::session::Gauge, paused: bool) -> Gauge<'_> {
    let (title, colour) = if paused {
        (" Paused ", Color::Yellow)
    } else {
        (" Progress ", Color::Green)
    };
    Gauge::default()
        .block(Block::bordered().title(title))
        .gauge_style(Style::new().fg(colour))
        .ratio(g.ratio())
        .label(g.label.as_str())
}

fn notice_widget<'a>(state: &'a SessionState, input: &'a Input) -> Paragraph<'a> {
    let (text, style) = match (&input.hint, &state.notice) {
        (Some(hint), _) => (hint.as_str(), Style::new().fg(Color::Yellow)),
        (None, Some(n)) => (hints::notice(n), notice_style(n.kind)),
        (None, None) => ("", Style::new()),
    };
    Paragraph::new(Line::styled(text, style))
        .wrap(Wrap { trim: true })
        .block(Block::bordered().title(" Advice "))
}

fn notice_style(kind: NoticeKind) -> Style {
    match kind {
        NoticeKind::Stop => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        NoticeKind::Advice(_) => Style::new().fg(Color::Cyan),
        NoticeKind::Ignored | NoticeKind::ShortHold => Style::new().fg(Color::Yellow),
        NoticeKind::Info => Style::new(),
    }
}

/// The screen as text, for documentation and tests.
#[cfg(test)]
fn render_text(state: &SessionState, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| draw(frame, state, &Input::default()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::session_fixture::upper_trapezius_spec;

    fn mid_hold() -> SessionState {
        let spec = upper_trapezius_spec(knot_body::Side::Right);
        let events = [
            Event::Continue,
            Event::Number(6),
            Event::Continue,
            Event::Continue,
            Event::Tick(60),
            Event::Answer(true),
            Event::Tick(18),
            Event::Discomfort(8),
        ];
        events.into_iter().fold(SessionState::new(spec), step)
    }

    #[test]
    fn the_screen_shows_the_hold_countdown_and_the_advice() {
        let text = render_text(&mid_hold(), 100, 26);
        assert!(text.contains("Hold 2 of 2"), "{text}");
        assert!(text.contains("0:42 left"), "{text}");
        assert!(text.contains("Ease off"), "{text}");
        assert!(text.contains("Earlier: 1:00 softened"), "{text}");
        assert!(text.contains("space pause"), "{text}");
        // KNOT_TREAT_SCREEN=path saves the frame (docs/treat-session.txt for the README).
        if let Ok(path) = std::env::var("KNOT_TREAT_SCREEN") {
            std::fs::write(path, &text).expect("write screen");
        }
    }

    #[test]
    fn digits_then_enter_send_discomfort_while_pressing_and_refuse_out_of_range() {
        let state = mid_hold();
        let mut input = Input::default();
        for d in ['1', '2'] {
            on_key(&state, &mut input, KeyCode::Char(d), KeyModifiers::NONE);
        }
        assert!(matches!(enter(&state, &mut input), Action::Nothing));
        assert!(input
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("0 (none) to 10")));
        on_key(&state, &mut input, KeyCode::Char('7'), KeyModifiers::NONE);
        assert!(matches!(
            enter(&state, &mut input),
            Action::Step(Event::Discomfort(7))
        ));
        assert!(matches!(
            on_key(&state, &mut input, KeyCode::Char(' '), KeyModifiers::NONE),
            Action::Step(Event::Pause)
        ));
    }
}
