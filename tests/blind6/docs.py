"""Documents for blind set 6: Word, Excel (xlsx and xls), PDF and ZIP bytes,
written as a district office writes them, with every date fixed.

Only Debian packages: python3-docx, python3-openpyxl, python3-xlwt.
"""
import io
import re
import zipfile

import docx
import openpyxl
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

FIXED_ZIP_DATE = (2024, 5, 8, 9, 0, 0)
FIXED_ISO = "2024-05-08T02:00:00Z"

CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
VPTU = "Văn phòng Tỉnh ủy Quảng Ngãi"


# --------------------------------------------------------------- numbers

def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def iccid(issuer, serial, good=True):
    """19 digits: 89 84 issuer(2) serial(12) Luhn."""
    body = "8984%s%012d" % (issuer, serial)
    c = luhn_digit(body)
    if not good:
        c = str((int(c) + 3) % 10)
    return body + c


ISSUER = {"viettel": "04", "vinaphone": "02", "mobifone": "01"}


def carrier_of(phone10):
    p = phone10[:3]
    if p in ("086", "096", "097", "098") or p[:2] == "03":
        return "viettel"
    if p in ("081", "082", "083", "084", "085", "088", "091", "094"):
        return "vinaphone"
    return "mobifone"


def e164(phone10):
    return "84" + phone10[1:]


# --------------------------------------------------------------- packaging

def repack(data):
    """Re-zip an OOXML package with fixed entry dates and fixed core dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                s = body.decode("utf-8")
                s = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(<)", r"\g<1>%s\3" % FIXED_ISO, s)
                s = re.sub(r"<cp:lastPrinted>[^<]*</cp:lastPrinted>", "", s)
                body = s.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def zip_of(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries:
            zi = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, body)
    return out.getvalue()


def _docx_bytes(d):
    import datetime
    cp = d.core_properties
    cp.author = "Văn thư"
    cp.last_modified_by = "Văn thư"
    cp.created = datetime.datetime(2024, 5, 8, 9, 0, 0)
    cp.modified = datetime.datetime(2024, 5, 8, 9, 0, 0)
    cp.revision = 1
    b = io.BytesIO()
    d.save(b)
    return repack(b.getvalue())


def _xlsx_bytes(wb):
    import datetime
    wb.properties.creator = "Văn thư"
    wb.properties.created = datetime.datetime(2024, 5, 8, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2024, 5, 8, 9, 0, 0)
    b = io.BytesIO()
    wb.save(b)
    return repack(b.getvalue())


# --------------------------------------------------------------- Word

def _p(d, text, bold=False, center=False, size=13, italic=False):
    par = d.add_paragraph()
    r = par.add_run(text)
    r.bold = bold
    r.italic = italic
    r.font.size = Pt(size)
    r.font.name = "Times New Roman"
    if center:
        par.alignment = 1
    return par


def letterhead_docx(d, parent, org, place_date, as_table=False):
    """The two-column heading of a party document."""
    if as_table:
        t = d.add_table(rows=1, cols=2)
        left, right = t.rows[0].cells
        left.text = parent
        left.add_paragraph(org)
        left.add_paragraph("*")
        right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
        right.add_paragraph(place_date)
        return
    _p(d, parent, center=False)
    _p(d, org, bold=True)
    _p(d, "*")
    _p(d, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, center=True)
    _p(d, place_date, italic=True, center=True)


def _table(d, header_rows, rows, merges=()):
    ncols = max(len(r) for r in header_rows + rows) if (header_rows or rows) else 1
    t = d.add_table(rows=len(header_rows) + len(rows), cols=ncols)
    t.style = "Table Grid"
    for i, r in enumerate(header_rows + rows):
        for j, v in enumerate(r):
            if v is not None:
                t.cell(i, j).text = str(v)
    for (r1, c1, r2, c2, text) in merges:
        m = t.cell(r1, c1).merge(t.cell(r2, c2))
        m.text = text
    return t


SIM_HEADER = ["TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
              "Họ và tên người dùng (chủ thuê bao)", "Chức vụ (Chức vụ hiện tại)"]


def sim_docx(parent, org, place_date, rows, header=None, addressee=CUC,
             letterhead_table=False, two_row_header=False, total=None,
             blank_after=None, signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Hùng"),
             with_title=True):
    """Phụ lục 3 in Word. rows: lists of cell texts (without TT unless given)."""
    d = docx.Document()
    letterhead_docx(d, parent, org, place_date, as_table=letterhead_table)
    if with_title:
        _p(d, "DANH SÁCH", bold=True, center=True)
        _p(d, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", bold=True, center=True)
    if addressee:
        _p(d, "Kính gửi: %s" % addressee, center=True)
    header = header or SIM_HEADER
    body = [[str(i + 1)] + list(r) for i, r in enumerate(rows)]
    if blank_after is not None:
        body.insert(blank_after, [""] * len(header))
    merges = []
    if two_row_header:
        # TT | Thông tin SIM (Số điện thoại | Số ICCID) | Họ và tên | Chức vụ
        h0 = [header[0], "Thông tin SIM", None, header[3], header[4]]
        h1 = [None, header[1], header[2], None, None]
        hdr = [h0, h1]
        merges = [(0, 1, 0, 2, "Thông tin SIM"), (0, 0, 1, 0, header[0]),
                  (0, 3, 1, 3, header[3]), (0, 4, 1, 4, header[4])]
    else:
        hdr = [header]
    if total:
        body.append([total] + [None] * (len(header) - 1))
        n = len(hdr) + len(body) - 1
        merges.append((n, 0, n, len(header) - 1, total))
    _table(d, hdr, body, merges)
    _p(d, "Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM.", italic=True, size=11)
    for s in signer:
        _p(d, s, bold=True, center=True)
    return _docx_bytes(d)


def sim_docx_empty_tail(parent, org, place_date, rows, empty):
    """Phụ lục 3 whose table keeps `empty` blank rows of the template at
    the bottom (the clerk filled the first rows only)."""
    d = docx.Document()
    letterhead_docx(d, parent, org, place_date)
    _p(d, "DANH SÁCH", bold=True, center=True)
    _p(d, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", bold=True, center=True)
    _p(d, "Kính gửi: %s" % CUC, center=True)
    body = [[str(i + 1)] + list(r) for i, r in enumerate(rows)] + [[""] * 5 for _ in range(empty)]
    _table(d, [SIM_HEADER], body)
    _p(d, "T/M BAN THƯỜNG VỤ", bold=True, center=True)
    return _docx_bytes(d)


def cover_letter_docx(parent, org, number, place_date, subject_line, body, signer):
    d = docx.Document()
    letterhead_docx(d, parent, org, place_date, as_table=True)
    _p(d, "Số %s" % number)
    _p(d, subject_line, italic=True, size=12)
    _p(d, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi (Phòng Cơ yếu - Công nghệ thông tin)", center=True)
    for b in body:
        _p(d, b)
    _p(d, "Nơi nhận:", bold=True, size=11)
    _p(d, "- Như trên,", size=11)
    _p(d, "- Lưu Văn phòng.", size=11)
    _p(d, "T/M BAN THƯỜNG VỤ", bold=True, center=True)
    for s in signer:
        _p(d, s, bold=True, center=True)
    return _docx_bytes(d)


def mau12_docx(parent, org, place_date, addressee, rows, coordinator, sim=False):
    d = docx.Document()
    _p(d, "Mẫu 12", italic=True, size=11)
    letterhead_docx(d, parent, org, place_date)
    _p(d, "VĂN BẢN ĐỀ NGHỊ", bold=True, center=True)
    _p(d, "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CHO CÁC THUÊ BAO", bold=True, center=True)
    _p(d, "Kính gửi: %s" % addressee, center=True)
    _p(d, "Căn cứ Nghị định số 130/2018/NĐ-CP ngày 27/9/2018 của Chính phủ và Thông tư số "
          "185/2019/TT-BQP ngày 04/12/2019 của Bộ trưởng Bộ Quốc phòng, %s đề nghị khôi phục "
          "thiết bị lưu khóa bí mật%s cho các thuê bao sau:" % (org[:1] + org[1:].lower(), " (SIM PKI)" if sim else ""))
    dev = "Số hiệu thiết bị (số ICCID)" if sim else "Số hiệu thiết bị lưu khóa bí mật"
    _table(d, [["TT", "Họ và tên", "Chức vụ", dev, "Lý do"]],
           [[str(i + 1)] + list(r) for i, r in enumerate(rows)])
    if coordinator:
        name, pos, phone, mail = coordinator
        _p(d, "Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:", bold=True)
        _p(d, "- Họ và tên: %s" % name)
        _p(d, "- Chức vụ: %s" % pos)
        _p(d, "- Số điện thoại: %s" % phone)
        _p(d, "- Địa chỉ thư điện tử: %s" % mail)
    _p(d, "Trân trọng./.")
    _p(d, "T/M BAN THƯỜNG VỤ", bold=True, center=True)
    _p(d, "CHÁNH VĂN PHÒNG", bold=True, center=True)
    _p(d, "Lê Văn Tám", bold=True, center=True)
    return _docx_bytes(d)


def mau11_docx(name, position, unit, device, reason, phone, mail, place_date):
    d = docx.Document()
    _p(d, "Mẫu 11", italic=True, size=11)
    _p(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _p(d, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _p(d, place_date, italic=True, center=True)
    _p(d, "VĂN BẢN ĐỀ NGHỊ", bold=True, center=True)
    _p(d, "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CỦA THUÊ BAO", bold=True, center=True)
    _p(d, "Kính gửi: %s" % VPTU, center=True)
    _p(d, "Tôi tên là: %s" % name)
    _p(d, "Chức vụ: %s" % position)
    _p(d, "Cơ quan, tổ chức công tác: %s" % unit)
    _p(d, "Số điện thoại: %s" % phone)
    _p(d, "Địa chỉ thư điện tử: %s" % mail)
    _p(d, "Số hiệu thiết bị lưu khóa bí mật: %s" % device)
    _p(d, "Lý do đề nghị khôi phục: %s" % reason)
    _p(d, "Người đề nghị", bold=True, center=True)
    _p(d, name, bold=True, center=True)
    return _docx_bytes(d)


def cert_docx(parent, org, place_date, form, title, intro, header, rows):
    """Mẫu 02/08/10/13/15-shaped documents (all go to the Cục)."""
    d = docx.Document()
    _p(d, form, italic=True, size=11)
    letterhead_docx(d, parent, org, place_date)
    for line in title:
        _p(d, line, bold=True, center=True)
    _p(d, "Kính gửi: %s" % CUC, center=True)
    _p(d, intro)
    _table(d, [header], [[str(i + 1)] + list(r) for i, r in enumerate(rows)])
    _p(d, "Trân trọng./.")
    _p(d, "T/M BAN THƯỜNG VỤ", bold=True, center=True)
    _p(d, "Phạm Thị Lan", bold=True, center=True)
    return _docx_bytes(d)


def report_docx(parent, org, place_date, period):
    d = docx.Document()
    letterhead_docx(d, parent, org, place_date)
    _p(d, "BÁO CÁO", bold=True, center=True)
    _p(d, "Tình hình triển khai, quản lý và sử dụng chứng thư số %s" % period, bold=True, center=True)
    _p(d, "Kính gửi: %s" % VPTU, center=True)
    _p(d, "Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy về chế độ "
          "báo cáo, %s báo cáo tình hình triển khai, quản lý và sử dụng chứng thư số như sau:" % (org[:1] + org[1:].lower()))
    _p(d, "1. Tình hình cấp, quản lý chứng thư số", bold=True)
    _table(d, [["TT", "Loại chứng thư số", "Số lượng đã cấp", "Đang sử dụng", "Đã thu hồi"]],
           [["1", "Chứng thư số cá nhân (USB Token)", "24", "22", "2"],
            ["2", "Chứng thư số cá nhân (SIM PKI)", "6", "6", "0"],
            ["3", "Chứng thư số cơ quan, tổ chức", "1", "1", "0"]])
    _p(d, "2. Tình hình sử dụng", bold=True)
    _p(d, "Chữ ký số được sử dụng thường xuyên trên hệ thống quản lý văn bản và điều hành; "
          "không có trường hợp mất thiết bị lưu khóa bí mật trong kỳ báo cáo.")
    _p(d, "3. Khó khăn, vướng mắc và đề xuất", bold=True)
    _p(d, "Một số thiết bị bị khóa do nhập sai mật khẩu nhiều lần; đề nghị tiếp tục hướng dẫn.")
    _p(d, "T/M BAN THƯỜNG VỤ", bold=True, center=True)
    _p(d, "Trần Quốc Việt", bold=True, center=True)
    return _docx_bytes(d)


# --------------------------------------------------------------- Excel

def sim_xlsx(parent, org, place_date, rows, header=None, addressee=CUC, title_rows=True,
             two_row_header=False, total=None, blank_after=None, number_formats=None,
             extra_header=None, quote_prefix_cols=()):
    """Phụ lục 3 in Excel.  rows: cell values (python types kept: int/float
    become numeric cells, as Excel stores what a clerk typed)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sach"
    header = list(header or SIM_HEADER) + list(extra_header or [])
    ncol = len(header)
    r = 1
    if title_rows:
        ws.cell(1, 1, parent)
        ws.cell(2, 1, org).font = Font(bold=True)
        ws.cell(3, 1, "*")
        ws.cell(1, 4, "ĐẢNG CỘNG SẢN VIỆT NAM").font = Font(bold=True)
        ws.cell(2, 4, place_date).font = Font(italic=True)
        ws.cell(5, 1, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ").font = Font(bold=True)
        ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=ncol)
        ws.cell(5, 1).alignment = Alignment(horizontal="center")
        r = 6
        if addressee:
            ws.cell(6, 1, "Kính gửi: %s" % addressee)
            ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=ncol)
            r = 7
        r += 1
    if two_row_header:
        ws.cell(r, 1, header[0])
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
        ws.cell(r, 2, "Thông tin SIM")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        ws.cell(r + 1, 2, header[1])
        ws.cell(r + 1, 3, header[2])
        for c in range(4, ncol + 1):
            ws.cell(r, c, header[c - 1])
            ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
        for c in range(1, ncol + 1):
            ws.cell(r, c).font = Font(bold=True)
        r += 2
    else:
        for c, h in enumerate(header, 1):
            ws.cell(r, c, h).font = Font(bold=True)
        r += 1
    for i, row in enumerate(rows):
        if blank_after is not None and i == blank_after:
            r += 1
        ws.cell(r, 1, i + 1)
        for c, v in enumerate(row, 2):
            cell = ws.cell(r, c, v)
            if number_formats and (c in number_formats) and isinstance(v, (int, float)):
                cell.number_format = number_formats[c]
            if c in quote_prefix_cols and isinstance(v, str) and v[:1] == "0":
                cell.quotePrefix = True
        r += 1
    if total:
        ws.cell(r, 1, total).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        r += 1
    ws.cell(r + 1, 4, "T/M BAN THƯỜNG VỤ").font = Font(bold=True)
    ws.cell(r + 2, 4, "Nguyễn Văn Hùng").font = Font(bold=True)
    for col, w in zip("ABCDEF", (6, 18, 26, 28, 30, 26)):
        ws.column_dimensions[col].width = w
    return _xlsx_bytes(wb)


def table_xlsx(parent, org, place_date, title, addressee, header, rows, form=None, footer=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    r = 1
    if form:
        ws.cell(1, 6, form)
    ws.cell(1, 1, parent)
    ws.cell(2, 1, org).font = Font(bold=True)
    ws.cell(1, 4, "ĐẢNG CỘNG SẢN VIỆT NAM")
    ws.cell(2, 4, place_date)
    r = 4
    for t in title:
        ws.cell(r, 1, t).font = Font(bold=True)
        r += 1
    ws.cell(r, 1, "Kính gửi: %s" % addressee)
    r += 2
    for c, h in enumerate(header, 1):
        ws.cell(r, c, h).font = Font(bold=True)
    r += 1
    for i, row in enumerate(rows):
        ws.cell(r, 1, i + 1)
        for c, v in enumerate(row, 2):
            ws.cell(r, c, v)
        r += 1
    r += 1
    for line in footer:
        ws.cell(r, 1, line)
        r += 1
    return _xlsx_bytes(wb)


def sim_xls(parent, org, place_date, rows):
    """A real BIFF8 .xls, as Excel 2003 still writes in some offices."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.write(0, 0, parent)
    ws.write(1, 0, org)
    ws.write(0, 3, "ĐẢNG CỘNG SẢN VIỆT NAM")
    ws.write(1, 3, place_date)
    ws.write(3, 0, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ")
    ws.write(4, 0, "Kính gửi: %s" % CUC)
    for c, h in enumerate(SIM_HEADER):
        ws.write(6, c, h)
    for i, row in enumerate(rows):
        ws.write(7 + i, 0, i + 1)
        for c, v in enumerate(row, 1):
            ws.write(7 + i, c, v)
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


# --------------------------------------------------------------- PDF

def pdf_text(lines):
    """A one-page PDF whose text layer is `lines` (Type0 font, ToUnicode map,
    font not embedded: what a scanner-less office printer driver writes).
    A line that is a list is a table row: each cell is placed at its own
    column, as Word prints a table (with the cell borders drawn)."""
    chars = []
    for ln in lines:
        for cell in ([ln] if isinstance(ln, str) else ln):
            for ch in cell:
                if ch not in chars:
                    chars.append(ch)
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    ops = []
    y = 790
    for ln in lines:
        if isinstance(ln, str):
            ops.append("BT /F1 12 Tf 56 %d Td <%s> Tj ET" % (y, "".join("%04X" % code[ch] for ch in ln)))
        else:
            xs = [56, 80, 200, 300, 400, 480][:len(ln)]
            for x, cell in zip(xs, ln):
                ops.append("BT /F1 9 Tf %d %d Td <%s> Tj ET" % (x, y, "".join("%04X" % code[ch] for ch in cell)))
            ops.append("0.5 w 52 %d m 560 %d l S" % (y - 4, y - 4))
            for x in xs + [560]:
                ops.append("%d %d m %d %d l S" % (x - 4, y - 4, x - 4, y + 12))
        y -= 16
    content = "\n".join(ops).encode("ascii")
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = list(code.items())
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        cmap.append("%d beginbfchar" % len(chunk))
        for ch, c in chunk:
            cmap.append("<%04X> <%04X>" % (c, ord(ch)))
        cmap.append("endbfchar")
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    cmapb = "\n".join(cmap).encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>",
        b"<< /Type /FontDescriptor /FontName /TimesNewRomanPSMT /Flags 34 /FontBBox [-568 -307 2000 1007] /ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 >>",
        b"<< /Length %d >>\nstream\n" % len(cmapb) + cmapb + b"\nendstream",
        b"<< /Producer (Microsoft Word 2016) /CreationDate (D:20240508090000+07'00') /ModDate (D:20240508090000+07'00') >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 9 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def cover_letter_pdf(parent, org, number, place_date, subject_line, body, signer):
    lines = [parent, org, "*", "Số %s" % number, subject_line,
             "ĐẢNG CỘNG SẢN VIỆT NAM", place_date, "",
             "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi",
             "(Phòng Cơ yếu - Công nghệ thông tin)", ""]
    lines += body
    lines += ["", "Nơi nhận:", "- Như trên,", "- Lưu Văn phòng.", "",
              "T/M BAN THƯỜNG VỤ", signer[0], signer[1]]
    return pdf_text(lines)


# --------------------------------------------------------------- PAdES

def _certs(org):
    """A test root named like the government CA and a signer of `org`
    (fixed serials and dates; RSA PKCS#1 v1.5 is deterministic)."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
    import testkeys
    rk = serialization.load_pem_private_key(testkeys.ROOT_KEY, None)
    lk = serialization.load_pem_private_key(testkeys.LEAF_KEY, None)
    rn = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA phục vụ các cơ quan Đảng G2 (blind6 test)"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ban Cơ yếu Chính phủ"),
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    ln = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                    x509.NameAttribute(NameOID.LOCALITY_NAME, "Quảng Ngãi"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                    x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "VĂN PHÒNG"),
                    x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn Hùng")])
    t0 = datetime.datetime(2023, 11, 24)
    root = (x509.CertificateBuilder().subject_name(rn).issuer_name(rn).public_key(rk.public_key())
            .serial_number(0x6B1A0001).not_valid_before(datetime.datetime(2020, 1, 1))
            .not_valid_after(datetime.datetime(2040, 1, 1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(rk, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(ln).issuer_name(rn).public_key(lk.public_key())
            .serial_number(0x6B1A0F02).not_valid_before(t0).not_valid_after(datetime.datetime(2028, 11, 22))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(rk, hashes.SHA256()))
    return root, leaf, lk


def sign_pdf(pdf, org, tamper=False):
    """An incremental update adding an adbe.pkcs7.detached signature (no
    signed attributes, so the same bytes every run) by a signer of `org`.
    tamper: change one signed byte afterwards (the digest no longer holds)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7
    root, leaf, key = _certs(org)
    m = re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf)
    prev = int(m.group(1))
    page = re.search(rb"3 0 obj\n(<<.*?)>>\nendobj", pdf, re.S).group(1)
    cat = re.search(rb"1 0 obj\n(<<.*?)>>\nendobj", pdf, re.S).group(1)
    size = 8192
    objs = {
        1: cat + b"/AcroForm << /Fields [11 0 R] /SigFlags 3 >> >>",
        3: page + b"/Annots [11 0 R] >>",
        10: (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
             b"/ByteRange [0000000000 0000000000 0000000000 0000000000] "
             b"/M (D:20240508090000+07'00') /Name (Nguyen Van Hung) /Contents <" + b"0" * (2 * size) + b"> >>"),
        11: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V 10 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R >>",
    }
    out = bytearray(pdf)
    offs = {}
    for n in sorted(objs):
        offs[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n3 1\n%010d 00000 n \n10 2\n" % (offs[1], offs[3])
    out += b"%010d 00000 n \n%010d 00000 n \n" % (offs[10], offs[11])
    out += b"trailer\n<< /Size 12 /Root 1 0 R /Info 9 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
    a = out.index(b"/Contents <", offs[10]) + len(b"/Contents ")
    b = a + 2 * size + 2
    br = b"[%010d %010d %010d %010d]" % (0, a, b, len(out) - b)
    i = out.index(b"[0000000000 0000000000 0000000000 0000000000]")
    out[i:i + len(br)] = br
    data = bytes(out[:a]) + bytes(out[b:])
    cms = (pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(leaf, key, hashes.SHA256())
           .add_certificate(root)
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary,
                                              pkcs7.PKCS7Options.NoAttributes]))
    hx = cms.hex().upper().encode()
    assert len(hx) <= 2 * size
    out[a + 1:a + 1 + len(hx)] = hx
    if tamper:
        j = out.index(b"Microsoft Word 2016")
        out[j:j + 19] = b"Microsoft Word 2019"
    return bytes(out)
