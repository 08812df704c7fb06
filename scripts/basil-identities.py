#!/usr/bin/env python3
"""Lists the names of BASIL's 30 most-mentioned actors per dev article: the
annotation helper behind crates/eval/data/basil-identities.tsv (parallax issue #15).

Usage: python3 scripts/basil-identities.py [BASIL_DIR] > body.tsv
(BASIL_DIR defaults to ../shared/data/basil). Names are found in BASIL's own
sentences, never in parallax's output: each form of ACTORS below, as a whole
capitalised run (a title or a sentence opener may stand before it), so "Trump" in
"Trump Tower" or "Senate" in "Senate Democrats" is not a name of the actor. The
JUDGED table holds the decisions made by reading the articles where another person
shares the surname. The output is sorted and deterministic.
"""
import json, glob, re, os, sys, collections

BASIL = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/basil"
ACTORS = {
 "Donald Trump": ["Donald John Trump","Donald J. Trump","Donald Trump","Trump"],
 "United States": ["United States of America","United States","U.S.","US","America","USA","U.S.A."],
 "Democratic Party": ["Democratic Party","Democrats"],
 "Barack Obama": ["Barack Hussein Obama","Barack Obama","Obama"],
 "Hillary Clinton": ["Hillary Rodham Clinton","Hillary Clinton","Clinton","Hillary"],
 "White House": ["White House"],
 "Republican Party": ["Republican Party","Republicans","GOP"],
 "House of Representatives": ["House of Representatives","House"],
 "Washington": ["Washington"],
 "Senate": ["Senate"],
 "Russia": ["Russia"],
 "Nancy Pelosi": ["Nancy Pelosi","Pelosi"],
 "FBI": ["Federal Bureau of Investigation","FBI"],
 "Fox News": ["Fox News"],
 "Mitt Romney": ["Mitt Romney","Willard Mitt Romney","Romney"],
 "Congress": ["Congress"],
 "Peter Strzok": ["Peter Strzok","Strzok"],
 "Robert Mueller": ["Robert S. Mueller III","Robert S. Mueller","Robert Mueller","Mueller"],
 "New York": ["New York"],
 "Colorado": ["Colorado"],
 "Bernie Sanders": ["Bernie Sanders","Bernard Sanders","Sanders"],
 "Adam Schiff": ["Adam B. Schiff","Adam Schiff","Schiff"],
 "Mike Huckabee": ["Mike Huckabee","Huckabee"],
 "Chuck Schumer": ["Charles E. Schumer","Charles Schumer","Chuck Schumer","Schumer"],
 "John Boehner": ["John A. Boehner","John Boehner","Boehner"],
 "Twitter": ["Twitter"],
 "California": ["California"],
 "Mexico": ["Mexico"],
 "Anthony Weiner": ["Anthony D. Weiner","Anthony Weiner","Weiner"],
 "Marco Rubio": ["Marco Rubio","Rubio"],
}
TITLES = set("President Mr. Mrs. Ms. Sen. Senator Rep. Gov. Governor Secretary Speaker Leader Vice Former Dr. Director Counsel Special Minority Majority Candidate Chairman Chairwoman Republican Democrat Democratic Rev. First Lady Lt. Attorney General Judge Justice Representative Congressman Congresswoman Presidents".split())
OPENERS=set("The A An If But When After Before Despite And Or So Then While As At In On For From To By With Without Under Over Since Until Though Although Because Yet Still Even Also Now Here There Former Calling Let Like Unlike Both Neither Either Why How What Where Who Did Does Do Is Was Has Have Had Will Would Should Could Can May Might Must Meanwhile Instead Last Next Earlier Later Asked Told Says Said Against Between Among Through Behind Inside Outside Of".split())
forms = sorted(((f,a) for a,fs in ACTORS.items() for f in fs), key=lambda x:-len(x[0]))
pat = re.compile(r"(?<![\w.])(" + "|".join(re.escape(f) for f,_ in forms) + r")(?![\w])")
of = dict(forms)
CAPW = re.compile(r"[A-Z][\w.'’-]*")
def run_ok(text, s, e):
    # word after
    after = text[e:]
    m = re.match(r"(?:’s|'s)?\s*([^\s]+)", after)
    if after.startswith(("’s","'s")):
        pass
    else:
        m2 = re.match(r"[ ]([A-Z][\w.-]*)", after)
        if m2 and m2.group(1) not in ("I",):
            return False
        if re.match(r"-[A-Za-z]", after): return False
    before = text[:s]
    m3 = re.search(r"([A-Z][\w.’'-]*)[ ]$", before)
    if m3 and m3.group(1) not in TITLES and m3.group(1) not in OPENERS:
        return False
    if re.search(r"[A-Za-z]-$", before): return False
    return True
out = collections.defaultdict(lambda: collections.Counter())
texts = {}
for f in sorted(glob.glob(os.path.join(BASIL, "articles", "*", "*.json"))):
    stem = os.path.basename(f)[:-5]
    d = json.load(open(f))
    paras = [" ".join(p) if isinstance(p,list) else p for p in d["body-paragraphs"]]
    text = "\n".join(paras)
    texts[stem]=text
    for m in pat.finditer(text):
        if run_ok(text, m.start(), m.end()):
            out[stem][m.group(1)] += 1
lines=[]
for stem in sorted(out):
    for surf,c in sorted(out[stem].items()):
        lines.append((stem, surf, of[surf], c))

# Judged by reading the articles (see the gold file's header): a surface that stands
# for another actor in that article, or for two.
JUDGED = {
 ("38f7cbb7-5d6a-4c89-bcbd-8e164144172a_1","Clinton"): "Bill Clinton",
 ("38f7cbb7-5d6a-4c89-bcbd-8e164144172a_2","Clinton"): "Bill Clinton",
 ("38f7cbb7-5d6a-4c89-bcbd-8e164144172a_3","Clinton"): "Bill Clinton",
 ("542cd22c-ea80-4669-995b-6ac6a33823f7_1","Sanders"): "Sarah Huckabee Sanders",
 ("be026bd1-52b1-4789-bfd3-3632af17b054_2","Sanders"): "Sarah Huckabee Sanders",
 ("84b3c118-50d2-45a5-a91f-7ed95b5d0143_2","Clinton"): None,
 ("b764f81f-6d08-4d7c-b1a8-8961bed0a455_3","Washington"): "Washington (state)",
 ("dd1e6e3b-f36c-4064-8ef9-940984e9afa2_2","Trump"): "Donald Trump Jr.",
}
EXTRA = []
for stem in sorted(texts):
    t = texts[stem]
    for surf in ["Donald Trump Jr.", "Trump Jr."]:
        if re.search(r"(?<![\w.])" + re.escape(surf) + r"(?![\w])", t) and not (surf == "Trump Jr." and re.search(r"Donald Trump Jr\.", t) and not re.search(r"(?<!Donald )Trump Jr\.", t)):
            EXTRA.append((stem, surf, "Donald Trump Jr."))
rows = []
for stem, surf, act, c in lines:
    act = JUDGED.get((stem, surf), act)
    if act is None:
        continue
    rows.append((stem, surf, act))
rows += EXTRA
rows.sort()
for r in rows:
    print("\t".join(r))
