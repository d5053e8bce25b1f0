/* check-sender-smtp.c: the SMTP sender against a scripted server
 * (tests/unit/smtp-script.py, aiosmtpd) for the replies Postfix will not
 * give on demand: every 4xx and 5xx step, cuts, stalls, AUTH, reuse. */
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "outbox/sender.h"

#define PYTHON	"/usr/bin/python3"

struct script {
	GPid	 pid;
	unsigned port;
	char	*dir;
};

static struct script srv;

static const char msg[] =
    "From: HotroCKS <HotroCKS@quangngai.dcs.vn>\r\n"
    "To: vanphong@sontinh.quangngai.gov.vn\r\n"
    "Subject: =?UTF-8?B?VHLhuqMgbOG7nWk=?=\r\n"
    "Message-ID: <test-1@hotrocks.invalid>\r\n"
    "\r\n"
    "First line.\r\n"
    ".a line that starts with a dot\r\n"
    "..and one with two\r\n"
    "Last line.\r\n";

static char *
script_path(void)
{
	const char *d = getenv("HOTROCKS_TEST_SRC");

	return (g_build_filename(d ? d : "tests/unit", "smtp-script.py",
	    NULL));
}

/* The server goes when the test process does, even one that failed
 * before its teardown. */
static void
die_with_parent(gpointer unused)
{
	(void)unused;
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts the scripted server; auth "user:pass" or NULL. */
static void
script_start(struct script *s, const char *auth)
{
	char	*path = script_path();
	char	*argv[] = { (char *)PYTHON, path, NULL, NULL };
	char   **envp = g_get_environ();
	GError	*err = NULL;
	int	 out;
	FILE	*f;

	s->dir = g_dir_make_tmp("hotrocks-smtp-XXXXXX", NULL);
	ck_assert_ptr_nonnull(s->dir);
	argv[2] = s->dir;
	if (auth != NULL)
		envp = g_environ_setenv(envp, "SMTP_SCRIPT_AUTH", auth, TRUE);
	if (!g_spawn_async_with_pipes(NULL, argv, envp,
	    G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL, &s->pid, NULL, &out, NULL,
	    &err))
		ck_abort_msg("spawn %s: %s", path, err->message);
	f = fdopen(out, "r");
	if (fscanf(f, "%u", &s->port) != 1)
		ck_abort_msg("%s printed no port (is python3-aiosmtpd "
		    "installed? make deps)", path);
	fclose(f);
	g_strfreev(envp);
	g_free(path);
}

static void
script_stop(struct script *s)
{
	int st;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, &st, 0);
		s->pid = 0;
	}
	if (s->dir != NULL) {
		GDir		*d = g_dir_open(s->dir, 0, NULL);
		const char	*n;

		while (d != NULL && (n = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(s->dir, n, NULL);

			g_unlink(p);
			g_free(p);
		}
		if (d != NULL)
			g_dir_close(d);
		g_rmdir(s->dir);
		g_free(s->dir);
		s->dir = NULL;
	}
}

static void
setup(void)
{
	script_start(&srv, NULL);
}

static void
teardown(void)
{
	script_stop(&srv);
}

/* How many lines of the server's log start with prefix. */
static int
log_count(const struct script *s, const char *prefix)
{
	char	*p = g_build_filename(s->dir, "log", NULL);
	char	*text = NULL;
	char   **lines;
	int	 n = 0;

	if (g_file_get_contents(p, &text, NULL, NULL)) {
		lines = g_strsplit(text, "\n", -1);
		for (size_t i = 0; lines[i] != NULL; i++)
			n += g_str_has_prefix(lines[i], prefix);
		g_strfreev(lines);
	}
	g_free(text);
	g_free(p);
	return (n);
}

static void *
open_plain(const struct script *s, unsigned timeout, const char *user,
    const char *pass)
{
	struct sender_settings	 set = {
		.host = "127.0.0.1",
		.port = s->port,
		.security = SENDER_SECURITY_NONE,
		.username = user,
		.password = pass,
		.timeout = timeout,
	};
	char			*cause = NULL;
	void			*st = sender_smtp.open(&set, &cause);

	ck_assert_msg(st != NULL, "%s", cause);
	return (st);
}

static enum sender_result
send_to(void *st, const char *rcpt, char **cause)
{
	*cause = NULL;
	return (sender_smtp.send(st, "HotroCKS@quangngai.dcs.vn", rcpt, msg,
	    sizeof(msg) - 1, cause));
}

START_TEST(smtp_delivers_bytes_with_dots)
{
	void	*st = open_plain(&srv, 5, NULL, NULL);
	char	*cause = NULL, *path, *got = NULL;
	gsize	 len;

	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause), SENDER_SENT);
	ck_assert_ptr_null(cause);
	sender_smtp.close(st);
	path = g_build_filename(srv.dir, "1.eml", NULL);
	ck_assert(g_file_get_contents(path, &got, &len, NULL));
	/* the server undoes the dot-stuffing: the same bytes arrive */
	ck_assert_uint_eq(len, sizeof(msg) - 1);
	ck_assert_str_eq(got, msg);
	ck_assert_int_eq(log_count(&srv, "MAIL HotroCKS@quangngai.dcs.vn"),
	    1);
	ck_assert_int_eq(log_count(&srv, "RCPT unit@example.vn"), 1);
	g_free(got);
	g_free(path);
}
END_TEST

START_TEST(smtp_reuses_one_connection_with_rset)
{
	void	*st = open_plain(&srv, 5, NULL, NULL);
	char	*cause;

	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(send_to(st, "unit@example.vn", &cause),
		    SENDER_SENT);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&srv, "EHLO"), 1);
	ck_assert_int_eq(log_count(&srv, "RSET"), 2);
	ck_assert_int_eq(log_count(&srv, "DATA"), 3);
}
END_TEST

/* Each scripted refusal: the result and the reply carried in *cause. */
static const struct {
	const char		*rcpt;
	enum sender_result	 want;
	const char		*cause;
} refusals[] = {
	{ "rcpt450@example.vn", SENDER_DEFER,
	  "RCPT TO: 450 4.2.1 <rcpt450@example.vn>: mailbox busy" },
	{ "rcpt550@example.vn", SENDER_FAIL,
	  "RCPT TO: 550 5.1.1 <rcpt550@example.vn>: no such user" },
	{ "data451@example.vn", SENDER_DEFER,
	  "end of DATA: 451 4.3.0 queue file write error" },
	{ "data554@example.vn", SENDER_FAIL,
	  "end of DATA: 554 5.6.0 message content rejected" },
	{ "drop@example.vn", SENDER_DEFER, "end of DATA: 127.0.0.1:" },
};

START_TEST(smtp_refusal_is_classified_with_the_reply)
{
	void	*st = open_plain(&srv, 5, NULL, NULL);
	char	*cause;

	ck_assert_int_eq(send_to(st, refusals[_i].rcpt, &cause),
	    refusals[_i].want);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(g_str_has_prefix(cause, refusals[_i].cause),
	    "cause '%s'", cause);
	g_free(cause);
	/* the same sender goes on: the next message is taken */
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause), SENDER_SENT);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&srv, "DATA"),
	    g_str_has_prefix(refusals[_i].rcpt, "rcpt") ? 1 : 2);
}
END_TEST

START_TEST(smtp_450_then_accepted)
{
	void	*st = open_plain(&srv, 5, NULL, NULL);
	char	*cause;

	ck_assert_int_eq(send_to(st, "once450@example.vn", &cause),
	    SENDER_DEFER);
	ck_assert_ptr_nonnull(strstr(cause, "greylisted"));
	g_free(cause);
	ck_assert_int_eq(send_to(st, "once450@example.vn", &cause),
	    SENDER_SENT);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&srv, "DATA"), 1);
}
END_TEST

START_TEST(smtp_idle_connection_closed_by_server_is_reopened)
{
	void	*st = open_plain(&srv, 5, NULL, NULL);
	char	*cause;

	ck_assert_int_eq(send_to(st, "hangup@example.vn", &cause),
	    SENDER_SENT);
	g_usleep(300 * 1000);	/* the server hangs up 50 ms after 250 */
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause), SENDER_SENT);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&srv, "EHLO"), 2);
	ck_assert_int_eq(log_count(&srv, "DATA"), 2);
}
END_TEST

START_TEST(smtp_server_down_defers)
{
	struct script	 down = { .port = 0 };
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t	 sl = sizeof(sin);
	int		 fd = socket(AF_INET, SOCK_STREAM, 0);
	void		*st;
	char		*cause;

	/* a port nobody listens on: bound, then closed */
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &sl), 0);
	down.port = ntohs(sin.sin_port);
	close(fd);
	st = open_plain(&down, 5, NULL, NULL);
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause),
	    SENDER_DEFER);
	ck_assert_msg(g_str_has_prefix(cause, "connect: 127.0.0.1:"),
	    "cause '%s'", cause);
	g_free(cause);
	sender_smtp.close(st);
}
END_TEST

START_TEST(smtp_stalled_server_times_out_and_defers)
{
	void	*st = open_plain(&srv, 1, NULL, NULL);
	char	*cause;

	ck_assert_int_eq(send_to(st, "stall@example.vn", &cause),
	    SENDER_DEFER);
	ck_assert_msg(strstr(cause, "timed out") != NULL, "cause '%s'", cause);
	g_free(cause);
	sender_smtp.close(st);
}
END_TEST

START_TEST(smtp_auth_plain_accepted)
{
	struct script	 a = { 0 };
	void		*st;
	char		*cause;

	script_start(&a, "hotrocks:s3cret pass");
	st = open_plain(&a, 5, "hotrocks", "s3cret pass");
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause), SENDER_SENT);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&a, "AUTH hotrocks"), 1);
	ck_assert_int_eq(log_count(&a, "DATA"), 1);
	script_stop(&a);
}
END_TEST

START_TEST(smtp_auth_refused_defers_without_the_password)
{
	struct script	 a = { 0 };
	void		*st;
	char		*cause;

	script_start(&a, "hotrocks:right");
	st = open_plain(&a, 5, "hotrocks", "wrong-Pa55");
	/* a bad password is the host's problem, not the message's */
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause),
	    SENDER_DEFER);
	ck_assert_msg(g_str_has_prefix(cause, "AUTH PLAIN: 535"),
	    "cause '%s'", cause);
	ck_assert_ptr_null(strstr(cause, "wrong-Pa55"));
	g_free(cause);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&a, "DATA"), 0);
	script_stop(&a);
}
END_TEST

/* security = starttls never falls back to clear text */
START_TEST(smtp_starttls_not_offered_defers)
{
	struct sender_settings	 set = {
		.host = "127.0.0.1",
		.port = srv.port,
		.security = SENDER_SECURITY_STARTTLS,
		.timeout = 5,
	};
	char			*cause = NULL;
	void			*st = sender_smtp.open(&set, &cause);

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(send_to(st, "unit@example.vn", &cause),
	    SENDER_DEFER);
	ck_assert_msg(strstr(cause, "does not offer STARTTLS") != NULL,
	    "cause '%s'", cause);
	g_free(cause);
	sender_smtp.close(st);
	ck_assert_int_eq(log_count(&srv, "MAIL"), 0);
}
END_TEST

START_TEST(smtp_open_without_host_fails)
{
	struct sender_settings	 set = { .security = SENDER_SECURITY_NONE };
	char			*cause = NULL;

	ck_assert_ptr_null(sender_smtp.open(&set, &cause));
	ck_assert_str_eq(cause, "[smtp] host is not set");
	g_free(cause);
}
END_TEST

Suite *
sender_smtp_suite(void)
{
	Suite	*s = suite_create("sender_smtp");
	TCase	*tc = tcase_create("script");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, smtp_delivers_bytes_with_dots);
	tcase_add_test(tc, smtp_reuses_one_connection_with_rset);
	tcase_add_loop_test(tc, smtp_refusal_is_classified_with_the_reply, 0,
	    G_N_ELEMENTS(refusals));
	tcase_add_test(tc, smtp_450_then_accepted);
	tcase_add_test(tc, smtp_idle_connection_closed_by_server_is_reopened);
	tcase_add_test(tc, smtp_stalled_server_times_out_and_defers);
	tcase_add_test(tc, smtp_starttls_not_offered_defers);
	suite_add_tcase(s, tc);
	tc = tcase_create("alone");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, smtp_server_down_defers);
	tcase_add_test(tc, smtp_auth_plain_accepted);
	tcase_add_test(tc, smtp_auth_refused_defers_without_the_password);
	tcase_add_test(tc, smtp_open_without_host_fails);
	suite_add_tcase(s, tc);
	return (s);
}
