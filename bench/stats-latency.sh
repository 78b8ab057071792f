#!/usr/bin/env bash
# Measures GET /v1/admin/dashboard/stats in embedded mode, side by side in one run:
#   cache hit, cache miss (all services up), cache miss with billing hanging.
# Prints median / p95 / p99 / max in ms for each.
# Usage: bench/stats-latency.sh [samples] [memory|redis]   (redis: starts Debian's redis-server on a free port)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
CACHE=${2:-memory}
PORT=${PORT:-18080}
SECRET="bench-gateway-secret-$(date +%s)"
export ASPNETCORE_ENVIRONMENT=Development Internal__GatewaySecret="$SECRET" Simulator__Enabled=false
# Misses on demand: complete answers live 1 s, partial ones are not cached at all.
export Aggregation__StatsTtlSeconds=1 Aggregation__PartialStatsTtlSeconds=0
if [ "$CACHE" = redis ]; then
  REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >/tmp/bench-redis.log 2>&1 &
  REDIS=$!
  export Cache__Provider=Redis ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
fi
echo "cache: $CACHE"
dotnet build AdminDashboard -c Release -v q -nologo >/dev/null
dotnet run --no-build -c Release --no-launch-profile --project AdminDashboard --urls "http://127.0.0.1:$PORT" >/tmp/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP ${REDIS:-} 2>/dev/null || true' EXIT
TOKEN=$(dotnet user-jwts create --project AdminDashboard --role Admin --output token)
# The signing key is read at start-up; it exists before the app has finished starting only on a second run.
kill $APP; wait $APP 2>/dev/null || true
dotnet run --no-build -c Release --no-launch-profile --project AdminDashboard --urls "http://127.0.0.1:$PORT" >/tmp/bench-app.log 2>&1 &
APP=$!
URL="http://127.0.0.1:$PORT/v1/admin/dashboard/stats"
for _ in $(seq 1 100); do curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL" && break; sleep 0.2; done

stats() { sort -n | awk -v name="$1" '{a[NR]=$1} END {printf "%-32s n=%-4d median %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f ms\n", name, NR, a[int(NR*0.5)+1], a[int(NR*0.95)], a[int(NR*0.99)], a[NR]}'; }
sample() { curl -s -o /tmp/bench-body.json -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$URL" | awk '{print $1*1000}'; }
fault() { curl -sf -o /dev/null -X PUT -H 'X-Internal-Request: true' -H "X-Gateway-Secret: $SECRET" -H 'Content-Type: application/json' -d "{\"mode\":\"$1\"}" http://127.0.0.1:8085/v1/internal/faults; }

for _ in $(seq 1 20); do sample >/dev/null; done  # warm-up
sample >/dev/null
{ for _ in $(seq 1 "$N"); do sample; done; } | stats "cache hit"
MISS=$(( N / 10 )); [ "$MISS" -ge 10 ] || MISS=10
{ for _ in $(seq 1 "$MISS"); do sleep 1.05; sample; grep -q '"fromCache":false' /tmp/bench-body.json || echo "expected a miss" >&2; done; } | stats "cache miss, all services up"
fault hang; sleep 1.1
{ for _ in $(seq 1 "$MISS"); do sample; grep -q '"partial":true' /tmp/bench-body.json || echo "expected partial" >&2; done; } | stats "cache miss, billing hanging"
fault none
