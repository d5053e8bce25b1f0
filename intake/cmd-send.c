/* cmd-send.c: hotrocks send, one delivery pass over the outbox (for cron,
 * for tests, and by hand after an outage). Everything it does is in
 * outbox_deliver_due, the same pass `run` makes between IMAP passes. */
#include <stdio.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/outbox.h"
#include "lib/log.h"

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

int
cmd_send(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct send_opts	 o = { 0 };
	struct queue_report	 r = { 0 };
	struct db		*st = NULL;
	time_t			 now = time(NULL);
	char			*cause = NULL;
	int			 first, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, "T", send_extra, &o)) == -1)
		return (EX_USAGE);
	if (first < argc) {
		log_msg(LOG_LEVEL_ERROR, "send", "takes no operand: %s",
		    argv[first]);
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
	putchar('\n');
	if (r.deferred + r.failed > 0)
		rc = EX_TEMPFAIL;
out:
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
