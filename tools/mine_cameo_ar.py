#!/usr/bin/env python3
"""Mine candidate Arabic event triggers from the Universal-PETRARCH Arabic CAMEO verb dictionary.

Curation aid for gazetteers/events/triggers.tsv (the shipped lexicon is hand-curated; this
script's output is NOT shipped as-is).

What it does
  1. Parses the VERB PATTERNS section of CAMEO.ar.0.5.txt (and verbs_assualt_only.txt):
       --- LEMMA [CODE] ---             block header (CODE may be ---)
       VERB   [CODE]?   # gloss          verb lines (``+`` joins a preposition: حقق+في)
       - * NOUN ... [CODE] # v1,v2,...   patterns; the comment lists the verbs they apply to
     Every verb gets the codes of its own line, of its block header, and of the patterns whose
     verb list names it; the first plain word of every pattern is kept as a noun candidate
     (غارة, مظاهرة, هجوم ...) with that pattern's code.
  2. Maps each CAMEO code to PLOVER with CAMEO2PLOVER-2021.txt (exact code, else the longest
     listed prefix; the CAMEO roots 01 "statement" and 02 "appeal" are absent from the table:
     02x is mapped to REQUEST as the PLOVER manual says, 01x is reported as STATEMENT).
  3. Counts how often each candidate occurs in the SaudiNewsNet corpus (normalized tokens,
     proclitics و ف ب ل ك ال stripped; verbs are counted with the perfect endings ت وا ا تا ن).
  4. Prints one TSV line per (PLOVER type, candidate): type, cameo codes, kind, candidate,
     corpus frequency, number of sources, English glosses. Sorted by type, then frequency.

Usage
  python3 tools/mine_cameo_ar.py [--data DIR] [--corpus FILE.jsonl.gz] [--type ASSAULT]
                                 [--min-freq N] [--no-corpus]
  python3 tools/mine_cameo_ar.py --check-lexicon gazetteers/events/triggers.tsv
      # crude keyword-only check of the curated lexicon against the GSR dev sentences
      # (the real measurement is `khabar eval events --gsr ...`, see gazetteers/README.md)
  python3 tools/mine_cameo_ar.py --coverage gazetteers/events/triggers.tsv [--type ASSAULT]
      # curation to-do list: the most frequent mined candidates that no trigger row covers
      # yet (many are noise from the machine-translated dictionary: judge each by hand)

Inputs are read from ../shared (relative to the repository root) unless --data is given.
Standard library only.
"""
import argparse
import collections
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))

# --------------------------------------------------------------------------- normalization
_HARAKAT = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_TOKEN = re.compile("[\u0621-\u064A\u0671-\u06D3A-Za-z0-9\u0660-\u0669]+")


def norm(s):
    """Light Arabic normalization (harakat, tatweel, alef/hamza seats, alef maqsura, ta marbuta)."""
    s = _HARAKAT.sub("", s)
    for a in "أإآٱ":
        s = s.replace(a, "ا")
    return s.replace("ى", "ي").replace("ة", "ه")


def tokens(s):
    return _TOKEN.findall(norm(s))


def strip_variants(tok):
    """The token and its readings with proclitics removed: [و|ف][ب|ل|ك][ال], and لل = ل + ال."""
    out = {tok}
    firsts = [tok]
    if len(tok) > 3 and tok[0] in "وف":
        firsts.append(tok[1:])
    for t in firsts:
        out.add(t)
        if len(t) > 3 and t[0] in "بلك":
            out.add(t[1:])
        if t.startswith("لل") and len(t) > 4:
            out.add("ال" + t[2:])
            out.add(t[2:])
    for t in list(out):
        if t.startswith("ال") and len(t) > 4:
            out.add(t[2:])
    return out


# --------------------------------------------------------------------------- CAMEO -> PLOVER
def load_cameo2plover(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,]*))?", line)
            if m:
                table[m.group(1)] = (m.group(2), (m.group(3) or "").strip())
    return table


def to_plover(code, table):
    if code in table:
        return table[code]
    for n in range(len(code) - 1, 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    if code.startswith("02"):
        return ("REQUEST", "")  # CAMEO APPEAL; not in the 2021 table
    if code.startswith("01"):
        return ("STATEMENT", "")  # CAMEO public statement: no PLOVER type
    return (None, "")


# --------------------------------------------------------------------------- dictionary parsing
_CODE = re.compile(r"\[(\d{2,4}|---)\]")
# function words that the pattern syntax leaves in object position; never trigger candidates
_STOP = {norm(w) for w in (
    "على إلى الى في من عن مع ضد بعد قبل خلال نحو حتى حتي تحت فوق أجل اجل أثناء خارج داخل بين "
    "عبر حول لدى لدي عند دون غير كل بعض هذا هذه ذلك تلك التي الذي هوو هو هي هم أن ان إن لا لم لن "
    "ما قد ثم أو او مثل منذ ل ب ك").split()}


def _key(verb):
    """Comparable key for a verb as written in verb lines and in pattern comments."""
    v = norm(verb).replace("_", " ").replace("+", " ")
    return re.sub(r"\s+", " ", v).strip()


def parse_verb_file(path):
    """Yield (kind, surface, code, gloss, block) for verbs and pattern nouns."""
    in_verbs = False
    block = None
    verbs = []  # [(surface, own_code, gloss)]
    patterns = []  # [(noun, code, applies_to_keys)]
    out = []

    def flush():
        if block is None:
            return
        head_code = block[1]
        for surface, own, gloss in verbs:
            codes = set()
            if own:
                codes.add(own)
            if head_code:
                codes.add(head_code)
            k = _key(surface)
            for noun, pcode, applies in patterns:
                if not applies or k in applies or k.split(" ")[0] in applies:
                    codes.add(pcode)
            for c in codes:
                out.append(("verb", surface, c, gloss, block[0]))
        for noun, pcode, _ in patterns:
            if noun:
                out.append(("noun", noun, pcode, "pattern object", block[0]))

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if "VERB PATTERNS" in line:
                in_verbs = True
                continue
            if not in_verbs or not line.strip():
                continue
            m = re.match(r"^---\s*(.+?)\s*\[(\d+|---)\]\s*---", line)
            if m:
                flush()
                block = (m.group(1), None if m.group(2) == "---" else m.group(2))
                verbs, patterns = [], []
                continue
            if block is None:
                continue
            if line.startswith("-"):
                body, _, comment = line.partition("#")
                cm = _CODE.search(body)
                if not cm or cm.group(1) == "---":
                    continue
                applies = {_key(v) for v in comment.split(",") if v.strip()}
                applies |= {a.split(" ")[0] for a in applies}
                pat = body[: cm.start()].lstrip("- ").lstrip("*").strip()
                noun = None
                for w in re.split(r"[\s(){}]+", pat):
                    if (w and not w.startswith("&") and re.match("^[\u0621-\u064A]+$", w) and len(w) > 2
                            and norm(w) not in _STOP):
                        noun = w
                        break
                patterns.append((noun, cm.group(1), applies))
                continue
            body, _, gloss = line.partition("#")
            cm = _CODE.search(body)
            own = cm.group(1) if cm and cm.group(1) != "---" else None
            surface = _CODE.sub("", body).strip()
            if surface:
                verbs.append((surface, own, gloss.strip()))
    flush()
    return out


# --------------------------------------------------------------------------- corpus
def corpus_counts(path):
    counts = collections.Counter()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for t in tokens(doc.get("title", "") + " " + doc.get("text", "")):
                for v in strip_variants(t):
                    counts[v] += 1
    return counts


def candidate_freq(kind, surface, counts):
    first = norm(surface.replace("+", " ").replace("_", " ")).split()
    if not first:
        return 0
    w = first[0]
    if kind == "noun":
        return counts.get(w, 0)
    forms = {w} | {w + e for e in ("ت", "وا", "ا", "تا", "ن")}
    if w.endswith("ي"):  # defective verb written with ى
        forms |= {w[:-1] + e for e in ("ت", "وا", "تا")}
    return sum(counts.get(x, 0) for x in forms)


# --------------------------------------------------------------------------- lexicon check
def load_lexicon(path):
    """Read triggers.tsv; return rows with their normalized surface forms (generated like khabar)."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            r = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            forms = set()
            if r.get("pos") == "verb":
                lem = norm(r.get("lemma", "")).split()
                if lem:
                    tail = " ".join(lem[1:])
                    heads = {lem[0]} | {lem[0] + e for e in ("ت", "وا", "ا", "تا", "ن")}
                    imp = norm(r.get("imperfect", "")).split()
                    if imp:
                        i = imp[0]
                        stem = i[1:] if i[:1] in "يتن" else i
                        heads |= {i, "ت" + stem, "ن" + stem, i + "ون", i + "ان", "ت" + stem + "ان"}
                    forms |= {(h + " " + tail).strip() for h in heads}
            for x in r.get("forms", "").split("|"):
                if x.strip():
                    forms.add(" ".join(norm(x).split()))
            cons = {}
            for c in r.get("constraints", "").split(";"):
                c = c.strip()
                if not c:
                    continue
                k, _, v = c.partition("=")
                cons[k.strip()] = {norm(x.strip()) for x in v.split(",") if x.strip()} if v else True
            r["_forms"] = forms
            r["_cons"] = cons
            rows.append(r)
    return rows


def fires(row, toks, i, n_words):
    """Does row fire on tokens toks[i:i+n_words]? Constraints applied crudely."""
    cons = row["_cons"]
    if "light_verb" in cons:
        return False  # a light verb never fires alone: the following noun decides
    nxt = strip_variants(toks[i + n_words]) if i + n_words < len(toks) else set()
    prv = strip_variants(toks[i - 1]) if i > 0 else set()
    if "not_next" in cons and nxt & cons["not_next"]:
        return False
    if "not_prev" in cons and prv & cons["not_prev"]:
        return False
    if "not_in_sentence" in cons:
        allv = set()
        for t in toks:
            allv |= strip_variants(t)
        if allv & cons["not_in_sentence"]:
            return False
    return True


def sentence_hits(rows, text, ptype):
    toks = tokens(text)
    hits = []
    for r in rows:
        if r.get("type") != ptype:
            continue
        for form in r["_forms"]:
            parts = form.split(" ")
            for i in range(len(toks) - len(parts) + 1):
                if parts[0] not in strip_variants(toks[i]):
                    continue
                if any(toks[i + j] != parts[j] and parts[j] not in strip_variants(toks[i + j])
                       for j in range(1, len(parts))):
                    continue
                if fires(r, toks, i, len(parts)):
                    hits.append((r["id"], form))
    return hits


def check_lexicon(path, shared, show_errors=0):
    rows = load_lexicon(path)
    for ptype, fname in (("ASSAULT", "gsr_assault_dev.jsonl"), ("PROTEST", "gsr_protest_dev.jsonl")):
        tp = fp = fn = tn = 0
        fp_forms = collections.Counter()
        fn_examples, fp_examples = [], []
        with open(os.path.join(shared, "eval", "dev", fname), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d["label"] == "ambiguous":
                    continue
                gold = d["label"] == "yes"
                hits = sentence_hits(rows, d["text"], ptype)
                pred = bool(hits)
                if pred and gold:
                    tp += 1
                elif pred:
                    fp += 1
                    for h in {h[1] for h in hits}:
                        fp_forms[h] += 1
                    fp_examples.append((d["label"], hits[:3], d["text"][:160]))
                elif gold:
                    fn += 1
                    fn_examples.append(d["text"][:160])
                else:
                    tn += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{ptype}\t{fname}\tTP={tp} FP={fp} FN={fn} TN={tn}\tP={p:.3f} R={r:.3f} F1={f1:.3f}")
        print("  most frequent forms in false positives:",
              ", ".join(f"{w}:{c}" for w, c in fp_forms.most_common(15)))
        for ex in fp_examples[:show_errors]:
            print("  FP", ex)
        for ex in fn_examples[:show_errors]:
            print("  FN", ex)


# --------------------------------------------------------------------------- coverage
def coverage(lexicon_path, cands_by_type, limit=40):
    """Print, per PLOVER type, the most frequent mined candidates that no lexicon form covers."""
    covered = set()
    for r in load_lexicon(lexicon_path):
        for f in r["_forms"]:
            covered.add(f.split(" ")[0])
    for ptype in sorted(cands_by_type):
        rows = [c for c in cands_by_type[ptype] if norm(c[1].replace("+", " ").replace("_", " ")).split()[:1]
                and norm(c[1].replace("+", " ").replace("_", " ")).split()[0] not in covered]
        rows.sort(key=lambda c: -c[2])
        print(f"== {ptype}: {len(rows)} uncovered candidates; most frequent:")
        for kind, surface, freq, codes in rows[:limit]:
            print(f"   {freq:7d}  {kind:4s}  {surface}  [{codes}]")


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=DEFAULT_SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--corpus", default=None, help="SaudiNewsNet jsonl.gz (default SHARED/corpus/saudinewsnet.jsonl.gz)")
    ap.add_argument("--no-corpus", action="store_true", help="skip corpus frequencies")
    ap.add_argument("--type", default=None, help="only this PLOVER type")
    ap.add_argument("--min-freq", type=int, default=0)
    ap.add_argument("--check-lexicon", metavar="TSV", help="keyword-only check of a triggers.tsv on the GSR dev sets")
    ap.add_argument("--show-errors", type=int, default=0, help="with --check-lexicon: print N FP/FN examples")
    ap.add_argument("--coverage", metavar="TSV", help="list frequent mined candidates not covered by a triggers.tsv")
    a = ap.parse_args()

    if a.check_lexicon:
        check_lexicon(a.check_lexicon, a.shared, a.show_errors)
        return

    table = load_cameo2plover(os.path.join(a.shared, "data", "plover", "CAMEO2PLOVER-2021.txt"))
    cands = []
    for fname in ("CAMEO.ar.0.5.txt", "verbs_assualt_only.txt"):
        p = os.path.join(a.shared, "data", "universal-petrarch-arabic", fname)
        for kind, surface, code, gloss, block in parse_verb_file(p):
            cands.append((kind, surface, code, gloss, fname))

    counts = collections.Counter()
    if not a.no_corpus:
        counts = corpus_counts(a.corpus or os.path.join(a.shared, "corpus", "saudinewsnet.jsonl.gz"))

    merged = {}
    for kind, surface, code, gloss, fname in cands:
        ptype, mode = to_plover(code, table)
        if ptype is None or (a.type and ptype != a.type):
            continue
        key = (ptype, kind, norm(surface))
        e = merged.setdefault(key, {"codes": set(), "glosses": set(), "sources": set(), "surface": surface})
        e["codes"].add(code)
        e["sources"].add(fname)
        if gloss:
            e["glosses"].add(gloss)
    if a.coverage:
        by_type = collections.defaultdict(list)
        for (ptype, kind, _), e in merged.items():
            freq = candidate_freq(kind, e["surface"], counts) if counts else 0
            if freq >= a.min_freq:
                by_type[ptype].append((kind, e["surface"], freq, ",".join(sorted(e["codes"]))))
        coverage(a.coverage, by_type)
        return
    out = []
    for (ptype, kind, _), e in merged.items():
        freq = candidate_freq(kind, e["surface"], counts) if counts else 0
        if freq < a.min_freq:
            continue
        out.append((ptype, -freq, kind, e["surface"], ",".join(sorted(e["codes"])), len(e["sources"]),
                    ";".join(sorted(e["glosses"]))[:80]))
    print("type\tcameo\tkind\tcandidate\tcorpus_freq\tsources\tgloss")
    for ptype, nf, kind, surface, codes, ns, gl in sorted(out):
        print(f"{ptype}\t{codes}\t{kind}\t{surface}\t{-nf}\t{ns}\t{gl}")


if __name__ == "__main__":
    main()
