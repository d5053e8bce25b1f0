#!/usr/bin/python3
# seed.py: writes the fuzz corpora's seeds (tests/fuzz/corpus/NAME/), from
# samples/make-samples.py and hand-made hostile cases. Standard library
# only and deterministic: run it again and git sees no change.
#
#   /usr/bin/python3 tests/fuzz/seed.py [CORPUS_DIR]

import base64
import email
import email.generator
import email.policy
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WHEN = (2024, 5, 6, 8, 0, 0)

sys.dont_write_bytecode = True      # nothing written beside the sources
sys.path.insert(0, os.path.join(ROOT, "samples"))
import docgen                       # noqa: E402
from docgen import (NS_CT, NS_S, NS_W, RT, CT_RELS,  # noqa: E402
                    XML_DECL as DECL)

NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_DOC = ("application/vnd.openxmlformats-officedocument."
          "wordprocessingml.document.main+xml")
CT_WB = ("application/vnd.openxmlformats-officedocument."
         "spreadsheetml.sheet.main+xml")


def content_types(main, ct):
    return (DECL + '<Types xmlns="%s"><Default Extension="rels" '
            'ContentType="%s"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/%s" ContentType="%s"/>'
            '</Types>' % (NS_CT, CT_RELS, main, ct))


def rels(items):
    """items of (id, short type, target, external)."""
    return docgen.rels([(i, "%s/%s" % (RT, t), target, ext)
                        for i, t, target, ext in items])


def zip_of(parts, method=zipfile.ZIP_DEFLATED):
    return docgen.zip_parts(parts, WHEN, method)


def parts_of(parts):
    """The harnesses' non-ZIP input: name NUL content NUL ... (fuzz.h)."""
    out = []
    for name, data in parts:
        out.append(name.encode("utf-8"))
        out.append(data if isinstance(data, bytes) else data.encode("utf-8"))
    return b"\0".join(out)


def unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


# ---------------------------------------------------------------------------
# Word.

def wp(text, extra=""):
    return ('<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
            % (extra, text))


def wtbl(rows):
    return ("<w:tbl><w:tblGrid/>" +
            "".join("<w:tr>" + "".join("<w:tc>%s</w:tc>" % (c if c.startswith(
                "<") else wp(c)) for c in r) + "</w:tr>" for r in rows) +
            "</w:tbl>")


SIM_HEAD = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ"]
SIM_ROWS = [["1", "0905 123 456", "8984 0480 0000 1234 567", "Nguyễn Văn An",
             "Bí thư"],
            ["2", "84 914 555 777", "89840200001122334455", "Trần Thị Bình",
             "Phó Bí thư"]]


def document(body):
    return (DECL + '<w:document xmlns:w="%s" xmlns:r="%s" xmlns:mc="%s" '
            'mc:Ignorable=""><w:body>%s<w:sectPr/></w:body></w:document>'
            % (NS_W, RT, NS_MC, body))


def docx_parts(body):
    return [("[Content_Types].xml",
             content_types("word/document.xml", CT_DOC)),
            ("_rels/.rels", rels([("rId1", "officeDocument",
                                   "word/document.xml", False)])),
            ("word/document.xml", document(body))]


DOCX_SIM = (wp("HUYỆN ỦY SƠN TỊNH") +
            wp("DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ") +
            wp("Kính gửi: Cục Chứng thực số và Bảo mật thông tin, "
               "Ban Cơ yếu Chính phủ") +
            wtbl([SIM_HEAD] + SIM_ROWS) + wp("Người lập biểu"))

DOCX_TRICKS = (
    # Tracked changes, moves, a field code, a tab and a break.
    '<w:p><w:ins><w:r><w:t>DANH SÁCH ĐỀ NGHỊ </w:t></w:r></w:ins>'
    '<w:del><w:r><w:delText>cũ </w:delText></w:r></w:del>'
    '<w:moveFrom><w:r><w:t>đi</w:t></w:r></w:moveFrom>'
    '<w:moveTo><w:r><w:t>KÍCH HOẠT</w:t></w:r></w:moveTo>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:tab/><w:t> SIM KÝ SỐ</w:t><w:br/></w:r></w:p>'
    # One branch of AlternateContent, and a text box.
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
    '<w:drawing><w:txbxContent>' + wp("Kính gửi: Cục Chứng thực số") +
    '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>'
    '<w:txbxContent>' + wp("fallback") + '</w:txbxContent></w:pict>'
    '</mc:Fallback></mc:AlternateContent></w:r></w:p>' +
    # Merged cells and a table inside a cell.
    wtbl([["<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + wp("Số ICCID"),
           "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" + wp("TT")],
          [wtbl([["a", "b"], ["c", "d"]]),
           "<w:tcPr><w:vMerge/></w:tcPr>" + wp("")]]))


# ---------------------------------------------------------------------------
# Excel.

def workbook(sheets, pr=""):
    return (DECL + '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>' % (NS_S, RT,
                                                                    pr) +
            "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"%s/>'
                    % (n, i, i, st) for i, (n, st) in enumerate(sheets, 1)) +
            "</sheets></workbook>")


def sheet(rows):
    return (DECL + '<worksheet xmlns="%s"><sheetData>' % NS_S +
            "".join('<row r="%d">%s</row>' % (i, "".join(r))
                    for i, r in enumerate(rows, 1)) +
            '</sheetData><mergeCells count="1"><mergeCell ref="A1:E1"/>'
            '</mergeCells></worksheet>')


def col(i):
    return docgen.col_name(i + 1)


def shared(strings):
    return (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">'
            % (NS_S, len(strings), len(strings)) +
            "".join('<si><t xml:space="preserve">%s</t></si>' % s
                    for s in strings[:-1]) +
            # Rich text with a phonetic run that must be left out.
            '<si><r><t>%s</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
            % strings[-1] + "</sst>")


STYLES = (DECL + '<styleSheet xmlns="%s"><numFmts count="1"><numFmt '
          'numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/>'
          '<xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>'
          % NS_S)


def xlsx_parts(sheets, strings, pr=""):
    wb_rels = [("rId%d" % i, "worksheet", "worksheets/sheet%d.xml" % i,
                False) for i in range(1, len(sheets) + 1)]
    n = len(sheets)
    wb_rels += [("rId%d" % (n + 1), "styles", "styles.xml", False),
                ("rId%d" % (n + 2), "sharedStrings", "sharedStrings.xml",
                 False),
                ("rId%d" % (n + 3), "hyperlink", "http://example.invalid/",
                 True)]
    parts = [("[Content_Types].xml", content_types("xl/workbook.xml",
                                                   CT_WB)),
             ("_rels/.rels", rels([("rId1", "officeDocument",
                                    "xl/workbook.xml", False)])),
             ("xl/workbook.xml", workbook([(s[0], s[1]) for s in sheets],
                                          pr)),
             ("xl/_rels/workbook.xml.rels", rels(wb_rels))]
    for i, s in enumerate(sheets, 1):
        parts.append(("xl/worksheets/sheet%d.xml" % i, s[2]))
    parts += [("xl/styles.xml", STYLES),
              ("xl/sharedStrings.xml", shared(strings))]
    return parts


def sim_sheet():
    strings = ["DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"] + SIM_HEAD + \
        ["Nguyễn Văn An", "Bí thư", "Kính gửi: Cục Chứng thực số"]
    ix = {s: i for i, s in enumerate(strings)}
    rows = [['<c r="A1" t="s"><v>0</v></c>'],
            ['<c r="A2" t="s"><v>%d</v></c>' % ix[strings[-1]]],
            ['<c r="%s3" t="s"><v>%d</v></c>' % (col(i), ix[h])
             for i, h in enumerate(SIM_HEAD)],
            ['<c r="A4"><v>1</v></c>', '<c r="B4"><v>905123456</v></c>',
             '<c r="C4"><v>8.98404800000123E+18</v></c>',
             '<c r="D4" t="s"><v>%d</v></c>' % ix["Nguyễn Văn An"],
             '<c r="E4" t="s"><v>%d</v></c>' % ix["Bí thư"]],
            ['<c r="A5"><v>2</v></c>',
             '<c r="B5" t="inlineStr"><is><t>0914 555 777</t></is></c>',
             '<c r="C5" t="str" s="3"><f>"8984"&amp;"0200001122334455"</f>'
             '<v>89840200001122334455</v></c>',
             '<c r="D5" t="inlineStr"><is><r><t>Trần Thị </t></r><r><t>'
             'Bình</t></r></is></c>',
             '<c r="E5" t="inlineStr"><is><t>Phó Bí thư</t></is></c>'],
            # Dates, a time, booleans, errors, no r attributes at all.
            ['<c s="1"><v>45418</v></c>', '<c s="2"><v>45418.5</v></c>',
             '<c t="b"><v>1</v></c>', '<c t="e"><v>#N/A</v></c>',
             '<c r="J6" t="d"><v>2024-05-06T08:00:00</v></c>']]
    return strings, sheet(rows)


# ---------------------------------------------------------------------------
# Hostile ZIPs, built by hand where zipfile refuses.

def stored_zip(entries, flags=0, crc_fix=None):
    """A stored ZIP from (name bytes, data) with optional general purpose
    flags and a wrong CRC when crc_fix is given."""
    out, cd = b"", b""
    for name, data in entries:
        crc = zlib.crc32(data) if crc_fix is None else crc_fix
        hdr = struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, flags, 0, 0, 0x21,
                          crc, len(data), len(data), len(name), 0)
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, flags, 0,
                          0, 0x21, crc, len(data), len(data), len(name), 0, 0,
                          0, 0, 0, len(out)) + name
        out += hdr + name + data
    n = len(entries)
    return out + cd + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, n, n,
                                  len(cd), len(out), 0)


def zip_seeds(docx_min, xlsx_min):
    s = {}
    s["docx-min-deflated.zip"] = docx_min
    s["xlsx-min-stored.zip"] = zip_of(unzip(xlsx_min), zipfile.ZIP_STORED)
    s["docx-min.parts"] = parts_of(unzip(docx_min))
    s["truncated.zip"] = docx_min[:len(docx_min) // 2]
    s["truncated-eocd.zip"] = docx_min[:-5]
    s["empty.zip"] = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0, 0, 0, 0,
                                 0)
    s["dotdot.zip"] = stored_zip([(b"[Content_Types].xml", b"<Types/>"),
                                  (b"../../etc/evil.xml", b"<x/>")])
    s["dotdot-middle.zip"] = stored_zip([(b"word/../../x.xml", b"<x/>")])
    s["absolute.zip"] = stored_zip([(b"/etc/passwd", b"root")])
    s["backslash.zip"] = stored_zip([(b"word\\document.xml", b"<x/>")])
    s["nul-name.zip"] = stored_zip([(b"word/doc\0ument.xml", b"<x/>")])
    s["bad-utf8-name.zip"] = stored_zip([(b"word/\xc3\x28.xml", b"<x/>")])
    s["case-twins.zip"] = stored_zip([(b"word/document.xml", b"<a/>"),
                                      (b"WORD/Document.xml", b"<b/>")])
    s["encrypted.zip"] = stored_zip([(b"word/document.xml", b"<a/>")],
                                    flags=1)
    s["bad-crc.zip"] = stored_zip([(b"word/document.xml", b"<a/>")],
                                  crc_fix=0x12345678)
    # 4 MiB of zeros in about 4 KiB: past 64 KiB the ratio cap stops it.
    s["bomb.zip"] = zip_of([("[Content_Types].xml", b"\0" * (4 << 20))])
    # Relationships pointing out of the package, at nothing, and in a loop.
    s["rels-odd.parts"] = parts_of([
        ("[Content_Types].xml", content_types("word/document.xml", CT_DOC)),
        ("_rels/.rels", rels([("rId1", "officeDocument",
                               "/../../word/document.xml", False),
                              ("rId2", "officeDocument", "%2e%2e/x", False),
                              ("rId3", "hyperlink", "file:///etc/passwd",
                               True)])),
        ("word/_rels/document.xml.rels",
         rels([("rId1", "styles", "../word/./document.xml", False)])),
        ("word/document.xml", document(wp("x")))])
    return s


# ---------------------------------------------------------------------------
# XML.

def deep(n):
    return "<a>" * n + "</a>" * n


XML = {
    "simple.xml": '<?xml version="1.0"?><a b="c">text<d/>&amp;&#x1F600;</a>',
    "document.xml": document(DOCX_SIM),
    "doctype-entities.xml": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<lolz>&lol3;</lolz>'),
    "doctype-xxe.xml": (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
        '"file:///etc/passwd">]><r>&x;</r>'),
    "doctype-external.xml": (
        '<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>'),
    "doctype-after-comment.xml": ('<?xml version="1.0"?><!-- a -->'
                                  '<?pi x?><!DOCTYPE r><r/>'),
    "deep-255.xml": deep(255),
    "deep-300.xml": deep(300),
    "mixed.xml": ('<r xmlns:x="urn:x"><![CDATA[<not a tag>]]><!-- c -->'
                  '<?pi data?><x:e x:a="1" a="&lt;&quot;&#65;"/></r>'),
    "undefined-entity.xml": '<r>&nope;</r>',
    "bad-char-ref.xml": '<r>&#xD800;&#0;</r>',
    "unclosed.xml": '<r><a></r>',
    "two-roots.xml": '<r/><r/>',
    "latin1.xml": ('<?xml version="1.0" encoding="ISO-8859-1"?><r>'
                   'caf\xe9</r>').encode("latin-1"),
    "utf16.xml": ('\ufeff<?xml version="1.0" encoding="UTF-16"?><r>Số</r>'
                  .encode("utf-16-le")),
}


# ---------------------------------------------------------------------------
# Mail.

def nested_multipart(depth):
    head = ("From: a@example.invalid\r\nTo: HotroCKS@quangngai.dcs.vn\r\n"
            "Subject: nested\r\nMIME-Version: 1.0\r\n")
    body = "Content-Type: text/plain\r\n\r\ninnermost\r\n"
    for i in range(depth, 0, -1):
        body = ('Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n'
                "--b%d\r\n%s--b%d--\r\n" % (i, i, body, i))
    return (head + body).encode()


def nested_rfc822(depth, attach):
    inner = ("From: x@example.invalid\r\nSubject: innermost\r\n"
             "MIME-Version: 1.0\r\n" + attach)
    for i in range(depth):
        inner = ("From: f%d@example.invalid\r\nSubject: Fw: %d\r\n"
                 "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
                 'boundary="m%d"\r\n\r\n--m%d\r\nContent-Type: text/plain\r\n'
                 "\r\nsee attached\r\n--m%d\r\nContent-Type: message/rfc822"
                 "\r\n\r\n%s\r\n--m%d--\r\n" % (i, i, i, i, i, inner, i))
    return inner.encode()


def attachment_part(docx_b64):
    return ("Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\n"
            "Content-Type: application/octet-stream\r\n"
            "Content-Disposition: attachment;\r\n"
            " filename*0*=UTF-8''Danh%20s%C3%A1ch%20;\r\n"
            " filename*1=\"SIM.docx\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + docx_b64 +
            "\r\n--z--\r\n")


ODD_MAIL = {
    "encoded-names.eml": (
        "From: =?utf-8?B?VsSDbiBwaMOybmc=?= <VanPhong@Example.Invalid>\r\n"
        "Subject: =?windows-1258?Q?Danh_s=E1ch?=\r\nMIME-Version: 1.0\r\n"
        "Auto-Submitted: auto-replied\r\n"
        'Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\n'
        "Content-Type: text/html; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "<p>Danh s=C3=A1ch=\r\n</p><script>x</script>\r\n--q\r\n"
        'Content-Type: application/vnd.ms-excel; name="=?UTF-8?B?'
        'RFMueGxz?="\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        "0M8R4KGxGuE=\r\n--q\r\n"
        "Content-Type: application/pdf\r\n"
        'Content-Disposition: attachment; filename="t\xe0i li\xea\xf2u.pdf"'
        "\r\n\r\n%PDF-1.4\r\n--q--\r\n").encode("latin-1"),
    "broken-boundaries.eml": (
        "From: a@example.invalid\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n'
        "Content-Type: application/zip\r\nContent-Transfer-Encoding: "
        "base64\r\nContent-Disposition: attachment; filename=a.zip\r\n\r\n"
        "UEsDBAo=!!not base64\r\n--x\r\nContent-Type: multipart/alternative;"
        ' boundary="x"\r\n\r\n--x\r\n').encode(),
    "bounce.eml": (
        "From: MAILER-DAEMON@example.invalid\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; "
        'boundary="r"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\n'
        "failed\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Status: 5.1.1\r\n--r--\r\n").encode(),
}


def mail_seeds(sample_dir, docx_b64):
    s = {}
    for name in ("01-outlook-docx-sontinh.eml", "03-zimbra-xlsx-binhson.eml",
                 "09-postfix-bounce.eml",
                 "11-outlook-forward-attached-message.eml"):
        with open(os.path.join(sample_dir, name), "rb") as f:
            s[name] = trim_html(f.read())
    s["nested-multipart-40.eml"] = nested_multipart(40)
    s["nested-rfc822-6.eml"] = nested_rfc822(6, attachment_part(docx_b64))
    s.update(ODD_MAIL)
    return s


def trim_html(raw):
    """The sample without its text/html alternatives, which only make the
    seed longer: the fuzzer learns HTML from encoded-names.eml."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in msg.walk():
        if not part.is_multipart():
            continue
        keep = [p for p in part.get_payload()
                if p.get_content_type() != "text/html"]
        if keep:
            part.set_payload(keep)
    out = io.BytesIO()
    email.generator.BytesGenerator(out, mangle_from_=False,
                                   maxheaderlen=0).flatten(msg, linesep="\r\n")
    return out.getvalue()


def attachments(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    return [(p.get_filename(), p.get_payload(decode=True))
            for p in msg.walk() if p.get_filename()]


# ---------------------------------------------------------------------------

def write(outdir, name, seeds):
    d = os.path.join(outdir, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for fname, data in sorted(seeds.items()):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE,
                                                                  "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable,
                        os.path.join(ROOT, "samples", "make-samples.py"), tmp],
                       check=True, stdout=subprocess.DEVNULL)
        real_docx = attachments(os.path.join(
            tmp, "01-outlook-docx-sontinh.eml"))[0][1]
        real_docx2 = attachments(os.path.join(
            tmp, "05-zimbra-docx-row-errors.eml"))[0][1]
        real_xlsx = attachments(os.path.join(
            tmp, "03-zimbra-xlsx-binhson.eml"))[0][1]
        real_xlsx2 = attachments(os.path.join(
            tmp, "06-outlook-xlsx-row-errors.eml"))[0][1]
        docx_sim = zip_of(docx_parts(DOCX_SIM))
        strings, sim = sim_sheet()
        xlsx_sim = zip_of(xlsx_parts([("DS", "", sim)], strings))
        enc = base64.b64encode(docx_sim).decode()
        b64 = "\r\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))

        write(outdir, "zip", zip_seeds(zip_of(docx_parts(wp("x"))),
                                       xlsx_sim))
        write(outdir, "xml", XML)
        write(outdir, "docx", {
            "sample-01.docx": real_docx,
            "sample-05.docx": real_docx2,
            "sample-01-document.parts": parts_of(
                [p for p in unzip(real_docx)
                 if p[0] in ("[Content_Types].xml", "_rels/.rels",
                             "word/document.xml")]),
            "sim.docx": docx_sim,
            "sim.parts": parts_of(docx_parts(DOCX_SIM)),
            "tricks.parts": parts_of(docx_parts(DOCX_TRICKS)),
            "no-body.parts": parts_of(docx_parts("")[:2] + [
                ("word/document.xml", DECL + '<w:document xmlns:w="%s"/>'
                 % NS_W)]),
        })
        write(outdir, "xlsx", {
            "sample-03.xlsx": real_xlsx,
            "sample-06.xlsx": real_xlsx2,
            "sim.xlsx": xlsx_sim,
            "sim.parts": parts_of(xlsx_parts([("DS", "", sim)], strings)),
            "sheets.parts": parts_of(xlsx_parts(
                [("DS", "", sim), ("Ẩn", ' state="hidden"', sim)], strings,
                '<workbookPr date1904="1"/>')),
            # The last cell Excel has: the area is past max_cells.
            "far-cell.parts": parts_of(xlsx_parts(
                [("DS", "", sheet([['<c r="A1"><v>1</v></c>',
                                    '<c r="XFD1048576"><v>2</v></c>']]))],
                strings)),
            "sst-out-of-range.parts": parts_of(xlsx_parts(
                [("DS", "", sheet([['<c r="A1" t="s"><v>99</v></c>']]))],
                strings)),
        })
        write(outdir, "mime", mail_seeds(tmp, b64))
    return 0


if __name__ == "__main__":
    sys.exit(main())
