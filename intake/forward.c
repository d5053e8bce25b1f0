/* forward.c: forwards to the Cục in the store — which cases and rows each
 * carried, held until a person consents, the daily batch built from the
 * store and the archive. Every write is one transaction with its audit
 * entries; it never sends (the outbox does) and never forwards a row
 * twice (forward_items.row_id is unique; a cancelled forward's rows move
 * to forward_freed, and only then may another forward carry them).
 *
 * A row is "forwarded" once its forward is released: queued without
 * approval, or approved. Held, it stays pending, and staff may settle
 * it meanwhile; such a forward is refused at approval, never sent as it
 * was built. */
#include <limits.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "intake/archive.h"
#include "intake/contract.h"
#include "intake/forward.h"
#include "intake/mime.h"
#include "intake/replies.h"
#include "intake/report.h"
#include "intake/store.h"
#include "lib/audit.h"
#include "lib/codes.h"
#include "lib/sha256.h"
#include "lib/text.h"
#include "lib/zone.h"
#include "outbox/compose.h"
#include "outbox/forward-xlsx.h"
#include "outbox/queue.h"
#include "outbox/templates.h"
#include "outbox/texts-vi.h"
#include "outbox/wording.h"

/* The clean rows of a case that no forward carries yet and staff have
 * not settled (a refused row is not asked for). */
#define PENDING_OF(c) \
	" FROM case_rows r WHERE r.case_id = " c " AND r.nerrors = 0" \
	" AND r.state = 'pending'" \
	" AND r.id NOT IN (SELECT row_id FROM forward_items)"
#define PENDING_ROWS	PENDING_OF("?1")
/* What a forward carries, or carried until it was cancelled. */
#define CARRIED \
	"(SELECT forward_id, case_id, row_id FROM forward_items UNION ALL" \
	" SELECT forward_id, case_id, row_id FROM forward_freed)"
/* A case stored in this transaction: its clean rows, stored forwarded,
 * or pending when its forward is held (no forward can carry a row made
 * in it before this one). */
#define FRESH_ROWS \
	" FROM case_rows r WHERE r.case_id = ?1 AND r.nerrors = 0"

static int	 exec1(struct db *, const char *, int64_t, const char *,
		    const char *, char **);
static int	 release(struct db_txn *, int64_t, const char *, char **);
static int	 settled(struct db *, int64_t, bool, char **, char **);
static int	 case_entries(struct db_txn *, int64_t, bool, const char *,
		    const char *, const char *, const char *, char **);
static int	 free_rows(struct db_txn *, int64_t, const char *,
		    const char *, char **);
static int	 take_back(struct db_txn *, int64_t, int64_t, char **,
		    char **);
static int	 insert(struct db_txn *, const struct config *, const char *,
		    const char *, const int64_t *, size_t, bool, time_t,
		    int64_t *, char **);
static const char *claim(const char *);
static size_t	 row_warnings(const char *, GString *);
static int	 show_rows(struct db *, int64_t, bool, FILE *, char **);

/* Runs sql binding ?1 id, ?2 a, ?3 b. */
static int
exec1(struct db *db, const char *sql, int64_t id, const char *a,
    const char *b, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	if ((stmt = db_cached(db, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, b, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(db, "recording forward", cause);
	sqlite3_reset(stmt);
	return (rc);
}

static const char *
claim(const char *status)
{
	for (int s = 0; status != NULL && s < SIG__COUNT; s++)
		if (strcmp(status, sig_status_name((enum sig_status)s)) == 0)
			return (s == SIG_UNSIGNED ? NULL :
			    texts_vi_signature((enum sig_status)s));
	return (texts_vi_signature(SIG_UNSUPPORTED));
}

/* Forward fid released at at: the rows it carries forwarded, one
 * statement for them all (a trigger a row did this until store version
 * 13), and its open cases with them. */
static int
release(struct db_txn *txn, int64_t fid, const char *at, char **cause)
{
	struct db	*db = db_txn_db(txn);

	if (exec1(db, "UPDATE case_rows SET state = 'forwarded', state_at ="
	    " ?2 WHERE id IN (SELECT row_id FROM forward_items WHERE"
	    " forward_id = ?1) AND state = 'pending'", fid, at, NULL,
	    cause) == -1)
		return (-1);
	return (exec1(db, "UPDATE cases SET state = 'forwarded',"
	    " updated_at = ?2 WHERE state = 'open' AND id IN"
	    " (SELECT case_id FROM forward_items WHERE forward_id = ?1)",
	    fid, at, NULL, cause));
}

/* What staff settled among the rows forward fid carries (freed: those it
 * carried until it was cancelled): a row activated or refused, a case
 * done or rejected, each as "row N" the way case rows counts them. */
#define SETTLED(tbl) \
	"SELECT c.number, c.state, x.n, x.state FROM " tbl " i" \
	" JOIN cases c ON c.id = i.case_id JOIN (SELECT id, state," \
	" row_number() OVER (PARTITION BY case_id ORDER BY id) AS n" \
	" FROM case_rows WHERE case_id IN (SELECT case_id FROM " tbl \
	" WHERE forward_id = ?1)) x ON x.id = i.row_id" \
	" WHERE i.forward_id = ?1 AND (x.state != 'pending'" \
	" OR c.state IN ('done', 'rejected')) ORDER BY i.case_id, x.id"
#define SETTLED_SHOWN	12	/* rows named; the rest counted */

/*
 * 1 and *what_r ("HT-2024-000001 done, row 1 activated, row 5 refused")
 * when staff settled some of what forward fid carries since it was built
 * (freed: what it carried until cancelled), 0 when nothing, -1 and
 * *cause.
 */
static int
settled(struct db *db, int64_t fid, bool freed, char **what_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*w = g_string_new(NULL);
	char		*last = NULL, *rstate = NULL;
	size_t		 runs = 0, more = 0;
	int		 step, first = 0, prev = 0, rc = -1;

	*what_r = NULL;
	stmt = db_prepare(db, freed ? SETTLED("forward_freed") :
	    SETTLED("forward_items"), cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, fid);
	/* "HT-… done, rows 1-4 activated, row 5 refused": a run of rows
	 * in one state is written when the next begins. */
	for (;;) {
		const char	*num = NULL, *cst = NULL, *rst = NULL;
		int		 n = 0;

		if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
			num = (const char *)sqlite3_column_text(stmt, 0);
			cst = (const char *)sqlite3_column_text(stmt, 1);
			n = sqlite3_column_int(stmt, 2);
			rst = (const char *)sqlite3_column_text(stmt, 3);
		}
		if (rstate != NULL && (step != SQLITE_ROW ||
		    g_strcmp0(last, num) != 0 || strcmp(rstate, rst) != 0 ||
		    n != prev + 1)) {
			if (runs++ < SETTLED_SHOWN) {
				if (first == prev)
					g_string_append_printf(w, ", row %d %s",
					    first, rstate);
				else
					g_string_append_printf(w, ", rows "
					    "%d-%d %s", first, prev, rstate);
			} else
				more += (size_t)(prev - first + 1);
			g_free(rstate);
			rstate = NULL;
		}
		if (step != SQLITE_ROW)
			break;
		if (g_strcmp0(last, num) != 0) {
			g_free(last);
			last = g_strdup(num);
			g_string_append_printf(w, "%s%s", w->len > 0 ? "; " :
			    "", num);
			if (strcmp(cst, "done") == 0 ||
			    strcmp(cst, "rejected") == 0)
				g_string_append_printf(w, " %s", cst);
		}
		if (strcmp(rst, "pending") == 0)
			continue;
		if (rstate == NULL) {
			rstate = g_strdup(rst);
			first = n;
		}
		prev = n;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading what a forward carries", cause);
		goto out;
	}
	if (more > 0)
		g_string_append_printf(w, " and %zu row%s more", more,
		    more == 1 ? "" : "s");
	rc = w->len > 0;
	if (rc == 1)
		*what_r = g_string_free(w, FALSE);
	else
		g_string_free(w, TRUE);
	w = NULL;
out:
	sqlite3_finalize(stmt);
	if (w != NULL)
		g_string_free(w, TRUE);
	g_free(last);
	g_free(rstate);
	return (rc);
}

/* An audit entry event with detail on every case forward fid carries
 * (freed: carried until cancelled). */
static int
case_entries(struct db_txn *txn, int64_t fid, bool freed, const char *at,
    const char *actor, const char *event, const char *detail, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	GArray			*ids = g_array_new(FALSE, FALSE,
				    sizeof(int64_t));
	int			 step, rc = -1;

	stmt = db_prepare(db, freed ? "SELECT DISTINCT case_id FROM"
	    " forward_freed WHERE forward_id = ? ORDER BY case_id" :
	    "SELECT DISTINCT case_id FROM forward_items WHERE forward_id = ?"
	    " ORDER BY case_id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, fid);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);

		g_array_append_val(ids, id);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading a forward's cases", cause);
		goto out;
	}
	for (guint i = 0; i < ids->len; i++) {
		e.at = at;
		e.actor = actor;
		e.event = event;
		e.case_id = g_array_index(ids, int64_t, i);
		e.detail = detail;
		if (audit_append(txn, &e, cause) == -1)
			goto out;
	}
	rc = 0;
out:
	g_array_free(ids, TRUE);
	return (rc);
}

/*
 * Forward fid cancelled (in txn, before it went): the rows it carried
 * are no longer forwarded and move to forward_freed, where another
 * forward may take them (forward_batch, from an open case or one a
 * released forward made forwarded: no case moves back). Audited on
 * each case.
 */
static int
free_rows(struct db_txn *txn, int64_t fid, const char *at, const char *actor,
    char **cause)
{
	struct db	*db = db_txn_db(txn);
	char		*detail;
	int		 rc;

	if (exec1(db, "UPDATE case_rows SET state = 'pending', state_at = ?2"
	    " WHERE state = 'forwarded' AND id IN (SELECT row_id FROM"
	    " forward_items WHERE forward_id = ?1)", fid, at, NULL,
	    cause) == -1 ||
	    exec1(db, "INSERT INTO forward_freed (forward_id, case_id, row_id)"
	    " SELECT forward_id, case_id, row_id FROM forward_items"
	    " WHERE forward_id = ?1", fid, NULL, NULL, cause) == -1 ||
	    exec1(db, "DELETE FROM forward_items WHERE forward_id = ?1", fid,
	    NULL, NULL, cause) == -1)
		return (-1);
	detail = g_strdup_printf("forward %lld cancelled: its rows may be "
	    "forwarded again", (long long)fid);
	rc = case_entries(txn, fid, true, at, actor, "forward_cancelled",
	    detail, cause);
	g_free(detail);
	return (rc);
}

/*
 * Forward fid (outbox item oid) retried after it was cancelled: takes
 * back the rows it carried, in txn. 1 and *why_r (g_free) when it may
 * not: a row is carried by another forward since, or staff settled
 * some of them; 0 when taken back, -1 and *cause.
 */
static int
take_back(struct db_txn *txn, int64_t fid, int64_t oid, char **why_r,
    char **cause)
{
	struct db	*db = db_txn_db(txn);
	sqlite3_stmt	*stmt;
	char		*what = NULL;
	int		 rc;

	*why_r = NULL;
	stmt = db_prepare(db, "SELECT i.forward_id FROM forward_freed x"
	    " JOIN forward_items i ON i.row_id = x.row_id"
	    " WHERE x.forward_id = ? ORDER BY i.forward_id LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, fid);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*why_r = g_strdup_printf("outbox %lld (forward %lld) is not "
		    "sent again: forward %lld carries its rows since it was "
		    "cancelled", (long long)oid, (long long)fid,
		    (long long)sqlite3_column_int64(stmt, 0));
		sqlite3_finalize(stmt);
		return (1);
	case SQLITE_DONE:
		sqlite3_finalize(stmt);
		break;
	default:
		sqlite3_finalize(stmt);
		return (db_fail(db, "reading a forward's rows", cause));
	}
	if ((rc = settled(db, fid, true, &what, cause)) == -1)
		return (-1);
	if (rc == 1) {
		*why_r = g_strdup_printf("outbox %lld (forward %lld) is not "
		    "sent again: staff settled what it carried since it was "
		    "built (%s); hotrocks forward --now builds a new one of "
		    "the rows still pending", (long long)oid, (long long)fid,
		    what);
		g_free(what);
		return (1);
	}
	if (exec1(db, "INSERT INTO forward_items (forward_id, case_id, row_id)"
	    " SELECT forward_id, case_id, row_id FROM forward_freed"
	    " WHERE forward_id = ?1", fid, NULL, NULL, cause) == -1 ||
	    exec1(db, "DELETE FROM forward_freed WHERE forward_id = ?1", fid,
	    NULL, NULL, cause) == -1)
		return (-1);
	return (0);
}

/*
 * The records of one forward queued under message_id carrying the
 * pending rows of cases (fresh: the clean rows of a case stored in this
 * transaction, as forwarded when no approval is needed): held, its rows
 * left pending, or its rows and cases forwarded.
 */
static int
insert(struct db_txn *txn, const struct config *cfg, const char *message_id,
    const char *mode, const int64_t *cases, size_t n, bool fresh, time_t now,
    int64_t *id_r, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE], *detail;
	int64_t			 fid;
	bool			 held = strcmp(cfg->forward_approval, "none") != 0;
	int			 rc;

	db_time(now, at);
	stmt = db_cached(db, "INSERT INTO forwards (outbox_id, mode,"
	    " created_at) SELECT id, ?2, ?3 FROM outbox WHERE message_id = ?1",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE &&
	    sqlite3_changes(sqlite3_db_handle(stmt)) == 1 ? 0 :
	    db_fail(db, "recording forward", cause);
	sqlite3_reset(stmt);
	if (rc == -1)
		return (-1);
	fid = db_last_id(db);
	for (size_t i = 0; i < n; i++) {
		stmt = db_cached(db, fresh ? "INSERT INTO forward_items"
		    " (forward_id, case_id, row_id) SELECT ?2, r.case_id, r.id"
		    FRESH_ROWS : "INSERT INTO forward_items (forward_id,"
		    " case_id, row_id) SELECT ?2, r.case_id, r.id" PENDING_ROWS,
		    cause);
		if (stmt == NULL)
			return (-1);
		sqlite3_bind_int64(stmt, 1, cases[i]);
		sqlite3_bind_int64(stmt, 2, fid);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 :
		    db_fail(db, "recording forward rows", cause);
		sqlite3_reset(stmt);
		if (rc == -1)
			return (-1);
		if (!held && exec1(db, "UPDATE cases SET state = 'forwarded',"
		    " updated_at = ?2 WHERE id = ?1 AND state = 'open'",
		    cases[i], at, NULL, cause) == -1)
			return (-1);
		e.at = at;
		e.actor = AUDIT_ACTOR;
		e.event = held ? "forward_held" : "forwarded";
		e.case_id = cases[i];
		e.detail = detail = g_strdup_printf("forward %lld (%s) %s%s",
		    (long long)fid, mode, message_id, held ? ": waits for "
		    "hotrocks forward approve" : "");
		rc = audit_append(txn, &e, cause);
		g_free(detail);
		if (rc == -1)
			return (-1);
	}
	/* Released at once, the rows it carries are forwarded from now on
	 * (none to change when they were stored so); held, they wait for
	 * its approval. */
	if (!held && !fresh && release(txn, fid, at, cause) == -1)
		return (-1);
	if (held && queue_hold(txn, message_id, cause) == -1)
		return (-1);
	if (id_r != NULL)
		*id_r = fid;
	return (0);
}

int
forward_record(struct db_txn *txn, const struct config *cfg,
    const char *message_id, int64_t case_id, bool fresh, time_t now,
    char **cause)
{
	return (insert(txn, cfg, message_id, "per_case", &case_id, 1, fresh,
	    now, NULL, cause));
}

/* One case of a batch, read from the store. */
struct bcase {
	int64_t		 id, msg_id;
	char		*number, *org, *from, *opened, *archive;
};

/* The công văn a case's message came with, as the per-case forward
 * cites it (replies.c): its file, number, date ("08/5/2024") and unit,
 * each NULL when not read. */
struct bcover {
	char		*name, *number, *date, *unit;
};

static void
bcover_clear(struct bcover *cv)
{
	g_free(cv->name);
	g_free(cv->number);
	g_free(cv->date);
	g_free(cv->unit);
	memset(cv, 0, sizeof(*cv));
}

int
forward_batch(struct db *db, const struct config *cfg, const char *mode,
    time_t now, int64_t *id_r, char **cause)
{
	struct db_txn		*txn = NULL;
	sqlite3_stmt		*stmt = NULL;
	GArray			*cases = g_array_new(FALSE, TRUE,
				    sizeof(struct bcase));
	GArray			*xrows = g_array_new(FALSE, TRUE,
				    sizeof(struct forward_xlsx_row));
	GArray			*att = g_array_new(FALSE, TRUE,
				    sizeof(struct compose_attachment));
	GPtrArray		*strs = g_ptr_array_new_with_free_func(g_free);
	GPtrArray		*mails = g_ptr_array_new();
	GPtrArray		*files = g_ptr_array_new_with_free_func(g_free);
	GString			*rows = g_string_new(NULL);
	GPtrArray		*units = NULL;
	/* each unit's request, with its công văn when one is cited */
	GPtrArray		*cites = g_ptr_array_new_with_free_func(
				    g_free);
	GPtrArray		*percase = g_ptr_array_new_with_free_func(
				    g_free);
	struct bcover		 first = { 0 };	/* the first case's */
	GChecksum		*sum = g_checksum_new(G_CHECKSUM_SHA256);
	struct compose_attachment xa = { 0 };
	struct compose_input	 in = { 0 };
	struct queue_outgoing	 o = { 0 };
	struct forward_xlsx	 x = { 0 };
	const struct template_name *names;
	struct template_value	*v = NULL;
	const char		*at_sign, *why;
	char			 date[DB_TIME_SIZE];
	char			*body = NULL, *subject = NULL, *sig = NULL;
	char			*id = NULL, *raw = NULL, *nrows = NULL;
	char			*unit = NULL, *xname = NULL, *domain = NULL;
	char			*cited = NULL, *received = NULL;
	size_t			 ncited = 0;
	unsigned char		*xdata = NULL;
	int64_t			*ids = NULL;
	size_t			 nnames, len, xlen, n = 0;
	int			 rc = -1, step;

	*id_r = 0;
	db_time(now, date);
	if (cfg->templates == NULL || cfg->cuc_address == NULL ||
	    (at_sign = strrchr(cfg->mailbox_address, '@')) == NULL) {
		*cause = g_strdup("forward: no letters, Cục address or "
		    "mailbox domain");
		goto out;
	}
	if ((txn = db_begin(db, cause)) == NULL)
		goto out;
	stmt = db_prepare(db, "SELECT c.id, c.number, c.organization,"
	    " c.from_addr, c.opened_at, m.id, m.archive_path FROM cases c"
	    " JOIN messages m ON m.id = (SELECT min(id) FROM messages"
	    " WHERE case_id = c.id)"
	    " WHERE c.state IN ('open', 'forwarded')"
	    " AND c.kind = 'sim_activation'"
	    " AND c.action = 'queue'"
	    " AND EXISTS (SELECT 1" PENDING_OF("c.id") ")"
	    " ORDER BY c.opened_at, c.id", cause);
	if (stmt == NULL)
		goto out;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct bcase c;

		c.id = sqlite3_column_int64(stmt, 0);
		c.number = db_column_strdup(stmt, 1);
		c.org = db_column_strdup(stmt, 2);
		c.from = db_column_strdup(stmt, 3);
		c.opened = db_column_strdup(stmt, 4);
		c.msg_id = sqlite3_column_int64(stmt, 5);
		c.archive = db_column_strdup(stmt, 6);
		g_array_append_val(cases, c);
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (step != SQLITE_DONE) {
		db_fail(db, "reading pending cases", cause);
		goto out;
	}
	if (cases->len == 0) {
		rc = 0;
		goto out;
	}
	ids = g_new0(int64_t, cases->len);
	units = g_ptr_array_new_with_free_func(g_free);
	g_array_append_val(att, xa);	/* the list, filled below */
	for (guint i = 0; i < cases->len; i++) {
		struct bcase	*c = &g_array_index(cases, struct bcase, i);
		unsigned char	*data = NULL;
		size_t		 dlen;
		struct mail	*mail = NULL;
		struct bcover	 cv = { 0 };
		char		*u, *rd;
		guint		 nbefore = xrows->len, k;

		ids[i] = c->id;
		/* the originals, byte for byte from the archive */
		if (archive_get(cfg->archive_dir, c->archive, &data, &dlen,
		    cause) == -1 || mime_parse(data, dlen, &cfg->mime, &mail,
		    &why) == -1) {
			if (*cause == NULL)
				*cause = g_strdup_printf("%s: %s", c->number,
				    why);
			g_free(data);
			goto out_units;
		}
		g_free(data);
		g_ptr_array_add(mails, mail);
		/* The unit as its letterhead names it; a list without one
		 * (typed in the mail) as the acknowledgement named it:
		 * the sender's name, never a bare address when the mail
		 * gives one (letters review, stop 31). */
		{
			char *w = c->org != NULL ? wording_unit(c->org) :
			    !text_blank(mail->from_name) ?
			    text_clean(mail->from_name) : NULL;

			/* to the Cục: "… Tỉnh ủy" says which province */
			u = w != NULL ? wording_in_province(w, "Quảng Ngãi") :
			    g_strdup(c->from != NULL ? c->from : "?");
			g_free(w);
		}
		rd = wording_date(c->opened, cfg->timezone);
		for (k = 0; k < units->len; k++)
			if (strcmp(units->pdata[k], u) == 0)
				break;
		if (k == units->len)
			g_ptr_array_add(units, g_strdup(u));
		/* rows */
		stmt = db_prepare(db, "SELECT r.id, r.idx, r.phone, r.iccid,"
		    " r.name, r.position" PENDING_ROWS " ORDER BY r.id", cause);
		if (stmt == NULL) {
			g_free(rd);
			g_free(u);
			goto out_units;
		}
		sqlite3_bind_int64(stmt, 1, c->id);
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
			struct forward_xlsx_row r;

			g_checksum_update(sum, sqlite3_column_text(stmt, 0),
			    -1);
			r.phone = db_column_strdup(stmt, 2);
			r.iccid = db_column_strdup(stmt, 3);
			r.name = db_column_strdup(stmt, 4);
			r.position = db_column_strdup(stmt, 5);
			g_ptr_array_add(strs, (char *)r.phone);
			g_ptr_array_add(strs, (char *)r.iccid);
			g_ptr_array_add(strs, (char *)r.name);
			g_ptr_array_add(strs, (char *)r.position);
			g_array_append_val(xrows, r);
			if (xrows->len <= 50) {
				char *pos = wording_expand(r.position);

				g_string_append_printf(rows, "%s%u. %s, %s: "
				    "số điện thoại %s, số ICCID %s (hồ sơ %s)",
				    rows->len > 0 ? ";\n" : "", xrows->len,
				    r.name != NULL ? r.name : "",
				    pos != NULL ? pos : "",
				    r.phone != NULL ? r.phone : "",
				    r.iccid != NULL ? r.iccid : "", c->number);
				g_free(pos);
			}
		}
		sqlite3_finalize(stmt);
		stmt = NULL;
		if (step != SQLITE_DONE) {
			g_free(rd);
			g_free(u);
			db_fail(db, "reading case rows", cause);
			goto out_units;
		}
		/* "HT-2024-000001: Huyện ủy Sơn Tịnh, 05 thuê bao, gửi ngày
		 * 02/5/2024, thư điện tử vanphong@…" */
		{
			char *cnt = wording_count(xrows->len - nbefore);

			g_ptr_array_add(percase, g_strdup_printf("Hồ sơ %s: "
			    "%s, %s thuê bao, gửi Văn phòng Tỉnh ủy ngày %s"
			    "%s%s", c->number, u, cnt, rd != NULL ? rd : "?",
			    c->from != NULL ? ", địa chỉ thư điện tử " : "",
			    c->from != NULL ? c->from : ""));
			g_free(cnt);
		}
		/* A document's verdict is stored once, in the message's
		 * decision: its latest (reprocess, store.c). */
		stmt = db_prepare(db, "SELECT d.filename, d.sha256,"
		    " json_extract(m.contract_json, '$.documents[' || d.idx ||"
		    " '].signature.status'), json_extract(m.contract_json,"
		    " '$.documents[' || d.idx || '].kind'),"
		    " json_extract(m.contract_json, '$.documents[' || d.idx ||"
		    " '].organization'), d.doc_number, d.doc_date"
		    " FROM documents d JOIN"
		    " message_decision m ON m.msg_id = d.msg_id WHERE"
		    " d.msg_id = ? ORDER BY d.idx", cause);
		if (stmt == NULL) {
			g_free(rd);
			g_free(u);
			goto out_units;
		}
		sqlite3_bind_int64(stmt, 1, c->msg_id);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *fn = (const char *)sqlite3_column_text(stmt,
			    0);
			const char *sha = (const char *)sqlite3_column_text(
			    stmt, 1);
			const char *kind = (const char *)sqlite3_column_text(
			    stmt, 3);
			const char *org = (const char *)sqlite3_column_text(
			    stmt, 4);
			char *status = db_column_strdup(stmt, 2);

			if (g_strcmp0(kind, "cover_letter") == 0) {
				/* A công văn unsigned (a Word draft) or
				 * signed under no anchor we trust is neither
				 * cited to the Cục nor passed on, as in the
				 * per-case forward (replies.c; review 5 B3,
				 * review 6 B1). */
				if (g_strcmp0(status, sig_status_name(
				    SIG_VALID)) != 0 && g_strcmp0(status,
				    sig_status_name(SIG_UNSUPPORTED)) != 0) {
					g_free(status);
					continue;
				}
				if (cv.name == NULL) {
					char *w = org != NULL ?
					    wording_unit(org) : NULL;

					cv.name = g_strdup(fn);
					cv.number = db_column_strdup(stmt, 5);
					/* as the per-case forward: not
					 * when later than the mail */
					cv.date = replies_cited_date(
					    (const char *)sqlite3_column_text(
					    stmt, 6), mail->date,
					    cfg->timezone);
					cv.unit = w != NULL ?
					    wording_in_province(w,
					    "Quảng Ngãi") : g_strdup(u);
					g_free(w);
				}
			}
			for (size_t k = 0; sha != NULL && k < mail->natt;
			    k++) {
				struct attachment *a = &mail->att[k];
				struct compose_attachment ca = { 0 };
				char *h;

				if (a->data == NULL)
					continue;
				h = sha256_hex(a->data, a->len);
				if (g_ascii_strcasecmp(h, sha) == 0) {
					ca.filename = g_strdup(fn);
					g_ptr_array_add(strs,
					    (char *)ca.filename);
					ca.data = a->data;
					ca.len = a->len;
					g_array_append_val(att, ca);
					/* unsigned is what the letter asks
					 * for: no remark (replies.c) */
					g_ptr_array_add(files, g_strdup_printf(
					    "“%s” (hồ sơ %s, gửi ngày %s%s%s)",
					    fn, c->number, rd != NULL ? rd : "?",
					    claim(status) == NULL ? "" : "; ",
					    claim(status) == NULL ? "" :
					    claim(status)));
					g_free(h);
					break;
				}
				g_free(h);
			}
			g_free(status);
		}
		sqlite3_finalize(stmt);
		stmt = NULL;
		/* "Huyện ủy Sơn Tịnh tại Công văn số 245-CV/HU ngày
		 * 10/5/2024", as the per-case forward rests on it; a unit
		 * named once when it has none to cite */
		{
			char *t = cv.number == NULL ? g_strdup(u) :
			    g_strdup_printf("%s tại Công văn số %s%s%s",
			    cv.unit, cv.number, cv.date != NULL ? " ngày " :
			    "", cv.date != NULL ? cv.date : "");

			ncited += cv.number != NULL;
			for (k = 0; k < cites->len; k++)
				if (strcmp(cites->pdata[k], t) == 0)
					break;
			if (k == cites->len)
				g_ptr_array_add(cites, t);
			else
				g_free(t);
		}
		if (i == 0) {
			first = cv;
			received = rd;
		} else {
			bcover_clear(&cv);
			g_free(rd);
		}
		g_free(u);
	}
	if (xrows->len > 50) {
		char *more = wording_more(xrows->len - 50, "thuê bao", ": danh "
		    "sách đầy đủ trong tệp đính kèm.");

		g_string_append_printf(rows, ";\n%s", more);
		g_free(more);
	} else
		g_string_append_c(rows, '.');
	/* each list's items end in ";", the last in ".", as the
	 * per-case forward's (letters review, stop 31) */
	wording_punctuate(percase);
	wording_punctuate(files);
	/* "Huyện ủy Sơn Tịnh, Ban Tuyên giáo Tỉnh ủy Quảng Ngãi và Huyện ủy
	 * Bình Sơn" */
	unit = wording_join((const char *const *)units->pdata, units->len);
	g_ptr_array_free(units, TRUE);
	units = NULL;
	n = cases->len;
	g_ptr_array_add(percase, NULL);
	/* "… của Huyện ủy Sơn Tịnh tại Công văn số 245-CV/HU ngày
	 * 10/5/2024 và của Huyện ủy Bình Sơn": each unit's request, "của"
	 * again before each, so that a công văn is never read as another
	 * unit's. One case is cited by the letter's own words. */
	if (n > 1 && ncited > 0) {
		for (guint i = 1; i < cites->len; i++) {
			char *t = g_strconcat("của ", cites->pdata[i], NULL);

			g_free(cites->pdata[i]);
			cites->pdata[i] = t;
		}
		cited = wording_join((const char *const *)cites->pdata,
		    cites->len);
	}

	x.parent = "ĐẢNG BỘ TỈNH QUẢNG NGÃI";
	x.office = "VĂN PHÒNG TỈNH ỦY";
	x.place = "Quảng Ngãi";
	x.date = date;
	x.zone = cfg->timezone;	/* the day its letter's Date: says */
	x.addressee = cfg->cuc_name;
	x.rows = (const struct forward_xlsx_row *)(void *)xrows->data;
	x.nrows = xrows->len;
	if (forward_xlsx_build(&x, NULL, &xdata, &xlen, cause) == -1)
		goto out;
	/* named for the office's day, as its date line and Date: say it
	 * (UTC's was the day before until 07:00 in Quảng Ngãi) */
	{
		char	day[11], since[DB_TIME_SIZE];

		config_office_day(cfg, now, day, since, NULL);
		/* "… ngày 05-12-2026": the day as the office writes it, a
		 * file name holding no "/" (letters review, stop 31) */
		xname = g_strdup_printf("Danh sách đề nghị kích hoạt SIM ký "
		    "số ngày %.2s-%.2s-%.4s.xlsx", day + 8, day + 5, day);
	}
	g_array_index(att, struct compose_attachment, 0).filename = xname;
	g_array_index(att, struct compose_attachment, 0).content_type =
	    "application/vnd.openxmlformats-officedocument.spreadsheetml."
	    "sheet";
	g_array_index(att, struct compose_attachment, 0).data = xdata;
	g_array_index(att, struct compose_attachment, 0).len = xlen;

	/* the letter: every name the files may use, most of them empty */
	names = templates_names(&nnames);
	v = g_new0(struct template_value, nnames);
	g_ptr_array_add(files, NULL);
	nrows = wording_count(xrows->len);
	{
		static const char *const none[] = { NULL };

		for (size_t i = 0; i < nnames; i++) {
			const char *nm = names[i].name, *t = NULL;

			v[i].name = nm;
			if (names[i].type == TEMPLATE_LIST) {
				v[i].items = strcmp(nm, "files") == 0 ?
				    (const char *const *)files->pdata :
				    strcmp(nm, "cases") == 0 && n > 1 ?
				    (const char *const *)percase->pdata : none;
				continue;
			}
			if (strcmp(nm, "unit") == 0)
				t = unit;
			else if (strcmp(nm, "nrows") == 0 ||
			    strcmp(nm, "has_rows") == 0)
				t = nrows;
			else if (strcmp(nm, "rows_table") == 0)
				t = rows->str;
			else if (strcmp(nm, "xlsx_name") == 0)
				t = xname;
			else if (strcmp(nm, "sim") == 0)
				t = "1";
			else if (strcmp(nm, "mailbox") == 0)
				t = cfg->mailbox_address;
			else if (strcmp(nm, "office_name") == 0)
				t = cfg->office_name;
			else if (strcmp(nm, "office_phone") == 0)
				t = cfg->office_phone;
			else if (strcmp(nm, "office_contact") == 0)
				t = cfg->office_contact;
			else if (strcmp(nm, "cuc_name") == 0)
				t = cfg->cuc_name;
			else if (strcmp(nm, "cuc_address") == 0)
				t = cfg->cuc_address;
			else if (strcmp(nm, "cuc_postal") == 0)
				t = cfg->cuc_postal;
			else if (strcmp(nm, "cuc_phone") == 0)
				t = cfg->cuc_phone;
			else if (strcmp(nm, "cuc_web") == 0)
				t = cfg->cuc_web;
			else if (strcmp(nm, "has_cases") == 0 && n > 1)
				t = "1";
			else if (strcmp(nm, "has_files") == 0 &&
			    files->len > 1)
				t = "1";
			else if (strcmp(nm, "from_addr") == 0 && n == 1)
				t = g_array_index(cases, struct bcase,
				    0).from;
			else if (strcmp(nm, "case") == 0 && n == 1)
				t = g_array_index(cases, struct bcase,
				    0).number;
			/* one case: its công văn cited, and the day it
			 * came, as its own forward would */
			else if (strcmp(nm, "received") == 0 && n == 1)
				t = received;
			else if (strcmp(nm, "cover_name") == 0 && n == 1)
				t = first.name;
			else if (strcmp(nm, "cover_number") == 0 && n == 1)
				t = first.number;
			else if (strcmp(nm, "cover_date") == 0 && n == 1)
				t = first.date;
			else if (strcmp(nm, "cover_unit") == 0 && n == 1)
				t = first.unit;
			v[i].text = t;
		}
	}
	if (template_render(templates_get(cfg->templates,
	    TEMPLATES_SIGNATURE), v, nnames, &sig, cause) == -1)
		goto out;
	g_strchomp(sig);
	for (size_t i = 0; i < nnames; i++)
		if (strcmp(v[i].name, "signature") == 0)
			v[i].text = sig;
	if (template_render(templates_get(cfg->templates,
	    TEMPLATES_FORWARD_SUBJECT), v, nnames, &subject, cause) == -1)
		goto out;
	/* The subject names the units; the letter rests on their
	 * công văn. */
	for (size_t i = 0; i < nnames && cited != NULL; i++)
		if (strcmp(v[i].name, "unit") == 0)
			v[i].text = cited;
	if (template_render(templates_get(cfg->templates, TEMPLATES_FORWARD),
	    v, nnames, &body, cause) == -1)
		goto out;
	g_strstrip(subject);

	domain = g_ascii_strdown(at_sign + 1, -1);
	id = g_strdup_printf("<hotrocks.forward.%s-%.24s@%s>", mode,
	    g_checksum_get_string(sum), domain);
	in.message_id = id;
	in.from_addr = cfg->mailbox_address;
	in.from_name = cfg->office_name;
	in.to_addr = cfg->cuc_address;
	in.to_name = cfg->cuc_name;
	in.subject = subject;
	in.date = date;
	in.timezone = cfg->timezone;
	in.body = body;
	in.attachments = (const struct compose_attachment *)(void *)att->data;
	in.nattachments = att->len;
	if (compose_message(&in, &raw, &len, cause) == -1)
		goto out;
	o.message_id = id;
	o.purpose = "forward";
	o.rcpt = cfg->cuc_address;
	o.raw = raw;
	if (queue_enqueue(txn, &o, 1, g_array_index(cases, struct bcase,
	    0).msg_id, ids[0], now, cause) == -1 ||
	    insert(txn, cfg, id, mode, ids, n, false, now, id_r, cause) == -1)
		goto out;
	rc = db_commit(txn, cause);
	txn = NULL;
	if (rc == 0)
		rc = 1;
	goto out;
out_units:
	if (units != NULL)
		g_ptr_array_free(units, TRUE);
out:
	sqlite3_finalize(stmt);
	db_rollback(txn);
	for (guint i = 0; i < cases->len; i++) {
		struct bcase *c = &g_array_index(cases, struct bcase, i);

		g_free(c->number);
		g_free(c->org);
		g_free(c->from);
		g_free(c->opened);
		g_free(c->archive);
	}
	g_array_free(cases, TRUE);
	g_array_free(xrows, TRUE);
	g_array_free(att, TRUE);
	g_ptr_array_free(strs, TRUE);
	g_ptr_array_free(percase, TRUE);
	g_ptr_array_free(cites, TRUE);
	bcover_clear(&first);
	g_free(received);
	g_free(cited);
	for (guint i = 0; i < mails->len; i++)
		mime_free(mails->pdata[i]);
	g_ptr_array_free(mails, TRUE);
	g_ptr_array_free(files, TRUE);
	g_string_free(rows, TRUE);
	g_checksum_free(sum);
	g_free(v);
	g_free(body);
	g_free(subject);
	g_free(sig);
	g_free(id);
	g_free(raw);
	g_free(nrows);
	g_free(unit);
	g_free(xname);
	g_free(xdata);
	g_free(domain);
	g_free(ids);
	return (rc);
}

int
forward_due(struct db *db, const struct config *cfg, time_t now,
    int64_t *id_r, char **cause)
{
	sqlite3_stmt	*stmt;
	char		 day[11], since[DB_TIME_SIZE], hhmm[6];
	int		 found;

	*id_r = 0;
	if (strcmp(cfg->forward_mode, "daily") != 0)
		return (0);
	config_office_day(cfg, now, day, since, hhmm);
	if (strcmp(hhmm, cfg->forward_time) < 0)
		return (0);
	stmt = db_prepare(db, "SELECT id FROM forwards WHERE mode = 'daily'"
	    " AND created_at >= ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, since, -1, SQLITE_TRANSIENT);
	found = db_lookup(db, stmt, 0, NULL, "looking up today's forward",
	    cause);
	if (found != 0)
		return (found == 1 ? 0 : -1);
	return (forward_batch(db, cfg, "daily", now, id_r, cause));
}

unsigned
forward_until(const struct config *cfg, time_t now)
{
	GTimeZone	*tz;
	GDateTime	*u, *l, *at = NULL;
	unsigned	 h, m, r = 86400 + 1;
	int		 y, mo, d;

	if (strcmp(cfg->forward_mode, "daily") != 0 ||
	    sscanf(cfg->forward_time, "%u:%u", &h, &m) != 2)
		return (UINT_MAX);
	tz = zone_new(cfg->timezone);
	u = g_date_time_new_from_unix_utc(now);
	l = g_date_time_to_timezone(u, tz);
	/* today's forward_time, else tomorrow's (a day of 23 or 25 hours
	 * where the zone moves its clocks) */
	for (int days = 0; days < 2; days++) {
		GDateTime *day = g_date_time_add_days(l, days);

		g_date_time_get_ymd(day, &y, &mo, &d);
		g_date_time_unref(day);
		if (at != NULL)
			g_date_time_unref(at);
		at = g_date_time_new(tz, y, mo, d, (gint)h, (gint)m, 0);
		if (at != NULL && g_date_time_to_unix(at) > (gint64)now) {
			r = (unsigned)(g_date_time_to_unix(at) - now) + 1;
			break;
		}
	}
	if (at != NULL)
		g_date_time_unref(at);
	g_date_time_unref(l);
	g_date_time_unref(u);
	g_time_zone_unref(tz);
	return (r);
}

int
forward_held_for_case(struct db *db, const char *number, char **held_r,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*held = g_string_new(NULL);
	int		 n = 0, step;

	*held_r = NULL;
	stmt = db_prepare(db, "SELECT DISTINCT f.id, o.id FROM forwards f"
	    " JOIN outbox o ON o.id = f.outbox_id JOIN forward_items i ON"
	    " i.forward_id = f.id JOIN cases c ON c.id = i.case_id"
	    " WHERE c.number = ?1 AND o.state = 'held' ORDER BY f.id", cause);
	if (stmt == NULL) {
		g_string_free(held, TRUE);
		return (-1);
	}
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		g_string_append_printf(held, "%sforward %lld (outbox %lld)",
		    n++ > 0 ? ", " : "",
		    (long long)sqlite3_column_int64(stmt, 0),
		    (long long)sqlite3_column_int64(stmt, 1));
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		g_string_free(held, TRUE);
		return (db_fail(db, "reading held forwards", cause));
	}
	if (n > 0)
		*held_r = g_string_free(held, FALSE);
	else
		g_string_free(held, TRUE);
	return (n);
}

/* What redate_list needs: the office's zone, the time it goes. */
struct redate_ctx {
	const struct config	*cfg;
	const char		*at;
};

static int
redate_list(void *ctx, const unsigned char *data, size_t len,
    unsigned char **data_r, size_t *len_r, char **cause)
{
	struct redate_ctx	*r = ctx;

	return (forward_xlsx_redate(data, len, "Quảng Ngãi", r->at,
	    r->cfg->timezone, data_r, len_r, cause));
}

/*
 * Forward fid (outbox item oid) let go at now, in txn (approved, or
 * retried): built on an earlier day of the office, its list (the first
 * attachment) is dated again, as its Date: is (queue_release,
 * queue_retry), so the Cục does not read a
 * letter of one day with a list of another. 1 when dated again, 0 when
 * built the same day, -1 and *cause.
 */
static int
redate_forward(struct db_txn *txn, const struct config *cfg, int64_t fid,
    int64_t oid, time_t now, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct redate_ctx	 r = { .cfg = cfg };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE], *built = NULL, *today;
	int			 rc = 0;

	db_time(now, at);
	r.at = at;
	stmt = db_prepare(db, "SELECT created_at FROM forwards WHERE id = ?",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, fid);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		built = wording_date((const char *)sqlite3_column_text(stmt,
		    0), cfg->timezone);
	sqlite3_finalize(stmt);
	today = wording_date(at, cfg->timezone);
	if (built != NULL && today != NULL && strcmp(built, today) != 0) {
		rc = queue_attachment_remake(txn, oid, 0, redate_list, &r,
		    cause);
		if (rc == 0)
			rc = 1;
	}
	g_free(built);
	g_free(today);
	return (rc);
}

int
forward_approve(struct db *db, const struct config *cfg, int64_t id,
    const char *actor, time_t now, char **refused_r, char **cause)
{
	struct db_txn		*txn;
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	GArray			*v = g_array_new(FALSE, FALSE,
				    sizeof(int64_t) * 2);
	GString			*refused = g_string_new(NULL);
	char			 at[DB_TIME_SIZE], *detail, *what;
	int			 rc = -1, step, n = 0, st, redated;

	*refused_r = NULL;
	db_time(now, at);
	if ((txn = db_begin(db, cause)) == NULL)
		goto out0;
	stmt = db_prepare(db, "SELECT f.id, o.id FROM forwards f JOIN outbox o"
	    " ON o.id = f.outbox_id WHERE o.state = 'held'"
	    " AND (?1 = 0 OR f.id = ?1) ORDER BY f.id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t p[2] = { sqlite3_column_int64(stmt, 0),
		    sqlite3_column_int64(stmt, 1) };

		g_array_append_val(v, p);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading held forwards", cause);
		goto out;
	}
	if (id != 0 && v->len == 0) {
		*cause = g_strdup_printf("forward %lld is not held",
		    (long long)id);
		goto out;
	}
	for (guint i = 0; i < v->len; i++) {
		int64_t *p = &g_array_index(v, int64_t, 2 * i);

		/* Built before staff settled some of it: the Cục would be
		 * asked for what is done or refused. Never sent so. */
		if ((st = settled(db, p[0], false, &what, cause)) == -1)
			goto out;
		if (st == 1) {
			g_string_append_printf(refused, "%sforward %lld is "
			    "not approved: staff settled what it carries "
			    "since it was built (%s); cancel it (hotrocks "
			    "outbox cancel %lld) and build a new one of the "
			    "rows still pending (hotrocks forward --now)",
			    refused->len > 0 ? "\n" : "", (long long)p[0],
			    what, (long long)p[1]);
			g_free(what);
			continue;
		}
		if (queue_release(txn, p[1], now, cfg->timezone, actor,
		    cause) == -1 ||
		    (redated = redate_forward(txn, cfg, p[0], p[1], now,
		    cause)) == -1 ||
		    exec1(db, "UPDATE forwards SET approved_at = ?2,"
		    " approved_by = ?3 WHERE id = ?1", p[0], at, actor,
		    cause) == -1 ||
		    release(txn, p[0], at, cause) == -1)
			goto out;
		e.at = at;
		e.actor = actor;
		e.event = "forward_approved";
		e.detail = detail = g_strdup_printf("forward %lld%s",
		    (long long)p[0], redated == 1 ? ": built on an earlier "
		    "day, its list dated again to the day it goes" : "");
		rc = audit_append(txn, &e, cause);
		g_free(detail);
		if (rc == -1)
			goto out;
		/* in each case's trail: when its rows went */
		detail = g_strdup_printf("forward %lld approved: its rows "
		    "forwarded", (long long)p[0]);
		rc = case_entries(txn, p[0], false, at, actor, "forwarded",
		    detail, cause);
		g_free(detail);
		if (rc == -1)
			goto out;
		n++;
	}
	if (db_commit(txn, cause) == 0) {
		rc = n;
		if (refused->len > 0)
			*refused_r = g_strdup(refused->str);
	} else
		rc = -1;
	txn = NULL;
out:
	db_rollback(txn);
out0:
	g_array_free(v, TRUE);
	g_string_free(refused, TRUE);
	return (rc);
}

int
forward_outbox_move(struct db *db, const struct config *cfg, int64_t oid,
    bool retry, time_t now, const char *actor, const char **state_r,
    char **cause)
{
	struct db_txn	*txn;
	sqlite3_stmt	*stmt;
	char		 at[DB_TIME_SIZE], *detail, *why = NULL;
	int64_t		 fid = 0;
	bool		 cancelled = false, approved = false, hold;
	int		 rc = -1;

	*state_r = NULL;
	db_time(now, at);
	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	stmt = db_prepare(db, "SELECT f.id, o.state = 'cancelled',"
	    " f.approved_at IS NOT NULL FROM outbox o JOIN forwards f"
	    " ON f.outbox_id = o.id WHERE o.id = ?", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, oid);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		fid = sqlite3_column_int64(stmt, 0);
		cancelled = sqlite3_column_int(stmt, 1) != 0;
		approved = sqlite3_column_int(stmt, 2) != 0;
		break;
	case SQLITE_DONE:
		break;
	default:
		sqlite3_finalize(stmt);
		db_fail(db, "reading outbox item", cause);
		goto out;
	}
	sqlite3_finalize(stmt);
	if (!retry) {
		/* Not gone (the queue refuses a cancel after it): what it
		 * carried may go with another forward. */
		if (queue_cancel_txn(txn, oid, now, actor, cause) == -1 ||
		    (fid != 0 && free_rows(txn, fid, at, actor, cause) == -1))
			goto out;
		*state_r = "cancelled";
	} else if (fid != 0 && cancelled) {
		if ((rc = take_back(txn, fid, oid, &why, cause)) != 0) {
			if (rc == 1)
				*cause = why;
			rc = rc == 1 ? FORWARD_SETTLED : -1;
			goto out;
		}
		rc = -1;
		/* Consent is given to a forward, once: never approved, it
		 * waits for it again. */
		hold = !approved && strcmp(cfg->forward_approval, "none") != 0;
		if (queue_retry_txn(txn, oid, now, cfg->timezone, actor, hold,
		    cause) == -1 ||
		    (!hold && (release(txn, fid, at, cause) == -1 ||
		    redate_forward(txn, cfg, fid, oid, now, cause) == -1)))
			goto out;
		detail = g_strdup_printf("forward %lld retried%s",
		    (long long)fid, hold ? ": waits for hotrocks forward "
		    "approve" : "");
		rc = case_entries(txn, fid, false, at, actor, hold ?
		    "forward_held" : "forwarded", detail, cause);
		g_free(detail);
		if (rc == -1)
			goto out;
		rc = -1;
		*state_r = hold ? "held" : "queued";
	} else {
		/* its Date: made now, and its list dated with it */
		if (queue_retry_txn(txn, oid, now, cfg->timezone, actor, false,
		    cause) == -1 || (fid != 0 && redate_forward(txn, cfg, fid,
		    oid, now, cause) == -1))
			goto out;
		*state_r = "queued";
	}
	rc = db_commit(txn, cause);
	txn = NULL;
out:
	db_rollback(txn);
	if (rc != 0)
		*state_r = NULL;
	return (rc);
}

/* The codes of a row object's warnings, ", " between them, appended to
 * out; how many. */
static size_t
row_warnings(const char *row, GString *out)
{
	JsonParser	*p = json_parser_new();
	JsonNode	*root, *w;
	JsonArray	*a;
	size_t		 n = 0;

	if (row != NULL && json_parser_load_from_data(p, row, -1, NULL) &&
	    (root = json_parser_get_root(p)) != NULL &&
	    JSON_NODE_HOLDS_OBJECT(root) &&
	    (w = json_object_get_member(json_node_get_object(root),
	    "warnings")) != NULL && JSON_NODE_HOLDS_ARRAY(w)) {
		a = json_node_get_array(w);
		for (guint i = 0; i < json_array_get_length(a); i++) {
			JsonNode *e = json_array_get_element(a, i);
			JsonNode *c;

			if (!JSON_NODE_HOLDS_OBJECT(e) || (c =
			    json_object_get_member(json_node_get_object(e),
			    "code")) == NULL || !JSON_NODE_HOLDS_VALUE(c))
				continue;
			g_string_append_printf(out, "%s%s", n > 0 ? ", " : "",
			    json_node_get_string(c));
			n++;
		}
	}
	g_object_unref(p);
	return (n);
}

/* One case of show_rows, its rows walked in step with rs. */
struct show_case {
	sqlite3_stmt	*rs;		/* the case's rows: idx, name,
					 * carried by this forward */
	FILE		*fp;
	GString		*one;
	size_t		 nwarn;		/* rows with warnings written */
};

static int
show_row(const struct store_case_row *row, void *arg, char **cause)
{
	struct show_case	*sc = arg;
	const char		*j = row->parts != NULL ? row->parts->rest :
				    row->json;

	(void)cause;
	if (sqlite3_step(sc->rs) != SQLITE_ROW ||
	    sqlite3_column_int(sc->rs, 2) == 0)
		return (0);
	g_string_truncate(sc->one, 0);
	if (j == NULL || *j == '\0' || row_warnings(j, sc->one) == 0)
		return (0);
	fprintf(sc->fp, "%sTT %d %s: %s", sc->nwarn++ > 0 ? "; " :
	    "  warnings: ", sqlite3_column_int(sc->rs, 0),
	    sqlite3_column_type(sc->rs, 1) == SQLITE_NULL ? "" :
	    (const char *)sqlite3_column_text(sc->rs, 1), sc->one->str);
	return (0);
}

/*
 * "case N: k rows" for each case a forward carries, and the warnings of
 * its rows, written as the rows are read (store_case_rows_each, in the
 * order of case_rows): a case of any length in the memory of one row.
 * freed: a cancelled forward, its rows those it carried until then.
 * 0, or -1 and *cause.
 */
static int
show_rows(struct db *db, int64_t id, bool freed, FILE *fp, char **cause)
{
	sqlite3_stmt	*cs, *rs = NULL;
	struct show_case sc = { .fp = fp, .one = g_string_new(NULL) };
	size_t		 n;
	int		 step, rc = -1;

#define SHOW_CASES(t) \
	"SELECT c.id, c.number, (SELECT count(*) FROM " t " i" \
	" WHERE i.forward_id = ?1 AND i.case_id = c.id) FROM cases c" \
	" WHERE c.id IN (SELECT case_id FROM " t " WHERE forward_id = ?1)" \
	" ORDER BY c.id"
#define SHOW_ROWS(t) \
	"SELECT r.idx, r.name, i.row_id IS NOT NULL FROM case_rows r" \
	" LEFT JOIN " t " i ON i.row_id = r.id AND i.forward_id = ?2" \
	" WHERE r.case_id = ?1 ORDER BY r.id"
	cs = db_prepare(db, freed ? SHOW_CASES("forward_freed") :
	    SHOW_CASES("forward_items"), cause);
	if (cs == NULL)
		goto out;
	rs = db_prepare(db, freed ? SHOW_ROWS("forward_freed") :
	    SHOW_ROWS("forward_items"), cause);
#undef SHOW_CASES
#undef SHOW_ROWS
	if (rs == NULL)
		goto out;
	sc.rs = rs;
	sqlite3_bind_int64(cs, 1, id);
	while ((step = sqlite3_step(cs)) == SQLITE_ROW) {
		/* A row not ours fails before anything of the case is
		 * written. */
		if (store_case_rows_each(db, sqlite3_column_int64(cs, 0), NULL,
		    NULL, &n, cause) == -1)
			goto out;
		fprintf(fp, "case %s: %d rows\n", sqlite3_column_text(cs, 1),
		    sqlite3_column_int(cs, 2));
		sqlite3_reset(rs);
		sqlite3_bind_int64(rs, 1, sqlite3_column_int64(cs, 0));
		sqlite3_bind_int64(rs, 2, id);
		sc.nwarn = 0;
		if (store_case_rows_each(db, sqlite3_column_int64(cs, 0),
		    show_row, &sc, &n, cause) == -1)
			goto out;
		if (sc.nwarn > 0)
			fputc('\n', fp);
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading forward rows", cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(cs);
	sqlite3_finalize(rs);
	g_string_free(sc.one, TRUE);
	return (rc);
}

int
forward_show(struct db *db, int64_t id, FILE *fp, char **cause)
{
	sqlite3_stmt	*stmt;
	struct mail	*mail = NULL;
	const char	*why;
	char		*raw = NULL;
	size_t		 len;
	char		 created[32], approved[32];
	bool		 held, cancelled;
	int		 rc = -1, step, st;

	stmt = db_prepare(db, "SELECT o.rcpt, o.state, o.message_id, o.raw,"
	    " f.mode, f.created_at, f.approved_by, f.approved_at, o.id"
	    " FROM forwards f"
	    " JOIN outbox o ON o.id = f.outbox_id WHERE f.id = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	step = sqlite3_step(stmt);
	if (step != SQLITE_ROW) {
		rc = step == SQLITE_DONE ? 0 : db_fail(db, "reading forward",
		    cause);
		sqlite3_finalize(stmt);
		return (rc);
	}
	/* the office's times, as forward list prints them */
	report_time(created, sizeof(created),
	    (const char *)sqlite3_column_text(stmt, 5));
	fprintf(fp, "forward %lld (%s), %s, created %s\n", (long long)id,
	    sqlite3_column_text(stmt, 4), sqlite3_column_text(stmt, 1),
	    created);
	if (sqlite3_column_type(stmt, 6) != SQLITE_NULL) {
		report_time(approved, sizeof(approved),
		    (const char *)sqlite3_column_text(stmt, 7));
		fprintf(fp, "approved by %s at %s\n",
		    sqlite3_column_text(stmt, 6), approved);
	}
	fprintf(fp, "To: %s\nMessage-ID: %s\n", sqlite3_column_text(stmt, 0),
	    sqlite3_column_text(stmt, 2));
	held = strcmp((const char *)sqlite3_column_text(stmt, 1), "held") == 0;
	cancelled = strcmp((const char *)sqlite3_column_text(stmt, 1),
	    "cancelled") == 0;
	rc = queue_raw(db, sqlite3_column_int64(stmt, 8),
	    (const char *)sqlite3_column_text(stmt, 3), &raw, &len, cause);
	sqlite3_finalize(stmt);
	if (rc == -1)
		goto out;
	rc = -1;
	if (mime_parse((const unsigned char *)raw, len, NULL, &mail,
	    &why) == -1) {
		*cause = g_strdup_printf("forward %lld: %s", (long long)id, why);
		goto out;
	}
	fprintf(fp, "Subject: %s\n", mail->subject);
	/* what forward approve would refuse, said before it is asked */
	if (held) {
		char *what = NULL;

		if ((st = settled(db, id, false, &what, cause)) == -1)
			goto out;
		if (st == 1)
			fprintf(fp, "not approvable: staff settled what it "
			    "carries since it was built (%s): cancel it and "
			    "build a new one of the rows still pending\n",
			    what);
		g_free(what);
	}

	/* the cases and every warning of the rows it carries */
	if (show_rows(db, id, cancelled, fp, cause) == -1)
		goto out;
	fprintf(fp, "\n%s\n", mail->body_text);
	for (size_t i = 0; i < mail->natt; i++) {
		char *h = mail->att[i].data != NULL ?
		    sha256_hex(mail->att[i].data, mail->att[i].len) : NULL;

		fprintf(fp, "attachment: %s, %zu bytes, sha256 %s\n",
		    mail->att[i].filename != NULL ? mail->att[i].filename : "?",
		    mail->att[i].len, h != NULL ? h : "-");
		g_free(h);
	}
	rc = 1;
out:
	mime_free(mail);
	g_free(raw);
	return (rc);
}
