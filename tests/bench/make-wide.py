#!/usr/bin/python3
"""Writes the wide hostile grids of issue 11.2 for the benchmarks: a short
SIM list (title, header, two rows) with one more cell far to the right,
at row 60 of column 65535 in a .xls (past BIFF8's 256 columns) and at
XFD64 in an XLSX (the last column Excel has). make-wide.py DIR writes
wide.xls, wide.xlsx and messages carrying one and ten copies of each;
lone.xls and lone.xlsx hold the far cell alone, as issue 11 measured.
Standard library only; deterministic."""
import base64
import os
import sys

sys.dont_write_bytecode = True      # nothing written beside the sources
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "samples"))
from docgen import col_name, luhn_digit, zip_parts  # noqa: E402
from xls import XlsSheet, xls_workbook  # noqa: E402

WHEN = (2024, 5, 2, 8, 0, 0)
ROWS = [["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"],
        ["Kính gửi: Cục Chứng thực số và Bảo mật thông tin, "
         "Ban Cơ yếu Chính phủ"],
        [],
        ["TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"]]
for i in (1, 2):
    body = "898404%012d" % i
    ROWS.append([str(i), "09%08d" % (10000000 + i), body + luhn_digit(body),
                 "Nguyễn Văn Thử %d" % i, "Phó Bí thư"])


def wide_xls(rows):
    s = XlsSheet("DS", [6, 14, 22, 24, 14])
    for r, cells in enumerate(rows, 1):
        for c, v in enumerate(cells, 1):
            s.put(r, c, v)
    s.put(60, 65535, "x")
    return xls_workbook([s], WHEN, "hotrocks")


def wide_xlsx(rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
           'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, cells in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, v in enumerate(cells, 1):
            out.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
                       % (col_name(c), r, v))
        out.append('</row>')
    out.append('<row r="64"><c r="XFD64" t="inlineStr"><is><t>x</t></is>'
               '</c></row></sheetData></worksheet>')
    ns = "http://schemas.openxmlformats.org/"
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="' + ns + 'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + ns + 'package/2006/relationships"><Relationship Id="rId1" Type="' + ns + 'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + ns + 'spreadsheetml/2006/main" xmlns:r="' + ns + 'officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="' + ns + 'package/2006/relationships"><Relationship Id="rId1" Type="' + ns + 'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(out),
    }
    return zip_parts(files.items(), WHEN)


def message(name, ctype, data, copies):
    b64 = base64.encodebytes(data).decode("ascii").replace("\n", "\r\n")
    parts = "".join(
        "--b\r\nContent-Type: %s\r\nContent-Disposition: attachment; "
        "filename=\"ds%d.%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        "%s\r\n" % (ctype, i, name, b64) for i in range(copies))
    return ("From: vanphong.sontinh@quangngai.dcs.vn\r\n"
            "To: HotroCKS@quangngai.dcs.vn\r\n"
            "Subject: Danh sach kich hoat SIM ky so\r\n"
            "Message-ID: <wide-%s-%d@quangngai.dcs.vn>\r\n"
            "Date: Thu, 02 May 2024 08:00:00 +0700\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Danh sach.\r\n%s--b--\r\n" % (name, copies, parts))


def main():
    d = sys.argv[1]
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for base, rows in (("wide", ROWS), ("lone", [])):
        for name, ctype, data in (
                ("xls", "application/vnd.ms-excel", wide_xls(rows)),
                ("xlsx", xlsx, wide_xlsx(rows))):
            with open(os.path.join(d, "%s.%s" % (base, name)), "wb") as f:
                f.write(data)
            for copies in (1, 10):
                with open(os.path.join(d, "%s-%s-%d.eml" % (base, name,
                          copies)), "w", newline="") as f:
                    f.write(message(name, ctype, data, copies))


main()
