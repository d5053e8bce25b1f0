"""Raw MIME the way real mail clients write it (CRLF, fixed boundaries).

Only the Python standard library.  Each builder returns bytes.
"""
import base64
import quopri
import urllib.parse

CRLF = "\r\n"


def b64lines(data):
    s = base64.b64encode(data).decode("ascii")
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text):
    return quopri.encodestring(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")).decode("ascii")


def _chunks(text, maxbytes):
    out, cur = [], ""
    for ch in text:
        if len((cur + ch).encode("utf-8")) > maxbytes:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def ew_b(text, charset="UTF-8", fold="\r\n "):
    """RFC 2047 B encoded words, folded."""
    if all(ord(c) < 128 for c in text):
        return text
    words = ["=?%s?B?%s?=" % (charset, base64.b64encode(c.encode("utf-8")).decode("ascii"))
             for c in _chunks(text, 42)]
    return fold.join(words)


def ew_q(text, charset="utf-8", fold="\r\n "):
    if all(ord(c) < 128 for c in text):
        return text
    words = []
    for c in _chunks(text, 20):
        enc = ""
        for b in c.encode("utf-8"):
            ch = chr(b)
            if ch.isalnum() and b < 128:
                enc += ch
            elif ch == " ":
                enc += "_"
            else:
                enc += "=%02X" % b
        words.append("=?%s?Q?%s?=" % (charset, enc))
    return fold.join(words)


def rfc2231(param, value, per=40):
    """name*0*=UTF-8''...; name*1*=... continuations (Thunderbird)."""
    enc = urllib.parse.quote(value.encode("utf-8"), safe="")
    toks, i = [], 0
    while i < len(enc):
        n = 3 if enc[i] == "%" else 1
        toks.append(enc[i:i + n])
        i += n
    parts, cur = [], ""
    for t in toks:
        if len(cur) + len(t) > per:
            parts.append(cur)
            cur = ""
        cur += t
    if cur:
        parts.append(cur)
    if len(parts) == 1:
        return " %s*=UTF-8''%s" % (param, parts[0])
    return (";" + CRLF).join(" %s*%d*=%s%s" % (param, n, "UTF-8''" if n == 0 else "", p)
                             for n, p in enumerate(parts))


MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "pdf": "application/pdf",
    "eml": "message/rfc822",
}


def ctype(fname):
    return MIME_TYPES.get(fname.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def headers(h):
    return CRLF.join("%s: %s" % (k, v) for k, v in h) + CRLF


def html_of(text):
    paras = []
    for p in text.split("\n"):
        p = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        paras.append("<div>%s</div>" % (p or "<br>"))
    return "\n".join(paras)


# ---------------------------------------------------------------- Outlook 16
def outlook(frm, to, subject, date, msgid, text, attachments, extra=(), html=None):
    b1 = "----=_NextPart_000_0017_01DA9F41.2B7C3E90"
    b2 = "----=_NextPart_001_0018_01DA9F41.2B7C3E90"
    h = [("From", frm), ("To", to), ("Subject", ew_b(subject, "utf-8", "\r\n\t")), ("Date", date),
         ("Message-ID", msgid), ("MIME-Version", "1.0")]
    h += list(extra)
    h += [("Content-Type", 'multipart/mixed;\r\n\tboundary="%s"' % b1),
          ("X-Mailer", "Microsoft Outlook 16.0"), ("Thread-Index", "AdqfQSs8mXvB2Nn0RGOqFh0E3lK1Yw=="),
          ("Content-Language", "vi"), ("X-MS-Has-Attach", "yes" if attachments else "")]
    html = html or ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
                    '<meta http-equiv=Content-Type content="text/html; charset=utf-8"></head>'
                    '<body lang=VI><div class=WordSection1>' + html_of(text) + '</div></body></html>')
    s = headers(h) + CRLF + "This is a multipart message in MIME format." + CRLF + CRLF
    s += "--" + b1 + CRLF + 'Content-Type: multipart/alternative;\r\n\tboundary="%s"' % b2 + CRLF + CRLF + CRLF
    s += "--" + b2 + CRLF + 'Content-Type: text/plain;\r\n\tcharset="utf-8"' + CRLF
    s += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(text) + CRLF + CRLF
    s += "--" + b2 + CRLF + 'Content-Type: text/html;\r\n\tcharset="utf-8"' + CRLF
    s += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(html) + CRLF + CRLF
    s += "--" + b2 + "--" + CRLF + CRLF
    for fname, data in attachments:
        n = ew_b(fname, "utf-8", "\r\n\t")
        s += "--" + b1 + CRLF + 'Content-Type: %s;\r\n\tname="%s"' % (ctype(fname), n) + CRLF
        s += "Content-Transfer-Encoding: base64" + CRLF
        s += 'Content-Disposition: attachment;\r\n\tfilename="%s"' % n + CRLF + CRLF + b64lines(data) + CRLF + CRLF
    s += "--" + b1 + "--" + CRLF
    return s.encode("ascii")


# ---------------------------------------------------------------- Thunderbird
def thunderbird(frm, to, subject, date, msgid, text, attachments, extra=()):
    b = "------------9Fq0cXb2kL1mN4pR7sT0uV3w"
    h = [("Message-ID", msgid), ("Date", date), ("MIME-Version", "1.0"),
         ("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "vi")]
    h += [("To", to), ("From", frm), ("Subject", ew_b(subject))] + list(extra)
    h += [("Content-Type", 'multipart/mixed; boundary="%s"' % b)]
    # format=flowed: soft line breaks are "space CRLF"
    flowed = []
    for line in text.split("\n"):
        while len(line.encode("utf-8")) > 72 and " " in line[:60]:
            cut = line.rfind(" ", 0, 60)
            flowed.append(line[:cut + 1])
            line = line[cut + 1:]
        flowed.append(line)
    s = headers(h) + CRLF + "This is a multi-part message in MIME format." + CRLF
    s += "--" + b + CRLF + "Content-Type: text/plain; charset=UTF-8; format=flowed" + CRLF
    s += "Content-Transfer-Encoding: 8bit" + CRLF + CRLF + CRLF.join(flowed) + CRLF + CRLF
    for fname, data in attachments:
        if fname.endswith(".eml"):
            s += "--" + b + CRLF + "Content-Type: message/rfc822;" + CRLF + rfc2231("name", fname) + CRLF
            s += "Content-Transfer-Encoding: 8bit" + CRLF
            s += "Content-Disposition: attachment;" + CRLF + rfc2231("filename", fname) + CRLF + CRLF
            s += data.decode("utf-8") + CRLF
            continue
        s += "--" + b + CRLF + "Content-Type: %s;" % ctype(fname) + CRLF + rfc2231("name", fname) + CRLF
        s += "Content-Disposition: attachment;" + CRLF + rfc2231("filename", fname) + CRLF
        s += "Content-Transfer-Encoding: base64" + CRLF + CRLF + b64lines(data) + CRLF + CRLF
    s += "--" + b + "--" + CRLF
    return s.encode("utf-8")


# ---------------------------------------------------------------- Gmail web / Android
def gmail(frm, to, subject, date, msgid, text, attachments, extra=(), html=None, android=False):
    b1 = "000000000000c3d9a50617a1b2f4"
    b2 = "000000000000c3d9a30617a1b2f2"
    h = [("MIME-Version", "1.0"), ("From", frm), ("Date", date), ("Message-ID", msgid),
         ("Subject", ew_b(subject)), ("To", to)] + list(extra)
    html = html or ('<div dir="ltr">' + html_of(text) + '</div>')
    alt = "--" + b2 + CRLF + 'Content-Type: text/plain; charset="UTF-8"' + CRLF
    if android:
        alt += "Content-Transfer-Encoding: base64" + CRLF + CRLF + b64lines(text.replace("\n", "\r\n").encode("utf-8")) + CRLF + CRLF
    else:
        alt += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(text) + CRLF + CRLF
    alt += "--" + b2 + CRLF + 'Content-Type: text/html; charset="UTF-8"' + CRLF
    alt += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(html) + CRLF + CRLF
    alt += "--" + b2 + "--" + CRLF
    if not attachments:
        h.append(("Content-Type", 'multipart/alternative; boundary="%s"' % b2))
        return (headers(h) + CRLF + alt).encode("ascii")
    h.append(("Content-Type", 'multipart/mixed; boundary="%s"' % b1))
    s = headers(h) + CRLF + "--" + b1 + CRLF + 'Content-Type: multipart/alternative; boundary="%s"' % b2 + CRLF + CRLF + alt + CRLF
    for k, (fname, data) in enumerate(attachments):
        n = ew_b(fname, "UTF-8", " ")
        aid = "f_lw%02dk3xq%d" % (k + 3, k)
        s += "--" + b1 + CRLF + 'Content-Type: %s; \r\n\tname="%s"' % (ctype(fname), n) + CRLF
        s += 'Content-Disposition: attachment; \r\n\tfilename="%s"' % n + CRLF
        s += "Content-Transfer-Encoding: base64" + CRLF + "Content-ID: <%s>" % aid + CRLF
        s += "X-Attachment-Id: %s" % aid + CRLF + CRLF + b64lines(data) + CRLF
    s += "--" + b1 + "--" + CRLF
    return s.encode("ascii")


# ---------------------------------------------------------------- Zimbra webmail
def zimbra(frm, to, subject, date, msgid, text, attachments, extra=()):
    b1 = "=_6a1f7c2e-9b3d-4e5f-8a7b-1c2d3e4f5a6b"
    b2 = "=_0b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
    h = [("Date", date), ("From", frm), ("To", to), ("Message-ID", msgid),
         ("Subject", ew_q(subject)), ("MIME-Version", "1.0")] + list(extra)
    h += [("Content-Type", 'multipart/mixed; \r\n\tboundary="%s"' % b1),
          ("X-Mailer", "Zimbra 8.8.15_GA_4562 (ZimbraWebClient - GC124 (Win)/8.8.15_GA_4545)"),
          ("Thread-Topic", ew_q(subject)), ("Thread-Index", "Z3aSk9PqLm1+2Wb0c4yF7vHq8r1T0A==")]
    html = '<html><body><div style="font-family: times new roman, new york, times, serif; font-size: 12pt; color: #000000">' + html_of(text) + '</div></body></html>'
    s = headers(h) + CRLF + "--" + b1 + CRLF + 'Content-Type: multipart/alternative; \r\n\tboundary="%s"' % b2 + CRLF + CRLF
    s += "--" + b2 + CRLF + "Content-Type: text/plain; charset=utf-8" + CRLF
    s += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(text) + CRLF
    s += "--" + b2 + CRLF + "Content-Type: text/html; charset=utf-8" + CRLF
    s += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(html) + CRLF
    s += "--" + b2 + "--" + CRLF + CRLF
    for fname, data in attachments:
        n = ew_q(fname, "utf-8", " ")
        s += "--" + b1 + CRLF + "Content-Type: %s; name=%s" % (ctype(fname), '"' + n + '"') + CRLF
        s += "Content-Disposition: attachment; filename=%s" % ('"' + n + '"') + CRLF
        s += "Content-Transfer-Encoding: base64" + CRLF + CRLF + b64lines(data) + CRLF
    s += "--" + b1 + "--" + CRLF
    return s.encode("ascii")


# ---------------------------------------------------------------- iPhone Mail
def iphone(frm, to, subject, date, msgid, text, attachments, extra=()):
    b = "Apple-Mail-6E1B2C4D-7A8F-4C3E-9D0B-2F5A6E7C8D9A"
    h = [("Content-Type", "multipart/mixed; boundary=%s" % b), ("Content-Transfer-Encoding", "7bit"),
         ("From", frm), ("Mime-Version", "1.0 (1.0)"), ("Date", date), ("Subject", ew_q(subject)),
         ("Message-Id", msgid), ("To", to)] + list(extra) + [("X-Mailer", "iPhone Mail (21E236)")]
    s = headers(h) + CRLF + CRLF + "--" + b + CRLF + "Content-Type: text/plain;" + CRLF + "\tcharset=utf-8" + CRLF
    s += "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF + qp(text) + CRLF
    for fname, data in attachments:
        enc = urllib.parse.quote(fname.encode("utf-8"), safe="")
        s += "--" + b + CRLF + "Content-Type: %s;" % ctype(fname) + CRLF + "\tname*=utf-8''%s" % enc + CRLF
        s += "Content-Disposition: inline;" + CRLF + "\tfilename*=utf-8''%s" % enc + CRLF
        s += "Content-Transfer-Encoding: base64" + CRLF + CRLF + b64lines(data) + CRLF
        s += "--" + b + CRLF + "Content-Type: text/plain;" + CRLF + "\tcharset=us-ascii" + CRLF
        s += "Content-Transfer-Encoding: 7bit" + CRLF + CRLF + CRLF + CRLF
    s += "--" + b + "--" + CRLF
    return s.encode("ascii")


# ---------------------------------------------------------------- odd ones
def raw(h, body_text, ctype_line="text/plain; charset=utf-8", cte="8bit"):
    h = list(h) + [("MIME-Version", "1.0"), ("Content-Type", ctype_line), ("Content-Transfer-Encoding", cte)]
    return (headers(h) + CRLF + body_text.replace("\n", CRLF) + CRLF).encode("utf-8")


def bounce(frm, to, date, msgid, orig_headers, recipient):
    b = "4VtH3x0Zk2z9yQpWm.1715151200/mx1.quangngai.dcs.vn"
    h = [("Return-Path", "<>"), ("Date", date), ("From", frm), ("To", to), ("Message-Id", msgid),
         ("Subject", "Undelivered Mail Returned to Sender"), ("Auto-Submitted", "auto-replied"),
         ("MIME-Version", "1.0"),
         ("Content-Type", 'multipart/report; report-type=delivery-status;\r\n\tboundary="%s"' % b)]
    s = headers(h) + CRLF + "This is a MIME-encapsulated message." + CRLF + CRLF
    s += "--" + b + CRLF + "Content-Description: Notification" + CRLF + "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF
    s += ("This is the mail system at host mx1.quangngai.dcs.vn.\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
          "be delivered to one or more recipients.\r\n\r\n<%s>: host mail.example.vn[203.0.113.7] said: 550 5.1.1\r\n"
          "    <%s>: Recipient address rejected: User unknown\r\n\r\n") % (recipient, recipient)
    s += "--" + b + CRLF + "Content-Description: Delivery report" + CRLF + "Content-Type: message/delivery-status" + CRLF + CRLF
    s += ("Reporting-MTA: dns; mx1.quangngai.dcs.vn\r\nX-Postfix-Queue-ID: 4VtH3x0Zk2z9yQpWm\r\nArrival-Date: Wed,  8 May 2024 14:13:20 +0700 (+07)\r\n\r\n"
          "Final-Recipient: rfc822; %s\r\nOriginal-Recipient: rfc822;%s\r\nAction: failed\r\nStatus: 5.1.1\r\n"
          "Remote-MTA: dns; mail.example.vn\r\nDiagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown\r\n\r\n") % (recipient, recipient, recipient)
    s += "--" + b + CRLF + "Content-Description: Undelivered Message Headers" + CRLF + "Content-Type: text/rfc822-headers" + CRLF + CRLF
    s += orig_headers.replace("\n", CRLF) + CRLF + CRLF + "--" + b + "--" + CRLF
    return s.encode("utf-8")
