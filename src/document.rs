//! The output records: [`Document`], [`Entity`], [`Event`] (the schema of `DESIGN.md`).
//!
//! Offsets: every record carries `start`/`end` as Unicode code-point offsets into the original
//! text (what JSON and Python users index with) and `span`, the byte range into the original
//! text (what Rust users slice with; not serialized).

use std::ops::Range;

use serde::Serialize;

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    PER,
    /// An organization, armed group, government body, media outlet.
    ORG,
    /// A place: country, region, city, village.
    LOC,
    /// A facility: base, border crossing, airport, building.
    FAC,
    /// A nationality or group adjective ("الروسي", "الأكراد").
    NORP,
    /// Anything else.
    MISC,
}

impl EntityType {
    /// Parses `PER`, `ORG`, `LOC`, `FAC`, `NORP`, `MISC` (and the ANERcorp/spaCy spellings
    /// `PERS`, `PERSON`, `GPE`).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" | "PERS" | "PERSON" => EntityType::PER,
            "ORG" => EntityType::ORG,
            "LOC" | "GPE" => EntityType::LOC,
            "FAC" => EntityType::FAC,
            "NORP" => EntityType::NORP,
            "MISC" => EntityType::MISC,
            _ => return None,
        })
    }

    /// The type name as written in files and output.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            EntityType::FAC => "FAC",
            EntityType::NORP => "NORP",
            EntityType::MISC => "MISC",
        }
    }
}


/// A text span: code-point offsets (serialized), the byte range (Rust only) and the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// Start, in code points of the original text.
    pub start: usize,
    /// End (exclusive), in code points of the original text.
    pub end: usize,
    /// The original text of the span.
    pub text: String,
    /// Byte range in the original text.
    #[serde(skip)]
    pub bytes: Range<usize>,
}

/// Geographic fields of a place, flattened into entities and event locations.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct GeoFields {
    /// GeoNames id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// Latitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// ISO alpha-2 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// First-level administrative division.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
}

/// How an entity mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntitySource {
    /// An alias in a gazetteer.
    Gazetteer,
    /// A title resolved to its holder at the document date ("الرئيس الروسي" → Putin).
    Title,
    /// A context pattern (cue word + name) for a name the gazetteers lack.
    Pattern,
    /// The statistical tagger (`--ner hybrid`) alone: a name the gazetteers lack.
    Model,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The mention (proclitics excluded).
    #[serde(flatten)]
    pub span: Span,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Gazetteer id, or null for pattern matches and nationality adjectives.
    pub entity_id: Option<String>,
    /// Canonical (English) name.
    pub name: Option<String>,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// Proclitics attached to the mention ("و", "ب", "لل" ...).
    pub clitic: Option<String>,
    /// How it was found.
    pub source: EntitySource,
    /// CAMEO-style actor code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Place fields.
    #[serde(flatten)]
    pub geo: GeoFields,
    /// Index of the sentence the mention is in.
    pub sentence: usize,
}

/// An event argument (actor, recipient, location).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Argument {
    /// The mention.
    #[serde(flatten)]
    pub span: Span,
    /// Gazetteer id.
    pub entity_id: Option<String>,
    /// Canonical name.
    pub name: Option<String>,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// CAMEO-style actor code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Place fields (locations).
    #[serde(flatten)]
    pub geo: GeoFields,
    /// How specific a place is: 0 country, 1 region or big city, 2 town or site (used to keep
    /// the most precise location when a restatement names a more specific one).
    #[serde(skip)]
    pub level: u8,
}

/// The time of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeArg {
    /// The time expression.
    #[serde(flatten)]
    pub span: Span,
    /// `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`, null when it cannot be resolved.
    pub date: Option<String>,
}

/// The 16 PLOVER event types; serialized as the uppercase name the schema uses ("ASSAULT").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PloverType {
    /// Agree to, or sign, an agreement.
    Agree,
    /// Meet, visit, call, talk.
    Consult,
    /// Verbal support, praise, apology.
    Support,
    /// Make a concession.
    Concede,
    /// Cooperate materially.
    Cooperate,
    /// Give aid.
    Aid,
    /// Withdraw, release, cease fire.
    Retreat,
    /// Ask, call for, demand.
    Request,
    /// Blame, condemn, criticize.
    Accuse,
    /// Refuse, reject.
    Reject,
    /// Threaten.
    Threaten,
    /// Demonstrate, strike, sit in.
    Protest,
    /// Impose sanctions, sever ties.
    Sanction,
    /// Deploy, reinforce, put on alert.
    Mobilize,
    /// Arrest, seize, sentence, expel.
    Coerce,
    /// Physical violence: strikes, shelling, bombing, clashes, killing, abduction.
    Assault,
}

impl PloverType {
    /// Every type, in the order of the PLOVER manual's list in DESIGN.md.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The uppercase name ("ASSAULT").
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// The type named `s` (uppercase, as in the schema).
    pub fn parse(s: &str) -> Option<PloverType> {
        PloverType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Violent types whose genitive is usually the victim ("مقتل مدنيين").
    pub fn is_violent(self) -> bool {
        matches!(self, PloverType::Assault | PloverType::Coerce)
    }
}

impl std::fmt::Display for PloverType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets code written for the string form keep working (`&ev.kind` as `&str`).
impl std::ops::Deref for PloverType {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for PloverType {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PloverType {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PloverType {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

/// How the text presents an event (DESIGN.md): the news itself, earlier context, an announced
/// plan, or something threatened, feared, conditional or demanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// It happened or is happening: the news of the article.
    #[default]
    Reported,
    /// Stated as earlier context (an anniversary, a trial about an old attack, "since 2011").
    Background,
    /// Announced or scheduled.
    Planned,
    /// Threatened, feared, conditional, possible, demanded.
    Hypothetical,
}

impl Status {
    /// The lowercase name ("reported").
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Background => "background",
            Status::Planned => "planned",
            Status::Hypothetical => "hypothetical",
        }
    }
}

/// One event record (PLOVER).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// PLOVER event type.
    #[serde(rename = "type")]
    pub kind: PloverType,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: Option<String>,
    /// The trigger word(s).
    pub trigger: Span,
    /// Who acted.
    pub actor: Option<Argument>,
    /// Whom it was done to.
    pub recipient: Option<Argument>,
    /// Where.
    pub location: Option<Argument>,
    /// When.
    pub time: Option<TimeArg>,
    /// The sentence denies the event ("لم", "نفى").
    pub negated: bool,
    /// Who reports it ("وفق البيان", "أفادت مصادر").
    pub reported_by: Option<Span>,
    /// How the text presents it: reported, background, planned or hypothetical.
    pub status: Status,
    /// Index of the (first) sentence that reports the event.
    pub sentence: usize,
    /// Id of the rule that fired.
    pub rule: String,
    /// Confidence in 0..1.
    pub confidence: f32,
    /// The evidence sentence(s): code-point spans of every sentence that reports this event.
    pub evidence: Vec<Span>,
}

/// The result of extracting one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Document id, if given.
    pub id: Option<String>,
    /// Document date (`YYYY-MM-DD`), if given.
    pub date: Option<String>,
    /// Entity mentions in text order.
    pub entities: Vec<Entity>,
    /// Event records in text order of their first mention.
    pub events: Vec<Event>,
    /// The version of khabar that produced the document (`"khabar": "0.2.0"` in JSON, last key).
    pub khabar: Version,
}

/// The crate version, serialized as a string: which khabar wrote a stored document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Version;

impl Version {
    /// The version string (`CARGO_PKG_VERSION`).
    pub const fn as_str(self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Document {
    /// Pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("documents serialize")
    }

    /// One-line JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("documents serialize")
    }

    /// Writes the JSON form (one line, or indented when `pretty`) straight to `w`, without
    /// building it in memory first (the JSON of a long document is many times its text).
    pub fn write_json<W: std::io::Write>(&self, w: W, pretty: bool) -> std::io::Result<()> {
        let r = if pretty { serde_json::to_writer_pretty(w, self) } else { serde_json::to_writer(w, self) };
        // serde_json gives back the writer's own io::Error (so callers can tell output errors).
        r.map_err(std::io::Error::from)
    }
}

/// Converts byte offsets of a text to code-point offsets in O(1) amortized per query, with a
/// checkpoint every 256 bytes (a code point's index is the number of non-continuation bytes
/// before it).
pub(crate) struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<u32>,
}

const CHUNK: usize = 256;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let mut count = 0u32;
            for chunk in text.as_bytes().chunks(CHUNK) {
                checkpoints.push(count);
                count += chunk.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32;
            }
            checkpoints.push(count);
        }
        CharIndex { text, ascii, checkpoints }
    }

    pub fn char_at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let k = byte / CHUNK;
        let base = self.checkpoints[k] as usize;
        base + self.text.as_bytes()[k * CHUNK..byte].iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    }

    pub fn span(&self, bytes: Range<usize>) -> Span {
        Span {
            start: self.char_at(bytes.start),
            end: self.char_at(bytes.end),
            text: self.text[bytes.clone()].to_string(),
            bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        let text = "ab".repeat(200) + &"بوتين ".repeat(100);
        let ci = CharIndex::new(&text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(ci.char_at(b), text[..b].chars().count());
        }
    }
}
