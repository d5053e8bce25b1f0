#!/usr/bin/python3
"""make-blind.py OUT — writes blind set 5: OUT/NN-name.eml + OUT/NN-name.expect.json.

Expectations were written from /work/shared/CONTRACT.md, DOMAIN.md and
letter 1871-CV/VPTU before the program was run on any of these messages;
each carries a short "why".  See README.md beside this file.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
from gen import MB, VN, VT, group4, iccid  # noqa: E402

CASES = []

# ------------------------------------------------------------------ helpers

CUC = "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ,"
VPTU = "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"
PL3_HEAD = ["TT", "Số điện thoại\n(sdt dấu số bên nhà mạng)", "Số ICCID",
            "Họ và tên người dùng\n(chủ thuê bao)", "Chức vụ\n(Chức vụ hiện tại)"]
EXAMPLE_ROWS = [("0982345678", "898402310932010...", "Nguyễn Văn A", "Trưởng phòng CNTT"),
                ("0918765432", "796303120012090...", "Trần Văn B", "Phó trưởng phòng CNTT")]


def R(errors=(), warnings=(), oe=(), ow=()):
    r = {"errors": list(errors), "warnings": list(warnings)}
    if oe:
        r["optional_errors"] = list(oe)
    if ow:
        r["optional_warnings"] = list(ow)
    return r


def D(filename, kind, fmt, errors=(), warnings=(), rows="any", oe=(), ow=(), org=None):
    d = {"filename": filename, "kind": kind, "format": fmt, "errors": list(errors),
         "warnings": list(warnings), "rows": rows}
    if oe:
        d["optional_errors"] = list(oe)
    if ow:
        d["optional_warnings"] = list(ow)
    if org:
        d["organization"] = org
    return d


def add(name, eml, kind, action, documents, why, errors=(), warnings=(), oe=(), ow=()):
    CASES.append((name, eml, {
        "kind": kind, "action": action, "errors": list(errors), "warnings": list(warnings),
        "optional_errors": ["sender_not_registered"] + list(oe), "optional_warnings": list(ow),
        "documents": documents, "why": why}))


def date(day, hh, mm):
    return "%s, %02d May 2024 %02d:%02d:%02d +0700" % (
        ["Wed", "Thu", "Fri", "Sat", "Sun", "Mon", "Tue"][(day - 8) % 7], day, hh, mm, (hh * 7 + mm) % 60)


def mid(n, host="quangngai.dcs.vn"):
    return "<blind5.%02d.%s@%s>" % (n, "a1b2c3d4e5f6"[n % 12:] + str(n * 7919), host)


def letterhead(parent, unit, place, day="08", month="5"):
    return ([parent, unit, "*"],
            ["ĐẢNG CỘNG SẢN VIỆT NAM", "%s, ngày %s tháng %s năm 2024" % (place, day, month)])


def pl3_table(rows, numbered=True):
    t = [PL3_HEAD]
    for i, r in enumerate(rows, 1):
        t.append([str(i) if numbered else ""] + list(r))
    return t


def pl3_docx(parent, unit, place, rows, kinh_gui=CUC, font=None, head_font=None, conv=None, signer="Nguyễn Văn Hùng"):
    c = conv or (lambda s: s)
    cc = head_font and gen.tcvn3_caps or c
    hl, hr = letterhead(parent, unit, place)
    if conv:
        hl = [cc(x) if x != "*" else x for x in hl]
        hr = [cc(hr[0]), c(hr[1])]
    hf = head_font or font          # capitals are typed in .VnTimeH where TCVN3 is used
    body = [(cc("DANH SÁCH"), True, True, hf), (cc("ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"), True, True, hf),
            (c(kinh_gui), False, True)]
    table = [[c(x) for x in r] for r in pl3_table(rows)]
    after = [(c("Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM."), False, False),
             (cc("T/M BAN THƯỜNG VỤ"), True, False, hf), (cc("CHÁNH VĂN PHÒNG"), True, False, hf),
             (c(signer), True, False)]
    return gen.docx_doc(hl, hr, body, table, after, font=font, head_font=head_font)


def pl3_xlsx(parent, unit, place, rows, kinh_gui=CUC, numeric=None, font=None, conv=None):
    c = conv or (lambda s: s)
    top = [parent, unit, "ĐẢNG CỘNG SẢN VIỆT NAM", "%s, ngày 08 tháng 5 năm 2024" % place,
           "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", kinh_gui]
    top = [c(x) for x in top]
    table = [[c(x) for x in r] for r in pl3_table(rows)]
    return gen.xlsx_doc(top, table, numeric=numeric, font=font)


def clean(n):
    return [R() for _ in range(n)]


def sim_doc(fname, fmt, nrows, org=None, extra_errors=(), warnings=(), rows=None, oe=()):
    return D(fname, "sim_activation", fmt, ["signature_missing"] + list(extra_errors), warnings,
             rows if rows is not None else clean(nrows), oe=oe, org=org)


SIM_WHY = ("letter §6 / Phụ lục 3: a SIM activation list belongs to this mailbox; nothing is signed "
           "and require_signature is true by default (README), so CONTRACT 'Errors make the action reject' "
           "with signature_missing on the list")

# ------------------------------------------------------------------ units

ST = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh", "vanphong.hu.sontinh@quangngai.dcs.vn",
      "Văn phòng Huyện ủy Sơn Tịnh")
BS = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN", "Bình Sơn", "huyenuybinhson@quangngai.dcs.vn",
      "Huyện ủy Bình Sơn")
TG = ("TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO", "Quảng Ngãi", "bantuyengiao@quangngai.dcs.vn", "Ban Tuyên giáo Tỉnh ủy")
TC = ("TỈNH ỦY QUẢNG NGÃI", "BAN TỔ CHỨC", "Quảng Ngãi", "bantochuc@quangngai.dcs.vn", "Ban Tổ chức Tỉnh ủy")
NH = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY NGHĨA HÀNH", "Nghĩa Hành", "vp.hu.nghiahanh@quangngai.dcs.vn",
      "VP Huyện ủy Nghĩa Hành")
MD = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MỘ ĐỨC", "Mộ Đức", "huyenuymoduc@quangngai.dcs.vn", "HUYỆN ỦY MỘ ĐỨC")
TN = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa", "vanphong.hu.tunghia@quangngai.dcs.vn",
      "Văn Phòng HU Tư Nghĩa")
TP = ("ĐẢNG BỘ HUYỆN SƠN TỊNH", "ĐẢNG ỦY XÃ TỊNH PHONG", "Tịnh Phong", "dangbo.tinhphong@quangngai.dcs.vn",
      "Đảng ủy xã Tịnh Phong")
BH = ("ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY XÃ BÌNH HẢI", "Bình Hải", "dangbobinhhai@quangngai.dcs.vn",
      "Đảng ủy xã Bình Hải")
BAO = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "BÁO QUẢNG NGÃI", "Quảng Ngãi", "baoquangngai@quangngai.dcs.vn", "Báo Quảng Ngãi")
MT = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "Quảng Ngãi",
      "dukcq@quangngai.dcs.vn", "Đảng ủy Khối CQ&DN tỉnh")
DP = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THỊ ỦY ĐỨC PHỔ", "Đức Phổ", "thiuyducpho@quangngai.dcs.vn", "Thị ủy Đức Phổ")


def frm(u):
    return (u[4], u[3])


# Rows that are good: phone in some typed form, a valid ICCID of the same carrier,
# a leadership position (letter §6).
def good_rows(seed, n=3, phone_forms=None, iccid_form=None, caps=False):
    names = ["Nguyễn Thị Hương", "Trương Công Minh", "Lê Văn Đức", "Phạm Thị Thu Hà", "Võ Minh Tuấn",
             "Huỳnh Ngọc Sơn", "Đặng Thị Mỹ Lệ", "Bùi Quang Vinh"]
    pos = ["Phó Bí thư Thường trực Huyện ủy", "Chánh Văn phòng Huyện ủy", "Trưởng Ban Tổ chức Huyện ủy",
           "Phó Trưởng Ban Tuyên giáo Huyện ủy", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
           "Phó Chánh Văn phòng Huyện ủy", "Trưởng Ban Dân vận Huyện ủy", "Phó Bí thư Huyện ủy"]
    # Viettel 098x, VinaPhone 091x, MobiFone 090x
    carriers = [("0983", VT), ("0914", VN), ("0905", MB), ("0352", VT), ("0886", VN), ("0935", MB)]
    out = []
    for i in range(n):
        k = (seed + i) % len(carriers)
        pre, iss = carriers[k]
        rest = "%06d" % ((seed * 7331 + i * 104729) % 1000000)
        phone = pre + rest
        form = (phone_forms or ["plain"])[i % len(phone_forms or ["plain"])]
        if form == "dots":
            p = "%s.%s.%s" % (phone[:4], phone[4:7], phone[7:])
        elif form == "plus":
            p = "+84 %s %s %s" % (phone[1:4], phone[4:7], phone[7:])
        elif form == "84":
            p = "84" + phone[1:]
        elif form == "paren":
            p = "(%s) %s" % (phone[:4], phone[4:])
        elif form == "spaces":
            p = "%s %s %s" % (phone[:4], phone[4:7], phone[7:])
        else:
            p = phone
        ic = iccid(iss, 80000000000 + seed * 1000 + i)
        if iccid_form == "groups":
            ic = group4(ic)
        elif iccid_form == "dash":
            ic = group4(ic, "-")
        nm = names[(seed + i) % len(names)]
        out.append((p, ic, nm.upper() if caps else nm, pos[(seed + i) % len(pos)]))
    return out


# ================================================================== cases

def build():
    n = 0

    def nx():
        nonlocal n
        n += 1
        return n

    # 01 Outlook, Word list, phones typed every way, subject B-encoded and split mid-word
    k = nx()
    rows = good_rows(1, 4, ["dots", "plus", "84", "paren"])
    f = "Danh sách kích hoạt SIM ký số - Huyện ủy Sơn Tịnh.docx"
    eml = gen.message("ol", frm(ST), "V/v đề nghị kích hoạt SIM ký số đợt 2 năm 2024", date(8, 8, 15), mid(k),
                      "Kính gửi: Phòng Cơ yếu - CNTT, Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Sơn Tịnh gửi danh sách "
                      "đề nghị kích hoạt SIM ký số (file đính kèm).\n\nTrân trọng!\nNguyễn Thị Lan\nVăn phòng Huyện ủy Sơn Tịnh\n"
                      "ĐT: 0255.3845.123",
                      [(f, pl3_docx(ST[0], ST[1], ST[2], rows))], seq=k)
    add("%02d-ol-docx-phone-forms" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 4, org=["HUYỆN ỦY SƠN TỊNH"])],
        SIM_WHY + "; phones 0983.415.276 / +84 … / 84… / (0905) 415276 are all valid typed forms (DOMAIN 'expect every "
        "way people type numbers'); carriers match issuers, positions are leaders; organization per CONTRACT "
        "'the line under the parent body'")

    # 02 Thunderbird, Excel, RFC 2231 file name, phone numbers as numbers, ICCIDs in groups
    k = nx()
    rows = good_rows(2, 3, ["plain"], iccid_form="groups")
    num = {(i + 1, 1): int(r[0]) for i, r in enumerate(rows)}
    f = "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Bình Sơn (đợt 1).xlsx"
    eml = gen.message("tb", frm(BS), "Danh sach de nghi kich hoat SIM ky so", date(8, 9, 2), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Bình Sơn gửi danh sách đề nghị kích hoạt SIM ký số.\n\n"
                      "Trân trọng.", [(f, pl3_xlsx(BS[0], BS[1], BS[2], rows, numeric=num))], seq=k)
    add("%02d-tb-xlsx-numbers-groups" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, org=["HUYỆN ỦY BÌNH SƠN"])],
        SIM_WHY + "; DOMAIN: 'a numeric Excel cell that dropped the leading zero' and ICCIDs 'typed in groups' are "
        "normal; CONTRACT iccid normal form 'spaces and dashes removed'. Subject without diacritics.")

    # 03 Gmail, the form's example rows left in, then two real rows
    k = nx()
    rows = EXAMPLE_ROWS + good_rows(3, 2, ["spaces"])
    f = "DS kich hoat SIM PKI - Ban Tuyen giao.docx"
    eml = gen.message("gm", frm(TG), "Gửi danh sách đề nghị kích hoạt SIM ký số", date(8, 10, 20), mid(k),
                      "Dạ kính gửi anh chị Phòng CY-CNTT,\nBan Tuyên giáo gửi danh sách kích hoạt SIM ký số ạ.\n",
                      [(f, pl3_docx(TG[0], TG[1], TG[2], rows))], seq=k)
    ex = R(["example_row"], oe=["iccid_invalid", "iccid_not_vietnam", "iccid_checksum"],
           ow=["position_not_eligible", "phone_carrier_mismatch"])
    add("%02d-gm-example-rows-docx" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 4, rows=[ex, ex, R(), R()],
                 org=["BAN TUYÊN GIÁO", "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI"])],
        "CONTRACT example_row: 'one of the form's own example rows — Nguyễn Văn A, Trần Văn B — left in the table'; "
        "the truncated sample ICCIDs may also fail iccid_* (open); organization: CONTRACT 'BAN TUYÊN GIÁO and BAN "
        "TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI are both right'")

    # 04 Zimbra, Excel with example rows and names in CAPITALS, raw UTF-8 file name
    k = nx()
    rows = EXAMPLE_ROWS + good_rows(4, 3, ["dots"], caps=True)
    f = "Danh sách SIM ký số Tư Nghĩa.xlsx"
    eml = gen.message("zm", frm(TN), "KÍCH HOẠT SIM KÝ SỐ - HUYỆN ỦY TƯ NGHĨA", date(8, 14, 5), mid(k),
                      "Kính gửi: Văn phòng Tỉnh ủy\nHuyện ủy Tư Nghĩa gửi danh sách.\n--\nVăn phòng Huyện ủy Tư Nghĩa",
                      [((f, "raw"), pl3_xlsx(TN[0], TN[1], TN[2], rows))], seq=k)
    add("%02d-zm-example-rows-xlsx-caps" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 5, rows=[ex, ex, R(), R(), R()], org=["HUYỆN ỦY TƯ NGHĨA"])],
        "CONTRACT example_row; names written in capitals are still names (text normal form does not change case)")

    # 05 Outlook, unsigned công văn PDF + Word soft file
    k = nx()
    rows = good_rows(5, 3, ["dots"])
    cv = cover_pdf(MD, "215-CV/HU", "V/v đề nghị kích hoạt SIM ký số cho lãnh đạo Huyện ủy", 3)
    f1, f2 = "215-CV-HU kich hoat SIM.pdf", "Phu luc 3 - Danh sach SIM.docx"
    eml = gen.message("ol", frm(MD), "CV 215 đề nghị kích hoạt SIM ký số (kèm file mềm)", date(9, 7, 45), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Mộ Đức gửi Công văn số 215-CV/HU và file mềm danh sách.\n",
                      [(f1, cv), (f2, pl3_docx(MD[0], MD[1], MD[2], rows))], seq=k)
    add("%02d-ol-cover-pdf-unsigned-docx" % k, eml, "sim_activation", "reject",
        [D(f1, "cover_letter", "pdf", oe=["signature_missing"]), sim_doc(f2, "docx", 3, org=["HUYỆN ỦY MỘ ĐỨC"])],
        "CONTRACT cover_letter 'never makes a message mixed: the message takes the kind of the documents it "
        "accompanies'; README: a công văn (letterhead, V/v, Kính gửi, no list) is a cover_letter; it is unsigned, "
        "so it vouches for nothing ('a valid signature on a cover_letter … stands for the unsigned soft files') and "
        "the list keeps signature_missing → reject. Whether the unsigned letter itself is flagged is open.")

    # 06 Gmail, unsigned công văn PDF + Excel soft file
    k = nx()
    rows = good_rows(6, 2, ["84"])
    cv = cover_pdf(BAO, "88-CV/BQN", "V/v kích hoạt SIM ký số", 2)
    f1, f2 = "Công văn 88 - Báo Quảng Ngãi.pdf", "Danh sách kích hoạt SIM.xlsx"
    eml = gen.message("gm", frm(BAO), "Báo Quảng Ngãi gửi công văn đề nghị kích hoạt SIM ký số", date(9, 9, 30),
                      mid(k), "Kính gửi Văn phòng Tỉnh ủy.\nBáo Quảng Ngãi gửi công văn và danh sách kèm theo.\n",
                      [(f1, cv), (f2, pl3_xlsx(BAO[0], BAO[1], BAO[2], rows))], seq=k)
    add("%02d-gm-cover-pdf-unsigned-xlsx" % k, eml, "sim_activation", "reject",
        [D(f1, "cover_letter", "pdf", oe=["signature_missing"]), sim_doc(f2, "xlsx", 2, org=["BÁO QUẢNG NGÃI"])],
        "as 05, with the soft file in Excel")

    # 07 Thunderbird, signed công văn PDF (self-signed, not a configured anchor) + Excel soft file
    k = nx()
    rows = good_rows(7, 3, ["spaces"])
    cv = signed_cover_pdf(DP, "301-CV/TU", "V/v đề nghị kích hoạt SIM ký số", 3)
    f1, f2 = "301-CV-TU (da ky so).pdf", "DS kich hoat SIM Thi uy Duc Pho.xlsx"
    eml = gen.message("tb", frm(DP), "Thị ủy Đức Phổ: công văn 301 (đã ký số) + file mềm", date(9, 15, 10), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\n\nThị ủy Đức Phổ gửi Công văn số 301-CV/TU đã ký số và file mềm "
                      "danh sách đề nghị kích hoạt SIM ký số.\n", [(f1, cv), (f2, pl3_xlsx(DP[0], DP[1], DP[2], rows))],
                      seq=k)
    add("%02d-tb-cover-pdf-signed-untrusted" % k, eml, "sim_activation", "reject",
        [D(f1, "cover_letter", "pdf", ["signature_untrusted"], oe=["signer_mismatch"]),
         sim_doc(f2, "xlsx", 3, org=["THỊ ỦY ĐỨC PHỔ"])],
        "the cover letter carries a real PAdES signature, but by a self-signed certificate no default config "
        "trusts: CONTRACT 'untrusted (chain does not reach a trust anchor)'; README: with require_signature (default) "
        "an untrusted signature is rejected; only a 'valid' cover signature stands for the soft file, so the list "
        "keeps signature_missing")

    # 08 Outlook, scanned PDF only
    k = nx()
    f = "Scan_DS_kich_hoat_SIM_20240509.pdf"
    eml = gen.message("ol", frm(NH), "Danh sách kích hoạt SIM ký số (bản scan)", date(9, 16, 40), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Nghĩa Hành gửi bản scan danh sách đề nghị kích hoạt SIM "
                      "ký số.\n", [(f, gen.pdf_scan())], seq=k)
    add("%02d-ol-scan-pdf-only" % k, eml, "any", "manual",
        [D(f, "any", "pdf", oe=["soft_file_missing", "signature_missing", "document_unreadable"])],
        "CONTRACT soft_file_missing: 'a list that arrived only as a PDF or a scan … the message goes to a person'; "
        "a page with no text cannot be recognised either, and an unrecognised document also goes to a person "
        "(unknown → manual). Either way: manual.", oe=["no_documents"])

    # 09 Zimbra, PDF list with a text layer only
    k = nx()
    rows = good_rows(9, 3, ["plain"])
    f = "DS de nghi kich hoat SIM - DU xa Tinh Phong.pdf"
    eml = gen.message("zm", frm(TP), "Đảng ủy xã Tịnh Phong gửi danh sách kích hoạt SIM", date(10, 8, 5), mid(k),
                      "Kính gửi VP Tỉnh ủy\nĐảng ủy xã Tịnh Phong gửi danh sách (PDF).\n",
                      [(f, list_pdf(TP, rows))], seq=k)
    add("%02d-zm-pdf-list-text-only" % k, eml, "sim_activation", "manual",
        [D(f, "sim_activation", "pdf", ["soft_file_missing"], oe=["signature_missing"],
           ow=["position_not_eligible"], org=["ĐẢNG ỦY XÃ TỊNH PHONG"])],
        "CONTRACT soft_file_missing: 'a list that arrived only as a PDF … the letter asks for the Word/Excel soft "
        "file; the message goes to a person'; its text layer makes it recognisable as Phụ lục 3")

    # 10 Outlook, TCVN3 (.VnTime / .VnTimeH)
    k = nx()
    rows = good_rows(10, 3, ["dots"])
    rows = [(p, i, n, "Phó Bí thư Đảng ủy xã") for (p, i, n, _) in rows]
    f = "DS SIM ky so DU xa Binh Hai.docx"
    doc = pl3_docx(BH[0], BH[1], BH[2], rows, font=".VnTime", head_font=".VnTimeH", conv=gen.tcvn3)
    eml = gen.message("ol", frm(BH), "Danh sách đề nghị kích hoạt SIM ký số - ĐU xã Bình Hải", date(10, 9, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy xã Bình Hải gửi danh sách.\n", [(f, doc)], seq=k)
    add("%02d-ol-tcvn3-vntime" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 3, warnings=["legacy_encoding"], org=["ĐẢNG ỦY XÃ BÌNH HẢI"])],
        "DOMAIN 'Old fonts … They are converted, not rejected'; CONTRACT legacy_encoding (warning: text typed in "
        "TCVN3 … was converted); the letterhead is in .VnTimeH (capitals font, lower-case codes); rows are clean "
        "once converted (Phó Bí thư Đảng ủy xã is eligible, letter §6 (4))")

    # 11 Zimbra, VNI-Times in Word
    k = nx()
    rows = good_rows(11, 3, ["spaces"])
    f = "Danh sach SIM (VNI).docx"
    doc = pl3_docx(TC[0], TC[1], TC[2], rows, font="VNI-Times", conv=gen.vni)
    eml = gen.message("zm", frm(TC), "Ban To chuc Tinh uy - danh sach kich hoat SIM ky so", date(10, 10, 12), mid(k),
                      "Kinh gui Van phong Tinh uy,\nBan To chuc gui danh sach kich hoat SIM ky so.\n", [(f, doc)], seq=k)
    add("%02d-zm-vni-times-docx" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 3, warnings=["legacy_encoding"], org=["BAN TỔ CHỨC", "BAN TỔ CHỨC TỈNH ỦY QUẢNG NGÃI"])],
        "as 10, VNI-Times ('Hoï vaø teân'); CONTRACT legacy_encoding is a warning, so only signature_missing rejects")

    # 12 Gmail, VNI-Times in Excel
    k = nx()
    rows = good_rows(12, 2, ["plain"])
    f = "DS kich hoat SIM - Dang uy Khoi.xlsx"
    doc = pl3_xlsx(MT[0], MT[1], MT[2], rows, font="VNI-Times", conv=gen.vni)
    eml = gen.message("gm", frm(MT), "DS kích hoạt SIM ký số - Đảng ủy Khối", date(10, 11, 20), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy.\n", [(f, doc)], seq=k)
    add("%02d-gm-vni-times-xlsx" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 2, warnings=["legacy_encoding"])],
        "as 11, in Excel cells with the VNI-Times font")

    # 13 Thunderbird, list typed as plain text in the body, nothing attached
    k = nx()
    rows = good_rows(13, 3, ["dots"])
    body = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Tịnh đề nghị kích hoạt SIM ký số cho các đồng chí sau:\n\n"
            "TT\tSố điện thoại\tSố ICCID\tHọ và tên\tChức vụ\n" +
            "".join("%d\t%s\t%s\t%s\t%s\n" % ((i + 1,) + r) for i, r in enumerate(rows)) +
            "\nTrân trọng.\n")
    eml = gen.message("tb", frm(ST), "De nghi kich hoat SIM ky so (danh sach trong thu)", date(10, 13, 30), mid(k),
                      body, seq=k)
    add("%02d-tb-plain-text-body-table" % k, eml, "any", ["manual", "reject"], "any",
        "CONTRACT format body is 'a table read from the message's own HTML body': this body is plain text only. "
        "Read as a table it is an unsigned list (reject); not read, no_documents (manual). Never queued.",
        oe=["no_documents"])

    # 14 Gmail, HTML table in the body
    k = nx()
    rows = good_rows(14, 3, ["spaces"])
    html = ('<div dir="ltr"><div>Kính gửi Văn phòng Tỉnh ủy,</div><div>Ban Tuyên giáo gửi danh sách:</div><br>'
            '<table border="1" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tbody>' +
            "".join("<tr>" + "".join("<td style=\"padding:3px\">%s</td>" % c.replace("\n", "<br>") for c in r) + "</tr>"
                    for r in pl3_table(rows)) + "</tbody></table><br><div>Trân trọng.</div></div>")
    text = "Kính gửi Văn phòng Tỉnh ủy,\nBan Tuyên giáo gửi danh sách:\n\n" + "\n".join(
        " ".join(c.replace("\n", " ") for c in r) for r in pl3_table(rows)) + "\n\nTrân trọng.\n"
    eml = gen.message("gm", frm(TG), "Danh sách kích hoạt SIM (gửi trong nội dung thư)", date(10, 14, 0), mid(k),
                      text, html=html, seq=k)
    add("%02d-gm-html-body-table" % k, eml, "sim_activation", "reject",
        [D(None, "sim_activation", "body", ["signature_missing"], rows=clean(3))],
        "CONTRACT format body: 'a table read from the message's own HTML body when nothing is attached'; nothing "
        "signs a mail body, so signature_missing → reject")

    # 15 Outlook, Word-generated HTML table in the body
    k = nx()
    rows = good_rows(15, 2, ["plus"])
    cells = lambda r, b: "".join(  # noqa: E731
        '<td width="120" valign="top" style="border:solid windowtext 1.0pt;padding:0in 5.4pt 0in 5.4pt">'
        '<p class="MsoNormal">%s<span lang="VI">%s</span>%s<o:p></o:p></p></td>' % (
            "<b>" if b else "", c.replace("\n", "<br>"), "</b>" if b else "") for c in r)
    table = pl3_table(rows)
    html = ('<p class="MsoNormal"><span lang="VI">Kính gửi: Phòng Cơ yếu – CNTT, Văn phòng Tỉnh ủy<o:p></o:p></span></p>'
            '<p class="MsoNormal"><span lang="VI">Huyện ủy Bình Sơn gửi danh sách đề nghị kích hoạt SIM ký số như sau:'
            '<o:p></o:p></span></p><table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" '
            'style="border-collapse:collapse;border:none"><tbody>' +
            "".join('<tr style="height:15.0pt">%s</tr>' % cells(r, i == 0) for i, r in enumerate(table)) +
            '</tbody></table><p class="MsoNormal"><span lang="VI">Trân trọng!<o:p></o:p></span></p>')
    text = "Kính gửi: Phòng Cơ yếu – CNTT, Văn phòng Tỉnh ủy\n\n" + "\n".join(
        "\t".join(c.replace("\n", " ") for c in r) for r in table) + "\n\nTrân trọng!\n"
    eml = gen.message("ol", frm(BS), "DS kích hoạt SIM ký số (trong thân thư)", date(10, 15, 5), mid(k), text,
                      html=html, seq=k)
    add("%02d-ol-word-html-body-table" % k, eml, "sim_activation", "reject",
        [D(None, "sim_activation", "body", ["signature_missing"], rows=clean(2))],
        "as 14, with Outlook's Word HTML (MsoTableGrid, <p class=MsoNormal><span> in every cell)")

    # 16 Thunderbird forward as attachment (message/rfc822) of a commune's Zimbra mail with an Excel list
    k = nx()
    rows = good_rows(16, 2, ["dots"])
    rows = [(p, i, n, "Bí thư Đảng ủy xã" if j == 0 else "Phó Bí thư Đảng ủy xã") for j, (p, i, n, _) in enumerate(rows)]
    fi = "DS kích hoạt SIM - Đảng ủy xã Tịnh Phong.xlsx"
    inner = gen.message("zm", frm(TP), "Danh sách đề nghị kích hoạt SIM ký số", date(9, 10, 0), mid(k, "tinhphong"),
                        "Kính gửi Văn phòng Huyện ủy Sơn Tịnh,\nĐảng ủy xã gửi danh sách nhờ chuyển Văn phòng Tỉnh ủy.\n",
                        [(fi, pl3_xlsx(TP[0], TP[1], TP[2], rows))], to=ST[3], seq=k + 100, crlf=False)
    eml = gen.message("tb", frm(ST), "Fwd: Danh sách đề nghị kích hoạt SIM ký số", date(10, 16, 0), mid(k),
                      "Văn phòng Huyện ủy Sơn Tịnh chuyển danh sách của Đảng ủy xã Tịnh Phong (thư đính kèm).\n",
                      rfc822=inner, seq=k)
    add("%02d-tb-fw-rfc822" % k, eml, "sim_activation", "reject",
        [sim_doc(fi, "xlsx", 2, org=["ĐẢNG ỦY XÃ TỊNH PHONG"])],
        "DOMAIN Forwards: 'the unit's mail attached as message/rfc822 … the unit is the document's letterhead, not "
        "the forwarder'; the list inside is the one document")

    # 17 Gmail inline forward ("---------- Forwarded message ---------") keeping the Word list
    k = nx()
    rows = good_rows(17, 3, ["paren"])
    f = "Danh sach kich hoat SIM.docx"
    eml = gen.message("gm", ("Huyện ủy Bình Sơn", BS[3]), "Fwd: DS kich hoat SIM ky so - DU xa Binh Hai", date(11, 8, 0),
                      mid(k), "---------- Forwarded message ---------\nFrom: Đảng ủy xã Bình Hải <%s>\n"
                      "Date: Fri, 10 May 2024 at 16:20\nSubject: DS kich hoat SIM ky so - DU xa Binh Hai\nTo: <%s>\n\n"
                      "Kính gửi Huyện ủy, nhờ chuyển Văn phòng Tỉnh ủy.\n" % (BH[3], BS[3]),
                      [(f, pl3_docx(BH[0], BH[1], BH[2], [(p, i, n, "Phó Bí thư Đảng ủy xã") for p, i, n, _ in rows]))],
                      seq=k)
    add("%02d-gm-fwd-inline" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 3, org=["ĐẢNG ỦY XÃ BÌNH HẢI"])],
        "DOMAIN Forwards ('Fwd:' inline): the list is judged as any list; the unit is the letterhead")

    # 18 Zimbra reply in the thread of our rejection, with the corrected list
    k = nx()
    rows = good_rows(18, 3, ["dots"])
    f = "Danh sach kich hoat SIM (da sua).xlsx"
    eml = gen.message("zm", frm(TN), "Re: Re: KÍCH HOẠT SIM KÝ SỐ - HUYỆN ỦY TƯ NGHĨA", date(13, 8, 30), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Tư Nghĩa gửi lại danh sách đã xóa các dòng mẫu.\n\n"
                      "----- Tin nhắn gốc -----\nTừ: \"HotroCKS\" <HotroCKS@quangngai.dcs.vn>\n"
                      "> Văn phòng Tỉnh ủy chưa tiếp nhận danh sách của đơn vị vì:\n"
                      "> - Dòng 1, 2: là dòng ví dụ của biểu mẫu, đề nghị xóa.\n",
                      [(f, pl3_xlsx(TN[0], TN[1], TN[2], rows))],
                      extra_headers=["In-Reply-To: <hotrocks.reply.7f3a9c@quangngai.dcs.vn>",
                                     "References: %s <hotrocks.reply.7f3a9c@quangngai.dcs.vn>" % mid(4)], seq=k)
    add("%02d-zm-reply-corrected-list" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, org=["HUYỆN ỦY TƯ NGHĨA"])],
        "a corrected list in reply to a rejection is decided as a list (README: 'The decision itself is not "
        "changed'); example rows gone, still unsigned → reject")

    # 19 Outlook RE: with a case number, corrected Word list (example rows deleted)
    k = nx()
    rows = good_rows(19, 2, ["plus"])
    f = "Danh sách kích hoạt SIM - Ban Tuyên giáo (bản sửa).docx"
    eml = gen.message("ol", frm(TG), "RE: [HT-2024-000031] Gửi danh sách đề nghị kích hoạt SIM ký số", date(13, 9, 40),
                      mid(k), "Ban Tuyên giáo gửi lại danh sách đã xóa dòng mẫu theo hướng dẫn.\n\n"
                      "From: HotroCKS <HotroCKS@quangngai.dcs.vn>\nSent: Wednesday, May 8, 2024 11:02 AM\n",
                      [(f, pl3_docx(TG[0], TG[1], TG[2], rows))],
                      extra_headers=["In-Reply-To: <hotrocks.reject.31.1@quangngai.dcs.vn>",
                                     "References: <hotrocks.reject.31.1@quangngai.dcs.vn>"], seq=k)
    add("%02d-ol-re-case-corrected" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 2, org=["BAN TUYÊN GIÁO", "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI"])],
        "as 18; inspect without --db knows no thread, the decision is the list's")

    # 20 Gmail, corrupt zip (a .docx whose central directory is cut)
    k = nx()
    full = pl3_docx(ST[0], ST[1], ST[2], good_rows(20, 3))
    f = "Danh sach SIM Son Tinh.docx"
    eml = gen.message("gm", frm(ST), "Danh sách kích hoạt SIM ký số", date(13, 10, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy.\n", [(f, full[:len(full) * 3 // 5])], seq=k)
    add("%02d-gm-corrupt-docx" % k, eml, "any", "manual",
        [D(f, "any", ["docx", "other"], ["document_unreadable"], oe=["signature_missing"])],
        "CONTRACT: 'A document that could not be read at all (… a truncated package) makes the message manual, "
        "not reject'")

    # 21 Outlook, password-protected xlsx, password in the body
    k = nx()
    f = "DS kich hoat SIM (mat khau).xlsx"
    eml = gen.message("ol", frm(MD), "Danh sách kích hoạt SIM ký số (file có mật khẩu)", date(13, 10, 30), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nFile có đặt mật khẩu: HuMoDuc@2024\n", [(f, gen.cfb_encrypted())],
                      seq=k)
    add("%02d-ol-encrypted-xlsx" % k, eml, "any", "manual",
        [D(f, "any", ["xlsx", "other"], ["document_unreadable"], oe=["signature_missing"])],
        "CONTRACT: 'an encrypted file … makes the message manual … the password may be in the mail body'")

    # 22 Zimbra, zero-byte attachment (Outlook/webmail upload of a locked file)
    k = nx()
    f = "Danh sách kích hoạt SIM.xlsx"
    eml = gen.message("zm", frm(NH), "Danh sách kích hoạt SIM", date(13, 11, 0), mid(k), "Gửi VP Tỉnh ủy.\n",
                      [(f, b"")], seq=k)
    add("%02d-zm-empty-xlsx" % k, eml, "any", "manual",
        [D(f, "any", ["xlsx", "other"], ["document_unreadable"], oe=["signature_missing"])],
        "an empty file named .xlsx cannot be read (corrupt/truncated package) → CONTRACT 'manual, not reject'",
        oe=["no_documents"])

    # 23 Outlook, Mẫu 12 eToken with coordinator, to VPTU
    k = nx()
    f = "Mau 12 - de nghi khoi phuc eToken.docx"
    eml = gen.message("ol", frm(TC), "Đề nghị khôi phục thiết bị lưu khóa bí mật (eToken)", date(13, 14, 0), mid(k),
                      "Kính gửi Phòng CY-CNTT,\nBan Tổ chức gửi văn bản đề nghị khôi phục eToken (Mẫu 12).\n",
                      [(f, mau12(TC, VPTU, [("Lê Thị Hồng Vân", "Phó Trưởng Ban", "540B2A11"),
                                           ("Nguyễn Hữu Phước", "Chuyên viên", "540B3C07")],
                                 ("Trần Thị Mỹ Lệ", "Chuyên viên Văn phòng", "(0983) 415276", "tranthimyle@quangngai.dcs.vn")))],
                      seq=k)
    add("%02d-ol-mau12-etoken-coordinator" % k, eml, "etoken_recovery", "reject",
        [D(f, "etoken_recovery", "docx", ["signature_missing"], rows=clean(2),
           org=["BAN TỔ CHỨC", "BAN TỔ CHỨC TỈNH ỦY QUẢNG NGÃI"])],
        "letter §5.1: Mẫu 12 to VPTU with the 'Người phối hợp hỗ trợ khôi phục'; unsigned → signature_missing → "
        "reject (require_signature default)")

    # 24 iPhone, Mẫu 12 eToken, Kính gửi variant, coordinator phone +84
    k = nx()
    f = "Mẫu 12 khôi phục USB token.docx"
    eml = gen.message("ip", frm(BAO), "Khoi phuc eToken - Bao Quang Ngai", date(14, 7, 50), mid(k),
                      "Gửi VP Tỉnh ủy văn bản đề nghị khôi phục eToken.", [(f, mau12(
                          BAO, "Kính gửi: Văn phòng Tỉnh ủy (Phòng Cơ yếu - Công nghệ thông tin)",
                          [("Phạm Văn Tâm", "Phó Tổng Biên tập", "54 0B 2A 91")],
                          ("Võ Thị Kim Oanh", "Kỹ thuật viên", "+84 905 110 998", "vothikimoanh@quangngai.dcs.vn")))],
                      seq=k)
    add("%02d-ip-mau12-etoken" % k, eml, "etoken_recovery", "reject",
        [D(f, "etoken_recovery", "docx", ["signature_missing"], rows=clean(1), org=["BÁO QUẢNG NGÃI"])],
        "as 23, sent from iPhone Mail (inline disposition, RFC 2231 file name)")

    # 25 Gmail, Mẫu 12 eToken without coordinator
    k = nx()
    f = "Mau 12 eToken.docx"
    eml = gen.message("gm", frm(DP), "Đề nghị khôi phục eToken", date(14, 8, 10), mid(k), "Kính gửi VP Tỉnh ủy.\n",
                      [(f, mau12(DP, VPTU, [("Đặng Văn Lực", "Phó Bí thư Thị ủy", "540B7781")], None))], seq=k)
    add("%02d-gm-mau12-no-coordinator" % k, eml, "etoken_recovery", "reject",
        [D(f, "etoken_recovery", "docx", ["coordinator_missing", "signature_missing"], rows=clean(1))],
        "CONTRACT coordinator_missing: 'recovery request without the contact person who will be phoned'")

    # 26 Thunderbird, Mẫu 12 eToken addressed to the Cục
    k = nx()
    f = "Mẫu 12 - Huyện ủy Nghĩa Hành.docx"
    eml = gen.message("tb", frm(NH), "Đề nghị khôi phục thiết bị lưu khóa bí mật", date(14, 8, 40), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy.\n", [(f, mau12(NH, CUC, [("Bùi Văn Sáu", "Chánh Văn phòng", "540B1200")],
                                                              ("Ngô Thị Hà", "Văn thư", "0914.220.331", "ngothiha@quangngai.dcs.vn")))],
                      seq=k)
    add("%02d-tb-mau12-to-cuc" % k, eml, "etoken_recovery", "reject",
        [D(f, "etoken_recovery", "docx", ["wrong_addressee", "signature_missing"], rows=clean(1))],
        "letter §5.1 'Lưu ý: tại phần kính gửi Mẫu 12 ghi Văn phòng Tỉnh ủy không ghi Cục…'; CONTRACT wrong_addressee "
        "'e.g. an eToken recovery addressed to the Cục'")

    # 27 Zimbra, Mẫu 11 sent by the person herself (official address)
    k = nx()
    f = "Mau 11 - de nghi khoi phuc.docx"
    eml = gen.message("zm", ("Nguyễn Thị Hồng", "nguyenthihong@quangngai.dcs.vn"), "Xin khôi phục eToken bị khóa",
                      date(14, 9, 15), mid(k), "Em chào anh chị, em nhập sai mật khẩu nhiều lần nên token bị khóa, "
                      "nhờ anh chị hỗ trợ.\n", [(f, mau11("Nguyễn Thị Hồng", "Phó Trưởng phòng", "Huyện ủy Nghĩa Hành",
                                                           "540B4410"))], seq=k)
    add("%02d-zm-mau11-person" % k, eml, "etoken_recovery", "reject",
        [D(f, "etoken_recovery", "docx", ["individual_form", "signature_missing"],
           oe=["coordinator_missing", "no_rows"])],
        "CONTRACT individual_form: 'a Mẫu 11 sent straight here instead of through the managing unit's Mẫu 12'; kind "
        "'Mẫu 12 (or 11) to unlock a locked eToken'; letter §5.1")

    # 28 Thunderbird, Mẫu 12 SIM recovery (ICCID device numbers) to the Cục
    k = nx()
    f = "Mau 12 - khoi phuc SIM PKI.docx"
    ic1, ic2 = iccid(VT, 81234500011), iccid(MB, 81234500012)
    eml = gen.message("tb", frm(BS), "De nghi khoi phuc SIM PKI", date(14, 10, 0), mid(k), "Kính gửi VP Tỉnh ủy.\n",
                      [(f, mau12(BS, CUC, [("Trương Văn Hai", "Phó Bí thư Huyện ủy", group4(ic1)),
                                           ("Lê Thị Mai", "Trưởng Ban Dân vận", ic2)],
                                 ("Ngô Văn Bảy", "Chuyên viên", "0983 415 276", "ngovanbay@quangngai.dcs.vn"), sim=True))],
                      seq=k)
    add("%02d-tb-mau12-sim-recovery" % k, eml, "sim_recovery", "redirect",
        [D(f, "sim_recovery", "docx", oe=["signature_missing"])],
        "letter §5.2: SIM PKI recovery Mẫu 12 goes to the Cục; 'Số hiệu Thiết bị lưu khóa bí mật là dãy số ICCID'; "
        "CONTRACT sim_recovery → redirect")

    # 29 Outlook, Mẫu 02 new certificates
    k = nx()
    f = "Mau 02 - de nghi cap chung thu so.docx"
    eml = gen.message("ol", frm(ST), "Đề nghị cấp chứng thư số cho cá nhân", date(14, 10, 30), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy gửi văn bản đề nghị cấp chứng thư số.\n",
                      [(f, mau02(ST))], seq=k)
    add("%02d-ol-mau02-cert" % k, eml, "cert_request", "redirect",
        [D(f, "cert_request", "docx", oe=["signature_missing", "email_public_domain"])],
        "letter §1: since 02/5/2024 new certificates (Mẫu 02) go to the Cục directly; CONTRACT cert_request → redirect")

    # 30 Zimbra, Mẫu 08 renewal in Excel
    k = nx()
    f = "Mau 08 gia han CTS.xlsx"
    eml = gen.message("zm", frm(MT), "Gia hạn chứng thư số", date(14, 11, 0), mid(k), "Kính gửi Văn phòng Tỉnh ủy.\n",
                      [(f, mau08_xlsx(MT))], seq=k)
    add("%02d-zm-mau08-renewal-xlsx" % k, eml, "cert_request", "redirect",
        [D(f, "cert_request", "xlsx", oe=["signature_missing"])],
        "letter §3: renewal / change of information (Mẫu 08) to the Cục; CONTRACT cert_request → redirect")

    # 31 Gmail, Mẫu 15 lost device record
    k = nx()
    f = "Bien ban that lac thiet bi.docx"
    eml = gen.message("gm", frm(MD), "Báo mất USB ký số", date(14, 14, 20), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy, đơn vị báo cáo việc thất lạc thiết bị lưu khóa bí mật.\n",
                      [(f, mau15(MD))], seq=k)
    add("%02d-gm-mau15-lost-device" % k, eml, "handover", "redirect",
        [D(f, "handover", "docx", oe=["signature_missing"])],
        "letter §4: 'Trường hợp thiết bị … bị thất lạc … Biên bản xác nhận theo Mẫu 15 gửi ngay về Cục'; CONTRACT "
        "handover → redirect")

    # 32 Outlook, six-monthly report
    k = nx()
    f = "Bao cao 6 thang dau nam 2024 - CTS.docx"
    eml = gen.message("ol", frm(BS), "Báo cáo tình hình sử dụng chứng thư số 6 tháng đầu năm 2024", date(15, 8, 0),
                      mid(k), "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Bình Sơn gửi báo cáo 6 tháng.\n",
                      [(f, report_docx(BS))], seq=k)
    add("%02d-ol-report-6-months" % k, eml, "report", "reject",
        [D(f, "report", "docx", ["signature_missing"], org=["HUYỆN ỦY BÌNH SƠN"])],
        "letter §4 'Chế độ báo cáo: Định kỳ 6 tháng …' → this mailbox (CONTRACT report); unsigned with "
        "require_signature → error → reject")

    # 33 iPhone, yearly report in Excel
    k = nx()
    f = "Báo cáo năm 2024 chữ ký số.xlsx"
    eml = gen.message("ip", frm(TN), "Bao cao nam ve chu ky so", date(15, 9, 0), mid(k), "Gửi báo cáo năm.",
                      [(f, report_xlsx(TN))], seq=k)
    add("%02d-ip-report-year-xlsx" % k, eml, "report", "reject",
        [D(f, "report", "xlsx", ["signature_missing"])],
        "as 32, yearly report ('hàng năm'), statistics table in Excel")

    # 34 Outlook auto-reply (no Auto-Submitted)
    k = nx()
    add("%02d-raw-outlook-autoreply" % k, raw_outlook_ooo(k), "auto_reply", "ignore", "any",
        "CONTRACT auto_reply 'vacation replies' → ignore: never answered")

    # 35 Zimbra vacation
    k = nx()
    add("%02d-raw-zimbra-vacation" % k, raw_zimbra_vacation(k), "auto_reply", "ignore", "any",
        "RFC 3834 Auto-Submitted: auto-replied → CONTRACT auto_reply → ignore")

    # 36 Postfix DSN from the DCS mail server
    k = nx()
    add("%02d-raw-dcs-postfix-bounce" % k, raw_postfix_dsn(k), "bounce", "ignore", "any",
        "CONTRACT bounce: 'a delivery status notification (RFC 3464)' → ignore")

    # 37 Gmail DSN
    k = nx()
    add("%02d-raw-gmail-bounce" % k, raw_gmail_dsn(k), "bounce", "ignore", "any",
        "as 36, Google's mailer-daemon (multipart/report; report-type=delivery-status)")

    # 38 Outlook: SIM list + Mẫu 12 eToken in one message
    k = nx()
    f1, f2 = "DS kich hoat SIM.xlsx", "Mau 12 khoi phuc eToken.docx"
    eml = gen.message("ol", frm(ST), "Gửi danh sách SIM và đề nghị khôi phục eToken", date(15, 10, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nGửi kèm 02 văn bản.\n",
                      [(f1, pl3_xlsx(ST[0], ST[1], ST[2], good_rows(38, 2))),
                       (f2, mau12(ST, VPTU, [("Hồ Văn Nam", "Phó Chánh Văn phòng", "540B0099")],
                                  ("Trần Thị Mỹ Lệ", "Chuyên viên", "0983.415.276", "tranthimyle@quangngai.dcs.vn")))], seq=k)
    add("%02d-ol-mixed-sim-etoken" % k, eml, "unknown", "manual",
        [D(f1, "sim_activation", "xlsx", oe=["signature_missing"]),
         D(f2, "etoken_recovery", "docx", oe=["signature_missing"])],
        "CONTRACT: 'a message whose documents disagree is unknown and goes to a person'; mixed_documents",
        errors=["mixed_documents"])

    # 39 Gmail: SIM list + Mẫu 02 cert request
    k = nx()
    f1, f2 = "Danh sách SIM.docx", "Mẫu 02 cấp CTS.docx"
    eml = gen.message("gm", frm(TG), "Danh sách SIM + đề nghị cấp CTS", date(15, 11, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f1, pl3_docx(TG[0], TG[1], TG[2], good_rows(39, 2))), (f2, mau02(TG))], seq=k)
    add("%02d-gm-mixed-sim-cert" % k, eml, "unknown", "manual",
        [D(f1, "sim_activation", "docx", oe=["signature_missing"]),
         D(f2, "cert_request", "docx", oe=["signature_missing", "email_public_domain"])],
        "as 38: a list for this mailbox and a form for the Cục disagree → unknown/manual, mixed_documents",
        errors=["mixed_documents"])

    # 40 Gmail, ICCIDs as Excel numbers (8.98404E+18)
    k = nx()
    rows = good_rows(40, 3, ["plain"])
    num = {(i + 1, 2): float("%.14e" % int(r[1])) for i, r in enumerate(rows)}
    num[(1, 1)] = int(rows[0][0])
    f = "DS SIM (Excel).xlsx"
    eml = gen.message("gm", frm(MD), "DS kich hoat SIM ky so - HU Mo Duc", date(15, 14, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f, pl3_xlsx(MD[0], MD[1], MD[2], rows, numeric=num))], seq=k)
    pl = R(["iccid_precision_lost"], oe=["iccid_checksum", "iccid_invalid"], ow=["phone_carrier_mismatch"])
    add("%02d-gm-iccid-excel-numbers" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, rows=[pl, pl, pl])],
        "CONTRACT iccid_precision_lost: 'a spreadsheet stored it as a number and dropped digits' (DOMAIN "
        "'8.98404E+18'); the mangled number may also fail Luhn/length (open)")

    # 41 Outlook, bad rows: 9-digit phone, old 11-digit phone, duplicate ICCID, missing position
    k = nx()
    g = good_rows(41, 4, ["dots"])
    rows = [("0983.415.27", g[0][1], g[0][2], g[0][3]),            # 9 digits
            ("01683 415 276", iccid(VT, 80000041999), g[1][2], g[1][3]),  # old Viettel → 0383…
            (g[2][0], g[0][1], g[2][2], g[2][3]),                 # ICCID of row 1 again
            (g[3][0], g[3][1], g[3][2], "")]                       # no position
    f = "Danh sach SIM Huyen uy Son Tinh.docx"
    eml = gen.message("ol", frm(ST), "Danh sách kích hoạt SIM ký số", date(15, 15, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f, pl3_docx(ST[0], ST[1], ST[2], rows))], seq=k)
    add("%02d-ol-row-errors" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 4, rows=[R(["phone_invalid"], oe=["duplicate_row"]), R(warnings=["phone_old_format"]),
                                     R(["duplicate_row"], ow=["phone_carrier_mismatch"]), R(["position_missing"], ow=["position_not_eligible"])])],
        "DOMAIN number rules: 9 digits is invalid; 0168x is pre-2018 Viettel (warning, converted); CONTRACT "
        "duplicate_row 'same … ICCID twice in one document' (the second must carry it); position_missing")

    # 42 Zimbra, list addressed to VPTU instead of the Cục
    k = nx()
    f = "DS kich hoat SIM - Thi uy Duc Pho.docx"
    eml = gen.message("zm", frm(DP), "Danh sách đề nghị kích hoạt SIM ký số", date(16, 8, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f, pl3_docx(DP[0], DP[1], DP[2], good_rows(42, 2), kinh_gui="Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"))],
                      seq=k)
    add("%02d-zm-list-to-vptu" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 2, extra_errors=["wrong_addressee"])],
        "CONTRACT wrong_addressee: 'a SIM activation list not addressed to the Cục'; Phụ lục 3 'Kính gửi: Cục Chứng "
        "thực số…'")

    # 43 iPhone, Excel inline, 'Kính gởi' with a dash between the Cục and the Ban
    k = nx()
    f = "DS SIM ký số Nghĩa Hành.xlsx"
    eml = gen.message("ip", frm(NH), "Danh sách kích hoạt SIM ký số", date(16, 9, 0), mid(k), "Gửi VP Tỉnh ủy danh sách.",
                      [(f, pl3_xlsx(NH[0], NH[1], NH[2], good_rows(43, 3, ["84"]),
                                    kinh_gui="Kính gởi: Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ"))],
                      seq=k)
    add("%02d-ip-kinh-goi-variant" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, org=["HUYỆN ỦY NGHĨA HÀNH"])],
        "addressed to the Cục in the southern spelling 'Kính gởi' and with a dash: still the Cục, so no "
        "wrong_addressee (CONTRACT: only a list 'not addressed to the Cục'); unsigned → reject")

    # 44 Gmail, 'Kính gửi' listing the Cục and VPTU
    k = nx()
    f = "Danh sach de nghi kich hoat SIM.docx"
    eml = gen.message("gm", frm(BS), "De nghi kich hoat SIM ky so - HU Binh Son", date(16, 10, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f, pl3_docx(BS[0], BS[1], BS[2], good_rows(44, 2, ["spaces"]),
                                    kinh_gui="Kính gửi: - Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ;\n"
                                             "- Văn phòng Tỉnh ủy Quảng Ngãi."))], seq=k)
    add("%02d-gm-kinh-gui-two-addressees" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "docx", 2)],
        "the list is addressed to the Cục (and VPTU for information): CONTRACT wrong_addressee is for a list 'not "
        "addressed to the Cục' → not raised")

    # 45 Outlook, the công văn PDF alone (the list was forgotten)
    k = nx()
    f = "CV 112-CV-HU.pdf"
    eml = gen.message("ol", frm(NH), "Công văn đề nghị kích hoạt SIM ký số", date(16, 11, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy.\n", [(f, cover_pdf(NH, "112-CV/HU", "V/v đề nghị kích hoạt SIM ký số", 3))],
                      seq=k)
    add("%02d-ol-cover-letter-alone" % k, eml, "unknown", "manual",
        [D(f, ["cover_letter", "unknown"], "pdf", oe=["signature_missing"])],
        "CONTRACT: 'a cover letter alone is unknown' → a person. The document's own kind was first expected "
        "cover_letter; changed after the first run to cover_letter-or-unknown because CONTRACT's kind table defines "
        "cover_letter as a letter 'that accompanies another document of the same message', which a lone letter "
        "does not, so 'unknown' is a reading CONTRACT allows", oe=["no_documents"])

    # 46 Gmail from a gmail.com address, good list
    k = nx()
    f = "ds sim.xlsx"
    eml = gen.message("gm", ("Văn phòng ĐU xã Tịnh Phong", "vpdu.tinhphong@gmail.com"), "gửi danh sách SIM ký số",
                      date(16, 14, 0), mid(k, "mail.gmail.com"), "Kính gửi VP Tỉnh ủy\n",
                      [(f, pl3_xlsx(TP[0], TP[1], TP[2], [(p, i, n, "Phó Bí thư Đảng ủy xã")
                                                          for p, i, n, _ in good_rows(46, 2)]))], seq=k)
    add("%02d-gm-from-gmail" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 2)],
        "CONTRACT sender_public_domain; DOMAIN 'never gmail, yahoo, hotmail'", errors=["sender_public_domain"])

    # 47 Outlook RE: [HT-…] asking where things stand, no attachment
    k = nx()
    eml = gen.message("ol", frm(MD), "RE: [HT-2024-000045] Danh sách kích hoạt SIM ký số", date(17, 8, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy, đơn vị xin hỏi danh sách đã được chuyển Cục chưa ạ?\n",
                      extra_headers=["In-Reply-To: <hotrocks.ack.45@quangngai.dcs.vn>"], seq=k)
    add("%02d-ol-re-status-question" % k, eml, "unknown", "manual", [],
        "CONTRACT no_documents; unknown goes 'to a person'", errors=["no_documents"])

    # 48 Thunderbird, a person asks for a new certificate in the body only (belongs to the Cục, no form)
    k = nx()
    eml = gen.message("tb", ("Trần Văn Dũng", "tranvandung@quangngai.dcs.vn"), "Xin cap moi chung thu so",
                      date(17, 9, 0), mid(k), "Chào anh chị,\nTôi mới được bổ nhiệm, xin được cấp chứng thư số mới và "
                      "USB token. Xin hướng dẫn thủ tục.\n", seq=k)
    add("%02d-tb-cert-question-body" % k, eml, "unknown", "manual", [],
        "no form attached: CONTRACT no_documents → unknown → a person (the Cục's Mẫu 01/02 is not here to classify)",
        errors=["no_documents"])

    # 49 Zimbra, list where one row's ICCID is of another carrier (ported number) and one ICCID not Vietnamese
    k = nx()
    g = good_rows(49, 3, ["dots"])
    rows = [(g[0][0], iccid(VN if g[0][1][4:6] != VN else VT, 80000049001), g[0][2], g[0][3]),
            (g[1][0], "8944" + g[1][1][4:], g[1][2], g[1][3]), g[2]]
    f = "DS kích hoạt SIM ký số (đợt 3).xlsx"
    eml = gen.message("zm", frm(BS), "DS kích hoạt SIM ký số (đợt 3)", date(17, 10, 0), mid(k), "Kính gửi VPTU.\n",
                      [(f, pl3_xlsx(BS[0], BS[1], BS[2], rows))], seq=k)
    add("%02d-zm-carrier-mismatch-not-vn" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, rows=[R(warnings=["phone_carrier_mismatch"]),
                                     R(["iccid_not_vietnam"], oe=["iccid_checksum"], ow=["phone_carrier_mismatch"]),
                                     R()])],
        "DOMAIN: 'a prefix/issuer mismatch is a warning'; ICCID must start 8984 (CONTRACT iccid_not_vietnam)")

    # 50 Outlook, the list twice: as signed-off PDF print and as the Word soft file
    k = nx()
    rows = good_rows(50, 3, ["dots"])
    f1, f2 = "DS kich hoat SIM (ban in).pdf", "DS kich hoat SIM (file mem).docx"
    eml = gen.message("ol", frm(TN), "Danh sách đề nghị kích hoạt SIM ký số (PDF + Word)", date(17, 14, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Tư Nghĩa gửi danh sách bản PDF và file mềm Word.\n",
                      [(f1, list_pdf(TN, rows)), (f2, pl3_docx(TN[0], TN[1], TN[2], rows))], seq=k)
    add("%02d-ol-list-pdf-and-docx" % k, eml, "sim_activation", "reject",
        [D(f1, "sim_activation", "pdf", oe=["signature_missing"], rows="any"),
         sim_doc(f2, "docx", 3, org=["HUYỆN ỦY TƯ NGHĨA"])],
        "the PDF print and the Word soft file of one list agree (both sim_activation), so the message is "
        "sim_activation; the soft file is there, so no soft_file_missing (CONTRACT: 'a list that arrived only as a "
        "PDF'); the Word list is unsigned → reject. Whether the PDF copy is itself flagged unsigned is open.")

    # 51 Zimbra, Excel sent as application/octet-stream with an upper-case extension
    k = nx()
    f = "DSKICHHOATSIM_HUMODUC.XLSX"
    eml = gen.message("zm", frm(MD), "DS kich hoat SIM", date(17, 15, 0), mid(k), "Gửi VPTU.\n",
                      [((f, "zm", "application/octet-stream"), pl3_xlsx(MD[0], MD[1], MD[2], good_rows(51, 2, ["84"])))],
                      seq=k)
    add("%02d-zm-octet-stream-upper-ext" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 2, org=["HUYỆN ỦY MỘ ĐỨC"])],
        "a webmail that labels the file application/octet-stream (and a name in capitals) still sends an Excel "
        "list: format is what the bytes are (CONTRACT format xlsx); unsigned → reject")

    # 52 iPhone, a photo of the printed list only
    k = nx()
    eml = gen.message("ip", frm(BH), "Danh sach SIM", date(17, 16, 0), mid(k), "Em gửi ảnh danh sách ạ.",
                      [(("IMG_0421.PNG", "ip", "image/png"), gen.png_photo())], seq=k)
    add("%02d-ip-photo-of-list" % k, eml, "any", "manual", "any",
        "a list that arrived only as a picture: CONTRACT soft_file_missing ('a list that arrived only as a PDF or a "
        "scan … the message goes to a person'), or, unread, no_documents → unknown → a person. Either way manual.",
        oe=["no_documents"])

    # 53 Zimbra, Mẫu 12 eToken with the person's Mẫu 11 attached beside it (the right channel)
    k = nx()
    f1, f2 = "Mau 12 - HU Nghia Hanh.docx", "Mau 11 - Nguyen Thi Hong.docx"
    eml = gen.message("zm", frm(NH), "Đề nghị khôi phục eToken (Mẫu 12 kèm Mẫu 11)", date(20, 8, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Nghĩa Hành gửi Mẫu 12 kèm đơn Mẫu 11 của đồng chí Hồng.\n",
                      [(f1, mau12(NH, VPTU, [("Nguyễn Thị Hồng", "Phó Trưởng phòng", "540B4410")],
                                  ("Ngô Thị Hà", "Văn thư", "0914 220 331", "ngothiha@quangngai.dcs.vn"))),
                       (f2, mau11("Nguyễn Thị Hồng", "Phó Trưởng phòng", "Huyện ủy Nghĩa Hành", "540B4410"))], seq=k)
    add("%02d-zm-mau12-with-mau11" % k, eml, "etoken_recovery", "reject",
        [D(f1, "etoken_recovery", "docx", ["signature_missing"], rows=clean(1)),
         D(f2, "etoken_recovery", "docx", oe=["signature_missing", "coordinator_missing", "no_rows"])],
        "letter §5.1: the person's Mẫu 11 goes to the unit, which sends Mẫu 12 — here both came from the unit, so "
        "the Mẫu 11 was NOT 'sent straight here instead of through the managing unit's Mẫu 12' (CONTRACT "
        "individual_form): no individual_form; both are 'Mẫu 12 (or 11)' etoken_recovery, so they agree; the Mẫu 12 "
        "is unsigned → reject")

    # 54 Thunderbird, Excel with an instructions sheet first and the list on the second sheet
    k = nx()
    rows = good_rows(54, 3, ["spaces"])
    f = "Phu luc 3 - DS kich hoat SIM (2 sheet).xlsx"
    eml = gen.message("tb", frm(BS), "Phụ lục 3 - danh sách kích hoạt SIM ký số", date(20, 9, 0), mid(k),
                      "Kính gửi Văn phòng Tỉnh ủy.\n", [(f, two_sheet_xlsx(BS, rows))], seq=k)
    add("%02d-tb-xlsx-list-on-second-sheet" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 3, org=["HUYỆN ỦY BÌNH SƠN"])],
        "units keep the form's 'Hướng dẫn' sheet in front of the list; the list is still the Phụ lục 3 table; "
        "unsigned → reject")

    # 55 Outlook "FW:" forward as attachment (message/rfc822) of a commune's Gmail mail with a Word list
    k = nx()
    rows = [(p, i, n, "Phó Bí thư Đảng ủy xã") for p, i, n, _ in good_rows(55, 2, ["dots"])]
    fi = "Danh sách kích hoạt SIM ĐU xã Bình Hải.docx"
    inner = gen.message("gm", ("Đảng ủy xã Bình Hải", BH[3]), "Danh sách kích hoạt SIM ký số", date(17, 10, 0),
                        mid(k, "binhhai"), "Kính gửi Văn phòng Huyện ủy Bình Sơn, nhờ chuyển Văn phòng Tỉnh ủy.\n",
                        [(fi, pl3_docx(BH[0], BH[1], BH[2], rows))], to=BS[3], seq=k + 100, crlf=False)
    eml = gen.message("ol", frm(BS), "FW: Danh sách kích hoạt SIM ký số", date(20, 10, 0), mid(k),
                      "Văn phòng Huyện ủy Bình Sơn chuyển thư của Đảng ủy xã Bình Hải.\n", rfc822=inner, seq=k)
    add("%02d-ol-fw-rfc822-gmail-inner" % k, eml, "sim_activation", "reject",
        [sim_doc(fi, "docx", 2, org=["ĐẢNG ỦY XÃ BÌNH HẢI"])],
        "as 16, Outlook's 'FW:' as attachment; the inner mail is Gmail's (B-encoded name)")

    # 56 Zimbra, Excel list typed in TCVN3 (.VnTime)
    k = nx()
    rows = [(p, i, n, "Bí thư Đảng ủy xã") for p, i, n, _ in good_rows(56, 2, ["plain"])]
    f = "DS SIM DU xa Tinh Phong (VnTime).xlsx"
    doc = gen.xlsx_doc([gen.tcvn3_caps(TP[0]), gen.tcvn3_caps(TP[1]), gen.tcvn3("Tịnh Phong, ngày 20 tháng 5 năm 2024"),
                        gen.tcvn3_caps("DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"), gen.tcvn3(CUC)],
                       [[gen.tcvn3(c) for c in r] for r in pl3_table(rows)], font=".VnTime", top_font=".VnTimeH")
    eml = gen.message("zm", frm(TP), "DS kich hoat SIM ky so - DU xa Tinh Phong", date(20, 11, 0), mid(k),
                      "Gửi VPTU.\n", [(f, doc)], seq=k)
    add("%02d-zm-tcvn3-xlsx" % k, eml, "sim_activation", "reject",
        [sim_doc(f, "xlsx", 2, warnings=["legacy_encoding"], org=["ĐẢNG ỦY XÃ TỊNH PHONG"])],
        "as 10, TCVN3 in Excel cells: the list in .VnTime, the heading rows in .VnTimeH (capitals font), so the "
        "organization reads in capitals 'as written' (CONTRACT organization rule)")

    return CASES


def two_sheet_xlsx(u, rows):
    import io
    import openpyxl
    data = pl3_xlsx(u[0], u[1], u[2], rows)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.create_sheet("Huong dan", 0)
    for i, line in enumerate(["HƯỚNG DẪN ĐIỀN DANH SÁCH", "1. Số điện thoại: ghi đủ 10 số.",
                              "2. Số ICCID: dãy số ghi trên thẻ SIM.", "3. Xóa các dòng ví dụ trước khi gửi."], 1):
        ws.cell(row=i, column=1, value=line)
    wb["Sheet1"].title = "Danh sach"
    buf = io.BytesIO()
    wb.save(buf)
    return gen.fixzip(buf.getvalue())


# ------------------------------------------------------------------ documents


def cover_pdf(u, number, vv, nrows):
    lines = [(60, 790, 11, u[0]), (60, 775, 11, u[1]), (90, 760, 11, "*"), (60, 745, 10, "Số %s" % number),
             (60, 730, 10, vv), (330, 790, 11, "ĐẢNG CỘNG SẢN VIỆT NAM"),
             (330, 760, 10, "%s, ngày 08 tháng 5 năm 2024" % u[2]),
             (150, 700, 11, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"),
             (60, 670, 10, "Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy về hướng dẫn"),
             (60, 656, 10, "quy định, thủ tục liên quan đến chữ ký số, %s đề nghị Văn phòng Tỉnh ủy" % u[1].title()),
             (60, 642, 10, "phối hợp đề nghị Cục Chứng thực số và Bảo mật thông tin kích hoạt %02d SIM ký số" % nrows),
             (60, 628, 10, "cho các đồng chí lãnh đạo (có danh sách kèm theo, file mềm gửi kèm thư điện tử)."),
             (60, 600, 10, "Trân trọng."), (60, 560, 10, "Nơi nhận:"), (60, 546, 10, "- Như trên,"),
             (60, 532, 10, "- Lưu Văn phòng."), (350, 560, 11, "T/M BAN THƯỜNG VỤ"),
             (350, 546, 11, "PHÓ BÍ THƯ"), (350, 490, 11, "Nguyễn Văn Hùng")]
    return gen.pdf_text([lines])


def list_pdf(u, rows):
    lines = [(60, 790, 11, u[0]), (60, 775, 11, u[1]), (330, 790, 11, "ĐẢNG CỘNG SẢN VIỆT NAM"),
             (330, 760, 10, "%s, ngày 10 tháng 5 năm 2024" % u[2]), (230, 720, 12, "DANH SÁCH"),
             (170, 704, 12, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"), (80, 684, 10, CUC),
             (40, 660, 9, "TT"), (70, 660, 9, "Số điện thoại"), (150, 660, 9, "Số ICCID"),
             (290, 660, 9, "Họ và tên người dùng"), (420, 660, 9, "Chức vụ")]
    y = 640
    for i, (p, ic, n, pos) in enumerate(rows, 1):
        lines += [(40, y, 9, str(i)), (70, y, 9, p), (150, y, 9, ic), (290, y, 9, n), (420, y, 9, pos)]
        y -= 18
    lines.append((40, y - 10, 9, "Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM."))
    return gen.pdf_text([lines])


def mau12(u, kinh_gui, subs, coord, sim=False):
    hl, hr = letterhead(u[0], u[1], u[2])
    hr = ["Mẫu 12"] + hr
    what = "SIM PKI" if sim else "thiết bị lưu khóa bí mật (eToken)"
    body = [("VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", True, True),
            ("CHO CÁC THUÊ BAO CỦA CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP", True, True),
            (kinh_gui, False, True),
            ("%s đề nghị khôi phục %s cho các thuê bao sau (nhập sai mật khẩu quá số lần quy định):"
             % (u[1].title(), what), False, False)]
    table = [["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu thiết bị lưu khóa bí mật" + (" (số ICCID)" if sim else ""),
              "Lý do"]]
    for i, (n, pos, dev) in enumerate(subs, 1):
        table.append([str(i), n, pos, dev, "Nhập sai mật khẩu quá 15 lần"])
    after = []
    if coord:
        after += [("Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:", True, False),
                  ("- Họ và tên: %s" % coord[0], False, False), ("- Chức vụ: %s" % coord[1], False, False),
                  ("- Số điện thoại: %s" % coord[2], False, False), ("- Thư điện tử: %s" % coord[3], False, False)]
    after += [("T/M BAN THƯỜNG VỤ", True, False), ("PHÓ BÍ THƯ", True, False), ("Phạm Minh Quang", True, False)]
    return gen.docx_doc(hl, hr, body, table, after)


def mau11(name, pos, unit, dev):
    hr = ["Mẫu 11", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    body = [("VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CỦA THUÊ BAO", True, True),
            ("Kính gửi: %s" % unit, False, True),
            ("Tên tôi là: %s" % name, False, False), ("Chức vụ: %s" % pos, False, False),
            ("Cơ quan: %s" % unit, False, False), ("Số hiệu thiết bị lưu khóa bí mật: %s" % dev, False, False),
            ("Lý do đề nghị khôi phục: nhập sai mật khẩu quá số lần quy định.", False, False),
            ("Đề nghị cơ quan xem xét, tổng hợp gửi Văn phòng Tỉnh ủy hỗ trợ khôi phục.", False, False)]
    after = [("Nghĩa Hành, ngày 14 tháng 5 năm 2024", False, False), ("NGƯỜI ĐỀ NGHỊ", True, False),
             ("(Ký, ghi rõ họ tên)", False, False), (name, True, False)]
    return gen.docx_doc([], hr, body, None, after)


def mau02(u):
    hl, hr = letterhead(u[0], u[1], u[2])
    hr = ["Mẫu 02"] + hr
    body = [("VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CHO CÁC CÁ NHÂN", True, True),
            ("CỦA CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP", True, True), (CUC, False, True),
            ("%s đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho các cá nhân sau:" % u[1].title(),
             False, False)]
    table = [["TT", "Họ và tên", "Số CCCD", "Chức vụ", "Cơ quan công tác", "Thư điện tử công vụ", "Số điện thoại"],
             ["1", "Nguyễn Thành Trung", "051085001234", "Phó Trưởng Ban", u[1].title(), "nttrung@quangngai.dcs.vn",
              "0983 111 222"],
             ["2", "Lê Thị Ngọc Ánh", "051190004321", "Chuyên viên", u[1].title(), "ltnanh@quangngai.dcs.vn",
              "0914 333 444"]]
    after = [("T/M BAN THƯỜNG VỤ", True, False), ("Nguyễn Văn Hùng", True, False)]
    return gen.docx_doc(hl, hr, body, table, after)


def mau08_xlsx(u):
    top = ["Mẫu 08", u[0], u[1], "ĐẢNG CỘNG SẢN VIỆT NAM",
           "VĂN BẢN ĐỀ NGHỊ GIA HẠN, THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ CHO CÁC THUÊ BAO", CUC]
    table = [["TT", "Họ và tên thuê bao", "Chức vụ", "Thư điện tử", "Số hiệu chứng thư số", "Nội dung đề nghị"],
             ["1", "Phan Văn Lộc", "Phó Bí thư", "pvloc@quangngai.dcs.vn", "5403 0A1B 2C3D 4E5F", "Gia hạn"],
             ["2", "Đỗ Thị Thanh", "Trưởng ban", "dtthanh@quangngai.dcs.vn", "5403 0A1B 2C3D 4E60",
              "Thay đổi chức vụ"]]
    return gen.xlsx_doc(top, table)


def mau15(u):
    hl, hr = letterhead(u[0], u[1], u[2])
    hr = ["Mẫu 15"] + hr
    body = [("BIÊN BẢN XÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT", True, True),
            ("Hôm nay, ngày 14 tháng 5 năm 2024, tại Văn phòng Huyện ủy Mộ Đức, chúng tôi gồm:", False, False),
            ("1. Đồng chí Nguyễn Văn Hùng, Chánh Văn phòng Huyện ủy (đại diện cơ quan quản lý trực tiếp).", False, False),
            ("2. Đồng chí Phạm Thị Lan, Phó Trưởng Ban Tổ chức Huyện ủy (thuê bao).", False, False),
            ("Xác nhận thiết bị lưu khóa bí mật số hiệu 540B9911 cấp cho đồng chí Phạm Thị Lan đã bị thất lạc "
             "ngày 10/5/2024.", False, False),
            ("Biên bản được lập thành 02 bản, gửi Cục Chứng thực số và Bảo mật thông tin 01 bản.", False, False)]
    after = [("ĐẠI DIỆN CƠ QUAN                 THUÊ BAO", True, False)]
    return gen.docx_doc(hl, hr, body, None, after)


def report_docx(u):
    hl, hr = letterhead(u[0], u[1], u[2], "30", "6")
    hl = hl + ["Số 120-BC/HU"]
    body = [("BÁO CÁO", True, True),
            ("Tình hình triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024", True, True),
            (VPTU, False, True),
            ("Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy, %s báo cáo tình hình "
             "triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024 như sau:" % u[1].title(), False, False)]
    table = [["TT", "Nội dung", "Số lượng"], ["1", "Chứng thư số cá nhân đang sử dụng", "42"],
             ["2", "Chứng thư số cơ quan, tổ chức", "3"], ["3", "SIM PKI đã kích hoạt", "12"],
             ["4", "Thiết bị bị khóa đã khôi phục", "2"]]
    after = [("Khó khăn, vướng mắc: một số máy tính chưa cài đặt phần mềm ký số.", False, False),
             ("T/M BAN THƯỜNG VỤ", True, False), ("Nguyễn Văn Hùng", True, False)]
    return gen.docx_doc(hl, hr, body, table, after)


def report_xlsx(u):
    top = [u[0], u[1], "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO",
           "Tình hình triển khai, quản lý và sử dụng chứng thư số năm 2024", VPTU]
    table = [["TT", "Nội dung", "Số lượng", "Ghi chú"], ["1", "Chứng thư số cá nhân đang sử dụng", "37", ""],
             ["2", "Chứng thư số cơ quan", "2", ""], ["3", "SIM PKI đã kích hoạt", "9", ""],
             ["4", "Chứng thư số đã thu hồi", "1", "nghỉ hưu"]]
    return gen.xlsx_doc(top, table)


def signed_cover_pdf(u, number, vv, nrows):
    import sign_pdf
    return sign_pdf.sign(cover_pdf(u, number, vv, nrows))


# ------------------------------------------------------------------ raw system mail

def _crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def raw_outlook_ooo(k):
    return _crlf("""From: %s <phongcycntt@quangngai.dcs.vn>
To: HotroCKS@quangngai.dcs.vn
Subject: %s
Date: Fri, 17 May 2024 11:00:03 +0700
Message-ID: %s
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: phongcycntt@quangngai.dcs.vn
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

%s
""" % (gen.ew_b("Phòng CY-CNTT - Văn phòng Tỉnh ủy", 30, "utf-8"),
       gen.ew_b("Tự động trả lời: Danh sách kích hoạt SIM ký số", 30, "utf-8"), mid(k),
       gen.b64lines("Tôi đang đi công tác đến hết ngày 20/5/2024, sẽ trả lời thư khi trở về.\n".encode())))


def raw_zimbra_vacation(k):
    return _crlf("""Return-Path: <>
From: =?utf-8?Q?Huy=E1=BB=87n_=E1=BB=A7y_M=E1=BB=99_=C4=90=E1=BB=A9c?= <huyenuymoduc@quangngai.dcs.vn>
To: HotroCKS@quangngai.dcs.vn
Subject: =?utf-8?Q?Ngh=E1=BB=89_ph=C3=A9p?=
Date: Fri, 17 May 2024 14:00:00 +0700
Message-ID: %s
Auto-Submitted: auto-replied (zimbra; vacation)
Precedence: bulk
X-Mailer: Zimbra 8.8.15_GA_4545
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

%s
""" % (mid(k), gen.qp("Cán bộ văn thư nghỉ phép, thư sẽ được xử lý sau ngày 27/5/2024.\n")))


def raw_postfix_dsn(k):
    return _crlf("""Return-Path: <>
From: MAILER-DAEMON@mail.quangngai.dcs.vn (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: HotroCKS@quangngai.dcs.vn
Auto-Submitted: auto-replied
Date: Fri, 17 May 2024 15:01:02 +0700 (+07)
Message-ID: %s
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="6B0C51C2A1.1715932862/mail.quangngai.dcs.vn"

This is a MIME-encapsulated message.

--6B0C51C2A1.1715932862/mail.quangngai.dcs.vn
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.quangngai.dcs.vn.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<vanphong.hu.sontinhh@quangngai.dcs.vn>: User unknown in virtual mailbox table

--6B0C51C2A1.1715932862/mail.quangngai.dcs.vn
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.quangngai.dcs.vn
X-Postfix-Queue-ID: 6B0C51C2A1
Arrival-Date: Fri, 17 May 2024 15:01:01 +0700 (+07)

Final-Recipient: rfc822; vanphong.hu.sontinhh@quangngai.dcs.vn
Original-Recipient: rfc822;vanphong.hu.sontinhh@quangngai.dcs.vn
Action: failed
Status: 5.1.1
Diagnostic-Code: X-Postfix; User unknown in virtual mailbox table

--6B0C51C2A1.1715932862/mail.quangngai.dcs.vn
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: HotroCKS@quangngai.dcs.vn
To: vanphong.hu.sontinhh@quangngai.dcs.vn
Subject: =?UTF-8?B?UmU6IERhbmggc8OhY2gga8OtY2ggaG/huqF0IFNJTQ==?=
Message-ID: <hotrocks.reply.99@quangngai.dcs.vn>
Date: Fri, 17 May 2024 15:01:00 +0700

--6B0C51C2A1.1715932862/mail.quangngai.dcs.vn--
""" % mid(k))


def raw_gmail_dsn(k):
    return _crlf("""Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: HotroCKS@quangngai.dcs.vn
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Date: Fri, 17 May 2024 01:30:00 -0700 (PDT)
Message-ID: %s
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3d4e5f60718"; report-type=delivery-status

--000000000000a1b2c3d4e5f60718
Content-Type: multipart/related; boundary="000000000000a1b2c3d4e5f60719"

--000000000000a1b2c3d4e5f60719
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6071a"

--000000000000a1b2c3d4e5f6071a
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to vpdu.tinhphongg@gmail.com because the address couldn't be found.

--000000000000a1b2c3d4e5f6071a
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2></body></html>

--000000000000a1b2c3d4e5f6071a--
--000000000000a1b2c3d4e5f60719--
--000000000000a1b2c3d4e5f60718
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; mail.quangngai.dcs.vn
Arrival-Date: Fri, 17 May 2024 01:29:59 -0700 (PDT)

Final-Recipient: rfc822; vpdu.tinhphongg@gmail.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.

--000000000000a1b2c3d4e5f60718
Content-Type: message/rfc822

From: HotroCKS@quangngai.dcs.vn
To: vpdu.tinhphongg@gmail.com
Subject: Re: gui danh sach SIM ky so
Message-ID: <hotrocks.reply.100@quangngai.dcs.vn>
Date: Fri, 17 May 2024 15:29:00 +0700

(noi dung)

--000000000000a1b2c3d4e5f60718--
""" % mid(k, "mail.gmail.com"))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make-blind.py OUT\n")
        sys.exit(64)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, eml, exp in build():
        exp = dict(exp, file=name + ".eml")
        with open(os.path.join(out, name + ".eml"), "wb") as fh:
            fh.write(eml)
        with open(os.path.join(out, name + ".expect.json"), "w", encoding="utf-8") as fh:
            json.dump(exp, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    print("blind5: wrote %d messages to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
