/* report.c: human-readable output. Nothing here decides anything; it only
 * shows what the decision and the store hold. */
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/contract.h"
#include "intake/report.h"
#include "intake/store.h"
#include "lib/text.h"
#include "parsers/ooxml-sig.h"

static void	report_findings(FILE *, const char *,
		    const struct findings *, const char *);
static const char *or_dash(const char *);
static void	minute(char *, size_t, const char *);
static void	term_printf(FILE *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Everything a person reads goes through here: a subject, a file name or
 * a cell must not drive the terminal (escape sequences, bidi overrides). */
static void
term_printf(FILE *fp, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *safe;

	va_start(ap, fmt);
	raw = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	safe = text_for_terminal(raw);
	fputs(safe, fp);
	g_free(safe);
	g_free(raw);
}

static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

/* The office's zone for the times a person reads (report_set_timezone);
 * NULL until set: UTC. */
static GTimeZone	*display_tz;

void
report_set_timezone(const char *id)
{
	GTimeZone *tz = id != NULL ? g_time_zone_new_identifier(id) : NULL;

	if (display_tz != NULL)
		g_time_zone_unref(display_tz);
	display_tz = tz;
}

/* The store's "2024-05-08T07:03:00Z" as the office reads it, "2024-05-08
 * 14:03 +07" (the offset always shown), "-" when absent; text that is
 * not a time is shown as it is. */
static void
minute(char *out, size_t len, const char *ts)
{
	GDateTime	*t = ts != NULL ? g_date_time_new_from_iso8601(ts,
			    NULL) : NULL;
	GDateTime	*local;
	char		*s;

	if (t == NULL) {
		g_strlcpy(out, or_dash(ts), len);
		return;
	}
	local = display_tz != NULL ? g_date_time_to_timezone(t, display_tz) :
	    g_date_time_to_utc(t);
	s = g_date_time_format(local, "%Y-%m-%d %H:%M %:::z");
	g_strlcpy(out, s != NULL ? s : ts, len);
	g_free(s);
	g_date_time_unref(local);
	g_date_time_unref(t);
}

void
report_time(char *out, size_t len, const char *ts)
{
	minute(out, len, ts);
}

static void
report_findings(FILE *fp, const char *indent, const struct findings *f,
    const char *mark)
{
	for (size_t i = 0; i < f->n; i++)
		term_printf(fp, "%s%s %s%s%s\n", indent, mark,
		    code_name(f->v[i].code), f->v[i].detail ? ": " : "",
		    f->v[i].detail ? f->v[i].detail : "");
}

void
report_decision(FILE *fp, const char *name, const struct mail *m,
    const struct decision *dec)
{
	if (name != NULL)
		term_printf(fp, "%s\n", name);
	term_printf(fp, "  from     %s\n", or_dash(m->from_addr));
	term_printf(fp, "  subject  %s\n", or_dash(m->subject));
	term_printf(fp, "  decided  %s → %s%s\n", kind_name(dec->kind),
	    action_name(dec->action), dec->already_processed ?
	    " (already processed)" : "");
	report_findings(fp, "  ", &dec->errors, "error");
	report_findings(fp, "  ", &dec->warnings, "warning");
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document	*d = &dec->docs[i];
		const struct form	*f = d->form;
		struct form_cursor	 cur;
		const struct form_row	*row;

		term_printf(fp, "  document %s (%s, %s, signature %s)\n",
		    d->filename, format_name(d->format), kind_name(d->kind),
		    sig_status_name(d->signature.status));
		if (d->signature.nresults > 0 &&
		    d->signature.results[0].signer != NULL) {
			const struct sig_result *r = &d->signature.results[0];

			term_printf(fp, "    signed    %s%s%s%s%s\n",
			    r->signer->cn ? r->signer->cn : "?",
			    r->signer->o ? ", " : "",
			    r->signer->o ? r->signer->o : "",
			    r->signed_at ? " at " : "",
			    r->signed_at ? r->signed_at : "");
		}
		if (f != NULL && f->organization != NULL)
			term_printf(fp, "    unit      %s\n", f->organization);
		if (f != NULL && f->addressee != NULL)
			term_printf(fp, "    to        %s\n", f->addressee);
		if (f != NULL && f->coordinator_name != NULL)
			term_printf(fp, "    contact   %s, %s%s%s\n",
			    f->coordinator_name, or_dash(f->coordinator_phone),
			    f->coordinator_email ? ", " : "",
			    f->coordinator_email ? f->coordinator_email : "");
		if (f != NULL) {
			report_findings(fp, "    ", &f->errors, "error");
			report_findings(fp, "    ", &f->warnings, "warning");
		}
		report_findings(fp, "    ", &d->errors, "error");
		report_findings(fp, "    ", &d->warnings, "warning");
		if (f == NULL)
			continue;
		form_cursor_init(&cur, f);
		while ((row = form_cursor_next(&cur)) != NULL) {
			if (row->device_serial != NULL ||
			    row->device_type != NULL)
				term_printf(fp, "    %3d  %-6s %-27s %s, %s%s\n",
				    row->index, or_dash(row->device_type),
				    or_dash(row->device_serial),
				    or_dash(row->name), or_dash(row->position),
				    row->errors.n ? "  ✗" : "");
			else
				term_printf(fp, "    %3d  %-12s %-21s %s, %s%s\n",
				    row->index, or_dash(row->phone),
				    or_dash(row->iccid), or_dash(row->name),
				    or_dash(row->position), row->errors.n ?
				    "  ✗" : "");
			report_findings(fp, "         ", &row->errors, "error");
			report_findings(fp, "         ", &row->warnings,
			    "warning");
		}
		form_cursor_deinit(&cur);
	}
}

/* A flag in the FLAG column: as it is when it fits in width columns,
 * else cut with an ellipsis (case show prints it whole), then padded. */
static void
flag_cell(char *out, size_t len, const char *flag, long width)
{
	const char	*f = or_dash(flag);
	long		 n = g_utf8_validate(f, -1, NULL) ?
			    g_utf8_strlen(f, -1) : (long)strlen(f);
	char		*cut;

	if (n > width && g_utf8_validate(f, -1, NULL)) {
		cut = g_utf8_substring(f, 0, width - 1);
		snprintf(out, len, "%s…", cut);
		g_free(cut);
		n = width;
	} else
		g_strlcpy(out, f, len);
	for (size_t l = strlen(out); n < width && l + 1 < len; n++, l++) {
		out[l] = ' ';
		out[l + 1] = '\0';
	}
}

void
report_cases(FILE *fp, const struct case_summary *c, size_t n)
{
	if (n == 0) {
		term_printf(fp, "no cases\n");
		return;
	}
	term_printf(fp, "%-15s %-12s %-15s %5s  %-20s  %-16s  %s\n", "CASE",
	    "STATE", "KIND", "ROWS", "OPENED", "FLAG", "UNIT / SENDER");
	for (size_t i = 0; i < n; i++) {
		char opened[32], flag[96];

		minute(opened, sizeof(opened), c[i].opened_at);
		flag_cell(flag, sizeof(flag), c[i].flag, 16);
		term_printf(fp, "%-15s %-12s %-15s %5d  %-20s  %s  %s\n",
		    c[i].number, c[i].state, c[i].kind, c[i].nrows, opened,
		    flag, c[i].organization ? c[i].organization :
		    or_dash(c[i].from_addr));
	}
}

void
report_messages(FILE *fp, const struct case_summary *c, size_t n)
{
	if (n == 0) {
		term_printf(fp, "no messages\n");
		return;
	}
	term_printf(fp, "%6s  %-20s %-8s %-15s %-15s %-7s %s\n", "ID",
	    "RECEIVED", "ACTION", "KIND", "CASE", "REPLIES", "FROM / SUBJECT");
	for (size_t i = 0; i < n; i++) {
		char received[32];

		minute(received, sizeof(received), c[i].opened_at);
		term_printf(fp, "%6lld  %-20s %-8s %-15s %-15s %7d %s  %s\n",
		    (long long)c[i].id, received, or_dash(c[i].action),
		    or_dash(c[i].kind), or_dash(c[i].number), c[i].nrows,
		    or_dash(c[i].from_addr), or_dash(c[i].subject));
	}
}

void
report_messages_json(FILE *fp, const struct case_summary *c, size_t n)
{
	static const char *const names[] = { "received_at", "action", "kind",
	    "case", "from", "subject" };
	static const char *const ids[] = { "message_id", "sha256" };

	for (size_t i = 0; i < n; i++) {
		JsonBuilder	*b = json_builder_new();
		const char	*vals[] = { c[i].opened_at, c[i].action,
				    c[i].kind, c[i].number, c[i].from_addr,
				    c[i].subject };
		const char	*idv[] = { c[i].message_id, c[i].sha256 };

		json_builder_begin_object(b);
		contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
		json_builder_set_member_name(b, "replies");
		json_builder_add_int_value(b, c[i].nrows);
		/* what reprocess takes to name it: the id as the text
		 * listing prints it, the Message-ID, the sha256 */
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, c[i].id);
		contract_add_strings(b, ids, idv, G_N_ELEMENTS(ids));
		json_builder_end_object(b);
		contract_print_line(fp, b);
	}
}

void
report_cases_json(FILE *fp, const struct case_summary *c, size_t n)
{
	static const char *const names[] = { "number", "state", "kind",
	    "action", "organization", "from", "subject", "opened_at",
	    "updated_at", "assignee", "closed_at", "flag" };

	for (size_t i = 0; i < n; i++) {
		JsonBuilder	*b = json_builder_new();
		const char	*vals[] = { c[i].number, c[i].state,
				    c[i].kind, c[i].action, c[i].organization,
				    c[i].from_addr, c[i].subject,
				    c[i].opened_at, c[i].updated_at,
				    c[i].assignee, c[i].closed_at, c[i].flag };

		json_builder_begin_object(b);
		contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
		json_builder_set_member_name(b, "rows");
		json_builder_add_int_value(b, c[i].nrows);
		json_builder_set_member_name(b, "rows_with_errors");
		json_builder_add_int_value(b, c[i].nrows_with_errors);
		json_builder_end_object(b);
		contract_print_line(fp, b);
	}
}

static const char *
member_str(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	if (n == NULL || JSON_NODE_HOLDS_NULL(n))
		return (NULL);
	return (json_node_get_string(n));
}

/* A row's findings, as "error CODE: detail" lines; o holds "errors"
 * and "warnings" arrays of {code, detail}, either may be absent. */
static void
row_findings(FILE *fp, JsonObject *o)
{
	for (int w = 0; w < 2; w++) {
		const char	*which = w ? "warnings" : "errors";
		JsonNode	*n = json_object_get_member(o, which);
		JsonArray	*errs;

		if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
			continue;
		errs = json_node_get_array(n);
		for (guint k = 0; k < json_array_get_length(errs); k++) {
			JsonObject	*f;
			const char	*detail;

			f = json_array_get_object_element(errs, k);
			detail = member_str(f, "detail");
			term_printf(fp, "       %s %s%s%s\n", w ? "warning" :
			    "error", member_str(f, "code"), detail ? ": " : "",
			    detail ? detail : "");
		}
	}
}

/* One row of report_case: its columns, or its CONTRACT object read
 * (rows kept before they were apart); the findings from the part of
 * it that holds them. */
static int
case_row_line(const struct store_case_row *r, void *arg, char **cause)
{
	FILE		*fp = arg;
	JsonParser	*p = json_parser_new();
	JsonObject	*o = NULL;
	const char	*text = r->parts != NULL ? r->parts->rest : r->json;
	gint64		 index;
	const char	*phone, *iccid, *name, *position;

	(void)cause;
	if (text != NULL && *text != '\0' &&
	    json_parser_load_from_data(p, text, -1, NULL) &&
	    JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p)))
		o = json_node_get_object(json_parser_get_root(p));
	if (r->parts != NULL) {
		index = r->parts->index;
		phone = r->parts->phone;
		iccid = r->parts->iccid;
		name = r->parts->name;
		position = r->parts->position;
	} else if (o != NULL) {
		index = json_object_get_int_member(o, "index");
		phone = member_str(o, "phone");
		iccid = member_str(o, "iccid");
		name = member_str(o, "name");
		position = member_str(o, "position");
	} else {
		g_object_unref(p);	/* not a row: left out */
		return (0);
	}
	term_printf(fp, "  %3" G_GINT64_FORMAT "  %-12s %-21s %s, %s"
	    "  [%s%s%s]\n", index, or_dash(phone), or_dash(iccid),
	    or_dash(name), or_dash(position), r->state, r->state_note != NULL ?
	    ": " : "", r->state_note != NULL ? r->state_note : "");
	if (o != NULL)
		row_findings(fp, o);
	g_object_unref(p);
	return (0);
}

int
report_case(FILE *fp, struct db *db, const struct case_detail *d,
    char **cause)
{
	char	 opened[32], updated[32];
	size_t	 nrows, n;

	/* Every row is read before a line is written: a damaged row is
	 * an error, never half a case. */
	if (store_case_rows_each(db, d->id, NULL, NULL, &nrows, cause) == -1)
		return (-1);
	term_printf(fp, "case      %s (%s)\n", d->c.number, d->c.state);
	term_printf(fp, "kind      %s → %s\n", d->c.kind, or_dash(d->c.action));
	term_printf(fp, "unit      %s\n", or_dash(d->c.organization));
	term_printf(fp, "from      %s\n", or_dash(d->c.from_addr));
	term_printf(fp, "subject   %s\n", or_dash(d->c.subject));
	term_printf(fp, "message   %s\n", or_dash(d->message_id));
	term_printf(fp, "archived  %s\n", or_dash(d->archive_path));
	minute(opened, sizeof(opened), d->c.opened_at);
	minute(updated, sizeof(updated), d->c.updated_at);
	term_printf(fp, "opened    %s, updated %s\n", opened, updated);
	if (d->c.assignee != NULL)
		term_printf(fp, "assignee  %s\n", d->c.assignee);
	if (d->c.closed_at != NULL) {
		minute(updated, sizeof(updated), d->c.closed_at);
		term_printf(fp, "closed    %s\n", updated);
	}
	if (d->flag != NULL)
		term_printf(fp, "flag      %s\n", d->flag);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct case_link *l = &d->links[i];

		/* the office's time, as every other line (trial 3, 5) */
		minute(updated, sizeof(updated), l->received_at);
		term_printf(fp, "%-9s %s %s, %s, from %s: %s\n",
		    strcmp(l->link, "reply") == 0 ? "reply" : l->link,
		    updated, or_dash(l->message_id),
		    or_dash(l->action), or_dash(l->from_addr),
		    or_dash(l->subject));
	}
	term_printf(fp, "rows      %zu\n", nrows);
	if (store_case_rows_each(db, d->id, case_row_line, fp, &n, cause) ==
	    -1)
		return (-1);
	term_printf(fp, "audit\n");
	/* "AT ACTOR EVENT DETAIL": the time, in the office's zone */
	for (size_t i = 0; i < d->naudit; i++) {
		const char	*sp = strchr(d->audit[i], ' ');
		char		*at = g_strndup(d->audit[i], sp != NULL ?
				    (size_t)(sp - d->audit[i]) :
				    strlen(d->audit[i]));

		minute(opened, sizeof(opened), at);
		term_printf(fp, "  %s%s\n", opened, sp != NULL ? sp : "");
		g_free(at);
	}
	return (0);
}

void
report_verdict(FILE *fp, const char *file, enum format fmt,
    const struct doc_signature *s)
{
	term_printf(fp, "%s (%s): %s\n", file, format_name(fmt),
	    sig_status_name(s->status));
	for (size_t i = 0; i < s->nresults; i++) {
		const struct sig_result	*r = &s->results[i];
		const struct sig_signer	*g = r->signer;

		term_printf(fp, "  signature %zu (%s): %s\n", i + 1, r->part ?
		    r->part : "?", sig_status_name(r->status));
		if (g != NULL) {
			term_printf(fp, "    signer   %s", g->cn ? g->cn : "?");
			if (g->ou != NULL)
				term_printf(fp, ", %s", g->ou);
			if (g->o != NULL)
				term_printf(fp, ", %s", g->o);
			if (g->email != NULL)
				term_printf(fp, " <%s>", g->email);
			term_printf(fp, "\n    cert     serial %s, issued by %s, "
			    "valid %s to %s\n", g->serial ? g->serial : "?",
			    g->issuer_cn ? g->issuer_cn : "?",
			    g->not_before ? g->not_before : "?",
			    g->not_after ? g->not_after : "?");
		}
		/* The verifier stops at the first broken check, before the
		 * signing time: not read is not absent. */
		term_printf(fp, "    signed   %s\n", r->signed_at != NULL ?
		    r->signed_at : r->status == SIG_INVALID ? "(not read: the "
		    "signature is invalid)" : "(no time stated)");
		if (r->covers_all_parts)
			term_printf(fp, "    covers   every part\n");
		for (size_t k = 0; k < r->nuncovered; k++)
			term_printf(fp, "    NOT COVERED %s\n", r->uncovered[k]);
		if (r->reason != NULL)
			term_printf(fp, "    why      %s\n", r->reason);
		for (size_t k = 0; k < r->nwarnings; k++)
			term_printf(fp, "    warning  %s\n", r->warnings[k]);
	}
	if (s->nresults == 0 && s->status == SIG_UNSIGNED)
		term_printf(fp, "  no signature\n");
}

void
report_case_row(FILE *fp, const struct case_row *r)
{
	char at[32];

	minute(at, sizeof(at), r->state_at);
	term_printf(fp, "%3d  %-9s  %-12s %-21s %s%s\n", r->number, r->state,
	    or_dash(r->phone), or_dash(r->iccid), or_dash(r->name),
	    r->nerrors > 0 ? "  ✗" : "");
	if (r->state_note != NULL || r->state_at != NULL)
		term_printf(fp, "     %s %s\n", at, r->state_note != NULL ?
		    r->state_note : "");
}

/* A node as json-glib writes it, compact: what a value read back with
 * json-glib was before this output was streamed. */
static void
put_node(struct jw *w, const char *name, JsonNode *n)
{
	char *s = json_to_string(n, FALSE);

	contract_jw_raw(w, name, s, strlen(s));
	g_free(s);
}

/* One row of report_case_json: its CONTRACT object with where staff
 * are with it ("row", "state", "state_note", "state_at" after its own
 * members). A row kept before the rows were apart is read with
 * json-glib, as it always was. */
static int
case_row_json(const struct store_case_row *r, void *arg, char **cause)
{
	struct jw	*w = arg;
	JsonNode	*row;
	JsonObject	*o;

	(void)cause;
	if (r->parts != NULL) {
		if (contract_jw_row(w, NULL, r->parts, true) == -1)
			return (-1);
		contract_jw_int(w, "row", r->number);
		contract_jw_string(w, "state", r->state);
		contract_jw_string(w, "state_note", r->state_note);
		contract_jw_string(w, "state_at", r->state_at);
		contract_jw_end(w);
		return (0);
	}
	row = json_from_string(r->json, NULL);
	if (row != NULL && JSON_NODE_HOLDS_OBJECT(row)) {
		o = json_node_get_object(row);
		json_object_set_int_member(o, "row", r->number);
		json_object_set_string_member(o, "state", r->state);
		if (r->state_note != NULL)
			json_object_set_string_member(o, "state_note",
			    r->state_note);
		else
			json_object_set_null_member(o, "state_note");
		if (r->state_at != NULL)
			json_object_set_string_member(o, "state_at",
			    r->state_at);
		else
			json_object_set_null_member(o, "state_at");
		put_node(w, NULL, row);
	} else
		contract_jw_raw(w, NULL, "null", 4);
	if (row != NULL)
		json_node_unref(row);
	return (0);
}

/* A stored decision that is a JSON object, as contract.c writes one
 * (compact, "{" first): one that is not is written as null. */
static bool
stored_object(const char *stored)
{
	return (stored != NULL && stored[0] == '{');
}

/* The decision of the message that opened the case as member "message",
 * streamed with its rows where they are kept apart; null when it is not
 * a JSON object. */
static int
case_message_json(struct jw *w, struct db *db, const struct case_detail *d,
    char **cause)
{
	if (stored_object(d->contract_json))
		return (store_contract_write(db, d->msg_id, d->contract_json,
		    "message", w, cause));
	contract_jw_string(w, "message", NULL);
	return (0);
}

int
report_case_json(FILE *fp, struct db *db, const struct case_detail *d,
    char **cause)
{
	static const char *const names[] = { "number", "state", "kind",
	    "action", "organization", "from", "subject", "opened_at",
	    "updated_at", "assignee", "closed_at" };
	const char	*vals[] = { d->c.number, d->c.state, d->c.kind,
			    d->c.action, d->c.organization, d->c.from_addr,
			    d->c.subject, d->c.opened_at, d->c.updated_at,
			    d->c.assignee, d->c.closed_at };
	struct jw	*w;
	size_t		 n;
	int		 rc = -1;

	/* Every row is read before a byte is written, the case's and its
	 * links': a damaged row is an error, never half an object. The
	 * message's rows are the case's unless kept beside it. */
	if (store_case_rows_each(db, d->id, NULL, NULL, &n, cause) == -1)
		return (-1);
	for (size_t i = 0; i < d->nlinks; i++)
		if (stored_object(d->links[i].contract_json) &&
		    store_contract_write(db, d->links[i].msg_id,
		    d->links[i].contract_json, NULL, NULL, cause) == -1)
			return (-1);
	if (stored_object(d->contract_json) &&
	    store_rows_apart(d->contract_json) == STORE_ROWS_IN_MESSAGE &&
	    store_contract_write(db, d->msg_id, d->contract_json, NULL, NULL,
	    cause) == -1)
		return (-1);
	w = contract_jw_new(fp);
	contract_jw_begin(w, NULL, true);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		contract_jw_string(w, names[i], vals[i]);
	contract_jw_string(w, "message_id", d->message_id);
	contract_jw_string(w, "archive_path", d->archive_path);
	contract_jw_begin(w, "rows", false);
	if (store_case_rows_each(db, d->id, case_row_json, w, &n, cause) ==
	    -1)
		goto out;
	contract_jw_end(w);
	contract_jw_begin(w, "audit", false);
	for (size_t i = 0; i < d->nevents; i++) {
		contract_jw_begin(w, NULL, true);
		contract_jw_string(w, "at", d->events[i].at);
		contract_jw_string(w, "actor", d->events[i].actor);
		contract_jw_string(w, "event", d->events[i].event);
		contract_jw_string(w, "detail", d->events[i].detail);
		contract_jw_end(w);
	}
	contract_jw_end(w);
	contract_jw_string(w, "flag", d->flag);
	/* the rejected list this case corrects, the answers threaded in */
	contract_jw_begin(w, "links", false);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct case_link *l = &d->links[i];
		static const char *const ln[] = { "link", "received_at",
		    "message_id", "from", "subject", "action" };
		const char	*lv[] = { l->link, l->received_at,
				    l->message_id, l->from_addr, l->subject,
				    l->action };

		contract_jw_begin(w, NULL, true);
		for (size_t k = 0; k < G_N_ELEMENTS(ln); k++)
			contract_jw_string(w, ln[k], lv[k]);
		/* written as stored, its rows as they are read: a rejected
		 * long list's decision is never held, nor parsed */
		if (stored_object(l->contract_json)) {
			if (store_contract_write(db, l->msg_id,
			    l->contract_json, "contract", w, cause) == -1)
				goto out;
		} else
			contract_jw_string(w, "contract", NULL);
		contract_jw_end(w);
	}
	contract_jw_end(w);
	if (case_message_json(w, db, d, cause) == -1)
		goto out;
	contract_jw_end(w);
	contract_jw_put(w, "\n", 1);
	rc = 0;
out:
	contract_jw_free(w);
	return (rc);
}
