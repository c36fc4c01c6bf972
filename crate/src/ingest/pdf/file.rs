//! The file structure: every `n g obj … endobj` in the file (found by scanning, so a broken
//! or missing cross-reference table does not matter), objects inside object streams, the
//! trailer, and stream data decoded with caps on size.

use super::syntax::{is_delim, is_space, Dict, Item, Lexer, Obj};
use super::Limits;
use std::collections::HashMap;

pub struct PdfFile<'a> {
    pub data: &'a [u8],
    /// Object number → (file offset of its definition, object). The later definition wins,
    /// which is what incremental updates mean.
    objs: HashMap<u32, (usize, Obj)>,
    pub trailer: Dict,
    /// Decompressed bytes handed out so far (bounded by `Limits::total_stream_bytes`).
    pub decoded_total: std::cell::Cell<usize>,
    pub limits: Limits,
    /// A cap was hit while reading (objects, stream sizes).
    pub truncated: std::cell::Cell<bool>,
    /// Streams whose compressed data was damaged (decoded partially or not at all).
    pub damaged_streams: std::cell::Cell<usize>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// Reads digits backwards ending just before `end`; returns (value, start).
fn digits_before(data: &[u8], end: usize) -> Option<(u32, usize)> {
    let mut i = end;
    while i > 0 && data[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == end || end - i > 10 {
        return None;
    }
    let v = std::str::from_utf8(&data[i..end]).ok()?.parse::<u64>().ok()?;
    u32::try_from(v).ok().map(|v| (v, i))
}

/// If `obj` at `i` is an object header keyword (`n g obj`), the object number.
fn header_before(data: &[u8], i: usize) -> Option<u32> {
    if data.get(i + 3).is_some_and(|&b| !is_space(b) && !is_delim(b)) {
        return None;
    }
    let mut j = i;
    let ws = |j: &mut usize| {
        let s = *j;
        while *j > 0 && is_space(data[*j - 1]) {
            *j -= 1;
        }
        *j < s
    };
    if !ws(&mut j) {
        return None;
    }
    let (_, s) = digits_before(data, j)?;
    j = s;
    if !ws(&mut j) {
        return None;
    }
    let (num, s) = digits_before(data, j)?;
    if s > 0 && !is_space(data[s - 1]) && !is_delim(data[s - 1]) {
        return None;
    }
    Some(num)
}

impl<'a> PdfFile<'a> {
    pub fn parse(data: &'a [u8], limits: Limits) -> PdfFile<'a> {
        let mut f = PdfFile {
            data,
            objs: HashMap::new(),
            trailer: Dict::default(),
            decoded_total: std::cell::Cell::new(0),
            limits,
            truncated: std::cell::Cell::new(false),
            damaged_streams: std::cell::Cell::new(0),
        };
        f.scan_objects();
        f.scan_trailers();
        f.unpack_object_streams();
        f
    }

    fn scan_objects(&mut self) {
        let data = self.data;
        let mut pos = 0;
        while let Some(i) = find(data, b"obj", pos) {
            pos = i + 3;
            let Some(num) = header_before(data, i) else { continue };
            if self.objs.len() >= self.limits.max_objects {
                self.truncated.set(true);
                break;
            }
            let mut lx = Lexer::new(data, i + 3);
            let Some(obj) = lx.object(0) else { continue };
            let after = lx.pos;
            lx.skip_space();
            let obj = match (obj, lx.item(0)) {
                (Obj::Dict(d), Item::Keyword(b"stream")) => {
                    let mut start = lx.pos;
                    if data.get(start) == Some(&b'\r') {
                        start += 1;
                    }
                    if data.get(start) == Some(&b'\n') {
                        start += 1;
                    }
                    let end = self.stream_end(&d, start);
                    pos = end;
                    Obj::Stream(d, start, end)
                }
                (o, _) => {
                    pos = after;
                    o
                }
            };
            self.objs.insert(num, (i, obj));
        }
    }

    /// Where the stream data starting at `start` ends: by a direct `/Length` when the
    /// `endstream` keyword follows it, otherwise at the next `endstream`.
    fn stream_end(&self, d: &Dict, start: usize) -> usize {
        let data = self.data;
        if let Some(len) = d.get(b"Length").as_num() {
            if len >= 0.0 && (len as usize) <= data.len().saturating_sub(start) {
                let end = start + len as usize;
                let mut k = end;
                while k < data.len() && is_space(data[k]) {
                    k += 1;
                }
                if data.get(k..k + 9) == Some(b"endstream") {
                    return end;
                }
            }
        }
        let mut end = find(data, b"endstream", start).unwrap_or(data.len());
        // The end-of-line before `endstream` is not data.
        if end > start && data[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && data[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }

    /// The trailer: from `trailer` dictionaries and cross-reference streams; the last one
    /// naming a `/Root` wins. Without any, a `/Type /Catalog` object serves as root.
    fn scan_trailers(&mut self) {
        let data = self.data;
        let mut pos = 0;
        let mut best: Option<(usize, Dict)> = None;
        while let Some(i) = find(data, b"trailer", pos) {
            pos = i + 7;
            let mut lx = Lexer::new(data, pos);
            if let Some(Obj::Dict(d)) = lx.object(0) {
                if !matches!(d.get(b"Root"), Obj::Null) {
                    best = Some((i, d));
                }
            }
        }
        for (off, o) in self.objs.values() {
            if let Obj::Stream(d, _, _) = o {
                if d.get(b"Type").as_name() == Some(b"XRef")
                    && !matches!(d.get(b"Root"), Obj::Null)
                    && best.as_ref().is_none_or(|(b, _)| *off > *b)
                {
                    best = Some((*off, d.clone()));
                }
            }
        }
        self.trailer = match best {
            Some((_, d)) => d,
            None => {
                let root = self
                    .objs
                    .iter()
                    .filter(|(_, (_, o))| o.as_dict().is_some_and(|d| d.get(b"Type").as_name() == Some(b"Catalog")))
                    .max_by_key(|(_, (off, _))| *off)
                    .map(|(n, _)| *n);
                Dict(root.map(|n| (b"Root".to_vec(), Obj::Ref(n))).into_iter().collect())
            }
        };
    }

    fn unpack_object_streams(&mut self) {
        let streams: Vec<(usize, Dict, usize, usize)> = self
            .objs
            .values()
            .filter_map(|(off, o)| match o {
                Obj::Stream(d, s, e) if d.get(b"Type").as_name() == Some(b"ObjStm") => Some((*off, d.clone(), *s, *e)),
                _ => None,
            })
            .collect();
        for (off, d, s, e) in streams {
            let Some(bytes) = self.decode(&d, s, e) else { continue };
            let n = d.get(b"N").as_num().unwrap_or(0.0).max(0.0) as usize;
            let first = d.get(b"First").as_num().unwrap_or(0.0).max(0.0) as usize;
            let mut lx = Lexer::new(&bytes, 0);
            let mut index = Vec::new();
            for _ in 0..n.min(bytes.len()) {
                match (lx.item(0), lx.item(0)) {
                    (Item::Obj(Obj::Num(a)), Item::Obj(Obj::Num(b))) if a >= 0.0 && b >= 0.0 => {
                        index.push((a as u32, b as usize))
                    }
                    _ => break,
                }
            }
            for (num, rel) in index {
                if self.objs.len() >= self.limits.max_objects {
                    self.truncated.set(true);
                    return;
                }
                if self.objs.get(&num).is_some_and(|(o, _)| *o > off) {
                    continue;
                }
                let mut lx = Lexer::new(&bytes, first.saturating_add(rel));
                if let Some(o) = lx.object(0) {
                    self.objs.insert(num, (off, o));
                }
            }
        }
    }

    /// Follows references (a bounded chain) to the object itself; missing ones are `Null`.
    pub fn resolve<'b>(&'b self, mut o: &'b Obj) -> &'b Obj {
        for _ in 0..16 {
            match o {
                Obj::Ref(n) => o = self.objs.get(n).map_or(&Obj::Null, |(_, o)| o),
                _ => return o,
            }
        }
        &Obj::Null
    }

    pub fn get<'b>(&'b self, d: &'b Dict, key: &[u8]) -> &'b Obj {
        self.resolve(d.get(key))
    }

    pub fn dict<'b>(&'b self, d: &'b Dict, key: &[u8]) -> Option<&'b Dict> {
        self.get(d, key).as_dict()
    }

    pub fn is_encrypted(&self) -> bool {
        !matches!(self.trailer.get(b"Encrypt"), Obj::Null)
    }

    /// The decoded data of a stream object (`None` if not a stream or undecodable).
    pub fn stream_data(&self, o: &Obj) -> Option<Vec<u8>> {
        match self.resolve(o) {
            Obj::Stream(d, s, e) => self.decode(d, *s, *e),
            _ => None,
        }
    }

    fn decode(&self, d: &Dict, s: usize, e: usize) -> Option<Vec<u8>> {
        // An indirect `/Length` could not be read while scanning (its object may come
        // later), so the data was cut at `endstream`, dropping an end-of-line that may
        // belong to it (compressed data ending in a 0x0A byte): use the length now.
        let e = match (d.get(b"Length"), self.get(d, b"Length").as_num()) {
            (Obj::Ref(_), Some(len)) if len >= 0.0 => {
                let end = s.saturating_add(len as usize);
                let mut k = end;
                while k < self.data.len() && is_space(self.data[k]) {
                    k += 1;
                }
                if end >= e && self.data.get(k..k + 9) == Some(b"endstream") {
                    end
                } else {
                    e
                }
            }
            _ => e,
        };
        let raw = self.data.get(s..e)?;
        let filters: Vec<Vec<u8>> = match self.get(d, b"Filter") {
            Obj::Name(n) => vec![n.clone()],
            Obj::Array(a) => a.iter().filter_map(|f| self.resolve(f).as_name().map(<[u8]>::to_vec)).collect(),
            _ => vec![],
        };
        let left = self.limits.total_stream_bytes.saturating_sub(self.decoded_total.get());
        let cap = self.limits.max_stream_bytes.min(left);
        let mut buf = raw.to_vec();
        for f in &filters {
            buf = match f.as_slice() {
                b"FlateDecode" | b"Fl" => match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&buf, cap) {
                    Ok(v) => v,
                    Err(err) => {
                        if matches!(err.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                            self.truncated.set(true);
                        } else {
                            self.damaged_streams.set(self.damaged_streams.get() + 1);
                        }
                        // Keep what was inflated before the damage or the cap.
                        err.output
                    }
                },
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&buf),
                b"ASCII85Decode" | b"A85" => ascii85(&buf),
                // Image codecs and rare text filters: the data is not text we can read.
                _ => return None,
            };
            if buf.len() > cap {
                buf.truncate(cap);
                self.truncated.set(true);
            }
        }
        self.decoded_total.set(self.decoded_total.get() + buf.len());
        Some(buf)
    }
}

fn ascii_hex(b: &[u8]) -> Vec<u8> {
    let mut v = b.to_vec();
    v.retain(|&c| c != b'>');
    v.insert(0, b'<');
    v.push(b'>');
    match Lexer::new(&v, 0).object(0) {
        Some(Obj::Str(s)) => s,
        _ => Vec::new(),
    }
}

fn ascii85(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    let flush = |group: &[u8; 5], n: usize, out: &mut Vec<u8>| {
        let mut v: u64 = 0;
        for (i, g) in group.iter().enumerate() {
            v = v * 85 + u64::from(if i < n { *g } else { 84 });
        }
        let bytes = (v as u32).to_be_bytes();
        out.extend_from_slice(&bytes[..n.saturating_sub(1)]);
    };
    for &c in b {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    flush(&group, 5, &mut out);
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        flush(&group, n, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_objects_without_xref() {
        let pdf = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Length 5>>stream\nhello\nendstream endobj\ntrailer <</Root 1 0 R>>";
        let f = PdfFile::parse(pdf, Limits::default());
        let root = f.get(&f.trailer, b"Root").as_dict().unwrap();
        assert!(matches!(f.get(root, b"Pages"), Obj::Stream(..)));
        assert_eq!(f.stream_data(&Obj::Ref(2)).unwrap(), b"hello");
    }

    #[test]
    fn an_indirect_length_keeps_a_final_end_of_line_byte() {
        // Data ending in `\n` before `endstream`, its length in an object read later:
        // without the length the byte looks like the end-of-line and is dropped.
        let pdf = b"%PDF-1.4\n1 0 obj <</Length 2 0 R>>stream\nab\nendstream endobj\n2 0 obj 3 endobj\n";
        let f = PdfFile::parse(pdf, Limits::default());
        assert_eq!(f.stream_data(&Obj::Ref(1)).unwrap(), b"ab\n");
        assert_eq!(f.damaged_streams.get(), 0);
    }

    #[test]
    fn ascii85_decodes() {
        assert_eq!(ascii85(b"87cURD]i,\"Ebo7~>"), b"Hello World");
    }
}
