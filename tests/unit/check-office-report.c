/* check-office-report.c: hotrocks report over a store filled by ingesting
 * the sample mail at fixed times: the figures per unit and in total, the
 * period's edges in office time, the CSV and XLSX read back, and the HTML
 * page opened in headless Chromium. The builder's arithmetic is also
 * tested alone, on rows written here.
 *
 * Until `case rows --set` and `case done` write them (branch flow), the
 * row states and closing times are set by plain SQL UPDATEs: see
 * work_cases(). */
#include <sys/stat.h>
#include <sys/wait.h>
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "intake/office-report.h"
#include "intake/store.h"
#include "outbox/queue.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "outbox/sender.h"
#include "tests/unit/testlib.h"

#define CONF	"samples/hotrocks.conf"
#define AT	"2024-07-02T01:00:00Z"	/* the reports' "now" */

static char	*tmpdir, *db;

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	db = g_build_filename(tmpdir, "h.db", NULL);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	g_free(db);
}

static char *
sample(const char *name)
{
	return (g_build_filename(g_getenv("HOTROCKS_SAMPLES") != NULL ?
	    g_getenv("HOTROCKS_SAMPLES") : "build/samples", name, NULL));
}

static time_t
unix_of(const char *rfc3339)
{
	GDateTime	*t = g_date_time_new_from_iso8601(rfc3339, NULL);
	time_t		 u;

	ck_assert_ptr_nonnull(t);
	u = (time_t)g_date_time_to_unix(t);
	g_date_time_unref(t);
	return (u);
}

/* One sample ingested as received at `at` (its file's mtime is the
 * receipt time): it becomes the next message id. */
static void
ingest_at(const char *name, const char *at)
{
	char		*src = sample(name), *dst, *data, *out = NULL,
			*err = NULL;
	gsize		 len;
	struct utimbuf	 ut;
	int		 rc;

	dst = g_build_filename(tmpdir, name, NULL);
	ck_assert(g_file_get_contents(src, &data, &len, NULL));
	ck_assert(g_file_set_contents(dst, data, (gssize)len, NULL));
	ut.actime = ut.modtime = unix_of(at);
	ck_assert_int_eq(utime(dst, &ut), 0);
	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c", CONF, "--db", db,
	    dst, NULL);
	ck_assert_msg(rc == 0, "ingest %s: %d\n%s%s", name, rc, out, err);
	g_free(out);
	g_free(err);
	g_free(data);
	g_free(src);
	g_free(dst);
}

static void
sql(const char *fmt, ...)
{
	va_list	 ap;
	sqlite3	*h;
	char	*s, *errmsg = NULL;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_exec(h, s, NULL, NULL, &errmsg) == SQLITE_OK,
	    "%s: %s", s, errmsg);
	sqlite3_close(h);
	g_free(s);
}

/*
 * Sends message msg_id's automatic replies at `at` through the file
 * sender, as `hotrocks send` would then. Ingest stamps the queue with
 * the real clock, so the items are first made due at `at`; the queue
 * itself records sent_at.
 */
static void
send_at(int msg_id, const char *at)
{
	struct sender_settings	 set = { 0 };
	struct queue_delivery	 d = { 0 };
	struct queue_report	 r;
	struct db		*st;
	char			*cause = NULL, *dir;
	void			*s;

	sql("UPDATE outbox SET next_attempt_at = CASE WHEN msg_id = %d"
	    " THEN '%s' ELSE '9999-12-31T00:00:00Z' END"
	    " WHERE state = 'queued'", msg_id, at);
	dir = g_build_filename(tmpdir, "sent", NULL);
	set.dir = dir;
	s = sender_file.open(&set, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	d.sender = &sender_file;
	d.state = s;
	d.env_from = "hotrocks@quangngai.dcs.vn";
	d.now = unix_of(at);
	ck_assert_msg(queue_deliver(st, &d, &r, &cause) == 0, "%s", cause);
	ck_assert_uint_ge(r.sent, 1);
	db_close(st);
	sender_file.close(s);
	g_free(dir);
}

/* Row states and closings, as staff will set them with `case rows
 * --set` and `case done` (plain SQL until branch flow lands). */
static void
work_cases(void)
{
	/* Sơn Tịnh's list (message 1, five rows), all forwarded to the Cục
	 * (its forward approved: the rows wait, pending, until then): two
	 * activated, one refused, two still with the Cục; done two days
	 * on. */
	sql("UPDATE case_rows SET state = 'activated' WHERE id IN"
	    " (SELECT r.id FROM case_rows r JOIN messages m ON"
	    " m.case_id = r.case_id WHERE m.id = 1 ORDER BY r.id LIMIT 2)");
	sql("UPDATE case_rows SET state = 'refused', state_note = 'sai"
	    " ICCID' WHERE id IN (SELECT r.id FROM case_rows r JOIN messages"
	    " m ON m.case_id = r.case_id WHERE m.id = 1 ORDER BY r.id"
	    " LIMIT 1 OFFSET 2)");
	sql("UPDATE case_rows SET state = 'forwarded' WHERE id IN"
	    " (SELECT r.id FROM case_rows r JOIN messages m ON"
	    " m.case_id = r.case_id WHERE m.id = 1 ORDER BY r.id"
	    " LIMIT 2 OFFSET 3)");
	sql("UPDATE cases SET state = 'done', updated_at ="
	    " '2024-02-07T02:00:00Z' WHERE id = (SELECT case_id FROM"
	    " messages WHERE id = 1)");
	/* Ban Tuyên giáo's list (message 2): all activated, done in 5 days.
	 * The store's trigger sets closed_at from updated_at on the move. */
	sql("UPDATE case_rows SET state = 'activated' WHERE case_id ="
	    " (SELECT case_id FROM messages WHERE id = 2)");
	sql("UPDATE cases SET state = 'done', updated_at ="
	    " '2024-02-11T02:00:00Z' WHERE id = (SELECT case_id FROM"
	    " messages WHERE id = 2)");
}

/*
 * The store every figure below is checked against. Replies after 1, 3,
 * 2, 5, 4 and 10 hours: median 3.5 h, p90 7.5 h (linear between ranks).
 * Closings after 2 and 5 days: median 3.5 days, p90 4.7 days.
 */
static void
fill(void)
{
	char	*csv;

	ingest_at("01-outlook-docx-sontinh.eml", "2024-02-05T02:00:00Z");
	ingest_at("02-thunderbird-xlsx-btg.eml", "2024-02-06T02:00:00Z");
	ingest_at("05-zimbra-docx-row-errors.eml", "2024-03-04T02:00:00Z");
	ingest_at("07-gmail-public-sender.eml", "2024-03-05T02:00:00Z");
	ingest_at("08-outlook-auto-reply.eml", "2024-03-06T02:00:00Z");
	ingest_at("15-outlook-docx-etoken-recovery.eml",
	    "2024-04-01T02:00:00Z");
	ingest_at("21-outlook-docx-cert-request-mau02.eml",
	    "2024-05-06T02:00:00Z");
	ingest_at("10-thunderbird-question-no-attachment.eml",
	    "2024-05-07T02:00:00Z");
	send_at(1, "2024-02-05T03:00:00Z");
	send_at(3, "2024-03-04T04:00:00Z");
	send_at(2, "2024-02-06T05:00:00Z");
	send_at(4, "2024-03-05T07:00:00Z");
	send_at(6, "2024-04-01T06:00:00Z");
	send_at(7, "2024-05-06T12:00:00Z");
	work_cases();
	/* The registry names one unit; the rest are named by their
	 * documents' letterhead or, failing that, their address. */
	csv = g_build_filename(tmpdir, "units.csv", NULL);
	ck_assert(g_file_set_contents(csv, "name,addresses,cert_org\n"
	    "Ban Tuyên giáo Tỉnh ủy,btg@quangngai.dcs.vn,BTG\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "units", "import", csv,
	    "-c", CONF, "--db", db, NULL), 0);
	g_free(csv);
}

/* hotrocks report with args (NULL-ended) and the common options; its
 * exit status, stdout in *out_r. */
static int
report(char **out_r, char **err_r, const char *a, const char *b,
    const char *c, const char *d, const char *e, const char *f)
{
	return (test_hotrocks(out_r, err_r, "report", "-c", CONF, "--db", db,
	    "--at", AT, a, b, c, d, e, f, NULL));
}

static JsonNode *
report_json(const char *period)
{
	char		*out = NULL, *err = NULL;
	JsonNode	*n;
	GError		*ge = NULL;

	ck_assert_int_eq(report(&out, &err, "--period", period, "--format",
	    "json", NULL, NULL), 0);
	n = json_from_string(out, &ge);
	ck_assert_msg(n != NULL, "%s: %s", out, ge ? ge->message : "");
	g_free(out);
	g_free(err);
	return (n);
}

/* A member by a dotted path of objects ("sims.activated"). */
static JsonNode *
at_path(JsonObject *o, const char *path)
{
	char		**p = g_strsplit(path, ".", 0);
	JsonNode	 *n = NULL;

	for (size_t i = 0; p[i] != NULL; i++) {
		ck_assert_msg(o != NULL && json_object_has_member(o, p[i]),
		    "no %s in %s", p[i], path);
		n = json_object_get_member(o, p[i]);
		o = JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
	}
	g_strfreev(p);
	return (n);
}

static gint64
num(JsonObject *o, const char *path)
{
	return (json_node_get_int(at_path(o, path)));
}

static JsonObject *
unit(JsonObject *root, const char *name)
{
	JsonArray *a = json_object_get_array_member(root, "units");

	for (guint i = 0; i < json_array_get_length(a); i++) {
		JsonObject *u = json_array_get_object_element(a, i);

		if (strcmp(json_object_get_string_member(u, "unit"), name) == 0)
			return (u);
	}
	ck_abort_msg("no unit %s", name);
	return (NULL);
}

/* The first column of sql's first row on db, as text (g_free). */
static char *
one_text(const char *q)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*r = NULL;

	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		r = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (r);
}

/* A message written into tmpdir as name, received at. */
static void
ingest_text_at(const char *name, const char *text, const char *at)
{
	char		*dst = g_build_filename(tmpdir, name, NULL);
	char		*out = NULL, *err = NULL;
	struct utimbuf	 ut;
	int		 rc;

	ck_assert(g_file_set_contents(dst, text, -1, NULL));
	ut.actime = ut.modtime = unix_of(at);
	ck_assert_int_eq(utime(dst, &ut), 0);
	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c", CONF, "--db", db,
	    dst, NULL);
	ck_assert_msg(rc == 0, "ingest %s: %d\n%s%s", name, rc, out, err);
	g_free(out);
	g_free(err);
	g_free(dst);
}

/* A unit's thank-you threaded into its case and the Cục's answer are
 * conversation, not requests: not a unit's message nor its error
 * (e2e finding 7). */
START_TEST(report_conversation_is_no_request)
{
	JsonNode	*n;
	JsonObject	*r, *t;
	char		*number, *text;

	ingest_at("01-outlook-docx-sontinh.eml", "2024-02-05T02:00:00Z");
	number = one_text("SELECT number FROM cases");
	text = g_strdup_printf("From: Van phong <vanphong.sontinh@quangngai"
	    ".dcs.vn>\r\nTo: HotroCKS@quangngai.dcs.vn\r\nSubject: Re: [%s] "
	    "Danh sach\r\nMessage-ID: <thanks-1@sontinh>\r\nIn-Reply-To: "
	    "<000fb173a948$cf4a99ac$e8aa4026$@quangngai.dcs.vn>\r\nDate: Tue,"
	    " 6 Feb 2024 09:00:00 +0700\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\nCảm ơn Văn "
	    "phòng.\r\n", number);
	ingest_text_at("thanks.eml", text, "2024-02-06T02:00:00Z");
	g_free(text);
	ingest_text_at("cuc.eml", "From: Cuc <ca@bcy.gov.vn>\r\nTo: "
	    "HotroCKS@quangngai.dcs.vn\r\nSubject: Ket qua\r\nMessage-ID: "
	    "<cuc-1@bcy>\r\nDate: Wed, 7 Feb 2024 09:00:00 +0700\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8"
	    "\r\n\r\nĐã kích hoạt.\r\n", "2024-02-07T02:00:00Z");
	/* the same list again, a new Message-ID: told it need not be
	 * sent, a repeat, not a rejection nor the unit's errors (trial 2,
	 * finding 7) */
	{
		char	*src = sample("01-outlook-docx-sontinh.eml"), *raw;
		char	**parts;

		ck_assert(g_file_get_contents(src, &raw, NULL, NULL));
		parts = g_strsplit(raw, "Message-ID: <", 2);
		ck_assert_uint_eq(g_strv_length(parts), 2);
		g_free(raw);
		raw = g_strjoinv("Message-ID: <again.", parts);
		ingest_text_at("again.eml", raw, "2024-02-08T02:00:00Z");
		g_strfreev(parts);
		g_free(raw);
		g_free(src);
	}
	text = one_text("SELECT count(*) FROM audit WHERE event ="
	    " 'resend_received'");
	ck_assert_str_eq(text, "1");
	g_free(text);
	text = one_text("SELECT count(*) FROM messages");
	ck_assert_str_eq(text, "4");
	g_free(text);
	n = report_json("2024H1");
	r = json_node_get_object(n);
	t = json_object_get_object_member(r, "total");
	ck_assert_int_eq(num(t, "messages"), 1);
	ck_assert_int_eq(num(r, "ignored"), 3);
	ck_assert_int_eq(num(t, "errors"), 0);
	ck_assert_int_eq(num(t, "outcomes.reject"), 0);
	json_node_unref(n);
	g_free(number);
}
END_TEST

/* A case the desk rejected holds no SIM: its rows never sent count as
 * refused with it, not as waiting to go to the Cục (trial 2, 3). */
START_TEST(report_rejected_case_rows_are_refused)
{
	JsonNode	*n;
	JsonObject	*t;

	ingest_at("01-outlook-docx-sontinh.eml", "2024-02-05T02:00:00Z");
	sql("UPDATE cases SET state = 'review'");
	sql("UPDATE cases SET state = 'rejected'");
	n = report_json("2024H1");
	t = json_object_get_object_member(json_node_get_object(n), "total");
	ck_assert_int_eq(num(t, "sims.requested"), 5);
	ck_assert_int_eq(num(t, "sims.pending"), 0);
	ck_assert_int_eq(num(t, "sims.refused"), 5);
	json_node_unref(n);
}
END_TEST

START_TEST(report_figures_of_a_known_store)
{
	JsonNode	*n;
	JsonObject	*r, *t, *u;
	JsonArray	*a;

	fill();
	n = report_json("2024H1");
	r = json_node_get_object(n);
	t = json_object_get_object_member(r, "total");
	ck_assert_str_eq(json_object_get_string_member(r, "from"),
	    "2023-12-31T17:00:00Z");
	ck_assert_str_eq(json_object_get_string_member(r, "to"),
	    "2024-06-30T17:00:00Z");
	ck_assert_int_eq(num(r, "ignored"), 1);	/* the auto-reply */
	ck_assert_int_eq(num(t, "messages"), 7);
	ck_assert_int_eq(num(t, "outcomes.queue"), 3);
	ck_assert_int_eq(num(t, "outcomes.reject"), 2);
	ck_assert_int_eq(num(t, "outcomes.redirect"), 1);
	ck_assert_int_eq(num(t, "outcomes.manual"), 1);
	ck_assert_int_eq(num(t, "cases"), 4);
	ck_assert_int_eq(num(t, "cases_by_kind.sim_activation"), 2);
	ck_assert_int_eq(num(t, "cases_by_kind.etoken_recovery"), 1);
	ck_assert_int_eq(num(t, "cases_by_kind.unknown"), 1);
	ck_assert_int_eq(num(t, "cases_by_state.done"), 2);
	ck_assert_int_eq(num(t, "cases_by_state.open"), 1);
	ck_assert_int_eq(num(t, "cases_by_state.review"), 1);
	ck_assert_int_eq(num(t, "sims.requested"), 9);
	ck_assert_int_eq(num(t, "sims.activated"), 6);
	ck_assert_int_eq(num(t, "sims.refused"), 1);
	ck_assert_int_eq(num(t, "sims.forwarded"), 2);
	ck_assert_int_eq(num(t, "sims.pending"), 0);
	/* 05's four row errors, 07's public sender, 21's subscriber on
	 * gmail, 10's missing documents */
	ck_assert_int_eq(num(t, "errors"), 7);
	a = json_object_get_array_member(t, "top_errors");
	ck_assert_uint_eq(json_array_get_length(a), 7);
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(a, 0), "code"), "no_documents");
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(a, 0), "text"),
	    "Thư không kèm văn bản đề nghị (tệp Word hoặc Excel)");
	ck_assert_int_eq(num(t, "reply_seconds.count"), 6);
	ck_assert_int_eq(num(t, "reply_seconds.median"), 12600);
	ck_assert_int_eq(num(t, "reply_seconds.p90"), 27000);
	ck_assert_int_eq(num(t, "done_seconds.count"), 2);
	ck_assert_int_eq(num(t, "done_seconds.median"), 302400);
	ck_assert_int_eq(num(t, "done_seconds.p90"), 406080);

	/* The registry's name wins over the letterhead. */
	u = unit(r, "Ban Tuyên giáo Tỉnh ủy");
	ck_assert_int_eq(num(u, "messages"), 1);
	ck_assert_int_eq(num(u, "sims.requested"), 4);
	ck_assert_int_eq(num(u, "sims.activated"), 4);
	ck_assert_int_eq(num(u, "reply_seconds.median"), 10800);
	ck_assert_int_eq(num(u, "done_seconds.median"), 432000);
	u = unit(r, "Huyện ủy Sơn Tịnh");
	ck_assert_int_eq(num(u, "sims.requested"), 5);
	ck_assert_int_eq(num(u, "sims.activated"), 2);
	ck_assert_int_eq(num(u, "sims.refused"), 1);
	ck_assert_int_eq(num(u, "sims.forwarded"), 2);
	ck_assert_int_eq(num(u, "sims.pending"), 0);
	ck_assert_int_eq(num(u, "done_seconds.p90"), 172800);
	u = unit(r, "Huyện ủy Nghĩa Hành");
	ck_assert_int_eq(num(u, "outcomes.reject"), 1);
	ck_assert_int_eq(num(u, "errors"), 4);
	ck_assert_int_eq(num(u, "cases"), 0);
	ck_assert(JSON_NODE_TYPE(at_path(u, "done_seconds.median")) ==
	    JSON_NODE_NULL);
	/* no documents, no letterhead: the address names it */
	u = unit(r, "vanphong.bato@quangngai.dcs.vn");
	ck_assert_int_eq(num(u, "outcomes.manual"), 1);
	ck_assert_int_eq(num(u, "reply_seconds.count"), 0);
	ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(
	    r, "units")), 7);

	/* 26 weeks from Monday 1 January; 5 and 6 February in the sixth */
	a = json_object_get_array_member(r, "weeks");
	ck_assert_uint_eq(json_array_get_length(a), 26);
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(a, 5), "start"), "2024-02-05");
	ck_assert_int_eq(num(json_array_get_object_element(a, 5), "queue"),
	    2);
	/* open cases, oldest first, aged at --at */
	ck_assert_int_eq(num(r, "open_total"), 2);
	a = json_object_get_array_member(r, "open_cases");
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(a, 0), "kind"), "etoken_recovery");
	ck_assert_int_eq(num(json_array_get_object_element(a, 0),
	    "age_days"), 91);
	json_node_unref(n);
}
END_TEST

/* The text a person reads: Vietnamese headings, the same figures. */
START_TEST(report_text_for_the_office)
{
	char	*out = NULL, *err = NULL;

	fill();
	ck_assert_int_eq(report(&out, &err, "--period", "2024h1", NULL, NULL,
	    NULL, NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "Kỳ báo cáo: 2024H1 (từ 01/01/2024 "
	    "đến 30/06/2024)"));
	ck_assert_ptr_nonnull(strstr(out, "I. TỔNG HỢP\n  Thư nhận: 7 "
	    "(Tiếp nhận 3, Trả lại 2, Hướng dẫn gửi Cục 1, Cán bộ xem xét "
	    "1)\n"));
	/* the rows with the Cục are those awaiting its answer, apart from
	 * those activated or refused since (trial 2, finding 4) */
	ck_assert_ptr_nonnull(strstr(out, "SIM ký số: đề nghị 9, chờ Cục kích "
	    "hoạt 2, đã kích hoạt 6, bị từ chối 1, chưa chuyển Cục 0\n"));
	ck_assert_ptr_nonnull(strstr(out, "Từ khi nhận thư đến khi gửi trả "
	    "lời đầu tiên: trung vị 3 giờ 30 phút, 90% trong vòng 7 giờ 30 "
	    "phút (6 thư)"));
	ck_assert_ptr_nonnull(strstr(out, "trung vị 3 ngày 12 giờ"));
	ck_assert_ptr_nonnull(strstr(out, "Huyện ủy Sơn Tịnh\n"));
	ck_assert_ptr_nonnull(strstr(out, "1. no_documents (1 lần): Thư không "
	    "kèm văn bản đề nghị"));
	ck_assert_ptr_nonnull(strstr(out, "IV. HỒ SƠ CHƯA XỬ LÝ XONG LÂU NHẤT "
	    "(2 hồ sơ đang mở)"));
	g_free(out);
	g_free(err);
}
END_TEST

static int
readback(const char *json, const char *csv, const char *xlsx, char **out_r)
{
	char	*argv[] = { "/usr/bin/python3", "tests/unit/report-readback.py",
		    (char *)json, (char *)csv, (char *)xlsx, NULL };
	int	 status;
	GError	*ge = NULL;

	ck_assert_msg(g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
	    NULL, NULL, out_r, NULL, &status, &ge), "%s", ge ? ge->message :
	    "");
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* The CSV (csv module) and the XLSX (openpyxl) read back agree with the
 * JSON, unit by unit; a JSON changed by one figure does not. */
START_TEST(report_csv_and_xlsx_read_back)
{
	char	*json = g_build_filename(tmpdir, "r.json", NULL);
	char	*csv = g_build_filename(tmpdir, "r.csv", NULL);
	char	*xlsx = g_build_filename(tmpdir, "r.xlsx", NULL);
	char	*out = NULL, *err = NULL, *text, *bad;
	gsize	 len;

	fill();
	ck_assert_int_eq(report(NULL, NULL, "--period", "2024H1", "--format",
	    "json", "-o", json), 0);
	ck_assert_int_eq(report(NULL, NULL, "--period", "2024H1", "--format",
	    "csv", "-o", csv), 0);
	ck_assert_int_eq(report(NULL, NULL, "--period", "2024H1", "--format",
	    "xlsx", "-o", xlsx), 0);
	ck_assert_int_eq(readback(json, csv, xlsx, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "8 rows agree"));
	g_free(out);
	/* the period's days as the text report writes them (trial 3) */
	{
		char *argv[] = { "unzip", "-p", xlsx, "xl/sharedStrings.xml",
		    NULL };

		ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
		    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL,
		    NULL));
		ck_assert_msg(strstr(out, "Kỳ báo cáo: 2024H1 (từ 01/01/2024 "
		    "đến 30/06/2024)") != NULL, "%s", out);
		g_free(out);
	}

	ck_assert(g_file_get_contents(json, &text, &len, NULL));
	ck_assert_ptr_nonnull(strstr(text, "\"activated\":6"));
	bad = g_strdup(text);
	memcpy(strstr(bad, "\"activated\":6"), "\"activated\":5", 13);
	ck_assert(g_file_set_contents(json, bad, -1, NULL));
	ck_assert_int_eq(readback(json, csv, xlsx, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "sims_activated"));
	g_free(out);
	g_free(bad);
	g_free(text);
	/* the CSV's header row and total row as written */
	ck_assert(g_file_get_contents(csv, &text, &len, NULL));
	ck_assert(g_str_has_prefix(text, "unit,messages,queue,reject,"));
	ck_assert_ptr_nonnull(strstr(text, "\r\nTổng cộng,7,3,2,1,1,4,"));
	g_free(text);
	g_free(err);
	g_free(json);
	g_free(csv);
	g_free(xlsx);
}
END_TEST

/* The store's opened_at of case number, at the office (CONF's zone,
 * Asia/Ho_Chi_Minh) as the xlsx reader gives a date and time
 * ("2024-04-01T09:00:00"; g_free). */
static char *
opened_at_office(const char *number)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	GDateTime	*t, *l;
	GTimeZone	*tz = g_time_zone_new_identifier("Asia/Ho_Chi_Minh");
	char		*s;

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT opened_at FROM cases"
	    " WHERE number = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	t = g_date_time_new_from_iso8601((const char *)sqlite3_column_text(st,
	    0), NULL);
	ck_assert_ptr_nonnull(t);
	sqlite3_finalize(st);
	sqlite3_close(h);
	l = g_date_time_to_timezone(t, tz);
	s = g_date_time_format(l, "%Y-%m-%dT%H:%M:%S");
	g_date_time_unref(l);
	g_date_time_unref(t);
	g_time_zone_unref(tz);
	return (s);
}

/* The xlsx's open cases say when each was opened as a date and time, at
 * the office, a spreadsheet sorts and filters (trial 3), not as text:
 * read back with the intake's own xlsx reader, which gives a number in
 * a date format as a date. */
START_TEST(report_xlsx_opened_is_a_date_at_the_office)
{
	char			*xlsx, *out = NULL, *want;
	unsigned char		*data;
	size_t			 len, rows = 0;
	struct package		*pkg;
	struct docbody		*body = NULL;
	const struct grid	*g = NULL;
	const struct cell	*c;
	const char		*why = NULL;
	bool			 etoken = false;

	fill();
	xlsx = g_build_filename(tmpdir, "r.xlsx", NULL);
	ck_assert_int_eq(report(NULL, NULL, "--period", "2024H1", "--format",
	    "xlsx", "-o", xlsx), 0);
	data = test_slurp(xlsx, &len);
	pkg = package_open(data, len, NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_msg(xlsx_read(pkg, NULL, &body, &why) == 0, "%s", why);
	package_free(pkg);
	for (size_t i = 0; i < body->nblocks; i++)
		if (body->blocks[i].type == BLOCK_TABLE &&
		    strcmp(body->blocks[i].grid->name,
		    "Hồ sơ đang mở") == 0)
			g = body->blocks[i].grid;
	ck_assert_ptr_nonnull(g);
	c = grid_at(g, 0, 4);
	ck_assert_str_eq(c->text, "Mở lúc");
	for (size_t r = 1; r < g->nrows; r++) {
		char *number;

		if ((c = grid_at(g, r, 0)) == NULL || c->text == NULL)
			continue;
		number = g_strdup(c->text);
		want = opened_at_office(number);
		c = grid_at(g, r, 4);
		ck_assert_ptr_nonnull(c);
		ck_assert_msg(c->type == CELL_DATE, "%s: %s is not a date",
		    number, c->text);
		ck_assert_str_eq(c->text, want);
		/* the eToken case, received 2024-04-01T02:00:00Z */
		if (strcmp(want, "2024-04-01T09:00:00") == 0)
			etoken = true;
		rows++;
		g_free(want);
		g_free(number);
	}
	ck_assert_uint_eq(rows, 2);
	ck_assert(etoken);
	/* shown as the office writes a day and a time */
	{
		char *argv[] = { "unzip", "-p", xlsx, "xl/styles.xml", NULL };

		ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
		    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL,
		    NULL));
		ck_assert_msg(strstr(out, "formatCode=\"dd/mm/yyyy hh:mm\"") !=
		    NULL, "%s", out);
		g_free(out);
	}
	docbody_free(body);
	g_free(data);
	g_free(xlsx);
}
END_TEST

/* Chromium, headless, with a private profile, on three arguments (the
 * page's URL last); its stdout. */
static char *
chromium(const char *a, const char *b, const char *url)
{
	char	*profile = g_build_filename(tmpdir, "chromium", NULL);
	char	*pa = g_strdup_printf("--user-data-dir=%s", profile);
	char	*argv[] = { "chromium", "--headless", "--no-sandbox",
		    "--disable-gpu", "--disable-dev-shm-usage",
		    "--no-first-run", pa, (char *)a, (char *)b, (char *)url,
		    NULL };
	char	*out = NULL, *err = NULL;
	int	 status;
	GError	*ge = NULL;

	ck_assert_msg(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH,
	    NULL, NULL, &out, &err, &status, &ge), "chromium: %s",
	    ge ? ge->message : "");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "chromium: %d\n%s", status, err);
	g_free(err);
	g_free(pa);
	g_free(profile);
	return (out);
}

static guint
matches(const char *re, const char *text)
{
	GRegex		*g = g_regex_new(re, G_REGEX_DOTALL, 0, NULL);
	GMatchInfo	*mi;
	guint		 n = 0;

	ck_assert_ptr_nonnull(g);
	g_regex_match(g, text, 0, &mi);
	while (g_match_info_matches(mi)) {
		n++;
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	g_regex_unref(g);
	return (n);
}

/* The page as a browser renders it: a real screenshot, and in the DOM
 * the per-unit table's rows and one chart series an outcome with a bar
 * a week. */
START_TEST(report_html_in_headless_chromium)
{
	char		*html = g_build_filename(tmpdir, "r.html", NULL);
	char		*png = g_build_filename(tmpdir, "r.png", NULL);
	char		*url, *shot, *dom, *out, *page, *series;
	const char	*outcomes[] = { "queue", "reject", "redirect",
			    "manual" };
	unsigned char	*bytes;
	size_t		 len;

	fill();
	ck_assert_int_eq(report(NULL, NULL, "--period", "2024H1", "--html",
	    html, NULL, NULL), 0);
	ck_assert(g_file_get_contents(html, &page, NULL, NULL));
	/* self-contained: nothing fetched */
	/* one URL: the SVG's namespace, which is never fetched */
	ck_assert_uint_eq(matches("https?://", page), 1);
	ck_assert_uint_eq(matches("(src|href)=\"", page), 0);
	ck_assert_uint_eq(matches("<script", page), 0);
	ck_assert_ptr_nonnull(strstr(page, "@page"));
	ck_assert_ptr_nonnull(strstr(page, "@media print"));
	g_free(page);

	url = g_strdup_printf("file://%s", html);
	shot = g_strdup_printf("--screenshot=%s", png);
	out = chromium("--window-size=1000,1400", shot, url);
	g_free(out);
	g_free(shot);
	bytes = test_slurp(png, &len);
	ck_assert_uint_gt(len, 20000);
	ck_assert_int_eq(memcmp(bytes, "\x89PNG\r\n\x1a\n", 8), 0);
	/* IHDR: the width and height asked for */
	ck_assert_uint_eq(((unsigned)bytes[16] << 24 | bytes[17] << 16 |
	    bytes[18] << 8 | bytes[19]), 1000);
	ck_assert_uint_eq(((unsigned)bytes[20] << 24 | bytes[21] << 16 |
	    bytes[22] << 8 | bytes[23]), 1400);
	g_free(bytes);
	dom = chromium("--dump-dom", "--virtual-time-budget=1000", url);
	ck_assert_uint_eq(matches("<tr class=\"unit\">", dom), 7);
	ck_assert_uint_eq(matches("<tr class=\"unit\"><td class=\"u\">Huyện ủy Sơn Tịnh"
	    "</td><td class=\"n\">1</td><td class=\"n\">1</td>"
	    "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0"
	    "</td><td class=\"n\">1</td><td class=\"n\">5</td>"
	    "<td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">1"
	    "</td>", dom), 1);
	ck_assert_uint_eq(matches("<tr class=\"total\"><td class=\"u\">Tổng cộng</td>"
	    "<td class=\"n\">7</td>", dom), 1);
	ck_assert_uint_eq(matches("<g class=\"series\"", dom), 4);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++) {
		char	*re = g_strdup_printf("<g class=\"series\" "
		    "data-outcome=\"%s\"[^>]*>(.*?)</g>", outcomes[i]);
		GRegex	*g = g_regex_new(re, G_REGEX_DOTALL, 0, NULL);
		GMatchInfo *mi;

		ck_assert(g_regex_match(g, dom, 0, &mi));
		series = g_match_info_fetch(mi, 1);
		ck_assert_uint_eq(matches("<rect ", series), 26);
		if (strcmp(outcomes[i], "queue") == 0)
			ck_assert_uint_eq(matches("data-week=\"2024-02-05\" "
			    "data-count=\"2\"", series), 1);
		g_free(series);
		g_match_info_free(mi);
		g_regex_unref(g);
		g_free(re);
	}
	/* the legend names each outcome; the oldest open case is listed */
	ck_assert_uint_eq(matches("class=\"legend\".*Tiếp nhận.*Trả lại.*"
	    "Hướng dẫn gửi Cục.*Cán bộ xem xét", dom), 1);
	ck_assert_uint_eq(matches("<table id=\"open\">.*HT-2024-", dom), 1);
	g_free(dom);
	g_free(url);
	g_free(png);
	g_free(html);
}
END_TEST

/* 23:30 on 30 June in Quảng Ngãi is still the first half-year, though it
 * is 16:30 UTC; midnight begins the second. */
START_TEST(report_period_edges_in_office_time)
{
	JsonNode	*n;
	JsonObject	*r;
	char		*out = NULL, *err = NULL;

	ingest_at("01-outlook-docx-sontinh.eml", "2024-06-30T16:30:00Z");
	ingest_at("02-thunderbird-xlsx-btg.eml", "2024-06-30T17:00:00Z");
	n = report_json("2024H1");
	r = json_node_get_object(n);
	ck_assert_int_eq(num(r, "total.messages"), 1);
	ck_assert_int_eq(num(unit(r, "Huyện ủy Sơn Tịnh"), "messages"), 1);
	ck_assert_int_eq(num(r, "total.cases"), 1);
	json_node_unref(n);
	n = report_json("2024H2");
	r = json_node_get_object(n);
	ck_assert_int_eq(num(r, "total.messages"), 1);
	ck_assert_int_eq(num(unit(r, "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi"),
	    "messages"), 1);
	ck_assert_str_eq(json_object_get_string_member(r, "first_day"),
	    "2024-07-01");
	ck_assert_str_eq(json_object_get_string_member(r, "last_day"),
	    "2024-12-31");
	json_node_unref(n);
	n = report_json("2024");
	ck_assert_int_eq(num(json_node_get_object(n), "total.messages"), 2);
	json_node_unref(n);
	/* --to names the last day, included */
	ck_assert_int_eq(report(&out, &err, "--from", "2024-06-30", "--to",
	    "2024-06-30", "--format", "json"), 0);
	n = json_from_string(out, NULL);
	r = json_node_get_object(n);
	ck_assert_int_eq(num(r, "total.messages"), 1);
	ck_assert_str_eq(json_object_get_string_member(r, "to"),
	    "2024-06-30T17:00:00Z");
	json_node_unref(n);
	g_free(out);
	g_free(err);
}
END_TEST

/* Wrong options are refused with the usage code, and nothing is written;
 * a store that is not there is 66. */
START_TEST(report_refuses_what_it_cannot_do)
{
	static const char *const bad[][4] = {
		{ "--period", "2024H3", NULL, NULL },
		{ "--period", "24H1", NULL, NULL },
		{ "--from", "2024-06-31", "--to", "2024-07-01" },
		{ "--from", "2024-07-02", "--to", "2024-07-01" },
		{ "--from", "2024-07-02", NULL, NULL },
		{ "--format", "xml", NULL, NULL },
		{ "--format", "xlsx", NULL, NULL },	/* needs -o */
		{ "--period", "2024", "--from", "2024-01-01" },
	};
	char	*out = NULL, *err = NULL, *missing;

	ingest_at("01-outlook-docx-sontinh.eml", "2024-02-05T02:00:00Z");
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ck_assert_int_eq(report(&out, &err, bad[i][0], bad[i][1],
		    bad[i][2], bad[i][3], NULL, NULL), 64);
		ck_assert_str_eq(out, "");
		g_free(out);
		g_free(err);
	}
	missing = g_build_filename(tmpdir, "none.db", NULL);
	ck_assert_int_eq(test_hotrocks(&out, &err, "report", "-c", CONF,
	    "--db", missing, "--period", "2024", NULL), 66);
	ck_assert(!g_file_test(missing, G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
	g_free(missing);
}
END_TEST

/* The builder alone: percentiles, weeks in the office's zone, unknown
 * units, ignored mail, cases opened before the period. */
START_TEST(report_builder_arithmetic)
{
	static const struct office_report_message m[] = {
		{ 1, "2024-07-01T01:00:00Z", "B", ACTION_QUEUE,
		    "2024-07-01T01:00:10Z", false },
		{ 2, "2024-07-02T01:00:00Z", "B", ACTION_REJECT,
		    "2024-07-02T01:00:20Z", false },
		{ 3, "2024-07-07T16:59:59Z", "A", ACTION_QUEUE,
		    "2024-07-07T17:00:29Z", false },	/* 30 s */
		{ 4, "2024-07-07T17:00:00Z", NULL, ACTION_MANUAL,
		    "2024-07-07T17:00:40Z", false },
		{ 5, "2024-07-08T00:00:00Z", "A", ACTION_IGNORE, NULL, false },
		/* B's thank-you in its case: no request, no error of B's
		 * (e2e finding 7) */
		{ 6, "2024-07-09T00:00:00Z", "B", ACTION_MANUAL, NULL, true },
	};
	static const struct office_report_case c[] = {
		{ "HT-2024-000001", "B", "done", KIND_SIM_ACTIVATION,
		    "2024-07-01T01:00:00Z", "2024-07-01T02:00:00Z", 1, 2, 3,
		    4 },
		{ "HT-2024-000009", "A", "open", KIND_ETOKEN_RECOVERY,
		    "2024-05-01T00:00:00Z", NULL, 0, 0, 0, 0 },
		{ "HT-2024-000002", "A", "waiting_unit", KIND_SIM_ACTIVATION,
		    "2024-07-07T16:59:59Z", NULL, 5, 0, 0, 0 },
	};
	static const struct office_report_error e[] = {
		{ 1, CODE_PHONE_INVALID }, { 2, CODE_PHONE_INVALID },
		{ 2, CODE_NAME_MISSING }, { 5, CODE_NO_DOCUMENTS },
		{ 6, CODE_NO_DOCUMENTS },
	};
	struct office_report_input in = { 0 };
	struct office_report	*r;
	GTimeZone		*z = g_time_zone_new_identifier("+07:00");
	const char		*why = NULL;
	int			 top[3];

	in.from = "2024-06-30T17:00:00Z";
	in.to = "2024-07-14T17:00:00Z";
	in.now = "2024-07-15T00:00:00Z";
	in.label = "test";
	in.zone = z;
	in.messages = m;
	in.nmessages = G_N_ELEMENTS(m);
	in.cases = c;
	in.ncases = G_N_ELEMENTS(c);
	in.errors = e;
	in.nerrors = G_N_ELEMENTS(e);
	r = office_report_build(&in, &why);
	ck_assert_msg(r != NULL, "%s", why);
	ck_assert_uint_eq(r->ignored, 2);
	ck_assert_uint_eq(r->total.messages, 4);
	/* 10, 20, 30, 40 s: median 25, p90 30 + 0.7 × 10 */
	ck_assert_uint_eq(r->total.reply.n, 4);
	ck_assert(fabs(r->total.reply.median - 25) < 1e-9);
	ck_assert(fabs(r->total.reply.p90 - 37) < 1e-9);
	ck_assert_uint_eq(r->total.done.n, 1);
	ck_assert(fabs(r->total.done.median - 3600) < 1e-9);
	ck_assert(fabs(r->total.done.p90 - 3600) < 1e-9);
	/* Sunday 23:59:59 +07 is week 0, the next second week 1 */
	ck_assert_uint_eq(r->nweeks, 2);
	ck_assert_str_eq(r->weeks[0].start, "2024-07-01");
	ck_assert_uint_eq(r->weeks[0].by_action[ACTION_QUEUE], 2);
	ck_assert_uint_eq(r->weeks[1].by_action[ACTION_MANUAL], 1);
	/* one slot a unit; the unknown one named so */
	ck_assert_uint_eq(r->nunits, 3);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct office_report_figures *f = &r->units[i].f;

		if (strcmp(r->units[i].name, "A") == 0) {
			ck_assert_uint_eq(f->cases, 1);
			ck_assert_uint_eq(f->sims_pending, 5);
			ck_assert_uint_eq(f->messages, 1);
		} else if (strcmp(r->units[i].name, "B") == 0) {
			ck_assert_uint_eq(f->sims_requested, 10);
			ck_assert_uint_eq(f->errors, 3);
			ck_assert(fabs(f->reply.median - 15) < 1e-9);
		} else
			ck_assert_str_eq(r->units[i].name,
			    "(không rõ đơn vị)");
	}
	ck_assert_uint_eq(r->total.sims_requested, 15);
	ck_assert_uint_eq(r->total.cases_by_state[ORS_WAITING_UNIT], 1);
	/* the ignored message's error is not counted */
	ck_assert_uint_eq(r->total.errors, 3);
	ck_assert_uint_eq(office_report_top_errors(&r->total, top, 3), 2);
	ck_assert_int_eq(top[0], CODE_PHONE_INVALID);
	ck_assert_int_eq(top[1], CODE_NAME_MISSING);
	/* open: the one opened before the period too, oldest first */
	ck_assert_uint_eq(r->open_total, 2);
	ck_assert_str_eq(r->open[0].number, "HT-2024-000009");
	ck_assert(fabs(r->open[0].age_days - 75) < 1e-9);
	office_report_free(r);

	in.from = in.to;
	ck_assert_ptr_null(office_report_build(&in, &why));
	ck_assert_ptr_nonnull(why);
	g_time_zone_unref(z);
}
END_TEST

/* The week from 1 July 2024 (the office's), in UTC, over messages m. */
static void
first_week_of_july(struct office_report_input *in,
    const struct office_report_message *m, size_t n)
{
	in->from = "2024-06-30T17:00:00Z";
	in->to = "2024-07-07T17:00:00Z";
	in->now = in->to;
	in->zone = g_time_zone_new_utc();
	in->messages = m;
	in->nmessages = n;
}

/* A unit name that a spreadsheet would take for a formula is shown, not
 * run; one with a comma or a quote stays one field. */
START_TEST(report_csv_names_are_data)
{
	static const struct office_report_message m[] = {
		{ 1, "2024-07-01T01:00:00Z", "=HYPERLINK(\"http://x\")",
		    ACTION_QUEUE, NULL, false },
		{ 2, "2024-07-01T02:00:00Z", "Huyện ủy \"A\", B",
		    ACTION_REJECT, NULL, false },
	};
	struct office_report_input in = { 0 };
	struct office_report	*r;
	const char		*why;
	char			*text = NULL;
	size_t			 len;
	FILE			*fp;

	first_week_of_july(&in, m, G_N_ELEMENTS(m));
	ck_assert_ptr_nonnull(r = office_report_build(&in, &why));
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	office_report_csv(fp, r);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(text, "\r\n\"'=HYPERLINK(\"\"http://x"
	    "\"\")\",1,1,0,"));
	ck_assert_ptr_nonnull(strstr(text, "\r\n\"Huyện ủy \"\"A\"\", B\",1,"
	    "0,1,"));
	free(text);
	office_report_free(r);
	g_time_zone_unref(in.zone);
}
END_TEST

/* Five kinds of error, the three most frequent listed: the summary says
 * the rest is there, so its lines add up to its count. */
START_TEST(report_text_counts_the_errors_not_listed)
{
	static const struct office_report_message m[] = {
		{ 1, "2024-07-01T01:00:00Z", "Huyện ủy A", ACTION_REJECT, NULL,
		    false },
	};
	static const struct office_report_error e[] = {
		{ 1, CODE_PHONE_INVALID }, { 1, CODE_PHONE_INVALID },
		{ 1, CODE_PHONE_INVALID }, { 1, CODE_NAME_MISSING },
		{ 1, CODE_NAME_MISSING }, { 1, CODE_ICCID_INVALID },
		{ 1, CODE_ICCID_INVALID }, { 1, CODE_ICCID_CHECKSUM },
		{ 1, CODE_DUPLICATE_ROW },
	};
	struct office_report_input in = { 0 };
	struct office_report	*r;
	const char		*why;
	char			*text = NULL;
	size_t			 len;
	FILE			*fp;

	first_week_of_july(&in, m, G_N_ELEMENTS(m));
	in.label = "test";
	in.errors = e;
	in.nerrors = G_N_ELEMENTS(e);
	ck_assert_ptr_nonnull(r = office_report_build(&in, &why));
	ck_assert_ptr_nonnull(fp = open_memstream(&text, &len));
	office_report_text(fp, r, in.zone);
	fclose(fp);
	ck_assert_msg(strstr(text, "  Lỗi phát hiện: 9\n    3 × phone_invalid")
	    != NULL, "%s", text);
	ck_assert_msg(strstr(text, "\n    và 2 lỗi thuộc loại khác\n") !=
	    NULL, "%s", text);
	free(text);
	office_report_free(r);
	g_time_zone_unref(in.zone);
}
END_TEST

/* --period and --from/--to to UTC instants in the office's zone. */
START_TEST(report_period_names)
{
	static const struct {
		const char	*period, *from, *to;
		const char	*want_from, *want_to;	/* NULL: refused */
	} t[] = {
		{ "2024H1", NULL, NULL, "2023-12-31T17:00:00Z",
		    "2024-06-30T17:00:00Z" },
		{ "2024H2", NULL, NULL, "2024-06-30T17:00:00Z",
		    "2024-12-31T17:00:00Z" },
		{ "2024", NULL, NULL, "2023-12-31T17:00:00Z",
		    "2024-12-31T17:00:00Z" },
		{ NULL, "2024-02-01", "2024-02-29", "2024-01-31T17:00:00Z",
		    "2024-02-29T17:00:00Z" },
		{ NULL, "2023-02-01", "2023-02-29", NULL, NULL },
		{ "2024H0", NULL, NULL, NULL, NULL },
		{ "2024H12", NULL, NULL, NULL, NULL },
		{ "1969", NULL, NULL, NULL, NULL },
		{ NULL, "2024-2-01", "2024-02-03", NULL, NULL },
		{ NULL, NULL, NULL, NULL, NULL },
	};
	GTimeZone	*z = g_time_zone_new_identifier("Asia/Ho_Chi_Minh");

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		char		*f, *to, *label;
		const char	*why = NULL;
		int		 rc;

		rc = office_report_period(t[i].period, t[i].from, t[i].to, z,
		    &f, &to, &label, &why);
		if (t[i].want_from == NULL) {
			ck_assert_msg(rc == -1, "case %zu accepted", i);
			ck_assert_ptr_nonnull(why);
			continue;
		}
		ck_assert_msg(rc == 0, "case %zu: %s", i, why);
		ck_assert_str_eq(f, t[i].want_from);
		ck_assert_str_eq(to, t[i].want_to);
		g_free(f);
		g_free(to);
		g_free(label);
	}
	g_time_zone_unref(z);
}
END_TEST

Suite *
office_report_suite(void)
{
	Suite	*s = suite_create("office_report");
	TCase	*tc = tcase_create("office_report");

	tcase_add_checked_fixture(tc, setup, teardown);
	/* Chromium and many hotrocks runs under ASan are slow; no test
	 * here measures time. */
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, report_builder_arithmetic);
	tcase_add_test(tc, report_period_names);
	tcase_add_test(tc, report_csv_names_are_data);
	tcase_add_test(tc, report_text_counts_the_errors_not_listed);
	tcase_add_test(tc, report_figures_of_a_known_store);
	tcase_add_test(tc, report_conversation_is_no_request);
	tcase_add_test(tc, report_rejected_case_rows_are_refused);
	tcase_add_test(tc, report_text_for_the_office);
	tcase_add_test(tc, report_csv_and_xlsx_read_back);
	tcase_add_test(tc, report_xlsx_opened_is_a_date_at_the_office);
	tcase_add_test(tc, report_html_in_headless_chromium);
	tcase_add_test(tc, report_period_edges_in_office_time);
	tcase_add_test(tc, report_refuses_what_it_cannot_do);
	suite_add_tcase(s, tc);
	return (s);
}
