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

/* A path's source, open while a batch holds its messages. */
struct feed {
	const struct source	*src;
	void			*state;
	const char		*path;
	bool			 done;	/* next() said the end */
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

/* Every source still open, closed: where ingest stops before its last
 * batch (the store failed to sync, or the disk is full). */
static void
close_feeds(GArray *feeds)
{
	for (guint j = 0; j < feeds->len; j++) {
		struct feed *f = &g_array_index(feeds, struct feed, j);

		f->src->close(f->state);
	}
	g_array_set_size(feeds, 0);
}

int
cmd_ingest(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct ingest_opts	 o = { false };
	struct pipeline		 pl = { 0 };
	struct pipeline_item	*items;
	GArray			*feeds;		/* struct feed */
	size_t			 counts[ACTION__COUNT] = { 0 };
	size_t			 total = 0, done = 0, dups = 0, failed = 0;
	size_t			 waiting = 0;	/* failed for now */
	int			 first, rc = EX_OK;
	bool			 bar, stalled = false;

	if ((first = cli_parse(argc, argv, &c, "q", ingest_extra, &o)) == -1)
		return (EX_USAGE);
	if (first >= argc) {
		log_msg(LOG_LEVEL_ERROR, "ingest", "no path given");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	pl.cfg = c.cfg;
	pl.db = cli_open_store(c.cfg, false);
	items = g_new0(struct pipeline_item, PIPELINE_BATCH);
	feeds = g_array_new(FALSE, TRUE, sizeof(struct feed));
	bar = isatty(STDERR_FILENO) && !o.quiet;
	/* Counts the messages for the bar first. */
	for (int i = first; i < argc; i++) {
		const struct source	*src = source_for_path(argv[i]);
		char			*cause = NULL;
		void			*state;

		if ((state = src->open(c.cfg, argv[i], &cause)) == NULL) {
			log_error("%s", cause);
			g_free(cause);
			rc = EX_NOINPUT;
			continue;
		}
		if (src->count != NULL)
			total += src->count(state);
		src->close(state);
	}
	/* In batches across the paths: archived and synced once, recorded,
	 * then made durable and acknowledged at once; a source stays open
	 * until the batch holding its last message is flushed. */
	for (int i = first;;) {
		const struct source	*src = NULL;
		void			*state = NULL;
		char			*cause = NULL;
		size_t			 k = 0, bytes = 0;
		int			 n;

		if (feeds->len > 0) {
			struct feed *f = &g_array_index(feeds, struct feed,
			    feeds->len - 1);

			if (!f->done) {
				src = f->src;
				state = f->state;
			}
		}
		while (k < PIPELINE_BATCH && bytes < PIPELINE_BATCH_BYTES) {
			if (state == NULL) {
				struct feed f = { 0 };

				if (i >= argc)
					break;
				src = source_for_path(argv[i]);
				state = src->open(c.cfg, argv[i++], &cause);
				if (state == NULL) {
					g_free(cause);	/* said above */
					cause = NULL;
					continue;
				}
				f.src = src;
				f.state = state;
				f.path = argv[i - 1];
				g_array_append_val(feeds, f);
			}
			n = src->next(state, &items[k].msg, &cause);
			if (n == 0) {
				g_array_index(feeds, struct feed,
				    feeds->len - 1).done = true;
				state = NULL;
				continue;
			}
			if (n == -1) {
				log_error("%s", cause);
				g_free(cause);
				cause = NULL;
				failed++;
				done++;
				continue;
			}
			items[k].src = src;
			items[k].state = state;
			bytes += items[k].msg.len;
			k++;
		}
		if (k == 0 && feeds->len == 0)
			break;
		pipeline_ingest_batch(&pl, items, k);
		for (size_t j = 0; j < k; j++) {
			struct pipeline_item *it = &items[j];

			if (it->rc == -1) {
				/* after the first of the machine's errors,
				 * the rest were not tried: one line */
				if (!stalled)
					log_error("%s: %s", it->msg.origin,
					    it->cause);
				g_free(it->cause);
				failed++;
				if (it->for_now) {
					stalled = true;
					waiting++;
				}
			} else {
				if (it->res.duplicate)
					dups++;
				else
					counts[it->res.action]++;
				if (!o.quiet && !(bar && total > 20))
					print_result(&it->msg, &it->res);
				ingest_result_deinit(&it->res);
			}
			source_msg_free(&it->msg);
			done++;
		}
		/* The store durable once for the batch, then each source
		 * acknowledges its part (pipeline_flush, split). */
		if (k > 0 && db_sync(pl.db, &cause) == -1) {
			log_error("%s: nothing of this batch is acknowledged",
			    cause);
			g_free(cause);
			cause = NULL;
			close_feeds(feeds);
			failed += k;
			break;
		}
		for (guint j = feeds->len; j-- > 0;) {
			struct feed *f = &g_array_index(feeds, struct feed, j);

			if (f->src->flush != NULL &&
			    f->src->flush(f->state, &cause) == -1) {
				/* Recorded: the next run acknowledges. */
				log_warn("%s: %s", f->path, cause);
				g_free(cause);
				cause = NULL;
			}
			if (f->done) {
				f->src->close(f->state);
				g_array_remove_index(feeds, j);
			}
		}
		if (bar && total > 20)
			cli_progress(done, total);
		if (stalled) {
			waiting += total > done ? total - done : 0;
			log_error("stopped: the store or the archive cannot "
			    "take a message now (above); %zu message(s) wait "
			    "where they are for the next run", waiting);
			close_feeds(feeds);
			break;
		}
	}
	if (!o.quiet)
		printf("%zu message(s): %zu queued, %zu rejected, %zu "
		    "redirected, %zu for a person, %zu ignored, %zu already "
		    "recorded, %zu failed\n", done, counts[ACTION_QUEUE],
		    counts[ACTION_REJECT], counts[ACTION_REDIRECT],
		    counts[ACTION_MANUAL], counts[ACTION_IGNORE], dups,
		    failed);
	if (stalled)
		rc = EX_TEMPFAIL;
	else if (failed > 0 && rc == EX_OK)
		rc = EX_DATAERR;
	db_close(pl.db);
	g_free(items);
	g_array_free(feeds, TRUE);
	config_free(c.cfg);
	return (rc);
}
