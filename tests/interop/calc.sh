#!/usr/bin/env bash
# calc.sh BIN: the Phụ lục 3 workbooks hotrocks writes (outbox/forward-
# xlsx.c, by hand, not by a library) opened by LibreOffice Calc, an office
# suite independent of hotrocks and of openpyxl (which check-forward-xlsx
# uses): a 300-row list is ingested; the acknowledgement's workbook (with
# the "Ghi chú" column) and the forward's are converted to CSV and every
# row must be the store's row, phones and ICCIDs as text with their digits;
# printed to PDF, the letterhead must print, the header row must repeat
# on the second page, and a two-line note must not run into the next row
# (as it did before rows were given their height). Exits 2 without soffice (libreoffice-calc-nogui).
set -u
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}

for t in soffice pdftotext sqlite3; do
	if ! command -v $t >/dev/null; then
		echo "interop: $t not found (libreoffice-calc-nogui," \
		    "poppler-utils, sqlite3); nothing checked" >&2
		exit 2
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-calc-XXXXXX")
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

# Every row of the list carries a warning: the acknowledgement quotes the
# list as a workbook with its notes.
"$python" "$root/tests/bench/make-list.py" 300 "$work/list.eml" >/dev/null
mkdir "$work/store"
if ! "$bin" ingest -q -c "$root/samples/hotrocks.conf" \
    --db "$work/store/db" "$work/list.eml" >"$work/ingest.out" 2>&1; then
	bad "ingest" "$(cat "$work/ingest.out")"
	echo "interop calc: $pass ok, $fail failed"
	exit 1
fi
# The workbooks the letters carry, by letter: attachment files named by
# their sha256 (the forward's second file is the unit's original).
book() {
	sqlite3 "$work/store/db" "SELECT b.sha256 FROM outbox_blobs b
	    JOIN outbox o ON o.id = b.outbox_id WHERE o.purpose = '$1'
	    AND b.seq = 0"
}
sqlite3 -separator ',' "$work/store/db" "SELECT idx, phone, iccid, name,
    position FROM case_rows ORDER BY idx" >"$work/rows.csv"
# LibreOffice's profile in the work folder: never the user's, and two
# runs at once do not share one.
lo() {
	HOME="$work" timeout 300 soffice --headless \
	    -env:UserInstallation=file://"$work/profile" "$@" \
	    >>"$work/soffice.log" 2>&1
}

for letter in ack forward; do
	sha=$(book "$letter")
	src="$work/store/archive/blobs/${sha:0:2}/$sha"
	if [ -z "$sha" ] || [ ! -f "$src" ]; then
		bad "$letter: no workbook in the outbox"
		continue
	fi
	cp "$src" "$work/$letter.xlsx"
	# 44,34,76: comma, double quotes, UTF-8
	lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
	    --outdir "$work" "$work/$letter.xlsx"
	lo --convert-to pdf --outdir "$work" "$work/$letter.xlsx"
	if [ ! -s "$work/$letter.csv" ] || [ ! -s "$work/$letter.pdf" ]; then
		bad "$letter: LibreOffice did not open it" \
		    "$(tail -3 "$work/soffice.log")"
		continue
	fi
	r=$("$python" - "$work/$letter.csv" "$work/rows.csv" "$letter" <<'EOF'
import csv, sys
got = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
want = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
bad = []
if got[0][0] != "ĐẢNG BỘ TỈNH QUẢNG NGÃI" or \
        "ĐẢNG CỘNG SẢN VIỆT NAM" not in got[0]:
    bad.append("letterhead %r" % got[0][:5])
head = ["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng",
        "Chức vụ"] + (["Ghi chú"] if sys.argv[3] == "ack" else [])
if got[7][:len(head)] != head:
    bad.append("header %r" % got[7])
rows = got[8:]
if len(rows) != len(want):
    bad.append("%d rows, the store has %d" % (len(rows), len(want)))
for i, (g, w) in enumerate(zip(rows, want)):
    if g[0] != str(i + 1) or g[1:5] != w[1:5]:
        bad.append("row %d: %r, the store %r" % (i + 1, g[:5], w[1:5]))
    if sys.argv[3] == "ack" and "0910" not in g[5]:
        bad.append("row %d: note %r" % (i + 1, g[5]))
print("; ".join(bad[:5]) if bad else "%d rows" % len(rows))
EOF
)
	case "$r" in
	*" rows") ok "$letter: Calc reads $r, every cell as the store has it" ;;
	*) bad "$letter: Calc's cells" "$r" ;;
	esac
	pdftotext -layout -f 1 -l 1 "$work/$letter.pdf" "$work/p1.txt"
	pdftotext -layout -f 2 -l 2 "$work/$letter.pdf" "$work/p2.txt"
	if grep -q "ĐẢNG BỘ TỈNH QUẢNG NGÃI" "$work/p1.txt" &&
	    grep -q "ĐẢNG CỘNG SẢN VIỆT NAM" "$work/p1.txt"; then
		ok "$letter: the letterhead prints, the unit and the party"
	else
		bad "$letter: the printed letterhead" "$(head -5 "$work/p1.txt")"
	fi
	if grep -q "Số điện thoại" "$work/p2.txt"; then
		ok "$letter: the header row is printed again on page 2"
	else
		bad "$letter: page 2 has no header row" \
		    "$(head -3 "$work/p2.txt")"
	fi
	# A note on two lines: its second line ("... 0910 000 001") is
	# printed before the next row's number, not over it.
	if [ "$letter" = ack ]; then
		if "$python" - "$work/p1.txt" <<'EOF'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
# the row numbered 1 and the row numbered 2, and the end of row 1's note
# between them
at = {}
for k, l in enumerate(lines):
    m = re.match(r"\s*(\d+)\s+849", l)
    if m and m.group(1) in ("1", "2"):
        at.setdefault(m.group(1), k)
tail = [k for k, l in enumerate(lines) if "0910 000 001" in l]
sys.exit(0 if "1" in at and "2" in at and tail and
         at["1"] <= tail[0] < at["2"] else 1)
EOF
		then
			ok "$letter: a two-line note keeps to its row"
		else
			bad "$letter: a two-line note runs into the next row" \
			    "$(sed -n '8,14p' "$work/p1.txt")"
		fi
	fi
done

echo "interop calc: $pass ok, $fail failed"
[ "$fail" -eq 0 ]
