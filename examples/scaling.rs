//! Does extraction time grow linearly with document size?
//!
//!     cargo run --release --example scaling [-- MB]        (default 10)
//!
//! Builds one document of MB megabytes by concatenating real articles (SaudiNewsNet from
//! ../shared/corpus when present, else examples/article.txt), times `extract` on it, and compares
//! with the same text cut into MB documents of 1 MB each (extracted one after the other, one
//! thread). A ratio near 1.0 means linear; the per-size table shows where growth starts.

use std::io::BufRead;
use std::time::Instant;

fn corpus_text(bytes: usize) -> String {
    let mut articles: Vec<String> = Vec::new();
    let gz = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/saudinewsnet.jsonl.gz");
    if let Ok(f) = std::fs::File::open(gz) {
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
        let mut total = 0;
        for line in r.lines().map_while(Result::ok) {
            let v: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
            let t = v["text"].as_str().unwrap_or("").to_string();
            total += t.len() + 1;
            articles.push(t);
            if total >= bytes {
                break;
            }
        }
    } else {
        eprintln!("({gz} absent: repeating examples/article.txt)");
        articles.push(std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/article.txt")).unwrap());
    }
    let mut text = String::with_capacity(bytes + 4096);
    'outer: loop {
        for a in &articles {
            text.push_str(a);
            text.push('\n');
            if text.len() >= bytes {
                break 'outer;
            }
        }
    }
    text
}

/// Cuts `text` into pieces of about `size` bytes at line ends.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if let Some(nl) = text[end..].find('\n') {
            end += nl + 1;
        } else {
            end = text.len();
        }
        out.push(&text[start..end]);
        start = end;
    }
    out
}

fn time(ex: &khabar::Extractor, text: &str) -> (f64, usize, usize) {
    let date = khabar::parse_date("2015-06-01").ok();
    let t = Instant::now();
    let doc = ex.extract(text, date);
    (t.elapsed().as_secs_f64(), doc.entities.len(), doc.events.len())
}

fn main() {
    let mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let ex = khabar::Extractor::new();
    let text = corpus_text(mb << 20);
    let _ = time(&ex, &text[..text.len().min(100_000)]); // warm up
    println!("size      time      MB/s   entities   events");
    for k in [1, 2, 4, 8].into_iter().filter(|&k| k < mb).chain([mb]) {
        let piece = pieces(&text, k << 20)[0];
        let (s, e, v) = time(&ex, piece);
        println!("{:>3} MB  {:>7.2} s  {:>6.2}  {:>9}  {:>7}", k, s, piece.len() as f64 / s / 1e6, e, v);
    }
    let (whole, we, wv) = time(&ex, &text);
    let (mut parts, mut pe, mut pv) = (0.0, 0, 0);
    for p in pieces(&text, 1 << 20) {
        let (s, e, v) = time(&ex, p);
        parts += s;
        pe += e;
        pv += v;
    }
    println!("one {mb} MB document: {whole:.2} s ({we} entities, {wv} events)");
    println!("{mb} x 1 MB documents: {parts:.2} s ({pe} entities, {pv} events)");
    println!("ratio: {:.2}", whole / parts);
}
