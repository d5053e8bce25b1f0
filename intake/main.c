/* main.c: the hotrocks command line. Every command reads one config (or
 * the defaults); errors go to stderr; exit codes follow sysexits.h. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/contract.h"
#include "intake/pipeline.h"
#include "intake/report.h"
#include "intake/source.h"
#include "intake/store.h"
#include "lib/log.h"

#define HOTROCKS_VERSION "0.1.0"

struct common {
	const char	*conf;
	const char	*db;
	bool		 json;
	struct config	*cfg;
};

static int	cmd_inspect(int, char **);
static int	cmd_ingest(int, char **);
static int	cmd_cases(int, char **);
static int	cmd_case(int, char **);
static int	usage(FILE *, int);

static const char *usage_text =
"usage: hotrocks COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Commands:\n"
"  inspect [-c CONF] [--db DB] [--json] FILE.eml...\n"
"                 decide about messages and print the decision; writes\n"
"                 nothing (with --db, a message already recorded there\n"
"                 shows as ignore)\n"
"  ingest [-c CONF] [--db DB] [-q] PATH...\n"
"                 process .eml files, folders of them, or Maildirs:\n"
"                 archive, decide, record cases and queue replies, once\n"
"  cases [-c CONF] [--db DB] [--state open|review|done] [--json]\n"
"                 list cases, newest first\n"
"  case show NUMBER [-c CONF] [--db DB] [--json]\n"
"                 one case with its rows and audit trail\n"
"  case done NUMBER [--note TEXT] [--by NAME] [-c CONF] [--db DB]\n"
"  case reopen NUMBER [--note TEXT] [--by NAME] [-c CONF] [--db DB]\n"
"                 move a case to done, or back to open\n"
"  version        print the version\n"
"\n"
"Options:\n"
"  -c, --config FILE  settings (default: built-in defaults, see\n"
"                     samples/hotrocks.conf)\n"
"      --db FILE      database (overrides [store] database; the archive\n"
"                     goes beside it unless [store] archive is set)\n"
"      --json         machine-readable output (CONTRACT JSON Lines)\n"
"  -h, --help         this text\n"
"\n"
"Exit codes: 0 done; 64 usage; 65 a message could not be read;\n"
"66 an input is missing; 69 a case was not found; 70 internal error;\n"
"74 an I/O or database error; 78 a configuration error.\n";

static int
usage(FILE *fp, int code)
{
	fputs(usage_text, fp);
	return (code);
}

/* Parses the options every command shares; returns argv index of the
 * first operand, or -1 after printing the reason. */
static int
parse_common(int argc, char **argv, struct common *c, const char *extra,
    void (*on_extra)(int, const char *, void *), void *ctx)
{
	static const struct option base[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ "state", required_argument, NULL, 'S' },
		{ "note", required_argument, NULL, 'N' },
		{ "by", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	char	*cause = NULL;
	int	 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:hq", base, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c->conf = optarg;
			break;
		case 'D':
			c->db = optarg;
			break;
		case 'J':
			c->json = true;
			break;
		case 'h':
			exit(usage(stdout, EX_OK));
		default:
			if (ch != '?' && extra != NULL &&
			    strchr(extra, ch) != NULL) {
				on_extra(ch, optarg, ctx);
				break;
			}
			if (ch != '?')
				fprintf(stderr, "hotrocks %s: option not "
				    "valid here\n", argv[0]);
			usage(stderr, EX_USAGE);
			return (-1);
		}
	}
	c->cfg = config_load(c->conf, &cause);
	if (c->cfg == NULL) {
		fprintf(stderr, "hotrocks: %s\n", cause);
		g_free(cause);
		exit(EX_CONFIG);
	}
	if (c->db != NULL) {
		bool derived;
		char *dir = g_path_get_dirname(c->cfg->database);
		char *old = g_build_filename(dir, "archive", NULL);

		derived = strcmp(old, c->cfg->archive_dir) == 0;
		g_free(old);
		g_free(dir);
		g_free(c->cfg->database);
		c->cfg->database = g_strdup(c->db);
		if (derived) {
			dir = g_path_get_dirname(c->db);
			g_free(c->cfg->archive_dir);
			c->cfg->archive_dir = g_build_filename(dir, "archive",
			    NULL);
			g_free(dir);
		}
	}
	return (optind);
}

static struct store *
open_store(const struct config *cfg, bool readonly)
{
	struct store	*st;
	char		*cause = NULL;
	char		*dir;

	if (!readonly) {
		dir = g_path_get_dirname(cfg->database);
		if (g_mkdir_with_parents(dir, 0750) != 0) {
			fprintf(stderr, "hotrocks: %s: cannot create: %s\n",
			    dir, g_strerror(errno));
			g_free(dir);
			exit(EX_CANTCREAT);
		}
		g_free(dir);
	}
	st = readonly ? store_open_readonly(cfg->database, &cause) :
	    store_open(cfg->database, &cause);
	if (st == NULL) {
		fprintf(stderr, "hotrocks: %s\n", cause);
		g_free(cause);
		exit(EX_IOERR);
	}
	return (st);
}

static int
cmd_inspect(int argc, char **argv)
{
	struct common	 c = { 0 };
	struct store	*st = NULL;
	struct lookup	 lk = { 0 };
	int		 first, rc = EX_OK;

	if ((first = parse_common(argc, argv, &c, NULL, NULL, NULL)) == -1)
		return (EX_USAGE);
	if (first >= argc) {
		fprintf(stderr, "hotrocks inspect: no message file given\n");
		config_free(c.cfg);
		return (usage(stderr, EX_USAGE));
	}
	if (c.db != NULL) {
		st = open_store(c.cfg, true);
		lk.open_request = pipeline_open_request;
		lk.unit_cert_org = pipeline_unit_cert_org;
		lk.ctx = st;
	}
	for (int i = first; i < argc; i++) {
		struct source_msg	 msg;
		struct mail		*m = NULL;
		struct decision		*dec = NULL;
		char			*cause = NULL;
		const char		*why = NULL;

		if (source_read_file(argv[i], &msg, &cause) == -1) {
			fprintf(stderr, "hotrocks: %s\n", cause);
			g_free(cause);
			rc = EX_NOINPUT;
			continue;
		}
		if (analyse_message(msg.data, msg.len, c.cfg, &lk, &m, &dec,
		    &why) == -1) {
			fprintf(stderr, "hotrocks: %s: not a message: %s\n",
			    argv[i], why);
			source_msg_free(&msg);
			rc = EX_DATAERR;
			continue;
		}
		if (st != NULL) {
			struct store_message sm = { 0 };
			char *key = pipeline_content_key(msg.data, msg.len);
			gchar *sha = g_compute_checksum_for_data(
			    G_CHECKSUM_SHA256, msg.data, msg.len);
			int seen;

			sm.source = "file";
			sm.origin = argv[i];
			sm.message_id = m->message_id;
			sm.sha256 = sha;
			sm.content_key = key;
			seen = store_seen(st, &sm, &dec->existing_case, &cause);
			if (seen == 1) {
				dec->already_processed = true;
				dec->action = ACTION_IGNORE;
			} else if (seen == -1) {
				fprintf(stderr, "hotrocks: %s\n", cause);
				g_free(cause);
				rc = EX_IOERR;
			}
			g_free(sha);
			g_free(key);
		}
		if (c.json) {
			char *j = contract_json(m, dec, false);

			printf("%s\n", j);
			g_free(j);
		} else {
			report_decision(stdout, argv[i], m, dec);
			if (i + 1 < argc)
				printf("\n");
		}
		decision_free(dec);
		mail_free(m);
		source_msg_free(&msg);
	}
	store_close(st);
	config_free(c.cfg);
	return (rc);
}

struct ingest_opts {
	bool quiet;
};

static void
ingest_extra(int ch, const char *arg, void *ctx)
{
	(void)arg;
	if (ch == 'q')
		((struct ingest_opts *)ctx)->quiet = true;
}

/* A one-line bar on a terminal, redrawn in place. */
static void
progress(size_t done, size_t total)
{
	int width = 40, fill = total ? (int)(done * width / total) : 0;

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu", fill,
	    "########################################", width - fill, "",
	    done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int
cmd_ingest(int argc, char **argv)
{
	struct common		 c = { 0 };
	struct ingest_opts	 o = { false };
	struct pipeline		 pl = { 0 };
	size_t			 counts[ACTION__COUNT] = { 0 };
	size_t			 total = 0, done = 0, dups = 0, failed = 0;
	int			 first, rc = EX_OK;
	bool			 bar;

	if ((first = parse_common(argc, argv, &c, "q", ingest_extra, &o)) ==
	    -1)
		return (EX_USAGE);
	if (first >= argc) {
		fprintf(stderr, "hotrocks ingest: no path given\n");
		config_free(c.cfg);
		return (usage(stderr, EX_USAGE));
	}
	pl.cfg = c.cfg;
	pl.store = open_store(c.cfg, false);
	bar = isatty(STDERR_FILENO) && !o.quiet;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = first; i < argc; i++) {
			const struct source	*src = source_for_path(argv[i]);
			char			*cause = NULL;
			void			*state;
			struct source_msg	 msg;
			int			 n;

			if ((state = src->open(argv[i], &cause)) == NULL) {
				if (pass == 0) {
					fprintf(stderr, "hotrocks: %s\n", cause);
					rc = EX_NOINPUT;
				}
				g_free(cause);
				continue;
			}
			if (pass == 0) {
				total += src->count(state);
				src->close(state);
				continue;
			}
			while ((n = src->next(state, &msg, &cause)) != 0) {
				struct ingest_result r;

				if (n == -1) {
					fprintf(stderr, "hotrocks: %s\n", cause);
					g_free(cause);
					cause = NULL;
					failed++;
					continue;
				}
				if (pipeline_ingest(&pl, src, state, &msg, &r,
				    &cause) == -1) {
					fprintf(stderr, "hotrocks: %s: %s\n",
					    msg.origin, cause);
					g_free(cause);
					cause = NULL;
					failed++;
				} else {
					if (r.duplicate)
						dups++;
					else
						counts[r.action]++;
					if (!o.quiet && !(bar && total > 20)) {
						char *b = g_path_get_basename(
						    msg.origin);

						printf("%-15s %-8s %-15s %-28s %s\n",
						    r.case_number ? r.case_number :
						    "-", r.duplicate ? "seen" :
						    action_name(r.action),
						    kind_name(r.kind), b,
						    r.subject ? r.subject : "");
						g_free(b);
					}
					ingest_result_deinit(&r);
				}
				source_msg_free(&msg);
				done++;
				if (bar && total > 20)
					progress(done, total);
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
	store_close(pl.store);
	config_free(c.cfg);
	return (rc);
}

struct cases_opts {
	const char *state;
	const char *note;
	const char *by;
};

static void
cases_extra(int ch, const char *arg, void *ctx)
{
	struct cases_opts *o = ctx;

	if (ch == 'S')
		o->state = arg;
	else if (ch == 'N')
		o->note = arg;
	else if (ch == 'B')
		o->by = arg;
}

static int
cmd_cases(int argc, char **argv)
{
	struct common		 c = { 0 };
	struct cases_opts	 o = { 0 };
	struct store		*st;
	struct store_case	*cases = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	if (parse_common(argc, argv, &c, "S", cases_extra, &o) == -1)
		return (EX_USAGE);
	st = open_store(c.cfg, true);
	if (store_cases(st, o.state, &cases, &n, &cause) == -1) {
		fprintf(stderr, "hotrocks: %s\n", cause);
		g_free(cause);
		store_close(st);
		config_free(c.cfg);
		return (EX_IOERR);
	}
	if (c.json) {
		report_cases_json(stdout, cases, n);
	} else
		report_cases(stdout, cases, n);
	store_cases_free(cases, n);
	store_close(st);
	config_free(c.cfg);
	return (EX_OK);
}

static int
cmd_case(int argc, char **argv)
{
	struct common			 c = { 0 };
	struct cases_opts		 o = { 0 };
	struct store			*st;
	struct store_case_detail	*d = NULL;
	char				*cause = NULL;
	const char			*verb, *number;
	int				 first, rc = EX_OK, found;

	if (argc < 2 || (strcmp(argv[1], "show") != 0 &&
	    strcmp(argv[1], "done") != 0 && strcmp(argv[1], "reopen") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0))
			return (usage(stdout, EX_OK));
		fprintf(stderr, "hotrocks case: say show, done or reopen\n");
		return (usage(stderr, EX_USAGE));
	}
	verb = argv[1];
	/* getopt sees "show NUMBER --db X" as argv[0] = "show". */
	if ((first = parse_common(argc - 1, argv + 1, &c, "NB", cases_extra,
	    &o)) == -1)
		return (EX_USAGE);
	if (first >= argc - 1) {
		fprintf(stderr, "hotrocks case %s: which case?\n", verb);
		config_free(c.cfg);
		return (EX_USAGE);
	}
	number = argv[1 + first];
	if (strcmp(verb, "show") == 0) {
		st = open_store(c.cfg, true);
		found = store_case_get(st, number, &d, &cause);
		if (found == 1 && c.json) {
			printf("%s\n", d->contract_json);
		} else if (found == 1)
			report_case(stdout, d);
		else if (found == 0) {
			fprintf(stderr, "hotrocks: no case %s\n", number);
			rc = EX_UNAVAILABLE;
		} else {
			fprintf(stderr, "hotrocks: %s\n", cause);
			rc = EX_IOERR;
		}
		store_case_detail_free(d);
	} else {
		char *now = pipeline_now();
		const char *by = o.by ? o.by : g_get_user_name();

		st = open_store(c.cfg, false);
		if (store_case_set_state(st, number, strcmp(verb, "done") == 0 ?
		    "done" : "open", by, o.note ? o.note : "", now,
		    &cause) == -1) {
			fprintf(stderr, "hotrocks: %s\n", cause);
			rc = EX_UNAVAILABLE;
		} else
			printf("%s is now %s\n", number,
			    strcmp(verb, "done") == 0 ? "done" : "open");
		g_free(now);
	}
	g_free(cause);
	store_close(st);
	config_free(c.cfg);
	return (rc);
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		return (usage(stderr, EX_USAGE));
	cmd = argv[1];
	if (getenv("HOTROCKS_DEBUG") != NULL)
		log_set_level(LOG_LEVEL_DEBUG);
	mime_init();
	if (strcmp(cmd, "inspect") == 0)
		return (cmd_inspect(argc - 1, argv + 1));
	if (strcmp(cmd, "ingest") == 0)
		return (cmd_ingest(argc - 1, argv + 1));
	if (strcmp(cmd, "cases") == 0)
		return (cmd_cases(argc - 1, argv + 1));
	if (strcmp(cmd, "case") == 0)
		return (cmd_case(argc - 1, argv + 1));
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("hotrocks %s (contract %d)\n", HOTROCKS_VERSION,
		    CONTRACT_VERSION);
		return (EX_OK);
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "--help") == 0)
		return (usage(stdout, EX_OK));
	fprintf(stderr, "hotrocks: unknown command '%s'\n", cmd);
	return (usage(stderr, EX_USAGE));
}
