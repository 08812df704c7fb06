#!/usr/bin/env python3
"""Checks the cross-outlet fact gold (crates/eval/data/basil-facts/*.tsv) against its format.

An annotation helper, not part of the product: the files are parsed for real by
crates/eval/src/facts.rs (`TripletGold::parse`); this script adds the checks that need
the BASIL articles, which are not in the repository.

Usage: python3 scripts/check-fact-gold.py ../shared/data/basil [FILE.tsv ...]

For every file (all of crates/eval/data/basil-facts/ by default) it checks that
- header comments come first and every other line is a tab-separated
  `fact ID nyt=… fox=… hpo=… LABEL` or `conflict ID o=P:S o=P:S WHAT` (docs/fact-gold.md);
- fact ids are unique, the three outlet cells come in the order nyt, fox, hpo, and a
  fact has sentences in two outlets or more, none listed twice;
- every P:S names a sentence of that outlet's article (0-based paragraph and sentence
  in `body-paragraphs`);
- a conflict names one sentence per side, both listed under its fact, in two outlets;
- labels are short (under 100 characters).
Prints one line per problem (file and line) and exits 1 when there is any.
"""
import glob
import json
import os
import re
import sys

OUTLETS = ("nyt", "fox", "hpo")
AT = re.compile(r"^(\d+):(\d+)$")


def articles(basil, triplet):
    """The triplet's articles by outlet: outlet -> body-paragraphs."""
    out = {}
    for p in glob.glob(os.path.join(basil, "articles", "*", triplet + "_*.json")):
        with open(p, encoding="utf-8") as f:
            a = json.load(f)
        out[a["source"].lower()] = a["body-paragraphs"]
    return out


def check(path, basil):
    problems = []
    name = os.path.basename(path)
    triplet = name[:-len(".tsv")]
    arts = articles(basil, triplet)
    if sorted(arts) != sorted(OUTLETS):
        return [f"{name}: articles of triplet {triplet} not found under {basil} (got {sorted(arts)})"]
    facts = {}
    seen_data = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or not lines[0].startswith("#"):
        problems.append(f"{name}: the file does not start with its header comments")
    for n, line in enumerate(lines, 1):
        where = f"{name}#line {n}"
        if line.strip() == "":
            continue
        if line.startswith("#"):
            if seen_data:
                pass  # comments between lines are allowed by the parser
            continue
        seen_data = True
        cols = line.split("\t")

        def cell(c, want=None):
            if "=" not in c:
                problems.append(f"{where}: expected outlet=P:S, got {c!r}")
                return None, []
            o, v = c.split("=", 1)
            if o not in OUTLETS:
                problems.append(f"{where}: unknown outlet {o!r}")
                return None, []
            if want and o != want:
                problems.append(f"{where}: outlet cells must come in the order nyt, fox, hpo")
            if v.strip() == "-":
                return o, []
            ats = []
            for x in v.split(","):
                m = AT.match(x)
                if not m:
                    problems.append(f"{where}: {x!r} is not paragraph:sentence")
                    continue
                p, s = int(m.group(1)), int(m.group(2))
                paras = arts[o]
                if p >= len(paras) or s >= len(paras[p]):
                    problems.append(f"{where}: {o}={p}:{s} is not a sentence of the {o} article")
                if (p, s) in ats:
                    problems.append(f"{where}: {o}={p}:{s} listed twice")
                ats.append((p, s))
            return o, ats

        if cols[0] == "fact" and len(cols) == 6:
            fid = cols[1]
            if not re.match(r"^F\d+$", fid):
                problems.append(f"{where}: fact id {fid!r} is not F<number>")
            if fid in facts:
                problems.append(f"{where}: fact {fid} defined twice")
            cells = {}
            for c, want in zip(cols[2:5], OUTLETS):
                o, ats = cell(c, want)
                if o and ats:
                    cells[o] = ats
            if len(cells) < 2:
                problems.append(f"{where}: a fact needs sentences in two outlets or more")
            label = cols[5]
            if not label.strip():
                problems.append(f"{where}: empty label")
            if len(label) >= 100:
                problems.append(f"{where}: label of {len(label)} characters (keep it short)")
            facts[fid] = cells
        elif cols[0] == "conflict" and len(cols) == 5:
            fid = cols[1]
            if fid not in facts:
                problems.append(f"{where}: conflict on unknown fact {fid}")
                continue
            sides = []
            for c in cols[2:4]:
                o, ats = cell(c)
                if len(ats) != 1:
                    problems.append(f"{where}: a conflict names one sentence per side")
                    continue
                if ats[0] not in facts[fid].get(o, []):
                    problems.append(f"{where}: {o}={ats[0][0]}:{ats[0][1]} is not listed under {fid}")
                sides.append(o)
            if len(sides) == 2 and sides[0] == sides[1]:
                problems.append(f"{where}: a conflict is between two outlets")
            if not cols[4].strip():
                problems.append(f"{where}: conflict without saying what differs")
        else:
            problems.append(
                f"{where}: expected `fact ID nyt=… fox=… hpo=… LABEL` or "
                f"`conflict ID o=P:S o=P:S WHAT` (tab-separated)"
            )
    if not facts:
        problems.append(f"{name}: no facts")
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    basil = sys.argv[1]
    files = sys.argv[2:] or sorted(
        glob.glob(os.path.join(os.path.dirname(__file__), "..", "crates", "eval", "data", "basil-facts", "*.tsv"))
    )
    problems = []
    for path in files:
        problems += check(path, basil)
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
