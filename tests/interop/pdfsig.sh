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
"$python" "$(dirname "$0")/make-letter.py" "$work/letter.pdf"

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
