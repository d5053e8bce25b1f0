/* check-smtp.c: the outbox delivered for real: samples ingested into a
 * store, `hotrocks send` through the private Postfix (STARTTLS+AUTH on
 * submission, SMTPS) into the private Dovecot, and what arrived read back
 * from the Maildirs: each reply once, its headers and its Vietnamese text;
 * a server down then back after the backoff; 4xx then success; a 5xx
 * refusal that flags the case; a certificate for another host; a kill -9
 * between the server's 250 and the record; an auto-reply storm; the copy
 * in Sent. Servers start in unchecked fixtures, so they stop even when a
 * test fails; time is bounded by check's timeouts, never asserted. */
#include <sys/socket.h>
#include <sys/stat.h>

#include <check.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <sqlite3.h>

#include "intake/cli.h"
#include "intake/config.h"
#include "intake/mime.h"
#include "intake/outbox.h"
#include "intake/store.h"
#include "lib/db.h"
#include "outbox/queue.h"
#include "tests/unit/servers.h"
#include "tests/unit/testlib.h"

static struct test_servers	*srv;
static char			*tmpdir;

/* One delivered message as read back. */
struct got {
	char	*message_id;	/* without <> */
	char	*in_reply_to;
	char	*auto_submitted;
	char	*subject;	/* decoded */
	char	*body;		/* the first text/plain part, decoded */
	char	*to;
};

static void
up(unsigned flags)
{
	char	*cause = NULL;

	mime_init();
	srv = test_servers_start(flags, &cause);
	if (srv == NULL)
		ck_abort_msg("test servers: %s", cause);
}

static void up_good(void) { up(TEST_SERVERS_POSTFIX); }
static void up_wrong(void) { up(TEST_SERVERS_POSTFIX |
    TEST_SERVERS_CERT_WRONG_HOST); }

static void
down(void)
{
	test_servers_stop(srv);
	srv = NULL;
}

static void
setup(void)
{
	/* Inside the servers' folder, so that it goes with them even when
	 * a failed test skips the teardown. */
	tmpdir = g_build_filename(srv->dir, "t-XXXXXX", NULL);
	ck_assert_ptr_nonnull(g_mkdtemp(tmpdir));
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

/* A config in tmpdir sending to port with security, as hotrocks with its
 * password; lists are accepted unsigned, so acknowledgements carry a case
 * number, and forwards to the Cục go without waiting for approval, so
 * they are delivered too. extra is appended (more keys). */
static char *
conf(const char *name, unsigned port, const char *security,
    const char *extra)
{
	char	*path = g_build_filename(tmpdir, name, NULL);
	char	*pwf = test_servers_password_file(srv, "hotrocks");
	char	*text;

	text = g_strdup_printf("[rules]\nrequire_signature = false\n"
	    "[cuc]\nforward_approval = none\n"
	    "[smtp]\nhost = %s\nport = %u\nsecurity = %s\n"
	    "username = hotrocks\npassword_file = %s\nca_file = %s\n"
	    "timeout = 10s\n%s", srv->name, port, security, pwf,
	    srv->ca_file, extra != NULL ? extra : "");
	ck_assert(g_file_set_contents(path, text, -1, NULL));
	g_free(text);
	g_free(pwf);
	return (path);
}

static char *
dbpath(void)
{
	return (g_build_filename(tmpdir, "h.db", NULL));
}

/* hotrocks ingest -q of path into the test's store. */
static void
ingest(const char *cf, const char *path)
{
	char	*db = dbpath(), *err = NULL;
	int	 rc;

	rc = test_hotrocks(NULL, &err, "ingest", "-q", "-c", cf, "--db", db,
	    path, NULL);
	ck_assert_msg(rc == 0, "ingest: %d: %s", rc, err);
	g_free(err);
	g_free(db);
}

/* hotrocks send [--at at]; its exit status, the summary in *out_r. */
static int
send_pass(const char *cf, const char *at, char **out_r, char **err_r)
{
	char	*db = dbpath();
	int	 rc;

	if (at != NULL)
		rc = test_hotrocks(out_r, err_r, "send", "-c", cf, "--db", db,
		    "--at", at, NULL);
	else
		rc = test_hotrocks(out_r, err_r, "send", "-c", cf, "--db", db,
		    NULL);
	g_free(db);
	return (rc);
}

/* ingest of tmpdir/sub. */
static void
ingest_sub(const char *cf, const char *sub)
{
	char	*p = g_build_filename(tmpdir, sub, NULL);

	ingest(cf, p);
	g_free(p);
}

/* An RFC 3339 time secs from now. */
static char *
at_from_now(long secs)
{
	GDateTime	*t = g_date_time_new_now_utc();
	GDateTime	*u = g_date_time_add_seconds(t, (gdouble)secs);
	char		*s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(t);
	g_date_time_unref(u);
	return (s);
}

/* send_pass with the clock secs ahead. */
static int
send_after(const char *cf, long secs, char **out_r, char **err_r)
{
	char	*at = at_from_now(secs);
	int	 rc = send_pass(cf, at, out_r, err_r);

	g_free(at);
	return (rc);
}

/* One value from the test's store (fixed SQL of the test's own). */
static long long
db_count(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*db = dbpath();
	long long	 v;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	g_free(db);
	return (v);
}

/* sql run on the test's store, as another program would. */
static void
db_write(const char *sql)
{
	sqlite3	*h;
	char	*db = dbpath(), *err = NULL;

	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK,
	    "%s", err);
	sqlite3_close(h);
	g_free(db);
}

/* The Message-IDs (without <>) of the store's outbox in state (NULL:
 * all), NULL-terminated (g_strfreev). */
static char **
outbox_ids(const char *state)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	GPtrArray	*v = g_ptr_array_new();
	char		*db = dbpath();

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT message_id FROM outbox"
	    " WHERE ?1 IS NULL OR state = ?1 ORDER BY id", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);

		g_ptr_array_add(v, g_strndup(m + 1, strlen(m) - 2));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	g_free(db);
	g_ptr_array_add(v, NULL);
	return ((char **)g_ptr_array_free(v, FALSE));
}

static void
got_clear(struct got *g)
{
	g_free(g->message_id);
	g_free(g->in_reply_to);
	g_free(g->auto_submitted);
	g_free(g->subject);
	g_free(g->body);
	g_free(g->to);
}

static void
got_free(GArray *v)
{
	for (guint i = 0; i < v->len; i++)
		got_clear(&g_array_index(v, struct got, i));
	g_array_free(v, TRUE);
}

/* The first text/plain part's text, decoded from its transfer encoding
 * (the charset is UTF-8 for everything hotrocks writes). */
static char *
plain_text(GMimeObject *o)
{
	GMimeDataWrapper	*w;
	GMimeStream		*mem;
	GByteArray		*bytes;
	char			*s;

	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			if ((s = plain_text(g_mime_multipart_get_part(mp, i))))
				return (s);
		return (NULL);
	}
	if (!GMIME_IS_PART(o) || !g_mime_content_type_is_type(
	    g_mime_object_get_content_type(o), "text", "plain"))
		return (NULL);
	w = g_mime_part_get_content(GMIME_PART(o));
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	s = g_strndup((const char *)bytes->data, bytes->len);
	g_object_unref(mem);
	return (s);
}

/* Every message in user's Maildir folder (NULL: INBOX), new and cur. */
static GArray *
maildir_read(const char *user, const char *folder)
{
	GArray		*v = g_array_new(FALSE, TRUE, sizeof(struct got));
	char		*md = test_servers_maildir(srv, user);
	static const char *const subs[] = { "new", "cur" };

	for (size_t k = 0; k < G_N_ELEMENTS(subs); k++) {
		char		*dir = folder ? g_strdup_printf("%s/.%s/%s", md,
				    folder, subs[k]) :
				    g_build_filename(md, subs[k], NULL);
		GDir		*d = g_dir_open(dir, 0, NULL);
		const char	*name;

		while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
			char		*p = g_build_filename(dir, name, NULL);
			GMimeStream	*fs;
			GMimeParser	*parser;
			GMimeMessage	*m;
			struct got	 g = { 0 };

			fs = g_mime_stream_fs_open(p, O_RDONLY, 0, NULL);
			ck_assert_ptr_nonnull(fs);
			parser = g_mime_parser_new_with_stream(fs);
			m = g_mime_parser_construct_message(parser, NULL);
			ck_assert_ptr_nonnull(m);
			g.message_id = g_strdup(g_mime_message_get_message_id(
			    m));
			g.in_reply_to = test_message_header(m, "In-Reply-To");
			g.auto_submitted = test_message_header(m,
			    "Auto-Submitted");
			g.subject = g_strdup(g_mime_message_get_subject(m));
			g.to = test_message_header(m, "To");
			g.body = plain_text(g_mime_message_get_mime_part(m));
			g_array_append_val(v, g);
			g_object_unref(m);
			g_object_unref(parser);
			g_object_unref(fs);
			g_free(p);
		}
		if (d != NULL)
			g_dir_close(d);
		g_free(dir);
	}
	g_free(md);
	return (v);
}

/* How many of v carry message_id. */
static int
copies(GArray *v, const char *message_id)
{
	int	 n = 0;

	for (guint i = 0; i < v->len; i++)
		if (g_strcmp0(g_array_index(v, struct got, i).message_id,
		    message_id) == 0)
			n++;
	return (n);
}

/* A port on 127.0.0.1 where nobody listens. */
static unsigned
closed_port(void)
{
	struct sockaddr_in	 a = { .sin_family = AF_INET };
	socklen_t		 len = sizeof(a);
	int			 fd = socket(AF_INET, SOCK_STREAM, 0);
	unsigned		 port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(fd);
	return (port);
}

/* Sample name, with its From: and Message-ID: replaced, as a file in
 * tmpdir/sub (made) named n.eml. */
static void
sample_as(const char *name, const char *sub, int n, const char *from,
    const char *mid)
{
	char	*src = g_build_filename(test_samples_dir(), name, NULL);
	char	*dir = g_build_filename(tmpdir, sub, NULL);
	char	*dst, *text, **lines;
	GString	*out = g_string_new(NULL);
	bool	 in_head = true, skip = false;

	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	g_mkdir_with_parents(dir, 0700);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		if (in_head && (**l == '\0' || strcmp(*l, "\r") == 0))
			in_head = false;
		if (in_head && skip && (**l == ' ' || **l == '\t'))
			continue;
		skip = false;
		if (in_head && from != NULL &&
		    g_ascii_strncasecmp(*l, "From:", 5) == 0) {
			g_string_append_printf(out, "From: %s\r\n", from);
			skip = true;
			continue;
		}
		if (in_head && g_ascii_strncasecmp(*l, "Message-ID:", 11) == 0) {
			g_string_append_printf(out, "Message-ID: <%s>\r\n",
			    mid);
			skip = true;
			continue;
		}
		g_string_append(out, *l);
		if (l[1] != NULL)
			g_string_append_c(out, '\n');
	}
	dst = g_strdup_printf("%s/%d.eml", dir, n);
	ck_assert(g_file_set_contents(dst, out->str, out->len, NULL));
	g_strfreev(lines);
	g_string_free(out, TRUE);
	g_free(text);
	g_free(src);
	g_free(dst);
	g_free(dir);
}

/* Every queued reply and forward of the samples, over STARTTLS and AUTH
 * on submission: each once at the sink with the Message-ID queued, the
 * threading and RFC 3834 headers, and its Vietnamese text; a second pass
 * sends nothing. */
START_TEST(smtp_starttls_each_reply_once_with_its_headers)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL, *err = NULL, **ids;
	GArray	*sink;
	int	 acks = 0;

	ingest(cf, test_samples_dir());
	ids = outbox_ids(NULL);
	ck_assert_uint_ge(g_strv_length(ids), 20);
	ck_assert_int_eq(send_pass(cf, NULL, &out, &err), 0);
	ck_assert_msg(strstr(out, "0 deferred, 0 failed") != NULL, "%s %s",
	    out, err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state !="
	    " 'sent'"), 0);
	sink = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_msg(copies(sink, *id) == 1, "%s: %d copies", *id,
		    copies(sink, *id));
	for (guint i = 0; i < sink->len; i++) {
		struct got *g = &g_array_index(sink, struct got, i);

		if (!g_str_has_prefix(g->message_id, "hotrocks.ack."))
			continue;
		acks++;
		ck_assert_str_eq(g->auto_submitted, "auto-replied");
		ck_assert_ptr_nonnull(g->in_reply_to);
		ck_assert_ptr_nonnull(g->subject);
		ck_assert_ptr_nonnull(g->body);
		ck_assert(g_utf8_validate(g->body, -1, NULL));
		ck_assert_msg(strstr(g->body, "Văn phòng Tỉnh ủy") != NULL,
		    "%s", g->body);
		/* The case number, in the subject as [HT-…] and in the
		 * text. */
		ck_assert_msg(strstr(g->subject, "[HT-") != NULL, "%s",
		    g->subject);
		ck_assert_msg(strstr(g->body, "HT-") != NULL, "%s", g->body);
	}
	ck_assert_int_gt(acks, 5);
	got_free(sink);
	ck_assert_int_eq(send_after(cf, 86400, &out, NULL), 0);
	ck_assert_str_eq(out, "send: 0 sent, 0 deferred, 0 failed\n");
	g_free(out);
	g_strfreev(ids);
	g_free(cf);
}
END_TEST

/* The same over implicit TLS (465-style). */
START_TEST(smtp_smtps_delivers)
{
	char	*cf = conf("h.conf", srv->smtps_port, "tls", NULL);
	char	*out = NULL, **ids;
	GArray	*sink;

	sample_as("01-outlook-docx-sontinh.eml", "one", 1, NULL,
	    "smtps-1@huyenuy.example.vn");
	ingest_sub(cf, "one");
	ids = outbox_ids(NULL);
	ck_assert_uint_ge(g_strv_length(ids), 1);
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	g_free(out);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	sink = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(sink, *id), 1);
	got_free(sink);
	g_strfreev(ids);
	g_free(cf);
}
END_TEST

/* SMTP down: every item deferred with the reason; a pass before the
 * backoff sends nothing; once the server is back and ten minutes have
 * passed (a simulated clock), each is delivered once. */
START_TEST(smtp_down_then_up_after_the_backoff)
{
	char	*down_cf = conf("down.conf", closed_port(), "starttls", NULL);
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL, *err = NULL, **ids, *p;
	GArray	*sink;
	size_t	 n;

	sample_as("02-thunderbird-xlsx-btg.eml", "two", 1, NULL,
	    "down-1@btg.example.vn");
	sample_as("03-zimbra-xlsx-binhson.eml", "two", 2, NULL,
	    "down-2@binhson.example.vn");
	ingest_sub(cf, "two");
	ids = outbox_ids(NULL);
	n = g_strv_length(ids);
	ck_assert_uint_ge(n, 2);
	ck_assert_int_eq(send_pass(down_cf, NULL, &out, &err), 75);
	ck_assert_msg(strstr(out, "0 sent") != NULL, "%s", out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'deferred' AND last_error LIKE '%connect%'"), (long long)n);
	g_free(out);
	g_free(err);
	/* Back, but a minute later is too early: said, with what waits
	 * and how to send it now (trial 2, finding 6). */
	ck_assert_int_eq(send_after(cf, 60, &out, NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "send: 0 sent, 0 deferred, 0 "
	    "failed\n"), "%s", out);
	p = g_strdup_printf("\nsend: %zu deferred earlier, not yet due (the "
	    "first at ", n);
	ck_assert_msg(strstr(out, p) != NULL, "%s", out);
	ck_assert_msg(strstr(out, "); `outbox retry ID` sends one now\n") !=
	    NULL, "%s", out);
	g_free(p);
	g_free(out);
	ck_assert_int_eq(send_after(cf, 600, &out, NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "send: "), "%s", out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent' AND attempts = 2 AND last_error IS NULL"), (long long)n);
	g_free(out);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	sink = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(sink, *id), 1);
	got_free(sink);
	g_strfreev(ids);
	g_free(down_cf);
	g_free(cf);
}
END_TEST

/* postconf -e setting in the private Postfix, reload, and wait until a
 * fresh session answers RCPT TO:<probe> with code. */
static void
postfix_set(const char *setting, const char *probe, int code)
{
	char	*etc = g_strdup_printf("%s/pf/etc", srv->dir);
	char	*argv1[] = { "postconf", "-c", etc, "-e", (char *)setting,
		    NULL };
	char	*argv2[] = { "postfix", "-c", etc, "reload", NULL };
	char	*py, *port = g_strdup_printf("%u", srv->smtp_port);
	char	*code_s = g_strdup_printf("%d", code);
	int	 status;

	ck_assert(g_spawn_sync(NULL, argv1, NULL, G_SPAWN_SEARCH_PATH, NULL,
	    NULL, NULL, NULL, &status, NULL));
	ck_assert_int_eq(status, 0);
	ck_assert(g_spawn_sync(NULL, argv2, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
	    NULL, NULL, NULL, &status, NULL));
	py = g_strdup(
	    "import smtplib, sys, time\n"
	    "while True:\n"
	    "    s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=5)\n"
	    "    s.ehlo('localhost'); s.mail('probe@localhost')\n"
	    "    c, _ = s.rcpt(sys.argv[2]); s.quit()\n"
	    "    if c == int(sys.argv[3]): break\n"
	    "    time.sleep(0.1)\n");
	{
		char *argv3[] = { "/usr/bin/python3", "-c", py, port,
		    (char *)probe, code_s, NULL };

		ck_assert(g_spawn_sync(NULL, argv3, NULL,
		    G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
		ck_assert_int_eq(status, 0);
	}
	g_free(py);
	g_free(port);
	g_free(code_s);
	g_free(etc);
}

/* One recipient gets 450 and then, the server's mind changed, 250; the
 * other 550: failed for good with the server's line, its case flagged
 * for review with an audit entry. */
START_TEST(smtp_4xx_then_success_and_5xx_refusal)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL, *err = NULL, **ids;
	GArray	*sink;

	postfix_set("smtpd_recipient_restrictions = check_recipient_access "
	    "inline:{ {tempfail@example.org=450 4.2.0 try again later}, "
	    "{refused@example.org=550 5.1.1 no such user}, "
	    "{rejected@example.org=550 5.1.1 no such user} }",
	    "tempfail@example.org", 450);
	sample_as("01-outlook-docx-sontinh.eml", "pair", 1,
	    "tempfail@example.org", "pair-1@example.org");
	sample_as("02-thunderbird-xlsx-btg.eml", "pair", 2,
	    "refused@example.org", "pair-2@example.org");
	/* a list rejected: its message has no case */
	sample_as("05-zimbra-docx-row-errors.eml", "pair", 3,
	    "rejected@example.org", "pair-3@example.org");
	ingest_sub(cf, "pair");
	ck_assert_int_eq(send_pass(cf, NULL, &out, &err), 75);
	ck_assert_msg(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'tempfail@example.org'") == 1, "%s %s", out, err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'tempfail@example.org' AND state = 'deferred' AND last_error"
	    " LIKE '%450 4.2.0 %try again later%'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'refused@example.org' AND state = 'failed' AND last_error"
	    " LIKE '%550 5.1.1 %no such user%'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM cases c JOIN outbox o"
	    " ON o.case_id = c.id WHERE o.rcpt = 'refused@example.org' AND"
	    " c.state = 'review'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit a JOIN outbox o"
	    " ON o.case_id = a.case_id WHERE o.rcpt = 'refused@example.org'"
	    " AND a.event = 'flagged'"), 1);
	/* the rejection that failed opens a case in review for it: the
	 * unit never learns its list was refused (trial 3, finding 4) */
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox o JOIN messages"
	    " m ON m.id = o.msg_id JOIN cases c ON c.id = m.case_id WHERE"
	    " o.rcpt = 'rejected@example.org' AND o.state = 'failed' AND"
	    " c.state = 'review' AND c.flag IS NOT NULL"), 1);
	postfix_set("smtpd_recipient_restrictions = check_recipient_access "
	    "inline:{ {refused@example.org=550 5.1.1 no such user} }",
	    "tempfail@example.org", 250);
	ck_assert_int_eq(send_after(cf, 600, &out, NULL), 0);
	ck_assert_msg(g_str_has_prefix(out, "send: 1 sent,"), "%s", out);
	g_free(out);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'tempfail@example.org' AND state = 'sent' AND attempts = 2"), 1);
	ids = outbox_ids("sent");
	sink = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(sink, *id), 1);
	got_free(sink);
	g_strfreev(ids);
	/* The failed one is never tried again on its own. */
	ck_assert_int_eq(send_after(cf, 86400 * 2, &out, NULL), 0);
	ck_assert_str_eq(out, "send: 0 sent, 0 deferred, 0 failed\n");
	g_free(out);
	postfix_set("smtpd_recipient_restrictions =", "refused@example.org",
	    250);
	g_free(cf);
}
END_TEST

/* kill -9 after the server's 250 and before the record: the rerun sends
 * that item once more with the same Message-ID (never a new one), the
 * rest once, and the item ends sent. */
START_TEST(smtp_kill_between_data_and_record)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL, *first = NULL, **ids;
	GArray	*sink;
	size_t	 n;
	int	 rc;

	sample_as("01-outlook-docx-sontinh.eml", "kill", 1, NULL,
	    "kill-1@huyenuy.example.vn");
	sample_as("03-zimbra-xlsx-binhson.eml", "kill", 2, NULL,
	    "kill-2@huyenuy.example.vn");
	ingest_sub(cf, "kill");
	ids = outbox_ids(NULL);
	n = g_strv_length(ids);
	ck_assert_uint_ge(n, 2);
	g_setenv("HOTROCKS_CRASH_AT", "after-data", TRUE);
	rc = send_pass(cf, NULL, NULL, NULL);
	g_unsetenv("HOTROCKS_CRASH_AT");
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sending'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), 0);
	first = g_strdup(ids[0]);
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	ck_assert_msg(strstr(out, "(1 sent again after an interruption)") !=
	    NULL, "%s", out);
	g_free(out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), (long long)n);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	sink = maildir_read("sink", NULL);
	ck_assert_int_eq(copies(sink, first), 2);
	for (size_t i = 1; i < n; i++)
		ck_assert_int_eq(copies(sink, ids[i]), 1);
	got_free(sink);
	g_strfreev(ids);
	g_free(first);
	g_free(cf);
}
END_TEST

/* Fifty auto-replies from one address, each a new message: none is
 * answered, nothing is queued, nothing leaves. */
START_TEST(smtp_auto_reply_storm_answered_never)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL, *mid;

	for (int i = 0; i < 50; i++) {
		mid = g_strdup_printf("storm-%d@autoresponder.example.vn", i);
		sample_as("08-outlook-auto-reply.eml", "storm", i, NULL, mid);
		g_free(mid);
	}
	ingest_sub(cf, "storm");
	ck_assert_int_eq(db_count("SELECT count(*) FROM messages"), 50);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox"), 0);
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	ck_assert_str_eq(out, "send: 0 sent, 0 deferred, 0 failed\n");
	g_free(out);
	g_free(cf);
}
END_TEST

/* A copy of each message sent lands in the mailbox's Sent folder (made
 * when missing), flagged seen, with the Message-ID sent. */
START_TEST(smtp_copy_in_sent)
{
	char				*cf = conf("h.conf",
					    srv->submission_port, "starttls",
					    NULL);
	char				*pw = test_servers_password(srv,
					    "hotrocks");
	char				*db = dbpath(), *cause = NULL, **ids;
	struct imap_append_settings	 copy = { .host = srv->name,
	    .port = srv->imaps_port, .tls = true, .username = "hotrocks",
	    .password = pw, .ca_file = srv->ca_file, .folder = "Sent",
	    .timeout = 10 };
	struct queue_report		 r;
	struct config			*c;
	struct db			*st;
	GArray				*sent;
	time_t				 due;

	sample_as("01-outlook-docx-sontinh.eml", "copy", 1, NULL,
	    "copy-1@huyenuy.example.vn");
	ingest_sub(cf, "copy");
	ids = outbox_ids(NULL);
	c = config_load(cf, &cause);
	ck_assert_msg(c != NULL, "%s", cause);
	cli_apply_db(c, db);	/* as --db: the archive beside it */
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	/* now: the moment the last of them fell due, never the clock */
	due = (time_t)db_count("SELECT strftime('%s', max(next_attempt_at))"
	    " FROM outbox");
	ck_assert_int_gt(due, 0);
	ck_assert_msg(outbox_deliver(c, st, due, &copy, &r, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(r.sent, g_strv_length(ids));
	db_close(st);
	config_free(c);
	sent = maildir_read("hotrocks", "Sent");
	ck_assert_uint_eq(sent->len, g_strv_length(ids));
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(sent, *id), 1);
	got_free(sent);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	g_strfreev(ids);
	g_free(db);
	g_free(pw);
	g_free(cf);
}
END_TEST

/* The store restored from a backup taken before its letters went out
 * (e2e trial 4, finding 4): the next pass finds each one's copy in Sent
 * and records it sent without sending it again; the unit has it once,
 * and Sent holds one copy. */
START_TEST(smtp_restored_store_does_not_send_twice)
{
	char				*cf = conf("h.conf",
					    srv->submission_port, "starttls",
					    NULL);
	char				*pw = test_servers_password(srv,
					    "hotrocks");
	char				*db = dbpath(), *cause = NULL, **ids;
	char				*bak = g_strconcat(db, ".bak", NULL);
	char				*text = NULL;
	struct imap_append_settings	 copy = { .host = srv->name,
	    .port = srv->imaps_port, .tls = true, .username = "hotrocks",
	    .password = pw, .ca_file = srv->ca_file, .folder = "Sent",
	    .timeout = 10 };
	struct queue_report		 r;
	struct config			*c;
	struct db			*st;
	GArray				*got;
	size_t				 len;
	time_t				 due;

	sample_as("01-outlook-docx-sontinh.eml", "restore", 1, NULL,
	    "restore-1@huyenuy.example.vn");
	ingest_sub(cf, "restore");
	ids = outbox_ids(NULL);
	ck_assert_uint_gt(g_strv_length(ids), 0);
	/* the backup: the store as it was before anything was sent */
	ck_assert(g_file_get_contents(db, &text, &len, NULL));
	ck_assert(g_file_set_contents(bak, text, (gssize)len, NULL));
	g_free(text);
	c = config_load(cf, &cause);
	ck_assert_msg(c != NULL, "%s", cause);
	cli_apply_db(c, db);
	due = (time_t)db_count("SELECT strftime('%s', max(next_attempt_at))"
	    " FROM outbox");
	for (int pass = 0; pass < 2; pass++) {
		st = store_open(db, &cause);
		ck_assert_msg(st != NULL, "%s", cause);
		ck_assert_msg(outbox_deliver(c, st, due, &copy, &r, &cause) ==
		    0, "%s", cause);
		db_close(st);
		ck_assert_uint_eq(r.sent, g_strv_length(ids));
		ck_assert_uint_eq(r.kept, pass == 0 ? 0 : r.sent);
		ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE"
		    " state != 'sent'"), 0);
		ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
		/* the disk lost; the backup put back */
		if (pass == 0) {
			test_store_restore(bak, db);
			ck_assert_int_eq(db_count("SELECT count(*) FROM outbox"
			    " WHERE state = 'sent'"), 0);
		}
	}
	/* the trail tells the auditor no delivery was made */
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE event ="
	    " 'sent' AND detail LIKE '%: not sent again: a copy of it is kept"
	    " in the Sent folder already'"), (int)g_strv_length(ids));
	got = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_msg(copies(got, *id) == 1, "%s: %d", *id,
		    copies(got, *id));
	got_free(got);
	got = maildir_read("hotrocks", "Sent");
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(got, *id), 1);
	got_free(got);

	/* a letter this store sent, bounced and sent again by a person,
	 * goes again whatever Sent holds */
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	{
		struct db_txn	*txn = db_begin(st, &cause);
		int64_t		 item = 0, cid = 0;
		char		*mid = g_strdup_printf("<%s>", ids[0]);

		ck_assert_msg(txn != NULL, "%s", cause);
		ck_assert_int_eq(queue_bounce(txn, mid, "550 gone", due + 60,
		    &item, &cid, &cause), 1);
		ck_assert_int_eq(db_commit(txn, &cause), 0);
		ck_assert_int_eq(queue_retry(st, item, due + 120, NULL,
		    "staff", &cause), 0);
		g_free(mid);
	}
	ck_assert_msg(outbox_deliver(c, st, due + 180, &copy, &r, &cause) ==
	    0, "%s", cause);
	db_close(st);
	ck_assert_uint_eq(r.sent, 1);
	ck_assert_uint_eq(r.kept, 0);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	got = maildir_read("sink", NULL);
	ck_assert_int_eq(copies(got, ids[0]), 2);
	got_free(got);
	config_free(c);
	g_strfreev(ids);
	g_free(bak);
	g_free(db);
	g_free(pw);
	g_free(cf);
}
END_TEST

/* The Sent folder cannot be asked (its login refused): each letter is
 * sent all the same, once, recorded sent and not as found there; nothing
 * is held back for want of the folder. */
START_TEST(smtp_sent_folder_unreachable_still_sends)
{
	char				*cf = conf("h.conf",
					    srv->submission_port, "starttls",
					    NULL);
	char				*db = dbpath(), *cause = NULL, **ids;
	char				*pw = test_servers_password(srv,
					    "hotrocks");
	struct imap_append_settings	 copy = { .host = srv->name,
	    .port = srv->imaps_port, .tls = true, .username = "hotrocks",
	    .password = "not its password", .ca_file = srv->ca_file,
	    .folder = "Sent", .timeout = 10 };
	struct queue_report		 r;
	struct config			*c;
	struct db			*st;
	GArray				*got;
	time_t				 due;

	sample_as("01-outlook-docx-sontinh.eml", "nosent", 1, NULL,
	    "nosent-1@huyenuy.example.vn");
	ingest_sub(cf, "nosent");
	ids = outbox_ids(NULL);
	ck_assert_uint_gt(g_strv_length(ids), 0);
	c = config_load(cf, &cause);
	ck_assert_msg(c != NULL, "%s", cause);
	cli_apply_db(c, db);
	due = (time_t)db_count("SELECT strftime('%s', max(next_attempt_at))"
	    " FROM outbox");
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	/* the log, caught: every letter without its copy is named */
	{
		char	*logf = g_build_filename(tmpdir, "deliver.log", NULL);
		char	*text = NULL, *p;
		int	 saved, fd, n = 0;

		fflush(stderr);
		saved = dup(2);
		fd = open(logf, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		ck_assert_int_ge(fd, 0);
		dup2(fd, 2);
		close(fd);
		ck_assert_msg(outbox_deliver(c, st, due, &copy, &r, &cause) ==
		    0, "%s", cause);
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		ck_assert(g_file_get_contents(logf, &text, NULL, NULL));
		test_output_keep(text);
		for (p = text; (p = strstr(p, ": sent, but no copy kept in "
		    "Sent")) != NULL; p++)
			n++;
		ck_assert_msg(n == (int)g_strv_length(ids), "%s", text);
		g_free(text);
		g_free(logf);
	}
	db_close(st);
	ck_assert_uint_eq(r.sent, g_strv_length(ids));
	ck_assert_uint_eq(r.kept, 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE"
	    " state != 'sent'"), 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM audit WHERE event ="
	    " 'sent' AND detail LIKE '%not sent again%'"), 0);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	got = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(got, *id), 1);
	got_free(got);

	/* each copy is owed, not forgotten: the next pass that reaches
	 * the folder keeps it, once, and sends nothing again; the pass
	 * after has nothing left to keep */
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox_copies_owed"),
	    (long long)g_strv_length(ids));
	copy.password = pw;
	for (int pass = 0; pass < 2; pass++) {
		st = store_open(db, &cause);
		ck_assert_msg(st != NULL, "%s", cause);
		ck_assert_msg(outbox_deliver(c, st, due + 60 + pass, &copy, &r,
		    &cause) == 0, "%s", cause);
		db_close(st);
		ck_assert_uint_eq(r.sent, 0);
		ck_assert_uint_eq(r.copied, pass == 0 ?
		    g_strv_length(ids) : 0);
		ck_assert_int_eq(db_count("SELECT count(*) FROM"
		    " outbox_copies_owed"), 0);
	}
	got = maildir_read("hotrocks", "Sent");
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(got, *id), 1);
	got_free(got);
	got = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(got, *id), 1);
	got_free(got);
	config_free(c);
	g_strfreev(ids);
	g_free(db);
	g_free(pw);
	g_free(cf);
}
END_TEST

/* kill -9 after a letter is recorded sent and before its copy is kept
 * in Sent: the copy is owed, and the next pass keeps it; killed after
 * the APPEND and before the debt is struck off, the next pass finds the
 * copy there and keeps no second one. Sent ends with one copy of each
 * letter, the unit with one letter of each. */
START_TEST(smtp_kill_before_the_sent_copy)
{
	char	*pwf = test_servers_password_file(srv, "hotrocks");
	char	*imap = g_strdup_printf("[imap]\nhost = %s\nport = %u\n"
		    "security = tls\nusername = hotrocks\npassword_file = %s\n"
		    "ca_file = %s\n", srv->name, srv->imaps_port, pwf,
		    srv->ca_file);
	char	*cf = conf("h.conf", srv->submission_port, "starttls", imap);
	char	*out = NULL, *first, **ids, *line;
	GArray	*got;
	size_t	 n;
	int	 rc;

	sample_as("01-outlook-docx-sontinh.eml", "killsent", 1, NULL,
	    "killsent-1@huyenuy.example.vn");
	sample_as("03-zimbra-xlsx-binhson.eml", "killsent", 2, NULL,
	    "killsent-2@huyenuy.example.vn");
	ingest_sub(cf, "killsent");
	ids = outbox_ids(NULL);
	n = g_strv_length(ids);
	ck_assert_uint_ge(n, 2);
	g_setenv("HOTROCKS_CRASH_AT", "after-sent", TRUE);
	rc = send_pass(cf, NULL, NULL, NULL);
	g_unsetenv("HOTROCKS_CRASH_AT");
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox_copies_owed"),
	    1);
	first = g_strdup(ids[0]);
	got = maildir_read("hotrocks", "Sent");
	ck_assert_int_eq(copies(got, first), 0);
	got_free(got);

	/* the status says what Sent lacks */
	{
		char	*db = dbpath();

		ck_assert_int_eq(test_hotrocks(&out, NULL, "status", "-c", cf,
		    "--db", db, NULL), 0);
		ck_assert_msg(strstr(out, "sent copies    1 letter sent but "
		    "not yet copied to Sent (") != NULL, "%s", out);
		g_free(out);
		g_free(db);
	}
	/* a pass whose login to the folder is refused keeps it owed, and
	 * says so where the operator looks */
	{
		char	*bad = g_build_filename(tmpdir, "bad-pass", NULL);
		char	*bimap = g_strdup_printf("[imap]\nhost = %s\nport = "
			    "%u\nsecurity = tls\nusername = hotrocks\n"
			    "password_file = %s\nca_file = %s\n", srv->name,
			    srv->imaps_port, bad, srv->ca_file);
		char	*bcf = conf("bad.conf", srv->submission_port,
			    "starttls", bimap);

		ck_assert(g_file_set_contents(bad, "not its password\n", -1,
		    NULL));
		/* the rest goes, its copies owed too */
		ck_assert_int_eq(send_pass(bcf, NULL, &out, NULL), 0);
		line = g_strdup_printf("send: %zu letters sent but not yet "
		    "copied to Sent (the log says why", n);
		ck_assert_msg(strstr(out, line) != NULL, "%s", out);
		g_free(line);
		g_free(out);
		g_free(bcf);
		g_free(bimap);
		g_free(bad);
	}
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox_copies_owed"),
	    (long long)n);
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	line = g_strdup_printf("send: 0 sent, 0 deferred, 0 failed (saved %zu "
	    "missing Sent copies of letters sent earlier)\n", n);
	ck_assert_str_eq(out, line);
	g_free(line);
	ck_assert_msg(strstr(out, "not yet copied") == NULL, "%s", out);
	g_free(out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), (long long)n);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox_copies_owed"),
	    0);

	/* killed after the APPEND, before the debt was struck off */
	db_write("INSERT INTO outbox_copies_owed SELECT id FROM outbox");
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	ck_assert_str_eq(out, "send: 0 sent, 0 deferred, 0 failed\n");
	g_free(out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox_copies_owed"),
	    0);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	got = maildir_read("hotrocks", "Sent");
	for (char **id = ids; *id != NULL; id++)
		ck_assert_msg(copies(got, *id) == 1, "%s: %d", *id,
		    copies(got, *id));
	got_free(got);
	got = maildir_read("sink", NULL);
	for (char **id = ids; *id != NULL; id++)
		ck_assert_int_eq(copies(got, *id), 1);
	got_free(got);
	g_strfreev(ids);
	g_free(first);
	g_free(cf);
	g_free(imap);
	g_free(pwf);
}
END_TEST

/* The file in user's Maildir (new or cur) whose text holds both needles,
 * or NULL (g_free). */
static char *
maildir_find(const char *user, const char *a, const char *b)
{
	char		*md = test_servers_maildir(srv, user), *found = NULL;
	static const char *const subs[] = { "new", "cur" };

	for (size_t k = 0; k < G_N_ELEMENTS(subs) && found == NULL; k++) {
		char		*dir = g_build_filename(md, subs[k], NULL);
		GDir		*d = g_dir_open(dir, 0, NULL);
		const char	*name;

		while (d != NULL && found == NULL &&
		    (name = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(dir, name, NULL), *text;

			if (g_file_get_contents(p, &text, NULL, NULL) &&
			    strstr(text, a) != NULL && strstr(text, b) != NULL)
				found = g_strdup(p);
			g_free(text);
			g_free(p);
		}
		if (d != NULL)
			g_dir_close(d);
		g_free(dir);
	}
	g_free(md);
	return (found);
}

/* A reply Postfix takes and then cannot deliver (the unit's mailbox is
 * gone): Postfix's own DSN comes back to the mailbox, is ingested, marks
 * the reply bounced with the remote reason and flags its case; the DSN
 * is never answered. */
START_TEST(smtp_bounce_of_our_reply_comes_back)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*etc = g_strdup_printf("%s/pf/etc", srv->dir);
	char	*argv[] = { "postconf", "-c", etc, "-h", "virtual_alias_maps",
		    NULL };
	char	*maps = NULL, *setting, *out = NULL, *dsn, *mid;
	char	*db = dbpath(), **ids;
	int	 status;
	long long queued;

	/* gone@example.org maps to itself, so it reaches Dovecot by LMTP
	 * instead of the sink, and Dovecot has no such user. */
	ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
	    NULL, &maps, NULL, &status, NULL));
	ck_assert_ptr_nonnull(strstr(maps, "inline:{"));
	g_strstrip(maps);
	setting = g_strdup_printf("virtual_alias_maps = inline:{"
	    "gone@example.org=gone@example.org, %s", maps + strlen("inline:{"));
	postfix_set(setting, "gone@example.org", 250);
	/* Wait for processes started after the reload: a probe address
	 * refused by the new settings only. */
	postfix_set("smtpd_recipient_restrictions = check_recipient_access "
	    "inline:{ {probe-bounce@example.org=450 4.2.0 probe} }",
	    "probe-bounce@example.org", 450);
	sample_as("01-outlook-docx-sontinh.eml", "gone", 1, "gone@example.org",
	    "gone-1@example.org");
	ingest_sub(cf, "gone");
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 0);
	g_free(out);
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'gone@example.org' AND state = 'sent'"), 1);
	ids = outbox_ids("sent");
	queued = db_count("SELECT count(*) FROM outbox");
	mid = NULL;
	for (char **id = ids; *id != NULL && mid == NULL; id++)
		if (g_str_has_prefix(*id, "hotrocks.ack."))
			mid = g_strdup(*id);
	ck_assert_ptr_nonnull(mid);
	dsn = maildir_find("sink", "multipart/report", mid);
	ck_assert_msg(dsn != NULL, "no DSN for %s at the sink", mid);
	ingest(cf, dsn);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox"), queued);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE rcpt ="
	    " 'gone@example.org' AND state = 'bounced' AND last_error LIKE"
	    " '%5.1.1%'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM cases c JOIN outbox o"
	    " ON o.case_id = c.id WHERE o.state = 'bounced' AND c.state ="
	    " 'review'"), 1);
	ck_assert_int_eq(db_count("SELECT count(*) FROM messages WHERE kind ="
	    " 'bounce' AND action = 'ignore'"), 1);
	g_free(setting);
	setting = g_strdup_printf("virtual_alias_maps = %s", maps);
	postfix_set(setting, "probe-bounce@example.org", 450);
	postfix_set("smtpd_recipient_restrictions =",
	    "probe-bounce@example.org", 250);
	g_strfreev(ids);
	g_free(mid);
	g_free(dsn);
	g_free(setting);
	g_free(maps);
	g_free(etc);
	g_free(db);
	g_free(cf);
}
END_TEST

/* The server shows a certificate for another host: nothing is sent, each
 * item deferred with a reason a person can act on. */
START_TEST(smtp_certificate_for_another_host_refused)
{
	char	*cf = conf("h.conf", srv->submission_port, "starttls", NULL);
	char	*out = NULL;
	GArray	*sink;

	sample_as("01-outlook-docx-sontinh.eml", "wrong", 1, NULL,
	    "wrong-1@huyenuy.example.vn");
	ingest_sub(cf, "wrong");
	ck_assert_int_eq(send_pass(cf, NULL, &out, NULL), 75);
	ck_assert_msg(strstr(out, "0 sent") != NULL, "%s", out);
	g_free(out);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE state !="
	    " 'deferred'"), 0);
	ck_assert_int_eq(db_count("SELECT count(*) FROM outbox WHERE"
	    " last_error LIKE '%STARTTLS%' AND (last_error LIKE '%host%'"
	    " OR last_error LIKE '%name%')"), db_count("SELECT count(*)"
	    " FROM outbox"));
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	sink = maildir_read("sink", NULL);
	ck_assert_uint_eq(sink->len, 0);
	got_free(sink);
	g_free(cf);
}
END_TEST

Suite *
smtp_suite(void)
{
	Suite	*s = suite_create("smtp");
	TCase	*tc;

	tc = tcase_create("postfix");
	tcase_add_unchecked_fixture(tc, up_good, down);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, smtp_starttls_each_reply_once_with_its_headers);
	tcase_add_test(tc, smtp_smtps_delivers);
	tcase_add_test(tc, smtp_down_then_up_after_the_backoff);
	tcase_add_test(tc, smtp_4xx_then_success_and_5xx_refusal);
	tcase_add_test(tc, smtp_kill_between_data_and_record);
	tcase_add_test(tc, smtp_auto_reply_storm_answered_never);
	tcase_add_test(tc, smtp_copy_in_sent);
	tcase_add_test(tc, smtp_restored_store_does_not_send_twice);
	tcase_add_test(tc, smtp_sent_folder_unreachable_still_sends);
	tcase_add_test(tc, smtp_kill_before_the_sent_copy);
	tcase_add_test(tc, smtp_bounce_of_our_reply_comes_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrong host");
	tcase_add_unchecked_fixture(tc, up_wrong, down);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, smtp_certificate_for_another_host_refused);
	suite_add_tcase(s, tc);
	return (s);
}
