//! Calendars and resolution: Gregorian and tabular Hijri periods, the year of a yearless month,
//! weekdays, modifiers, and the value of a candidate given the document date.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::meaning::{Cand, Gran, Period, Sem, YearKind, YearSpec};
use super::words::{Mod, Rel, Unit};
use super::DateValue;

/// An unmarked four-digit year in 1350–1500 is a Hijri year in today's news (1350 AH = 1931).
pub(super) fn likely_hijri(y: i32) -> bool {
    (1350..=1500).contains(&y)
}

pub(super) fn hyear_kind(y: i32) -> Option<YearKind> {
    (y <= 1700).then_some(YearKind::H(y))
}

pub(super) fn max_days(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub(super) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

pub(super) fn month_period(y: i32, m: u32) -> Option<Period> {
    let s = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some(Period {
        s,
        e: next.pred_opt()?,
        g: Gran::Month,
    })
}

pub(super) fn year_period(y: i32) -> Option<Period> {
    Some(Period {
        s: NaiveDate::from_ymd_opt(y, 1, 1)?,
        e: NaiveDate::from_ymd_opt(y, 12, 31)?,
        g: Gran::Year,
    })
}

/// The month `k` months after the month of `d`.
pub(super) fn shifted_month(d: NaiveDate, k: i32) -> Option<Period> {
    let total = d.year() * 12 + d.month0() as i32 + k;
    month_period(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

pub(super) fn greg_period(y: i32, m: u32, day: Option<(u32, u32)>) -> Option<Period> {
    match day {
        Some((a, b)) => {
            let s = NaiveDate::from_ymd_opt(y, m, a)?;
            let e = NaiveDate::from_ymd_opt(y, m, b)?;
            Some(Period { s, e, g: Gran::Day })
        }
        None => month_period(y, m),
    }
}

/// Days from 0001-01-01 (day 1, proleptic Gregorian, as chrono counts) to 1 Muharram 1 AH
/// (16 July 622 Julian = 19 July 622 Gregorian) minus one: Julian day 1948439.5 − 1721424.5.
pub(super) const HIJRI_EPOCH: i64 = 227_015;

/// Day number (chrono's days from CE) of a date in the tabular Islamic calendar (30-year cycle
/// with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29; odd months 30 days, even months 29,
/// Dhu al-Hijja 30 in leap years).
pub(super) fn hijri_to_days(y: i64, m: i64, d: i64) -> i64 {
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH - 1
}

pub(super) fn days_to_date(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

#[cfg(test)]
pub(super) fn hijri_date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    days_to_date(hijri_to_days(y as i64, m as i64, d as i64))
}

/// The tabular Hijri (year, month, day) of a Gregorian date.
pub(super) fn to_hijri(date: NaiveDate) -> (i32, u32, u32) {
    let n = date.num_days_from_ce() as i64;
    let mut y = (30 * (n - HIJRI_EPOCH) + 10646).div_euclid(10631);
    while hijri_to_days(y + 1, 1, 1) <= n {
        y += 1;
    }
    while hijri_to_days(y, 1, 1) > n {
        y -= 1;
    }
    let m = (1..=12)
        .rev()
        .find(|&m| hijri_to_days(y, m, 1) <= n)
        .unwrap_or(1);
    let d = n - hijri_to_days(y, m, 1) + 1;
    (y as i32, m as u32, d as u32)
}

pub(super) fn hijri_period(y: i32, m: u32, day: Option<(u32, u32)>) -> Option<Period> {
    let (y64, m64) = (y as i64, m as i64);
    let next = if m == 12 {
        hijri_to_days(y64 + 1, 1, 1)
    } else {
        hijri_to_days(y64, m64 + 1, 1)
    };
    match day {
        // Day 30 of a month the tabular calendar gives 29 days is kept (the observed month may
        // have 30): it falls on the next tabular day.
        Some((a, b)) => {
            if b > 30 {
                return None;
            }
            let s = days_to_date(hijri_to_days(y64, m64, a as i64))?;
            let e = days_to_date(hijri_to_days(y64, m64, b as i64))?;
            Some(Period { s, e, g: Gran::Day })
        }
        None => Some(Period {
            s: days_to_date(hijri_to_days(y64, m64, 1))?,
            e: days_to_date(next - 1)?,
            g: Gran::Month,
        }),
    }
}

pub(super) fn hyear_period(y: i32) -> Option<Period> {
    let y64 = y as i64;
    Some(Period {
        s: days_to_date(hijri_to_days(y64, 1, 1))?,
        e: days_to_date(hijri_to_days(y64 + 1, 1, 1) - 1)?,
        g: Gran::HYear(y),
    })
}

/// A yearless day this close after the document date is taken as upcoming ("22 يوليو" in an
/// article of 21 July), not as last year's.
pub(super) const NEAR_FUTURE_DAYS: i64 = 30;

/// Chooses the year of a yearless month or day expression (see the module docs).
pub(super) fn pick_year(
    f: impl Fn(i32) -> Option<Period>,
    base: i32,
    doc: NaiveDate,
    rel: Rel,
    day_level: bool,
) -> Option<Period> {
    let cands: Vec<Period> = (base - 9..=base + 9).filter_map(f).collect();
    match rel {
        Rel::Bare | Rel::Current => {
            let soon = add_days(doc, NEAR_FUTURE_DAYS)?;
            let near = cands.iter().find(|p| day_level && p.s > doc && p.s <= soon);
            near.copied()
                .or_else(|| cands.into_iter().rev().find(|p| p.s <= doc))
        }
        Rel::Past | Rel::PastPast => {
            if day_level {
                cands.into_iter().rev().find(|p| p.s < doc)
            } else {
                cands.into_iter().rev().find(|p| p.e < doc)
            }
        }
        Rel::Next => cands.into_iter().find(|p| p.s > doc),
    }
}

pub(super) fn weekday_date(doc: NaiveDate, wd: Weekday, rel: Rel) -> Option<NaiveDate> {
    let back =
        (7 + doc.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    match rel {
        Rel::Past | Rel::PastPast => add_days(doc, -(if back == 0 { 7 } else { back })),
        Rel::Next => {
            let fwd = (7 - back) % 7;
            add_days(doc, if fwd == 0 { 7 } else { fwd })
        }
        Rel::Bare | Rel::Current => add_days(doc, -back),
    }
}

/// The period of a meaning, and whether it was resolved relative to the document date.
pub(super) fn period_of(sem: Sem, doc: Option<NaiveDate>) -> Option<(Period, bool)> {
    let fixed = |p: Option<Period>| p.map(|p| (p, false));
    let rel = |p: Option<Period>| p.map(|p| (p, true));
    match sem {
        Sem::Fixed(p) => Some((p, false)),
        Sem::GMonth {
            m,
            day,
            year: YearSpec::Abs(y),
        } => fixed(greg_period(y, m, day)),
        Sem::HMonth {
            m,
            day,
            year: Some(y),
            ..
        } => fixed(hijri_period(y, m, day)),
        _ => {
            let d = doc?;
            match sem {
                Sem::GMonth {
                    m,
                    day,
                    year: YearSpec::Offset(k),
                } => rel(greg_period(d.year() + k, m, day)),
                Sem::GMonth {
                    m,
                    day,
                    year: YearSpec::Rel(r),
                } => {
                    if r == Rel::Current {
                        rel(greg_period(d.year(), m, day))
                    } else {
                        rel(pick_year(
                            |y| greg_period(y, m, day),
                            d.year(),
                            d,
                            r,
                            day.is_some(),
                        ))
                    }
                }
                Sem::HMonth { m, day, rel: r, .. } => {
                    let (hy, _, _) = to_hijri(d);
                    if r == Rel::Current {
                        rel(hijri_period(hy, m, day))
                    } else {
                        rel(pick_year(
                            |y| hijri_period(y, m, day),
                            hy,
                            d,
                            r,
                            day.is_some(),
                        ))
                    }
                }
                Sem::DayOffset(n) => rel(add_days(d, n).map(Period::day)),
                Sem::Weekday(wd, r) => rel(weekday_date(d, wd, r).map(Period::day)),
                Sem::WeekOffset(k) => {
                    let monday = add_days(d, -(d.weekday().num_days_from_monday() as i64) + 7 * k)?;
                    rel(add_days(monday, 6).map(|e| Period {
                        s: monday,
                        e,
                        g: Gran::Week,
                    }))
                }
                Sem::MonthOffset(k) => rel(shifted_month(d, k)),
                Sem::YearOffset(k) => rel(year_period(d.year() + k)),
                Sem::Ago { unit, n } => rel(match unit {
                    Unit::Day => add_days(d, n).map(Period::day),
                    Unit::Week => add_days(d, 7 * n).map(Period::day),
                    Unit::Month => shifted_month(d, i32::try_from(n).ok()?),
                    Unit::Year => year_period(d.year() + i32::try_from(n).ok()?),
                }),
                Sem::Fixed(_)
                | Sem::GMonth {
                    year: YearSpec::Abs(_),
                    ..
                } => None,
            }
        }
    }
}

/// Narrows a month or year period to the part a modifier selects.
pub(super) fn apply_mod(p: Period, m: Mod) -> Option<Period> {
    match p.g {
        Gran::Month => {
            let (a, b) = match m {
                Mod::Begin => (0, 9),
                Mod::Mid => (9, 19),
                Mod::End => (20, 40),
            };
            let s = add_days(p.s, a)?;
            let e = add_days(p.s, b)?.min(p.e);
            Some(Period { s, e, g: Gran::Day })
        }
        Gran::Year => {
            let y = p.s.year();
            let (a, b) = match m {
                Mod::Begin => (1, 4),
                Mod::Mid => (5, 8),
                Mod::End => (9, 12),
            };
            Some(Period {
                s: month_period(y, a)?.s,
                e: month_period(y, b)?.e,
                g: Gran::Month,
            })
        }
        Gran::HYear(y) => {
            let (a, b) = match m {
                Mod::Begin => (1, 4),
                Mod::Mid => (5, 8),
                Mod::End => (9, 12),
            };
            Some(Period {
                s: hijri_period(y, a, None)?.s,
                e: hijri_period(y, b, None)?.e,
                g: Gran::Month,
            })
        }
        Gran::Day | Gran::Week => Some(p),
    }
}

/// The years a resolved value may have: ISO 8601's four-digit years, so that every value
/// prints as `YYYY-MM-DD`.
const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// The value of a candidate. A value that would fall outside years 0000–9999 (a relative
/// expression near the ends of the calendar: "العام الماضي" in a document of 0000-01-01) is
/// dropped, not clamped: the expression is still reported, with no value, rather than with a
/// date it does not mean.
pub(super) fn resolve(c: &Cand, doc: Option<NaiveDate>) -> Option<DateValue> {
    let (mut p, relative) = period_of(c.sem, doc)?;
    if !YEARS.contains(&p.s.year()) || !YEARS.contains(&p.e.year()) {
        return None;
    }
    if let Some(m) = c.modi {
        p = apply_mod(p, m)?;
    }
    if relative {
        if let Some(d) = doc {
            if p.s <= d && d < p.e {
                p.e = d;
            }
        }
    }
    Some(if p.s == p.e {
        DateValue::Day(p.s)
    } else {
        DateValue::Range(p.s, p.e)
    })
}

