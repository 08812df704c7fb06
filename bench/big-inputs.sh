#!/usr/bin/env bash
# Time of `parallax extract` on large template-like inputs (issue 17, item 6): an
# RSS feed and a JSON Lines file of 10k, 20k, 40k and 100k entries whose texts share
# most of their words without being copies (the shape that made near-duplicate
# detection quadratic). The inputs are generated here (synthetic text, no data set).
#   bash bench/big-inputs.sh [BINARY] [SIZES...]
#   e.g. bash bench/big-inputs.sh target/release/parallax 10000 20000 40000 100000
# Without BINARY the release binary is built first. MAX_SECONDS=S makes the run fail
# (exit 1) when one extraction takes longer, or writes nothing (.ci/run: 100k entries
# in under 60 s each; before the fix a 100k feed did not finish in 240 s).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ] && [ -x "$1" ]; then
    bin=$1
    shift
else
    cargo build --release -q -p parallax
    bin=target/release/parallax
fi
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 20000 40000 100000)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf "%-6s %8s %10s %10s %10s %10s\n" input entries MB seconds written duplicates
for n in "${sizes[@]}"; do
    python3 bench/big_inputs.py "$dir" "$n"
    for kind in rss jsonl; do
        f="$dir/big-$n.$kind"
        # the size cap is a safety limit for one input; a 100k-entry feed is ~100 MB
        /usr/bin/time -f "%e" -o "$dir/t" "$bin" extract "$f" -o "$dir/out.jsonl" --max-size 1024 2>"$dir/err" || true
        printf "%-6s %8d %10.1f %10s %10d %10d\n" "$kind" "$n" \
            "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)" "$(tail -1 "$dir/t")" \
            "$(wc -l < "$dir/out.jsonl")" "$(grep -c 'duplicate of' "$dir/err" || true)"
        if [ -n "${MAX_SECONDS:-}" ]; then
            if [ "$(echo "$(tail -1 "$dir/t") > $MAX_SECONDS" | bc)" = 1 ] || [ ! -s "$dir/out.jsonl" ]; then
                echo "big-inputs: $kind with $n entries took $(tail -1 "$dir/t") s (limit $MAX_SECONDS s) or wrote nothing" >&2
                failed=1
            fi
        fi
    done
done
exit "${failed:-0}"
