/* cmd-poll.c: `hotrocks poll`, one pass over the [imap] folder, and the
 * pass itself, which `run` repeats. Never holds more than one batch. */
#include <sys/file.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/cli.h"
#include "intake/cmd-imap.h"
#include "intake/imap-state.h"
#include "intake/source-imap.h"
#include "lib/log.h"
#include "lib/text.h"

/* Passes this long get a bar on a terminal (else a line a message). */
#define POLL_BAR_MIN		20
/* Without a terminal, a progress line this often (messages, seconds). */
#define POLL_LINE_EVERY		1000
#define POLL_LINE_SECONDS	10

static void
bar(size_t done, size_t total)
{
	int width = 40, fill = total ? (int)(done * width / total) : 0;

	if (fill > width)
		fill = width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill,
	    "########################################", width - fill, "",
	    done, total);
	if (done >= total)
		fputc('\n', stderr);
}

void
imap_pass(struct pipeline *pl, void *state, enum pass_output out,
    bool stall_said, volatile const int *stop, struct imap_pass_result *r)
{
	/* A stop already said is said again below warnings (run). */
	enum log_level		 stall = stall_said ? LOG_LEVEL_INFO :
				    LOG_LEVEL_WARN;
	struct source_imap_info	 info;
	struct pipeline_item	*items;
	size_t			 total, done = 0;
	time_t			 last_line = time(NULL), clock;
	char			 now[DB_TIME_SIZE], day[11];
	char			 since[DB_TIME_SIZE];
	char			*cause = NULL, *ierr = NULL;
	bool			 tty = isatty(STDERR_FILENO);
	bool			 broken = false;
	int			 n;

	memset(r, 0, sizeof(*r));
	total = source_imap.count(state);
	items = g_new0(struct pipeline_item, PIPELINE_BATCH);
	/* In batches: archived and synced once, then each recorded; the
	 * source moves them once the records are durable (its flush). */
	while (!broken && !r->stalled && (stop == NULL || !*stop)) {
		size_t k = 0, bytes = 0;

		/* The source's batch is ours: next() at its end moves the
		 * batch before, so all of it must be recorded by then. */
		while (k < PIPELINE_BATCH && bytes < PIPELINE_BATCH_BYTES &&
		    (stop == NULL || !*stop) &&
		    (k == 0 || source_imap_batch_left(state) > 0) &&
		    (n = source_imap.next(state, &items[k].msg, &cause)) != 0) {
			if (n == -1) {
				log_warn("%s", cause);
				g_free(cause);
				cause = NULL;
				source_imap_info(state, &info);
				if (info.error != NULL) {
					broken = true;
					break;
				}
				r->failed++;
				continue;
			}
			items[k].src = &source_imap;
			items[k].state = state;
			bytes += items[k].msg.len;
			k++;
		}
		if (k == 0)
			break;
		pipeline_ingest_batch(pl, items, k);
		for (size_t j = 0; j < k; j++) {
			struct source_msg	*msg = &items[j].msg;
			struct ingest_result	*res = &items[j].res;

			done++;
			if (items[j].rc == -1) {
				/* after the first of the machine's errors,
				 * the rest were not tried: one line */
				if (!r->stalled)
					log_msg(items[j].for_now ? stall :
					    LOG_LEVEL_WARN, NULL, "imap %s UID "
					    "%u: %s", msg->origin, msg->uid,
					    items[j].cause);
				g_free(items[j].cause);
				r->failed++;
				r->stalled |= items[j].for_now;
			} else {
				const char *act = action_name(res->action);

				if (res->duplicate)
					r->again++;
				else {
					r->recorded++;
					r->by_action[res->action]++;
				}
				if (out == PASS_LOG)
					log_info("imap UID %u %s: %s %s%s case "
					    "%s", msg->uid, res->message_id ?
					    res->message_id : res->sha256,
					    kind_name(res->kind),
					    res->duplicate ? "seen, " : "", act,
					    res->case_number ?
					    res->case_number : "-");
				else if (out == PASS_LINES &&
				    !(tty && total > POLL_BAR_MIN)) {
					char *subj = text_for_terminal(
					    res->subject ? res->subject : "");

					printf("%-15s %-8s %-15s UID %-8u %s\n",
					    res->case_number ?
					    res->case_number : "-",
					    res->duplicate ? "seen" : act,
					    kind_name(res->kind), msg->uid,
					    subj);
					g_free(subj);
				}
				ingest_result_deinit(res);
			}
			source_msg_free(msg);
			if (r->stalled)
				continue;
			if (out == PASS_LINES && tty && total > POLL_BAR_MIN)
				bar(done, total);
			else if (out != PASS_QUIET &&
			    (done % POLL_LINE_EVERY == 0 ||
			    time(NULL) - last_line >= POLL_LINE_SECONDS) &&
			    total > POLL_BAR_MIN) {
				log_info("imap: %zu/%zu message(s)", done,
				    total);
				last_line = time(NULL);
			}
		}
	}
	g_free(items);
	if (r->stalled)
		log_msg(stall, NULL, "imap: pass stopped: the store or the "
		    "archive cannot take a message now (above); the rest waits "
		    "in the folder for the next pass");
	/* What the last batch acknowledged, when the loop stopped early. */
	if (pipeline_flush(pl, &source_imap, state, &cause) == -1) {
		log_warn("%s", cause);
		g_free(cause);
		cause = NULL;
	}
	/* The outbox and staff commands commit durably again. */
	if (db_set_deferred(pl->db, false, &cause) == -1) {
		log_warn("%s", cause);
		g_free(cause);
		cause = NULL;
	}
	source_imap_info(state, &info);
	r->seen = info.candidates;
	r->again += info.moved_again;
	r->broken = info.error != NULL;
	if (out == PASS_LINES && tty && total > POLL_BAR_MIN && done < total)
		fputc('\n', stderr);
	clock = time(NULL);
	db_time(clock, now);
	config_office_day(pl->cfg, clock, day, since, NULL);
	{
		struct imap_state *db = imap_state_open(pl->cfg->database,
		    false, &ierr);

		/* A stopped pass has said why (above): its record failing
		 * the same way is no news, and run would say it each
		 * poll_interval. */
		if (db == NULL || imap_state_pass(db, info.origin, info.folder,
		    info.uidvalidity, r->recorded, r->failed, info.error, now,
		    day, &ierr) == -1) {
			log_msg(r->stalled ? LOG_LEVEL_INFO : LOG_LEVEL_WARN,
			    NULL, "imap %s: pass not recorded: %s",
			    info.origin, ierr);
			g_free(ierr);
		}
		imap_state_close(db);
	}
}

static void
refile_extra(int ch, const char *arg, void *ctx)
{
	if (ch == 's')
		*(const char **)ctx = arg;
}

int
cmd_refile(int argc, char **argv)
{
	struct cli_opts	 o = { 0 };
	const char	*since = NULL, *folders[SOURCE_IMAP_NFOLDERS];
	size_t		 moved[SOURCE_IMAP_NFOLDERS], total = 0;
	char		*cause = NULL;
	void		*state;
	int		 first, y, m, d, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &o, "s", refile_extra,
	    &since)) == -1)
		return (EX_USAGE);
	if (first != argc || since == NULL || o.json) {
		log_msg(LOG_LEVEL_ERROR, "refile", "give --since YYYY-MM-DD "
		    "(the day of the backup, or earlier) and nothing else");
		config_free(o.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	/* a typo said before any server is asked, and a day to come
	 * (nothing received since) said as such */
	{
		GDateTime	*now = g_date_time_new_now_utc();
		char		*today = g_date_time_format(now, "%F");

		g_date_time_unref(now);
		if (source_imap_day(since, &y, &m, &d) == -1) {
			log_msg(LOG_LEVEL_ERROR, "refile", "--since: not a "
			    "day (YYYY-MM-DD): %s", since);
			g_free(today);
			config_free(o.cfg);
			return (cli_usage(stderr, EX_USAGE));
		}
		if (strcmp(since, today) > 0)
			log_msg(LOG_LEVEL_WARN, "refile", "--since %s is "
			    "after today (%s, UTC): nothing can have been "
			    "received since", since, today);
		g_free(today);
	}
	imap_log_apply(o.cfg, LOG_LEVEL_NOTICE);
	if (*o.cfg->imap.host == '\0') {
		log_msg(LOG_LEVEL_ERROR, "refile", "no [imap] host");
		config_free(o.cfg);
		return (EX_CONFIG);
	}
	/* the store made (or migrated) first: the source keeps its state
	 * there */
	db_close(cli_open_store(o.cfg, false));
	if ((state = source_imap.open(o.cfg, NULL, &cause)) == NULL) {
		log_error("%s", cause);
		g_free(cause);
		config_free(o.cfg);
		return (EX_UNAVAILABLE);
	}
	if (source_imap_return(state, y, m, d, folders, moved, &cause) ==
	    -1) {
		log_error("refile: %s", cause);
		rc = EX_UNAVAILABLE;
		g_free(cause);
	}
	source_imap.close(state);
	for (size_t i = 0; i < SOURCE_IMAP_NFOLDERS; i++) {
		if (folders[i] == NULL || moved[i] == 0)
			continue;
		printf("refile: %zu message(s) from %s\n", moved[i],
		    folders[i]);
		total += moved[i];
	}
	if (rc == EX_OK)
		printf("refile: %zu message(s) back in %s since %s; the next "
		    "pass of run or poll records them again\n", total,
		    o.cfg->imap.folder, since);
	config_free(o.cfg);
	return (rc);
}

void
imap_open_failed(const struct config *cfg, const char *why)
{
	struct imap_state	*db;
	char			*origin, *cause = NULL, now[DB_TIME_SIZE];

	origin = config_imap_origin(cfg, NULL);
	db_time(time(NULL), now);
	if ((db = imap_state_open(cfg->database, false, &cause)) == NULL ||
	    imap_state_failed(db, origin, cfg->imap.folder, why, now,
	    &cause) == -1) {
		log_info("imap %s: failure not recorded: %s", origin, cause);
		g_free(cause);
	}
	imap_state_close(db);
	g_free(origin);
}

void
imap_log_apply(const struct config *cfg, enum log_level dflt)
{
	log_open("hotrocks", cfg->service.log == LOG_TARGET_SYSLOG ?
	    LOG_TARGET_SYSLOG : LOG_TARGET_STDERR);
	if (getenv("HOTROCKS_DEBUG") == NULL)
		log_set_level(cfg->service.log_level >= 0 ?
		    (enum log_level)cfg->service.log_level : dflt);
}

/* The extra flags poll and run take: -q sets flags[0]. */
static void
imap_extra(int ch, const char *arg, void *ctx)
{
	(void)arg;
	if (ch == 'q')
		((bool *)ctx)[0] = true;
}

int
cmd_imap_setup(const char *name, int argc, char **argv, const char *extra,
    bool *flags_r, char **conf_r, struct config **cfg_r, struct db **db_r)
{
	struct cli_opts	 o = { 0 };
	int		 first;

	if ((first = cli_parse(argc, argv, &o, extra, imap_extra,
	    flags_r)) == -1)
		return (EX_USAGE);
	flags_r[1] = o.json;
	if (o.json && strchr(extra, 'j') == NULL) {
		log_msg(LOG_LEVEL_ERROR, name, "--json is not valid here");
		config_free(o.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	if (first != argc) {
		log_msg(LOG_LEVEL_ERROR, name, "no operand expected");
		config_free(o.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	if (db_r != NULL)
		*db_r = cli_open_store(o.cfg, false);
	*conf_r = o.conf ? g_strdup(o.conf) : NULL;
	*cfg_r = o.cfg;
	return (-1);
}

int
cmd_imap_lock(const char *name, const struct config *cfg, int *fd_r)
{
	char	*path = g_strconcat(cfg->database, ".run-lock", NULL);
	char	 buf[32];
	ssize_t	 n;
	int	 fd, rc = -1;

	*fd_r = -1;
	/* readable by the store's readers: status tells them who holds it */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640)) == -1) {
		log_msg(LOG_LEVEL_ERROR, name, "%s: cannot be created: %s",
		    path, g_strerror(errno));
		rc = EX_CANTCREAT;
		goto out;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK) {
			log_msg(LOG_LEVEL_ERROR, name, "%s: cannot be locked: "
			    "%s", path, g_strerror(errno));
			rc = EX_IOERR;
			goto out;
		}
		/* The holder writes its pid just after it locks: empty
		 * for an instant at most. */
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		g_strchomp(buf);
		log_msg(LOG_LEVEL_ERROR, name, "%s: already in use by hotrocks "
		    "%s%s (a run or poll of this store): not started",
		    cfg->database, *buf != '\0' ? "pid " : "another process",
		    buf);
		rc = EX_TEMPFAIL;
		goto out;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, buf, (size_t)n, 0) != n)
		log_warn("%s: %s: the pid is not written: %s", name, path,
		    g_strerror(errno));
	*fd_r = fd;
	fd = -1;
out:
	if (fd != -1)
		close(fd);
	g_free(path);
	return (rc);
}

int
cmd_imap_holder(const struct config *cfg, long *pid_r, char **cause)
{
	char		*path = g_strconcat(cfg->database, ".run-lock", NULL);
	char		*text = NULL, **lines = NULL;
	GError		*err = NULL;
	GStatBuf	 sb;
	int		 rc = -1;

	*pid_r = 0;
	if (g_stat(path, &sb) == -1) {
		if (errno == ENOENT)
			rc = 0;		/* never run on this store */
		else
			*cause = g_strdup_printf("%s: %s", path,
			    g_strerror(errno));
		goto out;
	}
	/*
	 * The kernel's table of locks, not a lock of our own: taking one,
	 * even shared for an instant, would make a run starting then
	 * refuse to start. A holder's line: "N: FLOCK ADVISORY WRITE PID
	 * MAJ:MIN:INODE 0 EOF" (hex device numbers); "N: -> ..." waits.
	 */
	if (!g_file_get_contents("/proc/locks", &text, NULL, &err)) {
		*cause = g_strdup_printf("/proc/locks: %s", err->message);
		g_error_free(err);
		goto out;
	}
	rc = 0;
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL && rc == 0; i++) {
		unsigned	 maj, min;
		unsigned long	 ino;
		long		 pid;

		if (sscanf(lines[i], "%*d: FLOCK %*s WRITE %ld %x:%x:%lu", &pid,
		    &maj, &min, &ino) == 4 && ino == (unsigned long)sb.st_ino &&
		    maj == major(sb.st_dev) && min == minor(sb.st_dev)) {
			*pid_r = pid;
			rc = 1;
		}
	}
out:
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	return (rc);
}

int
cmd_poll(int argc, char **argv)
{
	struct pipeline		 pl = { 0 };
	struct imap_pass_result	 r;
	struct config		*cfg = NULL;
	struct db		*store = NULL;
	char			*conf = NULL, *cause = NULL;
	bool			 flags[2] = { false, false };
	void			*state;
	int			 rc, lock;

	if ((rc = cmd_imap_setup("poll", argc, argv, "q", flags, &conf, &cfg,
	    &store)) != -1)
		return (rc);
	g_free(conf);
	if ((rc = cmd_imap_lock("poll", cfg, &lock)) != -1) {
		db_close(store);
		config_free(cfg);
		return (rc);
	}
	imap_log_apply(cfg, LOG_LEVEL_NOTICE);
	pl.cfg = cfg;
	pl.db = store;
	if ((state = source_imap.open(cfg, NULL, &cause)) == NULL) {
		log_error("%s", cause);
		imap_open_failed(cfg, cause);
		g_free(cause);
		db_close(store);
		config_free(cfg);
		close(lock);
		return (EX_UNAVAILABLE);
	}
	imap_pass(&pl, state, flags[0] ? PASS_QUIET : PASS_LINES, false, NULL,
	    &r);
	source_imap.close(state);
	cli_index_pending(store);
	if (!flags[0])
		printf("%zu message(s): %zu queued, %zu rejected, %zu "
		    "redirected, %zu for a person, %zu ignored, %zu already "
		    "recorded, %zu failed%s\n", r.seen,
		    r.by_action[ACTION_QUEUE], r.by_action[ACTION_REJECT],
		    r.by_action[ACTION_REDIRECT], r.by_action[ACTION_MANUAL],
		    r.by_action[ACTION_IGNORE], r.again, r.failed,
		    r.broken ? " (connection lost: run again)" : r.stalled ?
		    " (stopped: the store or the archive cannot take more: "
		    "run again)" : "");
	db_close(store);
	config_free(cfg);
	close(lock);
	if (r.broken)
		return (EX_UNAVAILABLE);
	if (r.stalled)
		return (EX_TEMPFAIL);
	return (r.failed > 0 ? EX_DATAERR : EX_OK);
}
