#!/usr/bin/env bash
# Runs every test of the project: Rust unit/integration/doc tests, the gazetteer quality gate,
# and (when the Python package is installed) the pytest suite. This is the README's test command
# and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo test"
cargo test --release
echo "== gazetteer quality gate"
corpus=../shared/corpus/saudinewsnet.jsonl.gz
if [ -f "$corpus" ]; then
  cargo run --release --quiet -- gazetteer check --corpus "$corpus"
else
  echo "($corpus absent: common-word check skipped)"
  cargo run --release --quiet -- gazetteer check
fi
if [ -d python ] && [ -f python/pyproject.toml ]; then
  echo "== python"
  bash python/test.sh
fi
