//! Event extraction: trigger lexicon → argument rules → PLOVER records.
//!
//! Triggers come from `events/triggers.tsv` (verbs are inflected from their lemma here, nouns are
//! listed). For each trigger in a sentence the rules look for arguments in its clause, using
//! Arabic word order: verb–subject–object ("استهدف الجيش الأميركي اجتماعا"), subject–verb
//! ("إسرائيل شنت غارات"), the إضافة construct of verbal nouns ("غارات التحالف على ..."),
//! prepositions that mark the recipient (على، ضد، ل، بحق، مع) or the place (في، ب، قرب ...),
//! and "بين X و Y" for meetings. Every record names the rule that fired.

use std::ops::Range;

use chrono::NaiveDate;

use crate::analysis::Analysis;
use crate::clitics::{for_each_reading, Article};
use crate::document::{Argument, Event, Span, TimeArg};
use crate::error::Error;
use crate::gazetteer::{DataFile, EntityType, FileKind};
use crate::lexicon::{KeyForm, Lexicon};
use crate::normalize::normalize;
use crate::time::{DateValue, TimeMention};
use crate::tsv::Table;

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    Verb,
    Noun,
}

#[derive(Debug, Clone, Default)]
struct Constraints {
    needs_actor: bool,
    needs_recipient: bool,
    light_verb: bool,
    not_next: Vec<String>,
    not_prev: Vec<String>,
    not_in_sentence: Vec<String>,
}

#[derive(Debug, Clone)]
struct Trigger {
    id: String,
    kind: String,
    mode: Option<String>,
    cameo: Option<String>,
    pos: Pos,
    constraints: Constraints,
    confidence: f32,
}

/// The compiled trigger lexicon and argument rules.
#[derive(Debug, Clone)]
pub struct EventRules {
    triggers: Vec<Trigger>,
    lexicon: Lexicon<u32>,
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

fn words(s: &str) -> Vec<String> {
    s.split(',').map(|w| normalize(w.trim())).filter(|w| !w.is_empty()).collect()
}

impl EventRules {
    /// Loads every trigger file among `files`.
    pub fn load(files: &[DataFile]) -> Result<EventRules, Error> {
        let mut triggers = Vec::new();
        let mut entries: Vec<(String, u32)> = Vec::new();
        for f in files.iter().filter(|f| f.kind_is(FileKind::Triggers)) {
            let t = Table::parse(&f.name, &f.content, &["id", "type", "pos"])?;
            for row in t.rows() {
                let kind = row.required("type")?;
                if !PLOVER_TYPES.contains(&kind) {
                    return Err(row.error(format!("unknown PLOVER type {kind:?}")));
                }
                let pos = match row.required("pos")? {
                    "verb" => Pos::Verb,
                    "noun" => Pos::Noun,
                    p => return Err(row.error(format!("pos must be verb or noun, not {p:?}"))),
                };
                let mut c = Constraints::default();
                for item in row.get("constraints").split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    let (k, v) = item.split_once('=').unwrap_or((item, ""));
                    match k.trim() {
                        "needs_actor" => c.needs_actor = true,
                        "needs_recipient" => c.needs_recipient = true,
                        "light_verb" => c.light_verb = true,
                        "not_next" => c.not_next = words(v),
                        "not_prev" => c.not_prev = words(v),
                        "not_in_sentence" => c.not_in_sentence = words(v),
                        other => return Err(row.error(format!("unknown constraint {other:?}"))),
                    }
                }
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
                    kind: kind.to_string(),
                    mode: row.opt("mode").map(str::to_string),
                    cameo: row.opt("cameo").map(str::to_string),
                    pos,
                    constraints: c,
                    confidence,
                });
            }
        }
        Ok(EventRules { triggers, lexicon: Lexicon::build(entries) })
    }

    /// Number of trigger rules.
    pub fn len(&self) -> usize {
        self.triggers.len()
    }

    /// True when no trigger is loaded.
    pub fn is_empty(&self) -> bool {
        self.triggers.is_empty()
    }

    /// Extracts the event records of a document.
    pub(crate) fn extract(&self, a: &Analysis<'_>) -> Vec<Event> {
        if self.triggers.is_empty() || a.tok.tokens.is_empty() {
            return Vec::new();
        }
        let ctx = Ctx::new(a, &a.times);
        let mut events = EventSet::default();
        let mut ti = 0;
        while ti < a.tok.tokens.len() {
            match self.trigger_at(&ctx, ti) {
                Some((_, end_tok, true, _)) => ti = end_tok,
                Some((trig, end_tok, false, start_off)) => {
                    let clause = ctx.clause_id(ti);
                    for ev in self.code(&ctx, trig, ti..end_tok, start_off) {
                        events.merge_or_push(ev, clause);
                    }
                    ti = end_tok;
                }
                None => ti += 1,
            }
        }
        events.events
    }

    /// The trigger starting at token `ti`, if any (longest match, clitic-aware).
    fn trigger_at(&self, c: &Ctx<'_, '_>, ti: usize) -> Option<(u32, usize, bool, usize)> {
        if c.owner[ti].is_some() {
            return None; // part of a name
        }
        let norm = c.norm;
        let t = &c.a.tok.tokens[ti];
        let w = &norm[t.norm.clone()];
        let mut best: Option<(u32, usize, usize, bool)> = None; // (trigger, end token, end byte, purpose)
        let mut start_off = 0usize;
        // A trigger never runs past its sentence (a user form may contain a full stop).
        let in_sentence = &c.a.tok.tokens[ti..c.a.tok.sentence_end(ti)];
        for_each_reading(w, |r| {
            let pos = t.norm.start + r.stem;
            // "لتفجير", "ليفجر": ل on an indefinite verbal noun or an imperfect verb states a
            // purpose, not an event; "سيقصف" (future س) is not a realized event either.
            let purpose = (r.article == Article::None && w[..r.proclitics].ends_with('ل')) || r.future;
            self.lexicon.walk(norm.as_bytes(), pos, |end, ps| {
                let Ok(k) = in_sentence.binary_search_by_key(&end, |t| t.norm.end) else { return };
                for &(idx, form) in ps {
                    if form != KeyForm::Plain {
                        continue;
                    }
                    let trig = &self.triggers[idx as usize];
                    let ok = match trig.pos {
                        Pos::Verb => r.article == Article::None,
                        Pos::Noun => !r.future,
                    };
                    if ok && best.is_none_or(|b| end > b.2 || (end == b.2 && b.3 && !purpose)) {
                        best = Some((idx, ti + k + 1, end, purpose));
                        start_off = if r.article == Article::Full { r.proclitics } else { r.stem };
                    }
                }
            });
        });
        best.map(|(i, e, _, p)| (i, e, p, start_off))
    }

    fn code(&self, c: &Ctx<'_, '_>, idx: u32, trig_toks: Range<usize>, start_off: usize) -> Vec<Event> {
        let trig = &self.triggers[idx as usize];
        let ti = trig_toks.start;
        let sent = c.a.tok.sentence_of(ti);
        let s_toks = c.a.tok.sentences[sent].tokens.clone();
        // Lexical vetoes.
        let next = (trig_toks.end < s_toks.end).then(|| c.stem(trig_toks.end));
        // The word before, over a number ("ضبط 22 قذيفة", "حصيلة 30 قتيلا").
        let mut p = ti;
        if p > s_toks.start + 1 && c.word(p - 1).bytes().all(|b| b.is_ascii_digit()) {
            p -= 1;
        }
        let prev = (p > s_toks.start).then(|| c.stem(p - 1));
        if next.is_some_and(|n| trig.constraints.not_next.iter().any(|w| w == n))
            || prev.is_some_and(|p| trig.constraints.not_prev.iter().any(|w| w == p))
            || (!trig.constraints.not_in_sentence.is_empty()
                && s_toks.clone().any(|k| trig.constraints.not_in_sentence.iter().any(|w| w == c.stem(k))))
        {
            return Vec::new();
        }
        if trig.constraints.light_verb {
            return Vec::new(); // the following noun carries the event
        }
        let (left, right) = c.clause(ti, trig_toks.end, &s_toks);
        // Future, permission or hypothesis in the clause: not a realized event.
        let near: Vec<&str> = (s_toks.start.max(ti.saturating_sub(3))..ti).map(|k| c.word(k)).collect();
        let clause_before: Vec<&str> = (c.clause_start(ti, &s_toks)..ti).map(|k| c.strip_conj(c.word(k))).collect();
        let after_words: Vec<&str> = (trig_toks.end..s_toks.end.min(trig_toks.end + 3)).map(|k| c.word(k)).collect();
        if near.iter().any(|w| FUTURE_WORDS.contains(&c.strip_conj(w)))
            || after_words.iter().any(|w| MODAL_AFTER.contains(w))
            || clause_before.iter().any(|w| HYPOTHETICAL.contains(w))
        {
            return Vec::new();
        }
        // "النائب الذي قتل في تفجير": a relative clause gives background about someone, it
        // does not report the event.
        if near.iter().rev().take(2).any(|w| RELATIVES.contains(w)) {
            return Vec::new();
        }
        let negations = crate::lang::set("negation");
        let negated = near.iter().any(|w| negations.contains(c.strip_conj(w)));

        let mut rule = String::new();
        let mut actors: Vec<usize> = Vec::new();
        let mut recipients: Vec<usize> = Vec::new();

        // Anchor for subject search: a light verb (or its verbal noun) just before a noun trigger.
        let mut anchor = ti;
        let mut light = false;
        if trig.pos == Pos::Noun {
            for k in (left.max(ti.saturating_sub(2))..ti).rev() {
                let w = c.strip_conj(c.word(k));
                if LIGHT_VERBS.contains(&w) || LIGHT_NOUNS.contains(&c.stem(k)) {
                    anchor = k;
                    light = true;
                    break;
                }
            }
        }
        // "لشن غارات": a light verbal noun with purpose ل.
        if light && anchor < ti && c.word(anchor).starts_with('ل') && LIGHT_NOUNS.contains(&c.stem(anchor)) {
            return Vec::new();
        }
        let after = c.mentions_in(trig_toks.end..right);
        let before_m = c.mentions_in(left..anchor);
        let reporter = c.reporter(&s_toks, ti);

        if trig.kind == "CONSULT" && trig.pos == Pos::Noun {
            // "بين X و Y"
            if let Some(k) = (trig_toks.end..right.min(trig_toks.end + 4)).find(|&k| c.word(k) == "بين") {
                let group = c.coordinated(c.mentions_in(k + 1..right).first().copied(), right, true);
                if group.len() >= 2 {
                    actors.push(group[0]);
                    recipients.extend(&group[1..]);
                    rule = format!("{}:between", trig.id);
                }
            }
        }
        if rule.is_empty() {
            let first_after = after.first().copied();
            let adjacent_after = first_after.filter(|&m| c.a.mentions[m].tokens.start == trig_toks.end && !c.has_prep(m));
            let violent = matches!(trig.kind.as_str(), "ASSAULT" | "COERCE");
            // SVO with the subject right before the verb ("إسرائيل شنت", "بوتين وترامب اجتمعا").
            let subject_before = (trig.pos == Pos::Verb || light)
                .then(|| anchor.checked_sub(1).and_then(|k| c.owner[k]))
                .flatten()
                .filter(|&m| {
                    k_end(c, m) == anchor
                        && c.gap_is_space(anchor - 1, anchor)
                        && !c.has_prep(m)
                        && c.is_agent(m, true)
                        && !c.is_reporter_subject(m)
                });
            if let Some(m) = subject_before {
                actors = c.coordinated_back(m, left);
                rule = format!("{}:svo", trig.id);
            } else if trig.pos == Pos::Noun
                && adjacent_after.is_some_and(|m| (violent && (c.is_victim(m) || c.is_generic(m))) || trig.kind == "SANCTION")
            {
                // The genitive of a violent or sanctioning verbal noun is usually its object:
                // "تحييد عناصر", "مقتل مدنيين", "تعليق عضوية روسيا".
                recipients = c.coordinated(adjacent_after, right, false);
                rule = format!("{}:idafa-object", trig.id);
            } else if trig.pos == Pos::Noun && adjacent_after.is_some_and(|m| c.is_agent(m, true)) {
                // إضافة: "غارات التحالف", "محادثات جيفري"
                actors = c.coordinated(adjacent_after, right, true);
                rule = format!("{}:idafa", trig.id);
            } else if trig.pos == Pos::Verb || light {
                // VSO: the first agent after the verb without a preposition, unless it is a victim.
                let from = if light { anchor + 1 } else { trig_toks.end };
                // The subject follows the verb directly, or after adverbs of time ("أمس").
                let mut k = from;
                while k < right && c.owner[k].is_none() && c.in_list(c.word(k), SKIP_AFTER_REPORT) {
                    k += 1;
                }
                let subject = (k < right).then(|| c.owner[k]).flatten().filter(|&m| c.a.mentions[m].tokens.start == k);
                if let Some(m) = subject.filter(|&m| !c.has_prep(m) && c.is_agent(m, true) && !c.is_victim(m)) {
                    if c.a.mentions[m].tokens.start < ti || trig.pos == Pos::Verb {
                        actors = c.coordinated(Some(m), right, true);
                        rule = format!("{}:vso", trig.id);
                    }
                }
            }
            if actors.is_empty() && trig.pos == Pos::Noun && matches!(trig.kind.as_str(), "ASSAULT" | "COERCE" | "MOBILIZE") {
                // "غارات للتحالف": ل after a violent verbal noun without an idafa agent marks the
                // agent (after "مساعدات" it marks the beneficiary).
                if let Some(m) = after.iter().copied().take(1).find(|&m| {
                    c.prep_before(m) == Some("ل") && c.a.mentions[m].tokens.start <= trig_toks.end + 2 && c.is_agent(m, true) && !c.is_victim(m)
                }) {
                    actors = vec![m];
                    rule = format!("{}:lam-agent", trig.id);
                }
            }
            if actors.is_empty() {
                // SVO (or the subject of the light verb): the nearest agent before, not after a
                // preposition, and not the subject of a reporting verb (that one reports).
                if let Some(&m) = before_m.iter().rev().find(|&&m| !c.has_prep(m) && c.is_agent(m, true)) {
                    let reports = c.is_reporter_subject(m);
                    if !reports || light {
                        actors = c.coordinated_back(m, left);
                        rule = format!("{}:svo", trig.id);
                    }
                }
            }
            // Recipient: after the trigger (and after the actor), marked by a preposition or a
            // direct object; for passives, the victim right after the verb.
            let after_actor = actors
                .iter()
                .map(|&m| c.a.mentions[m].tokens.end)
                .max()
                .unwrap_or(trig_toks.end)
                .max(trig_toks.end);
            let violent = matches!(trig.kind.as_str(), "ASSAULT" | "COERCE" | "THREATEN" | "SANCTION");
            for &m in after.iter().filter(|&&m| c.a.mentions[m].tokens.start >= after_actor && !actors.contains(&m)) {
                if !recipients.is_empty() {
                    break;
                }
                let prep = c.prep_before(m);
                let target = match prep {
                    Some("مع") => trig.kind == "CONSULT" || trig.kind == "COOPERATE" || trig.kind == "AGREE",
                    Some("ب") => violent && matches!(c.a.mentions[m].kind, EntityType::PER | EntityType::ORG),
                    Some(p) => RECIPIENT_PREPS.contains(&p),
                    // A direct object follows the verb (and its subject) closely.
                    None => c.a.mentions[m].tokens.start <= after_actor + 1,
                };
                if target && (c.is_agent(m, false) || c.is_victim(m)) {
                    recipients = c.coordinated(Some(m), right, false);
                    break;
                }
            }
            // CONSULT with coordinated subjects: "بوتين وترامب اجتمعا" — the co-subjects are the
            // two sides; anything after is context ("على هامش قمة العشرين").
            if trig.kind == "CONSULT" && actors.len() >= 2 {
                recipients = actors.split_off(1);
            }
            if rule.is_empty() {
                rule = format!("{}:{}", trig.id, if recipients.is_empty() { "bare" } else { "object" });
            }
        }
        let eid = |m: &usize| c.a.mentions[*m].entity;
        recipients.retain(|r| !actors.contains(r) && !actors.iter().any(|a| eid(a).is_some() && eid(a) == eid(r)));
        // "عناصر من العمال الكردستاني", "مسلحون من داعش": the named group after a partitive من
        // is the real argument.
        for list in [&mut actors, &mut recipients] {
            for m in list.iter_mut() {
                if let Some(named) = c.partitive(*m) {
                    *m = named;
                }
            }
        }
        // Location: a place in the clause introduced by a place preposition or cue, after the
        // trigger first, then before it; not one already used as actor/recipient.
        let used: Vec<usize> = actors.iter().chain(&recipients).copied().collect();
        let is_place = |m: usize| matches!(c.a.mentions[m].kind, EntityType::LOC | EntityType::FAC) && !used.contains(&m);
        let location = after
            .iter()
            .chain(before_m.iter().rev())
            .copied()
            .find(|&m| is_place(m) && c.place_marked(m))
            .map(|m| c.most_specific_place(m));
        let time = c.time_near(ti, &s_toks);

        if trig.constraints.needs_actor && actors.is_empty() || trig.constraints.needs_recipient && recipients.is_empty() {
            return Vec::new();
        }
        let mut conf = trig.confidence;
        if !actors.is_empty() {
            conf += 0.1;
        }
        if !recipients.is_empty() {
            conf += 0.05;
        }
        if location.is_some() {
            conf += 0.05;
        }
        let conf = conf.min(0.99);

        // The trigger span drops proclitics and keeps the article ("الغارات", "وافقت").
        let trigger_span = c.span(c.a.tok.tokens[ti].norm.start + start_off..c.a.tok.tokens[trig_toks.end - 1].norm.end);
        let evidence = c.a.ci.span(c.a.tok.sentences[sent].span.clone());
        let a_list: Vec<Option<usize>> = if actors.is_empty() { vec![None] } else { actors.iter().map(|&m| Some(m)).collect() };
        let r_list: Vec<Option<usize>> = if recipients.is_empty() { vec![None] } else { recipients.iter().map(|&m| Some(m)).collect() };
        let mut out = Vec::new();
        for &am in &a_list {
            for &rm in &r_list {
                out.push(Event {
                    kind: trig.kind.clone(),
                    mode: trig.mode.clone(),
                    cameo: trig.cameo.clone(),
                    trigger: trigger_span.clone(),
                    actor: am.map(|m| c.argument(m)),
                    recipient: rm.map(|m| c.argument(m)),
                    location: location.map(|m| c.argument(m)),
                    time: time.map(|t| TimeArg {
                        span: c.span(t.start..t.end),
                        date: t.value.map(|v| cap_to_date(v, c.a.date).to_iso()),
                    }),
                    negated,
                    reported_by: reporter.as_ref().filter(|(m, _)| m.is_none() || *m != am).map(|(_, sp)| sp.clone()),
                    sentence: sent,
                    rule: rule.clone(),
                    confidence: (conf * 100.0).round() / 100.0,
                    evidence: vec![evidence.clone()],
                });
            }
        }
        out
    }
}

impl DataFile {
    pub(crate) fn kind_is(&self, k: FileKind) -> bool {
        self.kind() == k
    }
}

/// Words that open a new clause: arguments of a trigger are not looked for beyond them.
const CLAUSE_OPENERS: &[&str] = &["ان", "انه", "انها", "انهم", "قايلا", "مضيفا", "موكدا", "مشيرا", "معتبرا", "حيث", "الذي", "التي", "الذين", "لكن", "بينما", "فيما", "بعدما", "عندما", "لان", "كي", "حتي"];
/// Modal words right after a trigger noun: "ضربات جوية يمكن أن تستهدف".
const MODAL_AFTER: &[&str] = &["يمكن", "قد", "سوف", "محتمله", "محتمل", "مرتقبه", "مرتقب", "مزمع", "مزمعه", "وشيك", "وشيكه"];
const RELATIVES: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"];
const FUTURE_WORDS: &[&str] = &[
    "سوف", "ستقوم", "سيقوم", "تعتزم", "يعتزم", "ربما", "اذا", "لو", "يمكن", "يمكنه", "يمكنها", "يمكنهم", "يمكننا", "محتمل",
    "المحتمل", "تهدد", "يهدد", "هدد", "هددت", "هددوا", "يهددون", "تهديد", "بتهديد", "تخطط", "يخطط", "لمنع", "منع", "يستطيع",
    "تستطيع", "نستطيع", "يستطيعون", "قصد", "بقصد", "بهدف",
];
/// Words that put everything after them in the clause in a hypothetical or permissive frame
/// ("تسمح للجيش بتوجيه ضربات", "في حال شن هجوم").
const HYPOTHETICAL: &[&str] = &["تسمح", "يسمح", "السماح", "حال", "حالة", "احتمال", "امكانيه", "بامكان", "قادره", "قادر", "تريد", "يريد", "سيناريو", "خطر", "خطط", "خطه", "تحذر", "يحذر", "حذر", "حذرت", "تحذير", "مخاوف", "تخوف", "لتفادي", "لتجنب"];
/// Verbal nouns of light verbs: "أعلنت القيادة شنّ غارة" (the announcer carried it out).
const LIGHT_NOUNS: &[&str] = &["شن", "تنفيذ", "قيام", "اجراء", "عقد", "فرض", "توجيه"];
const LIGHT_VERBS: &[&str] = &["شن", "شنت", "شنوا", "يشن", "تشن", "نفذ", "نفذت", "نفذوا", "ينفذ", "تنفذ", "قام", "قامت", "قاموا", "يقوم", "تقوم", "اجري", "اجرت", "يجري", "تجري", "عقد", "عقدت", "يعقد", "تعقد", "نظم", "نظمت", "ينظم", "تنظم", "فرض", "فرضت", "يفرض", "تفرض", "وجه", "وجهت", "يوجه", "توجه"];
/// Nouns between a preposition and the targeted actor: "على مواقع إيران".
const TARGET_HEADS: &[&str] = &["مواقع", "موقع", "مقر", "مقرات", "مراكز", "مركز", "معاقل", "معقل", "تجمعات", "تجمع", "قوات", "عناصر", "مسلحي", "مقاتلي", "قاده", "قيادات", "قياده", "منزل", "مواكب", "موكب", "دوريه", "دوريات", "ثكنه", "مخازن", "مستودعات", "اهداف", "نقاط", "حواجز", "سفاره", "مصالح"];
const AGENT_HEADS: &[&str] = &["الجانب", "الطرف", "القوات", "قوات", "الجيش", "الحكومه", "المسوولون", "المسوولين", "مسوولون", "مسوولين", "الوفد", "وفد", "الطيران", "السلطات", "الرياسه", "الخارجيه", "الدفاع", "البحريه", "الشرطه", "الامن"];
const ORG_HEADS: &[&str] = &["تنظيم", "حركه", "جماعه", "هييه", "وزاره", "الوزاره", "جيش", "قوات", "ميليشيا"];
const SKIP_AFTER_REPORT: &[&str] = &["وقتها", "حينها", "امس", "اليوم", "لاحقا", "ايضا", "رسميا"];
const REPORT_NOUNS: &[&str] = &["مصادر", "مصدر", "بيان", "ناشطون", "ناشطين", "شهود", "مسوولون", "مسوول", "مراسل", "تقارير", "تقرير", "وكاله", "المرصد"];
const DIRECTION_WORDS: &[&str] = &["الغربي", "الشرقي", "الشمالي", "الجنوبي", "الشمالي الغربي", "الغربيه", "الشرقيه", "الشماليه", "الجنوبيه", "الاوسط", "شمالا", "جنوبا", "شرقا", "غربا"];
const RECIPIENT_PREPS: &[&str] = &["علي", "ضد", "ل", "بحق", "الي", "تجاه", "نحو", "استهدف", "استهدفت"];
const PLACE_PREPS: &[&str] = &["في", "ب", "قرب", "هامش", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ريف", "محافظه", "مدينه", "بلده", "قريه", "منطقه", "داخل", "اطراف", "محيط", "من"];
const REPORT_CUES: &[&str] = &["وفق", "وفقا", "حسب", "بحسب", "حسبما", "نقلا", "افاد", "افادت", "ذكر", "ذكرت", "قال", "قالت", "اعلن", "اعلنت", "اكد", "اكدت", "اوضح", "اوضحت", "اشار", "اشارت"];

/// Per-document view with token → mention lookups.
/// The shortest reading of `w` without proclitics (future س and contracted لل excluded).
fn stem_of(w: &str) -> &str {
    let mut s = w;
    for_each_reading(w, |r| {
        if !r.future && r.article != Article::Contracted && w[r.stem..].len() < s.len() {
            s = &w[r.stem..];
        }
    });
    s
}

struct Ctx<'a, 'b> {
    a: &'a Analysis<'b>,
    norm: &'a str,
    owner: Vec<Option<usize>>,
    /// Token → the bare title mention ending there ("للرئيس" in "للرئيس الروسي بوتين").
    title_end: Vec<Option<usize>>,
    times: &'a [TimeMention],
    /// Token → its shortest non-future stem, computed on first use and kept: the lexical vetoes
    /// of every trigger candidate scan whole sentences of stems.
    stems: Vec<std::cell::OnceCell<&'a str>>,
}

impl<'a, 'b> Ctx<'a, 'b> {
    fn new(a: &'a Analysis<'b>, times: &'a [TimeMention]) -> Self {
        let mut owner = vec![None; a.tok.tokens.len()];
        let mut title_end = vec![None; a.tok.tokens.len()];
        for (i, m) in a.mentions.iter().enumerate() {
            if m.title.is_some() && m.entity.is_none() {
                if m.tokens.end > 0 {
                    title_end[m.tokens.end - 1] = Some(i);
                }
                continue;
            }
            for k in m.tokens.clone() {
                owner[k].get_or_insert(i);
            }
        }
        let norm = a.nt.normalized();
        let stems = vec![std::cell::OnceCell::new(); a.tok.tokens.len()];
        Ctx { a, norm, owner, title_end, times, stems }
    }

    fn word(&self, k: usize) -> &'a str {
        &self.norm[self.a.tok.tokens[k].norm.clone()]
    }

    /// `w` or `w` without its conjunction is in `list` ("وفق" is a word, not و + فق).
    fn in_list(&self, w: &str, list: &[&str]) -> bool {
        list.contains(&w) || list.contains(&self.strip_conj(w))
    }

    fn strip_conj<'w>(&self, w: &'w str) -> &'w str {
        w.strip_prefix(['و', 'ف']).filter(|r| r.chars().count() >= 2).unwrap_or(w)
    }

    /// The word without proclitics and article (shortest admissible stem).
    fn stem(&self, k: usize) -> &'a str {
        self.stems[k].get_or_init(|| stem_of(self.word(k)))
    }

    fn stem_offset(&self, k: usize) -> usize {
        // The trigger span keeps the article ("الغارات") but drops و/ف/ب/ل clitics.
        let w = self.word(k);
        let mut off = 0;
        for_each_reading(w, |r| {
            if r.article == Article::Full && r.proclitics > 0 && off == 0 {
                off = r.proclitics;
            }
        });
        if off == 0 && w.chars().count() >= 4 && (w.starts_with('و') || w.starts_with('ف')) {
            off = 'و'.len_utf8();
        }
        off
    }

    fn span(&self, norm: Range<usize>) -> Span {
        self.a.ci.span(self.a.nt.to_original(norm))
    }

    fn mentions_in(&self, toks: Range<usize>) -> Vec<usize> {
        let mut v: Vec<usize> = toks.filter_map(|k| self.owner[k]).collect();
        v.dedup();
        v
    }

    /// Can mention `m` fill an actor (or, with `as_actor` false, a recipient) slot?
    /// Persons and organizations can; countries can; big cities only as actors (metonymy:
    /// "واشنطن", "موسكو"); a nationality adjective only when it names the people ("الروس",
    /// "الأميركيون") or follows a head noun like "الجانب"/"القوات", not when it modifies a noun.
    fn is_agent(&self, m: usize, as_actor: bool) -> bool {
        let mm = &self.a.mentions[m];
        match mm.kind {
            EntityType::PER | EntityType::ORG => true,
            EntityType::NORP => {
                let w = &self.norm[mm.norm.clone()];
                let head = mm.tokens.start > 0 && {
                    let k = mm.tokens.start - 1;
                    self.owner[k].is_none() && AGENT_HEADS.contains(&self.strip_conj(self.word(k)))
                };
                let modifier = mm.tokens.start > 0 && self.owner[mm.tokens.start - 1].is_some();
                !modifier && (head || !(w.ends_with('ي') || w.ends_with('ه')))
            }
            EntityType::LOC => mm
                .entity
                .map(|e| {
                    let r = &self.a.gazetteer.entities[e as usize];
                    // Countries (and, as actors, capitals and big cities) act; villages do not.
                    r.rank <= 2 || (as_actor && r.population >= 1_000_000)
                })
                .unwrap_or(false),
            _ => false,
        }
    }

    /// The named group in "GENERIC من NAMED" right after mention `m`.
    fn partitive(&self, m: usize) -> Option<usize> {
        if !self.is_generic(m) {
            return None;
        }
        let k = self.a.mentions[m].tokens.end;
        if k + 1 >= self.owner.len() || self.word(k) != "من" {
            return None;
        }
        self.owner[k + 1].filter(|&n| {
            self.a.mentions[n].tokens.start == k + 1 && matches!(self.a.mentions[n].kind, EntityType::ORG | EntityType::PER) && !self.is_generic(n)
        })
    }

    /// A nameless generic agent ("عناصر", "مسلحون"), not a named actor.
    fn is_generic(&self, m: usize) -> bool {
        self.a.mentions[m].entity.is_some_and(|e| self.a.gazetteer.entities[e as usize].id.starts_with("kh:agent-"))
    }

    fn is_victim(&self, m: usize) -> bool {
        let mm = &self.a.mentions[m];
        mm.entity.is_some_and(|e| self.a.gazetteer.entities[e as usize].sector.as_deref() == Some("CVL"))
    }

    /// The preposition marking mention `m`: its own clitic (ب، ل) or the word before it.
    fn prep_before(&self, m: usize) -> Option<&'static str> {
        // A title phrase before a name is transparent: in "للرئيس الروسي فلاديمير بوتين" the
        // preposition on the title marks the person.
        let start = self.a.mentions[m].tokens.start;
        // The title ends right before the name, or one nationality adjective before it.
        for back in [1usize, 2] {
            let Some(k) = start.checked_sub(back) else { break };
            if let Some(t) = self.title_end[k] {
                if (k + 1..start).all(|j| self.owner[j].is_some_and(|n| self.a.mentions[n].kind == EntityType::NORP)) {
                    return self.prep_of(t);
                }
            }
        }
        self.prep_of(m)
    }

    fn prep_of(&self, m: usize) -> Option<&'static str> {
        let mm = &self.a.mentions[m];
        if let Some(cl) = &mm.clitic {
            let cl = &self.norm[cl.clone()];
            let cl = cl.trim_start_matches(['و', 'ف']);
            if cl.starts_with('ب') {
                return Some("ب");
            }
            if cl.starts_with('ل') {
                return Some("ل");
            }
        }
        let k = mm.tokens.start;
        if k == 0 {
            return None;
        }
        let p = self.strip_conj(self.word(k - 1));
        let direct = RECIPIENT_PREPS.iter().chain(PLACE_PREPS).chain(["مع", "عن", "بين", "لدى"].iter()).find(|&&x| x == p).copied();
        if direct.is_some() || k < 2 {
            return direct;
        }
        // "على مواقع إيران", "ضد قيادة تنظيم القاعدة": a preposition governing one or two head
        // nouns before the name.
        let is_head = |j: usize| TARGET_HEADS.contains(&self.stem(j)) || ORG_HEADS.contains(&self.word(j));
        let mut j = k;
        while j > 0 && k - j < 2 && self.owner[j - 1].is_none() && is_head(j - 1) {
            j -= 1;
            let own = self.word(j);
            // The head itself may carry the clitic: "لمواقع", "بمقرات".
            if own.starts_with('ل') || own.starts_with("ول") {
                return Some("ل");
            }
            if j > 0 {
                let p2 = self.strip_conj(self.word(j - 1));
                if let Some(x) = RECIPIENT_PREPS.iter().find(|&&x| x == p2) {
                    return Some(x);
                }
            }
        }
        None
    }

    fn has_prep(&self, m: usize) -> bool {
        self.prep_before(m).is_some()
    }

    fn place_marked(&self, m: usize) -> bool {
        self.prep_before(m).is_some_and(|p| PLACE_PREPS.contains(&p))
    }

    /// Clause limits around a trigger: up to `،` `؛` `:` or 12 tokens after, 8 before.
    fn clause(&self, ti: usize, end: usize, s: &Range<usize>) -> (usize, usize) {
        let toks = &self.a.tok.tokens;
        let breaks = |a: usize, b: usize| {
            let gap = &self.norm[toks[a].norm.end..toks[b].norm.start];
            gap.contains(['،', '؛', ':', ';', ','])
        };
        let mut left = ti;
        while left > s.start && ti - left < 8 && !breaks(left - 1, left) {
            left -= 1;
        }
        let mut right = end;
        while right < s.end
            && right - end < 12
            && (right == end || !breaks(right - 1, right))
            && (right == end || !CLAUSE_OPENERS.contains(&self.strip_conj(self.word(right))))
        {
            right += 1;
        }
        (left, right)
    }

    /// An id for the clause of token `ti`: the token that opens it (a punctuation break, a
    /// reporting verb or a clause opener), searched backwards within the sentence.
    fn clause_id(&self, ti: usize) -> usize {
        let s = &self.a.tok.sentences[self.a.tok.sentence_of(ti)].tokens;
        let mut k = self.clause_start(ti, s);
        for j in (k..ti).rev() {
            let w = self.word(j);
            if self.in_list(w, REPORT_CUES) || self.in_list(w, CLAUSE_OPENERS) {
                k = j;
                break;
            }
        }
        k
    }

    /// Only spaces (or quotes) between tokens `a` and `b`.
    fn gap_is_space(&self, a: usize, b: usize) -> bool {
        let toks = &self.a.tok.tokens;
        self.norm[toks[a].norm.end..toks[b].norm.start].chars().all(|c| c == ' ' || c == '"' || c == '«' || c == '»')
    }

    /// The first token after the last clause break (، ؛ :) before `ti` in its sentence.
    fn clause_start(&self, ti: usize, s: &Range<usize>) -> usize {
        let toks = &self.a.tok.tokens;
        let mut k = ti;
        while k > s.start && !self.norm[toks[k - 1].norm.end..toks[k].norm.start].contains(['،', '؛', ':', ';', ',']) {
            k -= 1;
        }
        k
    }

    /// A mention and the ones coordinated with it by و ("بوتين وترامب").
    fn coordinated(&self, first: Option<usize>, right: usize, as_actor: bool) -> Vec<usize> {
        let Some(mut m) = first else { return Vec::new() };
        let mut v = vec![m];
        while let Some(n) = self.owner.get(self.a.mentions[m].tokens.end).copied().flatten() {
            if n == m || self.a.mentions[n].tokens.start >= right {
                break;
            }
            let conj = self.a.mentions[n].clitic.as_ref().is_some_and(|c| self.norm[c.clone()].starts_with('و'));
            if !conj || !(self.is_agent(n, as_actor) || self.is_victim(n)) {
                break;
            }
            v.push(n);
            m = n;
        }
        v
    }

    /// The mention `m` and those coordinated before it ("X و Y" with `m` = Y).
    fn coordinated_back(&self, m: usize, left: usize) -> Vec<usize> {
        let mut v = vec![m];
        let mut cur = m;
        while self.a.mentions[cur].clitic.as_ref().is_some_and(|c| self.norm[c.clone()].starts_with('و')) {
            let start = self.a.mentions[cur].tokens.start;
            if start == 0 || start - 1 < left {
                break;
            }
            match self.owner[start - 1] {
                Some(p) if p != cur && self.is_agent(p, true) => {
                    v.insert(0, p);
                    cur = p;
                }
                _ => break,
            }
        }
        v
    }

    /// "منذ مايو", "حتى يوليو": a reference point, not the time of the event.
    fn time_is_reference(&self, t: &TimeMention) -> bool {
        let before = self.norm[..t.start].trim_end();
        let prev = before.rsplit(|c: char| !crate::tokenize::is_word_char(c)).next().unwrap_or("");
        matches!(prev, "منذ" | "حتي" | "لغايه" | "ومنذ")
    }

    fn time_near(&self, ti: usize, s: &Range<usize>) -> Option<&'a TimeMention> {
        let toks = &self.a.tok.tokens;
        let (lo, hi) = (toks[s.start].norm.start, toks[s.end - 1].norm.end);
        let at = toks[ti].norm.start;
        // `times` are in text order: only those of this sentence are looked at.
        let first = self.times.partition_point(|t| t.start < lo);
        self.times[first..]
            .iter()
            .take_while(|t| t.start < hi)
            .filter(|t| t.end <= hi && !self.time_is_reference(t))
            .min_by_key(|t| if t.start >= at { t.start - at } else { (at - t.end) * 2 })
    }

    /// Is mention `m` the subject of a reporting verb ("أعلن تنظيم X ...", "قالت الوزارة")?
    fn is_reporter_subject(&self, m: usize) -> bool {
        let start = self.a.mentions[m].tokens.start;
        (start.saturating_sub(3)..start).any(|k| {
            self.in_list(self.word(k), REPORT_CUES) && (k + 1..start).all(|j| self.owner[j].is_none())
        })
    }

    /// Who reports: "وفق البيان", "أفادت مصادر", "أعلن تنظيم X". Returns the reporting
    /// mention (if it is one) and the span.
    fn reporter(&self, s: &Range<usize>, ti: usize) -> Option<(Option<usize>, Span)> {
        for k in s.clone() {
            if !self.in_list(self.word(k), REPORT_CUES) || k == ti {
                continue;
            }
            let mut j = k + 1;
            while j < s.end
                && j < k + 3
                && self.owner[j].is_none()
                && (self.in_list(self.word(j), SKIP_AFTER_REPORT) || ORG_HEADS.contains(&self.word(j)))
            {
                j += 1;
            }
            if j >= s.end {
                continue;
            }
            if let Some(m) = self.owner[j] {
                let mm = &self.a.mentions[m];
                // Include a cue word before the name ("تنظيم "حراس الدين"").
                let from = if j > k + 1 && ORG_HEADS.contains(&self.word(j - 1)) { self.a.tok.tokens[j - 1].norm.start } else { mm.norm.start };
                return Some((Some(m), self.span(from..mm.norm.end)));
            }
            let nw = self.stem(j);
            if REPORT_NOUNS.contains(&nw) {
                let t = &self.a.tok.tokens[j];
                let off = self.stem_offset(j);
                return Some((None, self.span(t.norm.start + off..t.norm.end)));
            }
        }
        None
    }

    /// A place followed by a more specific one in the same phrase ("ريف حلب الغربي
    /// "الراشدين"") resolves to the more specific one.
    fn most_specific_place(&self, m: usize) -> usize {
        let mut best = m;
        let mut k = self.a.mentions[m].tokens.end;
        let limit = k + 3;
        while k < self.a.tok.tokens.len() && k < limit {
            match self.owner[k] {
                Some(n) if n != best => {
                    let nn = &self.a.mentions[n];
                    if !matches!(nn.kind, EntityType::LOC | EntityType::FAC) || self.prep_before(n).is_some_and(|p| p != "ب") {
                        break;
                    }
                    let pop = |i: usize| self.a.mentions[i].entity.map(|e| self.a.gazetteer.entities[e as usize].population).unwrap_or(0);
                    if pop(n) <= pop(best) || self.a.mentions[best].entity.is_some_and(|e| self.a.gazetteer.entities[e as usize].rank <= 2) {
                        best = n;
                    }
                    k = nn.tokens.end;
                }
                Some(_) => k += 1,
                None => {
                    // Adjectives of direction may sit between ("الغربي").
                    if !DIRECTION_WORDS.contains(&self.word(k)) {
                        break;
                    }
                    k += 1;
                }
            }
        }
        best
    }

    fn argument(&self, m: usize) -> Argument {
        let mm = &self.a.mentions[m];
        let g = self.a.gazetteer;
        let r = self.a.referent(mm);
        let level = match mm.entity.map(|e| &g.entities[e as usize]) {
            Some(r) if r.rank == 2 => 0,
            Some(r) if r.kind == EntityType::LOC && r.population >= 1_000_000 => 1,
            Some(_) => 2,
            None => 1,
        };
        let mut arg = Argument {
            span: self.span(mm.norm.clone()),
            entity_id: r.entity_id,
            name: r.name,
            country: r.country,
            code: r.code,
            geo: r.geo,
            level,
        };
        // A following nationality adjective gives a country to generic agents ("قوات الأمن العراقية").
        if arg.country.is_none() {
            if let Some(n) = self.owner.get(mm.tokens.end).copied().flatten() {
                if let Some(nat) = self.a.mentions[n].nationality {
                    arg.country = g.nationalities[nat as usize].country.clone();
                }
            }
        }
        arg
    }
}

fn k_end(c: &Ctx<'_, '_>, m: usize) -> usize {
    c.a.mentions[m].tokens.end
}

/// News reports past events: a range that straddles the document date ("بداية الشهر الحالي"
/// written on the 7th) ends at the document date.
fn cap_to_date(v: DateValue, date: Option<NaiveDate>) -> DateValue {
    match (v, date) {
        (DateValue::Range(a, b), Some(d)) if a <= d && d < b => {
            if a == d {
                DateValue::Day(d)
            } else {
                DateValue::Range(a, d)
            }
        }
        _ => v,
    }
}

fn arg_key(a: &Option<Argument>) -> Option<String> {
    a.as_ref().map(|x| x.entity_id.clone().or_else(|| x.name.clone()).unwrap_or_else(|| x.span.text.clone()))
}

/// The same actor, or two actors of the same country ("الجيش الأميركي" / "الولايات المتحدة").
fn same_side(a: &Option<Argument>, b: &Option<Argument>) -> bool {
    arg_key(a) == arg_key(b)
        || matches!((a, b), (Some(x), Some(y)) if x.country.is_some() && x.country == y.country)
}

fn compatible(a: &Option<Argument>, b: &Option<Argument>) -> bool {
    a.is_none() || b.is_none() || arg_key(a) == arg_key(b)
}

/// The records of a document with the indexes that make merging linear in the number of
/// records (each lookup was a scan of every record so far: quadratic on long documents).
#[derive(Default)]
struct EventSet {
    events: Vec<Event>,
    /// Parallel to `events`: the clause each record was first found in (nondecreasing).
    clauses: Vec<usize>,
    /// (type, negated, actor, recipient, location) → records with these arguments, in order.
    by_args: rustc_hash::FxHashMap<ArgsKey, Vec<usize>>,
    /// Type → its latest record.
    last_of_kind: rustc_hash::FxHashMap<String, usize>,
}

type ArgsKey = (String, bool, Option<String>, Option<String>, Option<String>);

fn args_key(e: &Event) -> ArgsKey {
    (e.kind.clone(), e.negated, arg_key(&e.actor), arg_key(&e.recipient), arg_key(&e.location))
}

impl EventSet {
    /// One record per (type, actor, recipient, location): a restatement merges into the earlier
    /// record (keeping its evidence). Also merged:
    /// - in the same clause, a second trigger of the same type that adds no conflicting actor
    ///   ("شنّ غارة ضد X ... استهدفت منشأة قرب حلب", "استهداف ... ما أسفر عن مقتل"): one event
    ///   told twice, the later trigger only fills missing arguments;
    /// - in the next sentences, a bare restatement (no actor, no recipient) of the latest event
    ///   of the same type ("الغارة الجديدة").
    ///
    /// Records of the same trigger (the dyads of a compound actor) are never merged.
    fn merge_or_push(&mut self, ev: Event, clause: usize) {
        let key = args_key(&ev);
        let same = self
            .by_args
            .get(&key)
            .and_then(|ids| ids.iter().copied().find(|&i| self.events[i].trigger != ev.trigger));
        if let Some(i) = same {
            self.absorb_into(i, ev);
            return;
        }
        let bare = ev.actor.is_none() && ev.recipient.is_none();
        let continuation = |e: &Event| {
            e.kind == ev.kind
                && e.negated == ev.negated
                && e.trigger != ev.trigger
                && (ev.actor.is_none() || ev.rule.ends_with(":svo") || same_side(&e.actor, &ev.actor))
                && compatible(&e.recipient, &ev.recipient)
        };
        // Records of this clause are the last ones (clauses only grow).
        let in_clause = (0..self.events.len()).rev().take_while(|&i| self.clauses[i] >= clause);
        if let Some(i) = in_clause.filter(|&i| self.clauses[i] == clause).find(|&i| continuation(&self.events[i])) {
            let mut ev = ev;
            if !compatible(&self.events[i].actor, &ev.actor) {
                ev.actor = None;
            }
            self.absorb_into(i, ev);
            return;
        }
        // A restatement repeats the same trigger word ("غارة" ... "الغارة الجديدة"). Only the
        // latest record of the type can be restated; a restatement adds evidence, not arguments
        // (they may belong to its own clause).
        let trigger_id = |r: &str| r.split(':').next().unwrap_or("").to_string();
        let restatement = |e: &Event| {
            e.negated == ev.negated
                && bare
                && ev.sentence > e.sentence
                && ev.sentence - e.sentence <= 2
                && trigger_id(&e.rule) == trigger_id(&ev.rule)
        };
        if let Some(&i) = self.last_of_kind.get(&ev.kind).filter(|&&i| restatement(&self.events[i])) {
            add_evidence(&mut self.events[i], ev.evidence);
            return;
        }
        let i = self.events.len();
        self.by_args.entry(key).or_default().push(i);
        self.last_of_kind.insert(ev.kind.clone(), i);
        self.events.push(ev);
        self.clauses.push(clause);
    }

    /// Merges `ev` into record `i` and moves `i` to its new argument key if absorbing filled a slot.
    fn absorb_into(&mut self, i: usize, ev: Event) {
        let before = args_key(&self.events[i]);
        absorb(&mut self.events[i], ev);
        let after = args_key(&self.events[i]);
        if after != before {
            if let Some(ids) = self.by_args.get_mut(&before) {
                ids.retain(|&j| j != i);
            }
            let ids = self.by_args.entry(after).or_default();
            let at = ids.partition_point(|&j| j < i);
            ids.insert(at, i);
        }
    }
}

fn absorb(e: &mut Event, ev: Event) {
    // A filled slot is never copied into the other one: the victim of "قتل 37 شخصا" is not
    // also the attacker because "37 شخصا ... في هجوم استهدف" made it a subject.
    let same_arg = |a: &Option<Argument>, b: &Option<Argument>| a.is_some() && arg_key(a) == arg_key(b);
    if e.actor.is_none() && !same_arg(&ev.actor, &e.recipient) {
        e.actor = ev.actor;
    }
    if e.recipient.is_none() && !same_arg(&ev.recipient, &e.actor) {
        e.recipient = ev.recipient;
    }
    match (&e.location, &ev.location) {
        (None, _) => e.location = ev.location,
        (Some(a), Some(b)) if a.level < b.level && (a.country == b.country || a.country.is_none()) => e.location = ev.location,
        _ => {}
    }
    if e.time.is_none() {
        e.time = ev.time;
    }
    if e.reported_by.is_none() && ev.reported_by.as_ref().map(|r| &r.text) != e.actor.as_ref().map(|a| &a.span.text) {
        e.reported_by = ev.reported_by;
    }
    e.confidence = e.confidence.max(ev.confidence);
    add_evidence(e, ev.evidence);
}

/// Appends evidence sentences to a record. Evidence arrives in text order: a duplicate can only
/// be the last one.
fn add_evidence(e: &mut Event, evidence: Vec<Span>) {
    for s in evidence {
        if e.evidence.last() != Some(&s) {
            e.evidence.push(s);
        }
    }
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
}
