/* check-blob.c: attachment bodies of queued mail kept as files named by
 * their sha256, not in the outbox row: the message rebuilt byte for byte,
 * the store not growing by the attachment per forward, a forward queued
 * by the old code moved out by migration 10 and then sent identical, and
 * a file altered or missing refused rather than sent. A real store, real
 * files, the real file sender. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <zip.h>

#include "intake/audit-export.h"
#include "intake/audit-prune.h"
#include "intake/config.h"
#include "intake/pipeline.h"
#include "intake/source.h"
#include "intake/store.h"
#include "lib/db.h"
#include "outbox/blob.h"
#include "outbox/compose.h"
#include "outbox/queue.h"
#include "outbox/sender.h"
#include "testlib.h"

/* 2024-07-01T01:00:00Z: when the items of the growth test are queued. */
#define T0	((time_t)1719795600)
/* 2100-01-01T00:00:00Z: a delivery pass after anything the pipeline
 * queued, whatever its clock. */
#define LATER	((time_t)4102444800)
/* The attachment of the growth test: well over a page or two. */
#define BIG	((size_t)1 << 20)

static char	*tmpdir, *blobs;

static void
setup(void)
{
	tmpdir = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(tmpdir);
	blobs = g_build_filename(tmpdir, "archive", "blobs", NULL);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
	g_free(blobs);
}

/* Random bytes of n, the same for the same seed. */
static unsigned char *
noise(size_t n, guint32 seed)
{
	GRand		*r = g_rand_new_with_seed(seed);
	unsigned char	*p = g_malloc(n);

	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)g_rand_int_range(r, 0, 256);
	g_rand_free(r);
	return (p);
}

/* A forward-like message composed as the replies are: text and HTML,
 * then the attachments. */
static char *
composed(const char *id, const struct compose_attachment *att, size_t n,
    size_t *len_r)
{
	struct compose_input	 in = { 0 };
	char			*raw, *cause = NULL;

	in.message_id = id;
	in.from_addr = "HotroCKS@quangngai.dcs.vn";
	in.to_addr = "ca@bcy.gov.vn";
	in.subject = "Chuyển danh sách đề nghị kích hoạt SIM ký số";
	in.date = "2024-07-01T01:00:00Z";
	in.body = "Kính gửi Cục.\nDanh sách đính kèm.";
	in.html = "<p>Kính gửi Cục.</p>";
	in.attachments = att;
	in.nattachments = n;
	ck_assert_msg(compose_message(&in, &raw, len_r, &cause) == 0, "%s",
	    cause);
	return (raw);
}

static int64_t
pages(struct db *db)
{
	sqlite3_stmt	*stmt;
	char		*cause = NULL;
	int64_t		 n;

	ck_assert_int_eq(db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)",
	    &cause), 0);
	stmt = db_prepare(db, "SELECT page_count * page_size FROM"
	    " pragma_page_count(), pragma_page_size()", &cause);
	ck_assert_msg(stmt != NULL, "%s", cause);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return (n);
}

static char *
one_text(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	char		*cause = NULL, *v = NULL;

	stmt = db_prepare(db, sql, &cause);
	ck_assert_msg(stmt != NULL, "%s", cause);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = db_column_strdup(stmt, 0);
	sqlite3_finalize(stmt);
	return (v);
}

/* Every base64 attachment cut out and put back: the same bytes, and the
 * skeleton shorter by at least the bodies. A text part is never cut. */
START_TEST(blob_split_and_join_give_the_message_back)
{
	unsigned char			*a = noise(70001, 1);
	unsigned char			*b = noise(3, 2);
	struct compose_attachment	 att[] = {
		{ "Danh sách.xlsx", NULL, a, 70001, false },
		{ "nhỏ.bin", NULL, b, 3, false },
	};
	struct blob_ref			*refs;
	unsigned char			**datas;
	char				*raw, *skel, *back, *cause = NULL;
	size_t				 len, slen, n, blen;

	raw = composed("<hotrocks.forward.t1@quangngai.dcs.vn>", att, 2, &len);
	blob_split(raw, len, &skel, &slen, &refs, &n, &datas);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(refs[0].len, 70001);
	ck_assert_uint_eq(refs[1].len, 3);
	ck_assert_int_eq(memcmp(datas[0], a, 70001), 0);
	ck_assert_uint_le(slen + 70001 * 4 / 3, len);
	ck_assert_ptr_nonnull(strstr(skel, "Kính gửi") == NULL ?
	    strstr(skel, "K=C3=ADnh") : skel);	/* the text stays */
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(blob_put(blobs, datas[i], refs[i].len,
		    refs[i].sha256, true, &cause), 0);
	ck_assert_int_eq(blob_join(blobs, skel, slen, refs, n, &back, &blen,
	    &cause), 0);
	ck_assert_uint_eq(blen, len);
	ck_assert_int_eq(memcmp(back, raw, len), 0);
	g_free(back);

	/* A file that no longer holds its bytes is refused, never sent. */
	{
		char *p = blob_path(blobs, refs[1].sha256);

		ck_assert(g_file_set_contents(p, "abd", 3, NULL));
		ck_assert_int_eq(blob_join(blobs, skel, slen, refs, n, &back,
		    &blen, &cause), -1);
		ck_assert_ptr_nonnull(strstr(cause, "other bytes"));
		g_free(cause);
		cause = NULL;
		ck_assert_int_eq(g_unlink(p), 0);
		ck_assert_int_eq(blob_join(blobs, skel, slen, refs, n, &back,
		    &blen, &cause), -1);
		g_free(cause);
		g_free(p);
	}
	for (size_t i = 0; i < n; i++)
		g_free(datas[i]);
	g_free(datas);
	g_free(refs);
	g_free(skel);
	g_free(raw);
	g_free(a);
	g_free(b);
}
END_TEST

/* Four forwards of a 1 MiB file: with the blob directory the store grows
 * by less than one copy of it in all (and the file is kept once); the
 * old way, by more than four. */
/* Composed with its attachments apart (ingest's letters), a message is
 * its skeleton already: blob_refs finds where each goes, and blob_join
 * gives back the bytes composed whole, with an empty attachment left in
 * place. Fewer or more holes than bytes given are refused. */
START_TEST(blob_refs_of_a_message_composed_apart)
{
	unsigned char			*a = noise(70001, 4);
	unsigned char			*b = noise(57, 5);
	struct compose_attachment	 att[] = {
		{ "Danh sách.xlsx", NULL, a, 70001, false },
		{ "trống.txt", NULL, (const unsigned char *)"", 0, false },
		{ "dòng.bin", NULL, b, 57, false },
	};
	struct blob_data		 datas[] = { { a, 70001 },
					    { (const unsigned char *)"", 0 },
					    { b, 57 } };
	struct blob_ref			*refs;
	char				*whole, *skel, *back, *cause = NULL;
	size_t				 len, slen, blen, nrefs;

	whole = composed("<hotrocks.ack.t2@quangngai.dcs.vn>", att, 3, &len);
	for (size_t i = 0; i < G_N_ELEMENTS(att); i++)
		att[i].apart = true;
	skel = composed("<hotrocks.ack.t2@quangngai.dcs.vn>", att, 3, &slen);
	ck_assert_uint_lt(slen + 70001, len);
	ck_assert_int_eq(blob_refs(skel, slen, datas, 3, &refs, &nrefs,
	    &cause), 0);
	ck_assert_uint_eq(nrefs, 2);
	ck_assert_uint_eq(refs[0].len, 70001);
	ck_assert_uint_eq(refs[1].len, 57);
	ck_assert_int_eq(blob_put(blobs, a, 70001, refs[0].sha256, true,
	    &cause), 0);
	ck_assert_int_eq(blob_put(blobs, b, 57, refs[1].sha256, true,
	    &cause), 0);
	ck_assert_int_eq(blob_join(blobs, skel, slen, refs, 2, &back, &blen,
	    &cause), 0);
	ck_assert_uint_eq(blen, len);
	ck_assert_int_eq(memcmp(back, whole, len), 0);
	g_free(back);
	/* filled from memory, for a store without a folder: the same */
	back = blob_fill(skel, slen, refs, nrefs, datas, 3, &blen);
	ck_assert_uint_eq(blen, len);
	ck_assert_int_eq(memcmp(back, whole, len), 0);
	g_free(back);
	g_free(refs);
	ck_assert_int_eq(blob_refs(skel, slen, datas, 2, &refs, &nrefs,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "more"));
	g_free(cause);
	cause = NULL;
	/* composed whole, it has no empty parts to fill */
	ck_assert_int_eq(blob_refs(whole, len, datas, 3, &refs, &nrefs,
	    &cause), -1);
	g_free(cause);
	g_free(skel);
	g_free(whole);
	g_free(a);
	g_free(b);
}
END_TEST

START_TEST(blob_forwards_do_not_grow_the_store_by_their_attachments)
{
	unsigned char			*a = noise(BIG, 3);
	struct compose_attachment	 att = { "DS.docx", NULL, a, BIG, false };

	for (int with = 0; with < 2; with++) {
		char	*path = g_strdup_printf("%s/g%d.db", tmpdir, with);
		char	*cause = NULL;
		struct db *db = store_open(path, &cause);
		int64_t	 before, after;

		ck_assert_msg(db != NULL, "%s", cause);
		if (with)
			db_set_blob_dir(db, blobs);
		/* The items answer no recorded message here. */
		ck_assert_int_eq(db_exec(db, "PRAGMA foreign_keys = OFF",
		    &cause), 0);
		before = pages(db);
		for (int i = 0; i < 4; i++) {
			struct queue_outgoing	 o = { 0 };
			struct db_txn		*txn;
			char			*id, *raw;
			size_t			 len;

			txn = db_begin(db, &cause);
			id = g_strdup_printf("<hotrocks.forward.g%d@x.vn>", i);
			raw = composed(id, &att, 1, &len);
			o.message_id = id;
			o.purpose = "forward";
			o.rcpt = "ca@bcy.gov.vn";
			o.raw = raw;
			ck_assert_msg(queue_enqueue(txn, &o, 1, 1, 0, T0,
			    &cause) == 0, "%s", cause);
			ck_assert_int_eq(db_commit(txn, &cause), 0);
			g_free(raw);
			g_free(id);
		}
		after = pages(db);
		if (with) {
			char *c = one_text(db, "SELECT count(DISTINCT"
			    " sha256) || ' ' || count(*) FROM outbox_blobs");

			ck_assert_msg(after - before < (int64_t)BIG,
			    "grew %lld bytes", (long long)(after - before));
			ck_assert_str_eq(c, "1 4");
			g_free(c);
		} else
			ck_assert_msg(after - before > 4 * (int64_t)BIG,
			    "grew %lld bytes", (long long)(after - before));
		db_close(db);
		g_free(path);
	}
	g_free(a);
}
END_TEST

/* A store whose forward was queued the old way (the bytes in the row):
 * migration 10 lists it, queue_blobs_move moves its attachments out, and
 * the forward then sent carries the same message byte for byte, the
 * unit's file among it under its sha256. */
START_TEST(blob_migration_moves_old_forwards_and_they_send_identical)
{
	struct config		*cfg;
	struct pipeline		 pl = { 0 };
	struct source_msg	 msg;
	struct ingest_result	 res;
	struct sender_settings	 set = { 0 };
	struct queue_delivery	 d = { 0 };
	struct queue_report	 r;
	const char		*dir = getenv("HOTROCKS_SAMPLES");
	char			*cause = NULL, *sample, *before, *sent, *id;
	char			*p, *doc, *name;
	size_t			 moved, blen, slen;
	int64_t			 v;
	void			*st;

	cfg = config_load("samples/hotrocks.conf", &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	g_free(cfg->database);
	g_free(cfg->archive_dir);
	g_free(cfg->forward_approval);
	cfg->database = g_build_filename(tmpdir, "h.db", NULL);
	cfg->archive_dir = g_build_filename(tmpdir, "archive", NULL);
	cfg->forward_approval = g_strdup("none");
	pl.cfg = cfg;

	/* The old way: no blob directory, the forward whole in its row. */
	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	sample = g_build_filename(dir != NULL ? dir : "build/samples",
	    "01-outlook-docx-sontinh.eml", NULL);
	ck_assert_int_eq(source_read_file(sample, &msg, &cause), 1);
	ck_assert_msg(pipeline_ingest(&pl, &source_file, NULL, &msg, &res,
	    &cause) == 0, "%s", cause);
	ingest_result_deinit(&res);
	source_msg_free(&msg);
	before = one_text(pl.db, "SELECT raw FROM outbox"
	    " WHERE purpose = 'forward'");
	id = one_text(pl.db, "SELECT message_id FROM outbox"
	    " WHERE purpose = 'forward'");
	doc = one_text(pl.db, "SELECT sha256 FROM documents");
	ck_assert_ptr_nonnull(before);
	ck_assert_ptr_nonnull(doc);
	/* Back to the schema before migration 10 (user_version 8) and
	 * reprocess's after it (and 14's table of freed rows, 15's columns
	 * of a cover letter's number and date); the later
	 * ones (the search index's, the forwarded rows') run again over
	 * their own result. */
	ck_assert_int_eq(db_exec(pl.db, "DROP TABLE outbox_blobs;"
	    " DROP TABLE outbox_blobs_unmoved; DROP VIEW message_decision;"
	    " DROP TABLE decisions; DROP TABLE forward_freed;"
	    " ALTER TABLE documents DROP COLUMN doc_number;"
	    " ALTER TABLE documents DROP COLUMN doc_date;"
	    " DROP TABLE message_rows; DROP TABLE index_pending;"
	    " DROP TABLE outbox_copies_owed", &cause),
	    0);
	p = one_text(pl.db, "PRAGMA user_version");
	v = g_ascii_strtoll(p, NULL, 10);
	g_free(p);
	ck_assert_int_ge(v, 10);
	ck_assert_int_eq(db_exec(pl.db, "PRAGMA user_version = 8", &cause),
	    0);
	db_close(pl.db);

	/* Opened by this version: migrated, then moved out. */
	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	p = one_text(pl.db, "SELECT count(*) FROM outbox_blobs_unmoved");
	ck_assert_str_eq(p, "1");		/* the forward only */
	g_free(p);
	db_set_blob_dir(pl.db, blobs);
	ck_assert_msg(queue_blobs_move(pl.db, &moved, &cause) == 0, "%s",
	    cause);
	ck_assert_uint_eq(moved, 1);
	p = one_text(pl.db, "SELECT count(*) FROM outbox_blobs_unmoved");
	ck_assert_str_eq(p, "0");
	g_free(p);
	p = one_text(pl.db, "SELECT length(raw) FROM outbox"
	    " WHERE purpose = 'forward'");
	slen = (size_t)g_ascii_strtoull(p, NULL, 10);
	g_free(p);
	blen = strlen(before);
	p = blob_path(blobs, doc);
	ck_assert_msg(g_file_test(p, G_FILE_TEST_IS_REGULAR), "%s", p);
	g_free(p);
	p = one_text(pl.db, "SELECT sum(size) FROM outbox_blobs");
	ck_assert_uint_le(slen + g_ascii_strtoull(p, NULL, 10), blen);
	g_free(p);
	/* A second run has nothing left to move. */
	ck_assert_int_eq(queue_blobs_move(pl.db, &moved, &cause), 0);
	ck_assert_uint_eq(moved, 0);

	/* Sent through the file sender: the message queued, whole. */
	set.dir = g_build_filename(tmpdir, "sent", NULL);
	st = sender_file.open(&set, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	d.sender = &sender_file;
	d.state = st;
	d.env_from = "HotroCKS@quangngai.dcs.vn";
	d.now = LATER;
	ck_assert_msg(queue_deliver(pl.db, &d, &r, &cause) == 0, "%s", cause);
	ck_assert_uint_ge(r.sent, 2);	/* the ack and the forward */
	sender_file.close(st);
	name = g_strndup(id + 1, strlen(id) - 2);
	p = g_strdup_printf("%s/%s.eml", set.dir, name);
	ck_assert(g_file_get_contents(p, &sent, &slen, NULL));
	ck_assert_uint_eq(slen, blen);
	ck_assert_msg(memcmp(sent, before, blen) == 0, "the forward sent "
	    "differs from the one queued");
	g_free(sent);
	g_free(p);
	g_free(name);
	g_free((char *)set.dir);
	db_close(pl.db);
	config_free(cfg);
	g_free(sample);
	g_free(before);
	g_free(id);
	g_free(doc);
}
END_TEST

/* A held forward keeps what it needs through retention: `audit prune`
 * leaves the open case's message, and once the case is closed it may
 * take the message's archive file, never the forward's attachment
 * files; the forward then still comes whole, and `audit export` puts it
 * in the bundle byte for byte as queued. */
START_TEST(blob_prune_and_export_keep_what_a_held_forward_needs)
{
	struct config			*cfg;
	struct pipeline			 pl = { 0 };
	struct source_msg		 msg;
	struct ingest_result		 res;
	struct queue_item		*it;
	struct audit_export_opts	 eo = { 0 };
	struct audit_export_stats	 es;
	const char			*dir = getenv("HOTROCKS_SAMPLES");
	char				*cause = NULL, *sample, *whole, *p;
	char				*zpath, *name, *got;
	size_t				 files, msgs, len;
	int64_t				 fid;
	zip_t				*za;
	zip_file_t			*zf;
	zip_stat_t			 zs;

	cfg = config_load("samples/hotrocks.conf", &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	g_free(cfg->database);
	g_free(cfg->archive_dir);
	cfg->database = g_build_filename(tmpdir, "h.db", NULL);
	cfg->archive_dir = g_build_filename(tmpdir, "archive", NULL);
	pl.cfg = cfg;
	pl.db = store_open(cfg->database, &cause);
	ck_assert_msg(pl.db != NULL, "%s", cause);
	db_set_blob_dir(pl.db, blobs);
	sample = g_build_filename(dir != NULL ? dir : "build/samples",
	    "01-outlook-docx-sontinh.eml", NULL);
	ck_assert_int_eq(source_read_file(sample, &msg, &cause), 1);
	ck_assert_msg(pipeline_ingest(&pl, &source_file, NULL, &msg, &res,
	    &cause) == 0, "%s", cause);
	ingest_result_deinit(&res);
	source_msg_free(&msg);
	p = one_text(pl.db, "SELECT id FROM outbox WHERE purpose = 'forward'"
	    " AND state = 'held'");
	ck_assert_ptr_nonnull(p);
	fid = g_ascii_strtoll(p, NULL, 10);
	g_free(p);
	ck_assert_int_eq(queue_get(pl.db, fid, &it, &cause), 1);
	whole = g_strdup(it->raw);
	queue_items_free(it, 1);
	p = one_text(pl.db, "SELECT count(*) FROM outbox_blobs b JOIN outbox o"
	    " ON o.id = b.outbox_id WHERE o.purpose = 'forward'");
	ck_assert_str_eq(p, "2");		/* the list and the original */
	g_free(p);

	/* The case open: nothing goes. */
	ck_assert_int_eq(audit_prune_run(pl.db, cfg->archive_dir, 1, LATER,
	    "test", &files, &msgs, &cause), 0);
	ck_assert_uint_eq(files, 0);
	/* Closed (the forward still held): the message's file may go, the
	 * forward's files stay. */
	ck_assert_int_eq(db_exec(pl.db, "UPDATE cases SET state = 'done'",
	    &cause), 0);
	ck_assert_int_eq(audit_prune_run(pl.db, cfg->archive_dir, 1, LATER,
	    "test", &files, &msgs, &cause), 0);
	ck_assert_uint_eq(files, 1);
	ck_assert_int_eq(queue_get(pl.db, fid, &it, &cause), 1);
	ck_assert_str_eq(it->raw, whole);
	queue_items_free(it, 1);

	zpath = g_build_filename(tmpdir, "export.zip", NULL);
	eo.case_number = one_text(pl.db, "SELECT number FROM cases");
	eo.now = "2100-01-01T00:00:00Z";
	ck_assert_msg(audit_export_write(pl.db, cfg->archive_dir, &eo, zpath,
	    &es, &cause) == 0, "%s", cause);
	za = zip_open(zpath, ZIP_RDONLY, NULL);
	ck_assert_ptr_nonnull(za);
	name = g_strdup_printf("outgoing/%lld-forward-held.eml",
	    (long long)fid);
	ck_assert_int_eq(zip_stat(za, name, 0, &zs), 0);
	len = (size_t)zs.size;
	got = g_malloc(len + 1);
	zf = zip_fopen(za, name, 0);
	ck_assert_ptr_nonnull(zf);
	ck_assert_int_eq(zip_fread(zf, got, len), (zip_int64_t)len);
	zip_fclose(zf);
	zip_close(za);
	ck_assert_uint_eq(len, strlen(whole));
	ck_assert_int_eq(memcmp(got, whole, len), 0);
	g_free(got);
	g_free(name);
	g_free(zpath);
	g_free((char *)eo.case_number);
	db_close(pl.db);
	config_free(cfg);
	g_free(sample);
	g_free(whole);
}
END_TEST

Suite *
blob_suite(void)
{
	Suite	*s = suite_create("blob");
	TCase	*tc = tcase_create("attachments as files");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, blob_split_and_join_give_the_message_back);
	tcase_add_test(tc, blob_refs_of_a_message_composed_apart);
	tcase_add_test(tc,
	    blob_forwards_do_not_grow_the_store_by_their_attachments);
	tcase_add_test(tc,
	    blob_migration_moves_old_forwards_and_they_send_identical);
	tcase_add_test(tc,
	    blob_prune_and_export_keep_what_a_held_forward_needs);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (s);
}
