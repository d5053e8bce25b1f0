#!/bin/sh
# svc4.sh configure|start|stop|status SERVERS PKI: the fourth trial's
# installed package. configure fills /etc/hotrocks from the private servers
# (servers.sh) and the trial PKI (pki.sh) as README.Debian says: anchors
# and the mail servers' CA in /etc/hotrocks, CRLs in /var/lib/hotrocks/crl,
# the two passwords in /etc/hotrocks/{imap,smtp}-password (0600 root).
# start runs the unit's ExecStartPre and ExecStart as the unit would
# without systemd: as hotrocks:hotrocks, UMask 0027, cwd /var/lib/hotrocks,
# CREDENTIALS_DIRECTORY holding copies of the two password files readable
# by the service only (what LoadCredential= gives it); its stderr (the
# journal) goes to /tmp/e2e4/run.log.
set -eu
cmd=$1 s=${2:-/tmp/e2e4/s} pki=${3:-/tmp/e2e4/pki}
T=${T:-/tmp/e2e4}
conf=/etc/hotrocks/hotrocks.conf
cred=$T/cred
case $cmd in
configure)
	. "$s/ports"
	install -m 0644 "$pki/root.pem" /etc/hotrocks/anchors.pem
	install -m 0644 "$pki/int.pem" /etc/hotrocks/intermediates.pem
	install -m 0644 "$s/pki/root.pem" /etc/hotrocks/mail-ca.pem
	install -d -o hotrocks -g hotrocks -m 0750 /var/lib/hotrocks/crl
	install -m 0644 "$pki"/crl/*.pem /var/lib/hotrocks/crl/
	head -1 "$s/pass/hotrocks" > /etc/hotrocks/imap-password
	head -1 "$s/pass/hotrocks" > /etc/hotrocks/smtp-password
	chmod 0600 /etc/hotrocks/imap-password /etc/hotrocks/smtp-password
	/usr/bin/python3 - "$conf" "$IMAPS_PORT" "$SUBMISSION_PORT" <<'P'
import re, sys
out, ip, sp = sys.argv[1:]
lines = open(out).read().split("\n")
def kv(sect, key, val):
    cur = None
    for i, l in enumerate(lines):
        if l.startswith("["):
            cur = l.strip("[] ")
        elif cur == sect and l.split("=")[0].strip() == key and not l.startswith("#"):
            lines[i] = f"{key} = {val}"
            return
    raise SystemExit(f"no {sect}.{key}")
for sect, port, sec in (("smtp", sp, "starttls"), ("imap", ip, "tls")):
    kv(sect, "host", "localhost"); kv(sect, "port", port); kv(sect, "security", sec)
    kv(sect, "username", "hotrocks")
    kv(sect, "ca_file", "/etc/hotrocks/mail-ca.pem")
kv("imap", "poll_interval", "20")
kv("rules", "require_signature", "true")
kv("signatures", "trust_anchors", "/etc/hotrocks/anchors.pem")
kv("signatures", "intermediates", "/etc/hotrocks/intermediates.pem")
kv("signatures", "crl_dir", "/var/lib/hotrocks/crl")
open(out, "w").write("\n".join(lines))
P
	;;
start)
	# LoadCredential=: a private copy the service user can read
	rm -rf "$cred"; mkdir -p "$cred"
	cp /etc/hotrocks/imap-password "$cred/imap-password"
	cp /etc/hotrocks/smtp-password "$cred/smtp-password"
	chown -R hotrocks:hotrocks "$cred"; chmod 0500 "$cred"; chmod 0400 "$cred"/*
	cd /var/lib/hotrocks
	runuser -u hotrocks -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
	    CREDENTIALS_DIRECTORY="$cred" sh -c 'umask 0027;
	    /usr/bin/hotrocks check-config -c /etc/hotrocks/hotrocks.conf --offline' \
	    >> "$T/run.log" 2>&1 || { echo "ExecStartPre failed"; exit 1; }
	runuser -u hotrocks -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
	    CREDENTIALS_DIRECTORY="$cred" sh -c 'umask 0027;
	    exec /usr/bin/hotrocks run -c /etc/hotrocks/hotrocks.conf' \
	    >> "$T/run.log" 2>&1 &
	sleep 1
	pgrep -u hotrocks -x hotrocks > "$T/run.pid"
	echo "run: pid $(cat "$T/run.pid")"
	;;
stop)
	pid=$(cat "$T/run.pid")
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
	echo "run: $pid stopped"
	;;
esac
