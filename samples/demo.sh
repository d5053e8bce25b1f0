#!/bin/sh
# make demo: ingest the bundled samples into a throw-away state directory
# and show what hotrocks decided, as the staff would see it, and one reply
# as the unit would read it. The state directory goes when the demo ends,
# however it ends.
set -e
bin=$1
samples=$2
state=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-demo.XXXXXX")
trap 'rm -rf "$state"' EXIT
trap 'exit 130' INT TERM
conf=samples/hotrocks.conf

# The sample mail alone: the folder also holds the generator's notes.
# -p keeps each file's mtime, its Date: hotrocks reads it as the receipt.
mkdir "$state/mail"
cp -p "$samples"/*.eml "$state/mail/"
mail=$state/mail

echo "== hotrocks ingest: every sample message, into a temporary store"
"$bin" ingest -c "$conf" --db "$state/hotrocks.db" "$mail"
echo
echo "== the same again: nothing is recorded twice"
"$bin" ingest -q -c "$conf" --db "$state/hotrocks.db" "$mail"
"$bin" ingest -c "$conf" --db "$state/hotrocks.db" "$mail" | tail -n 1
echo
echo "== hotrocks cases"
"$bin" cases -c "$conf" --db "$state/hotrocks.db"
first=$("$bin" cases -c "$conf" --db "$state/hotrocks.db" --json |
    tail -n 1 | sed 's/.*"number":"\([^"]*\)".*/\1/')
if [ -n "$first" ]; then
	echo
	echo "== hotrocks case show $first"
	"$bin" case show "$first" -c "$conf" --db "$state/hotrocks.db"
fi
echo
echo "== hotrocks inspect: why a list was rejected"
rejected=
for f in "$mail"/*.eml; do
	if "$bin" inspect -c "$conf" --json "$f" | grep -q '"action":"reject"'; then
		"$bin" inspect -c "$conf" "$f"
		rejected=$f
		break
	fi
done
if [ -n "$rejected" ]; then
	echo
	echo "== the reply queued for it, as the unit will read it"
	${PYTHON:-/usr/bin/python3} - "$state/hotrocks.db" "$rejected" <<'PY'
import email, email.policy, sqlite3, sys
from email.header import decode_header, make_header
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = db.execute("SELECT o.raw FROM outbox o JOIN messages m"
                 " ON m.id = o.msg_id WHERE m.origin = ?"
                 " ORDER BY o.id LIMIT 1", (sys.argv[2],)).fetchone()
if row is None:
    sys.exit("no reply queued for " + sys.argv[2])
m = email.message_from_string(row[0], policy=email.policy.default)
# Headers decoded as RFC 2047 says, the space between two encoded
# words dropped (Python's own address parser keeps it; mail clients
# do not).
raw = email.message_from_string(row[0])
for h in ("From", "To", "Subject", "Date"):
    print("%-8s %s" % (h + ":", make_header(decode_header(raw[h] or ""))))
print()
body = m.get_body(preferencelist=("plain",))
print(body.get_content().rstrip() if body is not None else "(no text part)")
for part in m.iter_attachments():
    print("[attached: %s]" % part.get_filename())
PY
fi
echo
echo "== signatures: a test PKI, a list signed by hotrocks sign, verified, then forged"
sh tests/pki/make-pki.sh "$state/pki"
${PYTHON:-/usr/bin/python3} - "$samples/01-outlook-docx-sontinh.eml" "$state/list.docx" <<'PY'
import email, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
for p in m.walk():
    if p.get_filename():
        open(sys.argv[2], "wb").write(p.get_payload(decode=True))
PY
"$bin" sign --key "$state/pki/sontinh.key.pem" --cert "$state/pki/sontinh.pem" \
    --chain "$state/pki/chain.pem" "$state/list.docx" "$state/signed.docx"
echo "-- the signed list, against the test root and its CRL:"
"$bin" verify --anchors "$state/pki/root.pem" --crls "$state/pki/crl" \
    "$state/signed.docx"
${PYTHON:-/usr/bin/python3} - "$state/signed.docx" "$state/forged.docx" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename == "word/document.xml":
            data = data.replace("Bí thư".encode(), "Chủ tịch".encode(), 1)
        out.writestr(i, data)
PY
echo "-- the signed list with one word changed (Bí thư to Chủ tịch):"
"$bin" verify --anchors "$state/pki/root.pem" "$state/forged.docx" || true
echo "-- the good signed list, checked against a look-alike root of the same name:"
"$bin" verify --anchors "$state/pki/fake-root.pem" "$state/signed.docx" || true

