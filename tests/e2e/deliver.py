#!/usr/bin/python3
"""deliver.py PORT FILE...: hand each message to Postfix over SMTP, as the
unit's server would (envelope from its From, to the office mailbox), one
second apart, in the order given."""
import email, email.utils, os, smtplib, sys, time
port = int(sys.argv[1])
for f in sys.argv[2:]:
    raw = open(f, "rb").read()
    m = email.message_from_bytes(raw)
    frm = email.utils.parseaddr(m["From"])[1]
    to = [a for _, a in email.utils.getaddresses(m.get_all("To", []))]
    s = smtplib.SMTP("127.0.0.1", port)
    s.sendmail(frm, to, raw)
    s.quit()
    print("delivered", f.rsplit("/", 1)[-1])
    time.sleep(float(os.environ.get("DELAY", "1")))
