/* audit.c: the one writer of the audit table and its hash chain. It never
 * updates or deletes an entry (the table's triggers refuse both even to a
 * bug elsewhere), save once, to chain the entries written before version 7. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "lib/audit.h"

static void	 netstring(GChecksum *, const char *);
static int	 read_head(struct db *, int64_t *, int64_t *, char[65],
		    char **);
static int	 msg_sha256(struct db *, int64_t, char **, char **);
static int	 insert_entry(struct db *, int64_t, const struct audit_entry *,
		    const char *, const char *, const char *, char **);
static int	 set_head(struct db *, int64_t, int64_t, const char *,
		    char **);
static int	 check_fail(struct audit_check *, const char *, int64_t,
		    uint64_t, char *);

const char audit_schema_v1[] =
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

/* The update trigger of version 1, dropped and made again only around the
 * one-time chaining of older entries (audit_chain_start). */
#define AUDIT_NO_UPDATE \
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n" \
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"

const char audit_chain_schema[] =
    "ALTER TABLE audit ADD COLUMN msg_sha256 TEXT;\n"
    "ALTER TABLE audit ADD COLUMN prev_hash TEXT;\n"
    "ALTER TABLE audit ADD COLUMN hash TEXT;\n"
    /* One row, moved by every append in the same transaction: a tail cut
     * off the log no longer meets it. */
    "CREATE TABLE audit_head (\n"
    "	one		INTEGER PRIMARY KEY CHECK (one = 1),\n"
    "	entries		INTEGER NOT NULL CHECK (entries >= 0),\n"
    "	last_id		INTEGER NOT NULL,\n"
    "	hash		TEXT NOT NULL\n"
    ");\n"
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head\n"
    "BEGIN SELECT RAISE(ABORT, 'the audit head stays'); END;\n"
    /* An empty log starts its chain now; one with entries waits for
     * audit_chain_start, which needs SHA-256 (not in SQL). */
    "INSERT INTO audit_head (one, entries, last_id, hash)\n"
    "	SELECT 1, 0, 0, '" AUDIT_HASH_ZERO "'\n"
    "	WHERE NOT EXISTS (SELECT 1 FROM audit);\n";

static void
netstring(GChecksum *ck, const char *s)
{
	char	 len[32];

	if (s == NULL)
		s = "";
	snprintf(len, sizeof len, "%zu:", strlen(s));
	g_checksum_update(ck, (const guchar *)len, -1);
	g_checksum_update(ck, (const guchar *)s, (gssize)strlen(s));
	g_checksum_update(ck, (const guchar *)",", 1);
}

void
audit_hash(int64_t id, const struct audit_entry *e, const char *msg_sha256,
    const char *prev_hash, char hash_r[65])
{
	GChecksum	*ck = g_checksum_new(G_CHECKSUM_SHA256);
	char		 num[32];

	g_checksum_update(ck, (const guchar *)"hotrocks-audit-1,", -1);
	snprintf(num, sizeof num, "%" PRId64, id);
	netstring(ck, num);
	netstring(ck, e->at);
	netstring(ck, e->actor);
	netstring(ck, e->event);
	snprintf(num, sizeof num, "%" PRId64, e->msg_id);
	netstring(ck, num);
	snprintf(num, sizeof num, "%" PRId64, e->case_id);
	netstring(ck, num);
	netstring(ck, e->detail);
	netstring(ck, msg_sha256);
	netstring(ck, prev_hash);
	g_strlcpy(hash_r, g_checksum_get_string(ck), 65);
	g_checksum_free(ck);
}

/* 1 with the head, 0 when the chain has not started, -1 on error. */
static int
read_head(struct db *db, int64_t *entries_r, int64_t *last_id_r,
    char hash_r[65], char **cause)
{
	sqlite3_stmt	*stmt;
	int		 step, rc = -1;

	stmt = db_cached(db, "SELECT entries, last_id, hash FROM audit_head"
	    " WHERE one = 1", cause);
	if (stmt == NULL)
		return (-1);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		*entries_r = sqlite3_column_int64(stmt, 0);
		*last_id_r = sqlite3_column_int64(stmt, 1);
		g_strlcpy(hash_r, (const char *)sqlite3_column_text(stmt, 2),
		    65);
		rc = 1;
	} else if (step == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, "reading the audit head", cause);
	sqlite3_reset(stmt);
	return (rc);
}

/* The archive sha256 of message id (NULL when there is none). */
static int
msg_sha256(struct db *db, int64_t id, char **sha_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*sha_r = NULL;
	if (id == 0)
		return (0);
	/* Once an entry: compiled once, so not db_lookup (which
	 * finalizes). */
	stmt = db_cached(db, "SELECT sha256 FROM messages WHERE id = ?",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*sha_r = db_column_strdup(stmt, 0);
		/* FALLTHROUGH */
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		rc = db_fail(db, "reading a message's sha256", cause);
		break;
	}
	sqlite3_reset(stmt);
	return (rc);
}

static int
insert_entry(struct db *db, int64_t id, const struct audit_entry *e,
    const char *sha, const char *prev, const char *hash, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO audit (id, at, actor, event, msg_id,"
	    " case_id, detail, msg_sha256, prev_hash, hash)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, e->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, e->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, e->event, -1, SQLITE_STATIC);
	if (e->msg_id != 0)
		sqlite3_bind_int64(stmt, 5, e->msg_id);
	if (e->case_id != 0)
		sqlite3_bind_int64(stmt, 6, e->case_id);
	sqlite3_bind_text(stmt, 7, e->detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, sha, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(db, "recording audit entry", cause);
	else
		rc = 0;
	sqlite3_reset(stmt);
	return (rc);
}

static int
set_head(struct db *db, int64_t entries, int64_t last_id, const char *hash,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO audit_head (one, entries, last_id,"
	    " hash) VALUES (1, ?1, ?2, ?3) ON CONFLICT (one) DO UPDATE SET"
	    " entries = ?1, last_id = ?2, hash = ?3", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, entries);
	sqlite3_bind_int64(stmt, 2, last_id);
	sqlite3_bind_text(stmt, 3, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(db, "moving the audit head", cause);
	else
		rc = 0;
	sqlite3_reset(stmt);
	return (rc);
}

/* The transaction is IMMEDIATE (db_begin): the head read here is the one
 * this entry extends, and no other writer moves it before commit. */
int
audit_append(struct db_txn *txn, const struct audit_entry *e, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	char		 prev[65], hash[65];
	char		*sha = NULL;
	int64_t		 entries, last_id, id;
	int		 found, rc = -1;

	if ((found = read_head(db, &entries, &last_id, prev, cause)) == -1)
		return (-1);
	if (found == 0) {
		if (cause != NULL)
			*cause = g_strdup("recording audit entry: the audit "
			    "chain has not started");
		return (-1);
	}
	/* Past the largest id, even if someone cut the tail: the entry
	 * never takes the place of one that was there. */
	stmt = db_cached(db, "SELECT coalesce(max(id), 0) FROM audit", cause);
	if (stmt == NULL)
		return (-1);
	id = sqlite3_step(stmt) == SQLITE_ROW ?
	    sqlite3_column_int64(stmt, 0) : -1;
	sqlite3_reset(stmt);
	if (id == -1)
		return (db_fail(db, "reading the last audit id", cause));
	id = MAX(id, last_id) + 1;
	if (msg_sha256(db, e->msg_id, &sha, cause) == -1)
		return (-1);
	audit_hash(id, e, sha, prev, hash);
	if (insert_entry(db, id, e, sha, prev, hash, cause) == -1 ||
	    set_head(db, entries + 1, id, hash, cause) == -1)
		goto out;
	rc = 0;
out:
	g_free(sha);
	return (rc);
}

/* One entry written before the chain, as chaining needs it. */
struct old_entry {
	int64_t	 id;
	char	*at, *actor, *event, *detail, *sha;
	int64_t	 msg_id, case_id;
};

int
audit_chain_start(struct db *db, char **cause)
{
	struct db_txn		*txn = NULL;
	sqlite3_stmt		*stmt = NULL;
	GArray			*old;
	struct audit_entry	 e = { 0 };
	char			 prev[65] = AUDIT_HASH_ZERO, hash[65];
	char			 at[DB_TIME_SIZE], *detail = NULL;
	int64_t			 entries, last_id = 0;
	int			 step, rc = -1;

	old = g_array_new(FALSE, TRUE, sizeof(struct old_entry));
	if ((step = read_head(db, &entries, &last_id, hash, cause)) != 0) {
		rc = step == 1 ? 0 : -1;
		goto out;
	}
	if ((txn = db_begin(db, cause)) == NULL)
		goto out;
	/* Another process may have chained them while we waited. */
	if ((step = read_head(db, &entries, &last_id, hash, cause)) != 0) {
		rc = step == 1 ? 0 : -1;
		goto out;
	}
	stmt = db_prepare(db, "SELECT a.id, a.at, a.actor, a.event,"
	    " coalesce(a.msg_id, 0), coalesce(a.case_id, 0), a.detail,"
	    " m.sha256 FROM audit a LEFT JOIN messages m ON m.id = a.msg_id"
	    " ORDER BY a.id", cause);
	if (stmt == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct old_entry o = {
			.id = sqlite3_column_int64(stmt, 0),
			.at = db_column_strdup(stmt, 1),
			.actor = db_column_strdup(stmt, 2),
			.event = db_column_strdup(stmt, 3),
			.msg_id = sqlite3_column_int64(stmt, 4),
			.case_id = sqlite3_column_int64(stmt, 5),
			.detail = db_column_strdup(stmt, 6),
			.sha = db_column_strdup(stmt, 7),
		};
		g_array_append_val(old, o);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the audit log", cause);
		stmt = NULL;
		goto out;
	}
	stmt = NULL;
	if (db_exec(db, "DROP TRIGGER audit_no_update", cause) == -1)
		goto out;
	stmt = db_prepare(db, "UPDATE audit SET msg_sha256 = ?, prev_hash = ?,"
	    " hash = ? WHERE id = ?", cause);
	if (stmt == NULL)
		goto out;
	for (guint i = 0; i < old->len; i++) {
		struct old_entry *o = &g_array_index(old, struct old_entry, i);

		e.at = o->at;
		e.actor = o->actor;
		e.event = o->event;
		e.msg_id = o->msg_id;
		e.case_id = o->case_id;
		e.detail = o->detail;
		audit_hash(o->id, &e, o->sha, prev, hash);
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, o->sha, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, hash, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, o->id);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "chaining the audit log", cause);
			goto out;
		}
		memcpy(prev, hash, sizeof prev);
		last_id = o->id;
	}
	if (db_exec(db, AUDIT_NO_UPDATE, cause) == -1 ||
	    set_head(db, old->len, last_id, prev, cause) == -1)
		goto out;
	db_time(time(NULL), at);
	detail = g_strdup_printf("%u earlier entries chained", old->len);
	e = (struct audit_entry){ .at = at, .actor = AUDIT_ACTOR,
	    .event = "chain_started", .detail = detail };
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	rc = db_commit(txn, cause);
	txn = NULL;
out:
	sqlite3_finalize(stmt);
	db_rollback(txn);
	for (guint i = 0; i < old->len; i++) {
		struct old_entry *o = &g_array_index(old, struct old_entry, i);

		g_free(o->at);
		g_free(o->actor);
		g_free(o->event);
		g_free(o->detail);
		g_free(o->sha);
	}
	g_array_free(old, TRUE);
	g_free(detail);
	return (rc);
}

/* Records the first break; returns 0 so callers can "return (check_fail…". */
static int
check_fail(struct audit_check *c, const char *kind, int64_t id,
    uint64_t position, char *what)
{
	c->kind = kind;
	c->id = id;
	c->position = position;
	c->what = what;
	return (0);
}

void
audit_check_deinit(struct audit_check *c)
{
	g_free(c->what);
	c->what = NULL;
}

/* Same text, NULL and "" alike (the serialisation does not tell them). */
static gboolean
same(const char *a, const char *b)
{
	return (g_strcmp0(a == NULL ? "" : a, b == NULL ? "" : b) == 0);
}

int
audit_verify_chain(struct db *db, struct audit_check *c, char **cause)
{
	sqlite3_stmt		*stmt;
	GHashTable		*ids;	/* hash -> id, for a reordered entry */
	struct audit_entry	 e = { 0 };
	char			 head[65], prev[65] = AUDIT_HASH_ZERO, h[65];
	int64_t			 head_entries, head_last, id, *v;
	int			 step, found, rc = -1;

	memset(c, 0, sizeof *c);
	memcpy(c->head, prev, sizeof c->head);
	found = read_head(db, &head_entries, &head_last, head, cause);
	if (found == -1)
		return (-1);
	if (found == 0)
		return (check_fail(c, "not_started", 0, 0, g_strdup("the "
		    "audit chain has not started (open the store with a "
		    "command that writes)")));

	ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	stmt = db_prepare(db, "SELECT id, hash FROM audit", cause);
	if (stmt == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *hash = (const char *)sqlite3_column_text(stmt, 1);

		if (hash == NULL)
			continue;
		v = g_new(int64_t, 1);
		*v = sqlite3_column_int64(stmt, 0);
		g_hash_table_replace(ids, g_strdup(hash), v);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the audit log", cause);
		goto out;
	}

	stmt = db_prepare(db, "SELECT a.id, a.at, a.actor, a.event,"
	    " coalesce(a.msg_id, 0), coalesce(a.case_id, 0), a.detail,"
	    " a.msg_sha256, a.prev_hash, a.hash, m.sha256"
	    " FROM audit a LEFT JOIN messages m ON m.id = a.msg_id"
	    " ORDER BY a.id", cause);
	if (stmt == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char	*sha, *lprev, *hash, *msha;
		uint64_t	 pos = c->entries + 1;

		id = sqlite3_column_int64(stmt, 0);
		e.at = (const char *)sqlite3_column_text(stmt, 1);
		e.actor = (const char *)sqlite3_column_text(stmt, 2);
		e.event = (const char *)sqlite3_column_text(stmt, 3);
		e.msg_id = sqlite3_column_int64(stmt, 4);
		e.case_id = sqlite3_column_int64(stmt, 5);
		e.detail = (const char *)sqlite3_column_text(stmt, 6);
		sha = (const char *)sqlite3_column_text(stmt, 7);
		lprev = (const char *)sqlite3_column_text(stmt, 8);
		hash = (const char *)sqlite3_column_text(stmt, 9);
		msha = (const char *)sqlite3_column_text(stmt, 10);
		if (lprev == NULL)
			lprev = "";
		if (hash == NULL)
			hash = "";
		audit_hash(id, &e, sha, lprev, h);

		if (id > head_last) {
			check_fail(c, "inserted", id, pos, g_strdup_printf(
			    "inserted entry id %" PRId64 " (position %" PRIu64
			    "): the head ends at id %" PRId64 " after %" PRId64
			    " entries", id, pos, head_last, head_entries));
			break;
		}
		if (strcmp(lprev, prev) != 0) {
			v = g_hash_table_lookup(ids, lprev);
			if (v != NULL && *v > id)
				check_fail(c, "reordered", id, pos,
				    g_strdup_printf("entries out of order at "
				    "id %" PRId64 " (position %" PRIu64 "): it "
				    "links to entry id %" PRId64 ", which "
				    "comes after it", id, pos, *v));
			else if (id != c->last_id + 1 && strcmp(h, hash) == 0)
				check_fail(c, "missing", id, pos,
				    id == c->last_id + 2 ?
				    g_strdup_printf("entry %" PRId64 " missing "
				    "(ids jump %" PRId64 "\u2192%" PRId64 ")",
				    c->last_id + 1, c->last_id, id) :
				    g_strdup_printf("entries %" PRId64 "\u2013%"
				    PRId64 " missing (ids jump %" PRId64
				    "\u2192%" PRId64 ")", c->last_id + 1,
				    id - 1, c->last_id, id));
			else if (strcmp(h, hash) != 0)
				check_fail(c, "altered", id, pos,
				    g_strdup_printf("altered entry id %" PRId64
				    " (position %" PRIu64 "): hash mismatch",
				    id, pos));
			else
				check_fail(c, "inserted", id, pos,
				    g_strdup_printf("inserted entry id %" PRId64
				    " (position %" PRIu64 "): it does not "
				    "link to entry id %" PRId64, id, pos,
				    c->last_id));
			break;
		}
		if (strcmp(h, hash) != 0) {
			check_fail(c, "altered", id, pos, g_strdup_printf(
			    "altered entry id %" PRId64 " (position %" PRIu64
			    "): hash mismatch", id, pos));
			break;
		}
		if (e.msg_id != 0 && !same(sha, msha)) {
			check_fail(c, "message", id, pos, g_strdup_printf(
			    "entry id %" PRId64 " (position %" PRIu64 "): "
			    "message %" PRId64 " has sha256 %s, the entry "
			    "recorded %s", id, pos, e.msg_id,
			    msha == NULL ? "(no message)" : msha,
			    sha == NULL ? "none" : sha));
			break;
		}
		memcpy(prev, hash, sizeof prev);
		memcpy(c->head, hash, sizeof c->head);
		c->last_id = id;
		c->entries = pos;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_fail(db, "reading the audit log", cause);
		sqlite3_finalize(stmt);
		goto out;
	}
	sqlite3_finalize(stmt);
	if (c->kind == NULL && (c->last_id < head_last ||
	    (int64_t)c->entries < head_entries))
		check_fail(c, "truncated", c->last_id + 1, c->entries + 1,
		    g_strdup_printf("chain truncated at the end: the log ends "
		    "at id %" PRId64 " after %" PRIu64 " entries, the head "
		    "says id %" PRId64 " after %" PRId64, c->last_id,
		    c->entries, head_last, head_entries));
	else if (c->kind == NULL && strcmp(c->head, head) != 0)
		check_fail(c, "altered", c->last_id, c->entries,
		    g_strdup_printf("altered entry id %" PRId64 " (position %"
		    PRIu64 "): its hash is not the head's", c->last_id,
		    c->entries));
	rc = 0;
out:
	g_hash_table_destroy(ids);
	return (rc);
}

int
audit_case_lines(struct db *db, int64_t case_id, char ***lines_r,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GPtrArray	*list;
	const char	*detail;
	int		 step, rc = -1;

	*lines_r = NULL;
	*n_r = 0;
	stmt = db_prepare(db, "SELECT at, actor, event, detail FROM audit"
	    " WHERE case_id = ?1"
	    " OR msg_id IN (SELECT id FROM messages WHERE case_id = ?1)"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		return (-1);
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
	*n_r = list->len;
	g_ptr_array_add(list, NULL);
	*lines_r = (char **)g_ptr_array_free(list, FALSE);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading case audit", cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}
