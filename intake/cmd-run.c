/* cmd-run.c: `hotrocks run`, the service: a pass over the [imap] folder,
 * the daily forward when it is due, the outbox delivered (SMTP, a copy
 * to Sent over IMAP), then IDLE (or a poll_interval sleep, either ending
 * at forward_time) and again, forever; reconnects with
 * capped exponential backoff and jitter. While it waits, the daily
 * forward is built once due and the outbox delivered every poll_interval
 * too. One run (or poll) a store: a lock
 * beside the database refuses a second. SIGTERM and SIGINT finish the
 * message in hand and exit 0; SIGHUP re-reads the config. It must never
 * exit on a server's failure. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/cmd-imap.h"
#include "intake/forward.h"
#include "intake/outbox.h"
#include "intake/source-imap.h"
#include "lib/log.h"

/* Reconnection waits 1, 2, 4 … s, never more than this, each drawn
 * between half and all of it so restarted peers do not come back in step. */
#define RUN_BACKOFF_MAX		300

static void	 forward_daily(struct pipeline *);

static volatile sig_atomic_t	stop_flag, reload_flag;
/* What the waits look at: set by SIGTERM/SIGINT, or SIGHUP (reload). */
static volatile int		wake;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		reload_flag = 1;
	else
		stop_flag = 1;
	wake = 1;
}

/* Sleeps up to seconds, waking early on a signal. */
static void
nap(unsigned seconds)
{
	time_t end = time(NULL) + seconds;

	while (!wake && time(NULL) < end)
		sleep(1);
}

/*
 * After each pass, the replies it queued (and any due for a retry) go
 * out: the same delivery pass as `hotrocks send` (outbox_deliver_due,
 * one at a time per database). SMTP trouble defers items, never stops
 * run; only a store or settings failure is logged here.
 */
static void
deliver_outbox(struct pipeline *pl)
{
	struct queue_report	 r = { 0 };
	char			*cause = NULL;

	if (outbox_deliver_due(pl->cfg, pl->db, time(NULL), &r,
	    &cause) == -1) {
		log_warn("outbox: %s", cause);
		g_free(cause);
		return;
	}
	if (r.sent + r.deferred + r.failed > 0)
		log_info("outbox: %zu sent, %zu deferred, %zu failed",
		    r.sent, r.deferred, r.failed);
}

/*
 * The wait between passes (IDLE, or a sleep without it), at most seconds,
 * cut in spans of poll_interval with the outbox delivered after each: what
 * staff release while the mailbox is quiet (forward approve, case done,
 * outbox retry) leaves within poll_interval, not at the next pass, which
 * IDLE may hold back for 29 minutes. The daily forward is looked at on
 * each wake-up too: the wait was reckoned to end at forward_time by the
 * clock as it was, and a clock stepped since (NTP at boot, a machine
 * resumed) or a list ingested meanwhile would leave it for the next
 * pass (trial 3, finding 6). source_imap_wait's return.
 */
static int
wait_delivering(struct pipeline *pl, void *state, unsigned seconds,
    char **cause)
{
	unsigned	 every = pl->cfg->imap.poll_interval > 0 ?
			    (unsigned)pl->cfg->imap.poll_interval : 60;
	unsigned	 span;
	int		 w;

	for (;;) {
		span = seconds < every ? seconds : every;
		w = source_imap_wait(state, span, &wake, cause);
		if (w != 0 || stop_flag || reload_flag)
			return (w);
		if ((seconds -= span) == 0)
			return (0);
		forward_daily(pl);
		deliver_outbox(pl);
	}
}

/*
 * forward_mode = daily: the day's forward to the Cục is built here once
 * forward_time has passed (forward_due: once a day, with every case
 * accepted since the last one), before the outbox is delivered, so it
 * leaves in the same pass. A store failure is logged; run goes on.
 */
static void
forward_daily(struct pipeline *pl)
{
	int64_t	 id = 0;
	char	*cause = NULL;

	if (forward_due(pl->db, pl->cfg, time(NULL), &id, &cause) == -1) {
		log_warn("forward: %s", cause);
		g_free(cause);
		return;
	}
	if (id != 0)
		log_notice("forward %lld: the daily forward is built",
		    (long long)id);
}

/* Waits before the next connection: *backoff seconds, each time drawn
 * between half and all of it, then doubled up to RUN_BACKOFF_MAX. */
static void
backoff_wait(unsigned *backoff, const char *host)
{
	unsigned wait = *backoff / 2 + (unsigned)g_random_int_range(0,
	    (gint32)(*backoff / 2 + 1));

	if (wait == 0)
		wait = 1;
	log_notice("imap %s: reconnecting in %u s", host, wait);
	nap(wait);
	*backoff = *backoff * 2 > RUN_BACKOFF_MAX ? RUN_BACKOFF_MAX :
	    *backoff * 2;
}

/*
 * Passes stopped for want of room (a full disk, poll_interval apart):
 * the first is warned of, then once an hour while it lasts, the others
 * logged at info; the pass that goes through again says so (a night of
 * a full disk was 2 warnings a minute).
 */
#define RUN_STALL_REWARN	3600
struct stall {
	time_t		since;		/* the first stopped pass; 0: none */
	time_t		said;		/* the last warning */
	unsigned	passes;
};

static bool
stall_said(const struct stall *st)
{
	return (st->said != 0 && time(NULL) - st->said < RUN_STALL_REWARN);
}

static void
stall_note(struct stall *st, const struct imap_pass_result *r)
{
	time_t now = time(NULL);

	if (r->stalled) {
		if (st->passes++ == 0)
			st->since = now;
		if (!stall_said(st))
			st->said = now;
		return;
	}
	if (st->passes == 0 || r->broken)
		return;
	log_notice("imap: messages are recorded again, after %u pass(es) "
	    "stopped for want of room over %lld min", st->passes,
	    (long long)(now - st->since) / 60);
	memset(st, 0, sizeof(*st));
}

int
cmd_run(int argc, char **argv)
{
	struct sigaction	 sa;
	struct pipeline		 pl = { 0 };
	struct config		*cfg = NULL;
	struct db		*store = NULL;
	char			*conf = NULL, *cause = NULL, *db = NULL;
	bool			 flags[2] = { false, false };
	unsigned		 backoff = 1;
	struct stall		 stall = { 0, 0, 0 };
	int			 rc, lock;

	if ((rc = cmd_imap_setup("run", argc, argv, "", flags, &conf, &cfg,
	    &store)) != -1)
		return (rc);
	/* Two runs on one store raced each other's moves: the second
	 * stops here, naming the first. */
	if ((rc = cmd_imap_lock("run", cfg, &lock)) != -1) {
		db_close(store);
		config_free(cfg);
		g_free(conf);
		return (rc);
	}
	db = g_strdup(cfg->database);
	imap_log_apply(cfg, LOG_LEVEL_INFO);	/* a line per message */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);	/* no SA_RESTART: waits wake up */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_notice("started (pid %ld)", (long)getpid());

	while (!stop_flag) {
		struct imap_pass_result	 r = { 0 };
		void			*state;

		if (reload_flag) {
			struct config *n = config_load(conf, &cause);

			reload_flag = 0;
			wake = stop_flag;
			/* what the start check reads, read again: a typo in
			 * a password file is refused, not retried forever
			 * (e2e trial 5, finding 4) */
			if (n != NULL && cli_config_local(n, &cause) == -1) {
				config_free(n);
				n = NULL;
			}
			if (n == NULL) {
				log_warn("config not reloaded, keeping "
				    "the old one: %s", cause);
				g_free(cause);
				cause = NULL;
			} else {
				cli_apply_db(n, db);
				config_free(cfg);
				cfg = n;
				imap_log_apply(cfg, LOG_LEVEL_INFO);
				log_notice("config reloaded");
			}
		}
		pl.cfg = cfg;
		pl.db = store;
		if ((state = source_imap.open(cfg, NULL, &cause)) == NULL) {
			log_warn("%s", cause);
			imap_open_failed(cfg, cause);
			g_free(cause);
			cause = NULL;
			backoff_wait(&backoff, cfg->imap.host);
			continue;
		}
		log_info("imap %s:%u: connected", cfg->imap.host,
		    config_imap_port(cfg));
		for (;;) {
			struct source_imap_info	info;
			unsigned		wait;
			int			w;

			imap_pass(&pl, state, PASS_LOG, stall_said(&stall),
			    &wake, &r);
			stall_note(&stall, &r);
			forward_daily(&pl);
			deliver_outbox(&pl);
			/* after the replies: they wait for no index */
			cli_index_pending(pl.db);
			if (r.broken || stop_flag || reload_flag)
				break;
			/* A whole pass went through: the server is well. */
			backoff = 1;
			source_imap_info(state, &info);
			/* Mail left in the folder for want of room is no
			 * news IDLE would bring: the next try is within
			 * poll_interval, not at the next mail. */
			wait = info.idle && !r.stalled ? 29 * 60 :
			    (unsigned)cfg->imap.poll_interval;
			if (forward_until(cfg, time(NULL)) < wait)
				wait = forward_until(cfg, time(NULL));
			/* mail that came during the pass, announced then
			 * and not again at IDLE, is read now, not at the
			 * next mail (e2e trial 5, finding 6) */
			if (!r.stalled && (w = source_imap_news(state,
			    &cause)) != 0) {
				if (w == -1 || source_imap_rescan(state,
				    &cause) == -1)
					break;
				log_info("imap: mail came during the pass: "
				    "another pass at once");
				continue;
			}
			w = wait_delivering(&pl, state, wait, &cause);
			if (w == -1 || stop_flag || reload_flag)
				break;
			if (source_imap_rescan(state, &cause) == -1)
				break;
		}
		source_imap.close(state);
		if (cause != NULL) {
			log_warn("%s", cause);
			g_free(cause);
			cause = NULL;
		} else if (r.broken)
			log_warn("imap %s: connection lost", cfg->imap.host);
		else
			log_info("imap %s: disconnected", cfg->imap.host);
		/* A failure waits before the next try, even one that
		 * connected: a server that breaks every pass is not
		 * hammered. */
		if (!stop_flag && !reload_flag)
			backoff_wait(&backoff, cfg->imap.host);
	}
	log_notice("stopped");
	db_close(store);
	config_free(cfg);
	g_free(conf);
	g_free(db);
	close(lock);
	return (EX_OK);
}
