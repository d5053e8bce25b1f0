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
#include <string.h>
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
#include "outbox/queue.h"

/* What the store holds of one message; strings g_free. */
struct recorded {
	char	*message_id, *sha256, *archive_path, *received_at;
	char	*from_addr, *contract_json, *case_number;
	int64_t	 case_id;
	bool	 threaded;	/* an answer in its case's thread */
	char	*latest_json;	/* the latest decision's CONTRACT object */
	bool	 rows_apart;	/* its case holds its rows (store.h) */
	char	*answered;	/* the outcome last answered */
};

static void
recorded_clear(struct recorded *m)
{
	g_free(m->message_id);
	g_free(m->sha256);
	g_free(m->archive_path);
	g_free(m->received_at);
	g_free(m->from_addr);
	g_free(m->contract_json);
	g_free(m->case_number);
	g_free(m->latest_json);
	g_free(m->answered);
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

char *
reprocess_outcome(const char *json)
{
	JsonParser	*p = json_parser_new();
	JsonNode	*root;
	JsonObject	*o;
	GHashTable	*set;
	GList		*codes;
	GString		*s;
	char		*r = NULL;

	if (json == NULL || !json_parser_load_from_data(p, json, -1, NULL) ||
	    (root = json_parser_get_root(p)) == NULL ||
	    !JSON_NODE_HOLDS_OBJECT(root))
		goto out;
	o = json_node_get_object(root);
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	collect_codes(root, set);
	codes = g_list_sort(g_hash_table_get_keys(set),
	    (GCompareFunc)strcmp);
	s = g_string_new(NULL);
	g_string_printf(s, "%s %s ",
	    json_object_get_string_member_with_default(o, "action", "?"),
	    json_object_get_string_member_with_default(o, "kind", "?"));
	for (GList *l = codes; l != NULL; l = l->next)
		g_string_append_printf(s, "%s%s", l == codes ? "" : ",",
		    (const char *)l->data);
	if (codes == NULL)
		g_string_append_c(s, '-');
	g_list_free(codes);
	g_hash_table_destroy(set);
	r = g_string_free(s, FALSE);
out:
	g_object_unref(p);
	return (r);
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
	    " answered = 1 ORDER BY id DESC LIMIT 1)"
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
	/* Whole, as contract_json() wrote them: compared with the new
	 * decision byte for byte. */
	m->rows_apart = store_rows_apart((const char *)sqlite3_column_text(st,
	    5));
	m->contract_json = store_contract(db, msg_id,
	    (const char *)sqlite3_column_text(st, 5), cause);
	if (m->contract_json == NULL)
		goto out;
	m->case_number = db_column_strdup(st, 6);
	m->case_id = sqlite3_column_int64(st, 7);
	m->threaded = sqlite3_column_int(st, 8) != 0;
	if (sqlite3_column_type(st, 9) == SQLITE_NULL)
		m->latest_json = g_strdup(m->contract_json);
	else if ((m->latest_json = store_contract(db, msg_id,
	    (const char *)sqlite3_column_text(st, 9), cause)) == NULL)
		goto out;
	m->answered = db_column_strdup(st, 10);
	if (m->answered == NULL)
		m->answered = reprocess_outcome(m->contract_json);
	if (m->answered == NULL)
		m->answered = g_strdup("? ? -");
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

static int
insert_decision(struct db *db, int64_t msg_id, const char *at,
    const char *actor, const struct decision *dec, const char *outcome,
    const char *json, bool answered, int64_t *id_r, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	st = db_prepare(db, "INSERT INTO decisions (msg_id, decided_at,"
	    " actor, kind, action, outcome, contract_json, answered)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", cause);
	if (st == NULL)
		return (-1);
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

/*
 * The transaction of one new decision (see the top of this file). answer:
 * queue the replies of its changed outcome. 0, or -1 and *cause with
 * nothing written.
 */
static int
record(struct db *db, const struct config *cfg, struct recorded *m,
    int64_t msg_id, const struct mail *mail, const struct decision *dec,
    const char *json, const struct reprocess_opts *o, bool answer,
    struct reprocess_result *r, char **cause)
{
	struct db_txn		*txn;
	struct store_message	 sm = { 0 };
	struct store_recorded	 rec = { 0 };
	struct audit_entry	 e = { 0 };
	struct queue_outgoing	*out = NULL;
	char			 now[DB_TIME_SIZE], *digest = NULL, *d = NULL;
	char			*why = NULL, *apart = NULL, *back = NULL;
	size_t			 nout = 0;
	int64_t			 case_id = m->case_id;
	int			 rc = -1;

	db_time(o->now, now);
	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	/* Rows stored once: a decision whose rows are the ones its case
	 * holds (byte for byte, as read back) is stored without them. */
	if (m->rows_apart) {
		apart = contract_json_apart(mail, dec);
		if ((back = store_contract(db, msg_id, apart, cause)) == NULL)
			goto out;
		if (strcmp(back, json) == 0)
			json = apart;
	}
	if (insert_decision(db, msg_id, now, o->actor, dec, r->after, json,
	    answer, &r->decision_id, cause) == -1)
		goto out;
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
			    out[i].message_id, case_id, o->now, cause) == -1)
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
	g_free((void *)sm.docs);
	g_free((void *)sm.rows);
	g_free(digest);
	g_free(why);
	g_free(d);
	g_free(apart);
	g_free(back);
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
	char			*sum = NULL, *json = NULL, *why_get = NULL;
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
	r->latest = reprocess_outcome(m.latest_json);
	rc = 0;
	if (header_only(m.contract_json)) {
		r->skipped = "only its header was kept (over max_message_size)";
		goto out;
	}
	if (m.archive_path == NULL || archive_get(cfg->archive_dir,
	    m.archive_path, &data, &len, &why_get) == -1) {
		log_debug("reprocess: %s", why_get ? why_get : "no archive");
		r->skipped = "its archived copy is missing";
		goto out;
	}
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
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
	if (pipeline_redecide(db, cfg, &msg, m.case_number, &mail, &dec,
	    &why) == -1) {
		/* As ingest records bytes that are no message. */
		mail = g_new0(struct mail, 1);
		dec = g_new0(struct decision, 1);
		dec->kind = KIND_UNKNOWN;
		dec->action = ACTION_MANUAL;
		findings_add(&dec->errors, CODE_MESSAGE_UNREADABLE, "%s", why);
	}
	json = contract_json(mail, dec, false);
	r->after = reprocess_outcome(json);
	r->changed = strcmp(r->after, r->before) != 0;
	r->quiet = m.threaded || (mail->from_addr != NULL &&
	    config_is_cuc(cfg, mail->from_addr));
	r->case_opened = r->changed && m.case_id == 0 &&
	    (dec->action == ACTION_QUEUE || dec->action == ACTION_MANUAL);
	answer = o->send && r->changed;
	if (strcmp(json, m.latest_json) != 0 || answer) {
		rc = record(db, cfg, &m, msg_id, mail, dec, json, o, answer, r,
		    cause);
		goto out;
	}
	/* Nothing new to record: what would be sent, had it changed. */
	if (r->changed && !r->quiet) {
		struct queue_outgoing	*out = NULL;
		size_t			 nout = 0;
		char			 now[DB_TIME_SIZE];

		db_time(o->now, now);
		if (replies_build(mail, dec, cfg, r->case_number, now,
		    m.sha256, &out, &nout, cause) == -1) {
			rc = -1;
			goto out;
		}
		list_replies(r, out, nout, false);
		replies_free(out, nout);
	}
out:
	if (rc == 0 && r->recorded && !o->send && r->changed && !r->quiet &&
	    r->purposes == NULL) {
		/* Recorded without --send: say what --send would queue. */
		struct queue_outgoing	*out = NULL;
		size_t			 nout = 0;
		char			 now[DB_TIME_SIZE];

		db_time(o->now, now);
		if (replies_build(mail, dec, cfg, r->case_number, now,
		    m.sha256, &out, &nout, cause) == -1)
			rc = -1;
		else
			list_replies(r, out, nout, false);
		replies_free(out, nout);
	}
	decision_free(dec);
	mime_free(mail);
	g_free(json);
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
    const char *since, int64_t **ids_r, size_t *n_r, const char **why_r,
    char **cause)
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
		GDateTime *t = g_date_time_new_from_iso8601(since, NULL);

		if (t == NULL && strlen(since) == 10) {
			char *full = g_strdup_printf("%sT00:00:00Z", since);

			t = g_date_time_new_from_iso8601(full, NULL);
			g_free(full);
		}
		if (t == NULL) {
			*why_r = "--since: not a date (YYYY-MM-DD or RFC 3339)";
			rc = 1;
			goto out;
		}
		arg = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
		{
			GDateTime *u = g_date_time_to_utc(t);

			g_free(arg);
			arg = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
			g_date_time_unref(u);
		}
		g_date_time_unref(t);
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
