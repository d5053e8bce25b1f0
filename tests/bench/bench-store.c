/* bench-store.c: large stores for make bench, built fast: rows by direct
 * SQL in big transactions, archive files written without fsync, but every
 * audit entry appended by lib/audit.c, so the chain is the real one.
 *   bench-store audit DB ARCHIVE NMESSAGES NENTRIES
 *   bench-store cases DB NCASES
 * Never for a store anyone uses. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "intake/store.h"
#include "lib/audit.h"

static void
die(const char *what, const char *cause)
{
	fprintf(stderr, "bench-store: %s: %s\n", what, cause ? cause : "");
	exit(1);
}

static void
step(struct db *db, sqlite3_stmt *stmt, const char *what)
{
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		char *cause = NULL;

		db_fail(db, what, &cause);
		die(what, cause);
	}
	sqlite3_reset(stmt);
}

/* An RFC 3339 time i / n of the way through 2024. */
static void
time_in_2024(long i, long n, long plus, char out[DB_TIME_SIZE])
{
	db_time((time_t)(1704067200L + (long)((double)i / (double)n *
	    366 * 86400) + plus), out);
}

static void
messages_and_audit(const char *path, const char *archive, long nmsg,
    long nentries)
{
	struct db	*db;
	struct db_txn	*txn;
	sqlite3_stmt	*ins;
	char		*cause = NULL, at[DB_TIME_SIZE];
	GString		*raw = g_string_new(NULL);
	long		 e = 0;

	if ((db = store_open(path, &cause)) == NULL)
		die(path, cause);
	if ((txn = db_begin(db, &cause)) == NULL)
		die("begin", cause);
	ins = db_prepare(db, "INSERT INTO messages (id, source, message_id,"
	    " sha256, content_key, archive_path, from_addr, subject,"
	    " received_at, kind, action, contract_json) VALUES (?1, 'bench',"
	    " ?2, ?3, ?3, ?4, 'vanphong@huyen.example.vn', 'Danh sách SIM',"
	    " ?5, 'sim_activation', 'queue', '{}')", &cause);
	if (ins == NULL)
		die("prepare", cause);
	for (long i = 1; i <= nmsg; i++) {
		char	*sha, *rel, *dir, *file, *mid;

		/* about 6 KiB, as a small list with its attachment */
		g_string_printf(raw, "Message-ID: <bench.%ld@huyen.example.vn>"
		    "\r\nFrom: vanphong@huyen.example.vn\r\nSubject: Danh"
		    " sach SIM %ld\r\n\r\n", i, i);
		for (int k = 0; k < 96; k++)
			g_string_append_printf(raw, "%04d %ld dong danh sach "
			    "SIM ky so 0983415276 89840400000000%05ld\r\n", k,
			    i, i % 100000);
		sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256,
		    raw->str, (gssize)raw->len);
		rel = g_strdup_printf("%.2s/%s.eml", sha, sha);
		dir = g_strdup_printf("%s/%.2s", archive, sha);
		file = g_build_filename(archive, rel, NULL);
		if (g_mkdir_with_parents(dir, 0750) != 0 ||
		    !g_file_set_contents_full(file, raw->str,
		    (gssize)raw->len, G_FILE_SET_CONTENTS_NONE, 0640, NULL))
			die(file, g_strerror(errno));
		mid = g_strdup_printf("<bench.%ld@huyen.example.vn>", i);
		time_in_2024(i, nmsg, 0, at);
		sqlite3_bind_int64(ins, 1, i);
		sqlite3_bind_text(ins, 2, mid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, sha, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 4, rel, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 5, at, -1, SQLITE_TRANSIENT);
		step(db, ins, "message");
		g_free(mid);
		g_free(file);
		g_free(dir);
		g_free(rel);
		g_free(sha);
	}
	sqlite3_finalize(ins);
	/* the entries, ten a message at most, committed in batches */
	while (e < nentries) {
		struct audit_entry	 a = { 0 };
		char			 detail[64];

		time_in_2024(e, nentries, 0, at);
		snprintf(detail, sizeof detail, "bench entry %ld", e);
		a.at = at;
		a.actor = AUDIT_ACTOR;
		a.event = e % 3 == 0 ? "received" : e % 3 == 1 ? "queued" :
		    "sent";
		a.msg_id = e % nmsg + 1;
		a.detail = detail;
		if (audit_append(txn, &a, &cause) == -1)
			die("audit_append", cause);
		if (++e % 20000 == 0 && e < nentries) {
			if (db_commit(txn, &cause) == -1)
				die("commit", cause);
			if ((txn = db_begin(db, &cause)) == NULL)
				die("begin", cause);
		}
	}
	if (db_commit(txn, &cause) == -1)
		die("commit", cause);
	db_close(db);
	g_string_free(raw, TRUE);
}

/* ncases accepted SIM lists over 2024 from 20 units (every fifth one
 * rejected, no case), five rows each, an acknowledgement sent within
 * hours, three in five done within days, rows in every state. */
static void
cases(const char *path, long n)
{
	struct db	*db;
	struct db_txn	*txn;
	sqlite3_stmt	*msg, *cas, *doc, *row, *out, *unit, *addr;
	char		*cause = NULL, at[DB_TIME_SIZE], sent[DB_TIME_SIZE],
			 closed[DB_TIME_SIZE];
	GString		*json = g_string_new(NULL);
	static const char *const states[] = { "pending", "forwarded",
	    "activated", "activated", "refused" };
	long		 ncase = 0;

	if ((db = store_open(path, &cause)) == NULL)
		die(path, cause);
	if ((txn = db_begin(db, &cause)) == NULL)
		die("begin", cause);
	unit = db_prepare(db, "INSERT INTO units (id, name) VALUES (?1, ?2)",
	    &cause);
	addr = db_prepare(db, "INSERT INTO unit_addresses (address, unit_id)"
	    " VALUES (?1, ?2)", &cause);
	msg = db_prepare(db, "INSERT INTO messages (id, source, message_id,"
	    " sha256, content_key, from_addr, subject, received_at, kind,"
	    " action, contract_json, case_id) VALUES (?1, 'bench', ?2, ?3, ?3,"
	    " ?4, 'Danh sách SIM', ?5, 'sim_activation', ?6, ?7, ?8)", &cause);
	cas = db_prepare(db, "INSERT INTO cases (id, number, year, seq, state,"
	    " kind, action, organization, from_addr, subject, opened_at,"
	    " updated_at, closed_at) VALUES (?1, ?2, 2024, ?1, ?3,"
	    " 'sim_activation', 'queue', NULL, ?4, 'Danh sách SIM', ?5, ?5,"
	    " ?6)", &cause);
	doc = db_prepare(db, "INSERT INTO documents (id, msg_id, idx, filename,"
	    " format, kind, json) VALUES (?1, ?1, 0, 'ds.xlsx', 'xlsx',"
	    " 'sim_activation', '{}')", &cause);
	row = db_prepare(db, "INSERT INTO case_rows (case_id, document_id,"
	    " idx, phone, iccid, name, nerrors, json, state) VALUES (?1, ?6,"
	    " ?2, ?3, ?4, 'Nguyễn Văn An', 0, '{}', ?5)", &cause);
	out = db_prepare(db, "INSERT INTO outbox (message_id, purpose, rcpt,"
	    " raw, state, next_attempt_at, created_at, sent_at, case_id,"
	    " msg_id) VALUES (?1, ?2, ?3, 'x', 'sent', ?4, ?4, ?5, ?6, ?7)",
	    &cause);
	if (unit == NULL || addr == NULL || msg == NULL || cas == NULL ||
	    doc == NULL || row == NULL || out == NULL)
		die("prepare", cause);
	for (int u = 1; u <= 20; u++) {
		char *name = g_strdup_printf("Huyện ủy số %02d", u);
		char *a = g_strdup_printf("@huyen%02d.example.vn", u);

		sqlite3_bind_int(unit, 1, u);
		sqlite3_bind_text(unit, 2, name, -1, SQLITE_TRANSIENT);
		step(db, unit, "unit");
		sqlite3_bind_text(addr, 1, a, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(addr, 2, u);
		step(db, addr, "address");
		g_free(name);
		g_free(a);
	}
	for (long i = 1; ncase < n; i++) {
		bool	 reject = i % 5 == 0;
		char	*from = g_strdup_printf(
			    "vanphong@huyen%02ld.example.vn", i % 20 + 1);
		char	*mid = g_strdup_printf("<bench.%ld@example.vn>", i);
		char	*sha = g_compute_checksum_for_string(G_CHECKSUM_SHA256,
			    mid, -1);
		char	*oid, *number;

		time_in_2024(i, n * 5 / 4 + 5, 0, at);
		/* a CONTRACT object of a five-row list, errors in some */
		g_string_printf(json, "{\"contract\":1,\"kind\":"
		    "\"sim_activation\",\"action\":\"%s\",\"errors\":[],"
		    "\"warnings\":[],\"documents\":[{\"kind\":"
		    "\"sim_activation\",\"organization\":\"HUYỆN ỦY SỐ %02ld\","
		    "\"errors\":[],\"warnings\":[],\"rows\":[",
		    reject ? "reject" : "queue", i % 20 + 1);
		for (int r = 0; r < 5; r++)
			g_string_append_printf(json, "%s{\"index\":%d,"
			    "\"phone\":\"8498%07ld\",\"errors\":[%s],"
			    "\"warnings\":[]}", r ? "," : "", r + 1,
			    (i * 5 + r) % 10000000, reject && r < 2 ?
			    (r == 0 ? "{\"code\":\"phone_invalid\","
			    "\"detail\":\"x\"}" :
			    "{\"code\":\"iccid_checksum\","
			    "\"detail\":\"x\"}") : "");
		g_string_append(json, "]}]}");
		if (!reject) {
			ncase++;
			number = g_strdup_printf("HT-2024-%06ld", ncase);
			time_in_2024(i, n * 5 / 4 + 5, 86400 * (1 + i % 9),
			    closed);
			sqlite3_bind_int64(cas, 1, ncase);
			sqlite3_bind_text(cas, 2, number, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(cas, 3, i % 5 < 3 ? "done" : "open",
			    -1, SQLITE_STATIC);
			sqlite3_bind_text(cas, 4, from, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(cas, 5, at, -1, SQLITE_TRANSIENT);
			if (i % 5 < 3)
				sqlite3_bind_text(cas, 6, closed, -1,
				    SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(cas, 6);
			step(db, cas, "case");
			g_free(number);
		}
		sqlite3_bind_int64(msg, 1, i);
		sqlite3_bind_text(msg, 2, mid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(msg, 3, sha, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(msg, 4, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(msg, 5, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(msg, 6, reject ? "reject" : "queue", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(msg, 7, json->str, -1, SQLITE_TRANSIENT);
		if (reject)
			sqlite3_bind_null(msg, 8);
		else
			sqlite3_bind_int64(msg, 8, ncase);
		step(db, msg, "message");
		if (!reject) {
			sqlite3_bind_int64(doc, 1, i);
			step(db, doc, "document");
			for (int r = 0; r < 5; r++) {
				char *ph = g_strdup_printf("8498%07ld",
				    (i * 5 + r) % 10000000);
				char *ic = g_strdup_printf("8984040%012ld",
				    i * 5 + r);

				sqlite3_bind_int64(row, 1, ncase);
				sqlite3_bind_int(row, 2, r + 1);
				sqlite3_bind_text(row, 3, ph, -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_text(row, 4, ic, -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_text(row, 5, states[(i + r) % 5],
				    -1, SQLITE_STATIC);
				sqlite3_bind_int64(row, 6, i);
				step(db, row, "row");
				g_free(ph);
				g_free(ic);
			}
		}
		oid = g_strdup_printf("<hotrocks.ack.%ld@example.vn>", i);
		time_in_2024(i, n * 5 / 4 + 5, 600 * (1 + i % 30), sent);
		sqlite3_bind_text(out, 1, oid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(out, 2, reject ? "reject" : "ack", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(out, 3, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(out, 4, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(out, 5, sent, -1, SQLITE_TRANSIENT);
		if (reject)
			sqlite3_bind_null(out, 6);
		else
			sqlite3_bind_int64(out, 6, ncase);
		sqlite3_bind_int64(out, 7, i);
		step(db, out, "outbox");
		g_free(oid);
		g_free(sha);
		g_free(mid);
		g_free(from);
	}
	sqlite3_finalize(unit);
	sqlite3_finalize(addr);
	sqlite3_finalize(msg);
	sqlite3_finalize(cas);
	sqlite3_finalize(doc);
	sqlite3_finalize(row);
	sqlite3_finalize(out);
	if (db_commit(txn, &cause) == -1)
		die("commit", cause);
	db_close(db);
	g_string_free(json, TRUE);
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "audit") == 0)
		messages_and_audit(argv[2], argv[3], atol(argv[4]),
		    atol(argv[5]));
	else if (argc == 4 && strcmp(argv[1], "cases") == 0)
		cases(argv[2], atol(argv[3]));
	else {
		fprintf(stderr, "usage: bench-store audit DB ARCHIVE NMESSAGES "
		    "NENTRIES\n       bench-store cases DB NCASES\n");
		return (64);
	}
	return (0);
}
