//! Times one pipeline stage on a prepared input and prints one JSON line with MB/s; used by
//! `tools/bench_compare.py` so that khabar and its peers read exactly the same bytes.
//!
//! ```text
//! # take the first N MB of article text of the corpus (whole articles, corpus order):
//! #   OUT.jsonl          {"id","text","date"} per article (input of `khabar extract --input jsonl`)
//! #   --normalized-out   khabar's normalized text, one article per line (newlines → spaces),
//! #                      which the peers (flashtext, spaCy, pyahocorasick) match against
//! cargo run --release --example bench_stage -- prepare --corpus ../shared/corpus/saudinewsnet.jsonl.gz \
//!     --mb 50 --out OUT.jsonl --normalized-out OUT.norm.txt
//! # time a stage (median of --runs runs); stages: normalize, tokenize, entities, full, lines
//! cargo run --release --example bench_stage -- run --stage entities --threads 1 --runs 3 OUT.jsonl
//! ```
//!
//! `entities` = normalize + tokenize + `ner::recognize`; `full` = `Extractor::extract_input`;
//! `lines` = memchr count of b'\n' over the file given (the memory-bandwidth yardstick).
//! `--threads 1` runs the articles sequentially on the calling thread; `--threads N` (N > 1, or 0
//! for every core) spreads articles over a rayon pool of N threads. Throughput is bytes of
//! original article text per second (MB = 2^20 bytes), timing excludes reading the file and
//! building the extractor (reported separately as `build_s`). `cpu_mb_s` is the same per CPU
//! second of the process (all threads, from /proc/self/stat), which stays meaningful when other
//! processes compete for the cores.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use khabar::{ner, tokenize, EntitySource, Extractor, Input, NormalizedText};
use rayon::prelude::*;

const MB: f64 = (1u64 << 20) as f64;

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  bench_stage prepare --corpus FILE[.gz] --mb N --out OUT.jsonl [--normalized-out OUT.txt]\n  \
         bench_stage run --stage normalize|tokenize|entities|full|lines [--threads N] [--runs R] FILE"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { return usage() };
    let mut opts = std::collections::HashMap::new();
    let mut positional = Vec::new();
    let mut i = 1;
    while i < args.len() {
        if let Some(k) = args[i].strip_prefix("--") {
            let Some(v) = args.get(i + 1) else { return usage() };
            opts.insert(k.to_string(), v.clone());
            i += 2;
        } else {
            positional.push(args[i].clone());
            i += 1;
        }
    }
    let res = match cmd.as_str() {
        "prepare" => prepare(&opts),
        "run" => run(&opts, &positional),
        _ => return usage(),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_stage: {e}");
            ExitCode::from(2)
        }
    }
}

type Res<T> = Result<T, String>;

fn opt<'a>(opts: &'a std::collections::HashMap<String, String>, k: &str) -> Res<&'a str> {
    opts.get(k).map(String::as_str).ok_or_else(|| format!("--{k} is required"))
}

fn prepare(opts: &std::collections::HashMap<String, String>) -> Res<()> {
    let corpus = PathBuf::from(opt(opts, "corpus")?);
    let mb: f64 = opt(opts, "mb")?.parse().map_err(|e| format!("--mb: {e}"))?;
    let limit = (mb * MB) as u64;
    let out = opt(opts, "out")?;
    let file = std::fs::File::open(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let reader: Box<dyn BufRead> = if corpus.extension().is_some_and(|x| x == "gz") {
        Box::new(BufReader::with_capacity(1 << 20, flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, file))
    };
    let create = |p: &str| -> Res<BufWriter<std::fs::File>> {
        Ok(BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?))
    };
    let mut w = create(out)?;
    let mut wn = match opts.get("normalized-out") {
        Some(p) => Some(create(p)?),
        None => None,
    };
    let (mut bytes, mut norm_bytes, mut docs) = (0u64, 0u64, 0usize);
    for (i, line) in reader.lines().enumerate() {
        if bytes >= limit {
            break;
        }
        let line = line.map_err(|e| format!("{}:{}: {e}", corpus.display(), i + 1))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{}:{}: {e}", corpus.display(), i + 1))?;
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        if text.is_empty() {
            continue;
        }
        let rec = serde_json::json!({"id": v.get("id"), "text": text, "date": v.get("date")});
        writeln!(w, "{rec}").map_err(|e| e.to_string())?;
        if let Some(wn) = wn.as_mut() {
            let n = khabar::normalize(text).replace(['\n', '\r'], " ");
            norm_bytes += n.len() as u64;
            writeln!(wn, "{n}").map_err(|e| e.to_string())?;
        }
        bytes += text.len() as u64;
        docs += 1;
    }
    w.flush().map_err(|e| e.to_string())?;
    if let Some(mut wn) = wn {
        wn.flush().map_err(|e| e.to_string())?;
    }
    println!("{}", serde_json::json!({"docs": docs, "bytes": bytes, "normalized_bytes": norm_bytes}));
    Ok(())
}

fn load(path: &str) -> Res<(Vec<Input>, u64)> {
    let f = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let text = v["text"].as_str().ok_or_else(|| format!("{path}:{}: no text", i + 1))?.to_string();
        let date = v["date"].as_str().and_then(|d| khabar::parse_date(d).ok());
        bytes += text.len() as u64;
        docs.push(Input { id: v["id"].as_str().map(str::to_string), text, date });
    }
    Ok((docs, bytes))
}

/// CPU time (user + system, all threads) of this process in seconds, from /proc/self/stat
/// (clock ticks of 10 ms); `None` where /proc is not available. Robust to other processes
/// competing for the cores, unlike wall-clock time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// One stage on one document; returns the number of "matches" it produced.
fn stage_one(stage: &str, ex: &Extractor, d: &Input) -> (usize, usize) {
    match stage {
        "normalize" => (NormalizedText::new(&d.text).normalized().len(), 0),
        "tokenize" => {
            let nt = NormalizedText::new(&d.text);
            (tokenize(&nt).tokens.len(), 0)
        }
        "entities" => {
            let nt = NormalizedText::new(&d.text);
            let tok = tokenize(&nt);
            let ms = ner::recognize(ex.gazetteer(), &nt, &tok, d.date);
            (ms.iter().filter(|m| m.source == EntitySource::Gazetteer).count(), ms.len())
        }
        "full" => {
            let doc = ex.extract_input(d);
            (doc.entities.len(), doc.events.len())
        }
        _ => unreachable!(),
    }
}

fn run(opts: &std::collections::HashMap<String, String>, positional: &[String]) -> Res<()> {
    let stage = opt(opts, "stage")?.to_string();
    let runs: usize = opts.get("runs").map(|s| s.parse()).transpose().map_err(|e| format!("--runs: {e}"))?.unwrap_or(3);
    let threads: usize =
        opts.get("threads").map(|s| s.parse()).transpose().map_err(|e| format!("--threads: {e}"))?.unwrap_or(1);
    let [path] = positional else { return Err("exactly one input file".into()) };
    if stage == "lines" {
        let data = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            lines = memchr::memchr_iter(b'\n', std::hint::black_box(&data)).count();
            times.push(t.elapsed().as_secs_f64());
        }
        let m = median(&mut times);
        let out = serde_json::json!({"stage": stage, "bytes": data.len(), "threads": 1, "runs_s": times,
            "median_s": m, "mb_s": data.len() as f64 / MB / m, "matches": lines, "cpu_s": null, "cpu_mb_s": null});
        println!("{out}");
        return Ok(());
    }
    if !["normalize", "tokenize", "entities", "full"].contains(&stage.as_str()) {
        return Err(format!("unknown stage {stage:?}"));
    }
    let (docs, bytes) = load(path)?;
    let t = Instant::now();
    let ex = Extractor::builder().build().map_err(|e| e.to_string())?;
    let build_s = t.elapsed().as_secs_f64();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let nthreads = if threads == 1 { 1 } else { pool.current_num_threads() };
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..runs.max(1) {
        let c0 = cpu_seconds();
        let t = Instant::now();
        counts = if nthreads == 1 {
            docs.iter().map(|d| stage_one(&stage, &ex, d)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        } else {
            pool.install(|| {
                docs.par_iter().map(|d| stage_one(&stage, &ex, d)).reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
            })
        };
        times.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
            cpu_times.push(b - a);
        }
    }
    let m = median(&mut times);
    let cpu = (cpu_times.len() == times.len()).then(|| median(&mut cpu_times));
    let (matches, other) = counts;
    let out = serde_json::json!({
        "stage": stage, "docs": docs.len(), "bytes": bytes, "threads": nthreads, "runs_s": times,
        "median_s": m, "mb_s": bytes as f64 / MB / m, "build_s": build_s,
        // CPU seconds of the timed loop (all threads; median): bytes per CPU second does not
        // depend on what else runs on the machine.
        "cpu_s": cpu, "cpu_mb_s": cpu.map(|c| bytes as f64 / MB / c),
        // entities: gazetteer-sourced mentions / all mentions; full: entities / events
        "matches": matches, "other": other,
    });
    println!("{out}");
    Ok(())
}
