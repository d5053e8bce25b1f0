# xls.py: a small writer of legacy Excel 97-2003 workbooks (BIFF8 records
# in a Compound File Binary container) for the hotrocks samples. Standard
# library only; never reads the clock or a random source, so the same
# sheets always give the same bytes.
#
# Only what a unit's list needs is written: text through the shared string
# table (SST, split into CONTINUE records past 8224 bytes, indexed by
# EXTSST), numbers, merged ranges, column widths and a few cell formats.
# Streams under 4096 bytes go to the mini stream, as the CFB rules say.

import math
import struct

from docgen import Grid, StringTable

# ---------------------------------------------------------------------------
# Compound File Binary (MS-CFB), version 3: 512-byte sectors.

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The root storage of an Excel workbook carries Excel's class id.
CLSID_EXCEL = bytes.fromhex("2008020000000000c000000000000046")


def _cfb_name_key(name):
    """The order of siblings in a storage: shorter names first, then the
    upper-cased UTF-16 code units."""
    return (len(name), name.upper())


def _tree(names):
    """A red-black tree over the sorted names, as (root, left, right, red)
    per index. Balanced by medians, so every leaf sits at depth d or d-1;
    the nodes at depth d are red when the tree is not perfect, which keeps
    the black height equal on every path."""
    order = sorted(range(len(names)), key=lambda i: _cfb_name_key(names[i]))
    left = [NOSTREAM] * len(names)
    right = [NOSTREAM] * len(names)
    depth = [0] * len(names)

    def build(lo, hi, d):
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = order[mid]
        depth[node] = d
        left[node] = build(lo, mid - 1, d + 1)
        right[node] = build(mid + 1, hi, d + 1)
        return node

    root = build(0, len(order) - 1, 0)
    maxd = max(depth) if depth else 0
    perfect = len(names) == 2 ** (maxd + 1) - 1
    red = [not perfect and depth[i] == maxd and maxd > 0
           for i in range(len(names))]
    return root, left, right, red


def _dir_entry(name, kind, red, left, right, child, clsid, mtime, start,
               size):
    raw = name.encode("utf-16-le")
    assert len(raw) <= 62, name
    return (raw.ljust(64, b"\0") +
            struct.pack("<HBB", len(raw) + 2 if name else 0, kind,
                        0 if red else 1) +
            struct.pack("<III", left, right, child) + clsid.ljust(16, b"\0") +
            struct.pack("<IQQIQ", 0, 0, mtime, start, size))


def cfb(streams, root_mtime=0, root_clsid=CLSID_EXCEL):
    """A compound file holding streams [(name, bytes)] under its root."""
    big = [(n, d) for n, d in streams if len(d) >= MINI_CUTOFF]
    small = [(n, d) for n, d in streams if len(d) < MINI_CUTOFF]

    # The mini stream: small streams in 64-byte mini sectors.
    ministream = b""
    minifat = []
    mini_start = {}
    for name, data in small:
        n = max(1, math.ceil(len(data) / MINI_SECTOR)) if data else 0
        if n == 0:
            mini_start[name] = ENDOFCHAIN
            continue
        first = len(minifat)
        mini_start[name] = first
        minifat.extend(range(first + 1, first + n))
        minifat.append(ENDOFCHAIN)
        ministream += data.ljust(n * MINI_SECTOR, b"\0")

    # Regular sectors: big streams, the mini stream, the MiniFAT, the
    # directory, then the FAT itself.
    chains = []             # (label, data) laid out in this order

    for name, data in big:
        chains.append((name, data))
    if ministream:
        chains.append(("<ministream>", ministream))
    if minifat:
        mf = b"".join(struct.pack("<I", v) for v in minifat)
        per = SECTOR // 4
        pad = (-len(minifat)) % per
        mf += struct.pack("<I", FREESECT) * pad
        chains.append(("<minifat>", mf))

    nentries = 1 + len(streams)
    ndir = math.ceil(nentries / (SECTOR // 128))
    sizes = [max(1, math.ceil(len(d) / SECTOR)) for _, d in chains]
    data_sectors = sum(sizes) + ndir
    nfat = 1
    while nfat * (SECTOR // 4) < data_sectors + nfat:
        nfat += 1
    assert nfat <= 109, "DIFAT sectors are not written"

    fat = []
    start = {}
    for (label, _), n in zip(chains, sizes):
        first = len(fat)
        start[label] = first
        fat.extend(range(first + 1, first + n))
        fat.append(ENDOFCHAIN)
    dir_first = len(fat)
    fat.extend(range(dir_first + 1, dir_first + ndir))
    fat.append(ENDOFCHAIN)
    fat_first = len(fat)
    fat.extend([FATSECT] * nfat)
    fat.extend([FREESECT] * (nfat * (SECTOR // 4) - len(fat)))

    names = [n for n, _ in streams]
    root_child, left, right, red = _tree(names)

    def sid(i):             # entry 0 is the root; streams follow it
        return i if i == NOSTREAM else i + 1

    entries = [_dir_entry("Root Entry", 5, False, NOSTREAM, NOSTREAM,
                          sid(root_child), root_clsid, root_mtime,
                          start.get("<ministream>", ENDOFCHAIN),
                          len(ministream))]
    for i, (name, data) in enumerate(streams):
        if len(data) >= MINI_CUTOFF:
            first = start[name]
        else:
            first = mini_start[name]
        entries.append(_dir_entry(name, 2, red[i], sid(left[i]),
                                  sid(right[i]),
                                  NOSTREAM, b"", 0, first, len(data)))
    while len(entries) < ndir * (SECTOR // 128):
        entries.append(_dir_entry("", 0, True, NOSTREAM, NOSTREAM, NOSTREAM,
                                  b"", 0, 0, 0))

    difat = list(range(fat_first, fat_first + nfat))
    difat += [FREESECT] * (109 - len(difat))
    header = (CFB_MAGIC + b"\0" * 16 +
              struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) +
              b"\0" * 6 +
              struct.pack("<IIIIIIIII", 0, nfat, dir_first, 0, MINI_CUTOFF,
                          start.get("<minifat>", ENDOFCHAIN),
                          len(minifat) // (SECTOR // 4) +
                          (1 if len(minifat) % (SECTOR // 4) else 0),
                          ENDOFCHAIN, 0) +
              b"".join(struct.pack("<I", v) for v in difat))
    assert len(header) == SECTOR

    body = b""
    for (_, data), n in zip(chains, sizes):
        body += data.ljust(n * SECTOR, b"\0")
    body += b"".join(entries)
    body += b"".join(struct.pack("<I", v) for v in fat)
    return header + body


# ---------------------------------------------------------------------------
# Property sets: the \x05SummaryInformation and DocumentSummaryInformation
# streams Excel writes beside the workbook.

FMTID_SUMMARY = bytes.fromhex("e0859ff2f94f6810ab9108002b27b3d9")
FMTID_DOCSUMMARY = bytes.fromhex("02d5cdd59c2e1b10939708002b2cf9ae")
VT_I2, VT_I4, VT_BOOL, VT_LPSTR, VT_FILETIME = 2, 3, 11, 30, 64


def filetime(when):
    """FILETIME (100 ns since 1601) of a (y, mo, d, h, mi, s) UTC tuple."""
    y, mo, d, h, mi, s = when[:6]
    days = _days_from_1601(y, mo, d)
    return ((days * 86400 + h * 3600 + mi * 60 + s) * 10 ** 7)


def _days_from_1601(y, mo, d):
    import datetime
    return (datetime.date(y, mo, d) - datetime.date(1601, 1, 1)).days


def _prop_value(vt, value):
    if vt == VT_I2:
        return struct.pack("<Ih2x", vt, value)
    if vt == VT_BOOL:
        return struct.pack("<Ih2x", vt, -1 if value else 0)
    if vt == VT_I4:
        return struct.pack("<Ii", vt, value)
    if vt == VT_FILETIME:
        return struct.pack("<IQ", vt, value)
    raw = value.encode("cp1252") + b"\0"
    size = len(raw)
    raw += b"\0" * ((-len(raw)) % 4)
    return struct.pack("<II", vt, size) + raw


def property_set(fmtid, props):
    """A one-section property set stream; props [(pid, vt, value)]."""
    values = [_prop_value(vt, v) for _, vt, v in props]
    offset = 8 + 8 * len(props)
    table = b""
    for (pid, _, _), v in zip(props, values):
        table += struct.pack("<II", pid, offset)
        offset += len(v)
    section = struct.pack("<II", offset, len(props)) + table + b"".join(
        values)
    head = (struct.pack("<HHI", 0xFFFE, 0, 0x00020106) + b"\0" * 16 +
            struct.pack("<I", 1) + fmtid + struct.pack("<I", 0x30))
    return head + section


# ---------------------------------------------------------------------------
# BIFF8.

MAX_DATA = 8224         # bytes of data in one record


def rec(rtype, data=b""):
    assert len(data) <= MAX_DATA, (hex(rtype), len(data))
    return struct.pack("<HH", rtype, len(data)) + data


def _wide(s):
    return any(ord(c) > 0xFF for c in s)


def short_ustr(s):
    """ShortXLUnicodeString: 8-bit count, flags, characters."""
    if _wide(s):
        return struct.pack("<BB", len(s), 1) + s.encode("utf-16-le")
    return struct.pack("<BB", len(s), 0) + s.encode("latin-1")


def ustr(s):
    """XLUnicodeString: 16-bit count, flags, characters."""
    if _wide(s):
        return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")
    return struct.pack("<HB", len(s), 0) + s.encode("latin-1")


# Fonts, in record order; BIFF has no font 4, so the fifth record is 5.
FONTS = (
    # (points, bold, italic, underline)
    (12, False, False, False),      # 0
    (12, True, False, False),       # 1
    (12, False, True, False),       # 2
    (12, True, False, True),        # 3
    (14, True, False, False),       # 5
)
F_REG, F_BOLD, F_ITAL, F_BOLDU, F_TITLE = 0, 1, 2, 3, 5


def font_rec(points, bold, italic, underline, name="Times New Roman"):
    grbit = 0x0002 if italic else 0
    return rec(0x0031, struct.pack("<HHHHHBBBB", points * 20, grbit, 0x7FFF,
                                   700 if bold else 400, 0,
                                   1 if underline else 0, 1, 0, 0) +
               short_ustr(name))


# Cell formats: name -> (font, number format, horizontal, wrap, border).
# Horizontal: 0 general, 1 left, 2 centre. Number format 49 is text (@).
STYLES = {
    "def": (F_REG, 0, 0, False, False),
    "bold_c": (F_BOLD, 0, 2, True, False),
    "plain_c": (F_REG, 0, 2, False, False),
    "ital_c": (F_ITAL, 0, 2, False, False),
    "boldu_c": (F_BOLDU, 0, 2, False, False),
    "title": (F_TITLE, 0, 2, True, False),
    "th": (F_BOLD, 0, 2, True, True),
    "td_c": (F_REG, 0, 2, False, True),
    "td_l": (F_REG, 0, 1, True, True),
    "td_txt": (F_REG, 49, 2, False, True),
    "td_num": (F_REG, 0, 2, False, True),
    "bold_l": (F_BOLD, 0, 0, False, False),
    "plain_l": (F_REG, 0, 0, False, False),
    "ital_l": (F_ITAL, 0, 0, False, False),
    "wrap_l": (F_REG, 0, 1, True, False),
}
STYLE_NAMES = tuple(STYLES)
FIRST_CELL_XF = 21


def _xf(font, fmt, style, parent, halign=0, wrap=False, border=False,
        used=0):
    """One XF record. style: a style XF (parent is then 0xFFF)."""
    flags = (0x0004 | (0xFFF << 4)) if style else (0x0001 | (parent << 4))
    align = halign | (0x08 if wrap else 0) | ((1 if border or halign == 2
                                               else 2) << 4)
    if border:
        b1 = (1 | 1 << 4 | 1 << 8 | 1 << 12 | 64 << 16 | 64 << 23)
        b2 = 64 | 64 << 7
    else:
        b1 = b2 = 0
    return rec(0x00E0, struct.pack("<HHHBBBBIIH", font, fmt, flags, align, 0,
                                   0, used, b1, b2, 64 | 65 << 7))


def _xfs():
    out = [_xf(0, 0, True, 0)]
    # The fourteen outline style XFs Excel keeps after Normal.
    for i in range(1, 15):
        out.append(_xf(1 if i in (1, 2) else 2 if i in (3, 4) else 0, 0,
                       True, 0, used=0xF4))
    out.append(_xf(0, 0, False, 0))             # 15: the default cell XF
    # 16-20: Comma, Comma [0], Currency, Currency [0], Percent.
    for fmt in (0x2B, 0x29, 0x2C, 0x2A, 0x09):
        out.append(_xf(1, fmt, True, 0, used=0xF8))
    for name in STYLE_NAMES:
        font, fmt, halign, wrap, border = STYLES[name]
        used = ((0x04 if fmt else 0) | (0x08 if font else 0) |
                (0x10 if halign or wrap else 0) | (0x20 if border else 0))
        out.append(_xf(font, fmt, False, 0, halign, wrap, border, used))
    return out


def _style_recs():
    out = [rec(0x0293, struct.pack("<HBB", 0x8000, 0, 0xFF))]
    for xf, builtin in ((16, 3), (17, 6), (18, 4), (19, 7), (20, 5)):
        out.append(rec(0x0293, struct.pack("<HBB", 0x8000 | xf, builtin,
                                           0xFF)))
    return out


class XlsSheet(Grid):
    """A worksheet like the XLSX Sheet; widths in characters."""

    default_style = "def"

    def put(self, row, col, value, style=None):
        """value: str (shared string), int or float (NUMBER), None."""
        assert style is None or style in STYLES, style
        super().put(row, col, value, style)


class _Sst(StringTable):
    def add(self, s):
        return self.intern(s)

    def records(self, stream_pos):
        """SST and its CONTINUE records, then EXTSST; stream_pos is where
        the SST record will start in the Workbook stream."""
        n = len(self.items)
        dsst = max(8, math.ceil(n / 128))
        buckets = []
        recs = []                       # data of SST, then CONTINUEs
        cur = bytearray(struct.pack("<II", self.count, n))
        done = b""

        def flush():
            nonlocal cur, done
            recs.append(bytes(cur))
            done += struct.pack("<HH", 0x00FC if len(recs) == 1 else 0x003C,
                                len(cur)) + bytes(cur)
            cur = bytearray()

        for k, s in enumerate(self.items):
            wide = _wide(s)
            unit = 2 if wide else 1
            chars = s.encode("utf-16-le" if wide else "latin-1")
            # The 3-byte header and a first character stay together.
            if len(cur) + 3 + unit > MAX_DATA:
                flush()
            if k % dsst == 0:
                rel = 4 + len(cur)
                buckets.append((stream_pos + len(done) + rel, rel))
            cur += struct.pack("<HB", len(s), 1 if wide else 0)
            while chars:
                room = (MAX_DATA - len(cur)) // unit * unit
                cur += chars[:room]
                chars = chars[room:]
                if chars:
                    flush()
                    cur += struct.pack("<B", 1 if wide else 0)
        flush()
        ext = struct.pack("<H", dsst) + b"".join(
            struct.pack("<IHH", ib, cb, 0) for ib, cb in buckets)
        return done + rec(0x00FF, ext)


def _sheet_stream(sheet, sst, selected):
    cells = sorted(sheet.cells.items())
    rows = [r for (r, _), _ in cells]
    cols = [c for (_, c), _ in cells]
    out = [rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x2CA3, 0x07CD,
                                   0x000080C9, 0x00000206)),
           rec(0x0055, struct.pack("<H", 8))]                   # DEFCOLWIDTH
    for c, w in enumerate(sheet.widths):
        out.append(rec(0x007D, struct.pack("<HHHHHH", c, c,
                                           int(float(w) * 256), 15, 0, 0)))
    out.append(rec(0x0200, struct.pack("<IIHHH", min(rows) - 1, max(rows),
                                       min(cols) - 1, max(cols), 0)))
    for (r, c), (value, style) in cells:
        xf = FIRST_CELL_XF + STYLE_NAMES.index(style)
        if value is None:
            out.append(rec(0x0201, struct.pack("<HHH", r - 1, c - 1, xf)))
        elif isinstance(value, str):
            out.append(rec(0x00FD, struct.pack("<HHHI", r - 1, c - 1, xf,
                                               sst.add(value))))
        else:
            out.append(rec(0x0203, struct.pack("<HHHd", r - 1, c - 1, xf,
                                               float(value))))
    out.append(rec(0x023E, struct.pack("<HHHHHHHI",
                                       0x06B6 if selected else 0x02B6,
                                       0, 0, 64, 0, 0, 0, 0)))
    merges = list(sheet.merges)
    while merges:
        part, merges = merges[:1026], merges[1026:]
        out.append(rec(0x00E5, struct.pack("<H", len(part)) + b"".join(
            struct.pack("<HHHH", r1 - 1, r2 - 1, c1 - 1, c2 - 1)
            for r1, c1, r2, c2 in part)))
    out.append(rec(0x000A))
    return b"".join(out)


def workbook_stream(sheets, author, active=0):
    sst = _Sst()
    bodies = [_sheet_stream(s, sst, n == active)
              for n, s in enumerate(sheets)]
    user = ustr(author)
    head = [rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x2CA3, 0x07CD,
                                    0x000080C9, 0x00000206)),
            rec(0x00E1, struct.pack("<H", 1200)),               # INTERFACEHDR
            rec(0x00C1, b"\0\0"),                               # MMS
            rec(0x00E2),                                        # INTERFACEEND
            rec(0x005C, user + b" " * (112 - len(user))),       # WRITEACCESS
            rec(0x0042, struct.pack("<H", 1200)),               # CODEPAGE
            rec(0x0161, struct.pack("<H", 0)),                  # DSF
            rec(0x013D, b"".join(struct.pack("<H", i + 1)       # TABID
                                 for i in range(len(sheets)))),
            rec(0x009C, struct.pack("<H", 14)),                 # FNGROUPCOUNT
            rec(0x0019, struct.pack("<H", 0)),                  # WINDOWPROTECT
            rec(0x0012, struct.pack("<H", 0)),                  # PROTECT
            rec(0x0013, struct.pack("<H", 0)),                  # PASSWORD
            rec(0x01AF, struct.pack("<H", 0)),                  # PROT4REV
            rec(0x01BC, struct.pack("<H", 0)),                  # PROT4REVPASS
            rec(0x0040, struct.pack("<H", 0)),                  # BACKUP
            rec(0x008D, struct.pack("<H", 0)),                  # HIDEOBJ
            rec(0x003D, struct.pack("<HHHHHHHHH", 0x0168, 0x001E, 0x5A00,
                                    0x2A30, 0x0038, active, 0, 1, 0x0258)),
            rec(0x0022, struct.pack("<H", 0)),                  # DATE1904
            rec(0x000E, struct.pack("<H", 1)),                  # CALCPRECISION
            rec(0x01B7, struct.pack("<H", 0)),                  # REFRESHALL
            rec(0x00DA, struct.pack("<H", 0))]                  # BOOKBOOL
    head += [font_rec(*f) for f in FONTS]
    head += _xfs()
    head += _style_recs()
    head.append(rec(0x0160, struct.pack("<H", 1)))              # USESELFS
    names = [short_ustr(s.name) for s in sheets]
    bound_len = sum(4 + 6 + len(n) for n in names)
    tail_fixed = rec(0x008C, struct.pack("<HH", 84, 84))        # COUNTRY
    pre = b"".join(head)
    sst_pos = len(pre) + bound_len + len(tail_fixed)
    sst_recs = sst.records(sst_pos)
    globals_len = sst_pos + len(sst_recs) + 4                   # + EOF
    bound = b""
    pos = globals_len
    for n, body in zip(names, bodies):
        bound += rec(0x0085, struct.pack("<IBB", pos, 0, 0) + n)
        pos += len(body)
    out = pre + bound + tail_fixed + sst_recs + rec(0x000A)
    assert len(out) == globals_len
    return out + b"".join(bodies)


def xls_workbook(sheets, when, author, active=0, company=""):
    """The bytes of a .xls file: the Workbook stream and the two property
    set streams, in a compound file."""
    ft = filetime(when)
    summary = property_set(FMTID_SUMMARY, [
        (1, VT_I2, 1252),
        (4, VT_LPSTR, author),
        (8, VT_LPSTR, author),
        (0x12, VT_LPSTR, "Microsoft Excel"),
        (0x0C, VT_FILETIME, ft),
        (0x0D, VT_FILETIME, ft),
        (0x13, VT_I4, 0),
    ])
    docsummary = property_set(FMTID_DOCSUMMARY, [
        (1, VT_I2, 1252),
        (0x0F, VT_LPSTR, company),
        (0x16, VT_BOOL, 0),
        (0x17, VT_I4, 0x000B0000),
    ])
    return cfb([("Workbook", workbook_stream(sheets, author, active)),
                ("\x05SummaryInformation", summary),
                ("\x05DocumentSummaryInformation", docsummary)],
               root_mtime=ft)
