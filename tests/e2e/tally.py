#!/usr/bin/python3
"""tally.py MAILHOME BUNDLE_DIR: what the audit bundle (audit export,
unzipped) says went out, against what the units' and the Cục's mailboxes
received and the office's Sent folder holds: nothing lost, nothing twice.
Also counts what reached the office mailbox, folder by folder."""
import collections, email, glob, os, sys
home, bundle = sys.argv[1], sys.argv[2]
got, sent, ex = collections.Counter(), collections.Counter(), {}
# glob's ** skips dot folders (.Sent, .Processed): walk instead
files = [os.path.join(r, n) for r, _, ns in os.walk(home) for n in ns]
for f in files:
    if "/Maildir/" not in f or not ("/new/" in f or "/cur/" in f):
        continue
    user = os.path.relpath(f, home).split("/")[0]
    mid = (email.message_from_binary_file(open(f, "rb"))["Message-ID"] or "").strip()
    if user == "hotrocks":
        if "/.Sent/" in f:
            sent[mid] += 1
    elif "hotrocks." in mid:
        got[mid] += 1
for f in glob.glob(f"{bundle}/outgoing/*.eml"):
    ex[(email.message_from_binary_file(open(f, "rb"))["Message-ID"] or "").strip()] = os.path.basename(f)
print("received by units and the Cục:", len(got), "twice:", [k for k, v in got.items() if v > 1])
print("Sent folder:", len(sent), "twice:", [k for k, v in sent.items() if v > 1])
print("bundle outgoing:", len(ex), "bundle messages:", len(glob.glob(f"{bundle}/messages/*/")))
print("in the bundle, never received:", sorted(ex[k] for k in ex if k not in got))
print("received, not in the bundle:", sorted(k for k in got if k not in ex))
print("in the bundle, not in Sent:", sorted(ex[k] for k in ex if k not in sent))
for d in sorted(glob.glob(f"{home}/hotrocks/Maildir/.*/")) + [f"{home}/hotrocks/Maildir/"]:
    n = sum(len(os.listdir(d + s)) for s in ("new", "cur") if os.path.isdir(d + s))
    print("office folder", os.path.basename(d.rstrip("/")) or "INBOX", n)
