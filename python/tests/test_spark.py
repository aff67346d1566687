"""Spark integration: khabar.spark.extract_events in pyspark local mode (local[2]).

Skipped, with the reason, when pyspark (with pandas and pyarrow) or Java is missing; .ci/run
installs pyspark, pandas, pyarrow and a JRE because this file mentions pyspark.
"""

from __future__ import annotations

import collections
import os
import shutil
import sys

import pytest

import khabar
from conftest import CORPUS, REPO, SENTENCES, load_corpus

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark pandas pyarrow)")
pd = pytest.importorskip("pandas", reason="pandas is not installed (needed by pyspark mapInPandas)")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (needed by pyspark mapInPandas)")

from khabar import spark as kspark  # noqa: E402

if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Java is not available (install a JRE, e.g. default-jre-headless)", allow_module_level=True)

N_ARTICLES = 500


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("khabar-pytest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus_articles() -> list[dict]:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found at {CORPUS} (shared/ is expected beside the repo)")
    arts = load_corpus(N_ARTICLES)
    assert len(arts) == N_ARTICLES
    return arts


def by_story(rows):
    """story_id -> event types in event order."""
    out = collections.defaultdict(list)
    for r in sorted(rows, key=lambda r: (r["story_id"], int(r["event_id"].rsplit(":", 1)[1]))):
        out[r["story_id"]].append(r["event_type"])
    return dict(out)


def direct(ex: khabar.Extractor, arts: list[dict]):
    docs = ex.extract_many([a["text"] for a in arts], dates=[a["date"] for a in arts], ids=[a["id"] for a in arts])
    return docs, {d.id: [e.type for e in d.events] for d in docs if d.events}


def test_spark_matches_extract_many(spark, corpus_articles, triggers_file):
    """500 articles through Spark == the same articles through extract_many."""
    df = spark.createDataFrame(
        [(a["id"], a["date"], a["text"]) for a in corpus_articles], "id string, date string, text string"
    ).repartition(4)
    events = kspark.extract_events(df, gazetteers=[str(triggers_file)])
    assert [f.name for f in events.schema.fields] == [c[0] for c in kspark.EVENT_COLUMNS]
    rows = [r.asDict() for r in events.collect()]

    docs, expected = direct(khabar.Extractor([triggers_file]), corpus_articles)
    assert sum(len(v) for v in expected.values()) > 50, "the test triggers should fire on the corpus"
    assert len(rows) == sum(len(d.events) for d in docs)
    assert by_story(rows) == expected

    # every column against the flattened document
    want = {r["event_id"]: r for d in docs for r in kspark.event_rows(d)}
    assert len(want) == len(rows)
    text_of = {a["id"]: a["text"] for a in corpus_articles}
    for r in rows:
        w = want[r["event_id"]]
        for k, v in w.items():
            if isinstance(v, float):
                assert r[k] == pytest.approx(v), k
            else:
                assert r[k] == v, k
        assert text_of[r["story_id"]][r["trigger_start"] : r["trigger_end"]] == r["trigger"]
        assert r["date"] == next(a["date"] for a in corpus_articles if a["id"] == r["story_id"])


def test_spark_default_gazetteers_and_date_type(spark, corpus_articles):
    """Embedded data only, a DateType date column, and no id column."""
    from pyspark.sql import functions as F

    arts = corpus_articles[:200]
    df = spark.createDataFrame([(a["id"], a["date"], a["text"]) for a in arts], "id string, date string, text string")
    events = kspark.extract_events(df.withColumn("date", F.to_date("date")))
    rows = [r.asDict() for r in events.collect()]
    _, expected = direct(khabar.Extractor(), arts)
    assert by_story(rows) == expected

    no_id = kspark.extract_events(df.select("text"), id_col=None, date_col=None)
    n = sum(len(d.events) for d in khabar.Extractor().extract_many([a["text"] for a in arts]))
    assert no_id.count() == n
    assert no_id.select("event_id").distinct().count() == n  # ids from a hash of the text
    assert no_id.filter("story_id IS NOT NULL OR date IS NOT NULL").count() == 0


def test_spark_small_frame_values(spark, triggers_file):
    df = spark.createDataFrame([("s0", "2019-07-07", SENTENCES[0]), ("s1", None, None)], "id string, date string, text string")
    rows = [r.asDict() for r in kspark.extract_events(df, gazetteers=triggers_file).collect()]
    assault = [r for r in rows if r["event_type"] == "ASSAULT"]
    assert len(assault) == 1
    r = assault[0]
    assert (r["story_id"], r["date"], r["actor_name"], r["place_name"]) == ("s0", "2019-07-07", "Israel", "Syria")
    assert r["recipient_name"] in (None, "Iran")
    assert r["geonames_id"] == 163843 and r["country_code"] == "SY" and r["time_date"] == "2019-07-06"
    assert r["negated"] is False and 0 < r["confidence"] <= 1 and SENTENCES[0].startswith(r["evidence"])


def test_spark_bad_column_and_bad_gazetteer(spark, tmp_path):
    df = spark.createDataFrame([("a", "x")], "id string, body string")
    with pytest.raises(ValueError, match="text_col='text' is not a column"):
        kspark.extract_events(df)
    bad = tmp_path / "people.tsv"
    bad.write_text("id\ttype\tname\taliases\nk:1\tNOPE\tX\tس\n", encoding="utf-8")
    with pytest.raises(khabar.KhabarError, match=":2: "):
        kspark.extract_events(df, text_col="body", date_col=None, gazetteers=[bad])


def test_pandas_frontend(triggers_file):
    pdf = pd.DataFrame({"id": [1, 2], "date": ["2019-07-07 10:00:00", "garbage"], "text": [SENTENCES[0], SENTENCES[2]]})
    out = kspark.extract_events_pandas(pdf, gazetteers=[triggers_file])
    assert list(out.columns) == [c[0] for c in kspark.EVENT_COLUMNS]
    assert set(out["story_id"]) <= {"1", "2"} and "ASSAULT" in set(out["event_type"])
    assert set(out.loc[out["story_id"] == "1", "date"]) == {"2019-07-07"}
    assert out.loc[out["story_id"] == "2", "date"].isna().all()  # unparsable date -> null
    empty = kspark.extract_events_pandas(pdf.iloc[:0])
    assert list(empty.columns) == list(out.columns) and len(empty) == 0


def test_spark_filters(spark, corpus_articles, triggers_file):
    """min_confidence/types/status on Spark == the same filter on the unfiltered rows; event ids
    do not depend on the filter."""
    arts = corpus_articles[:200]
    df = spark.createDataFrame([(a["id"], a["date"], a["text"]) for a in arts], "id string, date string, text string")
    every = {r["event_id"]: r.asDict() for r in kspark.extract_events(df, gazetteers=[str(triggers_file)]).collect()}
    assert len({r["event_type"] for r in every.values()}) >= 2
    cases = [
        (dict(types="ASSAULT,PROTEST"), lambda r: r["event_type"] in ("ASSAULT", "PROTEST")),
        (dict(min_confidence=0.8), lambda r: r["confidence"] >= 0.8 - 1e-6),
        (dict(status=["reported"], types=["assault"]), lambda r: (r["status"] or "reported") == "reported" and r["event_type"] == "ASSAULT"),
    ]
    for kwargs, keep in cases:
        got = {r["event_id"]: r.asDict() for r in kspark.extract_events(df, gazetteers=[str(triggers_file)], **kwargs).collect()}
        assert got == {k: r for k, r in every.items() if keep(r)}, kwargs
        pdf = pd.DataFrame(arts)
        out = kspark.extract_events_pandas(pdf, gazetteers=[triggers_file], **kwargs)
        assert set(out["event_id"]) == set(got), kwargs
    with pytest.raises(khabar.KhabarError, match='unknown event type "ATTACK"'):
        kspark.extract_events(df, types="ATTACK")


def _readme_spark_script() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Spark\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_readme_spark_snippet_runs_as_written(tmp_path):
    """The README's Spark script runs as written in a fresh interpreter (its own session) and is
    the one in the khabar.spark docstring."""
    import subprocess
    import textwrap

    script = _readme_spark_script()
    assert "SparkSession.builder" in script and "PYSPARK_PYTHON" in script
    assert textwrap.indent(script, "    ").strip() in kspark.__doc__, "README and docstring differ"
    path = tmp_path / "snippet.py"
    path.write_text(script, encoding="utf-8")
    env = dict(os.environ, PYSPARK_PYTHON="")  # the script must set it itself
    env.pop("PYSPARK_PYTHON")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "ASSAULT" in out.stdout, out.stdout
    assert "PySpark does not yet fully support pandas" not in out.stderr, "pandas version pinned in python[spark]"
