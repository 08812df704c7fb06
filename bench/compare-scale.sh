#!/usr/bin/env bash
# Scale benchmark of `parallax compare`: generates corpora of N articles by
# recombining the dev data (BASIL + PolNeAR, ../shared/data) and times the whole
# process (wall clock and peak resident memory, /usr/bin/time -v), for the default
# lexical alignment and, in the same run, for `--align embed` (the model is
# installed first by scripts/install-model; LEXICAL_ONLY=1 skips the embedding runs).
#   bash bench/compare-scale.sh [N ...]      (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
methods=(lexical)
if [ "${LEXICAL_ONLY:-0}" != 1 ]; then
    bash scripts/install-model
    methods+=(embed)
fi
cargo build --release --locked -q -p parallax
cargo build --release --locked -q -p parallax-eval --example gen_corpus
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-8s %-8s %-9s %-8s %-8s %-14s %-10s %-10s %-10s %s\n' articles method seconds peak_MB stories biggest_story statements embedded embed_s sentences/s
for n in "${sizes[@]}"; do
    ./target/release/examples/gen_corpus "$n" "$out/c$n.jsonl" 2>/dev/null
    for m in "${methods[@]}"; do
        /usr/bin/time -v ./target/release/parallax compare "$out/c$n.jsonl" --align "$m" \
            --json -o "$out/c$n-$m.json" 2> "$out/time$n-$m.txt"
        secs=$(grep "Elapsed (wall clock)" "$out/time$n-$m.txt" | awk '{print $NF}')
        rss=$(grep "Maximum resident" "$out/time$n-$m.txt" | awk '{print int($NF/1024)}')
        # "parallax: embedded N distinct sentences (…) in S s" (embed only)
        emb_s=$(sed -n 's/^parallax: embedded .* in \([0-9.]*\) s$/\1/p' "$out/time$n-$m.txt")
        stats=$(python3 -c "
import json
d = json.load(open('$out/c$n-$m.json'))
s = d['stories']
a = d.get('alignment') or {}
print(len(s), max(len(x['articles']) for x in s), a.get('statements', '-'), a.get('embedded', '-'))")
        read -r stories biggest statements embedded <<< "$stats"
        rate=-
        [ -n "$emb_s" ] && rate=$(python3 -c "print(round($embedded / max($emb_s, 1e-9), 1))")
        printf '%-8s %-8s %-9s %-8s %-8s %-14s %-10s %-10s %-10s %s\n' "$n" "$m" "$secs" "$rss" \
            "$stories" "$biggest" "$statements" "$embedded" "${emb_s:--}" "$rate"
    done
done
