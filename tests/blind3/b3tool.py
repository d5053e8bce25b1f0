#!/usr/bin/env python3
"""Helpers for make-set.sh (python3 stdlib only): writes minimal DOCX/XLSX
packages and derives attack variants from signed ones.

    b3tool.py docx OUT [TEXT]          a minimal Word package
    b3tool.py xlsx OUT [TEXT]          a minimal Excel package
    b3tool.py VARIANT IN OUT [ARGS]    see the VARIANTS table at the end
"""
import base64
import hashlib
import re
import sys
import zipfile

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
ODR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DS = "http://www.w3.org/2000/09/xmldsig#"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def core(title):
    return (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>' + title + '</dc:title><dc:creator>Blind Test Unit</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:created>'
            '</cp:coreProperties>')


def app(name):
    return (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>' + name + '</Application></Properties>')


def root_rels(main):
    return (DECL + '<Relationships xmlns="' + PR + '">'
            '<Relationship Id="rId1" Type="' + ODR + '/officeDocument" Target="' + main + '"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="' + ODR + '/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')


def write_zip(out, entries):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if isinstance(data, str):
                data = data.encode("utf-8")
            z.writestr(name, data)


def docx(out, text="Danh sách đề nghị kích hoạt SIM ký số — Blind test"):
    ct = (DECL + '<Types xmlns="' + CT + '">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    doc = (DECL + '<w:document xmlns:w="' + W + '"><w:body>'
           '<w:p><w:r><w:t>' + text + '</w:t></w:r></w:p>'
           '<w:p><w:r><w:t>Số tiền: 1000000 đồng</w:t></w:r></w:p>'
           '<w:sectPr/></w:body></w:document>')
    styles = (DECL + '<w:styles xmlns:w="' + W + '"><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
              '<w:name w:val="Normal"/></w:style></w:styles>')
    drels = (DECL + '<Relationships xmlns="' + PR + '">'
             '<Relationship Id="rId1" Type="' + ODR + '/styles" Target="styles.xml"/></Relationships>')
    write_zip(out, [("[Content_Types].xml", ct), ("_rels/.rels", root_rels("word/document.xml")),
                    ("word/document.xml", doc), ("word/_rels/document.xml.rels", drels),
                    ("word/styles.xml", styles), ("docProps/core.xml", core("Blind test document")),
                    ("docProps/app.xml", app("Microsoft Office Word"))])


def xlsx(out, text="Danh sách kích hoạt SIM — Blind test"):
    ct = (DECL + '<Types xmlns="' + CT + '">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
          '</Types>')
    wb = (DECL + '<workbook xmlns="' + S + '" xmlns:r="' + ODR + '"><sheets>'
          '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wrels = (DECL + '<Relationships xmlns="' + PR + '">'
             '<Relationship Id="rId1" Type="' + ODR + '/worksheet" Target="worksheets/sheet1.xml"/>'
             '<Relationship Id="rId2" Type="' + ODR + '/styles" Target="styles.xml"/>'
             '<Relationship Id="rId3" Type="' + ODR + '/sharedStrings" Target="sharedStrings.xml"/>'
             '</Relationships>')
    sheet = (DECL + '<worksheet xmlns="' + S + '"><sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>0982345678</t></is></c></row>'
             '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>0912345678</t></is></c></row>'
             '</sheetData></worksheet>')
    styles = (DECL + '<styleSheet xmlns="' + S + '"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="1"><xf/></cellXfs></styleSheet>')
    sst = (DECL + '<sst xmlns="' + S + '" count="2" uniqueCount="2"><si><t>' + text + '</t></si>'
           '<si><t>Số điện thoại</t></si></sst>')
    write_zip(out, [("[Content_Types].xml", ct), ("_rels/.rels", root_rels("xl/workbook.xml")),
                    ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wrels),
                    ("xl/worksheets/sheet1.xml", sheet), ("xl/styles.xml", styles),
                    ("xl/sharedStrings.xml", sst), ("docProps/core.xml", core("Blind test workbook")),
                    ("docProps/app.xml", app("Microsoft Excel"))])



# ------------------------------------------------------------ zip helpers
def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [[i.filename, z.read(i)] for i in z.infolist()]


def get(entries, name):
    for n, d in entries:
        if n == name:
            return d
    raise KeyError(name)


def put(entries, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    for e in entries:
        if e[0] == name:
            e[1] = data
            return
    entries.append([name, data])


def drop(entries, name):
    entries[:] = [e for e in entries if e[0] != name]


def write_entries(out, entries):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # duplicate names are wanted in one variant
        write_zip(out, entries)


def sub1(data, old, new, part="?"):
    """Replace exactly one occurrence (bytes or str)."""
    if isinstance(data, bytes):
        old, new = old.encode("utf-8"), new.encode("utf-8")
    if data.count(old) < 1:
        sys.exit("b3tool: %r not found in %s" % (old, part))
    return data.replace(old, new, 1)


def edit(entries, name, old, new):
    put(entries, name, sub1(get(entries, name), old, new, name))


def add_override(entries, partname, ctype):
    edit(entries, "[Content_Types].xml", "</Types>",
         '<Override PartName="%s" ContentType="%s"/></Types>' % (partname, ctype))


def add_rel(entries, relspart, rid, rtype, target, first=False):
    rel = '<Relationship Id="%s" Type="%s" Target="%s"/>' % (rid, rtype, target)
    data = get(entries, relspart).decode("utf-8")
    if first:
        data = re.sub(r"(<Relationships[^>]*>)", lambda m: m.group(1) + rel, data, count=1)
    else:
        data = data.replace("</Relationships>", rel + "</Relationships>")
    put(entries, relspart, data)


SIG = "_xmlsignatures/sig1.xml"
HASHES = {"http://www.w3.org/2001/04/xmlenc#sha256": "sha256", "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
          "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384", "http://www.w3.org/2001/04/xmlenc#sha512": "sha512"}


# ------------------------------------------------------------ variants
def v_tamper(inp, out, part, old, new):
    """a few bytes changed inside a signed part"""
    e = read_zip(inp); edit(e, part, old, new); write_entries(out, e)


def v_comment(inp, out, part):
    """an XML comment inserted in a signed part (no transform: raw bytes are signed)"""
    e = read_zip(inp); d = get(e, part).decode("utf-8")
    i = d.index("?>") + 2
    put(e, part, d[:i] + "<!-- blind3 -->" + d[i:]); write_entries(out, e)


def v_add_part(inp, out):
    """DOCX: a new comments part, its content type and a new relationship in the signed document rels"""
    e = read_zip(inp)
    put(e, "word/comments.xml", DECL + '<w:comments xmlns:w="' + W + '"><w:comment w:id="0" w:author="Mallory">'
        '<w:p><w:r><w:t>Approved: pay 9000000</w:t></w:r></w:p></w:comment></w:comments>')
    add_override(e, "/word/comments.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml")
    add_rel(e, "word/_rels/document.xml.rels", "rId90", ODR + "/comments", "comments.xml")
    write_entries(out, e)


def v_root_hijack(inp, out):
    """a second officeDocument relationship, listed first in the package rels, to a new main part"""
    e = read_zip(inp)
    doc = get(e, "word/document.xml").decode("utf-8").replace("1000000", "9000000")
    put(e, "word/evil.xml", doc)
    add_override(e, "/word/evil.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    add_rel(e, "_rels/.rels", "rId0", ODR + "/officeDocument", "word/evil.xml", first=True)
    write_entries(out, e)


def v_extra_sheet(inp, out, listed="no"):
    """XLSX: a second sheet, content type and workbook relationship (and, if listed, in workbook.xml)"""
    e = read_zip(inp)
    put(e, "xl/worksheets/sheet2.xml", DECL + '<worksheet xmlns="' + S + '"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>0999999999</t></is></c></row></sheetData></worksheet>')
    add_override(e, "/xl/worksheets/sheet2.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
    add_rel(e, "xl/_rels/workbook.xml.rels", "rId9", ODR + "/worksheet", "worksheets/sheet2.xml")
    if listed == "yes":
        edit(e, "xl/workbook.xml", "</sheets>", '<sheet name="Sheet2" sheetId="2" r:id="rId9"/></sheets>')
    write_entries(out, e)


def v_core(inp, out):
    """docProps/core.xml changed: Office (and POI) never sign the core properties"""
    e = read_zip(inp)
    d = get(e, "docProps/core.xml").decode("utf-8")
    d = re.sub(r"<dc:title>[^<]*</dc:title>", "<dc:title>Retitled after signing</dc:title>", d)
    put(e, "docProps/core.xml", d); write_entries(out, e)


def v_sigvalue_swap(inp, donor, out):
    """SignatureValue replaced by the (valid) signature value of another signed file"""
    e = read_zip(inp)
    other = get(read_zip(donor), SIG).decode("utf-8")
    val = re.search(r"<SignatureValue[^>]*>([^<]*)</SignatureValue>", other).group(1)
    d = get(e, SIG).decode("utf-8")
    d2 = re.sub(r"(<SignatureValue[^>]*>)[^<]*(</SignatureValue>)", lambda m: m.group(1) + val + m.group(2), d, count=1)
    assert d2 != d
    put(e, SIG, d2); write_entries(out, e)


def forged_manifest(sig, entries, part):
    """the signature's Manifest with the digest of PART recomputed over its current bytes"""
    m = re.search(r"<Manifest>.*?</Manifest>", sig, re.S).group(0)
    ref = re.search(r'<Reference URI="/' + re.escape(part) + r'\?[^"]*">.*?</Reference>', m, re.S).group(0)
    alg = re.search(r'<DigestMethod Algorithm="([^"]+)"', ref).group(1)
    dv = base64.b64encode(hashlib.new(HASHES[alg], get(entries, part)).digest()).decode()
    ref2 = re.sub(r"<DigestValue>[^<]*</DigestValue>", "<DigestValue>" + dv + "</DigestValue>", ref)
    return m.replace(ref, ref2)


def v_manifest_wrap(inp, out, mode, part, old, new):
    """a signed part tampered, and a forged copy of the Manifest (with the new digest) put in a new Object:
    mode after (after every Object), before (before the signed package Object),
    dupid (before it, with the same Id="idPackageObject")"""
    e = read_zip(inp)
    edit(e, part, old, new)
    sig = get(e, SIG).decode("utf-8")
    fm = forged_manifest(sig, e, part)
    ns = ' xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature"'
    if mode == "after":
        sig = sub1(sig, "</Signature>", "<Object" + ns + ">" + fm + "</Object></Signature>")
    elif mode == "before":
        sig = sub1(sig, '<Object Id="idPackageObject"', "<Object" + ns + ">" + fm + '</Object><Object Id="idPackageObject"')
    elif mode == "dupid":
        sig = sub1(sig, '<Object Id="idPackageObject"', '<Object Id="idPackageObject"' + ns + ">" + fm +
                   '</Object><Object Id="idPackageObject"')
    else:
        sys.exit("mode?")
    put(e, SIG, sig); write_entries(out, e)


def v_transplant(inp, target, out):
    """the whole _xmlsignatures folder of signed INP copied into another (unsigned) document TARGET,
    with the origin relationship and signature content types it needs"""
    src = read_zip(inp)
    e = read_zip(target)
    for n, d in src:
        if n.startswith("_xmlsignatures/"):
            put(e, n, d)
    edit(e, "[Content_Types].xml", "</Types>",
         '<Default Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"/>'
         '<Override PartName="/_xmlsignatures/sig1.xml" ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"/></Types>')
    add_rel(e, "_rels/.rels", "rId9", "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin",
            "_xmlsignatures/origin.sigs")
    write_entries(out, e)


def v_drop_sig(inp, out):
    """the origin relationships point at a signature part that is not in the package"""
    e = read_zip(inp); drop(e, SIG); write_entries(out, e)


def v_sig_target_missing(inp, out):
    """origin.sigs.rels points at sig9.xml (absent); the real sig1.xml is left orphaned"""
    e = read_zip(inp); edit(e, "_xmlsignatures/_rels/origin.sigs.rels", 'Target="sig1.xml"', 'Target="sig9.xml"')
    write_entries(out, e)


def v_dup_entry(inp, out, order, part, old, new):
    """two zip entries with the same name: a tampered copy first (order=forged-first) or last"""
    e = read_zip(inp)
    orig = get(e, part)
    forged = sub1(orig, old, new, part)
    res = []
    for n, d in e:
        if n == part:
            res += [[n, forged], [n, d]] if order == "forged-first" else [[n, d], [n, forged]]
        else:
            res.append([n, d])
    write_entries(out, res)


def v_ctype(inp, out, partname, ctype):
    """the content type of a signed part changed in [Content_Types].xml (signed through ?ContentType=)"""
    e = read_zip(inp)
    d = get(e, "[Content_Types].xml").decode("utf-8")
    d2 = re.sub(r'(<Override[^>]*PartName="' + re.escape(partname) + r'"[^>]*/>)',
                lambda m: re.sub(r'ContentType="[^"]*"', 'ContentType="' + ctype + '"', m.group(1)), d)
    assert d2 != d
    put(e, "[Content_Types].xml", d2); write_entries(out, e)


def v_remove_part(inp, out, part):
    """a signed part removed from the package"""
    e = read_zip(inp); drop(e, part); write_entries(out, e)


def v_retarget(inp, out):
    """DOCX: the signed styles relationship retargeted to a new, unsigned styles part"""
    e = read_zip(inp)
    put(e, "word/styles2.xml", get(e, "word/styles.xml").decode("utf-8").replace("Normal", "Evil"))
    add_override(e, "/word/styles2.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")
    edit(e, "word/_rels/document.xml.rels", 'Target="styles.xml"', 'Target="styles2.xml"')
    write_entries(out, e)


def v_time_edit(inp, out, old, new):
    """the stated signing time edited (in the signed XAdES and package-object properties)"""
    e = read_zip(inp); d = get(e, SIG).decode("utf-8")
    assert old in d
    put(e, SIG, d.replace(old, new)); write_entries(out, e)


def keyinfo_certs(sig):
    return re.findall(r"<X509Certificate>[^<]*</X509Certificate>", re.search(r"<KeyInfo>.*?</KeyInfo>", sig, re.S).group(0))


def v_keyinfo(inp, donor, out, mode):
    """KeyInfo certificates of INP replaced by (mode=swap) or preceded by (mode=prepend) those of DONOR"""
    e = read_zip(inp); d = get(e, SIG).decode("utf-8")
    mine = keyinfo_certs(d)
    theirs = keyinfo_certs(get(read_zip(donor), SIG).decode("utf-8"))
    certs = theirs if mode == "swap" else theirs + mine
    d2 = re.sub(r"<KeyInfo>.*?</KeyInfo>", lambda m: "<KeyInfo><X509Data>" + "".join(certs) + "</X509Data></KeyInfo>", d, count=1, flags=re.S)
    put(e, SIG, d2); write_entries(out, e)


def v_cosign(inp, donor, out):
    """a second signature: DONOR (the same document, signed by someone else) contributes its
    sig1.xml as sig2.xml, with its origin relationship and content type"""
    e = read_zip(inp)
    put(e, "_xmlsignatures/sig2.xml", get(read_zip(donor), SIG))
    edit(e, "[Content_Types].xml", "</Types>",
         '<Override PartName="/_xmlsignatures/sig2.xml" ContentType="application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"/></Types>')
    add_rel(e, "_xmlsignatures/_rels/origin.sigs.rels", "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature", "sig2.xml")
    write_entries(out, e)


def v_case_dup(inp, out, part, old, new):
    """a second zip entry whose name differs from a signed part's only in case (OPC M1.12: equivalent
    part names), holding a tampered copy"""
    e = read_zip(inp)
    forged = sub1(get(e, part), old, new, part)
    res = []
    for n, d in e:
        if n == part:
            res.append([n.upper(), forged])
        res.append([n, d])
    write_entries(out, res)


def v_entity_bomb(inp, out):
    """the signature part gets a DOCTYPE with nested entities (a 'billion laughs'), used in its text"""
    e = read_zip(inp); d = get(e, SIG).decode("utf-8")
    ents = '<!ENTITY l0 "lol">' + "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    d = re.sub(r"^<\?xml[^>]*\?>\s*", "", d)
    d = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Signature [' + ents + ']>' + d
    d = sub1(d, "<SignatureComments>", "<SignatureComments>&l9;")
    put(e, SIG, d); write_entries(out, e)


def v_b64_lines(inp, out):
    """SignatureValue and X509Certificate base64 folded at 64 columns (legal: base64 allows white space,
    and neither element is in SignedInfo): still a valid signature"""
    e = read_zip(inp); d = get(e, SIG).decode("utf-8")

    def fold(m):
        b = m.group(2)
        return m.group(1) + "\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + "\n" + m.group(3)
    d2 = re.sub(r"(<SignatureValue[^>]*>)([^<]+)(</SignatureValue>)", fold, d)
    d2 = re.sub(r"(<X509Certificate>)([^<]+)(</X509Certificate>)", fold, d2)
    assert d2 != d
    put(e, SIG, d2); write_entries(out, e)


def v_stored(inp, out):
    """the same package rewritten with stored (uncompressed) zip entries: still valid"""
    e = read_zip(inp)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for n, d in e:
            z.writestr(n, d)


def v_empty_origin(inp, out):
    """an origin part and its relationship, but no signature at all"""
    e = read_zip(inp)
    put(e, "_xmlsignatures/origin.sigs", b"")
    edit(e, "[Content_Types].xml", "</Types>",
         '<Default Extension="sigs" ContentType="application/vnd.openxmlformats-package.digital-signature-origin"/></Types>')
    add_rel(e, "_rels/.rels", "rId9", "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin",
            "_xmlsignatures/origin.sigs")
    write_entries(out, e)


VARIANTS = {
    "tamper": v_tamper, "comment": v_comment, "add-part": v_add_part, "root-hijack": v_root_hijack,
    "extra-sheet": v_extra_sheet, "core": v_core, "sigvalue-swap": v_sigvalue_swap,
    "manifest-wrap": v_manifest_wrap, "transplant": v_transplant, "drop-sig": v_drop_sig,
    "sig-target-missing": v_sig_target_missing, "dup-entry": v_dup_entry, "ctype": v_ctype,
    "remove-part": v_remove_part, "retarget": v_retarget, "time-edit": v_time_edit,
    "keyinfo": v_keyinfo, "cosign": v_cosign, "case-dup": v_case_dup, "entity-bomb": v_entity_bomb,
    "b64-lines": v_b64_lines, "stored": v_stored, "empty-origin": v_empty_origin,
}

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "docx":
        docx(*sys.argv[2:])
    elif cmd == "xlsx":
        xlsx(*sys.argv[2:])
    elif cmd in VARIANTS:
        VARIANTS[cmd](*sys.argv[2:])
    else:
        sys.exit("b3tool: unknown command " + cmd)
