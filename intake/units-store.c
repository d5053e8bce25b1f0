/* units-store.c: the units registry in the store. Replacing it is one
 * transaction with its audit entry; every value is bound. */
#include <string.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/units-store.h"
#include "lib/audit.h"

/* Units that write in, loaded by staff from a CSV file: which addresses
 * are theirs and which organisation their certificates name. */
const char units_store_schema_v1[] =
    "CREATE TABLE units (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE,\n"
    "  cert_org TEXT\n"
    ");\n"
    "CREATE TABLE unit_addresses (\n"
    "  address TEXT PRIMARY KEY,\n"	/* lower case; "@domain" for all */
    "  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE\n"
    ");\n";

int
units_store_replace(struct db *db, const struct unit *u, size_t n,
    const char *actor, const char *now, char **cause)
{
	struct db_txn	*txn;
	struct audit_entry e = { 0 };
	sqlite3_stmt	*unit = NULL, *addr = NULL;
	char		*detail = NULL, *what, clock[DB_TIME_SIZE];
	int		 rc = -1;

	if (now == NULL) {
		db_time(time(NULL), clock);
		now = clock;
	}
	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	if (db_exec(db, "DELETE FROM unit_addresses; DELETE FROM units;",
	    cause) == -1)
		goto out;
	unit = db_prepare(db, "INSERT INTO units (name, cert_org) VALUES "
	    "(?, ?)", cause);
	addr = db_prepare(db, "INSERT INTO unit_addresses (address, unit_id) "
	    "VALUES (lower(?), ?)", cause);
	if (unit == NULL || addr == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int64_t id;

		sqlite3_reset(unit);
		sqlite3_bind_text(unit, 1, u[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(unit, 2, u[i].cert_org, -1, SQLITE_STATIC);
		if (sqlite3_step(unit) != SQLITE_DONE) {
			what = g_strdup_printf("unit \"%s\"", u[i].name);
			db_fail(db, what, cause);
			g_free(what);
			goto out;
		}
		id = db_last_id(db);
		for (size_t k = 0; u[i].addresses[k] != NULL; k++) {
			sqlite3_reset(addr);
			sqlite3_bind_text(addr, 1, u[i].addresses[k], -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(addr, 2, id);
			if (sqlite3_step(addr) != SQLITE_DONE) {
				what = g_strdup_printf("address %s of \"%s\"",
				    u[i].addresses[k], u[i].name);
				db_fail(db, what, cause);
				g_free(what);
				goto out;
			}
		}
	}
	e.at = now;
	e.actor = actor;
	e.event = "units_imported";
	e.detail = detail = g_strdup_printf("%zu units", n);
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	rc = db_commit(txn, cause);
	txn = NULL;
out:
	sqlite3_finalize(unit);
	sqlite3_finalize(addr);
	db_rollback(txn);
	g_free(detail);
	return (rc);
}

/* 1 and column col (0 its name, 1 its cert_org) of the unit the sender
 * belongs to: the exact address first, then the whole domain; 0 when
 * none or the column is NULL. */
static int
unit_column(struct db *db, int col, const char *sender, char **value_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*at;
	int		 rc = 0;

	*value_r = NULL;
	if (sender == NULL || (at = strrchr(sender, '@')) == NULL)
		return (0);
	stmt = db_prepare(db, "SELECT u.name, u.cert_org FROM unit_addresses "
	    "a JOIN units u ON u.id = a.unit_id WHERE a.address IN "
	    "(lower(?1), lower(?2)) ORDER BY a.address = lower(?1) DESC "
	    "LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	rc = db_lookup(db, stmt, col, value_r, "looking up the sender's unit",
	    cause);
	return (rc == 1 && *value_r == NULL ? 0 : rc);
}

int
units_store_cert_org(struct db *db, const char *sender, char **org_r,
    char **cause)
{
	return (unit_column(db, 1, sender, org_r, cause));
}

int
units_store_name(struct db *db, const char *sender, char **name_r,
    char **cause)
{
	return (unit_column(db, 0, sender, name_r, cause));
}
