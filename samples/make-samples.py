#!/usr/bin/python3
# make-samples.py OUTDIR: writes the sample mailbox of hotrocks (.eml messages
# carrying DOCX/XLSX lists built from raw OOXML) and OUTDIR/expected.json.
# Standard library only; never reads the clock or a random source, so two
# runs give identical bytes.

import base64
import email.parser
import email.utils
import hashlib
import html
import json
import os
import quopri
import sys
import unicodedata
from datetime import datetime

sys.dont_write_bytecode = True      # nothing written beside the sources
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xls                          # noqa: E402  (BIFF8 .xls writer)
from docgen import (XML_DECL, RT, NS_W, NS_S,  # noqa: E402
                    Grid, StringTable, col_name, esc, luhn_digit, luhn_ok,
                    rels, tcvn3, vni, zip_parts)

MAILBOX = "HotroCKS@quangngai.dcs.vn"

# ---------------------------------------------------------------------------
# Vietnamese numbers: the rules the expected values are computed with.

OLD_PREFIX = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081",
    "0129": "082", "0120": "070", "0121": "079", "0122": "077",
    "0126": "076", "0128": "078", "0186": "056", "0188": "058",
    "0199": "059",
}

CARRIER_PREFIX = {
    "viettel": ("86", "96", "97", "98", "32", "33", "34", "35", "36", "37",
                "38", "39"),
    "vinaphone": ("88", "91", "94", "81", "82", "83", "84", "85"),
    "mobifone": ("89", "90", "93", "70", "76", "77", "78", "79"),
}

ISSUER = {"01": "mobifone", "02": "vinaphone", "04": "viettel"}


def iccid(body):
    """A card number: body digits followed by their Luhn check digit."""
    return body + luhn_digit(body)


def iccid_bad_check(body):
    good = luhn_digit(body)
    return body + str((int(good) + 3) % 10)


def phone_norm(raw):
    """(84xxxxxxxxx, was_old_format) for any way the samples type a phone."""
    d = "".join(c for c in raw if c.isdigit())
    if len(d) == 11 and d.startswith("84"):
        return d, False
    if len(d) == 10 and d.startswith("0"):
        return "84" + d[1:], False
    if len(d) == 9:
        return "84" + d, False
    if len(d) == 11 and d[:4] in OLD_PREFIX:
        return "84" + OLD_PREFIX[d[:4]][1:] + d[4:], True
    raise AssertionError(raw)


def carrier_of(phone84):
    for name, prefixes in CARRIER_PREFIX.items():
        if phone84[2:4] in prefixes:
            return name
    raise AssertionError(phone84)


def clean(s):
    if s is None:
        return None
    s = " ".join(unicodedata.normalize("NFC", s).split())
    return s or None


def spaced(digits, group=4, sep=" "):
    return sep.join(digits[i:i + group] for i in range(0, len(digits), group))


# ---------------------------------------------------------------------------
# Rows of a SIM activation list and what hotrocks must make of them.

class Row:
    """One line of a Phụ lục 3 table as typed, plus its expected verdict."""

    def __init__(self, phone, card, name, position, errors=(), warnings=(),
                 card_shown=None, expect_iccid="digits"):
        self.phone = phone            # as typed in the document
        self.card = card              # ICCID digits (or None)
        self.card_shown = card_shown if card_shown is not None else card
        self.name = name
        self.position = position
        self.errors = list(errors)
        self.warnings = list(warnings)
        self.expect_iccid = expect_iccid

    def expected(self, index):
        phone, old = phone_norm(self.phone)
        warnings = list(self.warnings)
        if old and "phone_old_format" not in warnings:
            warnings.insert(0, "phone_old_format")
        if self.expect_iccid == "digits":
            card = "".join(c for c in self.card_shown if c.isdigit())
        else:
            card = None
        return {
            "index": index,
            "phone": phone,
            "iccid": card,
            "name": clean(self.name),
            "position": clean(self.position),
            "carrier": carrier_of(phone),
            "errors": self.errors,
            "warnings": warnings,
        }


def good_rows_check(rows):
    """Every row expected clean must really be clean by the rules above."""
    for r in rows:
        if r.errors or r.expect_iccid != "digits":
            continue
        d = "".join(c for c in r.card_shown if c.isdigit())
        assert 19 <= len(d) <= 20 and d.startswith("8984"), d
        assert luhn_ok(d), d
        phone, _ = phone_norm(r.phone)
        if "phone_carrier_mismatch" not in r.warnings:
            assert ISSUER[d[4:6]] == carrier_of(phone), (d, phone)


# ---------------------------------------------------------------------------
# OOXML packages.

CT_DOCX = ("application/vnd.openxmlformats-officedocument."
           "wordprocessingml.document")
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def core_props(creator, modifier, created, modified, title=""):
    return (XML_DECL +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<cp:lastModifiedBy>%s</cp:lastModifiedBy>'
            '<cp:revision>2</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>'
            '</cp:coreProperties>'
            % (esc(title), esc(creator), esc(modifier), created, modified))


def app_props(application, version="16.0000"):
    return (XML_DECL +
            '<Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes"><Application>%s</Application>'
            '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
            '<AppVersion>%s</AppVersion></Properties>'
            % (esc(application), version))


# --- Word --------------------------------------------------------------------

class Raw(str):
    """A ready-made WordprocessingML fragment inside a paragraph."""


# While a legacy-font sample is built: text -> (font, stored text), which
# every run then carries (docgen.tcvn3, docgen.vni).
LEGACY = None


def wr(text, b=False, i=False, u=False, sz=None, rsid=None):
    props = ""
    if LEGACY is not None and text.strip():
        font, text = LEGACY(text)
        props = '<w:rFonts w:ascii="%s" w:hAnsi="%s"/>' % (font, font)
    if b:
        props += "<w:b/><w:bCs/>"
    if i:
        props += "<w:i/><w:iCs/>"
    if sz:
        props += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (sz, sz)
    if u:
        props += '<w:u w:val="single"/>'
    rpr = "<w:rPr>%s</w:rPr>" % props if props else ""
    body = "<w:br/>".join('<w:t xml:space="preserve">%s</w:t>' % esc(p)
                          for p in text.split("\n"))
    attr = ' w:rsidRPr="%s"' % rsid if rsid else ""
    return Raw("<w:r%s>%s%s</w:r>" % (attr, rpr, body))


def wp(content=(), jc=None, before=0, after=0, ind=None, b=False, i=False,
       u=False, sz=None):
    """A paragraph; content items are plain strings (one run each, in the
    paragraph's character format) or Raw fragments (runs, proofErr...)."""
    if isinstance(content, str):
        content = [content]
    ppr = '<w:spacing w:before="%d" w:after="%d"/>' % (before, after)
    if ind:
        ppr += '<w:ind w:left="%d"/>' % ind
    if jc:
        ppr += '<w:jc w:val="%s"/>' % jc
    runs = "".join(c if isinstance(c, Raw) else wr(c, b, i, u, sz)
                   for c in content)
    return Raw("<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (ppr, runs))


def wtc(width, paras, span=None):
    if isinstance(paras, str):
        paras = [paras]
    paras = [p if p.startswith("<w:p>") else wp(p) for p in paras]
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if span:
        tcpr += '<w:gridSpan w:val="%d"/>' % span
    tcpr += '<w:vAlign w:val="center"/>'
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, "".join(paras))


def wtr(cells, header=False):
    trpr = "<w:trPr><w:cantSplit/>%s</w:trPr>" % (
        "<w:tblHeader/>" if header else "")
    return "<w:tr>%s%s</w:tr>" % (trpr, "".join(cells))


def wtbl(widths, rows, borders=True, jc="center"):
    if borders:
        b = "".join('<w:%s w:val="single" w:sz="4" w:space="0" '
                    'w:color="auto"/>' % e
                    for e in ("top", "left", "bottom", "right", "insideH",
                              "insideV"))
    else:
        b = "".join('<w:%s w:val="none" w:sz="0" w:space="0" '
                    'w:color="auto"/>' % e
                    for e in ("top", "left", "bottom", "right", "insideH",
                              "insideV"))
    tblpr = ('<w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="%s"/>'
             '<w:tblBorders>%s</w:tblBorders><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
             '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
             'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
             'w:noVBand="1"/></w:tblPr>' % (sum(widths), jc, b))
    grid = "<w:tblGrid>%s</w:tblGrid>" % "".join(
        '<w:gridCol w:w="%d"/>' % w for w in widths)
    return Raw("<w:tbl>%s%s%s</w:tbl>" % (tblpr, grid, "".join(rows)))


DOCX_STYLES = (XML_DECL +
               '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
               '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
               'w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
               '<w:sz w:val="26"/><w:szCs w:val="26"/>'
               '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'
               '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
               '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
               '</w:pPr></w:pPrDefault></w:docDefaults>'
               '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
               '<w:name w:val="Normal"/><w:qFormat/></w:style>'
               '<w:style w:type="character" w:default="1" '
               'w:styleId="DefaultParagraphFont">'
               '<w:name w:val="Default Paragraph Font"/><w:uiPriority '
               'w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
               '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
               '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
               '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
               'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
               '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" '
               'w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
               '</w:tblCellMar></w:tblPr></w:style>'
               '<w:style w:type="numbering" w:default="1" '
               'w:styleId="NoList"><w:name w:val="No List"/>'
               '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
               '</w:style></w:styles>' % NS_W)

DOCX_SETTINGS = (XML_DECL +
                 '<w:settings xmlns:w="%s"><w:zoom w:percent="100"/>'
                 '<w:proofState w:spelling="clean" w:grammar="clean"/>'
                 '<w:defaultTabStop w:val="720"/>'
                 '<w:characterSpacingControl w:val="doNotCompress"/>'
                 '<w:compat><w:compatSetting w:name="compatibilityMode" '
                 'w:uri="http://schemas.microsoft.com/office/word" '
                 'w:val="15"/></w:compat></w:settings>' % NS_W)


def docx_package(body, when, creator, application="Microsoft Office Word"):
    stamp = "%04d-%02d-%02dT%02d:%02d:00Z" % when[:5]
    document = (XML_DECL +
                '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:p/>'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
                'w:left="1701" w:header="720" w:footer="720" w:gutter="0"/>'
                '<w:cols w:space="720"/></w:sectPr></w:body></w:document>'
                % (NS_W, RT, "".join(body)))
    ctypes = (XML_DECL +
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="rels" ContentType="'
              'application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.document.main+xml"/>'
              '<Override PartName="/word/styles.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.styles+xml"/>'
              '<Override PartName="/word/settings.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.settings+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="'
              'application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.'
              'extended-properties+xml"/></Types>')
    return zip_parts([
        ("[Content_Types].xml", ctypes),
        ("_rels/.rels", rels([
            ("rId3", RT + "/extended-properties", "docProps/app.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/"
             "relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId1", RT + "/officeDocument", "word/document.xml")])),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels([
            ("rId1", RT + "/styles", "styles.xml"),
            ("rId2", RT + "/settings", "settings.xml")])),
        ("word/styles.xml", DOCX_STYLES),
        ("word/settings.xml", DOCX_SETTINGS),
        ("docProps/core.xml", core_props(creator, creator, stamp, stamp)),
        ("docProps/app.xml", app_props(application)),
    ], when)


def docx_header(left, right, widths=(4253, 4818)):
    """The borderless two-column block at the top of party documents."""
    lp = [wp(t, jc="center", b=bold) for t, bold in left]
    rp = []
    for t, style in right:
        rp.append(wp(t, jc="center", b="b" in style, i="i" in style,
                     u="u" in style))
    return wtbl(widths, [wtr([wtc(widths[0], lp), wtc(widths[1], rp)])],
                borders=False)


def docx_sign(left_lines, right_lines, widths=(4253, 4818)):
    """Nơi nhận on the left, the signer on the right, no borders."""
    lp = []
    for n, t in enumerate(left_lines):
        if n == 0:
            lp.append(wp(t, b=True, i=True, sz=24))
        else:
            lp.append(wp(t, sz=22))
    rp = [wp(t, jc="center", b=True) for t in right_lines]
    return wtbl(widths, [wtr([wtc(widths[0], lp), wtc(widths[1], rp)])],
                borders=False)


DATA_W = (650, 1650, 2500, 2100, 2171)


def docx_data_table(head, rows, widths=DATA_W, numbers=False,
                    extra_top=None, extra_bottom=None):
    """head: five cell contents; rows: lists of five cell contents. A cell
    content is a str, a list of Raw/str run items (one paragraph), or a
    list of paragraphs already built."""
    trs = []
    if extra_top:
        trs.append(extra_top)
    trs.append(wtr([wtc(w, cell_paras(c, head=True))
                    for w, c in zip(widths, head)], header=True))
    if numbers:
        trs.append(wtr([wtc(w, wp("(%d)" % (n + 1), jc="center", i=True))
                        for n, w in enumerate(widths)]))
    for cells in rows:
        trs.append(wtr([wtc(w, cell_paras(c, center=(n in (0, 1, 2))))
                        for n, (w, c) in enumerate(zip(widths, cells))]))
    if extra_bottom:
        trs.append(extra_bottom)
    return wtbl(widths, trs)


def cell_paras(c, head=False, center=False):
    jc = "center" if (head or center) else None
    if isinstance(c, tuple):        # several paragraphs (sub-labels)
        out = []
        for n, t in enumerate(c):
            out.append(wp(t, jc=jc, b=head and n == 0, i=head and n > 0))
        return out
    if isinstance(c, list):
        return [wp(c, jc=jc, b=head)]
    return [wp(c, jc=jc, b=head)]


def row_cells(n, r):
    """Plain cells for a Row; samples override some with split runs."""
    return [str(n), r.phone, r.card_shown or "", r.name or "",
            r.position or ""]


TITLE_SIM = "DANH SÁCH\nĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"
TO_CUC = ("Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
          "Chính phủ")
NOTE_ICCID = "Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM."


def sim_docx(*, left, right, title_paras, addressee_para, head, rows,
             sign, when, creator, numbers=False, note=True, extra_top=None,
             extra_bottom=None, pre=(), cells=None, widths=None):
    body = [docx_header(left, right), wp("")]
    body.extend(pre)
    body.extend(title_paras)
    body.append(addressee_para)
    body.append(wp(""))
    built = []
    for n, r in enumerate(rows, 1):
        if cells and n in cells:
            built.append(cells[n])
        else:
            built.append(row_cells(n, r))
    body.append(docx_data_table(head, built, widths=widths or DATA_W,
                                numbers=numbers,
                                extra_top=extra_top,
                                extra_bottom=extra_bottom))
    if note:
        body.append(wp(NOTE_ICCID, i=True, before=60, sz=24))
    body.append(wp(""))
    body.append(docx_sign(*sign))
    return docx_package(body, when, creator)


# --- Excel -------------------------------------------------------------------

class Inline(str):
    """A cell written as an inline string rather than a shared one."""


class Num(str):
    """A numeric cell; the text is exactly what goes into <v>."""


class Rich(tuple):
    """A shared string made of formatted runs: ((text, bold, size), ...)."""


# cellXfs indices, see XLSX_STYLES
S_DEF, S_BOLD_C, S_PLAIN_C, S_ITAL_C, S_BOLDU_C, S_TITLE = 0, 1, 2, 3, 4, 5
S_TH, S_TD_C, S_TD_L, S_TD_TXT, S_TD_NUM, S_TD_SCI, S_TD_QUOTE = (
    6, 7, 8, 9, 10, 11, 12)
S_TH_ITAL, S_BOLD_L, S_PLAIN_L, S_ITAL_L = 13, 14, 15, 16

_BORDER = 'borderId="1" applyBorder="1"'
XLSX_STYLES = (
    XML_DECL +
    '<styleSheet xmlns="%s">' % NS_S +
    '<fonts count="5">'
    '<font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>'
    '<font><b/><sz val="12"/><name val="Times New Roman"/><family val="1"/>'
    '</font>'
    '<font><i/><sz val="12"/><name val="Times New Roman"/><family val="1"/>'
    '</font>'
    '<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/>'
    '</font>'
    '<font><b/><u/><sz val="12"/><name val="Times New Roman"/>'
    '<family val="1"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/>'
    '</border><border>'
    '<left style="thin"><color indexed="64"/></left>'
    '<right style="thin"><color indexed="64"/></right>'
    '<top style="thin"><color indexed="64"/></top>'
    '<bottom style="thin"><color indexed="64"/></bottom><diagonal/>'
    '</border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs>'
    '<cellXfs count="17">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center"/>'
    '</xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center"/>'
    '</xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyNumberFormat="1" applyAlignment="1"><alignment '
    'horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyAlignment="1"><alignment horizontal="center" vertical="center"/>'
    '</xf>'
    '<xf numFmtId="11" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyNumberFormat="1" applyAlignment="1"><alignment '
    'horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" ' + _BORDER + ' xfId="0" '
    'quotePrefix="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" ' + _BORDER + ' xfId="0" '
    'applyFont="1" applyAlignment="1"><alignment horizontal="center" '
    'vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
    'applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" '
    'applyFont="1"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles><dxfs count="0"/><tableStyles count="0" '
    'defaultTableStyle="TableStyleMedium2" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')


class SharedStrings(StringTable):
    def add(self, value):
        if isinstance(value, Rich):
            runs = []
            for text, bold, size in value:
                rpr = ('<rPr>%s<sz val="%d"/><rFont val="Times New Roman"/>'
                       '<family val="1"/></rPr>' % ("<b/>" if bold else "",
                                                    size))
                runs.append('<r>%s<t xml:space="preserve">%s</t></r>'
                            % (rpr, esc(text)))
            si = "<si>%s</si>" % "".join(runs)
        else:
            sp = ' xml:space="preserve"' if value != value.strip() else ""
            si = "<si><t%s>%s</t></si>" % (sp, esc(value))
        return self.intern(si)

    def xml(self):
        return (XML_DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s'
                '</sst>' % (NS_S, self.count, len(self.items),
                            "".join(self.items)))


class Sheet(Grid):
    default_style = S_DEF

    def __init__(self, name, widths):
        super().__init__(name, widths)
        self.heights = {}

    def xml(self, sst, selected):
        rows = sorted({r for r, _ in self.cells})
        maxc = max(c for _, c in self.cells)
        out = [XML_DECL,
               '<worksheet xmlns="%s" xmlns:r="%s">' % (NS_S, RT),
               '<dimension ref="A1:%s%d"/>' % (col_name(maxc), rows[-1]),
               '<sheetViews><sheetView %sworkbookViewId="0"/></sheetViews>'
               % ('tabSelected="1" ' if selected else ""),
               '<sheetFormatPr defaultRowHeight="15.75"/><cols>']
        for n, w in enumerate(self.widths, 1):
            out.append('<col min="%d" max="%d" width="%s" customWidth="1"/>'
                       % (n, n, w))
        out.append("</cols><sheetData>")
        for r in rows:
            ht = self.heights.get(r)
            out.append('<row r="%d" spans="1:%d"%s>' % (
                r, maxc, ' ht="%s" customHeight="1"' % ht if ht else ""))
            for c in sorted(c for rr, c in self.cells if rr == r):
                value, style = self.cells[(r, c)]
                ref = "%s%d" % (col_name(c), r)
                sattr = ' s="%d"' % style if style else ""
                if value is None:
                    out.append('<c r="%s"%s/>' % (ref, sattr))
                elif isinstance(value, Num):
                    out.append('<c r="%s"%s><v>%s</v></c>'
                               % (ref, sattr, value))
                elif isinstance(value, Inline):
                    out.append('<c r="%s"%s t="inlineStr"><is><t>%s</t></is>'
                               '</c>' % (ref, sattr, esc(value)))
                else:
                    out.append('<c r="%s"%s t="s"><v>%d</v></c>'
                               % (ref, sattr, sst.add(value)))
            out.append("</row>")
        out.append("</sheetData>")
        if self.merges:
            out.append('<mergeCells count="%d">' % len(self.merges))
            out.extend('<mergeCell ref="%s%d:%s%d"/>'
                       % (col_name(c1), r1, col_name(c2), r2)
                       for r1, c1, r2, c2 in self.merges)
            out.append("</mergeCells>")
        out.append('<pageMargins left="0.5" right="0.5" top="0.75" '
                   'bottom="0.75" header="0.3" footer="0.3"/>'
                   '<pageSetup paperSize="9" orientation="landscape"/>'
                   '</worksheet>')
        return "".join(out)


def xlsx_package(sheets, when, creator, active=0,
                 application="Microsoft Excel"):
    stamp = "%04d-%02d-%02dT%02d:%02d:00Z" % when[:5]
    sst = SharedStrings()
    sheet_xml = [s.xml(sst, n == active) for n, s in enumerate(sheets)]
    n = len(sheets)
    workbook = (XML_DECL +
                '<workbook xmlns="%s" xmlns:r="%s">' % (NS_S, RT) +
                '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" '
                'rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>'
                '<bookViews><workbookView xWindow="0" yWindow="0" '
                'windowWidth="23040" windowHeight="9072" activeTab="%d"/>'
                '</bookViews><sheets>' % active +
                "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                        % (esc(s.name), i, i)
                        for i, s in enumerate(sheets, 1)) +
                '</sheets><calcPr calcId="191029"/></workbook>')
    wb_rels = [("rId%d" % i, RT + "/worksheet", "worksheets/sheet%d.xml" % i)
               for i in range(1, n + 1)]
    wb_rels.append(("rId%d" % (n + 1), RT + "/styles", "styles.xml"))
    wb_rels.append(("rId%d" % (n + 2), RT + "/sharedStrings",
                    "sharedStrings.xml"))
    ctypes = (XML_DECL +
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="rels" ContentType="'
              'application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.spreadsheetml.'
              'sheet.main+xml"/>' +
              "".join('<Override PartName="/xl/worksheets/sheet%d.xml" '
                      'ContentType="application/vnd.openxmlformats-'
                      'officedocument.spreadsheetml.worksheet+xml"/>' % i
                      for i in range(1, n + 1)) +
              '<Override PartName="/xl/styles.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
              '<Override PartName="/xl/sharedStrings.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.spreadsheetml.'
              'sharedStrings+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="'
              'application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="'
              'application/vnd.openxmlformats-officedocument.'
              'extended-properties+xml"/></Types>')
    parts = [
        ("[Content_Types].xml", ctypes),
        ("_rels/.rels", rels([
            ("rId3", RT + "/extended-properties", "docProps/app.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/"
             "relationships/metadata/core-properties", "docProps/core.xml"),
            ("rId1", RT + "/officeDocument", "xl/workbook.xml")])),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels(wb_rels)),
    ]
    for i, x in enumerate(sheet_xml, 1):
        parts.append(("xl/worksheets/sheet%d.xml" % i, x))
    parts += [
        ("xl/styles.xml", XLSX_STYLES),
        ("xl/sharedStrings.xml", sst.xml()),
        ("docProps/core.xml", core_props(creator, creator, stamp, stamp)),
        ("docProps/app.xml", app_props(application)),
    ]
    return zip_parts(parts, when)


XL_W = ("6", "18", "26", "28", "40")


def xlsx_header(sh, left, right, date):
    """Rows 1-4: the party header in merged cells, as units lay it out."""
    sh.merge(1, 1, 1, 2, left[0], S_PLAIN_C)
    sh.merge(2, 1, 2, 2, left[1], S_BOLD_C)
    sh.merge(3, 1, 3, 2, "*", S_PLAIN_C)
    sh.merge(1, 4, 1, 5, right[0], S_BOLDU_C)
    if len(right) > 1:
        sh.merge(2, 4, 2, 5, right[1], S_BOLD_C)
    sh.merge(4, 4, 4, 5, date, S_ITAL_C)


def xlsx_rows(sh, first, rows, phone_cells=None, card_cells=None,
              name_cells=None, pos_cells=None):
    r = first
    for n, row in enumerate(rows, 1):
        sh.put(r, 1, Num(str(n)), S_TD_C)
        sh.put(r, 2, (phone_cells or {}).get(n, row.phone), S_TD_TXT)
        if card_cells and n in card_cells:
            v, s = card_cells[n]
            sh.put(r, 3, v, s)
        else:
            sh.put(r, 3, row.card_shown, S_TD_TXT)
        sh.put(r, 4, (name_cells or {}).get(n, row.name), S_TD_L)
        sh.put(r, 5, (pos_cells or {}).get(n, row.position), S_TD_L)
        if n in (phone_cells or {}) and isinstance(phone_cells[n], Num):
            sh.put(r, 2, phone_cells[n], S_TD_NUM)
        r += 1
    return r


def xlsx_sign(sh, row, left, right_lines, name_gap=4):
    sh.merge(row, 1, row, 2, left[0], S_BOLD_L)
    for k, t in enumerate(left[1:], 1):
        sh.merge(row + k, 1, row + k, 2, t, S_PLAIN_L)
    for k, t in enumerate(right_lines[:-1]):
        sh.merge(row + k, 4, row + k, 5, t, S_BOLD_C)
    last = row + len(right_lines) - 1 + name_gap
    sh.merge(last, 4, last, 5, right_lines[-1], S_BOLD_C)


# ---------------------------------------------------------------------------
# MIME: each client's shape, written out by hand.

def rfc_date(y, mo, d, h, mi, s, zone="+0700", suffix=""):
    wd = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[
        datetime(y, mo, d).weekday()]
    mon = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
           "Oct", "Nov", "Dec")[mo - 1]
    return "%s, %d %s %d %02d:%02d:%02d %s%s" % (wd, d, mon, y, h, mi, s,
                                                 zone, suffix)


def b64_lines(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return [s[i:i + width] for i in range(0, len(s), width)]


def qp_lines(text):
    return quopri.encodestring(text.encode("utf-8")).decode(
        "ascii").split("\n")


def chunks_by_bytes(s, limit):
    out, cur = [], b""
    for ch in s:
        e = ch.encode("utf-8")
        if cur and len(cur) + len(e) > limit:
            out.append(cur)
            cur = b""
        cur += e
    if cur:
        out.append(cur)
    return out


def b_words(s, charset="utf-8", limit=45):
    return ["=?%s?B?%s?=" % (charset, base64.b64encode(c).decode("ascii"))
            for c in chunks_by_bytes(s, limit)]


def q_words(s, charset="utf-8", limit=75):
    prefix = "=?%s?Q?" % charset
    words, cur = [], ""
    for ch in s:
        if ch == " ":
            enc = "_"
        elif ch.isascii() and (ch.isalnum() or ch in "!*+-/"):
            enc = ch
        else:
            enc = "".join("=%02X" % b for b in ch.encode("utf-8"))
        if cur and len(prefix) + len(cur) + len(enc) + 2 > limit:
            words.append(prefix + cur + "?=")
            cur = ""
        cur += enc
    if cur:
        words.append(prefix + cur + "?=")
    return words


def fold_words(name, words):
    """A header made of encoded words, one per continuation line."""
    return [name + ": " + words[0]] + [" " + w for w in words[1:]]


def pct(s):
    safe = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            "!#$&+-.^_`|~")
    return "".join(ch if ch in safe else "".join("%%%02X" % b for b in
                                                 ch.encode("utf-8"))
                   for ch in s)


def rfc2231_parts(s, limit=60):
    """filename*0*=UTF-8''..; filename*1*=.. cut on character boundaries."""
    parts, cur = [], ""
    for ch in s:
        enc = pct(ch)
        if cur and len(cur) + len(enc) > limit:
            parts.append(cur)
            cur = ""
        cur += enc
    if cur:
        parts.append(cur)
    return parts


def flowed(text, width=72):
    """RFC 3676 format=flowed: soft breaks end in a space."""
    out = []
    for line in text.split("\n"):
        if line == "-- " or len(line) <= width:
            out.append(line)
            continue
        words = line.split(" ")
        cur = ""
        for w in words:
            if cur and len(cur) + len(w) + 1 > width:
                out.append(cur + " ")
                cur = w
            else:
                cur = w if not cur else cur + " " + w
        out.append(cur)
    return "\n".join(out)


def paragraphs_html(text, open_tag, close_tag, blank):
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append(open_tag + html.escape(line, quote=False) + close_tag)
        else:
            out.append(blank)
    return out


def thread_index(key):
    """Outlook's shape: 0x01, a FILETIME-ish prefix for 2024, then a GUID."""
    tail = hashlib.sha256(key.encode()).digest()[:19]
    return base64.b64encode(b"\x01\xda\x9c" + tail).decode("ascii")


def finish(lines, eol):
    return (eol.join(lines) + eol).encode("utf-8")


class Attachment:
    def __init__(self, filename, ctype, data):
        self.filename = filename
        self.ctype = ctype
        self.data = data


class Forwarded:
    """A message attached whole (message/rfc822)."""

    def __init__(self, data):
        self.data = data


def outlook_mail(*, key, from_name, from_addr, subject, date, text,
                 attachments=(), extra=(), in_reply_to=None,
                 to="<%s>" % MAILBOX, stamp="01DA9C75.078E5C10"):
    eol = "\r\n"
    h = hashlib.sha256(key.encode()).hexdigest()
    mid = "<000%s$%s$%s$@quangngai.dcs.vn>" % (h[0:9], h[9:17], h[17:25])
    outer = "----=_NextPart_000_%s_%s" % (h[25:29].upper(), stamp)
    alt = "----=_NextPart_001_%s_%s" % (h[29:33].upper(), stamp)
    L = ["From: " + " ".join(b_words(from_name)) + " <%s>" % from_addr,
         "To: " + to]
    L += fold_words("Subject", b_words(subject))
    L += ["Date: " + date, "Message-ID: " + mid]
    if in_reply_to:
        L += ["In-Reply-To: " + in_reply_to, "References: " + in_reply_to]
    L += ["MIME-Version: 1.0"]
    top = outer if attachments else alt
    kind = "mixed" if attachments else "alternative"
    L += ["Content-Type: multipart/%s;" % kind, '\tboundary="%s"' % top,
          "X-Mailer: Microsoft Outlook 16.0",
          "Thread-Index: " + thread_index(key)]
    L += list(extra)
    L += ["Content-Language: vi", "", "This is a multipart message in MIME "
          "format.", ""]
    if attachments:
        L += ["--" + outer, "Content-Type: multipart/alternative;",
              '\tboundary="%s"' % alt, "", ""]
    plain = text.replace("\n", "\r\n").encode("utf-8")
    L += ["--" + alt, "Content-Type: text/plain;", '\tcharset="utf-8"',
          "Content-Transfer-Encoding: base64", ""]
    L += b64_lines(plain)
    L += ["", "--" + alt, "Content-Type: text/html;", '\tcharset="utf-8"',
          "Content-Transfer-Encoding: quoted-printable", ""]
    page = ['<html xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" '
            'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
            'xmlns="http://www.w3.org/TR/REC-html40"><head>'
            '<meta http-equiv=Content-Type content="text/html; '
            'charset=utf-8"><meta name=Generator content="Microsoft Word 15 '
            '(filtered medium)"><style><!--',
            '/* Font Definitions */',
            'p.MsoNormal, li.MsoNormal, div.MsoNormal',
            '\t{margin:0in;',
            '\tfont-size:11.0pt;',
            '\tfont-family:"Calibri",sans-serif;}',
            '@page WordSection1',
            '\t{size:8.5in 11.0in;',
            '\tmargin:1.0in 1.0in 1.0in 1.0in;}',
            'div.WordSection1',
            '\t{page:WordSection1;}',
            '--></style></head><body lang=EN-US link="#0563C1" '
            'vlink="#954F72" style=\'word-wrap:break-word\'>'
            '<div class=WordSection1>']
    page += paragraphs_html(text, "<p class=MsoNormal>", "<o:p></o:p></p>",
                            "<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    page += ["</div></body></html>"]
    L += qp_lines("\n".join(page))
    L += ["", "--" + alt + "--", ""]
    for a in attachments:
        L += ["--" + outer]
        if isinstance(a, Forwarded):
            inner = a.data.decode("utf-8").replace("\r\n", "\n")
            L += ["Content-Type: message/rfc822",
                  "Content-Disposition: attachment", ""]
            L += inner.rstrip("\n").split("\n")
            L += [""]
            continue
        words = b_words(a.filename)
        L += ["Content-Type: %s;" % a.ctype,
              '\tname="%s"' % "\r\n ".join(words),
              "Content-Transfer-Encoding: base64",
              "Content-Disposition: attachment;",
              '\tfilename="%s"' % "\r\n ".join(words), ""]
        L += b64_lines(a.data)
        L += [""]
    if attachments:
        L += ["--" + outer + "--", ""]
    return finish(L, eol), mid


def gmail_mail(*, key, from_name, from_addr, subject, date, text,
               attachments=(), html_extra="", text_after=""):
    """html_extra: HTML between the paragraphs of text and of text_after
    (a table pasted into the mail)."""
    eol = "\n"
    h = hashlib.sha256(key.encode()).hexdigest()
    mid = "<CAH%s+%s@mail.gmail.com>" % (
        base64.b64encode(bytes.fromhex(h[:24])).decode().rstrip("="),
        h[24:30])
    outer = "000000000000%s" % h[30:44]
    alt = "000000000000%s" % h[44:58]
    L = ["MIME-Version: 1.0",
         "Date: " + date,
         "Message-ID: " + mid,
         ] + fold_words("Subject", b_words(subject, "UTF-8", 45)) + [
         "From: " + " ".join(b_words(from_name, "UTF-8", 60)) +
         " <%s>" % from_addr,
         "To: " + MAILBOX,
         'Content-Type: multipart/mixed; boundary="%s"' % outer, "",
         "--" + outer,
         'Content-Type: multipart/alternative; boundary="%s"' % alt, "",
         "--" + alt,
         'Content-Type: text/plain; charset="UTF-8"',
         "Content-Transfer-Encoding: base64", ""]
    plain = text + ("\n\n" + text_after if text_after else "")
    L += b64_lines(plain.encode("utf-8"))
    L += ["", "--" + alt, 'Content-Type: text/html; charset="UTF-8"',
          "Content-Transfer-Encoding: quoted-printable", ""]
    page = ['<div dir="ltr">']
    page += paragraphs_html(text, "<div>", "</div>", "<div><br></div>")
    page += [html_extra]
    if text_after:
        page += paragraphs_html(text_after, "<div>", "</div>",
                                "<div><br></div>")
    page += ["</div>"]
    L += qp_lines("".join(page))
    L += ["", "--" + alt + "--"]
    for n, a in enumerate(attachments):
        fid = "f_lvr%s%d" % (h[58:63], n)
        enc = " ".join(b_words(a.filename, "UTF-8", 60))
        L += ["--" + outer,
              'Content-Type: %s; ' % a.ctype,
              '\tname="%s"' % enc,
              'Content-Disposition: attachment; ',
              '\tfilename="%s"' % enc,
              "Content-Transfer-Encoding: base64",
              "Content-ID: <%s>" % fid,
              "X-Attachment-Id: " + fid, ""]
        L += b64_lines(a.data)
    L += ["--" + outer + "--"]
    return finish(L, eol), mid


def thunderbird_mail(*, key, from_name, from_addr, subject, date, text,
                     attachments=()):
    eol = "\n"
    h = hashlib.sha256(key.encode()).hexdigest()
    mid = "<%s-%s-%s-%s-%s@quangngai.dcs.vn>" % (h[0:8], h[8:12], h[12:16],
                                                 h[16:20], h[20:32])
    bnd = "------------" + base64.b64encode(
        bytes.fromhex(h[32:50])).decode().replace("+", "0").replace("/", "1")
    L = ["Message-ID: " + mid,
         "Date: " + date,
         "MIME-Version: 1.0",
         "User-Agent: Mozilla Thunderbird",
         "Content-Language: vi",
         "To: " + MAILBOX]
    L += fold_words("From", q_words(from_name, "UTF-8"))
    L[-1] += " <%s>" % from_addr
    L += fold_words("Subject", q_words(subject, "UTF-8"))
    body = flowed(text).split("\n")
    plain_hdr = ["Content-Type: text/plain; charset=UTF-8; format=flowed",
                 "Content-Transfer-Encoding: 8bit"]
    if not attachments:
        L += plain_hdr + [""] + body
        return finish(L, eol), mid
    L += ['Content-Type: multipart/mixed; boundary="%s"' % bnd, "",
          "This is a multi-part message in MIME format.",
          "--" + bnd] + plain_hdr + [""] + body + [""]
    for a in attachments:
        name = b_words(a.filename, "UTF-8", 45)
        parts = rfc2231_parts(a.filename)
        L += ["--" + bnd,
              "Content-Type: %s;" % a.ctype,
              ' name="%s"' % "\n ".join(name)]
        if len(parts) == 1:
            L += ["Content-Disposition: attachment;",
                  " filename*=UTF-8''%s" % parts[0]]
        else:
            L += ["Content-Disposition: attachment;"]
            for n, p in enumerate(parts):
                last = n == len(parts) - 1
                L += [" filename*%d*=%s%s%s" % (n, "UTF-8''" if n == 0 else "",
                                                 p, "" if last else ";")]
        L += ["Content-Transfer-Encoding: base64", ""]
        L += b64_lines(a.data, 72)
        L += [""]
    L += ["--" + bnd + "--", ""]
    return finish(L, eol), mid


def zimbra_mail(*, key, from_name, from_addr, subject, date, text,
                attachments=(), eol="\n"):
    h = hashlib.sha256(key.encode()).hexdigest()
    n1, n2 = int(h[0:8], 16) % 2000000000, int(h[8:12], 16)
    mid = "<%d.%d.1714%s.JavaMail.zimbra@quangngai.dcs.vn>" % (
        n1, n2, str(int(h[12:24], 16))[:9])
    outer = "----=_Part_%d_%d.1714%s" % (
        n2 + 1, int(h[24:32], 16) % 2000000000, str(int(h[32:40], 16))[:9])
    alt = "=_%s-%s-%s-%s-%s" % (h[40:48], h[48:52], h[52:56], h[56:60],
                                h[0:12])
    L = ["Date: " + date,
         "From: " + " ".join(q_words(from_name)) + " <%s>" % from_addr,
         "To: HotroCKS <%s>" % MAILBOX,
         "Message-ID: " + mid]
    L += fold_words("Subject", q_words(subject))
    L += ["MIME-Version: 1.0",
          "Content-Type: multipart/%s; " % (
              "mixed" if attachments else "alternative"),
          '\tboundary="%s"' % (outer if attachments else alt),
          "X-Originating-IP: [10.160.2.%d]" % (int(h[60:62], 16) % 200 + 20),
          "X-Mailer: Zimbra 8.8.15_GA_4581 (ZimbraWebClient - GC124 (Win)/"
          "8.8.15_GA_4581)",
          "Thread-Index: " + thread_index(key)[:28]]
    L += fold_words("Thread-Topic", q_words(subject))
    L += [""]
    if attachments:
        L += ["--" + outer,
              "Content-Type: multipart/alternative; ",
              '\tboundary="%s"' % alt, ""]
    L += ["--" + alt, "Content-Type: text/plain; charset=utf-8",
          "Content-Transfer-Encoding: quoted-printable", ""]
    L += qp_lines(text)
    L += ["--" + alt, "Content-Type: text/html; charset=utf-8",
          "Content-Transfer-Encoding: quoted-printable", ""]
    page = ['<html><body><div style="font-family: times new roman, new york, '
            'times, serif; font-size: 12pt; color: #000000">']
    page += paragraphs_html(text, "<div>", "</div>",
                            "<div><br data-mce-bogus=\"1\"></div>")
    page += ["</div></body></html>"]
    L += qp_lines("".join(page))
    L += ["--" + alt + "--", ""]
    for a in attachments:
        L += ["--" + outer,
              "Content-Type: %s; " % a.ctype,
              '\tname="%s"' % " ".join(q_words(a.filename)),
              "Content-Disposition: attachment; ",
              '\tfilename="%s"' % " ".join(q_words(a.filename)),
              "Content-Transfer-Encoding: base64", ""]
        L += b64_lines(a.data)
        L += [""]
    if attachments:
        L += ["--" + outer + "--", ""]
    return finish(L, eol), mid


# ---------------------------------------------------------------------------
# The samples.

def doc_expect(filename, fmt, kind, org, rows, errors=(), warnings=(),
               addressee=None, fields=None):
    """rows: objects with expected(index). addressee and fields (the
    coordinator of a recovery request) are written only when given."""
    out = {
        "filename": filename,
        "format": fmt,
        "kind": kind,
        "organization": org,
        "errors": list(errors),
        "warnings": list(warnings),
        "rows": [r.expected(n) for n, r in enumerate(rows, 1)],
    }
    if addressee is not None:
        out["addressee"] = addressee
    if fields is not None:
        out["fields"] = fields
    return out


def msg_expect(from_addr, subject, kind, action, documents, errors=(),
               warnings=()):
    return {
        "from": from_addr,
        "subject": subject,
        "kind": kind,
        "action": action,
        "errors": list(errors),
        "warnings": list(warnings),
        "documents": documents,
    }


SIGNOFF_HU = "Trân trọng./."


def s01_outlook_docx_sontinh():
    rows = [
        Row("0983 216 549", iccid("898404800041527360"), "Nguyễn Đức Thắng",
            "Bí thư Huyện ủy"),
        Row("0905.214.367", iccid("8984012300925814637"), "Trần Thị Thu Hà",
            "Phó Bí thư Thường trực Huyện ủy"),
        Row("+84 914 562 738", iccid("898402100736415298"), "Phạm Minh Đức",
            "Trưởng Ban Tổ chức Huyện ủy"),
        Row("(+84) 97-625-1489", iccid("898404800052618473"),
            "Huỳnh Thị Ngọc Ánh", "Chánh Văn phòng Huyện ủy"),
        Row("84388120457", iccid("898404800063704915"), "Đặng Quốc Bảo",
            "Phó Chánh Văn phòng Huyện ủy"),
    ]
    rows[0].card_shown = spaced(rows[0].card)
    good_rows_check(rows)
    cells = {
        1: ["1", [wr("0983 ", rsid="00B41C2A"), wr("216 ", rsid="00B41C2A"),
                  wr("549", rsid="00D7E915")], rows[0].card_shown,
            "Nguyễn Đức Thắng", "Bí thư Huyện ủy"],
        2: ["2", "0905.214.367", rows[1].card,
            [wr("Trần ", rsid="00A2F3B1"), wr("Thị ", rsid="00A2F3B1"),
             wr("Thu Hà", rsid="005C19E0")],
            [wr("Phó Bí thư "), wr("Thường trực", rsid="004D62AF"),
             wr(" Huyện ủy")]],
        4: ["4", "(+84) 97-625-1489", rows[3].card,
            [Raw('<w:proofErr w:type="spellStart"/>'), wr("Huỳnh"),
             Raw('<w:proofErr w:type="spellEnd"/>'), wr(" Thị Ngọc Ánh")],
            "Chánh Văn phòng Huyện ủy"],
    }
    title = wp([wr("DANH SÁCH", b=True, sz=28), Raw("<w:r><w:br/></w:r>"),
                wr("ĐỀ NGHỊ KÍCH HOẠT ", b=True, sz=28, rsid="00C03A7B"),
                wr("SIM KÝ SỐ", b=True, sz=28, rsid="00E5D1F4")],
               jc="center", before=240, after=120)
    doc = sim_docx(
        left=[("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False),
              ("HUYỆN ỦY SƠN TỊNH", True), ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Sơn Tịnh, ngày 02 tháng 5 năm 2024", "i")],
        title_paras=[title],
        addressee_para=wp(TO_CUC, jc="center", after=120),
        head=["TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
              "Họ và tên người dùng (chủ thuê bao)",
              "Chức vụ (Chức vụ hiện tại)"],
        rows=rows, cells=cells,
        sign=(["Nơi nhận:", "- Như trên;", "- Văn phòng Tỉnh ủy;",
               "- Lưu Văn phòng Huyện ủy."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Huỳnh Thị Ngọc Ánh"]),
        when=(2024, 5, 2, 8, 31, 0), creator="VP Huyen uy Son Tinh")
    fn = "DS kích hoạt SIM ký số - HU Sơn Tịnh.docx"
    subject = "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Sơn Tịnh"
    text = ("Kính gửi: Văn phòng Tỉnh ủy (Phòng Cơ yếu - Công nghệ thông tin)"
            "\n\nThực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn "
            "phòng Tỉnh ủy, Văn phòng Huyện ủy Sơn Tịnh gửi danh sách đề nghị "
            "kích hoạt SIM ký số của các đồng chí lãnh đạo Huyện ủy (file "
            "đính kèm).\n\nĐề nghị Văn phòng Tỉnh ủy hỗ trợ, chuyển Cục Chứng "
            "thực số và Bảo mật thông tin kích hoạt.\n\n" + SIGNOFF_HU +
            "\n\nVăn phòng Huyện ủy Sơn Tịnh\nĐT: 0255.3842.115")
    mail, _ = outlook_mail(
        key="s01", from_name="Văn phòng Huyện ủy Sơn Tịnh",
        from_addr="vanphong.sontinh@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 2, 9, 14, 27), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.sontinh@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "HUYỆN ỦY SƠN TỊNH", rows)])
    return "01-outlook-docx-sontinh.eml", mail, exp


def s02_thunderbird_xlsx_btg():
    rows = [
        Row("0935 118 204", iccid("8984012300736105928"),
            "Lê Thị Phương Thảo", "Trưởng Ban Tuyên giáo Tỉnh ủy"),
        Row("0913.447.825", iccid("8984020017264039518"), "Trương Công Định",
            "Phó Trưởng Ban Tuyên giáo Tỉnh ủy"),
        Row("0868 902 315", iccid("898404800074815026"), "Nguyễn Hoàng Long",
            "Trưởng phòng Tuyên truyền - Báo chí - Xuất bản"),
        Row("0772 630 918", iccid("8984012300847216039"), "Bùi Thị Mỹ Duyên",
            "Phó Trưởng phòng Lý luận chính trị - Lịch sử Đảng"),
    ]
    good_rows_check(rows)
    sh = Sheet("DS kich hoat", XL_W)
    xlsx_header(sh, ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Quảng Ngãi, ngày 06 tháng 5 năm 2024")
    sh.merge(6, 1, 6, 5, Rich((("DANH SÁCH\n", True, 14),
                               ("ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", True, 14))),
             S_TITLE)
    sh.heights[6] = "39"
    sh.merge(7, 1, 7, 5, TO_CUC, S_PLAIN_C)
    sh.merge(9, 1, 10, 1, "TT", S_TH, fill=S_TH)
    sh.merge(9, 2, 9, 3, "Thông tin thuê bao SIM", S_TH, fill=S_TH)
    sh.merge(9, 4, 9, 5, "Người sử dụng", S_TH, fill=S_TH)
    sh.put(10, 2, "Số điện thoại\n(sdt dấu số bên nhà mạng)", S_TH)
    sh.put(10, 3, "Số ICCID", S_TH)
    sh.put(10, 4, "Họ và tên người dùng\n(chủ thuê bao)", S_TH)
    sh.put(10, 5, "Chức vụ\n(Chức vụ hiện tại)", S_TH)
    sh.heights[10] = "33"
    r = xlsx_rows(sh, 11, rows)
    sh.merge(r, 1, r, 5, NOTE_ICCID, S_ITAL_L)
    xlsx_sign(sh, r + 2, ["Nơi nhận:", "- Như trên;", "- Lưu VT."],
              ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trương Công Định"])
    doc = xlsx_package([sh], (2024, 5, 6, 7, 55, 0), "BTG Tinh uy")
    fn = ("Danh sách đề nghị kích hoạt SIM ký số lãnh đạo Ban Tuyên giáo "
          "Tỉnh ủy đợt 1 năm 2024.xlsx")
    subject = "V/v đề nghị kích hoạt SIM ký số cho lãnh đạo Ban Tuyên giáo"
    text = ("Kính gửi Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy."
            "\n\nBan Tuyên giáo Tỉnh ủy gửi kèm theo danh sách đề nghị kích "
            "hoạt SIM ký số (SIM PKI) cho các đồng chí lãnh đạo Ban và lãnh "
            "đạo các phòng; các SIM đã được nhà mạng đấu số thành công.\n\n"
            "Trân trọng.\n-- \nVăn phòng Ban Tuyên giáo Tỉnh ủy Quảng Ngãi\n"
            "ĐT: 0255.3822.447")
    mail, _ = thunderbird_mail(
        key="s02", from_name="Ban Tuyên giáo Tỉnh ủy",
        from_addr="btg@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 6, 8, 41, 53), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)])
    exp = msg_expect("btg@quangngai.dcs.vn", subject, "sim_activation",
                     "queue", [doc_expect(fn, "xlsx", "sim_activation",
                                          "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI",
                                          rows)])
    return "02-thunderbird-xlsx-btg.eml", mail, exp


def s03_zimbra_xlsx_binhson():
    nfd_name = unicodedata.normalize("NFD", "Lương  Ngọc Sơn ")
    rows = [
        Row("0982345678", iccid("898404800085926137"), "Phan Văn Tâm",
            "Bí thư Huyện ủy"),
        Row("0963 527 184", iccid("8984048000960371248"), "Đỗ Thị Hồng Vân",
            "Phó Bí thư Thường trực Huyện ủy"),
        Row("0842 615 903", iccid("898402100847152963"), nfd_name,
            "Chánh Văn phòng Huyện ủy"),
        Row("0396.781.250", iccid("898404800107482596"), "Hồ Thị Xuân",
            "Trưởng Ban Dân vận Huyện ủy"),
        Row("0708 219 463", iccid("8984012300958327140"), "Châu Minh Quang",
            "Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
    ]
    good_rows_check(rows)
    guide = Sheet("Hướng dẫn", ("100",))
    guide.put(1, 1, "HƯỚNG DẪN LẬP DANH SÁCH (Phụ lục 3 kèm theo Công văn số "
              "1871-CV/VPTU ngày 16/4/2024)", S_BOLD_L)
    guide.put(3, 1, "- Số điện thoại: ghi số thuê bao đã được nhà mạng đấu "
              "số.", S_PLAIN_L)
    guide.put(4, 1, "- Số ICCID là dãy số được ghi trên thẻ SIM; nhập dạng "
              "văn bản để không mất số.", S_PLAIN_L)
    guide.put(5, 1, "- Danh sách lập tại trang tính \"Danh sách\".",
              S_PLAIN_L)
    sh = Sheet("Danh sách", XL_W)
    xlsx_header(sh, ["ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BÌNH SƠN"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Bình Sơn, ngày 03 tháng 5 năm 2024")
    sh.merge(6, 1, 6, 5, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", S_TITLE)
    sh.merge(7, 1, 7, 5, TO_CUC, S_PLAIN_C)
    for c, t in enumerate(("STT", "Số ĐT", "Số ICCID", "Họ tên",
                           "Chức danh"), 1):
        sh.put(9, c, t, S_TH)
    for c in range(1, 6):
        sh.put(10, c, "(%d)" % c, S_TH_ITAL)
    r = xlsx_rows(
        sh, 11, rows,
        phone_cells={1: Num("982345678")},
        card_cells={4: (rows[3].card, S_TD_QUOTE)},
        name_cells={2: Inline("Đỗ Thị Hồng Vân")})
    xlsx_sign(sh, r + 1, ["Nơi nhận:", "- Như trên;", "- Lưu VPHU."],
              ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đỗ Thị Hồng Vân"])
    doc = xlsx_package([guide, sh], (2024, 5, 3, 8, 12, 0), "Admin",
                       active=1)
    fn = "Phụ lục 3 - DS kích hoạt SIM PKI - Huyện ủy Bình Sơn.xlsx"
    subject = "[Huyện ủy Bình Sơn] Gửi danh sách kích hoạt SIM PKI"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Bình Sơn "
            "gửi danh sách đề nghị kích hoạt SIM ký số theo Phụ lục 3 Công "
            "văn số 1871-CV/VPTU (danh sách tại trang tính thứ hai của file "
            "đính kèm).\n\nTrân trọng!\n\nVăn phòng Huyện ủy Bình Sơn")
    mail, _ = zimbra_mail(
        key="s03", from_name="Văn phòng Huyện ủy Bình Sơn",
        from_addr="hu.binhson@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 3, 15, 22, 10, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)])
    exp = msg_expect("hu.binhson@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "xlsx", "sim_activation",
                                 "HUYỆN ỦY BÌNH SƠN", rows)])
    return "03-zimbra-xlsx-binhson.eml", mail, exp


def s04_outlook_docx_tinhha():
    rows = [
        Row("01662345678", iccid("898404800118263057"), "Nguyễn Tấn Phát",
            "Bí thư Đảng ủy xã"),
        Row("0974 381 652", iccid("8984048000129374061"), "Võ Thị Kim Chi",
            "Phó Bí thư Thường trực Đảng ủy xã"),
        Row("0889.517.204", iccid("898402100958263074"), "Trịnh Văn Hải",
            "Phó Bí thư Đảng ủy xã"),
    ]
    good_rows_check(rows)
    doc = sim_docx(
        left=[("ĐẢNG BỘ HUYỆN SƠN TỊNH", False), ("ĐẢNG ỦY XÃ TỊNH HÀ", True),
              ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Tịnh Hà, ngày 07 tháng 5 năm 2024", "i")],
        title_paras=[wp("DANH SÁCH", jc="center", b=True, sz=28, before=240),
                     wp("ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", jc="center", b=True,
                        sz=28, after=120)],
        addressee_para=wp([wr("Kính gửi: ", i=True),
                           wr("Cục Chứng thực số và Bảo mật thông tin, Ban Cơ "
                              "yếu Chính phủ")], jc="center"),
        head=["STT", "SĐT", "Số ICCID", "Họ và tên", "Chức vụ"],
        rows=rows,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP Đảng ủy."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "Nguyễn Tấn Phát"]),
        when=(2024, 5, 7, 2, 5, 0), creator="DU Tinh Ha")
    fn = "DS SIM ký số Đảng ủy xã Tịnh Hà.docx"
    subject = "Đảng ủy xã Tịnh Hà gửi DS kích hoạt SIM ký số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Tịnh Hà gửi danh "
            "sách đề nghị kích hoạt SIM ký số của đồng chí Bí thư và các "
            "đồng chí Phó Bí thư Đảng ủy xã.\nSố điện thoại của đồng chí Bí "
            "thư là số cũ 11 số, nhờ Văn phòng Tỉnh ủy kiểm tra giúp.\n\n"
            "Trân trọng cảm ơn.\nVăn phòng Đảng ủy xã Tịnh Hà")
    mail, _ = outlook_mail(
        key="s04", from_name="Đảng ủy xã Tịnh Hà",
        from_addr="danguy.tinhha@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 7, 9, 48, 2), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAA03E.5C9A1F20")
    exp = msg_expect("danguy.tinhha@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "ĐẢNG ỦY XÃ TỊNH HÀ", rows)])
    return "04-outlook-docx-tinhha-oldphone.eml", mail, exp


def s05_zimbra_docx_errors():
    lead = iccid("898404800130485172")
    rows = [
        Row("0987 654 102", lead, "Trần Văn Lợi", "Bí thư Huyện ủy"),
        Row("0912 408 736", iccid_bad_check("898402100169374825"),
            "Nguyễn Thị Bích Ngọc", "Phó Bí thư Thường trực Huyện ủy",
            errors=["iccid_checksum"]),
        Row("0901 336 245", iccid("8984012300742816"), "Lê Quang Vũ",
            "Trưởng Ban Tổ chức Huyện ủy", errors=["iccid_invalid"]),
        Row("0358 142 679", iccid("898504800151627384"), "Phạm Thành Trung",
            "Chánh Văn phòng Huyện ủy", errors=["iccid_not_vietnam"]),
        Row("0987.654.102", lead, "Trần Văn Lợi", "Bí thư Huyện ủy",
            errors=["duplicate_row"]),
        Row("0946 275 318", iccid("898402100172638495"), "Lê Thị Kim Oanh",
            "Chuyên viên Văn phòng Huyện ủy",
            warnings=["position_not_eligible"]),
    ]
    assert not luhn_ok(rows[1].card) and len(rows[1].card) == 19
    assert len(rows[2].card) == 17 and luhn_ok(rows[2].card)
    assert rows[3].card.startswith("8985") and luhn_ok(rows[3].card)
    assert len(rows[3].card) == 19
    good_rows_check([rows[0], rows[5]])
    doc = sim_docx(
        left=[("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False),
              ("HUYỆN ỦY NGHĨA HÀNH", True), ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Nghĩa Hành, ngày 08 tháng 5 năm 2024", "i")],
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC, jc="center"),
        head=["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
              "Chức vụ"],
        rows=rows,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu Văn phòng Huyện ủy."],
              ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "",
               "Nguyễn Thị Bích Ngọc"]),
        when=(2024, 5, 8, 1, 40, 0), creator="HU Nghia Hanh")
    fn = "Danh sách kích hoạt SIM ký số HU Nghĩa Hành.docx"
    subject = "Danh sách đề nghị kích hoạt SIM ký số (Huyện ủy Nghĩa Hành)"
    text = ("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi\n\nVăn phòng Huyện ủy "
            "Nghĩa Hành gửi danh sách đề nghị kích hoạt SIM ký số của lãnh "
            "đạo Huyện ủy và các ban xây dựng Đảng.\n\nTrân trọng./.")
    mail, _ = zimbra_mail(
        key="s05", from_name="Văn phòng Huyện ủy Nghĩa Hành",
        from_addr="vanphong.nghiahanh@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 8, 8, 47, 31, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.nghiahanh@quangngai.dcs.vn", subject,
                     "sim_activation", "reject",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "HUYỆN ỦY NGHĨA HÀNH", rows)])
    return "05-zimbra-docx-row-errors.eml", mail, exp


def s06_outlook_xlsx_mttq_errors():
    rows = [
        Row("0914 852 036", iccid("898402100183749506"),
            "Nguyễn Thị Hồng Nhung",
            "Chủ tịch Ủy ban MTTQ Việt Nam thành phố"),
        Row("0976 503 418", iccid("898404800194860217"), None,
            "Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố",
            errors=["name_missing"]),
        Row("0778 920 145", iccid("8984012300263951847"), "Đoàn Văn Thịnh",
            None, errors=["position_missing"]),
        Row("0981 627 304", iccid("898402100205971328"), "Phạm Thị Diễm",
            "Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố",
            warnings=["phone_carrier_mismatch"]),
        Row("0353 816 720", None, "Võ Thành Nhân",
            "Trưởng Ban Phong trào Ủy ban MTTQ Việt Nam thành phố",
            errors=["iccid_precision_lost"], card_shown="8.98404E+18",
            expect_iccid=None),
    ]
    good_rows_check(rows[:4])
    assert ISSUER[rows[3].card[4:6]] != carrier_of(phone_norm(
        rows[3].phone)[0])
    sh = Sheet("Sheet1", XL_W)
    xlsx_header(sh, ["ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG NGÃI",
                     "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ QUẢNG NGÃI"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc"],
                "Quảng Ngãi, ngày 09 tháng 5 năm 2024")
    sh.heights[2] = "33"
    sh.merge(6, 1, 6, 5, "DANH SÁCH", S_TITLE)
    sh.merge(7, 1, 7, 5, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", S_TITLE)
    sh.merge(8, 1, 8, 5, TO_CUC, S_PLAIN_C)
    for c, t in enumerate(("TT", "Số điện thoại", "Số ICCID", "Họ và tên",
                           "Chức vụ"), 1):
        sh.put(10, c, t, S_TH)
    r = xlsx_rows(sh, 11, rows,
                  card_cells={5: (Num("8.98404E+18"), S_TD_SCI)},
                  pos_cells={3: "   "})
    xlsx_sign(sh, r + 1, ["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "Nguyễn Thị Hồng Nhung"])
    doc = xlsx_package([sh], (2024, 5, 9, 3, 20, 0), "MTTQ TP")
    fn = "DS đề nghị kích hoạt SIM ký số - MTTQ TP Quảng Ngãi.xlsx"
    subject = ("Ủy ban MTTQ Việt Nam thành phố gửi danh sách kích hoạt SIM "
               "ký số")
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nBan Thường trực Ủy ban MTTQ Việt "
            "Nam thành phố Quảng Ngãi gửi danh sách đề nghị kích hoạt SIM ký "
            "số (đính kèm).\n\nTrân trọng.\n\nVăn phòng Ủy ban MTTQ Việt Nam "
            "thành phố Quảng Ngãi")
    mail, _ = outlook_mail(
        key="s06", from_name="MTTQ thành phố Quảng Ngãi",
        from_addr="mttq.tp@quangngai.gov.vn", subject=subject,
        date=rfc_date(2024, 5, 9, 10, 31, 45), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)],
        stamp="01DAA1D0.8F3B4E60")
    exp = msg_expect("mttq.tp@quangngai.gov.vn", subject, "sim_activation",
                     "reject",
                     [doc_expect(fn, "xlsx", "sim_activation",
                                 "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ QUẢNG NGÃI",
                                 rows)])
    return "06-outlook-xlsx-row-errors.eml", mail, exp


def s07_gmail_public_sender():
    rows = [
        Row("0979 140 258", iccid("898404800216084739"), "Huỳnh Văn Toàn",
            "Bí thư Đảng ủy xã"),
        Row("0916-730-482", iccid("898402100227195840"), "Lê Thị Thanh Thúy",
            "Phó Bí thư Đảng ủy xã"),
    ]
    good_rows_check(rows)
    doc = sim_docx(
        left=[("ĐẢNG BỘ HUYỆN BÌNH SƠN", False),
              ("ĐẢNG ỦY XÃ BÌNH CHÂU", True), ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Bình Châu, ngày 10 tháng 5 năm 2024", "i")],
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC + ",", jc="center"),
        head=["TT", ("Số điện thoại", "(sdt dấu số bên nhà mạng)"),
              "Số ICCID", ("Họ và tên người dùng", "(chủ thuê bao)"),
              ("Chức vụ", "(Chức vụ hiện tại)")],
        rows=rows,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "Huỳnh Văn Toàn"]),
        when=(2024, 5, 10, 0, 50, 0), creator="Windows User")
    fn = "DS kích hoạt SIM - Đảng ủy xã Bình Châu.docx"
    subject = "Gửi danh sách kích hoạt sim ký số xã Bình Châu"
    text = ("Kính gửi Văn phòng Tỉnh ủy.\nĐảng ủy xã Bình Châu gửi danh "
            "sách kích hoạt sim ký số. Do hộp thư công vụ của xã đang bị lỗi "
            "nên em gửi tạm bằng mail cá nhân ạ.\n\nTrân trọng!\nThu Hà - "
            "Văn phòng Đảng ủy xã Bình Châu")
    mail, _ = gmail_mail(
        key="s07", from_name="Nguyễn Thu Hà",
        from_addr="thuha.binhchau@gmail.com", subject=subject,
        date=rfc_date(2024, 5, 10, 8, 3, 19), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("thuha.binhchau@gmail.com", subject, "sim_activation",
                     "reject",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "ĐẢNG ỦY XÃ BÌNH CHÂU", rows)],
                     errors=["sender_public_domain"])
    return "07-gmail-public-sender.eml", mail, exp


def s08_outlook_auto_reply():
    subject = ("Trả lời tự động: Đã tiếp nhận danh sách đề nghị kích hoạt SIM "
               "ký số")
    text = ("Tôi đang đi công tác từ ngày 06/5/2024 đến hết ngày 10/5/2024, "
            "việc truy cập thư điện tử bị hạn chế.\n\nCông việc cần gấp xin "
            "liên hệ đồng chí Phạm Văn Nam, Phó Chánh Văn phòng, số điện "
            "thoại 0255.3842.116.\n\nTrân trọng.")
    mail, _ = outlook_mail(
        key="s08", from_name="Huỳnh Thị Ngọc Ánh",
        from_addr="htnanh.sontinh@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 6, 14, 2, 51), text=text,
        in_reply_to="<hotrocks.20240506.0012@quangngai.dcs.vn>",
        extra=["Auto-Submitted: auto-replied",
               "X-Auto-Response-Suppress: All",
               "X-MS-Exchange-Inbox-Rules-Loop: "
               "htnanh.sontinh@quangngai.dcs.vn"],
        stamp="01DA9F8E.2A6C7D40")
    exp = msg_expect("htnanh.sontinh@quangngai.dcs.vn", subject,
                     "auto_reply", "ignore", [])
    return "08-outlook-auto-reply.eml", mail, exp


def s09_postfix_bounce():
    q = "4VW1Xq2Y7Gz9v3K"
    bnd = "%s.1714705331/mail.quangngai.dcs.vn" % q
    rcpt = "vp.minhlong@quangngai.gov.vn"
    orig_subject = "Re: Danh sách đề nghị kích hoạt SIM ký số"
    orig = ["Return-Path: <%s>" % MAILBOX,
            "Received: by mail.quangngai.dcs.vn (Postfix, from userid 1001)",
            "\tid %s; Fri,  3 May 2024 10:02:09 +0700 (+07)" % q,
            "From: %s" % MAILBOX,
            "To: %s" % rcpt]
    orig += fold_words("Subject", b_words(orig_subject, "UTF-8", 45))
    orig += ["Date: Fri, 03 May 2024 03:02:09 +0000",
             "Message-ID: <hotrocks.20240503.0007@quangngai.dcs.vn>",
             "Auto-Submitted: auto-replied",
             "MIME-Version: 1.0",
             "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: 8bit",
             "",
             "Hộp thư HotroCKS đã nhận thư của đơn vị nhưng không tìm thấy "
             "tệp đính kèm.",
             "Đề nghị đơn vị gửi lại danh sách theo Phụ lục 3 (file Word hoặc "
             "Excel).",
             "",
             "Văn phòng Tỉnh ủy Quảng Ngãi - Phòng Cơ yếu - Công nghệ thông "
             "tin"]
    L = ["Return-Path: <>",
         "X-Original-To: " + MAILBOX,
         "Delivered-To: " + MAILBOX,
         "Received: by mail.quangngai.dcs.vn (Postfix)",
         "\tid 4VW1Xs0P3Lz9v3M; Fri,  3 May 2024 10:02:11 +0700 (+07)",
         "Date: Fri,  3 May 2024 10:02:11 +0700 (+07)",
         "From: MAILER-DAEMON@quangngai.dcs.vn (Mail Delivery System)",
         "Subject: Undelivered Mail Returned to Sender",
         "To: " + MAILBOX,
         "Auto-Submitted: auto-replied",
         "MIME-Version: 1.0",
         "Content-Type: multipart/report; report-type=delivery-status;",
         '\tboundary="%s"' % bnd,
         "Content-Transfer-Encoding: 8bit",
         "Message-Id: <20240503030211.4VW1Xs0P3Lz9v3M@mail.quangngai.dcs.vn>",
         "",
         "This is a MIME-encapsulated message.",
         "",
         "--" + bnd,
         "Content-Description: Notification",
         "Content-Type: text/plain; charset=us-ascii",
         "",
         "This is the mail system at host mail.quangngai.dcs.vn.",
         "",
         "I'm sorry to have to inform you that your message could not",
         "be delivered to one or more recipients. It's attached below.",
         "",
         "For further assistance, please send mail to postmaster.",
         "",
         "If you do so, please include this problem report. You can",
         "delete your own text from the attached returned message.",
         "",
         "                   The mail system",
         "",
         "<%s>: host mx.quangngai.gov.vn[10.160.1.20] said:" % rcpt,
         "    550 5.1.1 <%s>: Recipient address rejected:" % rcpt,
         "    User unknown in virtual mailbox table (in reply to RCPT TO "
         "command)",
         "",
         "--" + bnd,
         "Content-Description: Delivery report",
         "Content-Type: message/delivery-status",
         "",
         "Reporting-MTA: dns; mail.quangngai.dcs.vn",
         "X-Postfix-Queue-ID: " + q,
         "X-Postfix-Sender: rfc822; " + MAILBOX,
         "Arrival-Date: Fri,  3 May 2024 10:02:09 +0700 (+07)",
         "",
         "Final-Recipient: rfc822; " + rcpt,
         "Original-Recipient: rfc822;" + rcpt,
         "Action: failed",
         "Status: 5.1.1",
         "Remote-MTA: dns; mx.quangngai.gov.vn",
         "Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address" % rcpt,
         "    rejected: User unknown in virtual mailbox table",
         "",
         "--" + bnd,
         "Content-Description: Undelivered Message",
         "Content-Type: message/rfc822",
         "Content-Transfer-Encoding: 8bit",
         ""] + orig + ["", "--" + bnd + "--"]
    subject = "Undelivered Mail Returned to Sender"
    exp = msg_expect("MAILER-DAEMON@quangngai.dcs.vn", subject, "bounce",
                     "ignore", [])
    return "09-postfix-bounce.eml", finish(L, "\n"), exp


def s10_thunderbird_question():
    subject = "Xin hỏi thủ tục gia hạn chứng thư số và cấp SIM ký số"
    text = ("Kính gửi Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy."
            "\n\nVăn phòng Huyện ủy Ba Tơ xin hỏi: chứng thư số của đồng chí "
            "Bí thư Huyện ủy sẽ hết hạn vào tháng 7/2024, vậy thủ tục gia hạn "
            "nay gửi về Văn phòng Tỉnh ủy hay gửi trực tiếp Cục Chứng thực số "
            "và Bảo mật thông tin? Ngoài ra, đơn vị muốn đề nghị cấp SIM ký "
            "số cho 02 đồng chí Phó Bí thư thì cần những hồ sơ gì?\n\nRất "
            "mong được hướng dẫn. Xin cảm ơn.\n-- \nVăn phòng Huyện ủy Ba Tơ"
            "\nĐT: 0255.3863.118")
    mail, _ = thunderbird_mail(
        key="s10", from_name="Văn phòng Huyện ủy Ba Tơ",
        from_addr="vanphong.bato@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 13, 7, 58, 40), text=text)
    exp = msg_expect("vanphong.bato@quangngai.dcs.vn", subject, "unknown",
                     "manual", [], errors=["no_documents"])
    return "10-thunderbird-question-no-attachment.eml", mail, exp


def s11_outlook_forward():
    rows = [
        Row("0934 561 207", iccid("8984012300274063918"), "Ngô Văn Dũng",
            "Bí thư Đảng ủy thị trấn"),
        Row("0366 402 819", iccid("898404800238516047"), "Tạ Thị Minh Hằng",
            "Phó Bí thư Thường trực Đảng ủy thị trấn"),
        Row("0825 903 146", iccid("898402100249627158"), "Kiều Văn Lâm",
            "Phó Bí thư Đảng ủy thị trấn"),
    ]
    good_rows_check(rows)
    sh = Sheet("Sheet1", XL_W)
    xlsx_header(sh, ["ĐẢNG BỘ HUYỆN TƯ NGHĨA", "ĐẢNG ỦY THỊ TRẤN LA HÀ"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "La Hà, ngày 07 tháng 5 năm 2024")
    sh.merge(6, 1, 6, 5, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", S_TITLE)
    sh.merge(7, 1, 7, 5, TO_CUC, S_PLAIN_C)
    for c, t in enumerate(("STT", "Số điện thoại", "Số ICCID",
                           "Họ và tên người dùng", "Chức vụ"), 1):
        sh.put(9, c, t, S_TH)
    r = xlsx_rows(sh, 10, rows)
    xlsx_sign(sh, r + 1, ["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "Ngô Văn Dũng"])
    doc = xlsx_package([sh], (2024, 5, 7, 9, 2, 0), "DU La Ha",
                       application="LibreOffice/7.5.9.2$Windows_X86_64 "
                       "LibreOffice_project/cdeefe45c17511d326101eed8008ac4092"
                       "f278a9")
    fn = "Danh sách kích hoạt SIM ký số ĐU TT La Hà.xlsx"
    inner_subject = ("Danh sách đề nghị kích hoạt SIM ký số - Đảng ủy thị "
                     "trấn La Hà")
    inner_text = ("Kính gửi Văn phòng Huyện ủy Tư Nghĩa,\n\nĐảng ủy thị trấn "
                  "La Hà gửi danh sách đề nghị kích hoạt SIM ký số, nhờ Văn "
                  "phòng Huyện ủy chuyển Văn phòng Tỉnh ủy giúp.\n\nTrân "
                  "trọng.")
    inner, inner_mid = zimbra_mail(
        key="s11-inner", from_name="Đảng ủy thị trấn La Hà",
        from_addr="danguy.laha@quangngai.dcs.vn", subject=inner_subject,
        date=rfc_date(2024, 5, 7, 16, 5, 12, suffix=" (ICT)"),
        text=inner_text, attachments=[Attachment(fn, CT_XLSX, doc)])
    subject = "FW: " + inner_subject
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Tư Nghĩa "
            "chuyển danh sách đề nghị kích hoạt SIM ký số của Đảng ủy thị "
            "trấn La Hà (thư gốc đính kèm).\n\nTrân trọng.\nVăn phòng Huyện "
            "ủy Tư Nghĩa")
    mail, _ = outlook_mail(
        key="s11", from_name="Văn phòng Huyện ủy Tư Nghĩa",
        from_addr="vanphong.tunghia@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 8, 7, 36, 4), text=text,
        attachments=[Forwarded(inner)], stamp="01DAA10C.4B2C1E80")
    exp = msg_expect("vanphong.tunghia@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "xlsx", "sim_activation",
                                 "ĐẢNG ỦY THỊ TRẤN LA HÀ", rows)])
    return "11-outlook-forward-attached-message.eml", mail, exp


def s12_zimbra_training_list():
    body = [docx_header([("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False),
                         ("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", True),
                         ("*", False)],
                        [("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
                         ("Quảng Ngãi, ngày 14 tháng 5 năm 2024", "i")]),
            wp(""),
            wp("DANH SÁCH\nCÁN BỘ THAM GIA LỚP BỒI DƯỠNG KỸ NĂNG SỐ NĂM 2024",
               jc="center", b=True, sz=28, before=240, after=120),
            wp("Kính gửi: Sở Thông tin và Truyền thông tỉnh Quảng Ngãi",
               jc="center"),
            wp(""),
            wp("Thực hiện Kế hoạch bồi dưỡng kỹ năng số cho cán bộ, đảng viên "
               "năm 2024, Ban Thường vụ Đảng ủy Khối cử các đồng chí có tên "
               "sau tham gia lớp bồi dưỡng:", jc="both", after=120)]
    widths = (650, 2600, 3000, 1700, 1121)
    trs = [wtr([wtc(w, wp(t, jc="center", b=True)) for w, t in
                zip(widths, ("TT", "Họ và tên", "Chức vụ", "Số điện thoại",
                             "Ghi chú"))], header=True)]
    people = [("Nguyễn Văn Sơn", "Phó Chánh Văn phòng Đảng ủy Khối",
               "0905 613 224", ""),
              ("Trần Thị Mỹ Hạnh", "Chuyên viên Ban Tổ chức", "0935 702 118",
               ""),
              ("Lê Minh Tuấn", "Chuyên viên Văn phòng", "0977 124 560",
               "Quản trị mạng")]
    for n, (name, pos, phone, note) in enumerate(people, 1):
        trs.append(wtr([wtc(widths[0], wp(str(n), jc="center")),
                        wtc(widths[1], name), wtc(widths[2], pos),
                        wtc(widths[3], wp(phone, jc="center")),
                        wtc(widths[4], note)]))
    body.append(wtbl(widths, trs))
    body.append(wp(""))
    body.append(docx_sign(["Nơi nhận:", "- Như trên;", "- Lưu VP."],
                          ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
                           "Phan Thị Ngọc Lan"]))
    doc = docx_package(body, (2024, 5, 14, 2, 30, 0), "DUK")
    fn = "DS cử cán bộ tham gia lớp bồi dưỡng kỹ năng số.docx"
    subject = "Gửi danh sách cán bộ tham gia lớp bồi dưỡng kỹ năng số"
    text = ("Kính gửi: Quý cơ quan\n\nVăn phòng Đảng ủy Khối gửi danh sách "
            "cán bộ tham gia lớp bồi dưỡng kỹ năng số năm 2024 (file đính "
            "kèm).\n\nTrân trọng./.")
    mail, _ = zimbra_mail(
        key="s12", from_name="Văn phòng Đảng ủy Khối",
        from_addr="vanphong.dukhoi@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 14, 9, 40, 16, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.dukhoi@quangngai.dcs.vn", subject, "unknown",
                     "manual",
                     [doc_expect(fn, "docx", "unknown",
                                 "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                                 [])])
    return "12-zimbra-docx-training-list.eml", mail, exp


def s13_thunderbird_wrong_addressee():
    rows = [
        Row("0971 230 564", iccid("898404800250738164"), "Đinh Văn Khoa",
            "Bí thư Huyện ủy"),
        Row("0948 613 207", iccid("898402100261849275"), "Mai Thị Thu Sương",
            "Phó Bí thư Thường trực Huyện ủy"),
    ]
    good_rows_check(rows)
    doc = sim_docx(
        left=[("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False), ("HUYỆN ỦY MỘ ĐỨC", True),
              ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Mộ Đức, ngày 15 tháng 5 năm 2024", "i")],
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp("Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi",
                          jc="center"),
        head=["TT", "Số ĐT", "Số ICCID", "Họ và tên người dùng", "Chức vụ"],
        rows=rows,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu Văn phòng Huyện ủy."],
              ["TM. BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "", "Đinh Văn Khoa"]),
        when=(2024, 5, 15, 1, 15, 0), creator="VPHU Mo Duc")
    fn = "DS đề nghị kích hoạt SIM ký số - Huyện ủy Mộ Đức.docx"
    subject = "Huyện ủy Mộ Đức gửi danh sách đề nghị kích hoạt SIM ký số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Mộ Đức gửi danh sách "
            "đề nghị kích hoạt SIM ký số.\n\nTrân trọng.\n-- \nVăn phòng "
            "Huyện ủy Mộ Đức")
    mail, _ = thunderbird_mail(
        key="s13", from_name="Văn phòng Huyện ủy Mộ Đức",
        from_addr="vanphong.moduc@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 15, 8, 20, 55), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.moduc@quangngai.dcs.vn", subject,
                     "sim_activation", "reject",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "HUYỆN ỦY MỘ ĐỨC", rows,
                                 errors=["wrong_addressee"])])
    return "13-thunderbird-docx-wrong-addressee.eml", mail, exp


def s14_outlook_docx_baoquangngai():
    rows = [
        Row("0905 882 341", iccid("8984012300285174029"), "Nguyễn Thanh Tùng",
            "Tổng Biên tập"),
        Row("0919 046 753", iccid("898402100272950386"),
            "Trần Thị Lệ Thủy", "Phó Tổng Biên tập"),
        Row("+84 868 315 492", iccid("898404800283061497"), "Lâm Quốc Việt",
            "Trưởng phòng Thư ký Tòa soạn"),
    ]
    rows[1].card_shown = spaced(rows[1].card, 5, "-")
    good_rows_check(rows)
    hw = (4253, 4818)
    header = wtbl(hw, [
        wtr([wtc(hw[0], wp("TỈNH ỦY QUẢNG NGÃI", jc="center")),
             wtc(hw[1], wp("ĐẢNG CỘNG SẢN VIỆT NAM", jc="center", b=True,
                           u=True))]),
        wtr([wtc(hw[0], wp("BÁO QUẢNG NGÃI", jc="center", b=True)),
             wtc(hw[1], wp(""))]),
        wtr([wtc(hw[0], wp("*", jc="center")),
             wtc(hw[1], wp("Quảng Ngãi, ngày 16 tháng 5 năm 2024",
                           jc="center", i=True))]),
    ], borders=False)
    body = [Raw('<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
                '<w:bookmarkStart w:id="0" w:name="_GoBack"/>'
                '<w:bookmarkEnd w:id="0"/></w:p>'),
            header, wp(""),
            wp("DANH SÁCH", jc="center", b=True, sz=28, before=240),
            wp("ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", jc="center", b=True, sz=28),
            wp([wr("Kính gửi: "), wr("Cục Chứng thực số và Bảo mật thông tin, "
                                    "Ban Cơ yếu Chính phủ", b=True)],
               jc="center", before=120, after=120)]
    built = [row_cells(n, r) for n, r in enumerate(rows, 1)]
    total = wtr([wtc(sum(DATA_W), wp("Tổng cộng: 03 đồng chí", b=True),
                     span=5)])
    body.append(docx_data_table(
        ["STT", "Số ĐT", ("Số ICCID", "(dãy số trên thẻ SIM)"), "Họ tên",
         "Chức danh"], built, extra_bottom=total))
    body.append(wp(""))
    body.append(docx_sign(["Nơi nhận:", "- Như trên;", "- Lưu TKTS."],
                          ["TỔNG BIÊN TẬP", "", "", "", "Nguyễn Thanh Tùng"]))
    doc = docx_package(body, (2024, 5, 16, 3, 5, 0), "Thu ky toa soan")
    fn = "Báo Quảng Ngãi - đề nghị kích hoạt SIM ký số.docx"
    subject = "Báo Quảng Ngãi đề nghị kích hoạt SIM ký số"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nBáo Quảng Ngãi gửi danh sách đề "
            "nghị kích hoạt SIM ký số cho Ban Biên tập và lãnh đạo Phòng Thư "
            "ký Tòa soạn.\n\nTrân trọng./.\n\nPhòng Thư ký Tòa soạn - Báo "
            "Quảng Ngãi")
    mail, _ = outlook_mail(
        key="s14", from_name="Báo Quảng Ngãi",
        from_addr="vanthu.baoqn@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 16, 10, 12, 38), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAA6B0.1E7F3C90")
    exp = msg_expect("vanthu.baoqn@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "BÁO QUẢNG NGÃI", rows)])
    return "14-outlook-docx-baoquangngai.eml", mail, exp


# ---------------------------------------------------------------------------
# Forms other than the SIM list: Mẫu 11/12 recovery requests, certificate
# requests (Mẫu 02, 08, 10), the loss record (Mẫu 15), reports; and legacy
# .xls workbooks.

REASON_LOCKED = "Nhập sai mật khẩu quá 15 lần"
TO_VPTU = "Văn phòng Tỉnh ủy Quảng Ngãi"
CUC = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
CT_XLS = "application/vnd.ms-excel"
TITLE_RECOVERY = "VĂN BẢN ĐỀ NGHỊ\nKHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT"
COORD_HEAD = "Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:"
CAN_CU = ("Căn cứ Nghị định số 130/2018/NĐ-CP ngày 27/9/2018 của Chính phủ "
          "quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số và "
          "dịch vụ chứng thực chữ ký số; Thông tư số 185/2019/TT-BQP ngày "
          "04/12/2019 của Bộ trưởng Bộ Quốc phòng hướng dẫn việc cung cấp, "
          "quản lý, sử dụng dịch vụ chứng thực chữ ký số chuyên dùng Chính "
          "phủ;")


class DevRow:
    """A subscriber of a recovery request (Mẫu 11/12): the device number
    as typed; an ICCID for a SIM PKI, a serial for an eToken."""

    def __init__(self, name, position, device, reason=REASON_LOCKED,
                 dtype="etoken", errors=(), warnings=()):
        self.name = name
        self.position = position
        self.device = device
        self.reason = reason
        self.dtype = dtype
        self.errors = list(errors)
        self.warnings = list(warnings)

    def digits(self):
        return "".join(c for c in self.device if c.isdigit())

    def expected(self, index):
        # The device number as the unit wrote it; an ICCID also in its
        # normal form (digits only).
        serial = clean(self.device) or None
        return {
            "index": index,
            "name": clean(self.name),
            "position": clean(self.position),
            "iccid": self.digits() if serial and self.dtype == "sim" else None,
            "device_serial": serial,
            "device_type": self.dtype if serial else None,
            "errors": self.errors,
            "warnings": self.warnings,
        }


class CertRow:
    """A subscriber of a certificate request (Mẫu 02, 08, 10)."""

    def __init__(self, name, position, unit=None, email=None, phone=None,
                 serial=None, note=None, errors=()):
        self.name = name
        self.position = position
        self.unit = unit
        self.email = email
        self.phone = phone
        self.serial = serial
        self.note = note
        self.errors = list(errors)

    def expected(self, index):
        return {
            "index": index,
            "name": clean(self.name),
            "position": clean(self.position),
            "phone": phone_norm(self.phone)[0] if self.phone else None,
            "iccid": None,
            "errors": self.errors,
            "warnings": [],
        }


def coord_fields(name=None, phone=None, email=None):
    return {
        "coordinator_name": clean(name),
        "coordinator_phone": phone_norm(phone)[0] if phone else None,
        "coordinator_email": email,
    }


def sim_rows_ok(rows):
    """Every SIM recovery row carries a sound Vietnamese ICCID."""
    for r in rows:
        d = r.digits()
        assert 19 <= len(d) <= 20 and d.startswith("8984") and luhn_ok(d), d


REC_W = (650, 2450, 2550, 1750, 1671)


def docx_grid(widths, head, rows, center=(0,)):
    """A bordered table: head cells (str or tuple of sub-labels) over rows
    of plain cells."""
    trs = [wtr([wtc(w, cell_paras(c, head=True))
                for w, c in zip(widths, head)], header=True)]
    for cells in rows:
        trs.append(wtr([wtc(w, cell_paras(c, center=n in center))
                        for n, (w, c) in enumerate(zip(widths, cells))]))
    return wtbl(widths, trs)


def letter_docx(*, left, right, blocks, sign, when, creator, pre=()):
    """A party letter: header block, the blocks given, then the signature
    block with Nơi nhận."""
    body = list(pre) + [docx_header(left, right), wp("")] + list(blocks)
    body += [wp(""), docx_sign(*sign)]
    return docx_package(body, when, creator)


def para(text, **kw):
    kw.setdefault("jc", "both")
    kw.setdefault("after", 60)
    return wp(text, **kw)


def recovery_docx(*, left, right, to, unit, rows, coord, sign, when,
                  creator, head=None, caption=None, title=TITLE_RECOVERY,
                  widths=REC_W, closing=None):
    """A Mẫu 12: title, addressee, the subscribers whose device is locked,
    then coord (a list of paragraphs, possibly empty)."""
    head = head or ["TT", "Họ và tên", "Chức vụ", "Số hiệu thiết bị",
                    "Lý do"]
    blocks = [wp(title, jc="center", b=True, sz=28, before=240, after=120),
              wp("Kính gửi: " + to, jc="center", after=120),
              para(CAN_CU, ind=0),
              para("%s đề nghị %s hỗ trợ khôi phục thiết bị lưu khóa bí mật "
                   "cho các thuê bao sau:" % (unit, "Văn phòng Tỉnh ủy"
                                              if to == TO_VPTU else "Cục "
                                              "Chứng thực số và Bảo mật "
                                              "thông tin"))]
    cells = [[str(n), r.name, r.position, r.device, r.reason]
             for n, r in enumerate(rows, 1)]
    blocks.append(docx_grid(widths, head, cells, center=(0, 3)))
    blocks.append(wp(""))
    blocks.extend(coord)
    blocks.append(para(closing or (
        "%s cam kết các thông tin nêu trên là đúng sự thật và chịu trách "
        "nhiệm về việc quản lý, sử dụng thiết bị lưu khóa bí mật sau khi "
        "được khôi phục." % unit), before=120))
    pre = [wp(caption, jc="right", b=True)] if caption else []
    return letter_docx(left=left, right=right, blocks=blocks, sign=sign,
                       when=when, creator=creator, pre=pre)


def left_hdr(parent, unit, number=None):
    out = [(parent, False), (unit, True), ("*", False)]
    if number:
        out.append((number, False))
    return out


def right_hdr(place_date):
    return [("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""), (place_date, "i")]


def xlsx_header_at(sh, left, right, date, lcols, rcols):
    """The party header over any column span, for sheets wider than five
    columns."""
    (l1, l2), (r1, r2) = lcols, rcols
    sh.merge(1, l1, 1, l2, left[0], S_PLAIN_C)
    sh.merge(2, l1, 2, l2, left[1], S_BOLD_C)
    sh.merge(3, l1, 3, l2, "*", S_PLAIN_C)
    if len(left) > 2:
        sh.merge(4, l1, 4, l2, left[2], S_PLAIN_C)
    sh.merge(1, r1, 1, r2, right[0], S_BOLDU_C)
    sh.merge(4 if len(right) == 1 else 3, r1, 4 if len(right) == 1 else 3,
             r2, date, S_ITAL_C)
    if len(right) > 1:
        sh.merge(2, r1, 2, r2, right[1], S_BOLD_C)


def xls_party_header(sh, left, right, date, lcols=(1, 2), rcols=(4, 5)):
    (l1, l2), (r1, r2) = lcols, rcols
    sh.merge(1, l1, 1, l2, left[0], "plain_c")
    sh.merge(2, l1, 2, l2, left[1], "bold_c")
    sh.merge(3, l1, 3, l2, "*", "plain_c")
    sh.merge(1, r1, 1, r2, right, "boldu_c")
    sh.merge(3, r1, 3, r2, date, "ital_c")


def xls_sign(sh, row, left, right_lines, name_gap=4, lcols=(1, 2),
             rcols=(4, 5)):
    (l1, l2), (r1, r2) = lcols, rcols
    sh.merge(row, l1, row, l2, left[0], "bold_l")
    for k, t in enumerate(left[1:], 1):
        sh.merge(row + k, l1, row + k, l2, t, "plain_l")
    for k, t in enumerate(right_lines[:-1]):
        sh.merge(row + k, r1, row + k, r2, t, "bold_c")
    last = row + len(right_lines) - 1 + name_gap
    sh.merge(last, r1, last, r2, right_lines[-1], "bold_c")


def s15_outlook_docx_etoken_ducpho():
    rows = [
        DevRow("Nguyễn Văn Trí", "Phó Bí thư Thường trực Thị ủy", "7C41E0A9"),
        DevRow("Lê Thị Thu Trang", "Trưởng Ban Tuyên giáo Thị ủy",
               "TK2304017856"),
        DevRow("Võ Văn Hiếu", "Phó Chánh Văn phòng Thị ủy", "4E92B1D3"),
    ]
    coord = [wp(COORD_HEAD, b=True, before=60),
             wp([wr("Họ và tên: Phạm Văn Hưng"), Raw("<w:r><w:tab/></w:r>"),
                 wr("Chức vụ: Chuyên viên Văn phòng Thị ủy")], ind=360),
             wp([wr("Số điện thoại: 0905 347 821"),
                 Raw("<w:r><w:tab/></w:r>"),
                 wr("Email: pvhung.ducpho@quangngai.dcs.vn")], ind=360)]
    doc = recovery_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THỊ ỦY ĐỨC PHỔ",
                      "Số 246-CV/TU"),
        right=right_hdr("Đức Phổ, ngày 17 tháng 5 năm 2024"),
        to=TO_VPTU, unit="Thị ủy Đức Phổ", rows=rows, coord=coord,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu Văn phòng Thị ủy."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Trần Minh Sang"]),
        when=(2024, 5, 17, 1, 52, 0), creator="VP Thi uy Duc Pho")
    fn = "Mẫu 12 - Đề nghị khôi phục eToken - Thị ủy Đức Phổ.docx"
    subject = "Thị ủy Đức Phổ đề nghị khôi phục thiết bị lưu khóa bí mật"
    text = ("Kính gửi: Phòng Cơ yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy"
            "\n\nVăn phòng Thị ủy Đức Phổ gửi văn bản đề nghị khôi phục "
            "thiết bị lưu khóa bí mật (eToken) của 03 đồng chí bị khóa do "
            "nhập sai mật khẩu. Đồng chí Phạm Văn Hưng sẽ phối hợp với Văn "
            "phòng Tỉnh ủy trong quá trình khôi phục.\n\n" + SIGNOFF_HU +
            "\n\nVăn phòng Thị ủy Đức Phổ\nĐT: 0255.3859.246")
    mail, _ = outlook_mail(
        key="s15", from_name="Văn phòng Thị ủy Đức Phổ",
        from_addr="vanphong.ducpho@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 17, 8, 58, 11), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAA80A.3F5E2B10")
    exp = msg_expect("vanphong.ducpho@quangngai.dcs.vn", subject,
                     "etoken_recovery", "queue",
                     [doc_expect(fn, "docx", "etoken_recovery",
                                 "THỊ ỦY ĐỨC PHỔ", rows, addressee=TO_VPTU,
                                 fields=coord_fields(
                                     "Phạm Văn Hưng", "0905 347 821",
                                     "pvhung.ducpho@quangngai.dcs.vn"))])
    return "15-outlook-docx-etoken-recovery.eml", mail, exp


def s16_zimbra_xlsx_etoken_tunghia():
    rows = [
        DevRow("Trần Quốc Khánh", "Trưởng Ban Tổ chức Huyện ủy",
               "TK2211093045"),
        DevRow("Đỗ Thị Ngọc Hân", "Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
               "6A0D73E5"),
    ]
    sh = Sheet("Mau 12", ("6", "24", "36", "20", "30"))
    xlsx_header(sh, ["ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TƯ NGHĨA"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Tư Nghĩa, ngày 20 tháng 5 năm 2024")
    sh.merge(6, 1, 6, 5, Rich((("VĂN BẢN ĐỀ NGHỊ\n", True, 14),
                               ("KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", True,
                                14))), S_TITLE)
    sh.heights[6] = "39"
    sh.merge(7, 1, 7, 5, "Kính gửi: " + TO_VPTU, S_PLAIN_C)
    sh.merge(9, 1, 9, 5, "Huyện ủy Tư Nghĩa đề nghị Văn phòng Tỉnh ủy hỗ "
             "trợ khôi phục thiết bị lưu khóa bí mật (eToken) cho các thuê "
             "bao sau:", S_PLAIN_L)
    for c, t in enumerate(("TT", "Họ và tên", "Chức vụ",
                           "Số hiệu thiết bị", "Lý do"), 1):
        sh.put(10, c, t, S_TH)
    r = 11
    for n, row in enumerate(rows, 1):
        sh.put(r, 1, Num(str(n)), S_TD_C)
        sh.put(r, 2, row.name, S_TD_L)
        sh.put(r, 3, row.position, S_TD_L)
        sh.put(r, 4, row.device, S_TD_TXT)
        sh.put(r, 5, row.reason, S_TD_L)
        r += 1
    sh.merge(r + 1, 1, r + 1, 5, COORD_HEAD, S_BOLD_L)
    kv = (("Họ và tên", "Nguyễn Thị Kim Yến"),
          ("Chức vụ", "Chuyên viên Văn phòng Huyện ủy"),
          ("Số điện thoại", "0935 618 204"),
          ("Email", "ntkyen.tunghia@quangngai.dcs.vn"))
    for k, (key, value) in enumerate(kv, r + 2):
        sh.put(k, 2, key, S_TD_L)
        sh.put(k, 3, value, S_TD_L)
    xlsx_sign(sh, r + 7, ["Nơi nhận:", "- Như trên;", "- Lưu VPHU."],
              ["T/L BAN THƯỜNG VỤ", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn Phước"])
    doc = xlsx_package([sh], (2024, 5, 20, 2, 14, 0), "VPHU Tu Nghia")
    fn = "Đề nghị khôi phục thiết bị lưu khóa bí mật - HU Tư Nghĩa.xlsx"
    subject = "Đề nghị khôi phục eToken bị khóa (Huyện ủy Tư Nghĩa)"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Tư Nghĩa gửi "
            "văn bản đề nghị khôi phục thiết bị lưu khóa bí mật cho 02 đồng "
            "chí (file đính kèm). Người phối hợp: đồng chí Nguyễn Thị Kim "
            "Yến, ĐT 0935 618 204.\n\nTrân trọng./.")
    mail, _ = zimbra_mail(
        key="s16", from_name="Văn phòng Huyện ủy Tư Nghĩa",
        from_addr="vanphong.tunghia@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 20, 9, 31, 7, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)])
    exp = msg_expect("vanphong.tunghia@quangngai.dcs.vn", subject,
                     "etoken_recovery", "queue",
                     [doc_expect(fn, "xlsx", "etoken_recovery",
                                 "HUYỆN ỦY TƯ NGHĨA", rows, addressee=TO_VPTU,
                                 fields=coord_fields(
                                     "Nguyễn Thị Kim Yến", "0935 618 204",
                                     "ntkyen.tunghia@quangngai.dcs.vn"))])
    return "16-zimbra-xlsx-etoken-recovery-kv.eml", mail, exp


def s17_thunderbird_docx_sim_recovery():
    rows = [
        DevRow("Đinh Văn Lành", "Bí thư Huyện ủy",
               spaced(iccid("8984048000302714856")),
               reason="Nhập sai mã PIN quá số lần quy định", dtype="sim"),
        DevRow("Phạm Thị Thu Hiền", "Phó Bí thư Thường trực Huyện ủy",
               iccid("898402100318425067"),
               reason="Nhập sai mã PIN quá số lần quy định", dtype="sim"),
    ]
    sim_rows_ok(rows)
    coord = [wp(COORD_HEAD, b=True, before=60),
             wp("- Họ và tên: Đinh Thị Mai", ind=360),
             wp("- Chức vụ: Chuyên viên Văn phòng Huyện ủy", ind=360),
             wp("- Số điện thoại: 0976 251 308", ind=360),
             wp("- Email: dtmai.minhlong@quangngai.dcs.vn", ind=360)]
    doc = recovery_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY MINH LONG",
                      "Số 118-CV/HU"),
        right=right_hdr("Minh Long, ngày 21 tháng 5 năm 2024"),
        to=CUC, unit="Huyện ủy Minh Long", rows=rows, coord=coord,
        title="VĂN BẢN ĐỀ NGHỊ\nKHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT (SIM PKI)",
        head=["TT", "Họ và tên", "Chức vụ",
              ("Số hiệu thiết bị", "(số ICCID trên thẻ SIM)"), "Lý do"],
        widths=(600, 2200, 2500, 2250, 1521),
        sign=(["Nơi nhận:", "- Như trên;", "- Văn phòng Tỉnh ủy (b/c);",
               "- Lưu VPHU."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Đinh Văn Nhỏ"]),
        when=(2024, 5, 21, 3, 40, 0), creator="HU Minh Long")
    fn = "VB đề nghị khôi phục SIM PKI - Huyện ủy Minh Long.docx"
    subject = "Đề nghị khôi phục SIM ký số bị khóa - Huyện ủy Minh Long"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nSIM ký số của đồng chí Bí thư và "
            "đồng chí Phó Bí thư Thường trực Huyện ủy bị khóa do nhập sai mã "
            "PIN. Văn phòng Huyện ủy Minh Long gửi văn bản đề nghị khôi phục, "
            "nhờ Văn phòng Tỉnh ủy hỗ trợ.\n\nTrân trọng.\n-- \nVăn phòng "
            "Huyện ủy Minh Long")
    mail, _ = thunderbird_mail(
        key="s17", from_name="Văn phòng Huyện ủy Minh Long",
        from_addr="vanphong.minhlong@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 21, 10, 47, 29), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.minhlong@quangngai.dcs.vn", subject,
                     "sim_recovery", "redirect",
                     [doc_expect(fn, "docx", "sim_recovery",
                                 "HUYỆN ỦY MINH LONG", rows, addressee=CUC,
                                 fields=coord_fields(
                                     "Đinh Thị Mai", "0976 251 308",
                                     "dtmai.minhlong@quangngai.dcs.vn"))])
    return "17-thunderbird-docx-sim-recovery.eml", mail, exp


def s18_outlook_docx_etoken_to_cuc():
    rows = [DevRow("Huỳnh Tấn Lộc", "Bí thư Đảng ủy phường", "TK2302118764")]
    coord = [para([wr(COORD_HEAD + " ", b=True),
                   wr("Họ và tên: Trần Thị Bích Liên; Chức vụ: Cán bộ Văn "
                      "phòng Đảng ủy phường; Số điện thoại: 0905 762 193; "
                      "Email: ttblien.nghialo@quangngai.dcs.vn")])]
    doc = recovery_docx(
        left=left_hdr("ĐẢNG BỘ THÀNH PHỐ QUẢNG NGÃI",
                      "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "Số 57-CV/ĐU"),
        right=right_hdr("Nghĩa Lộ, ngày 22 tháng 5 năm 2024"),
        to=CUC, unit="Đảng ủy phường Nghĩa Lộ", rows=rows, coord=coord,
        caption="Mẫu 12",
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP Đảng ủy."],
              ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "", "", "", "Nguyễn Văn Cường"]),
        when=(2024, 5, 22, 7, 5, 0), creator="DU Nghia Lo")
    fn = "Mau 12 khoi phuc etoken - DU phuong Nghia Lo.docx"
    subject = "V/v đề nghị khôi phục thiết bị lưu khóa bí mật"
    text = ("Kính gửi Văn phòng Tỉnh ủy\n\nĐảng ủy phường Nghĩa Lộ gửi văn "
            "bản đề nghị khôi phục eToken của đồng chí Bí thư Đảng ủy "
            "phường.\n\nTrân trọng.\nVăn phòng Đảng ủy phường Nghĩa Lộ")
    mail, _ = outlook_mail(
        key="s18", from_name="Đảng ủy phường Nghĩa Lộ",
        from_addr="danguy.nghialo@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 22, 14, 12, 45), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAAC42.6B1D9E30")
    exp = msg_expect("danguy.nghialo@quangngai.dcs.vn", subject,
                     "etoken_recovery", "reject",
                     [doc_expect(fn, "docx", "etoken_recovery",
                                 "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", rows,
                                 errors=["wrong_addressee"], addressee=CUC,
                                 fields=coord_fields(
                                     "Trần Thị Bích Liên", "0905 762 193",
                                     "ttblien.nghialo@quangngai.dcs.vn"))])
    return "18-outlook-docx-etoken-addressed-to-cuc.eml", mail, exp


def s19_zimbra_docx_etoken_no_coordinator():
    rows = [
        DevRow("Phạm Văn Dũng", "Phó Bí thư Huyện ủy", "5F17C9A2"),
        DevRow("Đinh Thị Hương", "Trưởng Ban Dân vận Huyện ủy", "",
               errors=["serial_missing"]),
        DevRow("Lê Văn Tiến", "Chánh Văn phòng Huyện ủy", "TK2209145537"),
    ]
    doc = recovery_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY BA TƠ",
                      "Số 203-CV/HU"),
        right=right_hdr("Ba Tơ, ngày 23 tháng 5 năm 2024"),
        to=TO_VPTU, unit="Huyện ủy Ba Tơ", rows=rows, coord=[],
        closing="Kính đề nghị Văn phòng Tỉnh ủy quan tâm, hỗ trợ./.",
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu Văn phòng Huyện ủy."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Lê Văn Tiến"]),
        when=(2024, 5, 23, 1, 20, 0), creator="HU Ba To")
    fn = "De nghi khoi phuc thiet bi luu khoa bi mat - HU Ba To.docx"
    subject = "Huyện ủy Ba Tơ đề nghị khôi phục thiết bị lưu khóa bí mật"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Ba Tơ gửi văn "
            "bản đề nghị khôi phục eToken cho 03 đồng chí. Thiết bị của "
            "đồng chí Đinh Thị Hương bị mờ số hiệu, đơn vị sẽ bổ sung sau."
            "\n\nTrân trọng./.")
    mail, _ = zimbra_mail(
        key="s19", from_name="Văn phòng Huyện ủy Ba Tơ",
        from_addr="vanphong.bato@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 23, 8, 27, 54, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.bato@quangngai.dcs.vn", subject,
                     "etoken_recovery", "reject",
                     [doc_expect(fn, "docx", "etoken_recovery",
                                 "HUYỆN ỦY BA TƠ", rows,
                                 errors=["coordinator_missing"],
                                 addressee=TO_VPTU, fields=coord_fields())])
    return "19-zimbra-docx-etoken-no-coordinator.eml", mail, exp


def s20_zimbra_docx_individual_mau11():
    row = DevRow("Trương Thị Mỹ Linh", "Chuyên viên Ủy ban Kiểm tra Huyện ủy",
                 "6D2E91B4", reason="Nhập sai mật khẩu quá 15 lần, thiết bị "
                 "bị khóa")
    hw = (4253, 4818)
    header = wtbl(hw, [wtr([
        wtc(hw[0], wp("")),
        wtc(hw[1], [wp("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", jc="center",
                       b=True),
                    wp("Độc lập - Tự do - Hạnh phúc", jc="center", b=True,
                       u=True),
                    wp(""),
                    wp("Sơn Tịnh, ngày 24 tháng 5 năm 2024", jc="center",
                       i=True)])])], borders=False)
    lines = [
        ("Tôi tên là: ", row.name),
        ("Số CCCD: ", "051189004327; ngày cấp: 12/8/2021; nơi cấp: Cục "
         "Cảnh sát quản lý hành chính về trật tự xã hội"),
        ("Chức vụ: ", row.position),
        ("Cơ quan công tác: ", "Ủy ban Kiểm tra Huyện ủy Sơn Tịnh"),
        ("Số điện thoại: ", "0914 605 238"),
        ("Email: ", "ttmlinh.sontinh@quangngai.dcs.vn"),
        ("Số hiệu thiết bị lưu khóa bí mật: ", row.device),
        ("Lý do đề nghị khôi phục: ", row.reason),
    ]
    body = [wp("Mẫu 11", jc="right", b=True), header, wp(""),
            wp(TITLE_RECOVERY, jc="center", b=True, sz=28, before=240,
               after=120),
            wp("Kính gửi: " + TO_VPTU, jc="center", after=120)]
    body += [para([wr(k), wr(v)], ind=0) for k, v in lines]
    body.append(para("Tôi xin cam kết các thông tin trên là đúng sự thật và "
                     "đề nghị được hỗ trợ khôi phục thiết bị lưu khóa bí mật "
                     "để tiếp tục sử dụng.", before=120))
    body.append(wp(""))
    body.append(wtbl(hw, [wtr([wtc(hw[0], wp("")),
                               wtc(hw[1], [wp("NGƯỜI ĐỀ NGHỊ", jc="center",
                                              b=True),
                                           wp("(Ký, ghi rõ họ tên)",
                                              jc="center", i=True),
                                           wp(""), wp(""), wp(""),
                                           wp(row.name, jc="center",
                                              b=True)])])],
                     borders=False))
    doc = docx_package(body, (2024, 5, 24, 0, 45, 0), "Truong Thi My Linh")
    fn = "Mẫu 11 - Trương Thị Mỹ Linh.docx"
    subject = "Đề nghị khôi phục chữ ký số bị khóa"
    text = ("Kính gửi anh chị Phòng Cơ yếu - CNTT Văn phòng Tỉnh ủy,\n\nEm là "
            "Trương Thị Mỹ Linh, chuyên viên Ủy ban Kiểm tra Huyện ủy Sơn "
            "Tịnh. Em nhập sai mật khẩu nhiều lần nên eToken bị khóa, em gửi "
            "văn bản đề nghị khôi phục (Mẫu 11), mong được hỗ trợ sớm ạ.\n\n"
            "Em cảm ơn.\nMỹ Linh - 0914 605 238")
    mail, _ = zimbra_mail(
        key="s20", from_name="Trương Thị Mỹ Linh",
        from_addr="ttmlinh.sontinh@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 24, 7, 49, 3, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("ttmlinh.sontinh@quangngai.dcs.vn", subject,
                     "etoken_recovery", "reject",
                     [doc_expect(fn, "docx", "etoken_recovery", None, [row],
                                 errors=["individual_form"],
                                 addressee=TO_VPTU, fields=coord_fields())])
    return "20-zimbra-docx-individual-mau11.eml", mail, exp


def s21_outlook_docx_cert_request_mau02():
    rows = [
        CertRow("Đinh Văn Thách", "Phó Bí thư Huyện ủy", "Huyện ủy Sơn Hà",
                "dvthach.sonha@quangngai.dcs.vn", "0978 416 203"),
        CertRow("Đinh Thị Hồng Sương", "Chuyên viên Ban Tổ chức Huyện ủy",
                "Huyện ủy Sơn Hà", "hongsuong.sonha@gmail.com",
                "0388 520 947", errors=["email_public_domain"]),
        CertRow("Trương Văn Bình", "Phó Chánh Văn phòng Huyện ủy",
                "Huyện ủy Sơn Hà", "tvbinh.sonha@quangngai.dcs.vn",
                "0915.374.602"),
    ]
    widths = (560, 1900, 1800, 1500, 2061, 1250)
    cells = [[str(n), r.name, r.position, r.unit, r.email, r.phone]
             for n, r in enumerate(rows, 1)]
    blocks = [wp("VĂN BẢN ĐỀ NGHỊ\nCẤP CHỨNG THƯ SỐ CHO CÁC CÁ NHÂN",
                 jc="center", b=True, sz=28, before=240, after=120),
              wp("Kính gửi: " + CUC, jc="center", after=120),
              para(CAN_CU),
              para("Huyện ủy Sơn Hà đề nghị Cục Chứng thực số và Bảo mật "
                   "thông tin cấp chứng thư số cho các cá nhân sau:"),
              docx_grid(widths, ["TT", "Họ và tên", "Chức vụ", "Cơ quan",
                                 "Thư điện tử", "Số điện thoại"], cells,
                        center=(0, 5)),
              para("Huyện ủy Sơn Hà cam kết các thông tin trên là chính xác "
                   "và chịu trách nhiệm quản lý thuê bao theo quy định.",
                   before=120)]
    doc = letter_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN HÀ",
                      "Số 311-CV/HU"),
        right=right_hdr("Sơn Hà, ngày 27 tháng 5 năm 2024"), blocks=blocks,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu Văn phòng Huyện ủy."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Phạm Thị Kim Thoa"]),
        pre=[wp("Mẫu 02", jc="right", b=True)],
        when=(2024, 5, 27, 2, 2, 0), creator="VPHU Son Ha")
    fn = "Mẫu 02 - Đề nghị cấp chứng thư số - HU Sơn Hà.docx"
    subject = "Huyện ủy Sơn Hà gửi văn bản đề nghị cấp chứng thư số"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Sơn Hà gửi "
            "văn bản đề nghị cấp chứng thư số cho 03 cá nhân (Mẫu 02), nhờ "
            "Văn phòng Tỉnh ủy chuyển Cục Chứng thực số và Bảo mật thông "
            "tin.\n\n" + SIGNOFF_HU + "\n\nVăn phòng Huyện ủy Sơn Hà")
    mail, _ = outlook_mail(
        key="s21", from_name="Văn phòng Huyện ủy Sơn Hà",
        from_addr="vanphong.sonha@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 27, 9, 6, 40), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAAFF1.0C7A5D20")
    exp = msg_expect("vanphong.sonha@quangngai.dcs.vn", subject,
                     "cert_request", "redirect",
                     [doc_expect(fn, "docx", "cert_request",
                                 "HUYỆN ỦY SƠN HÀ", rows, addressee=CUC)])
    return "21-outlook-docx-cert-request-mau02.eml", mail, exp


def s22_thunderbird_xlsx_cert_renewal_mau08():
    rows = [
        CertRow("Đinh Xuân Hòa", "Bí thư Huyện ủy", "Huyện ủy Sơn Tây",
                "dxhoa.sontay@quangngai.dcs.vn",
                serial="540101019F3A2C7D1B6E", note="Gia hạn chứng thư số"),
        CertRow("Hồ Thị Kim Loan", "Trưởng Ban Tổ chức Huyện ủy",
                "Huyện ủy Sơn Tây", "htkloan.sontay@quangngai.dcs.vn",
                serial="540101017C2B9E04A1D3",
                note="Thay đổi chức vụ (trước đây: Phó Trưởng Ban Tổ chức "
                "Huyện ủy)"),
        CertRow("Đinh Văn Vinh", "Chánh Văn phòng Huyện ủy",
                "Huyện ủy Sơn Tây", "dvvinh.sontay@quangngai.dcs.vn",
                serial="54010101B6E0537F29C8",
                note="Thay đổi địa chỉ thư điện tử"),
    ]
    sh = Sheet("Mau 08", ("5", "22", "28", "18", "32", "26", "36"))
    xlsx_header_at(sh, ["ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TÂY",
                        "Số 96-CV/HU"], ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                   "Sơn Tây, ngày 28 tháng 5 năm 2024", (1, 3), (5, 7))
    sh.merge(6, 1, 6, 7, Rich((("VĂN BẢN ĐỀ NGHỊ\n", True, 14),
                               ("GIA HẠN, THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG "
                                "THƯ SỐ", True, 14))), S_TITLE)
    sh.heights[6] = "39"
    sh.merge(7, 1, 7, 7, TO_CUC, S_PLAIN_C)
    sh.merge(9, 1, 9, 7, "Huyện ủy Sơn Tây đề nghị Cục Chứng thực số và Bảo "
             "mật thông tin gia hạn, thay đổi nội dung thông tin chứng thư số "
             "cho các thuê bao sau:", S_PLAIN_L)
    for c, t in enumerate(("TT", "Họ và tên", "Chức vụ", "Cơ quan",
                           "Thư điện tử", "Số hiệu chứng thư số",
                           "Nội dung đề nghị"), 1):
        sh.put(10, c, t, S_TH)
    r = 11
    for n, row in enumerate(rows, 1):
        sh.put(r, 1, Num(str(n)), S_TD_C)
        for c, v in enumerate((row.name, row.position, row.unit, row.email,
                               row.serial, row.note), 2):
            sh.put(r, c, v, S_TD_TXT if c == 6 else S_TD_L)
        r += 1
    sh.merge(r + 1, 5, r + 1, 7, "T/L BAN THƯỜNG VỤ", S_BOLD_C)
    sh.merge(r + 2, 5, r + 2, 7, "CHÁNH VĂN PHÒNG", S_BOLD_C)
    sh.merge(r + 6, 5, r + 6, 7, "Đinh Văn Vinh", S_BOLD_C)
    sh.merge(r + 1, 1, r + 1, 3, "Nơi nhận:", S_BOLD_L)
    sh.merge(r + 2, 1, r + 2, 3, "- Như trên;", S_PLAIN_L)
    sh.merge(r + 3, 1, r + 3, 3, "- Lưu VPHU.", S_PLAIN_L)
    doc = xlsx_package([sh], (2024, 5, 28, 3, 30, 0), "HU Son Tay")
    fn = "Mẫu 08 - gia hạn, thay đổi thông tin CTS - HU Sơn Tây.xlsx"
    subject = "Đề nghị gia hạn, thay đổi thông tin chứng thư số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Sơn Tây gửi văn bản đề "
            "nghị gia hạn, thay đổi nội dung thông tin chứng thư số (Mẫu 08) "
            "của 03 đồng chí.\n\nTrân trọng.\n-- \nVăn phòng Huyện ủy Sơn "
            "Tây\nĐT: 0255.3868.096")
    mail, _ = thunderbird_mail(
        key="s22", from_name="Văn phòng Huyện ủy Sơn Tây",
        from_addr="vanphong.sontay@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 28, 10, 44, 18), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)])
    exp = msg_expect("vanphong.sontay@quangngai.dcs.vn", subject,
                     "cert_request", "redirect",
                     [doc_expect(fn, "xlsx", "cert_request",
                                 "HUYỆN ỦY SƠN TÂY", rows, addressee=CUC)])
    return "22-thunderbird-xlsx-cert-renewal-mau08.eml", mail, exp


def s23_zimbra_docx_cert_revoke_mau10():
    rows = [
        CertRow("Hồ Văn Bảy", "Phó Bí thư Huyện ủy", "Huyện ủy Trà Bồng",
                serial="54010101D2A47F3E8B61",
                note="Nghỉ hưu theo chế độ từ ngày 01/6/2024"),
        CertRow("Nguyễn Thị Thanh Vân", "Chuyên viên Văn phòng Huyện ủy",
                "Huyện ủy Trà Bồng", serial="540101014E9B1C07F5A2",
                note="Chuyển công tác sang Ủy ban nhân dân huyện"),
    ]
    widths = (560, 1950, 1900, 1600, 1811, 1250)
    cells = [[str(n), r.name, r.position, r.unit, r.serial, r.note]
             for n, r in enumerate(rows, 1)]
    blocks = [wp("VĂN BẢN ĐỀ NGHỊ\nTHU HỒI CHỨNG THƯ SỐ", jc="center", b=True,
                 sz=28, before=240, after=120),
              wp("Kính gửi: " + CUC, jc="center", after=120),
              para(CAN_CU),
              para("Huyện ủy Trà Bồng đề nghị Cục Chứng thực số và Bảo mật "
                   "thông tin thu hồi chứng thư số của các thuê bao sau:"),
              docx_grid(widths, ["TT", "Họ và tên", "Chức vụ",
                                 "Cơ quan, tổ chức", "Số hiệu chứng thư số",
                                 "Lý do thu hồi"], cells, center=(0, 4)),
              para("Huyện ủy Trà Bồng sẽ thu hồi thiết bị lưu khóa bí mật "
                   "và bàn giao cho Cục Chứng thực số và Bảo mật thông tin "
                   "khi có thông báo.", before=120)]
    doc = letter_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY TRÀ BỒNG",
                      "Số 275-CV/HU"),
        right=right_hdr("Trà Bồng, ngày 29 tháng 5 năm 2024"), blocks=blocks,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VPHU."],
              ["T/L BAN THƯỜNG VỤ", "PHÓ CHÁNH VĂN PHÒNG", "", "", "",
               "Hồ Thị Thu"]),
        when=(2024, 5, 29, 1, 58, 0), creator="VPHU Tra Bong")
    fn = "Đề nghị thu hồi chứng thư số (Mẫu 10) - HU Trà Bồng.docx"
    subject = "Huyện ủy Trà Bồng đề nghị thu hồi chứng thư số"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Trà Bồng gửi "
            "văn bản đề nghị thu hồi chứng thư số của 02 đồng chí nghỉ hưu, "
            "chuyển công tác (file đính kèm).\n\nTrân trọng!")
    mail, _ = zimbra_mail(
        key="s23", from_name="Văn phòng Huyện ủy Trà Bồng",
        from_addr="vanphong.trabong@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 29, 9, 2, 33, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.trabong@quangngai.dcs.vn", subject,
                     "cert_request", "redirect",
                     [doc_expect(fn, "docx", "cert_request",
                                 "HUYỆN ỦY TRÀ BỒNG", rows, addressee=CUC)])
    return "23-zimbra-docx-cert-revoke-mau10.eml", mail, exp


def s24_outlook_docx_loss_record_mau15():
    blocks = [wp("BIÊN BẢN\nXÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT",
                 jc="center", b=True, sz=28, before=240, after=120),
              para("Hôm nay, vào lúc 14 giờ 30 phút, ngày 30 tháng 5 năm "
                   "2024, tại trụ sở Đảng ủy xã Nghĩa Kỳ, chúng tôi gồm:"),
              para([wr("1. Đại diện cơ quan, tổ chức quản lý trực tiếp: ",
                       b=True), wr("Đảng ủy xã Nghĩa Kỳ")]),
              para("- Ông: Nguyễn Văn Phú; Chức vụ: Phó Bí thư Thường trực "
                   "Đảng ủy xã.", ind=360),
              para([wr("2. Thuê bao: ", b=True), wr("Ông Lê Văn Quý; Chức "
                                                    "vụ: Chủ tịch Ủy ban MTTQ "
                                                    "Việt Nam xã.")]),
              para("Cùng xác nhận thiết bị lưu khóa bí mật (eToken) số hiệu "
                   "3F8C2A71 do Cục Chứng thực số và Bảo mật thông tin cấp "
                   "cho thuê bao Lê Văn Quý đã bị thất lạc trong chuyến công "
                   "tác ngày 27/5/2024; đơn vị đã tìm kiếm nhưng không thấy."),
              para("Đảng ủy xã Nghĩa Kỳ đề nghị Cục Chứng thực số và Bảo mật "
                   "thông tin thu hồi chứng thư số đã lưu trong thiết bị nêu "
                   "trên. Biên bản lập thành 02 bản, có giá trị như nhau."),
              wp("")]
    hw = (4253, 4818)
    blocks.append(wtbl(hw, [wtr([
        wtc(hw[0], [wp("THUÊ BAO", jc="center", b=True),
                    wp(""), wp(""), wp(""), wp("Lê Văn Quý", jc="center",
                                               b=True)]),
        wtc(hw[1], [wp("ĐẠI DIỆN CƠ QUAN, TỔ CHỨC", jc="center", b=True),
                    wp(""), wp(""), wp(""),
                    wp("Nguyễn Văn Phú", jc="center", b=True)])])],
        borders=False))
    body = [wp("Mẫu 15", jc="right", b=True),
            docx_header(left_hdr("ĐẢNG BỘ HUYỆN TƯ NGHĨA",
                                 "ĐẢNG ỦY XÃ NGHĨA KỲ"),
                        right_hdr("Nghĩa Kỳ, ngày 30 tháng 5 năm 2024")),
            wp("")] + blocks
    doc = docx_package(body, (2024, 5, 30, 8, 10, 0), "DU Nghia Ky")
    fn = "Biên bản thất lạc eToken - ĐU xã Nghĩa Kỳ.docx"
    subject = "Gửi biên bản xác nhận thất lạc thiết bị lưu khóa bí mật"
    text = ("Kính gửi Văn phòng Tỉnh ủy\n\nĐảng ủy xã Nghĩa Kỳ gửi biên bản "
            "xác nhận thất lạc eToken của đồng chí Chủ tịch Ủy ban MTTQ "
            "Việt Nam xã.\n\nTrân trọng.\nVăn phòng Đảng ủy xã Nghĩa Kỳ")
    mail, _ = outlook_mail(
        key="s24", from_name="Đảng ủy xã Nghĩa Kỳ",
        from_addr="danguy.nghiaky@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 30, 15, 37, 2), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)],
        stamp="01DAB25C.9E04A7B0")
    exp = msg_expect("danguy.nghiaky@quangngai.dcs.vn", subject, "handover",
                     "redirect",
                     [doc_expect(fn, "docx", "handover",
                                 "ĐẢNG ỦY XÃ NGHĨA KỲ", [])])
    return "24-outlook-docx-loss-record-mau15.eml", mail, exp


def s25_thunderbird_docx_report_half_year():
    widths = (700, 5200, 1400, 1771)
    stats = (("1", "Chứng thư số cá nhân đang sử dụng", "38", ""),
             ("2", "Chứng thư số cơ quan, tổ chức đang sử dụng", "2", ""),
             ("3", "SIM PKI đã kích hoạt", "5", "Lãnh đạo Huyện ủy"),
             ("4", "Thiết bị lưu khóa bí mật được khôi phục", "1", ""),
             ("5", "Văn bản điện tử có ký số đã phát hành", "1.126", ""))
    blocks = [wp("BÁO CÁO", jc="center", b=True, sz=28, before=240),
              wp("Tình hình triển khai, quản lý và sử dụng chứng thư số 6 "
                 "tháng đầu năm 2024", jc="center", b=True, after=60),
              wp("-----", jc="center", after=120),
              wp("Kính gửi: Văn phòng Tỉnh ủy", jc="center", after=120),
              para("Thực hiện Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn "
                   "phòng Tỉnh ủy, Huyện ủy Lý Sơn báo cáo tình hình triển "
                   "khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm "
                   "2024 như sau:"),
              para("I. KẾT QUẢ TRIỂN KHAI", b=True),
              para("Huyện ủy đã quán triệt đến các cơ quan tham mưu, giúp "
                   "việc và các đảng ủy trực thuộc về việc quản lý, sử dụng "
                   "chứng thư số; 100% văn bản điện tử gửi Tỉnh ủy được ký "
                   "số."),
              docx_grid(widths, ["TT", "Nội dung", "Số lượng", "Ghi chú"],
                        [list(s) for s in stats], center=(0, 2)),
              para("II. KHÓ KHĂN, VƯỚNG MẮC", b=True, before=120),
              para("Đường truyền ra đảo đôi lúc chậm, việc xác thực SIM PKI "
                   "mất nhiều thời gian."),
              para("III. ĐỀ XUẤT, KIẾN NGHỊ", b=True),
              para("Đề nghị Văn phòng Tỉnh ủy tiếp tục tổ chức tập huấn sử "
                   "dụng ký số trên thiết bị di động.")]
    doc = letter_docx(
        left=left_hdr("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY LÝ SƠN",
                      "Số 87-BC/HU"),
        right=right_hdr("Lý Sơn, ngày 14 tháng 6 năm 2024"), blocks=blocks,
        sign=(["Nơi nhận:", "- Văn phòng Tỉnh ủy;", "- Lưu VPHU."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
               "Dương Thị Hoa"]),
        when=(2024, 6, 14, 2, 25, 0), creator="HU Ly Son")
    fn = "BC chữ ký số 6 tháng đầu năm 2024 - HU Lý Sơn.docx"
    subject = ("Báo cáo tình hình quản lý, sử dụng chứng thư số 6 tháng đầu "
               "năm 2024")
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Lý Sơn gửi báo cáo tình "
            "hình triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm "
            "2024.\n\nTrân trọng.\n-- \nVăn phòng Huyện ủy Lý Sơn")
    mail, _ = thunderbird_mail(
        key="s25", from_name="Văn phòng Huyện ủy Lý Sơn",
        from_addr="vanphong.lyson@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 14, 9, 30, 51), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.lyson@quangngai.dcs.vn", subject, "report",
                     "queue",
                     [doc_expect(fn, "docx", "report", "HUYỆN ỦY LÝ SƠN",
                                 [])])
    return "25-thunderbird-docx-report-half-year.eml", mail, exp


def s26_outlook_xlsx_report_year():
    sh = Sheet("Báo cáo năm 2024", ("6", "52", "14", "12", "30"))
    xlsx_header(sh, ["ĐẢNG BỘ TỈNH QUẢNG NGÃI", "THÀNH ỦY QUẢNG NGÃI"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Quảng Ngãi, ngày 10 tháng 12 năm 2024")
    sh.merge(6, 1, 6, 5, Rich((("BÁO CÁO\n", True, 14),
                               ("Tình hình triển khai, quản lý và sử dụng "
                                "chứng thư số năm 2024", True, 12))), S_TITLE)
    sh.heights[6] = "39"
    sh.merge(7, 1, 7, 5, "Kính gửi: Văn phòng Tỉnh ủy", S_PLAIN_C)
    sh.merge(9, 1, 9, 5, "I. SỐ LIỆU CHỨNG THƯ SỐ, THIẾT BỊ LƯU KHÓA BÍ MẬT",
             S_BOLD_L)
    for c, t in enumerate(("TT", "Nội dung", "Đơn vị tính", "Số lượng",
                           "Ghi chú"), 1):
        sh.put(10, c, t, S_TH)
    data = (("Chứng thư số cá nhân đang sử dụng", "Chứng thư", "64", ""),
            ("Chứng thư số cơ quan, tổ chức", "Chứng thư", "4", ""),
            ("Chứng thư số cấp mới trong năm", "Chứng thư", "9", ""),
            ("Chứng thư số thu hồi trong năm", "Chứng thư", "3",
             "Nghỉ hưu, chuyển công tác"),
            ("SIM PKI đã kích hoạt", "SIM", "11", ""),
            ("Thiết bị lưu khóa bí mật được khôi phục", "Thiết bị", "4", ""),
            ("Thiết bị lưu khóa bí mật thất lạc", "Thiết bị", "0", ""))
    r = 11
    for n, (what, unit, qty, note) in enumerate(data, 1):
        sh.put(r, 1, Num(str(n)), S_TD_C)
        sh.put(r, 2, what, S_TD_L)
        sh.put(r, 3, unit, S_TD_C)
        sh.put(r, 4, Num(qty), S_TD_NUM)
        sh.put(r, 5, note or None, S_TD_L)
        r += 1
    sh.merge(r + 1, 1, r + 1, 5, "II. ĐÁNH GIÁ, KIẾN NGHỊ", S_BOLD_L)
    sh.merge(r + 2, 1, r + 2, 5, "Việc ký số văn bản điện tử được thực hiện "
             "thường xuyên; đề nghị Văn phòng Tỉnh ủy sớm triển khai ký số "
             "trên nền tảng di động cho các đảng ủy phường, xã.", S_PLAIN_L)
    xlsx_sign(sh, r + 4, ["Nơi nhận:", "- Văn phòng Tỉnh ủy;", "- Lưu VP."],
              ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Thị Hải Yến"])
    doc = xlsx_package([sh], (2024, 12, 10, 1, 40, 0), "VP Thanh uy")
    fn = "Báo cáo CTS năm 2024 - Thành ủy Quảng Ngãi.xlsx"
    subject = ("Thành ủy Quảng Ngãi báo cáo tình hình sử dụng chứng thư số "
               "năm 2024")
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Thành ủy Quảng Ngãi gửi "
            "báo cáo năm 2024 về tình hình triển khai, quản lý và sử dụng "
            "chứng thư số (file đính kèm).\n\nTrân trọng./.\n\nVăn phòng "
            "Thành ủy Quảng Ngãi")
    mail, _ = outlook_mail(
        key="s26", from_name="Văn phòng Thành ủy Quảng Ngãi",
        from_addr="vanphong.thanhuy@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 12, 10, 8, 51, 26), text=text,
        attachments=[Attachment(fn, CT_XLSX, doc)],
        stamp="01DB4ABF.57E1C2A0")
    exp = msg_expect("vanphong.thanhuy@quangngai.dcs.vn", subject, "report",
                     "queue",
                     [doc_expect(fn, "xlsx", "report", "THÀNH ỦY QUẢNG NGÃI",
                                 [])])
    return "26-outlook-xlsx-report-year.eml", mail, exp


def s27_zimbra_mixed_sim_and_etoken():
    sims = [
        Row("0972 583 160", iccid("898404800329517634"), "Nguyễn Văn Hòa",
            "Bí thư Đảng ủy thị trấn"),
        Row("0824 319 607", iccid("8984020017335128406"), "Trần Thị Diệu",
            "Phó Bí thư Thường trực Đảng ủy thị trấn"),
    ]
    good_rows_check(sims)
    left = left_hdr("ĐẢNG BỘ HUYỆN BÌNH SƠN", "ĐẢNG ỦY THỊ TRẤN CHÂU Ổ")
    right = right_hdr("Châu Ổ, ngày 31 tháng 5 năm 2024")
    sign = (["Nơi nhận:", "- Như trên;", "- Lưu VP Đảng ủy."],
            ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "Nguyễn Văn Hòa"])
    doc1 = sim_docx(
        left=left, right=right,
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC, jc="center"),
        head=["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
              "Chức vụ"],
        rows=sims, sign=sign, when=(2024, 5, 31, 1, 10, 0),
        creator="DU Chau O")
    recs = [DevRow("Lê Văn Sang", "Phó Bí thư Đảng ủy thị trấn",
                   "TK2305092217")]
    coord = [wp(COORD_HEAD, b=True, before=60),
             wp("Họ và tên: Phan Thị Thúy Kiều; Chức vụ: Văn phòng Đảng ủy",
                ind=360),
             wp("Số điện thoại: 0905 918 436; Email: "
                "ptkieu.chauo@quangngai.dcs.vn", ind=360)]
    doc2 = recovery_docx(
        left=left, right=right, to=TO_VPTU, unit="Đảng ủy thị trấn Châu Ổ",
        rows=recs, coord=coord, sign=sign, when=(2024, 5, 31, 1, 25, 0),
        creator="DU Chau O")
    fn1 = "DS kích hoạt SIM ký số - ĐU TT Châu Ổ.docx"
    fn2 = "Đề nghị khôi phục eToken - ĐU TT Châu Ổ.docx"
    subject = "Đảng ủy thị trấn Châu Ổ gửi hồ sơ chữ ký số"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nĐảng ủy thị trấn Châu Ổ gửi "
            "cùng lúc: (1) danh sách đề nghị kích hoạt SIM ký số; (2) văn bản "
            "đề nghị khôi phục eToken của đồng chí Lê Văn Sang.\n\nTrân "
            "trọng.")
    mail, _ = zimbra_mail(
        key="s27", from_name="Đảng ủy thị trấn Châu Ổ",
        from_addr="danguy.chauo@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 5, 31, 8, 40, 13, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn1, CT_DOCX, doc1),
                     Attachment(fn2, CT_DOCX, doc2)])
    exp = msg_expect("danguy.chauo@quangngai.dcs.vn", subject, "unknown",
                     "manual",
                     [doc_expect(fn1, "docx", "sim_activation",
                                 "ĐẢNG ỦY THỊ TRẤN CHÂU Ổ", sims),
                      doc_expect(fn2, "docx", "etoken_recovery",
                                 "ĐẢNG ỦY THỊ TRẤN CHÂU Ổ", recs,
                                 addressee=TO_VPTU,
                                 fields=coord_fields(
                                     "Phan Thị Thúy Kiều", "0905 918 436",
                                     "ptkieu.chauo@quangngai.dcs.vn"))],
                     errors=["mixed_documents"])
    return "27-zimbra-mixed-sim-and-etoken.eml", mail, exp


def s28_outlook_two_sim_lists():
    lead = [
        Row("0913 582 740", iccid("898402100340638157"), "Nguyễn Đức Hạnh",
            "Trưởng Ban Nội chính Tỉnh ủy"),
        Row("0703 164 895", iccid("8984012300351749268"), "Lý Thị Hoài Thương",
            "Phó Trưởng Ban Nội chính Tỉnh ủy"),
    ]
    dept = [
        Row("0367 240 518", iccid("898404800362851379"), "Trần Văn Định",
            "Trưởng phòng Nội chính"),
        Row("0889.703.426", iccid("898402100373962480"), "Võ Thị Thanh Hương",
            "Phó Trưởng phòng Phòng, chống tham nhũng, tiêu cực"),
    ]
    good_rows_check(lead + dept)
    doc1 = sim_docx(
        left=[("TỈNH ỦY QUẢNG NGÃI", False), ("BAN NỘI CHÍNH", True),
              ("*", False)],
        right=right_hdr("Quảng Ngãi, ngày 03 tháng 6 năm 2024"),
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC, jc="center"),
        head=["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
              "Chức vụ"],
        rows=lead,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VT."],
              ["TRƯỞNG BAN", "", "", "", "Nguyễn Đức Hạnh"]),
        when=(2024, 6, 3, 1, 30, 0), creator="BNC Tinh uy")
    sh = Sheet("DS bo sung", XL_W)
    xlsx_header(sh, ["TỈNH ỦY QUẢNG NGÃI", "BAN NỘI CHÍNH"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Quảng Ngãi, ngày 03 tháng 6 năm 2024")
    sh.merge(6, 1, 6, 5, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ (BỔ SUNG)",
             S_TITLE)
    sh.merge(7, 1, 7, 5, TO_CUC, S_PLAIN_C)
    for c, t in enumerate(("TT", "Số điện thoại", "Số ICCID",
                           "Họ và tên người dùng", "Chức vụ"), 1):
        sh.put(9, c, t, S_TH)
    r = xlsx_rows(sh, 10, dept)
    sh.merge(r, 1, r, 5, NOTE_ICCID, S_ITAL_L)
    xlsx_sign(sh, r + 2, ["Nơi nhận:", "- Như trên;", "- Lưu VT."],
              ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Lý Thị Hoài Thương"])
    doc2 = xlsx_package([sh], (2024, 6, 3, 1, 45, 0), "BNC Tinh uy")
    fn1 = "DS kích hoạt SIM ký số lãnh đạo Ban Nội chính.docx"
    fn2 = "DS kích hoạt SIM ký số lãnh đạo phòng - bổ sung.xlsx"
    subject = "Ban Nội chính Tỉnh ủy gửi danh sách kích hoạt SIM ký số"
    text = ("Kính gửi: Văn phòng Tỉnh ủy (Phòng Cơ yếu - CNTT)\n\nBan Nội "
            "chính Tỉnh ủy gửi 02 danh sách đề nghị kích hoạt SIM ký số: "
            "lãnh đạo Ban (file Word) và lãnh đạo các phòng (file Excel, "
            "bổ sung).\n\nTrân trọng./.\n\nVăn phòng Ban Nội chính Tỉnh ủy")
    mail, _ = outlook_mail(
        key="s28", from_name="Ban Nội chính Tỉnh ủy",
        from_addr="bannoichinh@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 3, 9, 5, 57), text=text,
        attachments=[Attachment(fn1, CT_DOCX, doc1),
                     Attachment(fn2, CT_XLSX, doc2)],
        stamp="01DAB57B.2D6F0E40")
    org = "BAN NỘI CHÍNH TỈNH ỦY QUẢNG NGÃI"
    exp = msg_expect("bannoichinh@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn1, "docx", "sim_activation", org, lead),
                      doc_expect(fn2, "xlsx", "sim_activation", org, dept)])
    return "28-outlook-two-sim-lists-docx-xlsx.eml", mail, exp


# The guidance units paste into a second sheet of their .xls lists: long
# enough that the shared strings run past one record into CONTINUE ones.
XLS_GUIDE = (
    "HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ (Phụ lục 3 kèm "
    "theo Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy)",
    "1. Sau khi nhận được phôi SIM từ Cục Chứng thực số và Bảo mật thông tin, "
    "cơ quan, tổ chức quản lý trực tiếp tiến hành bàn giao thiết bị cho thuê "
    "bao. Thuê bao mang phôi SIM đến cửa hàng của nhà mạng đã đăng ký "
    "(Mobifone, Vinaphone hoặc Viettel) để được hòa mạng.",
    "2. Khi nhà mạng đấu số thành công, thuê bao thông báo về cơ quan, tổ "
    "chức quản lý trực tiếp; cơ quan, tổ chức quản lý trực tiếp tổng hợp, "
    "lập danh sách đề nghị kích hoạt SIM ký số theo mẫu tại trang tính "
    "\"Danh sách\" và gửi file mềm về Văn phòng Tỉnh ủy qua địa chỉ thư điện "
    "tử HotroCKS@quangngai.dcs.vn để được hỗ trợ.",
    "3. Cột \"Số điện thoại\": ghi số thuê bao đã được nhà mạng đấu số, đủ "
    "10 chữ số. Cột \"Số ICCID\": ghi đầy đủ dãy số được in trên thẻ SIM "
    "(19 hoặc 20 chữ số, bắt đầu bằng 8984); định dạng ô là văn bản để "
    "Excel không làm tròn số. Cột \"Họ và tên người dùng\": ghi đầy đủ họ, "
    "chữ đệm và tên của chủ thuê bao. Cột \"Chức vụ\": ghi chức vụ hiện tại.",
    "4. Đối tượng được cấp SIM PKI: lãnh đạo các cơ quan chuyên trách tham "
    "mưu, giúp việc Tỉnh ủy; các huyện ủy, thị ủy, thành ủy; Đảng ủy khối "
    "Cơ quan và Doanh nghiệp tỉnh; Báo Quảng Ngãi; Ủy ban Mặt trận Tổ quốc "
    "Việt Nam và các tổ chức chính trị - xã hội tỉnh; Bí thư, Phó Bí thư "
    "các đảng ủy xã, phường, thị trấn; lãnh đạo Ủy ban Mặt trận Tổ quốc "
    "Việt Nam và các tổ chức chính trị - xã hội huyện.",
    "5. Xác thực SIM PKI: sau khi Cục Chứng thực số và Bảo mật thông tin cập "
    "nhật số thuê bao trên hệ thống, người dùng truy cập địa chỉ "
    "https://cms.ca.gov.vn, nhập số điện thoại theo định dạng 84912345678, "
    "nhấn nút Xác thực; mã xác thực được gửi về thiết bị có cắm SIM PKI, "
    "người dùng chọn Chấp nhận và nhập mã PIN mặc định (liên hệ Phòng Cơ "
    "yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy để được cấp mã PIN mặc "
    "định). Trên trang web hiển thị \"Xác thực người dùng thành công\" là đã "
    "hoàn tất việc xác thực SIM PKI.",
    "6. Cá nhân được cấp SIM PKI gồm: (1) Lãnh đạo các cơ quan chuyên trách "
    "tham mưu, giúp việc Tỉnh ủy; các huyện ủy, thị ủy, thành ủy; Đảng ủy "
    "khối Cơ quan và Doanh nghiệp tỉnh; Báo Quảng Ngãi; Ủy ban Mặt trận Tổ "
    "quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh. (2) Lãnh đạo các "
    "cơ quan chuyên trách tham mưu, giúp việc các huyện ủy, thị ủy, thành "
    "ủy; Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh. (3) Lãnh đạo các phòng, "
    "ban trực thuộc các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy; "
    "Báo Quảng Ngãi; Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính "
    "trị - xã hội tỉnh được người đứng đầu cơ quan, tổ chức ủy quyền ký "
    "thừa lệnh. (4) Bí thư, Phó Bí thư các đảng ủy xã, phường, thị trấn. "
    "(5) Lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị "
    "- xã hội huyện.",
    "7. Hồ sơ đề nghị cấp SIM PKI cho cá nhân: cá nhân có văn bản đề nghị "
    "cấp SIM PKI theo Mẫu 01 gửi cơ quan, tổ chức quản lý trực tiếp; cơ "
    "quan, tổ chức quản lý trực tiếp tổng hợp và gửi văn bản đề nghị cấp "
    "SIM PKI theo Mẫu 02 đến Cục Chứng thực số và Bảo mật thông tin. Danh "
    "sách đề nghị kích hoạt chỉ lập cho các SIM đã được nhà mạng hòa mạng "
    "thành công; SIM chưa đấu số thì chưa đưa vào danh sách.",
    "8. Lưu ý khi nhập liệu trên Excel: không gộp ô trong bảng danh sách; "
    "mỗi thuê bao ghi trên một dòng; không nhập số ICCID dưới dạng số "
    "(Excel sẽ hiển thị dạng 8,98404E+18 và làm mất các chữ số cuối); không "
    "thêm dấu cách, dấu chấm trong số ICCID; số điện thoại ghi đủ 10 chữ số, "
    "không dùng đầu số cũ 11 chữ số. Trường hợp thuê bao chuyển mạng giữ số, "
    "ghi rõ tại cột Chức vụ hoặc báo cho Phòng Cơ yếu - Công nghệ thông tin "
    "khi gửi danh sách.",
    "9. Thông tin liên hệ, hỗ trợ: Phòng Cơ yếu - Công nghệ thông tin, Văn "
    "phòng Tỉnh ủy Quảng Ngãi.",
)


def xls_sim_sheet(name, left, date, rows, number_phones=()):
    """A Phụ lục 3 list on an .xls sheet; phones of number_phones rows are
    stored as numbers, as Excel keeps them when the cell is General."""
    sh = xls.XlsSheet(name, XL_W)
    xls_party_header(sh, left, "ĐẢNG CỘNG SẢN VIỆT NAM", date)
    sh.merge(5, 1, 5, 5, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", "title")
    sh.merge(6, 1, 6, 5, TO_CUC, "plain_c")
    for c, t in enumerate(("TT", "Số điện thoại", "Số ICCID",
                           "Họ và tên người dùng", "Chức vụ"), 1):
        sh.put(8, c, t, "th")
    r = 9
    for n, row in enumerate(rows, 1):
        sh.put(r, 1, n, "td_c")
        if n in number_phones:
            sh.put(r, 2, int("".join(c for c in row.phone if c.isdigit())),
                   "td_num")
        else:
            sh.put(r, 2, row.phone, "td_txt")
        sh.put(r, 3, row.card_shown, "td_txt")
        sh.put(r, 4, row.name, "td_l")
        sh.put(r, 5, row.position, "td_l")
        r += 1
    sh.merge(r, 1, r, 5, NOTE_ICCID, "ital_l")
    return sh, r + 2


def s29_outlook_xls_sim_hanhthien():
    rows = [
        Row("948617203", iccid("898402100384073591"), "Đặng Văn Thuận",
            "Bí thư Đảng ủy xã"),
        Row("0387 915 046", iccid("898404800395184602"), "Nguyễn Thị Sen",
            "Phó Bí thư Thường trực Đảng ủy xã"),
        Row("0795 432 618", iccid("8984012300406295713"), "Trần Minh Nhật",
            "Phó Bí thư Đảng ủy xã"),
    ]
    good_rows_check(rows)
    sh, r = xls_sim_sheet("Danh sách", ["ĐẢNG BỘ HUYỆN NGHĨA HÀNH",
                                        "ĐẢNG ỦY XÃ HÀNH THIỆN"],
                          "Hành Thiện, ngày 04 tháng 6 năm 2024", rows,
                          number_phones=(1,))
    xls_sign(sh, r, ["Nơi nhận:", "- Như trên;", "- Lưu VP Đảng ủy."],
             ["T/M ĐẢNG ỦY", "BÍ THƯ", "Đặng Văn Thuận"])
    guide = xls.XlsSheet("Hướng dẫn", ("120",))
    for k, t in enumerate(XLS_GUIDE, 1):
        guide.put(k * 2 - 1, 1, t, "bold_l" if k == 1 else "wrap_l")
    doc = xls.xls_workbook([sh, guide], (2024, 6, 4, 2, 15, 0),
                           "DU Hanh Thien", company="Dang uy xa Hanh Thien")
    fn = "DS kich hoat SIM ky so - DU xa Hanh Thien.xls"
    subject = "Đảng ủy xã Hành Thiện gửi danh sách kích hoạt SIM ký số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Hành Thiện gửi danh "
            "sách đề nghị kích hoạt SIM ký số (file Excel 2003).\n\nTrân "
            "trọng.\nVăn phòng Đảng ủy xã Hành Thiện")
    mail, _ = outlook_mail(
        key="s29", from_name="Đảng ủy xã Hành Thiện",
        from_addr="danguy.hanhthien@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 4, 9, 26, 8), text=text,
        attachments=[Attachment(fn, CT_XLS, doc)],
        stamp="01DAB644.7A0C3E90")
    exp = msg_expect("danguy.hanhthien@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "xls", "sim_activation",
                                 "ĐẢNG ỦY XÃ HÀNH THIỆN", rows)])
    return "29-outlook-xls-biff8-sim-list.eml", mail, exp


def s30_zimbra_xls_etoken_ductan():
    rows = [
        DevRow("Võ Thanh Tùng", "Bí thư Đảng ủy xã", "TK2303076128"),
        DevRow("Nguyễn Thị Mỹ Lệ", "Chủ tịch Ủy ban MTTQ Việt Nam xã",
               "2C9E4B70"),
    ]
    sh = xls.XlsSheet("Sheet1", ("6", "24", "34", "20", "30"))
    xls_party_header(sh, ["ĐẢNG BỘ HUYỆN MỘ ĐỨC", "ĐẢNG ỦY XÃ ĐỨC TÂN"],
                     "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Đức Tân, ngày 05 tháng 6 năm 2024")
    sh.merge(5, 1, 5, 5, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT",
             "title")
    sh.merge(6, 1, 6, 5, "Kính gửi: " + TO_VPTU, "plain_c")
    for c, t in enumerate(("TT", "Họ và tên", "Chức vụ", "Số hiệu thiết bị",
                           "Lý do"), 1):
        sh.put(8, c, t, "th")
    r = 9
    for n, row in enumerate(rows, 1):
        sh.put(r, 1, n, "td_c")
        sh.put(r, 2, row.name, "td_l")
        sh.put(r, 3, row.position, "td_l")
        sh.put(r, 4, row.device, "td_txt")
        sh.put(r, 5, row.reason, "td_l")
        r += 1
    sh.merge(r + 1, 1, r + 1, 5, COORD_HEAD, "bold_l")
    for k, (key, value) in enumerate((
            ("Họ và tên", "Lâm Văn Đạt"),
            ("Chức vụ", "Văn phòng Đảng ủy xã"),
            ("Số điện thoại", "0914 283 657"),
            ("Email", "lvdat.ductan@quangngai.dcs.vn")), r + 2):
        sh.put(k, 2, key, "td_l")
        sh.put(k, 3, value, "td_l")
    xls_sign(sh, r + 7, ["Nơi nhận:", "- Như trên;", "- Lưu VP."],
             ["T/M ĐẢNG ỦY", "BÍ THƯ", "Võ Thanh Tùng"])
    doc = xls.xls_workbook([sh], (2024, 6, 5, 3, 0, 0), "Admin")
    fn = "Mau 12 - DU xa Duc Tan.xls"
    subject = "Đảng ủy xã Đức Tân đề nghị khôi phục eToken"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nĐảng ủy xã Đức Tân gửi văn bản "
            "đề nghị khôi phục thiết bị lưu khóa bí mật (Mẫu 12) cho 02 đồng "
            "chí. Người phối hợp: đồng chí Lâm Văn Đạt.\n\nTrân trọng!")
    mail, _ = zimbra_mail(
        key="s30", from_name="Đảng ủy xã Đức Tân",
        from_addr="danguy.ductan@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 5, 10, 3, 44, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_XLS, doc)])
    exp = msg_expect("danguy.ductan@quangngai.dcs.vn", subject,
                     "etoken_recovery", "queue",
                     [doc_expect(fn, "xls", "etoken_recovery",
                                 "ĐẢNG ỦY XÃ ĐỨC TÂN", rows, addressee=TO_VPTU,
                                 fields=coord_fields(
                                     "Lâm Văn Đạt", "0914 283 657",
                                     "lvdat.ductan@quangngai.dcs.vn"))])
    return "30-zimbra-xls-biff8-etoken-recovery.eml", mail, exp


def s31_thunderbird_xlsx_named_xls():
    rows = [
        Row("0868 147 392", iccid("898404800417306824"), "Bùi Văn Nghĩa",
            "Bí thư Đảng ủy xã"),
        Row("0837 256 419", iccid("898402100428417935"), "Trần Thị Thu Ba",
            "Phó Bí thư Thường trực Đảng ủy xã"),
    ]
    good_rows_check(rows)
    sh = Sheet("Sheet1", XL_W)
    xlsx_header(sh, ["ĐẢNG BỘ HUYỆN SƠN TỊNH", "ĐẢNG ỦY XÃ TỊNH PHONG"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM"],
                "Tịnh Phong, ngày 06 tháng 6 năm 2024")
    sh.merge(6, 1, 6, 5, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", S_TITLE)
    sh.merge(7, 1, 7, 5, TO_CUC, S_PLAIN_C)
    for c, t in enumerate(("TT", "Số điện thoại", "Số ICCID",
                           "Họ và tên người dùng", "Chức vụ"), 1):
        sh.put(9, c, t, S_TH)
    r = xlsx_rows(sh, 10, rows)
    xlsx_sign(sh, r + 1, ["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "Bùi Văn Nghĩa"])
    doc = xlsx_package([sh], (2024, 6, 6, 2, 50, 0), "DU Tinh Phong")
    # Saved as .xlsx, then renamed by hand to the .xls the unit's old
    # template had: the bytes are a ZIP package all the same.
    fn = "DS kích hoạt SIM ký số - ĐU xã Tịnh Phong.xls"
    subject = "Danh sách kích hoạt SIM ký số xã Tịnh Phong"
    text = ("Kính gửi Văn phòng Tỉnh ủy\n\nĐảng ủy xã Tịnh Phong gửi danh "
            "sách đề nghị kích hoạt SIM ký số.\n\nTrân trọng.\n-- \nVăn "
            "phòng Đảng ủy xã Tịnh Phong")
    mail, _ = thunderbird_mail(
        key="s31", from_name="Đảng ủy xã Tịnh Phong",
        from_addr="danguy.tinhphong@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 6, 10, 18, 35), text=text,
        attachments=[Attachment(fn, CT_XLS, doc)])
    exp = msg_expect("danguy.tinhphong@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "xlsx", "sim_activation",
                                 "ĐẢNG ỦY XÃ TỊNH PHONG", rows)])
    return "31-thunderbird-xlsx-misnamed-xls.eml", mail, exp


def legacy_sim_docx(encode, *, left, place_date, rows, signer, when,
                    creator):
    """A Phụ lục 3 list typed wholly in a legacy font: every run of the
    document carries it, as in a file first written in the 1990s' fonts
    and still copied from year to year."""
    global LEGACY
    LEGACY = encode
    try:
        return sim_docx(
            left=[("ĐẢNG BỘ TỈNH QUẢNG NGÃI", False), (left, True),
                  ("*", False)],
            right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
                   (place_date, "i")],
            title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28,
                            before=240, after=120)],
            addressee_para=wp(TO_CUC, jc="center", after=120),
            head=["TT", "Số điện thoại", "Số ICCID",
                  "Họ và tên người dùng", "Chức vụ"],
            rows=rows,
            sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP."],
                  ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "", "",
                   signer]),
            when=when, creator=creator)
    finally:
        LEGACY = None


def s32_outlook_docx_tcvn3_batu():
    rows = [
        Row("0983 427 105", iccid("898404800518203647"), "Phạm Văn Hùng",
            "Bí thư Huyện ủy"),
        Row("0905 381 264", iccid("8984012300518307265"),
            "Nguyễn Thị Hồng Nhung", "Phó Bí thư Thường trực Huyện ủy"),
        Row("0914 730 582", iccid("898402100518416830"), "Đinh Văn Long",
            "Chánh Văn phòng Huyện ủy"),
    ]
    good_rows_check(rows)
    doc = legacy_sim_docx(tcvn3, left="HUYỆN ỦY BA TƠ",
                          place_date="Ba Tơ, ngày 10 tháng 6 năm 2024",
                          rows=rows, signer="Đinh Văn Long",
                          when=(2024, 6, 10, 1, 40, 0), creator="VP HU")
    fn = "DS kich hoat SIM ky so - HU Ba To.docx"
    subject = "Danh sách đề nghị kích hoạt SIM ký số - Huyện ủy Ba Tơ"
    text = ("Kính gửi: Văn phòng Tỉnh ủy\n\nVăn phòng Huyện ủy Ba Tơ gửi "
            "danh sách đề nghị kích hoạt SIM ký số (file đính kèm, soạn "
            "bằng phông .VnTime).\n\n" + SIGNOFF_HU)
    mail, _ = outlook_mail(
        key="s32", from_name="Văn phòng Huyện ủy Ba Tơ",
        from_addr="vanphong.bato@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 10, 8, 52, 11), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.bato@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "HUYỆN ỦY BA TƠ", rows,
                                 warnings=["legacy_encoding"])])
    return "32-outlook-docx-tcvn3-legacy-font.eml", mail, exp


def s33_zimbra_docx_vni_minhlong():
    rows = [
        Row("0986 512 730", iccid("898404800527301948"), "Trương Văn Sỹ",
            "Bí thư Huyện ủy"),
        Row("0913 628 401", iccid("898402100527418305"),
            "Lê Thị Ánh Tuyết", "Trưởng Ban Dân vận Huyện ủy"),
    ]
    good_rows_check(rows)
    doc = legacy_sim_docx(vni, left="HUYỆN ỦY MINH LONG",
                          place_date="Minh Long, ngày 11 tháng 6 năm 2024",
                          rows=rows, signer="Trương Văn Sỹ",
                          when=(2024, 6, 11, 2, 5, 0), creator="may tinh VP")
    fn = "DS SIM ky so - HU Minh Long.docx"
    subject = "Huyện ủy Minh Long gửi danh sách kích hoạt SIM ký số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nHuyện ủy Minh Long gửi danh "
            "sách đề nghị kích hoạt SIM ký số.\n\nTrân trọng!")
    mail, _ = zimbra_mail(
        key="s33", from_name="Văn phòng Huyện ủy Minh Long",
        from_addr="vanphong.minhlong@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 11, 9, 12, 40, suffix=" (ICT)"), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("vanphong.minhlong@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "HUYỆN ỦY MINH LONG", rows,
                                 warnings=["legacy_encoding"])])
    return "33-zimbra-docx-vni-legacy-font.eml", mail, exp


def s34_thunderbird_docx_email_column():
    rows = [
        Row("0982 640 317", iccid("898404800534602718"), "Võ Minh Tâm",
            "Bí thư Đảng ủy xã"),
        Row("0918 306 752", iccid("898402100534710396"),
            "Huỳnh Thị Kim Oanh", "Phó Bí thư Thường trực Đảng ủy xã",
            errors=["email_public_domain"]),
    ]
    good_rows_check(rows)
    mails = ["vominhtam.tinhan@quangngai.dcs.vn", "kimoanh.tinhan@gmail.com"]
    doc = sim_docx(
        left=[("ĐẢNG BỘ HUYỆN SƠN TỊNH", False), ("ĐẢNG ỦY XÃ TỊNH ẤN", True),
              ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Tịnh Ấn, ngày 12 tháng 6 năm 2024", "i")],
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC, jc="center", after=120),
        # a sixth column, "Email", as many units add to the form
        head=["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
              "Chức vụ", "Email"],
        rows=rows,
        cells={n: row_cells(n, r) + [m]
               for n, (r, m) in enumerate(zip(rows, mails), 1)},
        widths=(600, 1500, 2300, 2000, 1700, 2400),
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "Võ Minh Tâm"]),
        when=(2024, 6, 12, 3, 0, 0), creator="DU Tinh An")
    fn = "Danh sach SIM ky so - DU xa Tinh An.docx"
    subject = "Danh sách kích hoạt SIM ký số - Đảng ủy xã Tịnh Ấn"
    text = ("Kính gửi Văn phòng Tỉnh ủy\n\nĐảng ủy xã Tịnh Ấn gửi danh "
            "sách đề nghị kích hoạt SIM ký số.\n\nTrân trọng.")
    mail, _ = thunderbird_mail(
        key="s34", from_name="Đảng ủy xã Tịnh Ấn",
        from_addr="danguy.tinhan@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 12, 10, 30, 5), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("danguy.tinhan@quangngai.dcs.vn", subject,
                     "sim_activation", "reject",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "ĐẢNG ỦY XÃ TỊNH ẤN", rows)])
    return "34-thunderbird-docx-email-column.eml", mail, exp


class ExampleRow:
    """One of the two example rows Phụ lục 3 prints, left in the table
    (letter 1871-CV/VPTU): only its index, name and the one error are
    judged; what else is read of it the CONTRACT leaves open."""

    def __init__(self, phone, card, name, position):
        self.phone, self.card, self.card_shown = phone, card, card
        self.name, self.position = name, position

    def expected(self, index):
        return {"index": index, "phone": phone_norm(self.phone)[0],
                "name": self.name, "position": self.position,
                "errors": ["example_row"], "warnings": []}


def s35_gmail_docx_example_rows_left():
    rows = [
        ExampleRow("0982345678", "898402310932010...", "Nguyễn Văn A",
                   "Trưởng phòng CNTT"),
        ExampleRow("0918765432", "796303120012090...", "Trần Văn B",
                   "Phó trưởng phòng CNTT"),
        Row("0987 205 613", iccid("898404800546103827"), "Nguyễn Văn Bình",
            "Bí thư Đảng ủy xã"),
        # §6 (4): of a commune, only its đảng ủy's Bí thư and Phó
        # Bí thư (review 8)
        Row("0915 472 038", iccid("898402100546208173"), "Phan Thị Lệ",
            "Chủ tịch Ủy ban MTTQ Việt Nam xã",
            warnings=["position_not_eligible"]),
    ]
    good_rows_check(rows[2:])
    doc = sim_docx(
        left=[("ĐẢNG BỘ HUYỆN TƯ NGHĨA", False),
              ("ĐẢNG ỦY XÃ NGHĨA KỲ", True), ("*", False)],
        right=[("ĐẢNG CỘNG SẢN VIỆT NAM", "bu"), ("", ""),
               ("Nghĩa Kỳ, ngày 13 tháng 6 năm 2024", "i")],
        title_paras=[wp(TITLE_SIM, jc="center", b=True, sz=28, before=240,
                        after=120)],
        addressee_para=wp(TO_CUC, jc="center", after=120),
        head=["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
              "Chức vụ"],
        rows=rows,
        sign=(["Nơi nhận:", "- Như trên;", "- Lưu VP."],
              ["T/M ĐẢNG ỦY", "BÍ THƯ", "", "", "", "Nguyễn Văn Bình"]),
        when=(2024, 6, 13, 2, 20, 0), creator="DU Nghia Ky")
    fn = "Phu luc 3 - DU xa Nghia Ky.docx"
    subject = "Đảng ủy xã Nghĩa Kỳ gửi danh sách kích hoạt SIM ký số"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Nghĩa Kỳ gửi danh "
            "sách theo Phụ lục 3.\n\nTrân trọng.")
    mail, _ = gmail_mail(
        key="s35", from_name="Đảng ủy xã Nghĩa Kỳ",
        from_addr="danguy.nghiaky@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 13, 9, 41, 27), text=text,
        attachments=[Attachment(fn, CT_DOCX, doc)])
    exp = msg_expect("danguy.nghiaky@quangngai.dcs.vn", subject,
                     "sim_activation", "reject",
                     [doc_expect(fn, "docx", "sim_activation",
                                 "ĐẢNG ỦY XÃ NGHĨA KỲ", rows)])
    return "35-gmail-docx-example-rows-left.eml", mail, exp


def s36_gmail_list_in_body():
    rows = [
        Row("0984 318 506", iccid("898404800553107429"), "Lê Văn Thành",
            "Bí thư Đảng ủy xã"),
        Row("0919 524 137", iccid("898402100553218064"), "Trần Thị Mai",
            "Phó Bí thư Thường trực Đảng ủy xã"),
    ]
    good_rows_check(rows)
    head = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
            "Chức vụ"]
    cells = [head] + [row_cells(n, r) for n, r in enumerate(rows, 1)]
    # pasted from the Word form: its title and addressee come along
    table = ('<div align="center"><b>DANH SÁCH<br>ĐỀ NGHỊ KÍCH HOẠT SIM KÝ '
             'SỐ</b></div><div align="center">%s</div>' % html.escape(TO_CUC) +
             '<table border="1" cellspacing="0" cellpadding="4">' + "".join(
        "<tr>%s</tr>" % "".join("<%s>%s</%s>" % (t, html.escape(c), t)
                                for c in row)
        for t, row in ((("th" if k == 0 else "td"), row)
                       for k, row in enumerate(cells))) + "</table>")
    subject = "Danh sách đề nghị kích hoạt SIM ký số - xã Phổ Phong"
    text = ("Kính gửi Văn phòng Tỉnh ủy,\n\nĐảng ủy xã Phổ Phong gửi danh "
            "sách đề nghị kích hoạt SIM ký số ngay trong thư này:")
    mail, _ = gmail_mail(
        key="s36", from_name="Đảng ủy xã Phổ Phong",
        from_addr="danguy.phophong@quangngai.dcs.vn", subject=subject,
        date=rfc_date(2024, 6, 14, 15, 2, 48), text=text, html_extra=table,
        text_after="Trân trọng.\n-- \nVăn phòng Đảng ủy xã Phổ Phong")
    exp = msg_expect("danguy.phophong@quangngai.dcs.vn", subject,
                     "sim_activation", "queue",
                     [doc_expect("", "body", "sim_activation", None,
                                 rows)])
    return "36-gmail-list-in-html-body.eml", mail, exp


SAMPLES = (s01_outlook_docx_sontinh, s02_thunderbird_xlsx_btg,
           s03_zimbra_xlsx_binhson, s04_outlook_docx_tinhha,
           s05_zimbra_docx_errors, s06_outlook_xlsx_mttq_errors,
           s07_gmail_public_sender, s08_outlook_auto_reply,
           s09_postfix_bounce, s10_thunderbird_question,
           s11_outlook_forward, s12_zimbra_training_list,
           s13_thunderbird_wrong_addressee, s14_outlook_docx_baoquangngai,
           s15_outlook_docx_etoken_ducpho, s16_zimbra_xlsx_etoken_tunghia,
           s17_thunderbird_docx_sim_recovery, s18_outlook_docx_etoken_to_cuc,
           s19_zimbra_docx_etoken_no_coordinator,
           s20_zimbra_docx_individual_mau11,
           s21_outlook_docx_cert_request_mau02,
           s22_thunderbird_xlsx_cert_renewal_mau08,
           s23_zimbra_docx_cert_revoke_mau10,
           s24_outlook_docx_loss_record_mau15,
           s25_thunderbird_docx_report_half_year,
           s26_outlook_xlsx_report_year, s27_zimbra_mixed_sim_and_etoken,
           s28_outlook_two_sim_lists, s29_outlook_xls_sim_hanhthien,
           s30_zimbra_xls_etoken_ductan, s31_thunderbird_xlsx_named_xls,
           s32_outlook_docx_tcvn3_batu, s33_zimbra_docx_vni_minhlong,
           s34_thunderbird_docx_email_column,
           s35_gmail_docx_example_rows_left, s36_gmail_list_in_body)


def check_unique(expected):
    """Phones, cards and device numbers never repeat across samples, so
    ingesting them all into one store raises no already_requested; only
    the intended duplicate_row repeats inside its own document (and the
    form's example rows, which the CONTRACT says to delete). A SIM's
    device number is its ICCID, so one row may name a card twice."""
    seen = {}
    for fname, m in expected.items():
        for d in m["documents"]:
            keys = [{(d.get("fields") or {}).get("coordinator_phone")}]
            for r in d["rows"]:
                if ("duplicate_row" in r["errors"] or
                        "example_row" in r["errors"]):
                    continue
                keys.append({r.get("phone"), r.get("iccid"),
                             r.get("device_serial")})
            for key in (k for ks in keys for k in sorted(ks - {None})):
                assert key not in seen, (key, fname, seen[key])
                seen[key] = fname


def received_at(data):
    """When the message was received, as hotrocks reads it from the file's
    mtime: its Date header, so that a case opened from a 2024 mail is
    numbered HT-2024 whenever the samples are built. None without one."""
    head = email.parser.BytesHeaderParser().parsebytes(data)
    try:
        return email.utils.parsedate_to_datetime(head["Date"]).timestamp()
    except (TypeError, ValueError):
        return None


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: make-samples.py OUTDIR\n")
        return 2
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    expected = {}
    for make in SAMPLES:
        name, data, exp = make()
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(data)
        when = received_at(data)
        if when is not None:
            os.utime(path, (when, when))
        expected[name] = exp
    check_unique(expected)
    with open(os.path.join(outdir, "expected.json"), "w",
              encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
