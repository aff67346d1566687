//! Invariants shared by the integration tests and the fuzz targets (which include this file with
//! `#[path = "../../tests/common/mod.rs"]`). Every check returns a message naming the first
//! violation instead of panicking, so callers can add the input to the report.
#![allow(dead_code)]

use std::ops::Range;

use khabar::{normalize, tokenize, Document, NormalizedText, Span};

/// Checks one [`Span`] against the original text: byte range inside the text and on character
/// boundaries, `text` equal to the slice, code-point offsets agreeing with the byte offsets.
pub fn check_span(text: &str, s: &Span, what: &str) -> Result<(), String> {
    let b = &s.bytes;
    if b.start > b.end || b.end > text.len() {
        return Err(format!("{what}: byte range {b:?} outside the text (len {})", text.len()));
    }
    if !text.is_char_boundary(b.start) || !text.is_char_boundary(b.end) {
        return Err(format!("{what}: byte range {b:?} not on char boundaries"));
    }
    if s.text != text[b.clone()] {
        return Err(format!("{what}: text {:?} != original slice {:?}", s.text, &text[b.clone()]));
    }
    let start = text[..b.start].chars().count();
    let end = start + text[b.clone()].chars().count();
    if (s.start, s.end) != (start, end) {
        return Err(format!("{what}: code points {}..{} but bytes {b:?} are code points {start}..{end}", s.start, s.end));
    }
    Ok(())
}

fn nonempty(s: &Span, what: &str) -> Result<(), String> {
    if s.bytes.is_empty() {
        return Err(format!("{what}: empty span at {:?}", s.bytes));
    }
    Ok(())
}

/// Every invariant of an extracted document over its original text.
pub fn check_document(text: &str, doc: &Document) -> Result<(), String> {
    let nt = NormalizedText::new(text);
    let tok = tokenize(&nt);
    let n_sent = tok.sentences.len();
    let mut prev_start = 0;
    for (i, e) in doc.entities.iter().enumerate() {
        let what = format!("entity {i} ({:?})", e.span.text);
        check_span(text, &e.span, &what)?;
        nonempty(&e.span, &what)?;
        if e.span.bytes.start < prev_start {
            return Err(format!("{what}: entities not in text order"));
        }
        prev_start = e.span.bytes.start;
        if let Some(c) = &e.clitic {
            if c.is_empty() || !text[..e.span.bytes.start].ends_with(c.as_str()) {
                return Err(format!("{what}: clitic {c:?} does not directly precede the mention"));
            }
        }
        if e.sentence >= n_sent {
            return Err(format!("{what}: sentence {} but the text has {n_sent} sentences", e.sentence));
        }
    }
    let entity_spans: Vec<&Range<usize>> = doc.entities.iter().map(|e| &e.span.bytes).collect();
    for (i, ev) in doc.events.iter().enumerate() {
        let what = |part: &str| format!("event {i} ({} {:?}) {part}", ev.kind, ev.trigger.text);
        if !khabar::events::PLOVER_TYPES.contains(&ev.kind.as_str()) {
            return Err(what(&format!("unknown type {:?}", ev.kind)));
        }
        check_span(text, &ev.trigger, &what("trigger"))?;
        nonempty(&ev.trigger, &what("trigger"))?;
        for (part, arg) in [("actor", &ev.actor), ("recipient", &ev.recipient), ("location", &ev.location)] {
            if let Some(a) = arg {
                check_span(text, &a.span, &what(part))?;
                nonempty(&a.span, &what(part))?;
                // Arguments are entity mentions, or generic agents ("المحتجين", "طائرات التحالف":
                // gazetteer ids kh:agent-*), which are arguments but not listed as entities.
                let generic = a.entity_id.as_deref().is_some_and(|id| id.starts_with("kh:agent-"));
                if !generic && !entity_spans.contains(&&a.span.bytes) {
                    return Err(what(&format!("{part} {:?} at {:?} is neither an entity span nor a generic agent", a.span.text, a.span.bytes)));
                }
            }
        }
        if let Some(t) = &ev.time {
            check_span(text, &t.span, &what("time"))?;
        }
        if let Some(r) = &ev.reported_by {
            check_span(text, r, &what("reported_by"))?;
        }
        if ev.sentence >= n_sent {
            return Err(what(&format!("sentence {} but the text has {n_sent} sentences", ev.sentence)));
        }
        if ev.evidence.is_empty() {
            return Err(what("no evidence"));
        }
        for (k, s) in ev.evidence.iter().enumerate() {
            check_span(text, s, &what(&format!("evidence {k}")))?;
            if !tok.sentences.iter().any(|x| x.span == s.bytes) {
                return Err(what(&format!("evidence {k} at {:?} is not a sentence", s.bytes)));
            }
        }
        let first = &ev.evidence[0].bytes;
        if !(first.start <= ev.trigger.bytes.start && ev.trigger.bytes.end <= first.end) {
            return Err(what("trigger outside its evidence sentence"));
        }
        if !(0.0..=1.0).contains(&ev.confidence) {
            return Err(what(&format!("confidence {} outside 0..1", ev.confidence)));
        }
    }
    // The JSON form carries the same code-point offsets.
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).map_err(|e| format!("to_json is not JSON: {e}"))?;
    let ents = json["entities"].as_array().ok_or("JSON without entities")?;
    let chars: Vec<char> = text.chars().collect();
    for (e, j) in doc.entities.iter().zip(ents) {
        let (s, t) = (j["start"].as_u64().unwrap_or(u64::MAX) as usize, j["end"].as_u64().unwrap_or(u64::MAX) as usize);
        if s > t || t > chars.len() || chars[s..t].iter().collect::<String>() != e.span.text {
            return Err(format!("JSON entity {s}..{t} does not index {:?} in code points", e.span.text));
        }
    }
    Ok(())
}

/// Normalization, alignment and tokenization invariants on any text.
pub fn check_normalization(text: &str) -> Result<(), String> {
    let nt = NormalizedText::new(text);
    let norm = nt.normalized();
    if norm != normalize(text) {
        return Err(format!("NormalizedText {norm:?} != normalize() {:?}", normalize(text)));
    }
    if normalize(norm) != norm {
        return Err(format!("normalize is not idempotent: {norm:?} -> {:?}", normalize(norm)));
    }
    // Every normalized character maps to a non-empty, in-bounds, monotonic original range.
    let mut last = 0;
    for (i, c) in norm.char_indices() {
        let r = nt.to_original(i..i + c.len_utf8());
        if r.start >= r.end || r.end > text.len() || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            return Err(format!("normalized char {c:?} at {i} maps to bad original range {r:?}"));
        }
        if r.start < last {
            return Err(format!("alignment not monotonic at normalized byte {i}"));
        }
        last = r.start;
    }
    let end = nt.to_original(norm.len()..norm.len());
    if end != (text.len()..text.len()) {
        return Err(format!("end of normalized text maps to {end:?}, not {}", text.len()));
    }
    let tok = tokenize(&nt);
    let mut prev_end = 0;
    for (k, t) in tok.tokens.iter().enumerate() {
        let n = &t.norm;
        if n.is_empty() || n.start < prev_end || n.end > norm.len() || !norm.is_char_boundary(n.start) || !norm.is_char_boundary(n.end) {
            return Err(format!("token {k}: bad normalized range {n:?}"));
        }
        prev_end = n.end;
        if t.span != nt.to_original(n.clone()) {
            return Err(format!("token {k}: span {:?} != to_original {:?}", t.span, nt.to_original(n.clone())));
        }
        let s = &t.span;
        if s.is_empty() || s.end > text.len() || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            return Err(format!("token {k}: bad original span {s:?}"));
        }
        let renorm = normalize(&text[s.clone()]);
        let want = &norm[n.clone()];
        // A token boundary may fall inside the expansion of one original character (the ligature
        // ﷺ expands to four words): then the original span holds more than the token.
        let prev_char = norm[..n.start].chars().next_back().map(|c| n.start - c.len_utf8());
        let next_char = norm[n.end..].chars().next().map(|c| n.end + c.len_utf8());
        let expanded = prev_char.is_some_and(|p| nt.to_original(p..n.start).start == s.start)
            || next_char.is_some_and(|q| nt.to_original(n.end..q).start < s.end);
        if renorm != want && !(expanded && renorm.contains(want)) {
            return Err(format!("token {k}: normalize(original {:?}) = {renorm:?} != normalized token {want:?}", &text[s.clone()]));
        }
    }
    let mut next_tok = 0;
    for (k, s) in tok.sentences.iter().enumerate() {
        if s.tokens.start != next_tok || s.tokens.is_empty() || s.tokens.end > tok.tokens.len() {
            return Err(format!("sentence {k}: token range {:?} does not continue at {next_tok}", s.tokens));
        }
        next_tok = s.tokens.end;
        let (f, l) = (&tok.tokens[s.tokens.start], &tok.tokens[s.tokens.end - 1]);
        if s.span != (f.span.start..l.span.end) || s.norm != (f.norm.start..l.norm.end) {
            return Err(format!("sentence {k}: span {:?} does not run from its first to its last token", s.span));
        }
    }
    if next_tok != tok.tokens.len() {
        return Err(format!("tokens {next_tok}.. belong to no sentence"));
    }
    Ok(())
}
