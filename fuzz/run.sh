#!/usr/bin/env bash
# Build every fuzz target and run each in turn for SECONDS (default 60), one fuzzer at a time.
#
#   fuzz/run.sh [SECONDS] [TARGET...]        (FUZZ_BUILD=0: do not build first)
#
# Per target it prints the CPU seconds used, the executions (libFuzzer's final stats) and any crash,
# timeout or OOM artifact the run left in fuzz/artifacts/<target>/. Seeds are read, never written: the
# few written for fuzzing in fuzz/corpus/<target>/, and the project's and ../shared/corpus's files listed in
# fuzz/seeds.txt, gathered into fuzz/runs/<target>/seeds/ (the corpus is read in place, never copied into
# the project). What a run adds goes to fuzz/runs/<target>/corpus/, with libFuzzer's log beside it.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
all=(bill_text bill_xml bill_html bill_markdown bill_pdf compare proposal letter manifest search_query)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

max_len() {
    case $1 in
        bill_pdf) echo 131072 ;;
        bill_text | bill_xml | bill_html | bill_markdown | compare) echo 65536 ;;
        proposal) echo 16384 ;;
        letter | manifest) echo 8192 ;;
        search_query) echo 512 ;;
    esac
}

# No sanitizer: the library is safe Rust, and libFuzzer catches panics, stack overflows, hangs and
# memory blow-ups on its own. `-O` with fuzz/Cargo.toml's release profile: debug assertions and overflow
# checks on for billdiff, off for tantivy (cargo fuzz's default `-a` would force them on everywhere).
# FUZZ_BUILD=0 runs the targets as last built (two runs side by side, while the library changes).
if [ "${FUZZ_BUILD:-1}" != 0 ]; then
    CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo +nightly fuzz build -O -s none
fi
root=$PWD
bin=$root/target/x86_64-unknown-linux-gnu/release

printf '%-14s %8s %12s  %s\n' target cpu_s execs findings
for t in "${targets[@]}"; do
    run=$root/runs/$t
    art=$root/artifacts/$t
    mkdir -p "$run/corpus" "$run/seeds" "$art" "$root/corpus/$t"
    while IFS=$'\t' read -r target src; do
        if [ "$target" = "$t" ] && [ -f "$root/../$src" ]; then cp "$root/../$src" "$run/seeds/"; fi
    done < <(grep -v '^#' "$root/seeds.txt")
    before=$(ls "$art" | sort)
    start=$(date +%s)
    # -jobs=1 -workers=1: one process at a time (libFuzzer then logs to fuzz-0.log in the working dir).
    TIMEFORMAT='%U %S'
    cpu=$( { time (cd "$run" && "$bin/$t" corpus "$root/corpus/$t" "$run/seeds" \
        -dict="$root/dict/legal.dict" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$secs" -print_final_stats=1 -jobs=1 -workers=1 \
        -artifact_prefix="$art/" >/dev/null 2>&1 || true); } 2>&1 | awk '{printf "%.0f", $1 + $2}')
    log=$run/fuzz-0.log
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
    [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#' || true)
    new=$(comm -13 <(echo "$before") <(ls "$art" | sort) | grep -E '^(crash|timeout|oom|leak|slow-unit)-' | tr '\n' ' ' || true)
    printf '%-14s %8s %12s  %s\n' "$t" "$cpu" "${execs:-?}" "${new:-none}"
    echo "$(date -u +%F) $t $secs $((  $(date +%s) - start )) ${execs:-?} ${new:-none}" >>"$root/runs/history.txt"
done
