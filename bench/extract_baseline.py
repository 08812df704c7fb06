#!/usr/bin/env python3
"""Run trafilatura on a parallax extraction dev set; write its texts and timing.

Scoring is NOT done here: the texts go to parallax-extract's own scorer
(`eval_extract --texts`), so both tools are measured with the very same code.

Usage: extract_baseline.py DATASET_DIR OUT.jsonl [--fast] [--with-comments]
Output: one JSON object per page {"key", "text"}; a last line {"_seconds", "_pages"}.
"""
import gzip
import json
import os
import sys
import time

import trafilatura


def pages(dataset):
    """Yield (key, html, url) in a fixed order for either dev set."""
    gold = os.path.join(dataset, "gold.json")
    if os.path.exists(gold):
        with open(gold, encoding="utf-8") as f:
            entries = json.load(f)
        for key in sorted(entries):
            with gzip.open(os.path.join(dataset, "html", key + ".html.gz"), "rb") as f:
                raw = f.read()
            yield key, raw.decode("utf-8", errors="replace"), entries[key].get("url")
    else:
        for case in sorted(os.listdir(dataset)):
            src = os.path.join(dataset, case, "source.html")
            if os.path.isfile(src):
                with open(src, "rb") as f:
                    raw = f.read()
                yield case, raw.decode("utf-8", errors="replace"), "http://fakehost/test/page.html"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    fast = "--fast" in sys.argv
    comments = "--with-comments" in sys.argv
    dataset, out_path = args[0], args[1]
    # Decode and load everything first so only extraction is timed.
    docs = list(pages(dataset))
    total = 0.0
    with open(out_path, "w", encoding="utf-8") as out:
        for key, html, url in docs:
            t0 = time.perf_counter()
            text = trafilatura.extract(html, url=url, fast=fast, include_comments=comments)
            total += time.perf_counter() - t0
            out.write(json.dumps({"key": key, "text": text or ""}) + "\n")
        out.write(json.dumps({"_seconds": total, "_pages": len(docs)}) + "\n")
    print(f"trafilatura {trafilatura.__version__}: {len(docs)} pages in {total:.2f} s "
          f"({len(docs) / total:.1f} pages/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
