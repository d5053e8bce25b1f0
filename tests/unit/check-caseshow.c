/* check-caseshow.c: `hotrocks case show` writes a case as it reads it,
 * rows one at a time, and its bytes are still those of the json-glib
 * tree it was once built as: checked against that way of building it
 * (kept here as the oracle) for the samples' cases, rows set by staff,
 * linked messages, the layout of before rows were apart, and a 20,000-row
 * case under a data limit the tree never fit in (and a small one beside a
 * rejected long list). */
#include <check.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/cases.h"
#include "intake/contract.h"
#include "intake/mime.h"
#include "intake/store.h"
#include "lib/text.h"
#include "tests/unit/testlib.h"

/* The data limit a 20,000-row case is shown under: the tree needed
 * more than 24 MiB for it, the streamed case less than 8. */
#define SHOW_DATA_LIMIT	(16 * 1024 * 1024)

static void
setup(void)
{
	test_store_setup();
	mime_init();
}

/* An answer in the thread of case number. */
static char *
answer(const char *from, const char *number)
{
	char	*raw, *path;

	raw = g_strdup_printf("From: %s\r\nTo: HotroCKS@quangngai.dcs.vn\r\n"
	    "Subject: Re: [%s] hỏi tiến độ\r\n"
	    "Message-ID: <answer.%d@example.vn>\r\n"
	    "Date: Mon, 06 May 2024 09:00:00 +0700\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Đơn vị xin hỏi tiến độ xử lý hồ sơ.\r\n", from, number,
	    test_nmail + 1);
	path = test_mail_write(raw, 2);
	g_free(raw);
	return (path);
}

/* Text that should hold a JSON object, as a node; JSON null when not. */
static JsonNode *
object_node(const char *text)
{
	JsonNode *n = text != NULL ? json_from_string(text, NULL) : NULL;

	if (n != NULL && JSON_NODE_HOLDS_OBJECT(n))
		return (n);
	if (n != NULL)
		json_node_unref(n);
	return (json_node_new(JSON_NODE_NULL));
}

/*
 * The oracle: case show --json as it was built before it streamed, a
 * json-glib tree of the case with the whole decision (store_contract)
 * and every row (store_case_rows) parsed and amended. g_free.
 */
static char *
tree_case_json(struct db *db, const char *number)
{
	static const char *const names[] = { "number", "state", "kind",
	    "action", "organization", "from", "subject", "opened_at",
	    "updated_at", "assignee", "closed_at" };
	struct case_detail	*d = NULL;
	struct case_row		*rows = NULL;
	JsonBuilder		*b = json_builder_new();
	char			*cause = NULL, *whole = NULL, *s;
	char		       **rows_json;
	size_t			 nrows, n;

	ck_assert_int_eq(cases_get(db, number, &d, &cause), 1);
	if (d->contract_json != NULL)
		ck_assert_ptr_nonnull(whole = store_contract(db, d->msg_id,
		    d->contract_json, &cause));
	rows_json = store_case_rows(db, d->id, &nrows, &cause);
	ck_assert_ptr_nonnull(rows_json);
	ck_assert_int_eq(cases_rows(db, number, &rows, &n, &cause), 1);
	ck_assert_uint_eq(n, nrows);
	{
		const char *vals[] = { d->c.number, d->c.state, d->c.kind,
		    d->c.action, d->c.organization, d->c.from_addr,
		    d->c.subject, d->c.opened_at, d->c.updated_at,
		    d->c.assignee, d->c.closed_at };

		json_builder_begin_object(b);
		contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
	}
	contract_add_string(b, "message_id", d->message_id);
	contract_add_string(b, "archive_path", d->archive_path);
	json_builder_set_member_name(b, "rows");
	json_builder_begin_array(b);
	for (size_t i = 0; i < nrows; i++) {
		JsonNode *row = object_node(rows_json[i]);

		if (JSON_NODE_HOLDS_OBJECT(row)) {
			JsonObject *o = json_node_get_object(row);

			json_object_set_int_member(o, "row", rows[i].number);
			json_object_set_string_member(o, "state",
			    rows[i].state);
			if (rows[i].state_note != NULL)
				json_object_set_string_member(o, "state_note",
				    rows[i].state_note);
			else
				json_object_set_null_member(o, "state_note");
			if (rows[i].state_at != NULL)
				json_object_set_string_member(o, "state_at",
				    rows[i].state_at);
			else
				json_object_set_null_member(o, "state_at");
		}
		json_builder_add_value(b, row);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "audit");
	json_builder_begin_array(b);
	for (size_t i = 0; i < d->nevents; i++) {
		static const char *const en[] = { "at", "actor", "event",
		    "detail" };
		const char *ev[] = { d->events[i].at, d->events[i].actor,
		    d->events[i].event, d->events[i].detail };

		json_builder_begin_object(b);
		contract_add_strings(b, en, ev, G_N_ELEMENTS(en));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	contract_add_string(b, "flag", d->flag);
	json_builder_set_member_name(b, "links");
	json_builder_begin_array(b);
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct case_link *l = &d->links[i];
		static const char *const ln[] = { "link", "received_at",
		    "message_id", "from", "subject", "action" };
		const char	*lv[] = { l->link, l->received_at,
				    l->message_id, l->from_addr, l->subject,
				    l->action };
		char		*lw = l->contract_json != NULL ?
				    store_contract(db, l->msg_id,
				    l->contract_json, &cause) : NULL;
		JsonNode	*c = lw != NULL ? json_from_string(lw, NULL) :
				    NULL;

		g_free(lw);
		json_builder_begin_object(b);
		contract_add_strings(b, ln, lv, G_N_ELEMENTS(ln));
		json_builder_set_member_name(b, "contract");
		if (c != NULL)
			json_builder_add_value(b, c);
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "message");
	json_builder_add_value(b, object_node(whole));
	json_builder_end_object(b);
	s = contract_finish(b, false);
	g_strfreev(rows_json);
	cases_rows_free(rows, n);
	cases_detail_free(d);
	g_free(whole);
	return (s);
}

static const char *
member_str(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	if (n == NULL || JSON_NODE_HOLDS_NULL(n))
		return (NULL);
	return (json_node_get_string(n));
}

static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

static void
add_safe(GString *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_safe(GString *out, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *safe;

	va_start(ap, fmt);
	raw = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	safe = text_for_terminal(raw);
	g_string_append(out, safe);
	g_free(safe);
	g_free(raw);
}

/* The oracle of plain case show's rows: from "rows  N" to "audit", each
 * row's CONTRACT object parsed as it was before rows streamed. */
static char *
tree_case_rows(struct db *db, const char *number)
{
	struct case_detail	*d = NULL;
	struct case_row		*rows = NULL;
	GString			*out = g_string_new(NULL);
	char			*cause = NULL, **rows_json;
	size_t			 nrows, n;

	ck_assert_int_eq(cases_get(db, number, &d, &cause), 1);
	rows_json = store_case_rows(db, d->id, &nrows, &cause);
	ck_assert_ptr_nonnull(rows_json);
	ck_assert_int_eq(cases_rows(db, number, &rows, &n, &cause), 1);
	add_safe(out, "rows      %zu\n", nrows);
	for (size_t i = 0; i < nrows; i++) {
		JsonParser *p = json_parser_new();
		JsonObject *o;

		if (!json_parser_load_from_data(p, rows_json[i], -1, NULL) ||
		    !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
			g_object_unref(p);
			continue;
		}
		o = json_node_get_object(json_parser_get_root(p));
		add_safe(out, "  %3" G_GINT64_FORMAT "  %-12s %-21s %s, %s"
		    "  [%s%s%s]\n", json_object_get_int_member(o, "index"),
		    or_dash(member_str(o, "phone")),
		    or_dash(member_str(o, "iccid")),
		    or_dash(member_str(o, "name")),
		    or_dash(member_str(o, "position")), rows[i].state,
		    rows[i].state_note != NULL ? ": " : "",
		    rows[i].state_note != NULL ? rows[i].state_note : "");
		for (int w = 0; w < 2; w++) {
			JsonArray *errs = json_object_get_array_member(o,
			    w ? "warnings" : "errors");

			for (guint k = 0; k < json_array_get_length(errs);
			    k++) {
				JsonObject *f =
				    json_array_get_object_element(errs, k);
				const char *detail = member_str(f, "detail");

				add_safe(out, "       %s %s%s%s\n", w ?
				    "warning" : "error", member_str(f, "code"),
				    detail ? ": " : "", detail ? detail : "");
			}
		}
		g_object_unref(p);
	}
	add_safe(out, "audit\n");
	g_strfreev(rows_json);
	cases_rows_free(rows, n);
	cases_detail_free(d);
	return (g_string_free(out, FALSE));
}

/* hotrocks case show number (json: --json) on test_db; exit status,
 * stdout in *out_r (g_free), under the data limit when limited. */
static int
show(const char *number, bool json, bool limited, char **out_r)
{
	const char	*args[] = { "case", "show", number, "-c",
			    "samples/hotrocks.conf", "--db", test_db,
			    json ? "--json" : NULL, NULL };
	char		*err = NULL;
	int		 rc;

	rc = test_hotrocks_limited(out_r, &err, limited ? SHOW_DATA_LIMIT : 0,
	    args);
	if (*err != '\0')
		fprintf(stderr, "%s", err);
	g_free(err);
	return (rc);
}

/* Every case of test_db shown both ways is the oracle's bytes. */
static void
every_case_as_before(size_t min_cases)
{
	struct db	*db;
	sqlite3_stmt	*st;
	char		*cause = NULL;
	size_t		 n = 0;

	db = store_open_readonly(test_db, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	st = db_prepare(db, "SELECT number FROM cases ORDER BY id", &cause);
	ck_assert_ptr_nonnull(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char	*number;
		char		*want, *got = NULL, *rows;

		number = (const char *)sqlite3_column_text(st, 0);
		want = tree_case_json(db, number);
		ck_assert_int_eq(show(number, true, false, &got), 0);
		ck_assert_uint_eq(strlen(got), strlen(want) + 1);
		ck_assert_msg(strncmp(got, want, strlen(want)) == 0 &&
		    got[strlen(want)] == '\n', "%s:\nwant %s\ngot  %s",
		    number, want, got);
		g_free(got);
		g_free(want);
		want = tree_case_rows(db, number);
		ck_assert_int_eq(show(number, false, false, &got), 0);
		rows = strstr(got, "\nrows      ");
		ck_assert_ptr_nonnull(rows);
		ck_assert_msg(strncmp(rows + 1, want, strlen(want)) == 0,
		    "%s:\nwant %s\ngot  %s", number, want, rows + 1);
		g_free(got);
		g_free(want);
		n++;
	}
	sqlite3_finalize(st);
	db_close(db);
	ck_assert_uint_ge(n, min_cases);
}

/* Cases of every shape: the samples, a corrected list superseding a
 * rejected one with an answer threaded in, rows set by staff. */
static void
ingest_shapes(void)
{
	char	*path, *number, *out = NULL, *err = NULL;
	sqlite3	*h;

	test_ingest_sample("05-zimbra-docx-row-errors.eml");
	path = test_sample_variant("01-outlook-docx-sontinh.eml",
	    "vanphong.nghiahanh@quangngai.dcs.vn", "<fixed.1@example.vn>", 1);
	test_ingest(path);
	g_free(path);
	number = test_text("SELECT number FROM cases WHERE supersedes"
	    " IS NOT NULL");
	ck_assert_ptr_nonnull(number);
	path = answer("vanphong.nghiahanh@quangngai.dcs.vn", number);
	test_ingest(path);
	g_free(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE flag ="
	    " 'reply_received'"), 1);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", number,
	    "--set", "activated", "--rows", "1", "--note",
	    "kích hoạt \"xong\"",
	    "--by", "lan", "-c", "samples/hotrocks.conf", "--db", test_db,
	    NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "rows", number,
	    "--set", "refused", "--by", "lan", "-c", "samples/hotrocks.conf",
	    "--db", test_db, NULL), 0);
	g_free(out);
	g_free(err);
	test_ingest(test_samples_dir());
	/* A row with findings, as contract_row_rest writes them (the
	 * samples' cases hold clean rows: a list with errors is rejected,
	 * a case opened by hand or by reprocess keeps them; 04's old
	 * phone numbers are warnings already). */
	ck_assert_int_eq(sqlite3_open(test_db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE case_rows SET nerrors = 1,"
	    " json = json_insert(CASE json WHEN '' THEN '{}' ELSE json END,"
	    " '$.errors', json('[{\"code\":\"iccid_invalid\",\"detail\":"
	    "\"sai \\\"mã\\\" \\u0001 ✗\"}]'), '$.warnings',"
	    " json('[{\"code\":\"phone_old_format\",\"detail\":null}]'))"
	    " WHERE id IN (SELECT min(id) FROM case_rows WHERE json NOT LIKE"
	    " '%\"warnings\"%' AND json NOT LIKE '%\"errors\"%'"
	    " GROUP BY case_id)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_gt(test_count("SELECT count(*) FROM case_rows WHERE"
	    " nerrors > 0"), 5);
	ck_assert_int_gt(test_count("SELECT count(*) FROM case_rows WHERE"
	    " nerrors = 0 AND json LIKE '%\"warnings\"%'"), 0);
	ck_assert_int_gt(test_count("SELECT count(*) FROM case_rows WHERE"
	    " json != ''"), 0);
	g_free(number);
}

START_TEST(caseshow_every_shape_as_the_tree_wrote_it)
{
	ingest_shapes();
	every_case_as_before(10);
}
END_TEST

/*
 * A store written before rows were kept apart: each decision whole in
 * messages.contract_json, its rows' findings there only (json ''), or
 * in a copy the row carries (every other row here).
 */
START_TEST(caseshow_rows_kept_whole_as_before)
{
	struct db	*db;
	sqlite3_stmt	*st, *up, *ids;
	char		*cause = NULL;
	long		 apart;
	size_t		 i;

	ingest_shapes();
	apart = test_count("SELECT count(*) FROM messages m WHERE "
	    STORE_ROWS_APART_SQL("m"));
	ck_assert_int_gt(apart, 5);
	db = store_open(test_db, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_exec(db, "BEGIN", &cause), 0);
	st = db_prepare(db, "SELECT m.id, m.contract_json, m.case_id FROM"
	    " messages m WHERE " STORE_ROWS_APART_SQL("m"), &cause);
	ck_assert_ptr_nonnull(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t	 case_id = sqlite3_column_int64(st, 2);
		char	*whole = store_contract(db, sqlite3_column_int64(st,
			    0), (const char *)sqlite3_column_text(st, 1),
			    &cause);
		char   **rows;
		size_t	 n;

		ck_assert_msg(whole != NULL, "%s", cause);
		rows = store_case_rows(db, case_id, &n, &cause);
		ck_assert_ptr_nonnull(rows);
		up = db_prepare(db, "UPDATE messages SET contract_json = ?1"
		    " WHERE id = ?2", &cause);
		sqlite3_bind_text(up, 1, whole, -1, SQLITE_STATIC);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
		ck_assert_int_eq(sqlite3_step(up), SQLITE_DONE);
		sqlite3_finalize(up);
		up = db_prepare(db, "UPDATE case_rows SET json = ?1 WHERE"
		    " id = ?2", &cause);
		ck_assert_ptr_nonnull(up);
		ids = db_prepare(db, "SELECT id FROM case_rows WHERE"
		    " case_id = ?1 ORDER BY id", &cause);
		ck_assert_ptr_nonnull(ids);
		sqlite3_bind_int64(ids, 1, case_id);
		for (i = 0; sqlite3_step(ids) == SQLITE_ROW; i++) {
			ck_assert_uint_lt(i, n);
			sqlite3_reset(up);
			sqlite3_bind_text(up, 1, i % 2 == 1 ? rows[i] : "", -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(up, 2, sqlite3_column_int64(ids, 0));
			ck_assert_int_eq(sqlite3_step(up), SQLITE_DONE);
		}
		sqlite3_finalize(ids);
		ck_assert_uint_eq(i, n);
		sqlite3_finalize(up);
		g_strfreev(rows);
		g_free(whole);
	}
	sqlite3_finalize(st);
	ck_assert_int_eq(db_exec(db, "COMMIT", &cause), 0);
	db_close(db);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages m WHERE "
	    STORE_ROWS_APART_SQL("m")), 0);
	every_case_as_before(10);
}
END_TEST

/* A 20,000-row case is shown, both ways, under a data limit the whole
 * rows JSON and its tree never fit in, and is the tree's bytes. */
START_TEST(caseshow_20000_rows_in_bounded_memory)
{
	char		*list = test_long_list(test_dir, "l.eml", 20000, 0);
	struct db	*db;
	char		*number, *want, *got = NULL, *cause = NULL;

	test_ingest(list);
	number = test_text("SELECT number FROM cases");
	ck_assert_int_eq(test_count("SELECT count(*) FROM case_rows"), 20000);
	db = store_open_readonly(test_db, &cause);
	ck_assert_ptr_nonnull(db);
	want = tree_case_json(db, number);
	ck_assert_int_eq(show(number, true, true, &got), 0);
	ck_assert_uint_eq(strlen(got), strlen(want) + 1);
	ck_assert(memcmp(got, want, strlen(want)) == 0);
	g_free(got);
	g_free(want);
	want = tree_case_rows(db, number);
	ck_assert_int_eq(show(number, false, true, &got), 0);
	ck_assert_ptr_nonnull(strstr(got, want));
	g_free(got);
	g_free(want);
	db_close(db);
	g_free(number);
	g_free(list);
}
END_TEST

/* A case is shown at its own cost beside a rejected long list (its rows
 * kept in its decision, as a list that opened no case keeps them): the
 * link to a superseded message read every message's decision to find
 * one, 18 MB for a 40,000-row list sent twice, too much for the data
 * limit a 20,000-row case is shown under, whatever case was asked for. */
START_TEST(caseshow_bounded_beside_a_rejected_list)
{
	char		*list = test_long_list(test_dir, "l.eml", 40000, 0);
	char		*again = g_build_filename(test_dir, "again.eml",
			    NULL);
	struct db	*db;
	char		*raw, *twice, *number, *want, *got = NULL;
	char		*cause = NULL;
	gchar		**parts;

	/* the same list again under another Message-ID: already_requested */
	ck_assert(g_file_get_contents(list, &raw, NULL, NULL));
	parts = g_strsplit(raw, "<bench-40000@", 2);
	ck_assert_ptr_nonnull(parts[1]);
	twice = g_strjoinv("<bench-40000-again@", parts);
	ck_assert(g_file_set_contents(again, twice, -1, NULL));
	test_ingest(list);
	test_ingest(again);
	test_ingest_sample("02-thunderbird-xlsx-btg.eml");
	/* the rejected copy's rows beside it, its decision without them */
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " action = 'reject' AND length(contract_json) < 2048"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM message_rows"),
	    40000);
	number = test_text("SELECT number FROM cases WHERE organization ="
	    " 'BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI'");
	ck_assert_ptr_nonnull(number);
	db = store_open_readonly(test_db, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	want = tree_case_json(db, number);
	ck_assert_int_eq(show(number, true, true, &got), 0);
	ck_assert_uint_eq(strlen(got), strlen(want) + 1);
	ck_assert(memcmp(got, want, strlen(want)) == 0);
	g_free(got);
	g_free(want);
	ck_assert_int_eq(show(number, false, true, &got), 0);
	ck_assert_ptr_nonnull(strstr(got, number));
	g_free(got);
	db_close(db);
	g_free(number);
	g_free(twice);
	g_strfreev(parts);
	g_free(raw);
	g_free(again);
	g_free(list);
}
END_TEST

/* The case of a corrected long list is shown with the rejected list it
 * supersedes, that list's whole decision among its links, under the
 * data limit: the link's decision was read whole from the store and
 * parsed into a tree (6.3 s and 783 MB at 200,000 rows); its rows are
 * now read beside it as they are written, and the bytes are the
 * oracle's and inspect's. */
START_TEST(caseshow_superseding_a_rejected_long_list_bounded)
{
	char		*bad = test_long_list(test_dir, "bad.eml", 40000, 777);
	char		*good = test_long_list(test_dir, "good.eml", 40000, 0);
	const char	*ins[] = { "inspect", "--json", "-c",
			    "samples/hotrocks.conf", bad, NULL };
	struct db	*db;
	char		*number, *want, *got = NULL, *cause = NULL;
	char		*err = NULL, *link;
	JsonNode	*n;
	JsonObject	*o;

	test_ingest(bad);
	test_ingest(good);
	ck_assert_int_eq(test_count("SELECT count(*) FROM cases WHERE"
	    " supersedes = (SELECT id FROM messages WHERE action ="
	    " 'reject')"), 1);
	ck_assert_int_eq(test_count("SELECT count(*) FROM message_rows r"
	    " JOIN messages m ON m.id = r.msg_id WHERE m.action = 'reject'"
	    " AND r.decision = 0"), 40000);
	ck_assert_int_lt(test_count("SELECT max(length(contract_json))"
	    " FROM messages"), 2048);
	number = test_text("SELECT number FROM cases");
	db = store_open_readonly(test_db, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	want = tree_case_json(db, number);
	db_close(db);
	ck_assert_int_eq(show(number, true, true, &got), 0);
	ck_assert_uint_eq(strlen(got), strlen(want) + 1);
	ck_assert(memcmp(got, want, strlen(want)) == 0);
	/* the link is the rejected list's decision as inspect prints it */
	n = json_from_string(got, NULL);
	ck_assert_ptr_nonnull(n);
	o = json_array_get_object_element(json_object_get_array_member(
	    json_node_get_object(n), "links"), 0);
	ck_assert_str_eq(json_object_get_string_member(o, "link"),
	    "supersedes");
	link = json_to_string(json_object_get_member(o, "contract"), FALSE);
	g_free(want);
	ck_assert_int_eq(test_hotrocks_limited(&want, &err, 0, ins), 0);
	json_node_unref(n);
	ck_assert_ptr_nonnull(n = json_from_string(want, NULL));
	g_free(want);
	want = json_to_string(n, FALSE);
	ck_assert_str_eq(link, want);
	g_free(link);
	json_node_unref(n);
	g_free(got);
	ck_assert_int_eq(show(number, false, true, &got), 0);
	ck_assert_ptr_nonnull(strstr(got, "supersedes"));
	g_free(got);
	g_free(err);
	g_free(want);
	g_free(number);
	g_free(good);
	g_free(bad);
}
END_TEST

/* The rejected list a case supersedes, one of its rows damaged by hand:
 * case show --json says which row and exits 74 before a byte is
 * written (it stopped in the middle of the link before). */
START_TEST(caseshow_damaged_link_row_writes_nothing)
{
	char	*bad = test_long_list(test_dir, "bad.eml", 30, 7);
	char	*good = test_long_list(test_dir, "good.eml", 30, 0);
	char	*number, *out = NULL;

	test_ingest(bad);
	test_ingest(good);
	number = test_text("SELECT number FROM cases");
	ck_assert_ptr_nonnull(number);
	ck_assert_int_eq(show(number, true, false, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "supersedes"));
	g_free(out);
	test_store_rewrite(test_db, "DROP TRIGGER message_rows_no_update",
	    NULL, "UPDATE message_rows SET json = '{\"errors\":['"
	    " WHERE id = (SELECT max(id) FROM message_rows)");
	test_show_json_refused(number);
	g_free(number);
	g_free(good);
	g_free(bad);
}
END_TEST

Suite *
caseshow_suite(void)
{
	Suite	*s = suite_create("caseshow");
	TCase	*tc = tcase_create("caseshow");

	tcase_add_checked_fixture(tc, setup, test_store_teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, caseshow_every_shape_as_the_tree_wrote_it);
	tcase_add_test(tc, caseshow_rows_kept_whole_as_before);
	tcase_add_test(tc, caseshow_20000_rows_in_bounded_memory);
	tcase_add_test(tc, caseshow_bounded_beside_a_rejected_list);
	tcase_add_test(tc, caseshow_superseding_a_rejected_long_list_bounded);
	tcase_add_test(tc, caseshow_damaged_link_row_writes_nothing);
	suite_add_tcase(s, tc);
	return (s);
}
