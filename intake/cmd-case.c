/* cmd-case.c: hotrocks case show|done|reopen, one case read or moved by
 * a person; the move is recorded in the audit trail with who did it. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/pipeline.h"
#include "intake/report.h"
#include "lib/log.h"

struct case_opts {
	const char *note;
	const char *by;
};

static void	case_extra(int, const char *, void *);
static int	no_case(const char *);
static int	show(struct cli_opts *, const char *);
static int	move(struct cli_opts *, const struct case_opts *,
		    const char *, const char *);

static void
case_extra(int ch, const char *arg, void *ctx)
{
	struct case_opts *o = ctx;

	if (ch == 'N')
		o->note = arg;
	else if (ch == 'B')
		o->by = arg;
}

/* One wording for show, done and reopen alike. */
static int
no_case(const char *number)
{
	log_error("no case %s", number);
	return (EX_UNAVAILABLE);
}

static int
show(struct cli_opts *c, const char *number)
{
	struct db			*st;
	struct case_detail	*d = NULL;
	char				*cause = NULL;
	int				 found, rc = EX_OK;

	st = cli_open_store(c->cfg, true);
	found = cases_get(st, number, &d, &cause);
	if (found == 1 && c->json)
		report_case_json(stdout, d);
	else if (found == 1)
		report_case(stdout, d);
	else if (found == 0)
		rc = no_case(number);
	else {
		log_error("%s", cause);
		rc = EX_IOERR;
	}
	cases_detail_free(d);
	g_free(cause);
	db_close(st);
	return (rc);
}

/* done, or reopen (back to open), by o->by or the user running us. */
static int
move(struct cli_opts *c, const struct case_opts *o, const char *verb,
    const char *number)
{
	struct db		*st;
	struct case_detail	*d = NULL;
	const char		*state = strcmp(verb, "done") == 0 ? "done" :
				    "open";
	const char		*by = o->by ? o->by : g_get_user_name();
	char			*now = NULL, *cause = NULL;
	int			 found, rc = EX_OK;

	st = cli_open_store(c->cfg, false);
	if ((found = cases_get(st, number, &d, &cause)) != 1) {
		rc = found == 0 ? no_case(number) : EX_IOERR;
		if (found == -1)
			log_error("%s", cause);
	} else if (cases_set_state(st, number, state, by, o->note ? o->note :
	    "", now, &cause) == -1) {
		log_error("%s", cause);
		rc = EX_IOERR;
	} else
		printf("%s is now %s\n", number, state);
	cases_detail_free(d);
	g_free(now);
	g_free(cause);
	db_close(st);
	return (rc);
}

int
cmd_case(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct case_opts	 o = { 0 };
	const char		*verb;
	char			 who[16], *number;
	int			 first, rc;

	if (argc < 2 || (strcmp(argv[1], "show") != 0 &&
	    strcmp(argv[1], "done") != 0 && strcmp(argv[1], "reopen") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0))
			return (cli_usage(stdout, EX_OK));
		log_msg(LOG_LEVEL_ERROR, "case", "say show, done or reopen");
		return (cli_usage(stderr, EX_USAGE));
	}
	verb = argv[1];
	/* getopt sees "show NUMBER --db X" as argv[0] = "show". */
	if ((first = cli_parse(argc - 1, argv + 1, &c, "NB", case_extra,
	    &o)) == -1)
		return (EX_USAGE);
	if (first >= argc - 1) {
		snprintf(who, sizeof(who), "case %s", verb);
		log_msg(LOG_LEVEL_ERROR, who, "which case?");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	/* Numbers are written HT-2024-000123; ht-2024-000123 is the same. */
	number = g_ascii_strup(argv[1 + first], -1);
	if (strcmp(verb, "show") == 0)
		rc = show(&c, number);
	else
		rc = move(&c, &o, verb, number);
	g_free(number);
	config_free(c.cfg);
	return (rc);
}
