/* check-tls-peer.c: lib/tls-peer against the private Dovecot and Postfix
 * (verified IMAPS, STARTTLS, SMTPS, submission; every bad certificate
 * refused in one line) and against tiny hostile servers in the test
 * (silence, endless garbage, a gigabyte literal, EOF inside a literal,
 * data injected after STARTTLS). Times are bounded by check's timeouts. */
#include <sys/socket.h>

#include <check.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "lib/tls-peer.h"
#include "tests/unit/servers.h"

static struct test_servers	*srv;

static void
up(unsigned flags)
{
	char	*cause = NULL;

	srv = test_servers_start(flags, &cause);
	if (srv == NULL)
		ck_abort_msg("test servers: %s", cause);
}

static void up_good(void) { up(TEST_SERVERS_POSTFIX); }
static void up_wrong(void) { up(TEST_SERVERS_CERT_WRONG_HOST); }
static void up_expired(void) { up(TEST_SERVERS_CERT_EXPIRED); }
static void up_unknown(void) { up(TEST_SERVERS_CERT_UNKNOWN_CA); }

static void
down(void)
{
	test_servers_stop(srv);
	srv = NULL;
}

static struct tls_peer_settings
settings(const char *host)
{
	struct tls_peer_settings set = {
		.host = host, .ca_file = srv->ca_file, .timeout = 10,
		.max_read = 1 << 20,
	};

	return (set);
}

/* LOGIN as hotrocks on an IMAP session; asserts it works. */
static void
imap_login(mailimap *imap)
{
	char	*pw = test_servers_password(srv, "hotrocks");

	ck_assert_ptr_nonnull(pw);
	ck_assert_int_eq(mailimap_login(imap, "hotrocks", pw),
	    MAILIMAP_NO_ERROR);
	g_free(pw);
	mailimap_logout(imap);
}

static void
imaps_login_as(const char *host)
{
	struct tls_peer_settings set = settings(host);
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL;
	int		 r;

	s = tls_peer_open(&set, srv->imaps_port, true, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	r = mailimap_connect(imap, s);
	ck_assert_int_eq(r, MAILIMAP_NO_ERROR_NON_AUTHENTICATED);
	imap_login(imap);
	mailimap_free(imap);
}

START_TEST(imaps_verified_login_by_name)
{
	imaps_login_as("localhost");
}
END_TEST

START_TEST(imaps_verified_login_by_ip)
{
	imaps_login_as("127.0.0.1");
}
END_TEST

START_TEST(imap_starttls_verified_login)
{
	struct tls_peer_settings set = settings("localhost");
	struct mailimap_capability_data *caps;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL;

	s = tls_peer_open(&set, srv->imap_port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s),
	    MAILIMAP_NO_ERROR_NON_AUTHENTICATED);
	ck_assert_msg(tls_peer_imap_starttls(imap, &set, &cause) == 0, "%s",
	    cause);
	/* Capabilities asked again, over TLS now. */
	ck_assert_int_eq(mailimap_capability(imap, &caps), MAILIMAP_NO_ERROR);
	mailimap_capability_data_free(caps);
	imap_login(imap);
	mailimap_free(imap);
}
END_TEST

START_TEST(imaps_system_store_refused)
{
	struct tls_peer_settings set = settings("localhost");
	char	*cause = NULL, *want;

	set.ca_file = NULL;
	ck_assert_ptr_null(tls_peer_open(&set, srv->imaps_port, true,
	    &cause));
	want = g_strdup_printf("localhost:%u: certificate verify failed: "
	    "unable to get local issuer certificate", srv->imaps_port);
	ck_assert_str_eq(cause, want);
	ck_assert_str_eq(tls_peer_last_error(), want);
	g_free(want);
	g_free(cause);
}
END_TEST

START_TEST(imaps_missing_ca_file_refused)
{
	struct tls_peer_settings set = settings("localhost");
	char	*cause = NULL;

	set.ca_file = "/nonexistent/ca.pem";
	ck_assert_ptr_null(tls_peer_open(&set, srv->imaps_port, true,
	    &cause));
	ck_assert_msg(strstr(cause, "cannot load CA file /nonexistent/ca.pem")
	    != NULL, "%s", cause);
	g_free(cause);
}
END_TEST

/* EHLO, and AUTH PLAIN as hotrocks; asserts both work. */
static void
smtp_ehlo_auth(mailsmtp *smtp)
{
	char	*pw = test_servers_password(srv, "hotrocks");

	ck_assert_int_eq(mailesmtp_ehlo(smtp), MAILSMTP_NO_ERROR);
	ck_assert_int_eq(mailesmtp_auth_sasl(smtp, "PLAIN", "localhost", NULL,
	    NULL, "hotrocks", "hotrocks", pw, NULL), MAILSMTP_NO_ERROR);
	g_free(pw);
}

START_TEST(smtps_verified_auth)
{
	struct tls_peer_settings set = settings("localhost");
	mailstream	*s;
	mailsmtp	*smtp;
	char		*cause = NULL;

	s = tls_peer_open(&set, srv->smtps_port, true, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	smtp = mailsmtp_new(0, NULL);
	ck_assert_int_eq(mailsmtp_connect(smtp, s), MAILSMTP_NO_ERROR);
	smtp_ehlo_auth(smtp);
	mailsmtp_quit(smtp);
	mailsmtp_free(smtp);
}
END_TEST

/* The first file in maildir/new holding marker, or NULL (g_free). */
static char *
find_delivered(const char *maildir, const char *marker)
{
	char		*dir = g_build_filename(maildir, "new", NULL);
	GDir		*d = g_dir_open(dir, 0, NULL);
	const char	*name;
	char		*path, *text, *found = NULL;

	while (d != NULL && found == NULL &&
	    (name = g_dir_read_name(d)) != NULL) {
		path = g_build_filename(dir, name, NULL);
		if (g_file_get_contents(path, &text, NULL, NULL)) {
			if (strstr(text, marker) != NULL)
				found = text;
			else
				g_free(text);
		}
		g_free(path);
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(dir);
	return (found);
}

START_TEST(submission_starttls_send_arrives_in_sink)
{
	struct tls_peer_settings set = settings("localhost");
	mailstream	*s;
	mailsmtp	*smtp;
	char		*cause = NULL, *msg, *marker, *maildir, *got;

	marker = g_strdup_printf("marker-%d-%u", getpid(), g_random_int());
	msg = g_strdup_printf("From: hotrocks@localhost\r\n"
	    "To: someone@example.org\r\nSubject: %s\r\n"
	    "Message-ID: <%s@localhost>\r\n\r\nXin chào %s\r\n",
	    marker, marker, marker);
	s = tls_peer_open(&set, srv->submission_port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	smtp = mailsmtp_new(0, NULL);
	ck_assert_int_eq(mailsmtp_connect(smtp, s), MAILSMTP_NO_ERROR);
	ck_assert_int_eq(mailesmtp_ehlo(smtp), MAILSMTP_NO_ERROR);
	ck_assert(smtp->esmtp & MAILSMTP_ESMTP_STARTTLS);
	ck_assert_msg(tls_peer_smtp_starttls(smtp, &set, &cause) == 0, "%s",
	    cause);
	smtp_ehlo_auth(smtp);
	ck_assert_int_eq(mailesmtp_mail(smtp, "hotrocks@localhost", 0, NULL),
	    MAILSMTP_NO_ERROR);
	ck_assert_int_eq(mailesmtp_rcpt(smtp, "someone@example.org", 0, NULL),
	    MAILSMTP_NO_ERROR);
	ck_assert_int_eq(mailsmtp_data(smtp), MAILSMTP_NO_ERROR);
	ck_assert_int_eq(mailsmtp_data_message(smtp, msg, strlen(msg)),
	    MAILSMTP_NO_ERROR);
	mailsmtp_quit(smtp);
	mailsmtp_free(smtp);

	/* Delivery is asynchronous: wait for it (check's timeout bounds
	 * the wait), then read the message back. */
	maildir = test_servers_maildir(srv, "sink");
	while ((got = find_delivered(maildir, marker)) == NULL)
		g_usleep(50 * 1000);
	ck_assert_ptr_nonnull(strstr(got, "Subject: "));
	ck_assert_ptr_nonnull(strstr(got, "Xin chào "));
	g_free(got);
	g_free(maildir);
	g_free(msg);
	g_free(marker);
}
END_TEST

/* Bad certificates: every way in fails with the one line. */
static void
refused(const char *host, const char *reason)
{
	struct tls_peer_settings set = settings(host);
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;

	want = g_strdup_printf("%s:%u: %s", host, srv->imaps_port, reason);
	ck_assert_ptr_null(tls_peer_open(&set, srv->imaps_port, true,
	    &cause));
	ck_assert_str_eq(cause, want);
	g_free(cause);
	g_free(want);

	/* The same through STARTTLS on the plain port. */
	want = g_strdup_printf("%s:%u: %s", host, srv->imap_port, reason);
	s = tls_peer_open(&set, srv->imap_port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s),
	    MAILIMAP_NO_ERROR_NON_AUTHENTICATED);
	ck_assert_int_eq(tls_peer_imap_starttls(imap, &set, &cause), -1);
	ck_assert_str_eq(cause, want);
	mailimap_free(imap);
	g_free(cause);
	g_free(want);
}

START_TEST(cert_for_wrong_host_refused)
{
	refused("localhost", "host name mismatch (certificate is for "
	    "wrong.example)");
}
END_TEST

START_TEST(cert_for_wrong_host_refused_by_ip)
{
	refused("127.0.0.1", "host name mismatch (certificate is for "
	    "wrong.example)");
}
END_TEST

START_TEST(cert_expired_refused)
{
	refused("localhost", "certificate has expired");
}
END_TEST

START_TEST(cert_from_unknown_ca_refused)
{
	refused("localhost", "certificate verify failed: unable to get local "
	    "issuer certificate");
}
END_TEST

/*
 * Hostile servers, in a thread of the test: a listener on 127.0.0.1 that
 * accepts one connection and runs a script on it.
 */
struct fake {
	int		 lfd;
	unsigned	 port;
	pthread_t	 th;
	void		(*script)(int fd);
	bool		 running;
};

static void *
fake_main(void *arg)
{
	struct fake	*f = arg;
	int		 fd;

	if ((fd = accept(f->lfd, NULL, NULL)) != -1) {
		f->script(fd);
		close(fd);
	}
	return (NULL);
}

/* Listens; with script, serves one connection with it in a thread. */
static void
fake_start(struct fake *f, void (*script)(int))
{
	struct sockaddr_in	sin = { .sin_family = AF_INET };
	socklen_t		len = sizeof sin;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(f->lfd, 0);
	ck_assert_int_eq(bind(f->lfd, (struct sockaddr *)&sin, sizeof sin), 0);
	ck_assert_int_eq(listen(f->lfd, 4), 0);
	ck_assert_int_eq(getsockname(f->lfd, (struct sockaddr *)&sin, &len),
	    0);
	f->port = ntohs(sin.sin_port);
	f->script = script;
	f->running = script != NULL;
	if (f->running)
		ck_assert_int_eq(pthread_create(&f->th, NULL, fake_main, f), 0);
}

static void
fake_stop(struct fake *f)
{
	if (f->running)
		pthread_join(f->th, NULL);
	close(f->lfd);
}

static void
say(int fd, const char *s)
{
	(void)!send(fd, s, strlen(s), MSG_NOSIGNAL);
}

/* Reads one line (up to LF) into buf; the tag is its first word. */
static void
hear(int fd, char *buf, size_t size)
{
	size_t	n = 0;
	char	c;

	while (n + 1 < size && recv(fd, &c, 1, 0) == 1 && c != '\n')
		buf[n++] = c;
	buf[n] = '\0';
}

static void
garbage_forever(int fd)
{
	char	buf[4096];

	memset(buf, 'x', sizeof buf);
	say(fd, "* OK ");
	while (send(fd, buf, sizeof buf, MSG_NOSIGNAL) > 0)
		;
}

/* Announces a literal of about a gigabyte, then sends garbage. */
static void
gigabyte_literal(int fd)
{
	char	line[256];

	say(fd, "* PREAUTH ready\r\n");
	hear(fd, line, sizeof line);
	say(fd, "* 1 FETCH (UID 1 BODY[] {1000000000}\r\n");
	garbage_forever(fd);
}

static void
eof_in_literal(int fd)
{
	char	line[256];

	say(fd, "* PREAUTH ready\r\n");
	hear(fd, line, sizeof line);
	say(fd, "* 1 FETCH (UID 1 BODY[] {100}\r\nonly this");
}

static void
inject_after_starttls(int fd)
{
	char	line[256], *sp, reply[300];

	say(fd, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
	hear(fd, line, sizeof line);
	if ((sp = strchr(line, ' ')) != NULL)
		*sp = '\0';
	snprintf(reply, sizeof reply, "%s OK Begin TLS\r\n* OK injected\r\n",
	    line);
	say(fd, reply);
	/* Wait for the client to give up. */
	hear(fd, line, sizeof line);
}

static struct tls_peer_settings
hostile_settings(void)
{
	struct tls_peer_settings set = {
		.host = "127.0.0.1", .ca_file = "/nonexistent", .timeout = 1,
		.max_read = 1 << 20,
	};

	return (set);
}

/* The peak resident memory of this process, KiB. */
static long
peak_rss_kib(void)
{
	char	*status = NULL, *p;
	long	 kib = -1;

	if (g_file_get_contents("/proc/self/status", &status, NULL, NULL) &&
	    (p = strstr(status, "VmHWM:")) != NULL)
		kib = strtol(p + 6, NULL, 10);
	g_free(status);
	return (kib);
}

START_TEST(stalling_server_plain_times_out)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;

	fake_start(&f, NULL);	/* the kernel accepts; nobody answers */
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s), MAILIMAP_ERROR_STREAM);
	want = g_strdup_printf("127.0.0.1:%u: timed out after 1 s reading",
	    f.port);
	ck_assert_str_eq(tls_peer_last_error(), want);
	mailimap_free(imap);
	fake_stop(&f);
	g_free(want);
}
END_TEST

START_TEST(stalling_server_tls_handshake_times_out)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	char		*cause = NULL, *want;

	fake_start(&f, NULL);
	/* A missing CA file is found before any wait. */
	ck_assert_ptr_null(tls_peer_open(&set, f.port, true, &cause));
	want = g_strdup_printf("127.0.0.1:%u: cannot load CA file "
	    "/nonexistent: ", f.port);
	ck_assert_msg(g_str_has_prefix(cause, want), "%s", cause);
	g_free(cause);
	g_free(want);

	set.ca_file = NULL;
	ck_assert_ptr_null(tls_peer_open(&set, f.port, true, &cause));
	want = g_strdup_printf("127.0.0.1:%u: timed out after 1 s in the TLS "
	    "handshake", f.port);
	ck_assert_str_eq(cause, want);
	fake_stop(&f);
	g_free(cause);
	g_free(want);
}
END_TEST

START_TEST(connect_refused_names_peer)
{
	struct fake	 f;
	unsigned	 port;
	char		*cause = NULL, *want;

	fake_start(&f, NULL);
	port = f.port;
	fake_stop(&f);		/* nobody listens there now */
	ck_assert_int_eq(tls_peer_tcp_connect("127.0.0.1", port, 1, &cause),
	    -1);
	want = g_strdup_printf("127.0.0.1:%u: Connection refused", port);
	ck_assert_str_eq(cause, want);
	g_free(cause);
	g_free(want);
}
END_TEST

START_TEST(garbage_forever_cut_by_budget)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;

	fake_start(&f, garbage_forever);
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s), MAILIMAP_ERROR_STREAM);
	want = g_strdup_printf("127.0.0.1:%u: read budget of 1048576 bytes "
	    "exceeded", f.port);
	ck_assert_str_eq(tls_peer_last_error(), want);
	mailimap_free(imap);
	fake_stop(&f);
	g_free(want);
}
END_TEST

START_TEST(imap_gigabyte_literal_cut_by_budget)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;
	long		 before = peak_rss_kib();
	int		 r;

	fake_start(&f, gigabyte_literal);
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s),
	    MAILIMAP_NO_ERROR_AUTHENTICATED);
	tls_peer_set_budget(mailstream_get_low(imap->imap_stream), 4 << 20);
	r = mailimap_noop(imap);
	ck_assert_msg(r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_MEMORY,
	    "noop: %d", r);
	if (r == MAILIMAP_ERROR_STREAM) {
		want = g_strdup_printf("127.0.0.1:%u: read budget of 4194304 "
		    "bytes exceeded", f.port);
		ck_assert_str_eq(tls_peer_last_error(), want);
		g_free(want);
	}
	/* The announced gigabyte was address space, never memory. */
	ck_assert_int_lt(peak_rss_kib() - before, 256 * 1024);
	mailimap_free(imap);
	fake_stop(&f);
}
END_TEST

START_TEST(imap_eof_inside_literal_ends)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;

	fake_start(&f, eof_in_literal);
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s),
	    MAILIMAP_NO_ERROR_AUTHENTICATED);
	ck_assert_int_eq(mailimap_noop(imap), MAILIMAP_ERROR_STREAM);
	want = g_strdup_printf("127.0.0.1:%u: connection closed by the server",
	    f.port);
	ck_assert_str_eq(tls_peer_last_error(), want);
	mailimap_free(imap);
	fake_stop(&f);
	g_free(want);
}
END_TEST

START_TEST(starttls_injection_refused)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	mailimap	*imap;
	char		*cause = NULL, *want;

	/* Debian's libetpan refuses this itself (MAILIMAP_ERROR_STARTTLS). */
	fake_start(&f, inject_after_starttls);
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	imap = mailimap_new(0, NULL);
	ck_assert_int_eq(mailimap_connect(imap, s),
	    MAILIMAP_NO_ERROR_NON_AUTHENTICATED);
	ck_assert_int_eq(tls_peer_imap_starttls(imap, &set, &cause), -1);
	want = g_strdup_printf("127.0.0.1:%u: ", f.port);
	ck_assert_msg(g_str_has_prefix(cause, want) &&
	    strstr(cause, "STARTTLS") != NULL, "%s", cause);
	mailimap_free(imap);
	fake_stop(&f);
	g_free(cause);
	g_free(want);
}
END_TEST

static void
go_ahead_and_more(int fd)
{
	say(fd, "220 go ahead\r\nmore\r\n");
	g_usleep(200 * 1000);
}

/* Our own guard, whatever the protocol library does. */
START_TEST(starttls_swap_refuses_buffered_data)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream	*s;
	MMAPString	*line = mmap_string_new("");
	char		*cause = NULL, *want;

	fake_start(&f, go_ahead_and_more);
	s = tls_peer_open(&set, f.port, false, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_ptr_nonnull(mailstream_read_line(s, line));
	ck_assert_str_eq(line->str, "220 go ahead\r\n");
	ck_assert_int_eq(tls_peer_starttls(s, &set, &cause), -1);
	want = g_strdup_printf("127.0.0.1:%u: the server sent data after its "
	    "STARTTLS answer; refused", f.port);
	ck_assert_str_eq(cause, want);
	mailstream_close(s);
	mmap_string_free(line);
	fake_stop(&f);
	g_free(cause);
	g_free(want);
}
END_TEST

/* Bytes read before the stream refuses to read more; a socket may hand
 * them over in several reads. */
static ssize_t
read_to_budget(mailstream_low *low)
{
	char	 buf[64];
	ssize_t	 n, total = 0;

	while ((n = mailstream_low_read(low, buf, sizeof buf)) > 0)
		total += n;
	return (n == -1 ? total : -1);
}

START_TEST(budget_reset_and_lifted)
{
	struct tls_peer_settings set = hostile_settings();
	struct fake	 f;
	mailstream_low	*low;
	char		 buf[64];
	int		 fd;
	char		*cause = NULL;

	fake_start(&f, garbage_forever);
	fd = tls_peer_tcp_connect("127.0.0.1", f.port, 1, &cause);
	ck_assert_msg(fd != -1, "%s", cause);
	set.max_read = 10;
	low = tls_peer_low_plain(fd, &set);
	/* Exactly the budget can be read, not a byte more. */
	ck_assert_int_eq(read_to_budget(low), 10);
	ck_assert_int_eq(mailstream_low_read(low, buf, sizeof buf), -1);
	tls_peer_set_budget(low, 9);
	ck_assert_int_eq(read_to_budget(low), 9);
	ck_assert_int_eq(mailstream_low_read(low, buf, 1), -1);
	tls_peer_set_budget(low, 0);
	ck_assert_int_gt(mailstream_low_read(low, buf, sizeof buf), 0);
	mailstream_low_close(low);
	mailstream_low_free(low);
	fake_stop(&f);
}
END_TEST

Suite *
tls_peer_suite(void)
{
	Suite	*s = suite_create("tls_peer");
	TCase	*tc;

	tc = tcase_create("verified");
	tcase_add_unchecked_fixture(tc, up_good, down);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, imaps_verified_login_by_name);
	tcase_add_test(tc, imaps_verified_login_by_ip);
	tcase_add_test(tc, imap_starttls_verified_login);
	tcase_add_test(tc, imaps_system_store_refused);
	tcase_add_test(tc, imaps_missing_ca_file_refused);
	tcase_add_test(tc, smtps_verified_auth);
	tcase_add_test(tc, submission_starttls_send_arrives_in_sink);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrong_host");
	tcase_add_unchecked_fixture(tc, up_wrong, down);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, cert_for_wrong_host_refused);
	tcase_add_test(tc, cert_for_wrong_host_refused_by_ip);
	suite_add_tcase(s, tc);

	tc = tcase_create("expired");
	tcase_add_unchecked_fixture(tc, up_expired, down);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, cert_expired_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("unknown_ca");
	tcase_add_unchecked_fixture(tc, up_unknown, down);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, cert_from_unknown_ca_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, stalling_server_plain_times_out);
	tcase_add_test(tc, stalling_server_tls_handshake_times_out);
	tcase_add_test(tc, connect_refused_names_peer);
	tcase_add_test(tc, garbage_forever_cut_by_budget);
	tcase_add_test(tc, imap_gigabyte_literal_cut_by_budget);
	tcase_add_test(tc, imap_eof_inside_literal_ends);
	tcase_add_test(tc, starttls_injection_refused);
	tcase_add_test(tc, starttls_swap_refuses_buffered_data);
	tcase_add_test(tc, budget_reset_and_lifted);
	suite_add_tcase(s, tc);
	return (s);
}
