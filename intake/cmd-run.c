/* cmd-run.c: `hotrocks run`, the service: a pass over the [imap] folder,
 * then IDLE (or a poll_interval sleep) and again, forever; reconnects with
 * capped exponential backoff and jitter. SIGTERM and SIGINT finish the
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
#include "intake/source-imap.h"
#include "lib/log.h"

/* Reconnection waits 1, 2, 4 … s, never more than this, each drawn
 * between half and all of it so restarted peers do not come back in step. */
#define RUN_BACKOFF_MAX		300

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
 * The hook where the outbox is delivered: after each pass, the replies
 * it queued (and any due for a retry) go out here, once the SMTP sender
 * exists (outbox/sender-smtp.c). Until then they wait in the outbox, and
 * `hotrocks status` shows them as queued.
 */
static void
deliver_outbox(struct pipeline *pl)
{
	(void)pl;
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
	int			 rc;

	if ((rc = cmd_imap_setup("run", argc, argv, "", flags, &conf, &cfg,
	    &store)) != -1)
		return (rc);
	db = g_strdup(cfg->database);
	if (getenv("HOTROCKS_DEBUG") == NULL)
		log_set_level(LOG_LEVEL_INFO);	/* a line per message */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);	/* no SA_RESTART: waits wake up */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("run: started (pid %ld)", (long)getpid());

	while (!stop_flag) {
		struct imap_pass_result	 r;
		void			*state;

		if (reload_flag) {
			struct config *n = config_load(conf, &cause);

			reload_flag = 0;
			wake = stop_flag;
			if (n == NULL) {
				log_warn("run: config not reloaded, keeping "
				    "the old one: %s", cause);
				g_free(cause);
				cause = NULL;
			} else {
				cli_apply_db(n, db);
				config_free(cfg);
				cfg = n;
				log_info("run: config reloaded");
			}
		}
		pl.cfg = cfg;
		pl.db = store;
		if ((state = source_imap.open(cfg, NULL, &cause)) == NULL) {
			unsigned wait = backoff / 2 + (unsigned)g_random_int_range(0,
			    (gint32)(backoff / 2 + 1));

			log_warn("%s; reconnecting in %u s", cause, wait ? wait :
			    1);
			g_free(cause);
			cause = NULL;
			nap(wait ? wait : 1);
			if (backoff < RUN_BACKOFF_MAX)
				backoff = backoff * 2 > RUN_BACKOFF_MAX ?
				    RUN_BACKOFF_MAX : backoff * 2;
			continue;
		}
		log_info("imap %s:%u: connected", cfg->imap.host,
		    config_imap_port(cfg));
		backoff = 1;
		for (;;) {
			struct source_imap_info	info;
			int			w;

			imap_pass(&pl, state, PASS_LOG, &wake, &r);
			deliver_outbox(&pl);
			if (r.broken || stop_flag || reload_flag)
				break;
			source_imap_info(state, &info);
			w = source_imap_wait(state, info.idle ? 29 * 60 :
			    (unsigned)cfg->imap.poll_interval, &wake, &cause);
			if (w == -1 || stop_flag || reload_flag)
				break;
			if (source_imap_rescan(state, &cause) == -1)
				break;
		}
		if (cause != NULL) {
			log_warn("%s; reconnecting", cause);
			g_free(cause);
			cause = NULL;
		} else if (r.broken)
			log_warn("imap %s: connection lost; reconnecting",
			    cfg->imap.host);
		source_imap.close(state);
		log_info("imap %s: disconnected", cfg->imap.host);
	}
	log_info("run: stopped");
	db_close(store);
	config_free(cfg);
	g_free(conf);
	g_free(db);
	return (EX_OK);
}
