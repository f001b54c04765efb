//! Where a pain score applies: words ("right temple") or a region id, read through the body
//! lexicon.
//!
//! A diary entry is about one region, so the words must name one. The one exception is both
//! sides of one place said outright ("both temples", "temples on each side"): that gives one
//! entry per side. Words naming more than that ("head", or a side-less "temple", which the
//! lexicon reads as both sides) are refused with the regions they named, so the person picks;
//! spreading one score over many regions would overstate how widespread the pain is on the
//! progress body map.

use std::collections::BTreeSet;

use knot_body::{Lexicon, Scheme};

use super::error::MeasureError;

/// Words that say "both sides" (as the lexicon reads them).
const BOTH_SIDES: &[&str] = &["both", "bilateral", "bilaterally", "each", "either"];

/// The region id(s) the words name: one, or a mirror pair when both sides were asked for.
pub fn resolve_region(words: &str) -> Result<Vec<String>, MeasureError> {
    let scheme = Scheme::builtin();
    let trimmed = words.trim();
    if trimmed.is_empty() {
        return Err(MeasureError::Text {
            what: "the region".into(),
            problem: "is empty; name a place, e.g. \"right temple\"".into(),
        });
    }
    if scheme.get(trimmed).is_some() {
        return Ok(vec![trimmed.to_string()]);
    }
    let resolution = Lexicon::builtin().resolve(trimmed);
    if !resolution.understood() {
        return Err(MeasureError::UnknownRegion {
            words: trimmed.to_string(),
            suggestions: resolution.suggestions,
        });
    }
    if !resolution.ignored.is_empty() {
        return Err(MeasureError::UnclearRegion {
            words: trimmed.to_string(),
            ignored: resolution.ignored,
        });
    }
    let regions = resolution.regions;
    if regions.len() == 1 || (says_both_sides(trimmed) && is_mirror_pair(scheme, &regions)) {
        return Ok(regions);
    }
    Err(MeasureError::SeveralRegions {
        words: trimmed.to_string(),
        regions,
    })
}

/// Checks a stored region id exists.
pub fn check_region(id: &str) -> Result<(), MeasureError> {
    if Scheme::builtin().get(id).is_some() {
        Ok(())
    } else {
        Err(MeasureError::UnknownRegion {
            words: id.to_string(),
            suggestions: Vec::new(),
        })
    }
}

/// A person's name for a region id ("right temple"), or the id itself if unknown.
pub fn region_name(id: &str) -> String {
    Scheme::builtin()
        .get(id)
        .map(|region| region.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn says_both_sides(words: &str) -> bool {
    let words: BTreeSet<String> = words
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_string)
        .collect();
    BOTH_SIDES.iter().any(|w| words.contains(*w))
}

fn is_mirror_pair(scheme: &Scheme, regions: &[String]) -> bool {
    let [first, second] = regions else {
        return false;
    };
    match (scheme.index_of(first), scheme.index_of(second)) {
        (Some(a), Some(b)) => a != b && scheme.mirror(a) == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_naming_one_region_give_that_region() {
        assert_eq!(
            resolve_region("right temple"),
            Ok(vec!["right-temple".to_string()])
        );
    }

    #[test]
    fn a_region_id_is_taken_as_it_is() {
        assert_eq!(
            resolve_region("left-temple"),
            Ok(vec!["left-temple".to_string()])
        );
    }

    #[test]
    fn both_sides_said_outright_give_a_mirror_pair() {
        let regions = resolve_region("both temples").unwrap();
        assert_eq!(regions.len(), 2);
        assert!(regions.contains(&"left-temple".to_string()));
        assert!(regions.contains(&"right-temple".to_string()));
    }

    #[test]
    fn a_side_less_place_is_refused_and_names_both_sides() {
        let error = resolve_region("temple").unwrap_err();
        let MeasureError::SeveralRegions { regions, .. } = &error else {
            panic!("expected several regions, got {error}");
        };
        assert_eq!(regions.len(), 2);
        assert!(error.to_string().contains("right-temple"), "{error}");
    }

    #[test]
    fn unknown_words_are_refused_with_suggestions() {
        let error = resolve_region("right tempel").unwrap_err();
        let MeasureError::UnknownRegion { suggestions, .. } = &error else {
            panic!("expected unknown region, got {error}");
        };
        assert!(suggestions.iter().any(|s| s.contains("temple")), "{error}");
    }

    #[test]
    fn empty_words_are_refused() {
        assert!(matches!(
            resolve_region("  "),
            Err(MeasureError::Text { .. })
        ));
    }
}
