//! Output formats besides JSON: PLOVER records, a POLECAT-like TSV, CoNLL BIO tokens and a
//! self-contained right-to-left HTML page.
//!
//! Every format is a function of the [`Document`] *and the original text* it was extracted from
//! (CoNLL needs the tokens, HTML the article, PLOVER and TSV fall back on the text for the
//! evidence sentence):
//!
//! ```
//! let ex = khabar::Extractor::new();
//! let text = "وشنت إسرائيل غارات على مواقع إيران في سوريا.";
//! let doc = ex.extract(text, khabar::parse_date("2019-07-07").ok());
//! let conll = khabar::formats::to_conll(&doc, text);
//! assert!(conll.lines().any(|l| l == "إسرائيل B-LOC"));
//! let html = khabar::formats::to_html(&doc, text);
//! assert!(html.contains(r#"<html dir="rtl" lang="ar">"#));
//! ```
//!
//! | function | output |
//! |---|---|
//! | [`to_plover`] / [`plover_records`] | one PLOVER JSON record per event, one per line ([`PloverRecord`]) |
//! | [`to_tsv`] / [`tsv_rows`] | a header ([`TSV_COLUMNS`]) and one row per event, backslash-escaped ([`tsv_escape`]) |
//! | [`to_conll`] | `token LABEL` lines (ANERcorp labels), a blank line after each sentence |
//! | [`to_html`] / [`html_page`] | one HTML page (one section per document) |
//!
//! For streams of documents (the CLI), [`render`] turns one document into a [`Rendered`] piece
//! (thread-safe, run it in parallel) and a [`FormatWriter`] writes the pieces in order with what
//! the format needs once (the TSV header, the HTML head, document list and footer).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::OnceLock;

use crate::analysis::Analysis;
use crate::document::{Argument, Document, Event};
use crate::normalize::NormalizedText;
use crate::tokenize::tokenize;
use crate::tsv::Table;

mod conll;
mod html;
mod plover;
mod tsv;

pub use conll::{conll_label, to_conll};
pub use html::{html_page, to_html};
pub use plover::{
    plover_records, plover_score, quad_code, quad_name, to_plover, PloverEntity, PloverLocation, PloverRecord,
    PloverSpan, TextInfo,
};
pub use tsv::{to_tsv, tsv_escape, tsv_rows, tsv_unescape, TSV_COLUMNS};

/// The formats of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// PLOVER JSON records, one per event and line.
    Plover,
    /// POLECAT-like tab-separated values, one row per event.
    Tsv,
    /// CoNLL tokens with BIO entity labels.
    Conll,
    /// One self-contained HTML page.
    Html,
}

/// One document (or one bad input) rendered in a [`Format`], ready for a [`FormatWriter`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    format: Format,
    body: String,
    entry: Entry,
}

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Doc { label: String, entities: usize, events: usize },
    Error { id: Option<String>, message: String },
}

impl Rendered {
    /// The rendered text of this piece (HTML: the document's section, without its anchor).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The error message, when this piece stands for an input that could not be read.
    pub fn error(&self) -> Option<&str> {
        match &self.entry {
            Entry::Error { message, .. } => Some(message),
            Entry::Doc { .. } => None,
        }
    }
}

/// Renders one document with its original text. Pure and thread-safe: run it in parallel and
/// hand the pieces to a [`FormatWriter`] in input order. CoNLL and HTML tokenize `text`;
/// [`crate::Extractor::extract_rendered`] renders from the extraction's own analysis instead.
pub fn render(format: Format, doc: &Document, text: &str) -> Rendered {
    let tokens = || tokenize(&NormalizedText::new(text));
    let body = match format {
        Format::Plover => to_plover(doc, text),
        Format::Tsv => tsv_rows(doc, text),
        Format::Conll => conll::conll(doc, text, &tokens()),
        Format::Html => html::section_with(doc, text, &tokens()),
    };
    rendered(format, doc, body)
}

/// [`render`] from the analysis the document was extracted from (no second tokenization).
pub(crate) fn render_analyzed(format: Format, doc: &Document, a: &Analysis<'_>) -> Rendered {
    let text = a.text();
    let body = match format {
        Format::Plover => to_plover(doc, text),
        Format::Tsv => tsv_rows(doc, text),
        Format::Conll => conll::conll(doc, text, &a.tok),
        Format::Html => html::section_with(doc, text, &a.tok),
    };
    rendered(format, doc, body)
}

fn rendered(format: Format, doc: &Document, body: String) -> Rendered {
    let label = doc.id.clone().unwrap_or_default();
    Rendered { format, body, entry: Entry::Doc { label, entities: doc.entities.len(), events: doc.events.len() } }
}

/// Renders an input that could not be processed (bad JSONL line, unreadable file).
///
/// `record` is the error record of the JSONL contract, `{"id": ..., "error": "...", "line": N}`.
/// PLOVER writes it as it is (one line, so a PLOVER stream keeps one line per bad input); HTML
/// shows it as a section of the page; TSV and CoNLL have no place for it: [`FormatWriter::finish`]
/// returns those messages so that the caller reports them (the CLI prints them on stderr).
pub fn render_error(format: Format, record: &serde_json::Value) -> Rendered {
    let id = match record.get("id") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let message = record.get("error").and_then(|e| e.as_str()).unwrap_or("error").to_string();
    let body = match format {
        Format::Plover => format!("{record}\n"),
        Format::Html => html::error_section(id.as_deref(), &message),
        Format::Tsv | Format::Conll => String::new(),
    };
    Rendered { format, body, entry: Entry::Error { id, message } }
}

/// Writes rendered pieces in order, adding what a format needs once: the TSV header line, the
/// HTML head, legend, document list and closing tags, the CoNLL `-DOCSTART- O` line before each
/// document.
///
/// ```
/// use khabar::formats::{render, Format, FormatWriter};
/// let ex = khabar::Extractor::new();
/// let texts = ["شنت إسرائيل غارات على سوريا.", "التقى بوتين أردوغان في موسكو."];
/// let mut out = Vec::new();
/// let mut w = FormatWriter::new(Format::Html);
/// for t in texts {
///     w.write(&mut out, &render(Format::Html, &ex.extract(t, None), t)).unwrap();
/// }
/// assert!(w.finish(&mut out).unwrap().is_empty());
/// let page = String::from_utf8(out).unwrap();
/// assert_eq!(page.matches("<section class=\"doc\"").count(), 2);
/// ```
#[derive(Debug)]
pub struct FormatWriter {
    format: Format,
    started: bool,
    seq: usize,
    toc: Vec<html::TocEntry>,
    errors: Vec<String>,
}

impl FormatWriter {
    /// A writer for one output stream.
    pub fn new(format: Format) -> Self {
        FormatWriter { format, started: false, seq: 0, toc: Vec::new(), errors: Vec::new() }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            match self.format {
                Format::Tsv => {
                    out.write_all(TSV_COLUMNS.join("\t").as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Format::Html => out.write_all(html::page_head().as_bytes())?,
                Format::Plover | Format::Conll => {}
            }
        }
        Ok(())
    }

    /// Writes one piece (a document or an error) made by [`render`] or [`render_error`].
    pub fn write(&mut self, out: &mut dyn Write, piece: &Rendered) -> io::Result<()> {
        debug_assert_eq!(piece.format, self.format, "piece rendered for another format");
        self.start(out)?;
        self.seq += 1;
        let seq = self.seq;
        match (&piece.entry, self.format) {
            (Entry::Error { id, message }, Format::Tsv | Format::Conll) => {
                self.errors.push(match id {
                    Some(id) => format!("{message} (id {id:?}: no output in this format)"),
                    None => format!("{message} (no output in this format)"),
                });
                Ok(())
            }
            (_, Format::Html) => {
                let anchor = format!("d{seq}");
                let (label, entities, events, error) = match &piece.entry {
                    Entry::Doc { label, entities, events } => (label.clone(), *entities, *events, false),
                    Entry::Error { id, .. } => (id.clone().unwrap_or_default(), 0, 0, true),
                };
                self.toc.push(html::TocEntry { anchor: anchor.clone(), label, entities, events, error });
                let body = piece.body.replace(html::ANCHOR, &anchor);
                out.write_all(body.as_bytes())
            }
            (Entry::Doc { .. }, Format::Conll) => {
                out.write_all(b"-DOCSTART- O\n\n")?;
                out.write_all(piece.body.as_bytes())
            }
            _ => out.write_all(piece.body.as_bytes()),
        }
    }

    /// Finishes the stream (TSV: the header even when there were no events; HTML: the document
    /// list and the closing tags). Returns the error messages the format could not carry (TSV,
    /// CoNLL), for the caller to report.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<Vec<String>> {
        self.start(out)?;
        if self.format == Format::Html {
            out.write_all(html::page_tail(&self.toc).as_bytes())?;
        }
        Ok(std::mem::take(&mut self.errors))
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the formats.

/// The id of an event: `<document id>-<1-based event number>`; documents without an id get a
/// stable content hash of their text (`kh<16 hex digits>`), so ids never depend on run order.
pub(crate) fn event_id(doc: &Document, text: &str, index: usize) -> String {
    format!("{}-{}", story_id(doc, text), index + 1)
}

/// The document id, or a stable hash of the text when it has none.
pub(crate) fn story_id(doc: &Document, text: &str) -> String {
    match &doc.id {
        Some(id) => id.clone(),
        None => {
            // FNV-1a, 64 bits: stable across platforms and releases.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in text.as_bytes() {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("kh{h:016x}")
        }
    }
}

/// The event date and end date: the resolved time of the event (`a/b` ranges split), else the
/// document date.
pub(crate) fn event_dates(doc: &Document, ev: &Event) -> (Option<String>, Option<String>) {
    if let Some(d) = ev.time.as_ref().and_then(|t| t.date.as_deref()) {
        return match d.split_once('/') {
            Some((a, b)) => (Some(a.to_string()), Some(b.to_string())),
            None => (Some(d.to_string()), None),
        };
    }
    (doc.date.clone(), None)
}

/// The evidence sentence of an event: the first evidence span, else the line of the original
/// text around the trigger. Returns (code-point start, code-point end, text).
pub(crate) fn evidence(ev: &Event, text: &str) -> (usize, usize, String) {
    if let Some(s) = ev.evidence.first() {
        return (s.start, s.end, s.text.clone());
    }
    let t = &ev.trigger;
    if text.get(t.bytes.clone()).is_some() {
        let a = text[..t.bytes.start].rfind('\n').map_or(0, |i| i + 1);
        let b = text[t.bytes.end..].find('\n').map_or(text.len(), |i| t.bytes.end + i);
        let line = text[a..b].trim();
        if !line.is_empty() {
            let lead = text[a..b].len() - text[a..b].trim_start().len();
            let start = text[..a + lead].chars().count();
            return (start, start + line.chars().count(), line.to_string());
        }
    }
    (t.start, t.end, t.text.clone())
}

/// The PLOVER sector codes (manual, "Sector Codes").
const SECTORS: &[&str] = &[
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL", "EDU",
    "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
];

/// The international non-state "country" codes of PLOVER (manual, table "International
/// Non-state actor names").
const NONSTATE: &[&str] = &["IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"];

/// The sector of an argument: the sector of the entity mention it was made from, else the
/// sector part of its CAMEO-style code (`SYRMIL` → `MIL`, `REB` → `REB`).
pub(crate) fn sector(doc: &Document, arg: &Argument) -> Option<String> {
    let from_entity = doc
        .entities
        .iter()
        .find(|e| e.span.bytes == arg.span.bytes && e.sector.is_some())
        .or_else(|| {
            arg.entity_id
                .as_ref()
                .and_then(|id| doc.entities.iter().find(|e| e.entity_id.as_ref() == Some(id) && e.sector.is_some()))
        })
        .and_then(|e| e.sector.clone());
    if from_entity.is_some() {
        return from_entity;
    }
    let code = arg.code.as_deref()?;
    if code.len() == 3 && SECTORS.contains(&code) {
        return Some(code.to_string());
    }
    let rest = code.get(3..6)?;
    SECTORS.contains(&rest).then(|| rest.to_string())
}

/// The PLOVER "code" of an argument: its ISO alpha-3 country, else the non-state code its
/// CAMEO-style code starts with (`IMGMUSALQ` → `IMG`).
pub(crate) fn country_code(arg: &Argument) -> Option<String> {
    if let Some(c) = &arg.country {
        return Some(c.clone());
    }
    let code = arg.code.as_deref()?;
    let head = code.get(..3)?;
    NONSTATE.contains(&head).then(|| head.to_string())
}

/// The English name of an ISO alpha-3 country (from the embedded `nationalities.tsv` and
/// `entities/countries.tsv`), or the non-state name of a PLOVER non-state code.
pub fn country_name(alpha3: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut m: HashMap<String, String> = HashMap::new();
        for (code, name) in [
            ("IGO", "International Governmental Organization"),
            ("UNO", "United Nations"),
            ("EUR", "European Union"),
            ("NGO", "Non-governmental Organization"),
            ("ISM", "International Social Movement"),
            ("IMG", "Transnational Militarized Group"),
            ("MNC", "Multi-national Corporation"),
        ] {
            m.insert(code.into(), name.into());
        }
        // Through the one data-file reader; the embedded files are checked by the gazetteer's
        // own tests, so a file that does not parse here only costs its names.
        for file in ["nationalities.tsv", "entities/countries.tsv"] {
            let Some((_, content)) = crate::gazetteer::EMBEDDED.iter().find(|(n, _)| *n == file) else { continue };
            let Ok(table) = Table::parse(file, content, &["country", "name"]) else { continue };
            for row in table.rows() {
                let (code, name) = (row.get("country"), row.get("name"));
                if code.len() == 3 && !name.is_empty() {
                    m.entry(code.to_string()).or_insert_with(|| name.to_string());
                }
            }
        }
        m
    });
    names.get(alpha3).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_names_come_from_the_shipped_files() {
        assert_eq!(country_name("SYR"), Some("Syria"));
        assert_eq!(country_name("IMG"), Some("Transnational Militarized Group"));
        assert_eq!(country_name("XYZ"), None);
    }
}
