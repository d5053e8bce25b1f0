/* check-cli.c: the hotrocks command as a user runs it: ingest twice adds
 * nothing, inspect --db sees what was recorded, cases and case show read
 * the store, a bad config names file, line and key. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "intake/config.h"
#include "tests/unit/testlib.h"

static char	*tmpdir;

/* How many times needle occurs in s. */
static int
occurrences(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return (n);
}

static long
count(const char *db, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long		 n = -1;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (n);
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
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

START_TEST(cli_ingest_twice_adds_nothing)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*out, *err;
	long	 msgs, cases, outbox, audit;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	ck_assert_msg(strstr(out, "queued") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	msgs = count(db, "SELECT count(*) FROM messages");
	cases = count(db, "SELECT count(*) FROM cases");
	outbox = count(db, "SELECT count(*) FROM outbox");
	audit = count(db, "SELECT count(*) FROM audit");
	ck_assert_int_gt(msgs, 5);
	ck_assert_int_gt(cases, 0);
	ck_assert_int_gt(outbox, 0);

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	ck_assert_msg(strstr(out, " 0 queued, 0 rejected") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"), msgs);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM cases"), cases);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), outbox);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit"), audit);
	g_free(db);
}
END_TEST

/* The same message saved by a mail client with LF line ends, and held
 * by the server with CRLF (e2e trial 5, finding 1): one message, one
 * answer, whichever comes first; a record an older hotrocks keyed by the
 * body's bytes as they came is recognised too. */
START_TEST(cli_copy_with_other_line_endings_is_the_same_message)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*src = g_build_filename(test_samples_dir(),
			    "01-outlook-docx-sontinh.eml", NULL);
	char		*lf = g_build_filename(tmpdir, "lf.eml", NULL);
	char		*crlf = g_build_filename(tmpdir, "crlf.eml", NULL);
	char		*raw, *out, *err, **lines, *joined;
	/* 0: the LF file first, 1: the CRLF copy first, 2: an older
	 * record of the LF file */
	const char	*first = _i == 1 ? crlf : lf;
	const char	*second = _i == 1 ? lf : crlf;
	gsize		 len;

	ck_assert(g_file_get_contents(src, &raw, &len, NULL));
	ck_assert_ptr_nonnull(strstr(raw, "\r\n"));
	lines = g_strsplit(raw, "\r\n", -1);
	joined = g_strjoinv("\n", lines);
	ck_assert(g_file_set_contents(lf, joined, -1, NULL));
	ck_assert(g_file_set_contents(crlf, raw, (gssize)len, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, first, NULL), 0);
	ck_assert_msg(strstr(out, "1 queued") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	if (_i == 2) {
		/* as an older hotrocks recorded the LF file: the key of its
		 * body as it came; then the same file but for one trace
		 * header */
		sqlite3		*h;
		const char	*body = strstr(joined, "\n\n") + 2;
		char		*key, *sql, *t;

		key = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
		    (const guchar *)body, strlen(body));
		ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
		sql = sqlite3_mprintf("UPDATE messages SET content_key = %Q",
		    key);
		ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		sqlite3_free(sql);
		sqlite3_close(h);
		g_free(key);
		t = g_strconcat("Received: by mx2; Thu, 2 May 2024 08:01:00 "
		    "+0700\n", joined, NULL);
		ck_assert(g_file_set_contents(crlf, t, -1, NULL));
		g_free(t);
		second = crlf;
	}
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, second, NULL), 0);
	ck_assert_msg(strstr(out, "0 queued") != NULL &&
	    strstr(out, "1 already recorded") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), 2);
	g_strfreev(lines);
	g_free(joined);
	g_free(raw);
	g_free(lf);
	g_free(crlf);
	g_free(src);
	g_free(db);
}
END_TEST

/* A second delivery adds trace headers; it is the same message. */
START_TEST(cli_second_delivery_with_trace_headers_is_ignored)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*src = g_build_filename(test_samples_dir(),
			    "01-outlook-docx-sontinh.eml", NULL);
	char		*copy = g_build_filename(tmpdir, "again.eml", NULL);
	char		*raw, *twice, *out, *err;
	gsize		 len;

	ck_assert(g_file_get_contents(src, &raw, &len, NULL));
	twice = g_strconcat("Return-Path: <vanphong.sontinh@quangngai."
	    "dcs.vn>\r\nDelivered-To: hotrocks@quangngai.dcs.vn\r\n"
	    "Received: from mx2.quangngai.dcs.vn by mail.quangngai.dcs.vn; "
	    "Thu, 2 May 2024 08:01:00 +0700\r\n", raw, NULL);
	ck_assert(g_file_set_contents(copy, twice, -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, src, NULL), 0);
	ck_assert_msg(strstr(out, "1 queued") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, copy, NULL), 0);
	ck_assert_msg(strstr(out, "0 queued") != NULL &&
	    strstr(out, "1 already recorded") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), 2);
	/* the second copy is in the audit trail, not a file no record
	 * names: the archive holds the one message (trial 2, 5) */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE event ="
	    " 'duplicate_received' AND detail LIKE '%again.eml%'"), 1);
	{
		char		*arch = g_build_filename(tmpdir, "archive",
				    NULL);
		GDir		*top = g_dir_open(arch, 0, NULL);
		const char	*sub, *f;
		int		 files = 0;

		ck_assert_ptr_nonnull(top);
		while ((sub = g_dir_read_name(top)) != NULL) {
			char *p = g_build_filename(arch, sub, NULL);
			GDir *d = strcmp(sub, "blobs") != 0 ?
			    g_dir_open(p, 0, NULL) : NULL;

			while (d != NULL && (f = g_dir_read_name(d)) != NULL)
				files += g_str_has_suffix(f, ".eml");
			if (d != NULL)
				g_dir_close(d);
			g_free(p);
		}
		g_dir_close(top);
		g_free(arch);
		ck_assert_int_eq(files, 1);
	}
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "verify", "-c",
	    "samples/hotrocks.conf", "--db", db, NULL), 0);
	g_free(out);
	g_free(err);
	/* the very same bytes again are the record's own file: kept */
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, src, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "verify", "-c",
	    "samples/hotrocks.conf", "--db", db, NULL), 0);
	g_free(out);
	g_free(err);
	g_free(raw);
	g_free(twice);
	g_free(copy);
	g_free(src);
	g_free(db);
}
END_TEST

START_TEST(cli_inspect_with_db_shows_processed_as_ignore)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*out, *err, *file = NULL;
	GDir		*d = g_dir_open(test_samples_dir(), 0, NULL);
	const char	*name;

	ck_assert_ptr_nonnull(d);
	/* The first sample the demo queues. */
	while ((name = g_dir_read_name(d)) != NULL && file == NULL) {
		char *p = g_build_filename(test_samples_dir(), name, NULL);

		if (g_str_has_suffix(name, ".eml") &&
		    test_hotrocks(&out, &err, "inspect", "-c",
		    "samples/hotrocks.conf", "--json", p, NULL) == 0 &&
		    strstr(out, "\"action\":\"queue\"") != NULL)
			file = g_strdup(p);
		else if (!g_str_has_suffix(name, ".eml"))
			out = err = NULL;
		g_free(out);
		g_free(err);
		g_free(p);
	}
	g_dir_close(d);
	ck_assert_msg(file != NULL, "no queued sample");
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, file, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "-c",
	    "samples/hotrocks.conf", "--db", db, "--json", file, NULL), 0);
	ck_assert_msg(strstr(out, "\"action\":\"ignore\"") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	/* inspect wrote nothing */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"), 1);
	g_free(file);
	g_free(db);
}
END_TEST

START_TEST(cli_cases_and_case_show)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*out, *err, *number;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db,
	    "--json", NULL), 0);
	ck_assert_msg(strstr(out, "\"number\":\"HT-") != NULL, "%s", out);
	number = g_strndup(strstr(out, "HT-"), 14);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, number) != NULL && strstr(out, "audit") !=
	    NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "--db", db, "--note", "đã chuyển Cục", "--by", "nga", NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, "(done)") != NULL &&
	    strstr(out, "đã chuyển Cục") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show",
	    "HT-1999-999999", "--db", db, NULL), EX_UNAVAILABLE);
	g_free(out);
	g_free(err);
	g_free(number);
	g_free(db);
}
END_TEST

START_TEST(cli_bad_config_names_file_line_and_key)
{
	char	*conf = g_build_filename(tmpdir, "bad.conf", NULL);
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*out, *err;

	ck_assert(g_file_set_contents(conf, "[rules]\n# c\n"
	    "require_signature = maybe\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "-c", conf, "--db",
	    db, NULL), EX_CONFIG);
	ck_assert_msg(strstr(err, "bad.conf:3:") != NULL &&
	    strstr(err, "require_signature") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert(g_file_set_contents(conf, "[rules]\nrequire_signatur = "
	    "true\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "-c", conf, "--db",
	    db, NULL), EX_CONFIG);
	ck_assert_msg(strstr(err, "bad.conf:2:") != NULL &&
	    strstr(err, "unknown key 'require_signatur'") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(conf);
	g_free(db);
}
END_TEST

START_TEST(cli_usage_and_help)
{
	char *out, *err, *db = g_build_filename(tmpdir, "h.db", NULL);

	ck_assert_int_eq(test_hotrocks(&out, &err, NULL), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "--help", NULL),
	    0);
	ck_assert_msg(strstr(out, "usage: hotrocks") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	/* a command's --help is that command's entries, not every
	 * command's (trial 2): an auditor reading report's */
	ck_assert_int_eq(test_hotrocks(&out, &err, "report", "--help", NULL),
	    0);
	ck_assert_msg(strstr(out, "\n  report [--period ") != NULL &&
	    strstr(out, "\n  report --html ") != NULL &&
	    strstr(out, "\n  ingest ") == NULL && strstr(out, "Every "
	    "command: hotrocks --help;") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "export", "--help",
	    NULL), 0);
	ck_assert_msg(strstr(out, "\n  audit export ") != NULL &&
	    strstr(out, "\n  case ") == NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "frobnicate", "--db", db,
	    NULL), EX_USAGE);
	ck_assert_msg(strstr(err, "unknown command") != NULL, "%s", err);
	ck_assert(!g_file_test(db, G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect",
	    "/nonexistent.eml", NULL), EX_NOINPUT);
	g_free(out);
	g_free(err);
	g_free(db);
}
END_TEST

/* --help and hotrocks(1) say what sign and verify really take (finding
 * 12 of the e2e trial): a PDF too, --at and --pkcs7 for sign. */
START_TEST(cli_help_and_man_say_sign_and_verify_take_pdf)
{
	char	*out, *err, *man, *sign, *verify, *end;

	ck_assert_int_eq(test_hotrocks(&out, &err, "--help", NULL), 0);
	sign = strstr(out, "\n  sign ");
	ck_assert_ptr_nonnull(sign);
	end = strstr(sign + 1, "\n  units ");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	ck_assert_msg(strstr(sign, "[--at TIME]") != NULL &&
	    strstr(sign, "[--pkcs7]") != NULL && strstr(sign, "PDF") != NULL,
	    "%.400s", sign);
	*end = '\n';
	verify = strstr(out, "\n  verify ");
	ck_assert_ptr_nonnull(verify);
	end = strstr(verify + 1, "\n  sign ");
	*end = '\0';
	ck_assert_msg(strstr(verify, "PDF") != NULL, "%.400s", verify);
	*end = '\n';
	g_free(out);
	g_free(err);

	ck_assert(g_file_get_contents("man/hotrocks.1", &man, NULL, NULL));
	sign = strstr(man, "\n.It Cm sign ");
	ck_assert_ptr_nonnull(sign);
	end = strstr(sign + 1, "\n.It Cm units ");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	ck_assert_msg(strstr(sign, "Fl -at") != NULL &&
	    strstr(sign, "Fl -pkcs7") != NULL && strstr(sign, "PDF") != NULL &&
	    strstr(sign, "PAdES") != NULL, "%.400s", sign);
	*end = '\n';
	verify = strstr(man, "\n.It Cm verify ");
	ck_assert_ptr_nonnull(verify);
	end = strstr(verify + 1, "\n.It Cm sign ");
	*end = '\0';
	ck_assert_msg(strstr(verify, "PDF") != NULL, "%.400s", verify);
	g_free(man);
}
END_TEST

/* Rejected messages open no case, but staff can still find them. */
START_TEST(cli_messages_lists_rejected_ones)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*out, *err;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    "--action", "reject", "--json", NULL), 0);
	ck_assert_msg(strstr(out, "\"action\":\"reject\"") != NULL &&
	    strstr(out, "\"action\":\"queue\"") == NULL &&
	    strstr(out, "\"case\":null") != NULL &&
	    strstr(out, "\"replies\":1") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    "--action", "maybe", NULL), EX_USAGE);
	g_free(out);
	g_free(err);
	g_free(db);
}
END_TEST

/* messages costs the store, not its square: it counted each message's
 * replies by reading the whole outbox (outbox.msg_id has no index), so
 * 5,000 messages and their acknowledgements took 3 minutes. A year's
 * mail, here 8,000 of each written by SQL; the timeout is the assertion. */
#define BUSY_STORE	8000
START_TEST(cli_messages_of_a_busy_store_is_bounded)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*file = g_build_filename(test_samples_dir(),
		    "01-outlook-docx-sontinh.eml", NULL);
	char	*out, *err, *sql;
	sqlite3	*h;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, file, NULL), 0);
	g_free(out);
	g_free(err);
	sql = g_strdup_printf("BEGIN;"
	    " WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
	    " WHERE i < %d) INSERT INTO messages (source, origin, message_id,"
	    " sha256, content_key, from_addr, subject, received_at, kind,"
	    " action, contract_json) SELECT 'file', '/in/busy.eml',"
	    " printf('<busy-%%d@example.vn>', i), printf('busy-%%d', i),"
	    " printf('busy-%%d', i), 'vanphong@example.vn', 'Hỏi tiến độ',"
	    " '2024-06-01T00:00:00Z', 'unknown', 'manual', '{\"contract\":1}'"
	    " FROM k;"
	    " INSERT INTO outbox (message_id, purpose, rcpt, raw, state,"
	    " next_attempt_at, created_at, msg_id) SELECT '<ack.' || id ||"
	    " '@example.vn>', 'ack', from_addr, hex(randomblob(1500)), 'sent',"
	    " received_at, received_at, id FROM messages WHERE origin ="
	    " '/in/busy.eml';"
	    " COMMIT;", BUSY_STORE);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	g_free(sql);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox"), BUSY_STORE +
	    count(db, "SELECT count(*) FROM outbox WHERE msg_id = 1"));

	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    "--json", NULL), 0);
	ck_assert_int_eq(occurrences(out, "\"message_id\":\"<busy-"),
	    BUSY_STORE);
	ck_assert_int_ge(occurrences(out, "\"replies\":1,"), BUSY_STORE);
	g_free(out);
	g_free(err);
	g_free(file);
	g_free(db);
}
END_TEST

/* messages names each message as reprocess takes it (finding 13 of the
 * e2e trial): the id in the text and in --json, with the Message-ID and
 * the sha256; reprocess finds the message by that id. */
START_TEST(cli_messages_show_what_reprocess_takes)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*file = g_build_filename(test_samples_dir(),
		    "05-zimbra-docx-row-errors.eml", NULL);
	char	*out, *err, *want;
	long	 id;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	g_free(out);
	g_free(err);
	id = count(db, "SELECT m.id FROM messages m JOIN message_decision d"
	    " ON d.msg_id = m.id WHERE d.action = 'reject' ORDER BY m.id"
	    " LIMIT 1");
	ck_assert_int_gt(id, 0);

	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    "--action", "reject", NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "    ID  RECEIVED "), "%s", out);
	want = g_strdup_printf("\n%6ld  ", id);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	g_free(want);
	g_free(out);
	g_free(err);

	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    "--action", "reject", "--json", NULL), 0);
	want = g_strdup_printf("\"id\":%ld,\"message_id\":\"<", id);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	g_free(want);
	{
		sqlite3		*h;
		sqlite3_stmt	*st;

		ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY,
		    NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT sha256 FROM"
		    " messages WHERE id = ?", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, id);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		want = g_strdup_printf("\"sha256\":\"%s\"",
		    sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	g_free(want);
	g_free(out);
	g_free(err);

	/* the id as listed is what reprocess takes */
	want = g_strdup_printf("%ld", id);
	ck_assert_int_eq(test_hotrocks(&out, &err, "reprocess", want, "--json",
	    "-c", "samples/hotrocks.conf", "--db", db, NULL), 0);
	g_free(want);
	ck_assert_msg(strstr(out, "\"answered\"") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	g_free(file);
	g_free(db);
}
END_TEST

/* A truncated package is no document to judge, not an unsigned one. */
START_TEST(cli_verify_refuses_what_is_not_a_document)
{
	char	*f = g_build_filename(tmpdir, "t.docx", NULL);
	char	*out, *err;

	ck_assert(g_file_set_contents(f, "PK\003\004 truncated", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--json", f, NULL),
	    EX_DATAERR);
	ck_assert_msg(strstr(err, "not a Word, Excel or PDF document") != NULL,
	    "%s", err);
	/* --json still gives the file its line, with the reason */
	ck_assert_msg(strstr(out, "\"signature\":null") != NULL &&
	    strstr(out, "\"error\":\"not a Word, Excel or PDF document") != NULL,
	    "%s", out);
	g_free(out);
	g_free(err);
	g_free(f);
}
END_TEST

/* outbox lists, shows the message byte for byte, refuses a state or an
 * item it does not know, cancels and retries under a name; send with no
 * server reachable defers and says so in its exit code. */
START_TEST(cli_outbox_list_show_cancel_retry)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char	*file = g_build_filename(test_samples_dir(),
		    "05-zimbra-docx-row-errors.eml", NULL);
	char	*out = NULL, *err = NULL, *raw = NULL;
	long	 id;
	char	 ids[32];

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, file, NULL), 0);
	g_free(out);
	g_free(err);
	id = count(db, "SELECT min(id) FROM outbox");
	ck_assert_int_gt(id, 0);
	snprintf(ids, sizeof(ids), "%ld", id);

	ck_assert_int_eq(test_hotrocks(&out, NULL, "outbox", "--db", db, NULL),
	    0);
	ck_assert_msg(strstr(out, "queued") != NULL, "%s", out);
	g_free(out);
	ck_assert_int_eq(test_hotrocks(&out, NULL, "outbox", "--db", db,
	    "--state", "queued", "--json", NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "{\"id\":"), "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"queued\""));
	g_free(out);
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "outbox", "--db", db,
	    "--state", "lost", NULL), EX_USAGE);
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "outbox", "show", "--db", db,
	    "x", NULL), EX_USAGE);
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "outbox", "show", "--db", db,
	    "99999", NULL), EX_UNAVAILABLE);

	/* show: exactly the bytes queued */
	ck_assert_int_eq(test_hotrocks(&out, NULL, "outbox", "show", ids,
	    "--db", db, NULL), 0);
	{
		sqlite3		*h;
		sqlite3_stmt	*st;

		ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY,
		    NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT raw FROM outbox"
		    " WHERE id = ?", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_int64(st, 1, id);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		raw = g_strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	ck_assert_str_eq(out, raw);
	g_free(out);

	/* queued: no retry; cancel, then retry, audited under --by */
	ck_assert_int_eq(test_hotrocks(NULL, &err, "outbox", "retry", ids,
	    "--db", db, NULL), EX_UNAVAILABLE);
	ck_assert_msg(strstr(err, "is queued: it cannot become queued") !=
	    NULL, "%s", err);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, NULL, "outbox", "cancel", ids,
	    "--by", "lan", "--db", db, NULL), 0);
	ck_assert_int_eq(strncmp(out, "outbox ", 7), 0);
	ck_assert_str_eq(out + 7 + strlen(ids), " is now cancelled\n");
	g_free(out);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE state ="
	    " 'cancelled'"), 1);
	ck_assert_int_eq(test_hotrocks(&out, NULL, "outbox", "retry", ids,
	    "--by", "lan", "--db", db, NULL), 0);
	/* and when it leaves (finding 11 of the e2e trial) */
	ck_assert_str_eq(out + 7 + strlen(ids), " is now queued\nqueued: it "
	    "leaves within 60 s while the service (hotrocks run) runs, or at "
	    "once with hotrocks send\n");
	g_free(out);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM audit WHERE actor ="
	    " 'lan' AND event IN ('cancelled', 'retry')"), 2);

	/* send with nowhere to send: deferred, exit 75 */
	ck_assert(g_file_set_contents(conf, "[smtp]\nhost = 127.0.0.1\n"
	    "port = 1\nsecurity = none\ntimeout = 5s\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "send", "-c", conf, "--db",
	    db, NULL), EX_TEMPFAIL);
	ck_assert_msg(g_str_has_prefix(out, "send: 0 sent, "), "%s", out);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM outbox WHERE state ="
	    " 'deferred'"), count(db, "SELECT count(*) FROM outbox"));
	g_free(out);
	g_free(err);
	g_free(raw);
	g_free(file);
	g_free(conf);
	g_free(db);
}
END_TEST

/* Two runs on one store are refused (finding 17 of the e2e trial): the
 * second run, and a poll, exit 75 naming the first one's pid; once it
 * stops, the store is free again. The first has no [imap] host, so it
 * only retries, holding the store, until SIGTERM. */
START_TEST(cli_second_run_on_a_store_is_refused)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char	*lock = g_strconcat(db, ".run-lock", NULL);
	char	*log = g_build_filename(tmpdir, "run.log", NULL);
	char	*argv[] = { "/bin/sh", "-c", "exec \"$0\" run -c \"$1\" --db "
		    "\"$2\" 2>\"$3\"", (char *)test_hotrocks_bin(), conf, db,
		    log, NULL };
	char	*out, *err, *pidline, *text = NULL, *want;
	GPid	 pid;
	int	 status;

	ck_assert(g_file_set_contents(conf, "[mailbox]\ntimezone = UTC\n", -1,
	    NULL));
	ck_assert(g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
	    NULL, NULL, &pid, NULL));
	want = g_strdup_printf("%ld\n", (long)pid);
	for (;;) {
		pidline = NULL;
		g_file_get_contents(lock, &pidline, NULL, NULL);
		if (pidline != NULL && strcmp(pidline, want) == 0)
			break;
		g_free(pidline);
		g_usleep(20 * 1000);
	}
	g_free(pidline);
	g_free(want);

	want = g_strdup_printf("already in use by hotrocks pid %ld ", (long)pid);
	ck_assert_int_eq(test_hotrocks(&out, &err, "run", "-c", conf, "--db",
	    db, NULL), EX_TEMPFAIL);
	ck_assert_msg(strstr(err, want) != NULL && strstr(err, db) != NULL,
	    "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "poll", "-q", "-c", conf,
	    "--db", db, NULL), EX_TEMPFAIL);
	ck_assert_msg(strstr(err, want) != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(want);

	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_file_get_contents(log, &text, NULL, NULL);
	test_output_keep(text);
	g_free(text);
	/* free again: poll goes on to the (missing) server */
	ck_assert_int_eq(test_hotrocks(&out, &err, "poll", "-q", "-c", conf,
	    "--db", db, NULL), EX_UNAVAILABLE);
	ck_assert_ptr_null(strstr(err, "already in use"));
	g_free(out);
	g_free(err);
	g_free(log);
	g_free(lock);
	g_free(conf);
	g_free(db);
}
END_TEST

/* The room left for the store and the archive: status shows it and says
 * "low" below [store] low_space; ingest warns of each low file system
 * once a run, not once a message. */
START_TEST(cli_status_and_ingest_say_the_disk_is_low)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*conf = g_build_filename(tmpdir, "h.conf", NULL);
	char		*arch = g_build_filename(tmpdir, "archive", NULL);
	char		*out, *err;
	JsonParser	*jp = json_parser_new();
	JsonObject	*o, *st;
	struct statvfs	 sv;

	/* more than any disk has: both low */
	ck_assert(g_file_set_contents(conf, "[store]\nlow_space = 1000000G\n",
	    -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", db, test_samples_dir(), NULL), 0);
	ck_assert_int_eq(occurrences(err, "below low_space"), 2);
	ck_assert_int_eq(occurrences(err, "warning ingest: store: "), 1);
	ck_assert_int_eq(occurrences(err, "warning ingest: archive: "), 1);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "status", "-c", conf,
	    "--db", db, NULL), 0);
	ck_assert_int_eq(occurrences(out, ", low (below low_space)"), 2);
	ck_assert_msg(strstr(out, "\nstore          ") != NULL &&
	    strstr(out, db) != NULL && strstr(out, " free of ") != NULL,
	    "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "status", "--json", "-c",
	    conf, "--db", db, NULL), 0);
	ck_assert_msg(json_parser_load_from_data(jp, out, -1, NULL), "%s",
	    out);
	o = json_node_get_object(json_parser_get_root(jp));
	st = json_object_get_object_member(o, "store");
	ck_assert_str_eq(json_object_get_string_member(st, "path"), db);
	ck_assert_int_eq(statvfs(tmpdir, &sv), 0);
	ck_assert_int_eq(json_object_get_int_member(st, "size_bytes"),
	    (gint64)((guint64)sv.f_blocks * sv.f_frsize));
	ck_assert_int_le(json_object_get_int_member(st, "free_bytes"),
	    json_object_get_int_member(st, "size_bytes"));
	ck_assert(json_object_get_boolean_member(st, "low"));
	st = json_object_get_object_member(o, "archive");
	ck_assert_str_eq(json_object_get_string_member(st, "path"), arch);
	ck_assert(json_object_get_boolean_member(st, "low"));
	g_free(out);
	g_free(err);

	/* a kilobyte: neither */
	ck_assert(g_file_set_contents(conf, "[store]\nlow_space = 1K\n", -1,
	    NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", db, test_samples_dir(), NULL), 0);
	ck_assert_ptr_null(strstr(err, "low_space"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "status", "-c", conf,
	    "--db", db, NULL), 0);
	ck_assert_ptr_null(strstr(out, "low"));
	g_free(out);
	g_free(err);
	g_object_unref(jp);
	g_free(arch);
	g_free(conf);
	g_free(db);
}
END_TEST

/* A full disk (a file size limit: writes fail with EFBIG) stops ingest
 * at the first message it cannot take: one error and a line saying the
 * rest waits, exit 75 (try again); run again with room, every message
 * is recorded. */
START_TEST(cli_ingest_stops_when_the_disk_is_full)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*empty = g_build_filename(tmpdir, "empty", NULL);
	char	*argv[] = { "/bin/sh", "-c", "trap '' XFSZ; exec prlimit "
		    "--fsize=40000 \"$0\" ingest -q -c samples/hotrocks.conf "
		    "--db \"$1\" \"$2\"", (char *)test_hotrocks_bin(), db,
		    (char *)test_samples_dir(), NULL };
	char	*out, *err;
	int	 status;

	/* the store made with room */
	ck_assert_int_eq(g_mkdir(empty, 0700), 0);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, empty, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
	    &out, &err, &status, NULL));
	test_output_keep(err);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == EX_TEMPFAIL,
	    "status %d: %s", status, err);
	ck_assert_msg(occurrences(err, "error ingest: ") == 2 &&
	    strstr(err, "error ingest: stopped: the store or the archive "
	    "cannot take a message now") != NULL, "%s", err);
	ck_assert_ptr_null(strstr(err, "not tried"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL),
	    0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM messages"),
	    count(db, "SELECT count(DISTINCT sha256) FROM messages"));
	ck_assert_int_gt(count(db, "SELECT count(*) FROM messages"), 30);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM attempts"), 0);
	g_free(out);
	g_free(err);
	g_free(empty);
	g_free(db);
}
END_TEST

/* Folder ingest takes regular .eml files only and says, one line each,
 * what it skipped; a FIFO given to inspect is refused, not waited on. */
START_TEST(cli_ingest_folder_says_what_it_skipped)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*in = g_build_filename(tmpdir, "in", NULL);
	char	*src = g_build_filename(test_samples_dir(),
		    "01-outlook-docx-sontinh.eml", NULL);
	char	*p, *out, *err;

	ck_assert_int_eq(g_mkdir(in, 0700), 0);
	p = g_build_filename(in, "link.eml", NULL);
	ck_assert_int_eq(symlink(src, p), 0);
	g_free(p);
	p = g_build_filename(in, "fifo.eml", NULL);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", p, NULL),
	    EX_NOINPUT);
	ck_assert_msg(strstr(err, "not a regular file") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(p);
	p = g_build_filename(in, "sub", NULL);
	ck_assert_int_eq(g_mkdir(p, 0700), 0);
	g_free(p);
	p = g_build_filename(in, "notes.txt", NULL);
	ck_assert(g_file_set_contents(p, "x", -1, NULL));
	g_free(p);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "--db", db, in,
	    NULL), 0);
	ck_assert_msg(strstr(out, "0 message(s)") != NULL, "%s", out);
	ck_assert_msg(strstr(err, "link.eml: skipped, a symbolic link") !=
	    NULL && strstr(err, "fifo.eml: skipped, not a regular file") !=
	    NULL && strstr(err, "sub: skipped, a sub-folder") != NULL &&
	    strstr(err, "notes.txt: skipped, not an .eml file") != NULL,
	    "%s", err);
	/* each said once, though the folder is opened to count too */
	ck_assert_int_eq(occurrences(err, "link.eml"), 1);
	g_free(out);
	g_free(err);
	g_free(src);
	g_free(in);
	g_free(db);
}
END_TEST

/* An empty export must not wipe the registry; a duplicate is told by
 * its CSV lines. */
START_TEST(cli_units_import_refuses_empty_and_duplicates)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*csv = g_build_filename(tmpdir, "u.csv", NULL);
	char	*out, *err;

	ck_assert(g_file_set_contents(csv, "name,addresses,cert_org\n"
	    "A,a@x.vn,A\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import", csv,
	    "--db", db, NULL), 0);
	g_free(out);
	g_free(err);
	for (int i = 0; i < 2; i++) {
		ck_assert(g_file_set_contents(csv, i == 0 ? "" :
		    "name,addresses,cert_org\r\n", -1, NULL));
		ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import",
		    csv, "--db", db, NULL), EX_DATAERR);
		ck_assert_msg(strstr(err, "no units in it") != NULL &&
		    strstr(err, "--replace") != NULL, "%s", err);
		g_free(out);
		g_free(err);
		ck_assert_int_eq(count(db, "SELECT count(*) FROM units"), 1);
	}
	ck_assert(g_file_set_contents(csv, "A,a@x.vn,A\nB,b@x.vn,B\n"
	    "C,c@x.vn; a@x.vn,C\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import", csv,
	    "--db", db, NULL), EX_DATAERR);
	ck_assert_msg(strstr(err, "line 3: address a@x.vn is already listed "
	    "on line 1") != NULL && strstr(err, "UNIQUE") == NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM units"), 1);
	ck_assert(g_file_set_contents(csv, "", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import", csv,
	    "--replace", "--db", db, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM units"), 0);
	g_free(csv);
	g_free(db);
}
END_TEST

/* The exit codes and words a new user met (issue 11.11). */
START_TEST(cli_exit_codes_and_messages)
{
	char	*db = g_build_filename(tmpdir, "h.db", NULL);
	char	*typo = g_build_filename(tmpdir, "no-such-dir", "h.db", NULL);
	char	*junk = g_build_filename(tmpdir, "junk.db", NULL);
	char	*out, *err, *number, *lower, *e1, *e2;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, test_samples_dir(), NULL), 0);
	g_free(out);
	g_free(err);
	/* --state is checked as --action is: a usage error */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db,
	    "--state", "opne", NULL), EX_USAGE);
	ck_assert_msg(strstr(err, "no such state: opne") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	/* a missing file: one plain line, none of GLib's words */
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect",
	    "/nonexistent.eml", NULL), EX_NOINPUT);
	ck_assert_str_eq(err, "error inspect: /nonexistent.eml: no such file\n");
	g_free(out);
	g_free(err);
	/* a folder, as ingest takes it: one line a message */
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "--json", "-c",
	    "samples/hotrocks.conf", test_samples_dir(), NULL), 0);
	ck_assert_int_gt(occurrences(out, "\"contract\":1"), 5);
	g_free(out);
	g_free(err);
	/* a missing case, worded the same by show and done */
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show",
	    "HT-1999-999999", "--db", db, NULL), EX_UNAVAILABLE);
	e1 = err;
	g_free(out);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done",
	    "HT-1999-999999", "--db", db, NULL), EX_UNAVAILABLE);
	e2 = err;
	g_free(out);
	ck_assert_str_eq(e1, "error case: no case HT-1999-999999\n");
	ck_assert_str_eq(e1, e2);
	g_free(e1);
	g_free(e2);
	/* case numbers in any case */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db,
	    "--json", NULL), 0);
	number = g_strndup(strstr(out, "HT-"), 14);
	lower = g_ascii_strdown(number, -1);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", lower,
	    "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, number) != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", lower,
	    "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, number) != NULL, "%s", out);
	g_free(out);
	g_free(err);
	/* --db never makes the folder it names */
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "--db", typo,
	    test_samples_dir(), NULL), EX_CANTCREAT);
	ck_assert_msg(strstr(err, "no-such-dir does not exist") != NULL, "%s",
	    err);
	ck_assert(!g_file_test(typo, G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", "", NULL),
	    EX_USAGE);
	ck_assert_msg(strstr(err, "--db needs a file name") != NULL, "%s",
	    err);
	g_free(out);
	g_free(err);
	/* SQLite's errors name the file and the reason */
	ck_assert(g_file_set_contents(junk, "not a database at all, but "
	    "long enough to have a header of sorts...................\n"
	    "................................................", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", junk, NULL),
	    EX_IOERR);
	ck_assert_msg(strstr(err, "junk.db: not a hotrocks database (file is "
	    "not a database)") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(junk);
	junk = g_build_filename(tmpdir, "none.db", NULL);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", junk, NULL),
	    EX_IOERR);
	ck_assert_msg(strstr(err, "none.db: cannot open: No such file or "
	    "directory") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	/* a folder where the store should be */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", tmpdir,
	    NULL), EX_IOERR);
	ck_assert_msg(strstr(err, ": cannot read: Is a directory") != NULL &&
	    strstr(err, "disk I/O error") == NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(junk);
	g_free(lower);
	g_free(number);
	g_free(typo);
	g_free(db);
}
END_TEST

/* status and the daily forward follow the office's day: in Quảng Ngãi
 * it begins at 17:00 UTC the day before. */
START_TEST(office_day_not_utc_day)
{
	struct config	*cfg;
	char		 day[11], since[21], hhmm[6], *cause = NULL;

	cfg = config_load("samples/hotrocks.conf", &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	ck_assert_str_eq(cfg->timezone, "Asia/Ho_Chi_Minh");
	/* 2024-05-08T19:30:00Z is 02:30 on the 9th in Hà Nội */
	config_office_day(cfg, 1715196600, day, since, hhmm);
	ck_assert_str_eq(day, "2024-05-09");
	ck_assert_str_eq(since, "2024-05-08T17:00:00Z");
	ck_assert_str_eq(hhmm, "02:30");
	/* 07:03Z is 14:03 the same day */
	config_office_day(cfg, 1715151780, day, since, NULL);
	ck_assert_str_eq(day, "2024-05-08");
	ck_assert_str_eq(since, "2024-05-07T17:00:00Z");
	g_free(cfg->timezone);
	cfg->timezone = g_strdup("UTC");
	config_office_day(cfg, 1715196600, day, since, hhmm);
	ck_assert_str_eq(day, "2024-05-08");
	ck_assert_str_eq(since, "2024-05-08T00:00:00Z");
	ck_assert_str_eq(hhmm, "19:30");
	config_free(cfg);
}
END_TEST

/* A person reads times in the office's zone, with the offset; JSON and
 * the store keep UTC; a May 2024 mail opens an HT-2024 case whenever it
 * is ingested (its receipt time is its file's mtime). */
START_TEST(cli_times_in_the_office_zone)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*in = g_build_filename(tmpdir, "in", NULL);
	char		*eml = g_build_filename(in, "may.eml", NULL);
	char		*conf = g_build_filename(tmpdir, "utc.conf", NULL);
	char		*src = g_build_filename(test_samples_dir(),
			    "01-outlook-docx-sontinh.eml", NULL);
	char		*raw, *out, *err;
	gsize		 len;
	struct timeval	 tv[2] = { { 1715151780, 0 }, { 1715151780, 0 } };

	/* 2024-05-08T07:03:00Z is 14:03 in Hà Nội */
	ck_assert_int_eq(g_mkdir(in, 0700), 0);
	ck_assert(g_file_get_contents(src, &raw, &len, NULL));
	ck_assert(g_file_set_contents(eml, raw, len, NULL));
	ck_assert_int_eq(utimes(eml, tv), 0);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, in, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db, NULL),
	    0);
	ck_assert_msg(strstr(out, "HT-2024-000001") != NULL &&
	    strstr(out, "2024-05-08 14:03 +07") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "messages", "--db", db,
	    NULL), 0);
	ck_assert_msg(strstr(out, "2024-05-08 14:03 +07") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show",
	    "HT-2024-000001", "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, "opened    2024-05-08 14:03 +07") != NULL &&
	    strstr(out, "\n  2024-05-08 14:03 +07 hotrocks ") != NULL, "%s",
	    out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db,
	    "--json", NULL), 0);
	ck_assert_msg(strstr(out, "\"opened_at\":\"2024-05-08T07:03:00Z\"")
	    != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert(g_file_set_contents(conf, "[mailbox]\ntimezone = UTC\n",
	    -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "-c", conf, "--db",
	    db, NULL), 0);
	ck_assert_msg(strstr(out, "2024-05-08 07:03 +00") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert(g_file_set_contents(conf, "[mailbox]\ntimezone = "
	    "Asia/Quang_Ngai\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "-c", conf, "--db",
	    db, NULL), EX_CONFIG);
	ck_assert_msg(strstr(err, "timezone: 'Asia/Quang_Ngai' is not a time "
	    "zone") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	g_free(raw);
	g_free(src);
	g_free(conf);
	g_free(eml);
	g_free(in);
	g_free(db);
}
END_TEST

/* case show --json carries what case show prints: number, state, rows
 * with their state, the audit trail, and the decision. */
START_TEST(cli_case_show_json_is_the_whole_case)
{
	char		*db = g_build_filename(tmpdir, "h.db", NULL);
	char		*src = g_build_filename(test_samples_dir(),
			    "01-outlook-docx-sontinh.eml", NULL);
	char		*out, *err, *number;
	JsonNode	*n;
	JsonObject	*o, *last;
	JsonArray	*rows, *audit;

	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, src, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--db", db,
	    "--json", NULL), 0);
	ck_assert_msg(strstr(out, "\"number\":\"HT-") != NULL, "%s", out);
	number = g_strndup(strstr(out, "HT-"), 14);
	g_free(out);
	g_free(err);
	/* its forward released: the rows went to the Cục */
	ck_assert_int_eq(test_hotrocks(&out, &err, "forward", "approve",
	    "--all", "--by", "nga", "-c", "samples/hotrocks.conf", "--db", db,
	    NULL), 0);
	g_free(out);
	g_free(err);
	/* who approved it, as the desk said, not the login */
	ck_assert_int_eq(test_hotrocks(&out, &err, "forward", "list", "-c",
	    "samples/hotrocks.conf", "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, " by nga") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "--db", db, "--by", "nga", "--note", "đã chuyển Cục", NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "--db", db, "--json", NULL), 0);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "%s", out);
	n = json_from_string(out, NULL);
	ck_assert_msg(n != NULL && JSON_NODE_HOLDS_OBJECT(n), "%s", out);
	o = json_node_get_object(n);
	ck_assert_str_eq(json_object_get_string_member(o, "number"), number);
	ck_assert_str_eq(json_object_get_string_member(o, "state"), "done");
	rows = json_object_get_array_member(o, "rows");
	ck_assert_uint_eq(json_array_get_length(rows), 5);
	/* a row's own state: the list went to the Cục, and closing the
	 * case by hand leaves the rows where they are */
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(rows, 0), "state"), "forwarded");
	ck_assert_int_eq(json_object_get_int_member(
	    json_array_get_object_element(rows, 0), "row"), 1);
	ck_assert_ptr_nonnull(json_object_get_string_member(
	    json_array_get_object_element(rows, 0), "iccid"));
	audit = json_object_get_array_member(o, "audit");
	ck_assert_uint_gt(json_array_get_length(audit), 1);
	/* the state change; the completion notice queued with it comes
	 * after it in the trail */
	last = NULL;
	for (guint i = 0; i < json_array_get_length(audit); i++) {
		JsonObject *e = json_array_get_object_element(audit, i);

		if (strcmp(json_object_get_string_member(e, "event"),
		    "state_changed") == 0)
			last = e;
	}
	ck_assert_ptr_nonnull(last);
	ck_assert_str_eq(json_object_get_string_member(last, "actor"), "nga");
	ck_assert_str_eq(json_object_get_string_member(last, "event"),
	    "state_changed");
	ck_assert_msg(strstr(json_object_get_string_member(last, "detail"),
	    "đã chuyển Cục") != NULL, "%s", out);
	ck_assert_int_eq(json_object_get_int_member(json_object_get_object_member(
	    o, "message"), "contract"), 1);
	json_node_unref(n);
	g_free(out);
	g_free(err);
	/* --help says what --json prints */
	ck_assert_int_eq(test_hotrocks(&out, &err, "cases", "--help", NULL), 0);
	ck_assert_msg(strstr(out, "JSON Lines, one\n                 object a "
	    "case") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	g_free(number);
	g_free(src);
	g_free(db);
}
END_TEST

/* make demo's script shows one reply decoded, as the unit reads it, and
 * leaves nothing behind in TMPDIR, whatever happens. */
START_TEST(cli_demo_shows_a_reply_and_cleans_up)
{
	char		*tmp = g_build_filename(tmpdir, "t", NULL);
	const char	*argv[] = { "sh", "samples/demo.sh",
	    test_hotrocks_bin(), test_samples_dir(), NULL };
	char		**envp, *out, *err, *reply;
	GDir		*d;
	GError		*gerr = NULL;
	int		 status;

	ck_assert_int_eq(g_mkdir(tmp, 0700), 0);
	envp = g_environ_setenv(g_get_environ(), "TMPDIR", tmp, TRUE);
	ck_assert_msg(g_spawn_sync(NULL, (char **)argv, envp,
	    G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &gerr),
	    "%s", gerr ? gerr->message : "");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s",
	    err);
	reply = strstr(out, "== the reply queued for it");
	ck_assert_msg(reply != NULL, "%s", out);
	ck_assert_msg(strstr(reply, "Subject: Re: ") != NULL &&
	    strstr(reply, "Kính gửi") != NULL, "%s", reply);
	ck_assert_msg(strstr(reply, "=?") == NULL &&
	    strstr(reply, "Content-Transfer-Encoding") == NULL, "%s", reply);
	ck_assert_msg(strstr(out, "State kept in") == NULL, "%s", out);
	d = g_dir_open(tmp, 0, NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(g_dir_read_name(d) == NULL, "the demo left files in "
	    "TMPDIR");
	g_dir_close(d);
	g_strfreev(envp);
	g_free(out);
	g_free(err);
	g_free(tmp);
}
END_TEST

Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("commands");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cli_ingest_twice_adds_nothing);
	tcase_add_test(tc, cli_second_delivery_with_trace_headers_is_ignored);
	tcase_add_loop_test(tc,
	    cli_copy_with_other_line_endings_is_the_same_message, 0, 3);
	tcase_add_test(tc, cli_inspect_with_db_shows_processed_as_ignore);
	tcase_add_test(tc, cli_cases_and_case_show);
	tcase_add_test(tc, cli_bad_config_names_file_line_and_key);
	tcase_add_test(tc, cli_usage_and_help);
	tcase_add_test(tc, cli_help_and_man_say_sign_and_verify_take_pdf);
	tcase_add_test(tc, cli_verify_refuses_what_is_not_a_document);
	tcase_add_test(tc, cli_messages_lists_rejected_ones);
	tcase_add_test(tc, cli_messages_show_what_reprocess_takes);
	tcase_add_test(tc, cli_outbox_list_show_cancel_retry);
	tcase_add_test(tc, cli_second_run_on_a_store_is_refused);
	tcase_add_test(tc, cli_ingest_folder_says_what_it_skipped);
	tcase_add_test(tc, cli_status_and_ingest_say_the_disk_is_low);
	tcase_add_test(tc, cli_ingest_stops_when_the_disk_is_full);
	tcase_add_test(tc, cli_units_import_refuses_empty_and_duplicates);
	tcase_add_test(tc, cli_exit_codes_and_messages);
	tcase_add_test(tc, cli_times_in_the_office_zone);
	tcase_add_test(tc, office_day_not_utc_day);
	tcase_add_test(tc, cli_case_show_json_is_the_whole_case);
	tcase_add_test(tc, cli_demo_shows_a_reply_and_cleans_up);
	suite_add_tcase(s, tc);
	/* never the square of the store */
	tc = tcase_create("long");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, cli_messages_of_a_busy_store_is_bounded);
	suite_add_tcase(s, tc);
	return (s);
}
