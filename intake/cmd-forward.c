/* cmd-forward.c: hotrocks forward [list] | --now | --due | show ID |
 * approve ID|--all: what goes to the Cục, and a person's consent to it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/forward.h"
#include "intake/report.h"
#include "lib/log.h"

static int	list(struct db *, FILE *, char **);

/*
 * The forwards, newest first, as cases and outbox list what they hold: a
 * header, then one line each with its outbox item's state, how it was
 * made, when (office time), the cases and rows it carries, the outbox
 * item that sends it, and who approved it when. 0, or -1 and *cause.
 */
static int
list(struct db *db, FILE *fp, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 step;
	bool		 any = false;

	/* what each carries, or carried until it was cancelled */
#define CARRIED \
	"(SELECT forward_id, case_id FROM forward_items UNION ALL" \
	" SELECT forward_id, case_id FROM forward_freed)"
	stmt = db_prepare(db, "SELECT f.id, f.mode, o.state, f.created_at,"
	    " (SELECT count(DISTINCT case_id) FROM " CARRIED
	    " WHERE forward_id = f.id), (SELECT count(*) FROM " CARRIED
	    " WHERE forward_id = f.id), f.outbox_id, f.approved_at,"
	    " f.approved_by FROM forwards f JOIN outbox o"
	    " ON o.id = f.outbox_id ORDER BY f.id DESC", cause);
#undef CARRIED
	if (stmt == NULL)
		return (-1);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		char		 created[32], approved[32];
		const char	*by;

		by = (const char *)sqlite3_column_text(stmt, 8);
		if (!any)
			fprintf(fp, "%-5s %-9s %-8s  %-20s  %5s %6s  %6s  %s\n",
			    "ID", "STATE", "MODE", "CREATED", "CASES", "ROWS",
			    "OUTBOX", "APPROVED");
		any = true;
		report_time(created, sizeof(created),
		    (const char *)sqlite3_column_text(stmt, 3));
		report_time(approved, sizeof(approved),
		    (const char *)sqlite3_column_text(stmt, 7));
		fprintf(fp, "%-5lld %-9s %-8s  %-20s  %5d %6d  %6lld  %s%s%s\n",
		    (long long)sqlite3_column_int64(stmt, 0),
		    sqlite3_column_text(stmt, 2), sqlite3_column_text(stmt, 1),
		    created, sqlite3_column_int(stmt, 4),
		    sqlite3_column_int(stmt, 5),
		    (long long)sqlite3_column_int64(stmt, 6), approved,
		    by != NULL ? " by " : "", by != NULL ? by : "");
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE)
		return (db_fail(db, "listing forwards", cause));
	if (!any)
		fprintf(fp, "no forwards\n");
	return (0);
}

/* --by */
static void
forward_by(int ch, const char *arg, void *ctx)
{
	(void)ch;
	*(const char **)ctx = arg;
}

int
cmd_forward(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct db	*st;
	const char	*verb = "list", *arg = NULL, *by = NULL;
	char		*cause = NULL, *end;
	int64_t		 id = 0;
	char	       **av;
	int		 ac = 0, first, rc = EX_OK, r;
	bool		 all = false;

	/* --now, --due and --all are words of this command, not options
	 * every command takes: taken out before the common parse. */
	av = g_new0(char *, argc + 1);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0 ||
		    strcmp(argv[i], "--due") == 0)
			verb = argv[i];
		else if (strcmp(argv[i], "--all") == 0)
			all = true;
		else
			av[ac++] = argv[i];
	}
	first = cli_parse(ac, av, &c, "B", forward_by, &by);
	if (first == -1) {
		g_free(av);
		return (EX_USAGE);
	}
	if (first < ac && verb[0] != '-')
		verb = av[first];
	if (first + 1 < ac)
		arg = av[first + 1];
	if (all)
		arg = "--all";
	g_free(av);
	if (strcmp(verb, "show") == 0 || (strcmp(verb, "approve") == 0 &&
	    g_strcmp0(arg, "--all") != 0)) {
		id = arg != NULL ? strtoll(arg, &end, 10) : 0;
		if (arg == NULL || *end != '\0' || id <= 0) {
			log_msg(LOG_LEVEL_ERROR, "forward", "which forward?");
			config_free(c.cfg);
			return (EX_USAGE);
		}
	}
	st = cli_open_store(c.cfg, strcmp(verb, "show") == 0 ||
	    strcmp(verb, "list") == 0);
	if (strcmp(verb, "list") == 0)
		r = list(st, stdout, &cause);
	else if (strcmp(verb, "show") == 0) {
		r = forward_show(st, id, stdout, &cause);
		if (r == 0) {
			log_error("no forward %s", arg);
			rc = EX_UNAVAILABLE;
		}
	} else if (strcmp(verb, "approve") == 0) {
		char *refused = NULL;

		/* who consented, as every other move of the desk names
		 * them: the login is one service account on many desks */
		r = forward_approve(st, c.cfg, id, by != NULL ? by :
		    g_get_user_name(), time(NULL),
		    &refused, &cause);
		if (r >= 0 && (r > 0 || refused == NULL))
			printf("%d forward%s approved\n", r, r == 1 ? "" : "s");
		/* what staff settled never goes as it was built */
		if (refused != NULL) {
			log_error("%s", refused);
			rc = EX_DATAERR;
		}
		g_free(refused);
		if (r > 0)
			cli_say_when_sent(c.cfg, r);
	} else if (strcmp(verb, "--now") == 0 || strcmp(verb, "--due") == 0) {
		r = strcmp(verb, "--now") == 0 ? forward_batch(st, c.cfg,
		    "now", time(NULL), &id, &cause) : forward_due(st, c.cfg,
		    time(NULL), &id, &cause);
		if (r == 1)
			printf("forward %lld %s\n", (long long)id,
			    strcmp(c.cfg->forward_approval, "none") == 0 ?
			    "queued" : "held: hotrocks forward approve ID");
		if (r == 1 && strcmp(c.cfg->forward_approval, "none") == 0)
			cli_say_when_sent(c.cfg, 1);
		else if (r == 0)
			printf("nothing to forward\n");
	} else {
		log_msg(LOG_LEVEL_ERROR, "forward", "say list, show, approve, "
		    "--now or --due");
		rc = EX_USAGE;
		r = 0;
	}
	if (r == -1) {
		log_error("%s", cause);
		rc = strstr(cause, "not held") != NULL ? EX_UNAVAILABLE :
		    EX_IOERR;
	}
	g_free(cause);
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
