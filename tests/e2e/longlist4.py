#!/usr/bin/python3
"""longlist4.py make DOCS OUT [N] | mail DOCS OUT [N] | check MAILHOME DOCS

make: a Phụ lục 3 list of N (6,000) rows from Huyện ủy Sơn Tịnh as an
XLSX (DOCS/DS kich hoat SIM 6000 - HU Son Tinh.xlsx, sign it with
sign.sh's `hotrocks sign` before mailing) and DOCS/longlist4.json, what
the unit typed and what hotrocks should make of it (phone 84…, ICCID),
and (mail, once signed) OUT/01-longlist.eml sent from Outlook as
mail.py shapes it.
Phones are typed in the ways DOMAIN.md lists; names repeat as real names
do, except the rows named in longlist4.json "probe" (one unique name, one
phone) that the trial searches for.

check: reads every message in the unit's and the Cục's Maildirs as a mail
client does (email package), prints the text of each, opens every
attached workbook with openpyxl and compares its rows with what was sent:
each sent row present exactly once with its phone, ICCID and name."""
import email, email.policy, glob, io, json, os, sys
import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
FILE = "DS kich hoat SIM 6000 - HU Son Tinh.xlsx"
HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng",
      "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương"]
DEM = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Thu",
       "Xuân", "Công", "Bích"]
TEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Hương", "Khánh",
       "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm",
       "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến", "Ánh", "Đạt"]
POS = ["Bí thư Đảng ủy xã", "Phó Bí thư Đảng ủy xã", "Trưởng Ban Tổ chức Huyện ủy",
       "Phó Trưởng Ban Tuyên giáo Huyện ủy", "Chánh Văn phòng Huyện ủy",
       "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", "Phó Bí thư Thường trực Huyện ủy"]
# carrier: (phone prefixes, ICCID issuer)
CARR = [(["096", "097", "098", "086", "032", "035", "038"], "04"),
        (["091", "094", "081", "083", "085", "088"], "02"),
        (["090", "093", "070", "077", "079", "089"], "01")]
PROBE_NAME = "Lưu Thị Thanh Xuyến"      # unique in the list, row 4321
PROBE_ROW_PHONE = 5999
BASE = int(os.environ.get("LL_BASE", "0"))   # another list: other SIMs
if BASE:
    FILE = FILE.replace("6000", "6000 dot 2")
    PROBE_NAME = "Tạ Thị Thùy Dương"


def luhn(s):
    t = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        t += d
    return str((10 - t % 10) % 10)


def typed(p, i):
    """0983415276 typed as units type it."""
    k = i % 5
    if k == 0:
        return p
    if k == 1:
        return f"{p[:4]} {p[4:7]} {p[7:]}"
    if k == 2:
        return f"{p[:4]}.{p[4:7]}.{p[7:]}"
    if k == 3:
        return f"+84 {p[1:4]} {p[4:7]} {p[7:]}"
    return p[1:]                        # leading zero dropped, as text


def make(docs, out, n):
    os.makedirs(docs, exist_ok=True)
    rows = []
    for i in range(1, n + 1):
        pref, iss = CARR[i % 3]
        p = pref[i % len(pref)] + "%07d" % (1000000 + (i + BASE) * 131 % 8999999)
        body = "8984" + iss + "%012d" % (700000000 + i + BASE)
        ic = body + luhn(body)
        nm = f"{HO[i % len(HO)]} {DEM[(i // 7) % len(DEM)]} {TEN[(i * 5) % len(TEN)]}"
        if i == 4321:
            nm = PROBE_NAME
        rows.append({"row": i, "typed": typed(p, i), "phone": "84" + p[1:],
                     "iccid": ic, "name": nm, "position": POS[i % len(POS)]})
    assert len({r["phone"] for r in rows}) == n
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 3"
    ws["A1"] = "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
    ws["D1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
    ws["A2"] = "HUYỆN ỦY SƠN TỊNH"
    ws["D2"] = "Sơn Tịnh, ngày 03 tháng 12 năm 2026"
    ws["A4"] = "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"
    ws["A5"] = "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
    ws.append([])
    ws.append(["TT", "Số điện thoại", "Số ICCID", "Họ và tên người dùng", "Chức vụ"])
    for r in rows:
        ws.append([r["row"], r["typed"], r["iccid"], r["name"], r["position"]])
    wb.save(os.path.join(docs, FILE))
    probe = {"name": PROBE_NAME, "name_row": 4321,
             "phone_row": PROBE_ROW_PHONE,
             "phone_typed": rows[PROBE_ROW_PHONE - 1]["typed"],
             "phone": rows[PROBE_ROW_PHONE - 1]["phone"]}
    json.dump({"rows": rows, "probe": probe}, open(os.path.join(docs, "longlist4.json"), "w"),
              ensure_ascii=False, indent=0)
    print(json.dumps(probe, ensure_ascii=False))


def mailit(docs, out, n):
    import mail
    mail.setup(["x", "longlist", docs, out])
    mail.msg("longlist", "Văn phòng Huyện ủy Sơn Tịnh <vanphong.sontinh@quangngai.dcs.vn>",
             f"Đề nghị kích hoạt {n} SIM ký số - Huyện ủy Sơn Tịnh",
             "Kính gửi Văn phòng Tỉnh ủy,\nHuyện ủy Sơn Tịnh gửi danh sách đề nghị "
             f"kích hoạt {n} SIM ký số (file đính kèm, đã ký số).\nTrân trọng."
             + mail.SIG_ST, [FILE])


def norm_phone(v):
    d = "".join(c for c in str(v) if c.isdigit())
    if d.startswith("84") and len(d) == 11:
        return d
    if d.startswith("0") and len(d) == 10:
        return "84" + d[1:]
    if len(d) == 9:
        return "84" + d
    return d


def sheet_rows(data):
    """Every row of every sheet with a 19-20 digit ICCID-looking cell."""
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    got = []
    for ws in wb.worksheets:
        hdr = None
        for vals in ws.iter_rows(values_only=True):
            vals = ["" if v is None else str(v) for v in vals]
            if hdr is None and any("ICCID" in v for v in vals):
                hdr = vals
                continue
            if hdr:
                got.append((ws.title, dict(zip(hdr, vals))))
    return got


def col(hdr_row, *keys):
    for k in hdr_row:
        if any(x.lower() in k.lower() for x in keys):
            return k
    return None


def check(home, docs, outcsv=None):
    sent = json.load(open(os.path.join(docs, "longlist4.json")))["rows"]
    by_iccid = {r["iccid"]: r for r in sent}
    for user in ("vanphong.sontinh", "ca"):
        files = [f for f in glob.glob(f"{home}/{user}/Maildir/**/*", recursive=True)
                 if os.path.isfile(f) and ("/new/" in f or "/cur/" in f)]
        for f in sorted(files, key=os.path.getmtime):
            m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
            print(f"===== {user}: {m['Subject']}")
            print(f"  From: {m['From']}  To: {m['To']}  Date: {m['Date']}  size {os.path.getsize(f)} B")
            b = m.get_body(("plain",))
            text = b.get_content() if b else ""
            print(f"  text: {len(text.splitlines())} lines, {len(text)} chars")
            print("  | " + "\n  | ".join(text.splitlines()[:60]))
            if len(text.splitlines()) > 60:
                print("  | … (%d more lines)" % (len(text.splitlines()) - 60))
            hit = sum(1 for r in sent if r["iccid"] in text)
            print(f"  text names {hit} of {len(sent)} sent ICCIDs")
            for p in m.walk():
                fn = p.get_filename()
                if not fn:
                    continue
                data = p.get_payload(decode=True) or b""
                print(f"  attach: {fn} ({p.get_content_type()}, {len(data)} B)")
                if not fn.lower().endswith(".xlsx"):
                    continue
                got = sheet_rows(data)
                seen = {}
                bad = []
                for sheet, r in got:
                    k = list(r)
                    ic = r.get(col(k, "ICCID"), "")
                    icd = "".join(c for c in ic if c.isdigit())
                    if icd not in by_iccid:
                        continue
                    seen[icd] = seen.get(icd, 0) + 1
                    s = by_iccid[icd]
                    ph = norm_phone(r.get(col(k, "điện thoại", "phone"), ""))
                    nm = r.get(col(k, "Họ và tên", "name"), "").strip()
                    if ph != s["phone"] or nm != s["name"]:
                        bad.append((s["row"], ph, nm, s["phone"], s["name"]))
                missing = [r["row"] for r in sent if r["iccid"] not in seen]
                twice = [by_iccid[k]["row"] for k, v in seen.items() if v > 1]
                print(f"    workbook: {len(got)} table rows; {len(seen)} of {len(sent)} sent rows found; "
                      f"missing {len(missing)} {missing[:10]}; more than once {len(twice)} {twice[:10]}; "
                      f"wrong phone/name {len(bad)} {bad[:3]}")
                if got:
                    print(f"    header: {list(got[0][1])}")
                    print(f"    first: {got[0][1]}")
                    print(f"    last:  {got[-1][1]}")


if __name__ == "__main__":
    if sys.argv[1] == "mail":
        mailit(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 6000)
    elif sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 6000)
    else:
        check(sys.argv[2], sys.argv[3])
