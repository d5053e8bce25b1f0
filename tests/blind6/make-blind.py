#!/usr/bin/python3
"""make-blind.py OUT — write blind set 6: OUT/NN-name.eml and
OUT/NN-name.expect.json for every message.  Deterministic: fixed dates,
fixed boundaries, fixed Message-IDs, no randomness.

Expectations are written from ../shared/CONTRACT.md alone, for the
configuration the judge runs (samples/hotrocks.conf: require_signature =
false, no sender registry, no trust anchors); see README.md.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import docs  # noqa: E402
from docs import CUC, VPTU, e164, iccid, carrier_of, ISSUER  # noqa: E402
import mime  # noqa: E402
from mime import attach, bword, multi, qword, rfc2231, rfc822, text  # noqa: E402

OUT = None
CASES = []

# ------------------------------------------------------------------ units

P = "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
UNITS = {
    "sontinh": (P, "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh", "vanphong.sontinh@quangngai.dcs.vn"),
    "bato": (P, "HUYỆN ỦY BA TƠ", "Ba Tơ", "vphu.bato@quangngai.dcs.vn"),
    "thanhuy": (P, "THÀNH ỦY QUẢNG NGÃI", "Quảng Ngãi", "vanphong.thanhuy@quangngai.dcs.vn"),
    "ducpho": (P, "THỊ ỦY ĐỨC PHỔ", "Đức Phổ", "vanphong.ducpho@quangngai.dcs.vn"),
    "tinhphong": ("ĐẢNG BỘ HUYỆN SƠN TỊNH", "ĐẢNG ỦY XÃ TỊNH PHONG", "Tịnh Phong",
                  "dangUy.tinhphong@quangngai.dcs.vn"),
    "binhhai": ("ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY XÃ BÌNH HẢI", "Bình Hải", "du.binhhai@quangngai.dcs.vn"),
    "btc": ("TỈNH ỦY QUẢNG NGÃI", "BAN TỔ CHỨC", "Quảng Ngãi", "bantochuc@quangngai.dcs.vn"),
    "btg": ("TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO", "Quảng Ngãi", "bantuyengiao@quangngai.dcs.vn"),
    "moduc": (P, "HUYỆN ỦY MỘ ĐỨC", "Mộ Đức", "vanphong.moduc@quangngai.dcs.vn"),
    "nghiahanh": (P, "HUYỆN ỦY NGHĨA HÀNH", "Nghĩa Hành", "vphu.nghiahanh@quangngai.dcs.vn"),
}
ORG_OK = {
    "btc": ["BAN TỔ CHỨC", "BAN TỔ CHỨC TỈNH ỦY QUẢNG NGÃI"],
    "btg": ["BAN TUYÊN GIÁO", "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI"],
}
MAILBOX = "HotroCKS@quangngai.dcs.vn"


SHORT = {"sontinh": "Huyện ủy Sơn Tịnh", "bato": "Huyện ủy Ba Tơ", "thanhuy": "Thành ủy Quảng Ngãi",
         "ducpho": "Thị ủy Đức Phổ", "tinhphong": "Đảng ủy xã Tịnh Phong", "binhhai": "Đảng ủy xã Bình Hải",
         "btc": "Ban Tổ chức Tỉnh ủy", "btg": "Ban Tuyên giáo Tỉnh ủy", "moduc": "Huyện ủy Mộ Đức",
         "nghiahanh": "Huyện ủy Nghĩa Hành"}


def org_ok(u):
    return ORG_OK.get(u, [UNITS[u][1]])


def place_date(u, day=8, month=5):
    return "%s, ngày %02d tháng %d năm 2024" % (UNITS[u][2], day, month)


# ------------------------------------------------------------------ people

NAMES = ["Nguyễn Thị Thu Hà", "Trần Minh Đức", "Lê Quang Vinh", "Phạm Thị Hồng Nhung",
         "Võ Văn Thành", "Huỳnh Thị Mai", "Đặng Công Tuấn", "Bùi Xuân Phúc",
         "Đỗ Thị Kim Oanh", "Ngô Văn Lực", "Phan Thanh Sơn", "Hồ Thị Lệ Thủy",
         "Trương Đình Khải", "Lương Thị Ngọc Ánh", "Châu Văn Hiếu", "Tạ Quang Huy"]
POS_DISTRICT = ["Bí thư Huyện ủy", "Phó Bí thư Thường trực Huyện ủy", "Chánh Văn phòng Huyện ủy",
                "Trưởng Ban Tổ chức Huyện ủy", "Phó Trưởng Ban Tuyên giáo Huyện ủy",
                "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"]
POS_COMMUNE = ["Bí thư Đảng ủy xã", "Phó Bí thư Đảng ủy xã", "Phó Bí thư Thường trực Đảng ủy xã"]
POS_BAN = ["Trưởng ban", "Phó Trưởng ban", "Phó Trưởng ban Thường trực", "Trưởng phòng Tổ chức cán bộ"]
PREFIXES = ["098", "091", "090", "035", "083", "093", "097", "094", "077", "086", "088", "079"]


def people(n, seed, positions=POS_DISTRICT):
    out = []
    for i in range(n):
        k = seed * 7 + i
        pre = PREFIXES[k % len(PREFIXES)]
        phone = "%s%07d" % (pre, (seed * 1234567 + i * 7654321 + 2345678) % 10000000)
        car = carrier_of(phone)
        out.append({
            "phone": phone, "carrier": car,
            "iccid": iccid(ISSUER[car], (seed * 1000003 + i * 7919 + 400000000) % 10 ** 12),
            "name": NAMES[k % len(NAMES)], "position": positions[i % len(positions)],
        })
    return out


def dotted(p):
    return "%s.%s.%s" % (p[:4], p[4:7], p[7:])


def spaced(p):
    return "%s %s %s" % (p[:4], p[4:7], p[7:])


def plus84(p):
    return "+84 %s %s %s" % (p[1:4], p[4:7], p[7:])


def grouped(i):
    return " ".join(i[k:k + 4] for k in range(0, len(i), 4))


def cells(ps, phone=lambda p: p, icc=lambda i: i):
    return [[phone(p["phone"]), icc(p["iccid"]), p["name"], p["position"]] for p in ps]


# ------------------------------------------------------------------ expectations

def row(errors=(), warnings=(), opt_e=(), opt_w=()):
    r = {"errors": list(errors), "warnings": list(warnings)}
    if opt_e:
        r["optional_errors"] = list(opt_e)
    if opt_w:
        r["optional_warnings"] = list(opt_w)
    return r


def clean_rows(n):
    return [row() for _ in range(n)]


def doc(filename, kind, fmt, rows="any", errors=(), warnings=(), opt_e=(), opt_w=(), org=None):
    d = {"filename": filename, "kind": kind, "format": fmt, "errors": list(errors),
         "warnings": list(warnings),
         # require_signature = false: an unsigned document may be told so
         # as a warning (README "otherwise those are warnings").
         "optional_warnings": ["signature_missing"] + list(opt_w)}
    if opt_e:
        d["optional_errors"] = list(opt_e)
    if org:
        d["organization"] = org
    d["rows"] = rows
    return d


def case(name, eml, kind, action, documents="any", errors=(), warnings=(), opt_e=(), opt_w=(),
         subject=None, sender=None, why=""):
    CASES.append((name, eml, {
        "kind": kind, "action": action, "errors": list(errors), "warnings": list(warnings),
        "optional_errors": list(opt_e), "optional_warnings": list(opt_w),
        "subject": subject, "from": sender, "documents": documents, "why": why}))


# ------------------------------------------------------------------ clients

N = [0]


def hdrs(frm, subject_enc, day, hour, extra=(), to=MAILBOX, msgid=None):
    N[0] += 1
    mid = msgid or "<blind6.%03d.%s>" % (N[0], frm.split("@")[1])
    return [("Return-Path", "<%s>" % frm.split("<")[-1].rstrip(">")),
            ("Received", "from mail.quangngai.dcs.vn (mail.quangngai.dcs.vn [10.1.2.3])\n\tby mx.quangngai.dcs.vn"
             " (Postfix) with ESMTPS id 4VZ%03dK; %s" % (N[0], date(day, hour))),
            ("From", frm), ("To", to), ("Subject", subject_enc),
            ("Date", date(day, hour)), ("Message-ID", mid)] + list(extra)


def date(day, hour):
    wd = ["Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"][(day - 8) % 7]
    return "%s, %02d May 2024 %02d:%02d:00 +0700" % (wd, day, hour, (day * 7 + hour * 3) % 60)


def html_of(s):
    body = "".join("<p>%s</p>" % (ln if ln else "&nbsp;") for ln in s.split("\n"))
    return "<html><head><meta charset=\"utf-8\"></head><body>%s</body></html>" % body


def outlook(frm, subject, body, atts, day=8, hour=9, extra=(), name=None):
    tag = "_%03d_" % (len(CASES) + 1)
    alt = multi("alternative", "_000_blind6%sPR01MB_" % tag,
                [text(body, "plain"), text(html_of(body), "html")])
    ent = multi("mixed", "_004_blind6%sPR01MB_" % tag, [alt] + atts) if atts else alt
    return mime.message(hdrs(frm, bword(subject), day, hour, [
        ("Thread-Topic", bword(subject)), ("Thread-Index", "AdqhBl%04dQ==" % (len(CASES) + 1)),
        ("Accept-Language", "vi-VN, en-US"), ("Content-Language", "vi-VN"),
        ("X-MS-Has-Attach", "yes" if atts else ""), ("X-Mailer", "Microsoft Outlook 16.0")] + list(extra)), ent)


def thunderbird(frm, subject, body, atts, day=8, hour=9, extra=()):
    tag = "------------blind6tb%03d" % (len(CASES) + 1)
    parts = [text(body, "plain", cte="8bit")]
    ent = multi("mixed", tag, parts + atts, preamble="This is a multi-part message in MIME format.")
    return mime.message(hdrs(frm, bword(subject), day, hour, [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1"),
        ("Content-Language", "vi")] + list(extra)), ent)


def gmail(frm, subject, body, atts, day=8, hour=9, extra=()):
    tag = "000000000000blind6gm%03d" % (len(CASES) + 1)
    alt = multi("alternative", tag + "a", [text(body, "plain", cte="base64"),
                                          text(html_of(body), "html", cte="quoted-printable")])
    ent = multi("mixed", tag + "m", [alt] + atts) if atts else alt
    return mime.message(hdrs(frm, bword(subject, maxbytes=60), day, hour, list(extra)), ent)


def zimbra(frm, subject, body, atts, day=8, hour=9, extra=()):
    tag = "=_blind6zm%03d" % (len(CASES) + 1)
    alt = multi("alternative", tag + "a", [text(body, "plain"), text(html_of(body), "html")])
    ent = multi("mixed", tag + "m", [alt] + atts) if atts else alt
    return mime.message(hdrs(frm, qword(subject), day, hour, [
        ("X-Mailer", "Zimbra 8.8.15_GA_4508 (ZimbraWebClient - GC124 (Win)/8.8.15_GA_4508)"),
        ("Thread-Index", "blind6%03d" % (len(CASES) + 1))] + list(extra)), ent)


def gm_att(data, ext, fname, n=1):
    return attach(data, ext, 'name="%s"' % bword(fname, maxbytes=60),
                  'attachment; filename="%s"' % bword(fname, maxbytes=60),
                  ["X-Attachment-Id: f_lvx%03d%d" % (len(CASES) + 1, n),
                   "Content-ID: <f_lvx%03d%d>" % (len(CASES) + 1, n)])


def ol_att(data, ext, fname):
    return attach(data, ext, 'name="%s"' % bword(fname),
                  'attachment;\n filename="%s";\n size=%d;\n creation-date="Wed, 08 May 2024 01:58:12 GMT";'
                  '\n modification-date="Wed, 08 May 2024 02:00:41 GMT"' % (bword(fname), len(data)),
                  ["Content-Description: %s" % bword(fname)])


def zm_att(data, ext, fname):
    return attach(data, ext, 'name="%s"' % qword(fname), 'attachment; filename="%s"' % qword(fname))


def tb_att(data, ext, fname):
    return attach(data, ext, rfc2231("name", fname, chunk=40), "attachment;\n " + rfc2231("filename", fname, chunk=40))


def body_for(u, what="danh sách đề nghị kích hoạt SIM ký số"):
    unit = SHORT[u]
    return ("Kính gửi Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy.\n\n"
            "%s gửi %s (file đính kèm), đề nghị Văn phòng Tỉnh ủy hỗ trợ.\n\n"
            "Trân trọng.\n--\nVăn phòng %s\nĐT: 0255 3845 123" % (unit, what, unit))


def sim_docx_for(u, rows, **kw):
    p, o, _, _ = UNITS[u]
    return docs.sim_docx(p, o, place_date(u), rows, **kw)


def sim_xlsx_for(u, rows, **kw):
    p, o, _, _ = UNITS[u]
    return docs.sim_xlsx(p, o, place_date(u), rows, **kw)


FN_DOCX = "Danh sách đề nghị kích hoạt SIM ký số.docx"
FN_XLSX = "Danh sách kích hoạt SIM PKI.xlsx"


def sim_case(name, u, client, data, ext, fname, nrows, row_exp=None, subject=None, action="queue",
             doc_errors=(), doc_warn=(), msg_errors=(), day=8, hour=9, att=None, extra=(), why="",
             frm=None, judge_subject=False, kind="sim_activation"):
    subject = subject or "Danh sách đề nghị kích hoạt SIM ký số - %s" % SHORT[u]
    frm = frm or UNITS[u][3]
    a = (att or {"ol": ol_att, "gm": gm_att, "zm": zm_att, "tb": tb_att}[client])(data, ext, fname)
    eml = {"ol": outlook, "gm": gmail, "zm": zimbra, "tb": thunderbird}[client](
        frm, subject, body_for(u), [a], day=day, hour=hour, extra=extra)
    rows = row_exp if row_exp is not None else clean_rows(nrows)
    case(name, eml, kind, action,
         [doc(fname, kind, ext, rows, errors=doc_errors, warnings=doc_warn, org=org_ok(u))],
         errors=msg_errors, subject=subject if judge_subject else None, why=why)


# ------------------------------------------------------------------ the cases

def build():
    # 01 Outlook, Word list, phones typed in four ways.
    ps = people(4, 1)
    fm = [dotted, plus84, lambda p: "84" + p[1:], spaced]
    rows = [[fm[i](p["phone"]), p["iccid"], p["name"], p["position"]] for i, p in enumerate(ps)]
    sim_case("ol-docx-phones-typed", "sontinh", "ol", sim_docx_for("sontinh", rows), "docx", FN_DOCX, 4,
             judge_subject=True,
             why="DOMAIN: every way people type numbers; require_signature=false so clean list queues")

    # 02 Thunderbird: RFC 2231 continued file name; headers SĐT / Mã ICCID / Họ và tên / Chức danh.
    ps = people(3, 2)
    fn = "Danh sách đề nghị kích hoạt SIM ký số của Huyện ủy Ba Tơ đợt 2 năm 2024.xlsx"
    hdr = ["STT", "SĐT", "Mã ICCID", "Họ và tên", "Chức danh"]
    sim_case("tb-rfc2231-continued-name", "bato", "tb",
             sim_xlsx_for("bato", cells(ps), header=hdr), "xlsx", fn, 3,
             why="CONTRACT filename: decoded UTF-8 file name (RFC 2231 filename*0*= continuations)")

    # 03 File name only in Content-Type name= (no Content-Disposition); "Số ĐT", "Số Seri SIM".
    ps = people(3, 3)
    hdr = ["TT", "Số ĐT", "Số Seri SIM", "Họ và tên", "Chức vụ"]
    fn = "DS kich hoat SIM ky so Thanh uy.docx"
    a = attach(sim_docx_for("thanhuy", cells(ps), header=hdr), "docx", 'name="%s"' % fn, None)
    sim_case("ctype-name-only", "thanhuy", "ol", None, "docx", fn, 3, att=lambda *_: a,
             why="a file name only in Content-Type name=; DOMAIN: the SIM's device number is its ICCID printed on the card")

    # 04 iPhone: Content-Disposition inline, filename*=utf-8''; one-line body.
    ps = people(2, 4, POS_COMMUNE)
    data = sim_docx_for("tinhphong", cells(ps))
    fn = "Danh sách SIM xã Tịnh Phong.docx"
    a = attach(data, "docx", 'name="%s"' % bword(fn), "inline;\n " + rfc2231("filename", fn))
    frm = "%s <%s>" % (bword("Đảng ủy xã Tịnh Phong"), UNITS["tinhphong"][3])
    ent = multi("mixed", "Apple-Mail-blind6-004", [text("Gửi anh danh sách ạ", "plain"), a,
                                                 text("\n\nGửi từ iPhone của tôi", "plain", cte="quoted-printable")])
    eml = mime.message(hdrs(frm, bword("Danh sách SIM ký số xã Tịnh Phong"), 9, 7,
                            [("X-Mailer", "iPhone Mail (21E236)"), ("Content-Transfer-Encoding", "7bit")]), ent)
    case("iphone-inline-disposition", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(2), org=org_ok("tinhphong"))],
         why="an attachment with Content-Disposition: inline is still the unit's file")

    # 05 Android Gmail app: one-line base64 body, phones as numbers (leading 0 lost), "Số thuê bao".
    ps = people(3, 5)
    hdr = ["TT", "Số thuê bao", "Số ICCID", "Họ và tên", "Chức vụ"]
    rows = [[int(p["phone"]), p["iccid"], p["name"], p["position"]] for p in ps]
    data = sim_xlsx_for("ducpho", rows, header=hdr)
    fn = "DS_SIM_DucPho.xlsx"
    tag = "000000000000blind6an005"
    ent = multi("mixed", tag, [multi("alternative", tag + "a", [
        text("Gửi VP Tỉnh ủy danh sách SIM", "plain", cte="base64"),
        text('<div dir="auto">Gửi VP Tỉnh ủy danh sách SIM</div>', "html", cte="base64")]),
        gm_att(data, "xlsx", fn)])
    eml = mime.message(hdrs(UNITS["ducpho"][3], bword("DS SIM"), 9, 8), ent)
    case("android-one-line-numbers", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "xlsx", clean_rows(3), org=org_ok("ducpho"))],
         why="DOMAIN: a numeric Excel cell that dropped the leading zero")

    # 06 windows-1258 body and subject (decomposed tone marks).
    ps = people(3, 6)
    subj = "Đề nghị kích hoạt SIM ký số - Huyện ủy Mộ Đức"
    body = body_for("moduc")
    enc_subj = qword(mime.cp1258(subj), "windows-1258")
    data = sim_docx_for("moduc", cells(ps))
    fn = "DS SIM Mo Duc.docx"
    tag = "----=_NextPart_blind6_006"
    ent = multi("mixed", tag, [text(mime.cp1258(body), "plain", charset="windows-1258"),
                               ol_att(data, "docx", fn)])
    eml = mime.message(hdrs(UNITS["moduc"][3], enc_subj, 9, 9, [("X-Mailer", "Microsoft Office Outlook 12.0")]), ent)
    case("cp1258-subject-body", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(3), org=org_ok("moduc"))], subject=subj,
         why="CONTRACT subject: decoded UTF-8; text: UTF-8, NFC (windows-1258 writes tone marks apart)")

    # 07 windows-1252 declared (typed without diacritics, en dash in subject).
    ps = people(2, 7)
    subj = "Danh sach kich hoat SIM – Huyen uy Nghia Hanh"
    body = "Kinh gui Phong CY-CNTT,\n\nHuyen uy Nghia Hanh gui danh sach kich hoat SIM ky so – dot 1.\n\nTran trong."
    data = sim_xlsx_for("nghiahanh", cells(ps))
    fn = "DS kich hoat SIM.xlsx"
    ent = multi("mixed", "----=_NextPart_blind6_007", [text(body, "plain", charset="windows-1252"),
                                                        ol_att(data, "xlsx", fn)])
    eml = mime.message(hdrs(UNITS["nghiahanh"][3], qword(subj, "windows-1252"), 9, 10), ent)
    case("cp1252-subject", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "xlsx", clean_rows(2), org=org_ok("nghiahanh"))], subject=subj,
         why="CONTRACT subject: decoded UTF-8")

    # 08 HTML-only body (no text/plain) with an Excel list.
    ps = people(3, 8)
    data = sim_xlsx_for("sontinh", cells(ps, phone=spaced))
    fn = "DS SIM dot 3.xlsx"
    ent = multi("mixed", "b6-008", [text(html_of(body_for("sontinh")), "html"), zm_att(data, "xlsx", fn)])
    eml = mime.message(hdrs(UNITS["sontinh"][3], qword("DS SIM đợt 3"), 9, 11), ent)
    case("html-only-body", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "xlsx", clean_rows(3), org=org_ok("sontinh"))],
         why="a body in HTML only; the attachment is the document")

    # 09 Phụ lục 3 pasted as an HTML table in the body, nothing attached.
    ps = people(3, 9, POS_COMMUNE)
    trs = "".join("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" %
                  (i + 1, spaced(p["phone"]), p["iccid"], p["name"], p["position"]) for i, p in enumerate(ps))
    html = ("<html><body><p>ĐẢNG BỘ HUYỆN BÌNH SƠN<br>ĐẢNG ỦY XÃ BÌNH HẢI</p>"
            "<p style=\"text-align:center\"><b>DANH SÁCH<br>ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ</b></p>"
            "<p style=\"text-align:center\">Kính gửi: %s</p>"
            "<table border=\"1\" cellspacing=\"0\"><tr><th>TT</th><th>Số điện thoại</th><th>Số ICCID</th>"
            "<th>Họ và tên người dùng</th><th>Chức vụ</th></tr>%s</table>"
            "<p>Đảng ủy xã Bình Hải</p></body></html>") % (CUC, trs)
    plain = "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ\n" + "\n".join(
        "%d\t%s\t%s\t%s\t%s" % (i + 1, spaced(p["phone"]), p["iccid"], p["name"], p["position"]) for i, p in enumerate(ps))
    ent = multi("alternative", "b6-009", [text(plain, "plain"), text(html, "html")])
    eml = mime.message(hdrs(UNITS["binhhai"][3], bword("Danh sách kích hoạt SIM ký số xã Bình Hải"), 9, 14), ent)
    case("html-table-in-body", eml, "sim_activation", "queue",
         [doc(None, "sim_activation", "body", clean_rows(3), org="any")],
         why="CONTRACT format body: a table read from the message's own HTML body when nothing is attached")

    # 10 Apple Mail: alternative{plain, mixed{html, xlsx inline, html}}.
    ps = people(3, 10)
    data = sim_xlsx_for("thanhuy", cells(ps, phone=dotted))
    fn = "Danh sách SIM Thành ủy.xlsx"
    b = body_for("thanhuy")
    a = attach(data, "xlsx", 'name="%s"' % bword(fn), 'inline;\n filename="%s"' % bword(fn))
    inner = multi("mixed", "Apple-Mail=_blind6-010-m", [
        text('<html><body><div>%s</div><div><br></div></body></html>' % b.replace("\n", "<br>"), "html"), a,
        text("<html><body><div><br></div><div>Văn phòng Thành ủy</div></body></html>", "html")])
    ent = multi("alternative", "Apple-Mail=_blind6-010-a", [text(b, "plain"), inner])
    eml = mime.message(hdrs(UNITS["thanhuy"][3], bword("Danh sách SIM ký số Thành ủy"), 10, 8,
                            [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")]), ent)
    case("applemail-alternative-mixed", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "xlsx", clean_rows(3), org=org_ok("thanhuy"))],
         why="Apple Mail puts attachments inside the HTML alternative")

    # 11 Outlook with a signature logo (related image001.png) beside the Word list.
    ps = people(2, 11)
    data = sim_docx_for("bato", cells(ps))
    b = body_for("bato")
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
    rel = multi("related", "_005_blind6011_", [
        multi("alternative", "_000_blind6011_", [text(b, "plain"),
              text(html_of(b).replace("</body>", '<img src="cid:image001.png@01DAA10B.5E2C8D40"></body>'), "html")]),
        attach(png, "png", 'name="image001.png"', 'inline; filename="image001.png"',
               ["Content-ID: <image001.png@01DAA10B.5E2C8D40>"])], params=' type="multipart/alternative";')
    fn = "DS SIM Ba To.docx"
    ent = multi("mixed", "_006_blind6011_", [rel, ol_att(data, "docx", fn)])
    eml = mime.message(hdrs(UNITS["bato"][3], bword("Danh sách SIM ký số Huyện ủy Ba Tơ"), 10, 9,
                            [("X-Mailer", "Microsoft Outlook 16.0")]), ent)
    case("outlook-related-logo", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(2), org=org_ok("bato"))],
         why="the signature logo is part of the HTML body (multipart/related, Content-ID), not a document")

    # 12 Fwd: a commune's mail attached as message/rfc822 by the district office.
    ps = people(2, 12, POS_COMMUNE)
    data = sim_xlsx_for("tinhphong", cells(ps))
    fn = "DS SIM Tinh Phong.xlsx"
    inner = zimbra(UNITS["tinhphong"][3], "Danh sách SIM ký số xã Tịnh Phong",
                   body_for("tinhphong"), [zm_att(data, "xlsx", fn)], day=7, hour=15,
                   extra=(), )
    inner = inner  # to= is the district office in reality; kept simple
    outer_body = "Văn phòng Huyện ủy Sơn Tịnh chuyển danh sách của Đảng ủy xã Tịnh Phong.\nTrân trọng."
    ent = multi("mixed", "b6-012", [text(outer_body, "plain"),
                                    rfc822(inner, ['Content-Disposition: attachment; filename="%s"' %
                                                   bword("Danh sách SIM ký số xã Tịnh Phong.eml")])])
    eml = mime.message(hdrs(UNITS["sontinh"][3], bword("Fwd: Danh sách SIM ký số xã Tịnh Phong"), 10, 10), ent)
    case("fwd-rfc822-commune", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "xlsx", clean_rows(2), org=org_ok("tinhphong"))],
         sender=UNITS["sontinh"][3],
         why="DOMAIN Forwards: the unit is the document's letterhead, not the forwarder")

    # 13 Outlook FW: whose attached mail is itself a Fwd: carrying message/rfc822 (two levels).
    ps = people(2, 13, POS_COMMUNE)
    data = sim_docx_for("binhhai", cells(ps))
    fn = "Danh sách SIM Bình Hải.docx"
    lvl2 = gmail("dangUy.binhhai.qn@quangngai.dcs.vn", "DS SIM Bình Hải", body_for("binhhai"),
                 [gm_att(data, "docx", fn)], day=6, hour=16)
    lvl1 = thunderbird("vphu.binhson@quangngai.dcs.vn", "Fwd: DS SIM Bình Hải", "Chuyển tiếp.",
                       [rfc822(lvl2, ["Content-Disposition: attachment"])], day=7, hour=8)
    ent = multi("mixed", "_004_blind6013_", [text("Chuyển Phòng CY-CNTT xử lý.", "plain"),
                                             rfc822(lvl1, ["Content-Disposition: attachment"])])
    eml = mime.message(hdrs("vanphong.binhson@quangngai.dcs.vn", bword("FW: Fwd: DS SIM Bình Hải"), 10, 11,
                            [("X-Mailer", "Microsoft Outlook 16.0")]), ent)
    case("fw-fwd-nested-rfc822", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(2), org=org_ok("binhhai"))],
         why="forwards nest; the list inside is the one document")

    # 14 A .zip holding the list (CONTRACT is silent on archives: a person).
    ps = people(3, 14)
    z = docs.zip_of([("DS SIM Son Tinh.xlsx", sim_xlsx_for("sontinh", cells(ps)))])
    fn = "DS SIM Son Tinh.zip"
    eml = outlook(UNITS["sontinh"][3], "Danh sách SIM (nén)", body_for("sontinh"), [ol_att(z, "zip", fn)], day=10, hour=14)
    case("zip-holding-list", eml, "any", "manual", "any", opt_e=["no_documents"],
         why="CONTRACT names no zip format; formats are docx/xlsx/xls/pdf/body/doc/other: a person looks")

    # 15 The same list attached twice.
    ps = people(3, 15)
    data = sim_docx_for("moduc", cells(ps))
    fn = "DS SIM Mo Duc.docx"
    eml = gmail(UNITS["moduc"][3], "DS SIM Mộ Đức", body_for("moduc"),
                [gm_att(data, "docx", fn, 1), gm_att(data, "docx", fn, 2)], day=10, hour=15)
    case("same-attachment-twice", eml, "sim_activation", "any", "any",
         why="both documents are sim_activation, so the kinds agree; CONTRACT says nothing of a repeated attachment")

    # 16 Excel: title rows, two-row merged header, a blank row, total row "Tổng cộng: 5 người".
    ps = people(5, 16)
    data = sim_xlsx_for("thanhuy", cells(ps), two_row_header=True, blank_after=3, total="Tổng cộng: 5 người")
    sim_case("xlsx-merged-header-total", "thanhuy", "zm", data, "xlsx", "DS SIM Thanh uy dot 4.xlsx", 5,
             why="a total row and a blank row are not subscribers")

    # 17 Word: letterhead as a borderless table, merged two-row header, total row.
    ps = people(4, 17)
    data = sim_docx_for("ducpho", cells(ps, phone=dotted), letterhead_table=True, two_row_header=True,
                        total="Tổng cộng: 4 người")
    sim_case("docx-letterhead-table-merged-total", "ducpho", "gm", data, "docx", "DS SIM Duc Pho.docx", 4,
             why="letterhead typed as a borderless table; merged header; a total row is no subscriber")

    # 18 Excel phones every way: number without 0, "84…" text, dashes, quote-prefixed, number 84…
    ps = people(5, 18)
    ph = [int(ps[0]["phone"]), "84" + ps[1]["phone"][1:], "%s-%s-%s" % (ps[2]["phone"][:4], ps[2]["phone"][4:7], ps[2]["phone"][7:]),
          ps[3]["phone"], int("84" + ps[4]["phone"][1:])]
    rows = [[ph[i], p["iccid"], p["name"], p["position"]] for i, p in enumerate(ps)]
    data = sim_xlsx_for("bato", rows, quote_prefix_cols=(2,))
    sim_case("xlsx-phones-every-way", "bato", "tb", data, "xlsx", "DS SIM Ba To dot 2.xlsx", 5,
             why="DOMAIN numbers; phone normal form 84 + 9 digits")

    # 19 ICCIDs stored as numbers by Excel (scientific format).
    ps = people(3, 19)
    rows = [[p["phone"], float(p["iccid"]), p["name"], p["position"]] for p in ps]
    data = sim_xlsx_for("nghiahanh", rows, number_formats={3: "0.00E+00"})
    sim_case("xlsx-iccid-scientific", "nghiahanh", "ol", data, "xlsx", "DS SIM Nghia Hanh.xlsx", 3,
             row_exp=[row(["iccid_precision_lost"], opt_e=["iccid_checksum", "iccid_invalid"]) for _ in ps],
             action="reject", why="CONTRACT iccid_precision_lost; errors make the action reject")

    # 20 Wrong check digits on two rows.
    ps = people(4, 20)
    rows = cells(ps)
    for k in (1, 3):
        bad = iccid(ISSUER[ps[k]["carrier"]], int(ps[k]["iccid"][6:18]), good=False)
        rows[k][1] = grouped(bad)
    rows[0][1] = grouped(rows[0][1])
    data = sim_docx_for("sontinh", rows)
    sim_case("docx-iccid-checksum", "sontinh", "zm", data, "docx", FN_DOCX, 4,
             row_exp=[row(), row(["iccid_checksum"]), row(), row(["iccid_checksum"])], action="reject",
             why="CONTRACT iccid_checksum (Luhn check fails)")

    # 21 A person's row typed twice.
    ps = people(3, 21)
    rows = cells(ps)
    rows.append(list(rows[1]))
    data = sim_xlsx_for("moduc", rows)
    sim_case("xlsx-person-twice", "moduc", "gm", data, "xlsx", "DS SIM Mo Duc dot 2.xlsx", 4,
             row_exp=[row(), row(opt_e=["duplicate_row"]), row(), row(["duplicate_row"])], action="reject",
             why="CONTRACT duplicate_row: same phone or ICCID twice in one document")

    # 22 Subscriber e-mail column with a gmail address.
    ps = people(3, 22)
    rows = cells(ps)
    mails = ["hant.sontinh@quangngai.dcs.vn", "tranminhduc1975@gmail.com", "vinhlq@quangngai.dcs.vn"]
    for r, m in zip(rows, mails):
        r.append(m)
    data = sim_xlsx_for("sontinh", rows, extra_header=["Email"])
    sim_case("xlsx-email-gmail", "sontinh", "ol", data, "xlsx", "DS SIM kem email.xlsx", 3,
             row_exp=[row(), row(["email_public_domain"]), row()], action="reject",
             why="CONTRACT email_public_domain (a subscriber e-mail on gmail)")

    # 23 No ICCID column at all.
    ps = people(3, 23)
    hdr = ["TT", "Số điện thoại", "Họ và tên", "Chức vụ"]
    rows = [[p["phone"], p["name"], p["position"]] for p in ps]
    data = sim_docx_for("ducpho", rows, header=hdr)
    sim_case("docx-no-iccid-column", "ducpho", "tb", data, "docx", "DS SIM thieu ICCID.docx", 0,
             row_exp="any", action="reject", doc_errors=["columns_missing"],
             why="CONTRACT columns_missing; errors make the action reject")

    # 24 Header only, no rows.
    data = sim_docx_for("thanhuy", [])
    sim_case("docx-no-rows", "thanhuy", "zm", data, "docx", "Mau Phu luc 3.docx", 0,
             row_exp=[], action="reject", doc_errors=["no_rows"], why="CONTRACT no_rows")

    # 25 List addressed to VPTU.
    ps = people(2, 25)
    data = sim_docx_for("bato", cells(ps), addressee=VPTU)
    sim_case("docx-addressed-vptu", "bato", "ol", data, "docx", "DS SIM gui VPTU.docx", 2,
             action="reject", doc_errors=["wrong_addressee"],
             why="CONTRACT wrong_addressee: a SIM activation list not addressed to the Cục")

    # 26 A clerk (Chuyên viên) in the list: warning only.
    ps = people(3, 26)
    rows = cells(ps)
    rows[2][3] = "Chuyên viên Văn phòng Huyện ủy"
    data = sim_xlsx_for("nghiahanh", rows)
    sim_case("xlsx-position-not-eligible", "nghiahanh", "zm", data, "xlsx", "DS SIM NH.xlsx", 3,
             row_exp=[row(), row(), row(warnings=["position_not_eligible"])],
             why="CONTRACT position_not_eligible is a warning; warnings never reject")

    # 27 Good list from a gmail address.
    ps = people(2, 27, POS_COMMUNE)
    data = sim_docx_for("tinhphong", cells(ps))
    sim_case("gmail-sender", "tinhphong", "gm", data, "docx", "DS SIM Tinh Phong.docx", 2,
             frm="danguytinhphong@gmail.com", action="reject", msg_errors=["sender_public_domain"],
             why="CONTRACT sender_public_domain; errors make the action reject")

    # 28 Real .xls (BIFF8) from Excel 2003.
    ps = people(2, 28)
    p0, o0, _, _ = UNITS["moduc"]
    data = docs.sim_xls(p0, o0, place_date("moduc"), cells(ps))
    sim_case("xls-biff8", "moduc", "ol", data, "xls", "DS SIM Mo Duc.xls", 2,
             why="CONTRACT format xls")

    # 29 Cover letter (công văn) PDF + Word list, both unsigned.
    ps = people(3, 29)
    pdf = docs.cover_letter_pdf(P, "HUYỆN ỦY SƠN TỊNH", "245-CV/HU", place_date("sontinh"),
                                "V/v đề nghị kích hoạt SIM ký số",
                                ["Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng",
                                 "Tỉnh ủy, Ban Thường vụ Huyện ủy Sơn Tịnh gửi danh sách đề nghị kích",
                                 "hoạt SIM ký số (file mềm kèm theo), đề nghị Văn phòng Tỉnh ủy hỗ trợ."],
                                ("CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng"))
    data = sim_docx_for("sontinh", cells(ps))
    fn1, fn2 = "245-CV-HU.pdf", "Phu luc 3 - DS SIM.docx"
    eml = outlook(UNITS["sontinh"][3], "V/v đề nghị kích hoạt SIM ký số", body_for("sontinh"),
                  [ol_att(pdf, "pdf", fn1), ol_att(data, "docx", fn2)], day=13, hour=8)
    case("cover-letter-pdf-plus-list", eml, "sim_activation", "queue",
         [doc(fn1, "cover_letter", "pdf", "any", org=org_ok("sontinh")),
          doc(fn2, "sim_activation", "docx", clean_rows(3), org=org_ok("sontinh"))],
         why="CONTRACT: a cover_letter never makes a message mixed")

    # 30 Mẫu 12 eToken, to VPTU, with coordinator: ours.
    p0, o0, _, _ = UNITS["btc"]
    data = docs.mau12_docx(p0, o0, place_date("btc"), VPTU,
                           [["Võ Văn Thành", "Phó Trưởng ban", "4A3F00C1", "Nhập sai mật khẩu quá 15 lần"],
                            ["Huỳnh Thị Mai", "Trưởng phòng Tổ chức cán bộ", "4A3F07D2", "Quên mật khẩu, thiết bị bị khóa"]],
                           ("Đặng Công Tuấn", "Chuyên viên Văn phòng", "0983 415 276", "tuandc@quangngai.dcs.vn"))
    fn = "Mau 12 - de nghi khoi phuc eToken.docx"
    eml = zimbra(UNITS["btc"][3], "Đề nghị khôi phục thiết bị lưu khóa bí mật (eToken)",
                 body_for("btc", "văn bản đề nghị khôi phục thiết bị lưu khóa bí mật"), [zm_att(data, "docx", fn)], day=13, hour=9)
    case("etoken-mau12", eml, "etoken_recovery", "queue",
         [doc(fn, "etoken_recovery", "docx", clean_rows(2), org=org_ok("btc"))],
         why="CONTRACT etoken_recovery: Mẫu 12 addressed to Văn phòng Tỉnh ủy; this mailbox")

    # 31 Mẫu 12 eToken addressed to the Cục.
    p0, o0, _, _ = UNITS["nghiahanh"]
    data = docs.mau12_docx(p0, o0, place_date("nghiahanh"), CUC,
                           [["Phan Thanh Sơn", "Phó Bí thư Huyện ủy", "4A3F1101", "Nhập sai mật khẩu quá 15 lần"]],
                           ("Hồ Thị Lệ Thủy", "Chuyên viên", "0905 221 334", "thuyhtl@quangngai.dcs.vn"))
    fn = "De nghi khoi phuc eToken.docx"
    eml = outlook(UNITS["nghiahanh"][3], "Đề nghị khôi phục eToken", body_for("nghiahanh", "văn bản đề nghị khôi phục eToken"),
                  [ol_att(data, "docx", fn)], day=13, hour=10)
    case("etoken-mau12-to-cuc", eml, "etoken_recovery", "reject",
         [doc(fn, "etoken_recovery", "docx", "any", errors=["wrong_addressee"], org=org_ok("nghiahanh"))],
         why="CONTRACT wrong_addressee: an eToken recovery addressed to the Cục")

    # 32 Mẫu 12 eToken without the coordinator.
    p0, o0, _, _ = UNITS["ducpho"]
    data = docs.mau12_docx(p0, o0, place_date("ducpho"), VPTU,
                           [["Trương Đình Khải", "Chánh Văn phòng Thị ủy", "4A3F2202", "Thiết bị bị khóa"]], None)
    fn = "Mau12 Duc Pho.docx"
    eml = gmail(UNITS["ducpho"][3], "Khôi phục eToken", body_for("ducpho", "Mẫu 12 đề nghị khôi phục eToken"),
                [gm_att(data, "docx", fn)], day=13, hour=11)
    case("etoken-no-coordinator", eml, "etoken_recovery", "reject",
         [doc(fn, "etoken_recovery", "docx", "any", errors=["coordinator_missing"], org=org_ok("ducpho"))],
         why="CONTRACT coordinator_missing")

    # 33 Mẫu 11 sent by the person.
    data = docs.mau11_docx("Lương Thị Ngọc Ánh", "Phó Chánh Văn phòng Huyện ủy", "Huyện ủy Mộ Đức",
                           "4A3F3303", "Nhập sai mật khẩu nhiều lần", "0914 556 778", "anhltn@quangngai.dcs.vn",
                           "Mộ Đức, ngày 13 tháng 5 năm 2024")
    fn = "Mau 11 - Luong Thi Ngoc Anh.docx"
    eml = thunderbird("anhltn@quangngai.dcs.vn", "Đề nghị mở khóa chữ ký số",
                      "Chào anh, em bị khóa USB ký số, em gửi mẫu 11 nhờ anh mở giúp.\nNgọc Ánh", [tb_att(data, "docx", fn)],
                      day=13, hour=14)
    case("mau11-person", eml, "etoken_recovery", "reject",
         [doc(fn, "etoken_recovery", "docx", "any", errors=["individual_form"])],
         why="CONTRACT individual_form: a Mẫu 11 sent straight here")

    # 34 Mẫu 12 SIM PKI (ICCIDs) to the Cục: redirect.
    p0, o0, _, _ = UNITS["thanhuy"]
    data = docs.mau12_docx(p0, o0, place_date("thanhuy"), CUC,
                           [["Tạ Quang Huy", "Phó Bí thư Thành ủy", grouped(iccid("04", 123456789012)), "Nhập sai mã PIN quá số lần quy định"]],
                           ("Châu Văn Hiếu", "Chuyên viên", "0935 667 889", "hieucv@quangngai.dcs.vn"), sim=True)
    fn = "Mau 12 khoi phuc SIM PKI.docx"
    eml = zimbra(UNITS["thanhuy"][3], "Đề nghị khôi phục SIM PKI", body_for("thanhuy", "Mẫu 12 đề nghị khôi phục SIM PKI"),
                 [zm_att(data, "docx", fn)], day=14, hour=8)
    case("sim-recovery-mau12", eml, "sim_recovery", "redirect",
         [doc(fn, "sim_recovery", "docx", "any", opt_e=["signature_missing"])],
         why="CONTRACT sim_recovery → Cục (redirect)")

    # 35 Mẫu 02: new certificates with new eTokens: redirect.
    p0, o0, _, _ = UNITS["bato"]
    data = docs.cert_docx(p0, o0, place_date("bato", 14), "Mẫu 02",
                          ["VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ", "CHO CÁC CÁ NHÂN CỦA CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP"],
                          "Huyện ủy Ba Tơ đề nghị Cục Chứng thực số và Bảo mật thông tin cấp mới chứng thư số và "
                          "thiết bị lưu khóa bí mật (USB Token) cho các cá nhân sau:",
                          ["TT", "Họ và tên", "Chức vụ", "Số CCCD", "Địa chỉ thư điện tử công vụ", "Thiết bị"],
                          [["Bùi Xuân Phúc", "Phó Chánh Văn phòng", "051085001234", "phucbx@quangngai.dcs.vn", "USB Token"],
                           ["Đỗ Thị Kim Oanh", "Chuyên viên", "051190004321", "oanhdtk@quangngai.dcs.vn", "USB Token"]])
    fn = "Mau 02 de nghi cap CTS.docx"
    eml = outlook(UNITS["bato"][3], "Đề nghị cấp chứng thư số và eToken mới", body_for("bato", "văn bản đề nghị cấp chứng thư số"),
                  [ol_att(data, "docx", fn)], day=14, hour=9)
    case("cert-request-mau02", eml, "cert_request", "redirect",
         [doc(fn, "cert_request", "docx", "any", opt_e=["signature_missing"])],
         why="CONTRACT cert_request Mẫu 01–10 → Cục (redirect)")

    # 36 Mẫu 08: change of information — SIM PKI replaced (new ICCID): redirect.
    p0, o0, _, _ = UNITS["moduc"]
    data = table_xlsx_cert(p0, o0)
    fn = "Mau 08 thay doi thong tin SIM.xlsx"
    eml = gmail(UNITS["moduc"][3], "Đề nghị thay đổi thông tin chứng thư số (thay SIM)",
                body_for("moduc", "Mẫu 08 đề nghị thay đổi thông tin chứng thư số (thay SIM PKI)"), [gm_att(data, "xlsx", fn)], day=14, hour=10)
    case("cert-change-mau08-xlsx", eml, "cert_request", "redirect",
         [doc(fn, "cert_request", "xlsx", "any", opt_e=["signature_missing"])],
         why="CONTRACT cert_request: change of information → Cục")

    # 37 Mẫu 15: lost device record: redirect.
    p0, o0, _, _ = UNITS["ducpho"]
    data = docs.cert_docx(p0, o0, place_date("ducpho", 14), "Mẫu 15",
                          ["BIÊN BẢN", "XÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT"],
                          "Hôm nay, ngày 14/5/2024, tại Văn phòng Thị ủy Đức Phổ, chúng tôi lập biên bản xác nhận "
                          "thất lạc thiết bị lưu khóa bí mật như sau:",
                          ["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu thiết bị", "Hoàn cảnh thất lạc"],
                          [["Ngô Văn Lực", "Phó Bí thư Thị ủy", "4A3F4404", "Mất khi đi công tác ngày 10/5/2024"]])
    fn = "Mau 15 bien ban that lac.docx"
    eml = zimbra(UNITS["ducpho"][3], "Biên bản thất lạc thiết bị lưu khóa bí mật", body_for("ducpho", "biên bản xác nhận thất lạc"),
                 [zm_att(data, "docx", fn)], day=14, hour=11)
    case("handover-mau15", eml, "handover", "redirect",
         [doc(fn, "handover", "docx", "any", opt_e=["signature_missing"])],
         why="CONTRACT handover Mẫu 13–15 → Cục (redirect)")

    # 38 Six-monthly report, Word.
    p0, o0, _, _ = UNITS["sontinh"]
    data = docs.report_docx(p0, o0, place_date("sontinh", 20, 6), "6 tháng đầu năm 2024")
    fn = "Bao cao CTS 6 thang 2024.docx"
    eml = outlook(UNITS["sontinh"][3], "Báo cáo tình hình sử dụng chứng thư số 6 tháng đầu năm 2024",
                  body_for("sontinh", "báo cáo 6 tháng đầu năm 2024"), [ol_att(data, "docx", fn)], day=20, hour=8)
    case("report-6-months", eml, "report", "queue",
         [doc(fn, "report", "docx", "any", org=org_ok("sontinh"))],
         why="CONTRACT report → this mailbox (archive)")

    # 39 List and report in one mail: mixed.
    ps = people(2, 39)
    d1 = sim_docx_for("bato", cells(ps))
    p0, o0, _, _ = UNITS["bato"]
    d2 = docs.report_docx(p0, o0, place_date("bato", 20, 6), "6 tháng đầu năm 2024")
    fn1, fn2 = "DS SIM Ba To.docx", "Bao cao 6 thang.docx"
    eml = gmail(UNITS["bato"][3], "DS SIM và báo cáo 6 tháng", body_for("bato", "danh sách SIM và báo cáo"),
                [gm_att(d1, "docx", fn1, 1), gm_att(d2, "docx", fn2, 2)], day=20, hour=9)
    case("list-plus-report-mixed", eml, "unknown", "manual",
         [doc(fn1, "sim_activation", "docx", "any"), doc(fn2, "report", "docx", "any")],
         errors=["mixed_documents"], why="CONTRACT: documents disagree → unknown, a person")

    # 40 Reply in our thread asking where things stand.
    b = ("Kính gửi Phòng CY-CNTT,\nĐơn vị đã gửi danh sách ngày 08/5/2024, xin hỏi đã kích hoạt chưa ạ?\n\n"
         "-----Original Message-----\nFrom: HotroCKS@quangngai.dcs.vn\nSubject: [HT-2024-000123] Đã nhận danh sách")
    eml = outlook(UNITS["sontinh"][3], "RE: [HT-2024-000123] Đã nhận danh sách đề nghị kích hoạt SIM ký số", b, [], day=21, hour=8,
                  extra=[("In-Reply-To", "<ht-2024-000123.ack@quangngai.dcs.vn>"),
                         ("References", "<blind6.001.quangngai.dcs.vn> <ht-2024-000123.ack@quangngai.dcs.vn>")])
    case("re-thread-question", eml, "unknown", "manual", [], errors=["no_documents"],
         why="CONTRACT no_documents; README: threading does not change the decision")

    # 41 Reply in our thread with the corrected list.
    ps = people(3, 41)
    data = sim_xlsx_for("nghiahanh", cells(ps))
    fn = "DS SIM NH da sua.xlsx"
    sim_case("re-thread-corrected-list", "nghiahanh", "zm", data, "xlsx", fn, 3,
             subject="Re: [HT-2024-000130] Danh sách chưa hợp lệ", day=21, hour=9,
             extra=[("In-Reply-To", "<ht-2024-000130.reject@quangngai.dcs.vn>")],
             why="README Threads: the decision is not changed by the thread")

    # 42 Exchange out-of-office (Auto-Submitted).
    b = "Tôi đang đi công tác đến hết ngày 24/5/2024. Việc gấp xin liên hệ 0255 3845 123."
    eml = outlook(UNITS["moduc"][3], "Trả lời tự động: [HT-2024-000131] Đã nhận danh sách", b, [], day=21, hour=10,
                  extra=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"),
                         ("In-Reply-To", "<ht-2024-000131.ack@quangngai.dcs.vn>")])
    case("exchange-out-of-office", eml, "auto_reply", "ignore", "any",
         opt_e=["no_documents"], why="CONTRACT auto_reply: RFC 3834 auto-submitted")

    # 43 Gmail vacation responder from a gmail address.
    eml = gmail("danguytinhphong@gmail.com", "Re: Danh sách SIM ký số",
                "Cảm ơn, tôi sẽ trả lời khi trở lại cơ quan.", [], day=21, hour=11,
                extra=[("Auto-Submitted", "auto-replied"), ("Precedence", "bulk"),
                       ("X-Autoreply", "yes")])
    case("gmail-vacation", eml, "auto_reply", "ignore", "any",
         opt_e=["sender_public_domain", "no_documents"],
         why="CONTRACT auto_reply; ignore: never answered")

    # 44 A mailing list newsletter.
    eml = zimbra("tintuc@lists.quangngai.dcs.vn", "Bản tin chuyển đổi số tháng 5/2024",
                 "Bản tin chuyển đổi số tháng 5/2024 của tỉnh Quảng Ngãi.", [], day=22, hour=7,
                 extra=[("List-Id", "Ban tin chuyen doi so <bantin.lists.quangngai.dcs.vn>"),
                        ("List-Unsubscribe", "<mailto:bantin-leave@lists.quangngai.dcs.vn>"),
                        ("Precedence", "list")])
    case("mailing-list", eml, "auto_reply", "ignore", "any", opt_e=["no_documents"],
         why="CONTRACT auto_reply includes mailing lists")

    # 45 Exchange DSN (multipart/report) for one of our replies.
    orig = ("From: HotroCKS@quangngai.dcs.vn\nTo: vanphong.sonha@quangngai.dcs.vn\n"
            "Subject: [HT-2024-000132] =?utf-8?B?xJDDoyBuaOG6rW4=?=\nMessage-ID: <ht-2024-000132.ack@quangngai.dcs.vn>\n"
            "Date: Tue, 21 May 2024 10:00:00 +0700\n").encode()
    rep = multi("report", "b6-045", [
        text("Không thể gửi thư tới vanphong.sonha@quangngai.dcs.vn: hộp thư không tồn tại.", "plain"),
        mime.leaf("message/delivery-status",
                  "Reporting-MTA: dns;EX01.quangngai.dcs.vn\n\nFinal-Recipient: rfc822;vanphong.sonha@quangngai.dcs.vn\n"
                  "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\n", "7bit"),
        ("Content-Type: text/rfc822-headers\n\n").encode() + orig], params=' report-type=delivery-status;')
    eml = mime.message([("From", "postmaster@quangngai.dcs.vn"), ("To", MAILBOX),
                        ("Subject", "Undeliverable: [HT-2024-000132]"), ("Date", date(21, 10)),
                        ("Message-ID", "<blind6.045.dsn@EX01.quangngai.dcs.vn>"),
                        ("Auto-Submitted", "auto-replied"), ("X-MS-Exchange-Message-Is-Ndr", ""),
                        ("Content-Language", "vi-VN")], rep)
    case("exchange-dsn", eml, "bounce", "ignore", "any", opt_e=["no_documents"],
         why="CONTRACT bounce: RFC 3464 delivery status notification")

    # 46 Our own mail coming back (a copy sent to ourselves).
    eml = thunderbird(MAILBOX, "[HT-2024-000133] Đã nhận danh sách đề nghị kích hoạt SIM ký số",
                      "Văn phòng Tỉnh ủy đã nhận danh sách.", [], day=22, hour=8)
    case("own-mail", eml, "any", "ignore", "any", opt_e=["no_documents"],
         why="CONTRACT ignore: our own mail")

    # 47 HTML-only question, nothing attached: a person.
    ent = text(html_of("Kính gửi anh Quang,\nCho em hỏi thủ tục gia hạn chứng thư số gửi về đâu ạ?\nEm cảm ơn."), "html")
    eml = mime.message(hdrs(UNITS["btg"][3], bword("Hỏi thủ tục gia hạn chứng thư số"), 22, 9), ent)
    case("html-only-question", eml, "unknown", "manual", [], errors=["no_documents"],
         why="CONTRACT no_documents; unknown → a person")

    # 48 Unsigned cover letter PDF + Mẫu 12 eToken: the letter takes the Mẫu 12's kind.
    p0, o0, _, _ = UNITS["btg"]
    pdf = docs.cover_letter_pdf("TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO", "512-CV/BTGTU", place_date("btg", 22),
                                "V/v đề nghị khôi phục thiết bị lưu khóa bí mật",
                                ["Ban Tuyên giáo Tỉnh ủy gửi văn bản đề nghị khôi phục thiết bị lưu khóa",
                                 "bí mật (Mẫu 12 kèm theo), đề nghị Văn phòng Tỉnh ủy hỗ trợ."],
                                ("PHÓ TRƯỞNG BAN", "Trần Quốc Việt"))
    data = docs.mau12_docx(p0, o0, place_date("btg", 22), VPTU,
                           [["Lê Quang Vinh", "Phó Trưởng ban", "4A3F5505", "Nhập sai mật khẩu quá 15 lần"]],
                           ("Phạm Thị Hồng Nhung", "Chuyên viên", "0914 223 344", "nhungpth@quangngai.dcs.vn"))
    fn1, fn2 = "512-CV-BTGTU.pdf", "Mau 12 BTG.docx"
    eml = outlook(UNITS["btg"][3], "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", body_for("btg", "công văn và Mẫu 12"),
                  [ol_att(pdf, "pdf", fn1), ol_att(data, "docx", fn2)], day=22, hour=10)
    case("cover-letter-plus-mau12", eml, "etoken_recovery", "queue",
         [doc(fn1, "cover_letter", "pdf", "any", org=org_ok("btg")),
          doc(fn2, "etoken_recovery", "docx", clean_rows(1), org=org_ok("btg"))],
         why="CONTRACT: a cover_letter never makes a message mixed")

    # 49 Old 11-digit numbers in a docx, dotted 4.3.4 as people wrote them.
    ps = people(2, 49)
    rows = [["0168.341.5276", iccid("04", 555000111222), "Trần Minh Đức", "Phó Bí thư Huyện ủy"],
            ["0127 345 6789", iccid("02", 555000111333), "Huỳnh Thị Mai", "Trưởng Ban Dân vận Huyện ủy"]]
    data = sim_docx_for("moduc", rows)
    sim_case("docx-old-11-digit", "moduc", "tb", data, "docx", "DS SIM so cu.docx", 2,
             row_exp=[row(warnings=["phone_old_format"]), row(warnings=["phone_old_format"])],
             why="CONTRACT phone_old_format: warning, converted")

    # 50 Yearly report, Excel, Thunderbird.
    p0, o0, _, _ = UNITS["thanhuy"]
    data = docs.table_xlsx(p0, o0, "Quảng Ngãi, ngày 10 tháng 12 năm 2024",
                           ["BÁO CÁO", "Tình hình quản lý, sử dụng chứng thư số năm 2024"], VPTU,
                           ["TT", "Nội dung", "Số lượng", "Ghi chú"],
                           [["Chứng thư số cá nhân đang sử dụng", 31, ""], ["Chứng thư số cơ quan", 1, ""],
                            ["SIM PKI đã kích hoạt", 7, ""], ["Thiết bị bị khóa đã khôi phục", 2, ""]])
    fn = "Bao cao CTS nam 2024.xlsx"
    eml = thunderbird(UNITS["thanhuy"][3], "Báo cáo chứng thư số năm 2024", body_for("thanhuy", "báo cáo năm 2024"),
                      [tb_att(data, "xlsx", fn)], day=23, hour=8)
    case("report-yearly-xlsx", eml, "report", "queue",
         [doc(fn, "report", "xlsx", "any", org=org_ok("thanhuy"))], why="CONTRACT report")

    # 51 Signed công văn (valid signature, chain to a root no config trusts) + Excel list.
    ps = people(3, 51)
    pdf = docs.sign_pdf(docs.cover_letter_pdf(
        P, "HUYỆN ỦY SƠN TỊNH", "251-CV/HU", place_date("sontinh", 23),
        "V/v đề nghị kích hoạt SIM ký số",
        ["Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng",
         "Tỉnh ủy, Huyện ủy Sơn Tịnh gửi danh sách đề nghị kích hoạt SIM ký số",
         "(file mềm kèm theo)."], ("CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng")), "HUYỆN ỦY SƠN TỊNH")
    data = sim_xlsx_for("sontinh", cells(ps))
    fn1, fn2 = "251-CV-HU_signed.pdf", "Phu luc 3 - DS SIM.xlsx"
    eml = outlook(UNITS["sontinh"][3], "V/v đề nghị kích hoạt SIM ký số (công văn ký số)", body_for("sontinh"),
                  [ol_att(pdf, "pdf", fn1), ol_att(data, "xlsx", fn2)], day=23, hour=9)
    d1 = doc(fn1, "cover_letter", "pdf", "any", org=org_ok("sontinh"), opt_w=["signature_untrusted"])
    d1["signature_status"] = "untrusted"
    case("signed-cover-letter-untrusted", eml, "sim_activation", "queue",
         [d1, doc(fn2, "sim_activation", "xlsx", clean_rows(3), org=org_ok("sontinh"))],
         why="CONTRACT untrusted: chain does not reach a trust anchor (samples/hotrocks.conf names none); "
             "require_signature=false makes it a warning (README)")

    # 52 The same công văn with one signed byte changed after signing.
    ps = people(3, 52)
    pdf = docs.sign_pdf(docs.cover_letter_pdf(
        P, "HUYỆN ỦY SƠN TỊNH", "252-CV/HU", place_date("sontinh", 23),
        "V/v đề nghị kích hoạt SIM ký số",
        ["Huyện ủy Sơn Tịnh gửi danh sách đề nghị kích hoạt SIM ký số (file mềm kèm theo)."],
        ("CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng")), "HUYỆN ỦY SƠN TỊNH", tamper=True)
    data = sim_docx_for("sontinh", cells(ps))
    fn1, fn2 = "252-CV-HU.pdf", "DS SIM kem cong van.docx"
    eml = gmail(UNITS["sontinh"][3], "Công văn 252-CV/HU và danh sách SIM", body_for("sontinh"),
                [gm_att(pdf, "pdf", fn1, 1), gm_att(data, "docx", fn2, 2)], day=23, hour=10)
    d1 = doc(fn1, "cover_letter", "pdf", "any", errors=["signature_invalid"], org=org_ok("sontinh"))
    d1["signature_status"] = "invalid"
    case("tampered-cover-letter", eml, "sim_activation", "reject",
         [d1, doc(fn2, "sim_activation", "docx", clean_rows(3), org=org_ok("sontinh"))],
         why="CONTRACT: a cover letter whose signature is invalid … is an error whatever the config")

    # 53 Unsigned công văn sending the six-monthly report, + the report.
    p0, o0, _, _ = UNITS["bato"]
    pdf = docs.cover_letter_pdf(p0, o0, "260-CV/HU", place_date("bato", 24, 6),
                                "V/v gửi báo cáo tình hình sử dụng chứng thư số",
                                ["Thực hiện chế độ báo cáo theo Công văn số 1871-CV/VPTU, Huyện ủy Ba Tơ",
                                 "gửi báo cáo tình hình triển khai, quản lý và sử dụng chứng thư số",
                                 "6 tháng đầu năm 2024 (kèm theo)."], ("CHÁNH VĂN PHÒNG", "Lê Văn Tám"))
    data = docs.report_docx(p0, o0, place_date("bato", 24, 6), "6 tháng đầu năm 2024")
    fn1, fn2 = "260-CV-HU.pdf", "Bao cao CTS 6 thang - Ba To.docx"
    eml = zimbra(UNITS["bato"][3], "V/v gửi báo cáo chứng thư số 6 tháng đầu năm 2024",
                 body_for("bato", "công văn và báo cáo 6 tháng"), [zm_att(pdf, "pdf", fn1), zm_att(data, "docx", fn2)],
                 day=24, hour=8)
    case("cover-letter-plus-report", eml, "report", "queue",
         [doc(fn1, "cover_letter", "pdf", "any", org=org_ok("bato")),
          doc(fn2, "report", "docx", "any", org=org_ok("bato"))],
         why="CONTRACT: a cover_letter never makes a message mixed")

    # 54 Excel: reordered columns, headers with line breaks, phones with no-break spaces, a 20-digit ICCID.
    ps = people(4, 54)
    hdr = ["STT", "Họ và tên\n(chủ thuê bao)", "Chức vụ\nhiện tại", "Số điện thoại\n(đã hòa mạng)", "Số ICCID\n(in trên thẻ SIM)"]
    rows = [[p["name"], p["position"], "%s\u00a0%s\u00a0%s" % (p["phone"][:4], p["phone"][4:7], p["phone"][7:]),
             p["iccid"]] for p in ps]
    body20 = "8984%s%013d" % (ISSUER[ps[3]["carrier"]], 5400000000123)
    rows[3][3] = body20 + docs.luhn_digit(body20)
    data = sim_xlsx_for("thanhuy", rows, header=hdr)
    sim_case("xlsx-reordered-nbsp-20digit", "thanhuy", "tb", data, "xlsx", "DS SIM Thanh uy (sap xep lai).xlsx", 4,
             why="DOMAIN reordered columns; CONTRACT text: white space folded; iccid 19–20 digits")

    # 55 Word table with empty rows left at the bottom of the template.
    ps = people(3, 55)
    data = docs.sim_docx_empty_tail(UNITS["nghiahanh"][0], UNITS["nghiahanh"][1], place_date("nghiahanh", 24),
                                    cells(ps), 5)
    sim_case("docx-empty-rows-left", "nghiahanh", "zm", data, "docx", "DS SIM Nghia Hanh.docx", 3,
             why="a fully empty table row is no subscriber")

    # 56 Outlook: the list pasted as a table in the HTML body, a signature logo beside it, nothing attached.
    ps = people(3, 56, POS_COMMUNE)
    trs = "".join("<tr><td width=40><p class=MsoNormal>%d<o:p></o:p></p></td><td><p class=MsoNormal>%s<o:p></o:p></p></td>"
                  "<td><p class=MsoNormal>%s<o:p></o:p></p></td><td><p class=MsoNormal>%s<o:p></o:p></p></td>"
                  "<td><p class=MsoNormal>%s<o:p></o:p></p></td></tr>" %
                  (i + 1, dotted(p["phone"]), grouped(p["iccid"]), p["name"], p["position"]) for i, p in enumerate(ps))
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\"></head><body lang=VI>"
            "<p class=MsoNormal>ĐẢNG BỘ HUYỆN SƠN TỊNH<br>ĐẢNG ỦY XÃ TỊNH PHONG</p>"
            "<p class=MsoNormal align=center><b>DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ</b></p>"
            "<p class=MsoNormal align=center>Kính gửi: %s</p>"
            "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0><tr><td><p class=MsoNormal><b>TT</b></p></td>"
            "<td><p class=MsoNormal><b>Số điện thoại</b></p></td><td><p class=MsoNormal><b>Số ICCID</b></p></td>"
            "<td><p class=MsoNormal><b>Họ và tên người dùng</b></p></td><td><p class=MsoNormal><b>Chức vụ</b></p></td></tr>%s</table>"
            "<p class=MsoNormal>Trân trọng.</p><p><img width=120 height=40 src=\"cid:image001.png@01DAB00C.11223340\"></p>"
            "</body></html>") % (CUC, trs)
    plain = "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ\n(bảng ở bản HTML)"
    rel = multi("related", "_005_blind6056_", [
        multi("alternative", "_000_blind6056_", [text(plain, "plain"), text(html, "html")]),
        attach(png_logo(), "png", 'name="image001.png"', 'inline; filename="image001.png"',
               ["Content-ID: <image001.png@01DAB00C.11223340>"])], params=' type="multipart/alternative";')
    eml = mime.message(hdrs(UNITS["tinhphong"][3], bword("Danh sách kích hoạt SIM ký số xã Tịnh Phong"), 24, 9,
                            [("X-Mailer", "Microsoft Outlook 16.0")]), rel)
    case("outlook-body-table-with-logo", eml, "sim_activation", "queue",
         [doc(None, "sim_activation", "body", clean_rows(3), org="any")],
         why="CONTRACT format body: nothing is attached (an inline logo of the HTML is the body's own)")

    # 57 DSN returning one of our forwards, with the original (and its workbook) attached.
    ps = people(2, 57)
    wb = sim_xlsx_for("moduc", cells(ps))
    orig = mime.message([("From", MAILBOX), ("To", "vanphong.moduc@quangngai.dcs.vn"),
                         ("Subject", bword("[HT-2024-000140] Đã nhận danh sách")), ("Date", date(24, 9)),
                         ("Message-ID", "<ht-2024-000140.ack@quangngai.dcs.vn>")],
                        multi("mixed", "ht-ack-140", [text("Văn phòng Tỉnh ủy đã nhận danh sách.", "plain"),
                                                     zm_att(wb, "xlsx", "HT-2024-000140.xlsx")]))
    rep = multi("report", "b6-057", [
        text("This is the mail system at host mx.quangngai.dcs.vn.\n\nI'm sorry to have to inform you that your message could not\n"
             "be delivered to one or more recipients.\n\n<vanphong.moduc@quangngai.dcs.vn>: mailbox full", "plain", charset="us-ascii", cte="7bit"),
        mime.leaf("message/delivery-status",
                  "Reporting-MTA: dns; mx.quangngai.dcs.vn\nArrival-Date: Fri, 24 May 2024 09:00:05 +0700\n\n"
                  "Final-Recipient: rfc822; vanphong.moduc@quangngai.dcs.vn\nAction: failed\nStatus: 5.2.2\n"
                  "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n", "7bit"),
        rfc822(orig)], params=' report-type=delivery-status;')
    eml = mime.message([("Return-Path", "<>"), ("From", "MAILER-DAEMON@mx.quangngai.dcs.vn (Mail Delivery System)"),
                        ("To", MAILBOX), ("Subject", "Undelivered Mail Returned to Sender"), ("Date", date(24, 9)),
                        ("Message-ID", "<20240524020010.blind6057@mx.quangngai.dcs.vn>"),
                        ("Auto-Submitted", "auto-replied")], rep)
    case("dsn-with-returned-workbook", eml, "bounce", "ignore", "any", opt_e=["no_documents"],
         why="CONTRACT bounce (RFC 3464); the workbook inside is ours coming back, not a unit's list")

    # 58 The district forwards two communes' lists in one mail.
    p1, p2 = people(2, 58, POS_COMMUNE), people(2, 59, POS_COMMUNE)
    d1, d2 = sim_xlsx_for("tinhphong", cells(p1)), sim_docx_for("binhhai", cells(p2))
    fn1, fn2 = "DS SIM Tinh Phong.xlsx", "DS SIM Binh Hai.docx"
    eml = outlook("vanphong.sontinh@quangngai.dcs.vn", "Chuyển danh sách SIM ký số của 02 xã",
                  "Văn phòng chuyển danh sách của 02 đảng ủy xã (đính kèm).", [ol_att(d1, "xlsx", fn1), ol_att(d2, "docx", fn2)],
                  day=24, hour=10)
    case("two-communes-one-mail", eml, "sim_activation", "queue",
         [doc(fn1, "sim_activation", "xlsx", clean_rows(2), org=org_ok("tinhphong")),
          doc(fn2, "sim_activation", "docx", clean_rows(2), org=org_ok("binhhai"))],
         why="CONTRACT: a message's kind is that of its documents when they agree; organization per document")

    # 59 Subject split by the client in the middle of a UTF-8 character (across two encoded words).
    ps = people(2, 60)
    subj = "Danh sách đề nghị kích hoạt SIM ký số đợt 2"
    raw = subj.encode("utf-8")
    cut = raw.index("đợt".encode()) + 1
    import base64 as _b
    enc = "=?utf-8?B?%s?=\n =?utf-8?B?%s?=" % (_b.b64encode(raw[:cut]).decode(), _b.b64encode(raw[cut:]).decode())
    data = sim_docx_for("ducpho", cells(ps))
    fn = "DS SIM dot 2.docx"
    ent = multi("mixed", "b6-059", [text(body_for("ducpho"), "plain"), zm_att(data, "docx", fn)])
    eml = mime.message(hdrs(UNITS["ducpho"][3], enc, 24, 11, [("X-Mailer", "Foxmail 7.2.25.254[cn]")]), ent)
    case("subject-split-mid-character", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(2), org=org_ok("ducpho"))], subject=subj,
         why="CONTRACT subject: decoded UTF-8 (adjacent encoded words of one charset joined before decoding)")

    # 60 Outlook S/MIME-signed mail (multipart/signed, smime.p7s) carrying the Word list.
    ps = people(3, 61)
    data = sim_docx_for("moduc", cells(ps))
    fn = "DS SIM Mo Duc dot 3.docx"
    inner = multi("mixed", "----=_NextPart_blind6_060m", [
        multi("alternative", "----=_NextPart_blind6_060a", [text(body_for("moduc"), "plain"),
                                                           text(html_of(body_for("moduc")), "html")]),
        ol_att(data, "docx", fn)])
    p7s = attach(b"0\x82\x01\x00" + bytes(range(256)), "pdf", 'name="smime.p7s"', 'attachment; filename="smime.p7s"')
    p7s = p7s.replace(b"application/pdf", b"application/pkcs7-signature", 1)
    ent = multi("signed", "----=_NextPart_blind6_060s", [inner, p7s],
                params=' protocol="application/pkcs7-signature"; micalg=sha-256;')
    eml = mime.message(hdrs(UNITS["moduc"][3], bword("Danh sách SIM ký số đợt 3 (thư có ký số)"), 24, 14,
                            [("X-Mailer", "Microsoft Outlook 16.0")]), ent)
    case("smime-signed-mail", eml, "sim_activation", "queue",
         [doc(fn, "sim_activation", "docx", clean_rows(3), org=org_ok("moduc"))],
         why="smime.p7s is the mail's own signature (RFC 8551 multipart/signed), not a document the unit sends")

    # 61 Unsigned công văn + Mẫu 12 for SIM PKI (to the Cục): the pair belongs to the Cục.
    p0, o0, _, _ = UNITS["moduc"]
    pdf = docs.cover_letter_pdf(p0, o0, "270-CV/HU", place_date("moduc", 27),
                                "V/v đề nghị khôi phục SIM PKI",
                                ["Huyện ủy Mộ Đức gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật",
                                 "(SIM PKI) theo Mẫu 12 kèm theo."], ("CHÁNH VĂN PHÒNG", "Lê Văn Tám"))
    data = docs.mau12_docx(p0, o0, place_date("moduc", 27), CUC,
                           [["Võ Văn Thành", "Bí thư Huyện ủy", grouped(iccid("04", 270000111222)), "Nhập sai mã PIN quá số lần quy định"]],
                           ("Huỳnh Thị Mai", "Chuyên viên", "0983 270 111", "maiht@quangngai.dcs.vn"), sim=True)
    fn1, fn2 = "270-CV-HU.pdf", "Mau 12 SIM PKI Mo Duc.docx"
    eml = outlook(UNITS["moduc"][3], "V/v đề nghị khôi phục SIM PKI", body_for("moduc", "công văn và Mẫu 12 khôi phục SIM PKI"),
                  [ol_att(pdf, "pdf", fn1), ol_att(data, "docx", fn2)], day=27, hour=8)
    case("cover-letter-plus-sim-recovery", eml, "sim_recovery", "redirect",
         [doc(fn1, "cover_letter", "pdf", "any", opt_e=["signature_missing"]),
          doc(fn2, "sim_recovery", "docx", "any", opt_e=["signature_missing"])],
         why="CONTRACT: a cover_letter never makes a message mixed; sim_recovery → Cục")

    # 62 Mẫu 12 eToken typed in Excel.
    p0, o0, _, _ = UNITS["thanhuy"]
    wbx = docs.table_xlsx(p0, o0, place_date("thanhuy", 27),
                          ["VĂN BẢN ĐỀ NGHỊ", "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CHO CÁC THUÊ BAO"], VPTU,
                          ["TT", "Họ và tên", "Chức vụ", "Số hiệu thiết bị lưu khóa bí mật", "Lý do"],
                          [["Tạ Quang Huy", "Phó Bí thư Thành ủy", "4A3F6606", "Nhập sai mật khẩu quá 15 lần"],
                           ["Châu Văn Hiếu", "Chánh Văn phòng Thành ủy", "4A3F6607", "Thiết bị bị khóa"]],
                          form="Mẫu 12",
                          footer=["Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:",
                                  "- Họ và tên: Lương Thị Ngọc Ánh", "- Chức vụ: Chuyên viên Văn phòng Thành ủy",
                                  "- Số điện thoại: 0914 662 707", "- Địa chỉ thư điện tử: anhltn.tu@quangngai.dcs.vn"])
    fn = "Mau 12 khoi phuc eToken Thanh uy.xlsx"
    eml = gmail(UNITS["thanhuy"][3], "Đề nghị khôi phục eToken (Mẫu 12)", body_for("thanhuy", "Mẫu 12 đề nghị khôi phục eToken"),
                [gm_att(wbx, "xlsx", fn)], day=27, hour=9)
    case("etoken-mau12-xlsx", eml, "etoken_recovery", "queue",
         [doc(fn, "etoken_recovery", "xlsx", clean_rows(2), org=org_ok("thanhuy"))],
         why="CONTRACT etoken_recovery; format xlsx")

    # 63 The six-monthly report as a PDF only (the signed-PDF habit, unsigned here).
    p0, o0, _, _ = UNITS["nghiahanh"]
    lines = [p0, o0, "*", "Số 88-BC/HU", "ĐẢNG CỘNG SẢN VIỆT NAM", place_date("nghiahanh", 27, 6), "",
             "BÁO CÁO", "Tình hình triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024", "",
             "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi", "",
             "1. Tình hình cấp, quản lý chứng thư số: đơn vị hiện quản lý 18 chứng thư số cá nhân,",
             "02 SIM PKI đã kích hoạt, 01 chứng thư số cơ quan.",
             "2. Tình hình sử dụng: chữ ký số được sử dụng thường xuyên trên hệ thống quản lý văn bản.",
             "3. Khó khăn, vướng mắc: không.", "", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Phan Thanh Sơn"]
    fn = "88-BC-HU bao cao CTS 6 thang.pdf"
    eml = zimbra(UNITS["nghiahanh"][3], "Báo cáo chứng thư số 6 tháng đầu năm 2024", body_for("nghiahanh", "báo cáo 6 tháng"),
                 [zm_att(docs.pdf_text(lines), "pdf", fn)], day=27, hour=10)
    case("report-pdf-only", eml, "report", "queue",
         [doc(fn, "report", "pdf", "any", org=org_ok("nghiahanh"))],
         why="CONTRACT report; soft_file_missing is for a list (the letter asks a soft file only of Phụ lục 3, §6)")

    # 64 Mẫu 12 eToken as a PDF only.
    p0, o0, _, _ = UNITS["bato"]
    lines = ["Mẫu 12", p0, o0, "*", "ĐẢNG CỘNG SẢN VIỆT NAM", place_date("bato", 27), "",
             "VĂN BẢN ĐỀ NGHỊ", "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CHO CÁC THUÊ BAO",
             "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi", "",
             "Huyện ủy Ba Tơ đề nghị khôi phục thiết bị lưu khóa bí mật cho các thuê bao sau:",
             ["TT", "Họ và tên", "Chức vụ", "Số hiệu thiết bị", "Lý do"],
             ["1", "Bùi Xuân Phúc", "Phó Chánh Văn phòng", "4A3F7707", "Nhập sai mật khẩu"],
             "Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:",
             "- Họ và tên: Đỗ Thị Kim Oanh", "- Chức vụ: Chuyên viên", "- Số điện thoại: 0935 277 064",
             "- Địa chỉ thư điện tử: oanhdtk@quangngai.dcs.vn", "", "T/M BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Lê Văn Tám"]
    fn = "Mau 12 Ba To.pdf"
    eml = outlook(UNITS["bato"][3], "Đề nghị khôi phục thiết bị lưu khóa bí mật", body_for("bato", "Mẫu 12 (bản PDF)"),
                  [ol_att(docs.pdf_text(lines), "pdf", fn)], day=27, hour=11)
    case("etoken-mau12-pdf-only", eml, "etoken_recovery", "queue",
         [doc(fn, "etoken_recovery", "pdf", "any", org=org_ok("bato"))],
         why="letter §2: recovery requests travel as paper or signed electronic documents; "
             "soft_file_missing is for a list whose Word/Excel file the letter asks (Phụ lục 3 only)")

    # 65 Mẫu 02 as a PDF only: the Cục's business whatever the format.
    p0, o0, _, _ = UNITS["ducpho"]
    lines = ["Mẫu 02", p0, o0, "*", "ĐẢNG CỘNG SẢN VIỆT NAM", place_date("ducpho", 27), "",
             "VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ", "CHO CÁC CÁ NHÂN CỦA CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP",
             "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ", "",
             "Thị ủy Đức Phổ đề nghị cấp mới chứng thư số cho các cá nhân sau:",
             ["TT", "Họ và tên", "Chức vụ", "Số CCCD", "Thư điện tử công vụ"],
             ["1", "Ngô Văn Lực", "Phó Chánh Văn phòng", "051085007777", "lucnv@quangngai.dcs.vn"],
             "", "T/M BAN THƯỜNG VỤ", "Trương Đình Khải"]
    fn = "Mau 02 Duc Pho.pdf"
    eml = zimbra(UNITS["ducpho"][3], "Đề nghị cấp chứng thư số", body_for("ducpho", "Mẫu 02 đề nghị cấp chứng thư số"),
                 [zm_att(docs.pdf_text(lines), "pdf", fn)], day=27, hour=14)
    case("cert-request-pdf-only", eml, "cert_request", "redirect",
         [doc(fn, "cert_request", "pdf", "any", opt_e=["signature_missing"])],
         why="CONTRACT cert_request → Cục (redirect)")

    # 66 Công văn typed in Word (not PDF) + the Excel list.
    ps = people(3, 66)
    p0, o0, _, _ = UNITS["ducpho"]
    cv = docs.cover_letter_docx(p0, o0, "301-CV/TU", place_date("ducpho", 28), "V/v đề nghị kích hoạt SIM ký số",
                                ["Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy, "
                                 "Thị ủy Đức Phổ gửi danh sách đề nghị kích hoạt SIM ký số (file mềm kèm theo), "
                                 "đề nghị Văn phòng Tỉnh ủy hỗ trợ."], ("CHÁNH VĂN PHÒNG", "Trương Đình Khải"))
    data = sim_xlsx_for("ducpho", cells(ps))
    fn1, fn2 = "301-CV-TU.docx", "Phu luc 3.xlsx"
    eml = thunderbird(UNITS["ducpho"][3], "V/v đề nghị kích hoạt SIM ký số", body_for("ducpho"),
                      [tb_att(cv, "docx", fn1), tb_att(data, "xlsx", fn2)], day=28, hour=8)
    case("cover-letter-docx-plus-list", eml, "sim_activation", "queue",
         [doc(fn1, "cover_letter", "docx", "any", org=org_ok("ducpho")),
          doc(fn2, "sim_activation", "xlsx", clean_rows(3), org=org_ok("ducpho"))],
         why="CONTRACT cover_letter: a công văn (usually PDF) that accompanies another document")

    # 67 Mac: file name and names in NFD (decomposed), as macOS hands them over.
    import unicodedata
    ps = people(3, 67)
    rows = [[p["phone"], p["iccid"], unicodedata.normalize("NFD", p["name"]),
             unicodedata.normalize("NFD", p["position"])] for p in ps]
    data = sim_xlsx_for("btg", rows)
    fn = "Danh sách SIM Ban Tuyên giáo.xlsx"
    a = attach(data, "xlsx", 'name="%s"' % bword(unicodedata.normalize("NFD", fn)),
               "attachment;\n " + rfc2231("filename", unicodedata.normalize("NFD", fn)))
    ent = multi("mixed", "Apple-Mail=_blind6-067", [text(body_for("btg"), "plain"), a])
    eml = mime.message(hdrs(UNITS["btg"][3], bword(unicodedata.normalize("NFD", "Danh sách SIM ký số Ban Tuyên giáo")), 28, 9,
                            [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")]), ent)
    d = doc(fn, "sim_activation", "xlsx", clean_rows(3), org=org_ok("btg"))
    d["nfc"] = True
    case("mac-nfd-names", eml, "sim_activation", "queue", [d], subject="Danh sách SIM ký số Ban Tuyên giáo",
         why="CONTRACT normal forms: text UTF-8, NFC")

    # 68 Outlook 2007 in a Vietnamese locale: file name as windows-1258 encoded words.
    ps = people(2, 68)
    data = sim_docx_for("sontinh", cells(ps))
    fn = "Danh sách đề nghị kích hoạt SIM.docx"
    w = qword(mime.cp1258(fn), "windows-1258")
    a = attach(data, "docx", 'name="%s"' % w, 'attachment; filename="%s"' % w)
    ent = multi("mixed", "----=_NextPart_blind6_068", [text(mime.cp1258(body_for("sontinh")), "plain", charset="windows-1258"), a])
    eml = mime.message(hdrs(UNITS["sontinh"][3], qword(mime.cp1258("Danh sách SIM ký số"), "windows-1258"), 28, 10,
                            [("X-Mailer", "Microsoft Office Outlook 12.0")]), ent)
    d = doc(fn, "sim_activation", "docx", clean_rows(2), org=org_ok("sontinh"))
    d["nfc"] = True
    case("cp1258-file-name", eml, "sim_activation", "queue", [d], subject="Danh sách SIM ký số",
         why="CONTRACT filename: decoded UTF-8 file name; text NFC")

    # 69 Excel phones as numbers shown through a custom format 0###.###.###.
    ps = people(3, 69)
    rows = [[int(p["phone"]), p["iccid"], p["name"], p["position"]] for p in ps]
    data = sim_xlsx_for("moduc", rows, number_formats={2: '0###"."###"."###'})
    sim_case("xlsx-phone-custom-format", "moduc", "gm", data, "xlsx", "DS SIM Mo Duc (dinh dang so).xlsx", 3,
             why="DOMAIN: a numeric Excel cell that dropped the leading zero")

    # 70 As 48, the công văn signed (as DOMAIN says units send it): signed letter + Mẫu 12 soft file.
    p0, o0, _, _ = UNITS["sontinh"]
    pdf = docs.sign_pdf(docs.cover_letter_pdf(
        p0, o0, "310-CV/HU", place_date("sontinh", 28), "V/v đề nghị khôi phục thiết bị lưu khóa bí mật",
        ["Huyện ủy Sơn Tịnh gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật",
         "(Mẫu 12 kèm theo), đề nghị Văn phòng Tỉnh ủy hỗ trợ."], ("CHÁNH VĂN PHÒNG", "Nguyễn Văn Hùng")),
        "HUYỆN ỦY SƠN TỊNH")
    data = docs.mau12_docx(p0, o0, place_date("sontinh", 28), VPTU,
                           [["Phan Thanh Sơn", "Phó Bí thư Huyện ủy", "4A3F8808", "Nhập sai mật khẩu quá 15 lần"]],
                           ("Hồ Thị Lệ Thủy", "Chuyên viên Văn phòng", "0905 288 310", "thuyhtl.st@quangngai.dcs.vn"))
    fn1, fn2 = "310-CV-HU_signed.pdf", "Mau 12 Son Tinh.docx"
    eml = outlook(UNITS["sontinh"][3], "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", body_for("sontinh", "công văn (ký số) và Mẫu 12"),
                  [ol_att(pdf, "pdf", fn1), ol_att(data, "docx", fn2)], day=28, hour=11)
    d1 = doc(fn1, "cover_letter", "pdf", "any", org=org_ok("sontinh"), opt_w=["signature_untrusted"])
    d1["signature_status"] = "untrusted"
    case("signed-cover-letter-plus-mau12", eml, "etoken_recovery", "queue",
         [d1, doc(fn2, "etoken_recovery", "docx", clean_rows(1), org=org_ok("sontinh"))],
         why="DOMAIN: a signed cover letter plus a soft file; CONTRACT: a cover_letter never makes a message mixed")


def png_logo():
    return bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                         "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def table_xlsx_cert(p0, o0):
    return docs.table_xlsx(p0, o0, "Mộ Đức, ngày 14 tháng 5 năm 2024",
                           ["VĂN BẢN ĐỀ NGHỊ GIA HẠN, THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ",
                            "CHO CÁC THUÊ BAO CỦA CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP"], CUC,
                           ["TT", "Họ và tên", "Chức vụ", "Nội dung đề nghị", "Thông tin cũ", "Thông tin mới"],
                           [["Võ Văn Thành", "Bí thư Huyện ủy", "Thay đổi SIM PKI (SIM hỏng, đã cấp SIM mới)",
                             iccid("04", 777000111222), iccid("04", 777000111999)]], form="Mẫu 08")


def main():
    global OUT
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make-blind.py OUT\n")
        sys.exit(2)
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    build()
    for i, (name, eml, exp) in enumerate(CASES, 1):
        base = "%02d-%s" % (i, name)
        with open(os.path.join(OUT, base + ".eml"), "wb") as fh:
            fh.write(eml)
        exp = dict(exp, file=base + ".eml")
        exp = {k: v for k, v in exp.items() if v is not None}
        with open(os.path.join(OUT, base + ".expect.json"), "w", encoding="utf-8") as fh:
            json.dump(exp, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
    print("%d messages in %s" % (len(CASES), OUT))


if __name__ == "__main__":
    main()
