//! Event extraction: trigger lexicon → argument rules → PLOVER records.
//!
//! Triggers come from `events/triggers.tsv` ([`lexicon`]: verbs are inflected from their lemma,
//! nouns are listed). For each trigger in a sentence: the lexical vetoes of its row ([`vetoes`]),
//! the frame it is told in ([`status`]: negated, future, hypothetical), its arguments by Arabic
//! word order ([`arguments`]), then one record per dyad, merged with its restatements ([`merge`]).
//! Every record names the rule that fired.

mod arguments;
mod context;
mod lexicon;
mod merge;
mod status;
mod vetoes;

use std::ops::Range;

pub(crate) use crate::analysis::Analysis;
use crate::clitics::{for_each_reading, Article};
use crate::document::{Event, TimeArg};
use crate::error::Error;
use crate::gazetteer::DataFile;
use crate::lexicon::{KeyForm, Lexicon};

use context::{cap_to_date, Ctx};
use lexicon::{Pos, RuleId, Trigger};
use merge::EventSet;

pub use lexicon::verb_forms;

/// The 16 PLOVER event types (names as in the schema).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// A trigger found at a token.
struct Found {
    trigger: u32,
    end_tok: usize,
    /// "لتفجير": a purpose, not an event.
    purpose: bool,
    /// "سيزور": future prefix.
    future: bool,
    start_off: usize,
}

/// The compiled trigger lexicon and argument rules.
#[derive(Debug, Clone)]
pub struct EventRules {
    triggers: Vec<Trigger>,
    lexicon: Lexicon<u32>,
}

impl EventRules {
    /// Loads every trigger file among `files`.
    pub fn load(files: &[DataFile]) -> Result<EventRules, Error> {
        let (triggers, lexicon) = lexicon::load(files)?;
        Ok(EventRules { triggers, lexicon })
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
                Some(Found { end_tok, purpose: true, .. }) => ti = end_tok,
                Some(f) => {
                    let clause = ctx.clause_id(ti);
                    for (ev, rule) in self.code(&ctx, f.trigger, ti..f.end_tok, f.start_off, f.future) {
                        events.merge_or_push(ev, rule, clause);
                    }
                    ti = f.end_tok;
                }
                None => ti += 1,
            }
        }
        events.events
    }

    /// The trigger starting at token `ti`, if any (longest match, clitic-aware).
    fn trigger_at(&self, c: &Ctx<'_, '_>, ti: usize) -> Option<Found> {
        if c.owner[ti].is_some() {
            return None; // part of a name
        }
        let norm = c.norm;
        let t = &c.a.tok.tokens[ti];
        let w = &norm[t.norm.clone()];
        let mut best: Option<(u32, usize, usize, bool, bool)> = None; // (trigger, end token, end byte, purpose, future)
        let mut start_off = 0usize;
        // A trigger never runs past its sentence (a user form may contain a full stop).
        let in_sentence = &c.a.tok.tokens[ti..c.a.tok.sentence_end(ti)];
        for_each_reading(w, |r| {
            let pos = t.norm.start + r.stem;
            // "لتفجير", "ليفجر": ل on an indefinite verbal noun or an imperfect verb states a
            // purpose, not an event; "سيقصف" (future س) is not a realized event either: it is
            // coded as planned.
            let lam = r.article == Article::None && w[..r.proclitics].ends_with('ل');
            let purpose = lam || r.future;
            self.lexicon.walk(norm.as_bytes(), pos, |end, ps| {
                let Ok(k) = in_sentence.binary_search_by_key(&end, |t| t.norm.end) else { return };
                for &(idx, form) in ps {
                    if form != KeyForm::Plain {
                        continue;
                    }
                    let trig = &self.triggers[idx as usize];
                    let ok = match trig.pos {
                        Pos::Verb => r.article == Article::None,
                        // A participle (حال) is indefinite: "المتهمة", "الداعية" are nouns.
                        Pos::Noun => !r.future && !(trig.constraints.participle && r.article != Article::None),
                    };
                    if ok && best.is_none_or(|b| end > b.2 || (end == b.2 && b.3 && !purpose)) {
                        best = Some((idx, ti + k + 1, end, purpose, r.future && !lam));
                        start_off = if r.article == Article::Full { r.proclitics } else { r.stem };
                    }
                }
            });
        });
        best.map(|(trigger, end_tok, _, p, future)| Found { trigger, end_tok, purpose: p && !future, future, start_off })
    }

    /// The records of the trigger `idx` at tokens `trig_toks`: one per (actor, recipient) dyad.
    fn code(&self, c: &Ctx<'_, '_>, idx: u32, trig_toks: Range<usize>, start_off: usize, future: bool) -> Vec<(Event, RuleId)> {
        let trig = &self.triggers[idx as usize];
        let ti = trig_toks.start;
        let sent = c.a.tok.sentence_of(ti);
        let s_toks = c.a.tok.sentences[sent].tokens.clone();
        if vetoes::vetoed(c, trig, &trig_toks, &s_toks) || trig.constraints.light_verb {
            return Vec::new(); // a light verb: the following noun carries the event
        }
        let (mut left, right) = c.clause(ti, trig_toks.end, &s_toks);
        if trig.constraints.participle {
            left = s_toks.start.max(ti.saturating_sub(40));
        }
        let frame = status::frame(c, &trig_toks, &s_toks, future);
        let Some(roles) = arguments::roles(c, trig, &trig_toks, left, right) else { return Vec::new() };
        let reporter = c.reporter(&s_toks, ti);
        let (actors, recipients) = (&roles.actors, &roles.recipients);
        if trig.constraints.needs_actor && actors.is_empty() || trig.constraints.needs_recipient && recipients.is_empty() {
            return Vec::new();
        }
        let location = arguments::location(c, &roles, ti, &s_toks);
        let time = c.time_near(ti, &s_toks);
        let status = frame.status;
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
        let rule = RuleId { trigger: idx, construction: roles.construction };
        let rule_text = rule.display(&self.triggers).to_string();

        // The trigger span drops proclitics and keeps the article ("الغارات", "وافقت").
        let trigger_span = c.span(c.a.tok.tokens[ti].norm.start + start_off..c.a.tok.tokens[trig_toks.end - 1].norm.end);
        let evidence = c.a.ci.span(c.a.tok.sentences[sent].span.clone());
        let a_list: Vec<Option<usize>> = if actors.is_empty() { vec![None] } else { actors.iter().map(|&m| Some(m)).collect() };
        let r_list: Vec<Option<usize>> = if recipients.is_empty() { vec![None] } else { recipients.iter().map(|&m| Some(m)).collect() };
        let mut out = Vec::new();
        for &am in &a_list {
            for &rm in &r_list {
                let ev = Event {
                    kind: trig.kind,
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
                    negated: frame.negated,
                    reported_by: reporter.as_ref().filter(|(m, _)| m.is_none() || *m != am).map(|(_, sp)| sp.clone()),
                    status,
                    sentence: sent,
                    rule: rule_text.clone(),
                    confidence: (conf * 100.0).round() / 100.0,
                    evidence: vec![evidence.clone()],
                };
                out.push((ev, rule));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::PloverType;

    #[test]
    fn plover_names_match_the_enum() {
        for (s, t) in PLOVER_TYPES.iter().zip(PloverType::ALL) {
            assert_eq!(*s, t.as_str());
            assert_eq!(PloverType::parse(s), Some(t));
        }
    }
}
