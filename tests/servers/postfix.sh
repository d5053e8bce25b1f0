#!/bin/sh
# postfix.sh start|stop DIR: a private Postfix on 127.0.0.1 beside the
# private Dovecot of dovecot.sh (start that one first, on the same DIR).
# Everything it accepts goes by LMTP into that Dovecot: mail to one of
# its users to that user, every other recipient to the user sink. Never
# touches /etc/postfix or a system instance.
#
# start appends SMTP_PORT (plain, like port 25), SUBMISSION_PORT (587:
# STARTTLS required, AUTH through Dovecot) and SMTPS_PORT (465: implicit
# TLS, AUTH) to DIR/ports and returns once EHLO is answered. HR_CERT
# chooses the certificate as for dovecot.sh. Files under DIR/pf.
set -eu
cmd=$1
d=$2

free_ports() {
	/usr/bin/python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

ehlo_ok() {
	/usr/bin/python3 - "$SMTP_PORT" <<'PY'
import smtplib, sys
try:
    s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=2)
    code, _ = s.ehlo("localhost")
    s.quit()
    sys.exit(0 if code == 250 else 1)
except Exception:
    sys.exit(1)
PY
}

start() {
	d=$(cd "$d" && pwd)
	. "$d/ports"
	[ -n "${LMTP_PORT:-}" ] || {
		echo "postfix.sh: start dovecot.sh on $d first" >&2
		exit 1
	}
	cert=${HR_CERT:-tls-localhost}
	set -- $(free_ports 3)
	SMTP_PORT=$1 SUBMISSION_PORT=$2 SMTPS_PORT=$3
	printf 'SMTP_PORT=%s\nSUBMISSION_PORT=%s\nSMTPS_PORT=%s\n' \
	    "$1" "$2" "$3" >> "$d/ports"
	pf=$d/pf
	mkdir -p "$pf/etc" "$pf/queue" "$pf/data"
	chown postfix "$pf/data"
	users=""
	for u in $(cut -d: -f1 "$d/passwd"); do
		users="$users $u@localhost=$u@localhost,"
	done
	cat > "$pf/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
maillog_file = $pf/maillog
maillog_file_prefixes = $pf
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = localhost
myorigin = localhost
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
smtp_dns_support_level = disabled
default_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
relay_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
virtual_alias_domains =
virtual_alias_maps = inline:{${users%,} }, static:sink@localhost
smtpd_tls_cert_file = $d/pki/$cert.pem
smtpd_tls_key_file = $d/pki/$cert.key.pem
smtpd_tls_security_level = may
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:$SASL_PORT
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,
  reject_unauth_destination
EOF
	sub="-o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject"
	cat > "$pf/etc/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  $sub
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  $sub
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
	postfix -c "$pf/etc" start </dev/null >"$pf/start.log" 2>&1 || {
		echo "postfix.sh: postfix start failed:" >&2
		cat "$pf/start.log" >&2
		exit 1
	}
	i=0
	until ehlo_ok; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			echo "postfix.sh: no EHLO after 10 s; see $pf/maillog" >&2
			stop
			exit 1
		fi
		sleep 0.1
	done
}

stop() {
	pf=$d/pf
	[ -f "$pf/etc/main.cf" ] || return 0
	pid=$(cat "$pf/queue/pid/master.pid" 2>/dev/null | tr -d ' ' || true)
	postfix -c "$pf/etc" stop >/dev/null 2>&1 || true
	[ -n "$pid" ] || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			echo "postfix.sh: master $pid still running after 10 s" >&2
			return 1
		fi
		sleep 0.1
	done
}

case $cmd in
start) start ;;
stop) stop ;;
*) echo "usage: postfix.sh start|stop DIR" >&2; exit 64 ;;
esac
