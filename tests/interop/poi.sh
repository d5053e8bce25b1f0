#!/usr/bin/env bash
# poi.sh BIN PKI_DIR SAMPLES_DIR: OOXML signatures checked against Apache
# POI, an implementation independent of hotrocks, both ways: what POI signs
# hotrocks must judge valid, what hotrocks signs POI must verify, and a
# tampered file must fail. PKI_DIR is a test PKI from tests/pki/make-pki.sh;
# nothing here is a real trust anchor. Exits 2 without ../shared/tools/poi.
set -u
bin=$1
pki=$2
samples=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
poi=${POI_DIR:-$root/../shared/tools/poi}
python=${PYTHON:-/usr/bin/python3}

if [ ! -x "$poi/poi-sign" ]; then
	echo "interop: $poi not found: the shared tools sit beside the" \
	    "repository (../shared), as in CI; nothing checked" >&2
	exit 2
fi
if [ ! -f "${POI_WORK:-/tmp/hotrocks-poi}/classpath" ] ||
    ! command -v java >/dev/null; then
	echo "interop: setting up poi-sign (once; installs a JDK)"
	"$poi/setup" || { echo "interop: poi-sign setup failed" >&2; exit 1; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-interop-XXXXXX")
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

# The value at a dotted path in a JSON line: signature.status, parts.0.valid.
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

# hotrocks verify --json on one file, with the test PKI as trust.
hv() {
	"$bin" verify --json --anchors "$pki/root.pem" --crls "$pki/crl" "$1"
}

# Checks one hotrocks verdict: FILE WANT-STATUS LABEL [SERIAL]
expect_hotrocks() {
	local out st
	out=$(hv "$1" 2>&1)
	st=$(jget "$out" signature.status 2>/dev/null)
	if [ "$st" != "$2" ]; then
		bad "$3: hotrocks says ${st:-nothing}, want $2" "$out"
	elif [ "$2" = valid ] &&
	    [ "$(jget "$out" signature.covers_all_parts)" != true ]; then
		bad "$3: valid but covers_all_parts is not true" "$out"
	elif [ -n "${4:-}" ] &&
	    [ "$(jget "$out" signature.signer.serial)" != "$4" ]; then
		bad "$3: signer serial is not $4" "$out"
	else
		ok "$3: hotrocks $2"
	fi
}

# Checks POI's verdict on FILE in the JSON lines of a batch: FILE WANT LABEL
expect_poi() {
	local line v
	line=$(grep -F "{\"file\":\"$1\"" "$work/poi-verify.out" | head -1)
	v=$(jget "$line" verifySignature 2>/dev/null)
	if [ "$v" = "$2" ]; then
		ok "$3: POI verifySignature $2"
	else
		bad "$3: POI verifySignature ${v:-nothing}, want $2" "$line"
	fi
}

serial() {
	openssl x509 -noout -serial -in "$1" | sed 's/^serial=//' |
	    tr 'A-F' 'a-f'
}

# POI 4.0.1 signs with RSA keys only; the test PKI's leaves are P-256, so
# the intermediate issues one RSA leaf for this run.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -out "$work/rsa.key.pem" 2>/dev/null &&
openssl req -new -key "$work/rsa.key.pem" -out "$work/rsa.csr" -utf8 \
    -subj "/C=VN/O=HUYỆN ỦY SƠN TỊNH/OU=VĂN PHÒNG/CN=Nguyễn Đức Thắng" &&
openssl x509 -req -in "$work/rsa.csr" -CA "$pki/int.pem" \
    -CAkey "$pki/int.key.pem" -set_serial "0x$(openssl rand -hex 12)" \
    -days 3650 -extfile "$pki/ca.cnf" -extensions v3_leaf -sha256 \
    -out "$work/rsa.pem" 2>/dev/null ||
	{ echo "interop: cannot issue the RSA leaf" >&2; exit 1; }
# poi-sign wants unencrypted PKCS#8 PEM
for k in rsa.key.pem; do
	if ! grep -q 'BEGIN PRIVATE KEY' "$work/$k"; then
		openssl pkey -in "$work/$k" -out "$work/$k.p8" &&
		    mv "$work/$k.p8" "$work/$k"
	fi
done
rsa_serial=$(serial "$work/rsa.pem")
st_serial=$(serial "$pki/sontinh.pem")

# The sample lists: a DOCX and an XLSX attachment.
if ! "$python" - "$samples" "$work" <<'PY'

import email, email.policy, os, sys
s, w = sys.argv[1], sys.argv[2]
for eml, ext in (("01-outlook-docx-sontinh.eml", "docx"),
                 ("03-zimbra-xlsx-binhson.eml", "xlsx")):
    with open(os.path.join(s, eml), "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    for p in m.iter_attachments():
        if (p.get_filename() or "").endswith("." + ext):
            with open(os.path.join(w, "list." + ext), "wb") as o:
                o.write(p.get_content())
            break
    else:
        sys.exit(eml + ": no ." + ext)
PY
then
	echo "interop: no sample lists in $samples" >&2
	exit 1
fi

# Changes one byte of a part: the first digit after its first 200 bytes.
tamper() {
	"$python" - "$1" "$2" "$3" <<'PY'
import sys, zipfile
src, dst, part = sys.argv[1:4]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w",
        zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        d = z.read(i)
        if i.filename == part:
            k = next(k for k in range(200, len(d)) if 48 <= d[k] <= 57)
            d = d[:k] + bytes([48 + (d[k] - 47) % 10]) + d[k + 1:]
        o.writestr(i, d)
PY
}

# Rewrites every .rels part as Office 2007 wrote them, pretty-printed:
# a line break and indentation between the elements, each end tag on its
# own line. With FROM TO, also replaces the first FROM in
# word/_rels/document.xml.rels (a real change to a signed relationship).
# POI rewrites .rels compactly when it saves, so a pretty part can only
# be made this way after POI signs.
pretty_rels() {
	"$python" - "$@" <<'PY'
import sys, zipfile
src, dst = sys.argv[1:3]
edit = sys.argv[3:5]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w",
        zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        d = z.read(i)
        if i.filename.endswith(".rels"):
            d = d.replace(b"><Relationship ", b">\r\n  <Relationship ")
            d = d.replace(b"/>", b">\r\n</Relationship>")
            d = d.replace(b"</Relationships>", b"\r\n</Relationships>")
            if edit and i.filename == "word/_rels/document.xml.rels":
                assert edit[0].encode() in d, edit[0]
                d = d.replace(edit[0].encode(), edit[1].encode(), 1)
        o.writestr(i, d)
PY
}

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)

echo "== POI signs, hotrocks verifies"
: > "$work/jobs.tsv"
for f in docx xlsx; do
	for d in sha256 sha1; do
		# one job a line: the sign options, tab-separated
		printf -- '--%s\t%s\t' in "$work/list.$f" \
		    out "$work/poi-$d.$f" key "$work/rsa.key.pem" \
		    certs "$work/rsa.pem,$pki/int.pem" digest "$d" \
		    time "$now" >> "$work/jobs.tsv"
		echo >> "$work/jobs.tsv"
	done
done
if ! "$poi/poi-sign" sign-batch "$work/jobs.tsv" > "$work/poi-sign.out" 2>&1
then
	bad "poi-sign sign-batch" "$(tail -3 "$work/poi-sign.out")"
fi
for f in docx xlsx; do
	for d in sha256 sha1; do
		if [ -f "$work/poi-$d.$f" ]; then
			expect_hotrocks "$work/poi-$d.$f" valid \
			    "POI-signed $f ($d)" "$rsa_serial"
		else
			bad "POI-signed $f ($d): POI wrote nothing"
		fi
	done
done
for f in docx xlsx; do
	[ -f "$work/poi-sha256.$f" ] || continue
	part=word/document.xml
	[ $f = xlsx ] && part=xl/sharedStrings.xml
	tamper "$work/poi-sha256.$f" "$work/poi-tampered.$f" "$part"
	expect_hotrocks "$work/poi-tampered.$f" invalid \
	    "POI-signed $f, one byte of $part changed"
done

if [ -f "$work/poi-sha256.docx" ]; then
	"$python" - "$work/poi-sha256.docx" "$work/poi-added.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, zipfile.ZipFile(sys.argv[2], "w",
        zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        o.writestr(i, z.read(i))
    o.writestr("word/media/added.png", b"\x89PNG\r\n")
PY
	expect_hotrocks "$work/poi-added.docx" partial \
	    "POI-signed docx, a part added after"
fi

# Office 2007 pretty-printed its relationships parts and signed them so:
# the relationship transform (ECMA-376 Part 2, 13.2.4.24) drops what lies
# between and inside the Relationship elements, so the verdict stands.
if [ -f "$work/poi-sha256.docx" ]; then
	pretty_rels "$work/poi-sha256.docx" "$work/poi-pretty.docx"
	expect_hotrocks "$work/poi-pretty.docx" valid \
	    "POI-signed docx, .rels pretty-printed as Office 2007 wrote them"
	pretty_rels "$work/poi-sha256.docx" "$work/poi-pretty-tampered.docx" \
	    'Target="styles.xml"' 'Target="settings.xml"'
	expect_hotrocks "$work/poi-pretty-tampered.docx" invalid \
	    "POI-signed docx, pretty-printed, a signed Target changed"
fi

echo "== hotrocks signs, POI verifies"
hs() { # LABEL KEY CERT IN OUT
	if "$bin" sign --key "$2" --cert "$3" --chain "$pki/chain.pem" \
	    "$4" "$5" 2>"$work/err"; then
		return 0
	fi
	bad "$1: hotrocks sign failed" "$(cat "$work/err")"
	return 1
}
for f in docx xlsx; do
	hs "hotrocks-signed $f (P-256)" "$pki/sontinh.key.pem" \
	    "$pki/sontinh.pem" "$work/list.$f" "$work/h-ec.$f"
	hs "hotrocks-signed $f (RSA)" "$work/rsa.key.pem" "$work/rsa.pem" \
	    "$work/list.$f" "$work/h-rsa.$f"
done
pretty_rels "$work/list.docx" "$work/list-pretty.docx"
hs "hotrocks-signed docx, pretty-printed .rels" "$pki/sontinh.key.pem" \
    "$pki/sontinh.pem" "$work/list-pretty.docx" "$work/h-pretty.docx"
hs "hotrocks-signed docx twice" "$pki/btg.key.pem" "$pki/btg.pem" \
    "$work/h-ec.docx" "$work/h-two.docx"
[ -f "$work/h-ec.docx" ] &&
	tamper "$work/h-ec.docx" "$work/h-tampered.docx" word/document.xml
files=""
for f in h-ec.docx h-ec.xlsx h-rsa.docx h-rsa.xlsx h-two.docx \
    h-tampered.docx poi-tampered.docx h-pretty.docx poi-pretty.docx \
    poi-pretty-tampered.docx; do
	[ -f "$work/$f" ] && files="$files $work/$f"
done
# shellcheck disable=SC2086
"$poi/poi-sign" verify $files > "$work/poi-verify.out" 2>&1
for f in docx xlsx; do
	expect_poi "$work/h-ec.$f" true "hotrocks-signed $f (P-256)"
	expect_poi "$work/h-rsa.$f" true "hotrocks-signed $f (RSA)"
	expect_hotrocks "$work/h-ec.$f" valid "hotrocks-signed $f (P-256)" \
	    "$st_serial"
done
expect_poi "$work/h-pretty.docx" true \
    "hotrocks-signed docx, pretty-printed .rels"
expect_hotrocks "$work/h-pretty.docx" valid \
    "hotrocks-signed docx, pretty-printed .rels" "$st_serial"
expect_poi "$work/poi-pretty.docx" true \
    "POI-signed docx, .rels pretty-printed as Office 2007 wrote them"
expect_poi "$work/poi-pretty-tampered.docx" false \
    "POI-signed docx, pretty-printed, a signed Target changed"
expect_poi "$work/h-two.docx" true "hotrocks-signed docx, two signatures"
line=$(grep -F "\"file\":\"$work/h-two.docx\"" "$work/poi-verify.out")
if [ "$(jget "$line" parts.1.valid 2>/dev/null)" = true ] &&
    [ "$(jget "$line" parts.0.valid 2>/dev/null)" = true ]; then
	ok "hotrocks-signed docx, two signatures: POI finds both valid"
else
	bad "hotrocks-signed docx, two signatures: POI parts" "$line"
fi
# The witnesses must be able to say no.
expect_poi "$work/h-tampered.docx" false "hotrocks-signed docx, tampered"
expect_poi "$work/poi-tampered.docx" false "POI-signed docx, tampered"

echo "interop: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
