//! The time grammar: from each head (a possible first word), every expression it can begin,
//! the longest kept. [`Parser`] reads the tokens; its rules are split by what they recognize:
//! primitives and the top level here, calendar dates in [`super::dates`], dates relative to the
//! document date in [`super::relative`].

use crate::lang::WordSet;

use super::meaning::{Cand, Sem};
use super::tokens::{bare_forms, end_ok, glued, heads, start_ok, Head, Kind, Tok};
use super::words::{fw, vocab, Cal, Marker, Month, Rel, Vocab};

/// Parse result: index of the token after the expression, meaning, modifier.
pub(super) type Parsed = (usize, Sem, Option<super::words::Mod>);

/// The tokens, the head an expression starts at, and the vocabulary.
pub(super) struct Parser<'a> {
    pub t: &'a [Tok<'a>],
    pub h: &'a Head<'a>,
    pub v: &'a Vocab,
}

/// Every candidate expression of the tokens (overlapping).
pub(super) fn candidates(t: &[Tok]) -> Vec<Cand> {
    let v = vocab();
    let mut out = Vec::new();
    let mut hs = Vec::new();
    for i in 0..t.len() {
        hs.clear();
        heads(v, t, i, &mut hs);
        for h in &hs {
            let p = Parser { t, h, v };
            if let Some((k, sem, modi)) = p.best() {
                out.push(Cand { start: h.start, end: t[k - 1].e, sem, modi });
            }
        }
    }
    out
}

/// Keeps the longer of two parses (the first on a tie).
pub(super) fn longer<T: Copy>(best: &mut Option<(usize, T)>, r: Option<(usize, T)>) {
    if let Some(r) = r {
        if best.is_none_or(|b| r.0 > b.0) {
            *best = Some(r);
        }
    }
}

impl<'a> Parser<'a> {
    /// The word at `j` (the stripped head at the head position).
    pub fn w(&self, j: usize) -> Option<&'a str> {
        let tok = self.t.get(j)?;
        if tok.kind != Kind::Word {
            return None;
        }
        Some(if j == self.h.idx { &self.h.key } else { tok.key })
    }

    /// The word at `j` is in `set`.
    pub fn is_in(&self, j: usize, set: &WordSet) -> bool {
        self.w(j).is_some_and(|w| set.contains(w))
    }

    /// The word at `j` is `word`.
    pub fn is(&self, j: usize, word: &str) -> bool {
        self.w(j) == Some(word)
    }

    /// The word at `j` is one of `words`.
    pub fn is_any(&self, j: usize, words: &[&str]) -> bool {
        self.w(j).is_some_and(|w| words.contains(&w))
    }

    /// The word at `j` is a year noun with the article ("العام", "السنه").
    pub fn is_definite_year_noun(&self, j: usize) -> bool {
        self.w(j).is_some_and(|w| self.v.year_noun.contains(w) && w.starts_with(fw::ARTICLE))
    }

    pub fn punct(&self, j: usize) -> Option<char> {
        let tok = self.t.get(j)?;
        if tok.kind == Kind::Punct {
            tok.key.chars().next()
        } else {
            None
        }
    }

    pub fn num(&self, j: usize) -> Option<(u32, usize)> {
        let tok = self.t.get(j)?;
        if tok.kind == Kind::Num {
            tok.val.map(|v| (v, tok.digits))
        } else {
            None
        }
    }

    pub fn start_ok(&self, j: usize) -> bool {
        start_ok(self.v, self.t, j)
    }

    /// A day-of-month number (1–31, at most two digits) that ends cleanly.
    pub fn day_num(&self, j: usize) -> Option<u32> {
        let (v, d) = self.num(j)?;
        ((1..=31).contains(&v) && d <= 2 && end_ok(self.t, j)).then_some(v)
    }

    /// A relation word: "الماضي", "المقبل", "الحالي", "قبل الماضي".
    pub fn rel(&self, j: usize) -> Option<(usize, Rel)> {
        let w = self.w(j)?;
        if let Some(r) = self.v.relation(w) {
            return Some((j + 1, r));
        }
        let past_next = self.w(j + 1).and_then(|n| self.v.relation(n)) == Some(Rel::Past);
        (w == fw::BEFORE && past_next).then_some((j + 2, Rel::PastPast))
    }

    /// A year marker (ه, هجري, م…) at `j`.
    fn marker(&self, j: usize) -> Option<Marker> {
        self.v.marker(self.w(j)?)
    }

    /// A four-digit year (1000–2999) at `j` with an optional marker (glued or separate).
    pub fn year4(&self, j: usize, check_start: bool) -> Option<(usize, i32, Marker)> {
        let (v, d) = self.num(j)?;
        if d != 4 || !(1000..=2999).contains(&v) || (check_start && !self.start_ok(j)) {
            return None;
        }
        let t = self.t;
        if glued(t, j + 1) {
            let n = &t[j + 1];
            match n.kind {
                Kind::Punct => Some((j + 1, v as i32, Marker::None)),
                Kind::Num => None,
                Kind::Word => {
                    let mk = self.v.marker(n.key)?;
                    if glued(t, j + 2) && t[j + 2].kind != Kind::Punct {
                        return None;
                    }
                    Some((j + 2, v as i32, mk))
                }
            }
        } else if let Some(mk) = self.marker(j + 1) {
            Some((j + 2, v as i32, mk))
        } else {
            Some((j + 1, v as i32, Marker::None))
        }
    }

    /// A month name: (next index, month).
    pub fn month_name(&self, j: usize) -> Option<(usize, Month)> {
        let w = self.w(j)?;
        if let Some(m) = self.v.month(w) {
            return Some((j + 1, m));
        }
        Some((j + 2, self.v.month2(w, self.w(j + 1)?)?))
    }

    /// A second name of the same Gregorian month: "(ايار)", "/يوليو", " تموز".
    pub fn pair(&self, k: usize, m: u32) -> Option<usize> {
        let same = |mo: Month| mo.cal == Cal::Greg && mo.m == m;
        if let Some((k2, mo)) = self.month_name(k) {
            return (mo.cal == Cal::Greg && mo.m == m).then_some(k2); // "يوليو تموز"
        }
        match self.punct(k)? {
            '(' => {
                let (k2, mo) = self.month_name(k + 1)?;
                (same(mo) && self.punct(k2) == Some(')')).then_some(k2 + 1)
            }
            '/' | '-' => {
                let (k2, mo) = self.month_name(k + 1)?;
                same(mo).then_some(k2)
            }
            _ => None,
        }
    }

    /// A preposition right before token `i` ("في مارس").
    pub fn cue_before(&self, i: usize) -> bool {
        if i == 0 || self.t[i - 1].kind != Kind::Word {
            return false;
        }
        bare_forms(self.t[i - 1].key).any(|k| self.v.month_cue.contains(k))
    }

    /// An ordinal day: "الخامس", "الحادي عشر", "الثاني والعشرين", "الثلاثين".
    pub fn ordinal(&self, j: usize) -> Option<(usize, u32)> {
        let w = self.w(j)?;
        let u = self.v.ordinal(w)?;
        if u < 10 {
            if let Some(tens) = self.w(j + 1).and_then(|n| self.v.ordinal_tens(n)) {
                if u + tens <= 31 {
                    return Some((j + 2, u + tens));
                }
            }
        }
        if w == fw::ORDINAL_ONE_OF {
            return None;
        }
        Some((j + 1, u))
    }

    /// The day part before a month: "5", "5-10", "5 و6", each optionally + "من";
    /// or an ordinal + "من".
    pub fn day_part(&self, j: usize) -> Option<(usize, u32, u32)> {
        // A number glued to the month name: "26يوليو".
        let glued_month = || {
            let (v, d) = self.num(j)?;
            ((1..=31).contains(&v) && d <= 2 && glued(self.t, j + 1) && self.month_name(j + 1).is_some())
                .then_some(v)
        };
        if let Some(d1) = self.day_num(j).or_else(glued_month) {
            if !self.start_ok(j) {
                return None;
            }
            let mut k = j + 1;
            let mut d2 = d1;
            if matches!(self.punct(k), Some('-') | Some('–')) || self.is(k, fw::AND) {
                if let Some(x) = self.day_num(k + 1) {
                    if x > d1 {
                        d2 = x;
                        k += 2;
                    }
                }
            }
            if self.is(k, fw::OF) {
                k += 1;
            }
            return Some((k, d1, d2));
        }
        let (k, d) = self.ordinal(j)?;
        self.is(k, fw::OF).then_some((k + 1, d, d))
    }

    /// Every expression starting at the head; the longest.
    pub fn best(&self) -> Option<Parsed> {
        let i = self.h.idx;
        let mut best: Option<(usize, (Sem, Option<super::words::Mod>))> = None;
        let plain = |r: Option<(usize, Sem)>| r.map(|(k, s)| (k, (s, None)));
        longer(&mut best, plain(self.day_chain(i)));
        longer(&mut best, self.modified(i).map(|(k, s, m)| (k, (s, m))));
        longer(&mut best, plain(self.month_phrase(i, false)));
        longer(&mut best, plain(self.numeric_date(i)));
        longer(&mut best, plain(self.year_expr(i, false).and_then(|(k, yk)| Some((k, yk.sem()?)))));
        longer(&mut best, plain(self.week_month_rel(i)));
        longer(&mut best, plain(self.ago(i)));
        let (k, (sem, modi)) = best?;
        match self.equivalent(k) {
            Some((k2, sem2)) if sem.is_day_level() => {
                // Prefer an absolute date, and a Gregorian one over the computed Hijri one.
                let better = sem2.is_absolute() && (!sem.is_absolute() || (sem.is_hijri() && !sem2.is_hijri()));
                let sem = if better { sem2 } else { sem };
                Some((k2, sem, modi))
            }
            _ => Some((k, sem, modi)),
        }
    }

    /// The same day in another calendar right after a date: "، الموافق 3 / 6 / 2015م",
    /// "والموافق 26 رمضان", "(26 يوليو 2015م)".
    fn equivalent(&self, k: usize) -> Option<(usize, Sem)> {
        let mut j = k;
        if self.punct(j) == Some('(') {
            let (k2, sem) = self.day_date(j + 1)?;
            return (self.punct(k2) == Some(')')).then_some((k2 + 1, sem));
        }
        if matches!(self.punct(j), Some(',') | Some('،')) {
            j += 1;
        }
        if !self.is_any(j, &fw::CORRESPONDING) {
            return None;
        }
        self.day_date(j + 1)
    }
}
