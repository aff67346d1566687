//! Training and cross-validating the tagger on CoNLL files (`khabar train ner`, `khabar eval
//! ner-cv`).
//!
//! A CoNLL block (the lines between two blank lines) becomes one document: its tokens joined by
//! spaces, exactly as the outside scorer (`../shared/eval/score.py conll`) feeds them to `khabar
//! extract`. khabar's own tokenizer and NER run on that text; every khabar token takes the label
//! of the CoNLL token it lies in (B only on the first khabar token of a B token), so the features
//! are the ones tagging will see.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::features::{coverage, sentence_features, Doc};
use super::{viterbi, Model, NT};
use crate::document::Document;
use crate::error::Error;
use crate::extractor::{Extractor, Input};
use crate::gazetteer::EntityType;
use crate::ner::recognize_with_hits;
use crate::normalize::NormalizedText;
use crate::tokenize::tokenize;

/// One CoNLL block: tokens and their labels.
#[derive(Debug, Clone)]
pub struct ConllDoc {
    /// Tokens.
    pub tokens: Vec<String>,
    /// Labels (BIO; PERS = PER; AQMAR's MIS0..3 = MISC).
    pub labels: Vec<String>,
}

impl ConllDoc {
    /// The text (tokens joined by spaces) and each token's code-point range in it.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut offs = Vec::with_capacity(self.tokens.len());
        let mut pos = 0;
        for (k, t) in self.tokens.iter().enumerate() {
            if k > 0 {
                text.push(' ');
                pos += 1;
            }
            let n = t.chars().count();
            text.push_str(t);
            offs.push((pos, pos + n));
            pos += n;
        }
        (text, offs)
    }
}

/// Reads a CoNLL file (`token LABEL` per line, blank lines between blocks). Errors name the
/// file and line.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::data(&name, 0, format!("cannot read: {e}")))?;
    let mut out = Vec::new();
    let mut cur = ConllDoc { tokens: vec![], labels: vec![] };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(&mut cur, ConllDoc { tokens: vec![], labels: vec![] }));
            }
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(tok), Some(label)) = (parts.next(), parts.last()) else {
            return Err(Error::data(&name, i + 1, "expected `token LABEL`"));
        };
        cur.tokens.push(tok.to_string());
        cur.labels.push(label.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The entity type of a CoNLL label (`None` for O and unknown labels) and whether it begins a
/// name.
pub fn label_kind(l: &str) -> Option<(bool, &'static str)> {
    let (bio, t) = l.split_once('-')?;
    let ty = match t {
        "PERS" | "PER" => "PER",
        "LOC" | "GPE" => "LOC",
        "ORG" => "ORG",
        t if t.starts_with("MIS") => "MISC",
        _ => return None,
    };
    Some((bio == "B", ty))
}

fn tag_index(kind: &str, begin: bool) -> u8 {
    let base = match kind {
        "PER" => 1,
        "LOC" => 3,
        "ORG" => 5,
        _ => 7,
    };
    if begin {
        base
    } else {
        base + 1
    }
}

/// One training sentence: the features of its tokens and their gold tags.
#[derive(Debug, Clone, Default)]
pub struct Example {
    feats: Vec<u64>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

/// The training sentences of one CoNLL document, with khabar's features.
pub fn examples(ex: &Extractor, doc: &ConllDoc) -> Vec<Example> {
    let g = ex.gazetteer();
    let (text, offs) = doc.text();
    let nt = NormalizedText::new(&text);
    let tok = tokenize(&nt);
    let mut hits = Vec::new();
    let mentions = recognize_with_hits(g, &nt, &tok, None, Some(&mut hits));
    let d = Doc { g, norm: nt.normalized(), tok: &tok, mentions: &mentions, hits: &hits, original: nt.original() };
    let cover = coverage(tok.tokens.len(), &mentions);
    // Byte offsets of the CoNLL tokens.
    let char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let spans: Vec<(usize, usize)> = offs.iter().map(|&(a, b)| (char_to_byte[a], char_to_byte[b])).collect();
    let mut out = Vec::new();
    let mut last_conll = usize::MAX;
    let mut gold_all = Vec::with_capacity(tok.tokens.len());
    for t in &tok.tokens {
        let k = spans.partition_point(|&(_, e)| e <= t.span.start);
        let tag = match spans.get(k).filter(|&&(s, _)| s <= t.span.start).and_then(|_| label_kind(&doc.labels[k])) {
            Some((begin, kind)) => tag_index(kind, begin && k != last_conll),
            None => 0,
        };
        // A B tag after O inside the same CoNLL token cannot happen; an I tag after O (a name
        // whose first CoNLL token had no word) becomes B.
        last_conll = k;
        gold_all.push(tag);
    }
    for s in &tok.sentences {
        let mut e = Example::default();
        sentence_features(&d, &cover, s.tokens.clone(), &mut e.feats, &mut e.offs);
        e.gold = gold_all[s.tokens.clone()].to_vec();
        for j in 0..e.gold.len() {
            let t = e.gold[j];
            let prev = if j == 0 { None } else { Some(e.gold[j - 1] as usize) };
            if t != 0 && t % 2 == 0 && !super::allowed(prev, t as usize) {
                e.gold[j] = t - 1;
            }
        }
        out.push(e);
    }
    out
}

/// Averaged structured perceptron.
struct Trainer {
    w: FxHashMap<u64, [f32; NT]>,
    u: FxHashMap<u64, [f32; NT]>,
    trans: [[f32; NT]; NT],
    trans_u: [[f32; NT]; NT],
    start: [f32; NT],
    start_u: [f32; NT],
    c: f32,
}

impl Trainer {
    fn decode(&self, e: &Example, out: &mut Vec<u8>) {
        let n = e.offs.len();
        out.clear();
        if n == 0 {
            return;
        }
        let span = |j: usize| e.offs[j] as usize..e.offs.get(j + 1).map_or(e.feats.len(), |&o| o as usize);
        let emit = |j: usize, s: &mut [f32; NT]| {
            *s = [0.0; NT];
            for h in &e.feats[span(j)] {
                if let Some(w) = self.w.get(h) {
                    for t in 0..NT {
                        s[t] += w[t];
                    }
                }
            }
        };
        viterbi(n, emit, &self.trans, &self.start, out);
    }

    fn update(&mut self, e: &Example, pred: &[u8]) {
        let c = self.c;
        let span = |j: usize| e.offs[j] as usize..e.offs.get(j + 1).map_or(e.feats.len(), |&o| o as usize);
        for j in 0..pred.len() {
            let (g, p) = (e.gold[j] as usize, pred[j] as usize);
            let gp = if j == 0 { None } else { Some(e.gold[j - 1] as usize) };
            let pp = if j == 0 { None } else { Some(pred[j - 1] as usize) };
            if g != p {
                for h in &e.feats[span(j)] {
                    let w = self.w.entry(*h).or_insert([0.0; NT]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let u = self.u.entry(*h).or_insert([0.0; NT]);
                    u[g] += c;
                    u[p] -= c;
                }
            }
            if (gp, g) != (pp, p) {
                match gp {
                    None => {
                        self.start[g] += 1.0;
                        self.start_u[g] += c;
                    }
                    Some(a) => {
                        self.trans[a][g] += 1.0;
                        self.trans_u[a][g] += c;
                    }
                }
                match pp {
                    None => {
                        self.start[p] -= 1.0;
                        self.start_u[p] -= c;
                    }
                    Some(a) => {
                        self.trans[a][p] -= 1.0;
                        self.trans_u[a][p] -= c;
                    }
                }
            }
        }
    }

    fn average(self) -> Model {
        let c = self.c;
        let avg = |w: f32, u: f32| w - u / c;
        let mut m = Model::default();
        let mut keys: Vec<u64> = self.w.keys().copied().collect();
        keys.sort_unstable();
        for h in keys {
            let w = &self.w[&h];
            let u = &self.u[&h];
            let mut a = [0f32; NT];
            for t in 0..NT {
                a[t] = avg(w[t], u[t]);
                if a[t].abs() < 1e-3 {
                    a[t] = 0.0;
                }
            }
            if a.iter().any(|v| *v != 0.0) {
                m.index.insert(h, m.weights.len() as u32);
                m.weights.push(a);
            }
        }
        for a in 0..NT {
            for t in 0..NT {
                m.trans[a][t] = avg(self.trans[a][t], self.trans_u[a][t]);
            }
            m.start[a] = avg(self.start[a], self.start_u[a]);
        }
        m
    }
}

/// Trains a model on `examples` for `epochs` passes (order shuffled by a fixed seed, so the
/// same data gives the same model).
pub fn train(examples: &[&Example], epochs: usize) -> Model {
    let mut t = Trainer {
        w: FxHashMap::default(),
        u: FxHashMap::default(),
        trans: [[0.0; NT]; NT],
        trans_u: [[0.0; NT]; NT],
        start: [0.0; NT],
        start_u: [0.0; NT],
        c: 1.0,
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut pred = Vec::new();
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let e = examples[i];
            t.decode(e, &mut pred);
            if pred != e.gold {
                t.update(e, &pred);
            }
            t.c += 1.0;
        }
    }
    t.average()
}

/// Entity counts (tp, fp, fn) per type, scored as `../shared/eval/score.py conll` does: each
/// output entity labels the CoNLL tokens it overlaps (earlier starts first, no overlap), then
/// exact chunk match.
pub type Counts = BTreeMap<&'static str, (usize, usize, usize)>;

fn chunks(labels: &[&'static str]) -> Vec<(usize, usize, &'static str)> {
    // labels: "O" or "B-X"/"I-X" with X static.
    let mut out = Vec::new();
    let mut cur: Option<(usize, &'static str)> = None;
    for (i, l) in labels.iter().chain(std::iter::once(&"O")).enumerate() {
        let (b, t) = match l.split_once('-') {
            Some((b, t)) => (b == "B", Some(t)),
            None => (false, None),
        };
        if let Some((s, ct)) = cur {
            if t.is_none() || b || t != Some(ct) {
                out.push((s, i, ct));
                cur = None;
            }
        }
        if let Some(t) = t {
            if b || cur.is_none() {
                cur = Some((i, t));
            }
        }
    }
    out
}

const B: [(&str, &str); 4] = [("PER", "B-PER"), ("LOC", "B-LOC"), ("ORG", "B-ORG"), ("MISC", "B-MISC")];
const I: [(&str, &str); 4] = [("PER", "I-PER"), ("LOC", "I-LOC"), ("ORG", "I-ORG"), ("MISC", "I-MISC")];

fn static_label(kind: &str, begin: bool) -> &'static str {
    let table = if begin { &B } else { &I };
    table.iter().find(|(k, _)| *k == kind).map_or("O", |(_, l)| l)
}

/// Scores one output document against its CoNLL block.
pub fn score(doc: &ConllDoc, out: &Document, counts: &mut Counts, show_errors: bool) {
    let (_, offs) = doc.text();
    let gold: Vec<&'static str> = doc
        .labels
        .iter()
        .map(|l| match label_kind(l) {
            Some((b, k)) => static_label(k, b),
            None => "O",
        })
        .collect();
    let mut pred = vec!["O"; offs.len()];
    let mut ents: Vec<_> = out.entities.iter().collect();
    ents.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    for e in ents {
        let kind = match e.kind {
            EntityType::PER => "PER",
            EntityType::LOC | EntityType::FAC => "LOC",
            EntityType::ORG => "ORG",
            _ => "MISC",
        };
        let idx: Vec<usize> = (0..offs.len()).filter(|&k| offs[k].0 < e.span.end && e.span.start < offs[k].1).collect();
        if idx.is_empty() || idx.iter().any(|&k| pred[k] != "O") {
            continue;
        }
        for (n, &k) in idx.iter().enumerate() {
            pred[k] = static_label(kind, n == 0);
        }
    }
    let g = chunks(&gold);
    let p = chunks(&pred);
    if show_errors {
        let surf = |c: &(usize, usize, &str)| doc.tokens[c.0..c.1].join(" ");
        for c in g.iter().filter(|c| !p.contains(c)) {
            let ctx = doc.tokens[c.0.saturating_sub(2)..(c.1 + 2).min(doc.tokens.len())].join(" ");
            eprintln!("FN\t{}\t{}\t{}", c.2, surf(c), ctx);
        }
        for c in p.iter().filter(|c| !g.contains(c)) {
            let ctx = doc.tokens[c.0.saturating_sub(2)..(c.1 + 2).min(doc.tokens.len())].join(" ");
            eprintln!("FP\t{}\t{}\t{}", c.2, surf(c), ctx);
        }
    }
    for c in &p {
        let e = counts.entry(c.2).or_default();
        if g.contains(c) {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    for c in g.iter().filter(|c| !p.contains(c)) {
        counts.entry(c.2).or_default().2 += 1;
    }
}

/// Runs `ex` (with `model` when given, else gazetteer-only) on the documents and scores them.
pub fn evaluate(ex: &Extractor, docs: &[ConllDoc], model: Option<&Model>) -> Counts {
    use rayon::prelude::*;
    let parts: Vec<Counts> = docs
        .par_chunks(64)
        .map(|chunk| {
            let mut c = Counts::new();
            for d in chunk {
                let input = Input::new(d.text().0);
                let out = ex.extract_with_model(&input, model);
                score(d, &out, &mut c, model.is_some() && std::env::var("KHABAR_NER_ERRORS").is_ok());
            }
            c
        })
        .collect();
    let mut total = Counts::new();
    for p in parts {
        for (k, v) in p {
            let e = total.entry(k).or_default();
            e.0 += v.0;
            e.1 += v.1;
            e.2 += v.2;
        }
    }
    total
}

/// F1 of (tp, fp, fn).
pub fn f1(c: (usize, usize, usize)) -> f64 {
    let (tp, fp, fn_) = c;
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    2.0 * p * r / (p + r)
}

/// Micro F1 over PER, LOC and ORG.
pub fn micro(c: &Counts) -> f64 {
    let mut t = (0, 0, 0);
    for k in ["PER", "LOC", "ORG"] {
        if let Some(v) = c.get(k) {
            t.0 += v.0;
            t.1 += v.1;
            t.2 += v.2;
        }
    }
    f1(t)
}

/// One line of a per-type table: PER LOC ORG micro F1.
pub fn row(c: &Counts) -> String {
    let get = |k: &str| f1(c.get(k).copied().unwrap_or_default());
    format!("{:>6.3} {:>6.3} {:>6.3} {:>6.3}", get("PER"), get("LOC"), get("ORG"), micro(c))
}
