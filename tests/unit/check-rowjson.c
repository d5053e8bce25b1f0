/* check-rowjson.c: each row's facts stored once (issue 11.1): a row's
 * rest beside its columns joins back to the very bytes contract_json
 * wrote, a rest that is not one is refused, and every sample message
 * ingested reads back through store_contract as inspect --json prints
 * it. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <sqlite3.h>

#include "intake/contract.h"
#include "intake/store.h"
#include "tests/unit/testlib.h"

/* Text json-glib escapes every way it can, and some it does not. */
#define NASTY	"Việt \"q\" \\ / \x01\x1f\t\n\x7f 😀"

struct row_case {
	const char	*phone, *phone_raw, *device_type;
	const char	*error, *warning;	/* a finding's detail */
	bool		 empty;			/* no rest at all */
};

static const struct row_case row_cases[] = {
	{ "84912345678", "0912345678", NULL, NULL, NULL, true },
	{ NULL, NULL, NULL, NULL, NULL, true },
	{ "84912345678", "+84 912 345 678", NULL, NULL, NULL, false },
	{ "84912345678", NULL, NULL, NULL, NULL, false },
	{ NULL, "0123", NULL, NASTY, NULL, false },
	{ "84912345678", "0912345678", "etoken", NULL, NULL, false },
	{ "84912345678", "0912345678", NULL, NULL, NASTY, false },
	{ "84912345678", "0912345679", NASTY, NASTY, "", false },
	/* a phone that is no 84… keeps its raw form, implied or not */
	{ "0912", "0912", NULL, NULL, NULL, false },
};

/* Every kind of row: its rest, joined to the columns, is the row object
 * contract_json writes, byte for byte; a clean row has no rest. */
START_TEST(rowjson_rest_joins_to_contract_row)
{
	const struct row_case *c = &row_cases[_i];
	struct form_row	 r = { 0 };
	struct contract_row_parts p = { 0 };
	GString		*rest = g_string_new("left over"), *out;
	char		*want;

	r.index = 7 + _i;
	r.phone = (char *)c->phone;
	r.phone_raw = (char *)c->phone_raw;
	r.iccid = "8984040000000000017";
	r.name = _i % 2 ? NASTY : "Nguyễn Văn A";
	r.position = _i % 3 ? NULL : "Phó Bí thư";
	r.carrier = "vinaphone";
	r.device_serial = _i % 2 ? "SN-1" : NULL;
	r.device_type = (char *)c->device_type;
	if (c->error != NULL) {
		findings_add(&r.errors, CODE_PHONE_INVALID, "%s", c->error);
		findings_add(&r.errors, CODE_NAME_MISSING, NULL);
	}
	if (c->warning != NULL)
		findings_add(&r.warnings, CODE_PHONE_CARRIER_MISMATCH, "%s",
		    c->warning);
	contract_row_rest(rest, &r);
	ck_assert_msg((rest->len == 0) == c->empty, "rest %s", rest->str);
	p.index = r.index;
	p.phone = r.phone;
	p.iccid = r.iccid;
	p.name = r.name;
	p.position = r.position;
	p.carrier = r.carrier;
	p.device_serial = r.device_serial;
	p.rest = rest->str;
	out = g_string_new("[");
	ck_assert_int_eq(contract_row_join(out, &p), 0);
	want = contract_row_json(&r);
	ck_assert_str_eq(out->str + 1, want);
	g_free(want);
	g_string_free(out, TRUE);
	g_string_free(rest, TRUE);
	findings_deinit(&r.errors);
	findings_deinit(&r.warnings);
}
END_TEST

/* A rest that contract_row_rest did not write (a store edited by hand,
 * or damaged) is refused and nothing is appended: never a crash, never
 * a row that is not JSON. */
static const char *const bad_rests[] = {
	"{", "}", "x", "{}x", "[]", "{\"phone_raw\":\"a\"",
	"{\"phone_raw\":\"a\"}x", "{\"other\":null}",
	"{\"errors\":1}", "{\"errors\":\"[\"}", "{\"phone_raw\":[]}",
	"{\"warnings\":[],\"errors\":[]}", "{\"errors\":[],\"errors\":[]}",
	"{\"errors\":[\"unterminated]}", "{\"errors\":[{\"code\":\"a\"}}",
	"{\"device_type\":\"a\\", "{\"phone_raw\":nul}",
	"{\"phone_raw\"\"a\"}", "{\"phone_raw\":\"a\",}",
	"{\"errors\":[}]}", "{\"errors\":[{]}]}",
};

START_TEST(rowjson_rest_not_ours_refused)
{
	struct contract_row_parts p = { .index = 1, .phone = "84912345678",
	    .rest = bad_rests[_i] };
	GString *out = g_string_new("kept");

	ck_assert_msg(contract_row_join(out, &p) == -1, "accepted %s",
	    bad_rests[_i]);
	ck_assert_str_eq(out->str, "kept");
	g_string_free(out, TRUE);
}
END_TEST

/* A phone that is no 84… stored without a raw form: nothing implies it. */
START_TEST(rowjson_short_phone_without_raw_refused)
{
	struct contract_row_parts p = { .index = 1, .phone = "8", .rest = "" };
	GString *out = g_string_new(NULL);

	ck_assert_int_eq(contract_row_join(out, &p), -1);
	ck_assert_uint_eq(out->len, 0);
	g_string_free(out, TRUE);
}
END_TEST

/* Every sample, ingested alone into its own store: what the store gives
 * back is what inspect --json prints, and a message that opened a case
 * keeps no row in its stored decision. */
START_TEST(rowjson_samples_read_back_as_inspected)
{
	GDir		*dir = g_dir_open(test_samples_dir(), 0, NULL);
	const char	*name;
	int		 nsamples = 0, napart = 0, nrows = 0;

	ck_assert_ptr_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		char		*path, *db_path, *out = NULL, *err = NULL;
		char		*cause = NULL, *line;
		struct db	*db;
		sqlite3_stmt	*st;

		if (!g_str_has_suffix(name, ".eml"))
			continue;
		nsamples++;
		path = g_build_filename(test_samples_dir(), name, NULL);
		db_path = g_strdup_printf("%s/%s.db", test_dir, name);
		ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q",
		    "-c", "samples/hotrocks.conf", "--db", db_path, path,
		    NULL), 0);
		g_free(out);
		g_free(err);
		ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "-c",
		    "samples/hotrocks.conf", "--json", path, NULL), 0);
		db = store_open_readonly(db_path, &cause);
		ck_assert_msg(db != NULL, "%s", cause);
		st = db_prepare(db, "SELECT id, contract_json, case_id IS NOT"
		    " NULL, (SELECT count(*) FROM case_rows r WHERE"
		    " r.case_id = m.case_id) FROM messages m", &cause);
		ck_assert_msg(st != NULL, "%s", cause);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		{
			const char *stored = (const char *)
			    sqlite3_column_text(st, 1);
			bool apart = strstr(stored, "\"rows\":\"case_rows\"") !=
			    NULL;

			line = store_contract(db, sqlite3_column_int64(st, 0),
			    stored, &cause);
			ck_assert_msg(line != NULL, "%s: %s", name, cause);
			ck_assert_msg(strlen(out) == strlen(line) + 1 &&
			    strncmp(out, line, strlen(line)) == 0,
			    "%s:\ninspect %s\nstored  %s", name, out, line);
			/* alone in its store, a message with a case opened
			 * it: the case holds the rows, the decision none */
			if (sqlite3_column_int(st, 2) != 0)
				ck_assert_msg(strstr(stored, "\"rows\":[") ==
				    NULL, "%s", name);
			else
				ck_assert_msg(!apart, "%s", name);
			napart += apart;
			nrows += sqlite3_column_int(st, 3);
			g_free(line);
		}
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		db_close(db);
		g_free(out);
		g_free(err);
		g_free(db_path);
		g_free(path);
	}
	g_dir_close(dir);
	ck_assert_int_ge(nsamples, 30);
	/* the corpus has lists that open cases, and rows in them */
	ck_assert_int_ge(napart, 5);
	ck_assert_int_ge(nrows, 10);
}
END_TEST

/* The auditor's bundle carries the decision whole, as inspect --json
 * prints it, though the store keeps its rows in the case. */
START_TEST(rowjson_audit_export_carries_the_whole_decision)
{
	char		*out = NULL, *err = NULL, *number, *zip, *cmd, *want;
	char		*got = NULL;
	const char	*sample = "01-outlook-docx-sontinh.eml";
	char		*path = g_build_filename(test_samples_dir(), sample, NULL);

	test_ingest(path);
	ck_assert_int_eq(test_count("SELECT count(*) FROM messages WHERE"
	    " instr(contract_json, '\"rows\":\"case_rows\"') > 0"), 1);
	number = test_text("SELECT number FROM cases");
	zip = g_build_filename(test_dir, "a.zip", NULL);
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "export",
	    "--case", number, "-c", "samples/hotrocks.conf", "--db", test_db,
	    zip, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&want, &err, "inspect", "-c",
	    "samples/hotrocks.conf", "--json", path, NULL), 0);
	g_free(err);
	cmd = g_strdup_printf("unzip -p '%s' messages/1/decision.json", zip);
	ck_assert(g_spawn_command_line_sync(cmd, &got, NULL, NULL, NULL));
	ck_assert_uint_eq(strlen(want), strlen(got) + 1);
	ck_assert(strncmp(want, got, strlen(got)) == 0);
	g_free(cmd);
	g_free(got);
	g_free(want);
	g_free(zip);
	g_free(number);
	g_free(path);
}
END_TEST

/* A store whose row was edited by hand into no rest hotrocks writes:
 * case show says which row and exits 74 (a database error), never a
 * crash and never a row that is not JSON. */
START_TEST(rowjson_damaged_rest_is_a_clear_error)
{
	char		*number;
	sqlite3		*h;

	test_ingest_sample("01-outlook-docx-sontinh.eml");
	number = test_text("SELECT number FROM cases");
	ck_assert_ptr_nonnull(number);
	ck_assert_int_eq(sqlite3_open(test_db, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE case_rows SET json ="
	    " '{\"errors\":[' WHERE id = (SELECT min(id) FROM case_rows)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	test_show_json_refused(number);
	g_free(number);
}
END_TEST

Suite *
rowjson_suite(void)
{
	Suite	*s = suite_create("rowjson");
	TCase	*tc = tcase_create("rowjson");

	tcase_add_checked_fixture(tc, test_store_setup, test_store_teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, rowjson_rest_joins_to_contract_row, 0,
	    G_N_ELEMENTS(row_cases));
	tcase_add_loop_test(tc, rowjson_rest_not_ours_refused, 0,
	    G_N_ELEMENTS(bad_rests));
	tcase_add_test(tc, rowjson_short_phone_without_raw_refused);
	tcase_add_test(tc, rowjson_samples_read_back_as_inspected);
	tcase_add_test(tc, rowjson_audit_export_carries_the_whole_decision);
	tcase_add_test(tc, rowjson_damaged_rest_is_a_clear_error);
	suite_add_tcase(s, tc);
	return (s);
}
