#!/usr/bin/python3
"""make-blind.py OUTDIR — writes OUTDIR/NN-name.eml and OUTDIR/NN-name.expect.json.

Blind set 4: mail as units of the Quảng Ngãi party system and their mail
clients really send it, judged under hotrocks' DEFAULT configuration
(require_signature on; every document here is unsigned).  Expectations were
written from letter 1871-CV/VPTU, DOMAIN.md and CONTRACT.md only; see
README.md for the reasoning behind each one.

Needs python3-docx and python3-openpyxl (run with /usr/bin/python3).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docs  # noqa: E402
import mail  # noqa: E402

TO = "HotroCKS@quangngai.dcs.vn"
TO_N = "=?utf-8?B?SOG7lyB0cuG7oyBDS1M=?= <HotroCKS@quangngai.dcs.vn>"   # "Hỗ trợ CKS"
TINH = "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
CUC = "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
VPTU = "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"
TITLE_SIM = ["DANH SÁCH", "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"]
HDR = ["TT", "Số điện thoại\n(sdt dấu số bên nhà mạng)", "Số ICCID", "Họ và tên người dùng\n(chủ thuê bao)",
       "Chức vụ\n(Chức vụ hiện tại)"]
HDR_SHORT = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"]
NOTE = ["Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM."]


# ---------------------------------------------------------------- numbers
def luhn(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def iccid(issuer, n, country="84"):
    body = "89" + country + issuer + "%012d" % n
    return body + luhn(body)


def bad_luhn(ic):
    return ic[:-1] + str((int(ic[-1]) + 3) % 10)


def grouped(ic, n=4, sep=" "):
    return sep.join(ic[i:i + n] for i in range(0, len(ic), n))


VT, VN, MB = "04", "02", "01"   # Viettel, VinaPhone, MobiFone issuer codes


# ---------------------------------------------------------------- expectations
def row(errors=(), warnings=(), oe=(), ow=()):
    return {"errors": list(errors), "warnings": list(warnings),
            "optional_errors": list(oe), "optional_warnings": list(ow)}


CLEAN = row()


def doc(filename, kind, fmt, errors=(), warnings=(), rows="any", oe=(), ow=()):
    return {"filename": filename, "kind": kind, "format": fmt, "errors": list(errors), "warnings": list(warnings),
            "optional_errors": list(oe), "optional_warnings": list(ow), "rows": rows}


def sim_list_doc(filename, fmt, rows, extra_errors=(), oe=()):
    return doc(filename, "sim_activation", fmt, ["signature_missing"] + list(extra_errors), rows=rows, oe=oe)


CASES = []


def case(name, eml, kind, action, errors=(), documents=(), warnings=(), oe=(), why=""):
    CASES.append((name, eml, {"kind": kind, "action": action,
                              "errors": list(errors) if errors != "any" else "any",
                              "warnings": list(warnings) if warnings != "any" else "any",
                              "optional_errors": ["sender_not_registered"] + list(oe),
                              "optional_warnings": [],
                              "documents": documents if documents == "any" else list(documents),
                              "why": why}))


def date(d, hms, tz="+0700"):
    return "%s, %s May 2024 %s %s" % ({6: "Mon", 7: "Tue", 8: "Wed", 9: "Thu", 10: "Fri", 13: "Mon", 14: "Tue", 15: "Wed"}[d],
                                      "%02d" % d, hms, tz)


def sim_word(org, place, rows, parent=TINH, kinh=CUC, header=HDR, **kw):
    table = [header] + rows
    return docs.word(parent, org, "%s, ngày 08 tháng 5 năm 2024" % place, TITLE_SIM, kinh,
                     [], table, after=NOTE, **kw)


def sim_excel(org, place, rows, parent=TINH, kinh=CUC, header=HDR_SHORT, **kw):
    return docs.excel(parent, org, "%s, ngày 07 tháng 5 năm 2024" % place, TITLE_SIM, kinh, header, rows,
                      after=NOTE, **kw)


BODY_SIM = ("Kính gửi: Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy\n\n"
            "%s gửi danh sách đề nghị kích hoạt SIM ký số (file mềm theo Phụ lục 3, Công văn số "
            "1871-CV/VPTU ngày 16/4/2024) để Văn phòng Tỉnh ủy hỗ trợ, chuyển Cục Chứng thực số và "
            "Bảo mật thông tin.\n\nTrân trọng./.\n\n%s\nĐT: %s")


def build():
    # ================================================================ SIM activation lists
    # 01 Outlook, DOCX, good: phones in every form
    r01 = [["1", "0982.345.678", iccid(VT, 231000111), "Trần Quang Vinh", "Bí thư Huyện ủy"],
           ["2", "+84 912 345 678", iccid(VN, 310000222), "Lê Thị Hồng Nhung", "Phó Bí thư Thường trực Huyện ủy"],
           ["3", "0905 110 998", iccid(MB, 120000333), "Phạm Minh Đức", "Chánh Văn phòng Huyện ủy"],
           ["4", "84963112233", iccid(VT, 231000444), "Võ Thanh Hải", "Trưởng Ban Tổ chức Huyện ủy"]]
    f01 = "Danh sach de nghi kich hoat SIM ky so - HU Son Tinh.docx"
    d01 = sim_word("HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh", r01, so="Số 215-CV/HU")
    text01 = BODY_SIM % ("Huyện ủy Sơn Tịnh", "Văn phòng Huyện ủy Sơn Tịnh", "0255 3842 118")
    case("01-outlook-sim-docx-good",
         mail.outlook('"Văn phòng Huyện ủy Sơn Tịnh" <vanphong.husontinh@quangngai.dcs.vn>'.replace(
             "Văn phòng Huyện ủy Sơn Tịnh", mail.ew_b("Văn phòng Huyện ủy Sơn Tịnh")).replace('"', ''),
             TO_N, "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh", date(8, "08:12:40"),
             "<000a01da9f41$2b7c3e90$8274bbb0$@quangngai.dcs.vn>", text01, [(f01, d01)]),
         "sim_activation", "reject", documents=[sim_list_doc(f01, "docx", [CLEAN] * 4)])

    # 02 Thunderbird, XLSX with a long RFC 2231 name; phones as numbers (leading zero lost)
    r02 = [[1, 982111222, iccid(VT, 231000501), "Nguyễn Thị Thu Hà", "Phó Bí thư Huyện ủy"],
           [2, 943556677, iccid(VN, 310000502), "Đặng Văn Lộc", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"],
           [3, "0335 678 901", iccid(VT, 231000503), "Huỳnh Tấn Phát", "Trưởng Ban Tuyên giáo Huyện ủy"]]
    f02 = "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Bình Sơn (đợt 2 năm 2024).xlsx"
    case("02-thunderbird-sim-xlsx-rfc2231",
         mail.thunderbird("Van phong Huyen uy Binh Son <vp.hubinhson@quangngai.dcs.vn>", TO,
                          "Đề nghị kích hoạt SIM ký số (đợt 2)", date(7, "15:40:03"),
                          "<7c1e0b2a-4f5d-4a3e-9c11-2b3d4e5f6a70@quangngai.dcs.vn>",
                          BODY_SIM % ("Huyện ủy Bình Sơn", "Văn phòng Huyện ủy Bình Sơn", "0255 3851 207") +
                          "\n\nDanh sách gồm 03 đồng chí, số điện thoại đã được nhà mạng hòa mạng thành công.",
                          [(f02, sim_excel("HUYỆN ỦY BÌNH SƠN", "Bình Sơn", r02))]),
         "sim_activation", "reject", documents=[sim_list_doc(f02, "xlsx", [CLEAN] * 3)])

    # 03 Gmail web, DOCX, the form's example rows left in
    ex = dict(oe=["iccid_invalid", "iccid_checksum", "iccid_not_vietnam"],
              ow=["position_not_eligible", "phone_carrier_mismatch"])
    r03 = [["1", "0982345678", "898402310932010...", "Nguyễn Văn A", "Trưởng phòng CNTT"],
           ["2", "0918765432", "796303120012090...", "Trần Văn B", "Phó trưởng phòng CNTT"],
           ["3", "0977 245 318", iccid(VT, 231000601), "Lương Văn Sáu", "Bí thư Thị ủy"],
           ["4", "0914 552 730", iccid(VN, 310000602), "Tạ Thị Kim Oanh", "Phó Bí thư Thị ủy"]]
    f03 = "Phụ lục 3 - Thị ủy Đức Phổ.docx"
    case("03-gmail-sim-example-rows",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgVGjhu4sg4buneSDEkOG7qWMgUGjhu5U=?= <vanphong.tuducpho@quangngai.dcs.vn>",
                    TO, "Đề nghị kích hoạt SIM ký số - Thị ủy Đức Phổ", date(8, "10:05:11"),
                    "<CAK7vZ1q0sW9x=Hq3mB4nP2rT5uY8iO1aS6dF0gH9jK@mail.gmail.com>",
                    BODY_SIM % ("Thị ủy Đức Phổ", "Văn phòng Thị ủy Đức Phổ", "0255 3859 011"),
                    [(f03, sim_word("THỊ ỦY ĐỨC PHỔ", "Đức Phổ", r03, header=HDR_SHORT))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f03, "docx", [row(["example_row"], **ex), row(["example_row"], **ex), CLEAN, CLEAN])])

    # 04 Zimbra, XLSX, ICCIDs stored as numbers (precision lost)
    pl = dict(oe=["iccid_checksum", "iccid_invalid"], ow=["phone_carrier_mismatch"])
    ic4 = [iccid(VT, 231012345), iccid(VN, 310067890), iccid(MB, 120054321)]
    r04 = [[1, "0868 123 456", float(ic4[0]), "Trương Công Bình", "Bí thư Thành ủy"],
           [2, "0948 765 432", float(ic4[1]), "Nguyễn Thị Lan Anh", "Phó Bí thư Thành ủy"],
           [3, "0935 246 810", float(ic4[2]), "Phan Văn Cường", "Chánh Văn phòng Thành ủy"],
           [4, "0962 135 790", iccid(VT, 231012349), "Lê Quang Thịnh", "Trưởng Ban Dân vận Thành ủy"]]
    f04 = "DS kich hoat SIM PKI - Thanh uy Quang Ngai.xlsx"
    case("04-zimbra-sim-xlsx-iccid-numbers",
         mail.zimbra("=?utf-8?Q?V=C4=83n_ph=C3=B2ng_Th=C3=A0nh_=E1=BB=A7y?= <vanphong.thanhuy@quangngai.dcs.vn>", TO,
                     "Danh sách đề nghị kích hoạt SIM ký số", date(9, "08:30:00"),
                     "<1839201745.118233.1715218200000.JavaMail.zimbra@quangngai.dcs.vn>",
                     BODY_SIM % ("Thành ủy Quảng Ngãi", "Văn phòng Thành ủy", "0255 3822 455"),
                     [(f04, sim_excel("THÀNH ỦY QUẢNG NGÃI", "Quảng Ngãi", r04))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f04, "xlsx", [row(["iccid_precision_lost"], **pl)] * 3 + [CLEAN])])

    # 05 Outlook, DOCX, ICCIDs wrong in every way
    good5 = iccid(VT, 231000701)
    r05 = [["1", "0397 112 233", good5, "Đinh Văn Thành", "Bí thư Huyện ủy"],
           ["2", "0915 443 221", bad_luhn(iccid(VN, 310000702)), "Võ Thị Mỹ Dung", "Phó Bí thư Huyện ủy"],
           ["3", "0906 551 772", iccid(MB, 120000703, country="44"), "Bùi Ngọc Ánh", "Trưởng Ban Tổ chức Huyện ủy"],
           ["4", "0988 776 655", iccid(VT, 231000704)[:18], "Cao Văn Mạnh", "Chánh Văn phòng Huyện ủy"],
           ["5", "0387 001 002", grouped(iccid(VT, 231000705), 5, "-"), "Hồ Thị Diệu", "Trưởng Ban Tuyên giáo Huyện ủy"]]
    f05 = "Danh sach kich hoat SIM - Nghia Hanh.docx"
    case("05-outlook-sim-iccid-errors",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IE5naMSpYSBIw6BuaA==?= <vanphong.hunghiahanh@quangngai.dcs.vn>",
                      TO, "V/v đề nghị kích hoạt SIM ký số", date(8, "09:44:02"),
                      "<001f01da9f4c$aa11bb22$fe33cc44$@quangngai.dcs.vn>",
                      BODY_SIM % ("Huyện ủy Nghĩa Hành", "Văn phòng Huyện ủy Nghĩa Hành", "0255 3861 345"),
                      [(f05, sim_word("HUYỆN ỦY NGHĨA HÀNH", "Nghĩa Hành", r05))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f05, "docx", [
             CLEAN,
             row(["iccid_checksum"], ow=["phone_carrier_mismatch"]),
             row(["iccid_not_vietnam"], ow=["phone_carrier_mismatch"]),
             row(["iccid_invalid"], oe=["iccid_checksum"], ow=["phone_carrier_mismatch"]),
             CLEAN])])

    # 06 Gmail, DOCX, duplicates
    ic6a, ic6b = iccid(VT, 231000801), iccid(VN, 310000802)
    r06 = [["1", "0976 334 455", ic6a, "Nguyễn Đình Trọng", "Bí thư Huyện ủy"],
           ["2", "0917 223 344", ic6b, "Phạm Thị Thanh Thủy", "Phó Bí thư Huyện ủy"],
           ["3", "0865 998 877", ic6a, "Lê Văn Tám", "Chánh Văn phòng Huyện ủy"],
           ["4", "0917.223.344", iccid(VN, 310000804), "Phạm Thị Thanh Thủy", "Phó Bí thư Huyện ủy"]]
    f06 = "Danh sách kích hoạt SIM ký số_HU Mộ Đức.docx"
    dup = dict(oe=["duplicate_row"])
    case("06-gmail-sim-duplicates",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgSFUgTeG7mSDEkOG7qWM=?= <vanphong.humoduc@quangngai.dcs.vn>", TO,
                    "Đề nghị kích hoạt SIM ký số", date(9, "14:22:51"),
                    "<CAH3q9Lr5tU1vW2xY3zA4bC5dE6fG7hI8jK9lM0nO@mail.gmail.com>",
                    BODY_SIM % ("Huyện ủy Mộ Đức", "Văn phòng Huyện ủy Mộ Đức", "0255 3845 622"),
                    [(f06, sim_word("HUYỆN ỦY MỘ ĐỨC", "Mộ Đức", r06))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f06, "docx", [row(**dup), row(**dup), row(["duplicate_row"]),
                                               row(["duplicate_row"])])])

    # 07 Thunderbird, XLSX, a name and a position missing
    r07 = [[1, "0358 221 100", iccid(VT, 231000901), "Trần Thị Bích Ngọc", "Bí thư Huyện ủy"],
           [2, "0829 334 556", iccid(VN, 310000902), "", "Phó Bí thư Huyện ủy"],
           [3, "0767 445 112", iccid(MB, 120000903), "Nguyễn Hữu Phước", ""],
           [4, "0349 887 120", iccid(VT, 231000904), "Đoàn Minh Khoa", "Trưởng Ban Dân vận Huyện ủy"]]
    f07 = "DS_SIM_HU_TuNghia.xlsx"
    case("07-thunderbird-sim-name-position-missing",
         mail.thunderbird("Huyen uy Tu Nghia <vanphong.hutunghia@quangngai.dcs.vn>", TO,
                          "Danh sách đề nghị kích hoạt SIM ký số", date(10, "07:58:19"),
                          "<b2c4d6e8-1a3b-4c5d-8e9f-0a1b2c3d4e5f@quangngai.dcs.vn>",
                          BODY_SIM % ("Huyện ủy Tư Nghĩa", "Văn phòng Huyện ủy Tư Nghĩa", "0255 3844 203"),
                          [(f07, sim_excel("HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa", r07))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f07, "xlsx", [CLEAN, row(["name_missing"]),
                                               row(["position_missing"], ow=["position_not_eligible"]), CLEAN])])

    # 08 Outlook, DOCX, extra Email and Ghi chú columns; one gmail address
    h08 = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ", "Email", "Ghi chú"]
    r08 = [["1", "0905 667 788", iccid(MB, 120001001), "A Lăng Thị Hoa", "Bí thư Huyện ủy",
            "alangthihoa@quangngai.dcs.vn", "Đã hòa mạng 06/5/2024"],
           ["2", "0385 443 221", iccid(VT, 231001002), "Phạm Văn Rin", "Phó Bí thư Thường trực Huyện ủy",
            "phamvanrin.hubato@quangngai.dcs.vn", ""],
           ["3", "0836 221 009", iccid(VN, 310001003), "Đinh Thị Lệ", "Trưởng Ban Tổ chức Huyện ủy",
            "dinhthile.bato@gmail.com", "Số mới"]]
    f08 = "DS SIM ky so Ba To.docx"
    case("08-outlook-sim-extra-columns",
         mail.outlook("=?utf-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IEJhIFTGoQ==?= <vanphong.hubato@quangngai.dcs.vn>",
                      TO, "Gửi danh sách kích hoạt SIM ký số", date(10, "10:15:37"),
                      "<002301daa2b7$c1d2e3f4$45a6b7c8$@quangngai.dcs.vn>",
                      BODY_SIM % ("Huyện ủy Ba Tơ", "Văn phòng Huyện ủy Ba Tơ", "0255 3863 150"),
                      [(f08, sim_word("HUYỆN ỦY BA TƠ", "Ba Tơ", r08, header=h08))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f08, "docx", [CLEAN, CLEAN, row(["email_public_domain"])])])

    # 09 Zimbra, XLSX, merged two-row header
    h09 = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"]
    top09 = ["TT", "Thông tin SIM PKI", "", "Người sử dụng", ""]
    r09 = [[1, "0392 118 227", iccid(VT, 231001101), "Hồ Văn Lịch", "Bí thư Huyện ủy"],
           [2, "0889 556 123", iccid(VN, 310001102), "Đỗ Thị Thu Trang", "Phó Bí thư Huyện ủy"],
           [3, "0792 334 887", iccid(MB, 120001103), "Lê Đình Quý", "Chủ tịch Ủy ban MTTQ Việt Nam huyện"]]
    f09 = "Danh sach SIM PKI - Tra Bong.xlsx"
    case("09-zimbra-sim-xlsx-merged-header",
         mail.zimbra("=?utf-8?Q?VP_Huy=E1=BB=87n_=E1=BB=A7y_Tr=C3=A0_B=E1=BB=93ng?= <vanphong.hutrabong@quangngai.dcs.vn>",
                     TO, "Đề nghị kích hoạt SIM ký số Huyện ủy Trà Bồng", date(13, "08:05:44"),
                     "<22671930.40211.1715562344812.JavaMail.zimbra@quangngai.dcs.vn>",
                     BODY_SIM % ("Huyện ủy Trà Bồng", "Văn phòng Huyện ủy Trà Bồng", "0255 3866 211"),
                     [(f09, sim_excel("HUYỆN ỦY TRÀ BỒNG", "Trà Bồng", r09, header=h09, merged_top=(top09, [(1, 2), (3, 4)])))]),
         "sim_activation", "reject", documents=[sim_list_doc(f09, "xlsx", [CLEAN] * 3)])

    # 10 Gmail, DOCX, reordered columns
    h10 = ["STT", "Họ và tên", "Chức vụ", "Số điện thoại", "Số ICCID (ghi trên thẻ SIM)"]
    r10 = [["1", "Đinh Văn Tuấn", "Bí thư Huyện ủy", "0977 001 122", iccid(VT, 231001201)],
           ["2", "Đinh Thị Mai", "Phó Bí thư Huyện ủy", "0886 223 344", iccid(VN, 310001202)],
           ["3", "Phạm Văn Hà", "Chánh Văn phòng Huyện ủy", "0777 556 990", iccid(MB, 120001203)]]
    f10 = "Danh sách đề nghị kích hoạt SIM - HU Sơn Hà.docx"
    case("10-gmail-sim-reordered-columns",
         mail.gmail("=?UTF-8?B?SHV54buHbiDhu6d5IFPGoW4gSMOg?= <vanphong.husonha@quangngai.dcs.vn>", TO,
                    "Danh sách đề nghị kích hoạt SIM ký số", date(13, "09:12:03"),
                    "<CAF9xY2zA3bC4dE5fG6hI7jK8lM9nO0pQ1rS2tU3vW@mail.gmail.com>",
                    BODY_SIM % ("Huyện ủy Sơn Hà", "Văn phòng Huyện ủy Sơn Hà", "0255 3865 101"),
                    [(f10, sim_word("HUYỆN ỦY SƠN HÀ", "Sơn Hà", [r for r in r10], header=h10))]),
         "sim_activation", "reject", documents=[sim_list_doc(f10, "docx", [CLEAN] * 3)])

    # 11 Outlook, DOCX, phones: pre-2018, carrier mismatch, invalid
    r11 = [["1", "01682 345 678", iccid(VT, 231001301), "Đinh Công Trứ", "Bí thư Huyện ủy"],
           ["2", "0912 777 888", iccid(VT, 231001302), "Phạm Thị Xuân", "Phó Bí thư Huyện ủy"],
           ["3", "0255 3822 123", iccid(VN, 310001303), "Lê Văn Nghĩa", "Chánh Văn phòng Huyện ủy"],
           ["4", "090511099", iccid(MB, 120001304), "Ngô Thị Hạnh", "Trưởng Ban Tổ chức Huyện ủy"],
           ["5", "0123 4567 890", iccid(VN, 310001305), "Đặng Quốc Bảo", "Trưởng Ban Tuyên giáo Huyện ủy"]]
    f11 = "DS kich hoat SIM - HU Minh Long.docx"
    case("11-outlook-sim-phone-forms",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IE1pbmggTG9uZw==?= <vanphong.huminhlong@quangngai.dcs.vn>", TO,
                      "Danh sách đề nghị kích hoạt SIM ký số", date(13, "10:40:09"),
                      "<003a01daa4f0$11223344$55667788$@quangngai.dcs.vn>",
                      BODY_SIM % ("Huyện ủy Minh Long", "Văn phòng Huyện ủy Minh Long", "0255 3867 099"),
                      [(f11, sim_word("HUYỆN ỦY MINH LONG", "Minh Long", r11))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f11, "docx", [
             row(warnings=["phone_old_format"]),
             row(warnings=["phone_carrier_mismatch"]),
             row(["phone_invalid"], ow=["phone_carrier_mismatch"]),
             row(["phone_invalid"], ow=["phone_carrier_mismatch"]),
             row(warnings=["phone_old_format"])])])

    # 12 Thunderbird, DOCX, the list addressed to VPTU instead of the Cục
    r12 = [["1", "0978 556 112", iccid(VT, 231001401), "Phạm Thị Lệ Thu", "Bí thư Huyện ủy"],
           ["2", "0763 221 448", iccid(MB, 120001402), "Trần Văn Hiền", "Phó Bí thư Huyện ủy"]]
    f12 = "DS_KichHoat_SIM_LySon.docx"
    case("12-thunderbird-sim-addressed-to-vptu",
         mail.thunderbird("Huyen uy Ly Son <vanphong.hulyson@quangngai.dcs.vn>", TO,
                          "Đề nghị kích hoạt SIM ký số", date(13, "13:30:27"),
                          "<9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a@quangngai.dcs.vn>",
                          BODY_SIM % ("Huyện ủy Lý Sơn", "Văn phòng Huyện ủy Lý Sơn", "0255 3867 456"),
                          [(f12, sim_word("HUYỆN ỦY LÝ SƠN", "Lý Sơn", r12, kinh=VPTU))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f12, "docx", [CLEAN, CLEAN], extra_errors=["wrong_addressee"])])

    # 13 Zimbra, DOCX, commune; ICCIDs typed in groups; a clerk who is not a leader
    r13 = [["1", "0398 221 554", grouped(iccid(VT, 231001501)), "Nguyễn Văn Thạnh", "Bí thư Đảng ủy xã"],
           ["2", "0947 332 116", grouped(iccid(VN, 310001502)), "Trần Thị Mỹ Lệ", "Phó Bí thư Đảng ủy xã"],
           ["3", "0386 118 009", grouped(iccid(VT, 231001503)), "Lê Thị Hoài", "Chuyên viên Văn phòng Đảng ủy"]]
    f13 = "Danh sach kich hoat SIM - DU xa Tinh Phong.docx"
    case("13-zimbra-sim-commune-grouped-iccid",
         mail.zimbra("=?utf-8?Q?=C4=90=E1=BA=A3ng_=E1=BB=A7y_x=C3=A3_T=E1=BB=8Bnh_Phong?= <dangu.tinhphong@quangngai.dcs.vn>",
                     TO, "Danh sách đề nghị kích hoạt SIM ký số", date(14, "08:20:15"),
                     "<601118422.50012.1715649615221.JavaMail.zimbra@quangngai.dcs.vn>",
                     BODY_SIM % ("Đảng ủy xã Tịnh Phong", "Văn phòng Đảng ủy xã Tịnh Phong", "0255 3670 111"),
                     [(f13, sim_word("ĐẢNG ỦY XÃ TỊNH PHONG", "Tịnh Phong", r13, parent="ĐẢNG BỘ HUYỆN SƠN TỊNH",
                                     signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Thạnh")))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f13, "docx", [CLEAN, CLEAN, row(warnings=["position_not_eligible"])])])

    # 14 iPhone Mail, XLSX inline
    r14 = [[1, "0906 332 114", iccid(MB, 120001601), "Võ Văn Trí", "Bí thư Đảng ủy xã"],
           [2, "0978 121 343", iccid(VT, 231001602), "Huỳnh Thị Ngọc", "Phó Bí thư Đảng ủy xã"]]
    f14 = "DS SIM ký số xã Bình Châu.xlsx"
    case("14-iphone-sim-inline-xlsx",
         mail.iphone("=?utf-8?Q?=C4=90U_x=C3=A3_B=C3=ACnh_Ch=C3=A2u?= <dangu.binhchau@quangngai.dcs.vn>", TO,
                     "Danh sách kích hoạt SIM ký số", date(14, "19:02:44"),
                     "<A1B2C3D4-E5F6-4789-ABCD-EF0123456789@quangngai.dcs.vn>",
                     "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy xã Bình Châu gửi danh sách đề nghị kích hoạt SIM ký số.\n\n"
                     "Được gửi từ iPhone của tôi",
                     [(f14, sim_excel("ĐẢNG ỦY XÃ BÌNH CHÂU", "Bình Châu", r14, parent="ĐẢNG BỘ HUYỆN BÌNH SƠN"))]),
         "sim_activation", "reject", documents=[sim_list_doc(f14, "xlsx", [CLEAN, CLEAN])])

    # 15 Android Gmail, from a gmail.com address
    r15 = [["1", "0352 661 234", iccid(VT, 231001701), "Nguyễn Tấn Lực", "Phó Bí thư Huyện ủy"],
           ["2", "0899 123 567", iccid(MB, 120001702), "Trần Thị Ánh Tuyết", "Trưởng Ban Dân vận Huyện ủy"]]
    f15 = "DS SIM ky so.docx"
    case("15-android-gmail-public-sender",
         mail.gmail("=?UTF-8?B?TmfDtCBUaOG7iyBUaHUgSMOg?= <ngothithuha.tn@gmail.com>", TO,
                    "Danh sách kích hoạt SIM ký số Huyện ủy Tư Nghĩa", date(14, "21:17:05"),
                    "<CAPz8Rq0T1uV2wX3yZ4aB5cD6eF7gH8iJ9kL0mN1oP@mail.gmail.com>",
                    "Em gửi danh sách đề nghị kích hoạt SIM ký số của Huyện ủy Tư Nghĩa ạ.\n\nGửi từ điện thoại Android",
                    [(f15, sim_word("HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa", r15))], android=True),
         "sim_activation", "reject", errors=["sender_public_domain"],
         documents=[sim_list_doc(f15, "docx", [CLEAN, CLEAN])])

    # 16 yahoo.com.vn sender, XLSX
    r16 = [[1, 914667221, iccid(VN, 310001801), "Lê Văn Bảy", "Bí thư Đảng ủy Khối"],
           [2, 382119004, iccid(VT, 231001802), "Phan Thị Hương", "Phó Bí thư Thường trực Đảng ủy Khối"]]
    f16 = "Danh sach kich hoat SIM - DUK.xlsx"
    case("16-yahoo-sender-xlsx",
         mail.thunderbird("Phan Huong <phanhuong_duk@yahoo.com.vn>", TO, "DS kich hoat SIM ky so",
                          date(15, "07:45:33"), "<1944388120.2231451.1715733933@mail.yahoo.com>",
                          "Kính gửi Văn phòng Tỉnh ủy, Đảng ủy Khối gửi danh sách kích hoạt SIM ký số.",
                          [(f16, sim_excel("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "Quảng Ngãi", r16))]),
         "sim_activation", "reject", errors=["sender_public_domain"],
         documents=[sim_list_doc(f16, "xlsx", [CLEAN, CLEAN])])

    # 17 Gmail inline forward: district office forwards a commune's list
    r17 = [["1", "0903 115 226", iccid(MB, 120001901), "Lê Thanh Tùng", "Bí thư Đảng ủy xã"],
           ["2", "0335 220 118", iccid(VT, 231001902), "Nguyễn Thị Sen", "Phó Bí thư Đảng ủy xã"]]
    f17 = "Danh sách đề nghị kích hoạt SIM - xã Tịnh Hà.docx"
    fwd17 = ("Chuyển Văn phòng Tỉnh ủy danh sách của Đảng ủy xã Tịnh Hà.\n\n"
             "---------- Forwarded message ---------\n"
             "From: Đảng ủy xã Tịnh Hà <dangu.tinhha@quangngai.dcs.vn>\n"
             "Date: Th 3, 14 thg 5, 2024 vào lúc 16:02\n"
             "Subject: Danh sách đề nghị kích hoạt SIM ký số\n"
             "To: <vanphong.husontinh@quangngai.dcs.vn>\n\n"
             "Kính gửi Văn phòng Huyện ủy, Đảng ủy xã Tịnh Hà gửi danh sách đề nghị kích hoạt SIM ký số.\n")
    case("17-gmail-forward-inline",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IFPGoW4gVOG7i25o?= <vanphong.husontinh@quangngai.dcs.vn>",
                    TO, "Fwd: Danh sách đề nghị kích hoạt SIM ký số", date(15, "08:10:26"),
                    "<CAB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3a@mail.gmail.com>", fwd17,
                    [(f17, sim_word("ĐẢNG ỦY XÃ TỊNH HÀ", "Tịnh Hà", r17, parent="ĐẢNG BỘ HUYỆN SƠN TỊNH",
                                    signer=("T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Thanh Tùng")))]),
         "sim_activation", "reject", documents=[sim_list_doc(f17, "docx", [CLEAN, CLEAN])])

    # 18 Thunderbird "Forward as attachment": the commune's Outlook mail as message/rfc822
    r18 = [[1, "0934 770 112", iccid(MB, 120002001), "Trịnh Văn Lâm", "Bí thư Đảng ủy thị trấn"],
           [2, "0868 551 203", iccid(VT, 231002002), "Võ Thị Thu", "Phó Bí thư Đảng ủy thị trấn"]]
    f18 = "DS SIM ky so - TT Cho Chua.xlsx"
    inner18 = mail.outlook("=?utf-8?B?xJDhuqNuZyDhu6d5IHRo4buLIHRy4bqlbiBDaOG7oyBDaMO5YQ==?= <dangu.chochua@quangngai.dcs.vn>",
                           "vanphong.hunghiahanh@quangngai.dcs.vn", "Danh sách đề nghị kích hoạt SIM ký số",
                           date(14, "15:20:00"), "<004101daa5c2$0a0b0c0d$0e0f1011$@quangngai.dcs.vn>",
                           "Kính gửi Văn phòng Huyện ủy Nghĩa Hành,\nĐảng ủy thị trấn Chợ Chùa gửi danh sách đề nghị kích hoạt SIM ký số.",
                           [(f18, sim_excel("ĐẢNG ỦY THỊ TRẤN CHỢ CHÙA", "Chợ Chùa", r18, parent="ĐẢNG BỘ HUYỆN NGHĨA HÀNH"))])
    case("18-thunderbird-forward-as-attachment",
         mail.thunderbird("Van phong Huyen uy Nghia Hanh <vanphong.hunghiahanh@quangngai.dcs.vn>", TO,
                          "Fwd: Danh sách đề nghị kích hoạt SIM ký số", date(15, "09:01:12"),
                          "<3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7@quangngai.dcs.vn>",
                          "Văn phòng Huyện ủy Nghĩa Hành chuyển thư của Đảng ủy thị trấn Chợ Chùa (đính kèm).",
                          [("Danh sách đề nghị kích hoạt SIM ký số.eml", inner18)]),
         "sim_activation", "reject", documents=[sim_list_doc(f18, "xlsx", [CLEAN, CLEAN])])

    # 19 Outlook reply to our acknowledgement, no attachment
    text19 = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Tịnh đã gửi danh sách ngày 08/5/2024, đến nay các "
              "đồng chí vẫn chưa xác thực được trên cms.ca.gov.vn. Đề nghị Văn phòng cho biết tình hình xử lý.\n\n"
              "Trân trọng.\n\n-----Original Message-----\nFrom: HotroCKS@quangngai.dcs.vn\nSent: Wednesday, May 8, 2024 8:20 AM\n"
              "Subject: [HT-2024-000012] Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh\n\n"
              "> Văn phòng Tỉnh ủy đã nhận danh sách đề nghị kích hoạt SIM ký số của Huyện ủy Sơn Tịnh (04 thuê bao).\n")
    case("19-outlook-reply-to-acknowledgement",
         mail.outlook("=?utf-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IFPGoW4gVOG7i25o?= <vanphong.husontinh@quangngai.dcs.vn>",
                      TO, "RE: [HT-2024-000012] Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh",
                      date(15, "10:30:45"), "<004c01daa662$77889900$aabbccdd$@quangngai.dcs.vn>", text19, [],
                      extra=[("In-Reply-To", "<HT-2024-000012.ack@quangngai.dcs.vn>"),
                             ("References", "<000a01da9f41$2b7c3e90$8274bbb0$@quangngai.dcs.vn> <HT-2024-000012.ack@quangngai.dcs.vn>")]),
         "unknown", "manual", errors=["no_documents"], documents=[])

    # 20 the same list as 01, sent again
    case("20-outlook-resend-same-list",
         mail.outlook("=?utf-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IFPGoW4gVOG7i25o?= <vanphong.husontinh@quangngai.dcs.vn>",
                      TO_N, "Gửi lại: Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh", date(14, "16:45:00"),
                      "<004501daa5e1$5a6b7c8d$9eafb0c1$@quangngai.dcs.vn>",
                      "Huyện ủy Sơn Tịnh gửi lại danh sách (đã gửi ngày 08/5/2024) do chưa nhận được phản hồi.", [(f01, d01)]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f01, "docx", [row(oe=["already_requested"])] * 4)])

    # 21 Gmail, body only, no table
    text21 = ("Kính gửi đồng chí Nga,\n\nĐồng chí Trần Văn Thắng, Bí thư Đảng ủy xã Nghĩa Kỳ, số điện thoại "
              "0988 223 556 đã hòa mạng SIM ký số hôm qua. Đề nghị Văn phòng kích hoạt giúp. File danh sách em gửi sau ạ.\n\nCảm ơn chị.")
    case("21-gmail-body-only",
         mail.gmail(mail.ew_b("Đảng ủy xã Nghĩa Kỳ") + " <dangu.nghiaky@quangngai.dcs.vn>", TO,
                    "Nhờ kích hoạt SIM ký số", date(15, "11:02:33"),
                    "<CAM5nO6pQ7rS8tU9vW0xY1zA2bC3dE4fG5hI6jK7lM@mail.gmail.com>", text21, []),
         "unknown", "manual", errors=["no_documents"], documents=[])

    # 22 Gmail, the list pasted into the HTML body as a table
    r22 = [("1", "0979 335 227", iccid(VT, 231002201), "Phạm Văn Lợi", "Bí thư Đảng ủy xã"),
           ("2", "0918 554 220", iccid(VN, 310002202), "Nguyễn Thị Kiều", "Phó Bí thư Đảng ủy xã")]
    cells = lambda r, tag="td": "".join('<%s style="border:1px solid #000;padding:2px 5px">%s</%s>' % (tag, c, tag) for c in r)  # noqa: E731
    html22 = ('<div dir="ltr"><div>Kính gửi Văn phòng Tỉnh ủy,</div><div>Đảng ủy xã Nghĩa Điền gửi danh sách đề nghị kích hoạt SIM ký số:</div><br>'
              '<div align="center"><b>DANH SÁCH<br>ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ</b></div>'
              '<div align="center">Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ</div>'
              '<table style="border-collapse:collapse" border="1" cellspacing="0"><tbody><tr>' +
              cells(HDR_SHORT, "td") + "</tr>" + "".join("<tr>%s</tr>" % cells(r) for r in r22) +
              '</tbody></table><br><div>Trân trọng.</div><div>-- <br>Văn phòng Đảng ủy xã Nghĩa Điền</div></div>')
    text22 = ("Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy xã Nghĩa Điền gửi danh sách đề nghị kích hoạt SIM ký số:\n\n"
              "DANH SÁCH\nĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ\n" + "\n".join("\t".join(r) for r in [tuple(HDR_SHORT)] + r22) + "\n\nTrân trọng.")
    case("22-gmail-list-in-html-body",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgxJDhuqNuZyDhu6d5IHjDoyBOZ2jEqWEgxJBp4buBbg==?= <dangu.nghiadien@quangngai.dcs.vn>",
                    TO, "Danh sách đề nghị kích hoạt SIM ký số - xã Nghĩa Điền", date(15, "14:40:10"),
                    "<CAE2fG3hI4jK5lM6nO7pQ8rS9tU0vW1xY2zA3bC4dE@mail.gmail.com>", text22, [], html=html22),
         "sim_activation", "reject",
         documents=[dict(sim_list_doc(None, "body", [CLEAN, CLEAN]))])

    # 23 Outlook, the list only as a PDF
    r23 = [("1", "0905 221 889", iccid(MB, 120002301), "Huỳnh Văn Sáu", "Bí thư Huyện ủy"),
           ("2", "0973 665 441", iccid(VT, 231002302), "Lê Thị Mỹ Hạnh", "Phó Bí thư Huyện ủy")]
    pdf23 = docs.pdf([TINH + "                    ĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY MỘ ĐỨC",
                      "*                    Mộ Đức, ngày 10 tháng 5 năm 2024", "", "DANH SÁCH",
                      "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", CUC, "",
                      "TT   Số điện thoại   Số ICCID   Họ và tên người dùng   Chức vụ"] +
                     ["   ".join(r) for r in r23] + ["", NOTE[0]])
    f23 = "Danh sach kich hoat SIM - HU Mo Duc.pdf"
    case("23-outlook-sim-pdf-only",
         mail.outlook("=?utf-8?B?VsSDbiBwaMOybmcgSFUgTeG7mSDEkOG7qWM=?= <vanphong.humoduc@quangngai.dcs.vn>", TO,
                      "Danh sách đề nghị kích hoạt SIM ký số", date(10, "15:05:55"),
                      "<002901daa2d9$13579bdf$2468ace0$@quangngai.dcs.vn>",
                      BODY_SIM % ("Huyện ủy Mộ Đức", "Văn phòng Huyện ủy Mộ Đức", "0255 3845 622"), [(f23, pdf23)]),
         "sim_activation", "manual",
         documents=[doc(f23, "sim_activation", "pdf", ["soft_file_missing"], oe=["signature_missing"])])

    # 24 Outlook, Word 97 .doc
    f24 = "Danh sach de nghi kich hoat SIM.doc"
    case("24-outlook-legacy-doc",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IEJhIFTGoQ==?= <vanphong.hubato@quangngai.dcs.vn>", TO,
                      "Danh sách đề nghị kích hoạt SIM ký số", date(9, "16:20:41"),
                      "<001d01daa1f0$aabbccdd$eeff0011$@quangngai.dcs.vn>",
                      BODY_SIM % ("Huyện ủy Ba Tơ", "Văn phòng Huyện ủy Ba Tơ", "0255 3863 150"), [(f24, docs.ole2())]),
         "any", "manual",
         documents=[doc(f24, "any", "doc", ["document_unreadable"], oe=["signature_missing"])])

    # 25 Gmail, password-protected XLSX (an OLE2 EncryptedPackage), password in the body
    f25 = "DS SIM ky so (co mat khau).xlsx"
    case("25-gmail-encrypted-xlsx",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IFRyw6AgQuG7k25n?= <vanphong.hutrabong@quangngai.dcs.vn>", TO,
                    "Danh sách kích hoạt SIM ký số (file có mật khẩu)", date(14, "09:33:17"),
                    "<CAJ0kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0eF1gH2iJ@mail.gmail.com>",
                    "Kính gửi Văn phòng Tỉnh ủy, file danh sách có đặt mật khẩu, mật khẩu mở file: 1871 .\n\nTrân trọng.",
                    [(f25, docs.ole2(tag=b"EncryptedPackage"))]),
         "any", "manual",
         documents=[doc(f25, "any", ["xlsx", "other"], ["document_unreadable"], oe=["signature_missing"])])

    # 26 Zimbra, a DOCX cut off in transit
    f26 = "Danh sach kich hoat SIM - Binh Son.docx"
    case("26-zimbra-truncated-docx",
         mail.zimbra("=?utf-8?Q?VP_Huy=E1=BB=87n_=E1=BB=A7y_B=C3=ACnh_S=C6=A1n?= <vp.hubinhson@quangngai.dcs.vn>", TO,
                     "Danh sách đề nghị kích hoạt SIM ký số", date(13, "16:01:02"),
                     "<801223344.60011.1715590862000.JavaMail.zimbra@quangngai.dcs.vn>",
                     BODY_SIM % ("Huyện ủy Bình Sơn", "Văn phòng Huyện ủy Bình Sơn", "0255 3851 207"),
                     [(f26, docs.truncated(d01))]),
         "any", "manual",
         documents=[doc(f26, "any", "docx", ["document_unreadable"], oe=["signature_missing"])])

    # ================================================================ never answered
    # 27 Outlook out-of-office, recognisable only by its subject and X-Auto-Response-Suppress
    case("27-outlook-auto-reply-subject",
         mail.raw([("From", "=?utf-8?B?TMOqIFbEg24gSMO5bmc=?= <levanhung@quangngai.dcs.vn>"), ("To", TO),
                   ("Subject", mail.ew_b("Trả lời tự động: [HT-2024-000031] Đề nghị khôi phục thiết bị lưu khóa bí mật")),
                   ("Date", date(9, "08:00:12")), ("Message-ID", "<oof.7f3a9b@quangngai.dcs.vn>"),
                   ("In-Reply-To", "<HT-2024-000031.ack@quangngai.dcs.vn>"),
                   ("X-Auto-Response-Suppress", "All"), ("X-MS-Exchange-Inbox-Rules-Loop", "levanhung@quangngai.dcs.vn")],
                  "Tôi đang đi công tác từ ngày 08/5/2024 đến ngày 12/5/2024. Việc gấp xin liên hệ 0914 223 447."),
         "auto_reply", "ignore", documents=[])

    # 28 Zimbra vacation reply with Auto-Submitted
    case("28-zimbra-vacation-auto-submitted",
         mail.raw([("From", "=?utf-8?Q?Tr=E1=BA=A7n_Th=E1=BB=8B_Mai?= <tranthimai@quangngai.dcs.vn>"), ("To", TO),
                   ("Subject", mail.ew_q("Thông báo vắng mặt")), ("Date", date(9, "08:01:30")),
                   ("Message-ID", "<1122334455.1.1715216490.JavaMail.zimbra@quangngai.dcs.vn>"),
                   ("Auto-Submitted", "auto-replied (zimbra; vacation)"), ("Precedence", "bulk")],
                  "Tôi nghỉ phép đến hết ngày 13/5/2024."),
         "auto_reply", "ignore", documents=[])

    # 29 a mailing-list newsletter
    case("29-mailing-list-newsletter",
         mail.raw([("From", "=?utf-8?B?QuG6o24gdGluIENodXnhu4NuIMSR4buVaSBz4buR?= <bantin@lists.quangngai.gov.vn>"),
                   ("To", "ds-cntt@lists.quangngai.gov.vn"), ("Subject", mail.ew_b("Bản tin chuyển đổi số số 05/2024")),
                   ("Date", date(10, "06:00:00")), ("Message-ID", "<bantin-2024-05@lists.quangngai.gov.vn>"),
                   ("List-Id", "<ds-cntt.lists.quangngai.gov.vn>"), ("Precedence", "list"),
                   ("List-Unsubscribe", "<mailto:ds-cntt-leave@lists.quangngai.gov.vn>")],
                  "Bản tin chuyển đổi số tháng 5/2024: hướng dẫn sử dụng chữ ký số trên thiết bị di động (SIM PKI)..."),
         "auto_reply", "ignore", documents=[])

    # 30 a delivery failure notice for one of our replies
    case("30-bounce-dsn",
         mail.bounce("MAILER-DAEMON@mx1.quangngai.dcs.vn (Mail Delivery System)", TO, date(8, "14:13:21"),
                     "<20240508071321.4VtH3x0Zk2z9yQpWm@mx1.quangngai.dcs.vn>",
                     "From: HotroCKS@quangngai.dcs.vn\nTo: vanthu@huyenuy-cu.example.vn\nSubject: [HT-2024-000015] Da nhan danh sach\n"
                     "Message-ID: <HT-2024-000015.ack@quangngai.dcs.vn>",
                     "vanthu@huyenuy-cu.example.vn"),
         "bounce", "ignore", documents="any")

    # 31 our own address (a clerk forwarding into the box from the box)
    case("31-own-address",
         mail.outlook("=?utf-8?B?SOG7lyB0cuG7oyBDS1M=?= <HotroCKS@quangngai.dcs.vn>", TO,
                      "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh", date(8, "08:25:00"),
                      "<005001da9f44$00112233$44556677$@quangngai.dcs.vn>", "Lưu hồ sơ.", [(f01, d01)]),
         "any", "ignore", errors="any", documents="any")

    # ================================================================ recovery
    REC_TITLE = ["VĂN BẢN ĐỀ NGHỊ", "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT"]
    rec_hdr = ["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu thiết bị lưu khóa bí mật", "Lý do đề nghị khôi phục"]
    rec_rows = [["1", "Nguyễn Thị Thanh Tâm", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "0230A1B2", "Nhập sai mật khẩu quá 15 lần"],
                ["2", "Lê Hoàng Sơn", "Trưởng phòng Lý luận chính trị", "5C7E9F31", "Nhập sai mật khẩu quá số lần quy định"]]
    coord = ["Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:",
             "- Họ và tên: Trần Minh Quân", "- Chức vụ: Chuyên viên Văn phòng Ban",
             "- Số điện thoại: 0935 226 118", "- Thư điện tử: tranminhquan.btg@quangngai.dcs.vn"]
    intro_rec = ["Ban Tuyên giáo Tỉnh ủy đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu khóa bí mật (eToken) cho các thuê bao sau:"]

    def mau12(org, kinh, rows, after, intro=intro_rec, parent=TINH):
        return docs.word(parent, org, "Quảng Ngãi, ngày 09 tháng 5 năm 2024", REC_TITLE, kinh, intro,
                         [rec_hdr] + rows, after=after, so="Số 412-CV/BTGTU",
                         signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Phạm Văn Tuấn"))

    f32 = "Mau 12 - De nghi khoi phuc eToken - BTG.docx"
    case("32-outlook-etoken-recovery-good",
         mail.outlook("=?utf-8?B?QmFuIFR1ecOqbiBnacOhbyBU4buJbmgg4buneQ==?= <btg@quangngai.dcs.vn>", TO,
                      "Đề nghị khôi phục thiết bị lưu khóa bí mật (eToken)", date(9, "09:10:20"),
                      "<001e01daa1a2$0f1e2d3c$4b5a6978$@quangngai.dcs.vn>",
                      "Kính gửi Văn phòng Tỉnh ủy,\nBan Tuyên giáo Tỉnh ủy gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật (Mẫu 12).\nTrân trọng.",
                      [(f32, mau12("BAN TUYÊN GIÁO", VPTU, rec_rows, coord))]),
         "etoken_recovery", "reject",
         documents=[doc(f32, "etoken_recovery", "docx", ["signature_missing"], rows=[CLEAN, CLEAN])])

    f33 = "De nghi khoi phuc thiet bi - UBKT.docx"
    case("33-zimbra-etoken-no-coordinator",
         mail.zimbra("=?utf-8?Q?=E1=BB=A6y_ban_Ki=E1=BB=83m_tra_T=E1=BB=89nh_=E1=BB=A7y?= <ubkt@quangngai.dcs.vn>", TO,
                     "Đề nghị khôi phục eToken", date(10, "08:44:31"),
                     "<912345678.70021.1715305471000.JavaMail.zimbra@quangngai.dcs.vn>",
                     "Kính gửi Văn phòng Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy gửi Mẫu 12 đề nghị khôi phục eToken.",
                     [(f33, mau12("ỦY BAN KIỂM TRA", VPTU,
                                  [["1", "Võ Văn Hậu", "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "3F9A0C12", "Nhập sai mật khẩu quá 15 lần"]],
                                  ["Đề nghị Văn phòng Tỉnh ủy quan tâm hỗ trợ."],
                                  intro=["Ủy ban Kiểm tra Tỉnh ủy đề nghị khôi phục thiết bị lưu khóa bí mật cho thuê bao sau:"]))]),
         "etoken_recovery", "reject",
         documents=[doc(f33, "etoken_recovery", "docx", ["coordinator_missing", "signature_missing"], rows=[CLEAN])])

    f34 = "Mau 12 khoi phuc thiet bi luu khoa - Bao Quang Ngai.docx"
    case("34-gmail-etoken-addressed-to-cuc",
         mail.gmail("=?UTF-8?B?QsOhbyBRdeG6o25nIE5nw6Np?= <toasoan@baoquangngai.vn>", TO,
                    "Đề nghị khôi phục thiết bị lưu khóa bí mật", date(10, "13:55:00"),
                    "<CAL3mN4oP5qR6sT7uV8wX9yZ0aB1cD2eF3gH4iJ5kL@mail.gmail.com>",
                    "Báo Quảng Ngãi gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật.",
                    [(f34, mau12("BÁO QUẢNG NGÃI", CUC,
                                 [["1", "Đặng Thị Mỹ Linh", "Phó Tổng Biên tập", "8E21B7D4", "Nhập sai mật khẩu quá 15 lần"]],
                                 coord[:1] + ["- Họ và tên: Nguyễn Văn Khánh", "- Chức vụ: Phó Trưởng phòng Điện tử",
                                              "- Số điện thoại: 0914 667 332"],
                                 intro=["Báo Quảng Ngãi đề nghị khôi phục thiết bị lưu khóa bí mật cho thuê bao sau:"]))]),
         "etoken_recovery", "reject",
         documents=[doc(f34, "etoken_recovery", "docx", ["wrong_addressee", "signature_missing"], rows=[CLEAN])])

    sim_rec_hdr = ["TT", "Họ và tên thuê bao", "Chức vụ", "Số điện thoại", "Số hiệu thiết bị lưu khóa bí mật (số ICCID)", "Lý do"]
    f35 = "Mau 12 - khoi phuc SIM PKI - HU Son Tinh.docx"
    case("35-thunderbird-sim-recovery",
         mail.thunderbird("Van phong Huyen uy Son Tinh <vanphong.husontinh@quangngai.dcs.vn>", TO,
                          "Đề nghị khôi phục SIM PKI", date(13, "14:12:09"),
                          "<5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d@quangngai.dcs.vn>",
                          "Kính gửi Văn phòng Tỉnh ủy, Huyện ủy Sơn Tịnh gửi đề nghị khôi phục SIM PKI của đồng chí Bí thư.",
                          [(f35, docs.word(TINH, "HUYỆN ỦY SƠN TỊNH", "Sơn Tịnh, ngày 13 tháng 5 năm 2024",
                                           REC_TITLE + ["(SIM PKI)"], CUC,
                                           ["Huyện ủy Sơn Tịnh đề nghị khôi phục SIM PKI cho thuê bao sau:"],
                                           [sim_rec_hdr, ["1", "Trần Quang Vinh", "Bí thư Huyện ủy", "0982 345 678",
                                                          grouped(iccid(VT, 231000111)), "Nhập sai mã PIN quá 15 lần"]],
                                           after=coord[:1] + ["- Họ và tên: Lê Văn Phú", "- Số điện thoại: 0977 880 112"],
                                           so="Số 230-CV/HU"))]),
         "sim_recovery", "redirect",
         documents=[doc(f35, "sim_recovery", "docx", [], oe=["signature_missing"])])

    f36 = "Mau 11 de nghi khoi phuc.docx"
    case("36-gmail-mau11-individual",
         mail.gmail("=?UTF-8?B?TMOqIFbEg24gVMO5bmc=?= <levantung.qn1975@gmail.com>", TO,
                    "xin mở khóa token", date(14, "20:30:00"),
                    "<CAN6oP7qR8sT9uV0wX1yZ2aB3cD4eF5gH6iJ7kL8mN@mail.gmail.com>",
                    "Chào Văn phòng, token của tôi bị khóa do nhập sai mật khẩu nhiều lần, nhờ mở giúp. Tôi gửi Mẫu 11 đính kèm.",
                    [(f36, docs.word("", "", "Nghĩa Hành, ngày 14 tháng 5 năm 2024", REC_TITLE,
                                     "Kính gửi: Huyện ủy Nghĩa Hành", ["Tên tôi là: Lê Văn Tùng",
                                      "Chức vụ: Phó Chánh Văn phòng Huyện ủy", "Cơ quan: Huyện ủy Nghĩa Hành",
                                      "Số hiệu thiết bị lưu khóa bí mật: 7D3C2B1A",
                                      "Lý do: Nhập sai mật khẩu quá 15 lần, thiết bị bị khóa.",
                                      "Đề nghị cơ quan tổng hợp, gửi Văn phòng Tỉnh ủy khôi phục thiết bị lưu khóa bí mật."],
                                     None, state_heading=True, signer=("", "NGƯỜI ĐỀ NGHỊ", "Lê Văn Tùng")))]),
         "etoken_recovery", "reject", errors=["sender_public_domain"],
         documents=[doc(f36, "etoken_recovery", "docx", ["individual_form", "signature_missing"], oe=["coordinator_missing"])])

    # ================================================================ belongs to the Cục
    def cert(org, title, intro, table, kinh=CUC, parent=TINH, place="Quảng Ngãi", state=False, so=None):
        return docs.word(parent, org, "%s, ngày 09 tháng 5 năm 2024" % place, title, kinh, intro, table,
                         state_heading=state, so=so)

    f37 = "Mau 02 de nghi cap CTS ca nhan - HU Binh Son.docx"
    case("37-outlook-mau02-new-certificates",
         mail.outlook("=?utf-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IELDrG5oIFPGoW4=?= <vp.hubinhson@quangngai.dcs.vn>", TO,
                      "Đề nghị cấp chứng thư số cá nhân", date(9, "10:01:01"),
                      "<002001daa1a9$99887766$55443322$@quangngai.dcs.vn>",
                      "Kính gửi Văn phòng Tỉnh ủy, Huyện ủy Bình Sơn gửi văn bản đề nghị cấp chứng thư số (Mẫu 02).",
                      [(f37, cert("HUYỆN ỦY BÌNH SƠN", ["VĂN BẢN ĐỀ NGHỊ", "CẤP CHỨNG THƯ SỐ CHO CÁC CÁ NHÂN"],
                                  ["Huyện ủy Bình Sơn đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho các cá nhân sau:"],
                                  [["TT", "Họ và tên", "Chức vụ", "Số CCCD", "Thư điện tử công vụ", "Số điện thoại"],
                                   ["1", "Nguyễn Văn Nam", "Phó Chánh Văn phòng Huyện ủy", "051080001234",
                                    "nguyenvannam.hubs@quangngai.dcs.vn", "0983 112 445"],
                                   ["2", "Trần Thị Hoa", "Phó Trưởng Ban Tổ chức Huyện ủy", "051185004321",
                                    "tranthihoa.hubs@quangngai.dcs.vn", "0914 553 221"]], so="Số 301-CV/HU"))]),
         "cert_request", "redirect", documents=[doc(f37, "cert_request", "docx", [], oe=["signature_missing"])])

    f38 = "Mau 08 gia han CTS - Thi uy Duc Pho.xlsx"
    case("38-zimbra-mau08-renewal-xlsx",
         mail.zimbra("=?utf-8?Q?Th=E1=BB=8B_=E1=BB=A7y_=C4=90=E1=BB=A9c_Ph=E1=BB=95?= <vanphong.tuducpho@quangngai.dcs.vn>", TO,
                     "Đề nghị gia hạn chứng thư số", date(10, "09:09:09"),
                     "<1234509876.80031.1715306949000.JavaMail.zimbra@quangngai.dcs.vn>",
                     "Kính gửi Văn phòng Tỉnh ủy, Thị ủy Đức Phổ gửi đề nghị gia hạn chứng thư số.",
                     [(f38, docs.excel(TINH, "THỊ ỦY ĐỨC PHỔ", "Đức Phổ, ngày 10 tháng 5 năm 2024",
                                       ["VĂN BẢN ĐỀ NGHỊ GIA HẠN, THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ",
                                        "CHO CÁC THUÊ BAO"], CUC,
                                       ["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu chứng thư số", "Nội dung đề nghị", "Ghi chú"],
                                       [[1, "Lương Văn Sáu", "Bí thư Thị ủy", "540123ABCDEF0001", "Gia hạn", "Hết hạn 30/7/2024"],
                                        [2, "Tạ Thị Kim Oanh", "Phó Bí thư Thị ủy", "540123ABCDEF0002", "Thay đổi chức vụ", ""]]))]),
         "cert_request", "redirect", documents=[doc(f38, "cert_request", "xlsx", [], oe=["signature_missing"])])

    f39 = "Mẫu 10 - Đề nghị thu hồi CTS.docx"
    case("39-thunderbird-mau10-revocation",
         mail.thunderbird("Huyen uy Mo Duc <vanphong.humoduc@quangngai.dcs.vn>", TO, "Đề nghị thu hồi chứng thư số",
                          date(13, "10:10:10"), "<6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e@quangngai.dcs.vn>",
                          "Huyện ủy Mộ Đức gửi văn bản đề nghị thu hồi chứng thư số của 01 đồng chí nghỉ hưu.",
                          [(f39, cert("HUYỆN ỦY MỘ ĐỨC", ["VĂN BẢN ĐỀ NGHỊ", "THU HỒI CHỨNG THƯ SỐ CHO CÁC THUÊ BAO"],
                                      ["Huyện ủy Mộ Đức đề nghị thu hồi chứng thư số của thuê bao sau:"],
                                      [["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu chứng thư số", "Lý do thu hồi"],
                                       ["1", "Nguyễn Đình Trọng", "Nguyên Phó Bí thư Huyện ủy", "540123ABCDEF0777", "Nghỉ hưu"]],
                                      place="Mộ Đức"))]),
         "cert_request", "redirect", documents=[doc(f39, "cert_request", "docx", [], oe=["signature_missing"])])

    f40 = "Mau 02 - de nghi cap SIM PKI.docx"
    case("40-outlook-mau02-sim-pki-issuance",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IE5naMSpYSBIw6BuaA==?= <vanphong.hunghiahanh@quangngai.dcs.vn>", TO,
                      "Đề nghị cấp SIM PKI cho lãnh đạo Huyện ủy", date(14, "10:20:30"),
                      "<004101daa5b0$aa00bb11$cc22dd33$@quangngai.dcs.vn>",
                      "Huyện ủy Nghĩa Hành gửi văn bản đề nghị cấp SIM PKI (Mẫu 02).",
                      [(f40, cert("HUYỆN ỦY NGHĨA HÀNH", ["VĂN BẢN ĐỀ NGHỊ", "CẤP CHỨNG THƯ SỐ CHO CÁC CÁ NHÂN", "(SIM PKI)"],
                                  ["Huyện ủy Nghĩa Hành đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số "
                                   "lưu trên SIM PKI cho các cá nhân sau:"],
                                  [["TT", "Họ và tên", "Chức vụ", "Thư điện tử công vụ", "Số điện thoại", "Nhà mạng"],
                                   ["1", "Đinh Văn Thành", "Bí thư Huyện ủy", "dinhvanthanh@quangngai.dcs.vn", "0397 112 233", "Viettel"],
                                   ["2", "Võ Thị Mỹ Dung", "Phó Bí thư Huyện ủy", "vothimydung@quangngai.dcs.vn", "0915 443 221", "VinaPhone"]],
                                  place="Nghĩa Hành"))]),
         "cert_request", "redirect", documents=[doc(f40, "cert_request", "docx", [], oe=["signature_missing"])])

    f41 = "Mau 13 ban giao thiet bi.docx"
    case("41-gmail-mau13-handover",
         mail.gmail("=?UTF-8?B?SHV54buHbiDhu6d5IFPGoW4gSMOg?= <vanphong.husonha@quangngai.dcs.vn>", TO,
                    "Văn bản bàn giao thiết bị lưu khóa bí mật", date(14, "11:11:11"),
                    "<CAQ8rS9tU0vW1xY2zA3bC4dE5fG6hI7jK8lM9nO0pQ@mail.gmail.com>",
                    "Huyện ủy Sơn Hà gửi Mẫu 13 bàn giao thiết bị và đề nghị thời điểm có hiệu lực của chứng thư số.",
                    [(f41, cert("HUYỆN ỦY SƠN HÀ", ["VĂN BẢN BÀN GIAO THIẾT BỊ LƯU KHÓA BÍ MẬT CHO THUÊ BAO",
                                                    "VÀ ĐỀ NGHỊ THỜI ĐIỂM CÓ HIỆU LỰC CỦA CHỨNG THƯ SỐ"],
                                ["Huyện ủy Sơn Hà đã bàn giao thiết bị lưu khóa bí mật cho các thuê bao sau và đề nghị "
                                 "chứng thư số có hiệu lực từ 08 giờ 00 ngày 15/5/2024:"],
                                [["TT", "Họ và tên thuê bao", "Chức vụ", "Số hiệu thiết bị", "Ngày bàn giao"],
                                 ["1", "Đinh Thị Mai", "Phó Bí thư Huyện ủy", "0230C4D5", "13/5/2024"]], place="Sơn Hà"))]),
         "handover", "redirect", documents=[doc(f41, "handover", "docx", [], oe=["signature_missing"])])

    f42 = "Bien ban that lac thiet bi.docx"
    case("42-zimbra-mau15-loss-record",
         mail.zimbra("=?utf-8?Q?Huy=E1=BB=87n_=E1=BB=A7y_Ba_T=C6=A1?= <vanphong.hubato@quangngai.dcs.vn>", TO,
                     "Biên bản xác nhận thất lạc thiết bị lưu khóa bí mật", date(15, "15:15:15"),
                     "<2233445566.90041.1715760915000.JavaMail.zimbra@quangngai.dcs.vn>",
                     "Huyện ủy Ba Tơ gửi biên bản xác nhận thất lạc thiết bị lưu khóa bí mật (Mẫu 15).",
                     [(f42, cert("HUYỆN ỦY BA TƠ", ["BIÊN BẢN", "XÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT"],
                                 ["Hôm nay, ngày 15/5/2024, tại Văn phòng Huyện ủy Ba Tơ, chúng tôi gồm:",
                                  "1. Đại diện cơ quan quản lý trực tiếp: Ông Phạm Văn Rin - Phó Bí thư Thường trực Huyện ủy.",
                                  "2. Thuê bao: Bà Đinh Thị Lệ - Trưởng Ban Tổ chức Huyện ủy.",
                                  "Cùng xác nhận: thiết bị lưu khóa bí mật số hiệu 4B5C6D7E của thuê bao Đinh Thị Lệ đã bị "
                                  "thất lạc ngày 12/5/2024 trong khi đi công tác. Đề nghị thu hồi chứng thư số tương ứng."],
                                 None, kinh=None, place="Ba Tơ"))]),
         "handover", "redirect", documents=[doc(f42, "handover", "docx", [], oe=["signature_missing"])])

    # ================================================================ reports
    f43 = "Bao cao 6 thang dau nam 2024 - CTS.docx"
    case("43-outlook-report-6-month",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IFRyw6AgQuG7k25n?= <vanphong.hutrabong@quangngai.dcs.vn>", TO,
                      "Báo cáo tình hình quản lý, sử dụng chứng thư số 6 tháng đầu năm 2024", date(15, "16:30:00"),
                      "<004f01daa6a0$12ab34cd$56ef7890$@quangngai.dcs.vn>",
                      "Kính gửi Văn phòng Tỉnh ủy, Huyện ủy Trà Bồng gửi báo cáo 6 tháng đầu năm 2024.",
                      [(f43, docs.word(TINH, "HUYỆN ỦY TRÀ BỒNG", "Trà Bồng, ngày 15 tháng 5 năm 2024",
                                       ["BÁO CÁO", "tình hình triển khai, quản lý và sử dụng chứng thư số",
                                        "6 tháng đầu năm 2024"], VPTU,
                                       ["Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy, Huyện ủy Trà Bồng báo cáo như sau:",
                                        "1. Số chứng thư số đang sử dụng: 42 (cá nhân 37, cơ quan 05); SIM PKI: 06.",
                                        "2. Số văn bản đã ký số: 1.254 văn bản.",
                                        "3. Khó khăn, vướng mắc: 02 eToken bị khóa đã được Văn phòng Tỉnh ủy hỗ trợ khôi phục.",
                                        "4. Đề xuất, kiến nghị: tiếp tục tập huấn sử dụng chữ ký số trên thiết bị di động."],
                                       None, so="Số 88-BC/HU",
                                       signer=("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Hồ Văn Lịch")))]),
         "report", "reject", documents=[doc(f43, "report", "docx", ["signature_missing"])])

    f44 = "BC nam 2024 chu ky so.xlsx"
    case("44-thunderbird-report-yearly-xlsx",
         mail.thunderbird("Ban To chuc Tinh uy <btc@quangngai.dcs.vn>", TO,
                          "Báo cáo năm 2024 về quản lý, sử dụng chứng thư số", date(15, "17:00:00"),
                          "<7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f@quangngai.dcs.vn>",
                          "Ban Tổ chức Tỉnh ủy gửi báo cáo tình hình quản lý, sử dụng chứng thư số năm 2024.",
                          [(f44, docs.excel(TINH, "BAN TỔ CHỨC", "Quảng Ngãi, ngày 15 tháng 5 năm 2024",
                                            ["BÁO CÁO", "TÌNH HÌNH QUẢN LÝ, SỬ DỤNG CHỨNG THƯ SỐ NĂM 2024"], VPTU,
                                            ["TT", "Nội dung", "Số lượng", "Ghi chú"],
                                            [[1, "Chứng thư số cá nhân đang sử dụng", 28, ""],
                                             [2, "Chứng thư số cơ quan", 1, ""],
                                             [3, "SIM PKI đã kích hoạt", 4, ""],
                                             [4, "Thiết bị đã đề nghị khôi phục", 1, ""],
                                             [5, "Văn bản điện tử đã ký số", 2310, ""]], sheet="Bao cao"))]),
         "report", "reject", documents=[doc(f44, "report", "xlsx", ["signature_missing"])])

    # ================================================================ combinations
    f45a = "Danh sach kich hoat SIM.docx"
    f45b = "Mau 12 khoi phuc eToken.docx"
    r45 = [["1", "0986 220 114", iccid(VT, 231004501), "Nguyễn Văn Lâm", "Bí thư Huyện ủy"]]
    case("45-outlook-mixed-sim-and-recovery",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IFTGsCBOZ2jEqWE=?= <vanphong.hutunghia@quangngai.dcs.vn>", TO,
                      "Gửi danh sách kích hoạt SIM và đề nghị khôi phục eToken", date(15, "08:45:00"),
                      "<004b01daa66a$0a1b2c3d$4e5f6071$@quangngai.dcs.vn>",
                      "Huyện ủy Tư Nghĩa gửi 02 văn bản: danh sách kích hoạt SIM ký số và đề nghị khôi phục eToken.",
                      [(f45a, sim_word("HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa", r45)),
                       (f45b, docs.word(TINH, "HUYỆN ỦY TƯ NGHĨA", "Tư Nghĩa, ngày 15 tháng 5 năm 2024", REC_TITLE, VPTU,
                                        ["Huyện ủy Tư Nghĩa đề nghị khôi phục thiết bị lưu khóa bí mật cho thuê bao sau:"],
                                        [rec_hdr, ["1", "Đoàn Minh Khoa", "Trưởng Ban Dân vận Huyện ủy", "6A7B8C9D", "Nhập sai mật khẩu quá 15 lần"]],
                                        after=coord[:1] + ["- Họ và tên: Phan Thị Yến", "- Số điện thoại: 0868 221 447"]))]),
         "unknown", "manual", errors=["mixed_documents"],
         documents=[doc(f45a, "sim_activation", "docx", [], oe=["signature_missing"]),
                    doc(f45b, "etoken_recovery", "docx", [], oe=["signature_missing"])])

    f46a = "CV 245-CV-HU de nghi kich hoat SIM.pdf"
    f46b = "Phu luc 3 - DS kich hoat SIM - HU Son Ha.xlsx"
    pdf46 = docs.pdf([TINH + "                    ĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY SƠN HÀ",
                      "*                    Sơn Hà, ngày 15 tháng 5 năm 2024", "Số 245-CV/HU",
                      "V/v đề nghị kích hoạt SIM ký số", "", VPTU, "",
                      "Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy,",
                      "Huyện ủy Sơn Hà gửi kèm danh sách đề nghị kích hoạt SIM ký số (file mềm) của 02 đồng chí",
                      "để Văn phòng Tỉnh ủy hỗ trợ, chuyển Cục Chứng thực số và Bảo mật thông tin.",
                      "", "Nơi nhận:                    T/L BAN THƯỜNG VỤ", "- Như trên,       CHÁNH VĂN PHÒNG",
                      "- Lưu VP.", "                    Phạm Văn Hà"])
    r46 = [[1, "0977 001 122", iccid(VT, 231001201), "Đinh Văn Tuấn", "Bí thư Huyện ủy"],
           [2, "0886 223 344", iccid(VN, 310001202), "Đinh Thị Mai", "Phó Bí thư Huyện ủy"]]
    case("46-outlook-unsigned-cover-letter-pdf-plus-xlsx",
         mail.outlook("=?utf-8?B?SHV54buHbiDhu6d5IFPGoW4gSMOg?= <vanphong.husonha@quangngai.dcs.vn>", TO,
                      "Công văn 245-CV/HU đề nghị kích hoạt SIM ký số", date(15, "09:20:00"),
                      "<004d01daa670$aabbccdd$00112233$@quangngai.dcs.vn>",
                      "Huyện ủy Sơn Hà gửi công văn số 245-CV/HU kèm danh sách đề nghị kích hoạt SIM ký số.",
                      [(f46a, pdf46), (f46b, sim_excel("HUYỆN ỦY SƠN HÀ", "Sơn Hà", r46))]),
         "sim_activation", ["reject", "manual"],
         documents=[doc(f46a, ["cover_letter", "any"], "pdf", [], oe=["signature_missing"]),
                    sim_list_doc(f46b, "xlsx", [CLEAN, CLEAN])])

    # 47 Zimbra, DOCX with a merged two-row header and a column-number row
    top47 = ["TT", "Thông tin thuê bao SIM", "", "Người dùng", ""]
    r47 = [["1", "0905 332 771", iccid(MB, 120004701), "Nguyễn Thị Phương", "Trưởng Ban Tổ chức Tỉnh ủy"],
           ["2", "0912 006 448", iccid(VN, 310004702), "Trần Đức Hiếu", "Phó Trưởng Ban Tổ chức Tỉnh ủy"]]
    f47 = "DS kich hoat SIM - Ban To chuc Tinh uy.docx"
    case("47-zimbra-sim-docx-merged-header-number-row",
         mail.zimbra("=?utf-8?Q?Ban_T=E1=BB=95_ch=E1=BB=A9c_T=E1=BB=89nh_=E1=BB=A7y?= <btc@quangngai.dcs.vn>", TO,
                     "Danh sách đề nghị kích hoạt SIM ký số - Ban Tổ chức Tỉnh ủy", date(15, "10:00:00"),
                     "<3344556677.10051.1715742000000.JavaMail.zimbra@quangngai.dcs.vn>",
                     BODY_SIM % ("Ban Tổ chức Tỉnh ủy", "Văn phòng Ban Tổ chức Tỉnh ủy", "0255 3822 701"),
                     [(f47, sim_word("BAN TỔ CHỨC", "Quảng Ngãi", r47, header=HDR_SHORT,
                                     merged_header=(top47, [(1, 2), (3, 4)]), number_row=True,
                                     signer=("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Đức Hiếu")))]),
         "sim_activation", "reject", documents=[sim_list_doc(f47, "docx", [CLEAN, CLEAN])])

    # 48 Gmail, two lists from one unit in one mail
    f48a = "DS SIM dot 3 - Binh Son.docx"
    f48b = "DS SIM dot 3 bo sung - Binh Son.xlsx"
    case("48-gmail-two-lists-one-unit",
         mail.gmail("=?UTF-8?B?VsSDbiBwaMOybmcgSHV54buHbiDhu6d5IELDrG5oIFPGoW4=?= <vp.hubinhson@quangngai.dcs.vn>", TO,
                    "Danh sách kích hoạt SIM ký số đợt 3 (kèm danh sách bổ sung)", date(15, "13:13:13"),
                    "<CAR9sT0uV1wX2yZ3aB4cD5eF6gH7iJ8kL9mN0oP1qR@mail.gmail.com>",
                    BODY_SIM % ("Huyện ủy Bình Sơn", "Văn phòng Huyện ủy Bình Sơn", "0255 3851 207"),
                    [(f48a, sim_word("HUYỆN ỦY BÌNH SƠN", "Bình Sơn",
                                     [["1", "0355 220 991", iccid(VT, 231004801), "Lê Văn Chín", "Phó Trưởng Ban Dân vận Huyện ủy"]])),
                     (f48b, sim_excel("HUYỆN ỦY BÌNH SƠN", "Bình Sơn",
                                      [[1, "0944 118 226", iccid(VN, 310004802), "Phạm Thị Nhàn", "Phó Chánh Văn phòng Huyện ủy"]]))]),
         "sim_activation", "reject",
         documents=[sim_list_doc(f48a, "docx", [CLEAN]), sim_list_doc(f48b, "xlsx", [CLEAN])])


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make-blind.py OUTDIR\n")
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    build()
    names = set()
    for name, eml, exp in CASES:
        assert name not in names, name
        names.add(name)
        with open(os.path.join(out, name + ".eml"), "wb") as fh:
            fh.write(eml)
        exp = dict(exp, file=name + ".eml")
        with open(os.path.join(out, name + ".expect.json"), "w", encoding="utf-8") as fh:
            json.dump(exp, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.write("\n")
    print("%d messages written to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
