#!/usr/bin/env bash
# pdfsig.sh BIN PKI_DIR: PDF signatures written by `hotrocks sign` checked
# by poppler's pdfsig, an implementation independent of hotrocks (NSS for
# the chain, its own ByteRange reading): both SubFilters verify and chain
# to the test root held in an NSS database made here with certutil; a
# tampered file does not verify, and one signed under another root of
# the same name does not chain. PKI_DIR is a
# test PKI from tests/pki/make-pki.sh; nothing here is a real anchor.
# The other way (pdfsig -add-signature) is not used: poppler 22.12 writes
# a signature over the wrong bytes ("Digest Mismatch" in its own check).
# Exits 2 without pdfsig and certutil (poppler-utils, libnss3-tools).
set -u
bin=$1
pki=$2
python=${PYTHON:-/usr/bin/python3}

for t in pdfsig certutil; do
	if ! command -v $t >/dev/null; then
		echo "interop: $t not found (poppler-utils, libnss3-tools);" \
		    "nothing checked" >&2
		exit 2
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-pdfsig-XXXXXX")
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok    $1"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL  $1"
	[ -z "${2:-}" ] || echo "      $2" | cut -c1-400
}

# A one-page công văn whose text extracts, as check-cover.c writes it.
"$python" - "$work/letter.pdf" <<'PY'
import sys
lines = ["HUYỆN ỦY SƠN TỊNH", "V/v đề nghị kích hoạt SIM ký số",
         "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi"]
body = "BT /F1 11 Tf 14 TL 50 800 Td\n" + "".join(
    "<%s> Tj T*\n" % "".join("%04X" % ord(c) for c in l) for l in lines) + "ET"
cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        "32 beginbfrange\n" + "".join("<%02X00> <%02XFF> <%02X00>\n" % (h, h, h)
                                      for h in range(0x20)) +
        "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
        "<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT "
        "/Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        "/Supplement 0 >> /DW 500 /CIDToGIDMap /Identity >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap)]
out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o.encode("ascii") + b"\nendobj\n"
x = len(out)
out += b"xref\n0 8\n0000000000 65535 f \n" + b"".join(
    b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size 8 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
open(sys.argv[1], "wb").write(out)
PY

nss="$work/nss"
mkdir "$nss"
certutil -N -d "sql:$nss" --empty-password &&
certutil -A -d "sql:$nss" -n "hotrocks test root" -t "C,C,C" \
    -i "$pki/root.pem" &&
certutil -A -d "sql:$nss" -n "hotrocks test int" -t ",," \
    -i "$pki/chain.pem" || { echo "interop: certutil failed" >&2; exit 1; }

# pdfsig's report on one file.
ps() {
	pdfsig -nssdir "sql:$nss" "$1" 2>&1
}

# hotrocks signs (LABEL LEAF CHAIN [--pkcs7]); pdfsig must say WANT.
check() {
	label=$1 leaf=$2 chain=$3 want=$4
	shift 4
	out="$work/$label.pdf"
	if ! "$bin" sign "$@" --key "$pki/$leaf.key.pem" \
	    --cert "$pki/$leaf.pem" --chain "$pki/$chain" \
	    "$work/letter.pdf" "$out" 2>"$work/err"; then
		bad "$label: hotrocks sign" "$(cat "$work/err")"
		return
	fi
	[ -z "${TAMPER:-}" ] || "$python" -c '
import sys
p = sys.argv[1]; b = open(p, "rb").read()
i = b.index(b"01A0")  # "Ơ" of SƠN in the page: one code point changed
open(p, "wb").write(b[:i] + b"00D3" + b[i + 4:])' "$out"
	r=$(ps "$out")
	if grep -q "$want" <<<"$r"; then
		ok "$label: pdfsig: $want"
	else
		bad "$label: pdfsig did not say \"$want\"" "$r"
	fi
	# and hotrocks agrees on what pdfsig finds valid and trusted
	[ "$want" = "Certificate is Trusted" ] || return
	if "$bin" verify --anchors "$pki/root.pem" --crls "$pki/crl" \
	    "$out" >/dev/null 2>&1; then
		ok "$label: hotrocks verify: valid"
	else
		bad "$label: hotrocks verify: not valid"
	fi
}

check cades sontinh chain.pem "Signature is Valid"
check cades-chain sontinh chain.pem "Certificate is Trusted"
check pkcs7 sontinh chain.pem "Signature is Valid" --pkcs7
check pkcs7-chain sontinh chain.pem "Certificate is Trusted" --pkcs7
TAMPER=1 check tampered sontinh chain.pem "Digest Mismatch"
check other-root fake fake-chain.pem "Certificate issuer is unknown"

echo "interop pdfsig: $pass ok, $fail failed"
[ "$fail" -eq 0 ]
