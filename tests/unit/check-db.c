/* check-db.c: lib/db helpers on a real SQLite file: db_collect reads every
 * row, and on a failing step gives back nothing and leaks nothing. */
#include <sys/stat.h>

#include <check.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lib/db.h"

static char	*tmpdir;
static char	*dbpath;

static const char schema_v1[] =
    "CREATE TABLE t (n INTEGER NOT NULL, s TEXT);\n"
    "INSERT INTO t VALUES (1, 'một'), (2, NULL), (3, 'ba');\n";
static const struct db_migration schema[] = { { { schema_v1 } } };

struct row {
	int	 n;
	char	*s;
};

static size_t	 cleared;

static void
row_fill(void *p, sqlite3_stmt *stmt)
{
	struct row *r = p;

	ck_assert_int_eq(r->n, 0);
	ck_assert_ptr_null(r->s);
	r->n = sqlite3_column_int(stmt, 0);
	r->s = db_column_strdup(stmt, 1);
}

static void
row_clear(void *p)
{
	struct row *r = p;

	g_free(r->s);
	cleared++;
}

static void
setup(void)
{
	tmpdir = g_dir_make_tmp("check-db-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
	dbpath = g_build_filename(tmpdir, "t.db", NULL);
	cleared = 0;
}

static void
teardown(void)
{
	const char *const ext[] = { "", "-wal", "-shm" };

	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
		char *p = g_strconcat(dbpath, ext[i], NULL);

		g_unlink(p);
		g_free(p);
	}
	g_rmdir(tmpdir);
	g_free(dbpath);
	g_free(tmpdir);
}

START_TEST(db_collect_reads_every_row_in_order)
{
	struct db	*db;
	struct row	*v;
	size_t		 n;
	char		*cause = NULL;

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_collect(db, db_prepare(db, "SELECT n, s FROM t"
	    " ORDER BY n", NULL), sizeof(*v), row_fill, row_clear,
	    (void **)&v, &n, "reading t", &cause), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[0].n, 1);
	ck_assert_str_eq(v[0].s, "một");
	ck_assert_int_eq(v[1].n, 2);
	ck_assert_ptr_null(v[1].s);
	ck_assert_str_eq(v[2].s, "ba");
	for (size_t i = 0; i < n; i++)
		row_clear(&v[i]);
	g_free(v);
	ck_assert_int_eq(db_collect(db, db_prepare(db, "SELECT n, s FROM t"
	    " WHERE n > 9", NULL), sizeof(*v), row_fill, row_clear,
	    (void **)&v, &n, "reading t", &cause), 0);
	ck_assert_uint_eq(n, 0);
	g_free(v);
	db_close(db);
}
END_TEST

/* The third row fails (abs() of the smallest integer overflows; no ORDER
 * BY, which would sort, and so fail, before the first row): the two read
 * before it are cleared, and the caller gets none and the reason. */
START_TEST(db_collect_step_failure_returns_nothing)
{
	struct db	*db;
	struct row	*v = (struct row *)&v;
	size_t		 n = 7;
	char		*cause = NULL;

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_collect(db, db_prepare(db, "SELECT n, CASE WHEN"
	    " n = 3 THEN abs(-9223372036854775807 - 1) ELSE s END FROM t",
	    NULL), sizeof(*v), row_fill, row_clear,
	    (void **)&v, &n, "reading t", &cause), -1);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(cleared, 2);
	ck_assert_msg(g_str_has_prefix(cause, "reading t: ") &&
	    strstr(cause, "overflow") != NULL, "%s", cause);
	g_free(cause);
	db_close(db);
}
END_TEST

/* A read snapshot: what a second connection commits meanwhile is not
 * seen until it ends, it is never nested in a write transaction, and
 * the connection can write again once it ends. */
START_TEST(db_read_snapshot_sees_one_state)
{
	struct db	*db, *other;
	struct db_txn	*txn;
	char		*cause = NULL, *s = NULL;
	bool		 began;

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	other = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(other != NULL, "%s", cause);
	began = db_read_begin(db);
	ck_assert(began);
	ck_assert_int_eq(db_lookup(db, db_prepare(db, "SELECT count(*) FROM"
	    " t", NULL), 0, &s, "counting", &cause), 1);
	ck_assert_str_eq(s, "3");
	g_free(s);
	ck_assert_int_eq(db_exec(other, "INSERT INTO t VALUES (4, 'bốn')",
	    &cause), 0);
	ck_assert_int_eq(db_lookup(db, db_prepare(db, "SELECT count(*) FROM"
	    " t", NULL), 0, &s, "counting", &cause), 1);
	ck_assert_str_eq(s, "3");
	g_free(s);
	db_read_end(db, began);
	ck_assert_int_eq(db_lookup(db, db_prepare(db, "SELECT count(*) FROM"
	    " t", NULL), 0, &s, "counting", &cause), 1);
	ck_assert_str_eq(s, "4");
	g_free(s);
	txn = db_begin(db, &cause);
	ck_assert_msg(txn != NULL, "%s", cause);
	ck_assert(!db_read_begin(db));
	db_read_end(db, false);
	ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES (5, NULL)",
	    &cause), 0);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	db_close(other);
	db_close(db);
}
END_TEST

/*
 * A new store is 0640 whatever the umask (e2e trial 4: a hand-run
 * check-config made it 0644), and its -wal and -shm follow it; both stay
 * when the last writer closes, so a reader who may not create them can
 * open the store. An existing store keeps its mode.
 */
START_TEST(db_open_new_store_is_not_world_readable)
{
	const char *const ext[] = { "", "-wal", "-shm" };
	struct db	*db;
	struct stat	 sb;
	char		*cause = NULL;
	mode_t		 old = umask(022);

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	db_close(db);
	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
		char *p = g_strconcat(dbpath, ext[i], NULL);

		ck_assert_msg(stat(p, &sb) == 0, "%s: gone", p);
		ck_assert_msg((sb.st_mode & 0777) == 0640, "%s: %o", p,
		    (unsigned)(sb.st_mode & 0777));
		g_free(p);
	}
	ck_assert_int_eq(chmod(dbpath, 0600), 0);
	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	db_close(db);
	ck_assert_int_eq(stat(dbpath, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	umask(old);
}
END_TEST

/* Size of path, -1 when it is not there. */
static off_t
file_size(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 ? sb.st_size : -1);
}

/* A long list's transaction grows the WAL to tens of megabytes: once
 * checkpointed it is cut back to 4 MiB while the store is open, and to
 * nothing, but kept (a reader may not create it), when it closes. */
START_TEST(db_wal_cut_back_while_open_and_emptied_on_close)
{
	struct db	*db;
	char		*cause = NULL, *wal = g_strconcat(dbpath, "-wal", NULL);

	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_exec(db, "CREATE TABLE big (b BLOB)", &cause), 0);
	ck_assert_int_eq(db_exec(db, "BEGIN; WITH RECURSIVE n (i) AS (SELECT 1"
	    " UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO big"
	    " SELECT randomblob(65536) FROM n; COMMIT",
	    &cause), 0);
	ck_assert_int_gt(file_size(wal), 12 << 20);
	/* the next writer after the checkpoint starts the WAL again, cut
	 * back to the limit */
	ck_assert_int_eq(db_exec(db, "PRAGMA wal_checkpoint(PASSIVE)",
	    &cause), 0);
	ck_assert_int_eq(db_exec(db, "INSERT INTO big VALUES (x'00')",
	    &cause), 0);
	ck_assert_int_le(file_size(wal), 4 << 20);
	db_close(db);
	ck_assert_int_eq(file_size(wal), 0);
	g_free(wal);
}
END_TEST

Suite *
db_suite(void)
{
	Suite	*s = suite_create("db");
	TCase	*tc = tcase_create("collect");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, db_collect_reads_every_row_in_order);
	tcase_add_test(tc, db_collect_step_failure_returns_nothing);
	tcase_add_test(tc, db_read_snapshot_sees_one_state);
	tcase_add_test(tc, db_open_new_store_is_not_world_readable);
	tcase_add_test(tc, db_wal_cut_back_while_open_and_emptied_on_close);
	suite_add_tcase(s, tc);
	return (s);
}
