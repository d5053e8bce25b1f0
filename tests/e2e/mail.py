#!/usr/bin/python3
"""mail.py stage1|stage2|stage3 DOCS OUT [MAILHOME]: the messages units send in
this trial, as Outlook, Thunderbird, Zimbra, Gmail and phones shape them,
written to OUT/NN-name.eml in the order they are delivered. stage2 answers
what hotrocks sent (read from the units' Maildirs under MAILHOME)."""
import base64, email, email.policy, glob, os, quopri, sys, time, uuid
from email.header import Header
from email.utils import formatdate, make_msgid
from urllib.parse import quote

# Set by setup(): mail2.py and mail3.py import this file for msg().
stage = docs = out = home = None
base = 0
D = "quangngai.dcs.vn"
HOTRO = "HotroCKS@quangngai.dcs.vn"
CT = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "pdf": "application/pdf"}


def b64(b):
    s = base64.b64encode(b).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def enc_b(s):
    return "=?utf-8?B?" + base64.b64encode(s.encode()).decode() + "?="


def enc_q(s):
    return Header(s, "utf-8").encode()


def att_part(fname, style):
    data = open(os.path.join(docs, fname), "rb").read()
    ct = CT[fname.rsplit(".", 1)[1]]
    if style == "outlook":          # RFC 2047 inside quotes (Outlook, Gmail)
        n = enc_b(fname)
        h = (f'Content-Type: {ct};\r\n\tname="{n}"\r\n'
             f'Content-Description: {n}\r\n'
             f'Content-Disposition: attachment;\r\n\tfilename="{n}"; size={len(data)}\r\n')
    elif style == "rfc2231":         # Thunderbird, Zimbra
        n = quote(fname)
        h = (f"Content-Type: {ct};\r\n name*=UTF-8''{n}\r\n"
             f"Content-Disposition: attachment;\r\n filename*=UTF-8''{n}\r\n")
    else:                            # iPhone: inline, name= only
        h = (f'Content-Type: {ct};\r\n\tx-unix-mode=0644;\r\n\tname="{enc_b(fname)}"\r\n'
             f'Content-Disposition: inline;\r\n\tfilename="{enc_b(fname)}"\r\n')
    return h + "Content-Transfer-Encoding: base64\r\n\r\n" + b64(data) + "\r\n"


def text_part(body, flowed=False):
    q = quopri.encodestring(body.replace("\n", "\r\n").encode()).decode()
    ff = "; format=flowed" if flowed else ""
    return (f"Content-Type: text/plain; charset=UTF-8{ff}\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{q}\r\n")


def html_part(body):
    html = "<html><body>" + "".join(f"<p>{l}</p>" for l in body.split("\n")) + "</body></html>"
    return ("Content-Type: text/html; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + b64(html.encode()) + "\r\n")


def multipart(kind, parts):
    b = "----=_Part_" + uuid.uuid4().hex[:16]
    s = f'Content-Type: multipart/{kind};\r\n\tboundary="{b}"\r\n\r\n'
    for p in parts:
        s += f"--{b}\r\n" + p
    return s + f"--{b}--\r\n"


n = [0]


def msg(name, frm, subject, body, atts=(), client="outlook", extra=None,
        to=HOTRO, subj_enc="b", msgid=None, rfc822=None):
    """Write one message; return its Message-ID."""
    n[0] += 1
    dom = frm.split("@")[1].rstrip(">")
    mid = msgid or make_msgid(domain=dom)
    hdr = {"From": frm, "To": to, "Date": formatdate(localtime=False),
           "Message-ID": mid, "MIME-Version": "1.0"}
    hdr["Subject"] = {"b": enc_b, "q": enc_q, "raw": lambda s: s}[subj_enc](subject)
    if client == "outlook":
        hdr["X-Mailer"] = "Microsoft Outlook 16.0"
        hdr["Thread-Index"] = "AdtE" + uuid.uuid4().hex[:20]
        hdr["Content-Language"] = "vi"
        alt = multipart("alternative", [text_part(body), html_part(body)])
        style = "outlook"
    elif client == "thunderbird":
        hdr["User-Agent"] = "Mozilla Thunderbird"
        alt = text_part(body, flowed=True)
        style = "rfc2231"
    elif client == "zimbra":
        hdr["X-Mailer"] = "Zimbra 8.8.15_GA_4177 (ZimbraWebClient - GC119 (Win)/8.8.15_GA_4177)"
        alt = multipart("alternative", [text_part(body), html_part(body)])
        style = "rfc2231"
    elif client == "gmail":
        alt = multipart("alternative", [text_part(body), html_part(body)])
        style = "outlook"
    else:  # iphone
        hdr["X-Mailer"] = "iPhone Mail (21B101)"
        alt = text_part(body)
        style = "inline"
    hdr.update(extra or {})
    parts = [alt] + [att_part(a, style) for a in atts]
    if rfc822:
        parts.append("Content-Type: message/rfc822\r\nContent-Disposition: attachment;\r\n"
                     " filename=\"forwarded.eml\"\r\n\r\n" + rfc822)
    body_s = multipart("mixed", parts) if len(parts) > 1 else parts[0]
    raw = "".join(f"{k}: {v}\r\n" for k, v in hdr.items()) + body_s
    fn = os.path.join(out, "%02d-%s.eml" % (n[0] + base, name))
    open(fn, "w", newline="").write(raw)
    return mid, raw


SIG_ST = "\n--\nVăn phòng Huyện ủy Sơn Tịnh\nĐT: 0255 3842 123"


def stage1():
    """What the units send first."""
    msg("sontinh-list-bad-iccid", f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>',
        "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh",
        "Kính gửi Văn phòng Tỉnh ủy,\n\nVăn phòng Huyện ủy Sơn Tịnh gửi danh sách đề nghị "
        "kích hoạt SIM ký số (file mềm, đã ký số) theo Phụ lục 3 Công văn 1871-CV/VPTU.\n"
        "Trân trọng." + SIG_ST, ["DS kich hoat SIM HU Son Tinh.docx"], "outlook")
    msg("binhson-xlsx", f"Van phong Huyen uy Binh Son <vanphong.binhson@{D}>",
        "V/v đề nghị kích hoạt SIM ký số (HU Bình Sơn)",
        "Kính gửi: Phòng Cơ yếu - CNTT\n\nHuyện ủy Bình Sơn gửi danh sách 04 đồng chí "
        "đề nghị kích hoạt SIM ký số.\n\nTrân trọng!",
        ["Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx"], "thunderbird")
    btg_mid, btg_raw = msg("btg-docx", f"=?utf-8?Q?Ban_Tuy=C3=AAn_gi=C3=A1o_T=E1=BB=89nh_=E1=BB=A7y?= <banthuyengiao.tu@{D}>",
        "Ban Tuyên giáo gửi DS kích hoạt SIM ký số", "Kính gửi anh/chị,\nBan Tuyên giáo "
        "Tỉnh ủy gửi danh sách kích hoạt SIM ký số cho lãnh đạo Ban.\nTrân trọng.",
        ["Phu luc 3 - BTG.docx"], "zimbra", subj_enc="q")
    n[0] += 1   # the same message delivered twice
    open(os.path.join(out, "%02d-btg-docx-again.eml" % n[0]), "w", newline="").write(btg_raw)
    msg("tinhha-xlsx-numbers", f"Dang uy xa Tinh Ha <danguy.tinhha@{D}>",
        "DS kich hoat sim ky so xa Tinh Ha", "Gui VP Tinh uy danh sach kich hoat sim ky so. "
        "Mong duoc ho tro.", ["DS SIM Tinh Ha.xlsx"], "gmail")
    # Tư Nghĩa forwards La Hà's mail as an attachment (Outlook "Forward as attachment").
    _, laha_raw = msg("x", f"Dang uy thi tran La Ha <danguy.laha@{D}>",
                      "Danh sách đề nghị kích hoạt SIM ký số - Đảng ủy thị trấn La Hà",
                      "Kính gửi Văn phòng Huyện ủy,\nĐảng ủy thị trấn gửi danh sách kích hoạt "
                      "SIM ký số, nhờ Huyện ủy chuyển Văn phòng Tỉnh ủy.",
                      ["Danh sach kich hoat SIM - DU TT La Ha.docx"], "zimbra",
                      to=f"vanphong.tunghia@{D}")
    os.unlink(os.path.join(out, "%02d-x.eml" % n[0]))
    msg("tunghia-forward-laha", f'"Văn phòng Huyện ủy Tư Nghĩa" <vanphong.tunghia@{D}>',
        "FW: Danh sách đề nghị kích hoạt SIM ký số - Đảng ủy thị trấn La Hà",
        "Văn phòng Huyện ủy Tư Nghĩa chuyển danh sách của Đảng ủy thị trấn La Hà.",
        [], "outlook", rfc822=laha_raw)
    msg("moduc-example-rows", f"Huyện ủy Mộ Đức <vanphong.mothu@{D}>",
        "Huyện ủy Mộ Đức gửi danh sách kích hoạt SIM ký số", "Gửi VPTU danh sách.",
        ["PL3_HU_Mo_Duc.docx"], "iphone")
    msg("mttq-pdf-cover-xlsx", f"=?UTF-8?B?{base64.b64encode('Văn phòng Ủy ban MTTQ tỉnh'.encode()).decode()}?= <mttq.tinh@{D}>",
        "Công văn 245/CV-MTTQ-BTT v/v đề nghị kích hoạt SIM ký số",
        "Kính gửi Văn phòng Tỉnh ủy,\nỦy ban MTTQ Việt Nam tỉnh gửi Công văn số 245 (đã ký số) "
        "và file mềm danh sách kèm theo.\nTrân trọng.",
        ["cong-van-245-mttq.pdf", "Danh sach de nghi kich hoat SIM ky so.xlsx"], "outlook")
    msg("ducpho-etoken", f"Thi uy Duc Pho <vanphong.ducpho@{D}>",
        "Đề nghị khôi phục thiết bị lưu khóa bí mật (eToken)",
        "Kính gửi Văn phòng Tỉnh ủy,\nThị ủy Đức Phổ đề nghị hỗ trợ mở khóa eToken cho 02 "
        "đồng chí (Mẫu 12 kèm theo). Người phối hợp: đ/c Hùng 0905 432 198.",
        ["Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx"], "thunderbird")
    msg("lyson-report", f"Văn phòng Huyện ủy Lý Sơn <vanphong.lyson@{D}>",
        "Báo cáo tình hình sử dụng chứng thư số 6 tháng cuối năm 2026",
        "Kính gửi Văn phòng Tỉnh ủy, Huyện ủy Lý Sơn gửi báo cáo.",
        ["Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx"], "zimbra")
    msg("sonha-mau02", f"Van phong Huyen uy Son Ha <vanphong.sonha@{D}>",
        "Đề nghị cấp chứng thư số cho đồng chí Đinh Văn Hiền",
        "Kính gửi VPTU, Huyện ủy Sơn Hà đề nghị cấp chứng thư số (Mẫu 02).",
        ["Mau 02 - HU Son Ha.docx"], "outlook")
    msg("minhlong-sim-recovery", f"Huyen uy Minh Long <vanphong.minhlong@{D}>",
        "Đề nghị khôi phục SIM PKI bị khóa",
        "Kính gửi VPTU, đề nghị hỗ trợ mở khóa SIM ký số cho đồng chí Bí thư.",
        ["De nghi khoi phuc SIM PKI - HU Minh Long.docx"], "thunderbird")
    msg("bato-question", f"Văn phòng Huyện ủy Ba Tơ <vanphong.bato@{D}>",
        "Hỏi về thủ tục gia hạn chứng thư số",
        "Kính gửi Phòng Cơ yếu - CNTT,\n\nChứng thư số của đồng chí Phó Bí thư còn 45 ngày "
        "nữa hết hạn. Xin hỏi đơn vị gửi hồ sơ gia hạn về đâu và có còn kịp không?\n\n"
        "Trân trọng cảm ơn.", [], "thunderbird")
    msg("binhchau-gmail", "Dang uy xa Binh Chau <dangiuy.binhchau@gmail.com>",
        "gui danh sach kich hoat sim ky so xa Binh Chau", "Kinh gui VPTU.",
        ["ds sim binh chau.docx"], "gmail")
    msg("nghiahanh-unsigned-gone", f"Huyen uy Nghia Hanh <vanphong.nghiahanh@{D}>",
        "Danh sách kích hoạt SIM ký số Huyện ủy Nghĩa Hành", "Kính gửi VPTU.",
        ["DS SIM HU Nghia Hanh.docx"], "outlook")


def stage3():
    """Questions and re-sends while their cases are open."""
    def last_ours(user):
        fs = sorted(glob.glob(f"{home}/{user}/Maildir/new/*") + glob.glob(f"{home}/{user}/Maildir/cur/*"),
                    key=os.path.getmtime)
        return email.message_from_binary_file(open(fs[-1], "rb"), policy=email.policy.default)
    st = last_ours("vanphong.sontinh")
    msg("sontinh-asks-status", f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>',
        "RE: " + str(st["Subject"]), "Xin hỏi danh sách đã được chuyển Cục chưa ạ?" + SIG_ST,
        [], "outlook", extra={"In-Reply-To": st["Message-ID"], "References": st["Message-ID"]})
    bs = last_ours("vanphong.binhson")
    msg("binhson-thanks-done", f"Van phong Huyen uy Binh Son <vanphong.binhson@{D}>",
        "Re: " + str(bs["Subject"]), "Cảm ơn. Đồng chí Lan vì sao bị từ chối ạ?", [], "thunderbird",
        extra={"In-Reply-To": bs["Message-ID"], "References": bs["Message-ID"]})
    msg("bato-reminder", f"Văn phòng Huyện ủy Ba Tơ <vanphong.bato@{D}>",
        "Nhắc lại: Hỏi về thủ tục gia hạn chứng thư số", "Đơn vị chưa nhận được trả lời, "
        "đề nghị VPTU hướng dẫn giúp.", [], "thunderbird")
    msg("newsletter", f"Ban Bien tap Cong TTDT <bantin@{D}>", "Bản tin Chuyển đổi số số 48",
        "Bản tin tuần.", [], "zimbra", extra={"List-Id": "<bantin.quangngai.dcs.vn>",
                                              "Precedence": "list", "List-Unsubscribe": f"<mailto:bantin-off@{D}>"})
    msg("sontinh-second-list-overlap", f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>',
        "Danh sách bổ sung kích hoạt SIM ký số - Huyện ủy Sơn Tịnh",
        "Gửi bổ sung danh sách (đợt 2)." + SIG_ST, ["DS bo sung HU Son Tinh.docx"], "outlook")
    for i, (u, f, a) in enumerate([("vanphong.binhson", "Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx", "thunderbird"),
                                   ("danguy.laha", "Danh sach kich hoat SIM - DU TT La Ha.docx", "zimbra"),
                                   ("vanphong.ducpho", "Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx", "outlook"),
                                   ("vanphong.lyson", "Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx", "iphone")]):
        msg("burst-%d" % i, f"{u} <{u}@{D}>", "Gửi lại hồ sơ (đợt %d)" % i, "Gửi lại.", [f], a)


def ours(user, pred=lambda m: True):
    """Our letters in a unit's Maildir, oldest first."""
    res = []
    for f in sorted(glob.glob(f"{home}/{user}/Maildir/new/*") +
                    glob.glob(f"{home}/{user}/Maildir/cur/*"), key=os.path.getmtime):
        m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
        if pred(m):
            res.append(m)
    return res


def reply_hdrs(m):
    refs = (m.get("References", "") + " " + m["Message-ID"]).strip()
    return {"In-Reply-To": m["Message-ID"], "References": refs}


def stage2():
    """Answers to what hotrocks sent (read from MAILHOME)."""
    st = ours("vanphong.sontinh")[-1]
    msg("sontinh-corrected-reply", f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>',
        "TL: " + str(st["Subject"]),
        "Kính gửi Văn phòng Tỉnh ủy,\nĐơn vị đã sửa số ICCID dòng 3, gửi lại danh sách.\n"
        "Trân trọng." + SIG_ST, ["DS kich hoat SIM HU Son Tinh (da sua).docx"], "outlook",
        extra=reply_hdrs(st))
    bs = ours("vanphong.binhson")[0]
    msg("binhson-thanks", f"Van phong Huyen uy Binh Son <vanphong.binhson@{D}>",
        "Re: " + str(bs["Subject"]), "Cảm ơn Văn phòng Tỉnh ủy đã tiếp nhận.\n\n"
        "> " + "\n> ".join(bs.get_body(("plain",)).get_content().splitlines()[:5]),
        [], "thunderbird", extra=reply_hdrs(bs))
    dp = ours("vanphong.ducpho")[0]
    msg("ducpho-out-of-office", f"Thi uy Duc Pho <vanphong.ducpho@{D}>",
        "Trả lời tự động: " + str(dp["Subject"]),
        "Tôi đang đi công tác đến ngày 10/12/2026, sẽ trả lời khi về cơ quan.",
        [], "outlook", extra={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All",
                              "In-Reply-To": dp["Message-ID"]})
    msg("btg-resend", f"=?utf-8?Q?Ban_Tuy=C3=AAn_gi=C3=A1o_T=E1=BB=89nh_=E1=BB=A7y?= <banthuyengiao.tu@{D}>",
        "Gửi lại DS kích hoạt SIM ký số Ban Tuyên giáo", "Gửi lại danh sách (lần 2) "
        "vì chưa thấy phản hồi.", ["Phu luc 3 - BTG.docx"], "zimbra", subj_enc="q")
    ly = ours("vanphong.lyson")[0]
    msg("lyson-question-by-references", f"Văn phòng Huyện ủy Lý Sơn <vanphong.lyson@{D}>",
        "Hỏi thêm về báo cáo năm", "Xin hỏi báo cáo năm 2026 có cần gửi riêng không ạ?",
        [], "iphone", extra=reply_hdrs(ly))
    cuc = ours("ca", lambda m: "HT-" in str(m["Subject"]))
    if cuc:
        c = cuc[0]
        msg("cuc-answers-forward", "Cuc Chung thuc so <ca@bcy.gov.vn>",
            "Re: " + str(c["Subject"]), "Cục đã tiếp nhận và sẽ cập nhật trong 03 ngày làm việc.",
            [], "outlook", extra=reply_hdrs(c))
    msg("tinhha-corrected-new-mail", f"Dang uy xa Tinh Ha <danguy.tinhha@{D}>",
        "Gui lai DS kich hoat SIM ky so xa Tinh Ha (da sua)",
        "Gui lai danh sach da sua so ICCID.", ["DS SIM Tinh Ha (sua).xlsx"], "gmail")


# An unknown stage writes stage2's mail, as the `else:` this replaces did.
STAGES = {"stage1": stage1, "stage2": stage2, "stage3": stage3}
FIRST = {"stage2": 20}      # a stage's file numbers start after this


def setup(argv, first=FIRST):
    """STAGE DOCS OUT [MAILHOME] from argv, for msg() and ours()."""
    global stage, docs, out, home, base
    stage, docs, out = argv[1], argv[2], argv[3]
    home = argv[4] if len(argv) > 4 else None
    os.makedirs(out, exist_ok=True)
    base = first.get(stage, 0)


def main(argv, stages=STAGES, first=FIRST, other=stage2):
    setup(argv, first)
    stages.get(stage, other)()
    print(stage, "->", out)


if __name__ == "__main__":
    main(sys.argv)
