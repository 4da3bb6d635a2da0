#!/usr/bin/env bash
# A whole session: `billdiff import pubinfo` and `billdiff index` of synthetic pubinfo dumps at several
# sizes, beside the time to merely unzip and read the same bytes, measured in the same run.
#
# For each size (measures; VERSIONS versions each, default 3; five code sections per measure) the dump is
# made by examples/synth_pubinfo.rs from the real sample in ../shared/corpus/ca-pubinfo/ (a folder and its
# zip, and a daily dump of DAILY new versions and section texts, default 20). Each stage is one process
# under /usr/bin/time -v (wall time, peak resident memory, CPU):
#   baseline   unzip -q the zip to a fresh folder and cat every file to /dev/null
#   import     billdiff import pubinfo ZIP --library L/bills --law L/law    (into an empty library)
#   reimport   the same again (must change nothing)
#   index      billdiff index L/bills --index IDX                          (from nothing; du of the index)
#   daily      billdiff import pubinfo DAILY.zip into the same library
#   reindex    billdiff index again after the daily import (incremental)
# Prints the table, each stage's ratio to the baseline, and each stage's growth from the smallest to the
# largest size beside n and n·log n. Usage: benches/import.sh [MEASURES...] (default: 500 2000 5000).
# KEEP=1 keeps the work folder; TABLE_OUT=FILE keeps the raw table (TSV). Needs unzip and GNU time (Debian: apt-get install unzip time).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-500 2000 5000}")
read -r -a sizes <<<"${sizes[*]}"
versions="${VERSIONS:-3}"
daily="${DAILY:-20}"
for tool in unzip /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "benches/import.sh needs $tool (Debian: apt-get install unzip time)" >&2; exit 2; }
done
/usr/bin/time -v true 2>&1 | grep -q "Maximum resident set size" || { echo "/usr/bin/time is not GNU time" >&2; exit 2; }
cargo build --release --quiet --bin billdiff --example synth_pubinfo
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/billdiff"
synth="$target/release/examples/synth_pubinfo"
work="$(mktemp -d "${TMPDIR:-/tmp}/billdiff-import.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work" >&2; fi

table="$work/table.tsv"
printf 'measures\tversions\tstage\tseconds\tcpu_s\tcpu\tmax_rss_mb\tbytes_in\tbytes_out\tsays\n' >"$table"

# stage measures bytes-in what-it-writes -- command...: one process under GNU time. The row gets the
# command's last line of output (its summary) and the size of what it writes (a folder) afterwards.
timed() {
  local stage="$1" size="$2" bytes="$3" writes="$4"
  shift 5
  local status=0
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$stage ($size measures) exited $status:" >&2
    tail -5 "$work/err.txt" >&2
    exit 1
  fi
  local out=0
  [ -z "$writes" ] || out=$(du -sb "$writes" | cut -f1)
  python3 - "$work/time.txt" "$work/out.txt" "$stage" "$size" "$versions" "$bytes" "$out" >>"$table" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    k, _, v = line.strip().rpartition(": ")
    t[k] = v
wall = t["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
rss = int(t["Maximum resident set size (kbytes)"]) / 1024
says = " ".join(open(sys.argv[2]).read().split())
stage, size, versions, bytes_in, bytes_out = sys.argv[3:]
cpu = t["Percent of CPU this job got"]
cpu_s = float(t["User time (seconds)"]) + float(t["System time (seconds)"])
print(f"{size}\t{versions}\t{stage}\t{secs:.2f}\t{cpu_s:.2f}\t{cpu}\t{rss:.0f}\t{bytes_in}\t{bytes_out}\t{says}")
PY
}

for n in "${sizes[@]}"; do
  out="$work/dumps-$n"
  "$synth" --out "$out" --measures "$n" --versions "$versions" --daily "$daily" >&2
  zip="$out/pubinfo_2025.zip" dailyzip="$out/pubinfo_daily_Mon.zip"
  raw=$(du -sb "$out/pubinfo_2025" | cut -f1)
  lib="$work/lib-$n" index="$work/index-$n"
  unzipped="$work/unzipped-$n"

  timed baseline "$n" "$raw" "$unzipped" -- sh -c 'rm -rf "$1" && unzip -q "$2" -d "$1" && find "$1" -type f -exec cat {} + >/dev/null' sh "$unzipped" "$zip"
  rm -rf "$unzipped"
  timed import "$n" "$raw" "$lib" -- "$bin" import pubinfo "$zip" --library "$lib/bills" --law "$lib/law"
  library=$(du -sb "$lib" | cut -f1)
  timed reimport "$n" "$raw" "$lib" -- "$bin" import pubinfo "$zip" --library "$lib/bills" --law "$lib/law"
  [ "$(du -sb "$lib" | cut -f1)" = "$library" ] || echo "warning: the re-import changed the library's size" >&2
  timed index "$n" "$(du -sb "$lib/bills" | cut -f1)" "$index" -- "$bin" index "$lib/bills" --index "$index"
  timed daily "$n" "$(du -sb "$out/pubinfo_daily_Mon" | cut -f1)" "$lib" -- "$bin" import pubinfo "$dailyzip" --library "$lib/bills" --law "$lib/law"
  timed reindex "$n" "$(du -sb "$lib/bills" | cut -f1)" "$index" -- "$bin" index "$lib/bills" --index "$index"
  [ -n "${KEEP:-}" ] || rm -rf "$lib" "$index" "$out"
done

[ -z "${TABLE_OUT:-}" ] || cp "$table" "$TABLE_OUT"
python3 - "$table" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| measures × versions | stage | time | CPU time (share) | peak memory | reads | writes (after) | × baseline | says |")
print("|---|---|---|---|---|---|---|---|---|")
base = {r["measures"]: float(r["seconds"]) for r in rows if r["stage"] == "baseline"}
for r in rows:
    b = base.get(r["measures"])
    ratio = f"{float(r['seconds']) / b:.1f}" if b and r["stage"] != "baseline" else ""
    mb = lambda k: f"{int(r[k]) / 1e6:.1f} MB" if int(r[k]) else ""
    print(f"| {int(r['measures']):,} × {r['versions']} | {r['stage']} | {float(r['seconds']):.2f} s | {float(r['cpu_s']):.2f} s ({r['cpu']}) "
          f"| {r['max_rss_mb']} MB | {mb('bytes_in')} | {mb('bytes_out')} | {ratio} | {r['says']} |")
sizes = sorted({int(r["measures"]) for r in rows})
if len(sizes) > 1:
    a, b = sizes[0], sizes[-1]
    print(f"\nGrowth from {a:,} to {b:,} measures: n × {b / a:.1f}, n·log n × {b * math.log(b) / (a * math.log(a)):.1f}")
    t = {(int(r["measures"]), r["stage"]): r for r in rows}
    for stage in ["baseline", "import", "reimport", "index", "daily", "reindex"]:
        if (a, stage) in t and (b, stage) in t:
            x, y = t[(a, stage)], t[(b, stage)]
            g = lambda k, floor: float(y[k]) / max(float(x[k]), floor)
            print(f"  {stage:9} time × {g('seconds', 0.01):.1f}, CPU time × {g('cpu_s', 0.01):.1f}, "
                  f"memory × {g('max_rss_mb', 1):.1f}")
PY
