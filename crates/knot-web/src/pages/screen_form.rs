//! A posted screening form, read once for every page that asks the questions (the person's
//! own Screen page and a clinic client's record): each question's answer as typed (kept to
//! show the form again), the places of pain, the screening the rule table builds from them,
//! and, when it refuses, each problem placed beside its question.

use std::collections::HashMap;

use chrono::Utc;
use knot_body::Lexicon;
use knot_care::screen::{AnswerError, RuleTable};
use knot_record::NewScreening;

use super::screen_view::{self, field_name, GroupView, PAIN_FIELD};
use crate::auth::UserForm;

/// What the form said.
pub(super) struct PostedScreening {
    /// Each question's answer as typed, by question id.
    values: HashMap<String, String>,
    /// The answered questions, for the rule table.
    raw: Vec<(String, String)>,
    /// Where it hurt in the past week, as typed.
    pub pain_regions: String,
}

/// The form shown again: the problems beside their questions and the answers given.
pub(super) struct RefusedScreening {
    pub pain_error: Option<String>,
    pub form_error: Option<String>,
    pub groups: Vec<GroupView>,
}

impl PostedScreening {
    pub fn read(form: &UserForm, table: &RuleTable) -> PostedScreening {
        let mut values = HashMap::new();
        let mut raw = Vec::new();
        for question in table.questions() {
            let value = form.value(&field_name(&question.id)).trim().to_string();
            if !value.is_empty() {
                raw.push((question.id.clone(), value.clone()));
            }
            values.insert(question.id.clone(), value);
        }
        PostedScreening {
            values,
            raw,
            pain_regions: form.value(PAIN_FIELD).trim().to_string(),
        }
    }

    /// The screening the answers make, taken now, or every problem with them.
    pub fn build(&self, table: &RuleTable) -> Result<NewScreening, Vec<AnswerError>> {
        let pain_terms: Vec<String> = if self.pain_regions.is_empty() {
            Vec::new()
        } else {
            vec![self.pain_regions.clone()]
        };
        table.build_screening(&self.raw, &pain_terms, &[], Utc::now(), Lexicon::builtin())
    }

    /// The questions again with the answers given and each refusal beside its question.
    pub fn refused(&self, table: &RuleTable, errors: &[AnswerError]) -> RefusedScreening {
        let mut placed = screen_view::place_errors(errors);
        RefusedScreening {
            pain_error: placed.remove(PAIN_FIELD),
            form_error: placed.remove(""),
            groups: screen_view::groups(table, &self.values, &placed),
        }
    }
}
