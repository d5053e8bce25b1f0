/* check-bounce.c: delivery status notifications (RFC 3464) for our own
 * mail: dsn_scan's table (where the Message-ID and the reason are found,
 * and what it must not take), and a DSN through `hotrocks ingest` that
 * marks the sent reply bounced with the remote reason, flags its case and
 * is never answered. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/dsn.h"
#include "intake/store.h"
#include "outbox/queue.h"
#include "tests/unit/testlib.h"

static const struct {
	const char	*raw;
	const char	*ids;		/* space-separated, "" for none */
	const char	*reason;	/* NULL: none */
	bool		 kept;		/* returns nothing: delayed … */
} scans[] = {
	/* The DSN's own Message-ID is not what it returns. */
	{ "Message-ID: <dsn@mta>\r\n\r\nno report\r\n", "", NULL, false },
	/* A returned message, folded Diagnostic-Code. */
	{ "Message-ID: <dsn@mta>\n\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550"
	  " 5.1.1 <u@x>: Recipient\n    rejected: unknown\n\n"
	  "Message-ID:\n <ours.1@hotrocks>\n",
	  "<ours.1@hotrocks>",
	  "smtp; 550 5.1.1 <u@x>: Recipient rejected: unknown", false },
	/* text/rfc822-headers, Original-Message-ID, only a Status. */
	{ "Subject: x\r\n\r\nStatus: 4.4.7\r\n"
	  "Original-Message-ID: <ours.2@hotrocks>\r\n"
	  "message-id: <ours.2@hotrocks>\r\nmessage-id: <ours.3@hotrocks>\r\n",
	  "<ours.2@hotrocks> <ours.3@hotrocks>", "Status: 4.4.7", false },
	/* Not an ID: no angle brackets, or nothing in them. */
	{ "\nMessage-ID: ours.4@hotrocks\nMessage-ID: <>\n", "", NULL,
	  false },
	/* Only delayed (RFC 3464 2.3.3): it returns nothing; one failed
	 * recipient among delayed ones returns the message. */
	{ "Subject: Delayed Mail\n\nAction: delayed\nStatus: 4.4.1\n\n"
	  "Message-ID: <ours.5@hotrocks>\n", "<ours.5@hotrocks>",
	  "Status: 4.4.1", true },
	{ "Subject: x\n\nAction: delayed\nStatus: 4.4.1\n\nAction:\n"
	  " Failed\nStatus: 5.1.1\n\nMessage-ID: <ours.6@hotrocks>\n",
	  "<ours.6@hotrocks>", "Status: 4.4.1", false },
};

START_TEST(dsn_scan_table)
{
	char	**ids, *reason, *joined;
	bool	  failed;

	dsn_scan(scans[_i].raw, strlen(scans[_i].raw), &ids, &reason,
	    &failed);
	ck_assert(failed == !scans[_i].kept);
	joined = g_strjoinv(" ", ids);
	ck_assert_str_eq(joined, scans[_i].ids);
	if (scans[_i].reason == NULL)
		ck_assert_ptr_null(reason);
	else
		ck_assert_str_eq(reason, scans[_i].reason);
	g_free(joined);
	g_strfreev(ids);
	g_free(reason);
}
END_TEST

/* A DSN listing a hundred IDs keeps DSN_MAX_IDS; a reason a megabyte
 * long keeps DSN_MAX_REASON bytes. */
START_TEST(dsn_scan_bounded)
{
	GString	*s = g_string_new("\n");
	char	**ids, *reason;
	bool	  failed;

	for (int i = 0; i < 100; i++)
		g_string_append_printf(s, "Message-ID: <%d@x>\n", i);
	g_string_append(s, "Diagnostic-Code: ");
	for (int i = 0; i < (1 << 20); i++)
		g_string_append_c(s, 'a');
	g_string_append_c(s, '\n');
	dsn_scan(s->str, s->len, &ids, &reason, &failed);
	ck_assert_uint_eq(g_strv_length(ids), DSN_MAX_IDS);
	ck_assert_uint_eq(strlen(reason), DSN_MAX_REASON);
	g_strfreev(ids);
	g_free(reason);
	g_string_free(s, TRUE);
}
END_TEST

static char	*tmpdir;

static void
setup(void)
{
	tmpdir = g_dir_make_tmp("hr-bounce-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

static long long
count(struct db *db, const char *sql)
{
	sqlite3_stmt	*st = db_prepare(db, sql, NULL);
	long long	 v;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

/* The letter a bounce returns: an acknowledgement, whose case goes to
 * review; a rejection, whose message had no case: one is opened in
 * review, so a person tells the unit its list was refused (e2e finding
 * 18). */
static const struct {
	const char	*sample, *purpose;
	bool		 delayed;	/* "Action: delayed": none bounced */
} bounced[] = {
	{ "01-outlook-docx-sontinh.eml", "ack", false },
	{ "05-zimbra-docx-row-errors.eml", "reject", false },
	{ "01-outlook-docx-sontinh.eml", "ack", true },
};

/* A letter sent, then the unit's server bounces it: the item is bounced
 * with the Diagnostic-Code, a case is in review with a "flagged" entry,
 * nothing is queued for the DSN, and the same DSN again changes
 * nothing. A report that the letter is only delayed changes nothing
 * either (blind set 7, 17a). */
START_TEST(bounce_of_our_reply_through_ingest)
{
	const char	*samples = getenv("HOTROCKS_SAMPLES");
	char		*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*src, *dsn, *text, *err = NULL, *cause = NULL;
	char		*mid = NULL, **parts;
	struct db	*st;
	struct queue_item *v;
	size_t		 n;
	long long	 queued;

	if (samples == NULL)
		samples = "build/samples";
	ck_assert(g_file_set_contents(conf, "[rules]\nrequire_signature ="
	    " false\n", -1, NULL));
	src = g_build_filename(samples, bounced[_i].sample, NULL);
	ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q", "-c",
	    conf, "--db", db, src, NULL), 0);
	g_free(src);
	g_free(err);

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(queue_list(st, "queued", &v, &n, &cause), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].purpose, bounced[_i].purpose) != 0)
			continue;
		ck_assert_int_eq(queue_mark_sending(st, v[i].id, 1714636800,
		    &cause), 0);
		ck_assert_int_eq(queue_mark_sent(st, v[i].id, 1714636800,
		    &cause), 0);
		mid = g_strdup(v[i].message_id);
	}
	queue_items_free(v, n);
	ck_assert_ptr_nonnull(mid);
	queued = count(st, "SELECT count(*) FROM outbox");
	db_close(st);

	/* The sample bounce, returning our acknowledgement. */
	src = g_build_filename(samples, "09-postfix-bounce.eml", NULL);
	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	parts = g_strsplit(text, "<hotrocks.20240503.0007@quangngai.dcs.vn>",
	    -1);
	ck_assert_uint_eq(g_strv_length(parts), 2);
	g_free(text);
	text = g_strjoinv(mid, parts);
	if (bounced[_i].delayed) {
		g_strfreev(parts);
		parts = g_strsplit(text, "Action: failed", -1);
		ck_assert_uint_eq(g_strv_length(parts), 2);
		g_free(text);
		text = g_strjoinv("Action: delayed", parts);
	}
	dsn = g_build_filename(tmpdir, "dsn.eml", NULL);
	ck_assert(g_file_set_contents(dsn, text, -1, NULL));
	for (int pass = 0; pass < 2; pass++) {
		err = NULL;
		ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q",
		    "-c", conf, "--db", db, dsn, NULL), 0);
		g_free(err);
	}

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM outbox"), queued);
	if (bounced[_i].delayed) {
		/* a delay notice: recorded, answered never, the letter still
		 * sent and its case untouched */
		ck_assert_int_eq(count(st, "SELECT count(*) FROM outbox WHERE"
		    " state = 'bounced'"), 0);
		ck_assert_int_eq(count(st, "SELECT count(*) FROM cases WHERE"
		    " state = 'review' OR flag IS NOT NULL"), 0);
		ck_assert_int_eq(count(st, "SELECT count(*) FROM messages"
		    " WHERE kind = 'bounce' AND action = 'ignore'"), 1);
		goto done;
	}
	ck_assert_int_eq(count(st, "SELECT count(*) FROM outbox WHERE state ="
	    " 'bounced' AND last_error = 'smtp; 550 5.1.1"
	    " <vp.minhlong@quangngai.gov.vn>: Recipient address rejected:"
	    " User unknown in virtual mailbox table'"), 1);
	/* the case of the message the letter answered, in review */
	ck_assert_int_eq(count(st, "SELECT count(*) FROM cases c JOIN messages"
	    " m ON m.case_id = c.id JOIN outbox o ON o.msg_id = m.id WHERE"
	    " o.state = 'bounced' AND c.state = 'review' AND c.flag LIKE"
	    " '%bounced%'"), 1);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM audit WHERE event ="
	    " 'flagged'"), 1);
	/* the acknowledged case moved from open, as every move, in the
	 * audit trail; the rejection's was opened in review */
	ck_assert_int_eq(count(st, "SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed' AND detail LIKE '% -> review: %bounced%'"),
	    _i == 0);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM audit WHERE event ="
	    " 'bounced'"), 1);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM messages WHERE"
	    " kind = 'bounce' AND action = 'ignore'"), 1);
done:
	db_close(st);
	g_strfreev(parts);
	g_free(text);
	g_free(src);
	g_free(dsn);
	g_free(mid);
	g_free(db);
	g_free(conf);
}
END_TEST

/* The case a bounced rejection opens takes the office's year of the
 * rejected list's receipt, as every case does: a list received at 00:30
 * on 1 January in Quảng Ngãi (17:30 UTC on 31 December) is HT-2027-…,
 * in a zone where it is still 31 December HT-2026-…. */
static const struct {
	const char	*conf;
	const char	*number;
} new_year[] = {
	{ "", "HT-2027-000001" },	/* the default, Asia/Ho_Chi_Minh */
	{ "[mailbox]\ntimezone = Asia/Tokyo\n", "HT-2027-000001" },
	{ "[mailbox]\ntimezone = UTC\n", "HT-2026-000001" },
};

START_TEST(bounce_of_a_rejection_opens_its_case_in_the_office_year)
{
	const char	*samples = getenv("HOTROCKS_SAMPLES");
	char		*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*list = g_build_filename(tmpdir, "list.eml", NULL);
	char		*src, *dsn, *text, *err = NULL, *cause = NULL, *c;
	char		*mid = NULL, **parts, *sql;
	struct utimbuf	 t;
	struct db	*st;
	struct queue_item *v;
	size_t		 n;

	if (samples == NULL)
		samples = "build/samples";
	c = g_strdup_printf("%s[rules]\nrequire_signature = false\n",
	    new_year[_i].conf);
	ck_assert(g_file_set_contents(conf, c, -1, NULL));
	g_free(c);
	src = g_build_filename(samples, "05-zimbra-docx-row-errors.eml",
	    NULL);
	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	ck_assert(g_file_set_contents(list, text, -1, NULL));
	g_free(text);
	g_free(src);
	t.actime = t.modtime = 1798738200;	/* 2026-12-31T17:30:00Z */
	ck_assert_int_eq(utime(list, &t), 0);
	ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q", "-c",
	    conf, "--db", db, list, NULL), 0);
	g_free(err);

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM messages WHERE"
	    " received_at = '2026-12-31T17:30:00Z' AND action = 'reject'"),
	    1);
	ck_assert_int_eq(queue_list(st, "queued", &v, &n, &cause), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].purpose, "reject") != 0)
			continue;
		ck_assert_int_eq(queue_mark_sending(st, v[i].id, 1798738260,
		    &cause), 0);
		ck_assert_int_eq(queue_mark_sent(st, v[i].id, 1798738260,
		    &cause), 0);
		mid = g_strdup(v[i].message_id);
	}
	queue_items_free(v, n);
	ck_assert_ptr_nonnull(mid);
	db_close(st);

	src = g_build_filename(samples, "09-postfix-bounce.eml", NULL);
	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	parts = g_strsplit(text, "<hotrocks.20240503.0007@quangngai.dcs.vn>",
	    -1);
	g_free(text);
	text = g_strjoinv(mid, parts);
	dsn = g_build_filename(tmpdir, "dsn.eml", NULL);
	ck_assert(g_file_set_contents(dsn, text, -1, NULL));
	ck_assert_int_eq(test_hotrocks(NULL, &err, "ingest", "-q", "-c",
	    conf, "--db", db, dsn, NULL), 0);
	g_free(err);

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	sql = g_strdup_printf("SELECT count(*) FROM cases c JOIN messages m"
	    " ON m.case_id = c.id WHERE c.number = '%s' AND c.state ="
	    " 'review' AND m.action = 'reject'", new_year[_i].number);
	ck_assert_msg(count(st, sql) == 1, "no %s", new_year[_i].number);
	ck_assert_int_eq(count(st, "SELECT count(*) FROM cases"), 1);
	db_close(st);
	g_free(sql);
	g_strfreev(parts);
	g_free(text);
	g_free(src);
	g_free(dsn);
	g_free(mid);
	g_free(list);
	g_free(db);
	g_free(conf);
}
END_TEST

Suite *
bounce_suite(void)
{
	Suite	*s = suite_create("bounce");
	TCase	*tc;

	tc = tcase_create("dsn");
	tcase_add_loop_test(tc, dsn_scan_table, 0, G_N_ELEMENTS(scans));
	tcase_add_test(tc, dsn_scan_bounded);
	suite_add_tcase(s, tc);

	tc = tcase_create("ingest");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, bounce_of_our_reply_through_ingest, 0,
	    G_N_ELEMENTS(bounced));
	tcase_add_loop_test(tc,
	    bounce_of_a_rejection_opens_its_case_in_the_office_year, 0,
	    G_N_ELEMENTS(new_year));
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return (s);
}
