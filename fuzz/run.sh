#!/usr/bin/env bash
# Fuzzes each target for SECONDS (default 60), keeping the corpus in fuzz/corpus/<target>
# (not committed) and starting from the hand-made inputs in fuzz/seeds/<target> (committed).
# Crashes are copied to fuzz/regressions/<target>/ (replayed by `cargo test` on stable,
# crates/cli/tests/fuzz_regressions.rs) and reported. Needs a nightly toolchain and
# cargo-fuzz: it says so and stops when nightly is missing; it installs cargo-fuzz.
# Every run appends a line to fuzz/ledger.tsv (committed), so the hours a target has
# had add up across machines and sessions: `bash fuzz/run.sh --totals` sums them.
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#   bash fuzz/run.sh --totals
set -uo pipefail
cd "$(dirname "$0")"
ledger="$PWD/ledger.tsv"
if [ "${1:-}" = "--totals" ]; then
    printf "%-14s %8s %14s %s\n" target minutes executions "failed runs"
    awk -F'\t' 'NR>1 {s[$2]+=$3; n[$2]+=$4; if ($5!=0) c[$2]++}
        END {for (t in s) printf "%-14s %8.1f %14d %d\n", t, s[t]/60, n[t], c[t]}' "$ledger" | sort
    exit 0
fi
secs="${1:-60}"; shift || true
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: no nightly toolchain: libFuzzer needs nightly (rustup toolchain install nightly). CI runs the stable property and regression tests instead." >&2
    exit 2
fi
command -v cargo-fuzz >/dev/null || cargo +nightly install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cargo +nightly fuzz list))
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "regressions/$t"
    log=$(mktemp)
    seeds=(); [ -d "seeds/$t" ] && seeds=("seeds/$t")
    cargo +nightly fuzz run "$t" "corpus/$t" "${seeds[@]}" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1
    rc=$?
    # "Done N runs in S second(s)", else the last status line ("#N …" at a line's start;
    # a "#" inside a recommended-dictionary entry is not one)
    runs=$(grep -oE "^Done [0-9]+ runs" "$log" | grep -oE "[0-9]+" | tail -1)
    [ -z "$runs" ] && runs=$(grep -oE "^#[0-9]+" "$log" | tail -1 | tr -d '#')
    # the time libFuzzer reports having run, not the time asked for (a crash stops it early)
    ran=$(grep -oE "Done [0-9]+ runs in [0-9]+ second" "$log" | grep -oE "in [0-9]+" | tr -dc '0-9')
    [ -z "$ran" ] && ran=$(grep -oE "#[0-9]+.*time: [0-9]+s|secs: [0-9]+" "$log" | tail -1 | grep -oE "[0-9]+$")
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$t" "${ran:-0}" "${runs:-0}" "$rc" >>"$ledger"
    echo "$t: ${ran:-0}s of ${secs}s, ${runs:-0} executions, exit $rc"
    if [ $rc -ne 0 ]; then
        status=1
        for f in artifacts/"$t"/*; do [ -f "$f" ] && cp "$f" "regressions/$t/" && echo "  crash saved: regressions/$t/$(basename "$f")"; done
        tail -30 "$log"
    fi
    rm -f "$log"
done
exit $status
