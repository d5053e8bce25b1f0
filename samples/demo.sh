#!/bin/sh
# make demo: ingest the bundled samples into a throw-away state directory
# and show what hotrocks decided, as the staff would see it.
set -e
bin=$1
samples=$2
state=$(mktemp -d "${TMPDIR:-/tmp}/hotrocks-demo.XXXXXX")
conf=samples/hotrocks.conf

echo "== hotrocks ingest: every sample message, into $state"
"$bin" ingest -c "$conf" --db "$state/hotrocks.db" "$samples"
echo
echo "== the same again: nothing is recorded twice"
"$bin" ingest -q -c "$conf" --db "$state/hotrocks.db" "$samples"
"$bin" ingest -c "$conf" --db "$state/hotrocks.db" "$samples" | tail -n 1
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
for f in "$samples"/*.eml; do
	if "$bin" inspect -c "$conf" --json "$f" | grep -q '"action":"reject"'; then
		"$bin" inspect -c "$conf" "$f"
		break
	fi
done
echo
echo "State kept in $state (database, archive); remove it when done."
