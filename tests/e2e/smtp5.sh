#!/bin/bash
# smtp5.sh: scenario 3. Postfix stopped; run records two bursts (A, B: 10
# each) whose letters defer; the days pass with `send --at` (README: "--at
# sets the pass's clock"): A's letters go at +2 days once Postfix is back;
# B's, with Postfix down again, pass [smtp] max_age (5 days) at +6 days and
# fail. Then run again with Postfix up: nothing failed is sent; outbox retry
# sends one, once.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
PF="postfix -c $E/s/pf/etc"
clearinbox
tag=sm$(date +%H%M); D=$E/$tag
mkconf $D; burst ${tag}a 10; burst ${tag}b 10
at() { date -u -d "@$(( $(date +%s) + $1 ))" +%Y-%m-%dT%H:%M:%SZ; }
$PF stop >/dev/null 2>&1; sleep 2
echo "== postfix stopped; run; burst A"
startrun $D; sleep 2; append ${tag}a; sleep 8
$HR outbox -c $D/hr.conf | head -4; $HR status -c $D/hr.conf | grep outbox
stoprun $D
grep -v '^info run: imap UID' $D/run.log | uniq -c | head -12
echo "== send --at +1h (postfix down)"; $HR send -c $D/hr.conf --at $(at 3600); echo "exit $?"
echo "== send --at +2d (postfix up)"; $PF start >/dev/null 2>&1; sleep 2
$HR send -c $D/hr.conf --at $(at 172800); echo "exit $?"
sleep 3; tally $D ${tag}a 10 | tail -3
echo "== postfix down again; burst B"
$PF stop >/dev/null 2>&1; sleep 2
startrun $D; sleep 2; append ${tag}b; sleep 8; stoprun $D
for h in 2 26 50 98; do echo "== send --at +${h}h"; $HR send -c $D/hr.conf --at $(at $((h*3600))); echo "exit $?"; done
echo "== send --at +6d (postfix down, past max_age)"; $HR send -c $D/hr.conf --at $(at 518400); echo "exit $?"
$HR outbox -c $D/hr.conf --state failed | head -4
echo "== cases --flagged"; $HR cases --flagged -c $D/hr.conf | head -5; echo "($($HR cases --flagged -c $D/hr.conf | tail -n +2 | wc -l) flagged)"
$HR status -c $D/hr.conf | grep -i 'outbox\|fail'
echo "== postfix up; run again 25 s"
$PF start >/dev/null 2>&1; sleep 2; startrun $D; sleep 25; stoprun $D
first=$($HR outbox --json -c $D/hr.conf | grep '"state":"failed"' | head -1 | sed 's/.*"id":\([0-9]*\),.*/\1/')
echo "== outbox retry $first"; $HR outbox retry $first -c $D/hr.conf --by tester; echo "exit $?"; $HR send -c $D/hr.conf; echo "exit $?"; $HR send -c $D/hr.conf; echo "exit $?"
sleep 3; tally $D ${tag}b 10 | tail -12
$HR case show $($HR cases --flagged --json -c $D/hr.conf | head -1 | sed 's/.*"number":"\([^"]*\)".*/\1/') -c $D/hr.conf | head -20
