//! A small, forgiving HTML parser that builds a compact arena tree.
//!
//! Why not html5ever: the extractor needs a tree (container scoring looks at
//! ancestors and subtrees) but not the full HTML5 tree-construction algorithm,
//! string interning or a node per attribute. Nodes here are fixed-size records
//! in one `Vec`, in document order (a parent always precedes its children), so
//! every later pass is a plain forward or reverse loop: no recursion, hence no
//! stack overflow on 10,000-deep nesting, and linear time.
//!
//! Tree construction implements the parts of the HTML5 rules that change the
//! text structure of real pages: void elements, raw-text elements, implied end
//! tags (`p`, `li`, `dt`/`dd`, table cells, headings, `option`), scoped end-tag
//! matching and ignoring stray end tags. It skips what does not (adoption
//! agency for misnested formatting, foster parenting, quirks).

use crate::entities::ENTITIES;

pub(crate) const NONE: u32 = u32::MAX;

macro_rules! tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u8)]
        pub(crate) enum Tag { Root, Text, Other, $($v),* }
        fn tag_from_name(name: &[u8]) -> Tag {
            match name { $($s => Tag::$v,)* _ => Tag::Other }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Applet = b"applet", Area = b"area",
    Article = b"article", Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base",
    Big = b"big", Blockquote = b"blockquote", Body = b"body", Br = b"br", Button = b"button",
    Canvas = b"canvas", Caption = b"caption", Center = b"center", Cite = b"cite", Code = b"code",
    Col = b"col", Colgroup = b"colgroup", Dd = b"dd", Del = b"del", Details = b"details",
    Dialog = b"dialog", Dir = b"dir", Div = b"div", Dl = b"dl", Dt = b"dt", Em = b"em",
    Embed = b"embed", Fieldset = b"fieldset", Figcaption = b"figcaption", Figure = b"figure",
    Font = b"font", Footer = b"footer", Form = b"form", Frame = b"frame", Frameset = b"frameset",
    H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6", Head = b"head",
    Header = b"header", Hgroup = b"hgroup", Hr = b"hr", Html = b"html", I = b"i",
    Iframe = b"iframe", Img = b"img", Input = b"input", Ins = b"ins", Kbd = b"kbd",
    Keygen = b"keygen", Label = b"label", Legend = b"legend", Li = b"li", Link = b"link",
    Main = b"main", Map = b"map", Mark = b"mark", Marquee = b"marquee", Math = b"math",
    Menu = b"menu", Meta = b"meta", Nav = b"nav", Noembed = b"noembed", Noframes = b"noframes",
    Noscript = b"noscript", Object = b"object", Ol = b"ol", Optgroup = b"optgroup",
    Option = b"option", Output = b"output", P = b"p", Param = b"param", Picture = b"picture",
    Plaintext = b"plaintext", Pre = b"pre", Q = b"q", S = b"s", Samp = b"samp",
    Script = b"script", Search = b"search", Section = b"section", Select = b"select",
    Small = b"small", Source = b"source", Span = b"span", Strong = b"strong", Style = b"style",
    Sub = b"sub", Summary = b"summary", Sup = b"sup", Svg = b"svg", Table = b"table",
    Tbody = b"tbody", Td = b"td", Template = b"template", Textarea = b"textarea",
    Tfoot = b"tfoot", Th = b"th", Thead = b"thead", Time = b"time", Title = b"title",
    Tr = b"tr", Track = b"track", Tt = b"tt", U = b"u", Ul = b"ul", Var = b"var",
    Video = b"video", Wbr = b"wbr", Xmp = b"xmp",
}

impl Tag {
    fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base
                | Br
                | Col
                | Embed
                | Hr
                | Img
                | Input
                | Keygen
                | Link
                | Meta
                | Param
                | Source
                | Track
                | Wbr
                | Frame
        )
    }

    /// Elements whose start tag closes an open `<p>` (HTML5 "close a p element").
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Dir
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | Header
                | Hgroup
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Search
                | Section
                | Summary
                | Ul
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Pre
                | Table
                | Hr
                | Xmp
                | Plaintext
                | Dd
                | Dt
                | Li
        )
    }

    pub(crate) fn is_heading(self) -> bool {
        use Tag::*;
        matches!(self, H1 | H2 | H3 | H4 | H5 | H6)
    }

    /// Boundaries for "has an element in scope" searches.
    fn is_scope_marker(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Root | Html
                | Table
                | Td
                | Th
                | Caption
                | Template
                | Object
                | Applet
                | Marquee
                | Svg
                | Math
        )
    }

    /// Block-level and structural elements: inline end tags never close them.
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        self.closes_p()
            || matches!(
                self,
                Root | Html
                    | Body
                    | Head
                    | Td
                    | Th
                    | Tr
                    | Tbody
                    | Thead
                    | Tfoot
                    | Caption
                    | Button
                    | Object
                    | Applet
                    | Marquee
                    | Template
                    | Select
                    | Iframe
                    | Noscript
                    | Legend
                    | Br
                    | Option
                    | Optgroup
                    | Textarea
                    | Title
                    | Colgroup
            )
    }

    /// Raw text content (no markup inside) up to the matching end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Xmp
                | Iframe
                | Noembed
                | Noframes
                | Noscript
                | Textarea
                | Title
                | Plaintext
                | Template
        )
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub next: u32,
    pub first: u32,
    pub last: u32,
    /// Text node: byte range in `Doc::text`. Element: range in `Doc::attrs`.
    pub a: u32,
    pub b: u32,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

pub(crate) struct Doc {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    /// Attribute names and values (names lowercased, values entity-decoded).
    pub strs: String,
    /// Decoded text of all text nodes.
    pub text: String,
}

impl Doc {
    pub fn attr(&self, n: u32, name: &str) -> Option<&str> {
        let node = &self.nodes[n as usize];
        if node.tag == Tag::Text || node.tag == Tag::Root {
            return None;
        }
        self.attrs[node.a as usize..node.b as usize]
            .iter()
            .find(|a| &self.strs[a.name.0 as usize..a.name.1 as usize] == name)
            .map(|a| &self.strs[a.value.0 as usize..a.value.1 as usize])
    }

    pub fn node_text(&self, n: u32) -> &str {
        let node = &self.nodes[n as usize];
        if node.tag == Tag::Text {
            &self.text[node.a as usize..node.b as usize]
        } else {
            ""
        }
    }

    pub fn children(&self, n: u32) -> Children<'_> {
        Children {
            doc: self,
            cur: self.nodes[n as usize].first,
        }
    }

    /// All text below `n`, concatenated (no separators); iterative.
    pub fn subtree_text(&self, n: u32, out: &mut String) {
        let end = self.subtree_end(n);
        for i in n..end {
            if self.nodes[i as usize].tag == Tag::Text {
                out.push_str(self.node_text(i));
            }
        }
    }

    /// One past the last node of the subtree rooted at `n` (document order):
    /// the next sibling of `n` or of its nearest ancestor that has one.
    pub fn subtree_end(&self, n: u32) -> u32 {
        let mut cur = n;
        while cur != NONE {
            let node = &self.nodes[cur as usize];
            if node.next != NONE {
                return node.next;
            }
            cur = node.parent;
        }
        self.nodes.len() as u32
    }
}

pub(crate) struct Children<'a> {
    doc: &'a Doc,
    cur: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.cur == NONE {
            return None;
        }
        let c = self.cur;
        self.cur = self.doc.nodes[c as usize].next;
        Some(c)
    }
}

/// Decodes character references in `s`, appending to `out`.
pub(crate) fn decode_entities(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &b[i..]) {
        let amp = i + off;
        out.push_str(&s[last..amp]);
        let (ch, used) = decode_one(&s[amp + 1..]);
        if used == 0 {
            out.push('&');
            i = amp + 1;
        } else {
            match ch {
                Decoded::Char(c) => out.push(c),
                Decoded::Str(t) => out.push_str(t),
            }
            i = amp + 1 + used;
        }
        last = i;
    }
    out.push_str(&s[last..]);
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// Decodes the reference after a `&`; returns what it stands for and the bytes used.
fn decode_one(s: &str) -> (Decoded, usize) {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut j = start;
        let mut v: u32 = 0;
        while j < b.len() && j < start + 8 {
            let d = match (b[j] as char).to_digit(if hex { 16 } else { 10 }) {
                Some(d) => d,
                None => break,
            };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == start {
            return (Decoded::Char('&'), 0);
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        return (Decoded::Char(numeric_char(v)), j);
    }
    let mut j = 0;
    while j < b.len() && j < 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 0 {
        return (Decoded::Char('&'), 0);
    }
    if b.get(j) == Some(&b';')
        && let Ok(k) = ENTITIES.binary_search_by(|(n, _)| n.as_bytes().cmp(&b[..=j]))
    {
        return (Decoded::Str(ENTITIES[k].1), j + 1);
    }
    // Legacy references without `;` (`&amp`, `&copy`): longest known prefix.
    for len in (2..=j.min(6)).rev() {
        if let Ok(k) = ENTITIES.binary_search_by(|(n, _)| n.as_bytes().cmp(&b[..len])) {
            return (Decoded::Str(ENTITIES[k].1), len);
        }
    }
    (Decoded::Char('&'), 0)
}

/// Numeric references, with the HTML5 remapping of the C1 range to windows-1252
/// (old pages write `&#146;` for a right quote).
fn numeric_char(v: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = if (0x80..0xA0).contains(&v) {
        C1[(v - 0x80) as usize]
    } else {
        v
    };
    if v == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

/// How far scope searches look up the stack: keeps pathological inputs
/// (thousands of stray end tags inside deep nesting) linear.
const SCOPE_LIMIT: usize = 512;

struct Builder<'h> {
    html: &'h str,
    doc: Doc,
    stack: Vec<u32>,
    seen_html: bool,
    seen_body: bool,
    seen_head: bool,
    /// Depth of open `svg`/`math`: `/>` self-closes only in foreign content.
    foreign: usize,
}

pub(crate) fn parse(html: &str) -> Doc {
    let mut b = Builder {
        html,
        doc: Doc {
            // About one element and one text node per tag: sized up front so
            // a huge page never holds two copies during a reallocation.
            nodes: Vec::with_capacity(
                memchr::memchr_iter(b'<', html.as_bytes()).count() * 3 / 2 + 16,
            ),
            attrs: Vec::with_capacity(html.len() / 60 + 16),
            // Decoded text and attribute values never outgrow the input (bar
            // a few multi-character entities), so reserving the input length
            // avoids reallocation copies; untouched capacity costs no memory.
            strs: String::with_capacity(html.len() + 16),
            text: String::with_capacity(html.len() + 16),
        },
        stack: Vec::new(),
        seen_html: false,
        seen_body: false,
        seen_head: false,
        foreign: 0,
    };
    b.doc.nodes.push(Node {
        tag: Tag::Root,
        parent: NONE,
        next: NONE,
        first: NONE,
        last: NONE,
        a: 0,
        b: 0,
    });
    b.run();
    b.doc
}

impl Builder<'_> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, node: Node) -> u32 {
        let id = self.doc.nodes.len() as u32;
        let parent = node.parent;
        self.doc.nodes.push(node);
        let p = &mut self.doc.nodes[parent as usize];
        if p.last == NONE {
            p.first = id;
            p.last = id;
        } else {
            let prev = p.last;
            p.last = id;
            self.doc.nodes[prev as usize].next = id;
        }
        id
    }

    fn push_text(&mut self, raw: &str, decode: bool) {
        if raw.is_empty() {
            return;
        }
        let parent = self.current();
        let start = self.doc.text.len();
        if decode && raw.contains('&') {
            decode_entities(raw, &mut self.doc.text);
        } else {
            self.doc.text.push_str(raw);
        }
        let end = self.doc.text.len();
        // Merge with a preceding text sibling (split by a comment, say).
        let last = self.doc.nodes[parent as usize].last;
        if last != NONE {
            let l = &mut self.doc.nodes[last as usize];
            if l.tag == Tag::Text && l.b as usize == start {
                l.b = end as u32;
                return;
            }
        }
        self.append(Node {
            tag: Tag::Text,
            parent,
            next: NONE,
            first: NONE,
            last: NONE,
            a: start as u32,
            b: end as u32,
        });
    }

    fn run(&mut self) {
        let html = self.html;
        let b = html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lt = match memchr::memchr(b'<', &b[i..]) {
                Some(o) => i + o,
                None => {
                    self.push_text(&html[i..], true);
                    break;
                }
            };
            if lt > i {
                self.push_text(&html[i..lt], true);
            }
            i = lt;
            let next = b.get(i + 1).copied().unwrap_or(0);
            if next == b'!' {
                if b[i..].starts_with(b"<!--") {
                    i = match memchr::memmem::find(&b[i + 4..], b"-->") {
                        Some(o) => i + 4 + o + 3,
                        None => b.len(),
                    };
                } else {
                    i = skip_to_gt(b, i);
                }
            } else if next == b'?' {
                i = skip_to_gt(b, i);
            } else if next == b'/' {
                if b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
                    let (name_end, tag) = read_name(b, i + 2);
                    let _ = name_end;
                    i = skip_to_gt(b, i);
                    self.end_tag(tag);
                } else if b.get(i + 2) == Some(&b'>') {
                    i += 3;
                } else {
                    i = skip_to_gt(b, i);
                }
            } else if next.is_ascii_alphabetic() {
                i = self.start_tag(i);
            } else {
                self.push_text("<", false);
                i += 1;
            }
        }
    }

    /// Parses a start tag at `lt`; returns the position after it (and after
    /// the content of raw-text elements).
    fn start_tag(&mut self, lt: usize) -> usize {
        let html = self.html;
        let b = html.as_bytes();
        let (mut i, tag) = read_name(b, lt + 1);
        let name = &b[lt + 1..i];
        let attr_start = self.doc.attrs.len();
        let mut self_closing = false;
        // Attributes.
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let ns = i;
            i += 1; // first char may be anything, even '='
            while i < b.len()
                && !matches!(
                    b[i],
                    b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            let name_range = self.push_lower(&html[ns..i]);
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = (0u32, 0u32);
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (vs, ve, after) = if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    match memchr::memchr(q, &b[i + 1..]) {
                        Some(o) => (i + 1, i + 1 + o, i + 2 + o),
                        None => (i + 1, b.len(), b.len()),
                    }
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    (s, i, i)
                };
                i = after;
                let start = self.doc.strs.len();
                let raw = &html[vs..ve];
                if raw.contains('&') {
                    decode_entities(raw, &mut self.doc.strs);
                } else {
                    self.doc.strs.push_str(raw);
                }
                value = (start as u32, self.doc.strs.len() as u32);
            }
            self.doc.attrs.push(Attr {
                name: name_range,
                value,
            });
        }
        let attr_end = self.doc.attrs.len();
        if tag == Tag::Other && (name.eq_ignore_ascii_case(b"image")) {
            // `<image>` is parsed as `<img>` by browsers.
            return self.open(Tag::Img, attr_start, attr_end, false, i);
        }
        self.open(tag, attr_start, attr_end, self_closing, i)
    }

    fn push_lower(&mut self, s: &str) -> (u32, u32) {
        let start = self.doc.strs.len();
        for c in s.chars() {
            self.doc.strs.push(c.to_ascii_lowercase());
        }
        (start as u32, self.doc.strs.len() as u32)
    }

    fn open(&mut self, tag: Tag, a0: usize, a1: usize, self_closing: bool, mut i: usize) -> usize {
        use Tag::*;
        match tag {
            Html => {
                if self.seen_html {
                    self.doc.attrs.truncate(a0);
                    return i;
                }
                self.seen_html = true;
            }
            Body => {
                if self.seen_body {
                    self.doc.attrs.truncate(a0);
                    return i;
                }
                self.seen_body = true;
                self.close_to(Head);
            }
            Head => {
                if self.seen_head {
                    self.doc.attrs.truncate(a0);
                    return i;
                }
                self.seen_head = true;
            }
            _ => {}
        }
        if tag.closes_p() {
            self.close_in_scope(P, false);
        }
        match tag {
            Li => self.close_in_scope_until(&[Li], &[Ul, Ol, Menu, Dir]),
            Dt | Dd => self.close_in_scope_until(&[Dt, Dd], &[Dl]),
            Tr => self.close_in_scope_until(&[Tr], &[Table, Tbody, Thead, Tfoot]),
            Td | Th => self.close_in_scope_until(&[Td, Th], &[Tr, Table]),
            Tbody | Thead | Tfoot => self.close_in_scope_until(&[Tbody, Thead, Tfoot], &[Table]),
            Option if self.doc.nodes[self.current() as usize].tag == Option => {
                self.stack.pop();
            }
            A => self.close_in_scope_until(&[A], &[]),
            _ if tag.is_heading() && self.doc.nodes[self.current() as usize].tag.is_heading() => {
                self.stack.pop();
            }
            _ => {}
        }
        let parent = self.current();
        let id = self.append(Node {
            tag,
            parent,
            next: NONE,
            first: NONE,
            last: NONE,
            a: a0 as u32,
            b: a1 as u32,
        });
        if tag.is_void() || (self_closing && (self.foreign > 0 || tag == Svg || tag == Math)) {
            return i;
        }
        if tag.is_raw_text() {
            let b = self.html.as_bytes();
            let name: &[u8] = raw_end_name(tag);
            let (content_end, after) = find_raw_end(b, i, name);
            let keep = match tag {
                Title | Textarea => Some(true),
                Script => {
                    let t = self.doc.attr(id, "type").unwrap_or("");
                    if t.contains("ld+json") {
                        Some(false)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            if let Some(decode) = keep {
                self.stack.push(id);
                self.push_text(&self.html[i..content_end], decode);
                self.stack.pop();
            }
            i = after;
            return i;
        }
        if tag == Svg || tag == Math {
            self.foreign += 1;
        }
        self.stack.push(id);
        i
    }

    fn end_tag(&mut self, tag: Tag) {
        use Tag::*;
        match tag {
            Html | Body => {}
            Br => {
                let parent = self.current();
                self.append(Node {
                    tag: Br,
                    parent,
                    next: NONE,
                    first: NONE,
                    last: NONE,
                    a: 0,
                    b: 0,
                });
            }
            P => self.close_in_scope(P, false),
            _ if tag.is_block() => self.close_in_scope(tag, true),
            _ => {
                // Inline/unknown end tag: never closes past a block element.
                for k in (0..self.stack.len()).rev().take(SCOPE_LIMIT) {
                    let t = self.doc.nodes[self.stack[k] as usize].tag;
                    if t == tag {
                        self.pop_to(k);
                        return;
                    }
                    if t.is_block() {
                        return;
                    }
                }
            }
        }
    }

    fn pop_to(&mut self, k: usize) {
        for &n in &self.stack[k..] {
            if matches!(self.doc.nodes[n as usize].tag, Tag::Svg | Tag::Math) {
                self.foreign = self.foreign.saturating_sub(1);
            }
        }
        self.stack.truncate(k);
    }

    fn close_to(&mut self, tag: Tag) {
        if let Some(k) = self
            .stack
            .iter()
            .rposition(|&n| self.doc.nodes[n as usize].tag == tag)
        {
            self.pop_to(k);
        }
    }

    /// Pops up to and including the nearest open `tag` within scope.
    fn close_in_scope(&mut self, tag: Tag, _end: bool) {
        for k in (0..self.stack.len()).rev().take(SCOPE_LIMIT) {
            let t = self.doc.nodes[self.stack[k] as usize].tag;
            if t == tag {
                self.pop_to(k);
                return;
            }
            if t.is_scope_marker() {
                return;
            }
        }
    }

    /// Implied end tags: closes the nearest of `tags`, stopping at `stop`
    /// elements and scope markers.
    fn close_in_scope_until(&mut self, tags: &[Tag], stop: &[Tag]) {
        for k in (0..self.stack.len()).rev().take(SCOPE_LIMIT) {
            let t = self.doc.nodes[self.stack[k] as usize].tag;
            if tags.contains(&t) {
                self.pop_to(k);
                return;
            }
            if stop.contains(&t) || t.is_scope_marker() {
                return;
            }
        }
    }
}

fn raw_end_name(tag: Tag) -> &'static [u8] {
    use Tag::*;
    match tag {
        Script => b"script",
        Style => b"style",
        Xmp => b"xmp",
        Iframe => b"iframe",
        Noembed => b"noembed",
        Noframes => b"noframes",
        Noscript => b"noscript",
        Textarea => b"textarea",
        Title => b"title",
        Template => b"template",
        _ => b"plaintext",
    }
}

/// Finds `</name` (case-insensitive, followed by a delimiter) from `from`.
/// Returns (content end, position after the end tag); end of input if absent.
fn find_raw_end(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(o) = memchr::memmem::find(&b[i..], b"</") {
        let p = i + o;
        let s = p + 2;
        if b.len() >= s + name.len()
            && b[s..s + name.len()].eq_ignore_ascii_case(name)
            && b.get(s + name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            return (p, skip_to_gt(b, p));
        }
        i = p + 2;
    }
    (b.len(), b.len())
}

/// Position after the next `>` from `i` (end of input if none).
fn skip_to_gt(b: &[u8], i: usize) -> usize {
    match memchr::memchr(b'>', &b[i..]) {
        Some(o) => i + o + 1,
        None => b.len(),
    }
}

/// Reads a tag name starting at `i`; returns the end position and the tag.
fn read_name(b: &[u8], i: usize) -> (usize, Tag) {
    let mut j = i;
    while j < b.len() && !matches!(b[j], b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') {
        j += 1;
    }
    let n = j - i;
    let tag = if n <= 10 {
        let mut buf = [0u8; 10];
        for (k, c) in b[i..j].iter().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        tag_from_name(&buf[..n])
    } else {
        Tag::Other
    };
    (j, tag)
}
