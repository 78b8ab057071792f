#!/usr/bin/env bash
# Lighthouse's performance score of the dashboard page, signed in, desktop and mobile presets, median of RUNS runs.
#   scripts/lighthouse.sh [published-app-dir]     (default: publishes AdminDashboard in Release to artifacts/lighthouse/app)
#   RUNS=5 PRESETS=mobile scripts/lighthouse.sh  (runs per preset, default 3; presets, default "desktop mobile")
# Runs the app in embedded mode (simulator off, so every run loads the same figures) on a free port, signs in as the
# development admin with curl and hands Lighthouse the auth cookie (--extra-headers): the dashboard is behind sign-in.
# Uses Debian's /usr/bin/chromium (CHROME_PATH) and the npm package lighthouse, installed into ~/.cache/blazoradmin.
set -euo pipefail
[ -n "${LH_DEBUG:-}" ] && set -x
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/artifacts/lighthouse"
RUNS="${RUNS:-3}"
LIGHTHOUSE_VERSION=13.5.0
LH_DIR="${HOME:-/root}/.cache/blazoradmin/lighthouse"
export CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
mkdir -p "$OUT"

if ! grep -qs "\"version\": \"$LIGHTHOUSE_VERSION\"" "$LH_DIR/node_modules/lighthouse/package.json"; then
  mkdir -p "$LH_DIR"
  (cd "$LH_DIR" && npm install --no-audit --no-fund --no-save --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi

APP="${1:-}"
if [ -z "$APP" ]; then
  APP="$OUT/app"
  dotnet publish "$ROOT/AdminDashboard" -c Release -o "$APP" -nologo -v q >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
settings=(ASPNETCORE_ENVIRONMENT=Development Simulator__Enabled=false Internal__GatewaySecret="lighthouse-$RANDOM-$RANDOM-$RANDOM-secret"
  RateLimit__PermitsPerUser=1000000 RateLimit__PermitsPerIp=1000000 Logging__LogLevel__Default=Warning)
for s in Patients Doctors Appointments Billing Medicine; do settings+=("Upstream__${s}__BaseUrl=http://127.0.0.1:$(free_port)"); done
(cd "$APP" && exec env "${settings[@]}" dotnet AdminDashboard.dll --urls "$URL" >"$OUT/app.log" 2>&1) &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done

# Sign in as the development admin: the form's antiforgery token, then its post; keep the auth cookie.
JAR="$OUT/cookies.txt"; rm -f "$JAR"
token=$(curl -fs -c "$JAR" -b "$JAR" "$URL/account/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/" "$URL/account/dev-signin"
COOKIE=$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")
grep -q "AspNetCore.Cookies\|\.Auth" <<<"$COOKIE" || { echo "sign-in failed: no auth cookie ($COOKIE)" >&2; exit 1; }
# Warm the caches and the JIT, as any admin after the first would find them.
curl -fs -o /dev/null -H "Cookie: $COOKIE" "$URL/"

HEADERS="$OUT/headers.json"
python3 -c 'import json,sys; print(json.dumps({"Cookie": sys.argv[1]}))' "$COOKIE" >"$HEADERS"
for preset in ${PRESETS:-desktop mobile}; do
  for i in $(seq 1 "$RUNS"); do
    args=(--quiet --only-categories=performance --output=json --output-path="$OUT/$preset-$i.json"
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" --extra-headers="$HEADERS")
    [ "$preset" = desktop ] && args+=(--preset=desktop)
    "$LH_DIR/node_modules/.bin/lighthouse" "$URL/" "${args[@]}" >/dev/null 2>>"$OUT/lighthouse.log" || true
  done
  python3 - "$OUT" "$preset" "$RUNS" <<'PY'
import json, statistics, sys, os
out, preset, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for i in range(1, runs + 1):
    p = os.path.join(out, f"{preset}-{i}.json")
    if not os.path.exists(p): continue
    r = json.load(open(p)); a = r["audits"]
    if r["finalDisplayedUrl"].rstrip("/").endswith("/account/login"): sys.exit(f"{preset}: Lighthouse was sent to sign-in")
    rows.append((r["categories"]["performance"]["score"] * 100, a["total-blocking-time"]["numericValue"],
                 a["first-contentful-paint"]["numericValue"], a["largest-contentful-paint"]["numericValue"], a["speed-index"]["numericValue"]))
if not rows: sys.exit(f"{preset}: no Lighthouse run finished (see lighthouse.log)")
med = [statistics.median(c) for c in zip(*rows)]
print(f"{preset:8} score {med[0]:.0f}  TBT {med[1]:.0f} ms  FCP {med[2]:.0f} ms  LCP {med[3]:.0f} ms  SI {med[4]:.0f} ms"
      f"  (median of {len(rows)}; scores {sorted(round(r[0]) for r in rows)})")
PY
done
