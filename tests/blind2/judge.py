#!/usr/bin/env python3
"""judge.py HOTROCKS CONF OUTDIR

Runs `HOTROCKS inspect -c CONF --json FILE` on every message listed in
OUTDIR/expected.json (written by make-blind.py) and compares the result
field by field.  Prints one line per mismatch, notes for mismatches on fields
the set marks "uncertain", and a last line "blind2: N passed, M failed".
Exit status 1 when any message failed.

Comparison rules (see README.md):
  message   kind, action; errors and warnings as sets of codes
  document  matched by file name (NFC), else by position; format, kind;
            organization case-insensitively after NFC and white-space
            folding; errors as a set of codes; for recovery documents
            fields.coordinator_name / fields.coordinator_phone
  row       by position; the keys the expectation lists: name, position,
            device_serial (as typed, trimmed), phone, iccid; errors and
            warnings as sets
  uncertain an object's "uncertain": {"field": "why"} turns a mismatch on
            that field into a note.  For a list of codes it still requires
            the expected codes to be present; only extra codes become a note.
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

RECOVERY = ("etoken_recovery", "sim_recovery")


def norm(s):
    if s is None:
        return None
    if not isinstance(s, str):
        s = str(s)
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()
    return s or None


def norm_org(s):
    s = norm(s)
    return s.casefold() if s else None


def codes(lst):
    out = set()
    for e in lst or []:
        if isinstance(e, dict):
            out.add(e.get("code"))
        else:
            out.add(e)
    return out


class Judge:
    def __init__(self, fname):
        self.fname = fname
        self.fails = []
        self.notes = []

    def diff(self, where, what, exp, got, uncertain=None):
        line = "%s: %s%s: expected %s, got %s" % (self.fname, where, what, json.dumps(exp, ensure_ascii=False),
                                                 json.dumps(got, ensure_ascii=False))
        if uncertain is not None:
            self.notes.append("note " + line + "  (uncertain: %s)" % uncertain)
        else:
            self.fails.append("FAIL " + line)

    def scalar(self, where, what, exp, got, unc, fn=norm):
        if fn(exp) != fn(got):
            self.diff(where, what, exp, got, unc.get(what))

    def codeset(self, where, what, exp, got_list, unc):
        e, g = set(exp), codes(got_list)
        if e == g:
            return
        why = unc.get(what)
        if why is not None and e <= g:
            self.diff(where, what, sorted(e), sorted(g), why)
        else:
            self.diff(where, what, sorted(e), sorted(g))


def run(hotrocks, conf, path):
    try:
        p = subprocess.run([hotrocks, "inspect", "-c", conf, "--json", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except Exception as ex:  # noqa: BLE001
        return None, "could not run: %s" % ex
    out = p.stdout.decode("utf-8", "replace").strip()
    try:
        return json.loads(out), None
    except ValueError:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, "no JSON on stdout (exit %d)%s" % (p.returncode, (": " + err[0]) if err else "")


def check_rows(j, where, exp_rows, got_rows, doc_unc):
    why = doc_unc.get("rows")
    got_rows = got_rows or []
    if len(exp_rows) != len(got_rows):
        j.diff(where, "rows.count", len(exp_rows), len(got_rows), why)
        if why is not None:
            return
    for i, er in enumerate(exp_rows):
        if i >= len(got_rows):
            break
        gr = got_rows[i] or {}
        unc = dict(er.get("uncertain", {}))
        if why is not None:
            for k in ("name", "position", "device_serial", "phone", "iccid", "errors", "warnings"):
                unc.setdefault(k, why)
        w = "%srows[%d]." % (where, i)
        for k in ("name", "position", "device_serial", "phone", "iccid"):
            if k in er:
                j.scalar(w, k, er[k], gr.get(k), unc)
        for k in ("errors", "warnings"):
            if k in er:
                j.codeset(w, k, er[k], gr.get(k), unc)


def check_doc(j, where, ed, gd):
    unc = ed.get("uncertain", {})
    j.scalar(where, "format", ed["format"], gd.get("format"), unc)
    j.scalar(where, "kind", ed["kind"], gd.get("kind"), unc)
    if "organization" in ed:
        j.scalar(where, "organization", ed["organization"], gd.get("organization"), unc, fn=norm_org)
    j.codeset(where, "errors", ed.get("errors", []), gd.get("errors"), unc)
    if "fields" in ed:
        gf = gd.get("fields") or {}
        for k, v in ed["fields"].items():
            u = dict(unc)
            if "fields" in unc:
                u.setdefault(k, unc["fields"])
            j.scalar(where, "fields." + k, v, gf.get(k), u)
    if "rows" in ed:
        check_rows(j, where, ed["rows"], gd.get("rows"), unc)


def check_message(j, em, got):
    unc = em.get("uncertain", {})
    j.scalar("", "kind", em["kind"], got.get("kind"), unc)
    j.scalar("", "action", em["action"], got.get("action"), unc)
    j.codeset("", "errors", em.get("errors", []), got.get("errors"), unc)
    j.codeset("", "warnings", em.get("warnings", []), got.get("warnings"), unc)
    exp_docs = em.get("documents", [])
    got_docs = got.get("documents") or []
    if len(exp_docs) != len(got_docs):
        j.diff("", "documents.count", len(exp_docs), len(got_docs), unc.get("documents"))
    by_name = {}
    for gd in got_docs:
        by_name.setdefault(norm(gd.get("filename")), gd)
    for i, ed in enumerate(exp_docs):
        gd = by_name.get(norm(ed["filename"]))
        if gd is None and i < len(got_docs):
            gd = got_docs[i]
            j.diff("documents[%d]." % i, "filename", ed["filename"], gd.get("filename"), unc.get("documents"))
        if gd is None:
            j.diff("documents[%d]" % i, "", ed["filename"], None, unc.get("documents"))
            continue
        check_doc(j, "documents[%d]." % i, ed, gd)


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: judge.py HOTROCKS CONF OUTDIR\n")
        sys.exit(2)
    hotrocks, conf, outdir = sys.argv[1:]
    with open(os.path.join(outdir, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    passed = failed = 0
    for em in expected["messages"]:
        j = Judge(em["file"])
        got, err = run(hotrocks, conf, os.path.join(outdir, em["file"]))
        if got is None:
            j.fails.append("FAIL %s: %s" % (em["file"], err))
        else:
            check_message(j, em, got)
        for line in j.fails + j.notes:
            print(line)
        if j.fails:
            failed += 1
        else:
            passed += 1
    print("blind2: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
