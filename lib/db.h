/* db.h: SQLite as hotrocks uses it: WAL, foreign keys on, synchronous
 * FULL, a busy timeout, a schema versioned by PRAGMA user_version with the
 * caller's forward migrations, and transactions as handles passed to the
 * functions that write. Knows no table: callers own their schemas. */
#ifndef HOTROCKS_DB_H
#define HOTROCKS_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

struct db;
struct db_txn;

/*
 * One step of a schema: the SQL texts run in order, in one transaction,
 * taking user_version from its index i to i + 1. Several texts let each
 * module keep the tables it owns; NULL ends the list. Never edit a step
 * that has shipped: append a new one.
 */
#define DB_MIGRATION_PARTS	8
struct db_migration {
	const char	*sql[DB_MIGRATION_PARTS];
};

/*
 * Opens (creating) path read-write and brings its schema to version n by
 * running migrations[version .. n - 1]. A database newer than n is
 * refused. NULL and *cause (g_free) on failure.
 */
struct db	*db_open(const char *path, const struct db_migration *,
		    size_t n, char **cause);
/* Opens an existing database read-only; never creates or migrates, and
 * refuses any schema version but version. */
struct db	*db_open_readonly(const char *path, int version,
		    char **cause);
/* NULL is fine; an open transaction is rolled back. */
void		 db_close(struct db *);

/*
 * Begins an IMMEDIATE transaction: the write lock is taken now, so two
 * writers never interleave between a check and the insert it guards. One
 * transaction at a time per connection. The handle is freed by exactly
 * one of db_commit and db_rollback. NULL and *cause on failure.
 */
struct db_txn	*db_begin(struct db *, char **cause);
/* 0, or -1 and *cause (the transaction is rolled back). Frees txn. */
int		 db_commit(struct db_txn *, char **cause);
/* Undoes everything since db_begin and frees txn; NULL is fine. */
void		 db_rollback(struct db_txn *);
/* The connection a transaction runs on (borrowed). */
struct db	*db_txn_db(struct db_txn *);

/*
 * A read snapshot around many small queries (a list's rows each looked
 * up): one read transaction instead of one a statement, each of which
 * takes and drops the WAL's locks. Nothing when a transaction is already
 * open. Returns whether it began one, to pass to db_read_end.
 */
bool		 db_read_begin(struct db *);
void		 db_read_end(struct db *, bool began);

/*
 * Deferred durability, for a caller that acknowledges nothing before it
 * calls db_sync: with on, a commit is atomic and survives the process
 * being killed (it is in the WAL, in the kernel) but not yet a power
 * loss (synchronous = NORMAL); off restores FULL, a commit durable when
 * it returns. Not inside a transaction. 0, or -1 and *cause.
 */
int		 db_set_deferred(struct db *, bool on, char **cause);
bool		 db_deferred(struct db *);
/* Files written for commits of a deferred store without fsync (the
 * outbox's attachment files): noted, and taken (cleared) by whoever
 * syncs them before the commits become durable. */
void		 db_note_unsynced(struct db *);
bool		 db_take_unsynced(struct db *);
/* A passive checkpoint of the WAL; 0 or -1 and *cause. */
int		 db_checkpoint(struct db *, char **cause);
/* Where the outbox keeps attachment bodies (outbox/blob.h), copied; NULL
 * (the default) keeps them in the row. db_blob_dir: borrowed. */
void		 db_set_blob_dir(struct db *, const char *dir);
const char	*db_blob_dir(struct db *);
/*
 * Makes every commit so far durable, made on any connection to this
 * database (the WAL file fsync'd): after it returns 0, a power loss
 * keeps them all. 0, or -1 and *cause.
 */
int		 db_sync(struct db *, char **cause);

/* For SQL text fixed in the program, never built from values: prepared
 * statements bind every value. NULL and *cause on failure. */
sqlite3_stmt	*db_prepare(struct db *, const char *sql, char **cause);
/* The same, compiled once per connection and kept: the statement is
 * reset with no bindings, and stays the connection's (the caller
 * sqlite3_reset()s it when done, never finalizes it). For statements run
 * once per row or per message. NULL and *cause on failure. */
sqlite3_stmt	*db_cached(struct db *, const char *sql, char **cause);
/* Runs fixed SQL text that carries no value. 0, or -1 and *cause. */
int		 db_exec(struct db *, const char *sql, char **cause);
/*
 * Steps a prepared one-row lookup and finalizes it: 1 with column col
 * copied to *out_r (may be NULL; g_free) when a row is found, 0 when none,
 * -1 on error (what names the lookup in *cause).
 */
int		 db_lookup(struct db *, sqlite3_stmt *, int col, char **out_r,
		    const char *what, char **cause);
/*
 * Steps stmt (from db_prepare, never db_cached: it is finalized here)
 * to its end, reading each row into a new element of size bytes: fill
 * gets the element zeroed and the statement on that row. 0 with the
 * elements in *v_r (g_free; may be NULL when there are none) and their
 * number in *n_r; -1 and *cause (what names the query) when a step
 * fails, having passed each element read so far to clear and set *v_r
 * to NULL and *n_r to 0.
 */
int		 db_collect(struct db *, sqlite3_stmt *, size_t size,
		    void (*fill)(void *, sqlite3_stmt *),
		    void (*clear)(void *), void **v_r, size_t *n_r,
		    const char *what, char **cause);
/* Sets *cause (may be NULL) to "what: " and the connection's last error;
 * returns -1. */
int		 db_fail(struct db *, const char *what, char **cause);
/* Whether the last db_fail since db_fail_reset was the machine's, not
 * the data's: a full disk, an I/O error, a lock held too long, no
 * memory, a read-only or vanished file. The same work may succeed
 * later. */
bool		 db_failed_for_now(struct db *);
void		 db_fail_reset(struct db *);
/* A file kept beside the store (db_set_blob_dir) could not be written:
 * errnum counts as db_failed_for_now when it is the machine's. */
void		 db_fail_file(struct db *, int errnum);
/* Whether a file's errnum is the machine's: no room, an I/O error, a
 * read-only file system, no permission, no memory. */
bool		 db_errno_for_now(int errnum);
/* Column i as an allocated string (g_free), or NULL for SQL NULL. */
char		*db_column_strdup(sqlite3_stmt *, int i);
/* The rowid of the last INSERT on this connection. */
int64_t		 db_last_id(struct db *);

/* Times in the database are RFC 3339 UTC to the second, so that text
 * order is time order: "2024-05-02T08:00:00Z". */
#define DB_TIME_SIZE	21
void		 db_time(time_t, char buf[DB_TIME_SIZE]);
/* A bound a person typed, as the store writes times: a day alone
 * (YYYY-MM-DD) is the day in zone tz (an IANA name; NULL or unknown:
 * UTC), from its first second (until false) or to its last; an RFC 3339
 * time is itself, in UTC. NULL if it is neither. */
char		*db_time_bound(const char *s, bool until, const char *tz);

#endif
