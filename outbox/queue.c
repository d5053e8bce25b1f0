/* queue.c: the outbox table. Every value is bound, every change of state
 * is one transaction with its audit entry, and an item's Message-ID and
 * bytes never change once queued, but for its Date:, set again when a
 * person releases a held item or sends one again (outbox retry). */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "lib/audit.h"
#include "lib/log.h"
#include "lib/sha256.h"
#include "outbox/blob.h"
#include "outbox/queue.h"

/* Unchanged since the first schema (this text is part of migration 1). */
const char queue_schema_v1[] =
    "CREATE TABLE outbox (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	message_id	TEXT NOT NULL UNIQUE,\n"
    "	purpose		TEXT NOT NULL,\n"
    "	rcpt		TEXT NOT NULL,\n"
    "	raw		TEXT NOT NULL,\n"
    "	state		TEXT NOT NULL DEFAULT 'queued'\n"
    "			CHECK (state IN ('queued', 'sent', 'failed')),\n"
    "	attempts	INTEGER NOT NULL DEFAULT 0,\n"
    "	next_attempt_at	TEXT NOT NULL,\n"
    "	created_at	TEXT NOT NULL,\n"
    "	sent_at		TEXT,\n"
    "	last_error	TEXT,\n"
    "	case_id		INTEGER REFERENCES cases (id),\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id)\n"
    ");\n"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);\n"
    "\n";

/* Migration 4: the state "held" (a forward waiting for consent), by
 * rebuilding the table with its rows and ids. */
const char queue_schema_v4[] =
    "CREATE TABLE outbox_v3 (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	message_id	TEXT NOT NULL UNIQUE,\n"
    "	purpose		TEXT NOT NULL,\n"
    "	rcpt		TEXT NOT NULL,\n"
    "	raw		TEXT NOT NULL,\n"
    "	state		TEXT NOT NULL DEFAULT 'queued'\n"
    "			CHECK (state IN ('queued', 'sent', 'failed',"
    " 'held')),\n"
    "	attempts	INTEGER NOT NULL DEFAULT 0,\n"
    "	next_attempt_at	TEXT NOT NULL,\n"
    "	created_at	TEXT NOT NULL,\n"
    "	sent_at		TEXT,\n"
    "	last_error	TEXT,\n"
    "	case_id		INTEGER REFERENCES cases (id),\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id)\n"
    ");\n"
    "INSERT INTO outbox_v3 SELECT * FROM outbox;\n"
    "DROP TABLE outbox;\n"
    "ALTER TABLE outbox_v3 RENAME TO outbox;\n"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);\n"
    "\n";

/*
 * Migration 5: SQLite cannot change a CHECK constraint, so the table is
 * rebuilt with every state and a sending_at column. An item the old code
 * had deferred (queued with attempts) becomes "deferred".
 */
const char queue_schema_v5[] =
    "CREATE TABLE outbox_v5 (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	message_id	TEXT NOT NULL UNIQUE,\n"
    "	purpose		TEXT NOT NULL,\n"
    "	rcpt		TEXT NOT NULL,\n"
    "	raw		TEXT NOT NULL,\n"
    "	state		TEXT NOT NULL DEFAULT 'queued'\n"
    "			CHECK (state IN ('queued', 'sending', 'sent',\n"
    "			    'deferred', 'failed', 'bounced', 'cancelled',\n"
    "			    'held')),\n"
    "	attempts	INTEGER NOT NULL DEFAULT 0,\n"
    "	next_attempt_at	TEXT NOT NULL,\n"
    "	created_at	TEXT NOT NULL,\n"
    "	sent_at		TEXT,\n"
    "	last_error	TEXT,\n"
    "	case_id		INTEGER REFERENCES cases (id),\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id),\n"
    "	sending_at	TEXT\n"
    ");\n"
    "INSERT INTO outbox_v5 (id, message_id, purpose, rcpt, raw, state,\n"
    "	attempts, next_attempt_at, created_at, sent_at, last_error,\n"
    "	case_id, msg_id)\n"
    "    SELECT id, message_id, purpose, rcpt, raw,\n"
    "	CASE WHEN state = 'queued' AND attempts > 0 THEN 'deferred'\n"
    "	    ELSE state END,\n"
    "	attempts, next_attempt_at, created_at, sent_at, last_error,\n"
    "	case_id, msg_id FROM outbox;\n"
    "DROP TABLE outbox;\n"
    "ALTER TABLE outbox_v5 RENAME TO outbox;\n"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);\n"
    "\n";

/* Migration 17 of the store: the outbox found by its message, its case
 * and its day. A message's replies, a case's letters and today's
 * replies to a sender were each a scan of every letter ever queued, once
 * a message ingested or a case shown. It may run again (a store put back
 * to an older version). */
const char queue_schema_v17[] =
    "CREATE INDEX IF NOT EXISTS outbox_msg ON outbox (msg_id);\n"
    "CREATE INDEX IF NOT EXISTS outbox_case ON outbox (case_id);\n"
    "CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at);\n";

/* Attachment bodies of queued mail leave the row for files named by
 * their sha256 (outbox/blob.h): where each goes back (pos, a byte offset
 * into the stored raw) and which file fills it. The items queued
 * before are listed for queue_blobs_move (it writes files: C, not SQL).
 * Migration 10 of the store (intake/store.c). */
const char queue_schema_v10[] =
    "CREATE TABLE outbox_blobs (\n"
    "	outbox_id	INTEGER NOT NULL REFERENCES outbox (id),\n"
    "	seq		INTEGER NOT NULL,\n"
    "	pos		INTEGER NOT NULL,\n"
    "	sha256		TEXT NOT NULL,\n"
    "	size		INTEGER NOT NULL,\n"
    "	PRIMARY KEY (outbox_id, seq)\n"
    ");\n"
    "CREATE INDEX outbox_blobs_sha256 ON outbox_blobs (sha256);\n"
    "CREATE TABLE outbox_blobs_unmoved (\n"
    "	outbox_id	INTEGER PRIMARY KEY\n"
    ");\n"
    "INSERT INTO outbox_blobs_unmoved SELECT id FROM outbox\n"
    "    WHERE instr(raw, 'Content-Transfer-Encoding: base64') > 0;\n";

/* Migration 20 of the store: the letters sent whose copy to the Sent
 * folder is still owed (the folder unreachable, or the process killed
 * between the send and the APPEND). A letter owes its copy in the
 * transaction that records it sent, and is let off once the copy is
 * kept, so a later pass catches up, and Sent stays the whole record of
 * what went out (stop 31's leftover). */
const char queue_schema_v20[] =
    "CREATE TABLE outbox_copies_owed (\n"
    "	outbox_id	INTEGER PRIMARY KEY REFERENCES outbox (id)\n"
    ");\n";

#define ITEM_COLUMNS \
	"id, message_id, purpose, rcpt, raw, state, attempts," \
	" next_attempt_at, created_at, sent_at, last_error, case_id, msg_id"

static const char *const state_names[] = {
	[QUEUE_QUEUED] = "queued",
	[QUEUE_SENDING] = "sending",
	[QUEUE_SENT] = "sent",
	[QUEUE_DEFERRED] = "deferred",
	[QUEUE_FAILED] = "failed",
	[QUEUE_BOUNCED] = "bounced",
	[QUEUE_CANCELLED] = "cancelled",
	[QUEUE_HELD] = "held",
};

#define BIT(s)	(1u << (s))

/* One change of state (see change()). */
struct change {
	int64_t		 id;
	unsigned	 from;		/* BIT()s of the states allowed */
	enum queue_state to;
	time_t		 now;
	time_t		 next;		/* next_attempt_at; 0: unchanged */
	bool		 attempt;	/* counts as a delivery attempt */
	const char	*error;		/* kept in last_error; may be NULL */
	const char	*note;		/* in the audit detail only */
	const char	*actor;
	const char	*event;		/* the audit event; NULL: the new
					 * state's name, "retry" to queued */
	queue_flag_fn	*flag;		/* to failed: flag its case */
	void		*arg;
	bool		 redate;	/* its Date: made now (redate) */
	const char	*tz;		/* in this zone */
	bool		 owe_copy;	/* to sent: its Sent copy owed */
};

static void	 item_fill(void *, sqlite3_stmt *);
static void	 item_clear(void *);
static int	 items_read(struct db *, sqlite3_stmt *, struct queue_item **,
		    size_t *, char **);
static int	 change(struct db_txn *, const struct change *, char **);
static int	 change_commit(struct db *, const struct change *, char **);
static time_t	 jittered(int);
static bool	 moved_meanwhile(struct db *, int64_t);
static void	 crash_point(const char *);
static int	 copy_owed(struct db *, int64_t, bool, char **);
static int	 copies_catch_up(struct db *, const struct queue_delivery *,
		    struct queue_report *, char **);
static int	 refs_insert(struct db *, int64_t, const struct blob_ref *,
		    size_t, char **);
static int	 refs_read(struct db *, int64_t, struct blob_ref **,
		    size_t *, char **);
static int	 redate(struct db *, int64_t, time_t, const char *, char **);

const char *
queue_state_name(enum queue_state s)
{
	if ((size_t)s >= G_N_ELEMENTS(state_names))
		return ("unknown");
	return (state_names[s]);
}

int
queue_state_parse(const char *s)
{
	for (size_t i = 0; s != NULL && i < G_N_ELEMENTS(state_names); i++)
		if (strcmp(s, state_names[i]) == 0)
			return ((int)i);
	return (-1);
}

time_t
queue_backoff(int attempts)
{
	time_t	 wait = QUEUE_BACKOFF_FIRST;

	for (int i = 1; i < attempts && wait < QUEUE_BACKOFF_MAX; i++)
		wait *= 2;
	return (wait < QUEUE_BACKOFF_MAX ? wait : QUEUE_BACKOFF_MAX);
}

/* The backoff after attempts, plus up to 1/QUEUE_JITTER_DIV of it. */
static time_t
jittered(int attempts)
{
	time_t	 base = queue_backoff(attempts);

	return (base + g_random_int_range(0,
	    (gint32)(base / QUEUE_JITTER_DIV) + 1));
}

/* HOTROCKS_CRASH_AT=where: a test stops the process dead here, as a
 * power cut would, to prove the next start finishes the work. */
static void
crash_point(const char *where)
{
	const char	*at = getenv("HOTROCKS_CRASH_AT");

	if (at != NULL && strcmp(at, where) == 0)
		kill(getpid(), SIGKILL);
}

/* Where each cut-out body of item id goes back (outbox_blobs). */
static int
refs_insert(struct db *db, int64_t id, const struct blob_ref *refs,
    size_t n, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	if (n == 0)
		return (0);
	stmt = db_cached(db, "INSERT INTO outbox_blobs (outbox_id, seq,"
	    " pos, sha256, size) VALUES (?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < n && rc == 0; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)refs[i].offset);
		sqlite3_bind_text(stmt, 4, refs[i].sha256, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 5, (sqlite3_int64)refs[i].len);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = db_fail(db, "recording attachment files", cause);
	}
	sqlite3_reset(stmt);
	return (rc);
}

static int
refs_read(struct db *db, int64_t id, struct blob_ref **refs_r, size_t *n_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*a;
	int		 step;

	*refs_r = NULL;
	*n_r = 0;
	a = g_array_new(FALSE, TRUE, sizeof(struct blob_ref));
	stmt = db_prepare(db, "SELECT pos, sha256, size FROM outbox_blobs"
	    " WHERE outbox_id = ? ORDER BY seq", cause);
	if (stmt == NULL) {
		g_array_free(a, TRUE);
		return (-1);
	}
	sqlite3_bind_int64(stmt, 1, id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct blob_ref r = { 0 };

		r.offset = (size_t)sqlite3_column_int64(stmt, 0);
		g_strlcpy(r.sha256, (const char *)sqlite3_column_text(stmt, 1),
		    sizeof(r.sha256));
		r.len = (size_t)sqlite3_column_int64(stmt, 2);
		g_array_append_val(a, r);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		g_array_free(a, TRUE);
		return (db_fail(db, "reading attachment files", cause));
	}
	*n_r = a->len;
	*refs_r = (struct blob_ref *)(void *)g_array_free(a, FALSE);
	return (0);
}

int
queue_raw(struct db *db, int64_t id, const char *stored, char **raw_r,
    size_t *len_r, char **cause)
{
	struct blob_ref	*refs;
	size_t		 n;
	int		 rc;

	if (refs_read(db, id, &refs, &n, cause) == -1)
		return (-1);
	if (n == 0) {
		g_free(refs);
		*len_r = strlen(stored);
		*raw_r = g_strdup(stored);
		return (0);
	}
	if (db_blob_dir(db) == NULL) {
		g_free(refs);
		*cause = g_strdup_printf("outbox %lld: its attachments are "
		    "files, and no archive was given", (long long)id);
		return (-1);
	}
	rc = blob_join(db_blob_dir(db), stored, strlen(stored), refs, n, raw_r,
	    len_r, cause);
	if (rc == -1) {
		char *c = g_strdup_printf("outbox %lld: %s", (long long)id,
		    *cause);

		g_free(*cause);
		*cause = c;
	}
	g_free(refs);
	return (rc);
}

/* queue_attachment_remake where the attachments are files: only the
 * k-th is read, made again and named anew; the message around it, and
 * where it goes, stay as they are. */
static int
remake_file(struct db *db, int64_t id, size_t k, queue_remake_fn *remake,
    void *ctx, struct blob_ref *refs, size_t n, char **cause)
{
	sqlite3_stmt	*stmt;
	GError		*e = NULL;
	unsigned char	*made = NULL;
	char		*path, *data = NULL, *sha = NULL;
	gsize		 len;
	size_t		 mlen;
	int		 rc = -1;

	if (k >= n) {
		*cause = g_strdup_printf("outbox %lld has no attachment %zu",
		    (long long)id, k + 1);
		return (-1);
	}
	path = blob_path(db_blob_dir(db), refs[k].sha256);
	if (!g_file_get_contents(path, &data, &len, &e)) {
		*cause = g_strdup_printf("outbox %lld: %s", (long long)id,
		    e->message);
		g_error_free(e);
		goto out;
	}
	sha = sha256_hex((const unsigned char *)data, len);
	if (len != refs[k].len || strcmp(sha, refs[k].sha256) != 0) {
		*cause = g_strdup_printf("outbox %lld: %s is not the file it "
		    "names", (long long)id, path);
		goto out;
	}
	g_free(sha);
	if (remake(ctx, (const unsigned char *)data, len, &made, &mlen,
	    cause) == -1)
		goto out0;
	sha = sha256_hex(made, mlen);
	if (blob_put(db_blob_dir(db), made, mlen, sha, true, cause) == -1) {
		db_fail_file(db, errno);
		goto out;
	}
	stmt = db_prepare(db, "UPDATE outbox_blobs SET sha256 = ?, size = ?"
	    " WHERE outbox_id = ? AND seq = ?", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, sha, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)mlen);
	sqlite3_bind_int64(stmt, 3, id);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)k);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
	    db_fail(db, "replacing an attachment", cause);
	sqlite3_finalize(stmt);
out:
	g_free(sha);
out0:
	g_free(made);
	g_free(data);
	g_free(path);
	return (rc);
}

int
queue_attachment_remake(struct db_txn *txn, int64_t id, size_t k,
    queue_remake_fn *remake, void *ctx, char **cause)
{
	struct db		*db = db_txn_db(txn);
	sqlite3_stmt		*stmt;
	struct blob_ref		*refs = NULL;
	struct blob_data	*bd = NULL;
	unsigned char		**datas = NULL, *made = NULL;
	char			*stored = NULL, *raw = NULL, *skel = NULL;
	char			*whole = NULL;
	size_t			 len, slen, n = 0, mlen;
	int			 rc = -1;

	if (refs_read(db, id, &refs, &n, cause) == -1)
		return (-1);
	if (n > 0 && db_blob_dir(db) != NULL) {
		rc = remake_file(db, id, k, remake, ctx, refs, n, cause);
		g_free(refs);
		return (rc);
	}
	g_free(refs);
	refs = NULL;
	n = 0;
	/* kept whole in its row: cut apart, made again, put together */
	stmt = db_prepare(db, "SELECT raw FROM outbox WHERE id = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		stored = db_column_strdup(stmt, 0);
	sqlite3_finalize(stmt);
	if (stored == NULL) {
		*cause = g_strdup_printf("no outbox item %lld",
		    (long long)id);
		return (-1);
	}
	if (queue_raw(db, id, stored, &raw, &len, cause) == -1)
		goto out;
	blob_split(raw, len, &skel, &slen, &refs, &n, &datas);
	if (k >= n) {
		*cause = g_strdup_printf("outbox %lld has no attachment %zu",
		    (long long)id, k + 1);
		goto out;
	}
	if (remake(ctx, datas[k], refs[k].len, &made, &mlen, cause) == -1)
		goto out;
	g_free(datas[k]);
	datas[k] = made;
	refs[k].len = mlen;
	bd = g_new0(struct blob_data, n);
	for (size_t i = 0; i < n; i++) {
		bd[i].data = datas[i];
		bd[i].len = refs[i].len;
	}
	whole = blob_fill(skel, slen, refs, n, bd, n, &slen);
	stmt = db_prepare(db, "UPDATE outbox SET raw = ? WHERE id = ?", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, whole, (int)slen, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
	    db_fail(db, "replacing an attachment", cause);
	sqlite3_finalize(stmt);
out:
	for (size_t i = 0; i < n; i++)
		g_free(datas[i]);
	g_free(datas);
	g_free(refs);
	g_free(bd);
	g_free(whole);
	g_free(skel);
	g_free(raw);
	g_free(stored);
	return (rc);
}

int
queue_blobs_move(struct db *db, size_t *moved_r, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	struct db_txn	*txn;
	int64_t		 id;
	int		 step, rc = -1;

	*moved_r = 0;
	if (db_blob_dir(db) == NULL)
		return (0);
	/* Nearly always nothing: no transaction, no sync for that. */
	if ((stmt = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM"
	    " outbox_blobs_unmoved)", cause)) == NULL)
		return (-1);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 0)
		step = SQLITE_DONE;
	else if (step == SQLITE_ROW)
		step = SQLITE_OK;
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (step == SQLITE_DONE)
		return (0);
	if (step != SQLITE_OK)
		return (db_fail(db, "reading the outbox", cause));
	for (;;) {
		struct blob_ref	*refs = NULL;
		unsigned char	**datas = NULL;
		char		*raw, *skel = NULL;
		size_t		 n = 0, slen;
		bool		 bad = false;

		if ((txn = db_begin(db, cause)) == NULL)
			return (-1);
		stmt = db_prepare(db, "SELECT t.outbox_id, o.raw FROM"
		    " outbox_blobs_unmoved t JOIN outbox o ON o.id = t.outbox_id"
		    " ORDER BY t.outbox_id LIMIT 1", cause);
		if (stmt == NULL)
			goto out;
		if ((step = sqlite3_step(stmt)) != SQLITE_ROW) {
			sqlite3_finalize(stmt);
			stmt = NULL;
			if (step != SQLITE_DONE) {
				db_fail(db, "reading the outbox", cause);
				goto out;
			}
			/* Rows whose item is gone: nothing to move. */
			if (db_exec(db, "DELETE FROM outbox_blobs_unmoved",
			    cause) == -1 || db_commit(txn, cause) == -1) {
				txn = NULL;
				goto out;
			}
			txn = NULL;
			break;
		}
		id = sqlite3_column_int64(stmt, 0);
		raw = db_column_strdup(stmt, 1);
		sqlite3_finalize(stmt);
		stmt = NULL;
		blob_split(raw, strlen(raw), &skel, &slen, &refs, &n, &datas);
		g_free(raw);
		for (size_t k = 0; k < n && !bad; k++)
			if ((bad = blob_put(db_blob_dir(db), datas[k],
			    refs[k].len, refs[k].sha256, true, cause) == -1))
				db_fail_file(db, errno);
		for (size_t k = 0; k < n; k++)
			g_free(datas[k]);
		g_free(datas);
		if (!bad && n > 0) {
			stmt = db_prepare(db, "UPDATE outbox SET raw = ?"
			    " WHERE id = ?", cause);
			if (stmt != NULL) {
				sqlite3_bind_text(stmt, 1, skel, (int)slen,
				    SQLITE_STATIC);
				sqlite3_bind_int64(stmt, 2, id);
				if (sqlite3_step(stmt) != SQLITE_DONE)
					bad = db_fail(db, "moving attachments "
					    "out", cause) == -1;
				sqlite3_finalize(stmt);
				stmt = NULL;
			} else
				bad = true;
			if (!bad)
				bad = refs_insert(db, id, refs, n, cause) == -1;
		}
		g_free(skel);
		g_free(refs);
		if (bad)
			goto out;
		stmt = db_prepare(db, "DELETE FROM outbox_blobs_unmoved"
		    " WHERE outbox_id = ?", cause);
		if (stmt == NULL)
			goto out;
		sqlite3_bind_int64(stmt, 1, id);
		step = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		stmt = NULL;
		if (step != SQLITE_DONE) {
			db_fail(db, "moving attachments out", cause);
			goto out;
		}
		if (db_commit(txn, cause) == -1) {
			txn = NULL;
			goto out;
		}
		txn = NULL;
		if (n > 0)
			(*moved_r)++;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	db_rollback(txn);
	return (rc);
}

int
queue_enqueue(struct db_txn *txn, const struct queue_outgoing *out, size_t n,
    int64_t msg_id, int64_t case_id, time_t now, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	char		 at[DB_TIME_SIZE], *detail;
	int		 audited, rc = -1;

	if (n == 0)
		return (0);
	db_time(now, at);
	stmt = db_cached(db, "INSERT INTO outbox (message_id, purpose, rcpt,"
	    " raw, next_attempt_at, created_at, case_id, msg_id)"
	    " VALUES (?, ?, ?, ?, ?5, ?5, ?6, ?7)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < n; i++) {
		const struct queue_outgoing	*o = &out[i];
		struct audit_entry		 e = { 0 };

		struct blob_ref			*refs = NULL;
		unsigned char			**datas = NULL;
		const char			*stored = o->raw;
		char				*made = NULL;
		size_t				 nrefs = 0, slen = strlen(o->raw);
		bool				 bad = false;

		/* The attachment bodies go to files named by their sha256,
		 * durable before this row names them: left out by the
		 * composer already, or cut out of the whole message. */
		if (o->nblobs > 0) {
			if (blob_refs(o->raw, slen, o->blobs, o->nblobs,
			    &refs, &nrefs, cause) == -1)
				goto out;
			/* A store without a folder for them keeps the
			 * message whole. */
			if (db_blob_dir(db) == NULL) {
				stored = made = blob_fill(o->raw, slen, refs,
				    nrefs, o->blobs, o->nblobs, &slen);
				g_free(refs);
				refs = NULL;
				nrefs = 0;
			}
		} else if (db_blob_dir(db) != NULL) {
			blob_split(o->raw, slen, &made, &slen, &refs, &nrefs,
			    &datas);
			stored = made;
		}
		/* A deferred store (the pipeline's batches) syncs them with
		 * the batch, before its commits can become durable. */
		for (size_t k = 0, b = 0; k < nrefs && !bad; k++) {
			const unsigned char *data;

			if (datas != NULL)
				data = datas[k];
			else {
				while (o->blobs[b].len == 0)
					b++;
				data = o->blobs[b++].data;
			}
			if ((bad = blob_put(db_blob_dir(db), data,
			    refs[k].len, refs[k].sha256, !db_deferred(db),
			    cause) == -1))
				db_fail_file(db, errno);
		}
		if (nrefs > 0 && db_deferred(db))
			db_note_unsynced(db);
		for (size_t k = 0; datas != NULL && k < nrefs; k++)
			g_free(datas[k]);
		g_free(datas);
		if (bad) {
			g_free(made);
			g_free(refs);
			goto out;
		}
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, o->message_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, o->purpose, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, o->rcpt, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, stored, (int)slen, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, at, -1, SQLITE_STATIC);
		if (case_id != 0)
			sqlite3_bind_int64(stmt, 6, case_id);
		else
			sqlite3_bind_null(stmt, 6);
		sqlite3_bind_int64(stmt, 7, msg_id);
		bad = sqlite3_step(stmt) != SQLITE_DONE;
		/* Bound in place: freed once the row is written. */
		sqlite3_clear_bindings(stmt);
		g_free(made);
		if (bad) {
			g_free(refs);
			db_fail(db, "queueing outgoing message", cause);
			goto out;
		}
		if (refs_insert(db, db_last_id(db), refs, nrefs, cause) ==
		    -1) {
			g_free(refs);
			goto out;
		}
		g_free(refs);
		detail = g_strdup_printf("%s to %s %s", o->purpose, o->rcpt,
		    o->message_id);
		e.at = at;
		e.actor = AUDIT_ACTOR;
		e.event = "queued";
		e.msg_id = msg_id;
		e.case_id = case_id;
		e.detail = detail;
		audited = audit_append(txn, &e, cause);
		g_free(detail);
		if (audited == -1)
			goto out;
	}
	rc = 0;
out:
	sqlite3_reset(stmt);
	return (rc);
}

static void
item_fill(void *p, sqlite3_stmt *stmt)
{
	struct queue_item	*it = p;
	int			 state;

	it->id = sqlite3_column_int64(stmt, 0);
	it->message_id = db_column_strdup(stmt, 1);
	it->purpose = db_column_strdup(stmt, 2);
	it->rcpt = db_column_strdup(stmt, 3);
	it->raw = db_column_strdup(stmt, 4);
	state = queue_state_parse((const char *)sqlite3_column_text(stmt, 5));
	/* The CHECK constraint allows no other. */
	it->state = state < 0 ? QUEUE_FAILED : (enum queue_state)state;
	it->attempts = sqlite3_column_int(stmt, 6);
	it->next_attempt_at = db_column_strdup(stmt, 7);
	it->created_at = db_column_strdup(stmt, 8);
	it->sent_at = db_column_strdup(stmt, 9);
	it->last_error = db_column_strdup(stmt, 10);
	it->case_id = sqlite3_column_int64(stmt, 11);
	it->msg_id = sqlite3_column_int64(stmt, 12);
}

static void
item_clear(void *p)
{
	struct queue_item *it = p;

	g_free(it->message_id);
	g_free(it->purpose);
	g_free(it->rcpt);
	g_free(it->raw);
	g_free(it->next_attempt_at);
	g_free(it->created_at);
	g_free(it->sent_at);
	g_free(it->last_error);
}

/* Steps stmt to the end, finalizing it. */
static int
items_read(struct db *db, sqlite3_stmt *stmt, struct queue_item **items_r,
    size_t *n_r, char **cause)
{
	struct queue_item	*v;
	size_t			 n, len;
	char			*raw;

	*items_r = NULL;
	*n_r = 0;
	if (db_collect(db, stmt, sizeof(*v), item_fill, item_clear,
	    (void **)&v, &n, "reading the outbox", cause) == -1)
		return (-1);
	/* Each whole again, its attachments read back from their files. */
	for (size_t i = 0; i < n; i++) {
		if (queue_raw(db, v[i].id, v[i].raw, &raw, &len, cause) == -1) {
			for (size_t k = 0; k < n; k++)
				item_clear(&v[k]);
			g_free(v);
			return (-1);
		}
		g_free(v[i].raw);
		v[i].raw = raw;
	}
	*items_r = v;
	*n_r = n;
	return (0);
}

int
queue_due(struct db *db, time_t now, size_t limit,
    struct queue_item **items_r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 at[DB_TIME_SIZE];

	*items_r = NULL;
	*n_r = 0;
	db_time(now, at);
	stmt = db_prepare(db, "SELECT " ITEM_COLUMNS " FROM outbox"
	    " WHERE state = 'sending' OR (state IN ('queued', 'deferred')"
	    " AND next_attempt_at <= ?1)"
	    " ORDER BY state != 'sending', next_attempt_at, id LIMIT ?2",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, limit == 0 ? -1 : (sqlite3_int64)limit);
	return (items_read(db, stmt, items_r, n_r, cause));
}

int
queue_list(struct db *db, const char *state, struct queue_item **items_r,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;

	*items_r = NULL;
	*n_r = 0;
	stmt = db_prepare(db, "SELECT " ITEM_COLUMNS " FROM outbox"
	    " WHERE ?1 IS NULL OR state = ?1 ORDER BY id", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	return (items_read(db, stmt, items_r, n_r, cause));
}

int
queue_count_replies_to(struct db *db, const char *rcpt, time_t since,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 at[DB_TIME_SIZE];
	int		 rc = -1;

	*n_r = 0;
	db_time(since, at);
	stmt = db_cached(db, "SELECT count(*) FROM outbox WHERE"
	    " lower(rcpt) = lower(?1) AND purpose NOT IN ('forward', 'done')"
	    " AND created_at >= ?2", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, rcpt, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*n_r = (size_t)sqlite3_column_int64(stmt, 0);
		rc = 0;
	} else
		db_fail(db, "counting replies", cause);
	sqlite3_reset(stmt);
	return (rc);
}

void
queue_items_free(struct queue_item *items, size_t n)
{
	if (items == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		item_clear(&items[i]);
	g_free(items);
}

int
queue_get(struct db *db, int64_t id, struct queue_item **item_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 n = 0;

	*item_r = NULL;
	stmt = db_prepare(db, "SELECT " ITEM_COLUMNS " FROM outbox"
	    " WHERE id = ?1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	if (items_read(db, stmt, item_r, &n, cause) == -1)
		return (-1);
	if (n == 0) {
		queue_items_free(*item_r, 0);
		*item_r = NULL;
	}
	return (n == 0 ? 0 : 1);
}

/*
 * Moves item c->id from one of the states c->from to c->to inside txn,
 * with its audit entry (the event is the new state's name, or "retry"),
 * and flags its case when it fails. -1 and *cause, nothing changed, when
 * the item is not in an allowed state.
 */
static int
change(struct db_txn *txn, const struct change *c, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt = NULL;
	char			 at[DB_TIME_SIZE], next[DB_TIME_SIZE];
	char			*detail = NULL, *was = NULL;
	int			 was_state, attempts, rc = -1;

	db_time(c->now, at);
	stmt = db_prepare(db, "SELECT attempts, purpose, rcpt, message_id,"
	    " case_id, msg_id, state FROM outbox WHERE id = ?", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, c->id);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		if (cause != NULL)
			*cause = g_strdup_printf("no outbox item %lld",
			    (long long)c->id);
		goto out;
	default:
		db_fail(db, "reading outbox item", cause);
		goto out;
	}
	was = db_column_strdup(stmt, 6);
	was_state = queue_state_parse(was);
	if (was_state < 0 || (c->from & BIT(was_state)) == 0) {
		if (cause != NULL)
			*cause = g_strdup_printf("outbox item %lld is %s: it "
			    "cannot become %s", (long long)c->id, was,
			    queue_state_name(c->to));
		goto out;
	}
	attempts = sqlite3_column_int(stmt, 0) + (c->attempt ? 1 : 0);
	detail = g_strdup_printf("%s to %s %s%s%s",
	    (const char *)sqlite3_column_text(stmt, 1),
	    (const char *)sqlite3_column_text(stmt, 2),
	    (const char *)sqlite3_column_text(stmt, 3),
	    c->error != NULL || c->note != NULL ? ": " : "",
	    c->error != NULL ? c->error : c->note != NULL ? c->note : "");
	e.case_id = sqlite3_column_int64(stmt, 4);
	e.msg_id = sqlite3_column_int64(stmt, 5);
	sqlite3_finalize(stmt);

	if (c->next != 0)
		db_time(c->next, next);
	stmt = db_prepare(db, "UPDATE outbox SET state = ?2, attempts = ?3,"
	    " next_attempt_at = coalesce(?4, next_attempt_at),"
	    " sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END,"
	    " sending_at = CASE WHEN ?2 = 'sending' THEN ?5"
	    "     ELSE sending_at END,"
	    /* a letter sent has no error left: the trouble it got over
	     * stays in the audit trail (trial 2) */
	    " last_error = CASE WHEN ?2 = 'sent' THEN NULL"
	    "     ELSE coalesce(?6, last_error) END WHERE id = ?1", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, c->id);
	sqlite3_bind_text(stmt, 2, queue_state_name(c->to), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, attempts);
	if (c->next != 0)
		sqlite3_bind_text(stmt, 4, next, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, 4);
	sqlite3_bind_text(stmt, 5, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, c->error, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "updating outbox item", cause);
		goto out;
	}
	if (c->redate && redate(db, c->id, c->now, c->tz, cause) == -1)
		goto out;
	if (c->owe_copy && c->to == QUEUE_SENT && copy_owed(db, c->id, true,
	    cause) == -1)
		goto out;
	e.at = at;
	e.actor = c->actor != NULL ? c->actor : AUDIT_ACTOR;
	e.event = c->event != NULL ? c->event : c->to == QUEUE_QUEUED ?
	    "retry" : queue_state_name(c->to);
	e.detail = detail;
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	if ((c->to == QUEUE_FAILED || (c->to == QUEUE_BOUNCED &&
	    e.case_id != 0)) && c->flag != NULL && c->flag(txn, c->id,
	    e.case_id, detail, c->now, c->arg, cause) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	g_free(detail);
	g_free(was);
	return (rc);
}

/* change() in a transaction of its own. */
static int
change_commit(struct db *db, const struct change *c, char **cause)
{
	struct db_txn	*txn;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	if (change(txn, c, cause) == -1) {
		db_rollback(txn);
		return (-1);
	}
	return (db_commit(txn, cause));
}

int
queue_mark_sending(struct db *db, int64_t id, time_t now, char **cause)
{
	struct change	 c = { .id = id, .to = QUEUE_SENDING, .now = now,
	    .from = BIT(QUEUE_QUEUED) | BIT(QUEUE_DEFERRED) |
	    BIT(QUEUE_SENDING) };

	return (change_commit(db, &c, cause));
}

int
queue_mark_sent(struct db *db, int64_t id, time_t now, char **cause)
{
	struct change	 c = { .id = id, .to = QUEUE_SENT, .now = now,
	    .from = BIT(QUEUE_SENDING), .attempt = true };

	return (change_commit(db, &c, cause));
}

/* Item id owes its copy to the Sent folder (owed), or no longer does. */
static int
copy_owed(struct db *db, int64_t id, bool owed, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	stmt = db_cached(db, owed ? "INSERT OR IGNORE INTO outbox_copies_owed"
	    " (outbox_id) VALUES (?)" : "DELETE FROM outbox_copies_owed"
	    " WHERE outbox_id = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(db, "recording a copy owed to Sent", cause);
	sqlite3_reset(stmt);
	return (rc);
}

int
queue_copies_owed(struct db *db, int64_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	*n_r = 0;
	if ((stmt = db_cached(db, "SELECT count(*) FROM outbox_copies_owed",
	    cause)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*n_r = sqlite3_column_int64(stmt, 0);
		rc = 0;
	} else
		db_fail(db, "counting copies owed to Sent", cause);
	sqlite3_reset(stmt);
	return (rc);
}

/* The copies owed by letters sent in earlier passes, kept now, oldest
 * first, a few letters read at a time; the first the folder does not
 * take ends it (the next pass tries again). A copy found there already
 * (the APPEND done, its record not) is not kept twice. */
static int
copies_catch_up(struct db *db, const struct queue_delivery *d,
    struct queue_report *r, char **cause)
{
	struct queue_item	*items;
	sqlite3_stmt		*stmt;
	sqlite3_int64		 after = 0;
	size_t			 n;

	for (;;) {
		stmt = db_prepare(db, "SELECT " ITEM_COLUMNS " FROM outbox"
		    " WHERE id IN (SELECT outbox_id FROM outbox_copies_owed"
		    " WHERE outbox_id > ?1) ORDER BY id LIMIT 8", cause);
		if (stmt == NULL)
			return (-1);
		sqlite3_bind_int64(stmt, 1, after);
		if (items_read(db, stmt, &items, &n, cause) == -1)
			return (-1);
		if (n == 0)
			return (0);
		for (size_t i = 0; i < n; i++) {
			struct queue_item	*it = &items[i];
			bool			 there;

			after = it->id;
			if (!(there = d->already(it, d->arg)) &&
			    !d->copy(it, true, d->arg)) {
				queue_items_free(items, n);
				return (0);
			}
			if (copy_owed(db, it->id, false, cause) == -1) {
				queue_items_free(items, n);
				return (-1);
			}
			if (there)
				log_info("outbox %lld %s: its copy owed is "
				    "in the Sent folder already",
				    (long long)it->id, it->message_id);
			else
				r->copied++;
		}
		queue_items_free(items, n);
	}
}

int
queue_mark_deferred(struct db *db, int64_t id, time_t now,
    const char *error, time_t max_age, queue_flag_fn *flag, void *arg,
    char **cause)
{
	struct queue_item	*it = NULL;
	struct change		 c = { .id = id, .to = QUEUE_DEFERRED,
	    .now = now, .from = BIT(QUEUE_SENDING), .attempt = true,
	    .error = error, .flag = flag, .arg = arg };
	char			 oldest[DB_TIME_SIZE];
	int			 found;

	if ((found = queue_get(db, id, &it, cause)) != 1) {
		if (found == 0 && cause != NULL)
			*cause = g_strdup_printf("no outbox item %lld",
			    (long long)id);
		return (-1);
	}
	db_time(now - (max_age > 0 ? max_age : QUEUE_MAX_AGE), oldest);
	if (strcmp(it->created_at, oldest) <= 0)
		c.to = QUEUE_FAILED;
	else
		c.next = now + jittered(it->attempts + 1);
	queue_items_free(it, 1);
	if (change_commit(db, &c, cause) == -1)
		return (-1);
	return (c.to == QUEUE_FAILED ? 1 : 0);
}

int
queue_mark_failed(struct db *db, int64_t id, time_t now, const char *error,
    queue_flag_fn *flag, void *arg, char **cause)
{
	struct change	 c = { .id = id, .to = QUEUE_FAILED, .now = now,
	    .from = BIT(QUEUE_SENDING), .attempt = true, .error = error,
	    .flag = flag, .arg = arg };

	return (change_commit(db, &c, cause));
}

static void
retry_change(struct change *c, int64_t id, time_t now, const char *tz,
    const char *actor, bool hold)
{
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->now = now;
	c->tz = tz;
	c->actor = actor;
	c->event = "retry";
	if (hold) {
		/* held again: never due, its Date: set when released */
		c->to = QUEUE_HELD;
		c->from = BIT(QUEUE_CANCELLED);
	} else {
		c->to = QUEUE_QUEUED;
		c->next = now;
		c->from = BIT(QUEUE_DEFERRED) | BIT(QUEUE_FAILED) |
		    BIT(QUEUE_BOUNCED) | BIT(QUEUE_CANCELLED);
		/* a person sends it now: a letter that failed or bounced
		 * last week is not dated last week */
		c->redate = true;
	}
}

static void
cancel_change(struct change *c, int64_t id, time_t now, const char *actor)
{
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->to = QUEUE_CANCELLED;
	c->now = now;
	c->actor = actor;
	c->from = BIT(QUEUE_QUEUED) | BIT(QUEUE_DEFERRED) | BIT(QUEUE_FAILED) |
	    BIT(QUEUE_HELD);
}

int
queue_retry(struct db *db, int64_t id, time_t now, const char *tz,
    const char *actor, char **cause)
{
	struct change	 c;

	retry_change(&c, id, now, tz, actor, false);
	return (change_commit(db, &c, cause));
}

int
queue_cancel(struct db *db, int64_t id, time_t now, const char *actor,
    char **cause)
{
	struct change	 c;

	cancel_change(&c, id, now, actor);
	return (change_commit(db, &c, cause));
}

int
queue_retry_txn(struct db_txn *txn, int64_t id, time_t now, const char *tz,
    const char *actor, bool hold, char **cause)
{
	struct change	 c;

	retry_change(&c, id, now, tz, actor, hold);
	return (change(txn, &c, cause));
}

int
queue_cancel_txn(struct db_txn *txn, int64_t id, time_t now,
    const char *actor, char **cause)
{
	struct change	 c;

	cancel_change(&c, id, now, actor);
	return (change(txn, &c, cause));
}

int
queue_bounce(struct db_txn *txn, const char *message_id, const char *reason,
    time_t now, int64_t *item_id_r, int64_t *case_id_r, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	struct change	 c = { .to = QUEUE_BOUNCED, .now = now,
	    .error = reason, .from = BIT(QUEUE_SENT) | BIT(QUEUE_SENDING) |
	    BIT(QUEUE_DEFERRED) };

	*item_id_r = *case_id_r = 0;
	stmt = db_prepare(db, "SELECT id, case_id FROM outbox"
	    " WHERE message_id = ? AND state IN ('sent', 'sending',"
	    " 'deferred')", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, message_id, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		c.id = sqlite3_column_int64(stmt, 0);
		*case_id_r = sqlite3_column_int64(stmt, 1);
		sqlite3_finalize(stmt);
		break;
	case SQLITE_DONE:
		sqlite3_finalize(stmt);
		return (0);
	default:
		sqlite3_finalize(stmt);
		return (db_fail(db, "finding the bounced item", cause));
	}
	if (change(txn, &c, cause) == -1)
		return (-1);
	*item_id_r = c.id;
	return (1);
}

/* Whether item id exists and is no longer in a state to be sent. */
static bool
moved_meanwhile(struct db *db, int64_t id)
{
	struct queue_item	*it = NULL;
	bool			 moved;

	if (queue_get(db, id, &it, NULL) != 1)
		return (false);
	moved = it->state != QUEUE_QUEUED && it->state != QUEUE_DEFERRED &&
	    it->state != QUEUE_SENDING;
	queue_items_free(it, 1);
	return (moved);
}

int
queue_deliver(struct db *db, const struct queue_delivery *d,
    struct queue_report *report, char **cause)
{
	struct queue_report	 r = { 0 };
	struct queue_item	*items = NULL;
	size_t			 n = 0;
	int			 rc = -1;

	if (queue_due(db, d->now, d->limit, &items, &n, cause) == -1)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct queue_item	*it = &items[i];
		enum sender_result	 res;
		char			*why = NULL;
		bool			 again = it->state == QUEUE_SENDING;
		int			 marked;

		/* Committed before MAIL FROM: a crash from here on leaves
		 * the item "sending", and the next pass sends it again. */
		if (queue_mark_sending(db, it->id, d->now, cause) == -1) {
			if (!moved_meanwhile(db, it->id))
				goto out;
			/* A person cancelled it since queue_due read it. */
			log_info("outbox %lld %s: %s; not sent",
			    (long long)it->id, it->message_id,
			    cause != NULL && *cause != NULL ? *cause : "moved");
			if (cause != NULL) {
				g_free(*cause);
				*cause = NULL;
			}
			continue;
		}
		/* A restored store forgets what it sent since its backup;
		 * the copy kept of a letter does not. Not asked of one this
		 * store sent (a bounced letter a person sends again). */
		if (d->already != NULL && it->sent_at == NULL &&
		    d->already(it, d->arg)) {
			struct change c = { .id = it->id, .to = QUEUE_SENT,
			    .now = d->now, .from = BIT(QUEUE_SENDING),
			    .note = "not sent again: a copy of it is kept in"
			    " the Sent folder already" };

			/* the trail says so: the auditor sees no delivery */
			if (change_commit(db, &c, cause) == -1)
				goto out;
			r.sent++;
			r.kept++;
			log_notice("outbox %lld %s to %s: a copy of it is kept "
			    "already (sent by a pass the store does not "
			    "know of: a restored backup?): recorded sent, "
			    "not sent again", (long long)it->id,
			    it->message_id, it->rcpt);
			continue;
		}
		res = d->sender->send(d->state, d->env_from, it->rcpt,
		    it->raw, strlen(it->raw), &why);
		if (res == SENDER_SENT)
			crash_point("after-data");
		switch (res) {
		case SENDER_SENT: {
			/* its copy owed in the same transaction: a kill
			 * before the APPEND leaves it owed, not forgotten */
			struct change c = { .id = it->id, .to = QUEUE_SENT,
			    .now = d->now, .from = BIT(QUEUE_SENDING),
			    .attempt = true, .owe_copy = d->copy != NULL };

			marked = change_commit(db, &c, cause);
			r.sent++;
			if (again)
				r.resent++;
			break;
		}
		case SENDER_DEFER:
			marked = queue_mark_deferred(db, it->id, d->now,
			    why != NULL ? why : "deferred", d->max_age,
			    d->flag, d->arg, cause);
			if (marked == 1)
				r.failed++;
			else
				r.deferred++;
			break;
		default:
			marked = queue_mark_failed(db, it->id, d->now,
			    why != NULL ? why : "failed", d->flag, d->arg,
			    cause);
			r.failed++;
			break;
		}
		if (marked != -1)
			log_info("outbox %lld %s to %s: %s%s%s",
			    (long long)it->id, it->message_id, it->rcpt,
			    res == SENDER_SENT ? (again ? "sent again" :
			    "sent") : marked == 1 || res == SENDER_FAIL ?
			    "failed" : "deferred", why != NULL ? ": " : "",
			    why != NULL ? why : "");
		g_free(why);
		if (marked == -1)
			goto out;
		if (res == SENDER_SENT && d->copy != NULL) {
			crash_point("after-sent");
			it->state = QUEUE_SENT;
			if (d->copy(it, false, d->arg) &&
			    copy_owed(db, it->id, false, cause) == -1)
				goto out;
		}
	}
	if (d->copy != NULL && d->already != NULL &&
	    copies_catch_up(db, d, &r, cause) == -1)
		goto out;
	rc = 0;
out:
	if (report != NULL)
		*report = r;
	queue_items_free(items, n);
	return (rc);
}

int
queue_hold(struct db_txn *txn, const char *message_id, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_cached(db, "UPDATE outbox SET state = 'held'"
	    " WHERE message_id = ? AND state = 'queued'", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, message_id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(db, "holding outbox item", cause);
	else if (sqlite3_changes(sqlite3_db_handle(stmt)) != 1) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s is not queued",
			    message_id);
	} else
		rc = 0;
	sqlite3_reset(stmt);
	return (rc);
}

int
queue_release(struct db_txn *txn, int64_t id, time_t now, const char *tz,
    const char *actor, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE], *detail = NULL;
	int			 rc = -1;

	db_time(now, at);
	stmt = db_prepare(db, "UPDATE outbox SET state = 'queued',"
	    " next_attempt_at = ?2 WHERE id = ?1 AND state = 'held'"
	    " RETURNING purpose, rcpt, message_id, case_id, msg_id", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		if (cause != NULL)
			*cause = g_strdup_printf("outbox item %lld is not "
			    "held", (long long)id);
		goto out;
	default:
		db_fail(db, "releasing outbox item", cause);
		goto out;
	}
	detail = g_strdup_printf("%s to %s %s",
	    (const char *)sqlite3_column_text(stmt, 0),
	    (const char *)sqlite3_column_text(stmt, 1),
	    (const char *)sqlite3_column_text(stmt, 2));
	e.case_id = sqlite3_column_int64(stmt, 3);
	e.msg_id = sqlite3_column_int64(stmt, 4);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "releasing outbox item", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	/* Written when a person lets it go, not when it was built: a
	 * forward approved days later is not dated days back. */
	if (redate(db, id, now, tz, cause) == -1)
		goto out;
	e.at = at;
	e.actor = actor;
	e.event = "released";
	e.detail = detail;
	rc = audit_append(txn, &e, cause);
out:
	sqlite3_finalize(stmt);
	g_free(detail);
	return (rc);
}

/*
 * The Date: header of item id's stored message made now (RFC 5322, in
 * zone tz as the composer writes it: "Thu, 03 Dec 2026 13:59:46 +0700";
 * NULL: UTC), its bytes otherwise as they were; where its attachments
 * go back moves with it. A message without a Date: is left as it is. 0,
 * or -1 and *cause.
 */
static int
redate(struct db *db, int64_t id, time_t now, const char *tz, char **cause)
{
	static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	sqlite3_stmt	*stmt;
	GTimeZone	*zone;
	GDateTime	*u, *l;
	const char	*raw, *p, *end, *hend;
	char		 date[64];
	GString		*made = NULL;
	int64_t		 delta, off;
	int		 rc = -1;

	if ((zone = tz != NULL ? g_time_zone_new_identifier(tz) :
	    g_time_zone_new_utc()) == NULL) {
		*cause = g_strdup_printf("bad time zone \"%s\"", tz);
		return (-1);
	}
	u = g_date_time_new_from_unix_utc(now);
	l = g_date_time_to_timezone(u, zone);
	off = g_date_time_get_utc_offset(l) / G_TIME_SPAN_MINUTE;
	snprintf(date, sizeof(date), "Date: %s, %02d %s %04d %02d:%02d:%02d "
	    "%c%02d%02d", wday[g_date_time_get_day_of_week(l) % 7],
	    g_date_time_get_day_of_month(l), mon[g_date_time_get_month(l) - 1],
	    g_date_time_get_year(l), g_date_time_get_hour(l),
	    g_date_time_get_minute(l), g_date_time_get_second(l),
	    off < 0 ? '-' : '+', (int)(off < 0 ? -off : off) / 60,
	    (int)(off < 0 ? -off : off) % 60);
	g_date_time_unref(l);
	g_date_time_unref(u);
	g_time_zone_unref(zone);

	stmt = db_prepare(db, "SELECT raw FROM outbox WHERE id = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(db, "reading outbox item", cause);
		goto out;
	}
	raw = (const char *)sqlite3_column_text(stmt, 0);
	/* the header: up to the first empty line */
	if ((hend = strstr(raw, "\r\n\r\n")) == NULL &&
	    (hend = strstr(raw, "\n\n")) == NULL)
		hend = raw + strlen(raw);
	for (p = raw; p < hend; p = end + 1) {
		if (g_ascii_strncasecmp(p, "Date:", 5) == 0)
			break;
		if ((end = strchr(p, '\n')) == NULL || end >= hend)
			break;
	}
	if (p >= hend || g_ascii_strncasecmp(p, "Date:", 5) != 0) {
		rc = 0;
		goto out;
	}
	/* the field's end: its line and any folded after it */
	for (end = p; (end = strchr(end, '\n')) != NULL &&
	    (end[1] == ' ' || end[1] == '\t'); end++)
		;
	if (end == NULL)
		end = raw + strlen(raw);
	else if (end > p && end[-1] == '\r')
		end--;
	made = g_string_new_len(raw, p - raw);
	g_string_append(made, date);
	g_string_append(made, end);
	delta = (int64_t)strlen(date) - (int64_t)(end - p);
	sqlite3_finalize(stmt);
	stmt = db_prepare(db, "UPDATE outbox SET raw = ?2 WHERE id = ?1",
	    cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, made->str, (int)made->len, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "dating outbox item", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	/* the attachment bodies sit after the header: each moves by the
	 * difference */
	if (delta != 0) {
		stmt = db_prepare(db, "UPDATE outbox_blobs SET pos = pos + ?2"
		    " WHERE outbox_id = ?1", cause);
		if (stmt == NULL)
			goto out;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, delta);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "dating outbox item", cause);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	if (made != NULL)
		g_string_free(made, TRUE);
	return (rc);
}
