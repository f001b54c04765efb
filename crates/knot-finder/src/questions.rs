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

use knot_atlas::TriggerPoint;
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
/// How many leading candidates questions are chosen to separate, and how many are asked.
const LEADERS: usize = 8;
const ASKED: usize = 3;

/// A parsed question id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Question {
    /// `target` is the pressed trigger point's index in the atlas, when it exists.
    Press {
        tp: String,
        side: Side,
        target: Option<usize>,
    },
    Vocab {
        id: String,
        side: Option<Side>,
    },
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
        return Some(Question::Press {
            tp: tp.to_string(),
            side,
            target,
        });
    }
    match id.rsplit_once(':') {
        Some((vocab, side)) => Some(Question::Vocab {
            id: vocab.to_string(),
            side: Some(parse_side(side)?),
        }),
        None => Some(Question::Vocab {
            id: id.to_string(),
            side: None,
        }),
    }
}

/// True if the id names a question this finder could ask (used to refuse unknown answers).
pub fn is_known_question(finder: &Finder, id: &str) -> bool {
    match parse(finder, id) {
        Some(Question::Press { target, .. }) => target.is_some(),
        Some(Question::Vocab { id, .. }) => finder.atlas.vocabulary().question(&id).is_some(),
        None => false,
    }
}

/// The wording of a question the finder could ask, e.g. to show an answer already given.
pub fn question_text(finder: &Finder, id: &str) -> Option<String> {
    is_known_question(finder, id)
        .then(|| parse(finder, id))
        .flatten()
        .map(|q| text(finder, &q))
}

fn p_yes(finder: &Finder, question: &Question, tp: &TriggerPoint) -> f64 {
    match question {
        Question::Press { target, .. } => {
            let Some(target) = target.map(|i| &finder.atlas.trigger_points()[i]) else {
                return PRESS_OTHER;
            };
            if tp.id == target.id && tp.side == target.side {
                PRESS_SAME
            } else if tp.muscle_id == target.muscle_id && tp.side == target.side {
                PRESS_SAME_MUSCLE
            } else if tp.location == target.location {
                PRESS_SAME_REGION
            } else {
                PRESS_OTHER
            }
        }
        Question::Vocab { id, side } => {
            let listed = tp.symptoms.iter().chain(&tp.aggravating).any(|v| v == id);
            let same_side = side.is_none_or(|s| s == tp.side || tp.side == Side::Midline);
            match (listed, same_side) {
                (true, true) => VOCAB_LISTED,
                (true, false) => VOCAB_OTHER_SIDE,
                _ => VOCAB_UNLISTED,
            }
        }
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
    let tp = &finder.atlas.trigger_points()[node.tp];
    answers
        .0
        .iter()
        .filter_map(|(question, answer)| {
            let yes = p_yes(finder, question, tp);
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
    let leaders: Vec<(&TriggerPoint, f64)> = ranked
        .iter()
        .take(LEADERS)
        .map(|&(node, p)| (&finder.atlas.trigger_points()[finder.nodes[node].tp], p))
        .collect();
    let total: f64 = leaders.iter().map(|(_, p)| p).sum();
    if total <= 0.0 || leaders.len() < 2 {
        return Vec::new();
    }
    let weights: Vec<f64> = leaders.iter().map(|(_, p)| p / total).collect();
    let mut options: Vec<(f64, String, Question)> = Vec::new();
    for (&(node, _), (tp, _)) in ranked.iter().zip(&leaders) {
        let press = Question::Press {
            tp: tp.id.clone(),
            side: tp.side,
            target: Some(finder.nodes[node].tp),
        };
        let mut asked = vec![(format!("press:{}:{}", tp.id, tp.side), press)];
        for vocab in tp.symptoms.iter().chain(&tp.aggravating) {
            let sided = finder
                .atlas
                .vocabulary()
                .question(vocab)
                .is_some_and(|q| q.question.contains("{side}"));
            let side = sided.then_some(tp.side);
            let id = if sided {
                format!("{vocab}:{}", tp.side)
            } else {
                vocab.clone()
            };
            asked.push((
                id,
                Question::Vocab {
                    id: vocab.clone(),
                    side,
                },
            ));
        }
        for (id, question) in asked {
            if drawing.answers.contains_key(&id) || options.iter().any(|(_, o, _)| *o == id) {
                continue;
            }
            let yes: Vec<f64> = leaders
                .iter()
                .map(|(t, _)| p_yes(finder, &question, t))
                .collect();
            options.push((information_gain(&weights, &yes), id, question));
        }
    }
    options.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    options
        .into_iter()
        .take(ASKED)
        .map(|(gain, id, question)| {
            let yes: Vec<f64> = leaders
                .iter()
                .map(|(t, _)| p_yes(finder, &question, t))
                .collect();
            QuestionOut {
                text: text(finder, &question),
                separates: separates(&leaders, &yes),
                id,
                gain,
            }
        })
        .collect()
}

/// Expected reduction in entropy (bits) of the candidate distribution from one yes/no answer.
fn information_gain(weights: &[f64], yes: &[f64]) -> f64 {
    let p_yes: f64 = weights.iter().zip(yes).map(|(w, y)| w * y).sum();
    let after = |answer_yes: bool| -> f64 {
        let joint: Vec<f64> = weights
            .iter()
            .zip(yes)
            .map(|(w, y)| w * if answer_yes { *y } else { 1.0 - y })
            .collect();
        let total: f64 = joint.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        entropy(&joint.iter().map(|j| j / total).collect::<Vec<_>>())
    };
    entropy(weights) - (p_yes * after(true) + (1.0 - p_yes) * after(false))
}

fn entropy(p: &[f64]) -> f64 {
    p.iter().filter(|&&x| x > 0.0).map(|x| -x * x.log2()).sum()
}

/// The candidates a question tells apart: those a yes points to, then the best-ranked one a
/// yes points away from.
fn separates(leaders: &[(&TriggerPoint, f64)], yes: &[f64]) -> Vec<String> {
    let key = |tp: &TriggerPoint| format!("{}:{}", tp.side, tp.id);
    let high = yes.iter().cloned().fold(0.0, f64::max);
    let mut favoured: Vec<String> = leaders
        .iter()
        .zip(yes)
        .filter(|(_, y)| **y >= high - 1e-9)
        .map(|((t, _), _)| key(t))
        .collect();
    if let Some(((other, _), _)) = leaders.iter().zip(yes).find(|(_, y)| **y < high - 1e-9) {
        favoured.push(key(other));
    }
    favoured
}

fn text(finder: &Finder, question: &Question) -> String {
    match question {
        Question::Press { tp, side, target } => {
            let spot = target.map_or(tp.as_str(), |i| {
                finder.atlas.trigger_points()[i].press_here.as_str()
            });
            let side_words = match side {
                Side::Midline => String::new(),
                s => format!(" on the {s} side"),
            };
            format!("Press firmly on {spot}{side_words}: does it reproduce your familiar pain?")
        }
        Question::Vocab { id, side } => {
            let template = finder
                .atlas
                .vocabulary()
                .question(id)
                .map_or(id.as_str(), |q| q.question.as_str());
            template.replace("{side}", side.map_or("", Side::word))
        }
    }
}
