#!/usr/bin/python3
"""burst5.py OUT TAG N [PADKB] [DOC]: N messages, each from its own gmail
sender (so the per-sender reply cap never applies), each with its own
Message-ID <TAG.I@burst5.test>, subject "... TAG-I"; DOC (a file) is
attached to each; PADKB adds a random .pdf-named blob of that size (for
filling a disk). Written to OUT/TAG-III.eml."""
import os, sys, email.utils
from email.message import EmailMessage
out, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
pad = int(sys.argv[4]) if len(sys.argv) > 4 else 0
doc = sys.argv[5] if len(sys.argv) > 5 else None
os.makedirs(out, exist_ok=True)
for i in range(1, n + 1):
    m = EmailMessage()
    m["From"] = f"Nguyễn Văn {tag.upper()} <b5{tag}{i:03d}@gmail.com>"
    m["To"] = "HotroCKS@quangngai.dcs.vn"
    m["Subject"] = f"Đề nghị kích hoạt SIM ký số {tag}-{i}"
    m["Date"] = email.utils.formatdate(localtime=True)
    m["Message-ID"] = f"<{tag}.{i}@burst5.test>"
    m.set_content(f"Kính gửi Văn phòng Tỉnh ủy,\nĐề nghị kích hoạt SIM ký số, thư số {tag}-{i}.\nTrân trọng.\n")
    if doc:
        with open(doc, "rb") as f:
            m.add_attachment(f.read(), maintype="application", subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=os.path.basename(doc))
    if pad:
        m.add_attachment(os.urandom(pad * 1024), maintype="application", subtype="pdf", filename=f"phu-luc-{i}.pdf")
    with open(f"{out}/{tag}-{i:03d}.eml", "wb") as f:
        f.write(bytes(m))
