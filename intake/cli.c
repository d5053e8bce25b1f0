/* cli.c: the parts every hotrocks command shares. Errors are logged here
 * once and end in a sysexits code; nothing here decides about mail. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/archive.h"
#include "intake/cli.h"
#include "intake/report.h"
#include "lib/log.h"
#include "outbox/queue.h"

static const char	*usage_text = "";
/* --db named the store: its folder must exist already. Only the
 * configured location is the service's own to create. */
static bool		 db_given;
/* The command run, whose own entries COMMAND --help shows. */
static const char	*usage_command;

void
cli_usage_set(const char *text)
{
	usage_text = text;
}

static int	usage_of(FILE *, const char *, int);

/* The whole usage, or within a command the entries of that command. */
int
cli_usage(FILE *fp, int code)
{
	if (usage_command != NULL)
		return (usage_of(fp, usage_command, code));
	fputs(usage_text, fp);
	return (code);
}

void
cli_usage_command_set(const char *command)
{
	usage_command = command;
}

/*
 * COMMAND --help: the usage's own entries for that command, each line
 * that starts one ("  case done …") and the lines indented under it; a
 * reader of `report --help` wants report's, not 120 lines (trial 2). The
 * whole usage when it names no such entry.
 */
static int
usage_of(FILE *fp, const char *command, int code)
{
	char	**lines = g_strsplit(usage_text, "\n", -1);
	size_t	  n = strlen(command), shown = 0;
	bool	  in = false;

	for (size_t i = 0; lines[i] != NULL; i++) {
		const char *l = lines[i];

		if (l[0] == ' ' && l[1] == ' ' && l[2] != ' ' && l[2] != '\0')
			in = strncmp(l + 2, command, n) == 0 &&
			    (l[2 + n] == ' ' || l[2 + n] == '\0');
		else if (!g_str_has_prefix(l, "   "))
			in = false;
		if (in) {
			if (shown++ == 0)
				fputs("usage: hotrocks COMMAND [OPTIONS] "
				    "[ARGS]\n\n", fp);
			fprintf(fp, "%s\n", l);
		}
	}
	g_strfreev(lines);
	if (shown == 0) {
		fputs(usage_text, fp);
		return (code);
	}
	fputs("\nEvery command: hotrocks --help; every option and exit "
	    "code: hotrocks(1).\n", fp);
	return (code);
}

void
cli_apply_db(struct config *cfg, const char *db)
{
	char		*dir = g_path_get_dirname(cfg->database);
	char		*old = g_build_filename(dir, "archive", NULL);
	bool		 derived;

	derived = strcmp(old, cfg->archive_dir) == 0;
	g_free(old);
	g_free(dir);
	g_free(cfg->database);
	cfg->database = g_strdup(db);
	if (derived) {
		dir = g_path_get_dirname(db);
		g_free(cfg->archive_dir);
		cfg->archive_dir = g_build_filename(dir, "archive", NULL);
		g_free(dir);
	}
}

int
cli_parse(int argc, char **argv, struct cli_opts *o, const char *extra,
    void (*on_extra)(int, const char *, void *), void *ctx)
{
	static const struct option base[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ "state", required_argument, NULL, 'S' },
		{ "action", required_argument, NULL, 'a' },
		{ "note", required_argument, NULL, 'N' },
		{ "by", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "anchors", required_argument, NULL, 'A' },
		{ "crls", required_argument, NULL, 'R' },
		{ "at", required_argument, NULL, 'T' },
		{ "key", required_argument, NULL, 'K' },
		{ "cert", required_argument, NULL, 'C' },
		{ "chain", required_argument, NULL, 'H' },
		{ "pkcs7", no_argument, NULL, 'P' },
		{ "replace", no_argument, NULL, 'E' },
		{ "case", required_argument, NULL, 'k' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "unit", required_argument, NULL, 'U' },
		{ "kind", required_argument, NULL, 'I' },
		{ "search", required_argument, NULL, 'Q' },
		{ "set", required_argument, NULL, 'X' },
		{ "rows", required_argument, NULL, 'W' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "period", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "html", required_argument, NULL, 'L' },
		{ "send", no_argument, NULL, 'Y' },
		{ "flagged", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	char	*cause = NULL;
	int	 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:hqo:", base, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->conf = optarg;
			break;
		case 'D':
			o->db = optarg;
			break;
		case 'J':
			o->json = true;
			break;
		case 'h':
			exit(cli_usage(stdout, EX_OK));
		default:
			if (ch != '?' && extra != NULL &&
			    strchr(extra, ch) != NULL) {
				on_extra(ch, optarg, ctx);
				break;
			}
			if (ch != '?')
				log_msg(LOG_LEVEL_ERROR, argv[0],
				    "option not valid here");
			cli_usage(stderr, EX_USAGE);
			return (-1);
		}
	}
	if (o->db != NULL && *o->db == '\0') {
		log_msg(LOG_LEVEL_ERROR, argv[0], "--db needs a file name");
		cli_usage(stderr, EX_USAGE);
		return (-1);
	}
	o->cfg = config_load(o->conf, &cause);
	if (o->cfg == NULL) {
		log_error("%s", cause);
		g_free(cause);
		exit(EX_CONFIG);
	}
	config_log_apply(o->cfg);
	if (o->db != NULL)
		cli_apply_db(o->cfg, o->db);
	db_given = o->db != NULL;
	report_set_timezone(o->cfg->timezone);
	return (optind);
}

/* run delivers the outbox at least every poll_interval (cmd-run.c,
 * wait_delivering). */
void
cli_say_when_sent(const struct config *cfg, int n)
{
	printf("queued: %s within %zu s while the service (hotrocks run) "
	    "runs, or at once with hotrocks send\n", n == 1 ? "it leaves" :
	    "they leave", cfg->imap.poll_interval);
}

void
cli_index_pending(struct db *st)
{
	char	*cause = NULL;
	size_t	 n = 0;

	if (store_index_pending(st, &n, &cause) == -1) {
		log_warn("search index: %s", cause);
		g_free(cause);
	}
	if (n > 0)
		log_info("search index: the rows of %zu long list(s) indexed",
		    n);
}

void
cli_index_for_search(const struct config *cfg, struct db *st)
{
	struct db	*w;
	char		*cause = NULL;
	int64_t		 n = 0;

	if (store_index_waiting(st, &n, &cause) == -1 || n == 0)
		goto out;
	if ((w = store_open(cfg->database, &cause)) != NULL) {
		cli_index_pending(w);
		db_close(w);
		if (store_index_waiting(st, &n, &cause) == -1 || n == 0)
			goto out;
	}
	log_warn("the rows of %lld long list%s are not in the search index "
	    "yet: %s found by unit, sender and subject only, until hotrocks "
	    "run (or poll) indexes them%s%s", (long long)n, n == 1 ? "" : "s",
	    n == 1 ? "its case is" : "their cases are",
	    cause != NULL ? ": " : "", cause != NULL ? cause : "");
out:
	g_free(cause);
}

struct db *
cli_open_store(const struct config *cfg, bool readonly)
{
	struct db	*st;
	char		*cause = NULL;
	char		*dir;

	dir = g_path_get_dirname(cfg->database);
	if (db_given && !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		/* A typo in --db must not make a new, empty store. */
		log_error("%s: cannot open: the folder %s does not exist",
		    cfg->database, dir);
		g_free(dir);
		exit(readonly ? EX_NOINPUT : EX_CANTCREAT);
	}
	if (!readonly && !db_given && g_mkdir_with_parents(dir, 0750) != 0) {
		log_error("%s: cannot create: %s", dir, g_strerror(errno));
		g_free(dir);
		exit(EX_CANTCREAT);
	}
	g_free(dir);
	st = readonly ? store_open_readonly(cfg->database, &cause) :
	    store_open(cfg->database, &cause);
	if (st == NULL) {
		log_error("%s", cause);
		g_free(cause);
		exit(EX_IOERR);
	}
	{
		char *blobs = config_blob_dir(cfg);

		db_set_blob_dir(st, blobs);
		g_free(blobs);
	}
	if (!readonly) {
		size_t	n;

		/* A store from before attachments went to files. */
		if (queue_blobs_move(st, &n, &cause) == -1) {
			log_warn("outbox: %s", cause);
			g_free(cause);
			cause = NULL;
		} else if (n > 0) {
			log_notice("outbox: the attachments of %zu item%s "
			    "moved to %s/blobs", n, n == 1 ? "" : "s",
			    cfg->archive_dir);
			/* Give the space back once. */
			if (db_exec(st, "VACUUM", &cause) == -1) {
				log_warn("outbox: %s", cause);
				g_free(cause);
				cause = NULL;
			}
		}

		/* A writer killed mid-archive left a temporary file. */
		if (archive_clean_temp(cfg->archive_dir, &n, &cause) == -1) {
			log_warn("%s", cause);
			g_free(cause);
		} else if (n > 0)
			log_notice("archive: removed %zu temporary file%s a "
			    "killed run left", n, n == 1 ? "" : "s");
	}
	return (st);
}

int
cli_time(const char *text, time_t *at_r)
{
	GDateTime *t = g_date_time_new_from_iso8601(text, NULL);

	if (t == NULL)
		return (-1);
	*at_r = g_date_time_to_unix(t);
	g_date_time_unref(t);
	return (0);
}

/* Not a log line: a terminal widget redrawn in place with \r, which a
 * log (or syslog, later) must never receive, so it writes to stderr
 * itself. */
void
cli_progress(size_t done, size_t total)
{
	int width = 40, fill = total ? (int)(done * width / total) : 0;

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill,
	    "########################################", width - fill, "",
	    done, total);
	if (done == total)
		fputc('\n', stderr);
}
