"""MIME for blind set 8, written by hand."""
import base64
from email.header import Header
from email.utils import formataddr
import urllib.parse

DATE = "Wed, 08 May 2024 09:15:00 +0700"
SONTINH = ("Văn phòng Huyện ủy Sơn Tịnh", "vanphong@sontinh.dcs.vn")
TUNGHIA = ("Văn phòng Huyện ủy Tư Nghĩa", "vanphong@tunghia.dcs.vn")
GMAIL = ("Nguyễn Văn Bình", "binh.sontinh@gmail.com")
TO = "HotroCKS@quangngai.dcs.vn"

CT = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def addr(who):
    return formataddr((str(Header(who[0], "utf-8")), who[1]))


def b64(data, cut=None):
    s = base64.b64encode(data).decode()
    if cut is not None:
        s = s[:cut]
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def attachment(filename, data, ctype=None, cut=None):
    ext = filename.rsplit(".", 1)[-1].lower()
    ctype = ctype or CT.get(ext, "application/octet-stream")
    q = urllib.parse.quote(filename, safe="")
    return ("Content-Type: %s; name=\"%s\"\r\n"
            "Content-Disposition: attachment; filename*=utf-8''%s\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n") % (
        ctype, str(Header(filename, "utf-8")), q, b64(data, cut))


def text_part(body):
    return ("Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n" % b64(body.encode()))


def message(mid, frm, subject, parts, body="Kính gửi Văn phòng Tỉnh ủy,\n\nĐơn vị gửi kèm hồ sơ đề nghị kích hoạt SIM ký số.\n\nTrân trọng.\n",
            boundary="b8-boundary-0001", extra=""):
    head = ("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@sontinh.dcs.vn>\r\n"
            "MIME-Version: 1.0\r\n%sContent-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n") % (
        addr(frm), TO, Header(subject, "utf-8").encode(), DATE, mid, extra, boundary)
    out = head + "This is a multi-part message in MIME format.\r\n"
    for p in [text_part(body)] + parts:
        out += "--%s\r\n%s" % (boundary, p)
    out += "--%s--\r\n" % boundary
    return out.encode()


def rfc822_part(inner):
    return ("Content-Type: message/rfc822\r\n"
            "Content-Disposition: attachment; filename=\"forwarded.eml\"\r\n\r\n") + inner.decode() + "\r\n"
