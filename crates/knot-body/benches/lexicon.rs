//! The lexicon's cost per term: `cargo bench -p knot-body --bench lexicon`. A typical term is
//! one phrasing with a side ("side of the right neck") and takes the exact-match path; a term
//! of two places takes the full path.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use knot_body::Lexicon;

fn bench(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut out = Vec::with_capacity(32);
    c.bench_function("lexicon: typical term (place)", |b| {
        b.iter(|| {
            out.clear();
            lexicon.place(black_box("side of the right neck"), &mut out);
        })
    });
    c.bench_function("lexicon: symptom word with a reading (place)", |b| {
        b.iter(|| {
            out.clear();
            lexicon.place(black_box("right tennis elbow"), &mut out)
        })
    });
    c.bench_function("lexicon: two places, full path (place)", |b| {
        b.iter(|| {
            out.clear();
            lexicon.place(black_box("left knee and right ankle"), &mut out);
        })
    });
    c.bench_function("lexicon: typical term (resolve)", |b| {
        b.iter(|| lexicon.resolve(black_box("side of the right neck")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
