"""UNER PUD sentences as JSON Lines documents (one per newdoc), for timing the pipeline.
  python3 bench/pud_docs.py PUD.iob2 OUT.jsonl [COPIES]
COPIES (default 1) repeats the set, each copy under its own outlet (so no copy is a
duplicate of another), to time the analysis with the process start amortised."""
import json, sys
docs, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("# text = "):
        cur.append(line[len("# text = "):])
    elif line.startswith("# newdoc") and cur:
        docs.append(cur)
        cur = []
if cur:
    docs.append(cur)
copies = int(sys.argv[3]) if len(sys.argv) > 3 else 1
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for c in range(copies):
        for i, d in enumerate(docs):
            f.write(json.dumps({"text": "\n\n".join(d), "outlet": f"PUD {c}", "title": f"doc {i}"}) + "\n")
print(copies * sum(len(" ".join(d).split()) for d in docs))
