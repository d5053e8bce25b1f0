/* check-thread.c: answers threaded into their case through hotrocks
 * ingest: by the case number in the subject, by References to a message
 * we queued, from the Cục; a corrected list naming the rejected one; and
 * the "received already" notice quoting the day the case was received. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include <glib.h>

#include "intake/mime.h"
#include "outbox/wording.h"
#include "tests/unit/testlib.h"

static void
setup(void)
{
	test_store_setup();
	mime_init();
}

/* A short answer in plain text. */
static char *
answer(const char *from, const char *subject, const char *refs)
{
	char	*raw, *path;

	raw = g_strdup_printf("From: %s\r\nTo: HotroCKS@quangngai.dcs.vn\r\n"
	    "Subject: %s\r\nMessage-ID: <answer.%d@example.vn>\r\n"
	    "Date: Mon, 06 May 2024 09:00:00 +0700\r\n%s%s%s%s%s"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Kính gửi Văn phòng Tỉnh ủy, đơn vị xin hỏi tiến độ xử lý hồ sơ.\r\n",
	    from, subject, test_nmail + 1, refs != NULL ? "In-Reply-To: " : "",
	    refs != NULL ? refs : "", refs != NULL ? "\r\nReferences: " : "",
	    refs != NULL ? refs : "", refs != NULL ? "\r\n" : "");
	path = test_mail_write(raw, 0);
	g_free(raw);
	return (path);
}

/* The answer, ingested. */
static void
ingest_answer(const char *from, const char *subject, const char *refs)
{
	char	*path = answer(from, subject, refs);

	test_ingest(path);
	g_free(path);
}

/* The body of the raw message queued for purpose (g_free). */
static char *
queued_body(const char *purpose)
{
	struct mail	*m = NULL;
	const char	*why;
	char		*sql, *raw, *body;

	sql = g_strdup_printf("SELECT raw FROM outbox WHERE purpose = '%s'"
	    " ORDER BY id DESC", purpose);
	raw = test_text(sql);
	ck_assert_msg(raw != NULL, "nothing queued for %s", purpose);
	ck_assert_int_eq(mime_parse((const unsigned char *)raw, strlen(raw),
	    NULL, &m, &why), 0);
	body = g_strdup(m->body_text);
	mime_free(m);
	g_free(raw);
	g_free(sql);
	return (body);
}

/* The units registry, from a CSV text, as staff import it. */
static void
units_import(const char *csv_text)
{
	char	*csv, *out = NULL, *err = NULL;

	csv = g_build_filename(test_dir, "units.csv", NULL);
	ck_assert(g_file_set_contents(csv, csv_text, -1, NULL));
	ck_assert_msg(test_hotrocks(&out, &err, "units", "import", csv, "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL) == 0, "%s%s", out,
	    err);
	g_free(out);
	g_free(err);
	g_free(csv);
}

/* "Re: [HT-…] …" from the unit: recorded in its case, flagged, audited,
 * no case opened and nothing queued. */
START_TEST(thread_case_number_in_subject)
{
	char	*number, *subject, *path;
	long	 outbox;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = test_text("SELECT number FROM cases");
	outbox = test_count("SELECT count(*) FROM outbox");
	subject = g_strdup_printf("Re: [%s] Danh sách đề nghị kích hoạt "
	    "SIM ký số", number);
	path = answer("vanphong.sontinh@quangngai.dcs.vn", subject, NULL);
	test_ingest(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " case_id = 1"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), outbox);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag ="
	    " 'reply_received'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'reply_received' AND case_id = 1 AND detail LIKE '%by"
	    " subject'"), 1);
	/* the rows stay those of the list */
	ck_assert_int_eq(test_count("SELECT count(*) FROM case_rows"),
	    test_count("SELECT count(*) FROM case_rows WHERE document_id IN"
	    " (SELECT d.id FROM documents d WHERE d.msg_id = 1)"));
	g_free(path);
	g_free(subject);
	g_free(number);
}
END_TEST

/* A unit answers on its done case (finding 3 of the e2e trial): the
 * listing shows the flag, --json has it as case show --json does, and
 * --flagged finds that case and not the others; a "flagged" state is
 * refused with the option to use. */
START_TEST(thread_flag_shows_in_cases)
{
	char	*number, *subject, *path, *out, *err, *line;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	number = test_text("SELECT number FROM cases WHERE from_addr ="
	    " 'vanphong.sontinh@quangngai.dcs.vn'");
	ck_assert_ptr_nonnull(number);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	subject = g_strdup_printf("Re: [%s] Đồng chí Lan vì sao bị từ chối?",
	    number);
	path = answer("vanphong.sontinh@quangngai.dcs.vn", subject, NULL);
	test_ingest(path);

	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, " FLAG ") != NULL, "%s", out);
	line = strstr(out, number);
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(strstr(line, "reply_received") != NULL &&
	    strstr(line, "reply_received") < strchr(line, '\n'), "%s", out);
	g_free(out);
	g_free(err);

	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--json", "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, "\"flag\":\"reply_received\"") != NULL &&
	    strstr(out, "\"flag\":null") != NULL, "%s", out);
	g_free(out);
	g_free(err);

	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--flagged",
	    "--json", "-c", "samples/hotrocks.conf", "--db", test_db, NULL),
	    0);
	ck_assert_msg(strstr(out, number) != NULL && strchr(out, '\n') ==
	    out + strlen(out) - 1, "%s", out);
	g_free(out);
	g_free(err);
	/* the filters combine: the flagged case is done, not open */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--flagged",
	    "--state", "open", "-c", "samples/hotrocks.conf", "--db", test_db,
	    NULL), 0);
	ck_assert_str_eq(out, "no cases\n");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--state",
	    "flagged", "-c", "samples/hotrocks.conf", "--db", test_db, NULL),
	    64);
	ck_assert_msg(strstr(err, "--flagged") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(path);
	g_free(subject);
	g_free(number);
}
END_TEST

/* An answer to our acknowledgement without the number in its subject:
 * In-Reply-To names the ack; a case number we never gave is no thread. */
START_TEST(thread_references_our_message)
{
	char	*ack, *path;

	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	ack = test_text("SELECT message_id FROM outbox WHERE purpose = 'ack'");
	ingest_answer("btg@quangngai.dcs.vn", "Re: hỏi tiến độ", ack);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'reply_received' AND detail LIKE '%by references'"), 1);
	path = answer("btg@quangngai.dcs.vn", "Re: [HT-1999-000042] hỏi",
	    NULL);
	test_ingest(path);
	/* unknown number, no reference: a new message for a person */
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE state ="
	    " 'review'"), 1);
	g_free(path);
	g_free(ack);
}
END_TEST

/* The Cục answers the forward: recorded in the case it concerns, never
 * answered; the Cục writing about nothing we know is not answered
 * either. */
START_TEST(thread_answer_from_cuc_never_answered)
{
	char	*fwd;
	long	 outbox;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	fwd = test_text("SELECT message_id FROM outbox WHERE purpose ="
	    " 'forward'");
	ck_assert_ptr_nonnull(fwd);
	outbox = test_count("SELECT count(*) FROM outbox");
	ingest_answer("ca@bcy.gov.vn", "Re: V/v đề nghị kích hoạt SIM ký số",
	    fwd);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " case_id = 1 AND from_addr = 'ca@bcy.gov.vn'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag ="
	    " 'reply_received'"), 1);
	/* another address of the Cục's domain, about nothing we know */
	ingest_answer("hethong@bcy.gov.vn", "Thông báo", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), outbox);
	g_free(fwd);
}
END_TEST

/* A corrected list from the unit whose list was rejected opens a case
 * naming the rejected message; case show prints both, --json too. */
START_TEST(thread_corrected_list_supersedes_rejected)
{
	char	*path, *number, *out = NULL, *err = NULL, *rejected;

	test_ingest_sample("05-zimbra-docx-row-errors.eml");
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 0);
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.nghiahanh@quangngai.dcs.vn", "<fixed.1@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE"
	    " supersedes = 1"), 1);
	number = test_text("SELECT number FROM cases");
	rejected = test_text("SELECT message_id FROM messages WHERE id = 1");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, "supersedes") != NULL &&
	    strstr(out, rejected) != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "--db", test_db, "--json", NULL), 0);
	ck_assert_msg(strstr(out, "\"link\":\"supersedes\"") != NULL &&
	    strstr(out, "\"action\":\"reject\"") != NULL, "%s", out);
	/* one object: the case, its links, and the opening message */
	ck_assert_ptr_nonnull(strstr(out, "\"links\":[{"));
	ck_assert_ptr_nonnull(strstr(out, "\"message\":{\"contract\":1"));
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	g_free(out);
	g_free(err);
	g_free(number);
	g_free(rejected);
}
END_TEST

/* Past the window, or from another unit, a list links nothing. */
START_TEST(thread_corrected_list_window_and_unit)
{
	char	*path;

	test_ingest_sample("05-zimbra-docx-row-errors.eml");
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.other@quangngai.dcs.vn", "<other.1@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	path = test_sample_variant("02-thunderbird-xlsx-btg.eml",
	    "vanphong.nghiahanh@quangngai.dcs.vn", "<late.1@example.vn>", 61);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE"
	    " supersedes IS NOT NULL"), 0);
}
END_TEST

/* The same list again while its case is open: one notice, quoting the
 * case and the day it was received, and no "fix and resend". */
START_TEST(thread_resend_notice_has_existing_date)
{
	char	*path, *body, *number, *opened, *want, *date;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = test_text("SELECT number FROM cases");
	opened = test_text("SELECT opened_at FROM cases");
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.sontinh@quangngai.dcs.vn", "<again.1@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'notice' AND case_id = 1"), 1);
	/* attached to its case, audited, no case opened, nothing flagged */
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " case_id = 1"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'resend_received' AND case_id = 1"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag IS"
	    " NULL"), 1);
	body = queued_body("notice");
	/* the day it was received, as the letters write dates */
	date = wording_date(opened, "Asia/Ho_Chi_Minh");	/* sample's */
	want = g_strdup_printf("tiếp nhận ngày %s với số hồ sơ %s", date,
	    number);
	g_free(date);
	ck_assert_msg(strstr(body, want) != NULL, "%s not in\n%s", want,
	    body);
	ck_assert_ptr_null(strstr(body, "gửi lại về hộp thư"));
	g_free(want);
	g_free(body);
	g_free(opened);
	g_free(number);
}
END_TEST

/* The same eToken request again (same file, new Message-ID) while its
 * case is worked: attached to it and answered once, no second case, no
 * second acknowledgement whose coordinator would be phoned again (e2e
 * finding 8); once the case is done, the same file is a new request. */
START_TEST(thread_etoken_resend_answered_once)
{
	char	*path, *body, *number, *want, *out = NULL, *err = NULL;

	test_ingest_sample("15-outlook-docx-etoken-recovery.eml");
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'ack'"), 1);
	number = test_text("SELECT number FROM cases");
	path = test_sample_variant("15-outlook-docx-etoken-recovery.eml",
	    "vanphong.ducpho@quangngai.dcs.vn", "<again.2@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'ack'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'notice' AND case_id = 1"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'resend_received' AND case_id = 1"), 1);
	body = queued_body("notice");
	want = g_strdup_printf("Văn bản đề nghị kèm theo thư đã được Văn phòng "
	    "Tỉnh ủy tiếp nhận ngày");
	ck_assert_msg(strstr(body, want) != NULL, "%s", body);
	ck_assert_ptr_nonnull(strstr(body, number));
	g_free(want);
	g_free(body);
	/* done: the same file is a new request */
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	path = test_sample_variant("15-outlook-docx-etoken-recovery.eml",
	    "vanphong.ducpho@quangngai.dcs.vn", "<again.3@example.vn>", 2);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'ack'"), 2);
	g_free(number);
}
END_TEST

/* Over the reply cap the same eToken request is still a resend: it goes
 * into the case it repeats, unanswered, not into a review case of its
 * own (trial 2, finding 3). */
START_TEST(thread_resend_over_the_cap_joins_its_case)
{
	char	*path, *text = NULL, *conf, *out = NULL, *err = NULL;
	GRegex	*re;

	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	re = g_regex_new("^max_replies_per_sender_per_day = .*$",
	    G_REGEX_MULTILINE, 0, NULL);
	conf = g_regex_replace_literal(re, text, -1, 0,
	    "max_replies_per_sender_per_day = 1", 0, NULL);
	g_regex_unref(re);
	g_free(text);
	text = conf;
	conf = g_build_filename(test_dir, "cap.conf", NULL);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	g_free(text);
	path = test_sample("15-outlook-docx-etoken-recovery.eml");
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", test_db, path, NULL), 0);
	g_free(path);
	g_free(out);
	g_free(err);
	path = test_sample_variant("15-outlook-docx-etoken-recovery.eml",
	    "vanphong.ducpho@quangngai.dcs.vn", "<capped.2@example.vn>", 1);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", test_db, path, NULL), 0);
	g_free(path);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " case_id = 1"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'resend_received' AND case_id = 1"), 1);
	/* the cap holds: the acknowledgement alone */
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), 1);
	g_free(conf);
}
END_TEST

/* The same list after its SIMs were activated and the case closed: the
 * notice says they were activated, not "being processed" (e2e finding
 * 5). */
START_TEST(thread_activated_list_sent_again)
{
	char	*path, *body, *number, *want, *out = NULL, *err = NULL;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = test_text("SELECT number FROM cases");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", number,
	    "--set", "activated", "-c", "samples/hotrocks.conf", "--db",
	    test_db, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE state ="
	    " 'done'"), 1);
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.sontinh@quangngai.dcs.vn", "<again.4@example.vn>", 3);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox WHERE purpose"
	    " = 'reject'"), 0);
	body = queued_body("notice");
	want = g_strdup_printf("với số hồ sơ %s; SIM ký số của các thuê bao "
	    "trong danh sách đã được kích hoạt; đơn vị không cần gửi lại.",
	    number);
	ck_assert_msg(strstr(body, want) != NULL, "%s", body);
	ck_assert_ptr_null(strstr(body, "đang được xử lý"));
	g_free(want);
	g_free(body);
	g_free(number);
}
END_TEST

/* A question with nothing attached, no case number and no reference,
 * from the sender of the one case being worked: filed in that case and
 * flagged, not a case of its own; the address's case is found whatever
 * the letters' case. */
START_TEST(thread_question_from_the_sender_of_one_case)
{
	char	*number, *out = NULL, *err = NULL;
	long	 outbox;

	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	outbox = test_count("SELECT count(*) FROM outbox");
	ingest_answer("Ban Tuyên giáo <BTG@QuangNgai.dcs.vn>",
	    "Hỏi tình hình xử lý danh sách kích hoạt SIM ký số", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " case_id = 1"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag ="
	    " 'reply_received'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'reply_received' AND case_id = 1 AND detail LIKE '%by"
	    " sender'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), outbox);
	/* case show names it at the office's time, as its other lines */
	number = test_text("SELECT number FROM cases WHERE id = 1");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, "\nreply     2024-05-10 09:00 +07 ") !=
	    NULL, "%s", out);
	g_free(out);
	g_free(err);
	g_free(number);
}
END_TEST

/* The same question when the sender has two cases being worked, or its
 * one case is done: a case for a person, as before. */
START_TEST(thread_question_from_a_sender_of_two_cases)
{
	char	*out = NULL, *err = NULL, *number;

	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	ingest_answer("btg@quangngai.dcs.vn", "Hỏi tiến độ", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 1);
	/* its case is closed: the next question is not filed there */
	number = test_text("SELECT number FROM cases WHERE id = 1");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	ingest_answer("btg@quangngai.dcs.vn", "Hỏi tiến độ lần 2", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE id = 2"
	    " AND state = 'review'"), 1);
	/* now two are worked (the list reopened, the question's case) */
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "reopen", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	ingest_answer("btg@quangngai.dcs.vn", "Hỏi tiến độ lần 3", NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 3);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE"
	    " detail LIKE '%by sender'"), 1);
	g_free(number);
}
END_TEST

/* An eToken recovery request rejected (unsigned, under a config that
 * asks for signatures), then accepted from another address naming the
 * same device: the new case supersedes the rejected message, as a
 * corrected list does; a request naming other devices does not. */
START_TEST(thread_etoken_request_supersedes_rejected_one)
{
	char	*conf, *text, *path, *out = NULL, *err = NULL, *sample;

	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	conf = g_strdup_printf("%s/strict.conf", test_dir);
	{
		char **parts = g_strsplit(text, "require_signature = false",
		    2);
		char *strict;

		ck_assert_ptr_nonnull(parts[1]);
		strict = g_strjoin("require_signature = true", parts[0],
		    parts[1], NULL);
		ck_assert(g_file_set_contents(conf, strict, -1, NULL));
		g_free(strict);
		g_strfreev(parts);
	}
	sample = test_sample_variant("15-outlook-docx-etoken-recovery.eml",
	    "vanphong.ducpho@quangngai.dcs.vn", "<first.15@example.vn>", 0);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", test_db, sample, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " kind = 'etoken_recovery' AND action = 'reject'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 0);
	/* another request, other devices: no link */
	test_ingest_sample("16-zimbra-xlsx-etoken-recovery-kv.eml");
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE"
	    " supersedes IS NOT NULL"), 0);
	/* the same devices, from the unit's other address */
	path = test_sample_variant("15-outlook-docx-etoken-recovery.eml",
	    "Văn phòng Thị ủy <thuyduchpho.vp@quangngai.dcs.vn>",
	    "<again.15@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases c JOIN"
	    " messages m ON m.id = c.supersedes WHERE m.action = 'reject'"
	    " AND m.kind = 'etoken_recovery'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'case_opened' AND detail LIKE '%supersedes message%'"), 1);
	g_free(sample);
	g_free(conf);
	g_free(text);
}
END_TEST

/* A case's number takes the office's year: a list received at 00:30 on
 * 1 January in Quảng Ngãi (17:30 UTC on 31 December) is the new year's
 * first, one received at 23:59 the evening before the old year's. */
START_TEST(thread_case_number_takes_the_office_year)
{
	struct utimbuf	 t;
	char		*path, *out = NULL, *err = NULL, *zip, *cmd;

	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.sontinh@quangngai.dcs.vn", "<eve@example.vn>", 0);
	t.actime = t.modtime = 1798736340;	/* 2026-12-31T16:59:00Z */
	ck_assert_int_eq(utime(path, &t), 0);
	test_ingest(path);
	g_free(path);
	path = test_sample_variant("02-thunderbird-xlsx-btg.eml",
	    "btg@quangngai.dcs.vn", "<newyear@example.vn>", 0);
	t.actime = t.modtime = 1798738200;	/* 17:30Z */
	ck_assert_int_eq(utime(path, &t), 0);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE number"
	    " = 'HT-2026-000001' AND from_addr = 'vanphong.sontinh@"
	    "quangngai.dcs.vn'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE number"
	    " = 'HT-2027-000001' AND from_addr = 'btg@quangngai.dcs.vn'"), 1);
	/* received_at stays the source's UTC time */
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " received_at = '2026-12-31T17:30:00Z'"), 1);
	/* a day typed is the office's: New Year's Day holds the 00:30
	 * list and not the 23:59 one, in the listing, the audit bundle and
	 * reprocess's choice, as the OPENED column and the report count */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--since",
	    "2027-01-01", "--until", "2027-01-01", "-c",
	    "samples/hotrocks.conf", "--db", test_db, NULL), 0);
	ck_assert_msg(strstr(out, "HT-2027-000001") != NULL &&
	    strstr(out, "HT-2026-000001") == NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--until",
	    "2026-12-31", "-c", "samples/hotrocks.conf", "--db", test_db,
	    NULL), 0);
	ck_assert_msg(strstr(out, "HT-2026-000001") != NULL &&
	    strstr(out, "HT-2027-000001") == NULL, "%s", out);
	g_free(out);
	g_free(err);
	zip = g_strdup_printf("%s/newyear.zip", test_dir);
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "export",
	    "--since", "2027-01-01", "--until", "2027-01-01", "-c",
	    "samples/hotrocks.conf", "--db", test_db, zip, NULL), 0);
	g_free(out);
	g_free(err);
	cmd = g_strdup_printf("sh -c \"unzip -l '%s' | grep -c"
	    " '/message.eml$'\"", zip);
	ck_assert(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
	ck_assert_str_eq(g_strstrip(out), "1");
	g_free(out);
	g_free(cmd);
	g_free(zip);
	ck_assert_int_eq(test_hotrocks(&out, &err, "reprocess", "--since",
	    "2027-01-01", "-c", "samples/hotrocks.conf", "--db", test_db,
	    NULL), 0);
	ck_assert_msg(strstr(out, "1 message") != NULL, "%s", out);
	g_free(out);
	g_free(err);
}
END_TEST

/* Letters are dated at the office's time, the same instant, in the
 * configured zone: the acknowledgement's Date: says the office's day,
 * not UTC's (trial 3). */
static const struct {
	const char	*zone;		/* NULL: the sample's own */
	const char	*offset;
} letter_zones[] = {
	{ NULL, "+0700" },
	{ "Asia/Tokyo", "+0900" },
	{ "America/New_York", "-0500" },	/* standard time in December */
	{ "UTC", "+0000" },
};

START_TEST(thread_letters_dated_in_the_office_zone)
{
	char		*text, **parts, *conf, *zone, *path, *raw, *line, *err;
	char		*created;
	GDateTime	*at, *d;
	gint64		 date;
	int		 off;

	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	parts = g_strsplit(text, "timezone = Asia/Ho_Chi_Minh", 2);
	ck_assert_uint_eq(g_strv_length(parts), 2);
	zone = g_strdup_printf("timezone = %s", letter_zones[_i].zone ?
	    letter_zones[_i].zone : "Asia/Ho_Chi_Minh");
	g_free(text);
	text = g_strjoinv(zone, parts);
	conf = g_build_filename(test_dir, "h.conf", NULL);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.sontinh@quangngai.dcs.vn", "<zone@example.vn>", 0);
	err = NULL;
	ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q", "-c", conf,
	    "--db", test_db, path, NULL), 0);
	g_free(err);
	raw = test_text("SELECT raw FROM outbox WHERE purpose = 'ack'");
	ck_assert_ptr_nonnull(raw);
	ck_assert(g_str_has_prefix(raw, "Date: "));
	line = g_strndup(raw, strcspn(raw, "\r\n"));
	ck_assert_msg(g_str_has_suffix(line, letter_zones[_i].offset), "%s",
	    line);
	/* the same instant as the store's time of the letter */
	d = g_mime_utils_header_decode_date(line + 6);
	ck_assert_ptr_nonnull(d);
	date = g_date_time_to_unix(d);
	off = (int)(g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE);
	g_date_time_unref(d);
	created = test_text("SELECT created_at FROM outbox WHERE purpose ="
	    " 'ack'");
	at = g_date_time_new_from_iso8601(created, NULL);
	ck_assert_ptr_nonnull(at);
	ck_assert_int_eq(date, g_date_time_to_unix(at));
	ck_assert_int_eq(off, (letter_zones[_i].offset[0] == '-' ? -1 : 1) *
	    (atoi(letter_zones[_i].offset + 1) / 100 * 60 +
	    atoi(letter_zones[_i].offset + 1) % 100));
	g_date_time_unref(at);
	g_free(created);
	g_free(line);
	g_free(raw);
	g_free(path);
	g_free(conf);
	g_free(zone);
	g_free(text);
	g_strfreev(parts);
}
END_TEST


/* A unit writing with another unit's case number (blind set 7, 16a):
 * the registry says whose the sender is, and it is neither the case
 * sender's unit nor its letterhead's, so the number does not thread it.
 * Filed in its own one case being worked (by sender), else a case for a
 * person; the other unit's case is left unflagged, and the audit says
 * why. */
START_TEST(thread_another_units_case_number)
{
	char	*number, *subject;
	long	 outbox;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	test_ingest_sample("03-zimbra-xlsx-binhson.eml");
	units_import("name,addresses,cert_org\n"
	    "\"Huyện ủy Sơn Tịnh\",vanphong.sontinh@quangngai.dcs.vn,"
	    "\"HUYỆN ỦY SƠN TỊNH\"\n"
	    "\"Huyện ủy Bình Sơn\",hu.binhson@quangngai.dcs.vn,"
	    "\"HUYỆN ỦY BÌNH SƠN\"\n"
	    "\"Huyện ủy Sơn Hà\",vanphong.sonha@quangngai.dcs.vn,"
	    "\"HUYỆN ỦY SƠN HÀ\"\n");
	number = test_text("SELECT number FROM cases WHERE from_addr ="
	    " 'vanphong.sontinh@quangngai.dcs.vn'");
	ck_assert_ptr_nonnull(number);
	outbox = test_count("SELECT count(*) FROM outbox");
	subject = g_strdup_printf("Re: [%s] Hỏi tiến độ kích hoạt SIM",
	    number);
	/* Bình Sơn, with one case being worked: filed there */
	ingest_answer("hu.binhson@quangngai.dcs.vn", subject, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag"
	    " IS NOT NULL AND from_addr = 'vanphong.sontinh@quangngai.dcs.vn'"),
	    0);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages m JOIN"
	    " cases c ON c.id = m.case_id WHERE m.from_addr ="
	    " 'hu.binhson@quangngai.dcs.vn' AND c.from_addr = m.from_addr"),
	    2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag ="
	    " 'reply_received' AND from_addr = 'hu.binhson@quangngai.dcs.vn'"),
	    1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit a JOIN cases"
	    " c ON c.id = a.case_id WHERE a.event = 'reply_received' AND"
	    " c.from_addr = 'hu.binhson@quangngai.dcs.vn' AND a.detail LIKE"
	    " '%by sender%another unit%'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM outbox"), outbox);
	/* Sơn Hà, with no case: a case of its own for a person */
	ingest_answer("vanphong.sonha@quangngai.dcs.vn", subject, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 3);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE"
	    " from_addr = 'vanphong.sonha@quangngai.dcs.vn' AND state ="
	    " 'review'"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag"
	    " IS NOT NULL AND from_addr = 'vanphong.sontinh@quangngai.dcs.vn'"),
	    0);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE event ="
	    " 'received' AND detail LIKE '%another unit%'"), 1);
	g_free(subject);
	g_free(number);
}
END_TEST

/* The same question from the case's own unit, by an address the case
 * did not come from (the registry ties it to the letterhead), or from an
 * address the registry does not know (a second clerk): threaded by the
 * number, as before. */
START_TEST(thread_own_units_case_number_from_another_address)
{
	char	*number, *subject;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	test_ingest_sample("03-zimbra-xlsx-binhson.eml");
	units_import("name,addresses,cert_org\n"
	    "\"Huyện ủy Sơn Tịnh\",tonghop.sontinh@quangngai.dcs.vn,"
	    "\"HUYỆN ỦY SƠN TỊNH\"\n"
	    "\"Huyện ủy Bình Sơn\",hu.binhson@quangngai.dcs.vn,"
	    "\"HUYỆN ỦY BÌNH SƠN\"\n");
	number = test_text("SELECT number FROM cases WHERE from_addr ="
	    " 'vanphong.sontinh@quangngai.dcs.vn'");
	ck_assert_ptr_nonnull(number);
	subject = g_strdup_printf("Re: [%s] Hỏi tiến độ kích hoạt SIM",
	    number);
	ingest_answer("tonghop.sontinh@quangngai.dcs.vn", subject, NULL);
	ingest_answer("nguyenthihoa@quangngai.dcs.vn", subject, NULL);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages m JOIN"
	    " cases c ON c.id = m.case_id WHERE c.from_addr ="
	    " 'vanphong.sontinh@quangngai.dcs.vn'"), 3);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit a JOIN cases"
	    " c ON c.id = a.case_id WHERE a.event = 'reply_received' AND"
	    " c.from_addr = 'vanphong.sontinh@quangngai.dcs.vn' AND a.detail"
	    " LIKE '%by subject'"), 2);
	ck_assert_int_eq(test_count("SELECT count(*) FROM audit WHERE detail"
	    " LIKE '%another unit%'"), 0);
	g_free(subject);
	g_free(number);
}
END_TEST

Suite *
thread_suite(void)
{
	Suite	*s = suite_create("thread");
	TCase	*tc = tcase_create("ingest");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, test_store_teardown);
	tcase_add_test(tc, thread_case_number_in_subject);
	tcase_add_test(tc, thread_flag_shows_in_cases);
	tcase_add_test(tc, thread_references_our_message);
	tcase_add_test(tc, thread_answer_from_cuc_never_answered);
	tcase_add_test(tc, thread_corrected_list_supersedes_rejected);
	tcase_add_test(tc, thread_corrected_list_window_and_unit);
	tcase_add_test(tc, thread_resend_notice_has_existing_date);
	tcase_add_test(tc, thread_etoken_resend_answered_once);
	tcase_add_test(tc, thread_resend_over_the_cap_joins_its_case);
	tcase_add_test(tc, thread_activated_list_sent_again);
	tcase_add_test(tc, thread_question_from_the_sender_of_one_case);
	tcase_add_test(tc, thread_question_from_a_sender_of_two_cases);
	tcase_add_test(tc, thread_another_units_case_number);
	tcase_add_test(tc, thread_own_units_case_number_from_another_address);
	tcase_add_test(tc, thread_etoken_request_supersedes_rejected_one);
	tcase_add_test(tc, thread_case_number_takes_the_office_year);
	tcase_add_loop_test(tc, thread_letters_dated_in_the_office_zone, 0,
	    G_N_ELEMENTS(letter_zones));
	suite_add_tcase(s, tc);
	return (s);
}
