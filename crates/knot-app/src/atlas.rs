//! Looking things up in the atlas by the words a person typed, with suggestions when nothing
//! matches.

use knot_atlas::Muscle;
use knot_care::hint::Hint;

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// The muscle a name or id names, or a refusal that suggests near names.
    pub fn find_muscle(&self, query: &str) -> AppResult<&'static Muscle> {
        self.atlas.find_muscle(query).ok_or_else(|| {
            let near: Vec<String> = self
                .atlas
                .suggest_muscles(query)
                .iter()
                .map(|name| format!("{name:?}"))
                .collect();
            let mut problem = format!("no muscle called {query:?} in the atlas");
            if !near.is_empty() {
                problem.push_str(&format!("; did you mean {}?", near.join(" or ")));
            }
            AppError::Invalid {
                problems: vec![problem],
                hint: Some(Hint::ListTriggerPoints { muscle: None }),
            }
        })
    }
}
