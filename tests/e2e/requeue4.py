#!/usr/bin/python3
"""requeue4.py IMAPS_PORT SERVERS_DIR: what an operator does after restoring
a backup of the store: move every message of the folders hotrocks files
mail into (Processed, Rejected, Redirected, Manual, Ignored) back to the
INBOX, so that `run` reads again what the restored store does not hold."""
import imaplib, ssl, sys
port, s = int(sys.argv[1]), sys.argv[2]
ctx = ssl.create_default_context(cafile=f"{s}/pki/root.pem")
M = imaplib.IMAP4_SSL("localhost", port, ssl_context=ctx)
M.login("hotrocks", open(f"{s}/pass/hotrocks").read().strip())
for f in ["Processed", "Rejected", "Redirected", "Manual", "Ignored"]:
    typ, d = M.select(f)
    n = int(d[0])
    if n:
        M.uid("MOVE", "1:*", "INBOX")
    print(f, n, "moved to INBOX")
M.logout()
