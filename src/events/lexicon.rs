//! The trigger lexicon: `events/triggers.tsv` rows compiled into [`Trigger`]s, verb inflection,
//! and the identity of a rule (trigger + construction).

use std::fmt;

use rustc_hash::FxHashSet;

use crate::document::PloverType;
use crate::error::Error;
use crate::gazetteer::{DataFile, FileKind};
use crate::lexicon::Lexicon;
use crate::normalize::normalize;
use crate::tsv::{Row, Table};

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    Verb,
    Noun,
}

/// Lexical conditions of a trigger row (`constraints` column).
#[derive(Debug, Clone, Default)]
pub(crate) struct Constraints {
    pub needs_actor: bool,
    pub needs_recipient: bool,
    pub light_verb: bool,
    /// A participle (حال) after a main clause ("قال X ...، داعيا"): the actor is the subject of the
    /// sentence before it, over clause breaks.
    pub participle: bool,
    /// The genitive after the noun is its victim, not its agent ("مقتل X", "استهداف X").
    pub patient_genitive: bool,
    pub not_next: FxHashSet<String>,
    pub not_prev: FxHashSet<String>,
    pub not_in_sentence: FxHashSet<String>,
}

/// One trigger row.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    pub id: String,
    pub kind: PloverType,
    pub mode: Option<String>,
    pub cameo: Option<String>,
    pub pos: Pos,
    pub constraints: Constraints,
    pub confidence: f32,
}

/// The argument construction that fired, the second half of a rule id
/// (`assault.airstrike.noun:vso`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Construction {
    /// "بين X و Y" after a meeting noun.
    Between,
    /// Subject before the verb (or before a light verb).
    Svo,
    /// Verb (or light verb) then subject.
    Vso,
    /// The genitive of a verbal noun is its agent ("غارات التحالف").
    Idafa,
    /// The genitive of a violent verbal noun is its victim ("مقتل مدنيين").
    IdafaObject,
    /// "غارات للتحالف".
    LamAgent,
    /// No actor, a recipient.
    Object,
    /// No actor, no recipient.
    Bare,
}

impl Construction {
    fn as_str(self) -> &'static str {
        match self {
            Construction::Between => "between",
            Construction::Svo => "svo",
            Construction::Vso => "vso",
            Construction::Idafa => "idafa",
            Construction::IdafaObject => "idafa-object",
            Construction::LamAgent => "lam-agent",
            Construction::Object => "object",
            Construction::Bare => "bare",
        }
    }
}

/// The identity of the rule that made a record: which trigger row, which construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleId {
    pub trigger: u32,
    pub construction: Construction,
}

impl RuleId {
    /// The rule as written in records: "assault.airstrike.noun:vso".
    pub fn display<'a>(&self, triggers: &'a [Trigger]) -> impl fmt::Display + 'a {
        let (id, c) = (&triggers[self.trigger as usize].id, self.construction);
        DisplayRule(id, c)
    }
}

struct DisplayRule<'a>(&'a str, Construction);

impl fmt::Display for DisplayRule<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.0, self.1.as_str())
    }
}

/// Generates the inflections of a verb from its perfect and imperfect 3rd masc. sing. forms.
pub fn verb_forms(lemma: &str, imperfect: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = ["", "ت", "وا", "ا", "تا", "ن", "نا"].iter().map(|s| format!("{lemma}{s}")).collect();
    if let Some(imp) = imperfect {
        if let Some(stem) = imp.strip_prefix('ي') {
            for p in ["ي", "ت", "ن"] {
                for s in ["", "ون", "ان", "ين", "ن"] {
                    v.push(format!("{p}{stem}{s}"));
                }
            }
        } else {
            v.push(imp.to_string());
        }
    }
    v
}

/// A constraint's word list: comma-separated words and `@set` references to word sets of
/// `gazetteers/lang/ar/` (an unknown set is an error naming the row).
fn words(row: &Row<'_, '_>, s: &str) -> Result<FxHashSet<String>, Error> {
    let mut out = FxHashSet::default();
    for w in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        if let Some(name) = w.strip_prefix('@') {
            let set = crate::lang::arabic()
                .get(name)
                .ok_or_else(|| row.error(format!("unknown word set @{name} (no gazetteers/lang/ar/{name}.tsv)")))?;
            out.extend(set.words().iter().cloned());
        } else {
            let w = normalize(w);
            if !w.is_empty() {
                out.insert(w);
            }
        }
    }
    Ok(out)
}

fn constraints(row: &Row<'_, '_>) -> Result<Constraints, Error> {
    let mut c = Constraints::default();
    for item in row.get("constraints").split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let (k, v) = item.split_once('=').unwrap_or((item, ""));
        match k.trim() {
            "needs_actor" => c.needs_actor = true,
            "needs_recipient" => c.needs_recipient = true,
            "light_verb" => c.light_verb = true,
            "participle" => c.participle = true,
            "patient_genitive" => c.patient_genitive = true,
            "not_next" => c.not_next = words(row, v)?,
            "not_prev" => c.not_prev = words(row, v)?,
            "not_in_sentence" => c.not_in_sentence = words(row, v)?,
            other => return Err(row.error(format!("unknown constraint {other:?}"))),
        }
    }
    Ok(c)
}

/// Loads every trigger file among `files`: the triggers and the lexicon of their forms.
pub(crate) fn load(files: &[DataFile]) -> Result<(Vec<Trigger>, Lexicon<u32>), Error> {
    let mut triggers = Vec::new();
    let mut entries: Vec<(String, u32)> = Vec::new();
    for f in files.iter().filter(|f| f.kind() == FileKind::Triggers) {
        let t = Table::parse(&f.name, &f.content, &["id", "type", "pos"])?;
        for row in t.rows() {
            let kind = row.required("type")?;
            let kind = PloverType::parse(kind).ok_or_else(|| row.error(format!("unknown PLOVER type {kind:?}")))?;
            let pos = match row.required("pos")? {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                p => return Err(row.error(format!("pos must be verb or noun, not {p:?}"))),
            };
            let constraints = constraints(&row)?;
            let confidence = row.number::<f32>("confidence")?.unwrap_or(0.7);
            if !(0.0..=1.0).contains(&confidence) {
                return Err(row.error(format!("confidence {confidence} outside 0..1")));
            }
            let idx = triggers.len() as u32;
            let mut forms: Vec<String> = row.list("forms").map(str::to_string).collect();
            if pos == Pos::Verb {
                let lemma = row.required("lemma")?;
                forms.extend(verb_forms(&normalize(lemma), row.opt("imperfect").map(normalize).as_deref()));
            } else if forms.is_empty() {
                return Err(row.error("a noun trigger needs `forms`"));
            }
            for f in forms {
                entries.push((f, idx));
            }
            triggers.push(Trigger {
                id: row.required("id")?.to_string(),
                kind,
                mode: row.opt("mode").map(str::to_string),
                cameo: row.opt("cameo").map(str::to_string),
                pos,
                constraints,
                confidence,
            });
        }
    }
    Ok((triggers, Lexicon::build(entries)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_inflections() {
        let f = verb_forms("قتل", Some("يقتل"));
        for w in ["قتل", "قتلت", "قتلوا", "يقتل", "تقتل", "يقتلون", "نقتل"] {
            assert!(f.iter().any(|x| x == w), "missing {w}");
        }
    }

    fn file(rows: &str) -> DataFile {
        let content = format!("# t\nid\ttype\tmode\tcameo\tpos\tlemma\timperfect\tforms\tconstraints\tconfidence\n{rows}");
        DataFile { name: "events/triggers.tsv".into(), content, user: true }
    }

    #[test]
    fn set_references_expand_and_unknown_sets_name_the_line() {
        let (t, _) = load(&[file("a.noun\tASSAULT\t\t\tnoun\t\t\tغارة\tnot_in_sentence=@legal_context,فيلم\t0.8\n")]).unwrap();
        let c = &t[0].constraints.not_in_sentence;
        assert!(c.contains("محكمه") && c.contains("قضاء") && c.contains("فيلم"), "{c:?}");
        let e = load(&[file("a.noun\tASSAULT\t\t\tnoun\t\t\tغارة\tnot_prev=@no_such_set\t0.8\n")]).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("events/triggers.tsv:3") && msg.contains("@no_such_set"), "{msg}");
    }

    #[test]
    fn unknown_type_is_an_error() {
        let e = load(&[file("a.noun\tATTACK\t\t\tnoun\t\t\tغارة\t\t0.8\n")]).unwrap_err();
        assert!(e.to_string().contains("unknown PLOVER type"), "{e}");
    }
}
