#!/usr/bin/env bash
# The whole check: lint, types, then every test on SQLite and again on PostgreSQL.
# Extra arguments go to pytest (make test-fast passes -m "not browser").
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0
mkdir -p var
export TEST_COUNTS_FILE=var/test-counts.txt
: > "$TEST_COUNTS_FILE"
summary=()

run() {  # run LABEL CMD...: run a step, remember whether it passed
  local label=$1; shift
  echo "==> $label"
  if "$@"; then summary+=("ok    $label"); else summary+=("FAIL  $label"); status=1; fi
}

run "ruff check" $BIN/ruff check .
run "ruff format --check" $BIN/ruff format --check .
run "mypy" $BIN/mypy
run "translations compiled" $BIN/python manage.py compile_translations

# The suite runs in parallel (pytest-xdist), one worker per core unless TEST_WORKERS says
# otherwise (0: in this process). Why, and what was measured: docs/decisions/0018-parallel-tests.md.
xdist=(-n "${TEST_WORKERS:-auto}" --dist load)

run "tests on SQLite" env -u DATABASE_URL $BIN/pytest "${xdist[@]}" "$@" --db-label=SQLite

pg_url=$($BIN/python scripts/pg_url.py)
if [ -n "$pg_url" ]; then
  run "tests on PostgreSQL" env DATABASE_URL="$pg_url" $BIN/pytest "${xdist[@]}" "$@" --db-label=PostgreSQL
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required in CI: set TEST_DATABASE_URL or start a local server."
  summary+=("FAIL  tests on PostgreSQL (no server)"); status=1
else
  summary+=("skip  tests on PostgreSQL: none reachable (set TEST_DATABASE_URL to run them)")
fi

echo
echo "==> summary"
printf '%s\n' "${summary[@]}"
# One closing line over both databases, in the plain form CI reads.
awk '{p += $1; f += $2} END {printf "tests: %d passed, %d failed\n", p, f}' "$TEST_COUNTS_FILE"
exit $status
