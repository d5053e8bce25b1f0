/* check-archive.c: the raw-message archive: content-addressed, complete or
 * absent, idempotent. */
#include <sys/wait.h>
#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/archive.h"

/* sha256("hello\n"), as sha256sum prints it. */
#define HELLO_SHA256 \
	"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"

static char	*tmpdir;

static void
rmtree(const char *path)
{
	GDir		*d;
	const char	*name;
	char		*child;

	if ((d = g_dir_open(path, 0, NULL)) != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			child = g_build_filename(path, name, NULL);
			rmtree(child);
			g_free(child);
		}
		g_dir_close(d);
		g_rmdir(path);
	} else
		g_unlink(path);
}

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
	rmtree(tmpdir);
	g_free(tmpdir);
	tmpdir = NULL;
}

/* Names in dir, sorted, joined with spaces. */
static char *
listing(const char *dir)
{
	GDir		*d;
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	const char	*name;
	char		*s;

	d = g_dir_open(dir, 0, NULL);
	ck_assert_ptr_nonnull(d);
	while ((name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	g_ptr_array_add(names, NULL);
	s = g_strjoinv(" ", (char **)names->pdata);
	g_ptr_array_free(names, TRUE);
	return (s);
}

START_TEST(archive_put_get_round_trip)
{
	const char	 msg[] = "From: a@b\r\n\r\nbody\0with nul\r\n";
	unsigned char	*back;
	char		 sha[65], *rel, *cause = NULL;
	size_t		 len;

	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)msg,
	    sizeof msg, sha, &rel, &cause), 0);
	ck_assert_int_eq(archive_get(tmpdir, rel, &back, &len, &cause), 0);
	ck_assert_uint_eq(len, sizeof msg);
	ck_assert_mem_eq(back, msg, sizeof msg);
	g_free(back);
	g_free(rel);
}
END_TEST

START_TEST(archive_path_is_content_address)
{
	struct stat	 sb;
	char		 sha[65], *rel, *path, *cause = NULL;

	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel, &cause), 0);
	ck_assert_str_eq(sha, HELLO_SHA256);
	ck_assert_str_eq(rel, "58/" HELLO_SHA256 ".eml");
	path = g_build_filename(tmpdir, rel, NULL);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_size, 6);
	ck_assert_int_eq(sb.st_mode & 0022, 0);
	g_free(path);
	g_free(rel);
}
END_TEST

START_TEST(archive_empty_message)
{
	unsigned char	*back;
	char		 sha[65], *rel, *cause = NULL;
	size_t		 len = 1;

	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"", 0,
	    sha, &rel, &cause), 0);
	ck_assert_str_eq(sha,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_int_eq(archive_get(tmpdir, rel, &back, &len, &cause), 0);
	ck_assert_uint_eq(len, 0);
	g_free(back);
	g_free(rel);
}
END_TEST

START_TEST(archive_second_put_leaves_file_alone)
{
	struct stat	 a, b;
	char		 sha[65], *rel1, *rel2, *path, *cause = NULL;

	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel1, &cause), 0);
	path = g_build_filename(tmpdir, rel1, NULL);
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel2, &cause), 0);
	ck_assert_str_eq(rel1, rel2);
	ck_assert_int_eq(stat(path, &b), 0);
	/* Same inode: the file was not rewritten. */
	ck_assert_uint_eq(a.st_ino, b.st_ino);
	g_free(path);
	g_free(rel1);
	g_free(rel2);
}
END_TEST

START_TEST(archive_truncated_file_is_replaced)
{
	unsigned char	*back;
	char		 sha[65], *rel, *path, *cause = NULL;
	size_t		 len;

	path = g_build_filename(tmpdir, "58", NULL);
	ck_assert_int_eq(g_mkdir(path, 0750), 0);
	g_free(path);
	path = g_build_filename(tmpdir, "58/" HELLO_SHA256 ".eml", NULL);
	ck_assert(g_file_set_contents(path, "hel", 3, NULL));
	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel, &cause), 0);
	ck_assert_int_eq(archive_get(tmpdir, rel, &back, &len, &cause), 0);
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(back, "hello\n", 6);
	g_free(back);
	g_free(path);
	g_free(rel);
}
END_TEST

START_TEST(archive_no_temp_files_left)
{
	char	 sha[65], *rel, *sub, *names, *cause = NULL;

	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(archive_put(tmpdir,
		    (const unsigned char *)"hello\n", 6, sha, &rel, &cause), 0);
		g_free(rel);
	}
	names = listing(tmpdir);
	ck_assert_str_eq(names, "58");
	g_free(names);
	sub = g_build_filename(tmpdir, "58", NULL);
	names = listing(sub);
	ck_assert_str_eq(names, HELLO_SHA256 ".eml");
	g_free(names);
	g_free(sub);
}
END_TEST

/* A batch: each file under its final name only after commit, whole;
 * the same bytes twice in a batch, or already archived, written once; a
 * batch never committed leaves nothing, not even a temporary. */
START_TEST(archive_batch_names_files_only_at_commit)
{
	struct archive_batch	*b;
	char			 sha[65], sha2[65];
	char			*rel, *rel2, *path, *names, *sub;
	char			*cause = NULL;
	unsigned char		*back;
	size_t			 len;

	b = archive_batch_new(tmpdir);
	ck_assert_int_eq(archive_batch_put(b, (const unsigned char *)"hello\n",
	    6, sha, &rel, &cause), 0);
	ck_assert_str_eq(sha, HELLO_SHA256);
	path = g_build_filename(tmpdir, rel, NULL);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	ck_assert_int_eq(archive_batch_put(b, (const unsigned char *)"hello\n",
	    6, sha2, &rel2, &cause), 0);
	ck_assert_str_eq(rel2, rel);
	g_free(rel2);
	ck_assert_int_eq(archive_batch_commit(b, &cause), 0);
	archive_batch_free(b);
	ck_assert_int_eq(archive_get(tmpdir, rel, &back, &len, &cause), 0);
	ck_assert_uint_eq(len, 6);
	ck_assert_int_eq(memcmp(back, "hello\n", 6), 0);
	g_free(back);
	sub = g_path_get_dirname(path);
	names = listing(sub);
	ck_assert_str_eq(names, HELLO_SHA256 ".eml");	/* no temporary */
	g_free(names);
	g_free(sub);

	/* Already there: nothing written; never committed: nothing left. */
	b = archive_batch_new(tmpdir);
	ck_assert_int_eq(archive_batch_put(b, (const unsigned char *)"hello\n",
	    6, sha, &rel2, &cause), 0);
	g_free(rel2);
	ck_assert_int_eq(archive_batch_put(b, (const unsigned char *)"other\n",
	    6, sha2, &rel2, &cause), 0);
	archive_batch_free(b);
	g_free(path);
	path = g_build_filename(tmpdir, rel2, NULL);
	ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
	sub = g_path_get_dirname(path);
	names = listing(sub);
	ck_assert_str_eq(names, "");
	g_free(names);
	g_free(sub);
	g_free(path);
	g_free(rel2);
	g_free(rel);
}
END_TEST

/* A killed writer's temporary file is removed; a live writer's is kept. */
START_TEST(archive_clean_temp_removes_dead_writers_files)
{
	char	 sha[65], *rel, *sub, *dead, *live, *names, *cause = NULL;
	size_t	 removed;
	pid_t	 pid;
	int	 status;

	ck_assert_int_eq(archive_put(tmpdir,
	    (const unsigned char *)"hello\n", 6, sha, &rel, &cause), 0);
	g_free(rel);
	/* A process that has exited: its pid names no process now. */
	if ((pid = fork()) == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	sub = g_build_filename(tmpdir, "58", NULL);
	dead = g_strdup_printf("%s/.tmp-%ld-0000abcd", sub, (long)pid);
	live = g_strdup_printf("%s/.tmp-%ld-0000abcd", sub, (long)getppid());
	ck_assert(g_file_set_contents(dead, "half", 4, NULL));
	ck_assert(g_file_set_contents(live, "half", 4, NULL));
	/* The outbox's attachment files are written the same way. */
	{
		char *bsub = g_build_filename(tmpdir, "blobs", "ab", NULL);
		char *bdead = g_strdup_printf("%s/.tmp-%ld-0000abcd", bsub,
		    (long)pid);

		ck_assert_int_eq(g_mkdir_with_parents(bsub, 0700), 0);
		ck_assert(g_file_set_contents(bdead, "half", 4, NULL));
		ck_assert_int_eq(archive_clean_temp(tmpdir, &removed, &cause),
		    0);
		ck_assert(!g_file_test(bdead, G_FILE_TEST_EXISTS));
		g_free(bdead);
		g_free(bsub);
	}
	ck_assert_uint_eq(removed, 2);
	ck_assert(!g_file_test(dead, G_FILE_TEST_EXISTS));
	ck_assert(g_file_test(live, G_FILE_TEST_EXISTS));
	g_unlink(live);
	names = listing(sub);
	ck_assert_str_eq(names, HELLO_SHA256 ".eml");
	g_free(names);
	g_free(dead);
	g_free(live);
	g_free(sub);
}
END_TEST

START_TEST(archive_clean_temp_missing_dir_is_fine)
{
	char	*missing, *cause = NULL;
	size_t	 removed = 7;

	missing = g_build_filename(tmpdir, "none", NULL);
	ck_assert_int_eq(archive_clean_temp(missing, &removed, &cause), 0);
	ck_assert_uint_eq(removed, 0);
	g_free(missing);
}
END_TEST

START_TEST(archive_creates_missing_parents)
{
	char	 sha[65], *rel, *dir, *cause = NULL;

	dir = g_build_filename(tmpdir, "a", "b", NULL);
	ck_assert_int_eq(archive_put(dir, (const unsigned char *)"hello\n", 6,
	    sha, &rel, &cause), 0);
	g_free(rel);
	g_free(dir);
}
END_TEST

/* A path through a regular file fails even for root, unlike chmod. */
START_TEST(archive_unwritable_dir_fails_with_cause)
{
	char	 sha[65], *rel = NULL, *file, *dir, *cause = NULL;

	file = g_build_filename(tmpdir, "plain", NULL);
	ck_assert(g_file_set_contents(file, "x", 1, NULL));
	dir = g_build_filename(file, "archive", NULL);
	ck_assert_int_eq(archive_put(dir, (const unsigned char *)"hello\n", 6,
	    sha, &rel, &cause), -1);
	ck_assert_ptr_null(rel);
	ck_assert_ptr_nonnull(cause);
	ck_assert_ptr_nonnull(strstr(cause, "Not a directory"));
	g_free(cause);
	g_free(dir);
	g_free(file);
}
END_TEST

START_TEST(archive_readonly_dir_fails_with_cause)
{
	char	 sha[65], *rel = NULL, *cause = NULL;

	if (geteuid() == 0)
		return;
	ck_assert_int_eq(chmod(tmpdir, 0500), 0);
	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	chmod(tmpdir, 0700);
}
END_TEST

START_TEST(archive_get_missing_fails)
{
	unsigned char	*back;
	char		*cause = NULL;
	size_t		 len;

	ck_assert_int_eq(archive_get(tmpdir, "58/" HELLO_SHA256 ".eml", &back,
	    &len, &cause), -1);
	ck_assert_ptr_null(back);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
}
END_TEST

START_TEST(archive_get_refuses_escaping_path)
{
	unsigned char	*back;
	char		*cause = NULL;
	size_t		 len;

	ck_assert_int_eq(archive_get(tmpdir, "../etc/passwd", &back, &len,
	    &cause), -1);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(archive_get(tmpdir, "/etc/passwd", &back, &len,
	    &cause), -1);
	g_free(cause);
}
END_TEST

START_TEST(archive_get_detects_altered_file)
{
	unsigned char	*back;
	char		 sha[65], *rel, *path, *cause = NULL;
	size_t		 len;

	ck_assert_int_eq(archive_put(tmpdir, (const unsigned char *)"hello\n",
	    6, sha, &rel, &cause), 0);
	path = g_build_filename(tmpdir, rel, NULL);
	ck_assert(g_file_set_contents(path, "jello\n", 6, NULL));
	ck_assert_int_eq(archive_get(tmpdir, rel, &back, &len, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "do not match"));
	g_free(cause);
	g_free(path);
	g_free(rel);
}
END_TEST

Suite *
archive_suite(void)
{
	Suite	*s = suite_create("archive");
	TCase	*tc = tcase_create("archive");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, archive_put_get_round_trip);
	tcase_add_test(tc, archive_path_is_content_address);
	tcase_add_test(tc, archive_empty_message);
	tcase_add_test(tc, archive_second_put_leaves_file_alone);
	tcase_add_test(tc, archive_truncated_file_is_replaced);
	tcase_add_test(tc, archive_no_temp_files_left);
	tcase_add_test(tc, archive_clean_temp_removes_dead_writers_files);
	tcase_add_test(tc, archive_batch_names_files_only_at_commit);
	tcase_add_test(tc, archive_clean_temp_missing_dir_is_fine);
	tcase_add_test(tc, archive_creates_missing_parents);
	tcase_add_test(tc, archive_unwritable_dir_fails_with_cause);
	tcase_add_test(tc, archive_readonly_dir_fails_with_cause);
	tcase_add_test(tc, archive_get_missing_fails);
	tcase_add_test(tc, archive_get_refuses_escaping_path);
	tcase_add_test(tc, archive_get_detects_altered_file);
	suite_add_tcase(s, tc);
	return (s);
}
