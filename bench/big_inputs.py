"""Writes DIR/big-N.rss and DIR/big-N.jsonl: N template-like news entries each.

Synthetic text made here (no data set): every entry is the same eight sentences with
a town, a day and a topic drawn per sentence from short lists, so any two entries
share many word shingles without being copies. Used by bench/big-inputs.sh.
    python3 bench/big_inputs.py DIR N
"""

import json
import random
import sys
from xml.sax.saxutils import escape

TOWNS = ["Leeds", "Hull", "York", "Bath", "Ely", "Wells", "Ripon"]
TOPICS = ["library", "bus", "school", "bridge", "market"]


def body(rng, n):
    out = [f"Report number {n}."]
    for s in range(8):
        out.append(
            f"The council of {rng.choice(TOWNS)} met on day {rng.randrange(3)} to discuss "
            f"the {rng.choice(TOPICS)} budget, and officials said item {s} would be decided soon."
        )
    return " ".join(out)


def main():
    d, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(17)
    texts = [body(rng, i) for i in range(n)]
    with open(f"{d}/big-{n}.rss", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>')
        f.write("<title>Template Gazette</title><link>https://gazette.example/</link>\n")
        for i, t in enumerate(texts):
            f.write(
                f"<item><title>Report {i}</title><link>https://gazette.example/r/{i}</link>"
                f"<pubDate>Tue, 30 Apr 2024 09:00:00 GMT</pubDate>"
                f"<description>{escape(t)}</description></item>\n"
            )
        f.write("</channel></rss>\n")
    with open(f"{d}/big-{n}.jsonl", "w") as f:
        for i, t in enumerate(texts):
            rec = {
                "title": f"Report {i}",
                "outlet": "Template Gazette",
                "url": f"https://gazette.example/r/{i}",
                "published": "2024-04-30",
                "text": t,
            }
            f.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
