#!/usr/bin/python3
"""make-blind8.py OUTDIR -- blind set 8: forged, tampered and mis-signed
submissions.  Writes OUTDIR/pki (a root, an intermediate, unit leaves, CRLs),
OUTDIR/prod.conf, OUTDIR/units.csv, OUTDIR/NN-name.eml (+ loose files for
`verify`) and OUTDIR/cases.json (the expectations, each with its reason).

Needs the hotrocks binary for `hotrocks sign` (OOXML and the PDFs signed the
way units sign): $HOTROCKS, else build/hotrocks of this tree."""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import b8docs as D  # noqa: E402
import b8mime as M  # noqa: E402
import b8pki  # noqa: E402
import b8sign as S  # noqa: E402

HOT = os.environ.get("HOTROCKS") or os.path.join(HERE, "..", "..", "build", "hotrocks")
AT = "2024-05-06T02:00:00Z"  # signing time: two days before the mail's Date

# ---- the CONTRACT sentences the expectations follow from --------------------
C_VALID = ("CONTRACT signature.status: valid (every part covered, digests and signature "
           "check out, the chain reaches a configured trust anchor, the certificate was "
           "valid at signing time and is not revoked)")
C_INVALID = "CONTRACT: invalid (a digest or the signature value does not check out)"
C_PARTIAL = ("CONTRACT: partial (signature is sound but does not cover every part of the "
             "package)")
C_UNTRUSTED = "CONTRACT: untrusted (chain does not reach a trust anchor)"
C_KU = "CONTRACT: A certificate whose key usage forbids signing is untrusted."
C_WEAKEST = ("CONTRACT: the document's signature is their summary: ... the weakest status "
             "of them all, in this order from weakest: invalid, revoked, untrusted, ...")
C_ERR = ("CONTRACT: Errors make the action reject (or redirect/manual where the kind says "
         "so); hotrocks.conf(5) require_signature: an unsigned document, or one whose "
         "signature is untrusted, expired or in a form not verified, is rejected; a "
         "signature that does not check out, covers only part of the package or is "
         "revoked is an error either way")
C_COVER = ("CONTRACT: a valid signature on a cover_letter whose signer belongs to the "
           "sending unit stands for the unsigned soft files of the same message, so they "
           "get no signature_missing; a cover letter whose signature is invalid, revoked "
           "or partial is an error whatever the config")
C_MISMATCH = "CONTRACT: signer_mismatch (signer's organisation is not the submitting unit)"
C_UNREAD = ("CONTRACT: A document that could not be read at all (document_unreadable: ... "
            "a truncated package) makes the message manual, not reject")
C_KEEP = ("brief/CONTRACT action table: a request is never lost: ignore is only for "
          "auto-replies, bounces, our own mail, a message already processed")
C_PUBLIC = "CONTRACT: sender_public_domain; Errors make the action reject"

NOT_VALID = ["invalid", "revoked", "untrusted", "expired", "partial", "unsupported",
             "unsigned"]


def hsign(data, ext, who, pkcs7=False, at=AT, pki=None):
    with tempfile.TemporaryDirectory() as td:
        i, o = os.path.join(td, "in." + ext), os.path.join(td, "out." + ext)
        with open(i, "wb") as f:
            f.write(data)
        cmd = [HOT, "sign", "--key", os.path.join(pki, who + ".key.pem"),
               "--cert", os.path.join(pki, who + ".cert.pem"),
               "--chain", os.path.join(pki, who + ".chain.pem"), "--at", at]
        if pkcs7:
            cmd.append("--pkcs7")
        r = subprocess.run(cmd + [i, o], capture_output=True, timeout=60)
        if r.returncode != 0:
            raise SystemExit("hotrocks sign failed (%s): %s" % (who, r.stderr.decode()))
        with open(o, "rb") as f:
            return f.read()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-blind8.py OUTDIR")
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    pki, ents = b8pki.build(out)
    chain = [ents["int"].cert]
    with open(os.path.join(out, "prod.conf"), "w") as f:
        f.write("""# blind8: a production-like configuration (hotrocks.conf(5) EXAMPLES)
[rules]
require_signature = true
cover_letter_signs_attachments = true

[signatures]
trust_anchors = %s/anchors.pem
intermediates = %s/intermediates.pem
crl_dir = %s/crl
""" % (pki, pki, pki))
    with open(os.path.join(out, "units.csv"), "w") as f:
        f.write("name,addresses,cert_org\n"
                "Huyện ủy Sơn Tịnh,@sontinh.dcs.vn,HUYỆN ỦY SƠN TỊNH\n"
                "Huyện ủy Tư Nghĩa,@tunghia.dcs.vn,HUYỆN ỦY TƯ NGHĨA\n")

    def sign(data, ext, who, **kw):
        return hsign(data, ext, who, pki=pki, **kw)

    cases = []

    def case(name, parts, frm=M.SONTINH, subject="Đề nghị kích hoạt SIM ký số", expect=None,
             verify=None, why="", body=None, raw=None):
        n = len(cases) + 1
        fn = "%02d-%s.eml" % (n, name)
        if raw is None:
            kw = {} if body is None else {"body": body}
            raw = M.message("b8-%02d" % n, frm, subject, parts, **kw)
        with open(os.path.join(out, fn), "wb") as f:
            f.write(raw)
        vfiles = {}
        for vname, (vdata, vexp) in (verify or {}).items():
            p = "%02d-%s" % (n, vname)
            with open(os.path.join(out, p), "wb") as f:
                f.write(vdata)
            vfiles[p] = vexp
        cases.append(dict(name="%02d-%s" % (n, name), eml=fn, expect=expect or {},
                          verify=vfiles, why=why))

    A = M.attachment
    L = D.sim_xlsx("sontinh")
    LT = D.sim_xlsx("tunghia")
    LDOC = D.sim_docx("sontinh")
    LS = sign(L, "xlsx", "sontinh")
    LDOCS = sign(LDOC, "docx", "sontinh")

    # text a forger wants the signed letter's font to carry already
    replace_lines = D.cover_lines("sontinh", n=5)
    replace_lines[7] = "Huyện ủy Sơn Tịnh gửi kèm danh sách 5 đồng chí đề nghị kích hoạt SIM ký số"
    hidden = ["Huyện ủy Sơn Tịnh gửi kèm danh sách 5 đồng chí đề nghị kích hoạt SIM ký số",
              "DANH SÁCH BỔ SUNG: 0987654321 8984040000999999999 Lê Văn Giả Bí thư",
              "0123456789"]

    def cover(unit="sontinh"):
        p = D.cover_pdf(unit)
        return D.finish_cover(p, extra_text=hidden + replace_lines), p.font

    CV, FONT = cover()
    CVS = sign(CV, "pdf", "sontinh")
    CVS7 = sign(CV, "pdf", "sontinh", pkcs7=True)

    LIST = A("DanhSach_SIM_HuyenUySonTinh.xlsx", L)
    COVERNAME = "CV215-HU_de-nghi-kich-hoat-SIM.pdf"

    def cv_msg(pdf):
        return [A(COVERNAME, pdf), LIST]

    def pdf_attack_expect(status=None):
        return {"action_not": ["queue", "ignore"],
                "docs": {COVERNAME: {"status": status or NOT_VALID}}}

    # ================= A. controls (the set itself works) =====================
    case("ctl-signed-xlsx-list", [A("DanhSach_SIM.xlsx", LS)],
         expect={"action": ["queue"], "docs": {"DanhSach_SIM.xlsx": {"status": ["valid"],
                 "errors_not": ["signature_missing", "signature_invalid", "signer_mismatch"]}}},
         verify={"list.xlsx": (LS, ["valid"])},
         why="control: a list signed by its own unit's valid leaf. " + C_VALID)
    case("ctl-cover-letter-and-unsigned-list", cv_msg(CVS),
         expect={"action": ["queue"],
                 "docs": {COVERNAME: {"status": ["valid"]},
                          "DanhSach_SIM_HuyenUySonTinh.xlsx": {
                              "status": ["unsigned"], "errors_not": ["signature_missing"]}}},
         verify={"cv.pdf": (CVS, ["valid"]), "cv7.pdf": (CVS7, ["valid"])},
         why="control, and 'does the unsigned list count as signed?': " + C_COVER +
             "; the list's own status stays unsigned (CONTRACT: unsigned only when there is none)")
    own = S.sign_pdf(CV, ents["sontinh"], chain)
    own_attr = S.sign_pdf(CV, ents["sontinh"], chain, attrs=True)
    case("ctl-own-signer-pdf", cv_msg(own),
         expect={"action": ["queue"], "docs": {COVERNAME: {"status": ["valid"]}}},
         verify={"own.pdf": (own, ["valid"]), "own-attrs.pdf": (own_attr, ["valid"])},
         why="control of this set's own PDF signer (pdfsig: Signature is Valid). " + C_VALID)

    # ================= B. PDF ================================================
    def upd(pdf, objs):
        return D.incremental(pdf, objs)

    nxt = D.max_objnum(CVS) + 1
    new_text = D.text_stream(FONT, replace_lines)
    shadow_replace = upd(CVS, {4: D.stream_obj(new_text)})
    case("pdf-shadow-replace", cv_msg(shadow_replace), expect=pdf_attack_expect(),
         verify={"shadow-replace.pdf": (shadow_replace, NOT_VALID)},
         why="incremental update after the signature redefines the page content: the "
             "appended bytes are not covered. " + C_PARTIAL + "; " + C_COVER)

    page3 = S.last_obj(CVS, 3)

    def page_with(contents_ref, extra=b""):
        pg = re.sub(rb"/Contents (\d+ 0 R|\[[^\]]*\])", b"/Contents " + contents_ref, page3)
        if extra:
            pg = pg.rstrip()[:-2] + extra + b" >>"
        return pg

    hide = b"q 1 1 1 rg 50 640 520 30 re f Q"
    shadow_hide = upd(CVS, {nxt: D.stream_obj(hide), 3: page_with(b"[4 0 R %d 0 R]" % nxt)})
    case("pdf-shadow-hide", cv_msg(shadow_hide), expect=pdf_attack_expect(),
         verify={"shadow-hide.pdf": (shadow_hide, NOT_VALID)},
         why="incremental update adds a white box over the line naming the list. " + C_PARTIAL)

    hr = hide + b"\n" + D.text_stream(FONT, [hidden[0]], y=654)
    shadow_hr = upd(CVS, {nxt: D.stream_obj(hr), 3: page_with(b"[4 0 R %d 0 R]" % nxt)})
    case("pdf-shadow-hide-and-replace", cv_msg(shadow_hr), expect=pdf_attack_expect(),
         verify={"shadow-hide-replace.pdf": (shadow_hr, NOT_VALID)},
         why="white box plus new text (5 people instead of 3) after signing. " + C_PARTIAL)

    pages = S.last_obj(CVS, 2)
    newpage = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
               b"<< /F1 5 0 R >> >> /Contents %d 0 R >>" % (nxt + 1))
    added_page = upd(CVS, {2: b"<< /Type /Pages /Kids [3 0 R %d 0 R] /Count 2 >>" % nxt,
                           nxt: newpage,
                           nxt + 1: D.stream_obj(D.text_stream(FONT, hidden[1:2]))})
    assert pages
    case("pdf-page-added-after-signing", cv_msg(added_page), expect=pdf_attack_expect(),
         verify={"page-added.pdf": (added_page, NOT_VALID)},
         why="a second page added by an incremental update after the signature. " + C_PARTIAL)

    ap = D.text_stream(FONT, hidden[1:2], x=2, y=6, size=10)
    annot = (b"<< /Type /Annot /Subtype /FreeText /Rect [50 100 560 130] /F 4 "
             b"/Contents (bo sung) /DA (/F1 10 Tf 0 g) /AP << /N %d 0 R >> >>" % (nxt + 1))
    apx = D.stream_obj(ap, " /Type /XObject /Subtype /Form /BBox [0 0 510 30] "
                           "/Resources << /Font << /F1 5 0 R >> >>")
    pg = re.sub(rb"/Annots \[([^\]]*)\]", lambda m: b"/Annots [" + m.group(1) + b" %d 0 R]" % nxt,
                page3)
    added_annot = upd(CVS, {nxt: annot, nxt + 1: apx, 3: pg})
    case("pdf-annotation-added-after-signing", cv_msg(added_annot), expect=pdf_attack_expect(),
         verify={"annot-added.pdf": (added_annot, NOT_VALID)},
         why="a FreeText annotation with visible text added after signing. " + C_PARTIAL)

    e = ents["sontinh"]
    br_tail = S.sign_pdf(CV, e, chain, ranges=lambda a, b, n, buf: [0, a, b, n - b - 120])
    case("pdf-byterange-tail-uncovered", cv_msg(br_tail), expect=pdf_attack_expect(),
         verify={"br-tail.pdf": (br_tail, NOT_VALID)},
         why="ByteRange stops 120 bytes before the end of the file. " + C_PARTIAL)

    br_head = S.sign_pdf(CV, e, chain, ranges=lambda a, b, n, buf: [64, a - 64, b, n - b])
    case("pdf-byterange-head-uncovered", cv_msg(br_head), expect=pdf_attack_expect(),
         verify={"br-head.pdf": (br_head, NOT_VALID)},
         why="ByteRange starts at byte 64: the header and first object are not covered. "
             + C_PARTIAL)

    # a gap: the hole spans /Contents and a content stream written after it,
    # which is changed once signed
    def gap_ranges(a, b, n, buf):
        k = buf.find(b"endobj", buf.find(b"%d 0 obj" % 99, 0))
        return [0, a, k, n - k]

    n0 = D.max_objnum(CV)
    gap_stream = D.text_stream(FONT, replace_lines[:8])
    gap_page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                b"<< /F1 5 0 R >> >> /Contents 99 0 R /Annots [%d 0 R] >>" % (n0 + 2))
    good_line = FONT.enc(D.cover_lines("sontinh")[7]).encode()
    bad_line = FONT.enc(hidden[0]).encode()

    def gap_after(buf, info):
        i = buf.rfind(good_line)
        if i < 0 or len(good_line) != len(bad_line):
            # same length is needed; fall back to changing one glyph
            j = buf.rfind(b"99 0 obj")
            k = buf.find(b"<", buf.find(b"stream", j)) + 1
            buf[k:k + 4] = b"0001" if bytes(buf[k:k + 4]) != b"0001" else b"0002"
        else:
            buf[i:i + len(good_line)] = bad_line
        return buf

    gap = S.sign_pdf(CV, e, chain, ranges=gap_ranges, after=gap_after,
                     extra_objs={99: D.stream_obj(gap_stream), 3: gap_page})
    case("pdf-byterange-gap-content-changed", cv_msg(gap), expect=pdf_attack_expect(),
         verify={"br-gap.pdf": (gap, NOT_VALID)},
         why="the ByteRange hole spans /Contents and the page's content stream, changed "
             "after signing. " + C_PARTIAL + "; " + C_INVALID)

    br_ovl = S.sign_pdf(CV, e, chain, ranges=lambda a, b, n, buf: [0, a, a - 400, n - a + 400])
    case("pdf-byterange-overlap", cv_msg(br_ovl), expect=pdf_attack_expect(),
         verify={"br-overlap.pdf": (br_ovl, NOT_VALID)},
         why="overlapping ByteRange ranges (the second spans the first's tail and /Contents). "
             + C_INVALID)

    not_cms = S.sign_pdf(CV, e, chain, contents=b"\x30\x82\x01\x00" + bytes(range(256)))
    case("pdf-contents-not-cms", cv_msg(not_cms), expect=pdf_attack_expect(),
         verify={"not-cms.pdf": (not_cms, NOT_VALID)},
         why="/Contents holds bytes that are no CMS. " + C_INVALID + "; " + C_ERR)

    empty_sig = S.sign_pdf(CV, e, chain, contents=b"")
    case("pdf-contents-empty", cv_msg(empty_sig), expect=pdf_attack_expect(),
         verify={"empty-sig.pdf": (empty_sig, NOT_VALID)},
         why="a signature field whose /Contents is all zeros. " + C_ERR)

    md_bad = S.sign_pdf(CV, e, chain, attrs=True, signed_data=lambda d: d + b"x")
    case("pdf-messagedigest-mismatch", cv_msg(md_bad), expect=pdf_attack_expect(["invalid"]),
         verify={"md-mismatch.pdf": (md_bad, ["invalid"])},
         why="signed attributes sound, their messageDigest is not the ByteRange's. " + C_INVALID)

    def flip_sigvalue(pdf):
        i = pdf.rfind(b"/Contents <")
        j = pdf.find(b">", i)
        hx = pdf[i + 11:j]
        der = bytes.fromhex(hx.decode())
        ln = 4 + int.from_bytes(der[2:4], "big")
        der = bytearray(der[:ln])
        der[ln - 20] ^= 0x01
        nh = der.hex().upper().encode()
        return pdf[:i + 11] + nh + hx[len(nh):] + pdf[j:]

    flipped = flip_sigvalue(CVS)
    case("pdf-signature-value-flipped", cv_msg(flipped), expect=pdf_attack_expect(["invalid"]),
         verify={"sigvalue.pdf": (flipped, ["invalid"])},
         why="one bit of the CMS signature value changed. " + C_INVALID)

    def change_covered(pdf):
        i = pdf.find(good_line)
        assert i > 0
        return pdf[:i] + bad_line + pdf[i + len(bad_line):] if len(good_line) == len(bad_line) \
            else pdf[:i + 1] + (b"0002" if pdf[i + 1:i + 5] != b"0002" else b"0003") + pdf[i + 5:]

    byte_changed = change_covered(CVS)
    case("pdf-signed-content-changed", cv_msg(byte_changed), expect=pdf_attack_expect(["invalid"]),
         verify={"content-changed.pdf": (byte_changed, ["invalid"])},
         why="a covered content stream edited in place after signing. " + C_INVALID)

    for who, st, why in [
            ("revoked", ["revoked"], "CONTRACT: revoked; " + C_COVER),
            ("expired", ["expired"], "leaf expired before the signing time. CONTRACT: expired; "
             "valid needs 'the certificate was valid at signing time'; " + C_ERR),
            ("notyet", ["expired", "untrusted", "invalid"], "leaf not yet valid at the signing "
             "time. " + C_VALID + "; " + C_ERR),
            ("selfsigned", ["untrusted"], "self-signed leaf with the unit's names. " + C_UNTRUSTED),
            ("impostor", ["untrusted", "invalid"], "leaf under an impostor root and "
             "intermediate with the same names, other keys. " + C_UNTRUSTED),
            ("encipher", ["untrusted"], "leaf whose key usage is keyEncipherment only. " + C_KU)]:
        pdf = sign(CV, "pdf", who)
        case("pdf-cover-%s-leaf" % who, cv_msg(pdf), expect=pdf_attack_expect(st),
             verify={"%s.pdf" % who: (pdf, st)}, why=why)

    other = sign(CV, "pdf", "tunghia")
    case("pdf-cover-signed-by-other-unit", cv_msg(other),
         expect={"action_not": ["queue", "ignore"],
                 "any_doc_error": {COVERNAME: ["signer_mismatch"],
                                   "DanhSach_SIM_HuyenUySonTinh.xlsx": ["signature_missing"]}},
         verify={"other-unit.pdf": (other, ["valid"])},
         why="Sơn Tịnh's letter signed by Tư Nghĩa's valid leaf. " + C_MISMATCH + "; " + C_COVER)

    two_bad = S.sign_pdf(CVS, e, chain, signed_data=lambda d: d + b"x", field="Signature2")
    case("pdf-two-signatures-second-broken", cv_msg(two_bad),
         expect=pdf_attack_expect(["invalid"]),
         verify={"two-bad.pdf": (two_bad, ["invalid"])},
         why="a valid first signature, a second whose digest does not match. " + C_WEAKEST)

    resigned = sign(change_covered(CVS), "pdf", "sontinh")
    case("pdf-tampered-then-resigned", cv_msg(resigned), expect=pdf_attack_expect(["invalid"]),
         verify={"resigned.pdf": (resigned, ["invalid"])},
         why="first signature broken by an edit, a second valid signature laid over the "
             "whole file. " + C_WEAKEST)

    case("pdf-unsigned-cover-unsigned-list", cv_msg(CV),
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM_HuyenUySonTinh.xlsx": {"status": ["unsigned"],
                                                               "errors": ["signature_missing"]}}},
         why="nothing signed; prod.conf require_signature = true. CONTRACT signature_missing; "
             + C_ERR)

    # signed list, forged cover letter
    case("pdf-signed-list-forged-cover", [A(COVERNAME, byte_changed), A("DanhSach_SIM.xlsx", LS)],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {COVERNAME: {"status": ["invalid"]},
                          "DanhSach_SIM.xlsx": {"status": ["valid"]}}},
         why="the list is validly signed, the cover letter beside it is forged. " + C_COVER)
    case("pdf-signed-list-revoked-cover", [A(COVERNAME, sign(CV, "pdf", "revoked")),
                                           A("DanhSach_SIM.xlsx", LS)],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {COVERNAME: {"status": ["revoked"]}}},
         why="the cover letter is signed by a revoked leaf. " + C_COVER)

    # ================= C. OOXML ===============================================
    def ss_edit(old, new):
        return lambda b: b.replace(old.encode(), new.encode(), 1)

    first_phone = D.ROWS["sontinh"][0][0]
    cell = S.zedit(LS, {"xl/worksheets/sheet1.xml": ss_edit(first_phone, "0987654321")})
    assert cell != LS
    cover_and = lambda x, nm="DanhSach_SIM.xlsx": [A(nm, x)]  # noqa: E731

    def ox_expect(st=None, name="DanhSach_SIM.xlsx"):
        return {"action_not": ["queue", "ignore"], "docs": {name: {"status": st or NOT_VALID}}}

    case("xlsx-cell-changed", cover_and(cell), expect=ox_expect(["invalid"]),
         verify={"cell.xlsx": (cell, ["invalid"])},
         why="one phone in the signed list changed afterwards. " + C_INVALID)

    sheet2 = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>4</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>0987654321</t></is></c></row></sheetData></worksheet>')

    def wire_sheet2(name):
        def ct(b):
            return b.replace(b"</Types>", b'<Override PartName="/xl/worksheets/sheet2.xml" '
                             b'ContentType="application/vnd.openxmlformats-officedocument.'
                             b'spreadsheetml.worksheet+xml"/></Types>')

        def wb(b):
            return b.replace(b"</sheets>", b'<sheet name="Bo sung" sheetId="9" r:id="rId99"/></sheets>')

        def rels(b):
            return b.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.'
                             b'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                             b'Target="worksheets/sheet2.xml"/></Relationships>')
        return {"[Content_Types].xml": ct, "xl/workbook.xml": wb, "xl/_rels/workbook.xml.rels": rels}

    wired = S.zedit(LS, wire_sheet2("x"), add=[("xl/worksheets/sheet2.xml", sheet2)])
    case("xlsx-sheet-added-after-signing", cover_and(wired), expect=ox_expect(["invalid", "partial"]),
         verify={"sheet-added.xlsx": (wired, ["invalid", "partial"])},
         why="a second sheet wired into the workbook after signing. " + C_INVALID + "; " + C_PARTIAL)

    loose = S.zedit(LS, add=[("xl/worksheets/sheet2.xml", sheet2)])
    case("xlsx-unreferenced-part-added", cover_and(loose), expect=ox_expect(["partial", "invalid"]),
         verify={"part-added.xlsx": (loose, ["partial", "invalid"])},
         why="a part added to the package after signing, nothing else touched. " + C_PARTIAL)

    def transplant(target, signed):
        sig = dict(S.zread(signed))
        keep = {n: b for n, b in sig.items() if n.startswith("_xmlsignatures/")}
        ents_ = [(n, b) for n, b in S.zread(target)]
        names = {n for n, _ in ents_}
        out_ = []
        for n, b in ents_:
            if n in ("_rels/.rels", "[Content_Types].xml") and n in sig:
                b = sig[n]
            out_.append((n, b))
        out_ += [(n, b) for n, b in keep.items() if n not in names]
        return S.zwrite(out_)

    four = list(D.ROWS["sontinh"]) + [("0987654321", D.iccid(700000009), "Lê Văn Giả",
                                       "Phó Bí thư Huyện ủy")]
    t1 = transplant(D.sim_xlsx("sontinh", rows=four), LS)
    case("xlsx-signature-transplanted-row-added", cover_and(t1), expect=ox_expect(["invalid"]),
         verify={"transplant.xlsx": (t1, ["invalid"])},
         why="the signature parts of the signed 3-row list copied into a 4-row list. " + C_INVALID)
    t2 = transplant(LT, LS)
    case("xlsx-signature-copied-to-other-unit-list", [A("DanhSach_SIM_TuNghia.xlsx", t2)],
         frm=M.TUNGHIA, expect=ox_expect(["invalid"], "DanhSach_SIM_TuNghia.xlsx"),
         verify={"copied-other.xlsx": (t2, ["invalid"])},
         why="Sơn Tịnh's signature parts copied into Tư Nghĩa's list. " + C_INVALID)
    t3 = transplant(LDOC, LS)
    case("docx-with-signature-from-xlsx", [A("DanhSach_SIM.docx", t3)],
         expect=ox_expect(["invalid", "partial"], "DanhSach_SIM.docx"),
         verify={"docx-xlsxsig.docx": (t3, ["invalid", "partial"])},
         why="an unsigned Word list carrying the signature parts of a signed Excel list. "
             + C_INVALID + "; " + C_PARTIAL)

    dcell = S.zedit(LDOCS, {"word/document.xml": ss_edit(first_phone, "0987654321")})
    assert dcell != LDOCS
    case("docx-cell-changed", [A("DanhSach_SIM.docx", dcell)],
         expect=ox_expect(["invalid"], "DanhSach_SIM.docx"),
         verify={"docx-cell.docx": (dcell, ["invalid"])},
         why="one phone in the signed Word list changed afterwards. " + C_INVALID)

    def drop_sig(x):
        return S.zedit(x, drop=[n for n, _ in S.zread(x) if n.startswith("_xmlsignatures/sig")])

    nosig = drop_sig(cell)
    case("xlsx-tampered-signature-part-removed", cover_and(nosig),
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM.xlsx": {"status": NOT_VALID}}},
         verify={"sig-removed.xlsx": (nosig, NOT_VALID)},
         why="tampered list whose signature part was removed (origin kept): at best unsigned. "
             + C_ERR)

    def ct_change(b):
        return b.replace(b"spreadsheetml.worksheet+xml", b"spreadsheetml.template.main+xml", 1)
    ctc = S.zedit(LS, {"[Content_Types].xml": ct_change})
    case("xlsx-content-type-changed", cover_and(ctc), expect=ox_expect(["invalid", "partial"]),
         verify={"ct-changed.xlsx": (ctc, ["invalid", "partial"])},
         why="[Content_Types].xml changes the sheet's content type after signing (OOXML "
             "references carry the ContentType). " + C_INVALID)

    # macro-enabled packages
    def to_macro(x, kind):
        if kind == "xlsm":
            main, part, rels = ("spreadsheetml.sheet.main+xml", "xl/vbaProject.bin",
                                "xl/_rels/workbook.xml.rels")
            newmain = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        else:
            main, part, rels = ("wordprocessingml.document.main+xml", "word/vbaProject.bin",
                                "word/_rels/document.xml.rels")
            newmain = "application/vnd.ms-word.document.macroEnabled.main+xml"

        def ct(b):
            b = re.sub(rb'application/vnd\.openxmlformats-officedocument\.' + re.escape(main.encode()),
                       newmain.encode(), b)
            return b.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/'
                             b'vnd.ms-office.vbaProject"/></Types>')

        def rl(b):
            return b.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas'
                             b'.microsoft.com/office/2006/relationships/vbaProject" '
                             b'Target="vbaProject.bin"/></Relationships>')
        return S.zedit(x, {"[Content_Types].xml": ct, rels: rl},
                       add=[(part, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)])

    XM = to_macro(L, "xlsm")
    XMS = sign(XM, "xlsx", "sontinh")
    swapped = S.zedit(XMS, {"xl/vbaProject.bin": lambda b: b[:8] + b"EVIL" + b[12:]})
    case("xlsm-macro-swapped-after-signing", [A("DanhSach_SIM.xlsm", swapped)],
         expect=ox_expect(NOT_VALID, "DanhSach_SIM.xlsm"),
         verify={"macro-swapped.xlsm": (swapped, ["invalid", "partial", "unsupported"])},
         why="signed .xlsm whose vbaProject.bin was replaced afterwards. " + C_INVALID)
    DMA = to_macro(LDOCS, "docm")
    case("docm-macro-added-after-signing", [A("DanhSach_SIM.docm", DMA)],
         expect=ox_expect(NOT_VALID, "DanhSach_SIM.docm"),
         verify={"macro-added.docm": (DMA, ["invalid", "partial", "unsupported"])},
         why="a signed Word list turned macro-enabled (vbaProject part, relationship, content "
             "type) after signing. " + C_INVALID + "; " + C_PARTIAL)

    for who, st, why in [
            ("revoked", ["revoked"], "CONTRACT: revoked; " + C_ERR),
            ("expired", ["expired"], "leaf expired before the signing time. CONTRACT: expired; "
             + C_ERR),
            ("selfsigned", ["untrusted"], "self-signed leaf. " + C_UNTRUSTED + "; " + C_ERR),
            ("encipher", ["untrusted"], C_KU + "; " + C_ERR),
            ("impostor", ["untrusted", "invalid"], "impostor root with the same names. "
             + C_UNTRUSTED)]:
        x = sign(L, "xlsx", who)
        case("xlsx-%s-leaf" % who, cover_and(x), expect=ox_expect(st),
             verify={"%s.xlsx" % who: (x, st)}, why=why)

    xo = sign(L, "xlsx", "tunghia")
    case("xlsx-signed-by-other-unit", cover_and(xo),
         expect={"action": ["reject"], "docs": {"DanhSach_SIM.xlsx": {
             "status": ["valid"], "errors": ["signer_mismatch"]}}},
         why="Sơn Tịnh's list, signed by Tư Nghĩa's valid leaf. " + C_MISMATCH + "; " + C_ERR)

    # a cover letter never launders a broken list signature
    case("cover-valid-list-tampered", [A(COVERNAME, CVS), A("DanhSach_SIM.xlsx", cell)],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {COVERNAME: {"status": ["valid"]},
                          "DanhSach_SIM.xlsx": {"status": ["invalid"]}}},
         why="valid cover letter beside a signed list edited after signing. " + C_INVALID + "; "
             + C_ERR + " (the cover letter stands only for unsigned soft files)")
    case("cover-valid-list-revoked", [A(COVERNAME, CVS),
                                      A("DanhSach_SIM.xlsx", sign(L, "xlsx", "revoked"))],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM.xlsx": {"status": ["revoked"]}}},
         why="valid cover letter beside a list signed by a revoked leaf. " + C_ERR)
    case("cover-valid-list-other-signer", [A(COVERNAME, CVS), A("DanhSach_SIM.xlsx", xo)],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM.xlsx": {"errors": ["signer_mismatch"]}}},
         why="valid cover letter beside a Sơn Tịnh list signed by Tư Nghĩa. " + C_MISMATCH)

    # ================= D. wrapping ===========================================
    case("same-signed-file-twice", [A("DanhSach_SIM.xlsx", LS), A("DanhSach_SIM_ban2.xlsx", LS)],
         expect={"action_not": ["ignore"], "all_docs_status": ["valid"]},
         why="the same signed bytes under two names: whatever is reported is valid (CONTRACT "
             "does not say whether identical bytes are one document or two). "
             + C_VALID + "; " + C_KEEP)
    case("signed-and-tampered-twins", [A("DanhSach_SIM.xlsx", LS), A("DanhSach_SIM_sua.xlsx", cell)],
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM.xlsx": {"status": ["valid"]},
                          "DanhSach_SIM_sua.xlsx": {"status": ["invalid"]}}},
         why="a signed list and its edited copy side by side. " + C_INVALID + "; " + C_ERR)

    def zipped(name, data):
        bio = io.BytesIO()
        with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo(name, (2024, 5, 6, 9, 0, 0)), data)
        return bio.getvalue()

    case("signed-list-inside-zip", [A("HoSo_SIM.zip", zipped("DanhSach_SIM.xlsx", LS))],
         expect={"action_not": ["ignore"], "json": True},
         why="CONTRACT is silent on .zip; only: the request is recorded, not dropped. " + C_KEEP)
    case("tampered-list-inside-zip", [A("HoSo_SIM.zip", zipped("DanhSach_SIM.xlsx", cell))],
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="a tampered list in a .zip must not be accepted. " + C_INVALID + "; " + C_KEEP)

    inner_ok = M.message("b8-inner-ok", M.SONTINH, "Đề nghị kích hoạt SIM ký số",
                         [A("DanhSach_SIM.xlsx", LS)], boundary="inner-b8-1")
    case("forwarded-rfc822-signed-list", [M.rfc822_part(inner_ok)],
         subject="Fwd: Đề nghị kích hoạt SIM ký số",
         expect={"action": ["queue"], "docs": {"DanhSach_SIM.xlsx": {"status": ["valid"]}}},
         why="DOMAIN: forwards ... the unit's mail attached as message/rfc822; a valid list by "
             "its own unit. " + C_VALID)
    inner_bad = M.message("b8-inner-bad", M.SONTINH, "Đề nghị kích hoạt SIM ký số",
                          [A("DanhSach_SIM.xlsx", cell)], boundary="inner-b8-2")
    case("forwarded-rfc822-tampered-list", [M.rfc822_part(inner_bad)],
         subject="Fwd: Đề nghị kích hoạt SIM ký số",
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="the forwarded list was edited after signing. " + C_INVALID + "; " + C_KEEP)
    inner_cv = M.message("b8-inner-cv", M.SONTINH, "Đề nghị kích hoạt SIM ký số",
                         cv_msg(shadow_hr), boundary="inner-b8-3")
    case("forwarded-rfc822-shadowed-cover", [M.rfc822_part(inner_cv)],
         subject="Fwd: Đề nghị kích hoạt SIM ký số",
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="forwarded cover letter with a shadow hide-and-replace update. " + C_PARTIAL
             + "; " + C_COVER)

    half = len(M.b64(LS).replace("\r\n", "")) // 2 // 4 * 4
    case("base64-truncated-signed-list", [A("DanhSach_SIM.xlsx", LS, cut=half)],
         expect={"action": ["manual"], "no_valid": True,
                 "docs": {"DanhSach_SIM.xlsx": {"errors": ["document_unreadable"]}}},
         why="the attachment's base64 stops halfway: a truncated package. " + C_UNREAD)
    halfp = len(M.b64(CVS).replace("\r\n", "")) * 3 // 4 // 4 * 4
    case("base64-truncated-signed-cover", [A(COVERNAME, CVS, cut=halfp), LIST],
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="the signed cover letter's base64 stops at 3/4: what remains cannot be a valid "
             "signature, so it cannot vouch for the list. " + C_UNREAD + "; " + C_COVER)

    case("content-type-lies-pdf-as-xlsx",
         [A("CongVan.xlsx", CVS, ctype=M.CT["xlsx"]), LIST],
         expect={"action_not": ["ignore"], "json": True},
         why="a genuine signed PDF labelled as an xlsx: CONTRACT determines only that it is "
             "recorded. " + C_KEEP)
    case("content-type-lies-shadowed-pdf-as-xlsx",
         [A("CongVan.xlsx", shadow_hr, ctype=M.CT["xlsx"]), LIST],
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="a shadow-attacked signed PDF labelled as an xlsx. " + C_PARTIAL + "; " + C_COVER)
    case("content-type-lies-tampered-xlsx-as-pdf",
         [A("DanhSach_SIM.pdf", cell, ctype=M.CT["pdf"])],
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="an edited signed xlsx labelled application/pdf. " + C_INVALID)
    case("signed-xlsx-renamed-docx", [A("DanhSach_SIM.docx", LS)],
         expect={"action_not": ["ignore"], "json": True},
         why="a genuine signed xlsx named .docx: CONTRACT determines only that it is "
             "recorded. " + C_KEEP)
    case("tampered-xlsx-renamed-docx", [A("DanhSach_SIM.docx", cell)],
         expect={"action_not": ["queue", "ignore"], "no_valid": True},
         why="an edited signed xlsx named .docx. " + C_INVALID)

    case("from-other-unit-domain", [A("DanhSach_SIM.xlsx", LS)], frm=M.TUNGHIA,
         expect={"action_not": ["queue", "ignore"],
                 "docs": {"DanhSach_SIM.xlsx": {"errors": ["signer_mismatch"]}}},
         why="Tư Nghĩa's registered address sends Sơn Tịnh's signed list. " + C_MISMATCH +
             "; README/hotrocks(1) units import: a listed address sending a document signed "
             "by a unit not below it (another district's) gets signer_mismatch even under "
             "that unit's own letterhead")
    case("from-gmail-signed-list", [A("DanhSach_SIM.xlsx", LS)], frm=M.GMAIL,
         expect={"action_not": ["queue", "ignore"], "msg_errors": ["sender_public_domain"]},
         why=C_PUBLIC)
    case("tampered-cover-inline-only", [A(COVERNAME, shadow_replace), LIST],
         subject="Đề nghị kích hoạt SIM ký số (gửi lại)",
         expect=pdf_attack_expect(),
         why="a resend of the shadow-replaced cover letter. " + C_PARTIAL)

    # ================= E. more chains, CMS and ByteRange forms ===============
    for who, st, why in [
            ("leafissued", ["untrusted", "invalid"], "leaf issued by another unit's leaf, which "
             "is no CA. " + C_UNTRUSTED),
            ("underrevokedca", ["revoked", "untrusted"], "leaf under an intermediate the root's "
             "CRL revokes. " + C_VALID)]:
        pdf = sign(CV, "pdf", who)
        case("pdf-cover-%s-leaf" % who, cv_msg(pdf), expect=pdf_attack_expect(st),
             verify={"%s.pdf" % who: (pdf, st)}, why=why)
        x = sign(L, "xlsx", who)
        case("xlsx-%s-leaf" % who, cover_and(x), expect=ox_expect(st),
             verify={"%s.xlsx" % who: (x, st)}, why=why + "; " + C_ERR)
    back = sign(CV, "pdf", "revoked", at="2024-03-01T02:00:00Z")
    case("pdf-cover-revoked-leaf-backdated", cv_msg(back), expect=pdf_attack_expect(["revoked"]),
         verify={"revoked-backdated.pdf": (back, ["revoked"])},
         why="revoked leaf, signing time claimed before the revocation date (the claim is the "
             "signer's own). CONTRACT valid: '... and is not revoked'; " + C_COVER)
    xback = sign(L, "xlsx", "revoked", at="2024-03-01T02:00:00Z")
    case("xlsx-revoked-leaf-backdated", cover_and(xback), expect=ox_expect(["revoked"]),
         verify={"revoked-backdated.xlsx": (xback, ["revoked"])},
         why="as above, an Excel list. CONTRACT valid: '... and is not revoked'; " + C_ERR)

    x509sf = S.sign_pdf(CV, e, chain, subfilter="adbe.x509.rsa_sha1")
    case("pdf-subfilter-x509-rsa-sha1", cv_msg(x509sf), expect=pdf_attack_expect(),
         verify={"x509-sf.pdf": (x509sf, NOT_VALID)},
         why="a /SubFilter adbe.x509.rsa_sha1 dictionary holding a CMS: not the form it names. "
             "CONTRACT: unsupported (a signature exists in a form not verified); " + C_ERR)

    def blank_br(buf, info):
        i = buf.rfind(b"/ByteRange [")
        j = buf.find(b"]", i) + 1
        buf[i:j] = b" " * (j - i)
        return buf
    nobr = S.sign_pdf(CV, e, chain, after=blank_br)
    case("pdf-byterange-missing", cv_msg(nobr), expect=pdf_attack_expect(),
         verify={"no-byterange.pdf": (nobr, NOT_VALID)},
         why="a signature dictionary without /ByteRange. " + C_ERR)
    beyond = S.sign_pdf(CV, e, chain, ranges=lambda a, b, n, buf: [0, a, b, n - b + 5000])
    case("pdf-byterange-beyond-eof", cv_msg(beyond), expect=pdf_attack_expect(),
         verify={"br-beyond.pdf": (beyond, NOT_VALID)},
         why="the second range runs 5000 bytes past the end of the file. " + C_ERR)
    negative = S.sign_pdf(CV, e, chain, ranges=lambda a, b, n, buf: [0, a, b, -7])
    case("pdf-byterange-negative", cv_msg(negative), expect=pdf_attack_expect(),
         verify={"br-negative.pdf": (negative, NOT_VALID)},
         why="a negative ByteRange length. " + C_ERR)
    nocert = S.sign_pdf(CV, e, chain, nocerts=True)
    case("pdf-cms-without-certificates", cv_msg(nocert), expect=pdf_attack_expect(),
         verify={"no-certs.pdf": (nocert, NOT_VALID)},
         why="a CMS carrying no certificate at all: no chain can be built. " + C_UNTRUSTED)
    extra = S.sign_pdf(CV, ents["tunghia"], [ents["sontinh"].cert, ents["int"].cert])
    case("pdf-cms-signed-by-other-unit-with-unit-cert-embedded", cv_msg(extra),
         expect={"action_not": ["queue", "ignore"],
                 "docs": {COVERNAME: {"forbid_valid_signer_o": "HUYỆN ỦY SƠN TỊNH"}}},
         verify={"extra-cert.pdf": (extra, ["valid", "invalid", "untrusted"])},
         why="signed with Tư Nghĩa's key, Sơn Tịnh's certificate also embedded: the signer is "
             "the certificate that verifies, not the first one found. " + C_MISMATCH + "; "
             + C_COVER)

    # zip entries twice: the signed sheet and a forged one under the same name
    forged_sheet = dict(S.zread(cell))["xl/worksheets/sheet1.xml"]
    ents_ls = S.zread(LS)
    dup_last = S.zwrite(ents_ls + [("xl/worksheets/sheet1.xml", forged_sheet)])
    dup_first = S.zwrite([("xl/worksheets/sheet1.xml", forged_sheet)] + ents_ls)
    for tag, x in (("last", dup_last), ("first", dup_first)):
        case("xlsx-duplicate-zip-entry-forged-%s" % tag, cover_and(x),
             expect={"action_not": ["ignore"],
                     "docs": {"DanhSach_SIM.xlsx": {"forbid_valid_row_phone": "84987654321"}}},
             why="two zip entries named xl/worksheets/sheet1.xml, the signed one and a forged "
                 "one (%s): a document read from the forged entry must not come out valid. "
                 % tag + C_INVALID + "; " + C_KEEP)

    case("same-name-signed-and-tampered", [A("DanhSach_SIM.xlsx", LS), A("DanhSach_SIM.xlsx", cell)],
         expect={"action_not": ["queue", "ignore"]},
         why="two attachments with the same name, one signed, one edited after signing. "
             + C_INVALID + "; " + C_ERR)
    case("cover-vouches-other-unit-list", [A(COVERNAME, CVS), A("DanhSach_SIM_TuNghia.xlsx", LT)],
         expect={"action_not": ["queue", "ignore"],
                 "any_doc_error": {"DanhSach_SIM_TuNghia.xlsx": ["signature_missing",
                                                                 "signer_mismatch"]}},
         why="Sơn Tịnh's valid cover letter beside Tư Nghĩa's unsigned list (organization: the "
             "unit that sends the document, from its letterhead). " + C_COVER)
    case("cover-with-smuggled-second-list",
         [A(COVERNAME, CVS), LIST, A("DanhSach_SIM_TuNghia.xlsx", LT)],
         expect={"action_not": ["queue", "ignore"],
                 "any_doc_error": {"DanhSach_SIM_TuNghia.xlsx": ["signature_missing",
                                                                 "signer_mismatch"]}},
         why="a valid cover letter and its own list, plus another unit's unsigned list. "
             + C_COVER)

    CVT = sign(D.finish_cover(D.cover_pdf("tunghia")), "pdf", "tunghia")
    case("foreign-cover-vouches-own-list", [A("CV118-HU.pdf", CVT), LIST],
         expect={"action_not": ["queue", "ignore"],
                 "any_doc_error": {"DanhSach_SIM_HuyenUySonTinh.xlsx": ["signature_missing",
                                                                        "signer_mismatch"],
                                   "CV118-HU.pdf": ["signer_mismatch"]}},
         why="Sơn Tịnh sends its unsigned list with Tư Nghĩa's validly signed cover letter. "
             + C_COVER + "; " + C_MISMATCH)
    case("other-unit-address-sends-cover-and-list", cv_msg(CVS), frm=M.TUNGHIA,
         expect={"action_not": ["queue", "ignore"],
                 "any_doc_error": {COVERNAME: ["signer_mismatch"],
                                   "DanhSach_SIM_HuyenUySonTinh.xlsx": ["signature_missing",
                                                                        "signer_mismatch"]}},
         why="Tư Nghĩa's registered address sends Sơn Tịnh's signed cover letter and list. "
             + C_MISMATCH + "; README/hotrocks(1) units import: a listed address sending a "
             "document signed by a unit not below it (another district's) gets signer_mismatch")

    LTS = sign(LT, "xlsx", "tunghia")
    other_sig = dict(S.zread(LTS))["_xmlsignatures/sig1.xml"]

    def add_rel(b):
        return b.replace(b"</Relationships>", b'<Relationship Id="rIdS2" Type="http://schemas.'
                         b'openxmlformats.org/package/2006/relationships/digital-signature/'
                         b'signature" Target="sig2.xml"/></Relationships>')

    def add_ct(b):
        return b.replace(b"</Types>", b'<Override PartName="/_xmlsignatures/sig2.xml" '
                         b'ContentType="application/vnd.openxmlformats-package.digital-signature-'
                         b'xmlsignature+xml"/></Types>')
    two = S.zedit(LS, {"_xmlsignatures/_rels/origin.sigs.rels": add_rel,
                       "[Content_Types].xml": add_ct},
                  add=[("_xmlsignatures/sig2.xml", other_sig)])
    case("xlsx-second-signature-copied-from-other-list", cover_and(two),
         expect=ox_expect(["invalid", "partial"]),
         verify={"two-sigs.xlsx": (two, ["invalid", "partial"])},
         why="a valid signature plus a second signature part copied from another unit's list. "
             + C_WEAKEST)

    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
    print("blind8: %d cases in %s" % (len(cases), out))


if __name__ == "__main__":
    main()
