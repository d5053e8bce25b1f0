#!/bin/bash
# race6.sh [ROUNDS]: scenario 3. run idles; 40 messages APPENDed; at
# run's first UID line of them, 20 more APPENDed (round 1, 3) or 8 more
# handed to Postfix one a second (round 2: LMTP delivery during passes).
# INBOX counted every 0.5 s (doveadm mailbox status); per round: when the
# last delivery ended, when the INBOX was last non-empty, the gap.
E=/tmp/e6; . /work/wt/e2e6/tests/e2e/lib6.sh
clearinbox; tag=ra$(date +%H%M); D=$E/$tag; rm -rf $D; mkconf $D; startrun $D; sleep 3
cnt() { $DV mailbox status -u hotrocks messages INBOX | cut -d= -f2; }
for r in $(seq ${1:-3}); do
	a=${tag}a$r; b=${tag}b$r; burst $a 40; burst $b 20
	( while :; do echo "$(date +%s.%N | cut -c1-14) $(cnt)"; sleep 0.5; done ) > $D/inbox$r.log & w=$!
	append $a > /dev/null
	for i in $(seq 200); do grep -q "<$a\.[0-9]*@" $D/run.log && break; sleep 0.05; done
	if [ $r = 2 ]; then $PY $R/tests/e2e/deliver.py $SMTP_PORT $(ls $E/m/$b/*.eml | head -8) > /dev/null; nb=8
	else append $b > /dev/null; nb=20; fi
	tend=$(date +%s.%N | cut -c1-14)
	for i in $(seq 60); do sleep 1
		n=$($HR messages --json -c $D/hr.conf | grep -c "\"<\($a\|$b\)\.")
		[ $n = $((40+nb)) ] && [ "$(cnt)" = 0 ] && break; done
	sleep 2; kill $w
	last=$(awk '$2 != 0 {t=$1} END {print t}' $D/inbox$r.log)
	echo "round $r: $n/$((40+nb)) recorded; deliveries ended $tend; INBOX last non-empty $last; gap $(echo "$last - $tend" | bc) s; max INBOX $(awk '$2>m{m=$2}END{print m}' $D/inbox$r.log)"
done
stoprun $D
grep -c "warning" $D/run.log
