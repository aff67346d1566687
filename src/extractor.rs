//! [`Extractor`]: the compiled gazetteers and rules, built once and shared.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::document::{CharIndex, Document, Entity, GeoFields};
use crate::error::Error;
use crate::events::{EventRules, Analysis};
use crate::gazetteer::{DataFile, Gazetteer};
use crate::ner::{self, Mention};
use crate::normalize::NormalizedText;
use crate::tagger::{self, Model};
use crate::tokenize::tokenize;

/// One input document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// Document id (echoed in the output).
    pub id: Option<String>,
    /// The text.
    pub text: String,
    /// Document date: anchors relative times ("أمس") and picks role holders ("وزير الخارجية الأميركي").
    pub date: Option<NaiveDate>,
}

impl Input {
    /// A document from its text.
    pub fn new(text: impl Into<String>) -> Self {
        Input { id: None, text: text.into(), date: None }
    }

    /// Sets the id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the date.
    pub fn with_date(mut self, date: Option<NaiveDate>) -> Self {
        self.date = date;
        self
    }
}

pub(crate) struct Inner {
    pub gazetteer: Gazetteer,
    pub events: EventRules,
    pub options: Options,
    /// The tagger of [`NerMode::Hybrid`] (none in gazetteer mode).
    pub model: Option<Arc<Model>>,
}

/// How entities are recognized.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NerMode {
    /// Gazetteers and context rules only.
    Gazetteer,
    /// Gazetteers, rules and the statistical tagger (names the gazetteers lack, boundaries,
    /// context-flagged aliases): see `tagger`.
    #[default]
    Hybrid,
}

impl NerMode {
    /// Parses `hybrid` or `gazetteer`.
    pub fn parse(s: &str) -> Option<NerMode> {
        match s {
            "hybrid" => Some(NerMode::Hybrid),
            "gazetteer" => Some(NerMode::Gazetteer),
            _ => None,
        }
    }

    /// The name `parse` reads.
    pub fn name(self) -> &'static str {
        match self {
            NerMode::Hybrid => "hybrid",
            NerMode::Gazetteer => "gazetteer",
        }
    }
}

/// Options fixed at build time (also what a pickled Python extractor carries).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Load the embedded gazetteers and triggers.
    pub defaults: bool,
    /// User data files, in order.
    pub files: Vec<PathBuf>,
    /// Entity recognition mode.
    pub ner: NerMode,
    /// A tagger model file replacing the embedded one (hybrid mode).
    pub ner_model: Option<PathBuf>,
}

/// The extractor: compiled gazetteers, lexicons and event rules.
///
/// Build it once and share it: it is `Send + Sync` and cloning is a reference-count increment.
/// [`Extractor::new`] returns the shipped defaults, compiled on first use and shared process-wide.
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("entities", &self.inner.gazetteer.entities.len())
            .field("keys", &self.inner.gazetteer.lexicon.len())
            .field("triggers", &self.inner.events.len())
            .field("options", &self.inner.options)
            .finish()
    }
}

static DEFAULT: OnceLock<Extractor> = OnceLock::new();

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// The extractor with the embedded default gazetteers and triggers.
    ///
    /// # Panics
    /// Only if the embedded data is malformed, which the test suite rules out.
    pub fn new() -> Extractor {
        DEFAULT
            .get_or_init(|| ExtractorBuilder::new().build().expect("embedded gazetteers are valid"))
            .clone()
    }

    /// A builder for custom configurations (user gazetteers, no defaults).
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The options this extractor was built with.
    pub fn options(&self) -> &Options {
        &self.inner.options
    }

    /// The compiled gazetteer (read-only).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// Extracts entities and events from one text. `date` is the document date.
    pub fn extract(&self, text: &str, date: Option<NaiveDate>) -> Document {
        self.extract_input(&Input { id: None, text: text.to_string(), date })
    }

    /// Extracts one [`Input`] (keeps its id).
    pub fn extract_input(&self, input: &Input) -> Document {
        self.extract_with_model(input, self.inner.model.as_deref())
    }

    /// [`Extractor::extract_input`] with the given tagger model (`None`: gazetteer-only NER),
    /// whatever this extractor was built with: for cross-validation.
    #[doc(hidden)]
    pub fn extract_with_model(&self, input: &Input, model: Option<&Model>) -> Document {
        let g = &self.inner.gazetteer;
        let text = input.text.as_str();
        let nt = NormalizedText::new(text);
        let tok = tokenize(&nt);
        let mentions = match model {
            None => ner::recognize(g, &nt, &tok, input.date),
            Some(model) => {
                let mut hits = Vec::new();
                let ms = ner::recognize_with_hits(g, &nt, &tok, input.date, Some(&mut hits));
                let d = tagger::features::Doc { g, norm: nt.normalized(), tok: &tok, mentions: &ms, hits: &hits };
                let tags = tagger::tag_document(model, &d);
                tagger::combine(g, nt.normalized(), &tok, ms, &tags)
            }
        };
        let ci = CharIndex::new(text);
        let entities: Vec<Entity> = mentions
            .iter()
            // Bare titles are cues, and generic agents ("السكان", "مسلحون") are event arguments,
            // not named entities.
            .filter(|m| m.title.is_none() || m.entity.is_some())
            .filter(|m| !m.entity.is_some_and(|e| g.entities[e as usize].id.starts_with("kh:agent-")))
            .map(|m| self.entity_record(&nt, &ci, &tok, m))
            .collect();
        let analysis = Analysis { nt: &nt, tok: &tok, mentions: &mentions, ci: &ci, date: input.date, gazetteer: g };
        let events = self.inner.events.extract(&analysis);
        Document { khabar: crate::document::Version, id: input.id.clone(), date: input.date.map(|d| d.to_string()), entities, events }
    }

    /// Extracts many inputs in parallel (rayon); output order is input order.
    pub fn extract_batch(&self, inputs: &[Input]) -> Vec<Document> {
        inputs.par_iter().map(|i| self.extract_input(i)).collect()
    }

    fn entity_record(&self, nt: &NormalizedText<'_>, ci: &CharIndex<'_>, tok: &crate::tokenize::Tokenized, m: &Mention) -> Entity {
        let g = &self.inner.gazetteer;
        let span = ci.span(nt.to_original(m.norm.clone()));
        let clitic = m.clitic.as_ref().map(|c| {
            let r = nt.to_original(c.clone());
            // The clitic ends where the mention starts in the original.
            nt.original()[r.start..span.bytes.start.max(r.start)].to_string()
        });
        let sentence = tok.sentence_of(m.tokens.start);
        let mut e = Entity {
            span,
            kind: m.kind,
            entity_id: None,
            name: None,
            country: None,
            clitic: clitic.filter(|c| !c.is_empty()),
            source: m.source,
            code: None,
            sector: None,
            geo: GeoFields::default(),
            sentence,
        };
        if let Some(idx) = m.entity {
            let r = &g.entities[idx as usize];
            e.entity_id = Some(r.id.clone());
            e.name = Some(r.name.clone());
            e.country = r.country.clone();
            e.code = r.code.clone();
            e.sector = r.sector.clone();
            e.geo = geo_fields(r);
        } else if let Some(n) = m.nationality {
            let n = &g.nationalities[n as usize];
            e.name = Some(n.name.clone());
            e.country = n.country.clone();
        }
        e
    }
}

pub(crate) fn geo_fields(r: &crate::gazetteer::EntityRecord) -> GeoFields {
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

/// Builds an [`Extractor`] with custom data.
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    options: Options,
    extra: Vec<DataFile>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ExtractorBuilder {
    /// A builder that starts from the embedded defaults.
    pub fn new() -> Self {
        ExtractorBuilder { options: Options { defaults: true, ..Options::default() }, extra: Vec::new() }
    }

    /// Whether to load the embedded gazetteers and triggers (default true).
    pub fn defaults(&mut self, yes: bool) -> &mut Self {
        self.options.defaults = yes;
        self
    }

    /// The entity recognition mode (default [`NerMode::Hybrid`]; hybrid falls back to the
    /// gazetteers when no tagger model is available).
    pub fn ner(&mut self, mode: NerMode) -> &mut Self {
        self.options.ner = mode;
        self
    }

    /// A tagger model file (written by `khabar train ner`) instead of the embedded model.
    pub fn ner_model(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.options.ner_model = Some(path.as_ref().to_path_buf());
        self
    }

    /// Adds a user data file: an entity TSV, `nationalities.tsv`, `titles.tsv`, `roles.tsv`,
    /// `triggers.tsv`, or a spaCy EntityRuler `.jsonl` pattern file. Read at [`build`](Self::build).
    pub fn gazetteer_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.options.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds user data from memory (`name` decides the kind, as for files).
    pub fn gazetteer_data(&mut self, name: impl Into<String>, content: impl Into<String>) -> &mut Self {
        self.extra.push(DataFile { name: name.into(), content: content.into(), user: true });
        self
    }

    /// Compiles everything. Errors name the file and line of the first problem.
    pub fn build(&self) -> Result<Extractor, Error> {
        let mut files = if self.options.defaults { DataFile::embedded() } else { Vec::new() };
        for p in &self.options.files {
            files.push(DataFile::read(p)?);
        }
        files.extend(self.extra.iter().cloned());
        let gazetteer = Gazetteer::load(&files)?;
        let events = EventRules::load(&files)?;
        let model = match (self.options.ner, &self.options.ner_model) {
            (NerMode::Gazetteer, _) => None,
            (NerMode::Hybrid, Some(p)) => Some(Arc::new(Model::read(p)?)),
            (NerMode::Hybrid, None) => Model::embedded(),
        };
        Ok(Extractor { inner: Arc::new(Inner { gazetteer, events, options: self.options.clone(), model }) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }
}
