#!/usr/bin/python3
"""tally5.py CONF MAILHOME TAG N: for each message <TAG.I@burst5.test>
(I = 1..N): rows in `messages`, archive files holding it, outbox items
for it, replies received (sink's Maildir, by In-Reply-To), copies in the
office's Sent, and the office folder(s) where the original sits. Prints
the anomalies and one summary line; also lists stray files (*.tmp,
temporary names) under the store's folder and the archive."""
import collections, email, json, os, re, subprocess, sys
conf, home, tag, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
HR = "/work/wt/e2e5/build/hotrocks"
db = re.search(r"^database = (.*)$", open(conf).read(), re.M).group(1)
arch = re.search(r"^archive *= *(.*)$", open(conf).read(), re.M).group(1) or os.path.dirname(db) + "/archive"
def js(*a):
    p = subprocess.run([HR, *a, "-c", conf], capture_output=True, text=True)
    if p.returncode:
        print("!!", a, "exit", p.returncode, p.stderr.strip()[:300])
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
ids = [f"<{tag}.{i}@burst5.test>" for i in range(1, n + 1)]
msgs = js("messages", "--json")
rec = collections.Counter(m["message_id"] for m in msgs)
sha = collections.defaultdict(set)
for m in msgs:
    sha[m["message_id"]].add(m["sha256"])
ob = js("outbox", "--json")
def hdr(f, h):
    with open(f, "rb") as fh:
        return (email.message_from_binary_file(fh)[h] or "").strip()
archived = collections.Counter()
stray = []
tops = [os.path.dirname(db)] + ([arch] if not os.path.abspath(arch).startswith(os.path.dirname(db) + '/') else [])
for r, _, ns in [w for top in tops for w in os.walk(top)]:
    for x in ns:
        p = os.path.join(r, x)
        if x.endswith(".eml") and r.startswith(arch):
            archived[hdr(p, "Message-ID")] += 1
        elif not re.search(r"(\.eml|hotrocks\.db(-wal|-shm|\.run-lock|\.send-lock)?)$", x) and "/blobs/" not in p:
            stray.append(p)
got, sent, where = collections.Counter(), collections.Counter(), collections.defaultdict(list)
for r, _, ns in os.walk(home):
    if not (r.endswith("/new") or r.endswith("/cur") or r.endswith("/tmp")):
        continue
    for x in ns:
        p = os.path.join(r, x)
        rel = os.path.relpath(p, home).split("/")
        user, folder = rel[0], rel[2] if rel[2].startswith(".") else "INBOX"
        if r.endswith("/tmp"):
            stray.append(p); continue
        irt = hdr(p, "In-Reply-To")
        mid = hdr(p, "Message-ID")
        if user == "hotrocks" and folder == ".Sent":
            sent[irt] += 1
        elif user == "hotrocks" and mid in ids:
            where[mid].append(folder)
        elif user == "sink":
            got[irt] += 1
bad = 0
tot = collections.Counter()
for mid in ids:
    items = [o for o in ob if any(s[:24] in o["message_id"] for s in sha[mid])]
    states = ",".join(sorted(o["state"] for o in items))
    row = dict(rec=rec[mid], arch=archived[mid], items=len(items), got=got[mid], sent=sent[mid], where="+".join(where[mid]) or "-")
    for k in ("rec", "arch", "items", "got", "sent"):
        tot[k] += row[k] == 1
    if any(row[k] != 1 for k in ("rec", "arch", "items", "got", "sent")) or row["where"] != ".Rejected":
        bad += 1
        print("  ", mid, row, states)
print(f"{tag}: {n} messages; exactly once: recorded {tot['rec']}, archived {tot['arch']}, "
      f"outbox {tot['items']}, received {tot['got']}, in Sent {tot['sent']}; anomalies {bad}; "
      f"outbox states {dict(collections.Counter(o['state'] for o in ob))}")
if stray:
    print("stray files:", stray[:20], len(stray))
