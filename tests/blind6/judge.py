#!/usr/bin/python3
"""judge.py BIN CONF OUTDIR   (blind set 6; adapted from tests/blind5/judge.py)

Runs `BIN inspect --json -c CONF FILE.eml` on every OUTDIR/*.eml that has a
NN-name.expect.json beside it, and compares:

  message   kind, action; errors and warnings as sets of codes, counting
            only CONTRACT's message codes (a document or row code repeated
            at message level is not judged there); subject and from when
            the expectation gives them (NFC, spaces folded; from without case)
  document  matched by decoded file name (NFC): a document whose expected
            file name is given and not found is a difference (CONTRACT:
            "decoded UTF-8 file name"); without a file name, by position;
            kind, format; errors and warnings as sets of codes
  row       by position (the count must match); errors and warnings as sets
  nfc (blind6): when set, the file name and each row's name and position
            must be NFC exactly (CONTRACT "Normal forms"); a judged subject
            is compared exactly, so it must be NFC too
  signature (blind6): signature.status when the expectation names it
  organization (blind5): when a document's expectation names it, a list of
            the values CONTRACT's organization rule allows (NFC, spaces folded)

Expectation values:
  "any"              the field is not judged (the CONTRACT leaves it open)
  ["a", "b"]         for kind/action/format: any of these
  errors: [..]       the codes that must be there; optional_errors: [..]
                     codes that may be there too (likewise for warnings)
  documents/rows: "any"  not judged

Prints one line per case, PASS or FAIL with the differences, then
"N passed, M failed" and the score line "blind6: N/M messages as expected".
Always exits 0: it is informational.
"""
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata


def norm(s):
    if s is None:
        return None
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(s))).strip()


def codes(lst):
    return {(e.get("code") if isinstance(e, dict) else e) for e in (lst or [])}


def scalar(diffs, where, exp, got):
    if exp == "any" or (isinstance(exp, list) and "any" in exp):
        return
    ok = got in exp if isinstance(exp, list) else got == exp
    if not ok:
        diffs.append("%s: expected %s, got %s" % (where, json.dumps(exp, ensure_ascii=False),
                                                   json.dumps(got, ensure_ascii=False)))


def codeset(diffs, where, exp, optional, got_list):
    if exp == "any":
        return
    got = codes(got_list)
    need = set(exp)
    allowed = need | set(optional or [])
    missing = sorted(need - got)
    extra = sorted(got - allowed)
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ",".join(missing))
        if extra:
            parts.append("unexpected " + ",".join(extra))
        diffs.append("%s: %s" % (where, "; ".join(parts)))


def check_rows(diffs, where, exp_rows, got_rows):
    if exp_rows == "any":
        return
    got_rows = got_rows or []
    if len(exp_rows) != len(got_rows):
        diffs.append("%srows: expected %d, got %d" % (where, len(exp_rows), len(got_rows)))
    for i, er in enumerate(exp_rows):
        if i >= len(got_rows):
            break
        gr = got_rows[i] or {}
        w = "%srows[%d]" % (where, i + 1)
        codeset(diffs, w + ".errors", er.get("errors", []), er.get("optional_errors"), gr.get("errors"))
        codeset(diffs, w + ".warnings", er.get("warnings", []), er.get("optional_warnings"), gr.get("warnings"))


def check_doc(diffs, where, ed, gd):
    scalar(diffs, where + "kind", ed.get("kind", "any"), gd.get("kind"))
    scalar(diffs, where + "format", ed.get("format", "any"), gd.get("format"))
    codeset(diffs, where + "errors", ed.get("errors", []), ed.get("optional_errors"), gd.get("errors"))
    codeset(diffs, where + "warnings", ed.get("warnings", []), ed.get("optional_warnings"), gd.get("warnings"))
    if ed.get("organization") not in (None, "any"):
        want = [norm(o) for o in ed["organization"]]
        if norm(gd.get("organization")) not in want:
            diffs.append("%sorganization: expected %s, got %s" % (
                where, " or ".join(json.dumps(o, ensure_ascii=False) for o in want),
                json.dumps(gd.get("organization"), ensure_ascii=False)))
    if ed.get("nfc"):
        # CONTRACT normal forms: text UTF-8, NFC — exactly, not after folding.
        texts = [("filename", gd.get("filename"))]
        for r in gd.get("rows") or []:
            texts += [("rows[%s].name" % r.get("index"), r.get("name")),
                      ("rows[%s].position" % r.get("index"), r.get("position"))]
        for what, t in texts:
            if t is not None and unicodedata.normalize("NFC", t) != t:
                diffs.append("%s%s: not NFC (%s)" % (where, what, json.dumps(t)))
    if ed.get("signature_status") is not None:
        scalar(diffs, where + "signature.status", ed["signature_status"], (gd.get("signature") or {}).get("status"))
    check_rows(diffs, where, ed.get("rows", "any"), gd.get("rows"))


MESSAGE_CODES = {"no_documents", "sender_public_domain", "sender_not_registered",
                 "mixed_documents", "attachment_too_large", "message_unreadable",
                 "processing_failed"}


def message_level(lst):
    return [e for e in (lst or []) if (e.get("code") if isinstance(e, dict) else e) in MESSAGE_CODES]


def check(exp, got):
    diffs = []
    scalar(diffs, "kind", exp["kind"], got.get("kind"))
    scalar(diffs, "action", exp["action"], got.get("action"))
    codeset(diffs, "errors", exp["errors"], exp.get("optional_errors"), message_level(got.get("errors")))
    codeset(diffs, "warnings", exp["warnings"], exp.get("optional_warnings"), message_level(got.get("warnings")))
    if exp.get("subject") is not None and (got.get("subject") or "") != exp["subject"]:
        diffs.append("subject: expected %s, got %s" % (json.dumps(exp["subject"], ensure_ascii=False),
                                                      json.dumps(got.get("subject"), ensure_ascii=False)))
    if exp.get("from") is not None and (got.get("from") or "").lower() != exp["from"].lower():
        diffs.append("from: expected %s, got %s" % (exp["from"], got.get("from")))
    if exp["documents"] == "any":
        return diffs
    exp_docs, got_docs = exp["documents"], got.get("documents") or []
    if len(exp_docs) != len(got_docs):
        diffs.append("documents: expected %d, got %d (%s)" % (
            len(exp_docs), len(got_docs), ", ".join(str(d.get("filename")) for d in got_docs)))
    used = set()
    for i, ed in enumerate(exp_docs):
        gd = None
        if ed.get("filename") is not None:
            for k, cand in enumerate(got_docs):
                if k not in used and norm(cand.get("filename")) == norm(ed["filename"]):
                    gd, used_k = cand, k
                    break
        if gd is None and ed.get("filename") is not None:
            diffs.append("documents[%d]: no document named %s (got %s)" % (
                i + 1, json.dumps(ed["filename"], ensure_ascii=False),
                ", ".join(json.dumps(d.get("filename"), ensure_ascii=False) for d in got_docs)))
            continue
        if gd is None and i < len(got_docs) and i not in used:
            gd, used_k = got_docs[i], i
        if gd is None:
            diffs.append("documents[%d] %s: not found" % (i + 1, ed.get("filename")))
            continue
        used.add(used_k)
        check_doc(diffs, "documents[%d]." % (i + 1), ed, gd)
    return diffs


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: judge.py BIN CONF OUTDIR\n")
        sys.exit(0)
    binary, conf, outdir = sys.argv[1:]
    env = dict(os.environ)
    # The default [outbox] templates live where `make install` puts them; an
    # uninstalled build finds them through HOTROCKS_TEMPLATES, as the
    # Makefile's own goals do.  This changes no decision setting.
    if "HOTROCKS_TEMPLATES" not in env:
        t = os.path.join(os.path.dirname(os.path.abspath(binary)), "..", "outbox", "templates")
        if os.path.isdir(t):
            env["HOTROCKS_TEMPLATES"] = os.path.normpath(t)
    passed = failed = 0
    for ef in sorted(glob.glob(os.path.join(outdir, "*.expect.json"))):
        with open(ef, encoding="utf-8") as fh:
            exp = json.load(fh)
        eml = os.path.join(outdir, exp["file"])
        name = exp["file"]
        try:
            p = subprocess.run([binary, "inspect", "--json", "-c", conf, eml], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=120, env=env)
            out = p.stdout.decode("utf-8", "replace").strip()
            if not out:
                err = p.stderr.decode("utf-8", "replace").strip().splitlines()
                raise ValueError("no JSON (exit %d)%s" % (p.returncode, (": " + err[0][:200]) if err else ""))
            got = json.loads(out)
            diffs = check(exp, got)
        except Exception as ex:  # noqa: BLE001
            diffs = ["could not judge: %s" % ex]
        if diffs:
            failed += 1
            print("FAIL %s: %s" % (name, " | ".join(diffs)))
        else:
            passed += 1
            print("PASS %s" % name)
    print("%d passed, %d failed" % (passed, failed))
    print("blind6: %d/%d messages as expected" % (passed, passed + failed))
    sys.exit(0)


if __name__ == "__main__":
    main()
