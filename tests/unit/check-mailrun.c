/* check-mailrun.c: `hotrocks run` as the service runs, against the
 * private Postfix and Dovecot (tests/unit/servers.c): units and the Cục
 * write through Postfix's SMTP listener with their own client
 * (mail-client.py: smtplib, imaplib), hotrocks reads its INBOX over IMAPS
 * in IDLE, answers through the submission port (STARTTLS, AUTH) and keeps
 * a copy of each message in Sent over IMAP, all in the one run process;
 * each side reads back over IMAP what reached its mailbox.
 *  - a list rejected, the unit's corrected list sent in the same thread:
 *    threaded headers both ways, the rejected message superseded, one
 *    case, greeting and To: naming the unit alike;
 *  - the Cục's answer to the forward: threaded into that case, flagged
 *    for a person, never answered;
 *  - forward_mode = daily: the forward gathering three cases is built and
 *    delivered by run itself, and one that comes due while run waits is
 *    built at its next wake-up.
 * Servers start in unchecked fixtures, so they stop even when a test
 * fails; waits are bounded by check's timeout, never asserted. */
#include <sys/wait.h>

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <gmime/gmime.h>
#include <sqlite3.h>

#include "intake/mime.h"
#include "tests/unit/servers.h"
#include "tests/unit/testlib.h"

static struct test_servers	*srv;
static char			*tmpdir, *conf, *db;

/* One message as read back over IMAP. */
struct got {
	char	*message_id;		/* without <> */
	char	*in_reply_to;
	char	*references;
	char	*subject;		/* decoded */
	char	*to_name;		/* the To: display name, decoded */
	char	*body;			/* first text/plain, decoded */
};

static void
up(void)
{
	char *cause = NULL;

	mime_init();
	if ((srv = test_servers_start(TEST_SERVERS_POSTFIX, &cause)) == NULL)
		ck_abort_msg("test servers: %s", cause);
}

static void
down(void)
{
	test_servers_stop(srv);
	srv = NULL;
}

static void
setup(void)
{
	tmpdir = g_build_filename(srv->dir, "t-XXXXXX", NULL);
	ck_assert_ptr_nonnull(g_mkdtemp(tmpdir));
	db = g_build_filename(tmpdir, "h.db", NULL);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	g_free(conf);
	g_free(db);
	conf = NULL;
}

/* The service's config: hotrocks@localhost reads its INBOX over IMAPS and
 * sends through submission (STARTTLS, AUTH); the Cục is ca@bcy.gov.vn,
 * whose mail Postfix leaves in the sink's mailbox (a domain of its own:
 * the Cục is known by its domain, and every user here is @localhost);
 * forwards need no approval. extra: more keys. */
static void
write_conf(const char *extra)
{
	char	*pw = test_servers_password_file(srv, "hotrocks");
	char	*text;

	conf = g_build_filename(tmpdir, "h.conf", NULL);
	text = g_strdup_printf("[store]\ndatabase = %s\n"
	    "[mailbox]\naddress = hotrocks@localhost\n"
	    "[rules]\nrequire_signature = false\n"
	    "[cuc]\naddress = ca@bcy.gov.vn\nforward_approval = none\n%s"
	    "[imap]\nhost = %s\nport = %u\nsecurity = tls\nca_file = %s\n"
	    "username = hotrocks\npassword_file = %s\ntimeout = 10\n"
	    "[smtp]\nhost = %s\nport = %u\nsecurity = starttls\n"
	    "username = hotrocks\npassword_file = %s\nca_file = %s\n"
	    "timeout = 10s\n", db, extra != NULL ? extra : "", srv->name,
	    srv->imaps_port, srv->ca_file, pw, srv->name,
	    srv->submission_port, pw, srv->ca_file);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	g_free(text);
	g_free(pw);
}

static char *
client_path(void)
{
	const char *d = getenv("HOTROCKS_TEST_SCRIPTS");

	return (g_build_filename(d ? d : "tests/unit", "mail-client.py",
	    NULL));
}

/* True for a header line (or its continuation) named in drop. */
static bool
dropped(const char *line, const char *const *drop)
{
	for (size_t i = 0; drop[i] != NULL; i++)
		if (g_ascii_strncasecmp(line, drop[i], strlen(drop[i])) == 0)
			return (true);
	return (false);
}

/*
 * Sample name as a new message in tmpdir/file: its From: address becomes
 * from (the display name kept), To: hotrocks, Message-ID <mid>; subject,
 * in_reply_to and references, when not NULL, replace the sample's.
 */
static char *
compose_from(const char *name, const char *file, const char *from,
    const char *mid, const char *subject, const char *in_reply_to,
    const char *references)
{
	static const char *const drop[] = { "To:", "Message-ID:",
	    "In-Reply-To:", "References:", NULL };
	char	*src = g_build_filename(test_samples_dir(), name, NULL);
	char	*dst = g_build_filename(tmpdir, file, NULL);
	char	*text, **lines;
	GString	*out = g_string_new(NULL), *fromh = NULL;
	bool	 head = true, skip = false;

	ck_assert(g_file_get_contents(src, &text, NULL, NULL));
	lines = g_strsplit(text, "\n", -1);
	g_string_append_printf(out, "To: hotrocks@localhost\r\n"
	    "Message-ID: <%s>\r\n", mid);
	if (in_reply_to != NULL)
		g_string_append_printf(out, "In-Reply-To: %s\r\n",
		    in_reply_to);
	if (references != NULL)
		g_string_append_printf(out, "References: %s\r\n", references);
	if (subject != NULL)
		g_string_append_printf(out, "Subject: %s\r\n", subject);
	for (char **l = lines; *l != NULL; l++) {
		char	*line = g_strdup(*l);
		bool	 cont = head && (*line == ' ' || *line == '\t');

		g_strchomp(line);
		if (head && !cont && fromh != NULL) {
			/* the display name kept, the address ours */
			char *lt = strrchr(fromh->str, '<');

			if (lt != NULL)
				g_string_truncate(fromh,
				    (gsize)(lt - fromh->str));
			g_string_append_printf(out, "%s <%s>\r\n",
			    g_strchomp(fromh->str), from);
			g_string_free(fromh, TRUE);
			fromh = NULL;
		}
		if (head && *line == '\0')
			head = false;
		if (cont && fromh != NULL) {
			g_string_append_printf(fromh, " %s", g_strchug(line));
			g_free(line);
			continue;
		}
		if (cont && skip) {
			g_free(line);
			continue;
		}
		if (head && !cont) {
			skip = dropped(line, drop) || (subject != NULL &&
			    g_ascii_strncasecmp(line, "Subject:", 8) == 0);
			if (g_ascii_strncasecmp(line, "From:", 5) == 0) {
				fromh = g_string_new(line);
				g_free(line);
				continue;
			}
			if (skip) {
				g_free(line);
				continue;
			}
		}
		g_free(line);
		g_string_append(out, *l);
		if (l[1] != NULL)
			g_string_append_c(out, '\n');
	}
	ck_assert(g_file_set_contents(dst, out->str, out->len, NULL));
	g_strfreev(lines);
	g_string_free(out, TRUE);
	g_free(text);
	g_free(src);
	return (dst);
}

/* The message at path, from from to to, through Postfix's SMTP. */
static void
smtp_send(const char *from, const char *to, const char *path)
{
	char	*script = client_path();
	char	*port = g_strdup_printf("%u", srv->smtp_port);
	char	*argv[] = { "/usr/bin/python3", script, "send", port,
		    (char *)from, (char *)to, (char *)path, NULL };
	char	*err = NULL;
	int	 status;

	ck_assert(g_spawn_sync(NULL, argv, NULL, 0, NULL, NULL, NULL, &err,
	    &status, NULL));
	ck_assert_msg(g_spawn_check_wait_status(status, NULL), "send: %s",
	    err);
	g_free(err);
	g_free(port);
	g_free(script);
}

static char *
plain_text(GMimeObject *o)
{
	char *s;

	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			if ((s = plain_text(g_mime_multipart_get_part(mp, i))))
				return (s);
		return (NULL);
	}
	if (!GMIME_IS_TEXT_PART(o) || !g_mime_content_type_is_type(
	    g_mime_object_get_content_type(o), "text", "plain"))
		return (NULL);
	return (g_mime_text_part_get_text(GMIME_TEXT_PART(o)));
}

static void
got_free(GArray *v)
{
	for (guint i = 0; i < v->len; i++) {
		struct got *g = &g_array_index(v, struct got, i);

		g_free(g->message_id);
		g_free(g->in_reply_to);
		g_free(g->references);
		g_free(g->subject);
		g_free(g->to_name);
		g_free(g->body);
	}
	g_array_free(v, TRUE);
}

/* Every message of user's folder, read over IMAP, in arrival order. */
static GArray *
imap_read(const char *user, const char *folder)
{
	static int	 n;
	GArray		*v = g_array_new(FALSE, TRUE, sizeof(struct got));
	char		*script = client_path();
	char		*port = g_strdup_printf("%u", srv->imap_port);
	char		*pwf = test_servers_password_file(srv, user);
	char		*out = g_strdup_printf("%s/fetch%d", tmpdir, ++n);
	char		*argv[] = { "/usr/bin/python3", script, "fetch", port,
			    (char *)user, pwf, (char *)folder, out, NULL };
	char		*stdout_s = NULL, *err = NULL;
	int		 status, count;

	ck_assert(g_spawn_sync(NULL, argv, NULL, 0, NULL, NULL, &stdout_s,
	    &err, &status, NULL));
	ck_assert_msg(g_spawn_check_wait_status(status, NULL), "fetch: %s",
	    err);
	count = atoi(stdout_s);
	for (int i = 1; i <= count; i++) {
		char		*p = g_strdup_printf("%s/%d.eml", out, i);
		GMimeStream	*fs = g_mime_stream_fs_open(p, O_RDONLY, 0,
				    NULL);
		GMimeParser	*parser;
		GMimeMessage	*m;
		struct got	 g = { 0 };
		InternetAddressList *to;

		ck_assert_ptr_nonnull(fs);
		parser = g_mime_parser_new_with_stream(fs);
		m = g_mime_parser_construct_message(parser, NULL);
		ck_assert_ptr_nonnull(m);
		g.message_id = g_strdup(g_mime_message_get_message_id(m));
		g.in_reply_to = test_message_header(m, "In-Reply-To");
		g.references = test_message_header(m, "References");
		g.subject = g_strdup(g_mime_message_get_subject(m));
		to = g_mime_message_get_to(m);
		if (to != NULL && internet_address_list_length(to) > 0)
			g.to_name = g_strdup(internet_address_get_name(
			    internet_address_list_get_address(to, 0)));
		g.body = plain_text(g_mime_message_get_mime_part(m));
		g_array_append_val(v, g);
		g_object_unref(m);
		g_object_unref(parser);
		g_object_unref(fs);
		g_free(p);
	}
	g_free(stdout_s);
	g_free(err);
	g_free(out);
	g_free(pwf);
	g_free(port);
	g_free(script);
	return (v);
}

/* Reads user's folder until it holds at least n messages; after 30 s
 * of waiting, says once on stderr what run logged (the check timeout
 * ends the test). */
static GArray *
imap_wait(const char *user, const char *folder, guint n)
{
	for (int tries = 0;; tries++) {
		GArray *v = imap_read(user, folder);

		if (v->len >= n)
			return (v);
		got_free(v);
		if (tries == 150) {
			char *log = g_build_filename(tmpdir, "run.log", NULL);
			char *text = NULL;

			g_file_get_contents(log, &text, NULL, NULL);
			fprintf(stderr, "waiting for %u in %s's %s; run.log:\n"
			    "%s\n", n, user, folder, text ? text : "(none)");
			g_free(text);
			g_free(log);
		}
		g_usleep(200 * 1000);
	}
}

/* How many messages user's folder holds now: the suite's tests share
 * the servers, so each counts from what the ones before left. */
static guint
imap_count(const char *user, const char *folder)
{
	GArray	*v = imap_read(user, folder);
	guint	 n = v->len;

	got_free(v);
	return (n);
}

static struct got *
find(GArray *v, const char *message_id)
{
	for (guint i = 0; i < v->len; i++)
		if (g_strcmp0(g_array_index(v, struct got, i).message_id,
		    message_id) == 0)
			return (&g_array_index(v, struct got, i));
	return (NULL);
}

/* One value of the store, read while run may be writing. */
static long long
count(const char *sql)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	long long	 v = -1;

	if (g_file_test(db, G_FILE_TEST_EXISTS) &&
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(h, 10000);
		if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return (v);
}

static bool
file_has(const char *path, const char *needle)
{
	char	*text = NULL;
	bool	 r;

	g_file_get_contents(path, &text, NULL, NULL);
	r = text != NULL && strstr(text, needle) != NULL;
	g_free(text);
	return (r);
}

/* `run` in the background, its log in tmpdir/run.log; back once it has
 * connected. */
static GPid
run_start(void)
{
	const char	*bin = getenv("HOTROCKS_BIN");
	char		*log = g_build_filename(tmpdir, "run.log", NULL);
	char		*argv[] = { "/bin/sh", "-c", "exec \"$0\" run -c \"$1\" "
			    "2>\"$2\"", (char *)(bin ? bin : "build/hotrocks"),
			    conf, log, NULL };
	GPid		 pid;

	ck_assert(g_spawn_async(NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
	    NULL, NULL, &pid, NULL));
	while (!file_has(log, "connected"))
		g_usleep(20 * 1000);
	g_free(log);
	return (pid);
}

static void
run_stop(GPid pid)
{
	char	*log = g_build_filename(tmpdir, "run.log", NULL);
	char	*text = NULL;
	int	 status;

	kill(pid, SIGTERM);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	g_file_get_contents(log, &text, NULL, NULL);
	test_output_keep(text);
	g_free(text);
	g_free(log);
}

static void
assert_has(const char *text, const char *needle)
{
	ck_assert_msg(text != NULL && strstr(text, needle) != NULL,
	    "\"%s\" not in:\n%s", needle, text);
}

/*
 * The whole conversation under one run process: a list rejected, the
 * unit's corrected list in the same thread, the Cục's answer to the
 * forward; every reply over SMTP into the unit's or the Cục's mailbox,
 * read back over IMAP, and a copy of each in hotrocks's Sent.
 */
START_TEST(mailrun_threads_through_the_servers)
{
	GArray		*unit, *cuc, *sent;
	struct got	*rej, *ack, *fwd;
	char		*p, *subj, *refs, *greet, *irt, *rej_id;
	guint		 unit0, sink0, sent0;
	GPid		 pid;

	write_conf(NULL);
	unit0 = imap_count("unit1", "INBOX");
	sink0 = imap_count("sink", "INBOX");
	sent0 = imap_count("hotrocks", "Sent");
	pid = run_start();

	/* 1. A list with row errors: rejected, answered in its thread. */
	p = compose_from("05-zimbra-docx-row-errors.eml", "list1.eml",
	    "unit1@localhost", "list1@unit1.test", NULL, NULL, NULL);
	smtp_send("unit1@localhost", "hotrocks@localhost", p);
	g_free(p);
	unit = imap_wait("unit1", "INBOX", unit0 + 1);
	ck_assert_uint_eq(unit->len, unit0 + 1);
	rej = &g_array_index(unit, struct got, unit0);
	ck_assert_msg(g_str_has_prefix(rej->message_id, "hotrocks.reject."),
	    "%s", rej->message_id);
	ck_assert_str_eq(rej->in_reply_to, "<list1@unit1.test>");
	assert_has(rej->references, "<list1@unit1.test>");
	assert_has(rej->body, "Văn phòng Tỉnh ủy chưa tiếp nhận");
	/* the greeting and the To: line name the unit alike */
	ck_assert_ptr_nonnull(rej->to_name);
	greet = g_strdup_printf("Kính gửi: %s.", rej->to_name);
	assert_has(rej->body, greet);
	g_free(greet);
	ck_assert_int_eq(count("SELECT count(*) FROM cases"), 0);
	rej_id = g_strdup(rej->message_id);

	/* 2. The unit answers that letter with the corrected list. */
	subj = g_strdup_printf("Re: %s", rej->subject);
	irt = g_strdup_printf("<%s>", rej->message_id);
	refs = g_strdup_printf("<list1@unit1.test> %s", irt);
	p = compose_from("01-outlook-docx-sontinh.eml", "list2.eml",
	    "unit1@localhost", "list2@unit1.test", subj, irt, refs);
	smtp_send("unit1@localhost", "hotrocks@localhost", p);
	g_free(p);
	got_free(unit);
	unit = imap_wait("unit1", "INBOX", unit0 + 2);
	ck_assert_uint_eq(unit->len, unit0 + 2);
	ack = &g_array_index(unit, struct got, unit0 + 1);
	ck_assert_msg(g_str_has_prefix(ack->message_id, "hotrocks.ack."),
	    "%s", ack->message_id);
	ck_assert_str_eq(ack->in_reply_to, "<list2@unit1.test>");
	/* the whole thread: the first list, our rejection, the answer */
	assert_has(ack->references, "<list1@unit1.test>");
	assert_has(ack->references, irt);
	assert_has(ack->references, "<list2@unit1.test>");
	assert_has(ack->subject, "[HT-");
	/* one case, opened by the corrected list, superseding the first */
	ck_assert_int_eq(count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases c JOIN messages m"
	    " ON m.id = c.supersedes WHERE m.message_id ="
	    " '<list1@unit1.test>'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM messages m JOIN cases c"
	    " ON c.id = m.case_id WHERE m.message_id = '<list2@unit1.test>'"),
	    1);

	/* 3. The forward reaches the Cục; the Cục answers it. */
	cuc = imap_wait("sink", "INBOX", sink0 + 1);
	ck_assert_uint_eq(cuc->len, sink0 + 1);
	fwd = &g_array_index(cuc, struct got, sink0);
	ck_assert_msg(g_str_has_prefix(fwd->message_id, "hotrocks.forward."),
	    "%s", fwd->message_id);
	g_free(irt);
	g_free(subj);
	irt = g_strdup_printf("<%s>", fwd->message_id);
	subj = g_strdup_printf("Re: %s", fwd->subject);
	{
		char *text = g_strdup_printf("From: Cuc CTS <ca@bcy.gov.vn>\r\n"
		    "To: hotrocks@localhost\r\nSubject: %s\r\n"
		    "Message-ID: <answer1@cuc.test>\r\nIn-Reply-To: %s\r\n"
		    "References: %s\r\nMIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: 8bit\r\n\r\n"
		    "Cục đã kích hoạt các thuê bao.\r\n", subj, irt, irt);

		p = g_build_filename(tmpdir, "cuc.eml", NULL);
		ck_assert(g_file_set_contents(p, text, -1, NULL));
		g_free(text);
	}
	smtp_send("ca@bcy.gov.vn", "hotrocks@localhost", p);
	g_free(p);
	while (count("SELECT count(*) FROM messages WHERE message_id ="
	    " '<answer1@cuc.test>'") != 1)
		g_usleep(50 * 1000);
	/* threaded into the case, flagged, never answered */
	ck_assert_int_eq(count("SELECT count(*) FROM messages m JOIN cases c"
	    " ON c.id = m.case_id WHERE m.message_id = '<answer1@cuc.test>'"
	    " AND c.flag = 'reply_received'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox o JOIN messages m"
	    " ON m.id = o.msg_id WHERE m.message_id = '<answer1@cuc.test>'"),
	    0);

	/* 4. A copy of each message sent, in Sent, by the same run. */
	sent = imap_wait("hotrocks", "Sent", sent0 + 3);
	ck_assert_ptr_nonnull(find(sent, rej_id));
	ck_assert_ptr_nonnull(find(sent, ack->message_id));
	ck_assert_ptr_nonnull(find(sent, fwd->message_id));
	ck_assert_uint_eq(sent->len, sent0 + 3);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state !="
	    " 'sent'"), 0);
	run_stop(pid);

	/* Nothing more reached the unit or the Cục. */
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	got_free(unit);
	got_free(cuc);
	unit = imap_read("unit1", "INBOX");
	cuc = imap_read("sink", "INBOX");
	ck_assert_uint_eq(unit->len, unit0 + 2);
	ck_assert_uint_eq(cuc->len, sink0 + 1);
	got_free(sent);
	got_free(unit);
	got_free(cuc);
	g_free(irt);
	g_free(subj);
	g_free(refs);
	g_free(rej_id);
}
END_TEST

/*
 * forward_mode = daily, forward_time passed: three lists waiting in the
 * INBOX when run starts are acknowledged, and run itself builds one
 * forward carrying the three cases and delivers it to the Cục.
 */
START_TEST(mailrun_daily_forward_under_run)
{
	static const char *const lists[] = { "01-outlook-docx-sontinh.eml",
	    "02-thunderbird-xlsx-btg.eml", "03-zimbra-xlsx-binhson.eml" };
	GArray		*cuc, *units;
	struct got	*fwd;
	guint		 unit0, unit20, sink0;
	GPid		 pid;

	write_conf("forward_mode = daily\nforward_time = 00:00\n");
	unit0 = imap_count("unit1", "INBOX");
	unit20 = imap_count("unit2", "INBOX");
	sink0 = imap_count("sink", "INBOX");
	for (size_t i = 0; i < G_N_ELEMENTS(lists); i++) {
		char *name = g_strdup_printf("l%zu.eml", i);
		char *mid = g_strdup_printf("daily%zu@unit.test", i);
		char *from = i == 1 ? "unit2@localhost" : "unit1@localhost";
		char *p = compose_from(lists[i], name, from, mid, NULL, NULL,
		    NULL);

		smtp_send(from, "hotrocks@localhost", p);
		g_free(p);
		g_free(mid);
		g_free(name);
	}
	ck_assert_int_eq(test_servers_postfix_drained(srv), 0);
	units = imap_wait("hotrocks", "INBOX", 3);
	got_free(units);
	pid = run_start();
	cuc = imap_wait("sink", "INBOX", sink0 + 1);
	ck_assert_uint_eq(cuc->len, sink0 + 1);
	fwd = &g_array_index(cuc, struct got, sink0);
	ck_assert_msg(g_str_has_prefix(fwd->message_id, "hotrocks.forward."
	    "daily-"),
	    "%s", fwd->message_id);
	ck_assert_int_eq(count("SELECT count(*) FROM forwards WHERE mode ="
	    " 'daily'"), 1);
	ck_assert_int_eq(count("SELECT count(DISTINCT case_id) FROM"
	    " forward_items"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE state ="
	    " 'forwarded'"), 3);
	/* each case number in the letter to the Cục */
	for (int i = 1; i <= 3; i++) {
		char *n = g_strdup_printf("-00000%d", i);

		assert_has(fwd->body, n);
		g_free(n);
	}
	/* and each unit acknowledged over SMTP */
	units = imap_wait("unit1", "INBOX", unit0 + 2);
	ck_assert_uint_eq(units->len, unit0 + 2);
	got_free(units);
	units = imap_wait("unit2", "INBOX", unit20 + 1);
	ck_assert_uint_eq(units->len, unit20 + 1);
	got_free(units);
	run_stop(pid);
	got_free(cuc);
}
END_TEST

/*
 * What staff release while run waits in IDLE with nothing arriving (an
 * outbox retry, as case done or forward approve queue theirs) leaves
 * within poll_interval: run delivers the outbox that often while it
 * waits, where it used to wait for the next pass, up to 29 minutes in
 * IDLE (finding 11 of the e2e trial; here Dovecot's own notice woke it
 * after about 90 s). The check timeout of its test case, 60 s, bounds
 * the wait: the letter leaves in about 2.
 */
START_TEST(mailrun_released_mail_leaves_while_idle)
{
	char		*p, *out = NULL, *err = NULL, *id;
	GArray		*unit;
	guint		 unit0;
	GPid		 pid;
	int		 rc;

	write_conf("[imap]\npoll_interval = 2\n");
	unit0 = imap_count("unit1", "INBOX");
	p = compose_from("01-outlook-docx-sontinh.eml", "idle.eml",
	    "unit1@localhost", "idle1@unit.test", NULL, NULL, NULL);
	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c", conf, p, NULL);
	ck_assert_msg(rc == 0, "%s", err);
	g_free(out);
	g_free(err);
	/* everything it queued, cancelled: run's first pass sends nothing */
	id = g_strdup_printf("%lld", count("SELECT id FROM outbox WHERE"
	    " purpose = 'ack'"));
	for (long long i = 1; i <= count("SELECT max(id) FROM outbox"); i++) {
		char *n = g_strdup_printf("%lld", i);

		ck_assert_int_eq(test_hotrocks(&out, &err, "outbox", "cancel",
		    n, "-c", conf, NULL), 0);
		g_free(out);
		g_free(err);
		g_free(n);
	}
	pid = run_start();
	while (count("SELECT count(*) FROM imap_folders WHERE last_pass_at"
	    " IS NOT NULL") < 1)
		g_usleep(20 * 1000);
	g_usleep(500 * 1000);		/* past the pass's own delivery */
	ck_assert_int_eq(test_hotrocks(&out, &err, "outbox", "retry", id, "-c",
	    conf, NULL), 0);
	assert_has(out, "leaves within 2 s");
	g_free(out);
	g_free(err);
	unit = imap_wait("unit1", "INBOX", unit0 + 1);
	ck_assert_uint_eq(unit->len, unit0 + 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state ="
	    " 'sent'"), 1);
	run_stop(pid);
	got_free(unit);
	g_free(id);
	g_free(p);
}
END_TEST

/*
 * forward_mode = daily, forward_time passed, nothing to forward when run
 * makes its pass; a list then accepted by `ingest` while run waits in
 * IDLE with nothing arriving: the day's forward is built and leaves at
 * run's next wake-up (poll_interval), as after a step of the wall clock
 * past forward_time, where it used to wait for the next pass, up to 29
 * minutes in IDLE (trial 3, finding 6). The test case's 60 s bound the
 * wait; it leaves in about 2.
 */
START_TEST(mailrun_daily_forward_built_while_idle)
{
	char		*p, *out = NULL, *err = NULL;
	GArray		*cuc;
	struct got	*fwd;
	guint		 sink0;
	GPid		 pid;
	int		 rc;

	write_conf("forward_mode = daily\nforward_time = 00:00\n"
	    "[imap]\npoll_interval = 2\n");
	sink0 = imap_count("sink", "INBOX");
	pid = run_start();
	while (count("SELECT count(*) FROM imap_folders WHERE last_pass_at"
	    " IS NOT NULL") < 1)
		g_usleep(20 * 1000);
	g_usleep(500 * 1000);		/* past the pass's own forward */
	ck_assert_int_eq(count("SELECT count(*) FROM forwards"), 0);
	p = compose_from("01-outlook-docx-sontinh.eml", "late.eml",
	    "unit1@localhost", "late1@unit.test", NULL, NULL, NULL);
	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c", conf, p, NULL);
	ck_assert_msg(rc == 0, "%s", err);
	g_free(out);
	g_free(err);
	cuc = imap_wait("sink", "INBOX", sink0 + 1);
	ck_assert_uint_eq(cuc->len, sink0 + 1);
	fwd = &g_array_index(cuc, struct got, sink0);
	ck_assert_msg(g_str_has_prefix(fwd->message_id, "hotrocks.forward."
	    "daily-"), "%s", fwd->message_id);
	ck_assert_int_eq(count("SELECT count(*) FROM forwards WHERE mode ="
	    " 'daily'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE state ="
	    " 'forwarded'"), 1);
	run_stop(pid);
	got_free(cuc);
	g_free(p);
}
END_TEST

Suite *
mailrun_suite(void)
{
	Suite	*s = suite_create("mailrun");
	TCase	*tc = tcase_create("mailrun");

	tcase_add_unchecked_fixture(tc, up, down);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, mailrun_threads_through_the_servers);
	tcase_add_test(tc, mailrun_daily_forward_under_run);
	suite_add_tcase(s, tc);
	tc = tcase_create("idle");
	tcase_add_unchecked_fixture(tc, up, down);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, mailrun_released_mail_leaves_while_idle);
	tcase_add_test(tc, mailrun_daily_forward_built_while_idle);
	suite_add_tcase(s, tc);
	return (s);
}
