#!/usr/bin/env bash
# Stops everything scripts/dev-up.sh started (its pids file), politely first, then for good.
set -uo pipefail
cd "$(dirname "$0")/.."
STATE=${DEV_STATE_DIR:-$(pwd)/.dev}
[ -f "$STATE/pids" ] || { echo "dev-down: nothing running (no $STATE/pids)"; exit 0; }
# Reverse order: the dashboard first, ZooKeeper and Redis last.
tac "$STATE/pids" | while read -r pid name; do kill -TERM "$pid" 2>/dev/null && echo "stopping $name ($pid)"; done
for _ in $(seq 1 20); do
  alive=0; while read -r pid _; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$STATE/pids"
  [ "$alive" = 0 ] && break; sleep 0.5
done
while read -r pid name; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null && echo "killed $name ($pid)"; done <"$STATE/pids"
rm -f "$STATE/pids"
rm -rf "$STATE/zookeeper" "$STATE/kafka-logs"
echo "stopped"
