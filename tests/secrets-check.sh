#!/bin/sh
# secrets-check.sh LOG: fails when LOG (everything make check's suites and
# the hotrocks processes they ran printed) holds a password of the private
# test servers. tests/servers/dovecot.sh makes each user's password
# "pw-USER-" and 12 hex digits, fresh per start, for the users of
# TEST_SERVERS_USERS in tests/unit/servers.h; no other text looks so.
# A self-test first proves the search finds one.
set -eu
log=$1
users=$(sed -n 's/^#define TEST_SERVERS_USERS[^{]*{\(.*\)}.*/\1/p' \
    tests/unit/servers.h | tr -c 'a-z0-9\n' ' ' | xargs | tr ' ' '|')
[ -n "$users" ] || { echo "secrets-check: no users in servers.h"; exit 1; }
pat="pw-($users)-[0-9a-f]{12}"
echo "warning imap: login failed pw-${users%%|*}-0123456789ab" |
    grep -qE "$pat" || { echo "secrets-check: self-test failed"; exit 1; }
[ -s "$log" ] || { echo "secrets-check: $log is empty or missing"; exit 1; }
if grep -nE "$pat" "$log" | head -5 | grep .; then
	echo "secrets-check: a test password reached the output above ($log)"
	exit 1
fi
echo "secrets-check: no test password in $(wc -l < "$log") lines of output"
