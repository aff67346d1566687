//! The per-document view the event rules read ([`Ctx`]): token → mention lookups, stems,
//! clause limits, prepositions before a mention, what a mention can be (agent, victim, generic),
//! reporters, times, and the argument records built from mentions.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::Analysis;
use crate::clitics::{for_each_reading, Article};
use crate::document::{Argument, Span};
use crate::gazetteer::EntityType;
use crate::lang::WordSet;
use crate::time::{DateValue, TimeMention};

/// The word sets the event rules read, looked up once.
pub(crate) struct Sets {
    pub clause_opener: &'static WordSet,
    pub modal_after: &'static WordSet,
    pub relative_pronoun: &'static WordSet,
    pub hypothetical_near: &'static WordSet,
    pub planned_frame: &'static WordSet,
    pub planned_after: &'static WordSet,
    pub background_frame: &'static WordSet,
    pub hypothetical_frame: &'static WordSet,
    pub light_noun: &'static WordSet,
    pub light_verb: &'static WordSet,
    pub target_head: &'static WordSet,
    pub agent_head: &'static WordSet,
    pub org_head: &'static WordSet,
    pub adverb_after_verb: &'static WordSet,
    pub report_noun: &'static WordSet,
    pub direction_word: &'static WordSet,
    pub recipient_prep: &'static WordSet,
    pub place_cue: &'static WordSet,
    pub governing_prep: &'static WordSet,
    pub report_cue: &'static WordSet,
    pub time_reference: &'static WordSet,
    pub negation: &'static WordSet,
    pub place_sense_cue: &'static WordSet,
}

pub(crate) fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        clause_opener: crate::lang::set("clause_opener"),
        modal_after: crate::lang::set("modal_after"),
        relative_pronoun: crate::lang::set("relative_pronoun"),
        hypothetical_near: crate::lang::set("hypothetical_near"),
        planned_frame: crate::lang::set("planned_frame"),
        planned_after: crate::lang::set("planned_after"),
        background_frame: crate::lang::set("background_frame"),
        hypothetical_frame: crate::lang::set("hypothetical_frame"),
        light_noun: crate::lang::set("light_noun"),
        light_verb: crate::lang::set("light_verb"),
        target_head: crate::lang::set("target_head"),
        agent_head: crate::lang::set("agent_head"),
        org_head: crate::lang::set("org_head"),
        adverb_after_verb: crate::lang::set("adverb_after_verb"),
        report_noun: crate::lang::set("report_noun"),
        direction_word: crate::lang::set("direction_word"),
        recipient_prep: crate::lang::set("recipient_prep"),
        place_cue: crate::lang::set("place_cue"),
        governing_prep: crate::lang::set("governing_prep"),
        report_cue: crate::lang::set("report_cue"),
        time_reference: crate::lang::set("time_reference"),
        negation: crate::lang::set("negation"),
        place_sense_cue: crate::lang::set("place_sense_cue"),
    })
}

/// The id prefix of generic (nameless) agents in the gazetteer ("مسلحون", "عناصر").
pub(crate) const GENERIC_AGENT_PREFIX: &str = "kh:agent-";

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

pub(crate) struct Ctx<'a, 'b> {
    pub a: &'a Analysis<'b>,
    pub norm: &'a str,
    pub owner: Vec<Option<usize>>,
    /// Token → the bare title mention ending there ("للرئيس" in "للرئيس الروسي بوتين").
    title_end: Vec<Option<usize>>,
    /// Token → part of a bare title mention ("الوزير" in "بحث الوزير الجبير").
    in_title: Vec<bool>,
    times: &'a [TimeMention],
    /// Token → its shortest non-future stem, computed on first use and kept: the lexical vetoes
    /// of every trigger candidate scan whole sentences of stems.
    stems: Vec<std::cell::OnceCell<&'a str>>,
}

impl<'a, 'b> Ctx<'a, 'b> {
    pub(crate) fn new(a: &'a Analysis<'b>, times: &'a [TimeMention]) -> Self {
        let mut owner = vec![None; a.tok.tokens.len()];
        let mut title_end = vec![None; a.tok.tokens.len()];
        let mut in_title = vec![false; a.tok.tokens.len()];
        for (i, m) in a.mentions.iter().enumerate() {
            if m.title.is_some() && m.entity.is_none() {
                if m.tokens.end > 0 {
                    title_end[m.tokens.end - 1] = Some(i);
                }
                for k in m.tokens.clone() {
                    in_title[k] = true;
                }
                continue;
            }
            for k in m.tokens.clone() {
                owner[k].get_or_insert(i);
            }
        }
        let norm = a.nt.normalized();
        let stems = vec![std::cell::OnceCell::new(); a.tok.tokens.len()];
        Ctx { a, norm, owner, title_end, in_title, times, stems }
    }

    /// Is token `k` part of a title that names no one by itself ("الوزير")?
    pub(crate) fn in_bare_title(&self, k: usize) -> bool {
        self.in_title[k]
    }

    pub(crate) fn word(&self, k: usize) -> &'a str {
        &self.norm[self.a.tok.tokens[k].norm.clone()]
    }

    /// `w` or `w` without its conjunction is in `list` ("وفق" is a word, not و + فق).
    pub(crate) fn in_list(&self, w: &str, set: &WordSet) -> bool {
        set.contains(w) || set.contains(self.strip_conj(w))
    }

    pub(crate) fn strip_conj<'w>(&self, w: &'w str) -> &'w str {
        w.strip_prefix(['و', 'ف']).filter(|r| r.chars().count() >= 2).unwrap_or(w)
    }

    /// The word without proclitics and article (shortest admissible stem).
    pub(crate) fn stem(&self, k: usize) -> &'a str {
        self.stems[k].get_or_init(|| stem_of(self.word(k)))
    }

    pub(crate) fn stem_offset(&self, k: usize) -> usize {
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

    pub(crate) fn span(&self, norm: Range<usize>) -> Span {
        self.a.ci.span(self.a.nt.to_original(norm))
    }

    pub(crate) fn mentions_in(&self, toks: Range<usize>) -> Vec<usize> {
        let mut v: Vec<usize> = toks.filter_map(|k| self.owner[k]).collect();
        v.dedup();
        v
    }

    /// Can mention `m` fill an actor (or, with `as_actor` false, a recipient) slot?
    /// Persons and organizations can; countries can; big cities only as actors (metonymy:
    /// "واشنطن", "موسكو"); a nationality adjective only when it names the people ("الروس",
    /// "الأميركيون") or follows a head noun like "الجانب"/"القوات", not when it modifies a noun.
    pub(crate) fn is_agent(&self, m: usize, as_actor: bool) -> bool {
        let mm = &self.a.mentions[m];
        match mm.kind {
            EntityType::PER | EntityType::ORG => true,
            EntityType::NORP => {
                let w = &self.norm[mm.norm.clone()];
                let head = mm.tokens.start > 0 && {
                    let k = mm.tokens.start - 1;
                    self.owner[k].is_none() && sets().agent_head.contains(self.strip_conj(self.word(k)))
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
    pub(crate) fn partitive(&self, m: usize) -> Option<usize> {
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
    pub(crate) fn is_generic(&self, m: usize) -> bool {
        self.a.mentions[m].entity.is_some_and(|e| self.a.gazetteer.entities[e as usize].id.starts_with(GENERIC_AGENT_PREFIX))
    }

    pub(crate) fn is_victim(&self, m: usize) -> bool {
        let mm = &self.a.mentions[m];
        mm.entity.is_some_and(|e| self.a.gazetteer.entities[e as usize].sector.as_deref() == Some("CVL"))
    }

    /// The preposition marking mention `m`: its own clitic (ب، ل) or the word before it.
    pub(crate) fn prep_before(&self, m: usize) -> Option<&'a str> {
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

    pub(crate) fn prep_of(&self, m: usize) -> Option<&'a str> {
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
        let s = sets();
        let direct = (s.recipient_prep.contains(p) || s.place_cue.contains(p) || s.governing_prep.contains(p)).then_some(p);
        if direct.is_some() || k < 2 {
            return direct;
        }
        // "على مواقع إيران", "ضد قيادة تنظيم القاعدة": a preposition governing one or two head
        // nouns before the name.
        let is_head = |j: usize| s.target_head.contains(self.stem(j)) || s.org_head.contains(self.word(j));
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
                if s.recipient_prep.contains(p2) {
                    return Some(p2);
                }
            }
        }
        None
    }

    pub(crate) fn has_prep(&self, m: usize) -> bool {
        self.prep_before(m).is_some()
    }

    pub(crate) fn place_marked(&self, m: usize) -> bool {
        self.prep_before(m).is_some_and(|p| sets().place_cue.contains(p))
    }

    /// Clause limits around a trigger: up to `،` `؛` `:` or 12 tokens after, 8 before.
    pub(crate) fn clause(&self, ti: usize, end: usize, s: &Range<usize>) -> (usize, usize) {
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
            && (right == end || !sets().clause_opener.contains(self.strip_conj(self.word(right))))
        {
            right += 1;
        }
        (left, right)
    }

    /// An id for the clause of token `ti`: the token that opens it (a punctuation break, a
    /// reporting verb or a clause opener), searched backwards within the sentence.
    pub(crate) fn clause_id(&self, ti: usize) -> usize {
        let s = &self.a.tok.sentences[self.a.tok.sentence_of(ti)].tokens;
        let mut k = self.clause_start(ti, s);
        for j in (k..ti).rev() {
            let w = self.word(j);
            if self.in_list(w, sets().report_cue) || self.in_list(w, sets().clause_opener) {
                k = j;
                break;
            }
        }
        k
    }

    /// Only spaces (or quotes) between tokens `a` and `b`.
    pub(crate) fn gap_is_space(&self, a: usize, b: usize) -> bool {
        let toks = &self.a.tok.tokens;
        self.norm[toks[a].norm.end..toks[b].norm.start].chars().all(|c| c == ' ' || c == '"' || c == '«' || c == '»')
    }

    /// The first token after the last clause break (، ؛ :) before `ti` in its sentence.
    pub(crate) fn clause_start(&self, ti: usize, s: &Range<usize>) -> usize {
        let toks = &self.a.tok.tokens;
        let mut k = ti;
        while k > s.start && !self.norm[toks[k - 1].norm.end..toks[k].norm.start].contains(['،', '؛', ':', ';', ',']) {
            k -= 1;
        }
        k
    }

    /// A mention and the ones coordinated with it by و ("بوتين وترامب").
    pub(crate) fn coordinated(&self, first: Option<usize>, right: usize, as_actor: bool) -> Vec<usize> {
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
    pub(crate) fn coordinated_back(&self, m: usize, left: usize) -> Vec<usize> {
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
    pub(crate) fn time_is_reference(&self, t: &TimeMention) -> bool {
        let before = self.norm[..t.start].trim_end();
        let prev = before.rsplit(|c: char| !crate::tokenize::is_word_char(c)).next().unwrap_or("");
        sets().time_reference.contains(prev)
    }

    pub(crate) fn time_near(&self, ti: usize, s: &Range<usize>) -> Option<&'a TimeMention> {
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
    pub(crate) fn is_reporter_subject(&self, m: usize) -> bool {
        let start = self.a.mentions[m].tokens.start;
        (start.saturating_sub(3)..start).any(|k| {
            self.in_list(self.word(k), sets().report_cue) && (k + 1..start).all(|j| self.owner[j].is_none())
        })
    }

    /// Who reports: "وفق البيان", "أفادت مصادر", "أعلن تنظيم X". Returns the reporting
    /// mention (if it is one) and the span.
    pub(crate) fn reporter(&self, s: &Range<usize>, ti: usize) -> Option<(Option<usize>, Span)> {
        for k in s.clone() {
            if !self.in_list(self.word(k), sets().report_cue) || k == ti {
                continue;
            }
            let mut j = k + 1;
            while j < s.end
                && j < k + 3
                && self.owner[j].is_none()
                && (self.in_list(self.word(j), sets().adverb_after_verb) || sets().org_head.contains(self.word(j)))
            {
                j += 1;
            }
            if j >= s.end {
                continue;
            }
            if let Some(m) = self.owner[j] {
                let mm = &self.a.mentions[m];
                // Include a cue word before the name ("تنظيم "حراس الدين"").
                let from = if j > k + 1 && sets().org_head.contains(self.word(j - 1)) { self.a.tok.tokens[j - 1].norm.start } else { mm.norm.start };
                return Some((Some(m), self.span(from..mm.norm.end)));
            }
            let nw = self.stem(j);
            if sets().report_noun.contains(nw) {
                let t = &self.a.tok.tokens[j];
                let off = self.stem_offset(j);
                return Some((None, self.span(t.norm.start + off..t.norm.end)));
            }
        }
        None
    }

    /// A place followed by a more specific one in the same phrase ("ريف حلب الغربي
    /// "الراشدين"") resolves to the more specific one.
    pub(crate) fn most_specific_place(&self, m: usize) -> usize {
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
                    if !sets().direction_word.contains(self.word(k)) {
                        break;
                    }
                    k += 1;
                }
            }
        }
        best
    }

    pub(crate) fn argument(&self, m: usize) -> Argument {
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

pub(crate) fn k_end(c: &Ctx<'_, '_>, m: usize) -> usize {
    c.a.mentions[m].tokens.end
}

/// News reports past events: a range that straddles the document date ("بداية الشهر الحالي"
/// written on the 7th) ends at the document date.
pub(crate) fn cap_to_date(v: DateValue, date: Option<NaiveDate>) -> DateValue {
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
