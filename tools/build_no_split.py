#!/usr/bin/env python3
"""Build gazetteers/no_split.tsv: frequent Arabic words that look like proclitic + name but are not.

khabar reads "وبغداد" as و + بغداد and "بحلب" as ب + حلب. The same split turns ordinary words into
names: "وكالة" (agency) into و + "كالة" (a GeoNames spelling of Calais), "ولاية" (state) into
و + "لاية", "لايزال" into ل + "ايزال". A word goes on the list when, in the corpus, it is frequent
(at least --min-count occurrences) and at least --ratio times as frequent as the name it would
leave after its proclitics: a real "و + name" is rare next to the bare name, a word that merely
starts with و is not. The matcher never splits a listed word.

Sources: khabar's own lexicon keys (`khabar gazetteer export-aliases`) and token counts of the
SaudiNewsNet corpus (CC BY-NC-SA 4.0; only counts are used, the list holds common words). Usage,
from the repository root, after `cargo build --release`:

    python3 tools/build_no_split.py [--corpus ../shared/corpus/saudinewsnet.jsonl.gz] [--khabar target/release/khabar]

The list is built from the gazetteers WITHOUT itself (it only matters for names), so rebuilding
after gazetteer changes is deterministic.
"""

import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_places import knorm  # noqa: E402  (the one Python mirror of khabar's normalizer)

# The proclitic layers of src/clitics.rs: an optional conjunction, then an optional preposition.
PREFIXES = [c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") if c + p]
WORD = re.compile(r"[\u0621-\u064A]+")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus", "saudinewsnet.jsonl.gz"))
    ap.add_argument("--khabar", default=os.path.join(repo, "target", "release", "khabar"))
    ap.add_argument("--min-count", type=int, default=30)
    ap.add_argument("--ratio", type=float, default=20.0)
    ap.add_argument("--out", default=os.path.join(repo, "gazetteers", "no_split.tsv"))
    args = ap.parse_args()

    keys = subprocess.run([args.khabar, "gazetteer", "export-aliases"], check=True, capture_output=True, text=True).stdout
    names = {k.strip().split("\t")[-1] for k in keys.splitlines()}
    names = {k for k in names if k and " " not in k and len(k) >= 2}

    freq = collections.Counter()
    ndocs = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            freq.update(WORD.findall(knorm(text)))
            ndocs += 1

    out = []
    for word, n in freq.items():
        if n < args.min_count:
            continue
        for p in PREFIXES:
            rest = word[len(p):]
            # The same length guard as src/clitics.rs: at least 3 letters left.
            if word.startswith(p) and len(rest) >= 3 and rest in names and n >= args.ratio * max(freq[rest], 1):
                out.append((word, p, rest, n, freq[rest]))
                break
    out.sort(key=lambda r: (-r[3], r[0]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Words that are not proclitic + name: the matcher never splits them (\"وكالة\" is not و + كالة).\n")
        f.write("# Built by tools/build_no_split.py from khabar's lexicon keys and token counts of the SaudiNewsNet\n")
        f.write(f"#   corpus ({ndocs} articles, CC BY-NC-SA 4.0; counts only): a word with at least {args.min_count} occurrences and\n")
        f.write(f"#   at least {args.ratio:g} times as frequent as the name left after its proclitics. Licence: MIT (this project).\n")
        f.write("# Columns: word (normalized); split = the reading it blocks; counts = word / name occurrences.\n")
        f.write("word\tsplit\tcounts\n")
        for word, p, rest, n, nr in out:
            f.write(f"{word}\t{p}+{rest}\t{n}/{nr}\n")
    print(f"{len(out)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
