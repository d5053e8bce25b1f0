# lib6.sh (sourced): lib5.sh's helpers for the sixth trial (E=/tmp/e6,
# this worktree's binary); tally uses tally5.py with its binary path
# pointed here (tally5.py names /work/wt/e2e5's).
: "${E:=/tmp/e6}"
. /work/wt/e2e6/tests/e2e/lib5.sh
R=/work/wt/e2e6; HR=$R/build/hotrocks
export HOTROCKS_TEMPLATES=$R/outbox/templates
DV="doveadm -c $E/s/dovecot.conf"
sed "s|/work/wt/e2e5/build|$R/build|" $R/tests/e2e/tally5.py > $E/tally5.py
tally() { $PY $E/tally5.py "$1/hr.conf" "$E/s/home" "$2" "$3"; }
burst() { rm -rf "$E/m/$1"; $PY $R/tests/e2e/burst5.py "$E/m/$1" "$1" "$2" "${3:-0}" "$DOC"; }
append() { $PY $R/tests/e2e/deliver3.py $E/s $E/m/$1/*.eml | tail -1; }
# count6: letters in every mailbox but the office's, by Message-ID and by
# (mailbox, subject); copies in the office's Sent by Message-ID
count6() { $PY $R/tests/e2e/count6.py $E/s/home "$@"; }
