#!/usr/bin/env bash
# Load test of the web UI on loopback: wrk at 64 and 256 connections (CONNS) for 30 s each, on the bill page
# and two search pages, gzip accepted, with the stylesheet (the same server's cheapest route) as the baseline
# measured in the same run; each page's size plain and gzipped, and whether its ETag gets a 304.
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
conns="${CONNS:-64 256}"
for path in /static/app.css /bills/ca-sb1047/enrolled "/search?q=undefined:release" \
  "/search?q=%22full+shutdown%22+OR+%22model+weights%22"; do
  url="http://127.0.0.1:$port$path"
  plain=$(curl -sf -o /dev/null -w '%{size_download}' "$url")   # also warms the caches
  gz=$(curl -sf -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$url")
  tag=$(curl -sf -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  revalidated=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$url")
  echo "=== $path: $plain bytes, $gz gzip; revalidation with its ETag: $revalidated"
  for c in $conns; do
    echo "--- $c connections, gzip accepted"
    wrk -t2 -c"$c" -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "$url" |
      grep -E "requests in|Requests/sec|50%|99%|Non-2xx|Socket errors" || true
  done
done
