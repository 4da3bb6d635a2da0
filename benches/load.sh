#!/usr/bin/env bash
# Load test of the web UI on loopback: wrk, 64 connections for 30 s each, on the bill page and two search pages,
# with the stylesheet (the same server's cheapest route) as the baseline measured in the same run.
# Usage: benches/load.sh [SECONDS]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cargo build --release --quiet
ws="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$ws"' EXIT
cp -r bills "$ws/"
port=18111
./target/release/billdiff serve --workspace "$ws" --addr "127.0.0.1:$port" 2>"$ws/serve.log" &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/static/app.css" >/dev/null && break; sleep 0.2; done
for path in /static/app.css /bills/ca-sb1047/enrolled "/search?q=undefined:release" \
  "/search?q=%22full+shutdown%22+OR+%22model+weights%22"; do
  curl -sf -o /dev/null "http://127.0.0.1:$port$path"   # warm the caches
  echo "=== $path"
  wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$port$path" |
    grep -E "requests in|Requests/sec|50%|99%|Non-2xx|Socket errors" || true
done
