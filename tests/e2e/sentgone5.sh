#!/bin/bash
# sentgone5.sh [ROUNDS]: run idles; 40 messages are APPENDed; at run's
# first UID line the Sent folder is renamed (its copies then fail); how
# long until all 40 are recorded and the INBOX is empty?
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
DV="doveadm -c $E/s/dovecot.conf"
clearinbox
tag=sg$(date +%H%M); D=$E/$tag; mkconf $D; startrun $D; sleep 3
for r in $(seq ${1:-2}); do
	t=${tag}r$r; burst $t 40; t0=$(date +%s)
	append $t > /dev/null &
	for i in $(seq 200); do grep -q "<$t.1@" $D/run.log && break; sleep 0.05; done
	$DV mailbox rename -u hotrocks Sent "Sent $t"
	wait $!
	for i in $(seq 45); do
		n=$($HR messages --json -c $D/hr.conf | grep -c "\"<$t\.")
		[ $n = 40 ] && [ "$(inbox)" = 0 ] && break; sleep 2
	done
	echo "round $r: $n/40 recorded, inbox $(inbox), after $(( $(date +%s) - t0 )) s"
done
stoprun $D
grep 'warning' $D/run.log | cut -c1-160
