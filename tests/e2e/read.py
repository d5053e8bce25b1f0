#!/usr/bin/python3
"""read.py MAILHOME [USER...] [--body]: every message in the users'
Maildirs (all folders), as a mail client shows it: headers that matter,
the attachments, and (with --body) the plain text."""
import email, email.policy, glob, os, sys
args = [a for a in sys.argv[1:] if not a.startswith("--")]
body = "--body" in sys.argv
home, users = args[0], args[1:] or sorted(os.listdir(args[0]))
for u in users:
    files = [f for f in glob.glob(f"{home}/{u}/Maildir/**/*", recursive=True)
             if os.path.isfile(f) and ("/new/" in f or "/cur/" in f)]
    for f in sorted(files, key=os.path.getmtime):
        folder = f.split("/Maildir/")[1].split("/")[0]
        folder = "INBOX" if folder in ("new", "cur") else folder
        m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
        print(f"=== {u} [{folder}] {os.path.basename(f)[:20]}")
        for h in ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To",
                  "References", "Auto-Submitted"):
            if m[h]:
                print(f"  {h}: {m[h]}")
        for p in m.walk():
            fn = p.get_filename()
            if fn:
                print(f"  attach: {fn} ({p.get_content_type()}, {len(p.get_payload(decode=True) or b'')} B)")
        if body:
            b = m.get_body(("plain",))
            if b:
                print("  | " + b.get_content().replace("\n", "\n  | "))
