#!/usr/bin/python3
"""judge.py HOTROCKS OUTDIR -- blind set 8.

For each case of OUTDIR/cases.json: `HOTROCKS inspect --json -c
OUTDIR/prod.conf --db TMP/units.db CASE.eml` (the units registry of
OUTDIR/units.csv imported first with `units import`), and `HOTROCKS verify
--json -c OUTDIR/prod.conf FILE` for each loose file of the case.  Each run
has 60 s; a timeout, a signal, exit 70 (internal error) or no JSON from
inspect is a FAIL.  Expectation keys (all from CONTRACT.md; the reason is in
each case's "why"):
  action        the action must be one of these
  action_not    the action must be none of these
  msg_errors    message error codes that must be there
  n_docs        the number of documents
  docs          by decoded file name: status (allowed signature.status
                values), errors (codes that must be there), errors_not
  any_doc_error {file: [codes]}: at least one of these files has one of them
  forbid_valid_signer_o / forbid_valid_row_phone (in docs): the document
                must not be valid with that signer O / that row phone
  all_docs_status  every reported document's status is one of these
  no_valid      no document of the message has signature.status valid
                (CONTRACT: a forged document never comes out valid)
  json          only that a decision was printed
verify: the file's summary status must be one of the allowed; for a
not-valid expectation, a refusal to read it (exit 65, no JSON) passes too.
Prints PASS/FAIL per case, then `blind8: N/M`; exits 1 if any FAIL."""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

TIMEOUT = 60


def nfc(s):
    return unicodedata.normalize("NFC", s or "")


def run(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "timeout after %ds" % TIMEOUT, b""
    if r.returncode < 0:
        return r.returncode, "killed by signal %d" % -r.returncode, r.stdout
    return r.returncode, r.stderr.decode(errors="replace").strip(), r.stdout


def codes(lst):
    return {e.get("code") if isinstance(e, dict) else e for e in (lst or [])}


def summary(j):
    out = ["action=%s" % j.get("action"), "kind=%s" % j.get("kind")]
    if j.get("errors"):
        out.append("errors=%s" % sorted(codes(j["errors"])))
    for d in j.get("documents") or []:
        sig = (d.get("signature") or {}).get("status")
        out.append("[%s %s sig=%s err=%s]" % (d.get("filename"), d.get("format"), sig,
                                              sorted(codes(d.get("errors")))))
    return " ".join(out)


def check_inspect(hot, out, db, c):
    exp = c["expect"]
    rc, err, so = run([hot, "inspect", "--json", "-c", os.path.join(out, "prod.conf"),
                       "--db", db, os.path.join(out, c["eml"])])
    if rc is None or rc < 0:
        return ["inspect: " + err], ""
    if rc == 70:
        return ["inspect: exit 70 (internal error): " + err[-300:]], ""
    try:
        j = json.loads(so.decode().strip().splitlines()[0])
    except Exception:
        return ["inspect: no JSON decision (exit %s): %s" % (rc, err[-300:])], ""
    diffs = []
    act = j.get("action")
    if "action" in exp and act not in exp["action"]:
        diffs.append("action %s, expected %s" % (act, "/".join(exp["action"])))
    if act in exp.get("action_not", []):
        diffs.append("action %s, expected not %s" % (act, "/".join(exp["action_not"])))
    for code in exp.get("msg_errors", []):
        if code not in codes(j.get("errors")):
            diffs.append("message error %s missing" % code)
    docs = j.get("documents") or []
    byname = {nfc(d.get("filename")): d for d in docs}
    if "n_docs" in exp and len(docs) != exp["n_docs"]:
        diffs.append("%d documents, expected %d" % (len(docs), exp["n_docs"]))
    for fn, de in exp.get("docs", {}).items():
        d = byname.get(nfc(fn))
        if d is None:
            diffs.append("document %s not reported" % fn)
            continue
        st = (d.get("signature") or {}).get("status")
        if "status" in de and st not in de["status"]:
            diffs.append("%s: signature %s, expected %s" % (fn, st, "/".join(de["status"])))
        sig = d.get("signature") or {}
        if "forbid_valid_signer_o" in de and st == "valid" and \
                nfc((sig.get("signer") or {}).get("o")) == nfc(de["forbid_valid_signer_o"]):
            diffs.append("FORGED ACCEPTED: %s valid with signer o=%s" % (fn, de["forbid_valid_signer_o"]))
        if "forbid_valid_row_phone" in de and st == "valid":
            for r in d.get("rows") or []:
                if r.get("phone") == de["forbid_valid_row_phone"]:
                    diffs.append("FORGED ACCEPTED: %s valid with forged row %s" % (fn, r.get("phone")))
        dc = codes(d.get("errors"))
        for code in de.get("errors", []):
            if code not in dc:
                diffs.append("%s: error %s missing" % (fn, code))
        for code in de.get("errors_not", []):
            if code in dc:
                diffs.append("%s: unexpected error %s" % (fn, code))
    if "any_doc_error" in exp:
        ok = False
        for fn, want in exp["any_doc_error"].items():
            d = byname.get(nfc(fn))
            if d is not None and codes(d.get("errors")) & set(want):
                ok = True
        if not ok:
            diffs.append("none of %s" % json.dumps(exp["any_doc_error"], ensure_ascii=False))
    if "all_docs_status" in exp:
        for d in docs:
            st = (d.get("signature") or {}).get("status")
            if st not in exp["all_docs_status"]:
                diffs.append("%s: signature %s, expected %s" % (d.get("filename"), st,
                                                              "/".join(exp["all_docs_status"])))
    if exp.get("no_valid"):
        for d in docs:
            if (d.get("signature") or {}).get("status") == "valid":
                diffs.append("FORGED ACCEPTED: %s signature valid" % d.get("filename"))
    return diffs, summary(j)


def check_verify(hot, out, fn, allowed):
    rc, err, so = run([hot, "verify", "--json", "-c", os.path.join(out, "prod.conf"),
                       os.path.join(out, fn)])
    if rc is None or rc < 0:
        return ["verify %s: %s" % (fn, err)], ""
    if rc == 70:
        return ["verify %s: exit 70 (internal error): %s" % (fn, err[-200:])], ""
    lines = so.decode().strip().splitlines()
    if not lines:
        if "valid" not in allowed and rc == 65:
            return [], "verify %s: unreadable (65)" % fn
        return ["verify %s: no JSON (exit %s): %s" % (fn, rc, err[-200:])], ""
    j = json.loads(lines[0])
    st = (j.get("signature") or {}).get("status")
    sigs = [s.get("status") for s in j.get("signatures") or []]
    info = "verify %s: %s %s" % (fn, st, sigs)
    d = []
    if st not in allowed:
        d.append("verify %s: status %s, expected %s%s" % (
            fn, st, "/".join(allowed), " (FORGED ACCEPTED)" if st == "valid" else ""))
    if (rc == 0) != (st == "valid"):
        d.append("verify %s: exit %s with status %s" % (fn, rc, st))
    return d, info


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: judge.py HOTROCKS OUTDIR")
    hot, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.environ.setdefault("HOTROCKS_TEMPLATES", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "outbox", "templates"))
    with open(os.path.join(out, "cases.json")) as f:
        cases = json.load(f)
    verbose = "-v" in os.environ.get("BLIND8_FLAGS", "")
    npass = 0
    with tempfile.TemporaryDirectory() as td:
        db = os.path.join(td, "units.db")
        rc, err, _ = run([hot, "units", "import", "-c", os.path.join(out, "prod.conf"),
                          "--db", db, os.path.join(out, "units.csv")])
        if rc != 0:
            print("note: units import failed (%s): %s" % (rc, err))
        for c in cases:
            diffs, info = check_inspect(hot, out, db, c)
            vinfo = []
            for fn, allowed in c["verify"].items():
                d, i = check_verify(hot, out, fn, allowed)
                diffs += d
                if i:
                    vinfo.append(i)
            if diffs:
                print("FAIL %s: %s\n     got: %s %s\n     why: %s" % (
                    c["name"], "; ".join(diffs), info, "; ".join(vinfo), c["why"]))
            else:
                npass += 1
                print("PASS %s%s" % (c["name"], ("  [" + info + "]") if verbose else ""))
    print("blind8: %d/%d" % (npass, len(cases)))
    sys.exit(0 if npass == len(cases) else 1)


if __name__ == "__main__":
    main()
