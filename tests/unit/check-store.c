/* check-store.c: the case store on a real SQLite file: migrations, dedupe,
 * case numbers, open requests, one transaction per message, the audit. */
#include <check.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "intake/cases.h"
#include "intake/store.h"
#include "lib/db.h"
#include "outbox/queue.h"

static char	*tmpdir;
static char	*dbpath;

static const struct store_doc base_docs[] = {
	{ "danh sach.docx", "docx", "d0c5", "sim_activation", "{\"d\":0}",
	    NULL, NULL },
	{ "phu luc.xlsx", "xlsx", "d0c6", "sim_activation", "{\"d\":1}",
	    NULL, NULL },
};

static const struct store_row base_rows[] = {
	{ 0, 1, "84982345678", "8984040000000000001", "Nguyễn Văn A",
	    "Trưởng phòng", "viettel", NULL, 0, "{\"index\":1}", NULL },
	{ 0, 2, "84912345678", "8984020000000000002", "Trần Thị B",
	    "Phó phòng", "vinaphone", NULL, 0, "{\"index\":2}", NULL },
	{ 1, 1, "84933333333", "8984010000000000003", "Lê C", "",
	    "mobifone", NULL, 2, "{\"index\":1,\"errors\":2}",
	    NULL },
};

static const struct queue_outgoing base_out[] = {
	{ "<ack-1@hotrocks.example>", "ack", "vanphong@huyenuy.example.vn",
	    "Subject: ack\r\n\r\nok\r\n", NULL, 0 },
	{ "<fwd-1@hotrocks.example>", "forward", "cuc@example.vn",
	    "Subject: fwd\r\n\r\nlist\r\n", NULL, 0 },
};

/* What the pipeline would queue with the message being recorded. */
static const struct queue_outgoing *out_v;
static size_t	 out_n;

/* 2024-05-02T08:00:00Z: when the test's replies are queued. */
#define QUEUE_AT	((time_t)1714636800)

static void
rmtree(const char *path)
{
	GDir		*d;
	const char	*name;
	char		*child;

	if ((d = g_dir_open(path, 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			child = g_build_filename(path, name, NULL);
			rmtree(child);
			g_free(child);
		}
		g_dir_close(d);
		g_rmdir(path);
	} else
		g_unlink(path);
}

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
	dbpath = g_build_filename(tmpdir, "hotrocks.db", NULL);
}

static void
teardown(void)
{
	rmtree(tmpdir);
	g_free(tmpdir);
	g_free(dbpath);
}

/* A SIM activation list with two clean rows and one with errors. */
static void
base_message(struct store_message *m)
{
	memset(m, 0, sizeof *m);
	m->source = "file";
	m->origin = "/var/spool/in/1.eml";
	m->message_id = "<req-1@huyenuy.example.vn>";
	m->sha256 = "aaaa";
	m->content_key = "kkkk";
	m->archive_path = "aa/aaaa.eml";
	m->from_addr = "vanphong@huyenuy.example.vn";
	m->subject = "Đề nghị kích hoạt SIM PKI";
	m->received_at = "2024-05-02T08:00:00Z";
	m->kind = "sim_activation";
	m->action = "queue";
	m->contract_json = "{\"contract\":1}";
	m->organization = "HUYỆN ỦY SƠN TỊNH";
	m->case_state = "open";
	m->docs = base_docs;
	m->ndocs = G_N_ELEMENTS(base_docs);
	m->rows = base_rows;
	m->nrows = G_N_ELEMENTS(base_rows);
	out_v = base_out;
	out_n = G_N_ELEMENTS(base_out);
}

/* A message with no case, documents or mail, distinct by n. */
static void
bare_message(struct store_message *m, int n, char buf[3][64])
{
	base_message(m);
	snprintf(buf[0], 64, "<m%d@example.vn>", n);
	snprintf(buf[1], 64, "sha-%d", n);
	snprintf(buf[2], 64, "key-%d", n);
	m->message_id = buf[0];
	m->sha256 = buf[1];
	m->content_key = buf[2];
	m->ndocs = m->nrows = 0;
	out_n = 0;
}

/*
 * What the pipeline does for one message: one transaction for the record
 * and the replies queued with it. 0 recorded, 1 seen before (nothing
 * written), -1 (nothing written).
 */
static int
record(struct db *db, const struct store_message *m, char **number_r,
    char **cause)
{
	struct db_txn		*txn;
	struct store_recorded	 r;
	int			 rc;

	if (number_r != NULL)
		*number_r = NULL;
	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	rc = store_record(txn, m, &r, cause);
	if (rc == 0 && queue_enqueue(txn, out_v, out_n, r.msg_id, r.case_id,
	    QUEUE_AT, cause) == -1)
		rc = -1;
	if (rc == 0)
		rc = db_commit(txn, cause);
	else
		db_rollback(txn);
	if (rc != -1 && number_r != NULL) {
		*number_r = r.case_number;
		r.case_number = NULL;
	}
	store_recorded_deinit(&r);
	return (rc);
}

static struct db *
open_store(void)
{
	struct db	*st;
	char		*cause = NULL;

	st = store_open(dbpath, &cause);
	ck_assert_msg(st != NULL, "store_open: %s", cause);
	return (st);
}

static sqlite3 *
raw_open(void)
{
	sqlite3	*db;

	ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	return (db);
}

/* sql is fixed text of the test's own. */
static long long
raw_int(const char *sql)
{
	sqlite3		*db = raw_open();
	sqlite3_stmt	*stmt;
	long long	 v;

	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return (v);
}

/* Rows in every table, as one string, to compare before and after. */
static char *
counts(void)
{
	return (g_strdup_printf("m%lld d%lld c%lld r%lld o%lld a%lld",
	    raw_int("SELECT count(*) FROM messages"),
	    raw_int("SELECT count(*) FROM documents"),
	    raw_int("SELECT count(*) FROM cases"),
	    raw_int("SELECT count(*) FROM case_rows"),
	    raw_int("SELECT count(*) FROM outbox"),
	    raw_int("SELECT count(*) FROM audit")));
}

static char *
record_ok(struct db *st, const struct store_message *m)
{
	char	*number = NULL, *cause = NULL;
	int	 rc;

	rc = record(st, m, &number, &cause);
	ck_assert_msg(rc == 0, "record: %d %s", rc, cause);
	return (number);
}

START_TEST(store_open_creates_schema_in_wal)
{
	struct db	*st = open_store();

	db_close(st);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 19);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name IN ('messages', 'documents',"
	    " 'cases', 'case_rows', 'outbox', 'audit', 'attempts',"
	    " 'decisions')"), 8);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'view' AND name = 'message_decision'"), 1);
	/* forward.c marks forwarded rows itself, once a forward */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'trigger' AND name = 'case_rows_forwarded'"), 0);
	ck_assert_int_eq(raw_int("SELECT journal_mode = 'wal'"
	    " FROM pragma_journal_mode"), 1);
}
END_TEST

START_TEST(store_reopen_is_idempotent)
{
	struct db	*st = open_store();
	char		*number;
	struct store_message m;

	base_message(&m);
	number = record_ok(st, &m);
	g_free(number);
	db_close(st);
	st = open_store();
	db_close(st);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 19);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM messages"), 1);
}
END_TEST

START_TEST(store_newer_schema_is_refused)
{
	struct db	*st = open_store();
	sqlite3		*db;
	char		*cause = NULL;

	db_close(st);
	db = raw_open();
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_ptr_null(store_open(dbpath, &cause));
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, "newer") != NULL, "%s", cause);
	g_free(cause);
	cause = NULL;
	ck_assert_ptr_null(store_open_readonly(dbpath, &cause));
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 99);
}
END_TEST

START_TEST(store_readonly_missing_file_fails)
{
	char	*cause = NULL;

	ck_assert_ptr_null(store_open_readonly(dbpath, &cause));
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	ck_assert(!g_file_test(dbpath, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST(store_readonly_reads_but_never_writes)
{
	struct db	*st = open_store(), *ro;
	struct store_message m;
	struct case_summary *cases;
	size_t		 n;
	char		 buf[3][64], *number, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	g_free(number);
	db_close(st);

	ro = store_open_readonly(dbpath, &cause);
	ck_assert_msg(ro != NULL, "%s", cause);
	ck_assert_int_eq(cases_list(ro, NULL, &cases, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	cases_list_free(cases, n);
	bare_message(&m, 7, buf);
	ck_assert_int_eq(record(ro, &m, NULL, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	db_close(ro);
}
END_TEST

START_TEST(store_seen_by_message_id_and_content_key)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *seen_case = NULL, *seen_action = NULL;
	char		*cause = NULL;

	base_message(&m);
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 0);
	number = record_ok(st, &m);
	/* The same mail again by another road, with other trace headers. */
	m.source = "imap";
	m.origin = "INBOX";
	m.uidvalidity = 7;
	m.uid = 42;
	m.sha256 = "bbbb";
	ck_assert_int_eq(store_seen(st, &m, &seen_case, &seen_action,
	    &cause), 1);
	ck_assert_str_eq(seen_case, number);
	ck_assert_str_eq(seen_action, "queue");
	g_free(seen_case);
	g_free(seen_action);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_seen_by_sha256_without_message_id)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *cause = NULL;

	base_message(&m);
	m.message_id = NULL;
	number = record_ok(st, &m);
	g_free(number);
	m.origin = "/elsewhere/2.eml";
	m.content_key = "other";
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 1);
	m.sha256 = "cccc";
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 0);
	db_close(st);
}
END_TEST

START_TEST(store_seen_by_imap_origin)
{
	struct db	*st = open_store();
	struct store_message m;
	char		 buf[3][64], *cause = NULL, *seen_case = NULL;

	bare_message(&m, 1, buf);
	m.source = "imap";
	m.origin = "INBOX";
	m.uidvalidity = 1700000000;
	m.uid = 9;
	m.case_state = NULL;
	ck_assert_int_eq(record(st, &m, NULL, &cause), 0);

	bare_message(&m, 2, buf);
	m.source = "imap";
	m.origin = "INBOX";
	m.uidvalidity = 1700000000;
	m.uid = 9;
	ck_assert_int_eq(store_seen(st, &m, &seen_case, NULL, &cause), 1);
	ck_assert_ptr_null(seen_case);
	/* Another UIDVALIDITY, mailbox or UID is another message. */
	m.uidvalidity = 1700000001;
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 0);
	m.uidvalidity = 1700000000;
	m.origin = "Archive";
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 0);
	m.origin = "INBOX";
	m.uid = 10;
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, &cause), 0);
	db_close(st);
}
END_TEST

/* A source files a message seen again where the first copy went. */
START_TEST(store_seen_names_the_action_recorded)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*seen_case = NULL, *action = NULL, *cause = NULL;

	base_message(&m);
	m.action = "reject";
	m.case_state = NULL;
	ck_assert_int_eq(record(st, &m, NULL, &cause), 0);
	m.origin = "/elsewhere/1.eml";
	ck_assert_int_eq(store_seen(st, &m, &seen_case, &action, &cause), 1);
	ck_assert_ptr_null(seen_case);
	ck_assert_str_eq(action, "reject");
	g_free(action);
	db_close(st);
}
END_TEST

START_TEST(store_same_message_id_other_content_is_new)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*first, *second;

	base_message(&m);
	first = record_ok(st, &m);
	base_message(&m);
	m.content_key = "edited";
	m.sha256 = "dddd";
	out_n = 0;
	ck_assert_int_eq(store_seen(st, &m, NULL, NULL, NULL), 0);
	second = record_ok(st, &m);
	ck_assert_str_eq(first, "HT-2024-000001");
	ck_assert_str_eq(second, "HT-2024-000002");
	g_free(first);
	g_free(second);
	db_close(st);
}
END_TEST

START_TEST(store_record_twice_writes_nothing)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *again = NULL, *before, *after, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	before = counts();
	ck_assert_str_eq(before, "m1 d2 c1 r3 o2 a4");
	ck_assert_int_eq(record(st, &m, &again, &cause), 1);
	ck_assert_ptr_null(cause);
	ck_assert_str_eq(again, number);
	after = counts();
	ck_assert_str_eq(after, before);
	g_free(number);
	g_free(again);
	g_free(before);
	g_free(after);
	db_close(st);
}
END_TEST

START_TEST(store_case_numbers_per_year)
{
	struct db	*st = open_store();
	struct store_message m;
	char		 buf[3][64], *number;
	static const struct {
		const char	*received_at;
		const char	*number;
	} want[] = {
		{ "2024-01-01T00:00:00Z", "HT-2024-000001" },
		{ "2024-06-30T10:00:00Z", "HT-2024-000002" },
		{ "2024-12-31T23:59:59Z", "HT-2024-000003" },
		{ "2025-01-01T00:00:00Z", "HT-2025-000001" },
		{ "2024-12-31T23:59:59Z", "HT-2024-000004" },
		{ "2025-02-01T00:00:00Z", "HT-2025-000002" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		bare_message(&m, (int)i, buf);
		m.received_at = want[i].received_at;
		number = record_ok(st, &m);
		ck_assert_str_eq(number, want[i].number);
		g_free(number);
	}
	db_close(st);
}
END_TEST

START_TEST(store_record_without_case_returns_no_number)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number = NULL, *cause = NULL;

	base_message(&m);
	m.action = "reject";
	m.case_state = NULL;
	ck_assert_int_eq(record(st, &m, &number, &cause), 0);
	ck_assert_ptr_null(number);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM cases"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM case_rows"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM outbox"
	    " WHERE case_id IS NULL AND state = 'queued'"), 2);
	db_close(st);
}
END_TEST

START_TEST(store_bad_received_at_fails)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*cause = NULL, *c;

	base_message(&m);
	m.received_at = "May 2, 2024";
	ck_assert_int_eq(record(st, &m, NULL, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "RFC 3339"));
	g_free(cause);
	c = counts();
	ck_assert_str_eq(c, "m0 d0 c0 r0 o0 a0");
	g_free(c);
	db_close(st);
}
END_TEST

#define WRITERS		4
#define PER_WRITER	15

static gpointer
writer(gpointer arg)
{
	struct db	*st;
	struct store_message m;
	char		 buf[3][64], *number, *cause = NULL;
	int		 base = GPOINTER_TO_INT(arg), failed = 0;

	if ((st = store_open(dbpath, &cause)) == NULL) {
		g_free(cause);
		return (GINT_TO_POINTER(PER_WRITER));
	}
	for (int i = 0; i < PER_WRITER; i++) {
		bare_message(&m, base * 1000 + i, buf);
		number = NULL;
		if (record(st, &m, &number, &cause) != 0) {
			g_free(cause);
			cause = NULL;
			failed++;
		}
		g_free(number);
	}
	db_close(st);
	return (GINT_TO_POINTER(failed));
}

/* Writers in parallel on their own connections: every number once. */
START_TEST(store_case_numbers_have_no_gaps_under_concurrency)
{
	struct db	*st = open_store();
	GThread		*t[WRITERS];
	int		 failed = 0;

	db_close(st);
	for (int i = 0; i < WRITERS; i++)
		t[i] = g_thread_new("writer", writer, GINT_TO_POINTER(i + 1));
	for (int i = 0; i < WRITERS; i++)
		failed += GPOINTER_TO_INT(g_thread_join(t[i]));
	ck_assert_int_eq(failed, 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM cases"),
	    WRITERS * PER_WRITER);
	ck_assert_int_eq(raw_int("SELECT max(seq) FROM cases"),
	    WRITERS * PER_WRITER);
	ck_assert_int_eq(raw_int("SELECT count(DISTINCT number) FROM cases"),
	    WRITERS * PER_WRITER);
}
END_TEST

START_TEST(store_open_request_by_phone_and_iccid)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *found = NULL, *cause = NULL, *received;

	base_message(&m);
	number = record_ok(st, &m);
	/* with the day it was received, for the "received already" notice */
	ck_assert_int_eq(cases_open_request(st, "84982345678", NULL, &found,
	    &received, &cause), 1);
	ck_assert_str_eq(found, number);
	ck_assert_str_eq(received, m.received_at);
	g_free(received);
	g_free(found);
	found = NULL;
	ck_assert_int_eq(cases_open_request(st, NULL, "8984020000000000002",
	    &found, NULL, &cause), 1);
	ck_assert_str_eq(found, number);
	g_free(found);
	found = NULL;
	ck_assert_int_eq(cases_open_request(st, "84900000000",
	    "8984000000000000009", &found, NULL, &cause), 0);
	ck_assert_ptr_null(found);
	ck_assert_int_eq(cases_open_request(st, NULL, NULL, &found, NULL,
	    &cause), 0);
	ck_assert_int_eq(cases_open_request(st, "", "", &found, NULL, &cause), 0);
	g_free(number);
	db_close(st);
}
END_TEST

/* The block question asked before a list's rows are looked up one by
 * one: any clean row, whatever its case's state, with one of the keys. */
START_TEST(store_any_requested_in_a_block)
{
	struct db	*st = open_store();
	struct store_message m;
	const char	*ph[CASES_ANY_MAX] = { 0 }, *ic[CASES_ANY_MAX] = { 0 };
	char		*number, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_any_requested(st, ph, ic, CASES_ANY_MAX,
	    &cause), 0);
	ph[0] = "84900000000";
	ic[0] = "";
	ck_assert_int_eq(cases_any_requested(st, ph, ic, 1, &cause), 0);
	/* in the last slot of each half */
	ph[CASES_ANY_MAX - 1] = "84982345678";
	ck_assert_int_eq(cases_any_requested(st, ph, ic, CASES_ANY_MAX,
	    &cause), 1);
	ck_assert_int_eq(cases_any_requested(st, ph, ic, CASES_ANY_MAX - 1,
	    &cause), 0);
	ph[CASES_ANY_MAX - 1] = NULL;
	ic[CASES_ANY_MAX - 1] = "8984020000000000002";
	ck_assert_int_eq(cases_any_requested(st, ph, ic, CASES_ANY_MAX,
	    &cause), 1);
	/* a row with errors holds nothing */
	ic[CASES_ANY_MAX - 1] = "8984010000000000003";
	ph[5] = "84933333333";
	ck_assert_int_eq(cases_any_requested(st, ph, ic, CASES_ANY_MAX,
	    &cause), 0);
	/* a closed case's rows still count here (open_request then says
	 * they hold nothing): the block question never misses one */
	ck_assert_int_eq(cases_set_state(st, number, "done", "staff",
	    "activated", "2024-05-03T09:00:00Z", &cause), 0);
	ph[6] = "84982345678";
	ck_assert_int_eq(cases_any_requested(st, ph, ic, 7, &cause), 1);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_open_request_ignores_rows_with_errors)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_open_request(st, "84933333333", NULL, NULL,
	    NULL, &cause), 0);
	ck_assert_int_eq(cases_open_request(st, NULL, "8984010000000000003",
	    NULL, NULL, &cause), 0);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_open_request_counts_review_not_done)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *cause = NULL;

	base_message(&m);
	m.case_state = "review";
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_open_request(st, "84982345678", NULL, NULL,
	    NULL, &cause), 1);
	ck_assert_int_eq(cases_set_state(st, number, "done", "staff",
	    "activated", "2024-05-03T09:00:00Z", &cause), 0);
	ck_assert_int_eq(cases_open_request(st, "84982345678", NULL, NULL,
	    NULL, &cause), 0);
	ck_assert_int_eq(cases_open_request(st, NULL, "8984040000000000001",
	    NULL, NULL, &cause), 0);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_audit_is_append_only)
{
	struct db	*st = open_store();
	struct store_message m;
	sqlite3		*db;
	char		*number;

	base_message(&m);
	number = record_ok(st, &m);
	g_free(number);
	db_close(st);
	db = raw_open();
	ck_assert_int_ne(sqlite3_exec(db, "UPDATE audit SET detail = 'x'",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_ptr_nonnull(strstr(sqlite3_errmsg(db), "append-only"));
	ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL,
	    NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM audit WHERE id = 1",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"), 4);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"
	    " WHERE detail = 'x'"), 0);
}
END_TEST

START_TEST(store_audit_entries_for_a_message)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number;

	base_message(&m);
	number = record_ok(st, &m);
	g_free(number);
	db_close(st);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"
	    " WHERE actor = 'hotrocks' AND event = 'received'"
	    " AND detail LIKE '%kind=sim_activation action=queue'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"
	    " WHERE event = 'case_opened'"
	    " AND detail = 'HT-2024-000001 state=open'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"
	    " WHERE event = 'queued' AND case_id IS NOT NULL"), 2);
}
END_TEST

/* Each way a record can fail half-way leaves every table as it was and
 * gives its case number back. */
START_TEST(store_failure_mid_transaction_writes_nothing)
{
	struct db	*st = open_store();
	struct store_message m;
	struct store_row rows[2];
	struct queue_outgoing out[2];
	char		*number = NULL, *cause = NULL, *c;

	base_message(&m);
	switch (_i) {
	case 0:		/* a row naming a document that is not there */
		memcpy(rows, base_rows, sizeof rows);
		rows[1].doc = 2;
		m.rows = rows;
		m.nrows = 2;
		break;
	case 1:		/* two outgoing messages with one Message-ID */
		memcpy(out, base_out, sizeof out);
		out[1].message_id = out[0].message_id;
		out_v = out;
		break;
	case 2:		/* a state the cases table refuses */
		m.case_state = "closed";
		break;
	case 3:		/* a required field missing */
		m.contract_json = NULL;
		break;
	}
	ck_assert_int_eq(record(st, &m, &number, &cause), -1);
	ck_assert_ptr_null(number);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	c = counts();
	ck_assert_str_eq(c, "m0 d0 c0 r0 o0 a0");
	g_free(c);

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_str_eq(number, "HT-2024-000001");
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_cases_newest_first_with_filter)
{
	struct db	*st = open_store();
	struct store_message m;
	struct case_summary *cases;
	size_t		 n;
	char		 buf[3][64], *number, *cause = NULL;
	static const char *days[] = { "2024-03-01T00:00:00Z",
	    "2024-03-03T00:00:00Z", "2024-03-02T00:00:00Z" };

	for (int i = 0; i < 3; i++) {
		bare_message(&m, i, buf);
		m.received_at = days[i];
		if (i == 1) {
			m.docs = base_docs;
			m.ndocs = 2;
			m.rows = base_rows;
			m.nrows = 3;
		}
		number = record_ok(st, &m);
		g_free(number);
	}
	ck_assert_int_eq(cases_set_state(st, "HT-2024-000003", "review",
	    "staff", NULL, "2024-03-04T00:00:00Z", &cause), 0);

	ck_assert_int_eq(cases_list(st, NULL, &cases, &n, &cause), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(cases[0].number, "HT-2024-000002");
	ck_assert_str_eq(cases[1].number, "HT-2024-000003");
	ck_assert_str_eq(cases[2].number, "HT-2024-000001");
	ck_assert_int_eq(cases[0].nrows, 3);
	ck_assert_int_eq(cases[0].nrows_with_errors, 1);
	ck_assert_int_eq(cases[2].nrows, 0);
	ck_assert_str_eq(cases[0].organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(cases[0].opened_at, "2024-03-03T00:00:00Z");
	cases_list_free(cases, n);

	ck_assert_int_eq(cases_list(st, "review", &cases, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cases[0].number, "HT-2024-000003");
	ck_assert_str_eq(cases[0].state, "review");
	ck_assert_str_eq(cases[0].updated_at, "2024-03-04T00:00:00Z");
	cases_list_free(cases, n);

	ck_assert_int_eq(cases_list(st, "done", &cases, &n, &cause), 0);
	ck_assert_uint_eq(n, 0);
	cases_list_free(cases, n);

	ck_assert_int_eq(cases_list(st, "closed", &cases, &n, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	cases_list_free(NULL, 0);
	db_close(st);
}
END_TEST

/* A store_case_rows_each callback: each row's JSON into a GPtrArray. */
static int
collect_row(const struct store_case_row *r, void *arg, char **cause)
{
	(void)cause;
	ck_assert_int_eq(r->number, (int)((GPtrArray *)arg)->len + 1);
	ck_assert_ptr_null(r->parts);
	g_ptr_array_add(arg, g_strdup(r->json));
	return (0);
}

START_TEST(store_case_get_content)
{
	struct db	*st = open_store();
	struct store_message m;
	struct case_detail *d = NULL;
	GPtrArray	*rows = g_ptr_array_new_with_free_func(g_free);
	char		*number, *cause = NULL;
	size_t		 n;

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_get(st, number, &d, &cause), 1);
	ck_assert_str_eq(d->c.number, number);
	ck_assert_str_eq(d->c.state, "open");
	ck_assert_str_eq(d->c.kind, "sim_activation");
	ck_assert_str_eq(d->c.action, "queue");
	ck_assert_str_eq(d->c.from_addr, "vanphong@huyenuy.example.vn");
	ck_assert_str_eq(d->c.subject, "Đề nghị kích hoạt SIM PKI");
	ck_assert_int_eq(d->c.nrows, 3);
	ck_assert_int_eq(d->c.nrows_with_errors, 1);
	ck_assert_str_eq(d->message_id, "<req-1@huyenuy.example.vn>");
	ck_assert_str_eq(d->contract_json, "{\"contract\":1}");
	ck_assert_str_eq(d->archive_path, "aa/aaaa.eml");
	ck_assert_int_eq(store_case_rows_each(st, d->id, collect_row, rows,
	    &n, &cause), 0);
	ck_assert_uint_eq(n, 3);
	for (size_t i = 0; i < 3; i++)
		ck_assert_str_eq(g_ptr_array_index(rows, i), base_rows[i].json);
	g_ptr_array_free(rows, TRUE);
	ck_assert_uint_eq(d->naudit, 4);
	ck_assert_ptr_nonnull(g_strrstr(d->audit[0], " hotrocks received "
	    "<req-1@huyenuy.example.vn> kind=sim_activation action=queue"));
	ck_assert_ptr_nonnull(strstr(d->audit[1],
	    " hotrocks case_opened HT-2024-000001 state=open"));
	ck_assert_ptr_nonnull(strstr(d->audit[2], " hotrocks queued ack to "
	    "vanphong@huyenuy.example.vn <ack-1@hotrocks.example>"));
	ck_assert_ptr_nonnull(strstr(d->audit[3], " hotrocks queued forward"));
	cases_detail_free(d);
	cases_detail_free(NULL);

	d = NULL;
	ck_assert_int_eq(cases_get(st, "HT-2024-999999", &d, &cause), 0);
	ck_assert_ptr_null(d);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_set_state_audits_the_change)
{
	struct db	*st = open_store();
	struct store_message m;
	struct case_detail *d;
	char		*number, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_set_state(st, number, "done", "lan",
	    "activated by Mobile-ID", "2024-05-03T09:00:00Z", &cause), 0);
	ck_assert_int_eq(cases_get(st, number, &d, &cause), 1);
	ck_assert_str_eq(d->c.state, "done");
	ck_assert_str_eq(d->c.updated_at, "2024-05-03T09:00:00Z");
	ck_assert_str_eq(d->c.opened_at, "2024-05-02T08:00:00Z");
	ck_assert_uint_eq(d->naudit, 5);
	ck_assert_str_eq(d->audit[4], "2024-05-03T09:00:00Z lan state_changed "
	    "open -> done: activated by Mobile-ID");
	cases_detail_free(d);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_set_state_refuses_bad_input)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number, *cause = NULL;

	base_message(&m);
	number = record_ok(st, &m);
	ck_assert_int_eq(cases_set_state(st, "HT-2024-000099", "done",
	    "lan", NULL, "2024-05-03T09:00:00Z", &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "no such case"));
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(cases_set_state(st, number, "closed", "lan",
	    NULL, "2024-05-03T09:00:00Z", &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(cases_set_state(st, number, "done", NULL, NULL,
	    "2024-05-03T09:00:00Z", &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"
	    " WHERE event = 'state_changed'"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM cases"
	    " WHERE state = 'open'"), 1);
	g_free(number);
	db_close(st);
}
END_TEST

START_TEST(store_outbox_rows_are_queued_with_fixed_ids)
{
	struct db	*st = open_store();
	struct store_message m;
	char		*number;

	base_message(&m);
	number = record_ok(st, &m);
	g_free(number);
	db_close(st);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM outbox o"
	    " JOIN messages m ON m.id = o.msg_id"
	    " JOIN cases c ON c.id = o.case_id"
	    " WHERE o.state = 'queued' AND o.attempts = 0"
	    " AND o.message_id IN ('<ack-1@hotrocks.example>',"
	    " '<fwd-1@hotrocks.example>')"
	    " AND m.message_id = '<req-1@huyenuy.example.vn>'"
	    " AND c.number = 'HT-2024-000001'"), 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM case_rows r"
	    " JOIN documents d ON d.id = r.document_id"
	    " WHERE d.filename = 'phu luc.xlsx'"), 1);
}
END_TEST

Suite *
store_suite(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc;

	tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, store_open_creates_schema_in_wal);
	tcase_add_test(tc, store_reopen_is_idempotent);
	tcase_add_test(tc, store_newer_schema_is_refused);
	tcase_add_test(tc, store_readonly_missing_file_fails);
	tcase_add_test(tc, store_readonly_reads_but_never_writes);
	suite_add_tcase(s, tc);

	tc = tcase_create("record");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, store_seen_by_message_id_and_content_key);
	tcase_add_test(tc, store_seen_by_sha256_without_message_id);
	tcase_add_test(tc, store_seen_by_imap_origin);
	tcase_add_test(tc, store_seen_names_the_action_recorded);
	tcase_add_test(tc, store_same_message_id_other_content_is_new);
	tcase_add_test(tc, store_record_twice_writes_nothing);
	tcase_add_test(tc, store_case_numbers_per_year);
	tcase_add_test(tc, store_record_without_case_returns_no_number);
	tcase_add_test(tc, store_bad_received_at_fails);
	tcase_add_test(tc, store_case_numbers_have_no_gaps_under_concurrency);
	tcase_add_loop_test(tc, store_failure_mid_transaction_writes_nothing,
	    0, 4);
	tcase_add_test(tc, store_audit_is_append_only);
	tcase_add_test(tc, store_audit_entries_for_a_message);
	tcase_add_test(tc, store_outbox_rows_are_queued_with_fixed_ids);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	tc = tcase_create("cases");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, store_open_request_by_phone_and_iccid);
	tcase_add_test(tc, store_open_request_ignores_rows_with_errors);
	tcase_add_test(tc, store_any_requested_in_a_block);
	tcase_add_test(tc, store_open_request_counts_review_not_done);
	tcase_add_test(tc, store_cases_newest_first_with_filter);
	tcase_add_test(tc, store_case_get_content);
	tcase_add_test(tc, store_set_state_audits_the_change);
	tcase_add_test(tc, store_set_state_refuses_bad_input);
	suite_add_tcase(s, tc);
	return (s);
}
