/// FNV-1a, 64 bits. Used for stable ids: the same bytes give the same id on every
/// machine and run, which a std `Hasher` does not promise.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_of(bytes.iter().copied())
}

/// [`fnv1a64`] of bytes as they come (a word lower-cased on the way, say).
pub fn fnv1a64_of(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A 16-hex-digit id from several parts (separated so ("ab","c") != ("a","bc")).
pub fn short_id(parts: &[&str]) -> String {
    let mut buf = Vec::new();
    for p in parts {
        buf.extend_from_slice(p.as_bytes());
        buf.push(0x1f);
    }
    format!("{:016x}", fnv1a64(&buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_separated() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(short_id(&["a", "b"]), short_id(&["a", "b"]));
        assert_ne!(short_id(&["ab", "c"]), short_id(&["a", "bc"]));
        assert_eq!(short_id(&["x"]).len(), 16);
    }
}
