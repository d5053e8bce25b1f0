#!/bin/sh
# make-pki.sh DIR: a test PKI made with the openssl command, as the suites
# and the demo need it. Names copy the government CA's shape; keys are
# P-256 to stay fast. Nothing here is ever a real trust anchor.
#   root, int            the hierarchy (root.pem is the trust anchor)
#   sontinh, btg          leaves for two units (O/OU as the CA writes them)
#   ducpho, tinhha        a town's committee and a commune's (relays, peers)
#   expired               a leaf valid only in 2020
#   future                a leaf not yet valid
#   revoked               a leaf revoked by crl/int.crl.pem
#   encipher              keyUsage keyEncipherment only (cannot sign)
#   fake-root, fake       a look-alike hierarchy with the same names
# Each leaf has LEAF.key.pem (PKCS#8), LEAF.pem, and chain.pem (int).
set -eu
d=$1
mkdir -p "$d/crl" "$d/ca"
cd "$d"
cat > ca.cnf <<'CNF'
[ca]
default_ca = int
[int]
dir = .
database = ca/index.txt
new_certs_dir = ca
serial = ca/serial
crlnumber = ca/crlnumber
default_md = sha256
policy = any
default_crl_days = 30
[any]
countryName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
emailAddress = optional
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_encipher]
basicConstraints = critical, CA:false
keyUsage = critical, keyEncipherment
CNF
: > ca/index.txt
echo 1000 > ca/serial
echo 1000 > ca/crlnumber

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key.pem" 2>/dev/null; }
root() { # name subject
	key "$1"
	openssl req -new -x509 -key "$1.key.pem" -out "$1.pem" -days 7300 \
	    -subj "$2" -config ca.cnf -extensions v3_ca -set_serial 1 \
	    -utf8 2>/dev/null
}
# issue NAME SUBJECT ISSUER EXT [start end]
issue() {
	key "$1"
	openssl req -new -key "$1.key.pem" -out "$1.csr" -subj "$2" -utf8 \
	    2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key.pem" \
	    -CAcreateserial -out "$1.pem" -days 3650 -extfile ca.cnf \
	    -extensions "$4" -sha256 2>/dev/null
	if [ $# -ge 6 ]; then
		# fixed dates: re-sign through `openssl ca`, which takes them
		rm -f "$1.pem"
		openssl ca -batch -config ca.cnf -name int -cert "$3.pem" \
		    -keyfile "$3.key.pem" -in "$1.csr" -out "$1.pem" \
		    -startdate "$5" -enddate "$6" -extensions "$4" -utf8 \
		    -preserveDN -notext 2>/dev/null
	fi
	rm -f "$1.csr"
}

G2='/C=VN/O=Ban Cơ yếu Chính phủ/CN=CA phục vụ các cơ quan Đảng G2'
root root "/C=VN/O=Ban Cơ yếu Chính phủ/CN=Test Root CA hotrocks"
issue int "$G2" root v3_ca
issue sontinh "/C=VN/L=Quảng Ngãi/O=HUYỆN ỦY SƠN TỊNH/OU=VĂN PHÒNG/CN=Nguyễn Đức Thắng/emailAddress=vanphong.sontinh@quangngai.dcs.vn" int v3_leaf
issue btg "/C=VN/O=TỈNH ỦY QUẢNG NGÃI/OU=BAN TUYÊN GIÁO/CN=Lê Thị Phương Thảo" int v3_leaf
issue ducpho "/C=VN/O=THỊ ỦY ĐỨC PHỔ/OU=VĂN PHÒNG/CN=Phạm Văn Hùng" int v3_leaf
issue tinhha "/C=VN/O=ĐẢNG ỦY XÃ TỊNH HÀ/CN=Trần Thị Mai" int v3_leaf
issue encipher "/C=VN/O=HUYỆN ỦY SƠN TỊNH/CN=Khóa mã hóa" int v3_encipher
issue expired "/C=VN/O=HUYỆN ỦY SƠN TỊNH/CN=Hết hạn" int v3_leaf 20200101000000Z 20201231000000Z
issue future "/C=VN/O=HUYỆN ỦY SƠN TỊNH/CN=Chưa hiệu lực" int v3_leaf 20400101000000Z 20401231000000Z
issue revoked "/C=VN/O=HUYỆN ỦY SƠN TỊNH/CN=Bị thu hồi" int v3_leaf
openssl ca -batch -config ca.cnf -name int -cert int.pem -keyfile int.key.pem \
    -revoke revoked.pem 2>/dev/null
openssl ca -batch -config ca.cnf -name int -cert int.pem -keyfile int.key.pem \
    -gencrl -out crl/int.crl.pem 2>/dev/null
root fake-root "/C=VN/O=Ban Cơ yếu Chính phủ/CN=Test Root CA hotrocks"
issue fake-int "$G2" fake-root v3_ca
issue fake "/C=VN/O=HUYỆN ỦY SƠN TỊNH/OU=VĂN PHÒNG/CN=Nguyễn Đức Thắng" fake-int v3_leaf
cp int.pem chain.pem
cp fake-int.pem fake-chain.pem
