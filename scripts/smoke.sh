#!/usr/bin/env bash
# Smoke test of the run command: starts ./canhbao exactly as a person would (fresh data folder,
# console on a free port), waits for the banner, then for a live flood alert at cấp 3 on the
# console's API within 60 seconds, then stops it with SIGTERM (what Ctrl-C does) and checks that
# everything stopped. Exit 0 when all of that held.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(mktemp -d)
LOG="$DATA/canhbao.out"
./canhbao --data-dir "$DATA/data" --port 0 > "$LOG" 2>&1 &
PID=$!
cleanup() { kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 600); do
  grep -q "Press Ctrl-C to stop" "$LOG" && break
  kill -0 "$PID" 2>/dev/null || { echo "smoke: ./canhbao exited early:"; tail -20 "$LOG"; exit 1; }
  sleep 1
done
CONSOLE=$(grep -o "Operations console : http://127.0.0.1:[0-9]*/" "$LOG" | grep -o "http://.*")
[ -n "$CONSOLE" ] || { echo "smoke: no console address in the banner"; tail -20 "$LOG"; exit 1; }
echo "smoke: console at $CONSOLE"

START=$(date +%s)
LEVEL=0
while [ $(( $(date +%s) - START )) -le 60 ]; do
  LEVEL=$(curl -sf "${CONSOLE}api/v1/alerts?state=open" | python3 -c '
import json, sys
alerts = [a for a in json.load(sys.stdin) if a.get("siteId") == "nam-cang"]
print(max([a["level"]["number"] for a in alerts] or [0]))' 2>/dev/null || echo 0)
  [ "$LEVEL" = "3" ] && break
  sleep 2
done
ELAPSED=$(( $(date +%s) - START ))
[ "$LEVEL" = "3" ] || { echo "smoke: no cấp 3 flood alert for nam-cang within 60 s (saw level $LEVEL)"; exit 1; }
echo "smoke: live flood alert at cấp 3 on the console ${ELAPSED} s after the banner"
curl -sf "$CONSOLE" | grep -q "Trung tâm điều hành" || { echo "smoke: console page missing"; exit 1; }

CHILDREN=$(pgrep -P "$PID" | tr '\n' ' ')
kill -TERM "$PID"
wait "$PID" || true
trap - EXIT
for c in $CHILDREN; do
  if kill -0 "$c" 2>/dev/null; then echo "smoke: child process $c still running after stop"; exit 1; fi
done
grep -q "đã dừng / stopped" "$LOG" || { echo "smoke: no clean stop"; tail -20 "$LOG"; exit 1; }
echo "smoke: stopped cleanly; OK"
rm -rf "$DATA"
