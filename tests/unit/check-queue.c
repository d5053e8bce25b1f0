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
#include "outbox/compose.h"
#include "outbox/queue.h"
#include "outbox/sender.h"
#include "tests/unit/testlib.h"

/* 2024-05-02T08:00:00Z */
#define T0	((time_t)1714636800)

static char	*tmpdir;
static char	*dbpath;

/* The outbox refers to messages and cases; two bare tables stand in. */
static const char stand_in[] =
    "CREATE TABLE cases (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE messages (id INTEGER PRIMARY KEY, sha256 TEXT);\n"
    "INSERT INTO cases (id) VALUES (1);\n"
    "INSERT INTO messages (id) VALUES (1), (2), (3);\n";

static const struct db_migration schema[] = {
	{ { stand_in, queue_schema_v1, audit_schema_v1 } },
	{ { queue_schema_v4 } },
	{ { queue_schema_v5 } },
	{ { audit_chain_schema } },
	{ { queue_schema_v10 } },
};

static const struct queue_outgoing two[] = {
	{ "<hotrocks.ack.aaaa@quangngai.dcs.vn>", "ack",
	    "vanphong@huyenuy.example.vn",
	    "Message-ID: <hotrocks.ack.aaaa@quangngai.dcs.vn>\r\n"
	    "Subject: ack\r\n\r\nok\r\n", NULL, 0 },
	{ "<hotrocks.forward.aaaa@quangngai.dcs.vn>", "forward",
	    "cuc@example.vn",
	    "Subject: fwd\r\nMessage-ID:\r\n"
	    " <hotrocks.forward.aaaa@quangngai.dcs.vn>\r\n\r\nlist\r\n",
	    NULL, 0 },
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
	test_rm_tree(tmpdir);
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
	/* Only an item being sent can become sent. */
	ck_assert_int_eq(queue_mark_sent(db, it[0].id, T0 + 5, &cause), -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_mark_sending(db, it[0].id, T0 + 5, &cause), 0);
	ck_assert_int_eq(queue_mark_sent(db, it[0].id, T0 + 5, &cause), 0);
	ck_assert_int_eq(queue_mark_sent(db, it[0].id, T0 + 6, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "is sent"));
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_mark_sending(db, it[0].id, T0 + 6, &cause), -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_mark_deferred(db, it[0].id, T0 + 6, "x", 0,
	    NULL, NULL, &cause), -1);
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
	ck_assert_int_eq(queue_mark_sending(db, id, T0, &cause), 0);
	ck_assert_int_eq(queue_mark_deferred(db, id, T0, "451 try later", 0,
	    NULL, NULL, &cause), 0);
	/* The wait, then up to a quarter more of jitter. */
	ck_assert_uint_eq(due(db, T0 + QUEUE_BACKOFF_FIRST - 1, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_uint_eq(due(db, T0 + QUEUE_BACKOFF_FIRST +
	    QUEUE_BACKOFF_FIRST / QUEUE_JITTER_DIV, 0, &it), 1);
	ck_assert_int_eq(it[0].attempts, 1);
	ck_assert_int_eq(it[0].state, QUEUE_DEFERRED);
	ck_assert_str_eq(queue_state_name(it[0].state), "deferred");
	ck_assert_str_eq(it[0].last_error, "451 try later");
	ck_assert_str_ge(it[0].next_attempt_at, "2024-05-02T08:05:00Z");
	ck_assert_str_le(it[0].next_attempt_at, "2024-05-02T08:06:15Z");
	queue_items_free(it, 1);
	/* The second wait is twice the first. */
	ck_assert_int_eq(queue_mark_sending(db, id, T0 + 400, &cause), 0);
	ck_assert_int_eq(queue_mark_deferred(db, id, T0 + 400, "421 busy", 0,
	    NULL, NULL, &cause), 0);
	ck_assert_uint_eq(due(db, T0 + 400 + 599, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_uint_eq(due(db, T0 + 400 + 750, 0, &it), 1);
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
	ck_assert_int_eq(queue_mark_sending(db, it[0].id, T0, &cause), 0);
	ck_assert_int_eq(queue_mark_failed(db, it[0].id, T0, "550 no such "
	    "user", NULL, NULL, &cause), 0);
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
	{ 16, QUEUE_BACKOFF_MAX },
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

/* The flagger's calls: case and reason of the last one, how many. */
static int64_t	 flagged_case;
static int	 flagged;

static int
flag_count(struct db_txn *txn, int64_t item, int64_t case_id,
    const char *why, time_t now, void *arg, char **cause)
{
	(void)txn;
	(void)item;
	(void)why;
	(void)now;
	(void)arg;
	(void)cause;
	flagged_case = case_id;
	flagged++;
	return (0);
}

/* One delivery pass from the mailbox's address, every case flagged
 * through flag_count. */
static int
deliver(struct db *db, const struct sender *s, void *st, time_t now,
    struct queue_report *r)
{
	struct queue_delivery	 d = { .sender = s, .state = st,
	    .env_from = "hotrocks@quangngai.dcs.vn", .now = now,
	    .flag = flag_count };
	char			*cause = NULL;
	int			 rc;

	rc = queue_deliver(db, &d, r, &cause);
	ck_assert_msg(rc == 0, "queue_deliver: %s", cause);
	return (rc);
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
	ck_assert_int_eq(deliver(db, &sender_file, st, T0 + 1, &r), 0);
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

	ck_assert_int_eq(deliver(db, &sender_file, st, T0 + 86400, &r), 0);
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

/* Deferred with backoff until the item is max_age old, then failed and
 * its case flagged once; a 5xx fails at once and flags too. */
START_TEST(queue_deliver_defers_until_max_age_then_fails)
{
	struct db		*db = open_db();
	struct queue_outgoing	 o[3] = { two[0], two[0], two[0] };
	struct queue_report	 r;
	struct queue_item	*it;
	size_t			 n;
	time_t			 now = T0;
	int			 passes = 0;
	char			*cause = NULL;

	o[0].message_id = "<1@x>";
	o[0].rcpt = "defer@example.vn";
	o[1].message_id = "<2@x>";
	o[1].rcpt = "fail@example.vn";
	o[2].message_id = "<3@x>";
	enqueue(db, o, 3, 1, T0);
	flagged = 0;
	deliver(db, &answer, NULL, now, &r);
	ck_assert_uint_eq(r.sent, 1);
	ck_assert_uint_eq(r.deferred, 1);
	ck_assert_uint_eq(r.failed, 1);
	ck_assert_int_eq(flagged, 1);
	ck_assert_int_eq(flagged_case, 1);
	do {
		now += QUEUE_BACKOFF_MAX + QUEUE_BACKOFF_MAX / QUEUE_JITTER_DIV;
		deliver(db, &answer, NULL, now, &r);
		passes++;
		ck_assert_uint_eq(r.deferred + r.failed, 1);
	} while (r.failed == 0);
	/* Not one pass before five days, nor one after. */
	ck_assert_int_ge(now - T0, QUEUE_MAX_AGE);
	ck_assert_int_lt(now - T0 - (QUEUE_BACKOFF_MAX + QUEUE_BACKOFF_MAX /
	    QUEUE_JITTER_DIV), QUEUE_MAX_AGE);
	ck_assert_int_eq(flagged, 2);
	ck_assert_int_eq(queue_list(db, "failed", &it, &n, &cause), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(it[0].message_id, "<1@x>");
	ck_assert_int_eq(it[0].attempts, passes + 1);
	ck_assert_str_eq(it[0].last_error, "451 4.3.0 try again later");
	ck_assert_str_eq(it[1].last_error, "550 5.1.1 no such user");
	queue_items_free(it, n);
	db_close(db);
}
END_TEST

/* A sender that counts what it was given. */
static int	 counted;
static char	*counted_id;

static enum sender_result
count_send(void *state, const char *env_from, const char *rcpt,
    const char *raw, size_t len, char **cause)
{
	(void)state;
	(void)env_from;
	(void)rcpt;
	(void)len;
	(void)cause;
	counted++;
	g_free(counted_id);
	counted_id = g_strdup(raw);
	return (SENDER_SENT);
}

static const struct sender counter = {
	.name = "counter",
	.send = count_send,
};

/* An item a crash left "sending" is sent again, first, whenever it was
 * due, with the very bytes queued; then never again. */
START_TEST(queue_sending_left_by_a_crash_is_sent_again_once)
{
	struct db		*db = open_db();
	struct queue_report	 r;
	struct queue_item	*it;
	char			*cause = NULL;

	enqueue(db, two, 2, 1, T0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 2);
	ck_assert_int_eq(queue_mark_sending(db, it[1].id, T0, &cause), 0);
	queue_items_free(it, 2);
	/* Before both are due, the interrupted one goes. */
	ck_assert_uint_eq(due(db, T0 - 60, 0, &it), 1);
	ck_assert_str_eq(it[0].message_id, two[1].message_id);
	ck_assert_int_eq(it[0].state, QUEUE_SENDING);
	queue_items_free(it, 1);
	counted = 0;
	deliver(db, &counter, NULL, T0 - 60, &r);
	ck_assert_uint_eq(r.sent, 1);
	ck_assert_uint_eq(r.resent, 1);
	ck_assert_str_eq(counted_id, two[1].raw);
	deliver(db, &counter, NULL, T0, &r);
	ck_assert_uint_eq(r.sent, 1);
	ck_assert_uint_eq(r.resent, 0);
	deliver(db, &counter, NULL, T0 + 86400, &r);
	ck_assert_uint_eq(r.sent, 0);
	ck_assert_int_eq(counted, 2);
	g_free(counted_id);
	counted_id = NULL;
	db_close(db);
}
END_TEST

/* A sender that, while sending the first item, has a person cancel the
 * second (its state is the store). */
static enum sender_result
cancel_send(void *state, const char *env_from, const char *rcpt,
    const char *raw, size_t len, char **cause)
{
	(void)env_from;
	(void)rcpt;
	(void)raw;
	(void)len;
	if (counted++ == 0)
		ck_assert_int_eq(queue_cancel(state, 2, T0, "lan", cause), 0);
	return (SENDER_SENT);
}

static const struct sender canceller = {
	.name = "canceller",
	.send = cancel_send,
};

/* An item cancelled after the pass read what was due is skipped, not
 * sent, and the pass goes on. */
START_TEST(queue_cancelled_during_a_pass_is_not_sent)
{
	struct db		*db = open_db();
	struct queue_outgoing	 o[3] = { two[0], two[0], two[0] };
	struct queue_report	 r;

	o[1].message_id = "<2@x>";
	o[2].message_id = "<3@x>";
	enqueue(db, o, 3, 1, T0);
	counted = 0;
	deliver(db, &canceller, db, T0, &r);
	ck_assert_uint_eq(r.sent, 2);
	ck_assert_int_eq(counted, 2);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE id = 2"
	    " AND state = 'cancelled'"), 1);
	db_close(db);
}
END_TEST

/* Retry and cancel: only from the states the diagram allows, audited
 * under the person's name. */
START_TEST(queue_retry_and_cancel_by_a_person)
{
	struct db		*db = open_db();
	struct queue_item	*it;
	int64_t			 id;
	char			*cause = NULL;

	enqueue(db, two, 1, 1, T0);
	ck_assert_uint_eq(due(db, T0, 0, &it), 1);
	id = it[0].id;
	queue_items_free(it, 1);
	/* queued: nothing to retry; cancelled, then retried. */
	ck_assert_int_eq(queue_retry(db, id, T0, NULL, "lan", &cause), -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_cancel(db, id, T0, "lan", &cause), 0);
	ck_assert_uint_eq(due(db, T0 + 86400, 0, &it), 0);
	queue_items_free(it, 0);
	ck_assert_int_eq(queue_retry(db, id, T0 + 100, NULL, "lan", &cause),
	    0);
	ck_assert_uint_eq(due(db, T0 + 100, 0, &it), 1);
	ck_assert_int_eq(it[0].state, QUEUE_QUEUED);
	queue_items_free(it, 1);
	/* sent: can be neither cancelled nor sent again by hand. */
	ck_assert_int_eq(queue_mark_sending(db, id, T0 + 100, &cause), 0);
	ck_assert_int_eq(queue_mark_sent(db, id, T0 + 100, &cause), 0);
	ck_assert_int_eq(queue_cancel(db, id, T0 + 200, "lan", &cause), -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_retry(db, id, T0 + 200, NULL, "lan", &cause),
	    -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(queue_get(db, id + 1, &it, &cause), 0);
	ck_assert_int_eq(queue_get(db, id, &it, &cause), 1);
	ck_assert_int_eq(it->state, QUEUE_SENT);
	queue_items_free(it, 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE actor ="
	    " 'lan' AND event IN ('cancelled', 'retry')"), 2);
	db_close(db);
}
END_TEST

/* s with its first from made to (g_free). */
static char *
replaced(const char *s, const char *from, const char *to)
{
	const char	*p = strstr(s, from);

	ck_assert_ptr_nonnull(p);
	return (g_strdup_printf("%.*s%s%s", (int)(p - s), s, to,
	    p + strlen(from)));
}

/* A held forward released days later is dated when it is released, not
 * when it was queued: its Date: written anew at the office's time, as
 * the composer dates it (from the older, shorter form another writer may
 * have left, so the header changes length), its Message-ID and every
 * other byte kept, its attachment (in a file) put back where it
 * belongs. */
START_TEST(queue_release_dates_the_held_item_now)
{
	struct db		*db = open_db();
	struct db_txn		*txn;
	struct queue_item	*it;
	struct compose_input	 in = { 0 };
	struct compose_attachment a = { 0 };
	struct queue_outgoing	 o = { 0 };
	unsigned char		 data[6000];
	char			*raw, *old, *want, *blobs, *cause = NULL;
	const char		*made =
				    "Date: Thu, 02 May 2024 15:00:00 +0700\r\n";
	const char		*older = "Date: 2 May 2024 15:00 +0700\r\n";
	const char		*now =
				    "Date: Sun, 05 May 2024 15:00:05 +0700\r\n";
	size_t			 len;
	int64_t			 id;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 3);
	a.filename = "Danh sách.xlsx";
	a.data = data;
	a.len = sizeof(data);
	in.message_id = "<hotrocks.forward.dated@quangngai.dcs.vn>";
	in.from_addr = "HotroCKS@quangngai.dcs.vn";
	in.to_addr = "ca@bcy.gov.vn";
	in.subject = "Chuyển danh sách";
	in.date = "2024-05-02T08:00:00Z";
	in.timezone = "Asia/Ho_Chi_Minh";
	in.body = "Kính gửi Cục.";
	in.attachments = &a;
	in.nattachments = 1;
	ck_assert_msg(compose_message(&in, &raw, &len, &cause) == 0, "%s",
	    cause);
	ck_assert_ptr_nonnull(strstr(raw, made));
	old = replaced(raw, made, older);
	want = replaced(raw, made, now);
	blobs = g_build_filename(tmpdir, "blobs", NULL);
	db_set_blob_dir(db, blobs);
	o.message_id = in.message_id;
	o.purpose = "forward";
	o.rcpt = "ca@bcy.gov.vn";
	o.raw = old;
	txn = db_begin(db, &cause);
	ck_assert_int_eq(queue_enqueue(txn, &o, 1, 1, 1, T0, &cause), 0);
	ck_assert_int_eq(queue_hold(txn, o.message_id, &cause), 0);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	/* the attachment went to its file */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox_blobs"), 1);
	id = count(db, "SELECT id FROM outbox");

	txn = db_begin(db, &cause);
	ck_assert_msg(queue_release(txn, id, T0 + 3 * 86400 + 5,
	    "Asia/Ho_Chi_Minh", "lan", &cause) == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	ck_assert_int_eq(queue_get(db, id, &it, &cause), 1);
	ck_assert_int_eq(it->state, QUEUE_QUEUED);
	ck_assert_str_eq(it->message_id, in.message_id);
	ck_assert_str_eq(it->next_attempt_at, "2024-05-05T08:00:05Z");
	ck_assert_str_eq(it->created_at, "2024-05-02T08:00:00Z");
	ck_assert_msg(strncmp(it->raw, now, strlen(now)) == 0, "%.60s",
	    it->raw);
	ck_assert_uint_eq(strlen(it->raw), strlen(want));
	ck_assert(strcmp(it->raw, want) == 0);
	queue_items_free(it, 1);
	g_free(raw);
	g_free(old);
	g_free(want);
	g_free(blobs);
	db_close(db);
}
END_TEST

/* A bounce names a sent item by its Message-ID: bounced with the reason,
 * the case flagged; a second DSN for it, or one for a stranger, changes
 * nothing. */
START_TEST(queue_bounce_marks_the_sent_item)
{
	struct db		*db = open_db();
	struct queue_report	 r;
	struct queue_item	*it;
	struct db_txn		*txn;
	int64_t			 item, kase, first;
	char			*cause = NULL;

	enqueue(db, two, 1, 1, T0);
	deliver(db, &counter, NULL, T0, &r);
	ck_assert_uint_eq(r.sent, 1);
	txn = db_begin(db, &cause);
	ck_assert_int_eq(queue_bounce(txn, "<nobody@x>", "550 gone", T0 + 9,
	    &item, &kase, &cause), 0);
	ck_assert_int_eq(queue_bounce(txn, two[0].message_id,
	    "smtp; 550 5.1.1 user unknown", T0 + 9, &item, &kase, &cause), 1);
	ck_assert_int_eq(kase, 1);
	first = item;
	ck_assert_int_eq(queue_bounce(txn, two[0].message_id, "again",
	    T0 + 9, &item, &kase, &cause), 0);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	ck_assert_int_eq(queue_get(db, first, &it, &cause), 1);
	ck_assert_int_eq(it->state, QUEUE_BOUNCED);
	ck_assert_str_eq(it->last_error, "smtp; 550 5.1.1 user unknown");
	queue_items_free(it, 1);
	g_free(counted_id);
	counted_id = NULL;
	db_close(db);
}
END_TEST

/* A letter that bounced, sent again by a person days later, is dated
 * when it goes again, in the office's zone (here one west of UTC); its
 * Message-ID and body stay. A deferred item that the queue itself tries
 * again keeps its Date:. */
START_TEST(queue_retry_by_a_person_dates_it_now)
{
	static const struct queue_outgoing dated[] = {
		{ "<hotrocks.ack.dated@quangngai.dcs.vn>", "ack",
		    "vanphong@huyenuy.example.vn",
		    "Date: Thu, 02 May 2024 08:00:00 +0000\r\n"
		    "Message-ID: <hotrocks.ack.dated@quangngai.dcs.vn>\r\n"
		    "Subject: ack\r\n\r\nok\r\n", NULL, 0 },
	};
	struct db		*db = open_db();
	struct queue_report	 r;
	struct queue_item	*it;
	struct db_txn		*txn;
	int64_t			 item, kase;
	char			*cause = NULL;

	enqueue(db, dated, 1, 1, T0);
	item = count(db, "SELECT id FROM outbox");
	ck_assert_int_eq(queue_mark_sending(db, item, T0 + 60, &cause), 0);
	ck_assert_int_eq(queue_mark_deferred(db, item, T0 + 60, "421 busy",
	    7 * 86400, NULL, NULL, &cause), 0);
	ck_assert_int_eq(queue_get(db, item, &it, &cause), 1);
	ck_assert_ptr_nonnull(strstr(it->raw, "Date: Thu, 02 May 2024"
	    " 08:00:00 +0000\r\n"));
	queue_items_free(it, 1);
	deliver(db, &counter, NULL, T0 + 86400, &r);
	ck_assert_uint_eq(r.sent, 1);
	txn = db_begin(db, &cause);
	ck_assert_int_eq(queue_bounce(txn, dated[0].message_id,
	    "smtp; 550 5.2.2 mailbox full", T0 + 86400 + 9, &item, &kase,
	    &cause), 1);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	ck_assert_int_eq(queue_retry(db, item, T0 + 3 * 86400 + 5,
	    "America/New_York", "lan", &cause), 0);
	ck_assert_int_eq(queue_get(db, item, &it, &cause), 1);
	ck_assert_int_eq(it->state, QUEUE_QUEUED);
	ck_assert_str_eq(it->raw, "Date: Sun, 05 May 2024 04:00:05 -0400\r\n"
	    "Message-ID: <hotrocks.ack.dated@quangngai.dcs.vn>\r\n"
	    "Subject: ack\r\n\r\nok\r\n");
	queue_items_free(it, 1);
	g_free(counted_id);
	counted_id = NULL;
	db_close(db);
}
END_TEST

/* A store written before the states existed: its deferred item (queued
 * with attempts) reads as deferred, the rest as they were. */
START_TEST(queue_migration_keeps_items_and_names_deferred)
{
	static const struct db_migration v1[] = {
		{ { stand_in, queue_schema_v1, audit_schema_v1 } },
	};
	struct db	*db;
	char		*cause = NULL;

	db = db_open(dbpath, v1, 1, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_exec(db, "INSERT INTO outbox (message_id, purpose,"
	    " rcpt, raw, state, attempts, next_attempt_at, created_at, msg_id)"
	    " VALUES ('<a@x>', 'ack', 'u@x', 'r', 'queued', 2, 't', 't', 1),"
	    " ('<b@x>', 'ack', 'u@x', 'r', 'queued', 0, 't', 't', 1),"
	    " ('<c@x>', 'ack', 'u@x', 'r', 'sent', 1, 't', 't', 1)",
	    &cause), 0);
	db_close(db);
	db = open_db();
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE"
	    " message_id = '<a@x>' AND state = 'deferred'"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE"
	    " message_id = '<b@x>' AND state = 'queued'"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE"
	    " message_id = '<c@x>' AND state = 'sent'"), 1);
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
	tcase_add_test(tc, queue_deliver_defers_until_max_age_then_fails);
	tcase_add_test(tc, queue_sending_left_by_a_crash_is_sent_again_once);
	tcase_add_test(tc, queue_retry_and_cancel_by_a_person);
	tcase_add_test(tc, queue_retry_by_a_person_dates_it_now);
	tcase_add_test(tc, queue_cancelled_during_a_pass_is_not_sent);
	tcase_add_test(tc, queue_bounce_marks_the_sent_item);
	tcase_add_test(tc, queue_release_dates_the_held_item_now);
	tcase_add_test(tc, queue_migration_keeps_items_and_names_deferred);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return (s);
}
