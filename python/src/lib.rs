//! Python bindings of khabar (the native module `khabar._khabar`, re-exported by the `khabar`
//! package).
//!
//! Design: the Rust [`khabar::Document`] is serialized with serde (the same JSON as the CLI,
//! code-point offsets) while the GIL is released, and parsed into a `serde_json::Value`; the
//! Python classes (`Document`, `Entity`, `Event`, `Argument`, `Time`, `Span`) are thin, frozen
//! views over that value. So `to_dict()` is exactly `json.loads(to_json())`, attributes and dict
//! agree to the last float digit, new fields of the Rust schema appear in `to_dict()` and through
//! `obj["field"]` without changes here, and every record pickles through its JSON.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::PyClass;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use serde_json::Value;

pyo3::create_exception!(
    khabar,
    KhabarError,
    PyValueError,
    "Error raised by khabar: a malformed or missing gazetteer file (the message names file:line), \
     an invalid date (expected YYYY-MM-DD) or unusable input. Subclass of ValueError. \
     Attributes: `kind` ('data', 'io', 'input' or 'date'), `file` and `line` (for data errors, \
     else None)."
);

fn khabar_err(py: Python<'_>, e: &khabar::Error) -> PyErr {
    let err = KhabarError::new_err(e.message().to_string());
    let (kind, file, line) = match e.kind() {
        khabar::ErrorKind::Data { file, line } => ("data", Some(file.display().to_string()), Some(*line)),
        khabar::ErrorKind::Io => ("io", None, None),
        khabar::ErrorKind::Input => ("input", None, None),
        khabar::ErrorKind::Date => ("date", None, None),
        _ => ("other", None, None),
    };
    let v = err.value(py);
    let _ = v.setattr("kind", kind);
    let _ = v.setattr("file", file);
    let _ = v.setattr("line", line);
    err
}

// ---------------------------------------------------------------------------------------------
// JSON value <-> Python

fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a.iter().map(|x| to_py(py, x)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn dumps(v: &Value, indent: Option<usize>) -> String {
    match indent {
        None => serde_json::to_string(v).expect("values serialize"),
        Some(n) => {
            use serde::Serialize;
            let pad = " ".repeat(n);
            let mut out = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(pad.as_bytes());
            let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
            v.serialize(&mut ser).expect("values serialize");
            String::from_utf8(out).expect("JSON is UTF-8")
        }
    }
}

fn parse_json(s: &str, what: &str) -> PyResult<Value> {
    let v: Value = serde_json::from_str(s).map_err(|e| KhabarError::new_err(format!("{what}: bad JSON: {e}")))?;
    if !v.is_object() {
        return Err(KhabarError::new_err(format!("{what}: expected a JSON object")));
    }
    Ok(v)
}

/// Read access to the fields of a JSON object.
trait Fields {
    fn v(&self) -> &Value;
    /// The record as JSON text.
    fn json_text(&self, indent: Option<usize>) -> String {
        dumps(self.v(), indent)
    }
    /// The record as Python objects.
    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.v())
    }
    fn s(&self, k: &str) -> Option<String> {
        self.v().get(k).and_then(Value::as_str).map(str::to_string)
    }
    fn u(&self, k: &str) -> Option<u64> {
        self.v().get(k).and_then(Value::as_u64)
    }
    fn f(&self, k: &str) -> Option<f64> {
        self.v().get(k).and_then(Value::as_f64)
    }
    fn b(&self, k: &str) -> bool {
        self.v().get(k).and_then(Value::as_bool).unwrap_or(false)
    }
    fn obj(&self, k: &str) -> Option<Value> {
        self.v().get(k).filter(|x| x.is_object()).cloned()
    }
}

/// `repr` of an optional string, Python style.
fn q(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'").replace('\n', "\\n")),
        None => "None".to_string(),
    }
}

/// Defines a frozen record class over a JSON object with the shared methods (`to_dict`,
/// `to_json`, `from_json`, `__getitem__`, `get`, `keys`, `__eq__`, `__hash__`, `__reduce__`) plus
/// the class-specific ones given in the body.
macro_rules! record_class {
    ($name:ident, $pyname:literal, { $($body:tt)* }) => {
        #[pymethods]
        impl $name {
            /// The record as plain Python objects (dicts, lists, str, int, float, bool, None):
            /// exactly `json.loads(self.to_json())`.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.dict(py)
            }

            /// The record as JSON (the CLI's schema; offsets in code points). `indent` pretty-prints.
            #[pyo3(signature = (indent=None))]
            fn to_json(&self, indent: Option<usize>) -> String {
                self.json_text(indent)
            }

            /// Rebuilds the record from its JSON (as written by `to_json()` or by the CLI).
            #[classmethod]
            fn from_json(_cls: &Bound<'_, PyType>, json: &str) -> PyResult<Self> {
                Ok(Self::wrap(parse_json(json, $pyname)?))
            }

            /// Any field of the JSON record by name (also fields without an attribute).
            fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
                match self.v().get(key) {
                    Some(x) => to_py(py, x),
                    None => Err(PyKeyError::new_err(key.to_string())),
                }
            }

            /// A field of the JSON record by name, or `default` when absent.
            #[pyo3(signature = (key, default=None))]
            fn get<'py>(&self, py: Python<'py>, key: &str, default: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
                match self.v().get(key) {
                    Some(x) => to_py(py, x),
                    None => Ok(default.unwrap_or_else(|| py.None().into_bound(py))),
                }
            }

            /// The field names present in the JSON record, in schema order.
            fn keys(&self) -> Vec<String> {
                self.v().as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
            }

            fn __contains__(&self, key: &str) -> bool {
                self.v().get(key).is_some()
            }

            fn __eq__(&self, other: &Self) -> bool {
                self.v() == other.v()
            }

            fn __hash__(&self) -> u64 {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                self.json_text(None).hash(&mut h);
                h.finish()
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
                let py = slf.py();
                let ctor = slf.get_type().getattr("from_json")?;
                let json = slf.get().json_text(None);
                PyTuple::new(py, [ctor, PyTuple::new(py, [json])?.into_any()])
            }

            $($body)*
        }
    };
}

/// `Fields` and the constructor of a record that is just a JSON object.
macro_rules! plain_record {
    ($name:ident) => {
        impl Fields for $name {
            fn v(&self) -> &Value {
                &self.v
            }
        }

        impl $name {
            fn wrap(v: Value) -> Self {
                $name { v }
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Records

/// A text span: `start`/`end` are code-point offsets into the original text, so
/// `text[span.start:span.end] == span.text`.
#[pyclass(frozen, module = "khabar")]
pub struct Span {
    v: Value,
}

plain_record!(Span);

record_class!(Span, "Span", {
    /// Start offset (code points) in the original text.
    #[getter]
    fn start(&self) -> Option<u64> {
        self.u("start")
    }
    /// End offset (exclusive, code points) in the original text.
    #[getter]
    fn end(&self) -> Option<u64> {
        self.u("end")
    }
    /// The original text of the span.
    #[getter]
    fn text(&self) -> Option<String> {
        self.s("text")
    }
    fn __repr__(&self) -> String {
        format!("Span({}, {}, {})", self.v["start"], self.v["end"], q(&self.s("text")))
    }
});

/// The time of an event: the expression (a span) and its resolved `date`
/// (`YYYY-MM-DD` or an interval `YYYY-MM-DD/YYYY-MM-DD`, None when unresolved).
#[pyclass(frozen, module = "khabar")]
pub struct Time {
    v: Value,
}

plain_record!(Time);

record_class!(Time, "Time", {
    /// Start offset (code points) of the time expression.
    #[getter]
    fn start(&self) -> Option<u64> {
        self.u("start")
    }
    /// End offset (exclusive, code points) of the time expression.
    #[getter]
    fn end(&self) -> Option<u64> {
        self.u("end")
    }
    /// The time expression as written.
    #[getter]
    fn text(&self) -> Option<String> {
        self.s("text")
    }
    /// `YYYY-MM-DD`, `YYYY-MM-DD/YYYY-MM-DD`, or None when it cannot be resolved.
    #[getter]
    fn date(&self) -> Option<String> {
        self.s("date")
    }
    fn __repr__(&self) -> String {
        format!("Time({}, {}, {}, date={})", self.v["start"], self.v["end"], q(&self.s("text")), q(&self.s("date")))
    }
});

/// An event argument (actor, recipient or location): the mention plus what the gazetteer knows
/// about it (id, canonical name, country, actor code, and place fields for locations).
#[pyclass(frozen, module = "khabar")]
pub struct Argument {
    v: Value,
}

plain_record!(Argument);

record_class!(Argument, "Argument", {
    /// Start offset (code points) of the mention.
    #[getter]
    fn start(&self) -> Option<u64> {
        self.u("start")
    }
    /// End offset (exclusive, code points) of the mention.
    #[getter]
    fn end(&self) -> Option<u64> {
        self.u("end")
    }
    /// The mention as written (proclitics excluded).
    #[getter]
    fn text(&self) -> Option<String> {
        self.s("text")
    }
    /// Gazetteer id (e.g. a Wikidata id), or None.
    #[getter]
    fn entity_id(&self) -> Option<String> {
        self.s("entity_id")
    }
    /// Canonical (English) name, or None.
    #[getter]
    fn name(&self) -> Option<String> {
        self.s("name")
    }
    /// ISO alpha-3 country, or None.
    #[getter]
    fn country(&self) -> Option<String> {
        self.s("country")
    }
    /// CAMEO-style actor code, or None.
    #[getter]
    fn code(&self) -> Option<String> {
        self.s("code")
    }
    /// GeoNames id (places), or None.
    #[getter]
    fn geonames_id(&self) -> Option<u64> {
        self.u("geonames_id")
    }
    /// Latitude (places), or None.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.f("lat")
    }
    /// Longitude (places), or None.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.f("lon")
    }
    /// ISO alpha-2 country code (places), or None.
    #[getter]
    fn country_code(&self) -> Option<String> {
        self.s("country_code")
    }
    /// First-level administrative division (places), or None.
    #[getter]
    fn admin1(&self) -> Option<String> {
        self.s("admin1")
    }
    fn __repr__(&self) -> String {
        let mut r = format!("Argument({}, {}, {}", self.v["start"], self.v["end"], q(&self.s("text")));
        if let Some(n) = self.s("name") {
            r += &format!(", name={}", q(&Some(n)));
        }
        if let Some(n) = self.s("entity_id") {
            r += &format!(", entity_id={}", q(&Some(n)));
        }
        r + ")"
    }
});

/// An entity mention: span (code points, proclitics excluded), type (PER, ORG, LOC, FAC, NORP,
/// MISC), gazetteer id, canonical name, country, the proclitic, how it was found, and place
/// fields for places.
#[pyclass(frozen, module = "khabar")]
pub struct Entity {
    v: Value,
}

plain_record!(Entity);

record_class!(Entity, "Entity", {
    /// Start offset (code points) in the original text.
    #[getter]
    fn start(&self) -> Option<u64> {
        self.u("start")
    }
    /// End offset (exclusive, code points) in the original text.
    #[getter]
    fn end(&self) -> Option<u64> {
        self.u("end")
    }
    /// The mention as written (proclitics excluded: "بوتين" in "وبوتين").
    #[getter]
    fn text(&self) -> Option<String> {
        self.s("text")
    }
    /// Entity type: PER, ORG, LOC, FAC, NORP or MISC.
    #[getter]
    fn r#type(&self) -> Option<String> {
        self.s("type")
    }
    /// Gazetteer id, or None for pattern matches and nationality adjectives.
    #[getter]
    fn entity_id(&self) -> Option<String> {
        self.s("entity_id")
    }
    /// Canonical (English) name, or None.
    #[getter]
    fn name(&self) -> Option<String> {
        self.s("name")
    }
    /// ISO alpha-3 country, or None.
    #[getter]
    fn country(&self) -> Option<String> {
        self.s("country")
    }
    /// The proclitic(s) attached to the mention ("و", "ب", "لل" ...), or None.
    #[getter]
    fn clitic(&self) -> Option<String> {
        self.s("clitic")
    }
    /// How the mention was found: "gazetteer", "title" or "pattern".
    #[getter]
    fn source(&self) -> Option<String> {
        self.s("source")
    }
    /// CAMEO-style actor code, or None.
    #[getter]
    fn code(&self) -> Option<String> {
        self.s("code")
    }
    /// Sector, or None.
    #[getter]
    fn sector(&self) -> Option<String> {
        self.s("sector")
    }
    /// GeoNames id (places), or None.
    #[getter]
    fn geonames_id(&self) -> Option<u64> {
        self.u("geonames_id")
    }
    /// Latitude (places), or None.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.f("lat")
    }
    /// Longitude (places), or None.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.f("lon")
    }
    /// ISO alpha-2 country code (places), or None.
    #[getter]
    fn country_code(&self) -> Option<String> {
        self.s("country_code")
    }
    /// First-level administrative division (places), or None.
    #[getter]
    fn admin1(&self) -> Option<String> {
        self.s("admin1")
    }
    /// Index of the sentence the mention is in.
    #[getter]
    fn sentence(&self) -> Option<u64> {
        self.u("sentence")
    }
    fn __repr__(&self) -> String {
        let mut r = format!(
            "Entity({}, {}, {}, type={}",
            self.v["start"],
            self.v["end"],
            q(&self.s("text")),
            q(&self.s("type"))
        );
        if let Some(n) = self.s("name") {
            r += &format!(", name={}", q(&Some(n)));
        }
        if let Some(n) = self.s("entity_id") {
            r += &format!(", entity_id={}", q(&Some(n)));
        }
        r + ")"
    }
});

fn opt_class<'py, T: PyClass + Into<PyClassInitializer<T>>>(
    py: Python<'py>,
    v: Option<Value>,
    wrap: fn(Value) -> T,
) -> PyResult<Option<Bound<'py, T>>> {
    v.map(|x| Bound::new(py, wrap(x))).transpose()
}

/// One event record (PLOVER): type, mode, CAMEO code, trigger, actor, recipient, location,
/// time, negation, reporting source, sentence, the rule that fired, confidence and evidence
/// sentences.
#[pyclass(frozen, module = "khabar")]
pub struct Event {
    v: Value,
}

plain_record!(Event);

record_class!(Event, "Event", {
    /// PLOVER event type (ASSAULT, PROTEST, CONSULT, ...).
    #[getter]
    fn r#type(&self) -> Option<String> {
        self.s("type")
    }
    /// PLOVER mode (e.g. "aerial"), or None.
    #[getter]
    fn mode(&self) -> Option<String> {
        self.s("mode")
    }
    /// CAMEO code, or None.
    #[getter]
    fn cameo(&self) -> Option<String> {
        self.s("cameo")
    }
    /// The trigger word(s).
    #[getter]
    fn trigger<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Span>>> {
        opt_class(py, self.obj("trigger"), Span::wrap)
    }
    /// Who acted, or None.
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Argument>>> {
        opt_class(py, self.obj("actor"), Argument::wrap)
    }
    /// Whom it was done to, or None.
    #[getter]
    fn recipient<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Argument>>> {
        opt_class(py, self.obj("recipient"), Argument::wrap)
    }
    /// Where (with place fields), or None.
    #[getter]
    fn location<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Argument>>> {
        opt_class(py, self.obj("location"), Argument::wrap)
    }
    /// When, or None.
    #[getter]
    fn time<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Time>>> {
        opt_class(py, self.obj("time"), Time::wrap)
    }
    /// True when the sentence denies the event ("لم", "نفى").
    #[getter]
    fn negated(&self) -> bool {
        self.b("negated")
    }
    /// How the text presents it: 'reported', 'background', 'planned' or 'hypothetical'.
    #[getter]
    fn status(&self) -> Option<String> {
        self.s("status")
    }
    /// Who reports it ("وفق البيان"), or None.
    #[getter]
    fn reported_by<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Span>>> {
        opt_class(py, self.obj("reported_by"), Span::wrap)
    }
    /// Index of the (first) sentence reporting the event.
    #[getter]
    fn sentence(&self) -> Option<u64> {
        self.u("sentence")
    }
    /// Id of the rule that fired.
    #[getter]
    fn rule(&self) -> Option<String> {
        self.s("rule")
    }
    /// Confidence in 0..1.
    #[getter]
    fn confidence(&self) -> Option<f64> {
        self.f("confidence")
    }
    /// The evidence sentence(s): spans of every sentence that reports this event.
    #[getter]
    fn evidence<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, Span>>> {
        self.v
            .get("evidence")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|x| Bound::new(py, Span::wrap(x.clone()))).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    }
    fn __repr__(&self) -> String {
        let arg = |k: &str| {
            self.v.get(k).filter(|x| x.is_object()).map(|x| {
                x.get("name").and_then(Value::as_str).or_else(|| x.get("text").and_then(Value::as_str)).unwrap_or("").to_string()
            })
        };
        let mut r = format!(
            "Event({}, trigger={}",
            q(&self.s("type")),
            q(&self.v.get("trigger").and_then(|t| t.get("text")).and_then(Value::as_str).map(str::to_string))
        );
        for k in ["actor", "recipient", "location"] {
            if let Some(a) = arg(k) {
                r += &format!(", {k}={}", q(&Some(a)));
            }
        }
        if let Some(t) = self.v.get("time").filter(|x| x.is_object()) {
            let d = t.get("date").and_then(Value::as_str).or_else(|| t.get("text").and_then(Value::as_str));
            r += &format!(", time={}", q(&d.map(str::to_string)));
        }
        if self.b("negated") {
            r += ", negated=True";
        }
        r + &format!(", rule={})", q(&self.s("rule")))
    }
});

/// The result of extracting one text: `id`, `date`, `entities` (in text order) and `events`
/// (in text order of their first mention).
#[pyclass(frozen, module = "khabar")]
pub struct Document {
    /// Compact JSON, made by the extracting thread (the CLI's output line).
    json: String,
    /// The parsed JSON, made on the first field access. Its initializer is pure Rust and runs
    /// with the GIL held, so no thread can wait on it while holding the GIL.
    v: OnceLock<Value>,
    entities: PyOnceLock<Vec<Py<Entity>>>,
    events: PyOnceLock<Vec<Py<Event>>>,
}

impl Document {
    fn from_text(json: String) -> Self {
        Document { json, v: OnceLock::new(), entities: PyOnceLock::new(), events: PyOnceLock::new() }
    }

    fn wrap(v: Value) -> Self {
        let d = Document::from_text(dumps(&v, None));
        let _ = d.v.set(v);
        d
    }
}

impl Fields for Document {
    fn v(&self) -> &Value {
        self.v.get_or_init(|| serde_json::from_str(&self.json).expect("documents are valid JSON"))
    }

    fn json_text(&self, indent: Option<usize>) -> String {
        match indent {
            None => self.json.clone(),
            Some(_) => dumps(self.v(), indent),
        }
    }

    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Python's C JSON parser builds the objects faster than walking a serde value.
        static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let loads = LOADS.get_or_try_init(py, || py.import("json")?.getattr("loads").map(Bound::unbind))?;
        loads.bind(py).call1((self.json.as_str(),))
    }
}

fn list_of<T: PyClass + Into<PyClassInitializer<T>>>(py: Python<'_>, v: &Value, key: &str, wrap: fn(Value) -> T) -> PyResult<Vec<Py<T>>> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|x| Py::new(py, wrap(x.clone()))).collect())
        .unwrap_or_else(|| Ok(Vec::new()))
}

record_class!(Document, "Document", {
    /// The document id given to `extract`, or None.
    #[getter]
    fn id(&self) -> Option<String> {
        self.s("id")
    }
    /// The document date (`YYYY-MM-DD`), or None.
    #[getter]
    fn date(&self) -> Option<String> {
        self.s("date")
    }
    /// Entity mentions in text order (a new list of the same objects on each access).
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = match self.entities.get(py) {
            Some(x) => x,
            None => {
                let built = list_of(py, self.v(), "entities", Entity::wrap)?;
                self.entities.get_or_init(py, || built)
            }
        };
        PyList::new(py, items.iter().map(|x| x.bind(py)))
    }
    /// Event records in text order of their first mention (a new list on each access).
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = match self.events.get(py) {
            Some(x) => x,
            None => {
                let built = list_of(py, self.v(), "events", Event::wrap)?;
                self.events.get_or_init(py, || built)
            }
        };
        PyList::new(py, items.iter().map(|x| x.bind(py)))
    }
    fn __repr__(&self) -> String {
        let n = |k: &str| self.v().get(k).and_then(Value::as_array).map_or(0, Vec::len);
        format!(
            "Document(id={}, date={}, entities={}, events={})",
            q(&self.s("id")),
            q(&self.s("date")),
            n("entities"),
            n("events")
        )
    }
});

/// The document as the CLI writes it (compact JSON). Parsed into a value only when a field is
/// read (not `serde_json::to_value`, which would also widen the f32 confidences: 0.85 →
/// 0.8500000238418579).
fn doc_json(d: &khabar::Document) -> String {
    d.to_json()
}

// ---------------------------------------------------------------------------------------------
// Inputs

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

fn is_nan(x: &Bound<'_, PyAny>) -> bool {
    x.extract::<f64>().map(f64::is_nan).unwrap_or(false)
}

/// A missing value as pandas writes it: None, float NaN, NaT.
fn is_missing(x: &Bound<'_, PyAny>) -> bool {
    x.is_none() || (!x.is_instance_of::<PyString>() && is_nan(x)) || type_name(x) == "NaTType"
}

fn date_like(x: &Bound<'_, PyAny>) -> bool {
    x.is_instance_of::<PyString>() || (x.hasattr("year").unwrap_or(false) && x.hasattr("month").unwrap_or(false))
}

/// A document date: None (or NaN/NaT), a `YYYY-MM-DD` string, or a `datetime.date` /
/// `datetime.datetime` / `pandas.Timestamp` (anything with integer year, month, day).
fn date_arg(py: Python<'_>, d: &Bound<'_, PyAny>, prefix: &str) -> PyResult<Option<NaiveDate>> {
    if is_missing(d) {
        return Ok(None);
    }
    if let Ok(s) = d.cast::<PyString>() {
        let s = s.to_cow()?;
        return khabar::parse_date(&s).map(Some).map_err(|e| {
            let err = khabar_err(py, &e);
            if prefix.is_empty() {
                err
            } else {
                let v = err.value(py);
                let msg = format!("{prefix}: {}", e.message());
                let new = KhabarError::new_err(msg);
                for a in ["kind", "file", "line"] {
                    if let Ok(x) = v.getattr(a) {
                        let _ = new.value(py).setattr(a, x);
                    }
                }
                new
            }
        });
    }
    if let (Ok(y), Ok(m), Ok(dd)) = (d.getattr("year"), d.getattr("month"), d.getattr("day")) {
        if let (Ok(y), Ok(m), Ok(dd)) = (y.extract::<i32>(), m.extract::<u32>(), dd.extract::<u32>()) {
            return NaiveDate::from_ymd_opt(y, m, dd).map(Some).ok_or_else(|| {
                KhabarError::new_err(format!("{prefix}{}invalid date {y:04}-{m:02}-{dd:02}", if prefix.is_empty() { "" } else { ": " }))
            });
        }
    }
    let sep = if prefix.is_empty() { "" } else { ": " };
    Err(PyTypeError::new_err(format!(
        "{prefix}{sep}expected None, a 'YYYY-MM-DD' string or a datetime.date, got {}",
        type_name(d)
    )))
}

fn text_arg(x: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match x.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!("{what}: expected str, got {}", type_name(x)))),
    }
}

fn id_arg(x: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<String>> {
    if is_missing(x) {
        Ok(None)
    } else if let Ok(s) = x.cast::<PyString>() {
        Ok(Some(s.to_cow()?.into_owned()))
    } else if x.is_instance_of::<pyo3::types::PyInt>() {
        Ok(Some(x.str()?.to_cow()?.into_owned()))
    } else {
        Err(PyTypeError::new_err(format!("{what}: expected str, int or None, got {}", type_name(x))))
    }
}

/// The items of any iterable (not a str).
fn items<'py>(x: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if x.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!("{what} must be an iterable of values, not a single str")));
    }
    x.try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be an iterable, got {}", type_name(x))))?
        .collect()
}

/// The event filter of `extract`/`extract_many`: `types` and `status` are a comma-separated str
/// or an iterable of str; bad values raise `KhabarError` listing the admissible ones.
fn filter_arg(py: Python<'_>, min_confidence: Option<f32>, types: Option<&Bound<'_, PyAny>>, status: Option<&Bound<'_, PyAny>>) -> PyResult<khabar::EventFilter> {
    let list = |x: Option<&Bound<'_, PyAny>>, what: &str| -> PyResult<Option<Vec<String>>> {
        let Some(x) = x.filter(|x| !x.is_none()) else { return Ok(None) };
        if let Ok(s) = x.extract::<String>() {
            return Ok(Some(s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()));
        }
        items(x, what)?.iter().map(|t| t.extract::<String>().map_err(|_| PyTypeError::new_err(format!("{what} must hold str values")))).collect::<PyResult<Vec<_>>>().map(Some)
    };
    khabar::EventFilter::from_lists(min_confidence, list(types, "types")?, list(status, "status")?).map_err(|e| khabar_err(py, &e))
}

fn paths_arg(x: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(x) = x.filter(|x| !x.is_none()) else { return Ok(Vec::new()) };
    if x.is_instance_of::<PyString>() || x.hasattr("__fspath__")? {
        return Ok(vec![x.extract::<PathBuf>()?]);
    }
    items(x, "gazetteers")?
        .iter()
        .map(|p| {
            p.extract::<PathBuf>()
                .map_err(|_| PyTypeError::new_err(format!("gazetteers: expected paths (str or os.PathLike), got {}", type_name(p))))
        })
        .collect()
}

use chrono::NaiveDate;
use khabar::Input;
use rayon::prelude::*;

// ---------------------------------------------------------------------------------------------
// Extractor

/// The khabar extractor: compiled gazetteers, lexicons and event rules.
///
/// `Extractor()` uses the gazetteers embedded in the library (compiled once per process and
/// shared). `gazetteers` adds user data files (entity TSV, `nationalities.tsv`, `titles.tsv`,
/// `roles.tsv`, `triggers.tsv`, or spaCy EntityRuler `.jsonl`; see gazetteers/README.md);
/// `defaults=False` leaves the embedded data out. A malformed file raises `KhabarError` naming
/// file:line.
///
/// Thread-safe: one extractor can serve many Python threads (the GIL is released while
/// extracting). Picklable: it pickles as its options and is rebuilt in the receiving process.
#[pyclass(frozen, module = "khabar")]
pub struct Extractor {
    inner: khabar::Extractor,
    gazetteers: Vec<PathBuf>,
    defaults: bool,
}

impl Extractor {
    fn run_batch(&self, inputs: &[Input], threads: Option<usize>, filter: &khabar::EventFilter) -> Result<Vec<String>, String> {
        let ex = &self.inner;
        let one = |i: &Input| {
            let mut doc = ex.extract_input(i);
            filter.apply(&mut doc);
            doc_json(&doc)
        };
        match threads {
            Some(1) => Ok(inputs.iter().map(one).collect()),
            Some(n) => {
                let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| e.to_string())?;
                Ok(pool.install(|| inputs.par_iter().map(one).collect()))
            }
            None => Ok(inputs.par_iter().map(one).collect()),
        }
    }
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (gazetteers=None, defaults=true))]
    fn new(py: Python<'_>, gazetteers: Option<&Bound<'_, PyAny>>, defaults: bool) -> PyResult<Self> {
        let files = paths_arg(gazetteers)?;
        let inner = if files.is_empty() && defaults {
            py.detach(khabar::Extractor::new)
        } else {
            py.detach(|| {
                let mut b = khabar::Extractor::builder();
                b.defaults(defaults);
                for f in &files {
                    b.gazetteer_file(f);
                }
                b.build()
            })
            .map_err(|e| khabar_err(py, &e))?
        };
        // Absolute paths, so that a pickled extractor finds its files from another directory.
        let gazetteers = files.iter().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())).collect();
        Ok(Extractor { inner, gazetteers, defaults })
    }

    /// Extracts entities and events from one text.
    ///
    /// `date` (a `YYYY-MM-DD` string or a `datetime.date`) is the document date: it resolves
    /// relative times ("أمس") and picks role holders ("وزير الخارجية الأميركي"). `id` is echoed
    /// in the result. Raises `KhabarError` for an invalid date.
    ///
    /// `min_confidence`, `types` (``"ASSAULT,PROTEST"`` or a list) and `status` (``"reported"``
    /// or a list of reported/background/planned/hypothetical) keep only the events that pass,
    /// like the CLI's `--min-confidence`, `--types`, `--status`; entities are kept.
    #[pyo3(signature = (text, date=None, id=None, *, min_confidence=None, types=None, status=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
        min_confidence: Option<f32>,
        types: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Document> {
        let filter = filter_arg(py, min_confidence, types, status)?;
        let text = text_arg(text, "text")?;
        let date = match date {
            Some(d) => date_arg(py, d, "")?,
            None => None,
        };
        let id = match id {
            Some(i) => id_arg(i, "id")?,
            None => None,
        };
        let input = Input { id, text, date };
        let json = py.detach(|| {
            let mut doc = self.inner.extract_input(&input);
            filter.apply(&mut doc);
            doc_json(&doc)
        });
        Ok(Document::from_text(json))
    }

    /// Extracts many texts in parallel (rayon, GIL released); results are in input order and
    /// equal to calling `extract` on each.
    ///
    /// `texts` is any iterable of str; `dates` None, one date for all, or an iterable of dates
    /// (str, `datetime.date` or None) as long as `texts`; `ids` None or an iterable of str/int/None
    /// as long as `texts`. `threads` limits the worker threads (default: all cores; 1 runs in
    /// the calling thread). Raises `KhabarError` naming the index of an invalid date.
    /// `min_confidence`, `types`, `status`: as for `extract`.
    #[pyo3(signature = (texts, dates=None, ids=None, threads=None, *, min_confidence=None, types=None, status=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        dates: Option<&Bound<'_, PyAny>>,
        ids: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
        min_confidence: Option<f32>,
        types: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Document>> {
        let filter = filter_arg(py, min_confidence, types, status)?;
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let texts = items(texts, "texts")?;
        let n = texts.len();
        let mut inputs = Vec::with_capacity(n);
        for (i, t) in texts.iter().enumerate() {
            inputs.push(Input { id: None, text: text_arg(t, &format!("texts[{i}]"))?, date: None });
        }
        drop(texts);
        if let Some(d) = dates.filter(|d| !d.is_none()) {
            if date_like(d) {
                let date = date_arg(py, d, "dates")?;
                inputs.iter_mut().for_each(|i| i.date = date);
            } else {
                let ds = items(d, "dates")?;
                if ds.len() != n {
                    return Err(PyValueError::new_err(format!("dates has {} items, texts has {n}", ds.len())));
                }
                for (i, (inp, d)) in inputs.iter_mut().zip(&ds).enumerate() {
                    inp.date = date_arg(py, d, &format!("dates[{i}]"))?;
                }
            }
        }
        if let Some(x) = ids.filter(|x| !x.is_none()) {
            let xs = items(x, "ids")?;
            if xs.len() != n {
                return Err(PyValueError::new_err(format!("ids has {} items, texts has {n}", xs.len())));
            }
            for (i, (inp, x)) in inputs.iter_mut().zip(&xs).enumerate() {
                inp.id = id_arg(x, &format!("ids[{i}]"))?;
            }
        }
        let docs = py.detach(|| self.run_batch(&inputs, threads, &filter)).map_err(PyValueError::new_err)?;
        Ok(docs.into_iter().map(Document::from_text).collect())
    }

    /// The user gazetteer files (absolute paths), in load order.
    #[getter]
    fn gazetteers(&self) -> Vec<String> {
        self.gazetteers.iter().map(|p| p.display().to_string()).collect()
    }

    /// Whether the embedded gazetteers and triggers are loaded.
    #[getter]
    fn defaults(&self) -> bool {
        self.defaults
    }

    /// Number of gazetteer entities (embedded plus user files).
    #[getter]
    fn entity_count(&self) -> usize {
        self.inner.gazetteer().entities.len()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (this.gazetteers(), this.defaults).into_pyobject(py)?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }

    fn __repr__(&self) -> String {
        let files: Vec<String> = self.gazetteers().iter().map(|s| q(&Some(s.clone()))).collect();
        format!(
            "Extractor(gazetteers=[{}], defaults={}) <{} entities>",
            files.join(", "),
            if self.defaults { "True" } else { "False" },
            self.entity_count()
        )
    }
}

/// Native part of the `khabar` package (import `khabar`, not this module).
#[pymodule]
mod _khabar {
    #[pymodule_export]
    use super::{Argument, Document, Entity, Event, Extractor, Span, Time};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("KhabarError", m.py().get_type::<super::KhabarError>())?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
