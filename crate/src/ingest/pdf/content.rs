//! Content stream interpreter: runs the text and path operators of a page (and the Form
//! XObjects it draws) and records positioned glyphs and ruling lines in page space.

use super::file::PdfFile;
use super::font::Font;
use super::syntax::{Dict, Item, Lexer, Obj};
use std::collections::HashMap;
use std::rc::Rc;

/// A shown character in page space (y up, as in PDF).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Advance width in page space.
    pub w: f64,
    /// Font size in page space.
    pub size: f64,
}

/// A horizontal or vertical stroke (table borders), in page space.
#[derive(Debug, Clone, Copy)]
pub struct Ruling {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    pub images: usize,
}

/// Budgets shared by all pages of one document.
pub struct Budget {
    pub ops_left: usize,
    pub glyphs_left: usize,
    pub max_form_depth: usize,
    /// Set when a budget ran out or forms nested too deep.
    pub exhausted: bool,
    pub too_deep: bool,
}

type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

pub struct Interp<'f, 'a> {
    f: &'f PdfFile<'a>,
    fonts: HashMap<u32, Rc<Font>>,
    pub out: PageContent,
    pub budget: Budget,
}

impl<'f, 'a> Interp<'f, 'a> {
    pub fn new(f: &'f PdfFile<'a>, budget: Budget) -> Self {
        Interp { f, fonts: HashMap::new(), out: PageContent::default(), budget }
    }

    fn font(&mut self, res: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.f.dict(res, b"Font")?;
        let r = fonts.get(name);
        if let Obj::Ref(n) = r {
            if let Some(font) = self.fonts.get(n) {
                return Some(font.clone());
            }
        }
        let d = self.f.resolve(r).as_dict()?;
        let font = Rc::new(Font::load(self.f, d));
        if let Obj::Ref(n) = r {
            self.fonts.insert(*n, font.clone());
        }
        Some(font)
    }

    /// Runs a content stream with resources `res` under `ctm`; `depth` counts Form nesting.
    pub fn run(&mut self, content: &[u8], res: &Dict, ctm: M, depth: usize) {
        let mut lx = Lexer::new(content, 0);
        let mut st = State { ctm, font: None, size: 0.0, tc: 0.0, tw: 0.0, th: 1.0, tl: 0.0, rise: 0.0 };
        let mut stack: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (ID, ID);
        let mut ops: Vec<Obj> = Vec::new();
        let mut path: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut cur = (0.0, 0.0);
        let mut start = (0.0, 0.0);
        loop {
            let kw = match lx.item(0) {
                Item::Eof => break,
                Item::Obj(o) => {
                    if ops.len() < 64 {
                        ops.push(o);
                    }
                    continue;
                }
                Item::Keyword(k) => k,
                Item::ArrayEnd | Item::DictEnd => continue,
            };
            if self.budget.ops_left == 0 {
                self.budget.exhausted = true;
                return;
            }
            self.budget.ops_left -= 1;
            let n = |i: usize| ops.get(i).and_then(Obj::as_num).unwrap_or(0.0);
            match kw {
                b"q" if stack.len() < 256 => stack.push(st.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                b"cm" => st.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &st.ctm),
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tf" => {
                    st.size = n(1);
                    st.font = ops.first().and_then(Obj::as_name).and_then(|name| self.font(res, name));
                }
                b"Tc" => st.tc = n(0),
                b"Tw" => st.tw = n(0),
                b"Tz" => st.th = n(0) / 100.0,
                b"TL" => st.tl = n(0),
                b"Ts" => st.rise = n(0),
                b"Td" | b"TD" => {
                    if kw == b"TD" {
                        st.tl = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if kw == b"\"" {
                        st.tw = n(0);
                        st.tc = n(1);
                    }
                    if kw == b"'" || kw == b"\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.tl], &tlm);
                        tm = tlm;
                    }
                    match ops.last() {
                        Some(Obj::Str(s)) => self.show(&st, &mut tm, s),
                        Some(Obj::Array(a)) => {
                            for e in a {
                                match e {
                                    Obj::Str(s) => self.show(&st, &mut tm, s),
                                    Obj::Num(adj) => {
                                        let tx = -adj / 1000.0 * st.size * st.th;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"Do" => {
                    if let Some(name) = ops.first().and_then(Obj::as_name) {
                        self.draw_xobject(res, name, &st.ctm, depth);
                    }
                }
                b"BI" => {
                    // Inline image: skip its data up to `EI` (the data is binary, not syntax).
                    self.out.images += 1;
                    skip_inline_image(&mut lx);
                }
                b"m" => {
                    cur = (n(0), n(1));
                    start = cur;
                }
                b"l" => {
                    let p = (n(0), n(1));
                    path.push((cur.0, cur.1, p.0, p.1));
                    cur = p;
                }
                b"h" => {
                    path.push((cur.0, cur.1, start.0, start.1));
                    cur = start;
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    for s in [(x, y, x + w, y), (x + w, y, x + w, y + h), (x + w, y + h, x, y + h), (x, y + h, x, y)] {
                        path.push(s);
                    }
                    cur = (x, y);
                    start = cur;
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not rulings; move the current point along.
                    let k = ops.len();
                    if k >= 2 {
                        cur = (n(k - 2), n(k - 1));
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let fill = !matches!(kw, b"S" | b"s");
                    self.add_rulings(&path, &st.ctm, fill);
                    path.clear();
                }
                b"n" => path.clear(),
                _ => {}
            }
            ops.clear();
        }
    }

    fn add_rulings(&mut self, path: &[(f64, f64, f64, f64)], ctm: &M, fill: bool) {
        if self.out.rulings.len() > 200_000 {
            return;
        }
        let segs: Vec<(f64, f64, f64, f64)> = path
            .iter()
            .map(|&(x0, y0, x1, y1)| {
                let (a, b) = apply(ctm, x0, y0);
                let (c, d) = apply(ctm, x1, y1);
                (a, b, c, d)
            })
            .collect();
        if fill {
            // A filled thin rectangle is a drawn line; a filled box (cell shading) is not,
            // but its edges often coincide with the grid, so its thin case only is taken.
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(a, b, c, d) in &segs {
                x0 = x0.min(a).min(c);
                x1 = x1.max(a).max(c);
                y0 = y0.min(b).min(d);
                y1 = y1.max(b).max(d);
            }
            if segs.is_empty() || !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
                return;
            }
            if x1 - x0 <= 2.5 && y1 - y0 > 2.5 {
                let x = (x0 + x1) / 2.0;
                self.out.rulings.push(Ruling { x0: x, y0, x1: x, y1 });
            } else if y1 - y0 <= 2.5 && x1 - x0 > 2.5 {
                let y = (y0 + y1) / 2.0;
                self.out.rulings.push(Ruling { x0, y0: y, x1, y1: y });
            }
            return;
        }
        for (a, b, c, d) in segs {
            if (a - c).abs() < 0.5 || (b - d).abs() < 0.5 {
                self.out.rulings.push(Ruling { x0: a.min(c), y0: b.min(d), x1: a.max(c), y1: b.max(d) });
            }
        }
    }

    fn draw_xobject(&mut self, res: &Dict, name: &[u8], ctm: &M, depth: usize) {
        let f = self.f;
        let Some(xobjs) = f.dict(res, b"XObject") else { return };
        let o = f.resolve(xobjs.get(name));
        let Some(d) = o.as_dict() else { return };
        match f.get(d, b"Subtype").as_name() {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                if depth >= self.budget.max_form_depth {
                    self.budget.too_deep = true;
                    return;
                }
                let m = f.get(d, b"Matrix").as_array().map(|a| {
                    let v = |i: usize| {
                        a.get(i).and_then(|o| f.resolve(o).as_num()).unwrap_or(if i == 0 || i == 3 { 1.0 } else { 0.0 })
                    };
                    [v(0), v(1), v(2), v(3), v(4), v(5)]
                });
                let ctm = mul(&m.unwrap_or(ID), ctm);
                let Some(data) = f.stream_data(o) else { return };
                let inner = f.dict(d, b"Resources").unwrap_or(res);
                self.run(&data, inner, ctm, depth + 1);
            }
            _ => {}
        }
    }

    fn show(&mut self, st: &State, tm: &mut M, s: &[u8]) {
        let Some(font) = st.font.clone() else { return };
        for (code, len) in font.codes(s) {
            if self.budget.glyphs_left == 0 {
                self.budget.exhausted = true;
                return;
            }
            self.budget.glyphs_left -= 1;
            let trm = mul(&[st.size * st.th, 0.0, 0.0, st.size, 0.0, st.rise], &mul(tm, &st.ctm));
            let w0 = font.width(code) / 1000.0;
            let mut tx = (w0 * st.size + st.tc) * st.th;
            if len == 1 && code == 32 {
                tx += st.tw * st.th;
            }
            let full = mul(tm, &st.ctm);
            let sx = full[0].hypot(full[1]);
            let sy = full[2].hypot(full[3]);
            let text = font.text(code, len);
            if !text.is_empty() {
                self.out.glyphs.push(Glyph { text, x: trm[4], y: trm[5], w: tx * sx, size: (st.size * sy).abs() });
            }
            if font.vertical {
                let ty = -(w0 * st.size + st.tc);
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, ty], tm);
            } else {
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            }
        }
    }
}

fn skip_inline_image(lx: &mut Lexer) {
    // Skip the image dictionary up to `ID`, then the data up to a whitespace-delimited `EI`.
    loop {
        match lx.item(0) {
            Item::Keyword(b"ID") => break,
            Item::Eof => return,
            _ => {}
        }
    }
    let s = lx.s;
    let mut i = lx.pos + 1;
    while i + 2 <= s.len() {
        if &s[i..i + 2] == b"EI"
            && super::syntax::is_space(s[i - 1])
            && s.get(i + 2).is_none_or(|&b| super::syntax::is_space(b))
        {
            lx.pos = i + 2;
            return;
        }
        i += 1;
    }
    lx.pos = s.len();
}
