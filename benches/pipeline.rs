//! Throughput of each pipeline stage on real news text (bytes of original article text per
//! second). Run: `cargo bench --bench pipeline` (filter: `cargo bench --bench pipeline -- entities`).
//!
//! Stages, each on the same fixed sample (see `common/mod.rs`), one article at a time as the
//! library sees them:
//! - `normalize/aligned`: `NormalizedText::new` (normalized text + alignment map);
//!   `normalize/plain`: `khabar::normalize` (no map, what gazetteer aliases go through);
//! - `tokenize`: `khabar::tokenize` on pre-normalized text;
//! - `entities`: the entity stage = normalize + tokenize + `khabar::ner::recognize`;
//! - `events`: full extraction minus the entity stage, timed in the same iteration (the event
//!   rules have no public entry point of their own);
//! - `full/1-thread`: `Extractor::extract_input` per article, sequentially;
//!   `full/all-threads`: `Extractor::extract_batch` (rayon, every core).
//!
//! The corpus is `../shared/corpus/saudinewsnet.jsonl.gz`; without it this bench prints a message
//! and exits successfully.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use khabar::{ner, normalize, tokenize, Extractor, NormalizedText};

fn entity_stage(ex: &Extractor, docs: &[khabar::Input]) -> usize {
    let mut n = 0;
    for d in docs {
        let nt = NormalizedText::new(&d.text);
        let tok = tokenize(&nt);
        let ms = ner::recognize(ex.gazetteer(), &nt, &tok, d.date);
        n += ms.len();
        black_box(ms);
    }
    n
}

fn full_sequential(ex: &Extractor, docs: &[khabar::Input]) -> usize {
    let mut n = 0;
    for d in docs {
        let doc = ex.extract_input(d);
        n += doc.entities.len() + doc.events.len();
        black_box(doc);
    }
    n
}

fn main() {
    let Some(sample) = common::load_sample() else { return };
    let ex = Extractor::new();
    eprintln!("khabar benches: extractor {ex:?}");
    let docs = &sample.docs[..];
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();

    {
        let mut g = c.benchmark_group("normalize");
        g.throughput(Throughput::Bytes(sample.bytes));
        g.bench_function("aligned", |b| {
            b.iter(|| {
                for d in docs {
                    black_box(NormalizedText::new(black_box(&d.text)));
                }
            })
        });
        g.bench_function("plain", |b| {
            b.iter(|| {
                for d in docs {
                    black_box(normalize(black_box(&d.text)));
                }
            })
        });
        g.finish();
    }
    {
        let normalized: Vec<NormalizedText<'_>> = docs.iter().map(|d| NormalizedText::new(&d.text)).collect();
        let mut g = c.benchmark_group("tokenize");
        g.throughput(Throughput::Bytes(sample.bytes));
        g.bench_function("tokenize", |b| {
            b.iter(|| {
                for nt in &normalized {
                    black_box(tokenize(black_box(nt)));
                }
            })
        });
        g.finish();
    }
    {
        let mut g = c.benchmark_group("entities");
        g.throughput(Throughput::Bytes(sample.bytes));
        g.bench_function("normalize+tokenize+recognize", |b| b.iter(|| entity_stage(&ex, docs)));
        g.finish();
    }
    {
        let mut g = c.benchmark_group("events");
        g.throughput(Throughput::Bytes(sample.bytes));
        g.bench_function("full-minus-entities", |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t0 = Instant::now();
                    black_box(full_sequential(&ex, docs));
                    let t1 = Instant::now();
                    black_box(entity_stage(&ex, docs));
                    let t2 = Instant::now();
                    total += (t1 - t0).saturating_sub(t2 - t1);
                }
                total
            })
        });
        g.finish();
    }
    {
        let mut g = c.benchmark_group("full");
        g.throughput(Throughput::Bytes(sample.bytes));
        g.bench_function("1-thread", |b| b.iter(|| full_sequential(&ex, docs)));
        g.bench_function(format!("all-threads-{}", rayon::current_num_threads()), |b| {
            b.iter(|| black_box(ex.extract_batch(docs)))
        });
        g.finish();
    }
    c.final_summary();
}
