"""khabar: fast, explainable event extraction from Arabic news.

Who did what to whom, where and when: embedded gazetteers of people, organizations, places and
nationality adjectives feed a clitic-aware matcher and a rule-based event extractor that emits
PLOVER event records with CAMEO codes. Every record names the rule that fired; every span points
back into the original text with code-point offsets, so ``text[e.start:e.end] == e.text``.

>>> import khabar
>>> ex = khabar.Extractor()
>>> doc = ex.extract("شنت إسرائيل غارات على مواقع إيران في سوريا", date="2019-07-07")
>>> [(e.text, e.name) for e in doc.entities]  # doctest: +SKIP
[('إسرائيل', 'Israel'), ('إيران', 'Iran'), ('سوريا', 'Syria')]

Classes:

- :class:`Extractor`: build once, call :meth:`Extractor.extract` or
  :meth:`Extractor.extract_many` (parallel, GIL released); thread-safe and picklable.
- :class:`Document`, :class:`Entity`, :class:`Event`, :class:`Argument`, :class:`Time`,
  :class:`Span`: immutable records with attribute access, ``to_dict()``, ``to_json()``,
  ``from_json()``, ``obj["field"]``; picklable.
- :class:`KhabarError`: raised for bad dates and bad gazetteer files (a ``ValueError``).

Spark: see :mod:`khabar.spark`.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union
import datetime as _dt

from ._khabar import (
    Argument,
    Document,
    Entity,
    Event,
    Extractor,
    KhabarError,
    Span,
    Time,
    __version__,
)

__all__ = [
    "Argument",
    "Document",
    "Entity",
    "Event",
    "Extractor",
    "KhabarError",
    "Span",
    "Time",
    "extract",
    "__version__",
]

_default: Optional[Extractor] = None


def extract(
    text: str,
    date: Union[str, _dt.date, None] = None,
    id: Optional[str] = None,
    *,
    min_confidence: Optional[float] = None,
    types: Union[str, Iterable[str], None] = None,
    status: Union[str, Iterable[str], None] = None,
) -> Document:
    """Extracts entities and events from ``text`` with the embedded gazetteers.

    Shorthand for ``khabar.Extractor().extract(text, date=date, id=id, ...)`` with one extractor
    shared by the process. ``date`` is ``"YYYY-MM-DD"`` or a ``datetime.date``.
    ``min_confidence``, ``types`` (``"ASSAULT,PROTEST"`` or a list of PLOVER types) and
    ``status`` (``"reported"`` or a list of reported/background/planned/hypothetical) keep only
    the events that pass, as the CLI's ``--min-confidence``, ``--types`` and ``--status`` do.
    """
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text, date=date, id=id, min_confidence=min_confidence, types=types, status=status)
