#!/usr/bin/env python3
"""Throughput of the Python bindings against the CLI, and of the Spark integration.

Runs on the first N SaudiNewsNet articles (read in place from ../shared/corpus, never copied):

1. CLI: ``target/release/khabar extract --input jsonl`` reading the articles as JSONL on stdin
   (all cores), output read from a pipe (its start-up, about 0.1 s, is included; it is printed).
2. Python: ``Extractor.extract_many`` on the same texts/dates/ids (extractor already built), and
   the same plus ``to_dict()`` of every document.

CLI and Python runs are interleaved; wall time and CPU time (getrusage) are both reported, the
latter being the steadier figure on a shared machine.
3. Spark (``--spark``, needs pyspark + Java): ``khabar.spark.extract_events`` in local mode,
   materialized with the ``noop`` writer; first (cold: worker start-up + gazetteer compile) and
   then warm runs.

Rates are MB/s of UTF-8 article text. Usage (from the repo root, package installed):

    python python/bench_throughput.py                 # 5,000 articles, CLI vs Python
    python python/bench_throughput.py --spark         # plus Spark local[2]
    python python/bench_throughput.py -n 1000 --repeat 5 --json out.json
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The script sits beside the source package python/khabar (which has no compiled module in it
# after `pip install ./python`): import the installed package instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import khabar  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def load(n: int) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, n)]


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(fn, clock) -> tuple[float, float]:
    """(wall seconds, CPU seconds by `clock`) of one call."""
    c, t = clock(), time.perf_counter()
    fn()
    return time.perf_counter() - t, clock() - c


def cli_runner(cli: Path, arts: list[dict], threads: int | None):
    payload = "".join(
        json.dumps({"id": a["id"], "date": a["date"], "text": a["text"]}, ensure_ascii=False) + "\n" for a in arts
    ).encode("utf-8")
    cmd = [str(cli), "extract", "--quiet", "--input", "jsonl"] + (["--threads", str(threads)] if threads else [])

    def run(data: bytes = payload, expect: int = len(arts)) -> None:
        p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True)
        lines = p.stdout.count(b"\n")
        assert lines == expect, f"CLI wrote {lines} lines for {expect} inputs"

    one = (json.dumps({"id": "x", "text": "قال"}, ensure_ascii=False) + "\n").encode("utf-8")
    return run, lambda: run(one, 1)


def python_runner(arts: list[dict], threads: int | None):
    ex = khabar.Extractor()
    ex.extract("تمهيد")  # the embedded gazetteers are compiled on first use
    texts = [a["text"] for a in arts]
    dates = [a["date"] for a in arts]
    ids = [a["id"] for a in arts]

    def run() -> list:
        return ex.extract_many(texts, dates=dates, ids=ids, threads=threads)

    def run_dict() -> list:
        return [d.to_dict() for d in run()]

    docs = run()
    counts = {"entities": sum(len(d.entities) for d in docs), "events": sum(len(d.events) for d in docs)}
    return run, run_dict, counts


def bench_spark(arts: list[dict], repeat: int, master: str) -> dict:
    from pyspark.sql import SparkSession

    from khabar.spark import extract_events

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName("khabar-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.createDataFrame(
            [(a["id"], a["date"], a["text"]) for a in arts], "id string, date string, text string"
        ).repartition(spark.sparkContext.defaultParallelism * 2).cache()
        df.count()
        events = extract_events(df)

        def run():
            events.write.format("noop").mode("overwrite").save()

        cold = measure(run, time.perf_counter)[0]
        warm = [measure(run, time.perf_counter)[0] for _ in range(repeat)]
        return {"cold_seconds": cold, "seconds": warm, "events": events.count(), "master": master}
    finally:
        spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5000, help="number of articles (default 5000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement (median reported)")
    ap.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "khabar", help="the CLI binary (built if missing)")
    ap.add_argument("--threads", type=int, default=None, help="threads for extract_many and the CLI (default: all cores)")
    ap.add_argument("--spark", action="store_true", help="also measure khabar.spark.extract_events")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--json", type=Path, help="write the results here as JSON")
    args = ap.parse_args()

    if not CORPUS.is_file():
        sys.exit(f"corpus not found: {CORPUS}")
    arts = load(args.n)
    mb = sum(len(a["text"].encode("utf-8")) for a in arts) / 1e6
    print(f"{len(arts)} articles, {mb:.2f} MB of text, {os.cpu_count()} cores, khabar {khabar.__version__}")
    results: dict = {"articles": len(arts), "mb": mb, "cores": os.cpu_count()}

    if not args.cli.exists():
        print("building the CLI (cargo build --release) ...")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    cli_run, cli_startup = cli_runner(args.cli, arts, args.threads)
    py_run, py_run_dict, counts = python_runner(arts, args.threads)
    startup = statistics.median(measure(cli_startup, cpu_children)[0] for _ in range(3))
    # Interleaved, so that a change of machine load hits both sides alike.
    cli_t, py_t, pyd_t = [], [], []
    for _ in range(args.repeat):
        cli_t.append(measure(cli_run, cpu_children))
        py_t.append(measure(py_run, cpu_self))
        pyd_t.append(measure(py_run_dict, cpu_self))

    def med(xs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs)

    (w_cli, c_cli), (w_py, c_py), (w_pyd, c_pyd) = med(cli_t), med(py_t), med(pyd_t)
    results.update(
        cli={"wall": [x[0] for x in cli_t], "cpu": [x[1] for x in cli_t], "startup_wall": startup},
        python={"wall": [x[0] for x in py_t], "cpu": [x[1] for x in py_t], **counts},
        python_to_dict={"wall": [x[0] for x in pyd_t], "cpu": [x[1] for x in pyd_t]},
        ratio_wall=w_cli / w_py,
        ratio_cpu=c_cli / c_py,
    )
    print(f"{'':12} {'wall s':>7} {'MB/s':>7} {'CPU s':>7} {'MB/CPU-s':>9}")
    for name, w, c in (("CLI", w_cli, c_cli), ("Python", w_py, c_py), ("Python+dict", w_pyd, c_pyd)):
        print(f"{name:12} {w:7.3f} {mb / w:7.2f} {c:7.3f} {mb / c:9.2f}")
    print(f"CLI start-up {startup:.3f} s (included in its wall time); {counts['entities']} entities, {counts['events']} events")
    print(f"ratio Python/CLI throughput: {w_cli / w_py:.2f} by wall time, {c_cli / c_py:.2f} by CPU time")

    if args.spark:
        sp = bench_spark(arts, args.repeat, args.master)
        t_sp = statistics.median(sp["seconds"])
        results["spark"] = sp
        print(
            f"Spark      {t_sp:7.3f} s  {mb / t_sp:7.2f} MB/s   {args.master} warm "
            f"(cold first run {sp['cold_seconds']:.2f} s = {mb / sp['cold_seconds']:.2f} MB/s; {sp['events']} event rows)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
