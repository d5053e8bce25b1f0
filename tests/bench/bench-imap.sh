#!/bin/bash
# make bench, IMAP part: figures, never assertions. A private Dovecot
# (tests/servers/dovecot.sh) on 127.0.0.1 holds N small messages; three
# readers of the same messages, in the same run:
#   doveadm import   the floor: the server writing them, no network;
#   fdm              the peer: Debian's C fetcher over IMAPS into a
#                    Maildir, deciding nothing (keep: left on the server);
#   hotrocks poll    over IMAPS: archive, decide, record, move each one.
# Each with messages/s and peak memory (/usr/bin/time -v). Then under
# `hotrocks run`, the IDLE arrival-to-record latency: a message saved by
# doveadm until its row is in the store, median of 20.
set -e
hotrocks=$(realpath "$1")
n=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
d=$(mktemp -d /tmp/hr-XXXXXX)
trap 'sh "$here/../servers/dovecot.sh" stop "$d" >/dev/null 2>&1 || true;
    [ -n "${runpid:-}" ] && kill "$runpid" 2>/dev/null; rm -rf "$d"' EXIT
sh "$here/../servers/dovecot.sh" start "$d" >"$d/servers.log" 2>&1
. "$d/ports"
pw=$(cat "$d/pass/hotrocks")
dc="doveadm -c $d/dovecot.conf"

# N small distinct messages, in a Maildir for doveadm import.
mkdir -p "$d/src/cur" "$d/src/new" "$d/src/tmp"
$python - "$d/src/new" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open("%s/b%06d" % (d, i), "w") as f:
        f.write("From: unit%d@quangngai.dcs.vn\r\nTo: hotrocks@quangngai.dcs.vn\r\n"
                "Subject: Hoi dap %d\r\nMessage-ID: <bench.%d@test.example>\r\n"
                "Date: Mon, 1 Jul 2024 08:00:00 +0700\r\n\r\n"
                "Xin hoi thu tuc so %d.\r\n" % (i % 50, i, i, i))
PY
chown -R nobody:nogroup "$d/src"

# "NAME SECONDS PEAK_KIB" from /usr/bin/time -v's report in file.
report() {
	awk -v name="$1" -v n="$n" '
	/Elapsed \(wall clock\)/ { t = $NF; k = split(t, p, ":");
	    s = (k == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
	/Maximum resident set size/ { m = $NF }
	END { printf("  %-30s %6d msgs %8.2f s %8.0f msg/s   peak %6.1f MiB\n",
	    name, n, s, s > 0 ? n / s : 0, m / 1024) }' "$2"
}

echo
echo "IMAP: $n small messages from a private Dovecot on 127.0.0.1 (IMAPS)"
/usr/bin/time -v -o "$d/t.import" $dc import -u hotrocks \
    maildir:"$d/src" "" all
report "doveadm import (floor)" "$d/t.import"

if command -v fdm >/dev/null; then
	mkdir -p "$d/fdm/cur" "$d/fdm/new" "$d/fdm/tmp"
	chmod -R 700 "$d/fdm"	# fdm warns a line a message otherwise
	cat >"$d/fdm.conf" <<FDM
set lock-file "$d/fdm.lock"
set verify-certificates
account "bench" imaps server "127.0.0.1" port $IMAPS_PORT
    user "hotrocks" pass "$pw" keep
action "md" maildir "$d/fdm"
match all action "md"
FDM
	chmod 600 "$d/fdm.conf"
	SSL_CERT_FILE=$d/pki/root.pem /usr/bin/time -v -o "$d/t.fdm" \
	    fdm -q -f "$d/fdm.conf" fetch 2>"$d/fdm.err"
	got=$(find "$d/fdm/new" "$d/fdm/cur" -type f | wc -l)
	report "fdm fetch (peer, $got kept)" "$d/t.fdm"
else
	echo "  fdm: not installed (make deps installs it for bench)"
fi

cat >"$d/h.conf" <<CONF
[store]
database = $d/store/h.db
[rules]
require_signature = false
[imap]
host = 127.0.0.1
port = $IMAPS_PORT
security = tls
ca_file = $d/pki/root.pem
username = hotrocks
password_file = $d/pass/hotrocks
[service]
log_level = info
CONF
/usr/bin/time -v -o "$d/t.poll" "$hotrocks" poll -q -c "$d/h.conf"
report "hotrocks poll (decides all)" "$d/t.poll"
left=$($dc mailbox status -u hotrocks messages INBOX | sed 's/.*=//')
recorded=$(sqlite3 "$d/store/h.db" 'SELECT COUNT(*) FROM messages')
echo "    recorded $recorded, left in INBOX $left"

# IDLE latency: run waits in IDLE; each message is saved by doveadm and
# timed until its row is in the store.
"$hotrocks" run -c "$d/h.conf" 2>"$d/run.log" &
runpid=$!
until grep -q "connected" "$d/run.log" 2>/dev/null; do sleep 0.05; done
sleep 0.5
$python - "$d" "$dc" <<'PY'
import sqlite3, subprocess, sys, time
d, dc = sys.argv[1], sys.argv[2].split()
db = sqlite3.connect("file:%s/store/h.db?mode=ro" % d, uri=True, timeout=10)
lat = []
for i in range(20):
    mid = "<idle.%d@test.example>" % i
    msg = ("From: unit1@quangngai.dcs.vn\r\nTo: hotrocks@quangngai.dcs.vn\r\n"
           "Subject: IDLE %d\r\nMessage-ID: %s\r\n\r\nXin hoi.\r\n" % (i, mid))
    t0 = time.monotonic()
    subprocess.run(dc + ["save", "-u", "hotrocks", "-m", "INBOX"],
                   input=msg.encode(), check=True)
    t1 = time.monotonic()
    while db.execute("SELECT COUNT(*) FROM messages WHERE message_id = ?",
                     (mid,)).fetchone()[0] == 0:
        if time.monotonic() - t0 > 30:
            break
        time.sleep(0.002)
    lat.append((time.monotonic() - t1, time.monotonic() - t0))
    time.sleep(0.2)
after = sorted(l[0] for l in lat)
total = sorted(l[1] for l in lat)
print("  IDLE arrival to record (run)   20 msgs  median %.0f ms "
      "(max %.0f ms); with doveadm save %.0f ms" %
      (after[10] * 1000, after[-1] * 1000, total[10] * 1000))
PY
kill -TERM "$runpid"
wait "$runpid" || true
runpid=
