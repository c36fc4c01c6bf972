//! Text scanning shared by the hygiene families (residue, years, names, layout, units):
//! every piece of text the document prints — headings, paragraphs, table cells — with the
//! input line of any position in it, and matching that ignores full-width/half-width and
//! wrap-space differences while still pointing at the original text.

use crate::document::{Block, Span};
use crate::finding::Location;
use crate::structure::Disclosure;

/// Where a piece of text stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Heading,
    Paragraph,
    Cell,
}

/// One piece of printed text, folded for matching.
pub struct Piece<'a> {
    pub place: Place,
    /// Index of the block it belongs to.
    pub block: usize,
    pub text: &'a str,
    /// The text folded char by char (`（` → `(`, `Ｘ` → `X`), whitespace dropped.
    pub folded: Vec<char>,
    /// Byte offset in `text` of each folded char.
    offsets: Vec<usize>,
    span: Span,
    line_starts: &'a [(usize, u32)],
}

impl Piece<'_> {
    /// The input line of the folded char at `i`.
    pub fn line_of(&self, i: usize) -> u32 {
        let byte = self.offsets.get(i).copied().unwrap_or(0);
        self.line_starts.iter().rev().find(|(o, _)| *o <= byte).map_or(self.span.line, |(_, l)| *l)
    }

    /// Every start index of `pattern` (already folded) in the folded text.
    pub fn find(&self, pattern: &[char]) -> Vec<usize> {
        if pattern.is_empty() || pattern.len() > self.folded.len() {
            return Vec::new();
        }
        (0..=self.folded.len() - pattern.len()).filter(|&i| self.folded[i..i + pattern.len()] == *pattern).collect()
    }
}

/// Fold one char for matching: NFKC of full-width forms, one form of quotes and brackets.
pub fn fold_char(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '／' => '/',
        '，' => ',',
        '；' => ';',
        '％' => '%',
        '【' | '〔' | '［' => '[',
        '】' | '〕' | '］' => ']',
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A pattern folded the same way as the text.
pub fn fold(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).map(fold_char).collect()
}

fn piece<'a>(place: Place, block: usize, text: &'a str, span: Span, line_starts: &'a [(usize, u32)]) -> Piece<'a> {
    let mut folded = Vec::with_capacity(text.len() / 2);
    let mut offsets = Vec::with_capacity(text.len() / 2);
    for (b, c) in text.char_indices() {
        if c.is_whitespace() || c == '\u{200b}' {
            continue;
        }
        folded.push(fold_char(c));
        offsets.push(b);
    }
    Piece { place, block, text, folded, offsets, span, line_starts }
}

/// Every heading, paragraph and table cell of the document, in reading order.
pub fn pieces<'a>(d: &'a Disclosure) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for (bi, b) in d.doc.blocks.iter().enumerate() {
        match b {
            Block::Heading(h) => out.push(piece(Place::Heading, bi, &h.text, h.span, &[])),
            Block::Paragraph(p) => out.push(piece(Place::Paragraph, bi, &p.text, p.span, &p.line_starts)),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in &row.cells {
                        if !c.text.trim().is_empty() {
                            out.push(piece(Place::Cell, bi, &c.text, c.span, &[]));
                        }
                    }
                }
            }
        }
    }
    out
}

/// A location on one input line, with the line as excerpt.
pub fn line_location(d: &Disclosure, line: u32) -> Location {
    Location {
        line,
        end_line: line,
        excerpt: d.doc.line_text(line).map(|s| super::excerpt(s, 120)),
        ..Default::default()
    }
}

/// A four-digit year `20xx` at folded index `i`, not part of a longer number.
pub fn year_at(chars: &[char], i: usize) -> Option<u32> {
    let digits = chars.get(i..i + 4)?;
    if digits[0] != '2' || digits[1] != '0' || !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let before = i.checked_sub(1).and_then(|p| chars.get(p));
    if before.is_some_and(|c| c.is_ascii_digit() || *c == '.') || chars.get(i + 4).is_some_and(char::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u32, |acc, c| c.to_digit(10).map(|d| acc * 10 + d))
}

/// Does the folded text continue with the folded `pattern` at index `i`?
pub fn at_chars(chars: &[char], i: usize, pattern: &[char]) -> bool {
    chars.get(i..i + pattern.len()).is_some_and(|w| w == pattern)
}

/// Does the folded text continue with `word` at index `i`?
pub fn at(chars: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(k, w)| chars.get(k) == Some(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_years() {
        assert_eq!(fold("增加（减少） ＸＸ"), "增加(减少)XX".chars().collect::<Vec<_>>());
        let c = fold("与2019年相比，12020年");
        assert_eq!(year_at(&c, 1), Some(2019));
        assert_eq!(year_at(&c, 10), None);
        assert!(at(&c, 5, "年相比"));
    }
}
