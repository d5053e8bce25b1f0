/* cmd-send.c: hotrocks send, one delivery pass over the outbox (for cron,
 * for tests, and by hand after an outage). Everything it does is in
 * outbox_deliver_due, the same pass `run` makes between IMAP passes. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/outbox.h"
#include "intake/report.h"
#include "lib/db.h"
#include "lib/log.h"
#include "outbox/queue.h"

struct send_opts {
	const char	*at;
};

static void
send_extra(int ch, const char *arg, void *ctx)
{
	struct send_opts *o = ctx;

	if (ch == 'T')
		o->at = arg;
}

/* Letters deferred by an earlier pass and not yet due at now, counted
 * before the pass, so that a person sending by hand after an outage is
 * told they wait (trial 2, finding 6): *first_r the first of them to be
 * due (g_free). */
static size_t
not_due(struct db *st, time_t now, char **first_r)
{
	struct queue_item	*v = NULL;
	size_t			 n = 0, later = 0;
	char			 at[DB_TIME_SIZE], *cause = NULL;

	*first_r = NULL;
	if (queue_list(st, "deferred", &v, &n, &cause) == -1) {
		g_free(cause);
		return (0);
	}
	db_time(now, at);
	for (size_t i = 0; i < n; i++)
		if (v[i].next_attempt_at != NULL &&
		    strcmp(v[i].next_attempt_at, at) > 0) {
			later++;
			if (*first_r == NULL || strcmp(v[i].next_attempt_at,
			    *first_r) < 0) {
				g_free(*first_r);
				*first_r = g_strdup(v[i].next_attempt_at);
			}
		}
	queue_items_free(v, n);
	return (later);
}

int
cmd_send(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct send_opts	 o = { 0 };
	struct queue_report	 r = { 0 };
	struct db		*st = NULL;
	time_t			 now = time(NULL);
	char			*cause = NULL, *first = NULL, when[64];
	size_t			 later;
	int64_t			 owed = 0;
	int			 firstarg, rc = EX_OK;

	if ((firstarg = cli_parse(argc, argv, &c, "T", send_extra, &o)) == -1)
		return (EX_USAGE);
	if (firstarg < argc) {
		log_msg(LOG_LEVEL_ERROR, "send", "takes no operand: %s",
		    argv[firstarg]);
		rc = EX_USAGE;
		goto out;
	}
	/* --at: the clock of the pass, so a test can be ten minutes on
	 * without waiting them. */
	if (o.at != NULL && cli_time(o.at, &now) == -1) {
		log_msg(LOG_LEVEL_ERROR, "send", "--at: not an RFC 3339 time: "
		    "%s", o.at);
		rc = EX_USAGE;
		goto out;
	}
	st = cli_open_store(c.cfg, false);
	later = not_due(st, now, &first);
	if (outbox_deliver_due(c.cfg, st, now, &r, &cause) == -1) {
		log_error("send: %s", cause);
		rc = g_str_has_prefix(cause, "smtp:") ||
		    g_str_has_prefix(cause, c.cfg->path ? c.cfg->path :
		    "(defaults)") ? EX_CONFIG : EX_IOERR;
		g_free(cause);
		goto out;
	}
	printf("send: %zu sent, %zu deferred, %zu failed", r.sent,
	    r.deferred, r.failed);
	if (r.resent > 0)
		printf(" (%zu sent again after an interruption)", r.resent);
	if (r.kept > 0)
		printf(" (%zu of them not sent again: %s holds a copy already)",
		    r.kept, c.cfg->sent_folder);
	if (r.copied > 0)
		printf(" (saved %zu missing %s cop%s of %s sent earlier)",
		    r.copied, c.cfg->sent_folder, r.copied == 1 ? "y" : "ies",
		    r.copied == 1 ? "a letter" : "letters");
	putchar('\n');
	/* what Sent still lacks, said where the operator looks (e2e trial
	 * 6, finding 5) */
	if (*c.cfg->sent_folder != '\0' && queue_copies_owed(st, &owed,
	    NULL) == 0 && owed > 0)
		printf("send: %lld letter%s sent but not yet copied to %s (the "
		    "log says why; a later pass keeps %s)\n", (long long)owed,
		    owed == 1 ? "" : "s", c.cfg->sent_folder, owed == 1 ?
		    "it" : "them");
	if (later > 0) {
		report_time(when, sizeof(when), first);
		printf("send: %zu deferred earlier, not yet due (the first at "
		    "%s); `outbox retry ID` sends one now\n", later, when);
	}
	if (r.deferred + r.failed > 0)
		rc = EX_TEMPFAIL;
out:
	g_free(first);
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
