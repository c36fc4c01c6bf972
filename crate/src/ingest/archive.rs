//! Reading the parts of an Office Open XML package (DOCX, XLSX) with bounded work: the number
//! of entries, every part's inflated size and the total inflated size are capped, checked
//! against the size the archive declares *and* against what actually comes out of the
//! decompressor (a zip bomb can lie in its headers). XML is parsed with quick-xml, which is
//! not recursive; the readers still cap element nesting because their own state grows with it.

use crate::document::ReadIssue;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// More entries than any real workbook or document has (a DOCX has ~15, a big XLSX a few hundred).
pub const MAX_ENTRIES: usize = 5_000;
/// Inflated size of one part. A 100-page disclosure's `document.xml` is a few MB.
pub const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// Inflated size of all parts read together (the page runs in a browser tab).
pub const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;
/// Element nesting deeper than this is not a document (Word nests tables a few levels).
pub const MAX_XML_DEPTH: usize = 256;

pub fn too_large(zh: String, en: String) -> ReadIssue {
    ReadIssue { code: "input.too-large", zh, en, span: None }
}

pub fn unreadable(zh: String, en: String) -> ReadIssue {
    ReadIssue { code: "input.unreadable", zh, en, span: None }
}

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes still allowed to be inflated.
    budget: u64,
    pub issues: Vec<ReadIssue>,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], format: &str) -> Result<Self, ReadIssue> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            unreadable(
                format!("文件看起来是 {format}（ZIP 压缩包），但无法打开：{e}。文件可能已损坏或下载不完整，请重新保存或下载后再试"),
                format!("the file looks like {format} (a ZIP package) but cannot be opened: {e}; it may be damaged or truncated"),
            )
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(too_large(
                format!("压缩包内有 {} 个条目，超过上限 {MAX_ENTRIES}，不像正常的 {format} 文件，未读取", zip.len()),
                format!("the package has {} entries (limit {MAX_ENTRIES}); not read", zip.len()),
            ));
        }
        Ok(Archive { zip, budget: MAX_TOTAL_BYTES, issues: Vec::new() })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The inflated text of part `name`; `None` when it is missing or could not be read (the
    /// reason is in `issues`). A part cut at a size cap is returned up to the cap, with an issue.
    pub fn part(&mut self, name: &str) -> Option<String> {
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return None,
            Err(e) => {
                self.issues.push(unreadable(
                    format!("无法读取文件中的 {name}：{e}，该部分内容未检查"),
                    format!("cannot read part {name}: {e}; its content was not checked"),
                ));
                return None;
            }
        };
        let cap = MAX_PART_BYTES.min(self.budget);
        let declared = file.size();
        if declared > cap {
            self.issues.push(bomb_issue(name, cap));
        }
        // Read at most cap + 1 bytes: the declared size may be a lie.
        let mut buf = Vec::new();
        let res = (&mut file).take(cap + 1).read_to_end(&mut buf);
        let over = buf.len() as u64 > cap;
        if over {
            buf.truncate(cap as usize);
            if declared <= cap {
                self.issues.push(bomb_issue(name, cap));
            }
        }
        self.budget = self.budget.saturating_sub(buf.len() as u64);
        if let Err(e) = res {
            self.issues.push(unreadable(
                format!("文件中的 {name} 已损坏（{e}），只读取了能解压的部分"),
                format!("part {name} is damaged ({e}); only what could be inflated was read"),
            ));
        }
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => {
                // Cut inside a multi-byte char at the cap, or not UTF-8 at all.
                let valid = e.utf8_error().valid_up_to();
                let mut b = e.into_bytes();
                b.truncate(valid);
                String::from_utf8(b).unwrap_or_default()
            }
        };
        Some(text)
    }
}

fn bomb_issue(name: &str, cap: u64) -> ReadIssue {
    too_large(
        format!("文件中的 {name} 解压后超过上限 {} MB（可能是压缩炸弹或超大文件），只读取了前 {} MB", cap >> 20, cap >> 20),
        format!("part {name} inflates to more than the {} MB limit (a zip bomb or an oversized file); only the first {} MB were read", cap >> 20, cap >> 20),
    )
}

/// Local name of an XML element or attribute (`w:p` → `p`).
pub fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The unescaped value of attribute `key` (local name) of an element.
pub fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| local(a.key.as_ref()) == key).map(|a| {
        let raw = String::from_utf8_lossy(&a.value).into_owned();
        if raw.contains('&') {
            super::html_table::decode_entities(&raw)
        } else {
            raw
        }
    })
}

/// What a reader sees of an XML part: element starts (empty elements give a start and an
/// end), ends by local name, and text with entity and character references resolved.
pub enum Ev<'e, 'a> {
    Start(&'e BytesStart<'a>),
    End(&'e [u8]),
    Text(&'e str),
}

/// Walk `xml` (part `part`), calling `f` for every event until it returns `false`, the part
/// ends, the XML breaks (issue, content so far kept) or nesting exceeds `MAX_XML_DEPTH`.
pub fn walk(xml: &str, part: &str, issues: &mut Vec<ReadIssue>, mut f: impl FnMut(Ev) -> bool) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    loop {
        let go = match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    issues.push(depth_issue(part));
                    return;
                }
                f(Ev::Start(&e))
            }
            Ok(Event::Empty(e)) => f(Ev::Start(&e)) && f(Ev::End(local(e.name().as_ref()))),
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                f(Ev::End(local(e.name().as_ref())))
            }
            Ok(Event::Text(t)) => f(Ev::Text(&String::from_utf8_lossy(t.as_ref()))),
            Ok(Event::CData(t)) => f(Ev::Text(&String::from_utf8_lossy(t.as_ref()))),
            Ok(Event::GeneralRef(r)) => {
                let name = String::from_utf8_lossy(r.as_ref());
                let s = super::html_table::decode_entities(&format!("&{name};"));
                f(Ev::Text(&s))
            }
            Ok(Event::Eof) => return,
            Ok(_) => true,
            Err(e) => {
                issues.push(xml_issue(part, &e));
                return;
            }
        };
        if !go {
            return;
        }
    }
}

pub fn depth_issue(part: &str) -> ReadIssue {
    too_large(
        format!("{part} 的元素嵌套超过 {MAX_XML_DEPTH} 层，后面的内容未读取"),
        format!("{part} nests elements deeper than {MAX_XML_DEPTH} levels; the rest was not read"),
    )
}

pub fn xml_issue(part: &str, e: &quick_xml::Error) -> ReadIssue {
    unreadable(
        format!("{part} 的 XML 有错误（{e}），只读取了出错之前的内容"),
        format!("{part} has malformed XML ({e}); only the content before the error was read"),
    )
}
