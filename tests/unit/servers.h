/* servers.h: a private Dovecot (and Postfix) on 127.0.0.1 for a check
 * suite, started by tests/servers/{dovecot,postfix}.sh in a fresh
 * /tmp/hr-XXXXXX and stopped, leaving no process and no file behind.
 *
 * Start them in an unchecked fixture, so they stop even when a test
 * fails, and give the tests a check timeout (never a wall-clock assert):
 *
 *	static struct test_servers *srv;
 *	static void up(void) {
 *		char *cause = NULL;
 *		if ((srv = test_servers_start(TEST_SERVERS_POSTFIX, &cause)) == NULL)
 *			ck_abort_msg("%s", cause);
 *	}
 *	static void down(void) { test_servers_stop(srv); srv = NULL; }
 *	…
 *	tcase_add_unchecked_fixture(tc, up, down);
 *	tcase_set_timeout(tc, 30);
 *
 * Users: hotrocks, unit1, unit2, cuc, sink (TEST_SERVERS_USERS); mail
 * for any address that is not one of them@localhost lands in sink's
 * Maildir. Starting takes about 1 s (Dovecot) plus 1–3 s (Postfix);
 * stopping about 2.5 s each.
 */
#ifndef HOTROCKS_TESTS_SERVERS_H
#define HOTROCKS_TESTS_SERVERS_H

enum test_servers_flag {
	TEST_SERVERS_DOVECOT = 1 << 0,
	TEST_SERVERS_POSTFIX = 1 << 1,		/* implies DOVECOT */
	TEST_SERVERS_NO_MOVE = 1 << 2,		/* hide MOVE */
	TEST_SERVERS_NO_UIDPLUS = 1 << 3,	/* hide UIDPLUS */
	/* The certificate both servers present (default: localhost and
	 * 127.0.0.1, from the test root in ca_file). */
	TEST_SERVERS_CERT_WRONG_HOST = 1 << 4,	/* for wrong.example */
	TEST_SERVERS_CERT_EXPIRED = 1 << 5,	/* valid only in 2020 */
	TEST_SERVERS_CERT_UNKNOWN_CA = 1 << 6,	/* from a CA not in ca_file */
};

#define TEST_SERVERS_USERS	{ "hotrocks", "unit1", "unit2", "cuc", "sink" }

struct test_servers {
	char		*dir;		/* /tmp/hr-XXXXXX: everything */
	const char	*host;		/* "127.0.0.1" */
	const char	*name;		/* "localhost": a name the good
					 * certificate is for */
	char		*ca_file;	/* the test root, PEM */
	unsigned	 imap_port;	/* plain, STARTTLS offered */
	unsigned	 imaps_port;
	unsigned	 lmtp_port;
	unsigned	 sasl_port;	/* Dovecot auth, for Postfix */
	/* 0 unless TEST_SERVERS_POSTFIX. */
	unsigned	 smtp_port;	/* port-25 style, STARTTLS offered */
	unsigned	 submission_port; /* STARTTLS and AUTH required */
	unsigned	 smtps_port;	/* implicit TLS, AUTH required */
};

/* Starts what flags ask for (at least Dovecot); NULL and *cause (g_free,
 * the scripts' last words) on failure, with nothing left running. */
struct test_servers *test_servers_start(unsigned flags, char **cause);
/* Stops the servers, waits for their masters to exit, removes dir, frees
 * ts. NULL is ignored. */
void		 test_servers_stop(struct test_servers *ts);

/* Stops Dovecot alone and leaves it stopped (a server outage); its
 * folder, ports, users and mail stay. 0, or -1 and *cause. */
int		 test_servers_halt_dovecot(struct test_servers *ts,
		    char **cause);
/* Starts a halted Dovecot again on the same ports with the same users
 * and mail; back once a LOGIN succeeds. 0, or -1 and *cause. */
int		 test_servers_resume_dovecot(struct test_servers *ts,
		    char **cause);
/* Both: a server restart (about 3 s). */
int		 test_servers_restart_dovecot(struct test_servers *ts,
		    char **cause);

/* The file holding user's password (no newline), and the password itself
 * (g_free both). */
char		*test_servers_password_file(const struct test_servers *ts,
		    const char *user);
char		*test_servers_password(const struct test_servers *ts,
		    const char *user);
/* user's Maildir (with cur/ new/ tmp/), g_free. */
char		*test_servers_maildir(const struct test_servers *ts,
		    const char *user);
/* Waits until Postfix's queue is empty: all it took is delivered. 0, or
 * -1 when postqueue cannot be run. No deadline: check's timeout is it. */
int		 test_servers_postfix_drained(const struct test_servers *ts);

#endif
