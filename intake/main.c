/* main.c: the hotrocks command line. Every command reads one config (or
 * the defaults); errors go to stderr; exit codes follow sysexits.h. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/cases.h"
#include "intake/config.h"
#include "intake/contract.h"
#include "intake/pipeline.h"
#include "intake/report.h"
#include "intake/source.h"
#include "intake/store.h"
#include "intake/trust.h"
#include "intake/units.h"
#include "intake/units-store.h"
#include "parsers/ooxml-sig.h"
#include "parsers/ooxml-sign.h"
#include "parsers/package.h"
#include "parsers/sniff.h"
#include "parsers/xls-sig.h"
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
static int	cmd_messages(int, char **);
static int	cmd_verify(int, char **);
static int	cmd_sign(int, char **);
static int	cmd_units(int, char **);
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
"  messages [-c CONF] [--db DB] [--action ACTION] [--json]\n"
"                 every message recorded, newest first, with what became\n"
"                 of it (rejected and redirected ones open no case)\n"
"  case show NUMBER [-c CONF] [--db DB] [--json]\n"
"                 one case with its rows and audit trail\n"
"  case done NUMBER [--note TEXT] [--by NAME] [-c CONF] [--db DB]\n"
"  case reopen NUMBER [--note TEXT] [--by NAME] [-c CONF] [--db DB]\n"
"                 move a case to done, or back to open\n"
"  verify [-c CONF] [--anchors PEM] [--crls DIR] [--at TIME] [--json] FILE...\n"
"                 judge the signatures of document files on their own\n"
"  sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] IN OUT\n"
"                 add an OOXML package signature to a DOCX or XLSX\n"
"  units import FILE.csv [-c CONF] [--db DB]\n"
"                 replace the registry of units (name,addresses,cert_org)\n"
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

static struct db *
open_store(const struct config *cfg, bool readonly)
{
	struct db	*st;
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
	struct db	*st = NULL;
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
		/* The file's own clock, as ingest would use it. */
		lk.receipt = msg.received_at;
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
			seen = store_seen(st, &sm, &dec->existing_case, NULL,
			    &cause);
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
	db_close(st);
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
	pl.db = open_store(c.cfg, false);
	bar = isatty(STDERR_FILENO) && !o.quiet;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = first; i < argc; i++) {
			const struct source	*src = source_for_path(argv[i]);
			char			*cause = NULL;
			void			*state;
			struct source_msg	 msg;
			int			 n;

			if ((state = src->open(c.cfg, argv[i], &cause)) == NULL) {
				if (pass == 0) {
					fprintf(stderr, "hotrocks: %s\n", cause);
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
	db_close(pl.db);
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

	if (ch == 'S' || ch == 'a')
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
	struct db		*st;
	struct case_summary	*cases = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	if (parse_common(argc, argv, &c, "S", cases_extra, &o) == -1)
		return (EX_USAGE);
	st = open_store(c.cfg, true);
	if (cases_list(st, o.state, &cases, &n, &cause) == -1) {
		fprintf(stderr, "hotrocks: %s\n", cause);
		g_free(cause);
		db_close(st);
		config_free(c.cfg);
		return (EX_IOERR);
	}
	if (c.json) {
		report_cases_json(stdout, cases, n);
	} else
		report_cases(stdout, cases, n);
	cases_list_free(cases, n);
	db_close(st);
	config_free(c.cfg);
	return (EX_OK);
}

static int
cmd_messages(int argc, char **argv)
{
	struct common		 c = { 0 };
	struct cases_opts	 o = { 0 };
	struct db		*st;
	struct case_summary	*m = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	if (parse_common(argc, argv, &c, "a", cases_extra, &o) == -1)
		return (EX_USAGE);
	if (o.state != NULL && action_from_name(o.state) < 0) {
		fprintf(stderr, "hotrocks messages: no such action: %s\n",
		    o.state);
		config_free(c.cfg);
		return (EX_USAGE);
	}
	st = open_store(c.cfg, true);
	if (cases_messages(st, o.state, 0, &m, &n, &cause) == -1) {
		fprintf(stderr, "hotrocks: %s\n", cause);
		g_free(cause);
		db_close(st);
		config_free(c.cfg);
		return (EX_IOERR);
	}
	if (c.json)
		report_messages_json(stdout, m, n);
	else
		report_messages(stdout, m, n);
	cases_list_free(m, n);
	db_close(st);
	config_free(c.cfg);
	return (EX_OK);
}

static int
cmd_case(int argc, char **argv)
{
	struct common			 c = { 0 };
	struct cases_opts		 o = { 0 };
	struct db			*st;
	struct case_detail		*d = NULL;
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
		found = cases_get(st, number, &d, &cause);
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
		cases_detail_free(d);
	} else {
		char *now = NULL;
		const char *by = o.by ? o.by : g_get_user_name();

		st = open_store(c.cfg, false);
		if (cases_set_state(st, number, strcmp(verb, "done") == 0 ?
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
	db_close(st);
	config_free(c.cfg);
	return (rc);
}

struct sig_opts {
	const char	*anchors, *crls, *at;
	const char	*key, *cert, *chain;
};

static void
sig_extra(int ch, const char *arg, void *ctx)
{
	struct sig_opts *o = ctx;

	switch (ch) {
	case 'A': o->anchors = arg; break;
	case 'R': o->crls = arg; break;
	case 'T': o->at = arg; break;
	case 'K': o->key = arg; break;
	case 'C': o->cert = arg; break;
	case 'H': o->chain = arg; break;
	}
}

/* One file's verdict, for a person. */
static void
print_verdict(const char *file, enum format fmt,
    const struct doc_signature *s)
{
	printf("%s (%s): %s\n", file, format_name(fmt),
	    sig_status_name(s->status));
	for (size_t i = 0; i < s->nresults; i++) {
		const struct sig_result	*r = &s->results[i];
		const struct sig_signer	*g = r->signer;

		printf("  signature %zu (%s): %s\n", i + 1, r->part ? r->part :
		    "?", sig_status_name(r->status));
		if (g != NULL) {
			printf("    signer   %s", g->cn ? g->cn : "?");
			if (g->ou != NULL)
				printf(", %s", g->ou);
			if (g->o != NULL)
				printf(", %s", g->o);
			if (g->email != NULL)
				printf(" <%s>", g->email);
			printf("\n    cert     serial %s, issued by %s, valid "
			    "%s to %s\n", g->serial ? g->serial : "?",
			    g->issuer_cn ? g->issuer_cn : "?",
			    g->not_before ? g->not_before : "?",
			    g->not_after ? g->not_after : "?");
		}
		printf("    signed   %s\n", r->signed_at ? r->signed_at :
		    "(no time stated)");
		if (r->covers_all_parts)
			printf("    covers   every part\n");
		for (size_t k = 0; k < r->nuncovered; k++)
			printf("    NOT COVERED %s\n", r->uncovered[k]);
		if (r->reason != NULL)
			printf("    why      %s\n", r->reason);
		for (size_t k = 0; k < r->nwarnings; k++)
			printf("    warning  %s\n", r->warnings[k]);
	}
	if (s->nresults == 0 && s->status == SIG_UNSIGNED)
		printf("  no signature\n");
}

static int
cmd_verify(int argc, char **argv)
{
	struct common	 c = { 0 };
	struct sig_opts	 o = { 0 };
	time_t		 at = time(NULL);
	int		 first, rc = EX_OK;
	char		*cause = NULL;

	if ((first = parse_common(argc, argv, &c, "ART", sig_extra, &o)) ==
	    -1)
		return (EX_USAGE);
	if (o.anchors != NULL || o.crls != NULL) {
		if (o.anchors != NULL) {
			g_free(c.cfg->trust_anchors);
			c.cfg->trust_anchors = g_strdup(o.anchors);
		}
		if (o.crls != NULL) {
			g_free(c.cfg->crl_dir);
			c.cfg->crl_dir = g_strdup(o.crls);
		}
		if (config_load_trust(c.cfg, &cause) == -1) {
			fprintf(stderr, "hotrocks: %s\n", cause);
			g_free(cause);
			config_free(c.cfg);
			return (EX_CONFIG);
		}
	}
	if (o.at != NULL) {
		GDateTime *t = g_date_time_new_from_iso8601(o.at, NULL);

		if (t == NULL) {
			fprintf(stderr, "hotrocks verify: --at %s is not an "
			    "RFC 3339 time (2024-05-02T08:00:00Z)\n", o.at);
			config_free(c.cfg);
			return (EX_USAGE);
		}
		at = g_date_time_to_unix(t);
		g_date_time_unref(t);
	}
	if (first >= argc) {
		fprintf(stderr, "hotrocks verify: no file given\n");
		config_free(c.cfg);
		return (usage(stderr, EX_USAGE));
	}
	for (int i = first; i < argc; i++) {
		struct doc_signature	 s = { SIG_UNSIGNED, NULL, 0 };
		struct sig_trust	 tv = trust_view(c.cfg->trust, at);
		struct package		*pkg;
		const char		*why = NULL;
		gchar			*data = NULL;
		gsize			 len = 0;
		enum format		 fmt;

		if (!g_file_get_contents(argv[i], &data, &len, NULL)) {
			fprintf(stderr, "hotrocks: %s: cannot be read\n",
			    argv[i]);
			rc = EX_NOINPUT;
			continue;
		}
		fmt = sniff_format((unsigned char *)data, len);
		if (fmt != FORMAT_DOCX && fmt != FORMAT_XLSX &&
		    fmt != FORMAT_OOXML && fmt != FORMAT_XLS &&
		    fmt != FORMAT_DOC && fmt != FORMAT_OLE2) {
			fprintf(stderr, "hotrocks: %s: not a Word or Excel "
			    "document (%s)\n", argv[i], format_name(fmt));
			rc = EX_DATAERR;
			g_free(data);
			continue;
		}
		if (fmt == FORMAT_DOCX || fmt == FORMAT_XLSX ||
		    fmt == FORMAT_OOXML) {
			pkg = package_open((unsigned char *)data, len,
			    &c.cfg->parse, &why);
			if (pkg == NULL || ooxml_sig_verify(pkg, &tv,
			    &s.results, &s.nresults, &why) == -1) {
				fprintf(stderr, "hotrocks: %s: %s\n", argv[i],
				    why ? why : "unreadable");
				rc = EX_DATAERR;
				package_free(pkg);
				g_free(data);
				continue;
			}
			package_free(pkg);
			s.status = s.nresults ? ooxml_sig_summary(s.results,
			    s.nresults) : SIG_UNSIGNED;
		} else if (xls_sig_present((unsigned char *)data, len))
			s.status = SIG_UNSUPPORTED;
		if (c.json) {
			JsonBuilder	*b = json_builder_new();
			JsonGenerator	*gen = json_generator_new();
			JsonNode	*root;
			char		*j;

			json_builder_begin_object(b);
			json_builder_set_member_name(b, "file");
			json_builder_add_string_value(b, argv[i]);
			json_builder_set_member_name(b, "format");
			json_builder_add_string_value(b, format_name(fmt));
			contract_signature_members(b, &s);
			json_builder_end_object(b);
			root = json_builder_get_root(b);
			json_generator_set_root(gen, root);
			j = json_generator_to_data(gen, NULL);
			printf("%s\n", j);
			g_free(j);
			json_node_unref(root);
			g_object_unref(gen);
			g_object_unref(b);
		} else
			print_verdict(argv[i], fmt, &s);
		ooxml_sig_results_free(s.results, s.nresults);
		g_free(data);
	}
	config_free(c.cfg);
	return (rc);
}

/* Writes data to path through a temporary file and a rename. */
static int
write_atomic(const char *path, const unsigned char *data, size_t len)
{
	char	*tmp = g_strdup_printf("%s.tmp-%d", path, (int)getpid());
	int	 ok = g_file_set_contents(tmp, (const char *)data, len, NULL) &&
		    g_rename(tmp, path) == 0;

	if (!ok)
		g_unlink(tmp);
	g_free(tmp);
	return (ok ? 0 : -1);
}

static int
cmd_sign(int argc, char **argv)
{
	struct common	 c = { 0 };
	struct sig_opts	 o = { 0 };
	EVP_PKEY	*key = NULL;
	X509		*cert = NULL;
	STACK_OF(X509)	*chain = sk_X509_new_null();
	BIO		*bio;
	gchar		*in = NULL;
	gsize		 inlen = 0;
	unsigned char	*out = NULL;
	size_t		 outlen = 0;
	const char	*why = NULL;
	int		 first, rc = EX_OK;
	time_t		 at = time(NULL);

	if ((first = parse_common(argc, argv, &c, "KCHT", sig_extra, &o)) ==
	    -1) {
		sk_X509_free(chain);
		return (EX_USAGE);
	}
	if (o.key == NULL || o.cert == NULL || argc - first != 2) {
		fprintf(stderr, "hotrocks sign: --key, --cert, IN and OUT are "
		    "needed\n");
		rc = EX_USAGE;
		goto out;
	}
	if (o.at != NULL) {
		GDateTime *t = g_date_time_new_from_iso8601(o.at, NULL);

		if (t == NULL) {
			fprintf(stderr, "hotrocks sign: bad --at %s\n", o.at);
			rc = EX_USAGE;
			goto out;
		}
		at = g_date_time_to_unix(t);
		g_date_time_unref(t);
	}
	if ((bio = BIO_new_file(o.key, "r")) != NULL) {
		key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	if ((bio = BIO_new_file(o.cert, "r")) != NULL) {
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	if (o.chain != NULL && (bio = BIO_new_file(o.chain, "r")) != NULL) {
		X509 *x;

		while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
			sk_X509_push(chain, x);
		BIO_free(bio);
	}
	ERR_clear_error();
	if (key == NULL || cert == NULL) {
		fprintf(stderr, "hotrocks sign: %s: no PEM %s in it\n",
		    key == NULL ? o.key : o.cert, key == NULL ?
		    "private key" : "certificate");
		rc = EX_NOINPUT;
		goto out;
	}
	if (!g_file_get_contents(argv[first], &in, &inlen, NULL)) {
		fprintf(stderr, "hotrocks sign: %s: cannot be read\n",
		    argv[first]);
		rc = EX_NOINPUT;
		goto out;
	}
	if (ooxml_sign((unsigned char *)in, inlen, key, cert, chain, at,
	    &c.cfg->parse, &out, &outlen, &why) == -1) {
		fprintf(stderr, "hotrocks sign: %s: %s\n", argv[first], why);
		rc = EX_DATAERR;
		goto out;
	}
	if (write_atomic(argv[first + 1], out, outlen) == -1) {
		fprintf(stderr, "hotrocks sign: %s: cannot be written\n",
		    argv[first + 1]);
		rc = EX_CANTCREAT;
	}
out:
	g_free(out);
	g_free(in);
	EVP_PKEY_free(key);
	X509_free(cert);
	sk_X509_pop_free(chain, X509_free);
	config_free(c.cfg);
	return (rc);
}

static int
cmd_units(int argc, char **argv)
{
	struct common	 c = { 0 };
	struct units	 u;
	struct db	*st;
	char		*text = NULL, *cause = NULL, *now;
	int		 first, rc = EX_OK;

	if (argc < 2 || strcmp(argv[1], "import") != 0) {
		fprintf(stderr, "hotrocks units: say import FILE.csv\n");
		return (usage(stderr, EX_USAGE));
	}
	if ((first = parse_common(argc - 1, argv + 1, &c, NULL, NULL,
	    NULL)) == -1)
		return (EX_USAGE);
	if (first >= argc - 1) {
		fprintf(stderr, "hotrocks units import: which file?\n");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	if (!g_file_get_contents(argv[1 + first], &text, NULL, NULL)) {
		fprintf(stderr, "hotrocks: %s: cannot be read\n",
		    argv[1 + first]);
		config_free(c.cfg);
		return (EX_NOINPUT);
	}
	if (units_parse(text, &u, &cause) == -1) {
		fprintf(stderr, "hotrocks: %s: %s\n", argv[1 + first], cause);
		g_free(cause);
		g_free(text);
		config_free(c.cfg);
		return (EX_DATAERR);
	}
	st = open_store(c.cfg, false);
	now = NULL;
	if (units_store_replace(st, u.v, u.n, g_get_user_name(), now,
	    &cause) == -1) {
		fprintf(stderr, "hotrocks: %s: %s\n", argv[1 + first], cause);
		g_free(cause);
		rc = EX_DATAERR;
	} else
		printf("%zu units imported\n", u.n);
	g_free(now);
	units_free(&u);
	g_free(text);
	db_close(st);
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
	if (strcmp(cmd, "messages") == 0)
		return (cmd_messages(argc - 1, argv + 1));
	if (strcmp(cmd, "verify") == 0)
		return (cmd_verify(argc - 1, argv + 1));
	if (strcmp(cmd, "sign") == 0)
		return (cmd_sign(argc - 1, argv + 1));
	if (strcmp(cmd, "units") == 0)
		return (cmd_units(argc - 1, argv + 1));
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
