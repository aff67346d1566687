//! Event filters shared by the CLI (`--min-confidence`, `--types`, `--status`) and the Python
//! bindings (`min_confidence=`, `types=`, `status=`): keep the event records users ask for,
//! drop the others. Entities are never filtered.

use crate::document::{Document, Event};
use crate::error::{Error, ErrorKind};

/// The values of an event's `status` (how the text presents the event; see `DESIGN.md`).
pub const STATUSES: [&str; 4] = ["reported", "background", "planned", "hypothetical"];

/// Which events to keep. The default keeps every event.
///
/// ```
/// let f = khabar::EventFilter::parse(Some(0.5), Some("assault, PROTEST"), Some("reported")).unwrap();
/// assert_eq!(f.types.as_deref(), Some(&["ASSAULT".to_string(), "PROTEST".to_string()][..]));
/// let e = khabar::EventFilter::parse(None, Some("ATTACK"), None).unwrap_err();
/// assert!(e.to_string().starts_with("unknown event type \"ATTACK\""));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Keep events whose confidence is at least this.
    pub min_confidence: Option<f32>,
    /// Keep events of these PLOVER types (upper case).
    pub types: Option<Vec<String>>,
    /// Keep events with one of these statuses.
    pub status: Option<Vec<String>>,
}

impl EventFilter {
    /// Builds a filter from user input: `types` and `status` are comma-separated lists
    /// (case-insensitive, spaces allowed). Unknown types or statuses and a confidence outside
    /// 0..1 are errors that list the admissible values.
    pub fn parse(min_confidence: Option<f32>, types: Option<&str>, status: Option<&str>) -> Result<Self, Error> {
        let split = |s: &str| s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
        Self::from_lists(min_confidence, types.map(split), status.map(split))
    }

    /// Like [`EventFilter::parse`] with the lists already split.
    pub fn from_lists(min_confidence: Option<f32>, types: Option<Vec<String>>, status: Option<Vec<String>>) -> Result<Self, Error> {
        let fail = |m: String| Error::new(ErrorKind::Input, m);
        if let Some(c) = min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(fail(format!("minimum confidence {c} is outside 0..1")));
            }
        }
        let types = match types {
            None => None,
            Some(ts) => {
                let mut out = Vec::with_capacity(ts.len());
                for t in ts {
                    let up = t.trim().to_ascii_uppercase();
                    if !crate::events::PLOVER_TYPES.contains(&up.as_str()) {
                        return Err(fail(format!("unknown event type {t:?} (PLOVER types: {})", crate::events::PLOVER_TYPES.join(","))));
                    }
                    out.push(up);
                }
                if out.is_empty() {
                    return Err(fail("empty list of event types".into()));
                }
                Some(out)
            }
        };
        let status = match status {
            None => None,
            Some(ss) => {
                let mut out = Vec::with_capacity(ss.len());
                for s in ss {
                    let low = s.trim().to_ascii_lowercase();
                    if !STATUSES.contains(&low.as_str()) {
                        return Err(fail(format!("unknown event status {s:?} (statuses: {})", STATUSES.join(","))));
                    }
                    out.push(low);
                }
                if out.is_empty() {
                    return Err(fail("empty list of event statuses".into()));
                }
                Some(out)
            }
        };
        Ok(EventFilter { min_confidence, types, status })
    }

    /// True when the filter keeps every event.
    pub fn is_empty(&self) -> bool {
        self.min_confidence.is_none() && self.types.is_none() && self.status.is_none()
    }

    /// Whether `e` passes.
    pub fn keep(&self, e: &Event) -> bool {
        if self.min_confidence.is_some_and(|c| e.confidence < c) {
            return false;
        }
        if self.types.as_ref().is_some_and(|ts| !ts.iter().any(|t| e.kind == *t)) {
            return false;
        }
        if let Some(ss) = &self.status {
            if !ss.iter().any(|s| s == e.status.as_str()) {
                return false;
            }
        }
        true
    }

    /// Drops the events of `doc` that do not pass.
    pub fn apply(&self, doc: &mut Document) {
        if !self.is_empty() {
            doc.events.retain(|e| self.keep(e));
        }
    }
}
