//! Covering the words of a clause with known phrasings: each step takes the phrasing that uses
//! the most words, then the one whose words stand closest together ("side of the back of the
//! neck" reads as back of the neck).

use super::words::is_soft;
use super::Lexicon;

/// Phrasings chosen for a clause, and the words none of them used.
pub(super) struct Cover {
    /// Indices into the lexicon's phrasings, in the order chosen.
    pub phrases: Vec<usize>,
    /// Words no phrasing used (soft words left over are not reported).
    pub ignored: Vec<String>,
}

impl Lexicon {
    /// Covers the words with phrasings. A phrasing of only modifier words ("back", "side")
    /// stands alone only when nothing else matched.
    pub(super) fn cover(&self, words: &[String]) -> Cover {
        let mut unused: Vec<Option<&str>> = words.iter().map(|w| Some(w.as_str())).collect();
        // Only phrasings sharing a word with the clause can match; kept in the lexicon's order
        // so ties break exactly as a scan of every phrasing would.
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.phrases_with_word.get(w.as_str()))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut chosen: Vec<usize> = Vec::new();
        let mut bases: Vec<&str> = Vec::new();
        loop {
            let matched_any = !chosen.is_empty();
            let best = candidates
                .iter()
                .map(|&i| (i, &self.phrases[i]))
                .filter(|(_, p)| !(matched_any && p.words.iter().all(|w| is_soft(w))))
                // A broad word that only restates a place already named ("back of the thigh,
                // just above the knee" also says "thigh") adds nothing.
                .filter(|(_, p)| !p.bases.iter().any(|b| bases.contains(&b.as_str())))
                .filter_map(|(i, p)| positions_of(&unused, &p.words).map(|pos| (i, p, pos)))
                .min_by_key(|(_, p, pos)| (std::cmp::Reverse(p.words.len()), span(pos)));
            let Some((index, phrase, positions)) = best else {
                break;
            };
            for i in positions {
                unused[i] = None;
            }
            bases.extend(phrase.bases.iter().map(String::as_str));
            chosen.push(index);
        }
        // Words that only restate a place already named ("toothache in my upper teeth") were
        // read, not passed over.
        for &i in &candidates {
            let phrase = &self.phrases[i];
            if phrase.bases.iter().any(|b| bases.contains(&b.as_str())) {
                if let Some(positions) = positions_of(&unused, &phrase.words) {
                    for p in positions {
                        unused[p] = None;
                    }
                }
            }
        }
        let ignored = unused
            .into_iter()
            .flatten()
            .filter(|w| !is_soft(w))
            .map(str::to_string)
            .collect();
        Cover {
            phrases: chosen,
            ignored,
        }
    }
}

/// Where each word of a phrasing stands among the unused words, if all are there.
fn positions_of(unused: &[Option<&str>], needed: &[String]) -> Option<Vec<usize>> {
    let mut positions: Vec<usize> = Vec::with_capacity(needed.len());
    for word in needed {
        let i = unused
            .iter()
            .enumerate()
            .position(|(i, w)| *w == Some(word.as_str()) && !positions.contains(&i))?;
        positions.push(i);
    }
    Some(positions)
}

fn span(positions: &[usize]) -> usize {
    let lo = positions.iter().min().copied().unwrap_or(0);
    let hi = positions.iter().max().copied().unwrap_or(0);
    hi - lo
}
