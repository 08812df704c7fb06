#!/usr/bin/env bash
# Memory and speed of `parallax extract` on a large WARC (streamed, never loaded
# whole): generates an archive of SIZE_MB from the dev pages (bench/warc_gen.py),
# plain and gzipped, and reports wall clock, peak RSS and pages/s (/usr/bin/time -v).
#   bash bench/warc-memory.sh [SIZE_MB]      (default: 2048)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-2048}
cargo build --release --locked -q -p parallax
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 bench/warc_gen.py "$out/big.warc" "$size"
python3 bench/warc_gen.py "$out/big.warc.gz" "$((size / 4))" --gzip
printf '%-14s %-10s %-8s %-12s %-10s %s\n' input MB seconds peak_RSS_MB articles duplicates
for f in big.warc big.warc.gz; do
    /usr/bin/time -v ./target/release/parallax extract "$out/$f" -o "$out/$f.jsonl" 2> "$out/$f.log" || true
    secs=$(grep "Elapsed (wall clock)" "$out/$f.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$out/$f.log" | awk '{print int($NF/1024)}')
    mb=$(( $(stat -c %s "$out/$f") / 1048576 ))
    summary=$(grep -E '^parallax: [0-9]+ articles' "$out/$f.log" | tail -1)
    arts=$(echo "$summary" | awk '{print $2}'); dups=$(echo "$summary" | awk '{print $4}')
    printf '%-14s %-10s %-8s %-12s %-10s %s\n' "$f" "$mb" "$secs" "$rss" "$arts" "$dups"
done
