/* replay.c: runs one fuzz harness over every file of the corpus
 * directories (or files) named on the command line, without libFuzzer, so
 * `make check` replays the corpora under its own compiler and sanitizers.
 * A crash, a sanitizer report, a GLib CRITICAL or a hang ends it with a
 * failure. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#include "tests/fuzz/fuzz.h"

/* No input may take longer than this, even under the sanitizers. */
#define REPLAY_TIMEOUT	60

static void	replay_died(void);
static void	replay_signal(int);
static int	replay_file(const char *);
static int	replay_path(const char *, size_t *);

static const char	*harness = "fuzz";
static char		 current[4096];

/* Names the input that killed us; only async-signal-safe calls. */
static void
replay_died(void)
{
	static const char	msg[] = ": died on input ";
	ssize_t			rc;

	if (current[0] == '\0')
		return;
	rc = write(STDERR_FILENO, "replay ", 7);
	rc = write(STDERR_FILENO, harness, strlen(harness));
	rc = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	rc = write(STDERR_FILENO, current, strlen(current));
	rc = write(STDERR_FILENO, "\n", 1);
	(void)rc;
}

static void
replay_signal(int sig)
{
	replay_died();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
replay_file(const char *path)
{
	gchar	*data = NULL;
	gsize	 len = 0;
	GError	*err = NULL;

	if (!g_file_get_contents(path, &data, &len, &err)) {
		fprintf(stderr, "replay %s: %s\n", harness, err->message);
		g_error_free(err);
		return (-1);
	}
	g_strlcpy(current, path, sizeof(current));
	alarm(REPLAY_TIMEOUT);
	(void)LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	alarm(0);
	current[0] = '\0';
	g_free(data);
	return (0);
}

/* A file, or every regular file of a directory in name order. */
static int
replay_path(const char *path, size_t *n_r)
{
	struct dirent	**ents;
	int		  n, rc = 0;

	if ((n = scandir(path, &ents, NULL, alphasort)) == -1) {
		if (errno != ENOTDIR) {
			fprintf(stderr, "replay %s: %s: %s\n", harness, path,
			    strerror(errno));
			return (-1);
		}
		if (replay_file(path) == -1)
			return (-1);
		(*n_r)++;
		return (0);
	}
	for (int i = 0; i < n; i++) {
		char *p = g_build_filename(path, ents[i]->d_name, NULL);

		if (rc == 0 && ents[i]->d_name[0] != '.' &&
		    g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
			if ((rc = replay_file(p)) == 0)
				(*n_r)++;
		}
		g_free(p);
		free(ents[i]);
	}
	free(ents);
	return (rc);
}

int
main(int argc, char **argv)
{
	const char	*base;
	size_t		 n = 0;

	/* Built as replay-NAME: report as fuzz-NAME. */
	base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (strncmp(base, "replay-", 7) == 0)
		harness = g_strconcat("fuzz-", base + 7, NULL);
	if (argc < 2) {
		fprintf(stderr, "usage: %s corpus-dir|file ...\n", argv[0]);
		return (2);
	}
	/* As G_DEBUG=fatal-criticals, which GLib reads before main. */
	g_log_set_always_fatal(g_log_set_always_fatal(G_LOG_FATAL_MASK) |
	    G_LOG_LEVEL_CRITICAL);
	/* Under ASan its own handlers report faults (with a stack); it
	 * calls us back before it exits. */
#ifdef __SANITIZE_ADDRESS__
	__sanitizer_set_death_callback(replay_died);
#else
	signal(SIGSEGV, replay_signal);
	signal(SIGBUS, replay_signal);
	signal(SIGABRT, replay_signal);
	signal(SIGFPE, replay_signal);
	signal(SIGILL, replay_signal);
#endif
	signal(SIGALRM, replay_signal);
	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i], &n) == -1)
			return (1);
	printf("replay %s: %zu inputs\n", harness, n);
	return (0);
}
