//! # khabar
//!
//! Fast, explainable event extraction from Arabic news: who did what to whom, where and when.
//!
//! Gazetteers of people, organizations and places (embedded in the library) feed a clitic-aware
//! matcher and a rule-based event extractor that emits PLOVER/CAMEO records.
//!
//! ```
//! let ex = khabar::Extractor::new();
//! let date = khabar::parse_date("2019-07-07").ok();
//! let doc = ex.extract("وشنت إسرائيل غارات على مواقع إيران في سوريا.", date);
//! assert!(doc.entities.iter().any(|e| e.name.as_deref() == Some("Israel")));
//! ```
//!
//! Offsets: [`Span::bytes`] is a byte range into the original text (Rust); `start`/`end` are
//! code-point offsets into the original text (JSON, Python). Normalization never moves offsets.
//! See `DESIGN.md` in the repository for the architecture and its trade-offs, and
//! `../shared/DESIGN.md` for the output contract.

#![deny(missing_docs)]

mod analysis;
pub mod clitics;
mod document;
mod error;
pub mod events;
mod extractor;
mod filter;
pub mod formats;
mod input;
mod lang;
pub mod gazetteer;
mod iso3166;
pub mod lexicon;
pub mod ner;
pub mod normalize;
pub mod tagger;
pub mod time;
pub mod tokenize;
mod tsv;

pub use document::{
    Argument, Document, Entity, EntitySource, EntityType, Event, GeoFields, PloverType, Span, Status, TimeArg, Version,
};
pub use error::{parse_date, Error, ErrorKind};
pub use extractor::{Extractor, ExtractorBuilder, Input, NerMode, Options};
pub use filter::{EventFilter, STATUSES};
pub use normalize::{normalize, NormalizedText};
pub use tokenize::{tokenize, Sentence, Token, Tokenized};

/// The README's Rust snippets are doc tests: `cargo test` compiles and runs them.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
