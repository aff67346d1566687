//! Time expressions in Arabic news: recognition and resolution to calendar dates.
//!
//! [`find_times`] scans the NORMALIZED text khabar produces (harakat and tatweel removed;
//! أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي; digits → ASCII; Latin lowercased) and returns every
//! time expression as a byte span of that text plus, when it can be resolved, a [`DateValue`]:
//! one day or an inclusive range of days. Relative expressions ("امس", "الاسبوع الماضي") need
//! the document date; without it they are still found, with `value: None`.
//!
//! # Tokens, clitics and spans
//!
//! Words are maximal runs of Unicode alphanumerics; a run is further split where ASCII digits
//! meet letters ("1436ه" is the number 1436 followed by the letter ه). The first word of an
//! expression may carry the proclitics و/ف (conjunction) followed by ب/ل (preposition), and ل
//! may be contracted with the article ("للعام"); the span then starts after the proclitics
//! (and after the contracted "لل"), while a plain article stays inside the span: "وامس" → "امس",
//! "بالامس" → "الامس", "للعام 2016" → "عام 2016". A number may carry the same proclitics
//! ("و5 يوليو" → "5 يوليو"). ل directly before "امس"/"غدا"/"اول" is not taken as a proclitic
//! ("لامس" is the verb *touched*). Lexicon look-ups also fold ة/ى/أ/إ/آ/ٱ/ؤ/ئ, so
//! unnormalized letters are tolerated, but offsets are always those of the text given.
//!
//! When several expressions overlap, the longest (in bytes) wins; ties go to the leftmost.
//! The result is sorted and non-overlapping.
//!
//! # Recognized expressions
//!
//! * **Gregorian months**, every regional set: يناير فبراير مارس ابريل/افريل مايو/ماي
//!   يونيو/يونيه/جوان يوليو/يوليه/جويليه/يوليوز اغسطس/اوت/غشت سبتمبر/شتنبر اكتوبر
//!   نوفمبر/نونبر ديسمبر/دجنبر, Maghrebi جانفي فيفري, Levantine كانون الثاني شباط اذار نيسان
//!   ايار حزيران تموز اب ايلول تشرين الاول تشرين الثاني كانون الاول (also without the article:
//!   "تشرين اول"). Pairs of the same month are one expression: "مايو (ايار)", "تموز/يوليو",
//!   "ايار (مايو)", "يوليو تموز". "شهر" before the month is included in the span ("شهر مايو").
//! * **Month names that are also common words** (مارس *practised*, ماي, نيسان, ايار, تموز,
//!   اذار, شباط, جوان, غشت) are taken only in a month context: a day number before, a year,
//!   a month pair, الماضي/المقبل/الحالي… after, "شهر" or a modifier (منتصف…) before, or one of
//!   the words في منذ حتي خلال بحلول قبل بعد immediately before. "اب" (*father*) and صفر
//!   (*zero*) need the same context except that the preceding preposition is not enough.
//!   "8 اذار"/"14 اذار" (also with مارس) without a year are Lebanon's political camps and are
//!   not taken.
//! * **Absolute dates**: "5 يوليو 2019", "5 تموز/يوليو 2019", "5 من يوليو", "الخامس من يوليو"
//!   (ordinal day words 1–31, "من" required), day ranges "5-10 يوليو" and "5 و6 يوليو",
//!   "يوليو 2019" (month range), "مايو من العام الماضي", "سبتمبر عام 2012", "مايو من عام 2018",
//!   a weekday before a date ("الخميس 4 يوليو 2019", "الخميس، الموافق 4/7/2019") in one span;
//!   years "عام 2016"/"العام 2016"/"سنه 2016"/"2016م" (year range; a bare four-digit number is
//!   NOT a year); numeric 2019-07-05, 2019/7/5, 5/7/2019, 5-7-2019, 5.7.2019, also with spaces
//!   around "/" and "-" ("23 / 8 / 1436ه") (year-month-day when the first number has four
//!   digits, otherwise day/month/year; if the month would be > 12 and the day ≤ 12 the two are
//!   swapped). A year may carry م/ميلادي. Glued forms as typed in Gulf papers are read too:
//!   "26يوليو 2015م", "الاحد10شوال".
//! * **Equivalent dates** written after a date — "، الموافق 3 / 6 / 2015م", "والموافق 26
//!   رمضان", "(26 يوليو 2015م)" — join it in one span; the value is the absolute one of the two,
//!   and the Gregorian one when both are absolute (the Hijri conversion is arithmetical).
//! * **Hijri months** محرم/المحرم صفر ربيع الاول ربيع الاخر/الثاني جمادي الاولي/الاول
//!   جمادي الاخره/الثانيه رجب شعبان رمضان شوال ذو/ذي القعده ذو/ذي الحجه, with an optional day
//!   and a Hijri year (1000–1700, optionally marked ه/هجري), e.g. "1 رمضان 1436 ه"; Hijri
//!   years "1436ه", "عام 1436 ه"; numeric "5/9/1436ه", "1436/10/30". An unmarked year in
//!   1350–1500 after عام/العام/سنه or in a numeric date is Hijri ("العام 1435", "11/8/1436");
//!   with م it stays Gregorian ("عام 1391م"). Hijri dates are converted with the
//!   arithmetical (tabular, "Kuwaiti"/civil epoch) Islamic calendar: it can differ from the
//!   observed or Umm al-Qura calendar by a day or two. A Hijri month without a year is
//!   resolved against the Hijri date of the document. Day 30 is accepted in every month (the
//!   observed month may have 30 days where the tabular one has 29).
//! * **Modifiers** before a month or a year: بدايه مطلع اوائل مستهل → days 1–10;
//!   منتصف اواسط → days 10–20; نهايه اواخر → days 21–end of the month. On a year they take
//!   thirds: January–April, May–August, September–December (Hijri years: months 1–4, 5–8,
//!   9–12). "بدايه الشهر" alone means the document month.
//! * **Relative days** (document date D): اليوم, "صباح/مساء/… اليوم" → D; امس/الامس/البارحه
//!   → D−1; "اول امس"/"امس الاول" → D−2; غدا, "يوم غد" → D+1; "بعد غد" → D+2; الليله → D,
//!   "الليله الماضيه" → D−1. "اليوم" is skipped in fixed phrases that do not mean today
//!   ("اليوم العالمي", "اليوم التالي", "اليوم الاول", "ذلك اليوم", "مثل هذا اليوم"…) and in
//!   the newspaper names "صحيفه/جريده اليوم", "عين اليوم".
//!   Optional prefixes صباح مساء فجر ظهر عصر ليله ليل ظهيره ضحي and "يوم" are in the span, and
//!   so is a weekday in apposition: "امس الاحد", "اليوم (الاثنين)" (value: the relative day).
//! * **Counted offsets**: قبل/منذ (past) and بعد (future) + count + unit, the count being
//!   implicit (singular "قبل اسبوع" = 1, dual "قبل يومين" = 2), ASCII digits ("قبل 3 ايام",
//!   "قبل 15 يوما") or a number word 3–10 ("قبل ثلاثه ايام"); an optional نحو/حوالي/قرابه/زهاء
//!   may precede the count. Days and weeks give one day (D∓n, D∓7n); months give the calendar
//!   month n months away; years the calendar year n years away; a following مضي/مضت is in the
//!   span. Not taken when followed by من/علي/عن ("قبل يومين من الانتخابات" is relative to
//!   another event), after an accusative unit ("يوما بعد يوم"), nor for بعد + a bare singular
//!   ("بعد يوم طويل").
//! * **Weekdays** السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه: the most recent such
//!   day not after D (D itself when it is that weekday); with الماضي/الماضيه the most recent
//!   strictly before D; with المقبل/القادم the next strictly after D.
//! * **Relative periods**: الاسبوع/الشهر/العام/السنه + الماضي (−1), "قبل الماضي" (−2),
//!   الحالي/الجاري (0), المقبل/القادم (+1) (feminine and المنصرم/الفائت variants too), and
//!   "هذا الاسبوع/الشهر/العام", "هذه السنه". Weeks follow ISO 8601: Monday–Sunday. (Many Arab
//!   countries start the week on Saturday or Sunday; the ISO convention was chosen because
//!   news agencies date "last week" events that way in practice, e.g. the seed article dated
//!   Sunday 2019-07-07 calls the G20 summit of 28–29 June "الاسبوع الماضي", which only the
//!   Monday–Sunday week 2019-06-24/2019-06-30 contains.)
//! * **Months without a year** resolve against D: bare → the most recent such month whose first
//!   day is not after D ("ديسمبر" in July 2019 → December 2018; "يوليو" → July 2019); with
//!   الماضي → the most recent one that ended before D ("مايو الماضي" → May 2019, "يوليو
//!   الماضي" → July 2018); with المقبل → the first one starting after D; with الحالي/الجاري →
//!   D's year. With a day ("5 يوليو") the same rules apply to the day itself, except that a
//!   bare day at most 30 days after D is taken as upcoming: with D = 2019-07-07 "20 يوليو" is
//!   2019-07-20 but "5 يوليو" is 2019-07-05 and "10 اغسطس" 2018-08-10.
//!
//! # Clipping to the document date
//!
//! A news report describes what has happened up to its date, so a range that is resolved
//! relative to D and that contains D is cut at D: with D = 2019-07-07 "بدايه الشهر الحالي" is
//! 2019-07-01/2019-07-07 (days 1–10 cut at D; this is also how the seed article's gold record
//! dates it), "هذا الاسبوع" 2019-07-01/2019-07-07, "العام الحالي" 2019-01-01/2019-07-07.
//! Ranges given absolutely ("يوليو 2019") are never cut. Future statements ("later this
//! month") are cut too: a known trade-off.
//!
//! # Known gaps
//!
//! Bare years ("قبل 2011", "في 2019") are not taken (too often quantities or resolution
//! numbers); neither are time-of-day clocks, month ranges ("بين مايو ويوليو"), "اول مايو",
//! vague spans ("قبل ايام", "خلال الايام الماضيه"), or modifiers on weeks ("نهايه الاسبوع").
//! Yearless dates of famous events ("ثوره 25 يناير") resolve like any yearless date (to the
//! latest such day), and "بعد"/"قبل" counts inside a past narrative are taken relative to the
//! document date.

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Serialize, Serializer};

// ───────────────────────────── public API ─────────────────────────────

/// A date or an inclusive date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A single calendar day.
    Day(NaiveDate),
    /// An inclusive range of days, first day before last day.
    Range(NaiveDate, NaiveDate),
}

impl DateValue {
    /// The ISO 8601 form: `"2019-05-10"` for a day, `"2019-05-10/2019-05-20"` for a range.
    pub fn to_iso(&self) -> String {
        match self {
            DateValue::Day(d) => iso(*d),
            DateValue::Range(a, b) => format!("{}/{}", iso(*a), iso(*b)),
        }
    }
}

impl Serialize for DateValue {
    /// Serializes as the string [`DateValue::to_iso`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

/// One time expression found in a normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte offset of the first byte of the expression in the normalized text (after any
    /// proclitics).
    pub start: usize,
    /// Byte offset one past the last byte of the expression in the normalized text.
    pub end: usize,
    /// The resolved date or range; `None` when it cannot be resolved (a relative expression
    /// without a document date).
    pub value: Option<DateValue>,
}

/// Finds and resolves the time expressions of a normalized text.
///
/// `normalized` is khabar's normalized text; `doc_date` is the document's date, the anchor of
/// relative expressions. The result is sorted by position, non-overlapping, and the longest
/// expression wins where candidates overlap. See the [module documentation](self) for what is
/// recognized and how each expression is resolved.
pub fn find_times(normalized: &str, doc_date: Option<NaiveDate>) -> Vec<TimeMention> {
    // The scan keeps a token record per word; over a whole long document that was 10 bytes of
    // memory per input byte. It runs line block by line block instead: a time expression never
    // spans a line break.
    let mut out = Vec::new();
    let mut from = 0;
    while from < normalized.len() {
        let to = chunk_end(normalized, from);
        out.extend(find_times_in(&normalized[from..to], doc_date).into_iter().map(|mut m| {
            m.start += from;
            m.end += from;
            m
        }));
        from = to;
    }
    out
}

/// Bytes of text [`find_times`] scans at once (at least; it cuts at the next line break).
const TIME_CHUNK: usize = 1 << 16;

/// Where the block of `text` that starts at `from` ends: after the first line break past
/// [`TIME_CHUNK`] bytes; in a text without line breaks, after a sentence-final punctuation and a
/// space, or else after a space, between 4 and 8 × [`TIME_CHUNK`] bytes; always on a char boundary.
fn chunk_end(text: &str, from: usize) -> usize {
    if text.len() - from <= TIME_CHUNK {
        return text.len();
    }
    let b = text.as_bytes();
    let after = |start: usize, limit: usize, pred: &dyn Fn(usize) -> bool| -> Option<usize> {
        (start..limit.min(b.len())).find(|&i| pred(i)).map(|i| i + 1)
    };
    let soft = from + TIME_CHUNK;
    let hard = from + 4 * TIME_CHUNK;
    let last = from + 8 * TIME_CHUNK;
    after(soft, hard, &|i| b[i] == b'\n')
        .or_else(|| after(hard, last, &|i| b[i] == b' ' && matches!(b[i - 1], b'.' | b'!' | b'?')))
        .or_else(|| after(hard, last, &|i| b[i] == b' '))
        .unwrap_or_else(|| {
            // No space in 256 KiB: cut at a char boundary.
            let mut e = last.min(b.len());
            while !text.is_char_boundary(e) {
                e += 1;
            }
            e
        })
}

fn find_times_in(normalized: &str, doc_date: Option<NaiveDate>) -> Vec<TimeMention> {
    let toks = tokenize(normalized);
    let mut cands = candidates(&toks);
    // Longest first, then leftmost; keep those that do not overlap an already kept one.
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans are disjoint, so the only one that can overlap a candidate is the kept span
    // with the greatest start before the candidate's end (a scan of all kept spans was
    // quadratic on long documents).
    let mut kept: std::collections::BTreeMap<usize, Cand> = std::collections::BTreeMap::new();
    for c in cands {
        let overlaps = kept.range(..c.end).next_back().is_some_and(|(_, k)| k.end > c.start);
        if !overlaps {
            kept.insert(c.start, c);
        }
    }
    kept.into_values()
        .map(|c| TimeMention {
            start: c.start,
            end: c.end,
            value: resolve(&c, doc_date),
        })
        .collect()
}

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

// ───────────────────────────── lexicon ─────────────────────────────

/// How much context a month name needs before it is taken as a month.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Amb {
    /// Always a month.
    No,
    /// Also a common word; a preceding preposition (في، منذ…) is enough context.
    Weak,
    /// A very common word (اب *father*, صفر *zero*); needs a day, year, pair, relation, شهر or
    /// a modifier.
    Strong,
}

const GREG_ONE: &[(&str, u32, Amb)] = &[
    ("يناير", 1, Amb::No),
    ("جانفي", 1, Amb::No),
    ("فبراير", 2, Amb::No),
    ("فيفري", 2, Amb::No),
    ("شباط", 2, Amb::Weak),
    ("مارس", 3, Amb::Weak),
    ("اذار", 3, Amb::Weak),
    ("ابريل", 4, Amb::No),
    ("افريل", 4, Amb::No),
    ("نيسان", 4, Amb::Weak),
    ("مايو", 5, Amb::No),
    ("ماي", 5, Amb::Weak),
    ("ايار", 5, Amb::Weak),
    ("يونيو", 6, Amb::No),
    ("يونيه", 6, Amb::No),
    ("جوان", 6, Amb::Weak),
    ("حزيران", 6, Amb::No),
    ("يوليو", 7, Amb::No),
    ("يوليه", 7, Amb::No),
    ("يوليوز", 7, Amb::No),
    ("جويليه", 7, Amb::No),
    ("تموز", 7, Amb::Weak),
    ("اغسطس", 8, Amb::No),
    ("اوت", 8, Amb::No),
    ("غشت", 8, Amb::Weak),
    ("اب", 8, Amb::Strong),
    ("سبتمبر", 9, Amb::No),
    ("شتنبر", 9, Amb::No),
    ("ايلول", 9, Amb::No),
    ("اكتوبر", 10, Amb::No),
    ("نوفمبر", 11, Amb::No),
    ("نونبر", 11, Amb::No),
    ("ديسمبر", 12, Amb::No),
    ("دجنبر", 12, Amb::No),
];

const GREG_TWO: &[(&str, &str, u32)] = &[
    ("كانون", "الثاني", 1),
    ("كانون", "ثاني", 1),
    ("كانون", "الاول", 12),
    ("كانون", "اول", 12),
    ("تشرين", "الاول", 10),
    ("تشرين", "اول", 10),
    ("تشرين", "الثاني", 11),
    ("تشرين", "ثاني", 11),
];

const HIJRI_ONE: &[(&str, u32, Amb)] = &[
    ("محرم", 1, Amb::Weak),
    ("المحرم", 1, Amb::Weak),
    ("صفر", 2, Amb::Strong),
    ("رجب", 7, Amb::Weak),
    ("شعبان", 8, Amb::Weak),
    ("رمضان", 9, Amb::Weak),
    ("شوال", 10, Amb::Weak),
];

const HIJRI_TWO: &[(&str, &str, u32)] = &[
    ("ربيع", "الاول", 3),
    ("ربيع", "اول", 3),
    ("ربيع", "الاخر", 4),
    ("ربيع", "الاخره", 4),
    ("ربيع", "الثاني", 4),
    ("ربيع", "ثاني", 4),
    ("جمادي", "الاولي", 5),
    ("جمادي", "الاول", 5),
    ("جمادي", "الاخره", 6),
    ("جمادي", "الاخر", 6),
    ("جمادي", "الثانيه", 6),
    ("جمادي", "الثاني", 6),
    ("ذو", "القعده", 11),
    ("ذي", "القعده", 11),
    ("ذو", "الحجه", 12),
    ("ذي", "الحجه", 12),
];

const WEEKDAY_NAMES: &[&str] = &[
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("السبت", Weekday::Sat),
    ("الاحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الاربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعه", Weekday::Fri),
];

/// Time-of-day words that may precede a day expression ("صباح اليوم", "مساء الخميس").
const TOD: &[&str] = &[
    "صباح",
    "مساء",
    "فجر",
    "ظهر",
    "عصر",
    "ليله",
    "ليل",
    "ظهيره",
    "ضحي",
];

/// Part of a month or year a modifier selects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mod {
    Begin,
    Mid,
    End,
}

const MODS: &[(&str, Mod)] = &[
    ("بدايه", Mod::Begin),
    ("مطلع", Mod::Begin),
    ("اوائل", Mod::Begin),
    ("مستهل", Mod::Begin),
    ("منتصف", Mod::Mid),
    ("اواسط", Mod::Mid),
    ("نهايه", Mod::End),
    ("اواخر", Mod::End),
];

/// Relation of an expression to the document date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rel {
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
    fn offset(self) -> i32 {
        match self {
            Rel::Past => -1,
            Rel::PastPast => -2,
            Rel::Next => 1,
            Rel::Bare | Rel::Current => 0,
        }
    }
}

const PAST: &[&str] = &[
    "الماضي",
    "الماضيه",
    "المنصرم",
    "المنصرمه",
    "الفائت",
    "الفائته",
    "المنقضي",
    "المنقضيه",
];
const NEXT: &[&str] = &["المقبل", "المقبله", "القادم", "القادمه"];
const CURRENT: &[&str] = &["الحالي", "الحاليه", "الجاري", "الجاريه"];

/// Words that, right before a weakly ambiguous month name, make it a month ("في مارس").
const CUES: &[&str] = &["في", "منذ", "حتي", "خلال", "بحلول", "قبل", "بعد"];

const YEAR_WORDS: &[&str] = &["عام", "العام", "سنه", "السنه"];
const THIS: &[&str] = &["هذا", "هذه"];
const AGO: &[&str] = &["قبل", "منذ", "بعد"];
const APPROX: &[&str] = &["نحو", "حوالي", "قرابه", "زهاء"];
const RELDAY: &[&str] = &[
    "اليوم",
    "امس",
    "الامس",
    "اول",
    "البارحه",
    "غدا",
    "غد",
    "بعد",
    "الليله",
    "يوم",
];

/// Words after "اليوم" that make it "the day …" rather than "today".
const TODAY_EXCL_NEXT: &[&str] = &[
    "العالمي",
    "الدولي",
    "الوطني",
    "التالي",
    "السابق",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "الاخير",
    "نفسه",
    "ذاته",
    "الذي",
    "الواحد",
    "الموعود",
    "الدراسي",
];
/// Words before "اليوم" that make it "that day".
const TODAY_EXCL_PREV: &[&str] = &["ذلك", "ذات", "نفس", "مثل", "هذا", "صحيفه", "جريده", "عين"];

const NUMWORDS: &[(&str, i64)] = &[
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    /// "يوم": one.
    Sing,
    /// "يومين": two.
    Dual,
    /// "ايام": after 3–10.
    Plur,
    /// "يوما": after 11 and more.
    Acc,
}

const UNITS: &[(&str, Unit, Form)] = &[
    ("يوم", Unit::Day, Form::Sing),
    ("يومين", Unit::Day, Form::Dual),
    ("يومان", Unit::Day, Form::Dual),
    ("ايام", Unit::Day, Form::Plur),
    ("يوما", Unit::Day, Form::Acc),
    ("اسبوع", Unit::Week, Form::Sing),
    ("اسبوعين", Unit::Week, Form::Dual),
    ("اسبوعان", Unit::Week, Form::Dual),
    ("اسابيع", Unit::Week, Form::Plur),
    ("اسبوعا", Unit::Week, Form::Acc),
    ("شهر", Unit::Month, Form::Sing),
    ("شهرين", Unit::Month, Form::Dual),
    ("شهران", Unit::Month, Form::Dual),
    ("اشهر", Unit::Month, Form::Plur),
    ("شهور", Unit::Month, Form::Plur),
    ("شهرا", Unit::Month, Form::Acc),
    ("عام", Unit::Year, Form::Sing),
    ("سنه", Unit::Year, Form::Sing),
    ("عامين", Unit::Year, Form::Dual),
    ("عامان", Unit::Year, Form::Dual),
    ("سنتين", Unit::Year, Form::Dual),
    ("سنتان", Unit::Year, Form::Dual),
    ("اعوام", Unit::Year, Form::Plur),
    ("سنوات", Unit::Year, Form::Plur),
    ("سنين", Unit::Year, Form::Plur),
    ("عاما", Unit::Year, Form::Acc),
];

/// Ordinal day words: units (with الحادي for the 1 of 11, 21, 31) and tens.
const ORD_UNITS: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
];

/// Which calendar a month name belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cal {
    Greg,
    Hijri,
}

/// Marker after a year number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
    None,
    Greg,
    Hijri,
}

fn marker(w: &str) -> Option<Marker> {
    match w {
        "ه" | "هـ" | "هجري" | "هجريه" => Some(Marker::Hijri),
        "م" | "ميلادي" | "ميلاديه" => Some(Marker::Greg),
        _ => None,
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Every word that can begin an expression (after proclitic stripping).
fn start_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s: HashSet<&'static str> = HashSet::default();
        s.extend(GREG_ONE.iter().map(|e| e.0));
        s.extend(GREG_TWO.iter().map(|e| e.0));
        s.extend(HIJRI_ONE.iter().map(|e| e.0));
        s.extend(HIJRI_TWO.iter().map(|e| e.0));
        s.extend(WEEKDAYS.iter().map(|e| e.0));
        s.extend(TOD.iter().copied());
        s.extend(MODS.iter().map(|e| e.0));
        s.extend(ORD_UNITS.iter().map(|e| e.0));
        s.extend(["العشرين", "الثلاثين", "شهر"]);
        s.extend(YEAR_WORDS.iter().copied());
        s.extend(THIS.iter().copied());
        s.extend(["الاسبوع", "الشهر"]);
        s.extend(AGO.iter().copied());
        s.extend(RELDAY.iter().copied());
        s
    })
}

// ───────────────────────────── tokens ─────────────────────────────

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug)]
struct Tok<'t> {
    s: usize,
    e: usize,
    kind: Kind,
    /// Words: the text with letter variants folded (same byte length); others: the text.
    /// Borrowed from the text unless folding changed something (normalized text is already folded).
    key: Cow<'t, str>,
    /// Numbers: the value (None when too long to matter).
    val: Option<u32>,
    /// Numbers: the number of digits.
    digits: usize,
}

/// Folds the letter variants that the normalizer folds; every replacement has the same UTF-8
/// length, so byte offsets in the key equal those in the text.
fn fold(w: &str) -> Cow<'_, str> {
    let variant = |c: char| matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' | 'ئ' | 'ة' | 'ؤ');
    if !w.chars().any(variant) {
        return Cow::Borrowed(w);
    }
    Cow::Owned(
        w.chars()
            .map(|c| match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' | 'ئ' => 'ي',
                'ة' => 'ه',
                'ؤ' => 'و',
                c => c,
            })
            .collect(),
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Digit,
    Letter,
    Space,
    Other,
}

/// ASCII digits; letters and other numerals (`\p{Alphabetic}`, `\p{N}`); white space; the rest.
fn char_class(c: char) -> CharClass {
    match c {
        '0'..='9' => CharClass::Digit,
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' => CharClass::Letter,
        c if c.is_ascii() => {
            if c.is_ascii_whitespace() {
                CharClass::Space
            } else {
                CharClass::Other
            }
        }
        c if c.is_whitespace() => CharClass::Space,
        c if c.is_alphabetic() || c.is_numeric() => CharClass::Letter,
        _ => CharClass::Other,
    }
}

/// Runs of ASCII digits, runs of other letters/numerals, and single other non-space characters.
fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut it = text.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        let class = char_class(c);
        if class == CharClass::Space {
            continue;
        }
        let mut e = s + c.len_utf8();
        if class != CharClass::Other {
            while let Some(&(j, d)) = it.peek() {
                if char_class(d) != class {
                    break;
                }
                e = j + d.len_utf8();
                it.next();
            }
        }
        let t = &text[s..e];
        out.push(match class {
            CharClass::Digit => Tok {
                s,
                e,
                kind: Kind::Num,
                key: Cow::Borrowed(t),
                val: if t.len() <= 9 { t.parse().ok() } else { None },
                digits: t.len(),
            },
            CharClass::Letter => Tok {
                s,
                e,
                kind: Kind::Word,
                key: fold(t),
                val: None,
                digits: 0,
            },
            _ => Tok {
                s,
                e,
                kind: Kind::Punct,
                key: Cow::Borrowed(t),
                val: None,
                digits: 0,
            },
        });
    }
    out
}

fn is_proclitics(k: &str) -> bool {
    matches!(k, "و" | "ف" | "ب" | "ل" | "وب" | "ول" | "فب" | "فل")
}

/// Token `i` touches token `i - 1` (no separator between them).
fn glued(t: &[Tok], i: usize) -> bool {
    i > 0 && i < t.len() && t[i - 1].e == t[i].s
}

/// Whether a number at `i` may begin an expression: free on the left, or after an opening
/// punctuation that is not inside a number ("2019-07"), or after bare proclitics ("و5").
fn start_ok(t: &[Tok], i: usize) -> bool {
    if !glued(t, i) {
        return true;
    }
    let prev = &t[i - 1];
    match prev.kind {
        Kind::Punct => !(glued(t, i - 1) && t[i - 2].kind == Kind::Num),
        Kind::Word => {
            (is_proclitics(&prev.key) && !glued(t, i - 1))
                || lookup(WEEKDAYS, &prev.key).is_some()
                || matches!(&*prev.key, "يوم" | "الموافق")
        }
        Kind::Num => false,
    }
}

/// A word and its forms without leading proclitics (و ف then ب ل): "لهذا" → "لهذا", "هذا".
fn bare_forms(k: &str) -> impl Iterator<Item = &str> {
    let a = k
        .strip_prefix(['و', 'ف'])
        .filter(|r| r.chars().count() >= 2);
    let b = a
        .unwrap_or(k)
        .strip_prefix(['ب', 'ل'])
        .filter(|r| r.chars().count() >= 2);
    std::iter::once(k).chain(a).chain(b)
}

/// Whether a number at `j` ends cleanly: not glued to a following word or number.
fn end_ok(t: &[Tok], j: usize) -> bool {
    !glued(t, j + 1) || t[j + 1].kind == Kind::Punct
}

/// `key[from..]`, borrowed from the text when `key` is.
fn sub_key<'t>(key: &Cow<'t, str>, from: usize) -> Cow<'t, str> {
    match key {
        Cow::Borrowed(k) => Cow::Borrowed(&k[from..]),
        Cow::Owned(k) => Cow::Owned(k[from..].to_string()),
    }
}

/// A possible first word of an expression: the token itself or the token without proclitics.
struct Head<'t> {
    idx: usize,
    start: usize,
    key: Cow<'t, str>,
    /// The preposition ل was stripped (without a contracted article).
    lam: bool,
}

/// Pushes the heads at token `i` onto `out`.
fn heads<'t>(t: &[Tok<'t>], i: usize, out: &mut Vec<Head<'t>>) {
    let tok = &t[i];
    match tok.kind {
        Kind::Punct => {}
        Kind::Num => {
            if start_ok(t, i) {
                out.push(Head {
                    idx: i,
                    start: tok.s,
                    key: Cow::Borrowed(""),
                    lam: false,
                });
            }
        }
        Kind::Word => {
            if glued(t, i) && t[i - 1].kind == Kind::Num {
                return; // a suffix like the ه of "1436ه"
            }
            let start = start_words();
            let key: &str = &tok.key;
            if start.contains(key) {
                out.push(Head {
                    idx: i,
                    start: tok.s,
                    key: tok.key.clone(),
                    lam: false,
                });
            }
            if !key.starts_with(['و', 'ف', 'ب', 'ل']) {
                return;
            }
            for c1 in [None, Some('و'), Some('ف')] {
                let Some(after1) = (match c1 {
                    None => Some(key),
                    Some(c) => key.strip_prefix(c),
                }) else {
                    continue;
                };
                for c2 in [None, Some('ب'), Some('ل')] {
                    if c1.is_none() && c2.is_none() {
                        continue;
                    }
                    let Some(rest) = (match c2 {
                        None => Some(after1),
                        Some(c) => after1.strip_prefix(c),
                    }) else {
                        continue;
                    };
                    let plen = key.len() - rest.len();
                    if rest.chars().count() < 2 {
                        continue;
                    }
                    if c2 == Some('ل') && rest.starts_with('ل') {
                        // Contracted article: "للعام" = ل + العام; the span starts after "لل".
                        let k = format!("ا{rest}");
                        if start.contains(k.as_str()) {
                            out.push(Head {
                                idx: i,
                                start: tok.s + plen + 'ل'.len_utf8(),
                                key: Cow::Owned(k),
                                lam: false,
                            });
                        }
                    }
                    if start.contains(rest) {
                        out.push(Head {
                            idx: i,
                            start: tok.s + plen,
                            key: sub_key(&tok.key, plen),
                            lam: c2 == Some('ل'),
                        });
                    }
                }
            }
        }
    }
}

// ───────────────────────────── semantics ─────────────────────────────

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gran {
    Day,
    Week,
    Month,
    Year,
    HYear(i32),
}

/// An inclusive span of days with the granularity it was expressed in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Period {
    s: NaiveDate,
    e: NaiveDate,
    g: Gran,
}

impl Period {
    fn day(d: NaiveDate) -> Period {
        Period {
            s: d,
            e: d,
            g: Gran::Day,
        }
    }
}

/// The year of a Gregorian month expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum YearSpec {
    /// Given ("مايو 2019").
    Abs(i32),
    /// Document year plus an offset ("مايو من العام الماضي").
    Offset(i32),
    /// Chosen relative to the document date ("مايو", "مايو الماضي").
    Rel(Rel),
}

/// What an expression means, before the document date is known.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sem {
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
    fn has_day(&self) -> bool {
        matches!(
            self,
            Sem::GMonth { day: Some(_), .. } | Sem::HMonth { day: Some(_), .. }
        )
    }

    /// Names one day (or a few days).
    fn is_day_level(&self) -> bool {
        self.has_day()
            || matches!(self, Sem::DayOffset(_) | Sem::Weekday(..))
            || matches!(self, Sem::Fixed(p) if p.g == Gran::Day)
    }

    /// A Hijri date or month (resolved arithmetically).
    fn is_hijri(&self) -> bool {
        matches!(self, Sem::HMonth { .. })
    }

    /// Resolvable without the document date.
    fn is_absolute(&self) -> bool {
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
enum YearKind {
    G(i32),
    H(i32),
    Off(i32),
}

impl YearKind {
    fn sem(self) -> Option<Sem> {
        match self {
            YearKind::G(y) => Some(Sem::Fixed(year_period(y)?)),
            YearKind::H(y) => Some(Sem::Fixed(hyear_period(y)?)),
            YearKind::Off(k) => Some(Sem::YearOffset(k)),
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    start: usize,
    end: usize,
    sem: Sem,
    modi: Option<Mod>,
}

/// Parse result: index of the token after the expression, meaning, modifier.
type Parsed = (usize, Sem, Option<Mod>);

// ───────────────────────────── grammar ─────────────────────────────

struct P<'a> {
    t: &'a [Tok<'a>],
    h: &'a Head<'a>,
}

impl<'a> P<'a> {
    /// The word at `j` (the stripped head at the head position).
    fn w(&self, j: usize) -> Option<&str> {
        let tok = self.t.get(j)?;
        if tok.kind != Kind::Word {
            return None;
        }
        Some(if j == self.h.idx {
            &*self.h.key
        } else {
            &*tok.key
        })
    }

    fn is(&self, j: usize, set: &[&str]) -> bool {
        self.w(j).is_some_and(|w| set.contains(&w))
    }

    fn punct(&self, j: usize) -> Option<char> {
        let tok = self.t.get(j)?;
        if tok.kind == Kind::Punct {
            tok.key.chars().next()
        } else {
            None
        }
    }

    fn num(&self, j: usize) -> Option<(u32, usize)> {
        let tok = self.t.get(j)?;
        if tok.kind == Kind::Num {
            tok.val.map(|v| (v, tok.digits))
        } else {
            None
        }
    }

    /// A day-of-month number (1–31, at most two digits) that ends cleanly.
    fn day_num(&self, j: usize) -> Option<u32> {
        let (v, d) = self.num(j)?;
        ((1..=31).contains(&v) && d <= 2 && end_ok(self.t, j)).then_some(v)
    }

    fn rel(&self, j: usize) -> Option<(usize, Rel)> {
        let w = self.w(j)?;
        if PAST.contains(&w) {
            Some((j + 1, Rel::Past))
        } else if NEXT.contains(&w) {
            Some((j + 1, Rel::Next))
        } else if CURRENT.contains(&w) {
            Some((j + 1, Rel::Current))
        } else if w == "قبل" && self.is(j + 1, PAST) {
            Some((j + 2, Rel::PastPast))
        } else {
            None
        }
    }

    /// A four-digit year (1000–2999) at `j` with an optional marker (glued or separate).
    fn year4(&self, j: usize, check_start: bool) -> Option<(usize, i32, Marker)> {
        let (v, d) = self.num(j)?;
        if d != 4 || !(1000..=2999).contains(&v) || (check_start && !start_ok(self.t, j)) {
            return None;
        }
        let t = self.t;
        if glued(t, j + 1) {
            let n = &t[j + 1];
            match n.kind {
                Kind::Punct => Some((j + 1, v as i32, Marker::None)),
                Kind::Num => None,
                Kind::Word => {
                    let mk = marker(&n.key)?;
                    if glued(t, j + 2) && t[j + 2].kind != Kind::Punct {
                        return None;
                    }
                    Some((j + 2, v as i32, mk))
                }
            }
        } else if let Some(mk) = self.w(j + 1).and_then(marker) {
            Some((j + 2, v as i32, mk))
        } else {
            Some((j + 1, v as i32, Marker::None))
        }
    }

    /// A month name: (next index, calendar, month number, ambiguity).
    fn month_name(&self, j: usize) -> Option<(usize, Cal, u32, Amb)> {
        let w = self.w(j)?;
        if let Some(&(_, m, a)) = GREG_ONE.iter().find(|e| e.0 == w) {
            return Some((j + 1, Cal::Greg, m, a));
        }
        if let Some(&(_, m, a)) = HIJRI_ONE.iter().find(|e| e.0 == w) {
            return Some((j + 1, Cal::Hijri, m, a));
        }
        let w2 = self.w(j + 1)?;
        if let Some(&(_, _, m)) = GREG_TWO.iter().find(|e| e.0 == w && e.1 == w2) {
            return Some((j + 2, Cal::Greg, m, Amb::No));
        }
        if let Some(&(_, _, m)) = HIJRI_TWO.iter().find(|e| e.0 == w && e.1 == w2) {
            return Some((j + 2, Cal::Hijri, m, Amb::No));
        }
        None
    }

    /// A second name of the same Gregorian month: "(ايار)", "/يوليو", " تموز".
    fn pair(&self, k: usize, m: u32) -> Option<usize> {
        if let Some((k2, Cal::Greg, m2, _)) = self.month_name(k) {
            return (m2 == m).then_some(k2); // "يوليو تموز"
        }
        match self.punct(k)? {
            '(' => {
                let (k2, cal, m2, _) = self.month_name(k + 1)?;
                (cal == Cal::Greg && m2 == m && self.punct(k2) == Some(')')).then_some(k2 + 1)
            }
            '/' | '-' => {
                let (k2, cal, m2, _) = self.month_name(k + 1)?;
                (cal == Cal::Greg && m2 == m).then_some(k2)
            }
            _ => None,
        }
    }

    /// A preposition right before token `i` ("في مارس").
    fn cue_before(&self, i: usize) -> bool {
        if i == 0 || self.t[i - 1].kind != Kind::Word {
            return false;
        }
        bare_forms(&self.t[i - 1].key).any(|k| CUES.contains(&k))
    }

    /// An ordinal day: "الخامس", "الحادي عشر", "الثاني والعشرين", "الثلاثين".
    fn ordinal(&self, j: usize) -> Option<(usize, u32)> {
        let w = self.w(j)?;
        match w {
            "العشرين" => return Some((j + 1, 20)),
            "الثلاثين" => return Some((j + 1, 30)),
            _ => {}
        }
        let u = lookup(ORD_UNITS, w)?;
        if u < 10 {
            match self.w(j + 1) {
                Some("عشر") => return Some((j + 2, 10 + u)),
                Some("والعشرين") => return Some((j + 2, 20 + u)),
                Some("والثلاثين") if u == 1 => return Some((j + 2, 31)),
                _ => {}
            }
        }
        if w == "الحادي" {
            return None;
        }
        Some((j + 1, u))
    }

    /// The day part before a month: "5", "5-10", "5 و6", each optionally + "من";
    /// or an ordinal + "من".
    fn day_part(&self, j: usize) -> Option<(usize, u32, u32)> {
        // A number glued to the month name: "26يوليو".
        let glued_month = || {
            let (v, d) = self.num(j)?;
            ((1..=31).contains(&v)
                && d <= 2
                && glued(self.t, j + 1)
                && self.month_name(j + 1).is_some())
            .then_some(v)
        };
        if let Some(d1) = self.day_num(j).or_else(glued_month) {
            if !start_ok(self.t, j) {
                return None;
            }
            let mut k = j + 1;
            let mut d2 = d1;
            if matches!(self.punct(k), Some('-') | Some('–')) || self.w(k) == Some("و") {
                if let Some(x) = self.day_num(k + 1) {
                    if x > d1 {
                        d2 = x;
                        k += 2;
                    }
                }
            }
            if self.is(k, &["من"]) {
                k += 1;
            }
            return Some((k, d1, d2));
        }
        let (k, d) = self.ordinal(j)?;
        self.is(k, &["من"]).then_some((k + 1, d, d))
    }

    /// Gregorian or Hijri month phrase: `[day part] [شهر] month [pair] [year | من year | rel]`.
    /// `modctx`: a modifier precedes (gives context; no day part then).
    fn month_phrase(&self, i: usize, modctx: bool) -> Option<(usize, Sem)> {
        let mut j = i;
        let mut strong = modctx;
        let mut day = None;
        if !modctx {
            if let Some((k, d1, d2)) = self.day_part(j) {
                day = Some((d1, d2));
                j = k;
                strong = true;
            }
        }
        if self.is(j, &["شهر"]) {
            j += 1;
            strong = true;
        }
        let (mut k, cal, m, amb) = self.month_name(j)?;
        let sem = match cal {
            Cal::Greg => {
                if let Some(k2) = self.pair(k, m) {
                    k = k2;
                    strong = true;
                }
                let mut year = YearSpec::Rel(Rel::Bare);
                if let Some((k2, y, _)) = self.year4(k, true).filter(|r| r.2 != Marker::Hijri) {
                    year = YearSpec::Abs(y);
                    k = k2;
                    strong = true;
                } else if let Some((k2, yk)) =
                    self.year_expr(if self.is(k, &["من"]) { k + 1 } else { k }, false)
                {
                    match yk {
                        YearKind::G(y) => year = YearSpec::Abs(y),
                        YearKind::Off(o) => year = YearSpec::Offset(o),
                        YearKind::H(_) => {}
                    }
                    if year != YearSpec::Rel(Rel::Bare) {
                        k = k2;
                        strong = true;
                    }
                } else if let Some((k2, r)) = self.rel(k) {
                    year = YearSpec::Rel(r);
                    k = k2;
                    strong = true;
                }
                if let Some((_, d2)) = day {
                    if d2 > max_days(m) {
                        return None;
                    }
                }
                // "14 اذار", "8 مارس" without a year: Lebanon's political camps, not dates.
                if m == 3
                    && matches!(day, Some((8, 8)) | Some((14, 14)))
                    && year == YearSpec::Rel(Rel::Bare)
                {
                    return None;
                }
                Sem::GMonth { m, day, year }
            }
            Cal::Hijri => {
                let mut year = None;
                let mut rel = Rel::Bare;
                if let Some((k2, y, _)) = self.year4(k, true).filter(|r| {
                    r.2 == Marker::Hijri && r.1 <= 1700
                        || r.2 == Marker::None && (1300..=1600).contains(&r.1)
                }) {
                    year = Some(y);
                    k = k2;
                    strong = true;
                } else if let Some((k2, y)) = self
                    .year_expr(if self.is(k, &["من"]) { k + 1 } else { k }, false)
                    .and_then(|(k2, yk)| match yk {
                        YearKind::H(y) => Some((k2, y)),
                        YearKind::G(y) if (1300..=1600).contains(&y) => Some((k2, y)),
                        _ => None,
                    })
                {
                    year = Some(y);
                    k = k2;
                    strong = true;
                } else if let Some((k2, r)) = self.rel(k) {
                    rel = r;
                    k = k2;
                    strong = true;
                }
                if day.is_some_and(|(_, d2)| d2 > 30) {
                    return None;
                }
                Sem::HMonth { m, day, year, rel }
            }
        };
        let ok = match amb {
            Amb::No => true,
            Amb::Weak => strong || self.cue_before(i),
            Amb::Strong => strong,
        };
        ok.then_some((k, sem))
    }

    /// Year expressions. `bare_ok`: a modifier precedes, so "العام" alone (this year) and a
    /// bare four-digit year are accepted.
    fn year_expr(&self, j: usize, bare_ok: bool) -> Option<(usize, YearKind)> {
        let w = self.w(j);
        if let Some(w) = w.filter(|w| YEAR_WORDS.contains(w)) {
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
            if w == "العام" || w == "السنه" {
                if let Some((k, r)) = self.rel(j + 1) {
                    return Some((k, YearKind::Off(r.offset())));
                }
                if bare_ok {
                    return Some((j + 1, YearKind::Off(0)));
                }
            }
            return None;
        }
        if w.is_some_and(|w| THIS.contains(&w)) && self.is(j + 1, &["العام", "السنه"]) {
            return Some((j + 2, YearKind::Off(0)));
        }
        let (k, y, mk) = self.year4(j, true)?;
        match mk {
            Marker::Hijri => Some((k, hyear_kind(y)?)),
            Marker::Greg => Some((k, YearKind::G(y))),
            Marker::None => bare_ok.then_some((k, YearKind::G(y))),
        }
    }

    /// "الاسبوع الماضي", "الشهر المقبل", "هذا الاسبوع", "هذا الشهر".
    fn week_month_rel(&self, i: usize) -> Option<(usize, Sem)> {
        let w = self.w(i)?;
        let mk = |unit: &str, off: i32| {
            if unit == "الاسبوع" {
                Sem::WeekOffset(off as i64)
            } else {
                Sem::MonthOffset(off)
            }
        };
        if w == "الاسبوع" || w == "الشهر" {
            let (k, r) = self.rel(i + 1)?;
            return Some((k, mk(w, r.offset())));
        }
        if THIS.contains(&w) {
            let u = self.w(i + 1)?;
            if u == "الاسبوع" || u == "الشهر" {
                return Some((i + 2, mk(u, 0)));
            }
        }
        None
    }

    /// Modifier + month or year: "منتصف مايو (ايار) الماضي", "بدايه الشهر الحالي",
    /// "اواخر العام الماضي", "مطلع 2019".
    fn modified(&self, i: usize) -> Option<Parsed> {
        let m = lookup(MODS, self.w(i)?)?;
        let j = i + 1;
        let mut best: Option<(usize, Sem)> = None;
        let mut take = |r: Option<(usize, Sem)>| {
            if let Some(r) = r {
                if best.is_none_or(|b| r.0 > b.0) {
                    best = Some(r);
                }
            }
        };
        take(self.month_phrase(j, true));
        if self.is(j, &["الشهر"]) {
            take(Some(match self.rel(j + 1) {
                Some((k, r)) => (k, Sem::MonthOffset(r.offset())),
                None => (j + 1, Sem::MonthOffset(0)),
            }));
        }
        if self.is(j, THIS) && self.is(j + 1, &["الشهر"]) {
            take(Some((j + 2, Sem::MonthOffset(0))));
        }
        take(
            self.year_expr(j, true)
                .and_then(|(k, yk)| Some((k, yk.sem()?))),
        );
        best.map(|(k, s)| (k, s, Some(m)))
    }

    /// A complete day-precise date: numeric, or a month phrase with a day.
    fn day_date(&self, j: usize) -> Option<(usize, Sem)> {
        if let Some(r) = self.numeric_date(j) {
            return Some(r);
        }
        self.month_phrase(j, false).filter(|(_, s)| s.has_day())
    }

    /// 2019-07-05, 2019/7/5, 5/7/2019, 5-7-2019, 5.7.2019, 5/9/1436ه.
    fn numeric_date(&self, j: usize) -> Option<(usize, Sem)> {
        let t = self.t;
        let (a, ad) = self.num(j)?;
        if !start_ok(t, j) {
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
            if glued(t, k) && t[k].kind == Kind::Word && marker(&t[k].key) == Some(Marker::Hijri) {
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

    /// A weekday, with a relation ("الخميس الماضي") or a following date
    /// ("الخميس 4 يوليو 2019", "الخميس، الموافق 4/7/2019").
    fn weekday(&self, j: usize) -> Option<(usize, Sem)> {
        let wd = lookup(WEEKDAYS, self.w(j)?)?;
        if wd == Weekday::Sun && self.is(j + 1, &["عشر", "عشره"]) {
            return None; // "الاحد عشر": eleven
        }
        if let Some((k, r)) = self.rel(j + 1) {
            return Some((k, Sem::Weekday(wd, r)));
        }
        let mut k = j + 1;
        if matches!(self.punct(k), Some(',') | Some('،')) {
            k += 1;
        }
        if self.is(k, &["الموافق"]) {
            k += 1;
        }
        if let Some(r) = self.day_date(k) {
            return Some(r);
        }
        Some((j + 1, Sem::Weekday(wd, Rel::Bare)))
    }

    /// Today, yesterday, tomorrow and kin. `prefixed`: a time-of-day word or "يوم" precedes;
    /// `chain`: index of the first token of the whole expression.
    fn rel_day(&self, j: usize, prefixed: bool, chain: usize) -> Option<(usize, Sem)> {
        let w = self.w(j)?;
        let lam = j == self.h.idx && self.h.lam;
        match w {
            "اليوم" => {
                if self.is(j + 1, TODAY_EXCL_NEXT) {
                    return None;
                }
                if !prefixed
                    && chain > 0
                    && self.t[chain - 1].kind == Kind::Word
                    && bare_forms(&self.t[chain - 1].key).any(|k| TODAY_EXCL_PREV.contains(&k))
                {
                    return None;
                }
                Some((j + 1, Sem::DayOffset(0)))
            }
            "امس" | "الامس" => {
                if lam {
                    return None;
                }
                if self.is(j + 1, &["الاول"]) {
                    Some((j + 2, Sem::DayOffset(-2)))
                } else {
                    Some((j + 1, Sem::DayOffset(-1)))
                }
            }
            "اول" if !lam && self.is(j + 1, &["امس"]) => Some((j + 2, Sem::DayOffset(-2))),
            "البارحه" => Some((j + 1, Sem::DayOffset(-1))),
            "غدا" if !lam => Some((j + 1, Sem::DayOffset(1))),
            "غد" if prefixed => Some((j + 1, Sem::DayOffset(1))),
            "بعد" if self.is(j + 1, &["غد"]) => Some((j + 2, Sem::DayOffset(2))),
            "الليله" => match self.rel(j + 1) {
                Some((k, Rel::Past)) => Some((k, Sem::DayOffset(-1))),
                _ => Some((j + 1, Sem::DayOffset(0))),
            },
            _ => None,
        }
    }

    /// `[time of day] [يوم] (relative day | weekday | date)`.
    fn day_chain(&self, i: usize) -> Option<(usize, Sem)> {
        let mut j = i;
        if self.is(j, TOD) {
            j += 1;
        }
        if self.is(j, &["يوم"]) {
            j += 1;
        }
        let prefixed = j > i;
        let mut best: Option<(usize, Sem)> = None;
        // "امس الاحد", "اليوم (الاثنين)": the weekday restates the relative day.
        let rel_day = self.rel_day(j, prefixed, i).map(|(k, sem)| {
            if self.is(k, WEEKDAY_NAMES) && self.rel(k + 1).is_none() {
                (k + 1, sem)
            } else if self.punct(k) == Some('(')
                && self.is(k + 1, WEEKDAY_NAMES)
                && self.punct(k + 2) == Some(')')
            {
                (k + 3, sem)
            } else {
                (k, sem)
            }
        });
        for r in [
            rel_day,
            self.weekday(j),
            if prefixed { self.day_date(j) } else { None },
        ]
        .into_iter()
        .flatten()
        {
            if best.is_none_or(|b| r.0 > b.0) {
                best = Some(r);
            }
        }
        best
    }

    /// "قبل يومين", "منذ 3 اشهر", "قبل نحو عامين", "بعد اسبوع".
    fn ago(&self, i: usize) -> Option<(usize, Sem)> {
        let sign = match self.w(i)? {
            "قبل" | "منذ" => -1,
            "بعد" => 1,
            _ => return None,
        };
        // "يوما بعد يوم", "عاما بعد عام": day after day.
        if i > 0
            && UNITS
                .iter()
                .any(|u| u.2 == Form::Acc && u.0 == self.t[i - 1].key)
        {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, APPROX) {
            j += 1;
        }
        let unit_of = |k: usize| {
            self.w(k)
                .and_then(|w| UNITS.iter().find(|u| u.0 == w))
                .map(|u| (u.1, u.2))
        };
        let (k, unit, n) = if let Some((unit, form)) = unit_of(j) {
            match form {
                Form::Sing => {
                    if self.is(j + 1, &["واحد", "واحده"]) {
                        (j + 2, unit, 1)
                    } else if sign > 0 {
                        return None; // "بعد يوم طويل": after a (long) day
                    } else {
                        // "منذ عام 2016", "قبل يوم الخميس", "منذ شهر رمضان": not a count.
                        let next_tok = self.t.get(j + 1);
                        if next_tok.is_some_and(|t| t.kind == Kind::Num)
                            || self.w(j + 1).is_some_and(|w| start_words().contains(w))
                        {
                            return None;
                        }
                        (j + 1, unit, 1)
                    }
                }
                Form::Dual => (j + 1, unit, 2),
                _ => return None,
            }
        } else if let Some((v, _)) = self.num(j) {
            if !(1..=999).contains(&v) || !start_ok(self.t, j) || !end_ok(self.t, j) {
                return None;
            }
            let (unit, form) = unit_of(j + 1)?;
            if form == Form::Dual {
                return None;
            }
            (j + 2, unit, v as i64)
        } else {
            let n = lookup(NUMWORDS, self.w(j)?)?;
            let (unit, form) = unit_of(j + 1)?;
            if form != Form::Plur {
                return None;
            }
            (j + 2, unit, n)
        };
        if self.is(k, &["من", "علي", "عن"]) {
            return None;
        }
        let k = if self.is(k, &["مضي", "مضت"]) {
            k + 1
        } else {
            k
        };
        Some((k, Sem::Ago { unit, n: sign * n }))
    }

    /// Every expression starting at the head; the longest.
    fn best(&self) -> Option<Parsed> {
        let i = self.h.idx;
        let mut best: Option<Parsed> = None;
        let mut take = |r: Option<Parsed>| {
            if let Some(r) = r {
                if best.is_none_or(|b| r.0 > b.0) {
                    best = Some(r);
                }
            }
        };
        let plain = |r: Option<(usize, Sem)>| r.map(|(k, s)| (k, s, None));
        take(plain(self.day_chain(i)));
        take(self.modified(i));
        take(plain(self.month_phrase(i, false)));
        take(plain(self.numeric_date(i)));
        take(
            self.year_expr(i, false)
                .and_then(|(k, yk)| Some((k, yk.sem()?, None))),
        );
        take(plain(self.week_month_rel(i)));
        take(plain(self.ago(i)));
        let (k, sem, modi) = best?;
        match self.equivalent(k) {
            Some((k2, sem2)) if sem.is_day_level() => {
                // Prefer an absolute date, and a Gregorian one over the computed Hijri one.
                let better = sem2.is_absolute()
                    && (!sem.is_absolute() || (sem.is_hijri() && !sem2.is_hijri()));
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
        if !self.is(j, &["الموافق", "والموافق"]) {
            return None;
        }
        self.day_date(j + 1)
    }
}

/// An unmarked four-digit year in 1350–1500 is a Hijri year in today's news (1350 AH = 1931).
fn likely_hijri(y: i32) -> bool {
    (1350..=1500).contains(&y)
}

fn hyear_kind(y: i32) -> Option<YearKind> {
    (y <= 1700).then_some(YearKind::H(y))
}

fn max_days(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn candidates(t: &[Tok]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut hs = Vec::new();
    for i in 0..t.len() {
        hs.clear();
        heads(t, i, &mut hs);
        for h in &hs {
            let p = P { t, h };
            if let Some((k, sem, modi)) = p.best() {
                out.push(Cand {
                    start: h.start,
                    end: t[k - 1].e,
                    sem,
                    modi,
                });
            }
        }
    }
    out
}

// ───────────────────────────── calendars ─────────────────────────────

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn month_period(y: i32, m: u32) -> Option<Period> {
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

fn year_period(y: i32) -> Option<Period> {
    Some(Period {
        s: NaiveDate::from_ymd_opt(y, 1, 1)?,
        e: NaiveDate::from_ymd_opt(y, 12, 31)?,
        g: Gran::Year,
    })
}

/// The month `k` months after the month of `d`.
fn shifted_month(d: NaiveDate, k: i32) -> Option<Period> {
    let total = d.year() * 12 + d.month0() as i32 + k;
    month_period(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

fn greg_period(y: i32, m: u32, day: Option<(u32, u32)>) -> Option<Period> {
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
const HIJRI_EPOCH: i64 = 227_015;

/// Day number (chrono's days from CE) of a date in the tabular Islamic calendar (30-year cycle
/// with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29; odd months 30 days, even months 29,
/// Dhu al-Hijja 30 in leap years).
fn hijri_to_days(y: i64, m: i64, d: i64) -> i64 {
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH - 1
}

fn days_to_date(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

#[cfg(test)]
fn hijri_date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    days_to_date(hijri_to_days(y as i64, m as i64, d as i64))
}

/// The tabular Hijri (year, month, day) of a Gregorian date.
fn to_hijri(date: NaiveDate) -> (i32, u32, u32) {
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

fn hijri_period(y: i32, m: u32, day: Option<(u32, u32)>) -> Option<Period> {
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

fn hyear_period(y: i32) -> Option<Period> {
    let y64 = y as i64;
    Some(Period {
        s: days_to_date(hijri_to_days(y64, 1, 1))?,
        e: days_to_date(hijri_to_days(y64 + 1, 1, 1) - 1)?,
        g: Gran::HYear(y),
    })
}

/// A yearless day this close after the document date is taken as upcoming ("22 يوليو" in an
/// article of 21 July), not as last year's.
const NEAR_FUTURE_DAYS: i64 = 30;

/// Chooses the year of a yearless month or day expression (see the module docs).
fn pick_year(
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

fn weekday_date(doc: NaiveDate, wd: Weekday, rel: Rel) -> Option<NaiveDate> {
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
fn period_of(sem: Sem, doc: Option<NaiveDate>) -> Option<(Period, bool)> {
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
fn apply_mod(p: Period, m: Mod) -> Option<Period> {
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

fn resolve(c: &Cand, doc: Option<NaiveDate>) -> Option<DateValue> {
    let (mut p, relative) = period_of(c.sem, doc)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
        NaiveDate::from_ymd_opt(p[0] as i32, p[1], p[2]).unwrap()
    }

    /// The seed article's date, a Sunday.
    const SEED: Option<&str> = Some("2019-07-07");
    /// A Tuesday, in Shawwal 1436.
    const SNN: Option<&str> = Some("2015-07-21");

    /// (normalized text, document date, expected mentions as (span text, ISO value)).
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static [(&'static str, Option<&'static str>)],
    );

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // The seed article (doc date 2019-07-07).
        ("في سوتشي منتصف مايو (ايار) الماضي بحضور", SEED, &[("منتصف مايو (ايار) الماضي", Some("2019-05-10/2019-05-20"))]),
        ("الهجمات الاعنف منذ مايو (ايار) الماضي بعد", SEED, &[("مايو (ايار) الماضي", Some("2019-05-01/2019-05-31"))]),
        ("مرتبط ب\"القاعده\" بدايه الشهر الحالي، في ضربه", SEED, &[("بدايه الشهر الحالي", Some("2019-07-01/2019-07-07"))]),
        ("الغاره الجديده بدايه الشهر جاءت", SEED, &[("بدايه الشهر", Some("2019-07-01/2019-07-07"))]),
        ("في اوساكا اليابانيه الاسبوع الماضي، لكن", SEED, &[("الاسبوع الماضي", Some("2019-06-24/2019-06-30"))]),
        ("بتدخل روسي في انتخابات عام 2016.", SEED, &[("عام 2016", Some("2016-01-01/2016-12-31"))]),
        ("ما كان عليه قبل 2011، لكن", SEED, &[]),
        ("في هذه المنطقه منذ اكثر من عامين.", SEED, &[]),
        ("نحو 13 قتيلا في درعا خلال اسبوع", SEED, &[]),
        // Relative days; proclitics stay outside the span, the article inside.
        ("وقال وامس ان", SEED, &[("امس", Some("2019-07-06"))]),
        ("وقعت بالامس", SEED, &[("الامس", Some("2019-07-06"))]),
        ("لامس الجدار", SEED, &[]),
        ("وصل اليوم الي", SEED, &[("اليوم", Some("2019-07-07"))]),
        ("احتفل باليوم العالمي للمراه", SEED, &[]),
        ("وفي اليوم التالي", SEED, &[]),
        ("الطقس لهذا اليوم", SEED, &[]),
        ("اول امس", SEED, &[("اول امس", Some("2019-07-05"))]),
        ("امس الاول", SEED, &[("امس الاول", Some("2019-07-05"))]),
        ("البارحه", SEED, &[("البارحه", Some("2019-07-06"))]),
        ("التقيا امس وسيلتقيان غدا", SEED, &[("امس", Some("2019-07-06")), ("غدا", Some("2019-07-08"))]),
        ("صباح اليوم", SEED, &[("صباح اليوم", Some("2019-07-07"))]),
        ("وقع مساء امس", SEED, &[("مساء امس", Some("2019-07-06"))]),
        ("يوم غد", SEED, &[("يوم غد", Some("2019-07-08"))]),
        ("بعد غد", SEED, &[("بعد غد", Some("2019-07-09"))]),
        ("قالت امس (السبت) ان", SEED, &[("امس (السبت)", Some("2019-07-06"))]),
        ("اعلن اليوم الاحد", SEED, &[("اليوم الاحد", Some("2019-07-07"))]),
        // Counted offsets.
        ("قبل يومين", SEED, &[("قبل يومين", Some("2019-07-05"))]),
        ("قبل 3 ايام", SEED, &[("قبل 3 ايام", Some("2019-07-04"))]),
        ("وقبل ثلاثه ايام", SEED, &[("قبل ثلاثه ايام", Some("2019-07-04"))]),
        ("قبل اسبوع", SEED, &[("قبل اسبوع", Some("2019-06-30"))]),
        ("منذ 15 يوما", SEED, &[("منذ 15 يوما", Some("2019-06-22"))]),
        ("قبل نحو عامين", SEED, &[("قبل نحو عامين", Some("2017-01-01/2017-12-31"))]),
        ("قبل شهرين", SEED, &[("قبل شهرين", Some("2019-05-01/2019-05-31"))]),
        ("عما كان عليه قبل عام مضي", SEED, &[("قبل عام مضي", Some("2018-01-01/2018-12-31"))]),
        ("قبل يومين من الانتخابات", SEED, &[]),
        ("يتاكد يوما بعد يوم", SEED, &[]),
        ("بعد يوم طويل", SEED, &[]),
        ("منذ عام 2011", SEED, &[("عام 2011", Some("2011-01-01/2011-12-31"))]),
        // Weekdays (2019-07-07 is a Sunday).
        ("يوم الخميس", SEED, &[("يوم الخميس", Some("2019-07-04"))]),
        ("الخميس الماضي", SEED, &[("الخميس الماضي", Some("2019-07-04"))]),
        ("الاحد", SEED, &[("الاحد", Some("2019-07-07"))]),
        ("الاحد الماضي", SEED, &[("الاحد الماضي", Some("2019-06-30"))]),
        ("الخميس المقبل", SEED, &[("الخميس المقبل", Some("2019-07-11"))]),
        ("الجمعه الماضيه", SEED, &[("الجمعه الماضيه", Some("2019-07-05"))]),
        ("مساء الخميس", SEED, &[("مساء الخميس", Some("2019-07-04"))]),
        ("الاحد عشر كوكبا", SEED, &[]),
        ("يوم الخميس 4 يوليو 2019", SEED, &[("يوم الخميس 4 يوليو 2019", Some("2019-07-04"))]),
        ("الخميس، الموافق 4/7/2019", None, &[("الخميس، الموافق 4/7/2019", Some("2019-07-04"))]),
        // Absolute dates.
        ("في 5 يوليو 2019", None, &[("5 يوليو 2019", Some("2019-07-05"))]),
        ("5 تموز/يوليو 2019", None, &[("5 تموز/يوليو 2019", Some("2019-07-05"))]),
        ("ايار (مايو) 2018", None, &[("ايار (مايو) 2018", Some("2018-05-01/2018-05-31"))]),
        ("يوليو 2019", None, &[("يوليو 2019", Some("2019-07-01/2019-07-31"))]),
        ("و5 يوليو 2019", None, &[("5 يوليو 2019", Some("2019-07-05"))]),
        ("الخامس من يوليو 2019", None, &[("الخامس من يوليو 2019", Some("2019-07-05"))]),
        ("في الحادي والعشرين من مايو", SEED, &[("الحادي والعشرين من مايو", Some("2019-05-21"))]),
        ("بين 5-10 يوليو 2019", None, &[("5-10 يوليو 2019", Some("2019-07-05/2019-07-10"))]),
        ("يومي 5 و6 يوليو 2019", None, &[("5 و6 يوليو 2019", Some("2019-07-05/2019-07-06"))]),
        ("العام 2016", None, &[("العام 2016", Some("2016-01-01/2016-12-31"))]),
        ("سنه 2016", None, &[("سنه 2016", Some("2016-01-01/2016-12-31"))]),
        ("ميزانيه للعام 2016", None, &[("عام 2016", Some("2016-01-01/2016-12-31"))]),
        ("عام 2015م", None, &[("عام 2015م", Some("2015-01-01/2015-12-31"))]),
        ("كانون الثاني 2019", None, &[("كانون الثاني 2019", Some("2019-01-01/2019-01-31"))]),
        ("جانفي 2019", None, &[("جانفي 2019", Some("2019-01-01/2019-01-31"))]),
        ("29 فبراير 2016", None, &[("29 فبراير 2016", Some("2016-02-29"))]),
        ("31 فبراير 2016", None, &[("فبراير 2016", Some("2016-02-01/2016-02-29"))]),
        ("مايو من العام الماضي", SEED, &[("مايو من العام الماضي", Some("2018-05-01/2018-05-31"))]),
        ("مايو من عام 2017", None, &[("مايو من عام 2017", Some("2017-05-01/2017-05-31"))]),
        ("اغلق في سبتمبر عام 2012، بعد", None, &[("سبتمبر عام 2012", Some("2012-09-01/2012-09-30"))]),
        ("يومي 27 و31 يوليو تموز الحالي", SNN, &[("27 و31 يوليو تموز الحالي", Some("2015-07-27/2015-07-31"))]),
        // Numeric dates.
        ("2019-07-05", None, &[("2019-07-05", Some("2019-07-05"))]),
        ("بتاريخ 5/7/2019.", None, &[("5/7/2019", Some("2019-07-05"))]),
        ("2019/7/5", None, &[("2019/7/5", Some("2019-07-05"))]),
        ("5.7.2019", None, &[("5.7.2019", Some("2019-07-05"))]),
        ("17 / 7 / 2015م", None, &[("17 / 7 / 2015م", Some("2015-07-17"))]),
        ("نسبه 1.5 بالمئه", None, &[]),
        ("5 . 7 . 2019", None, &[]),
        // Months relative to the document date.
        ("مايو الماضي", SEED, &[("مايو الماضي", Some("2019-05-01/2019-05-31"))]),
        ("يوليو الماضي", SEED, &[("يوليو الماضي", Some("2018-07-01/2018-07-31"))]),
        ("اغسطس المقبل", SEED, &[("اغسطس المقبل", Some("2019-08-01/2019-08-31"))]),
        ("يوليو المقبل", SEED, &[("يوليو المقبل", Some("2020-07-01/2020-07-31"))]),
        ("في ديسمبر", SEED, &[("ديسمبر", Some("2018-12-01/2018-12-31"))]),
        ("يوليو", SEED, &[("يوليو", Some("2019-07-01/2019-07-07"))]),
        ("5 يوليو", SEED, &[("5 يوليو", Some("2019-07-05"))]),
        ("20 يوليو", SEED, &[("20 يوليو", Some("2019-07-20"))]),
        ("10 اغسطس", SEED, &[("10 اغسطس", Some("2018-08-10"))]),
        ("الاحد 5 يوليو", SEED, &[("الاحد 5 يوليو", Some("2019-07-05"))]),
        ("تشرين الاول الماضي", SEED, &[("تشرين الاول الماضي", Some("2018-10-01/2018-10-31"))]),
        ("اواخر مايو", SEED, &[("اواخر مايو", Some("2019-05-21/2019-05-31"))]),
        ("منتصف شهر يونيو", SEED, &[("منتصف شهر يونيو", Some("2019-06-10/2019-06-20"))]),
        // Month names that are also words.
        ("في مارس", SEED, &[("مارس", Some("2019-03-01/2019-03-31"))]),
        ("مارس الضغط علي الحكومه", SEED, &[]),
        ("الذي مارس 2000 شخص", None, &[("مارس 2000", Some("2000-03-01/2000-03-31"))]),
        ("قال اب الضحيه", SEED, &[]),
        ("في اب", SEED, &[]),
        ("في 3 اب", SEED, &[("3 اب", Some("2019-08-03"))]),
        ("شهر اب", SEED, &[("شهر اب", Some("2018-08-01/2018-08-31"))]),
        ("حركه ايار", SEED, &[]),
        ("سياره نيسان", SEED, &[]),
        ("صفر", SEED, &[]),
        ("بين قوي 8 اذار و14 اذار", SEED, &[]),
        ("فريق 14 مارس", SEED, &[]),
        // Relative weeks, months, years.
        ("هذا الشهر", SEED, &[("هذا الشهر", Some("2019-07-01/2019-07-07"))]),
        ("الشهر الماضي", SEED, &[("الشهر الماضي", Some("2019-06-01/2019-06-30"))]),
        ("الشهر المقبل", SEED, &[("الشهر المقبل", Some("2019-08-01/2019-08-31"))]),
        ("الاسبوع المقبل", SEED, &[("الاسبوع المقبل", Some("2019-07-08/2019-07-14"))]),
        ("هذا الاسبوع", SEED, &[("هذا الاسبوع", Some("2019-07-01/2019-07-07"))]),
        ("العام الماضي", SEED, &[("العام الماضي", Some("2018-01-01/2018-12-31"))]),
        ("العام قبل الماضي", SEED, &[("العام قبل الماضي", Some("2017-01-01/2017-12-31"))]),
        ("السنه المقبله", SEED, &[("السنه المقبله", Some("2020-01-01/2020-12-31"))]),
        ("العام الحالي", SEED, &[("العام الحالي", Some("2019-01-01/2019-07-07"))]),
        ("مطلع العام الجاري", SEED, &[("مطلع العام الجاري", Some("2019-01-01/2019-04-30"))]),
        ("نهايه العام الماضي", SEED, &[("نهايه العام الماضي", Some("2018-09-01/2018-12-31"))]),
        ("منذ بدايه 2011", SEED, &[("بدايه 2011", Some("2011-01-01/2011-04-30"))]),
        // Hijri (tabular calendar).
        ("رمضان 1436ه", None, &[("رمضان 1436ه", Some("2015-06-18/2015-07-17"))]),
        ("عام 1436 ه", None, &[("عام 1436 ه", Some("2014-10-25/2015-10-14"))]),
        ("10 ذو الحجه 1436 هجري", None, &[("10 ذو الحجه 1436 هجري", Some("2015-09-24"))]),
        ("خلال شهر رمضان", Some("2015-08-01"), &[("شهر رمضان", Some("2015-06-18/2015-07-17"))]),
        ("طارق رمضان", Some("2015-08-01"), &[]),
        ("تنتهي في 30 شوال الجاري", SNN, &[("30 شوال الجاري", Some("2015-08-16"))]),
        ("الاثنين الموافق 10 / 4 / 1436ه", None, &[("الاثنين الموافق 10 / 4 / 1436ه", Some("2015-01-31"))]),
        // Umm al-Qura has 2015-05-29: the tabular calendar is a day later here.
        ("بتاريخ 11/8/1436 اعلن", None, &[("11/8/1436", Some("2015-05-30"))]),
        ("حتي 1436/10/30 ثم", None, &[("1436/10/30", Some("2015-08-16"))]),
        ("ميزانيه العام 1435 ", None, &[("العام 1435", Some("2013-11-05/2014-10-24"))]),
        ("عام 1391م", None, &[("عام 1391م", Some("1391-01-01/1391-12-31"))]),
        ("الاحد10شوال 1436ه (26يوليو 2015م) حفل", None, &[("الاحد10شوال 1436ه (26يوليو 2015م)", Some("2015-07-26"))]),
        ("الاثنين الماضي والموافق 26 رمضان", SNN, &[("الاثنين الماضي والموافق 26 رمضان", Some("2015-07-20"))]),
        ("6 / 8 / 1436ه، الموافق 3 / 6 / 2015م", None, &[("6 / 8 / 1436ه، الموافق 3 / 6 / 2015م", Some("2015-06-03"))]),
        // No document date: found, unresolved.
        ("وامس", None, &[("امس", None)]),
        ("الاسبوع الماضي", None, &[("الاسبوع الماضي", None)]),
        ("منتصف مايو (ايار) الماضي", None, &[("منتصف مايو (ايار) الماضي", None)]),
        ("5 يوليو", None, &[("5 يوليو", None)]),
        ("يوم الخميس", None, &[("يوم الخميس", None)]),
        ("قبل 3 ايام", None, &[("قبل 3 ايام", None)]),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for (text, doc, want) in CASES {
            let got: Vec<(&str, Option<String>)> = find_times(text, doc.map(d))
                .iter()
                .map(|m| (&text[m.start..m.end], m.value.map(|v| v.to_iso())))
                .collect();
            let want: Vec<(&str, Option<String>)> = want
                .iter()
                .map(|(s, v)| (*s, v.map(str::to_string)))
                .collect();
            if got != want {
                failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failing cases:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(CASES.len() >= 40);
    }

    #[test]
    fn hijri_first_of_ramadan_1436() {
        // Umm al-Qura: 1 Ramadan 1436 = 2015-06-18; the tabular calendar may be off by a day.
        let m = find_times("1 رمضان 1436 ه", None);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (0, "1 رمضان 1436 ه".len()));
        let Some(DateValue::Day(got)) = m[0].value else {
            panic!("{m:?}")
        };
        assert!((got - d("2015-06-18")).num_days().abs() <= 1, "got {got}");
    }

    #[test]
    fn hijri_round_trip() {
        let mut day = d("1990-01-01");
        while day < d("2040-01-01") {
            let (y, m, dd) = to_hijri(day);
            assert_eq!(hijri_date(y, m, dd), Some(day));
            day = day.succ_opt().unwrap();
        }
        // 1 Muharram 1440 was 2018-09-11 (Umm al-Qura).
        let t = hijri_date(1440, 1, 1).unwrap();
        assert!((t - d("2018-09-11")).num_days().abs() <= 1, "{t}");
    }

    #[test]
    fn iso_forms() {
        let r = DateValue::Range(d("2019-05-10"), d("2019-05-20"));
        assert_eq!(r.to_iso(), "2019-05-10/2019-05-20");
        assert_eq!(DateValue::Day(d("2019-05-10")).to_iso(), "2019-05-10");
    }

    #[test]
    fn sorted_non_overlapping_on_char_boundaries() {
        let text = "وقال امس ان الاجتماع عقد منتصف مايو (ايار) الماضي وسيعقد الاسبوع المقبل، \
                    بعد لقاء يوم الخميس 4 يوليو 2019 وفي 1 رمضان 1436 ه، ومنذ عام 2011 وقبل يومين";
        let ms = find_times(text, SEED.map(d));
        assert_eq!(ms.len(), 7, "{ms:?}");
        for w in ms.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for m in &ms {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let texts = [
            "",
            " ",
            "9999999999999 يوليو",
            "31/31/2019",
            "2019-13-45",
            "0 يوليو 0000",
            "ل",
            "لل",
            "و5",
            "((((",
            "يوليو 2999 ه",
            "قبل 999 عاما",
            "1/1/1000ه",
            "30 ذو الحجه 1700",
        ];
        for text in texts {
            let _ = find_times(text, Some(d("2019-07-07")));
            let _ = find_times(text, Some(d("0001-01-01")));
            let _ = find_times(text, None);
        }
    }

    #[test]
    fn long_texts_are_scanned_in_blocks_without_losing_expressions() {
        let n = crate::normalize::normalize;
        // With line breaks, and as one unpunctuated line (cut at spaces).
        for sep in ["\n", " "] {
            let line = n("وقال المرصد في 5 يوليو 2019 إن الغارات استهدفت مخازن");
            let text = vec![line.as_str(); 8000].join(sep);
            assert!(text.len() > 8 * TIME_CHUNK);
            let ms = find_times(&text, Some(d("2019-07-07")));
            // A cut at a space (only in text without line breaks or full stops, once per
            // 256 KiB) may split one expression.
            let whole = ms.iter().filter(|m| text[m.start..m.end] == n("5 يوليو 2019")).count();
            assert!(whole >= 7990, "{whole} of 8000 found whole with {sep:?}");
        }
        // No space at all: still cut on char boundaries.
        let text = "ب".repeat(300_000);
        assert!(find_times(&text, None).is_empty());
    }
}
