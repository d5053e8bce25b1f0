/* check-pipeline.c: one message from its source to the store, exactly
 * once: a normal ingest, a re-delivery, an acknowledgement that fails, and
 * a crash between the commit and the acknowledgement. The source is a real
 * table of functions over messages held in memory (the sample mail), with
 * a hook in its ack; the store is a real SQLite file. */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "intake/pipeline.h"
#include "intake/source.h"
#include "lib/db.h"
#include "testlib.h"

/* 2023-06-01T08:00:00Z: the messages' receipt time, a year the clock
 * will never show again, so the store can only have it from them. */
#define RECEIVED	((time_t)1685606400)

enum ack_hook {
	ACK_OK,			/* acknowledge */
	ACK_FAIL,		/* refuse, as a dropped IMAP connection would */
	ACK_CRASH,		/* die here, right after the commit */
};

/* The mail held in memory, and what became of it at the source. */
#define INBOX_MAX	4
struct inbox {
	size_t		 n;
	char		*name[INBOX_MAX];
	unsigned char	*data[INBOX_MAX];
	size_t		 len[INBOX_MAX];
	enum ack_hook	 hook;
	int		 acked[INBOX_MAX];	/* successful acks */
	char		*action[INBOX_MAX];	/* the last ack's action */
};

struct mem_state {
	struct inbox	*inbox;
	size_t		 next;
};

static struct inbox	 inbox;
static struct config	*cfg;
static char		*tmpdir;

static void	*mem_open(const struct config *, const char *, char **);
static size_t	 mem_count(void *);
static int	 mem_next(void *, struct source_msg *, char **);
static int	 mem_ack(void *, const struct source_msg *, const char *,
		    char **);
static void	 mem_close(void *);

static const struct source source_mem = {
	.name = "mem",
	.open = mem_open,
	.count = mem_count,
	.next = mem_next,
	.ack = mem_ack,
	.close = mem_close,
};

static void *
mem_open(const struct config *c, const char *spec, char **cause)
{
	struct mem_state *st;

	(void)c;
	(void)spec;
	(void)cause;
	st = g_new0(struct mem_state, 1);
	st->inbox = &inbox;
	return (st);
}

static size_t
mem_count(void *state)
{
	return (((struct mem_state *)state)->inbox->n);
}

static int
mem_next(void *state, struct source_msg *msg, char **cause)
{
	struct mem_state	*st = state;
	size_t			 i = st->next;

	(void)cause;
	if (i >= st->inbox->n)
		return (0);
	st->next++;
	memset(msg, 0, sizeof(*msg));
	msg->data = g_memdup2(st->inbox->data[i], st->inbox->len[i]);
	msg->len = msg->size = st->inbox->len[i];
	msg->origin = g_strdup(st->inbox->name[i]);
	msg->received_at = RECEIVED;
	return (1);
}

static int
mem_ack(void *state, const struct source_msg *msg, const char *action,
    char **cause)
{
	struct mem_state	*st = state;
	size_t			 i;

	for (i = 0; i < st->inbox->n; i++)
		if (strcmp(st->inbox->name[i], msg->origin) == 0)
			break;
	ck_assert_uint_lt(i, st->inbox->n);
	switch (st->inbox->hook) {
	case ACK_CRASH:
		raise(SIGKILL);
		break;
	case ACK_FAIL:
		*cause = g_strdup("connection lost");
		return (-1);
	case ACK_OK:
		break;
	}
	st->inbox->acked[i]++;
	g_free(st->inbox->action[i]);
	st->inbox->action[i] = g_strdup(action);
	return (0);
}

static void
mem_close(void *state)
{
	g_free(state);
}

static void
add(const char *sample)
{
	const char	*dir = getenv("HOTROCKS_SAMPLES");
	char		*p;

	ck_assert_uint_lt(inbox.n, INBOX_MAX);
	p = g_build_filename(dir != NULL ? dir : "build/samples", sample,
	    NULL);
	inbox.data[inbox.n] = test_slurp(p, &inbox.len[inbox.n]);
	inbox.name[inbox.n] = g_strdup(sample);
	inbox.n++;
	g_free(p);
}

static void
setup(void)
{
	char	*cause = NULL;

	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
	cfg = config_load("samples/hotrocks.conf", &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	g_free(cfg->database);
	g_free(cfg->archive_dir);
	cfg->database = g_build_filename(tmpdir, "h.db", NULL);
	cfg->archive_dir = g_build_filename(tmpdir, "archive", NULL);
	memset(&inbox, 0, sizeof(inbox));
	add("01-outlook-docx-sontinh.eml");	/* queue: a case, 2 replies */
	add("05-zimbra-docx-row-errors.eml");	/* reject: 1 reply */
	add("08-outlook-auto-reply.eml");	/* ignore: nothing */
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	for (size_t i = 0; i < inbox.n; i++) {
		g_free(inbox.name[i]);
		g_free(inbox.data[i]);
		g_free(inbox.action[i]);
	}
	config_free(cfg);
}

static size_t	 run_counting(size_t *);
static char	*maildir_of_inbox(void);

/* One pass over the inbox, as `hotrocks ingest` makes it. Returns how
 * many were recorded before (duplicates). */
static size_t
run(void)
{
	return (run_counting(NULL));
}

/* The same; each message's failure in *failed_r when it is not NULL,
 * else none may fail. */
static size_t
run_counting(size_t *failed_r)
{
	struct pipeline		 pl = { .cfg = cfg };
	struct source_msg	 msg;
	struct ingest_result	 r;
	void			*st;
	char			*cause = NULL;
	size_t			 dups = 0;
	int			 n;

	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	st = source_mem.open(cfg, NULL, &cause);
	if (failed_r != NULL)
		*failed_r = 0;
	while ((n = source_mem.next(st, &msg, &cause)) == 1) {
		if (pipeline_ingest(&pl, &source_mem, st, &msg, &r,
		    &cause) == -1) {
			ck_assert_msg(failed_r != NULL, "%s: %s", msg.origin,
			    cause);
			(*failed_r)++;
			g_free(cause);
			cause = NULL;
		} else if (r.duplicate)
			dups++;
		ingest_result_deinit(&r);
		source_msg_free(&msg);
	}
	source_mem.close(st);
	db_close(pl.db);
	return (dups);
}

/* "messages cases outbox audit", to compare before and after. */
static char *
counts(void)
{
	static const char *const tables[] = { "messages", "cases", "outbox",
	    "audit" };
	GString		*s = g_string_new(NULL);
	sqlite3		*h;
	sqlite3_stmt	*stmt;

	ck_assert_int_eq(sqlite3_open_v2(cfg->database, &h,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t i = 0; i < G_N_ELEMENTS(tables); i++) {
		char *sql = g_strdup_printf("SELECT count(*) FROM %s",
		    tables[i]);

		ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL),
		    SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
		g_string_append_printf(s, "%s%lld", i ? " " : "",
		    (long long)sqlite3_column_int64(stmt, 0));
		sqlite3_finalize(stmt);
		g_free(sql);
	}
	sqlite3_close(h);
	return (g_string_free(s, FALSE));
}

/* sql is fixed text of the test's own; one text column of one row. */
static char *
text(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*stmt;
	char		*v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(cfg->database, &h,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = g_strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	return (v);
}

static void
assert_text(const char *sql, const char *want)
{
	char	*v = text(sql);

	ck_assert_msg(v != NULL && strcmp(v, want) == 0, "%s: got %s, want %s",
	    sql, v == NULL ? "(none)" : v, want);
	g_free(v);
}

/* Three messages: one case, three replies queued, each message acked
 * once with its action; every time is the messages' own. */
START_TEST(pipeline_ingest_records_and_acks_each_message)
{
	char	*c;

	ck_assert_uint_eq(run(), 0);
	c = counts();
	/* 3 received + 1 case_opened + 3 queued + 1 forward_held */
	ck_assert_str_eq(c, "3 1 3 8");
	g_free(c);
	for (size_t i = 0; i < inbox.n; i++)
		ck_assert_int_eq(inbox.acked[i], 1);
	ck_assert_str_eq(inbox.action[0], "queue");
	ck_assert_str_eq(inbox.action[1], "reject");
	ck_assert_str_eq(inbox.action[2], "ignore");
	/* One clock: the case's year, received_at and the audit entries
	 * come from the source's receipt time, not the clock. */
	assert_text("SELECT number FROM cases", "HT-2023-000001");
	assert_text("SELECT group_concat(DISTINCT received_at) FROM messages",
	    "2023-06-01T08:00:00Z");
	assert_text("SELECT group_concat(DISTINCT at) FROM audit"
	    " WHERE event IN ('received', 'case_opened')",
	    "2023-06-01T08:00:00Z");
	assert_text("SELECT group_concat(purpose, ' ') FROM (SELECT purpose"
	    " FROM outbox ORDER BY id)", "ack forward reject");
}
END_TEST

/* The same mail again changes nothing and is acked as it was first. */
START_TEST(pipeline_redelivery_adds_nothing)
{
	char	*before, *after;

	ck_assert_uint_eq(run(), 0);
	before = counts();
	ck_assert_uint_eq(run(), inbox.n);
	after = counts();
	ck_assert_str_eq(after, before);
	for (size_t i = 0; i < inbox.n; i++)
		ck_assert_int_eq(inbox.acked[i], 2);
	ck_assert_str_eq(inbox.action[0], "queue");
	ck_assert_str_eq(inbox.action[1], "reject");
	g_free(before);
	g_free(after);
}
END_TEST

/* An ack that fails leaves the record; the next run acknowledges without
 * recording again. */
START_TEST(pipeline_failed_ack_is_recorded_and_acked_next_run)
{
	char	*before, *after;

	inbox.hook = ACK_FAIL;
	ck_assert_uint_eq(run(), 0);
	before = counts();
	ck_assert_str_eq(before, "3 1 3 8");
	for (size_t i = 0; i < inbox.n; i++)
		ck_assert_int_eq(inbox.acked[i], 0);
	inbox.hook = ACK_OK;
	ck_assert_uint_eq(run(), inbox.n);
	after = counts();
	ck_assert_str_eq(after, before);
	for (size_t i = 0; i < inbox.n; i++)
		ck_assert_int_eq(inbox.acked[i], 1);
	ck_assert_str_eq(inbox.action[0], "queue");
	g_free(before);
	g_free(after);
}
END_TEST

/* A process killed right after the commit, before the ack: the next run
 * finds the message recorded, records nothing, and acks it once. */
START_TEST(pipeline_crash_between_commit_and_ack)
{
	char	*after;
	pid_t	 pid;
	int	 status;

	inbox.n = 1;			/* the queued one: case and replies */
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		inbox.hook = ACK_CRASH;
		run();
		_exit(0);		/* not reached: ack raised SIGKILL */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "child status %d", status);
	after = counts();
	ck_assert_str_eq(after, "1 1 2 5");	/* committed before the kill */
	g_free(after);
	ck_assert_int_eq(inbox.acked[0], 0);

	ck_assert_uint_eq(run(), 1);
	after = counts();
	ck_assert_str_eq(after, "1 1 2 5");
	g_free(after);
	ck_assert_int_eq(inbox.acked[0], 1);
	ck_assert_str_eq(inbox.action[0], "queue");
	inbox.n = 3;			/* teardown frees all three */
}
END_TEST

/* Every message of the Maildir at md through the pipeline, as ingest
 * does: in batches of up to batch messages (archived and synced once,
 * recorded, then moved by pipeline_flush); returns how many were
 * refused. */
static size_t
run_maildir_batch(const char *md, size_t batch)
{
	struct pipeline		 pl = { .cfg = cfg };
	struct pipeline_item	*items;
	void			*st;
	char			*cause = NULL;
	size_t			 failed = 0, k;
	int			 n = 1;

	items = g_new0(struct pipeline_item, batch);
	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	st = source_maildir.open(cfg, md, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	while (n != 0) {
		for (k = 0; k < batch &&
		    (n = source_maildir.next(st, &items[k].msg, &cause)) != 0;
		    k++) {
			ck_assert_msg(n == 1, "%s", cause);
			items[k].src = &source_maildir;
			items[k].state = st;
		}
		pipeline_ingest_batch(&pl, items, k);
		for (size_t i = 0; i < k; i++) {
			if (items[i].rc == -1) {
				failed++;
				g_free(items[i].cause);
			} else
				ingest_result_deinit(&items[i].res);
			source_msg_free(&items[i].msg);
		}
		ck_assert_msg(pipeline_flush(&pl, &source_maildir, st,
		    &cause) == 0, "%s", cause);
	}
	source_maildir.close(st);
	db_close(pl.db);
	g_free(items);
	return (failed);
}

static size_t
run_maildir(const char *md)
{
	return (run_maildir_batch(md, PIPELINE_BATCH));
}

/* An empty file and bytes that are no MIME message: each is recorded for
 * a person with message_unreadable and leaves new/, so the next run has
 * nothing to do and fails nothing. */
START_TEST(pipeline_unreadable_files_are_recorded_and_acked)
{
	static const unsigned char garbage[] = { 0x00, 0xff, 0xfe, 0x00, 0x1b,
	    0x89, 'P', 'N', 'G', 0x00, 0x00, 0x00 };
	char	*md = g_build_filename(tmpdir, "Maildir", NULL);
	char	*dir, *p, *c;

	for (size_t i = 0; i < 3; i++) {
		static const char *const sub[] = { "cur", "new", "tmp" };

		dir = g_build_filename(md, sub[i], NULL);
		ck_assert_int_eq(g_mkdir_with_parents(dir, 0700), 0);
		g_free(dir);
	}
	p = g_build_filename(md, "new", "1.empty", NULL);
	ck_assert(g_file_set_contents(p, "", 0, NULL));
	g_free(p);
	p = g_build_filename(md, "new", "2.garbage", NULL);
	ck_assert(g_file_set_contents(p, (const char *)garbage,
	    sizeof(garbage), NULL));
	g_free(p);

	ck_assert_uint_eq(run_maildir(md), 0);
	dir = g_build_filename(md, "new", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	g_free(dir);
	dir = g_build_filename(md, "cur", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 2);
	g_free(dir);
	assert_text("SELECT count(*) FROM messages WHERE kind = 'unknown'"
	    " AND action = 'manual' AND contract_json LIKE"
	    " '%\"message_unreadable\"%'", "2");
	assert_text("SELECT count(*) FROM cases WHERE state = 'review'", "2");
	assert_text("SELECT count(*) FROM outbox", "0");
	assert_text("SELECT count(*) FROM attempts", "0");
	c = counts();
	ck_assert_uint_eq(run_maildir(md), 0);	/* nothing left to do */
	p = counts();
	ck_assert_str_eq(p, c);
	g_free(p);
	g_free(c);
	g_free(md);
}
END_TEST

/* A message whose decision kills the process (HOTROCKS_CRASH_AT=decide
 * raises SIGKILL after the attempt is counted) three times is recorded
 * on the fourth run as manual with processing_failed, without being
 * decided again, and acknowledged. Each run is a child process. */
START_TEST(pipeline_poison_message_is_set_aside_after_three_kills)
{
	pid_t	pid;
	int	status;
	char	*c;

	inbox.n = 1;			/* the queued one */
	for (int run_no = 1; run_no <= 4; run_no++) {
		pid = fork();
		ck_assert_int_ne(pid, -1);
		if (pid == 0) {
			setenv("HOTROCKS_CRASH_AT", "decide", 1);
			run();
			_exit(inbox.acked[0] == 1 && inbox.action[0] != NULL &&
			    strcmp(inbox.action[0], "manual") == 0 ? 0 : 1);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		if (run_no < 4) {
			char *want = g_strdup_printf("%d", run_no);

			ck_assert_msg(WIFSIGNALED(status) &&
			    WTERMSIG(status) == SIGKILL, "run %d: status %d",
			    run_no, status);
			c = counts();
			ck_assert_str_eq(c, "0 0 0 0");	/* nothing recorded */
			g_free(c);
			assert_text("SELECT attempts FROM attempts", want);
			g_free(want);
		} else
			ck_assert_msg(WIFEXITED(status) &&
			    WEXITSTATUS(status) == 0, "run 4: status %d, "
			    "not recorded and acked as manual", status);
	}
	assert_text("SELECT action || ' ' || kind FROM messages",
	    "manual unknown");
	assert_text("SELECT count(*) FROM messages WHERE contract_json LIKE"
	    " '%\"processing_failed\"%'", "1");
	assert_text("SELECT state FROM cases", "review");
	/* the person who takes it sees who sent what (e2e trial 5,
	 * finding 3): its header, read alone */
	assert_text("SELECT message_id IS NOT NULL AND from_addr LIKE '%@%'"
	    " AND subject != '' FROM messages", "1");
	assert_text("SELECT from_addr LIKE '%@%' AND subject != '' FROM cases",
	    "1");
	assert_text("SELECT count(*) FROM attempts", "0");
	assert_text("SELECT count(*) FROM outbox", "0");
	/* The next run finds it recorded: nothing more. */
	ck_assert_uint_eq(run(), 1);
	ck_assert_int_eq(inbox.acked[0], 1);
	ck_assert_str_eq(inbox.action[0], "manual");
	inbox.n = 3;			/* teardown frees all three */
}
END_TEST

/* A disk that fills while the store is written (RLIMIT_FSIZE keeps the
 * store's WAL under 40,000 bytes: room to count an attempt, not to
 * record a list): each pass fails and acknowledges no list, and four
 * such passes do not make them poison, as four kills would. With room
 * again, each is decided as it would have been. */
START_TEST(pipeline_full_disk_is_no_poison)
{
	struct rlimit	 full, room;
	struct db	*db;
	char		*cause = NULL;
	size_t		 failed;

	db = store_open(cfg->database, &cause);	/* made while there is room */
	ck_assert_msg(db != NULL, "%s", cause);
	db_close(db);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &room), 0);
	full.rlim_cur = 40000;
	full.rlim_max = room.rlim_max;
	signal(SIGXFSZ, SIG_IGN);	/* EFBIG, as a full disk: no kill */
	for (int pass = 1; pass <= 4; pass++) {
		ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &full), 0);
		run_counting(&failed);
		ck_assert_msg(failed >= 2, "pass %d: %zu failed", pass,
		    failed);
		ck_assert_int_eq(inbox.acked[0], 0);
		ck_assert_int_eq(inbox.acked[1], 0);
		/* a little room between passes: the WAL checkpointed, so
		 * the next pass can count its attempts again */
		ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &room), 0);
		db = store_open(cfg->database, &cause);
		ck_assert_msg(db != NULL, "%s", cause);
		db_close(db);
	}
	run();
	for (size_t i = 0; i < inbox.n; i++)
		ck_assert_int_eq(inbox.acked[i], 1);
	ck_assert_str_eq(inbox.action[0], "queue");
	ck_assert_str_eq(inbox.action[1], "reject");
	ck_assert_str_eq(inbox.action[2], "ignore");
	assert_text("SELECT count(*) FROM messages WHERE contract_json LIKE"
	    " '%\"processing_failed\"%'", "0");
	assert_text("SELECT count(*) FROM attempts", "0");
}
END_TEST

/* The same full disk under a batch (ingest, poll, run): the first
 * message the store cannot take fails for now, the rest of the batch is
 * not tried (one error, not one a message), nothing leaves new/; with
 * room, each is recorded once. */
START_TEST(pipeline_full_disk_stops_the_batch)
{
	struct pipeline		 pl = { .cfg = cfg };
	struct pipeline_item	 items[3];
	struct rlimit		 full, room;
	char			*md = maildir_of_inbox(), *dir, *cause = NULL;
	void			*st;

	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	st = source_maildir.open(cfg, md, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	memset(items, 0, sizeof(items));
	for (size_t k = 0; k < 3; k++) {
		ck_assert_int_eq(source_maildir.next(st, &items[k].msg,
		    &cause), 1);
		items[k].src = &source_maildir;
		items[k].state = st;
	}
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &room), 0);
	full.rlim_cur = 40000;
	full.rlim_max = room.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &full), 0);
	pipeline_ingest_batch(&pl, items, 3);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &room), 0);
	for (size_t k = 0; k < 3; k++) {
		ck_assert_int_eq(items[k].rc, -1);
		ck_assert(items[k].for_now);
		ck_assert_msg((k == 0) == !g_str_has_prefix(items[k].cause,
		    "not tried"), "%zu: %s", k, items[k].cause);
		g_free(items[k].cause);
		source_msg_free(&items[k].msg);
	}
	ck_assert_msg(pipeline_flush(&pl, &source_maildir, st, &cause) == 0,
	    "%s", cause);
	source_maildir.close(st);
	db_close(pl.db);
	dir = g_build_filename(md, "new", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 3);	/* none acknowledged */

	ck_assert_uint_eq(run_maildir(md), 0);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	assert_text("SELECT count(*) FROM messages", "3");
	assert_text("SELECT count(*) FROM attempts", "0");
	g_free(dir);
	g_free(md);
}
END_TEST

/* A message decided at the first attempt leaves no count behind. */
START_TEST(pipeline_recorded_message_leaves_no_attempts)
{
	ck_assert_uint_eq(run(), 0);
	assert_text("SELECT count(*) FROM attempts", "0");
	ck_assert_uint_eq(run(), inbox.n);
	assert_text("SELECT count(*) FROM attempts", "0");
}
END_TEST

/* A Maildir of the three messages, all in new/. */
static char *
maildir_of_inbox(void)
{
	char	*md = g_build_filename(tmpdir, "Maildir", NULL);

	for (size_t i = 0; i < 3; i++) {
		static const char *const sub[] = { "cur", "new", "tmp" };
		char *dir = g_build_filename(md, sub[i], NULL);

		ck_assert_int_eq(g_mkdir_with_parents(dir, 0700), 0);
		g_free(dir);
	}
	for (size_t i = 0; i < inbox.n; i++) {
		char *name = g_strdup_printf("17000000%02zu.m%zu.host", i, i);
		char *p = g_build_filename(md, "new", name, NULL);

		ck_assert(g_file_set_contents(p, (const char *)inbox.data[i],
		    (gssize)inbox.len[i], NULL));
		g_free(p);
		g_free(name);
	}
	return (md);
}

static size_t
archived_files(void)
{
	char	*cmd = g_strdup_printf("find '%s/archive' -name '*.eml' "
	    "-type f | wc -l", tmpdir);
	FILE	*fp = popen(cmd, "r");
	size_t	 n = 0;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fscanf(fp, "%zu", &n), 1);
	pclose(fp);
	g_free(cmd);
	return (n);
}

/* ingest killed in the middle of a batch, at each point of it: once the
 * batch is archived (files synced, nothing recorded), and once every
 * message of it is recorded but none moved. The next run records every
 * message once and moves each to cur/; a third run changes nothing. */
static const char *const batch_kill_points[] = {
	"batch-archived", "batch-recorded",
};

START_TEST(pipeline_kill_in_the_middle_of_a_batch)
{
	const char	*point = batch_kill_points[_i];
	char		*md = maildir_of_inbox(), *dir, *c;
	pid_t		 pid;
	int		 status;

	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		setenv("HOTROCKS_CRASH_AT", point, 1);
		run_maildir_batch(md, 8);
		_exit(0);		/* not reached */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "%s: status %d", point, status);
	ck_assert_uint_eq(archived_files(), 3);
	c = counts();
	ck_assert_str_eq(c, strcmp(point, "batch-archived") == 0 ?
	    "0 0 0 0" : "3 1 3 8");
	g_free(c);
	dir = g_build_filename(md, "new", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 3);	/* none acknowledged */
	g_free(dir);

	ck_assert_uint_eq(run_maildir_batch(md, 8), 0);
	c = counts();
	ck_assert_str_eq(c, "3 1 3 8");		/* each recorded once */
	g_free(c);
	assert_text("SELECT count(DISTINCT sha256) FROM messages", "3");
	assert_text("SELECT count(*) FROM attempts", "0");
	dir = g_build_filename(md, "new", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	g_free(dir);
	dir = g_build_filename(md, "cur", NULL);
	ck_assert_uint_eq(test_dir_entries(dir), 3);	/* each acknowledged */
	g_free(dir);

	ck_assert_uint_eq(run_maildir_batch(md, 8), 0);
	c = counts();
	ck_assert_str_eq(c, "3 1 3 8");
	g_free(c);
	ck_assert_uint_eq(archived_files(), 3);
	g_free(md);
}
END_TEST

Suite *
pipeline_suite(void)
{
	Suite	*s = suite_create("pipeline");
	TCase	*tc = tcase_create("exactly once");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pipeline_ingest_records_and_acks_each_message);
	tcase_add_test(tc, pipeline_redelivery_adds_nothing);
	tcase_add_test(tc, pipeline_failed_ack_is_recorded_and_acked_next_run);
	tcase_add_test(tc, pipeline_crash_between_commit_and_ack);
	tcase_add_test(tc, pipeline_unreadable_files_are_recorded_and_acked);
	tcase_add_test(tc, pipeline_poison_message_is_set_aside_after_three_kills);
	tcase_add_test(tc, pipeline_recorded_message_leaves_no_attempts);
	tcase_add_test(tc, pipeline_full_disk_is_no_poison);
	tcase_add_test(tc, pipeline_full_disk_stops_the_batch);
	tcase_add_loop_test(tc, pipeline_kill_in_the_middle_of_a_batch, 0,
	    G_N_ELEMENTS(batch_kill_points));
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (s);
}
