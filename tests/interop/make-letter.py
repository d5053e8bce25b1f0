#!/usr/bin/env python3
"""make-letter.py OUT.pdf: a one-page công văn whose text extracts (a
Type0 font with a ToUnicode map), as check-cover.c writes it: the PDF the
interop scripts sign and verify and `make bench` signs for its PDF
verdicts."""
import sys
lines = ["HUYỆN ỦY SƠN TỊNH", "V/v đề nghị kích hoạt SIM ký số",
         "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"]
body = "BT /F1 11 Tf 14 TL 50 800 Td\n" + "".join(
    "<%s> Tj T*\n" % "".join("%04X" % ord(c) for c in l) for l in lines) + "ET"
cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        "32 beginbfrange\n" + "".join("<%02X00> <%02XFF> <%02X00>\n" % (h, h, h)
                                      for h in range(0x20)) +
        "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
        "<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT "
        "/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        "/Supplement 0 >> /DW 500 /CIDToGIDMap /Identity >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)]
out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o.encode("ascii") + b"\nendobj\n"
x = len(out)
out += b"xref\n0 8\n0000000000 65535 f \n" + b"".join(
    b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
open(sys.argv[1], "wb").write(out)
