//! The common case in one hash lookup: a term whose words, once side and filler words are set
//! aside, are exactly one known phrasing ("right temple", "side of the left neck"). Words are
//! read byte by byte into a stack buffer, turned into word ids, sorted, and looked up; the region
//! indices for each side are precomputed. Anything else (clauses, qualifiers, unknown words,
//! several phrasings, non-ASCII text) returns `None` and takes the full path, which gives the
//! same answer for these terms, only slower: the tests hold the two paths to the same result.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::data::Phrase;
use super::words::{is_soft, same_as, side_word, Same, FILLERS};
use crate::scheme::{Scheme, Side};

/// Longest word the fast path reads; longer words (none in the lexicon) take the full path.
const MAX_WORD: usize = 32;
/// Most place words in a term the fast path reads; the longest phrasing has fewer.
const MAX_WORDS: usize = 8;
/// Longest term the fast path reads.
const MAX_TERM: usize = 160;

/// FxHash (as in rustc): a multiply-rotate hash, several times faster than SipHash on short
/// keys. The tables are fixed at start-up and only looked up, so hash flooding cannot grow them.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Filler,
    Left,
    Right,
    Both,
    Word(u32),
}

/// The exact-match table over a lexicon's phrasings.
#[derive(Debug, Default)]
pub(super) struct Exact {
    words: FxMap<Box<str>, Kind>,
    phrases: FxMap<Box<[u32]>, u32>,
    /// Per phrasing: region indices (ascending) for the left side, the right side, both.
    regions: Vec<[Box<[usize]>; 3]>,
}

/// What the fast path found: the phrasing and its regions on the sides named.
pub(super) struct Hit<'a> {
    pub phrase: usize,
    pub regions: &'a [usize],
}

impl Exact {
    pub(super) fn build(phrases: &[Phrase], scheme: &Scheme) -> Exact {
        let mut exact = Exact::default();
        for filler in FILLERS {
            exact.words.insert((*filler).into(), Kind::Filler);
        }
        for side in ["left", "l", "lt", "lhs", "right", "r", "rt", "rhs"]
            .into_iter()
            .chain(["both", "bilateral", "bilaterally", "each", "either"])
        {
            let kind = match side_word(side) {
                Some([Side::Left]) => Kind::Left,
                Some([Side::Right]) => Kind::Right,
                _ => Kind::Both,
            };
            exact.words.insert(side.into(), kind);
        }
        let mut next_id = 0u32;
        for (index, phrase) in phrases.iter().enumerate() {
            let mut ids: Vec<u32> = phrase
                .words
                .iter()
                .map(|w| {
                    let kind = exact.words.entry(w.as_str().into()).or_insert_with(|| {
                        next_id += 1;
                        Kind::Word(next_id - 1)
                    });
                    match kind {
                        Kind::Word(id) => *id,
                        // Phrasings never hold filler or side words (data.rs drops them).
                        _ => u32::MAX,
                    }
                })
                .collect();
            ids.sort_unstable();
            exact.phrases.insert(ids.into_boxed_slice(), index as u32);
            let on = |sides: &[Side]| -> Box<[usize]> {
                let mut out: Vec<usize> = phrase
                    .bases
                    .iter()
                    .flat_map(|b| sides.iter().filter_map(|&s| scheme.sided(b, s)))
                    .collect();
                out.sort_unstable();
                out.dedup();
                out.into_boxed_slice()
            };
            exact.regions.push([
                on(&[Side::Left]),
                on(&[Side::Right]),
                on(&[Side::Left, Side::Right]),
            ]);
        }
        exact
    }

    /// The phrasing a term is exactly, with its regions; `None` when the full path must read it.
    pub(super) fn lookup(&self, term: &str) -> Option<Hit<'_>> {
        if term.len() > MAX_TERM {
            return None;
        }
        let mut ids = [0u32; MAX_WORDS];
        let mut count = 0usize;
        let (mut left, mut right) = (false, false);
        let mut buf = [0u8; MAX_WORD];
        let mut len = 0usize;
        let bytes = term.as_bytes();
        for i in 0..=bytes.len() {
            let b = bytes.get(i).copied().unwrap_or(b' ');
            if b.is_ascii_alphanumeric() {
                if len == MAX_WORD {
                    return None;
                }
                buf[len] = b.to_ascii_lowercase();
                len += 1;
                continue;
            }
            match b {
                b'\'' => continue,
                b'(' | b')' | b'[' | b']' | b',' | b';' | b'&' | b'+' => return None,
                _ if !b.is_ascii() => return None,
                _ => {}
            }
            if len == 0 {
                continue;
            }
            let word = std::str::from_utf8(&buf[..len]).ok()?;
            // "and" may join clauses with sides of their own: the full path splits those.
            if word == "and" {
                return None;
            }
            let normal: &str = match same_as(word) {
                Same::Word(w) => w,
                Same::Prefix(n) => &word[..n],
                Same::PrefixY(n) => {
                    buf[n] = b'y';
                    std::str::from_utf8(&buf[..=n]).ok()?
                }
            };
            match self.words.get(normal) {
                Some(Kind::Filler) => {}
                Some(Kind::Left) => left = true,
                Some(Kind::Right) => right = true,
                Some(Kind::Both) => (left, right) = (true, true),
                Some(Kind::Word(id)) => {
                    if count == MAX_WORDS {
                        return None;
                    }
                    ids[count] = *id;
                    count += 1;
                }
                None if is_soft(normal) => {}
                None => return None,
            }
            len = 0;
        }
        let ids = &mut ids[..count];
        ids.sort_unstable();
        let phrase = *self.phrases.get(&*ids)? as usize;
        let side = match (left, right) {
            (true, false) => 0,
            (false, true) => 1,
            _ => 2,
        };
        let regions = &self.regions[phrase][side];
        if regions.is_empty() {
            return None;
        }
        Some(Hit { phrase, regions })
    }
}
