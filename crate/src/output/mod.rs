//! Rendering a report: JSON (schema in `schema/report.schema.json`) and human text.

use crate::report::Report;

pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

pub fn json_many(reports: &[Report]) -> String {
    serde_json::to_string_pretty(reports).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// `file:line: severity rule message`, one finding per line.
pub fn text(file: &str, report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let line = f.locations.first().map_or(0, |l| l.line);
        out.push_str(&format!("{file}:{line}: {} {} {}\n", f.severity.as_str(), f.rule, f.message));
    }
    out
}

pub fn summary_line(file: &str, report: &Report, lang: crate::options::Lang) -> String {
    let s = report.summary;
    match lang {
        crate::options::Lang::Zh => format!(
            "{file}：{} 个错误，{} 个警告，{} 条提示（{} 张表）",
            s.errors, s.warnings, s.infos, report.document.tables
        ),
        crate::options::Lang::En => format!(
            "{file}: {} errors, {} warnings, {} infos ({} tables)",
            s.errors, s.warnings, s.infos, report.document.tables
        ),
    }
}

/// A plain listing of the tables as understood (titles, units, columns, row keys); used by
/// `budgetlint tables` and the inventory tests.
pub fn tables_dump(bytes: &[u8]) -> String {
    let doc = crate::ingest::read_bytes(bytes);
    let d = crate::structure::analyse(&doc);
    let mut out = String::new();
    for t in &d.tables {
        out.push_str(&format!(
            "#{} L{}-{} {} [{}] | label={:?} unit={:?} dept={:?} pieces={} header_rows={} body_rows={} reliable={}\n",
            t.index,
            t.span.line,
            t.span.end_line,
            t.title.as_deref().unwrap_or("-"),
            t.kind.map_or("?", |k| k.id),
            t.label,
            t.unit.map(|u| u.label()),
            t.department,
            t.pieces,
            t.header.len(),
            t.body.len(),
            t.header_reliable
        ));
        for c in &t.columns {
            out.push_str(&format!("   col{} {:?} {:?} {}\n", c.index, c.kind, c.role, c.name()));
        }
        for (pi, p) in t.panels.iter().enumerate() {
            let keys: Vec<String> = p.lines.iter().take(40).map(|l| l.display()).collect();
            out.push_str(&format!(
                "   panel{pi} labels={:?} values={:?}: {}\n",
                p.label_cols,
                p.value_cols,
                keys.join(" | ")
            ));
        }
    }
    out
}
