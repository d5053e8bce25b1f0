/* db.c: the SQLite connection, its migrations and its transactions. It
 * never builds SQL from values, and never writes outside a transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "lib/db.h"
#include "lib/zone.h"

/* Writers wait this long for another process's transaction (an ingest and
 * the daemon, or a staff command) before giving up with SQLITE_BUSY. */
#define DB_BUSY_MS	10000

struct db {
	sqlite3		*sql;
	struct db_txn	*txn;		/* the open transaction, or NULL */
	bool		 deferred;	/* synchronous = NORMAL now */
	char		*blob_dir;	/* db_set_blob_dir, or NULL */
	bool		 unsynced;	/* noted since the last take */
	GHashTable	*cache;		/* SQL text → its prepared statement */
	int		 failed;	/* db_fail's primary result code */
};

struct db_txn {
	struct db	*db;
};

static struct db *db_connect(const char *, int, char **);
static int	 db_user_version(struct db *, int *, char **);
static int	 db_set_wal(struct db *, const char *, char **);
static int	 db_foreign_key_check(struct db *, char **);
static int	 db_migrate(struct db *, const struct db_migration *, size_t,
		    char **);
static void	 db_end(struct db_txn *);
static void	 db_explain(sqlite3 *, int, const char *, char **);
static void	 db_finalize(void *);

int
db_fail(struct db *db, const char *what, char **cause)
{
	/* extended codes are on: the primary code is the low byte */
	db->failed = sqlite3_errcode(db->sql) & 0xff;
	if (cause != NULL)
		*cause = g_strdup_printf("%s: %s", what,
		    sqlite3_errmsg(db->sql));
	return (-1);
}

bool
db_failed_for_now(struct db *db)
{
	switch (db->failed) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_NOMEM:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
		return (true);
	default:
		return (false);
	}
}

void
db_fail_reset(struct db *db)
{
	db->failed = SQLITE_OK;
}

bool
db_errno_for_now(int errnum)
{
	switch (errnum) {
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
	case EIO:
	case EROFS:
	case EACCES:
	case EPERM:
	case ENOMEM:
		return (true);
	default:
		return (false);
	}
}

void
db_fail_file(struct db *db, int errnum)
{
	db->failed = db_errno_for_now(errnum) ? SQLITE_IOERR : SQLITE_ERROR;
}

int
db_exec(struct db *db, const char *sql, char **cause)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return (db_fail(db, "sqlite", cause));
	return (0);
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, char **cause)
{
	sqlite3_stmt	*stmt = NULL;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_fail(db, "prepare", cause);
		sqlite3_finalize(stmt);
		return (NULL);
	}
	return (stmt);
}

static void
db_finalize(void *stmt)
{
	sqlite3_finalize(stmt);
}

/* Compiling a statement costs more than running a one-row lookup or an
 * insert: a 200,000-row list did it per row. Kept until db_close. */
sqlite3_stmt *
db_cached(struct db *db, const char *sql, char **cause)
{
	sqlite3_stmt	*stmt;

	if (db->cache == NULL)
		db->cache = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, db_finalize);
	if ((stmt = g_hash_table_lookup(db->cache, sql)) != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return (stmt);
	}
	if ((stmt = db_prepare(db, sql, cause)) == NULL)
		return (NULL);
	g_hash_table_insert(db->cache, g_strdup(sql), stmt);
	return (stmt);
}

char *
db_column_strdup(sqlite3_stmt *stmt, int i)
{
	const unsigned char	*s = sqlite3_column_text(stmt, i);

	return (s == NULL ? NULL : g_strdup((const char *)s));
}

int64_t
db_last_id(struct db *db)
{
	return (sqlite3_last_insert_rowid(db->sql));
}

int
db_lookup(struct db *db, sqlite3_stmt *stmt, int col, char **out_r,
    const char *what, char **cause)
{
	int	 rc = -1;

	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		if (out_r != NULL)
			*out_r = db_column_strdup(stmt, col);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		db_fail(db, what, cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

int
db_collect(struct db *db, sqlite3_stmt *stmt, size_t size,
    void (*fill)(void *, sqlite3_stmt *), void (*clear)(void *),
    void **v_r, size_t *n_r, const char *what, char **cause)
{
	GArray	*v = g_array_new(FALSE, TRUE, size);
	int	 step, rc = -1;

	*v_r = NULL;
	*n_r = 0;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		g_array_set_size(v, v->len + 1);
		fill(v->data + (v->len - 1) * size, stmt);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, what, cause);
		for (guint i = 0; i < v->len; i++)
			clear(v->data + i * size);
		g_array_free(v, TRUE);
		goto out;
	}
	*n_r = v->len;
	*v_r = g_array_free(v, FALSE);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

void
db_time(time_t t, char buf[DB_TIME_SIZE])
{
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, DB_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		g_strlcpy(buf, "1970-01-01T00:00:00Z", DB_TIME_SIZE);
}

char *
db_time_bound(const char *s, bool until, const char *tz)
{
	GTimeZone	*zone;
	GDateTime	*t, *u;
	char		*r, end;
	int		 y, m, d;

	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &end) == 3) {
		/* The office's day, as the listings print it: in Quảng
		 * Ngãi it begins at 17:00 UTC the day before. */
		zone = zone_new(tz);
		t = g_date_time_new(zone, y, m, d, 0, 0, 0);
		g_time_zone_unref(zone);
		if (t == NULL || g_date_time_get_day_of_month(t) != d) {
			if (t != NULL)
				g_date_time_unref(t);
			return (NULL);
		}
		if (until) {
			/* the next day's midnight, less a second (past year
			 * 9999, GLib has none: the day's 86,400 seconds) */
			if ((u = g_date_time_add_days(t, 1)) != NULL) {
				g_date_time_unref(t);
				t = g_date_time_add_seconds(u, -1);
				g_date_time_unref(u);
			} else {
				u = g_date_time_add_seconds(t, 86399);
				g_date_time_unref(t);
				t = u;
			}
			if (t == NULL)
				return (NULL);
		}
	} else if ((t = g_date_time_new_from_iso8601(s, NULL)) == NULL)
		return (NULL);
	u = g_date_time_to_utc(t);
	r = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(u);
	g_date_time_unref(t);
	return (r);
}

/* SQLite's "unable to open database file" and "file is not a database"
 * name neither the file nor the reason: say both, in *cause. */
static void
db_explain(sqlite3 *h, int rc, const char *path, char **cause)
{
	int	 e = h != NULL ? sqlite3_system_errno(h) : 0;
	char	*why = NULL;

	if (cause == NULL)
		return;
	if ((rc & 0xff) == SQLITE_CANTOPEN)
		why = g_strdup_printf("%s: cannot open: %s", path, e != 0 ?
		    g_strerror(e) : sqlite3_errstr(rc));
	else if ((rc & 0xff) == SQLITE_NOTADB)
		why = g_strdup_printf("%s: not a hotrocks database (%s)",
		    path, sqlite3_errstr(rc));
	else if ((rc & 0xff) == SQLITE_IOERR && e != 0)
		/* a folder given as the store reads as "disk I/O error" */
		why = g_strdup_printf("%s: cannot read: %s", path,
		    g_strerror(e));
	if (why == NULL)
		return;
	g_free(*cause);
	*cause = why;
}

static struct db *
db_connect(const char *path, int flags, char **cause)
{
	struct db	*db;
	int		 rc;

	db = g_new0(struct db, 1);
	rc = sqlite3_open_v2(path, &db->sql, flags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: %s", path,
			    db->sql == NULL ? sqlite3_errstr(rc) :
			    sqlite3_errmsg(db->sql));
		db_explain(db->sql, rc, path, cause);
		db_close(db);
		return (NULL);
	}
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);
	if (db_exec(db, "PRAGMA foreign_keys = ON", cause) == -1) {
		db_close(db);
		return (NULL);
	}
	return (db);
}

static int
db_user_version(struct db *db, int *version_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	if ((stmt = db_prepare(db, "PRAGMA user_version", cause)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(db, "reading schema version", cause);
		goto out;
	}
	*version_r = sqlite3_column_int(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

/* What a WAL keeps on disk once checkpointed (a long list's transaction
 * grows it to tens of megabytes); 0 when the last connection closes. */
#define DB_WAL_KEEP	"4194304"

/* A committed message must survive power loss: auditors rely on it. */
static int
db_set_wal(struct db *db, const char *path, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*mode;
	int		 rc = -1, persist = 1;

	/* The -wal and -shm files outlive the last writer (the WAL emptied,
	 * not deleted, as it closes): a reader who may not write the
	 * store's folder cannot create them, and could open the store only
	 * while the service runs (e2e trial 4). */
	if (sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_PERSIST_WAL,
	    &persist) != SQLITE_OK) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: cannot keep its WAL",
			    path);
		return (-1);
	}
	if (db_exec(db, "PRAGMA journal_size_limit = " DB_WAL_KEEP, cause) ==
	    -1 || db_exec(db, "PRAGMA synchronous = FULL", cause) == -1)
		return (-1);
	if ((stmt = db_prepare(db, "PRAGMA journal_mode = WAL", cause)) ==
	    NULL)
		return (-1);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(db, "setting WAL mode", cause);
		goto out;
	}
	mode = (const char *)sqlite3_column_text(stmt, 0);
	if (mode == NULL || g_ascii_strcasecmp(mode, "wal") != 0) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: journal mode is %s, not "
			    "wal", path, mode == NULL ? "unknown" : mode);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

/* Each step runs in its own transaction and re-reads the version under
 * the write lock, so two processes starting together migrate once. */
static int
db_migrate(struct db *db, const struct db_migration *m, size_t n,
    char **cause)
{
	struct db_txn	*txn = NULL;
	char		 sql[64];
	int		 version;

	if (db_user_version(db, &version, cause) == -1)
		return (-1);
	if (version < 0 || (size_t)version > n) {
		if (cause != NULL)
			*cause = g_strdup_printf("database schema version %d "
			    "is newer than this program knows (%zu): upgrade "
			    "hotrocks", version, n);
		return (-1);
	}
	/* A step may rebuild a table (the only way SQLite changes a CHECK):
	 * foreign keys are off while the steps run, as SQLite's own recipe
	 * says, and each step checks them before it commits. */
	if ((size_t)version < n &&
	    db_exec(db, "PRAGMA foreign_keys = OFF", cause) == -1)
		return (-1);
	while ((size_t)version < n) {
		if ((txn = db_begin(db, cause)) == NULL)
			goto fail;
		if (db_user_version(db, &version, cause) == -1)
			goto fail;
		if ((size_t)version >= n) {
			db_rollback(txn);
			break;
		}
		for (size_t i = 0; i < DB_MIGRATION_PARTS &&
		    m[version].sql[i] != NULL; i++)
			if (db_exec(db, m[version].sql[i], cause) == -1)
				goto fail;
		/* PRAGMA takes no parameters; the number is ours, not input. */
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    version + 1);
		if (db_exec(db, sql, cause) == -1)
			goto fail;
		if (db_foreign_key_check(db, cause) == -1)
			goto fail;
		if (db_commit(txn, cause) == -1) {
			txn = NULL;
			goto fail;
		}
		txn = NULL;
		version++;
	}
	return (db_exec(db, "PRAGMA foreign_keys = ON", cause));
fail:
	db_rollback(txn);
	(void)db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	return (-1);
}

/* 0 when no row breaks a foreign key, else -1 naming the first. */
static int
db_foreign_key_check(struct db *db, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	if ((stmt = db_prepare(db, "PRAGMA foreign_key_check", cause)) ==
	    NULL)
		return (-1);
	switch (sqlite3_step(stmt)) {
	case SQLITE_DONE:
		rc = 0;
		break;
	case SQLITE_ROW:
		if (cause != NULL)
			*cause = g_strdup_printf("migration breaks a foreign "
			    "key: %s row %lld", sqlite3_column_text(stmt, 0),
			    (long long)sqlite3_column_int64(stmt, 1));
		break;
	default:
		db_fail(db, "checking foreign keys", cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

struct db *
db_open(const char *path, const struct db_migration *m, size_t n,
    char **cause)
{
	struct db	*db;
	int		 fd;

	/* A new store is its owner's and its group's whatever the umask:
	 * it holds people's names and numbers (SQLite would make it 0644
	 * less the umask, and its -wal and -shm files after it). */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0640)) != -1)
		close(fd);
	db = db_connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    cause);
	if (db == NULL)
		return (NULL);
	/* SQLite falls back to reading a file it may not write: said now,
	 * not at the first write. */
	if (sqlite3_db_readonly(db->sql, "main") == 1) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: cannot write: %s", path,
			    access(path, W_OK) == -1 ? g_strerror(errno) :
			    "opened read-only");
		db_close(db);
		return (NULL);
	}
	if (db_set_wal(db, path, cause) == -1 ||
	    db_migrate(db, m, n, cause) == -1) {
		db_explain(db->sql, sqlite3_extended_errcode(db->sql), path,
		    cause);
		db_close(db);
		return (NULL);
	}
	return (db);
}

struct db *
db_open_readonly(const char *path, int want, char **cause)
{
	struct db	*db;
	int		 version;

	if ((db = db_connect(path, SQLITE_OPEN_READONLY, cause)) == NULL)
		return (NULL);
	if (db_user_version(db, &version, cause) == -1) {
		if ((sqlite3_extended_errcode(db->sql) & 0xff) ==
		    SQLITE_READONLY && cause != NULL) {
			/* No writer has it open, and what closed it last
			 * was not hotrocks (db_set_wal): the sqlite3 shell,
			 * a copy. */
			g_free(*cause);
			*cause = g_strdup_printf("%s: cannot read it as this "
			    "user until it is opened once by one who may "
			    "write it (its -wal and -shm files are missing, "
			    "and this user may not create them)", path);
		} else
			db_explain(db->sql, sqlite3_extended_errcode(db->sql),
			    path, cause);
		goto fail;
	}
	if (version != want) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s: schema version %d, this "
			    "program reads %d%s", path, version, want,
			    version < want ? " (open it read-write once to "
			    "migrate)" : "");
		goto fail;
	}
	return (db);
fail:
	db_close(db);
	return (NULL);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_rollback(db->txn);
	if (db->cache != NULL)
		g_hash_table_destroy(db->cache);
	sqlite3_close(db->sql);
	g_free(db->blob_dir);
	g_free(db);
}

/* Runs one statement of fixed text that returns no rows, compiled once
 * a connection: BEGIN and COMMIT run twice a message. */
static int
db_step_cached(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = db_cached(db, sql, NULL)) == NULL)
		return (sqlite3_errcode(db->sql));
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return (rc == SQLITE_DONE ? SQLITE_OK : rc);
}

struct db_txn *
db_begin(struct db *db, char **cause)
{
	struct db_txn	*txn;

	if (db->txn != NULL) {
		if (cause != NULL)
			*cause = g_strdup("begin transaction: one is already "
			    "open on this connection");
		return (NULL);
	}
	if (db_step_cached(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
		db_fail(db, "begin transaction", cause);
		return (NULL);
	}
	txn = g_new0(struct db_txn, 1);
	txn->db = db;
	db->txn = txn;
	return (txn);
}

static void
db_end(struct db_txn *txn)
{
	txn->db->txn = NULL;
	g_free(txn);
}

int
db_commit(struct db_txn *txn, char **cause)
{
	struct db	*db = txn->db;

	if (db_step_cached(db, "COMMIT") != SQLITE_OK) {
		db_fail(db, "commit", cause);
		db_rollback(txn);
		return (-1);
	}
	db_end(txn);
	return (0);
}

/* Some errors end the transaction inside SQLite already. */
void
db_rollback(struct db_txn *txn)
{
	if (txn == NULL)
		return;
	if (!sqlite3_get_autocommit(txn->db->sql))
		sqlite3_exec(txn->db->sql, "ROLLBACK", NULL, NULL, NULL);
	db_end(txn);
}

struct db *
db_txn_db(struct db_txn *txn)
{
	return (txn->db);
}

bool
db_read_begin(struct db *db)
{
	/* A failure only loses the saving: each query then runs alone. */
	return (db->txn == NULL && sqlite3_get_autocommit(db->sql) &&
	    db_step_cached(db, "BEGIN") == SQLITE_OK);
}

void
db_read_end(struct db *db, bool began)
{
	/* Nothing was written: a failed COMMIT leaves nothing to keep. */
	if (began && db_step_cached(db, "COMMIT") != SQLITE_OK)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

void
db_set_blob_dir(struct db *db, const char *dir)
{
	g_free(db->blob_dir);
	db->blob_dir = g_strdup(dir);
}

const char *
db_blob_dir(struct db *db)
{
	return (db->blob_dir);
}

/* Deferred, nothing checkpoints on its own either: a checkpoint syncs,
 * and would make a commit durable before the files it names (the
 * caller checkpoints with db_checkpoint once they are synced). */
int
db_set_deferred(struct db *db, bool on, char **cause)
{
	if (db->deferred == on)
		return (0);
	if (db_exec(db, on ? "PRAGMA synchronous = NORMAL" :
	    "PRAGMA synchronous = FULL", cause) == -1 ||
	    db_exec(db, on ? "PRAGMA wal_autocheckpoint = 0" :
	    "PRAGMA wal_autocheckpoint = 1000", cause) == -1)
		return (-1);
	db->deferred = on;
	return (0);
}

bool
db_deferred(struct db *db)
{
	return (db->deferred);
}

void
db_note_unsynced(struct db *db)
{
	db->unsynced = true;
}

bool
db_take_unsynced(struct db *db)
{
	bool	was = db->unsynced;

	db->unsynced = false;
	return (was);
}

int
db_checkpoint(struct db *db, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	/* PASSIVE: what readers allow now, never waiting for them. */
	if ((stmt = db_prepare(db, "PRAGMA wal_checkpoint(PASSIVE)",
	    cause)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		rc = db_fail(db, "checkpoint", cause);
	sqlite3_finalize(stmt);
	return (rc);
}

/* SQLite writes a WAL commit's frames to the file before COMMIT returns
 * (which is why NORMAL survives a killed process); FULL adds an fsync of
 * that file. This is the same fsync, once for many commits. */
int
db_sync(struct db *db, char **cause)
{
	const char	*main = sqlite3_db_filename(db->sql, "main");
	const char	*wal;
	int		 fd, rc, saved;

	if (main == NULL || *main == '\0')
		return (0);		/* in memory: nothing to keep */
	wal = sqlite3_filename_wal(main);
	if ((fd = open(wal, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return (0);	/* checkpointed and gone: synced */
		goto fail;
	}
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	if (rc == 0)
		return (0);
fail:
	if (cause != NULL)
		*cause = g_strdup_printf("fsync %s: %s", wal,
		    g_strerror(errno));
	return (-1);
}
