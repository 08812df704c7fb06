//! Links the pages write: path segments percent-encoded, so an identity id such as
//! `person:barack obama` (spaces, accents, `#`, `?`, `/`) makes a link that leads
//! back to it (the router decodes the segment).

/// `s` as one URL path segment (or query value): every byte but the unreserved
/// ones of RFC 3986 (and `:`, common in identity ids) percent-encoded.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("person:barack obama"), "person:barack%20obama");
        assert_eq!(segment("person:nicolás"), "person:nicol%C3%A1s");
        assert_eq!(segment("a/b?c#d&e\"<"), "a%2Fb%3Fc%23d%26e%22%3C");
        assert_eq!(segment("abc-1.2_3~"), "abc-1.2_3~");
    }
}
