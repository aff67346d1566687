"""Shared fixtures: the seed article, a corpus sample and a small trigger file.

The repository is checked out beside ``shared/`` (``<repo>/../shared``); tests that need the
seed article or the corpus skip with a message when it is absent.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
from pathlib import Path

import pytest

import khabar

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
SEED = SHARED / "eval" / "dev" / "seed_article.input.json"
CORPUS = SHARED / "corpus" / "saudinewsnet.jsonl.gz"

# A user trigger file (gazetteers/README.md format) so that event-level checks do not depend on
# the shipped trigger lexicon. Rule ids are prefixed so they cannot clash with shipped ones.
TRIGGERS_TSV = """\
# Test triggers for the Python suite (hand-written).
id\ttype\tmode\tcameo\tpos\tlemma\timperfect\tforms\tconstraints
pytest.assault.launch\tASSAULT\t\t190\tverb\tشن\tيشن\t\t
pytest.assault.raid\tASSAULT\taerial\t195\tnoun\t\t\tغارة|غارات\t
pytest.protest.demo\tPROTEST\tdemonstrate\t141\tnoun\t\t\tمظاهرة|مظاهرات|احتجاج|احتجاجات\t
pytest.consult.meet\tCONSULT\t\t040\tverb\tالتقى\tيلتقي\t\t
pytest.consult.talks\tCONSULT\t\t040\tnoun\t\t\tمحادثات|مفاوضات\t
"""

SENTENCES = [
    "وشنت إسرائيل غارات على مواقع إيران في سوريا أمس.",
    "التقى الرئيس الروسي فلاديمير بوتين الرئيس الأميركي دونالد ترامب في أوساكا.",
    "وخرجت مظاهرات في بغداد احتجاجا على الفساد.",
    "أسفرت المفاوضات بين واشنطن وموسكو عن تفاهمات حول سوريا.",
]


def load_corpus(n: int) -> list[dict]:
    """The first ``n`` corpus articles (read in place with gzip, never copied)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, n)]


@pytest.fixture(scope="session")
def extractor() -> khabar.Extractor:
    return khabar.Extractor()


@pytest.fixture(scope="session")
def triggers_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "triggers.tsv"
    path.write_text(TRIGGERS_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def event_extractor(triggers_file) -> khabar.Extractor:
    """Embedded gazetteers plus the test triggers: guaranteed to produce events."""
    return khabar.Extractor([triggers_file])


@pytest.fixture(scope="session")
def seed() -> dict:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (shared/ is expected beside the repo)")
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def articles() -> list[dict]:
    """200 corpus articles, or the built-in sentences when the corpus is absent."""
    if CORPUS.is_file():
        return load_corpus(200)
    return [{"id": f"s{i}", "date": "2019-07-07", "text": t} for i, t in enumerate(SENTENCES * 10)]


def pytest_sessionfinish(session, exitstatus):
    """Under ``KHABAR_CI=1`` (set by .ci/run) a skipped test fails the run: CI installs
    everything every test needs, so a skip there means a missing install step."""
    if os.environ.get("KHABAR_CI") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        if reporter:
            reporter.write_line(f"KHABAR_CI=1: {len(skipped)} skipped test(s) count as failures (reasons above)", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
