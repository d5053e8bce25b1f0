/* cmd-cases.c: hotrocks cases and hotrocks messages, the two listings of
 * what the store holds. They share a file because they differ only in
 * the filter they take and the rows they fetch: both read, never write. */
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

int
cmd_cases(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	const char	*state = NULL;

	if (cli_parse(argc, argv, &c, "S", filter_extra, &state) == -1)
		return (EX_USAGE);
	if (state != NULL && !cases_state_valid(state)) {
		log_msg(LOG_LEVEL_ERROR, "cases", "no such state: %s (say "
		    "open, review, forwarded or done)", state);
		config_free(c.cfg);
		return (EX_USAGE);
	}
	return (list(&c, state, cases_list, report_cases,
	    report_cases_json));
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
