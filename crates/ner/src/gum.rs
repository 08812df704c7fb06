//! GUM (Georgetown University Multilayer corpus) in CoNLL-U with entity,
//! coreference and Wikipedia-link annotation (`../shared/data/gum-dev`, see its
//! SOURCE.md): documents, sentences, every entity mention with its chain
//! (`eid`), type and Wikipedia identity, and the **name mentions** derived
//! from them in UNER's conventions, for training and scoring.
//!
//! # Name mentions
//! GUM marks whole noun phrases ("U.S. President Donald Trump", "the
//! University of Helsinki") of ten types. A mention counts as a name when
//! * its type maps to a UNER type: `person` -> PER, `organization` -> ORG,
//!   `place` -> LOC. Left out: `event`, `time`, `object`, `abstract`,
//!   `substance`, `plant`, `animal` (UNER has no type for named events, works,
//!   products, species), and `person` mentions whose head is plural ("Muslims",
//!   "the Democrats": GUM's person groups, which UNER does not tag PER);
//! * its syntactic head (the token whose head lies outside the mention) is a
//!   proper noun (UPOS `PROPN`).
//!
//! The name's span is the head with the tokens joined to it by `flat`,
//! `compound`, `fixed`, `goeswith`, a following `nummod`, a proper adjective
//! (XPOS `NNP`, "International Brotherhood") or, for organisations and places,
//! a following `nmod` that holds a proper noun ("University of Helsinki"; a
//! person's "of" phrase is outside: "Paul D. Ryan of Wisconsin" is the person
//! "Paul D. Ryan" and the place "Wisconsin"), with those tokens' own such
//! dependents and their `case`/`det`/`cc` words inside; determiners in front,
//! titles (`nmod:desc`: "President", "Vice President"), appositions and
//! relative clauses are outside, as in UNER. A name that is only title words
//! (`data/titles.txt`: "the President") is not a name. A name nested inside
//! another name ("Helsinki" in "University of Helsinki") is left out, since
//! UNER tags the outermost name only.
//!
//! # Parts
//! [`part_of`] splits the documents deterministically into a training part and
//! a held-out part (alternate documents of each genre in id order), so the
//! tagger can be trained on one and scored on the other.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::EntityKind;
use crate::eval::Sentence;

/// One word of a sentence.
#[derive(Debug, Clone)]
pub struct Word {
    /// The word form.
    pub form: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific part-of-speech tag.
    pub xpos: String,
    /// Head word index in the sentence (0-based), `None` for the root.
    pub head: Option<usize>,
    /// Universal dependency relation to the head.
    pub deprel: String,
    /// `Number=Plur` in FEATS.
    pub plural: bool,
    /// `PronType=Prs` in FEATS (personal and possessive pronouns).
    pub personal_pronoun: bool,
}

/// One sentence: its `# text`, words and where each word is in the text.
#[derive(Debug, Clone)]
pub struct GumSentence {
    /// The sentence id (`# sent_id`).
    pub id: String,
    /// The sentence text (`# text`).
    pub text: String,
    /// First sentence of a paragraph (`# newpar`).
    pub new_paragraph: bool,
    /// Its words.
    pub words: Vec<Word>,
    /// Byte offsets of each word in `text`; `None` when the words cannot be
    /// found in the text in order.
    pub offsets: Option<Vec<(usize, usize)>>,
}

/// One entity mention: words `start..end` of sentence `sent`.
#[derive(Debug, Clone)]
pub struct GumMention {
    /// The chain (coreference entity) id within the document.
    pub eid: String,
    /// GUM's entity type (`person`, `organization`, `place`, ...).
    pub etype: String,
    /// Index of the sentence in the document.
    pub sent: usize,
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The syntactic head word.
    pub head: usize,
    /// Wikipedia title, when linked.
    pub identity: Option<String>,
}

/// A name mention in UNER's conventions (see the module docs).
#[derive(Debug, Clone)]
pub struct GumName {
    /// Index into [`GumDoc::mentions`].
    pub mention: usize,
    /// Index of the sentence in the document.
    pub sent: usize,
    /// Words `start..end` of the sentence.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The UNER kind of the name.
    pub kind: EntityKind,
}

/// One GUM document.
#[derive(Debug, Clone)]
pub struct GumDoc {
    /// `newdoc id` ("GUM_interview_ants").
    pub id: String,
    /// The genre: the second part of the id ("interview").
    pub genre: String,
    /// Its sentences.
    pub sentences: Vec<GumSentence>,
    /// Its entity mentions, named or not.
    pub mentions: Vec<GumMention>,
    /// Its name mentions in UNER's conventions.
    pub names: Vec<GumName>,
}

/// Which documents are used for what (see [`part_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The training part.
    Train,
    /// The held-out part.
    Test,
}

impl Part {
    /// `train` or `test`.
    pub fn parse(s: &str) -> Option<Part> {
        match s {
            "train" => Some(Part::Train),
            "test" => Some(Part::Test),
            _ => None,
        }
    }
}

/// The part of each document: within each genre, documents sorted by id
/// alternate train, test, train, ... (so both parts have every genre).
pub fn part_of(docs: &[GumDoc]) -> Vec<Part> {
    let mut by_genre: BTreeMap<&str, Vec<(&str, usize)>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_genre
            .entry(d.genre.as_str())
            .or_default()
            .push((d.id.as_str(), i));
    }
    let mut out = vec![Part::Train; docs.len()];
    for v in by_genre.values_mut() {
        v.sort();
        for (j, &(_, i)) in v.iter().enumerate() {
            out[i] = if j % 2 == 0 { Part::Train } else { Part::Test };
        }
    }
    out
}

impl GumDoc {
    /// The document's text: sentences joined by a space, paragraphs by a
    /// blank line. Returns the text and each sentence's start in it.
    pub fn text(&self) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(self.sentences.len());
        for s in &self.sentences {
            if !text.is_empty() {
                text.push_str(if s.new_paragraph { "\n\n" } else { " " });
            }
            starts.push(text.len());
            text.push_str(&s.text);
        }
        (text, starts)
    }

    /// The title (`# meta::title`) is not kept; the first sentence usually is
    /// the heading. Byte span of a name in its sentence's text, when aligned.
    pub fn name_span(&self, n: &GumName) -> Option<(usize, usize)> {
        self.word_span(n.sent, n.start, n.end)
    }

    /// Byte span of words `start..end` of sentence `sent` in its text.
    pub fn word_span(&self, sent: usize, start: usize, end: usize) -> Option<(usize, usize)> {
        let offs = self.sentences[sent].offsets.as_ref()?;
        Some((offs[start].0, offs[end - 1].1))
    }

    /// The sentences as UNER-style [`Sentence`]s: word forms with IOB2 tags of
    /// the name mentions (for training and token-level scoring).
    pub fn iob2(&self) -> Vec<Sentence> {
        let mut out: Vec<Sentence> = self
            .sentences
            .iter()
            .map(|s| Sentence {
                id: s.id.clone(),
                doc: self.id.clone(),
                text: s.text.clone(),
                tokens: s.words.iter().map(|w| w.form.clone()).collect(),
                tags: vec!["O".to_string(); s.words.len()],
            })
            .collect();
        for n in &self.names {
            let tags = &mut out[n.sent].tags;
            for (j, t) in tags.iter_mut().enumerate().take(n.end).skip(n.start) {
                *t = format!(
                    "{}-{}",
                    if j == n.start { "B" } else { "I" },
                    n.kind.label()
                );
            }
        }
        out
    }
}

/// The `.conllu` files of a GUM folder (or the file itself), sorted.
pub fn gum_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{}: no GUM gold here (expected *.conllu files, as in gum-dev)",
            dir.display()
        ));
    }
    Ok(files)
}

/// Reads every document of a GUM folder (or one file), in file order.
pub fn read_gum(dir: &Path) -> Result<Vec<GumDoc>, String> {
    let mut docs = Vec::new();
    for f in gum_files(dir)? {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let before = docs.len();
        docs.extend(parse_gum(&text).map_err(|e| format!("{}: {e}", f.display()))?);
        if docs.len() == before {
            return Err(format!("{}: no documents in CoNLL-U format", f.display()));
        }
    }
    Ok(docs)
}

/// An entity still open while its words are read.
struct Open {
    eid: String,
    etype: String,
    identity: Option<String>,
    sent: usize,
    start: usize,
}

/// Parses GUM CoNLL-U text (one or more documents).
pub fn parse_gum(text: &str) -> Result<Vec<GumDoc>, String> {
    let mut docs: Vec<GumDoc> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut pending_par = false;
    let mut sent: Option<GumSentence> = None;
    let finish = |docs: &mut Vec<GumDoc>, sent: &mut Option<GumSentence>| {
        if let Some(mut s) = sent.take() {
            if let Some(d) = docs.last_mut() {
                let forms: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
                s.offsets = crate::eval::align(&s.text, &forms);
                d.sentences.push(s);
            }
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            finish(&mut docs, &mut sent);
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix("newdoc id =") {
                finish(&mut docs, &mut sent);
                open.clear();
                let id = v.trim().to_string();
                let genre = id.split('_').nth(1).unwrap_or("").to_string();
                docs.push(GumDoc {
                    id,
                    genre,
                    sentences: Vec::new(),
                    mentions: Vec::new(),
                    names: Vec::new(),
                });
                pending_par = true;
            } else if rest == "newpar" || rest.starts_with("newpar ") {
                pending_par = true;
            } else if let Some(v) = rest.strip_prefix("sent_id =") {
                finish(&mut docs, &mut sent);
                sent = Some(GumSentence {
                    id: v.trim().to_string(),
                    text: String::new(),
                    new_paragraph: std::mem::take(&mut pending_par),
                    words: Vec::new(),
                    offsets: None,
                });
            } else if let Some(v) = rest.strip_prefix("text =") {
                if let Some(s) = sent.as_mut() {
                    s.text = v.trim().to_string();
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!(
                "line {}: expected 10 tab-separated columns, got {}",
                ln + 1,
                cols.len()
            ));
        }
        // Multiword-token ranges and empty nodes carry no entities.
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let Some(s) = sent.as_mut() else {
            return Err(format!("line {}: a word before any `# sent_id`", ln + 1));
        };
        let Some(d) = docs.last_mut() else {
            return Err(format!("line {}: a word before any `# newdoc id`", ln + 1));
        };
        let head: usize = cols[6]
            .parse()
            .map_err(|_| format!("line {}: bad HEAD {:?}", ln + 1, cols[6]))?;
        let wi = s.words.len();
        s.words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: head.checked_sub(1),
            deprel: cols[7].to_string(),
            plural: cols[5].split('|').any(|f| f == "Number=Plur"),
            personal_pronoun: cols[5].split('|').any(|f| f == "PronType=Prs"),
        });
        let sent_idx = d.sentences.len();
        if let Some(ent) = cols[9].split('|').find_map(|f| f.strip_prefix("Entity=")) {
            parse_entity_field(ent, sent_idx, wi, &mut open, &mut d.mentions)
                .map_err(|e| format!("line {}: {e}", ln + 1))?;
        }
    }
    finish(&mut docs, &mut sent);
    for d in &mut docs {
        for m in &mut d.mentions {
            m.head = mention_head(&d.sentences[m.sent].words, m.start, m.end);
        }
        d.names = names_of(d);
    }
    Ok(docs)
}

/// Reads one `Entity=` value: `(eid-etype-...` opens, `eid)` closes, `(...)`
/// is a one-word mention.
fn parse_entity_field(
    v: &str,
    sent: usize,
    word: usize,
    open: &mut Vec<Open>,
    out: &mut Vec<GumMention>,
) -> Result<(), String> {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let j = v[i + 1..].find(['(', ')']).map_or(v.len(), |k| k + i + 1);
            let fields: Vec<&str> = v[i + 1..j].splitn(8, '-').collect();
            if fields.len() < 2 {
                return Err(format!("bad entity {:?}", &v[i..j]));
            }
            let o = Open {
                eid: fields[0].to_string(),
                etype: fields[1].to_string(),
                identity: fields
                    .get(7)
                    .filter(|s| !s.is_empty())
                    .map(|s| s.to_string()),
                sent,
                start: word,
            };
            if j < b.len() && b[j] == b')' {
                out.push(close(o, sent, word + 1));
                i = j + 1;
            } else {
                open.push(o);
                i = j;
            }
        } else {
            let j = v[i..]
                .find(')')
                .map(|k| k + i)
                .ok_or_else(|| format!("bad entity close {:?}", &v[i..]))?;
            let eid = &v[i..j];
            let k = open
                .iter()
                .rposition(|o| o.eid == eid)
                .ok_or_else(|| format!("entity {eid} closed but not open"))?;
            let o = open.remove(k);
            // Mentions never cross sentences in GUM; one that does is dropped.
            if o.sent == sent {
                out.push(close(o, sent, word + 1));
            }
            i = j + 1;
        }
    }
    Ok(())
}

fn close(o: Open, sent: usize, end: usize) -> GumMention {
    GumMention {
        eid: o.eid,
        etype: o.etype,
        sent,
        start: o.start,
        end,
        head: o.start,
        identity: o.identity,
    }
}

/// The first word of `start..end` whose head is outside it.
fn mention_head(words: &[Word], start: usize, end: usize) -> usize {
    (start..end)
        .find(|&i| words[i].head.is_none_or(|h| h < start || h >= end))
        .unwrap_or(start)
}

/// Whether `word` is a title that announces a person ("President", "Dr."), in
/// any case (`data/titles.txt`).
pub fn is_title(word: &str) -> bool {
    static TITLES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    TITLES
        .get_or_init(|| {
            include_str!("../data/titles.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .flat_map(|l| l.split_whitespace())
                .map(|w| w.trim_end_matches('.').to_lowercase())
                .collect()
        })
        .contains(&word.trim_end_matches('.').to_lowercase())
}

/// The name mentions of a document (see the module docs).
fn names_of(d: &GumDoc) -> Vec<GumName> {
    let mut names: Vec<GumName> = Vec::new();
    for (mi, m) in d.mentions.iter().enumerate() {
        let kind = match m.etype.as_str() {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Org,
            "place" => EntityKind::Loc,
            _ => continue,
        };
        let words = &d.sentences[m.sent].words;
        let h = m.head;
        if words[h].upos != "PROPN" {
            continue;
        }
        if kind == EntityKind::Person && words[h].plural {
            continue;
        }
        let Some((a, b)) = name_words(words, m.start, m.end, h, kind) else {
            continue;
        };
        if (a..b).all(|i| is_title(&words[i].form) || words[i].upos == "PUNCT") {
            continue;
        }
        names.push(GumName {
            mention: mi,
            sent: m.sent,
            start: a,
            end: b,
            kind,
        });
    }
    // The same span twice (two mentions, one name): keep the first.
    let mut seen: HashMap<(usize, usize, usize), ()> = HashMap::new();
    names.retain(|n| seen.insert((n.sent, n.start, n.end), ()).is_none());
    // Nested names: keep the outermost.
    let spans: Vec<(usize, usize, usize)> =
        names.iter().map(|n| (n.sent, n.start, n.end)).collect();
    names.retain(|n| {
        !spans.iter().any(|&(s, a, b)| {
            s == n.sent && a <= n.start && n.end <= b && (a, b) != (n.start, n.end)
        })
    });
    names
}

/// The words of the name headed by `h` inside mention `start..end`.
fn name_words(
    words: &[Word],
    start: usize,
    end: usize,
    h: usize,
    kind: EntityKind,
) -> Option<(usize, usize)> {
    let mut inside = vec![false; end - start];
    inside[h - start] = true;
    // Grow from the head until no more words join (the tree is shallow).
    loop {
        let mut grew = false;
        for i in start..end {
            if inside[i - start] {
                continue;
            }
            let Some(p) = words[i].head else { continue };
            if p < start || p >= end || !inside[p - start] {
                continue;
            }
            let rel = words[i].deprel.as_str();
            let base = rel.split(':').next().unwrap_or(rel);
            let parent_is_head = p == h;
            let join = match base {
                "flat" | "fixed" | "goeswith" => true,
                "compound" => rel != "compound:prt",
                "nummod" => i > p,
                "amod" => words[i].xpos.starts_with("NNP"),
                // a person's name takes no "of" phrase: "Paul D. Ryan of
                // Wisconsin" is the person "Paul D. Ryan" and the place
                // "Wisconsin", as UNER tags them
                "nmod" => {
                    kind != EntityKind::Person
                        && rel != "nmod:desc"
                        && rel != "nmod:poss"
                        && i > p
                        && subtree_has_propn(words, i, start, end)
                }
                // Function words of a joined nmod ("of", "the" in "Bank of the
                // West"), never the determiner of the name itself.
                "case" | "det" | "cc" => !parent_is_head,
                "punct" => !parent_is_head && i > start && i + 1 < end,
                _ => false,
            };
            if join {
                inside[i - start] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // The contiguous run around the head.
    let mut a = h;
    while a > start && inside[a - 1 - start] {
        a -= 1;
    }
    let mut b = h + 1;
    while b < end && inside[b - start] {
        b += 1;
    }
    // Never begin or end on a function word or punctuation.
    while a < b && matches!(words[a].upos.as_str(), "DET" | "ADP" | "CCONJ" | "PUNCT") {
        a += 1;
    }
    while b > a
        && matches!(
            words[b - 1].upos.as_str(),
            "DET" | "ADP" | "CCONJ" | "PUNCT"
        )
    {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// Whether the subtree of word `i` inside `start..end` holds a proper noun.
fn subtree_has_propn(words: &[Word], i: usize, start: usize, end: usize) -> bool {
    (start..end).any(|j| {
        if words[j].upos != "PROPN" {
            return false;
        }
        // Walk up from j to see whether i is an ancestor (or j itself).
        let mut k = j;
        for _ in 0..words.len() {
            if k == i {
                return true;
            }
            match words[k].head {
                Some(p) => k = p,
                None => return false,
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name of `d` as (its words, its UNER label).
    fn names_of_doc(d: &GumDoc) -> Vec<(&str, &str)> {
        d.names
            .iter()
            .map(|n| {
                let (a, b) = d.name_span(n).unwrap();
                (&d.sentences[n.sent].text[a..b], n.kind.label())
            })
            .collect()
    }

    const DOC: &str = "# newdoc id = GUM_news_test\n# newpar\n# sent_id = t-1\n\
# text = President Barack Obama met the University of Helsinki.\n\
1\tPresident\tPresident\tPROPN\tNNP\tNumber=Sing\t2\tnmod:desc\t_\tEntity=(1-person-new-s-c-1-coref-Barack_Obama\n\
2\tBarack\tBarack\tPROPN\tNNP\tNumber=Sing\t4\tnsubj\t_\t_\n\
3\tObama\tObama\tPROPN\tNNP\tNumber=Sing\t2\tflat\t_\tEntity=1)\n\
4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(2-organization-new-s-c-1-coref-University_of_Helsinki\n\
6\tUniversity\tUniversity\tPROPN\tNNP\tNumber=Sing\t4\tobj\t_\t_\n\
7\tof\tof\tADP\tIN\t_\t8\tcase\t_\t_\n\
8\tHelsinki\tHelsinki\tPROPN\tNNP\tNumber=Sing\t6\tnmod\t_\tEntity=(3-place-new-s-c-1-coref-Helsinki)2)|SpaceAfter=No\n\
9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# sent_id = t-2\n# text = He and the Democrats smiled.\n\
1\tHe\the\tPRON\tPRP\tPronType=Prs\t5\tnsubj\t_\tEntity=(1-person-giv-s-c-1-ana)\n\
2\tand\tand\tCCONJ\tCC\t_\t4\tcc\t_\t_\n\
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(4-person-new-s-c-1-coref\n\
4\tDemocrats\tDemocrat\tPROPN\tNNPS\tNumber=Plur\t1\tconj\t_\tEntity=4)\n\
5\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n";

    #[test]
    fn reads_mentions_and_names() {
        let docs = parse_gum(DOC).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.genre, "news");
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(d.mentions.len(), 5);
        let obama = &d.mentions[0];
        assert_eq!((obama.start, obama.end, obama.head), (0, 3, 1));
        assert_eq!(obama.identity.as_deref(), Some("Barack_Obama"));
        let names = names_of_doc(d);
        // Title and determiner outside, nested Helsinki dropped, the plural
        // person group left out, the pronoun is no name.
        assert_eq!(
            names,
            vec![("Barack Obama", "PER"), ("University of Helsinki", "ORG")]
        );
        let iob = d.iob2();
        assert_eq!(iob[0].tags[..4], ["O", "B-PER", "I-PER", "O"]);
        let (text, starts) = d.text();
        assert_eq!(&text[starts[1]..starts[1] + 2], "He");
    }

    #[test]
    fn a_persons_of_phrase_is_outside_the_name() {
        const RYAN: &str = "# newdoc id = GUM_news_ryan\n# sent_id = r-1\n\
# text = Paul Ryan of Wisconsin spoke.\n\
1\tPaul\tPaul\tPROPN\tNNP\tNumber=Sing\t5\tnsubj\t_\tEntity=(1-person-new-s-c-1-coref-Paul_Ryan\n\
2\tRyan\tRyan\tPROPN\tNNP\tNumber=Sing\t1\tflat\t_\t_\n\
3\tof\tof\tADP\tIN\t_\t4\tcase\t_\t_\n\
4\tWisconsin\tWisconsin\tPROPN\tNNP\tNumber=Sing\t1\tnmod\t_\tEntity=(2-place-new-s-c-1-coref-Wisconsin)1)\n\
5\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n";
        let d = &parse_gum(RYAN).unwrap()[0];
        let mut names = names_of_doc(d);
        names.sort();
        assert_eq!(names, vec![("Paul Ryan", "PER"), ("Wisconsin", "LOC")]);
    }

    #[test]
    fn parts_alternate_within_genres() {
        let mut docs = parse_gum(DOC).unwrap();
        let mut b = docs[0].clone();
        b.id = "GUM_news_zzz".into();
        docs.push(b);
        assert_eq!(part_of(&docs), vec![Part::Train, Part::Test]);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(parse_gum("# newdoc id = x\n# sent_id = a\n1\tx\n").is_err());
        assert!(
            parse_gum("# newdoc id = x\n# sent_id = a\n1\tx\tx\tX\tX\t_\t0\troot\t_\tEntity=3)\n")
                .is_err()
        );
        assert!(read_gum(Path::new("/nonexistent/gum")).is_err());
    }
}
