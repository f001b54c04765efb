//! The questions that settle it: which question would best separate the leading candidates
//! (expected information gain over their posterior), and how an answer re-weights them.
//!
//! Two kinds of question:
//! - *press*: "Press <the spot> on the right side: does it reproduce your familiar pain?" —
//!   the recognition of one's own pain on pressing a knot is the strongest clinical sign, so a
//!   confirmed palpation weighs most;
//! - *symptom or activity*, from the atlas's shared vocabulary: "Does turning your head to the
//!   left make the pain worse?".
//!
//! Question ids are stable strings: `press:<trigger point id>:<side>`, and `<vocabulary id>`
//! or `<vocabulary id>:<side>` where the question names a side.

use std::borrow::Cow;

use knot_body::Side;

use crate::drawing::{Answer, Drawing};
use crate::model::{Finder, Node};
use crate::result::QuestionOut;

/// P(yes) to a press question, for the pressed trigger point itself, for another knot of the
/// same muscle on that side, for a knot in the same region, and for anything else (latent knots
/// are often tender without being the source).
const PRESS_SAME: f64 = 0.85;
const PRESS_SAME_MUSCLE: f64 = 0.35;
const PRESS_SAME_REGION: f64 = 0.3;
const PRESS_OTHER: f64 = 0.1;
/// P(yes) to a symptom or activity question for a trigger point that lists it, one that lists
/// it for the other side, and one that does not.
const VOCAB_LISTED: f64 = 0.7;
const VOCAB_OTHER_SIDE: f64 = 0.3;
const VOCAB_UNLISTED: f64 = 0.2;
/// Every P(yes) above, so that an answer's likelihood is an index into a table.
const LEVELS: [f64; 7] = [
    PRESS_SAME,
    PRESS_SAME_MUSCLE,
    PRESS_SAME_REGION,
    PRESS_OTHER,
    VOCAB_LISTED,
    VOCAB_OTHER_SIDE,
    VOCAB_UNLISTED,
];
/// log2 of every P(yes) and P(no) of [`LEVELS`], taken once.
static LOG_YES: std::sync::LazyLock<[f64; 7]> = std::sync::LazyLock::new(|| LEVELS.map(f64::log2));
static LOG_NO: std::sync::LazyLock<[f64; 7]> =
    std::sync::LazyLock::new(|| LEVELS.map(|y| (1.0 - y).log2()));
/// How many leading candidates questions are chosen to separate, and how many are asked.
const LEADERS: usize = 8;
const ASKED: usize = 3;

/// The vocabulary as numbers, built once with the finder: each trigger point's symptoms and
/// activities as indices into `Vocabulary::question` order (symptoms, then activities).
#[derive(Debug, Default)]
pub(crate) struct Asks {
    /// Per node, its symptoms then its aggravating activities.
    listed: Vec<Vec<u16>>,
    /// Per vocabulary index: its id, and whether its question names a side.
    ids: Vec<String>,
    sided: Vec<bool>,
    /// Per node, the questions of its symptoms as a candidate shows them: for its own side,
    /// and for a candidate of either side.
    checks: Vec<[Vec<Cow<'static, str>>; 2]>,
    /// Per node: its key (`right:upper-trapezius-1`), and its press question's id and wording.
    keys: Vec<String>,
    press_ids: Vec<String>,
    press_texts: Vec<String>,
}

impl Asks {
    /// The symptom questions a candidate shows: its own side's wording, or (`either`) the
    /// wording for a candidate of either side.
    pub fn checks(&self, node: usize, either: bool) -> &[Cow<'static, str>] {
        &self.checks[node][usize::from(either)]
    }

    /// A node's key: `right:upper-trapezius-1`.
    pub fn key(&self, node: usize) -> &str {
        &self.keys[node]
    }

    pub fn new(finder_atlas: &'static knot_atlas::Atlas) -> Asks {
        let vocabulary = finder_atlas.vocabulary();
        let all: Vec<&knot_atlas::Question> = vocabulary
            .symptoms
            .iter()
            .chain(&vocabulary.activities)
            .collect();
        let index = |id: &String| all.iter().position(|q| q.id == *id).map(|i| i as u16);
        Asks {
            listed: finder_atlas
                .trigger_points()
                .iter()
                .map(|tp| {
                    tp.symptoms
                        .iter()
                        .chain(&tp.aggravating)
                        .filter_map(index)
                        .collect()
                })
                .collect(),
            ids: all.iter().map(|q| q.id.clone()).collect(),
            sided: all.iter().map(|q| q.question.contains("{side}")).collect(),
            checks: finder_atlas
                .trigger_points()
                .iter()
                .map(|tp| {
                    let questions = || {
                        tp.symptoms
                            .iter()
                            .filter_map(|v| vocabulary.question(v))
                            .map(|q| q.question.as_str())
                    };
                    [
                        questions().map(|q| on_side(q, Some(tp.side))).collect(),
                        questions().map(|q| on_side(q, None)).collect(),
                    ]
                })
                .collect(),
            keys: finder_atlas
                .trigger_points()
                .iter()
                .map(|tp| tp.key())
                .collect(),
            press_ids: finder_atlas
                .trigger_points()
                .iter()
                .map(|tp| format!("press:{}:{}", tp.id, tp.side))
                .collect(),
            press_texts: finder_atlas
                .trigger_points()
                .iter()
                .map(press_text)
                .collect(),
        }
    }
}

/// "Press firmly on <the spot> on the right side: does it reproduce your familiar pain?"
fn press_text(tp: &knot_atlas::TriggerPoint) -> String {
    let side_words = match tp.side {
        Side::Midline => String::new(),
        s => format!(" on the {s} side"),
    };
    format!(
        "Press firmly on {}{side_words}: does it reproduce your familiar pain?",
        tp.press_here
    )
}

/// A question as asked of one side, or (`None`) of either side: "… on the {side} side" reads
/// "… on either side". Borrowed when the question names no side.
fn on_side(question: &'static str, side: Option<Side>) -> Cow<'static, str> {
    if !question.contains("{side}") {
        return Cow::Borrowed(question);
    }
    Cow::Owned(match side {
        None => question
            .replace("the {side} side", "either side")
            .replace("{side}", ""),
        Some(side) => question.replace("{side}", side.word()),
    })
}

/// A question, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    /// Press a trigger point instance (`None`: one the atlas does not have).
    Press(Option<usize>),
    /// A symptom or activity (`None`: a word the vocabulary does not have), on a side if its
    /// question names one.
    Vocab(Option<u16>, Option<Side>),
}

fn parse_side(word: &str) -> Option<Side> {
    match word {
        "left" => Some(Side::Left),
        "right" => Some(Side::Right),
        "midline" => Some(Side::Midline),
        _ => None,
    }
}

fn parse(finder: &Finder, id: &str) -> Option<Question> {
    if let Some(rest) = id.strip_prefix("press:") {
        let (tp, side) = rest.rsplit_once(':')?;
        let side = parse_side(side)?;
        let target = finder
            .atlas
            .trigger_points()
            .iter()
            .position(|t| t.id == tp && t.side == side);
        return Some(Question::Press(target));
    }
    let (vocab, side) = match id.rsplit_once(':') {
        Some((vocab, side)) => (vocab, Some(parse_side(side)?)),
        None => (id, None),
    };
    let index = finder.asks.ids.iter().position(|v| v == vocab);
    Some(Question::Vocab(index.map(|i| i as u16), side))
}

/// True if the id names a question this finder could ask (used to refuse unknown answers).
pub fn is_known_question(finder: &Finder, id: &str) -> bool {
    match parse(finder, id) {
        Some(Question::Press(target)) => target.is_some(),
        Some(Question::Vocab(vocab, _)) => vocab.is_some(),
        None => false,
    }
}

/// The wording of a question the finder could ask, e.g. to show an answer already given.
pub fn question_text(finder: &Finder, id: &str) -> Option<String> {
    is_known_question(finder, id)
        .then(|| parse(finder, id))
        .flatten()
        .map(|q| text(finder, q))
}

/// The id of a question: `press:<id>:<side>`, `<vocabulary id>` or `<vocabulary id>:<side>`.
fn id_of(finder: &Finder, question: Question) -> String {
    match question {
        Question::Press(Some(i)) => finder.asks.press_ids[i].clone(),
        Question::Press(None) => "press:".to_string(),
        Question::Vocab(vocab, side) => {
            let id = vocab.map_or("", |v| finder.asks.ids[v as usize].as_str());
            match side {
                Some(side) => format!("{id}:{side}"),
                None => id.to_string(),
            }
        }
    }
}

/// Which of [`LEVELS`] is P(yes) to the question if the node is the source.
fn level(finder: &Finder, question: Question, node: usize) -> usize {
    match question {
        Question::Press(None) => 3,
        Question::Press(Some(target)) => press_level(finder, target, node),
        Question::Vocab(vocab, side) => {
            let listed = vocab.is_some_and(|v| finder.asks.listed[node].contains(&v));
            vocab_level(listed, side, finder.nodes[node].side)
        }
    }
}

/// [`level`] of pressing `target`, for a node.
fn press_level(finder: &Finder, target: usize, node: usize) -> usize {
    let (n, t) = (&finder.nodes[node], &finder.nodes[target]);
    if node == target {
        0
    } else if n.muscle == t.muscle && n.side == t.side {
        1
    } else if n.location == t.location {
        2
    } else {
        3
    }
}

/// [`level`] of a symptom or activity question asked of `side`, for a node on `own` side that
/// lists it or not.
fn vocab_level(listed: bool, side: Option<Side>, own: Side) -> usize {
    let same_side = side.is_none_or(|s| s == own || own == Side::Midline);
    match (listed, same_side) {
        (true, true) => 4,
        (true, false) => 5,
        _ => 6,
    }
}

/// One bit per side a question may name (or none), to note which were already weighed.
fn side_bit(side: Option<Side>) -> u8 {
    match side {
        None => 1,
        Some(Side::Left) => 2,
        Some(Side::Right) => 4,
        Some(Side::Midline) => 8,
    }
}

/// The answers of a drawing with their questions parsed, once per drawing.
pub(crate) struct ParsedAnswers(Vec<(Question, Answer)>);

pub(crate) fn parse_answers(finder: &Finder, drawing: &Drawing) -> ParsedAnswers {
    ParsedAnswers(
        drawing
            .answers
            .iter()
            .filter_map(|(id, answer)| Some((parse(finder, id)?, *answer)))
            .collect(),
    )
}

/// Log likelihood of all answers given so far, for one trigger point.
pub(crate) fn answers_ll(finder: &Finder, node: &Node, answers: &ParsedAnswers) -> f64 {
    answers
        .0
        .iter()
        .filter_map(|&(question, answer)| {
            let yes = LEVELS[level(finder, question, node.tp)];
            match answer {
                Answer::Yes => Some(yes.ln()),
                Answer::No => Some((1.0 - yes).ln()),
                Answer::Unsure => None,
            }
        })
        .sum()
}

/// The questions with the highest expected information gain about which of the leading
/// candidates is the source, skipping those already answered.
pub(crate) fn best(
    finder: &Finder,
    drawing: &Drawing,
    ranked: &[(usize, f64)],
) -> Vec<QuestionOut> {
    let leaders = &ranked[..LEADERS.min(ranked.len())];
    let total: f64 = leaders.iter().map(|(_, p)| p).sum();
    if total <= 0.0 || leaders.len() < 2 {
        return Vec::new();
    }
    let mut gain = Gain::new(leaders, total);
    // Which leaders list each symptom or activity, as bits over the leaders; and which sides
    // of each were weighed already.
    let mut holders = vec![0u8; finder.asks.ids.len()];
    for (j, &(node, _)) in leaders.iter().enumerate() {
        for &v in &finder.asks.listed[node] {
            holders[usize::from(v)] |= 1 << j;
        }
    }
    let mut weighed = vec![0u8; finder.asks.ids.len()];
    let mut options: Vec<(f64, Question)> = Vec::with_capacity(8 * LEADERS);
    let answered = |question| {
        !drawing.answers.is_empty() && drawing.answers.contains_key(&id_of(finder, question))
    };
    for &(node, _) in leaders {
        let press = Question::Press(Some(node));
        if !answered(press) {
            let levels = leaders.iter().map(|&(n, _)| press_level(finder, node, n));
            options.push((settled(gain.of(levels)), press));
        }
        let own = finder.nodes[node].side;
        for &v in &finder.asks.listed[node] {
            let side = finder.asks.sided[usize::from(v)].then_some(own);
            let seen = &mut weighed[usize::from(v)];
            if *seen & side_bit(side) != 0 {
                continue;
            }
            *seen |= side_bit(side);
            let question = Question::Vocab(Some(v), side);
            if answered(question) {
                continue;
            }
            let listed_by = holders[usize::from(v)];
            let levels = leaders.iter().enumerate().map(|(j, &(n, _))| {
                vocab_level(listed_by >> j & 1 == 1, side, finder.nodes[n].side)
            });
            options.push((settled(gain.of(levels)), question));
        }
    }
    // The best by gain; equal gains in id order, so that results are deterministic (gains are
    // settled to 1e-9 bits first, so that a tie does not turn on rounding noise). Ids are
    // written only for the options that can still be asked.
    if options.is_empty() {
        return Vec::new();
    }
    let nth = (ASKED - 1).min(options.len() - 1);
    let (_, &mut (cut, _), _) = options.select_nth_unstable_by(nth, |a, b| b.0.total_cmp(&a.0));
    let mut asked: Vec<(f64, String, Question)> = options
        .into_iter()
        .filter(|(gain, _)| *gain >= cut)
        .map(|(gain, question)| (gain, id_of(finder, question), question))
        .collect();
    asked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    asked
        .into_iter()
        .take(ASKED)
        .map(|(gain, id, question)| {
            let levels: Vec<usize> = leaders
                .iter()
                .map(|&(n, _)| level(finder, question, n))
                .collect();
            QuestionOut {
                id,
                text: text(finder, question),
                separates: separates(finder, leaders, &levels),
                gain: (gain * 10_000.0).round() / 10_000.0,
            }
        })
        .collect()
}

/// A gain to 1e-9 bits: questions whose gains are equal in exact arithmetic compare equal,
/// whatever order the floating-point sums were taken in.
fn settled(gain: f64) -> f64 {
    // A cast, not `round` (a library call here): a gain is never below zero by more than
    // rounding noise, which the cast takes to zero.
    (gain * 1e9 + 0.5) as i64 as f64 / 1e9
}

/// Expected reduction in entropy (bits) of the leaders' distribution from one yes/no answer,
/// with the logarithms of the weights and of every P(yes) taken once.
struct Gain {
    weights: [f64; LEADERS],
    log_weights: [f64; LEADERS],
    log_yes: [f64; 7],
    log_no: [f64; 7],
    prior_entropy: f64,
    /// Gains worked out so far, by pattern of levels (three bits per leader).
    known: Vec<(u32, f64)>,
}

impl Gain {
    fn new(leaders: &[(usize, f64)], total: f64) -> Gain {
        let mut weights = [0.0; LEADERS];
        let mut log_weights = [0.0; LEADERS];
        for (i, (_, p)) in leaders.iter().enumerate() {
            weights[i] = p / total;
            log_weights[i] = weights[i].log2();
        }
        let prior_entropy = weights
            .iter()
            .zip(&log_weights)
            .filter(|(&w, _)| w > 0.0)
            .map(|(w, log_w)| -w * log_w)
            .sum();
        Gain {
            weights,
            log_weights,
            log_yes: *LOG_YES,
            log_no: *LOG_NO,
            prior_entropy,
            known: Vec::with_capacity(8 * LEADERS),
        }
    }

    /// Entropy of the weights times one P(answer) each, normalised: log2 T − Σ j log2 j / T.
    fn after(&self, levels: &[usize], p: &[f64; 7], log_p: &[f64; 7]) -> (f64, f64) {
        let (mut total, mut sum) = (0.0, 0.0);
        for (i, &l) in levels.iter().enumerate() {
            let j = self.weights[i] * p[l];
            if j > 0.0 {
                total += j;
                sum += j * (self.log_weights[i] + log_p[l]);
            }
        }
        if total <= 0.0 {
            return (0.0, 0.0);
        }
        (total, total.log2() - sum / total)
    }

    /// The gain of a question from its level for each leader. Questions with the same levels
    /// have the same gain (most symptoms are listed by one leader alone), so each pattern of
    /// levels is worked out once per drawing.
    fn of(&mut self, levels: impl Iterator<Item = usize>) -> f64 {
        let mut buffer = [0usize; LEADERS];
        let mut n = 0;
        let mut pattern = 0u32;
        for l in levels {
            buffer[n] = l;
            pattern |= (l as u32) << (3 * n);
            n += 1;
        }
        if let Some(&(_, gain)) = self.known.iter().find(|(p, _)| *p == pattern) {
            return gain;
        }
        let levels = &buffer[..n];
        let no = LEVELS.map(|y| 1.0 - y);
        let (p_yes, h_yes) = self.after(levels, &LEVELS, &self.log_yes);
        let (_, h_no) = self.after(levels, &no, &self.log_no);
        let gain = self.prior_entropy - (p_yes * h_yes + (1.0 - p_yes) * h_no);
        self.known.push((pattern, gain));
        gain
    }
}

/// The candidates a question tells apart: those a yes points to, then the best-ranked one a
/// yes points away from.
fn separates(finder: &Finder, leaders: &[(usize, f64)], levels: &[usize]) -> Vec<String> {
    let key = |node: usize| finder.asks.key(node).to_string();
    let yes: Vec<f64> = levels.iter().map(|&l| LEVELS[l]).collect();
    let high = yes.iter().cloned().fold(0.0, f64::max);
    let mut favoured: Vec<String> = leaders
        .iter()
        .zip(&yes)
        .filter(|(_, y)| **y >= high - 1e-9)
        .map(|((n, _), _)| key(*n))
        .collect();
    if let Some(((other, _), _)) = leaders.iter().zip(&yes).find(|(_, y)| **y < high - 1e-9) {
        favoured.push(key(*other));
    }
    favoured
}

fn text(finder: &Finder, question: Question) -> String {
    match question {
        Question::Press(Some(i)) => finder.asks.press_texts[i].clone(),
        Question::Press(None) => {
            "Press firmly on the spot: does it reproduce your familiar pain?".into()
        }
        Question::Vocab(vocab, side) => {
            let template = vocab
                .and_then(|v| {
                    finder
                        .atlas
                        .vocabulary()
                        .question(&finder.asks.ids[v as usize])
                })
                .map_or("", |q| q.question.as_str());
            template.replace("{side}", side.map_or("", Side::word))
        }
    }
}
