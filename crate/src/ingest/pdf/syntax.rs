//! PDF syntax: a lexer and object parser shared by the file structure (objects, trailers,
//! object streams), content streams and CMaps. Everything is bounded by the input length and
//! a nesting cap, so hostile bytes can only produce `Null`s, never a panic or a deep stack.

/// Deepest array/dictionary nesting accepted; real files nest a handful of levels.
const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// An indirect reference (object number; generations are ignored: the last definition
    /// in the file wins).
    Ref(u32),
    /// A stream: its dictionary and the byte range of its raw data in the file.
    Stream(Dict, usize, usize),
}

/// Dictionaries are small: a vector with linear lookup keeps insertion order and is cheap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> &Obj {
        self.0.iter().rev().find(|(k, _)| k == key).map_or(&Obj::Null, |(_, v)| v)
    }
}

impl Obj {
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _, _) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// One lexical item: an operand object or an operator keyword (content streams), or the
/// keywords `R`, `obj`, `stream`, `endobj` … in the file body.
#[derive(Debug, PartialEq)]
pub enum Item<'a> {
    Obj(Obj),
    Keyword(&'a [u8]),
    ArrayEnd,
    DictEnd,
    Eof,
}

pub fn is_space(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

pub struct Lexer<'a> {
    pub s: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(s: &'a [u8], pos: usize) -> Self {
        Lexer { s, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    pub fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next item, with `n g R` folded into a reference.
    pub fn item(&mut self, depth: usize) -> Item<'a> {
        let it = self.raw_item(depth);
        if let Item::Obj(Obj::Num(n)) = it {
            if n >= 0.0 && n.fract() == 0.0 && n < u32::MAX as f64 && self.reference_follows() {
                return Item::Obj(Obj::Ref(n as u32));
            }
        }
        it
    }

    /// After an object number: is ` g R` next? If so it is consumed. Only digits and the
    /// `R` keyword are looked at, never a nested object, so the look-ahead costs O(1)
    /// (re-parsing a nested array after a failed look-ahead would be exponential).
    fn reference_follows(&mut self) -> bool {
        let save = self.pos;
        self.skip_space();
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos > start {
            self.skip_space();
            if self.peek() == Some(b'R') && self.s.get(self.pos + 1).is_none_or(|&b| is_space(b) || is_delim(b)) {
                self.pos += 1;
                return true;
            }
        }
        self.pos = save;
        false
    }

    /// An object; a stray keyword or closing bracket gives `None`.
    pub fn object(&mut self, depth: usize) -> Option<Obj> {
        match self.item(depth) {
            Item::Obj(o) => Some(o),
            _ => None,
        }
    }

    fn raw_item(&mut self, depth: usize) -> Item<'a> {
        self.skip_space();
        let Some(b) = self.peek() else { return Item::Eof };
        match b {
            b'(' => {
                self.pos += 1;
                Item::Obj(Obj::Str(self.literal_string()))
            }
            b'<' if self.s.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Item::Obj(self.dict(depth))
            }
            b'<' => {
                self.pos += 1;
                Item::Obj(Obj::Str(self.hex_string()))
            }
            b'>' if self.s.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Item::DictEnd
            }
            b'[' => {
                self.pos += 1;
                Item::Obj(self.array(depth))
            }
            b']' => {
                self.pos += 1;
                Item::ArrayEnd
            }
            b'/' => {
                self.pos += 1;
                Item::Obj(Obj::Name(self.name()))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Item::Obj(self.number()),
            _ => {
                let start = self.pos;
                while let Some(b) = self.peek() {
                    if is_space(b) || (is_delim(b) && self.pos > start) {
                        break;
                    }
                    self.pos += 1;
                    if is_delim(b) {
                        break;
                    }
                }
                let kw = &self.s[start..self.pos];
                match kw {
                    b"true" => Item::Obj(Obj::Bool(true)),
                    b"false" => Item::Obj(Obj::Bool(false)),
                    b"null" => Item::Obj(Obj::Null),
                    _ => Item::Keyword(kw),
                }
            }
        }
    }

    fn number(&mut self) -> Obj {
        let start = self.pos;
        while let Some(b'+' | b'-' | b'.' | b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        let t = &self.s[start..self.pos];
        // Producers write `--5` or `5-`; keep the leading sign and the digits that follow.
        let neg = t.first() == Some(&b'-');
        let body: Vec<u8> =
            t.iter().copied().skip_while(|b| matches!(b, b'+' | b'-')).take_while(|b| *b != b'-').collect();
        let v = std::str::from_utf8(&body).ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
        Obj::Num(if neg { -v } else { v })
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if is_space(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self
                    .s
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        _ => out.push(e),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Obj {
        let mut v = Vec::new();
        if depth >= MAX_NESTING {
            self.skip_nested(b'[', b']');
            return Obj::Null;
        }
        loop {
            match self.item(depth + 1) {
                Item::Obj(o) => v.push(o),
                Item::ArrayEnd | Item::Eof => break,
                // A keyword inside an array is malformed (or `R` already consumed): skip it.
                Item::Keyword(_) | Item::DictEnd => {}
            }
        }
        Obj::Array(v)
    }

    fn dict(&mut self, depth: usize) -> Obj {
        let mut d = Vec::new();
        if depth >= MAX_NESTING {
            self.skip_nested(b'<', b'>');
            return Obj::Null;
        }
        loop {
            match self.item(depth + 1) {
                Item::Obj(Obj::Name(k)) => {
                    let before = self.pos;
                    match self.item(depth + 1) {
                        Item::Obj(v) => d.push((k, v)),
                        Item::DictEnd | Item::Eof => break,
                        _ => {
                            if self.pos == before {
                                break;
                            }
                        }
                    }
                }
                Item::DictEnd | Item::Eof => break,
                Item::Keyword(_) | Item::ArrayEnd | Item::Obj(_) => {}
            }
        }
        Obj::Dict(Dict(d))
    }

    /// Skips a too-deep structure by counting brackets (flat, so no recursion).
    fn skip_nested(&mut self, open: u8, close: u8) {
        let mut level = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == open {
                level += 1;
            } else if b == close {
                level -= 1;
                if level == 0 {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object(0).unwrap()
    }

    #[test]
    fn objects() {
        assert_eq!(obj("12 0 R"), Obj::Ref(12));
        assert_eq!(obj("(a\\(b\\)\\101)"), Obj::Str(b"a(b)A".to_vec()));
        assert_eq!(obj("<4E6F7>"), Obj::Str(vec![0x4e, 0x6f, 0x70]));
        assert_eq!(obj("/A#20B"), Obj::Name(b"A B".to_vec()));
        let d = obj("<</Type/Page/Kids[1 0 R 2 0 R]/N -3.5>>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"Kids"), &Obj::Array(vec![Obj::Ref(1), Obj::Ref(2)]));
        assert_eq!(d.get(b"N").as_num(), Some(-3.5));
        assert_eq!(obj("--5").as_num(), Some(-5.0));
    }

    #[test]
    fn nested_numbers_parse_in_linear_time() {
        // Found by cargo fuzz: `[1 [1 [1 …` re-parsed every level after the reference
        // look-ahead failed (exponential).
        let s = "[1 ".repeat(60);
        let start = std::time::Instant::now();
        assert!(matches!(obj(&s), Obj::Array(_)));
        assert!(start.elapsed().as_secs() < 2);
        assert_eq!(obj("[1 0 R 2]"), Obj::Array(vec![Obj::Ref(1), Obj::Num(2.0)]));
        assert_eq!(obj("[1 0 Rx]"), Obj::Array(vec![Obj::Num(1.0), Obj::Num(0.0)]));
    }

    #[test]
    fn deep_nesting_is_cut_not_recursed() {
        let s = "[".repeat(100_000);
        assert!(matches!(obj(&s), Obj::Array(_)));
        let s = "<<".repeat(100_000);
        assert!(matches!(obj(&s), Obj::Dict(_)));
    }
}
