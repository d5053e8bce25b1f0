/* office-report-load.c: the rows the report is built from, read from the
 * store in three queries (messages, cases, error findings). It only
 * reads; the figures are office-report.c's. */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/contract.h"
#include "intake/office-report.h"
#include "intake/store.h"
#include "outbox/wording.h"

/*
 * A sender's unit, in three columns: the registry's name (the exact
 * address, then "@domain"), the organisation its documents name, the
 * address itself (a domain holds many units). unit_name() picks the
 * first there is.
 */
#define UNIT_COLUMNS(addr, org)						\
	"COALESCE((SELECT u.name FROM unit_addresses a JOIN units u"	\
	" ON u.id = a.unit_id WHERE a.address = lower(" addr ")),"	\
	" (SELECT u.name FROM unit_addresses a JOIN units u"		\
	" ON u.id = a.unit_id WHERE a.address ="			\
	" lower(substr(" addr ", instr(" addr ", '@'))))), "		\
	org ", lower(" addr ")"

/* A message recorded in a case it did not open. */
#define LATER_IN_CASE(m)						\
	"(" m ".case_id IS NOT NULL AND " m ".id > (SELECT min(x.id) FROM"	\
	" messages x WHERE x.case_id = " m ".case_id))"

static const char messages_sql[] =
    "SELECT m.id, m.received_at, m.action, o.first, "
    UNIT_COLUMNS("m.from_addr", "COALESCE(c.organization,"
    " json_extract(m.contract_json, '$.documents[0].organization'))")
    /* a message recorded in a case it did not open (an answer in its
     * thread, or a resend told it need not be sent again, whatever its
     * action: trial 2, finding 7) and the Cục's mail: conversation and
     * repeats, no request */
    ", " LATER_IN_CASE("m") " OR lower(m.from_addr) = lower(?3)"
    " FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
    /* the outbox has no index on msg_id: grouped once, not per message */
    " LEFT JOIN (SELECT msg_id, MIN(sent_at) AS first FROM outbox"
    "  WHERE state = 'sent' AND purpose NOT IN ('forward', 'done')"
    "  GROUP BY msg_id) o ON o.msg_id = m.id"
    " WHERE m.received_at >= ?1 AND m.received_at < ?2 ORDER BY m.id";

static const char cases_sql[] =
    /* a rejected case holds no SIM (README "case rows"): its rows
     * never sent are refused with it, not waiting (trial 2, 3) */
    "SELECT c.number, c.state, c.kind, c.opened_at, c.closed_at,"
    " CASE WHEN c.state = 'rejected' THEN 0 ELSE COALESCE(r.p, 0) END,"
    " COALESCE(r.f, 0), COALESCE(r.a, 0), COALESCE(r.x, 0) +"
    " CASE WHEN c.state = 'rejected' THEN COALESCE(r.p, 0) ELSE 0 END, "
    UNIT_COLUMNS("c.from_addr", "c.organization")
    " FROM cases c LEFT JOIN (SELECT case_id,"
    "  sum(state = 'pending') AS p, sum(state = 'forwarded') AS f,"
    "  sum(state = 'activated') AS a, sum(state = 'refused') AS x"
    "  FROM case_rows WHERE nerrors = 0 GROUP BY case_id) r"
    " ON r.case_id = c.id"
    " WHERE c.opened_at < ?2 AND (c.opened_at >= ?1"
    "  OR c.state NOT IN ('done', 'rejected'))"
    " ORDER BY c.id";

/* Every error finding (message, document, row) of the period's
 * messages; warnings are under "warnings" and so not matched. */
static const char errors_sql[] =
    "SELECT m.id, j.value FROM messages m, json_tree(m.contract_json) j"
    " WHERE m.received_at >= ?1 AND m.received_at < ?2"
    " AND m.action != 'ignore' AND NOT " LATER_IN_CASE("m")
    " AND j.key = 'code' AND j.fullkey LIKE '%.errors[%].code'"
    /* the rows a case holds keep their findings there (store.h); the
     * period's messages first, then their cases' rows */
    " UNION ALL SELECT m.id, j.value FROM messages m"
    " CROSS JOIN case_rows r ON r.case_id = m.case_id"
    " CROSS JOIN documents d ON d.id = r.document_id AND d.msg_id = m.id,"
    " json_tree(nullif(r.json, '')) j"
    " WHERE m.received_at >= ?1 AND m.received_at < ?2"
    " AND m.action != 'ignore' AND " STORE_ROWS_APART_SQL("m")
    " AND j.key = 'code' AND j.fullkey LIKE '$.errors[%].code'"
    /* and the rows a message without a case keeps beside it (its own
     * decision's: version 18) */
    " UNION ALL SELECT m.id, j.value FROM messages m"
    " JOIN message_rows r ON r.msg_id = m.id AND r.decision = 0,"
    " json_tree(nullif(r.json, '')) j"
    " WHERE m.received_at >= ?1 AND m.received_at < ?2"
    " AND m.action != 'ignore' AND NOT " LATER_IN_CASE("m")
    " AND r.nerrors > 0"
    " AND j.key = 'code' AND j.fullkey LIKE '$.errors[%].code'";

static const char *unit_name(GStringChunk *, sqlite3_stmt *, int);
static const char *text(GStringChunk *, sqlite3_stmt *, int);

static const char *
text(GStringChunk *sc, sqlite3_stmt *stmt, int col)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);

	return (s != NULL ? g_string_chunk_insert_const(sc, s) : NULL);
}

/* The registry's name, else the organisation as running text writes it
 * ("HUYỆN ỦY SƠN TỊNH" is "Huyện ủy Sơn Tịnh"), else the address. */
static const char *
unit_name(GStringChunk *sc, sqlite3_stmt *stmt, int col)
{
	const char	*reg = (const char *)sqlite3_column_text(stmt, col);
	const char	*org = (const char *)sqlite3_column_text(stmt, col + 1);
	const char	*s;
	char		*w;

	if (reg != NULL && *reg != '\0')
		return (g_string_chunk_insert_const(sc, reg));
	if (org != NULL && *org != '\0') {
		w = wording_unit(org);
		s = g_string_chunk_insert_const(sc, w);
		g_free(w);
		return (s);
	}
	return (text(sc, stmt, col + 2));
}

struct office_report *
office_report_load(struct db *db, struct office_report_input *in,
    char **cause)
{
	struct office_report	*r = NULL;
	sqlite3_stmt		*stmt = NULL;
	GStringChunk		*sc = g_string_chunk_new(4096);
	GArray			*msgs, *cases, *errs;
	const char		*why;
	int			 rc;

	msgs = g_array_new(FALSE, TRUE, sizeof(struct office_report_message));
	cases = g_array_new(FALSE, TRUE, sizeof(struct office_report_case));
	errs = g_array_new(FALSE, TRUE, sizeof(struct office_report_error));

	if ((stmt = db_prepare(db, messages_sql, cause)) == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, in->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, in->cuc_address, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct office_report_message m = { 0 };
		const char *a = (const char *)sqlite3_column_text(stmt, 2);

		m.id = sqlite3_column_int64(stmt, 0);
		m.received_at = text(sc, stmt, 1);
		m.action = a != NULL ? action_from_name(a) : -1;
		m.first_reply_at = text(sc, stmt, 3);
		m.unit = unit_name(sc, stmt, 4);
		m.conversation = sqlite3_column_int(stmt, 7) != 0;
		g_array_append_val(msgs, m);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading the period's messages", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;

	if ((stmt = db_prepare(db, cases_sql, cause)) == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, in->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct office_report_case c = { 0 };
		const char *k = (const char *)sqlite3_column_text(stmt, 2);

		c.number = text(sc, stmt, 0);
		c.state = text(sc, stmt, 1);
		c.kind = k != NULL ? kind_from_name(k) : -1;
		c.opened_at = text(sc, stmt, 3);
		c.closed_at = text(sc, stmt, 4);
		c.pending = (size_t)sqlite3_column_int64(stmt, 5);
		c.forwarded = (size_t)sqlite3_column_int64(stmt, 6);
		c.activated = (size_t)sqlite3_column_int64(stmt, 7);
		c.refused = (size_t)sqlite3_column_int64(stmt, 8);
		c.unit = unit_name(sc, stmt, 9);
		g_array_append_val(cases, c);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading the period's cases", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;

	if ((stmt = db_prepare(db, errors_sql, cause)) == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, in->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, in->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct office_report_error e;
		const char *c = (const char *)sqlite3_column_text(stmt, 1);

		e.msg_id = sqlite3_column_int64(stmt, 0);
		e.code = c != NULL ? code_from_name(c) : -1;
		if (e.code >= 0 && !code_is_warning(e.code))
			g_array_append_val(errs, e);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, "reading the period's errors", cause);
		goto out;
	}

	in->messages = (const struct office_report_message *)(void *)
	    msgs->data;
	in->nmessages = msgs->len;
	in->cases = (const struct office_report_case *)(void *)cases->data;
	in->ncases = cases->len;
	in->errors = (const struct office_report_error *)(void *)errs->data;
	in->nerrors = errs->len;
	if ((r = office_report_build(in, &why)) == NULL && cause != NULL)
		*cause = g_strdup(why);
	in->messages = NULL;
	in->cases = NULL;
	in->errors = NULL;
	in->nmessages = in->ncases = in->nerrors = 0;
out:
	sqlite3_finalize(stmt);
	g_array_free(msgs, TRUE);
	g_array_free(cases, TRUE);
	g_array_free(errs, TRUE);
	g_string_chunk_free(sc);
	return (r);
}
