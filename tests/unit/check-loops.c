/* check-loops.c: the guards that keep hotrocks from becoming a spammer,
 * through `hotrocks ingest`: at most [outbox] max_replies_per_sender_per_day
 * automatic replies to one sender (below, at and above the limit), and no
 * automatic reply to the Cục. Auto-replies, bounces, lists and our own
 * mail are covered by check-rules and check-smtp's storm. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tests/unit/testlib.h"

static char	*tmpdir;

static void
setup(void)
{
	tmpdir = g_dir_make_tmp("hr-loops-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

/* A copy of sample name as tmpdir/sub/n.eml from from (NULL: as is) with
 * a Message-ID of its own, so each is a new message. */
static void
copy_sample(const char *name, const char *sub, int n, const char *from)
{
	const char	*samples = getenv("HOTROCKS_SAMPLES");
	char		*src, *dir, *dst, *text, **lines;
	GString		*out = g_string_new(NULL);
	bool		 head = true;

	src = g_build_filename(samples ? samples : "build/samples", name,
	    NULL);
	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	dir = g_build_filename(tmpdir, sub, NULL);
	g_mkdir_with_parents(dir, 0700);
	g_string_append_printf(out, "Message-ID: <loop-%s-%d@example.vn>\r\n",
	    sub, n);
	if (from != NULL)
		g_string_append_printf(out, "From: %s\r\n", from);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		bool drop = false;

		if (head && (**l == '\0' || strcmp(*l, "\r") == 0))
			head = false;
		/* Headers replaced above; their folded lines go too. */
		if (head && (g_ascii_strncasecmp(*l, "Message-ID:", 11) == 0 ||
		    (from != NULL && g_ascii_strncasecmp(*l, "From:", 5) == 0)))
			drop = true;
		while (drop && l[1] != NULL && (l[1][0] == ' ' ||
		    l[1][0] == '\t'))
			l++;
		if (drop)
			continue;
		g_string_append(out, *l);
		if (l[1] != NULL)
			g_string_append_c(out, '\n');
	}
	dst = g_strdup_printf("%s/%02d.eml", dir, n);
	ck_assert(g_file_set_contents(dst, out->str, out->len, NULL));
	g_strfreev(lines);
	g_string_free(out, TRUE);
	g_free(text);
	g_free(src);
	g_free(dir);
	g_free(dst);
}

static long long
count(const char *db, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long long	 v;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static const struct {
	int	 limit;		/* max_replies_per_sender_per_day */
	int	 messages;	/* rejected lists from one sender */
	int	 replies;	/* replies queued */
} floods[] = {
	{ 3, 2, 2 },		/* below */
	{ 3, 3, 3 },		/* at */
	{ 3, 5, 3 },		/* above: two left to a person */
	{ 10, 12, 10 },		/* the default */
};

/* Rejected lists from one sender: answered up to the limit; beyond it
 * recorded manual (a case in review), with a warning, not answered. */
START_TEST(loops_replies_per_sender_capped)
{
	char	*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*dir = g_build_filename(tmpdir, "flood", NULL);
	char	*text, *err = NULL;

	text = g_strdup_printf("[outbox]\nmax_replies_per_sender_per_day ="
	    " %d\n", floods[_i].limit);
	ck_assert(g_file_set_contents(conf, floods[_i].limit == 10 ? "" :
	    text, -1, NULL));
	for (int i = 0; i < floods[_i].messages; i++)
		copy_sample("05-zimbra-docx-row-errors.eml", "flood", i,
		    "vanphong@autoloop.example.vn");
	ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q", "-c",
	    conf, "--db", db, dir, NULL), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"),
	    floods[_i].replies);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages WHERE"
	    " action = 'manual'"), floods[_i].messages - floods[_i].replies);
	if (floods[_i].messages > floods[_i].replies)
		ck_assert_msg(strstr(err, "automatic replies to "
		    "vanphong@autoloop.example.vn in 24 hours") != NULL, "%s",
		    err);
	g_free(err);
	g_free(text);
	g_free(dir);
	g_free(db);
	g_free(conf);
}
END_TEST

/* A list sent from the Cục's domain is never answered automatically. */
START_TEST(loops_cuc_never_answered)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*dir = g_build_filename(tmpdir, "cuc", NULL);

	copy_sample("05-zimbra-docx-row-errors.eml", "cuc", 1,
	    "Hệ thống <noreply@bcy.gov.vn>");
	copy_sample("01-outlook-docx-sontinh.eml", "cuc", 2,
	    "ca@bcy.gov.vn");
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "ingest", "-q", "--db", db,
	    dir, NULL), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"), 2);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), 0);
	g_free(dir);
	g_free(db);
}
END_TEST

Suite *
loops_suite(void)
{
	Suite	*s = suite_create("loops");
	TCase	*tc;

	tc = tcase_create("loops");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, loops_replies_per_sender_capped, 0,
	    G_N_ELEMENTS(floods));
	tcase_add_test(tc, loops_cuc_never_answered);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return (s);
}
