/* check-case-done.c: hotrocks case done through the command line: the
 * completion notice queued with the state change, to the unit that sent
 * the case, threaded under its message; once per closing, never for a
 * case a person took from review. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "intake/mime.h"
#include "tests/unit/testlib.h"

static void
setup(void)
{
	test_store_setup();
	mime_init();
}

static void
hotrocks_ok(const char *a, const char *b, const char *c, const char *d,
    const char *e, const char *f)
{
	char	*out = NULL, *err = NULL;
	int	 rc;

	rc = test_hotrocks(&out, &err, a, b, c, "-c", "samples/hotrocks.conf",
	    "--db", test_db, d, e, f, NULL);
	ck_assert_msg(rc == 0, "%s %s %s: %d\n%s%s", a, b, c, rc, out, err);
	g_free(out);
	g_free(err);
}

/* The case opened by the n-th message recorded. */
static char *
case_of(int n)
{
	char	*sql = g_strdup_printf("SELECT c.number FROM cases c JOIN"
	    " messages m ON m.case_id = c.id WHERE m.id = %d", n);
	char	*s = test_text(sql);

	g_free(sql);
	ck_assert_ptr_nonnull(s);
	return (s);
}

/* Accepted list, closed with a note: one notice, to the sender, in the
 * unit's thread, saying what was done; the case is done. */
START_TEST(case_done_queues_one_threaded_notice)
{
	struct mail	*m = NULL;
	const char	*why;
	char		*number, *raw, *sql, *subject, *orig, *from;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = case_of(1);
	hotrocks_ok("case", "done", number, "--note",
	    "Cục đã kích hoạt SIM ký số ngày 10/5/2024.", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE state ="
	    " 'done'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done'"), 1);
	raw = test_text("SELECT raw FROM outbox WHERE purpose = 'done'");
	from = test_text("SELECT from_addr FROM messages WHERE id = 1");
	orig = test_text("SELECT message_id FROM messages WHERE id = 1");
	ck_assert_int_eq(mime_parse((const unsigned char *)raw, strlen(raw),
	    NULL, &m, &why), 0);
	ck_assert_str_eq(m->in_reply_to, orig);
	ck_assert_ptr_nonnull(strstr(m->references, orig));
	subject = g_strdup_printf("Re: [%s]", number);
	ck_assert_msg(g_str_has_prefix(m->subject, subject), "%s",
	    m->subject);
	ck_assert_ptr_nonnull(strstr(m->body_text, "đã được xử lý xong"));
	/* what was done, plainly (review 8) */
	ck_assert_ptr_nonnull(strstr(m->body_text, "SIM ký số của các thuê "
	    "bao trong danh sách đã được kích hoạt. Đề nghị đơn vị thông báo "
	    "để người dùng kiểm tra"));
	ck_assert_ptr_null(strstr(m->body_text, "trân trọng thông báo"));
	ck_assert_ptr_nonnull(strstr(m->body_text, number));
	ck_assert_ptr_nonnull(strstr(m->body_text, "Cục đã kích hoạt SIM"));
	ck_assert_ptr_nonnull(strstr(m->body_text, "Huyện ủy Sơn Tịnh"));
	ck_assert_ptr_null(strstr(raw, "Auto-Submitted"));
	sql = g_strdup_printf("SELECT rcpt FROM outbox WHERE purpose = 'done'"
	    " AND message_id = '<hotrocks.done.%s.1@quangngai.dcs.vn>'",
	    number);
	g_free(raw);
	raw = test_text(sql);
	ck_assert_str_eq(raw, from);
	/* the state change and the notice are audited together */
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed'"), 1);
	mime_free(m);
	g_free(sql);
	g_free(subject);
	g_free(orig);
	g_free(from);
	g_free(raw);
	g_free(number);
}
END_TEST

/* done twice is one closing; reopen and done again is a second one,
 * with its own Message-ID. */
START_TEST(case_done_once_per_closing)
{
	char	*number;

	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	number = case_of(1);
	hotrocks_ok("case", "done", number, NULL, NULL, NULL);
	hotrocks_ok("case", "done", number, NULL, NULL, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done'"), 1);
	hotrocks_ok("case", "reopen", number, NULL, NULL, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done'"), 1);
	hotrocks_ok("case", "done", number, NULL, NULL, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done'"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done' AND message_id LIKE '<hotrocks.done.%.2@%'"), 1);
	g_free(number);
}
END_TEST

/* What staff release only queues: the command says when it leaves
 * (finding 11 of the e2e trial), for case done and for the rows that
 * close a case, and --json stays one object. */
START_TEST(case_done_says_when_the_notice_leaves)
{
	static const char when[] = "\nqueued: it leaves within 60 s while the "
	    "service (hotrocks run) runs, or at once with hotrocks send\n";
	char	*one, *two, *out = NULL, *err = NULL;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	one = case_of(1);
	two = case_of(2);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", one, "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, "completion notice queued to ") != NULL &&
	    g_str_has_suffix(out, when), "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", two, "--set",
	    "activated", "--json", "-c", "samples/hotrocks.conf", "--db",
	    test_db, NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "{") && strchr(out, '\n') ==
	    out + strlen(out) - 1, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "reopen", two, "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_ptr_null(strstr(out, "queued:"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", two, "--set",
	    "refused", "--rows", "1", "-c", "samples/hotrocks.conf", "--db",
	    test_db, NULL), 0);
	ck_assert_msg(strstr(out, "is now done (") != NULL &&
	    g_str_has_suffix(out, when), "%s", out);
	g_free(out);
	g_free(err);
	g_free(one);
	g_free(two);
}
END_TEST

/* A case a person took from review (mail without documents) is theirs
 * to answer: done queues nothing. */
START_TEST(case_done_review_case_queues_nothing)
{
	char	*number, *out = NULL, *err = NULL;

	test_ingest_sample("10-thunderbird-question-no-attachment.eml");
	number = case_of(1);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "--db", test_db, "-c", "samples/hotrocks.conf", NULL), 0);
	ck_assert_ptr_null(strstr(out, "notice"));
	ck_assert_ptr_null(strstr(out, "queued:"));
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), 0);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE state ="
	    " 'done'"), 1);
	g_free(out);
	g_free(err);
	g_free(number);
}
END_TEST

/* Rows settled one by one close the case: the notice names the row not
 * activated and why, tells only the others to check cms.ca.gov.vn,
 * quotes no words of the program's (the audit has them), and greets
 * whom the acknowledgement greeted (e2e findings 1 and 9). */
START_TEST(case_done_by_rows_names_the_refused)
{
	struct mail	*m = NULL;
	const char	*why;
	char		*number, *raw, *ack, *out = NULL, *err = NULL;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = case_of(1);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", number,
	    "--set", "activated", "--rows", "1-4", "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", number,
	    "--set", "refused", "--rows", "5", "--note",
	    "chức vụ không thuộc đối tượng.", "-c", "samples/hotrocks.conf",
	    "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE state ="
	    " 'done'"), 1);
	raw = test_text("SELECT raw FROM outbox WHERE purpose = 'done'");
	ck_assert_ptr_nonnull(raw);
	ck_assert_int_eq(mime_parse((const unsigned char *)raw, strlen(raw),
	    NULL, &m, &why), 0);
	ck_assert_msg(strstr(m->body_text, "Thuê bao sau chưa được kích hoạt "
	    "SIM ký số:\n- Dòng TT 5 (đồng chí Đặng Quốc Bảo, số điện thoại "
	    "0388 120 457): chức vụ không thuộc đối tượng.\n") != NULL, "%s",
	    m->body_text);
	ck_assert_ptr_nonnull(strstr(m->body_text, "SIM ký số của các thuê "
	    "bao còn lại trong danh sách đã được kích hoạt."));
	ck_assert_ptr_nonnull(strstr(m->body_text, "các đồng chí có SIM ký số "
	    "đã được kích hoạt kiểm tra"));
	ck_assert_ptr_null(strstr(m->body_text, "every row"));
	ck_assert_ptr_null(strstr(m->body_text, "người dùng kiểm tra"));
	/* one name for the unit in one thread */
	ack = test_text("SELECT raw FROM outbox WHERE purpose = 'ack'");
	ck_assert_ptr_nonnull(strstr(m->body_text, "Kính gửi: Văn phòng Huyện "
	    "ủy Sơn Tịnh.\n"));
	{
		struct mail *a = NULL;

		ck_assert_int_eq(mime_parse((const unsigned char *)ack,
		    strlen(ack), NULL, &a, &why), 0);
		ck_assert_ptr_nonnull(strstr(a->body_text, "Kính gửi: Văn "
		    "phòng Huyện ủy Sơn Tịnh.\n"));
		mime_free(a);
	}
	ck_assert_ptr_nonnull(strstr(raw, "\nTo: =?UTF-8?Q?V=C4=83n_ph=C3=B2ng"));
	/* the audit keeps why the case moved */
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE detail"
	    " LIKE '%every row activated or refused%'"), 1);
	mime_free(m);
	g_free(ack);
	g_free(raw);
	g_free(number);
}
END_TEST

/* No such case: nothing moves, nothing is queued, exit 69. */
START_TEST(case_done_unknown_case)
{
	char	*out = NULL, *err = NULL;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done",
	    "HT-1999-000001", "--db", test_db, "-c", "samples/hotrocks.conf",
	    NULL), 69);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'done'"), 0);
	g_free(out);
	g_free(err);
}
END_TEST

Suite *
case_done_suite(void)
{
	Suite	*s = suite_create("case_done");
	TCase	*tc = tcase_create("notice");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, test_store_teardown);
	tcase_add_test(tc, case_done_queues_one_threaded_notice);
	tcase_add_test(tc, case_done_once_per_closing);
	tcase_add_test(tc, case_done_says_when_the_notice_leaves);
	tcase_add_test(tc, case_done_review_case_queues_nothing);
	tcase_add_test(tc, case_done_unknown_case);
	tcase_add_test(tc, case_done_by_rows_names_the_refused);
	suite_add_tcase(s, tc);
	return (s);
}
