#!/bin/bash
# sentowed6.sh [N]: scenario 2a. Sent made un-appendable (its Maildir
# folders chmod 555; Dovecot's imap runs as nobody) while Postfix and the
# INBOX still work; N messages appended; run sends; status must count the
# copies owed; then Sent repaired: the next pass keeps one copy of each.
E=/tmp/e6; . /work/wt/e2e6/tests/e2e/lib6.sh
n=${1:-20}; tag=so$(date +%H%M); D=$E/$tag; rm -rf $D; mkconf $D; C="-c $D/hr.conf"
clearinbox; $DV mailbox delete -u hotrocks Sent 2>/dev/null; $DV mailbox create -u hotrocks Sent
S=$E/s/home/hotrocks/Maildir/.Sent; chmod 555 $S/tmp $S/new $S/cur
startrun $D; sleep 2; burst $tag $n; append $tag; t0=$(date +%s)
for i in $(seq 60); do sleep 1
	s=$($HR outbox --json $C | grep -c '"state":"sent"'); [ $s = $n ] && break; done
echo "sent $s/$n after $(( $(date +%s) - t0 )) s"; sleep 3
$HR status $C | grep -i "sent\|outbox"; $HR status --json $C | grep -o '"sent_folder":{[^}]*}'
echo "status exit: $($HR status $C >/dev/null 2>&1; echo $?)"
$HR send $C; echo "send exit $?"
grep -c "warning" $D/run.log; grep "warning" $D/run.log | cut -c1-200 | sort | uniq -c | sort -rn | head -3
chmod 755 $S/tmp $S/new $S/cur; t1=$(date +%s); echo "Sent repaired $(date +%T)"
for i in $(seq 90); do sleep 1
	$HR status --json $C | grep -q '"copies_owed":0' && break; done
echo "owed 0 after $(( $(date +%s) - t1 )) s (poll_interval 20 s)"; sleep 3
$HR status $C | grep -i "sent copies"; stoprun $D
tally $D $tag $n
grep -i "kept\|copy\|owed" $D/run.log | cut -c1-160 | sed 's/<[^>]*>/<ID>/g' | sort | uniq -c | head -8
