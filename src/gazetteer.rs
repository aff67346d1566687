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
            .map_err(|e| Error::new(crate::error::ErrorKind::Io, format!("{}: {e}", path.display())))?;
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
            let geo = match (row.number::<f64>("lat")?, row.number::<f64>("lon")?) {
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
                if a.chars().count() < 2 {
                    return Err(row.error(format!("alias {a:?} is shorter than 2 characters")));
                }
                n += 1;
                let Some(key) = key_of(a) else { continue };
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
                _ => EntityType::MISC,
            };
            let pattern = match v.get("pattern") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Array(toks)) => toks
                    .iter()
                    .map(|t| {
                        ["TEXT", "ORTH", "LOWER", "NORM"]
                            .iter()
                            .find_map(|k| t.get(*k).and_then(|x| x.as_str()))
                            .map(str::to_string)
                            .ok_or_else(|| Error::data(&f.name, ln, "token pattern without TEXT/ORTH/LOWER"))
                    })
                    .collect::<Result<Vec<_>, _>>()?
                    .join(" "),
                _ => return Err(Error::data(&f.name, ln, "missing \"pattern\" (string or token list)")),
            };
            if pattern.chars().count() < 2 {
                return Err(Error::data(&f.name, ln, format!("pattern {pattern:?} is shorter than 2 characters")));
            }
            let id = v.get("id").and_then(|x| x.as_str()).map(str::to_string);
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

/// Words that introduce a place name without being part of it.
const PLACE_CUE_WORDS: &[&str] = &[
    "محافظه", "مدينه", "بلده", "قريه", "قاعده", "معبر", "مطار", "حي", "ضاحيه", "مخيم", "ريف", "ناحيه", "منطقه", "ولايه",
];

/// Spans name places without their cue word ("محافظة حلب" → حلب, "قاعدة التنف" → التنف): the
/// NER rules read the cue. An alias made of a cue word plus a name that is itself an alias is
/// therefore dropped, so the bare name matches; cue aliases whose remainder names nothing else
/// ("مطار منغ") are kept.
fn drop_cue_aliases(aliases: &mut Vec<(String, Payload)>) {
    let keys: rustc_hash::FxHashSet<String> = aliases.iter().map(|(k, _)| k.clone()).collect();
    aliases.retain(|(k, _)| {
        match k.split_once(' ') {
            Some((first, rest)) if PLACE_CUE_WORDS.contains(&first) => !keys.contains(rest),
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
