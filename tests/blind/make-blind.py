#!/usr/bin/env python3
"""Blind test set for hotrocks: realistic SIM PKI activation submissions
(Phụ lục 3 of letter 1871-CV/VPTU) as units of the Quảng Ngãi party
apparatus would mail them to HotroCKS@quangngai.dcs.vn.

usage: make-blind.py OUTDIR

Writes OUTDIR/*.eml and OUTDIR/expected.json.  Standard library only; the
output is byte-for-byte deterministic.
"""
import hashlib
import json
import os
import sys
import unicodedata

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ooxml import (Docx, Xlsx, C, RUN_SPLIT, LINE_BREAK, col_letter,  # noqa: E402
                   ST_HEAD, ST_BORDER, ST_TEXT, ST_PHONEFMT, ST_QUOTE, ST_TITLE,
                   ST_ITALIC, ST_BOLD)
from mime import (ew, rfc2231, b64, qp, finish, DOCX_CT, XLSX_CT)  # noqa: E402

CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
KG_CUC = "Kính gửi: " + CUC
MAILBOX = "HotroCKS@quangngai.dcs.vn"

# ------------------------------------------------------------ numbers
CARRIER = {}
for p in ("086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"):
    CARRIER[p] = "viettel"
for p in ("088", "091", "094", "081", "082", "083", "084", "085"):
    CARRIER[p] = "vinaphone"
for p in ("089", "090", "093", "070", "076", "077", "078", "079"):
    CARRIER[p] = "mobifone"
ISSUER = {"01": "mobifone", "02": "vinaphone", "04": "viettel"}


def carrier_of(phone84):
    return CARRIER.get("0" + phone84[2:4]) if phone84 else None


def luhn_ok(d):
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def luhn_digit(payload):
    for c in "0123456789":
        if luhn_ok(payload + c):
            return c


def _digits(tag, n):
    s = str(int(hashlib.sha256(tag.encode()).hexdigest(), 16))
    return s[:n]


def iccid(tag, issuer, length=19, prefix="8984"):
    body = prefix + issuer
    body += _digits(tag, length - 1 - len(body))
    return body + luhn_digit(body)


def bad_luhn(d):
    last = str((int(d[-1]) + 3) % 10)
    out = d[:-1] + last
    assert not luhn_ok(out)
    return out


def fmt(d, style):
    if style == "sp4":
        return " ".join(d[i:i + 4] for i in range(0, len(d), 4))
    if style == "dash4":
        return "-".join(d[i:i + 4] for i in range(0, len(d), 4))
    if style == "nbsp4":
        return "\u00a0".join(d[i:i + 4] for i in range(0, len(d), 4))
    if style == "sp5":
        return " ".join(d[i:i + 5] for i in range(0, len(d), 5))
    return d


def excel_number(d):
    """What Excel keeps in <v> when a long digit string became a number."""
    return format(float(int(d)), ".17G")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def fold(s):
    return " ".join(nfc(s).replace(RUN_SPLIT, "").replace(LINE_BREAK, " ").split())


# ------------------------------------------------------------ rows
class Row:
    """A submitted row: raw values as typed, and the expected verdict."""

    def __init__(self, tt, phone_raw, phone, iccid_raw, iccid_exp, name_raw, pos_raw,
                 errors=(), warnings=(), uncertain=None, note="", **over):
        self.tt = tt
        self.phone_raw, self.iccid_raw = phone_raw, iccid_raw
        self.name_raw, self.pos_raw, self.note = name_raw, pos_raw, note
        self.exp = {
            "index": tt,
            "phone": phone,
            "iccid": iccid_exp,
            "name": fold(name_raw) if name_raw else None,
            "position": fold(pos_raw) if pos_raw else None,
            "carrier": carrier_of(phone),
            "errors": sorted(errors),
            "warnings": sorted(warnings),
        }
        self.exp.update(over)
        if uncertain:
            self.exp["uncertain"] = uncertain

    def raw(self, field):
        return {"tt": self.tt, "phone": self.phone_raw, "iccid": self.iccid_raw,
                "name": self.name_raw, "pos": self.pos_raw, "note": self.note}[field]


def ok(tt, phone_raw, phone, issuer, length, style, tag, name, pos, warnings=(), **kw):
    """A row whose ICCID is valid and issued by the phone's carrier."""
    d = iccid(tag, issuer, length)
    assert ISSUER[issuer] == carrier_of(phone), (tag, issuer, phone)
    return Row(tt, phone_raw, phone, fmt(d, style), d, name, pos, warnings=warnings, **kw)


ALL_ROWS = []


def expected_doc(filename, fmt_, organization, addressee, rows, errors=(), warnings=(),
                 kind="sim_activation", uncertain=None, extra=None):
    ALL_ROWS.extend(rows or [])
    doc = {"filename": filename, "format": fmt_, "kind": kind,
           "organization": organization, "errors": sorted(errors),
           "warnings": sorted(warnings)}
    if addressee is not None:
        doc["addressee"] = addressee
    if rows is not None:
        doc["rows"] = [r.exp for r in rows]
    if uncertain:
        doc["uncertain"] = uncertain
    if extra:
        doc.update(extra)
    return doc


# ------------------------------------------------------------ documents
PARTY = [("ĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True, "underline": True})]
REPUBLIC = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "underline": True})]


def sim_docx(left, right, date_line, titles, kinh_gui, headers, cols, rows, *,
             pre=(), post=(), number_row=None, widths=None, creator="Admin",
             signer=("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "")):
    d = Docx(creator=creator)
    d.header_block(left, list(right) + [(date_line, {"italic": True})])
    d.p("")
    for t in pre:
        d.p(t, indent=True)
    for i, t in enumerate(titles):
        d.p(t, center=True, bold=True)
    if kinh_gui:
        d.p("")
        d.p(kinh_gui, center=True)
    d.p("")
    table = [headers]
    if number_row:
        table.append([{"text": n, "italic": True, "bold": False, "center": True} for n in number_row])
    for r in rows:
        line = []
        for c in cols:
            v = r.raw(c)
            line.append("" if v is None else str(v))
        table.append(line)
    widths = widths or [700, 1800, 2500, 2400, 2600][:len(headers)] + [1500] * (len(headers) - 5)
    d.table(table, widths, header_rows=1 + (1 if number_row else 0), center_cols=(0,))
    d.p("")
    for t in post:
        d.p(t, indent=True)
    d.p("")
    d.header_block(["Nơi nhận:", "- Như trên,", "- Lưu VP."], list(signer))
    return d.build()


def put(cells, r, c, v, s=0, inline=False):
    if isinstance(v, C):
        if not v.s and s:
            v.s = s
        cells[(r, c)] = v
    elif isinstance(v, int):
        cells[(r, c)] = C(str(v), "n", s)
    elif v is None or v == "":
        cells[(r, c)] = C("", "blank", s)
    else:
        cells[(r, c)] = C(v, "is" if inline else "s", s)


def sim_xlsx(left, right, titles, kinh_gui, headers, cols, rows, *, table_row=8,
             widths=None, stt_formula=False, inline=False, number_row=False,
             footer=True, blank_rows=0, extra_sheets=(), sheetname="Sheet1",
             two_row_header=None, creator="Admin", app="Microsoft Excel",
             col_styles=None):
    X = Xlsx(creator=creator, app=app)
    n = len(headers)
    cells, merges = X.sheet(sheetname, widths or [6, 18, 28, 26, 34] + [20] * (n - 5))
    last = col_letter(n)
    mid = 3 if n >= 5 else 2
    r = 1
    for line in left:
        put(cells, r, 1, line, ST_BOLD if r == 2 or len(left) == 1 else 0, inline)
        merges.append("A%d:%s%d" % (r, col_letter(mid - 1 if n > 5 else 2), r))
        r += 1
    r = 1
    for line in right:
        put(cells, r, mid + 1 if n > 5 else 4, line, ST_BOLD if r == 1 else ST_ITALIC, inline)
        merges.append("%s%d:%s%d" % (col_letter(mid + 1 if n > 5 else 4), r, last, r))
        r += 1
    r = max(len(left), len(right)) + 2
    for t in titles:
        put(cells, r, 1, t, ST_TITLE, inline)
        merges.append("A%d:%s%d" % (r, last, r))
        r += 1
    if kinh_gui:
        put(cells, r, 1, kinh_gui, ST_ITALIC, inline)
        merges.append("A%d:%s%d" % (r, last, r))
        r += 1
    assert r <= table_row, (r, table_row)
    hr = table_row
    if two_row_header:
        top, bottom, hmerges = two_row_header
        for c, v in enumerate(top, 1):
            put(cells, hr, c, v, ST_HEAD, inline)
        for c, v in enumerate(bottom, 1):
            put(cells, hr + 1, c, v, ST_HEAD, inline)
        merges.extend(hmerges)
        hr += 1
    else:
        for c, v in enumerate(headers, 1):
            put(cells, hr, c, v, ST_HEAD, inline)
    r = hr + 1
    if number_row:
        for c in range(1, n + 1):
            put(cells, r, c, c, ST_HEAD)
        r += 1
    first = r
    for i, row in enumerate(rows):
        for c, f in enumerate(cols, 1):
            v = row.raw(f)
            style = (col_styles or {}).get(f, ST_BORDER)
            if f == "tt" and stt_formula and i > 0:
                v = C(str(row.tt), "f", ST_BORDER, f="A%d+1" % (r - 1))
            put(cells, r, c, v, style, inline)
        r += 1
    for i in range(blank_rows):
        put(cells, r, 1, len(rows) + i + 1, ST_BORDER)
        for c in range(2, n + 1):
            put(cells, r, c, "", ST_BORDER)
        r += 1
    if footer:
        r += 1
        put(cells, r, 2, "Người lập biểu", ST_BOLD, inline)
        title, role = footer if isinstance(footer, tuple) else ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")
        put(cells, r, 4, title, ST_BOLD, inline)
        if role:
            put(cells, r + 1, 4, role, ST_BOLD, inline)
        put(cells, r + 5, 2, "Nguyễn Thị Thanh Trúc", ST_BOLD, inline)
        put(cells, r + 5, 4, "Lê Văn Thành", ST_BOLD, inline)
    for name in extra_sheets:
        X.sheet(name)
    return X.build()


# ------------------------------------------------------------ mail shapes
def b64_lines(data, width=76):
    return b64(data, width)


def att_outlook(filename, ct, data):
    name = "\n\t".join(ew(filename)) if not filename.isascii() else filename
    return ("Content-Type: %s; name=\"%s\"\nContent-Description: %s\n"
            "Content-Disposition: attachment;\n\tfilename=\"%s\"; size=%d;\n"
            "\tcreation-date=\"Mon, 06 May 2024 01:35:10 GMT\";\n"
            "\tmodification-date=\"Mon, 06 May 2024 01:41:12 GMT\"\n"
            "Content-Transfer-Encoding: base64\n\n%s\n"
            % (ct, name, " ".join(ew(filename)) if not filename.isascii() else filename,
               name, len(data), b64_lines(data)))


def outlook(frm, to, subject, date, msgid, body, atts, extra="", inline_img=None,
            idx="AdqfX2bS8Q1KzTuyRc2x1Zk9vN4gAw=="):
    tag = hashlib.md5(msgid.encode()).hexdigest()
    outer, alt, rel = "_004_%s_" % tag[:24].upper(), "_000_%s_" % tag[:24].upper(), "_005_%s_" % tag[:24].upper()
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div>" + \
        "".join("<p class=\"MsoNormal\">%s</p>" % l for l in body.split("\n")) + "</div></body></html>"
    h = (extra +
         "From: %s\nTo: \"%s\" <%s>\nSubject: %s\nThread-Topic: %s\nThread-Index: %s\n"
         "Date: %s\nMessage-ID: %s\nAccept-Language: vi-VN, en-US\nContent-Language: vi-VN\n"
         "X-MS-Has-Attach: %s\nX-MS-TNEF-Correlator:\nX-Mailer: Microsoft Outlook 16.0\n"
         "Content-Type: multipart/mixed;\n\tboundary=\"%s\"\nMIME-Version: 1.0\n\n"
         % (frm, to, to, "\n ".join(ew(subject)), "\n ".join(ew(subject)), idx, date, msgid,
            "yes" if atts else "", outer))
    parts = ["--%s\nContent-Type: multipart/alternative;\n\tboundary=\"%s\"\n\n"
             "--%s\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n%s\n\n"
             "--%s\nContent-Type: text/html; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n%s\n\n"
             "--%s--\n"
             % (outer, alt, alt, b64_lines(body.encode()), alt,
                b64_lines(html.encode()), alt)]
    if inline_img:
        parts.append("\n--%s\nContent-Type: image/png; name=\"image001.png\"\n"
                     "Content-Description: image001.png\n"
                     "Content-Disposition: inline; filename=\"image001.png\"; size=%d;\n"
                     "\tcreation-date=\"Tue, 07 May 2024 02:10:00 GMT\";\n"
                     "\tmodification-date=\"Tue, 07 May 2024 02:10:00 GMT\"\n"
                     "Content-ID: <image001.png@01DAA03C.5E8B1F20>\nContent-Transfer-Encoding: base64\n\n%s\n"
                     % (outer, len(inline_img), b64_lines(inline_img)))
    for fn, ct, data in atts:
        parts.append("\n--%s\n%s" % (outer, att_outlook(fn, ct, data)))
    return h + "".join(parts) + "\n--%s--\n" % outer


def gmail(frm, subject, date, msgid, body, atts, boundary_seed):
    t = hashlib.md5(boundary_seed.encode()).hexdigest()
    outer = "000000000000" + t[:16]
    alt = "000000000000" + t[16:32]
    html = "<div dir=\"ltr\">" + "<br>".join(body.split("\n")) + "</div>"
    s = ("MIME-Version: 1.0\nDate: %s\nMessage-ID: %s\nSubject: %s\nFrom: %s\nTo: %s\n"
         "Content-Type: multipart/mixed; boundary=\"%s\"\n\n"
         "--%s\nContent-Type: multipart/alternative; boundary=\"%s\"\n\n"
         "--%s\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
         "--%s\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
         "--%s--\n"
         % (date, msgid, " ".join(ew(subject, upper=True)), frm, MAILBOX, outer, outer, alt,
            alt, qp(body), alt, qp(html), alt))
    for i, (fn, ct, data) in enumerate(atts):
        aid = "f_lvx%04d%s" % (i, t[:4])
        s += ("--%s\nContent-Type: %s; \n\tname=\"%s\"\nContent-Disposition: attachment; \n\tfilename=\"%s\"\n"
              "Content-Transfer-Encoding: base64\nContent-ID: <%s>\nX-Attachment-Id: %s\n\n%s\n"
              % (outer, ct, " ".join(ew(fn, upper=True)), " ".join(ew(fn, upper=True)), aid, aid,
                 b64_lines(data)))
    return s + "--%s--\n" % outer


def thunderbird(frm, subject, date, msgid, body, atts, chunk=None, forward_eml=None):
    t = hashlib.md5(msgid.encode()).hexdigest()
    outer = "------------" + t[:24]
    s = ("Content-Type: multipart/mixed; boundary=\"%s\"\nMessage-ID: %s\nDate: %s\nMIME-Version: 1.0\n"
         "User-Agent: Mozilla Thunderbird\nContent-Language: vi\nTo: %s\nFrom: %s\nSubject: %s\n\n"
         "This is a multi-part message in MIME format.\n"
         "--%s\nContent-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n%s\n\n"
         % (outer, msgid, date, MAILBOX, frm, "\n ".join(ew(subject, mode="Q", upper=True)), outer, body))
    for fn, ct, data in atts:
        if fn.isascii():
            np, fp = "name=\"%s\"" % fn, "filename=\"%s\"" % fn
        else:
            np = ";\n ".join(rfc2231("name", fn, chunk))
            fp = ";\n ".join(rfc2231("filename", fn, chunk))
        s += ("--%s\nContent-Type: %s;\n %s\nContent-Disposition: attachment;\n %s\n"
              "Content-Transfer-Encoding: base64\n\n%s\n\n" % (outer, ct, np, fp, b64_lines(data, 72)))
    if forward_eml:
        fn, raw = forward_eml
        s += ("--%s\nContent-Type: message/rfc822; charset=UTF-8;\n name=\"%s\"\n"
              "Content-Disposition: attachment;\n filename=\"%s\"\n\n%s\n" % (outer, fn, fn, raw))
    return s + "--%s--\n" % outer


def zimbra(frm, subject, date, msgid, body, atts, q_names=True):
    t = hashlib.md5(msgid.encode()).hexdigest()
    outer = "----=_Part_%d_%d.1714724411234" % (int(t[:6], 16), int(t[6:12], 16))
    alt = "=_%s-%s" % (t[12:20], t[20:28])
    html = "<html><body><div style=\"font-family: times new roman, new york, times, serif; font-size: 12pt; color: #000000\">" + \
        "".join("<div>%s</div>" % l for l in body.split("\n")) + "</div></body></html>"
    s = ("Date: %s\nFrom: %s\nTo: HotroCKS <%s>\nMessage-ID: %s\nSubject: %s\nMIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; \n\tboundary=\"%s\"\nX-Originating-IP: [10.60.2.15]\n"
         "X-Mailer: Zimbra 8.8.15_GA_4581 (ZimbraWebClient - GC124 (Win)/8.8.15_GA_4581)\n"
         "Thread-Topic: %s\nThread-Index: QmK3xR5tY2u1pWvQz8nA==\n\n"
         "%s\nContent-Type: multipart/alternative; \n\tboundary=\"%s\"\n\n"
         "--%s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
         "--%s\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
         "--%s--\n"
         % (date, frm, MAILBOX, msgid, " ".join(ew(subject, mode="Q")), outer,
            " ".join(ew(subject, mode="Q")), "--" + outer, alt, alt, qp(body), alt, qp(html), alt))
    for fn, ct, data in atts:
        if q_names:
            nm = " ".join(ew(fn, mode="Q")) if not fn.isascii() else fn
            s += ("\n--%s\nContent-Type: %s; name=\"%s\"\nContent-Disposition: attachment; filename=\"%s\"\n"
                  "Content-Transfer-Encoding: base64\n\n%s\n" % (outer, ct, nm, nm, b64_lines(data)))
        else:
            s += ("\n--%s\nContent-Type: %s; %s\nContent-Disposition: attachment; %s\n"
                  "Content-Transfer-Encoding: base64\n\n%s\n"
                  % (outer, ct, rfc2231("name", fn)[0], rfc2231("filename", fn)[0], b64_lines(data)))
    return s + "\n--%s--\n" % outer


def apple_mail(frm, subject, date, msgid, body, atts):
    t = hashlib.md5(msgid.encode()).hexdigest().upper()
    outer = "Apple-Mail=_%s-%s-%s-%s-%s" % (t[:8], t[8:12], t[12:16], t[16:20], t[20:32])
    s = ("From: %s\nContent-Type: multipart/mixed;\n\tboundary=\"%s\"\n"
         "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))\nSubject: %s\nDate: %s\n"
         "Message-Id: %s\nTo: %s\nX-Mailer: Apple Mail (2.3774.500.171.1.1)\n\n\n"
         "--%s\nContent-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;\n\tcharset=utf-8\n\n%s\n"
         % (frm, outer, " ".join(ew(subject, mode="Q")), date, msgid, MAILBOX, outer,
            qp(unicodedata.normalize("NFD", body))))
    for fn, ct, data in atts:
        nfd = unicodedata.normalize("NFD", fn)      # macOS keeps file names decomposed
        s += ("\n--%s\nContent-Disposition: attachment;\n\t%s\nContent-Type: %s;\n\tx-unix-mode=0644;\n\t"
              "name=\"%s\"\nContent-Transfer-Encoding: base64\n\n%s\n"
              % (outer, ";\n\t".join(rfc2231("filename", nfd, chunk=60)), ct,
                 " ".join(ew(nfd, mode="Q")), b64_lines(data)))
    return s + "\n--%s--\n" % outer


def fromh(name, addr, mode="B"):
    return "%s <%s>" % (" ".join(ew(name, mode=mode, upper=mode == "B")), addr)


# ------------------------------------------------------------ the set
def build():
    M = []          # (file name, text or bytes, crlf, expected)

    # m01 -- Outlook, Word list straight from the template, column-number row
    rows = [
        ok(1, "0983.456.112", "84983456112", "04", 19, "sp4", "m01r1", "Nguyễn Văn Hùng", "Bí thư Huyện ủy"),
        ok(2, "0914 567 223", "84914567223", "02", 19, "plain", "m01r2", "Trần Thị Thu Hà", "Phó Bí thư Thường trực Huyện ủy"),
        ok(3, "0905-678-334", "84905678334", "01", 20, "plain", "m01r3", "Lê Quang Vinh", "Trưởng Ban Tổ chức Huyện ủy"),
        ok(4, "0868345445", "84868345445", "04", 20, "sp4", "m01r4", "Phạm Ngọc Ánh", "Chánh Văn phòng Huyện ủy"),
        ok(5, "0333 789 556", "84333789556", "04", 19, "plain", "m01r5", "Võ Văn Tấn", "Phó Trưởng Ban Tuyên giáo Huyện ủy"),
    ]
    fn = "DS đề nghị kích hoạt SIM ký số - HU Bình Sơn.docx"
    data = sim_docx(["TỈNH ỦY QUẢNG NGÃI", ("HUYỆN ỦY BÌNH SƠN", {"bold": True}), "*"], PARTY,
                    "Bình Sơn, ngày 06 tháng 5 năm 2024",
                    ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC + ",",
                    ["TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
                     "Họ và tên người dùng (chủ thuê bao)", "Chức vụ (Chức vụ hiện tại)"],
                    ["tt", "phone", "iccid", "name", "pos"], rows,
                    number_row=["(1)", "(2)", "(3)", "(4)", "(5)"],
                    post=["Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM./."],
                    creator="VP Huyen uy Binh Son")
    M.append(("m01-outlook-docx-binhson.eml", outlook(
        fromh("Văn phòng Huyện ủy Bình Sơn", "vanphong.huyenuybinhson@quangngai.dcs.vn"), MAILBOX,
        "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Bình Sơn",
        "Mon, 6 May 2024 08:41:12 +0700", "<SG2PR01MB4213A1B2C3D4E5F6@SG2PR01MB4213.apcprd01.prod.outlook.com>",
        "Kính gửi Phòng Cơ yếu - CNTT, Văn phòng Tỉnh ủy,\nHuyện ủy Bình Sơn gửi danh sách đề nghị kích hoạt SIM ký số (theo Phụ lục 3, Công văn 1871-CV/VPTU).\nTrân trọng./.",
        [(fn, DOCX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "HUYỆN ỦY BÌNH SƠN", CUC, rows)]}))

    # m02 -- Zimbra, Excel list at row 8 under merged title rows, phones in
    # numeric cells (leading zero lost, shown by a 0000000000 format), an
    # old 11-digit Viettel number, STT as formulas, signature block below.
    rows = [
        ok(1, C("972345118", "n"), "84972345118", "04", 19, "sp4", "m02r1", "Huỳnh Văn Lộc", "Bí thư Đảng ủy xã"),
        ok(2, C("1693456789", "n"), "84393456789", "04", 19, "plain", "m02r2", "Đặng Thị Mỹ Dung",
           "Phó Bí thư Thường trực Đảng ủy xã", warnings=["phone_old_format"]),
        ok(3, C("942118227", "n"), "84942118227", "02", 19, "plain", "m02r3", "Nguyễn Tấn Phát",
           "Phó Bí thư Đảng ủy, Chủ tịch UBND xã"),
    ]
    fn = "Danh sách kích hoạt SIM PKI xã Bình Châu.xlsx"
    data = sim_xlsx(["ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY XÃ BÌNH CHÂU", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bình Châu, ngày 03 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["STT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=8, stt_formula=True,
                    col_styles={"phone": ST_PHONEFMT}, footer=("T/M ĐẢNG ỦY", "BÍ THƯ"))
    M.append(("m02-zimbra-xlsx-row8-numeric-phones.eml", zimbra(
        fromh("Đảng ủy xã Bình Châu", "dangUybinhchau@quangngai.dcs.vn", "Q"),
        "Gửi DS kích hoạt SIM ký số Đảng ủy xã Bình Châu", "Fri, 3 May 2024 15:20:11 +0700 (ICT)",
        "<1538260147.1029384.1714724411234.JavaMail.zimbra@quangngai.dcs.vn>",
        "Kính gửi: Văn phòng Tỉnh ủy\n\nĐảng ủy xã Bình Châu gửi file danh sách đề nghị kích hoạt SIM ký số của các đồng chí lãnh đạo.\n\nTrân trọng!\n--\nVăn phòng Đảng ủy xã Bình Châu",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "ĐẢNG ỦY XÃ BÌNH CHÂU", CUC, rows)]}))

    # m03 -- Thunderbird, RFC 2231 continued file name; Fatherland Front
    # (republic letterhead), reordered columns, 20-digit ICCIDs with dashes.
    rows = [
        ok(1, "0935 222 101", "84935222101", "01", 20, "dash4", "m03r1", "Phạm Thị Hồng Nhung", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
        ok(2, "0945.222.102", "84945222102", "02", 20, "dash4", "m03r2", "Trần Minh Quân", "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam tỉnh"),
        ok(3, "0399 222 103", "84399222103", "04", 20, "dash4", "m03r3", "Lê Thị Kim Thoa", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
        ok(4, "0763222104", "84763222104", "01", 19, "plain", "m03r4", "Nguyễn Hữu Phước", "Trưởng ban Dân chủ - Pháp luật"),
        ok(5, "0856 222 105", "84856222105", "02", 19, "plain", "m03r5", "Võ Thị Bích Ngọc", "Chánh Văn phòng Ủy ban MTTQ Việt Nam tỉnh"),
    ]
    fn = "Danh sách đề nghị kích hoạt SIM ký số UBMTTQ tỉnh Quảng Ngãi.docx"
    data = sim_docx([("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI", {"bold": True}), "*"],
                    REPUBLIC, "Quảng Ngãi, ngày 07 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], "Kính gửi: Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ",
                    ["SỐ TT", "HỌ TÊN NGƯỜI DÙNG", "Chức danh", "Điện thoại di động", "Mã số ICCID"],
                    ["tt", "name", "pos", "phone", "iccid"], rows,
                    widths=[800, 2600, 2900, 1700, 2600],
                    pre=["Căn cứ Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy về hướng dẫn quy định, thủ tục liên quan đến chữ ký số;",
                         "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh lập danh sách đề nghị kích hoạt SIM ký số như sau:"],
                    signer=("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "", "", ""))
    M.append(("m03-thunderbird-rfc2231-mttq-reordered.eml", thunderbird(
        fromh("Văn phòng UBMTTQ tỉnh", "vanphong.mttq@quangngai.gov.vn"),
        "V/v đề nghị kích hoạt SIM ký số (SIM PKI)", "Tue, 7 May 2024 09:12:44 +0700",
        "<3f2a1b7c-5d4e-4c1a-9b8e-7a6d5c4b3a21@quangngai.gov.vn>",
        "Kính gửi Văn phòng Tỉnh ủy,\n\nBan Thường trực UBMTTQ VN tỉnh gửi danh sách đề nghị kích hoạt\nSIM ký số theo Phụ lục 3. Đề nghị VPTU tổng hợp gửi Cục.\n\nTrân trọng.",
        [(fn, DOCX_CT, data)], chunk=48), False,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI",
                                    "Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ", rows)]}))

    # m04 -- Outlook, Excel list where two ICCIDs were stored as numbers
    lost1 = iccid("m04r2", "04", 19)
    lost2 = iccid("m04r3", "01", 20)
    rows = [
        ok(1, "0913.444.201", "84913444201", "02", 19, "plain", "m04r1", "Huỳnh Văn Nam", "Tổng Biên tập"),
        Row(2, "0983.444.202", "84983444202", C(excel_number(lost1), "n"), None, "Nguyễn Thị Lệ Thu",
            "Phó Tổng Biên tập", errors=["iccid_precision_lost"]),
        Row(3, "0903.444.203", "84903444203", C(excel_number(lost2), "n"), None, "Trần Đình Khôi",
            "Trưởng phòng Thời sự", errors=["iccid_precision_lost"]),
        ok(4, "0979.444.204", "84979444204", "04", 20, "plain", "m04r4", "Lê Văn Cường", "Phó Trưởng phòng Trị sự"),
    ]
    rows[3].iccid_raw = C(rows[3].iccid_raw, "s", ST_QUOTE)
    fn = "Báo Quảng Ngãi - DS kích hoạt SIM.xlsx"
    data = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "BÁO QUẢNG NGÃI", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Ngãi, ngày 08 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "SĐT", "ICCID", "Họ và tên", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=7,
                    footer=("TỔNG BIÊN TẬP", ""))
    M.append(("m04-outlook-xlsx-iccid-as-number.eml", outlook(
        fromh("Báo Quảng Ngãi - Phòng Trị sự", "trisu@baoquangngai.vn"), MAILBOX,
        "Báo Quảng Ngãi gửi danh sách kích hoạt SIM ký số", "Wed, 8 May 2024 10:05:33 +0700",
        "<TYZPR06MB6543B7C8D9E0F1A2@TYZPR06MB6543.apcprd06.prod.outlook.com>",
        "Kính gửi Văn phòng Tỉnh ủy,\nBáo Quảng Ngãi gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng!",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "BÁO QUẢNG NGÃI", CUC, rows)]}))

    # m05 -- Outlook on the web, Word list with three bad ICCIDs
    good2 = iccid("m05r2", "02", 19)
    short3 = iccid("m05r3", "01", 19)[:18]
    foreign4 = iccid("m05r4", "04", 19, prefix="8948")
    rows = [
        ok(1, "0976 555 301", "84976555301", "04", 19, "sp4", "m05r1", "Đỗ Thanh Tùng", "Bí thư Huyện ủy"),
        Row(2, "0918 555 302", "84918555302", fmt(bad_luhn(good2), "sp4"), bad_luhn(good2),
            "Phan Thị Kim Oanh", "Phó Bí thư Thường trực Huyện ủy", errors=["iccid_checksum"],
            uncertain={"iccid": "CONTRACT does not say whether an ICCID failing Luhn is reported or null"}),
        Row(3, "0932 555 303", "84932555303", fmt(short3, "sp4"), short3,
            "Trương Công Định", "Trưởng Ban Dân vận Huyện ủy", errors=["iccid_invalid"],
            uncertain={"iccid": "18 digits: reported as typed or null"}),
        Row(4, "0987 555 304", "84987555304", fmt(foreign4, "sp4"), foreign4,
            "Ngô Văn Sáu", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", errors=["iccid_not_vietnam"],
            uncertain={"iccid": "non-8984 ICCID: reported or null"}),
        ok(5, "0888 555 305", "84888555305", "02", 20, "sp4", "m05r5", "Bùi Xuân Lộc", "Trưởng Ban Tuyên giáo Huyện ủy"),
    ]
    fn = "HU Sơn Tịnh_DS SIM ký số.docx"
    data = sim_docx(["TỈNH ỦY QUẢNG NGÃI", ("HUYỆN ỦY SƠN TỊNH", {"bold": True}), "*"], PARTY,
                    "Sơn Tịnh, ngày 08 tháng 5 năm 2024",
                    ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows)
    M.append(("m05-owa-docx-bad-iccids.eml", outlook(
        fromh("Huyện ủy Sơn Tịnh", "huyenuysontinh@quangngai.dcs.vn"), MAILBOX,
        "DS SIM ký số HU Sơn Tịnh", "Wed, 8 May 2024 14:27:05 +0700",
        "<KL1PR0601MB4521C3D4E5F6A7B8@KL1PR0601MB4521.apcprd06.prod.outlook.com>",
        "Kính gửi VPTU,\nHU Sơn Tịnh gửi DS đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, DOCX_CT, data)], idx="AQHaoRz4c2VxYm9vNkW1vN4gAw=="), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "HUYỆN ỦY SƠN TỊNH", CUC, rows)]}))

    # m06 -- Thunderbird, ASCII file name, headers typed without diacritics,
    # a landline, a 9-digit number, an ICCID pasted as Excel shows it
    rows = [
        Row(1, "0255 3822 123", None, fmt(iccid("m06r1", "04", 19), "plain"), iccid("m06r1", "04", 19),
            "Nguyễn Văn Bảy", "Bí thư Đảng ủy xã", errors=["phone_invalid"], carrier=None,
            uncertain={"carrier": "phone invalid; carrier may come from the ICCID issuer (viettel) or be null"}),
        Row(2, "098 234 567", None, fmt(iccid("m06r2", "04", 19), "sp4"), iccid("m06r2", "04", 19),
            "Trần Thị Ngọc Lan", "Phó Bí thư Thường trực Đảng ủy xã", errors=["phone_invalid"], carrier=None,
            uncertain={"carrier": "phone invalid; carrier may come from the ICCID issuer (viettel) or be null"}),
        ok(3, "0934 666 403", "84934666403", "01", 19, "plain", "m06r3", "Lê Công Thành", "Phó Bí thư Đảng ủy xã"),
        Row(4, "0919 666 404", "84919666404", "8.9840201234568E+18", None, "Hồ Thị Diệu",
            "Phó Bí thư Đảng ủy, Chủ tịch UBND xã", errors=["iccid_precision_lost"]),
    ]
    fn = "DS SIM PKI Tinh Khe.docx"
    data = sim_docx(["ĐẢNG BỘ THÀNH PHỐ QUẢNG NGÃI", ("ĐẢNG ỦY XÃ TỊNH KHÊ", {"bold": True}), "*"], PARTY,
                    "Tịnh Khê, ngày 09 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["STT", "SO DIEN THOAI", "SO ICCID", "HO VA TEN", "CHUC VU"],
                    ["tt", "phone", "iccid", "name", "pos"], rows,
                    signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "", "", ""))
    M.append(("m06-thunderbird-docx-ascii-headers-bad-phones.eml", thunderbird(
        fromh("Dang uy xa Tinh Khe", "dangUytinhkhe@quangngai.dcs.vn"),
        "Danh sach de nghi kich hoat SIM ky so - DU xa Tinh Khe", "Thu, 9 May 2024 07:55:02 +0700",
        "<a81c44e0-2b7d-4f8e-9d61-0c3e5f7a9b12@quangngai.dcs.vn>",
        "Kinh gui Van phong Tinh uy,\nDang uy xa Tinh Khe gui danh sach de nghi kich hoat SIM ky so.\nTran trong.",
        [(fn, DOCX_CT, data)]), False,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "ĐẢNG ỦY XÃ TỊNH KHÊ", CUC, rows)]}))

    # m07 -- Outlook, spreadsheet from WPS with inline strings; a repeated
    # phone and a repeated ICCID
    dup_iccid = iccid("m07r3", "01", 19)
    rows = [
        ok(1, "0965 777 501", "84965777501", "04", 19, "plain", "m07r1", "Võ Thành Nhân", "Bí thư Thị ủy"),
        ok(2, "0916 777 502", "84916777502", "02", 19, "plain", "m07r2", "Huỳnh Thị Thanh Tâm", "Phó Bí thư Thường trực Thị ủy"),
        Row(3, "0899 777 503", "84899777503", dup_iccid, dup_iccid, "Phạm Văn Đông", "Trưởng Ban Tổ chức Thị ủy"),
        ok(4, "0916.777.502", "84916777502", "02", 19, "plain", "m07r4", "Nguyễn Văn Hải",
           "Phó Trưởng Ban Tổ chức Thị ủy", errors=["duplicate_row"]),
        ok(5, "0977 777 505", "84977777505", "04", 20, "plain", "m07r5", "Lê Thị Hoa", "Chánh Văn phòng Thị ủy"),
        Row(6, "0908 777 506", "84908777506", fmt(dup_iccid, "dash4"), dup_iccid, "Trần Quốc Bảo",
            "Phó Chánh Văn phòng Thị ủy", errors=["duplicate_row"]),
    ]
    fn = "Đức Phổ - danh sách SIM.xlsx"
    data = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "THỊ ỦY ĐỨC PHỔ"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đức Phổ, ngày 09 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["Số TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=6, inline=True,
                    app="WPS Spreadsheets", footer=False)
    M.append(("m07-outlook-xlsx-inline-duplicates.eml", outlook(
        fromh("VP Thị ủy Đức Phổ", "thiuyducpho@quangngai.dcs.vn"), MAILBOX,
        "Thị ủy Đức Phổ gửi danh sách SIM ký số", "Thu, 9 May 2024 16:40:19 +0700",
        "<PS2PR03MB3712D5E6F7A8B9C0@PS2PR03MB3712.apcprd03.prod.outlook.com>",
        "Kính gửi Phòng CY-CNTT Văn phòng Tỉnh ủy,\nThị ủy Đức Phổ gửi danh sách SIM ký số đề nghị kích hoạt.\nTrân trọng.",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "THỊ ỦY ĐỨC PHỔ", CUC, rows)]}))

    # m08 -- Zimbra (RFC 2231 names), Word list with a missing name, a
    # missing position, and an ICCID pasted with a decimal comma
    rows = [
        ok(1, "0914 888 601", "84914888601", "02", 19, "sp4", "m08r1", "Nguyễn Thị Mai", "Bí thư Huyện ủy"),
        ok(2, "0964 888 602", "84964888602", "04", 19, "sp4", "m08r2", "Lê Văn Thuận", "Phó Bí thư Thường trực Huyện ủy"),
        ok(3, "0901 888 603", "84901888603", "01", 19, "sp4", "m08r3", "", "Trưởng Ban Dân vận Huyện ủy",
           errors=["name_missing"], uncertain={"name": "empty cell: null or \"\""}),
        ok(4, "0837 888 604", "84837888604", "02", 19, "sp4", "m08r4", "Đinh Thị Hạnh", "",
           errors=["position_missing"],
           uncertain={"position": "empty cell: null or \"\"",
                      "warnings": "position_not_eligible may or may not accompany position_missing"}),
        ok(5, "0387 888 605", "84387888605", "04", 19, "sp4", "m08r5", "Phạm Minh Tuấn", "Phó Trưởng Ban Tổ chức Huyện ủy"),
        Row(6, "0359 888 606", "84359888606", "8,98404E+18", None, "Nguyễn Văn Lợi",
            "Phó Trưởng Ban Dân vận Huyện ủy", errors=["iccid_precision_lost"],
            uncertain={"errors": "decimal-comma scientific notation (vi-VN Excel); iccid_invalid is defensible too"}),
    ]
    fn = "Mau PL3 - HU Tu Nghia.docx"
    data = sim_docx(["TỈNH ỦY QUẢNG NGÃI", ("HUYỆN ỦY TƯ NGHĨA", {"bold": True}), "*"], PARTY,
                    "Tư Nghĩa, ngày 10 tháng 5 năm 2024",
                    ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows)
    M.append(("m08-zimbra-docx-missing-name-position.eml", zimbra(
        fromh("Huyện ủy Tư Nghĩa", "huyenuytunghia@quangngai.dcs.vn", "Q"),
        "DS đề nghị kích hoạt SIM ký số", "Fri, 10 May 2024 09:03:47 +0700 (ICT)",
        "<771920331.2039485.1715306627000.JavaMail.zimbra@quangngai.dcs.vn>",
        "Kính gửi Văn phòng Tỉnh ủy\nHuyện ủy Tư Nghĩa gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, DOCX_CT, data)], q_names=False), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "HUYỆN ỦY TƯ NGHĨA", CUC, rows)]}))

    # m09 -- Outlook, warnings only: positions not eligible, ported number
    mism = iccid("m09r4", "02", 19)
    rows = [
        ok(1, "0911 999 701", "84911999701", "02", 19, "plain", "m09r1", "Trần Văn Dũng", "Bí thư Đảng ủy Khối"),
        ok(2, "0978 999 702", "84978999702", "04", 19, "plain", "m09r2", "Nguyễn Thị Hương", "Phó Bí thư Thường trực Đảng ủy Khối"),
        ok(3, "0912 999 703", "84912999703", "02", 19, "plain", "m09r3", "Lê Minh Hoàng",
           "Chuyên viên Ban Tổ chức Đảng ủy Khối", warnings=["position_not_eligible"]),
        Row(4, "0989 999 704", "84989999704", mism, mism, "Phạm Thị Thúy", "Trưởng Ban Tuyên giáo Đảng ủy Khối",
            warnings=["phone_carrier_mismatch"],
            uncertain={"carrier": "Viettel prefix, VinaPhone ICCID (ported?): which one is 'carrier' is open"}),
        ok(5, "0794 999 705", "84794999705", "01", 19, "plain", "m09r5", "Võ Thị Thu Sương",
           "Văn thư Văn phòng Đảng ủy Khối", warnings=["position_not_eligible"]),
    ]
    fn = "DUK - Danh sách đề nghị kích hoạt SIM ký số.docx"
    data = sim_docx(["TỈNH ỦY QUẢNG NGÃI", ("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", {"bold": True}), "*"],
                    PARTY, "Quảng Ngãi, ngày 10 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows)
    M.append(("m09-outlook-docx-warnings-only.eml", outlook(
        fromh("Văn phòng Đảng ủy Khối", "vanphong.dukcqdn@quangngai.dcs.vn"), MAILBOX,
        "Đảng ủy Khối CQ&DN tỉnh gửi danh sách kích hoạt SIM ký số", "Fri, 10 May 2024 10:12:00 +0700",
        "<SEZPR04MB5981E7F8A9B0C1D2@SEZPR04MB5981.apcprd04.prod.outlook.com>",
        "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy Khối gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng!",
        [(fn, DOCX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", CUC, rows)]}))

    # m10 -- Outlook, Excel list addressed to VPTU instead of the Cục
    rows = [
        ok(1, "0975 101 801", "84975101801", "04", 19, "plain", "m10r1", "Huỳnh Tấn Đạt", "Bí thư Huyện ủy"),
        ok(2, "0948 101 802", "84948101802", "02", 19, "plain", "m10r2", "Lê Thị Thanh Xuân", "Phó Bí thư Thường trực Huyện ủy"),
        ok(3, "0707 101 803", "84707101803", "01", 19, "plain", "m10r3", "Ngô Quang Huy", "Trưởng Ban Tổ chức Huyện ủy"),
    ]
    fn = "Phụ lục 3 - HU Mộ Đức.xlsx"
    data = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "HUYỆN ỦY MỘ ĐỨC", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Mộ Đức, ngày 13 tháng 5 năm 2024"],
                    ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi",
                    ["TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
                     "Họ và tên người dùng (chủ thuê bao)", "Chức vụ (Chức vụ hiện tại)"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=9)
    M.append(("m10-outlook-xlsx-addressed-to-vptu.eml", outlook(
        fromh("Huyện ủy Mộ Đức", "huyenuymoduc@quangngai.dcs.vn"), MAILBOX,
        "Huyện ủy Mộ Đức đề nghị kích hoạt SIM ký số", "Mon, 13 May 2024 08:20:41 +0700",
        "<TYZPR03MB7104F9A0B1C2D3E4@TYZPR03MB7104.apcprd03.prod.outlook.com>",
        "Kính gửi Văn phòng Tỉnh ủy.\nHuyện ủy Mộ Đức gửi danh sách đề nghị kích hoạt SIM ký số.",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "HUYỆN ỦY MỘ ĐỨC", "Văn phòng Tỉnh ủy Quảng Ngãi", rows,
                                    errors=["wrong_addressee"])]}))

    # m11 -- a clean list sent from a gmail.com address
    rows = [
        ok(1, "0905 202 901", "84905202901", "01", 19, "plain", "m11r1", "Nguyễn Văn Tám", "Bí thư Đảng ủy phường"),
        ok(2, "0356 202 902", "84356202902", "04", 19, "plain", "m11r2", "Trần Thị Ánh Tuyết", "Phó Bí thư Thường trực Đảng ủy phường"),
    ]
    fn = "Danh sách SIM ký số P. Phổ Minh.xlsx"
    data = sim_xlsx(["ĐẢNG BỘ THỊ XÃ ĐỨC PHỔ", "ĐẢNG ỦY PHƯỜNG PHỔ MINH", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phổ Minh, ngày 13 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=8, footer=("T/M ĐẢNG ỦY", "BÍ THƯ"))
    M.append(("m11-gmail-sender-public-domain.eml", gmail(
        fromh("Đảng ủy phường Phổ Minh", "dangUyphuongphominh@gmail.com"),
        "Gửi danh sách SIM ký số Đảng ủy phường Phổ Minh", "Mon, 13 May 2024 15:47:09 +0700",
        "<CAJx7b2kQ9fVn3pR+Lw8sT5uYc1dE4gH6iK0mN2oP4qS7tU9vWx@mail.gmail.com>",
        "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy phường Phổ Minh gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, XLSX_CT, data)], "m11"), True,
        {"kind": "sim_activation", "action": "reject", "errors": ["sender_public_domain"], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "ĐẢNG ỦY PHƯỜNG PHỔ MINH", CUC, rows)]}))

    # m12 -- yahoo.com.vn sender, old client: raw 8-bit UTF-8 headers and
    # file name, 8bit text body
    rows = [
        ok(1, "0974 303 001", "84974303001", "04", 19, "sp4", "m12r1", "Đinh Văn Rô", "Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
        ok(2, "0915 303 002", "84915303002", "02", 19, "sp4", "m12r2", "Phạm Thị Liên", "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
        ok(3, "0905 303 003", "84905303003", "01", 19, "sp4", "m12r3", "Đinh Văn Thới", "Chủ tịch Hội Nông dân huyện"),
        ok(4, "0339 303 004", "84339303004", "04", 19, "sp4", "m12r4", "Hồ Thị Thanh", "Chủ tịch Hội Liên hiệp Phụ nữ huyện"),
        ok(5, "0823 303 005", "84823303005", "02", 19, "sp4", "m12r5", "Phạm Văn Tuấn", "Bí thư Huyện đoàn"),
    ]
    fn = "Danh sách SIM ký số MTTQ Minh Long.docx"
    data = sim_docx([("ỦY BAN MTTQ VIỆT NAM HUYỆN MINH LONG", {"bold": True}), "*"], REPUBLIC,
                    "Minh Long, ngày 14 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows,
                    signer=("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "", "", ""))
    body = ("Kính gửi Văn phòng Tỉnh ủy,\nỦy ban MTTQ huyện Minh Long gửi danh sách đề nghị kích hoạt SIM ký số.\n"
            "Trân trọng./.")
    eml = ("From: \"MTTQ huyện Minh Long\" <mttqminhlong@yahoo.com.vn>\nTo: %s\n"
           "Subject: Danh sách SIM ký số MTTQ huyện Minh Long\nDate: Tue, 14 May 2024 09:30:00 +0700\n"
           "Message-ID: <20240514023000.4F2A1@yahoo.com.vn>\nMIME-Version: 1.0\n"
           "Content-Type: multipart/mixed; boundary=\"=====mlong_0514====\"\n\n"
           "--=====mlong_0514====\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n%s\n\n"
           "--=====mlong_0514====\nContent-Type: application/msword; name=\"%s\"\n"
           "Content-Disposition: attachment; filename=\"%s\"\nContent-Transfer-Encoding: base64\n\n%s\n"
           "--=====mlong_0514====--\n" % (MAILBOX, body, fn, fn, b64_lines(data)))
    M.append(("m12-raw8bit-filename-yahoo.eml", eml, True,
              {"kind": "sim_activation", "action": "reject", "errors": ["sender_public_domain"], "warnings": [],
               "documents": [expected_doc(fn, "docx", "ỦY BAN MTTQ VIỆT NAM HUYỆN MINH LONG", CUC, rows,
                                          extra={"note": "declared application/msword; the bytes are a .docx"})]}))

    # m13 -- Zimbra vacation auto-reply
    eml = ("Date: Tue, 14 May 2024 10:02:33 +0700 (ICT)\n"
           "From: =?utf-8?Q?Nguy=E1=BB=85n_V=C4=83n_B=C3=ACnh?= <nguyenvanbinh@quangngai.dcs.vn>\n"
           "To: HotroCKS <%s>\nMessage-ID: <1982734651.3341.1715655753123.JavaMail.zimbra@quangngai.dcs.vn>\n"
           "In-Reply-To: <hotrocks-ack-20240514-0007@quangngai.dcs.vn>\n"
           "Subject: %s\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
           "Content-Transfer-Encoding: quoted-printable\nAuto-Submitted: auto-replied (zimbra; vacation)\n"
           "Precedence: bulk\nX-Mailer: Zimbra 8.8.15_GA_4581\n\n%s\n"
           % (MAILBOX, " ".join(ew("Trả lời tự động: Re: [HotroCKS] Đã tiếp nhận danh sách kích hoạt SIM ký số", mode="Q")),
              qp("Tôi đang đi công tác từ ngày 13/5 đến 17/5/2024. Việc gấp xin liên hệ Văn phòng Huyện ủy, ĐT 0255 3851 234.\n"
                 "Danh sách SIM ký số: 0912 345 111 — xem file đính kèm trước.")))
    M.append(("m13-zimbra-vacation-autoreply.eml", eml, True,
              {"kind": "auto_reply", "action": "ignore", "errors": [], "warnings": [], "documents": [],
               "uncertain": {"errors": "whether no_documents is also listed on an auto-reply is open"}}))

    # m14 -- Postfix DSN carrying the original (our forward, with a list)
    inner_rows = [ok(1, "0971 111 999", "84971111999", "04", 19, "plain", "m14r1", "Nguyễn Văn Tư", "Bí thư Huyện ủy")]
    ALL_ROWS.extend(inner_rows)
    inner_x = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "HUYỆN ỦY LÝ SƠN"], ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lý Sơn, ngày 02 tháng 5 năm 2024"],
                       ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                       ["TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"],
                       ["tt", "phone", "iccid", "name", "pos"], inner_rows, table_row=7)
    orig = outlook(fromh("Hỗ trợ chữ ký số - VPTU", MAILBOX), "ca@bcy.gov.vn",
                   "VPTU Quảng Ngãi chuyển danh sách đề nghị kích hoạt SIM ký số", "Tue, 14 May 2024 10:01:50 +0700",
                   "<hotrocks-fwd-20240514-0003@quangngai.dcs.vn>",
                   "Kính gửi Cục Chứng thực số và Bảo mật thông tin,\nVăn phòng Tỉnh ủy Quảng Ngãi chuyển danh sách đề nghị kích hoạt SIM ký số.",
                   [("DS kích hoạt SIM - HU Lý Sơn.xlsx", XLSX_CT, inner_x)])
    eml = ("Return-Path: <>\nDate: Tue, 14 May 2024 10:02:11 +0700 (+07)\n"
           "From: MAILER-DAEMON@quangngai.dcs.vn (Mail Delivery System)\n"
           "Subject: Undelivered Mail Returned to Sender\nTo: %s\nAuto-Submitted: auto-replied\n"
           "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n"
           "\tboundary=\"4VdY3x0Kz1z9Bq.1715655731/mail.quangngai.dcs.vn\"\n"
           "Content-Transfer-Encoding: 8bit\nMessage-Id: <20240514030211.6A1B2C3D4E@mail.quangngai.dcs.vn>\n\n"
           "This is a MIME-encapsulated message.\n\n"
           "--4VdY3x0Kz1z9Bq.1715655731/mail.quangngai.dcs.vn\nContent-Description: Notification\n"
           "Content-Type: text/plain; charset=us-ascii\n\n"
           "This is the mail system at host mail.quangngai.dcs.vn.\n\n"
           "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
           "<ca@bcy.gov.vn>: host mail.bcy.gov.vn[203.162.10.20] said: 552 5.2.2 Mailbox full\n\n"
           "--4VdY3x0Kz1z9Bq.1715655731/mail.quangngai.dcs.vn\nContent-Description: Delivery report\n"
           "Content-Type: message/delivery-status\n\n"
           "Reporting-MTA: dns; mail.quangngai.dcs.vn\nX-Postfix-Queue-ID: 4VdY3x0Kz1z9Bq\n"
           "X-Postfix-Sender: rfc822; %s\nArrival-Date: Tue, 14 May 2024 10:01:50 +0700 (+07)\n\n"
           "Final-Recipient: rfc822; ca@bcy.gov.vn\nOriginal-Recipient: rfc822;ca@bcy.gov.vn\nAction: failed\n"
           "Status: 5.2.2\nRemote-MTA: dns; mail.bcy.gov.vn\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n"
           "--4VdY3x0Kz1z9Bq.1715655731/mail.quangngai.dcs.vn\nContent-Description: Undelivered Message\n"
           "Content-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n\n%s\n"
           "--4VdY3x0Kz1z9Bq.1715655731/mail.quangngai.dcs.vn--\n" % (MAILBOX, MAILBOX, orig))
    M.append(("m14-postfix-dsn-with-original.eml", eml, True,
              {"kind": "bounce", "action": "ignore", "errors": [], "warnings": [],
               "uncertain": {"errors": "whether a bounce lists any code is open",
                             "documents": "the returned original carries a list; whether it is reported is open"}}))

    # m15 -- a question, no attachment at all
    M.append(("m15-no-attachment-question.eml", zimbra(
        fromh("Đảng ủy xã Nghĩa Kỳ", "dangUynghiaky@quangngai.dcs.vn", "Q"),
        "Hỏi về mẫu danh sách kích hoạt SIM ký số", "Wed, 15 May 2024 08:14:55 +0700 (ICT)",
        "<402938475.556677.1715735695000.JavaMail.zimbra@quangngai.dcs.vn>",
        "Kính gửi Phòng Cơ yếu - CNTT,\nĐảng ủy xã Nghĩa Kỳ đã nhận phôi SIM, đồng chí Bí thư đã ra Viettel hòa mạng xong.\n"
        "Cho em hỏi danh sách kích hoạt gửi theo mẫu nào, có cần ký số không ạ?\nEm cảm ơn.", []), True,
        {"kind": "unknown", "action": "manual", "errors": ["no_documents"], "warnings": [], "documents": []}))

    # m16 -- "gửi kèm" but the file was forgotten; only the signature logo
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5"
                        "27de160000000049454e44ae426082")
    M.append(("m16-outlook-forgot-attachment-logo-only.eml", outlook(
        fromh("Huyện ủy Nghĩa Hành", "huyenuynghiahanh@quangngai.dcs.vn"), MAILBOX,
        "Danh sách đề nghị kích hoạt SIM ký số - HU Nghĩa Hành", "Wed, 15 May 2024 09:20:00 +0700",
        "<SI2PR02MB5632A0B1C2D3E4F5@SI2PR02MB5632.apcprd02.prod.outlook.com>",
        "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Nghĩa Hành gửi kèm danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.\n[logo] Văn phòng Huyện ủy Nghĩa Hành",
        [], inline_img=png), True,
        {"kind": "unknown", "action": "manual", "errors": ["no_documents"], "warnings": [], "documents": []}))

    # m17 -- district office forwards a commune's message as an attachment
    rows = [
        ok(1, "0968 404 101", "84968404101", "04", 19, "sp4", "m17r1", "Đinh Văn Ưng", "Bí thư Đảng ủy xã"),
        ok(2, "0919 404 102", "84919404102", "02", 19, "sp4", "m17r2", "Hồ Văn Lâm", "Phó Bí thư Thường trực Đảng ủy xã"),
        ok(3, "0909 404 103", "84909404103", "01", 19, "sp4", "m17r3", "Đinh Thị Bông", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã"),
    ]
    fn = "DS kích hoạt SIM - ĐU xã Trà Phong.xlsx"
    data = sim_xlsx(["ĐẢNG BỘ HUYỆN TRÀ BỒNG", "ĐẢNG ỦY XÃ TRÀ PHONG", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Trà Phong, ngày 14 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["STT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=8, footer=("T/M ĐẢNG ỦY", "BÍ THƯ"))
    inner = zimbra(fromh("Đảng ủy xã Trà Phong", "dangUytraphong@quangngai.dcs.vn", "Q"),
                   "DS kích hoạt SIM ký số xã Trà Phong", "Tue, 14 May 2024 16:02:10 +0700 (ICT)",
                   "<118273645.99887.1715677330000.JavaMail.zimbra@quangngai.dcs.vn>",
                   "Kính gửi Văn phòng Huyện ủy,\nĐảng ủy xã Trà Phong gửi danh sách kích hoạt SIM ký số, nhờ Huyện ủy chuyển Tỉnh ủy.\nTrân trọng.",
                   [(fn, XLSX_CT, data)])
    inner = inner.replace("To: HotroCKS <%s>" % MAILBOX, "To: vanphong.huyenuytrabong@quangngai.dcs.vn")
    M.append(("m17-thunderbird-forward-as-attachment.eml", thunderbird(
        fromh("Văn phòng Huyện ủy Trà Bồng", "vanphong.huyenuytrabong@quangngai.dcs.vn"),
        "Fwd: DS kích hoạt SIM ký số xã Trà Phong", "Wed, 15 May 2024 07:45:30 +0700",
        "<5c1e9a20-7f3b-4a6d-8e2c-1b0d9f8e7a65@quangngai.dcs.vn>",
        "Kính chuyển Văn phòng Tỉnh ủy danh sách của Đảng ủy xã Trà Phong (thư gốc đính kèm).\n\nVP Huyện ủy Trà Bồng",
        [], forward_eml=("DS kich hoat SIM ky so xa Tra Phong.eml", inner)), False,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "ĐẢNG ỦY XÃ TRÀ PHONG", CUC, rows)]}))

    # m18 -- Outlook inline forward ("FW:") with the file re-attached
    rows = [
        ok(1, "0369 505 201", "84369505201", "04", 19, "plain", "m18r1", "Phạm Văn Hồng", "Bí thư Đảng ủy thị trấn"),
        ok(2, "0946 505 202", "84946505202", "02", 19, "plain", "m18r2", "Đinh Thị Ngân", "Phó Bí thư Thường trực Đảng ủy thị trấn"),
    ]
    fn = "ĐU TT Ba Tơ - Phụ lục 3.docx"
    data = sim_docx(["ĐẢNG BỘ HUYỆN BA TƠ", ("ĐẢNG ỦY THỊ TRẤN BA TƠ", {"bold": True}), "*"], PARTY,
                    "Ba Tơ, ngày 14 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows,
                    signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "", "", ""))
    M.append(("m18-outlook-inline-forward.eml", outlook(
        fromh("Văn phòng Huyện ủy Ba Tơ", "vanphong.huyenuybato@quangngai.dcs.vn"), MAILBOX,
        "FW: Danh sách kích hoạt SIM ký số Đảng ủy thị trấn Ba Tơ", "Wed, 15 May 2024 10:31:08 +0700",
        "<SG2PR06MB3309B1C2D3E4F5A6@SG2PR06MB3309.apcprd06.prod.outlook.com>",
        "Kính chuyển Văn phòng Tỉnh ủy.\n\n________________________________\nFrom: Đảng ủy thị trấn Ba Tơ <dangUyttbato@quangngai.dcs.vn>\n"
        "Sent: Tuesday, May 14, 2024 3:12 PM\nTo: vanphong.huyenuybato@quangngai.dcs.vn\nSubject: Danh sách kích hoạt SIM ký số Đảng ủy thị trấn Ba Tơ\n\n"
        "Kính gửi VP Huyện ủy, Đảng ủy thị trấn gửi danh sách kích hoạt SIM ký số.",
        [(fn, DOCX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "ĐẢNG ỦY THỊ TRẤN BA TƠ", CUC, rows)]}))

    # m19 -- a training/contact list: phones and e-mails, no ICCID
    X = Xlsx()
    cells, merges = X.sheet("DS tap huan", [6, 26, 30, 28, 16, 32])
    for r, t in enumerate(["HUYỆN ỦY LÝ SƠN", "VĂN PHÒNG"], 1):
        put(cells, r, 1, t, ST_BOLD)
        merges.append("A%d:C%d" % (r, r))
    put(cells, 1, 4, "ĐẢNG CỘNG SẢN VIỆT NAM", ST_BOLD)
    merges.append("D1:F1")
    put(cells, 2, 4, "Lý Sơn, ngày 15 tháng 5 năm 2024", ST_ITALIC)
    merges.append("D2:F2")
    put(cells, 4, 1, "DANH SÁCH CÁN BỘ THAM GIA LỚP TẬP HUẤN", ST_TITLE)
    put(cells, 5, 1, "SỬ DỤNG CHỮ KÝ SỐ TRÊN THIẾT BỊ DI ĐỘNG (MOBILE-ID)", ST_TITLE)
    merges += ["A4:F4", "A5:F5"]
    for c, h in enumerate(["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Email công vụ"], 1):
        put(cells, 7, c, h, ST_HEAD)
    people = [("Trần Văn Lực", "Chánh Văn phòng", "Văn phòng Huyện ủy", "0905 818 001", "tvluc@quangngai.dcs.vn"),
              ("Võ Thị Minh", "Chuyên viên", "Văn phòng Huyện ủy", "0914 818 002", "vtminh@quangngai.dcs.vn"),
              ("Phạm Quốc Việt", "Phó Trưởng Ban", "Ban Tổ chức Huyện ủy", "0978 818 003", "pqviet@quangngai.dcs.vn"),
              ("Lê Thị Sa", "Văn thư", "Ủy ban Kiểm tra Huyện ủy", "0352 818 004", "ltsa@quangngai.dcs.vn")]
    for i, p in enumerate(people):
        put(cells, 8 + i, 1, i + 1, ST_BORDER)
        for c, v in enumerate(p, 2):
            put(cells, 8 + i, c, v, ST_BORDER)
    fn = "DS tap huan CKS tren di dong.xlsx"
    data = X.build()
    M.append(("m19-outlook-training-list-no-iccid.eml", outlook(
        fromh("Văn phòng Huyện ủy Lý Sơn", "vanphong.huyenuylyson@quangngai.dcs.vn"), MAILBOX,
        "Danh sách cán bộ tham gia tập huấn chữ ký số trên di động", "Wed, 15 May 2024 14:05:00 +0700",
        "<SEYPR02MB6780C2D3E4F5A6B7@SEYPR02MB6780.apcprd02.prod.outlook.com>",
        "Kính gửi Phòng CY-CNTT,\nVăn phòng Huyện ủy Lý Sơn gửi danh sách cán bộ tham gia lớp tập huấn sử dụng chữ ký số trên thiết bị di động.\nTrân trọng.",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "unknown", "action": "manual", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "HUYỆN ỦY LÝ SƠN", None, None, kind="unknown",
                                    uncertain={"organization": "letterhead is 'HUYỆN ỦY LÝ SƠN / VĂN PHÒNG'; an unknown document may not report it",
                                               "errors": "codes on an unrecognised document are open",
                                               "warnings": "codes on an unrecognised document are open"})]}))

    # m20 -- a real SIM activation list that forgot the ICCID column
    rows20 = [("Hồ Văn Bốn", "Bí thư Huyện ủy", "0961 020 101"),
              ("Đinh Thị Mây", "Phó Bí thư Thường trực Huyện ủy", "0917 020 102"),
              ("Nguyễn Văn Sang", "Trưởng Ban Tổ chức Huyện ủy", "0938 020 103")]
    d = Docx()
    d.header_block(["TỈNH ỦY QUẢNG NGÃI", ("HUYỆN ỦY SƠN TÂY", {"bold": True}), "*"],
                   PARTY + [("Sơn Tây, ngày 16 tháng 5 năm 2024", {"italic": True})])
    d.p("")
    d.p("DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", center=True, bold=True)
    d.p(KG_CUC, center=True)
    d.p("")
    d.table([["TT", "Họ và tên", "Chức vụ", "Số điện thoại"]] +
            [[str(i + 1), a, b, c] for i, (a, b, c) in enumerate(rows20)], [700, 2800, 3600, 2200])
    fn = "Danh sách SIM ký số HU Sơn Tây.docx"
    data = d.build()
    M.append(("m20-zimbra-docx-no-iccid-column.eml", zimbra(
        fromh("Huyện ủy Sơn Tây", "huyenuysontay@quangngai.dcs.vn", "Q"),
        "Danh sách đề nghị kích hoạt SIM ký số Huyện ủy Sơn Tây", "Thu, 16 May 2024 08:00:12 +0700 (ICT)",
        "<665544332.11223.1715821212000.JavaMail.zimbra@quangngai.dcs.vn>",
        "Kính gửi VPTU,\nHuyện ủy Sơn Tây gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, DOCX_CT, data)]), True,
        {"kind": "sim_activation", "action": "reject", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "HUYỆN ỦY SƠN TÂY", CUC, None, errors=["columns_missing"],
                                    uncertain={"warnings": "row-level findings on a list without an ICCID column are open"})]}))

    # m21 -- Apple Mail, two lists in one message (NFD file names, RFC 2231
    # continuations)
    rows_a = [
        ok(1, "0914.606.301", "84914606301", "02", 19, "plain", "m21a1", "Nguyễn Đăng Khoa", "Bí thư Thành ủy"),
        ok(2, "0982.606.302", "84982606302", "04", 19, "plain", "m21a2", "Trần Thị Diệu", "Phó Bí thư Thường trực Thành ủy"),
        ok(3, "0935.606.303", "84935606303", "01", 19, "plain", "m21a3", "Lê Hữu Tình", "Trưởng Ban Tổ chức Thành ủy"),
    ]
    rows_b = [
        ok(1, "0397 606 304", "84397606304", "04", 20, "sp4", "m21b1", "Võ Minh Trí", "Trưởng Ban Dân vận Thành ủy"),
        ok(2, "0845 606 305", "84845606305", "02", 20, "sp4", "m21b2", "Huỳnh Thị Lệ", "Phó Chánh Văn phòng Thành ủy"),
    ]
    fa, fb = "DS kích hoạt SIM ký số đợt 1.xlsx", "DS bổ sung (Thành ủy).docx"
    da = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "THÀNH ỦY QUẢNG NGÃI", "*"],
                  ["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Ngãi, ngày 16 tháng 5 năm 2024"],
                  ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ (ĐỢT 1)"], KG_CUC,
                  ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                  ["tt", "phone", "iccid", "name", "pos"], rows_a, table_row=8)
    db = sim_docx(["TỈNH ỦY QUẢNG NGÃI", ("THÀNH ỦY QUẢNG NGÃI", {"bold": True}), "*"], PARTY,
                  "Quảng Ngãi, ngày 16 tháng 5 năm 2024",
                  ["DANH SÁCH BỔ SUNG", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                  ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                  ["tt", "phone", "iccid", "name", "pos"], rows_b)
    M.append(("m21-applemail-two-lists.eml", apple_mail(
        fromh("Văn phòng Thành ủy", "vanphong.thanhuy@quangngai.dcs.vn", "Q"),
        "Thành ủy Quảng Ngãi gửi DS kích hoạt SIM ký số (đợt 1 và bổ sung)", "Thu, 16 May 2024 11:22:33 +0700",
        "<7A1C2E3F-4B5D-4E6F-8091-A2B3C4D5E6F7@quangngai.dcs.vn>",
        "Kính gửi Văn phòng Tỉnh ủy,\nThành ủy gửi 02 file: danh sách đợt 1 và danh sách bổ sung.\nTrân trọng.",
        [(fa, XLSX_CT, da), (fb, DOCX_CT, db)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fa, "xlsx", "THÀNH ỦY QUẢNG NGÃI", CUC, rows_a),
                       expected_doc(fb, "docx", "THÀNH ỦY QUẢNG NGÃI", CUC, rows_b)]}))

    # m22 -- file name in windows-1258 encoded words; numbers typed with
    # +84, (+84), 84, and pre-2018 VinaPhone/MobiFone numbers; a row of
    # column numbers under the header
    rows = [
        ok(1, "+84 905 707 401", "84905707401", "01", 19, "plain", "m22r1", "Đinh Quang Hòa", "Bí thư Huyện ủy"),
        ok(2, "(+84) 977.707.402", "84977707402", "04", 19, "plain", "m22r2", "Phạm Thị Thu Trang", "Phó Bí thư Thường trực Huyện ủy"),
        ok(3, "84 914 707 403", "84914707403", "02", 19, "plain", "m22r3", "Đinh Văn Khánh", "Trưởng Ban Tổ chức Huyện ủy"),
        ok(4, "0125 870 7404", "84858707404", "02", 19, "plain", "m22r4", "Nguyễn Thị Út", "Chánh Văn phòng Huyện ủy",
           warnings=["phone_old_format"]),
        ok(5, "0128.770.7405", "84787707405", "01", 19, "plain", "m22r5", "Bùi Văn Sơn", "Phó Trưởng Ban Dân vận Huyện ủy",
           warnings=["phone_old_format"]),
    ]
    fn = "Danh sách kích hoạt SIM ký số HU Minh Long.xlsx"
    data = sim_xlsx(["TỈNH ỦY QUẢNG NGÃI", "HUYỆN ỦY MINH LONG", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Minh Long, ngày 17 tháng 5 năm 2024"],
                    ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=9, number_row=True,
                    col_styles={"iccid": ST_TEXT})
    name1258 = " ".join(ew(fn, charset="windows-1258", mode="Q"))
    eml = outlook(fromh("Huyện ủy Minh Long", "huyenuyminhlong@quangngai.dcs.vn"), MAILBOX,
                  "Huyện ủy Minh Long gửi danh sách kích hoạt SIM ký số", "Fri, 17 May 2024 09:45:10 +0700",
                  "<000001dab1a2$3c4d5e60$b4e81b20$@quangngai.dcs.vn>",
                  "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Minh Long gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
                  [("PLACEHOLDER.xlsx", XLSX_CT, data)])
    eml = eml.replace('name="PLACEHOLDER.xlsx"', 'name="%s"' % name1258)
    eml = eml.replace("filename=\"PLACEHOLDER.xlsx\"", "filename=\"%s\"" % name1258)
    eml = eml.replace("Content-Description: PLACEHOLDER.xlsx", "Content-Description: %s" % name1258)
    eml = eml.replace("X-Mailer: Microsoft Outlook 16.0", "X-Mailer: Microsoft Office Outlook 12.0")
    assert "PLACEHOLDER" not in eml
    M.append(("m22-outlook-cp1258-filename-plus84-old-numbers.eml", eml, True,
              {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
               "documents": [expected_doc(fn, "xlsx", "HUYỆN ỦY MINH LONG", CUC, rows)]}))

    # m23 -- Zimbra, Word document typed with a decomposed-Unicode keyboard
    # setting, runs split mid-word, non-breaking spaces in numbers, cells
    # with two paragraphs or a manual line break, old 'Uỷ' spelling
    def nfd(s):
        return unicodedata.normalize("NFD", s)
    r1 = iccid("m23r1", "04", 19)
    r3 = iccid("m23r3", "01", 20)
    rows = [
        Row(1, "0962\u00a0808\u00a0501", "84962808501", fmt(r1, "nbsp4"), r1, nfd("  Đinh  Văn Hùng "),
            nfd("Bí thư Huyện uỷ")),
        ok(2, "0917 808 502", "84917808502", "02", 19, "sp4", "m23r2", nfd("Phạm Thị Xuân Hương"),
           nfd("Phó Bí thư Thường trực\nHuyện uỷ")),
        Row(3, "0931 808 503", "84931808503", r3[:8] + RUN_SPLIT + r3[8:], r3, "Nguyễn " + RUN_SPLIT + "Ngọc Sơn",
            "Trưởng Ban Tổ chức" + RUN_SPLIT + " Huyện uỷ"),
        ok(4, "0981 808 504", "84981808504", "04", 19, "sp4", "m23r4", "Trần Văn Nhân",
           "Phó Trưởng Ban Tuyên giáo" + LINE_BREAK + "Huyện uỷ"),
    ]
    fn = "Phụ lục 3 HU Sơn Hà.docx"
    data = sim_docx(["TỈNH UỶ QUẢNG NGÃI", ("HUYỆN UỶ SƠN HÀ", {"bold": True}), "*"], PARTY,
                    "Sơn Hà, ngày 17 tháng 5 năm 2024",
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ (SIM PKI)"], KG_CUC,
                    ["TT", "Số điện" + RUN_SPLIT + " thoại", "Số " + RUN_SPLIT + "ICCID",
                     "Họ và tên" + LINE_BREAK + "người dùng", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows)
    M.append(("m23-zimbra-docx-nfd-split-runs-nbsp.eml", zimbra(
        fromh("Huyện uỷ Sơn Hà", "huyenuysonha@quangngai.dcs.vn", "Q"),
        "HU Sơn Hà gửi Phụ lục 3 đề nghị kích hoạt SIM ký số", "Fri, 17 May 2024 14:30:00 +0700 (ICT)",
        "<998877665.44556.1715931000000.JavaMail.zimbra@quangngai.dcs.vn>",
        "Kính gửi Văn phòng Tỉnh uỷ,\nHuyện uỷ Sơn Hà gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, DOCX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "docx", "HUYỆN UỶ SƠN HÀ", CUC, rows)]}))

    # m24 -- old client: application/octet-stream, file name only in the
    # Content-Type name parameter; extra 'Ghi chú' column; numbered empty
    # template rows left under the data; two empty extra sheets
    rows = [
        ok(1, "0935.909.601", "84935909601", "01", 19, "plain", "m24r1", "Lê Văn Phú", "Bí thư Đảng ủy phường",
           note="Kiêm Chủ tịch HĐND phường"),
        ok(2, "0984.909.602", "84984909602", "04", 19, "plain", "m24r2", "Nguyễn Thị Hằng", "Phó Bí thư Thường trực Đảng ủy phường"),
        ok(3, "0886.909.603", "84886909603", "02", 19, "plain", "m24r3", "Trần Minh Tiến", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường"),
    ]
    fn = "DS SIM Nghia Chanh.xlsx"
    data = sim_xlsx(["ĐẢNG BỘ THÀNH PHỐ QUẢNG NGÃI", "ĐẢNG ỦY PHƯỜNG NGHĨA CHÁNH", "*"],
                    ["ĐẢNG CỘNG SẢN VIỆT NAM", "Nghĩa Chánh, ngày 20 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số thuê bao", "Số ICCID", "Họ và tên", "Chức vụ", "Ghi chú"],
                    ["tt", "phone", "iccid", "name", "pos", "note"], rows, table_row=8, blank_rows=5,
                    extra_sheets=("Sheet2", "Sheet3"), footer=("T/M ĐẢNG ỦY", "BÍ THƯ"))
    eml = ("From: \"Dang uy phuong Nghia Chanh\" <dangUynghiachanh@quangngai.dcs.vn>\nTo: <%s>\n"
           "Subject: DS SIM ky so phuong Nghia Chanh\nDate: Mon, 20 May 2024 08:05:00 +0700\n"
           "Message-ID: <000a01daaa52$8e6f1c30$ab4d5490$@quangngai.dcs.vn>\nMIME-Version: 1.0\n"
           "X-Mailer: Microsoft Office Outlook 11\n"
           "Content-Type: multipart/mixed;\n\tboundary=\"----=_NextPart_000_000B_01DAAA8D.3ACE7430\"\n\n"
           "This is a multi-part message in MIME format.\n\n"
           "------=_NextPart_000_000B_01DAAA8D.3ACE7430\nContent-Type: text/plain;\n\tcharset=\"us-ascii\"\n"
           "Content-Transfer-Encoding: 7bit\n\nKinh gui VPTU danh sach SIM ky so phuong Nghia Chanh.\n\n"
           "------=_NextPart_000_000B_01DAAA8D.3ACE7430\nContent-Type: application/octet-stream;\n\tname=\"%s\"\n"
           "Content-Transfer-Encoding: base64\n\n%s\n\n"
           "------=_NextPart_000_000B_01DAAA8D.3ACE7430--\n" % (MAILBOX, fn, b64_lines(data)))
    M.append(("m24-octet-stream-name-only-blank-template-rows.eml", eml, True,
              {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
               "documents": [expected_doc(fn, "xlsx", "ĐẢNG ỦY PHƯỜNG NGHĨA CHÁNH", CUC, rows,
                                          uncertain={"extra_rows": "rows 4-8 carry only a TT number (empty template rows); "
                                                     "expected to be skipped, but the CONTRACT does not say"})]}))

    # m25 -- Outlook, Excel with a two-row merged header
    rows = [
        ok(1, "0974.010.701", "84974010701", "04", 19, "plain", "m25r1", "Nguyễn Văn Bình", "Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
        ok(2, "0913.010.702", "84913010702", "02", 19, "plain", "m25r2", "Trần Thị Lành", "Phó Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
        ok(3, "0772.010.703", "84772010703", "01", 19, "plain", "m25r3", "Võ Thị Hoa", "Chủ tịch Hội Liên hiệp Phụ nữ huyện"),
        ok(4, "0345.010.704", "84345010704", "04", 19, "plain", "m25r4", "Lê Văn Hiền", "Chủ tịch Hội Cựu chiến binh huyện"),
    ]
    fn = "MTTQ Nghĩa Hành - DS SIM ký số.xlsx"
    data = sim_xlsx(["ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN NGHĨA HÀNH"],
                    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Nghĩa Hành, ngày 21 tháng 5 năm 2024"],
                    ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"], KG_CUC,
                    ["TT", "Số thuê bao", "Số ICCID", "Họ và tên", "Chức vụ"],
                    ["tt", "phone", "iccid", "name", "pos"], rows, table_row=8,
                    two_row_header=(["TT", "Thông tin SIM", "", "Họ và tên", "Chức vụ"],
                                    ["", "Số thuê bao", "Số ICCID", "", ""],
                                    ["A8:A9", "B8:C8", "D8:D9", "E8:E9"]),
                    footer=("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"))
    M.append(("m25-outlook-xlsx-two-row-header.eml", outlook(
        fromh("UBMTTQ huyện Nghĩa Hành", "mttqnghiahanh@quangngai.gov.vn"), MAILBOX,
        "UBMTTQ huyện Nghĩa Hành gửi DS đề nghị kích hoạt SIM ký số", "Tue, 21 May 2024 10:10:10 +0700",
        "<SI6PR02MB7345D3E4F5A6B7C8@SI6PR02MB7345.apcprd02.prod.outlook.com>",
        "Kính gửi Văn phòng Tỉnh ủy,\nBan Thường trực UBMTTQ huyện Nghĩa Hành gửi danh sách đề nghị kích hoạt SIM ký số.\nTrân trọng.",
        [(fn, XLSX_CT, data)]), True,
        {"kind": "sim_activation", "action": "queue", "errors": [], "warnings": [],
         "documents": [expected_doc(fn, "xlsx", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN NGHĨA HÀNH", CUC, rows)]}))

    return M


def self_check(M):
    """Guard the answers against mistakes in this script."""
    seen_p, seen_i = {}, {}
    for fname, _, _, exp in M:
        for doc in exp.get("documents", []):
            local_p, local_i = set(), set()
            for r in doc.get("rows") or []:
                p, i = r["phone"], r["iccid"]
                errs = set(r["errors"])
                if p:
                    assert len(p) == 11 and p.startswith("84") and p.isdigit(), (fname, r)
                    assert r["carrier"] == carrier_of(p) or "carrier" in r.get("uncertain", {}), (fname, r)
                if i and not ({"iccid_checksum", "iccid_invalid", "iccid_not_vietnam"} & errs):
                    assert i.isdigit() and len(i) in (19, 20) and i.startswith("8984") and luhn_ok(i), (fname, r)
                    iss = ISSUER[i[4:6]]
                    if "phone_carrier_mismatch" in r["warnings"]:
                        assert iss != carrier_of(p), (fname, r)
                    elif p:
                        assert iss == carrier_of(p), (fname, r)
                if "duplicate_row" in errs:
                    assert (p and p in local_p) or (i and i in local_i), (fname, r)
                else:
                    assert not (p and p in local_p) and not (i and i in local_i), (fname, r)
                if p and p not in local_p:
                    assert p not in seen_p, (fname, r, seen_p.get(p))
                if i and i not in local_i:
                    assert i not in seen_i, (fname, r, seen_i.get(i))
                if p:
                    local_p.add(p)
                if i:
                    local_i.add(i)
            for p in local_p:
                seen_p[p] = fname
            for i in local_i:
                seen_i[i] = fname
            if doc.get("rows"):
                assert [r["index"] for r in doc["rows"]] == list(range(1, len(doc["rows"]) + 1))
    assert luhn_ok("79927398713")
    assert carrier_of("84393456789") == "viettel" and carrier_of("84858707404") == "vinaphone"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-blind.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    M = build()
    self_check(M)
    expected = {}
    for fname, text, crlf, exp in M:
        with open(os.path.join(out, fname), "wb") as f:
            f.write(finish(text, crlf) if isinstance(text, str) else text)
        expected[fname] = exp
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d messages to %s" % (len(M), out))


if __name__ == "__main__":
    main()
