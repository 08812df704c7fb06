//! Unit tests: boilerplate kinds, metadata sources, hostile input. (The dev-set F1
//! floor is `parallax-eval`'s tests/floors.rs, with the floor of .ci/floors.tsv.)

use super::*;

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Test page</title></head><body>{body}</body></html>"
    )
}

/// Long enough to count as prose.
fn para(n: usize) -> String {
    format!(
        "<p>Paragraph {n} reports that the council voted on Tuesday to expand the program, \
         which officials said would cost more than expected, according to documents seen by reporters.</p>"
    )
}

fn article(extra_inside: &str, extra_outside: &str) -> String {
    let paras: String = (1..=5).map(para).collect();
    page(&format!(
        "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav></header>\
         <article><h1>Council expands program</h1>{paras}{extra_inside}</article>{extra_outside}\
         <footer><p>Copyright 2024 Example News. All rights reserved. Contact us at the newsroom.</p></footer>"
    ))
}

fn text_of(html: &str) -> String {
    extract(html, None).expect("content").text()
}

#[test]
fn keeps_article_paragraphs_in_order() {
    let t = text_of(&article("", ""));
    let p1 = t.find("Paragraph 1").unwrap();
    let p5 = t.find("Paragraph 5").unwrap();
    assert!(p1 < p5);
    assert!(!t.contains("Home"), "{t}");
    assert!(!t.contains("Copyright"), "{t}");
}

#[test]
fn removes_navigation_menus_headers_footers() {
    let html = article(
        "",
        "<div class=\"menu\"><ul><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">Business</a></li></ul></div>",
    );
    let t = text_of(&html);
    for w in ["Home", "World", "Politics", "Business", "Copyright"] {
        assert!(!t.contains(w), "{w} leaked: {t}");
    }
}

#[test]
fn removes_share_bars_and_related_lists() {
    let html = article(
        "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>\
         <div class=\"related-articles\"><h3>Related stories</h3><ul><li><a href=\"/x\">Another story about the council and its budget</a></li>\
         <li><a href=\"/y\">Mayor speaks on transport plans for the coming year</a></li></ul></div>",
        "",
    );
    let t = text_of(&html);
    assert!(!t.contains("Facebook") && !t.contains("Tweet"), "{t}");
    assert!(
        !t.contains("Another story") && !t.contains("Related stories"),
        "{t}"
    );
    assert!(t.contains("Paragraph 3"));
}

#[test]
fn removes_comments() {
    let html = article(
        "",
        "<section id=\"comments\" class=\"comments-area\"><h2>3 Comments</h2>\
         <div class=\"comment\"><p>I completely disagree with this decision, the council has wasted enough money already on this.</p></div></section>",
    );
    let t = text_of(&html);
    assert!(!t.contains("completely disagree"), "{t}");
}

#[test]
fn removes_ads_cookie_and_paywall_notices() {
    let html = article(
        "<div class=\"ad-slot\"><p>Advertisement</p></div><p>Advertisement</p>\
         <div class=\"paywall\"><p>Subscribe now to continue reading this article and support local journalism.</p></div>\
         <p>Already a subscriber? Log in for full access to every story.</p>",
        "<div id=\"cookie-consent\"><p>We use cookies to improve your experience on our website. By continuing you accept.</p></div>",
    );
    let t = text_of(&html);
    for w in ["Advertisement", "Subscribe", "subscriber", "cookies"] {
        assert!(!t.contains(w), "{w} leaked: {t}");
    }
}

#[test]
fn removes_captions_pull_quotes_and_bylines() {
    let html = page(&format!(
        "<article><p class=\"byline\">By Jane Doe</p><p>By Jane Doe</p><p>Published March 3, 2021</p>{}\
         <figure><img src=\"a.jpg\"><figcaption>The council chamber on Tuesday. Photo: Reuters</figcaption></figure>\
         <blockquote class=\"pullquote\">the council voted on Tuesday</blockquote>{}\
         <aside class=\"pull-quote\"><p>Paragraph 1 reports that the council voted on Tuesday to expand the program</p></aside></article>",
        para(1),
        para(2)
    ));
    let e = extract(&html, None).unwrap();
    let t = e.text();
    assert!(!t.contains("Jane Doe"), "{t}");
    assert!(!t.contains("Published"), "{t}");
    assert!(!t.contains("council chamber"), "{t}");
    assert_eq!(t.matches("voted on Tuesday").count(), 2, "{t}");
}

#[test]
fn keeps_headings_quotes_lists_with_kinds() {
    let html = page(&format!(
        "<article>{}<h2>What happens next</h2><blockquote><p>We will start in spring, and we expect the first results by the end of the year.</p></blockquote>\
         <ul><li>First, the budget is approved.</li><li>Second, contracts are signed.</li></ul>{}<pre>code  block</pre></article>",
        para(1),
        para(2)
    ));
    let e = extract(&html, None).unwrap();
    let kinds: Vec<BlockKind> = e.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Paragraph,
            BlockKind::Preformatted
        ],
        "{:#?}",
        e.blocks
    );
    assert_eq!(e.blocks[6].text, "code  block");
    assert!(e.text().contains("\n\nWhat happens next\n\n"));
}

#[test]
fn metadata_from_meta_tags() {
    let html = format!(
        "<html lang=\"en-GB\"><head><title>Council expands program | Example News</title>\
         <meta property=\"og:title\" content=\"Council expands program\">\
         <meta property=\"og:site_name\" content=\"Example News\">\
         <meta property=\"og:description\" content=\"The council voted.\">\
         <meta name=\"author\" content=\"Jane Doe, John Roe\">\
         <meta property=\"article:published_time\" content=\"2021-03-03T10:20:30+01:00\">\
         <meta property=\"article:modified_time\" content=\"2021-03-04\">\
         <link rel=\"canonical\" href=\"/news/council\"></head><body><article>{}{}</article></body></html>",
        para(1),
        para(2)
    );
    let e = extract(&html, Some("https://example.com/news/council?utm=x")).unwrap();
    assert_eq!(e.title.as_deref(), Some("Council expands program"));
    assert_eq!(e.site_name.as_deref(), Some("Example News"));
    assert_eq!(e.description.as_deref(), Some("The council voted."));
    assert_eq!(e.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(e.published.as_deref(), Some("2021-03-03T10:20:30+01:00"));
    assert_eq!(e.modified.as_deref(), Some("2021-03-04"));
    assert_eq!(
        e.canonical_url.as_deref(),
        Some("https://example.com/news/council")
    );
    assert_eq!(e.language.as_deref(), Some("en-GB"));
}

#[test]
fn metadata_from_json_ld_graph_and_dublin_core() {
    let html = format!(
        "<html><head><meta name=\"DC.creator\" content=\"Ignored When LD Has Authors\">\
         <meta name=\"dc.language\" content=\"fr\">\
         <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[\
         {{\"@type\":\"WebSite\",\"name\":\"Le Site\"}},\
         {{\"@type\":[\"NewsArticle\"],\"headline\":\"Le conseil vote\",\"datePublished\":\"2020-05-01T08:00:00Z\",\
         \"dateModified\":\"2020-05-02T09:30:00.000Z\",\"author\":[{{\"@type\":\"Person\",\"name\":\"Marie Curie\"}},{{\"name\":\"Paul Dupont\"}}]}}]}}</script>\
         </head><body><article>{}{}</article></body></html>",
        para(1),
        para(2)
    );
    let e = extract(&html, None).unwrap();
    assert_eq!(e.title.as_deref(), Some("Le conseil vote"));
    assert_eq!(e.authors, vec!["Marie Curie", "Paul Dupont"]);
    assert_eq!(e.published.as_deref(), Some("2020-05-01T08:00:00Z"));
    assert_eq!(e.modified.as_deref(), Some("2020-05-02T09:30:00Z"));
    assert_eq!(e.site_name.as_deref(), Some("Le Site"));
    assert_eq!(e.language.as_deref(), Some("fr"));
}

#[test]
fn metadata_from_time_element_byline_and_url() {
    let html = format!(
        "<html><head><title>Plain title</title></head><body><article>\
         <span class=\"author\"><a rel=\"author\" href=\"/jane\">Jane Doe</a></span>\
         <time datetime=\"2019-07-08 14:05\">July 8</time>{}{}</article></body></html>",
        para(1),
        para(2)
    );
    let e = extract(&html, Some("https://example.com/2018/01/02/story")).unwrap();
    assert_eq!(e.title.as_deref(), Some("Plain title"));
    assert_eq!(e.authors, vec!["Jane Doe"]);
    assert_eq!(e.published.as_deref(), Some("2019-07-08T14:05:00"));
    let e = extract(
        &page(&format!("<article>{}{}</article>", para(1), para(2))),
        Some("https://x.org/news/2018/01/02/story"),
    )
    .unwrap();
    assert_eq!(e.published.as_deref(), Some("2018-01-02"));
    assert_eq!(
        e.canonical_url.as_deref(),
        Some("https://x.org/news/2018/01/02/story")
    );
}

#[test]
fn normalises_dates() {
    let cases = [
        ("2021-03-03", Some("2021-03-03")),
        ("2021-03-03T10:20:30Z", Some("2021-03-03T10:20:30Z")),
        (
            "2021-03-03T10:20:30.123+0530",
            Some("2021-03-03T10:20:30+05:30"),
        ),
        ("2021-03-03T10:20:30+00:00", Some("2021-03-03T10:20:30Z")),
        ("2021/03/03 10:20", Some("2021-03-03T10:20:00")),
        (
            "Wed, 03 Mar 2021 10:20:30 GMT",
            Some("2021-03-03T10:20:30Z"),
        ),
        ("March 3, 2021", Some("2021-03-03")),
        ("3rd March 2021", Some("2021-03-03")),
        ("20210303", Some("2021-03-03")),
        ("2021-13-03", None),
        ("yesterday", None),
        ("", None),
    ];
    for (input, want) in cases {
        assert_eq!(normalize_date(input).as_deref(), want, "{input}");
    }
}

#[test]
fn decodes_entities() {
    let html = page(&format!(
        "<article><p>Caf&eacute; &amp; bar &#8217;quoted&#x2019; &#146;old&#146; &zzznotone; &lt;tag&gt; &copy 2020, \
         with enough words to count as a paragraph of prose here.</p>{}</article>",
        para(1)
    ));
    let t = text_of(&html);
    assert!(
        t.contains("Café & bar ’quoted’ ’old’ &zzznotone; <tag> © 2020"),
        "{t}"
    );
}

#[test]
fn malformed_html_still_extracts() {
    // Unclosed paragraphs and list items, stray end tags, misnesting,
    // attributes without quotes or values, an unterminated comment at the end.
    let html = "<html><body><div class=main><p>First paragraph of the story reports that the council met on Tuesday and voted, without a closing tag\
                <p>Second paragraph carries on with details about the vote, the cost and the reactions of residents</span></div></div>\
                <ul><li>one item<li>two items</ul><b><i>bold italic</b></i><p>Third paragraph closes the story with the next steps for the council and its budget.\
                <!-- unterminated";
    let e = extract(html, None).unwrap();
    let t = e.text();
    assert!(t.contains("First paragraph"), "{t}");
    assert!(t.contains("Second paragraph"), "{t}");
    assert!(t.contains("Third paragraph"), "{t}");
    assert!(!t.contains("Second paragraph carries on with details about the vote, the cost and the reactions of residents First"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 10_000;
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str(&para(1));
    html.push_str(&para(2));
    html.push_str(&"</div>".repeat(depth));
    html.push_str(&"<span><b>".repeat(depth));
    html.push_str("</body></html>");
    let e = extract(&html, None).unwrap();
    assert!(e.text().contains("Paragraph 2"));
    // Unclosed deep nesting, no end tags at all.
    let html = "<div><p>".repeat(depth);
    let _ = extract(&html, None);
}

#[test]
fn binary_junk_and_empty_input() {
    assert_eq!(extract("", None), Err(ExtractError::NoContent));
    assert_eq!(extract("   \n\t ", None), Err(ExtractError::NoContent));
    let junk: String = (0..20_000u32)
        .map(|i| char::from_u32((i * 7919) % 0x250).unwrap_or('?'))
        .collect();
    assert!(matches!(
        extract(&junk, None),
        Err(ExtractError::NotHtml) | Err(ExtractError::NoContent) | Ok(_)
    ));
    let binary: String = (0..4096u32).map(|i| char::from((i % 32) as u8)).collect();
    assert_eq!(extract(&binary, None), Err(ExtractError::NotHtml));
    // Tag soup fragments.
    for s in [
        "<",
        "<<<>>>",
        "</",
        "<!--",
        "<![CDATA[",
        "<a href='",
        "<p",
        "&#",
        "&#x",
        "&#99999999999;",
        "<script>",
        "<title>x",
    ] {
        let _ = extract(s, None);
        let _ = extract_metadata(s, None);
    }
}

#[test]
fn too_large_input_is_refused() {
    let big = " ".repeat(MAX_INPUT_BYTES + 1);
    assert_eq!(
        extract(&big, None),
        Err(ExtractError::TooLarge(MAX_INPUT_BYTES + 1))
    );
}

#[test]
fn page_without_article_has_no_content() {
    let html = page(
        "<nav><ul><li><a href=\"/a\">News</a></li><li><a href=\"/b\">Sport</a></li></ul></nav>\
         <div class=\"teasers\"><a href=\"/1\">Headline one</a><a href=\"/2\">Headline two</a><a href=\"/3\">Headline three</a></div>\
         <footer>About us</footer>",
    );
    assert_eq!(extract(&html, None), Err(ExtractError::NoContent));
    let m = extract_metadata(&html, None).unwrap();
    assert_eq!(m.title.as_deref(), Some("Test page"));
    assert!(m.blocks.is_empty());
}

#[test]
fn serde_round_trip() {
    let e = extract(&article("", ""), Some("https://example.com/a")).unwrap();
    let json = serde_json::to_string(&e).unwrap();
    let back: Extracted = serde_json::from_str(&json).unwrap();
    assert_eq!(e, back);
}
