/* check-audit.c: the tamper-evident archive. A store is written by the real
 * ingest, then altered the way an attacker with the file would (sqlite3
 * directly, triggers dropped; a byte of an archived file): audit verify
 * must say so, exit 65, and name the entry or file exactly. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lib/audit.h"
#include "lib/db.h"
#include "outbox/queue.h"
#include "tests/unit/testlib.h"

static char	*tmpdir;
static char	*dbpath;

static const char *
samples(void)
{
	const char *d = getenv("HOTROCKS_SAMPLES");

	return (d ? d : "build/samples");
}

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
	dbpath = g_build_filename(tmpdir, "h.db", NULL);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	g_free(dbpath);
}

/* The samples ingested into a fresh store (at least 12 entries). */
static void
ingest(void)
{
	char	*out = NULL, *err = NULL;
	int	 rc;

	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", dbpath, samples(), NULL);
	ck_assert_msg(rc == 0, "ingest: %d: %s", rc, err);
	g_free(out);
	g_free(err);
}

/* SQL run as the attacker: straight on the file, triggers gone. */
static void
tamper(const char *sql)
{
	sqlite3	*h;
	char	*msg = NULL;

	ck_assert_int_eq(sqlite3_open(dbpath, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, "DROP TRIGGER audit_no_update;"
	    " DROP TRIGGER audit_no_delete;", NULL, NULL, &msg) == SQLITE_OK,
	    "%s", msg);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &msg) == SQLITE_OK,
	    "%s: %s", sql, msg);
	sqlite3_close(h);
}

static long
count(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long		 n = -1;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (n);
}

/* audit verify, text and JSON: its exit code, the text in *text_r
 * (g_free) and the parsed JSON object in *o_r (json_node_unref *root_r). */
static int
verify(char **text_r, JsonNode **root_r)
{
	char	*out = NULL, *err = NULL;
	int	 rc, rc2;

	rc = test_hotrocks(text_r, &err, "audit", "verify", "-c",
	    "samples/hotrocks.conf", "--db", dbpath, NULL);
	g_free(err);
	err = NULL;
	rc2 = test_hotrocks(&out, &err, "audit", "verify", "--json", "-c",
	    "samples/hotrocks.conf", "--db", dbpath, NULL);
	ck_assert_int_eq(rc, rc2);
	*root_r = json_from_string(out, NULL);
	ck_assert_msg(*root_r != NULL, "not JSON: %s (%s)", out, err);
	g_free(out);
	g_free(err);
	return (rc);
}

START_TEST(audit_untouched_store_verifies_clean)
{
	JsonNode	*root;
	JsonObject	*o;
	char		*text;

	ingest();
	ck_assert_int_eq(verify(&text, &root), 0);
	ck_assert_msg(strstr(text, "ok:") != NULL, "%s", text);
	o = json_node_get_object(root);
	ck_assert(json_object_get_boolean_member(o, "ok"));
	ck_assert_int_eq(json_object_get_int_member(o, "entries"),
	    count("SELECT count(*) FROM audit"));
	ck_assert_int_eq(json_object_get_int_member(o, "messages"),
	    count("SELECT count(*) FROM messages WHERE archive_path"
	    " IS NOT NULL"));
	ck_assert_int_gt(json_object_get_int_member(o, "bytes"), 0);
	ck_assert(json_object_get_null_member(o, "chain_break"));
	ck_assert(json_object_get_null_member(o, "archive_break"));
	g_free(text);
	json_node_unref(root);
}
END_TEST

/* Each way of breaking the chain, and where verify must put the break. */
static const struct chain_case {
	const char	*name;
	const char	*sql;		/* %1$ld: the last id */
	const char	*kind;
	long		 id;		/* 0: the last id (+ 1 when inserted) */
	const char	*text;		/* in the text output; %ld: last id */
} chain_cases[] = {
	{ "deleted", "DELETE FROM audit WHERE id = 10", "missing", 11,
	    "entry 10 missing (ids jump 9\u219211)" },
	{ "altered", "UPDATE audit SET detail = 'nothing happened'"
	    " WHERE id = 10", "altered", 10,
	    "altered entry id 10 (position 10): hash mismatch" },
	{ "swapped", "CREATE TEMP TABLE t AS SELECT * FROM audit"
	    " WHERE id IN (10, 11);"
	    " UPDATE audit SET (at, actor, event, msg_id, case_id, detail,"
	    " msg_sha256, prev_hash, hash) = (SELECT at, actor, event, msg_id,"
	    " case_id, detail, msg_sha256, prev_hash, hash FROM t"
	    " WHERE t.id = 21 - audit.id) WHERE id IN (10, 11)", "reordered",
	    10, "entries out of order at id 10 (position 10)" },
	{ "truncated", "DELETE FROM audit WHERE id = (SELECT max(id)"
	    " FROM audit)", "truncated", 0, "chain truncated at the end" },
};

START_TEST(audit_tampered_chain_is_located)
{
	const struct chain_case	*t = &chain_cases[_i];
	JsonNode		*root;
	JsonObject		*o, *b;
	char			*text;
	long			 last;

	ingest();
	last = count("SELECT max(id) FROM audit");
	tamper(t->sql);
	ck_assert_int_eq(verify(&text, &root), EX_DATAERR);
	ck_assert_msg(strstr(text, t->text) != NULL, "%s: %s", t->name, text);
	o = json_node_get_object(root);
	ck_assert(!json_object_get_boolean_member(o, "ok"));
	b = json_object_get_object_member(o, "chain_break");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(json_object_get_string_member(b, "kind"), t->kind);
	ck_assert_int_eq(json_object_get_int_member(b, "id"),
	    t->id != 0 ? t->id : last);
	ck_assert(json_object_get_null_member(o, "archive_break"));
	g_free(text);
	json_node_unref(root);
}
END_TEST

/* An entry added after the head, with a hash that links it correctly:
 * only the head (moved in the same transaction as every append) sees it. */
START_TEST(audit_inserted_entry_is_located)
{
	struct audit_entry	 e = { .at = "2024-05-02T08:00:00Z",
	    .actor = "someone", .event = "sent", .detail = "never sent" };
	JsonNode		*root;
	JsonObject		*b;
	sqlite3			*h;
	sqlite3_stmt		*st;
	char			*text, *sql, prev[65], hash[65];
	long			 last;

	ingest();
	last = count("SELECT max(id) FROM audit");
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT hash FROM audit"
	    " ORDER BY id DESC LIMIT 1", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	g_strlcpy(prev, (const char *)sqlite3_column_text(st, 0), sizeof prev);
	sqlite3_finalize(st);
	sqlite3_close(h);
	audit_hash(last + 1, &e, NULL, prev, hash);
	sql = g_strdup_printf("INSERT INTO audit (id, at, actor, event, detail,"
	    " prev_hash, hash) VALUES (%ld, '%s', '%s', '%s', '%s', '%s',"
	    " '%s')", last + 1, e.at, e.actor, e.event, e.detail, prev, hash);
	tamper(sql);
	g_free(sql);
	ck_assert_int_eq(verify(&text, &root), EX_DATAERR);
	sql = g_strdup_printf("inserted entry id %ld", last + 1);
	ck_assert_msg(strstr(text, sql) != NULL, "%s", text);
	b = json_object_get_object_member(json_node_get_object(root),
	    "chain_break");
	ck_assert_str_eq(json_object_get_string_member(b, "kind"), "inserted");
	ck_assert_int_eq(json_object_get_int_member(b, "id"), last + 1);
	g_free(sql);
	g_free(text);
	json_node_unref(root);
}
END_TEST

/* One byte of one archived message changed. */
START_TEST(audit_archived_byte_changed_is_located)
{
	JsonNode	*root;
	JsonObject	*b;
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*text, *rel, *path, *data;
	gsize		 len;
	long		 id;

	ingest();
	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT id, archive_path FROM"
	    " messages WHERE archive_path IS NOT NULL ORDER BY id LIMIT 1"
	    " OFFSET 2", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	id = sqlite3_column_int64(st, 0);
	rel = g_strdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(h);
	path = g_build_filename(tmpdir, "archive", rel, NULL);
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	ck_assert_uint_gt(len, 100);
	data[len / 2] ^= 0x20;
	g_chmod(path, 0640);
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	ck_assert_int_eq(verify(&text, &root), EX_DATAERR);
	g_free(data);
	data = g_strdup_printf("archived file %s altered", rel);
	ck_assert_msg(strstr(text, data) != NULL, "%s", text);
	b = json_object_get_object_member(json_node_get_object(root),
	    "archive_break");
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(json_object_get_int_member(b, "msg_id"), id);
	ck_assert(json_object_get_null_member(json_node_get_object(root),
	    "chain_break"));
	g_free(data);
	g_free(text);
	g_free(path);
	g_free(rel);
	json_node_unref(root);
}
END_TEST

/* Runs a shell line in dir; its exit status. */
static int
sh(const char *dir, const char *line)
{
	char	*cmd = g_strdup_printf("cd '%s' && { %s; } >/dev/null 2>&1",
	    dir, line);
	int	 st = system(cmd);

	g_free(cmd);
	return (WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static char *
text_of(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*r = NULL;

	ck_assert_int_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (r);
}

/* A case's bundle, checked the way the auditor is told to: sha256sum -c
 * alone, then its log slice re-linked to the chain (kiem-tra.py, written
 * apart from lib/audit.c), ending at the store's head. */
START_TEST(audit_export_case_bundle_checks_without_hotrocks)
{
	char	*number, *zip, *dir, *out = NULL, *err = NULL, *head, *want;
	char	*line;
	int	 rc;

	ingest();
	number = text_of("SELECT number FROM cases ORDER BY id LIMIT 1");
	zip = g_build_filename(tmpdir, "case.zip", NULL);
	dir = g_build_filename(tmpdir, "bundle", NULL);
	rc = test_hotrocks(&out, &err, "audit", "export", "--case", number,
	    "-c", "samples/hotrocks.conf", "--db", dbpath, zip, NULL);
	ck_assert_msg(rc == 0, "export: %d: %s", rc, err);
	ck_assert_int_eq(g_mkdir(dir, 0700), 0);
	line = g_strdup_printf("unzip -q '%s'", zip);
	ck_assert_int_eq(sh(dir, line), 0);
	g_free(line);
	ck_assert_int_eq(sh(dir, "sha256sum -c MANIFEST.sha256"), 0);
	ck_assert_int_eq(sh(dir, "test -s README.txt && test -s"
	    " messages/*/message.eml && test -s messages/*/decision.json &&"
	    " ls outgoing/*.eml && ls messages/*/attachments/*"), 0);
	ck_assert_int_eq(sh(dir, "python3 audit/kiem-tra.py"), 0);
	head = text_of("SELECT hash FROM audit_head");
	want = g_strdup_printf("grep -qx 'hash %s' audit/head.txt", head);
	ck_assert_int_eq(sh(dir, want), 0);
	/* Every entry of the case is there, and only one message's. */
	g_free(want);
	want = g_strdup_printf("test $(wc -l < audit/entries.jsonl) -eq %ld",
	    count("SELECT count(*) FROM audit WHERE case_id = (SELECT id FROM"
	    " cases ORDER BY id LIMIT 1) OR msg_id IN (SELECT id FROM messages"
	    " WHERE case_id = (SELECT id FROM cases ORDER BY id LIMIT 1))"));
	ck_assert_int_eq(sh(dir, want), 0);
	/* An entry changed in the bundle fails both checks. */
	ck_assert_int_eq(sh(dir, "sed -i '1s/\"event\":\"[a-z_]*\"/"
	    "\"event\":\"nothing\"/' audit/entries.jsonl"), 0);
	ck_assert_int_ne(sh(dir, "sha256sum -c MANIFEST.sha256"), 0);
	ck_assert_int_ne(sh(dir, "python3 audit/kiem-tra.py"), 0);
	g_free(want);
	g_free(head);
	g_free(number);
	g_free(zip);
	g_free(dir);
	g_free(out);
	g_free(err);
}
END_TEST

/* A period takes every entry written in it; a case that does not exist
 * is "not found", and nothing is written. */
START_TEST(audit_export_period_and_unknown_case)
{
	char	*zip, *dir, *out = NULL, *err = NULL, *want, *work, *old_tmp;
	int	 rc;

	ingest();
	zip = g_build_filename(tmpdir, "all.zip", NULL);
	dir = g_build_filename(tmpdir, "bundle", NULL);
	/* The entries wait in files of a private folder under TMPDIR
	 * until the ZIP is written; none is left behind. */
	work = g_build_filename(tmpdir, "work", NULL);
	ck_assert_int_eq(g_mkdir(work, 0700), 0);
	old_tmp = g_strdup(g_getenv("TMPDIR"));
	g_setenv("TMPDIR", work, TRUE);
	rc = test_hotrocks(&out, &err, "audit", "export", "--since",
	    "2000-01-01", "--until", "2999-12-31", "-c",
	    "samples/hotrocks.conf", "--db", dbpath, zip, NULL);
	if (old_tmp != NULL)
		g_setenv("TMPDIR", old_tmp, TRUE);
	else
		g_unsetenv("TMPDIR");
	g_free(old_tmp);
	ck_assert_msg(rc == 0, "export: %d: %s", rc, err);
	ck_assert_int_eq(g_rmdir(work), 0);
	g_free(work);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(g_mkdir(dir, 0700), 0);
	want = g_strdup_printf("unzip -q '%s' && sha256sum -c MANIFEST.sha256"
	    " && python3 audit/kiem-tra.py && test $(wc -l <"
	    " audit/entries.jsonl) -eq %ld && test $(ls messages | wc -l) -eq"
	    " %ld", zip, count("SELECT count(*) FROM audit"),
	    count("SELECT count(*) FROM messages"));
	ck_assert_int_eq(sh(dir, want), 0);
	g_free(want);
	g_free(zip);
	zip = g_build_filename(tmpdir, "none.zip", NULL);
	rc = test_hotrocks(&out, &err, "audit", "export", "--case",
	    "HT-1999-000001", "-c", "samples/hotrocks.conf", "--db", dbpath,
	    zip, NULL);
	ck_assert_int_eq(rc, EX_UNAVAILABLE);
	ck_assert(!g_file_test(zip, G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
	rc = test_hotrocks(&out, &err, "audit", "export", "--case", "X",
	    "--since", "2024-01-01", "-c", "samples/hotrocks.conf", "--db",
	    dbpath, zip, NULL);
	ck_assert_int_eq(rc, EX_USAGE);
	g_free(out);
	g_free(err);
	g_free(zip);
	g_free(dir);
}
END_TEST

/* A daily forward carries many cases under one outbox item: the bundle of
 * any of them holds it. */
START_TEST(audit_export_case_takes_its_daily_forward)
{
	char	*conf, *text, *out = NULL, *err = NULL, *number, *zip, *dir;
	char	*line, **parts;
	long	 fwd;

	conf = g_build_filename(tmpdir, "daily.conf", NULL);
	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	parts = g_strsplit(text, "\nforward_mode = per_case\n", 2);
	ck_assert_ptr_nonnull(parts[1]);
	g_free(text);
	text = g_strjoin("\nforward_mode = daily\n", parts[0], parts[1],
	    NULL);
	g_strfreev(parts);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	g_free(text);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", dbpath, samples(), NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "forward", "--now", "-c",
	    conf, "--db", dbpath, NULL), 0);
	g_free(out);
	g_free(err);
	/* The last case the batch carries is not the one it is filed under. */
	number = text_of("SELECT c.number FROM forward_items i JOIN cases c"
	    " ON c.id = i.case_id ORDER BY c.id DESC LIMIT 1");
	fwd = count("SELECT outbox_id FROM forwards");
	ck_assert_int_gt(count("SELECT count(DISTINCT case_id) FROM"
	    " forward_items"), 1);
	zip = g_build_filename(tmpdir, "case.zip", NULL);
	dir = g_build_filename(tmpdir, "bundle", NULL);
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "export", "--case",
	    number, "-c", conf, "--db", dbpath, zip, NULL), 0);
	ck_assert_int_eq(g_mkdir(dir, 0700), 0);
	line = g_strdup_printf("unzip -q '%s' && sha256sum -c MANIFEST.sha256"
	    " && test -s outgoing/%ld-forward-held.eml", zip, fwd);
	ck_assert_int_eq(sh(dir, line), 0);
	g_free(line);
	g_free(out);
	g_free(err);
	g_free(number);
	g_free(zip);
	g_free(dir);
	g_free(conf);
}
END_TEST

/* hotrocks audit prune with conf; its exit code, stdout in *out_r. */
static int
prune(const char *conf, const char *at, char **out_r)
{
	char	*err = NULL;
	int	 rc;

	rc = at == NULL ?
	    test_hotrocks(out_r, &err, "audit", "prune", "-c", conf, "--db",
	    dbpath, NULL) :
	    test_hotrocks(out_r, &err, "audit", "prune", "-c", conf, "--db",
	    dbpath, "--at", at, NULL);
	ck_assert_msg(rc == 0, "prune: %d: %s", rc, err);
	g_free(err);
	return (rc);
}

/* Retention never takes what an open case or a recent entry still
 * needs, logs every removal, and leaves a store that verifies. */
START_TEST(audit_prune_keeps_what_is_still_needed)
{
	char	*conf, *text, *out = NULL, *err = NULL, *number, *at;
	JsonNode *root;
	long	 removed;

	conf = g_build_filename(tmpdir, "keep.conf", NULL);
	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	ck_assert_ptr_nonnull(strstr(text, "\narchive_keep_days = 0\n"));
	{
		char **parts = g_strsplit(text, "\narchive_keep_days = 0\n", 2);
		char *joined = g_strjoin("\narchive_keep_days = 30\n",
		    parts[0], parts[1], NULL);

		ck_assert(g_file_set_contents(conf, joined, -1, NULL));
		g_free(joined);
		g_strfreev(parts);
	}
	g_free(text);
	ingest();
	number = text_of("SELECT number FROM cases ORDER BY id LIMIT 1");
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "done", number,
	    "-c", conf, "--db", dbpath, NULL), 0);
	g_free(out);
	g_free(err);

	/* Old messages, but every entry about them written since the
	 * cutoff: pruned a day after the first entry (a time of the store's
	 * own, not the clock; the samples' entries are as old as their
	 * mail). */
	tamper("UPDATE messages SET received_at = '2000-01-01T00:00:00Z'");
	at = text_of("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', min(at),"
	    " '+1 day') FROM audit");
	prune(conf, at, &out);
	ck_assert_msg(strstr(out, "0 archived files removed") != NULL, "%s",
	    out);
	g_free(out);
	ck_assert_int_eq(count("SELECT count(*) FROM messages"
	    " WHERE archive_path IS NULL"), 0);

	/* Years later: all but the open cases' files go. */
	prune(conf, "2999-01-01T00:00:00Z", &out);
	g_free(out);
	removed = count("SELECT count(*) FROM messages WHERE archive_path"
	    " IS NULL");
	ck_assert_int_gt(removed, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'archive_removed'"), removed);
	ck_assert_int_eq(count("SELECT count(*) FROM messages m JOIN cases c"
	    " ON c.id = m.case_id WHERE c.state NOT IN ('done', 'rejected')"
	    " AND m.archive_path IS NULL"), 0);
	ck_assert_int_gt(count("SELECT count(*) FROM messages m JOIN cases c"
	    " ON c.id = m.case_id WHERE c.state NOT IN ('done', 'rejected')"
	    " AND m.archive_path IS NOT NULL"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM messages m JOIN cases c"
	    " ON c.id = m.case_id WHERE c.state = 'done'"
	    " AND m.archive_path IS NOT NULL"), 0);
	ck_assert_int_eq(verify(&text, &root), 0);
	g_free(text);
	json_node_unref(root);

	/* A bundle of it says which originals were pruned, in the
	 * command's count and a removed.txt in each folder (trial 3,
	 * finding 7), and still checks. */
	{
		char *zip = g_build_filename(tmpdir, "pruned.zip", NULL);
		char *dir = g_build_filename(tmpdir, "pruned", NULL);
		char *want, *line;

		ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "export",
		    "--since", "2000-01-01", "-c", conf, "--db", dbpath, zip,
		    NULL), 0);
		line = g_strdup_printf(" (%ld of them pruned: removed.txt",
		    removed);
		ck_assert_msg(strstr(out, line) != NULL, "%s", out);
		g_free(line);
		g_free(out);
		g_free(err);
		ck_assert_int_eq(g_mkdir(dir, 0700), 0);
		want = g_strdup_printf("unzip -q '%s' && sha256sum -c --quiet"
		    " MANIFEST.sha256 && test $(ls messages/*/removed.txt | wc"
		    " -l) -eq %ld && grep -l archive_removed"
		    " messages/*/removed.txt | wc -l | grep -qx %ld && test"
		    " $(ls messages/*/message.eml | wc -l) -eq %ld", zip,
		    removed, removed, count("SELECT count(*) FROM messages")
		    - removed);
		ck_assert_int_eq(sh(dir, want), 0);
		g_free(want);
		g_free(zip);
		g_free(dir);
	}

	/* The default keeps everything. */
	ck_assert_int_eq(test_hotrocks(&out, &err, "audit", "prune", "-c",
	    "samples/hotrocks.conf", "--db", dbpath, "--at",
	    "2999-01-01T00:00:00Z", NULL), 0);
	ck_assert_msg(strstr(out, "kept forever") != NULL, "%s", out);
	g_free(out);
	g_free(err);
	g_free(number);
	g_free(at);
	g_free(conf);
}
END_TEST

/* The outbox refers to messages and cases; two bare tables stand in. */
static const char stand_in[] =
    "CREATE TABLE cases (id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE messages (id INTEGER PRIMARY KEY, sha256 TEXT);\n"
    "INSERT INTO cases (id) VALUES (1);\n"
    "INSERT INTO messages (id, sha256) VALUES (1, 'ab12');\n";

/* A log written before the chain is chained once, in order, and says so;
 * what is appended afterwards extends it. */
START_TEST(audit_older_entries_are_chained_once)
{
	static const struct db_migration schema[] = {
		{ { stand_in, queue_schema_v1, audit_schema_v1 } },
		{ { audit_chain_schema } },
	};
	struct audit_entry	 e = { .at = "2024-05-02T08:00:00Z",
	    .actor = AUDIT_ACTOR, .event = "sent", .msg_id = 1 };
	struct audit_check	 c;
	struct db_txn		*txn;
	struct db		*db;
	char			*cause = NULL;

	db = db_open(dbpath, schema, 1, &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(db_exec(db, "INSERT INTO audit (at, actor, event,"
	    " msg_id, case_id, detail) VALUES ('2024-01-01T00:00:00Z', 'a',"
	    " 'received', 1, 1, 'x'), ('2024-01-02T00:00:00Z', 'b', 'done',"
	    " NULL, 1, NULL)", &cause), 0);
	db_close(db);
	db = db_open(dbpath, schema, G_N_ELEMENTS(schema), &cause);
	ck_assert_msg(db != NULL, "%s", cause);
	ck_assert_int_eq(audit_verify_chain(db, &c, &cause), 0);
	ck_assert_str_eq(c.kind, "not_started");
	audit_check_deinit(&c);
	ck_assert_msg(audit_chain_start(db, &cause) == 0, "%s", cause);
	ck_assert_msg(audit_chain_start(db, &cause) == 0, "%s", cause);
	txn = db_begin(db, &cause);
	ck_assert_ptr_nonnull(txn);
	ck_assert_msg(audit_append(txn, &e, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db_commit(txn, &cause), 0);
	ck_assert_int_eq(audit_verify_chain(db, &c, &cause), 0);
	ck_assert_msg(c.kind == NULL, "%s", c.what);
	ck_assert_uint_eq(c.entries, 4);
	db_close(db);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE event ="
	    " 'chain_started' AND id = 3 AND detail = '2 earlier entries"
	    " chained'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE id = 1 AND"
	    " prev_hash = '" AUDIT_HASH_ZERO "' AND msg_sha256 = 'ab12'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM audit WHERE id = 4 AND"
	    " msg_sha256 = 'ab12' AND prev_hash = (SELECT hash FROM audit"
	    " WHERE id = 3)"), 1);
	ck_assert_int_eq(count("SELECT entries * 100 + last_id FROM"
	    " audit_head"), 404);
	audit_check_deinit(&c);
}
END_TEST

/* The serialisation README.md documents, computed here by hand. */
START_TEST(audit_hash_is_the_documented_serialisation)
{
	struct audit_entry	 e = { .at = "2024-05-02T08:00:00Z",
	    .actor = "hotrocks", .event = "received", .msg_id = 7,
	    .detail = "Thư" };
	const char	*text = "hotrocks-audit-1,1:3,20:2024-05-02T08:00:00Z,"
	    "8:hotrocks,8:received,1:7,1:0,4:Thư,0:,64:" AUDIT_HASH_ZERO ",";
	char		 hash[65], *want;

	audit_hash(3, &e, NULL, AUDIT_HASH_ZERO, hash);
	want = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
	ck_assert_str_eq(hash, want);
	g_free(want);
}
END_TEST

Suite *
audit_suite(void)
{
	Suite	*s = suite_create("audit");
	TCase	*tc;

	tc = tcase_create("audit");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, audit_hash_is_the_documented_serialisation);
	tcase_add_test(tc, audit_older_entries_are_chained_once);
	tcase_add_test(tc, audit_untouched_store_verifies_clean);
	tcase_add_loop_test(tc, audit_tampered_chain_is_located, 0,
	    G_N_ELEMENTS(chain_cases));
	tcase_add_test(tc, audit_inserted_entry_is_located);
	tcase_add_test(tc, audit_archived_byte_changed_is_located);
	tcase_add_test(tc, audit_export_case_bundle_checks_without_hotrocks);
	tcase_add_test(tc, audit_export_period_and_unknown_case);
	tcase_add_test(tc, audit_export_case_takes_its_daily_forward);
	tcase_add_test(tc, audit_prune_keeps_what_is_still_needed);
	suite_add_tcase(s, tc);
	return (s);
}
