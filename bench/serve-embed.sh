#!/usr/bin/env bash
# What a story update costs `parallax serve` after an import over the API, lexical
# against `--align embed`, in the same run: a library of N articles (generated from
# the dev data by gen_corpus, its stories up to date), then two imports of one
# article each. Each update compares only the stories the article changed; the
# embedding server embeds their candidate sentences, those it has not seen before
# (CachingEncoder keeps them). Times are the server's own "stories updated: … in
# S s" lines.
#   bash bench/serve-embed.sh [N]      (default: 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
bash scripts/install-model
cargo build --release --locked -q -p parallax
cargo build --release --locked -q -p parallax-eval --example gen_corpus
out=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
./target/release/examples/gen_corpus "$((n + 2))" "$out/c.jsonl" 2>/dev/null
head -n "$n" "$out/c.jsonl" > "$out/base.jsonl"
tail -n 2 "$out/c.jsonl" | head -n 1 > "$out/one.jsonl"
tail -n 1 "$out/c.jsonl" > "$out/two.jsonl"
token=bench-token-0123456789
# waits until the server's log holds COUNT update lines and prints the last one's seconds
rebuilt() {
    local log=$1 count=$2
    for _ in $(seq 1 6000); do
        if [ "$(grep -c 'stories updated' "$log" || true)" -ge "$count" ]; then
            grep 'stories updated' "$log" | tail -1 | sed 's/.* in \([0-9.]*\) s$/\1/'
            return
        fi
        sleep 0.1
    done
    echo "timeout"
}
printf '%-8s %-8s %-22s %-22s\n' articles method first_rebuild_s second_rebuild_s
for m in lexical embed; do
    lib="$out/lib-$m"
    # stories up to date before the server starts, so its first update line is the import's
    ./target/release/parallax import "$out/base.jsonl" --library "$lib" -q 2>/dev/null || true
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    PARALLAX_TOKEN=$token ./target/release/parallax serve --library "$lib" --addr "127.0.0.1:$port" --align "$m" 2> "$out/serve-$m.log" &
    server=$!
    for _ in $(seq 1 200); do grep -q "http://" "$out/serve-$m.log" && break; sleep 0.1; done
    times=()
    for i in one two; do
        python3 -c 'import json,sys; print(json.dumps([json.loads(l) for l in open(sys.argv[1])]))' "$out/$i.jsonl" > "$out/$i.json"
        curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            --data-binary "@$out/$i.json" "http://127.0.0.1:$port/api/import"
        times+=("$(rebuilt "$out/serve-$m.log" "$(( ${#times[@]} + 1 ))")")
    done
    printf '%-8s %-8s %-22s %-22s\n' "$n" "$m" "${times[0]}" "${times[1]}"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
