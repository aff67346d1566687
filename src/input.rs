//! Parsing of input records: one `{"id", "text", "date"?}` JSON object (a JSONL line or a `.json`
//! file), shared by the CLI, the Python bindings and the fuzz targets.

use crate::error::{Error, ErrorKind};
use crate::extractor::Input;

impl Input {
    /// Parses one input record `{"id": "..." | 123 | null, "text": "...", "date": "YYYY-MM-DD" | "" | null}`.
    ///
    /// `id` may be a string or a number (kept as its decimal text) and may be absent; `text` is
    /// required and must be a string; an absent, null or empty `date` gives `date: None` (callers
    /// fill in their default date). Other keys are ignored.
    ///
    /// Errors are [`ErrorKind::Input`] and name the record id when it is known:
    /// `record "a1": missing "text"`. A leading byte-order mark is ignored.
    ///
    /// ```
    /// let i = khabar::Input::from_json_line(r#"{"id": 7, "text": "نص", "date": "2019-07-07"}"#).unwrap();
    /// assert_eq!(i.id.as_deref(), Some("7"));
    /// assert_eq!(i.date, khabar::parse_date("2019-07-07").ok());
    /// let e = khabar::Input::from_json_line(r#"{"id": "a1", "text": 3}"#).unwrap_err();
    /// assert_eq!(e.to_string(), r#"record "a1": "text" must be a string"#);
    /// ```
    pub fn from_json_line(line: &str) -> Result<Input, Error> {
        use serde_json::Value;
        let fail = |m: String| Error::new(ErrorKind::Input, m);
        let line = strip_bom(line);
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::with_source(ErrorKind::Input, format!("invalid JSON: {e}"), e))?;
        let Value::Object(mut obj) = v else { return Err(fail("expected a JSON object".into())) };
        let id = match obj.get("id").map(record_id) {
            None => None,
            Some(Ok(id)) => id,
            Some(Err(())) => return Err(fail("\"id\" must be a string or a number".into())),
        };
        let with_id = |m: &str| match &id {
            Some(i) => fail(format!("record {i:?}: {m}")),
            None => fail(m.to_string()),
        };
        let text = match obj.remove("text") {
            Some(Value::String(s)) => s,
            Some(_) => return Err(with_id("\"text\" must be a string")),
            None => return Err(with_id("missing \"text\"")),
        };
        let date = match obj.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(crate::error::parse_date(s).map_err(|e| with_id(&format!("\"date\": {e}")))?),
            Some(_) => return Err(with_id("\"date\" must be a string YYYY-MM-DD")),
        };
        Ok(Input { id, text, date })
    }

    /// The id of a record line, as [`Input::from_json_line`] would read it, even when the rest
    /// of the record is bad (for error records); `None` when there is no usable id.
    ///
    /// ```
    /// assert_eq!(khabar::Input::id_of_line(r#"{"id": 12, "text": 3}"#).as_deref(), Some("12"));
    /// assert_eq!(khabar::Input::id_of_line(r#"{"id": [1]}"#), None);
    /// ```
    pub fn id_of_line(line: &str) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(strip_bom(line)).ok()?;
        record_id(v.get("id")?).ok().flatten()
    }
}

/// A byte-order mark (files saved by Windows tools start with one) is not part of the record.
fn strip_bom(line: &str) -> &str {
    line.strip_prefix('\u{FEFF}').unwrap_or(line)
}

/// A record id: a string, or a number kept as its decimal text; null = none; anything else is
/// an error.
fn record_id(v: &serde_json::Value) -> Result<Option<String>, ()> {
    use serde_json::Value;
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Err(()),
    }
}
