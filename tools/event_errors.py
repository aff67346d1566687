#!/usr/bin/env python3
"""Lists event errors on snn_dev (or any docs gold) to see classes of errors, not single sentences.

    python3 tools/event_errors.py [--half A|B] [--type ASSAULT] [--only missed|wrong|fp] [--gold G --texts T]

For each gold event: matched or missed, the predicted roles against the gold roles (with ok/XX per
role), the trigger, and the evidence sentence; then the predicted records matched by no gold event
(false positives) with their rule. Matching follows ../shared/eval/score.py docs (same type, trigger
or evidence starting inside the gold sentence, best role score). Runs target/release/khabar.
"""
import argparse, hashlib, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVAL = os.path.join(ROOT, "..", "shared", "eval")
sys.path.insert(0, EVAL)
import score  # noqa: E402  (the outside scorer: same matching rules)

ap = argparse.ArgumentParser()
ap.add_argument("--half", choices=["A", "B"])
ap.add_argument("--type")
ap.add_argument("--only", choices=["missed", "wrong", "fp", "matched"])
ap.add_argument("--gold", default=os.path.join(EVAL, "dev", "snn_dev.gold.jsonl"))
ap.add_argument("--texts", default=os.path.join(EVAL, "dev", "snn_dev.texts.jsonl"))
ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "khabar"))
args = ap.parse_args()

half = lambda i: "A" if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 2 == 0 else "B"
gold = {d["id"]: d for d in (json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip())}
texts = [json.loads(l) for l in open(args.texts, encoding="utf-8") if l.strip()]
texts = [t for t in texts if t["id"] in gold and (not args.half or half(t["id"]) == args.half)]
inp = "".join(json.dumps({"id": t["id"], "text": t["text"], "date": t.get("date")}, ensure_ascii=False) + "\n" for t in texts)
out = subprocess.run([args.bin, "extract", "--input", "jsonl"], input=inp, capture_output=True, text=True, check=True).stdout
pred = {d["id"]: d for d in (json.loads(l) for l in out.splitlines() if l.strip())}

def show(a):
    if a is None:
        return "-"
    return a.get("text", "") + (f" ({a['name']})" if a.get("name") else "")

n = 0
for t in texts:
    text, g, p = t["text"], gold[t["id"]], pred[t["id"]]
    pevs = [e for e in p.get("events", []) if e.get("status", "reported") != "hypothetical"]
    used = set()
    for ge in g["events"]:
        spans = score.find_all(text, ge["evidence"]) or [(0, len(text))]
        es = spans[0]
        best, best_score = None, -1
        for k, pe in enumerate(pevs):
            starts = [s[0] for s in [score.span(pe.get("trigger"))] + [score.span(x) for x in pe.get("evidence") or []] if s]
            if k in used or pe.get("type") != ge["type"] or not any(es[0] <= s0 < es[1] for s0 in starts):
                continue
            sc = sum(score.arg_ok(pe.get(r), ge.get(r), text, es) for r in ("actor", "recipient", "location"))
            if sc > best_score:
                best, best_score = k, sc
        if args.type and ge["type"] != args.type:
            if best is not None:
                used.add(best)
            continue
        if best is None:
            if args.only in (None, "missed"):
                print(f"MISSED {t['id']} {ge['type']} [{ge['trigger']}] actor={show(ge.get('actor'))} recip={show(ge.get('recipient'))} loc={show(ge.get('location'))}")
                print(f"   | {ge['evidence'][:300]}")
            continue
        used.add(best)
        pe = pevs[best]
        oks = {r: score.arg_ok(pe.get(r), ge.get(r), text, es) for r in ("actor", "recipient", "location")}
        wrong = not all(oks.values())
        if args.only == "missed" or args.only == "fp" or (args.only == "wrong" and not wrong) or (args.only == "matched" and wrong):
            continue
        print(f"{'WRONG ' if wrong else 'OK    '} {t['id']} {ge['type']} [{ge['trigger']}] rule={pe.get('rule')} status={pe.get('status')}")
        for r in ("actor", "recipient", "location"):
            print(f"   {'ok' if oks[r] else 'XX'} {r:9} gold={show(ge.get(r))}  pred={show(pe.get(r))}")
        print(f"   | {ge['evidence'][:300]}")
    if args.only in (None, "fp"):
        for k, pe in enumerate(pevs):
            if k in used or (args.type and pe.get("type") != args.type):
                continue
            ev = (pe.get("evidence") or [{}])[0].get("text", "")
            print(f"FP     {t['id']} {pe['type']} [{pe['trigger']['text']}] rule={pe.get('rule')} status={pe.get('status')} "
                  f"actor={show(pe.get('actor'))} recip={show(pe.get('recipient'))} loc={show(pe.get('location'))} ev={len(pe.get('evidence') or [])}")
            print(f"   | {ev[:300]}")
