#!/usr/bin/python3
# check-samples.py: runs make-samples.py twice and checks that the output is
# byte-identical, that every .eml parses without MIME defects, that each
# attachment is a readable OOXML package of well-formed XML, and that the
# messages agree with expected.json. Standard library only; writes only to a
# temporary directory.

import email
import email.policy
import filecmp
import io
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import xml.dom.minidom

HERE = os.path.dirname(os.path.abspath(__file__))


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def documents(msg):
    out = []
    for part in msg.walk():
        fn = part.get_filename()
        if fn and fn.lower().endswith((".docx", ".xlsx")):
            out.append((fn, part.get_payload(decode=True)))
    return out


def check(outdir):
    failures = []
    expected = json.load(open(os.path.join(outdir, "expected.json"),
                              encoding="utf-8"))
    emls = sorted(f for f in os.listdir(outdir) if f.endswith(".eml"))
    if emls != sorted(expected):
        failures.append("expected.json does not list exactly the .eml files")
    for name in emls:
        exp = expected.get(name, {})
        with open(os.path.join(outdir, name), "rb") as f:
            msg = email.message_from_bytes(f.read(),
                                           policy=email.policy.default)
        for part in msg.walk():
            if part.defects:
                failures.append("%s: MIME defects %r" % (name, part.defects))
        if str(msg["subject"]) != exp.get("subject"):
            failures.append("%s: subject %r" % (name, str(msg["subject"])))
        if msg["from"].addresses[0].addr_spec != exp.get("from"):
            failures.append("%s: from %r" % (name, msg["from"]))
        docs = documents(msg)
        if [d[0] for d in docs] != [d["filename"] for d in
                                    exp.get("documents", [])]:
            failures.append("%s: attachments %r" % (name,
                                                    [d[0] for d in docs]))
        for fn, data in docs:
            z = zipfile.ZipFile(io.BytesIO(data))
            if z.testzip() is not None:
                failures.append("%s: %s: bad CRC" % (name, fn))
            names = z.namelist()
            if names[0] != "[Content_Types].xml":
                failures.append("%s: %s: content types not first"
                                % (name, fn))
            for part in names:
                try:
                    xml.dom.minidom.parseString(z.read(part))
                except Exception as e:     # any parse error is a failure
                    failures.append("%s: %s: %s: %s" % (name, fn, part, e))
        for d in exp.get("documents", []):
            for r in d["rows"]:
                for k in ("name", "position"):
                    v = r[k]
                    if v is not None and v != unicodedata.normalize(
                            "NFC", " ".join(v.split())):
                        failures.append("%s: row %d %s not normal"
                                        % (name, r["index"], k))
                if not (len(r["phone"]) == 11 and r["phone"].startswith("84")
                        and r["phone"].isdigit()):
                    failures.append("%s: row %d phone %s" % (name, r["index"],
                                                             r["phone"]))
                if r["errors"]:
                    continue
                c = r["iccid"] or ""
                if not (19 <= len(c) <= 20 and c.startswith("8984")
                        and luhn_ok(c)):
                    failures.append("%s: row %d iccid %s" % (name, r["index"],
                                                             c))
        print("ok " if not any(f.startswith(name) for f in failures)
              else "BAD", name)
    return failures


def main():
    gen = os.path.join(HERE, "make-samples.py")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        for d in (a, b):
            subprocess.run([sys.executable, gen, d], check=True)
        cmp = filecmp.dircmp(a, b)
        same, diff, _ = filecmp.cmpfiles(a, b, sorted(os.listdir(a)),
                                         shallow=False)
        failures = []
        if diff or cmp.left_only or cmp.right_only:
            failures.append("two runs differ: %r" % (diff or cmp.left_only
                                                    or cmp.right_only))
        failures += check(a)
    for f in failures:
        print("FAIL", f)
    print("%d files identical over two runs; %d failures"
          % (len(same), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
