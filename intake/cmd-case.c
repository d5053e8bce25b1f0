/* cmd-case.c: hotrocks case show|note|assign|unflag|rows|wait|done|
 * reopen|reject, one case read, annotated or moved by a person. Each
 * change is one transaction with its audit entry naming who did it; a
 * case moved to done queues its completion notice in the same
 * transaction. The store refuses a move its case_moves table does not
 * list; asking it first lets us name the allowed ones (exit 65). */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/cli.h"
#include "intake/contract.h"
#include "intake/forward.h"
#include "intake/pipeline.h"
#include "intake/replies.h"
#include "intake/report.h"
#include "lib/log.h"
#include "outbox/wording.h"
#include "outbox/queue.h"

struct case_opts {
	const char *note;
	const char *by;
	const char *set;	/* --set activated|refused */
	const char *rows;	/* --rows 1,3-5 */
};

static void	case_extra(int, const char *, void *);
static int	no_case(const char *);
static int	show(struct cli_opts *, const char *);
static int	move(struct cli_opts *, const struct case_opts *,
		    const char *, const char *);
static int	close_case(struct db_txn *, const struct config *,
		    const char *, const char *, const char *, const char *,
		    char **, char **, char **);
static int	rows(struct cli_opts *, const struct case_opts *,
		    const char *);
static char	*refused_line(const struct case_row *);

/* How many refused rows a completion notice names one by one. */
#define CASE_DONE_REFUSED_LISTED	50
static int	annotate(struct cli_opts *, const struct case_opts *,
		    const char *, const char *, const char *);
static int	parse_rows(const char *, int **, size_t *);

static void
case_extra(int ch, const char *arg, void *ctx)
{
	struct case_opts *o = ctx;

	if (ch == 'N')
		o->note = arg;
	else if (ch == 'B')
		o->by = arg;
	else if (ch == 'X')
		o->set = arg;
	else if (ch == 'W')
		o->rows = arg;
}

/* One wording for every verb. */
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
	/* one read transaction: the case, its rows and its decision's rows
	 * of one moment, however long they take to write out */
	found = db_exec(st, "BEGIN", &cause);
	if (found == 0)
		found = cases_get(st, number, &d, &cause);
	if (found == 1 && (c->json ? report_case_json(stdout, st, d,
	    &cause) : report_case(stdout, st, d, &cause)) == -1)
		found = -1;
	if (found == 0)
		rc = no_case(number);
	else if (found == -1) {
		log_error("%s", cause);
		rc = EX_IOERR;
	}
	cases_detail_free(d);
	g_free(cause);
	db_close(st);
	return (rc);
}

/*
 * Inside txn: moves the case to done and queues its completion notice,
 * both or neither. A case already done stays as it is and is notified
 * once, when it became done (*old_r says so); each later reopen and
 * done is a new closing with its own notice and Message-ID. *sent_r
 * names the recipient (g_free) or stays NULL when none is due.
 */
static int
close_case(struct db_txn *txn, const struct config *cfg, const char *number,
    const char *by, const char *note, const char *letter_note, char **old_r,
    char **sent_r, char **cause)
{
	struct db		*st = db_txn_db(txn);
	struct case_origin	 o = { 0 };
	struct replies_done	 rd = { 0 };
	struct queue_outgoing	*out = NULL;
	struct case_row		*r = NULL;
	GPtrArray		*refused = g_ptr_array_new_with_free_func(
				    g_free);
	char			 now[DB_TIME_SIZE];
	time_t			 clock = time(NULL);
	size_t			 nout = 0, nr = 0, nrefused = 0;
	int64_t			 case_id;
	int			 rc;

	*sent_r = NULL;
	db_time(clock, now);
	if ((rc = cases_set_state_txn(txn, number, "done", by, note, now,
	    old_r, &case_id, cause)) != 0)
		return (rc);
	rc = -1;
	if (strcmp(*old_r, "done") == 0)
		goto ok;
	if (cases_origin(st, case_id, &o, cause) == -1)
		goto out;
	/* Only an accepted request was promised an answer; a case a person
	 * took from review is theirs to answer. */
	if (o.msg_id == 0 || g_strcmp0(o.action, "queue") != 0)
		goto ok;
	rd.case_number = o.number;
	rd.kind = o.kind;
	rd.organization = o.organization;
	rd.from_addr = o.from_addr;
	rd.subject = o.subject;
	rd.message_id = o.message_id;
	rd.received_at = o.received_at;
	rd.note = letter_note;
	rd.serial = o.ndone + 1;
	rd.addressee = o.addressee;
	/* A SIM list's rows not activated are named, with why: the unit
	 * is not told its whole list is done when one was refused. */
	if (g_strcmp0(o.kind, "sim_activation") == 0) {
		if (cases_rows(st, number, &r, &nr, cause) == -1)
			goto out;
		for (size_t i = 0; i < nr; i++) {
			if (r[i].nerrors > 0)
				continue;
			if (strcmp(r[i].state, "activated") == 0)
				rd.nactivated++;
			else if (strcmp(r[i].state, "refused") == 0 &&
			    nrefused++ < CASE_DONE_REFUSED_LISTED)
				g_ptr_array_add(refused, refused_line(&r[i]));
		}
		/* a long list's letter names the first ones */
		if (nrefused > CASE_DONE_REFUSED_LISTED)
			g_ptr_array_add(refused, wording_more(nrefused -
			    CASE_DONE_REFUSED_LISTED, "thuê bao", ""));
		wording_punctuate(refused);
		rd.refused = (const char *const *)refused->pdata;
		rd.nrefused = refused->len;
	}
	if (replies_build_done(cfg, &rd, now, &out, &nout, cause) == -1 ||
	    queue_enqueue(txn, out, nout, o.msg_id, case_id, clock,
	    cause) == -1)
		goto out;
	if (nout > 0)
		*sent_r = g_strdup(out[0].rcpt);
ok:
	rc = 0;
out:
	replies_free(out, nout);
	cases_rows_free(r, nr);
	g_ptr_array_free(refused, TRUE);
	cases_origin_deinit(&o);
	return (rc);
}

/* "Dòng TT 5 (đồng chí Nguyễn Thị Lan, số điện thoại 0905 667 788): why",
 * as the other letters name a row; the note as staff typed it, without
 * the full stop the list's punctuation puts back. */
static char *
refused_line(const struct case_row *r)
{
	GString	*s = g_string_new(NULL);
	char	*phone = wording_phone(r->phone);

	g_string_append_printf(s, "Dòng TT %d", r->number);
	if (r->name != NULL && *r->name != '\0')
		g_string_append_printf(s, " (đồng chí %s%s%s)", r->name,
		    phone != NULL ? ", số điện thoại " : "",
		    phone != NULL ? phone : "");
	else if (phone != NULL)
		g_string_append_printf(s, " (số điện thoại %s)", phone);
	if (r->state_note != NULL && *g_strstrip(r->state_note) != '\0') {
		size_t n = strlen(r->state_note);

		while (n > 0 && strchr(".;,", r->state_note[n - 1]) != NULL)
			n--;
		g_string_append_printf(s, ": %.*s", (int)n, r->state_note);
	}
	g_free(phone);
	return (g_string_free(s, FALSE));
}

/* What a move or a change printed: one line for a person, or one JSON
 * object. */
static void
said(const struct cli_opts *c, const char *number, const char *what,
    const char *from, const char *state, const char *by, const char *note,
    const char *sent)
{
	JsonBuilder	*b;
	static const char *const names[] = { "number", "event", "from",
	    "state", "by", "note", "notice_to" };
	const char	*vals[] = { number, what, from, state, by, note, sent };

	if (!c->json) {
		if (strcmp(what, "state_changed") != 0)
			printf("%s: %s%s%s\n", number, what, note != NULL ?
			    ": " : "", note != NULL ? note : "");
		else if (from != NULL && strcmp(from, state) == 0)
			printf("%s is already %s\n", number, state);
		else if (sent != NULL) {
			printf("%s is now %s; completion notice queued to "
			    "%s\n", number, state, sent);
			cli_say_when_sent(c->cfg, 1);
		} else
			printf("%s is now %s\n", number, state);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
	json_builder_end_object(b);
	contract_print_line(stdout, b);
}

/* The exit code for a store call on number that returned rc; cause
 * logged. */
static int
failed(const char *number, int rc, const char *cause)
{
	if (cause != NULL && g_str_has_prefix(cause, "no such case"))
		return (no_case(number));
	log_error("%s", cause != NULL ? cause : "failed");
	return (rc == CASES_ILLEGAL ? EX_DATAERR : EX_IOERR);
}

/* A case closed while a held forward carries its rows: that forward
 * will be refused at approval; say so now, and what to do. */
static void
warn_held(struct db *st, const char *number)
{
	char	*held = NULL, *cause = NULL;
	int	 n;

	if ((n = forward_held_for_case(st, number, &held, &cause)) == -1) {
		log_warn("%s", cause);
		g_free(cause);
		return;
	}
	if (n > 0)
		log_warn("%s: %s, held, carries its rows: forward approve will "
		    "refuse %s; cancel %s (hotrocks outbox cancel ID) and "
		    "build the batch again (hotrocks forward --now)", number,
		    held, n > 1 ? "them" : "it", n > 1 ? "them" : "it");
	g_free(held);
}

/* done, reopen (to open), wait (to waiting_unit) or reject, by o->by or
 * the user running us. */
static int
move(struct cli_opts *c, const struct case_opts *o, const char *verb,
    const char *number)
{
	struct db		*st;
	struct db_txn		*txn = NULL;
	const char		*state;
	const char		*by = o->by ? o->by : g_get_user_name();
	char			*cause = NULL, *sent = NULL, *old = NULL;
	int64_t			 case_id;
	int			 rc = EX_OK, moved;

	if (strcmp(verb, "done") == 0)
		state = "done";
	else if (strcmp(verb, "wait") == 0)
		state = "waiting_unit";
	else if (strcmp(verb, "reject") == 0)
		state = "rejected";
	else
		state = "open";
	if (strcmp(state, "waiting_unit") == 0 && (o->note == NULL ||
	    *o->note == '\0')) {
		log_msg(LOG_LEVEL_ERROR, "case wait", "say what the unit was "
		    "asked for: --note TEXT");
		return (EX_USAGE);
	}
	st = cli_open_store(c->cfg, false);
	if ((txn = db_begin(st, &cause)) == NULL)
		moved = -1;
	else if (strcmp(state, "done") == 0)
		moved = close_case(txn, c->cfg, number, by, o->note, o->note,
		    &old, &sent, &cause);
	else
		moved = cases_set_state_txn(txn, number, state, by, o->note ?
		    o->note : "", NULL, &old, &case_id, &cause);
	if (moved == 0) {
		moved = db_commit(txn, &cause);
		txn = NULL;
	}
	if (moved != 0)
		rc = failed(number, moved, cause);
	else {
		said(c, number, "state_changed", old, state, by, o->note, sent);
		if (strcmp(state, "done") == 0 || strcmp(state, "rejected") == 0)
			warn_held(st, number);
	}
	db_rollback(txn);
	g_free(old);
	g_free(sent);
	g_free(cause);
	db_close(st);
	return (rc);
}

/* What case unflag did: the flag it cleared (and why), or that there
 * was none. */
static void
unflagged(const struct cli_opts *c, const char *number, const char *was,
    const char *by, const char *note)
{
	JsonBuilder	*b;

	if (!c->json) {
		if (was == NULL)
			printf("%s has no flag\n", number);
		else
			printf("%s: flag cleared (was %s)\n", number, was);
		return;
	}
	b = json_builder_new();
	json_builder_begin_object(b);
	contract_add_string(b, "number", number);
	contract_add_string(b, "event", was != NULL ? "unflagged" : NULL);
	contract_add_string(b, "from", was);
	contract_add_string(b, "by", by);
	contract_add_string(b, "note", note);
	json_builder_end_object(b);
	contract_print_line(stdout, b);
}

/* note (needs --note), assign (to USER; "" unassigns) or unflag. */
static int
annotate(struct cli_opts *c, const struct case_opts *o, const char *verb,
    const char *number, const char *who)
{
	struct db	*st;
	struct db_txn	*txn;
	const char	*by = o->by ? o->by : g_get_user_name();
	char		 now[DB_TIME_SIZE], *cause = NULL, *old = NULL;
	int		 rc, done;

	if (strcmp(verb, "note") == 0 && (o->note == NULL ||
	    *o->note == '\0')) {
		log_msg(LOG_LEVEL_ERROR, "case note", "say it: --note TEXT");
		return (EX_USAGE);
	}
	db_time(time(NULL), now);
	st = cli_open_store(c->cfg, false);
	if ((txn = db_begin(st, &cause)) == NULL)
		done = -1;
	else if (strcmp(verb, "note") == 0)
		done = cases_note(txn, number, by, o->note, now, &cause);
	else if (strcmp(verb, "unflag") == 0)
		done = cases_unflag(txn, number, by, o->note, now, &old,
		    &cause);
	else
		done = cases_assign(txn, number, who, by, now, &old, &cause);
	if (done == 0) {
		done = db_commit(txn, &cause);
		txn = NULL;
	}
	db_rollback(txn);
	if (done != 0)
		rc = failed(number, done, cause);
	else {
		rc = EX_OK;
		if (strcmp(verb, "note") == 0)
			said(c, number, "note", NULL, NULL, by, o->note, NULL);
		else if (strcmp(verb, "unflag") == 0)
			unflagged(c, number, old, by, o->note);
		else {
			const char *to = who != NULL && *who != '\0' ? who :
			    NULL;
			char *what = g_strdup_printf("assigned to %s",
			    to != NULL ? to : "nobody");

			if (c->json) {
				JsonBuilder *b = json_builder_new();

				json_builder_begin_object(b);
				contract_add_string(b, "number", number);
				contract_add_string(b, "event", "assigned");
				contract_add_string(b, "from", old);
				contract_add_string(b, "assignee", to);
				contract_add_string(b, "by", by);
				json_builder_end_object(b);
				contract_print_line(stdout, b);
			} else
				printf("%s: %s\n", number, what);
			g_free(what);
		}
	}
	g_free(old);
	g_free(cause);
	db_close(st);
	return (rc);
}

/* "1,3-5" to row numbers (g_free): 0, or -1 when it is not such a list
 * or names more than CASE_ROWS_MAX rows. */
#define CASE_ROWS_MAX	100000	/* more than a list of SIMs ever holds */
static int
parse_rows(const char *s, int **v_r, size_t *n_r)
{
	GArray	*v = g_array_new(FALSE, FALSE, sizeof(int));
	gchar	**parts = g_strsplit(s, ",", -1);
	int	 rc = -1;

	for (gchar **p = parts; *p != NULL; p++) {
		char	*end;
		long	 a, b;

		a = strtol(*p, &end, 10);
		b = a;
		if (end == *p || a < 1)
			goto out;
		if (*end == '-') {
			const char *q = end + 1;

			b = strtol(q, &end, 10);
			if (end == q || b < a)
				goto out;
		}
		if (*end != '\0' || b - a + v->len >= CASE_ROWS_MAX)
			goto out;
		for (int i = (int)a; i <= (int)b; i++)
			g_array_append_val(v, i);
	}
	if (v->len == 0)
		goto out;
	rc = 0;
out:
	g_strfreev(parts);
	*n_r = rc == 0 ? v->len : 0;
	*v_r = (int *)g_array_free(v, rc != 0);
	return (rc);
}

static void
rows_print(const struct cli_opts *c, const char *number,
    const struct case_row *r, size_t n)
{
	if (!c->json && n == 0)
		printf("%s has no rows\n", number);
	else if (!c->json)
		printf("%3s  %-9s  %-12s %-21s %s\n", "ROW", "STATE", "PHONE",
		    "ICCID", "NAME / NOTE");
	for (size_t i = 0; i < n; i++) {
		if (c->json) {
			JsonBuilder *b = json_builder_new();
			static const char *const names[] = { "case", "state",
			    "state_note", "state_at", "phone", "iccid",
			    "name" };
			const char *vals[] = { number, r[i].state,
			    r[i].state_note, r[i].state_at, r[i].phone,
			    r[i].iccid, r[i].name };

			json_builder_begin_object(b);
			json_builder_set_member_name(b, "row");
			json_builder_add_int_value(b, r[i].number);
			contract_add_strings(b, names, vals,
			    G_N_ELEMENTS(names));
			json_builder_set_member_name(b, "errors");
			json_builder_add_int_value(b, r[i].nerrors);
			json_builder_end_object(b);
			contract_print_line(stdout, b);
			continue;
		}
		report_case_row(stdout, &r[i]);
	}
}

/* Lists the rows, or sets them (--set) and, when no clean row is left
 * pending or forwarded, moves the case to done as `case done` does. */
static int
rows(struct cli_opts *c, const struct case_opts *o, const char *number)
{
	struct db	*st;
	struct db_txn	*txn = NULL;
	struct case_row	*r = NULL;
	const char	*by = o->by ? o->by : g_get_user_name();
	static const char closing[] = "every row activated or refused";
	char		 now[DB_TIME_SIZE], *cause = NULL, *old = NULL;
	char		*sent = NULL;
	int		*which = NULL, found, open, rc = EX_OK, done;
	size_t		 n = 0, nwhich = 0;

	if (o->set == NULL && o->rows != NULL) {
		log_msg(LOG_LEVEL_ERROR, "case rows", "--rows goes with --set");
		return (EX_USAGE);
	}
	if (o->set != NULL && strcmp(o->set, "activated") != 0 &&
	    strcmp(o->set, "refused") != 0) {
		log_msg(LOG_LEVEL_ERROR, "case rows", "--set activated or "
		    "--set refused, not %s", o->set);
		return (EX_USAGE);
	}
	if (o->rows != NULL && parse_rows(o->rows, &which, &nwhich) == -1) {
		log_msg(LOG_LEVEL_ERROR, "case rows", "--rows takes numbers "
		    "and ranges from 1, as 1,3-5: not %s", o->rows);
		return (EX_USAGE);
	}
	st = cli_open_store(c->cfg, o->set == NULL);
	if (o->set == NULL) {
		if ((found = cases_rows(st, number, &r, &n, &cause)) == 1)
			rows_print(c, number, r, n);
		else if (found == 0)
			rc = no_case(number);
		else
			rc = failed(number, found, cause);
		goto out;
	}
	db_time(time(NULL), now);
	if ((txn = db_begin(st, &cause)) == NULL) {
		rc = failed(number, -1, cause);
		goto out;
	}
	done = cases_rows_set(txn, number, which, nwhich, o->set, by,
	    o->note, now, &open, &cause);
	if (done != 0) {
		rc = failed(number, done, cause);
		goto out;
	}
	if (open == 0) {
		g_free(cause);
		cause = NULL;
		/* A case waiting for its unit, or closed, stays where it is:
		 * only the moves the store allows are made. */
		/* the audit says why; the unit reads its rows, not
		 * this */
		done = close_case(txn, c->cfg, number, by, closing, NULL,
		    &old, &sent, &cause);
		if (done == -1) {
			rc = failed(number, done, cause);
			goto out;
		}
	}
	if (db_commit(txn, &cause) == -1) {
		txn = NULL;
		rc = failed(number, -1, cause);
		goto out;
	}
	txn = NULL;
	/* rows settled: a held forward carrying them is refused at
	 * approval */
	warn_held(st, number);
	if (c->json) {
		JsonBuilder *b = json_builder_new();

		json_builder_begin_object(b);
		contract_add_string(b, "number", number);
		contract_add_string(b, "event", "rows_set");
		contract_add_string(b, "set", o->set);
		contract_add_string(b, "rows", o->rows != NULL ? o->rows :
		    "all");
		contract_add_string(b, "by", by);
		contract_add_string(b, "note", o->note);
		json_builder_set_member_name(b, "rows_left");
		json_builder_add_int_value(b, open);
		contract_add_string(b, "from", old);
		contract_add_string(b, "state", open == 0 && done == 0 ?
		    "done" : NULL);
		contract_add_string(b, "notice_to", sent);
		json_builder_end_object(b);
		contract_print_line(stdout, b);
	} else {
		printf("%s: rows %s %s\n", number, o->rows != NULL ? o->rows :
		    "all", o->set);
		if (open == 0 && done == 0 && strcmp(old, "done") != 0) {
			printf("%s is now done (%s)%s%s\n", number, closing,
			    sent != NULL ? "; completion notice queued to " :
			    "", sent != NULL ? sent : "");
			if (sent != NULL)
				cli_say_when_sent(c->cfg, 1);
		} else if (open == 0 && done == CASES_ILLEGAL)
			printf("%s: %s; %s\n", number, closing, cause);
	}
out:
	db_rollback(txn);
	cases_rows_free(r, n);
	g_free(which);
	g_free(old);
	g_free(sent);
	g_free(cause);
	db_close(st);
	return (rc);
}

static const char *const verbs[] = { "show", "note", "assign", "unflag",
    "rows", "wait", "done", "reopen", "reject" };

int
cmd_case(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct case_opts	 o = { 0 };
	const char		*verb = NULL, *who = NULL;
	char			 who_err[16], *number;
	int			 first, rc;

	for (size_t i = 0; argc >= 2 && i < G_N_ELEMENTS(verbs); i++)
		if (strcmp(argv[1], verbs[i]) == 0)
			verb = verbs[i];
	if (verb == NULL) {
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0 ||
		    strcmp(argv[1], "--help") == 0))
			return (cli_usage(stdout, EX_OK));
		log_msg(LOG_LEVEL_ERROR, "case", "say show, note, assign, "
		    "unflag, rows, wait, done, reopen or reject");
		return (cli_usage(stderr, EX_USAGE));
	}
	/* getopt sees "show NUMBER --db X" as argv[0] = "show". */
	if ((first = cli_parse(argc - 1, argv + 1, &c, "NBXW", case_extra,
	    &o)) == -1)
		return (EX_USAGE);
	snprintf(who_err, sizeof(who_err), "case %s", verb);
	if (first >= argc - 1) {
		log_msg(LOG_LEVEL_ERROR, who_err, "which case?");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	if (strcmp(verb, "assign") == 0) {
		if (first + 1 >= argc - 1) {
			log_msg(LOG_LEVEL_ERROR, who_err, "to whom? (\"\" "
			    "for nobody)");
			config_free(c.cfg);
			return (EX_USAGE);
		}
		who = argv[2 + first];
	}
	if ((o.set != NULL || o.rows != NULL) && strcmp(verb, "rows") != 0) {
		log_msg(LOG_LEVEL_ERROR, who_err, "--set and --rows go with "
		    "case rows");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	/* Numbers are written HT-2024-000123; ht-2024-000123 is the same. */
	number = g_ascii_strup(argv[1 + first], -1);
	if (strcmp(verb, "show") == 0)
		rc = show(&c, number);
	else if (strcmp(verb, "note") == 0 || strcmp(verb, "assign") == 0 ||
	    strcmp(verb, "unflag") == 0)
		rc = annotate(&c, &o, verb, number, who);
	else if (strcmp(verb, "rows") == 0)
		rc = rows(&c, &o, number);
	else
		rc = move(&c, &o, verb, number);
	g_free(number);
	config_free(c.cfg);
	return (rc);
}
