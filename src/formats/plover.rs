//! PLOVER records (PLOVER manual, chapter "Data Fields"): one JSON object per event.
//!
//! Field names are the manual's: `id`, `date`, `enddate`, `actor`, `recipient`, `event`, `mode`,
//! `context`, `event_loc`, `event_text`, `quad_code`, `event_scale`, `text`, `text_info`, `coder`;
//! entity objects use `entity_text`, `code`, `sector`, `identifier_id`, `identifier_text`;
//! the location object `extracted_place`, `resolved_place`, `geonameid`, `lat`, `lon`, `province`,
//! `country`, `country_code`. khabar adds (as the manual allows) `story_id`, `cameo`, `negated`,
//! `reported_by`, `rule`, `confidence`, `trigger`, code-point `start`/`end` on entities and places,
//! and `restated` (later sentences that report the same event).
//!
//! Conventions:
//! - `event`, `mode`, `context`, `event_text`, `actor`, `recipient` are lists, as in the manual;
//!   khabar emits one record per dyad, so `actor` and `recipient` hold at most one entity.
//! - `date` is the resolved date of the event's time expression (a range `a/b` gives `date` a
//!   and `enddate` b), else the document date.
//! - `context` carries the manual's auxiliary mode `negation` for denied events (khabar does not
//!   classify the topical contexts).
//! - `code` is the ISO 3166 alpha-3 country (or the manual's non-state code: `IMG`, `IGO`, ...);
//!   `country` in `event_loc` is the English country name and `country_code` its alpha-3 code.
//! - `quad_code` and `event_scale`: see [`quad_code`] and [`plover_score`].

use serde::Serialize;

use super::{country_code, country_name, event_dates, event_id, evidence, sector, story_id};
use crate::document::{Argument, Document, Event};

/// A PLOVER event record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverRecord {
    /// Unique id: `<document id>-<event number>`.
    pub id: String,
    /// Event date `YYYY-MM-DD` (the event's time, else the document date).
    pub date: Option<String>,
    /// End date of a date range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enddate: Option<String>,
    /// Who acted (at most one entity: one record per dyad).
    pub actor: Vec<PloverEntity>,
    /// To whom (empty when unknown).
    pub recipient: Vec<PloverEntity>,
    /// The PLOVER event category.
    pub event: Vec<String>,
    /// The PLOVER mode, when known.
    pub mode: Vec<String>,
    /// Contexts: `negation` (auxiliary mode) for denied events.
    pub context: Vec<String>,
    /// Where the event happened.
    pub event_loc: Option<PloverLocation>,
    /// The trigger words.
    pub event_text: Vec<String>,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_code: Option<u8>,
    /// PLOVER conflict–cooperation score (−10 … +10).
    pub event_scale: Option<f64>,
    /// The sentence the event was coded from.
    pub text: String,
    /// Where that sentence is.
    pub text_info: TextInfo,
    /// `khabar <version>`.
    pub coder: String,
    /// khabar: the document id (or the content hash used in `id`).
    pub story_id: String,
    /// khabar: CAMEO code.
    pub cameo: Option<String>,
    /// khabar: the sentence denies the event.
    pub negated: bool,
    /// khabar: who reports the event ("وفق البيان").
    pub reported_by: Option<String>,
    /// khabar: the rule that fired.
    pub rule: String,
    /// khabar: confidence 0–1.
    pub confidence: f32,
    /// khabar: the trigger span (code points of the original text).
    pub trigger: PloverSpan,
    /// khabar: later sentences that restate the event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub restated: Vec<PloverSpan>,
}

/// An actor or recipient (manual: "Information object for entities").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverEntity {
    /// The mention.
    pub entity_text: String,
    /// ISO alpha-3 country or non-state code (`IMG`, `IGO`, `UNO`, ...).
    pub code: Option<String>,
    /// Sector (`GOV`, `MIL`, `REB`, ...).
    pub sector: Option<String>,
    /// Gazetteer id (a Wikidata QID where known).
    pub identifier_id: Option<String>,
    /// Canonical English name.
    pub identifier_text: Option<String>,
    /// khabar: the CAMEO-style actor code (`SYRMIL`, `IMGMUSALQ`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo_code: Option<String>,
    /// khabar: code-point start of the mention.
    pub start: usize,
    /// khabar: code-point end of the mention.
    pub end: usize,
}

/// The location of an event (manual: "Location object").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverLocation {
    /// The place name as written.
    pub extracted_place: String,
    /// Canonical English name.
    pub resolved_place: Option<String>,
    /// GeoNames id.
    pub geonameid: Option<u64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// First-level division.
    pub province: Option<String>,
    /// English country name.
    pub country: Option<String>,
    /// ISO alpha-3 country code.
    pub country_code: Option<String>,
    /// khabar: code-point start of the mention.
    pub start: usize,
    /// khabar: code-point end of the mention.
    pub end: usize,
}

/// Where the coded sentence is (manual: "Information object for text").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextInfo {
    /// Sentence index in the document.
    pub sequence: usize,
    /// Code-point start in the original text.
    pub start: usize,
    /// Code-point end in the original text.
    pub end: usize,
}

/// A span of the original text (code points).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverSpan {
    /// Start.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Text.
    pub text: String,
}

/// The quad class of a PLOVER event type, numbered as CAMEO's QuadClass:
/// 1 verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE), 2 material cooperation (COOPERATE,
/// AID, RETREAT), 3 verbal conflict (REQUEST, ACCUSE, REJECT, THREATEN), 4 material conflict
/// (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT). The categories are the "Quad category" of
/// each type in the PLOVER manual.
pub fn quad_code(kind: &str) -> Option<u8> {
    Some(match kind.to_ascii_uppercase().as_str() {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

/// The name of a quad class.
pub fn quad_name(quad: u8) -> &'static str {
    match quad {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "unknown",
    }
}

/// The PLOVER conflict–cooperation score of a type and mode (manual, table "PLOVER
/// conflict–cooperation scores"; the mode's score when the table lists it, else the type's).
/// The table prints ACCUSE as `3`; khabar uses −3, the sign of its modes (−2 … −3.5) and of the
/// earlier table (−2.0).
pub fn plover_score(kind: &str, mode: Option<&str>) -> Option<f64> {
    let kind = kind.to_ascii_uppercase();
    if let Some(m) = mode {
        let m = m.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let s = match (kind.as_str(), m.as_str()) {
            ("CONSULT", "visit") => Some(4.0),
            ("CONSULT", "third-party") => Some(1.0),
            ("CONSULT", "multilateral") => Some(4.0),
            ("CONSULT", "phone") => Some(1.5),
            ("RETREAT", "withdraw") => Some(8.0),
            ("RETREAT", "release") => Some(6.5),
            ("RETREAT", "disarm") => Some(10.0),
            ("RETREAT", "ceasefire") => Some(7.5),
            ("RETREAT", "access") => Some(6.5),
            ("RETREAT", "resign") => Some(4.5),
            ("REQUEST", "assist") => Some(0.5),
            ("REQUEST", "change") | ("REQUEST", "yield") => Some(-1.0),
            ("REQUEST", "meet") => Some(0.0),
            ("ACCUSE", "disapprove") => Some(-2.0),
            ("ACCUSE", "investigate") | ("ACCUSE", "allege") => Some(-3.5),
            ("REJECT", "assist") => Some(-1.5),
            ("REJECT", "change") | ("REJECT", "yield") | ("REJECT", "meet") => Some(-2.0),
            ("THREATEN", "restrict") => Some(-3.0),
            ("THREATEN", "arrest") | ("THREATEN", "relations") | ("THREATEN", "expel") | ("THREATEN", "violence") => {
                Some(-3.5)
            }
            ("THREATEN", "territory") => Some(-4.0),
            ("PROTEST", "demo") | ("PROTEST", "demonstrate") | ("PROTEST", "strike") => Some(-5.0),
            ("PROTEST", "riot") => Some(-7.0),
            ("PROTEST", "hunger") | ("PROTEST", "boycott") | ("PROTEST", "obstruct") => Some(-4.5),
            ("SANCTION", "convict") | ("SANCTION", "withdraw") | ("SANCTION", "discontinue") => Some(-6.0),
            ("SANCTION", "expel") => Some(-5.5),
            ("MOBILIZE", "troops") | ("MOBILIZE", "weapons") => Some(-6.5),
            ("MOBILIZE", "police") => Some(-5.5),
            ("MOBILIZE", "militia") => Some(-6.0),
            ("COERCE", "seize") | ("COERCE", "restrict") | ("COERCE", "arrest") | ("COERCE", "deport") => Some(-7.0),
            ("COERCE", "withhold") | ("COERCE", "cyber") => Some(-7.0),
            ("COERCE", "censor") | ("COERCE", "curfew") | ("COERCE", "misinformation") => Some(-6.5),
            ("COERCE", "martial-law") => Some(-7.5),
            ("ASSAULT", "abduct") | ("ASSAULT", "torture") | ("ASSAULT", "sexual") | ("ASSAULT", "destroy") => {
                Some(-8.5)
            }
            ("ASSAULT", "beat") | ("ASSAULT", "crowd-control") => Some(-7.5),
            ("ASSAULT", "targeted") | ("ASSAULT", "suicide-attack") | ("ASSAULT", "aerial") => Some(-9.5),
            ("ASSAULT", "drone") | ("ASSAULT", "heavy-weapons") => Some(-9.5),
            ("ASSAULT", "primitive") => Some(-8.0),
            ("ASSAULT", "firearms") | ("ASSAULT", "explosives") => Some(-9.0),
            ("ASSAULT", "unconventional") => Some(-10.0),
            _ => None,
        };
        if s.is_some() {
            return s;
        }
    }
    Some(match kind.as_str() {
        "AGREE" | "CONSULT" => 2.5,
        "SUPPORT" => 5.0,
        "CONCEDE" => 4.5,
        "COOPERATE" => 9.5,
        "AID" => 10.0,
        "RETREAT" => 6.5,
        "REQUEST" => 0.0,
        "ACCUSE" => -3.0,
        "REJECT" => -2.0,
        "THREATEN" => -3.5,
        "PROTEST" => -5.0,
        "SANCTION" => -6.0,
        "MOBILIZE" => -5.5,
        "COERCE" => -7.0,
        "ASSAULT" => -9.0,
        _ => return None,
    })
}

fn entity(doc: &Document, a: &Argument) -> PloverEntity {
    PloverEntity {
        entity_text: a.span.text.clone(),
        code: country_code(a),
        sector: sector(doc, a),
        identifier_id: a.entity_id.clone(),
        identifier_text: a.name.clone(),
        cameo_code: a.code.clone(),
        start: a.span.start,
        end: a.span.end,
    }
}

fn location(a: &Argument) -> PloverLocation {
    let code = a.country.clone();
    PloverLocation {
        extracted_place: a.span.text.clone(),
        resolved_place: a.name.clone(),
        geonameid: a.geo.geonames_id,
        lat: a.geo.lat,
        lon: a.geo.lon,
        province: a.geo.admin1.clone(),
        country: code.as_deref().and_then(country_name).map(str::to_string),
        country_code: code,
        start: a.span.start,
        end: a.span.end,
    }
}

fn record(doc: &Document, text: &str, index: usize, ev: &Event) -> PloverRecord {
    let (date, enddate) = event_dates(doc, ev);
    let (start, end, sentence) = evidence(ev, text);
    PloverRecord {
        id: event_id(doc, text, index),
        date,
        enddate,
        actor: ev.actor.iter().map(|a| entity(doc, a)).collect(),
        recipient: ev.recipient.iter().map(|a| entity(doc, a)).collect(),
        event: vec![ev.kind.to_string()],
        mode: ev.mode.iter().cloned().collect(),
        context: ev
            .negated
            .then(|| "negation".to_string())
            .into_iter()
            .chain((ev.status != crate::document::Status::Reported).then(|| ev.status.as_str().to_string()))
            .collect(),
        event_loc: ev.location.as_ref().map(location),
        event_text: vec![ev.trigger.text.clone()],
        quad_code: quad_code(&ev.kind),
        event_scale: plover_score(&ev.kind, ev.mode.as_deref()),
        text: sentence,
        text_info: TextInfo { sequence: ev.sentence, start, end },
        coder: concat!("khabar ", env!("CARGO_PKG_VERSION")).to_string(),
        story_id: story_id(doc, text),
        cameo: ev.cameo.clone(),
        negated: ev.negated,
        reported_by: ev.reported_by.as_ref().map(|s| s.text.clone()),
        rule: ev.rule.clone(),
        confidence: ev.confidence,
        trigger: PloverSpan { start: ev.trigger.start, end: ev.trigger.end, text: ev.trigger.text.clone() },
        restated: ev
            .evidence
            .iter()
            .skip(1)
            .map(|s| PloverSpan { start: s.start, end: s.end, text: s.text.clone() })
            .collect(),
    }
}

/// The PLOVER records of a document, one per event, in event order.
pub fn plover_records(doc: &Document, text: &str) -> Vec<PloverRecord> {
    doc.events.iter().enumerate().map(|(i, ev)| record(doc, text, i, ev)).collect()
}

/// The PLOVER records of a document as JSON lines (each line ends with `\n`; empty when the
/// document has no events).
pub fn to_plover(doc: &Document, text: &str) -> String {
    let mut out = String::new();
    for r in plover_records(doc, text) {
        out.push_str(&serde_json::to_string(&r).expect("records serialize"));
        out.push('\n');
    }
    out
}
