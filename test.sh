#!/usr/bin/env bash
# Runs the whole CreditFlow test suite on a fresh clone: installs the npm tooling (Azurite),
# restores and builds, runs every test project, and ends with one line "N passed, N failed".
# Tests start their own Azurite on free ports with throw-away data; this script reaps any
# that a crashed test process left behind.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # One retry: a registry that times out once should not fail the whole run.
  npm ci --no-audit --no-fund --loglevel=error || npm ci --no-audit --no-fund --loglevel=error \
    || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/creditflow-test-results-XXXXXX")
# The browser tests save a screenshot of each page they walk through, for people to look at after the run.
# A folder of one's own (SCREENSHOT_DIR set) is left as it is; the default one holds the last run's only.
if [ -z "${SCREENSHOT_DIR:-}" ]; then
  export SCREENSHOT_DIR="$PWD/TestResults/screenshots"
  rm -f "$SCREENSHOT_DIR"/*.png
fi
# SIGKILL: an orphaned Azurite may be stopped (job control), and a stopped process ignores SIGTERM
# until continued. Only this checkout's Azurites: another run on the machine keeps its own.
reap() { pkill -KILL -f "^node $PWD/node_modules/azurite/.* --location [^ ]*creditflow-test-azurite-" 2>/dev/null || true; }
trap reap EXIT

if ! dotnet build CreditFlow.slnx --nologo -clp:ErrorsOnly -v:quiet; then
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test CreditFlow.slnx --no-build --nologo \
  --logger "trx;LogFilePrefix=result" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  # A skipped test is counted in total but not in executed (the notExecuted counter stays 0 for xUnit's skips).
  skipped=$((skipped + $(value total) - $(value executed)))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed writes no failing result; count the crash so the line says red.
  echo "The test run exited with $status without a failing test result (a test host crashed?)."
  failed=1
fi

shots=$(find "$SCREENSHOT_DIR" -maxdepth 1 -name '*.png' 2>/dev/null | wc -l)
[ "$shots" -gt 0 ] && echo "Screenshots of the pages the browser tests walked through ($shots): $SCREENSHOT_DIR"

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
