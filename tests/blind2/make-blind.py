#!/usr/bin/env python3
"""make-blind.py OUTDIR

Blind set 2 for hotrocks: realistic submissions to HotroCKS@quangngai.dcs.vn
covering every request named in letter 1871-CV/VPTU except SIM activation
lists: eToken recovery (Mẫu 12), SIM PKI recovery, Mẫu 11 from a person,
certificate requests (Mẫu 01-10), handover / loss records (Mẫu 13-15),
reports, question letters, and messages with two documents.

Python 3 standard library only; the output is byte-for-byte deterministic.
Writes OUTDIR/NN-name.eml and OUTDIR/expected.json.
"""
import base64
import io
import json
import os
import quopri
import re
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape as _escape

ZIP_DATE = (2024, 5, 6, 8, 0, 0)
DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAILBOX = "HotroCKS@quangngai.dcs.vn"


def xe(s):
    return _escape(s, {'"': "&quot;"})


def zip_bytes(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


# --------------------------------------------------------------------------
# ICCID helpers
def luhn_check_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iccid(issuer, serial):
    body = "8984" + issuer + serial
    out = body + luhn_check_digit(body)
    assert luhn_ok(out) and len(out) in (19, 20), out
    return out


def spaced(num, group=4):
    return " ".join(num[i:i + group] for i in range(0, len(num), group))


# --------------------------------------------------------------------------
# DOCX
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def split_chunks(text):
    """Split text the way Word leaves runs after editing: every few words,
    sometimes inside a word."""
    words = re.findall(r"\S+\s*|\s+", text)
    chunks, cur = [], ""
    for k, w in enumerate(words):
        if k % 5 == 3 and len(w.strip()) > 4:
            cur += w[:2]
            chunks.append(cur)
            cur = w[2:]
            continue
        cur += w
        if k % 3 == 2:
            chunks.append(cur)
            cur = ""
    if cur:
        chunks.append(cur)
    return [c for c in chunks if c]


class Docx:
    def __init__(self, nfd=False, split=False, author="Admin", font="Times New Roman"):
        self.body = []
        self.nfd = nfd
        self.split = split
        self.author = author
        self.font = font
        self._n = 0

    def _t(self, s):
        return unicodedata.normalize("NFD", s) if self.nfd else s

    def _rsid(self):
        self._n += 1
        return "00%06X" % ((self._n * 2654435761) & 0xFFFFFF)

    def runs(self, text, b=False, i=False, u=False, sz=None, split=None):
        split = self.split if split is None else split
        rpr = '<w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/>' % ((self.font,) * 3)
        if b:
            rpr += "<w:b/>"
        if i:
            rpr += "<w:i/>"
        if u:
            rpr += '<w:u w:val="single"/>'
        if sz:
            rpr += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (sz, sz)
        chunks = split_chunks(text) if split and len(text) > 12 else [text]
        out = []
        for k, ch in enumerate(chunks):
            inner = ""
            for m in re.split(r"(\t|\n)", ch):
                if m == "\t":
                    inner += "<w:tab/>"
                elif m == "\n":
                    inner += "<w:br/>"
                elif m:
                    inner += '<w:t xml:space="preserve">%s</w:t>' % xe(self._t(m))
            if split and k % 4 == 1:
                out.append('<w:proofErr w:type="spellStart"/>')
            out.append('<w:r w:rsidR="%s"><w:rPr>%s</w:rPr>%s</w:r>' % (self._rsid(), rpr, inner))
            if split and k % 4 == 1:
                out.append('<w:proofErr w:type="spellEnd"/>')
        return "".join(out)

    def para(self, content="", align=None, b=False, i=False, u=False, sz=None,
             indent=None, split=None, after=60):
        """content: str, or list of (text, fmt-dict)."""
        ppr = '<w:spacing w:before="0" w:after="%d"/>' % after
        if indent:
            ppr += '<w:ind w:firstLine="%d"/>' % indent
        if align:
            ppr += '<w:jc w:val="%s"/>' % align
        if isinstance(content, str):
            content = [(content, {})]
        rx = ""
        for text, fmt in content:
            f = {"b": b, "i": i, "u": u, "sz": sz, "split": split}
            f.update({k: v for k, v in fmt.items() if k != "align"})
            rx += self.runs(text, **f)
        return "<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (ppr, rx)

    def p(self, content="", **kw):
        self.body.append(self.para(content, **kw))

    def table(self, rows, widths, borders=True, bold_rows=(0,), center_rows=(0,), sz=None):
        """rows: list of lists of cells; a cell is a str (one paragraph),
        a list of str / (str, fmt) (several paragraphs), or a dict with
        keys t, span, vm ('restart'/'continue'), b, align."""
        bval = "single" if borders else "nil"
        tb = "".join('<w:%s w:val="%s" w:sz="4" w:space="0" w:color="auto"/>' % (e, bval)
                     for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        x = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>%s</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>' % tb]
        x += ['<w:gridCol w:w="%d"/>' % w for w in widths]
        x.append("</w:tblGrid>")
        for ri, row in enumerate(rows):
            x.append("<w:tr>")
            col = 0
            for cell in row:
                if not isinstance(cell, dict):
                    cell = {"t": cell}
                span = cell.get("span", 1)
                width = sum(widths[col:col + span])
                col += span
                tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
                if span > 1:
                    tcpr += '<w:gridSpan w:val="%d"/>' % span
                if cell.get("vm") == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif cell.get("vm") == "continue":
                    tcpr += "<w:vMerge/>"
                tcpr += '<w:vAlign w:val="center"/>'
                t = cell.get("t", "")
                paras = t if isinstance(t, list) else [t]
                b = cell.get("b", ri in bold_rows)
                align = cell.get("align", "center" if ri in center_rows else None)
                px = ""
                for pp in paras:
                    if isinstance(pp, tuple):
                        px += self.para([pp], align=pp[1].get("align", align), b=b, sz=sz, after=0)
                    else:
                        px += self.para(pp, align=align, b=b, sz=sz, after=0)
                x.append("<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, px or "<w:p/>"))
            x.append("</w:tr>")
        x.append("</w:tbl>")
        self.body.append("".join(x))
        self.body.append(self.para(""))

    def build(self, title=""):
        doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
               '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s'
               '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
               'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
               % (W_NS, R_NS, "".join(self.body)))
        ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
              '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
              '</Types>')
        rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                '</Relationships>')
        drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
                 '</Relationships>')
        styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                  '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
                  '<w:rFonts w:ascii="%s" w:hAnsi="%s" w:cs="%s"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
                  '<w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>'
                  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
                  '</w:styles>' % (W_NS, self.font, self.font, self.font))
        settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                    '<w:settings xmlns:w="%s"><w:zoom w:percent="100"/>'
                    '<w:defaultTabStop w:val="720"/><w:compat/></w:settings>' % W_NS)
        core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '<dc:title>%s</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy>'
                '<cp:revision>3</cp:revision>'
                '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T01:00:00Z</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-06T01:30:00Z</dcterms:modified>'
                '</cp:coreProperties>' % (xe(title), xe(self.author), xe(self.author)))
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity></Properties>')
        return zip_bytes([("[Content_Types].xml", ct), ("_rels/.rels", rels),
                          ("word/document.xml", doc), ("word/_rels/document.xml.rels", drels),
                          ("word/styles.xml", styles), ("word/settings.xml", settings),
                          ("docProps/core.xml", core), ("docProps/app.xml", app)])


# --------------------------------------------------------------------------
# XLSX
def col_letter(c):
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}
        self.merges = []
        self.widths = {}

    def row(self, r, values, c0=1):
        for k, v in enumerate(values):
            if v is not None and v != "":
                self.cells[(r, c0 + k)] = v

    def merge(self, ref):
        self.merges.append(ref)


class Xlsx:
    """inline=True writes inline strings (as LibreOffice/WPS exports do);
    otherwise a shared-string table.  A cell value ('rich', [(text, bold)...])
    becomes a rich-text string."""

    def __init__(self, inline=False, app="Microsoft Excel"):
        self.sheets = []
        self.inline = inline
        self.app = app

    def sheet(self, name):
        s = Sheet(name)
        self.sheets.append(s)
        return s

    def build(self):
        shared, sidx = [], {}

        def si_xml(v):
            if isinstance(v, tuple):
                return "".join('<r>%s<t xml:space="preserve">%s</t></r>'
                               % ("<rPr><b/></rPr>" if b else "", xe(t)) for t, b in v[1])
            return '<t xml:space="preserve">%s</t>' % xe(v)

        files = []
        for n, sh in enumerate(self.sheets, 1):
            rows = {}
            for (r, c), v in sh.cells.items():
                rows.setdefault(r, []).append((c, v))
            maxr = max(r for r, _ in sh.cells) if sh.cells else 1
            maxc = max(c for _, c in sh.cells) if sh.cells else 1
            x = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                 'xmlns:r="%s"><dimension ref="A1:%s%d"/><sheetViews><sheetView workbookViewId="0"/>'
                 '</sheetViews><sheetFormatPr defaultRowHeight="15"/>' % (R_NS, col_letter(maxc), maxr)]
            if sh.widths:
                x.append("<cols>")
                for c in sorted(sh.widths):
                    x.append('<col min="%d" max="%d" width="%s" customWidth="1"/>' % (c, c, sh.widths[c]))
                x.append("</cols>")
            x.append("<sheetData>")
            for r in sorted(rows):
                x.append('<row r="%d">' % r)
                for c, v in sorted(rows[r], key=lambda cv: cv[0]):
                    ref = "%s%d" % (col_letter(c), r)
                    if isinstance(v, bool):
                        raise ValueError(v)
                    if isinstance(v, (int, float)):
                        x.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v)))
                    elif self.inline and not isinstance(v, tuple):
                        x.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xe(v)))
                    else:
                        key = repr(v)
                        if key not in sidx:
                            sidx[key] = len(shared)
                            shared.append(v)
                        x.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sidx[key]))
                x.append("</row>")
            x.append("</sheetData>")
            if sh.merges:
                x.append('<mergeCells count="%d">%s</mergeCells>'
                         % (len(sh.merges), "".join('<mergeCell ref="%s"/>' % m for m in sh.merges)))
            x.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
            files.append(("xl/worksheets/sheet%d.xml" % n, "".join(x)))
        ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
              '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
        for n in range(1, len(self.sheets) + 1):
            ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % n)
        if shared:
            ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        ct.append('<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
        rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                '</Relationships>')
        wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s">'
              '<bookViews><workbookView/></bookViews><sheets>' % R_NS]
        wrels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
        for n, sh in enumerate(self.sheets, 1):
            wb.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (xe(sh.name), n, n))
            wrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (n, n))
        wb.append("</sheets></workbook>")
        k = len(self.sheets)
        wrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (k + 1))
        if shared:
            wrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (k + 2))
        wrels.append("</Relationships>")
        styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  '<fonts count="1"><font><sz val="12"/><name val="Times New Roman"/></font></fonts>'
                  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
                  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
                  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                  '</styleSheet>')
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>%s</Application></Properties>' % xe(self.app))
        out = [("[Content_Types].xml", "".join(ct)), ("_rels/.rels", rels),
               ("xl/workbook.xml", "".join(wb)), ("xl/_rels/workbook.xml.rels", "".join(wrels)),
               ("xl/styles.xml", styles)]
        out += files
        if shared:
            sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
                   % (len(shared), len(shared))]
            sst += ["<si>%s</si>" % si_xml(v) for v in shared]
            sst.append("</sst>")
            out.append(("xl/sharedStrings.xml", "".join(sst)))
        out.append(("docProps/app.xml", app))
        return zip_bytes(out)


# --------------------------------------------------------------------------
# MIME
CRLF = "\r\n"


def enc_b(s, cs="UTF-8"):
    words, cur = [], ""
    for ch in s:
        if len((cur + ch).encode("utf-8")) > 45:
            words.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(cur)
    return ["=?%s?B?%s?=" % (cs, base64.b64encode(w.encode("utf-8")).decode()) for w in words]


def enc_q(s, cs="UTF-8"):
    def q(ch):
        out = ""
        for b in ch.encode("utf-8"):
            c = chr(b)
            if c == " ":
                out += "_"
            elif b < 128 and (c.isalnum() or c in "-!*+/"):
                out += c
            else:
                out += "=%02X" % b
        return out
    limit = 75 - len("=?%s?Q??=" % cs)
    words, cur = [], ""
    for ch in s:
        qq = q(ch)
        if len(cur) + len(qq) > limit:
            words.append(cur)
            cur = qq
        else:
            cur += qq
    if cur:
        words.append(cur)
    return ["=?%s?Q?%s?=" % (cs, w) for w in words]


def hdr_text(s, mode="B", cs="UTF-8", fold=CRLF + " "):
    if all(ord(c) < 128 for c in s):
        return s
    words = enc_b(s, cs) if mode == "B" else enc_q(s, cs)
    return fold.join(words)


def addr(name, email, mode="B", cs="UTF-8", quote_ascii=False):
    if not name:
        return email
    if all(ord(c) < 128 for c in name):
        return '"%s" <%s>' % (name, email) if quote_ascii else "%s <%s>" % (name, email)
    return "%s <%s>" % (" ".join(enc_b(name, cs) if mode == "B" else enc_q(name, cs)), email)


def rfc2231(pname, value):
    def pct(ch):
        if ch.isascii() and (ch.isalnum() or ch in "!#$&+-.^_`|~"):
            return ch
        return "".join("%%%02X" % b for b in ch.encode("utf-8"))
    chunks, cur = [], ""
    for ch in value:
        p = pct(ch)
        if len(cur) + len(p) > 54:
            chunks.append(cur)
            cur = p
        else:
            cur += p
    if cur:
        chunks.append(cur)
    if len(chunks) == 1:
        return [" %s*=UTF-8''%s" % (pname, chunks[0])]
    out = []
    for k, c in enumerate(chunks):
        out.append(" %s*%d*=%s%s" % (pname, k, "UTF-8''" if k == 0 else "", c))
    return out


def b64_body(data):
    s = base64.b64encode(data).decode()
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76))


def qp_body(text):
    enc = quopri.encodestring(text.encode("utf-8"))
    return enc.decode("ascii").replace("\n", CRLF)


def html_of(text):
    paras = text.split("\n")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
            "<body>" + "".join("<div>%s</div>" % (xe(p) if p else "<br>") for p in paras) + "</body></html>")


def multipart(boundary, parts, preamble=""):
    out = preamble
    for p in parts:
        out += "--" + boundary + CRLF + p + CRLF
    out += "--" + boundary + "--" + CRLF
    return out


def assemble(headers, body):
    return (CRLF.join(headers) + CRLF + CRLF + body).encode("utf-8")


def mail_outlook(seq, frm, subject, date, text, atts):
    """Microsoft Outlook 16 (desktop, SMTP): RFC 2047 B in parameters,
    tab-folded, Thread-Index, ----=_NextPart boundaries."""
    b1 = "----=_NextPart_000_00%02d_01DA9FC5.E88E6A%02d" % (seq, seq)
    b2 = "----=_NextPart_001_00%02d_01DA9FC5.E88E6A%02d" % (seq, seq)
    alt = multipart(b2, [
        CRLF.join(['Content-Type: text/plain;', '\tcharset="utf-8"',
                   "Content-Transfer-Encoding: quoted-printable", "", qp_body(text)]),
        CRLF.join(['Content-Type: text/html;', '\tcharset="utf-8"',
                   "Content-Transfer-Encoding: quoted-printable", "", qp_body(html_of(text))]),
    ], preamble="")
    parts = [CRLF.join(['Content-Type: multipart/alternative;', '\tboundary="%s"' % b2, "", alt.rstrip(CRLF)])]
    for fname, data, ctype in atts:
        ew = " ".join(enc_b(fname, "utf-8")) if not fname.isascii() else fname
        parts.append(CRLF.join([
            "Content-Type: %s;" % ctype, '\tname="%s"' % ew,
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment;", '\tfilename="%s"' % ew, "", b64_body(data)]))
    headers = [
        "From: " + addr(frm[0], frm[1], "B", "utf-8"),
        'To: <%s>' % MAILBOX,
        "Subject: " + hdr_text(subject, "B", "utf-8", CRLF + "\t"),
        "Date: " + date,
        "Message-ID: <0000%02d01da9f8b$3c2a1e50$b47e5af0$@%s>" % (seq, frm[1].split("@")[1]),
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed;",
        '\tboundary="%s"' % b1,
        "X-Mailer: Microsoft Outlook 16.0",
        "Thread-Index: AdqfiztRk2P0W%02dQSvmwYcT0Xj0Pjg==" % seq,
        "Content-Language: vi",
    ]
    return assemble(headers, multipart(b1, parts, preamble="This is a multipart message in MIME format." + CRLF + CRLF))


def mail_gmail(seq, frm, subject, date, text, atts):
    """Gmail web: boundaries 0000000000…, RFC 2047 B in quoted parameters,
    Content-ID / X-Attachment-Id on each attachment."""
    b1 = "000000000000%012x" % (0x5a1e7c0610b4 + seq)
    b2 = "000000000000%012x" % (0x5a1e7b0610b4 + seq)
    alt = multipart(b2, [
        CRLF.join(['Content-Type: text/plain; charset="UTF-8"',
                   "Content-Transfer-Encoding: base64", "", b64_body(text.replace("\n", CRLF).encode())]),
        CRLF.join(['Content-Type: text/html; charset="UTF-8"',
                   "Content-Transfer-Encoding: quoted-printable", "", qp_body(html_of(text))]),
    ])
    parts = [CRLF.join(['Content-Type: multipart/alternative; boundary="%s"' % b2, "", alt.rstrip(CRLF)])]
    for k, (fname, data, ctype) in enumerate(atts):
        ew = " ".join(enc_b(fname)) if not fname.isascii() else fname
        aid = "f_lw%02dk%dq%d" % (seq, k, k + 3)
        parts.append(CRLF.join([
            'Content-Type: %s; ' % ctype, ' name="%s"' % ew,
            'Content-Disposition: attachment; ', ' filename="%s"' % ew,
            "Content-Transfer-Encoding: base64",
            "Content-ID: <%s>" % aid, "X-Attachment-Id: %s" % aid, "", b64_body(data)]))
    if atts:
        body = multipart(b1, parts)
        ctype = 'Content-Type: multipart/mixed; boundary="%s"' % b1
    else:
        body = alt
        ctype = 'Content-Type: multipart/alternative; boundary="%s"' % b2
    headers = [
        "MIME-Version: 1.0",
        "From: " + addr(frm[0], frm[1], "B"),
        "Date: " + date,
        "Message-ID: <CAK7rXq%02d+Vd3mW0hT_pYzQe8gN%02dLk=6aB@mail.gmail.com>" % (seq, seq),
        "Subject: " + hdr_text(subject, "B"),
        "To: " + MAILBOX,
        ctype,
    ]
    return assemble(headers, body)


def mail_thunderbird(seq, frm, subject, date, text, atts):
    """Thunderbird 115: RFC 2231 parameters with continuations, 8bit
    format=flowed text."""
    b1 = "------------%024d" % (seq * 7919 + 10 ** 20)
    body_text = "\r\n".join(text.split("\n"))
    parts = [CRLF.join(["Content-Type: text/plain; charset=UTF-8; format=flowed",
                        "Content-Transfer-Encoding: 8bit", "", body_text])]
    for fname, data, ctype in atts:
        name_p = rfc2231("name", fname)
        file_p = rfc2231("filename", fname)
        parts.append(CRLF.join(
            ["Content-Type: %s;" % ctype] + [l + ";" for l in name_p[:-1]] + [name_p[-1]]
            + ["Content-Disposition: attachment;"] + [l + ";" for l in file_p[:-1]] + [file_p[-1]]
            + ["Content-Transfer-Encoding: base64", "", b64_body(data)]))
    headers = [
        "Message-ID: <%08x-7b1d-4c55-9a0e-2b6d1e0f%04x@%s>" % (0x3f1c2a00 + seq, seq, frm[1].split("@")[1]),
        "Date: " + date,
        "MIME-Version: 1.0",
        "User-Agent: Mozilla Thunderbird",
        "Content-Language: vi",
        "To: " + MAILBOX,
        "From: " + addr(frm[0], frm[1], "Q"),
        "Subject: " + hdr_text(subject, "Q"),
        'Content-Type: multipart/mixed; boundary="%s"' % b1,
    ]
    return assemble(headers, multipart(b1, parts, preamble="This is a multi-part message in MIME format." + CRLF))


def mail_zimbra(seq, frm, subject, date, text, atts):
    """Zimbra 8.8 web client: =_uuid boundaries, Q-encoded words in quoted
    parameters, lower-case utf-8, Thread-Topic."""
    b1 = "=_%08x-5e2f-4d1a-9c7b-%012x" % (0xa1b2c300 + seq, 0x3d5e7f900000 + seq)
    b2 = "=_%08x-5e2f-4d1a-9c7b-%012x" % (0xb1b2c300 + seq, 0x3d5e7f900000 + seq)
    alt = multipart(b2, [
        CRLF.join(["Content-Type: text/plain; charset=utf-8",
                   "Content-Transfer-Encoding: quoted-printable", "", qp_body(text)]),
        CRLF.join(["Content-Type: text/html; charset=utf-8",
                   "Content-Transfer-Encoding: quoted-printable", "", qp_body(html_of(text))]),
    ])
    parts = [CRLF.join(['Content-Type: multipart/alternative; boundary="%s"' % b2, "", alt.rstrip(CRLF)])]
    for fname, data, ctype in atts:
        ew = " ".join(enc_q(fname, "utf-8")) if not fname.isascii() else fname
        parts.append(CRLF.join([
            'Content-Type: %s; name="%s"' % (ctype, ew),
            'Content-Disposition: attachment; filename="%s"' % ew,
            "Content-Transfer-Encoding: base64", "", b64_body(data)]))
    headers = [
        "Date: " + date + " (ICT)",
        "From: " + addr(frm[0], frm[1], "Q", "utf-8"),
        "To: HotroCKS <%s>" % MAILBOX,
        "Message-ID: <%d.%d.1715%07d.JavaMail.zimbra@quangngai.dcs.vn>" % (1287345 + seq, 60211 + seq, seq * 1000),
        "Subject: " + hdr_text(subject, "Q", "utf-8"),
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="%s"' % b1,
        "X-Originating-IP: [10.61.%d.%d]" % (seq % 7, 20 + seq),
        "X-Mailer: Zimbra 8.8.15_GA_4484 (ZimbraWebClient - GC124 (Win)/8.8.15_GA_4481)",
        "Thread-Topic: " + hdr_text(subject, "Q", "utf-8"),
        "Thread-Index: %s" % base64.b64encode(("zimbra-thread-%02d" % seq).encode()).decode(),
    ]
    return assemble(headers, multipart(b1, parts))


CLIENTS = {"outlook": mail_outlook, "gmail": mail_gmail,
           "thunderbird": mail_thunderbird, "zimbra": mail_zimbra}


# --------------------------------------------------------------------------
# Document pieces
import datetime
import email.utils

ICT = datetime.timezone(datetime.timedelta(hours=7))


def maildate(y, mo, d, h, mi, s):
    return email.utils.format_datetime(datetime.datetime(y, mo, d, h, mi, s, tzinfo=ICT))


CANCU = ("Căn cứ Thông tư số 185/2019/TT-BQP ngày 04/12/2019 của Bộ trưởng Bộ Quốc phòng "
         "hướng dẫn việc cung cấp, quản lý, sử dụng dịch vụ chứng thực chữ ký số chuyên dùng "
         "Chính phủ; Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy về việc "
         "hướng dẫn quy định, thủ tục liên quan đến chữ ký số,")
CANCU_CUC = ("Căn cứ Nghị định số 130/2018/NĐ-CP ngày 27/9/2018 của Chính phủ quy định chi tiết thi "
             "hành Luật Giao dịch điện tử về chữ ký số và dịch vụ chứng thực chữ ký số; Thông tư số "
             "185/2019/TT-BQP ngày 04/12/2019 của Bộ trưởng Bộ Quốc phòng,")
VPTU = "Văn phòng Tỉnh ủy Quảng Ngãi"
CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"


def letterhead(d, parent, unit, number, vv, place_date, style="table",
               right="ĐẢNG CỘNG SẢN VIỆT NAM", right2=None):
    """The two-column heading of a party document."""
    if style == "table":
        left = [(parent, {"align": "center"}), (unit, {"b": True, "align": "center"}),
                ("*", {"align": "center"}), (number, {"align": "center"})]
        if vv:
            left.append((vv, {"i": True, "align": "center", "sz": 24}))
        rt = [(right, {"b": True, "u": right2 is None, "align": "center"})]
        if right2:
            rt.append((right2, {"b": True, "u": True, "align": "center"}))
        rt += [("", {}), (place_date, {"i": True, "align": "center"})]
        d.table([[{"t": left}, {"t": rt}]], (4300, 5300), borders=False, bold_rows=(), center_rows=())
    else:  # paragraphs with tabs, as typed by hand
        d.p(parent + "\t\t" + right)
        d.p(unit, b=True)
        d.p("      *\t\t\t" + place_date, i=True)
        d.p(number)
        if vv:
            d.p(vv, i=True, sz=24)
        d.p("")


def sign_block(d, recips, role, signer):
    left = [("Nơi nhận:", {"b": True, "i": True, "align": "left", "sz": 24})]
    left += [(r, {"align": "left", "sz": 22}) for r in recips]
    rt = [(l, {"b": True, "align": "center"}) for l in role]
    rt += [("", {}), ("(Đã ký)", {"i": True, "align": "center"}), ("", {}),
           (signer, {"b": True, "align": "center"})]
    d.table([[{"t": left}, {"t": rt}]], (4800, 4800), borders=False, bold_rows=(), center_rows=())


def data_rows(cols, subs):
    out = []
    for k, s in enumerate(subs, 1):
        out.append([str(k) if key == "#" else s.get(key, "") for _, key in cols])
    return out


def coordinator(d, c, style):
    if c is None:
        return
    if style == "para":
        d.p("Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:", b=True, indent=567)
        d.p("- Họ và tên: " + c["name"], indent=567)
        if c.get("pos"):
            d.p("- Chức vụ: " + c["pos"], indent=567)
        d.p("- Số điện thoại: " + c["phone"], indent=567)
        if c.get("email"):
            d.p("- Thư điện tử: " + c["email"], indent=567)
    elif style == "kv":
        d.p("* Thông tin người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:", i=True, b=True)
        rows = [["Họ tên", c["name"]], ["Chức danh", c["pos"]], ["Điện thoại di động", c["phone"]]]
        if c.get("email"):
            rows.append(["Email", c["email"]])
        d.table(rows, (3000, 6600), bold_rows=(), center_rows=())
    elif style == "oneline":
        d.p("- Người phối hợp hỗ trợ khôi phục: Đồng chí %s - %s - ĐT: %s."
            % (c["name"], c["pos"], c["phone"]), indent=567)
    elif style == "prose":
        d.p("Người phối hợp hỗ trợ khôi phục thiết bị: ông %s, %s, số điện thoại %s."
            % (c["name"], c["pos"], c["phone"]), indent=567)
    else:
        raise ValueError(style)


def recovery_docx(o):
    """Mẫu 12 as a unit's official letter.  o: dict of options."""
    d = Docx(nfd=o.get("nfd", False), split=o.get("split", False), author=o.get("author", "Admin"))
    letterhead(d, o["parent"], o["unit"], o["number"], o.get("vv"), o["place_date"], o.get("lh", "table"))
    if o.get("title"):
        d.p(o["title"], align="center", b=True)
        if o.get("subtitle"):
            d.p(o["subtitle"], align="center", i=True)
    d.p([("Kính gửi: ", {"i": True}), (o["to"], {"b": True})], align="center", after=200)
    d.p(o.get("cancu", CANCU), indent=567, align="both")
    d.p(o["intro"], indent=567, align="both")
    if "header_rows" in o:
        head = o["header_rows"]
    else:
        head = [[h for h, _ in o["cols"]]]
    body = data_rows(o["cols"], o["subs"])
    d.table(head + body, o["widths"], bold_rows=tuple(range(len(head))), center_rows=tuple(range(len(head))))
    coordinator(d, o.get("coord"), o.get("coord_style", "para"))
    d.p(o.get("closing", "Trân trọng đề nghị Văn phòng Tỉnh ủy quan tâm, hỗ trợ./."), indent=567)
    sign_block(d, o.get("recips", ["- Như trên,", "- Lưu VT."]), o["role"], o["signer"])
    return d.build(o.get("doc_title", "Đề nghị khôi phục thiết bị lưu khóa bí mật"))


# --------------------------------------------------------------------------
# Expectations
_NO = object()


def R(name=_NO, position=_NO, device_serial=_NO, errors=(), warnings=(), uncertain=None, **extra):
    r = {}
    if name is not _NO:
        r["name"] = name
    if position is not _NO:
        r["position"] = position
    if device_serial is not _NO:
        r["device_serial"] = device_serial
    r.update(extra)
    r["errors"] = sorted(errors)
    r["warnings"] = sorted(warnings)
    if uncertain:
        r["uncertain"] = uncertain
    return r


def D(filename, fmt, kind, organization, errors=(), fields=None, rows=None, uncertain=None):
    d = {"filename": filename, "format": fmt, "kind": kind, "organization": organization,
         "errors": sorted(errors)}
    if fields is not None:
        d["fields"] = fields
    if rows is not None:
        d["rows"] = rows
    if uncertain:
        d["uncertain"] = uncertain
    return d


def rec_rows(subs):
    return [R(s["name"], s["pos"], s.get("serial") or None, errors=s.get("errors", ())) for s in subs]


def coord_fields(name, phone):
    return {"coordinator_name": name, "coordinator_phone": phone}


# --------------------------------------------------------------------------
# The cases
CASES = []


def add(slug, client, frm, subject, date, text, atts, expect):
    seq = len(CASES) + 1
    fname = "%02d-%s.eml" % (seq, slug)
    eml = CLIENTS[client](seq, frm, subject, date, text, atts)
    e = {"file": fname, "client": client}
    e.update(expect)
    e.setdefault("errors", [])
    e.setdefault("warnings", [])
    e["errors"] = sorted(e["errors"])
    e["warnings"] = sorted(e["warnings"])
    CASES.append((fname, eml, e))


def case_etoken_paragraphs():
    subs = [
        {"name": "Nguyễn Thị Kim Oanh", "pos": "Chuyên viên Văn phòng Huyện ủy", "serial": "54010B1E2C7A19F3",
         "why": "Nhập sai mật khẩu quá 15 lần, thiết bị bị khóa"},
        {"name": "Trần Văn Quý", "pos": "Phó Trưởng Ban Tổ chức Huyện ủy", "serial": "0292B4F7",
         "why": "Quên mật khẩu, thiết bị bị khóa"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY SƠN TỊNH", "number": "Số 412-CV/HU",
        "vv": "V/v đề nghị khôi phục thiết bị\nlưu khóa bí mật", "place_date": "Sơn Tịnh, ngày 13 tháng 5 năm 2024",
        "to": VPTU,
        "intro": "Ban Thường vụ Huyện ủy Sơn Tịnh đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu "
                 "khóa bí mật (eToken) cho các thuê bao sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số seri thiết bị", "serial"),
                 ("Lý do đề nghị khôi phục", "why")],
        "widths": (600, 2400, 2600, 2000, 2000), "subs": subs,
        "coord": {"name": "Võ Thị Bích Ngọc", "pos": "Chuyên viên Văn phòng Huyện ủy",
                  "phone": "0935.246.810", "email": "vtbngoc.sontinh@quangngai.dcs.vn"},
        "coord_style": "para",
        "recips": ["- Như trên,", "- Thường trực Huyện ủy (b/c),", "- Lưu Văn phòng Huyện ủy."],
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Nguyễn Văn Tám",
    })
    fn = "412-CV-HU đề nghị khôi phục thiết bị lưu khóa bí mật.docx"
    add("etoken-coord-paragraphs", "outlook",
        ("Văn phòng Huyện ủy Sơn Tịnh", "vanphong.husontinh@quangngai.dcs.vn"),
        "V/v đề nghị khôi phục thiết bị lưu khóa bí mật (Công văn 412-CV/HU)",
        maildate(2024, 5, 13, 8, 17, 42),
        "Kính gửi: Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy.\n\n"
        "Văn phòng Huyện ủy Sơn Tịnh gửi Công văn số 412-CV/HU ngày 13/5/2024 đề nghị khôi phục "
        "thiết bị lưu khóa bí mật (file đính kèm).\n\nTrân trọng!\n\n--\nVăn phòng Huyện ủy Sơn Tịnh",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 12 to VPTU, coordinator as labelled paragraphs", "kind": "etoken_recovery",
         "action": "queue",
         "documents": [D(fn, "docx", "etoken_recovery", "HUYỆN ỦY SƠN TỊNH",
                         fields=coord_fields("Võ Thị Bích Ngọc", "84935246810"), rows=rec_rows(subs))]})


def case_etoken_kv_table():
    subs = [
        {"name": "Huỳnh Văn Tư", "pos": "Phó Trưởng Ban Tuyên giáo Thành ủy", "serial": "02A7C3D1", "why": ""},
        {"name": "Lê Thị Thanh Thủy", "pos": "Chuyên viên Ủy ban Kiểm tra Thành ủy", "serial": "0233F8E0",
         "why": "Nhập sai mã PIN nhiều lần"},
        {"name": "Nguyễn Hoàng Nam", "pos": "Văn thư Văn phòng Thành ủy", "serial": "5402 1A9C 77E3 0B15",
         "why": "Thiết bị bị khóa"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "THÀNH ỦY QUẢNG NGÃI", "number": "Số 1205-CV/ThU",
        "vv": "V/v khôi phục thiết bị lưu khóa bí mật (eToken)", "lh": "paras",
        "place_date": "Quảng Ngãi, ngày 20 tháng 5 năm 2024",
        "to": "Văn phòng Tỉnh ủy (Phòng Cơ yếu - Công nghệ thông tin)",
        "intro": "Thành ủy Quảng Ngãi kính đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục (mở khóa) thiết bị lưu "
                 "khóa bí mật cho 03 thuê bao thuộc các cơ quan tham mưu, giúp việc Thành ủy, cụ thể như sau:",
        "cols": [("STT", "#"), ("Họ tên", "name"), ("Chức danh", "pos"), ("Số hiệu thiết bị", "serial"),
                 ("Ghi chú", "why")],
        "widths": (700, 2400, 3000, 2100, 1400), "subs": subs,
        "coord": {"name": "Phạm Thị Thu Hà", "pos": "Chuyên viên Văn phòng Thành ủy",
                  "phone": "0905 123 456", "email": "ptthha.thanhuy@quangngai.dcs.vn"},
        "coord_style": "kv", "closing": "Rất mong nhận được sự hỗ trợ của Văn phòng Tỉnh ủy./.",
        "role": ["T/L BAN THƯỜNG VỤ", "K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], "signer": "Trần Thị Lệ Hằng",
    })
    fn = "CV 1205 khoi phuc eToken - Thanh uy Quang Ngai.docx"
    add("etoken-coord-kv-table", "gmail",
        ("Văn phòng Thành ủy Quảng Ngãi", "vpthanhuy@quangngai.dcs.vn"),
        "Đề nghị khôi phục eToken - Thành ủy Quảng Ngãi",
        maildate(2024, 5, 20, 14, 3, 9),
        "Dạ kính gửi anh chị Phòng CY-CNTT,\n\nVăn phòng Thành ủy gửi công văn đề nghị khôi phục thiết bị lưu "
        "khóa bí mật cho 03 đồng chí. Nhờ anh chị hỗ trợ giúp ạ.\n\nTrân trọng cảm ơn.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 12, letterhead typed as paragraphs with tabs, coordinator in a key/value table, "
                 "one serial typed with spaces, one empty reason",
         "kind": "etoken_recovery", "action": "queue",
         "documents": [D(fn, "docx", "etoken_recovery", "THÀNH ỦY QUẢNG NGÃI",
                         fields=coord_fields("Phạm Thị Thu Hà", "84905123456"), rows=rec_rows(subs))]})


def case_etoken_oneline():
    subs = [
        {"name": "Đinh Văn Lực", "pos": "Bí thư Đảng ủy xã", "serial": "02C1A8B4",
         "why": "Nhập sai mật khẩu quá số lần quy định"},
        {"name": "Trương Thị Mai", "pos": "Cán bộ Văn phòng Đảng ủy", "serial": "02C1A9F0",
         "why": "Nhập sai mật khẩu quá số lần quy định"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ HUYỆN BÌNH SƠN", "unit": "ĐẢNG ỦY XÃ BÌNH CHÂU", "number": "Số 37-CV/ĐU",
        "vv": None, "place_date": "Bình Châu, ngày 22 tháng 5 năm 2024",
        "title": "ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT",
        "to": "Văn phòng Tỉnh ủy Quảng Ngãi.",
        "intro": "Đảng ủy xã Bình Châu đề nghị Văn phòng Tỉnh ủy khôi phục thiết bị lưu khóa bí mật cho các "
                 "thuê bao sau:",
        "cols": [("TT", "#"), ("Họ và tên thuê bao", "name"), ("Chức vụ", "pos"), ("Số serial eToken", "serial"),
                 ("Lý do", "why")],
        "widths": (600, 2600, 2400, 2000, 2000), "subs": subs,
        "coord": {"name": "Lê Văn Hùng", "pos": "Chuyên viên Văn phòng", "phone": "0914.222.333"},
        "coord_style": "oneline",
        "role": ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"], "signer": "Phạm Ngọc Sơn",
    })
    fn = "Mẫu 12 - Đảng ủy xã Bình Châu - đề nghị khôi phục thiết bị lưu khóa bí mật.docx"
    add("etoken-coord-oneline-rfc2231", "thunderbird",
        ("Đảng ủy xã Bình Châu", "dangbinhchau.binhson@quangngai.dcs.vn"),
        "Đảng ủy xã Bình Châu gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật",
        maildate(2024, 5, 22, 9, 41, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Bình Châu gửi kèm Văn bản số 37-CV/ĐU đề nghị khôi phục "
        "thiết bị lưu khóa bí mật.\n\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 12 from a commune, title in capitals, coordinator on one line with 'ĐT:', "
                 "long RFC 2231 file name",
         "kind": "etoken_recovery", "action": "queue",
         "documents": [D(fn, "docx", "etoken_recovery", "ĐẢNG ỦY XÃ BÌNH CHÂU",
                         fields=coord_fields("Lê Văn Hùng", "84914222333"), rows=rec_rows(subs))]})


def recovery_xlsx(o):
    x = Xlsx(inline=o.get("inline", False), app=o.get("app", "Microsoft Excel"))
    sh = x.sheet(o.get("sheet", "Sheet1"))
    sh.row(1, [o["parent"], None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sh.row(2, [o["unit"]])
    sh.row(3, ["*", None, None, o["place_date"]])
    sh.row(4, [o["number"]])
    sh.merge("A1:C1")
    sh.merge("A2:C2")
    sh.merge("D1:E1")
    sh.merge("D3:E3")
    sh.row(6, [o["title"]])
    sh.merge("A6:E6")
    sh.row(7, ["Kính gửi: " + o["to"]])
    sh.merge("A7:E7")
    r = 9
    sh.row(r, [h for h, _ in o["cols"]])
    for k, s in enumerate(o["subs"], 1):
        r += 1
        sh.row(r, [k if key == "#" else s.get(key, "") for _, key in o["cols"]])
    r += 2
    for line in o["coord_lines"]:
        sh.row(r, [line])
        sh.merge("A%d:E%d" % (r, r))
        r += 1
    r += 1
    sh.row(r, [None, None, None, o["role"]])
    sh.row(r + 4, [None, None, None, o["signer"]])
    sh.widths = {1: 5, 2: 24, 3: 30, 4: 22, 5: 30}
    return x.build()


def case_etoken_xlsx():
    subs = [
        {"name": "Phạm Văn Rin", "pos": "Phó Bí thư Thường trực Huyện ủy", "serial": "54040A1B7C",
         "why": "Nhập sai mật khẩu quá 15 lần"},
        {"name": "Đinh Thị Mỹ Duyên", "pos": "Chuyên viên Ban Tổ chức Huyện ủy", "serial": "0231C9D2",
         "why": "Nhập sai mật khẩu quá 15 lần"},
        {"name": "Hồ Văn Pho", "pos": "Chuyên viên Văn phòng Huyện ủy", "serial": "0231CA11",
         "why": "Quên mật khẩu"},
    ]
    data = recovery_xlsx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY BA TƠ", "number": "Số 188-CV/HU",
        "place_date": "Ba Tơ, ngày 27 tháng 5 năm 2024",
        "title": "DANH SÁCH ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT (eTOKEN)", "to": VPTU,
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Mã thiết bị", "serial"), ("Lý do", "why")],
        "subs": subs,
        "coord_lines": ["Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:",
                        "- Họ và tên: Đinh Thị Hồng", "- Chức vụ: Chuyên viên Văn phòng Huyện ủy",
                        "- Điện thoại: 0977 888 123"],
        "role": "T/L BAN THƯỜNG VỤ - CHÁNH VĂN PHÒNG", "signer": "Phạm Văn Tiên",
    })
    fn = "DS de nghi khoi phuc eToken - HU Ba To.xlsx"
    add("etoken-xlsx", "zimbra",
        ("Văn phòng Huyện ủy Ba Tơ", "vanphonghuyenuybato@quangngai.dcs.vn"),
        "Danh sách đề nghị khôi phục eToken",
        maildate(2024, 5, 27, 10, 20, 0),
        "Kính gửi Văn phòng Tỉnh ủy.\nHuyện ủy Ba Tơ gửi danh sách đề nghị khôi phục thiết bị lưu khóa bí mật.\n"
        "Trân trọng!",
        [(fn, data, XLSX_CT)],
        {"note": "recovery list in Excel, 'Mã thiết bị', TT numeric cells, coordinator in merged cells",
         "kind": "etoken_recovery", "action": "queue",
         "documents": [D(fn, "xlsx", "etoken_recovery", "HUYỆN ỦY BA TƠ",
                         fields=coord_fields("Đinh Thị Hồng", "84977888123"), rows=rec_rows(subs))]})


def case_etoken_nfd_lowercase():
    subs = [
        {"name": "Trần Thị Ngọc Ánh", "pos": "Phó Chánh Văn phòng Huyện ủy", "serial": "02B0D4E7",
         "why": "Nhập sai mật khẩu quá số lần quy định"},
        {"name": "Võ Đình Khiêm", "pos": "Chuyên viên Ban Dân vận Huyện ủy", "serial": "02B0D51A",
         "why": "Nhập sai mật khẩu quá số lần quy định"},
    ]
    doc = recovery_docx({
        "nfd": True, "split": True, "author": "Windows User",
        "parent": "Đảng bộ tỉnh Quảng Ngãi", "unit": "Huyện ủy Mộ Đức", "number": "Số 356-CV/HU",
        "vv": None, "place_date": "Mộ Đức, ngày 03 tháng 6 năm 2024",
        "title": "Đề nghị khôi phục thiết bị lưu khóa bí mật", "to": "Văn phòng Tỉnh ủy",
        "intro": "Huyện ủy Mộ Đức đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu khóa bí mật "
                 "(eToken) cho các đồng chí có tên sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức danh", "pos"), ("Số serial eToken", "serial"),
                 ("Lý do", "why")],
        "widths": (600, 2500, 2900, 1800, 1800), "subs": subs,
        "coord": {"name": "Trần Quốc Bảo", "pos": "Phó Chánh Văn phòng Huyện ủy", "phone": "+84 935 111 222"},
        "coord_style": "prose",
        "role": ["T/L Ban Thường vụ", "Chánh Văn phòng"], "signer": "Lê Hữu Phước",
    })
    fn = "de nghi khoi phuc thiet bi luu khoa bi mat.docx"
    add("etoken-nfd-split-runs-lowercase", "outlook",
        ("Huyện ủy Mộ Đức", "huyenuymoduc@quangngai.dcs.vn"),
        "Đề nghị khôi phục thiết bị lưu khóa bí mật",
        maildate(2024, 6, 3, 15, 2, 11),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Mộ Đức gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật "
        "theo file đính kèm.\n\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "text typed in decomposed Unicode (Unikey 'tổ hợp'), runs split mid-word, letterhead and title "
                 "in lower case, coordinator in prose with +84 phone",
         "kind": "etoken_recovery", "action": "queue",
         "documents": [D(fn, "docx", "etoken_recovery", "Huyện ủy Mộ Đức",
                         fields=coord_fields("Trần Quốc Bảo", "84935111222"), rows=rec_rows(subs))]})


def case_etoken_to_cuc():
    subs = [
        {"name": "Nguyễn Thị Lài", "pos": "Chuyên viên Văn phòng Huyện ủy", "serial": "02D3E4F5",
         "why": "Nhập sai mật khẩu quá 15 lần"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY LÝ SƠN", "number": "Số 95-CV/HU",
        "vv": "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", "place_date": "Lý Sơn, ngày 05 tháng 6 năm 2024",
        "to": CUC, "cancu": CANCU_CUC,
        "intro": "Huyện ủy Lý Sơn đề nghị Cục Chứng thực số và Bảo mật thông tin khôi phục thiết bị lưu khóa bí "
                 "mật cho các thuê bao sau:",
        "cols": [("TT", "#"), ("Tên thuê bao", "name"), ("Chức vụ", "pos"),
                 ("Số hiệu thiết bị lưu khóa bí mật", "serial"), ("Lý do", "why")],
        "widths": (600, 2500, 2600, 2100, 1800), "subs": subs,
        "coord": {"name": "Dương Văn Hải", "pos": "Phó Chánh Văn phòng Huyện ủy", "phone": "0868 321 654"},
        "coord_style": "para", "closing": "Trân trọng./.",
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Trần Văn Đạt",
    })
    fn = "Mau 12 HU Ly Son.docx"
    add("etoken-addressed-to-cuc", "gmail",
        ("Huyện ủy Lý Sơn", "huyenuylyson@quangngai.dcs.vn"),
        "Đề nghị khôi phục thiết bị lưu khóa bí mật - Huyện ủy Lý Sơn",
        maildate(2024, 6, 5, 7, 55, 30),
        "Kính gửi Văn phòng Tỉnh ủy, Huyện ủy Lý Sơn gửi văn bản đề nghị khôi phục thiết bị lưu khóa bí mật.",
        [(fn, doc, DOCX_CT)],
        {"note": "eToken recovery on the old TT185 template, addressed to the Cục",
         "kind": "etoken_recovery", "action": "reject",
         "documents": [D(fn, "docx", "etoken_recovery", "HUYỆN ỦY LÝ SƠN", errors=["wrong_addressee"],
                         fields=coord_fields("Dương Văn Hải", "84868321654"), rows=rec_rows(subs))]})


def case_etoken_no_coordinator():
    subs = [
        {"name": "Hồ Thị Kim Thoa", "pos": "Chuyên viên Ủy ban Kiểm tra Huyện ủy", "serial": "02E5F6A7",
         "why": "Nhập sai mật khẩu quá 15 lần"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY TRÀ BỒNG", "number": "Số 274-CV/HU",
        "vv": "V/v đề nghị khôi phục eToken", "place_date": "Trà Bồng, ngày 11 tháng 6 năm 2024",
        "to": VPTU,
        "intro": "Huyện ủy Trà Bồng đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu khóa bí mật cho thuê "
                 "bao sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số seri", "serial"), ("Lý do", "why")],
        "widths": (600, 2500, 3000, 1700, 1800), "subs": subs, "coord": None,
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Phạm Văn Hòa",
    })
    fn = "CV 274 de nghi khoi phuc eToken.docx"
    add("etoken-no-coordinator", "zimbra",
        ("Văn phòng Huyện ủy Trà Bồng", "vphuyenuytrabong@quangngai.dcs.vn"),
        "Công văn 274-CV/HU đề nghị khôi phục eToken",
        maildate(2024, 6, 11, 16, 40, 5),
        "Kính gửi Văn phòng Tỉnh ủy,\nVăn phòng Huyện ủy Trà Bồng gửi Công văn số 274-CV/HU.\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 12 with no coordinator; only the signer's name is in the document",
         "kind": "etoken_recovery", "action": "reject",
         "documents": [D(fn, "docx", "etoken_recovery", "HUYỆN ỦY TRÀ BỒNG", errors=["coordinator_missing"],
                         fields=coord_fields(None, None), rows=rec_rows(subs))]})


def case_etoken_serial_missing():
    subs = [
        {"name": "Lê Minh Tâm", "pos": "Phó Bí thư Đảng ủy Khối", "serial": "0298AB12",
         "why": "Nhập sai mật khẩu quá 15 lần"},
        {"name": "Nguyễn Thị Hạnh", "pos": "Chuyên viên Văn phòng Đảng ủy Khối", "serial": "",
         "why": "Thiết bị bị mờ số seri", "errors": ["serial_missing"]},
        {"name": "Trần Đức Thịnh", "pos": "Kế toán Văn phòng Đảng ủy Khối", "serial": "0298AC77",
         "why": "Quên mật khẩu"},
    ]
    data = recovery_xlsx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        "number": "Số 150-CV/ĐUK", "place_date": "Quảng Ngãi, ngày 14 tháng 6 năm 2024",
        "title": "ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", "to": "Văn phòng Tỉnh ủy",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số hiệu thiết bị", "serial"),
                 ("Lý do", "why")],
        "subs": subs,
        "coord_lines": ["Người phối hợp hỗ trợ khôi phục: Đồng chí Nguyễn Thành Long - Chuyên viên Văn phòng "
                        "Đảng ủy Khối - ĐT: 0987.654.321"],
        "role": "T/L BAN THƯỜNG VỤ - CHÁNH VĂN PHÒNG", "signer": "Võ Thị Thanh",
        "sheet": "Mau 12",
    })
    fn = "Đề nghị khôi phục eToken - Đảng ủy Khối.xlsx"
    add("etoken-row-serial-missing", "thunderbird",
        ("Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh", "danguykhoi@quangngai.dcs.vn"),
        "Đề nghị khôi phục thiết bị lưu khóa bí mật",
        maildate(2024, 6, 14, 8, 5, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy Khối gửi danh sách đề nghị khôi phục eToken (file Excel).\n\nTrân trọng.",
        [(fn, data, XLSX_CT)],
        {"note": "Excel Mẫu 12; the second subscriber has no device number",
         "kind": "etoken_recovery", "action": "reject",
         "documents": [D(fn, "xlsx", "etoken_recovery", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                         fields=coord_fields("Nguyễn Thành Long", "84987654321"), rows=rec_rows(subs))]})


def case_mau11_person():
    d = Docx(author="Linh")
    d.p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="center", b=True)
    d.p("Độc lập - Tự do - Hạnh phúc", align="center", b=True, u=True)
    d.p("Nghĩa Hành, ngày 18 tháng 6 năm 2024", align="right", i=True, after=240)
    d.p("VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", align="center", b=True)
    d.p("(Mẫu 11)", align="center", i=True)
    d.p([("Kính gửi: ", {"i": True}), (VPTU, {"b": True})], align="center", after=200)
    d.p("Tên thuê bao: Trần Thị Mỹ Linh", indent=567)
    d.p("Chức vụ: Chuyên viên Ban Dân vận Huyện ủy", indent=567)
    d.p("Cơ quan, đơn vị: Huyện ủy Nghĩa Hành", indent=567)
    d.p("Địa chỉ thư điện tử: tmlinh.nghiahanh@quangngai.dcs.vn", indent=567)
    d.p("Số điện thoại: 0356 789 012", indent=567)
    d.p("Số hiệu thiết bị lưu khóa bí mật: 540122AF0C9D", indent=567)
    d.p("Lý do đề nghị khôi phục: nhập sai mật khẩu quá số lần quy định, thiết bị bị khóa.", indent=567)
    d.p("Tôi xin cam đoan các thông tin trên là đúng sự thật và chịu trách nhiệm về việc sử dụng thiết bị lưu "
        "khóa bí mật sau khi được khôi phục.", indent=567)
    d.table([["", [("NGƯỜI ĐỀ NGHỊ", {"b": True}), ("(Ký, ghi rõ họ tên)", {"i": True}), "", "",
                   ("Trần Thị Mỹ Linh", {"b": True})]]],
            (4800, 4800), borders=False, bold_rows=(), center_rows=(0,))
    fn = "Don de nghi khoi phuc eToken - Tran Thi My Linh.docx"
    add("mau11-from-person", "gmail",
        ("Trần Thị Mỹ Linh", "tmlinh.nghiahanh@quangngai.dcs.vn"),
        "Đơn đề nghị khôi phục eToken",
        maildate(2024, 6, 18, 20, 12, 44),
        "Em chào anh chị Văn phòng Tỉnh ủy,\n\nEm là Linh ở Ban Dân vận Huyện ủy Nghĩa Hành, eToken của em bị khóa "
        "do nhập sai mật khẩu. Em gửi đơn đề nghị khôi phục, mong anh chị hỗ trợ giúp em ạ.\n\nEm cảm ơn.",
        [(fn, d.build("Mẫu 11"), DOCX_CT)],
        {"note": "a subscriber's own Mẫu 11 sent straight to the mailbox",
         "kind": "etoken_recovery", "action": "reject",
         "documents": [D(fn, "docx", "etoken_recovery", None, errors=["individual_form"],
                         uncertain={
                             "organization": "a Mẫu 11 has no letterhead; the unit appears only as "
                                             "'Cơ quan, đơn vị: Huyện ủy Nghĩa Hành' or may be null",
                             "errors": "individual_form is required; whether coordinator_missing is also "
                                       "reported for a Mẫu 11 (which has no coordinator section) is open"})]})


def case_sim_recovery_to_cuc():
    ic1 = iccid("02", "1023456789012")
    ic2 = iccid("04", "302000456781")
    subs = [
        {"name": "Bùi Văn Thịnh", "pos": "Phó Bí thư Thường trực Huyện ủy", "phone": "0912.345.678",
         "serial": ic1, "why": "SIM PKI bị khóa do nhập sai mã PIN"},
        {"name": "Nguyễn Thị Thu Trang", "pos": "Trưởng Ban Tuyên giáo Huyện ủy", "phone": "0983 456 789",
         "serial": spaced(ic2), "why": "SIM PKI bị khóa do nhập sai mã PIN"},
    ]
    doc = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY NGHĨA HÀNH", "number": "Số 301-CV/HU",
        "vv": "V/v đề nghị khôi phục SIM PKI", "place_date": "Nghĩa Hành, ngày 20 tháng 6 năm 2024",
        "title": "ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT (SIM PKI)",
        "to": CUC, "cancu": CANCU_CUC,
        "intro": "Huyện ủy Nghĩa Hành đề nghị Cục Chứng thực số và Bảo mật thông tin khôi phục thiết bị lưu khóa "
                 "bí mật (SIM PKI) cho các thuê bao sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số điện thoại", "phone"),
                 ("Số hiệu thiết bị lưu khóa bí mật (số ICCID)", "serial"), ("Lý do", "why")],
        "widths": (500, 1900, 2000, 1500, 2300, 1400), "subs": subs,
        "coord": {"name": "Nguyễn Văn Sang", "pos": "Chuyên viên Văn phòng Huyện ủy", "phone": "0949 112 233",
                  "email": "nvsang.nghiahanh@quangngai.dcs.vn"},
        "coord_style": "para", "closing": "Trân trọng./.",
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Đặng Thị Hương",
    })
    fn = "301-CV-HU khôi phục SIM PKI.docx"
    rows = []
    for s, ph, ic in ((subs[0], "84912345678", ic1), (subs[1], "84983456789", ic2)):
        rows.append(R(s["name"], s["pos"], s["serial"], phone=ph, iccid=ic,
                      uncertain={"iccid": "whether a recovery row reports its ICCID in 'iccid' as well as "
                                          "'device_serial' is not fixed by the CONTRACT"}))
    add("sim-recovery-to-cuc", "outlook",
        ("Văn phòng Huyện ủy Nghĩa Hành", "vanphong.hunghiahanh@quangngai.dcs.vn"),
        "Đề nghị khôi phục SIM PKI",
        maildate(2024, 6, 20, 9, 30, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nVăn phòng Huyện ủy Nghĩa Hành gửi văn bản đề nghị khôi phục SIM PKI để "
        "Văn phòng Tỉnh ủy biết, hỗ trợ chuyển Cục Chứng thực số.\n\nTrân trọng!",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 12 for SIM PKI (device numbers are ICCIDs), correctly addressed to the Cục",
         "kind": "sim_recovery", "action": "redirect",
         "documents": [D(fn, "docx", "sim_recovery", "HUYỆN ỦY NGHĨA HÀNH",
                         fields=coord_fields("Nguyễn Văn Sang", "84949112233"), rows=rows)]})


def case_sim_recovery_to_vptu_xlsx():
    ic1 = iccid("01", "2107788990123")
    ic2 = iccid("04", "3101122334455")
    subs = [
        {"name": "Đinh Văn Thanh", "pos": "Phó Bí thư Huyện ủy", "serial": ic1, "why": "Nhập sai mã PIN"},
        {"name": "Phạm Thị Bích Liên", "pos": "Trưởng Ban Dân vận Huyện ủy", "serial": ic2, "why": "Nhập sai mã PIN"},
    ]
    data = recovery_xlsx({
        "inline": True, "app": "LibreOffice",
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY SƠN HÀ", "number": "Số 219-CV/HU",
        "place_date": "Sơn Hà, ngày 25 tháng 6 năm 2024",
        "title": "DANH SÁCH ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", "to": VPTU,
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số hiệu thiết bị", "serial"),
                 ("Lý do", "why")],
        "subs": subs,
        "coord_lines": ["Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật: Đinh Công Tâm - Chuyên viên "
                        "Văn phòng Huyện ủy - ĐT: 0375.246.135"],
        "role": "T/L BAN THƯỜNG VỤ - CHÁNH VĂN PHÒNG", "signer": "Đinh Văn Lên",
    })
    fn = "khôi phục thiết bị HU Sơn Hà.xlsx"
    rows = [R(s["name"], s["pos"], s["serial"], iccid=s["serial"],
              uncertain={"iccid": "whether a recovery row reports its ICCID in 'iccid' is open"}) for s in subs]
    add("sim-recovery-iccid-to-vptu", "zimbra",
        ("Huyện ủy Sơn Hà", "huyenuysonha@quangngai.dcs.vn"),
        "Đề nghị khôi phục thiết bị lưu khóa bí mật - HU Sơn Hà",
        maildate(2024, 6, 25, 14, 14, 14),
        "Kính gửi Văn phòng Tỉnh ủy.\nHuyện ủy Sơn Hà gửi danh sách đề nghị khôi phục thiết bị.\nTrân trọng!",
        [(fn, data, XLSX_CT)],
        {"note": "generic recovery title and 'Số hiệu thiết bị' column, but every device number is an ICCID "
                 "(SIM PKI), addressed to VPTU; LibreOffice inline strings",
         "kind": "sim_recovery", "action": "redirect",
         "documents": [D(fn, "xlsx", "sim_recovery", "HUYỆN ỦY SƠN HÀ",
                         fields=coord_fields("Đinh Công Tâm", "84375246135"), rows=rows,
                         uncertain={"errors": "a SIM PKI recovery addressed to VPTU instead of the Cục may or "
                                              "may not be flagged wrong_addressee; it is redirected either way"})]})


def form_docx(o):
    """A party document: letterhead, optional title, addressee, paragraphs,
    one table of subscribers, closing paragraphs, signature."""
    d = Docx(split=o.get("split", False), author=o.get("author", "Admin"))
    letterhead(d, o["parent"], o["unit"], o["number"], o.get("vv"), o["place_date"], o.get("lh", "table"),
               right=o.get("right", "ĐẢNG CỘNG SẢN VIỆT NAM"), right2=o.get("right2"))
    for t in o.get("titles", []):
        d.p(t, align="center", b=True)
    if o.get("to"):
        d.p([("Kính gửi: ", {"i": True}), (o["to"], {"b": True})], align="center", after=200)
    for t in o.get("before", []):
        d.p(t, indent=567, align="both")
    if o.get("cols"):
        head = [[h for h, _ in o["cols"]]]
        d.table(head + data_rows(o["cols"], o["subs"]), o["widths"], sz=o.get("table_sz", 24))
    for t in o.get("after", []):
        d.p(t, indent=567, align="both")
    sign_block(d, o.get("recips", ["- Như trên,", "- Lưu VT."]), o["role"], o["signer"])
    return d.build(o.get("doc_title", ""))


def cert_rows(subs):
    return [R(s.get("name") or None, s.get("pos") or None, errors=s.get("errors", ())) for s in subs]


def case_cert_new_docx():
    subs = [
        {"name": "Phan Thị Mỹ Dung", "cccd": "051188004512", "pos": "Chuyên viên Văn phòng Huyện ủy",
         "org": "Văn phòng Huyện ủy Tư Nghĩa", "email": "ptmdung.tunghia@quangngai.dcs.vn", "dev": "USB Token"},
        {"name": "Nguyễn Văn Bình", "cccd": "051079002233", "pos": "Phó Bí thư Huyện ủy", "org": "Huyện ủy Tư Nghĩa",
         "email": "nvbinh.tunghia@quangngai.dcs.vn", "dev": "SIM PKI", "phone": "0914 555 666"},
        {"name": "Nguyễn Văn Bình", "cccd": "051079002233", "pos": "Chủ tịch Hội đồng nhân dân huyện",
         "org": "Hội đồng nhân dân huyện Tư Nghĩa", "email": "nvbinh@quangngai.gov.vn", "dev": "USB Token"},
    ]
    doc = form_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY TƯ NGHĨA", "number": "Số 380-CV/HU",
        "vv": "V/v đề nghị cấp chứng thư số", "place_date": "Tư Nghĩa, ngày 08 tháng 7 năm 2024",
        "titles": ["ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CHO CÁC CÁ NHÂN"], "to": CUC,
        "before": [CANCU_CUC, "Huyện ủy Tư Nghĩa đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số "
                              "cho các cá nhân sau:"],
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Số CCCD", "cccd"), ("Chức vụ", "pos"),
                 ("Cơ quan, đơn vị công tác", "org"), ("Địa chỉ thư điện tử công vụ", "email"),
                 ("Thiết bị (USB Token/SIM PKI)", "dev"), ("Số điện thoại (đối với SIM PKI)", "phone")],
        "widths": (400, 1500, 1200, 1400, 1400, 1900, 900, 1100), "subs": subs,
        "after": ["Ghi chú: đồng chí Nguyễn Văn Bình kiêm nhiệm 02 chức danh Phó Bí thư Huyện ủy và Chủ tịch Hội "
                  "đồng nhân dân huyện.",
                  "Huyện ủy Tư Nghĩa cam kết các thông tin trên là đúng sự thật./."],
        "recips": ["- Như trên,", "- Văn phòng Tỉnh ủy (để biết),", "- Lưu Văn phòng Huyện ủy."],
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Võ Văn Lâm",
    })
    fn = "Mẫu 02 - đề nghị cấp CTS - HU Tư Nghĩa.docx"
    add("cert-new-mau02", "outlook",
        ("Văn phòng Huyện ủy Tư Nghĩa", "vphuyenuytunghia@quangngai.dcs.vn"),
        "Đề nghị cấp chứng thư số (Mẫu 02)",
        maildate(2024, 7, 8, 10, 0, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nVăn phòng Huyện ủy Tư Nghĩa gửi văn bản đề nghị cấp chứng thư số cho 03 "
        "thuê bao (01 đồng chí kiêm nhiệm 02 chức danh).\n\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 02 new certificates incl. one person holding two posts (two rows); belongs to the Cục",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "docx", "cert_request", "HUYỆN ỦY TƯ NGHĨA", rows=cert_rows(subs))]})


def case_cert_public_email_xlsx():
    subs = [
        {"name": "Võ Văn Tấn", "dob": "15/03/1975", "cccd": "051075001122", "pos": "Bí thư Đảng ủy xã",
         "email": "vvtan.nghiaky@quangngai.dcs.vn", "phone": "0905 111 333"},
        {"name": "Nguyễn Văn Tuấn", "dob": "02/09/1980", "cccd": "051080003344",
         "pos": "Phó Bí thư Thường trực Đảng ủy xã", "email": "nguyenvantuan.nk@gmail.com", "phone": "0935 222 444",
         "errors": ["email_public_domain"]},
        {"name": "Trần Thị Thu", "dob": "21/11/1983", "cccd": "051183005566",
         "pos": "Chủ tịch Ủy ban MTTQ Việt Nam xã", "email": "ttthu.nghiaky@quangngai.dcs.vn", "phone": ""},
        {"name": "Lê Thị Hoa", "dob": "07/07/1985", "cccd": "051185007788", "pos": "Cán bộ Văn phòng Đảng ủy",
         "email": "lethihoa1985@yahoo.com.vn", "phone": "", "errors": ["email_public_domain"]},
    ]
    x = Xlsx()
    sh = x.sheet("Mau 02")
    sh.row(1, ["ĐẢNG BỘ HUYỆN TƯ NGHĨA", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sh.row(2, ["ĐẢNG ỦY XÃ NGHĨA KỲ"])
    sh.row(3, ["*", None, None, None, "Nghĩa Kỳ, ngày 15 tháng 7 năm 2024"])
    sh.row(5, ["DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CÁ NHÂN"])
    sh.row(6, ["(Kèm theo Văn bản số 52-CV/ĐU ngày 15/7/2024 của Đảng ủy xã Nghĩa Kỳ)"])
    sh.row(7, ["Kính gửi: Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ"])
    for r in (1, 2):
        sh.merge("A%d:C%d" % (r, r))
    for r in (5, 6, 7):
        sh.merge("A%d:G%d" % (r, r))
    cols = [("TT", "#"), ("Họ và tên", "name"), ("Ngày sinh", "dob"), ("Số CCCD", "cccd"), ("Chức vụ", "pos"),
            ("Địa chỉ thư điện tử", "email"), ("Số điện thoại", "phone")]
    sh.row(9, [h for h, _ in cols])
    for k, s in enumerate(subs, 1):
        sh.row(9 + k, [k if key == "#" else s.get(key, "") for _, key in cols])
    sh.row(15, [None, None, None, None, "T/M ĐẢNG ỦY"])
    sh.row(16, [None, None, None, None, "BÍ THƯ"])
    sh.row(19, [None, None, None, None, "Võ Văn Tấn"])
    fn = "Danh sach cap CTS - DU Nghia Ky.xlsx"
    add("cert-new-public-email", "gmail",
        ("Đảng ủy xã Nghĩa Kỳ", "dangnghiaky.tunghia@quangngai.dcs.vn"),
        "Danh sách đề nghị cấp chứng thư số - Đảng ủy xã Nghĩa Kỳ",
        maildate(2024, 7, 15, 15, 47, 3),
        "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy xã Nghĩa Kỳ gửi danh sách đề nghị cấp chứng thư số cá nhân.\n"
        "Trân trọng.",
        [(fn, x.build(), XLSX_CT)],
        {"note": "Mẫu 02 list in Excel; two subscribers give gmail / yahoo addresses",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "xlsx", "cert_request", "ĐẢNG ỦY XÃ NGHĨA KỲ", rows=cert_rows(subs))]})


def case_cert_renewal():
    subs = [
        {"name": "Trần Đình Phú", "pos": "Tổng Biên tập", "cert": "54 02 4a 8b 00 00 00 00 1c 3f",
         "exp": "12/8/2024", "ext": "03 năm"},
        {"name": "Nguyễn Thị Thu Hiền", "pos": "Phó Tổng Biên tập", "cert": "54 02 4a 8b 00 00 00 00 1c 40",
         "exp": "12/8/2024", "ext": "03 năm"},
        {"name": "Phạm Văn Định", "pos": "Trưởng phòng Hành chính - Trị sự", "cert": "54 02 4a 8b 00 00 00 00 1d 02",
         "exp": "30/8/2024", "ext": "03 năm"},
    ]
    doc = form_docx({
        "parent": "TỈNH ỦY QUẢNG NGÃI", "unit": "BÁO QUẢNG NGÃI", "number": "Số 152-CV/BQN",
        "vv": "V/v đề nghị gia hạn chứng thư số", "place_date": "Quảng Ngãi, ngày 22 tháng 7 năm 2024",
        "titles": ["ĐỀ NGHỊ GIA HẠN CHỨNG THƯ SỐ"], "to": CUC,
        "before": [CANCU_CUC, "Báo Quảng Ngãi đề nghị Cục Chứng thực số và Bảo mật thông tin gia hạn chứng thư số "
                              "cho các thuê bao sau:"],
        "cols": [("TT", "#"), ("Tên thuê bao", "name"), ("Chức vụ", "pos"), ("Số hiệu chứng thư số", "cert"),
                 ("Ngày hết hạn", "exp"), ("Thời gian đề nghị gia hạn", "ext")],
        "widths": (500, 2100, 2200, 2400, 1200, 1200), "subs": subs,
        "role": ["TỔNG BIÊN TẬP"], "signer": "Trần Đình Phú",
    })
    fn = "Báo Quảng Ngãi - đề nghị gia hạn chứng thư số.docx"
    add("cert-renewal-mau08", "thunderbird",
        ("Báo Quảng Ngãi", "toasoan@baoquangngai.vn"),
        "Đề nghị gia hạn chứng thư số - Báo Quảng Ngãi",
        maildate(2024, 7, 22, 11, 11, 11),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nBáo Quảng Ngãi gửi văn bản đề nghị gia hạn chứng thư số.\n\nTrân trọng!",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 08 renewal from the provincial newspaper", "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "docx", "cert_request", "BÁO QUẢNG NGÃI", rows=cert_rows(subs))]})


def case_cert_change_mttq():
    subs = [
        {"name": "Huỳnh Thị Ngọc Hà", "pos": "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
         "email": "htnha@mttq.quangngai.gov.vn",
         "what": "Thay đổi chức vụ (trước đây: Trưởng Ban Dân chủ - Pháp luật)"},
        {"name": "Lê Quang Vinh", "pos": "Trưởng Ban Phong trào", "email": "lqvinh@mttq.quangngai.gov.vn",
         "what": "Thay đổi địa chỉ thư điện tử"},
    ]
    doc = form_docx({
        "parent": "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "unit": "TỈNH QUẢNG NGÃI", "number": "Số 611/MTTQ-BTT",
        "vv": "V/v thay đổi thông tin chứng thư số", "place_date": "Quảng Ngãi, ngày 29 tháng 7 năm 2024",
        "right": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right2": "Độc lập - Tự do - Hạnh phúc",
        "titles": ["ĐỀ NGHỊ THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ"], "to": CUC,
        "before": ["Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh đề nghị thay đổi nội dung thông tin chứng "
                   "thư số của các thuê bao sau:"],
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Địa chỉ thư điện tử", "email"),
                 ("Nội dung đề nghị thay đổi", "what")],
        "widths": (500, 2200, 2500, 2400, 2000), "subs": subs,
        "role": ["TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH"], "signer": "Huỳnh Thị Ngọc Hà",
    })
    fn = "611 thay doi thong tin CTS.docx"
    add("cert-change-mau08-mttq", "zimbra",
        ("Văn phòng UBMTTQ tỉnh", "vanphong@mttq.quangngai.gov.vn"),
        "V/v thay đổi thông tin chứng thư số",
        maildate(2024, 7, 29, 9, 9, 9),
        "Kính gửi Văn phòng Tỉnh ủy,\nỦy ban MTTQ Việt Nam tỉnh gửi văn bản đề nghị thay đổi thông tin chứng thư số.\n"
        "Trân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 08 change of information from the Fatherland Front, state-style heading",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "docx", "cert_request", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI",
                         rows=cert_rows(subs),
                         uncertain={"organization": "the Front's name is split over two heading lines "
                                                    "('ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM' / 'TỈNH QUẢNG NGÃI'); "
                                                    "which of them, or both joined, is the organisation is open"})]})


def revocation_xlsx(unit, parent, number, date_line, subs, to=CUC):
    x = Xlsx()
    sh = x.sheet("Thu hoi")
    sh.row(1, [parent, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sh.row(2, [unit])
    sh.row(3, ["*", None, None, None, date_line])
    sh.row(4, [number])
    sh.row(6, [("rich", [("DANH SÁCH ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ", True)])])
    sh.row(7, ["Kính gửi: " + to])
    sh.merge("A6:F6")
    sh.merge("A7:F7")
    cols = [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Cơ quan, đơn vị", "org"),
            ("Số serial chứng thư số", "cert"), ("Lý do thu hồi", "why")]
    sh.row(9, [h for h, _ in cols])
    sh.row(10, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    for k, s in enumerate(subs, 1):
        sh.row(10 + k, [k if key == "#" else s.get(key, "") for _, key in cols])
    r = 12 + len(subs)
    sh.row(r, [None, None, None, None, "T/L BAN THƯỜNG VỤ"])
    sh.row(r + 1, [None, None, None, None, "CHÁNH VĂN PHÒNG"])
    return x.build()


def case_cert_revocation_name_missing():
    subs = [
        {"name": "Đinh Văn Bảy", "pos": "Phó Trưởng Ban Tổ chức Huyện ủy", "org": "Huyện ủy Minh Long",
         "cert": "540101A8B3C4D5E6", "why": "Nghỉ hưu từ ngày 01/8/2024"},
        {"name": "Phạm Thị Sen", "pos": "Chuyên viên Văn phòng Huyện ủy", "org": "Huyện ủy Minh Long",
         "cert": "540101A8B3C4D5F1", "why": "Chuyển công tác ra ngoài khối đảng"},
        {"name": "", "pos": "Phó Chánh Văn phòng Huyện ủy", "org": "Huyện ủy Minh Long",
         "cert": "540101A8B3C4D602", "why": "Từ trần", "errors": ["name_missing"]},
    ]
    data = revocation_xlsx("HUYỆN ỦY MINH LONG", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Số 215-CV/HU",
                           "Minh Long, ngày 05 tháng 8 năm 2024", subs)
    fn = "DS thu hoi CTS - HU Minh Long.xlsx"
    add("cert-revocation-name-missing", "outlook",
        ("Văn phòng Huyện ủy Minh Long", "vphuminhlong@quangngai.dcs.vn"),
        "Danh sách đề nghị thu hồi chứng thư số",
        maildate(2024, 8, 5, 8, 48, 0),
        "Kính gửi Văn phòng Tỉnh ủy.\n\nHuyện ủy Minh Long gửi danh sách đề nghị thu hồi chứng thư số.\n\nTrân trọng.",
        [(fn, data, "application/octet-stream")],
        {"note": "Mẫu 10 revocation list in Excel (sent as application/octet-stream), column-number row, third "
                 "row has no name",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "xlsx", "cert_request", "HUYỆN ỦY MINH LONG", rows=cert_rows(subs))]})


def case_cert_position_missing_to_vptu():
    subs = [
        {"name": "Đinh Văn Nhiên", "pos": "Trưởng Ban Tổ chức Huyện ủy", "email": "dvnhien.sontay@quangngai.dcs.vn",
         "cccd": "051077009911"},
        {"name": "Hồ Thị Thanh", "pos": "", "email": "htthanh.sontay@quangngai.dcs.vn", "cccd": "051190001357",
         "errors": ["position_missing"]},
        {"name": "Đinh Thị Kim Ly", "pos": "Chuyên viên Ủy ban Kiểm tra Huyện ủy",
         "email": "dtkly.sontay@quangngai.dcs.vn", "cccd": "051192002468"},
    ]
    doc = form_docx({
        "split": True,
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY SƠN TÂY", "number": "Số 144-CV/HU",
        "vv": "V/v đề nghị cấp mới chứng thư số", "place_date": "Sơn Tây, ngày 12 tháng 8 năm 2024",
        "to": VPTU,
        "before": ["Thực hiện hướng dẫn của Văn phòng Tỉnh ủy, Huyện ủy Sơn Tây đề nghị cấp mới chứng thư số cho các "
                   "cá nhân sau:"],
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Địa chỉ thư điện tử", "email"),
                 ("Số CCCD", "cccd")],
        "widths": (500, 2400, 2700, 2700, 1300), "subs": subs,
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Đinh Văn Trí",
    })
    fn = "CV 144 cap moi CTS.docx"
    add("cert-new-position-missing-to-vptu", "thunderbird",
        ("Huyện ủy Sơn Tây", "huyenuysontay@quangngai.dcs.vn"),
        "Đề nghị cấp mới chứng thư số",
        maildate(2024, 8, 12, 13, 37, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Tây gửi văn bản đề nghị cấp mới chứng thư số.\n\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "new-certificate request sent the old way, addressed to VPTU; second row has no position",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "docx", "cert_request", "HUYỆN ỦY SƠN TÂY", rows=cert_rows(subs),
                         uncertain={"errors": "a certificate request addressed to VPTU instead of the Cục may or "
                                              "may not be flagged wrong_addressee; it is redirected either way"})]})


def case_cert_mau01_person():
    d = Docx(author="KimChi")
    d.p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="center", b=True)
    d.p("Độc lập - Tự do - Hạnh phúc", align="center", b=True, u=True)
    d.p("Sơn Tịnh, ngày 19 tháng 8 năm 2024", align="right", i=True, after=240)
    d.p("ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ", align="center", b=True)
    d.p("(Dành cho cá nhân - Mẫu 01)", align="center", i=True)
    d.p([("Kính gửi: ", {"i": True}), ("Huyện ủy Sơn Tịnh", {"b": True})], align="center", after=200)
    for line in ("Họ và tên: Lương Thị Kim Chi", "Ngày sinh: 14/02/1991", "Số CCCD: 051191006677",
                 "Chức vụ: Chuyên viên Ban Tuyên giáo Huyện ủy", "Cơ quan công tác: Ban Tuyên giáo Huyện ủy Sơn Tịnh",
                 "Địa chỉ thư điện tử: kimchi.luong91@hotmail.com", "Số điện thoại di động: 0763 555 919",
                 "Loại thiết bị đề nghị: USB Token"):
        d.p(line, indent=567)
    d.p("Tôi cam đoan các thông tin trên là đúng sự thật./.", indent=567)
    d.table([["", [("NGƯỜI ĐỀ NGHỊ", {"b": True}), "", "", ("Lương Thị Kim Chi", {"b": True})]]],
            (4800, 4800), borders=False, bold_rows=(), center_rows=(0,))
    fn = "Mau 01 - Luong Thi Kim Chi.docx"
    add("cert-mau01-person-hotmail", "outlook",
        ("Lương Thị Kim Chi", "ltkchi.sontinh@quangngai.dcs.vn"),
        "Đề nghị cấp chứng thư số cá nhân",
        maildate(2024, 8, 19, 21, 4, 0),
        "Dạ em gửi Văn phòng Tỉnh ủy mẫu đề nghị cấp chứng thư số của em ạ.\n\nEm cảm ơn.",
        [(fn, d.build("Mẫu 01"), DOCX_CT)],
        {"note": "a person's own Mẫu 01 (addressed to her district committee) sent straight to the mailbox, "
                 "with a hotmail address",
         "kind": "cert_request", "action": "redirect",
         "documents": [D(fn, "docx", "cert_request", None,
                         rows=[R("Lương Thị Kim Chi", "Chuyên viên Ban Tuyên giáo Huyện ủy",
                                 errors=["email_public_domain"])],
                         uncertain={"organization": "a Mẫu 01 has no letterhead",
                                    "errors": "whether individual_form or wrong_addressee is also reported for a "
                                              "person's Mẫu 01 addressed to her own unit is open",
                                    "rows": "a one-person key/value form may or may not be reported as one row"})]})


HANDOVER_ROWS_WHY = ("the CONTRACT does not say whether handover forms (Mẫu 13-15) yield rows, nor which "
                     "columns map to name / device_serial")


def case_handover_mau13():
    subs = [
        {"name": "Lê Thị Diễm My", "pos": "Chuyên viên Văn phòng Huyện ủy", "serial": "02F7A1C3",
         "given": "05/8/2024", "eff": "08 giờ 00 ngày 06/8/2024"},
        {"name": "Nguyễn Tấn Lộc", "pos": "Phó Trưởng Ban Dân vận Huyện ủy", "serial": "02F7A1C9",
         "given": "05/8/2024", "eff": "08 giờ 00 ngày 06/8/2024"},
    ]
    doc = form_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY BÌNH SƠN", "number": "Số 402-CV/HU",
        "vv": None, "place_date": "Bình Sơn, ngày 05 tháng 8 năm 2024",
        "titles": ["VĂN BẢN BÀN GIAO THIẾT BỊ LƯU KHÓA BÍ MẬT CHO THUÊ BAO",
                   "VÀ ĐỀ NGHỊ THỜI ĐIỂM CÓ HIỆU LỰC CỦA CHỨNG THƯ SỐ"],
        "to": CUC,
        "before": ["Huyện ủy Bình Sơn đã nhận thiết bị lưu khóa bí mật từ Cục Chứng thực số và Bảo mật thông tin, "
                   "đã bàn giao cho thuê bao và đề nghị thời điểm có hiệu lực của chứng thư số như sau:"],
        "cols": [("TT", "#"), ("Tên thuê bao", "name"), ("Chức vụ", "pos"), ("Số hiệu thiết bị", "serial"),
                 ("Ngày bàn giao", "given"), ("Thời điểm đề nghị chứng thư số có hiệu lực", "eff")],
        "widths": (500, 2000, 2300, 1600, 1300, 1900), "subs": subs,
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Nguyễn Đăng Khoa",
    })
    fn = "Mau 13 - ban giao thiet bi - HU Binh Son.docx"
    add("handover-mau13", "gmail",
        ("Huyện ủy Bình Sơn", "vanphong.hubinhson@quangngai.dcs.vn"),
        "Văn bản bàn giao thiết bị lưu khóa bí mật (Mẫu 13)",
        maildate(2024, 8, 5, 16, 20, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Bình Sơn gửi Văn bản bàn giao thiết bị lưu khóa bí mật cho thuê bao.\n"
        "Trân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "Mẫu 13 handover and requested activation time", "kind": "handover", "action": "redirect",
         "documents": [D(fn, "docx", "handover", "HUYỆN ỦY BÌNH SƠN",
                         rows=[R(s["name"], s["pos"], s["serial"]) for s in subs],
                         uncertain={"rows": HANDOVER_ROWS_WHY})]})


def case_handover_mau14():
    d = Docx(author="VP Dang uy")
    letterhead(d, "ĐẢNG BỘ HUYỆN MỘ ĐỨC", "ĐẢNG ỦY XÃ ĐỨC LÂN", "", None, "Đức Lân, ngày 19 tháng 8 năm 2024")
    d.p("BIÊN BẢN", align="center", b=True)
    d.p("GIAO, NHẬN THIẾT BỊ LƯU KHÓA BÍ MẬT", align="center", b=True)
    d.p("(Sau khi chứng thư số hết hạn sử dụng hoặc bị thu hồi)", align="center", i=True)
    d.p("Hôm nay, vào lúc 09 giờ 00 ngày 19 tháng 8 năm 2024, tại Văn phòng Đảng ủy xã Đức Lân, chúng tôi gồm:",
        indent=567)
    d.p("1. Bên giao: Ông Nguyễn Văn Thuận, nguyên Phó Bí thư Thường trực Đảng ủy xã.", indent=567)
    d.p("2. Bên nhận: Bà Trần Thị Bích Vân, Văn phòng Đảng ủy xã Đức Lân.", indent=567)
    d.p("Hai bên thống nhất giao, nhận thiết bị lưu khóa bí mật như sau:", indent=567)
    d.table([["TT", "Tên thuê bao", "Số hiệu thiết bị", "Tình trạng thiết bị", "Lý do bàn giao"],
             ["1", "Nguyễn Văn Thuận", "02F1E2D3", "Còn nguyên vẹn", "Chứng thư số bị thu hồi do nghỉ hưu"]],
            (500, 2300, 1800, 2000, 3000))
    d.p("Biên bản được lập thành 03 bản có giá trị như nhau, mỗi bên giữ 01 bản, 01 bản gửi Cục Chứng thực số và "
        "Bảo mật thông tin./.", indent=567)
    d.table([[[("BÊN GIAO", {"b": True}), "", "", ("Nguyễn Văn Thuận", {"b": True})],
              [("BÊN NHẬN", {"b": True}), "", "", ("Trần Thị Bích Vân", {"b": True})]]],
            (4800, 4800), borders=False, bold_rows=(), center_rows=(0,))
    fn = "Biên bản giao nhận thiết bị lưu khóa bí mật.docx"
    add("handover-mau14-record", "outlook",
        ("Đảng ủy xã Đức Lân", "danguyduclan.moduc@quangngai.dcs.vn"),
        "Biên bản giao nhận thiết bị lưu khóa bí mật - Đảng ủy xã Đức Lân",
        maildate(2024, 8, 19, 10, 30, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Đức Lân gửi Biên bản giao, nhận thiết bị lưu khóa bí mật của "
        "đồng chí Nguyễn Văn Thuận (nghỉ hưu).\n\nTrân trọng.",
        [(fn, d.build("Biên bản"), DOCX_CT)],
        {"note": "Mẫu 14 return record after revocation (no document number)", "kind": "handover",
         "action": "redirect",
         "documents": [D(fn, "docx", "handover", "ĐẢNG ỦY XÃ ĐỨC LÂN",
                         rows=[R("Nguyễn Văn Thuận", device_serial="02F1E2D3")],
                         uncertain={"rows": HANDOVER_ROWS_WHY})]})


def case_handover_mau15_loss():
    d = Docx()
    letterhead(d, "ĐẢNG BỘ THÀNH PHỐ QUẢNG NGÃI", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "Số 21-BB/ĐU", None,
               "Nghĩa Lộ, ngày 26 tháng 8 năm 2024")
    d.p("BIÊN BẢN XÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT", align="center", b=True)
    d.p([("Kính gửi: ", {"i": True}), ("Cục Chứng thực số và Bảo mật thông tin", {"b": True})], align="center")
    d.p("Hôm nay, ngày 26 tháng 8 năm 2024, tại trụ sở Đảng ủy phường Nghĩa Lộ, Đảng ủy phường lập biên bản xác "
        "nhận việc thất lạc thiết bị lưu khóa bí mật như sau:", indent=567)
    d.p("- Thuê bao: Ông Võ Văn Minh", indent=567)
    d.p("- Chức vụ: Phó Bí thư Đảng ủy phường", indent=567)
    d.p("- Số hiệu thiết bị lưu khóa bí mật: 02A9B8C7", indent=567)
    d.p("- Thời gian, địa điểm thất lạc: khoảng ngày 20/8/2024, trong khi đi công tác tại Thành phố Hồ Chí Minh.",
        indent=567)
    d.p("- Lý do thất lạc: bị mất cắp túi xách cùng thiết bị.", indent=567)
    d.p("Đảng ủy phường Nghĩa Lộ đề nghị Cục Chứng thực số và Bảo mật thông tin thu hồi chứng thư số tương ứng và "
        "cấp lại thiết bị cho thuê bao./.", indent=567)
    sign_block(d, ["- Như trên,", "- Lưu VP."], ["T/M ĐẢNG ỦY", "BÍ THƯ"], "Trần Văn Quang")
    fn = "BB that lac eToken - Vo Van Minh.docx"
    add("handover-mau15-loss", "zimbra",
        ("Đảng ủy phường Nghĩa Lộ", "danguynghialo@quangngai.dcs.vn"),
        "Biên bản xác nhận thất lạc thiết bị lưu khóa bí mật",
        maildate(2024, 8, 26, 15, 5, 0),
        "Kính gửi Văn phòng Tỉnh ủy.\nĐảng ủy phường Nghĩa Lộ gửi biên bản xác nhận thất lạc eToken.\nTrân trọng.",
        [(fn, d.build("Biên bản"), DOCX_CT)],
        {"note": "Mẫu 15 loss record, no table", "kind": "handover", "action": "redirect",
         "documents": [D(fn, "docx", "handover", "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ")]})


def report_6m_docx(unit, parent, number, place_date, place, period="6 tháng đầu năm 2024"):
    d = Docx(split=True)
    letterhead(d, parent, unit, number, None, place_date)
    d.p("BÁO CÁO", align="center", b=True, sz=30)
    d.p("tình hình triển khai, quản lý và sử dụng chứng thư số %s" % period, align="center", b=True)
    d.p([("Kính gửi: ", {"i": True}), ("Văn phòng Tỉnh ủy", {"b": True})], align="center")
    d.p("Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy, %s báo cáo tình hình triển khai, "
        "quản lý và sử dụng chứng thư số %s như sau:" % (place, period), indent=567, align="both")
    d.p("I. TÌNH HÌNH TRIỂN KHAI", b=True)
    d.p("Trong kỳ, đơn vị đã tiếp nhận và bàn giao thiết bị lưu khóa bí mật cho các thuê bao; 100% văn bản đi của "
        "cơ quan được ký số trước khi phát hành trên hệ thống.", indent=567, align="both")
    d.p("II. SỐ LIỆU CỤ THỂ", b=True)
    d.table([["TT", "Nội dung", "Số lượng", "Ghi chú"],
             ["1", "Tổng số chứng thư số cá nhân đang quản lý", "42", ""],
             ["2", "Chứng thư số cơ quan, tổ chức", "3", ""],
             ["3", "Thiết bị bị khóa đã được khôi phục", "2", "Văn phòng Tỉnh ủy hỗ trợ"],
             ["4", "SIM PKI đã kích hoạt", "5", ""],
             ["5", "Chứng thư số đề nghị thu hồi", "1", "Nghỉ hưu"]],
            (600, 5000, 1400, 2600))
    d.p("III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT", b=True)
    d.p("Một số máy tính cấu hình thấp, phần mềm ký số đôi lúc không nhận thiết bị. Đề nghị Văn phòng Tỉnh ủy "
        "tiếp tục tổ chức tập huấn sử dụng chữ ký số cho cán bộ cơ sở.", indent=567, align="both")
    sign_block(d, ["- Văn phòng Tỉnh ủy (b/c),", "- Lưu."], ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "Lê Thị Thúy")
    return d.build("Báo cáo")


def case_report_6m():
    doc = report_6m_docx("HUYỆN ỦY MỘ ĐỨC", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Số 245-BC/HU",
                         "Mộ Đức, ngày 10 tháng 6 năm 2024", "Huyện ủy Mộ Đức")
    fn = "BC 6 thang dau nam 2024 ve chu ky so.docx"
    add("report-6-monthly", "outlook",
        ("Huyện ủy Mộ Đức", "huyenuymoduc@quangngai.dcs.vn"),
        "Báo cáo 6 tháng đầu năm 2024 về chữ ký số",
        maildate(2024, 6, 10, 10, 10, 10),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Mộ Đức gửi Báo cáo số 245-BC/HU về tình hình sử dụng chứng thư số "
        "6 tháng đầu năm 2024.\n\nTrân trọng.",
        [(fn, doc, DOCX_CT)],
        {"note": "6-monthly report; its statistics mention recovery and SIM PKI", "kind": "report",
         "action": "queue", "documents": [D(fn, "docx", "report", "HUYỆN ỦY MỘ ĐỨC")]})


def case_report_yearly():
    d = Docx()
    letterhead(d, "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN HÀ", "Số 310-BC/HU", None,
               "Sơn Hà, ngày 10 tháng 12 năm 2024")
    d.p("BÁO CÁO", align="center", b=True, sz=30)
    d.p("Kết quả quản lý, sử dụng chứng thư số chuyên dùng năm 2024", align="center", b=True)
    d.p("-----", align="center")
    d.p("Thực hiện chế độ báo cáo định kỳ hằng năm theo Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh "
        "ủy, Huyện ủy Sơn Hà báo cáo kết quả quản lý, sử dụng chứng thư số năm 2024 như sau:", indent=567)
    d.p("1. Tổng số thuê bao đang sử dụng: 37 thuê bao cá nhân, 02 thuê bao tổ chức.", indent=567)
    d.p("2. Trong năm đã đề nghị khôi phục 03 thiết bị lưu khóa bí mật, cấp mới 04 chứng thư số, thu hồi 01 chứng "
        "thư số.", indent=567)
    d.p("3. Danh sách thuê bao tại cơ quan Huyện ủy (trích):", indent=567)
    d.table([["TT", "Họ và tên", "Chức vụ", "Số seri thiết bị", "Tình trạng"],
             ["1", "Đinh Văn Thanh", "Phó Bí thư Huyện ủy", "0231D0A4", "Đang sử dụng"],
             ["2", "Phạm Thị Bích Liên", "Trưởng Ban Dân vận Huyện ủy", "0231D0B9", "Đang sử dụng"],
             ["3", "Đinh Công Tâm", "Chuyên viên Văn phòng Huyện ủy", "0231D0C2", "Đã khôi phục tháng 6/2024"]],
            (500, 2400, 2900, 1800, 2000))
    d.p("4. Phương hướng năm 2025: tiếp tục đẩy mạnh ký số văn bản trên hệ thống quản lý văn bản và điều hành.",
        indent=567)
    sign_block(d, ["- Văn phòng Tỉnh ủy,", "- Lưu VP."], ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], "Đinh Văn Thanh")
    fn = "Báo cáo năm 2024 - chứng thư số - HU Sơn Hà.docx"
    add("report-yearly-with-subscriber-table", "thunderbird",
        ("Huyện ủy Sơn Hà", "huyenuysonha@quangngai.dcs.vn"),
        "Báo cáo kết quả quản lý, sử dụng chứng thư số năm 2024",
        maildate(2024, 12, 10, 8, 30, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Hà gửi báo cáo năm 2024.\n\nTrân trọng.",
        [(fn, d.build("Báo cáo năm"), DOCX_CT)],
        {"note": "yearly report with no 'Kính gửi' line, holding a subscriber table with name, position and "
                 "device number (looks like a recovery list)",
         "kind": "report", "action": "queue", "documents": [D(fn, "docx", "report", "HUYỆN ỦY SƠN HÀ")]})


def case_report_adhoc_xlsx():
    x = Xlsx()
    sh = x.sheet("Bao cao")
    sh.row(1, ["ĐẢNG BỘ TỈNH QUẢNG NGÃI", None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sh.row(2, ["HUYỆN ỦY BÌNH SƠN"])
    sh.row(3, ["Số 512-BC/HU", None, "Bình Sơn, ngày 15 tháng 10 năm 2024"])
    sh.row(5, ["BÁO CÁO ĐỘT XUẤT"])
    sh.row(6, ["Tình hình quản lý, sử dụng chứng thư số chuyên dùng (theo đề nghị tại Công văn số 2015-CV/VPTU "
               "ngày 10/10/2024 của Văn phòng Tỉnh ủy)"])
    sh.row(7, ["Kính gửi: Văn phòng Tỉnh ủy"])
    for r in (5, 6, 7):
        sh.merge("A%d:D%d" % (r, r))
    sh.row(9, ["TT", "Nội dung", "Số lượng", "Ghi chú"])
    items = [("Chứng thư số cá nhân đang sử dụng", 51, ""), ("Chứng thư số tổ chức", 4, ""),
             ("Thiết bị lưu khóa bí mật bị hỏng", 1, "Đề nghị cấp lại"),
             ("Thuê bao chưa kích hoạt SIM PKI", 2, "Đang chờ nhà mạng")]
    for k, (a, n, g) in enumerate(items, 1):
        sh.row(9 + k, [k, a, n, g])
    sh.row(15, [None, None, "T/L BAN THƯỜNG VỤ"])
    sh.row(16, [None, None, "CHÁNH VĂN PHÒNG"])
    sh.row(19, [None, None, "Nguyễn Đăng Khoa"])
    fn = "Bao cao dot xuat CKS - HU Binh Son.xlsx"
    add("report-adhoc-xlsx", "gmail",
        ("Huyện ủy Bình Sơn", "vanphong.hubinhson@quangngai.dcs.vn"),
        "Báo cáo đột xuất tình hình sử dụng chữ ký số",
        maildate(2024, 10, 15, 17, 1, 2),
        "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Bình Sơn gửi báo cáo đột xuất theo Công văn số 2015-CV/VPTU.\n"
        "Trân trọng.",
        [(fn, x.build(), XLSX_CT)],
        {"note": "ad-hoc report as a spreadsheet", "kind": "report", "action": "queue",
         "documents": [D(fn, "xlsx", "report", "HUYỆN ỦY BÌNH SƠN")]})


def case_question_docx():
    d = Docx()
    letterhead(d, "ĐẢNG BỘ HUYỆN LÝ SƠN", "ĐẢNG ỦY XÃ AN VĨNH", "Số 45-CV/ĐU",
               "V/v đề nghị hướng dẫn thủ tục đối với\nchứng thư số của cán bộ nghỉ hưu",
               "An Vĩnh, ngày 02 tháng 8 năm 2024")
    d.p([("Kính gửi: ", {"i": True}), ("Văn phòng Tỉnh ủy (Phòng Cơ yếu - Công nghệ thông tin)", {"b": True})],
        align="center", after=200)
    d.p("Hiện nay, Đảng ủy xã An Vĩnh có 01 đồng chí Phó Bí thư Đảng ủy đã nghỉ hưu từ ngày 01/7/2024; thiết bị lưu "
        "khóa bí mật (eToken) của đồng chí hiện do Văn phòng Đảng ủy quản lý. Để thực hiện đúng quy định, Đảng ủy "
        "xã An Vĩnh đề nghị Văn phòng Tỉnh ủy hướng dẫn một số nội dung sau:", indent=567, align="both")
    d.p("1. Văn bản đề nghị thu hồi chứng thư số của đồng chí nêu trên gửi về Văn phòng Tỉnh ủy hay gửi trực tiếp "
        "Cục Chứng thực số và Bảo mật thông tin?", indent=567)
    d.p("2. Thiết bị lưu khóa bí mật sau khi thu hồi có phải bàn giao lại cho Cục không, hình thức bàn giao như thế "
        "nào?", indent=567)
    d.p("3. Đồng chí được bầu bổ sung giữ chức Phó Bí thư thì thủ tục đề nghị cấp mới chứng thư số và SIM PKI thực "
        "hiện theo mẫu nào?", indent=567)
    d.p("Rất mong nhận được sự hướng dẫn của Văn phòng Tỉnh ủy./.", indent=567)
    sign_block(d, ["- Như trên,", "- Lưu VP."], ["T/M ĐẢNG ỦY", "BÍ THƯ"], "Võ Thanh Tùng")
    fn = "CV 45 de nghi huong dan thu tuc CTS.docx"
    add("question-letter-docx", "zimbra",
        ("Đảng ủy xã An Vĩnh", "danguyanvinh.lyson@quangngai.dcs.vn"),
        "V/v đề nghị hướng dẫn thủ tục chứng thư số",
        maildate(2024, 8, 2, 9, 45, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\nĐảng ủy xã An Vĩnh gửi công văn đề nghị hướng dẫn thủ tục.\nTrân trọng.",
        [(fn, d.build("Công văn"), DOCX_CT)],
        {"note": "a letter asking how to revoke / hand over / apply; no form, no table",
         "kind": "unknown", "action": "manual",
         "documents": [D(fn, "docx", "unknown", "ĐẢNG ỦY XÃ AN VĨNH",
                         uncertain={"organization": "whether the letterhead is parsed for a document of "
                                                    "unknown kind is open"})]})


def case_question_plain():
    add("question-plain-no-attachment", "gmail",
        ("Nguyễn Minh Trí", "nmtri.vanphong@quangngai.dcs.vn"),
        "Hỏi về cài đặt phần mềm ký số trên máy tính mới",
        maildate(2024, 9, 3, 8, 2, 0),
        "Kính gửi Phòng Cơ yếu - CNTT,\n\nEm là Trí, Văn phòng Huyện ủy Tư Nghĩa. Cơ quan em vừa được cấp máy tính "
        "mới cài Windows 11, khi cắm eToken thì phần mềm ký số không nhận thiết bị. Anh chị cho em hỏi cần cài "
        "driver và phần mềm nào, tải ở đâu ạ?\n\nEm cảm ơn anh chị.\n\nNguyễn Minh Trí\nVăn phòng Huyện ủy Tư Nghĩa",
        [],
        {"note": "a plain question with no attachment", "kind": "unknown", "action": "manual",
         "errors": ["no_documents"], "documents": []})


def case_mixed_kinds():
    subs = [{"name": "Phan Văn Lợi", "pos": "Chuyên viên Ban Tổ chức Huyện ủy", "serial": "02C7D8E9",
             "why": "Nhập sai mật khẩu quá 15 lần"}]
    rec = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY TƯ NGHĨA", "number": "Số 372-CV/HU",
        "vv": "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", "place_date": "Tư Nghĩa, ngày 01 tháng 7 năm 2024",
        "to": VPTU,
        "intro": "Huyện ủy Tư Nghĩa đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu khóa bí mật cho thuê "
                 "bao sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số seri thiết bị", "serial"),
                 ("Lý do", "why")],
        "widths": (600, 2500, 3000, 1700, 1800), "subs": subs,
        "coord": {"name": "Nguyễn Minh Trí", "pos": "Chuyên viên Văn phòng Huyện ủy", "phone": "0396.112.358"},
        "coord_style": "oneline",
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Võ Văn Lâm",
    })
    rep = report_6m_docx("HUYỆN ỦY TƯ NGHĨA", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Số 370-BC/HU",
                         "Tư Nghĩa, ngày 01 tháng 7 năm 2024", "Huyện ủy Tư Nghĩa")
    fn1 = "372-CV khôi phục eToken.docx"
    fn2 = "370-BC báo cáo 6 tháng chữ ký số.docx"
    add("two-documents-different-kinds", "thunderbird",
        ("Văn phòng Huyện ủy Tư Nghĩa", "vphuyenuytunghia@quangngai.dcs.vn"),
        "Gửi công văn khôi phục eToken và báo cáo 6 tháng",
        maildate(2024, 7, 1, 14, 0, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nVăn phòng Huyện ủy Tư Nghĩa gửi kèm:\n- Công văn số 372-CV/HU đề nghị khôi "
        "phục thiết bị lưu khóa bí mật;\n- Báo cáo số 370-BC/HU tình hình sử dụng chứng thư số 6 tháng đầu năm 2024."
        "\n\nTrân trọng.",
        [(fn1, rec, DOCX_CT), (fn2, rep, DOCX_CT)],
        {"note": "one recovery request and one report in one message", "kind": "unknown", "action": "manual",
         "errors": ["mixed_documents"],
         "documents": [D(fn1, "docx", "etoken_recovery", "HUYỆN ỦY TƯ NGHĨA",
                         fields=coord_fields("Nguyễn Minh Trí", "84396112358"), rows=rec_rows(subs)),
                       D(fn2, "docx", "report", "HUYỆN ỦY TƯ NGHĨA")]})


def case_two_recoveries():
    subs1 = [{"name": "Nguyễn Thị Thanh Tâm", "pos": "Chuyên viên Văn phòng Thị ủy", "serial": "02B9C0D1",
              "why": "Nhập sai mật khẩu quá 15 lần"}]
    doc1 = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "THỊ ỦY ĐỨC PHỔ", "number": "Số 512-CV/TU",
        "vv": "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", "place_date": "Đức Phổ, ngày 09 tháng 9 năm 2024",
        "to": VPTU,
        "intro": "Thị ủy Đức Phổ đề nghị Văn phòng Tỉnh ủy hỗ trợ khôi phục thiết bị lưu khóa bí mật cho thuê bao "
                 "sau:",
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Số seri thiết bị", "serial"),
                 ("Lý do", "why")],
        "widths": (600, 2500, 3000, 1700, 1800), "subs": subs1,
        "coord": {"name": "Huỳnh Văn Tâm", "pos": "Phó Chánh Văn phòng Thị ủy", "phone": "0982 468 024"},
        "coord_style": "para",
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Phạm Thị Kiều",
    })
    subs2 = [
        {"name": "Lê Văn Sỹ", "pos": "Phó Bí thư Đảng ủy phường Phổ Văn", "unit": "Đảng ủy phường Phổ Văn",
         "serial": "02B9C1AA", "why": "Nhập sai mật khẩu"},
        {"name": "Trần Thị Hương", "pos": "Cán bộ Văn phòng Đảng ủy phường", "unit": "Đảng ủy phường Phổ Văn",
         "serial": "02B9C1AB", "why": "Nhập sai mật khẩu"},
    ]
    head = [[{"t": "TT", "vm": "restart"}, {"t": "Thông tin thuê bao", "span": 3},
             {"t": "Số hiệu thiết bị lưu khóa bí mật", "vm": "restart"}, {"t": "Lý do", "vm": "restart"}],
            [{"t": "", "vm": "continue"}, "Họ và tên", "Chức vụ", "Đơn vị",
             {"t": "", "vm": "continue"}, {"t": "", "vm": "continue"}],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]]
    doc2 = recovery_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "THỊ ỦY ĐỨC PHỔ", "number": "Số 518-CV/TU",
        "vv": "V/v đề nghị khôi phục thiết bị lưu khóa bí mật", "place_date": "Đức Phổ, ngày 10 tháng 9 năm 2024",
        "to": VPTU,
        "intro": "Thị ủy Đức Phổ tổng hợp đề nghị khôi phục thiết bị lưu khóa bí mật của các thuê bao thuộc Đảng ủy "
                 "phường Phổ Văn như sau:",
        "header_rows": head,
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Đơn vị", "unit"),
                 ("Số hiệu thiết bị lưu khóa bí mật", "serial"), ("Lý do", "why")],
        "widths": (500, 2000, 2300, 1800, 1800, 1200), "subs": subs2,
        "coord": {"name": "Huỳnh Văn Tâm", "pos": "Phó Chánh Văn phòng Thị ủy", "phone": "0982 468 024",
                  "email": "hvtam.ducpho@quangngai.dcs.vn"},
        "coord_style": "kv",
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Phạm Thị Kiều",
    })
    fn1 = "512-CV-TU khoi phuc eToken.docx"
    fn2 = "518-CV-TU khoi phuc eToken (phuong Pho Van).docx"
    fields = coord_fields("Huỳnh Văn Tâm", "84982468024")
    add("two-documents-same-kind", "zimbra",
        ("Văn phòng Thị ủy Đức Phổ", "vanphongthiuyducpho@quangngai.dcs.vn"),
        "Thị ủy Đức Phổ gửi 02 văn bản đề nghị khôi phục thiết bị lưu khóa bí mật",
        maildate(2024, 9, 10, 9, 0, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\nVăn phòng Thị ủy Đức Phổ gửi 02 văn bản đề nghị khôi phục thiết bị lưu khóa bí "
        "mật (số 512-CV/TU và 518-CV/TU).\nTrân trọng.",
        [(fn1, doc1, DOCX_CT), (fn2, doc2, DOCX_CT)],
        {"note": "two Mẫu 12 in one message; the second has a two-level merged header and a column-number row",
         "kind": "etoken_recovery", "action": "queue",
         "documents": [D(fn1, "docx", "etoken_recovery", "THỊ ỦY ĐỨC PHỔ", fields=fields, rows=rec_rows(subs1)),
                       D(fn2, "docx", "etoken_recovery", "THỊ ỦY ĐỨC PHỔ", fields=fields, rows=rec_rows(subs2))]})


def case_two_cert_requests():
    subs1 = [
        {"name": "Phạm Văn Hiền", "pos": "Phó Chánh Văn phòng Huyện ủy", "email": "pvhien.bato@quangngai.dcs.vn",
         "cccd": "051086003141"},
        {"name": "Đinh Thị Lan", "pos": "Chuyên viên Ban Tuyên giáo Huyện ủy", "email": "dtlan.bato@quangngai.dcs.vn",
         "cccd": "051193005926"},
    ]
    doc = form_docx({
        "parent": "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "unit": "HUYỆN ỦY BA TƠ", "number": "Số 230-CV/HU",
        "vv": "V/v đề nghị cấp chứng thư số", "place_date": "Ba Tơ, ngày 16 tháng 9 năm 2024",
        "titles": ["ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ"], "to": CUC,
        "before": [CANCU_CUC, "Huyện ủy Ba Tơ đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho các "
                              "cá nhân sau:"],
        "cols": [("TT", "#"), ("Họ và tên", "name"), ("Chức vụ", "pos"), ("Thư điện tử công vụ", "email"),
                 ("Số CCCD", "cccd")],
        "widths": (500, 2400, 2900, 2500, 1300), "subs": subs1,
        "role": ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"], "signer": "Phạm Văn Tiên",
    })
    subs2 = [
        {"name": "Phạm Văn Rin", "pos": "Phó Bí thư Thường trực Huyện ủy", "org": "Huyện ủy Ba Tơ",
         "cert": "540104C1D2E3F4A5", "why": "Chuyển công tác"},
    ]
    data = revocation_xlsx("HUYỆN ỦY BA TƠ", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Số 231-CV/HU",
                           "Ba Tơ, ngày 16 tháng 9 năm 2024", subs2)
    fn1 = "230 - đề nghị cấp CTS.docx"
    fn2 = "231 - đề nghị thu hồi CTS.xlsx"
    add("two-documents-same-kind-cert", "outlook",
        ("Văn phòng Huyện ủy Ba Tơ", "vanphonghuyenuybato@quangngai.dcs.vn"),
        "Đề nghị cấp mới và thu hồi chứng thư số - Huyện ủy Ba Tơ",
        maildate(2024, 9, 16, 15, 15, 0),
        "Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Ba Tơ gửi văn bản đề nghị cấp mới (Mẫu 02) và thu hồi (Mẫu 10) "
        "chứng thư số.\n\nTrân trọng.",
        [(fn1, doc, DOCX_CT), (fn2, data, XLSX_CT)],
        {"note": "a Mẫu 02 (Word) and a Mẫu 10 (Excel): both cert_request", "kind": "cert_request",
         "action": "redirect",
         "documents": [D(fn1, "docx", "cert_request", "HUYỆN ỦY BA TƠ", rows=cert_rows(subs1)),
                       D(fn2, "xlsx", "cert_request", "HUYỆN ỦY BA TƠ", rows=cert_rows(subs2))]})


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make-blind.py OUTDIR\n")
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in (case_etoken_paragraphs, case_etoken_kv_table, case_etoken_oneline, case_etoken_xlsx,
              case_etoken_nfd_lowercase, case_etoken_to_cuc, case_etoken_no_coordinator,
              case_etoken_serial_missing, case_mau11_person, case_sim_recovery_to_cuc,
              case_sim_recovery_to_vptu_xlsx, case_cert_new_docx, case_cert_public_email_xlsx,
              case_cert_renewal, case_cert_change_mttq, case_cert_revocation_name_missing,
              case_cert_position_missing_to_vptu, case_cert_mau01_person, case_handover_mau13, case_handover_mau14,
              case_handover_mau15_loss, case_report_6m, case_report_yearly, case_report_adhoc_xlsx,
              case_question_docx, case_question_plain, case_mixed_kinds, case_two_recoveries,
              case_two_cert_requests):
        f()
    expected = {"set": "blind2", "contract": 1,
                "assumptions": {"require_signature": False, "sender_registry": None},
                "messages": []}
    for fname, eml, e in CASES:
        with open(os.path.join(out, fname), "wb") as fh:
            fh.write(eml)
        expected["messages"].append(e)
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(expected, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    print("blind2: wrote %d messages to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
