"""Tests of the khabar Python bindings (everything but Spark)."""

from __future__ import annotations

import copy
import datetime
import json
import multiprocessing
import pickle
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import khabar
from conftest import REPO, SENTENCES

ENTITY_FIELDS = [
    "start", "end", "text", "type", "entity_id", "name", "country", "clitic", "source", "code",
    "sector", "geonames_id", "lat", "lon", "country_code", "admin1", "sentence",
]
ARGUMENT_FIELDS = [
    "start", "end", "text", "entity_id", "name", "country", "code", "geonames_id", "lat", "lon",
    "country_code", "admin1",
]
EVENT_SCALARS = ["type", "mode", "cameo", "negated", "sentence", "rule", "confidence"]


def event_spans(ev: khabar.Event):
    """Every span of an event (trigger, arguments, time, source, evidence)."""
    spans = [ev.trigger, ev.actor, ev.recipient, ev.location, ev.time, ev.reported_by]
    return [s for s in spans if s is not None] + ev.evidence


# --- seed article -----------------------------------------------------------------------------


def test_seed_article_round_trip(extractor, seed):
    doc = extractor.extract(seed["text"], date=seed["date"], id=seed["id"])
    assert doc.id == "seed-0001" and doc.date == "2019-07-07"
    d = doc.to_dict()
    assert d == json.loads(doc.to_json())
    assert json.loads(doc.to_json(indent=2)) == d
    assert list(d)[:4] == ["id", "date", "entities", "events"]
    assert khabar.Document.from_json(doc.to_json()) == doc
    assert len(doc.entities) == len(d["entities"]) > 20
    assert [e.to_dict() for e in doc.entities] == d["entities"]
    assert [e.to_dict() for e in doc.events] == d["events"]

    by_name = {}
    for e in doc.entities:
        by_name.setdefault(e.name, []).append(e)
    putin = by_name["Vladimir Putin"]
    assert {e.type for e in putin} == {"PER"} and {e.country for e in putin} == {"RUS"}
    assert {e.text for e in putin} >= {"فلاديمير بوتين", "بوتين"}
    aleppo = [e for e in doc.entities if "حلب" in e.text]
    assert aleppo and all(e.type == "LOC" and e.name.startswith("Aleppo") for e in aleppo)
    for name, country in [("Mike Pompeo", "USA"), ("Donald Trump", "USA"), ("Syria", "SYR"), ("Iran", "IRN")]:
        assert name in by_name and by_name[name][0].country == country
    syria = by_name["Syria"][0]
    assert syria.geonames_id == 163843 and syria.country_code == "SY"
    assert 30 < syria.lat < 38 and 35 < syria.lon < 43
    qaeda = by_name["al-Qaeda"][0]
    assert qaeda.type == "ORG" and qaeda.text == "القاعدة"  # the article stays inside the span
    clitics = [e for e in doc.entities if e.clitic]
    assert clitics and all(seed["text"][e.start - len(e.clitic) : e.start] == e.clitic for e in clitics)


def test_seed_matches_cli(extractor, seed, tmp_path):
    """The Python document is the CLI's JSON document, field for field."""
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("cargo not found: CLI comparison skipped")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({k: seed[k] for k in ("id", "date", "text")}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = subprocess.run(
        [cargo, "run", "--release", "--quiet", "--", "extract", "--quiet", "--input", "jsonl", str(inp)],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stderr
    cli = json.loads(out.stdout.splitlines()[0])
    doc = extractor.extract(seed["text"], date=seed["date"], id=seed["id"])
    assert doc.to_dict() == cli


# --- records ----------------------------------------------------------------------------------


def test_attributes_agree_with_dict(extractor, event_extractor, articles):
    docs = event_extractor.extract_many([a["text"] for a in articles[:50]] + SENTENCES)
    n_events = 0
    for doc in docs:
        for e in doc.entities:
            d = e.to_dict()
            for f in ENTITY_FIELDS:
                assert getattr(e, f) == d.get(f), f
                assert e.get(f) == d.get(f)
            assert e.keys() == list(d)
            assert all(e[k] == v for k, v in d.items())
        for ev in doc.events:
            n_events += 1
            d = ev.to_dict()
            for f in EVENT_SCALARS:
                assert getattr(ev, f) == d[f], f
            assert ev.trigger.to_dict() == d["trigger"]
            for role in ("actor", "recipient", "location"):
                arg = getattr(ev, role)
                assert (arg.to_dict() if arg else None) == d[role]
                if arg:
                    for f in ARGUMENT_FIELDS:
                        assert getattr(arg, f) == d[role].get(f), (role, f)
            assert (ev.time.to_dict() if ev.time else None) == d["time"]
            if ev.time:
                assert ev.time.date == d["time"]["date"]
            assert [s.to_dict() for s in ev.evidence] == d["evidence"]
            assert isinstance(ev.confidence, float) and 0.0 <= ev.confidence <= 1.0
    assert n_events >= len(SENTENCES)


def test_event_values(event_extractor):
    doc = event_extractor.extract(SENTENCES[0], date="2019-07-07", id="x")
    assaults = [e for e in doc.events if e.type == "ASSAULT"]
    assert len(assaults) == 1  # "شنت" and "غارات" are one record
    ev = assaults[0]
    assert ev.actor.name == "Israel" and ev.actor.country == "ISR"
    assert ev.recipient is None or ev.recipient.name == "Iran"  # "مواقع إيران": the rules decide
    assert ev.location.name == "Syria" and ev.location.geonames_id == 163843
    assert ev.time.text == "أمس" and ev.time.date == "2019-07-06"
    assert ev.rule and ev.cameo and ev.cameo.startswith("19")
    assert ev.negated is False
    assert "ASSAULT" in repr(ev) and "Israel" in repr(ev)


def test_reprs(event_extractor):
    doc = event_extractor.extract(SENTENCES[0], date=datetime.date(2019, 7, 7), id="a1")
    assert repr(doc) == f"Document(id='a1', date='2019-07-07', entities={len(doc.entities)}, events={len(doc.events)})"
    e = doc.entities[0]
    assert repr(e).startswith(f"Entity({e.start}, {e.end}, '{e.text}', type='{e.type}'")
    t = doc.events[0].trigger
    assert repr(t) == f"Span({t.start}, {t.end}, '{t.text}')"
    assert repr(event_extractor).startswith("Extractor(gazetteers=[")


def test_record_pickle_copy_hash(event_extractor):
    doc = event_extractor.extract(SENTENCES[0], date="2019-07-07", id="p")
    for obj in [doc, doc.entities[0], doc.events[0], doc.events[0].trigger, doc.events[0].actor, doc.events[0].time]:
        back = pickle.loads(pickle.dumps(obj))
        assert type(back) is type(obj) and back == obj and back.to_json() == obj.to_json()
        assert copy.deepcopy(obj) == obj
        assert hash(back) == hash(obj)
    assert doc != event_extractor.extract(SENTENCES[1])
    assert (doc == "not a document") is False
    assert len({doc, pickle.loads(pickle.dumps(doc))}) == 1
    with pytest.raises(KeyError):
        doc.entities[0]["no_such_field"]
    assert doc.entities[0].get("no_such_field", 7) == 7
    assert "text" in doc.entities[0]


def test_from_json_reads_cli_shaped_input():
    js = '{"id": "z", "date": null, "entities": [], "events": [], "extra": 1}'
    doc = khabar.Document.from_json(js)
    assert doc.id == "z" and doc.date is None and doc.entities == [] and doc["extra"] == 1
    with pytest.raises(khabar.KhabarError):
        khabar.Document.from_json("[1, 2]")
    with pytest.raises(khabar.KhabarError):
        khabar.Document.from_json("{not json")


# --- offsets ----------------------------------------------------------------------------------


def test_offsets_are_code_points(event_extractor, articles, seed):
    texts = [seed["text"]] + [a["text"] for a in articles] + SENTENCES
    # Non-BMP characters and combining marks before the mentions shift byte and UTF-16 offsets.
    texts.append("😀🇸🇾 تَمَّ: " + SENTENCES[0] + " 𝔸 " + SENTENCES[2])
    docs = event_extractor.extract_many(texts)
    checked = 0
    for text, doc in zip(texts, docs):
        for e in doc.entities:
            assert text[e.start : e.end] == e.text, (e, text[e.start - 5 : e.end + 5])
            checked += 1
        for ev in doc.events:
            for s in event_spans(ev):
                assert text[s.start : s.end] == s.text, (ev, s)
                checked += 1
    assert checked > 1000 or len(texts) < 50
    last = docs[-1]
    assert any(e.name == "Israel" for e in last.entities) and last.events


# --- batch ------------------------------------------------------------------------------------


def test_batch_equals_one_by_one(event_extractor, articles):
    texts = [a["text"] for a in articles[:120]] + SENTENCES
    dates = [a.get("date") for a in articles[:120]] + ["2019-07-07"] * len(SENTENCES)
    ids = [a.get("id") for a in articles[:120]] + [f"s{i}" for i in range(len(SENTENCES))]
    single = [event_extractor.extract(t, date=d, id=i) for t, d, i in zip(texts, dates, ids)]
    for threads in (None, 1, 2):
        batch = event_extractor.extract_many(texts, dates=dates, ids=ids, threads=threads)
        assert [d.to_json() for d in batch] == [d.to_json() for d in single]
    assert [d.id for d in single] == ids
    # any iterable, one date for all, int ids
    gen = event_extractor.extract_many((t for t in SENTENCES), dates="2019-07-07", ids=range(len(SENTENCES)))
    assert [d.id for d in gen] == [str(i) for i in range(len(SENTENCES))]
    assert gen == [event_extractor.extract(t, date="2019-07-07", id=str(i)) for i, t in enumerate(SENTENCES)]
    assert event_extractor.extract_many([]) == []


def test_dates_accept_strings_and_date_objects(extractor):
    text = SENTENCES[0]
    ref = extractor.extract(text, date="2019-07-07")
    assert extractor.extract(text, date=datetime.date(2019, 7, 7)) == ref
    assert extractor.extract(text, date=datetime.datetime(2019, 7, 7, 23, 59)) == ref
    assert extractor.extract(text, date=None).date is None
    many = extractor.extract_many([text, text, text], dates=["2019-07-07", datetime.date(2019, 7, 7), None])
    assert [d.date for d in many] == ["2019-07-07", "2019-07-07", None]
    assert many[2] == extractor.extract(text)


# --- errors -----------------------------------------------------------------------------------


def test_bad_date(extractor):
    with pytest.raises(khabar.KhabarError, match=r'invalid date "2019-13-01"') as ei:
        extractor.extract("نص", date="2019-13-01")
    assert isinstance(ei.value, ValueError) and ei.value.kind == "date"
    with pytest.raises(khabar.KhabarError, match=r"dates\[1\]: invalid date"):
        extractor.extract_many(["a", "b"], dates=["2019-01-01", "07/07/2019"])
    with pytest.raises(TypeError, match="expected None, a 'YYYY-MM-DD' string or a datetime.date"):
        extractor.extract("نص", date=20190707)


def test_bad_arguments(extractor):
    with pytest.raises(TypeError, match="not a single str"):
        extractor.extract_many("نص")
    with pytest.raises(TypeError, match=r"texts\[1\]: expected str"):
        extractor.extract_many(["a", 3])
    with pytest.raises(ValueError, match="dates has 1 items, texts has 2"):
        extractor.extract_many(["a", "b"], dates=["2019-01-01"])
    with pytest.raises(ValueError, match="ids has 3 items"):
        extractor.extract_many(["a", "b"], ids=["1", "2", "3"])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        extractor.extract_many(["a"], threads=0)
    with pytest.raises(TypeError):
        extractor.extract(None)


def test_missing_gazetteer_file(tmp_path):
    missing = tmp_path / "nope" / "people.tsv"
    with pytest.raises(khabar.KhabarError, match=re.escape(str(missing))) as ei:
        khabar.Extractor([missing])
    assert ei.value.kind == "io"


def test_malformed_gazetteer_names_file_and_line(tmp_path):
    bad = tmp_path / "people.tsv"
    bad.write_text(
        "# test entities\nid\ttype\tname\taliases\nkh:ok\tPER\tOk Person\tفلان الفلاني\nkh:bad\tBOGUS\tBad\tعلان\n",
        encoding="utf-8",
    )
    with pytest.raises(khabar.KhabarError, match=rf"^{re.escape(str(bad))}:4: .*BOGUS") as ei:
        khabar.Extractor(str(bad))
    assert (ei.value.kind, ei.value.file, ei.value.line) == ("data", str(bad), 4)

    missing_col = tmp_path / "places.tsv"
    missing_col.write_text("id\tname\naa\tbb\n", encoding="utf-8")
    with pytest.raises(khabar.KhabarError, match=rf"^{re.escape(str(missing_col))}:\d+: "):
        khabar.Extractor([missing_col])


def test_user_gazetteer_and_no_defaults(tmp_path):
    people = tmp_path / "people.tsv"
    people.write_text("# t\nid\ttype\tname\taliases\tcountry\nkh:fulan\tPER\tFulan Alfulani\tفلان الفلاني\tSAU\n", encoding="utf-8")
    ex = khabar.Extractor([people])
    assert ex.gazetteers == [str(people)] and ex.defaults is True
    assert ex.entity_count == khabar.Extractor().entity_count + 1
    doc = ex.extract("قال فلان الفلاني إن سوريا بخير")
    assert [(e.name, e.country) for e in doc.entities][:2] == [("Fulan Alfulani", "SAU"), ("Syria", "SYR")]
    only = khabar.Extractor(people, defaults=False)
    assert only.entity_count == 1
    assert [e.name for e in only.extract("قال فلان الفلاني إن سوريا بخير").entities] == ["Fulan Alfulani"]


# --- pickling / processes ---------------------------------------------------------------------


def _extract_in_child(ex: khabar.Extractor, text: str) -> str:
    return ex.extract(text, date="2019-07-07").to_json()


def test_extractor_pickle_round_trip(event_extractor, triggers_file, tmp_path, monkeypatch):
    back = pickle.loads(pickle.dumps(event_extractor))
    assert isinstance(back, khabar.Extractor)
    assert back.gazetteers == [str(triggers_file)] and back.defaults is True
    assert back.extract(SENTENCES[0]) == event_extractor.extract(SENTENCES[0])
    default = pickle.loads(pickle.dumps(khabar.Extractor()))
    assert default.gazetteers == [] and default.entity_count == khabar.Extractor().entity_count
    # a relative path is made absolute, so the pickle works from another directory
    monkeypatch.chdir(triggers_file.parent)
    rel = khabar.Extractor(["triggers.tsv"])
    monkeypatch.chdir(tmp_path)
    assert pickle.loads(pickle.dumps(rel)).extract(SENTENCES[0]).events


def test_extractor_ships_to_worker_processes(event_extractor):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        out = pool.starmap(_extract_in_child, [(event_extractor, t) for t in SENTENCES])
    assert out == [event_extractor.extract(t, date="2019-07-07").to_json() for t in SENTENCES]
    assert any(json.loads(o)["events"] for o in out)


# --- threads ----------------------------------------------------------------------------------


def test_thread_safety(event_extractor, articles):
    texts = [a["text"] for a in articles[:60]] + SENTENCES
    expected = [d.to_json() for d in event_extractor.extract_many(texts, threads=1)]
    barrier = threading.Barrier(6)

    def work(k: int):
        barrier.wait()
        if k % 2:
            got = [event_extractor.extract(t).to_json() for t in texts]
        else:
            got = [d.to_json() for d in event_extractor.extract_many(texts, threads=2)]
        return got

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(work, range(6)))
    assert all(r == expected for r in results)


def test_extract_releases_the_gil(extractor, articles):
    """While a long batch runs in another thread, this thread keeps running Python code."""
    size = sum(len(a["text"]) for a in articles)
    texts = [a["text"] for a in articles] * max(3, 1_000_000 // size)
    done = threading.Event()
    ticks = 0

    def run():
        extractor.extract_many(texts, threads=1)
        done.set()

    t = threading.Thread(target=run)
    t.start()
    while not done.is_set():
        ticks += 1
        done.wait(0.001)
    t.join()
    assert ticks > 5


def test_module_surface():
    for name in khabar.__all__:
        obj = getattr(khabar, name)
        if name != "__version__":
            assert obj.__doc__ and len(obj.__doc__) > 20, name
    for cls in (khabar.Extractor, khabar.Document, khabar.Entity, khabar.Event, khabar.Argument, khabar.Time, khabar.Span):
        assert cls.__module__ == "khabar"
        for attr, value in vars(cls).items():
            if not attr.startswith("_"):
                assert getattr(value, "__doc__", None), f"{cls.__name__}.{attr} has no docstring"
    assert issubclass(khabar.KhabarError, ValueError) and khabar.KhabarError.__module__ == "khabar"
    assert khabar.extract(SENTENCES[0], date="2019-07-07") == khabar.Extractor().extract(SENTENCES[0], date="2019-07-07")
