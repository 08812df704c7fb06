//! Bytes in any common encoding to UTF-8, without panicking on any input.
//!
//! Order of evidence: a byte-order mark, then an encoding declared by the transport
//! (HTTP header, JSONL field), then valid UTF-8, then a `<meta charset>` in the
//! first bytes of HTML, then UTF-16 recognised by its zero bytes, then UTF-8 with a
//! few stray bytes, then a statistical guess (chardetng). Binary data is refused
//! rather than turned into mojibake.
//!
//! Repairs are said, never silent ([`Decoded::repairs`]): UTF-8 text with a few
//! bytes that are not UTF-8 (a Latin-1 `é` pasted into a UTF-8 article) keeps its
//! valid runs as UTF-8 and reads only the stray bytes as Windows-1252, instead of
//! turning every `“` into `â€œ`; a few NUL bytes in text are dropped rather than
//! refusing the file as binary.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Bytes decoded to text, with the encoding used and what was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, valid UTF-8.
    pub text: String,
    /// WHATWG name of the encoding used ("UTF-8", "windows-1252", "Shift_JIS").
    pub encoding: &'static str,
    /// True when some bytes were invalid and replaced by U+FFFD.
    pub lossy: bool,
    /// What was repaired, for the user ("2 bytes that are not UTF-8 read as
    /// Windows-1252: é at byte 1234, …", "100 NUL bytes removed").
    pub repairs: Vec<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look like a binary file; the string says which kind when known.
    Binary(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(what) => write!(f, "binary data ({what}), not text"),
        }
    }
}

/// Decodes `bytes`; `declared` is an encoding label from outside the bytes.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    let mut d = decode_raw(bytes, declared)?;
    let nuls = d.text.matches('\0').count();
    if nuls > 0 {
        d.text = d.text.replace('\0', "");
        d.repairs.push(format!(
            "{nuls} NUL byte{} removed",
            if nuls == 1 { "" } else { "s" }
        ));
    }
    Ok(d)
}

fn decode_raw(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(run(enc, &bytes[bom_len..]));
    }
    if let Some(kind) = magic_binary(bytes) {
        return Err(DecodeError::Binary(kind.to_string()));
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    if let Some(enc) = declared.filter(|&e| e != UTF_8) {
        return Ok(run(enc, bytes));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(run(enc, bytes));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary("control bytes".to_string()));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(run(UTF_8, bytes));
    }
    // Declared UTF-8, or mostly UTF-8: repair the stray bytes only.
    if let Some(d) = repair_utf8(bytes, declared == Some(UTF_8)) {
        return Ok(d);
    }
    if let Some(enc) = sniff_meta_charset(bytes) {
        return Ok(run(enc, bytes));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    Ok(run(detector.guess(None, true), bytes))
}

/// UTF-8 text with a few bytes that are not UTF-8: the valid runs as UTF-8, each
/// stray byte as Windows-1252 (what a stray byte almost always is). Taken when the
/// UTF-8 is declared, or when the valid multi-byte characters are at least as many
/// as the stray bytes (Windows-1252 text almost never forms valid UTF-8 sequences).
fn repair_utf8(bytes: &[u8], declared: bool) -> Option<Decoded> {
    let (mut multi, mut stray) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        stray += chunk.invalid().len();
    }
    if !declared && (multi == 0 || stray > multi) {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + stray * 2);
    let mut examples: Vec<String> = Vec::new();
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        for &b in chunk.invalid() {
            let one = [b];
            let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            if examples.len() < 3 {
                examples.push(format!("{c} at byte {at}"));
            }
            text.push_str(&c);
            at += 1;
        }
    }
    let more = if stray > examples.len() { ", …" } else { "" };
    Some(Decoded {
        text,
        encoding: UTF_8.name(),
        lossy: false,
        repairs: vec![format!(
            "{stray} byte{} not valid UTF-8 read as Windows-1252: {}{more}",
            if stray == 1 { "" } else { "s" },
            examples.join(", ")
        )],
    })
}

fn run(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, lossy) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        lossy,
        repairs: Vec::new(),
    }
}

/// Finds `<meta charset=...>` or `content="...; charset=..."` in the first 1024
/// bytes, as browsers do.
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && (lower[i] == b' ' || lower[i] == b'=') {
            i += 1;
        }
        while i < lower.len() && (lower[i] == b'"' || lower[i] == b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page that declares UTF-16 in ASCII-compatible bytes is UTF-8.
                if enc == UTF_16LE || enc == UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_zero += 1;
            } else {
                odd_zero += 1;
            }
        }
    }
    let half = n / 2;
    if odd_zero * 10 > half * 4 && even_zero * 20 < half {
        Some(UTF_16LE)
    } else if even_zero * 10 > half * 4 && odd_zero * 20 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn magic_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7FELF", "executable"),
        (b"\x1F\x8B", "gzip data"),
        (b"RIFF", "RIFF media"),
        (b"\x28\xB5\x2F\xFD", "zstd data"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// Text has almost no C0 control bytes besides tab, newline, carriage return and
/// form feed; binary data has many. Judged on the first 8 KiB, and on the whole for
/// NUL bytes: a few NULs in text (a bad copy, a padded field) are dropped by
/// [`decode`], more than 1 in 1,000 bytes mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    let nuls = |b: &[u8]| b.iter().filter(|&&b| b == 0).count();
    controls * 100 > head.len() * 2
        || nuls(head) * 1000 > head.len().max(1000)
        || nuls(bytes) * 1000 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain() {
        let d = decode("Nicolás “Maduro”".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Nicolás “Maduro”");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_by_detection() {
        // “Díaz-Canel” said – in Windows-1252
        let bytes =
            b"\x93D\xEDaz-Canel\x94 said \x96 the president of Cuba, on Wednesday in Havana.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(
            d.text,
            "“Díaz-Canel” said – the president of Cuba, on Wednesday in Havana."
        );
    }

    #[test]
    fn latin1_declared() {
        let d = decode(b"Ch\xE1vez", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "Chávez");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "Gaza “genocide” – Nicolás";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, s);
        let mut be: Vec<u8> = Vec::new();
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, s);
        assert_eq!(decode(&le[2..], None).unwrap().text, s);
    }

    #[test]
    fn shift_jis_by_meta() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=\"shift_jis\"><p>東京</p>");
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.contains("東京"), "{}", d.text);
        assert_eq!(d.encoding, "Shift_JIS");
    }

    #[test]
    fn binary_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0IHDR", None).is_err());
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode(&junk, None).is_err());
    }

    #[test]
    fn one_stray_latin1_byte_in_utf8_is_repaired_alone() {
        let mut bytes = "“Maduro” said the “deal” was done, "
            .repeat(20)
            .into_bytes();
        bytes.extend(b"caf\xE9 ");
        bytes.extend("and “more” followed.".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("“Maduro”") && d.text.contains("café and “more”"));
        assert!(!d.text.contains("â€"), "{}", d.text);
        assert_eq!(d.repairs.len(), 1, "{:?}", d.repairs);
        assert!(d.repairs[0].starts_with("1 byte not valid UTF-8 read as Windows-1252: é at byte"));
        // declared UTF-8 (JSON, an HTTP header): the stray byte too, not U+FFFD
        let d = decode(b"Ch\xE1vez said", Some("utf-8")).unwrap();
        assert_eq!(d.text, "Chávez said");
        assert_eq!(d.repairs.len(), 1);
        // real Windows-1252 text is still read as such
        let d = decode(
            b"\x93D\xEDaz-Canel\x94 said \x96 in Havana, on Wednesday.",
            None,
        )
        .unwrap();
        assert!(d.repairs.is_empty() && d.text.starts_with("“Díaz-Canel”"));
    }

    #[test]
    fn a_few_nul_bytes_are_dropped_not_binary() {
        let mut bytes = "The council voted to close the library. "
            .repeat(4800)
            .into_bytes();
        for i in 0..100 {
            bytes.insert(i * 1900 + 7, 0);
        }
        let d = decode(&bytes, None).unwrap();
        assert!(!d.text.contains('\0'));
        assert_eq!(d.repairs, ["100 NUL bytes removed"]);
        // a file of many NULs is still binary
        let mut junk = b"text ".repeat(100);
        junk.extend(vec![0u8; 200]);
        assert!(decode(&junk, None).is_err());
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode(b"", None).unwrap().text, "");
    }
}
