//! Identical output for identical input: across runs of the CLI, across thread counts, between the
//! parallel and the sequential library paths, and between two independently built extractors.
//! Uses ~200 SaudiNewsNet articles (skipped when ../shared/corpus is absent).

use std::io::{BufRead, Write};
use std::process::{Command, Stdio};

const KHABAR: &str = env!("CARGO_BIN_EXE_khabar");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/saudinewsnet.jsonl.gz");
const ARTICLES: usize = 200;

/// ~200 articles spread over the corpus, as input records.
fn articles() -> Option<Vec<khabar::Input>> {
    let f = std::fs::File::open(CORPUS).ok()?;
    let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
    let mut out = Vec::new();
    for (i, line) in r.lines().enumerate() {
        let line = line.expect("corpus is readable");
        if i % 37 != 0 {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        out.push(khabar::Input {
            id: Some(format!("snn-{i}")),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            date: v["date"].as_str().and_then(|d| khabar::parse_date(d.get(..10)?).ok()),
        });
        if out.len() == ARTICLES {
            break;
        }
    }
    Some(out)
}

fn run_cli(input: &[u8], extra: &[&str]) -> Vec<u8> {
    let mut child = Command::new(KHABAR)
        .args(["extract", "--input", "jsonl", "--quiet"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{extra:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn cli_output_is_identical_across_runs_and_thread_counts() {
    let Some(inputs) = articles() else {
        eprintln!("skipped: {CORPUS} absent");
        return;
    };
    let mut jsonl = String::new();
    for i in &inputs {
        let rec = serde_json::json!({"id": i.id, "text": i.text, "date": i.date.map(|d| d.to_string())});
        jsonl.push_str(&rec.to_string());
        jsonl.push('\n');
    }
    let reference = run_cli(jsonl.as_bytes(), &["--threads", "1"]);
    assert_eq!(reference.iter().filter(|&&b| b == b'\n').count(), inputs.len());
    let text = String::from_utf8(reference.clone()).unwrap();
    for (line, input) in text.lines().zip(&inputs) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"].as_str(), input.id.as_deref(), "output in input order");
    }
    let events: usize = text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["events"].as_array().unwrap().len()).sum();
    assert!(events > 0, "the sample should contain events");
    for extra in [&["--threads", "2"][..], &["--threads", "8"], &[], &[]] {
        let out = run_cli(jsonl.as_bytes(), extra);
        if out != reference {
            let (a, b) = (String::from_utf8_lossy(&reference), String::from_utf8_lossy(&out));
            let (k, (x, y)) = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y).expect("same lines");
            panic!("{extra:?}: line {} differs:\n{x}\n{y}", k + 1);
        }
    }
}

#[test]
fn library_parallel_sequential_and_rebuilt_extractors_agree() {
    let Some(inputs) = articles() else {
        eprintln!("skipped: {CORPUS} absent");
        return;
    };
    let ex = khabar::Extractor::new();
    let parallel = ex.extract_batch(&inputs);
    let sequential: Vec<_> = inputs.iter().map(|i| ex.extract_input(i)).collect();
    assert_eq!(parallel, sequential);
    // A second extractor compiled from the same data (fresh hash maps, fresh automata) agrees.
    let rebuilt = khabar::Extractor::builder().build().unwrap();
    for (i, (input, want)) in inputs.iter().zip(&sequential).enumerate() {
        let got = rebuilt.extract_input(input);
        assert_eq!(got.to_json(), want.to_json(), "article {i} differs between two builds");
    }
    // Extraction does not depend on what was extracted before (no hidden state).
    let again: Vec<_> = inputs.iter().rev().map(|i| ex.extract_input(i)).collect();
    assert!(again.iter().rev().eq(sequential.iter()));
}
