//! Fuzz target: free text through the lexicon, as `knot find "right temple"` reads it.
//! Every region it resolves to must exist in the scheme.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lexicon = knot_body::Lexicon::builtin();
    let resolution = lexicon.resolve(text);
    for id in &resolution.regions {
        assert!(
            lexicon.scheme().index_of(id).is_some(),
            "{text:?} resolved to {id:?}, which is not a region"
        );
    }
});
