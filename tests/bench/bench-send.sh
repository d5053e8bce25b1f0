#!/bin/bash
# bench-send.sh HOTROCKS SAMPLES: replies delivered per second by one
# `hotrocks send` to a private Postfix (submission, STARTTLS and AUTH, a
# new TLS session once, then RSET between messages) delivering into a
# private Dovecot, and the peak memory of that process. Figures only.
# BENCH_SEND_N replies (default 500), each the rejection of a copy of one
# sample with a Message-ID of its own.
set -e
hotrocks=$1
samples=$2
n=${BENCH_SEND_N:-500}
python=${PYTHON:-/usr/bin/python3}
d=$(mktemp -d /tmp/hr-XXXXXX)
stop() {
	sh tests/servers/postfix.sh stop "$d" >/dev/null 2>&1 || true
	sh tests/servers/dovecot.sh stop "$d" >/dev/null 2>&1 || true
	rm -rf "$d"
}
trap stop EXIT
sh tests/servers/dovecot.sh start "$d" >/dev/null
sh tests/servers/postfix.sh start "$d" >/dev/null
. "$d/ports"
cat > "$d/bench.conf" <<CONF
[outbox]
max_replies_per_sender_per_day = 1000000
[smtp]
host = localhost
port = $SUBMISSION_PORT
security = starttls
username = hotrocks
password_file = $d/pass/hotrocks
ca_file = $d/pki/root.pem
CONF
mkdir -p "$d/in"
$python - "$samples/05-zimbra-docx-row-errors.eml" "$d/in" "$n" <<'PY'
import re, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
raw = open(src, "rb").read()
head, sep, body = raw.partition(b"\r\n\r\n")
if not sep:
    head, sep, body = raw.partition(b"\n\n")
head = re.sub(rb"(?im)^message-id:.*(\r?\n[ \t].*)*\r?\n", b"", head + b"\n")
for i in range(n):
    with open("%s/%05d.eml" % (out, i), "wb") as f:
        f.write(b"Message-ID: <bench-%d@example.vn>\r\n" % i + head.rstrip(b"\r\n")
                + sep + body)
PY
"$hotrocks" ingest -q -c "$d/bench.conf" --db "$d/h.db" "$d/in" >/dev/null
queued=$("$hotrocks" outbox -c "$d/bench.conf" --db "$d/h.db" --json | wc -l)
/usr/bin/time -f '%e %M' -o "$d/time" \
    "$hotrocks" send -c "$d/bench.conf" --db "$d/h.db" >"$d/send.out"
read -r wall peak <"$d/time"
echo
echo "deliver over SMTP (private Postfix, STARTTLS + AUTH, one process)"
awk -v n="$queued" -v w="$wall" -v k="$peak" -v out="$(cat "$d/send.out")" \
    'BEGIN {
	printf("  %-28s %6d replies  %8.3f s  %9.1f replies/s  peak %6.1f MiB\n",
	    "hotrocks send", n, w, w > 0 ? n / w : 0, k / 1024)
	printf("  (%s)\n", out)
}'
