//! From positioned glyphs to the rendered lines the text reader understands: tables rebuilt
//! from ruling-line grids (or, without rulings, from column alignment), paragraphs from
//! wrapped lines, running headers/footers and page numbers dropped, CJK compatibility
//! characters normalised.

use super::content::{Glyph, Ruling};
use super::Page;
use crate::document::CellRef;
use crate::ingest::rendered::Rendering;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Characters that CJK PDF fonts map to compatibility code points (Kangxi radicals,
/// CJK radicals, compatibility ideographs, Latin ligatures): NFKC gives the ordinary
/// character. Full-width punctuation is left alone (it is what the document printed).
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2e80}'..='\u{2fdf}' | '\u{f900}'..='\u{faff}' | '\u{fb00}'..='\u{fb06}' | '\u{2f800}'..='\u{2fa1f}' => {
                out.extend(c.to_string().nfkc())
            }
            '\u{a0}' | '\u{3000}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone)]
struct G {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// The producer drew a space right after this glyph: the text has a space here even
    /// where gap widths alone would not tell (`55.34 万元`).
    space_after: bool,
}

impl G {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    /// A point inside the glyph box (baseline plus a third of the size).
    fn cy(&self) -> f64 {
        self.y + self.size * 0.3
    }
}

/// A text line: glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
struct Line {
    glyphs: Vec<G>,
    y: f64,
    size: f64,
}

impl Line {
    fn x0(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.x0)
    }
    fn x1(&self) -> f64 {
        self.glyphs.iter().map(|g| g.x1).fold(f64::MIN, f64::max)
    }
    fn text(&self) -> String {
        text_of(&self.glyphs)
    }
    /// Runs of glyphs separated by wide gaps (candidate table cells).
    fn segments(&self) -> Vec<&[G]> {
        let ems = 1.2;
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.glyphs.len() {
            let (a, b) = (&self.glyphs[i - 1], &self.glyphs[i]);
            if b.x0 - a.x1 > a.size.max(b.size) * ems {
                out.push(&self.glyphs[start..i]);
                start = i;
            }
        }
        if start < self.glyphs.len() {
            out.push(&self.glyphs[start..]);
        }
        out
    }
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// The text of glyphs on one line: a space where the gap is wider than a third of the size
/// and neither side is a CJK character (CJK text has no spaces; justified gaps are noise).
fn text_of(gs: &[G]) -> String {
    let mut s = String::new();
    for (i, g) in gs.iter().enumerate() {
        if i > 0 {
            let p = &gs[i - 1];
            let gap = g.x0 - p.x1;
            let wide = p.text.chars().last().is_some_and(is_wide) || g.text.chars().next().is_some_and(is_wide);
            // Very wide gaps separate texts (`编制部门：某局      单位：元`) even in CJK.
            // A drawn space counts when it left a visible gap (not a zero-width filler).
            let drawn = p.space_after && gap > p.size.max(g.size) * 0.1;
            if (gap > p.size.max(g.size) * 0.3 && !wide) || gap > p.size.max(g.size) * 4.0 || drawn {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
    }
    s.trim().to_owned()
}

/// Groups glyphs into lines by baseline; drops the second copy of glyphs drawn twice (fake
/// bold, shadows).
fn lines_of(mut gs: Vec<G>) -> Vec<Line> {
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Line> = Vec::new();
    for g in gs {
        match lines.last_mut() {
            Some(l) if (l.y - g.y).abs() <= l.size.max(g.size) * 0.4 => {
                l.size = l.size.max(g.size);
                l.glyphs.push(g);
            }
            _ => lines.push(Line { y: g.y, size: g.size, glyphs: vec![g] }),
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut kept: Vec<G> = Vec::with_capacity(l.glyphs.len());
        for g in l.glyphs.drain(..) {
            let dup = kept.iter().rev().take(3).any(|k| k.text == g.text && (k.x0 - g.x0).abs() < g.size * 0.3);
            if !dup {
                kept.push(g);
            }
        }
        l.glyphs = kept;
    }
    lines.retain(|l| !l.glyphs.is_empty());
    lines
}

// ------------------------------------------------------------------ ruling grids

#[derive(Debug)]
struct Grid {
    /// Column boundaries, left to right.
    xs: Vec<f64>,
    /// Row boundaries, top to bottom (descending y).
    ys: Vec<f64>,
    h: Vec<Ruling>,
    v: Vec<Ruling>,
}

impl Grid {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) =
            (self.xs.first(), self.xs.last(), self.ys.last(), self.ys.first())
        else {
            return false;
        };
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }
    fn col(&self, x: f64) -> usize {
        self.xs.iter().skip(1).position(|&b| x < b).unwrap_or(self.xs.len().saturating_sub(2))
    }
    fn row(&self, y: f64) -> usize {
        self.ys.iter().skip(1).position(|&b| y > b).unwrap_or(self.ys.len().saturating_sub(2))
    }
    /// Is there a vertical ruling at `x` through height `y`?
    fn v_at(&self, x: f64, y: f64) -> bool {
        self.v.iter().any(|r| (r.x0 - x).abs() <= 2.0 && y >= r.y0 - 1.0 && y <= r.y1 + 1.0)
    }
    fn h_at(&self, y: f64, x: f64) -> bool {
        self.h.iter().any(|r| (r.y0 - y).abs() <= 2.0 && x >= r.x0 - 1.0 && x <= r.x1 + 1.0)
    }
}

/// Merges collinear, overlapping rulings: `key` is the constant coordinate. Rulings whose
/// keys differ by a fraction of a point (borders of neighbouring cells drawn at 516.4 and
/// 516.6) are one line only where they overlap; apart, they stay two rulings.
fn merge(mut rs: Vec<Ruling>, horizontal: bool) -> Vec<Ruling> {
    let k = |r: &Ruling| if horizontal { r.y0 } else { r.x0 };
    let lo = |r: &Ruling| if horizontal { r.x0 } else { r.y0 };
    rs.sort_by(|a, b| k(a).total_cmp(&k(b)));
    // Runs of nearly equal keys, each then ordered along the line.
    let mut runs: Vec<Vec<Ruling>> = Vec::new();
    for r in rs {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|p| k(&r) - k(p) <= 1.0) => run.push(r),
            _ => runs.push(vec![r]),
        }
    }
    let mut out: Vec<Ruling> = Vec::new();
    for mut run in runs {
        run.sort_by(|a, b| lo(a).total_cmp(&lo(b)));
        let start = out.len();
        for r in run {
            if out.len() > start {
                if let Some(p) = out.last_mut() {
                    let (phi, rlo, rhi) = if horizontal { (p.x1, r.x0, r.x1) } else { (p.y1, r.y0, r.y1) };
                    if rlo <= phi + 2.0 {
                        if horizontal {
                            p.x1 = p.x1.max(rhi);
                        } else {
                            p.y1 = p.y1.max(rhi);
                        }
                        continue;
                    }
                }
            }
            out.push(r);
        }
    }
    out
}

fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|&l| x - l > tol) {
            out.push(x);
        }
    }
    out
}

/// Work allowed for grid building over a whole document (ruling pairs and cell × ruling
/// checks): beyond it pages are read by column alignment only, so a hostile file repeating
/// thousands of rulings on every page stays fast.
const GRID_WORK: usize = 50_000_000;

fn grids(rulings: &[Ruling], work: &mut usize) -> Vec<Grid> {
    let long = |r: &&Ruling| (r.x1 - r.x0).max(r.y1 - r.y0) >= 3.0;
    let h = merge(rulings.iter().filter(long).filter(|r| (r.y1 - r.y0).abs() < 1.0).copied().collect(), true);
    let v = merge(rulings.iter().filter(long).filter(|r| (r.x1 - r.x0).abs() < 1.0).copied().collect(), false);
    // Each grid later checks every cell against its rulings: about (h·v)·(h+v) steps.
    let cost = h.len().saturating_mul(v.len()).saturating_mul(h.len() + v.len() + 1);
    if h.len() < 2 || v.len() < 2 || cost > GRID_WORK.saturating_sub(*work) {
        return Vec::new();
    }
    *work += cost;
    // Union-find over rulings (h first, then v) that touch.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if b.x0 >= a.x0 - 2.0 && b.x0 <= a.x1 + 2.0 && a.y0 >= b.y0 - 2.0 && a.y0 <= b.y1 + 2.0 {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, h.len() + j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<Ruling>, Vec<Ruling>)> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        let e = groups.entry(r).or_default();
        if i < h.len() {
            e.0.push(h[i]);
        } else {
            e.1.push(v[i - h.len()]);
        }
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter(|(gh, gv)| gh.len() >= 2 && gv.len() >= 2)
        .map(|(gh, gv)| {
            let xs = cluster(gv.iter().map(|r| r.x0).collect(), 2.0);
            let mut ys = cluster(gh.iter().map(|r| r.y0).collect(), 2.0);
            ys.reverse();
            Grid { xs, ys, h: gh, v: gv }
        })
        .filter(|g| g.xs.len() >= 2 && g.ys.len() >= 2)
        .collect();
    out.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    out
}

fn numeric(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%'))
}

/// The rows of a grid: cells of text, merged regions put in their top-left cell.
/// A table rebuilt from one grid (or from aligned lines).
#[derive(Debug, Default)]
struct Piece {
    rows: Vec<Vec<String>>,
    /// Column boundaries when known (ruled grids).
    xs: Vec<f64>,
    /// Per column: what the first row's text needs to start on a line (`Value::head`).
    head: Vec<Option<f64>>,
    /// Per column: the width left on the last row's last line (`Value::tail`).
    tail: Vec<Option<f64>>,
}

fn grid_rows(g: &Grid, gs: &[G]) -> Piece {
    let ncols = g.xs.len() - 1;
    let nbands = g.ys.len() - 1;
    // Cell owner after merges: a cell without a left boundary belongs to its left
    // neighbour, without a top boundary to the one above.
    let mut owner: Vec<Vec<(usize, usize)>> = vec![vec![(0, 0); ncols]; nbands];
    // Two cells that both hold text are not one merged cell, even when the ruling between
    // them is missing (rows ruled only in some columns).
    let mut raw: HashMap<(usize, usize), Vec<G>> = HashMap::new();
    for gl in gs {
        raw.entry((g.row(gl.cy()), g.col(gl.cx()))).or_default().push(gl.clone());
    }
    let has_text: Vec<Vec<bool>> =
        (0..nbands).map(|r| (0..ncols).map(|c| raw.contains_key(&(r, c))).collect()).collect();
    // Rows with figures are body rows: their cells are never spanned sideways, so a
    // missing vertical ruling there does not merge cells.
    let figures: Vec<bool> =
        (0..nbands).map(|r| (0..ncols).any(|c| raw.get(&(r, c)).is_some_and(|gs| numeric(&text_of(gs))))).collect();
    let mut group_text: HashMap<(usize, usize), bool> = HashMap::new();
    for r in 0..nbands {
        let ym = (g.ys[r] + g.ys[r + 1]) / 2.0;
        for c in 0..ncols {
            let xm = (g.xs[c] + g.xs[c + 1]) / 2.0;
            let joined = |o: (usize, usize)| has_text[r][c] && group_text.get(&o).copied().unwrap_or(false);
            // (Header text wider than a sub-column spreads over its cells: sideways, text on
            // both sides does not prevent the merge.)
            // In rows with figures only text running on across the boundary (a ruling
            // drawn for the header alone) joins two cells.
            let runs_on = || {
                let (Some(a), Some(b)) = (raw.get(&(r, c.wrapping_sub(1))), raw.get(&(r, c))) else { return false };
                let right = a.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
                let left = b.iter().map(|g| g.x0).fold(f64::MAX, f64::min);
                let size = a.iter().chain(b).map(|g| g.size).fold(0.0, f64::max);
                left - right < size * 0.5 && !numeric(&text_of(a)) && !numeric(&text_of(b))
            };
            // Text printed across the boundary with the band above, where no ruling is drawn
            // in this column (a title cell whose lines run on into the next row's height),
            // is one cell even though both bands hold text: rows keep their text inside.
            let straddles = || {
                let y = g.ys[r];
                raw.get(&(r - 1, c)).is_some_and(|gs| gs.iter().any(|gl| gl.y - gl.size * 0.2 < y && y < gl.y))
            };
            // Text that runs on across a drawn ruling without a gap (a name printed over the
            // code column's border: `公|共安全支出`) is one cell: real neighbouring cells keep
            // their padding.
            owner[r][c] = if c > 0 && ((!figures[r] && !g.v_at(g.xs[c], ym)) || runs_on()) {
                owner[r][c - 1]
            } else if r > 0 && !g.h_at(g.ys[r], xm) && (!joined(owner[r - 1][c]) || straddles()) {
                owner[r - 1][c]
            } else {
                (r, c)
            };
            *group_text.entry(owner[r][c]).or_default() |= has_text[r][c];
        }
    }
    // Glyphs per owning cell.
    let mut cells: HashMap<(usize, usize), Vec<G>> = HashMap::new();
    for gl in gs {
        let (r, c) = (g.row(gl.cy()), g.col(gl.cx()));
        if let Some(&o) = owner.get(r).and_then(|row| row.get(c)) {
            cells.entry(o).or_default().push(gl.clone());
        }
    }
    // The x range of each owning cell (merged sideways: up to its last column).
    let extent = |r: usize, c: usize| -> (f64, f64) {
        let last = (c..ncols).take_while(|&k| owner[r][k] == (r, c)).last().unwrap_or(c);
        (g.xs[c], g.xs[last + 1])
    };
    let mut lines: HashMap<(usize, usize), Vec<Line>> = HashMap::new();
    for (o, gs) in cells {
        lines.insert(o, lines_of(gs));
    }
    // The least free width of any line in cells of the same extent: the cell padding (plus
    // whatever the fullest line left over), so that a line filling its cell is recognised
    // whatever padding the producer used. A lone line is no evidence (it would always look
    // full): such cells are never taken as wrapped.
    let mut padding: HashMap<(u64, u64), (f64, usize)> = HashMap::new();
    for (&(r, c), ls) in &lines {
        let (x0, x1) = extent(r, c);
        for l in ls {
            let free = (x1 - x0) - (l.x1() - l.x0());
            let e = padding.entry((x0.to_bits(), x1.to_bits())).or_insert((f64::MAX, 0));
            *e = (e.0.min(free.max(0.0)), e.1 + 1);
        }
    }
    let mut rows = Vec::new();
    let (mut head, mut tail) = (vec![None; ncols], vec![None; ncols]);
    for (r, owners) in owner.iter().enumerate() {
        let cells: Vec<(usize, &[Line], f64, Option<f64>)> = (0..ncols)
            .filter(|&c| owners[c] == (r, c))
            .map(|c| {
                let (x0, x1) = extent(r, c);
                let pad = padding.get(&(x0.to_bits(), x1.to_bits())).filter(|e| e.1 >= 2).map(|e| e.0);
                (c, lines.get(&(r, c)).map_or(&[][..], Vec::as_slice), x1 - x0, pad)
            })
            .collect();
        let fresh = fresh_starts(&cells);
        let band: Vec<(usize, Vec<Value>)> =
            cells.iter().map(|&(c, ls, width, pad)| (c, cell_values(ls, width, pad, &fresh))).collect();
        let new = band_rows(&band, ncols);
        if new.iter().any(|r| r.iter().any(|c| !c.is_empty())) {
            let edge = |f: &dyn Fn(&[Value]) -> Option<f64>| {
                let mut v = vec![None; ncols];
                for (c, vs) in &band {
                    if let Some(slot) = v.get_mut(*c) {
                        *slot = f(vs);
                    }
                }
                v
            };
            // A row split by a page break is cut where its text is: the text of the piece
            // before the break reaches the bottom of its band, and the rest starts at the top
            // of the band after it. Text centred in a taller band is a whole row.
            let (top, bottom) = (g.ys[r], g.ys[r + 1]);
            if rows.is_empty() {
                head = edge(&|vs| vs.first().filter(|v| top - (v.y + v.size * 0.8) <= v.size * 0.6).map(|v| v.head));
            }
            tail =
                edge(&|vs| vs.last().filter(|v| (v.last_y - v.size * 0.25) - bottom <= v.size * 0.6).map(|v| v.tail));
        }
        rows.extend(new);
    }
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    let before = rows.first().map_or(0, Vec::len);
    split_code_column(&mut rows);
    let xs = if rows.first().is_some_and(|r| r.len() + 1 == g.xs.len()) { g.xs.clone() } else { Vec::new() };
    if rows.first().map_or(0, Vec::len) != before {
        // The code column split off the first column: no wrap evidence for it.
        head.insert(0, None);
        tail.insert(0, None);
    }
    Piece { rows, xs, head, tail }
}

/// One value of a cell: its lines up to the next line that starts afresh.
#[derive(Debug, Clone, PartialEq)]
struct Value {
    /// Baseline of its first line.
    y: f64,
    size: f64,
    text: String,
    /// Width its first line needed to start on the line before (first glyph plus tolerance).
    head: f64,
    /// Width left on its last line beyond the cell padding.
    tail: f64,
    /// Baseline of its last line.
    last_y: f64,
}

/// Does `next` carry on the text of `prev` because `prev` filled its cell? A cell wraps its
/// text when the next character does not fit: the width left on `prev`, beyond the padding
/// every line of such cells keeps, is less than the first glyph of `next`. A code or figure
/// wrapped this way (`21015` / `01`, `1147.0` / `9`) must still read as one number.
fn continues(prev: &Line, next: &Line, width: f64, padding: Option<f64>, so_far: &str) -> bool {
    if ends_with_space(prev) {
        // Wrapped at a space the producer drew (`210 ` / `15 ` / `99`: codes of 类, 款 and
        // 项 in one cell): the next word, not just its first glyph, did not fit.
        let word = first_word_width(next) + next.size * 0.15;
        return slack(prev, width, padding) < word;
    }
    carries_on(slack(prev, width, padding), head(next), so_far, &next.text())
}

fn ends_with_space(l: &Line) -> bool {
    l.glyphs.last().is_some_and(|g| g.space_after)
}

/// Width left on a line beyond the cell padding; unbounded when the padding is unknown.
fn slack(l: &Line, width: f64, padding: Option<f64>) -> f64 {
    padding.map_or(f64::INFINITY, |p| (width - (l.x1() - l.x0())) - p)
}

/// Width a line's first glyph needs (with a little tolerance for rounding).
fn head(l: &Line) -> f64 {
    l.glyphs.first().map_or(f64::MAX, |g| (g.x1 - g.x0) + g.size * 0.15)
}

/// Whether text `b`, needing `head` to start, carries on text `a` whose line had `slack` left.
fn carries_on(slack: f64, head: f64, a: &str, b: &str) -> bool {
    let figure = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
    // A figure broken before its separators (`58` / `,900` / `.00` in a very narrow
    // column): no value starts with a thousands comma or a decimal point.
    let rest_of_figure = b.starts_with([',', '.']) && numeric(a) && figure(b);
    if slack >= head && !rest_of_figure {
        return false;
    }
    // A code or figure carries on only with more digits, and two complete figures are two
    // values even in a full cell (`1,234.00` / `56.00`): a wrapped figure joins into one
    // printed number.
    if numeric(a) {
        return figure(b) && number_prefix(&format!("{a}{b}"));
    }
    true
}

/// Whether `s` is a printed number or the start of one (`58,` / `58,9` / `58,900.` of
/// `58,900.00` printed a character or two per line).
fn number_prefix(s: &str) -> bool {
    // The part after a page break starts at a separator (`,9` of `58` / `,9`).
    let lead = if s.starts_with([',', '.']) { "1" } else { "" };
    ["", "0", "00", "000"].iter().any(|tail| crate::text::number::parse_number(&format!("{lead}{s}{tail}")).is_some())
}

/// Appends a wrapped fragment: fragments of a code or figure join without a space.
fn join_fragment(s: &mut String, t: &str) {
    let figure = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',');
    if s.chars().last().is_some_and(figure) && t.chars().next().is_some_and(figure) {
        s.push_str(t);
    } else {
        join_text(s, t);
    }
}

/// A cell's lines grouped into values: wrapped lines join the line they continue, without
/// a space between fragments of a code or figure.
/// Baselines where some cell of the band starts a new line that does not carry on its
/// previous one: a new row starts there, so no line on it is a wrapped fragment. (Two
/// genuine rows without a ruling between them: `301 工资福利支出` / `302 商品和服务支出` —
/// even when `301` fills its cell, the name beside it starts afresh.)
fn fresh_starts(cells: &[(usize, &[Line], f64, Option<f64>)]) -> Vec<f64> {
    let mut out = Vec::new();
    for &(_, ls, width, pad) in cells {
        out.extend(cell_values(ls, width, pad, &[]).iter().skip(1).map(|v| v.y));
    }
    out
}

fn cell_values(ls: &[Line], width: f64, padding: Option<f64>, fresh: &[f64]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for (i, l) in ls.iter().enumerate() {
        let t = l.text();
        let new_row = fresh.iter().any(|&y| (y - l.y).abs() < l.size * 0.5);
        match out.last_mut() {
            Some(v) if i > 0 && !new_row && continues(&ls[i - 1], l, width, padding, &v.text) => {
                if ends_with_space(&ls[i - 1]) {
                    join_text(&mut v.text, &t);
                } else {
                    join_fragment(&mut v.text, &t);
                }
                v.size = v.size.max(l.size);
                v.tail = slack(l, width, padding);
                v.last_y = l.y;
            }
            _ => out.push(Value {
                y: l.y,
                size: l.size,
                text: t,
                head: head(l),
                tail: slack(l, width, padding),
                last_y: l.y,
            }),
        }
    }
    out
}

/// The rows of one band of a grid. A band holding figures that start on two or more
/// baselines is several rows whose separating rulings were not drawn; a figure wrapped
/// onto the next baseline is not a new start and keeps the band one row.
fn band_rows(band: &[(usize, Vec<Value>)], ncols: usize) -> Vec<Vec<String>> {
    let numeric_ys: Vec<f64> =
        band.iter().flat_map(|(_, vs)| vs.iter().filter(|v| numeric(&v.text)).map(|v| v.y)).collect();
    // Figures in different fonts sit a little off each other's baseline.
    let size = band.iter().flat_map(|(_, vs)| vs.iter().map(|v| v.size)).fold(0.0, f64::max);
    let mut numeric_ys = cluster(numeric_ys, (size * 0.7).max(2.0));
    if numeric_ys.len() < 2 {
        let mut row = vec![String::new(); ncols];
        for (c, vs) in band {
            if let Some(cell) = row.get_mut(*c) {
                for v in vs {
                    join_text(cell, &v.text);
                }
            }
        }
        return vec![row];
    }
    numeric_ys.reverse();
    let mut sub: Vec<Vec<String>> = vec![vec![String::new(); ncols]; numeric_ys.len()];
    for (c, vs) in band {
        for v in vs {
            let k = numeric_ys
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - v.y).abs().total_cmp(&(b.1 - v.y).abs()))
                .map_or(0, |(k, _)| k);
            if let Some(cell) = sub.get_mut(k).and_then(|row| row.get_mut(*c)) {
                cell.push_str(&v.text);
            }
        }
    }
    sub
}

/// `301 工资福利支出` in the first column of most rows: the ruling between the code and
/// name columns was not drawn (on this page; the next page may have it). Split the column so
/// that the table has its printed shape and joins its continuation.
fn split_code_column(rows: &mut [Vec<String>]) {
    // (`210 15 99` is one code written by 类, 款 and 项, not a code and a name.)
    let code_of = |s: &str| -> Option<usize> {
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        let name = s[digits..].trim_start();
        ((3..=9).contains(&digits) && s[digits..].starts_with(' ') && !name.starts_with(|c: char| c.is_ascii_digit()))
            .then_some(digits)
    };
    let with_code = rows.iter().filter(|r| r.first().is_some_and(|c| code_of(c).is_some())).count();
    if rows.len() < 3 || with_code * 5 < rows.len() * 3 {
        return;
    }
    for r in rows.iter_mut() {
        let Some(first) = r.first().cloned() else { continue };
        let (code, rest) = match code_of(&first) {
            Some(n) => (first[..n].to_owned(), first[n..].trim().to_owned()),
            None => match first.split_once(' ') {
                // A header cell naming both columns (`科目编码 科目名称`).
                Some((a, b)) if !r.iter().skip(1).any(|c| numeric(c)) => (a.to_owned(), b.trim().to_owned()),
                _ => (String::new(), first),
            },
        };
        r[0] = rest;
        r.insert(0, code);
    }
}

/// Appends the text of a further line of a cell or paragraph: no space between CJK text,
/// one space otherwise.
fn join_text(s: &mut String, t: &str) {
    if !(s.is_empty() || s.chars().last().is_some_and(is_wide) || t.chars().next().is_some_and(is_wide)) {
        s.push(' ');
    }
    s.push_str(t);
}

// ------------------------------------------------------------------ page assembly

enum Item {
    Text(Line),
    Table(Piece),
}

fn page_number_like(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| {
        matches!(c, '-' | '—' | '–' | '─' | '━' | '·' | '•' | '(' | ')' | '（' | '）' | '[' | ']')
    });
    let core = core.strip_prefix('第').unwrap_or(core);
    let core = core.strip_suffix('页').unwrap_or(core);
    let core = core.split(['/', '共']).next().unwrap_or(core);
    let core = core.strip_suffix('页').unwrap_or(core).trim_end_matches(['，', ',']);
    !core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit())
}

/// The skeleton of a margin line, digits removed, for spotting running headers/footers.
fn skeleton(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_digit()).collect()
}

/// Within `share` of the page height from its top or bottom edge.
fn in_margin(p: &Page, y: f64, share: f64) -> bool {
    let h = p.bbox[3] - p.bbox[1];
    y > p.bbox[3] - h * share || y < p.bbox[1] + h * share
}

/// The width of a line's first unbreakable run: one CJK character, or Latin letters,
/// digits and signs up to a space or a CJK character.
fn first_word_width(l: &Line) -> f64 {
    let Some(first) = l.glyphs.first() else { return 0.0 };
    if first.text.chars().next().is_some_and(is_wide) {
        return first.x1 - first.x0;
    }
    let mut end = first.x1;
    for w in l.glyphs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.space_after || b.x0 - a.x1 > a.size * 0.3 || b.text.chars().next().is_some_and(is_wide) {
            break;
        }
        end = b.x1;
    }
    end - first.x0
}

/// Joins the pieces of a table split by a page break where the split cut into the table's
/// structure rather than between whole rows:
/// - header rows with merged cells (`收入 | 支出`) ending one page while the body starts the
///   next page under more columns, or closing rows with merged cells (`收入合计 | 支出合计`)
///   starting the next page: one piece's column boundaries are a subset of the other's, so
///   its cells are put in the columns of the wider grid;
/// - a row whose cells wrapped over the break (`部门：鄂州市医疗` / `保障服务中心`): when every
///   cell of the next page's first row carries on a cell of this page's last row that was
///   full (the wrap evidence of `carries_on`), that row is the rest of the last row.
fn join_page_pieces(per_page: &mut [(u32, Vec<Item>)], pages: &[Page]) {
    for i in 1..per_page.len().min(pages.len()) {
        let (before, after) = per_page.split_at_mut(i);
        // This page's last table and the next page's first one, with at most running
        // headers, footers or page numbers between them.
        let (p0, p1) = (&pages[i - 1], &pages[i]);
        let Some(Item::Table(prev)) = before[i - 1].1.iter_mut().rev().find(|it| body(p0, it)) else { continue };
        let Some(Item::Table(next)) = after[0].1.iter_mut().find(|it| body(p1, it)) else { continue };
        widen(prev, next);
        widen(next, prev);
        if prev.rows.first().map(Vec::len) != next.rows.first().map(Vec::len)
            || (!prev.xs.is_empty() && !next.xs.is_empty() && prev.xs.len() != next.xs.len())
        {
            continue;
        }
        let (Some(last), Some(first)) = (prev.rows.last_mut(), next.rows.first()) else { continue };
        let mut any = false;
        let wrapped = first.iter().enumerate().all(|(c, t)| {
            if t.is_empty() {
                return true;
            }
            any = true;
            let (Some(Some(slack)), Some(Some(head))) = (prev.tail.get(c), next.head.get(c)) else { return false };
            last.get(c).is_some_and(|a| !a.is_empty() && carries_on(*slack, *head, a, t))
        });
        if !(any && wrapped) {
            continue;
        }
        for (a, t) in last.iter_mut().zip(first) {
            join_fragment(a, t);
        }
        next.rows.remove(0);
        next.head = vec![None; next.head.len()];
    }
}

/// Not a running header, footer or page number.
fn body(p: &Page, it: &Item) -> bool {
    !matches!(it, Item::Text(l) if in_margin(p, l.y, 0.12))
}

/// Puts the cells of `narrow` in the columns of `wide` when its boundaries are a subset of
/// the wider grid's (a cell spanning several columns there goes to the first of them).
fn widen(narrow: &mut Piece, wide: &Piece) {
    let (prev, next) = (narrow, wide);
    let (xs, wide) = (&prev.xs, &next.xs);
    if xs.len() < 2 || wide.len() <= xs.len() {
        return;
    }
    let at = |x: f64| wide.iter().position(|w| (w - x).abs() <= 2.0);
    let Some(map) = xs.iter().map(|&x| at(x)).collect::<Option<Vec<usize>>>() else { return };
    if map.first() != Some(&0) || map.last() != Some(&(wide.len() - 1)) {
        return;
    }
    let spread = |v: Vec<Option<f64>>| {
        let mut out = vec![None; wide.len() - 1];
        for (k, x) in v.into_iter().enumerate() {
            if let Some(slot) = map.get(k).and_then(|&j| out.get_mut(j)) {
                *slot = x;
            }
        }
        out
    };
    for row in prev.rows.iter_mut() {
        let mut out = vec![String::new(); wide.len() - 1];
        for (k, cell) in row.drain(..).enumerate() {
            if let Some(slot) = map.get(k).and_then(|&j| out.get_mut(j)) {
                *slot = cell;
            }
        }
        *row = out;
    }
    prev.head = spread(std::mem::take(&mut prev.head));
    prev.tail = spread(std::mem::take(&mut prev.tail));
    prev.xs = wide.clone();
}

pub fn render(pages: &[Page], r: &mut Rendering) {
    let mut work = 0;
    let mut per_page: Vec<(u32, Vec<Item>)> = Vec::with_capacity(pages.len());
    for p in pages {
        // The columns of the table that ended the previous page, which this page may go on.
        let open = per_page.last().zip(pages.get(per_page.len().wrapping_sub(1))).and_then(|((_, items), prev)| {
            match items.iter().rev().find(|it| body(prev, it)) {
                Some(Item::Table(piece)) => Some(piece.xs.clone()),
                _ => None,
            }
        });
        per_page.push((p.number, page_items(p, &mut work, open.as_deref())));
    }
    join_page_pieces(&mut per_page, pages);
    // Running headers/footers: the same margin text on many pages.
    let mut margin_count: HashMap<String, usize> = HashMap::new();
    for ((_, items), p) in per_page.iter().zip(pages) {
        let mut seen = std::collections::HashSet::new();
        for it in items {
            if let Item::Text(l) = it {
                if in_margin(p, l.y, 0.07) && seen.insert(skeleton(&l.text())) {
                    *margin_count.entry(skeleton(&l.text())).or_default() += 1;
                }
            }
        }
    }
    let running = |s: &str| margin_count.get(&skeleton(s)).is_some_and(|&n| n >= 3 && n * 3 >= pages.len());
    // Columns of the table last emitted when nothing has followed it yet: a table at the
    // top of the next page with the same columns and a body row first continues it.
    let mut open_table: Option<usize> = None;
    let mut open_first: Option<Vec<String>> = None;
    // The paragraph being built and the page it started on; it outlives its page when the
    // page ended in the middle of a sentence (see `carry`).
    let mut para: Option<(Line, Option<u32>)> = None;
    // Where the paragraph's last printed line ends (its glyphs are moved on when lines
    // are joined).
    let mut end = 0.0;
    // The right edge of the page the open paragraph was cut at, while it waits for the
    // next page's first body line.
    let mut carry: Option<f64> = None;
    for ((number, items), p) in per_page.into_iter().zip(pages) {
        let page = Some(number);
        // Whether the open table was emitted on this page.
        let mut same_page = false;
        let right = items
            .iter()
            .filter_map(|i| if let Item::Text(l) = i { Some(l.x1()) } else { None })
            .fold(f64::MIN, f64::max);
        let left = items
            .iter()
            .filter_map(|i| if let Item::Text(l) = i { Some(l.x0()) } else { None })
            .fold(f64::MAX, f64::min);
        let flush = |para: &mut Option<(Line, Option<u32>)>, r: &mut Rendering| {
            if let Some((l, at)) = para.take() {
                r.push_text(&l.text(), at);
                r.push_break(at);
            }
        };
        for it in items {
            match it {
                Item::Text(l) => {
                    let t = l.text();
                    // Word puts footers up to an inch and a half above the edge: a bare page
                    // number is dropped within 12% of the height, other repeated text within 7%.
                    if t.is_empty()
                        || (in_margin(p, l.y, 0.12) && page_number_like(&t))
                        || (in_margin(p, l.y, 0.07) && running(&t))
                    {
                        continue;
                    }
                    if open_table.take().is_some() {
                        r.push_break(page);
                    }
                    // A wrapped paragraph: the previous line reached the right edge and this
                    // one starts at the left edge without indent, in the same size.
                    // The first body line of a page carries on the sentence the previous
                    // page broke off.
                    if let (Some(right0), Some((prev, _))) = (carry.take(), &mut para) {
                        if continues_over_page(prev, end, right0, &l, &t, left) {
                            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                            let gap =
                                if latin(prev.text().chars().last()) && latin(t.chars().next()) { l.size } else { 1.0 };
                            append_line(prev, &l, gap);
                            end = l.x1();
                            continue;
                        }
                        close_cut(&mut para, r);
                    }
                    if let Some((prev, _)) = &mut para {
                        let close = (prev.size - l.size).abs() < 1.0 && prev.y - l.y < l.size * 2.5;
                        // A centred title wrapped before its last character or two
                        // (`…培训费支出预算` / `表`).
                        let tail = t.chars().count() <= 2 && t.ends_with('表');
                        // The previous line is full when it reaches the right edge, or when the
                        // first word of this line (`100%。`, kept whole) would not have fit on it.
                        let full =
                            end >= right - prev.size * 2.0 || end + first_word_width(&l) + prev.size * 0.5 > right;
                        // A line opening with a section number (`十、`, `（二）`, `3.`) starts
                        // an item of its own, as in a table of contents.
                        let numbered = crate::text::numbering::parse(&t).is_some();
                        let wraps = close && (tail || (full && !numbered && l.x0() <= left + l.size * 0.8));
                        if wraps {
                            append_line(prev, &l, 1.0);
                            end = l.x1();
                            continue;
                        }
                    }
                    flush(&mut para, r);
                    end = l.x1();
                    para = Some((l, page));
                }
                Item::Table(Piece { rows, .. }) => {
                    if carry.take().is_some() {
                        close_cut(&mut para, r);
                    }
                    flush(&mut para, r);
                    let ncols = rows.first().map_or(0, Vec::len);
                    // On the same page, grids split by a gap in the rulings are one table.
                    // Across a page break, a piece that does not repeat the table's first
                    // (header) row continues it; a repeated header is left to the table
                    // assembly, which joins such pieces itself.
                    let continues = open_table == Some(ncols) && (same_page || rows.first() != open_first.as_ref());
                    if open_table.is_some() && !continues {
                        r.push_break(page);
                    }
                    if !continues {
                        open_first = rows.first().cloned();
                    }
                    for row in rows {
                        let cells: Vec<(String, Option<CellRef>)> = row.into_iter().map(|c| (c, None)).collect();
                        r.push_row(&cells, page);
                    }
                    open_table = Some(ncols);
                    same_page = true;
                }
            }
        }
        // A page ending in the middle of a sentence keeps its last paragraph open for the
        // next page; the page break is then no paragraph break.
        if carry.take().is_some() {
            // Nothing on this page took it up.
            close_cut(&mut para, r);
        }
        // The last line must also span a text column (a page holding only a short line or
        // two is a title or a label, and trivially "reaches" its own right edge).
        let column = end - left >= (p.bbox[2] - p.bbox[0]) * 0.5;
        if column && para.as_ref().is_some_and(|(l, _)| broken_off(l)) {
            carry = Some(right);
            continue;
        }
        flush(&mut para, r);
        if open_table.is_none() {
            r.push_break(page);
        }
    }
    close_cut(&mut para, r);
}

/// Emits a paragraph kept open over a page break that the next page did not carry on, as
/// the page would have: the paragraph, then the page break.
fn close_cut(para: &mut Option<(Line, Option<u32>)>, r: &mut Rendering) {
    if let Some((l, at)) = para.take() {
        r.push_text(&l.text(), at);
        r.push_break(at);
        r.push_break(at);
    }
}

/// Puts `l`'s glyphs after `prev`'s, `gap` points on, so that the joined text reads on.
fn append_line(prev: &mut Line, l: &Line, gap: f64) {
    let shift = prev.x1() + gap - l.x0();
    prev.glyphs.extend(l.glyphs.iter().cloned().map(|mut g| {
        g.x0 += shift;
        g.x1 += shift;
        g
    }));
    prev.y = l.y;
}

/// Whether a page's last paragraph may go on over the page break: it does not end with
/// sentence-final punctuation. (Whether its last line is full is judged against the next
/// page's first word, in `continues_over_page`.)
fn broken_off(l: &Line) -> bool {
    let t = l.text();
    let Some(last) = t.chars().last() else { return false };
    !matches!(last, '。' | '；' | '！' | '？' | '：' | '…' | ';' | '!' | '?' | ':' | '.')
}

/// Whether the first body line `l` (text `t`) of a page carries on the paragraph `prev` that
/// the previous page broke off (its last line ended at `end`, that page's text at `right0`):
/// plain paragraph text at the left edge (`left`) in the same size, not a numbered heading,
/// table caption or centred title.
fn continues_over_page(prev: &Line, end: f64, right0: f64, l: &Line, t: &str, left: f64) -> bool {
    let full = end >= right0 - prev.size * 2.0 || end + first_word_width(l) + prev.size * 0.5 > right0;
    full && (prev.size - l.size).abs() < 1.0
        && l.x0() <= left + l.size * 0.8
        && crate::text::numbering::parse(t).is_none()
        && crate::text::caption::parse_line(t).is_empty()
}

fn glyphs_of(p: &Page) -> Vec<G> {
    let raw = &p.content.glyphs;
    raw.iter()
        .enumerate()
        .filter_map(|(i, g): (usize, &Glyph)| {
            let text = normalise(&g.text);
            if text.trim().is_empty() || !(g.x.is_finite() && g.y.is_finite() && g.w.is_finite() && g.size.is_finite())
            {
                return None;
            }
            let size = if g.size > 0.1 { g.size } else { 10.0 };
            let x1 = g.x + g.w.max(0.0);
            // A space drawn next, on the same baseline, where this glyph ends.
            let space_after = raw.get(i + 1).is_some_and(|n| {
                n.text.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\u{3000}')
                    && !n.text.is_empty()
                    && (n.y - g.y).abs() < size * 0.2
                    && (n.x - x1).abs() < size * 0.2
            });
            Some(G { text, x0: g.x, x1, y: g.y, size, space_after })
        })
        .collect()
}

/// A page's content in reading order: text lines and tables. `open` holds the column
/// boundaries of the table that ended the previous page, if one did.
fn page_items(p: &Page, work: &mut usize, open: Option<&[f64]>) -> Vec<Item> {
    let gs = glyphs_of(p);
    let grids: Vec<Grid> = grids(&p.content.rulings, work)
        .into_iter()
        .filter(|g| {
            // A grid is a table only if text sits in it in two or more columns, or if it
            // opens the page under the columns of the table the previous page ended with
            // (the rest of a cell cut by the page break).
            let cols: std::collections::HashSet<usize> =
                gs.iter().filter(|gl| g.contains(gl.cx(), gl.cy())).map(|gl| g.col(gl.cx())).collect();
            let same_columns = open
                .is_some_and(|xs| xs.len() == g.xs.len() && xs.iter().zip(&g.xs).all(|(a, b)| (a - b).abs() <= 2.0));
            let first = || gs.iter().all(|gl| gl.cy() <= g.ys[0] + 1.0 || in_margin(p, gl.y, 0.12));
            cols.len() >= 2 || (cols.len() == 1 && g.xs.len() >= 4 && same_columns && first())
        })
        .collect();
    let mut in_grid: Vec<Vec<G>> = vec![Vec::new(); grids.len()];
    let mut free = Vec::new();
    for g in gs {
        match grids.iter().position(|gr| gr.contains(g.cx(), g.cy())) {
            Some(i) => in_grid[i].push(g),
            None => free.push(g),
        }
    }
    let mut placed: Vec<(f64, Item)> = Vec::new();
    for (g, gs) in grids.iter().zip(in_grid) {
        placed.push((g.ys[0], Item::Table(grid_rows(g, &gs))));
    }
    let lines = lines_of(free);
    let mut i = 0;
    while i < lines.len() {
        // Runs of lines split into aligned segments are tables drawn without rulings.
        let multi = |l: &Line| l.segments().len() >= 2;
        if multi(&lines[i]) {
            let mut j = i + 1;
            while j < lines.len()
                && (multi(&lines[j]) || (j + 1 < lines.len() && multi(&lines[j + 1]) && lines[j].segments().len() == 1))
                && lines[j - 1].y - lines[j].y < lines[j].size * 3.0
            {
                j += 1;
            }
            if j - i >= 2 {
                placed.push((
                    lines[i].y + lines[i].size,
                    Item::Table(Piece { rows: aligned_rows(&lines[i..j]), ..Piece::default() }),
                ));
                i = j;
                continue;
            }
        }
        placed.push((lines[i].y + lines[i].size * 0.5, Item::Text(lines[i].clone())));
        i += 1;
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0));
    placed.into_iter().map(|(_, it)| it).collect()
}

/// Rows of a table drawn without rulings: columns are the x ranges that text covers in
/// the multi-segment lines, separated by gutters no line crosses.
fn aligned_rows(lines: &[Line]) -> Vec<Vec<String>> {
    let mut spans: Vec<(f64, f64)> = lines
        .iter()
        .filter(|l| l.segments().len() >= 2)
        .flat_map(|l| {
            l.segments()
                .into_iter()
                .map(|s| (s[0].x0, s.iter().map(|g| g.x1).fold(f64::MIN, f64::max)))
                .collect::<Vec<_>>()
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + 1.0 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    let col_of = |x: f64| cols.iter().position(|c| x <= c.1 + 1.0).unwrap_or(cols.len().saturating_sub(1));
    lines
        .iter()
        .map(|l| {
            let mut row = vec![String::new(); cols.len().max(1)];
            for s in l.segments() {
                let c = col_of(s[0].x0).min(row.len() - 1);
                if !row[c].is_empty() {
                    row[c].push(' ');
                }
                row[c].push_str(&text_of(s));
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_become_ideographs() {
        assert_eq!(normalise("⼀般公共预算⽀出⽬录"), "一般公共预算支出目录");
        assert_eq!(normalise("（万元）："), "（万元）：");
    }

    #[test]
    fn page_numbers() {
        for s in ["3", "- 3 -", "第 3 页", "第3页 共31页", "3/31", "—12—"] {
            assert!(page_number_like(s), "{s}");
        }
        for s in ["2019", "合计", "3.5"] {
            assert!(!page_number_like(s), "{s}");
        }
    }

    // ---------------------------------------------------------- wrapped cells and rows

    const SIZE: f64 = 9.0;

    /// Glyphs of `text` from `x` on baseline `y`: CJK a full em, digits and Latin 0.63 em,
    /// separators 0.31 em, as in the LibreOffice prints.
    fn glyphs(text: &str, x: f64, y: f64) -> Vec<G> {
        let mut out = Vec::new();
        let mut x0 = x;
        for c in text.chars() {
            let w = if is_wide(c) {
                SIZE
            } else if matches!(c, ',' | '.') {
                SIZE * 0.31
            } else {
                SIZE * 0.63
            };
            if c != ' ' {
                out.push(G { text: c.to_string(), x0, x1: x0 + w, y, size: SIZE, space_after: false });
            } else if let Some(last) = out.last_mut() {
                last.space_after = true;
            }
            x0 += w;
        }
        out
    }

    /// A fully ruled grid with column boundaries `xs` and row boundaries `ys` (top down).
    fn grid(xs: &[f64], ys: &[f64]) -> Grid {
        let (left, right, top, bottom) = (xs[0], xs[xs.len() - 1], ys[0], ys[ys.len() - 1]);
        let h = ys.iter().map(|&y| Ruling { x0: left, y0: y, x1: right, y1: y }).collect();
        let v = xs.iter().map(|&x| Ruling { x0: x, y0: bottom, x1: x, y1: top }).collect();
        Grid { xs: xs.to_vec(), ys: ys.to_vec(), h, v }
    }

    /// Cells as (column, text, line number within the band) placed 3pt inside their column,
    /// lines 13pt apart from the band's top; returns the rebuilt rows.
    fn rows_of(xs: &[f64], ys: &[f64], cells: &[(usize, &str, usize, f64)]) -> Vec<Vec<String>> {
        let g = grid(xs, ys);
        let mut gs = Vec::new();
        for &(c, text, line, top) in cells {
            gs.extend(glyphs(text, xs[c] + 3.0, top - 10.0 - 13.0 * line as f64));
        }
        grid_rows(&g, &gs).rows
    }

    #[test]
    fn a_code_wrapped_in_a_narrow_cell_is_one_code() {
        // The code column fits five digits: `2101501` prints as `21015` / `01`, its name as
        // `行政运` / `行`. One row, not a row `01 | 行` (false code.duplicate on 21015).
        let xs = [0.0, 37.5, 70.0, 110.0];
        let ys = [200.0, 170.0, 140.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[
                (0, "210", 0, 200.0),
                (1, "卫生健", 0, 200.0),
                (1, "康支出", 1, 200.0),
                (2, "909.39", 0, 200.0),
                (0, "21015", 0, 170.0),
                (0, "01", 1, 170.0),
                (1, "行政运", 0, 170.0),
                (1, "行", 1, 170.0),
                (2, "249.34", 0, 170.0),
            ],
        );
        assert_eq!(rows, vec![vec!["210", "卫生健康支出", "909.39"], vec!["2101501", "行政运行", "249.34"]]);
    }

    #[test]
    fn a_figure_wrapped_in_narrow_cells_is_one_figure() {
        // `1147.09` in two columns that fit six characters: `1147.0` / `9` in both.
        let xs = [0.0, 40.0, 75.0, 110.0];
        let ys = [200.0, 170.0, 140.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[
                (0, "合计", 0, 200.0),
                (1, "1147.0", 0, 200.0),
                (1, "9", 1, 200.0),
                (2, "1147.0", 0, 200.0),
                (2, "9", 1, 200.0),
                (0, "其他", 0, 170.0),
                (1, "6.39", 0, 170.0),
                (2, "6.39", 0, 170.0),
            ],
        );
        assert_eq!(rows, vec![vec!["合计", "1147.09", "1147.09"], vec!["其他", "6.39", "6.39"]]);
    }

    #[test]
    fn a_figure_printed_a_character_or_two_per_line_is_one_figure() {
        // `58,900.00` in a column two digits wide: `58` / `,9` / `00` / `.0` / `0`.
        let xs = [0.0, 40.0, 55.0];
        let ys = [200.0, 120.0];
        let parts = ["58", ",9", "00", ".0", "0"];
        let mut cells = vec![(0, "合计", 0, 200.0)];
        cells.extend(parts.iter().enumerate().map(|(i, p)| (1, *p, i, 200.0)));
        let rows = rows_of(&xs, &ys, &cells);
        assert_eq!(rows, vec![vec!["合计", "58,900.00"]]);
    }

    #[test]
    fn two_rows_without_a_ruling_between_them_stay_two_rows() {
        // Rows whose separating ruling was not drawn, baselines 13pt apart like wrapped
        // lines. `301` fills its column and `301302` would be a number, but the name and the
        // figure beside it start afresh on the second baseline: a new row, not a wrap.
        let xs = [0.0, 23.0, 110.0, 160.0];
        let ys = [200.0, 170.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[
                (0, "301", 0, 200.0),
                (1, "工资福利支出", 0, 200.0),
                (2, "1,234.00", 0, 200.0),
                (0, "302", 1, 200.0),
                (1, "对个人和家庭的补助", 1, 200.0),
                (2, "56.00", 1, 200.0),
            ],
        );
        assert_eq!(rows, vec![vec!["301", "工资福利支出", "1,234.00"], vec!["302", "对个人和家庭的补助", "56.00"]]);
    }

    #[test]
    fn a_full_code_is_not_carried_on_by_the_next_rows_code() {
        // Without figures: `301302` would pass for a wrapped code, but the name beside the
        // second code starts afresh on its baseline, so both codes start rows.
        let xs = [0.0, 23.0, 110.0];
        let ys = [200.0, 170.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[
                (0, "301", 0, 200.0),
                (1, "工资福利支出", 0, 200.0),
                (0, "302", 1, 200.0),
                (1, "对个人和家庭的补助", 1, 200.0),
            ],
        );
        assert_eq!(rows, vec![vec!["301", "工资福利支出"], vec!["302", "对个人和家庭的补助"]]);
    }

    #[test]
    fn two_figures_filling_a_cell_are_not_one_figure() {
        // Each figure fills the column, but `1,234.0056.00` is no printed number.
        let xs = [0.0, 40.0, 84.0];
        let ys = [200.0, 170.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[(0, "小计", 0, 200.0), (1, "1,234.00", 0, 200.0), (0, "其中", 1, 200.0), (1, "5,678.00", 1, 200.0)],
        );
        assert_eq!(rows, vec![vec!["小计", "1,234.00"], vec!["其中", "5,678.00"]]);
    }

    #[test]
    fn a_cell_wrapped_at_a_space_keeps_its_words_apart() {
        // `210 15 99` (类 款 项 in one cell) in a column three digits wide.
        let xs = [0.0, 25.0, 80.0];
        let ys = [200.0, 150.0];
        let rows = rows_of(
            &xs,
            &ys,
            &[(0, "210 ", 0, 200.0), (0, "15 ", 1, 200.0), (0, "99", 2, 200.0), (1, "42,000.00", 0, 200.0)],
        );
        assert_eq!(rows, vec![vec!["210 15 99", "42,000.00"]]);
    }

    #[test]
    fn merged_rows_on_the_next_page_take_the_columns_of_the_table() {
        // `收入合计 | 13,649.07 | 支出合计 | 13,649.07` under merged cells after a page
        // break: its boundaries are a subset of the body's, so it takes the body's columns.
        let piece = |rows: Vec<Vec<&str>>, xs: &[f64]| Piece {
            rows: rows.into_iter().map(|r| r.into_iter().map(str::to_owned).collect()).collect(),
            xs: xs.to_vec(),
            head: vec![None; xs.len() - 1],
            tail: vec![None; xs.len() - 1],
        };
        let body = piece(
            vec![vec!["当年收入", "13,649.07", "", "当年支出小计", "", "13,649.07"]],
            &[57.65, 112.6, 206.95, 276.0, 355.15, 421.35, 519.8],
        );
        let mut end =
            piece(vec![vec!["收入合计", "13,649.07", "支出合计", "13,649.07"]], &[57.65, 112.6, 206.95, 421.35, 519.8]);
        widen(&mut end, &body);
        assert_eq!(end.rows, vec![vec!["收入合计", "13,649.07", "支出合计", "", "", "13,649.07"]]);
        // A grid whose boundaries do not all recur is another table: left alone.
        let mut other = piece(vec![vec!["项目", "金额"]], &[57.65, 300.0, 519.8]);
        widen(&mut other, &body);
        assert_eq!(other.rows, vec![vec!["项目", "金额"]]);
    }

    #[test]
    fn a_title_running_across_an_unruled_boundary_is_one_cell() {
        // The boundary at y=100 is ruled only under columns 1 and 2; the title in column 0
        // sits on it (its descenders cross it) and goes on below, beside `公开08表`.
        let xs = [0.0, 90.0, 120.0, 170.0];
        let mut g = grid(&xs, &[130.0, 100.0, 60.0]);
        g.h.retain(|r| (r.y0 - 100.0).abs() > 1.0);
        g.h.push(Ruling { x0: 90.0, y0: 100.0, x1: 170.0, y1: 100.0 });
        let mut gs = glyphs("国有资本经营预算", 3.0, 100.3);
        gs.extend(glyphs("财政拨款支出决算表", 3.0, 87.3));
        gs.extend(glyphs("公开08表", 123.0, 88.0));
        assert_eq!(
            grid_rows(&g, &gs).rows,
            vec![vec!["国有资本经营预算财政拨款支出决算表", "", ""], vec!["", "", "公开08表"]]
        );
    }

    #[test]
    fn figures_carry_on_only_with_digits() {
        assert!(carries_on(0.0, 6.0, "21015", "01"));
        assert!(carries_on(0.0, 6.0, "1147.0", "9"));
        // Room left on the line: the next line is a value of its own.
        assert!(!carries_on(20.0, 6.0, "208", "20805"));
        // A code is not continued by text (a repeated header row after a page break).
        assert!(!carries_on(0.0, 10.0, "208", "项目"));
        assert!(!carries_on(0.0, 6.0, "1,234.00", "56.00"));
        // The rest of a figure broken at its separator, whatever room was left.
        assert!(carries_on(30.0, 6.0, "58", ",900"));
        assert!(number_prefix("58,") && number_prefix("58,900.") && !number_prefix("58,9000"));
        assert!(number_prefix(",90") && number_prefix(".0") && !number_prefix(",9000"));
    }

    // ---------------------------------------------------------- paragraphs over page breaks

    /// A page whose text lines are `(text, x, y)`, in glyphs of 10.5 points (CJK a full em).
    fn text_page(number: u32, lines: &[(&str, f64, f64)]) -> Page {
        let size = 10.5;
        let mut glyphs = Vec::new();
        for &(text, x, y) in lines {
            let mut x = x;
            for c in text.chars() {
                let w = if is_wide(c) { size } else { size * 0.55 };
                glyphs.push(Glyph { text: c.to_string(), x, y, w, size });
                x += w;
            }
        }
        Page {
            number,
            bbox: [0.0, 0.0, 595.0, 842.0],
            content: super::super::content::PageContent { glyphs, rulings: Vec::new(), images: 0 },
        }
    }

    /// The non-empty lines rendered from two pages: page 1 ends with a full-width line
    /// `last` (its page number below), page 2 starts with `first` at the left edge.
    fn over_page_break(last: &str, first: &str) -> Vec<String> {
        let full = "部门预算收支总计与上年相比均有增加主要原因是人员经费政策性调增和运转保障经费增加";
        let p1 = text_page(1, &[(full, 90.0, 700.0), (last, 90.0, 680.0), ("3", 295.0, 50.0)]);
        let p2 = text_page(2, &[(first, 90.0, 760.0), (full, 90.0, 740.0)]);
        let mut r = Rendering::new("TEST");
        render(&[p1, p2], &mut r);
        r.lines.into_iter().filter(|l| !l.is_empty()).collect()
    }

    #[test]
    fn a_sentence_cut_by_the_page_break_is_one_paragraph() {
        let last = "与上年相比收支预算总计各增加三千二百零五点七九万元比上年增长了百分之十三点一一增长";
        let lines = over_page_break(last, "13.11%。其中：");
        assert!(lines.iter().any(|l| l.ends_with("增长13.11%。其中：")), "{lines:?}");
        assert!(!lines.iter().any(|l| l == "3" || l == "13.11%。其中："), "{lines:?}");
    }

    #[test]
    fn a_finished_sentence_or_a_heading_after_the_page_break_stays_apart() {
        let finished = "与上年相比收支预算总计各增加三千二百零五点七九万元比上年增长了百分之十三点一一。";
        let lines = over_page_break(finished, "其中人员经费增加较多");
        assert!(lines.iter().any(|l| l == "其中人员经费增加较多"), "{lines:?}");
        let open = "与上年相比收支预算总计各增加三千二百零五点七九万元比上年增长了百分之十三点一一增长";
        let lines = over_page_break(open, "二、支出预算情况说明");
        assert!(lines.iter().any(|l| l == "二、支出预算情况说明"), "{lines:?}");
        assert!(lines.iter().any(|l| l.ends_with("十三点一一增长")), "{lines:?}");
    }
}
