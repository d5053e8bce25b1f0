/* audit-export.c: hotrocks audit export, a ZIP an auditor checks with
 * sha256sum and a few lines of Python. It only reads the store and the
 * archive; it must never write there, nor put in a file it did not hash. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <zip.h>

#include "intake/archive.h"
#include "intake/audit-export.h"
#include "intake/contract.h"
#include "intake/mime.h"
#include "intake/store.h"
#include "lib/audit.h"
#include "outbox/queue.h"

/* The bundle being written: the archive and the manifest's lines. Each
 * entry waits in a file of tmp until zip_close, which reads it: the
 * bundle of a month costs the memory of its largest entry, not of all. */
struct bundle {
	zip_t		*za;
	GString		*manifest;
	char		*cause;
	char		*tmp;		/* a private folder, removed at the end */
	unsigned	 nfiles;
};

/* Which rows belong to the export: ?1 is the case id, or ?1 and ?2 the
 * first and last instant. */
struct selection {
	const char	*messages;	/* id, archive_path, contract_json */
	const char	*outbox;	/* id, purpose, state, raw */
	const char	*audit;		/* the entry columns */
};

static const struct selection by_case = {
	"SELECT id, archive_path, contract_json FROM messages"
	" WHERE case_id = ?1 OR id IN (SELECT msg_id FROM audit"
	" WHERE case_id = ?1) ORDER BY id",
	/* A daily forward carries many cases: it is theirs too. */
	"SELECT id, purpose, state, raw FROM outbox WHERE case_id = ?1"
	" OR msg_id IN (SELECT id FROM messages WHERE case_id = ?1)"
	" OR id IN (SELECT f.outbox_id FROM forwards f JOIN forward_items i"
	" ON i.forward_id = f.id WHERE i.case_id = ?1)"
	/* and one cancelled, that carried it until then */
	" OR id IN (SELECT f.outbox_id FROM forwards f JOIN forward_freed i"
	" ON i.forward_id = f.id WHERE i.case_id = ?1)"
	" ORDER BY id",
	"SELECT id, at, actor, event, coalesce(msg_id, 0),"
	" coalesce(case_id, 0), detail, msg_sha256, prev_hash, hash"
	" FROM audit WHERE case_id = ?1"
	" OR msg_id IN (SELECT id FROM messages WHERE case_id = ?1)"
	" ORDER BY id",
};

static const struct selection by_time = {
	"SELECT id, archive_path, contract_json FROM messages"
	" WHERE received_at >= ?1 AND received_at <= ?2 ORDER BY id",
	"SELECT id, purpose, state, raw FROM outbox"
	" WHERE created_at >= ?1 AND created_at <= ?2 ORDER BY id",
	"SELECT id, at, actor, event, coalesce(msg_id, 0),"
	" coalesce(case_id, 0), detail, msg_sha256, prev_hash, hash"
	" FROM audit WHERE at >= ?1 AND at <= ?2 ORDER BY id",
};

static const char readme_text[] =
"Gói hồ sơ kiểm tra của hotrocks\n"
"===============================\n"
"\n"
"Gói này do lệnh \"hotrocks audit export\" tạo lúc %s,\n"
"phạm vi: %s.\n"
"Có thể kiểm tra gói mà không cần hotrocks, chỉ với sha256sum và python3.\n"
"\n"
"Nội dung\n"
"- messages/SỐ/message.eml: thư gốc đúng như đã nhận, từng byte một;\n"
"  trong kho lưu trữ, tên tệp là mã SHA-256 của nó.\n"
"- messages/SỐ/attachments/: các tệp đính kèm đúng như đã nhận.\n"
"- messages/SỐ/removed.txt: thay cho message.eml và attachments/ khi\n"
"  thư gốc đã được xóa theo thời hạn lưu trữ (hotrocks audit prune):\n"
"  ghi mục nhật ký archive_removed (thời điểm, mã SHA-256 của thư).\n"
"- messages/SỐ/decision.json: quyết định của hệ thống (CONTRACT JSON).\n"
"- messages/SỐ/decisions/SỐ.json: các quyết định đưa ra lại sau đó (lệnh\n"
"  hotrocks reprocess), mỗi quyết định một tệp; messages/SỐ/decisions.tsv\n"
"  ghi số, thời điểm, người thực hiện, loại văn bản, hành động, kết quả\n"
"  của từng quyết định và đơn vị đã được trả lời theo quyết định đó hay\n"
"  chưa (1 hoặc 0). Thư chỉ được quyết định một lần thì không có các tệp\n"
"  này.\n"
"- outgoing/: thư trả lời và thư chuyển tiếp, đúng như đã gửi hoặc\n"
"  đang chờ gửi (.eml); tên tệp ghi số, mục đích và trạng thái.\n"
"- audit/entries.jsonl: các mục nhật ký liên quan, mỗi dòng một mục,\n"
"  kèm prev_hash (mã băm của mục ngay trước) và hash (mã băm của mục).\n"
"- audit/chain.tsv: id, prev_hash và hash của mọi mục nhật ký từ mục\n"
"  đầu tiên của gói đến đầu chuỗi (chỉ mã băm, không có nội dung).\n"
"- audit/head.txt: đầu chuỗi lúc xuất (số mục, id cuối, mã băm).\n"
"- audit/kiem-tra.py: đoạn mã kiểm tra bước 3 và 4 dưới đây.\n"
"- MANIFEST.sha256: mã SHA-256 của mọi tệp khác trong gói.\n"
"\n"
"Cách kiểm tra\n"
"1. Giải nén rồi kiểm tra từng tệp:\n"
"       unzip goi.zip -d goi && cd goi && sha256sum -c MANIFEST.sha256\n"
"   Mọi dòng phải báo OK và lệnh phải kết thúc với mã 0.\n"
"2. Thư gốc: \"sha256sum messages/*/message.eml\" cho đúng giá trị\n"
"   msg_sha256 của các mục nhật ký về thư đó (thư đã xóa theo thời hạn\n"
"   lưu trữ có removed.txt thay cho message.eml).\n"
"3. Từng mục nhật ký: hash là SHA-256 (dạng hex chữ thường) của chuỗi\n"
"   \"hotrocks-audit-1,\" nối với chín trường, mỗi trường viết theo dạng\n"
"   netstring \"ĐỘ_DÀI:GIÁ_TRỊ,\" (ĐỘ_DÀI là số byte UTF-8, hệ thập phân):\n"
"   id, at, actor, event, msg_id, case_id (số thập phân, \"0\" nếu không\n"
"   có), detail (\"\" nếu không có), msg_sha256 (\"\" nếu không có),\n"
"   prev_hash. Mục đầu tiên của cả chuỗi có prev_hash là 64 chữ số 0.\n"
"4. Liên kết với chuỗi: trong audit/chain.tsv, prev_hash của mỗi dòng\n"
"   bằng hash của dòng trước; mỗi mục trong entries.jsonl có đúng hash\n"
"   đó ở cùng id; dòng cuối cùng là đầu chuỗi trong audit/head.txt.\n"
"       python3 audit/kiem-tra.py\n"
"   in \"OK\" và kết thúc với mã 0 khi mọi điều trên đều đúng.\n"
"5. So đầu chuỗi trong audit/head.txt với kết quả \"hotrocks audit\n"
"   verify\" trên máy chủ, hoặc với một đầu chuỗi đã ghi lại trước đó:\n"
"   nếu trùng, nhật ký không bị cắt bớt hay viết lại kể từ lúc đó.\n";

static const char check_py[] =
"#!/usr/bin/python3\n"
"# Kiểm tra audit/entries.jsonl với audit/chain.tsv và audit/head.txt.\n"
"import hashlib, json, os, sys\n"
"d = os.path.dirname(os.path.abspath(__file__))\n"
"def ns(v):\n"
"    b = ('' if v is None else str(v)).encode('utf-8')\n"
"    return str(len(b)).encode() + b':' + b + b','\n"
"def entry_hash(e):\n"
"    s = b'hotrocks-audit-1,'\n"
"    for k in ('id', 'at', 'actor', 'event', 'msg_id', 'case_id',\n"
"              'detail', 'msg_sha256', 'prev_hash'):\n"
"        s += ns(e.get(k))\n"
"    return hashlib.sha256(s).hexdigest()\n"
"chain = {}\n"
"prev = None\n"
"for line in open(os.path.join(d, 'chain.tsv'), encoding='utf-8'):\n"
"    i, p, h = line.rstrip('\\n').split('\\t')\n"
"    if prev is not None and p != prev:\n"
"        sys.exit('chain.tsv: id %s does not link to the one before' % i)\n"
"    chain[int(i)] = (p, h)\n"
"    prev = h\n"
"head = dict(l.split(' ', 1) for l in\n"
"            open(os.path.join(d, 'head.txt')).read().splitlines())\n"
"if chain and prev != head['hash']:\n"
"    sys.exit('chain.tsv does not end at the head')\n"
"for line in open(os.path.join(d, 'entries.jsonl'), encoding='utf-8'):\n"
"    e = json.loads(line)\n"
"    if entry_hash(e) != e['hash']:\n"
"        sys.exit('entry %d: hash mismatch' % e['id'])\n"
"    if chain.get(e['id']) != (e['prev_hash'], e['hash']):\n"
"        sys.exit('entry %d: not the chain\\'s' % e['id'])\n"
"print('OK')\n";

static int	 add(struct bundle *, const char *, char *, size_t);
static int	 add_file(struct bundle *, const char *, const char *);
static int	 add_decision(struct bundle *, struct db *, int64_t,
		    const char *, const char *, char **);
static char	*entry_path(struct bundle *);
static void	 remove_tmp(struct bundle *);
static char	*safe_name(const char *);
static int	 add_redecisions(struct bundle *, struct db *,
		    sqlite3_stmt *, int64_t, char **);
static int	 add_messages(struct bundle *, struct db *, const char *,
		    const struct selection *, const char **, int,
		    struct audit_export_stats *, char **);
static int	 add_outgoing(struct bundle *, struct db *,
		    const struct selection *, const char **, int,
		    struct audit_export_stats *, char **);
static int	 add_audit(struct bundle *, struct db *,
		    const struct selection *, const char **, int,
		    const char *, struct audit_export_stats *, char **);
static void	 bind_all(sqlite3_stmt *, const char **, int);

/* The path of the next entry's file in b->tmp (g_free). */
static char *
entry_path(struct bundle *b)
{
	return (g_strdup_printf("%s/%u", b->tmp, b->nfiles++));
}

/* Adds src as name (src freed on failure), deflated at zlib's default
 * level: libzip's own is 9, three times the time of 6 on a long list's
 * decision (71 MB of JSON: 1.9 s against 0.6 s) for 3 % less. */
static int
entry_add(zip_t *za, const char *name, zip_source_t *src)
{
	zip_int64_t	 i;

	if ((i = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		return (-1);
	}
	return (zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_DEFLATE,
	    6) == -1 ? -1 : 0);
}

/* Adds the file at path (written for the bundle, in b->tmp) as name, and
 * its line to the manifest, hashed from the file as it will be read. */
static int
add_file(struct bundle *b, const char *name, const char *path)
{
	GChecksum	*sum = g_checksum_new(G_CHECKSUM_SHA256);
	zip_source_t	*src;
	FILE		*fp;
	char		 buf[65536];
	size_t		 n;
	int		 rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		b->cause = g_strdup_printf("%s: %s", path, g_strerror(errno));
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		g_checksum_update(sum, (const guchar *)buf, (gssize)n);
	if (ferror(fp)) {
		b->cause = g_strdup_printf("%s: read error", path);
		fclose(fp);
		goto out;
	}
	fclose(fp);
	g_string_append_printf(b->manifest, "%s  %s\n",
	    g_checksum_get_string(sum), name);
	if ((src = zip_source_file(b->za, path, 0, -1)) == NULL) {
		b->cause = g_strdup_printf("%s: %s", name,
		    zip_strerror(b->za));
		goto out;
	}
	if (entry_add(b->za, name, src) == -1) {
		b->cause = g_strdup_printf("%s: %s", name,
		    zip_strerror(b->za));
		goto out;
	}
	rc = 0;
out:
	g_checksum_free(sum);
	return (rc);
}

/* Adds data (g_malloc'd, taken and freed now) as name. */
static int
add(struct bundle *b, const char *name, char *data, size_t len)
{
	GError	*e = NULL;
	char	*path = entry_path(b);
	int	 rc = -1;

	if (!g_file_set_contents(path, data == NULL ? "" : data,
	    (gssize)len, &e)) {
		b->cause = g_strdup_printf("%s: %s", name, e->message);
		g_error_free(e);
	} else
		rc = add_file(b, name, path);
	g_free(data);
	g_free(path);
	return (rc);
}

/* Adds the decision of message id, stored as stored, as name: written
 * whole, its rows put back from the store as they are read (store.c),
 * never held. */
static int
add_decision(struct bundle *b, struct db *db, int64_t id,
    const char *stored, const char *name, char **cause)
{
	struct jw	*w;
	FILE		*fp;
	char		*path = entry_path(b);
	int		 rc = -1;

	if ((fp = fopen(path, "wb")) == NULL) {
		*cause = g_strdup_printf("%s: %s", path, g_strerror(errno));
		goto out;
	}
	w = contract_jw_new(fp);
	rc = store_contract_write(db, id, stored, NULL, w, cause);
	contract_jw_free(w);
	if ((ferror(fp) | fclose(fp)) != 0 && rc == 0) {
		*cause = g_strdup_printf("%s: write error", path);
		rc = -1;
	}
	if (rc == 0 && (rc = add_file(b, name, path)) == -1)
		*cause = g_steal_pointer(&b->cause);
out:
	g_free(path);
	return (rc);
}

/* Removes b->tmp and the files in it (after zip_close or zip_discard). */
static void
remove_tmp(struct bundle *b)
{
	if (b->tmp == NULL)
		return;
	for (unsigned i = 0; i < b->nfiles; i++) {
		char *path = g_strdup_printf("%s/%u", b->tmp, i);

		(void)g_unlink(path);
		g_free(path);
	}
	(void)g_rmdir(b->tmp);
	g_free(b->tmp);
	b->tmp = NULL;
}

/* A file name as received, made a plain name: no directory, no control
 * character, no backslash (sha256sum -c would escape it). */
static char *
safe_name(const char *name)
{
	char	*s = g_strdup(name == NULL || *name == '\0' ? "file" : name);

	for (char *p = s; *p != '\0'; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    *p == 0x7f)
			*p = '_';
	if (*s == '.')
		*s = '_';
	return (s);
}

static void
bind_all(sqlite3_stmt *stmt, const char **args, int nargs)
{
	for (int i = 0; i < nargs; i++)
		sqlite3_bind_text(stmt, i + 1, args[i], -1, SQLITE_STATIC);
}

/* The message's later decisions (hotrocks reprocess; its first is
 * decision.json): each whole as decisions/ID.json, and what each was,
 * who took it and when, whether the unit was answered, in
 * decisions.tsv. Nothing for a message decided once. */
static int
add_redecisions(struct bundle *b, struct db *db, sqlite3_stmt *stmt,
    int64_t msg_id, char **cause)
{
	GString	*tsv = g_string_new("id\tdecided_at\tactor\tkind\taction\t"
		    "outcome\tanswered\n");
	char	*name;
	int	 step, n = 0, rc = -1;

	sqlite3_bind_int64(stmt, 1, msg_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);

		/* values of the store's own vocabulary: no tab or
		 * newline in any (CHECKs and reprocess.c) */
		for (int c = 0; c < 7; c++)
			g_string_append_printf(tsv, "%s%s", c > 0 ? "\t" : "",
			    (const char *)sqlite3_column_text(stmt, c));
		g_string_append_c(tsv, '\n');
		name = g_strdup_printf("messages/%" PRId64 "/decisions/%"
		    PRId64 ".json", msg_id, id);
		rc = add_decision(b, db, msg_id,
		    (const char *)sqlite3_column_text(stmt, 7), name, cause);
		g_free(name);
		if (rc == -1)
			goto out;
		rc = -1;
		n++;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the decisions", cause);
		goto out;
	}
	rc = 0;
	if (n > 0) {
		name = g_strdup_printf("messages/%" PRId64 "/decisions.tsv",
		    msg_id);
		if ((rc = add(b, name, tsv->str, tsv->len)) == -1)
			*cause = g_steal_pointer(&b->cause);
		g_string_free(tsv, FALSE);
		tsv = NULL;
		g_free(name);
	}
out:
	if (tsv != NULL)
		g_string_free(tsv, TRUE);
	sqlite3_reset(stmt);
	return (rc);
}

/* messages/ID/removed.txt for a message whose original audit prune
 * removed: the entry that says so, as the chain holds it. */
static int
add_removed(struct bundle *b, struct db *db, int64_t id,
    struct audit_export_stats *st, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*name, *text;
	int		 rc;

	if ((stmt = db_prepare(db, "SELECT at, actor, detail FROM audit"
	    " WHERE msg_id = ? AND event = 'archive_removed' ORDER BY id DESC"
	    " LIMIT 1", cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = g_strdup_printf("Thư gốc đã được xóa khỏi kho lưu trữ "
		    "theo thời hạn lưu trữ (hotrocks audit prune).\n"
		    "Mục nhật ký archive_removed: %s %s %s\n",
		    (const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2));
	else
		text = g_strdup("Thư gốc không còn trong kho lưu trữ; nhật ký "
		    "không có mục archive_removed cho thư này.\n");
	sqlite3_finalize(stmt);
	name = g_strdup_printf("messages/%" PRId64 "/removed.txt", id);
	rc = add(b, name, text, strlen(text));
	g_free(name);
	if (rc == 0)
		st->removed++;
	return (rc);
}

static int
add_messages(struct bundle *b, struct db *db, const char *archive_dir,
    const struct selection *sel, const char **args, int nargs,
    struct audit_export_stats *st, char **cause)
{
	sqlite3_stmt	*stmt, *later;
	int		 step, rc = -1;

	if ((later = db_prepare(db, "SELECT id, decided_at, actor, kind,"
	    " action, outcome, answered, contract_json FROM decisions"
	    " WHERE msg_id = ? ORDER BY id", cause)) == NULL)
		return (-1);
	if ((stmt = db_prepare(db, sel->messages, cause)) == NULL) {
		sqlite3_finalize(later);
		return (-1);
	}
	bind_all(stmt, args, nargs);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t		 id = sqlite3_column_int64(stmt, 0);
		const char	*rel =
		    (const char *)sqlite3_column_text(stmt, 1);
		const char	*json =
		    (const char *)sqlite3_column_text(stmt, 2);
		struct mail	*mail = NULL;
		const char	*why;
		unsigned char	*raw;
		size_t		 len;
		char		*name;

		/* the decision whole, its rows put back (store.c) */
		name = g_strdup_printf("messages/%" PRId64 "/decision.json",
		    id);
		if (add_decision(b, db, id, json, name, cause) == -1) {
			g_free(name);
			goto out;
		}
		g_free(name);
		if (add_redecisions(b, db, later, id, cause) == -1)
			goto out;
		st->messages++;
		/* Pruned (audit prune): its folder says so and when, so an
		 * auditor counting message.eml files is not left to find the
		 * gap (trial 3, finding 7). */
		if (rel == NULL) {
			if (add_removed(b, db, id, st, cause) == -1)
				goto out;
			continue;
		}
		/* archive_get refuses a file that no longer matches its
		 * name: an altered message is never exported as true. */
		if (archive_get(archive_dir, rel, &raw, &len, cause) == -1)
			goto out;
		if (mime_parse(raw, len, NULL, &mail, &why) == 0) {
			for (size_t i = 0; i < mail->natt; i++) {
				struct attachment *a = &mail->att[i];
				char *safe;

				if (a->data == NULL)
					continue;
				safe = safe_name(a->filename);
				name = g_strdup_printf("messages/%" PRId64
				    "/attachments/%zu-%s", id, i + 1, safe);
				g_free(safe);
				rc = add(b, name, g_memdup2(a->data, a->len),
				    a->len);
				g_free(name);
				if (rc == -1) {
					mime_free(mail);
					g_free(raw);
					goto out;
				}
				rc = -1;
				st->attachments++;
			}
			mime_free(mail);
		}
		name = g_strdup_printf("messages/%" PRId64 "/message.eml", id);
		rc = add(b, name, (char *)raw, len);
		g_free(name);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the messages", cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	sqlite3_finalize(later);
	return (rc);
}

static int
add_outgoing(struct bundle *b, struct db *db, const struct selection *sel,
    const char **args, int nargs, struct audit_export_stats *st,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 step, rc = -1;

	if ((stmt = db_prepare(db, sel->outbox, cause)) == NULL)
		return (-1);
	bind_all(stmt, args, nargs);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		char		*name, *purpose, *state, *raw;
		size_t		 len;

		/* Whole, as sent: its attachments read back from their
		 * files (and checked against their sha256). */
		if (queue_raw(db, sqlite3_column_int64(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 3), &raw, &len,
		    cause) == -1)
			goto out;

		purpose = safe_name((const char *)sqlite3_column_text(stmt, 1));
		state = safe_name((const char *)sqlite3_column_text(stmt, 2));
		name = g_strdup_printf("outgoing/%" PRId64 "-%s-%s.eml",
		    (int64_t)sqlite3_column_int64(stmt, 0), purpose, state);
		g_free(purpose);
		g_free(state);
		rc = add(b, name, raw, len);
		g_free(name);
		if (rc == -1)
			goto out;
		rc = -1;
		st->outgoing++;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the outbox", cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

/* The entries selected, whole, then the hashes from the first of them to
 * the head, so that the slice is shown to be part of the one chain. */
static int
add_audit(struct bundle *b, struct db *db, const struct selection *sel,
    const char **args, int nargs, const char *now,
    struct audit_export_stats *st, char **cause)
{
	static const char *const names[] = { "id", "at", "actor", "event",
	    "msg_id", "case_id", "detail", "msg_sha256", "prev_hash", "hash" };
	sqlite3_stmt	*stmt;
	GString		*lines = g_string_new(NULL), *chain;
	int64_t		 first = -1, entries = 0, last_id = 0;
	int		 step, rc = -1;
	size_t		 len;
	char		*head = NULL, *text;

	if ((stmt = db_prepare(db, sel->audit, cause)) == NULL)
		goto out;
	bind_all(stmt, args, nargs);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		JsonBuilder	*jb = json_builder_new();
		JsonNode	*root;

		if (first == -1)
			first = sqlite3_column_int64(stmt, 0);
		json_builder_begin_object(jb);
		for (int i = 0; i < 10; i++) {
			json_builder_set_member_name(jb, names[i]);
			if (i == 0 || i == 4 || i == 5)
				json_builder_add_int_value(jb,
				    sqlite3_column_int64(stmt, i));
			else if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
				json_builder_add_null_value(jb);
			else
				json_builder_add_string_value(jb,
				    (const char *)sqlite3_column_text(stmt, i));
		}
		json_builder_end_object(jb);
		root = json_builder_get_root(jb);
		text = json_to_string(root, FALSE);
		g_string_append_printf(lines, "%s\n", text);
		g_free(text);
		json_node_unref(root);
		g_object_unref(jb);
		st->entries++;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "reading the audit log", cause);
		goto out;
	}

	chain = g_string_new(NULL);
	stmt = db_prepare(db, "SELECT id, prev_hash, hash FROM audit"
	    " WHERE id >= ? ORDER BY id", cause);
	if (stmt == NULL) {
		g_string_free(chain, TRUE);
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, first == -1 ? INT64_MAX : first);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		g_string_append_printf(chain, "%" PRId64 "\t%s\t%s\n",
		    (int64_t)sqlite3_column_int64(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2));
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		g_string_free(chain, TRUE);
		db_fail(db, "reading the audit chain", cause);
		goto out;
	}
	stmt = db_prepare(db, "SELECT entries, last_id, hash FROM audit_head",
	    cause);
	if (stmt == NULL) {
		g_string_free(chain, TRUE);
		goto out;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		entries = sqlite3_column_int64(stmt, 0);
		last_id = sqlite3_column_int64(stmt, 1);
		head = db_column_strdup(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (head == NULL) {
		g_string_free(chain, TRUE);
		*cause = g_strdup("the audit chain has not started");
		goto out;
	}
	g_strlcpy(st->head, head, sizeof st->head);
	/* add() takes the text whether or not it succeeds. */
	len = lines->len;
	text = g_string_free(g_steal_pointer(&lines), FALSE);
	if (add(b, "audit/entries.jsonl", text, len) == -1) {
		g_string_free(chain, TRUE);
		goto fail;
	}
	len = chain->len;
	if (add(b, "audit/chain.tsv", g_string_free(chain, FALSE), len) == -1)
		goto fail;
	text = g_strdup_printf("entries %" PRId64 "\nlast_id %" PRId64
	    "\nhash %s\nexported_at %s\n", entries, last_id, head, now);
	if (add(b, "audit/head.txt", text, strlen(text)) == -1)
		goto fail;
	if (add(b, "audit/kiem-tra.py", g_strdup(check_py),
	    strlen(check_py)) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	*cause = g_steal_pointer(&b->cause);
out:
	if (lines != NULL)
		g_string_free(lines, TRUE);
	g_free(head);
	return (rc);
}

int
audit_export_write(struct db *db, const char *archive_dir,
    const struct audit_export_opts *o, const char *out,
    struct audit_export_stats *st, char **cause)
{
	const struct selection	*sel;
	struct bundle		 b = { 0 };
	sqlite3_stmt		*stmt;
	const char		*args[2];
	char			*since = NULL, *until = NULL, *caseid = NULL;
	char			*scope, *text;
	int			 nargs, err, found, rc = -1;
	bool			 reading = false;
	size_t			 len;
	GError			*gerr = NULL;

	memset(st, 0, sizeof *st);
	if (db_exec(db, "BEGIN", cause) == -1)
		return (-1);
	reading = true;
	if (o->case_number != NULL) {
		stmt = db_prepare(db, "SELECT id FROM cases WHERE number = ?"
		    " COLLATE NOCASE", cause);
		if (stmt == NULL)
			goto out;
		sqlite3_bind_text(stmt, 1, o->case_number, -1, SQLITE_STATIC);
		if ((found = db_lookup(db, stmt, 0, &caseid, "finding the case",
		    cause)) <= 0) {
			rc = found == 0 ? 1 : -1;
			goto out;
		}
		sel = &by_case;
		args[0] = caseid;
		nargs = 1;
		scope = g_strdup_printf("hồ sơ %s", o->case_number);
	} else {
		since = db_time_bound(o->since, false, o->timezone);
		until = db_time_bound(o->until == NULL ? "9999-12-31" :
		    o->until, true, o->timezone);
		if (since == NULL || until == NULL) {
			*cause = g_strdup_printf("not a date: %s", since ==
			    NULL ? o->since : o->until);
			goto out;
		}
		sel = &by_time;
		args[0] = since;
		args[1] = until;
		nargs = 2;
		scope = o->until == NULL ?
		    g_strdup_printf("từ %s", o->since) :
		    g_strdup_printf("từ %s đến %s", o->since, o->until);
	}

	if ((b.za = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		*cause = g_strdup_printf("%s: %s", out,
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		g_free(scope);
		goto out;
	}
	b.manifest = g_string_new(NULL);
	if ((b.tmp = g_dir_make_tmp("hotrocks-export-XXXXXX", &gerr)) ==
	    NULL) {
		*cause = g_strdup_printf("a folder for the bundle's files: %s",
		    gerr->message);
		g_error_free(gerr);
		g_free(scope);
		goto out;
	}
	text = g_strdup_printf(readme_text, o->now, scope);
	g_free(scope);
	if (add(&b, "README.txt", text, strlen(text)) == -1) {
		*cause = g_steal_pointer(&b.cause);
		goto out;
	}
	if (add_messages(&b, db, archive_dir, sel, args, nargs, st,
	    cause) == -1 ||
	    add_outgoing(&b, db, sel, args, nargs, st, cause) == -1 ||
	    add_audit(&b, db, sel, args, nargs, o->now, st, cause) == -1) {
		if (b.cause != NULL && *cause == NULL)
			*cause = g_steal_pointer(&b.cause);
		goto out;
	}
	len = b.manifest->len;
	text = g_string_free(b.manifest, FALSE);
	b.manifest = NULL;
	{
		zip_source_t *src = zip_source_buffer(b.za, text, len, 1);

		if (src == NULL || entry_add(b.za, "MANIFEST.sha256",
		    src) == -1) {
			if (src == NULL)
				g_free(text);
			*cause = g_strdup_printf("MANIFEST.sha256: %s",
			    zip_strerror(b.za));
			goto out;
		}
	}
	if (zip_close(b.za) == -1) {
		*cause = g_strdup_printf("%s: %s", out, zip_strerror(b.za));
		goto out;
	}
	b.za = NULL;
	rc = 0;
out:
	if (b.za != NULL)
		zip_discard(b.za);
	remove_tmp(&b);
	if (b.manifest != NULL)
		g_string_free(b.manifest, TRUE);
	g_free(b.cause);
	if (reading)
		(void)db_exec(db, "ROLLBACK", NULL);
	g_free(since);
	g_free(until);
	g_free(caseid);
	return (rc);
}
