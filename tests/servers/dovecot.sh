#!/bin/sh
# dovecot.sh start|stop|resume DIR: a private Dovecot on 127.0.0.1 for the suites,
# everything under DIR (keep it short: unix sockets max out at 107 bytes).
# Never touches /etc/dovecot or a system instance.
#
# start writes DIR/ports (shell-sourceable: IMAP_PORT IMAPS_PORT LMTP_PORT
# SASL_PORT) and returns once a LOGIN over IMAPS succeeds. Environment:
#   HR_CERT   tls-localhost (default), tls-wrong, tls-expired, tls-unknown:
#             the server certificate, from tests/pki/make-server-certs.sh
#   HR_HIDE   capabilities to hide, e.g. "MOVE UIDPLUS"
#   HR_USERS  users (default "hotrocks unit1 unit2 cuc sink")
# Layout: DIR/pki (certificates; root.pem is the clients' CA file),
# DIR/home/USER/Maildir, DIR/pass/USER (each user's password, no newline),
# DIR/dovecot.conf, DIR/dovecot.log.
# resume starts a stopped one again from DIR as it is: the same ports,
# users, passwords and mail (a server restart, for the suites).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cmd=$1
d=$2

# The capabilities Dovecot 2.3 announces after login, for imap_capability.
CAPS="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY
THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL
CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1
CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS
BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+
NOTIFY"

# free_ports N: N ports on 127.0.0.1 nobody listens on now.
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

# login_ok USER: 0 once USER can LOGIN over IMAPS.
login_ok() {
	u=$1
	printf 'a LOGIN %s %s\r\nb LOGOUT\r\n' "$u" "$(cat "$d/pass/$u")" |
	    timeout 5 openssl s_client -quiet -connect "127.0.0.1:$IMAPS_PORT" \
	    2>/dev/null | grep -q '^a OK'
}

start() {
	mkdir -p "$d"
	d=$(cd "$d" && pwd)
	chmod 755 "$d"
	[ -f "$d/pki/tls-localhost.pem" ] ||
	    sh "$here/../pki/make-server-certs.sh" "$d/pki" >/dev/null
	chmod 755 "$d/pki"
	cert=${HR_CERT:-tls-localhost}
	set -- $(free_ports 4)
	IMAP_PORT=$1 IMAPS_PORT=$2 LMTP_PORT=$3 SASL_PORT=$4
	printf 'IMAP_PORT=%s\nIMAPS_PORT=%s\nLMTP_PORT=%s\nSASL_PORT=%s\n' \
	    "$1" "$2" "$3" "$4" > "$d/ports"
	mkdir -p "$d/run" "$d/state" "$d/home" "$d/pass"
	: > "$d/passwd"
	for u in ${HR_USERS:-hotrocks unit1 unit2 cuc sink}; do
		p="pw-$u-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
		printf '%s' "$p" > "$d/pass/$u"
		mkdir -p "$d/home/$u/Maildir/cur" "$d/home/$u/Maildir/new" \
		    "$d/home/$u/Maildir/tmp"
		chown -R nobody:nogroup "$d/home/$u"
		echo "$u:{PLAIN}$p:65534:65534::$d/home/$u::" >> "$d/passwd"
	done
	chmod 644 "$d/passwd"
	caps=""
	if [ -n "${HR_HIDE:-}" ]; then
		for c in $CAPS; do
			case " $HR_HIDE " in *" $c "*) ;; *) caps="$caps $c" ;; esac
		done
		caps="imap_capability =$caps"
	fi
	cat > "$d/dovecot.conf" <<EOF
base_dir = $d/run
state_dir = $d/state
instance_name = $(basename "$d")
log_path = $d/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <$d/pki/$cert.pem
ssl_key = <$d/pki/$cert.key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_username_format = %Ln
passdb {
  driver = passwd-file
  args = $d/passwd
}
userdb {
  driver = passwd-file
  args = $d/passwd
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
$caps
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
service auth {
  inet_listener sasl {
    address = 127.0.0.1
    port = $SASL_PORT
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF
	launch
}

# launch: the master on DIR's config, back once a LOGIN succeeds.
launch() {
	dovecot -c "$d/dovecot.conf" </dev/null >/dev/null 2>&1
	first=$(head -n1 "$d/passwd" | cut -d: -f1)
	i=0
	until login_ok "$first"; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			echo "dovecot.sh: no LOGIN after 10 s; see $d/dovecot.log" >&2
			stop
			exit 1
		fi
		sleep 0.1
	done
}

resume() {
	d=$(cd "$d" && pwd)
	. "$d/ports"
	launch
}

stop() {
	pid=$(cat "$d/run/master.pid" 2>/dev/null || true)
	[ -n "$pid" ] || return 0
	# A mail process serving a client outlives its master's SIGTERM:
	# kick the clients first, so a stop is an outage they see.
	doveadm -c "$d/dovecot.conf" kick '*' >/dev/null 2>&1 || true
	kill -TERM "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			echo "dovecot.sh: master $pid still running after 10 s" >&2
			return 1
		fi
		sleep 0.1
	done
}

case $cmd in
start) start ;;
stop) stop ;;
resume) resume ;;
*) echo "usage: dovecot.sh start|stop|resume DIR" >&2; exit 64 ;;
esac
