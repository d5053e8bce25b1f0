#!/usr/bin/python3
# report-readback.py REPORT.json REPORT.csv REPORT.xlsx: reads the CSV
# (csv module) and the XLSX (openpyxl) hotrocks report wrote, and checks
# every unit's row and the total against the JSON report of the same
# store. Prints each difference; exits 1 when there is one, 2 when a file
# cannot be read. check-office-report.c runs it.
import csv
import datetime
import json
import sys

import openpyxl

OUTCOMES = ["queue", "reject", "redirect", "manual"]
TOTAL = "Tổng cộng"


def figures(f):
    """The numbers both tables hold, in the CSV's column order."""
    v = {"messages": f["messages"], "cases": f["cases"],
         "errors": f["errors"], "replies": f["reply_seconds"]["count"],
         "closed": f["done_seconds"]["count"]}
    for o in OUTCOMES:
        v[o] = f["outcomes"][o]
    for k in ("requested", "pending", "forwarded", "activated", "refused"):
        v["sims_" + k] = f["sims"][k]
    v["reply_median_s"] = f["reply_seconds"]["median"]
    v["reply_p90_s"] = f["reply_seconds"]["p90"]
    v["done_median_s"] = f["done_seconds"]["median"]
    v["done_p90_s"] = f["done_seconds"]["p90"]
    return v


def main():
    try:
        rep = json.load(open(sys.argv[1], encoding="utf-8"))
        rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8",
                                        newline="")))
        book = openpyxl.load_workbook(sys.argv[3], read_only=True)
    except Exception as e:  # noqa: BLE001 - any unreadable input
        print("cannot read: %s" % e)
        return 2
    want = {u["unit"]: figures(u) for u in rep["units"]}
    want[TOTAL] = figures(rep["total"])
    bad = []

    got = {r["unit"]: r for r in rows}
    if set(got) != set(want):
        bad.append("csv units %s != json %s" % (sorted(got), sorted(want)))
    for name, w in want.items():
        r = got.get(name)
        if r is None:
            continue
        for k, v in w.items():
            c = r[k]
            c = None if c == "" else int(c)
            if c != v:
                bad.append("csv %s %s: %r != %r" % (name, k, c, v))

    ws = book["Đơn vị"]
    table = list(ws.iter_rows(values_only=True))
    head = table[0]
    col = {h: i for i, h in enumerate(head)}
    xl = {r[0]: r for r in table[1:] if r[0] is not None}
    if set(xl) != set(want):
        bad.append("xlsx units %s != json %s" % (sorted(xl), sorted(want)))
    pairs = [("messages", "Thư nhận"), ("queue", "Tiếp nhận"),
             ("reject", "Trả lại"), ("redirect", "Hướng dẫn gửi Cục"),
             ("manual", "Cán bộ xem xét"), ("cases", "Hồ sơ"),
             ("sims_requested", "SIM đề nghị"),
             ("sims_pending", "SIM chưa chuyển Cục"),
             ("sims_forwarded", "SIM chờ Cục kích hoạt"),
             ("sims_activated", "SIM đã kích hoạt"),
             ("sims_refused", "SIM bị từ chối"), ("errors", "Lỗi"),
             ("replies", "Thư đã trả lời"), ("closed", "Hồ sơ đã xong")]
    hours = [("reply_median_s", "Trả lời đầu tiên: trung vị (giờ)"),
             ("reply_p90_s", "Trả lời đầu tiên: 90% (giờ)"),
             ("done_median_s", "Xử lý xong: trung vị (giờ)"),
             ("done_p90_s", "Xử lý xong: 90% (giờ)")]
    for name, w in want.items():
        r = xl.get(name)
        if r is None:
            continue
        for k, h in pairs:
            if r[col[h]] != w[k]:
                bad.append("xlsx %s %s: %r != %r" % (name, h, r[col[h]],
                                                     w[k]))
        for k, h in hours:
            x = r[col[h]]
            if w[k] is None:
                if x is not None:
                    bad.append("xlsx %s %s: %r, none expected" % (name, h,
                                                                  x))
            elif x is None or abs(x * 3600 - w[k]) > 1:
                bad.append("xlsx %s %s: %r h != %r s" % (name, h, x, w[k]))
    # the open cases' times in the office's zone (the suite's, +07), as
    # the text and html reports give them, never UTC (trial 2); a date
    # and time a spreadsheet sorts, not text (trial 3)
    ws = book["Hồ sơ đang mở"]
    table = list(ws.iter_rows(values_only=True))
    if table and table[0][4] != "Mở lúc":
        bad.append("xlsx open cases: column E is %r" % (table[0][4],))
    office = datetime.timezone(datetime.timedelta(hours=7))
    opened = {c["number"]: datetime.datetime.fromisoformat(
        c["opened_at"].replace("Z", "+00:00")).astimezone(office).replace(
            tzinfo=None) for c in rep.get("open_cases", [])}
    for r in table[1:]:
        if r[0] is None:
            continue
        if not isinstance(r[4], datetime.datetime):
            bad.append("xlsx open case %s opened %r, not a date" %
                       (r[0], r[4]))
        elif r[4] != opened.get(r[0]):
            bad.append("xlsx open case %s opened %r, not office time %r" %
                       (r[0], r[4], opened.get(r[0])))
    for b in bad:
        print(b)
    if bad:
        return 1
    print("readback: %d rows agree" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
