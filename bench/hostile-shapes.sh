#!/usr/bin/env bash
# Analysis time on hostile shapes of text, about 1 MB each, all in one sentence: the
# shapes that make a per-word or per-mention scan quadratic. Each must finish within
# BUDGET seconds of CPU time, user + system (default 10: a third of the 30 s
# per-article budget of `--time-budget`; each takes about 1 s of CPU and 2-4 s of wall
# clock on 2 loaded cores; the quadratic versions took 20 s to over 30 s). CPU time,
# not wall clock, so a loaded CI machine does not fail it. Exits 1, naming the shape,
# when one goes over its budget, fails, or is skipped by the time budget; .ci/run
# runs it.
#   bash bench/hostile-shapes.sh [BINARY]     (default: builds target/release/parallax)
#   BUDGET=5 bash bench/hostile-shapes.sh target/release/parallax
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${BUDGET:-10}"
bin="${1:-}"
if [ -z "$bin" ]; then
    cargo build --release -q -p parallax
    bin=target/release/parallax
fi
[ -x "$bin" ] || { echo "hostile-shapes: $bin: no such binary" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys, os
d = sys.argv[1]
shapes = {
    "speech-verbs": "Donald Trump said " + "he said the plan was good and said that it was fine , said he " * 20000 + ".\n",
    "names": "Donald Trump met " + "Hillary Clinton and Barack Obama , " * 30000 + ".\n",
    "quotations": "Donald Trump said " + "“we win” and “they lose” , " * 30000 + ".\n",
    "according-to": "According to Reuters, the plan failed and Trump said so . " * 30000 + "\n",
}
for name, text in shapes.items():
    with open(os.path.join(d, name + ".txt"), "w") as f:
        f.write(text)
PY
printf "%-14s %10s %10s %10s %12s  (budget %s s CPU)\n" shape bytes "wall s" "CPU s" "peak RSS" "$budget"
status=0
for f in "$dir"/*.txt; do
    name=$(basename "$f" .txt)
    rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$dir/t" "$bin" analyze "$f" --json > /dev/null 2>"$dir/err" || rc=$?
    read -r wall user sys rss < <(tail -1 "$dir/t")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
    printf "%-14s %10s %10s %10s %9s KB\n" "$name" "$(stat -c %s "$f")" "$wall" "$cpu" "$rss"
    if [ "$rc" -ne 0 ]; then
        echo "hostile-shapes: $name: parallax analyze exited $rc: $(tail -3 "$dir/err")" >&2
        status=1
    elif grep -q "budget" "$dir/err"; then
        echo "hostile-shapes: $name: skipped by the time budget: $(grep -h budget "$dir/err")" >&2
        status=1
    elif awk -v c="$cpu" -v b="$budget" 'BEGIN {exit !(c > b)}'; then
        echo "hostile-shapes: $name: $cpu s of CPU, over its budget of $budget s" >&2
        status=1
    fi
done
exit $status
