"""Test PKI of blind set 8 (python3-cryptography): made afresh each run."""
import datetime as dt
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID

UTC = dt.timezone.utc


def T(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def name(cn, o=None, ou=None, email=None, c="VN"):
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, c)]
    if o:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, o))
    if ou:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    return x509.Name(attrs)


def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Ent:
    def __init__(self, cert, key):
        self.cert, self.key = cert, key


def make_cert(subject, pub, issuer_name, issuer_key, nb, na, ca=False,
              ku=None, serial=None, aki_key=None):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
         .public_key(pub).serial_number(serial or x509.random_serial_number())
         .not_valid_before(T(nb)).not_valid_after(T(na)))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    if ku is None:
        if ca:
            ku = dict(key_cert_sign=True, crl_sign=True, digital_signature=False,
                      content_commitment=False)
        else:
            ku = dict(key_cert_sign=False, crl_sign=False, digital_signature=True,
                      content_commitment=True)
    full = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False)
    full.update(ku)
    b = b.add_extension(x509.KeyUsage(**full), critical=True)
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
    if aki_key is not None:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_key),
                            critical=False)
    return b.sign(issuer_key, hashes.SHA256())


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


def keypem(k):
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                           serialization.NoEncryption())


ROOT_NAME = name("Blind8 CA phục vụ các cơ quan Đảng G2 (TEST)", o="Ban Cơ yếu Chính phủ")
INT_NAME = name("Blind8 CA cấp dưới Đảng G2 (TEST)", o="Ban Cơ yếu Chính phủ")

UNITS = {
    "sontinh": ("HUYỆN ỦY SƠN TỊNH", "Nguyễn Văn Bình", "vanphong@sontinh.dcs.vn"),
    "tunghia": ("HUYỆN ỦY TƯ NGHĨA", "Lê Thị Hoa", "vanphong@tunghia.dcs.vn"),
}


def build(outdir):
    d = os.path.join(outdir, "pki")
    os.makedirs(os.path.join(d, "crl"), exist_ok=True)
    rk = key()
    root = make_cert(ROOT_NAME, rk.public_key(), ROOT_NAME, rk, "2020-01-01T00:00:00Z",
                     "2040-01-01T00:00:00Z", ca=True)
    ik = key()
    inter = make_cert(INT_NAME, ik.public_key(), ROOT_NAME, rk, "2020-01-01T00:00:00Z",
                      "2035-01-01T00:00:00Z", ca=True, aki_key=rk.public_key())
    ents = {"root": Ent(root, rk), "int": Ent(inter, ik)}

    def leaf(tag, unit, nb="2024-01-01T00:00:00Z", na="2029-01-01T00:00:00Z", ku=None,
             issuer=None, self_signed=False):
        o, cn, mail = UNITS[unit]
        k = key()
        subj = name(cn, o=o, ou="VĂN PHÒNG", email=mail)
        if self_signed:
            c = make_cert(subj, k.public_key(), subj, k, nb, na, ku=ku)
        else:
            iss = issuer or ents["int"]
            c = make_cert(subj, k.public_key(), iss.cert.subject, iss.key, nb, na, ku=ku,
                          aki_key=iss.key.public_key())
        ents[tag] = Ent(c, k)

    leaf("sontinh", "sontinh")
    leaf("tunghia", "tunghia")
    leaf("revoked", "sontinh")
    leaf("expired", "sontinh", nb="2021-01-01T00:00:00Z", na="2023-12-31T00:00:00Z")
    leaf("notyet", "sontinh", nb="2025-01-01T00:00:00Z", na="2030-01-01T00:00:00Z")
    leaf("selfsigned", "sontinh", self_signed=True)
    leaf("encipher", "sontinh", ku=dict(key_encipherment=True))
    # an impostor: same names as our root and intermediate, other keys
    fk = key()
    froot = make_cert(ROOT_NAME, fk.public_key(), ROOT_NAME, fk, "2020-01-01T00:00:00Z",
                      "2040-01-01T00:00:00Z", ca=True)
    fik = key()
    finter = make_cert(INT_NAME, fik.public_key(), ROOT_NAME, fk, "2020-01-01T00:00:00Z",
                       "2035-01-01T00:00:00Z", ca=True, aki_key=fk.public_key())
    ents["fakeint"] = Ent(finter, fik)
    leaf("impostor", "sontinh", issuer=ents["fakeint"])
    # a leaf issued by another leaf (no CA bit), and an intermediate the root revoked
    leaf("leafissued", "sontinh", issuer=ents["tunghia"])
    i2k = key()
    int2 = make_cert(name("Blind8 CA cấp dưới 2 (TEST)", o="Ban Cơ yếu Chính phủ"), i2k.public_key(),
                     ROOT_NAME, rk, "2020-01-01T00:00:00Z", "2035-01-01T00:00:00Z", ca=True,
                     aki_key=rk.public_key())
    ents["int2"] = Ent(int2, i2k)
    leaf("underrevokedca", "sontinh", issuer=ents["int2"])

    # CRLs: the intermediate revokes "revoked" (before any signing time used)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(inter.subject)
           .last_update(T("2024-04-01T00:00:00Z")).next_update(T("2031-01-01T00:00:00Z"))
           .add_revoked_certificate(x509.RevokedCertificateBuilder()
                                    .serial_number(ents["revoked"].cert.serial_number)
                                    .revocation_date(T("2024-03-15T00:00:00Z")).build())
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ik.public_key()),
                          critical=False)
           .add_extension(x509.CRLNumber(7), critical=False)
           .sign(ik, hashes.SHA256()))
    rcrl = (x509.CertificateRevocationListBuilder().issuer_name(root.subject)
            .last_update(T("2024-04-01T00:00:00Z")).next_update(T("2031-01-01T00:00:00Z"))
            .add_revoked_certificate(x509.RevokedCertificateBuilder()
                                     .serial_number(int2.serial_number)
                                     .revocation_date(T("2024-02-01T00:00:00Z")).build())
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(rk.public_key()),
                           critical=False)
            .add_extension(x509.CRLNumber(3), critical=False)
            .sign(rk, hashes.SHA256()))
    with open(os.path.join(d, "crl", "int.crl.pem"), "wb") as f:
        f.write(crl.public_bytes(serialization.Encoding.PEM))
    with open(os.path.join(d, "crl", "root.crl"), "wb") as f:
        f.write(rcrl.public_bytes(serialization.Encoding.DER))
    with open(os.path.join(d, "anchors.pem"), "wb") as f:
        f.write(pem(root))
    with open(os.path.join(d, "intermediates.pem"), "wb") as f:
        f.write(pem(inter) + pem(int2))
    for tag, e in ents.items():
        with open(os.path.join(d, tag + ".cert.pem"), "wb") as f:
            f.write(pem(e.cert))
        with open(os.path.join(d, tag + ".key.pem"), "wb") as f:
            f.write(keypem(e.key))
        chain = {"impostor": pem(ents["fakeint"].cert), "leafissued":
                 pem(ents["tunghia"].cert) + pem(inter),
                 "underrevokedca": pem(int2)}.get(tag, pem(inter))
        with open(os.path.join(d, tag + ".chain.pem"), "wb") as f:
            f.write(chain)
    return d, ents
