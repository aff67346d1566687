//! Startup: compiling the embedded default gazetteers and trigger rules from scratch
//! (`Extractor::builder().build()`), i.e. what every process pays once before its first document.
//! Run: `cargo bench --bench startup`. Needs no corpus.
//!
//! The CLI's wall-clock startup and peak RSS are measured by `tools/bench_compare.py` (hyperfine
//! on `khabar extract` of a one-line document).

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use khabar::Extractor;

fn main() {
    let ex = Extractor::builder().build().expect("embedded gazetteers are valid");
    eprintln!("khabar benches: extractor {ex:?}");
    drop(ex);
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut g = c.benchmark_group("startup");
    g.bench_function("builder().build()", |b| b.iter(|| black_box(Extractor::builder().build().unwrap())));
    g.bench_function("build+extract-one-line", |b| {
        b.iter(|| {
            let ex = Extractor::builder().build().unwrap();
            black_box(ex.extract("شنت إسرائيل غارات على مواقع إيران في سوريا", None))
        })
    });
    g.finish();
    c.final_summary();
}
