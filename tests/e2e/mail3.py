#!/usr/bin/python3
"""mail3.py STAGE DOCS OUT MAILHOME WHEN: the third trial's mail (a month
of the office, findings3.md), built with mail.py's helpers; every message
is dated WHEN (RFC 3339, UTC) plus a minute each, the time the trial's
faked clock gives hotrocks. deliver3.py puts them in the office INBOX."""
import datetime, sys
from email.utils import format_datetime

import mail
from mail import D, ours
from mail import reply_hdrs as rh

stage, docs, out, home, when = sys.argv[1:6]
mail.setup([sys.argv[0], stage, docs, out, home])
t0 = datetime.datetime.fromisoformat(when.replace("Z", "+00:00"))
k = [0]
_msg = mail.msg


def m3(name, frm, subject, body, atts=(), client="outlook", extra=None, **kw):
    e = dict(extra or {})
    e["Date"] = format_datetime((t0 + datetime.timedelta(minutes=k[0])).astimezone(
        datetime.timezone(datetime.timedelta(hours=7))))
    k[0] += 1
    return _msg(stage + "-" + name, frm, subject, body, atts, client, e, **kw)


ST = f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>'
BS = f"Van phong Huyen uy Binh Son <vanphong.binhson@{D}>"
BTG = f"=?utf-8?Q?Ban_Tuy=C3=AAn_gi=C3=A1o_T=E1=BB=89nh_=E1=BB=A7y?= <banthuyengiao.tu@{D}>"
DP = f"Thi uy Duc Pho <vanphong.ducpho@{D}>"
LS = f"Văn phòng Huyện ủy Lý Sơn <vanphong.lyson@{D}>"
CUC = "Cuc Chung thuc so <ca@bcy.gov.vn>"

if stage == "d1":
    m3("sontinh-bad", ST, "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh",
       "Kính gửi Văn phòng Tỉnh ủy, gửi danh sách kích hoạt SIM ký số.", ["DS kich hoat SIM HU Son Tinh.docx"])
    m3("binhson", BS, "V/v đề nghị kích hoạt SIM ký số (HU Bình Sơn)", "Kính gửi VPTU.",
       ["Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx"], "thunderbird")
    m3("btg", BTG, "Ban Tuyên giáo gửi DS kích hoạt SIM ký số", "Kính gửi anh/chị.",
       ["Phu luc 3 - BTG.docx"], "zimbra", subj_enc="q")
    m3("tinhha", f"Dang uy xa Tinh Ha <danguy.tinhha@{D}>", "DS kich hoat sim ky so xa Tinh Ha",
       "Gui VP Tinh uy.", ["DS SIM Tinh Ha.xlsx"], "gmail")
    m3("ducpho-etoken", DP, "Đề nghị khôi phục thiết bị lưu khóa bí mật (eToken)",
       "Thị ủy Đức Phổ đề nghị mở khóa eToken (Mẫu 12 kèm theo).",
       ["Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx"], "thunderbird")
    m3("lyson-report", LS, "Báo cáo tình hình sử dụng chứng thư số 6 tháng cuối năm 2026",
       "Huyện ủy Lý Sơn gửi báo cáo.", ["Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx"], "zimbra")
    m3("bato-question", f"Văn phòng Huyện ủy Ba Tơ <vanphong.bato@{D}>", "Hỏi về thủ tục gia hạn chứng thư số",
       "Xin hỏi đơn vị gửi hồ sơ gia hạn về đâu?", [], "thunderbird")
elif stage == "d2cuc":       # the Cục answers the first forward, a day later
    fw = ours("ca", lambda m: "hotrocks.forward" in str(m["Message-ID"]))[0]
    m3("cuc-answers-1", CUC, "Re: " + str(fw["Subject"]),
       "Cục đã kích hoạt các thuê bao; thuê bao 84392114225 không đủ điều kiện.", [], "outlook", extra=rh(fw))
elif stage == "d2cap":       # Sơn Tịnh: the corrected list, then 4 more lists in the hour
    st = ours("vanphong.sontinh")[-1]
    m3("sontinh-fixed", ST, "TL: " + str(st["Subject"]), "Đơn vị gửi lại danh sách đã sửa.",
       ["DS kich hoat SIM HU Son Tinh (da sua).docx"], extra=rh(st))
    for s in (19, 20, 21, 22):
        m3("sontinh-dot%d" % s, ST, "Danh sách bổ sung đợt %d - Huyện ủy Sơn Tịnh" % s,
           "Gửi bổ sung.", ["DS SIM dot %d - HU Son Tinh.docx" % s])
elif stage == "d2out":       # while Postfix is stopped
    m3("binhson-dot2", BS, "Danh sách kích hoạt SIM ký số đợt 2 - HU Bình Sơn", "Gửi đợt 2.",
       ["DS SIM dot 2 - HU Binh Son.xlsx"], "thunderbird")
    m3("ducpho-etoken-2", DP, "Bổ sung Mẫu 12", "Gửi bổ sung.", ["De nghi khoi phuc SIM PKI - HU Minh Long.docx"], "thunderbird")
elif stage == "d3":          # 25 h after the burst
    m3("sontinh-dot23", ST, "Danh sách bổ sung đợt 23 - Huyện ủy Sơn Tịnh", "Gửi bổ sung.",
       ["DS SIM dot 23 - HU Son Tinh.docx"])
elif stage == "sat":
    m3("lyson-sim", LS, "Danh sách kích hoạt SIM ký số - Huyện ủy Lý Sơn", "Gửi danh sách.",
       ["DS SIM - HU Ly Son.docx"], "zimbra")
elif stage == "sun":
    m3("ducpho-sim", DP, "Danh sách kích hoạt SIM ký số - Thị ủy Đức Phổ", "Gửi danh sách.",
       ["DS SIM - TU Duc Pho.docx"], "thunderbird")
elif stage == "mon2":        # Đức Phổ answers what the desk asked about its eToken case
    a = ours("vanphong.ducpho", lambda m: "khôi phục" in str(m["Subject"]).lower() or "eToken" in str(m["Subject"]))[0]
    m3("ducpho-answers-wait", DP, "Re: " + str(a["Subject"]),
       "Người phối hợp: đồng chí Hùng, 0905 432 198.", [], "thunderbird", extra=rh(a))
elif stage == "wed2":
    m3("btg-dot2", BTG, "Ban Tuyên giáo gửi DS kích hoạt SIM ký số đợt 2", "Kính gửi anh/chị.",
       ["DS SIM dot 2 - BTG.docx"], "zimbra", subj_enc="q")
    m3("sontinh-dot2", ST, "Danh sách kích hoạt SIM ký số đợt 2 - Huyện ủy Sơn Tịnh", "Gửi đợt 2.",
       ["DS SIM dot 2 - HU Son Tinh.docx"])
elif stage == "cuc2":        # the Cục answers every later forward
    for fw in ours("ca", lambda m: "hotrocks.forward" in str(m["Message-ID"]))[1:]:
        m3("cuc-answers", CUC, "Re: " + str(fw["Subject"]), "Cục đã kích hoạt.", [], "outlook", extra=rh(fw))
elif stage == "eve":         # 31/12, 23:30 office time
    m3("binhson-dot3", BS, "Danh sách kích hoạt SIM ký số đợt 3 - HU Bình Sơn", "Gửi đợt 3.",
       ["DS SIM dot 3 - HU Binh Son.xlsx"], "thunderbird")
elif stage == "newyear":     # 01/01/2027, 00:30 office time (still 2026 in UTC)
    m3("sontinh-dot3", ST, "Danh sách kích hoạt SIM ký số đợt 3 - Huyện ủy Sơn Tịnh", "Gửi đợt 3.",
       ["DS SIM dot 3 - HU Son Tinh.docx"])
elif stage == "jan2":
    m3("lyson-2027", LS, "Danh sách kích hoạt SIM ký số năm 2027 - Huyện ủy Lý Sơn", "Gửi danh sách.",
       ["DS SIM 2027 - HU Ly Son.docx"], "zimbra")
elif stage == "jan4":        # after the test CRL's nextUpdate (pki.sh: a month)
    m3("sontinh-dot24", ST, "Danh sách bổ sung đợt 24 - Huyện ủy Sơn Tịnh", "Gửi bổ sung.",
       ["DS SIM dot 24 - HU Son Tinh.docx"])
elif stage == "jan5":        # while Postfix is down for days (max_age)
    m3("sonha-mau02", f"Van phong Huyen uy Son Ha <vanphong.sonha@{D}>",
       "Đề nghị cấp chứng thư số cho đồng chí Đinh Văn Hiền", "Huyện ủy Sơn Hà đề nghị cấp chứng thư số (Mẫu 02).",
       ["Mau 02 - HU Son Ha.docx"])
    m3("lyson-sim-again", LS, "Gửi lại danh sách năm 2027", "Gửi lại.", ["DS SIM 2027 - HU Ly Son.docx"], "zimbra")
elif stage == "jan11":       # after three completion notices to Sơn Tịnh this morning
    m3("sontinh-new-question-list", ST, "Danh sách kích hoạt SIM ký số đợt 25 - Huyện ủy Sơn Tịnh", "Gửi danh sách.",
       ["DS kich hoat SIM HU Son Tinh.docx"])
print(stage, "->", out)
