//! Output formats (`khabar::formats`): PLOVER records, POLECAT-like TSV, CoNLL, HTML — their
//! content, not just that they run. A small gazetteer and trigger list are supplied in the
//! tests (no embedded defaults), so that the expected entities do not depend on the shipped data.

use std::process::Command;

use khabar::formats::{self, Format, FormatWriter, TSV_COLUMNS};
use khabar::{Argument, Document, Entity, EntitySource, EntityType, Event, Extractor, GeoFields, Span, TimeArg};
use serde_json::Value;

const ENTITIES: &str = "# test gazetteer\n\
id\ttype\tname\taliases\tcountry\tcode\tsector\tgeonames_id\tlat\tlon\tcountry_code\n\
Q7747\tPER\tVladimir Putin\tبوتين|فلاديمير بوتين\tRUS\tRUSGOV\tGOV\t\t\t\t\n\
Q22686\tPER\tDonald Trump\tترامب|دونالد ترامب\tUSA\tUSAGOV\tGOV\t\t\t\t\n\
geonames:294640\tLOC\tIsrael\tإسرائيل\tISR\tISR\t\t294640\t31.76904\t35.21633\tIL\n\
geonames:130758\tLOC\tIran\tإيران\tIRN\tIRN\t\t130758\t35.69439\t51.42151\tIR\n\
geonames:163843\tLOC\tSyria\tسوريا|سورية\tSYR\tSYR\t\t163843\t33.5102\t36.29128\tSY\n\
geonames:1853909\tLOC\tOsaka\tأوساكا\tJPN\t\t\t1853909\t34.69374\t135.50218\tJP\n\
kh:west-jerusalem\tLOC\tWest Jerusalem\tالقدس الغربية\tISR\t\t\t\t31.78\t35.2\tIL\n";

const TRIGGERS: &str = "# test triggers\n\
id\ttype\tmode\tcameo\tpos\tlemma\timperfect\tforms\tconstraints\tconfidence\n\
test.airstrike\tASSAULT\taerial\t195\tnoun\t\t\tغارة|غارات\t\t0.8\n\
test.meet\tCONSULT\tmeet\t040\tverb\tاجتمع\tيجتمع\tاجتمعا\t\t0.7\n";

/// Two sentences of the seed article (`../shared/eval/dev/seed_article.txt`).
const SEED_ASSAULT: &str = "ولوحظ أن إسرائيل شنت غارات على مواقع إيران في سوريا هي الأعنف منذ مايو (أيار) الماضي بعد أيام على الاجتماع الثلاثي في القدس الغربية.";
const SEED_MEET: &str =
    "الجدير بالذكر أن بوتين وترامب اجتمعا على هامش \"قمة العشرين\" في أوساكا اليابانية الأسبوع الماضي.";

fn extractor() -> Extractor {
    Extractor::builder()
        .defaults(false)
        .gazetteer_data("entities/test.tsv", ENTITIES)
        .gazetteer_data("events/triggers.tsv", TRIGGERS)
        .build()
        .expect("test gazetteer loads")
}

fn extract(id: &str, text: &str) -> Document {
    let input = khabar::Input::new(text).with_id(id).with_date(khabar::parse_date("2019-07-07").ok());
    extractor().extract_input(&input)
}

/// A span of `needle` (its `nth` occurrence) in `text`.
fn span(text: &str, needle: &str, nth: usize) -> Span {
    let b = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} not in text")).0;
    let start = text[..b].chars().count();
    Span { start, end: start + needle.chars().count(), text: needle.to_string(), bytes: b..b + needle.len() }
}

/// Records built by hand start from extracted ones (struct update syntax), so that fields the
/// library adds later keep their extracted values.
struct Bases {
    doc: Document,
    entity: Entity,
    event: Event,
    arg: Argument,
}

fn bases() -> Bases {
    let doc = extract("base", SEED_ASSAULT);
    let event = doc.events.iter().find(|e| e.location.is_some()).expect("the airstrike has a place").clone();
    let arg = event.location.clone().unwrap();
    let entity = doc.entities[0].clone();
    Bases { doc, entity, event, arg }
}

fn arg(
    base: &Argument,
    text: &str,
    needle: &str,
    id: &str,
    name: &str,
    country: Option<&str>,
    code: Option<&str>,
) -> Argument {
    Argument {
        span: span(text, needle, 0),
        entity_id: Some(id.into()),
        name: Some(name.into()),
        country: country.map(Into::into),
        code: code.map(Into::into),
        geo: GeoFields::default(),
        ..base.clone()
    }
}

#[allow(clippy::needless_update)] // the `..base` keeps fields the library may add later
/// A hand-made document that exercises every field: negation, a date range, a non-state actor,
/// sectors only on the entity, a place with geo fields, two evidence sentences.
fn handmade() -> (Document, String) {
    let text = "قال البيان إن تنظيم داعش لم يهاجم قوات النظام في حلب\tأمس.\nوأكد البيان الهجوم.".to_string();
    let t = text.as_str();
    let b = bases();
    let aleppo_geo = GeoFields {
        geonames_id: Some(170063),
        lat: Some(36.20124),
        lon: Some(37.16117),
        country_code: Some("SY".into()),
        admin1: Some("Aleppo".into()),
    };
    let entity = |needle: &str,
                  kind,
                  id: &str,
                  name: &str,
                  country: Option<&str>,
                  code: Option<&str>,
                  sector: Option<&str>,
                  geo: GeoFields| Entity {
        span: span(t, needle, 0),
        kind,
        entity_id: Some(id.into()),
        name: Some(name.into()),
        country: country.map(Into::into),
        clitic: None,
        source: EntitySource::Gazetteer,
        code: code.map(Into::into),
        sector: sector.map(Into::into),
        geo,
        sentence: 0,
        ..b.entity.clone()
    };
    let entities = vec![
        entity(
            "داعش",
            EntityType::ORG,
            "Q2429253",
            "Islamic State",
            None,
            Some("IMGMUSISI"),
            None,
            GeoFields::default(),
        ),
        entity(
            "قوات النظام",
            EntityType::ORG,
            "kh:syria-army",
            "Syrian Arab Army",
            Some("SYR"),
            Some("SYRMIL"),
            Some("MIL"),
            GeoFields::default(),
        ),
        entity("حلب", EntityType::LOC, "geonames:170063", "Aleppo", Some("SYR"), None, None, aleppo_geo.clone()),
    ];
    let first = t.split('\n').next().unwrap();
    let second = t.split('\n').nth(1).unwrap();
    let ev = Event {
        kind: khabar::PloverType::Assault,
        mode: None,
        cameo: Some("190".into()),
        trigger: span(t, "يهاجم", 0),
        actor: Some(arg(&b.arg, t, "داعش", "Q2429253", "Islamic State", None, Some("IMGMUSISI"))),
        recipient: Some(arg(
            &b.arg,
            t,
            "قوات النظام",
            "kh:syria-army",
            "Syrian Arab Army",
            Some("SYR"),
            Some("SYRMIL"),
        )),
        location: Some(Argument {
            geo: aleppo_geo,
            ..arg(&b.arg, t, "حلب", "geonames:170063", "Aleppo", Some("SYR"), None)
        }),
        time: Some(TimeArg { span: span(t, "أمس", 0), date: Some("2019-07-06/2019-07-06".into()) }),
        negated: true,
        reported_by: Some(span(t, "قال البيان", 0)),
        sentence: 0,
        rule: "test.rule".into(),
        confidence: 0.75,
        evidence: vec![span(t, first.trim_end_matches('.'), 0), span(t, second.trim_end_matches('.'), 0)],
        ..b.event.clone()
    };
    let mut doc = b.doc;
    doc.id = Some("doc\t\"1\"".into());
    doc.date = Some("2019-07-07".into());
    doc.entities = entities;
    doc.events = vec![ev];
    (doc, text)
}

// ---------------------------------------------------------------------------------------------
// PLOVER

#[test]
fn plover_record_for_the_seed_airstrike_sentence() {
    let doc = extract("seed-0001", SEED_ASSAULT);
    let ev_idx = doc.events.iter().position(|e| e.kind == "ASSAULT").expect("the airstrike sentence yields ASSAULT");
    let ev = &doc.events[ev_idx];
    let out = formats::to_plover(&doc, SEED_ASSAULT);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), doc.events.len(), "one line per event");
    let rec: Value = serde_json::from_str(lines[ev_idx]).expect("each line is one JSON object");
    // The manual's field names.
    for key in [
        "id",
        "date",
        "actor",
        "recipient",
        "event",
        "mode",
        "context",
        "event_loc",
        "event_text",
        "quad_code",
        "event_scale",
        "text",
        "text_info",
        "coder",
    ] {
        assert!(rec.get(key).is_some(), "missing PLOVER field {key}: {rec}");
    }
    assert_eq!(rec["id"], format!("seed-0001-{}", ev_idx + 1));
    assert_eq!(rec["event"], serde_json::json!(["ASSAULT"]));
    assert_eq!(rec["mode"], serde_json::json!(["aerial"]));
    assert_eq!(rec["cameo"], "195");
    assert_eq!(rec["quad_code"], 4);
    assert_eq!(rec["event_scale"], -9.5);
    assert_eq!(rec["event_text"], serde_json::json!(["غارات"]));
    assert_eq!(rec["context"], serde_json::json!([]));
    assert_eq!(rec["story_id"], "seed-0001");
    assert!(rec["coder"].as_str().unwrap().starts_with("khabar "));
    // The coded text is the evidence sentence, with its code-point offsets.
    let text = rec["text"].as_str().unwrap();
    assert!(text.contains("إسرائيل شنت غارات على مواقع إيران في سوريا"), "{text}");
    let (s, e) =
        (rec["text_info"]["start"].as_u64().unwrap() as usize, rec["text_info"]["end"].as_u64().unwrap() as usize);
    assert_eq!(SEED_ASSAULT.chars().skip(s).take(e - s).collect::<String>(), text);
    // The date is the event's resolved time (a range gives date + enddate), else the document's.
    match ev.time.as_ref().and_then(|t| t.date.clone()) {
        Some(d) => {
            let (a, b) = d.split_once('/').map_or((d.clone(), None), |(a, b)| (a.to_string(), Some(b.to_string())));
            assert_eq!(rec["date"], a.as_str());
            assert_eq!(rec.get("enddate").and_then(Value::as_str), b.as_deref());
        }
        None => assert_eq!(rec["date"], "2019-07-07"),
    }
    // Actor / recipient / place mirror the event, with the manual's entity and location fields.
    for (key, a) in [("actor", &ev.actor), ("recipient", &ev.recipient)] {
        match a {
            None => assert_eq!(rec[key], serde_json::json!([])),
            Some(a) => {
                let o = &rec[key][0];
                assert_eq!(o["entity_text"], a.span.text.as_str());
                assert_eq!(o["identifier_id"].as_str(), a.entity_id.as_deref());
                assert_eq!(o["identifier_text"].as_str(), a.name.as_deref());
                assert_eq!(o["code"].as_str(), a.country.as_deref());
            }
        }
    }
    if let Some(actor) = &ev.actor {
        assert_eq!(actor.span.text, "إسرائيل");
        assert_eq!(rec["actor"][0]["code"], "ISR");
    }
    let loc = ev.location.as_ref().expect("في سوريا is the place");
    assert_eq!(loc.span.text, "سوريا");
    let l = &rec["event_loc"];
    assert_eq!(l["extracted_place"], "سوريا");
    assert_eq!(l["resolved_place"], "Syria");
    assert_eq!(l["geonameid"], 163843);
    assert_eq!(l["lat"], 33.5102);
    assert_eq!(l["lon"], 36.29128);
    assert_eq!(l["country_code"], "SYR");
    assert_eq!(l["country"], "Syria");
}

#[test]
fn plover_record_of_a_handmade_document() {
    let (doc, text) = handmade();
    let recs = formats::plover_records(&doc, &text);
    assert_eq!(recs.len(), 1);
    let v: Value = serde_json::to_value(&recs[0]).unwrap();
    assert_eq!(v["id"], "doc\t\"1\"-1");
    assert_eq!(v["date"], "2019-07-06");
    assert_eq!(v["enddate"], "2019-07-06");
    assert_eq!(v["context"], serde_json::json!(["negation"]), "denied events carry the auxiliary mode");
    assert_eq!(v["negated"], true);
    assert_eq!(v["mode"], serde_json::json!([]));
    assert_eq!(v["event_scale"], -9.0, "no mode: the type's score");
    // A transnational actor gets PLOVER's non-state code; the sector comes from the entity.
    assert_eq!(v["actor"][0]["code"], "IMG");
    assert_eq!(v["actor"][0]["cameo_code"], "IMGMUSISI");
    assert_eq!(v["actor"][0]["sector"], Value::Null);
    assert_eq!(v["recipient"][0]["code"], "SYR");
    assert_eq!(v["recipient"][0]["sector"], "MIL");
    assert_eq!(v["recipient"][0]["identifier_text"], "Syrian Arab Army");
    assert_eq!(v["event_loc"]["province"], "Aleppo");
    assert_eq!(v["event_loc"]["geonameid"], 170063);
    assert_eq!(v["reported_by"], "قال البيان");
    assert_eq!(v["text"], text.split('\n').next().unwrap().trim_end_matches('.'));
    assert_eq!(v["text_info"]["start"], 0);
    assert_eq!(v["restated"][0]["text"], "وأكد البيان الهجوم");
    // The JSON line is one line although the text has a tab and the id a quote.
    let line = formats::to_plover(&doc, &text);
    assert_eq!(line.lines().count(), 1);
    assert_eq!(serde_json::from_str::<Value>(line.trim_end()).unwrap(), v);
}

#[test]
fn documents_without_id_get_stable_event_ids() {
    let doc = extractor().extract(SEED_ASSAULT, None);
    let a = formats::plover_records(&doc, SEED_ASSAULT);
    let b = formats::plover_records(&extractor().extract(SEED_ASSAULT, None), SEED_ASSAULT);
    assert!(!a.is_empty());
    assert_eq!(a[0].id, b[0].id);
    assert!(a[0].id.starts_with("kh") && a[0].id.ends_with("-1"), "{}", a[0].id);
    assert_eq!(a[0].date, None, "no event time, no document date");
}

#[test]
fn quad_codes_follow_the_manual() {
    let expect = [
        ("AGREE", 1),
        ("CONSULT", 1),
        ("SUPPORT", 1),
        ("CONCEDE", 1),
        ("COOPERATE", 2),
        ("AID", 2),
        ("RETREAT", 2),
        ("REQUEST", 3),
        ("ACCUSE", 3),
        ("REJECT", 3),
        ("THREATEN", 3),
        ("PROTEST", 4),
        ("SANCTION", 4),
        ("MOBILIZE", 4),
        ("COERCE", 4),
        ("ASSAULT", 4),
    ];
    for (t, q) in expect {
        assert_eq!(formats::quad_code(t), Some(q), "{t}");
        let s = formats::plover_score(t, None).unwrap();
        assert_eq!(s < 0.0, q >= 3 && t != "REQUEST", "{t}: conflict types score below zero ({s})");
    }
    assert_eq!(formats::quad_code("DOCUMENT"), None);
    assert_eq!(formats::plover_score("CONSULT", Some("visit")), Some(4.0));
    assert_eq!(formats::plover_score("ASSAULT", Some("heavy_weapons")), Some(-9.5));
    assert_eq!(formats::plover_score("ASSAULT", Some("no-such-mode")), Some(-9.0));
}

// ---------------------------------------------------------------------------------------------
// TSV

#[test]
fn tsv_header_columns_and_rows() {
    let doc = extract("seed-0001", SEED_ASSAULT);
    let out = formats::to_tsv(&doc, SEED_ASSAULT);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        &lines[0].split('\t').take(19).collect::<Vec<_>>(),
        &[
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
            "Story ID"
        ]
    );
    assert_eq!(lines[0], TSV_COLUMNS.join("\t"));
    assert_eq!(lines.len(), 1 + doc.events.len(), "a header, then one row per event");
    let col = |name: &str| TSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let k = doc.events.iter().position(|e| e.kind == "ASSAULT").unwrap();
    let row: Vec<&str> = lines[1 + k].split('\t').collect();
    assert_eq!(row.len(), TSV_COLUMNS.len());
    assert_eq!(row[col("Event ID")], format!("seed-0001-{}", k + 1));
    assert_eq!(row[col("Event Type")], "ASSAULT");
    assert_eq!(row[col("Event Mode")], "aerial");
    assert_eq!(row[col("Quad Code")], "4");
    assert_eq!(row[col("Placename")], "Syria");
    assert_eq!(row[col("Country")], "Syria");
    assert_eq!(row[col("Latitude")], "33.5102");
    assert_eq!(row[col("Longitude")], "36.29128");
    assert_eq!(row[col("GeoNames ID")], "163843");
    assert_eq!(row[col("Raw Placename")], "سوريا");
    assert_eq!(row[col("Story ID")], "seed-0001");
    assert_eq!(row[col("Trigger")], "غارات");
    assert_eq!(row[col("CAMEO Code")], "195");
    assert!(row[col("Event Text")].contains("شنت غارات على مواقع إيران"));
    if doc.events[k].actor.is_some() {
        assert_eq!(row[col("Actor Name")], "Israel");
        assert_eq!(row[col("Actor Country")], "Israel");
        assert_eq!(row[col("Actor Name Raw")], "إسرائيل");
    }
}

#[test]
fn tsv_escapes_tabs_newlines_and_backslashes() {
    let (doc, text) = handmade();
    let rows = formats::tsv_rows(&doc, &text);
    assert_eq!(rows.matches('\n').count(), 1, "one line per event: {rows:?}");
    let row: Vec<&str> = rows.trim_end_matches('\n').split('\t').collect();
    assert_eq!(row.len(), TSV_COLUMNS.len());
    let col = |name: &str| TSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    // The evidence sentence holds a real tab; the id a tab and quotes.
    assert!(row[col("Event Text")].contains("حلب\\tأمس"), "{}", row[col("Event Text")]);
    assert_eq!(formats::tsv_unescape(row[col("Event Text")]), text.split('\n').next().unwrap().trim_end_matches('.'));
    assert_eq!(row[col("Story ID")], "doc\\t\"1\"");
    assert_eq!(row[col("Event Date")], "2019-07-06");
    assert_eq!(row[col("Actor Country")], "Transnational Militarized Group");
    assert_eq!(row[col("Recipient Country")], "Syria");
    assert_eq!(row[col("Recipient Sector")], "MIL");
    assert_eq!(row[col("Contexts")], "negation");
    assert_eq!(row[col("Event Intensity")], "-9");
    for s in ["a\tb", "line\nbreak", "back\\slash\\t", "\r\n", "", "عربي \"مقتبس\""] {
        let e = formats::tsv_escape(s);
        assert!(!e.contains('\t') && !e.contains('\n') && !e.contains('\r'));
        assert_eq!(formats::tsv_unescape(&e), s);
    }
}

// ---------------------------------------------------------------------------------------------
// CoNLL

fn conll_pairs(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (t, lab) = l.rsplit_once(' ').expect("token LABEL");
            (t.to_string(), lab.to_string())
        })
        .collect()
}

#[test]
fn conll_labels_known_entities() {
    let text = format!("{SEED_MEET}\n{SEED_ASSAULT}");
    let doc = extract("seed", &text);
    let out = formats::to_conll(&doc, &text);
    let pairs = conll_pairs(&out);
    let label = |tok: &str| {
        pairs.iter().find(|(t, _)| t == tok).map(|(_, l)| l.as_str()).unwrap_or_else(|| panic!("no token {tok}"))
    };
    assert_eq!(label("بوتين"), "B-PERS");
    assert_eq!(label("وترامب"), "B-PERS", "the proclitic stays on the token");
    assert_eq!(label("أوساكا"), "B-LOC");
    assert_eq!(label("إسرائيل"), "B-LOC");
    assert_eq!(label("اجتمعا"), "O");
    let q = pairs.iter().position(|(t, _)| t == "القدس").unwrap();
    assert_eq!(pairs[q].1, "B-LOC");
    assert_eq!(pairs[q + 1], ("الغربية".to_string(), "I-LOC".to_string()));
    // Punctuation is kept as tokens; quotes and brackets are O.
    assert!(pairs.iter().any(|(t, l)| t == "\"" && l == "O"));
    assert!(pairs.iter().any(|(t, l)| t == "(" && l == "O"));
    // One blank line after each sentence; each sentence ends with its full stop.
    let blocks: Vec<&str> = out.split("\n\n").filter(|b| !b.is_empty()).collect();
    assert_eq!(blocks.len(), 2, "{out}");
    assert!(blocks.iter().all(|b| b.ends_with(". O")), "{blocks:?}");
    assert!(!out.contains("\n\n\n"));
    // Every entity of the document is a B- token, and nothing else is.
    assert_eq!(pairs.iter().filter(|(_, l)| l.starts_with("B-")).count(), doc.entities.len());
    // Tokens reassemble the text (minus spaces).
    let joined: String = pairs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(joined, text.split_whitespace().collect::<String>());
}

#[test]
fn conll_label_mapping_is_anercorp() {
    assert_eq!(formats::conll_label(EntityType::PER), "PERS");
    assert_eq!(formats::conll_label(EntityType::LOC), "LOC");
    assert_eq!(formats::conll_label(EntityType::FAC), "LOC");
    assert_eq!(formats::conll_label(EntityType::ORG), "ORG");
    assert_eq!(formats::conll_label(EntityType::NORP), "MISC");
    assert_eq!(formats::conll_label(EntityType::MISC), "MISC");
    let (doc, text) = handmade();
    let pairs = conll_pairs(&formats::to_conll(&doc, &text));
    let q = pairs.iter().position(|(t, _)| t == "قوات").unwrap();
    assert_eq!(&pairs[q..q + 2], &[("قوات".into(), "B-ORG".into()), ("النظام".into(), "I-ORG".into())]);
}

// ---------------------------------------------------------------------------------------------
// HTML

#[test]
fn html_is_rtl_escaped_and_complete() {
    let text = format!("{SEED_ASSAULT}\n<script>alert(\"x\")</script> & 'بوتين' <b>Putin</b>\n{SEED_MEET}");
    let doc = extractor().extract_input(&khabar::Input::new(text.as_str()).with_id("a\"b<c>&d"));
    let html = formats::to_html(&doc, &text);
    assert!(html.starts_with("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(!html.contains("<script"), "input markup is escaped");
    assert!(!html.contains("<b>Putin"));
    assert!(html.contains("&lt;<bdi dir=\"ltr\">script</bdi>&gt;<bdi dir=\"ltr\">alert</bdi>(&quot;"), "{html}");
    assert!(html.contains("&gt; &amp; &#39;"));
    assert!(html.contains("data-doc-id=\"a&quot;b&lt;c&gt;&amp;d\""));
    // Self-contained: no external resources.
    for bad in ["<link", " src=", "url(", "@import"] {
        assert!(!html.contains(bad), "external asset: {bad}");
    }
    assert_eq!(html.matches("http").count(), html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());
    // Latin words and numbers are isolated.
    assert!(html.contains("<bdi dir=\"ltr\">Putin</bdi>"));
    // Every entity is a mark with its offsets; every event a card.
    for e in &doc.entities {
        let needle =
            format!("data-start=\"{}\" data-end=\"{}\" data-type=\"{}\"", e.span.start, e.span.end, e.kind.as_str());
        assert!(html.contains(&needle), "entity {} missing", e.span.text);
    }
    let putin = doc.entities.iter().find(|e| e.span.text == "بوتين" && e.entity_id.is_some()).unwrap();
    assert!(html.contains(&format!(
        "data-entity-id=\"Q7747\" data-start=\"{}\" data-end=\"{}\" data-type=\"PER\" title=\"Vladimir Putin\nid: Q7747\ncountry: RUS\n",
        putin.span.start, putin.span.end
    )));
    assert!(!doc.events.is_empty());
    for k in 0..doc.events.len() {
        assert!(html.contains(&format!("data-event-index=\"{k}\"")));
        assert!(html.contains(&format!("id=\"d1-e{k}\"")));
    }
    // The map has one point per located place, linked to an event card.
    assert!(html.contains("<svg class=\"map\""));
    assert!(html.contains("<a href=\"#d1-e"));
    assert!(!html.contains('\u{1}'), "anchor placeholder replaced");
    // Tags are balanced.
    for tag in ["section", "article", "mark", "bdi", "svg", "blockquote", "aside"] {
        let open = html.matches(&format!("<{tag} ")).count() + html.matches(&format!("<{tag}>")).count();
        assert_eq!(open, html.matches(&format!("</{tag}>")).count(), "<{tag}> unbalanced");
    }
}

#[test]
fn html_page_for_several_documents_has_a_document_list() {
    let d1 = extract("first", SEED_ASSAULT);
    let d2 = extract("second", SEED_MEET);
    let page = formats::html_page(&[(&d1, SEED_ASSAULT), (&d2, SEED_MEET)]);
    assert_eq!(page.matches("<html").count(), 1);
    assert_eq!(page.matches("<section class=\"doc\"").count(), 2);
    assert!(page.contains("id=\"d1\" data-doc-id=\"first\""));
    assert!(page.contains("id=\"d2\" data-doc-id=\"second\""));
    assert!(page.contains("<nav class=\"toc\""));
    assert!(page.contains("<a href=\"#d1\">") && page.contains("<a href=\"#d2\">"));
    // Ids are unique across the page.
    let re = regex::Regex::new(r#" id="([^"]+)""#).unwrap();
    let mut ids: Vec<&str> = re.captures_iter(&page).map(|c| c.get(1).unwrap().as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate element ids");
}

// ---------------------------------------------------------------------------------------------
// Streams and the CLI

#[test]
fn format_writer_writes_headers_once_and_reports_errors() {
    let docs = [extract("a", SEED_ASSAULT), extract("b", SEED_MEET)];
    let texts = [SEED_ASSAULT, SEED_MEET];
    let bad = serde_json::json!({"id": "x", "error": "in.jsonl:3: invalid JSON", "line": 3});
    let run = |f: Format| {
        let mut out = Vec::new();
        let mut w = FormatWriter::new(f);
        for (d, t) in docs.iter().zip(texts) {
            w.write(&mut out, &formats::render(f, d, t)).unwrap();
        }
        w.write(&mut out, &formats::render_error(f, &bad)).unwrap();
        let errs = w.finish(&mut out).unwrap();
        (String::from_utf8(out).unwrap(), errs)
    };
    let n_events = docs[0].events.len() + docs[1].events.len();
    let (tsv, errs) = run(Format::Tsv);
    assert_eq!(tsv.lines().filter(|l| l.starts_with("Event ID\t")).count(), 1);
    assert_eq!(tsv.lines().count(), 1 + n_events);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].contains("in.jsonl:3: invalid JSON"));
    let (plover, errs) = run(Format::Plover);
    assert!(errs.is_empty());
    let lines: Vec<Value> = plover.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), n_events + 1);
    assert_eq!(lines.last().unwrap(), &bad);
    let (conll, _) = run(Format::Conll);
    assert_eq!(conll.matches("-DOCSTART- O\n\n").count(), 2);
    let (html, errs) = run(Format::Html);
    assert!(errs.is_empty());
    assert_eq!(html.matches("<section class=\"doc").count(), 3);
    assert!(html.contains("in.jsonl:3: invalid JSON"));
    // An empty stream is still a valid TSV (header) and a valid page.
    let mut out = Vec::new();
    FormatWriter::new(Format::Tsv).finish(&mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), format!("{}\n", TSV_COLUMNS.join("\t")));
}

#[test]
fn cli_formats_for_files_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let ents = dir.path().join("entities.tsv");
    let trig = dir.path().join("triggers.tsv");
    std::fs::write(&ents, ENTITIES).unwrap();
    std::fs::write(&trig, TRIGGERS).unwrap();
    let txt = dir.path().join("seed.txt");
    std::fs::write(&txt, SEED_ASSAULT).unwrap();
    let jsonl = dir.path().join("in.jsonl");
    let lines = [
        serde_json::json!({"id": "j1", "text": SEED_ASSAULT, "date": "2019-07-07"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": "j3", "text": SEED_MEET}).to_string(),
    ];
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let run = |format: &str, file: &std::path::Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_khabar"))
            .args(["extract", "--quiet", "--no-default-gazetteers", "--date", "2019-07-07", "--format", format])
            .arg("--gazetteer")
            .arg(&ents)
            .arg("--gazetteer")
            .arg(&trig)
            .arg(file)
            .output()
            .unwrap();
        assert!(o.status.success(), "{format}: {}", String::from_utf8_lossy(&o.stderr));
        (String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
    };
    // Text file.
    let (conll, _) = run("conll", &txt);
    assert!(conll.starts_with("-DOCSTART- O\n\n"));
    assert!(conll.lines().any(|l| l == "إسرائيل B-LOC"));
    let (plover, _) = run("plover", &txt);
    let rec: Value = serde_json::from_str(plover.lines().next().unwrap()).unwrap();
    assert_eq!(rec["story_id"], txt.file_name().unwrap().to_str().unwrap(), "the story id is the file name");
    let (html, _) = run("html", &txt);
    assert!(html.contains("<html dir=\"rtl\" lang=\"ar\">") && html.trim_end().ends_with("</html>"));
    // JSONL: the bad line is reported in the format's way, nothing is dropped silently.
    let (tsv, err) = run("tsv", &jsonl);
    assert_eq!(tsv.lines().filter(|l| l.starts_with("Event ID\t")).count(), 1);
    assert!(tsv.lines().skip(1).all(|l| l.split('\t').count() == TSV_COLUMNS.len()));
    assert!(tsv.lines().any(|l| l.starts_with("j1-1\t")) && tsv.lines().any(|l| l.starts_with("j3-1\t")));
    assert!(err.contains(":2: invalid JSON"), "{err}");
    let (plover, _) = run("plover", &jsonl);
    let recs: Vec<Value> = plover.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(recs.iter().any(|r| r["error"].as_str().is_some_and(|e| e.contains(":2: invalid JSON"))));
    assert!(recs.iter().any(|r| r["id"] == "j1-1") && recs.iter().any(|r| r["id"] == "j3-1"));
    let (html, _) = run("html", &jsonl);
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(html.matches("<section class=\"doc").count(), 3);
    assert!(html.contains("id=\"d3\" data-doc-id=\"j3\""));
}
