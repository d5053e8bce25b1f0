# lib5.sh (sourced): helpers of the fifth trial. Needs E=/tmp/e5 (servers in
# $E/s, PKI in $E/pki, docs in $E/docs, base config $E/base/hr.conf).
R=/work/wt/e2e5
HR=$R/build/hotrocks
PY=/usr/bin/python3
: "${E:=/tmp/e5}"
export HOTROCKS_TEMPLATES=$R/outbox/templates
. $E/s/ports
DOC="$E/docs/DS SIM HU Nghia Hanh.docx"
# mkconf DIR [DBDIR]: DIR/hr.conf, the base config with the store in DBDIR
# (default DIR/var), log_level info
mkconf() {
	d=$1; db=${2:-$1/var}; mkdir -p "$d" "$db"
	sed -e "s|^database = .*|database = $db/hotrocks.db|" \
	    -e "s|^log_level =.*|log_level = info|" $E/base/hr.conf > "$d/hr.conf"
}
# burst TAG N [PADKB]: N rejected-with-a-reply messages in $E/m/TAG
burst() { rm -rf "$E/m/$1"; $PY $R/tests/e2e/burst5.py "$E/m/$1" "$1" "$2" "${3:-0}" "$DOC"; }
# append TAG: APPEND every message of the burst to the INBOX (IMAPS)
append() { $PY $R/tests/e2e/deliver3.py $E/s $E/m/$1/*.eml | tail -1; }
# startrun DIR: run in the background, log DIR/run.log, pid DIR/run.pid
startrun() { $HR run -c "$1/hr.conf" >> "$1/run.log" 2>&1 & echo $! > "$1/run.pid"; }
stoprun() { p=$(cat "$1/run.pid"); kill -TERM $p 2>/dev/null; for i in $(seq 50); do kill -0 $p 2>/dev/null || break; sleep 0.2; done; wait $p 2>/dev/null; echo "run exit $?"; }
inbox() { find $E/s/home/hotrocks/Maildir/new $E/s/home/hotrocks/Maildir/cur -type f | wc -l; }
# tally DIR TAG N: per message: records, archive files, replies, Sent copies, INBOX
tally() { $PY $R/tests/e2e/tally5.py "$1/hr.conf" "$E/s/home" "$2" "$3"; }
# clearinbox: expunge what a previous scenario left in the office INBOX
clearinbox() { doveadm -c $E/s/dovecot.conf expunge -u hotrocks mailbox INBOX all; }
