#!/bin/bash
# make bench: `hotrocks cases --search` over a store of 20,000 cases
# (three rows each), and its floor in the same run: the sqlite3 shell
# asking the same FTS5 index the same question. Both are whole processes
# (start, open, query, print), timed and measured by GNU time; best of
# three by wall time. The store is made by hotrocks (its schema) and
# filled by SQL; the cases index themselves by the store's trigger, and
# their rows are indexed as hotrocks does it, once a case (a document a
# block of 1,000 rows), from the view cases_doc (there is no trigger on
# inserting a row: store.c).
set -e
hotrocks=$1
samples=$2
dir=$(dirname "$hotrocks")/bench-data/cases
ncases=${BENCH_CASES:-20000}
db=$dir/cases-$ncases-byblock.db	# named for its index: one made
					# before migration 12 is not reused
conf=$dir/hotrocks.conf
mkdir -p "$dir"
sed "s|^database *=.*|database = $db|" samples/hotrocks.conf >"$conf"

if [ ! -f "$db" ]; then
	"$hotrocks" ingest -q -c "$conf" --db "$db" \
	    "$samples/01-outlook-docx-sontinh.eml"
	start=$(date +%s.%N)
	sqlite3 "$db" <<EOF
BEGIN;
CREATE TEMP TABLE units (i INTEGER PRIMARY KEY, name TEXT);
INSERT INTO units (name) VALUES ('HUYỆN ỦY SƠN TỊNH'), ('THỊ ỦY ĐỨC PHỔ'),
 ('HUYỆN ỦY BÌNH SƠN'), ('ĐẢNG ỦY XÃ TỊNH HÀ'), ('HUYỆN ỦY TƯ NGHĨA'),
 ('BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI'), ('HUYỆN ỦY LÝ SƠN'),
 ('THÀNH ỦY QUẢNG NGÃI'), ('ĐẢNG ỦY XÃ HÀNH THIỆN'), ('BÁO QUẢNG NGÃI');
CREATE TEMP TABLE names (i INTEGER PRIMARY KEY, name TEXT);
INSERT INTO names (name) VALUES ('Nguyễn Văn'), ('Trần Thị'), ('Lê Minh'),
 ('Phạm Quốc'), ('Huỳnh Thị'), ('Đặng Văn'), ('Bùi Thị'), ('Võ Đức'),
 ('Trương Công'), ('Đinh Thị');
WITH RECURSIVE n(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM n
    WHERE k < $ncases + 1)
INSERT INTO cases (id, number, year, seq, state, kind, action,
    organization, from_addr, subject, opened_at, updated_at)
SELECT k, printf('HT-2024-%06d', k), 2024, k,
    CASE k % 7 WHEN 0 THEN 'done' WHEN 1 THEN 'review' ELSE 'open' END,
    'sim_activation', 'queue', u.name, printf('vp%d@quangngai.dcs.vn', k % 10),
    'Danh sách đề nghị kích hoạt SIM ký số - ' || u.name,
    strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', printf('+%d minutes', k * 13)),
    strftime('%Y-%m-%dT%H:%M:%SZ', '2024-01-01', printf('+%d minutes', k * 13))
FROM n JOIN units u ON u.i = k % 10 + 1;
WITH RECURSIVE r(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM r
    WHERE j < 3 * $ncases - 1)
INSERT INTO case_rows (case_id, document_id, idx, phone, iccid, name,
    nerrors, json)
SELECT j / 3 + 2, 1, j % 3 + 1, printf('849%08d', j),
    printf('898404%013d', j), nm.name || ' ' || printf('Khách %d', j), 0,
    '{}'
FROM r JOIN names nm ON nm.i = j % 10 + 1;
DELETE FROM cases_fts WHERE rowid >= 2 * 16777216;
INSERT INTO cases_fts (rowid, unit, body, rows)
SELECT doc, unit, body, rows FROM cases_doc WHERE case_id > 1;
COMMIT;
EOF
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" -v n="$ncases" 'BEGIN {
		printf("  store of %d cases built in %.1f s (with its" \
		    " index)\n", n, e - s) }'
fi

# Smallest of three "SECONDS KIB LINES", by wall time: the clock in
# nanoseconds (GNU time's own is in hundredths), the peak from GNU time.
measure() {
	for i in 1 2 3; do
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$dir/time.out" "$@" >"$dir/out.txt"
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000 )) $(cat "$dir/time.out")" \
		    "$(wc -l <"$dir/out.txt")"
	done | sort -n | head -1 | awk '{ print $1 / 1e6, $2, $3 }'
}

echo
echo "cases --search over $ncases cases, $((3 * ncases)) rows" \
    "($(stat -c %s "$db") bytes)"
row() {
	read -r w k n <<<"$2"
	awk -v what="$1" -v w="$w" -v k="$k" -v n="$n" 'BEGIN {
		printf("  %-44s %8.1f ms  peak %6.1f MiB  (%d lines)\n",
		    what, w * 1000, k / 1024, n) }'
}
for q in "son tinh" "Đức Phổ" "0900 000 040" "nguyen van khach 40"; do
	case $q in
	"son tinh")		fts='"son" "tinh"' ;;
	"Đức Phổ")		fts='"Dức" "Phổ"' ;;
	"0900 000 040")		fts='"900000040"' ;;
	*)			fts='"nguyen" "van" "khach" "40"' ;;
	esac
	row "hotrocks cases --search '$q'" "$(measure "$hotrocks" cases \
	    -c "$conf" --db "$db" --search "$q" --json)"
	row "  floor: sqlite3, the same FTS5 query" "$(measure sqlite3 \
	    "$db" "SELECT c.number, c.state, c.organization FROM cases c
	    WHERE c.id IN (SELECT DISTINCT rowid >> 24 FROM cases_fts WHERE
	    cases_fts MATCH '$fts') ORDER BY c.opened_at DESC, c.id DESC")"
done
