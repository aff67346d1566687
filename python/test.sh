#!/usr/bin/env bash
# Builds the khabar Python package, installs it into the active virtualenv and runs the pytest
# suite (python/tests). Called by tools/test.sh when python/pyproject.toml exists; .ci/run calls
# it inside the venv it activates (with maturin, pytest and, for the Spark test, pyspark, pandas,
# pyarrow and a JRE). Without an active venv it creates ./.venv (gitignored) and uses that.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if ! command -v python3 >/dev/null; then
    echo "python3 not found: Python tests skipped (install Python >= 3.9 to run them)" >&2
    # Under KHABAR_CI=1 (.ci/run) a skip is a failure.
    [ "${KHABAR_CI:-}" = 1 ] && exit 1
    exit 0
  fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -c "import maturin" 2>/dev/null || python -m pip install --quiet maturin
python -c "import pytest" 2>/dev/null || python -m pip install --quiet pytest
echo "-- building and installing ./python ($(python --version))"
# maturin is installed, so build without an isolated (downloading) build environment.
python -m pip install --quiet --no-build-isolation --force-reinstall --no-deps ./python
# Run from the repo root (no khabar/ there), so `import khabar` is the installed package.
python -m pytest -q -rs -p no:cacheprovider python/tests "$@"
