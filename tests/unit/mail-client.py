#!/usr/bin/python3
# mail-client.py: a unit's (or the Cục's) own mail client for the suites
# that run hotrocks against the private Postfix and Dovecot
# (tests/unit/check-mailrun.c): it sends over SMTP and reads a mailbox
# over IMAP with Python's standard smtplib and imaplib, code independent
# of hotrocks's own sender and IMAP source.
#
# usage:
#   mail-client.py send PORT FROM TO FILE
#       FILE's bytes as one message from FROM to TO, through the SMTP
#       server on 127.0.0.1:PORT (the port-25 style listener: local
#       recipients need no AUTH).
#   mail-client.py fetch PORT USER PASSFILE FOLDER OUTDIR
#       every message of USER's FOLDER over IMAP on 127.0.0.1:PORT
#       (plain port; LOGIN), written to OUTDIR/N.eml in UID order; prints
#       the count. A missing folder counts 0.
import imaplib
import os
import smtplib
import sys


def send(port, frm, to, path):
    with open(path, "rb") as f:
        data = f.read()
    s = smtplib.SMTP("127.0.0.1", int(port), timeout=30)
    s.sendmail(frm, [to], data)
    s.quit()


def fetch(port, user, passfile, folder, outdir):
    with open(passfile) as f:
        pw = f.read().strip()
    m = imaplib.IMAP4("127.0.0.1", int(port), timeout=30)
    m.login(user, pw)
    typ, _ = m.select('"%s"' % folder, readonly=True)
    n = 0
    if typ == "OK":
        typ, data = m.uid("SEARCH", None, "ALL")
        uids = data[0].split() if typ == "OK" and data[0] else []
        os.makedirs(outdir, exist_ok=True)
        for uid in uids:
            typ, msg = m.uid("FETCH", uid, "(BODY.PEEK[])")
            for part in msg:
                if isinstance(part, tuple):
                    n += 1
                    with open(os.path.join(outdir, "%d.eml" % n),
                              "wb") as f:
                        f.write(part[1])
        m.close()
    m.logout()
    print(n)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "send":
        send(*sys.argv[2:])
    elif len(sys.argv) == 7 and sys.argv[1] == "fetch":
        fetch(*sys.argv[2:])
    else:
        sys.exit("usage: mail-client.py send PORT FROM TO FILE | "
                 "fetch PORT USER PASSFILE FOLDER OUTDIR")
