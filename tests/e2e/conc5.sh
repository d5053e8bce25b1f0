#!/bin/bash
# conc5.sh: scenario 5. On one store: a second run and a poll while run
# runs; then 30 messages APPENDed to the INBOX while, at the same time, a
# hand `ingest` takes 30 other messages from files AND the same 30 from
# their files, and `send` is run by hand in a loop.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
clearinbox
tag=cc$(date +%H%M); D=$E/$tag; mkconf $D; burst ${tag} 30; burst ${tag}f 30
startrun $D; sleep 3
echo "== second run"; timeout 20 $HR run -c $D/hr.conf; echo "exit $?"
echo "== poll"; timeout 20 $HR poll -c $D/hr.conf; echo "exit $?"
echo "== APPEND 30 + ingest 30 others + ingest the same 30 + send loop, at once"
append $tag > /dev/null &
( $HR ingest -q -c $D/hr.conf $E/m/${tag}f/ > $D/ingest-f.log 2>&1; echo "ingest others exit $?" >> $D/ingest-f.log ) &
( sleep 0.5; $HR ingest -q -c $D/hr.conf $E/m/${tag}/ > $D/ingest-same.log 2>&1; echo "ingest same exit $?" >> $D/ingest-same.log ) &
( for i in $(seq 15); do $HR send -c $D/hr.conf 2>&1 | grep -v '^info'; echo "send exit ${PIPESTATUS[0]}"; sleep 0.3; done > $D/send.log ) &
wait %2 %3 %4 %5
for i in $(seq 30); do sleep 2; q=$($HR outbox --json -c $D/hr.conf | grep -c '"state":"\(queued\|sending\|deferred\)"'); [ "$(inbox)" = 0 ] && [ "$q" = 0 ] && break; done
sleep 2; stoprun $D
cat $D/ingest-f.log $D/ingest-same.log | grep -v '^info'; sort $D/send.log | uniq -c
grep -v '^info run: \(imap UID\|outbox [0-9]\)' $D/run.log | uniq -c | head
grep -i 'lock\|busy' $D/*.log | head
tally $D $tag 30 | tail -6; tally $D ${tag}f 30 | tail -6
$HR audit verify -c $D/hr.conf | tail -1
