#!/bin/sh
# pki.sh DIR: the suite's test PKI (tests/pki/make-pki.sh) plus a leaf for
# each unit of this trial, issued by the same "CA phục vụ các cơ quan Đảng
# G2" intermediate, O and OU as the CA writes them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
d=$1
sh "$here/../pki/make-pki.sh" "$d"
cd "$d"
leaf() { # name subject
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
	    -out "$1.key.pem" 2>/dev/null
	openssl req -new -key "$1.key.pem" -out "$1.csr" -subj "$2" -utf8
	openssl x509 -req -in "$1.csr" -CA int.pem -CAkey int.key.pem \
	    -CAcreateserial -out "$1.pem" -days 1825 -extfile ca.cnf \
	    -extensions v3_leaf -sha256 2>/dev/null
	rm -f "$1.csr"
}
leaf binhson "/C=VN/L=Quảng Ngãi/O=HUYỆN ỦY BÌNH SƠN/OU=VĂN PHÒNG/CN=Võ Thị Mỹ Linh/emailAddress=vanphong.binhson@quangngai.dcs.vn"
leaf ducpho "/C=VN/L=Quảng Ngãi/O=THỊ ỦY ĐỨC PHỔ/OU=VĂN PHÒNG/CN=Nguyễn Văn Hùng"
leaf lyson "/C=VN/L=Quảng Ngãi/O=HUYỆN ỦY LÝ SƠN/OU=VĂN PHÒNG/CN=Trương Thị Bích"
leaf laha "/C=VN/L=Quảng Ngãi/O=ĐẢNG ỦY THỊ TRẤN LA HÀ/CN=Phạm Văn Tâm"
leaf tinhha "/C=VN/L=Quảng Ngãi/O=ĐẢNG ỦY XÃ TỊNH HÀ/CN=Lê Văn Sáu"
leaf mttq "/C=VN/L=Quảng Ngãi/O=ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI/OU=VĂN PHÒNG/CN=Đinh Thị Hoa"
