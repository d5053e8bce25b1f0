#!/usr/bin/python3
# check-samples.py: runs make-samples.py twice and checks that the output is
# byte-identical, that every .eml parses without MIME defects, that each
# attachment is a readable OOXML package of well-formed XML or a sound
# BIFF8 workbook in a compound file (read here by a reader of its own), and
# that the messages agree with expected.json. Standard library only; writes
# only to a temporary directory.

import email
import email.policy
import filecmp
import io
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import xml.dom.minidom
import xml.sax.saxutils

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True      # nothing written beside the sources
sys.path.insert(0, HERE)
from docgen import luhn_ok, tcvn3, vni  # noqa: E402


def documents(msg):
    out = []
    for part in msg.walk():
        fn = part.get_filename()
        if fn and fn.lower().endswith((".docx", ".xlsx", ".xls")):
            out.append((fn, part.get_payload(decode=True)))
    return out


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


# --- A compound file (MS-CFB) and the BIFF8 records in its Workbook. -------

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENDOFCHAIN, FREESECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF


def cfb_streams(data):
    """{name: bytes} of the streams under the root, found by walking the
    root's red-black tree; raises ValueError on anything unsound."""
    if data[:8] != CFB_MAGIC:
        raise ValueError("no compound file signature")
    (minor, major, order, shift, mshift) = struct.unpack_from("<5H", data,
                                                              0x18)
    if (major, order, shift, mshift) != (3, 0xFFFE, 9, 6):
        raise ValueError("not a v3 file of 512-byte sectors")
    (_, nfat, dir1, _, cutoff, mfat1, nmfat, difat1,
     ndifat) = struct.unpack_from("<9I", data, 0x28)
    if cutoff != 4096 or difat1 != ENDOFCHAIN or ndifat != 0:
        raise ValueError("unexpected cutoff or DIFAT")
    if (len(data) - 512) % 512:
        raise ValueError("file is not whole sectors")
    nsect = (len(data) - 512) // 512
    difat = struct.unpack_from("<109I", data, 0x4C)
    fat = []
    for k in range(nfat):
        sid = difat[k]
        if sid >= nsect:
            raise ValueError("FAT sector out of range")
        fat.extend(struct.unpack_from("<128I", data, 512 + sid * 512))
    for k in range(nfat):
        if fat[difat[k]] != 0xFFFFFFFD:
            raise ValueError("FAT sector not marked FATSECT")

    def chain(first, table, limit):
        out, seen = [], set()
        sid = first
        while sid != ENDOFCHAIN:
            if sid >= limit or sid in seen:
                raise ValueError("broken chain at %d" % sid)
            seen.add(sid)
            out.append(sid)
            sid = table[sid]
        return out

    def read(first, size):
        raw = b"".join(data[512 + s * 512:1024 + s * 512]
                       for s in chain(first, fat, nsect))
        if len(raw) < size:
            raise ValueError("stream shorter than its size")
        return raw[:size]

    dirs = read(dir1, len(chain(dir1, fat, nsect)) * 512)
    entries = []
    for off in range(0, len(dirs), 128):
        e = dirs[off:off + 128]
        nlen, kind, color = struct.unpack_from("<HBB", e, 0x40)
        left, right, child = struct.unpack_from("<3I", e, 0x44)
        start, size = struct.unpack_from("<IQ", e, 0x74)
        name = e[:max(0, nlen - 2)].decode("utf-16-le")
        entries.append((name, kind, color, left, right, child, start, size))
    root = entries[0]
    if root[1] != 5:
        raise ValueError("entry 0 is not the root")
    ministream = read(root[6], root[7]) if root[7] else b""
    minifat = []
    if nmfat:
        mf = read(mfat1, nmfat * 512)
        minifat = list(struct.unpack("<%dI" % (len(mf) // 4), mf))
    streams, todo, seen = {}, [root[5]], set()
    while todo:
        i = todo.pop()
        if i == NOSTREAM:
            continue
        if i in seen or i >= len(entries):
            raise ValueError("directory tree loops or overruns")
        seen.add(i)
        name, kind, color, left, right, child, start, size = entries[i]
        for side, cmp in ((left, -1), (right, 1)):
            if side != NOSTREAM:
                other = entries[side][0]
                key = (len(other), other.upper()) > (len(name), name.upper())
                if key != (cmp > 0):
                    raise ValueError("siblings out of order at %r" % name)
                if color == 0 and entries[side][2] == 0:
                    raise ValueError("red node with a red child")
        todo += [left, right]
        if kind != 2:
            continue
        if size >= cutoff:
            streams[name] = read(start, size)
        else:
            n = (size + 63) // 64
            sids = chain(start, minifat, len(minifat)) if n else []
            if len(sids) != n:
                raise ValueError("mini chain length of %r" % name)
            streams[name] = b"".join(ministream[s * 64:s * 64 + 64]
                                     for s in sids)[:size]
    return streams


def biff_records(stream, pos):
    """(type, data, offset) from pos up to and including the next EOF."""
    out = []
    while True:
        if pos + 4 > len(stream):
            raise ValueError("substream runs past the stream")
        rtype, n = struct.unpack_from("<HH", stream, pos)
        if n > 8224:
            raise ValueError("record 0x%04x of %d bytes" % (rtype, n))
        out.append((rtype, stream[pos + 4:pos + 4 + n], pos))
        pos += 4 + n
        if rtype == 0x000A:
            return out


def sst_strings(recs, k):
    """The strings of the SST at recs[k] and its CONTINUE records; checks
    the EXTSST offsets that follow."""
    parts = [recs[k]]
    j = k + 1
    while recs[j][0] == 0x003C:
        parts.append(recs[j])
        j += 1
    total, unique = struct.unpack_from("<II", parts[0][1], 0)
    strings, starts = [], []
    ri, pos = 0, 8

    def need(n):
        nonlocal ri, pos
        if pos + n > len(parts[ri][1]):
            raise ValueError("SST header split over records")

    for _ in range(unique):
        if pos == len(parts[ri][1]):
            ri, pos = ri + 1, 0
        need(3)
        starts.append((parts[ri][2] + 4 + pos, 4 + pos))
        cch, flags = struct.unpack_from("<HB", parts[ri][1], pos)
        if flags & 0x0C:
            raise ValueError("rich or extended string not expected")
        pos += 3
        wide, chars = flags & 1, []
        left = cch
        while left:
            if pos == len(parts[ri][1]):
                ri, pos = ri + 1, 0
                wide = parts[ri][1][0] & 1
                pos = 1
            unit = 2 if wide else 1
            take = min(left, (len(parts[ri][1]) - pos) // unit)
            if take == 0:
                raise ValueError("character split over records")
            raw = parts[ri][1][pos:pos + take * unit]
            chars.append(raw.decode("utf-16-le" if wide else "latin-1"))
            pos += take * unit
            left -= take
        strings.append("".join(chars))
    if ri != len(parts) - 1 or pos != len(parts[ri][1]):
        raise ValueError("SST has bytes after its strings")
    if recs[j][0] != 0x00FF:
        raise ValueError("no EXTSST after the SST")
    ext = recs[j][1]
    dsst = struct.unpack_from("<H", ext, 0)[0]
    buckets = [struct.unpack_from("<IH", ext, 2 + 8 * b)
               for b in range((len(ext) - 2) // 8)]
    if dsst < 8 or buckets != [starts[i] for i in range(0, unique, dsst)]:
        raise ValueError("EXTSST offsets do not point at the strings")
    return total, strings


def xls_read(data):
    """Sheets of a BIFF8 .xls as [(name, {(row, col): value}, merges)],
    with everything structural checked on the way."""
    streams = cfb_streams(data)
    wb = streams.get("Workbook")
    if wb is None:
        raise ValueError("no Workbook stream")
    recs = biff_records(wb, 0)
    types = [r[0] for r in recs]
    bof = struct.unpack_from("<HH", recs[0][1], 0)
    if types[0] != 0x0809 or bof != (0x0600, 0x0005):
        raise ValueError("globals do not open with a BIFF8 BOF")
    cp = [struct.unpack("<H", d)[0] for t, d, _ in recs if t == 0x0042]
    if cp != [1200]:
        raise ValueError("CODEPAGE is not 1200")
    for need in (0x003D, 0x0031, 0x00E0, 0x0085, 0x00FC, 0x00FF):
        if need not in types:
            raise ValueError("globals lack record 0x%04x" % need)
    xfs = [struct.unpack_from("<HHH", d, 0) for t, d, _ in recs
           if t == 0x00E0]
    style_xfs = sum(1 for _, _, f in xfs if f & 4)
    if style_xfs < 16 or len(xfs) == style_xfs:
        raise ValueError("XF table: %d style XFs of %d" % (style_xfs,
                                                           len(xfs)))
    total, strings = sst_strings(recs, types.index(0x00FC))
    refs = 0
    sheets = []
    for t, d, _ in recs:
        if t != 0x0085:
            continue
        at, _, _, cch, hi = struct.unpack_from("<IBBBB", d, 0)
        name = d[8:8 + cch * (2 if hi else 1)].decode(
            "utf-16-le" if hi else "latin-1")
        srecs = biff_records(wb, at)
        if struct.unpack_from("<HH", srecs[0][1], 0) != (0x0600, 0x0010):
            raise ValueError("sheet %r does not open with a BOF" % name)
        dims = [struct.unpack_from("<IIHH", d2, 0) for t2, d2, _ in srecs
                if t2 == 0x0200]
        if len(dims) != 1:
            raise ValueError("sheet %r: no DIMENSIONS" % name)
        r0, r1, c0, c1 = dims[0]
        cells, merges = {}, []
        for t2, d2, _ in srecs:
            if t2 in (0x00FD, 0x0203, 0x0201):
                r, c, xf = struct.unpack_from("<HHH", d2, 0)
                if not (r0 <= r < r1 and c0 <= c < c1) or xf >= len(xfs):
                    raise ValueError("sheet %r: cell out of range" % name)
                if t2 == 0x00FD:
                    cells[(r, c)] = strings[struct.unpack_from("<I", d2,
                                                               6)[0]]
                    refs += 1
                elif t2 == 0x0203:
                    cells[(r, c)] = struct.unpack_from("<d", d2, 6)[0]
            elif t2 == 0x00E5:
                n = struct.unpack_from("<H", d2, 0)[0]
                merges += [struct.unpack_from("<4H", d2, 2 + 8 * k)
                           for k in range(n)]
        sheets.append((name, cells, merges))
    if refs != total:
        raise ValueError("SST counts %d references, cells make %d"
                         % (total, refs))
    return sheets


def ooxml_text(z):
    """The text of a DOCX's paragraphs or an XLSX's strings, normalised."""
    out = []
    for part in z.namelist():
        if not part.endswith(".xml"):
            continue
        x = z.read(part).decode("utf-8")
        for unit in re.findall(r"<w:p[ >].*?</w:p>|<si>.*?</si>|<is>.*?</is>",
                               x, re.S):
            t = "".join(re.findall(r"<(?:w:)?t(?: [^>]*)?>([^<]*)</", unit))
            out.append(norm(xml.sax.saxutils.unescape(
                t, {"&quot;": '"', "&apos;": "'"})))
    return "\n".join(out)


def check_document(name, fn, data, d, failures):
    """Structure of one attachment, judged by its bytes; returns its text
    (one normalised line per paragraph, shared string or cell)."""
    is_zip, is_cfb = data[:4] == b"PK\3\4", data[:8] == CFB_MAGIC
    fmt = d.get("format")
    if (fmt == "xls") != is_cfb or (fmt in ("docx", "xlsx")) != is_zip:
        failures.append("%s: %s: bytes do not make a %s" % (name, fn, fmt))
    if is_cfb:
        try:
            sheets = xls_read(data)
        except (ValueError, struct.error, IndexError,
                UnicodeDecodeError) as e:
            failures.append("%s: %s: %s" % (name, fn, e))
            return ""
        return "\n".join(norm(v) for _, cells, _ in sheets
                         for _, v in sorted(cells.items())
                         if isinstance(v, str))
    z = zipfile.ZipFile(io.BytesIO(data))
    if z.testzip() is not None:
        failures.append("%s: %s: bad CRC" % (name, fn))
    names = z.namelist()
    if names[0] != "[Content_Types].xml":
        failures.append("%s: %s: content types not first" % (name, fn))
    for part in names:
        try:
            xml.dom.minidom.parseString(z.read(part))
        except Exception as e:     # any parse error is a failure
            failures.append("%s: %s: %s: %s" % (name, fn, part, e))
    return ooxml_text(z)


def is_phone(p):
    return len(p) == 11 and p.startswith("84") and p.isdigit()


def check_rows(name, d, text, failures):
    """Expected rows and fields are in normal form, sound where clean, and
    each subscriber's name is in the document."""
    kind = d["kind"]
    for r in d["rows"]:
        where = "%s: row %d" % (name, r["index"])
        for k in ("name", "position"):
            v = r[k]
            if v is not None and v != norm(v):
                failures.append("%s %s not normal" % (where, k))
        # a document typed in a legacy font holds its names in its bytes
        names = {r["name"]}
        for enc in (tcvn3, vni):
            if r["name"] and "legacy_encoding" in d["warnings"]:
                try:
                    names.add(enc(r["name"])[1])
                except AssertionError:      # no such letter in that font
                    pass
        if r["name"] and not any(n in text for n in names):
            failures.append("%s name %s not in %s" % (where, r["name"],
                                                      d["filename"]))
        phone = r.get("phone")
        if (kind == "sim_activation" or phone is not None) and not (
                phone and is_phone(phone)):
            failures.append("%s phone %s" % (where, phone))
        if r["errors"]:
            continue
        c = r.get("iccid")
        if kind == "sim_activation" or r.get("device_type") == "sim":
            if not (c and 19 <= len(c) <= 20 and c.startswith("8984")
                    and luhn_ok(c)):
                failures.append("%s iccid %s" % (where, c))
        if kind.endswith("_recovery"):
            serial = r.get("device_serial")
            # the number as the unit wrote it, spaces and all (sample 17
            # groups its ICCID); the ICCID is its digits
            if not serial or serial.replace(" ", "") not in \
                    text.replace(" ", ""):
                failures.append("%s device %s" % (where, serial))
            if r.get("device_type") == "sim" and \
                    re.sub(r"\D", "", serial or "") != c:
                failures.append("%s SIM device is not its ICCID" % where)
    f = d.get("fields")
    if kind in ("etoken_recovery", "sim_recovery") and f is None:
        failures.append("%s: recovery document without fields" % name)
    if f and f["coordinator_phone"] is not None:
        if not is_phone(f["coordinator_phone"]):
            failures.append("%s: coordinator phone %s"
                            % (name, f["coordinator_phone"]))
        for k in ("coordinator_name", "coordinator_email"):
            if not f[k] or f[k] not in text:
                failures.append("%s: %s %s not in the document"
                                % (name, k, f[k]))


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
        # a list in the HTML body is a document with no attachment
        edocs = [d for d in exp.get("documents", []) if d["format"] != "body"]
        bdocs = [d for d in exp.get("documents", []) if d["format"] == "body"]
        if [d[0] for d in docs] != [d["filename"] for d in edocs]:
            failures.append("%s: attachments %r" % (name,
                                                    [d[0] for d in docs]))
        texts = []
        for (fn, data), d in zip(docs, edocs):
            texts.append(check_document(name, fn, data, d, failures))
        for d, text in zip(edocs, texts):
            check_rows(name, d, text, failures)
        for d in bdocs:
            page = msg.get_body(preferencelist=("html",))
            if docs or page is None:
                failures.append("%s: a body list beside attachments, or "
                                "no HTML body" % name)
                continue
            check_rows(name, d, norm(page.get_content()), failures)
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
