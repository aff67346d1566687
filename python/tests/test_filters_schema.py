"""Event filters (``min_confidence=``, ``types=``, ``status=``) and the JSON Schema of the output
(``docs/document.schema.json``, printed by ``khabar schema``) validated against real output."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import khabar
from conftest import REPO

SCHEMA_FILE = REPO / "docs" / "document.schema.json"
KHABAR_BIN = REPO / "target" / "release" / "khabar"

# Real news sentences (SaudiNewsNet snn-01645, snn-00028, snn-00111): events of several types
# and confidences.
NEWS = (
    "وفي بيان منفصل قال الجيش الأمريكي إن قوات التحالف شنت ثماني غارات في سوريا بينها خمس "
    "استهدفت مواقع قريبة من الحسكة. واندلعت اعمال شغب في القدس اعقبها سلسلة اعتقالات واسعة "
    "بالاضافة الى هجمات بالسيارات. ونحن نعرف أن القتال مستمر."
)


def status(e: dict) -> str:
    return e.get("status") or "reported"


def test_filters_keep_exactly_the_matching_events(extractor):
    all_events = extractor.extract(NEWS, date="2015-06-01").to_dict()["events"]
    assert len(all_events) >= 2
    top = max(e["confidence"] for e in all_events)
    cases = [
        (dict(types="ASSAULT"), lambda e: e["type"] == "ASSAULT"),
        (dict(types=["protest", "assault"]), lambda e: e["type"] in ("ASSAULT", "PROTEST")),
        (dict(min_confidence=top), lambda e: e["confidence"] >= top),
        (dict(status="reported"), lambda e: status(e) == "reported"),
        (dict(status=["planned", "hypothetical"]), lambda e: status(e) in ("planned", "hypothetical")),
        (dict(types="ASSAULT", min_confidence=0.9), lambda e: e["type"] == "ASSAULT" and e["confidence"] >= 0.9),
    ]
    for kwargs, keep in cases:
        want = [e for e in all_events if keep(e)]
        doc = extractor.extract(NEWS, date="2015-06-01", **kwargs)
        assert doc.to_dict()["events"] == want, kwargs
        assert len(doc.entities) > 0, "entities are never filtered"
        many = extractor.extract_many([NEWS, NEWS], dates="2015-06-01", **kwargs)
        assert [d.to_dict()["events"] for d in many] == [want, want], kwargs
        assert khabar.extract(NEWS, date="2015-06-01", **kwargs).to_dict()["events"] == want
    assert extractor.extract(NEWS, min_confidence=top).events, "the best event passes its own confidence"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(types="ATTACK"), 'unknown event type "ATTACK"'),
        (dict(status="happened"), 'unknown event status "happened" (statuses: reported,background,planned,hypothetical)'),
        (dict(min_confidence=1.5), "minimum confidence 1.5 is outside 0..1"),
    ],
)
def test_bad_filter_values_raise(extractor, kwargs, message):
    with pytest.raises(khabar.KhabarError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        extractor.extract(NEWS, **kwargs)


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install jsonschema)")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_real_output_validates_against_the_schema(validator, extractor, articles, seed):
    docs = extractor.extract_many([a["text"] for a in articles], dates=[a.get("date") for a in articles], ids=[a["id"] for a in articles])
    docs.append(extractor.extract(seed["text"], date=seed.get("date"), id=seed.get("id")))
    n_events = 0
    for d in docs:
        obj = d.to_dict()
        errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
        assert not errors, f"{obj['id']}: {errors[0].message} at {list(errors[0].path)}"
        assert obj["khabar"] == khabar.__version__
        n_events += len(obj["events"])
    assert n_events > 0, "the sample must exercise the event part of the schema"
    # Records the schema rejects: it is not vacuous.
    bad = docs[-1].to_dict()
    bad["entities"][0]["start"] = -1
    assert list(validator.iter_errors(bad))
    bad = docs[-1].to_dict()
    bad["surprise"] = 1
    assert list(validator.iter_errors(bad))


def test_cli_schema_and_error_records(validator):
    if not KHABAR_BIN.is_file():
        if os.environ.get("KHABAR_CI") == "1":
            pytest.fail(f"{KHABAR_BIN} is missing (tools/test.sh builds it)")
        pytest.skip(f"{KHABAR_BIN} is not built (cargo build --release)")
    printed = subprocess.run([KHABAR_BIN, "schema"], capture_output=True, check=True).stdout
    assert json.loads(printed) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    lines = json.dumps({"id": "n1", "text": NEWS, "date": "2015-06-01"}, ensure_ascii=False) + "\n{broken\n"
    out = subprocess.run([KHABAR_BIN, "extract", "--input", "jsonl", "--quiet"], input=lines.encode(), capture_output=True, check=True)
    recs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(recs) == 2 and "error" in recs[1]
    for r in recs:
        validator.validate(r)
