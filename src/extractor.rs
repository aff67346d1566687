//! [`Extractor`]: the compiled gazetteers and rules, built once and shared.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::analysis::{Analysis, Referent};
use crate::document::{Document, Entity};
use crate::error::Error;
use crate::events::EventRules;
use crate::formats::{self, Format, Rendered};
use crate::gazetteer::{DataFile, Gazetteer};
use crate::ner::Mention;
use crate::tagger::Model;

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
    /// Gazetteers and context rules only (the default: the event rules are tuned to its
    /// mentions; see DESIGN.md "NER tagger").
    #[default]
    Gazetteer,
    /// Gazetteers, rules and the statistical tagger (names the gazetteers lack, boundaries,
    /// context-flagged aliases): see `tagger`. Better entities, same event scores overall, but it
    /// still loses two argument constructions the event tests check.
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
        let a = Analysis::new(&input.text, input.date, &self.inner.gazetteer, model);
        self.document(input, &a)
    }

    /// Extracts one [`Input`] and renders it in an output format from the same analysis (the
    /// CoNLL tokens and the HTML sentences are the extractor's, not a second tokenization).
    /// `edit` sees the document before it is rendered (the CLI's event filters).
    pub fn extract_rendered(&self, input: &Input, format: Format, edit: impl FnOnce(&mut Document)) -> (Document, Rendered) {
        let a = self.analyze(input);
        let mut doc = self.document(input, &a);
        edit(&mut doc);
        let piece = formats::render_analyzed(format, &doc, &a);
        (doc, piece)
    }

    /// Extracts many inputs in parallel (rayon); output order is input order.
    pub fn extract_batch(&self, inputs: &[Input]) -> Vec<Document> {
        inputs.par_iter().map(|i| self.extract_input(i)).collect()
    }

    /// The analysis of one input: every stage before the event rules.
    pub(crate) fn analyze<'t>(&'t self, input: &'t Input) -> Analysis<'t> {
        Analysis::new(&input.text, input.date, &self.inner.gazetteer, self.inner.model.as_deref())
    }

    /// The output document of an analysis: its entity records and event records.
    fn document(&self, input: &Input, a: &Analysis<'_>) -> Document {
        let g = &self.inner.gazetteer;
        let entities: Vec<Entity> = a
            .mentions
            .iter()
            // Bare titles are cues, and generic agents ("السكان", "مسلحون") are event arguments,
            // not named entities.
            .filter(|m| m.title.is_none() || m.entity.is_some())
            .filter(|m| !m.entity.is_some_and(|e| g.entities[e as usize].id.starts_with("kh:agent-")))
            .map(|m| entity_record(a, m))
            .collect();
        let events = self.inner.events.extract(a);
        Document { khabar: crate::document::Version, id: input.id.clone(), date: input.date.map(|d| d.to_string()), entities, events }
    }
}

/// The output record of an entity mention.
fn entity_record(a: &Analysis<'_>, m: &Mention) -> Entity {
    let nt = &a.nt;
    let span = a.ci.span(nt.to_original(m.norm.clone()));
    let clitic = m.clitic.as_ref().map(|c| {
        let r = nt.to_original(c.clone());
        // The clitic ends where the mention starts in the original.
        nt.original()[r.start..span.bytes.start.max(r.start)].to_string()
    });
    let Referent { entity_id, name, country, code, sector, geo } = a.referent(m);
    Entity {
        span,
        kind: m.kind,
        entity_id,
        name,
        country,
        clitic: clitic.filter(|c| !c.is_empty()),
        source: m.source,
        code,
        sector,
        geo,
        sentence: a.tok.sentence_of(m.tokens.start),
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

    /// The entity recognition mode (default [`NerMode::Gazetteer`]; hybrid falls back to the
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

    /// Two sentences of SaudiNewsNet articles (snn-00016, snn-00087).
    const NEWS: &str = "وأكد شهود عيان لـ«الشرق الأوسط»، أمس، أن طيران التحالف نفذ سلسلة من الغارات الجوية على القاعدة العسكرية والمناطق المجاورة لها. تبادلت أوكرانيا وانفصاليون موالون لروسيا الاتهامات أمس (السبت) بقصف مناطق سكانية على الرغم من وقف لاطلاق النار.";

    #[test]
    fn rendering_from_the_analysis_equals_rendering_from_the_text() {
        let ex = Extractor::new();
        let input = Input::new(NEWS).with_date(crate::parse_date("2015-02-08").ok());
        for f in [Format::Conll, Format::Html, Format::Plover, Format::Tsv] {
            let (doc, piece) = ex.extract_rendered(&input, f, |_| {});
            assert_eq!(doc, ex.extract_input(&input), "{f:?}");
            assert_eq!(piece, formats::render(f, &doc, NEWS), "{f:?}");
        }
        let (doc, conll) = ex.extract_rendered(&input, Format::Conll, |_| {});
        assert!(!doc.events.is_empty());
        assert!(conll.body().lines().any(|l| l == "أوكرانيا B-LOC"), "{}", conll.body());
    }

    #[test]
    fn the_time_stage_feeds_the_events() {
        let ex = Extractor::new();
        let input = Input::new(NEWS).with_date(crate::parse_date("2015-02-08").ok());
        let a = ex.analyze(&input);
        let times: Vec<&str> = a.times.iter().map(|t| &a.nt.normalized()[t.start..t.end]).collect();
        assert_eq!(times, ["امس", "امس (السبت)"]);
        let doc = ex.document(&input, &a);
        let dated = doc.events.iter().filter_map(|e| e.time.as_ref()).filter_map(|t| t.date.as_deref());
        assert!(dated.into_iter().any(|d| d == "2015-02-07"), "{:?}", doc.events);
    }

    #[test]
    fn extractor_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }
}
