#!/bin/bash
# make bench: figures, never assertions. Run on an idle machine.
# The 200,000-row list is timed three ways, each in a process of its own
# so peak memory is that of the one task: xlsx_read alone, the whole
# decision over the .eml, and `unzip -p` inflating the sheet (the floor
# any reader of that XML pays). Best of three runs each. Last, signature
# verdicts on a signed 50-row list, hotrocks and Apache POI side by side,
# then on a signed one-page PDF cover letter, beside the OOXML figure.
set -e
bench=$1
samples=$2
bench_xlsx=$3
bench_verify=$4
hotrocks=$5
bench_store=$6
dir=$(dirname "$bench")/bench-data
mkdir -p "$dir"
python=${PYTHON:-/usr/bin/python3}
big=$dir/list-200000
[ -f "$dir/list-50.eml" ] || $python tests/bench/make-list.py 50 "$dir/list-50.eml"
[ -f "$dir/list-5000.eml" ] || $python tests/bench/make-list.py 5000 "$dir/list-5000.eml"
[ -f "$big.eml" ] && [ -f "$big.xlsx" ] ||
	$python tests/bench/make-list.py 200000 "$big.eml" "$big.xlsx"
echo "hotrocks bench ($(nproc) cores, $(uname -m))"
"$bench" "samples (inspect, all)" 50 "$samples"/*.eml
"$bench" "50-row XLSX list" 500 "$dir/list-50.eml"
"$bench" "5,000-row XLSX list" 5 "$dir/list-5000.eml"

# ingest beside inspect over the same sample mail (issue 11.4): what the
# archive, the store and the replies add to the decision. Each ingest
# into a copy of an empty store made beforehand (creating a store, its
# migrations each committed durably, happens once in a store's life);
# best of ten by wall time and by CPU (user + sys, from wait4: GNU
# time's hundredths are a sixth of these figures). Goal: within 2x of
# inspect in both.
idir=$(mktemp -d /tmp/hr-ingest-XXXXXX)
sed "s|^database = .*|database = $idir/none/h.db|" samples/hotrocks.conf \
    >"$idir/h.conf"
n_eml=$(ls "$samples"/*.eml | wc -l)
ins=$($python tests/bench/cpu.py 10 -- "$hotrocks" inspect -c "$idir/h.conf" \
    "$samples"/*.eml)
mkdir -p "$idir/empty" "$idir/e"
"$hotrocks" ingest -q -c "$idir/h.conf" --db "$idir/e/h.db" "$idir/empty"
ing=$($python tests/bench/cpu.py 10 --before "rm -rf '$idir/s' &&
    cp -r '$idir/e' '$idir/s'" -- "$hotrocks" ingest -q -c "$idir/h.conf" \
    --db "$idir/s/h.db" "$samples"/*.eml)
rm -rf "$idir"
echo
echo "ingest beside inspect, $n_eml sample messages (best of 10)"
awk -v a="$ins" -v b="$ing" 'BEGIN {
	split(a, x, " "); split(b, y, " ")
	printf("  %-34s %7.4f s  cpu %7.4f s\n", "inspect", x[1], x[2])
	printf("  %-34s %7.4f s  cpu %7.4f s\n", "ingest (archive, store, replies)",
	    y[1], y[2])
	printf("  %-34s %7.2f x  cpu %7.2f x  (target <= 2 x)\n",
	    "ingest / inspect", x[1] > 0 ? y[1] / x[1] : 0,
	    x[2] > 0 ? y[2] / x[2] : 0)
}'

# Wide hostile grids (issue 11.2): one stray cell far to the right, alone
# ("lone") or beside a 2-row list ("wide"); the whole decision of each
# message, beside the 50-row list above. Goal: under 1 s each.
[ -f "$dir/lone-xls-10.eml" ] || $python tests/bench/make-wide.py "$dir"
echo
echo "wide hostile grids (whole decision; the 50-row list above is the yardstick)"
"$bench" "  .xls, cell at column 65535" 20 "$dir/lone-xls-1.eml"
"$bench" "  the same, 10 in one message" 5 "$dir/lone-xls-10.eml"
"$bench" "  .xlsx, cell at XFD64" 20 "$dir/lone-xlsx-1.eml"
"$bench" "  the same, 10 in one message" 5 "$dir/lone-xlsx-10.eml"
"$bench" "  .xlsx, 2-row list + XFD64, x10" 5 "$dir/wide-xlsx-10.eml"

# Smallest of three "WALL USER" pairs, by wall time.
best() {
	sort -n | head -1
}

echo
echo "200,000-row XLSX list ($(stat -c %s "$big.xlsx") bytes zipped," \
	"sheet $(unzip -p "$big.xlsx" xl/worksheets/sheet1.xml | wc -c) bytes)"
TIMEFORMAT='%R %U'
unz=$(for i in 1 2 3; do
	{ time unzip -p "$big.xlsx" xl/worksheets/sheet1.xml >/dev/null; } 2>&1
done | best)
parse=$(for i in 1 2 3; do "$bench_xlsx" "$big.xlsx"; done | best)
read -r uw uu <<<"$unz"
read -r pw pu pk rows <<<"$parse"
awk -v uw="$uw" -v uu="$uu" -v pw="$pw" -v pu="$pu" -v pk="$pk" \
    -v rows="$rows" 'BEGIN {
	printf("  %-34s %7.3f s  user %7.3f s\n",
	    "unzip -p (inflate the sheet)", uw, uu)
	printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB  (%d rows)\n",
	    "xlsx_read (own process)", pw, pu, pk / 1024, rows)
	printf("  %-34s %7.2f x  user %7.2f x  (target <= 3 x)\n",
	    "parse / inflate", uw > 0 ? pw / uw : 0, uu > 0 ? pu / uu : 0)
	printf("  %-34s %s\n", "peak under 64 MiB",
	    pk < 64 * 1024 ? "yes" : "NO")
}'
dline=$("$bench" "  whole decision (own process)" 1 "$big.eml")
echo "$dline"
dwall=$(awk '{ for (i = 1; i < NF; i++) if ($i == "messages") print $(i + 1) }' \
    <<<"$dline")

# The whole line (issue 11.1), each command in a process of its own
# beside the floor above: inspect --json (the decision written out) and
# ingest (archived, decided, stored, answered), peak by GNU time (%M),
# then the same file ingested again (known by its sha256, not read), and
# what the store keeps. Goal: within 5 x the floor and under 64 MiB; a
# store under 2 KB a message beyond its rows.
gtime=/usr/bin/time
if [ ! -x "$gtime" ]; then
	echo "  whole line: skipped, GNU time is absent (sh .ci/deps bench)"
else
	store=$dir/store
	line() {
		"$gtime" -f "%e %U %M" "$@" 2>&1 >/dev/null | tail -1
	}
	rm -rf "$store"
	mkdir -p "$store"
	# best of three, as the floor is
	js=$(for i in 1 2 3; do line "$hotrocks" inspect -c \
	    samples/hotrocks.conf --json "$big.eml"; done | best)
	in=$(line "$hotrocks" ingest -q -c samples/hotrocks.conf \
	    --db "$store/db" "$big.eml")
	again=$(line "$hotrocks" ingest -q -c samples/hotrocks.conf \
	    --db "$store/db" "$big.eml")
	# case show of the case it opened, streamed from the store: of the
	# order of inspect --json, its peer, and as bounded
	num=$(sqlite3 "$store/db" "SELECT number FROM cases LIMIT 1")
	showj=$(line "$hotrocks" case show "$num" -c samples/hotrocks.conf \
	    --db "$store/db" --json)
	show=$(line "$hotrocks" case show "$num" -c samples/hotrocks.conf \
	    --db "$store/db")
	dbsize=$(stat -c %s "$store/db")
	# An empty store, made the same way: every table and index has its
	# page whatever it holds, so what a message costs is counted
	# beyond those.
	mkdir -p "$store/none" "$store/empty"
	"$hotrocks" ingest -q -c samples/hotrocks.conf --db "$store/empty/db" \
	    "$store/none"
	# Pages of the rows' own table and indexes (with the record of
	# which rows were forwarded, one line a row), and of the outbox
	# (the letters, their attachments) apart; the rest, each table's
	# and index's pages beyond the empty store's.
	read -r nmsg nrows rowb ftsb outb restb freeb <<<"$(sqlite3 \
	    -separator ' ' "$store/db" "ATTACH '$store/empty/db' AS e;
	    SELECT (SELECT count(*) FROM messages),
	    (SELECT count(*) FROM case_rows),
	    (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'case_rows%'
	    OR name LIKE 'forward_items%'),
	    (SELECT coalesce(sum(pgsize), 0) FROM dbstat
	    WHERE name LIKE 'cases_fts%'),
	    (SELECT sum(pgsize) FROM dbstat WHERE name = 'outbox'),
	    (SELECT coalesce(sum(max(0, f.s - coalesce(z.s, 0))), 0) FROM
	    (SELECT name, sum(pgsize) AS s FROM dbstat('main') GROUP BY name) f
	    LEFT JOIN (SELECT name, sum(pgsize) AS s FROM dbstat('e')
	    GROUP BY name) z USING (name) WHERE f.name NOT LIKE 'case_rows%'
	    AND f.name NOT LIKE 'forward_items%'
	    AND f.name NOT LIKE 'cases_fts%' AND f.name != 'outbox'),
	    (SELECT freelist_count * page_size FROM pragma_freelist_count,
	    pragma_page_size)")"
	# The floor of storing those rows: sqlite3 copying them, with the
	# store's own table and indexes, into a new file in one transaction
	# (its own process; the copy it reads from is made first, untimed).
	sqlite3 "$store/db" ".schema case_rows" >"$store/rows.sql"
	rm -f "$store/from.db" "$store/to.db"
	sqlite3 "$store/from.db" "ATTACH '$store/db' AS s;
	    CREATE TABLE r AS SELECT * FROM s.case_rows ORDER BY id;"
	sqlite3 "$store/to.db" "PRAGMA journal_mode = WAL;" \
	    ".read $store/rows.sql" >/dev/null
	rowfloor=$(line sqlite3 "$store/to.db" "PRAGMA synchronous = FULL;
	    ATTACH '$store/from.db' AS f; BEGIN;
	    INSERT INTO case_rows SELECT * FROM f.r; COMMIT;")
	rm -f "$store/from.db" "$store/to.db"*
	for l in "inspect --json:$js" "ingest:$in" "ingest again:$again" \
	    "case show --json:$showj" "case show:$show"; do
		read -r w u k <<<"${l#*:}"
		awk -v n="${l%%:*}" -v w="$w" -v u="$u" -v k="$k" \
		    -v uw="$uw" -v uu="$uu" 'BEGIN {
			# the goal is for inspect --json and ingest; the
			# others are printed against the same floor
			met = w <= 5 * uw && k < 64 * 1024 ||
			    (n != "inspect --json" && n != "ingest")
			printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB",
			    n, w, u, k / 1024)
			printf("  %5.1f x floor (user %5.1f x)%s\n",
			    uw > 0 ? w / uw : 0, uu > 0 ? u / uu : 0,
			    met ? "" : "  (goal 5 x, 64 MiB: not met)")
		}'
	done
	# What ingest cannot go below: deciding (the whole decision above,
	# in its own process) and storing the rows as sqlite3 does.
	read -r rw ru rk <<<"$rowfloor"
	awk -v rw="$rw" -v ru="$ru" -v dw="$dwall" -v uw="$uw" \
	    -v iw="${in%% *}" 'BEGIN {
		printf("  %-34s %7.3f s  user %7.3f s\n",
		    "  floor: sqlite3 storing the rows", rw, ru)
		printf("  %-34s %7.3f s  %5.1f x floor; ingest %.1f x it\n",
		    "  floor: decision + storing rows", dw + rw,
		    uw > 0 ? (dw + rw) / uw : 0,
		    dw + rw > 0 ? iw / (dw + rw) : 0)
	}'
	awk -v js="${js%% *}" -v sj="${showj%% *}" 'BEGIN {
		printf("  %-34s %7.2f x  (goal: of the order of 1 x)\n",
		    "case show --json / inspect --json", js > 0 ? sj / js : 0)
	}'
	awk -v db="$dbsize" -v m="$nmsg" -v r="$nrows" -v rb="$rowb" \
	    -v fb="$ftsb" -v ob="$outb" -v xb="$restb" -v fr="$freeb" 'BEGIN {
		printf("  %-34s %10d bytes, %d message(s), %d rows\n",
		    "store", db, m, r)
		printf("  %-34s %10d bytes (%.0f a row)\n", "  rows (+ indexes,"\
		    " forwarded)", rb, r > 0 ? rb / r : 0)
		printf("  %-34s %10d bytes\n", "  search index (cases_fts)", fb)
		printf("  %-34s %10d bytes\n", "  outbox (letters, files)", ob)
		printf("  %-34s %10d bytes\n", "  free pages", fr)
		printf("  %-34s %10d bytes a message\n",
		    "  beyond its rows and their index",
		    m > 0 ? (db - rb - fb) / m : 0)
		printf("  %-34s %10d bytes a message  (goal under 2048)\n",
		    "  beyond those, its letters and an empty store",
		    m > 0 ? xb / m : 0)
	}'

	# The same list rejected (row 777's ICCID wrong), then corrected
	# (the list above): the rejected one opens no case and keeps its
	# rows beside it (store version 18), read by the case that
	# supersedes it and by reprocess as they are written.
	[ -f "$big-bad.eml" ] || $python tests/bench/make-list.py 200000 \
	    "$big-bad.eml" --bad-row 777
	rm -rf "$store/r"
	mkdir -p "$store/r"
	rin=$(line "$hotrocks" ingest -q -c samples/hotrocks.conf \
	    --db "$store/r/db" "$big-bad.eml")
	"$hotrocks" ingest -q -c samples/hotrocks.conf --db "$store/r/db" \
	    "$big.eml"
	rnum=$(sqlite3 "$store/r/db" "SELECT number FROM cases LIMIT 1")
	rshow=$(line "$hotrocks" case show "$rnum" -c samples/hotrocks.conf \
	    --db "$store/r/db" --json)
	rid=$(sqlite3 "$store/r/db" \
	    "SELECT id FROM messages WHERE action = 'reject'")
	rre=$(line "$hotrocks" reprocess "$rid" -c samples/hotrocks.conf \
	    --db "$store/r/db")
	rjson=$(sqlite3 "$store/r/db" \
	    "SELECT length(contract_json) FROM messages WHERE id = $rid")
	echo "  the same list with one bad row, then corrected:"
	for l in "ingest (rejected):$rin" \
	    "case show --json (supersedes it):$rshow" \
	    "reprocess (the rejected one):$rre"; do
		read -r w u k <<<"${l#*:}"
		awk -v n="${l%%:*}" -v w="$w" -v u="$u" -v k="$k" \
		    -v uw="$uw" -v uu="$uu" 'BEGIN {
			printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB",
			    n, w, u, k / 1024)
			printf("  %5.1f x floor (user %5.1f x)%s\n",
			    uw > 0 ? w / uw : 0, uu > 0 ? u / uu : 0,
			    k < 64 * 1024 ? "" : "  (over 64 MiB)")
		}'
	done
	printf "  %-34s %10d bytes\n" "  its decision without its rows" \
	    "$rjson"
	# The auditor's bundle of both messages: every decision with its
	# rows put back (the rejected one twice, as decided and as
	# reprocess decided it), the raw mail, the letters, deflated.
	rm -f "$store/r/export.zip"
	rex=$(line "$hotrocks" audit export --since 2000-01-01 -c \
	    samples/hotrocks.conf --db "$store/r/db" "$store/r/export.zip")
	rsz=$(unzip -l "$store/r/export.zip" | tail -1 | awk '{ print $1 }')
	read -r w u k <<<"$rex"
	awk -v w="$w" -v u="$u" -v k="$k" -v z="$(stat -c %s \
	    "$store/r/export.zip")" -v r="$rsz" 'BEGIN {
		printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB\n",
		    "audit export (both messages)", w, u, k / 1024)
		printf("  %-34s %10d bytes of %d\n", "  the bundle", z, r)
	}'
	rm -f "$store/r/export.zip"
fi

# Signature verdicts: the 50-row list signed by `hotrocks sign` with the
# test PKI (P-256, SHA-256), copied so each verdict reads its own file;
# hotrocks in one process, POI (../shared/tools/poi) in one JVM. POI's
# start-up is timed apart (one file), so its per-file cost is the margin.
copies=200
vdir=$dir/verify
rm -rf "$vdir"
mkdir -p "$vdir/signed"
sh tests/pki/make-pki.sh "$vdir/pki"
[ -f "$dir/list-50.xlsx" ] ||
	$python tests/bench/make-list.py 50 "$dir/list-50.eml" \
	    "$dir/list-50.xlsx"
"$hotrocks" sign --key "$vdir/pki/sontinh.key.pem" \
    --cert "$vdir/pki/sontinh.pem" --chain "$vdir/pki/chain.pem" \
    "$dir/list-50.xlsx" "$vdir/list-50-signed.xlsx"
for i in $(seq -w 1 $copies); do
	cp "$vdir/list-50-signed.xlsx" "$vdir/signed/c$i.xlsx"
done
echo
echo "verify a signed 50-row list ($(stat -c %s "$vdir/list-50-signed.xlsx")" \
    "bytes, P-256), $copies files"
ooxml=$("$bench_verify" "  hotrocks (one process)" "$vdir/pki/root.pem" \
    "$vdir/pki/crl" 5 "$vdir"/signed/*.xlsx)
echo "$ooxml"

# PDF verdicts in the same run: a one-page công văn signed by `hotrocks
# sign` (PAdES, the same P-256 key), as units send their cover letters.
# The aim (issue 12): within 2x of the OOXML verdict time above.
$python tests/interop/make-letter.py "$vdir/letter.pdf"
"$hotrocks" sign --key "$vdir/pki/sontinh.key.pem" \
    --cert "$vdir/pki/sontinh.pem" --chain "$vdir/pki/chain.pem" \
    "$vdir/letter.pdf" "$vdir/letter-signed.pdf"
mkdir -p "$vdir/signed-pdf"
for i in $(seq -w 1 $copies); do
	cp "$vdir/letter-signed.pdf" "$vdir/signed-pdf/c$i.pdf"
done
echo "verify a signed one-page cover letter" \
    "($(stat -c %s "$vdir/letter-signed.pdf") bytes, P-256), $copies files"
pdf=$("$bench_verify" "  hotrocks (one process)" "$vdir/pki/root.pem" \
    "$vdir/pki/crl" 5 "$vdir"/signed-pdf/*.pdf)
echo "$pdf"
awk -v o="$ooxml" -v p="$pdf" 'BEGIN {
	match(o, /[0-9.]+ files\/s/); ov = substr(o, RSTART, RLENGTH) + 0
	match(p, /[0-9.]+ files\/s/); pv = substr(p, RSTART, RLENGTH) + 0
	r = pv > 0 ? ov / pv : 0
	printf("  %-34s %7.1f OOXML/s  %7.1f PDF/s  PDF time %.2f x OOXML " \
	    "(aim <= 2 x) %s\n", "PDF beside OOXML verdicts", ov, pv, r,
	    r <= 2 ? "ok" : "OVER")
}'
poi=${POI_DIR:-$(pwd)/../shared/tools/poi}
if [ ! -x "$poi/poi-sign" ]; then
	echo "  POI: skipped, $poi is absent (the shared tools sit beside" \
	    "the repository)"
elif [ ! -f "${POI_WORK:-/tmp/hotrocks-poi}/classpath" ]; then
	echo "  POI: skipped, not set up (run $poi/setup, or make interop)"
else
	one=$(for i in 1 2 3; do
		{ time "$poi/poi-sign" verify "$vdir/signed/c001.xlsx" \
		    >/dev/null; } 2>&1
	done | best)
	all=$(for i in 1 2 3; do
		{ time "$poi/poi-sign" verify "$vdir"/signed/*.xlsx \
		    >"$vdir/poi.out"; } 2>&1
	done | best)
	nvalid=$(grep -c '"verifySignature":true' "$vdir/poi.out")
	read -r ow ou <<<"$one"
	read -r aw au <<<"$all"
	awk -v ow="$ow" -v aw="$aw" -v n="$copies" -v ok="$nvalid" 'BEGIN {
		m = (aw - ow) / (n - 1)
		printf("%-28s %6d files     %8.3f s  %9.1f files/s  " \
		    "%6.3f ms/file  %s\n", "  POI (one JVM)", n, aw, n / aw,
		    aw * 1000 / n, ok == n ? "all valid" : "NOT ALL VALID")
		printf("    of which JVM start-up %.3f s; after it %.3f " \
		    "ms/file (%.1f files/s)\n", ow, m * 1000,
		    m > 0 ? 1 / m : 0)
	}'
fi

# cases --search over 20,000 cases, beside sqlite3 on the same index.
bash tests/bench/bench-cases.sh "$hotrocks" "$samples"

# GNU time's "WALL USER PEAK-KiB" of a command, best of three by wall.
gtime() {
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %M' -o "$dir/gtime.out" "$@" \
		    >/dev/null 2>&1 || { echo "  failed: $*" >&2; return 1; }
		cat "$dir/gtime.out"
	done | best
}

# audit verify (issue 13.2) over 100,000 chained entries (appended by
# lib/audit.c) and 10,000 archived messages of ~6 KiB; the floor is
# sha256sum over the same archive files, run here too.
adir=$dir/audit-100000
if [ ! -f "$adir/h.db" ]; then
	rm -rf "$adir"
	mkdir -p "$adir"
	"$bench_store" audit "$adir/h.db" "$adir/archive" 10000 100000
fi
echo
echo "audit verify: 100,000 entries, 10,000 archived messages" \
    "($(du -sk "$adir/archive" | cut -f1) KiB)"
v=$(gtime "$hotrocks" audit verify -c samples/hotrocks.conf --db "$adir/h.db")
f=$(gtime sh -c "find '$adir/archive' -name '*.eml' -print0 |
    xargs -0 sha256sum")
read -r vw vu vk <<<"$v"
read -r fw fu fk <<<"$f"
awk -v vw="$vw" -v vu="$vu" -v vk="$vk" -v fw="$fw" -v fu="$fu" \
    -v fk="$fk" 'BEGIN {
	printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB  %9.0f entries/s\n",
	    "hotrocks audit verify", vw, vu, vk / 1024, vw > 0 ? 100000 / vw : 0)
	printf("  %-34s %7.3f s  user %7.3f s  peak %6.1f MiB  %9.0f files/s\n",
	    "sha256sum, the same files (floor)", fw, fu, fk / 1024,
	    fw > 0 ? 10000 / fw : 0)
	printf("  %-34s %7.2f x\n", "verify / floor", fw > 0 ? vw / fw : 0)
}'

# The report (issue 13.3) over a store of 20,000 cases (25,000 messages,
# 100,000 SIM rows, 20 units), each format in its own process.
cdir=$dir/cases-20000
if [ ! -f "$cdir/h.db" ]; then
	rm -rf "$cdir"
	mkdir -p "$cdir"
	"$bench_store" cases "$cdir/h.db" 20000
fi
echo
echo "report over 20,000 cases ($(du -sk "$cdir/h.db" | cut -f1) KiB store)"
for fmt in json text csv xlsx html; do
	case $fmt in
	xlsx) out=(--format xlsx -o "$cdir/r.xlsx") ;;
	html) out=(--html "$cdir/r.html") ;;
	*) out=(--format "$fmt") ;;
	esac
	r=$(gtime "$hotrocks" report -c samples/hotrocks.conf --db "$cdir/h.db" \
	    --period 2024 --at 2025-01-01T00:00:00Z "${out[@]}")
	read -r rw ru rk <<<"$r"
	awk -v f="$fmt" -v rw="$rw" -v ru="$ru" -v rk="$rk" 'BEGIN {
		printf("  %-34s %7.0f ms  user %5.0f ms  peak %6.1f MiB\n",
		    "hotrocks report --period 2024, " f, rw * 1000, ru * 1000,
		    rk / 1024)
	}'
done

# Replies delivered per second to a private Postfix (tests/bench/bench-send.sh).
bash tests/bench/bench-send.sh "$hotrocks" "$samples"
