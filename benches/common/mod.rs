//! Shared by the criterion benches: a fixed, reproducible sample of real news text.
//!
//! The sample is the first `KHABAR_BENCH_MB` megabytes (default 2) of article text of
//! `../shared/corpus/saudinewsnet.jsonl.gz` (relative to the crate root; `KHABAR_CORPUS` overrides
//! the path), taken in file order, whole articles only: articles are added until their text
//! reaches the limit. The same rule is used by `examples/bench_stage.rs prepare`, so the criterion
//! figures and `tools/bench_compare.py` measure the same kind of input.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use chrono::NaiveDate;
use khabar::Input;

/// The benchmark sample.
pub struct Sample {
    /// The articles (id, text, date), in corpus order.
    pub docs: Vec<Input>,
    /// Total UTF-8 bytes of article text (what `Throughput::Bytes` reports).
    pub bytes: u64,
    /// Where it came from.
    pub path: PathBuf,
}

/// The corpus path: `KHABAR_CORPUS` or `../shared/corpus/saudinewsnet.jsonl.gz` next to the crate.
pub fn corpus_path() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/saudinewsnet.jsonl.gz"),
    }
}

/// Sample size in bytes of article text: `KHABAR_BENCH_MB` (default 2) × 2^20.
pub fn sample_limit() -> u64 {
    let mb: f64 = std::env::var("KHABAR_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(2.0);
    (mb * (1u64 << 20) as f64) as u64
}

/// Loads the sample, or `None` (with a message on stderr) when the corpus is absent.
pub fn load_sample() -> Option<Sample> {
    let path = corpus_path();
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("khabar benches: corpus {} not available ({e}); skipping the corpus benchmarks", path.display());
            return None;
        }
    };
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(BufReader::with_capacity(1 << 20, flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, file))
    };
    let limit = sample_limit();
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    for (i, line) in reader.lines().enumerate() {
        if bytes >= limit {
            break;
        }
        let line = line.unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let v: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        if text.is_empty() {
            continue;
        }
        let date = v.get("date").and_then(|d| d.as_str()).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let id = v.get("id").and_then(|d| d.as_str()).map(str::to_string);
        bytes += text.len() as u64;
        docs.push(Input { id, text: text.to_string(), date });
    }
    eprintln!(
        "khabar benches: sample = first {} articles of {} ({:.2} MB of article text)",
        docs.len(),
        path.display(),
        bytes as f64 / (1u64 << 20) as f64
    );
    Some(Sample { docs, bytes, path })
}
