//! Asking the screening questions line by line: a prompt on stderr, one answer per line on
//! stdin. At a terminal a bad answer is explained and asked again; from a pipe or a file it
//! fails with exit 2 (re-asking would read the next line as the answer to the wrong question).
//! Answers are checked here as they come, and again as a whole by `build_screening`.

use std::io::{BufRead, Write};

use knot_body::Lexicon;
use knot_care::screen::{
    read_answer, read_regions, AnswerError, Question, QuestionKind, RegionsFor, RuleTable,
};

use crate::failure::{bad_input, Failure};
use crate::hints;

/// What the person answered, as raw text.
#[derive(Debug, Default)]
pub struct Asked {
    pub answers: Vec<(String, String)>,
    pub pain_terms: Vec<String>,
}

/// A line-by-line conversation.
pub struct Conversation<'a, R, W> {
    pub input: R,
    pub prompt: W,
    /// True at a terminal: re-ask after a bad answer.
    pub retry: bool,
    pub table: &'a RuleTable,
    pub lexicon: &'a Lexicon,
    line_number: usize,
}

impl<'a, R: BufRead, W: Write> Conversation<'a, R, W> {
    pub fn new(
        input: R,
        prompt: W,
        retry: bool,
        table: &'a RuleTable,
        lexicon: &'a Lexicon,
    ) -> Self {
        Conversation {
            input,
            prompt,
            retry,
            table,
            lexicon,
            line_number: 0,
        }
    }

    /// Asks where it hurt (unless given), then every question that applies, group by group.
    pub fn run(&mut self, given_pain: Option<&str>) -> Result<Asked, Failure> {
        let mut asked = Asked::default();
        self.say(
            "Safety screening. Answer each question on its own line: y or n, a number, or \
                  where (words like \"left calf\", or \"none\").\n",
        )?;
        let pain = match given_pain {
            Some(terms) => terms.to_string(),
            None => self.ask_pain()?,
        };
        let pain_regions = read_regions(RegionsFor::PainRegions, &pain, self.lexicon)
            .map_err(|e| bad_input(hints::answer_error(&e)))?;
        asked.pain_terms.push(pain);
        let questions = self.table.questions_to_ask(&pain_regions);
        let total = questions.len();
        let mut group = "";
        for (n, question) in questions.into_iter().enumerate() {
            if question.group != group {
                group = &question.group;
                let title = self
                    .table
                    .groups()
                    .iter()
                    .find(|g| g.id == group)
                    .map_or(group, |g| g.title.as_str());
                self.say(&format!("\n{title}\n"))?;
            }
            let answer = self.ask(question, n + 1, total)?;
            asked.answers.push((question.id.clone(), answer));
        }
        Ok(asked)
    }

    fn ask_pain(&mut self) -> Result<String, Failure> {
        loop {
            self.say("Where have you had pain in the past week? (e.g. \"right shoulder, neck, low back\"; Enter for nowhere)\n> ")?;
            let line = self.read_line("pain regions")?;
            match read_regions(RegionsFor::PainRegions, &line, self.lexicon) {
                Ok(_) => return Ok(line),
                Err(e) => self.refuse(&e)?,
            }
        }
    }

    /// Asks one question until it gets a usable answer.
    fn ask(&mut self, question: &Question, n: usize, total: usize) -> Result<String, Failure> {
        loop {
            self.say(&format!(
                "{n}/{total}. {} {}\n> ",
                question.text,
                hint(question)
            ))?;
            let line = self.read_line(&question.id)?;
            match read_answer(question, &line, self.lexicon) {
                Ok(_) => return Ok(line),
                Err(AnswerError::NeedsWhere { .. }) => {
                    if let Some(place) = self.ask_where(question)? {
                        return Ok(place);
                    }
                }
                Err(e) => self.refuse(&e)?,
            }
        }
    }

    /// After a "yes" to a regions question: where? None means ask the question again.
    fn ask_where(&mut self, question: &Question) -> Result<Option<String>, Failure> {
        self.say("   Where? (e.g. \"left calf\", \"right wrist\")\n> ")?;
        let line = self.read_line(&question.id)?;
        match read_regions(
            RegionsFor::Question(question.id.clone()),
            &line,
            self.lexicon,
        ) {
            Ok(ids) if ids.is_empty() => {
                self.refuse(&AnswerError::NeedsWhere {
                    question: question.id.clone(),
                })?;
                Ok(None)
            }
            Ok(_) => Ok(Some(line)),
            Err(e) => {
                self.refuse(&e)?;
                Ok(None)
            }
        }
    }

    /// At a terminal: explain and let the caller ask again. Otherwise: fail.
    fn refuse(&mut self, error: &AnswerError) -> Result<(), Failure> {
        if self.retry {
            self.say(&format!("   {}\n", hints::answer_error(error)))
        } else {
            Err(bad_input(format!(
                "line {}: {}. Nothing was stored.",
                self.line_number,
                hints::answer_error(error)
            )))
        }
    }

    fn read_line(&mut self, answering: &str) -> Result<String, Failure> {
        let mut line = String::new();
        let read = self
            .input
            .read_line(&mut line)
            .map_err(|e| Failure::Other(anyhow::anyhow!("could not read the answers: {e}")))?;
        if read == 0 {
            return Err(bad_input(format!(
                "the answers ended before `{answering}` was answered; nothing was stored. \
                 Give one answer per line, or use --answer ID=VALUE (`knot screen --questions` lists them)."
            )));
        }
        self.line_number += 1;
        if !self.retry {
            // Echo piped answers so a transcript reads as a conversation.
            self.say(&format!("{}\n", line.trim_end()))?;
        }
        Ok(line.trim().to_string())
    }

    fn say(&mut self, text: &str) -> Result<(), Failure> {
        self.prompt
            .write_all(text.as_bytes())
            .and_then(|()| self.prompt.flush())
            .map_err(|e| Failure::Other(anyhow::anyhow!("could not write the question: {e}")))
    }
}

/// The answers a question takes, in brackets.
pub fn hint(question: &Question) -> String {
    match question.kind {
        QuestionKind::YesNo => "[y/n]".into(),
        QuestionKind::Regions => "[where, or none]".into(),
        QuestionKind::Number if !question.labels.is_empty() => {
            let min = question.min.unwrap_or(0);
            let labels: Vec<String> = question
                .labels
                .iter()
                .zip(min..)
                .map(|(label, n)| format!("{n} {label}"))
                .collect();
            format!("[{}]", labels.join(" / "))
        }
        QuestionKind::Number => format!(
            "[{}-{}{}]",
            question.min.unwrap_or(0),
            question.max.unwrap_or(0),
            question
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converse(input: &str, retry: bool) -> (Result<Asked, Failure>, String) {
        let mut prompt = Vec::new();
        let result = Conversation::new(
            input.as_bytes(),
            &mut prompt,
            retry,
            RuleTable::builtin(),
            Lexicon::builtin(),
        )
        .run(None);
        (result, String::from_utf8_lossy(&prompt).into_owned())
    }

    fn calm_lines(pain: &str) -> String {
        let table = RuleTable::builtin();
        let mut lines = vec![pain.to_string()];
        for q in table.questions_to_ask(&[]) {
            lines.push(match q.kind {
                QuestionKind::YesNo => "n".into(),
                QuestionKind::Number => "40".into(),
                QuestionKind::Regions => "none".into(),
            });
        }
        lines.join("\n") + "\n"
    }

    #[test]
    fn piped_answers_are_read_in_order() {
        let (result, prompt) = converse(&calm_lines("right shoulder"), false);
        let asked = result.expect("answers read");
        assert_eq!(asked.pain_terms, ["right shoulder"]);
        assert_eq!(
            asked.answers.len(),
            RuleTable::builtin().questions_to_ask(&[]).len()
        );
        assert!(prompt.contains("chest pain"));
    }

    #[test]
    fn a_yes_to_a_where_question_asks_where() {
        let lines = calm_lines("").replacen("none\n", "yes\nleft calf\n", 1);
        let (result, prompt) = converse(&lines, false);
        let asked = result.expect("answers read");
        assert!(asked.answers.iter().any(|(_, a)| a == "left calf"));
        assert!(prompt.contains("Where?"));
    }

    #[test]
    fn a_bad_piped_answer_fails_naming_the_line() {
        let lines = calm_lines("").replacen("n\n", "perhaps\n", 1);
        let (result, _) = converse(&lines, false);
        let Err(Failure::BadInput(message)) = result else {
            panic!("expected bad input");
        };
        assert!(
            message.contains("line 2") && message.contains("yes or no"),
            "{message}"
        );
    }

    #[test]
    fn at_a_terminal_a_bad_answer_is_asked_again() {
        let lines = calm_lines("").replacen("n\n", "perhaps\nn\n", 1);
        let (result, prompt) = converse(&lines, true);
        assert!(result.is_ok());
        assert!(prompt.contains("is not yes or no"));
    }

    #[test]
    fn running_out_of_lines_says_which_question_was_next() {
        let (result, _) = converse("neck\nn\n", false);
        let Err(Failure::BadInput(message)) = result else {
            panic!("expected bad input");
        };
        assert!(message.contains("hot-swollen-calf"), "{message}");
    }
}
