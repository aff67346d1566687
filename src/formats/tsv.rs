//! A POLECAT-like TSV: a header line, then one row per event.
//!
//! The first 19 columns follow POLECAT's names; khabar adds 10 more at the end ([`TSV_COLUMNS`]).
//! Countries are English names (`Syria`) when khabar knows them, else the ISO alpha-3 code;
//! `Quad Code` is 1–4 as in [`super::quad_code`]; `Event Text` is the evidence sentence;
//! `Contexts` is `negation` for denied events; multi-valued cells use `|`.
//!
//! Escaping keeps one row per line (so `wc -l`, `cut`, `awk` and line-based readers work):
//! inside a field `\` is written `\\`, a tab `\t`, a line feed `\n` and a carriage return `\r`
//! (the PostgreSQL `COPY` text convention); nothing else is quoted, so `"` stays literal.
//! [`tsv_unescape`] reverses it; in pandas read with `sep="\t", quoting=csv.QUOTE_NONE` and
//! unescape the text columns.

use super::{country_name, event_dates, event_id, evidence, plover_score, quad_code, sector, story_id};
use crate::document::{Argument, Document};

/// The column names, in order.
pub const TSV_COLUMNS: [&str; 29] = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Quad Code",
    "Actor Name",
    "Actor Country",
    "Actor Sector",
    "Recipient Name",
    "Recipient Country",
    "Recipient Sector",
    "Placename",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Event Text",
    "Story ID",
    // khabar
    "Event Intensity",
    "Contexts",
    "Actor ID",
    "Actor Name Raw",
    "Recipient ID",
    "Recipient Name Raw",
    "Trigger",
    "CAMEO Code",
    "Rule",
    "Confidence",
];

/// Escapes one field: `\` → `\\`, tab → `\t`, line feed → `\n`, carriage return → `\r`.
pub fn tsv_escape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses [`tsv_escape`] (unknown escapes are kept as they are).
pub fn tsv_unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut it = field.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn country(code: Option<&str>) -> String {
    match code {
        Some(c) => country_name(c).unwrap_or(c).to_string(),
        None => String::new(),
    }
}

fn num(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map(|v| v.to_string()).unwrap_or_default()
}

fn name(a: Option<&Argument>) -> String {
    a.map(|a| a.name.clone().unwrap_or_else(|| a.span.text.clone())).unwrap_or_default()
}

/// The rows of a document (no header), one per event, each ending with `\n`.
pub fn tsv_rows(doc: &Document, text: &str) -> String {
    let mut out = String::new();
    for (i, ev) in doc.events.iter().enumerate() {
        let (date, _) = event_dates(doc, ev);
        let (_, _, sentence) = evidence(ev, text);
        let actor = ev.actor.as_ref();
        let recipient = ev.recipient.as_ref();
        let loc = ev.location.as_ref();
        let actor_country = actor.and_then(super::country_code);
        let recipient_country = recipient.and_then(super::country_code);
        let fields: [String; 29] = [
            event_id(doc, text, i),
            date.unwrap_or_default(),
            ev.kind.to_string(),
            ev.mode.clone().unwrap_or_default(),
            quad_code(&ev.kind).map(|q| q.to_string()).unwrap_or_default(),
            name(actor),
            country(actor_country.as_deref()),
            actor.and_then(|a| sector(doc, a)).unwrap_or_default(),
            name(recipient),
            country(recipient_country.as_deref()),
            recipient.and_then(|a| sector(doc, a)).unwrap_or_default(),
            name(loc),
            country(loc.and_then(|l| l.country.as_deref())),
            num(loc.and_then(|l| l.geo.lat)),
            num(loc.and_then(|l| l.geo.lon)),
            loc.and_then(|l| l.geo.geonames_id).map(|g| g.to_string()).unwrap_or_default(),
            loc.map(|l| l.span.text.clone()).unwrap_or_default(),
            sentence,
            story_id(doc, text),
            num(plover_score(&ev.kind, ev.mode.as_deref())),
            [ev.negated.then_some("negation"), (ev.status != crate::document::Status::Reported).then(|| ev.status.as_str())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(","),
            actor.and_then(|a| a.entity_id.clone()).unwrap_or_default(),
            actor.map(|a| a.span.text.clone()).unwrap_or_default(),
            recipient.and_then(|a| a.entity_id.clone()).unwrap_or_default(),
            recipient.map(|a| a.span.text.clone()).unwrap_or_default(),
            ev.trigger.text.clone(),
            ev.cameo.clone().unwrap_or_default(),
            ev.rule.clone(),
            ev.confidence.to_string(),
        ];
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push('\t');
            }
            out.push_str(&tsv_escape(f));
        }
        out.push('\n');
    }
    out
}

/// The header line and the rows of one document.
pub fn to_tsv(doc: &Document, text: &str) -> String {
    let mut out = TSV_COLUMNS.join("\t");
    out.push('\n');
    out.push_str(&tsv_rows(doc, text));
    out
}
