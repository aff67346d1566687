//! Gazetteer data: entities, nationality adjectives, titles and role holders, loaded from the
//! embedded files and from user files, compiled into one [`Lexicon`].

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Error;
use crate::lexicon::{key_of, Lexicon};
use crate::tsv::Table;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The entity type is an output type (`crate::document`); re-exported here for the loaders and
/// for code that names it by its old path.
pub use crate::document::EntityType;

/// Geographic data of a place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geo {
    /// GeoNames id.
    pub geonames_id: Option<u64>,
    /// Latitude (WGS84).
    pub lat: f64,
    /// Longitude (WGS84).
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: Option<String>,
    /// First-level administrative division (English name).
    pub admin1: Option<String>,
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct EntityRecord {
    /// Stable id (Wikidata QID, `geonames:N` or `kh:slug`).
    pub id: String,
    /// Entity type.
    pub kind: EntityType,
    /// Canonical English name.
    pub name: String,
    /// Canonical Arabic name.
    pub name_ar: Option<String>,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// CAMEO-style actor code.
    pub code: Option<String>,
    /// Sector (GOV, MIL, REB ...).
    pub sector: Option<String>,
    /// Place data.
    pub geo: Option<Geo>,
    /// Population (places), for ranking homonyms.
    pub population: u64,
    /// Validity start.
    pub start: Option<NaiveDate>,
    /// Validity end.
    pub end: Option<NaiveDate>,
    /// The alias is also a common word: needs a cue, a preposition or an earlier mention.
    pub needs_context: bool,
    /// Preference among homonyms: lower wins (user files, then curated, then derived files).
    pub rank: u32,
}

/// A nationality adjective group (NORP), e.g. Russian.
#[derive(Debug, Clone)]
pub struct Nationality {
    /// ISO alpha-3 country, if the group is a state's.
    pub country: Option<String>,
    /// English name of the country or group.
    pub name: String,
}

/// A title such as "وزير الخارجية", naming a role.
#[derive(Debug, Clone)]
pub struct Title {
    /// Role key (`foreign_minister`).
    pub role: String,
    /// The country the title names by itself (`رأس النظام` → SYR), if any.
    pub country: Option<String>,
}

/// Who held a role, for which country, when.
#[derive(Debug, Clone)]
pub struct RoleHolder {
    /// Role key.
    pub role: String,
    /// ISO alpha-3 country or organization id.
    pub country: String,
    /// Index of the holder in [`Gazetteer::entities`].
    pub holder: u32,
    /// Start of tenure.
    pub start: Option<NaiveDate>,
    /// End of tenure (None = still in office).
    pub end: Option<NaiveDate>,
}

/// What a lexicon key refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// An entity (index into [`Gazetteer::entities`]); `context` = this alias needs context.
    Entity {
        /// Entity index.
        idx: u32,
        /// The alias needs context.
        context: bool,
    },
    /// A nationality adjective form (index into [`Gazetteer::nationalities`]).
    Nationality(u32),
    /// A title (index into [`Gazetteer::titles`]).
    Title(u32),
}

/// All gazetteer data, compiled.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Entities.
    pub entities: Vec<EntityRecord>,
    /// Nationality groups.
    pub nationalities: Vec<Nationality>,
    /// Titles.
    pub titles: Vec<Title>,
    /// Role holders.
    pub roles: Vec<RoleHolder>,
    /// Entity index by id.
    pub by_id: HashMap<String, u32>,
    /// Nationality index by ISO alpha-3 country.
    pub nationality_by_country: HashMap<String, u32>,
    /// The compiled lexicon of all aliases, adjective forms and titles.
    pub lexicon: Lexicon<Payload>,
    /// Given names (normalized, one or two words) → true when the name is also a common word.
    pub given_names: HashMap<String, bool>,
    /// First words of the two-word given names ("عبد", "ابو", "نور").
    pub given_name_heads: rustc_hash::FxHashSet<String>,
    /// Words that are never read as proclitic + name ("وكاله" is not و + كاله).
    pub no_split: rustc_hash::FxHashSet<String>,
}

/// A source of gazetteer data: a name (for errors) and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Path relative to the gazetteer root (decides the kind: `entities/…`, `nationalities.tsv`,
    /// `titles.tsv`, `roles.tsv`, `events/…`), or a user path.
    pub name: String,
    /// File content.
    pub content: String,
    /// A user file (ranked before the shipped data for homonyms).
    pub user: bool,
}

impl DataFile {
    /// The embedded default files.
    pub fn embedded() -> Vec<DataFile> {
        EMBEDDED
            .iter()
            .map(|(name, content)| DataFile { name: name.to_string(), content: content.to_string(), user: false })
            .collect()
    }

    /// Reads a user file from disk; non-UTF-8 content is an error naming the file, line and byte.
    pub fn read(path: &Path) -> Result<DataFile, Error> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::with_source(crate::error::ErrorKind::Io, format!("{}: {e}", path.display()), e))?;
        let content = String::from_utf8(bytes).map_err(|e| {
            let off = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..off].iter().filter(|&&b| b == b'\n').count() + 1;
            Error::data(path, line, format!("invalid UTF-8 at byte offset {off}"))
        })?;
        Ok(DataFile { name: path.display().to_string(), content, user: true })
    }

    pub(crate) fn kind(&self) -> FileKind {
        let base = self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name);
        if base.ends_with(".jsonl") {
            FileKind::SpacyPatterns
        } else if base == "nationalities.tsv" {
            FileKind::Nationalities
        } else if base == "titles.tsv" {
            FileKind::Titles
        } else if base == "roles.tsv" {
            FileKind::Roles
        } else if base == "given_names.tsv" {
            FileKind::GivenNames
        } else if base == "no_split.tsv" {
            FileKind::NoSplit
        } else if self.name.starts_with("events/") || base == "triggers.tsv" {
            FileKind::Triggers
        } else if self.name.starts_with("lang/") {
            FileKind::WordSet
        } else {
            FileKind::Entities
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Entities,
    SpacyPatterns,
    Nationalities,
    Titles,
    Roles,
    GivenNames,
    NoSplit,
    Triggers,
    /// `lang/<language>/<set>.tsv`: a named word set of the language (see [`crate::lang`]); read by
    /// `lang`, skipped by the gazetteer loader.
    WordSet,
}

/// Generates the inflected forms of a nisba adjective (masculine singular base, normalized):
/// feminine, sound plurals, duals, each with and without the article.
pub fn nationality_forms(base: &str, broken_plurals: &[String]) -> Vec<String> {
    let mut forms = Vec::new();
    let stems: Vec<String> = ["", "ه", "ون", "ين", "ان", "تان", "تين", "ات"].iter().map(|s| format!("{base}{s}")).collect();
    for f in stems.iter().chain(broken_plurals) {
        forms.push(f.clone());
        forms.push(format!("ال{f}"));
    }
    forms
}

impl Gazetteer {
    /// Loads and compiles the given files (trigger files are skipped here: the event layer
    /// reads them).
    pub fn load(files: &[DataFile]) -> Result<Gazetteer, Error> {
        let mut g = Gazetteer {
            entities: Vec::new(),
            nationalities: Vec::new(),
            titles: Vec::new(),
            roles: Vec::new(),
            by_id: HashMap::default(),
            nationality_by_country: HashMap::default(),
            lexicon: Lexicon::build(Vec::new()),
            given_names: HashMap::default(),
            given_name_heads: Default::default(),
            no_split: Default::default(),
        };
        let mut aliases: Vec<(String, Payload)> = Vec::new();
        // Entities first (roles refer to them), then the rest.
        for f in files.iter().filter(|f| matches!(f.kind(), FileKind::Entities | FileKind::SpacyPatterns)) {
            match f.kind() {
                FileKind::Entities => g.load_entities(f, &mut aliases)?,
                _ => g.load_spacy(f, &mut aliases)?,
            }
        }
        for f in files {
            match f.kind() {
                FileKind::Nationalities => g.load_nationalities(f, &mut aliases)?,
                FileKind::Titles => g.load_titles(f, &mut aliases)?,
                FileKind::GivenNames => g.load_given_names(f)?,
                FileKind::NoSplit => g.load_no_split(f)?,
                _ => {}
            }
        }
        for f in files.iter().filter(|f| f.kind() == FileKind::Roles) {
            g.load_roles(f)?;
        }
        drop_cue_aliases(&mut aliases);
        g.lexicon = Lexicon::build_from_keys(aliases);
        Ok(g)
    }

    fn file_rank(f: &DataFile) -> u32 {
        if f.user {
            0
        } else if f.name.contains("curated") || f.name.contains("generic") {
            1
        } else if f.name.contains("countries") {
            2
        } else if f.name.contains("places") {
            4
        } else {
            3
        }
    }

    fn add_entity(&mut self, rec: EntityRecord, file: &DataFile, line: usize) -> Result<u32, Error> {
        if let Some(&prev) = self.by_id.get(&rec.id) {
            let _ = prev;
            return Err(Error::data(&file.name, line, format!("duplicate id {:?}", rec.id)));
        }
        let idx = self.entities.len() as u32;
        self.by_id.insert(rec.id.clone(), idx);
        self.entities.push(rec);
        Ok(idx)
    }

    fn load_entities(&mut self, f: &DataFile, aliases: &mut Vec<(String, Payload)>) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["id", "type", "name", "aliases"])?;
        let rank = Self::file_rank(f);
        for row in t.rows() {
            let id = row.required("id")?;
            if id.contains(char::is_whitespace) || !id.contains(':') && !is_qid(id) {
                return Err(row.error(format!("bad id {id:?}: expected a Wikidata QID (Q123), geonames:N or kh:slug")));
            }
            let ty = row.required("type")?;
            row.required("aliases")?;
            let kind = EntityType::parse(ty)
                .ok_or_else(|| row.error(format!("unknown type {ty:?} (expected PER, ORG, LOC, FAC, NORP or MISC)")))?;
            let flags: Vec<&str> = row.get("flags").split(',').map(str::trim).collect();
            let needs_context = flags.contains(&"context");
            // `context:ALIAS` flags a single alias of the row as a common word.
            let context_aliases: Vec<String> = flags
                .iter()
                .filter_map(|f| f.strip_prefix("context:"))
                .filter_map(key_of)
                .collect();
            let (lat, lon) = (row.number::<f64>("lat")?, row.number::<f64>("lon")?);
            for (col, v, max) in [("lat", lat, 90.0), ("lon", lon, 180.0)] {
                if v.is_some_and(|v| !(v.is_finite() && v.abs() <= max)) {
                    let raw = row.opt(col).unwrap_or_default();
                    return Err(row.error(format!("column {col:?}: {raw} is not a coordinate in -{max}..{max}")));
                }
            }
            if let Some(c) = row.opt("country").filter(|c| !is_alpha3(c)) {
                return Err(row.error(format!("column \"country\": {c:?} is not an ISO 3166 alpha-3 code (e.g. SYR)")));
            }
            if let Some(c) = row.opt("country_code").filter(|c| !is_alpha2(c)) {
                return Err(row.error(format!("column \"country_code\": {c:?} is not an ISO 3166 alpha-2 code (e.g. SY)")));
            }
            let geo = match (lat, lon) {
                (Some(lat), Some(lon)) => Some(Geo {
                    geonames_id: row.number("geonames_id")?.or_else(|| id.strip_prefix("geonames:").and_then(|s| s.parse().ok())),
                    lat,
                    lon,
                    country_code: row.opt("country_code").map(str::to_string),
                    admin1: row.opt("admin1").map(str::to_string),
                }),
                _ => None,
            };
            let rec = EntityRecord {
                id: id.to_string(),
                kind,
                name: row.required("name")?.to_string(),
                name_ar: row.opt("name_ar").map(str::to_string),
                country: row.opt("country").map(str::to_string),
                code: row.opt("code").map(str::to_string),
                sector: row.opt("sector").map(str::to_string),
                geo,
                population: row.number("population")?.unwrap_or(0),
                start: row.date("start")?,
                end: row.date("end")?,
                needs_context,
                rank,
            };
            let name_ar = rec.name_ar.clone();
            let idx = self.add_entity(rec, f, row.line)?;
            let mut n = 0;
            for a in row.list("aliases").chain(name_ar.as_deref()) {
                let key = alias_key(a).map_err(|m| row.error(m))?;
                n += 1;
                let context = needs_context || context_aliases.contains(&key);
                aliases.push((key, Payload::Entity { idx, context }));
            }
            if n == 0 {
                return Err(row.error("no aliases"));
            }
        }
        Ok(())
    }

    /// spaCy EntityRuler patterns: `{"label": "GPE", "pattern": "..." | [{"LOWER": ".."}], "id": ".."}`.
    fn load_spacy(&mut self, f: &DataFile, aliases: &mut Vec<(String, Payload)>) -> Result<(), Error> {
        for (i, line) in f.content.lines().enumerate() {
            let ln = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| Error::data(&f.name, ln, format!("invalid JSON: {e}")))?;
            let label = v.get("label").and_then(|l| l.as_str()).ok_or_else(|| Error::data(&f.name, ln, "missing \"label\""))?;
            let kind = match label {
                "PERSON" | "PER" | "PERS" => EntityType::PER,
                "GPE" | "LOC" => EntityType::LOC,
                "ORG" => EntityType::ORG,
                "FAC" => EntityType::FAC,
                "NORP" => EntityType::NORP,
                "MISC" => EntityType::MISC,
                _ => {
                    return Err(Error::data(
                        &f.name,
                        ln,
                        format!("unknown label {label:?} (expected PERSON, PER, GPE, LOC, ORG, FAC, NORP or MISC)"),
                    ))
                }
            };
            let fail = |m: String| Error::data(&f.name, ln, m);
            let pattern = match v.get("pattern") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Array(toks)) => {
                    if toks.len() > MAX_PATTERN_TOKENS {
                        return Err(fail(format!("a token pattern of {} tokens (at most {MAX_PATTERN_TOKENS})", toks.len())));
                    }
                    toks.iter()
                        .map(|t| {
                            let Some(obj) = t.as_object() else { return Err(fail(format!("token pattern {t} is not an object"))) };
                            // Only exact-text tokens are supported: OP, IN, REGEX, POS ... would be
                            // silently dropped, matching something else than the pattern says.
                            if let Some(k) = obj.keys().find(|k| !matches!(k.as_str(), "TEXT" | "ORTH" | "LOWER" | "NORM")) {
                                return Err(fail(format!("token attribute {k:?} is not supported (only TEXT, ORTH, LOWER, NORM with a string)")));
                            }
                            match obj.values().next() {
                                Some(serde_json::Value::String(s)) if obj.len() == 1 => Ok(s.clone()),
                                _ => Err(fail(format!("token pattern {t} must have exactly one of TEXT, ORTH, LOWER, NORM with a string"))),
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()?
                        .join(" ")
                }
                _ => return Err(fail("missing \"pattern\" (string or token list)".into())),
            };
            if pattern.split_whitespace().count() > MAX_PATTERN_TOKENS {
                return Err(fail(format!("a pattern of more than {MAX_PATTERN_TOKENS} words")));
            }
            alias_key(&pattern).map_err(|m| fail(m.replace("alias", "pattern")))?;
            let id = match v.get("id") {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(other) => return Err(fail(format!("\"id\" must be a string, got {other}"))),
            };
            let idx = match id.as_ref().and_then(|id| self.by_id.get(id)) {
                Some(&idx) => idx,
                None => {
                    let id = id.unwrap_or_else(|| format!("user:{}", pattern));
                    let rec = EntityRecord {
                        id: id.clone(),
                        kind,
                        name: pattern.clone(),
                        name_ar: None,
                        country: None,
                        code: None,
                        sector: None,
                        geo: None,
                        population: 0,
                        start: None,
                        end: None,
                        needs_context: false,
                        rank: 0,
                    };
                    self.add_entity(rec, f, ln)?
                }
            };
            push_alias(aliases, &pattern, Payload::Entity { idx, context: false });
        }
        Ok(())
    }

    fn load_nationalities(&mut self, f: &DataFile, aliases: &mut Vec<(String, Payload)>) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["country", "name", "adj"])?;
        for row in t.rows() {
            // A nationality adjective that is also a common adjective (مالي "financial", قمري
            // "lunar") is left out: no cue tells the two apart reliably.
            if row.get("flags").split(',').any(|f| f.trim() == "context") {
                continue;
            }
            let idx = self.nationalities.len() as u32;
            let country = row.opt("country").map(str::to_string);
            if let Some(c) = &country {
                if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(row.error(format!("country {c:?} is not an ISO alpha-3 code")));
                }
                self.nationality_by_country.entry(c.clone()).or_insert(idx);
            }
            self.nationalities.push(Nationality { country, name: row.required("name")?.to_string() });
            let plurals: Vec<String> = row.list("plural").map(crate::normalize::normalize).collect();
            let mut any = false;
            for adj in row.list("adj") {
                for form in nationality_forms(&crate::normalize::normalize(adj), &plurals) {
                    push_alias(aliases, &form, Payload::Nationality(idx));
                    any = true;
                }
            }
            if !any {
                return Err(row.error("no adjective in column \"adj\""));
            }
        }
        Ok(())
    }

    fn load_titles(&mut self, f: &DataFile, aliases: &mut Vec<(String, Payload)>) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["title", "role"])?;
        for row in t.rows() {
            let idx = self.titles.len() as u32;
            self.titles.push(Title {
                role: row.required("role")?.to_string(),
                country: row.opt("country").map(str::to_string),
            });
            for form in row.list("title") {
                push_alias(aliases, form, Payload::Title(idx));
            }
        }
        Ok(())
    }

    fn load_no_split(&mut self, f: &DataFile) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["word"])?;
        for row in t.rows() {
            if let Some(k) = key_of(row.required("word")?) {
                self.no_split.insert(k);
            }
        }
        Ok(())
    }

    fn load_given_names(&mut self, f: &DataFile) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["name"])?;
        for row in t.rows() {
            let ambiguous = match row.get("kind") {
                "" | "arabic" | "foreign" => false,
                "ambiguous" => true,
                k => return Err(row.error(format!("unknown kind {k:?} (arabic, foreign or ambiguous)"))),
            };
            for n in row.list("name") {
                if let Some(k) = key_of(n) {
                    if let Some((head, _)) = k.split_once(' ') {
                        self.given_name_heads.insert(head.to_string());
                    }
                    self.given_names.insert(k, ambiguous);
                }
            }
        }
        Ok(())
    }

    fn load_roles(&mut self, f: &DataFile) -> Result<(), Error> {
        let t = Table::parse(&f.name, &f.content, &["role", "country", "holder"])?;
        for row in t.rows() {
            let holder_id = row.required("holder")?;
            let holder = *self
                .by_id
                .get(holder_id)
                .ok_or_else(|| row.error(format!("holder {holder_id:?} is not an id in any entity file")))?;
            self.roles.push(RoleHolder {
                role: row.required("role")?.to_string(),
                country: row.required("country")?.to_string(),
                holder,
                start: row.date("start")?,
                end: row.date("end")?,
            });
        }
        Ok(())
    }

    /// The holder of `role` for `country` on `date` (or the most recent holder without a date).
    pub fn role_holder(&self, role: &str, country: &str, date: Option<NaiveDate>) -> Option<u32> {
        let mut best: Option<&RoleHolder> = None;
        for r in self.roles.iter().filter(|r| r.role == role && r.country == country) {
            match date {
                Some(d) => {
                    // On a handover day both match: the incoming holder (later start) wins.
                    if r.start.is_none_or(|s| s <= d) && r.end.is_none_or(|e| d <= e) && best.is_none_or(|b| r.start > b.start) {
                        best = Some(r);
                    }
                }
                None => {
                    if best.is_none_or(|b| r.start > b.start) {
                        best = Some(r);
                    }
                }
            }
        }
        best.map(|r| r.holder)
    }
}

/// Spans name places without their cue word ("محافظة حلب" → حلب, "قاعدة التنف" → التنف): the
/// NER rules read the cue. An alias made of a cue word plus a name that is itself an alias is
/// therefore dropped, so the bare name matches; cue aliases whose remainder names nothing else
/// ("مطار منغ") are kept.
fn drop_cue_aliases(aliases: &mut Vec<(String, Payload)>) {
    let keys: rustc_hash::FxHashSet<String> = aliases.iter().map(|(k, _)| k.clone()).collect();
    let cues = crate::lang::set("place_alias_cue");
    aliases.retain(|(k, _)| {
        match k.split_once(' ') {
            Some((first, rest)) if cues.contains(first) => !keys.contains(rest),
            _ => true,
        }
    });
}

/// Adds `alias` in lexicon key form ([`key_of`]): every alias is normalized exactly once, and
/// an alias with nothing usable left (one character, only quotes) is skipped as the lexicon would.
fn push_alias(aliases: &mut Vec<(String, Payload)>, alias: &str, payload: Payload) {
    if let Some(key) = key_of(alias) {
        aliases.push((key, payload));
    }
}

/// The longest spaCy pattern, in tokens: names are a few words; a pattern of thousands made
/// matching cost text length × pattern length.
const MAX_PATTERN_TOKENS: usize = 20;

/// The matching key of an alias, or why it cannot be one: its length is checked after
/// normalization, so that "وَ", "ـــو" or a joiner plus و (one letter once folded) and
/// diacritics alone are errors instead of aliases that never match.
fn alias_key(a: &str) -> Result<String, String> {
    if let Some(k) = key_of(a).filter(|k| k.chars().count() >= 2) {
        return Ok(k);
    }
    let n = crate::normalize::normalize(a);
    let n = n.trim();
    Err(match n.chars().count() {
        0 => format!("alias {a:?} is empty once normalized (only marks, controls or spaces)"),
        1 => format!("alias {a:?} is shorter than 2 characters once normalized ({n:?})"),
        _ => format!("alias {a:?} has no letters to match once normalized ({n:?})"),
    })
}

/// An ISO 3166-1 alpha-3 code (or XKX, KSV for Kosovo, which the shipped data uses).
fn is_alpha3(c: &str) -> bool {
    crate::iso3166::ALPHA3.binary_search(&c).is_ok() || matches!(c, "XKX" | "KSV")
}

/// An ISO 3166-1 alpha-2 code (or XK for Kosovo).
fn is_alpha2(c: &str) -> bool {
    crate::iso3166::ALPHA2.binary_search(&c).is_ok() || c == "XK"
}

fn is_qid(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, content: &str) -> DataFile {
        DataFile { name: name.into(), content: content.into(), user: true }
    }

    #[test]
    fn bad_files_name_file_and_line() {
        let cases: &[(&str, &str, &str)] = &[
            ("x.tsv", "id\ttype\tname\taliases\nQ1\tPER\tA\tبوتين\nQ1\tPER\tB\tترامب\n", "x.tsv:3: duplicate id \"Q1\""),
            ("x.tsv", "id\ttype\tname\taliases\nQ1\tXYZ\tA\tبوتين\n", "x.tsv:2: unknown type \"XYZ\""),
            ("x.tsv", "id\ttype\tname\taliases\nQ 1\tPER\tA\tبوتين\n", "x.tsv:2: bad id \"Q 1\""),
            ("x.tsv", "id\ttype\tname\n", "x.tsv:1: header lacks required column \"aliases\""),
            ("x.tsv", "# c\nid\ttype\tname\taliases\nQ1\tPER\tA\n", "x.tsv:3: missing column \"aliases\""),
            ("x.tsv", "id\ttype\tname\taliases\nQ1\tPER\tA\tب\n", "x.tsv:2: alias \"ب\" is shorter"),
            ("p.jsonl", "{\"label\":\"ORG\"}\n", "p.jsonl:1: missing \"pattern\""),
        ];
        for (name, content, want) in cases {
            let err = Gazetteer::load(&[file(name, content)]).unwrap_err();
            assert!(err.to_string().starts_with(want), "{err} !~ {want}");
        }
    }

    #[test]
    fn role_holder_by_date() {
        let ents = file("e.tsv", "id\ttype\tname\taliases\nQ1\tPER\tKerry\tكيري\nQ2\tPER\tPompeo\tبومبيو\n");
        let roles = file(
            "roles.tsv",
            "role\tcountry\tholder\tstart\tend\nforeign_minister\tUSA\tQ1\t2013-02-01\t2017-01-20\nforeign_minister\tUSA\tQ2\t2018-04-26\t2021-01-20\n",
        );
        let g = Gazetteer::load(&[ents, roles]).unwrap();
        let d = |s| crate::error::parse_date(s).ok();
        assert_eq!(g.role_holder("foreign_minister", "USA", d("2015-07-01")), Some(0));
        assert_eq!(g.role_holder("foreign_minister", "USA", d("2019-07-07")), Some(1));
        assert_eq!(g.role_holder("foreign_minister", "USA", d("2017-06-01")), None);
        assert_eq!(g.role_holder("foreign_minister", "USA", None), Some(1));
    }

    #[test]
    fn nationality_forms_are_generated() {
        let forms = nationality_forms("روسي", &["روس".to_string()]);
        for f in ["روسي", "الروسي", "الروسيه", "الروس", "روسيين", "الروسيون"] {
            assert!(forms.iter().any(|x| x == f), "missing {f}");
        }
        assert!(!forms.iter().any(|x| x == "روسيا"));
    }
}
