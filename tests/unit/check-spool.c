/* check-spool.c: the records a long list's rows are kept in (lib/spool.h)
 * and a form's rows on them (parsers/form-rows.c): what goes in comes
 * back, in memory and past SPOOL_MEMORY in a file nobody else can see,
 * and a 50,000-row list is decided without holding its rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lib/spool.h"
#include "parsers/form.h"
#include "tests/unit/testlib.h"

static char	*tmpdir;

static void
setup(void)
{
	const char *base = g_getenv("TMPDIR");

	/* The spool's file goes here: it reads TMPDIR when it makes it. */
	tmpdir = g_build_filename(base != NULL && *base != '\0' ? base :
	    "/tmp", "hotrocks-spool-XXXXXX", NULL);
	ck_assert_ptr_nonnull(g_mkdtemp(tmpdir));
	g_setenv("TMPDIR", tmpdir, TRUE);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

/* Record i: its number written out, then i % 97 bytes of filler, so
 * records differ in length and the long ones cross read windows. */
static void
record(GString *s, size_t i)
{
	g_string_printf(s, "record %zu:", i);
	for (size_t k = 0; k < i % 97 * 40; k++)
		g_string_append_c(s, (char)('a' + (i + k) % 26));
}

/* Open files of this process that were in dir and are deleted: the
 * spool's file is unlinked as soon as it is made. */
static size_t
deleted_files_in(const char *dir)
{
	GDir		*d = g_dir_open("/proc/self/fd", 0, NULL);
	const char	*fd;
	size_t		 n = 0, len = strlen(dir);

	ck_assert_ptr_nonnull(d);
	while ((fd = g_dir_read_name(d)) != NULL) {
		char *p = g_strdup_printf("/proc/self/fd/%s", fd);
		char *to = g_file_read_link(p, NULL);

		if (to != NULL && strncmp(to, dir, len) == 0 &&
		    to[len] == '/' && g_str_has_suffix(to, " (deleted)"))
			n++;
		g_free(to);
		g_free(p);
	}
	g_dir_close(d);
	return (n);
}

START_TEST(spool_small_stays_in_memory)
{
	struct spool	*sp = spool_new();
	GByteArray	*buf = g_byte_array_new();

	spool_append(sp, "one", 3);
	spool_append(sp, "", 0);
	spool_append(sp, "three", 5);
	ck_assert_uint_eq(spool_count(sp), 3);
	spool_read(sp, 2, buf);
	ck_assert_uint_eq(buf->len, 5);
	ck_assert_str_eq((const char *)buf->data, "three");
	spool_read(sp, 1, buf);
	ck_assert_uint_eq(buf->len, 0);
	ck_assert_int_eq(buf->data[0], '\0');
	spool_replace(sp, 0, "uno", 3);
	spool_read(sp, 0, buf);
	ck_assert_str_eq((const char *)buf->data, "uno");
	/* no file made at all, not even an unlinked one */
	ck_assert_uint_eq(deleted_files_in(tmpdir), 0);
	ck_assert_uint_eq(test_dir_entries(tmpdir), 0);
	ck_assert_uint_eq(deleted_files_in(tmpdir), 0);
	g_byte_array_free(buf, TRUE);
	spool_free(sp);
}
END_TEST

/* Past SPOOL_MEMORY the records go to a file, read back in order, out
 * of order and after being replaced, whichever side of the last write
 * they are on. */
START_TEST(spool_big_goes_to_a_file_and_back)
{
	struct spool	*sp = spool_new();
	GByteArray	*buf = g_byte_array_new();
	GString		*want = g_string_new(NULL);
	size_t		 n = 0, bytes = 0;

	while (bytes < 4 * SPOOL_MEMORY) {
		record(want, n++);
		spool_append(sp, want->str, want->len);
		bytes += want->len;
	}
	ck_assert_uint_eq(spool_count(sp), n);
	/* In a file of TMPDIR, but none in the folder: unlinked at once. */
	ck_assert_uint_eq(deleted_files_in(tmpdir), 1);
	ck_assert_uint_eq(test_dir_entries(tmpdir), 0);
	for (size_t i = 0; i < n; i++) {
		record(want, i);
		spool_read(sp, i, buf);
		ck_assert_uint_eq(buf->len, want->len);
		ck_assert(memcmp(buf->data, want->str, want->len) == 0);
	}
	for (size_t i = n; i > 0; i -= 7) {
		record(want, i - 1);
		spool_read(sp, i - 1, buf);
		ck_assert(buf->len == want->len &&
		    memcmp(buf->data, want->str, want->len) == 0);
		if (i <= 7)
			break;
	}
	/* Two readers with windows of their own and the spool's, turn
	 * about at both ends of the file: none moves another's window. */
	{
		struct spool_window	 w[2];
		GByteArray		*b2 = g_byte_array_new();

		spool_window_init(&w[0]);
		spool_window_init(&w[1]);
		for (size_t i = 0; i < n; i++) {
			size_t	 k[3] = { i, n - 1 - i, (i * 7919) % n };

			spool_read_with(sp, &w[0], k[0], b2);
			record(want, k[0]);
			ck_assert(b2->len == want->len &&
			    memcmp(b2->data, want->str, want->len) == 0);
			spool_read_with(sp, &w[1], k[1], b2);
			record(want, k[1]);
			ck_assert(b2->len == want->len &&
			    memcmp(b2->data, want->str, want->len) == 0);
			spool_read(sp, k[2], b2);
			record(want, k[2]);
			ck_assert(b2->len == want->len &&
			    memcmp(b2->data, want->str, want->len) == 0);
		}
		/* each reader's window where its last read left it */
		ck_assert_uint_gt(w[0].off, 0);
		ck_assert_uint_eq(w[1].off, 0);
		spool_window_deinit(&w[0]);
		spool_window_deinit(&w[1]);
		g_byte_array_free(b2, TRUE);
	}
	/* Replaced: an early record (in the file) and the last one. */
	spool_replace(sp, 3, "changed", 7);
	spool_replace(sp, n - 1, "last", 4);
	spool_read(sp, 3, buf);
	ck_assert_str_eq((const char *)buf->data, "changed");
	spool_read(sp, n - 1, buf);
	ck_assert_str_eq((const char *)buf->data, "last");
	record(want, 4);
	spool_read(sp, 4, buf);
	ck_assert(buf->len == want->len &&
	    memcmp(buf->data, want->str, want->len) == 0);
	g_string_free(want, TRUE);
	g_byte_array_free(buf, TRUE);
	spool_free(sp);
	ck_assert_uint_eq(deleted_files_in(tmpdir), 0);
}
END_TEST

/* A form's rows, every field and finding, come back as they went in,
 * through a cursor and by number; an edit is stored when the rows are
 * next read, and the rows with errors are counted through it. */
START_TEST(spool_form_rows_round_trip)
{
	struct form		*f = form_read(NULL);
	struct form_cursor	 cur;
	const struct form_row	*r;
	const size_t		 n = 30000;

	for (size_t i = 0; i < n; i++) {
		struct form_row row = { .index = (int)i + 1,
		    .source_row = i + 3 };

		row.phone = g_strdup_printf("849823%05zu", i);
		row.phone_raw = g_strdup_printf("0982 3%05zu", i);
		row.iccid = i % 5 == 0 ? NULL :
		    g_strdup_printf("89840400000%08zu", i);
		row.name = g_strdup_printf("Nguyễn Văn %zu", i);
		row.position = g_strdup(i % 2 ? "Phó Bí thư" : "");
		row.carrier = form_carrier("viettel");
		if (i % 3 == 0)
			findings_add(&row.errors, CODE_PHONE_INVALID,
			    "row %zu: bad", i + 1);
		if (i % 4 == 0)
			findings_add(&row.warnings, CODE_PHONE_OLD_FORMAT,
			    NULL);
		form_row_append(f, &row);
		form_row_deinit(&row);
	}
	ck_assert_uint_eq(f->nrows, n);
	ck_assert_uint_eq(form_rows_with_errors(f), (n + 2) / 3);
	form_cursor_init(&cur, f);
	for (size_t i = 0; (r = form_cursor_next(&cur)) != NULL; i++) {
		char *s;

		ck_assert_int_eq(r->index, (int)i + 1);
		ck_assert_uint_eq(r->source_row, i + 3);
		s = g_strdup_printf("0982 3%05zu", i);
		ck_assert_str_eq(r->phone_raw, s);
		g_free(s);
		if (i % 5 == 0)
			ck_assert_ptr_null(r->iccid);
		else
			ck_assert_uint_eq(strlen(r->iccid), 19);
		ck_assert_str_eq(r->position, i % 2 ? "Phó Bí thư" : "");
		ck_assert_ptr_eq(r->carrier, form_carrier("viettel"));
		ck_assert_ptr_null(r->email);
		ck_assert_uint_eq(r->errors.n, i % 3 == 0);
		ck_assert_uint_eq(r->warnings.n, i % 4 == 0);
		if (i % 4 == 0)
			ck_assert_ptr_null(r->warnings.v[0].detail);
		ck_assert_uint_eq(cur.next, i + 1);
	}
	form_cursor_deinit(&cur);
	/* Row 2 gains an error, row 1 loses its own. */
	findings_add(&form_row_edit(f, 1)->errors, CODE_NAME_MISSING, "x");
	findings_remove(&form_row_edit(f, 0)->errors, CODE_PHONE_INVALID);
	ck_assert_uint_eq(form_rows_with_errors(f), (n + 2) / 3);
	ck_assert_uint_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_int_eq(form_row(f, 1)->errors.v[0].code, CODE_NAME_MISSING);
	ck_assert_str_eq(form_row(f, n - 1)->name, "Nguyễn Văn 29999");
	ck_assert_ptr_null(form_row(f, n));
	ck_assert_uint_eq(deleted_files_in(tmpdir), 1);
	form_free(f);
	ck_assert_uint_eq(deleted_files_in(tmpdir), 0);
	ck_assert_uint_eq(test_dir_entries(tmpdir), 0);
}
END_TEST

Suite *
spool_suite(void)
{
	Suite	*s = suite_create("spool");
	TCase	*tc = tcase_create("spool");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, spool_small_stays_in_memory);
	tcase_add_test(tc, spool_big_goes_to_a_file_and_back);
	tcase_add_test(tc, spool_form_rows_round_trip);
	suite_add_tcase(s, tc);
	return (s);
}
