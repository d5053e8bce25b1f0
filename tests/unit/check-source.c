/* check-source.c: file and Maildir sources: what they offer, in which
 * order, and what acknowledging does to a Maildir. */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <check.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/source.h"
#include "tests/unit/testlib.h"

static char *root;

static void
put(const char *rel, const char *text)
{
	char *p = g_build_filename(root, rel, NULL);
	char *d = g_path_get_dirname(p);

	g_mkdir_with_parents(d, 0700);
	ck_assert(g_file_set_contents(p, text, -1, NULL));
	g_free(d);
	g_free(p);
}

static bool
exists(const char *rel)
{
	char *p = g_build_filename(root, rel, NULL);
	bool  r = g_file_test(p, G_FILE_TEST_EXISTS);

	g_free(p);
	return (r);
}

static void
setup(void)
{
	root = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(root);
}

static void
teardown(void)
{
	test_rm_tree(root);
	g_free(root);
}

START_TEST(source_maildir_offers_new_then_cur_and_ack_marks_seen)
{
	const struct source	*src;
	struct source_msg	 msg;
	void			*st;
	char			*cause = NULL;

	put("new/1700000000.a.host", "Subject: a\n\nA\n");
	put("cur/1600000000.b.host:2,F", "Subject: b\n\nB\n");
	put("cur/1500000000.c.host:2,S", "Subject: c\n\nC\n");
	put("tmp/.keep", "");
	src = source_for_path(root);
	ck_assert_str_eq(src->name, "maildir");
	st = src->open(NULL, root, &cause);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(src->count(st), 3);

	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert_msg(strstr(msg.origin, "/new/1700000000.a.host") != NULL,
	    "%s", msg.origin);
	ck_assert_int_eq(src->ack(st, &msg, "queue", &cause), 0);
	source_msg_free(&msg);
	/* ack queues the move; flush makes it */
	ck_assert(exists("new/1700000000.a.host"));
	ck_assert_int_eq(src->flush(st, &cause), 0);
	ck_assert(!exists("new/1700000000.a.host"));
	ck_assert(exists("cur/1700000000.a.host:2,S"));

	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert_msg(strstr(msg.origin, "1500000000.c") != NULL, "%s",
	    msg.origin);
	ck_assert_int_eq(src->ack(st, &msg, "queue", &cause), 0);	/* already S */
	source_msg_free(&msg);
	ck_assert_int_eq(src->flush(st, &cause), 0);
	ck_assert(exists("cur/1500000000.c.host:2,S"));

	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert_int_eq(msg.len, strlen("Subject: b\n\nB\n"));
	ck_assert_int_eq(src->ack(st, &msg, "queue", &cause), 0);
	source_msg_free(&msg);
	ck_assert_int_eq(src->flush(st, &cause), 0);
	ck_assert(exists("cur/1600000000.b.host:2,FS"));

	ck_assert_int_eq(src->next(st, &msg, &cause), 0);
	src->close(st);
}
END_TEST

START_TEST(source_folder_offers_eml_files_sorted)
{
	const struct source	*src;
	struct source_msg	 msg;
	void			*st;
	char			*cause = NULL;

	put("b.eml", "Subject: b\n\nB\n");
	put("a.eml", "Subject: a\n\nA\n");
	put("notes.txt", "not mail");
	src = source_for_path(root);
	ck_assert_str_eq(src->name, "file");
	st = src->open(NULL, root, &cause);
	ck_assert_uint_eq(src->count(st), 2);
	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert(g_str_has_suffix(msg.origin, "/a.eml"));
	ck_assert_int_eq(src->ack(st, &msg, "queue", &cause), 0);
	source_msg_free(&msg);
	ck_assert(exists("a.eml"));		/* files are left alone */
	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert(g_str_has_suffix(msg.origin, "/b.eml"));
	source_msg_free(&msg);
	ck_assert_int_eq(src->next(st, &msg, &cause), 0);
	src->close(st);
}
END_TEST

/* A file's receipt time is its mtime, in a folder and in a Maildir: the
 * one clock of the message downstream. */
START_TEST(source_received_at_is_the_file_mtime)
{
	static const char *const dirs[] = { "files", "md" };
	const time_t		 when = 1714636800;	/* 2024-05-02T08:00Z */
	struct timeval		 tv[2] = { { when, 0 }, { when, 0 } };
	const struct source	*src;
	struct source_msg	 msg;
	void			*st;
	char			*p, *cause = NULL;

	put("files/a.eml", "Subject: a\n\nA\n");
	put("md/new/1.host", "Subject: m\n\nM\n");
	p = g_build_filename(root, "md", "cur", NULL);
	g_mkdir_with_parents(p, 0700);
	g_free(p);
	for (size_t i = 0; i < 2; i++) {
		p = g_build_filename(root, i == 0 ? "files/a.eml" :
		    "md/new/1.host", NULL);
		ck_assert_int_eq(utimes(p, tv), 0);
		g_free(p);
		p = g_build_filename(root, dirs[i], NULL);
		src = source_for_path(p);
		ck_assert_str_eq(src->name, i == 0 ? "file" : "maildir");
		st = src->open(NULL, p, &cause);
		ck_assert_ptr_nonnull(st);
		ck_assert_int_eq(src->next(st, &msg, &cause), 1);
		ck_assert_int_eq((long long)msg.received_at, (long long)when);
		ck_assert_uint_eq(msg.size, msg.len);
		source_msg_free(&msg);
		src->close(st);
		g_free(p);
	}
}
END_TEST

START_TEST(source_missing_path_is_an_error)
{
	char *cause = NULL;

	ck_assert_ptr_null(source_file.open(NULL, "/nonexistent/x.eml", &cause));
	ck_assert_msg(strstr(cause, "/nonexistent/x.eml") != NULL, "%s",
	    cause);
	g_free(cause);
}
END_TEST

/* A folder offers its own regular .eml files only: a link (even one
 * named .eml, even to a regular file), a FIFO, a sub-folder and other
 * names are skipped, and none of them is opened. */
START_TEST(source_folder_takes_regular_eml_files_only)
{
	const struct source	*src;
	struct source_msg	 msg;
	void			*st;
	char			*cause = NULL, *p, *outside;

	put("in/a.eml", "Subject: a\n\nA\n");
	put("in/sub/b.eml", "Subject: b\n\nB\n");
	put("in/notes.txt", "not mail");
	put("secret", "Subject: shadow\n\nroot:x\n");
	outside = g_build_filename(root, "secret", NULL);
	p = g_build_filename(root, "in", "link.eml", NULL);
	ck_assert_int_eq(symlink(outside, p), 0);
	g_free(p);
	p = g_build_filename(root, "in", "fifo.eml", NULL);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	g_free(p);
	p = g_build_filename(root, "in", NULL);
	src = source_for_path(p);
	st = src->open(NULL, p, &cause);
	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(src->count(st), 1);
	ck_assert_int_eq(src->next(st, &msg, &cause), 1);
	ck_assert(g_str_has_suffix(msg.origin, "/a.eml"));
	source_msg_free(&msg);
	ck_assert_int_eq(src->next(st, &msg, &cause), 0);
	src->close(st);
	g_free(p);
	g_free(outside);
}
END_TEST

/* A link swapped in after the folder was listed is still not read. */
START_TEST(source_entry_refuses_a_link)
{
	struct source_msg	 msg;
	char			*cause = NULL;
	char			*target = g_build_filename(root, "t", NULL);
	char			*link = g_build_filename(root, "l.eml", NULL);

	put("t", "Subject: t\n\nT\n");
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(source_read_entry(link, &msg, &cause), -1);
	ck_assert_msg(strstr(cause, "symbolic link") != NULL, "%s", cause);
	g_free(cause);
	/* a path typed by hand is the user's own choice */
	ck_assert_int_eq(source_read_file(link, &msg, &cause), 1);
	source_msg_free(&msg);
	g_free(link);
	g_free(target);
}
END_TEST

/* A FIFO given as a path must not wait for a writer. */
START_TEST(source_fifo_is_refused_without_waiting)
{
	struct source_msg	 msg;
	char			*cause = NULL;
	char			*p = g_build_filename(root, "f.eml", NULL);

	ck_assert_int_eq(mkfifo(p, 0600), 0);
	alarm(5);
	ck_assert_int_eq(source_read_file(p, &msg, &cause), -1);
	alarm(0);
	ck_assert_msg(strstr(cause, "not a regular file") != NULL, "%s",
	    cause);
	g_free(cause);
	g_free(p);
}
END_TEST

/* /dev/zero claims 0 bytes and never ends: the cap counts what is read. */
START_TEST(source_cap_is_enforced_while_reading)
{
	struct source_msg	 msg;
	char			*cause = NULL;

	ck_assert_int_eq(source_read_file("/dev/zero", &msg, &cause), -1);
	ck_assert_msg(strstr(cause, "/dev/zero: ") != NULL, "%s", cause);
	g_free(cause);
}
END_TEST

/* The reason is a plain line, not GLib's "Failed to open file". */
START_TEST(source_missing_file_says_why_plainly)
{
	struct source_msg	 msg;
	char			*cause = NULL;

	ck_assert_int_eq(source_read_file("/nonexistent/x.eml", &msg,
	    &cause), -1);
	ck_assert_str_eq(cause, "/nonexistent/x.eml: cannot read: No such "
	    "file or directory");
	g_free(cause);
}
END_TEST

Suite *
source_suite(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("sources");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, source_maildir_offers_new_then_cur_and_ack_marks_seen);
	tcase_add_test(tc, source_folder_offers_eml_files_sorted);
	tcase_add_test(tc, source_received_at_is_the_file_mtime);
	tcase_add_test(tc, source_missing_path_is_an_error);
	tcase_add_test(tc, source_folder_takes_regular_eml_files_only);
	tcase_add_test(tc, source_entry_refuses_a_link);
	tcase_add_test(tc, source_fifo_is_refused_without_waiting);
	tcase_add_test(tc, source_cap_is_enforced_while_reading);
	tcase_add_test(tc, source_missing_file_says_why_plainly);
	suite_add_tcase(s, tc);
	return (s);
}
