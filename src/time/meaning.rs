//! What a time expression means before the document date is known ([`Sem`]), and the periods
//! of days it resolves to ([`Period`]).

use chrono::{NaiveDate, Weekday};

use super::calendar::{hyear_period, year_period};
use super::words::{Mod, Rel, Unit};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Gran {
    Day,
    Week,
    Month,
    Year,
    HYear(i32),
}

/// An inclusive span of days with the granularity it was expressed in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Period {
    pub s: NaiveDate,
    pub e: NaiveDate,
    pub g: Gran,
}

impl Period {
    pub(super) fn day(d: NaiveDate) -> Period {
        Period {
            s: d,
            e: d,
            g: Gran::Day,
        }
    }
}

/// The year of a Gregorian month expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum YearSpec {
    /// Given ("مايو 2019").
    Abs(i32),
    /// Document year plus an offset ("مايو من العام الماضي").
    Offset(i32),
    /// Chosen relative to the document date ("مايو", "مايو الماضي").
    Rel(Rel),
}

/// What an expression means, before the document date is known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sem {
    Fixed(Period),
    GMonth {
        m: u32,
        day: Option<(u32, u32)>,
        year: YearSpec,
    },
    HMonth {
        m: u32,
        day: Option<(u32, u32)>,
        year: Option<i32>,
        rel: Rel,
    },
    DayOffset(i64),
    Weekday(Weekday, Rel),
    WeekOffset(i64),
    MonthOffset(i32),
    YearOffset(i32),
    Ago {
        unit: Unit,
        n: i64,
    },
}

impl Sem {
    pub(super) fn has_day(&self) -> bool {
        matches!(
            self,
            Sem::GMonth { day: Some(_), .. } | Sem::HMonth { day: Some(_), .. }
        )
    }

    /// Names one day (or a few days).
    pub(super) fn is_day_level(&self) -> bool {
        self.has_day()
            || matches!(self, Sem::DayOffset(_) | Sem::Weekday(..))
            || matches!(self, Sem::Fixed(p) if p.g == Gran::Day)
    }

    /// A Hijri date or month (resolved arithmetically).
    pub(super) fn is_hijri(&self) -> bool {
        matches!(self, Sem::HMonth { .. })
    }

    /// Resolvable without the document date.
    pub(super) fn is_absolute(&self) -> bool {
        matches!(
            self,
            Sem::Fixed(_)
                | Sem::GMonth {
                    year: YearSpec::Abs(_),
                    ..
                }
                | Sem::HMonth { year: Some(_), .. }
        )
    }
}

/// A year as a year expression gives it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum YearKind {
    G(i32),
    H(i32),
    Off(i32),
}

impl YearKind {
    pub(super) fn sem(self) -> Option<Sem> {
        match self {
            YearKind::G(y) => Some(Sem::Fixed(year_period(y)?)),
            YearKind::H(y) => Some(Sem::Fixed(hyear_period(y)?)),
            YearKind::Off(k) => Some(Sem::YearOffset(k)),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Cand {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modi: Option<Mod>,
}

