#!/usr/bin/python3
"""count6.py MAILHOME [--list]: every letter hotrocks sent, as received:
per unit mailbox, Message-IDs seen more than once, (mailbox, subject)
seen more than once; the office's Sent copies by Message-ID; letters
received with no Sent copy, Sent copies never received."""
import collections, email, glob, os, sys
from email.policy import default
home = sys.argv[1]
def read(d):
    for f in glob.glob(d + "/new/*") + glob.glob(d + "/cur/*"):
        yield email.message_from_binary_file(open(f, "rb"), policy=default)
got = collections.Counter(); subj = collections.Counter()
for d in sorted(glob.glob(home + "/*/Maildir")):
    u = d.split("/")[-2]
    if u == "hotrocks":
        continue
    for m in read(d):
        mid = str(m["Message-ID"] or "")
        if "hotrocks" not in mid and "HotroCKS" not in str(m["From"]):
            continue
        got[(u, mid)] += 1; subj[(u, str(m["Subject"]))] += 1
sent = collections.Counter(str(m["Message-ID"]) for m in read(home + "/hotrocks/Maildir/.Sent"))
dup = {k: v for k, v in got.items() if v > 1}
dups = {k: v for k, v in subj.items() if v > 1}
recv = {mid for (_, mid) in got}
print(f"letters received {sum(got.values())} (distinct {len(got)}), dup by Message-ID {len(dup)}, "
      f"dup by mailbox+subject {len(dups)}; Sent copies {sum(sent.values())} (distinct {len(sent)}), "
      f"Sent dup {sum(1 for v in sent.values() if v > 1)}, received-not-in-Sent {len(recv - set(sent))}, "
      f"Sent-not-received {len(set(sent) - recv)}")
for k, v in list(dup.items()) + list(dups.items()):
    print("  twice:", v, k)
for k, v in sent.items():
    if v > 1: print("  Sent x%d %s" % (v, k))
for mid in sorted(recv - set(sent)): print("  not in Sent:", mid)
if "--list" in sys.argv:
    for k, v in sorted(got.items()): print("  ", v, k)
