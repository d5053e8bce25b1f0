#!/bin/sh
# doc-check.sh BIN MAN1 MAN5 SAMPLE CONFIG_C: the manual pages cannot drift
# from the program. Fails (naming each miss) unless
#  - both pages pass `mandoc -T lint -W warning`;
#  - every command, option and exit code `BIN --help` prints is in MAN1
#    (as .Cm NAME, Fl NAME, and .It CODE);
#  - every [group] and key of SAMPLE and of CONFIG_C's key table is in
#    MAN5 (a ".Ss [group]", then ".It Ic key" in that section, whose text
#    says "Default"), and every key of CONFIG_C is in SAMPLE.
# New commands and keys are found the same way, so they need no change
# here. `doc-check.sh --self-test ARGS...` proves a miss is caught.
set -u
if [ "${1:-}" = --self-test ]; then
	shift
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	grep -v '^\.It Ic max_rows ' "$3" > "$t/man5"
	grep -v 'Cm ingest' "$2" > "$t/man1"
	out=$(sh "$0" "$1" "$t/man1" "$t/man5" "$4" "$5" 2>&1) &&
	    { echo "doc-check: self-test: a missing key passed"; exit 1; }
	echo "$out" | grep -q "max_rows" && echo "$out" | grep -q "ingest" ||
	    { echo "doc-check: self-test: misses not named: $out"; exit 1; }
	echo "doc-check: self-test: a missing command and key are caught"
	exit 0
fi
bin=$1 man1=$2 man5=$3 sample=$4 configc=$5
bad=0
miss() { echo "doc-check: $*" >&2; bad=1; }

if ! command -v mandoc >/dev/null 2>&1; then
	miss "mandoc is not installed (make deps)"
else
	for m in "$man1" "$man5"; do
		mandoc -T lint -W warning "$m" >&2 || miss "$m: mandoc lint"
	done
fi

help=$("$bin" --help) || { miss "$bin --help failed"; exit 1; }

# Commands: the first word of each "  name ..." line under "Commands:",
# with its sub-command when one space and a lower-case word follow.
cmds=$(echo "$help" | awk '
	/^Commands:/ { on = 1; next }
	/^[^ ]/ { on = 0 }
	on && /^  [a-z]/ {
		if (match($0, /^  [a-z][a-z-]* [a-z]+( |$)/))
			print $1 " " $2
		else
			print $1
	}' | sort -u)
[ -n "$cmds" ] || miss "no command found in --help"
for c in $(echo "$cmds" | tr ' ' '@'); do
	c=$(echo "$c" | tr '@' ' ')
	grep -q "Cm $c\( \|$\)" "$man1" || miss "$man1: command '$c' missing"
done

# Options: every -x and --long in --help, as "Fl x" / "Fl -long".
for o in $(echo "$help" | grep -oE '(^|[ [,|])--?[a-zA-Z][a-zA-Z0-9-]*' |
    sed 's/^[ [,|]//' | sort -u); do
	f=${o#-}
	grep -qE "Fl $f( |$)" "$man1" || miss "$man1: option '$o' missing"
done

# Exit codes: the numbers after "Exit codes:".
codes=$(echo "$help" | sed -n '/^Exit codes:/,$p' |
    grep -oE '(^|[ ;:])[0-9]{1,3} ' | tr -dc '0-9\n ' | tr -s ' \n' '\n')
[ -n "$codes" ] || miss "no exit code found in --help"
for n in $codes; do
	grep -q "^\.It $n\$" "$man1" || miss "$man1: exit code $n missing"
done

# Keys: group<TAB>key from the sample and from config.c's table.
sample_keys=$(awk '
	/^\[[a-z_]+\]/ { g = substr($1, 2, length($1) - 2); print g "\t"; next }
	/^[a-z_]+[ \t]*=/ { k = $0; sub(/[ \t]*=.*/, "", k); print g "\t" k }
	' "$sample")
code_keys=$(grep -oE '\{ *"[a-z_]+", *"[a-z_]+", *KEY_' "$configc" |
    sed -E 's/\{ *"([a-z_]+)", *"([a-z_]+)", *KEY_/\1\t\2/')
[ -n "$code_keys" ] || miss "$configc: no key table found"
echo "$code_keys" | while IFS='	' read -r g k; do
	echo "$sample_keys" | grep -qx "$g	$k" ||
	    echo "doc-check: $sample: [$g] $k missing (it is in $configc)"
done | grep . >&2 && bad=1
all=$(printf '%s\n%s\n' "$sample_keys" "$code_keys" | sort -u)
for g in $(echo "$all" | cut -f1 | sort -u); do
	grep -q "^\.Ss \[$g\]\$" "$man5" || miss "$man5: group [$g] missing"
done
# An item's text runs to the next .It, .El, .Ss or .Sh; items with no text
# of their own (".It Ic a" then ".It Ic b" then text) share the next text.
res=$(echo "$all" | awk -F'\t' -v man="$man5" '
	function close_items() {
		if (ntext > 0) {
			for (x in pend) if (!dflt[x]) nodef[x] = 1
			delete pend; ntext = 0
		}
	}
	$2 != "" { want[$1 "\t" $2] = 1 }
	END {
		while ((getline l < man) > 0) {
			if (l ~ /^\.Ss \[/) { close_items(); delete pend
				g = l; sub(/^\.Ss \[/, "", g); sub(/\].*/, "", g)
				continue }
			if (l ~ /^\.(El|Ss|Sh)( |$)/) { close_items(); delete pend
				continue }
			if (l ~ /^\.It /) close_items()
			if (l ~ /^\.It Ic [a-z_]+/) {
				split(l, w, " "); k = g "\t" w[3]
				have[k] = 1; pend[k] = 1; continue
			}
			if (l ~ /^\.It /) { delete pend; continue }
			ntext++
			if (l ~ /Default/) for (x in pend) dflt[x] = 1
		}
		for (x in want) {
			split(x, p, "\t")
			if (!have[x]) print "[" p[1] "] " p[2] " missing"
			else if (nodef[x] || !dflt[x])
				print "[" p[1] "] " p[2] " has no Default"
		}
	}')
[ -z "$res" ] || { echo "$res" | sed "s|^|doc-check: $man5: |" >&2; bad=1; }

[ $bad -eq 0 ] && echo "doc-check: $(echo "$cmds" | wc -l) commands," \
    "$(echo "$all" | awk -F'\t' '$2 != ""' | wc -l) keys documented;" \
    "pages lint clean"
exit $bad
