/* audit.c: the one writer of the audit table. It never updates or deletes
 * an entry; the table's triggers refuse both even to a bug elsewhere. */
#include <glib.h>
#include <sqlite3.h>

#include "lib/audit.h"

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

int
audit_append(struct db_txn *txn, const struct audit_entry *e, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(db, "INSERT INTO audit (at, actor, event, msg_id,"
	    " case_id, detail) VALUES (?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, e->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, e->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, e->event, -1, SQLITE_STATIC);
	if (e->msg_id != 0)
		sqlite3_bind_int64(stmt, 4, e->msg_id);
	if (e->case_id != 0)
		sqlite3_bind_int64(stmt, 5, e->case_id);
	sqlite3_bind_text(stmt, 6, e->detail, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(db, "recording audit entry", cause);
	else
		rc = 0;
	sqlite3_finalize(stmt);
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
