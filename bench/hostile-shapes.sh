#!/usr/bin/env bash
# Analysis time on hostile shapes of text, about 1 MB each, all in one sentence: the
# shapes that make a per-word or per-mention scan quadratic. Each must finish far
# inside the 30 s per-article budget (`--time-budget`), which otherwise skips it.
#   bash bench/hostile-shapes.sh            (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p parallax
bin=target/release/parallax
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
printf "%-14s %10s %12s %12s\n" shape bytes seconds "peak RSS"
for f in "$dir"/*.txt; do
    name=$(basename "$f" .txt)
    /usr/bin/time -f "%e %M" -o "$dir/t" "$bin" analyze "$f" --json > /dev/null 2>"$dir/err" || true
    out=$(tail -1 "$dir/t")
    printf "%-14s %10s %12s %10s KB\n" "$name" "$(stat -c %s "$f")" "${out% *} s" "${out#* }"
    grep -h "budget" "$dir/err" || true
done
