#!/usr/bin/python3
"""Blind set 7: conversations over several mails, judged through one store.

Writes OUT/NN-name.eml (templates: {case:STEP} and {reply:STEP} are filled by
the judge from the store when the step runs, since a reply can only quote a
Message-ID the program chose), OUT/steps.json (every step in order with its
expectations), OUT/anchors.pem (the throw-away test root), OUT/units.csv.

Every expectation here was written from CONTRACT.md, DOMAIN.md, README.md
and the man pages before the program was run on these messages.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind6"))
sys.path.insert(0, HERE)

import docs  # noqa: E402  (blind6's Word/Excel/PDF bytes)
import mime  # noqa: E402  (blind6's MIME)
import testkeys7  # noqa: E402

MAILBOX = "HotroCKS@quangngai.dcs.vn"
CUC_ADDR = "ca@bcy.gov.vn"

# key -> (parent body, letterhead unit, place, sender display name, address)
UNITS = {
    "sontinh": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh",
                "Văn phòng Huyện ủy Sơn Tịnh", "vanphong.sontinh@quangngai.dcs.vn"),
    "moduc": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MỘ ĐỨC", "Mộ Đức",
              "Văn phòng Huyện ủy Mộ Đức", "vanphong.moduc@quangngai.dcs.vn"),
    "tunghia": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa",
                "Văn phòng Huyện ủy Tư Nghĩa", "vanphong.tunghia@quangngai.dcs.vn"),
    "ducpho": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THỊ ỦY ĐỨC PHỔ", "Đức Phổ",
               "Văn phòng Thị ủy Đức Phổ", "vanphong.ducpho@quangngai.dcs.vn"),
    "binhson": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN", "Bình Sơn",
                "Văn phòng Huyện ủy Bình Sơn", "vanphong.binhson@quangngai.dcs.vn"),
    "nghiahanh": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY NGHĨA HÀNH", "Nghĩa Hành",
                  "Văn phòng Huyện ủy Nghĩa Hành", "vanphong.nghiahanh@quangngai.dcs.vn"),
    "bdv": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "BAN DÂN VẬN TỈNH ỦY", "Quảng Ngãi",
            "Ban Dân vận Tỉnh ủy", "bandanvan@quangngai.dcs.vn"),
    "lyson": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY LÝ SƠN", "Lý Sơn",
              "Văn phòng Huyện ủy Lý Sơn", "vanphong.lyson@quangngai.dcs.vn"),
    "sonha": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN HÀ", "Sơn Hà",
              "Văn phòng Huyện ủy Sơn Hà", "vanphong.sonha@quangngai.dcs.vn"),
    "trabong": ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TRÀ BỒNG", "Trà Bồng",
                "Văn phòng Huyện ủy Trà Bồng", "vanphong.trabong@quangngai.dcs.vn"),
}
# Trà Bồng's certificates name the party organisation, not the letterhead's
# committee: a valid signer that the letterhead alone cannot tie to the unit.
TRABONG_CERT_ORG = "ĐẢNG BỘ HUYỆN TRÀ BỒNG"
PERSON = ("Phạm Văn Bình", "nguyenvanbinh.bdv@quangngai.gov.vn")

NAMES = ["Nguyễn Thị Hoa", "Trần Minh Tuấn", "Lê Quang Vinh", "Phạm Thị Thu Hà",
         "Võ Văn Lợi", "Huỳnh Thị Mai", "Đặng Công Thành", "Bùi Văn Khánh",
         "Đỗ Thị Lan Anh", "Hồ Ngọc Sơn", "Ngô Thanh Bình", "Dương Văn Phúc",
         "Lý Thị Kim Oanh", "Phan Đình Trọng", "Vũ Thị Hằng", "Tạ Quang Huy"]
POSITIONS = ["Bí thư Huyện ủy", "Phó Bí thư Thường trực Huyện ủy",
             "Trưởng Ban Tổ chức Huyện ủy", "Chánh Văn phòng Huyện ủy",
             "Phó Trưởng Ban Tuyên giáo Huyện ủy", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"]
CARRIERS = [("098", "04"), ("091", "02"), ("090", "01")]


def person(n):
    """The n-th subscriber of the set: a unique phone and ICCID, carriers
    agreeing (so no phone_carrier_mismatch), an eligible position."""
    pre, iss = CARRIERS[n % 3]
    phone = "%s%07d" % (pre, 4100000 + n * 137)
    return [phone, docs.iccid(iss, 700000000 + n * 31), NAMES[n % len(NAMES)],
            POSITIONS[n % len(POSITIONS)]]


def spaced(p):
    return "%s %s %s" % (p[:4], p[4:7], p[7:])


def place_date(u, day):
    return "%s, ngày %02d tháng 5 năm 2024" % (UNITS[u][2], day)


def sim_docx(u, day, rows, **kw):
    return docs.sim_docx(UNITS[u][0], UNITS[u][1], place_date(u, day), rows, **kw)


def sim_xlsx(u, day, rows, **kw):
    return docs.sim_xlsx(UNITS[u][0], UNITS[u][1], place_date(u, day), rows, **kw)


# ------------------------------------------------------------------ mail

def date_hdr(day, hour, minute=0):
    d = datetime.datetime(2024, 5, day, hour, minute)
    return d.strftime("%a, %d %b %Y %H:%M:00 +0700")


def epoch(day, hour, minute=0):
    d = datetime.datetime(2024, 5, day, hour, minute, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return int(d.timestamp())


def att(data, ext, fname):
    return mime.attach(data, ext, 'name="%s"' % fname, 'attachment;\n filename="%s"' % fname)


def mail(frm, subject, day, hour, body, atts=(), msgid=None, extra=(), minute=0, to=MAILBOX):
    """A Thunderbird-shaped message: From with display name, B-words."""
    name, addr = frm
    hdrs = [("From", "%s <%s>" % (mime.bword(name), addr)), ("To", to),
            ("Subject", subj(subject)), ("Date", date_hdr(day, hour, minute)),
            ("Message-ID", msgid)] + list(extra) + [("User-Agent", "Mozilla/5.0 Thunderbird/115.10.1")]
    text = mime.text(body, cte="8bit")
    ent = mime.multi("mixed", "------------b7%s" % msgid.strip("<>").split("@")[0][-12:], [text] + list(atts)) \
        if atts else text
    return mime.message(hdrs, ent)


PLACEHOLDER = re.compile(r"(\{[a-z]+:[0-9a-z]+\}|\[\{case:[0-9a-z]+\}\] ?|Re: )")


def subj(s):
    """B-words for the text, the judge's placeholders (and a Re: or a
    bracketed case number, as clients write them) left in clear."""
    out = []
    for part in PLACEHOLDER.split(s):
        if not part:
            continue
        if PLACEHOLDER.fullmatch(part) or part.isascii():
            out.append(part)
        else:
            out.append(mime.bword(part))
    return "".join(out)


def unit_from(u):
    return (UNITS[u][3], UNITS[u][4])


def body_list(u):
    return ("Kính gửi Văn phòng Tỉnh ủy (Phòng Cơ yếu - CNTT),\n\n%s gửi danh sách đề nghị "
            "kích hoạt SIM ký số (Phụ lục 3) kèm theo thư này.\n\nTrân trọng.\n%s\n"
            % (UNITS[u][3], UNITS[u][3]))


def quote(s):
    return "\n".join("> " + line for line in s.splitlines())


# ------------------------------------------------------------------ PKI

def certs():
    """A test root named like the government CA, and signer certificates of
    one key for the units that sign (fixed serials and dates)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
    rk = serialization.load_pem_private_key(testkeys7.ROOT_KEY, None)
    lk = serialization.load_pem_private_key(testkeys7.LEAF_KEY, None)
    rn = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA phục vụ các cơ quan Đảng G2 (blind7 test)"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ban Cơ yếu Chính phủ"),
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    root = (x509.CertificateBuilder().subject_name(rn).issuer_name(rn).public_key(rk.public_key())
            .serial_number(0xB7000001).not_valid_before(datetime.datetime(2020, 1, 1))
            .not_valid_after(datetime.datetime(2040, 1, 1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(rk.public_key()), critical=False)
            .sign(rk, hashes.SHA256()))

    def leaf(org, serial, cn):
        ln = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                        x509.NameAttribute(NameOID.LOCALITY_NAME, "Quảng Ngãi"),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "VĂN PHÒNG"),
                        x509.NameAttribute(NameOID.COMMON_NAME, cn)])
        return (x509.CertificateBuilder().subject_name(ln).issuer_name(rn).public_key(lk.public_key())
                .serial_number(serial).not_valid_before(datetime.datetime(2023, 11, 24))
                .not_valid_after(datetime.datetime(2028, 11, 22))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(rk.public_key()), critical=False)
                .sign(rk, hashes.SHA256()))
    return root, lk, leaf


def sign_pdf(pdf, leafcert, key, root, when):
    """blind6's PAdES incremental update (adbe.pkcs7.detached, no signed
    attributes, so the same bytes every run), with this set's own PKI."""
    import re
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7
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
             b"/M (D:" + when + b"+07'00') /Name (Van phong) /Contents <" + b"0" * (2 * size) + b"> >>"),
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
    cms = (pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(leafcert, key, hashes.SHA256())
           .add_certificate(root)
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary,
                                              pkcs7.PKCS7Options.NoAttributes]))
    hx = cms.hex().upper().encode()
    out[a + 1:a + 1 + len(hx)] = hx
    return bytes(out)


def cover_pdf(u, number, day, leafcert, key, root):
    pdf = docs.cover_letter_pdf(UNITS[u][0], UNITS[u][1], number, place_date(u, day),
                                "V/v đề nghị kích hoạt SIM ký số",
                                ["%s gửi danh sách đề nghị kích hoạt SIM ký số (Phụ lục 3)" % UNITS[u][3],
                                 "kèm theo Công văn này; đề nghị Văn phòng Tỉnh ủy chuyển Cục Chứng thực số",
                                 "và Bảo mật thông tin kích hoạt theo quy định."],
                                ("BÍ THƯ", "Nguyễn Văn Hùng"))
    return sign_pdf(pdf, leafcert, key, root, b"202405%02d080000" % day)


# ------------------------------------------------------------------ steps

STEPS = []


def E(check, value, why, desk=False):
    """One expectation: check name, expected value, the sentence it rests on."""
    return {"check": check, "value": value, "why": why, "desk": desk}


def ingest(sid, name, eml, day, hour, expect, minute=0, note=""):
    STEPS.append({"id": sid, "type": "ingest", "file": "%s-%s.eml" % (sid, name), "eml": eml,
                  "mtime": epoch(day, hour, minute), "expect": expect, "note": note})


def command(sid, name, argv, expect, note="", stdin=None):
    STEPS.append({"id": sid, "type": "command", "name": name, "argv": argv, "expect": expect, "note": note})


def phase(sid, conf, note):
    STEPS.append({"id": sid, "type": "config", "conf": conf, "note": note})


# Sentences the expectations rest on (quoted, shortened with …).
W = {
    "reject": "CONTRACT action reject: not accepted: one reply lists every error, row by row; nothing is queued",
    "queue": "CONTRACT action queue: accepted: a case is opened, an acknowledgement is sent, and the request is forwarded where the rules say so",
    "manual": "CONTRACT action manual: a person must look: the message is kept and flagged, no automatic reply",
    "ignore": "CONTRACT action ignore: never answered: auto-replies, bounces, our own mail, a message already processed",
    "noerr_queue": "CONTRACT: Errors make the action reject; a clean list queues (sample: require_signature = false, unsigned is at most a warning)",
    "nocase_reject": "README messages: rejected and redirected mail opens no case",
    "held": "README forward: with forward_mode = per_case each accepted list makes its own forward when it is recorded; forward_approval = required … waits in the outbox as held",
    "supersede": "README Threads: a corrected list … accepted (queue) and the store holds a rejected SIM activation list from the same sender … the new case names that message in cases.supersedes; case show --json links {\"link\": \"supersedes\", …}",
    "resend": "README Threads: a list sent again while its case is open (every row already in that one case …) is rejected by the rules with already_requested on every row, recorded in that case (audit resend_received, no flag) and answered once with received.txt",
    "thread": "README Threads: its subject carries a case number … or its In-Reply-To/References name a message in our outbox that belongs to a case … recorded in that case, … without adding rows to the case; … flagged reply_received … It opens no case",
    "thread_noreply": "README Threads: for a threaded answer no reply is built at all, so messages shows it with 0 replies, and no acknowledgement, rejection, redirect or forward is queued for it, whatever its action",
    "thread_keeps": "README Threads: The decision itself is not changed: … a question without documents stays manual, a list stays queue or reject",
    "nodocs": "CONTRACT message code no_documents; README: A message without documents … goes to a person (manual)",
    "review": "README cases: review (a person must look: unknown or mixed documents, mail without documents, …)",
    "twice": "README ingest: Running it twice over the same input adds nothing",
    "auto": "CONTRACT kind auto_reply: RFC 3834 auto-submitted mail, vacation replies … nobody: never answered; README: Mail that is ignored (auto-replies, bounces …) is never threaded",
    "bounce": "CONTRACT kind bounce: a delivery status notification (RFC 3464) → the outbox: marks what bounced; README outbox: bounced (… its case flagged for review; a letter whose message had no case, a rejection, opens one in review …)",
    "already": "CONTRACT row code already_requested (an open case holds it); README: Rows that sit in another unit's case are no resend: that list gets the rejection, each row naming the case",
    "own": "README: Never answered automatically: auto-replies, bounces, mailing lists, our own addresses, and mail from the Cục's domain",
    "cuc": "README Threads: Mail from the Cục (the domain of [cuc] address) is never answered, threaded or not",
    "etoken_resend": "README Threads: An eToken recovery request (Mẫu 12) … sent again, the same file from the same sender or unit while its case is neither done nor rejected, is recorded in that case the same way (resend_received) and answered once with received.txt, not opened as a second case",
    "individual": "CONTRACT individual_form (a Mẫu 11 sent straight here instead of through the managing unit's Mẫu 12); errors make the action reject",
    "rows_done": "README case rows: When no row without errors is left pending or forwarded, the case becomes done as case done makes it (the completion notice queued …)",
    "activated_resend": "README Threads: a row … activated … keeps its SIM after its case is closed; a list whose every SIM was activated in one case gets the notice too, saying so",
    "rp_same": "README reprocess: A decision is recorded only when its CONTRACT object differs … Its outcome is its action, its kind and the set of its error codes; when that differs from the outcome the unit was last answered with, reprocess prints what would be sent, and with --send queues it",
    "rp_changed": "README reprocess: with --send queues … the replies …, a case when the new decision opens one and the message had none, and a flag for a person on a case the message had",
    "rp_again": "README reprocess: Running it again queues nothing more; man: a second run records nothing",
    "rp_thread": "README reprocess: Answers threaded into a case and mail from the Cục are never answered",
    "reqsig": "hotrocks.conf(5) require_signature: an unsigned document … is rejected; CONTRACT signature_missing",
    "cover": "CONTRACT: a valid signature on a cover_letter whose signer belongs to the sending unit stands for the unsigned soft files of the same message, so they get no signature_missing",
    "mismatch": "CONTRACT signer_mismatch (signer's organisation is not the submitting unit); README units import: a signer must belong to the unit that sends the document",
    "registry": "README units import: the registry of units … name,addresses,cert_org … a signer must belong to the unit that sends the document; README reprocess: after … the units registry … changed",
}


def replies(unit=None, n_unit=0, n_cuc=0, total=None, why=W["queue"], desk=False):
    """New outbox items this step: n_unit to the unit's address, n_cuc to
    the Cục; total: every new item, whoever it is for."""
    out = []
    if unit:
        out.append(E("outbox_to", [unit, n_unit], why, desk))
    out.append(E("outbox_to", [CUC_ADDR, n_cuc], why, desk))
    out.append(E("outbox_new", n_unit + n_cuc if total is None else total, why, desk))
    return out


def build(out):
    root, key, leaf = certs()
    from cryptography.hazmat.primitives import serialization
    with open(os.path.join(out, "anchors.pem"), "wb") as f:
        f.write(root.public_bytes(serialization.Encoding.PEM))
    ls_cert = leaf(UNITS["lyson"][1], 0xB7000102, "Nguyễn Văn Hùng")
    tb_cert = leaf(TRABONG_CERT_ORG, 0xB7000103, "Trần Văn Hòa")

    n = iter(range(1000))

    def people(k):
        return [person(next(n)) for _ in range(k)]

    def addr(u):
        return UNITS[u][4]

    # ---------------------------------------------------------- C1 Sơn Tịnh
    # rejected (a bad ICCID), corrected as a reply to our rejection,
    # resent (same file, new mail), the same .eml again; later (C10) rows
    # activated and the list sent once more a week on.
    st = people(3)
    bad = [r[:] for r in st]
    bad[1][1] = docs.iccid("02", 700000000 + 999, good=False)
    ingest("01a", "sontinh-list-bad-iccid", mail(unit_from("sontinh"), "Danh sách đề nghị kích hoạt SIM ký số Huyện ủy Sơn Tịnh",
           6, 8, body_list("sontinh"), [att(sim_docx("sontinh", 6, [[spaced(p), i, nm, pos] for p, i, nm, pos in bad]), "docx", "DS_SIM_SonTinh.docx")],
           "<b7.01a.sontinh@quangngai.dcs.vn>"), 6, 8, [
        E("action", "reject", W["reject"]), E("kind", "sim_activation", W["reject"]),
        E("row_errors", [[], ["iccid_checksum"], []], "CONTRACT iccid_checksum (Luhn check fails)"),
        E("case", "none", W["nocase_reject"]),
        *replies(addr("sontinh"), 1, 0, why=W["reject"]),
    ])
    st_docx = sim_docx("sontinh", 7, [[spaced(p), i, nm, pos] for p, i, nm, pos in st])
    ingest("01b", "sontinh-correction-reply", mail(unit_from("sontinh"), "Re: {subject:01a}", 7, 9,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Tịnh gửi lại danh sách đã sửa số ICCID dòng 2.\n\n"
           "Trân trọng.\n\n" + quote("Văn phòng Tỉnh ủy đã nhận được danh sách … (thư trả lời của hộp thư HotroCKS)"),
           [att(st_docx, "docx", "DS_SIM_SonTinh_sua.docx")], "<b7.01b.sontinh@quangngai.dcs.vn>",
           [("In-Reply-To", "{reply:01a}"), ("References", "<b7.01a.sontinh@quangngai.dcs.vn> {reply:01a}")]), 7, 9, [
        E("action", "queue", W["queue"]), E("kind", "sim_activation", W["queue"]),
        E("row_errors", [[], [], []], W["noerr_queue"]),
        E("case", "new", W["queue"]), E("case_state", "open", "README cases: open (accepted requests); held forward keeps rows pending"),
        E("case_rows", 3, W["queue"]),
        E("supersedes", "01a", W["supersede"]),
        E("flag", None, "README: a flag … reply_received when a unit or the Cục answered in its thread; a rejection opens no case, so a correction has no thread to flag"),
        *replies(addr("sontinh"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    ingest("01c", "sontinh-same-file-again", mail(unit_from("sontinh"), "Danh sách kích hoạt SIM ký số Huyện ủy Sơn Tịnh (gửi lại)", 8, 14,
           body_list("sontinh"), [att(st_docx, "docx", "DS_SIM_SonTinh_sua.docx")], "<b7.01c.sontinh@quangngai.dcs.vn>"), 8, 14, [
        E("action", "reject", W["resend"]),
        E("row_errors", [["already_requested"]] * 3, W["resend"]),
        E("case", "step:01b", W["resend"]), E("case_state_of", ["01b", "open"], W["resend"]),
        E("flag_of", ["01b", None], W["resend"] + " (no flag: it needs no person)"),
        E("case_rows_of", ["01b", 3], W["thread"]),
        *replies(addr("sontinh"), 1, 0, why=W["resend"]),
    ])
    STEPS.append({"id": "01d", "type": "ingest_again", "of": "01c", "mtime": epoch(8, 15),
                  "expect": [E("messages_new", 0, W["twice"]), E("outbox_new", 0, W["twice"]),
                             E("cases_new", 0, W["twice"])]})

    # ---------------------------------------------------------- C2 Mộ Đức
    md = people(2)
    md_rows = [[spaced(p), i, nm, pos] for p, i, nm, pos in md]
    ingest("02a", "moduc-list-to-vptu", mail(unit_from("moduc"), "Danh sách SIM ký số Huyện ủy Mộ Đức", 6, 10,
           body_list("moduc"), [att(sim_docx("moduc", 6, md_rows, addressee=docs.VPTU), "docx", "DS_SIM_MoDuc.docx")],
           "<b7.02a.moduc@quangngai.dcs.vn>"), 6, 10, [
        E("action", "reject", W["reject"]), E("doc_errors_incl", ["wrong_addressee"], "CONTRACT wrong_addressee (… a SIM activation list not addressed to the Cục)"),
        E("case", "none", W["nocase_reject"]), *replies(addr("moduc"), 1, 0, why=W["reject"]),
    ])
    ingest("02b", "moduc-new-mail-corrected", mail(unit_from("moduc"), "Danh sách SIM ký số Huyện ủy Mộ Đức (đã sửa nơi nhận)", 7, 8,
           body_list("moduc"), [att(sim_docx("moduc", 7, md_rows), "docx", "DS_SIM_MoDuc.docx")],
           "<b7.02b.moduc@quangngai.dcs.vn>"), 7, 8, [
        E("action", "queue", W["queue"]), E("row_errors", [[], []], W["noerr_queue"]),
        E("case", "new", W["queue"]), E("case_rows", 2, W["queue"]),
        E("supersedes", "02a", W["supersede"] + " (same sender address, within 60 days, no reference needed)"),
        *replies(addr("moduc"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    ingest("02c", "moduc-week-later-xlsx", mail(unit_from("moduc"), "Danh sách SIM ký số Huyện ủy Mộ Đức", 14, 8,
           body_list("moduc"), [att(sim_xlsx("moduc", 14, [[p, i, nm, pos] for p, i, nm, pos in md]), "xlsx", "DS_SIM_MoDuc.xlsx")],
           "<b7.02c.moduc@quangngai.dcs.vn>"), 14, 8, [
        E("action", "reject", W["resend"]), E("row_errors", [["already_requested"]] * 2, W["resend"]),
        E("case", "step:02b", W["resend"]), E("flag_of", ["02b", None], W["resend"]),
        *replies(addr("moduc"), 1, 0, why=W["resend"] + " (different bytes, same rows: README speaks of rows, not files)"),
    ])
    ingest("02d", "moduc-status-question-reply", mail(unit_from("moduc"), "Re: [{case:02b}] Danh sách SIM ký số Huyện ủy Mộ Đức (đã sửa nơi nhận)", 15, 9,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nCho hỏi danh sách gửi ngày 07/5/2024 đã được xử lý chưa? "
           "Các đồng chí trong danh sách chưa nhận được tin nhắn kích hoạt.\n\nTrân trọng.\n", (),
           "<b7.02d.moduc@quangngai.dcs.vn>", [("In-Reply-To", "{reply:02b}"), ("References", "<b7.02b.moduc@quangngai.dcs.vn> {reply:02b}")]), 15, 9, [
        E("action", "manual", W["thread_keeps"]), E("msg_errors_incl", ["no_documents"], W["nodocs"]),
        E("case", "step:02b", W["thread"]), E("flag_of", ["02b", "reply_received"], W["thread"]),
        E("case_rows_of", ["02b", 2], W["thread"]), E("cases_new", 0, W["thread"]),
        E("link_reply", "02b", "README case show --json links: every answer threaded into it (\"reply\")"),
        *replies(addr("moduc"), 0, 0, why=W["thread_noreply"]),
    ])

    # ---------------------------------------------------------- C3 Tư Nghĩa
    tn = people(3)
    tn_more = people(2)
    ingest("03a", "tunghia-list", mail(unit_from("tunghia"), "Đề nghị kích hoạt SIM ký số - Huyện ủy Tư Nghĩa", 8, 8,
           body_list("tunghia"), [att(sim_xlsx("tunghia", 8, [[p, i, nm, pos] for p, i, nm, pos in tn]), "xlsx", "PL3_TuNghia.xlsx")],
           "<b7.03a.tunghia@quangngai.dcs.vn>"), 8, 8, [
        E("action", "queue", W["queue"]), E("row_errors", [[]] * 3, W["noerr_queue"]),
        E("case", "new", W["queue"]), E("case_rows", 3, W["queue"]),
        *replies(addr("tunghia"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    ingest("03b", "tunghia-add-two-rows-reply", mail(unit_from("tunghia"), "Re: [{case:03a}] Bổ sung 02 đồng chí vào danh sách kích hoạt SIM ký số", 9, 10,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Tư Nghĩa bổ sung 02 đồng chí vào danh sách đã gửi (file đính kèm).\n\nTrân trọng.\n",
           [att(sim_xlsx("tunghia", 9, [[p, i, nm, pos] for p, i, nm, pos in tn_more]), "xlsx", "PL3_TuNghia_bosung.xlsx")],
           "<b7.03b.tunghia@quangngai.dcs.vn>", [("In-Reply-To", "{reply:03a}"), ("References", "<b7.03a.tunghia@quangngai.dcs.vn> {reply:03a}")]), 9, 10, [
        E("action", "queue", W["thread_keeps"] + " (two clean new rows)"),
        E("case", "step:03a", W["thread"]), E("cases_new", 0, W["thread"]),
        E("case_rows_of", ["03a", 3], W["thread"] + " — the two rows are not added; a person sees the flag"),
        E("flag_of", ["03a", "reply_received"], W["thread"]),
        *replies(addr("tunghia"), 0, 0, why=W["thread_noreply"]),
    ])
    ingest("03c", "tunghia-withdraw-row", mail(unit_from("tunghia"), "Re: [{case:03a}] Đề nghị rút 01 đồng chí khỏi danh sách", 10, 9,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nĐề nghị rút đồng chí %s (dòng TT 2, số điện thoại %s) khỏi danh sách "
           "đề nghị kích hoạt SIM ký số đã gửi, do đồng chí đã chuyển công tác.\n\nTrân trọng.\n" % (tn[1][2], spaced(tn[1][0])), (),
           "<b7.03c.tunghia@quangngai.dcs.vn>", [("In-Reply-To", "{reply:03a}"), ("References", "<b7.03a.tunghia@quangngai.dcs.vn> {reply:03a}")]), 10, 9, [
        E("action", "manual", W["thread_keeps"]), E("msg_errors_incl", ["no_documents"], W["nodocs"]),
        E("case", "step:03a", W["thread"]), E("cases_new", 0, W["thread"]),
        E("case_rows_of", ["03a", 3], W["thread"] + " — a withdrawal is a person's job (case rows --set refused)"),
        E("row_states_of", ["03a", ["pending", "pending", "pending"]], "README case rows: each pending, forwarded …, activated or refused; a held forward's rows stay pending"),
        *replies(addr("tunghia"), 0, 0, why=W["thread_noreply"]),
    ])
    ingest("03d", "tunghia-whole-list-again-plus-two", mail(unit_from("tunghia"), "Danh sách đề nghị kích hoạt SIM ký số (đầy đủ 05 đồng chí)", 13, 8,
           body_list("tunghia"), [att(sim_xlsx("tunghia", 13, [[p, i, nm, pos] for p, i, nm, pos in tn + tn_more]), "xlsx", "PL3_TuNghia_day_du.xlsx")],
           "<b7.03d.tunghia@quangngai.dcs.vn>"), 13, 8, [
        E("action", "reject", "CONTRACT: Errors make the action reject; README: A list sent again … (every row already in that one case …) — not every row is, so this is no resend"),
        E("row_errors", [["already_requested"]] * 3 + [[], []], W["already"]),
        E("cases_new", 0, W["nocase_reject"]),
        *replies(addr("tunghia"), 1, 0, why=W["reject"]),
    ], note="desk remark: a serious tool might take the two new rows; the documents say reject")

    ingest("03e", "tunghia-two-rows-new-mail", mail(unit_from("tunghia"), "Danh sách bổ sung đề nghị kích hoạt SIM ký số (02 đồng chí)", 14, 9,
           body_list("tunghia"), [att(sim_xlsx("tunghia", 14, [[p, i, nm, pos] for p, i, nm, pos in tn_more]), "xlsx", "PL3_TuNghia_bosung_02.xlsx")],
           "<b7.03e.tunghia@quangngai.dcs.vn>"), 14, 9, [
        E("action", "queue", W["queue"] + " — the rows of 03b (threaded, not added) and 03d (rejected) sit in no case"),
        E("row_errors", [[], []], "CONTRACT already_requested (an open case holds it): no case holds these two"),
        E("case", "new", W["queue"]), E("case_rows", 2, W["queue"]),
        E("supersedes", "03d", W["supersede"] + " (03d: rejected, same sender, 1 day before)"),
        E("case_rows_of", ["03a", 3], W["thread"]),
        *replies(addr("tunghia"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])

    # ---------------------------------------------------------- C4 Đức Phổ
    dp = people(2)
    ingest("04a", "ducpho-list", mail(unit_from("ducpho"), "Danh sách kích hoạt SIM ký số Thị ủy Đức Phổ", 8, 10,
           body_list("ducpho"), [att(sim_docx("ducpho", 8, [[p, i, nm, pos] for p, i, nm, pos in dp]), "docx", "DanhSach_SIM_DucPho.docx")],
           "<b7.04a.ducpho@quangngai.dcs.vn>"), 8, 10, [
        E("action", "queue", W["queue"]), E("row_errors", [[]] * 2, W["noerr_queue"]),
        E("case", "new", W["queue"]), *replies(addr("ducpho"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    ingest("04b", "ducpho-status-question-new-thread", mail(unit_from("ducpho"), "Hỏi tình hình xử lý danh sách kích hoạt SIM ký số", 15, 10,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nCho hỏi danh sách gửi ngày 08/5/2024 đã được xử lý chưa?\n\nTrân trọng.\nVăn phòng Thị ủy Đức Phổ\n", (),
           "<b7.04b.ducpho@quangngai.dcs.vn>"), 15, 10, [
        E("action", "manual", W["nodocs"]), E("msg_errors_incl", ["no_documents"], W["nodocs"]),
        # after the run: the desk remark below became the README's rule
        # (Threads: nothing attached, the sender's one case being worked)
        E("case", "step:04a", W["thread"] + " (by sender: nothing attached, the sender's one open case)"),
        E("flag_of", ["04a", "reply_received"], W["thread"]), E("cases_new", 0, W["thread"]),
        *replies(addr("ducpho"), 0, 0, why=W["thread_noreply"]),
    ])
    ingest("04c", "ducpho-question-case-in-subject-only", mail(unit_from("ducpho"), "[{case:04a}] Danh sách kích hoạt SIM ký số đã xử lý chưa?", 16, 8,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nĐề nghị cho biết hồ sơ {case:04a} đã chuyển Cục chưa.\n\nTrân trọng.\n", (),
           "<b7.04c.ducpho@quangngai.dcs.vn>"), 16, 8, [
        E("action", "manual", W["thread_keeps"]), E("case", "step:04a", W["thread"] + " (by subject)"),
        E("flag_of", ["04a", "reply_received"], W["thread"]), E("cases_new", 0, W["thread"]),
        *replies(addr("ducpho"), 0, 0, why=W["thread_noreply"]),
    ])

    # ---------------------------------------------------------- C5 Bình Sơn: auto-replies and bounces
    bs = people(2)
    ingest("05a", "binhson-list", mail(unit_from("binhson"), "Danh sách SIM ký số Huyện ủy Bình Sơn", 9, 8,
           body_list("binhson"), [att(sim_docx("binhson", 9, [[p, i, nm, pos] for p, i, nm, pos in bs]), "docx", "DS_SIM_BinhSon.docx")],
           "<b7.05a.binhson@quangngai.dcs.vn>"), 9, 8, [
        E("action", "queue", W["queue"]), E("case", "new", W["queue"]),
        *replies(addr("binhson"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    ingest("05b", "binhson-out-of-office", mail(("Văn phòng Huyện ủy Bình Sơn", addr("binhson")), "Tự động trả lời: Re: [{case:05a}] Danh sách SIM ký số Huyện ủy Bình Sơn", 9, 8,
           "Tôi đang nghỉ phép đến hết ngày 13/5/2024. Việc gấp xin liên hệ đồng chí Hùng, 0905 000 111.\n", (),
           "<b7.05b.binhson@quangngai.dcs.vn>", [("In-Reply-To", "{reply:05a}"), ("References", "{reply:05a}"),
                                                 ("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")], minute=2), 9, 8, [
        E("kind", "auto_reply", W["auto"]), E("action", "ignore", W["ignore"]),
        E("case", "none", W["auto"] + " (never threaded)"), E("flag_of", ["05a", None], W["auto"]),
        E("cases_new", 0, W["auto"]), *replies(addr("binhson"), 0, 0, why=W["auto"]),
    ], minute=2)
    ingest("05c", "binhson-exchange-autoreply-no-autosubmitted", mail(("Trần Minh Tuấn", "tuantm.binhson@quangngai.dcs.vn"), "Automatic reply: Danh sách SIM ký số Huyện ủy Bình Sơn", 9, 8,
           "Tôi đang đi công tác, sẽ trả lời thư khi về cơ quan.\n", (), "<b7.05c.binhson@quangngai.dcs.vn>",
           [("In-Reply-To", "{reply:05a}"), ("Thread-Topic", "Danh sách SIM ký số Huyện ủy Bình Sơn"),
            ("X-Auto-Response-Suppress", "All"), ("Precedence", "auto_reply")], minute=3), 9, 8, [
        E("kind", "auto_reply", W["auto"] + " (Precedence: auto_reply, X-Auto-Response-Suppress: what Exchange writes)"),
        E("action", "ignore", W["ignore"]), E("cases_new", 0, W["auto"]),
        E("outbox_new", 0, W["auto"]),
    ], minute=3)
    # the unit's mailbox is full: our acknowledgement bounces
    def dsn(rcpt, orig_subject_tpl, orig_to, reply_of, day, hour, msgid):
        human = mime.text("This is the mail system at host mx.quangngai.dcs.vn.\n\nI'm sorry to have to inform you "
                          "that your message could not be delivered to one or more recipients.\n\n<%s>: "
                          "host mx said: 552 5.2.2 Mailbox full\n" % rcpt, cte="7bit")
        status = ("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.quangngai.dcs.vn\n"
                  "Arrival-Date: %s\n\nFinal-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\n"
                  "Action: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n" %
                  (date_hdr(day, hour), rcpt, rcpt)).encode()
        hdrs = ("Content-Type: text/rfc822-headers\n\nFrom: %s\nTo: %s\nSubject: %s\nMessage-ID: {reply:%s}\n"
                % (MAILBOX, orig_to, orig_subject_tpl, reply_of)).encode()
        ent = mime.multi("report", "b7dsn%s" % reply_of, [human, status, hdrs], params=" report-type=delivery-status;")
        return mime.message([("Return-Path", "<>"), ("From", "MAILER-DAEMON@mx.quangngai.dcs.vn (Mail Delivery System)"),
                             ("To", MAILBOX), ("Subject", "Undelivered Mail Returned to Sender"),
                             ("Date", date_hdr(day, hour, 5)), ("Message-ID", msgid),
                             ("Auto-Submitted", "auto-replied")], ent)
    STEPS.append({"id": "05s", "type": "send", "expect": [
        E("exit", 0, "README send: delivers what is due in the outbox, once, over SMTP … prints one line: send: 3 sent, 1 deferred, 0 failed"),
        E("held_stay_held", True, "README outbox: held (a forward to the Cục waiting for forward approve; never sent before)"),
        E("queued_now_sent", True, "README send: delivers what is due in the outbox, once"),
    ]})
    ingest("05d", "bounce-of-binhson-ack", dsn(addr("binhson"), "Re: [{case:05a}] ...", addr("binhson"), "05a", 9, 8,
           "<b7.05d.dsn@mx.quangngai.dcs.vn>"), 9, 8, [
        E("kind", "bounce", W["bounce"]), E("action", "ignore", W["ignore"]),
        E("outbox_state_of", ["05a", "bounced"], W["bounce"]),
        E("flag_of", ["05a", "nonnull"], W["bounce"] + "; README cases: a flag … why an outgoing letter of it failed or bounced"),
        E("cases_new", 0, W["bounce"]), E("outbox_new", 0, W["own"]),
        E("case_state_of", ["05a", "review"], "desk: README moves any case to review when an outgoing message of it fails; bounced is said to flag it for review", True),
    ], minute=6)
    ingest("05e", "bounce-of-moduc-rejection", dsn(addr("moduc"), "Re: Danh sách SIM ký số Huyện ủy Mộ Đức", addr("moduc"), "02a", 16, 9,
           "<b7.05e.dsn@mx.quangngai.dcs.vn>"), 16, 9, [
        E("kind", "bounce", W["bounce"]), E("action", "ignore", W["ignore"]),
        E("outbox_state_of", ["02a", "bounced"], W["bounce"]),
        E("cases_new", 1, W["bounce"] + " — the rejection of 02a had no case: one opens in review"),
        E("new_case_state", "review", W["bounce"]),
        E("outbox_new", 0, W["own"]),
    ], minute=6)

    # ---------------------------------------------------------- C6 Nghĩa Hành: ICCID of Đức Phổ's open case
    nh = people(2)
    clash = [spaced(nh[0][0]), dp[0][1], nh[0][2], nh[0][3]]
    ingest("06a", "nghiahanh-iccid-in-ducpho-case", mail(unit_from("nghiahanh"), "Danh sách SIM ký số Huyện ủy Nghĩa Hành", 10, 8,
           body_list("nghiahanh"), [att(sim_docx("nghiahanh", 10, [clash, [spaced(nh[1][0])] + nh[1][1:]]), "docx", "DS_SIM_NghiaHanh.docx")],
           "<b7.06a.nghiahanh@quangngai.dcs.vn>"), 10, 8, [
        E("action", "reject", W["already"]), E("row_errors", [["already_requested"], []], W["already"]),
        E("case", "none", W["nocase_reject"] + "; README: that list gets the rejection"),
        E("case_rows_of", ["04a", 2], W["thread"] + " — another unit's list never joins the case"),
        E("flag_of", ["04a", "reply_received"], "README: Rows that sit in another unit's case are no resend (no resend_received): 04a keeps the flag 04c gave it, nothing more"),
        *replies(addr("nghiahanh"), 1, 0, why=W["already"]),
    ])
    ingest("06b", "nghiahanh-corrected-iccid", mail(unit_from("nghiahanh"), "Danh sách SIM ký số Huyện ủy Nghĩa Hành (sửa ICCID dòng 1)", 11, 8,
           body_list("nghiahanh"), [att(sim_docx("nghiahanh", 11, [[spaced(p), i, nm, pos] for p, i, nm, pos in nh]), "docx", "DS_SIM_NghiaHanh.docx")],
           "<b7.06b.nghiahanh@quangngai.dcs.vn>"), 11, 8, [
        E("action", "queue", W["queue"]), E("row_errors", [[], []], W["noerr_queue"]),
        E("case", "new", W["queue"]), E("supersedes", "06a", W["supersede"]),
        *replies(addr("nghiahanh"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])

    # ---------------------------------------------------------- C7 a person and a unit about one eToken
    token = "54A1C0FF3E2B77D1"
    coord = ("Lê Thị Thu", "Chuyên viên Văn phòng Ban", "0905 221 334", "lethithu.bdv@quangngai.dcs.vn")
    ingest("07a", "person-mau11-etoken", mail(PERSON, "Đề nghị khôi phục USB Token bị khóa", 10, 14,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nUSB Token của tôi bị khóa do nhập sai mã PIN nhiều lần. Tôi gửi Mẫu 11 đề nghị khôi phục.\n\nPhạm Văn Bình\n",
           [att(docs.mau11_docx(PERSON[0], "Phó Trưởng Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy", token,
                                "Nhập sai mã PIN quá 15 lần", "0914 556 778", PERSON[1], "Quảng Ngãi, ngày 10 tháng 5 năm 2024"),
                "docx", "Mau11_PhamVanBinh.docx")], "<b7.07a.person@quangngai.gov.vn>"), 10, 14, [
        E("kind", "etoken_recovery", "CONTRACT etoken_recovery: Mẫu 12 (or 11) to unlock a locked eToken"),
        E("action", "reject", W["individual"]), E("doc_errors_incl", ["individual_form"], W["individual"]),
        E("case", "none", W["nocase_reject"]), *replies(PERSON[1], 1, 0, why=W["individual"]),
    ])
    m12 = docs.mau12_docx(UNITS["bdv"][0], UNITS["bdv"][1], "Quảng Ngãi, ngày 13 tháng 5 năm 2024", docs.VPTU,
                          [[PERSON[0], "Phó Trưởng Ban Dân vận Tỉnh ủy", token, "Nhập sai mã PIN quá 15 lần"]], coord)
    ingest("07b", "unit-mau12-same-etoken", mail(unit_from("bdv"), "Đề nghị khôi phục thiết bị lưu khóa bí mật (USB Token)", 13, 9,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nBan Dân vận Tỉnh ủy gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật (Mẫu 12).\n\nTrân trọng.\n",
           [att(m12, "docx", "Mau12_BanDanVan.docx")], "<b7.07b.bdv@quangngai.dcs.vn>"), 13, 9, [
        E("kind", "etoken_recovery", "CONTRACT etoken_recovery: Mẫu 12 … addressed to Văn phòng Tỉnh ủy → this mailbox"),
        E("action", "queue", W["queue"]), E("case", "new", W["queue"]), E("case_state", "open", W["queue"]),
        *replies(addr("bdv"), 1, 0, why=W["queue"] + "; README ack-etoken.txt (only SIM lists are forwarded to the Cục)"),
        E("link_any", "07a", "desk: a serious tool would show staff the person's earlier Mẫu 11 about the same eToken beside the unit's Mẫu 12", True),
    ])
    ingest("07c", "unit-mau12-sent-again", mail(unit_from("bdv"), "Đề nghị khôi phục thiết bị lưu khóa bí mật (USB Token) - gửi lại", 14, 15,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nBan Dân vận gửi lại văn bản đề nghị khôi phục (Mẫu 12) để Văn phòng xử lý.\n\nTrân trọng.\n",
           [att(m12, "docx", "Mau12_BanDanVan.docx")], "<b7.07c.bdv@quangngai.dcs.vn>"), 14, 15, [
        E("case", "step:07b", W["etoken_resend"]), E("cases_new", 0, W["etoken_resend"]),
        *replies(addr("bdv"), 1, 0, why=W["etoken_resend"]),
        E("flag_of", ["07b", None], W["etoken_resend"] + " (resend_received … the same way: no flag)"),
    ])

    # ---------------------------------------------------------- C9 our own mail, the Cục
    ingest("09a", "own-letter-looped-back", mail(("Hộp thư hỗ trợ chữ ký số", MAILBOX), "Re: [{case:01b}] Danh sách đề nghị kích hoạt SIM ký số Huyện ủy Sơn Tịnh", 15, 11,
           "Văn phòng Tỉnh ủy đã nhận được danh sách.\n", (), "<b7.09a.loop@quangngai.dcs.vn>",
           [("In-Reply-To", "<b7.01b.sontinh@quangngai.dcs.vn>")]), 15, 11, [
        E("action", "ignore", W["ignore"] + " (our own mail)"), E("outbox_new", 0, W["own"]),
        E("cases_new", 0, W["ignore"]), E("flag_of", ["01b", None], "README: Mail that is ignored (… our own mail …) is never threaded"),
    ])
    ingest("09b", "cuc-answers-about-sontinh", mail(("Cục Chứng thực số và Bảo mật thông tin", CUC_ADDR), "Re: [{case:01b}] Đề nghị kích hoạt SIM ký số", 16, 14,
           "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\n\nCục đã kích hoạt các SIM trong danh sách.\n\nTrân trọng.\n", (),
           "<b7.09b.cuc@bcy.gov.vn>"), 16, 14, [
        E("case", "step:01b", W["thread"] + " (the Cục answering … is recorded in that case)"),
        E("flag_of", ["01b", "reply_received"], W["thread"]), E("outbox_new", 0, W["cuc"]),
        E("cases_new", 0, W["thread"]),
    ])

    # ---------------------------------------------------------- C10 Sơn Tịnh's rows activated, the list again a week later
    command("10a", "rows-activated", [["case", "rows", "{case:01b}", "--set", "activated", "--note", "Cục đã kích hoạt", "--by", "blind7"]], [
        E("exit", 0, W["rows_done"]), E("case_state_of", ["01b", "done"], W["rows_done"]),
        E("outbox_to", [addr("sontinh"), 1], W["rows_done"] + "; README case done: queues the completion notice (done.txt) to the unit that sent the case"),
        E("outbox_new", 1, W["rows_done"]),
    ])
    ingest("10b", "sontinh-list-again-week-later", mail(unit_from("sontinh"), "Danh sách đề nghị kích hoạt SIM ký số Huyện ủy Sơn Tịnh", 17, 7,
           body_list("sontinh"), [att(st_docx, "docx", "DS_SIM_SonTinh_sua.docx")], "<b7.10b.sontinh@quangngai.dcs.vn>"), 17, 7, [
        E("action", "reject", W["activated_resend"]),
        E("row_errors", [["already_requested"]] * 3, "README case rows: an activated or forwarded row holds it for good, whatever becomes of its case"),
        E("cases_new", 0, W["nocase_reject"]), *replies(addr("sontinh"), 1, 0, why=W["activated_resend"]),
    ])

    ingest("10c", "sontinh-thanks-on-done-notice", mail(unit_from("sontinh"), "Re: [{case:01b}] Cảm ơn", 17, 7,
           "Huyện ủy Sơn Tịnh đã nhận được thông báo. Trân trọng cảm ơn.\n", (), "<b7.10c.sontinh@quangngai.dcs.vn>",
           [("In-Reply-To", "{reply:10a}"), ("References", "<b7.01b.sontinh@quangngai.dcs.vn> {reply:10a}")], minute=30), 17, 7, [
        E("case", "step:01b", W["thread"]),
        E("flag_of", ["01b", "reply_received"], "README cases: so an answer on a done case is not missed … a later answer flags the case again"),
        E("case_state_of", ["01b", "done"], "README: a thread answer is recorded in that case; nothing in the documents moves a done case on an answer"),
        E("outbox_new", 0, W["thread_noreply"]), E("cases_new", 0, W["thread"]),
    ], minute=30)

    # ---------------------------------------------------------- C8 the stricter configuration and reprocess
    ls = people(2)
    ls_docx = sim_docx("lyson", 17, [[spaced(p), i, nm, pos] for p, i, nm, pos in ls])
    ingest("08a", "lyson-signed-cover-plus-list", mail(unit_from("lyson"), "V/v đề nghị kích hoạt SIM ký số - Huyện ủy Lý Sơn", 17, 8,
           body_list("lyson"), [att(cover_pdf("lyson", "112-CV/HU", 17, ls_cert, key, root), "pdf", "CV112_HU_LySon.pdf"),
                                att(ls_docx, "docx", "PL3_LySon.docx")], "<b7.08a.lyson@quangngai.dcs.vn>"), 17, 8, [
        E("action", "queue", W["noerr_queue"] + "; hotrocks.conf(5): no anchor: every signature is untrusted, a warning here"),
        E("kind", "sim_activation", "CONTRACT: a cover_letter never makes a message mixed"),
        E("case", "new", W["queue"]), *replies(addr("lyson"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    sh = people(2)
    ingest("08b", "sonha-unsigned-list", mail(unit_from("sonha"), "Danh sách SIM ký số Huyện ủy Sơn Hà", 17, 9,
           body_list("sonha"), [att(sim_docx("sonha", 17, [[spaced(p), i, nm, pos] for p, i, nm, pos in sh]), "docx", "DS_SIM_SonHa.docx")],
           "<b7.08b.sonha@quangngai.dcs.vn>"), 17, 9, [
        E("action", "queue", W["noerr_queue"]), E("case", "new", W["queue"]),
        *replies(addr("sonha"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])
    phase("08p", "strict", "require_signature = true, trust_anchors = this set's root (no registry yet)")
    tb = people(2)
    ingest("08c", "trabong-signed-by-party-org", mail(unit_from("trabong"), "V/v đề nghị kích hoạt SIM ký số - Huyện ủy Trà Bồng", 21, 8,
           body_list("trabong"), [att(cover_pdf("trabong", "87-CV/HU", 21, tb_cert, key, root), "pdf", "CV87_HU_TraBong.pdf"),
                                  att(sim_docx("trabong", 21, [[spaced(p), i, nm, pos] for p, i, nm, pos in tb]), "docx", "PL3_TraBong.docx")],
           "<b7.08c.trabong@quangngai.dcs.vn>"), 21, 8, [
        E("action", "reject", W["mismatch"] + " (cert O=%s, letterhead HUYỆN ỦY TRÀ BỒNG, no registry yet)" % TRABONG_CERT_ORG),
        E("doc_errors_incl", ["signer_mismatch"], W["mismatch"]),
        E("case", "none", W["nocase_reject"]), *replies(addr("trabong"), 1, 0, why=W["reject"]),
    ])
    command("08d", "units-import", [["units", "import", "{out}/units.csv"]], [E("exit", 0, W["registry"])])
    rp = ["08a", "08b", "08c", "03b", "05d"]
    command("08e", "reprocess-send", [["reprocess", "{msg:%s}" % m, "--json", "--send", "--by", "blind7",
                                       "--at", "2024-05-22T02:00:00Z"] for m in rp], [
        E("exit", 0, "README exit codes: 0 done"),
        E("rp_latest", ["08a", "queue", []], W["rp_same"] + "; " + W["cover"]),
        E("rp_sig", ["08a", "valid"], "CONTRACT signature.status valid: … the chain reaches a configured trust anchor"),
        E("rp_latest", ["08b", "reject", ["signature_missing"]], W["reqsig"]),
        E("rp_latest", ["08c", "queue", []], W["registry"]),
        E("rp_latest", ["03b", "reject", ["already_requested", "signature_missing"]], W["reqsig"] + " (the decision itself is kept as the rules give it); its two rows sit in 03e's open case since (corrected after the first run: written before 03e was added)"),
        E("outbox_to", [addr("lyson"), 0], W["rp_same"] + " — 08a's outcome (queue) is what Lý Sơn was answered with"),
        E("outbox_to", [addr("sonha"), 1], W["rp_changed"] + " — 08b was accepted, now rejected"),
        E("flag_of", ["08b", "nonnull"], W["rp_changed"]),
        E("outbox_to", [addr("trabong"), 1], W["rp_changed"] + " — 08c's acknowledgement"),
        E("msg_case", ["08c", "new"], W["rp_changed"] + " (a case when the new decision opens one and the message had none)"),
        E("outbox_to", [addr("tunghia"), 0], W["rp_thread"]),
        E("outbox_to", ["MAILER-DAEMON@mx.quangngai.dcs.vn", 0], W["own"]),
        E("outbox_to", [CUC_ADDR, 1], W["rp_changed"] + " (a forward as at ingest) — for 08c's list only"),
    ])
    command("08f", "reprocess-send-again", [["reprocess", "{msg:%s}" % m, "--json", "--send", "--by", "blind7",
                                             "--at", "2024-05-22T03:00:00Z"] for m in rp], [
        E("exit", 0, "README exit codes: 0 done"),
        E("outbox_new", 0, W["rp_again"]), E("rp_no_decision", True, W["rp_again"]),
        E("cases_new", 0, W["rp_again"]),
    ])
    phase("08g", "strict", "the registry stays")
    ingest("08h", "trabong-same-list-after-registry", mail(unit_from("trabong"), "V/v đề nghị kích hoạt SIM ký số - Huyện ủy Trà Bồng (gửi lại)", 22, 9,
           body_list("trabong"), [att(cover_pdf("trabong", "87-CV/HU", 21, tb_cert, key, root), "pdf", "CV87_HU_TraBong.pdf"),
                                  att(sim_docx("trabong", 21, [[spaced(p), i, nm, pos] for p, i, nm, pos in tb]), "docx", "PL3_TraBong.docx")],
           "<b7.08h.trabong@quangngai.dcs.vn>"), 22, 9, [
        E("action", "reject", W["resend"] + " (its case was opened by reprocess of 08c)"),
        E("row_errors", [["already_requested"]] * 2, W["resend"]),
        E("case", "msgcase:08c", W["resend"]), *replies(addr("trabong"), 1, 0, why=W["resend"]),
    ])

    phase("08z", "sample", "back to the sample config for the conversations that follow (the registry stays)")

    # ---------------------------------------------------------- C11 one sender, eleven lists in a morning
    bt = ("Văn phòng Huyện ủy Ba Tơ", "vanphong.bato@quangngai.dcs.vn")
    files = []
    for k in range(11):
        rows = people(1)
        rows[0][1] = rows[0][1][:-1] + str((int(rows[0][1][-1]) + 3) % 10)  # Luhn broken: every list rejected
        eml = docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BA TƠ", "Ba Tơ, ngày 23 tháng 5 năm 2024",
                            [[spaced(rows[0][0])] + rows[0][1:]])
        files.append({"file": "11%s-bato-list-%02d.eml" % ("abcdefghijk"[k], k + 1),
                      "eml": mail(bt, "Danh sách SIM ký số Huyện ủy Ba Tơ (lần %d)" % (k + 1), 23, 8,
                                  body_list("sontinh").replace("Sơn Tịnh", "Ba Tơ"), [att(eml, "docx", "DS_SIM_BaTo_%02d.docx" % (k + 1))],
                                  "<b7.11%s.bato@quangngai.dcs.vn>" % "abcdefghijk"[k], minute=k * 4),
                      "mtime": epoch(23, 8, k * 4)})
    STEPS.append({"id": "11", "type": "ingest_many", "files": files, "expect": [
        E("outbox_to", [bt[1], 10], "README: At most [outbox] max_replies_per_sender_per_day (10) automatic replies go to one sender in 24 hours"),
        E("action", "manual", "README: a message beyond that is recorded manual (a case in review) with a warning"),
        E("case_state", "review", "README: a message beyond that is recorded manual (a case in review)"),
        E("cases_new", 1, "README: a message beyond that is recorded manual (a case in review); the ten rejected open none"),
    ], "note": "the last message is the 11th"})

    # ---------------------------------------------------------- C12 forwards approved, the Cục answers one
    command("12a", "forward-approve-all", [["forward", "approve", "--all"]], [
        E("exit", 65, "README forward: a held forward that carries a row staff activated … forward approve names what changed …, and exits 65 (with --all, the other held forwards are approved)"),
        E("fwd_state_of", ["01b", "held"], "README forward: … is never released as it was built"),
        E("fwd_state_of", ["06b", "queued"], "README forward: forward approve ID (or --all) releases it"),
        E("case_state_of", ["06b", "forwarded"], "README forward: … and its rows and open cases become forwarded"),
        E("row_states_of", ["06b", ["forwarded", "forwarded"]], "README forward: … and its rows and open cases become forwarded"),
    ])
    STEPS.append({"id": "12s", "type": "send", "expect": [
        E("exit", 0, "README send: delivers what is due in the outbox"),
        E("queued_now_sent", True, "README send: delivers what is due in the outbox, once"),
    ]})
    ingest("12b", "cuc-answers-forward-by-reference", mail(("Cục Chứng thực số và Bảo mật thông tin", CUC_ADDR), "Re: Đề nghị kích hoạt SIM ký số", 24, 10,
           "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\n\nCục đã tiếp nhận danh sách và sẽ kích hoạt trong 03 ngày làm việc.\n", (),
           "<b7.12b.cuc@bcy.gov.vn>", [("In-Reply-To", "{fwd:06b}"), ("References", "{fwd:06b}")]), 24, 10, [
        E("case", "step:06b", W["thread"] + " (… the Cục answering a forward)"),
        E("flag_of", ["06b", "reply_received"], W["thread"]),
        E("outbox_new", 0, W["cuc"]), E("cases_new", 0, W["thread"]),
    ])

    ingest("12c", "nghiahanh-resend-after-forward", mail(unit_from("nghiahanh"), "Danh sách SIM ký số Huyện ủy Nghĩa Hành", 25, 8,
           body_list("nghiahanh"), [att(sim_docx("nghiahanh", 11, [[spaced(p), i, nm, pos] for p, i, nm, pos in nh]), "docx", "DS_SIM_NghiaHanh.docx")],
           "<b7.12c.nghiahanh@quangngai.dcs.vn>"), 25, 8, [
        E("action", "reject", W["resend"]),
        E("row_errors", [["already_requested"]] * 2, "README case rows: an activated or forwarded row holds it for good"),
        E("cases_new", 0, W["resend"]),
        E("outbox_to", [addr("nghiahanh"), 1], W["resend"] + "; README received.txt: … whether its SIMs were activated or sent to the Cục"),
        E("reply_mentions_case", "06b", "README received.txt: received on that day as HT-…, no need to resend"),
        E("case_state_of", ["06b", "forwarded"], "README: the case stays where staff and the forward put it"),
    ])

    # ---------------------------------------------------------- C13 rejected twice, then accepted
    ml = ("Văn phòng Huyện ủy Minh Long", "vanphong.minhlong@quangngai.dcs.vn")
    ml_p = people(2)

    def ml_docx(rows, day):
        return docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MINH LONG", "Minh Long, ngày %02d tháng 5 năm 2024" % day, rows)
    r13a = [["0123 456", ml_p[0][1]] + ml_p[0][2:], [spaced(ml_p[1][0])] + ml_p[1][1:]]
    ingest("13a", "minhlong-bad-phone", mail(ml, "Danh sách SIM ký số Huyện ủy Minh Long", 25, 9,
           body_list("sontinh").replace("Sơn Tịnh", "Minh Long"), [att(ml_docx(r13a, 25), "docx", "DS_SIM_MinhLong.docx")],
           "<b7.13a.minhlong@quangngai.dcs.vn>"), 25, 9, [
        E("action", "reject", W["reject"]), E("row_errors", [["phone_invalid"], []], "CONTRACT phone_invalid"),
        E("case", "none", W["nocase_reject"]), *replies(ml[1], 1, 0, why=W["reject"]),
    ])
    r13b = [[spaced(ml_p[0][0])] + ml_p[0][1:], [spaced(ml_p[1][0]), ml_p[1][1][:-1] + str((int(ml_p[1][1][-1]) + 5) % 10)] + ml_p[1][2:]]
    ingest("13b", "minhlong-reply-still-wrong", mail(ml, "Re: {subject:13a}", 25, 10,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Minh Long gửi lại danh sách đã sửa số điện thoại.\n",
           [att(ml_docx(r13b, 25), "docx", "DS_SIM_MinhLong_sua.docx")], "<b7.13b.minhlong@quangngai.dcs.vn>",
           [("In-Reply-To", "{reply:13a}"), ("References", "<b7.13a.minhlong@quangngai.dcs.vn> {reply:13a}")]), 25, 10, [
        E("action", "reject", W["reject"]), E("row_errors", [[], ["iccid_checksum"]], "CONTRACT iccid_checksum"),
        E("case", "none", W["nocase_reject"] + " (a rejection has no case to thread into)"), *replies(ml[1], 1, 0, why=W["reject"]),
    ])
    ingest("13c", "minhlong-third-time-right", mail(ml, "Re: {subject:13b}", 25, 11,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Minh Long gửi lại danh sách đã sửa số ICCID.\n",
           [att(ml_docx([[spaced(p), i, nm, pos] for p, i, nm, pos in ml_p], 25), "docx", "DS_SIM_MinhLong_sua2.docx")],
           "<b7.13c.minhlong@quangngai.dcs.vn>",
           [("In-Reply-To", "{reply:13b}"), ("References", "<b7.13a.minhlong@quangngai.dcs.vn> {reply:13a} <b7.13b.minhlong@quangngai.dcs.vn> {reply:13b}")]), 25, 11, [
        E("action", "queue", W["queue"]), E("case", "new", W["queue"]),
        E("supersedes", "13b", W["supersede"] + " (the latest one)"),
        E("supersedes_not", "13a", "README Threads: … names that message … (the latest one; each rejected message is superseded once)"),
        *replies(ml[1], 1, 1, why=W["queue"] + "; " + W["held"]),
    ])

    # ---------------------------------------------------------- C14 one ingest, the list twice
    sy = ("Văn phòng Huyện ủy Sơn Tây", "vanphong.sontay@quangngai.dcs.vn")
    sy_docx = docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TÂY", "Sơn Tây, ngày 27 tháng 5 năm 2024",
                            [[spaced(p), i, nm, pos] for p, i, nm, pos in people(2)])
    batch = []
    for k, mid in enumerate(("14a", "14b")):
        batch.append({"file": "%s-sontay-list-clicked-twice.eml" % mid, "mtime": epoch(27, 8, k),
                      "eml": mail(sy, "Danh sách SIM ký số Huyện ủy Sơn Tây", 27, 8, body_list("sontinh").replace("Sơn Tịnh", "Sơn Tây"),
                                  [att(sy_docx, "docx", "DS_SIM_SonTay.docx")], "<b7.%s.sontay@quangngai.dcs.vn>" % mid, minute=k)})
    STEPS.append({"id": "14", "type": "ingest_batch", "files": batch, "expect": [
        E("messages_new", 2, "README ingest: archives each raw message, decides, and records"),
        E("cases_new", 1, W["resend"] + " — the second, a minute later in the same ingest, finds the first's open case"),
        E("same_case", ["14a", "14b"], W["resend"]),
        E("action_of", ["14b", "reject"], W["resend"]),
        E("outbox_to", [sy[1], 2], W["resend"] + ": one acknowledgement, one notice"),
        E("outbox_to", [CUC_ADDR, 1], W["held"]),
    ]})
    th = ("Văn phòng Thành ủy Quảng Ngãi", "vanphong.thanhuy@quangngai.dcs.vn")
    th_eml = mail(th, "Danh sách SIM ký số Thành ủy Quảng Ngãi", 27, 9, body_list("sontinh").replace("Huyện ủy Sơn Tịnh", "Thành ủy Quảng Ngãi"),
                  [att(docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THÀNH ỦY QUẢNG NGÃI", "Quảng Ngãi, ngày 27 tháng 5 năm 2024",
                                     [[spaced(p), i, nm, pos] for p, i, nm, pos in people(2)]), "docx", "DS_SIM_ThanhUy.docx")],
                  "<b7.14c.thanhuy@quangngai.dcs.vn>")
    STEPS.append({"id": "14c", "type": "ingest_batch", "files": [
        {"file": "14c-thanhuy-list.eml", "mtime": epoch(27, 9), "eml": th_eml},
        {"file": "14d-thanhuy-list-same-bytes-copy.eml", "mtime": epoch(27, 9), "eml": th_eml}], "expect": [
        E("messages_new", 1, W["twice"] + "; CONTRACT ignore: … a message already processed"),
        E("cases_new", 1, W["queue"]),
        E("outbox_to", [th[1], 1], W["twice"]), E("outbox_to", [CUC_ADDR, 1], W["held"]),
    ]})

    # ---------------------------------------------------------- C15 the Cục's domain, another address
    ingest("15a", "cuc-other-address-returns-mau02", mail(("Phòng Đăng ký - Cục Chứng thực số", "phongdangky@bcy.gov.vn"),
           "Trả lại hồ sơ đề nghị cấp chứng thư số", 27, 10,
           "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\n\nCục gửi trả hồ sơ Mẫu 02 kèm theo do thiếu thông tin thư điện tử công vụ.\n",
           [att(docs.cert_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh, ngày 20 tháng 5 năm 2024", "Mẫu 02",
                               ["DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CÁ NHÂN"],
                               "Huyện ủy Sơn Tịnh đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho các cá nhân sau:",
                               ["TT", "Họ và tên", "Chức vụ", "Cơ quan", "Thư điện tử"],
                               [["Nguyễn Thị Hoa", "Chánh Văn phòng Huyện ủy", "Huyện ủy Sơn Tịnh", "hoant@quangngai.dcs.vn"]]),
                "docx", "Mau02_SonTinh.docx")], "<b7.15a.dangky@bcy.gov.vn>"), 27, 10, [
        E("outbox_new", 0, W["own"] + " (the domain of [cuc] address is bcy.gov.vn)"),
    ])

    # ---------------------------------------------------------- C16 another unit's case number
    ingest("16a", "sonha-question-with-lyson-case-number", mail(unit_from("sonha"), "Re: [{case:08a}] Hỏi tiến độ kích hoạt SIM", 27, 11,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nCho hỏi danh sách của Huyện ủy Sơn Hà đã được xử lý chưa?\n", (),
           "<b7.16a.sonha@quangngai.dcs.vn>"), 27, 11, [
        E("outbox_new", 0, W["manual"]),
        E("flag_of", ["08a", None], "desk: README threads by a case number the store knows, whoever writes; a serious tool would not thread Sơn Hà's question into Lý Sơn's case", True),
    ])

    # ---------------------------------------------------------- C17 a delay report, then a bounce carrying the whole original
    STEPS.append({"id": "17s", "type": "send", "expect": [E("exit", 0, "README send"),
                                                          E("queued_now_sent", True, "README send: delivers what is due in the outbox, once")]})

    def dsn2(rcpt, reply_of, day, hour, msgid, delayed):
        action, status = ("delayed", "4.4.7") if delayed else ("failed", "5.1.1")
        human = mime.text(("Delivery to the following recipient has been delayed:\n\n    %s\n\nMessage will be retried for 2 more day(s)\n"
                           if delayed else "Delivery has failed to these recipients or groups:\n\n%s\nThe e-mail address you entered couldn't be found.\n") % rcpt, cte="7bit")
        status_part = ("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.quangngai.dcs.vn\n\n"
                       "Final-Recipient: rfc822; %s\nAction: %s\nStatus: %s\nDiagnostic-Code: smtp; %s\n"
                       % (rcpt, action, status, "452 4.4.7 try again later" if delayed else "550 5.1.1 user unknown")).encode()
        orig = mime.message([("From", MAILBOX), ("To", rcpt), ("Subject", "Re: Danh sách SIM ký số"),
                             ("Message-ID", "{reply:%s}" % reply_of), ("Auto-Submitted", "auto-replied")],
                            mime.text("Văn phòng Tỉnh ủy đã nhận được danh sách.", cte="8bit"))
        ent = mime.multi("report", "b7dsn2%s" % reply_of, [human, status_part, mime.rfc822(orig)], params=" report-type=delivery-status;")
        return mime.message([("Return-Path", "<>"), ("From", "postmaster@quangngai.dcs.vn"), ("To", MAILBOX),
                             ("Subject", "Delivery delayed:Re: Danh sách SIM ký số" if delayed else "Undeliverable: Re: Danh sách SIM ký số"),
                             ("Date", date_hdr(day, hour)), ("Message-ID", msgid)], ent)
    ingest("17a", "delay-report-of-thanhuy-ack", dsn2(th[1], "14c", 28, 8, "<b7.17a.dsn@quangngai.dcs.vn>", True), 28, 8, [
        E("kind", "bounce", "CONTRACT kind bounce: a delivery status notification (RFC 3464)"),
        E("action", "ignore", W["ignore"]), E("outbox_new", 0, W["own"]), E("cases_new", 0, W["bounce"]),
        E("outbox_state_of", ["14c", "sent"], "desk: an RFC 3464 report with Action: delayed says the letter is still on its way; a serious tool does not mark it bounced", True),
    ])
    ingest("17b", "bounce-with-whole-original-of-sontay-ack", dsn2(sy[1], "14", 28, 9, "<b7.17b.dsn@quangngai.dcs.vn>", False), 28, 9, [
        E("kind", "bounce", W["bounce"]), E("action", "ignore", W["ignore"]),
        E("outbox_state_of", ["14", "bounced"], W["bounce"] + " (the original returned whole, as message/rfc822, as Exchange does)"),
        E("flag_of", ["14a", "nonnull"], W["bounce"]), E("outbox_new", 0, W["own"]),
    ])

    # ---------------------------------------------------------- C18 a whole case decided again under the strict config
    phase("18p", "strict", "require_signature = true and the anchor again")
    command("18a", "unflag-then-reprocess-case", [["case", "unflag", "{case:01b}", "--note", "đã xem", "--by", "blind7"],
                                                  ["reprocess", "--case", "{case:01b}", "--json", "--send", "--by", "blind7", "--at", "2024-05-28T03:00:00Z"]], [
        E("exit", 0, "README exit codes: 0 done"),
        E("outbox_to", [CUC_ADDR, 0], W["rp_thread"] + " (09b is the Cục's); a rejection carries no forward"),
        E("flag_of", ["01b", "nonnull"], W["rp_changed"] + " — 01b's own list, unsigned, is now reject"),
        E("outbox_to", [addr("sontinh"), 0], "desk: README says --send queues the changed outcome's replies; a serious tool would not reject, after the fact, a list whose SIMs staff activated and whose case is done — a person should decide (the flag)", True),
        E("case_state_of", ["01b", "done"], "README: reprocess changes decisions, replies and flags; no case move is named"),
    ])
    phase("18z", "sample", "back to the sample config")

    # ---------------------------------------------------------- C19 corrected from another address of the same unit
    btg = ("Ban Tuyên giáo Tỉnh ủy", "bantuyengiao@quangngai.dcs.vn")
    btg2 = ("Nguyễn Thị Hoa (Ban Tuyên giáo)", "hoant.btg@quangngai.dcs.vn")
    bp = people(2)
    ex = ["0912 345 678", "89840200001234567", "Nguyễn Văn A", "Trưởng phòng"]
    ingest("19a", "btg-example-row-left", mail(btg, "Danh sách SIM ký số Ban Tuyên giáo Tỉnh ủy", 28, 10, body_list("sontinh").replace("Huyện ủy Sơn Tịnh", "Ban Tuyên giáo Tỉnh ủy"),
           [att(docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "BAN TUYÊN GIÁO TỈNH ỦY", "Quảng Ngãi, ngày 28 tháng 5 năm 2024",
                              [ex] + [[spaced(p), i, nm, pos] for p, i, nm, pos in bp]), "docx", "DS_SIM_BTG.docx")],
           "<b7.19a.btg@quangngai.dcs.vn>"), 28, 10, [
        E("action", "reject", W["reject"]), E("codes_incl", ["example_row"], "desk (was counted before the first run; CONTRACT speaks of the form's own example rows, and this row has the name but not the letter's phone, ICCID and position): a serious tool would still name a row 'Nguyễn Văn A' as the form's example", True),
        E("case", "none", W["nocase_reject"]), *replies(btg[1], 1, 0, why=W["reject"]),
    ])
    ingest("19b", "btg-corrected-by-a-clerk-address", mail(btg2, "Danh sách SIM ký số Ban Tuyên giáo Tỉnh ủy (đã xóa dòng mẫu)", 28, 14,
           body_list("sontinh").replace("Huyện ủy Sơn Tịnh", "Ban Tuyên giáo Tỉnh ủy"),
           [att(docs.sim_docx("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "BAN TUYÊN GIÁO TỈNH ỦY", "Quảng Ngãi, ngày 28 tháng 5 năm 2024",
                              [[spaced(p), i, nm, pos] for p, i, nm, pos in bp]), "docx", "DS_SIM_BTG.docx")],
           "<b7.19b.btg@quangngai.dcs.vn>"), 28, 14, [
        E("action", "queue", W["queue"]), E("case", "new", W["queue"]),
        E("supersedes", "19a", W["supersede"] + " (… or the same organization (the letterhead of its documents))"),
        E("outbox_to", [btg2[1], 1], W["queue"] + " — to the sender of this message"),
        E("outbox_to", [btg[1], 0], W["queue"]), E("outbox_to", [CUC_ADDR, 1], W["held"]),
    ])

    # ---------------------------------------------------------- C20 the eToken case done, the same Mẫu 12 again
    command("20a", "etoken-case-done", [["case", "done", "{case:07b}", "--note", "Đã khôi phục USB Token qua UltraViewer", "--by", "blind7"]], [
        E("exit", 0, "README case done"), E("case_state_of", ["07b", "done"], "README case done moves a case to done"),
        E("outbox_to", [addr("bdv"), 1], "README case done: queues the completion notice (done.txt) to the unit that sent the case"),
        E("outbox_new", 1, "README case done"),
    ])
    ingest("20b", "unit-mau12-again-after-done", mail(unit_from("bdv"), "Đề nghị khôi phục thiết bị lưu khóa bí mật (USB Token)", 29, 9,
           "Kính gửi Văn phòng Tỉnh ủy,\n\nUSB Token của đồng chí Phạm Văn Bình lại bị khóa; Ban Dân vận gửi văn bản đề nghị khôi phục (Mẫu 12).\n",
           [att(m12, "docx", "Mau12_BanDanVan.docx")], "<b7.20b.bdv@quangngai.dcs.vn>"), 29, 9, [
        E("action", "queue", "README Threads: Once the case is done, the same file is a new request"),
        E("case", "new", "README Threads: Once the case is done, the same file is a new request"),
        *replies(addr("bdv"), 1, 0, why="README Threads: Once the case is done, the same file is a new request; ack-etoken.txt"),
    ])

    # ---------------------------------------------------------- C21 the withdrawn row refused; its SIM moves to another unit
    command("21a", "refuse-withdrawn-row", [["case", "rows", "{case:03a}", "--set", "refused", "--rows", "2",
                                             "--note", "Đơn vị rút: đồng chí chuyển công tác", "--by", "blind7"]], [
        E("exit", 0, "README case rows --set refused [--rows 1,3-5]"),
        E("row_states_of", ["03a", ["forwarded", "refused", "forwarded"]], "README case rows: … settles rows …; 12a forwarded them"),
        E("outbox_new", 0, "README case rows: the case becomes done only when no row without errors is left pending or forwarded"),
    ])
    moved = [spaced(tn[1][0]), tn[1][1], tn[1][2], "Phó Bí thư Thường trực Huyện ủy"]
    ingest("21b", "nghiahanh-list-with-the-freed-sim", mail(unit_from("nghiahanh"), "Danh sách SIM ký số Huyện ủy Nghĩa Hành (đợt 2)", 30, 8,
           body_list("nghiahanh"), [att(sim_docx("nghiahanh", 30, [moved]), "docx", "DS_SIM_NghiaHanh_dot2.docx")],
           "<b7.21b.nghiahanh@quangngai.dcs.vn>"), 30, 8, [
        E("action", "queue", "README case rows: a refused row frees it for a new request"),
        E("row_errors", [[]], "README case rows: A SIM is already_requested while its phone or ICCID sits in a clean row that is not refused"),
        E("case", "new", W["queue"]), *replies(addr("nghiahanh"), 1, 1, why=W["queue"] + "; " + W["held"]),
    ])

    # ---------------------------------------------------------- C22 the Cục sends lists back
    ingest("22a", "cuc-returns-moduc-list-in-forward-thread", mail(("Cục Chứng thực số và Bảo mật thông tin", CUC_ADDR), "Re: Đề nghị kích hoạt SIM ký số - kết quả", 30, 9,
           "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\n\nCục gửi lại danh sách đã kích hoạt (file đính kèm).\n",
           [att(sim_xlsx("moduc", 14, [[p, i, nm, pos] for p, i, nm, pos in md]), "xlsx", "KetQua_MoDuc.xlsx")],
           "<b7.22a.cuc@bcy.gov.vn>", [("In-Reply-To", "{fwd:02b}"), ("References", "{fwd:02b}")]), 30, 9, [
        E("case", "step:02b", W["thread"] + " (the Cục answering a forward)"),
        E("outbox_new", 0, W["cuc"] + " — and a list from the Cục is never forwarded to the Cục"),
        E("cases_new", 0, W["thread"]), E("case_rows_of", ["02b", 2], W["thread"]),
    ])
    ingest("22b", "cuc-sends-a-list-in-a-new-thread", mail(("Cục Chứng thực số và Bảo mật thông tin", CUC_ADDR), "Danh sách SIM đã kích hoạt tháng 5/2024 - tỉnh Quảng Ngãi", 30, 10,
           "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\n\nCục gửi danh sách SIM ký số đã kích hoạt để Văn phòng thông báo các đơn vị.\n",
           [att(sim_xlsx("binhson", 9, [[p, i, nm, pos] for p, i, nm, pos in bs]), "xlsx", "DS_DaKichHoat_T5.xlsx")],
           "<b7.22b.cuc@bcy.gov.vn>"), 30, 10, [
        E("outbox_new", 0, W["cuc"] + ": no reply, and no forward back to the Cục (a loop)"),
        E("outbox_to", [CUC_ADDR, 0], W["cuc"]),
    ])

    # ---------------------------------------------------------- the whole store
    STEPS.append({"id": "99", "type": "final", "expect": [
        E("no_reply_to", [MAILBOX, "MAILER-DAEMON@mx.quangngai.dcs.vn", "tuantm.binhson@quangngai.dcs.vn"], W["own"] + "; " + W["auto"]),
        E("cuc_only_forwards", True, W["cuc"]),
        E("one_reply_per_message", True, "README: without ever losing a request or answering twice"),
        E("audit_verify", 0, "README audit verify: Exit 0 only when all holds"),
        E("status_json", True, "README status --json prints the same as one object"),
    ]})

    units = [(UNITS[u][3].replace("Văn phòng ", ""), UNITS[u][4], UNITS[u][1] if u != "trabong" else TRABONG_CERT_ORG)
             for u in UNITS if u != "bdv"] + [("Ban Dân vận Tỉnh ủy", UNITS["bdv"][4], UNITS["bdv"][1])]
    with open(os.path.join(out, "units.csv"), "w", encoding="utf-8") as f:
        f.write("name,addresses,cert_org\n")
        for nm, ad, co in units:
            f.write('"%s",%s,"%s"\n' % (nm, ad, co))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    build(out)
    steps = []
    for s in STEPS:
        s = dict(s)
        for f in s.get("files", []):
            with open(os.path.join(out, f["file"]), "wb") as fh:
                fh.write(f.pop("eml"))
        if "eml" in s:
            with open(os.path.join(out, s["file"]), "wb") as f:
                f.write(s.pop("eml"))
        steps.append(s)
    with open(os.path.join(out, "steps.json"), "w", encoding="utf-8") as f:
        json.dump(steps, f, ensure_ascii=False, indent=1)
    print("blind7: %d steps, %d mails" % (len(steps), sum(1 for s in steps if s["type"] == "ingest") + sum(len(s.get("files", ())) for s in steps)))


if __name__ == "__main__":
    main()
