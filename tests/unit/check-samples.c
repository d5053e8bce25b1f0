/* check-samples.c: every bundled sample through the whole decision (the
 * same code `hotrocks inspect` runs), its CONTRACT JSON compared field by
 * field with what samples/make-samples.py says the CONTRACT demands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/contract.h"
#include "tests/unit/testlib.h"

static JsonParser	*expected_parser;
static JsonObject	*expected;
static GList		*names;		/* sorted file names */
static struct config	*cfg;

static const char *
samples_dir(void)
{
	const char *d = getenv("HOTROCKS_SAMPLES");

	return (d ? d : "build/samples");
}

static void
load_expected(void)
{
	char	*path;
	GError	*err = NULL;

	if (expected != NULL)
		return;
	path = g_build_filename(samples_dir(), "expected.json", NULL);
	expected_parser = json_parser_new();
	if (!json_parser_load_from_file(expected_parser, path, &err)) {
		g_clear_error(&err);
		g_free(path);
		return;
	}
	g_free(path);
	expected = json_node_get_object(json_parser_get_root(expected_parser));
	names = g_list_sort(json_object_get_members(expected),
	    (GCompareFunc)strcmp);
}

/* The codes of a findings array, sorted and joined: "a,b". */
static char *
codes_of(JsonArray *a)
{
	GPtrArray	*v = g_ptr_array_new();
	char		*s;

	for (guint i = 0; a != NULL && i < json_array_get_length(a); i++) {
		JsonNode *n = json_array_get_element(a, i);

		if (JSON_NODE_HOLDS_OBJECT(n))
			g_ptr_array_add(v, (char *)json_object_get_string_member(
			    json_node_get_object(n), "code"));
		else
			g_ptr_array_add(v, (char *)json_node_get_string(n));
	}
	g_ptr_array_sort(v, (GCompareFunc)g_strcmp0);
	g_ptr_array_add(v, NULL);
	s = g_strjoinv(",", (char **)v->pdata);
	g_ptr_array_free(v, TRUE);
	return (s);
}

static const char *
str_or_null(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	if (n == NULL || JSON_NODE_HOLDS_NULL(n))
		return (NULL);
	return (json_node_get_string(n));
}

/* Compares the string member name of exp (when exp has it) with act's. */
static void
same_str(const char *file, const char *where, JsonObject *exp,
    JsonObject *act, const char *name)
{
	if (!json_object_has_member(exp, name))
		return;
	ck_assert_msg(g_strcmp0(str_or_null(exp, name),
	    str_or_null(act, name)) == 0, "%s %s: %s expected '%s', got '%s'",
	    file, where, name, str_or_null(exp, name), str_or_null(act, name));
}

static void
same_codes(const char *file, const char *where, JsonObject *exp,
    JsonObject *act, const char *name)
{
	char *e, *a;

	if (!json_object_has_member(exp, name))
		return;
	e = codes_of(json_object_get_array_member(exp, name));
	a = codes_of(json_object_get_array_member(act, name));
	ck_assert_msg(strcmp(e, a) == 0, "%s %s: %s expected [%s], got [%s]",
	    file, where, name, e, a);
	g_free(e);
	g_free(a);
}

START_TEST(samples_decided_as_expected)
{
	const char	*file;
	char		*path, *json, *cause = NULL;
	unsigned char	*raw;
	size_t		 len;
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;
	JsonParser	*p;
	JsonObject	*exp, *act;
	JsonArray	*edocs, *adocs;

	ck_assert_msg(expected != NULL, "no %s/expected.json: run make "
	    "samples", samples_dir());
	file = g_list_nth_data(names, _i);
	exp = json_object_get_object_member(expected, file);
	path = g_build_filename(samples_dir(), file, NULL);
	raw = test_slurp(path, &len);
	ck_assert_int_eq(analyse_message(raw, len, cfg, NULL, &m, &dec, &why),
	    0);
	json = contract_json(m, dec, false);
	p = json_parser_new();
	ck_assert(json_parser_load_from_data(p, json, -1, NULL));
	act = json_node_get_object(json_parser_get_root(p));
	ck_assert_int_eq(json_object_get_int_member(act, "contract"), 1);

	same_str(file, "message", exp, act, "kind");
	same_str(file, "message", exp, act, "action");
	same_codes(file, "message", exp, act, "errors");
	same_codes(file, "message", exp, act, "warnings");
	edocs = json_object_has_member(exp, "documents") ?
	    json_object_get_array_member(exp, "documents") : NULL;
	adocs = json_object_get_array_member(act, "documents");
	if (edocs != NULL)
		ck_assert_msg(json_array_get_length(edocs) ==
		    json_array_get_length(adocs), "%s: %u documents expected, "
		    "got %u", file, json_array_get_length(edocs),
		    json_array_get_length(adocs));
	for (guint d = 0; edocs != NULL && d < json_array_get_length(edocs);
	    d++) {
		JsonObject	*ed = json_array_get_object_element(edocs, d);
		JsonObject	*ad = json_array_get_object_element(adocs, d);
		JsonArray	*erows, *arows;
		char		 where[64];

		snprintf(where, sizeof(where), "document %u", d + 1);
		same_str(file, where, ed, ad, "filename");
		same_str(file, where, ed, ad, "format");
		same_str(file, where, ed, ad, "kind");
		same_str(file, where, ed, ad, "organization");
		same_str(file, where, ed, ad, "addressee");
		same_codes(file, where, ed, ad, "errors");
		same_codes(file, where, ed, ad, "warnings");
		if (json_object_has_member(ed, "fields")) {
			JsonObject *ef = json_object_get_object_member(ed,
			    "fields");
			JsonObject *af = json_object_get_object_member(ad,
			    "fields");

			same_str(file, where, ef, af, "coordinator_name");
			same_str(file, where, ef, af, "coordinator_phone");
			same_str(file, where, ef, af, "coordinator_email");
		}
		if (!json_object_has_member(ed, "rows"))
			continue;
		erows = json_object_get_array_member(ed, "rows");
		arows = json_object_get_array_member(ad, "rows");
		ck_assert_msg(json_array_get_length(erows) ==
		    json_array_get_length(arows), "%s %s: %u rows expected, "
		    "got %u", file, where, json_array_get_length(erows),
		    json_array_get_length(arows));
		for (guint r = 0; r < json_array_get_length(erows); r++) {
			JsonObject *er = json_array_get_object_element(erows, r);
			JsonObject *ar = json_array_get_object_element(arows, r);

			snprintf(where, sizeof(where), "document %u row %u",
			    d + 1, r + 1);
			if (json_object_has_member(er, "index"))
				ck_assert_msg(json_object_get_int_member(er,
				    "index") == json_object_get_int_member(ar,
				    "index"), "%s %s: index", file, where);
			same_str(file, where, er, ar, "phone");
			same_str(file, where, er, ar, "iccid");
			same_str(file, where, er, ar, "name");
			same_str(file, where, er, ar, "position");
			same_str(file, where, er, ar, "carrier");
			same_str(file, where, er, ar, "device_serial");
			same_str(file, where, er, ar, "device_type");
			same_codes(file, where, er, ar, "errors");
			same_codes(file, where, er, ar, "warnings");
		}
	}
	g_object_unref(p);
	g_free(json);
	g_free(cause);
	decision_free(dec);
	mime_free(m);
	g_free(raw);
	g_free(path);
}
END_TEST

static void
setup(void)
{
	char *cause = NULL;
	char *conf = g_strdup("samples/hotrocks.conf");

	mime_init();
	cfg = config_load(conf, &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	g_free(conf);
}

static void
teardown(void)
{
	config_free(cfg);
	cfg = NULL;
}

Suite *
samples_suite(void)
{
	Suite	*s = suite_create("samples");
	TCase	*tc = tcase_create("inspect");
	int	 n;

	load_expected();
	n = expected != NULL ? (int)g_list_length(names) : 1;
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, samples_decided_as_expected, 0, n);
	suite_add_tcase(s, tc);
	return (s);
}
