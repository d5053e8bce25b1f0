#!/bin/sh
# month3.sh: the third trial (findings3.md), a working month of the office
# with the clock really moving: hotrocks runs under libfaketime (clock3.sh),
# Dovecot and Postfix on the real clock. The steps as they were run on
# 2026-12-03; each `sleep 21` lets `run` (poll_interval 20 s) deliver.
#   T=/tmp/e2e3 sh tests/e2e/month3.sh        (from the worktree)
set -u
REPO=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
T=${T:-/tmp/e2e3}
export T REPO
mkdir -p $T
H=$REPO/build/hotrocks
sh $REPO/tests/e2e/servers.sh start $T/s
sh $REPO/tests/e2e/pki.sh $T/pki >/dev/null
/usr/bin/python3 $REPO/tests/e2e/docs.py $T/docs >/dev/null
sh $REPO/tests/e2e/sign.sh $H $T/pki $T/docs || true     # no soffice here: no MTTQ PDF
/usr/bin/python3 $REPO/tests/e2e/docs3.py $T/docs
for f in "DS SIM dot 2 - HU Binh Son.xlsx:binhson" "DS SIM dot 3 - HU Binh Son.xlsx:binhson" \
    "DS SIM dot 2 - HU Son Tinh.docx:sontinh" "DS SIM dot 3 - HU Son Tinh.docx:sontinh" \
    "DS SIM - HU Ly Son.docx:lyson" "DS SIM 2027 - HU Ly Son.docx:lyson" \
    "DS SIM - TU Duc Pho.docx:ducpho" "DS SIM dot 2 - BTG.docx:btg" \
    "DS SIM dot 19 - HU Son Tinh.docx:sontinh" "DS SIM dot 20 - HU Son Tinh.docx:sontinh" \
    "DS SIM dot 21 - HU Son Tinh.docx:sontinh" "DS SIM dot 22 - HU Son Tinh.docx:sontinh" \
    "DS SIM dot 23 - HU Son Tinh.docx:sontinh" "DS SIM dot 24 - HU Son Tinh.docx:sontinh"; do
	n=${f%:*} k=${f##*:}
	$H sign --key $T/pki/$k.key.pem --cert $T/pki/$k.pem --chain $T/pki/chain.pem \
	    "$T/docs/$n" "$T/docs/$n.tmp" && mv "$T/docs/$n.tmp" "$T/docs/$n"
done
sh $REPO/tests/e2e/conf.sh $REPO $T/s $T/pki $T/hr.conf
sed -i 's/^archive_keep_days = 0/archive_keep_days = 14/
s/^max_replies_per_sender_per_day = 10/max_replies_per_sender_per_day = 3/' $T/hr.conf
. $REPO/tests/e2e/clock3.sh

# Mon 07/12: seven letters; the daily forward; approved at 16:10
clock 2026-12-07T01:20:00Z; hr units import $REPO/tests/e2e/units.csv; startrun
mail d1 2026-12-07T01:10:00Z; sleep 21
clock 2026-12-07T09:01:00Z; nudge; hr forward list
clock 2026-12-07T09:10:00Z; hr forward show 1; hr forward approve 1; sleep 21
# Tue 08/12: case wait; the Cục answers; Sơn Tịnh's burst over the cap (3)
clock 2026-12-08T02:00:00Z
hr case wait HT-2026-000003 --note "Đề nghị đơn vị cho biết số điện thoại người phối hợp" --by nga
mail d2cuc 2026-12-08T01:45:00Z; mail d2cap 2026-12-08T01:50:00Z; sleep 21
clock 2026-12-08T02:30:00Z
hr case rows HT-2026-000001 --set activated --rows 1-3 --note "Cục đã kích hoạt" --by nga
hr case rows HT-2026-000001 --set refused --rows 4 --note "Cục: không đủ điều kiện" --by nga
hr case rows HT-2026-000002 --set activated --note "Cục đã kích hoạt" --by nga; sleep 21
mail d2out 2026-12-08T03:05:00Z; sleep 21   # (in the trial: before Postfix really stopped)
# Postfix down from 14:00 until the next morning: deferrals over hours
sh $REPO/tests/servers/postfix.sh stop $T/s
clock 2026-12-08T07:00:00Z; rm -rf $T/m/d2out; mail d2out 2026-12-08T06:55:00Z; sleep 21
for t in 07:07 07:20 07:45 08:30 10:00 13:00; do
	clock 2026-12-08T$t:00Z; sleep 21; hr outbox --state deferred
done
nudge; hr forward list                      # the day's forward, built on a pass
postfix -c $T/s/pf/etc start
clock 2026-12-09T00:30:00Z; sleep 21; hr send
# Wed 09/12: yesterday's held forward approved; 25 h after the burst
clock 2026-12-09T01:30:00Z; hr forward approve 2; sleep 21
clock 2026-12-09T03:35:00Z; mail d3 2026-12-09T03:30:00Z; sleep 21
clock 2026-12-09T06:40:00Z; sleep 21
# Sat 12/12: a list, the Saturday forward; run stopped; Sunday mail; Monday restart
clock 2026-12-12T02:05:00Z; mail sat 2026-12-12T02:00:00Z; sleep 21
clock 2026-12-12T09:05:00Z; nudge; hr forward list
clock 2026-12-12T10:00:00Z; stoprun
clock 2026-12-13T03:05:00Z; mail sun 2026-12-13T03:00:00Z
clock 2026-12-14T01:00:00Z; startrun; sleep 5
clock 2026-12-14T01:30:00Z; hr forward approve 3
clock 2026-12-14T02:10:00Z; mail mon2 2026-12-14T02:00:00Z; sleep 21
hr cases --flagged; hr case show HT-2026-000003
# Wed 16/12 .. Mon 21/12
clock 2026-12-16T02:10:00Z; mail wed2 2026-12-16T02:00:00Z; sleep 21
clock 2026-12-16T09:01:00Z; nudge
clock 2026-12-16T09:10:00Z; hr forward approve --all; sleep 21
clock 2026-12-18T02:30:00Z; mail cuc2 2026-12-18T02:00:00Z
clock 2026-12-18T02:40:00Z
for c in 06 07 08 11 12 13; do
	hr case rows HT-2026-0000$c --set activated --note "Cục đã kích hoạt" --by nga
done
hr case done HT-2026-000004 --note "Đã tiếp nhận báo cáo" --by nga
hr case done HT-2026-000005 --note "Đã trả lời qua điện thoại" --by nga
hr case reopen HT-2026-000003 --note "Đơn vị đã gửi SĐT" --by nga
hr case unflag HT-2026-000003 --by nga; sleep 21
clock 2026-12-21T03:00:00Z; hr case done HT-2026-000003 --note "Đã mở khóa eToken" --by nga; sleep 21
# The year boundary: 31/12 23:30, 01/01 00:30, 02/01 06:20 office time
clock 2026-12-31T16:35:00Z; mail eve 2026-12-31T16:30:00Z; sleep 21
clock 2026-12-31T17:35:00Z; mail newyear 2026-12-31T17:30:00Z; sleep 21
hr cases; hr cases --since 2027-01-01; hr cases --since 2026-12-31 --until 2026-12-31
clock 2027-01-01T23:30:00Z; mail jan2 2027-01-01T23:20:00Z; sleep 21; nudge
hr cases --since 2027-01-01 --until 2027-01-01
clock 2027-01-02T09:05:00Z; nudge; hr forward list
# Mon 04/01: the CRL is past its nextUpdate; prune; approve; reports
clock 2027-01-04T01:10:00Z; hr check-config --offline
mail jan4 2027-01-04T01:00:00Z; sleep 21
clock 2027-01-04T01:30:00Z; hr forward approve --all
hr audit prune --by nga; hr audit verify
hr report --from 2026-12-07 --to 2026-12-13 > $T/report-week.txt
hr report --from 2026-12-01 --to 2026-12-31 > $T/report-month.txt
hr report --from 2026-12-01 --to 2026-12-31 --format json > $T/report-month.json
hr report --from 2026-12-01 --to 2026-12-31 --format xlsx -o $T/report-month.xlsx
hr report --html $T/report-month.html --from 2026-12-01 --to 2026-12-31
# Postfix down five days: max_age
sh $REPO/tests/servers/postfix.sh stop $T/s
clock 2027-01-05T02:10:00Z; mail jan5 2027-01-05T02:00:00Z; sleep 21; stoprun
clock 2027-01-10T03:00:00Z; startrun; sleep 8
hr outbox --state failed; hr cases --state review
postfix -c $T/s/pf/etc start
hr outbox retry 38 --by nga; hr outbox retry 39 --by nga; sleep 21; hr status
stoprun
