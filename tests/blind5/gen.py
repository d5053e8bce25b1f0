"""Document and mail builders for blind set 5 (written without reading hotrocks).

Everything here is deterministic: fixed dates in zip entries and document
properties, fixed boundaries and Message-IDs, so the bytes (and the sha256
of every attachment) are the same on every run.
"""
import base64
import io
import quopri
import re
import struct
import subprocess
import zipfile
import zlib
from urllib.parse import quote

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

FIXED = (2024, 5, 8, 8, 0, 0)
FIXED_W3C = "2024-05-08T01:00:00Z"

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


def iccid(issuer, serial):
    """A valid Vietnamese ICCID, 19 digits: 89 84 II + 12 digits + Luhn."""
    body = "8984" + issuer + ("%012d" % serial)
    return body + luhn_digit(body)


VT, VN, MB = "04", "02", "01"   # Viettel, VinaPhone, MobiFone issuers


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


# --------------------------------------------------------------- zip


def fixzip(data):
    """Re-pack an OOXML package with fixed entry dates and core dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", FIXED_W3C.encode(), blob)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, blob)
    return out.getvalue()


# --------------------------------------------------------------- legacy fonts

def tcvn3(s):
    """Unicode -> the characters a .VnTime run stores (TCVN3 bytes read as cp1252).

    glibc's TCVN5712-1 table places the lower-case letters where TCVN3 (VN3)
    fonts have them; upper-case letters with tone marks have no VN3 code, so
    the texts given here avoid them (capitals are typed with .VnTimeH).
    """
    b = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=s.encode("utf-8"),
                       stdout=subprocess.PIPE, check=True).stdout
    assert all(x >= 0x20 or x in (9, 10) for x in b), "no VN3 code in %r" % s
    return b.decode("cp1252")


def tcvn3_caps(s):
    """Upper-case text as typed in .VnTimeH: the lower-case codes of VN3."""
    return tcvn3(s.lower())


_VNI_BASE = {
    "â": "aâ", "ă": "aê", "ê": "eâ", "ô": "oâ", "ơ": "ô", "ư": "ö", "đ": "ñ",
    "Â": "AÂ", "Ă": "AÊ", "Ê": "EÂ", "Ô": "OÂ", "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ",
}
# tone marks after a plain vowel, and after a circumflex / breve vowel
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_TONE_CIRC = {"\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_TONE_BREVE = {"\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
          "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò"}


def vni(s):
    """Unicode -> the characters a VNI-Times run stores (VNI bytes read as cp1252)."""
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in _VNI_I:
            out.append(_VNI_I[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        tones = [c for c in d if c in _VNI_TONE]
        tone = tones[0] if tones else None
        d = "".join(c for c in d if c not in _VNI_TONE)
        base = unicodedata.normalize("NFC", d)
        if base in _VNI_BASE:
            enc = _VNI_BASE[base]
        elif len(base) == 1 and ord(base) < 128:
            enc = base
        else:
            raise ValueError("no VNI code for %r" % ch)
        if tone:
            up = base.isupper()
            if base in "âêôÂÊÔ":
                t = _VNI_TONE_CIRC[tone]
                enc = enc[:-1] + (t.upper() if up else t)
            elif base in "ăĂ":
                t = _VNI_TONE_BREVE[tone]
                enc = enc[:-1] + (t.upper() if up else t)
            else:
                t = _VNI_TONE[tone]
                enc = enc + (t.upper() if up else t)
        out.append(enc)
    return "".join(out)


# --------------------------------------------------------------- DOCX

def _docx_new():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    cp = d.core_properties
    import datetime
    t = datetime.datetime(2024, 5, 8, 1, 0, 0)
    cp.created = t
    cp.modified = t
    cp.last_printed = t
    cp.author = "VP"
    cp.last_modified_by = "VP"
    cp.revision = 1
    return d


def _para(d, text, bold=False, center=False, font=None):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if font:
        r.font.name = font
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(cell, text, font=None, bold=False):
    cell.text = ""
    lines = str(text).split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.bold = bold
        if font:
            r.font.name = font


def docx_doc(head_left, head_right, body_before, table, body_after=(), font=None, head_font=None):
    """A Word document: a two-column letterhead table, paragraphs, one data
    table (list of rows, first is the header), paragraphs after.

    head_left / head_right: lists of lines.  body_before / body_after: lists
    of (text, bold, center[, font]).  font: run font for everything but the head;
    head_font for the letterhead (e.g. .VnTimeH)."""
    d = _docx_new()
    if head_left or head_right:
        t = d.add_table(rows=1, cols=2)
        _cell(t.rows[0].cells[0], "\n".join(head_left), font=head_font or font, bold=True)
        _cell(t.rows[0].cells[1], "\n".join(head_right), font=head_font or font, bold=True)
    for item in body_before:
        _para(d, item[0], item[1], item[2], item[3] if len(item) > 3 else font)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        t.style = "Table Grid"
        for i, r in enumerate(table):
            for j, v in enumerate(r):
                _cell(t.rows[i].cells[j], v, font=font, bold=(i == 0))
    for item in body_after:
        _para(d, item[0], item[1], item[2], item[3] if len(item) > 3 else font)
    buf = io.BytesIO()
    d.save(buf)
    return fixzip(buf.getvalue())


# --------------------------------------------------------------- XLSX

def xlsx_doc(top_lines, table, font=None, numeric=None, top_font=None):
    """An Excel sheet: top_lines (one text per row, merged across), then the
    table.  numeric: {(row_index, col_index): value} overrides a cell with a
    number (row_index in table, 0 = header)."""
    wb = openpyxl.Workbook()
    import datetime
    t = datetime.datetime(2024, 5, 8, 1, 0, 0)
    wb.properties.created = t
    wb.properties.modified = t
    wb.properties.creator = "VP"
    ws = wb.active
    ws.title = "Sheet1"
    ncol = len(table[0])
    f = Font(name=font or "Times New Roman", size=12)
    fb = Font(name=font or "Times New Roman", size=12, bold=True)
    ft = Font(name=top_font, size=12, bold=True) if top_font else fb
    r = 1
    for line in top_lines:
        ws.cell(row=r, column=1, value=line).font = ft
        if ncol > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        r += 1
    if top_lines:
        r += 1
    for i, row in enumerate(table):
        for j, v in enumerate(row):
            if numeric and (i, j) in numeric:
                v = numeric[(i, j)]
            c = ws.cell(row=r, column=j + 1, value=v)
            c.font = fb if i == 0 else f
            c.alignment = Alignment(wrap_text=True)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                c.number_format = "0"
        r += 1
    for j in range(ncol):
        ws.column_dimensions["ABCDEFGHIJ"[j]].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return fixzip(buf.getvalue())


# --------------------------------------------------------------- PDF

def _pdf_assemble(objs):
    """objs: list of bytes (object bodies, numbered from 1).  Returns a PDF."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, len(objs), xref))
    return bytes(out)


def _stream(data, extra=b""):
    z = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(z), extra) + z + b"\nendstream"


def pdf_text(pages, title="Document"):
    """A PDF whose text layer is `pages` (each a list of (x, y, size, text)).

    The font is the standard Helvetica with a ToUnicode map: every character
    outside ASCII gets a code from 0x80 on, mapped back to Unicode, which is
    what a text extractor reads."""
    codes = {}
    for page in pages:
        for _, _, _, text in page:
            for ch in text:
                if ord(ch) >= 128 and ch not in codes:
                    codes[ch] = 0x80 + len(codes)
    assert len(codes) <= 128, "too many distinct characters"
    npages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 tounicode, then per page: page, content; then info
    objs = [None] * (4 + 2 * npages + 1)
    kids = " ".join("%d 0 R" % (5 + 2 * i) for i in range(npages))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [" + kids.encode() + b"] /Count %d >>" % npages
    objs[2] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>"
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<00> <FF>", "endcodespacerange",
            "1 beginbfrange", "<20> <7E> <0020>", "endbfrange"]
    items = sorted(codes.items(), key=lambda kv: kv[1])
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        cmap.append("%d beginbfchar" % len(chunk))
        for ch, c in chunk:
            cmap.append("<%02X> <%04X>" % (c, ord(ch)))
        cmap.append("endbfchar")
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    objs[3] = _stream("\n".join(cmap).encode())
    for i, page in enumerate(pages):
        ops = []
        for x, y, size, text in page:
            enc = bytes(codes[ch] if ord(ch) >= 128 else ord(ch) for ch in text)
            ops.append("BT /F1 %d Tf %d %d Td <%s> Tj ET" % (size, x, y, enc.hex().upper()))
        objs[4 + 2 * i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                           b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i))
        objs[5 + 2 * i] = _stream("\n".join(ops).encode())
    objs[-1] = (b"<< /Producer (vSignPDF-like test writer) /CreationDate (D:20240508080000+07'00') "
                b"/ModDate (D:20240508080000+07'00') >>")
    return _pdf_assemble(objs)


def pdf_scan(w=420, h=594):
    """A scanned page: one grey image, no text at all (as a copier makes it)."""
    px = bytearray()
    for y in range(h):
        for x in range(w):
            v = 235
            # ruled table lines and "ink" blotches where text would be
            if y % 22 == 0 and 60 < y < 420 and 30 < x < 390:
                v = 40
            elif x in (30, 70, 170, 260, 390) and 60 < y < 420:
                v = 40
            elif (y % 22) in (8, 9, 10, 11, 12) and 60 < y < 420 and ((x * 7 + y * 3) % 11) < 6 and 35 < x < 385:
                v = 90
            elif 20 < y < 45 and 100 < x < 320 and ((x + y) % 5) < 3:
                v = 70
            px.append(v)
    objs = [None] * 6
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>")
    objs[3] = _stream(bytes(px), b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                      b"/ColorSpace /DeviceGray /BitsPerComponent 8 " % (w, h))
    objs[4] = _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q")
    objs[5] = b"<< /Producer (Canon iR-ADV C3520 PDF) /CreationDate (D:20240508080000+07'00') >>"
    return _pdf_assemble(objs)


def png_photo(w=240, h=320):
    """A phone photo of a printed list, as PNG (what iOS sends for a screenshot)."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            v = 230 - (x + y) // 8
            if y % 18 == 0 and 40 < y < 280 and 20 < x < 220:
                v = 30
            elif (y % 18) in (6, 7, 8, 9) and 40 < y < 280 and ((x * 5 + y) % 9) < 5 and 25 < x < 215:
                v = 60
            raw += bytes([v, v, max(v - 10, 0)])

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------- encrypted OOXML (CFB)

def cfb_encrypted(payload_len=6000):
    """An Office-encrypted package: a compound file holding EncryptionInfo and
    EncryptedPackage, as Excel writes a password-protected .xlsx."""
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00"
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
            b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
            b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
            b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
            b'saltValue="AAECAwQFBgcICQoLDA0ODw=="/>'
            b'<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
            b'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
            b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
            b'saltValue="EBESExQVFhcYGRobHB0eHw=="/></keyEncryptor></keyEncryptors></encryption>')
    info = info + b" " * (4096 - len(info))          # keep it out of the mini stream
    pkg = struct.pack("<Q", payload_len - 8)
    x = 0x1234567
    while len(pkg) < payload_len:
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        pkg += bytes([x >> 16 & 0xFF])
    SEC = 512
    FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD

    def nsec(n):
        return (n + SEC - 1) // SEC
    s_info = 2
    s_pkg = s_info + nsec(len(info))
    total = s_pkg + nsec(len(pkg))
    fat = [FREE] * 128
    fat[0] = FATSECT
    fat[1] = END
    for start, n in ((s_info, nsec(len(info))), (s_pkg, nsec(len(pkg)))):
        for k in range(n):
            fat[start + k] = start + k + 1 if k < n - 1 else END
    assert total <= 128

    def dirent(name, typ, child=FREE, left=FREE, right=FREE, start=END, size=0):
        n = (name + "\0").encode("utf-16-le")
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
                + struct.pack("<III", left, right, child) + b"\0" * 16 + b"\0" * 4
                + b"\0" * 16 + struct.pack("<IQ", start, size))
    dirs = (dirent("Root Entry", 5, child=1)
            + dirent("EncryptionInfo", 2, right=2, start=s_info, size=len(info))
            + dirent("EncryptedPackage", 2, start=s_pkg, size=len(pkg))
            + b"\0" * 128)
    hdr = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
           + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
           + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
           + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    assert len(hdr) == 512
    body = struct.pack("<128I", *fat) + dirs
    body += info.ljust(nsec(len(info)) * SEC, b"\0")
    body += pkg.ljust(nsec(len(pkg)) * SEC, b"\0")
    return hdr + body


# --------------------------------------------------------------- MIME

def b64lines(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text):
    return quopri.encodestring(text.replace("\r\n", "\n").encode("utf-8")).decode("ascii")


def _chunks(s, maxbytes):
    out, cur = [], b""
    for ch in s:
        b = ch.encode("utf-8")
        if cur and len(cur) + len(b) > maxbytes:
            out.append(cur)
            cur = b""
        cur += b
    if cur:
        out.append(cur)
    return out


def ew_b(s, maxbytes=33, charset="UTF-8", fold="\n "):
    """RFC 2047 B words, split on character (not word) boundaries."""
    if all(ord(c) < 128 for c in s):
        return s
    return fold.join("=?%s?B?%s?=" % (charset, base64.b64encode(c).decode()) for c in _chunks(s, maxbytes))


def _q(b):
    out = []
    for x in b:
        c = chr(x)
        if c == " ":
            out.append("_")
        elif c.isalnum() and x < 128 or c in "!*+-/":
            out.append(c)
        else:
            out.append("=%02X" % x)
    return "".join(out)


def ew_q(s, maxbytes=20, charset="utf-8", fold="\n "):
    if all(ord(c) < 128 for c in s):
        return s
    return fold.join("=?%s?Q?%s?=" % (charset, _q(c)) for c in _chunks(s, maxbytes))


def rfc2231(param, value, width=40):
    enc = quote(value.encode("utf-8"), safe="!#$&+-.^_`|~")
    parts = [enc[i:i + width] for i in range(0, len(enc), width)]
    # never split a %XX escape
    fixed, carry = [], ""
    for p in parts:
        p = carry + p
        carry = ""
        m = re.search(r"%[0-9A-F]?$", p)
        if m:
            carry = p[m.start():]
            p = p[:m.start()]
        fixed.append(p)
    if carry:
        fixed[-1] += carry
    if len(fixed) == 1:
        return "%s*=UTF-8''%s" % (param, fixed[0])
    return ";\n ".join("%s*%d*=%s%s" % (param, i, "UTF-8''" if i == 0 else "", p) for i, p in enumerate(fixed))


CT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "doc": "application/msword",
}


def ctype_of(name):
    ext = name.rsplit(".", 1)[-1].lower()
    return CT.get(ext, "application/octet-stream")


def attach_part(style, name, data, ctype=None):
    ct = ctype or ctype_of(name)
    if style == "ol":
        enc = ew_b(name, 40, "utf-8", "\n\t")
        h = ('Content-Type: %s;\n\tname="%s"\nContent-Description: %s\n'
             'Content-Disposition: attachment;\n\tfilename="%s"; size=%d;\n'
             '\tcreation-date="Wed, 08 May 2024 01:55:12 GMT";\n'
             '\tmodification-date="Wed, 08 May 2024 02:03:40 GMT"\n'
             'Content-Transfer-Encoding: base64\n' % (ct, enc, enc, enc, len(data)))
    elif style == "tb":
        h = ('Content-Type: %s;\n %s\nContent-Disposition: attachment;\n %s\n'
             'Content-Transfer-Encoding: base64\n' % (ct, rfc2231("name", name), rfc2231("filename", name)))
    elif style == "gm":
        aid = "f_lw%08x" % (len(data) * 2654435761 & 0xFFFFFFFF)
        h = ('Content-Type: %s; \n\tname="%s"\nContent-Disposition: attachment; \n\tfilename="%s"\n'
             'Content-Transfer-Encoding: base64\nContent-ID: <%s>\nX-Attachment-Id: %s\n'
             % (ct, ew_b(name, 45, "UTF-8", "\n\t"), ew_b(name, 45, "UTF-8", "\n\t"), aid, aid))
    elif style == "zm":
        h = ('Content-Type: %s; name="%s"\nContent-Disposition: attachment; filename="%s"\n'
             'Content-Transfer-Encoding: base64\n' % (ct, ew_q(name, 24), ew_q(name, 24)))
    elif style == "raw":     # 8-bit UTF-8 straight in the header, as some webmails do
        h = ('Content-Type: %s; name="%s"\nContent-Disposition: attachment; filename="%s"\n'
             'Content-Transfer-Encoding: base64\n' % (ct, name, name))
    elif style == "ip":
        h = ('Content-Type: %s;\n\tx-unix-mode=0644;\n\tname="%s"\nContent-Disposition: inline;\n\t%s\n'
             'Content-Transfer-Encoding: base64\n' % (ct, ew_b(name, 40, "utf-8", "\n\t"),
                                                    rfc2231("filename", name, 60).replace("UTF-8", "utf-8")))
    else:
        raise ValueError(style)
    return h + "\n" + b64lines(data) + "\n"


def html_of(text):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<div>" + "</div>\n<div>".join(l if l else "<br>" for l in esc.split("\n")) + "</div>"


def message(client, frm, subject, date, msgid, text, attachments=(), html=None,
            extra_headers=(), to="HotroCKS@quangngai.dcs.vn", rfc822=None, crlf=True, seq=0):
    """Build one message the way `client` writes it.

    attachments: list of (filename, bytes).  rfc822: bytes of a message to
    attach as message/rfc822 (a forward as attachment)."""
    disp, addr = frm
    bnd = {
        "ol": "_004_SG2PR01MB%04dAPCP%s_" % (seq, "_" * 0),
        "tb": "------------%012d%012d" % (seq * 7919, seq * 104729),
        "gm": "000000000000%04x%012x" % (seq, seq * 998244353 % (1 << 48)),
        "zm": "=_%08x-%04x-4b1c-9e2a-%012x" % (seq * 2654435761 & 0xFFFFFFFF, seq, seq * 31337),
        "ip": "Apple-Mail-%08X-%04X-4C5B-8D6E-%012X" % (seq * 40503, seq, seq * 65537),
    }[client]
    alt = bnd.replace("004", "005").replace("Apple-Mail-", "Apple-Mail-A") + "alt"
    h = []
    name_enc = {"ol": lambda s: ew_b(s, 30, "utf-8"), "tb": lambda s: ew_b(s, 40),
                "gm": lambda s: ew_b(s, 45), "zm": lambda s: ew_q(s, 30, "utf-8"),
                "ip": lambda s: ew_q(s, 30, "utf-8")}[client]
    subj_enc = {"ol": lambda s: ew_b(s, 30, "utf-8"), "tb": lambda s: ew_b(s, 33),
                "gm": lambda s: ew_b(s, 45), "zm": lambda s: ew_q(s, 22, "utf-8"),
                "ip": lambda s: ew_q(s, 30, "utf-8")}[client]
    h.append("From: %s <%s>" % (name_enc(disp) if not disp.isascii() else '"%s"' % disp, addr) if disp else "From: %s" % addr)
    h.append("To: %s" % to)
    h.append("Subject: %s" % subj_enc(subject))
    h.append("Date: %s" % date)
    h.append("Message-ID: %s" % msgid)
    h.extend(extra_headers)
    if client == "ol":
        h += ["Thread-Topic: %s" % subj_enc(subject), "Thread-Index: AdqhB3kZ8p2sQm1uTFa0%04dg==" % seq,
              "Accept-Language: vi-VN, en-US", "Content-Language: vi-VN",
              "X-MS-Has-Attach: %s" % ("yes" if attachments or rfc822 else ""), "X-Mailer: Microsoft Outlook 16.0"]
    elif client == "tb":
        h += ["User-Agent: Mozilla Thunderbird", "Content-Language: vi"]
    elif client == "zm":
        h += ["X-Mailer: Zimbra 8.8.15_GA_4545 (ZimbraWebClient - GC124 (Win)/8.8.15_GA_4545)",
              "X-Originating-IP: [10.68.1.%d]" % (20 + seq), "Thread-Topic: %s" % subj_enc(subject),
              "Thread-Index: 7zQx%04dAbCd" % seq]
    elif client == "ip":
        h += ["X-Mailer: iPhone Mail (21E236)"]
    h.append("MIME-Version: 1.0")

    if client == "tb":
        textpart = ("Content-Type: text/plain; charset=UTF-8; format=flowed\n"
                    "Content-Transfer-Encoding: 8bit\n\n" + text + "\n")
    elif client == "ip":
        textpart = ("Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                    + qp(text) + "\n")
    else:
        hb = html if html is not None else html_of(text)
        if client == "ol":
            hb = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
                  '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                  '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head>'
                  '<body lang="EN-US" link="#0563C1"><div class="WordSection1">' + hb + '</div></body></html>')
        elif client == "gm":
            hb = '<div dir="ltr">' + hb + "</div>"
        else:
            hb = "<html><body><div style=\"font-family: times new roman, new york, times, serif; font-size: 12pt; color: #000000\">" + hb + "</div></body></html>"
        cs = "UTF-8" if client == "gm" else "utf-8"
        textpart = ("Content-Type: multipart/alternative; boundary=\"%s\"\n\n--%s\n"
                    "Content-Type: text/plain; charset=\"%s\"\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
                    "--%s\nContent-Type: text/html; charset=\"%s\"\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
                    "--%s--\n" % (alt, alt, cs, qp(text), alt, cs, qp(hb), alt))
    parts = []
    for fname, data in attachments:
        style, ct = client, None
        if isinstance(fname, tuple):
            fname, style, ct = (fname + (None,))[:3]
        parts.append(attach_part(style, fname, data, ct))
    if rfc822 is not None:
        inner = rfc822.decode("utf-8").replace("\r\n", "\n")
        parts.append('Content-Type: message/rfc822; name="%s"\nContent-Disposition: attachment; filename="%s"\n'
                     "Content-Transfer-Encoding: 8bit\n\n%s\n" % ("forwarded.eml", "forwarded.eml", inner))
    if client == "ip" and parts:
        parts.append("Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                     + qp("\n\nGửi từ iPhone của tôi") + "\n")
    if not parts:
        body = textpart
        hdr = "\n".join(h) + "\n" + body
    else:
        mixed = "\n".join("--%s\n%s" % (bnd, p) for p in [textpart] + parts) + "\n--%s--\n" % bnd
        hdr = "\n".join(h) + "\nContent-Type: multipart/mixed;\n\tboundary=\"%s\"\n\n" % bnd
        if client != "ip":
            hdr += "This is a multi-part message in MIME format.\n"
        hdr += mixed
    out = hdr.encode("utf-8")
    if crlf:
        out = out.replace(b"\n", b"\r\n")
    return out
