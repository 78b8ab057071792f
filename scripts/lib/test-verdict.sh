#!/usr/bin/env bash
# The verdict of one test run, from its TRX files: prints "N passed, N failed, N skipped" and exits non-zero when the
# run failed. Used by test.sh; tested on its own (AdminDashboard.Tests/Operations/TestVerdictTests.cs).
#
# Usage: scripts/lib/test-verdict.sh <results-dir> <floor> <dotnet-test-exit-status>
#   A run whose dotnet test failed with no failed test (the build or the test host broke) counts one failure.
#   A run in which fewer than <floor> tests ran (passed + failed; skipped ones did not run) counts one failure, so a
#   suite that lost its tests cannot end green with "0 passed, 0 failed".
set -uo pipefail
results=$1 floor=$2 status=$3

# Sum the counters of every TRX file (one per test assembly); skipped tests count as notExecuted there.
passed=0; failed=0; skipped=0
while IFS= read -r counters; do
  get() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or the test host failed before any test could report
elif [ $((passed + failed)) -lt "$floor" ]; then
  echo "only $((passed + failed)) tests ran, fewer than the floor of $floor: counted as a failure (TRX files in $results)" >&2
  failed=$((failed + 1))
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
