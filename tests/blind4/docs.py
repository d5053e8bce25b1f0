"""Documents as units make them: Word (python-docx), Excel (openpyxl), a
plain PDF with a ToUnicode map, and the broken files (Word 97, encrypted,
truncated)."""
import io
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
import openpyxl
from openpyxl.styles import Alignment, Font

FIXED = (2024, 5, 8, 9, 0, 0)


def _fix_zip(data):
    """Rewrite a zip with fixed entry dates so sha256 is stable."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re
                body = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2024-05-08T02:00:00Z<", body)
            zi = zipfile.ZipInfo(info.filename, FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


# ------------------------------------------------------------------ Word
def _no_borders(table):
    tbl = table._tbl
    pr = tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement("w:" + e)
        el.set(qn("w:val"), "nil")
        b.append(el)
    pr.append(b)


def _para(cell_or_doc, text, bold=False, italic=False, center=False, size=13, first=False):
    if first:
        p = cell_or_doc.paragraphs[0]
    else:
        p = cell_or_doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    r.italic = italic
    r.font.size = Pt(size)
    r.font.name = "Times New Roman"
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def word(parent, org, place_date, title_lines, kinh_gui, intro, table=None, after=(), so=None,
         state_heading=False, signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Hùng"),
         merged_header=None, number_row=False):
    """A party document: letterhead table, title, Kính gửi, text, table.

    table: list of rows (first row is the header) or None.
    merged_header: (top_row, spans) — a two-row header where top_row cells
    listed in spans [(start, end)] are merged horizontally and the rest
    merged vertically with the second row."""
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    lh = d.add_table(rows=1, cols=2)
    _no_borders(lh)
    left, right = lh.rows[0].cells
    if state_heading:
        _para(left, parent, center=True, first=True)
        if org:
            _para(left, org, bold=True, center=True)
        _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True, first=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    else:
        _para(left, parent, center=True, first=True)
        _para(left, org, bold=True, center=True)
        _para(left, "*", center=True)
        if so:
            _para(left, so, center=True)
        _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, center=True, first=True)
    _para(right, "")
    _para(right, place_date, italic=True, center=True)
    d.add_paragraph()
    for i, t in enumerate(title_lines):
        _para(d, t, bold=True, center=True, size=14)
    if kinh_gui:
        _para(d, kinh_gui, center=True)
    for t in intro:
        _para(d, t)
    if table:
        ncols = len(table[0])
        extra = 1 if merged_header else 0
        t = d.add_table(rows=len(table) + extra + (1 if number_row else 0), cols=ncols)
        t.style = "Table Grid"
        r0 = 0
        if merged_header:
            top, spans = merged_header
            spanned = set()
            for a, b in spans:
                c = t.cell(0, a).merge(t.cell(0, b))
                c.text = top[a]
                spanned.update(range(a, b + 1))
            for j in range(ncols):
                if j not in spanned:
                    c = t.cell(0, j).merge(t.cell(1, j))
                    c.text = table[0][j]
                else:
                    t.cell(1, j).text = table[0][j]
            r0 = 2
            rows = table[1:]
        else:
            for j, v in enumerate(table[0]):
                t.cell(0, j).text = v
            r0 = 1
            rows = table[1:]
        if number_row:
            for j in range(ncols):
                t.cell(r0, j).text = "(%d)" % (j + 1)
            r0 += 1
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                t.cell(r0 + i, j).text = v
    for t in after:
        _para(d, t)
    sig = d.add_table(rows=1, cols=2)
    _no_borders(sig)
    l, r = sig.rows[0].cells
    _para(l, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    _para(l, "- Như trên,", size=11)
    _para(l, "- Lưu VT.", size=11)
    _para(r, signer[0], bold=True, center=True, first=True)
    _para(r, signer[1], bold=True, center=True)
    _para(r, "")
    _para(r, "")
    _para(r, signer[2], bold=True, center=True)
    buf = io.BytesIO()
    d.save(buf)
    return _fix_zip(buf.getvalue())


# ------------------------------------------------------------------ Excel
def excel(parent, org, place_date, title_lines, kinh_gui, header, rows, merged_top=None,
          sheet="Danh sach", after=(), number_cells=()):
    """rows: list of lists; a value may be an int/float (a numeric cell).
    merged_top: (top_row, spans) like word()."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    n = len(header)
    ws.cell(1, 1, parent)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    ws.cell(1, 4, "ĐẢNG CỘNG SẢN VIỆT NAM").font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=4, end_row=1, end_column=n)
    ws.cell(2, 1, org).font = Font(bold=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    ws.cell(3, 1, "*")
    ws.cell(3, 4, place_date).font = Font(italic=True)
    ws.merge_cells(start_row=3, start_column=4, end_row=3, end_column=n)
    r = 5
    for t in title_lines:
        c = ws.cell(r, 1, t)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    if kinh_gui:
        ws.cell(r, 1, kinh_gui)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    r += 1
    if merged_top:
        top, spans = merged_top
        spanned = set()
        for a, b in spans:
            ws.cell(r, a + 1, top[a]).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=a + 1, end_row=r, end_column=b + 1)
            spanned.update(range(a, b + 1))
        for j in range(n):
            if j not in spanned:
                ws.cell(r, j + 1, header[j]).font = Font(bold=True)
                ws.merge_cells(start_row=r, start_column=j + 1, end_row=r + 1, end_column=j + 1)
            else:
                ws.cell(r + 1, j + 1, header[j]).font = Font(bold=True)
        r += 2
    else:
        for j, h in enumerate(header):
            c = ws.cell(r, j + 1, h)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, horizontal="center")
        r += 1
    for row in rows:
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            c = ws.cell(r, j + 1, v)
            if isinstance(v, float) and v > 1e15:
                c.number_format = "0.00E+00"
        r += 1
    r += 1
    for t in after:
        ws.cell(r, 1, t)
        r += 1
    for col, w in zip("ABCDEFG", (6, 18, 26, 28, 30, 24, 20)):
        ws.column_dimensions[col].width = w
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_zip(buf.getvalue())


# ------------------------------------------------------------------ PDF
def pdf(lines):
    """A one-page PDF whose text is extractable: Type0 font, Identity-H,
    CIDs = Unicode code points, a ToUnicode CMap (as PDF printers on
    Windows write it, minus the embedded font)."""
    def hexs(t):
        return "<" + "".join("%04X" % ord(c) for c in t) + ">"
    content = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    for ln in lines:
        content.append("%s Tj T*" % hexs(ln))
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    cmap_ranges = "\n".join("<%02X00> <%02XFF> <%02X00>" % (h, h, h) for h in range(0, 0x20))
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            "32 beginbfrange\n" + cmap_ranges + "\nendbfrange\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 500 /CIDToGIDMap /Identity >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 /FontBBox [-568 -307 2000 1007] /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 >>",
    ]
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info << /Producer (Microsoft\\256 Word 2016) >> >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out


# ------------------------------------------------------------------ broken files
def ole2(size=9216, tag=b"WordDocument"):
    """Bytes that start like a Word 97 / encrypted-OOXML compound file
    (D0CF11E0 header) — enough for any sniffer; no reader can open it."""
    hdr = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + bytes.fromhex("3E000300FEFF0900060000000000000000000000")
    body = hdr + b"\x00" * (512 - len(hdr))
    name = "".join(c + "\x00" for c in tag.decode()).encode("latin-1")
    body += name + b"\x00" * (512 - len(name))
    i = 0
    while len(body) < size:
        body += bytes(((i * 37 + 11) & 0xFF,)) * 64
        i += 1
    return body[:size]


def truncated(data, keep=0.55):
    return data[: int(len(data) * keep)]
