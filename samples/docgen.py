# docgen.py: what the document generators share: the sample generator
# (make-samples.py, xls.py, check-samples.py), the benchmark list
# (tests/bench/make-list.py) and the fuzz seeds (tests/fuzz/seed.py).
# Standard library only; never reads the clock or a random source, so the
# same input always gives the same bytes. The blind sets (tests/blind*)
# keep generators of their own on purpose: they must not share our
# mistakes.

import html
import io
import zipfile

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"


def esc(s):
    """Text for XML content and attribute values."""
    return html.escape(s, quote=True).replace("&#x27;", "&apos;")


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_digit(body):
    """The check digit that makes body + digit pass luhn_ok."""
    for d in "0123456789":
        if luhn_ok(body + d):
            return d
    raise AssertionError(body)


def col_name(c):
    """Spreadsheet column letters of column c, from 1: 1 A, 27 AA."""
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def rels(items):
    """A relationships part: items of (id, type, target) or (id, type,
    target, external)."""
    out = [XML_DECL, '<Relationships xmlns="%s">' % NS_REL]
    for item in items:
        rid, typ, target = item[:3]
        ext = len(item) > 3 and item[3]
        out.append('<Relationship Id="%s" Type="%s" Target="%s"%s/>'
                   % (rid, typ, target,
                      ' TargetMode="External"' if ext else ""))
    out.append("</Relationships>")
    return "".join(out)


def zip_parts(parts, when, method=zipfile.ZIP_DEFLATED):
    """A ZIP of (name, str or bytes) parts, in order, every entry dated
    when (a 6-tuple) and made by no particular system, as Office writes
    them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = method
            zi.create_system = 0
            zi.external_attr = 0
            z.writestr(zi, data if isinstance(data, bytes)
                       else data.encode("utf-8"))
    return buf.getvalue()


class StringTable:
    """A shared string table (XLSX sharedStrings, BIFF8 SST): each distinct
    key once, in the order first met; count is every reference."""

    def __init__(self):
        self.items = []
        self.index = {}
        self.count = 0

    def intern(self, key):
        self.count += 1
        if key not in self.index:
            self.index[key] = len(self.items)
            self.items.append(key)
        return self.index[key]


class Grid:
    """A worksheet being written: cells by 1-based (row, col), each a
    (value, style), and merged ranges (r1, c1, r2, c2). A subclass names
    its default_style and writes the sheet in its own format."""

    default_style = None

    def __init__(self, name, widths):
        self.name = name
        self.widths = widths        # per column from A
        self.cells = {}
        self.merges = []

    def put(self, row, col, value, style=None):
        self.cells[(row, col)] = (value, self.default_style
                                  if style is None else style)

    def merge(self, r1, c1, r2, c2, value=None, style=None, fill=None):
        """Merge a range, the value going to its top-left cell; fill styles
        the covered cells (Excel keeps them for the borders)."""
        self.merges.append((r1, c1, r2, c2))
        if value is not None:
            self.put(r1, c1, value, style)
        if fill is not None:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self.put(r, c, None, fill)


# ---------------------------------------------------------------------------
# Pre-Unicode Vietnamese fonts. A document typed in them stores each legacy
# byte as the character of the same value (U+0080-U+00FF), which is what
# these return. TCVN3 comes from iconv's TCVN5712-1 (glibc), not from our
# own tables, so the samples test the reader against another implementation.

def tcvn3(text):
    """text as typed in .VnTime (lower case and ASCII capitals; Đ) or, for
    text with no lower-case letter, in .VnTimeH, which draws the lower-case
    bytes as capitals: (font, stored text). Capitals with a mark other than
    Đ have no .VnTime byte and are refused."""
    import subprocess
    caps = text == text.upper() and text != text.lower()
    src = text.lower() if caps else text
    out = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],
                         input=src.encode("utf-8"), capture_output=True,
                         check=True).stdout
    assert all(b >= 0x20 or b == 0x0a for b in out) and (caps or all(
        b < 0x80 or b >= 0xa1 for b in out)), (text, out)
    return (".VnTimeH" if caps else ".VnTime"), out.decode("latin-1")


# VNI Windows: a base letter, then one byte for its marks (lower- and
# upper-case glyphs of each mark byte); đ, ơ, ư, the toned i and ỵ are
# bytes of their own.
_VNI_OWN = {"đ": 0xf1, "ơ": 0xf4, "ư": 0xf6, "í": 0xed, "ì": 0xec,
            "ỉ": 0xe6, "ĩ": 0xf3, "ị": 0xf2, "ỵ": 0xee}
_VNI_TONE = {"\u0301": 0xf9, "\u0300": 0xf8, "\u0309": 0xfb, "\u0303": 0xf5,
             "\u0323": 0xef}
_VNI_CIRC = {None: 0xe2, "\u0301": 0xe1, "\u0300": 0xe0, "\u0309": 0xe5,
             "\u0303": 0xe3, "\u0323": 0xe4}
_VNI_BREVE = {None: 0xea, "\u0301": 0xe9, "\u0300": 0xe8, "\u0309": 0xfa,
              "\u0303": 0xfc, "\u0323": 0xeb}


def vni(text):
    """text as typed in VNI-Times: ("VNI-Times", stored text)."""
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFC", text):
        lo = ch.lower()
        up = ch != lo
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        if lo in _VNI_OWN:
            b = _VNI_OWN[lo]
            out.append(chr(b - 0x20 if up else b))
            continue
        d = unicodedata.normalize("NFD", lo)
        base, marks = d[0], d[1:]
        tone = next((m for m in marks if m in _VNI_TONE), None)
        if "\u031b" in marks:           # horn: ơ, ư then the tone
            b = _VNI_OWN[unicodedata.normalize("NFC", base + "\u031b")]
            out.append(chr(b - 0x20 if up else b))
            if tone:
                out.append(chr(_VNI_TONE[tone] - (0x20 if up else 0)))
            continue
        out.append(base.upper() if up else base)
        if "\u0302" in marks:
            m = _VNI_CIRC[tone]
        elif "\u0306" in marks:
            m = _VNI_BREVE[tone]
        elif tone:
            m = _VNI_TONE[tone]
        else:
            raise AssertionError((text, ch))
        out.append(chr(m - 0x20 if up else m))
    return "VNI-Times", "".join(out)
