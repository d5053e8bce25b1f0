#!/bin/sh
# servers.sh start|stop DIR: the private Dovecot and Postfix of the suite
# (tests/servers/*.sh), with one mailbox per address this trial uses, so
# each reply can be read where it landed. Postfix delivers by LMTP with the
# recipient as written (Dovecot keeps its local part, %Ln): an address with
# no mailbox bounces for real; free-mail domains go to the user sink.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srv=$here/../servers
cmd=$1
d=$2
USERS="hotrocks ca sink vanphong.sontinh vanphong.binhson banthuyengiao.tu
vanphong.ducpho vanphong.lyson vanphong.sonha vanphong.minhlong
danguy.tinhha vanphong.tunghia danguy.laha vanphong.bato mttq.tinh
vanphong.mothu vanphong.traBong"
case $cmd in
start)
	HR_USERS=$(echo $USERS) sh "$srv/dovecot.sh" start "$d"
	sh "$srv/postfix.sh" start "$d"
	d=$(cd "$d" && pwd)
	cat > "$d/pf/etc/virtual" <<'V'
/@(gmail\.com|yahoo\.com|yahoo\.com\.vn|hotmail\.com)$/ sink@localhost
V
	postconf -c "$d/pf/etc" -e "virtual_alias_maps = regexp:$d/pf/etc/virtual"
	postfix -c "$d/pf/etc" reload >/dev/null 2>&1
	cat "$d/ports"
	;;
stop)
	sh "$srv/postfix.sh" stop "$d"
	sh "$srv/dovecot.sh" stop "$d"
	;;
esac
