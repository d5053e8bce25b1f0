#!/bin/sh
# sign.sh HOTROCKS PKI DOCS: sign what the units of this trial sign, as
# README says (`hotrocks sign`); the MTTQ cover letter becomes a PDF
# (LibreOffice) and is signed PAdES; the rest stays unsigned.
set -eu
hr=$1 pki=$2 d=$3
s() { # leaf file
	"$hr" sign --key "$pki/$1.key.pem" --cert "$pki/$1.pem" \
	    --chain "$pki/chain.pem" "$d/$2" "$d/$2.tmp"
	mv "$d/$2.tmp" "$d/$2"
}
s sontinh "DS kich hoat SIM HU Son Tinh.docx"
s sontinh "DS kich hoat SIM HU Son Tinh (da sua).docx"
s sontinh "DS bo sung HU Son Tinh.docx"
s btg "Phu luc 3 - BTG.docx"
s binhson "Danh sách kích hoạt SIM ký số - HU Bình Sơn.xlsx"
s tinhha "DS SIM Tinh Ha.xlsx"
s tinhha "DS SIM Tinh Ha (sua).xlsx"
s laha "Danh sach kich hoat SIM - DU TT La Ha.docx"
s ducpho "Mau 12 - de nghi khoi phuc eToken - TU Duc Pho.docx"
s lyson "Bao cao CTS 6 thang cuoi nam 2026 - HU Ly Son.docx"
(cd "$d" && HOME=/tmp soffice --headless --convert-to pdf cong-van-245-mttq.xlsx \
    >/dev/null 2>&1)
s mttq cong-van-245-mttq.pdf
