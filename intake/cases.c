/* cases.c: the case queries and state changes staff make. Reads are
 * plain SELECTs; the one write, a state change, is one transaction with
 * its audit entry. Every value is bound. */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/cases.h"
#include "intake/contract.h"
#include "lib/audit.h"

static const char *const case_states[] = { "open", "review", "forwarded",
    "done" };

static bool	 valid_state(const char *);
static void	 case_fill(struct case_summary *, sqlite3_stmt *);
static void	 case_clear(struct case_summary *);
static int	 case_events(struct db *, sqlite3_int64, struct case_detail *,
		    char **);

bool
cases_state_valid(const char *state)
{
	return (valid_state(state));
}
static int	 case_links(struct db *, sqlite3_int64, struct case_detail *,
		    char **);

static bool
valid_state(const char *state)
{
	if (state == NULL)
		return (false);
	for (size_t i = 0; i < G_N_ELEMENTS(case_states); i++)
		if (strcmp(state, case_states[i]) == 0)
			return (true);
	return (false);
}

int
cases_open_request(struct db *db, const char *phone, const char *iccid,
    char **case_r, char **received_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (case_r != NULL)
		*case_r = NULL;
	if (received_r != NULL)
		*received_r = NULL;
	if (phone != NULL && *phone == '\0')
		phone = NULL;
	if (iccid != NULL && *iccid == '\0')
		iccid = NULL;
	if (phone == NULL && iccid == NULL)
		return (0);
	/* Two arms, not one OR, so each seeks its own partial index. */
	/* Run once per row of a list: compiled once. */
	stmt = db_cached(db, "SELECT number, opened_at FROM ("
	    "SELECT c.id, c.number, c.opened_at FROM case_rows r"
	    " JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.phone = ?1 AND c.state != 'done'"
	    " UNION ALL SELECT c.id, c.number, c.opened_at FROM case_rows r"
	    " JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.iccid = ?2 AND c.state != 'done'"
	    ") ORDER BY id LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, iccid, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		if (case_r != NULL)
			*case_r = db_column_strdup(stmt, 0);
		if (received_r != NULL)
			*received_r = db_column_strdup(stmt, 1);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		rc = db_fail(db, "looking up open requests", cause);
		break;
	}
	sqlite3_reset(stmt);
	return (rc);
}

#define CASE_COLUMNS \
	"c.number, c.state, c.kind, c.action, c.organization, c.from_addr," \
	" c.subject, c.opened_at, c.updated_at," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id)," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id" \
	" AND r.nerrors > 0)"

static void
case_fill(struct case_summary *c, sqlite3_stmt *stmt)
{
	c->number = db_column_strdup(stmt, 0);
	c->state = db_column_strdup(stmt, 1);
	c->kind = db_column_strdup(stmt, 2);
	c->action = db_column_strdup(stmt, 3);
	c->organization = db_column_strdup(stmt, 4);
	c->from_addr = db_column_strdup(stmt, 5);
	c->subject = db_column_strdup(stmt, 6);
	c->opened_at = db_column_strdup(stmt, 7);
	c->updated_at = db_column_strdup(stmt, 8);
	c->nrows = sqlite3_column_int(stmt, 9);
	c->nrows_with_errors = sqlite3_column_int(stmt, 10);
}

static void
case_clear(struct case_summary *c)
{
	g_free(c->number);
	g_free(c->state);
	g_free(c->kind);
	g_free(c->action);
	g_free(c->organization);
	g_free(c->from_addr);
	g_free(c->subject);
	g_free(c->opened_at);
	g_free(c->updated_at);
}

int
cases_list(struct db *db, const char *state, struct case_summary **r,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*cases;
	struct case_summary c;
	int		 step, rc = -1;

	*r = NULL;
	*n_r = 0;
	if (state != NULL && !valid_state(state)) {
		if (cause != NULL)
			*cause = g_strdup_printf("no such case state: %s",
			    state);
		return (-1);
	}
	stmt = db_prepare(db, "SELECT " CASE_COLUMNS " FROM cases c"
	    " WHERE ?1 IS NULL OR c.state = ?1"
	    " ORDER BY c.opened_at DESC, c.id DESC", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	cases = g_array_new(FALSE, TRUE, sizeof(struct case_summary));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		case_fill(&c, stmt);
		g_array_append_val(cases, c);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "listing cases", cause);
		for (guint i = 0; i < cases->len; i++)
			case_clear(&g_array_index(cases, struct case_summary, i));
		g_array_free(cases, TRUE);
		goto out;
	}
	*n_r = cases->len;
	*r = (struct case_summary *)g_array_free(cases, FALSE);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

void
cases_list_free(struct case_summary *cases, size_t n)
{
	if (cases == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		case_clear(&cases[i]);
	g_free(cases);
}

/* The case's flag, the rejected message it supersedes, and the answers
 * threaded into it. */
static int
case_links(struct db *db, sqlite3_int64 case_id, struct case_detail *d,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*v;
	int		 step;

	stmt = db_prepare(db, "SELECT 0, c.flag, m.message_id, m.received_at,"
	    " m.from_addr, m.subject, m.action, m.contract_json FROM cases c"
	    " LEFT JOIN messages m ON m.id = c.supersedes WHERE c.id = ?1"
	    " UNION ALL SELECT m.id, NULL, m.message_id, m.received_at,"
	    " m.from_addr, m.subject, m.action, m.contract_json FROM messages m"
	    " WHERE m.case_id = ?1 AND m.id > (SELECT min(id) FROM messages"
	    " WHERE case_id = ?1) ORDER BY 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	v = g_array_new(FALSE, TRUE, sizeof(struct case_link));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_link l = { 0 };

		if (sqlite3_column_int64(stmt, 0) == 0) {
			d->flag = db_column_strdup(stmt, 1);
			if (sqlite3_column_type(stmt, 7) == SQLITE_NULL)
				continue;
			l.link = g_strdup("supersedes");
		} else
			l.link = g_strdup("reply");
		l.message_id = db_column_strdup(stmt, 2);
		l.received_at = db_column_strdup(stmt, 3);
		l.from_addr = db_column_strdup(stmt, 4);
		l.subject = db_column_strdup(stmt, 5);
		l.action = db_column_strdup(stmt, 6);
		l.contract_json = db_column_strdup(stmt, 7);
		g_array_append_val(v, l);
	}
	sqlite3_finalize(stmt);
	d->nlinks = v->len;
	d->links = (struct case_link *)g_array_free(v, FALSE);
	if (step != SQLITE_DONE)
		return (db_fail(db, "reading the case's links", cause));
	return (0);
}

int
cases_get(struct db *db, const char *number,
    struct case_detail **r, char **cause)
{
	struct case_detail *d = NULL;
	sqlite3_stmt	*stmt;
	GPtrArray	*list = NULL;
	sqlite3_int64	 case_id;
	GArray		*nerrors;
	char		**from_contract = NULL;
	size_t		 ncontract = 0;
	int		 step, rc = -1;

	*r = NULL;
	stmt = db_prepare(db, "SELECT " CASE_COLUMNS ", c.id FROM cases c"
	    " WHERE c.number = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	step = sqlite3_step(stmt);
	if (step == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_ROW) {
		db_fail(db, "reading case", cause);
		goto out;
	}
	d = g_new0(struct case_detail, 1);
	case_fill(&d->c, stmt);
	case_id = sqlite3_column_int64(stmt, 11);
	sqlite3_finalize(stmt);

	stmt = db_prepare(db, "SELECT message_id, contract_json, archive_path"
	    " FROM messages WHERE case_id = ? ORDER BY id LIMIT 1", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		d->message_id = db_column_strdup(stmt, 0);
		d->contract_json = db_column_strdup(stmt, 1);
		d->archive_path = db_column_strdup(stmt, 2);
	} else if (step != SQLITE_DONE) {
		db_fail(db, "reading case message", cause);
		goto out;
	}
	sqlite3_finalize(stmt);

	stmt = db_prepare(db, "SELECT json, nerrors FROM case_rows WHERE "
	    "case_id = ? ORDER BY id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	list = g_ptr_array_new();
	nerrors = g_array_new(FALSE, TRUE, sizeof(int));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int ne = sqlite3_column_int(stmt, 1);
		const char *j = (const char *)sqlite3_column_text(stmt, 0);

		/* A row's findings are stored once, in the decision of the
		 * message that opened the case (rows in order); rows stored
		 * before that carry their own copy. */
		if (j == NULL || *j == '\0') {
			if (from_contract == NULL)
				from_contract = contract_rows(d->contract_json,
				    &ncontract);
			g_ptr_array_add(list, g_strdup(list->len < ncontract ?
			    from_contract[list->len] : "null"));
		} else
			g_ptr_array_add(list, g_strdup(j));
		g_array_append_val(nerrors, ne);
	}
	g_strfreev(from_contract);
	d->rows_nerrors = (int *)g_array_free(nerrors, FALSE);
	d->nrows = list->len;
	g_ptr_array_add(list, NULL);
	d->rows_json = (char **)g_ptr_array_free(list, FALSE);
	list = NULL;
	if (step != SQLITE_DONE) {
		db_fail(db, "reading case rows", cause);
		goto out;
	}
	sqlite3_finalize(stmt);

	stmt = NULL;
	if (audit_case_lines(db, case_id, &d->audit, &d->naudit, cause) == -1)
		goto out;
	if (case_events(db, case_id, d, cause) == -1 ||
	    case_links(db, case_id, d, cause) == -1)
		goto out;
	*r = d;
	d = NULL;
	rc = 1;
out:
	sqlite3_finalize(stmt);
	cases_detail_free(d);
	return (rc);
}

/* The audit trail of a case field by field: the entries
 * audit_case_lines reads (read only; audit_append alone writes). */
static int
case_events(struct db *db, sqlite3_int64 case_id, struct case_detail *d,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*v;
	int		 step;

	stmt = db_prepare(db, "SELECT at, actor, event, detail FROM audit"
	    " WHERE case_id = ?1"
	    " OR msg_id IN (SELECT id FROM messages WHERE case_id = ?1)"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	v = g_array_new(FALSE, TRUE, sizeof(struct case_event));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_event e = {
			db_column_strdup(stmt, 0), db_column_strdup(stmt, 1),
			db_column_strdup(stmt, 2), db_column_strdup(stmt, 3)
		};

		g_array_append_val(v, e);
	}
	d->nevents = v->len;
	d->events = (struct case_event *)g_array_free(v, FALSE);
	if (step != SQLITE_DONE)
		db_fail(db, "reading case audit", cause);
	sqlite3_finalize(stmt);
	return (step == SQLITE_DONE ? 0 : -1);
}

void
cases_detail_free(struct case_detail *d)
{
	if (d == NULL)
		return;
	case_clear(&d->c);
	g_free(d->message_id);
	g_free(d->contract_json);
	g_free(d->archive_path);
	g_strfreev(d->rows_json);
	g_strfreev(d->audit);
	g_free(d->rows_nerrors);
	for (size_t i = 0; i < d->nevents; i++) {
		g_free(d->events[i].at);
		g_free(d->events[i].actor);
		g_free(d->events[i].event);
		g_free(d->events[i].detail);
	}
	g_free(d->events);
	g_free(d->flag);
	for (size_t i = 0; i < d->nlinks; i++) {
		g_free(d->links[i].link);
		g_free(d->links[i].message_id);
		g_free(d->links[i].received_at);
		g_free(d->links[i].from_addr);
		g_free(d->links[i].subject);
		g_free(d->links[i].action);
		g_free(d->links[i].contract_json);
	}
	g_free(d->links);
	g_free(d);
}

int
cases_set_state(struct db *db, const char *number, const char *state,
    const char *actor, const char *note, const char *now, char **cause)
{
	struct db_txn	*txn;
	char		*old = NULL;
	int64_t		 case_id;
	int		 rc = -1;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	if (cases_set_state_txn(txn, number, state, actor, note, now, &old,
	    &case_id, cause) == 0) {
		rc = db_commit(txn, cause);
		txn = NULL;
	}
	db_rollback(txn);
	g_free(old);
	return (rc);
}

int
cases_set_state_txn(struct db_txn *txn, const char *number,
    const char *state, const char *actor, const char *note, const char *now,
    char **old_r, int64_t *case_id_r, char **cause)
{
	struct db	*db = db_txn_db(txn);
	struct audit_entry e = { 0 };
	sqlite3_stmt	*stmt = NULL;
	sqlite3_int64	 case_id;
	char		*old = NULL, *detail = NULL, clock[DB_TIME_SIZE];
	int		 rc = -1;

	*old_r = NULL;
	*case_id_r = 0;
	if (!valid_state(state)) {
		if (cause != NULL)
			*cause = g_strdup_printf("no such case state: %s",
			    state == NULL ? "(none)" : state);
		return (-1);
	}
	if (actor == NULL || *actor == '\0') {
		if (cause != NULL)
			*cause = g_strdup("a state change must name its actor");
		return (-1);
	}
	if (now == NULL) {
		db_time(time(NULL), clock);
		now = clock;
	}
	stmt = db_prepare(db, "SELECT id, state FROM cases WHERE number = ?",
	    cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		if (cause != NULL)
			*cause = g_strdup_printf("no such case: %s",
			    number == NULL ? "(none)" : number);
		goto out;
	default:
		db_fail(db, "reading case", cause);
		goto out;
	}
	case_id = sqlite3_column_int64(stmt, 0);
	old = db_column_strdup(stmt, 1);
	sqlite3_finalize(stmt);

	stmt = db_prepare(db, "UPDATE cases SET state = ?, updated_at = ?"
	    " WHERE id = ?", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, case_id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "changing case state", cause);
		goto out;
	}
	if (note != NULL && *note != '\0')
		detail = g_strdup_printf("%s -> %s: %s", old, state, note);
	else
		detail = g_strdup_printf("%s -> %s", old, state);
	e.at = now;
	e.actor = actor;
	e.event = "state_changed";
	e.case_id = case_id;
	e.detail = detail;
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	*old_r = old;
	old = NULL;
	*case_id_r = case_id;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	g_free(old);
	g_free(detail);
	return (rc);
}

int
cases_thread(struct db *db, const char *number, const char *const *refs,
    size_t nrefs, struct case_thread *t, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	int		 rc = -1, step;

	memset(t, 0, sizeof(*t));
	if (number != NULL) {
		stmt = db_prepare(db, "SELECT id, number, from_addr,"
		    " organization FROM cases WHERE number = ?", cause);
		if (stmt == NULL)
			return (-1);
		sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
		step = sqlite3_step(stmt);
		if (step == SQLITE_ROW) {
			t->case_id = sqlite3_column_int64(stmt, 0);
			t->number = db_column_strdup(stmt, 1);
			t->from_addr = db_column_strdup(stmt, 2);
			t->organization = db_column_strdup(stmt, 3);
			t->via = "subject";
			rc = 1;
			goto out;
		}
		if (step != SQLITE_DONE) {
			db_fail(db, "looking up the case in a subject", cause);
			goto out;
		}
		sqlite3_finalize(stmt);
	}
	stmt = db_prepare(db, "SELECT o.case_id, c.number, o.msg_id,"
	    " c.from_addr, c.organization"
	    " FROM outbox o LEFT JOIN cases c ON c.id = o.case_id"
	    " WHERE o.message_id = ?", cause);
	if (stmt == NULL)
		return (-1);
	/* The newest reference names the message answered. */
	for (size_t i = nrefs; i-- > 0;) {
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, refs[i], -1, SQLITE_STATIC);
		step = sqlite3_step(stmt);
		if (step == SQLITE_ROW && sqlite3_column_type(stmt, 0) !=
		    SQLITE_NULL) {
			t->case_id = sqlite3_column_int64(stmt, 0);
			t->number = db_column_strdup(stmt, 1);
			t->from_addr = db_column_strdup(stmt, 3);
			t->organization = db_column_strdup(stmt, 4);
			t->via = "references";
			rc = 1;
			goto out;
		}
		if (step == SQLITE_ROW && t->answers_msg_id == 0)
			t->answers_msg_id = sqlite3_column_int64(stmt, 2);
		else if (step != SQLITE_ROW && step != SQLITE_DONE) {
			db_fail(db, "looking up references", cause);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	if (rc == -1)
		cases_thread_deinit(t);
	return (rc);
}

void
cases_thread_deinit(struct case_thread *t)
{
	g_free(t->number);
	g_free(t->from_addr);
	g_free(t->organization);
	memset(t, 0, sizeof(*t));
}

int
cases_origin(struct db *db, int64_t case_id, struct case_origin *o,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	memset(o, 0, sizeof(*o));
	/* The opening message is the case's first: later ones are answers
	 * threaded into it (cases_thread). */
	stmt = db_prepare(db, "SELECT m.id, m.message_id, m.from_addr,"
	    " m.subject, m.received_at, c.number, c.kind, c.action,"
	    " c.organization, (SELECT count(*) FROM outbox o"
	    " WHERE o.case_id = c.id AND o.purpose = 'done')"
	    " FROM cases c JOIN messages m ON m.id = (SELECT min(id)"
	    " FROM messages WHERE case_id = c.id) WHERE c.id = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		o->msg_id = sqlite3_column_int64(stmt, 0);
		o->message_id = db_column_strdup(stmt, 1);
		o->from_addr = db_column_strdup(stmt, 2);
		o->subject = db_column_strdup(stmt, 3);
		o->received_at = db_column_strdup(stmt, 4);
		o->number = db_column_strdup(stmt, 5);
		o->kind = db_column_strdup(stmt, 6);
		o->action = db_column_strdup(stmt, 7);
		o->organization = db_column_strdup(stmt, 8);
		o->ndone = sqlite3_column_int(stmt, 9);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		db_fail(db, "reading the case's message", cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

void
cases_origin_deinit(struct case_origin *o)
{
	g_free(o->message_id);
	g_free(o->from_addr);
	g_free(o->subject);
	g_free(o->received_at);
	g_free(o->number);
	g_free(o->kind);
	g_free(o->action);
	g_free(o->organization);
	memset(o, 0, sizeof(*o));
}

int
cases_messages(struct db *db, const char *action, int limit,
    struct case_summary **r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GArray		*v;
	int		 step, rc = -1;

	*r = NULL;
	*n_r = 0;
	stmt = db_prepare(db, "SELECT c.number, m.kind, m.action, m.from_addr,"
	    " m.subject, m.received_at, (SELECT count(*) FROM outbox o WHERE"
	    " o.msg_id = m.id) FROM messages m LEFT JOIN cases c ON"
	    " c.id = m.case_id WHERE ?1 IS NULL OR m.action = ?1"
	    " ORDER BY m.received_at DESC, m.id DESC LIMIT ?2", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit > 0 ? limit : -1);
	v = g_array_new(FALSE, TRUE, sizeof(struct case_summary));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_summary c = { 0 };

		c.number = db_column_strdup(stmt, 0);
		c.kind = db_column_strdup(stmt, 1);
		c.action = db_column_strdup(stmt, 2);
		c.from_addr = db_column_strdup(stmt, 3);
		c.subject = db_column_strdup(stmt, 4);
		c.opened_at = db_column_strdup(stmt, 5);
		c.nrows = sqlite3_column_int(stmt, 6);
		g_array_append_val(v, c);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "listing messages", cause);
		for (guint i = 0; i < v->len; i++)
			case_clear(&g_array_index(v, struct case_summary, i));
		g_array_free(v, TRUE);
		goto out;
	}
	*n_r = v->len;
	*r = (struct case_summary *)g_array_free(v, FALSE);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

int
cases_flag_review(struct db_txn *txn, int64_t case_id, const char *why,
    time_t now, void *arg, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE];

	(void)arg;
	db_time(now, at);
	stmt = db_prepare(db, "UPDATE cases SET state = 'review',"
	    " flag = ?3, updated_at = ?2 WHERE id = ?1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, why, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		sqlite3_finalize(stmt);
		return (db_fail(db, "flagging case", cause));
	}
	sqlite3_finalize(stmt);
	e.at = at;
	e.actor = AUDIT_ACTOR;
	e.event = "flagged";
	e.case_id = case_id;
	e.detail = why;
	return (audit_append(txn, &e, cause));
}
