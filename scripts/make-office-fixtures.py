#!/usr/bin/env python3
"""Generate the format-parity fixtures from the five text samples.

For every tests/fixtures/samples/*.txt this writes into tests/fixtures/parity/:
  <name>.docx  python-docx: one paragraph per text line (numbered part/section lines with
               Heading 1/2 styles), one Word table per tab-separated run; the first row's
               label cells that the text leaves blank to their right are merged (gridSpan) and
               a first-column label whose cell below is blank is merged down (vMerge), i.e.
               the merged layouts the reader has to expand back to the text's grid
  <name>.html  the same structure as an HTML page (<h1>/<h2>/<p>, colspan/rowspan, entities)
  <name>.pdf   LibreOffice's PDF of the .docx (for the PDF reader's parity test)
and tests/fixtures/office/sample000-tables{.xlsx,.lo.xlsx,.xls} (openpyxl; LibreOffice's XLSX; BIFF8): every table of sample 000 on its own sheet,
figures with decimals as numeric cells formatted #,##0.00 (so 1147.09 displays as
1,147.09, 0.4 as 0.40), whole figures as General numbers.

Requirements: pip install python-docx openpyxl; apt-get install libreoffice-writer-nogui
fonts-noto-cjk (for the PDFs). Run from the repository root:
  python3 scripts/make-office-fixtures.py
"""
import html
import os
import re
import subprocess
import sys
import tempfile

from docx import Document
from docx.shared import Pt
from docx.oxml.ns import qn
import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "tests/fixtures/samples")
PARITY = os.path.join(ROOT, "tests/fixtures/parity")
OFFICE = os.path.join(ROOT, "tests/fixtures/office")

CN = "一二三四五六七八九十"
PART = re.compile(r"^第[" + CN + r"\d]+部分")
SECTION = re.compile(r"^[" + CN + r"]+、")


def blocks(text):
    """[('text', line) | ('table', [[cell, ...], ...])] in order; blank lines dropped."""
    out = []
    rows = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if "\t" in line and line.strip():
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        if line.strip():
            out.append(("text", line))
    if rows:
        out.append(("table", rows))
    return out


def heading_level(line):
    """The outline level the text reader would give the line anyway (numbered, short)."""
    t = line.strip()
    rest = re.sub(r"^(第[" + CN + r"\d]+部分|[" + CN + r"]+、)", "", t)
    short = 0 < len(rest.strip()) <= 40 and not re.search(r"[，；,;]|万元", rest)
    if PART.match(t) and short:
        return 1
    if SECTION.match(t) and short:
        return 2
    return 0


def merges(rows):
    """Horizontal spans in the first row and vertical spans in the first column."""
    width = max(len(r) for r in rows)
    h = {}
    first = rows[0] + [""] * (width - len(rows[0]))
    if sum(1 for c in first if c.strip()) >= 2:
        c = 0
        while c < width:
            if first[c].strip():
                e = c + 1
                while e < len(rows[0]) and not first[e].strip():
                    e += 1
                if e - c > 1:
                    h[c] = e - c
                c = e
            else:
                c += 1
    v = {}
    if len(rows) >= 2 and rows[0] and rows[0][0].strip() and 0 not in h:
        second = rows[1]
        if second and not second[0].strip() and sum(1 for c in second if c.strip()) >= 1:
            v[0] = 2
    return h, v


def write_docx(bl, path):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(9)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Sans CJK SC")
    for kind, payload in bl:
        if kind == "text":
            lvl = heading_level(payload)
            if lvl:
                doc.add_heading(payload.strip(), level=lvl)
            else:
                doc.add_paragraph(payload)
            continue
        rows = payload
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for ri, r in enumerate(rows):
            for ci in range(width):
                table.cell(ri, ci).text = r[ci] if ci < len(r) else ""
        h, v = merges(rows)
        for c, n in h.items():
            table.cell(0, c).merge(table.cell(0, c + n - 1))
        for c, n in v.items():
            top = table.cell(0, c)
            text = top.text
            top.merge(table.cell(n - 1, c))
            # merge() joins the texts of both cells with a paragraph; the lower one is empty
            for p in top.paragraphs[1:]:
                p._element.getparent().remove(p._element)
            top.paragraphs[0].text = text
        doc.add_paragraph("")
    doc.save(path)


def write_html(bl, path, title):
    esc = lambda s: html.escape(s, quote=False)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>' + esc(title) + "</title>",
        "<style>table{border-collapse:collapse}td{border:1px solid #999;padding:2px 4px}</style>",
        "<script>window.analytics = '<p>not content</p>';</script></head><body>",
    ]
    for kind, payload in bl:
        if kind == "text":
            lvl = heading_level(payload)
            tag = f"h{lvl}" if lvl else "p"
            out.append(f"<{tag}>{esc(payload.strip())}</{tag}>")
            continue
        rows = payload
        h, v = merges(rows)
        out.append('<table border="1" cellspacing="0">')
        for ri, r in enumerate(rows):
            cells = []
            ci = 0
            while ci < len(r):
                if ri == 1 and 0 in v and ci == 0:
                    ci += 1  # covered by the rowspan above
                    continue
                attrs = ""
                span = 1
                if ri == 0 and ci in h:
                    span = h[ci]
                    attrs += f' colspan="{span}"'
                if ri == 0 and ci in v:
                    attrs += f' rowspan="{v[ci]}"'
                text = esc(r[ci]).replace(" ", "&nbsp;") if r[ci].strip() else "&nbsp;"
                cells.append(f"<td{attrs}>{text}</td>")
                ci += span
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


NUM = re.compile(r"^-?\d[\d,]*(\.\d+)?$")
CODE = re.compile(r"^\d{3,9}$")


def write_xlsx(bl, path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    captions = []
    used = set()
    for kind, payload in bl:
        if kind == "text":
            captions = (captions + [payload.strip()])[-4:]
            continue
        rows = payload
        title = next(
            (c for c in reversed(captions) if c.endswith("表") and not c.startswith("公开")),
            f"表{len(wb.sheetnames) + 1}",
        )
        title = re.sub(r"^[" + CN + r"]+、", "", title)
        name = re.sub(r"[\[\]:*?/\\]", "", title)[:31]
        while name in used:
            name = name[:28] + str(len(used))
        used.add(name)
        ws = wb.create_sheet(name)
        r0 = 1
        for c in captions:
            ws.cell(row=r0, column=1, value=c)
            r0 += 1
        r0 += 1
        for ri, r in enumerate(rows):
            for ci, text in enumerate(r):
                t = text.strip()
                if not t:
                    continue
                cell = ws.cell(row=r0 + ri, column=ci + 1)
                # Figures in value columns are numbers; codes and row numbers stay text.
                if NUM.match(t) and ("." in t or ci >= 2) and not (ci <= 1 and CODE.match(t)):
                    plain = t.replace(",", "")
                    if "." in plain:
                        cell.value = float(plain)
                        cell.number_format = "#,##0.00"
                    else:
                        cell.value = int(plain)  # General format, printed as typed
                else:
                    cell.value = text
        captions = []
    wb.save(path)


def write_hostile():
    """Zip bombs: a DOCX whose document.xml inflates to 64 MB (honest headers), and the same
    with the central directory and local header claiming 1 000 bytes."""
    import struct
    import zipfile
    d = os.path.join(OFFICE, "hostile")
    os.makedirs(d, exist_ok=True)
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    body += b"<w:p><w:r><w:t>bomb</w:t></w:r></w:p>" + b" " * (64 << 20) + b"</w:body></w:document>"
    honest = os.path.join(d, "bomb.docx")
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body)
    data = bytearray(open(honest, "rb").read())
    size = struct.pack("<I", len(body))
    # Patch every occurrence of the true size (local header and central directory).
    i = data.find(size)
    while i >= 0:
        data[i : i + 4] = struct.pack("<I", 1000)
        i = data.find(size, i + 4)
    open(os.path.join(d, "bomb-lying.docx"), "wb").write(bytes(data))


def main():
    write_hostile()
    os.makedirs(PARITY, exist_ok=True)
    os.makedirs(OFFICE, exist_ok=True)
    names = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".txt"))
    for f in names:
        stem = f[:-4]
        with open(os.path.join(SAMPLES, f), encoding="utf-8") as fh:
            bl = blocks(fh.read())
        write_docx(bl, os.path.join(PARITY, stem + ".docx"))
        write_html(bl, os.path.join(PARITY, stem + ".html"), stem)
        if f.startswith("000_"):
            write_xlsx(bl, os.path.join(OFFICE, "sample000-tables.xlsx"))
        print("wrote", stem)
    if "--no-pdf" in sys.argv:
        return
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        soffice = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to"]
        docs = [os.path.join(PARITY, f[:-4] + ".docx") for f in names]
        subprocess.run(soffice + ["pdf", "--outdir", PARITY] + docs, check=True)
        # The same workbook as LibreOffice writes it: shared strings and its own styles
        # (openpyxl writes inline strings).
        subprocess.run(
            soffice + ["xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, os.path.join(OFFICE, "sample000-tables.xlsx")],
            check=True,
        )
        os.replace(os.path.join(tmp, "sample000-tables.xlsx"), os.path.join(OFFICE, "sample000-tables.lo.xlsx"))
        # And as a legacy BIFF8 workbook (shared strings with CONTINUE, RK/MULRK/NUMBER cells).
        subprocess.run(soffice + ["xls", "--outdir", tmp, os.path.join(OFFICE, "sample000-tables.lo.xlsx")], check=True)
        os.replace(os.path.join(tmp, "sample000-tables.lo.xls"), os.path.join(OFFICE, "sample000-tables.xls"))
        # A legacy Word .doc (OLE2 like XLS): must be told apart and get the "save as DOCX" message.
        tiny = Document()
        tiny.add_paragraph("部门预算公开")
        tiny.save(os.path.join(tmp, "legacy.docx"))
        subprocess.run(soffice + ["doc", "--outdir", tmp, os.path.join(tmp, "legacy.docx")], check=True)
        os.replace(os.path.join(tmp, "legacy.doc"), os.path.join(OFFICE, "hostile", "legacy.doc"))


if __name__ == "__main__":
    main()
