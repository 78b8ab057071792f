#!/usr/bin/env bash
# Runs the whole test suite: unit, bunit, integration over real HTTP, against a real redis-server and a real
# Kafka broker, and browser tests in headless Chromium.
# Installs what the tests need and is missing (Debian packages), then runs `dotnet test`.
# Ends with one line: "N passed, N failed, N skipped".
# Pass extra `dotnet test` arguments through, e.g. ./test.sh --filter "Category!=Browser".
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
set +e
# The whole solution first: some tests run programs (the standalone services) that no test project references.
dotnet build BlazorAdmin.sln -nologo -v q
status=$?
if [ "$status" -eq 0 ]; then
  # A hung test fails the run with a dump instead of holding CI until its time limit.
  dotnet test BlazorAdmin.sln --no-build --blame-hang-timeout 10m --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
  status=$?
fi
set -e

# Sum the counters of every TRX file (one per test assembly); skipped tests count as notExecuted there.
passed=0; failed=0; skipped=0
while IFS= read -r counters; do
  get() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$results" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} +)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the build or the test host failed before any test could report
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
