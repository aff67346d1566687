"""Type stubs of the native module ``khabar._khabar`` (re-exported by ``khabar``)."""

from __future__ import annotations

import datetime
import os
from typing import Any, Iterable, Optional, TypeVar, Union, final

__all__ = ["Argument", "Document", "Entity", "Event", "Extractor", "Span", "Time", "KhabarError", "__version__"]

__version__: str

_DateLike = Union[str, datetime.date, None]
_PathLike = Union[str, "os.PathLike[str]"]
_R = TypeVar("_R", bound="_Record")

class KhabarError(ValueError):
    """Bad date, malformed or missing gazetteer file (the message names file:line), bad input."""

    kind: str
    """'data', 'io', 'input' or 'date'."""
    file: Optional[str]
    """The data file, for data errors."""
    line: Optional[int]
    """1-based line in ``file`` (0: the whole file), for data errors."""

class _Record:
    """Methods shared by every record (not a runtime class)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain Python objects: exactly ``json.loads(self.to_json())``."""
    def to_json(self, indent: Optional[int] = None) -> str:
        """The record as JSON (the CLI's schema, code-point offsets); ``indent`` pretty-prints."""
    @classmethod
    def from_json(cls: type[_R], json: str) -> _R:
        """Rebuilds the record from its JSON (``to_json()`` or the CLI's output)."""
    def __getitem__(self, key: str, /) -> Any:
        """Any JSON field by name; ``KeyError`` when absent."""
    def get(self, key: str, default: Any = None) -> Any:
        """A JSON field by name, or ``default``."""
    def keys(self) -> list[str]:
        """The JSON field names present, in schema order."""
    def __contains__(self, key: str, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

class _Spanned(_Record):
    """Span fields shared by Span, Time, Argument and Entity (not a runtime class)."""

    @property
    def start(self) -> int:
        """Start offset (code points)."""
    @property
    def end(self) -> int:
        """End offset (exclusive, code points)."""
    @property
    def text(self) -> str:
        """The original text of the span."""

@final
class Span(_Spanned):
    """A text span with code-point offsets: ``text[s.start:s.end] == s.text``."""

@final
class Time(_Spanned):
    """The time of an event: the expression and its resolved date."""

    @property
    def date(self) -> Optional[str]:
        """``YYYY-MM-DD``, ``YYYY-MM-DD/YYYY-MM-DD`` (an interval), or None."""

@final
class Argument(_Spanned):
    """An event argument (actor, recipient, location) with gazetteer fields."""

    @property
    def entity_id(self) -> Optional[str]:
        """Gazetteer id."""
    @property
    def name(self) -> Optional[str]:
        """Canonical (English) name."""
    @property
    def country(self) -> Optional[str]:
        """ISO alpha-3 country."""
    @property
    def code(self) -> Optional[str]:
        """CAMEO-style actor code."""
    @property
    def geonames_id(self) -> Optional[int]:
        """GeoNames id (places)."""
    @property
    def lat(self) -> Optional[float]:
        """Latitude (places)."""
    @property
    def lon(self) -> Optional[float]:
        """Longitude (places)."""
    @property
    def country_code(self) -> Optional[str]:
        """ISO alpha-2 country code (places)."""
    @property
    def admin1(self) -> Optional[str]:
        """First-level administrative division (places)."""

@final
class Entity(_Spanned):
    """An entity mention (proclitics excluded from the span)."""

    @property
    def type(self) -> str:
        """PER, ORG, LOC, FAC, NORP or MISC."""
    @property
    def entity_id(self) -> Optional[str]:
        """Gazetteer id; None for pattern matches and nationality adjectives."""
    @property
    def name(self) -> Optional[str]:
        """Canonical (English) name."""
    @property
    def country(self) -> Optional[str]:
        """ISO alpha-3 country."""
    @property
    def clitic(self) -> Optional[str]:
        """The proclitic(s) before the mention ("و", "ب", "لل" ...)."""
    @property
    def source(self) -> str:
        """"gazetteer", "title" or "pattern"."""
    @property
    def code(self) -> Optional[str]:
        """CAMEO-style actor code."""
    @property
    def sector(self) -> Optional[str]:
        """Sector."""
    @property
    def geonames_id(self) -> Optional[int]:
        """GeoNames id (places)."""
    @property
    def lat(self) -> Optional[float]:
        """Latitude (places)."""
    @property
    def lon(self) -> Optional[float]:
        """Longitude (places)."""
    @property
    def country_code(self) -> Optional[str]:
        """ISO alpha-2 country code (places)."""
    @property
    def admin1(self) -> Optional[str]:
        """First-level administrative division (places)."""
    @property
    def sentence(self) -> int:
        """Index of the sentence of the mention."""

@final
class Event(_Record):
    """One PLOVER event record."""

    @property
    def type(self) -> str:
        """PLOVER event type (ASSAULT, PROTEST, CONSULT, ...)."""
    @property
    def mode(self) -> Optional[str]:
        """PLOVER mode."""
    @property
    def cameo(self) -> Optional[str]:
        """CAMEO code."""
    @property
    def trigger(self) -> Span:
        """The trigger word(s)."""
    @property
    def actor(self) -> Optional[Argument]:
        """Who acted."""
    @property
    def recipient(self) -> Optional[Argument]:
        """Whom it was done to."""
    @property
    def location(self) -> Optional[Argument]:
        """Where (with place fields)."""
    @property
    def time(self) -> Optional[Time]:
        """When."""
    @property
    def negated(self) -> bool:
        """The sentence denies the event."""
    @property
    def status(self) -> str:
        """How the text presents it: 'reported', 'background', 'planned' or 'hypothetical'."""
    @property
    def reported_by(self) -> Optional[Span]:
        """Who reports it."""
    @property
    def sentence(self) -> int:
        """Index of the first sentence reporting the event."""
    @property
    def rule(self) -> str:
        """Id of the rule that fired."""
    @property
    def confidence(self) -> float:
        """Confidence in 0..1."""
    @property
    def evidence(self) -> list[Span]:
        """Spans of every sentence that reports the event."""

@final
class Document(_Record):
    """The result of extracting one text."""

    @property
    def id(self) -> Optional[str]:
        """The id given to ``extract``."""
    @property
    def date(self) -> Optional[str]:
        """The document date, ``YYYY-MM-DD``."""
    @property
    def entities(self) -> list[Entity]:
        """Entity mentions in text order."""
    @property
    def events(self) -> list[Event]:
        """Event records in text order of their first mention."""

@final
class Extractor:
    """Compiled gazetteers and rules; thread-safe and picklable.

    ``Extractor()`` uses the embedded gazetteers (shared per process); ``gazetteers`` adds user
    files (one path or a list); ``defaults=False`` leaves the embedded data out.
    """

    def __new__(
        cls,
        gazetteers: Union[_PathLike, Iterable[_PathLike], None] = None,
        defaults: bool = True,
    ) -> Extractor: ...
    def extract(
        self,
        text: str,
        date: _DateLike = None,
        id: Union[str, int, None] = None,
        *,
        min_confidence: Optional[float] = None,
        types: Union[str, Iterable[str], None] = None,
        status: Union[str, Iterable[str], None] = None,
    ) -> Document:
        """Extracts one text; ``date`` (``YYYY-MM-DD`` or ``datetime.date``) is the document date.

        ``min_confidence``, ``types`` (``"ASSAULT,PROTEST"`` or a list) and ``status``
        (reported/background/planned/hypothetical) keep only the events that pass."""
    def extract_many(
        self,
        texts: Iterable[str],
        dates: Union[_DateLike, Iterable[_DateLike]] = None,
        ids: Optional[Iterable[Union[str, int, None]]] = None,
        threads: Optional[int] = None,
        *,
        min_confidence: Optional[float] = None,
        types: Union[str, Iterable[str], None] = None,
        status: Union[str, Iterable[str], None] = None,
    ) -> list[Document]:
        """Extracts many texts in parallel (GIL released), results in input order; filters as for ``extract``."""
    @property
    def gazetteers(self) -> list[str]:
        """User gazetteer files (absolute paths) in load order."""
    @property
    def defaults(self) -> bool:
        """Whether the embedded data is loaded."""
    @property
    def entity_count(self) -> int:
        """Number of gazetteer entities."""
    def __reduce__(self) -> tuple[Any, ...]: ...
