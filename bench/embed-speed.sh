#!/usr/bin/env bash
# Sentence-embedding speed and MSRP accuracy, all-MiniLM-L6-v2 (candle) against the
# static model distilled from it, in the same run on the same sentences: the 7,816
# distinct sentences of MSRP's train and dev files (../shared/data/msrp).
#   bash bench/embed-speed.sh            (needs ../shared/data or $PARALLAX_SHARED/data)
#   ONE_CORE_SENTENCES=N                 MiniLM's sample on one core (default 1000)
# Two cores: each encoder embeds every sentence once (timed; a static model's time is
# the fastest of 3 rounds), then the cosine of each pair is scored (crates/embed's
# msrp module): threshold chosen for accuracy on one part of the pairs, accuracy and
# F1 on the other (train file → dev file, even → odd positions, odd → even), and
# ROC-AUC. One core (taskset -c 0, RAYON_NUM_THREADS=1): speed only, MiniLM on the
# first N sentences, the static model on all.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${PARALLAX_SHARED:+$PARALLAX_SHARED/data}"
data="${data:-../shared/data}"
msrp="$data/msrp"
if [ ! -f "$msrp/msr_paraphrase_train.txt" ]; then
    echo "bench/embed-speed.sh: $msrp not found (shared data absent); nothing to measure" >&2
    exit 1
fi
bash scripts/install-model
cargo build --release --locked -q -p parallax-embed --example embed_bench
bin=target/release/examples/embed_bench
echo "== two cores"
"$bin" --msrp "$msrp"
echo
echo "== one core"
RAYON_NUM_THREADS=1 taskset -c 0 "$bin" --msrp "$msrp" --speed-only "${ONE_CORE_SENTENCES:-1000}"
echo
RAYON_NUM_THREADS=1 taskset -c 0 "$bin" --msrp "$msrp" --speed-only 100000 --no-minilm | tail -n +3
