//! Calendar dates: month phrases ("5 يوليو 2019", "مايو الماضي", "رمضان 1436ه"), years
//! ("عام 2016", "العام الماضي"), modifiers ("منتصف مايو") and numeric dates ("5/7/2019").

use chrono::NaiveDate;

use super::calendar::{hyear_kind, likely_hijri, max_days};
use super::grammar::{longer, Parsed, Parser};
use super::meaning::{Period, Sem, YearKind, YearSpec};
use super::tokens::{glued, Kind};
use super::words::{fw, Amb, Cal, Marker, Rel};

impl Parser<'_> {
    /// Gregorian or Hijri month phrase: `[day part] [شهر] month [pair] [year | من year | rel]`.
    /// `modctx`: a modifier precedes (gives context; no day part then).
    pub fn month_phrase(&self, i: usize, modctx: bool) -> Option<(usize, Sem)> {
        let mut j = i;
        // Context that makes an ambiguous month name a month.
        let mut strong = modctx;
        let mut day = None;
        if !modctx {
            if let Some((k, d1, d2)) = self.day_part(j) {
                day = Some((d1, d2));
                j = k;
                strong = true;
            }
        }
        if self.is(j, fw::MONTH_NOUN) {
            j += 1;
            strong = true;
        }
        let (k, month) = self.month_name(j)?;
        let (k, sem) = match month.cal {
            Cal::Greg => self.gregorian_tail(k, month.m, day, &mut strong)?,
            Cal::Hijri => self.hijri_tail(k, month.m, day, &mut strong)?,
        };
        let ok = match month.amb {
            Amb::No => true,
            Amb::Weak => strong || self.cue_before(i),
            Amb::Strong => strong,
        };
        ok.then_some((k, sem))
    }

    /// The year after a month: "من" is skipped before a year expression ("مايو من عام 2018"),
    /// and the year noun may carry the preposition ل ("7 حزيران لعام 2006", "للعام 2006").
    fn year_after_month(&self, k: usize) -> Option<(usize, YearKind)> {
        let k = if self.is(k, fw::OF) { k + 1 } else { k };
        if let Some(r) = self.year_expr(k, false) {
            return Some(r);
        }
        let w = self.w(k)?;
        let rest = w.strip_prefix(fw::LAM)?;
        let contracted = rest.starts_with(fw::LAM).then(|| format!("ا{rest}"));
        let noun = contracted.as_deref().unwrap_or(rest);
        self.year_expr_at(k, Some(noun), false)
    }

    /// What follows a Gregorian month name at `k`: a pair, then a year or a relation.
    fn gregorian_tail(&self, mut k: usize, m: u32, day: Option<(u32, u32)>, strong: &mut bool) -> Option<(usize, Sem)> {
        if let Some(k2) = self.pair(k, m) {
            k = k2;
            *strong = true;
        }
        let mut year = YearSpec::Rel(Rel::Bare);
        if let Some((k2, y, _)) = self.year4(k, true).filter(|r| r.2 != Marker::Hijri) {
            year = YearSpec::Abs(y);
            k = k2;
            *strong = true;
        } else if let Some((k2, yk)) = self.year_after_month(k) {
            match yk {
                YearKind::G(y) => year = YearSpec::Abs(y),
                YearKind::Off(o) => year = YearSpec::Offset(o),
                YearKind::H(_) => {}
            }
            if year != YearSpec::Rel(Rel::Bare) {
                k = k2;
                *strong = true;
            }
        } else if let Some((k2, r)) = self.rel(k) {
            year = YearSpec::Rel(r);
            k = k2;
            *strong = true;
        }
        if day.is_some_and(|(_, d2)| d2 > max_days(m)) {
            return None;
        }
        // "14 اذار", "8 مارس" without a year: Lebanon's political camps, not dates.
        if m == 3 && matches!(day, Some((8, 8)) | Some((14, 14))) && year == YearSpec::Rel(Rel::Bare) {
            return None;
        }
        Some((k, Sem::GMonth { m, day, year }))
    }

    /// What follows a Hijri month name at `k`: a Hijri year or a relation.
    fn hijri_tail(&self, mut k: usize, m: u32, day: Option<(u32, u32)>, strong: &mut bool) -> Option<(usize, Sem)> {
        let mut year = None;
        let mut rel = Rel::Bare;
        let hijri_year4 = |r: &(usize, i32, Marker)| {
            r.2 == Marker::Hijri && r.1 <= 1700 || r.2 == Marker::None && (1300..=1600).contains(&r.1)
        };
        if let Some((k2, y, _)) = self.year4(k, true).filter(hijri_year4) {
            year = Some(y);
            k = k2;
            *strong = true;
        } else if let Some((k2, y)) = self.year_after_month(k).and_then(|(k2, yk)| match yk {
            YearKind::H(y) => Some((k2, y)),
            YearKind::G(y) if (1300..=1600).contains(&y) => Some((k2, y)),
            _ => None,
        }) {
            year = Some(y);
            k = k2;
            *strong = true;
        } else if let Some((k2, r)) = self.rel(k) {
            rel = r;
            k = k2;
            *strong = true;
        }
        if day.is_some_and(|(_, d2)| d2 > 30) {
            return None;
        }
        Some((k, Sem::HMonth { m, day, year, rel }))
    }

    /// Year expressions. `bare_ok`: a modifier precedes, so "العام" alone (this year) and a
    /// bare four-digit year are accepted.
    pub fn year_expr(&self, j: usize, bare_ok: bool) -> Option<(usize, YearKind)> {
        self.year_expr_at(j, self.w(j), bare_ok)
    }

    /// [`Self::year_expr`] with the word at `j` given (a form without proclitics).
    fn year_expr_at(&self, j: usize, w: Option<&str>, bare_ok: bool) -> Option<(usize, YearKind)> {
        if let Some(w) = w.filter(|w| self.v.year_noun.contains(w)) {
            if let Some((k, y, mk)) = self.year4(j + 1, true) {
                let hijri = mk == Marker::Hijri || (mk == Marker::None && likely_hijri(y));
                return Some((
                    k,
                    if hijri {
                        hyear_kind(y)?
                    } else {
                        YearKind::G(y)
                    },
                ));
            }
            if w.starts_with(fw::ARTICLE) {
                if let Some((k, r)) = self.rel(j + 1) {
                    return Some((k, YearKind::Off(r.offset())));
                }
                if bare_ok {
                    return Some((j + 1, YearKind::Off(0)));
                }
            }
            return None;
        }
        if w.is_some_and(|w| self.v.demonstrative.contains(w)) && self.is_definite_year_noun(j + 1) {
            return Some((j + 2, YearKind::Off(0)));
        }
        let (k, y, mk) = self.year4(j, true)?;
        match mk {
            Marker::Hijri => Some((k, hyear_kind(y)?)),
            Marker::Greg => Some((k, YearKind::G(y))),
            Marker::None => bare_ok.then_some((k, YearKind::G(y))),
        }
    }

    /// Modifier + month or year: "منتصف مايو (ايار) الماضي", "بدايه الشهر الحالي",
    /// "اواخر العام الماضي", "مطلع 2019".
    pub fn modified(&self, i: usize) -> Option<Parsed> {
        let m = self.v.modifier(self.w(i)?)?;
        let j = i + 1;
        let mut best: Option<(usize, Sem)> = None;
        longer(&mut best, self.month_phrase(j, true));
        if self.is(j, fw::THE_MONTH) {
            longer(
                &mut best,
                Some(match self.rel(j + 1) {
                    Some((k, r)) => (k, Sem::MonthOffset(r.offset())),
                    None => (j + 1, Sem::MonthOffset(0)),
                }),
            );
        }
        if self.is_in(j, self.v.demonstrative) && self.is(j + 1, fw::THE_MONTH) {
            longer(&mut best, Some((j + 2, Sem::MonthOffset(0))));
        }
        longer(&mut best, self.year_expr(j, true).and_then(|(k, yk)| Some((k, yk.sem()?))));
        best.map(|(k, s)| (k, s, Some(m)))
    }

    /// A complete day-precise date: numeric, or a month phrase with a day.
    pub fn day_date(&self, j: usize) -> Option<(usize, Sem)> {
        if let Some(r) = self.numeric_date(j) {
            return Some(r);
        }
        self.month_phrase(j, false).filter(|(_, s)| s.has_day())
    }

    /// 2019-07-05, 2019/7/5, 5/7/2019, 5-7-2019, 5.7.2019, 5/9/1436ه.
    pub fn numeric_date(&self, j: usize) -> Option<(usize, Sem)> {
        let t = self.t;
        let (a, ad) = self.num(j)?;
        if !self.start_ok(j) {
            return None;
        }
        let sep = self.punct(j + 1)?;
        // "/" and "-" may be surrounded by spaces ("23 / 8 / 1436ه"); "." may not.
        let tight = sep == '.';
        if !matches!(sep, '-' | '/' | '.') || (tight && !glued(t, j + 1)) {
            return None;
        }
        let (b, bd) = self.num(j + 2)?;
        if self.punct(j + 3) != Some(sep)
            || (tight && !(glued(t, j + 2) && glued(t, j + 3) && glued(t, j + 4)))
        {
            return None;
        }
        let (c, cd) = self.num(j + 4)?;
        // Trailing "/3" or "x": part of something longer.
        let tail_bad = |k: usize| {
            glued(t, k)
                && (t[k].kind != Kind::Punct || (glued(t, k + 1) && t[k + 1].kind == Kind::Num))
        };
        if ad == 4 && bd <= 2 && cd <= 2 {
            // "1436/10/30" or "1436/10/30ه": Hijri year first.
            let mut k = j + 5;
            let mut hijri = likely_hijri(a as i32);
            if glued(t, k) && t[k].kind == Kind::Word && self.v.marker(t[k].key) == Some(Marker::Hijri) {
                hijri = true;
                k += 1;
            }
            if tail_bad(k) {
                return None;
            }
            if hijri {
                if !(1..=12).contains(&b) || !(1..=30).contains(&c) || a > 1700 {
                    return None;
                }
                let sem = Sem::HMonth {
                    m: b,
                    day: Some((c, c)),
                    year: Some(a as i32),
                    rel: Rel::Bare,
                };
                return Some((k, sem));
            }
            let d = NaiveDate::from_ymd_opt(a as i32, b, c)?;
            return Some((k, Sem::Fixed(Period::day(d))));
        }
        if ad <= 2 && bd <= 2 && cd == 4 {
            let (k, y, mk) = self.year4(j + 4, false)?;
            if k == j + 5 && tail_bad(j + 5) {
                return None;
            }
            let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            // Unmarked years 1350–1500 in numeric dates are Hijri ("11/8/1436").
            let hijri = mk == Marker::Hijri || (mk == Marker::None && likely_hijri(y));
            if hijri {
                if !(1..=12).contains(&m) || !(1..=30).contains(&d) || y > 1700 {
                    return None;
                }
                let sem = Sem::HMonth {
                    m,
                    day: Some((d, d)),
                    year: Some(y),
                    rel: Rel::Bare,
                };
                return Some((k, sem));
            }
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((k, Sem::Fixed(Period::day(date))));
        }
        None
    }
}
