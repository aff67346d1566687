//! `khabar eval ...` and `khabar gazetteer ...`: measurement against the open gold sets and the
//! gazetteer quality gate.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use clap::Subcommand;
use khabar::{normalize, Document, EntityType, Input};
use rayon::prelude::*;

use crate::{build_extractor, err};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Entity-level exact-match P/R/F1 per type on a CoNLL file (token LABEL, BIO; PERS=PER).
    Ner {
        /// CoNLL file.
        #[arg(long)]
        conll: PathBuf,
        /// Extra gazetteer files.
        #[arg(long = "gazetteer")]
        gazetteers: Vec<PathBuf>,
        /// Print the most frequent missed (FN) and spurious (FP) mentions per type.
        #[arg(long)]
        errors: bool,
        #[command(flatten)]
        ner: crate::NerArgs,
    },
    /// k-fold cross-validation of the NER tagger on a CoNLL file (contiguous blocks): per-type F1,
    /// gazetteer-only vs hybrid, each fold, pooled and mean; then AQMAR (not trained on).
    NerCv {
        /// CoNLL training file.
        #[arg(long)]
        conll: PathBuf,
        /// Folds.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Training passes.
        #[arg(long, default_value_t = crate::cli_train::EPOCHS)]
        epochs: usize,
        /// A CoNLL file scored with the model trained on all of --conll.
        #[arg(long)]
        aqmar: Option<PathBuf>,
    },
    /// Sentence-level P/R/F1 per PLOVER type on OEDA GSR files (label yes vs easy/difficult no).
    Events {
        /// GSR JSONL files.
        #[arg(long, num_args = 1.., required = true)]
        gsr: Vec<PathBuf>,
        /// Print the false positives and false negatives.
        #[arg(long)]
        errors: bool,
    },
    /// Document-level event scoring against a gold JSONL (seed_article.gold.jsonl format).
    Docs {
        /// Gold file: one {"id","events":[...]} per line.
        #[arg(long)]
        gold: PathBuf,
        /// Input: a JSON {"id","date","text"} file or a JSONL of them.
        #[arg(long)]
        input: PathBuf,
        /// Print every gold event with its match.
        #[arg(long)]
        verbose: bool,
    },
}

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Counts per type and the quality gate: exits non-zero on a problem.
    Check {
        /// Corpus (JSONL, optionally .gz, with "text") for the common-word check.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Articles of the corpus to read.
        #[arg(long, default_value_t = 5000)]
        articles: usize,
        /// An unflagged single-word alias among this many most frequent corpus words fails the gate.
        #[arg(long, default_value_t = 2000)]
        top: usize,
    },
    /// Prints every alias (normalized key) with its type, one per line: for peer benchmarks.
    ExportAliases,
}

/// `println!` that returns a closed pipe as an error (`khabar eval ... | head`) instead of
/// panicking.
macro_rules! out {
    ($($t:tt)*) => {
        std::io::Write::write_fmt(&mut io::stdout(), format_args!("{}\n", format_args!($($t)*)))?
    };
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn read_text(path: &PathBuf) -> io::Result<String> {
    let mut raw = Vec::new();
    std::fs::File::open(path).map_err(|e| err(format!("{}: {e}", path.display())))?.read_to_end(&mut raw)?;
    String::from_utf8(raw).map_err(|e| err(format!("{}: invalid UTF-8 at byte {}", path.display(), e.utf8_error().valid_up_to())))
}

pub fn eval(cmd: EvalCommand) -> io::Result<()> {
    match cmd {
        EvalCommand::Ner { conll, gazetteers, errors, ner } => eval_ner(&conll, &gazetteers, errors, &ner),
        EvalCommand::NerCv { conll, folds, epochs, aqmar } => crate::cli_train::cross_validate(&conll, folds, epochs, aqmar.as_ref()),
        EvalCommand::Events { gsr, errors } => eval_events(&gsr, errors),
        EvalCommand::Docs { gold, input, verbose } => eval_docs(&gold, &input, verbose),
    }
}

/// A CoNLL sentence: tokens with their labels.
struct ConllSentence {
    tokens: Vec<String>,
    labels: Vec<String>,
}

fn read_conll(path: &PathBuf) -> io::Result<Vec<ConllSentence>> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    let mut cur = ConllSentence { tokens: vec![], labels: vec![] };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(&mut cur, ConllSentence { tokens: vec![], labels: vec![] }));
            }
            continue;
        }
        let (tok, label) = line
            .rsplit_once([' ', '\t'])
            .ok_or_else(|| err(format!("{}:{}: expected `token LABEL`", path.display(), i + 1)))?;
        cur.tokens.push(tok.trim().to_string());
        cur.labels.push(label.trim().to_string());
        // ANERcorp has few blank lines: cut long runs at sentence-final tokens.
        if matches!(tok.trim(), "." | "؟" | "!") && cur.tokens.len() > 1 {
            out.push(std::mem::replace(&mut cur, ConllSentence { tokens: vec![], labels: vec![] }));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn label_type(l: &str) -> Option<(bool, &'static str)> {
    let (bio, t) = l.split_once('-')?;
    let ty = match t {
        "PERS" | "PER" => "PER",
        "LOC" => "LOC",
        "ORG" => "ORG",
        _ => return None,
    };
    Some((bio == "B", ty))
}

fn gold_spans(labels: &[String]) -> HashSet<(usize, usize, &'static str)> {
    let mut out = HashSet::new();
    let mut cur: Option<(usize, &'static str)> = None;
    for (i, l) in labels.iter().enumerate() {
        let lt = label_type(l);
        match (cur, lt) {
            (Some((s, t)), Some((false, t2))) if t == t2 => {
                let _ = s;
                continue;
            }
            _ => {}
        }
        if let Some((s, t)) = cur.take() {
            out.insert((s, i, t));
        }
        if let Some((_, t)) = lt {
            cur = Some((i, t));
        }
    }
    if let Some((s, t)) = cur {
        out.insert((s, labels.len(), t));
    }
    out
}

fn eval_ner(path: &PathBuf, gazetteers: &[PathBuf], errors: bool, ner: &crate::NerArgs) -> io::Result<()> {
    let ex = crate::build_extractor_ner(gazetteers, false, ner)?;
    let sents = read_conll(path)?;
    // Documents of 40 sentences keep some context (alias propagation) and parallelize well.
    let chunks: Vec<&[ConllSentence]> = sents.chunks(40).collect();
    let per_chunk: Vec<Vec<(HashSet<(usize, usize, &'static str)>, HashSet<(usize, usize, &'static str)>)>> = chunks
        .par_iter()
        .map(|chunk| {
            let mut text = String::new();
            let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new(); // per sentence: token char ranges
            for s in chunk.iter() {
                let mut offs = Vec::new();
                for (k, t) in s.tokens.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    let st = text.chars().count();
                    text.push_str(t);
                    offs.push((st, st + t.chars().count()));
                }
                text.push('\n');
                offsets.push(offs);
            }
            let doc = ex.extract(&text, None);
            chunk
                .iter()
                .zip(&offsets)
                .map(|(s, offs)| {
                    let gold = gold_spans(&s.labels);
                    let lo = offs.first().map(|o| o.0).unwrap_or(0);
                    let hi = offs.last().map(|o| o.1).unwrap_or(0);
                    let mut pred = HashSet::new();
                    for e in doc.entities.iter().filter(|e| e.span.start >= lo && e.span.end <= hi) {
                        let ty = match e.kind {
                            EntityType::PER => "PER",
                            EntityType::ORG => "ORG",
                            EntityType::LOC | EntityType::FAC => "LOC",
                            _ => continue,
                        };
                        let first = offs.iter().position(|o| o.0 <= e.span.start && e.span.start < o.1.max(o.0 + 1));
                        let last = offs.iter().position(|o| o.0 < e.span.end && e.span.end <= o.1);
                        if let (Some(a), Some(b)) = (first, last) {
                            pred.insert((a, b + 1, ty));
                        }
                    }
                    (gold, pred)
                })
                .collect()
        })
        .collect();
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    // (FN|FP, type, surface) → count, for --errors.
    let mut wrong: HashMap<(&str, &str, String), usize> = HashMap::new();
    let sentences = chunks.iter().flat_map(|c| c.iter());
    for ((gold, pred), sent) in per_chunk.iter().flatten().zip(sentences) {
        let surface = |a: usize, b: usize| sent.tokens[a..b].join(" ");
        for g in gold {
            let c = counts.entry(g.2).or_default();
            if pred.contains(g) {
                c.0 += 1;
            } else {
                c.2 += 1;
                if errors {
                    *wrong.entry(("FN", g.2, surface(g.0, g.1))).or_default() += 1;
                }
            }
        }
        for p in pred {
            if !gold.contains(p) {
                counts.entry(p.2).or_default().1 += 1;
                if errors {
                    *wrong.entry(("FP", p.2, surface(p.0, p.1))).or_default() += 1;
                }
            }
        }
    }
    if errors {
        let mut w: Vec<_> = wrong.into_iter().collect();
        w.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for kind in ["FN", "FP"] {
            for ty in ["PER", "ORG", "LOC"] {
                let top: Vec<String> =
                    w.iter().filter(|((k, t, _), _)| *k == kind && *t == ty).take(40).map(|((_, _, s), n)| format!("{s} ({n})")).collect();
                out!("{kind} {ty}: {}", top.join(", "));
            }
        }
    }
    out!("{} sentences, {} tokens", sents.len(), sents.iter().map(|s| s.tokens.len()).sum::<usize>());
    out!("{:<6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}", "type", "tp", "fp", "fn", "P", "R", "F1");
    let (mut t, mut f, mut n) = (0, 0, 0);
    for (ty, (tp, fp, fn_)) in &counts {
        let (p, r, f1v) = f1(*tp, *fp, *fn_);
        out!("{:<6} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}", ty, tp, fp, fn_, p, r, f1v);
        t += tp;
        f += fp;
        n += fn_;
    }
    let (p, r, f1v) = f1(t, f, n);
    out!("{:<6} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}", "micro", t, f, n, p, r, f1v);
    Ok(())
}

fn eval_events(files: &[PathBuf], show_errors: bool) -> io::Result<()> {
    let ex = build_extractor(&[], false)?;
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for f in files {
        let text = read_text(f)?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| err(format!("{}:{}: {e}", f.display(), i + 1)))?;
            rows.push(v);
        }
    }
    // GSR ids carry the date of their source article ("AAW_ARB_20071026.0026-2"): the date a
    // user would pass with the article.
    let inputs: Vec<Input> = rows
        .iter()
        .map(|r| Input::new(r["text"].as_str().unwrap_or("")).with_date(r["id"].as_str().and_then(gsr_date)))
        .collect();
    let docs = ex.extract_batch(&inputs);
    // Per type: tp, fp, fn, tn; actor/recipient overlap counts.
    let mut stats: BTreeMap<String, [usize; 8]> = BTreeMap::new();
    for (r, d) in rows.iter().zip(&docs) {
        let ty = r["event_type"].as_str().unwrap_or("").to_string();
        let label = r["label"].as_str().unwrap_or("");
        let gold = match label {
            "yes" => true,
            "easy no" | "difficult no" => false,
            _ => continue,
        };
        let evs: Vec<_> = d.events.iter().filter(|e| e.kind == ty && !e.negated).collect();
        let pred = !evs.is_empty();
        let s = stats.entry(ty.clone()).or_default();
        match (gold, pred) {
            (true, true) => s[0] += 1,
            (false, true) => s[1] += 1,
            (true, false) => s[2] += 1,
            (false, false) => s[3] += 1,
        }
        if gold && pred {
            let overlap = |gold: &str, get: &dyn Fn(&khabar::Event) -> Option<String>| {
                let g = normalize(gold);
                evs.iter().filter_map(|e| get(e)).any(|t| {
                    let t = normalize(&t);
                    !t.is_empty() && (g.contains(&t) || t.contains(&g))
                })
            };
            if let Some(src) = r["source_gold"].as_str().filter(|s| !s.is_empty()) {
                s[4] += 1;
                if overlap(src, &|e| e.actor.as_ref().map(|a| a.span.text.clone())) {
                    s[5] += 1;
                }
            }
            if let Some(tgt) = r["target_gold"].as_str().filter(|s| !s.is_empty()) {
                s[6] += 1;
                if overlap(tgt, &|e| e.recipient.as_ref().map(|a| a.span.text.clone())) {
                    s[7] += 1;
                }
            }
        }
        if show_errors && gold != pred {
            let why = evs.first().map(|e| format!("{} [{}]", e.trigger.text, e.rule)).unwrap_or_default();
            out!("{} {} {}: {}  {}", if pred { "FP" } else { "FN" }, ty, label, why, r["text"].as_str().unwrap_or(""));
        }
    }
    out!("{:<10} {:>5} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7}  actor-overlap  recipient-overlap", "type", "tp", "fp", "fn", "tn", "P", "R", "F1");
    for (ty, s) in &stats {
        let (p, r, f) = f1(s[0], s[1], s[2]);
        out!(
            "{:<10} {:>5} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3}  {}/{}  {}/{}",
            ty, s[0], s[1], s[2], s[3], p, r, f, s[5], s[4], s[7], s[6]
        );
    }
    Ok(())
}

fn load_inputs(path: &PathBuf) -> io::Result<Vec<Input>> {
    let text = read_text(path)?;
    let trimmed = text.trim();
    let lines: Vec<&str> = if trimmed.starts_with('{') && serde_json::from_str::<serde_json::Value>(trimmed).is_ok() {
        vec![trimmed]
    } else {
        trimmed.lines().filter(|l| !l.trim().is_empty()).collect()
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| crate::parse_record(l, None).map_err(|e| err(format!("{}:{}: {e}", path.display(), i + 1))))
        .collect()
}

fn eval_docs(gold: &PathBuf, input: &PathBuf, verbose: bool) -> io::Result<()> {
    let ex = build_extractor(&[], false)?;
    let inputs = load_inputs(input)?;
    let docs: HashMap<String, Document> =
        ex.extract_batch(&inputs).into_iter().map(|d| (d.id.clone().unwrap_or_default(), d)).collect();
    let gold_text = read_text(gold)?;
    let (mut n_gold, mut n_pred, mut found) = (0, 0, 0);
    let mut agree = [0usize; 5]; // actor, recipient, location, time, full
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("{}: {e}", gold.display())))?;
        let id = g["id"].as_str().unwrap_or("");
        let Some(doc) = docs.get(id) else {
            return Err(err(format!("gold document {id:?} is not in {}", input.display())));
        };
        n_pred += doc.events.len();
        let mut used = vec![false; doc.events.len()];
        for ge in g["events"].as_array().cloned().unwrap_or_default() {
            n_gold += 1;
            let gty = ge["type"].as_str().unwrap_or("");
            let gev = normalize(ge["evidence"].as_str().unwrap_or(""));
            let gtrig = normalize(ge["trigger"].as_str().unwrap_or(""));
            let cand = doc.events.iter().enumerate().filter(|(i, e)| {
                !used[*i]
                    && e.kind == gty
                    && e.evidence.iter().any(|s| {
                        let s = normalize(&s.text);
                        s.contains(&gev) || gev.contains(&s)
                    })
            });
            // Prefer the candidate whose trigger matches the gold trigger.
            let mut best: Option<(usize, usize)> = None;
            for (i, e) in cand {
                let t = normalize(&e.trigger.text);
                let score = usize::from(gtrig.contains(&t) || t.contains(&gtrig)) * 10 + arg_score(&ge, e);
                if best.is_none_or(|b| score > b.1) {
                    best = Some((i, score));
                }
            }
            let Some((i, _)) = best else {
                if verbose {
                    out!("MISS  {gty} {:?} in {:?}", ge["trigger"], ge["evidence"]);
                }
                continue;
            };
            used[i] = true;
            found += 1;
            let e = &doc.events[i];
            let a = [
                same_arg(&ge["actor"], e.actor.as_ref()),
                same_arg(&ge["recipient"], e.recipient.as_ref()),
                same_arg(&ge["location"], e.location.as_ref()),
                same_time(&ge["time"], e.time.as_ref()),
            ];
            for (k, ok) in a.iter().enumerate() {
                agree[k] += usize::from(*ok);
            }
            agree[4] += usize::from(a.iter().all(|x| *x));
            if verbose {
                let show = |x: Option<&khabar::Argument>| x.map(|a| a.name.clone().unwrap_or(a.span.text.clone())).unwrap_or("-".into());
                out!(
                    "FOUND {gty} {:?} → {:?} [{}]  actor {} {}  recipient {} {}  location {} {}  time {} {}",
                    ge["trigger"].as_str().unwrap_or(""),
                    e.trigger.text,
                    e.rule,
                    ok(a[0]),
                    show(e.actor.as_ref()),
                    ok(a[1]),
                    show(e.recipient.as_ref()),
                    ok(a[2]),
                    show(e.location.as_ref()),
                    ok(a[3]),
                    e.time.as_ref().and_then(|t| t.date.clone()).unwrap_or("-".into()),
                );
            }
        }
    }
    out!("gold events {n_gold}, predicted {n_pred}, found (type within the evidence sentence) {found}");
    out!(
        "argument agreement on found events: actor {}/{found}, recipient {}/{found}, location {}/{found}, time {}/{found}, full record {}/{found}",
        agree[0], agree[1], agree[2], agree[3], agree[4]
    );
    let (p, r, f) = f1(found, n_pred.saturating_sub(found), n_gold - found);
    out!("event detection P {p:.3} R {r:.3} F1 {f:.3}");
    Ok(())
}

fn ok(b: bool) -> &'static str {
    if b {
        "✓"
    } else {
        "✗"
    }
}

fn arg_score(ge: &serde_json::Value, e: &khabar::Event) -> usize {
    usize::from(same_arg(&ge["actor"], e.actor.as_ref()))
        + usize::from(same_arg(&ge["recipient"], e.recipient.as_ref()))
        + usize::from(same_arg(&ge["location"], e.location.as_ref()))
}

fn same_arg(g: &serde_json::Value, p: Option<&khabar::Argument>) -> bool {
    match (g.is_null(), p) {
        (true, None) => true,
        (true, Some(_)) | (false, None) => false,
        (false, Some(p)) => {
            let gname = g["name"].as_str().unwrap_or("");
            if p.name.as_deref() == Some(gname) {
                return true;
            }
            let gt = normalize(g["text"].as_str().unwrap_or(""));
            let pt = normalize(&p.span.text);
            !pt.is_empty() && (gt.contains(&pt) || pt.contains(&gt))
        }
    }
}

fn same_time(g: &serde_json::Value, p: Option<&khabar::TimeArg>) -> bool {
    let parse = |s: &str| -> Option<(String, String)> {
        let (a, b) = s.split_once('/').unwrap_or((s, s));
        Some((a.to_string(), b.to_string()))
    };
    match (g.is_null(), p) {
        (true, None) => true,
        (true, Some(_)) | (false, None) => false,
        (false, Some(p)) => {
            let (Some(gd), Some(pd)) = (g["date"].as_str().and_then(parse), p.date.as_deref().and_then(parse)) else {
                return false;
            };
            // Ranges agree when they overlap.
            gd.0 <= pd.1 && pd.0 <= gd.1
        }
    }
}

pub fn gazetteer(cmd: GazetteerCommand) -> io::Result<()> {
    let ex = khabar::Extractor::new();
    let g = ex.gazetteer();
    match cmd {
        GazetteerCommand::ExportAliases => {
            use std::io::Write;
            let mut out = io::BufWriter::new(io::stdout().lock());
            for k in g.lexicon.keys() {
                writeln!(out, "{k}")?;
            }
            out.flush()
        }
        GazetteerCommand::Check { corpus, articles, top } => {
            let mut by_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            let mut aliases_per_entity = vec![0usize; g.entities.len()];
            let mut context_keys: HashSet<&str> = HashSet::new();
            let mut plain_single: Vec<(&str, &str)> = Vec::new();
            for k in g.lexicon.keys() {
                for (p, form) in g.lexicon.get(k).unwrap_or(&[]) {
                    if *form != khabar::lexicon::KeyForm::Plain {
                        continue;
                    }
                    if let khabar::gazetteer::Payload::Entity { idx, context } = p {
                        aliases_per_entity[*idx as usize] += 1;
                        if *context {
                            context_keys.insert(k);
                        } else if !k.contains(' ') {
                            // Only the homonym that wins the key matters (see ner::best_payload).
                            let e = &g.entities[*idx as usize];
                            let wins = g.lexicon.get(k).unwrap_or(&[]).iter().all(|(q, _)| match q {
                                khabar::gazetteer::Payload::Entity { idx: j, .. } => {
                                    let o = &g.entities[*j as usize];
                                    (e.rank, std::cmp::Reverse(e.population), *idx) <= (o.rank, std::cmp::Reverse(o.population), *j)
                                }
                                _ => true,
                            });
                            if wins {
                                plain_single.push((k.as_str(), e.id.as_str()));
                            }
                        }
                    }
                }
            }
            for (i, e) in g.entities.iter().enumerate() {
                let c = by_type.entry(e.kind.as_str()).or_default();
                c.0 += 1;
                c.1 += aliases_per_entity[i];
            }
            out!("{:<6} {:>8} {:>9}", "type", "entries", "aliases");
            for (t, (n, a)) in &by_type {
                out!("{t:<6} {n:>8} {a:>9}");
            }
            out!(
                "keys {}, nationality groups {}, titles {}, role holders {}, context-flagged keys {}",
                g.lexicon.len(),
                g.nationalities.len(),
                g.titles.len(),
                g.roles.len(),
                context_keys.len()
            );
            let mut problems = 0;
            if let Some(corpus) = corpus {
                let freq = word_frequencies(&corpus, articles)?;
                let mut ranked: Vec<(&String, &usize)> = freq.iter().collect();
                ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let common: HashMap<&str, usize> = ranked.iter().take(top).enumerate().map(|(i, (w, _))| (w.as_str(), i + 1)).collect();
                // Hand-curated files (user, curated, generic agents, countries: rank <= 2) are
                // checked by hand; the gate guards the bulk-derived ones (GeoNames, dictionaries),
                // where a city's name (population ≥ 100k) may be frequent but a village's may not.
                let mut bad: Vec<(usize, &str, &str)> = plain_single
                    .iter()
                    .filter(|(_, id)| {
                        let e = &g.entities[g.by_id[*id] as usize];
                        e.rank > 2 && !(e.kind == EntityType::LOC && e.population >= 100_000)
                    })
                    .filter_map(|(k, id)| common.get(k).map(|&rank| (rank, *k, *id)))
                    .collect();
                bad.sort();
                bad.dedup_by(|a, b| a.1 == b.1);
                for (rank, k, id) in &bad {
                    out!("common word: {k:?} (corpus rank {rank}) is an unflagged alias of {id}: flag it `context` or drop it");
                }
                problems += bad.len();
                out!("common-word check: {} articles, top {top} words, {} problems", articles, bad.len());
            }
            if problems > 0 {
                return Err(err(format!("quality gate failed: {problems} problems")));
            }
            out!("quality gate passed");
            Ok(())
        }
    }
}

fn word_frequencies(path: &PathBuf, articles: usize) -> io::Result<HashMap<String, usize>> {
    let f = std::fs::File::open(path).map_err(|e| err(format!("{}: {e}", path.display())))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|x| x == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(f)))
    } else {
        Box::new(BufReader::new(f))
    };
    let mut freq: HashMap<String, usize> = HashMap::new();
    for (i, line) in reader.lines().take(articles).enumerate() {
        let line = line.map_err(|e| err(format!("{}:{}: {e}", path.display(), i + 1)))?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| err(format!("{}:{}: {e}", path.display(), i + 1)))?;
        let text = normalize(v["text"].as_str().unwrap_or(""));
        for w in text.split(|c: char| !khabar::tokenize::is_word_char(c)).filter(|w| !w.is_empty()) {
            *freq.entry(w.to_string()).or_default() += 1;
        }
    }
    Ok(freq)
}

/// The article date in a Gigaword-style id: the first `_YYYYMMDD` group.
fn gsr_date(id: &str) -> Option<chrono::NaiveDate> {
    id.split(['_', '.']).find(|p| p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit())).and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y%m%d").ok())
}
