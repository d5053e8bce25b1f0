/* audit-prune.c: the one place a raw message may leave the archive. It must
 * never remove a file an open case or a log entry inside the window still
 * needs, nor remove one before its removal is committed to the log. */
#include <inttypes.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/audit-prune.h"
#include "lib/audit.h"

/* The messages whose file may go: every message holding the same file
 * must be old enough, none in a case still worked, and no entry written
 * since the cutoff about any of them or their cases. */
static const char prunable_sql[] =
    "SELECT m.id, m.archive_path, m.sha256, m.case_id FROM messages m"
    " WHERE m.archive_path IN ("
    "  SELECT p.archive_path FROM messages p"
    "  WHERE p.archive_path IS NOT NULL"
    "  GROUP BY p.archive_path HAVING max(p.received_at) < ?1"
    "  AND NOT EXISTS (SELECT 1 FROM messages q JOIN cases c"
    "   ON c.id = q.case_id WHERE q.archive_path = p.archive_path"
    "   AND c.state NOT IN ('done', 'rejected'))"
    "  AND NOT EXISTS (SELECT 1 FROM messages q JOIN audit a"
    "   ON a.msg_id = q.id OR (q.case_id IS NOT NULL"
    "   AND a.case_id = q.case_id)"
    "   WHERE q.archive_path = p.archive_path AND a.at >= ?1))"
    " ORDER BY m.id";

int
audit_prune_run(struct db *db, const char *archive_dir, size_t keep_days,
    time_t now, const char *actor, size_t *files_r, size_t *messages_r,
    char **cause)
{
	struct db_txn		*txn = NULL;
	sqlite3_stmt		*stmt = NULL, *upd = NULL;
	GHashTable		*files;
	GHashTableIter		 it;
	struct audit_entry	 e = { 0 };
	char			 cutoff[DB_TIME_SIZE], at[DB_TIME_SIZE];
	char			*detail;
	gpointer		 rel;
	int			 step, rc = -1;

	*files_r = *messages_r = 0;
	if (keep_days == 0)
		return (0);
	files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	db_time(now - (time_t)keep_days * 86400, cutoff);
	db_time(now, at);
	if ((txn = db_begin(db, cause)) == NULL)
		goto out;
	if ((stmt = db_prepare(db, prunable_sql, cause)) == NULL ||
	    (upd = db_prepare(db, "UPDATE messages SET archive_path = NULL"
	    " WHERE id = ?", cause)) == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, cutoff, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t		 id = sqlite3_column_int64(stmt, 0);
		const char	*path =
		    (const char *)sqlite3_column_text(stmt, 1);

		g_hash_table_add(files, g_strdup(path));
		detail = g_strdup_printf("%s removed from the archive (sha256 "
		    "%s; kept %zu days)", path,
		    (const char *)sqlite3_column_text(stmt, 2), keep_days);
		e = (struct audit_entry){ .at = at, .actor = actor,
		    .event = "archive_removed", .msg_id = id,
		    .case_id = sqlite3_column_int64(stmt, 3),
		    .detail = detail };
		rc = audit_append(txn, &e, cause);
		g_free(detail);
		if (rc == -1)
			goto out;
		rc = -1;
		sqlite3_reset(upd);
		sqlite3_bind_int64(upd, 1, id);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			db_fail(db, "forgetting an archived file", cause);
			goto out;
		}
		(*messages_r)++;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "finding what may leave the archive", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	sqlite3_finalize(upd);
	stmt = upd = NULL;
	rc = db_commit(txn, cause);
	txn = NULL;
	if (rc == -1)
		goto out;
	g_hash_table_iter_init(&it, files);
	while (g_hash_table_iter_next(&it, &rel, NULL)) {
		char *path = g_build_filename(archive_dir, rel, NULL);

		if (g_unlink(path) == 0)
			(*files_r)++;
		g_free(path);
	}
out:
	sqlite3_finalize(stmt);
	sqlite3_finalize(upd);
	db_rollback(txn);
	g_hash_table_destroy(files);
	return (rc);
}
