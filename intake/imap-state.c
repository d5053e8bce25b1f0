/* imap-state.c: the per-folder summary of IMAP passes, beside the store.
 * It never records a message: only the store's transaction does that. */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/imap-state.h"
#include "intake/store.h"
#include "lib/db.h"
#include "outbox/queue.h"

/* A connection of its own to the store, made by store_open (so the
 * schema is migrated and the busy timeout is the store's). */
struct imap_state {
	struct db	*db;
};

const char imap_state_schema[] =
    "CREATE TABLE imap_folders (\n"
    "	origin		TEXT PRIMARY KEY,\n"	/* user@host/folder */
    "	folder		TEXT NOT NULL,\n"
    "	uidvalidity	INTEGER NOT NULL DEFAULT 0,\n"
    "	last_pass_at	TEXT,\n"
    "	last_error	TEXT,\n"
    "	last_error_at	TEXT,\n"
    "	day		TEXT,\n"		/* of the counts below */
    "	recorded_day	INTEGER NOT NULL DEFAULT 0,\n"
    "	failed_day	INTEGER NOT NULL DEFAULT 0\n"
    ");\n";

static int
fail(struct imap_state *st, const char *what, char **cause)
{
	return (db_fail(st->db, what, cause));
}

static sqlite3_stmt *
prepare(struct imap_state *st, const char *sql, char **cause)
{
	return (db_prepare(st->db, sql, cause));
}

struct imap_state *
imap_state_open(const char *path, bool readonly, char **cause)
{
	struct imap_state *st = g_new0(struct imap_state, 1);

	st->db = readonly ? store_open_readonly(path, cause) :
	    store_open(path, cause);
	if (st->db == NULL) {
		g_free(st);
		return (NULL);
	}
	return (st);
}

void
imap_state_close(struct imap_state *st)
{
	if (st == NULL)
		return;
	db_close(st->db);
	g_free(st);
}

int
imap_state_highest(struct imap_state *st, const char *origin,
    uint32_t uidvalidity, uint32_t *uid_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = prepare(st, "SELECT COALESCE(MAX(uid), 0) FROM messages"
	    " WHERE source = 'imap' AND origin = ? AND uidvalidity = ?",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, uidvalidity);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*uid_r = (uint32_t)sqlite3_column_int64(stmt, 0);
		rc = 0;
	} else
		fail(st, "highest uid", cause);
	sqlite3_finalize(stmt);
	return (rc);
}

int
imap_state_recorded(struct imap_state *st, const char *origin,
    uint32_t uidvalidity, uint32_t uid, char **action_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*action_r = NULL;
	stmt = prepare(st, "SELECT action FROM messages WHERE uid != 0"
	    " AND source = 'imap' AND origin = ? AND uidvalidity = ?"
	    " AND uid = ? ORDER BY id LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, uidvalidity);
	sqlite3_bind_int64(stmt, 3, uid);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*action_r = g_strdup((const char *)sqlite3_column_text(stmt,
		    0));
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		rc = fail(st, "looking up message", cause);
	}
	sqlite3_finalize(stmt);
	return (rc);
}

int
imap_state_pass(struct imap_state *st, const char *origin,
    const char *folder, uint32_t uidvalidity, size_t recorded,
    size_t failed, const char *error, const char *now, const char *day,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	/* One statement: the counts restart on a new day. */
	stmt = prepare(st, "INSERT INTO imap_folders (origin, folder,"
	    " uidvalidity, last_pass_at, last_error, last_error_at, day,"
	    " recorded_day, failed_day)"
	    " VALUES (?1, ?2, ?3, CASE WHEN ?6 IS NULL THEN ?7 END, ?6,"
	    " CASE WHEN ?6 IS NOT NULL THEN ?7 END, ?8, ?4, ?5)"
	    " ON CONFLICT (origin) DO UPDATE SET folder = ?2,"
	    " uidvalidity = ?3,"
	    " last_pass_at = CASE WHEN ?6 IS NULL THEN ?7 ELSE last_pass_at"
	    " END,"
	    " last_error = CASE WHEN ?6 IS NULL THEN last_error ELSE ?6 END,"
	    " last_error_at = CASE WHEN ?6 IS NULL THEN last_error_at"
	    " ELSE ?7 END,"
	    " recorded_day = CASE WHEN day IS ?8 THEN recorded_day + ?4"
	    " ELSE ?4 END,"
	    " failed_day = CASE WHEN day IS ?8 THEN failed_day + ?5"
	    " ELSE ?5 END,"
	    " day = ?8", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, folder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, uidvalidity);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)recorded);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)failed);
	if (error != NULL)
		sqlite3_bind_text(stmt, 6, error, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, day, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		fail(st, "recording the pass", cause);
	else
		rc = 0;
	sqlite3_finalize(stmt);
out:
	return (rc);
}

int
imap_state_failed(struct imap_state *st, const char *origin,
    const char *folder, const char *error, const char *now, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = prepare(st, "INSERT INTO imap_folders (origin, folder,"
	    " uidvalidity, last_error, last_error_at)"
	    " VALUES (?1, ?2, 0, ?3, ?4)"
	    " ON CONFLICT (origin) DO UPDATE SET folder = ?2,"
	    " last_error = ?3, last_error_at = ?4", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, folder, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, error, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		fail(st, "recording the failed pass", cause);
	else
		rc = 0;
	sqlite3_finalize(stmt);
	return (rc);
}

static char *
col_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *t = sqlite3_column_text(stmt, i);

	return (t == NULL ? NULL : g_strdup((const char *)t));
}

int
imap_state_status(struct imap_state *st, const char *today,
    const char *since, struct imap_folder_status **r, size_t *n_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*a;
	int		 step;

	stmt = prepare(st, "SELECT f.origin, f.folder, f.uidvalidity,"
	    " (SELECT COALESCE(MAX(m.uid), 0) FROM messages m"
	    "   WHERE m.source = 'imap' AND m.origin = f.origin"
	    "   AND m.uidvalidity = f.uidvalidity),"
	    " f.last_pass_at, f.last_error, f.last_error_at,"
	    " (SELECT COUNT(*) FROM audit a JOIN messages m ON m.id = a.msg_id"
	    "   WHERE a.event = 'received' AND m.source = 'imap'"
	    "   AND m.origin = f.origin AND a.at >= ?2),"
	    " CASE WHEN f.day IS ?1 THEN f.failed_day ELSE 0 END"
	    " FROM imap_folders f ORDER BY f.origin", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, since, -1, SQLITE_STATIC);
	a = g_array_new(FALSE, TRUE, sizeof(struct imap_folder_status));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct imap_folder_status s = { 0 };

		s.origin = col_dup(stmt, 0);
		s.folder = col_dup(stmt, 1);
		s.uidvalidity = (uint32_t)sqlite3_column_int64(stmt, 2);
		s.highest_uid = (uint32_t)sqlite3_column_int64(stmt, 3);
		s.last_pass_at = col_dup(stmt, 4);
		s.last_error = col_dup(stmt, 5);
		s.last_error_at = col_dup(stmt, 6);
		s.recorded_today = (size_t)sqlite3_column_int64(stmt, 7);
		s.failed_today = (size_t)sqlite3_column_int64(stmt, 8);
		g_array_append_val(a, s);
	}
	sqlite3_finalize(stmt);
	*n_r = a->len;
	*r = (struct imap_folder_status *)g_array_free(a, FALSE);
	if (step != SQLITE_DONE) {
		imap_state_status_free(*r, *n_r);
		*r = NULL;
		*n_r = 0;
		return (fail(st, "reading folder status", cause));
	}
	return (0);
}

void
imap_state_status_free(struct imap_folder_status *s, size_t n)
{
	for (size_t i = 0; s != NULL && i < n; i++) {
		g_free(s[i].origin);
		g_free(s[i].folder);
		g_free(s[i].last_pass_at);
		g_free(s[i].last_error);
		g_free(s[i].last_error_at);
	}
	g_free(s);
}

/* Until outbox/queue.c offers its own count, status reads it here. */
int
imap_state_outbox(struct imap_state *st, char ***states_r,
    size_t **counts_r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GPtrArray	*states = g_ptr_array_new();
	GArray		*counts = g_array_new(FALSE, TRUE, sizeof(size_t));
	int		 step;

	stmt = prepare(st, "SELECT state, COUNT(*) FROM outbox GROUP BY state"
	    " ORDER BY state", cause);
	if (stmt == NULL) {
		g_ptr_array_free(states, TRUE);
		g_array_free(counts, TRUE);
		return (-1);
	}
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		size_t c = (size_t)sqlite3_column_int64(stmt, 1);

		g_ptr_array_add(states, col_dup(stmt, 0));
		g_array_append_val(counts, c);
	}
	sqlite3_finalize(stmt);
	*n_r = states->len;
	g_ptr_array_add(states, NULL);
	*states_r = (char **)g_ptr_array_free(states, FALSE);
	*counts_r = (size_t *)g_array_free(counts, FALSE);
	if (step != SQLITE_DONE)
		return (fail(st, "reading the outbox", cause));
	return (0);
}

int
imap_state_index_waiting(struct imap_state *st, int64_t *n_r, char **cause)
{
	return (store_index_waiting(st->db, n_r, cause));
}

int
imap_state_copies_owed(struct imap_state *st, int64_t *n_r, char **cause)
{
	return (queue_copies_owed(st->db, n_r, cause));
}

int
imap_state_sync(struct imap_state *st, char **cause)
{
	return (db_sync(st->db, cause));
}
