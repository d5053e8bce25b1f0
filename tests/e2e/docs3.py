#!/usr/bin/python3
"""docs3.py OUTDIR: the third trial's extra lists (a month of the office):
new Phụ lục 3 lists from the units whose leaves pki.sh issues, each with
SIMs no other list holds, written with docs.py's own helpers."""
import os, sys
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, "docs.py")).read().split("# 1. Huyện ủy Sơn Tịnh")[0]
sys.argv = [sys.argv[0], sys.argv[1]]
exec(compile(src, "docs.py", "exec"))
VT, VN, MB = "04", "02", "01"   # Viettel, Vinaphone, Mobifone ICCID issuers
PFX = {VT: ["098", "097", "086", "038"], VN: ["091", "094", "088"], MB: ["090", "093", "089"]}


def rows(seed, n, titles):
    out_rows = []
    for i in range(n):
        iss = (VT, VN, MB)[(seed + i) % 3]
        p = PFX[iss][i % len(PFX[iss])]
        ph = "%s%07d" % (p, (seed * 7919 + i * 104729) % 10000000)
        out_rows.append((ph, iccid(iss, seed * 1000 + i + 1), "Nguyễn Văn Đợt%d Số%d" % (seed, i + 1),
                         titles[i % len(titles)]))
    return out_rows


HU = ["Bí thư Huyện ủy", "Phó Bí thư Huyện ủy", "Chánh Văn phòng Huyện ủy", "Trưởng Ban Tổ chức Huyện ủy"]
P = "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
# (file, signer leaf, kind, header...)
sim_xlsx("DS SIM dot 2 - HU Binh Son.xlsx", P, "HUYỆN ỦY BÌNH SƠN", "Bình Sơn, ngày 08 tháng 12 năm 2026", rows(11, 3, HU))
sim_docx("DS SIM dot 2 - HU Son Tinh.docx", P, "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh, ngày 09 tháng 12 năm 2026", rows(12, 2, HU))
sim_docx("DS SIM - HU Ly Son.docx", P, "HUYỆN ỦY LÝ SƠN", "Lý Sơn, ngày 11 tháng 12 năm 2026", rows(13, 4, HU))
sim_docx("DS SIM - TU Duc Pho.docx", P, "THỊ ỦY ĐỨC PHỔ", "Đức Phổ, ngày 14 tháng 12 năm 2026",
         rows(14, 2, ["Bí thư Thị ủy", "Phó Bí thư Thị ủy"]))
sim_docx("DS SIM dot 2 - BTG.docx", "TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO", "Quảng Ngãi, ngày 16 tháng 12 năm 2026",
         rows(15, 2, ["Phó Trưởng Ban Tuyên giáo Tỉnh ủy"]))
sim_xlsx("DS SIM dot 3 - HU Binh Son.xlsx", P, "HUYỆN ỦY BÌNH SƠN", "Bình Sơn, ngày 30 tháng 12 năm 2026", rows(16, 2, HU))
sim_docx("DS SIM dot 3 - HU Son Tinh.docx", P, "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh, ngày 31 tháng 12 năm 2026", rows(17, 2, HU))
sim_docx("DS SIM 2027 - HU Ly Son.docx", P, "HUYỆN ỦY LÝ SƠN", "Lý Sơn, ngày 02 tháng 01 năm 2027", rows(18, 2, HU))
for s in range(19, 25):   # a burst of small lists from Sơn Tịnh, for the reply cap
    sim_docx("DS SIM dot %d - HU Son Tinh.docx" % s, P, "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh, ngày 08 tháng 12 năm 2026", rows(s, 1, HU))
