/* cmd-verify.c: hotrocks verify, the signature verdict on document files
 * alone, judged exactly as the decision judges an attachment. */
#include <stdlib.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/cli.h"
#include "intake/contract.h"
#include "intake/report.h"
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

/* One file's verdict on stdout; a sysexits code. */
static int
verify_file(const struct cli_opts *c, const char *file, time_t at)
{
	struct doc_signature	 s = { SIG_UNSIGNED, NULL, 0 };
	struct package		*pkg;
	const char		*why = NULL;
	gchar			*data = NULL;
	gsize			 len = 0;
	enum format		 fmt;
	int			 rc = EX_OK;

	if (!g_file_get_contents(file, &data, &len, NULL)) {
		log_error("%s: cannot be read", file);
		return (EX_NOINPUT);
	}
	fmt = sniff_format((unsigned char *)data, len);
	if (fmt != FORMAT_DOCX && fmt != FORMAT_XLSX && fmt != FORMAT_OOXML &&
	    fmt != FORMAT_XLS && fmt != FORMAT_DOC && fmt != FORMAT_OLE2 &&
	    fmt != FORMAT_PDF) {
		log_error("%s: not a Word, Excel or PDF document (%s)", file,
		    format_name(fmt));
		rc = EX_DATAERR;
		goto out;
	}
	if (fmt == FORMAT_PDF) {
		if (analyse_pdf_signature((unsigned char *)data, len, c->cfg,
		    at, &s, &why) == -1) {
			log_error("%s: %s", file, why);
			rc = EX_DATAERR;
			goto out;
		}
	} else if (fmt == FORMAT_DOCX || fmt == FORMAT_XLSX ||
	    fmt == FORMAT_OOXML) {
		pkg = package_open((unsigned char *)data, len, &c->cfg->parse,
		    &why);
		if (pkg == NULL || analyse_signature(pkg, c->cfg, at, &s,
		    &why) == -1) {
			log_error("%s: %s", file, why ? why : "unreadable");
			rc = EX_DATAERR;
			package_free(pkg);
			goto out;
		}
		package_free(pkg);
	} else if (xls_sig_present((unsigned char *)data, len))
		s.status = SIG_UNSUPPORTED;
	if (c->json) {
		char *j = contract_verdict_json(file, fmt, &s);

		printf("%s\n", j);
		g_free(j);
	} else
		report_verdict(stdout, file, fmt, &s);
	ooxml_sig_results_free(s.results, s.nresults);
out:
	g_free(data);
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
	for (int i = first; i < argc; i++)
		if ((r = verify_file(&c, argv[i], at)) != EX_OK)
			rc = r;
	config_free(c.cfg);
	return (rc);
}
