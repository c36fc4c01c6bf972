//! Bytes → text. Government files come as UTF-8 (with or without BOM), UTF-16 from some
//! Windows tools, and very often GBK/GB18030. We detect rather than trust the file name.

use crate::document::ReadIssue;

pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub issues: Vec<ReadIssue>,
}

/// The Unicode encodings, decoded with the standard library. Only GB18030 needs tables
/// (`encoding_rs`, Cargo feature `gb18030`), which the web page loads on demand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unicode {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Unicode {
    fn name(self) -> &'static str {
        match self {
            Unicode::Utf8 => "UTF-8",
            Unicode::Utf16Le => "UTF-16LE",
            Unicode::Utf16Be => "UTF-16BE",
        }
    }

    /// The text, and whether any bytes were malformed (each malformed sequence becomes
    /// U+FFFD, as the WHATWG decoders do).
    fn decode(self, bytes: &[u8]) -> (String, bool) {
        match self {
            Unicode::Utf8 => {
                let s = String::from_utf8_lossy(bytes);
                let bad = matches!(s, std::borrow::Cow::Owned(_));
                (s.into_owned(), bad)
            }
            Unicode::Utf16Le | Unicode::Utf16Be => {
                let unit = |p: &[u8]| {
                    let b = [p[0], p[1]];
                    if self == Unicode::Utf16Le {
                        u16::from_le_bytes(b)
                    } else {
                        u16::from_be_bytes(b)
                    }
                };
                let mut bad = bytes.len() % 2 == 1;
                let mut text: String = char::decode_utf16(bytes.chunks_exact(2).map(unit))
                    .map(|r| {
                        r.unwrap_or_else(|_| {
                            bad = true;
                            '\u{FFFD}'
                        })
                    })
                    .collect();
                if bytes.len() % 2 == 1 {
                    text.push('\u{FFFD}');
                }
                (text, bad)
            }
        }
    }
}

/// The byte order mark and its length.
fn bom(bytes: &[u8]) -> Option<(Unicode, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((Unicode::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((Unicode::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((Unicode::Utf16Be, 2)),
        _ => None,
    }
}

/// The Unicode encoding the bytes are in, when they are in one: a BOM, valid UTF-8, or
/// UTF-16 without BOM. `None` leaves GB18030 (or undecodable bytes).
fn unicode(bytes: &[u8]) -> Option<(Unicode, usize)> {
    bom(bytes)
        .or_else(|| std::str::from_utf8(bytes).is_ok().then_some((Unicode::Utf8, 0)))
        .or_else(|| sniff_utf16(bytes).map(|e| (e, 0)))
}

/// True when only the GB18030 decoder can read the bytes well (no BOM, not UTF-8, not UTF-16).
pub fn needs_legacy(bytes: &[u8]) -> bool {
    unicode(bytes).is_none()
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let mut issues = Vec::new();
    if let Some((enc, bom_len)) = unicode(bytes) {
        let (text, had_errors) = enc.decode(&bytes[bom_len..]);
        if had_errors {
            issues.push(bad_bytes_issue(enc.name()));
        }
        return Decoded { text, encoding: enc.name(), issues };
    }
    let (text, enc, had_errors) = legacy(bytes);
    if had_errors {
        issues.push(bad_bytes_issue(enc));
    }
    Decoded { text, encoding: enc, issues }
}

/// GB18030 when it decodes cleanly; otherwise whichever of GB18030 and UTF-8 loses fewer
/// characters. The flag says whether bytes were lost.
#[cfg(feature = "gb18030")]
fn legacy(bytes: &[u8]) -> (String, &'static str, bool) {
    let (gb, gb_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if !gb_errors {
        return (gb.into_owned(), "GB18030", false);
    }
    let (utf, _) = Unicode::Utf8.decode(bytes);
    let lost = |s: &str| s.chars().filter(|c| *c == '\u{FFFD}').count();
    if lost(&gb) < lost(&utf) {
        (gb.into_owned(), "GB18030", true)
    } else {
        (utf, "UTF-8", true)
    }
}

/// Without the GB18030 tables: UTF-8 with replacement characters.
#[cfg(not(feature = "gb18030"))]
fn legacy(bytes: &[u8]) -> (String, &'static str, bool) {
    (Unicode::Utf8.decode(bytes).0, "UTF-8", true)
}

fn sniff_utf16(bytes: &[u8]) -> Option<Unicode> {
    if bytes.len() < 4 {
        return None;
    }
    let n = bytes.len().min(4096) / 2 * 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let pairs = n / 2;
    if odd * 3 > pairs && even * 10 < pairs {
        Some(Unicode::Utf16Le)
    } else if even * 3 > pairs && odd * 10 < pairs {
        Some(Unicode::Utf16Be)
    } else {
        None
    }
}

fn bad_bytes_issue(enc: &str) -> ReadIssue {
    ReadIssue {
        code: "input.encoding",
        zh: format!("输入中有无法按 {enc} 解码的字节，已替换为 �；相关位置的文字和数字可能不完整"),
        en: format!(
            "some bytes could not be decoded as {enc} and were replaced by �; text and figures there may be incomplete"
        ),
        span: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("收入".as_bytes()).encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("收入".as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "收入");
    }

    #[cfg(feature = "gb18030")]
    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("收入支出决算总表\n金额单位：万元");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GB18030");
        assert!(d.text.contains("金额单位：万元"));
        assert!(d.issues.is_empty());
    }

    #[test]
    fn utf16le_without_bom() {
        let bytes: Vec<u8> = "合计 12.00\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "合计 12.00\n");
    }

    #[test]
    fn utf16_with_bom_odd_length_and_lone_surrogate() {
        let mut b = vec![0xFE, 0xFF];
        b.extend("合计".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&b).text, "合计");
        assert!(decode(&b).issues.is_empty());
        let mut b = vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00, 0x42];
        let d = decode(&b);
        assert_eq!((d.text.as_str(), d.encoding), ("\u{FFFD}A\u{FFFD}", "UTF-16LE"));
        assert_eq!(d.issues.len(), 1);
        b.truncate(6);
        assert!(!needs_legacy(&b));
    }

    #[test]
    fn only_gbk_needs_the_legacy_decoder() {
        assert!(!needs_legacy("收入".as_bytes()));
        assert!(!needs_legacy(b""));
        // 收入 in GBK.
        assert!(needs_legacy(&[0xCA, 0xD5, 0xC8, 0xEB]));
    }

    #[test]
    fn garbage_bytes_give_a_message_not_a_panic() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let d = decode(&bytes);
        assert!(!d.issues.is_empty());
    }
}
