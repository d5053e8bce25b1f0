/* check-queue.c: the outbox queue on a real SQLite file: enqueue, what is
 * due and in which order, sent/deferred/failed and the backoff, and
 * delivery through the file sender into a temporary folder. It links the
 * queue with lib/ only: its schema stands in for the intake tables the
 * outbox refers to. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lib/audit.h"
#include "lib/db.h"
#include "outbox/queue.h"
#include "outbox/sender.h"

/* 2024-05-02T08:00:00Z */
#define T0	((time_t)1714636800)

static char	*tmpdir;
static char	*dbpath;

/* The outbox refers to messages and cases; two bare tables stand in. */
static const char stand_in[] =
    "CREATE TABLE cases (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE messages (id INTEGER PRIMARY KEY);\n"
    "INSERT INTO cases (id) VALUES (1);\n"
    "INSERT INTO messages (id) VALUES (1), (2), (3);\n";

static const struct db_migration schema[] = {
	{ { stand_in, queue_schema_v1, audit_schema_v1 } },
};

static const struct queue_outgoing two[] = {
	{ "<hotrocks.ack.aaaa@quangngai.dcs.vn>", "ack",
	    "vanphong@huyenuy.example.vn",
	    "Message-ID: <hotrocks.ack.aaaa@quangngai.dcs.vn>\r\n"
	    "Subject: ack\r\n\r\nok\r\n" },
	{ "<hotrocks.forward.aaaa@quangngai.dcs.vn>", "forward",
	    "cuc@example.vn",
	    "Subject: fwd\r\nMessage-ID:\r\n"
	    " <hotrocks.forward.aaaa@quangngai.dcs.vn>\r\n\r\nlist\r\n" },
};

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
	dbpath = g_build_filename(tmpdir, "q.db", NULL);
}

static void
teardown(void)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);

	ck_assert_int_eq(system(cmd), 0);
	g_free(cmd);
	g_free(tmpdir);
	g_free(dbpath);
}

static struct db *
open_db(void)
{
	struct db	*db;
	char		*cause = NULL;

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "db_open: %s", cause);
	return (db);
}

static void
enqueue(struct db *db, const struct queue_outgoing *out, size_t n,
    int64_t msg_id, time_t now)
{
	struct db_txn	*txn;
	char		*cause = NULL;

	txn = db_begin(db, &cause);
	ck_assert_msg(txn != NULL, "%s", cause);
	ck_assert_msg(queue_enqueue(txn, out, n, msg_id, 1, now, &cause) == 0,
	    "queue_enqueue: %s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
}

/* sql is fixed text of the test's own. */
static long long
count(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	long long	 v;

	stmt = db_prepare(db, sql, NULL);
	ck_assert_ptr_nonnull(stmt);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return (v);
}

static size_t
due(struct db *db, time_t now, size_t limit, struct queue_item **items)
{
	size_t	 n = 0;
	char	*cause = NULL;

	ck_assert_msg(queue_due(db, now, limit, items, &n, &cause) == 0, "%s",
	    cause);
	return (n);
}

START_TEST(queue_enqueue_is_due_from_now_with_its_message_id)
{
	struct db		*db = open_db();
	struct queue_item	*it;

	enqueue(db, two, 2, 2, T0);
	ck_assert_uint_eq(due(db, T0 - 1, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 2);
	ck_assert_str_eq(it[0].message_id, two[0].message_id);
	ck_assert_str_eq(it[0].purpose, "ack");
	ck_assert_str_eq(it[0].rcpt, two[0].rcpt);
	ck_assert_str_eq(it[0].raw, two[0].raw);
	ck_assert_int_eq(it[0].state, QUEUE_QUEUED);
	ck_assert_int_eq(it[0].attempts, 0);
	ck_assert_str_eq(it[0].next_attempt_at, "2024-05-02T08:00:00Z");
	ck_assert_str_eq(it[0].created_at, "2024-05-02T08:00:00Z");
	ck_assert_ptr_null(it[0].sent_at);
	ck_assert_ptr_null(it[0].last_error);
	ck_assert_int_eq(it[0].case_id, 1);
	ck_assert_int_eq(it[0].msg_id, 2);
	ck_assert_str_eq(it[1].message_id, two[1].message_id);
	queue_items_free(it, 2);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE event ="
	    " 'queued' AND msg_id = 2 AND case_id = 1"), 2);
	db_close(db);
}
END_TEST

/* The Message-ID is the item's identity: queueing it twice is an error,
 * and the caller's rollback leaves nothing. */
START_TEST(queue_same_message_id_twice_is_refused)
{
	struct db		*db = open_db();
	struct queue_outgoing	 dup[2] = { two[0], two[0] };
	struct db_txn		*txn;
	char			*cause = NULL;

	txn = db_begin(db, &cause);
	ck_assert_int_eq(queue_enqueue(txn, dup, 2, 1, 0, T0, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	db_rollback(txn);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit"), 0);
	db_close(db);
}
END_TEST

START_TEST(queue_due_longest_waiting_first_up_to_limit)
{
	struct db		*db = open_db();
	struct queue_outgoing	 o[3];
	struct queue_item	*it;
	static const char *const ids[] = { "<c@x>", "<a@x>", "<b@x>" };
	static const time_t at[] = { T0 + 30, T0 + 10, T0 + 20 };

	for (size_t i = 0; i < 3; i++) {
		o[i] = two[0];
		o[i].message_id = ids[i];
		enqueue(db, &o[i], 1, 1, at[i]);
	}
	ck_assert_uint_eq(due(db, T0 + 20, 0, &it), 2);
	ck_assert_str_eq(it[0].message_id, "<a@x>");
	ck_assert_str_eq(it[1].message_id, "<b@x>");
	queue_items_free(it, 2);
	ck_assert_uint_eq(due(db, T0 + 60, 2, &it), 2);
	ck_assert_str_eq(it[0].message_id, "<a@x>");
	ck_assert_str_eq(it[1].message_id, "<b@x>");
	queue_items_free(it, 2);
	ck_assert_uint_eq(due(db, T0 + 60, 0, &it), 3);
	ck_assert_str_eq(it[2].message_id, "<c@x>");
	queue_items_free(it, 3);
	db_close(db);
}
END_TEST

START_TEST(queue_sent_is_done_and_not_sent_again)
{
	struct db		*db = open_db();
	struct queue_item	*it;
	size_t			 n;
	char			*cause = NULL;

	enqueue(db, two, 1, 1, T0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 1);
	ck_assert_int_eq(queue_mark_sent(db, it[0].id, T0 + 5, &cause), 0);
	ck_assert_int_eq(queue_mark_sent(db, it[0].id, T0 + 6, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not queued"));
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_mark_deferred(db, it[0].id, T0 + 6, "x",
	    &cause), -1);
	g_free(cause);
	queue_items_free(it, 1);
	ck_assert_uint_eq(due(db, T0 + 86400, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_int_eq(queue_list(db, "sent", &it, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(it[0].state, QUEUE_SENT);
	ck_assert_int_eq(it[0].attempts, 1);
	ck_assert_str_eq(it[0].sent_at, "2024-05-02T08:00:05Z");
	queue_items_free(it, n);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE event ="
	    " 'sent' AND at = '2024-05-02T08:00:05Z'"), 1);
	db_close(db);
}
END_TEST

START_TEST(queue_deferred_waits_its_backoff_and_keeps_the_error)
{
	struct db		*db = open_db();
	struct queue_item	*it;
	int64_t			 id;
	char			*cause = NULL;

	enqueue(db, two, 1, 1, T0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 1);
	id = it[0].id;
	queue_items_free(it, 1);
	ck_assert_int_eq(queue_mark_deferred(db, id, T0, "451 try later",
	    &cause), 0);
	ck_assert_uint_eq(due(db, T0 + QUEUE_BACKOFF_FIRST - 1, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_uint_eq(due(db, T0 + QUEUE_BACKOFF_FIRST, 0, &it), 1);
	ck_assert_int_eq(it[0].attempts, 1);
	ck_assert_int_eq(it[0].state, QUEUE_QUEUED);
	ck_assert_str_eq(it[0].last_error, "451 try later");
	ck_assert_str_eq(it[0].next_attempt_at, "2024-05-02T08:05:00Z");
	queue_items_free(it, 1);
	/* The second wait is twice the first. */
	ck_assert_int_eq(queue_mark_deferred(db, id, T0 + 300, "421 busy",
	    &cause), 0);
	ck_assert_uint_eq(due(db, T0 + 300 + 599, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_uint_eq(due(db, T0 + 300 + 600, 0, &it), 1);
	ck_assert_int_eq(it[0].attempts, 2);
	ck_assert_str_eq(it[0].last_error, "421 busy");
	queue_items_free(it, 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE event ="
	    " 'deferred'"), 2);
	db_close(db);
}
END_TEST

START_TEST(queue_failed_is_kept_with_its_error_and_never_due)
{
	struct db		*db = open_db();
	struct queue_item	*it;
	size_t			 n;
	char			*cause = NULL;

	enqueue(db, two, 1, 1, T0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 1);
	ck_assert_int_eq(queue_mark_failed(db, it[0].id, T0, "550 no such "
	    "user", &cause), 0);
	queue_items_free(it, 1);
	ck_assert_uint_eq(due(db, T0 + 365 * 86400, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_int_eq(queue_list(db, NULL, &it, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(it[0].state, QUEUE_FAILED);
	ck_assert_str_eq(queue_state_name(it[0].state), "failed");
	ck_assert_str_eq(it[0].last_error, "550 no such user");
	ck_assert_ptr_null(it[0].sent_at);
	queue_items_free(it, n);
	db_close(db);
}
END_TEST

/* Below, at and above the cap. */
static const struct {
	int	 attempts;
	time_t	 wait;
} backoffs[] = {
	{ 0, QUEUE_BACKOFF_FIRST },
	{ 1, QUEUE_BACKOFF_FIRST },
	{ 2, 2 * QUEUE_BACKOFF_FIRST },
	{ 3, 4 * QUEUE_BACKOFF_FIRST },
	{ 6, 32 * QUEUE_BACKOFF_FIRST },	/* 9600 s: below 6 h */
	{ 7, 64 * QUEUE_BACKOFF_FIRST },	/* 19200 s: just below the cap */
	{ 8, QUEUE_BACKOFF_MAX },		/* 38400 s would be above it */
	{ QUEUE_MAX_ATTEMPTS, QUEUE_BACKOFF_MAX },
	{ 1000, QUEUE_BACKOFF_MAX },
};

START_TEST(queue_backoff_doubles_up_to_its_cap)
{
	ck_assert_int_eq((long long)queue_backoff(backoffs[_i].attempts),
	    (long long)backoffs[_i].wait);
}
END_TEST

static char *
slurp(const char *dir, const char *name)
{
	char	*p = g_build_filename(dir, name, NULL), *text = NULL;

	ck_assert_msg(g_file_get_contents(p, &text, NULL, NULL), "%s", p);
	g_free(p);
	return (text);
}

/* Every item through sender_file: one file per Message-ID, the bytes as
 * queued, nothing half-written left, and nothing sent twice. */
START_TEST(queue_deliver_through_sender_file)
{
	struct db		*db = open_db();
	struct sender_settings	 set = { 0 };
	struct queue_report	 r;
	struct queue_outgoing	 odd = two[0];
	char			*dir, *text, *cause = NULL;
	void			*st;
	GDir			*d;
	const char		*name;
	size_t			 nfiles = 0;

	odd.message_id = "<../../etc/passwd@x>";
	odd.raw = "Message-ID: <../../etc/passwd@x>\r\n\r\nodd\r\n";
	enqueue(db, two, 2, 1, T0);
	enqueue(db, &odd, 1, 3, T0 + 1);
	dir = g_build_filename(tmpdir, "sent", NULL);
	set.dir = dir;
	st = sender_file.open(&set, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(queue_deliver(db, &sender_file, st,
	    "hotrocks@quangngai.dcs.vn", T0 + 1, 0, &r, &cause), 0);
	ck_assert_uint_eq(r.sent, 3);
	ck_assert_uint_eq(r.deferred + r.failed, 0);

	text = slurp(dir, "hotrocks.ack.aaaa@quangngai.dcs.vn.eml");
	ck_assert_str_eq(text, two[0].raw);
	g_free(text);
	/* A folded Message-ID names its file all the same. */
	text = slurp(dir, "hotrocks.forward.aaaa@quangngai.dcs.vn.eml");
	ck_assert_str_eq(text, two[1].raw);
	g_free(text);
	/* Path characters never leave the folder. */
	text = slurp(dir, "_.._.._etc_passwd@x.eml");
	ck_assert_str_eq(text, odd.raw);
	g_free(text);
	d = g_dir_open(dir, 0, NULL);
	while ((name = g_dir_read_name(d)) != NULL) {
		ck_assert_msg(g_str_has_suffix(name, ".eml"), "%s", name);
		nfiles++;
	}
	g_dir_close(d);
	ck_assert_uint_eq(nfiles, 3);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), 3);

	ck_assert_int_eq(queue_deliver(db, &sender_file, st,
	    "hotrocks@quangngai.dcs.vn", T0 + 86400, 0, &r, &cause), 0);
	ck_assert_uint_eq(r.sent, 0);
	sender_file.close(st);
	g_free(dir);
	db_close(db);
}
END_TEST

/* A sender of the test's own that answers by recipient, as a server
 * would: "defer@" gets 4xx, "fail@" 5xx, anyone else 250. */
static enum sender_result
answer_send(void *state, const char *env_from, const char *rcpt,
    const char *raw, size_t len, char **cause)
{
	(void)state;
	(void)env_from;
	(void)raw;
	(void)len;
	if (g_str_has_prefix(rcpt, "defer@")) {
		*cause = g_strdup("451 4.3.0 try again later");
		return (SENDER_DEFER);
	}
	if (g_str_has_prefix(rcpt, "fail@")) {
		*cause = g_strdup("550 5.1.1 no such user");
		return (SENDER_FAIL);
	}
	return (SENDER_SENT);
}

static const struct sender answer = {
	.name = "answer",
	.send = answer_send,
};

START_TEST(queue_deliver_defers_then_fails_after_max_attempts)
{
	struct db		*db = open_db();
	struct queue_outgoing	 o[3] = { two[0], two[0], two[0] };
	struct queue_report	 r;
	struct queue_item	*it;
	size_t			 n;
	time_t			 now = T0;
	char			*cause = NULL;

	o[0].message_id = "<1@x>";
	o[0].rcpt = "defer@example.vn";
	o[1].message_id = "<2@x>";
	o[1].rcpt = "fail@example.vn";
	o[2].message_id = "<3@x>";
	enqueue(db, o, 3, 1, T0);
	ck_assert_int_eq(queue_deliver(db, &answer, NULL, "me@x", now, 0, &r,
	    &cause), 0);
	ck_assert_uint_eq(r.sent, 1);
	ck_assert_uint_eq(r.deferred, 1);
	ck_assert_uint_eq(r.failed, 1);
	for (int i = 2; i < QUEUE_MAX_ATTEMPTS; i++) {
		now += QUEUE_BACKOFF_MAX;
		ck_assert_int_eq(queue_deliver(db, &answer, NULL, "me@x", now,
		    0, &r, &cause), 0);
		ck_assert_uint_eq(r.deferred, 1);
	}
	now += QUEUE_BACKOFF_MAX;
	ck_assert_int_eq(queue_deliver(db, &answer, NULL, "me@x", now, 0, &r,
	    &cause), 0);
	ck_assert_uint_eq(r.deferred, 0);
	ck_assert_uint_eq(r.failed, 1);
	ck_assert_int_eq(queue_list(db, "failed", &it, &n, &cause), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(it[0].message_id, "<1@x>");
	ck_assert_int_eq(it[0].attempts, QUEUE_MAX_ATTEMPTS);
	ck_assert_str_eq(it[0].last_error, "451 4.3.0 try again later");
	ck_assert_str_eq(it[1].last_error, "550 5.1.1 no such user");
	queue_items_free(it, n);
	db_close(db);
}
END_TEST

Suite *
queue_suite(void)
{
	Suite	*s = suite_create("queue");
	TCase	*tc;

	tc = tcase_create("queue");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, queue_enqueue_is_due_from_now_with_its_message_id);
	tcase_add_test(tc, queue_same_message_id_twice_is_refused);
	tcase_add_test(tc, queue_due_longest_waiting_first_up_to_limit);
	tcase_add_test(tc, queue_sent_is_done_and_not_sent_again);
	tcase_add_test(tc,
	    queue_deferred_waits_its_backoff_and_keeps_the_error);
	tcase_add_test(tc, queue_failed_is_kept_with_its_error_and_never_due);
	tcase_add_loop_test(tc, queue_backoff_doubles_up_to_its_cap, 0,
	    G_N_ELEMENTS(backoffs));
	suite_add_tcase(s, tc);

	tc = tcase_create("deliver");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, queue_deliver_through_sender_file);
	tcase_add_test(tc, queue_deliver_defers_then_fails_after_max_attempts);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return (s);
}
