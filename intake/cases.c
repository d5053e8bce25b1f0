/* cases.c: the case queries and state changes staff make. Reads are
 * plain SELECTs; the one write, a state change, is one transaction with
 * its audit entry. Every value is bound. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/cases.h"
#include "intake/contract.h"
#include "intake/mime.h"
#include "intake/places.h"
#include "intake/store.h"
#include "intake/units-store.h"
#include "lib/audit.h"
#include "lib/text.h"

static const char *const case_states[] = { "open", "review", "forwarded",
    "waiting_unit", "done", "rejected" };

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
static int	 move_allowed(struct db *, const char *, const char *,
		    char **);
static int	 unflag(struct db_txn *, sqlite3_int64, const char *,
		    const char *, const char *, char **, char **);
static int	 case_id_of(struct db *, const char *, sqlite3_int64 *,
		    char **);
static bool	 unit_names(const char *, const char *);

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
	/* Two arms, not one OR, so each seeks its own partial index. A
	 * refused row frees its SIM; an activated one holds it for good,
	 * and so does a forwarded one (the Cục was sent it, or is being:
	 * a held forward's rows stay pending), whatever becomes of its
	 * case; a pending one while its case is worked. Run once per row
	 * of a list: compiled once. */
#define HOLDS	" AND r.state != 'refused' AND (r.state IN ('activated'," \
		" 'forwarded') OR c.state NOT IN ('done', 'rejected'))"
	/* How it holds: 2 activated, 3 sent to the Cục in a case closed
	 * since, 1 in a case still worked (the letter says which). */
#define HOW	", CASE WHEN r.state = 'activated' THEN 2 WHEN c.state IN" \
		" ('done', 'rejected') THEN 3 ELSE 1 END"
	stmt = db_cached(db, "SELECT number, opened_at, how FROM ("
	    "SELECT c.id, c.number, c.opened_at" HOW " AS how"
	    " FROM case_rows r JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.phone = ?1" HOLDS
	    " UNION ALL SELECT c.id, c.number, c.opened_at" HOW
	    " FROM case_rows r JOIN cases c ON c.id = r.case_id"
	    " WHERE r.nerrors = 0 AND r.iccid = ?2" HOLDS
	    ") ORDER BY id LIMIT 1", cause);
#undef HOW
#undef HOLDS
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
		rc = sqlite3_column_int(stmt, 2);
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

int
cases_any_requested(struct db *db, const char *const *phones,
    const char *const *iccids, size_t n, char **cause)
{
	static char	*sql;
	sqlite3_stmt	*stmt;
	GString		*s;
	int		 rc;

	g_assert(n <= CASES_ANY_MAX);
	/* One statement for the block, its slots bound or NULL: an IN list
	 * seeks each value in the partial index, as the single look-up
	 * does, without a statement run a row. */
	if (sql == NULL) {
		s = g_string_new("SELECT 1 FROM case_rows WHERE nerrors = 0"
		    " AND phone IN (");
		for (int i = 1; i <= CASES_ANY_MAX; i++)
			g_string_append_printf(s, "%s?%d", i > 1 ? "," : "",
			    i);
		g_string_append(s, ") UNION ALL SELECT 1 FROM case_rows"
		    " WHERE nerrors = 0 AND iccid IN (");
		for (int i = 1; i <= CASES_ANY_MAX; i++)
			g_string_append_printf(s, "%s?%d", i > 1 ? "," : "",
			    CASES_ANY_MAX + i);
		g_string_append(s, ") LIMIT 1");
		sql = g_string_free(s, FALSE);
	}
	if ((stmt = db_cached(db, sql, cause)) == NULL)
		return (-1);
	sqlite3_clear_bindings(stmt);
	for (size_t i = 0; i < n; i++) {
		if (phones[i] != NULL && *phones[i] != '\0')
			sqlite3_bind_text(stmt, (int)i + 1, phones[i], -1,
			    SQLITE_STATIC);
		if (iccids[i] != NULL && *iccids[i] != '\0')
			sqlite3_bind_text(stmt, CASES_ANY_MAX + (int)i + 1,
			    iccids[i], -1, SQLITE_STATIC);
	}
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
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
	sqlite3_clear_bindings(stmt);
	return (rc);
}

#define CASE_COLUMNS \
	"c.number, c.state, c.kind, c.action, c.organization, c.from_addr," \
	" c.subject, c.opened_at, c.updated_at," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id)," \
	" (SELECT count(*) FROM case_rows r WHERE r.case_id = c.id" \
	" AND r.nerrors > 0), c.assignee, c.closed_at, c.flag"

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
	c->assignee = db_column_strdup(stmt, 11);
	c->closed_at = db_column_strdup(stmt, 12);
	c->flag = db_column_strdup(stmt, 13);
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
	g_free(c->assignee);
	g_free(c->closed_at);
	g_free(c->flag);
	g_free(c->message_id);
	g_free(c->sha256);
}

int
cases_list(struct db *db, const char *state, struct case_summary **r,
    size_t *n_r, char **cause)
{
	struct case_filter f = { .state = state };

	return (cases_find(db, &f, r, n_r, cause));
}

/* A phone as the index holds it, from digits as typed: without +84, 84
 * or 0 before the nine or ten digits of the subscriber. NULL when the
 * digits are not a phone. PHONE_BARE in store.c is the same rule in SQL:
 * change both or neither. */
static char *
phone_key(const char *digits)
{
	size_t	 n = strlen(digits);

	if (n == 11 && g_str_has_prefix(digits, "84"))
		return (g_strdup(digits + 2));
	if (n == 12 && g_str_has_prefix(digits, "84"))
		return (g_strdup(digits + 2));
	if ((n == 10 || n == 11) && digits[0] == '0')
		return (g_strdup(digits + 1));
	return (NULL);
}

/* A word of a query as an FTS5 string: in double quotes, any double
 * quote doubled, so no word is ever FTS5 syntax. */
static void
add_word(GString *q, const char *w, size_t len)
{
	if (q->len > 0)
		g_string_append_c(q, ' ');
	g_string_append_c(q, '"');
	for (size_t i = 0; i < len; i++) {
		if (w[i] == '"')
			g_string_append_c(q, '"');
		g_string_append_c(q, w[i]);
	}
	g_string_append_c(q, '"');
}

char *
cases_fts_query(const char *words)
{
	GString		*q = g_string_new(NULL);
	gchar		**v;
	char		*folded, *p;
	size_t		 i, n;

	if (words == NULL || !g_utf8_validate(words, -1, NULL))
		return (g_string_free(q, TRUE), NULL);
	/* đ and Đ have no decomposition: the index holds them as d. */
	folded = g_strdup(words);
	while ((p = strstr(folded, "đ")) != NULL || (p = strstr(folded,
	    "Đ")) != NULL) {
		p[0] = p[1] == '\x91' ? 'd' : 'D';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
	v = g_strsplit_set(folded, " \t\r\n", -1);
	n = g_strv_length(v);
	for (i = 0; i < n; i++) {
		GString	*digits;
		size_t	 j, best = 0;
		char	*key = NULL;

		if (*v[i] == '\0')
			continue;
		/* A phone typed in groups, "0983 415 276" or "+84 983.415.276":
		 * the longest run of groups of digits that makes one. The
		 * punctuation around a group is no part of it ("(0983)",
		 * "276,"): the index holds a phone's subscriber digits only
		 * (store.c, PHONE_BARE), so a phone must always become them. */
		digits = g_string_new(NULL);
		for (j = i; j < n; j++) {
			const char *w = v[j], *e;

			if (*w == '\0')
				continue;
			while (g_ascii_ispunct(*w))
				w++;
			e = w + strlen(w);
			while (e > w && g_ascii_ispunct(e[-1]))
				e--;
			if (e == w) {
				if (j == i)
					break;
				continue;
			}
			if (strspn(w, "0123456789.-") < (size_t)(e - w))
				break;
			for (; w < e; w++)
				if (g_ascii_isdigit(*w))
					g_string_append_c(digits, *w);
			if (digits->len > 12)
				break;
			if ((p = phone_key(digits->str)) != NULL) {
				g_free(key);
				key = p;
				best = j;
			}
		}
		g_string_free(digits, TRUE);
		if (key != NULL) {
			add_word(q, key, strlen(key));
			g_free(key);
			i = best;
			continue;
		}
		add_word(q, v[i], strlen(v[i]));
	}
	g_strfreev(v);
	g_free(folded);
	if (q->len == 0)
		return (g_string_free(q, TRUE), NULL);
	return (g_string_free(q, FALSE));
}

/* case_fill and case_clear as db_collect calls them. */
static void
case_row_fill(void *c, sqlite3_stmt *stmt)
{
	case_fill(c, stmt);
}

static void
case_row_clear(void *c)
{
	case_clear(c);
}

int
cases_find(struct db *db, const struct case_filter *f,
    struct case_summary **r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	char		*since = NULL, *until = NULL, *search = NULL;
	char		*unit = NULL;
	int		 rc = -1;

	*r = NULL;
	*n_r = 0;
	if (f->state != NULL && !valid_state(f->state)) {
		if (cause != NULL)
			*cause = g_strdup_printf("no such case state: %s",
			    f->state);
		return (-1);
	}
	if ((f->since != NULL && (since = db_time_bound(f->since, false,
	    f->timezone)) == NULL) || (f->until != NULL &&
	    (until = db_time_bound(f->until, true, f->timezone)) == NULL)) {
		if (cause != NULL)
			*cause = g_strdup_printf("not a date: %s", since ==
			    NULL && f->since != NULL ? f->since : f->until);
		goto out;
	}
	if (f->search != NULL && (search = cases_fts_query(f->search)) ==
	    NULL) {
		if (cause != NULL)
			*cause = g_strdup("--search needs a word");
		goto out;
	}
	if (f->unit != NULL) {
		char *q = cases_fts_query(f->unit);

		if (q == NULL) {
			if (cause != NULL)
				*cause = g_strdup("--unit needs a word");
			goto out;
		}
		/* every word in the unit's name, in any order; every
		 * document of a case carries its unit (store.c, migration
		 * 12) */
		unit = g_strdup_printf("unit : (%s)", q);
		g_free(q);
	}
	stmt = db_prepare(db, "SELECT " CASE_COLUMNS " FROM cases c"
	    " WHERE (?1 IS NULL OR c.state = ?1)"
	    " AND (?2 IS NULL OR c.kind = ?2)"
	    " AND (?3 IS NULL OR c.opened_at >= ?3)"
	    " AND (?4 IS NULL OR c.opened_at <= ?4)"
	    " AND (?5 IS NULL OR c.id IN (SELECT DISTINCT rowid >> 24 FROM"
	    " cases_fts WHERE cases_fts MATCH ?5))"
	    " AND (?6 IS NULL OR c.id IN (SELECT DISTINCT rowid >> 24 FROM"
	    " cases_fts WHERE cases_fts MATCH ?6))"
	    " AND (?7 = 0 OR c.flag IS NOT NULL)"
	    " ORDER BY c.opened_at DESC, c.id DESC", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, f->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, until, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, search, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 7, f->flagged);
	rc = db_collect(db, stmt, sizeof(**r), case_row_fill, case_row_clear,
	    (void **)r, n_r, "listing cases", cause);
	stmt = NULL;		/* db_collect finalized it */
out:
	sqlite3_finalize(stmt);
	g_free(since);
	g_free(until);
	g_free(search);
	g_free(unit);
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

	/* Each message as its latest decision has it (message_decision,
	 * store.c: reprocess records new ones beside the first). The
	 * superseded one's by subqueries: the view on the right of a LEFT
	 * JOIN is not flattened but built whole, every message's decision
	 * copied (a rejected long list's rows with it) to show any case. */
	stmt = db_prepare(db, "SELECT 0, c.flag, m.message_id, m.received_at,"
	    " m.from_addr, m.subject, (SELECT action FROM message_decision"
	    " WHERE msg_id = m.id), (SELECT contract_json FROM"
	    " message_decision WHERE msg_id = m.id), m.id FROM cases c"
	    " LEFT JOIN messages m ON m.id = c.supersedes WHERE c.id = ?1"
	    " UNION ALL SELECT m.id, NULL, m.message_id, m.received_at,"
	    " m.from_addr, m.subject, d.action, d.contract_json, m.id"
	    " FROM messages m"
	    " JOIN message_decision d ON d.msg_id = m.id"
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
		l.msg_id = sqlite3_column_int64(stmt, 8);
		l.contract_json = db_column_strdup(stmt, 7);
		g_array_append_val(v, l);
	}
	d->nlinks = v->len;
	d->links = (struct case_link *)g_array_free(v, FALSE);
	if (step != SQLITE_DONE)
		db_fail(db, "reading the case's links", cause);
	sqlite3_finalize(stmt);
	return (step == SQLITE_DONE ? 0 : -1);
}

int
cases_get(struct db *db, const char *number,
    struct case_detail **r, char **cause)
{
	struct case_detail *d = NULL;
	sqlite3_stmt	*stmt;
	sqlite3_int64	 case_id;
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
	d->id = case_id = sqlite3_column_int64(stmt, 14);
	sqlite3_finalize(stmt);

	/* The decision as stored: without its rows (case_rows) since they
	 * were kept apart, so a long list is not read here. */
	stmt = db_prepare(db, "SELECT m.message_id, d.contract_json,"
	    " m.archive_path, m.id FROM messages m JOIN message_decision d ON"
	    " d.msg_id = m.id WHERE m.case_id = ? ORDER BY m.id LIMIT 1",
	    cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		d->message_id = db_column_strdup(stmt, 0);
		d->contract_json = db_column_strdup(stmt, 1);
		d->archive_path = db_column_strdup(stmt, 2);
		d->msg_id = sqlite3_column_int64(stmt, 3);
		if (d->contract_json == NULL) {
			if (cause != NULL)
				*cause = g_strdup_printf("message %lld has "
				    "no decision stored",
				    (long long)d->msg_id);
			goto out;
		}
	} else if (step != SQLITE_DONE) {
		db_fail(db, "reading case message", cause);
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
	g_strfreev(d->audit);
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
	if ((rc = cases_set_state_txn(txn, number, state, actor, note, now,
	    &old, &case_id, cause)) == 0) {
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
	char		*allowed;
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
	stmt = NULL;
	if (strcmp(old, state) == 0)
		goto same;
	/* The store's trigger refuses it too; asking first names the
	 * moves that are allowed. */
	switch (move_allowed(db, old, state, cause)) {
	case 1:
		break;
	case 0:
		if ((allowed = cases_moves_from(db, old, cause)) == NULL)
			goto out;
		if (cause != NULL)
			*cause = g_strdup_printf("%s is %s: it cannot move to "
			    "%s (from %s: %s)", number, old, state, old,
			    allowed);
		g_free(allowed);
		rc = CASES_ILLEGAL;
		goto out;
	default:
		goto out;
	}

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
	/* A person closing the case has seen what it was flagged for; a
	 * later answer flags it again. */
	if ((strcmp(state, "done") == 0 || strcmp(state, "rejected") == 0) &&
	    unflag(txn, case_id, actor, state, now, NULL, cause) == -1)
		goto out;
same:
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
		stmt = db_cached(db, "SELECT id, number, from_addr,"
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
		sqlite3_reset(stmt);
	}
	stmt = db_cached(db, "SELECT o.case_id, c.number, o.msg_id,"
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
	sqlite3_reset(stmt);
	if (rc == -1)
		cases_thread_deinit(t);
	return (rc);
}

int
cases_thread_sender(struct db *db, const char *from_addr,
    struct case_thread *t, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1, step, n = 0;

	memset(t, 0, sizeof(*t));
	stmt = db_cached(db, "SELECT id, number, from_addr, organization"
	    " FROM cases WHERE from_addr = ? COLLATE NOCASE AND state NOT IN"
	    " ('done', 'rejected') LIMIT 2", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, from_addr, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW && ++n == 1) {
		t->case_id = sqlite3_column_int64(stmt, 0);
		t->number = db_column_strdup(stmt, 1);
		t->from_addr = db_column_strdup(stmt, 2);
		t->organization = db_column_strdup(stmt, 3);
		t->via = "sender";
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		db_fail(db, "looking up the sender's cases", cause);
	else
		rc = n == 1;
	sqlite3_reset(stmt);
	if (rc != 1)
		cases_thread_deinit(t);
	return (rc);
}

int
cases_other_unit(struct db *db, const char *from_addr,
    const struct case_thread *t, char **cause)
{
	char	*unit = NULL, *cert = NULL, *case_unit = NULL;
	bool	 org;
	int	 rc;

	if (from_addr == NULL || t->case_id == 0 || (t->from_addr != NULL &&
	    g_ascii_strcasecmp(from_addr, t->from_addr) == 0))
		return (0);
	/* a sender the registry does not know may be the unit's second
	 * clerk */
	if ((rc = units_store_name(db, from_addr, &unit, cause)) != 1)
		return (rc);
	rc = -1;
	if (units_store_cert_org(db, from_addr, &cert, cause) == -1 ||
	    (t->from_addr != NULL && units_store_name(db, t->from_addr,
	    &case_unit, cause) == -1))
		goto out;
	org = t->organization != NULL && !text_blank(t->organization);
	rc = 0;
	if (case_unit == NULL && !org)
		goto out;
	if (case_unit != NULL && strcmp(case_unit, unit) == 0)
		goto out;
	if (org && (unit_names(unit, t->organization) ||
	    unit_names(cert, t->organization)))
		goto out;
	rc = 1;
out:
	g_free(unit);
	g_free(cert);
	g_free(case_unit);
	return (rc);
}

/* Whether the registry's name (or certificate organisation) for a unit
 * names the body org writes, or one it may speak for: the words of one
 * within the other's, whatever the case and diacritics ("Văn phòng Huyện
 * ủy Sơn Hà" holds "HUYỆN ỦY SƠN HÀ"), the same place at the same level,
 * or a commune under a district, whose district is written nowhere
 * (rules.c, may_pass_on). */
static bool
unit_names(const char *unit, const char *org)
{
	enum place_relation	 r;
	char			*u, *o;
	bool			 ok;

	if (unit == NULL || org == NULL)
		return (false);
	u = text_key(unit);
	o = text_key(org);
	ok = *u != '\0' && *o != '\0' && (text_key_has(u, o) ||
	    text_key_has(o, u));
	g_free(u);
	g_free(o);
	if (ok)
		return (true);
	r = places_relation(unit, org);
	return (r == PLACES_ABOVE || r == PLACES_SAME);
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
	    " WHERE o.case_id = c.id AND o.purpose = 'done'),"
	    " (SELECT substr(o.raw, 1, 8192) FROM outbox o WHERE o.msg_id ="
	    " m.id AND o.purpose = 'ack' ORDER BY o.id LIMIT 1)"
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
		/* whom the acknowledgement greeted */
		o->addressee = mime_to_name((const char *)
		    sqlite3_column_text(stmt, 10));
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
	g_free(o->addressee);
	memset(o, 0, sizeof(*o));
}

/* One row of cases_messages, for db_collect. */
static void
message_row_fill(void *p, sqlite3_stmt *stmt)
{
	struct case_summary *c = p;

	c->number = db_column_strdup(stmt, 0);
	c->kind = db_column_strdup(stmt, 1);
	c->action = db_column_strdup(stmt, 2);
	c->from_addr = db_column_strdup(stmt, 3);
	c->subject = db_column_strdup(stmt, 4);
	c->opened_at = db_column_strdup(stmt, 5);
	c->nrows = sqlite3_column_int(stmt, 6);
	c->id = sqlite3_column_int64(stmt, 7);
	c->message_id = db_column_strdup(stmt, 8);
	c->sha256 = db_column_strdup(stmt, 9);
}

int
cases_messages(struct db *db, const char *action, int limit,
    struct case_summary **r, size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;

	*r = NULL;
	*n_r = 0;
	/* The outbox counted once, by message: outbox.msg_id has no index,
	 * and a count a message read the whole outbox for each (5,000
	 * messages and their replies: 3 minutes). */
	stmt = db_prepare(db, "SELECT c.number, d.kind, d.action, m.from_addr,"
	    " m.subject, m.received_at, coalesce(o.n, 0), m.id, m.message_id,"
	    " m.sha256 FROM messages m JOIN message_decision d ON"
	    " d.msg_id = m.id LEFT JOIN cases c ON"
	    " c.id = m.case_id LEFT JOIN (SELECT msg_id, count(*) AS n FROM"
	    " outbox GROUP BY msg_id) o ON o.msg_id = m.id"
	    " WHERE ?1 IS NULL OR d.action = ?1"
	    " ORDER BY m.received_at DESC, m.id DESC LIMIT ?2", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit > 0 ? limit : -1);
	return (db_collect(db, stmt, sizeof(**r), message_row_fill,
	    case_row_clear, (void **)r, n_r, "listing messages", cause));
}

int
cases_flag_review(struct db_txn *txn, int64_t case_id, const char *why,
    time_t now, void *arg, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE], *old = NULL, *detail;
	int			 rc;

	(void)arg;
	db_time(now, at);
	stmt = db_cached(db, "SELECT state FROM cases WHERE id = ?1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		old = db_column_strdup(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (db_fail(db, "reading the case", cause));
	stmt = db_cached(db, "UPDATE cases SET state = 'review',"
	    " flag = ?3, updated_at = ?2 WHERE id = ?1", cause);
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, why, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		sqlite3_reset(stmt);
		db_fail(db, "flagging case", cause);
		goto fail;
	}
	sqlite3_reset(stmt);
	e.at = at;
	e.actor = AUDIT_ACTOR;
	e.case_id = case_id;
	if (old != NULL && strcmp(old, "review") != 0) {
		detail = g_strdup_printf("%s -> review: %s", old, why);
		e.event = "state_changed";
		e.detail = detail;
		rc = audit_append(txn, &e, cause);
		g_free(detail);
		if (rc == -1)
			goto fail;
	}
	g_free(old);
	e.event = "flagged";
	e.detail = why;
	return (audit_append(txn, &e, cause));
fail:
	g_free(old);
	return (-1);
}

int
cases_flag(struct db_txn *txn, int64_t case_id, const char *why,
    time_t now, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE];
	int			 changed;

	db_time(now, at);
	stmt = db_cached(db, "UPDATE cases SET flag = ?3, updated_at = ?2"
	    " WHERE id = ?1 AND flag IS NOT ?3", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, why, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		sqlite3_reset(stmt);
		return (db_fail(db, "flagging case", cause));
	}
	changed = sqlite3_changes(sqlite3_db_handle(stmt));
	sqlite3_reset(stmt);
	if (changed == 0)
		return (0);
	e.at = at;
	e.actor = AUDIT_ACTOR;
	e.event = "flagged";
	e.case_id = case_id;
	e.detail = why;
	return (audit_append(txn, &e, cause));
}

/* 1 when case_moves allows from -> to, 0 when not, -1. */
static int
move_allowed(struct db *db, const char *from, const char *to, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_prepare(db, "SELECT 1 FROM case_moves WHERE from_state = ?"
	    " AND to_state = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		rc = db_fail(db, "reading the case moves", cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

char *
cases_moves_from(struct db *db, const char *state, char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*s = g_string_new(NULL);
	int		 step;

	/* The moves hotrocks makes itself are not offered to staff. */
	stmt = db_prepare(db, "SELECT to_state FROM case_moves"
	    " WHERE from_state = ? AND auto = 0 ORDER BY to_state", cause);
	if (stmt == NULL)
		return (g_string_free(s, TRUE), NULL);
	sqlite3_bind_text(stmt, 1, state, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		g_string_append_printf(s, "%s%s", s->len > 0 ? ", " : "",
		    (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the case moves", cause);
		return (g_string_free(s, TRUE), NULL);
	}
	if (s->len == 0)
		g_string_assign(s, "none");
	return (g_string_free(s, FALSE));
}

/* The id of case number: 0, or -1 and *cause ("no such case"). */
static int
case_id_of(struct db *db, const char *number, sqlite3_int64 *id_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_prepare(db, "SELECT id FROM cases WHERE number = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*id_r = sqlite3_column_int64(stmt, 0);
		rc = 0;
		break;
	case SQLITE_DONE:
		if (cause != NULL)
			*cause = g_strdup_printf("no such case: %s",
			    number == NULL ? "(none)" : number);
		break;
	default:
		db_fail(db, "reading case", cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}

/* An audit entry on case_id, and its updated_at moved to at. */
static int
case_event(struct db_txn *txn, sqlite3_int64 case_id, const char *at,
    const char *actor, const char *event, const char *detail, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	int			 rc;

	stmt = db_cached(db, "UPDATE cases SET updated_at = max(updated_at,"
	    " ?2) WHERE id = ?1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
	    db_fail(db, "touching the case", cause);
	sqlite3_reset(stmt);
	if (rc == -1)
		return (-1);
	e.at = at;
	e.actor = actor;
	e.event = event;
	e.case_id = case_id;
	e.detail = detail;
	return (audit_append(txn, &e, cause));
}

/* Clears the case's flag with an "unflagged" entry saying what it was
 * and why it went; *was_r (g_free, may be NULL) the flag, NULL when
 * there was none and nothing was written. */
static int
unflag(struct db_txn *txn, sqlite3_int64 case_id, const char *actor,
    const char *why, const char *now, char **was_r, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	char		*detail;
	int		 rc;

	if (was_r != NULL)
		*was_r = NULL;
	stmt = db_cached(db, "SELECT flag FROM cases WHERE id = ?1 AND"
	    " flag IS NOT NULL", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		sqlite3_reset(stmt);
		return (0);
	default:
		sqlite3_reset(stmt);
		return (db_fail(db, "reading the flag", cause));
	}
	detail = why != NULL && *why != '\0' ? g_strdup_printf("%s: %s",
	    sqlite3_column_text(stmt, 0), why) :
	    g_strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	stmt = db_cached(db, "UPDATE cases SET flag = NULL WHERE id = ?1",
	    cause);
	if (stmt == NULL) {
		g_free(detail);
		return (-1);
	}
	sqlite3_bind_int64(stmt, 1, case_id);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
	    db_fail(db, "clearing the flag", cause);
	sqlite3_reset(stmt);
	if (rc == 0)
		rc = case_event(txn, case_id, now, actor, "unflagged", detail,
		    cause);
	if (rc == 0 && was_r != NULL)
		*was_r = g_strdup(detail);
	g_free(detail);
	return (rc);
}

int
cases_unflag(struct db_txn *txn, const char *number, const char *actor,
    const char *note, const char *now, char **was_r, char **cause)
{
	sqlite3_int64	 case_id;

	*was_r = NULL;
	if (actor == NULL || *actor == '\0') {
		if (cause != NULL)
			*cause = g_strdup("clearing a flag must name who "
			    "did it");
		return (-1);
	}
	if (case_id_of(db_txn_db(txn), number, &case_id, cause) == -1)
		return (-1);
	return (unflag(txn, case_id, actor, note, now, was_r, cause));
}

int
cases_note(struct db_txn *txn, const char *number, const char *actor,
    const char *note, const char *now, char **cause)
{
	sqlite3_int64	 case_id;

	if (note == NULL || *note == '\0' || actor == NULL || *actor == '\0') {
		if (cause != NULL)
			*cause = g_strdup("a note needs its text and who "
			    "wrote it");
		return (-1);
	}
	if (case_id_of(db_txn_db(txn), number, &case_id, cause) == -1)
		return (-1);
	return (case_event(txn, case_id, now, actor, "note", note, cause));
}

int
cases_assign(struct db_txn *txn, const char *number, const char *who,
    const char *actor, const char *now, char **old_r, char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	sqlite3_int64	 case_id;
	char		*detail;
	int		 rc;

	*old_r = NULL;
	if (who != NULL && *who == '\0')
		who = NULL;
	if (case_id_of(db, number, &case_id, cause) == -1)
		return (-1);
	stmt = db_prepare(db, "SELECT assignee FROM cases WHERE id = ?",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*old_r = db_column_strdup(stmt, 0);
	sqlite3_finalize(stmt);
	stmt = db_prepare(db, "UPDATE cases SET assignee = ?2 WHERE id = ?1",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_text(stmt, 2, who, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
	    db_fail(db, "assigning the case", cause);
	sqlite3_finalize(stmt);
	if (rc == -1)
		return (-1);
	detail = g_strdup_printf("%s -> %s", *old_r != NULL ? *old_r :
	    "(nobody)", who != NULL ? who : "(nobody)");
	rc = case_event(txn, case_id, now, actor, "assigned", detail, cause);
	g_free(detail);
	return (rc);
}

int
cases_rows(struct db *db, const char *number, struct case_row **r,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	sqlite3_int64	 case_id;
	GArray		*v;
	int		 step;

	*r = NULL;
	*n_r = 0;
	if (case_id_of(db, number, &case_id, NULL) == -1)
		return (0);
	stmt = db_prepare(db, "SELECT id, nerrors, state, state_note,"
	    " state_at, phone, iccid, name FROM case_rows WHERE case_id = ?"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	v = g_array_new(FALSE, TRUE, sizeof(struct case_row));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct case_row row = {
			.id = sqlite3_column_int64(stmt, 0),
			.number = (int)v->len + 1,
			.nerrors = sqlite3_column_int(stmt, 1),
			.state = db_column_strdup(stmt, 2),
			.state_note = db_column_strdup(stmt, 3),
			.state_at = db_column_strdup(stmt, 4),
			.phone = db_column_strdup(stmt, 5),
			.iccid = db_column_strdup(stmt, 6),
			.name = db_column_strdup(stmt, 7),
		};

		g_array_append_val(v, row);
	}
	sqlite3_finalize(stmt);
	*n_r = v->len;
	*r = (struct case_row *)g_array_free(v, FALSE);
	if (step != SQLITE_DONE) {
		cases_rows_free(*r, *n_r);
		*r = NULL;
		*n_r = 0;
		return (db_fail(db, "reading case rows", cause));
	}
	return (1);
}

void
cases_rows_free(struct case_row *rows, size_t n)
{
	if (rows == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		g_free(rows[i].state);
		g_free(rows[i].state_note);
		g_free(rows[i].state_at);
		g_free(rows[i].phone);
		g_free(rows[i].iccid);
		g_free(rows[i].name);
	}
	g_free(rows);
}

/* Row numbers in rising order, written as the audit names them: runs of
 * three or more as "first-last" (every row of a 200,000-row list was a
 * 1.3 MB entry), the rest one by one. Called with 0 to end. */
struct row_run {
	int	first, last;	/* 0: none yet */
};

static void
run_put(GString *list, const struct row_run *r)
{
	if (r->first == 0)
		return;
	if (r->last - r->first >= 2)
		g_string_append_printf(list, "%s%d-%d", list->len > 0 ? "," :
		    "", r->first, r->last);
	else
		for (int k = r->first; k <= r->last; k++)
			g_string_append_printf(list, "%s%d", list->len > 0 ?
			    "," : "", k);
}

static void
run_add(GString *list, struct row_run *r, int number)
{
	if (number != 0 && r->first != 0 && number == r->last + 1) {
		r->last = number;
		return;
	}
	run_put(list, r);
	r->first = r->last = number;
}

int
cases_rows_set(struct db_txn *txn, const char *number, const int *which,
    size_t nwhich, const char *state, const char *actor, const char *note,
    const char *now, int *open_r, char **cause)
{
	struct db	*db = db_txn_db(txn);
	struct case_row	*rows = NULL;
	sqlite3_stmt	*stmt = NULL;
	sqlite3_int64	 case_id;
	GString		*list = g_string_new(NULL);
	struct row_run	 run = { 0, 0 };
	char		*detail = NULL;
	bool		*picked = NULL;
	size_t		 n = 0;
	int		 rc = -1, open = 0;

	*open_r = 0;
	if (g_strcmp0(state, "activated") != 0 &&
	    g_strcmp0(state, "refused") != 0) {
		if (cause != NULL)
			*cause = g_strdup_printf("a row is set activated or "
			    "refused, not %s", state == NULL ? "(none)" :
			    state);
		rc = CASES_ILLEGAL;
		goto out;
	}
	if (case_id_of(db, number, &case_id, cause) == -1 ||
	    cases_rows(db, number, &rows, &n, cause) == -1)
		goto out;
	for (size_t i = 0; i < nwhich; i++)
		if (which[i] < 1 || (size_t)which[i] > n) {
			if (cause != NULL)
				*cause = g_strdup_printf("%s has no row %d "
				    "(it has %zu)", number, which[i], n);
			rc = CASES_ILLEGAL;
			goto out;
		}
	/* Each row looked up by its number, not each against every one
	 * named: --rows 1-100000 of a 200,000-row list was their product
	 * (10 s). */
	if (which != NULL) {
		picked = g_new0(bool, n + 1);
		for (size_t k = 0; k < nwhich; k++)
			picked[which[k]] = true;
	}
	stmt = db_prepare(db, "UPDATE case_rows SET state = ?2,"
	    " state_note = ?3, state_at = ?4 WHERE id = ?1", cause);
	if (stmt == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		bool pick = which == NULL ? rows[i].nerrors == 0 :
		    picked[rows[i].number];

		if (!pick) {
			if (rows[i].nerrors == 0 &&
			    strcmp(rows[i].state, "activated") != 0 &&
			    strcmp(rows[i].state, "refused") != 0)
				open++;
			continue;
		}
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, rows[i].id);
		sqlite3_bind_text(stmt, 2, state, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, note, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, now, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "setting a row's state", cause);
			goto out;
		}
		run_add(list, &run, rows[i].number);
	}
	run_add(list, &run, 0);
	if (list->len == 0) {
		if (cause != NULL)
			*cause = g_strdup_printf("%s has no row to set",
			    number);
		rc = CASES_ILLEGAL;
		goto out;
	}
	detail = note != NULL && *note != '\0' ?
	    g_strdup_printf("rows %s -> %s: %s", list->str, state, note) :
	    g_strdup_printf("rows %s -> %s", list->str, state);
	if (case_event(txn, case_id, now, actor, "rows_set", detail,
	    cause) == -1)
		goto out;
	*open_r = open;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	cases_rows_free(rows, n);
	g_string_free(list, TRUE);
	g_free(detail);
	g_free(picked);
	return (rc);
}

int
cases_same_request(struct db *db, const char *kind, const char *from_addr,
    const char *organization, const char *sha256, char **number_r,
    char **opened_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*number_r = *opened_r = NULL;
	if (sha256 == NULL || *sha256 == '\0')
		return (0);
	/* The newest case still worked whose opening message carried the
	 * same file, from the same sender or unit. */
	stmt = db_prepare(db, "SELECT c.number, c.opened_at FROM cases c"
	    " JOIN messages m ON m.id = (SELECT min(id) FROM messages"
	    " WHERE case_id = c.id)"
	    " WHERE c.kind = ?1 AND c.state NOT IN ('done', 'rejected')"
	    " AND (lower(m.from_addr) = lower(?2) OR c.organization = ?3)"
	    " AND EXISTS (SELECT 1 FROM documents d WHERE d.msg_id = m.id"
	    " AND d.sha256 = lower(?4))"
	    " ORDER BY c.id DESC LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, organization, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, sha256, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*number_r = db_column_strdup(stmt, 0);
		*opened_r = db_column_strdup(stmt, 1);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		rc = db_fail(db, "looking for the same request", cause);
		break;
	}
	sqlite3_finalize(stmt);
	return (rc);
}
