//! Merging the mentions of one event into one record (DESIGN.md "Merging is for restatements only").

use rustc_hash::FxHashMap;

use super::lexicon::{Construction, RuleId};
use crate::document::{Argument, Event, PloverType, Span, Status};

pub(crate) fn arg_key(a: &Option<Argument>) -> Option<String> {
    a.as_ref().map(|x| x.entity_id.clone().or_else(|| x.name.clone()).unwrap_or_else(|| x.span.text.clone()))
}

/// The same actor, or two actors of the same country ("الجيش الأميركي" / "الولايات المتحدة").
fn same_side(a: &Option<Argument>, b: &Option<Argument>) -> bool {
    arg_key(a) == arg_key(b) || matches!((a, b), (Some(x), Some(y)) if x.country.is_some() && x.country == y.country)
}

fn compatible(a: &Option<Argument>, b: &Option<Argument>) -> bool {
    a.is_none() || b.is_none() || arg_key(a) == arg_key(b)
}

/// The records of a document with the indexes that make merging linear in the number of
/// records (each lookup was a scan of every record so far: quadratic on long documents).
#[derive(Default)]
pub(crate) struct EventSet {
    pub events: Vec<Event>,
    /// Parallel to `events`: the rule that made each record.
    rules: Vec<RuleId>,
    /// Parallel to `events`: the clause each record was first found in (nondecreasing).
    clauses: Vec<usize>,
    /// (type, negated, actor, recipient, location) → records with these arguments, in order.
    by_args: FxHashMap<ArgsKey, Vec<usize>>,
    /// Type → its latest record.
    last_of_kind: FxHashMap<PloverType, usize>,
}

type ArgsKey = (PloverType, bool, Status, Option<String>, Option<String>, Option<String>);

fn args_key(e: &Event) -> ArgsKey {
    (e.kind, e.negated, e.status, arg_key(&e.actor), arg_key(&e.recipient), arg_key(&e.location))
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
    pub fn merge_or_push(&mut self, ev: Event, rule: RuleId, clause: usize) {
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
                && e.status == ev.status
                && e.trigger != ev.trigger
                && (ev.actor.is_none() || rule.construction == Construction::Svo || same_side(&e.actor, &ev.actor))
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
        let restatement = |i: usize| {
            let e = &self.events[i];
            e.negated == ev.negated
                && e.status == ev.status
                && bare
                && ev.sentence > e.sentence
                && ev.sentence - e.sentence <= 2
                && self.rules[i].trigger == rule.trigger
        };
        if let Some(&i) = self.last_of_kind.get(&ev.kind).filter(|&&i| restatement(i)) {
            add_evidence(&mut self.events[i], ev.evidence);
            return;
        }
        let i = self.events.len();
        self.by_args.entry(key).or_default().push(i);
        self.last_of_kind.insert(ev.kind, i);
        self.events.push(ev);
        self.rules.push(rule);
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
