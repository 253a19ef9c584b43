#!/usr/bin/env bash
# Mutation testing of one app's rules with cosmic-ray (make mutation APP=matching).
#
# Each mutant is one small change to a rule module (services, selectors, permissions; for core
# also municipality_code and spreadsheet): `==` becomes `!=`, `and` becomes `or`, a number
# changes. The app's fast tests run against it; a mutant no test notices ("survived") is a rule
# that nothing guards. Not part of `make test`: it runs the tests once per mutant.
#
# Safe for the working tree: the mutants are made in a copy under var/mutation/<app>/, never
# in src/. The run stops after BUDGET seconds and says how far it got; running it again goes
# on where it stopped (the session is kept while the mutated modules are unchanged).
#
# Variables: APP (required), MODULES (files to mutate, relative to the repository), TESTS
# (pytest arguments), BUDGET (seconds, default 1200), FRESH=1 (start the session again),
# RETEST=1 (run the surviving mutants again, after adding tests for them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin
APP=${APP:?"name the app: make mutation APP=matching"}
BUDGET=${BUDGET:-1200}
test -d "src/tsunagaru/$APP" || { echo "no app src/tsunagaru/$APP"; exit 2; }

default_modules() {
  local app=src/tsunagaru/$APP
  for name in services selectors permissions; do
    if [ -f "$app/$name.py" ]; then echo "$app/$name.py"; fi
    if [ -d "$app/$name" ]; then find "$app/$name" -name '*.py' ! -name '__init__.py' | sort; fi
  done
  if [ "$APP" = core ]; then echo "$app/municipality_code.py"; echo "$app/spreadsheet.py"; fi
}

default_tests() {
  case $APP in
    # The matching engine is not mutated here and its tests take most of the app's time.
    matching) echo "src/tsunagaru/matching/tests --ignore=src/tsunagaru/matching/tests/test_engine.py" ;;
    # Loading the whole demo says nothing about these modules and takes a minute a run.
    core) echo "src/tsunagaru/core/tests --ignore=src/tsunagaru/core/tests/test_demo.py" ;;
    *) echo "src/tsunagaru/$APP/tests" ;;
  esac
}

MODULES=${MODULES:-$(default_modules | tr '\n' ' ')}
TESTS=${TESTS:-$(default_tests)}
WORK=$ROOT/var/mutation/$APP
mkdir -p "$WORK"

# A fresh copy of the code for every run: a run stopped mid-mutant leaves no mutant behind.
rm -rf "$WORK/tree" && mkdir -p "$WORK/tree"
cp -a src conftest.py pyproject.toml "$WORK/tree/"
# Test data that some tests read from the repository (the matcher's development sets).
mkdir -p "$WORK/tree/bench" && cp -a bench/matching "$WORK/tree/bench/"

# The session belongs to these modules as they are now; a change to them starts a new one.
stamp=$({ echo "$MODULES"; cat $MODULES; } | sha256sum | cut -c1-16)
if [ "${FRESH:-}" = 1 ] || [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -f "$WORK/session.sqlite" "$WORK/test.sqlite3"
fi

# After writing tests for the survivors, RETEST=1 runs just those mutants again.
if [ "${RETEST:-}" = 1 ] && [ -f "$WORK/session.sqlite" ]; then
  "$BIN/python" -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("DELETE FROM work_results WHERE test_outcome IN (\x27SURVIVED\x27, \x27survived\x27)"); db.commit()' "$WORK/session.sqlite"
fi

cat > "$WORK/cosmic-ray.toml" <<EOF
[cosmic-ray]
module-path = [$(for m in $MODULES; do printf '"%s", ' "$m"; done)]
timeout = 600.0
excluded-modules = []
# -x: the first failing test kills the mutant. --reuse-db: the test database (with the
# guideline and Oshu data its migrations load) is built once, not once per mutant.
test-command = "$BIN/pytest -x -q -p no:cacheprovider --reuse-db -m 'not browser' $TESTS"

[cosmic-ray.distributor]
name = "local"

# Mutations that say little about rules: shifts, powers and bit operations on numbers, "is"
# in place of "==", and renamed or inserted variables (mostly crashes any test catches).
[cosmic-ray.filters.operators-filter]
exclude-operators = [
  "core/ReplaceBinaryOperator_.*_(Pow|RShift|LShift|BitXor)$",
  "core/ReplaceBinaryOperator_(Pow|RShift|LShift|BitXor)_",
  "core/ReplaceBinaryOperator_(Add|Sub|Mul|Div|FloorDiv|Mod)_(BitOr|BitAnd)$",
  "core/ReplaceBinaryOperator_(BitOr|BitAnd)_(Add|Sub|Mul|Div|FloorDiv|Mod)$",
  "core/ReplaceComparisonOperator_(Eq|NotEq|Lt|LtE|Gt|GtE)_(Is|IsNot)$",
  "core/ReplaceComparisonOperator_(Is|IsNot)_(Eq|NotEq|Lt|LtE|Gt|GtE)$",
  "core/ReplaceUnaryOperator_.*Invert",
  "core/ReplaceUnaryOperator_UAdd",
  "core/VariableReplacer",
  "core/VariableInserter",
]
EOF

cd "$WORK/tree"
# Always SQLite, in a file kept between mutants (pytest-django's --reuse-db).
export SQLITE_TEST_NAME=$WORK/test.sqlite3
unset DATABASE_URL
if [ ! -f ../session.sqlite ]; then
  echo "==> mutants of: $MODULES"
  "$BIN/cosmic-ray" init ../cosmic-ray.toml ../session.sqlite
  "$BIN/cr-filter-operators" ../session.sqlite ../cosmic-ray.toml
  echo "==> baseline: the tests must pass before anything is mutated"
  nice -n 10 "$BIN/pytest" -x -q -p no:cacheprovider --create-db -m 'not browser' $TESTS \
    > ../baseline.log 2>&1 \
    || { tail -20 ../baseline.log; echo "the tests fail without mutants: fix them first"; exit 1; }
  echo "$stamp" > ../stamp
fi

echo "==> running mutants for at most $BUDGET s (nice -n 10; run again to go on)"
# Its own process group, so the budget stops the test run in progress too.
setsid nice -n 10 "$BIN/cosmic-ray" exec ../cosmic-ray.toml ../session.sqlite &
runner=$!
( sleep "$BUDGET" && kill -TERM -- "-$runner" 2>/dev/null ) &
watchdog=$!
wait "$runner" || true
kill "$watchdog" 2>/dev/null || true

cd "$WORK"
"$BIN/cr-report" session.sqlite > report.txt || true
# A mutant stopped by the budget counts as not yet run (cosmic-ray records it only when done).
"$BIN/python" "$ROOT/scripts/mutation_summary.py" session.sqlite | tee summary.txt
echo "Surviving mutants, with their diffs: $WORK/report.txt"
