#!/bin/bash
# full5.sh [db]: scenario 1. The store and the archive on a 24 MB tmpfs
# (/tmp/e5/full); 30 messages of ~1.4 MB each arrive while run runs; the
# disk fills; status/cases/audit verify are tried while full; then the
# tmpfs is grown to 200 MB (mount -o remount,size=) and run must take the
# rest. With "db": only the database on a 700 KB tmpfs, the archive
# elsewhere, 60 small messages.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
mode=${1:-all}
clearinbox
mountpoint -q $E/full && umount $E/full
if [ $mode = db ]; then
	tag=dfdb$(date +%H%M); D=$E/$tag; n=60; pad=0; size=700k
	rm -rf $D; mkdir -p $E/full; mount -t tmpfs -o size=$size tmpfs $E/full
	mkconf $D $E/full/var; sed -i "s|^archive =.*|archive = $D/archive|" $D/hr.conf
else
	tag=df$(date +%H%M); D=$E/$tag; n=30; pad=1024; size=24m
	rm -rf $D; mkdir -p $E/full; mount -t tmpfs -o size=$size tmpfs $E/full
	mkconf $D $E/full/var
fi
burst $tag $n $pad
startrun $D; sleep 2
append $tag
for i in $(seq 30); do sleep 2; [ "$(inbox)" = 0 ] && break; grep -q 'pass stopped' $D/run.log && [ $i -gt 8 ] && break; done
echo "--- while full: inbox $(inbox)"; df -k $E/full | tail -1
kill -0 $(cat $D/run.pid) && echo "run still running" || echo "run exited"
for c in "status" "cases" "messages" "audit verify" "outbox"; do
	echo "--- $c"; $HR $c -c $D/hr.conf > $D/out.txt 2>&1; rc=$?; tail -4 $D/out.txt; echo "exit $rc"; done
echo "--- ingest by hand while full"; $HR ingest -c $D/hr.conf $E/m/$tag/$tag-0$((n-1)).eml; echo "ingest exit $?"
echo "--- log so far (not info)"; grep -v '^info run: \(imap UID\|outbox [0-9]\)' $D/run.log | uniq -c | head -30
echo "--- grow the file system"
mount -o remount,size=200m $E/full; df -k $E/full | tail -1
t0=$(date +%s)
for i in $(seq 60); do sleep 2; q=$($HR outbox --json -c $D/hr.conf | grep -c '"state":"\(queued\|sending\|deferred\)"'); [ "$(inbox)" = 0 ] && [ "$q" = 0 ] && break; done
echo "drained after $(( $(date +%s) - t0 )) s; inbox $(inbox)"
sleep 2; stoprun $D
grep -v '^info run: \(imap UID\|outbox [0-9]\)' $D/run.log | tail -8
tally $D $tag $n
$HR audit verify -c $D/hr.conf | tail -2; echo "audit verify exit $?"
$HR status -c $D/hr.conf
find $E/full $D -name '*tmp*' | head
