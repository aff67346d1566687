#!/usr/bin/env python3
"""Lists GSR sentence errors (false positives / negatives) with the records that fired.

    python3 tools/gsr_errors.py ../shared/eval/dev/gsr_assault_dev.jsonl [--only fp|fn] [--bin target/release/khabar]

Counts as ../shared/eval/score.py gsr does: a sentence is positive when it has a record of the
type with status "reported" and negated false. Prints label, the records (type, trigger, status,
negated, rule) and the sentence.
"""
import argparse, json, re, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("path")
ap.add_argument("--only", choices=["fp", "fn", "tp"])
ap.add_argument("--bin", default="target/release/khabar")
a = ap.parse_args()
rows = [json.loads(l) for l in open(a.path, encoding="utf-8") if l.strip()]
rows = [r for r in rows if r["label"] != "ambiguous"]
def gdate(i):
    m = re.search(r"_(\d{4})(\d\d)(\d\d)", i or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
inp = "".join(json.dumps({"id": f"g{i}", "text": r["text"], "date": gdate(r.get("id"))}, ensure_ascii=False) + "\n" for i, r in enumerate(rows))
out = subprocess.run([a.bin, "extract", "--input", "jsonl"], input=inp, capture_output=True, text=True, check=True).stdout
pred = {d["id"]: d for d in map(json.loads, out.splitlines())}
for i, r in enumerate(rows):
    t = r["event_type"]
    evs = [e for e in pred[f"g{i}"].get("events", []) if e["type"] == t]
    pos = any(not e["negated"] and e.get("status", "reported") == "reported" for e in evs)
    gold = r["label"] == "yes"
    kind = "tp" if gold and pos else "fn" if gold else "fp" if pos else "tn"
    if kind == "tn" or (a.only and a.only != kind):
        continue
    recs = "; ".join(f"[{e['trigger']['text']}] {e.get('status')}{' NEG' if e['negated'] else ''} {e['rule']}" for e in evs)
    print(f"{kind.upper()} {r['label']:13} {recs}\n   | {r['text'][:260]}")
