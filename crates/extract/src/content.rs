//! Main-content selection and block emission.
//!
//! Four linear passes over the arena tree:
//! 1. classify every element (dead: never text; boilerplate by tag, class, id
//!    or role; main-content hint) and inherit context flags downwards;
//! 2. measure text and link text per block element, bottom-up;
//! 3. score candidate containers Readability-style (paragraph text credited to
//!    the parent and, decaying, to further ancestors), reconcile with explicit
//!    article-body hints, and pick the container plus related siblings;
//! 4. walk the chosen subtrees emitting blocks, pruning boilerplate subtrees,
//!    link-heavy lists and boilerplate lines.

use crate::dom::{Doc, NONE, Tag};
use crate::furniture::{is_furniture, starts_with_word};
use crate::{Block, BlockKind};

const F_DEAD: u16 = 1; // never yields text (script, hidden, form controls...)
const F_BOILER: u16 = 2; // boilerplate container (nav, share bar, comments...)
const F_LINK: u16 = 4; // inside <a>
const F_PRE: u16 = 8;
const F_QUOTE: u16 = 16;
const F_LI: u16 = 32;
const F_HEAD: u16 = 64;
const F_COMMENTS: u16 = 128; // comment sections: never rescued by size
const F_TABLE: u16 = 256;
const F_STYLE_HIDDEN: u16 = 512;

struct Analysis {
    flags: Vec<u16>,
    /// Main-content hint strength per node (0 = none).
    hint: Vec<u8>,
    /// Nearest block-level ancestor-or-self of every node.
    blk: Vec<u32>,
    /// Text bytes (whitespace-trimmed runs) below each node, outside dead subtrees.
    len: Vec<u32>,
    /// Same, inside links.
    link: Vec<u32>,
    /// Text bytes in paragraph-like blocks below each node, outside boilerplate.
    good: Vec<u32>,
}

fn is_dead_tag(t: Tag) -> bool {
    use Tag::*;
    matches!(
        t,
        Script
            | Style
            | Noscript
            | Template
            | Svg
            | Math
            | Canvas
            | Iframe
            | Object
            | Embed
            | Audio
            | Video
            | Select
            | Option
            | Optgroup
            | Button
            | Input
            | Textarea
            | Head
            | Title
            | Map
            | Frame
            | Frameset
            | Applet
            | Output
            | Dialog
            | Noembed
            | Noframes
            | Keygen
            | Img
            | Picture
            | Source
            | Track
            | Area
            | Meta
            | Link
            | Base
            | Param
    )
}

/// Boilerplate by tag alone (still subject to the "not the article itself" rescue).
fn is_boiler_tag(t: Tag) -> bool {
    use Tag::*;
    matches!(
        t,
        Nav | Aside | Footer | Menu | Figcaption | Form | Header | Fieldset | Legend | Label
    )
}

fn is_block_tag(t: Tag) -> bool {
    use Tag::*;
    t.is_block() || matches!(t, Li | Dd | Dt | Tr)
}

/// Lowercased `class`, `id`, `role` and `itemprop` of an element, space-separated.
fn descriptor(doc: &Doc, n: u32, buf: &mut String) {
    buf.clear();
    for name in ["class", "id", "role", "itemprop"] {
        if let Some(v) = doc.attr(n, name) {
            buf.push(' ');
            for c in v.chars() {
                buf.push(c.to_ascii_lowercase());
            }
        }
    }
    buf.push(' ');
}

/// Substrings of class/id/role that mark the article body; higher = stronger.
const HINTS: &[(&str, u8)] = &[
    ("articlebody", 5),
    ("article-body", 4),
    ("article_body", 4),
    ("article__body", 4),
    ("articlebody", 4),
    ("story-body", 4),
    ("storybody", 4),
    ("story_body", 4),
    ("entry-content", 4),
    ("entry_content", 4),
    ("post-content", 3),
    ("post_content", 3),
    ("postcontent", 3),
    ("post-body", 3),
    ("postbody", 3),
    ("post-entry", 3),
    ("entry-body", 3),
    ("article-content", 3),
    ("article_content", 3),
    ("articlecontent", 3),
    ("article__content", 3),
    ("article-text", 3),
    ("articletext", 3),
    ("article_text", 3),
    ("story-content", 3),
    ("story-text", 3),
    ("storycontent", 3),
    ("content-body", 3),
    ("body-text", 3),
    ("bodytext", 3),
    ("post-text", 3),
    ("blog-content", 2),
    ("single-content", 2),
    ("news-content", 2),
    ("page-content", 1),
    ("main-content", 1),
    ("rich-text", 1),
    ("richtext", 1),
];

/// Substrings of class/id that mark boilerplate.
const BOILER: &[&str] = &[
    "sidebar",
    "side-bar",
    "breadcrumb",
    "related",
    "sharing",
    "share-",
    "-share",
    "_share",
    "share_",
    "sharebar",
    "shareb",
    "social",
    "newsletter",
    "subscri",
    "paywall",
    "cookie",
    "consent",
    "gdpr",
    "advert",
    "sponsor",
    "promo",
    "outbrain",
    "taboola",
    "zergnet",
    "recommend",
    "trending",
    "popular",
    "most-read",
    "mostread",
    "more-stories",
    "read-more",
    "readmore",
    "byline",
    "author-bio",
    "authorbio",
    "author-info",
    "about-author",
    "post-meta",
    "entry-meta",
    "article-meta",
    "postmeta",
    "entry-footer",
    "post-footer",
    "article-footer",
    "dateline",
    "timestamp",
    "pagination",
    "pager",
    "post-nav",
    "postnav",
    "navigation",
    "navbar",
    "footer",
    "masthead",
    "toolbar",
    "popup",
    "modal",
    "overlay",
    "signup",
    "sign-up",
    "login",
    "caption",
    "credit",
    "tagcloud",
    "tag-list",
    "taglist",
    "post-tags",
    "entry-tags",
    "article-tags",
    "categories",
    "banner",
    "skip-link",
    "jp-relatedposts",
    "yarpp",
    "addtoany",
    "sharedaddy",
    "shariff",
    "rating",
    "reactions",
    "print-only",
    "hidden-print",
    "screen-reader",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "nocontent",
    "disclaimer",
    "further-reading",
    "see-also",
    "author-box",
    "authorbox",
    "factbox",
    "fact-box",
    "disclosure",
    "share",
    "pullquote",
    "pull-quote",
    "pull_quote",
];

/// Whole class/id/role tokens that mark boilerplate.
const BOILER_TOKENS: &[&str] = &[
    "nav",
    "menu",
    "ad",
    "ads",
    "adv",
    "tags",
    "meta",
    "header",
    "navigation",
    "banner",
    "complementary",
    "contentinfo",
    "search",
    "alert",
    "byline",
    "author",
    "date",
    "published",
    "updated",
    "subtitle",
    "noprint",
    "skip",
    "topics",
    "keywords",
    "more",
];

/// Whole class names (space-separated) that mark boilerplate. Not "hidden":
/// galleries and tabs hide text that JavaScript reveals.
const BOILER_CLASSES: &[&str] = &["tag", "print", "no-print"];

const COMMENTS: &[&str] = &[
    "comment",
    "comments",
    "respond",
    "replies",
    "discussion",
    "reply",
];

fn tokens_contain(desc: &str, words: &[&str]) -> bool {
    desc.split([' ', '_', '-'])
        .filter(|t| !t.is_empty())
        .any(|t| words.contains(&t))
}

fn analyse(doc: &Doc) -> Analysis {
    let n = doc.nodes.len();
    let mut flags = vec![0u16; n];
    let mut hint = vec![0u8; n];
    let mut blk = vec![0u32; n];
    let mut buf = String::new();
    for i in 1..n {
        let node = &doc.nodes[i];
        let p = node.parent as usize;
        // Inherited context.
        let mut f = flags[p] & (F_DEAD | F_LINK | F_PRE | F_QUOTE | F_LI | F_HEAD | F_TABLE);
        let t = node.tag;
        blk[i] = if is_block_tag(t) { i as u32 } else { blk[p] };
        if t == Tag::Text {
            flags[i] = f;
            continue;
        }
        match t {
            Tag::A => f |= F_LINK,
            Tag::Pre => f |= F_PRE,
            Tag::Blockquote => f |= F_QUOTE,
            Tag::Li | Tag::Dd | Tag::Dt => f |= F_LI,
            Tag::Table => f |= F_TABLE,
            _ if t.is_heading() => f |= F_HEAD,
            _ => {}
        }
        if is_dead_tag(t) {
            f |= F_DEAD;
        }
        if is_boiler_tag(t) {
            f |= F_BOILER;
        }
        if f & F_DEAD == 0 {
            if doc.attr(i as u32, "hidden").is_some()
                || doc.attr(i as u32, "aria-hidden") == Some("true")
            {
                f |= F_DEAD;
            } else if doc.attr(i as u32, "style").is_some_and(|s| {
                let s = s.to_ascii_lowercase().replace(' ', "");
                s.contains("display:none") || s.contains("visibility:hidden")
            }) {
                // Hidden by style: boilerplate unless it holds paragraphs
                // (gallery slides and tabs that scripts reveal).
                f |= F_BOILER | F_STYLE_HIDDEN;
            }
            descriptor(doc, i as u32, &mut buf);
            // Page-wide classes on <html>/<body> describe the site, not a region.
            if buf.len() > 1 && !matches!(t, Tag::Html | Tag::Body) {
                let mut h = 0u8;
                for (pat, s) in HINTS {
                    if buf.contains(pat) {
                        h = h.max(*s);
                    }
                }
                if buf.contains(" main ") && h == 0 {
                    h = 1;
                }
                if h > 0 {
                    hint[i] = h;
                } else if tokens_contain(&buf, COMMENTS)
                    || buf.contains("commentlist")
                    || buf.contains("disqus")
                {
                    f |= F_BOILER | F_COMMENTS;
                } else if BOILER.iter().any(|c| buf.contains(c))
                    || tokens_contain(&buf, BOILER_TOKENS)
                    || buf.split(' ').any(|c| {
                        BOILER_CLASSES.contains(&c)
                            // WordPress sidebar widgets, not page-builder
                            // "elementor-widget" wrappers.
                            || c.starts_with("widget")
                    })
                {
                    f |= F_BOILER;
                }
            }
            if t == Tag::Article && hint[i] == 0 {
                hint[i] = 2;
            } else if t == Tag::Main && hint[i] == 0 {
                hint[i] = 1;
            }
        }
        flags[i] = f;
    }
    let mut a = Analysis {
        flags,
        hint,
        blk,
        len: vec![0; n],
        link: vec![0; n],
        good: vec![0; n],
    };
    // First measure ignoring boilerplate marks, to rescue marked wrappers that
    // hold the article (Blogger's class="widget Blog", page-wide <form>s,
    // <body class="has-sidebar">), then measure for real.
    measure(doc, &mut a, true);
    let body = (0..n).find(|&i| doc.nodes[i].tag == Tag::Body).unwrap_or(0);
    let total = a.good[body].max(1);
    // Raw text of the nearest hinted ancestor (or the body): a marked element
    // holding most of it is the article, not boilerplate.
    let mut ctx = vec![total; n];
    for i in 1..n {
        let p = doc.nodes[i].parent as usize;
        ctx[i] = if a.hint[p] >= 2 && a.good[p] >= 200 {
            a.good[p]
        } else {
            ctx[p]
        };
        let f = a.flags[i];
        if f & F_BOILER != 0
            && f & F_COMMENTS == 0
            && !matches!(
                doc.nodes[i].tag,
                Tag::Nav | Tag::Aside | Tag::Footer | Tag::Figcaption
            )
            && a.good[i] as f32 > 0.5 * ctx[i] as f32
        {
            a.flags[i] &= !F_BOILER;
        }
        // Hidden slides of a gallery: repeated siblings of one class.
        if f & F_STYLE_HIDDEN != 0 && a.good[i] >= 150 && has_twin(doc, i as u32) {
            a.flags[i] &= !F_BOILER;
        }
        // A caption made of real paragraphs is gallery text, not a caption.
        if doc.nodes[i].tag == Tag::P && a.good[i] >= 100 && doc.nodes[p].tag == Tag::Figcaption {
            a.flags[p] &= !F_BOILER;
        }
        if a.hint[i] >= 2 && a.good[i] >= 200 && f & F_DEAD == 0 {
            let mut cur = doc.nodes[i].parent;
            while cur != NONE {
                if a.flags[cur as usize] & F_COMMENTS == 0 {
                    a.flags[cur as usize] &= !F_BOILER;
                }
                cur = doc.nodes[cur as usize].parent;
            }
        }
    }
    measure(doc, &mut a, false);
    a
}

/// Bottom-up text measures (reverse document order: children before parents).
fn measure(doc: &Doc, a: &mut Analysis, ignore_boiler: bool) {
    let n = doc.nodes.len();
    a.len.iter_mut().for_each(|x| *x = 0);
    a.link.iter_mut().for_each(|x| *x = 0);
    a.good.iter_mut().for_each(|x| *x = 0);
    for i in (1..n).rev() {
        let node = &doc.nodes[i];
        if a.flags[i] & F_DEAD != 0 {
            continue;
        }
        if node.tag == Tag::Text {
            let t = doc.node_text(i as u32).trim();
            let l = t.len() as u32;
            a.len[i] = l;
            if a.flags[i] & F_LINK != 0 {
                a.link[i] = l;
            }
        }
        let p = node.parent as usize;
        if p != NONE as usize {
            a.len[p] += a.len[i];
            a.link[p] += a.link[i];
        }
    }
    // Paragraph-like text: per block element, its text not inside nested blocks.
    let mut own_len = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    for i in 1..n {
        if doc.nodes[i].tag == Tag::Text && a.flags[i] & F_DEAD == 0 {
            let b = a.blk[i] as usize;
            own_len[b] += a.len[i];
            own_link[b] += a.link[i];
        }
    }
    for i in (1..n).rev() {
        let f = a.flags[i];
        if f & F_DEAD != 0 {
            continue;
        }
        let l = own_len[i];
        if l >= 25 && (own_link[i] as f32) < 0.5 * l as f32 && f & (F_HEAD) == 0 {
            a.good[i] += l - own_link[i];
        }
        let p = doc.nodes[i].parent;
        if p != NONE && (ignore_boiler || f & F_BOILER == 0) {
            a.good[p as usize] += a.good[i];
        }
    }
}

/// Picks the main container(s): returns subtree roots in document order.
fn choose(doc: &Doc, a: &Analysis) -> Vec<u32> {
    let n = doc.nodes.len();
    let body = (0..n).find(|&i| doc.nodes[i].tag == Tag::Body).unwrap_or(0) as u32;
    // Readability-style credit: a paragraph's own text goes to its parent in
    // full, then decaying to up to three more ancestors.
    let mut score = vec![0f32; n];
    let mut own_len = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    let mut commas = vec![0u32; n];
    for i in 1..n {
        if doc.nodes[i].tag == Tag::Text && a.flags[i] & F_DEAD == 0 {
            let b = a.blk[i] as usize;
            own_len[b] += a.len[i];
            own_link[b] += a.link[i];
            let t = doc.node_text(i as u32);
            commas[b] += memchr::memchr_iter(b',', t.as_bytes()).count() as u32;
        }
    }
    for i in 1..n {
        let l = own_len[i];
        if l < 25 || a.flags[i] & (F_DEAD | F_HEAD) != 0 || (own_link[i] as f32) > 0.5 * l as f32 {
            continue;
        }
        if in_boiler(doc, a, i as u32) {
            continue;
        }
        let base = 1.0 + commas[i] as f32 + (l as f32 / 100.0).min(3.0);
        // A block with direct text is itself a candidate for its text (div-as-p).
        let mut cur = if doc.nodes[i].tag == Tag::P {
            doc.nodes[i].parent
        } else {
            i as u32
        };
        let mut level = 0;
        while cur != NONE && level < 4 {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[cur as usize] += base / div;
            cur = doc.nodes[cur as usize].parent;
            level += 1;
        }
    }
    let mut best = NONE;
    let mut best_s = 0f32;
    for (i, &sc) in score.iter().enumerate().skip(1) {
        if sc <= 0.0 || in_boiler(doc, a, i as u32) {
            continue;
        }
        let ld = if a.len[i] > 0 {
            a.link[i] as f32 / a.len[i] as f32
        } else {
            0.0
        };
        let s = sc * (1.0 - ld);
        if s > best_s {
            best_s = s;
            best = i as u32;
        }
    }
    // Explicit hints (itemprop=articleBody, class=entry-content, <article>).
    let mut hinted = NONE;
    let mut hinted_key = (0u8, 0u32);
    let total_good = a.good[body as usize].max(1);
    for i in 1..n {
        let h = a.hint[i];
        if h == 0 || a.flags[i] & F_DEAD != 0 || in_boiler(doc, a, i as u32) {
            continue;
        }
        let g = a.good[i];
        if (g as f32) < 0.25 * total_good as f32 || g < 100 {
            continue;
        }
        // Stronger hint wins; ties go to more text.
        let key = (h, g);
        if key > hinted_key {
            hinted_key = key;
            hinted = i as u32;
        }
    }
    let chosen = if hinted != NONE {
        if best == NONE || is_ancestor(doc, hinted, best) {
            hinted
        } else if is_ancestor(doc, best, hinted) {
            // Prefer the tighter hint unless it misses much of the text.
            if a.good[hinted as usize] as f32 >= 0.6 * a.good[best as usize] as f32 {
                hinted
            } else {
                best
            }
        } else if a.good[hinted as usize] as f32 >= 0.3 * a.good[best as usize] as f32 {
            hinted
        } else {
            best
        }
    } else {
        best
    };
    if chosen == NONE {
        // No paragraph anywhere: a short page; take the body as it is.
        return vec![body];
    }
    // Siblings that look like more of the same article (split bodies).
    let parent = doc.nodes[chosen as usize].parent;
    if parent == NONE {
        return vec![chosen];
    }
    let chosen_class = doc.attr(chosen, "class").unwrap_or("");
    let threshold = (score[chosen as usize] * 0.2).max(10.0);
    let mut out = vec![];
    // Bodies split into several wrappers with the same class (sections between
    // ads): same tag, class and hint, within a few levels of the container.
    if a.hint[chosen as usize] >= 3 && !chosen_class.is_empty() {
        let mut top = chosen;
        for _ in 0..4 {
            let p = doc.nodes[top as usize].parent;
            if p == NONE || matches!(doc.nodes[p as usize].tag, Tag::Body | Tag::Html | Tag::Root) {
                break;
            }
            top = p;
        }
        if top != chosen {
            let tag = doc.nodes[chosen as usize].tag;
            let end = doc.subtree_end(top);
            let mut i = top + 1;
            let mut parts = vec![];
            while i < end {
                if doc.nodes[i as usize].tag == tag
                    && a.hint[i as usize] == a.hint[chosen as usize]
                    && doc.attr(i, "class") == Some(chosen_class)
                    && !in_boiler(doc, a, i)
                {
                    parts.push(i);
                    i = doc.subtree_end(i);
                } else {
                    i += 1;
                }
            }
            if parts.len() > 1 {
                return parts;
            }
        }
    }
    for c in doc.children(parent) {
        if c == chosen {
            out.push(c);
            continue;
        }
        let f = a.flags[c as usize];
        if f & (F_DEAD | F_BOILER) != 0 || a.good[c as usize] == 0 {
            continue;
        }
        let ld = if a.len[c as usize] > 0 {
            a.link[c as usize] as f32 / a.len[c as usize] as f32
        } else {
            1.0
        };
        let same_class = !chosen_class.is_empty() && doc.attr(c, "class") == Some(chosen_class);
        let ok = ((score[c as usize] * (1.0 - ld) >= threshold || same_class) && ld < 0.3)
            || (doc.nodes[c as usize].tag == Tag::P && a.len[c as usize] > 80 && ld < 0.25);
        if ok {
            out.push(c);
        }
    }
    out
}

/// Whether a sibling element has the same (non-empty) class.
fn has_twin(doc: &Doc, n: u32) -> bool {
    let Some(class) = doc.attr(n, "class").filter(|c| !c.trim().is_empty()) else {
        return false;
    };
    let p = doc.nodes[n as usize].parent;
    p != NONE
        && doc
            .children(p)
            .any(|c| c != n && doc.attr(c, "class") == Some(class))
}

fn in_boiler(doc: &Doc, a: &Analysis, n: u32) -> bool {
    let mut cur = n;
    while cur != NONE {
        if a.flags[cur as usize] & F_BOILER != 0 {
            return true;
        }
        cur = doc.nodes[cur as usize].parent;
    }
    false
}

fn is_ancestor(doc: &Doc, anc: u32, n: u32) -> bool {
    let mut cur = doc.nodes[n as usize].parent;
    while cur != NONE {
        if cur == anc {
            return true;
        }
        cur = doc.nodes[cur as usize].parent;
    }
    false
}

struct Emitter<'d> {
    doc: &'d Doc,
    blocks: Vec<Block>,
    buf: String,
    buf_link: usize,
    kind: BlockKind,
    pre: bool,
}

impl Emitter<'_> {
    fn flush(&mut self) {
        let text = if self.pre {
            self.buf.trim_matches('\n').trim_end().to_string()
        } else {
            collapse(&self.buf)
        };
        let link = self.buf_link;
        self.buf.clear();
        self.buf_link = 0;
        if text.is_empty() {
            return;
        }
        // Link-dominated short lines are navigation, not prose.
        if link as f32 > 0.6 * text.len() as f32
            && text.len() < 300
            && self.kind != BlockKind::Heading
        {
            return;
        }
        self.blocks.push(Block {
            kind: self.kind,
            text,
        });
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn kind_of(doc: &Doc, a: &Analysis, n: usize) -> BlockKind {
    let f = a.flags[n];
    if f & F_PRE != 0 {
        BlockKind::Preformatted
    } else if f & F_HEAD != 0 {
        BlockKind::Heading
    } else if f & F_QUOTE != 0 {
        BlockKind::Quote
    } else if f & F_LI != 0 {
        BlockKind::ListItem
    } else {
        let _ = doc;
        BlockKind::Paragraph
    }
}

/// Subtree roots below a container that are pruned during emission.
fn prune(doc: &Doc, a: &Analysis, n: u32, container_good: u32) -> bool {
    let i = n as usize;
    let f = a.flags[i];
    if f & F_DEAD != 0 {
        return true;
    }
    let t = doc.nodes[i].tag;
    if f & F_BOILER != 0 {
        // Rescue a "boilerplate" wrapper that holds most of the article (e.g. a
        // page-wide <form>, or class="has-sidebar"), except comment sections.
        let rescued = f & (F_COMMENTS | F_STYLE_HIDDEN) == 0
            && a.hint[i] == 0
            && (a.good[i] as f32) > 0.5 * container_good as f32
            && !matches!(t, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Figcaption);
        if !rescued {
            return true;
        }
    }
    // Link lists (related stories, tag clouds) inside the article.
    if matches!(
        t,
        Tag::Ul | Tag::Ol | Tag::Div | Tag::Section | Tag::Table | Tag::Dl
    ) {
        let len = a.len[i];
        if len > 0 && a.link[i] as f32 > 0.65 * len as f32 {
            return true;
        }
    }
    if matches!(t, Tag::Ul | Tag::Ol | Tag::Div | Tag::Section) && is_teaser_list(doc, a, n) {
        return true;
    }
    false
}

/// A list of story teasers ("more stories", galleries of headlines): at least
/// three child items, most of them a heading plus a short blurb. Article
/// prose puts headings beside paragraphs, not inside small repeated items.
fn is_teaser_list(doc: &Doc, a: &Analysis, n: u32) -> bool {
    let (mut items, mut teasers) = (0u32, 0u32);
    for c in doc.children(n) {
        let node = &doc.nodes[c as usize];
        if node.tag == Tag::Text || a.flags[c as usize] & F_DEAD != 0 {
            continue;
        }
        items += 1;
        if a.len[c as usize] >= 600 {
            continue;
        }
        let end = doc.subtree_end(c);
        // Teasers link out: a linked heading or a linked item. Live-blog
        // entries (heading + short text, no link) are article content.
        let linked_item = a.link[c as usize] * 4 >= a.len[c as usize].max(1);
        if (c + 1..end).any(|k| {
            let t = doc.nodes[k as usize].tag;
            t.is_heading()
                && t != Tag::H1
                && (linked_item
                    || a.flags[k as usize] & F_LINK != 0
                    || (k + 1..doc.subtree_end(k)).any(|j| doc.nodes[j as usize].tag == Tag::A))
        }) {
            teasers += 1;
        }
    }
    teasers >= 3 && teasers * 10 >= items * 6
}

pub(crate) fn extract_blocks(doc: &Doc) -> Vec<Block> {
    let a = analyse(doc);
    let roots = choose(doc, &a);
    let mut em = Emitter {
        doc,
        blocks: vec![],
        buf: String::new(),
        buf_link: 0,
        kind: BlockKind::Paragraph,
        pre: false,
    };
    for &root in &roots {
        let container_good = a.good[root as usize].max(1);
        let end = doc.subtree_end(root);
        let mut i = root;
        let mut cur_blk = NONE;
        while i < end {
            let node = &doc.nodes[i as usize];
            if i != root && node.tag != Tag::Text && prune(doc, &a, i, container_good) {
                i = doc.subtree_end(i);
                continue;
            }
            if node.tag == Tag::Br {
                em.buf.push('\n');
                if em.pre {
                    i += 1;
                    continue;
                }
                // A line break ends a visual paragraph.
                em.flush();
            } else if node.tag == Tag::Text {
                let b = a.blk[i as usize];
                if b != cur_blk {
                    em.flush();
                    cur_blk = b;
                    em.kind = kind_of(doc, &a, i as usize);
                    em.pre = a.flags[i as usize] & F_PRE != 0;
                }
                let t = doc.node_text(i);
                em.buf.push_str(t);
                if a.flags[i as usize] & F_LINK != 0 {
                    em.buf_link += t.trim().len();
                }
            } else if is_block_tag(node.tag) {
                em.flush();
                cur_blk = NONE;
            }
            i += 1;
        }
        em.flush();
    }
    let _ = em.doc;
    em.blocks
}

/// Byline and date lines: "By Jane Doe", "Published 3 May 2021, 10:02",
/// "Updated: 12:30 ET".
fn is_byline_or_date(text: &str, lower: &str, authors: &[String]) -> bool {
    let words = text.split_whitespace().count();
    if words > 14 {
        return false;
    }
    if (lower.starts_with("by ")
        || lower.starts_with("written by")
        || lower.starts_with("posted by"))
        && words <= 10
    {
        return true;
    }
    for p in [
        "published",
        "updated",
        "posted",
        "last updated",
        "last modified",
        "first published",
        "date:",
    ] {
        if starts_with_word(lower, p) {
            return true;
        }
    }
    if words <= 8 && crate::meta::normalize_date(text).is_some() {
        return true;
    }
    authors
        .iter()
        .any(|a| a.len() > 3 && lower == a.to_lowercase())
}

/// Line-level cleanup after structural extraction.
pub(crate) fn clean_blocks(
    blocks: Vec<Block>,
    authors: &[String],
    title: Option<&str>,
) -> Vec<Block> {
    use std::hash::{Hash, Hasher};
    let title_l = title.map(|t| t.to_lowercase());
    // Hashes, not copies, of what was seen: memory stays flat on huge pages.
    let mut seen: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(blocks.len());
    for (k, b) in blocks.into_iter().enumerate() {
        // Line rules only concern short blocks; long ones skip the lowercase copy.
        let short = b.text.len() < 400;
        let lower = if short {
            b.text.to_lowercase()
        } else {
            String::new()
        };
        if short && b.kind != BlockKind::Preformatted {
            if is_furniture(&lower) || is_byline_or_date(&b.text, &lower, authors) {
                continue;
            }
            // The headline repeated at the top of the body.
            if k < 3
                && b.kind == BlockKind::Heading
                && title_l
                    .as_deref()
                    .is_some_and(|t| t == lower || t.starts_with(&lower))
            {
                continue;
            }
        }
        // Pull-quotes and captions repeating earlier text (a repeated long
        // paragraph can be legitimate; a repeated quote or short line is not).
        if b.text.len() > 20 {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            if short {
                lower.hash(&mut h)
            } else {
                b.text.hash(&mut h)
            }
            if !seen.insert(h.finish()) && (b.kind != BlockKind::Paragraph || b.text.len() < 150) {
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Describes the chosen containers (tag, class, id, good text): a debugging aid.
pub(crate) fn debug_containers(doc: &Doc, needle: Option<&str>) -> Vec<String> {
    let a = analyse(doc);
    let mut starts = choose(doc, &a);
    if let Some(nd) = needle {
        starts = (0..doc.nodes.len() as u32)
            .filter(|&i| doc.node_text(i).contains(nd))
            .take(3)
            .collect();
    }
    starts
        .into_iter()
        .map(|c| {
            let mut path = vec![];
            let mut cur = c;
            while cur != NONE && path.len() < 14 {
                let t = doc.nodes[cur as usize].tag;
                path.push(format!(
                    "{:?}.{}#{}[f{} h{} g{}]",
                    t,
                    doc.attr(cur, "class").unwrap_or(""),
                    doc.attr(cur, "id").unwrap_or(""),
                    a.flags[cur as usize],
                    a.hint[cur as usize],
                    a.good[cur as usize]
                ));
                cur = doc.nodes[cur as usize].parent;
            }
            path.join(" < ")
        })
        .collect()
}
