/* check-reprocess.c: hotrocks reprocess, run as staff run it, on a store
 * of its own: a list rejected because its sender was not registered is
 * accepted once the registry is fixed, the new decision kept beside the
 * first, the unit answered only with --send and only once; an unchanged
 * outcome records and queues nothing (the message's own case is no
 * earlier request of its rows); a stricter registry flags the case and
 * queues the rejection; selectors and a lost archive. "Now" is --at. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tests/unit/testlib.h"

#define AT	"2024-06-01T02:00:00Z"
#define SAMPLE	"01-outlook-docx-sontinh.eml"

static char	*dir, *db, *conf, *reg;

static const char *
samples(void)
{
	const char *d = getenv("HOTROCKS_SAMPLES");

	return (d != NULL ? d : "build/samples");
}

static void
setup(void)
{
	char *text;

	dir = g_dir_make_tmp("reprocess-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	db = g_build_filename(dir, "h.db", NULL);
	conf = g_build_filename(dir, "h.conf", NULL);
	reg = g_build_filename(dir, "senders", NULL);
	text = g_strdup_printf("[rules]\nrequire_signature = false\n"
	    "sender_registry = %s\n[cuc]\nforward_approval = none\n", reg);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	g_free(text);
}

static void
teardown(void)
{
	test_rm_tree(dir);
	g_free(dir);
	g_free(db);
	g_free(conf);
	g_free(reg);
}

static void
registry(const char *text)
{
	ck_assert(g_file_set_contents(reg, text, -1, NULL));
}

static void
ingest_sample(void)
{
	char	*path = g_build_filename(samples(), SAMPLE, NULL), *err = NULL;
	int	 rc;

	rc = test_hotrocks(NULL, &err, "ingest", "-q", "-c", conf, "--db", db,
	    path, NULL);
	ck_assert_msg(rc == 0, "ingest: %d: %s", rc, err);
	g_free(err);
	g_free(path);
}

/* hotrocks reprocess ARGS… --at AT with the test's config and store;
 * its exit status, stdout in *out_r (may be NULL). */
static int
reprocess(char **out_r, const char *a, const char *b, const char *c)
{
	char	*out = NULL, *err = NULL;
	int	 rc;

	rc = test_hotrocks(&out, &err, "reprocess", "-c", conf, "--db", db,
	    "--at", AT, "--by", "tester", a, b, c, NULL);
	if (out_r != NULL)
		*out_r = out;
	else
		g_free(out);
	g_free(err);
	return (rc);
}

/* One value of the test's store (the test's own fixed SQL). */
static char *
value(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static long
count(const char *sql)
{
	char	*v = value(sql);
	long	 n = v != NULL ? atol(v) : -1;

	g_free(v);
	return (n);
}

static void
assert_has(const char *text, const char *needle)
{
	ck_assert_msg(text != NULL && strstr(text, needle) != NULL,
	    "\"%s\" not in:\n%s", needle, text);
}

/* Rejected (sender not registered), the registry fixed: a dry run
 * records the decision and says what --send would queue; --send queues
 * the acknowledgement and the forward, opens the case; a third run adds
 * nothing. The first decision stays in messages; listings show the
 * latest; the audit chain holds. */
START_TEST(reprocess_registry_fixed_answered_once)
{
	char	*out = NULL, *sha, *prefix, *mid, *arg, *reject_id, *number;

	registry("@other.example\n");
	ingest_sample();
	ck_assert_int_eq(count("SELECT count(*) FROM messages WHERE action ="
	    " 'reject'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 1);
	reject_id = value("SELECT message_id FROM outbox");

	/* Nothing changed yet: nothing recorded. */
	ck_assert_int_eq(reprocess(&out, "1", NULL, NULL), 0);
	assert_has(out, "nothing new to record");
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);
	g_free(out);

	registry("@other.example\n@quangngai.dcs.vn\n");
	ck_assert_int_eq(reprocess(&out, "1", NULL, NULL), 0);
	assert_has(out, "answered: reject sim_activation "
	    "sender_not_registered");
	assert_has(out, "now:      queue sim_activation -   (changed)");
	assert_has(out, "recorded as decision 1");
	assert_has(out, "--send would open a case");
	assert_has(out, "--send would queue ack to "
	    "vanphong.sontinh@quangngai.dcs.vn");
	assert_has(out, "0 replies queued");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions WHERE answered"
	    " = 0 AND action = 'queue' AND actor = 'tester'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases"), 0);
	/* The first decision is kept; the listing shows the latest. */
	ck_assert_int_eq(count("SELECT count(*) FROM messages WHERE action ="
	    " 'reject' AND contract_json LIKE '%sender_not_registered%'"), 1);
	ck_assert_int_eq(test_hotrocks(&out, NULL, "messages", "--json", "-c",
	    conf, "--db", db, NULL), 0);
	assert_has(out, "\"action\":\"queue\"");
	g_free(out);

	/* --send, by sha256 prefix: the answer and the case. */
	sha = value("SELECT sha256 FROM messages");
	prefix = g_strndup(sha, 10);
	ck_assert_int_eq(reprocess(&out, prefix, "--send", NULL), 0);
	assert_has(out, "recorded as decision 2");
	assert_has(out, "opened case HT-");
	assert_has(out, "queued ack to vanphong.sontinh@quangngai.dcs.vn "
	    "<hotrocks.ack.");
	assert_has(out, "queued forward to ");
	assert_has(out, "2 replies queued");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE purpose ="
	    " 'ack' AND message_id != (SELECT message_id FROM outbox WHERE"
	    " purpose = 'reject')"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases c JOIN messages m"
	    " ON m.case_id = c.id"), 1);
	ck_assert_int_gt(count("SELECT count(*) FROM case_rows"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions WHERE answered"
	    " = 1"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'redecided'"), 2);
	/* the rejection sent first is not re-sent */
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state ="
	    " 'queued' AND purpose = 'reject'"), 1);
	g_free(reject_id);

	/* Again, by Message-ID: answered already, nothing more. */
	mid = value("SELECT message_id FROM messages");
	arg = g_strndup(mid + 1, strlen(mid) - 2);
	ck_assert_int_eq(reprocess(&out, arg, "--send", "--json"), 0);
	assert_has(out, "\"changed\":false");
	assert_has(out, "\"decision\":null");
	assert_has(out, "\"queued\":[]");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 2);

	/* case show reports the latest decision */
	number = value("SELECT number FROM cases");
	ck_assert_int_eq(test_hotrocks(&out, NULL, "case", "show", number,
	    "--json", "-c", conf, "--db", db, NULL), 0);
	g_free(number);
	assert_has(out, "\"action\":\"queue\"");
	g_free(out);
	ck_assert_int_eq(test_hotrocks(&out, NULL, "audit", "verify", "-c",
	    conf, "--db", db, NULL), 0);
	g_free(out);
	/* The auditor's bundle holds the first decision and both later
	 * ones, each said in decisions.tsv, all in the manifest. */
	{
		char *zip = g_build_filename(dir, "b.zip", NULL);
		char *bdir = g_build_filename(dir, "b", NULL);
		char *cmd;

		number = value("SELECT number FROM cases");
		ck_assert_int_eq(test_hotrocks(NULL, NULL, "audit", "export",
		    "--case", number, "-c", conf, "--db", db, zip, NULL), 0);
		g_free(number);
		cmd = g_strdup_printf("mkdir '%s' && cd '%s' && unzip -q '%s'"
		    " && sha256sum -c --quiet MANIFEST.sha256"
		    " && grep -q 'decisions/2.json' MANIFEST.sha256"
		    " && grep -q sender_not_registered messages/1/decision.json"
		    " && ! grep -q sender_not_registered"
		    " messages/1/decisions/1.json messages/1/decisions/2.json"
		    " && grep -q '\"action\":\"queue\"'"
		    " messages/1/decisions/1.json"
		    " && grep -q '\"action\":\"queue\"'"
		    " messages/1/decisions/2.json"
		    " && awk -F '\\t' 'NR == 2 && $1 == 1 && $2 == \"%s\" &&"
		    " $3 == \"tester\" && $4 == \"sim_activation\" &&"
		    " $5 == \"queue\" && $7 == 0 { a = 1 }"
		    " NR == 3 && $1 == 2 && $7 == 1 { b = 1 }"
		    " END { exit !(a && b && NR == 3) }'"
		    " messages/1/decisions.tsv",
		    bdir, bdir, zip, AT);
		ck_assert_msg(system(cmd) == 0, "%s", cmd);
		g_free(cmd);
		g_free(zip);
		g_free(bdir);
	}
	g_free(arg);
	g_free(mid);
	g_free(prefix);
	g_free(sha);
}
END_TEST

/* Accepted, then decided again under the same config: its own case's
 * rows are no earlier request, so the outcome is unchanged and nothing
 * is recorded or queued, by --case or --since. */
START_TEST(reprocess_unchanged_records_nothing)
{
	char	*out = NULL, *number;

	registry("@quangngai.dcs.vn\n");
	ingest_sample();
	number = value("SELECT lower(number) FROM cases");
	ck_assert_ptr_nonnull(number);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 2);
	ck_assert_int_eq(reprocess(&out, "--case", number, "--send"), 0);
	assert_has(out, "now:      queue sim_activation -\n");
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(reprocess(&out, "--since", "2000-01-01", "--send"),
	    0);
	assert_has(out, "1 message, 0 changed, 0 decisions recorded, "
	    "0 replies queued");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE flag IS"
	    " NULL"), 1);
	g_free(number);
}
END_TEST

/* Accepted, then the registry no longer admits the sender: --send
 * queues the rejection in the unit's thread and flags the case for a
 * person; the case and its rows stay. */
START_TEST(reprocess_stricter_registry_flags_the_case)
{
	char	*out = NULL;

	registry("@quangngai.dcs.vn\n");
	ingest_sample();
	registry("@other.example\n");
	ck_assert_int_eq(reprocess(&out, "1", "--send", NULL), 0);
	assert_has(out, "now:      reject sim_activation "
	    "sender_not_registered   (changed)");
	assert_has(out, "queued reject to vanphong.sontinh@quangngai.dcs.vn");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE purpose ="
	    " 'reject'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE flag IS NOT"
	    " NULL"), 1);
	/* moved to review, the move in the audit trail as every move */
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE state ="
	    " 'review'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed' AND detail LIKE 'forwarded -> review: reprocess:%'"),
	    1);
	ck_assert_int_eq(count("SELECT count(*) FROM messages WHERE action ="
	    " 'queue'"), 1);
	/* Its rows, unchanged, are stored once: in the case, not again in
	 * the new decision; read back, it is what was decided (decided
	 * again, nothing new). */
	ck_assert_int_eq(count("SELECT count(*) FROM decisions WHERE"
	    " instr(contract_json, '\"rows\":\"case_rows\"') > 0 AND"
	    " instr(contract_json, '\"rows\":[') = 0"), 1);
	ck_assert_int_eq(reprocess(&out, "1", NULL, NULL), 0);
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 1);
}
END_TEST

/* A case a person closed (done) keeps its state when its message is
 * decided otherwise: flagged for a person, no letter to the unit whose
 * SIMs may be activated already; said once however often it is run. */
START_TEST(reprocess_closed_case_flagged_not_written)
{
	char	*out = NULL, *err = NULL, *num;
	int	 rc;

	registry("@quangngai.dcs.vn\n");
	ingest_sample();
	num = value("SELECT number FROM cases");
	rc = test_hotrocks(NULL, &err, "case", "done", num, "--note",
	    "activated", "-c", conf, "--db", db, NULL);
	ck_assert_msg(rc == 0, "case done: %d: %s", rc, err);
	g_free(err);
	registry("@other.example\n");
	ck_assert_int_eq(reprocess(&out, "1", NULL, NULL), 0);
	assert_has(out, "is done: --send would flag it for a person");
	ck_assert_ptr_null(strstr(out, "would queue"));
	g_free(out);
	ck_assert_int_eq(reprocess(&out, "1", "--send", NULL), 0);
	assert_has(out, "is done: no letter to the unit; the case is flagged");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE purpose ="
	    " 'reject'"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM cases WHERE state ="
	    " 'done' AND flag LIKE 'reprocess: outcome reject%'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'state_changed' AND detail LIKE '% -> review%'"), 0);
	ck_assert_int_eq(reprocess(&out, "1", "--send", "--json"), 0);
	assert_has(out, "\"case_closed\":\"done\"");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'flagged'"), 1);
	g_free(num);
}
END_TEST

/* A resend recorded in the case it repeats: decided again, that case is
 * still the earlier request of its rows (already_requested), not its
 * own; nothing changes (blind set 7, noticed after 18a). */
START_TEST(reprocess_resend_still_already_requested)
{
	char	*path = g_build_filename(samples(), SAMPLE, NULL), *text;
	char	*copy = g_build_filename(dir, "resend.eml", NULL), **parts;
	char	*out = NULL, *err = NULL;
	int	 rc;

	registry("@quangngai.dcs.vn\n");
	ingest_sample();
	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	parts = g_strsplit(text, "Message-ID: <", 2);
	ck_assert_uint_eq(g_strv_length(parts), 2);
	g_free(text);
	text = g_strjoinv("Message-ID: <resend.", parts);
	ck_assert(g_file_set_contents(copy, text, -1, NULL));
	rc = test_hotrocks(NULL, &err, "ingest", "-q", "-c", conf, "--db", db,
	    copy, NULL);
	ck_assert_msg(rc == 0, "ingest: %d: %s", rc, err);
	g_free(err);
	ck_assert_int_eq(count("SELECT count(*) FROM cases"), 1);
	ck_assert_int_eq(reprocess(&out, "2", NULL, NULL), 0);
	assert_has(out, "now:      reject sim_activation already_requested");
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);
	g_strfreev(parts);
	g_free(text);
	g_free(copy);
	g_free(path);
}
END_TEST

/* What cannot be reprocessed says so with its exit code. */
START_TEST(reprocess_selectors_and_a_lost_archive)
{
	char	*out = NULL, *path, *rel;

	registry("@quangngai.dcs.vn\n");
	ck_assert_int_eq(test_hotrocks(NULL, NULL, "reprocess", "-c", conf,
	    "--db", db, NULL), 64);
	ingest_sample();
	ck_assert_int_eq(reprocess(NULL, "zz", NULL, NULL), 64);
	ck_assert_int_eq(reprocess(NULL, "abc", NULL, NULL), 64);
	ck_assert_int_eq(reprocess(NULL, "1", "--case", "HT-2024-000001"),
	    64);
	ck_assert_int_eq(reprocess(NULL, "999", NULL, NULL), 69);
	ck_assert_int_eq(reprocess(NULL, "nobody@example.org", NULL, NULL),
	    69);
	ck_assert_int_eq(reprocess(NULL, "--since", "yesterday", NULL), 64);
	/* The archived copy removed (as audit prune would): not decided. */
	rel = value("SELECT archive_path FROM messages");
	path = g_build_filename(dir, "archive", rel, NULL);
	ck_assert_int_eq(g_unlink(path), 0);
	ck_assert_int_eq(reprocess(&out, "1", "--send", NULL), 66);
	assert_has(out, "not decided: its archived copy is missing");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);
	g_free(path);
	g_free(rel);
}
END_TEST

/* The data limit a 20,000-row case is decided again under: comparing
 * the decisions as json-glib trees needed more than 96 MiB for it,
 * their digests under 32. */
#define REPROCESS_DATA_LIMIT	(40 * 1024 * 1024)

/* reprocess --case number (or message id, by_id) under the data
 * limit; its exit status and stdout in *out_r. */
static int
reprocess_limited(const char *number, bool by_id, char **out_r)
{
	const char	*args[] = { "reprocess", "-c", conf, "--db", db,
			    "--at", AT, "--by", "tester",
			    by_id ? number : "--case", by_id ? NULL : number,
			    NULL };
	char		*err = NULL;
	int		 rc;

	rc = test_hotrocks_limited(out_r, &err, REPROCESS_DATA_LIMIT, args);
	if (*err != '\0')
		fprintf(stderr, "%s", err);
	g_free(err);
	return (rc);
}

/* A list of n rows (bad_row: 0, or the row whose ICCID is wrong) from a
 * registered unit, ingested; its path (g_free). */
static char *
ingest_long_list(int n, int bad_row)
{
	char	*list = test_long_list(dir, "l.eml", n, bad_row), *err = NULL;
	int	 status;

	registry("@quangngai.dcs.vn\n");
	status = test_hotrocks(NULL, &err, "ingest", "-q", "-c", conf,
	    "--db", db, list, NULL);
	ck_assert_msg(status == 0, "ingest: %d: %s", status, err);
	g_free(err);
	return (list);
}

/* A 20,000-row list, its rows kept in its case, is decided again under
 * a data limit: unchanged, nothing is recorded; with the sender struck
 * from the registry, the rejection is recorded without the rows, which
 * are the case's. */
START_TEST(reprocess_20000_rows_in_bounded_memory)
{
	char		*list = ingest_long_list(20000, 0);
	char		*out = NULL, *number;

	number = value("SELECT number FROM cases");
	ck_assert_ptr_nonnull(number);
	ck_assert_int_eq(count("SELECT count(*) FROM case_rows"), 20000);
	ck_assert_int_lt(count("SELECT length(contract_json) FROM messages"),
	    4096);

	ck_assert_int_eq(reprocess_limited(number, false, &out), 0);
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);

	registry("@example.vn\n");
	ck_assert_int_eq(reprocess_limited(number, false, &out), 0);
	assert_has(out, "now:      reject sim_activation "
	    "sender_not_registered   (changed)\n");
	assert_has(out, "recorded as decision 1\n");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 1);
	ck_assert_int_lt(count("SELECT length(contract_json) FROM decisions"),
	    4096);
	g_free(number);
	g_free(list);
}
END_TEST

/* A rejected 20,000-row list opens no case: its rows are kept beside
 * it, and so are those of a new decision of it, under the data limit
 * (its decision was a 7 MB text, read whole and parsed to decide it
 * again: 11.7 s and 910 MB at 200,000 rows); decided again unchanged,
 * nothing is recorded, the new decision read back through its rows. */
START_TEST(reprocess_rejected_20000_rows_in_bounded_memory)
{
	char		*list = ingest_long_list(20000, 5);
	char		*out = NULL, *id;

	ck_assert_int_eq(count("SELECT count(*) FROM cases"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM message_rows WHERE"
	    " decision = 0"), 20000);
	ck_assert_int_lt(count("SELECT length(contract_json) FROM messages"),
	    4096);
	id = value("SELECT id FROM messages");

	ck_assert_int_eq(reprocess_limited(id, true, &out), 0);
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 0);

	registry("@example.vn\n");
	ck_assert_int_eq(reprocess_limited(id, true, &out), 0);
	assert_has(out, "sender_not_registered");
	assert_has(out, "recorded as decision 1\n");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 1);
	ck_assert_int_lt(count("SELECT length(contract_json) FROM decisions"),
	    4096);
	ck_assert_int_eq(count("SELECT count(*) FROM message_rows WHERE"
	    " decision = 1"), 20000);
	ck_assert_int_eq(reprocess_limited(id, true, &out), 0);
	assert_has(out, "nothing new to record");
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM decisions"), 1);
	g_free(id);
	g_free(list);
}
END_TEST

Suite *
reprocess_suite(void)
{
	Suite	*s = suite_create("reprocess");
	TCase	*tc = tcase_create("reprocess");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reprocess_registry_fixed_answered_once);
	tcase_add_test(tc, reprocess_unchanged_records_nothing);
	tcase_add_test(tc, reprocess_stricter_registry_flags_the_case);
	tcase_add_test(tc, reprocess_closed_case_flagged_not_written);
	tcase_add_test(tc, reprocess_resend_still_already_requested);
	tcase_add_test(tc, reprocess_selectors_and_a_lost_archive);
	tcase_add_test(tc, reprocess_20000_rows_in_bounded_memory);
	tcase_add_test(tc, reprocess_rejected_20000_rows_in_bounded_memory);
	suite_add_tcase(s, tc);
	return (s);
}
