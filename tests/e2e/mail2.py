#!/usr/bin/python3
"""mail2.py stage1|stage2|stage3|stage4|stage5 DOCS OUT [MAILHOME]: the
messages units send in the second trial (findings2.md). stage1..stage3 are
mail.py's; stage4: the Cục's answer to the first forward, then a burst of
re-sent files to kill `run` mid-pass; stage5: later office days (a new
eToken request, a status question on a done case, a late correction)."""
import sys

import mail
from mail import D, SIG_ST, msg, ours, reply_hdrs


def stage4():
    """The Cục answers the first forward; units re-send 30 files."""
    fw = ours("ca", lambda m: "kích hoạt SIM" in str(m["Subject"]))[0]
    msg("cuc-answers-forward-1", "Cuc Chung thuc so <ca@bcy.gov.vn>", "Re: " + str(fw["Subject"]),
        "Kính gửi Văn phòng Tỉnh ủy Quảng Ngãi,\nCục đã kích hoạt 09 thuê bao; thuê bao "
        "84392114225 (Nguyễn Thị Lan) không đủ điều kiện.\nTrân trọng.", [], "outlook",
        extra={"In-Reply-To": fw["Message-ID"], "References": fw["Message-ID"]})
    units = [("vanphong.binhson", "Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx", "thunderbird"),
             ("banthuyengiao.tu", "Phu luc 3 - BTG.docx", "zimbra"),
             ("mttq.tinh", "cong-van-245-mttq.pdf", "outlook"),
             ("vanphong.lyson", "Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx", "iphone"),
             ("vanphong.ducpho", "Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx", "outlook")]
    for i in range(30):
        u, f, a = units[i % len(units)]
        msg("burst-%02d" % i, f"{u} <{u}@{D}>", "Gửi lại hồ sơ lần %d" % (i // len(units) + 2),
            "Đơn vị gửi lại hồ sơ.", [f], a)


def stage5():
    """Later office days."""
    dn = ours("vanphong.binhson", lambda m: "hotrocks.done." in str(m["Message-ID"]))
    if dn:
        msg("binhson-asks-after-done", f"Van phong Huyen uy Binh Son <vanphong.binhson@{D}>",
            "Re: " + str(dn[-1]["Subject"]), "Đồng chí Lan có thể đăng ký lại với chức vụ mới không ạ?",
            [], "thunderbird", extra=reply_hdrs(dn[-1]))
    msg("minhlong-etoken-new", f"Huyen uy Minh Long <vanphong.minhlong@{D}>",
        "Đề nghị khôi phục eToken - Huyện ủy Minh Long",
        "Kính gửi VPTU, đề nghị hỗ trợ mở khóa eToken (Mẫu 12 kèm theo).",
        ["Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx"], "thunderbird")
    msg("sontinh-status-again", f'"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.sontinh@{D}>',
        "Hỏi tiến độ kích hoạt SIM ký số", "Xin hỏi danh sách bổ sung đã gửi Cục chưa ạ?" + SIG_ST,
        [], "outlook")


# Unlike mail.py, an unknown stage writes nothing, as before.
STAGES = dict(mail.STAGES, stage4=stage4, stage5=stage5)
FIRST = dict(mail.FIRST, stage4=40, stage5=80)

if __name__ == "__main__":
    mail.main(sys.argv, STAGES, FIRST, other=lambda: None)
