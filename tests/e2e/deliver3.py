#!/usr/bin/python3
"""deliver3.py SERVERS FILE...: APPEND each message to the office INBOX of
the private Dovecot (IMAPS, the hotrocks login), its INTERNALDATE its own
Date: header, so the server's arrival time agrees with the faked clock
hotrocks runs under (Dovecot itself stays on the real clock)."""
import email, email.utils, imaplib, ssl, sys
s = sys.argv[1]
ports = dict(l.strip().split("=") for l in open(s + "/ports") if "=" in l)
ctx = ssl.create_default_context(cafile=s + "/pki/root.pem")
c = imaplib.IMAP4_SSL("localhost", int(ports["IMAPS_PORT"]), ssl_context=ctx)
c.login("hotrocks", open(s + "/pass/hotrocks").read().split("\n")[0])
for f in sys.argv[2:]:
    raw = open(f, "rb").read()
    d = email.utils.parsedate_to_datetime(email.message_from_bytes(raw)["Date"])
    typ, r = c.append("INBOX", None, imaplib.Time2Internaldate(d), raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    print("appended", f.rsplit("/", 1)[-1], d.isoformat(), typ)
c.logout()
