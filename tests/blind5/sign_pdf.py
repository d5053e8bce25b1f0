"""Signs a one-page PDF from gen.pdf_text as a government signing tool would:
an incremental update adding a signature field and an adbe.pkcs7.detached
signature (CMS, SHA-256, RSA) by a leaf certificate under a test root that
imitates "CA phục vụ các cơ quan Đảng G2".  The root is no configured trust
anchor, so a verifier with the default configuration must find the
signature sound but untrusted.

The two RSA keys below are throw-away test keys made for this blind set
(openssl genrsa 2048); they are fixed so the bytes are the same every run
(RSA PKCS#1 v1.5 signatures are deterministic, and the CMS carries no
signed attributes, hence no signing time).
"""
import datetime
import re

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

ROOT_KEY = b"""\
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCmCN9eLa94RL2H
FIzuOg3flDxLGIT3r3n8sFV8Msh+WP+sNX0/KRa/jwYFtUNIOKHpEprOw4NVJT1B
fGlfbHZFRCGSB2zPhtOcQWY5sypp3d2EdHr+iPtKswM1WUPW71v0FroXSQba+Bkt
12mO6gAr64kRf8btF6lgHpg3jNKWKVlVXAUXaJagaUrPMuJTuhC/J9XkR6e6+uIY
LUcdwpEGzY5ozTK/cZtOzVEmc1imPN4bP6MIqf0nlaMvHvmbzz+7jUFbYfzQG4kO
1IXBhTYYMjsHTTUFzi6lodPPBHgEWDMFwnVlDD7zH/5qICUGaHivC01guxyRjJce
7c8auulrAgMBAAECggEAEPJ0OjICPbhmeqnc/gPsSUHhgENvGbOjiT3xESLt1qz8
NnZPORSB6ejjUyR+oESHjOQFQSLbqOPgLhWmJm31Cc+RIvf3DJz/xGyNzp3nBQn3
A6oP/nhk4z8FDiZKXQnuzNSfsfjA5mDPJnVc+jq67GtiK5MV7uVXYyQ8TTnmf2/B
hqmovd6Nbfdt4pGnCbPBTZ5gMNyFsY8qUOI0cfiY4mpQjmf72poFb/wHBQK+5nsY
/arJRiiZhiWZv5ONU/Dr/ah20NXurt/ruRnRa+tD7oJylVixCHL/MavR+fKf0hWc
BJUtqjf+Jg5ytgUBZcJ9G0VNUCQQWLmBlIawGXqcYQKBgQDauWJifX3zZ9fs4myc
ANgzTukXaf3cPvjbfgvkf0QbLykBw3XB+NyVzt7J9kuPIeAHfvyai1feEbQAUwyP
nNzJCbXie2GM1xbCpg2mV+N8BmzUcILlFvXDwDYZkOUAGMyCjY2Q115gpIEugkOv
smDGyyyF2sN5547ehGbyojCElwKBgQDCVLjnwpyYBrusbeOnzyCDONe0C+QAUbmf
uxLXxO2WvcCAENVwx2C3wrhtVDbyCULi09aXYO3q4d4rnd8zKWrJaXfhwmCxGkpT
qZ+jiwcfSgNoOtE2ORZ6vWcY+3WVpDT3QvCvton7kaV3nKiwT6VpAglqSy7g4t2j
p++/bi44TQKBgFF0zw4s/DYlC0Y+QQKMUfgxwB8nKxLWJOnhdF5hgyS4mIX+nCFk
JApqo5AFeLhSflNsWHjZwhyC7U1doITvf04jnqg9GORRyjktjFHR03eCEQ/A4w6c
UWTYdY1p5870bV2FiB5UBuLpAO8oNjr9rIr8aZVkFn6U3SFDn+9mtbj7AoGAIMS+
hT4Yv73q6ZGCIOrZVadBIDgdEzy0q02VSNMJKTEIA9BS3XiRQ4tPJAheV4PeRndo
KRCMLd42Y250k6D5Q8tIDsaDHXoMbH0e0SoBYnJNjsbUPmtz8fB8MQc99aTB1avx
AAAs1kHiAABnpYtYnhNc2RKibgNzUkRgNgxzOMUCgYAB0jsupKxW7jEfCkdHmf5U
mqss4tMn3NadsuwXV+ip8A01Bnw12moG5hxrkettj+1+XEE6aydTm8BodkiBlQ13
BssUM9VcZr3JU/HKgu1B63CjU9PiHCscLEhc0k0NVbgxZpEwg7wFWw7g3WW5Cqcr
wPbXpnQl9MxoTOz+eznGIQ==
-----END PRIVATE KEY-----
"""

LEAF_KEY = b"""\
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC4wJISGrmapCKh
QT3+R+9H2zrgw+JoiiO4hWxFGJjv0bTJ8zXNRNvgn+/wTzdw4cgSfIC4vcu9VtPp
ngk936CrQ2XDhp6U/9DyFkf8K08c+p++3XpRkpHCs37utg+WsUs1I/75WXQFSe6m
nCs+MREqzYTEsrCVRE2WA1o/5DbN4ckEfm0o/jwT60iuz9TODANM7wBR9rG8c62l
RjgD5IhAU2xIW2xBiaSnpDFpPmpNoFmkxn5WplMK9kMKNpX9BhQuszsCPwi8KYBt
DQfPNzjtEvNCJcaVBpDodAZVwvx71N9uHpELJzBnjLLIsgw3HMge9FaNEDDQTFXh
jl1iaW0LAgMBAAECggEAQSK3fQWKEVCz2tlXI2q2HEXZBLxa+tNVE62KhfPNm6N6
E0cZXVTdFl0c6ULsf3JCqO3XLgrQJWFS1gb/KB7LFQZufthb2Zk1T9x2JZwZSNS9
dDu+b7r2g8fnxP5QEadRJhuaPcwBYQn3RytA/ayr6kTJ/dUn94A8wFpPO75Yag4K
hChl6AvcCIXOXwj7KEO6Q+PCOnH8YRAdktP0K8BU/jfUO1HUQzYLRqJ9Q0E/Nlx6
4M8PDOSV84DuuShwLhd5tp9TO7scMM0zROzNOS6EK0TGNEzy6sPmj2ffuGbZz1XR
eGWAp2EE7rYLrF7ryKze+kXzRIpuf0ap5DDEblWlQQKBgQDc/NDW2UUJE2QWLTJx
mLNgC7SbC6pgokCnouodjz16oGFt1s9DWE4JxHwazOjMc9EF8Ay0Mc5+P8xiahBp
8gdFWy3gigbxticBK5D9OEJM+L8NPTWJm3LGZbi5YuY8s1V1VZkA1f2d/R94oUJH
JUrQcABc4yduxKwWVTBixVz+wQKBgQDWBg+39I1Ix8TfhZJk+Q1hDYTwHGjFbTl1
jzQZtJ144WOVKdWC8CHM/i6v92ikAofmTBAYiGASy0w+b4esp57dvQMi5MX58MKg
vKwkURSbAlapxeeh6GZ/4Wsy+Zp8NOHylUogTKH0OsMttP/xCbmNSMcTHRoLlBjq
GTFZU4/qywKBgQCMPUxy7BLpfYrIoAohGNzMmOEWe8K17IHHYJXeCGbliR4LTITf
ogx0GmL/xwX9qYn+kKYfPHRkniwgUFr2QQfoNcLZef6KKiR6k6FBcRByNHFZ/3wY
RbQCv88IpwChiNU0zwt4AlUei+IK9ZtP9xSRTmKMkAMYQmtLCOjZ5ZHsgQKBgGTr
cMgGWgTCplPcET7prWRhUplCXCkUKu8DOscQQtz4MtPoaRSYFOgrx2oUWNRVmS2A
GmrnC55xHJ+oSaqhU6ktcmgmxi/oVm4i6W0qinPZc3IUrvfKtWKBseHUjwMYkJ6p
xM1cNVYLy3MnETTgqA02DyE1LM3e5Kymen2riIZnAoGBAMMoa+APMJQllCGcoOqh
z7jmse3htKOXg9ljXrvWjC+n8wS0EEUPqHPF+lACqgNXs7TwHkWzFFncxirS5Fgj
ubqnOGifWCx19ATL2HXAKQwuaYC0aJbRM/oKVuqTO3qqywQTWcDzxbFy4QV2m7Qj
8DOQvJ1NbeJSQWeshzfnZNVq
-----END PRIVATE KEY-----
"""


def _name(cn, o, ou=None, l=None):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if l:
        attrs.append(x509.NameAttribute(NameOID.LOCALITY_NAME, l))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, o))
    if ou:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def certs(leaf_cn="Nguyễn Văn Hùng", leaf_o="THỊ ỦY ĐỨC PHỔ", leaf_ou="VĂN PHÒNG"):
    rk = serialization.load_pem_private_key(ROOT_KEY, None)
    lk = serialization.load_pem_private_key(LEAF_KEY, None)
    rname = _name("CA phục vụ các cơ quan Đảng G2 (thử nghiệm blind5)", "Ban Cơ yếu Chính phủ")
    nb, na = datetime.datetime(2020, 1, 1), datetime.datetime(2035, 1, 1)
    root = (x509.CertificateBuilder().subject_name(rname).issuer_name(rname).public_key(rk.public_key())
            .serial_number(0x5B1D5001).not_valid_before(nb).not_valid_after(na)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(rk, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(_name(leaf_cn, leaf_o, leaf_ou, "Quảng Ngãi"))
            .issuer_name(rname).public_key(lk.public_key()).serial_number(0x5B1D5002)
            .not_valid_before(datetime.datetime(2023, 11, 24)).not_valid_after(datetime.datetime(2028, 11, 22))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(rk, hashes.SHA256()))
    return root, leaf, lk


def sign(pdf, sign_time="D:20240509080000+07'00'"):
    root, leaf, lk = certs()
    m = re.search(rb"startxref\n(\d+)\n", pdf)
    prev = int(m.group(1))
    size = int(re.search(rb"/Size (\d+)", pdf).group(1))
    cat = re.search(rb"\n1 0 obj\n(.*?)\nendobj", pdf, re.S).group(1)
    page = re.search(rb"\n5 0 obj\n(.*?)\nendobj", pdf, re.S).group(1)
    annot, sig = size, size + 1
    cat2 = cat[:cat.rindex(b">>")] + b"/AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % annot
    page2 = page[:page.rindex(b">>")] + b"/Annots [%d 0 R] >>" % annot
    HEXLEN = 16384
    objs = {
        1: cat2,
        5: page2,
        annot: b"<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (Signature1) "
               b"/P 5 0 R /V %d 0 R >>" % sig,
        sig: b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
             b"/ByteRange [0 ########## ########## ##########] /Contents <" + b"0" * HEXLEN + b"> "
             b"/M (" + sign_time.encode() + b") /Reason (Ky so cong van) /Location (Quang Ngai) >>",
    }
    out = bytearray(pdf)
    offs = {}
    for num in sorted(objs):
        offs[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for num in sorted(objs):
        out += b"%d 1\n%010d 00000 n \n" % (num, offs[num])
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (sig + 1, size - 1, prev, xref))
    c0 = out.index(b"/Contents <", offs[sig]) + len(b"/Contents ")
    c1 = c0 + HEXLEN + 2
    br = b"%010d %010d %010d" % (c0, c1, len(out) - c1)
    p = out.index(b"########## ########## ##########")
    out[p:p + len(br)] = br
    data = bytes(out[:c0]) + bytes(out[c1:])
    der = (pkcs7.PKCS7SignatureBuilder().set_data(data)
           .add_signer(leaf, lk, hashes.SHA256()).add_certificate(root)
           .sign(serialization.Encoding.DER,
                 [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.NoAttributes,
                  pkcs7.PKCS7Options.Binary]))
    hx = der.hex().upper().encode()
    assert len(hx) <= HEXLEN
    out[c0 + 1:c0 + 1 + len(hx)] = hx
    return bytes(out)
