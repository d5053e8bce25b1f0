/* reprocess.c: a recorded message decided again (hotrocks reprocess).
 *
 * Why it is safe to run at any time, and twice:
 *  - The bytes come from the archive and must still hash to the sha256
 *    the message was recorded with; nothing is decided from altered or
 *    missing bytes.
 *  - The decision is taken as ingest takes it (pipeline_redecide: the
 *    same analysis and store lookups), except that the message's own
 *    case does not count as its rows' earlier request.
 *  - The first decision is never changed (messages keeps it); a new one
 *    is a row of decisions, written with its audit entry, its replies,
 *    its case and its flag in one transaction: all of it or none.
 *  - The unit hears again only when the outcome (action, kind, the set
 *    of error codes) differs from the outcome it was last answered with,
 *    and only with --send. A second run finds that outcome answered and
 *    the CONTRACT object unchanged: it records and queues nothing.
 *  - Replies take Message-IDs derived from the decision's id, so they
 *    never collide with the first decision's replies, and a retry of the
 *    outbox re-sends the same Message-ID.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/archive.h"
#include "intake/cases.h"
#include "intake/contract.h"
#include "intake/forward.h"
#include "intake/pipeline.h"
#include "intake/replies.h"
#include "intake/reprocess.h"
#include "intake/store.h"
#include "lib/audit.h"
#include "lib/log.h"
#include "lib/sha256.h"
#include "outbox/queue.h"

/* What the store holds of one message; strings g_free. */
struct recorded {
	char	*message_id, *sha256, *archive_path, *received_at;
	char	*from_addr, *case_number;
	char	*first;		/* messages.contract_json as stored */
	int64_t	 case_id;
	bool	 threaded;	/* an answer in its case's thread */
	char	*latest;	/* the latest decision's digest (sha256 of
				 * its CONTRACT text) */
	bool	 rows_apart;	/* its case holds its rows (store.h) */
	char	*answered;	/* the outcome last answered */
	char	*latest_outcome;	/* the latest decision's outcome */
	char	*case_state;	/* its case's, or NULL */
};

static void
recorded_clear(struct recorded *m)
{
	g_free(m->message_id);
	g_free(m->sha256);
	g_free(m->archive_path);
	g_free(m->received_at);
	g_free(m->from_addr);
	g_free(m->first);
	g_free(m->case_number);
	g_free(m->latest);
	g_free(m->answered);
	g_free(m->latest_outcome);
	g_free(m->case_state);
}

/* The "code" of one finding object, or NULL. */
static const char *
code_of(JsonNode *e)
{
	JsonObject *o = json_node_get_object(e);

	return (json_object_get_string_member_with_default(o, "code", NULL));
}

/* Every "code" of every "errors" array under node, into set. */
static void
collect_codes(JsonNode *node, GHashTable *set)
{
	if (JSON_NODE_HOLDS_ARRAY(node)) {
		JsonArray *a = json_node_get_array(node);

		for (guint i = 0; i < json_array_get_length(a); i++)
			collect_codes(json_array_get_element(a, i), set);
	} else if (JSON_NODE_HOLDS_OBJECT(node)) {
		JsonObject	*o = json_node_get_object(node);
		GList		*members = json_object_get_members(o);

		for (GList *l = members; l != NULL; l = l->next) {
			JsonNode *v = json_object_get_member(o, l->data);

			if (strcmp(l->data, "errors") == 0 &&
			    JSON_NODE_HOLDS_ARRAY(v)) {
				JsonArray *a = json_node_get_array(v);

				for (guint i = 0; i < json_array_get_length(a);
				    i++) {
					JsonNode *e = json_array_get_element(a,
					    i);
					const char *c;

					if (!JSON_NODE_HOLDS_OBJECT(e))
						continue;
					c = code_of(e);
					if (c != NULL)
						g_hash_table_add(set,
						    g_strdup(c));
				}
			} else
				collect_codes(v, set);
		}
		g_list_free(members);
	}
}

/* "ACTION KIND CODE,CODE…" of the codes in set (sorted; "-" for none). */
static char *
outcome_string(const char *action, const char *kind, GHashTable *set)
{
	GList	*codes;
	GString	*s = g_string_new(NULL);

	codes = g_list_sort(g_hash_table_get_keys(set),
	    (GCompareFunc)strcmp);
	g_string_printf(s, "%s %s ", action, kind);
	for (GList *l = codes; l != NULL; l = l->next)
		g_string_append_printf(s, "%s%s", l == codes ? "" : ",",
		    (const char *)l->data);
	if (codes == NULL)
		g_string_append_c(s, '-');
	g_list_free(codes);
	return (g_string_free(s, FALSE));
}

/* The outcome of CONTRACT text json, with the codes of set (NULL: none)
 * added; set is the caller's. */
static char *
outcome_of(const char *json, GHashTable *set)
{
	JsonParser	*p = json_parser_new();
	JsonNode	*root;
	JsonObject	*o;
	GHashTable	*own = NULL;
	char		*r = NULL;

	if (json == NULL || !json_parser_load_from_data(p, json, -1, NULL) ||
	    (root = json_parser_get_root(p)) == NULL ||
	    !JSON_NODE_HOLDS_OBJECT(root))
		goto out;
	o = json_node_get_object(root);
	if (set == NULL)
		set = own = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, NULL);
	collect_codes(root, set);
	r = outcome_string(
	    json_object_get_string_member_with_default(o, "action", "?"),
	    json_object_get_string_member_with_default(o, "kind", "?"), set);
	if (own != NULL)
		g_hash_table_destroy(own);
out:
	g_object_unref(p);
	return (r);
}

char *
reprocess_outcome(const char *json)
{
	return (outcome_of(json, NULL));
}

/* The outcome of dec, as reprocess_outcome of its CONTRACT text says it,
 * without writing that text: every "errors" array it would hold. */
static char *
decision_outcome(const struct decision *dec)
{
	GHashTable	*set;
	char		*r;

	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
#define ADD(f)	for (size_t k_ = 0; k_ < (f)->n; k_++) \
		g_hash_table_add(set, g_strdup(code_name((f)->v[k_].code)))
	ADD(&dec->errors);
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document	*d = &dec->docs[i];
		const struct form	*f = d->form;

		ADD(&d->errors);
		if (f == NULL)
			continue;
		ADD(&f->errors);
		{
			struct form_cursor	 cur;
			const struct form_row	*r;

			form_cursor_init(&cur, f);
			while ((r = form_cursor_next(&cur)) != NULL)
				ADD(&r->errors);
			form_cursor_deinit(&cur);
		}
	}
#undef ADD
	r = outcome_string(action_name(dec->action), kind_name(dec->kind),
	    set);
	g_hash_table_destroy(set);
	return (r);
}

/*
 * The outcome of the decision of msg_id stored as text stored: one whose
 * rows are in case_rows is read without them, and its rows' error codes
 * from their rows (a row's rest holds its errors). NULL when unreadable.
 */
static char *
stored_outcome(struct db *db, int64_t msg_id, const char *stored,
    char **cause)
{
	sqlite3_stmt	*st;
	GHashTable	*set;
	char		*r = NULL;
	int		 step;

	switch (store_rows_apart(stored)) {
	case STORE_ROWS_WHOLE:
		return (outcome_of(stored, NULL));
	case STORE_ROWS_IN_CASE:
		/* The message's rows found through its case, as
		 * store_contract finds them: case_rows.document_id has no
		 * index, and a join on it read every row of the store for
		 * each message reprocessed. */
		st = db_prepare(db, "SELECT DISTINCT json_extract(e.value,"
		    " '$.code') FROM case_rows r, json_each(CASE WHEN"
		    " json_valid(r.json) THEN r.json ELSE '{}' END, '$.errors')"
		    " e WHERE r.case_id = (SELECT case_id FROM messages WHERE"
		    " id = ?1) AND r.document_id IN (SELECT id FROM documents"
		    " WHERE msg_id = ?1) AND r.nerrors > 0", cause);
		break;
	default:
		/* beside the message: stored is its own decision */
		st = db_prepare(db, "SELECT DISTINCT json_extract(e.value,"
		    " '$.code') FROM message_rows r, json_each(CASE WHEN"
		    " json_valid(r.json) THEN r.json ELSE '{}' END, '$.errors')"
		    " e WHERE r.msg_id = ?1 AND r.decision = 0 AND"
		    " r.nerrors > 0", cause);
		break;
	}
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, msg_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_type(st, 0) == SQLITE_TEXT)
			g_hash_table_add(set, db_column_strdup(st, 0));
	if (step != SQLITE_DONE)
		db_fail(db, "reading the rows' errors", cause);
	else if ((r = outcome_of(stored, set)) == NULL && cause != NULL)
		*cause = g_strdup_printf("message %lld: its decision is not "
		    "readable", (long long)msg_id);
out:
	sqlite3_finalize(st);
	g_hash_table_destroy(set);
	return (r);
}

/* A stream that only hashes what is written to it. */
static ssize_t
hash_write(void *sum, const char *buf, size_t n)
{
	g_checksum_update(sum, (const guchar *)buf, (gssize)n);
	return ((ssize_t)n);
}

/*
 * The sha256 of a CONTRACT text, written by write_fn into a stream that
 * keeps nothing: two decisions of a long list are compared without
 * either text in memory. NULL and *cause when write_fn fails.
 */
static char *
text_digest(int (*write_fn)(FILE *, void *, char **), void *arg,
    char **cause)
{
	cookie_io_functions_t	 io = { .write = hash_write };
	GChecksum		*sum = g_checksum_new(G_CHECKSUM_SHA256);
	FILE			*fp;
	char			*r = NULL;
	bool			 ok;

	if ((fp = fopencookie(sum, "w", io)) == NULL) {
		*cause = g_strdup_printf("hashing a decision: %s",
		    g_strerror(errno));
		g_checksum_free(sum);
		return (NULL);
	}
	ok = write_fn(fp, arg, cause) == 0;
	if (fclose(fp) != 0 && ok) {
		*cause = g_strdup_printf("hashing a decision: %s",
		    g_strerror(errno));
		ok = false;
	}
	if (ok)
		r = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return (r);
}

struct stored_text {
	struct db	*db;
	int64_t		 msg_id;
	const char	*stored;
};

static int
write_stored(FILE *fp, void *arg, char **cause)
{
	struct stored_text	*t = arg;
	struct jw		*w = contract_jw_new(fp);
	int			 rc;

	rc = store_contract_write(t->db, t->msg_id, t->stored, NULL, w,
	    cause);
	contract_jw_free(w);
	return (rc);
}

struct new_text {
	const struct mail	*mail;
	const struct decision	*dec;
};

static int
write_new(FILE *fp, void *arg, char **cause)
{
	struct new_text	*t = arg;

	(void)cause;
	contract_write(fp, t->mail, t->dec, false);
	return (0);
}

/* The digest of the stored decision text stored of msg_id, rows put
 * back, as store_contract would give it. */
static char *
stored_digest(struct db *db, int64_t msg_id, const char *stored,
    char **cause)
{
	struct stored_text t = { db, msg_id, stored };

	return (text_digest(write_stored, &t, cause));
}

/* True when the first decision kept only the header (over
 * max_message_size): there is nothing more to decide from. */
static bool
header_only(const char *json)
{
	return (json != NULL && strstr(json, "\"attachment_too_large\"") !=
	    NULL && strstr(json, "over max_message_size") != NULL);
}

static int
load(struct db *db, int64_t msg_id, struct recorded *m, char **cause)
{
	sqlite3_stmt	*st;
	int		 step, rc = -1;

	st = db_prepare(db, "SELECT m.message_id, m.sha256, m.archive_path,"
	    " m.received_at, m.from_addr, m.contract_json, c.number,"
	    " COALESCE(m.case_id, 0), m.case_id IS NOT NULL AND m.id !="
	    " (SELECT min(id) FROM messages WHERE case_id = m.case_id),"
	    " (SELECT contract_json FROM decisions WHERE msg_id = m.id"
	    " ORDER BY id DESC LIMIT 1),"
	    " (SELECT outcome FROM decisions WHERE msg_id = m.id AND"
	    " answered = 1 ORDER BY id DESC LIMIT 1),"
	    " (SELECT outcome FROM decisions WHERE msg_id = m.id"
	    " ORDER BY id DESC LIMIT 1), c.state"
	    " FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.id = ?1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, msg_id);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		if (step == SQLITE_DONE)
			*cause = g_strdup_printf("message %lld is not "
			    "recorded", (long long)msg_id);
		else
			db_fail(db, "reading the message", cause);
		goto out;
	}
	m->message_id = db_column_strdup(st, 0);
	m->sha256 = db_column_strdup(st, 1);
	m->archive_path = db_column_strdup(st, 2);
	m->received_at = db_column_strdup(st, 3);
	m->from_addr = db_column_strdup(st, 4);
	/* As stored: a long list's rows stay in their case. The latest
	 * decision is compared with the new one by the digest of its
	 * whole text, which is written, never held. */
	m->first = db_column_strdup(st, 5);
	m->rows_apart = store_rows_apart(m->first) == STORE_ROWS_IN_CASE;
	m->case_number = db_column_strdup(st, 6);
	m->case_id = sqlite3_column_int64(st, 7);
	m->threaded = sqlite3_column_int(st, 8) != 0;
	m->latest = stored_digest(db, msg_id,
	    sqlite3_column_type(st, 9) == SQLITE_NULL ? m->first :
	    (const char *)sqlite3_column_text(st, 9), cause);
	if (m->latest == NULL)
		goto out;
	m->answered = db_column_strdup(st, 10);
	m->latest_outcome = db_column_strdup(st, 11);
	m->case_state = db_column_strdup(st, 12);
	if (m->answered == NULL || m->latest_outcome == NULL) {
		char *first = stored_outcome(db, msg_id, m->first, NULL);

		if (first == NULL)
			first = g_strdup("? ? -");
		if (m->answered == NULL)
			m->answered = g_strdup(first);
		if (m->latest_outcome == NULL)
			m->latest_outcome = g_strdup(first);
		g_free(first);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return (rc);
}

/* The replies out[0..n) into r's lists. */
static void
list_replies(struct reprocess_result *r, const struct queue_outgoing *out,
    size_t n, bool ids)
{
	r->purposes = g_new0(char *, n + 1);
	r->rcpts = g_new0(char *, n + 1);
	r->ids = g_new0(char *, n + 1);
	for (size_t i = 0; i < n; i++) {
		r->purposes[i] = g_strdup(out[i].purpose);
		r->rcpts[i] = g_strdup(out[i].rcpt);
		r->ids[i] = g_strdup(ids ? out[i].message_id : "");
	}
}

/* The id the next decision takes, inside the write transaction: its
 * rows are stored under it (message_rows) and its text names it. */
static int
next_decision_id(struct db *db, int64_t *id_r, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	st = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM decisions",
	    cause);
	if (st == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(st, 0);
		rc = 0;
	} else
		db_fail(db, "numbering the decision", cause);
	sqlite3_finalize(st);
	return (rc);
}

/* id 0: the next rowid. */
static int
insert_decision(struct db *db, int64_t id, int64_t msg_id, const char *at,
    const char *actor, const struct decision *dec, const char *outcome,
    const char *json, bool answered, int64_t *id_r, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	st = db_prepare(db, "INSERT INTO decisions (id, msg_id, decided_at,"
	    " actor, kind, action, outcome, contract_json, answered)"
	    " VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", cause);
	if (st == NULL)
		return (-1);
	if (id != 0)
		sqlite3_bind_int64(st, 9, id);
	sqlite3_bind_int64(st, 1, msg_id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind_name(dec->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action_name(dec->action), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, json, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, answered);
	if (sqlite3_step(st) != SQLITE_DONE)
		db_fail(db, "recording the decision", cause);
	else {
		*id_r = db_last_id(db);
		rc = 0;
	}
	sqlite3_finalize(st);
	return (rc);
}

/* The flag on a closed case whose message is now decided otherwise,
 * in a transaction of its own; said once, however often it is run. */
static int
flag_closed(struct db *db, const struct recorded *m,
    const struct reprocess_result *r, time_t now, char **cause)
{
	struct db_txn	*txn;
	char		*why;
	int		 rc;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	why = g_strdup_printf("reprocess: outcome %s, was %s; case %s, not "
	    "written to", r->after, r->before, r->closed);
	rc = cases_flag(txn, m->case_id, why, now, cause);
	g_free(why);
	if (rc == 0)
		rc = db_commit(txn, cause);
	else
		db_rollback(txn);
	return (rc);
}

/*
 * The transaction of one new decision (see the top of this file), whose
 * CONTRACT text has the digest text_sum. answer: queue the replies of its
 * changed outcome. 0, or -1 and *cause with nothing written.
 */
static int
record(struct db *db, const struct config *cfg, struct recorded *m,
    int64_t msg_id, const struct mail *mail, const struct decision *dec,
    const char *text_sum, const struct reprocess_opts *o, bool answer,
    struct reprocess_result *r, char **cause)
{
	struct db_txn		*txn;
	struct store_message	 sm = { 0 };
	struct store_recorded	 rec = { 0 };
	struct audit_entry	 e = { 0 };
	struct queue_outgoing	*out = NULL;
	char			 now[DB_TIME_SIZE], *digest = NULL, *d = NULL;
	char			*why = NULL, *apart = NULL, *back = NULL;
	char			*whole = NULL;
	const char		*json = NULL;
	size_t			 nout = 0;
	int64_t			 case_id = m->case_id, own = 0;
	int			 rc = -1;

	db_time(o->now, now);
	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	/* Rows stored once: a decision whose rows are the ones its case
	 * holds (byte for byte, as read back) is stored without them. */
	if (m->rows_apart) {
		apart = contract_json_apart(mail, dec, CONTRACT_ROWS_APART);
		if ((back = stored_digest(db, msg_id, apart, cause)) == NULL)
			goto out;
		if (strcmp(back, text_sum) == 0)
			json = apart;
	}
	/* Else its rows are kept beside the message under the decision's
	 * id (store.h), never in a text of every row. */
	if (json == NULL) {
		char *mark;

		if (next_decision_id(db, &own, cause) == -1)
			goto out;
		mark = g_strdup_printf(CONTRACT_ROWS_MESSAGE ":%lld",
		    (long long)own);
		json = whole = contract_json_apart(mail, dec, mark);
		g_free(mark);
	}
	if (insert_decision(db, own, msg_id, now, o->actor, dec, r->after,
	    json, answer, &r->decision_id, cause) == -1)
		goto out;
	if (own != 0) {
		struct store_message rs = { 0 };

		pipeline_store_docs(dec, &rs);
		rc = store_message_rows(txn, &rs, msg_id, own, cause);
		pipeline_store_docs_deinit(&rs);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	why = g_strdup_printf("reprocess: decision %lld by %s",
	    (long long)r->decision_id, o->actor);
	if (answer && r->case_opened) {
		pipeline_store_docs(dec, &sm);
		sm.kind = kind_name(dec->kind);
		sm.action = action_name(dec->action);
		sm.case_state = dec->action == ACTION_QUEUE ? "open" :
		    "review";
		sm.from_addr = mail->from_addr;
		sm.subject = mail->subject;
		sm.received_at = m->received_at;
		sm.office_year = config_office_year_at(cfg, m->received_at);
		sm.sha256 = m->sha256;
		if (store_open_case(txn, &sm, msg_id, why, &rec, cause) == -1)
			goto out;
		g_free(r->case_number);
		r->case_number = g_strdup(rec.case_number);
		case_id = rec.case_id;
	} else if (answer && case_id != 0 && !m->threaded) {
		/* Its case was opened on the old outcome: a person looks. */
		d = g_strdup_printf("%s: outcome %s, was %s", why, r->after,
		    r->before);
		if (cases_flag_review(txn, case_id, d, o->now, NULL,
		    cause) == -1)
			goto out;
	}
	if (answer && !r->quiet) {
		char *k = g_strdup_printf("%s/decision/%lld", m->sha256,
		    (long long)r->decision_id);

		digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, k,
		    -1);
		g_free(k);
		if (replies_build(mail, dec, cfg, r->case_number, now, digest,
		    &out, &nout, cause) == -1)
			goto out;
		if (queue_enqueue(txn, out, nout, msg_id, case_id, o->now,
		    cause) == -1)
			goto out;
		for (size_t i = 0; i < nout; i++)
			if (strcmp(out[i].purpose, "forward") == 0 &&
			    case_id != 0 && forward_record(txn, cfg,
			    out[i].message_id, case_id, false, o->now,
			    cause) == -1)
				goto out;
	}
	e.at = now;
	e.actor = o->actor;
	e.event = "redecided";
	e.msg_id = msg_id;
	e.case_id = case_id;
	g_free(d);
	e.detail = d = g_strdup_printf("decision %lld: %s (answered %s)%s",
	    (long long)r->decision_id, r->after, r->before, answer ?
	    ", answered now" : "");
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	if (db_commit(txn, cause) == -1) {
		txn = NULL;
		goto out;
	}
	txn = NULL;
	r->recorded = true;
	if (answer)
		list_replies(r, out, nout, true);
	rc = 0;
out:
	db_rollback(txn);
	if (rc == -1)
		r->decision_id = 0;
	replies_free(out, nout);
	store_recorded_deinit(&rec);
	pipeline_store_docs_deinit(&sm);
	g_free(digest);
	g_free(why);
	g_free(d);
	g_free(apart);
	g_free(back);
	g_free(whole);
	return (rc);
}

int
reprocess_message(struct db *db, const struct config *cfg, int64_t msg_id,
    const struct reprocess_opts *o, struct reprocess_result *r,
    char **cause)
{
	struct recorded		 m = { 0 };
	struct source_msg	 msg = { 0 };
	struct mail		*mail = NULL;
	struct decision		*dec = NULL;
	GDateTime		*t;
	unsigned char		*data = NULL;
	size_t			 len = 0;
	char			*sum = NULL, *digest = NULL, *why_get = NULL;
	const char		*why = NULL;
	bool			 answer;
	int			 rc = -1;

	memset(r, 0, sizeof(*r));
	r->msg_id = msg_id;
	if (load(db, msg_id, &m, cause) == -1)
		goto out;
	r->message_id = g_strdup(m.message_id);
	r->sha256 = g_strdup(m.sha256);
	r->case_number = g_strdup(m.case_number);
	r->before = g_strdup(m.answered);
	r->latest = g_strdup(m.latest_outcome);
	rc = 0;
	if (header_only(m.first)) {
		r->skipped = "only its header was kept (over max_message_size)";
		goto out;
	}
	if (m.archive_path == NULL || archive_get(cfg->archive_dir,
	    m.archive_path, &data, &len, &why_get) == -1) {
		log_debug("reprocess: %s", why_get ? why_get : "no archive");
		r->skipped = "its archived copy is missing";
		goto out;
	}
	sum = sha256_hex(data, len);
	if (g_ascii_strcasecmp(sum, m.sha256) != 0) {
		r->skipped = "its archived copy does not match its sha256";
		goto out;
	}
	msg.data = data;
	msg.len = len;
	msg.size = len;
	msg.origin = m.archive_path;
	if ((t = g_date_time_new_from_iso8601(m.received_at, NULL)) != NULL) {
		msg.received_at = (time_t)g_date_time_to_unix(t);
		g_date_time_unref(t);
	}
	/* The case a message opened holds its own rows, no earlier
	 * request of them; for one recorded in a case it did not open (a
	 * resend, an answer) that case is the earlier request. */
	if (pipeline_redecide(db, cfg, &msg, m.threaded ? NULL :
	    m.case_number, &mail, &dec, &why) == -1) {
		/* As ingest records bytes that are no message. */
		mail = g_new0(struct mail, 1);
		dec = g_new0(struct decision, 1);
		dec->kind = KIND_UNKNOWN;
		dec->action = ACTION_MANUAL;
		findings_add(&dec->errors, CODE_MESSAGE_UNREADABLE, "%s", why);
	}
	{
		struct new_text t = { mail, dec };

		if ((digest = text_digest(write_new, &t, cause)) == NULL) {
			rc = -1;
			goto out;
		}
	}
	r->after = decision_outcome(dec);
	r->changed = strcmp(r->after, r->before) != 0;
	r->quiet = m.threaded || (mail->from_addr != NULL &&
	    config_is_cuc(cfg, mail->from_addr));
	if (g_strcmp0(m.case_state, "done") == 0)
		r->closed = "done";
	else if (g_strcmp0(m.case_state, "rejected") == 0)
		r->closed = "rejected";
	r->case_opened = r->changed && m.case_id == 0 &&
	    (dec->action == ACTION_QUEUE || dec->action == ACTION_MANUAL);
	/* A case a person closed keeps its state, and only a person
	 * writes to the unit about it again: it is flagged instead. */
	answer = o->send && r->changed && r->closed == NULL;
	if (o->send && r->changed && r->closed != NULL && m.case_id != 0 &&
	    !m.threaded && flag_closed(db, &m, r, o->now, cause) == -1) {
		rc = -1;
		goto out;
	}
	if (strcmp(digest, m.latest) != 0 || answer) {
		rc = record(db, cfg, &m, msg_id, mail, dec, digest, o, answer,
		    r, cause);
		goto out;
	}
	/* Nothing new to record: what would be sent, had it changed. */
	if (r->changed && !r->quiet && r->closed == NULL) {
		struct queue_outgoing	*out = NULL;
		size_t			 nout = 0;
		char			 now[DB_TIME_SIZE];

		db_time(o->now, now);
		if (replies_plan(mail, dec, cfg, r->case_number, now,
		    m.sha256, &out, &nout, cause) == -1) {
			rc = -1;
			goto out;
		}
		list_replies(r, out, nout, false);
		replies_free(out, nout);
	}
out:
	if (rc == 0 && r->recorded && !o->send && r->changed && !r->quiet &&
	    r->closed == NULL && r->purposes == NULL) {
		/* Recorded without --send: say what --send would queue. */
		struct queue_outgoing	*out = NULL;
		size_t			 nout = 0;
		char			 now[DB_TIME_SIZE];

		db_time(o->now, now);
		if (replies_plan(mail, dec, cfg, r->case_number, now,
		    m.sha256, &out, &nout, cause) == -1)
			rc = -1;
		else
			list_replies(r, out, nout, false);
		replies_free(out, nout);
	}
	decision_free(dec);
	mime_free(mail);
	g_free(digest);
	g_free(sum);
	g_free(data);
	g_free(why_get);
	recorded_clear(&m);
	return (rc);
}

void
reprocess_result_deinit(struct reprocess_result *r)
{
	g_free(r->message_id);
	g_free(r->sha256);
	g_free(r->before);
	g_free(r->latest);
	g_free(r->after);
	g_free(r->case_number);
	g_strfreev(r->purposes);
	g_strfreev(r->rcpts);
	g_strfreev(r->ids);
	memset(r, 0, sizeof(*r));
}

/* Appends every id the statement yields (column 0). */
static int
collect(struct db *db, sqlite3_stmt *st, GArray *v, char **cause)
{
	int	 step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);

		g_array_append_val(v, id);
	}
	if (step != SQLITE_DONE)
		return (db_fail(db, "selecting messages", cause));
	return (0);
}

int
reprocess_select(struct db *db, const char *what, const char *case_number,
    const char *since, const char *timezone, int64_t **ids_r,
    size_t *n_r, const char **why_r, char **cause)
{
	GArray		*v = g_array_new(FALSE, FALSE, sizeof(int64_t));
	sqlite3_stmt	*st = NULL;
	char		*arg = NULL, *end;
	int		 rc = -1;

	*ids_r = NULL;
	*n_r = 0;
	if (case_number != NULL) {
		st = db_prepare(db, "SELECT m.id FROM messages m JOIN cases c"
		    " ON c.id = m.case_id WHERE c.number = upper(?1) ORDER BY"
		    " m.id", cause);
		arg = g_strdup(case_number);
	} else if (since != NULL) {
		/* a day is the office's, as the listings print it */
		if ((arg = db_time_bound(since, false, timezone)) == NULL) {
			*why_r = "--since: not a date (YYYY-MM-DD or RFC 3339)";
			rc = 1;
			goto out;
		}
		st = db_prepare(db, "SELECT id FROM messages WHERE received_at"
		    " >= ?1 ORDER BY received_at, id", cause);
	} else if (g_ascii_strtoll(what, &end, 10) > 0 && *end == '\0') {
		st = db_prepare(db, "SELECT id FROM messages WHERE id = ?1",
		    cause);
		arg = g_strdup(what);
	} else if (strchr(what, '@') != NULL) {
		arg = what[0] == '<' ? g_strdup(what) :
		    g_strdup_printf("<%s>", what);
		st = db_prepare(db, "SELECT id FROM messages WHERE message_id"
		    " = ?1 ORDER BY id", cause);
	} else {
		size_t n = strlen(what);

		for (size_t i = 0; i < n; i++)
			if (!g_ascii_isxdigit(what[i]))
				n = 0;
		if (n < 6 || n > 64) {
			*why_r = "MESSAGE is a message id, a sha256 prefix of "
			    "6 or more hex digits, or a Message-ID";
			rc = 1;
			goto out;
		}
		arg = g_strdup_printf("%s*", what);
		for (char *p = arg; *p != '\0'; p++)
			*p = g_ascii_tolower(*p);
		st = db_prepare(db, "SELECT id FROM messages WHERE"
		    " lower(sha256) GLOB ?1 ORDER BY id", cause);
	}
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (collect(db, st, v, cause) == -1)
		goto out;
	/* A prefix or Message-ID that names two different messages is
	 * ambiguous: nothing is guessed. */
	if (what != NULL && case_number == NULL && since == NULL &&
	    v->len > 1 && strchr(what, '@') == NULL) {
		*why_r = "MESSAGE names more than one message: give more of "
		    "its sha256";
		rc = 1;
		goto out;
	}
	*n_r = v->len;
	*ids_r = (int64_t *)(void *)g_array_free(v, FALSE);
	v = NULL;
	rc = 0;
out:
	sqlite3_finalize(st);
	g_free(arg);
	if (v != NULL)
		g_array_free(v, TRUE);
	return (rc);
}
