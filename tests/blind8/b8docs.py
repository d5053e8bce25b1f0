"""Documents of blind set 8: Phụ lục 3 lists (xlsx/docx), công văn PDFs."""
import io
import zipfile

import docx
import openpyxl

UNIT = {
    "sontinh": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh", "Số 215-CV/HU"),
    "tunghia": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa", "Số 118-CV/HU"),
}
CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
HEADER = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"]


def luhn(digits):
    s = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def iccid(n):
    base = "898404%012d" % n
    return base + luhn(base)


ROWS = {
    "sontinh": [
        ("0982345671", iccid(700000001), "Phạm Minh Tuấn", "Bí thư Huyện ủy"),
        ("0905110321", iccid(700000002), "Võ Thị Lan", "Phó Bí thư Thường trực Huyện ủy"),
        ("0914567832", iccid(700000003), "Đặng Quốc Huy", "Chánh Văn phòng Huyện ủy"),
    ],
    "tunghia": [
        ("0983111222", iccid(800000001), "Trần Quang Khải", "Bí thư Huyện ủy"),
        ("0935222333", iccid(800000002), "Huỳnh Thị Mai", "Phó Bí thư Huyện ủy"),
    ],
}


def fixed_zip(data):
    """Re-pack a zip with fixed dates so runs write the same bytes."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, (2024, 5, 6, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def sim_xlsx(unit="sontinh", rows=None):
    parent, org, place, so = UNIT[unit]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append([parent, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append([org, None, None, "%s, ngày 06 tháng 5 năm 2024" % place])
    ws.append([])
    ws.append(["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"])
    ws.append(["Kính gửi: " + CUC])
    ws.append([])
    ws.append(HEADER)
    for i, r in enumerate(rows or ROWS[unit], 1):
        c = ws.cell(row=ws.max_row + 1, column=1, value=i)
        for j, v in enumerate(r, 2):
            cell = ws.cell(row=c.row, column=j, value=v)
            cell.number_format = "@"
    wb.properties.creator = "Văn phòng " + org.title()
    import datetime
    wb.properties.created = datetime.datetime(2024, 5, 6, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2024, 5, 6, 9, 0, 0)
    bio = io.BytesIO()
    wb.save(bio)
    return fixed_zip(bio.getvalue())


def sim_docx(unit="sontinh", rows=None):
    parent, org, place, so = UNIT[unit]
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = parent
    t.cell(1, 0).text = org
    t.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    t.cell(1, 1).text = "%s, ngày 06 tháng 5 năm 2024" % place
    d.add_paragraph("DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ")
    d.add_paragraph("Kính gửi: " + CUC)
    rows = rows or ROWS[unit]
    tb = d.add_table(rows=1 + len(rows), cols=5)
    for j, h in enumerate(HEADER):
        tb.cell(0, j).text = h
    for i, r in enumerate(rows, 1):
        tb.cell(i, 0).text = str(i)
        for j, v in enumerate(r, 1):
            tb.cell(i, j).text = v
    import datetime
    d.core_properties.created = datetime.datetime(2024, 5, 6, 9, 0, 0)
    d.core_properties.modified = datetime.datetime(2024, 5, 6, 9, 0, 0)
    bio = io.BytesIO()
    d.save(bio)
    return fixed_zip(bio.getvalue())


def cover_lines(unit="sontinh", n=None, about="đề nghị kích hoạt SIM ký số"):
    parent, org, place, so = UNIT[unit]
    n = n if n is not None else len(ROWS[unit])
    return [
        parent, org, "ĐẢNG CỘNG SẢN VIỆT NAM", so,
        "%s, ngày 06 tháng 5 năm 2024" % place,
        "V/v " + about,
        "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi",
        "%s gửi kèm danh sách %d đồng chí đề nghị kích hoạt SIM ký số" % (org.title(), n),
        "(file mềm Excel kèm theo), đề nghị Văn phòng Tỉnh ủy tổng hợp,",
        "gửi Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ.",
        "Nơi nhận: Như trên; Lưu VP.",
        "T/M BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Bình",
    ]


# ---- PDF writer: Type0 font, Identity-H, ToUnicode (text layer) --------------

class Font:
    def __init__(self):
        self.cids = {}

    def enc(self, s):
        out = []
        for ch in s:
            if ch not in self.cids:
                self.cids[ch] = len(self.cids) + 1
            out.append("%04X" % self.cids[ch])
        return "<" + "".join(out) + ">"

    def tounicode(self):
        lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                 "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                 "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        items = sorted(self.cids.items(), key=lambda kv: kv[1])
        for i in range(0, len(items), 100):
            chunk = items[i:i + 100]
            lines.append("%d beginbfchar" % len(chunk))
            for ch, cid in chunk:
                lines.append("<%04X> <%s>" % (cid, ch.encode("utf-16-be").hex().upper()))
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode()


def text_stream(font, lines, x=60, y=780, size=12, lead=18):
    ops = ["BT", "/F1 %d Tf" % size, "%d %d Td" % (x, y), "%d TL" % lead]
    for ln in lines:
        ops.append(font.enc(ln) + " Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode()


def stream_obj(data, extra=""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"


class PDF:
    """A one-revision PDF with numbered objects; update() appends revisions."""

    def __init__(self):
        self.objs = {}

    def build(self, root=1, info=None):
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offs = {}
        n = max(self.objs)
        for i in range(1, n + 1):
            offs[i] = len(out)
            out += b"%d 0 obj\n" % i + self.objs[i] + b"\nendobj\n"
        x = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (n + 1)
        for i in range(1, n + 1):
            out += b"%010d 00000 n \n" % offs[i]
        tr = b"/Size %d /Root %d 0 R" % (n + 1, root)
        if info:
            tr += b" /Info %d 0 R" % info
        out += b"trailer\n<< " + tr + b" /ID [<B8B8B8B8B8B8B8B8B8B8B8B8B8B8B8B8> <B8B8B8B8B8B8B8B8B8B8B8B8B8B8B8B8>] >>\nstartxref\n%d\n%%%%EOF\n" % x
        return bytes(out)


def last_startxref(data):
    i = data.rstrip().rfind(b"startxref")
    return int(data[i + 9:].split()[0])


def max_objnum(data):
    import re
    m = 0
    for mm in re.finditer(rb"(\d+) 0 obj", data):
        m = max(m, int(mm.group(1)))
    return m


def incremental(data, newobjs, root=1):
    """Append an incremental update (classic xref) with objects {num: bytes}."""
    import re
    prev = last_startxref(data)
    # the size: the highest object number + 1 over the file
    size = max(max_objnum(data), max(newobjs)) + 1
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offs = {}
    for num in sorted(newobjs):
        offs[num] = len(out)
        out += b"%d 0 obj\n" % num + newobjs[num] + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for num in sorted(newobjs):
        out += b"%d 1\n%010d 00000 n \n" % (num, offs[num])
    # keep /Info and /ID if present in the last trailer
    info = b""
    m = re.findall(rb"/Info (\d+) 0 R", data)
    if m:
        info = b" /Info " + m[-1] + b" 0 R"
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, prev, info, x)
    return bytes(out)


def cover_pdf(unit="sontinh", lines=None):
    """Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 font, 6 cidfont,
    7 tounicode, 8 descriptor, 9 info.  Returns (bytes, font) so later
    revisions can draw more text with the same font."""
    font = Font()
    content = text_stream(font, lines or cover_lines(unit))
    p = PDF()
    p.objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    p.objs[2] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    p.objs[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                 b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
    p.objs[4] = stream_obj(content)
    p.objs[5] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT "
                 b"/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>")
    p.objs[6] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT "
                 b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                 b"/FontDescriptor 8 0 R /DW 500 /CIDToGIDMap /Identity >>")
    p.objs[8] = (b"<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 "
                 b"/FontBBox [-568 -307 2000 1007] /ItalicAngle 0 /Ascent 891 /Descent -216 "
                 b"/CapHeight 662 /StemV 80 >>")
    p.objs[9] = (b"<< /Producer (blind8) /CreationDate (D:20240506090000+07'00') "
                 b"/ModDate (D:20240506090000+07'00') >>")
    # ToUnicode last: it must know every character used, also by later
    # revisions, so the caller can pre-register characters through `extra`.
    p.font = font
    return p


def finish_cover(p, extra_text=()):
    for s in extra_text:
        p.font.enc(s)
    p.objs[7] = stream_obj(p.font.tounicode())
    return p.build(root=1, info=9)
