#!/usr/bin/python3
"""Judge of blind set 7: runs the real binary step by step into one store.

    judge.py BIN SAMPLE_CONF OUT RUN

OUT is what make-blind7.py wrote; RUN a fresh folder for the store, the
configs and the mails as ingested (placeholders filled).  Every check of
every step is printed as PASS, FAIL or DESK (judged, not counted), with the
sentence it rests on; the last line is `blind7: P/N checks as expected
(D desk, of which K as a serious tool would)`.  Exit 0 always.
"""
import email
import email.header
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "blind6"))
import mime  # noqa: E402

CUC = "ca@bcy.gov.vn"


def start_sink(folder):
    """A local SMTP sink (Python's smtpd, on 127.0.0.1): what `send`
    delivers stays on this machine, one file a message."""
    import asyncore
    import threading
    import warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    import smtpd
    os.makedirs(folder, exist_ok=True)
    count = [0]

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kw):
            count[0] += 1
            with open(os.path.join(folder, "%03d.eml" % count[0]), "wb") as f:
                f.write(b"X-Envelope-To: " + ",".join(rcpttos).encode() + b"\n" + data)

    srv = Sink(("127.0.0.1", 0), None, decode_data=False)
    threading.Thread(target=asyncore.loop, kwargs={"timeout": 0.2}, daemon=True).start()
    return srv.socket.getsockname()[1]


class Judge:
    def __init__(self, binary, sample, out, run):
        self.bin, self.out, self.run = binary, out, run
        os.makedirs(os.path.join(run, "eml"), exist_ok=True)
        self.db = os.path.join(run, "store.db")
        with open(sample, encoding="utf-8") as f:
            base = f.read()
        base = re.sub(r"(?m)^database = .*$", "database = %s" % self.db, base)
        self.confs = {"sample": os.path.join(run, "sample.conf"), "strict": os.path.join(run, "strict.conf")}
        with open(self.confs["sample"], "w", encoding="utf-8") as f:
            f.write(base)
        self.sink = os.path.join(run, "sent")
        port = start_sink(self.sink)
        base = re.sub(r"(?m)^host = localhost$", "host = 127.0.0.1", base)
        head, tail = base.split("\n[smtp]\n", 1)
        tail = re.sub(r"(?m)^port =.*$", "port = %d" % port, tail, count=1)
        tail = re.sub(r"(?m)^security = starttls$", "security = none", tail, count=1)
        base = head + "\n[smtp]\n" + tail
        assert "port = %d" % port in base, "sample config: [smtp] block not as expected"
        with open(self.confs["sample"], "w", encoding="utf-8") as f:
            f.write(base)
        strict = re.sub(r"(?m)^require_signature = .*$", "require_signature = true", base)
        strict = re.sub(r"(?m)^trust_anchors =.*$", "trust_anchors = %s" % os.path.join(out, "anchors.pem"), strict)
        with open(self.confs["strict"], "w", encoding="utf-8") as f:
            f.write(strict)
        self.conf = self.confs["sample"]
        self.msgid = {}       # step -> Message-ID of its mail
        self.case = {}        # step -> case number its message went to (after the step)
        self.new_items = {}   # step -> outbox items new at that step
        self.results = []
        self.batch = {}       # step -> messages it ingests at once
        self.log = open(os.path.join(run, "commands.log"), "w", encoding="utf-8")

    # -------------------------------------------------------------- running
    def hr(self, *args, check_json=False):
        argv = [self.bin] + list(args) + ["-c", self.conf, "--db", self.db]
        p = subprocess.run(argv, capture_output=True, text=True,
                           env=dict(os.environ, TZ="UTC"), timeout=300)
        self.log.write("$ %s\nrc=%d\n%s%s\n" % (" ".join(argv), p.returncode, p.stdout[-4000:], p.stderr[-4000:]))
        return p

    def jl(self, *args):
        p = self.hr(*args)
        return [json.loads(line) for line in p.stdout.splitlines() if line.strip().startswith("{")]

    def snap(self):
        return {"messages": self.jl("messages", "--json"), "cases": self.jl("cases", "--json"),
                "outbox": self.jl("outbox", "--json")}

    def case_show(self, number):
        p = self.hr("case", "show", number, "--json")
        try:
            return json.loads(p.stdout)
        except ValueError:
            return None

    def message(self, snap, mid):
        ms = [m for m in snap["messages"] if m.get("message_id") == mid]
        return max(ms, key=lambda m: m["id"]) if ms else None

    def subject_of(self, item_id):
        p = self.hr("outbox", "show", str(item_id))
        m = email.message_from_string(p.stdout)
        return str(email.header.make_header(email.header.decode_header(m.get("Subject", ""))))

    def unit_item(self, step):
        its = [i for i in self.new_items.get(step, []) if i["rcpt"].lower() != CUC]
        return its[0] if its else None

    def fill(self, text, subject_ok=True):
        def case(m):
            return self.case.get(m.group(1)) or "HT-NONE"

        def reply(m):
            it = self.unit_item(m.group(1))
            return it["message_id"] if it else "<no-reply-was-queued@blind7>"

        def subj(m):
            it = self.unit_item(m.group(1))
            s = self.subject_of(it["id"]) if it else "(no reply)"
            s = re.sub(r"^(Re: )+", "", s)
            return mime.bword(s)

        text = re.sub(r"\{case:([0-9a-z]+)\}", case, text)
        text = re.sub(r"\{reply:([0-9a-z]+)\}", reply, text)

        def fwd(m):
            its = [i for i in self.new_items.get(m.group(1), []) if i["rcpt"].lower() == CUC]
            return its[0]["message_id"] if its else "<no-forward-was-queued@blind7>"
        text = re.sub(r"\{fwd:([0-9a-z]+)\}", fwd, text)
        text = re.sub(r"\{subject:([0-9a-z]+)\}", subj, text)
        return text

    def msg_num(self, step):
        m = self.message(self.snap_now, self.msgid[step])
        return str(m["id"]) if m else "0"

    # -------------------------------------------------------------- contracts
    def latest_contract(self, step, snap):
        m = self.message(snap, self.msgid[step])
        if not m or not m.get("case"):
            return None
        cs = self.case_show(m["case"])
        if not cs:
            return None
        if cs.get("message", {}).get("message_id") == self.msgid[step]:
            return cs["message"]
        for ln in cs.get("links", []):
            if ln.get("message_id") == self.msgid[step]:
                return ln.get("contract")
        return None

    @staticmethod
    def codes(c):
        out = set(e["code"] for e in c.get("errors", []))
        for d in c.get("documents", []):
            out |= set(e["code"] for e in d.get("errors", []))
            for r in d.get("rows", []):
                out |= set(e["code"] for e in r.get("errors", []))
        return out

    @staticmethod
    def sim_rows(c):
        rows = []
        for d in c.get("documents", []):
            if d.get("kind") == "sim_activation":
                rows += [sorted(set(e["code"] for e in r.get("errors", []))) for r in d.get("rows", [])]
        return rows

    # -------------------------------------------------------------- checks
    def evaluate(self, step, exp, ctx):
        chk, v = exp["check"], exp["value"]
        before, after, pre, msg = ctx.get("before"), ctx["after"], ctx.get("pre"), ctx.get("msg")
        cases_after = {c["number"]: c for c in after["cases"]}
        new_cases = [c for c in after["cases"] if c["number"] not in {x["number"] for x in before["cases"]}] if before else []
        new_items = ctx.get("new_items", [])

        def case_of(s):
            return self.case.get(s)

        if chk == "action":
            return msg and msg.get("action"), v
        if chk == "kind":
            return msg and msg.get("kind"), v
        if chk == "row_errors":
            return (self.sim_rows(pre) if pre else None), [sorted(r) for r in v]
        if chk == "doc_errors_incl":
            got = set()
            for d in (pre or {}).get("documents", []):
                got |= set(e["code"] for e in d.get("errors", []))
            return sorted(got), ("⊇", sorted(v), set(v) <= got)
        if chk == "codes_incl":
            got = self.codes(pre or {})
            return sorted(got), ("⊇", sorted(v), set(v) <= got)
        if chk == "msg_errors_incl":
            got = set(e["code"] for e in (pre or {}).get("errors", []))
            return sorted(got), ("⊇", sorted(v), set(v) <= got)
        if chk == "case":
            got = msg and msg.get("case")
            if v == "none":
                return got, None
            if v == "new":
                return got, ("new", None, bool(got) and got in {c["number"] for c in new_cases})
            if v.startswith("step:"):
                return got, case_of(v[5:])
            if v.startswith("msgcase:"):
                m = self.message(after, self.msgid[v[8:]])
                return got, m and m.get("case")
        if chk == "case_state":
            c = cases_after.get(msg and msg.get("case"))
            return c and c["state"], v
        if chk == "case_rows":
            c = cases_after.get(msg and msg.get("case"))
            return c and c.get("rows"), v
        if chk == "flag":
            c = cases_after.get(msg and msg.get("case"))
            return (c["flag"] if c else "NO CASE"), v
        if chk in ("flag_of", "case_state_of", "case_rows_of"):
            s, want = v
            c = cases_after.get(case_of(s))
            if not c:
                return "NO CASE for %s" % s, want
            got = {"flag_of": c.get("flag"), "case_state_of": c.get("state"), "case_rows_of": c.get("rows")}[chk]
            if want == "nonnull":
                return got, ("non-null", None, got is not None)
            return got, want
        if chk == "row_states_of":
            s, want = v
            cs = self.case_show(case_of(s)) if case_of(s) else None
            return (cs and [r.get("state") for r in cs["rows"]]), want
        if chk == "supersedes":
            cs = self.case_show(msg["case"]) if msg and msg.get("case") else None
            links = cs.get("links", []) if cs else []
            got = [(ln.get("link"), ln.get("message_id")) for ln in links]
            return got, ("supersedes " + self.msgid[v], None, ("supersedes", self.msgid[v]) in got)
        if chk == "supersedes_not":
            cs = self.case_show(msg["case"]) if msg and msg.get("case") else None
            got = [(ln.get("link"), ln.get("message_id")) for ln in (cs or {}).get("links", [])]
            return got, ("no supersedes " + self.msgid[v], None, ("supersedes", self.msgid[v]) not in got)
        if chk == "same_case":
            a, b = (self.message(after, self.msgid[x]) for x in v)
            got = [a and a.get("case"), b and b.get("case")]
            return got, ("one case", None, bool(got[0]) and got[0] == got[1])
        if chk == "action_of":
            s, want = v
            m = self.message(after, self.msgid[s])
            return m and m.get("action"), want
        if chk == "reply_mentions_case":
            its = [i for i in new_items if i["rcpt"].lower() != CUC]
            body = ""
            for i in its:
                em = email.message_from_string(self.hr("outbox", "show", str(i["id"])).stdout)
                for part in em.walk():
                    if part.get_content_type() == "text/plain":
                        body += part.get_payload(decode=True).decode("utf-8", "replace")
            num = case_of(v)
            return ([ln for ln in body.splitlines() if num and num in ln][:2] or body[:200]), \
                ("a letter naming " + str(num), None, bool(num) and num in body)
        if chk == "link_reply":
            cs = self.case_show(case_of(v)) if case_of(v) else None
            got = [(ln.get("link"), ln.get("message_id")) for ln in (cs or {}).get("links", [])]
            return got, ("reply " + self.msgid[step], None, ("reply", self.msgid[step]) in got)
        if chk == "link_any":
            cs = self.case_show(msg["case"]) if msg and msg.get("case") else None
            got = [(ln.get("link"), ln.get("message_id")) for ln in (cs or {}).get("links", [])]
            return got, ("a link to " + self.msgid[v], None, any(m == self.msgid[v] for _, m in got))
        if chk == "outbox_to":
            addr, n = v
            got = [i for i in new_items if i["rcpt"].lower() == addr.lower()]
            return ["%s %s %s" % (i["purpose"], i["state"], i["rcpt"]) for i in got], ("%d item(s)" % n, None, len(got) == n)
        if chk == "outbox_new":
            return ["%s %s %s" % (i["purpose"], i["state"], i["rcpt"]) for i in new_items], ("%d item(s)" % v, None, len(new_items) == v)
        if chk == "cases_new":
            return [c["number"] for c in new_cases], ("%d case(s)" % v, None, len(new_cases) == v)
        if chk == "new_case_state":
            return [c["state"] for c in new_cases], ("all " + v, None, bool(new_cases) and all(c["state"] == v for c in new_cases))
        if chk == "messages_new":
            return len(after["messages"]) - len(before["messages"]), v
        if chk == "outbox_state_of":
            s, want = v
            it = self.unit_item(s)
            cur = [i for i in after["outbox"] if it and i["id"] == it["id"]]
            return (cur[0]["state"] if cur else "NO ITEM"), want
        if chk == "exit":
            return ctx["rcs"], ("all %d" % v, None, all(r == v for r in ctx["rcs"]))
        if chk == "rp_latest":
            s, action, codes = v
            m = self.message(after, self.msgid[s])
            c = self.latest_contract(s, after)
            got = (m and m.get("action"), sorted(self.codes(c)) if c else "no contract found")
            return got, (action, sorted(codes), bool(m) and m.get("action") == action and c is not None and self.codes(c) == set(codes))
        if chk == "rp_sig":
            s, want = v
            c = self.latest_contract(s, after)
            sts = [d["signature"]["status"] for d in (c or {}).get("documents", []) if d.get("format") == "pdf"]
            return sts, [want]
        if chk == "msg_case":
            s, want = v
            m = self.message(after, self.msgid[s])
            got = m and m.get("case")
            return got, ("a new case", None, bool(got) and got in {c["number"] for c in new_cases})
        if chk == "rp_no_decision":
            objs = ctx.get("json", [])
            got = [o.get("decision", "NO decision KEY") for o in objs]
            return [None if g is None else "recorded" if isinstance(g, (dict, int)) else g for g in got], \
                ("all null", None, bool(objs) and all(g is None for g in got))
        if chk == "fwd_state_of":
            s, want = v
            its = [i for i in self.new_items.get(s, []) if i["rcpt"].lower() == CUC]
            cur = [i for i in after["outbox"] if its and i["id"] == its[0]["id"]]
            return (cur[0]["state"] if cur else "NO FORWARD"), want
        if chk == "held_stay_held":
            got = ["%d %s %s" % (i["id"], i["purpose"], i["state"]) for i in after["outbox"]
                   if i["purpose"] == "forward" and i["state"] != "held"]
            return got, []
        if chk == "queued_now_sent":
            was = {i["id"] for i in before["outbox"] if i["state"] == "queued"}
            got = ["%d %s %s" % (i["id"], i["purpose"], i["state"]) for i in after["outbox"]
                   if i["id"] in was and i["state"] != "sent"]
            return got, []
        if chk == "no_reply_to":
            got = [i["rcpt"] for i in after["outbox"] if i["rcpt"].lower() in {a.lower() for a in v}]
            return got, []
        if chk == "cuc_only_forwards":
            got = ["%d %s" % (i["id"], i["purpose"]) for i in after["outbox"] if i["rcpt"].lower() == CUC and i["purpose"] != "forward"]
            return got, []
        if chk == "one_reply_per_message":
            bad = []
            for s, its in self.new_items.items():
                per = {}
                for i in its:
                    if i["purpose"] != "forward":
                        per[i["rcpt"]] = per.get(i["rcpt"], 0) + 1
                bad += ["%s: %d to %s" % (s, n, r) for r, n in per.items() if n > self.batch.get(s, 1)]
            return bad, []
        if chk == "audit_verify":
            return self.hr("audit", "verify").returncode, v
        if chk == "status_json":
            p = self.hr("status", "--json")
            try:
                st = json.loads(p.stdout)
            except ValueError:
                return "not JSON", "one object"
            counts = {}
            for i in after["outbox"]:
                counts[i["state"]] = counts.get(i["state"], 0) + 1
            got = {k: n for k, n in st.get("outbox", {}).items() if n}
            return got, counts
        return "unknown check", chk

    def record(self, step, exp, got, want):
        if isinstance(want, tuple) and len(want) == 3:
            ok, shown = want[2], (want[0] if want[1] is None else "%s %s" % (want[0], want[1]))
        else:
            ok, shown = got == want, want
        kind = "DESK" if exp["desk"] else ("PASS" if ok else "FAIL")
        self.results.append({"step": step, "check": exp["check"], "value": exp["value"], "expected": shown,
                             "got": got, "ok": ok, "desk": exp["desk"], "why": exp["why"]})
        line = "%s %s %s %s" % (kind, step, exp["check"], json.dumps(exp["value"], ensure_ascii=False))
        if kind != "PASS":
            line += "\n      expected: %s\n      got:      %s\n      because:  %s" % (
                json.dumps(shown, ensure_ascii=False, default=str), json.dumps(got, ensure_ascii=False, default=str), exp["why"])
            if kind == "DESK":
                line += "\n      (desk: %s)" % ("as a serious tool would" if ok else "not as a serious tool would")
        print(line)

    # -------------------------------------------------------------- steps
    def ingest(self, st, path=None):
        if path is None:
            with open(os.path.join(self.out, st["file"]), encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            text = self.fill(text)
            path = os.path.join(self.run, "eml", st["file"])
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            m = re.search(r"(?mi)^Message-ID: (<[^>]+>)", text)
            self.msgid[st["id"]] = m.group(1)
        os.utime(path, (st["mtime"], st["mtime"]))
        before = self.snap()
        if os.path.exists(self.db):
            p = self.hr("inspect", "--json", path)
        else:  # the first step: no store yet to read (inspect writes nothing)
            p = subprocess.run([self.bin, "inspect", "--json", "-c", self.conf, path], capture_output=True, text=True)
        pre = None
        for line in p.stdout.splitlines():
            if line.startswith("{"):
                pre = json.loads(line)
        rc = self.hr("ingest", "-q", path).returncode
        after = self.snap()
        ids = {i["id"] for i in before["outbox"]}
        self.new_items[st["id"]] = [i for i in after["outbox"] if i["id"] not in ids]
        msg = self.message(after, self.msgid.get(st["id"], self.msgid.get(st.get("of"))))
        if msg and msg.get("case") and st["type"] == "ingest":
            self.case[st["id"]] = msg["case"]
        return {"before": before, "after": after, "pre": pre, "msg": msg, "rcs": [rc],
                "new_items": self.new_items[st["id"]]}

    def ingest_batch(self, st):
        """Several files in one `ingest` call, as a folder or a Maildir
        brings them."""
        paths = []
        for f in st["files"]:
            path = os.path.join(self.run, "eml", f["file"])
            with open(os.path.join(self.out, f["file"]), encoding="utf-8", errors="surrogateescape") as fh:
                text = self.fill(fh.read())
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as fh:
                fh.write(text)
            os.utime(path, (f["mtime"], f["mtime"]))
            self.msgid[f["file"][:3]] = re.search(r"(?mi)^Message-ID: (<[^>]+>)", text).group(1)
            paths.append(path)
        before = self.snap()
        rc = self.hr("ingest", "-q", *paths).returncode
        after = self.snap()
        ids = {i["id"] for i in before["outbox"]}
        self.new_items[st["id"]] = [i for i in after["outbox"] if i["id"] not in ids]
        self.batch[st["id"]] = len(st["files"])
        for f in st["files"]:
            m = self.message(after, self.msgid[f["file"][:3]])
            if m and m.get("case"):
                self.case[f["file"][:3]] = m["case"]
        msg = self.message(after, self.msgid[st["files"][-1]["file"][:3]])
        return {"before": before, "after": after, "msg": msg, "rcs": [rc], "new_items": self.new_items[st["id"]]}

    def command(self, st):
        self.snap_now = before = self.snap()
        rcs, objs = [], []
        for argv in st["argv"]:
            args = []
            for a in argv:
                a = re.sub(r"\{msg:([0-9a-z]+)\}", lambda m: self.msg_num(m.group(1)), a)
                a = a.replace("{out}", self.out)
                args.append(self.fill(a))
            p = self.hr(*args)
            rcs.append(p.returncode)
            objs += [json.loads(x) for x in p.stdout.splitlines() if x.strip().startswith("{")]
        after = self.snap()
        ids = {i["id"] for i in before["outbox"]}
        self.new_items[st["id"]] = [i for i in after["outbox"] if i["id"] not in ids]
        # a message may have gained a case (reprocess opening one)
        for s, mid in self.msgid.items():
            m = self.message(after, mid)
            if m and m.get("case") and s not in self.case:
                self.case[s] = m["case"]
        with open(os.path.join(self.run, "%s-output.json" % st["id"]), "w", encoding="utf-8") as f:
            json.dump(objs, f, ensure_ascii=False, indent=1)
        return {"before": before, "after": after, "rcs": rcs, "json": objs, "new_items": self.new_items[st["id"]]}

    def go(self):
        with open(os.path.join(self.out, "steps.json"), encoding="utf-8") as f:
            steps = json.load(f)
        paths = {}
        for st in steps:
            print("== %s %s %s" % (st["id"], st["type"], st.get("file") or st.get("name") or st.get("note") or ""))
            if st["type"] == "config":
                self.conf = self.confs[st["conf"]]
                continue
            if st["type"] == "ingest":
                ctx = self.ingest(st)
                paths[st["id"]] = os.path.join(self.run, "eml", st["file"])
            elif st["type"] == "ingest_again":
                ctx = self.ingest(st, paths[st["of"]])
            elif st["type"] == "command":
                ctx = self.command(st)
            elif st["type"] == "ingest_many":
                ctx0 = None
                for f in st["files"]:
                    sub = dict(st, id=f["file"][:3], file=f["file"], mtime=f["mtime"], type="ingest")
                    ctx = self.ingest(sub)
                    ctx0 = ctx0 or ctx
                    paths[sub["id"]] = os.path.join(self.run, "eml", f["file"])
                ids = {i["id"] for i in ctx0["before"]["outbox"]}
                ctx = dict(ctx, before=ctx0["before"],
                           new_items=[i for i in ctx["after"]["outbox"] if i["id"] not in ids])
            elif st["type"] == "ingest_batch":
                ctx = self.ingest_batch(st)
            elif st["type"] == "send":
                ctx = self.command(dict(st, argv=[["send"]]))
            else:
                ctx = {"after": self.snap()}
            for exp in st["expect"]:
                try:
                    got, want = self.evaluate(st["id"], exp, ctx)
                except Exception as e:  # a shape the judge did not foresee is a failure, said so
                    got, want = "judge error: %r" % e, exp["value"]
                self.record(st["id"], exp, got, want)
        counted = [r for r in self.results if not r["desk"]]
        desk = [r for r in self.results if r["desk"]]
        with open(os.path.join(self.run, "results.json"), "w", encoding="utf-8") as f:
            json.dump(self.results, f, ensure_ascii=False, indent=1, default=str)
        print("blind7: %d/%d checks as expected (%d desk, of which %d as a serious tool would)" % (
            sum(r["ok"] for r in counted), len(counted), len(desk), sum(r["ok"] for r in desk)))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    Judge(*[os.path.abspath(a) for a in sys.argv[1:]]).go()


if __name__ == "__main__":
    main()
