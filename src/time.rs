//! Time expressions (placeholder until the resolver lands).
use chrono::NaiveDate;
/// A date or an inclusive date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// One day.
    Day(NaiveDate),
    /// An inclusive range.
    Range(NaiveDate, NaiveDate),
}
impl DateValue {
    /// ISO form.
    pub fn to_iso(&self) -> String {
        match self {
            DateValue::Day(d) => d.to_string(),
            DateValue::Range(a, b) => format!("{a}/{b}"),
        }
    }
}
/// A time expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Start (normalized bytes).
    pub start: usize,
    /// End (normalized bytes).
    pub end: usize,
    /// Resolved value.
    pub value: Option<DateValue>,
}
/// Finds time expressions.
pub fn find_times(_normalized: &str, _doc_date: Option<NaiveDate>) -> Vec<TimeMention> {
    Vec::new()
}
