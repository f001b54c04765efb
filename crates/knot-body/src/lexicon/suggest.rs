//! Near matches for a term that named nothing ("tempel" → "temple").

use super::Lexicon;

/// Distinct words compared with every phrasing for suggestions when nothing matched: a typo is
/// among a term's first few words, and each word costs a comparison with each phrasing.
const MAX_SUGGESTION_WORDS: usize = 8;

impl Lexicon {
    /// Known phrasings close to what was typed, best first.
    pub(super) fn suggest(&self, text: &str) -> Vec<String> {
        let (_, all_words) = self.words_and_sides(text);
        let mut words: Vec<&str> = Vec::new();
        for word in &all_words {
            if words.len() == MAX_SUGGESTION_WORDS {
                break;
            }
            if !words.contains(&word.as_str()) {
                words.push(word);
            }
        }
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for phrase in &self.phrases {
            let score = words
                .iter()
                .flat_map(|w| phrase.words.iter().map(move |p| strsim::jaro_winkler(w, p)))
                .fold(0.0, f64::max);
            if score >= 0.85 {
                scored.push((score, phrase.text.as_str()));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
        let mut out: Vec<String> = Vec::new();
        for (_, text) in scored {
            if !out.iter().any(|o| o == text) {
                out.push(text.to_string());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}
