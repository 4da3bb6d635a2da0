#!/usr/bin/env bash
# Scaling of every stage with the bill's size, beside baselines measured in the same run.
#
# Synthetic bills of ~50 KB, 500 KB, 5 MB and 20 MB (examples/synth.rs, made from the real provisions of
# bills/), each with an amended second version; the real Washington session law (1 MB of XML) and the EU AI
# Act (0.66 MB of Markdown) from ../shared/corpus/formats/; SB 53 July 17 → chaptered.
#
# For each: parse, terms, xref, propose and diff timed in one process (examples/stages.rs, the best of
# several runs) and whole `billdiff terms` / `billdiff diff` processes; baselines: `wc -w`,
# `git diff --no-index --word-diff`, Python's difflib over words (given up after DIFFLIB_TIMEOUT seconds).
# Prints a table and the ratios the issue asks for. Usage: benches/scale.sh [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-50000 500000 5000000 20000000}")
read -r -a sizes <<<"${sizes[*]}"
difflib_timeout="${DIFFLIB_TIMEOUT:-120}"
corpus=../shared/corpus
cargo build --release --quiet --bin billdiff --example synth --example stages
bin=target/release/billdiff
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Seconds of the fastest of three runs of a command (stdout discarded).
secs() {
  local best=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$e-$s; print(min(t, float(b)) if b else t)")
  done
  printf '%.4f' "$best"
}

difflib() {
  timeout "$difflib_timeout" python3 - "$1" "$2" <<'PY' || echo "timeout"
import difflib, sys, time
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
t = time.perf_counter()
sum(1 for _ in difflib.SequenceMatcher(None, a, b).get_opcodes())
print(f"{time.perf_counter() - t:.4f}")
PY
}

printf 'input\tbytes\tstage\tbilldiff_s\tbaseline\tbaseline_s\tratio\n' >"$work/table.tsv"
row() { # input bytes stage ours baseline-name baseline-seconds
  local ratio
  ratio=$(python3 -c "
a, b = '$4', '$6'
ok = lambda x: x.replace('.', '', 1).isdigit()
print(f'{float(a) / float(b):.1f}' if ok(a) and ok(b) and float(b) > 0 else '-')")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$ratio" >>"$work/table.tsv"
}

measure() { # name file [old new]
  local name="$1" file="$2" bytes wc_s
  bytes=$(stat -c %s "$file")
  wc_s=$(secs wc -w "$file")
  local runs=3
  [ "$bytes" -gt 10000000 ] && runs=1
  ./target/release/examples/stages --runs "$runs" "$file" ${3:+"$3" "$4"} >"$work/stages.tsv" 2>>"$work/stages.log"
  while IFS=$'\t' read -r stage _ b t; do
    case "$stage" in
      diff)
        row "$name" "$b" "$stage" "$t" "git-word-diff" "$(secs git diff --no-index --word-diff "$3" "$4")" ;;
      *) row "$name" "$bytes" "$stage" "$t" "wc-w" "$wc_s" ;;
    esac
  done <"$work/stages.tsv"
  row "$name" "$bytes" "terms (process)" "$(secs "$bin" terms "$file")" "wc-w" "$wc_s"
  if [ -n "${3:-}" ]; then
    local both git_s
    both=$(( $(stat -c %s "$3") + $(stat -c %s "$4") ))
    git_s=$(secs git diff --no-index --word-diff "$3" "$4")
    row "$name" "$both" "diff (process)" "$(secs "$bin" diff "$3" "$4")" "git-word-diff" "$git_s"
    row "$name" "$both" "difflib" "$(difflib "$3" "$4")" "git-word-diff" "$git_s"
  fi
}

for size in "${sizes[@]}"; do
  ./target/release/examples/synth --out "$work/synth-$size" --bills 1 --versions 2 --size "$size" >/dev/null
  d="$work/synth-$size/synth-00000"
  measure "synthetic $size" "$d/v1.txt" "$d/v1.txt" "$d/v2.txt"
done
if [ -d "$corpus/formats" ]; then
  measure "WA session law (XML)" "$corpus/formats/wa-xml-hb1320-s2-2021-session-law.xml"
  measure "EU AI Act (Markdown)" "$corpus/formats/eu-ai-act-2024-1689-markdown-derived.md"
fi
if [ -d "$corpus/ca" ]; then
  old="$corpus/ca/sb53-2025-07-17-amended-asm.md" new="$corpus/ca/sb53-2025-chaptered-from-annotated.md"
  measure "SB 53 07-17 → chaptered" "$new" "$old" "$new"
fi

column -t -s $'\t' "$work/table.tsv"
echo
cat "$work/stages.log" >&2
# The growth of each stage from 5 MB to 20 MB (4× the input: n·log n is ~4.4×).
python3 - "$work/table.tsv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = {(r["input"], r["stage"]): float(r["billdiff_s"]) for r in rows if r["billdiff_s"] not in ("", "timeout")}
stages = sorted({r["stage"] for r in rows})
for s in stages:
    a, b = by.get(("synthetic 5000000", s)), by.get(("synthetic 20000000", s))
    if a and b:
        print(f"20 MB / 5 MB, {s}: {b / a:.2f}")
PY
