#!/usr/bin/env bash
# Every benchmark of the project, in one command:
#   1. criterion stage benchmarks on the first 2 MB of SaudiNewsNet article text
#      (normalize, tokenize, entities, events, full 1 thread / all threads) and startup;
#   2. tools/bench_compare.py: khabar vs flashtext, spaCy PhraseMatcher, pyahocorasick and a
#      memchr/wc -l yardstick on the first 50 MB, plus CLI startup (hyperfine) and peak RSS.
# Arguments go to bench_compare.py (e.g. --mb 10 --runs 5 --peers flashtext).
# Needs ../shared/corpus/saudinewsnet.jsonl.gz (both parts skip cleanly without it), and pip
# access for the Python peers (installed into .bench-venv/). hyperfine is optional
# (apt-get install -y hyperfine); without it startup is timed by the script itself.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench pipeline --bench startup
python3 tools/bench_compare.py "$@"
