# clock3.sh: sourced by the third trial's steps (findings3.md). hotrocks
# runs under libfaketime with an offset read from $T/ft at every call
# (FAKETIME_NO_CACHE), so `clock 2026-12-07T09:01:00Z` moves the clock of a
# running `run` too; Dovecot and Postfix stay on the real clock.
T=${T:-/tmp/e2e3}
REPO=${REPO:-/work/wt/e2e3}
H=$REPO/build/hotrocks
C="-c $T/hr.conf"
FT_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
clock() { echo "+$(( $(date -d "$1" +%s) - $(date +%s) ))" > $T/ft; echo "== clock $(hrdate)"; }
hrdate() { LD_PRELOAD=$FT_LIB FAKETIME_TIMESTAMP_FILE=$T/ft FAKETIME_NO_CACHE=1 NO_FAKE_STAT=1 date -u '+%F %T UTC' ; }
hr() { LD_PRELOAD=$FT_LIB FAKETIME_TIMESTAMP_FILE=$T/ft FAKETIME_NO_CACHE=1 NO_FAKE_STAT=1 $H "$@" $C; }
hrnc() { LD_PRELOAD=$FT_LIB FAKETIME_TIMESTAMP_FILE=$T/ft FAKETIME_NO_CACHE=1 NO_FAKE_STAT=1 $H "$@"; }
startrun() {
	LD_PRELOAD=$FT_LIB FAKETIME_TIMESTAMP_FILE=$T/ft FAKETIME_NO_CACHE=1 NO_FAKE_STAT=1 \
	    $H run $C >> $T/run.log 2>&1 &
	echo $! > $T/run.pid; sleep 2; echo "== run pid $(cat $T/run.pid)"
}
stoprun() { kill -TERM $(cat $T/run.pid); wait $(cat $T/run.pid) 2>/dev/null; sleep 1; echo "== run stopped"; }
# Dovecot stamps an APPEND dated in its future with its own (real) time,
# and poll takes that INTERNALDATE as the receipt time; so the dated mail
# of the month is ingested from files whose mtime is their Date: (README:
# "A message's receipt time is its file's mtime"), while `run` keeps
# polling the IMAP INBOX, building the forwards and delivering the outbox.
mail() { # stage WHEN
	/usr/bin/python3 $REPO/tests/e2e/mail3.py $1 $T/docs $T/m/$1 $T/s/home $2 >/dev/null &&
	for f in $T/m/$1/*.eml; do
		touch -d "$(sed -n 's/^Date: //p' "$f" | head -1)" "$f"
	done &&
	hr ingest $T/m/$1
}
mailimap() { # stage WHEN: the same through the office INBOX (real receipt time)
	/usr/bin/python3 $REPO/tests/e2e/mail3.py $1 $T/docs $T/m/$1 $T/s/home $2 >/dev/null &&
	/usr/bin/python3 $REPO/tests/e2e/deliver3.py $T/s $T/m/$1/*.eml
}
# A pass of `run` starts on mail, not on a step of the faked clock (its
# waits are the kernel's): a newsletter (ignored, never answered) through
# the office INBOX makes one, as the office's real mail flow would.
nudge() {
	mkdir -p $T/m/nudge
	f=$T/m/nudge/nl-$(date +%s%N).eml
	printf 'From: Ban Bien tap <bantin@quangngai.dcs.vn>\r\nTo: HotroCKS@quangngai.dcs.vn\r\nSubject: Ban tin\r\nDate: %s\r\nMessage-ID: <nl.%s@quangngai.dcs.vn>\r\nList-Id: <bantin.quangngai.dcs.vn>\r\nPrecedence: list\r\n\r\nBan tin.\r\n' "$(date -R)" "$(date +%s%N)" > $f
	/usr/bin/python3 $REPO/tests/e2e/deliver3.py $T/s $f >/dev/null; sleep 5
}
