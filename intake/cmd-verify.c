/* cmd-verify.c: hotrocks verify, the signature verdict on document files
 * alone, judged exactly as the decision judges an attachment. Exits 0
 * only when every file is valid, so a script can trust a 0. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/cli.h"
#include "intake/contract.h"
#include "intake/report.h"
#include "intake/source.h"
#include "parsers/ooxml-sig.h"
#include "parsers/package.h"
#include "parsers/sniff.h"
#include "parsers/xls-sig.h"
#include "lib/log.h"

struct verify_opts {
	const char	*anchors, *crls, *at;
};

static void	verify_extra(int, const char *, void *);
static int	override_trust(struct config *, const struct verify_opts *);
static int	refuse(const struct cli_opts *, const char *, const char *,
		    const char *, int);
static int	verify_file(const struct cli_opts *, const char *, time_t);

static void
verify_extra(int ch, const char *arg, void *ctx)
{
	struct verify_opts *o = ctx;

	switch (ch) {
	case 'A': o->anchors = arg; break;
	case 'R': o->crls = arg; break;
	case 'T': o->at = arg; break;
	}
}

/* --anchors and --crls replace the config's, and the trust is read
 * again from them; -1 after logging why. */
static int
override_trust(struct config *cfg, const struct verify_opts *o)
{
	char *cause = NULL;

	if (o->anchors == NULL && o->crls == NULL)
		return (0);
	if (o->anchors != NULL) {
		g_free(cfg->trust_anchors);
		cfg->trust_anchors = g_strdup(o->anchors);
	}
	if (o->crls != NULL) {
		g_free(cfg->crl_dir);
		cfg->crl_dir = g_strdup(o->crls);
	}
	if (config_load_trust(cfg, &cause) == -1) {
		log_error("%s", cause);
		g_free(cause);
		return (-1);
	}
	return (0);
}

/* A file that could not be judged: the reason on stderr and, with
 * --json, its own line on stdout. Returns code. */
static int
refuse(const struct cli_opts *c, const char *file, const char *format,
    const char *why, int code)
{
	log_error("%s: %s", file, why);
	if (c->json) {
		char *j = contract_verdict_error_json(file, format, why);

		printf("%s\n", j);
		g_free(j);
	}
	return (code);
}

/* One file's verdict on stdout. 0 valid, 1 judged but not valid, else a
 * sysexits code: EX_NOINPUT missing or unreadable, EX_DATAERR not a
 * document that can be judged. */
static int
verify_file(const struct cli_opts *c, const char *file, time_t at)
{
	struct doc_signature	 s = { SIG_UNSIGNED, NULL, 0 };
	struct source_msg	 raw;
	struct package		*pkg;
	const char		*why = NULL;
	char			*cause = NULL, *reason;
	unsigned char		*data;
	size_t			 len;
	enum format		 fmt;
	int			 rc;

	if (!g_file_test(file, G_FILE_TEST_EXISTS))
		return (refuse(c, file, NULL, "no such file", EX_NOINPUT));
	if (source_read_file(file, &raw, &cause) == -1) {
		/* cause is "FILE: why"; the line names the file itself */
		reason = g_str_has_prefix(cause, file) ? cause +
		    strlen(file) + 2 : cause;
		rc = refuse(c, file, NULL, reason, EX_NOINPUT);
		g_free(cause);
		return (rc);
	}
	data = raw.data;
	len = raw.len;
	fmt = sniff_format(data, len);
	if (fmt != FORMAT_DOCX && fmt != FORMAT_XLSX && fmt != FORMAT_OOXML &&
	    fmt != FORMAT_XLS && fmt != FORMAT_DOC && fmt != FORMAT_OLE2 &&
	    fmt != FORMAT_PDF) {
		reason = g_strdup_printf("not a Word, Excel or PDF document (%s)",
		    format_name(fmt));
		rc = refuse(c, file, format_name(fmt), reason, EX_DATAERR);
		g_free(reason);
		goto out;
	}
	if (fmt == FORMAT_PDF) {
		if (analyse_pdf_signature(data, len, c->cfg, at, &s,
		    &why) == -1) {
			rc = refuse(c, file, format_name(fmt), why ? why :
			    "unreadable", EX_DATAERR);
			goto out;
		}
	} else if (fmt == FORMAT_DOCX || fmt == FORMAT_XLSX ||
	    fmt == FORMAT_OOXML) {
		pkg = package_open(data, len, &c->cfg->parse, &why);
		if (pkg == NULL || analyse_signature(pkg, c->cfg, at, &s,
		    &why) == -1) {
			rc = refuse(c, file, format_name(fmt), why ? why :
			    "unreadable", EX_DATAERR);
			package_free(pkg);
			goto out;
		}
		package_free(pkg);
	} else if (xls_sig_present(data, len))
		s.status = SIG_UNSUPPORTED;
	if (c->json) {
		char *j = contract_verdict_json(file, fmt, &s);

		printf("%s\n", j);
		g_free(j);
	} else
		report_verdict(stdout, file, fmt, &s);
	rc = s.status == SIG_VALID ? EX_OK : 1;
	ooxml_sig_results_free(s.results, s.nresults);
out:
	source_msg_free(&raw);
	return (rc);
}

int
cmd_verify(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct verify_opts	 o = { 0 };
	time_t			 at = time(NULL);
	int			 first, rc = EX_OK, r;

	if ((first = cli_parse(argc, argv, &c, "ART", verify_extra, &o)) ==
	    -1)
		return (EX_USAGE);
	if (override_trust(c.cfg, &o) == -1) {
		config_free(c.cfg);
		return (EX_CONFIG);
	}
	if (o.at != NULL && cli_time(o.at, &at) == -1) {
		log_msg(LOG_LEVEL_ERROR, "verify", "--at %s is not an RFC 3339 "
		    "time (2024-05-02T08:00:00Z)", o.at);
		config_free(c.cfg);
		return (EX_USAGE);
	}
	if (first >= argc) {
		log_msg(LOG_LEVEL_ERROR, "verify", "no file given");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	/* The worst outcome of any file: missing (66) over unreadable (65)
	 * over not valid (1) over valid (0). */
	for (int i = first; i < argc; i++)
		if ((r = verify_file(&c, argv[i], at)) > rc)
			rc = r;
	config_free(c.cfg);
	return (rc);
}
