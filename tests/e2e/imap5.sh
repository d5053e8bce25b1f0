#!/bin/bash
# imap5.sh outage|folders: scenario 2.
# outage: 60 messages (~200 KB each) wait in the INBOX; run starts; once
#   it logs its first UID of them, Dovecot is stopped (clients kicked) for
#   20 s, then resumed (same ports, same mail); run must finish the rest.
# folders: run idles; 40 messages arrive; at its first UID line a person
#   renames Rejected and Sent to "Rejected TAG", "Sent TAG" (doveadm, as
#   a mail client would); then 10 more arrive after the pass.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
mode=${1:-outage}
DV="doveadm -c $E/s/dovecot.conf"
clearinbox
waitline() { for i in $(seq 300); do grep -q "$1" $2 && return 0; sleep 0.05; done; return 1; }
drain() { for i in $(seq ${2:-60}); do sleep 2; q=$($HR outbox --json -c $1/hr.conf | grep -c '"state":"\(queued\|sending\|deferred\)"'); [ "$(inbox)" = 0 ] && [ "$q" = 0 ] && return 0; done; return 1; }
if [ $mode = outage ]; then
	tag=io$(date +%H%M); D=$E/$tag; n=60
	mkconf $D; sed -i "s/^batch_size = .*/batch_size = ${BATCH:-100}/" $D/hr.conf; burst $tag $n ${PAD:-150}; append $tag
	startrun $D; waitline "<$tag.1@" $D/run.log; sleep ${OUT_DELAY:-0.3}
	echo "stop dovecot at $(date +%T.%N|cut -c1-12); recorded so far: $(grep -c "<$tag\." $D/run.log)"
	sh $R/tests/servers/dovecot.sh stop $E/s
	sleep 20
	echo "run alive: $(kill -0 $(cat $D/run.pid) && echo yes || echo no); resume dovecot"
	sh $R/tests/servers/dovecot.sh resume $E/s
	postqueue -c $E/s/pf/etc -f; t0=$(date +%s); drain $D; postqueue -c $E/s/pf/etc -f; sleep 3; echo "drained $? after $(( $(date +%s) - t0 )) s; inbox $(inbox)"
	stoprun $D
	grep -v '^info run: \(imap UID\|outbox [0-9]\)' $D/run.log | uniq -c | head -40
	tally $D $tag $n
else
	tag=if$(date +%H%M); D=$E/$tag; n=40
	mkconf $D; burst $tag 50
	mkdir -p $E/m/${tag}a $E/m/${tag}b; mv $E/m/$tag/$tag-04[1-9].eml $E/m/$tag/$tag-050.eml $E/m/${tag}b/; mv $E/m/$tag/*.eml $E/m/${tag}a/
	startrun $D; sleep 3
	$PY $R/tests/e2e/deliver3.py $E/s $E/m/${tag}a/*.eml > /dev/null &
	ap=$!
	waitline "<$tag.1@" $D/run.log
	$DV mailbox rename -u hotrocks Rejected "Rejected $tag"; echo "rename Rejected: $?"
	$DV mailbox rename -u hotrocks Sent "Sent $tag"; echo "rename Sent: $?"
	wait $ap; drain $D 30; echo "after first 40: inbox $(inbox)"
	$DV mailbox list -u hotrocks | tr '\n' ' '; echo
	$PY $R/tests/e2e/deliver3.py $E/s $E/m/${tag}b/*.eml > /dev/null
	drain $D 30; echo "after 10 more: inbox $(inbox)"
	stoprun $D
	grep -v '^info run: \(imap UID\|outbox [0-9]\)' $D/run.log | uniq -c | head -40
	$DV mailbox list -u hotrocks | tr '\n' ' '; echo
	for f in INBOX Rejected "Rejected $tag" Sent "Sent $tag"; do echo "$f: $($DV search -u hotrocks mailbox "$f" header Message-ID "@burst5.test" 2>/dev/null | wc -l) burst, $($DV search -u hotrocks mailbox "$f" header In-Reply-To "$tag." 2>/dev/null | wc -l) replies to $tag"; done
	tally $D $tag 50
fi
