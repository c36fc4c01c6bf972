//! Bytes → text. Government files come as UTF-8 (with or without BOM), UTF-16 from some
//! Windows tools, and very often GBK/GB18030. We detect rather than trust the file name.

use crate::document::ReadIssue;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub issues: Vec<ReadIssue>,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let mut issues = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            issues.push(bad_bytes_issue(enc.name()));
        }
        return Decoded { text: text.into_owned(), encoding: label(enc), issues };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_owned(), encoding: "UTF-8", issues };
    }
    // UTF-16 without BOM: many NULs in alternating positions.
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            issues.push(bad_bytes_issue(enc.name()));
        }
        return Decoded { text: text.into_owned(), encoding: label(enc), issues };
    }
    let (gb, gb_errors) = GB18030.decode_without_bom_handling(bytes);
    if !gb_errors {
        return Decoded { text: gb.into_owned(), encoding: "GB18030", issues };
    }
    // Neither decodes cleanly: keep whichever loses fewer characters and say so.
    let (utf, _) = UTF_8.decode_without_bom_handling(bytes);
    let lost = |s: &str| s.chars().filter(|c| *c == '\u{FFFD}').count();
    let (text, enc) = if lost(&gb) < lost(&utf) { (gb.into_owned(), "GB18030") } else { (utf.into_owned(), "UTF-8") };
    issues.push(bad_bytes_issue(enc));
    Decoded { text, encoding: enc, issues }
}

fn label(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 || enc.name() == "GBK" {
        "GB18030"
    } else {
        enc.name()
    }
}

fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
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
        Some(UTF_16LE)
    } else if even * 3 > pairs && odd * 10 < pairs {
        Some(UTF_16BE)
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

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GB18030.encode("收入支出决算总表\n金额单位：万元");
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
    fn garbage_bytes_give_a_message_not_a_panic() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let d = decode(&bytes);
        assert!(!d.issues.is_empty());
    }
}
