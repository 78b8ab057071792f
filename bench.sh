#!/usr/bin/env bash
# Every performance target of the seed, measured beside its physical limit in the same run.
#   ./bench.sh           full run (about 12 minutes); rewrites the README's Performance table
#   ./bench.sh --quick   short run (a few minutes); prints the table, leaves the README alone
# Starts redis-server, ZooKeeper and Kafka 0.9 on free loopback ports, builds in Release, then runs
# bench/BlazorAdmin.Bench, which starts the dashboard (and a no-logic reference server) as processes of their own,
# measures, prints the table and writes bench-results.json (one entry per scenario) at the repository root.
# Timings never fail the run; only a scenario that could not be measured does (exit 1).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
MODE=(--readme); if [ "${1:-}" = "--quick" ]; then MODE=(--quick); shift; fi  # anything after goes to the runner, e.g. --only "cache hit"

scripts/install-deps.sh
dotnet tool restore >/dev/null  # dotnet-gcdump: the circuits scenario's live heap
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building (Release)..."
dotnet build AdminDashboard -c Release -v q -nologo >/dev/null
dotnet build bench/BlazorAdmin.Bench -c Release -v q -nologo >/dev/null

. scripts/lib/kafka.sh
WORK=$(mktemp -d)
PIDS=()
# Stops what it started, newest first (Kafka before ZooKeeper, or the broker waits for ZooKeeper forever), and
# forcefully whatever has not stopped within 10 s.
cleanup() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for _ in $(seq 1 20); do alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done; [ "$alive" = 0 ] && break; sleep 0.5; done
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done; echo "bench: $2 did not open port $1 (logs in $WORK)" >&2; exit 1; }

REDIS_PORT=$(free_port); ZK_PORT=$(free_port); KAFKA_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --notify-keyspace-events Kgxe >"$WORK/redis.log" 2>&1 & PIDS+=($!)
CP=$(kafka_classpath)
kafka_write_config "$WORK" "$ZK_PORT" "$KAFKA_PORT"
java -Xmx256m -cp "$CP" org.apache.zookeeper.server.ZooKeeperServerMain "$WORK/zookeeper.properties" >"$WORK/zk.log" 2>&1 & PIDS+=($!)
wait_port "$ZK_PORT" ZooKeeper
java -Xmx384m -cp "$CP" kafka.Kafka "$WORK/kafka.properties" >"$WORK/kafka.log" 2>&1 & PIDS+=($!)
wait_port "$REDIS_PORT" Redis
wait_port "$KAFKA_PORT" Kafka

dotnet bench/BlazorAdmin.Bench/bin/Release/net10.0/BlazorAdmin.Bench.dll run --repo "$ROOT" \
  --redis "127.0.0.1:$REDIS_PORT" --kafka "127.0.0.1:$KAFKA_PORT" --chromium "${CHROMIUM_PATH:-/usr/bin/chromium}" "${MODE[@]}" "$@"
