//! Dates relative to the document date: relative days ("امس", "يوم غد"), weekdays ("الخميس
//! الماضي"), relative weeks and months ("الاسبوع المقبل") and counted offsets ("قبل يومين").

use chrono::Weekday;

use super::grammar::{longer, Parser};
use super::meaning::Sem;
use super::tokens::{bare_forms, end_ok, Kind};
use super::words::{fw, Form, Rel, Unit};

impl Parser<'_> {
    /// "الاسبوع الماضي", "الشهر المقبل", "هذا الاسبوع", "هذا الشهر".
    pub fn week_month_rel(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i)?;
        let mk = |unit: &str, off: i32| {
            if unit == fw::THE_WEEK {
                Sem::WeekOffset(off as i64)
            } else {
                Sem::MonthOffset(off)
            }
        };
        let week_or_month = |u: &str| u == fw::THE_WEEK || u == fw::THE_MONTH;
        if week_or_month(w) {
            let (k, r) = self.rel(i + 1)?;
            return Some((k, mk(w, r.offset())));
        }
        if self.v.demonstrative.contains(w) {
            let u = self.w(i + 1)?;
            if week_or_month(u) {
                return Some((i + 2, mk(u, 0)));
            }
        }
        None
    }

    /// A weekday, with a relation ("الخميس الماضي") or a following date
    /// ("الخميس 4 يوليو 2019", "الخميس، الموافق 4/7/2019").
    pub fn weekday(&self, j: usize) -> Option<(usize, Sem)> {
        let wd = self.v.weekday(self.w(j)?)?;
        if wd == Weekday::Sun && self.w(j + 1).and_then(|n| self.v.number_word(n)) == Some(10) {
            return None; // "الاحد عشر": eleven
        }
        if let Some((k, r)) = self.rel(j + 1) {
            return Some((k, Sem::Weekday(wd, r)));
        }
        let mut k = j + 1;
        if matches!(self.punct(k), Some(',') | Some('،')) {
            k += 1;
        }
        if self.is(k, fw::CORRESPONDING[0]) {
            k += 1;
        }
        if let Some(r) = self.day_date(k) {
            return Some(r);
        }
        Some((j + 1, Sem::Weekday(wd, Rel::Bare)))
    }

    /// The relative day word or two-word phrase at `j` ("امس", "اول امس"): (next index, offset).
    fn relative_day_words(&self, j: usize) -> Option<(usize, i64, &str)> {
        let w = self.w(j)?;
        if let Some(w2) = self.w(j + 1) {
            if let Some(off) = self.v.relative_day(&format!("{w} {w2}")) {
                return Some((j + 2, off, w));
            }
        }
        self.v.relative_day(w).map(|off| (j + 1, off, w))
    }

    /// Today, yesterday, tomorrow and kin. `prefixed`: a time-of-day word or "يوم" precedes;
    /// `chain`: index of the first token of the whole expression.
    fn rel_day(&self, j: usize, prefixed: bool, chain: usize) -> Option<(usize, Sem)> {
        let (k, off, w) = self.relative_day_words(j)?;
        if j == self.h.idx && self.h.lam {
            return None; // "لامس" is the verb *touched*
        }
        if k == j + 1 && w == fw::TOMORROW_NOUN && !prefixed {
            return None;
        }
        if k == j + 1 && w == fw::TODAY {
            if self.is_in(j + 1, self.v.today_not_after) {
                return None;
            }
            let before = chain.checked_sub(1).map(|p| &self.t[p]);
            if !prefixed
                && before.is_some_and(|b| {
                    b.kind == Kind::Word && bare_forms(b.key).any(|x| self.v.today_not_before.contains(x))
                })
            {
                return None;
            }
        }
        if k == j + 1 && w == fw::TONIGHT {
            if let Some((k2, Rel::Past)) = self.rel(k) {
                return Some((k2, Sem::DayOffset(-1))); // last night
            }
        }
        Some((k, Sem::DayOffset(off)))
    }

    /// `[time of day] [يوم] (relative day | weekday | date)`.
    pub fn day_chain(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        if self.is_in(j, self.v.time_of_day) {
            j += 1;
        }
        if self.is(j, fw::DAY_NOUN) {
            j += 1;
        }
        let prefixed = j > i;
        let is_weekday = |k: usize| self.w(k).is_some_and(|w| self.v.weekday(w).is_some());
        // "امس الاحد", "اليوم (الاثنين)": the weekday restates the relative day.
        let rel_day = self.rel_day(j, prefixed, i).map(|(k, sem)| {
            if is_weekday(k) && self.rel(k + 1).is_none() {
                (k + 1, sem)
            } else if self.punct(k) == Some('(') && is_weekday(k + 1) && self.punct(k + 2) == Some(')') {
                (k + 3, sem)
            } else {
                (k, sem)
            }
        });
        let mut best = None;
        longer(&mut best, rel_day);
        longer(&mut best, self.weekday(j));
        if prefixed {
            longer(&mut best, self.day_date(j));
        }
        best
    }

    /// The count and unit after a count preposition at `j`: (next index, unit, count).
    fn count(&self, j: usize, sign: i64) -> Option<(usize, Unit, i64)> {
        let unit_of = |k: usize| self.w(k).and_then(|w| self.v.unit(w));
        if let Some((unit, form)) = unit_of(j) {
            return match form {
                Form::Sing if self.is_any(j + 1, &fw::ONE) => Some((j + 2, unit, 1)),
                Form::Sing if sign > 0 => None, // "بعد يوم طويل": after a (long) day
                Form::Sing => {
                    // "منذ عام 2016", "قبل يوم الخميس", "منذ شهر رمضان": not a count.
                    let next_num = self.t.get(j + 1).is_some_and(|t| t.kind == Kind::Num);
                    if next_num || self.w(j + 1).is_some_and(|w| self.v.is_start(w)) {
                        return None;
                    }
                    Some((j + 1, unit, 1))
                }
                Form::Dual => Some((j + 1, unit, 2)),
                _ => None,
            };
        }
        if let Some((v, _)) = self.num(j) {
            if !(1..=999).contains(&v) || !self.start_ok(j) || !end_ok(self.t, j) {
                return None;
            }
            let (unit, form) = unit_of(j + 1)?;
            return (form != Form::Dual).then_some((j + 2, unit, v as i64));
        }
        let n = self.v.number_word(self.w(j)?)?;
        let (unit, form) = unit_of(j + 1)?;
        (form == Form::Plur).then_some((j + 2, unit, n))
    }

    /// "قبل يومين", "منذ 3 اشهر", "قبل نحو عامين", "بعد اسبوع".
    pub fn ago(&self, i: usize) -> Option<(usize, Sem)> {
        let sign = self.v.count_preposition(self.w(i)?)?;
        // "يوما بعد يوم", "عاما بعد عام": day after day.
        if i > 0 && self.v.unit(self.t[i - 1].key).is_some_and(|(_, f)| f == Form::Acc) {
            return None;
        }
        let mut j = i + 1;
        if self.is_in(j, self.v.approximately) {
            j += 1;
        }
        let (k, unit, n) = self.count(j, sign)?;
        if self.is_in(k, self.v.count_blocker) {
            return None;
        }
        let k = if self.is_any(k, &fw::ELAPSED) { k + 1 } else { k };
        Some((k, Sem::Ago { unit, n: sign * n }))
    }
}
