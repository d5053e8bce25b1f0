#!/bin/bash
# race5.sh [ROUNDS]: mail arriving while a pass runs. run idles; 40
# messages are APPENDed one after the other (one connection); every 2 s
# for 60 s: how many of them are recorded, and how many wait in the INBOX.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
clearinbox
tag=ra$(date +%H%M); D=$E/$tag; mkconf $D; startrun $D; sleep 3
for r in $(seq ${1:-3}); do
	t=${tag}r$r; burst $t 40; t0=$(date +%s)
	append $t > /dev/null
	for i in $(seq 30); do
		n=$($HR messages --json -c $D/hr.conf | grep -c "\"<$t\.")
		[ $n = 40 ] && [ "$(inbox)" = 0 ] && break; sleep 2
	done
	echo "round $r: $n/40 recorded, inbox $(inbox), after $(( $(date +%s) - t0 )) s"
done
stoprun $D
