#!/usr/bin/env bash
# Scale benchmark of `parallax compare`: generates corpora of N articles by
# recombining the dev data (BASIL + PolNeAR, ../shared/data) and times the whole
# process (wall clock and peak resident memory, /usr/bin/time -v).
#   bash bench/compare-scale.sh [N ...]      (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --locked -q -p parallax
cargo build --release --locked -q -p parallax-eval --example gen_corpus
out=$(mktemp -d)
printf '%-8s %-10s %-12s %-10s %s\n' articles seconds peak_RSS_MB stories biggest_story
for n in "${sizes[@]}"; do
    ./target/release/examples/gen_corpus "$n" "$out/c$n.jsonl" 2>/dev/null
    /usr/bin/time -v ./target/release/parallax compare "$out/c$n.jsonl" --json -o "$out/c$n.json" -q 2> "$out/time$n.txt"
    secs=$(grep "Elapsed (wall clock)" "$out/time$n.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$out/time$n.txt" | awk '{print int($NF/1024)}')
    stats=$(python3 -c "import json;d=json.load(open('$out/c$n.json'));s=d['stories'];print(len(s), max(len(x['articles']) for x in s))")
    printf '%-8s %-10s %-12s %-10s %s\n' "$n" "$secs" "$rss" $stats
done
rm -rf "$out"
