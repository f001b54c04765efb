//! Terms the fast path cannot read (qualifiers, clauses: "left angle of the neck (where neck
//! meets shoulder)") recur in a batch of drawings; each thread keeps the last few thousand
//! readings, so a repeated term costs one hash lookup instead of a full read.

use std::cell::RefCell;

use super::fast::FxMap;
use super::{Lexicon, Placement};

/// Terms kept per thread; the cache is emptied when full (a cohort's vocabulary is far smaller).
const CAPACITY: usize = 4096;
/// Longer terms are read each time: they are rare, and a key should stay small.
const MAX_KEY: usize = 200;

type Cached = (Vec<usize>, Placement);

thread_local! {
    /// Readings by the built-in lexicon only: another lexicon (a test's) is never cached.
    static CACHE: RefCell<FxMap<Box<str>, Cached>> = RefCell::new(FxMap::default());
}

/// Appends the term's regions from the cache, or from `read` (then cached).
pub(super) fn place(
    lexicon: &Lexicon,
    term: &str,
    regions: &mut Vec<usize>,
    read: impl FnOnce(&str) -> Cached,
) -> Placement {
    if term.len() > MAX_KEY || !std::ptr::eq(lexicon, Lexicon::builtin()) {
        let (indices, placement) = read(term);
        regions.extend(indices);
        return placement;
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((indices, placement)) = cache.get(term) {
            regions.extend_from_slice(indices);
            return placement.clone();
        }
        let (indices, placement) = read(term);
        regions.extend_from_slice(&indices);
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.insert(Box::from(term), (indices, placement.clone()));
        placement
    })
}
