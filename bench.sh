#!/usr/bin/env bash
# Runs the benchmarks that exist so far and writes their figures to bench-results.json (and prints them).
# Scenarios: stats endpoint (cache hit, miss, billing hanging) on the in-process cache and on Redis;
# event to SSE client on the in-process bus and on Kafka. Usage: ./bench.sh [--quick]
# Figures are medians and percentiles from one run each, side by side; never a pass/fail.
set -euo pipefail
cd "$(dirname "$0")"
SAMPLES=300; EVENTS=50
[ "${1:-}" = "--quick" ] && { SAMPLES=100; EVENTS=20; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench/stats-latency.sh "$SAMPLES" memory | tee "$out/stats-memory.txt"
bench/stats-latency.sh "$SAMPLES" redis | tee "$out/stats-redis.txt"
bench/event-latency.sh "$EVENTS" inprocess | tee "$out/events-inprocess.txt"
bench/event-latency.sh "$EVENTS" kafka | tee "$out/events-kafka.txt"
python3 - "$out" <<'PY' > bench-results.json
import json, re, sys, os, datetime
out = sys.argv[1]
rows = []
pattern = re.compile(r"^(?P<name>.+?)\s+n=(?P<n>\d+)\s+median\s+(?P<median>[\d.]+)\s+(?:p95\s+(?P<p95>[\d.]+)\s+)?(?:p99\s+(?P<p99>[\d.]+)\s+)?max\s+(?P<max>[\d.]+)\s+ms")
for file, setup in [("stats-memory.txt", "in-process cache"), ("stats-redis.txt", "Redis cache"),
                    ("events-inprocess.txt", "in-process bus"), ("events-kafka.txt", "Kafka 0.9 broker")]:
    for line in open(os.path.join(out, file)):
        m = pattern.match(line.strip())
        if m:
            rows.append({"scenario": m["name"].strip(), "setup": setup, "samples": int(m["n"]),
                         **{k: float(m[k]) for k in ("median", "p95", "p99", "max") if m[k]}, "unit": "ms"})
print(json.dumps({"measuredAt": datetime.datetime.now(datetime.timezone.utc).isoformat(), "results": rows}, indent=2))
PY
echo "bench-results.json written ($(grep -c '"scenario"' bench-results.json) results)"
