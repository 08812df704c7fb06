#!/usr/bin/env python3
"""Writes entities.rs, the HTML named character references of parallax-extract.

The source is the WHATWG list as Python's standard library ships it
(`html.entities.html5`): no network, no other input. Run from the repository:

    python3 crates/extract/src/gen_entities.py > crates/extract/src/entities.rs

The table is sorted by the bytes of each name, the order `dom.rs`'s binary search
needs (a test in entities.rs checks it). A development tool only: the table it
writes is compiled into parallax; nothing runs this at build or run time.
"""

import html.entities
import sys


def rust_str(value: str) -> str:
    """The Rust literal text of `value`: printable ASCII as is, others as \\u{..}."""
    out = []
    for ch in value:
        code = ord(ch)
        if 0x20 <= code < 0x7F and ch not in '"\\':
            out.append(ch)
        else:
            out.append("\\u{%x}" % code)
    return "".join(out)


def main() -> None:
    items = sorted(html.entities.html5.items(), key=lambda kv: kv[0].encode())
    w = sys.stdout.write
    w("//! HTML named character references, generated from the WHATWG list (as shipped in\n")
    w("//! Python's `html.entities.html5`) by `gen_entities.py` in this folder. Names include\n")
    w("//! the trailing `;` where the spec requires it; the legacy forms without `;` appear\n")
    w("//! as separate entries. Sorted by name for binary search.\n\n")
    w("pub(crate) static ENTITIES: &[(&str, &str)] = &[\n")
    for name, value in items:
        w(f'    ("{name}", "{rust_str(value)}"),\n')
    w("];\n\n")
    w(TESTS)


TESTS = """#[cfg(test)]
mod tests {
    use super::ENTITIES;

    #[test]
    fn sorted_by_name_without_duplicates_for_binary_search() {
        for w in ENTITIES.windows(2) {
            assert!(
                w[0].0.as_bytes() < w[1].0.as_bytes(),
                "{:?} is not before {:?}",
                w[0].0,
                w[1].0
            );
        }
        for (i, (name, _)) in ENTITIES.iter().enumerate() {
            let found = ENTITIES.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()));
            assert_eq!(found, Ok(i), "{name}");
        }
    }

    #[test]
    fn the_whatwg_list() {
        assert_eq!(ENTITIES.len(), 2231);
        let get = |n: &str| ENTITIES.iter().find(|e| e.0 == n).map(|e| e.1);
        assert_eq!(get("amp;"), Some("&"));
        assert_eq!(get("amp"), Some("&"));
        assert_eq!(get("QUOT;"), Some("\\""));
        assert_eq!(get("rsquo;"), Some("\\u{2019}"));
        assert_eq!(get("rsquo"), None);
        assert_eq!(get("NotEqualTilde;"), Some("\\u{2242}\\u{338}"));
    }
}
"""

if __name__ == "__main__":
    main()
