#!/usr/bin/env python3
"""Draws the deterministic sample behind crates/eval/data/basil-{speakers,labels}.tsv.

Usage: parallax analyze ../shared/data/basil/articles --json > /tmp/basil.json
       python3 scripts/sample-basil-gold.py ../shared/data/basil /tmp/basil.json quotes|labels N

Reads parallax's analysis of the BASIL dev articles and prints, for a seeded sample
of N direct quotes (or labels) spread over every article, the item's locator (BASIL
article file stem `<triplet-uuid>_<n>`, paragraph:sentence in `body-paragraphs`, snippet) and its context, for
a person to judge. One item per article in a hash order first, then a second round,
and so on: the sample covers all triplets and the three outlets. Prints to standard
output only; nothing of the articles is written to the repository.
"""
import hashlib
import json
import pathlib
import sys

SEED = "parallax-basil-gold-1"


def key(*parts):
    return hashlib.sha256(":".join([SEED, *map(str, parts)]).encode()).hexdigest()


def locate(text_bytes, paragraphs):
    """(p, s, start, end) of each BASIL sentence found in the clean text, in order."""
    out, cursor = [], 0
    for p, para in enumerate(paragraphs):
        sents = para if isinstance(para, list) else [para]
        for s, sent in enumerate(sents):
            needle = sent.strip().encode()
            if not needle:
                continue
            pos = text_bytes.find(needle, cursor)
            if pos < 0:
                continue
            out.append((p, s, pos, pos + len(needle)))
            cursor = pos + len(needle)
    return out


def sentence_at(located, offset):
    for p, s, a, b in located:
        if a <= offset < b:
            return p, s, a, b
    return None


def main():
    basil, analysis, what, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    docs = json.load(open(analysis))["articles"]
    per_article = []
    for d in docs:
        src = pathlib.Path(d["article"]["meta"]["source"].split("#")[0])
        raw = json.load(open(src))
        raw["uuid"] = src.stem  # BASIL's own uuid is "empty" for two articles
        text = d["article"]["text"]
        tb = text.encode()
        located = locate(tb, raw["body-paragraphs"])
        an = d["analysis"]
        ents = an["entities"]
        items = []
        if what == "quotes":
            for q in an["quotes"]:
                if q["kind"] != "direct":
                    continue
                loc = sentence_at(located, q["span"]["start"])
                if loc is None:
                    continue
                sp = q.get("speaker")
                system = "-"
                if sp:
                    system = ents[sp["entity"]]["name"] if "entity" in sp else sp["text"] + " (unresolved)"
                items.append((key(raw["uuid"], loc[0], loc[1], q["span"]["start"]), raw, loc, q, system))
        else:
            for l in an["labels"]:
                loc = sentence_at(located, l["span"]["start"])
                if loc is None:
                    continue
                items.append((key(raw["uuid"], loc[0], loc[1], l["span"]["start"]), raw, loc, l, ents[l["entity"]]["name"]))
        items.sort(key=lambda x: x[0])
        per_article.append((key(raw["uuid"]), tb, located, items))
    per_article.sort(key=lambda x: x[0])
    picked, round_ = [], 0
    while len(picked) < n and any(len(a[3]) > round_ for a in per_article):
        for _, tb, located, items in per_article:
            if len(items) > round_ and len(picked) < n:
                picked.append((tb, located, items[round_]))
        round_ += 1
    for i, (tb, located, (_, raw, loc, item, system)) in enumerate(picked):
        p, s, a, b = loc
        idx = [j for j, x in enumerate(located) if x[:2] == (p, s)][0]
        prev = tb[located[idx - 1][2]:located[idx - 1][3]].decode() if idx > 0 else ""
        nxt = tb[located[idx + 1][2]:located[idx + 1][3]].decode() if idx + 1 < len(located) else ""
        sent = tb[a:b].decode()
        if what == "quotes":
            sp = item.get("speaker") or {}
            content = tb[item["content"]["start"]:item["content"]["end"]].decode()
            snippet = " ".join(content.split()[:5])
            print(f"## {i}\t{raw['uuid']}\t{p}:{s}\t{raw['source']}\t{snippet}\tSYS={system}\ttext={sp.get('text','-')}\trule={sp.get('rule','-')}")
        else:
            print(f"## {i}\t{raw['uuid']}\t{p}:{s}\t{raw['source']}\t{item['text']}\t{item['kind']}\t{item['voice']}\tACTOR={system}")
        print(f"  PREV: {prev}\n  SENT: {sent}\n  NEXT: {nxt}")
        if what == "quotes":
            print(f"  QUOTE: {tb[item['span']['start']:item['span']['end']].decode()[:300]}")


main()
