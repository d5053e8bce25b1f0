/* check-imap-hostile.c: `hotrocks poll` and `run` against a hostile IMAP
 * server (tests/servers/hostile-imap.py on 127.0.0.1): a 1 GiB literal,
 * garbage without a line end, a stall past [imap] timeout, a connection
 * dropped inside a literal. Each must cost one log line naming the
 * reason and exit 69 (poll) or a reconnect (run): never a crash, a hang
 * (the check timeout) or unbounded memory (the child's peak RSS). */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <glib.h>

/* Peak resident memory allowed to a child: the 64 MiB; ASan's
 * shadow and quarantine need more, and a build under it says so. */
#define HOSTILE_MAX_RSS_KB		(64 * 1024)
#define HOSTILE_MAX_RSS_KB_ASAN		(512 * 1024)

static const struct hostile_case {
	const char	*mode;
	const char	*reason;	/* in the one error line */
} cases[] = {
	{ "literal", "read budget of" },
	{ "garbage", "read budget of" },
	{ "stall", "timed out after 1 s" },
	{ "drop", "connection closed by the server" },
};

static char	*work;
static GPid	 server;
static unsigned	 port;

/* Starts the hostile server in mode; its port in port. */
static void
server_start(const char *mode)
{
	char	*argv[] = { "/usr/bin/python3",
		    "tests/servers/hostile-imap.py", (char *)mode, NULL };
	char	 buf[32] = { 0 };
	int	 out;
	ssize_t	 n;

	ck_assert(g_spawn_async_with_pipes(NULL, argv, NULL,
	    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &server, NULL, &out, NULL,
	    NULL));
	/* The whole line, up to the server's closing its end. */
	for (size_t got = 0; got < sizeof(buf) - 1 &&
	    (n = read(out, buf + got, sizeof(buf) - 1 - got)) > 0;
	    got += (size_t)n)
		;
	close(out);
	n = (ssize_t)strlen(buf);
	ck_assert_msg(n > 0, "hostile-imap.py gave no port");
	port = (unsigned)strtoul(buf, NULL, 10);
	ck_assert(port > 0);
}

static void
server_stop(void)
{
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
		g_spawn_close_pid(server);
	}
	server = 0;
}

static void
fresh(void)
{
	work = g_dir_make_tmp("hr-hostile-XXXXXX", NULL);
	ck_assert_ptr_nonnull(work);
}

static void
cleanup(void)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", work);

	server_stop();
	if (system(cmd) != 0)
		fprintf(stderr, "%s failed\n", cmd);
	g_free(cmd);
	g_free(work);
	work = NULL;
}

static char *
write_conf(void)
{
	char *path = g_build_filename(work, "h.conf", NULL);
	char *text = g_strdup_printf("[store]\ndatabase = %s/h.db\n"
	    "[rules]\nrequire_signature = false\n"
	    "[imap]\nhost = 127.0.0.1\nport = %u\nsecurity = none\n"
	    "username = hotrocks\ntimeout = 1\n", work, port);

	ck_assert(g_file_set_contents(path, text, -1, NULL));
	g_free(text);
	return (path);
}

/* Forks hotrocks with args, stderr to errpath; *pid_r. */
static GPid
spawn(const char *errpath, const char *const *args)
{
	const char	*bin = getenv("HOTROCKS_BIN");
	pid_t		 pid;
	int		 fd;

	if ((pid = fork()) == 0) {
		const char *argv[8] = { bin ? bin : "build/hotrocks" };

		for (int i = 0; args[i] != NULL && i < 6; i++)
			argv[i + 1] = args[i];
		fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		setenv("HOTROCKS_IMAP_PASSWORD", "not-a-secret", 1);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	ck_assert(pid > 0);
	return (pid);
}

/* Waits for pid; its status, and its peak RSS in KiB in *rss_r. */
static int
reap(GPid pid, long *rss_r)
{
	struct rusage	ru;
	int		status;

	ck_assert_int_eq(wait4(pid, &status, 0, &ru), pid);
	*rss_r = ru.ru_maxrss;
	return (status);
}

static long
max_rss(void)
{
	const char *b = getenv("HOTROCKS_BUILD");

	return (b != NULL && strstr(b, "asan") != NULL ?
	    HOSTILE_MAX_RSS_KB_ASAN : HOSTILE_MAX_RSS_KB);
}

static int
count_lines_with(const char *text, const char *needle)
{
	char	**lines = g_strsplit(text, "\n", -1);
	int	  n = 0;

	for (size_t i = 0; lines[i] != NULL; i++)
		n += strstr(lines[i], needle) != NULL;
	g_strfreev(lines);
	return (n);
}

START_TEST(hostile_poll_one_line_and_exit_69)
{
	const struct hostile_case *c = &cases[_i];
	const char	*args[] = { "poll", "-q", "-c", NULL, NULL };
	char		*conf, *errpath, *err = NULL;
	long		 rss;
	int		 status;

	server_start(c->mode);
	conf = write_conf();
	args[3] = conf;
	errpath = g_build_filename(work, "poll.err", NULL);
	status = reap(spawn(errpath, args), &rss);
	g_file_get_contents(errpath, &err, NULL, NULL);
	ck_assert_msg(WIFEXITED(status), "%s: killed by signal %d: %s",
	    c->mode, WTERMSIG(status), err);
	ck_assert_msg(WEXITSTATUS(status) == 69, "%s: exit %d: %s", c->mode,
	    WEXITSTATUS(status), err);
	ck_assert_msg(count_lines_with(err, c->reason) == 1,
	    "%s: want one line with '%s': %s", c->mode, c->reason, err);
	ck_assert_msg(count_lines_with(err, "127.0.0.1") >= 1, "%s", err);
	ck_assert_msg(rss < max_rss(), "%s: peak RSS %ld KiB", c->mode, rss);
	g_free(err);
	g_free(errpath);
	g_free(conf);
}
END_TEST

/* Under run the same failure is a reconnect: twice at least, then
 * SIGTERM ends it with 0, memory still bounded. */
START_TEST(hostile_run_reconnects)
{
	const struct hostile_case *c = &cases[_i];
	const char	*args[] = { "run", "-c", NULL, NULL };
	char		*conf, *errpath, *err = NULL;
	GPid		 pid;
	long		 rss;
	int		 status;

	server_start(c->mode);
	conf = write_conf();
	args[2] = conf;
	errpath = g_build_filename(work, "run.err", NULL);
	pid = spawn(errpath, args);
	do {
		g_usleep(100000);
		g_free(err);
		err = NULL;
		g_file_get_contents(errpath, &err, NULL, NULL);
	} while (err == NULL || count_lines_with(err, "reconnecting in") < 2);
	ck_assert(kill(pid, SIGTERM) == 0);
	status = reap(pid, &rss);
	g_free(err);
	g_file_get_contents(errpath, &err, NULL, NULL);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "%s: status %d: %s", c->mode, status, err);
	ck_assert_msg(count_lines_with(err, c->reason) >= 2, "%s", err);
	ck_assert_msg(strstr(err, "run: stopped") != NULL, "%s", err);
	ck_assert_msg(rss < max_rss(), "%s: peak RSS %ld KiB", c->mode, rss);
	g_free(err);
	g_free(errpath);
	g_free(conf);
}
END_TEST

Suite *
imap_hostile_suite(void)
{
	Suite	*s = suite_create("imap_hostile");
	TCase	*tc = tcase_create("hostile");
	int	 n = (int)G_N_ELEMENTS(cases);

	tcase_add_checked_fixture(tc, fresh, cleanup);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, hostile_poll_one_line_and_exit_69, 0, n);
	tcase_add_loop_test(tc, hostile_run_reconnects, 0, n);
	suite_add_tcase(s, tc);
	return (s);
}
