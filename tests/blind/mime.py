"""Hand-made MIME, so that every header looks the way a given mail client
writes it.  Standard library only; output is bytes and fully deterministic."""
import base64
import quopri
import unicodedata
from urllib.parse import quote

DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ew(text, charset="utf-8", mode="B", maxlen=75, upper=False):
    """RFC 2047 encoded words, split at character boundaries; returns a list."""
    cs = charset.upper() if upper else charset
    words, cur = [], ""

    def enc(s):
        raw = s.encode(charset) if charset.lower() != "windows-1258" else cp1258(s)
        if mode == "B":
            return "=?%s?B?%s?=" % (cs, base64.b64encode(raw).decode())
        out = ""
        for b in raw:
            c = chr(b)
            if c == " ":
                out += "_"
            elif c.isalnum() and b < 128:
                out += c
            elif c in "-!*+/" and b < 128:
                out += c
            else:
                out += "=%02X" % b
        return "=?%s?Q?%s?=" % (cs, out)

    for ch in text:
        if cur and len(enc(cur + ch)) > maxlen:
            words.append(enc(cur))
            cur = ""
        cur += ch
    if cur:
        words.append(enc(cur))
    return words


def ew_join(words, first_prefix_len=0):
    """Fold encoded words, one per line after the first."""
    return "\n ".join(words)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(s):
    """Encode Vietnamese text in windows-1258: precomposed base letters
    (â ê ô ơ ư ă đ ...) followed by a combining tone mark where needed."""
    out = b""
    for ch in unicodedata.normalize("NFC", s):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out += base.encode("cp1258") + tones.encode("cp1258")
    assert unicodedata.normalize("NFC", out.decode("cp1258")) == unicodedata.normalize("NFC", s)
    return out


def rfc2231(param, value, chunk=None, charset="UTF-8"):
    """filename*=UTF-8''... or, with chunk, filename*0*=...; filename*1*=..."""
    enc = quote(value.encode("utf-8"), safe="")
    if not chunk:
        return ["%s*=%s''%s" % (param, charset, enc)]
    parts, i = [], 0
    pieces = []
    while i < len(enc):
        j = min(i + chunk, len(enc))
        # do not split a %XX escape
        while j < len(enc) and "%" in enc[j - 2:j]:
            j -= 1
        pieces.append(enc[i:j])
        i = j
    for n, p in enumerate(pieces):
        parts.append("%s*%d*=%s%s" % (param, n, "%s''" % charset if n == 0 else "", p))
    return parts


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))


def qp(text):
    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def finish(text, crlf=True):
    """text uses '\n'; returns bytes with CRLF (or LF) line ends."""
    lines = text.split("\n")
    data = ("\r\n" if crlf else "\n").join(lines)
    return data.encode("utf-8")
