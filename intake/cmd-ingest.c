/* cmd-ingest.c: hotrocks ingest, every message of the paths given through
 * the whole pipeline, once; a failed message stays for the next run. */
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/pipeline.h"
#include "intake/source.h"
#include "lib/log.h"

struct ingest_opts {
	bool quiet;
};

static void	ingest_extra(int, const char *, void *);
static void	print_result(const struct source_msg *,
		    const struct ingest_result *);

static void
ingest_extra(int ch, const char *arg, void *ctx)
{
	(void)arg;
	if (ch == 'q')
		((struct ingest_opts *)ctx)->quiet = true;
}

/* One line a message: case, what was done, kind, file, subject. */
static void
print_result(const struct source_msg *msg, const struct ingest_result *r)
{
	char *b = g_path_get_basename(msg->origin);

	printf("%-15s %-8s %-15s %-28s %s\n", r->case_number ?
	    r->case_number : "-", r->duplicate ? "seen" :
	    action_name(r->action), kind_name(r->kind), b, r->subject ?
	    r->subject : "");
	g_free(b);
}

int
cmd_ingest(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct ingest_opts	 o = { false };
	struct pipeline		 pl = { 0 };
	size_t			 counts[ACTION__COUNT] = { 0 };
	size_t			 total = 0, done = 0, dups = 0, failed = 0;
	int			 first, rc = EX_OK;
	bool			 bar;

	if ((first = cli_parse(argc, argv, &c, "q", ingest_extra, &o)) == -1)
		return (EX_USAGE);
	if (first >= argc) {
		log_msg(LOG_LEVEL_ERROR, "ingest", "no path given");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	pl.cfg = c.cfg;
	pl.db = cli_open_store(c.cfg, false);
	bar = isatty(STDERR_FILENO) && !o.quiet;
	/* Pass 0 counts the messages for the bar, pass 1 processes them. */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = first; i < argc; i++) {
			const struct source	*src = source_for_path(argv[i]);
			char			*cause = NULL;
			void			*state;
			struct source_msg	 msg;
			int			 n;

			if ((state = src->open(c.cfg, argv[i], &cause)) == NULL) {
				if (pass == 0) {
					log_error("%s", cause);
					rc = EX_NOINPUT;
				}
				g_free(cause);
				continue;
			}
			if (pass == 0) {
				if (src->count != NULL)
					total += src->count(state);
				src->close(state);
				continue;
			}
			while ((n = src->next(state, &msg, &cause)) != 0) {
				struct ingest_result r;

				if (n == -1) {
					log_error("%s", cause);
					g_free(cause);
					cause = NULL;
					failed++;
					continue;
				}
				if (pipeline_ingest(&pl, src, state, &msg, &r,
				    &cause) == -1) {
					log_error("%s: %s", msg.origin, cause);
					g_free(cause);
					cause = NULL;
					failed++;
				} else {
					if (r.duplicate)
						dups++;
					else
						counts[r.action]++;
					if (!o.quiet && !(bar && total > 20))
						print_result(&msg, &r);
					ingest_result_deinit(&r);
				}
				source_msg_free(&msg);
				done++;
				if (bar && total > 20)
					cli_progress(done, total);
			}
			src->close(state);
		}
	}
	if (!o.quiet)
		printf("%zu message(s): %zu queued, %zu rejected, %zu "
		    "redirected, %zu for a person, %zu ignored, %zu already "
		    "recorded, %zu failed\n", done, counts[ACTION_QUEUE],
		    counts[ACTION_REJECT], counts[ACTION_REDIRECT],
		    counts[ACTION_MANUAL], counts[ACTION_IGNORE], dups,
		    failed);
	if (failed > 0 && rc == EX_OK)
		rc = EX_DATAERR;
	db_close(pl.db);
	config_free(c.cfg);
	return (rc);
}
