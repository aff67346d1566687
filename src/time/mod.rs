//! Time expressions in Arabic news: recognition and resolution to calendar dates.
//!
//! [`recognize`] is the extractor's time stage: it reads the NORMALIZED text khabar produces
//! (harakat and tatweel removed; أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي; digits → ASCII; Latin
//! lowercased) and its [`Tokenized`] words, and returns every time expression as a byte span of
//! that text plus, when it can be resolved, a [`DateValue`]: one day or an inclusive range of
//! days. Relative expressions ("امس", "الاسبوع الماضي") need the document date; without it they
//! are still found, with `value: None`. [`find_times`] does the same on any text by normalizing
//! and tokenizing it first, with offsets of the text given.
//!
//! The vocabulary (month names, weekdays, relation and modifier words, units, number words…) is
//! data: the word sets `gazetteers/lang/ar/time_*.tsv`, read once by `words.rs`. The grammar is
//! split by what it recognizes: `grammar.rs` (primitives, the top level), `dates.rs` (calendar
//! dates), `relative.rs` (dates relative to the document date); `calendar.rs` resolves.
//!
//! # Tokens, clitics and spans
//!
//! Words are the word tokens of [`Tokenized`], further split where ASCII digits meet letters
//! ("1436ه" is the number 1436 followed by the letter ه); other characters between words are
//! one-character punctuation tokens. The first word of an expression may carry the proclitics
//! و/ف (conjunction) followed by ب/ل (preposition) of the one clitic table (`clitics.rs`), and
//! ل may be contracted with the article ("للعام"); the span then starts after the proclitics
//! (and after the contracted "لل"), while a plain article stays inside the span: "وامس" → "امس",
//! "بالامس" → "الامس", "للعام 2016" → "عام 2016". A number may carry the same proclitics
//! ("و5 يوليو" → "5 يوليو"). ل directly before a relative day ("امس", "غدا", "اول امس") is not
//! taken as a proclitic ("لامس" is the verb *touched*).
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
//! # Range of values
//!
//! Values are days of years 0000–9999, so every value prints as `YYYY-MM-DD`. An expression
//! whose value would fall outside ("العام الماضي" in a document dated 0000-01-01, "غدا" on
//! 9999-12-31) is still reported, with `value: None`: dropped rather than clamped to a day it
//! does not mean.
//!
//! # Known gaps
//!
//! Bare years ("قبل 2011", "في 2019") are not taken (too often quantities or resolution
//! numbers); neither are time-of-day clocks, month ranges ("بين مايو ويوليو"), "اول مايو",
//! vague spans ("قبل ايام", "خلال الايام الماضيه"), or modifiers on weeks ("نهايه الاسبوع").
//! Yearless dates of famous events ("ثوره 25 يناير") resolve like any yearless date (to the
//! latest such day), and "بعد"/"قبل" counts inside a past narrative are taken relative to the
//! document date.

mod calendar;
mod dates;
mod grammar;
mod meaning;
mod relative;
mod tokens;
mod words;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use crate::normalize::NormalizedText;
use crate::tokenize::{tokenize, Tokenized};

use calendar::resolve;
use grammar::candidates;
use meaning::Cand;
use tokens::time_tokens;

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

/// Finds and resolves the time expressions of a text.
///
/// `text` is any text (it is normalized and tokenized here; offsets are byte offsets of `text`);
/// `doc_date` is the document's date, the anchor of relative expressions. The result is sorted
/// by position, non-overlapping, and the longest expression wins where candidates overlap. See
/// the [module documentation](self) for what is recognized and how each expression is resolved.
/// The extractor runs [`recognize`] on the analysis it already has instead.
pub fn find_times(text: &str, doc_date: Option<NaiveDate>) -> Vec<TimeMention> {
    let nt = NormalizedText::new(text);
    let tok = tokenize(&nt);
    let mut ms = recognize(nt.normalized(), &tok, doc_date);
    for m in &mut ms {
        let span = nt.to_original(m.start..m.end);
        (m.start, m.end) = (span.start, span.end);
    }
    ms
}

/// The time stage: the time expressions of a normalized text and its tokens, as byte spans of
/// the normalized text. Sorted, non-overlapping, longest first where candidates overlap.
pub fn recognize(normalized: &str, tok: &Tokenized, doc_date: Option<NaiveDate>) -> Vec<TimeMention> {
    let toks = time_tokens(normalized, tok);
    let mut cands = candidates(&toks);
    // Longest first, then leftmost; keep those that do not overlap an already kept one.
    cands.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
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
        .map(|c| TimeMention { start: c.start, end: c.end, value: resolve(&c, doc_date) })
        .collect()
}

fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
