#!/usr/bin/python3
"""docs.py OUTDIR: the Word and Excel files units attach in this trial,
written from DOMAIN.md, letter 1871-CV/VPTU and CONTRACT.md alone (Phụ lục
3 lists, a Mẫu 12, a report, a Mẫu 02, a SIM Mẫu 12, a cover letter)."""
import sys, os
from docx import Document
from docx.shared import Pt
import openpyxl

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"


def luhn_digit(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return str((10 - tot % 10) % 10)


def iccid(issuer, n, bad=False):
    body = "8984" + issuer + "%012d" % n
    c = luhn_digit(body)
    if bad:
        c = str((int(c) + 3) % 10)
    return body + c


def letterhead(doc, parent, unit, so, date):
    t = doc.add_table(rows=1, cols=2)
    l, r = t.rows[0].cells
    l.text = parent + "\n" + unit + "\n*\nSố " + so
    r.text = "ĐẢNG CỘNG SẢN VIỆT NAM\n" + date


def sim_docx(name, parent, unit, date, rows, addressee=CUC, grouped=False):
    doc = Document()
    letterhead(doc, parent, unit, "  -CV/" + "".join(w[0] for w in unit.split()), date)
    p = doc.add_paragraph("DANH SÁCH\nĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ")
    p.runs[0].bold = True
    doc.add_paragraph("Kính gửi: " + addressee + ",")
    t = doc.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    hdr = ["TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
           "Họ và tên người dùng (chủ thuê bao)", "Chức vụ (Chức vụ hiện tại)"]
    for c, h in zip(t.rows[0].cells, hdr):
        c.text = h
    for i, r in enumerate(rows, 1):
        cells = t.add_row().cells
        cells[0].text = str(i)
        for c, v in zip(cells[1:], r):
            c.text = v
    doc.add_paragraph("Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM.")
    doc.add_paragraph("T/M BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG")
    doc.save(os.path.join(out, name))


def sim_xlsx(name, parent, unit, date, rows, numeric=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 3"
    ws["A1"] = parent
    ws["D1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["A2"] = unit
    ws["D2"] = date
    ws["A4"] = "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"
    ws["A5"] = "Kính gửi: " + CUC
    ws.append([])
    ws.append(["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
               "Chức vụ"])
    for i, (ph, ic, nm, pos) in enumerate(rows, 1):
        if numeric and ph.isdigit():
            ph = int(ph)
        if numeric and ic.isdigit():
            ic = float(ic)      # what Excel keeps of a typed 19-digit number
        ws.append([i, ph, ic, nm, pos])
    wb.save(os.path.join(out, name))


# 1. Huyện ủy Sơn Tịnh: one ICCID typed wrong (check digit), then fixed.
st_rows = [
    ("0983 216 549", iccid("04", 8000415273), "Nguyễn Đức Thắng", "Bí thư Huyện ủy"),
    ("0905.214.367", iccid("02", 1009258146), "Trần Thị Thu Hà", "Phó Bí thư Thường trực Huyện ủy"),
    ("+84 914 562 738", iccid("02", 1007364152, bad=True), "Phạm Minh Đức", "Trưởng Ban Tổ chức Huyện ủy"),
]
HDR_ST = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH",
          "Sơn Tịnh, ngày 01 tháng 12 năm 2026")
sim_docx("DS kich hoat SIM HU Son Tinh.docx", *HDR_ST, st_rows)
st_fixed = list(st_rows)
st_fixed[2] = ("+84 914 562 738", iccid("02", 1007364152), "Phạm Minh Đức", "Trưởng Ban Tổ chức Huyện ủy")
sim_docx("DS kich hoat SIM HU Son Tinh (da sua).docx", *HDR_ST, st_fixed)

# 2. Huyện ủy Bình Sơn: a clean Excel list.
bs_rows = [
    ("0935123456", iccid("01", 2200000011), "Võ Văn Bình", "Bí thư Huyện ủy"),
    ("0978 345 612", iccid("04", 2200000029), "Lê Thị Hồng Nhung", "Phó Bí thư Huyện ủy"),
    ("0856 778 990", iccid("02", 2200000037), "Đỗ Minh Khoa", "Chánh Văn phòng Huyện ủy"),
    ("0392 114 225", iccid("04", 2200000045), "Nguyễn Thị Lan", "Trưởng Ban Dân vận Huyện ủy"),
]
sim_xlsx("Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx",
         "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN",
         "Bình Sơn, ngày 02 tháng 12 năm 2026", bs_rows)

# 3. Ban Tuyên giáo Tỉnh ủy: clean Word list (delivered twice).
btg_rows = [
    ("0914 778 001", iccid("02", 3300000011), "Lê Thị Phương Thảo", "Trưởng Ban Tuyên giáo Tỉnh ủy"),
    ("0348 102 203", iccid("04", 3300000029), "Huỳnh Văn Tấn", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy"),
]
sim_docx("Phu luc 3 - BTG.docx", "TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO",
         "Quảng Ngãi, ngày 02 tháng 12 năm 2026", btg_rows)

# 4. Đảng ủy xã Tịnh Hà: Excel turned ICCIDs into numbers, an old 11-digit
#    number, a phone cell without its leading zero, a clerk (not eligible).
th_rows = [
    ("01665123456", iccid("04", 4400000011), "Lê Văn Sáu", "Bí thư Đảng ủy xã"),
    ("905667788", iccid("01", 4400000029), "Phan Thị Mai", "Phó Bí thư Đảng ủy xã"),
    ("0987 000 111", iccid("04", 4400000037), "Võ Thành Long", "Chuyên viên Văn phòng Đảng ủy"),
]
sim_xlsx("DS SIM Tinh Ha.xlsx", "ĐẢNG BỘ HUYỆN SƠN TỊNH", "ĐẢNG ỦY XÃ TỊNH HÀ",
         "Tịnh Hà, ngày 28 tháng 11 năm 2026", th_rows, numeric=True)
# ... and again, ICCIDs typed as text, the clerk's row removed.
sim_xlsx("DS SIM Tinh Ha (sua).xlsx", "ĐẢNG BỘ HUYỆN SƠN TỊNH", "ĐẢNG ỦY XÃ TỊNH HÀ",
         "Tịnh Hà, ngày 03 tháng 12 năm 2026", th_rows[:2])

# 5. Đảng ủy thị trấn La Hà (forwarded by Huyện ủy Tư Nghĩa).
lh_rows = [
    ("0702 345 678", iccid("01", 5500000011), "Phạm Văn Tâm", "Bí thư Đảng ủy thị trấn"),
    ("0823 456 789", iccid("02", 5500000029), "Trần Thị Kiều", "Phó Bí thư Đảng ủy thị trấn"),
]
sim_docx("Danh sach kich hoat SIM - DU TT La Ha.docx", "ĐẢNG BỘ HUYỆN TƯ NGHĨA",
         "ĐẢNG ỦY THỊ TRẤN LA HÀ", "La Hà, ngày 25 tháng 11 năm 2026", lh_rows)

# 6. Huyện ủy Mộ Đức: unsigned list, the form's example rows left in.
md_rows = [
    ("0982345678", "898402310932010", "Nguyễn Văn A", "Trưởng phòng CNTT"),
    ("0918765432", "796303120012090", "Trần Văn B", "Phó trưởng phòng CNTT"),
    ("0963 221 907", iccid("04", 6600000011), "Bùi Quang Vinh", "Bí thư Huyện ủy"),
]
sim_docx("PL3_HU_Mo_Duc.docx", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MỘ ĐỨC",
         "Mộ Đức, ngày 02 tháng 12 năm 2026", md_rows)

# 7. MTTQ tỉnh: unsigned xlsx soft file beside a signed PDF cover letter.
mt_rows = [
    ("0779 390 111", iccid("01", 7700000011), "Đinh Thị Hoa", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    ("0945 333 222", iccid("02", 7700000029), "Ngô Văn Định", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
]
sim_xlsx("Danh sach de nghi kich hoat SIM ky so.xlsx", "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM",
         "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI",
         "Quảng Ngãi, ngày 02 tháng 12 năm 2026", mt_rows)
doc = Document()
letterhead(doc, "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM",
           "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI", "245/CV-MTTQ-BTT",
           "Quảng Ngãi, ngày 02 tháng 12 năm 2026")
doc.add_paragraph("V/v đề nghị kích hoạt SIM ký số")
doc.add_paragraph("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi")
doc.add_paragraph("Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng "
                  "Tỉnh ủy, Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh gửi danh sách "
                  "đề nghị kích hoạt SIM ký số (file mềm kèm theo) để Văn phòng Tỉnh ủy "
                  "tổng hợp, gửi Cục Chứng thực số và Bảo mật thông tin.")
doc.add_paragraph("Nơi nhận:\n- Như trên;\n- Lưu VT.")
doc.add_paragraph("TM. BAN THƯỜNG TRỰC\nPHÓ CHỦ TỊCH\nNgô Văn Định")
doc.save(os.path.join(out, "cong-van-245-mttq.docx"))
# The same letter as a sheet: this machine's LibreOffice has Calc, not
# Writer, and Calc prints it to the PDF the unit signs.
wb = openpyxl.Workbook()
ws = wb.active
for line in [p.text for p in doc.paragraphs[:0]] + [
        "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM",
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI",
        "Số 245/CV-MTTQ-BTT", "V/v đề nghị kích hoạt SIM ký số", "",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Ngãi, ngày 02 tháng 12 năm 2026", "",
        "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi", "",
        "Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy,",
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh gửi danh sách đề nghị kích hoạt",
        "SIM ký số (file mềm kèm theo) để Văn phòng Tỉnh ủy tổng hợp, gửi Cục Chứng thực số",
        "và Bảo mật thông tin, Ban Cơ yếu Chính phủ.", "", "Nơi nhận:", "- Như trên;",
        "- Lưu VT.", "", "TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "Ngô Văn Định"]:
    ws.append([line])
ws.column_dimensions["A"].width = 100
wb.save(os.path.join(out, "cong-van-245-mttq.xlsx"))

# 8. Thị ủy Đức Phổ: Mẫu 12, eToken recovery, to Văn phòng Tỉnh ủy.
doc = Document()
letterhead(doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THỊ ỦY ĐỨC PHỔ", "312-CV/TU",
           "Đức Phổ, ngày 02 tháng 12 năm 2026")
doc.add_paragraph("VĂN BẢN ĐỀ NGHỊ\nKHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT")
doc.add_paragraph("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi")
doc.add_paragraph("Thị ủy Đức Phổ đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị "
                  "lưu khóa bí mật cho các thuê bao sau:")
t = doc.add_table(rows=1, cols=5)
t.style = "Table Grid"
for c, h in zip(t.rows[0].cells, ["TT", "Họ và tên thuê bao", "Chức vụ",
                                  "Số hiệu thiết bị lưu khóa bí mật", "Lý do"]):
    c.text = h
for i, r in enumerate([("Nguyễn Thị Thu", "Chánh Văn phòng Thị ủy", "5412 0A3F 77C1 9902",
                        "Nhập sai mật khẩu quá 15 lần"),
                       ("Trần Văn Nam", "Phó Chánh Văn phòng Thị ủy", "54120B1C88D20013",
                        "Thiết bị bị khóa do nhập sai mã PIN")], 1):
    cells = t.add_row().cells
    cells[0].text = str(i)
    for c, v in zip(cells[1:], r):
        c.text = v
doc.add_paragraph("Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật: đồng chí "
                  "Nguyễn Văn Hùng, chuyên viên Văn phòng Thị ủy, điện thoại: 0905 432 198, "
                  "thư điện tử: vanphong.ducpho@quangngai.dcs.vn.")
doc.add_paragraph("T/M THỊ ỦY\nCHÁNH VĂN PHÒNG")
doc.save(os.path.join(out, "Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx"))

# 9. Huyện ủy Lý Sơn: the 6-month report.
doc = Document()
letterhead(doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY LÝ SƠN", "88-BC/HU",
           "Lý Sơn, ngày 01 tháng 12 năm 2026")
doc.add_paragraph("BÁO CÁO\nTình hình triển khai, quản lý và sử dụng chứng thư số "
                  "6 tháng cuối năm 2026")
doc.add_paragraph("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi")
doc.add_paragraph("1. Tình hình triển khai: toàn huyện có 42 chứng thư số cá nhân, "
                  "6 chứng thư số tổ chức, 5 SIM PKI đang sử dụng.")
doc.add_paragraph("2. Quản lý, sử dụng: các thuê bao sử dụng chứng thư số để ký số văn bản "
                  "trên hệ thống quản lý văn bản; không có trường hợp mất thiết bị.")
doc.add_paragraph("3. Khó khăn, vướng mắc, đề xuất: đề nghị tổ chức tập huấn ký số trên "
                  "thiết bị di động.")
doc.add_paragraph("T/M HUYỆN ỦY\nCHÁNH VĂN PHÒNG")
doc.save(os.path.join(out, "Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx"))

# 10. Huyện ủy Sơn Hà: Mẫu 02, new certificates (belongs to the Cục).
doc = Document()
letterhead(doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN HÀ", "201-CV/HU",
           "Sơn Hà, ngày 30 tháng 11 năm 2026")
doc.add_paragraph("VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ\ncho các cá nhân của Cơ quan, "
                  "tổ chức quản lý trực tiếp")
doc.add_paragraph("Kính gửi: " + CUC)
t = doc.add_table(rows=1, cols=5)
t.style = "Table Grid"
for c, h in zip(t.rows[0].cells, ["TT", "Họ và tên", "Chức vụ", "Địa chỉ thư điện tử công vụ", "Số CCCD"]):
    c.text = h
cells = t.add_row().cells
for c, v in zip(cells, ["1", "Đinh Văn Hiền", "Phó Chánh Văn phòng Huyện ủy",
                        "dvhien@quangngai.dcs.vn", "051089004512"]):
    c.text = v
doc.save(os.path.join(out, "Mau 02 - HU Son Ha.docx"))

# 11. Huyện ủy Minh Long: Mẫu 12 for a SIM PKI (device number is an ICCID).
doc = Document()
letterhead(doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MINH LONG", "77-CV/HU",
           "Minh Long, ngày 01 tháng 12 năm 2026")
doc.add_paragraph("VĂN BẢN ĐỀ NGHỊ\nKHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT (SIM PKI)")
doc.add_paragraph("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi")
t = doc.add_table(rows=1, cols=5)
t.style = "Table Grid"
for c, h in zip(t.rows[0].cells, ["TT", "Họ và tên thuê bao", "Chức vụ",
                                  "Số hiệu thiết bị lưu khóa bí mật (ICCID)", "Lý do"]):
    c.text = h
cells = t.add_row().cells
for c, v in zip(cells, ["1", "Hồ Văn Đông", "Bí thư Huyện ủy", iccid("04", 9900000011),
                        "SIM PKI bị khóa do nhập sai mã PIN"]):
    c.text = v
doc.add_paragraph("Người phối hợp hỗ trợ khôi phục: đồng chí Đinh Thị Sen, "
                  "điện thoại 0914 220 331.")
doc.save(os.path.join(out, "De nghi khoi phuc SIM PKI - HU Minh Long.docx"))

# 12. Xã Bình Châu from a gmail address: a clean Word list.
sim_docx("ds sim binh chau.docx", "ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY XÃ BÌNH CHÂU",
         "Bình Châu, ngày 02 tháng 12 năm 2026",
         [("0905 888 123", iccid("01", 1212000011), "Nguyễn Hữu Phước", "Bí thư Đảng ủy xã")])

# 13. Huyện ủy Nghĩa Hành (its old address no longer exists): a list.
sim_docx("DS SIM HU Nghia Hanh.docx", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY NGHĨA HÀNH",
         "Nghĩa Hành, ngày 02 tháng 12 năm 2026",
         [("0987654102", iccid("04", 1313000011), "Trần Văn Lợi", "Bí thư Huyện ủy")])
print("docs in", out)
# 14. Sơn Tịnh, a second list: one row already requested, one new.
sim_docx("DS bo sung HU Son Tinh.docx", *HDR_ST,
         [st_fixed[0], ("0935 777 888", iccid("01", 1414000011), "Võ Thị Hạnh", "Phó Bí thư Huyện ủy")])
