#!/bin/bash
# make bench: figures, never assertions. Run on an idle machine.
# The 200,000-row list is timed three ways, each in a process of its own
# so peak memory is that of the one task: xlsx_read alone, the whole
# decision over the .eml, and `unzip -p` inflating the sheet (the floor
# any reader of that XML pays). Best of three runs each.
set -e
bench=$1
samples=$2
bench_xlsx=$3
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
"$bench" "  whole decision (own process)" 1 "$big.eml"
