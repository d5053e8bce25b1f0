/* check-case-flow.c: the case workflow (issue 13.1). Every move between
 * two states, allowed or refused, against the store (cases_set_state and
 * raw SQL, which the store's trigger answers) and through the command
 * line (exit 65 naming the allowed moves); per-row states and the case
 * they close; search with and without diacritics and phones as typed;
 * already_requested through the row states. The tables of expected
 * moves are written out here from the issue, not read from the store. */
#include <errno.h>
#include <unistd.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "intake/cases.h"
#include "intake/contract.h"
#include "intake/store.h"
#include "lib/db.h"
#include "outbox/queue.h"
#include "tests/unit/testlib.h"

static char	*tmpdir, *db;

static const char *const states[] = { "open", "review", "forwarded",
    "waiting_unit", "done", "rejected" };
#define NSTATES	G_N_ELEMENTS(states)

/* The moves the issue allows, staff's and hotrocks' own. */
static const char *const staff_moves[][2] = {
	{ "open", "done" }, { "open", "waiting_unit" },
	{ "forwarded", "done" }, { "waiting_unit", "open" },
	{ "review", "open" }, { "review", "done" }, { "review", "rejected" },
	{ "done", "open" },
};
static const char *const auto_moves[][2] = {
	{ "open", "forwarded" },	/* a forward (forward.c) */
	/* an outgoing message failed (cases_flag_review) */
	{ "open", "review" }, { "forwarded", "review" },
	{ "waiting_unit", "review" }, { "done", "review" },
	{ "rejected", "review" },
};

static bool
listed(const char *const (*v)[2], size_t n, const char *from, const char *to)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i][0], from) == 0 && strcmp(v[i][1], to) == 0)
			return (true);
	return (false);
}

static bool
staff_may(const char *from, const char *to)
{
	return (listed(staff_moves, G_N_ELEMENTS(staff_moves), from, to));
}

static bool
store_allows(const char *from, const char *to)
{
	return (staff_may(from, to) || listed(auto_moves,
	    G_N_ELEMENTS(auto_moves), from, to));
}

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	db = g_build_filename(tmpdir, "h.db", NULL);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	g_free(db);
}

/* The first column of the first row of sql, as text (g_free), or NULL. */
static char *
text(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*s = NULL;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		s = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (s);
}

static long
count(const char *sql)
{
	char	*s = text(sql);
	long	 n = s != NULL ? strtol(s, NULL, 10) : -1;

	g_free(s);
	return (n);
}

/* The search index holds exactly the documents the view cases_doc
 * makes of the store, to the byte. */
static void
assert_index_is_view(void)
{
	ck_assert_int_eq(count("SELECT count(*) FROM (SELECT rowid, unit,"
	    " body, rows FROM cases_fts EXCEPT SELECT doc, unit, body, rows"
	    " FROM cases_doc)"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM (SELECT doc, unit,"
	    " body, rows FROM cases_doc EXCEPT SELECT rowid, unit, body, rows"
	    " FROM cases_fts)"), 0);
}

/* Raw SQL as a person with sqlite3 would run it: SQLITE_OK or not. */
static int
raw(const char *sql)
{
	sqlite3	*h;
	int	 rc;

	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return (rc);
}

/* hotrocks with these arguments, the sample config and this store. */
#define run(out, err, ...) \
	test_hotrocks(out, err, __VA_ARGS__, "-c", "samples/hotrocks.conf", \
	    "--db", db, NULL)

static void
ingest_path(const char *path)
{
	char	*out = NULL, *err = NULL;
	int	 rc;

	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL);
	ck_assert_msg(rc == 0, "ingest %s: %d\n%s%s", path, rc, out, err);
	g_free(out);
	g_free(err);
}

static char *
sample(const char *name)
{
	return (g_build_filename(g_getenv("HOTROCKS_SAMPLES") != NULL ?
	    g_getenv("HOTROCKS_SAMPLES") : "build/samples", name, NULL));
}

static void
ingest(const char *name)
{
	char *path = sample(name);

	ingest_path(path);
	g_free(path);
}

/* The number of the case with this unit. */
static char *
case_of(const char *unit)
{
	char	*sql = g_strdup_printf("SELECT number FROM cases WHERE"
	    " organization = '%s'", unit);
	char	*s = text(sql);

	g_free(sql);
	ck_assert_msg(s != NULL, "no case of %s", unit);
	return (s);
}

/* Puts case 1 in state by the moves the store allows (raw SQL, as
 * forward.c and the outbox make their own). */
static void
put_in(const char *state)
{
	static const char *const path[][2] = {
		{ "open", NULL }, { "forwarded", NULL },
		{ "waiting_unit", NULL },
		{ "done", NULL }, { "review", NULL }, { "review", "rejected" },
	};
	size_t	 i;

	if (strcmp(state, "open") == 0)
		return;
	for (i = 0; i < G_N_ELEMENTS(path); i++) {
		const char *last = path[i][1] != NULL ? path[i][1] :
		    path[i][0];

		if (strcmp(last, state) == 0)
			break;
	}
	ck_assert_uint_lt(i, G_N_ELEMENTS(path));
	for (int k = 0; k < 2 && path[i][k] != NULL; k++) {
		char *sql = g_strdup_printf("UPDATE cases SET state = '%s',"
		    " updated_at = '2024-05-10T00:00:00Z' WHERE id = 1",
		    path[i][k]);

		ck_assert_int_eq(raw(sql), SQLITE_OK);
		g_free(sql);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE id = 1"), 1);
}

/* A case recorded straight in the store in state from, no documents. */
static char *
record_in(struct db *st, const char *from, int n)
{
	struct store_message	 m = { 0 };
	struct store_recorded	 r;
	struct db_txn		*txn;
	char			 mid[64], sha[64], *cause = NULL, *number;

	snprintf(mid, sizeof mid, "<flow-%d@example.vn>", n);
	snprintf(sha, sizeof sha, "sha-flow-%d", n);
	m.source = "file";
	m.origin = "/in/flow.eml";
	m.message_id = mid;
	m.sha256 = sha;
	m.content_key = sha;
	m.from_addr = "vanphong@huyenuy.example.vn";
	m.subject = "Đề nghị kích hoạt SIM";
	m.received_at = "2024-05-02T08:00:00Z";
	m.kind = "sim_activation";
	m.action = "queue";
	m.contract_json = "{\"contract\":1}";
	m.organization = "HUYỆN ỦY SƠN TỊNH";
	m.case_state = from;
	txn = db_begin(st, &cause);
	ck_assert_ptr_nonnull(txn);
	ck_assert_int_eq(store_record(txn, &m, &r, &cause), 0);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	number = r.case_number;
	r.case_number = NULL;
	store_recorded_deinit(&r);
	return (number);
}

/* Every pair of states, from the C API: allowed moves move, with their
 * audit entry; refused ones leave the case and the audit as they were
 * and name the moves staff may make. */
START_TEST(store_every_move_allowed_or_refused)
{
	const char	*from = states[_i / NSTATES];
	const char	*to = states[_i % NSTATES];
	struct db	*st;
	char		*number, *cause = NULL, *sql, *now;
	long		 audit0;
	int		 rc;

	if (strcmp(from, to) == 0)
		return;
	st = store_open(db, &cause);
	ck_assert_ptr_nonnull(st);
	number = record_in(st, from, 1);
	audit0 = count("SELECT count(*) FROM audit");
	rc = cases_set_state(st, number, to, "lan", "why",
	    "2024-05-10T09:00:00Z", &cause);
	sql = g_strdup_printf("SELECT state FROM cases WHERE number = '%s'",
	    number);
	now = text(sql);
	if (store_allows(from, to)) {
		ck_assert_msg(rc == 0, "%s -> %s refused: %s", from, to, cause);
		ck_assert_str_eq(now, to);
		ck_assert_int_eq(count("SELECT count(*) FROM audit"),
		    audit0 + 1);
		ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE"
		    " event = 'state_changed' AND actor = 'lan'"
		    " AND at = '2024-05-10T09:00:00Z' AND detail LIKE '% -> %:"
		    " why'"), 1);
	} else {
		ck_assert_msg(rc == CASES_ILLEGAL, "%s -> %s: %d", from, to,
		    rc);
		ck_assert_str_eq(now, from);
		ck_assert_int_eq(count("SELECT count(*) FROM audit"), audit0);
		ck_assert_ptr_nonnull(strstr(cause, "cannot move"));
		g_free(cause);
		cause = NULL;
	}
	g_free(now);
	g_free(sql);
	g_free(number);
	db_close(st);
}
END_TEST

/* The same pairs as raw SQL: the store's trigger refuses what the table
 * does not list, whoever writes. */
START_TEST(store_trigger_refuses_illegal_update)
{
	const char	*from = states[_i / NSTATES];
	const char	*to = states[_i % NSTATES];
	struct db	*st;
	char		*number, *cause = NULL, *sql, *now;
	sqlite3		*h;
	int		 rc;

	if (strcmp(from, to) == 0)
		return;
	st = store_open(db, &cause);
	ck_assert_ptr_nonnull(st);
	number = record_in(st, from, 1);
	db_close(st);
	ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
	sql = g_strdup_printf("UPDATE cases SET state = '%s' WHERE number ="
	    " '%s'", to, number);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	if (store_allows(from, to))
		ck_assert_msg(rc == SQLITE_OK, "%s -> %s: %s", from, to,
		    sqlite3_errmsg(h));
	else {
		ck_assert_msg(rc == SQLITE_CONSTRAINT, "%s -> %s: %d", from,
		    to, rc);
		ck_assert_ptr_nonnull(strstr(sqlite3_errmsg(h),
		    "case move not allowed"));
	}
	sqlite3_close(h);
	g_free(sql);
	sql = g_strdup_printf("SELECT state FROM cases WHERE number = '%s'",
	    number);
	now = text(sql);
	ck_assert_str_eq(now, store_allows(from, to) ? to : from);
	g_free(now);
	g_free(sql);
	g_free(number);
}
END_TEST

/* closed_at: set by done and rejected, cleared when the case moves on,
 * whoever moved it. */
START_TEST(store_closed_at_follows_the_state)
{
	struct db	*st;
	char		*number, *cause = NULL, *s;

	st = store_open(db, &cause);
	ck_assert_ptr_nonnull(st);
	number = record_in(st, "review", 1);
	ck_assert_int_eq(cases_set_state(st, number, "rejected", "lan", NULL,
	    "2024-05-10T09:00:00Z", &cause), 0);
	s = text("SELECT closed_at FROM cases");
	ck_assert_str_eq(s, "2024-05-10T09:00:00Z");
	g_free(s);
	ck_assert_int_eq(raw("UPDATE cases SET state = 'review', updated_at ="
	    " '2024-05-11T00:00:00Z'"), SQLITE_OK);
	ck_assert_ptr_null(text("SELECT closed_at FROM cases"));
	ck_assert_int_eq(cases_set_state(st, number, "done", "lan", NULL,
	    "2024-05-12T09:00:00Z", &cause), 0);
	s = text("SELECT closed_at FROM cases");
	ck_assert_str_eq(s, "2024-05-12T09:00:00Z");
	g_free(s);
	ck_assert_int_eq(cases_set_state(st, number, "open", "lan", "again",
	    "2024-05-13T09:00:00Z", &cause), 0);
	ck_assert_ptr_null(text("SELECT closed_at FROM cases"));
	g_free(number);
	db_close(st);
}
END_TEST

/* A flag stays until a person clears it (case unflag, audited with the
 * flag and the note) or closes the case; a later flag comes back. */
START_TEST(flag_cleared_by_a_person)
{
	struct db	*st;
	struct db_txn	*txn;
	char		*number, *cause = NULL, *out = NULL, *err = NULL, *s;

	st = store_open(db, &cause);
	ck_assert_ptr_nonnull(st);
	number = record_in(st, "open", 1);
	txn = db_begin(st, &cause);
	ck_assert_int_eq(cases_flag_review(txn, 1, "bounced: 550 no such"
	    " user", 1715331600, NULL, &cause), 0);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	db_close(st);

	ck_assert_int_eq(run(&out, &err, "cases", "--flagged"), 0);
	ck_assert_ptr_nonnull(strstr(out, number));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "unflag", number, "--note",
	    "đã gọi điện, đơn vị sửa địa chỉ", "--by", "nga"), 0);
	ck_assert_ptr_nonnull(strstr(out, "flag cleared (was bounced: 550"));
	g_free(out);
	g_free(err);
	ck_assert_ptr_null(text("SELECT flag FROM cases"));
	s = text("SELECT actor || ' ' || detail FROM audit WHERE event ="
	    " 'unflagged'");
	ck_assert_str_eq(s, "nga bounced: 550 no such user: đã gọi điện, đơn"
	    " vị sửa địa chỉ");
	g_free(s);
	ck_assert_int_eq(run(&out, &err, "cases", "--flagged"), 0);
	ck_assert_ptr_null(strstr(out, number));
	g_free(out);
	g_free(err);
	/* nothing to clear: said, nothing written */
	ck_assert_int_eq(run(&out, &err, "case", "unflag", number, "--json"),
	    0);
	ck_assert_ptr_nonnull(strstr(out, "\"event\":null"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'unflagged'"), 1);
	ck_assert_int_eq(run(&out, &err, "case", "unflag", "HT-1999-000009"),
	    EX_UNAVAILABLE);
	g_free(out);
	g_free(err);

	/* flagged again (it moved to review); closing clears it */
	st = store_open(db, &cause);
	txn = db_begin(st, &cause);
	ck_assert_int_eq(cases_flag_review(txn, 1, "reply_received",
	    1715418000, NULL, &cause), 0);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	db_close(st);
	ck_assert_int_eq(run(&out, &err, "case", "reject", number, "--note",
	    "gửi nhầm", "--by", "lan"), 0);
	g_free(out);
	g_free(err);
	ck_assert_ptr_null(text("SELECT flag FROM cases"));
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'unflagged' AND actor = 'lan' AND detail = 'reply_received:"
	    " rejected'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'unflagged'"), 2);
	g_free(number);
}
END_TEST

/* Closing a case, or settling its rows, while a held forward carries
 * them says that approval will refuse that forward, and what to do; a
 * case no held forward carries says nothing of it. */
START_TEST(done_warns_of_a_held_forward)
{
	char	*out = NULL, *err = NULL, *number, *want;
	long	 fid, oid;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	fid = count("SELECT f.id FROM forwards f JOIN outbox o ON"
	    " o.id = f.outbox_id WHERE o.state = 'held'");
	oid = count("SELECT outbox_id FROM forwards");
	ck_assert_int_gt(fid, 0);
	want = g_strdup_printf("%s: forward %ld (outbox %ld), held, carries"
	    " its rows: forward approve will refuse it; cancel it", number,
	    fid, oid);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "refused", "--rows", "2", "--note", "sai ICCID"), 0);
	ck_assert_msg(strstr(err, want) != NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "done", number), 0);
	ck_assert_msg(strstr(err, want) != NULL, "%s", err);
	g_free(out);
	g_free(err);
	/* cancelled, it carries nothing: done again says nothing */
	ck_assert_int_eq(run(&out, &err, "case", "reopen", number), 0);
	g_free(out);
	g_free(err);
	{
		char *id = g_strdup_printf("%ld", oid);

		ck_assert_int_eq(run(&out, &err, "outbox", "cancel", id), 0);
		g_free(id);
	}
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "done", number), 0);
	ck_assert_msg(strstr(err, "forward approve will refuse") == NULL,
	    "%s", err);
	g_free(out);
	g_free(err);
	g_free(want);
	g_free(number);
}
END_TEST

/* Through the command line, each verb from each state: a refused move
 * exits 65 and names the moves allowed from where the case is; an
 * allowed one is audited with --by and --note; a case already there
 * stays as it is. */
START_TEST(cli_every_move_allowed_or_refused)
{
	static const char *const verbs[][2] = { { "done", "done" },
	    { "reopen", "open" }, { "wait", "waiting_unit" },
	    { "reject", "rejected" } };
	const char	*from = states[_i / 4];
	const char	*verb = verbs[_i % 4][0], *to = verbs[_i % 4][1];
	char		*out = NULL, *err = NULL, *number, *now, *want;
	long		 audit0;
	int		 rc;

	ingest("01-outlook-docx-sontinh.eml");
	put_in(from);
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	audit0 = count("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed'");
	rc = run(&out, &err, "case", verb, number, "--by", "lan", "--note",
	    "hỏi lại đơn vị");
	now = text("SELECT state FROM cases WHERE id = 1");
	if (strcmp(from, to) == 0) {
		ck_assert_msg(rc == 0, "%s from %s: %d %s", verb, from, rc,
		    err);
		ck_assert_ptr_nonnull(strstr(out, "already"));
		ck_assert_str_eq(now, from);
		ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event"
		    " = 'state_changed'"), audit0);
	} else if (staff_may(from, to)) {
		ck_assert_msg(rc == 0, "%s from %s: %d %s", verb, from, rc,
		    err);
		ck_assert_str_eq(now, to);
		want = g_strdup_printf("SELECT count(*) FROM audit WHERE event"
		    " = 'state_changed' AND actor = 'lan' AND detail = '%s ->"
		    " %s: hỏi lại đơn vị'", from, to);
		ck_assert_int_eq(count(want), 1);
		g_free(want);
	} else {
		ck_assert_msg(rc == EX_DATAERR, "%s from %s: %d", verb, from,
		    rc);
		ck_assert_str_eq(now, from);
		want = g_strdup_printf("(from %s: ", from);
		ck_assert_msg(strstr(err, want) != NULL, "%s", err);
		g_free(want);
		ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event"
		    " = 'state_changed'"), audit0);
	}
	g_free(now);
	g_free(out);
	g_free(err);
	g_free(number);
}
END_TEST

/* The refusal names exactly the allowed moves; without --by the actor
 * is the user running hotrocks; wait needs its note. */
START_TEST(cli_move_names_allowed_and_actor)
{
	char	*out = NULL, *err = NULL, *number, *sql;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	ck_assert_int_eq(run(&out, &err, "case", "reject", number), EX_DATAERR);
	ck_assert_msg(strstr(err, "cannot move to rejected (from open: done,"
	    " waiting_unit)") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "wait", number), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "wait", number, "--note",
	    "thiếu chữ ký", "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"waiting_unit\""));
	g_free(out);
	g_free(err);
	sql = g_strdup_printf("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed' AND actor = '%s' AND detail = 'open ->"
	    " waiting_unit: thiếu chữ ký'", g_get_user_name());
	ck_assert_int_eq(count(sql), 1);
	g_free(sql);
	g_free(number);
}
END_TEST

/* note and assign: audited; show --json carries number, state,
 * assignee, rows with their state and the whole trail. */
START_TEST(cli_note_assign_show_json)
{
	char		*out = NULL, *err = NULL, *number, *lower;
	JsonNode	*n;
	JsonObject	*o, *row;
	JsonArray	*rows, *audit;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	lower = g_ascii_strdown(number, -1);
	ck_assert_int_eq(run(&out, &err, "case", "assign", lower, "nga",
	    "--by", "lan"), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "note", lower, "--note",
	    "đã gọi điện cho đơn vị", "--by", "nga"), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "note", number), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "refused", "--rows", "2", "--note", "sai ICCID"), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "show", lower, "--json"), 0);
	n = json_from_string(out, NULL);
	ck_assert_msg(n != NULL && JSON_NODE_HOLDS_OBJECT(n), "%s", out);
	o = json_node_get_object(n);
	ck_assert_str_eq(json_object_get_string_member(o, "number"), number);
	ck_assert_str_eq(json_object_get_string_member(o, "state"), "open");
	ck_assert_str_eq(json_object_get_string_member(o, "assignee"), "nga");
	ck_assert(json_object_get_null_member(o, "closed_at"));
	rows = json_object_get_array_member(o, "rows");
	ck_assert_uint_eq(json_array_get_length(rows), 5);
	row = json_array_get_object_element(rows, 1);
	ck_assert_int_eq(json_object_get_int_member(row, "row"), 2);
	ck_assert_str_eq(json_object_get_string_member(row, "state"),
	    "refused");
	ck_assert_str_eq(json_object_get_string_member(row, "state_note"),
	    "sai ICCID");
	ck_assert_ptr_nonnull(json_object_get_string_member(row, "iccid"));
	/* its forward held: the row waits with it */
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(rows, 0), "state"), "pending");
	audit = json_object_get_array_member(o, "audit");
	ck_assert_ptr_nonnull(strstr(out, "\"event\":\"assigned\""));
	ck_assert_ptr_nonnull(strstr(out, "\"detail\":\"(nobody) -> nga\""));
	ck_assert_ptr_nonnull(strstr(out, "\"event\":\"note\""));
	ck_assert_ptr_nonnull(strstr(out, "\"event\":\"rows_set\""));
	ck_assert_ptr_nonnull(strstr(out, "\"event\":\"received\""));
	ck_assert_uint_ge(json_array_get_length(audit), 6);
	ck_assert_ptr_nonnull(json_object_get_member(o, "message"));
	ck_assert_ptr_nonnull(json_object_get_member(o, "links"));
	json_node_unref(n);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'note' AND actor = 'nga'"), 1);
	g_free(lower);
	g_free(number);
}
END_TEST

/* Rows one by one: listed with their state; set with --rows; a case
 * whose clean rows are all activated or refused becomes done, says so,
 * is audited and its completion notice queued. */
START_TEST(cli_rows_close_the_case)
{
	char	*out = NULL, *err = NULL, *number, *s;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"row\":5,"));
	/* its forward waits for approval: the rows with it */
	ck_assert_ptr_nonnull(strstr(out, "\"state\":\"pending\""));
	ck_assert_ptr_null(strstr(out, "\"state\":\"forwarded\""));
	g_free(out);
	g_free(err);
	/* bad numbers and states */
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "activated", "--rows", "6"), EX_DATAERR);
	ck_assert_ptr_nonnull(strstr(err, "has no row 6"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "activated", "--rows", "3-1"), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "done"), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE state IN"
	    " ('activated', 'refused')"), 0);

	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "refused", "--rows", "2", "--note", "sai ICCID"), 0);
	ck_assert_ptr_null(strstr(out, "now done"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "activated", "--rows", "1,3-4", "--by", "lan"), 0);
	ck_assert_ptr_null(strstr(out, "now done"));
	g_free(out);
	g_free(err);
	s = text("SELECT state FROM cases WHERE id = 1");
	ck_assert_str_eq(s, "open");
	g_free(s);
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "activated", "--rows", "5", "--by", "lan"), 0);
	ck_assert_msg(strstr(out, "is now done (every row activated or "
	    "refused); completion notice queued") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	s = text("SELECT group_concat(state, ',') FROM (SELECT state FROM"
	    " case_rows ORDER BY id)");
	ck_assert_str_eq(s, "activated,refused,activated,activated,activated");
	g_free(s);
	s = text("SELECT state_note FROM case_rows WHERE id = 2");
	ck_assert_str_eq(s, "sai ICCID");
	g_free(s);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE state_at"
	    " IS NULL"), 0);
	s = text("SELECT state FROM cases WHERE id = 1");
	ck_assert_str_eq(s, "done");
	g_free(s);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE closed_at IS"
	    " NOT NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'rows_set' AND detail = 'rows 1,3,4 -> activated'"
	    " AND actor = 'lan'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed' AND detail = 'open -> done: every row"
	    " activated or refused'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE purpose ="
	    " 'done'"), 1);
	/* a row set again on the closed case changes the row, not the case */
	ck_assert_int_eq(run(&out, &err, "case", "rows", number, "--set",
	    "refused", "--rows", "5"), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE purpose ="
	    " 'done'"), 1);
	g_free(number);
}
END_TEST

/* Rows settled by number cost the case's rows, not their product with
 * the numbers named: each row was sought among every number given, so
 * --rows 1-100000 of the bench's 200,000-row list took 10 s. The command
 * line names at most 100,000 and a list holds at most max_rows, so the
 * case is grown here by SQL to 600,000 rows, where that product is
 * minutes and the linear cost seconds: the timeout is the assertion. */
#define LONG_CASE	600000
START_TEST(store_rows_set_on_a_long_case_is_bounded)
{
	struct db	*st;
	struct db_txn	*txn;
	char		*cause = NULL, *number, *sql, *s;
	int		*which, open = -1;
	long		 first;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	first = count("SELECT count(*) FROM case_rows");
	ck_assert_int_gt(first, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE"
	    " nerrors > 0"), 0);
	sql = g_strdup_printf("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM k WHERE i < %ld) INSERT INTO case_rows"
	    " (case_id, document_id, idx, nerrors, json) SELECT r.case_id,"
	    " r.document_id, r.idx + i, 0, '{}' FROM k, (SELECT * FROM"
	    " case_rows ORDER BY id DESC LIMIT 1) r", LONG_CASE - first);
	ck_assert_int_eq(raw(sql), SQLITE_OK);
	g_free(sql);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows"), LONG_CASE);
	/* every row but the last, named from the end */
	which = g_new(int, LONG_CASE - 1);
	for (int i = 0; i < LONG_CASE - 1; i++)
		which[i] = LONG_CASE - 1 - i;
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	txn = db_begin(st, &cause);
	ck_assert_msg(txn != NULL, "%s", cause);
	ck_assert_msg(cases_rows_set(txn, number, which, LONG_CASE - 1,
	    "activated", "lan", NULL, "2024-05-03T00:00:00Z", &open, &cause)
	    == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	db_close(st);
	ck_assert_int_eq(open, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE state ="
	    " 'activated'"), LONG_CASE - 1);
	/* the audit names them as a run, not 599,999 numbers */
	sql = g_strdup_printf("SELECT count(*) FROM audit WHERE event ="
	    " 'rows_set' AND detail = 'rows 1-%d -> activated'",
	    LONG_CASE - 1);
	ck_assert_int_eq(count(sql), 1);
	g_free(sql);
	s = text("SELECT state FROM case_rows ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(s, "pending");
	g_free(s);
	g_free(which);
	g_free(number);
}
END_TEST

/* Search: unit, names, phones (three ways typed) and ICCIDs, with and
 * without diacritics; đ is d. The filters combine. */
START_TEST(cli_search)
{
	static const struct {
		const char	*q;
		const char	*unit;	/* the one case found; NULL: none */
	} t[] = {
		{ "son tinh", "HUYỆN ỦY SƠN TỊNH" },
		{ "Sơn Tịnh", "HUYỆN ỦY SƠN TỊNH" },
		{ "SƠN TỊNH", "HUYỆN ỦY SƠN TỊNH" },
		{ "duc pho", "THỊ ỦY ĐỨC PHỔ" },
		{ "Đức Phổ", "THỊ ỦY ĐỨC PHỔ" },
		{ "nguyen duc thang", "HUYỆN ỦY SƠN TỊNH" },
		{ "Nguyễn Đức Thắng", "HUYỆN ỦY SƠN TỊNH" },
		{ "0983 216 549", "HUYỆN ỦY SƠN TỊNH" },
		{ "84983216549", "HUYỆN ỦY SƠN TỊNH" },
		{ "0983216549", "HUYỆN ỦY SƠN TỊNH" },
		{ "+84 983 216 549", "HUYỆN ỦY SƠN TỊNH" },
		{ "8984048000415273607", "HUYỆN ỦY SƠN TỊNH" },
		{ "tuyen giao", "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI" },
		{ "son tinh 0905214367", "HUYỆN ỦY SƠN TỊNH" },
		{ "duc pho 0983216549", NULL },
		{ "\"son", "HUYỆN ỦY SƠN TỊNH" },
		{ "hanoi", NULL },
	};
	char	*out = NULL, *err = NULL, *want;

	ingest("01-outlook-docx-sontinh.eml");
	ingest("02-thunderbird-xlsx-btg.eml");
	ingest("15-outlook-docx-etoken-recovery.eml");
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		ck_assert_int_eq(run(&out, &err, "cases", "--search", t[i].q,
		    "--json"), 0);
		if (t[i].unit == NULL)
			ck_assert_msg(*out == '\0', "%s: %s", t[i].q, out);
		else {
			want = g_strdup_printf("\"organization\":\"%s\"",
			    t[i].unit);
			ck_assert_msg(strstr(out, want) != NULL &&
			    strchr(out, '\n') == out + strlen(out) - 1,
			    "%s: %s", t[i].q, out);
			g_free(want);
		}
		g_free(out);
		g_free(err);
	}
	/* filters together */
	ck_assert_int_eq(run(&out, &err, "cases", "--unit", "son tinh",
	    "--kind", "sim_activation", "--state", "open", "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "SƠN TỊNH"));
	ck_assert_ptr_null(strstr(out, "ĐỨC PHỔ"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--kind", "etoken_recovery",
	    "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "ĐỨC PHỔ"));
	ck_assert_ptr_null(strstr(out, "SƠN TỊNH"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--until", "2000-01-01",
	    "--json"), 0);
	ck_assert_str_eq(out, "");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--since", "2000-01-01",
	    "--state", "review"), 0);
	ck_assert_ptr_nonnull(strstr(out, "no cases"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--since", "yesterday"), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--search", "  "), EX_USAGE);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--state", "closed"), EX_USAGE);
	g_free(out);
	g_free(err);
}
END_TEST

/* The query a person types, as FTS5 reads it. */
START_TEST(fts_query_words_and_phones)
{
	static const char *const t[][2] = {
		{ "Sơn Tịnh", "\"Sơn\" \"Tịnh\"" },
		{ "Đức phổ", "\"Dức\" \"phổ\"" },
		{ "đ", "\"d\"" },
		{ "0983 415 276", "\"983415276\"" },
		{ "84983415276", "\"983415276\"" },
		{ "+84 983-415-276", "\"983415276\"" },
		{ "0983.415.276 son", "\"983415276\" \"son\"" },
		/* the punctuation around a phone, as in a sentence */
		{ "0983415276,", "\"983415276\"" },
		{ "84983415276.", "\"983415276\"" },
		{ "(0983) 415 276;", "\"983415276\"" },
		{ "gọi 0983 415 276, Son", "\"gọi\" \"983415276\" \"Son\"" },
		{ "0983 - 415 - 276", "\"983415276\"" },
		{ "- 0983415276", "\"-\" \"983415276\"" },
		{ "(son)", "\"(son)\"" },
		{ "2024 05", "\"2024\" \"05\"" },
		{ "8984048000415273607", "\"8984048000415273607\"" },
		{ "a\"b OR c*", "\"a\"\"b\" \"OR\" \"c*\"" },
		{ "   ", NULL },
		{ "", NULL },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		char *q = cases_fts_query(t[i][0]);

		if (t[i][1] == NULL)
			ck_assert_ptr_null(q);
		else
			ck_assert_msg(q != NULL && strcmp(q, t[i][1]) == 0,
			    "%s: %s", t[i][0], q);
		g_free(q);
	}
	ck_assert_ptr_null(cases_fts_query(NULL));
	ck_assert_ptr_null(cases_fts_query("\xff\xfe"));
}
END_TEST

/* Search for words, by the C API: how many cases are found. */
static size_t
found(struct db *st, const char *words)
{
	struct case_filter	 f = { .search = words };
	struct case_summary	*v;
	char			*cause = NULL;
	size_t			 n;

	ck_assert_msg(cases_find(st, &f, &v, &n, &cause) == 0, "%s", cause);
	cases_list_free(v, n);
	return (n);
}

/* The index follows the store: a case, and rows another writer inserts
 * once that case is indexed again (there is no trigger on inserting a
 * row: store.c, migration 12); a row changed by hand is found by its new
 * phone and not its old one. */
START_TEST(store_index_kept_current)
{
	struct db		*st;
	char			*cause = NULL, *number;

	st = store_open(db, &cause);
	ck_assert_ptr_nonnull(st);
	number = record_in(st, "open", 1);
	ck_assert_uint_eq(found(st, "huyen uy son tinh"), 1);
	db_close(st);
	ck_assert_int_eq(raw("INSERT INTO documents (msg_id, idx, json)"
	    " VALUES (1, 0, '{}'); INSERT INTO case_rows (case_id,"
	    " document_id, idx, phone, iccid, name, json) VALUES (1, 1, 1,"
	    " '84912000111', '8984000000000000011', 'Đinh Văn Đông', '{}');"
	    " DELETE FROM cases_fts WHERE rowid BETWEEN 1 * 16777216 AND"
	    " 1 * 16777216 + 16777215; INSERT INTO cases_fts (rowid, unit,"
	    " body, rows) SELECT doc, unit, body, rows FROM cases_doc WHERE"
	    " case_id = 1"), SQLITE_OK);
	st = store_open(db, &cause);
	ck_assert_uint_eq(found(st, "dinh van dong 0912 000 111"), 1);
	/* its block, and no longer the header alone */
	ck_assert_int_eq(count("SELECT group_concat(rowid) FROM cases_fts"),
	    16777216 + 1);
	ck_assert_int_eq(raw("UPDATE case_rows SET phone = '84912000222'"),
	    SQLITE_OK);
	ck_assert_uint_eq(found(st, "0912000111"), 0);
	ck_assert_uint_eq(found(st, "0912000222"), 1);
	g_free(number);
	db_close(st);
}
END_TEST

/*
 * The search documents store_record builds as it stores a list's rows
 * are the ones the view cases_doc (and so the triggers and reprocess)
 * makes of them, to the byte: names with đ and Đ and other letters of
 * that UTF-8 lead byte, phones in every form PHONE_BARE tells apart,
 * missing values; two lists, the second's rows starting in the block
 * where the first's end.
 */
START_TEST(store_index_built_as_rows_are_stored)
{
	static const struct store_doc	 doc = { .filename = "ds.xlsx",
	    .format = "xlsx", .kind = "sim_activation" };
	static const char *const phones[] = { "84983%06d", "0983%06d",
	    "+84 983 %06d", NULL, "", "84123%09d", "0166%07d", "8498%07d",
	    "098%06d" };
	static const char *const names[] = { "Đinh Văn Đông %d",
	    "Nguyễn đức %d", NULL, "Ā ĉ Ė %d", "Trần Thị Đ\xc4" };
	struct store_row	*rows;
	struct store_message	 m = { 0 };
	struct store_recorded	 r;
	struct db_txn		*txn;
	struct db		*st;
	char			*cause = NULL;
	GPtrArray		*keep = g_ptr_array_new_with_free_func(g_free);
	size_t			 n[] = { 1700, 2600 };

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	m.source = "file";
	m.from_addr = "vanphong@sontinh.example.vn";
	m.subject = "Danh sách đề nghị cấp SIM của Đảng ủy";
	m.received_at = "2024-05-02T08:00:00Z";
	m.kind = "sim_activation";
	m.action = "queue";
	m.contract_json = "{\"contract\":1}";
	m.case_state = "open";
	m.docs = &doc;
	m.ndocs = 1;
	for (size_t k = 0; k < G_N_ELEMENTS(n); k++) {
		rows = g_new0(struct store_row, n[k]);
		for (size_t i = 0; i < n[k]; i++) {
			const char *pf = phones[i % G_N_ELEMENTS(phones)];
			const char *nf = names[i % G_N_ELEMENTS(names)];

			rows[i].idx = (int)i + 1;
			if (pf != NULL)
				g_ptr_array_add(keep, (char *)(rows[i].phone =
				    g_strdup_printf(pf, (int)i)));
			if (nf != NULL)
				g_ptr_array_add(keep, (char *)(rows[i].name =
				    g_strdup_printf(nf, (int)i)));
			if (i % 7 != 0)
				g_ptr_array_add(keep, (char *)(rows[i].iccid =
				    g_strdup_printf("89840400%011zu", i)));
		}
		m.origin = k == 0 ? "/in/a.eml" : "/in/b.eml";
		m.message_id = k == 0 ? "<a@example.vn>" : "<b@example.vn>";
		m.sha256 = m.content_key = k == 0 ? "sha-a" : "sha-b";
		m.organization = k == 0 ? "HUYỆN ỦY SƠN TỊNH" :
		    "ĐẢNG ỦY KHỐI CƠ QUAN";
		m.rows = rows;
		m.nrows = n[k];
		txn = db_begin(st, &cause);
		ck_assert_msg(store_record(txn, &m, &r, &cause) == 0, "%s",
		    cause);
		ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
		store_recorded_deinit(&r);
		g_free(rows);
	}
	/* blocks 0, 1 of the first; 1, 2, 3, 4 of the second */
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 6);
	assert_index_is_view();
	ck_assert_uint_eq(found(st, "son tinh dinh van dong 0983000000"), 1);
	ck_assert_uint_eq(found(st, "dinh van dong 0983000000"), 2);
	ck_assert_uint_eq(found(st, "dang uy khoi nguyen duc 1701"), 1);
	g_ptr_array_free(keep, TRUE);
	db_close(st);
}
END_TEST

/*
 * One search document a case of up to 1,000 rows, built once its rows
 * are recorded, by store_record and by store_open_case (reprocess),
 * never a row at a time; the words of a search are found anywhere in
 * such a case; a row's change, move or deletion (by hand: there is no
 * other writer of these) rebuilds the documents of its cases; a case
 * without rows has one document, its header alone.
 */
START_TEST(store_index_one_document_a_case)
{
	static const struct store_doc	 doc = { .filename = "ds.xlsx",
	    .format = "xlsx", .kind = "sim_activation" };
	static const struct store_row	 rows[] = {
		{ 0, 1, "84983000001", "8984040000000000001", "Đặng Thị Hoa",
		    NULL, NULL, NULL, 0, NULL, NULL },
		{ 0, 2, "84983000002", "8984040000000000002", "Lê Văn Tám",
		    NULL, NULL, NULL, 0, NULL, NULL },
		{ 0, 3, "84983000003", "8984040000000000003", "Võ Minh Đức",
		    NULL, NULL, NULL, 0, NULL, NULL },
	};
	struct store_message	 m = { 0 };
	struct store_recorded	 r;
	struct db_txn		*txn;
	struct db		*st;
	char			*cause = NULL;
	int64_t			 msg_id;

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	m.source = "file";
	m.origin = "/in/list.eml";
	m.message_id = "<list-1@example.vn>";
	m.sha256 = m.content_key = "sha-list-1";
	m.from_addr = "vanphong@sontinh.example.vn";
	m.subject = "Danh sách đề nghị cấp SIM";
	m.received_at = "2024-05-02T08:00:00Z";
	m.kind = "sim_activation";
	m.action = "queue";
	m.contract_json = "{\"contract\":1}";
	m.organization = "HUYỆN ỦY SƠN TỊNH";
	m.case_state = "open";
	m.docs = &doc;
	m.ndocs = 1;
	m.rows = rows;
	m.nrows = G_N_ELEMENTS(rows);
	txn = db_begin(st, &cause);
	ck_assert_msg(store_record(txn, &m, &r, &cause) == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	store_recorded_deinit(&r);

	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_master WHERE"
	    " type = 'trigger' AND tbl_name = 'case_rows' AND sql LIKE"
	    " '%AFTER INSERT%'"), 0);
	ck_assert_uint_eq(found(st, "son tinh dang thi hoa"), 1);
	ck_assert_uint_eq(found(st, "Đặng Thị Hoa 0983 000 001"), 1);
	ck_assert_uint_eq(found(st, "84983000003"), 1);
	ck_assert_uint_eq(found(st, "8984040000000000002"), 1);
	/* two rows and the sender: words anywhere in the case */
	ck_assert_uint_eq(found(st, "hoa tam vanphong"), 1);
	ck_assert_uint_eq(found(st, "0983000002 duc"), 1);
	ck_assert_uint_eq(found(st, "hoa 0983000004"), 0);

	/* a row renamed, another deleted, by hand */
	ck_assert_int_eq(raw("UPDATE case_rows SET name = 'Lê Văn Bảy'"
	    " WHERE idx = 2"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "tam"), 0);
	ck_assert_uint_eq(found(st, "le van bay 0983000002"), 1);
	ck_assert_int_eq(raw("DELETE FROM case_rows WHERE idx = 3"),
	    SQLITE_OK);
	ck_assert_uint_eq(found(st, "0983000003"), 0);
	ck_assert_uint_eq(found(st, "8984040000000000003"), 0);
	ck_assert_uint_eq(found(st, "hoa bay"), 1);
	/* the case's subject changed: its rows stay found */
	ck_assert_int_eq(raw("UPDATE cases SET subject = 'Bổ sung'"),
	    SQLITE_OK);
	ck_assert_uint_eq(found(st, "bo sung 0983000001"), 1);
	ck_assert_uint_eq(found(st, "danh sach"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 1);

	/* a message recorded without a case, opened later (reprocess) */
	m.message_id = "<list-2@example.vn>";
	m.sha256 = m.content_key = "sha-list-2";
	m.organization = "THỊ ỦY ĐỨC PHỔ";
	m.case_state = NULL;
	txn = db_begin(st, &cause);
	ck_assert_msg(store_record(txn, &m, &r, &cause) == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	msg_id = r.msg_id;
	store_recorded_deinit(&r);
	ck_assert_uint_eq(found(st, "0983000003"), 0);
	m.case_state = "review";
	txn = db_begin(st, &cause);
	ck_assert_msg(store_open_case(txn, &m, msg_id, "test", &r, &cause)
	    == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	store_recorded_deinit(&r);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 2);
	ck_assert_uint_eq(found(st, "duc pho vo minh duc 0983000003"), 1);
	ck_assert_uint_eq(found(st, "0983000001"), 2);

	/* a row moved to the other case: found there only */
	ck_assert_uint_eq(found(st, "son tinh bay"), 1);
	ck_assert_uint_eq(found(st, "duc pho bay"), 0);
	ck_assert_int_eq(raw("UPDATE case_rows SET case_id = 2 WHERE case_id"
	    " = 1 AND idx = 2"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "son tinh bay"), 0);
	ck_assert_uint_eq(found(st, "duc pho bay"), 1);
	ck_assert_uint_eq(found(st, "son tinh hoa"), 1);
	/* its last row moved out: the case is its header alone again */
	ck_assert_int_eq(raw("UPDATE case_rows SET case_id = 2 WHERE case_id"
	    " = 1"), SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE rowid ="
	    " 1 * 16777216"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 2);
	ck_assert_uint_eq(found(st, "son tinh"), 1);
	ck_assert_uint_eq(found(st, "son tinh hoa"), 0);
	ck_assert_uint_eq(found(st, "duc pho hoa"), 1);
	db_close(st);
}
END_TEST

#define NLIST	2500

/*
 * A list of NLIST rows, the store's first (so row i has id i): rows
 * 1-999, 1000-1999 and 2000-2500 are three documents, each with the
 * case's unit, sender and subject, and nothing else is; the words of a
 * search must fall in one of them (the README says so). Editing a row
 * rebuilds its block alone: a row another writer inserted into the
 * last block is found only once a row of that block changes. A phone
 * is indexed in one form, and found however it is typed.
 */
START_TEST(store_index_blocks_of_1000)
{
	static const struct store_doc	 doc = { .filename = "ds.xlsx",
	    .format = "xlsx", .kind = "sim_activation" };
	struct store_row	*rows;
	struct store_message	 m = { 0 };
	struct store_recorded	 r;
	struct case_filter	 f = { .unit = "son tinh" };
	struct case_summary	*v;
	struct db_txn		*txn;
	struct db		*st;
	GPtrArray		*text = g_ptr_array_new_with_free_func(g_free);
	char			*cause = NULL;
	size_t			 n;

	rows = g_new0(struct store_row, NLIST);
	for (size_t i = 0; i < NLIST; i++) {
		rows[i].idx = (int)i + 1;
		rows[i].phone = g_strdup_printf("849830%05zu", i + 1);
		rows[i].iccid = g_strdup_printf("89840400000%08zu", i + 1);
		rows[i].name = g_strdup_printf("Khách K%04zu", i + 1);
		g_ptr_array_add(text, (char *)rows[i].phone);
		g_ptr_array_add(text, (char *)rows[i].iccid);
		g_ptr_array_add(text, (char *)rows[i].name);
	}
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	m.source = "file";
	m.origin = "/in/list.eml";
	m.message_id = "<list-big@example.vn>";
	m.sha256 = m.content_key = "sha-list-big";
	m.from_addr = "vanphong@sontinh.example.vn";
	m.subject = "Danh sách đề nghị cấp SIM";
	m.received_at = "2024-05-02T08:00:00Z";
	m.kind = "sim_activation";
	m.action = "queue";
	m.contract_json = "{\"contract\":1}";
	m.organization = "HUYỆN ỦY SƠN TỊNH";
	m.case_state = "open";
	m.docs = &doc;
	m.ndocs = 1;
	m.rows = rows;
	m.nrows = NLIST;
	txn = db_begin(st, &cause);
	ck_assert_msg(store_record(txn, &m, &r, &cause) == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	ck_assert_int_eq(r.case_id, 1);
	store_recorded_deinit(&r);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE id ="
	    " idx"), NLIST);

	/* three blocks, by rowid, and no header alone */
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE rowid IN"
	    " (16777216 + 1, 16777216 + 2, 16777216 + 3)"), 3);
	/* every block has the unit, sender and subject */
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE"
	    " cases_fts MATCH 'unit : (son tinh) AND body : (vanphong danh"
	    " sach)'"), 3);
	ck_assert_uint_eq(found(st, "son tinh k0017"), 1);
	ck_assert_uint_eq(found(st, "huyện ủy sơn tịnh Khách K2400"), 1);
	ck_assert_uint_eq(found(st, "vanphong k2500 0983002500"), 1);
	/* words of one block, and of two: just below and at its edge */
	ck_assert_uint_eq(found(st, "k0001 k0999"), 1);
	ck_assert_uint_eq(found(st, "k0999 k1000"), 0);
	ck_assert_uint_eq(found(st, "k1000 k1999"), 1);
	ck_assert_uint_eq(found(st, "k0017 k2400"), 0);
	ck_assert_int_eq(cases_find(st, &f, &v, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	cases_list_free(v, n);

	/* a phone in one form, found however it is typed */
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE"
	    " cases_fts MATCH '983000017'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE"
	    " cases_fts MATCH '0983000017 OR 84983000017'"), 0);
	ck_assert_uint_eq(found(st, "0983000017,"), 1);
	ck_assert_uint_eq(found(st, "84983000017."), 1);
	ck_assert_uint_eq(found(st, "(0983) 000 017;"), 1);
	ck_assert_uint_eq(found(st, "+84 983 000 017"), 1);
	ck_assert_uint_eq(found(st, "983000017"), 1);
	ck_assert_uint_eq(found(st, "0983000017 k0017"), 1);
	ck_assert_uint_eq(found(st, "0983000018 k0017"), 1);
	ck_assert_uint_eq(found(st, "0983001017 k0017"), 0);
	ck_assert_uint_eq(found(st, "8984040000000000017"), 1);

	/* another writer's row in block 2, not indexed yet */
	ck_assert_int_eq(raw("INSERT INTO case_rows (id, case_id,"
	    " document_id, idx, phone, name, json) VALUES (2501, 1, 1, 2501,"
	    " '84912000111', 'Lưu Muộn', '{}')"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "luu muon"), 0);
	/* rows of blocks 0 and 1 edited: block 2 is not rebuilt */
	ck_assert_int_eq(raw("UPDATE case_rows SET name = 'Mai Thị Năm'"
	    " WHERE id = 5; UPDATE case_rows SET phone = '0912000999' WHERE"
	    " id = 1999"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "mai thi nam son tinh"), 1);
	ck_assert_uint_eq(found(st, "k0005"), 0);
	ck_assert_uint_eq(found(st, "84912000999 k1999"), 1);
	ck_assert_uint_eq(found(st, "0983001999"), 0);
	ck_assert_uint_eq(found(st, "luu muon"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 3);
	/* a row of block 2 edited: that block is */
	ck_assert_int_eq(raw("UPDATE case_rows SET iccid = NULL WHERE id ="
	    " 2000"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "luu muon 0912000111 son tinh"), 1);
	ck_assert_uint_eq(found(st, "8984040000000002000"), 0);
	ck_assert_uint_eq(found(st, "k2000"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 3);

	/* a row deleted, and a whole block: its document goes */
	ck_assert_int_eq(raw("DELETE FROM case_rows WHERE id = 1500"),
	    SQLITE_OK);
	ck_assert_uint_eq(found(st, "k1500"), 0);
	ck_assert_uint_eq(found(st, "k1501"), 1);
	ck_assert_int_eq(raw("DELETE FROM case_rows WHERE id BETWEEN 1000"
	    " AND 1999"), SQLITE_OK);
	ck_assert_uint_eq(found(st, "k1501"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE rowid IN"
	    " (16777216 + 1, 16777216 + 3)"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"), 2);
	ck_assert_uint_eq(found(st, "son tinh k2500"), 1);
	/* a row given another id, in another block: it moves there */
	ck_assert_int_eq(raw("UPDATE case_rows SET id = 3000 WHERE id ="
	    " 2001"), SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE rowid IN"
	    " (16777216 + 1, 16777216 + 3, 16777216 + 4)"), 3);
	ck_assert_uint_eq(found(st, "son tinh k2001"), 1);
	ck_assert_uint_eq(found(st, "k2001 k2002"), 0);
	db_close(st);
	g_free(rows);
	g_ptr_array_free(text, TRUE);
}
END_TEST

/* A list of n rows for the search tests, the case's unit unit; the
 * names are "Khách <tag><i>", freed with keep. */
static int64_t
record_named_list(struct db *st, const char *tag, const char *unit,
    size_t n, GPtrArray *keep)
{
	static const struct store_doc	 doc = { .filename = "ds.xlsx",
	    .format = "xlsx", .kind = "sim_activation" };
	struct store_row	*rows = g_new0(struct store_row, n);
	struct store_message	 m = { 0 };
	struct store_recorded	 r;
	struct db_txn		*txn;
	char			*cause = NULL;
	int64_t			 id;

	for (size_t i = 0; i < n; i++) {
		rows[i].idx = (int)i + 1;
		rows[i].phone = g_strdup_printf("8498%07zu", i + 1);
		rows[i].name = g_strdup_printf("Khách %s%zu", tag, i + 1);
		g_ptr_array_add(keep, (char *)rows[i].phone);
		g_ptr_array_add(keep, (char *)rows[i].name);
	}
	m.source = "file";
	m.origin = m.message_id = m.sha256 = m.content_key = g_strdup_printf(
	    "<%s@example.vn>", tag);
	g_ptr_array_add(keep, (char *)m.origin);
	m.from_addr = "vanphong@example.vn";
	m.subject = "Danh sách đề nghị cấp SIM";
	m.received_at = "2024-05-02T08:00:00Z";
	m.kind = "sim_activation";
	m.action = "queue";
	m.contract_json = "{\"contract\":1}";
	m.organization = unit;
	m.case_state = "open";
	m.docs = &doc;
	m.ndocs = 1;
	m.rows = rows;
	m.nrows = n;
	txn = db_begin(st, &cause);
	ck_assert_msg(store_record(txn, &m, &r, &cause) == 0, "%s", cause);
	ck_assert_msg(db_commit(txn, &cause) == 0, "%s", cause);
	id = r.case_id;
	store_recorded_deinit(&r);
	g_free(rows);
	return (id);
}

/*
 * A list of STORE_INDEX_LATER_ROWS rows or more is recorded with its
 * header document alone and left for store_index_pending (version 19);
 * a shorter one is indexed as it is stored. Until then the long list is
 * found by its unit and not by its rows; after, its documents are the
 * view's to the byte, a row edited in between included, and nothing is
 * left. An entry whose case is gone is dropped.
 */
START_TEST(store_index_long_list_after_its_record)
{
	GPtrArray	*keep = g_ptr_array_new_with_free_func(g_free);
	struct db	*st;
	char		*cause = NULL, *sql;
	int64_t		 waiting, longc;
	size_t		 n;

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	record_named_list(st, "a", "HUYỆN ỦY SƠN TỊNH",
	    STORE_INDEX_LATER_ROWS - 1, keep);
	longc = record_named_list(st, "b", "THỊ ỦY ĐỨC PHỔ",
	    STORE_INDEX_LATER_ROWS, keep);
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 1);
	sql = g_strdup_printf("SELECT count(*) FROM cases_fts WHERE rowid ="
	    " %lld * 16777216", (long long)longc);
	ck_assert_int_eq(count(sql), 1);
	ck_assert_uint_eq(found(st, "son tinh khach a4999"), 1);
	ck_assert_uint_eq(found(st, "duc pho"), 1);
	ck_assert_uint_eq(found(st, "khach b17"), 0);
	ck_assert_int_eq(store_index_waiting(st, &waiting, &cause), 0);
	ck_assert_int_eq(waiting, 1);
	/* a row of it renamed by hand before its index is built */
	ck_assert_int_eq(raw("UPDATE case_rows SET name = 'Mai Thị Năm'"
	    " WHERE name = 'Khách b4200'"), SQLITE_OK);

	ck_assert_msg(store_index_pending(st, &n, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 0);
	ck_assert_int_eq(count(sql), 0);
	assert_index_is_view();
	ck_assert_uint_eq(found(st, "duc pho khach b17 0980000017"), 1);
	ck_assert_uint_eq(found(st, "mai thi nam"), 1);
	ck_assert_uint_eq(found(st, "khach b4200"), 0);
	ck_assert_uint_eq(found(st, "khach b5000"), 1);
	ck_assert_int_eq(store_index_waiting(st, &waiting, &cause), 0);
	ck_assert_int_eq(waiting, 0);

	/* nothing left: nothing done; a case gone: its entry dropped */
	ck_assert_int_eq(store_index_pending(st, &n, &cause), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(raw("INSERT INTO index_pending VALUES (999)"),
	    SQLITE_OK);
	ck_assert_msg(store_index_pending(st, &n, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts WHERE rowid"
	    " >> 24 = 999"), 0);
	g_free(sql);
	g_ptr_array_free(keep, TRUE);
	db_close(st);
}
END_TEST

/*
 * `cases --search` and `--unit` bring the index up to date before they
 * search: a long list recorded (by ingest, say) is found by its rows at
 * once, and the index left complete; a listing without a search leaves
 * it for later.
 */
START_TEST(cli_search_indexes_long_lists_first)
{
	GPtrArray	*keep = g_ptr_array_new_with_free_func(g_free);
	struct db	*st;
	char		*cause = NULL, *out = NULL, *err = NULL;

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	record_named_list(st, "c", "THỊ ỦY ĐỨC PHỔ", STORE_INDEX_LATER_ROWS,
	    keep);
	db_close(st);
	ck_assert_int_eq(run(&out, &err, "cases", "--json"), 0);
	ck_assert_ptr_nonnull(strstr(out, "ĐỨC PHỔ"));
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 1);
	g_free(out);
	g_free(err);
	/* status tells the operator */
	ck_assert_int_eq(run(&out, &err, "status"), 0);
	ck_assert_msg(strstr(out, "\nsearch index   the rows of 1 long list "
	    "wait (") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "status", "--json"), 0);
	ck_assert_msg(strstr(out, "\"search_index\":{\"lists_waiting\":1}")
	    != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--search", "Khách c4321",
	    "--json"), 0);
	ck_assert_msg(strstr(out, "ĐỨC PHỔ") != NULL, "%s%s", out, err);
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 0);
	ck_assert_ptr_null(strstr(err, "not in the search index"));
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "status"), 0);
	ck_assert_msg(strstr(out, "\nsearch index   complete\n") != NULL, "%s",
	    out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "status", "--json"), 0);
	ck_assert_msg(strstr(out, "\"search_index\":{\"lists_waiting\":0}")
	    != NULL, "%s", out);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(run(&out, &err, "cases", "--search", "khach c4321",
	    "--unit", "son tinh", "--json"), 0);
	ck_assert_str_eq(out, "");
	g_free(out);
	g_free(err);
	g_ptr_array_free(keep, TRUE);
}
END_TEST

/* The store's files readable by others and writable by none but their
 * owner (root writes anything: the reader is then nobody); mode 0 puts
 * the test's own modes back. */
static void
store_for_readers(bool on)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	bool	 root = geteuid() == 0;

	for (size_t i = 0; i < G_N_ELEMENTS(ext); i++) {
		char *p = g_strconcat(db, ext[i], NULL);

		ck_assert_msg(g_chmod(p, on && !root ? 0444 : 0644) == 0 ||
		    (i > 0 && errno == ENOENT), "%s: %s", p,
		    g_strerror(errno));
		g_free(p);
	}
	ck_assert_int_eq(g_chmod(tmpdir, on ? (root ? 0755 : 0555) : 0700),
	    0);
}

/*
 * A clerk or an auditor who may read the store but not write it (e2e
 * trial 4): every writer keeps the store's WAL files when it closes, so
 * the reader opens the store whether or not the service runs. status
 * and cases serve it; cases --search cannot index a long list's rows
 * and says so once, with why, finding its case by the unit still.
 */
START_TEST(cli_reader_is_served_and_told_of_the_index)
{
	GPtrArray	*keep = g_ptr_array_new_with_free_func(g_free);
	struct db	*st;
	char		*cause = NULL, *out = NULL, *err = NULL;
	char		*conf = test_reader_setup(tmpdir);
	const char	*status[] = { "status", "-c", conf, "--db", db, NULL };
	const char	*unit[] = { "cases", "--unit", "duc pho", "-c", conf,
			    "--db", db, NULL };
	const char	*rows[] = { "cases", "--search", "Khách c4321",
			    "--json", "-c", conf, "--db", db, NULL };

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	record_named_list(st, "c", "THỊ ỦY ĐỨC PHỔ", STORE_INDEX_LATER_ROWS,
	    keep);
	db_close(st);
	store_for_readers(true);

	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, status), 0);
	ck_assert_msg(strstr(out, "\nsearch index   the rows of 1 long list "
	    "wait (") != NULL, "%s%s", out, err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, unit), 0);
	ck_assert_msg(strstr(out, "HT-") != NULL && strstr(out, "ĐỨC PHỔ") !=
	    NULL, "%s%s", out, err);
	ck_assert_msg(strstr(err, "the rows of 1 long list are not in the "
	    "search index yet: its case is found by unit") != NULL &&
	    strstr(err, ": cannot write: ") != NULL, "%s", err);
	ck_assert_msg(strstr(err, "readonly database") == NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, rows), 0);
	ck_assert_str_eq(out, "");
	ck_assert_msg(strstr(err, "not in the search index") != NULL &&
	    strstr(strstr(err, "not in the search index") + 1,
	    "not in the search index") == NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM index_pending"), 1);

	/* the service user indexes them, and the reader finds the row */
	store_for_readers(false);
	ck_assert_int_eq(run(&out, &err, "cases", "--search", "Khách c4321",
	    "--json"), 0);
	ck_assert_msg(strstr(out, "ĐỨC PHỔ") != NULL, "%s%s", out, err);
	g_free(out);
	g_free(err);
	store_for_readers(true);
	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, rows), 0);
	ck_assert_msg(strstr(out, "ĐỨC PHỔ") != NULL, "%s%s", out, err);
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
	store_for_readers(false);

	/* closed last by another program (the sqlite3 shell, a copy): its
	 * WAL files gone, the reader is told what to do, and one run by a
	 * writer serves it again */
	{
		sqlite3	*h;
		char	*wal = g_strconcat(db, "-wal", NULL);

		ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(h, "SELECT count(*) FROM cases",
		    NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
		ck_assert(!g_file_test(wal, G_FILE_TEST_EXISTS));
		g_free(wal);
	}
	store_for_readers(true);
	ck_assert_int_ne(test_hotrocks_reader(tmpdir, &out, &err, status), 0);
	ck_assert_msg(strstr(err, ": cannot read it as this user until it is "
	    "opened once by one who may write it") != NULL, "%s%s", out, err);
	g_free(out);
	g_free(err);
	store_for_readers(false);
	ck_assert_int_eq(run(&out, &err, "status"), 0);
	g_free(out);
	g_free(err);
	store_for_readers(true);
	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, status), 0);
	g_free(out);
	g_free(err);
	store_for_readers(false);
	g_ptr_array_free(keep, TRUE);
	g_free(conf);
}
END_TEST

/* A store the user may not reach is not "no such store" (e2e trial 4,
 * finding 3): report says why, as every other command does. */
START_TEST(cli_report_says_why_it_cannot_open)
{
	char		*cause = NULL, *out = NULL, *err = NULL;
	char		*conf = test_reader_setup(tmpdir);
	char		*locked = g_build_filename(tmpdir, "locked", NULL);
	char		*store = g_build_filename(locked, "h.db", NULL);
	struct db	*st;
	const char	*report[] = { "report", "-c", conf, "--db", store,
			    NULL };

	ck_assert_int_eq(g_mkdir(locked, 0700), 0);
	st = store_open(store, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	db_close(st);
	/* the reader reaches its own files, not the store's folder */
	ck_assert_int_eq(g_chmod(tmpdir, 0755), 0);
	ck_assert_int_eq(g_chmod(locked, geteuid() == 0 ? 0700 : 0), 0);
	ck_assert_int_eq(test_hotrocks_reader(tmpdir, &out, &err, report),
	    EX_IOERR);
	ck_assert_int_eq(g_chmod(locked, 0700), 0);
	ck_assert_int_eq(g_chmod(tmpdir, 0700), 0);
	ck_assert_msg(strstr(err, ": cannot open: Permission denied") != NULL,
	    "%s", err);
	ck_assert_ptr_null(strstr(err, "no such store"));
	g_free(out);
	g_free(err);
	g_free(store);
	g_free(locked);
	g_free(conf);
}
END_TEST

/*
 * already_requested through the rows: the same list sent again (a new
 * Message-ID) after the first one's rows were settled. A refused row
 * frees its SIM; an activated one holds it even though its case is
 * done. _i: 0 all refused, 1 all activated, 2 row 1 refused and the
 * rest activated, 3 row 1 refused in a case still open, 4 nothing
 * settled (every row held by the open case), 5 forward approved and
 * case done (forwarded rows hold), 6 the same with row 1 refused, 7
 * case done while its forward was held (pending rows free).
 */
START_TEST(already_requested_through_row_states)
{
	static const struct {
		const char	*refused, *activated;
		int		 held;
		bool		 closes;
		bool		 approve;	/* its forward, first */
		bool		 done;		/* case done, last */
	} t[] = {
		{ "1-5", NULL, 0, true, false, false },
		{ NULL, "1-5", 5, true, false, false },
		{ "1", "2-5", 4, true, false, false },
		{ "1", NULL, 4, false, false, false },
		{ NULL, NULL, 5, false, false, false },
		/* the Cục was sent them: they hold after case done too (e2e
		 * finding 4), but for a row refused */
		{ NULL, NULL, 5, true, true, true },
		{ "1", NULL, 4, true, true, true },
		/* closed before its forward was approved: nothing went */
		{ NULL, NULL, 0, true, false, true },
	};
	char	*out = NULL, *err = NULL, *number, *path, *raw_msg, *again;
	char	*moved;
	size_t	 len;

	ingest("01-outlook-docx-sontinh.eml");
	number = case_of("HUYỆN ỦY SƠN TỊNH");
	if (t[_i].approve) {
		ck_assert_int_eq(run(&out, &err, "forward", "approve", "1"), 0);
		g_free(out);
		g_free(err);
	}
	if (t[_i].refused != NULL) {
		ck_assert_int_eq(run(&out, &err, "case", "rows", number,
		    "--set", "refused", "--rows", t[_i].refused),
		    0);
		g_free(out);
		g_free(err);
	}
	if (t[_i].activated != NULL) {
		ck_assert_int_eq(run(&out, &err, "case", "rows", number,
		    "--set", "activated", "--rows", t[_i].activated), 0);
		g_free(out);
		g_free(err);
	}
	if (t[_i].done) {
		ck_assert_int_eq(run(&out, &err, "case", "done", number), 0);
		g_free(out);
		g_free(err);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE state ="
	    " 'done'"), t[_i].closes);
	/* the same list again, as a new message */
	path = sample("01-outlook-docx-sontinh.eml");
	raw_msg = (char *)test_slurp(path, &len);
	moved = strstr(raw_msg, "\nMessage-ID: <");
	ck_assert_ptr_nonnull(moved);
	moved += strlen("\nMessage-ID: <");
	again = g_strdup_printf("%.*sagain.%s", (int)(moved - raw_msg),
	    raw_msg, moved);
	g_free(path);
	path = g_build_filename(tmpdir, "again.eml", NULL);
	ck_assert(g_file_set_contents(path, again, -1, NULL));
	ingest_path(path);
	ck_assert_int_eq(count("SELECT count(*) FROM messages"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM (SELECT json FROM"
	    " message_rows WHERE msg_id = 2 UNION ALL SELECT r.json FROM"
	    " case_rows r JOIN messages m ON m.case_id = r.case_id WHERE"
	    " m.id = 2) w, json_tree(nullif(w.json, '')) t WHERE t.key ="
	    " 'code' AND t.value = 'already_requested'"), t[_i].held);
	g_free(path);
	g_free(raw_msg);
	g_free(again);
	g_free(number);
}
END_TEST

/* Every outbox row whole again, attachments and all (before version
 * 9 the row held the message's every byte). */
static void
put_attachments_back(void)
{
	struct db	*st;
	sqlite3_stmt	*q, *u;
	char		*cause = NULL, *full;
	size_t		 len;

	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	{
		/* where --db puts them: the archive beside the store */
		char *dir = g_path_get_dirname(db);
		char *blobs = g_build_filename(dir, "archive", "blobs", NULL);

		db_set_blob_dir(st, blobs);
		g_free(blobs);
		g_free(dir);
	}
	q = db_prepare(st, "SELECT id, raw FROM outbox", &cause);
	u = db_prepare(st, "UPDATE outbox SET raw = ?1 WHERE id = ?2", &cause);
	ck_assert_msg(q != NULL && u != NULL, "%s", cause);
	while (sqlite3_step(q) == SQLITE_ROW) {
		ck_assert_msg(queue_raw(st, sqlite3_column_int64(q, 0),
		    (const char *)sqlite3_column_text(q, 1), &full, &len,
		    &cause) == 0, "%s", cause);
		sqlite3_bind_text(u, 1, full, (int)len, g_free);
		sqlite3_bind_int64(u, 2, sqlite3_column_int64(q, 0));
		ck_assert_int_eq(sqlite3_step(u), SQLITE_DONE);
		sqlite3_reset(u);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	db_close(st);
}

/* A store of version 7 with a forwarded list and a done case: the
 * migration keeps ids, marks forwarded rows, sets closed_at, fills the
 * index. */
START_TEST(migration_from_version_7)
{
	struct db		*st;
	struct case_summary	*v;
	struct case_filter	 f = { .search = "son tinh" };
	char			*cause = NULL, *s, *out = NULL, *err = NULL;
	size_t			 n;

	ingest("01-outlook-docx-sontinh.eml");
	ingest("02-thunderbird-xlsx-btg.eml");
	/* released: their rows forwarded (held, they would stay pending) */
	ck_assert_int_eq(run(&out, &err, "forward", "approve", "--all"), 0);
	g_free(out);
	g_free(err);
	put_attachments_back();
	/* back to how version 7 held it */
	ck_assert_int_eq(raw("DROP TRIGGER cases_move; DROP TRIGGER"
	    " cases_closed; DROP TRIGGER cases_fts_case; DROP TRIGGER"
	    " cases_fts_case_update; DROP TRIGGER cases_fts_case_delete;"
	    " DROP TRIGGER cases_fts_row_update;"
	    " DROP TRIGGER cases_fts_row_delete; DROP VIEW cases_doc;"
	    " UPDATE cases SET state = 'done', closed_at = NULL"
	    " WHERE id = 2; DROP TABLE cases_fts; UPDATE case_rows SET state"
	    " = 'pending'; DROP VIEW message_decision; DROP TABLE decisions;"
	    " DROP TABLE message_rows; DROP TABLE index_pending;"
	    " DROP TABLE outbox_copies_owed;"
	    " PRAGMA user_version = 7;"), SQLITE_OK);
	/* version 9 goes too: each item was made whole again in its row
	 * above, as a store of version 7 held it */
	ck_assert_int_eq(raw("DROP TABLE outbox_blobs;"
	    " DROP TABLE outbox_blobs_unmoved;"), SQLITE_OK);
	ck_assert_int_eq(raw("DROP TABLE forward_freed;"), SQLITE_OK);
	ck_assert_int_eq(raw("ALTER TABLE documents DROP COLUMN doc_number;"
	    " ALTER TABLE documents DROP COLUMN doc_date;"), SQLITE_OK);
	ck_assert_int_eq(raw("DROP TABLE case_moves;"
	    " ALTER TABLE case_rows DROP COLUMN state;"
	    " ALTER TABLE case_rows DROP COLUMN state_note; ALTER TABLE"
	    " case_rows DROP COLUMN state_at; ALTER TABLE cases DROP COLUMN"
	    " assignee; ALTER TABLE cases DROP COLUMN closed_at;"), SQLITE_OK);
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(count("PRAGMA user_version"), 19);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE state ="
	    " 'forwarded'"), count("SELECT count(*) FROM forward_items"));
	ck_assert_int_gt(count("SELECT count(*) FROM forward_items"), 0);
	s = text("SELECT closed_at = updated_at FROM cases WHERE id = 2");
	ck_assert_str_eq(s, "1");
	g_free(s);
	ck_assert_int_eq(cases_find(st, &f, &v, &n, &cause), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].organization, "HUYỆN ỦY SƠN TỊNH");
	cases_list_free(v, n);
	/* version 8's index (a document a row) became one a case */
	ck_assert_int_eq(count("SELECT count(*) FROM cases_fts"),
	    count("SELECT count(*) FROM cases"));
	ck_assert_uint_eq(found(st, "son tinh nguyen duc thang"), 1);
	ck_assert_uint_eq(found(st, "0983 216 549 8984048000415273607"), 1);
	ck_assert_uint_eq(found(st, "duc pho 0983216549"), 0);
	db_close(st);
}
END_TEST

/* How many temporary b-trees the statement's program opens. */
static int
ephemeral(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*x = g_strconcat("EXPLAIN ", sql, NULL);
	int		 n = 0;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, x, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(st, 1),
		    "OpenEphemeral") == 0)
			n++;
	sqlite3_finalize(st);
	sqlite3_close(h);
	g_free(x);
	return (n);
}

/* The store opened, so migrated to the newest version, and what probe
 * reads the same after as before. */
static struct db *
migrate_keeping(const char *probe)
{
	struct db	*st;
	char		*cause = NULL, *before, *after;

	before = text(probe);
	ck_assert_ptr_nonnull(before);
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(count("PRAGMA user_version"), 19);
	after = text(probe);
	ck_assert_str_eq(after, before);
	g_free(before);
	g_free(after);
	return (st);
}

/* A store of version 14, whose rows' states were checked by an IN list
 * (a temporary b-tree a row): the rebuild keeps every row, id, state
 * and note, still refuses a state that is none, indexes the rows again
 * and inserts a row with no temporary b-tree. */
START_TEST(migration_from_version_14)
{
	struct db	*st;
	const char	*rows = "SELECT group_concat(id || ':' || case_id || ':'"
	    " || state || ':' || coalesce(state_note, '') || ':' || phone, ';')"
	    " FROM (SELECT * FROM case_rows ORDER BY id)";

	ingest("01-outlook-docx-sontinh.eml");
	ingest("02-thunderbird-xlsx-btg.eml");
	ck_assert_int_eq(raw("UPDATE case_rows SET state = 'refused',"
	    " state_note = 'không thuộc đối tượng' WHERE id = 2"), SQLITE_OK);
	ck_assert_int_eq(raw("PRAGMA writable_schema = ON; UPDATE"
	    " sqlite_schema SET sql = replace(sql, 'CHECK (state = ''pending''"
	    " OR state = ''forwarded'' OR state = ''activated'' OR state ="
	    " ''refused'')', 'CHECK (state IN (''pending'',''forwarded'',"
	    "''activated'',''refused''))') WHERE name = 'case_rows';"
	    " PRAGMA writable_schema = OFF; DROP TABLE message_rows;"
	    " DROP TABLE index_pending;"
	    " DROP TABLE outbox_copies_owed;"
	    " PRAGMA user_version = 14;"),
	    SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " name = 'case_rows' AND sql LIKE '%state IN (%'"), 1);
	st = migrate_keeping(rows);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " name = 'case_rows' AND sql LIKE '%state IN (%'"), 0);
	ck_assert_int_ne(raw("UPDATE case_rows SET state = 'lost'"
	    " WHERE id = 1"), SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows WHERE state ="
	    " 'lost'"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " type = 'index' AND tbl_name = 'case_rows'"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " type = 'trigger' AND name IN ('cases_fts_case',"
	    " 'cases_fts_case_update', 'cases_fts_row_update',"
	    " 'cases_fts_row_delete')"), 4);
	ck_assert_uint_eq(found(st, "son tinh nguyen duc thang"), 1);
	ck_assert_uint_eq(found(st, "0983 216 549 8984048000415273607"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
	ck_assert_int_eq(ephemeral("INSERT INTO case_rows (case_id,"
	    " document_id, idx, json) VALUES (1, 1, 9, '')"), 0);
	ck_assert_int_eq(ephemeral("UPDATE case_rows SET state = 'activated'"
	    " WHERE case_id = 1"), 0);
	db_close(st);
}
END_TEST

/* A store of version 15, whose forward_items kept row_id UNIQUE beside
 * the table (an index of every forwarded row): the rebuild keys the
 * table by its row, keeps every item, and a row still goes in one
 * forward only. */
START_TEST(migration_from_version_15)
{
	struct db	*st;
	const char	*items = "SELECT group_concat(row_id || ':' ||"
	    " forward_id || ':' || case_id, ';') FROM (SELECT * FROM"
	    " forward_items ORDER BY row_id)";

	ingest("01-outlook-docx-sontinh.eml");
	ingest("02-thunderbird-xlsx-btg.eml");
	ck_assert_int_gt(count("SELECT count(*) FROM forward_items"), 0);
	ck_assert_int_eq(raw("CREATE TABLE old (forward_id INTEGER NOT NULL"
	    " REFERENCES forwards (id), case_id INTEGER NOT NULL REFERENCES"
	    " cases (id), row_id INTEGER NOT NULL UNIQUE REFERENCES case_rows"
	    " (id)); INSERT INTO old SELECT forward_id, case_id, row_id FROM"
	    " forward_items; DROP TABLE forward_items; ALTER TABLE old RENAME"
	    " TO forward_items; CREATE INDEX forward_items_forward ON"
	    " forward_items (forward_id); CREATE INDEX forward_items_case ON"
	    " forward_items (case_id); DROP INDEX outbox_msg; DROP INDEX"
	    " outbox_case; DROP INDEX outbox_created; DROP TABLE message_rows;"
	    " DROP TABLE index_pending;"
	    " DROP TABLE outbox_copies_owed;"
	    " PRAGMA user_version = 15;"), SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " name = 'sqlite_autoindex_forward_items_1'"), 1);
	st = migrate_keeping(items);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " tbl_name = 'forward_items' AND name LIKE 'sqlite_autoindex%'"),
	    0);
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " type = 'index' AND tbl_name = 'forward_items'"), 2);
	/* and the outbox found by message, case and day, not scanned */
	ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE"
	    " type = 'index' AND name IN ('outbox_msg', 'outbox_case',"
	    " 'outbox_created')"), 3);
	/* the row's own key: a second forward cannot carry it */
	ck_assert_int_ne(raw("INSERT INTO forward_items (row_id, forward_id,"
	    " case_id) SELECT row_id, forward_id, case_id FROM forward_items"
	    " LIMIT 1"), SQLITE_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
	db_close(st);
}
END_TEST

/* A store of version 17, whose rejected list kept its rows in its
 * decision's text: migrated, it reads that decision as it did, the
 * office report counts its rows' errors, and a list rejected after it
 * keeps its rows beside it, both read back as inspect wrote them. */
START_TEST(migration_from_version_17)
{
	struct db	*st;
	char		*cause = NULL, *stored, *whole, *back, *out = NULL;
	char		*err = NULL, *report = NULL;

	ingest("05-zimbra-docx-row-errors.eml");
	ck_assert_int_gt(count("SELECT count(*) FROM message_rows"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM messages WHERE action ="
	    " 'reject'"), 1);
	stored = text("SELECT contract_json FROM messages");
	ck_assert_int_eq(run(&report, &err, "report", "--from", "2020-01-01",
	    "--to", "2030-01-01", "--at", "2030-01-01T00:00:00Z",
	    "--format", "json"), 0);
	g_free(err);
	ck_assert_ptr_nonnull(strstr(report, "\"iccid_checksum\""));
	st = store_open(db, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	whole = store_contract(st, 1, stored, &cause);
	ck_assert_msg(whole != NULL, "%s", cause);
	db_close(st);
	ck_assert_ptr_null(strstr(whole, CONTRACT_ROWS_MESSAGE));
	ck_assert_int_gt(strlen(whole), strlen(stored));
	/* back to how version 17 held it: the rows in the text */
	test_store_rewrite(db, "UPDATE messages SET contract_json = ?1",
	    whole, "DROP TABLE message_rows; DROP TABLE index_pending;"
	    " DROP TABLE outbox_copies_owed;"
	    " PRAGMA user_version = 16;");

	st = migrate_keeping("SELECT contract_json FROM messages");
	ck_assert_int_eq(count("SELECT count(*) FROM message_rows"), 0);
	back = store_contract(st, 1, whole, &cause);
	ck_assert_str_eq(back, whole);
	g_free(back);
	db_close(st);
	/* the rows' errors counted from the text as from the rows */
	ck_assert_int_eq(run(&out, &err, "report", "--from", "2020-01-01",
	    "--to", "2030-01-01", "--at", "2030-01-01T00:00:00Z",
	    "--format", "json"), 0);
	ck_assert_str_eq(out, report);
	g_free(out);
	g_free(err);
	g_free(report);

	ingest("06-outlook-xlsx-row-errors.eml");
	ck_assert_int_gt(count("SELECT count(*) FROM message_rows WHERE"
	    " msg_id = 2"), 0);
	stored = (g_free(stored), text("SELECT contract_json FROM messages"
	    " WHERE id = 2"));
	ck_assert_ptr_nonnull(strstr(stored, "\"rows\":\""
	    CONTRACT_ROWS_MESSAGE "\""));
	g_free(stored);
	g_free(whole);
}
END_TEST

Suite *
case_flow_suite(void)
{
	Suite	*s = suite_create("case_flow");
	TCase	*tc;

	tc = tcase_create("store");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, store_every_move_allowed_or_refused, 0,
	    NSTATES * NSTATES);
	tcase_add_loop_test(tc, store_trigger_refuses_illegal_update, 0,
	    NSTATES * NSTATES);
	tcase_add_test(tc, store_closed_at_follows_the_state);
	tcase_add_test(tc, store_index_kept_current);
	tcase_add_test(tc, store_index_one_document_a_case);
	tcase_add_test(tc, store_index_built_as_rows_are_stored);
	tcase_add_test(tc, store_index_blocks_of_1000);
	tcase_add_test(tc, store_index_long_list_after_its_record);
	tcase_add_test(tc, fts_query_words_and_phones);
	suite_add_tcase(s, tc);

	tc = tcase_create("cli");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, cli_every_move_allowed_or_refused, 0,
	    NSTATES * 4);
	tcase_add_test(tc, cli_move_names_allowed_and_actor);
	tcase_add_test(tc, cli_note_assign_show_json);
	tcase_add_test(tc, flag_cleared_by_a_person);
	tcase_add_test(tc, done_warns_of_a_held_forward);
	tcase_add_test(tc, cli_rows_close_the_case);
	tcase_add_test(tc, cli_search);
	tcase_add_test(tc, cli_search_indexes_long_lists_first);
	tcase_add_test(tc, cli_reader_is_served_and_told_of_the_index);
	tcase_add_test(tc, cli_report_says_why_it_cannot_open);
	tcase_add_loop_test(tc, already_requested_through_row_states, 0, 8);
	tcase_add_test(tc, migration_from_version_7);
	tcase_add_test(tc, migration_from_version_14);
	tcase_add_test(tc, migration_from_version_15);
	tcase_add_test(tc, migration_from_version_17);
	suite_add_tcase(s, tc);

	/* never the square of a case's rows (ASan on a loaded 2-core
	 * machine settles them in well under this) */
	tc = tcase_create("long");
	tcase_set_timeout(tc, 90);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, store_rows_set_on_a_long_case_is_bounded);
	suite_add_tcase(s, tc);
	return (s);
}
