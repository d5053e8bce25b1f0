#!/bin/bash
# kill6.sh N KILLS [owed]: scenario 2b. N messages appended while run
# idles; run SIGKILLed KILLS times at random moments (0.1-1.0 s apart,
# restarted at once) while it records and sends; with "owed", Sent is
# un-appendable during the burst and repaired before the kills, so they
# land in the pass that keeps the owed copies. Then settle and tally.
E=/tmp/e6; . /work/wt/e2e6/tests/e2e/lib6.sh
n=${1:-40}; kills=${2:-8}; tag=kl$(date +%H%M%S | cut -c1-5); D=$E/$tag; rm -rf $D; mkconf $D; C="-c $D/hr.conf"
clearinbox; $DV mailbox delete -u hotrocks Sent 2>/dev/null; $DV mailbox create -u hotrocks Sent
S=$E/s/home/hotrocks/Maildir/.Sent
burst $tag $n; startrun $D; sleep 2
if [ "$3" = owed ]; then chmod 555 $S/tmp $S/new $S/cur; append $tag >/dev/null
	for i in $(seq 60); do sleep 1; [ $($HR outbox --json $C | grep -c '"state":"sent"') = $n ] && break; done
	$HR status $C | grep "sent copies"; chmod 755 $S/tmp $S/new $S/cur
else append $tag >/dev/null & ap=$!; fi
for k in $(seq $kills); do
	sleep $(awk -v s=$RANDOM 'BEGIN{printf "%.2f", 0.02 + (s%'${SPREAD:-90}')/100}')
	p=$(cat $D/run.pid); kill -9 $p; wait $p 2>/dev/null
	echo "kill $k $(date +%T.%N | cut -c1-12): inbox $(inbox), sent $($HR outbox --json $C | grep -c '"state":"sent"'), sending $($HR outbox --json $C | grep -c '"state":"sending"'), $($HR status --json $C | grep -o '"copies_owed":[0-9]*')" | tee -a $D/kills.log
	echo "=== SIGKILL $k" >> $D/run.log; startrun $D
done
[ -n "$ap" ] && wait $ap
for i in $(seq 60); do sleep 2
	q=$($HR outbox --json $C | grep -c '"state":"\(queued\|sending\|deferred\)"')
	[ "$(inbox)" = 0 ] && [ "$q" = 0 ] && $HR status --json $C | grep -q '"copies_owed":0' && break; done
sleep 2; stoprun $D; $HR status $C | grep -i "outbox\|sent copies"
tally $D $tag $n
$HR audit verify $C | tail -1
