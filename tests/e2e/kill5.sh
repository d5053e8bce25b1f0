#!/bin/bash
# kill5.sh TAG ROUNDS: scenario 4. A 50-message burst (5 × 10, appended to
# the INBOX while run works) with `run` SIGKILLed at random moments
# (ROUNDS kills, 0.05-1.5 s apart, restarted at once), then left to
# finish; per-message tally.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
tag=${1:-kl}; rounds=${2:-15}; D=$E/$tag
rm -rf $D; mkconf $D; burst $tag 50
startrun $D
k=0
for chunk in 0 1 2 3 4; do
	( cd $E/m/$tag && ls | sed -n "$((chunk*10+1)),$((chunk*10+10))p" | sed "s|^|$E/m/$tag/|" | xargs $PY $R/tests/e2e/deliver3.py $E/s >/dev/null ) &
	ap=$!
	for j in $(seq $((rounds/5))); do
		sleep $(awk -v s=$RANDOM 'BEGIN{printf "%.2f", 0.02 + (s%'${SPREAD:-146}')/100}')
		p=$(cat $D/run.pid); kill -9 $p; wait $p 2>/dev/null
		k=$((k+1)); echo "kill $k: pid $p at $(date +%T.%N | cut -c1-12), inbox $(inbox)" | tee -a $D/kills.log
		echo "=== SIGKILL $k" >> $D/run.log
		startrun $D
	done
	wait $ap
done
# let it finish: INBOX empty and nothing queued/sending/deferred
for i in $(seq 60); do
	sleep 2
	q=$($HR outbox --json -c $D/hr.conf | grep -c '"state":"\(queued\|sending\|deferred\)"')
	[ "$(inbox)" = 0 ] && [ "$q" = 0 ] && break
done
sleep 3; stoprun $D
echo "inbox left: $(inbox)"
tally $D $tag 50
$HR audit verify -c $D/hr.conf; echo "audit verify exit $?"
grep -c '^=== SIGKILL' $D/run.log
