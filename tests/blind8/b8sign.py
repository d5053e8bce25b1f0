"""A PDF signer of our own (adbe.pkcs7.detached), to write the ByteRange and
CMS forgeries `hotrocks sign` would never write; and OOXML zip surgery."""
import io
import re
import warnings
import zipfile

warnings.filterwarnings("ignore", message="Duplicate name")

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

import b8docs

HOLE = 16384  # hex digits reserved for /Contents


def cms(data, ent, chain, attrs=True, nocerts=False):
    b = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(ent.cert, ent.key, hashes.SHA256())
    for c in chain:
        b = b.add_certificate(c)
    opts = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    if nocerts:
        opts.append(pkcs7.PKCS7Options.NoCerts)
    if not attrs:
        opts.append(pkcs7.PKCS7Options.NoAttributes)
    return b.sign(serialization.Encoding.DER, opts)


def sign_pdf(data, ent, chain, attrs=False, ranges=None, signed_data=None, contents=None,
             after=None, extra_objs=None, field="Signature1", subfilter="adbe.pkcs7.detached",
             nocerts=False):
    """Append a signature revision.  ranges(a, b, n) -> list of ints (default
    [0, a, b, n-b]); signed_data(bytes_covered) -> what the CMS signs;
    contents: raw bytes put in /Contents instead of a CMS; after(buf, info)
    -> buf edits the file after the CMS is in (same length)."""
    n0 = b8docs.max_objnum(data)
    sig, wid = n0 + 1, n0 + 2
    placeholder_br = b"/ByteRange [" + b" ".join([b"0000000000"] * 6) + b"]"
    sigobj = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + subfilter.encode() + b" "
              + placeholder_br + b" /Contents <" + b"0" * HOLE + b">"
              + b" /M (D:20240506090000+07'00') /Reason (Ky so cong van) >>")
    objs = {sig: sigobj,
            wid: b"<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /V %d 0 R "
                 b"/T (%s) /P 3 0 R >>" % (sig, field.encode()),
            1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % wid}
    # page 3 with the widget; keep its /Contents as it is in the last revision
    page = last_obj(data, 3)
    page = re.sub(rb"/Annots \[[^\]]*\]", b"", page)
    page = page.rstrip()[:-2] + b" /Annots [%d 0 R] >>" % wid
    objs[3] = page
    if extra_objs:
        objs.update(extra_objs)
    buf = bytearray(b8docs.incremental(data, objs))
    i = buf.rfind(b"/Contents <" + b"0" * 32)
    a = i + len(b"/Contents ")
    b = a + HOLE + 2
    n = len(buf)
    br = ranges(a, b, n, buf) if ranges else [0, a, b, n - b]
    brs = b"/ByteRange [" + b" ".join(b"%d" % v for v in br) + b"]"
    brs = brs[:-1] + b" " * (len(placeholder_br) - len(brs)) + b"]"
    j = buf.rfind(placeholder_br)
    buf[j:j + len(placeholder_br)] = brs
    covered = b"".join(bytes(buf[br[k]:br[k] + br[k + 1]]) for k in range(0, len(br), 2))
    if contents is None:
        todo = signed_data(covered) if signed_data else covered
        der = cms(todo, ent, chain, attrs=attrs, nocerts=nocerts)
    else:
        der = contents
    hx = der.hex().upper().encode()
    assert len(hx) <= HOLE
    buf[a + 1:a + 1 + len(hx)] = hx
    if after:
        buf = after(buf, dict(a=a, b=b, br=br))
    return bytes(buf)


def last_obj(data, num):
    ms = list(re.finditer(rb"(?<![0-9])%d 0 obj\n(.*?)\nendobj" % num, data, re.S))
    return ms[-1].group(1)


# ---- OOXML ----------------------------------------------------------------

def zread(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def zwrite(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries:
            zi = zipfile.ZipInfo(name, (2024, 5, 6, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


def zedit(data, edits=None, add=None, drop=()):
    """edits: {name: fn(bytes)->bytes}; add: [(name, bytes)]"""
    ents = []
    for name, body in zread(data):
        if name in drop:
            continue
        if edits and name in edits:
            nb = edits[name](body)
            assert nb != body, "edit of %s changed nothing" % name
            body = nb
        ents.append((name, body))
    ents += add or []
    return zwrite(ents)
