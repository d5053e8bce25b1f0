#!/usr/bin/env bash
# pdfbox.sh BIN PKI_DIR: PDF signatures checked against Apache PDFBox 2 and
# BouncyCastle (Debian's libpdfbox2-java, libbcpkix-java, libbcprov-java),
# an implementation independent of hotrocks, both ways: what PDFBox signs
# (ETSI.CAdES.detached and adbe.pkcs7.detached, in an incremental update)
# hotrocks must judge valid, a tampered copy invalid and one under another
# root untrusted; what hotrocks signs PDFBox must verify, and not once
# tampered. PdfBoxSign.java is compiled here with javac; no jar is kept.
# PKI_DIR is a test PKI from tests/pki/make-pki.sh; nothing here is a
# real trust anchor. Exits 2 without java, javac or the jars
# (`make interop` installs them through .ci/deps interop).
set -u
bin=$1
pki=$2
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
jars=/usr/share/java
cp=""
for j in pdfbox2 fontbox2 commons-logging bcprov bcpkix bcutil; do
	if [ ! -f "$jars/$j.jar" ]; then
		echo "interop: $jars/$j.jar not found (libpdfbox2-java," \
		    "libbcpkix-java); nothing checked" >&2
		exit 2
	fi
	cp="$cp${cp:+:}$jars/$j.jar"
done
for t in java javac; do
	if ! command -v $t >/dev/null; then
		echo "interop: $t not found (default-jdk-headless);" \
		    "nothing checked" >&2
		exit 2
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-pdfbox-XXXXXX")
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

mkdir "$work/classes"
if ! javac -nowarn -encoding UTF-8 -cp "$cp" -d "$work/classes" \
    "$here/PdfBoxSign.java" 2>"$work/err"; then
	echo "interop: javac PdfBoxSign.java failed" >&2
	cat "$work/err" >&2
	exit 1
fi
pdfbox() {
	java -Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.NoOpLog \
	    -cp "$cp:$work/classes" PdfBoxSign "$@"
}

"$python" "$here/make-letter.py" "$work/letter.pdf"

# The value at a dotted path in hotrocks's JSON line.
jget() {
	"$python" -c '
import json, sys
v = json.loads(sys.argv[1])
for k in sys.argv[2].split("."):
    v = v[int(k)] if isinstance(v, list) else v.get(k)
    if v is None:
        break
print(json.dumps(v) if isinstance(v, (bool, list, dict)) or v is None
      else v)' "$1" "$2"
}

# One code point of the page changed ("Ơ" of SƠN), inside the signed bytes.
tamper() {
	"$python" -c '
import sys
b = open(sys.argv[1], "rb").read()
i = b.index(b"01A0")
open(sys.argv[2], "wb").write(b[:i] + b"00D3" + b[i + 4:])' "$1" "$2"
}

# hotrocks's verdict on FILE: FILE WANT-STATUS LABEL [NSIGS]
expect_hotrocks() {
	local out st
	out=$("$bin" verify --json --anchors "$pki/root.pem" \
	    --crls "$pki/crl" "$1" 2>&1)
	st=$(jget "$out" signature.status 2>/dev/null)
	if [ "$st" != "$2" ]; then
		bad "$3: hotrocks says ${st:-nothing}, want $2" "$out"
	elif [ "$2" = valid ] &&
	    [ "$(jget "$out" signature.covers_all_parts)" != true ]; then
		bad "$3: valid but covers_all_parts is not true" "$out"
	elif [ -n "${4:-}" ] && [ "$("$python" -c 'import json, sys
print(len(json.loads(sys.argv[1])["signatures"]))' "$out")" != "$4" ]; then
		bad "$3: hotrocks does not report $4 signatures" "$out"
	else
		ok "$3: hotrocks $2"
	fi
}

# PDFBox's verdict on FILE: FILE WANT(valid|invalid) LABEL
expect_pdfbox() {
	local out
	out=$(pdfbox verify "$pki/root.pem" "$1" 2>&1)
	case "$out" in
	"$1 $2"*) ok "$3: PDFBox $2" ;;
	*) bad "$3: PDFBox did not say $2" "$out" ;;
	esac
}

# PDFBox signs: IN OUT cades|pkcs7 LEAF CHAIN
pdfbox_sign() {
	if ! pdfbox sign "$pki/$4.key.pem" "$pki/$4.pem" "$pki/$5" "$1" "$2" \
	    "$3" 2>"$work/err"; then
		bad "PDFBox sign $2" "$(cat "$work/err")"
		return 1
	fi
}

# hotrocks signs: IN OUT [--pkcs7]
hotrocks_sign() {
	if ! "$bin" sign ${3:-} --key "$pki/sontinh.key.pem" \
	    --cert "$pki/sontinh.pem" --chain "$pki/chain.pem" "$1" "$2" \
	    2>"$work/err"; then
		bad "hotrocks sign $2" "$(cat "$work/err")"
		return 1
	fi
}

# PDFBox signs, hotrocks verifies.
for sf in cades pkcs7; do
	f=$work/pdfbox-$sf.pdf
	pdfbox_sign "$work/letter.pdf" "$f" $sf sontinh chain.pem || continue
	expect_hotrocks "$f" valid "PDFBox $sf"
	tamper "$f" "$work/pdfbox-$sf-tampered.pdf"
	expect_hotrocks "$work/pdfbox-$sf-tampered.pdf" invalid \
	    "PDFBox $sf, tampered"
done
pdfbox_sign "$work/letter.pdf" "$work/pdfbox-other-root.pdf" cades fake \
    fake-chain.pem &&
	expect_hotrocks "$work/pdfbox-other-root.pdf" untrusted \
	    "PDFBox cades under another root of the same name"

# hotrocks signs, PDFBox verifies.
for sf in cades pkcs7; do
	f=$work/hotrocks-$sf.pdf
	hotrocks_sign "$work/letter.pdf" "$f" \
	    "$([ $sf = pkcs7 ] && echo --pkcs7)" || continue
	expect_pdfbox "$f" valid "hotrocks $sf"
	tamper "$f" "$work/hotrocks-$sf-tampered.pdf"
	expect_pdfbox "$work/hotrocks-$sf-tampered.pdf" invalid \
	    "hotrocks $sf, tampered"
done

# Both: PDFBox countersigns what hotrocks signed, in a second revision;
# each side finds both signatures good.
if [ -f "$work/hotrocks-cades.pdf" ] &&
    pdfbox_sign "$work/hotrocks-cades.pdf" "$work/both.pdf" cades sontinh \
    chain.pem; then
	expect_hotrocks "$work/both.pdf" valid "hotrocks then PDFBox" 2
	expect_pdfbox "$work/both.pdf" valid "hotrocks then PDFBox"
fi

echo "interop pdfbox: $pass ok, $fail failed"
[ "$fail" -eq 0 ]
