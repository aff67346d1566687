//! The time grammar's vocabulary, read once from the word sets under `gazetteers/lang/ar/time_*`
//! (month names, weekdays, relation words, units, number words…) into typed look-up tables.
//!
//! Only a few function words of the grammar itself stay here as constants ([`fw`]): they are
//! part of a construction ("5 من يوليو", "يوم الخميس", "، الموافق 3 / 6 / 2015م"), not members of
//! a word class that could grow.

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::Weekday;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::lang::{self, WordSet};

/// Function words the grammar names directly (normalized forms).
pub(super) mod fw {
    /// "of", between a day and its month ("5 من يوليو") or a month and its year.
    pub const OF: &str = "من";
    /// "month", before a month name ("شهر مايو") or a count ("قبل شهر").
    pub const MONTH_NOUN: &str = "شهر";
    /// "the month", with a relation ("الشهر الماضي") or a modifier ("بدايه الشهر").
    pub const THE_MONTH: &str = "الشهر";
    /// "the week", with a relation ("الاسبوع المقبل").
    pub const THE_WEEK: &str = "الاسبوع";
    /// "day", before a weekday or a date ("يوم الخميس").
    pub const DAY_NOUN: &str = "يوم";
    /// "corresponding to", introducing the same date in the other calendar.
    pub const CORRESPONDING: [&str; 2] = ["الموافق", "والموافق"];
    /// "one", after a singular unit ("بعد يوم واحد").
    pub const ONE: [&str; 2] = ["واحد", "واحده"];
    /// "having passed", after a counted period ("قبل عام مضي").
    pub const ELAPSED: [&str; 2] = ["مضي", "مضت"];
    /// "and", between two days of a range written apart ("5 و 6 يوليو").
    pub const AND: &str = "و";
    /// "today": the relative day with exclusions before and after.
    pub const TODAY: &str = "اليوم";
    /// "tonight": "الليله الماضيه" is last night.
    pub const TONIGHT: &str = "الليله";
    /// "tomorrow" without its adverbial ending: only after "يوم" or a time of day ("يوم غد").
    pub const TOMORROW_NOUN: &str = "غد";
    /// "the first (of)": the unit 1 of 11, 21, 31, never a day on its own.
    pub const ORDINAL_ONE_OF: &str = "الحادي";
    /// "before": "العام قبل الماضي" is the year before last.
    pub const BEFORE: &str = "قبل";
    /// The preposition ل as the grammar strips it from a year noun after a month ("لعام").
    pub const LAM: &str = "ل";
    /// The definite article: a year noun with it takes a relation ("العام الماضي").
    pub const ARTICLE: &str = "ال";
}

/// How much context a month name needs before it is taken as a month.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Amb {
    /// Always a month.
    No,
    /// Also a common word; a preceding preposition (في، منذ…) is enough context.
    Weak,
    /// A very common word (اب *father*, صفر *zero*); needs a day, year, pair, relation, شهر or
    /// a modifier.
    Strong,
}

/// Which calendar a month name belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Cal {
    Greg,
    Hijri,
}

/// Part of a month or year a modifier selects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mod {
    Begin,
    Mid,
    End,
}

/// Relation of an expression to the document date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Rel {
    /// No relation word.
    Bare,
    /// الماضي and synonyms.
    Past,
    /// "قبل الماضي".
    PastPast,
    /// المقبل / القادم.
    Next,
    /// الحالي / الجاري.
    Current,
}

impl Rel {
    pub(super) fn offset(self) -> i32 {
        match self {
            Rel::Past => -1,
            Rel::PastPast => -2,
            Rel::Next => 1,
            Rel::Bare | Rel::Current => 0,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Form {
    /// "يوم": one.
    Sing,
    /// "يومين": two.
    Dual,
    /// "ايام": after 3–10.
    Plur,
    /// "يوما": after 11 and more.
    Acc,
}

/// Marker after a year number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Marker {
    None,
    Greg,
    Hijri,
}

/// A month name: calendar, number, how much context it needs.
#[derive(Clone, Copy, Debug)]
pub(super) struct Month {
    pub cal: Cal,
    pub m: u32,
    pub amb: Amb,
}

/// The typed vocabulary of the time grammar.
#[derive(Debug)]
pub(super) struct Vocab {
    /// One-word month names.
    months: FxHashMap<String, Month>,
    /// Two-word month names by first word: (second word, month).
    months2: FxHashMap<String, Vec<(String, Month)>>,
    weekdays: FxHashMap<String, Weekday>,
    modifiers: FxHashMap<String, Mod>,
    relations: FxHashMap<String, Rel>,
    count_preps: FxHashMap<String, i64>,
    relative_days: FxHashMap<String, i64>,
    number_words: FxHashMap<String, i64>,
    units: FxHashMap<String, (Unit, Form)>,
    ordinals: FxHashMap<String, u32>,
    ordinal_tens: FxHashMap<String, u32>,
    markers: FxHashMap<String, Marker>,
    /// Every word that can begin an expression (after proclitic stripping).
    start: FxHashSet<String>,
    pub time_of_day: &'static WordSet,
    pub month_cue: &'static WordSet,
    pub year_noun: &'static WordSet,
    pub demonstrative: &'static WordSet,
    pub approximately: &'static WordSet,
    pub count_blocker: &'static WordSet,
    pub today_not_after: &'static WordSet,
    pub today_not_before: &'static WordSet,
}

/// The shipped vocabulary, built on first use.
pub(super) fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(Vocab::load)
}

/// The values of a valued set, parsed by `parse`; the embedded sets are fixed at build time and
/// `tests::vocabulary_loads` parses every value, so a bad one is a packaging bug.
fn valued<T>(name: &'static str, parse: impl Fn(&str) -> Option<T>) -> impl Iterator<Item = (&'static str, T)> {
    let set = lang::set(name);
    set.words().iter().map(move |w| {
        let raw = set.value(w).unwrap_or("");
        let v = parse(raw).unwrap_or_else(|| panic!("gazetteers/lang/ar/{name}.tsv: entry {w:?} has a bad value {raw:?}"));
        (w.as_str(), v)
    })
}

fn into_map<T>(it: impl Iterator<Item = (&'static str, T)>) -> FxHashMap<String, T> {
    it.map(|(w, v)| (w.to_string(), v)).collect()
}

impl Vocab {
    fn load() -> Vocab {
        let weak = lang::set("time_month_ambiguous");
        let strong = lang::set("time_month_homonym");
        let mut months = FxHashMap::default();
        let mut months2: FxHashMap<String, Vec<(String, Month)>> = FxHashMap::default();
        for (set, cal) in [("time_month_gregorian", Cal::Greg), ("time_month_hijri", Cal::Hijri)] {
            for (w, m) in valued(set, |s| s.parse::<u32>().ok().filter(|m| (1..=12).contains(m))) {
                let amb = if strong.contains(w) {
                    Amb::Strong
                } else if weak.contains(w) {
                    Amb::Weak
                } else {
                    Amb::No
                };
                let month = Month { cal, m, amb };
                match w.split_once(' ') {
                    None => {
                        months.insert(w.to_string(), month);
                    }
                    Some((a, b)) => months2.entry(a.to_string()).or_default().push((b.to_string(), month)),
                }
            }
        }
        let mut v = Vocab {
            months,
            months2,
            weekdays: into_map(valued("time_weekday", |s| Weekday::from_str(s).ok())),
            modifiers: into_map(valued("time_modifier", |s| match s {
                "begin" => Some(Mod::Begin),
                "middle" => Some(Mod::Mid),
                "end" => Some(Mod::End),
                _ => None,
            })),
            relations: into_map(valued("time_relation", |s| match s {
                "past" => Some(Rel::Past),
                "next" => Some(Rel::Next),
                "current" => Some(Rel::Current),
                _ => None,
            })),
            count_preps: into_map(valued("time_count_preposition", |s| s.parse().ok().filter(|x: &i64| x.abs() == 1))),
            relative_days: into_map(valued("time_relative_day", |s| s.parse().ok())),
            number_words: into_map(valued("time_number_word", |s| s.parse().ok())),
            units: into_map(valued("time_unit", parse_unit)),
            ordinals: into_map(valued("time_ordinal_day", |s| s.parse().ok().filter(|d| (1..=31).contains(d)))),
            ordinal_tens: into_map(valued("time_ordinal_tens", |s| s.parse().ok())),
            markers: into_map(valued("time_year_marker", |s| match s {
                "hijri" => Some(Marker::Hijri),
                "gregorian" => Some(Marker::Greg),
                _ => None,
            })),
            start: FxHashSet::default(),
            time_of_day: lang::set("time_of_day"),
            month_cue: lang::set("time_month_cue"),
            year_noun: lang::set("time_year_noun"),
            demonstrative: lang::set("time_demonstrative"),
            approximately: lang::set("time_approximately"),
            count_blocker: lang::set("time_count_blocker"),
            today_not_after: lang::set("time_today_not_after"),
            today_not_before: lang::set("time_today_not_before"),
        };
        v.start = v.start_words();
        v
    }

    fn start_words(&self) -> FxHashSet<String> {
        let mut s = FxHashSet::default();
        let first = |w: &String| w.split(' ').next().unwrap_or(w).to_string();
        s.extend(self.months.keys().cloned());
        s.extend(self.months2.keys().cloned());
        s.extend(self.weekdays.keys().cloned());
        s.extend(self.time_of_day.words().iter().cloned());
        s.extend(self.modifiers.keys().cloned());
        s.extend(self.ordinals.keys().cloned());
        s.extend(self.year_noun.words().iter().cloned());
        s.extend(self.demonstrative.words().iter().cloned());
        s.extend(self.count_preps.keys().cloned());
        s.extend(self.relative_days.keys().map(first));
        s.extend([fw::MONTH_NOUN, fw::THE_WEEK, fw::THE_MONTH, fw::DAY_NOUN].map(str::to_string));
        s
    }

    /// Whether `w` can begin an expression.
    pub fn is_start(&self, w: &str) -> bool {
        self.start.contains(w)
    }

    /// The one-word month `w`.
    pub fn month(&self, w: &str) -> Option<Month> {
        self.months.get(w).copied()
    }

    /// The two-word month `w1 w2`.
    pub fn month2(&self, w1: &str, w2: &str) -> Option<Month> {
        self.months2.get(w1)?.iter().find(|(b, _)| b == w2).map(|(_, m)| *m)
    }

    pub fn weekday(&self, w: &str) -> Option<Weekday> {
        self.weekdays.get(w).copied()
    }

    pub fn modifier(&self, w: &str) -> Option<Mod> {
        self.modifiers.get(w).copied()
    }

    /// The relation word `w` (past, next or current).
    pub fn relation(&self, w: &str) -> Option<Rel> {
        self.relations.get(w).copied()
    }

    /// The direction (-1 or 1) of a count preposition.
    pub fn count_preposition(&self, w: &str) -> Option<i64> {
        self.count_preps.get(w).copied()
    }

    /// The day offset of a relative day word or two-word phrase.
    pub fn relative_day(&self, w: &str) -> Option<i64> {
        self.relative_days.get(w).copied()
    }

    pub fn number_word(&self, w: &str) -> Option<i64> {
        self.number_words.get(w).copied()
    }

    pub fn unit(&self, w: &str) -> Option<(Unit, Form)> {
        self.units.get(w).copied()
    }

    pub fn ordinal(&self, w: &str) -> Option<u32> {
        self.ordinals.get(w).copied()
    }

    pub fn ordinal_tens(&self, w: &str) -> Option<u32> {
        self.ordinal_tens.get(w).copied()
    }

    pub fn marker(&self, w: &str) -> Option<Marker> {
        self.markers.get(w).copied()
    }
}

fn parse_unit(s: &str) -> Option<(Unit, Form)> {
    let (u, f) = s.split_once(' ')?;
    let unit = match u {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    };
    let form = match f {
        "single" => Form::Sing,
        "dual" => Form::Dual,
        "plural" => Form::Plur,
        "accusative" => Form::Acc,
        _ => return None,
    };
    Some((unit, form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads() {
        let v = vocab();
        assert_eq!(v.months.values().filter(|m| m.cal == Cal::Greg).map(|m| m.m).collect::<FxHashSet<_>>().len(), 12);
        assert_eq!(v.weekdays.len(), 7);
        assert!(v.month2("كانون", "الثاني").is_some_and(|m| m.m == 1));
        assert_eq!(v.month("اب").map(|m| m.amb), Some(Amb::Strong));
        assert_eq!(v.month("مارس").map(|m| m.amb), Some(Amb::Weak));
        assert_eq!(v.relative_day("امس الاول"), Some(-2));
        assert!(v.is_start("اول") && v.is_start("بعد"));
    }
}
