"""Event extraction on Spark (and plain pandas) DataFrames.

:func:`extract_events` turns a Spark DataFrame of articles into a DataFrame of event records,
one row per event, with flat POLECAT-like columns (:data:`EVENT_COLUMNS`). It runs
``mapInPandas``: each Python worker builds one :class:`khabar.Extractor` (cached at module level,
so once per worker process, not once per batch) and extracts every Arrow batch with
:meth:`khabar.Extractor.extract_many`.

A complete script (``pip install "./python[spark]"``; Spark needs Java 17 or later)::

    import os, sys
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)   # workers use this interpreter
    from pyspark.sql import SparkSession
    from khabar.spark import extract_events

    spark = SparkSession.builder.master("local[*]").appName("khabar").getOrCreate()
    articles = spark.createDataFrame(
        [("a1", "2015-06-01", "وفي محافظة الضالع شمال عدن، شن طيران التحالف الدولي سلسلة غارات على مواقع للحوثيين")],
        "id string, date string, text string",
    )   # or spark.read.json("articles.jsonl"): columns id, date, text
    events = extract_events(articles, min_confidence=0.5, types="ASSAULT,PROTEST")
    events.select("event_type", "actor_name", "recipient_name", "place_name").show()
    spark.stop()

``PYSPARK_PYTHON``: Spark starts its Python workers with this interpreter (default ``python3``
on the PATH). It must be one where khabar is installed, typically the virtualenv's python;
the line above points it at the driver's own interpreter. On a cluster, install khabar on
every node and set ``PYSPARK_PYTHON`` (or ``spark.pyspark.python``) to that interpreter.

:func:`extract_events_pandas` does the same on a pandas DataFrame without Spark, and
:func:`event_rows` flattens one :class:`khabar.Document`.

Output schema (:data:`EVENT_SCHEMA_DDL`), one row per event record:

==================  =======  ===============================================================
column              type     meaning
==================  =======  ===============================================================
event_id            string   ``"{story_id}:{n}"``, n = index of the event in its story
                             (``"sha1-{hash of the text}:{n}"`` for a story without id)
story_id            string   the article id (``id_col`` cast to string; null if absent)
date                string   the article date ``YYYY-MM-DD`` (``date_col``), or null
event_type          string   PLOVER type (ASSAULT, PROTEST, CONSULT, ...)
mode                string   PLOVER mode, or null
cameo               string   CAMEO code, or null
actor_text          string   actor mention as written
actor_name          string   canonical (English) actor name
actor_country       string   ISO alpha-3 country of the actor
actor_code          string   CAMEO-style actor code
actor_id            string   gazetteer id of the actor
recipient_text      string   recipient mention as written
recipient_name      string   canonical recipient name
recipient_country   string   ISO alpha-3 country of the recipient
recipient_code      string   CAMEO-style recipient code
recipient_id        string   gazetteer id of the recipient
place_text          string   location mention as written
place_name          string   canonical place name
place_id            string   gazetteer id of the place
geonames_id         bigint   GeoNames id of the place
lat                 double   latitude of the place
lon                 double   longitude of the place
country_code        string   ISO alpha-2 country code of the place
admin1              string   first-level administrative division of the place
time_text           string   time expression as written
time_date           string   resolved time: ``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD``
negated             boolean  the sentence denies the event
status              string   reported, background, planned or hypothetical
reported_by         string   reporting source ("وفق البيان"), or null
confidence          double   0..1
rule                string   id of the rule that fired
trigger             string   trigger word(s)
trigger_start       int      trigger start (code points into the article text)
trigger_end         int      trigger end (exclusive)
sentence            int      index of the first sentence reporting the event
evidence            string   the evidence sentence(s), joined by newlines
==================  =======  ===============================================================

Null everywhere an argument is absent. Dates: a ``YYYY-MM-DD`` string (longer strings such as
timestamps are cut to their first 10 characters), a date or a timestamp column; an unparsable
date becomes null for that article (the article is still processed).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from . import Document, Extractor

if TYPE_CHECKING:  # pragma: no cover
    import os

    import pandas  # type: ignore[import-untyped,unused-ignore]
    import pyspark.sql

    _Paths = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_SCHEMA_DDL",
    "event_filter",
    "event_rows",
    "extract_events",
    "extract_events_pandas",
    "get_extractor",
]

#: The output columns: (name, Spark SQL type, pandas dtype).
EVENT_COLUMNS: list[tuple[str, str, str]] = [
    ("event_id", "string", "object"),
    ("story_id", "string", "object"),
    ("date", "string", "object"),
    ("event_type", "string", "object"),
    ("mode", "string", "object"),
    ("cameo", "string", "object"),
    ("actor_text", "string", "object"),
    ("actor_name", "string", "object"),
    ("actor_country", "string", "object"),
    ("actor_code", "string", "object"),
    ("actor_id", "string", "object"),
    ("recipient_text", "string", "object"),
    ("recipient_name", "string", "object"),
    ("recipient_country", "string", "object"),
    ("recipient_code", "string", "object"),
    ("recipient_id", "string", "object"),
    ("place_text", "string", "object"),
    ("place_name", "string", "object"),
    ("place_id", "string", "object"),
    ("geonames_id", "bigint", "Int64"),
    ("lat", "double", "float64"),
    ("lon", "double", "float64"),
    ("country_code", "string", "object"),
    ("admin1", "string", "object"),
    ("time_text", "string", "object"),
    ("time_date", "string", "object"),
    ("negated", "boolean", "bool"),
    ("status", "string", "object"),
    ("reported_by", "string", "object"),
    ("confidence", "double", "float64"),
    ("rule", "string", "object"),
    ("trigger", "string", "object"),
    ("trigger_start", "int", "Int32"),
    ("trigger_end", "int", "Int32"),
    ("sentence", "int", "Int32"),
    ("evidence", "string", "object"),
]

#: The output schema as a Spark DDL string (what ``mapInPandas`` is given).
EVENT_SCHEMA_DDL: str = ", ".join(f"`{name}` {sql}" for name, sql, _ in EVENT_COLUMNS)

_NAMES = [c[0] for c in EVENT_COLUMNS]
_Row = tuple[Any, ...]

_EXTRACTORS: dict[tuple[tuple[str, ...], bool], Extractor] = {}
_LOCK = threading.Lock()


def _paths(gazetteers: "_Paths") -> tuple[str, ...]:
    import os

    if gazetteers is None:
        return ()
    if isinstance(gazetteers, (str, os.PathLike)):
        gazetteers = [gazetteers]
    return tuple(os.path.abspath(os.fspath(p)) for p in gazetteers)


def get_extractor(gazetteers: "_Paths" = None, defaults: bool = True) -> Extractor:
    """The extractor for these options, built once per process and cached (thread-safe).

    This is what each Spark worker process calls: the gazetteers are compiled on the first
    batch and reused for every later batch and task of that process.
    """
    key = (_paths(gazetteers), defaults)
    ex = _EXTRACTORS.get(key)
    if ex is None:
        with _LOCK:
            ex = _EXTRACTORS.get(key)
            if ex is None:
                ex = Extractor(list(key[0]) or None, defaults=defaults)
                _EXTRACTORS[key] = ex
    return ex


def _missing(x: Any) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and math.isnan(x):
        return True
    return type(x).__name__ == "NaTType"


def _clean_date(x: Any) -> Optional[Union[str, _dt.date]]:
    """A usable date or None: strings are cut to ``YYYY-MM-DD`` and validated."""
    if _missing(x):
        return None
    if isinstance(x, str):
        s = x.strip()[:10]
        try:
            _dt.date.fromisoformat(s)
        except ValueError:
            return None
        return s if len(s) == 10 else None
    if isinstance(x, _dt.date):
        return x
    if hasattr(x, "year") and hasattr(x, "month") and hasattr(x, "day"):  # numpy/pandas
        try:
            return _dt.date(int(x.year), int(x.month), int(x.day))
        except (TypeError, ValueError):
            return None
    return None


def _clean_id(x: Any) -> Optional[str]:
    if _missing(x):
        return None
    return x if isinstance(x, str) else str(x)


def _clean_text(x: Any) -> str:
    if _missing(x):
        return ""
    return x if isinstance(x, str) else str(x)


def _arg(a: Optional[dict[str, Any]], key: str) -> Any:
    return None if a is None else a.get(key)


def _story_key(story_id: Optional[str], text: str) -> str:
    """The event-id prefix: the story id, or a hash of the text for a story without one."""
    if story_id is not None:
        return story_id
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _event_tuples(
    events: list[dict[str, Any]],
    story_id: Optional[str],
    date: Optional[str],
    key: str,
    keep: Optional[Callable[[dict[str, Any]], bool]] = None,
) -> Iterator[_Row]:
    for n, e in enumerate(events):
        if keep is not None and not keep(e):
            continue  # n stays the index among all events: ids do not depend on the filter
        actor, recipient, loc, time = e.get("actor"), e.get("recipient"), e.get("location"), e.get("time")
        trig = e.get("trigger") or {}
        rep = e.get("reported_by")
        evidence = e.get("evidence") or []
        yield (
            f"{key}:{n}",
            story_id,
            date,
            e.get("type"),
            e.get("mode"),
            e.get("cameo"),
            _arg(actor, "text"),
            _arg(actor, "name"),
            _arg(actor, "country"),
            _arg(actor, "code"),
            _arg(actor, "entity_id"),
            _arg(recipient, "text"),
            _arg(recipient, "name"),
            _arg(recipient, "country"),
            _arg(recipient, "code"),
            _arg(recipient, "entity_id"),
            _arg(loc, "text"),
            _arg(loc, "name"),
            _arg(loc, "entity_id"),
            _arg(loc, "geonames_id"),
            _arg(loc, "lat"),
            _arg(loc, "lon"),
            _arg(loc, "country_code"),
            _arg(loc, "admin1"),
            _arg(time, "text"),
            _arg(time, "date"),
            bool(e.get("negated")),
            e.get("status"),
            _arg(rep, "text"),
            e.get("confidence"),
            e.get("rule"),
            trig.get("text"),
            trig.get("start"),
            trig.get("end"),
            e.get("sentence"),
            "\n".join(s.get("text", "") for s in evidence) if evidence else None,
        )


def event_rows(doc: Document, story_id: Optional[str] = None) -> list[dict[str, Any]]:
    """Flattens one document into event rows (dicts with the :data:`EVENT_COLUMNS` keys).

    ``story_id`` defaults to ``doc.id``; the row's ``date`` is ``doc.date``.
    """
    sid = story_id if story_id is not None else doc.id
    key = _story_key(sid, doc.to_json())
    return [dict(zip(_NAMES, t)) for t in _event_tuples(doc["events"], sid, doc.date, key)]


def _frame(rows: list[_Row]) -> "pandas.DataFrame":
    import pandas as pd

    cols = list(zip(*rows)) if rows else [()] * len(EVENT_COLUMNS)
    data = {}
    for (name, _, dtype), values in zip(EVENT_COLUMNS, cols):
        if dtype == "object":
            data[name] = pd.Series(list(values), dtype="object")
        else:
            data[name] = pd.array(list(values), dtype=dtype)
    return pd.DataFrame(data, columns=_NAMES)


_Filter = Optional[Callable[[dict[str, Any]], bool]]
_Names = Union[str, Iterable[str], None]


def _names(x: _Names, case: Callable[[str], str]) -> Optional[frozenset[str]]:
    if x is None:
        return None
    parts = x.split(",") if isinstance(x, str) else list(x)
    return frozenset(case(p.strip()) for p in parts if p.strip())


def event_filter(
    ex: Extractor, min_confidence: Optional[float] = None, types: _Names = None, status: _Names = None
) -> _Filter:
    """The predicate on event dicts for ``min_confidence``/``types``/``status`` (None: keep all).

    The values are checked by :meth:`khabar.Extractor.extract` (same rules and messages as the
    CLI's ``--min-confidence``, ``--types``, ``--status``): a bad one raises ``KhabarError``.
    """
    if min_confidence is None and types is None and status is None:
        return None
    if not isinstance(types, (str, type(None))):
        types = list(types)
    if not isinstance(status, (str, type(None))):
        status = list(status)
    ex.extract("", min_confidence=min_confidence, types=types, status=status)  # validates
    ts, ss = _names(types, str.upper), _names(status, str.lower)

    def keep(e: dict[str, Any]) -> bool:
        return (
            (min_confidence is None or e.get("confidence", 0.0) >= min_confidence)
            and (ts is None or e.get("type") in ts)
            and (ss is None or (e.get("status") or "reported") in ss)
        )

    return keep


def _extract_rows(
    ex: Extractor,
    texts: Iterable[Any],
    ids: Iterable[Any],
    dates: Iterable[Any],
    threads: Optional[int],
    keep: _Filter = None,
) -> list[_Row]:
    texts = [_clean_text(t) for t in texts]
    ids = [_clean_id(i) for i in ids]
    dates = [_clean_date(d) for d in dates]
    docs = ex.extract_many(texts, dates=dates, ids=ids, threads=threads)
    rows: list[_Row] = []
    for doc, sid, text in zip(docs, ids, texts):
        events = doc["events"]
        if events:
            rows.extend(_event_tuples(events, sid, doc.date, _story_key(sid, text), keep))
    return rows


def extract_events_pandas(
    pdf: "pandas.DataFrame",
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = "date",
    gazetteers: "_Paths" = None,
    defaults: bool = True,
    threads: Optional[int] = None,
    min_confidence: Optional[float] = None,
    types: _Names = None,
    status: _Names = None,
) -> "pandas.DataFrame":
    """Like :func:`extract_events`, on a pandas DataFrame (no Spark needed).

    ``id_col``/``date_col`` may be None when the frame has no such column. Returns a pandas
    DataFrame with the :data:`EVENT_COLUMNS` columns, one row per event.
    """
    _check_columns(list(pdf.columns), text_col, id_col, date_col)
    n = len(pdf)
    ex = get_extractor(gazetteers, defaults)
    keep = event_filter(ex, min_confidence, types, status)
    rows = _extract_rows(
        ex,
        pdf[text_col].tolist(),
        pdf[id_col].tolist() if id_col else [None] * n,
        pdf[date_col].tolist() if date_col else [None] * n,
        threads,
        keep,
    )
    return _frame(rows)


def _check_columns(columns: list[str], text_col: str, id_col: Optional[str], date_col: Optional[str]) -> None:
    for role, col in (("text_col", text_col), ("id_col", id_col), ("date_col", date_col)):
        if col is not None and col not in columns:
            hint = "" if role == "text_col" else f" (pass {role}=None if there is none)"
            raise ValueError(f"{role}={col!r} is not a column of the DataFrame {columns}{hint}")


def extract_events(
    df: "pyspark.sql.DataFrame",
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = "date",
    gazetteers: "_Paths" = None,
    defaults: bool = True,
    threads: Optional[int] = 1,
    min_confidence: Optional[float] = None,
    types: _Names = None,
    status: _Names = None,
) -> "pyspark.sql.DataFrame":
    """Turns a Spark DataFrame of articles into a DataFrame of event records, one row per event.

    ``text_col`` holds the article text, ``id_col`` its id (any type, cast to string) and
    ``date_col`` its date (``YYYY-MM-DD`` string, date or timestamp); pass None for an absent
    id or date column. ``gazetteers`` are user gazetteer files (paths readable on every worker),
    ``defaults=False`` drops the embedded data. ``threads`` is the number of threads each
    Spark task uses (default 1, since Spark already runs one task per core; None = all cores).
    ``min_confidence``, ``types`` (``"ASSAULT,PROTEST"`` or a list) and ``status``
    (``"reported"`` or a list of reported/background/planned/hypothetical) keep only the events
    that pass, like the CLI's ``--min-confidence``, ``--types`` and ``--status``; ``event_id``
    keeps the event's index among all events of its story, so ids do not depend on the filter.

    Runs lazily through ``mapInPandas`` (Arrow); each worker process compiles the gazetteers
    once (:func:`get_extractor`). The schema is :data:`EVENT_SCHEMA_DDL` (see the module
    docstring for every column).
    """
    from pyspark.sql import functions as F

    _check_columns(list(df.columns), text_col, id_col, date_col)
    cols = [F.col(f"`{text_col}`").cast("string").alias("_text")]
    cols.append(F.col(f"`{id_col}`").cast("string").alias("_id") if id_col else F.lit(None).cast("string").alias("_id"))
    if date_col:
        dtype = dict(df.dtypes)[date_col]
        c = F.col(f"`{date_col}`")
        cols.append((c if dtype in ("string", "date") else c.cast("date")).alias("_date"))
    else:
        cols.append(F.lit(None).cast("string").alias("_date"))
    paths = list(_paths(gazetteers))
    if not isinstance(types, (str, type(None))):
        types = list(types)
    if not isinstance(status, (str, type(None))):
        status = list(status)
    if paths or min_confidence is not None or types is not None or status is not None:
        # fail early, on the driver, on a bad file or filter value
        event_filter(get_extractor(paths, defaults), min_confidence, types, status)

    def run(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
        ex = get_extractor(paths, defaults)
        keep = event_filter(ex, min_confidence, types, status)
        for pdf in batches:
            rows = _extract_rows(ex, pdf["_text"].tolist(), pdf["_id"].tolist(), pdf["_date"].tolist(), threads, keep)
            yield _frame(rows)

    return df.select(*cols).mapInPandas(run, EVENT_SCHEMA_DDL)
