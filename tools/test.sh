#!/usr/bin/env bash
# Runs every test of the project: Rust unit/integration/doc tests (the README's Rust snippet
# included), a build of the library without the CLI feature, the gazetteer quality gate, and the
# pytest suite (schema validation, the README's Spark script). Skipped tests print their reason;
# with KHABAR_CI=1 (.ci/run) a skip is a failure. This is the README's test command
# and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo test"
cargo test --release
echo "== the library alone (khabar = { default-features = false })"
cargo check --release --quiet --no-default-features --lib
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
