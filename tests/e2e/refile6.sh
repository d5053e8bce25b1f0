#!/bin/bash
# refile6.sh: refile's edges on scenario 1's store: bad dates, a future
# day, no --since, while run holds the store, and the IMAP server down.
E=/tmp/e6; . /work/wt/e2e6/tests/e2e/lib6.sh
D=$E/rs; C="-c $D/hr.conf"
t() { echo "\$ hotrocks refile $*"; $HR refile "$@" $C 2>&1 | sed 's/^/    /'; echo "    exit ${PIPESTATUS[0]}"; }
t --since 05/12/2026; t --since 2026-12-5; t --since 2026-13-01; t --since 2026-02-30; t --since yesterday
t; t --since 2027-01-01; t --since 1970-01-01 --dry-run
echo "inbox now $(inbox)"; clearinbox   # (expunges the refiled mail: a test mailbox)
startrun $D; sleep 2; t --since 2026-12-05; echo "inbox now $(inbox)"; stoprun $D
sleep 1; while [ "$(inbox)" != 0 ]; do startrun $D; sleep 5; stoprun $D; done
sh $R/tests/servers/dovecot.sh stop $E/s >/dev/null 2>&1
t --since 2026-12-05
sh $R/tests/servers/dovecot.sh resume $E/s >/dev/null; echo "dovecot resumed: $($DV mailbox status -u hotrocks messages INBOX)"
# part 2: a typo with the server down; refile while run holds the store
sh $R/tests/servers/dovecot.sh stop $E/s >/dev/null 2>&1; t --since 05/12/2026
sh $R/tests/servers/dovecot.sh resume $E/s >/dev/null
startrun $D; burst rf 5; append rf; sleep 6; echo "inbox $(inbox)"
t --since $(date +%F); sleep 8; echo "inbox $(inbox)"; stoprun $D
tally $D rf 5
