#!/usr/bin/env bash
# Memory of `parallax serve` under 300 slow-reading clients that pipeline 1,000
# requests each (issue 17, item 13): a library of the BASIL articles
# (../shared/data/basil/articles), then for each path a fresh server and
# bench/slow_pipeline.py, which prints the server's RSS before, at its peak and
# 5 s after the clients closed.
#   bash bench/slow-pipeline.sh            BIN=path/to/parallax to measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --locked -q -p parallax
    bin=./target/release/parallax
fi
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
"$bin" import ../shared/data/basil/articles --library "$work/lib" -q 2>/dev/null
story=$("$bin" stories --library "$work/lib" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
for path in /api/health "/search?q=trump" "/stories/$story"; do
    port=$((20000 + RANDOM % 20000))
    "$bin" serve --library "$work/lib" --addr "127.0.0.1:$port" 2>/dev/null &
    server=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
    echo "== $path"
    python3 bench/slow_pipeline.py "$server" "127.0.0.1:$port" "$path" 300 1000 20
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
