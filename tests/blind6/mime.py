"""Hand-written MIME, shaped per mail client, for blind set 6.

Entities are bytes: their own header lines, a blank line, the body.  Lines
end in LF, as a message saved to a file does.
"""
import base64
import quopri
import urllib.parse

CT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "pdf": "application/pdf",
    "zip": "application/x-zip-compressed",
    "png": "image/png",
}


def b64(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + width] for i in range(0, len(s), width)) + "\n"


def qp(text, charset="utf-8"):
    raw = text.encode(charset)
    return quopri.encodestring(raw.replace(b"\n", b"\r\n")).decode("ascii").replace("\r\n", "\n").replace("=0D\n", "\n")


def bword(s, charset="utf-8", maxbytes=45):
    """RFC 2047 B words, split on character boundaries, folded."""
    words, cur = [], b""
    for ch in s:
        e = ch.encode(charset)
        if len(cur) + len(e) > maxbytes:
            words.append(cur)
            cur = b""
        cur += e
    if cur:
        words.append(cur)
    return "\n ".join("=?%s?B?%s?=" % (charset, base64.b64encode(w).decode()) for w in words)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(s):
    """Text as Windows-1258 writes it: vowel letters precomposed where the
    code page has them, tone marks as separate combining characters."""
    import unicodedata
    out = []
    for c in unicodedata.normalize("NFC", s):
        try:
            c.encode("cp1258")
            out.append(c)
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
        out.append(base + "".join(m for m in d if m in TONES))
    return "".join(out)


def qword(s, charset="utf-8"):
    out = []
    for byte in s.encode(charset):
        c = chr(byte)
        if c == " ":
            out.append("_")
        elif c.isalnum() and byte < 128:
            out.append(c)
        else:
            out.append("=%02X" % byte)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def rfc2231(param, value, chunk=None):
    """param*=utf-8''… or, with chunk, param*0*=…; param*1*=… continuations."""
    enc = urllib.parse.quote(value.encode("utf-8"), safe="")
    if not chunk:
        return "%s*=utf-8''%s" % (param, enc)
    pieces, cur = [], ""
    i = 0
    while i < len(enc):
        step = 3 if enc[i] == "%" else 1
        if len(cur) + step > chunk:
            pieces.append(cur)
            cur = ""
        cur += enc[i:i + step]
        i += step
    pieces.append(cur)
    out = []
    for n, p in enumerate(pieces):
        out.append("%s*%d*=%s%s" % (param, n, "utf-8''" if n == 0 else "", p))
    return ";\n ".join(out)


def leaf(ctype, payload, cte="base64", extra=()):
    """payload: bytes (base64) or str already encoded for cte."""
    h = ["Content-Type: %s" % ctype, "Content-Transfer-Encoding: %s" % cte] + list(extra)
    if cte == "base64":
        body = b64(payload)
    elif isinstance(payload, bytes):
        body = payload.decode("latin-1")
    else:
        body = payload
    if not body.endswith("\n"):
        body += "\n"
    return ("\n".join(h) + "\n\n" + body).encode("utf-8")


def text(s, subtype="plain", charset="utf-8", cte="quoted-printable", extra=()):
    ct = "text/%s; charset=%s" % (subtype, charset if charset == "utf-8" else '"%s"' % charset)
    if subtype == "plain" and charset == "utf-8" and cte == "8bit":
        ct += "; format=flowed"
    if cte == "quoted-printable":
        return leaf(ct, qp(s, charset), cte, extra)
    if cte == "base64":
        return leaf(ct, s.encode(charset), cte, extra)
    h = ["Content-Type: %s" % ct, "Content-Transfer-Encoding: %s" % cte] + list(extra)
    return ("\n".join(h) + "\n\n").encode("ascii") + s.encode(charset) + b"\n"


def attach(data, ext, name_header, disp_header=None, extra=()):
    """name_header/disp_header: the literal Content-Type / Content-Disposition
    parameter text after the type (None: no such header)."""
    ct = CT[ext] + (";\n " + name_header if name_header else "")
    ex = list(extra)
    if disp_header is not None:
        ex.append("Content-Disposition: " + disp_header)
    return leaf(ct, data, "base64", ex)


def multi(subtype, boundary, parts, extra=(), preamble=None, params=""):
    h = ['Content-Type: multipart/%s;%s\n boundary="%s"' % (subtype, params, boundary)] + list(extra)
    out = ("\n".join(h) + "\n\n").encode("ascii")
    if preamble:
        out += preamble.encode("ascii") + b"\n"
    for p in parts:
        out += b"--" + boundary.encode() + b"\n" + p
        if not p.endswith(b"\n"):
            out += b"\n"
    out += b"--" + boundary.encode() + b"--\n"
    return out


def rfc822(msg_bytes, extra=()):
    h = ["Content-Type: message/rfc822"] + list(extra)
    return ("\n".join(h) + "\n\n").encode("ascii") + msg_bytes


def message(headers, entity):
    """headers: list of (name, value) in order; MIME-Version added."""
    lines = ["%s: %s" % (k, v) for k, v in headers]
    if not any(k.lower() == "mime-version" for k, _ in headers):
        lines.append("MIME-Version: 1.0")
    return ("\n".join(lines) + "\n").encode("utf-8") + entity
