#!/usr/bin/python3
# forward-readback.py LIST.xlsx EXPECTED.json: reads the Phụ lục 3 list
# hotrocks wrote with openpyxl, as a person's spreadsheet would, and checks
# it against what was given (EXPECTED.json: the letterhead texts and every
# row as [phone, iccid, name, position, note], null for none): every cell,
# phones and ICCIDs as text, the merged letterhead, the printed title row,
# the column widths, the "@" format of B and C, the page, and the ZIP
# container (every part deflated, local headers that agree with the
# directory, no ZIP64). Prints each difference; exits 1 when there is one,
# 2 when a file cannot be read. check-forward-xlsx.c runs it.
import json
import struct
import sys
import zipfile

import openpyxl
from openpyxl.utils.escape import unescape

FIRST = 9        # the first data row, 1-based
# The unit's letterhead over A:C; the party's, the date, the title and the
# addressee to the table's last column (F with the notes).
MERGED = {"A1:C1", "D1:%s1", "A2:C2", "D2:%s2", "A3:C3", "A5:%s5", "A6:%s6"}
WIDTHS = {"A": 5.7109375, "B": 14.7109375, "C": 23.7109375,
          "D": 25.7109375, "E": 26.7109375}
HEADS = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
         "Chức vụ"]


def container(path, bad):
    """Every entry deflated; its local header as the directory says it,
    version 2.0 and no ZIP64 field (the mix Excel refuses)."""
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        if z.testzip() is not None:
            bad.append("zip: bad CRC in %s" % z.testzip())
        for i in z.infolist():
            if i.compress_type != zipfile.ZIP_DEFLATED:
                bad.append("zip: %s not deflated" % i.filename)
            if i.date_time != (1980, 1, 1, 0, 0, 0):
                bad.append("zip: %s dated %s" % (i.filename, i.date_time))
            f.seek(i.header_offset)
            (sig, need, _flags, meth, _t, _d, crc, csize, usize, nlen,
             elen) = struct.unpack("<IHHHHHIIIHH", f.read(30))
            f.read(nlen)
            extra = f.read(elen)
            if sig != 0x04034b50 or need > 20 or meth != 8:
                bad.append("zip: %s local header %x %d %d" %
                           (i.filename, sig, need, meth))
            if (crc, csize, usize) != (i.CRC, i.compress_size,
                                       i.file_size):
                bad.append("zip: %s local sizes differ" % i.filename)
            while len(extra) >= 4:
                tag, n = struct.unpack("<HH", extra[:4])
                if tag == 1:
                    bad.append("zip: %s has a ZIP64 field" % i.filename)
                extra = extra[4 + n:]
        if z.namelist()[0] != "[Content_Types].xml":
            bad.append("zip: first part %s" % z.namelist()[0])


def main():
    try:
        want = json.load(open(sys.argv[2], encoding="utf-8"))
        book = openpyxl.load_workbook(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - any unreadable input
        print("cannot read: %s" % e)
        return 2
    bad = []
    container(sys.argv[1], bad)
    if book.sheetnames != ["Phụ lục 3"]:
        bad.append("sheets %r" % book.sheetnames)
    ws = book.worksheets[0]
    notes = want["notes"]
    last = "F" if notes else "E"

    # before a cell is asked for: openpyxl makes the cells it is asked for
    dims = "A1:%s%d" % (last, FIRST - 1 + len(want["rows"]))
    if ws.dimensions != dims:
        bad.append("dimensions %s, not %s" % (ws.dimensions, dims))

    def cell(ref, value):
        got = ws[ref].value
        # openpyxl leaves ST_Xstring escapes (_x0001_) as they are
        # stored; Excel shows the character: compare as Excel reads it
        if isinstance(got, str):
            got = unescape(got)
        if got != value:
            bad.append("%s: %r != %r" % (ref, got, value))

    for ref, value in want["letterhead"].items():
        cell(ref, value)
    for c, h in zip("ABCDE", HEADS):
        cell(c + "8", h)
    cell("F8", "Ghi chú" if notes else None)
    for i, row in enumerate(want["rows"]):
        r = FIRST + i
        cell("A%d" % r, i + 1)
        if not isinstance(ws["A%d" % r].value, int):
            bad.append("A%d is not a number" % r)
        for c, v in zip("BCDEF", row[:5] if notes else row[:4]):
            cell("%s%d" % (c, r), v if v != "" else None)
        if not notes:
            cell("F%d" % r, None)
        for c in "BC":
            v = ws["%s%d" % (c, r)]
            if row["BC".index(c)] and v.data_type != "s":
                bad.append("%s%d: type %s" % (c, r, v.data_type))
            if v.number_format != "@":
                bad.append("%s%d: format %r" % (c, r, v.number_format))

    # A row whose text wraps has its height (no reader sizes it on
    # opening); one that surely fits on a line has none. Times New Roman
    # 12 puts at most about 1.4 letters in a unit of width.
    tall = short = 0
    for i, row in enumerate(want["rows"]):
        r = FIRST + i
        texts = [(row[2] or "", 25), (row[3] or "", 26)]
        if notes:
            texts.append((row[4] or "", 60))
        h = ws.row_dimensions[r].height
        if any(len(t) > 1.4 * w for t, w in texts):
            tall += 1
            if h is None or h < 31.5:
                bad.append("row %d: height %r for text on two lines" %
                           (r, h))
        elif all(len(t) <= w for t, w in texts) and h is not None:
            bad.append("row %d: height %r for one line" % (r, h))
        else:
            short += 1
    if notes and tall == 0:
        bad.append("no row wraps: the heights are not tested")

    merged = {str(m) for m in ws.merged_cells.ranges}
    if merged != {m % last if "%" in m else m for m in MERGED}:
        bad.append("merged %s" % sorted(merged))
    if ws.print_title_rows != "$8:$8" or ws.print_title_cols:
        bad.append("print titles %r %r" % (ws.print_title_rows,
                                           ws.print_title_cols))
    widths = dict(WIDTHS, **({"F": 60.7109375} if notes else {}))
    got = {k: d.width for k, d in ws.column_dimensions.items()
           if d.customWidth}
    if got != widths:
        bad.append("widths %r" % got)
    for c in "BC":
        if ws.column_dimensions[c].number_format != "@":
            bad.append("column %s format %r" %
                       (c, ws.column_dimensions[c].number_format))
        # the column's own format draws no box round the letterhead's
        # empty cells
        if ws.column_dimensions[c].border.left.style is not None:
            bad.append("column %s has a border" % c)
    if ws.row_dimensions[6].height != 33:
        bad.append("row 6 height %r" % ws.row_dimensions[6].height)
    ps = ws.page_setup
    if (str(ps.paperSize) != "9" or ps.orientation != "portrait" or
            str(ps.fitToHeight) != "0" or
            not ws.sheet_properties.pageSetUpPr.fitToPage or
            not ws.print_options.horizontalCentered or
            (ws.page_margins.left, ws.page_margins.right,
             ws.page_margins.top, ws.page_margins.bottom) !=
            (0.6, 0.6, 0.75, 0.75)):
        bad.append("page setup")

    def font(ref, b, i, u, sz):
        f = ws[ref].font
        if (f.name, bool(f.b), bool(f.i), f.u, f.sz) != \
                ("Times New Roman", b, i, u, sz):
            bad.append("%s font %r" % (ref, (f.name, f.b, f.i, f.u, f.sz)))

    font("A1", False, False, None, 11)
    font("D1", True, False, "single", 12)
    font("A2", True, False, None, 12)
    font("D2", False, True, None, 12)
    font("A5", True, False, None, 14)
    font("A6", False, True, None, 12)
    font("A8", True, False, None, 12)
    if want["rows"]:
        font("D%d" % FIRST, False, False, None, 12)
        a = ws["D%d" % FIRST].alignment
        if not a.wrap_text or a.vertical != "top":
            bad.append("D%d alignment" % FIRST)
        if ws["A%d" % FIRST].alignment.horizontal != "center":
            bad.append("A%d alignment" % FIRST)
        if ws["B%d" % FIRST].border.left.style != "thin":
            bad.append("B%d border" % FIRST)
    if ws["A8"].alignment.vertical != "center":
        bad.append("A8 alignment")

    for b in bad[:40]:
        print(b)
    if bad:
        return 1
    print("%d rows agree" % len(want["rows"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
