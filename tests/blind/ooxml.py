"""Minimal, deterministic OOXML writers (DOCX and XLSX) for the blind set.

Standard library only.  Every zip entry gets the same fixed timestamp, so the
same input always gives the same bytes.
"""
import io
import zipfile
from xml.sax.saxutils import escape

ZIP_DATE = (2024, 5, 6, 8, 30, 0)

RUN_SPLIT = "\u00a6"   # '¦' marks a place where Word split the text into runs
LINE_BREAK = "\v"      # a manual line break (<w:br/>) inside a paragraph


def _zip(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(info, data)
    return buf.getvalue()


def x(s):
    return escape(s, {'"': "&quot;"})


XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

CORE = (XML_DECL +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title></dc:title><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{creator}</cp:lastModifiedBy>'
        '<cp:revision>3</cp:revision>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-03T01:12:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-06T01:25:00Z</dcterms:modified>'
        '</cp:coreProperties>')


# --------------------------------------------------------------------- DOCX
W_NS = ('xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'mc:Ignorable="w14"')


class Docx:
    """Build word/document.xml from paragraphs and tables."""

    def __init__(self, font="Times New Roman", size=28, creator="Admin"):
        self.body = []
        self.font = font
        self.size = size
        self.creator = creator

    def _runs(self, text, bold=False, italic=False, underline=False, size=None):
        rpr = ""
        if bold:
            rpr += "<w:b/><w:bCs/>"
        if italic:
            rpr += "<w:i/><w:iCs/>"
        if underline:
            rpr += '<w:u w:val="single"/>'
        if size:
            rpr += '<w:sz w:val="%d"/><w:szCs w:val="%d"/>' % (size, size)
        rpr = ('<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/>{r}</w:rPr>'
               .format(f=self.font, r=rpr))
        out = []
        for i, chunk in enumerate(text.split(RUN_SPLIT)):
            if i == 1:
                out.append('<w:proofErr w:type="spellStart"/>')
            pieces = chunk.split(LINE_BREAK)
            inner = []
            for j, piece in enumerate(pieces):
                if j:
                    inner.append("<w:br/>")
                if piece:
                    inner.append('<w:t xml:space="preserve">%s</w:t>' % x(piece))
            out.append('<w:r w:rsidR="00A1%04X">%s%s</w:r>' % (i, rpr, "".join(inner)))
            if i == 1:
                out.append('<w:proofErr w:type="spellEnd"/>')
        return "".join(out)

    def para_xml(self, text, center=False, bold=False, italic=False,
                 underline=False, size=None, indent=False):
        ppr = '<w:spacing w:before="0" w:after="0"/>'
        if center:
            ppr += '<w:jc w:val="center"/>'
        if indent:
            ppr += '<w:ind w:firstLine="567"/>'
        runs = self._runs(text, bold, italic, underline, size) if text else ""
        return '<w:p><w:pPr>%s</w:pPr>%s</w:p>' % (ppr, runs)

    def p(self, text="", **kw):
        self.body.append(self.para_xml(text, **kw))

    def table(self, rows, widths, borders=True, header_rows=1, center_cols=(),
              merges=None):
        """rows: list of lists of cells.  A cell is a str ('\n' = new
        paragraph) or a dict(text=..., bold=..., center=..., gridSpan=n,
        vMerge='restart'|'continue')."""
        b = ""
        if borders:
            b = ("<w:tblBorders>" + "".join(
                '<w:%s w:val="single" w:sz="4" w:space="0" w:color="auto"/>' % side
                for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
                + "</w:tblBorders>")
        out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>%s'
               '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>' % b]
        out += ['<w:gridCol w:w="%d"/>' % w for w in widths]
        out.append("</w:tblGrid>")
        for ri, row in enumerate(rows):
            out.append('<w:tr w:rsidR="00B2%04X">' % ri)
            col = 0
            for ci, cell in enumerate(row):
                if isinstance(cell, str) or cell is None:
                    cell = {"text": cell or ""}
                span = cell.get("gridSpan", 1)
                width = sum(widths[col:col + span])
                tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
                if span > 1:
                    tcpr += '<w:gridSpan w:val="%d"/>' % span
                if cell.get("vMerge") == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif cell.get("vMerge") == "continue":
                    tcpr += "<w:vMerge/>"
                tcpr += '<w:vAlign w:val="center"/>'
                bold = cell.get("bold", ri < header_rows)
                center = cell.get("center", ri < header_rows or col in center_cols)
                paras = cell["text"].split("\n")
                pxml = "".join(self.para_xml(t, center=center, bold=bold,
                                             italic=cell.get("italic", False),
                                             underline=cell.get("underline", False))
                               for t in paras)
                out.append("<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, pxml))
                col += span
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))

    def header_block(self, left, right, widths=(4200, 5400)):
        """The two-column borderless letterhead.  left/right: lists of
        (text, dict(bold=..,italic=..,underline=..)) or plain strings."""
        def cell(lines):
            ps = []
            for line in lines:
                if isinstance(line, str):
                    line = (line, {})
                ps.append(self.para_xml(line[0], center=True, **line[1]))
            return ps
        lp, rp = cell(left), cell(right)
        xml = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>'
               '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
               '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
               '</w:tblPr><w:tblGrid><w:gridCol w:w="%d"/><w:gridCol w:w="%d"/></w:tblGrid><w:tr>'
               % widths]
        for w, ps in zip(widths, (lp, rp)):
            xml.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>'
                       % (w, "".join(ps)))
        xml.append("</w:tr></w:tbl>")
        self.body.append("".join(xml))

    def build(self):
        doc = (XML_DECL + '<w:document %s><w:body>%s'
               '<w:sectPr><w:pgSz w:w="11907" w:h="16840" w:code="9"/>'
               '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
               'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
               % (W_NS, "".join(self.body)))
        ct = (XML_DECL +
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
              '</Types>')
        rels = (XML_DECL +
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                '</Relationships>')
        docrels = (XML_DECL +
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   '</Relationships>')
        styles = (XML_DECL +
                  '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/>'
                  '<w:sz w:val="{s}"/><w:szCs w:val="{s}"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>'
                  '<w:pPrDefault/></w:docDefaults>'
                  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
                  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
                  '<w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
                  '</w:styles>').format(f=self.font, s=self.size)
        app = (XML_DECL +
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity>'
               '<AppVersion>16.0000</AppVersion></Properties>')
        return _zip([("[Content_Types].xml", ct), ("_rels/.rels", rels),
                     ("word/document.xml", doc), ("word/_rels/document.xml.rels", docrels),
                     ("word/styles.xml", styles), ("docProps/core.xml", CORE.format(creator=x(self.creator))),
                     ("docProps/app.xml", app)])


# --------------------------------------------------------------------- XLSX
def col_letter(n):          # 1 -> A
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


class C:
    """One spreadsheet cell.
    t: 's' shared string, 'is' inline string, 'n' number (v is the literal
       text of <v>), 'f' formula with numeric cached value, 'rich' shared
       rich-text string (v = list of (text, bold))."""

    def __init__(self, v, t="s", s=0, f=None):
        self.v, self.t, self.s, self.f = v, t, s, f


# style ids in cellXfs below
ST_DEFAULT, ST_HEAD, ST_BORDER, ST_TEXT, ST_PHONEFMT, ST_QUOTE, ST_TITLE, ST_ITALIC, ST_BOLD = range(9)

XLSX_STYLES = (XML_DECL +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0000000000"/></numFmts>'
    '<fonts count="4">'
    '<font><sz val="13"/><name val="Times New Roman"/><family val="1"/></font>'
    '<font><b/><sz val="13"/><name val="Times New Roman"/><family val="1"/></font>'
    '<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>'
    '<font><i/><sz val="13"/><name val="Times New Roman"/><family val="1"/></font>'
    '</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right>'
    '<top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="9">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


class Xlsx:
    def __init__(self, creator="Admin", app="Microsoft Excel"):
        self.sheets = []      # (name, {(r,c): C}, merges, widths)
        self.creator = creator
        self.app = app

    def sheet(self, name, widths=None):
        cells, merges = {}, []
        self.sheets.append((name, cells, merges, widths or []))
        return cells, merges

    def build(self):
        sst, sst_index = [], {}

        def sidx(key, xml):
            if key not in sst_index:
                sst_index[key] = len(sst)
                sst.append(xml)
            return sst_index[key]

        sheet_xml = []
        total_refs = 0
        for name, cells, merges, widths in self.sheets:
            rows = {}
            for (r, c), cell in cells.items():
                rows.setdefault(r, []).append((c, cell))
            out = []
            maxr = max(rows) if rows else 1
            maxc = max((c for (r, c) in cells), default=1)
            for r in sorted(rows):
                out.append('<row r="%d">' % r)
                for c, cell in sorted(rows[r], key=lambda t: t[0]):
                    ref = "%s%d" % (col_letter(c), r)
                    sattr = ' s="%d"' % cell.s if cell.s else ""
                    if cell.t == "s":
                        total_refs += 1
                        i = sidx(("s", cell.v), '<si><t xml:space="preserve">%s</t></si>' % x(cell.v))
                        out.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, sattr, i))
                    elif cell.t == "rich":
                        total_refs += 1
                        runs = "".join(
                            '<r>%s<t xml:space="preserve">%s</t></r>' % (
                                '<rPr><b/><sz val="13"/><rFont val="Times New Roman"/></rPr>' if b else
                                '<rPr><sz val="13"/><rFont val="Times New Roman"/></rPr>', x(t))
                            for t, b in cell.v)
                        i = sidx(("rich", tuple(cell.v)), "<si>%s</si>" % runs)
                        out.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, sattr, i))
                    elif cell.t == "is":
                        out.append('<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, sattr, x(cell.v)))
                    elif cell.t == "n":
                        out.append('<c r="%s"%s><v>%s</v></c>' % (ref, sattr, cell.v))
                    elif cell.t == "f":
                        out.append('<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, sattr, x(cell.f), cell.v))
                    elif cell.t == "blank":
                        out.append('<c r="%s"%s/>' % (ref, sattr))
                    else:
                        raise ValueError(cell.t)
                out.append("</row>")
            cols = ""
            if widths:
                cols = "<cols>%s</cols>" % "".join(
                    '<col min="%d" max="%d" width="%s" customWidth="1"/>' % (i + 1, i + 1, w)
                    for i, w in enumerate(widths))
            mc = ""
            if merges:
                mc = '<mergeCells count="%d">%s</mergeCells>' % (
                    len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
            dim = "A1" if not cells else "A1:%s%d" % (col_letter(maxc), maxr)
            sheet_xml.append(
                XML_DECL +
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<dimension ref="%s"/><sheetViews><sheetView workbookViewId="0"%s/></sheetViews>'
                '<sheetFormatPr defaultRowHeight="16.5"/>%s<sheetData>%s</sheetData>%s'
                '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                '</worksheet>' % (dim, ' tabSelected="1"' if not sheet_xml else "", cols, "".join(out), mc))

        n = len(self.sheets)
        wb = (XML_DECL +
              '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
              '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20490" windowHeight="7755"/></bookViews>'
              '<sheets>%s</sheets><calcPr calcId="162913"/></workbook>' % "".join(
                  '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (x(nm), i + 1, i + 1)
                  for i, (nm, _, _, _) in enumerate(self.sheets)))
        wbrels = (XML_DECL +
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
                  "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>'
                          % (i + 1, i + 1) for i in range(n)) +
                  '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1) +
                  ('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2) if sst else "") +
                  '</Relationships>')
        ct = (XML_DECL +
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
              "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(n)) +
              '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
              ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if sst else "") +
              '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
              '</Types>')
        rels = (XML_DECL +
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                '</Relationships>')
        app = (XML_DECL +
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
               '<Application>%s</Application><DocSecurity>0</DocSecurity></Properties>' % x(self.app))
        entries = [("[Content_Types].xml", ct), ("_rels/.rels", rels),
                   ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wbrels),
                   ("xl/styles.xml", XLSX_STYLES)]
        for i, s in enumerate(sheet_xml):
            entries.append(("xl/worksheets/sheet%d.xml" % (i + 1), s))
        if sst:
            entries.append(("xl/sharedStrings.xml",
                            XML_DECL + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                            'count="%d" uniqueCount="%d">%s</sst>' % (total_refs, len(sst), "".join(sst))))
        entries += [("docProps/core.xml", CORE.format(creator=x(self.creator))), ("docProps/app.xml", app)]
        return _zip(entries)
