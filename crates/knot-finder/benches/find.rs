//! Ranking plus questions (and combinations) for typical drawings.
//!
//! `cargo bench -p knot-finder --bench find`

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use knot_finder::{Drawing, Finder};

fn drawing(terms: &[&str]) -> Drawing {
    Drawing::from_terms(&terms.iter().map(|t| t.to_string()).collect::<Vec<_>>())
}

fn bench(c: &mut Criterion) {
    let finder = Finder::builtin();
    let five = drawing(&[
        "right-temple",
        "right-side-of-neck",
        "right-mastoid",
        "right-neck-angle",
        "right-scapula-medial-border",
    ]);
    assert_eq!(five.marks.len(), 5);
    c.bench_function(
        "find: five-region drawing (rank + combinations + questions)",
        |b| b.iter(|| finder.find(black_box(&five))),
    );
    let one = drawing(&["left-calf"]);
    c.bench_function("find: one-region drawing", |b| {
        b.iter(|| finder.find(black_box(&one)))
    });
    c.bench_function("words to drawing: five terms", |b| {
        b.iter(|| {
            drawing(black_box(&[
                "right temple",
                "side of the right neck",
                "behind the right ear",
                "right angle of the neck",
                "inner edge of the right shoulder blade",
            ]))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
