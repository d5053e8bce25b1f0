#!/usr/bin/python3
"""Writes a SIM activation list of N rows as an XLSX inside an .eml, for the
benchmarks: make-list.py N OUT.eml [OUT.xlsx] [--bad-row K]. With
--bad-row, row K's ICCID fails its check digit (the list is rejected) and
the Message-ID says so. Standard library only; deterministic."""
import base64
import os
import sys

sys.dont_write_bytecode = True      # nothing written beside the sources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "samples"))
from docgen import col_name, luhn_digit, zip_parts  # noqa: E402

def col(c, r):
    return "%s%d" % (col_name(c + 1), r)

def sheet(n, bad=0):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    def row(r, cells):
        out.append('<row r="%d">' % r)
        for c, v in enumerate(cells):
            if isinstance(v, int):
                out.append('<c r="%s"><v>%d</v></c>' % (col(c, r), v))
            else:
                out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (col(c, r), v))
        out.append('</row>')
    row(1, ["HUYỆN ỦY SƠN TỊNH"])
    row(2, ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"])
    row(3, ["Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"])
    row(5, ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"])
    for i in range(1, n + 1):
        phone = "09%08d" % (10000000 + i)
        body = "898404%012d" % i
        iccid = body + luhn_digit(body)
        if i == bad:
            iccid = body + str((int(luhn_digit(body)) + 1) % 10)
        row(5 + i, [i, phone, iccid, "Nguyễn Văn Thử %d" % i, "Phó Bí thư"])
    out.append('</sheetData></worksheet>')
    return "".join(out)

def xlsx(n, bad=0):
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet(n, bad),
    }
    return zip_parts(files.items(), (2024, 5, 2, 8, 0, 0))

def main():
    args = sys.argv[1:]
    bad = 0
    if "--bad-row" in args:
        k = args.index("--bad-row")
        bad = int(args[k + 1])
        del args[k:k + 2]
    n = int(args[0])
    mid = "bench-%d" % n if bad == 0 else "bench-%d-bad-%d" % (n, bad)
    data = base64.encodebytes(xlsx(n, bad)).decode("ascii")
    msg = ("From: vanphong.sontinh@quangngai.dcs.vn\r\n"
           "To: HotroCKS@quangngai.dcs.vn\r\n"
           "Subject: Danh sach kich hoat SIM ky so (%d)\r\n"
           "Message-ID: <%s@quangngai.dcs.vn>\r\n"
           "Date: Thu, 02 May 2024 08:00:00 +0700\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
           "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDanh sach.\r\n"
           "--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
           "Content-Disposition: attachment; filename=\"ds.xlsx\"\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n") % (n, mid, data.replace("\n", "\r\n"))
    with open(args[1], "w", newline="") as f:
        f.write(msg)
    if len(args) > 2:
        with open(args[2], "wb") as f:
            f.write(xlsx(n, bad))

main()
