#!/usr/bin/env bash
# Main-text extraction: parallax-extract vs trafilatura 2.3.1, in the same run,
# on the same pages, each pinned to one core (taskset -c 0).
#
#   bash bench/extract.sh            (from the repository root or anywhere)
#
# Data: $PARALLAX_SHARED/data or ../shared/data relative to the repo root.
# Scoring: both tools' texts go through parallax-extract's eval module (one
# scorer). trafilatura runs twice: include_comments=False (main text only, as
# parallax-extract) and its default (comments included).
# Outputs: bench/out/extract/ (JSON reports, texts, the generated 50 MB page).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SHARED="${PARALLAX_SHARED:-$ROOT/../shared}"
DATA="$SHARED/data"
VENV="$ROOT/bench/.venv-extract"
OUT="$ROOT/bench/out/extract"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target-extract}"
PIN=(taskset -c 0)
command -v taskset >/dev/null || PIN=()

for set in trafilatura-eval-en readability-test-pages; do
    [ -d "$DATA/$set" ] || { echo "missing $DATA/$set (set PARALLAX_SHARED)" >&2; exit 1; }
done
mkdir -p "$OUT"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
# lxml_html_clean: trafilatura imports lxml.html.clean, split out of lxml 5.2+.
"$VENV/bin/pip" install -q --disable-pip-version-check trafilatura==2.3.1 lxml_html_clean 2>&1 \
    | grep -v "does not provide the extra" || true

cargo build -q --release -p parallax-extract --example eval_extract --example extract_page
EVAL="$CARGO_TARGET_DIR/release/examples/eval_extract"
PAGE="$CARGO_TARGET_DIR/release/examples/extract_page"

summary() { # report.json -> "P R F1 pages/s"
    "$VENV/bin/python" -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.3f %.3f %.3f %.1f" % (r["precision"], r["recall"], r["f1"], r["pages_per_second"]))' "$1"
}

echo "== parallax-extract vs trafilatura 2.3.1 (one core each; extraction time only)"
printf '%-24s %-34s %6s %6s %6s %9s\n' set tool P R F1 pages/s
for set in trafilatura-eval-en readability-test-pages; do
    # Fastest of 5 runs: a pass over these pages takes ~0.2 s, close to timer noise.
    "${PIN[@]}" "$EVAL" "$DATA/$set" --repeat 5 --phases --json "$OUT/parallax-$set.json" > "$OUT/parallax-$set.txt"
    "${PIN[@]}" "$VENV/bin/python" "$ROOT/bench/extract_baseline.py" "$DATA/$set" "$OUT/trafilatura-$set.jsonl" 2>/dev/null
    "$EVAL" "$DATA/$set" --texts "$OUT/trafilatura-$set.jsonl" --json "$OUT/trafilatura-$set.json" > /dev/null
    "${PIN[@]}" "$VENV/bin/python" "$ROOT/bench/extract_baseline.py" "$DATA/$set" "$OUT/trafilatura-default-$set.jsonl" --with-comments 2>/dev/null
    "$EVAL" "$DATA/$set" --texts "$OUT/trafilatura-default-$set.jsonl" --json "$OUT/trafilatura-default-$set.json" > /dev/null
    read -r pp pr pf ps <<< "$(summary "$OUT/parallax-$set.json")"
    read -r tp tr tf ts <<< "$(summary "$OUT/trafilatura-$set.json")"
    read -r dp dr df ds <<< "$(summary "$OUT/trafilatura-default-$set.json")"
    printf '%-24s %-34s %6s %6s %6s %9s\n' "$set" "parallax-extract" "$pp" "$pr" "$pf" "$ps"
    printf '%-24s %-34s %6s %6s %6s %9s\n' "$set" "trafilatura (include_comments=False)" "$tp" "$tr" "$tf" "$ts"
    printf '%-24s %-34s %6s %6s %6s %9s\n' "$set" "trafilatura (default)" "$dp" "$dr" "$df" "$ds"
    "$VENV/bin/python" -c 'import sys; pf,tf,df,ps,ts=map(float,sys.argv[1:]); print("%24s ratios: F1 %.3fx (%.3fx vs default), speed %.1fx" % ("", pf/tf, pf/df, ps/ts))' "$pf" "$tf" "$df" "$ps" "$ts"
    grep '^phases' "$OUT/parallax-$set.txt" | sed "s/^/$(printf '%24s' '') parallax /"
done

echo "== peak memory on a 50 MB page"
BIG="$OUT/big-50mb.html"
"$VENV/bin/python" - "$BIG" <<'PY'
import sys
# A news page whose article body is repeated until the file reaches 50 MB:
# paragraphs, links, nested divs, a share bar and comments between the parts.
head = ('<!DOCTYPE html><html lang="en"><head><title>Big page</title>'
        '<meta property="og:title" content="Big page"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article class="article-body">')
part = ('<div class="section"><h2>Section</h2>'
        + '<p>The council voted on Tuesday to expand the program, which officials said would cost '
          'more than expected, according to <a href="/docs">documents</a> seen by reporters &amp; '
          'residents.</p>' * 8
        + '<div class="share"><a href="#">Share</a></div>'
        + '<ul><li>First point of the plan</li><li>Second point of the plan</li></ul></div>\n')
tail = '</article><footer>Copyright</footer></body></html>'
target = 50 * 1024 * 1024
n = (target - len(head) - len(tail)) // len(part) + 1
with open(sys.argv[1], "w") as f:
    f.write(head + part * n + tail)
PY
ls -l "$BIG" | awk '{printf "page: %.1f MB\n", $5/1048576}'
"${PIN[@]}" /usr/bin/time -v "$PAGE" "$BIG" --summary 2> "$OUT/big-time.txt"
grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$OUT/big-time.txt" | sed 's/^\s*/  /'
