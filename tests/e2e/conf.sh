#!/bin/sh
# conf.sh REPO SERVERS PKI OUT.conf: the config of the second trial, as
# production has it (README, "Configuration"): samples/hotrocks.conf with
# the store under OUT's folder, the private servers' IMAPS and submission
# (TLS verified against their CA), trust anchors, intermediates and CRLs,
# require_signature = true, forward_mode = daily, forward_approval
# required (the default), poll_interval 20 s so a trial does not wait.
set -eu
repo=$1 s=$2 pki=$3 out=$4
d=$(cd "$(dirname "$out")" && pwd)
. "$s/ports"
mkdir -p "$d/var"
sed -e "s|^database = .*|database = $d/var/hotrocks.db|" \
    -e "s|^forward_mode = .*|forward_mode = daily|" \
    -e "s|^require_signature = .*|require_signature = true|" \
    -e "s|^trust_anchors =.*|trust_anchors = $pki/root.pem|" \
    -e "s|^intermediates =.*|intermediates = $pki/int.pem|" \
    -e "s|^crl_dir =.*|crl_dir = $pki/crl|" \
    -e "s|^templates =.*|templates = $repo/outbox/templates|" \
    "$repo/samples/hotrocks.conf" > "$out"
/usr/bin/python3 - "$out" "$s" "$IMAPS_PORT" "$SUBMISSION_PORT" <<'P'
import re, sys
out, s, ip, sp = sys.argv[1:]
t = open(out).read()
def kv(sect, key, val):
    global t
    t = re.sub(r"(\[%s\][^\[]*?^)%s =[^\n]*" % (sect, key),
               lambda m: m.group(1) + f"{key} = {val}", t, flags=re.S | re.M)
for sect, port, sec in (("smtp", sp, "starttls"), ("imap", ip, "tls")):
    kv(sect, "host", "localhost"); kv(sect, "port", port); kv(sect, "security", sec)
    kv(sect, "username", "hotrocks"); kv(sect, "password_file", f"{s}/pass/hotrocks")
    kv(sect, "ca_file", f"{s}/pki/root.pem")
kv("imap", "poll_interval", "20")
open(out, "w").write(t)
P
