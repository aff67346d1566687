#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a while (default 60 s each) on the stable toolchain.
#
#   tools/fuzz.sh [seconds-per-target] [target...]      targets: normalize extract jsonl_record gazetteer
#
# Seeds are written at run time into fuzz/corpus/<target>/ (gitignored, never committed): a few
# real articles of ../shared/corpus/saudinewsnet.jsonl.gz (whole, and sentence by sentence), the
# same as JSONL records, and the heads of the shipped gazetteer files. libFuzzer keeps what it
# finds there, so later runs start from the grown corpus. Crashes land in fuzz/artifacts/<target>/;
# replay one with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/crash-...`.
#
# Environment: FUZZ_SANITIZER (default none; "address" needs more time), FUZZ_ARTICLES (default 12),
# FUZZ_JOBS (parallel workers per target, default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(normalize extract jsonl_record gazetteer)
corpus_gz=../shared/corpus/saudinewsnet.jsonl.gz
export RUSTC_BOOTSTRAP=1   # cargo-fuzz needs -Z flags; this lets the stable toolchain accept them

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 2; }

echo "== seeding fuzz/corpus"
python3 - "$corpus_gz" "${FUZZ_ARTICLES:-12}" <<'PY'
import gzip, json, os, re, sys, hashlib
gz, n = sys.argv[1], int(sys.argv[2])
root = "fuzz/corpus"
def put(target, data):
    d = os.path.join(root, target); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode()
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f: f.write(data)
def cut(s, limit):  # at most `limit` UTF-8 bytes, on a character boundary
    b = s.encode()[:limit]
    return b.decode("utf-8", "ignore")
texts = []
for p in ["../shared/eval/dev/seed_article.txt", "examples/article.txt"]:
    if os.path.exists(p): texts.append(open(p, encoding="utf-8").read())
if os.path.exists(gz):
    with gzip.open(gz, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if len(texts) >= n: break
            if i % 97 == 0:  # spread over the corpus
                texts.append(json.loads(line)["text"])
else:
    print(f"({gz} absent: seeding from the sample articles only)")
for i, t in enumerate(texts):
    for target in ("normalize", "extract"):
        put(target, cut(t, 4000))
        for s in re.split(r"(?<=[.!؟?\n])", t)[:25]:
            if len(s.strip()) > 10: put(target, cut(s.strip(), 1000))
    put("jsonl_record", json.dumps({"id": f"a{i}", "text": cut(t, 3000), "date": "2015-06-0%d" % (i % 9 + 1)}, ensure_ascii=False))
for bad in ['{"id":1}', '{"id":"x","text":5}', '{"text":"نص","date":"2019-13-40"}', '[1,2]', '{"text":"\\ud800"}', '{"id":null,"text":"","date":null}']:
    put("jsonl_record", bad)
names = ["user.tsv", "nationalities.tsv", "titles.tsv", "roles.tsv", "triggers.tsv", "ruler.jsonl"]
def kind(path):
    b = os.path.basename(path)
    if b in names: return names.index(b)
    if path.startswith("gazetteers/events/"): return 4
    return 0
for dp, _, fs in os.walk("gazetteers"):
    for fn in fs:
        p = os.path.join(dp, fn)
        if not fn.endswith(".tsv"): continue
        lines = [l for l in open(p, encoding="utf-8").read().split("\n") if not l.startswith("#")]
        for k in range(0, min(len(lines), 200), 40):
            put("gazetteer", bytes([kind(p)]) + "\n".join(lines[:1] + lines[1 + k:1 + k + 40]).encode())
put("gazetteer", bytes([5]) + '{"label":"ORG","pattern":"حراس الدين","id":"kh:hd"}\n{"label":"GPE","pattern":[{"LOWER":"التنف"}]}\n'.encode())
put("gazetteer", bytes([0]) + "id\ttype\tname\taliases\nQ1\tPER\tA\tبوتين\nQ1\tPER\tB\tترامب\n".encode())
PY

echo "== building targets"
san=${FUZZ_SANITIZER:-none}
blog=$(mktemp)
if ! (cd fuzz && cargo fuzz build -O -a -s "$san") >"$blog" 2>&1; then cat "$blog" >&2; exit 2; fi
rm -f "$blog"

declare -A max_len=([normalize]=4096 [extract]=4096 [jsonl_record]=4096 [gazetteer]=8192)
status=0
for t in "${targets[@]}"; do
  echo "== $t (${secs}s)"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log=$(mktemp)
  args=(-max_total_time="$secs" -max_len="${max_len[$t]:-4096}" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096)
  [ -f "fuzz/dict/$t.dict" ] && args+=(-dict="$PWD/fuzz/dict/$t.dict")
  if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then args+=(-fork="${FUZZ_JOBS}"); fi
  if (cd fuzz && cargo fuzz run -O -a -s "$san" "$t" -- "${args[@]}") >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    echo "   ok: ${runs:-?} executions, corpus $(ls "fuzz/corpus/$t" | wc -l) files"
  else
    status=1
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    echo "   FAILED after ~${runs:-?} executions: see the log below and fuzz/artifacts/$t/"
    grep -E -A2 'panicked' "$log" | cut -c1-400 | head -12
    grep -E 'SUMMARY|Test unit written' "$log" | head -4
  fi
  rm -f "$log"
done
exit $status
