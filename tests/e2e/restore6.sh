#!/bin/bash
# restore6.sh: scenario 1. run as the service; batch 1 (mail.py stage1);
# backup as README "Backup and restore"; batch 2 (stage2, then stage3,
# which answers letters sent after the backup); snapshot; stop, restore,
# audit verify, refile --since the backup's day, run again; compare.
E=/tmp/e6; . /work/wt/e2e6/tests/e2e/lib6.sh
D=$E/rs; rm -rf $D; mkconf $D; C="-c $D/hr.conf"; clearinbox
$DV mailbox delete -u hotrocks -s Processed Rejected Redirected Manual Ignored Sent 2>/dev/null
for u in $(ls $E/s/home); do [ $u = hotrocks ] || rm -f $E/s/home/$u/Maildir/{new,cur}/*; done
$HR units import $R/tests/e2e/units.csv $C | tail -1
# settle: INBOX empty and nothing queued/sending/deferred, twice in a row
settle() { ok=0; for i in $(seq 90); do sleep 2
	q=$($HR outbox --json $C | grep -c '"state":"\(queued\|sending\|deferred\)"')
	if [ "$(inbox)" = 0 ] && [ "$q" = 0 ]; then ok=$((ok+1)); [ $ok = 2 ] && break; else ok=0; fi; done
	echo "settled after $((i*2)) s: inbox $(inbox), due $q"; }
snap() { mkdir -p $D/$1; for t in messages cases outbox; do $HR $t --json $C > $D/$1/$t.json; done
	$HR status $C > $D/$1/status.txt; count6 > $D/$1/count.txt; cat $D/$1/count.txt; }
startrun $D
$PY $R/tests/e2e/mail.py stage1 $E/docs $E/m/b1 >/dev/null; $PY $R/tests/e2e/deliver.py $SMTP_PORT $E/m/b1/*.eml | wc -l
settle; snap b1
# backup while the service runs
DAY=$(date +%F); mkdir -p $D/bk
sqlite3 -readonly $D/var/hotrocks.db ".backup $D/bk/hotrocks.db"; cp -a $D/var/archive $D/bk/archive   # no rsync here; a copy after the .backup
echo "backup taken $DAY $(date +%T)"
$PY $R/tests/e2e/mail.py stage2 $E/docs $E/m/b2 $E/s/home >/dev/null; $PY $R/tests/e2e/deliver.py $SMTP_PORT $E/m/b2/*.eml | wc -l
settle
$PY $R/tests/e2e/mail.py stage3 $E/docs $E/m/b3 $E/s/home >/dev/null; $PY $R/tests/e2e/deliver.py $SMTP_PORT $E/m/b3/*.eml | wc -l
settle; snap before
stoprun $D
# restore: the store without -wal/-shm, the archive as it was
cp $D/bk/hotrocks.db $D/var/hotrocks.db; rm -f $D/var/hotrocks.db-wal $D/var/hotrocks.db-shm
rm -rf $D/var/archive; cp -a $D/bk/archive $D/var/archive
$HR audit verify $C | tail -2; echo "audit verify exit $?"
$HR status $C | tee $D/status-restored.txt
$HR refile --since $DAY $C; echo "refile exit $?"
echo "inbox after refile: $(inbox)"
startrun $D; settle; snap after
stoprun $D
$PY - $D <<'P2'
import json, sys
d = sys.argv[1]
def load(s, t): return [json.loads(l) for l in open(f"{d}/{s}/{t}.json") if l.strip()]
keys = {"messages": ("message_id", ("kind", "action", "case", "replies")),
        "cases": ("number", ("state", "kind", "action", "from", "subject", "rows", "rows_with_errors", "flag")),
        "outbox": ("message_id", ("state", "purpose", "rcpt"))}
for t, (k, f) in keys.items():
    b, a = load("before", t), load("after", t)
    ak = [x[k] for x in a]
    B = {x[k]: tuple(x.get(y) for y in f) for x in b}; A = {x[k]: tuple(x.get(y) for y in f) for x in a}
    diff = [(x, B.get(x), A.get(x)) for x in sorted(set(B) | set(A), key=str) if B.get(x) != A.get(x)]
    print(f"{t}: before {len(b)} after {len(a)}, keys twice after {len(ak) - len(set(ak))}, differing {len(diff)}")
    for x in diff: print("   ", x)
P2
$HR audit export --since $DAY $C $D/audit.zip >/dev/null; echo "audit export exit $?"
( cd $D && rm -rf ax && mkdir ax && cd ax && $PY -m zipfile -e ../audit.zip . && grep -rl "not sent again" . | head -3; echo "audit entries 'not sent again': $(grep -rho 'not sent again' . | wc -l)" )
echo "run.log notices 'a copy of it is kept already': $(grep -c 'a copy of it is kept already' $D/run.log)"
