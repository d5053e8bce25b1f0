#!/usr/bin/env python3
"""Judges `hotrocks verify` against the blind3 set built by make-set.sh.

    tests/blind3/judge.py HOTROCKS OUTDIR [-v]

Runs `HOTROCKS verify --anchors OUTDIR/ANCHORS [--crls OUTDIR/crls] [--at AT]
--json FILE` once per file of OUTDIR/expected.json and compares the status
(and, where expected.json gives them, the signer's CN and serial, the number
of signatures, covers_all_parts).  Prints one line per mismatch ("FORGED
ACCEPTED" on it when a document that is not truly valid was reported valid),
with -v one line per file, and last exactly "blind3: N passed, M failed".
Exits 1 if anything failed.

expected.json: {file: {"status": S or [S, ...] or "not_valid", "anchors":
"root.pem"|"other-root.pem", "crls": bool, "at": RFC3339 (optional),
"signer_cn", "signer_serial", "n_signatures", "covers_all_parts" (optional)}}.
"not_valid" accepts any status but valid, and also a refusal to read the file
(no JSON line, non-zero exit).
"""
import json
import os
import subprocess
import sys


def run(hotrocks, outdir, name, e):
    cmd = [hotrocks, "verify", "--anchors", os.path.join(outdir, e.get("anchors", "root.pem"))]
    if e.get("crls"):
        cmd += ["--crls", os.path.join(outdir, "crls")]
    if e.get("at"):
        cmd += ["--at", e["at"]]
    cmd += ["--json", os.path.join(outdir, name)]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timed out", cmd
    objs = []
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            objs.append(json.loads(line))
        except ValueError:
            return None, "exit %d, not JSON: %s" % (p.returncode, line[:120]), cmd
    if len(objs) != 1:
        err = p.stderr.decode("utf-8", "replace").strip().replace("\n", " | ")[:160]
        return None, "exit %d, %d JSON objects; stderr: %s" % (p.returncode, len(objs), err), cmd
    # A file that could not be judged has its line, with the reason.
    if isinstance(objs[0], dict) and objs[0].get("error") is not None:
        return None, "exit %d: %s" % (p.returncode, objs[0]["error"]), cmd
    return objs[0], None, cmd


def judge(o, e):
    """-> (problems, forged)"""
    want = e["status"]
    sig = o.get("signature") if isinstance(o, dict) else None
    if not isinstance(sig, dict):
        return ["no signature object"], False
    got = sig.get("status")
    problems = []
    forged = False
    if want == "not_valid":
        ok = got != "valid"
        forged = got == "valid"
    else:
        allowed = want if isinstance(want, list) else [want]
        ok = got in allowed
        forged = got == "valid" and "valid" not in allowed
    if not ok:
        problems.append("status %s, want %s" % (got, "not valid" if want == "not_valid" else "|".join(
            want if isinstance(want, list) else [want])))
    signer = sig.get("signer") or {}
    if "signer_cn" in e and ok and signer.get("cn") != e["signer_cn"]:
        problems.append("signer cn %r, want %r" % (signer.get("cn"), e["signer_cn"]))
    if "signer_serial" in e and ok and signer.get("serial") != e["signer_serial"]:
        problems.append("signer serial %r, want %r" % (signer.get("serial"), e["signer_serial"]))
    if "covers_all_parts" in e and ok and sig.get("covers_all_parts") is not e["covers_all_parts"]:
        problems.append("covers_all_parts %r, want %r" % (sig.get("covers_all_parts"), e["covers_all_parts"]))
    if "n_signatures" in e and ok:
        n = len(o.get("signatures") or [])
        if n != e["n_signatures"]:
            problems.append("%d entries in signatures, want %d" % (n, e["n_signatures"]))
    if got == "valid" and not sig.get("signed_at") and ok:
        problems.append("valid without signed_at")
    return problems, forged


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: judge.py HOTROCKS OUTDIR [-v]")
    hotrocks, outdir = args
    with open(os.path.join(outdir, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    passed = failed = 0
    for name in sorted(expected):
        e = expected[name]
        o, err, cmd = run(hotrocks, outdir, name, e)
        if o is None:
            if e["status"] == "not_valid":
                passed += 1
                if verbose:
                    print("ok   %s: not read (%s)" % (name, err))
                continue
            failed += 1
            print("FAIL %s: %s" % (name, err))
            continue
        problems, forged = judge(o, e)
        got = (o.get("signature") or {}).get("status")
        if problems:
            failed += 1
            print("FAIL %s: %s%s" % (name, "; ".join(problems), "  FORGED ACCEPTED" if forged else ""))
        else:
            passed += 1
            if verbose:
                print("ok   %s: %s" % (name, got))
    print("blind3: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
