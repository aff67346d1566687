//! One analysis per document: the normalized text, its tokens and sentences, the entity
//! mentions, the time mentions and the character index, built once by the extractor
//! ([`crate::Extractor`]) and read by the event rules and the output formats, so no stage
//! normalizes, tokenizes or matches the text a second time.

use chrono::NaiveDate;

use crate::document::{CharIndex, GeoFields};
use crate::gazetteer::{EntityRecord, Gazetteer};
use crate::ner::{self, Mention};
use crate::normalize::NormalizedText;
use crate::tagger::{self, Model};
use crate::time::{self, TimeMention};
use crate::tokenize::{tokenize, Tokenized};

/// Everything the pipeline knows about one document before the event rules run.
pub(crate) struct Analysis<'t> {
    /// The normalized text with its map back to the original.
    pub nt: NormalizedText<'t>,
    /// Tokens and sentences of the normalized text.
    pub tok: Tokenized,
    /// Entity mentions (names, nationality adjectives, bare titles, generic agents).
    pub mentions: Vec<Mention>,
    /// Byte → code-point offsets of the original text.
    pub ci: CharIndex<'t>,
    /// The document date.
    pub date: Option<NaiveDate>,
    /// The compiled gazetteer the mentions index into.
    pub gazetteer: &'t Gazetteer,
    /// Time expressions (spans of the normalized text), resolved against `date`.
    pub times: Vec<TimeMention>,
}

/// What a mention refers to, as output records carry it (entities and event arguments alike).
#[derive(Debug, Clone, Default)]
pub(crate) struct Referent {
    pub entity_id: Option<String>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub geo: GeoFields,
}

impl<'t> Analysis<'t> {
    /// Runs the stages that precede the event rules: normalization, tokenization, entity
    /// recognition (gazetteer and rules, then the tagger `model` when there is one) and time
    /// recognition.
    pub fn new(text: &'t str, date: Option<NaiveDate>, gazetteer: &'t Gazetteer, model: Option<&Model>) -> Analysis<'t> {
        let nt = NormalizedText::new(text);
        let tok = tokenize(&nt);
        let mentions = match model {
            None => ner::recognize(gazetteer, &nt, &tok, date),
            Some(model) => {
                let g = gazetteer;
                let mut hits = Vec::new();
                let ms = ner::recognize_with_hits(g, &nt, &tok, date, Some(&mut hits));
                let d = tagger::features::Doc { g, norm: nt.normalized(), tok: &tok, mentions: &ms, hits: &hits, original: nt.original() };
                let tags = tagger::tag_document(model, &d);
                tagger::combine(g, nt.normalized(), &tok, ms, &tags)
            }
        };
        let times = time::recognize(nt.normalized(), &tok, date);
        Analysis { ci: CharIndex::new(text), nt, tok, mentions, date, gazetteer, times }
    }

    /// The original text.
    pub fn text(&self) -> &'t str {
        self.nt.original()
    }

    /// The referent of a mention: the gazetteer entry's id, name, country, code, sector and
    /// place fields, or a nationality's name and country.
    pub fn referent(&self, m: &Mention) -> Referent {
        let g = self.gazetteer;
        if let Some(idx) = m.entity {
            let r = &g.entities[idx as usize];
            Referent {
                entity_id: Some(r.id.clone()),
                name: Some(r.name.clone()),
                country: r.country.clone(),
                code: r.code.clone(),
                sector: r.sector.clone(),
                geo: geo_fields(r),
            }
        } else if let Some(n) = m.nationality {
            let n = &g.nationalities[n as usize];
            Referent { name: Some(n.name.clone()), country: n.country.clone(), ..Referent::default() }
        } else {
            Referent::default()
        }
    }
}

fn geo_fields(r: &EntityRecord) -> GeoFields {
    match &r.geo {
        Some(geo) => GeoFields {
            geonames_id: geo.geonames_id,
            lat: Some(geo.lat),
            lon: Some(geo.lon),
            country_code: geo.country_code.clone(),
            admin1: geo.admin1.clone(),
        },
        None => GeoFields::default(),
    }
}
