/* store.c: the SQLite case store, the single source of truth for what
 * arrived, what was decided and what was queued. It must never build SQL
 * from values (every value is bound) nor write outside one transaction. */
#include <sys/types.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/store.h"

/* Writers wait this long for another process's transaction (an ingest and
 * the daemon, or a staff command) before giving up with SQLITE_BUSY. */
#define STORE_BUSY_MS	10000

/* The "actor" of the audit entries the program writes on its own. */
#define STORE_ACTOR	"hotrocks"

struct store {
	sqlite3	*db;
};

/*
 * Schema, version 1. Auditors open this database with sqlite3, so names
 * say what they hold: "message_id" is always an RFC 5322 Message-ID text,
 * while "msg_id" is a reference to messages(id). Times are RFC 3339 UTC.
 */
static const char schema_v1[] =
    "CREATE TABLE cases (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	number		TEXT NOT NULL UNIQUE,\n"
    "	year		INTEGER NOT NULL,\n"
    "	seq		INTEGER NOT NULL CHECK (seq > 0),\n"
    "	state		TEXT NOT NULL\n"
    "			CHECK (state IN ('open', 'review', 'done')),\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	organization	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	opened_at	TEXT NOT NULL,\n"
    "	updated_at	TEXT NOT NULL,\n"
    "	UNIQUE (year, seq)\n"
    ");\n"
    "CREATE INDEX cases_state ON cases (state);\n"
    "CREATE INDEX cases_opened ON cases (opened_at);\n"
    "\n"
    "CREATE TABLE messages (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	source		TEXT NOT NULL,\n"
    "	origin		TEXT,\n"
    "	uidvalidity	INTEGER NOT NULL DEFAULT 0,\n"
    "	uid		INTEGER NOT NULL DEFAULT 0,\n"
    "	message_id	TEXT,\n"
    "	sha256		TEXT NOT NULL,\n"
    "	content_key	TEXT NOT NULL,\n"
    "	archive_path	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	received_at	TEXT NOT NULL,\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	contract_json	TEXT NOT NULL,\n"
    "	case_id		INTEGER REFERENCES cases (id)\n"
    ");\n"
    /* The three ways a message is recognised again (store_seen); unique,
     * so even a bug above cannot record one message twice. */
    "CREATE UNIQUE INDEX messages_imap\n"
    "	ON messages (uidvalidity, uid, origin, source) WHERE uid != 0;\n"
    "CREATE UNIQUE INDEX messages_mid\n"
    "	ON messages (message_id, content_key)\n"
    "	WHERE message_id IS NOT NULL;\n"
    "CREATE INDEX messages_sha256 ON messages (sha256);\n"
    "CREATE INDEX messages_case ON messages (case_id);\n"
    "\n"
    "CREATE TABLE documents (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id),\n"
    "	idx		INTEGER NOT NULL,\n"
    "	filename	TEXT,\n"
    "	format		TEXT,\n"
    "	sha256		TEXT,\n"
    "	kind		TEXT,\n"
    "	json		TEXT NOT NULL,\n"
    "	UNIQUE (msg_id, idx)\n"
    ");\n"
    "\n"
    "CREATE TABLE case_rows (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id),\n"
    "	document_id	INTEGER NOT NULL REFERENCES documents (id),\n"
    "	idx		INTEGER NOT NULL,\n"
    "	phone		TEXT,\n"
    "	iccid		TEXT,\n"
    "	name		TEXT,\n"
    "	position	TEXT,\n"
    "	carrier		TEXT,\n"
    "	device_serial	TEXT,\n"
    "	nerrors		INTEGER NOT NULL DEFAULT 0 CHECK (nerrors >= 0),\n"
    "	json		TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX case_rows_case ON case_rows (case_id);\n"
    /* Only clean rows count as requested (store_open_request). */
    "CREATE INDEX case_rows_phone ON case_rows (phone) WHERE nerrors = 0;\n"
    "CREATE INDEX case_rows_iccid ON case_rows (iccid) WHERE nerrors = 0;\n"
    "\n"
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
    "\n"
    "CREATE TABLE audit (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	at		TEXT NOT NULL,\n"
    "	actor		TEXT NOT NULL,\n"
    "	event		TEXT NOT NULL,\n"
    "	msg_id		INTEGER REFERENCES messages (id),\n"
    "	case_id		INTEGER REFERENCES cases (id),\n"
    "	detail		TEXT\n"
    ");\n"
    "CREATE INDEX audit_case ON audit (case_id);\n"
    "CREATE INDEX audit_msg ON audit (msg_id);\n"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n";

/* Units that write in, loaded by staff from a CSV file: which addresses
 * are theirs and which organisation their certificates name. */
static const char schema_v2[] =
    "CREATE TABLE units (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE,\n"
    "  cert_org TEXT\n"
    ");\n"
    "CREATE TABLE unit_addresses (\n"
    "  address TEXT PRIMARY KEY,\n"	/* lower case; "@domain" for all */
    "  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE\n"
    ");\n";

/* Forward migrations; entry i takes user_version i to i + 1. Never edit
 * one that has shipped: append a new one. */
static const char *const migrations[] = {
	schema_v1,
	schema_v2,
};
#define STORE_VERSION	((int)G_N_ELEMENTS(migrations))

static const char *const case_states[] = { "open", "review", "done" };

static int	 db_fail(struct store *, const char *, char **);
static int	 db_exec(struct store *, const char *, char **);
static sqlite3_stmt *db_prepare(struct store *, const char *, char **);
static int	 db_user_version(struct store *, int *, char **);
static int	 db_begin(struct store *, char **);
static int	 db_lookup(struct store *, sqlite3_stmt *, int, char **,
		    const char *, char **);
static int	 db_commit(struct store *, char **);
static void	 db_rollback(struct store *);
static char	*col_strdup(sqlite3_stmt *, int);
static char	*now_utc(void);
static bool	 valid_state(const char *);
static struct store *store_connect(const char *, int, char **);
static int	 store_migrate(struct store *, char **);
static int	 seen_query(struct store *, const char *,
		    const struct store_message *, char **, char **);
static int	 seen_locked(struct store *, const struct store_message *,
		    char **, char **);
static int	 received_year(const char *, int *, char **);
static int	 insert_audit(struct store *, const char *, const char *,
		    const char *, sqlite3_int64, sqlite3_int64, const char *,
		    char **);
static int	 insert_case(struct store *, const struct store_message *,
		    sqlite3_int64 *, char **, char **);
static int	 insert_message(struct store *, const struct store_message *,
		    sqlite3_int64, sqlite3_int64 *, char **);
static int	 insert_documents(struct store *, const struct store_message *,
		    sqlite3_int64, sqlite3_int64 *, char **);
static int	 insert_rows(struct store *, const struct store_message *,
		    sqlite3_int64, const sqlite3_int64 *, char **);
static int	 insert_outgoing(struct store *,
		    const struct store_outgoing *, size_t, sqlite3_int64,
		    sqlite3_int64, const char *, char **);
static void	 case_fill(struct store_case *, sqlite3_stmt *);
static void	 case_clear(struct store_case *);

/* Sets *cause from the connection's last error; always returns -1. */
static int
db_fail(struct store *st, const char *what, char **cause)
{
	if (cause != NULL)
		*cause = g_strdup_printf("%s: %s", what,
		    sqlite3_errmsg(st->db));
	return (-1);
}

/* For fixed SQL text only: nothing here ever carries a value. */
static int
db_exec(struct store *st, const char *sql, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return (db_fail(st, "sqlite", cause));
	return (0);
}

static sqlite3_stmt *
db_prepare(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt	*stmt = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_fail(st, "prepare", cause);
		sqlite3_finalize(stmt);
		return (NULL);
	}
	return (stmt);
}

static int
db_user_version(struct store *st, int *version_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	if ((stmt = db_prepare(st, "PRAGMA user_version", cause)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(st, "reading schema version", cause);
		goto out;
	}
	*version_r = sqlite3_column_int(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

/* IMMEDIATE takes the write lock now, so two writers never interleave
 * between a check and the insert it guards (case numbers, dedupe). */
static int
db_begin(struct store *st, char **cause)
{
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return (db_fail(st, "begin transaction", cause));
	return (0);
}

static int
db_commit(struct store *st, char **cause)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(st, "commit", cause);
		db_rollback(st);
		return (-1);
	}
	return (0);
}

/* Some errors end the transaction inside SQLite already. */
static void
db_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
col_strdup(sqlite3_stmt *stmt, int i)
{
	const unsigned char	*s = sqlite3_column_text(stmt, i);

	return (s == NULL ? NULL : g_strdup((const char *)s));
}

/*
 * Steps a prepared one-row lookup and finalizes it: 1 with column col
 * copied to *out_r (may be NULL) when a row is found, 0 when none, -1 on
 * error (what names the lookup in *cause).
 */
static int
db_lookup(struct store *st, sqlite3_stmt *stmt, int col, char **out_r,
    const char *what, char **cause)
{
	int rc = -1;

	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		if (out_r != NULL)
			*out_r = col_strdup(stmt, col);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		db_fail(st, what, cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

static char *
now_utc(void)
{
	GDateTime	*now = g_date_time_new_now_utc();
	char		*s;

	s = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(now);
	return (s);
}

static bool
valid_state(const char *state)
{
	if (state == NULL)
		return (false);
	for (size_t i = 0; i < G_N_ELEMENTS(case_states); i++)
		if (strcmp(state, case_states[i]) == 0)
			return (true);
	return (false);
}

static struct store *
store_connect(const char *path, int flags, char **cause)
{
	struct store	*st;
	int		 rc;

	st = g_new0(struct store, 1);
	rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: %s", path,
			    st->db == NULL ? sqlite3_errstr(rc) :
			    sqlite3_errmsg(st->db));
		store_close(st);
		return (NULL);
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (db_exec(st, "PRAGMA foreign_keys = ON", cause) == -1) {
		store_close(st);
		return (NULL);
	}
	return (st);
}

/* Each step runs in its own transaction and re-reads the version under
 * the write lock, so two processes starting together migrate once. */
static int
store_migrate(struct store *st, char **cause)
{
	char	 sql[64];
	int	 version;

	if (db_user_version(st, &version, cause) == -1)
		return (-1);
	if (version > STORE_VERSION) {
		if (cause != NULL)
			*cause = g_strdup_printf("database schema version %d "
			    "is newer than this program knows (%d): upgrade "
			    "hotrocks", version, STORE_VERSION);
		return (-1);
	}
	while (version < STORE_VERSION) {
		if (db_begin(st, cause) == -1)
			return (-1);
		if (db_user_version(st, &version, cause) == -1)
			goto fail;
		if (version >= STORE_VERSION) {
			db_rollback(st);
			break;
		}
		if (db_exec(st, migrations[version], cause) == -1)
			goto fail;
		/* PRAGMA takes no parameters; the number is ours, not input. */
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    version + 1);
		if (db_exec(st, sql, cause) == -1)
			goto fail;
		if (db_commit(st, cause) == -1)
			return (-1);
		version++;
	}
	return (0);
fail:
	db_rollback(st);
	return (-1);
}

struct store *
store_open(const char *path, char **cause)
{
	struct store	*st;
	sqlite3_stmt	*stmt = NULL;
	const char	*mode;

	st = store_connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    cause);
	if (st == NULL)
		return (NULL);
	/* A committed message must survive power loss: auditors rely on it. */
	if (db_exec(st, "PRAGMA synchronous = FULL", cause) == -1)
		goto fail;
	if ((stmt = db_prepare(st, "PRAGMA journal_mode = WAL", cause)) ==
	    NULL)
		goto fail;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(st, "setting WAL mode", cause);
		goto fail;
	}
	mode = (const char *)sqlite3_column_text(stmt, 0);
	if (mode == NULL || g_ascii_strcasecmp(mode, "wal") != 0) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: journal mode is %s, not "
			    "wal", path, mode == NULL ? "unknown" : mode);
		goto fail;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (store_migrate(st, cause) == -1)
		goto fail;
	return (st);
fail:
	sqlite3_finalize(stmt);
	store_close(st);
	return (NULL);
}

struct store *
store_open_readonly(const char *path, char **cause)
{
	struct store	*st;
	int		 version;

	if ((st = store_connect(path, SQLITE_OPEN_READONLY, cause)) == NULL)
		return (NULL);
	if (db_user_version(st, &version, cause) == -1)
		goto fail;
	if (version != STORE_VERSION) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: schema version %d, this "
			    "program reads %d%s", path, version, STORE_VERSION,
			    version < STORE_VERSION ? " (open it read-write "
			    "once to migrate)" : "");
		goto fail;
	}
	return (st);
fail:
	store_close(st);
	return (NULL);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);
	g_free(st);
}

/* One recognition rule: sql selects (messages.id, cases.number). */
static int
seen_query(struct store *st, const char *sql, const struct store_message *m,
    char **case_r, char **cause)
{
	sqlite3_stmt	*stmt;

	if ((stmt = db_prepare(st, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, m->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, m->uidvalidity);
	sqlite3_bind_int64(stmt, 4, m->uid);
	sqlite3_bind_text(stmt, 5, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->content_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->sha256, -1, SQLITE_STATIC);
	return (db_lookup(st, stmt, 1, case_r, "looking up message", cause));
}

static int
seen_locked(struct store *st, const struct store_message *m, char **case_r,
    char **cause)
{
	static const char imap_sql[] =
	    "SELECT m.id, c.number FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.uid != 0 AND m.source = ?1 AND m.origin IS ?2"
	    " AND m.uidvalidity = ?3 AND m.uid = ?4"
	    " ORDER BY m.id LIMIT 1";
	static const char mid_sql[] =
	    "SELECT m.id, c.number FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.message_id = ?5 AND m.content_key = ?6"
	    " ORDER BY m.id LIMIT 1";
	static const char sha_sql[] =
	    "SELECT m.id, c.number FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.sha256 = ?7 ORDER BY m.id LIMIT 1";
	int	 rc;

	if (case_r != NULL)
		*case_r = NULL;
	if (m->uid != 0) {
		rc = seen_query(st, imap_sql, m, case_r, cause);
		if (rc != 0)
			return (rc);
	}
	if (m->message_id != NULL)
		return (seen_query(st, mid_sql, m, case_r, cause));
	return (seen_query(st, sha_sql, m, case_r, cause));
}

int
store_seen(struct store *st, const struct store_message *m, char **case_r,
    char **cause)
{
	return (seen_locked(st, m, case_r, cause));
}

/* A case is numbered in the year its request arrived. */
static int
received_year(const char *received_at, int *year_r, char **cause)
{
	int	 year = 0;

	if (received_at == NULL || strlen(received_at) < 5 ||
	    received_at[4] != '-')
		goto bad;
	for (int i = 0; i < 4; i++) {
		if (!g_ascii_isdigit(received_at[i]))
			goto bad;
		year = year * 10 + (received_at[i] - '0');
	}
	if (year < 1)
		goto bad;
	*year_r = year;
	return (0);
bad:
	if (cause != NULL)
		*cause = g_strdup_printf("received_at is not an RFC 3339 time: "
		    "%s", received_at == NULL ? "(none)" : received_at);
	return (-1);
}

static int
insert_audit(struct store *st, const char *at, const char *actor,
    const char *event, sqlite3_int64 msg_id, sqlite3_int64 case_id,
    const char *detail, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(st, "INSERT INTO audit (at, actor, event, msg_id,"
	    " case_id, detail) VALUES (?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, event, -1, SQLITE_STATIC);
	if (msg_id != 0)
		sqlite3_bind_int64(stmt, 4, msg_id);
	if (case_id != 0)
		sqlite3_bind_int64(stmt, 5, case_id);
	sqlite3_bind_text(stmt, 6, detail, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(st, "recording audit entry", cause);
	else
		rc = 0;
	sqlite3_finalize(stmt);
	return (rc);
}

/* Numbers are MAX(seq) + 1 for the year under the write lock, so they
 * have no gaps: a rolled-back transaction gives its number back. */
static int
insert_case(struct store *st, const struct store_message *m,
    sqlite3_int64 *case_id_r, char **number_r, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	char		*number = NULL;
	int		 year, rc = -1;
	sqlite3_int64	 seq;

	if (received_year(m->received_at, &year, cause) == -1)
		return (-1);
	stmt = db_prepare(st, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases"
	    " WHERE year = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int(stmt, 1, year);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(st, "allocating case number", cause);
		goto out;
	}
	seq = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (seq > 999999) {
		if (cause != NULL)
			*cause = g_strdup_printf("case numbers for %d are "
			    "exhausted", year);
		goto out;
	}
	number = g_strdup_printf("HT-%04d-%06lld", year, (long long)seq);

	stmt = db_prepare(st, "INSERT INTO cases (number, year, seq, state,"
	    " kind, action, organization, from_addr, subject, opened_at,"
	    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?10)", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, year);
	sqlite3_bind_int64(stmt, 3, seq);
	sqlite3_bind_text(stmt, 4, m->case_state, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->organization, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, m->from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, m->received_at, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(st, "opening case", cause);
		goto out;
	}
	*case_id_r = sqlite3_last_insert_rowid(st->db);
	*number_r = number;
	number = NULL;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	g_free(number);
	return (rc);
}

static int
insert_message(struct store *st, const struct store_message *m,
    sqlite3_int64 case_id, sqlite3_int64 *msg_id_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(st, "INSERT INTO messages (source, origin,"
	    " uidvalidity, uid, message_id, sha256, content_key, archive_path,"
	    " from_addr, subject, received_at, kind, action, contract_json,"
	    " case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, m->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, m->uidvalidity);
	sqlite3_bind_int64(stmt, 4, m->uid);
	sqlite3_bind_text(stmt, 5, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->content_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, m->archive_path, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, m->from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 11, m->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 12, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 13, m->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 14, m->contract_json, -1, SQLITE_STATIC);
	if (case_id != 0)
		sqlite3_bind_int64(stmt, 15, case_id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(st, "recording message", cause);
	else {
		*msg_id_r = sqlite3_last_insert_rowid(st->db);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

static int
insert_documents(struct store *st, const struct store_message *m,
    sqlite3_int64 msg_id, sqlite3_int64 *doc_ids, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(st, "INSERT INTO documents (msg_id, idx, filename,"
	    " format, sha256, kind, json) VALUES (?, ?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < m->ndocs; i++) {
		const struct store_doc	*d = &m->docs[i];

		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, msg_id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
		sqlite3_bind_text(stmt, 3, d->filename, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, d->format, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, d->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, d->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, d->json, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(st, "recording document", cause);
			goto out;
		}
		doc_ids[i] = sqlite3_last_insert_rowid(st->db);
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

static int
insert_rows(struct store *st, const struct store_message *m,
    sqlite3_int64 case_id, const sqlite3_int64 *doc_ids, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(st, "INSERT INTO case_rows (case_id, document_id,"
	    " idx, phone, iccid, name, position, carrier, device_serial,"
	    " nerrors, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < m->nrows; i++) {
		const struct store_row	*r = &m->rows[i];

		if (r->doc >= m->ndocs) {
			if (cause != NULL)
				*cause = g_strdup_printf("row %zu refers to "
				    "document %zu of %zu", i, r->doc, m->ndocs);
			goto out;
		}
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, case_id);
		sqlite3_bind_int64(stmt, 2, doc_ids[r->doc]);
		sqlite3_bind_int(stmt, 3, r->idx);
		sqlite3_bind_text(stmt, 4, r->phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, r->iccid, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, r->position, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 8, r->carrier, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 9, r->device_serial, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(stmt, 10, r->nerrors);
		sqlite3_bind_text(stmt, 11, r->json, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(st, "recording case row", cause);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

static int
insert_outgoing(struct store *st, const struct store_outgoing *out,
    size_t nout, sqlite3_int64 msg_id, sqlite3_int64 case_id,
    const char *now, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*detail;
	int		 audited, rc = -1;

	stmt = db_prepare(st, "INSERT INTO outbox (message_id, purpose, rcpt,"
	    " raw, next_attempt_at, created_at, case_id, msg_id)"
	    " VALUES (?, ?, ?, ?, ?5, ?5, ?6, ?7)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < nout; i++) {
		const struct store_outgoing	*o = &out[i];

		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, o->message_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, o->purpose, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, o->rcpt, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, o->raw, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, now, -1, SQLITE_STATIC);
		if (case_id != 0)
			sqlite3_bind_int64(stmt, 6, case_id);
		else
			sqlite3_bind_null(stmt, 6);
		sqlite3_bind_int64(stmt, 7, msg_id);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(st, "queueing outgoing message", cause);
			goto out;
		}
		detail = g_strdup_printf("%s to %s %s", o->purpose, o->rcpt,
		    o->message_id);
		audited = insert_audit(st, now, STORE_ACTOR, "queued", msg_id,
		    case_id, detail, cause);
		g_free(detail);
		if (audited == -1)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

int
store_record(struct store *st, const struct store_message *m, char **case_r,
    char **cause)
{
	sqlite3_int64	*doc_ids = NULL;
	sqlite3_int64	 msg_id = 0, case_id = 0;
	char		*number = NULL, *now = NULL, *detail = NULL;
	int		 rc;

	if (case_r != NULL)
		*case_r = NULL;
	if (db_begin(st, cause) == -1)
		return (-1);
	/* Checked again under the write lock: another process may have
	 * recorded this message since the caller's own check. */
	rc = seen_locked(st, m, case_r, cause);
	if (rc != 0) {
		db_rollback(st);
		return (rc);
	}
	rc = -1;
	now = now_utc();
	if (m->case_state != NULL &&
	    insert_case(st, m, &case_id, &number, cause) == -1)
		goto fail;
	if (insert_message(st, m, case_id, &msg_id, cause) == -1)
		goto fail;
	doc_ids = g_new0(sqlite3_int64, m->ndocs + 1);
	if (insert_documents(st, m, msg_id, doc_ids, cause) == -1)
		goto fail;
	/* Rows belong to a case; without one the CONTRACT keeps them. */
	if (case_id != 0 && insert_rows(st, m, case_id, doc_ids, cause) == -1)
		goto fail;

	detail = g_strdup_printf("%s kind=%s action=%s", m->message_id ==
	    NULL ? m->sha256 : m->message_id, m->kind, m->action);
	if (insert_audit(st, now, STORE_ACTOR, "received", msg_id, case_id,
	    detail, cause) == -1)
		goto fail;
	if (case_id != 0) {
		g_free(detail);
		detail = g_strdup_printf("%s state=%s", number, m->case_state);
		if (insert_audit(st, now, STORE_ACTOR, "case_opened", msg_id,
		    case_id, detail, cause) == -1)
			goto fail;
	}
	if (insert_outgoing(st, m->out, m->nout, msg_id, case_id, now,
	    cause) == -1)
		goto fail;
	if (m->compose != NULL) {
		const struct store_outgoing	*out = NULL;
		size_t				 nout = 0;

		if (m->compose(m->compose_ctx, number, &out, &nout,
		    cause) == -1 || insert_outgoing(st, out, nout, msg_id,
		    case_id, now, cause) == -1)
			goto fail;
	}
	if (db_commit(st, cause) == -1)
		goto out;
	rc = 0;
	if (case_r != NULL) {
		*case_r = number;
		number = NULL;
	}
	goto out;
fail:
	db_rollback(st);
out:
	g_free(doc_ids);
	g_free(number);
	g_free(now);
	g_free(detail);
	return (rc);
}

int
store_open_request(struct store *st, const char *phone, const char *iccid,
    char **case_r, char **cause)
{
	sqlite3_stmt	*stmt;

	if (case_r != NULL)
		*case_r = NULL;
	if (phone != NULL && *phone == '\0')
		phone = NULL;
	if (iccid != NULL && *iccid == '\0')
		iccid = NULL;
	if (phone == NULL && iccid == NULL)
		return (0);
	/* Two arms, not one OR, so each seeks its own partial index. */
	stmt = db_prepare(st, "SELECT number FROM ("
	    "SELECT c.id, c.number FROM case_rows r"
	    " JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.phone = ?1 AND c.state != 'done'"
	    " UNION ALL SELECT c.id, c.number FROM case_rows r"
	    " JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.iccid = ?2 AND c.state != 'done'"
	    ") ORDER BY id LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, iccid, -1, SQLITE_STATIC);
	return (db_lookup(st, stmt, 0, case_r, "looking up open requests",
	    cause));
}

#define CASE_COLUMNS \
	"c.number, c.state, c.kind, c.action, c.organization, c.from_addr," \
	" c.subject, c.opened_at, c.updated_at," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id)," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id" \
	" AND r.nerrors > 0)"

static void
case_fill(struct store_case *c, sqlite3_stmt *stmt)
{
	c->number = col_strdup(stmt, 0);
	c->state = col_strdup(stmt, 1);
	c->kind = col_strdup(stmt, 2);
	c->action = col_strdup(stmt, 3);
	c->organization = col_strdup(stmt, 4);
	c->from_addr = col_strdup(stmt, 5);
	c->subject = col_strdup(stmt, 6);
	c->opened_at = col_strdup(stmt, 7);
	c->updated_at = col_strdup(stmt, 8);
	c->nrows = sqlite3_column_int(stmt, 9);
	c->nrows_with_errors = sqlite3_column_int(stmt, 10);
}

static void
case_clear(struct store_case *c)
{
	g_free(c->number);
	g_free(c->state);
	g_free(c->kind);
	g_free(c->action);
	g_free(c->organization);
	g_free(c->from_addr);
	g_free(c->subject);
	g_free(c->opened_at);
	g_free(c->updated_at);
}

int
store_cases(struct store *st, const char *state, struct store_case **r,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*cases;
	struct store_case c;
	int		 step, rc = -1;

	*r = NULL;
	*n_r = 0;
	if (state != NULL && !valid_state(state)) {
		if (cause != NULL)
			*cause = g_strdup_printf("no such case state: %s",
			    state);
		return (-1);
	}
	stmt = db_prepare(st, "SELECT " CASE_COLUMNS " FROM cases c"
	    " WHERE ?1 IS NULL OR c.state = ?1"
	    " ORDER BY c.opened_at DESC, c.id DESC", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	cases = g_array_new(FALSE, TRUE, sizeof(struct store_case));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		case_fill(&c, stmt);
		g_array_append_val(cases, c);
	}
	if (step != SQLITE_DONE) {
		db_fail(st, "listing cases", cause);
		for (guint i = 0; i < cases->len; i++)
			case_clear(&g_array_index(cases, struct store_case, i));
		g_array_free(cases, TRUE);
		goto out;
	}
	*n_r = cases->len;
	*r = (struct store_case *)g_array_free(cases, FALSE);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

void
store_cases_free(struct store_case *cases, size_t n)
{
	if (cases == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		case_clear(&cases[i]);
	g_free(cases);
}

int
store_case_get(struct store *st, const char *number,
    struct store_case_detail **r, char **cause)
{
	struct store_case_detail *d = NULL;
	sqlite3_stmt	*stmt;
	GPtrArray	*list = NULL;
	sqlite3_int64	 case_id;
	const char	*detail;
	int		 step, rc = -1;

	*r = NULL;
	stmt = db_prepare(st, "SELECT " CASE_COLUMNS ", c.id FROM cases c"
	    " WHERE c.number = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	step = sqlite3_step(stmt);
	if (step == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_ROW) {
		db_fail(st, "reading case", cause);
		goto out;
	}
	d = g_new0(struct store_case_detail, 1);
	case_fill(&d->c, stmt);
	case_id = sqlite3_column_int64(stmt, 11);
	sqlite3_finalize(stmt);

	stmt = db_prepare(st, "SELECT message_id, contract_json, archive_path"
	    " FROM messages WHERE case_id = ? ORDER BY id LIMIT 1", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		d->message_id = col_strdup(stmt, 0);
		d->contract_json = col_strdup(stmt, 1);
		d->archive_path = col_strdup(stmt, 2);
	} else if (step != SQLITE_DONE) {
		db_fail(st, "reading case message", cause);
		goto out;
	}
	sqlite3_finalize(stmt);

	stmt = db_prepare(st, "SELECT json FROM case_rows WHERE case_id = ?"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	list = g_ptr_array_new();
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		g_ptr_array_add(list, col_strdup(stmt, 0));
	d->nrows = list->len;
	g_ptr_array_add(list, NULL);
	d->rows_json = (char **)g_ptr_array_free(list, FALSE);
	list = NULL;
	if (step != SQLITE_DONE) {
		db_fail(st, "reading case rows", cause);
		goto out;
	}
	sqlite3_finalize(stmt);

	stmt = db_prepare(st, "SELECT at, actor, event, detail FROM audit"
	    " WHERE case_id = ?1"
	    " OR msg_id IN (SELECT id FROM messages WHERE case_id = ?1)"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	list = g_ptr_array_new();
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		detail = (const char *)sqlite3_column_text(stmt, 3);
		g_ptr_array_add(list, g_strdup_printf("%s %s %s%s%s",
		    (const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2),
		    detail == NULL || *detail == '\0' ? "" : " ",
		    detail == NULL ? "" : detail));
	}
	d->naudit = list->len;
	g_ptr_array_add(list, NULL);
	d->audit = (char **)g_ptr_array_free(list, FALSE);
	list = NULL;
	if (step != SQLITE_DONE) {
		db_fail(st, "reading case audit", cause);
		goto out;
	}
	*r = d;
	d = NULL;
	rc = 1;
out:
	sqlite3_finalize(stmt);
	store_case_detail_free(d);
	return (rc);
}

void
store_case_detail_free(struct store_case_detail *d)
{
	if (d == NULL)
		return;
	case_clear(&d->c);
	g_free(d->message_id);
	g_free(d->contract_json);
	g_free(d->archive_path);
	g_strfreev(d->rows_json);
	g_strfreev(d->audit);
	g_free(d);
}

int
store_case_set_state(struct store *st, const char *number, const char *state,
    const char *actor, const char *note, const char *now, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	sqlite3_int64	 case_id;
	char		*old = NULL, *detail = NULL, *clock = NULL;
	int		 rc = -1;

	if (!valid_state(state)) {
		if (cause != NULL)
			*cause = g_strdup_printf("no such case state: %s",
			    state == NULL ? "(none)" : state);
		return (-1);
	}
	if (actor == NULL || *actor == '\0') {
		if (cause != NULL)
			*cause = g_strdup("a state change must name its actor");
		return (-1);
	}
	if (now == NULL)
		now = clock = now_utc();
	if (db_begin(st, cause) == -1)
		goto out;
	stmt = db_prepare(st, "SELECT id, state FROM cases WHERE number = ?",
	    cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		if (cause != NULL)
			*cause = g_strdup_printf("no such case: %s",
			    number == NULL ? "(none)" : number);
		goto fail;
	default:
		db_fail(st, "reading case", cause);
		goto fail;
	}
	case_id = sqlite3_column_int64(stmt, 0);
	old = col_strdup(stmt, 1);
	sqlite3_finalize(stmt);

	stmt = db_prepare(st, "UPDATE cases SET state = ?, updated_at = ?"
	    " WHERE id = ?", cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, case_id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(st, "changing case state", cause);
		goto fail;
	}
	if (note != NULL && *note != '\0')
		detail = g_strdup_printf("%s -> %s: %s", old, state, note);
	else
		detail = g_strdup_printf("%s -> %s", old, state);
	if (insert_audit(st, now, actor, "state_changed", 0, case_id, detail,
	    cause) == -1)
		goto fail;
	if (db_commit(st, cause) == -1)
		goto out;
	rc = 0;
	goto out;
fail:
	db_rollback(st);
out:
	sqlite3_finalize(stmt);
	g_free(old);
	g_free(detail);
	g_free(clock);
	return (rc);
}

int
store_units_replace(struct store *st, const struct store_unit *u, size_t n,
    const char *actor, const char *now, char **cause)
{
	sqlite3_stmt	*unit = NULL, *addr = NULL;
	char		*detail;
	int		 rc = -1;

	if (db_begin(st, cause) == -1)
		return (-1);
	if (sqlite3_exec(st->db, "DELETE FROM unit_addresses; DELETE FROM "
	    "units;", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(st, "clearing units", cause);
		goto fail;
	}
	unit = db_prepare(st, "INSERT INTO units (name, cert_org) VALUES "
	    "(?, ?)", cause);
	addr = db_prepare(st, "INSERT INTO unit_addresses (address, unit_id) "
	    "VALUES (lower(?), ?)", cause);
	if (unit == NULL || addr == NULL)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		sqlite3_int64 id;

		sqlite3_reset(unit);
		sqlite3_bind_text(unit, 1, u[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(unit, 2, u[i].cert_org, -1, SQLITE_STATIC);
		if (sqlite3_step(unit) != SQLITE_DONE) {
			if (cause != NULL)
				*cause = g_strdup_printf("unit \"%s\": %s",
				    u[i].name, sqlite3_errmsg(st->db));
			goto fail;
		}
		id = sqlite3_last_insert_rowid(st->db);
		for (size_t k = 0; u[i].addresses[k] != NULL; k++) {
			sqlite3_reset(addr);
			sqlite3_bind_text(addr, 1, u[i].addresses[k], -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(addr, 2, id);
			if (sqlite3_step(addr) != SQLITE_DONE) {
				if (cause != NULL)
					*cause = g_strdup_printf("address %s "
					    "of \"%s\": %s",
					    u[i].addresses[k], u[i].name,
					    sqlite3_errmsg(st->db));
				goto fail;
			}
		}
	}
	detail = g_strdup_printf("%zu units", n);
	rc = insert_audit(st, now, actor, "units_imported", 0, 0, detail,
	    cause);
	g_free(detail);
	if (rc == -1)
		goto fail;
	sqlite3_finalize(unit);
	sqlite3_finalize(addr);
	return (db_commit(st, cause));
fail:
	sqlite3_finalize(unit);
	sqlite3_finalize(addr);
	db_rollback(st);
	return (-1);
}

int
store_unit_cert_org(struct store *st, const char *sender, char **org_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*at;
	int		 rc = 0;

	*org_r = NULL;
	if (sender == NULL || (at = strrchr(sender, '@')) == NULL)
		return (0);
	/* The exact address first, then the whole domain. */
	stmt = db_prepare(st, "SELECT u.cert_org FROM unit_addresses a JOIN "
	    "units u ON u.id = a.unit_id WHERE a.address IN (lower(?1), "
	    "lower(?2)) ORDER BY a.address = lower(?1) DESC LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	rc = db_lookup(st, stmt, 0, org_r, "looking up the sender's unit",
	    cause);
	return (rc == 1 && *org_r == NULL ? 0 : rc);	/* no cert_org */
}

int
store_messages(struct store *st, const char *action, int limit,
    struct store_case **r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*v;
	int		 step, rc = -1;

	*r = NULL;
	*n_r = 0;
	stmt = db_prepare(st, "SELECT c.number, m.kind, m.action, m.from_addr,"
	    " m.subject, m.received_at, (SELECT count(*) FROM outbox o WHERE"
	    " o.msg_id = m.id) FROM messages m LEFT JOIN cases c ON"
	    " c.id = m.case_id WHERE ?1 IS NULL OR m.action = ?1"
	    " ORDER BY m.received_at DESC, m.id DESC LIMIT ?2", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit > 0 ? limit : -1);
	v = g_array_new(FALSE, TRUE, sizeof(struct store_case));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_case c = { 0 };

		c.number = col_strdup(stmt, 0);
		c.kind = col_strdup(stmt, 1);
		c.action = col_strdup(stmt, 2);
		c.from_addr = col_strdup(stmt, 3);
		c.subject = col_strdup(stmt, 4);
		c.opened_at = col_strdup(stmt, 5);
		c.nrows = sqlite3_column_int(stmt, 6);
		g_array_append_val(v, c);
	}
	if (step != SQLITE_DONE) {
		db_fail(st, "listing messages", cause);
		for (guint i = 0; i < v->len; i++)
			case_clear(&g_array_index(v, struct store_case, i));
		g_array_free(v, TRUE);
		goto out;
	}
	*n_r = v->len;
	*r = (struct store_case *)g_array_free(v, FALSE);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}
