#!/usr/bin/env bash
# Time of `parallax extract` on large template-like inputs (issue 17, item 6): an
# RSS feed and a JSON Lines file of 10k, 20k, 40k and 100k entries whose texts share
# most of their words without being copies (the shape that made near-duplicate
# detection quadratic). The inputs are generated here (synthetic text, no data set).
#   bash bench/big-inputs.sh [BINARY] [SIZES...]
#   e.g. bash bench/big-inputs.sh target/release/parallax 10000 20000 40000 100000
# Without BINARY the release binary is built first.
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
        /usr/bin/time -f "%e" -o "$dir/t" "$bin" extract "$f" -o "$dir/out.jsonl" 2>"$dir/err" || true
        printf "%-6s %8d %10.1f %10s %10d %10d\n" "$kind" "$n" \
            "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)" "$(tail -1 "$dir/t")" \
            "$(wc -l < "$dir/out.jsonl")" "$(grep -c 'duplicate of' "$dir/err" || true)"
    done
done
