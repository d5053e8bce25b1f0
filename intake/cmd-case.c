/* cmd-case.c: hotrocks case show|done|reopen, one case read or moved by
 * a person; the move is recorded in the audit trail with who did it, and
 * a case moved to done queues its completion notice in the same
 * transaction. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/pipeline.h"
#include "intake/replies.h"
#include "intake/report.h"
#include "lib/log.h"
#include "outbox/queue.h"

struct case_opts {
	const char *note;
	const char *by;
};

static void	case_extra(int, const char *, void *);
static int	no_case(const char *);
static int	show(struct cli_opts *, const char *);
static int	move(struct cli_opts *, const struct case_opts *,
		    const char *, const char *);
static int	close_case(struct db *, const struct config *, const char *,
		    const char *, const char *, char **, char **);

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

/*
 * Moves the case to done and queues its completion notice, one
 * transaction: both or neither. A case already done is moved (the
 * audit says so) but notified once, when it became done; each later
 * reopen and done is a new closing with its own notice and Message-ID.
 * *sent_r names the recipient (g_free) or stays NULL when none is due.
 */
static int
close_case(struct db *st, const struct config *cfg, const char *number,
    const char *by, const char *note, char **sent_r, char **cause)
{
	struct db_txn		*txn;
	struct case_origin	 o = { 0 };
	struct replies_done	 rd = { 0 };
	struct queue_outgoing	*out = NULL;
	char			 now[DB_TIME_SIZE], *old = NULL;
	time_t			 clock = time(NULL);
	size_t			 nout = 0;
	int64_t			 case_id;
	int			 rc = -1;

	*sent_r = NULL;
	db_time(clock, now);
	if ((txn = db_begin(st, cause)) == NULL)
		return (-1);
	if (cases_set_state_txn(txn, number, "done", by, note, now, &old,
	    &case_id, cause) == -1)
		goto out;
	if (strcmp(old, "done") == 0)
		goto commit;
	if (cases_origin(st, case_id, &o, cause) == -1)
		goto out;
	/* Only an accepted request was promised an answer; a case a person
	 * took from review is theirs to answer. */
	if (o.msg_id == 0 || g_strcmp0(o.action, "queue") != 0)
		goto commit;
	rd.case_number = o.number;
	rd.kind = o.kind;
	rd.organization = o.organization;
	rd.from_addr = o.from_addr;
	rd.subject = o.subject;
	rd.message_id = o.message_id;
	rd.received_at = o.received_at;
	rd.note = note;
	rd.serial = o.ndone + 1;
	if (replies_build_done(cfg, &rd, now, &out, &nout, cause) == -1 ||
	    queue_enqueue(txn, out, nout, o.msg_id, case_id, clock,
	    cause) == -1)
		goto out;
	if (nout > 0)
		*sent_r = g_strdup(out[0].rcpt);
commit:
	rc = db_commit(txn, cause);
	txn = NULL;
	if (rc == -1) {
		g_free(*sent_r);
		*sent_r = NULL;
	}
out:
	db_rollback(txn);
	replies_free(out, nout);
	cases_origin_deinit(&o);
	g_free(old);
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
	char			*cause = NULL, *sent = NULL;
	int			 found, rc = EX_OK, moved;

	st = cli_open_store(c->cfg, false);
	if ((found = cases_get(st, number, &d, &cause)) != 1) {
		rc = found == 0 ? no_case(number) : EX_IOERR;
		if (found == -1)
			log_error("%s", cause);
		goto out;
	}
	if (strcmp(state, "done") == 0)
		moved = close_case(st, c->cfg, number, by, o->note, &sent,
		    &cause);
	else
		moved = cases_set_state(st, number, state, by, o->note ?
		    o->note : "", NULL, &cause);
	if (moved == -1) {
		log_error("%s", cause);
		rc = EX_IOERR;
	} else if (sent != NULL)
		printf("%s is now %s; completion notice queued to %s\n",
		    number, state, sent);
	else
		printf("%s is now %s\n", number, state);
out:
	cases_detail_free(d);
	g_free(sent);
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
