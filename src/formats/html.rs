//! A self-contained right-to-left HTML page: the article with its entities highlighted by type,
//! events as cards, and a map of the event locations drawn as inline SVG over Natural Earth country
//! outlines (embedded: `map_world.txt`, `map_region.txt`; no script, no network,
//! no external assets).
//!
//! Markup contract (what tests and scripts can rely on):
//! - `<html dir="rtl" lang="ar">`; every text is HTML-escaped; Latin and number runs are wrapped
//!   in `<bdi>` so that they keep their order inside Arabic text.
//! - every entity mention is a `<mark class="ent t-TYPE">` with `data-entity-id` (empty when the
//!   entity has none), `data-start`/`data-end` (code points of the original text), `data-type`
//!   and a `title` tooltip (canonical name, id, country); a mention split by an overlapping
//!   annotation is several `<mark>` pieces with the same attributes.
//! - every event is an `<article class="event">` card with `data-event-index` (0-based, the
//!   index in `Document::events`) and `data-type`; its trigger in the article is a
//!   `<span class="trig">` with `data-events` (space-separated indices).
//! - every document is a `<section class="doc">` with `id` `d<N>` and `data-doc-id`; sentences are
//!   `<span class="sent" id="d<N>-s<i>">`, event cards `id="d<N>-e<k>"` (link targets).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use super::{event_dates, quad_code, quad_name, Format, FormatWriter};
use crate::document::{Argument, Document, Event};
use crate::document::EntityType;
use crate::tokenize::Tokenized;

/// Placeholder for the section anchor, replaced by [`FormatWriter`] (`d1`, `d2`, ...). A control
/// character: [`esc`] drops those from every text, so it can never come from the input.
pub(crate) const ANCHOR: &str = "\u{1}";

/// One line of the document list.
#[derive(Debug, Clone)]
pub(crate) struct TocEntry {
    pub anchor: String,
    pub label: String,
    pub entities: usize,
    pub events: usize,
    pub error: bool,
}

/// One page for one document.
pub fn to_html(doc: &Document, text: &str) -> String {
    html_page(&[(doc, text)])
}

/// One page for several documents (with a document list linking to each one's section).
pub fn html_page(docs: &[(&Document, &str)]) -> String {
    let mut out = Vec::new();
    let mut w = FormatWriter::new(Format::Html);
    for (d, t) in docs {
        w.write(&mut out, &super::render(Format::Html, d, t)).expect("writing to memory");
    }
    w.finish(&mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// HTML-escapes `s` (text and attribute values alike) and drops control characters (other than
/// tab and line breaks), which HTML does not allow.
fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if c.is_control() => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn e(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc(s, &mut out);
    out
}

/// Escapes text and isolates its Latin and number runs (`It's Over 9000`, `2019-07-07`,
/// `S-300`) in `<bdi>`, so that neutral punctuation between them cannot reorder them.
fn esc_bidi(s: &str, out: &mut String) {
    let mut last = 0;
    for r in ltr_runs(s) {
        esc(&s[last..r.start], out);
        out.push_str("<bdi dir=\"ltr\">");
        esc(&s[r.clone()], out);
        out.push_str("</bdi>");
        last = r.end;
    }
    esc(&s[last..], out);
}

/// The Latin and number runs of `s` (byte ranges), with their inner spaces and separators.
fn ltr_runs(s: &str) -> Vec<Range<usize>> {
    static RUN: OnceLock<regex::Regex> = OnceLock::new();
    let re = RUN.get_or_init(|| {
        regex::Regex::new(r"[A-Za-z0-9\u00C0-\u024F]+(?:[ .,:/'’+\-]+[A-Za-z0-9\u00C0-\u024F]+)*%?")
            .expect("valid regex")
    });
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in re.find_iter(s) {
        if out.last().is_some_and(|l| m.start() < l.end) {
            continue;
        }
        // A Latin phrase keeps its own closing ! and ? ("It's Over 9000!"); a full stop after it
        // is more likely the Arabic sentence's and stays outside.
        let mut end = m.end();
        if m.as_str().bytes().any(|b| b.is_ascii_alphabetic()) {
            end += s[end..].bytes().take_while(|b| matches!(b, b'!' | b'?')).count();
        }
        out.push(m.start()..end);
    }
    out
}

fn bdi(s: &str) -> String {
    format!("<bdi>{}</bdi>", e(s))
}

// ---------------------------------------------------------------------------------------------
// Annotated text: nested inline elements over byte ranges of the original text.

struct Ann {
    start: usize,
    end: usize,
    layer: u8,
    open: String,
    close: &'static str,
}

/// Renders `text[range]` with the annotations as nested elements. Annotations are clipped to
/// the range; ones that are empty or not on character boundaries are skipped. When two overlap
/// without nesting, the inner one is closed and reopened (same tag, same attributes), so every
/// annotation is present and the markup stays well-formed.
fn annotated(text: &str, range: Range<usize>, anns: Vec<Ann>, out: &mut String) {
    let mut anns: Vec<Ann> = anns
        .into_iter()
        .filter_map(|mut a| {
            a.start = a.start.max(range.start);
            a.end = a.end.min(range.end);
            (a.start < a.end && text.is_char_boundary(a.start) && text.is_char_boundary(a.end)).then_some(a)
        })
        .collect();
    // Latin and number runs are isolated (innermost, so that they are split only when another
    // annotation starts or ends inside them).
    for r in ltr_runs(&text[range.clone()]) {
        anns.push(Ann {
            start: range.start + r.start,
            end: range.start + r.end,
            layer: 9,
            open: "<bdi dir=\"ltr\">".into(),
            close: "</bdi>",
        });
    }
    anns.sort_by_key(|a| (a.start, a.layer, std::cmp::Reverse(a.end)));
    let mut bounds: Vec<usize> = Vec::with_capacity(anns.len() * 2 + 2);
    bounds.push(range.start);
    bounds.push(range.end);
    for a in &anns {
        bounds.push(a.start);
        bounds.push(a.end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let key = |i: usize| (anns[i].layer, anns[i].start, std::cmp::Reverse(anns[i].end), i);
    let mut active: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0usize;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&i| anns[i].end > a);
        while next < anns.len() && anns[next].start <= a {
            if anns[next].end > a {
                active.push(next);
            }
            next += 1;
        }
        active.sort_by_key(|&i| key(i));
        let common = stack.iter().zip(&active).take_while(|(x, y)| x == y).count();
        while stack.len() > common {
            let i = stack.pop().expect("non-empty");
            out.push_str(anns[i].close);
        }
        for &i in &active[common..] {
            out.push_str(&anns[i].open);
            stack.push(i);
        }
        esc(&text[a..b], out);
    }
    while let Some(i) = stack.pop() {
        out.push_str(anns[i].close);
    }
}

// ---------------------------------------------------------------------------------------------
// Labels

fn type_ar(t: EntityType) -> &'static str {
    match t {
        EntityType::PER => "شخص",
        EntityType::ORG => "منظمة",
        EntityType::LOC => "مكان",
        EntityType::FAC => "منشأة",
        EntityType::NORP => "جنسية أو جماعة",
        EntityType::MISC => "أخرى",
    }
}

const TYPES: [EntityType; 6] =
    [EntityType::PER, EntityType::ORG, EntityType::LOC, EntityType::FAC, EntityType::NORP, EntityType::MISC];

fn event_ar(kind: &str) -> &'static str {
    match kind {
        "AGREE" => "اتفاق",
        "CONSULT" => "تشاور",
        "SUPPORT" => "دعم",
        "CONCEDE" => "تنازل",
        "COOPERATE" => "تعاون",
        "AID" => "مساعدة",
        "RETREAT" => "تراجع",
        "REQUEST" => "طلب",
        "ACCUSE" => "اتهام",
        "REJECT" => "رفض",
        "THREATEN" => "تهديد",
        "PROTEST" => "احتجاج",
        "SANCTION" => "عقوبة",
        "MOBILIZE" => "حشد",
        "COERCE" => "إكراه",
        "ASSAULT" => "اعتداء",
        _ => "",
    }
}

fn quad_ar(q: u8) -> &'static str {
    match q {
        1 => "تعاون لفظي",
        2 => "تعاون مادي",
        3 => "نزاع لفظي",
        4 => "نزاع مادي",
        _ => "غير مصنف",
    }
}

fn fmt_num(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Page

const CSS: &str = r#"
:root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;
--per:#9d174d;--per-bg:#fce7f3;--org:#1e40af;--org-bg:#dbeafe;--loc:#166534;--loc-bg:#dcfce7;
--fac:#92400e;--fac-bg:#fef3c7;--norp:#5b21b6;--norp-bg:#ede9fe;--misc:#374151;--misc-bg:#e5e7eb;
--q1:#0e7490;--q2:#15803d;--q3:#c2410c;--q4:#b91c1c}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;color:var(--ink);font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Scheherazade New","Arial","DejaVu Sans",sans-serif;
font-size:17px;line-height:1.9;display:flex;flex-direction:column}
bdi,.ltr{unicode-bidi:isolate}
code{font-family:"DejaVu Sans Mono",monospace;font-size:.8em;background:#eef1f4;padding:0 .25em;border-radius:3px}
.top{order:0;background:#24292f;color:#fff;padding:.7rem 1.4rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.6rem}
.top h1{margin:0;font-size:1.35rem;line-height:1.4}
.top .sub{color:#c9d1d9;font-size:.85rem}
.legend{display:flex;flex-wrap:wrap;gap:.35rem .5rem;align-items:center;font-size:.8rem;margin:0;padding:0;list-style:none}
.legend li{display:inline-flex;align-items:center;gap:.3rem}
.legend .sw{display:inline-block;width:.95rem;height:.95rem;border-radius:3px;border:2px solid}
.toc{order:1;margin:1rem 1.4rem 0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.5rem 1rem}
.toc h2{font-size:1rem;margin:.2rem 0}
.toc ol{margin:0;padding-inline-start:1.6rem;columns:3 16rem;font-size:.9rem}
.toc .err a{color:var(--q4)}
main{order:2;padding:0 1.4rem 1.4rem}
footer{order:3;color:var(--muted);font-size:.8rem;padding:.5rem 1.4rem 1.2rem}
.doc{margin-top:1rem;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.3rem}
.doc>h2{margin:0;font-size:1.2rem}
.meta{margin:.1rem 0 .8rem;color:var(--muted);font-size:.85rem}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,460px);gap:1.4rem;align-items:start}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.article{white-space:pre-wrap;overflow-wrap:anywhere;text-align:start;font-size:1.05rem;line-height:2.15}
.sent.has-ev{background:linear-gradient(transparent 90%,#f59e0b55 90%)}
.sent:target{background:#fff3b0;outline:2px solid #f59e0b;border-radius:3px}
mark.ent{color:inherit;border-radius:4px;padding:.05em .15em;border-bottom:2px solid;box-decoration-break:clone;-webkit-box-decoration-break:clone}
.t-PER{background:var(--per-bg);border-color:var(--per)!important}
.t-ORG{background:var(--org-bg);border-color:var(--org)!important}
.t-LOC{background:var(--loc-bg);border-color:var(--loc)!important}
.t-FAC{background:var(--fac-bg);border-color:var(--fac)!important}
.t-NORP{background:var(--norp-bg);border-color:var(--norp)!important}
.t-MISC{background:var(--misc-bg);border-color:var(--misc)!important}
.trig{font-weight:700;text-decoration:underline wavy var(--q4);text-underline-offset:.3em;text-decoration-thickness:1.5px}
.side h3{font-size:1rem;margin:.2rem 0 .4rem}
.map{width:100%;height:auto;display:block;background:#f0f6fc;border:1px solid var(--line);border-radius:8px}
.map .sea{fill:#eaf3fb}
.map .land{fill:#f6f3ea;stroke:#a9b4bf;stroke-width:.6;stroke-linejoin:round;fill-rule:nonzero}
.map .grid{stroke:#c8d3de;stroke-width:.5;stroke-opacity:.7}
.map .frame{fill:none;stroke:#8c959f;stroke-width:1}
.map .tick{font-size:9px;fill:var(--muted);font-family:"DejaVu Sans",sans-serif}
.map .lbl{font-size:11px;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.map circle{stroke:#fff;stroke-width:1.5;fill-opacity:.85}
.nomap{color:var(--muted);font-size:.9rem}
.events{display:flex;flex-direction:column;gap:.7rem}
.event{border:1px solid var(--line);border-inline-start:5px solid var(--q);border-radius:8px;padding:.5rem .8rem;background:#fff;font-size:.92rem;line-height:1.75}
.event:target{box-shadow:0 0 0 3px #f59e0b}
.q1{--q:var(--q1)}.q2{--q:var(--q2)}.q3{--q:var(--q3)}.q4{--q:var(--q4)}.q0{--q:#8c959f}
.ev-head{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem}
.ev-num{color:var(--muted);font-size:.8rem}
.ev-type{background:var(--q);color:#fff;border-radius:4px;padding:0 .45em;font-weight:700;font-size:.85rem}
.ev-quad{color:var(--q);font-size:.8rem}
.ev-mode,.ev-neg{border:1px solid var(--line);border-radius:10px;padding:0 .5em;font-size:.8rem}
.ev-neg{border-color:var(--q4);color:var(--q4)}
.ev-conf{margin-inline-start:auto;color:var(--muted);font-size:.8rem}
.dyad{margin:.3rem 0;font-weight:600;display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem .5rem}
.arrow{color:var(--q);font-weight:700}
.en{color:var(--muted);font-weight:400;font-size:.85em}
.none{color:var(--muted);font-weight:400}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 .7rem;margin:.2rem 0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
.nw{white-space:nowrap}
.places{list-style:none;margin:.3rem 0 .8rem;padding:0;display:flex;flex-wrap:wrap;gap:.1rem .9rem;font-size:.82rem}
.places a{color:inherit;text-decoration:none}
.places .dot{display:inline-block;width:.6rem;height:.6rem;border-radius:50%;margin-inline-end:.25rem}
.evidence{margin:.4rem 0 0;padding:.3rem .6rem;border-inline-start:3px solid #f59e0b;background:#fffbeb;border-radius:4px;font-size:.9rem;line-height:1.9}
.evidence .jump{font-size:.8rem;text-decoration:none;margin-inline-start:.3rem}
.hl-trig{background:#fecaca;font-weight:700;border-radius:3px}
.hl-actor{background:#bfdbfe;border-radius:3px}
.hl-recip{background:#fed7aa;border-radius:3px}
.hl-loc{background:#bbf7d0;border-radius:3px}
.hl-time{background:#e9d5ff;border-radius:3px}
.error .err{color:var(--q4)}
"#;

pub(crate) fn page_head() -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta name=\"generator\" content=\"khabar ");
    s.push_str(env!("CARGO_PKG_VERSION"));
    s.push_str("\">\n<title>khabar — الكيانات والأحداث</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n<header class=\"top\">\n<h1><bdi dir=\"ltr\">khabar</bdi> — الكيانات والأحداث</h1>\n");
    s.push_str("<ul class=\"legend\" aria-label=\"دليل الألوان\">");
    for t in TYPES {
        let _ = write!(
            s,
            "<li><span class=\"sw t-{0}\"></span>{1} <bdi dir=\"ltr\">{0}</bdi></li>",
            t.as_str(),
            type_ar(t)
        );
    }
    s.push_str("</ul>\n<ul class=\"legend\" aria-label=\"فئات الأحداث\">");
    for q in 1..=4u8 {
        let _ = write!(
            s,
            "<li><span class=\"sw\" style=\"background:var(--q{q});border-color:var(--q{q})\"></span>{} <bdi dir=\"ltr\">({})</bdi></li>",
            quad_ar(q),
            quad_name(q)
        );
    }
    s.push_str("<li><span class=\"trig\">كلمة الحدث</span></li><li><span class=\"sent has-ev\">جملة فيها حدث</span></li></ul>\n");
    s.push_str("<span class=\"sub\">مرّر المؤشر فوق كيان لرؤية اسمه المعياري ومعرّفه وبلده</span>\n</header>\n<main>\n");
    s
}

pub(crate) fn page_tail(toc: &[TocEntry]) -> String {
    let mut s = String::from("</main>\n");
    if toc.len() > 1 {
        let _ = write!(
            s,
            "<nav class=\"toc\" aria-label=\"المستندات\"><h2>المستندات (<bdi dir=\"ltr\">{}</bdi>)</h2><ol>",
            toc.len()
        );
        for t in toc {
            let label = if t.label.is_empty() { format!("مستند {}", &t.anchor[1..]) } else { t.label.clone() };
            if t.error {
                let _ = write!(s, "<li class=\"err\"><a href=\"#{}\">{}</a> — خطأ</li>", t.anchor, bdi(&label));
            } else {
                let _ = write!(
                    s,
                    "<li><a href=\"#{}\">{}</a> <span class=\"ev-num\">(<bdi dir=\"ltr\">{}</bdi> كيان، <bdi dir=\"ltr\">{}</bdi> حدث)</span></li>",
                    t.anchor,
                    bdi(&label),
                    t.entities,
                    t.events
                );
            }
        }
        s.push_str("</ol></nav>\n");
    }
    s.push_str("<footer>أُنشئت بواسطة <bdi dir=\"ltr\">khabar ");
    s.push_str(env!("CARGO_PKG_VERSION"));
    s.push_str("</bdi>: استخراج قائم على القواعد؛ كل حدث يذكر القاعدة التي أنتجته.</footer>\n</body>\n</html>\n");
    s
}

pub(crate) fn error_section(id: Option<&str>, message: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<section class=\"doc error\" id=\"{ANCHOR}\" data-doc-id=\"{}\"><h2>{}</h2><p class=\"err\">تعذّرت معالجة هذا المدخل: {}</p></section>",
        e(id.unwrap_or("")),
        bdi(id.unwrap_or("?")),
        bdi(message)
    );
    s
}

fn entity_title(ent: &crate::document::Entity) -> String {
    let mut t = String::new();
    t.push_str(ent.name.as_deref().unwrap_or(&ent.span.text));
    let _ = write!(t, "\nid: {}", ent.entity_id.as_deref().unwrap_or("—"));
    let _ = write!(t, "\ncountry: {}", ent.country.as_deref().unwrap_or("—"));
    let _ = write!(t, "\ntype: {} ({})", ent.kind.as_str(), source_name(ent.source));
    if let Some(c) = &ent.clitic {
        let _ = write!(t, "\nclitic: {c}");
    }
    t
}

fn source_name(s: crate::document::EntitySource) -> &'static str {
    match s {
        crate::document::EntitySource::Gazetteer => "gazetteer",
        crate::document::EntitySource::Title => "title",
        crate::document::EntitySource::Pattern => "pattern",
        crate::document::EntitySource::Model => "model",
    }
}

/// The section of one document (its anchor is [`ANCHOR`], set by the writer), over the
/// sentences of `tk`, the tokens of `text` (the extraction's own, or made by [`super::render`]).
pub(crate) fn section_with(doc: &Document, text: &str, tk: &Tokenized) -> String {
    let sentence_of = |byte: usize| -> Option<usize> {
        let i = tk.sentences.partition_point(|s| s.span.end <= byte);
        tk.sentences.get(i).filter(|s| s.span.start <= byte).map(|_| i)
    };
    let ev_sent: Vec<Option<usize>> = doc
        .events
        .iter()
        .map(|ev| {
            ev.evidence.first().and_then(|s| sentence_of(s.bytes.start)).or_else(|| sentence_of(ev.trigger.bytes.start))
        })
        .collect();

    let mut s = String::with_capacity(text.len() * 3 + 4096);
    let label = doc.id.clone().unwrap_or_default();
    let _ = write!(s, "<section class=\"doc\" id=\"{ANCHOR}\" data-doc-id=\"{}\">\n<h2>", e(&label));
    if label.is_empty() {
        s.push_str("مستند");
    } else {
        s.push_str(&bdi(&label));
    }
    s.push_str("</h2>\n<p class=\"meta\">");
    if let Some(d) = &doc.date {
        let _ = write!(s, "تاريخ الخبر: {} · ", bdi(d));
    }
    let _ = write!(
        s,
        "<bdi dir=\"ltr\">{}</bdi> إشارة إلى كيانات · <bdi dir=\"ltr\">{}</bdi> حدث</p>\n<div class=\"cols\">\n<div class=\"article\" lang=\"ar\">",
        doc.entities.len(),
        doc.events.len()
    );

    // The article.
    let mut anns = Vec::new();
    let has_ev: std::collections::HashSet<usize> = ev_sent.iter().flatten().copied().collect();
    let mut prev_end = 0usize;
    for (i, sent) in tk.sentences.iter().enumerate() {
        // The sentence with its opening and closing punctuation ("«...»", "الأربعة.", "9000!").
        let head = text.get(prev_end..sent.span.start).unwrap_or("");
        let start = match head.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
            Some((k, c)) => prev_end + k + c.len_utf8(),
            None => prev_end.max(sent.span.start - head.len()),
        };
        let next = tk.sentences.get(i + 1).map_or(text.len(), |n| n.span.start);
        let tail = text.get(sent.span.end..next).unwrap_or("");
        let end = sent.span.end + tail.find(char::is_whitespace).unwrap_or(tail.len());
        prev_end = end;
        anns.push(Ann {
            start,
            end,
            layer: 0,
            open: format!(
                "<span class=\"sent{}\" id=\"{ANCHOR}-s{i}\" data-sentence=\"{i}\">",
                if has_ev.contains(&i) { " has-ev" } else { "" }
            ),
            close: "</span>",
        });
    }
    for ent in &doc.entities {
        anns.push(Ann {
            start: ent.span.bytes.start,
            end: ent.span.bytes.end,
            layer: 1,
            open: format!(
                "<mark class=\"ent t-{t}\" data-entity-id=\"{}\" data-start=\"{}\" data-end=\"{}\" data-type=\"{t}\" title=\"{}\">",
                e(ent.entity_id.as_deref().unwrap_or("")),
                ent.span.start,
                ent.span.end,
                e(&entity_title(ent)),
                t = ent.kind.as_str(),
            ),
            close: "</mark>",
        });
    }
    let mut triggers: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (k, ev) in doc.events.iter().enumerate() {
        triggers.entry((ev.trigger.bytes.start, ev.trigger.bytes.end)).or_default().push(k);
    }
    for ((a, b), ks) in &triggers {
        let idx: Vec<String> = ks.iter().map(|k| k.to_string()).collect();
        let title: Vec<String> = ks
            .iter()
            .map(|&k| {
                let ev = &doc.events[k];
                format!("#{} {}{}", k + 1, ev.kind, ev.mode.as_deref().map(|m| format!(" · {m}")).unwrap_or_default())
            })
            .collect();
        anns.push(Ann {
            start: *a,
            end: *b,
            layer: 2,
            open: format!("<span class=\"trig\" data-events=\"{}\" title=\"{}\">", idx.join(" "), e(&title.join("\n"))),
            close: "</span>",
        });
    }
    annotated(text, 0..text.len(), anns, &mut s);
    s.push_str("</div>\n<aside class=\"side\">\n");

    // Map and events.
    s.push_str("<h3>خريطة مواقع الأحداث</h3>\n");
    map_svg(doc, &mut s);
    let _ = write!(s, "<h3>الأحداث (<bdi dir=\"ltr\">{}</bdi>)</h3>\n<div class=\"events\">\n", doc.events.len());
    for (k, ev) in doc.events.iter().enumerate() {
        card(doc, text, k, ev, ev_sent[k], &mut s);
    }
    if doc.events.is_empty() {
        s.push_str("<p class=\"nomap\">لم يُستخرج أي حدث من هذا النص.</p>\n");
    }
    s.push_str("</div>\n</aside>\n</div>\n</section>\n");
    s
}

fn arg_html(a: Option<&Argument>, class: &str, s: &mut String) {
    match a {
        None => {
            let _ = write!(s, "<span class=\"arg {class} none\">غير محدد</span>");
        }
        Some(a) => {
            let mut title = a.name.clone().unwrap_or_else(|| a.span.text.clone());
            if let Some(id) = &a.entity_id {
                let _ = write!(title, "\nid: {id}");
            }
            if let Some(c) = &a.country {
                let _ = write!(title, "\ncountry: {c}");
            }
            let _ = write!(s, "<span class=\"arg {class}\" title=\"{}\">", e(&title));
            esc_bidi(&a.span.text, s);
            if let Some(n) = &a.name {
                let _ = write!(s, " <bdi dir=\"ltr\" class=\"en\">{}</bdi>", e(n));
            }
            s.push_str("</span>");
        }
    }
}

fn evidence_range(ev: &Event, text: &str) -> Option<Range<usize>> {
    if let Some(sp) = ev.evidence.first() {
        if text.get(sp.bytes.clone()).is_some() {
            return Some(sp.bytes.clone());
        }
    }
    let t = ev.trigger.bytes.clone();
    text.get(t.clone())?;
    let a = text[..t.start].rfind('\n').map_or(0, |i| i + 1);
    let b = text[t.end..].find('\n').map_or(text.len(), |i| t.end + i);
    Some(a..b)
}

fn card(doc: &Document, text: &str, k: usize, ev: &Event, sent: Option<usize>, s: &mut String) {
    let q = quad_code(&ev.kind).unwrap_or(0);
    let _ = write!(
        s,
        "<article class=\"event q{q}{}\" id=\"{ANCHOR}-e{k}\" data-event-index=\"{k}\" data-type=\"{}\">\n<div class=\"ev-head\">",
        if ev.negated { " negated" } else { "" },
        e(&ev.kind)
    );
    let _ = write!(s, "<span class=\"ev-num\"><bdi dir=\"ltr\">#{}</bdi></span>", k + 1);
    let _ = write!(s, "<span class=\"ev-type\"><bdi dir=\"ltr\">{}</bdi>", e(&ev.kind));
    let ar = event_ar(&ev.kind);
    if !ar.is_empty() {
        let _ = write!(s, " · {ar}");
    }
    s.push_str("</span>");
    if q > 0 {
        let _ = write!(s, "<span class=\"ev-quad\">{}</span>", quad_ar(q));
    }
    if let Some(m) = &ev.mode {
        let _ = write!(s, "<span class=\"ev-mode\">{}</span>", bdi(m));
    }
    if ev.negated {
        s.push_str("<span class=\"ev-neg\">منفي</span>");
    }
    let _ = write!(
        s,
        "<span class=\"ev-conf\" title=\"confidence\">الثقة {}</span>",
        bdi(&fmt_num(ev.confidence as f64, 2))
    );
    s.push_str("</div>\n<div class=\"dyad\">");
    arg_html(ev.actor.as_ref(), "actor", s);
    s.push_str("<span class=\"arrow\" aria-hidden=\"true\">←</span>");
    arg_html(ev.recipient.as_ref(), "recipient", s);
    s.push_str("</div>\n<dl class=\"facts\">");
    s.push_str("<dt>المكان</dt><dd>");
    match &ev.location {
        None => s.push_str("<span class=\"none\">غير محدد</span>"),
        Some(l) => {
            esc_bidi(&l.span.text, s);
            if let Some(n) = &l.name {
                let _ = write!(s, " <bdi dir=\"ltr\" class=\"en\">{}</bdi>", e(n));
            }
            if let (Some(lat), Some(lon)) = (l.geo.lat, l.geo.lon) {
                let _ = write!(s, " <bdi dir=\"ltr\" class=\"en\">({}, {})</bdi>", fmt_num(lat, 2), fmt_num(lon, 2));
            }
        }
    }
    s.push_str("</dd><dt>التاريخ</dt><dd>");
    let (date, end) = event_dates(doc, ev);
    match (&ev.time, date) {
        (Some(t), d) => {
            esc_bidi(&t.span.text, s);
            if let Some(d) = d {
                let d = match end {
                    Some(b) => format!("{d}/{b}"),
                    None => d,
                };
                let _ = write!(s, " ← <bdi dir=\"ltr\" class=\"nw\">{}</bdi>", e(&d));
            }
        }
        (None, Some(d)) => {
            let _ = write!(s, "{} <span class=\"none\">(تاريخ الخبر)</span>", bdi(&d));
        }
        (None, None) => s.push_str("<span class=\"none\">غير معروف</span>"),
    }
    s.push_str("</dd>");
    if let Some(r) = &ev.reported_by {
        s.push_str("<dt>المصدر</dt><dd>");
        esc_bidi(&r.text, s);
        s.push_str("</dd>");
    }
    s.push_str("<dt>قاعدة الاستخراج</dt><dd>");
    let _ = write!(s, "<bdi dir=\"ltr\"><code>{}</code></bdi>", e(&ev.rule));
    if let Some(c) = &ev.cameo {
        let _ = write!(s, " · <bdi dir=\"ltr\" class=\"nw\">CAMEO {}</bdi>", e(c));
    }
    s.push_str("</dd></dl>\n<blockquote class=\"evidence\">");
    if let Some(r) = evidence_range(ev, text) {
        let mut anns = Vec::new();
        let mut push = |a: Option<&Range<usize>>, class: &str| {
            if let Some(a) = a {
                anns.push(Ann {
                    start: a.start,
                    end: a.end,
                    layer: 1,
                    open: format!("<span class=\"{class}\">"),
                    close: "</span>",
                });
            }
        };
        push(Some(&ev.trigger.bytes), "hl-trig");
        push(ev.actor.as_ref().map(|a| &a.span.bytes), "hl-actor");
        push(ev.recipient.as_ref().map(|a| &a.span.bytes), "hl-recip");
        push(ev.location.as_ref().map(|a| &a.span.bytes), "hl-loc");
        push(ev.time.as_ref().map(|a| &a.span.bytes), "hl-time");
        annotated(text, r, anns, s);
    } else {
        esc_bidi(&ev.trigger.text, s);
    }
    if ev.evidence.len() > 1 {
        let _ =
            write!(s, " <span class=\"none nw\">(+<bdi dir=\"ltr\">{}</bdi> جملة أخرى)</span>", ev.evidence.len() - 1);
    }
    if let Some(i) = sent {
        let _ = write!(s, "<a class=\"jump\" href=\"#{ANCHOR}-s{i}\" title=\"في النص\">↩ في النص</a>");
    }
    s.push_str("</blockquote>\n</article>\n");
}

/// Country outlines (Natural Earth via world-atlas, public domain; `tools/build_map.py`): the
/// world at 1:110m and the region most news is about at 1:50m. One ring per line,
/// `country<TAB>lon,lat ...` in hundredths of a degree.
const WORLD_OUTLINES: &str = include_str!("map_world.txt");
const REGION_OUTLINES: &str = include_str!("map_region.txt");
/// The box of `REGION_OUTLINES` (lon0, lat0, lon1, lat1), as in `tools/build_map.py`.
const REGION_BOX: [f64; 4] = [-20.0, -5.0, 80.0, 50.0];

/// One country ring: bounding box (lon0, lat0, lon1, lat1) and points (lon, lat).
struct Ring {
    bbox: [f32; 4],
    pts: Vec<(f32, f32)>,
}

fn parse_outlines(data: &str) -> Vec<Ring> {
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let Some((_, coords)) = line.split_once('\t') else { continue };
        let pts: Vec<(f32, f32)> = coords
            .split(' ')
            .filter_map(|p| {
                let (x, y) = p.split_once(',')?;
                Some((x.parse::<f32>().ok()? / 100.0, y.parse::<f32>().ok()? / 100.0))
            })
            .collect();
        if pts.len() < 3 {
            continue;
        }
        let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for &(x, y) in &pts {
            bbox = [bbox[0].min(x), bbox[1].min(y), bbox[2].max(x), bbox[3].max(y)];
        }
        out.push(Ring { bbox, pts });
    }
    out
}

/// The outlines for a view: the detailed region when the view lies inside it, else the world.
fn outlines_for(lon_lo: f64, lat_lo: f64, lon_hi: f64, lat_hi: f64) -> &'static [Ring] {
    static WORLD: OnceLock<Vec<Ring>> = OnceLock::new();
    static REGION: OnceLock<Vec<Ring>> = OnceLock::new();
    let [x0, y0, x1, y1] = REGION_BOX;
    if lon_lo >= x0 && lon_hi <= x1 && lat_lo >= y0 && lat_hi <= y1 {
        REGION.get_or_init(|| parse_outlines(REGION_OUTLINES))
    } else {
        WORLD.get_or_init(|| parse_outlines(WORLD_OUTLINES))
    }
}

/// An equirectangular map of the event locations: country outlines, lon/lat graticule, one
/// circle per place (linked to its first event card, tooltip listing the events) and labels
/// placed where they overlap no circle and no other label.
fn map_svg(doc: &Document, s: &mut String) {
    struct Place<'a> {
        lat: f64,
        lon: f64,
        loc: &'a Argument,
        events: Vec<usize>,
    }
    let mut places: Vec<Place> = Vec::new();
    for (k, ev) in doc.events.iter().enumerate() {
        let Some(l) = &ev.location else { continue };
        let (Some(lat), Some(lon)) = (l.geo.lat, l.geo.lon) else { continue };
        if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
            continue;
        }
        match places.iter_mut().find(|p| (p.lat - lat).abs() < 1e-6 && (p.lon - lon).abs() < 1e-6) {
            Some(p) => p.events.push(k),
            None => places.push(Place { lat, lon, loc: l, events: vec![k] }),
        }
    }
    if places.is_empty() {
        s.push_str("<p class=\"nomap\">لا توجد إحداثيات لمواقع الأحداث.</p>\n");
        return;
    }
    const W: f64 = 440.0;
    const H: f64 = 260.0;
    const ML: f64 = 36.0; // left margin (latitude labels)
    const MB: f64 = 18.0; // bottom margin (longitude labels)
    const MT: f64 = 8.0;
    const MR: f64 = 8.0;
    let (pw, ph) = (W - ML - MR, H - MT - MB);
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in &places {
        lat0 = lat0.min(p.lat);
        lat1 = lat1.max(p.lat);
        lon0 = lon0.min(p.lon);
        lon1 = lon1.max(p.lon);
    }
    let (clat, clon) = ((lat0 + lat1) / 2.0, (lon0 + lon1) / 2.0);
    let k = clat.to_radians().cos().max(0.2); // x shrink of the equirectangular projection
    let dlat = ((lat1 - lat0) * 1.5).max(6.0);
    let dlon = ((lon1 - lon0) * 1.5).max(6.0);
    // One scale (px per projected degree) for both axes; widen the smaller extent to fill the box.
    let scale = (pw / (dlon * k)).min(ph / dlat);
    let dlon = (pw / (scale * k)).min(360.0);
    let dlat = (ph / scale).min(180.0);
    let lat_lo = (clat - dlat / 2.0).clamp(-90.0, 90.0 - dlat);
    let lon_lo = (clon - dlon / 2.0).clamp(-180.0, 180.0 - dlon);
    let (lat_hi, lon_hi) = (lat_lo + dlat, lon_lo + dlon);
    let x = |lon: f64| ML + (lon - lon_lo) / dlon * pw;
    let y = |lat: f64| MT + (lat_hi - lat) / dlat * ph;
    let step = |span: f64| {
        [0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0]
            .into_iter()
            .find(|st| span / st <= 6.0)
            .unwrap_or(90.0)
    };
    let _ = write!(
        s,
        "<svg class=\"map\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" direction=\"ltr\" xmlns=\"http://www.w3.org/2000/svg\"><title>مواقع الأحداث</title>"
    );
    let _ = write!(s, "<rect class=\"sea\" x=\"{ML}\" y=\"{MT}\" width=\"{pw}\" height=\"{ph}\"/>");
    // Land: every ring that meets the view, as one path in a nested <svg> that clips it to the
    // frame (no url() reference: the page holds no links to resources); consecutive points
    // closer than a tenth of a pixel are dropped.
    let _ = write!(
        s,
        "<svg x=\"{ML}\" y=\"{MT}\" width=\"{pw}\" height=\"{ph}\" viewBox=\"{ML} {MT} {pw} {ph}\"><path class=\"land\" d=\""
    );
    let margin = 1.0;
    for ring in outlines_for(lon_lo, lat_lo, lon_hi, lat_hi) {
        let [a, b, c, d] = ring.bbox.map(f64::from);
        if c < lon_lo - margin || a > lon_hi + margin || d < lat_lo - margin || b > lat_hi + margin {
            continue;
        }
        let mut last = (f64::NAN, f64::NAN);
        for (i, &(lon, lat)) in ring.pts.iter().enumerate() {
            let (px, py) = ((x(f64::from(lon)) * 10.0).round() / 10.0, (y(f64::from(lat)) * 10.0).round() / 10.0);
            if (px, py) == last {
                continue;
            }
            let _ = write!(s, "{}{px} {py}", if i == 0 { "M" } else { "L" });
            last = (px, py);
        }
        s.push('Z');
    }
    s.push_str("\"/></svg>");
    let st = step(dlon);
    let mut g = (lon_lo / st).ceil() * st;
    while g <= lon_hi + 1e-9 {
        let gx = x(g);
        let lbl = format!(
            "{}°{}",
            fmt_num(g.abs(), 1),
            if g > 0.0 {
                "E"
            } else if g < 0.0 {
                "W"
            } else {
                ""
            }
        );
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{gx:.1}\" y1=\"{MT}\" x2=\"{gx:.1}\" y2=\"{:.1}\"/><text class=\"tick\" x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{lbl}</text>",
            MT + ph,
            H - 5.0
        );
        g += st;
    }
    let st = step(dlat);
    let mut g = (lat_lo / st).ceil() * st;
    while g <= lat_hi + 1e-9 {
        let gy = y(g);
        let lbl = format!(
            "{}°{}",
            fmt_num(g.abs(), 1),
            if g > 0.0 {
                "N"
            } else if g < 0.0 {
                "S"
            } else {
                ""
            }
        );
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{ML}\" y1=\"{gy:.1}\" x2=\"{:.1}\" y2=\"{gy:.1}\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{lbl}</text>",
            ML + pw,
            ML - 3.0,
            gy + 3.0
        );
        g += st;
    }
    let _ = write!(s, "<rect class=\"frame\" x=\"{ML}\" y=\"{MT}\" width=\"{pw}\" height=\"{ph}\"/>");
    // Larger circles first, so small ones stay clickable on top.
    places.sort_by(|a, b| b.events.len().cmp(&a.events.len()).then(a.events[0].cmp(&b.events[0])));
    let color = |p: &Place| match p.events.iter().filter_map(|&k| quad_code(&doc.events[k].kind)).max().unwrap_or(0) {
        1 => "#0e7490",
        2 => "#15803d",
        3 => "#c2410c",
        4 => "#b91c1c",
        _ => "#8c959f",
    };
    let radius = |p: &Place| 4.5 + 2.0 * ((p.events.len() - 1) as f64).sqrt();
    // Boxes already taken (circles, then labels): a label goes right, left, above or below its
    // circle, wherever it overlaps nothing; when nothing fits it is left out (the tooltip and
    // the list under the map still name the place).
    let mut taken: Vec<[f64; 4]> = places
        .iter()
        .map(|p| {
            let (cx, cy, r) = (x(p.lon), y(p.lat), radius(p));
            [cx - r, cy - r, cx + r, cy + r]
        })
        .collect();
    let mut labels: Vec<Option<(f64, f64, &str)>> = Vec::with_capacity(places.len());
    for (i, p) in places.iter().enumerate() {
        let (cx, cy, r) = (x(p.lon), y(p.lat), radius(p));
        let name = p.loc.name.as_deref().unwrap_or(&p.loc.span.text);
        let w = 6.4 * name.chars().count() as f64;
        let h = 12.0;
        // Right, left, above, below, then the four diagonals.
        let d = r * std::f64::consts::FRAC_1_SQRT_2 + 2.0;
        let candidates = [
            (cx + r + 3.0, cy + 4.0, "start", [cx + r + 3.0, cy - h / 2.0, cx + r + 3.0 + w, cy + h / 2.0]),
            (cx - r - 3.0, cy + 4.0, "end", [cx - r - 3.0 - w, cy - h / 2.0, cx - r - 3.0, cy + h / 2.0]),
            (cx, cy - r - 4.0, "middle", [cx - w / 2.0, cy - r - 4.0 - h + 3.0, cx + w / 2.0, cy - r - 1.0]),
            (cx, cy + r + 12.0, "middle", [cx - w / 2.0, cy + r + 1.0, cx + w / 2.0, cy + r + 13.0]),
            (cx + d, cy - d, "start", [cx + d, cy - d - h + 3.0, cx + d + w, cy - d + 3.0]),
            (cx - d, cy - d, "end", [cx - d - w, cy - d - h + 3.0, cx - d, cy - d + 3.0]),
            (cx + d, cy + d + 9.0, "start", [cx + d, cy + d, cx + d + w, cy + d + h]),
            (cx - d, cy + d + 9.0, "end", [cx - d - w, cy + d, cx - d, cy + d + h]),
        ];
        let fits = |b: &[f64; 4]| {
            b[0] >= ML
                && b[2] <= ML + pw
                && b[1] >= MT
                && b[3] <= MT + ph
                && taken
                    .iter()
                    .enumerate()
                    .all(|(j, t)| j == i || b[2] <= t[0] || b[0] >= t[2] || b[3] <= t[1] || b[1] >= t[3])
        };
        match candidates.iter().find(|c| fits(&c.3)) {
            Some(&(lx, ly, anchor, bx)) => {
                taken.push(bx);
                labels.push(Some((lx, ly, anchor)));
            }
            None => labels.push(None),
        }
    }
    for (p, label) in places.iter().zip(&labels) {
        let (cx, cy, r) = (x(p.lon), y(p.lat), radius(p));
        let mut tip = p.loc.span.text.clone();
        if let Some(n) = &p.loc.name {
            let _ = write!(tip, " — {n}");
        }
        let _ = write!(tip, " ({}, {})", fmt_num(p.lat, 2), fmt_num(p.lon, 2));
        for &k in &p.events {
            let ev = &doc.events[k];
            let _ = write!(tip, "\n#{} {}", k + 1, ev.kind);
        }
        let _ = write!(
            s,
            "<a href=\"#{ANCHOR}-e{}\" class=\"pt\" data-events=\"{}\"><title>{}</title><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r:.1}\" fill=\"{}\"/>",
            p.events[0],
            p.events.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(" "),
            e(&tip),
            color(p)
        );
        if let Some((lx, ly, anchor)) = label {
            let name = p.loc.name.as_deref().unwrap_or(&p.loc.span.text);
            let _ = write!(
                s,
                "<text class=\"lbl\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text>",
                e(name)
            );
        }
        s.push_str("</a>");
    }
    s.push_str("</svg>\n<ul class=\"places\">");
    for p in &places {
        let _ = write!(
            s,
            "<li><a href=\"#{ANCHOR}-e{}\"><span class=\"dot\" style=\"background:{}\"></span>",
            p.events[0],
            color(p)
        );
        esc_bidi(&p.loc.span.text, s);
        if let Some(n) = &p.loc.name {
            let _ = write!(s, " <bdi dir=\"ltr\" class=\"en\">{}</bdi>", e(n));
        }
        let _ = write!(s, " <bdi dir=\"ltr\" class=\"en\">×{}</bdi></a></li>", p.events.len());
    }
    s.push_str("</ul>\n");
}

#[cfg(test)]
mod map_tests {
    use super::*;

    /// Even-odd point-in-ring test.
    fn inside(r: &Ring, (x, y): (f32, f32)) -> bool {
        let mut c = false;
        for (i, &(x1, y1)) in r.pts.iter().enumerate() {
            let (x0, y0) = r.pts[(i + r.pts.len() - 1) % r.pts.len()];
            if (y1 > y) != (y0 > y) && x < (x0 - x1) * (y - y1) / (y0 - y1) + x1 {
                c = !c;
            }
        }
        c
    }

    #[test]
    fn outlines_cover_the_places_they_should() {
        let world = parse_outlines(WORLD_OUTLINES);
        let region = parse_outlines(REGION_OUTLINES);
        assert!(world.len() > 200 && region.len() > 150, "{} / {}", world.len(), region.len());
        // Land: Damascus, Sanaa, Baghdad, Cairo (region); Osaka, Moscow, Lima (world).
        for p in [(36.29, 33.51), (44.21, 15.35), (44.40, 33.34), (31.24, 30.04)] {
            assert!(region.iter().any(|r| inside(r, p)), "{p:?} not on land in the region outlines");
        }
        for p in [(135.50, 34.69), (37.62, 55.75), (-77.04, -12.05)] {
            assert!(world.iter().any(|r| inside(r, p)), "{p:?} not on land in the world outlines");
        }
        // Sea: the Mediterranean, the Red Sea, the Gulf.
        for p in [(18.0, 34.0), (38.0, 21.0), (51.5, 27.0)] {
            assert!(!region.iter().any(|r| inside(r, p)), "{p:?} is sea");
        }
        // No ring jumps across the map (the antimeridian is cut in tools/build_map.py).
        for r in world.iter().chain(&region) {
            assert!(r.pts.windows(2).all(|w| (w[0].0 - w[1].0).abs() < 90.0));
        }
    }

    #[test]
    fn map_draws_land_inside_its_frame_and_stays_small() {
        let ex = crate::Extractor::new();
        let doc = ex.extract("وشنت إسرائيل غارات على مواقع في سوريا، وقصفت الطائرات مواقع في صنعاء.", None);
        assert!(doc.events.iter().any(|e| e.location.is_some()), "{:?}", doc.events);
        let mut s = String::new();
        map_svg(&doc, &mut s);
        let land = s.split("<path class=\"land\" d=\"").nth(1).expect("a land path").split('"').next().unwrap();
        assert!(land.matches('M').count() > 20, "several countries in view");
        assert!(s.len() < 60_000, "the map of one region stays small: {} bytes", s.len());
        // Points are in page coordinates inside a nested <svg> that clips to the frame.
        assert!(s.contains("<svg x=\"36\" y=\"8\""));
    }
}
