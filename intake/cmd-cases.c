/* cmd-cases.c: hotrocks cases and hotrocks messages, the two listings of
 * what the store holds. They share a file because they differ only in
 * the filter they take and the rows they fetch: both read, never write,
 * but for a search's index brought up to date (cli_index_for_search). */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/report.h"
#include "lib/log.h"

typedef int	fetch_fn(struct db *, const char *, struct case_summary **,
		    size_t *, char **);
typedef void	print_fn(FILE *, const struct case_summary *, size_t);

static void	filter_extra(int, const char *, void *);
static int	fetch_messages(struct db *, const char *,
		    struct case_summary **, size_t *, char **);
static int	list(struct cli_opts *, const char *, fetch_fn *, print_fn *,
		    print_fn *);

/* --state for cases, --action for messages: one filter either way. */
static void
filter_extra(int ch, const char *arg, void *ctx)
{
	(void)ch;
	*(const char **)ctx = arg;
}

/* Every message, however many: the CLI lists them all. */
static int
fetch_messages(struct db *st, const char *action, struct case_summary **r,
    size_t *n, char **cause)
{
	return (cases_messages(st, action, 0, r, n, cause));
}

/* Fetches with filter and prints for a person or as JSON Lines; frees
 * c's config. */
static int
list(struct cli_opts *c, const char *filter, fetch_fn *fetch,
    print_fn *text, print_fn *json)
{
	struct db		*st;
	struct case_summary	*v = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	int			 rc = EX_OK;

	st = cli_open_store(c->cfg, true);
	if (fetch(st, filter, &v, &n, &cause) == -1) {
		log_error("%s", cause);
		g_free(cause);
		rc = EX_IOERR;
		goto out;
	}
	(c->json ? json : text)(stdout, v, n);
	cases_list_free(v, n);
out:
	db_close(st);
	config_free(c->cfg);
	return (rc);
}

/* --state, --unit, --kind, --since, --until, --search, --flagged */
static void
case_filter_extra(int ch, const char *arg, void *ctx)
{
	struct case_filter *f = ctx;

	switch (ch) {
	case 'S':
		f->state = arg;
		break;
	case 'U':
		f->unit = arg;
		break;
	case 'I':
		f->kind = arg;
		break;
	case 's':
		f->since = arg;
		break;
	case 'u':
		f->until = arg;
		break;
	case 'Q':
		f->search = arg;
		break;
	case 'F':
		f->flagged = true;
		break;
	}
}

int
cmd_cases(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct case_filter	 f = { 0 };
	struct db		*st;
	struct case_summary	*v = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	int			 rc = EX_OK;

	if (cli_parse(argc, argv, &c, "SUIsuQF", case_filter_extra, &f) == -1)
		return (EX_USAGE);
	if (f.state != NULL && !cases_state_valid(f.state)) {
		/* a flag is no state: a flagged case keeps its own */
		log_msg(LOG_LEVEL_ERROR, "cases", "no such state: %s (say "
		    "open, review, forwarded, waiting_unit, done or "
		    "rejected%s)", f.state, strcmp(f.state, "flagged") == 0 ?
		    "; --flagged lists flagged cases in any state" : "");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	st = cli_open_store(c.cfg, true);
	/* a long list's rows are indexed after its record: brought in
	 * before they are searched (store.c, version 19) */
	if (f.search != NULL || f.unit != NULL)
		cli_index_for_search(c.cfg, st);
	/* a day typed is the office's, as the OPENED column prints it */
	f.timezone = c.cfg->timezone;
	/* A bad filter (a date that is not one, a search without a word)
	 * is found before any row is read. */
	if (cases_find(st, &f, &v, &n, &cause) == -1) {
		log_msg(LOG_LEVEL_ERROR, "cases", "%s", cause);
		rc = g_str_has_prefix(cause, "not a date") ||
		    g_str_has_suffix(cause, "needs a word") ? EX_USAGE :
		    EX_IOERR;
		g_free(cause);
		goto out;
	}
	(c.json ? report_cases_json : report_cases)(stdout, v, n);
	cases_list_free(v, n);
out:
	db_close(st);
	config_free(c.cfg);
	return (rc);
}

int
cmd_messages(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	const char	*action = NULL;

	if (cli_parse(argc, argv, &c, "a", filter_extra, &action) == -1)
		return (EX_USAGE);
	if (action != NULL && action_from_name(action) < 0) {
		log_msg(LOG_LEVEL_ERROR, "messages", "no such action: %s",
		    action);
		config_free(c.cfg);
		return (EX_USAGE);
	}
	return (list(&c, action, fetch_messages, report_messages,
	    report_messages_json));
}
