//! Turning the words a person typed into regions or a muscle, with the shared wording for what
//! was not understood.

use knot_atlas::{Atlas, Muscle};
use knot_body::{Lexicon, Resolution};

use crate::failure::{bad_input, Failure};

/// Resolves every term; fails with exit 2 if any term names no region, listing each such term
/// with its near matches.
pub fn resolve_all(terms: &[String]) -> Result<Vec<Resolution>, Failure> {
    let lexicon = Lexicon::builtin();
    let resolutions: Vec<Resolution> = terms.iter().map(|t| lexicon.resolve(t)).collect();
    refuse_not_understood(&resolutions)?;
    Ok(resolutions)
}

/// Fails with exit 2 if any resolution named no region, listing each with its near matches.
pub fn refuse_not_understood(resolutions: &[Resolution]) -> Result<(), Failure> {
    let problems: Vec<String> = resolutions
        .iter()
        .filter(|r| !r.understood())
        .map(not_understood)
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(bad_input(format!(
        "{}\nUse words like \"right temple\", \"back of the left knee\" or a region id; \
         `knot regions` lists every region.",
        problems.join("\n")
    )))
}

/// The message for a term that named no region.
pub fn not_understood(resolution: &Resolution) -> String {
    let mut line = format!("could not find a body region in {:?}", resolution.term);
    if !resolution.suggestions.is_empty() {
        line.push_str(&format!(
            " — did you mean {}?",
            quoted(&resolution.suggestions)
        ));
    }
    line
}

pub use knot_care::measures::quoted;

/// A warning line for words passed over beside a match, if any.
pub fn ignored_warning(resolution: &Resolution) -> Option<String> {
    (!resolution.ignored.is_empty()).then(|| {
        format!(
            "note: in {:?}, ignored {}",
            resolution.term,
            quoted(&resolution.ignored)
        )
    })
}

/// The muscle the words name; fails with exit 2, suggesting near names, if none matches.
pub fn find_muscle<'a>(atlas: &'a Atlas, query: &str) -> Result<&'a Muscle, Failure> {
    atlas.find_muscle(query).ok_or_else(|| {
        let near: Vec<String> = atlas
            .suggest_muscles(query)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let hint = if near.is_empty() {
            "`knot atlas` lists every muscle.".to_string()
        } else {
            format!(
                "Did you mean {}? `knot atlas` lists every muscle.",
                quoted(&near)
            )
        };
        bad_input(format!("no muscle called {query:?} in the atlas. {hint}"))
    })
}
