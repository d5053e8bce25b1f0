#!/usr/bin/env python3
"""Judge hotrocks on the blind set.

usage: judge.py HOTROCKS CONFIG OUTDIR

Runs `HOTROCKS inspect -c CONFIG --json FILE` for every message listed in
OUTDIR/expected.json, compares the result field by field, prints one line
per mismatch and finally `blind: N passed, M failed` (counted in messages).
Exit status 1 when any message failed.

Comparison rules
  message   kind, action, error codes, warning codes, documents
  document  filename (NFC), format, kind, organization (NFC, white space
            folded, case-insensitive), error codes, warning codes, rows
  row       matched by "index": phone, iccid, name, position, carrier,
            error codes, warning codes
Codes are compared as sets.  A warning `signature_missing` is tolerated
(the judge's config has require_signature = false, so an unsigned document
must not be an error, but a warning about it is harmless).
"uncertain": {"field": "why", ...} on any expected object means that field
is not judged there.  Two pseudo-fields exist: "documents" on a message
(skip the document list) and "extra_rows" on a document (rows the
implementation reports beyond the expected ones are not counted against it).
A key absent from an expected object is not judged either (e.g. "rows" on a
document whose rows are not predictable).
"""
import json
import os
import subprocess
import sys
import unicodedata

TOLERATED_WARNINGS = {"signature_missing"}


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def org_key(s):
    return " ".join(nfc(s).split()).casefold() if isinstance(s, str) else s


def codes(lst):
    out = set()
    for c in lst or []:
        out.add(c.get("code") if isinstance(c, dict) else c)
    return out


def show(v):
    return json.dumps(v, ensure_ascii=False)


class Judge:
    def __init__(self, fname):
        self.fname = fname
        self.problems = []

    def miss(self, where, field, exp, got):
        self.problems.append("%s: %s%s: expected %s, got %s"
                             % (self.fname, where, field, show(exp), show(got)))

    def cmp(self, where, field, exp_obj, act_obj, key=lambda v: v):
        if field not in exp_obj or field in (exp_obj.get("uncertain") or {}):
            return
        e, a = exp_obj[field], (act_obj or {}).get(field)
        if key(e) != key(a):
            self.miss(where, field, e, a)

    def cmp_codes(self, where, field, exp_obj, act_obj, tolerated=()):
        if field not in exp_obj or field in (exp_obj.get("uncertain") or {}):
            return
        e = set(exp_obj[field])
        a = codes((act_obj or {}).get(field))
        a -= (set(tolerated) - e)
        if e != a:
            self.miss(where, field, sorted(e), sorted(a))


def uncertain(obj):
    u = obj.get("uncertain") or {}
    if isinstance(u, str):          # a bare reason: the whole object is open
        return {k: u for k in obj}
    return u


def judge_message(fname, exp, act):
    j = Judge(fname)
    exp = dict(exp)
    exp["uncertain"] = uncertain(exp)
    j.cmp("", "kind", exp, act)
    j.cmp("", "action", exp, act)
    j.cmp_codes("", "errors", exp, act)
    j.cmp_codes("", "warnings", exp, act, TOLERATED_WARNINGS)
    if "documents" in exp and "documents" not in exp["uncertain"]:
        edocs, adocs = exp["documents"], act.get("documents") or []
        if len(edocs) != len(adocs):
            j.miss("", "documents (count)", len(edocs), len(adocs))
        # pair by file name when possible, else by position
        used = set()
        for i, ed in enumerate(edocs):
            ad = None
            for k, cand in enumerate(adocs):
                if k not in used and nfc(cand.get("filename")) == nfc(ed.get("filename")):
                    ad = cand
                    used.add(k)
                    break
            if ad is None and i < len(adocs) and i not in used:
                ad = adocs[i]
                used.add(i)
            if ad is None:
                j.miss("documents[%d] " % i, "", ed.get("filename"), None)
                continue
            judge_document(j, "documents[%d]." % i, ed, ad)
    return j.problems


def judge_document(j, where, ed, ad):
    ed = dict(ed)
    ed["uncertain"] = uncertain(ed)
    j.cmp(where, "filename", ed, ad, nfc)
    j.cmp(where, "format", ed, ad)
    j.cmp(where, "kind", ed, ad)
    j.cmp(where, "organization", ed, ad, org_key)
    j.cmp_codes(where, "errors", ed, ad)
    j.cmp_codes(where, "warnings", ed, ad, TOLERATED_WARNINGS)
    if "rows" not in ed or "rows" in ed["uncertain"]:
        return
    arows = ad.get("rows") or []
    by_index = {}
    for r in arows:
        by_index.setdefault(r.get("index"), r)
    want = set()
    for er in ed["rows"]:
        er = dict(er)
        er["uncertain"] = uncertain(er)
        idx = er["index"]
        want.add(idx)
        ar = by_index.get(idx)
        rw = "%srows[index=%s]." % (where, idx)
        if ar is None:
            j.miss(rw, "", "a row", None)
            continue
        for f in ("phone", "iccid", "name", "position", "carrier"):
            j.cmp(rw, f, er, ar)
        j.cmp_codes(rw, "errors", er, ar)
        j.cmp_codes(rw, "warnings", er, ar)
    extra = [r.get("index") for r in arows if r.get("index") not in want]
    if extra and "extra_rows" not in ed["uncertain"]:
        j.miss(where, "rows (extra indexes)", [], extra)


def run(hotrocks, conf, path):
    try:
        p = subprocess.run([hotrocks, "inspect", "-c", conf, "--json", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    out = p.stdout.decode("utf-8", "replace").strip()
    for text in (out, out.splitlines()[-1] if out else ""):
        try:
            v = json.loads(text)
            if isinstance(v, dict):
                return v, None
        except ValueError:
            pass
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    return None, "exit %d, no JSON on stdout%s" % (p.returncode, (": " + err[0]) if err else "")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: judge.py HOTROCKS CONFIG OUTDIR")
    hotrocks, conf, outdir = sys.argv[1:]
    with open(os.path.join(outdir, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    passed = failed = 0
    for fname in sorted(expected):
        act, err = run(hotrocks, conf, os.path.join(outdir, fname))
        if act is None:
            print("%s: %s" % (fname, err))
            failed += 1
            continue
        problems = judge_message(fname, expected[fname], act)
        for line in problems:
            print(line)
        if problems:
            failed += 1
        else:
            passed += 1
    print("blind: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
