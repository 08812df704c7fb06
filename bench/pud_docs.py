"""UNER PUD sentences as JSON Lines documents (one per newdoc), for timing the pipeline."""
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
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({"text": "\n\n".join(d), "outlet": "PUD", "title": f"doc {i}"}) + "\n")
print(sum(len(" ".join(d).split()) for d in docs))
