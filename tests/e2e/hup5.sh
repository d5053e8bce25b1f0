#!/bin/bash
# hup5.sh: scenario 6. run runs; its config is edited with one mistake and
# SIGHUPed; 3 messages arrive; after 25 s what was done is looked at; the
# good config is put back and SIGHUPed; the 3 must be taken.
E=/tmp/e5; . /work/wt/e2e5/tests/e2e/lib5.sh
clearinbox
tag=hu$(date +%H%M); D=$E/$tag; mkconf $D; cp $D/hr.conf $D/good.conf
startrun $D; sleep 3
k=0
try() {  # try NAME SED-EXPR
	k=$((k+1)); t=${tag}$k
	sed -e "$2" $D/good.conf > $D/hr.conf
	echo "=== $1: $(diff $D/good.conf $D/hr.conf | grep '^>')"
	$HR check-config --offline -c $D/hr.conf > $D/cc$k.txt 2>&1; echo "check-config --offline exit $? $(grep -i fail $D/cc$k.txt | head -2 | tr '\n' ' ')"
	n0=$(wc -l < $D/run.log)
	kill -HUP $(cat $D/run.pid); sleep 2; burst $t 3; append $t > /dev/null; sleep 25
	echo "run alive: $(kill -0 $(cat $D/run.pid) 2>/dev/null && echo yes || echo NO); inbox $(inbox)"
	tail -n +$((n0+1)) $D/run.log | grep -v '^info run: \(imap UID\|outbox [0-9]\)' | uniq -c | head -8
	$HR status -c $D/hr.conf | sed -n 1,5p
	cp $D/good.conf $D/hr.conf; n0=$(wc -l < $D/run.log); kill -HUP $(cat $D/run.pid); sleep 25
	echo "-- good config back: inbox $(inbox)"; tail -n +$((n0+1)) $D/run.log | grep -v '^info run: \(imap UID\|outbox [0-9]\)' | uniq -c | head -5
	tally $D $t 3 | tail -1
}
try "IMAP password file missing" "/^\[imap\]/,/^\[/s|^password_file = .*|password_file = $E/s/pass/hotrock|"
try "folder that does not exist" "s|^folder = INBOX|folder = INBX|"
try "reject_folder empty" "s|^reject_folder = .*|reject_folder =|"
try "unknown key (typo)" "s|^poll_interval = 20|pol_interval = 20|"
try "SMTP password file missing" "/^\[smtp\]/,/^\[/s|^password_file = .*|password_file = /nonexistent/smtp-pass|"
stoprun $D
