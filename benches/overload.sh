#!/usr/bin/env bash
# Overload test of the web UI on loopback (issue 15): 256 connections send expensive requests for SECONDS
# (default 60) — the compare page of the workspace's largest pair (a synthetic 1 MB bill in two versions,
# made from the real provisions in bills/) and the builder's live preview of the shipped SB 1047 proposal —
# while 4 connections read an ordinary page (the SB 1047 bill page). Reports: every answer to the expensive
# requests by status (each must be the page or a 503 with Retry-After; 0 socket errors), the ordinary
# page's latency under the load beside its idle latency measured first in the same run, and the server's
# peak memory (VmHWM). Usage: benches/overload.sh [SECONDS]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cargo build --release --quiet --bin billdiff --example synth
ws="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$ws"' EXIT
cp -r bills "$ws/"
./target/release/examples/synth --out "$ws/bills" --bills 1 --versions 2 --size 1000000 --seed 7 >/dev/null
big="$(ls "$ws/bills" | grep -v -x -F "$(ls bills)" | head -1)"
port=18112
./target/release/billdiff serve --workspace "$ws" --addr "127.0.0.1:$port" 2>"$ws/serve.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/static/app.css" >/dev/null && break; sleep 0.2; done
ordinary="$base/bills/ca-sb1047/enrolled"
curl -sf -o /dev/null "$ordinary"
export COMPARE_PATH="/bills/$big/compare"
export PREVIEW_PATH="/bills/ca-sb1047/builder/preview"
PREVIEW_BODY="version=enrolled&toml=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(open(sys.argv[1]).read()))' bills/ca-sb1047/proposals/deployed-systems.toml)"
export PREVIEW_BODY
one=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base$COMPARE_PATH")
echo "=== one compare of $big ($(du -sh "$ws/bills/$big" | cut -f1)): HTTP ${one% *}, ${one#* } s alone"
one=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --data "$PREVIEW_BODY" "$base$PREVIEW_PATH")
echo "=== one builder preview: HTTP ${one% *}, ${one#* } s alone"
echo "=== the ordinary page idle: 4 connections, 10 s"
wrk -t1 -c4 -d10s --latency "$ordinary" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" || true
echo "=== under load: 256 connections of expensive requests for ${secs} s, the ordinary page alongside"
wrk -t2 -c256 -d"${secs}s" --timeout 60s -s benches/overload.lua "$base/" >"$ws/heavy.txt" &
heavy=$!
sleep 2
wrk -t1 -c4 -d"$((secs - 4))s" --latency "$ordinary" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" || true
wait "$heavy"
grep -E "requests in|answers:" "$ws/heavy.txt"
echo "=== the server after the load"
grep -E "VmHWM|VmRSS" "/proc/$pid/status"
curl -s -o /dev/null -w 'ordinary page afterwards: HTTP %{http_code} in %{time_total} s\n' "$ordinary"
