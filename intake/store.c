/* store.c: the schema of the case store, and the recording of one message
 * (message, documents, case, rows, audit) inside the caller's transaction.
 * It must never build SQL from values (every value is bound) nor write
 * outside that transaction. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "intake/contract.h"
#include "intake/imap-state.h"
#include "intake/store.h"
#include "intake/units-store.h"
#include "lib/audit.h"
#include "lib/zone.h"
#include "outbox/queue.h"

/*
 * Schema, version 1: with the outbox (outbox/queue.c) and the audit
 * (lib/audit.c), in this order, it is the text that first shipped.
 * Auditors open this database with sqlite3, so names say what they hold:
 * "message_id" is always an RFC 5322 Message-ID text, while "msg_id" is a
 * reference to messages(id). Times are RFC 3339 UTC.
 */
static const char store_schema_v1[] =
    "CREATE TABLE cases (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	number		TEXT NOT NULL UNIQUE,\n"
    "	year		INTEGER NOT NULL,\n"
    "	seq		INTEGER NOT NULL CHECK (seq > 0),\n"
    "	state		TEXT NOT NULL\n"
    "			CHECK (state IN ('open', 'review', 'done')),\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	organization	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	opened_at	TEXT NOT NULL,\n"
    "	updated_at	TEXT NOT NULL,\n"
    "	UNIQUE (year, seq)\n"
    ");\n"
    "CREATE INDEX cases_state ON cases (state);\n"
    "CREATE INDEX cases_opened ON cases (opened_at);\n"
    "\n"
    "CREATE TABLE messages (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	source		TEXT NOT NULL,\n"
    "	origin		TEXT,\n"
    "	uidvalidity	INTEGER NOT NULL DEFAULT 0,\n"
    "	uid		INTEGER NOT NULL DEFAULT 0,\n"
    "	message_id	TEXT,\n"
    "	sha256		TEXT NOT NULL,\n"
    "	content_key	TEXT NOT NULL,\n"
    "	archive_path	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	received_at	TEXT NOT NULL,\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	contract_json	TEXT NOT NULL,\n"
    "	case_id		INTEGER REFERENCES cases (id)\n"
    ");\n"
    /* The three ways a message is recognised again (store_seen); unique,
     * so even a bug above cannot record one message twice. */
    "CREATE UNIQUE INDEX messages_imap\n"
    "	ON messages (uidvalidity, uid, origin, source) WHERE uid != 0;\n"
    "CREATE UNIQUE INDEX messages_mid\n"
    "	ON messages (message_id, content_key)\n"
    "	WHERE message_id IS NOT NULL;\n"
    "CREATE INDEX messages_sha256 ON messages (sha256);\n"
    "CREATE INDEX messages_case ON messages (case_id);\n"
    "\n"
    "CREATE TABLE documents (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id),\n"
    "	idx		INTEGER NOT NULL,\n"
    "	filename	TEXT,\n"
    "	format		TEXT,\n"
    "	sha256		TEXT,\n"
    "	kind		TEXT,\n"
    "	json		TEXT NOT NULL,\n"
    "	UNIQUE (msg_id, idx)\n"
    ");\n"
    "\n"
    "CREATE TABLE case_rows (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id),\n"
    "	document_id	INTEGER NOT NULL REFERENCES documents (id),\n"
    "	idx		INTEGER NOT NULL,\n"
    "	phone		TEXT,\n"
    "	iccid		TEXT,\n"
    "	name		TEXT,\n"
    "	position	TEXT,\n"
    "	carrier		TEXT,\n"
    "	device_serial	TEXT,\n"
    "	nerrors		INTEGER NOT NULL DEFAULT 0 CHECK (nerrors >= 0),\n"
    "	json		TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX case_rows_case ON case_rows (case_id);\n"
    /* Only clean rows count as requested (cases_open_request). */
    "CREATE INDEX case_rows_phone ON case_rows (phone) WHERE nerrors = 0;\n"
    "CREATE INDEX case_rows_iccid ON case_rows (iccid) WHERE nerrors = 0;\n"
    "\n";

/*
 * Version 3: how many times deciding a message has been started (keyed
 * by the sha256 of its raw bytes), counted and committed before it is
 * decided, so that a message that kills the process is known at the
 * next start and not retried forever (pipeline.c). The row goes when the
 * message is recorded.
 */
static const char store_schema_v3[] =
    "CREATE TABLE attempts (\n"
    "	sha256		TEXT PRIMARY KEY,\n"
    "	attempts	INTEGER NOT NULL CHECK (attempts > 0),\n"
    "	last_attempt	TEXT NOT NULL\n"
    ");\n";

/*
 * Version 4, forwards to the Cục (issue 10): a case may be "forwarded"; a case opened
 * by a corrected list names the rejected message it supersedes; a flag
 * says why a person must look at a case (a unit's answer threaded into
 * it). SQLite changes a CHECK only by rebuilding the table: the rows keep
 * their ids, so every reference stays true (db.c checks the foreign keys
 * before the step commits).
 */
static const char store_schema_v4[] =
    "CREATE TABLE cases_v3 (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	number		TEXT NOT NULL UNIQUE,\n"
    "	year		INTEGER NOT NULL,\n"
    "	seq		INTEGER NOT NULL CHECK (seq > 0),\n"
    "	state		TEXT NOT NULL\n"
    "			CHECK (state IN ('open', 'review', 'forwarded',"
    " 'done')),\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	organization	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	opened_at	TEXT NOT NULL,\n"
    "	updated_at	TEXT NOT NULL,\n"
    "	supersedes	INTEGER REFERENCES messages (id),\n"
    "	flag		TEXT,\n"
    "	UNIQUE (year, seq)\n"
    ");\n"
    "INSERT INTO cases_v3 (id, number, year, seq, state, kind, action,"
    " organization, from_addr, subject, opened_at, updated_at)"
    " SELECT id, number, year, seq, state, kind, action, organization,"
    " from_addr, subject, opened_at, updated_at FROM cases;\n"
    "DROP TABLE cases;\n"
    "ALTER TABLE cases_v3 RENAME TO cases;\n"
    "CREATE INDEX cases_state ON cases (state);\n"
    "CREATE INDEX cases_opened ON cases (opened_at);\n"
    "\n"
    /* Which cases and rows each forward carried; a row goes once. */
    "CREATE TABLE forwards (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	outbox_id	INTEGER NOT NULL UNIQUE REFERENCES outbox (id),\n"
    "	mode		TEXT NOT NULL\n"
    "			CHECK (mode IN ('per_case', 'daily', 'now')),\n"
    "	created_at	TEXT NOT NULL,\n"
    "	approved_at	TEXT,\n"
    "	approved_by	TEXT\n"
    ");\n"
    "CREATE TABLE forward_items (\n"
    "	forward_id	INTEGER NOT NULL REFERENCES forwards (id),\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id),\n"
    "	row_id		INTEGER NOT NULL UNIQUE REFERENCES case_rows (id)\n"
    ");\n"
    "CREATE INDEX forward_items_forward ON forward_items (forward_id);\n"
    "CREATE INDEX forward_items_case ON forward_items (case_id);\n"
    "\n";

/*
 * Version 8, the case workflow (issue 13): the states a case may be in
 * and the moves between them are a table, case_moves, and a trigger
 * refuses any other change of cases.state, whoever writes it (hotrocks,
 * or a person with sqlite3). "auto" marks the moves only hotrocks makes
 * (a forward; an outgoing message that failed puts the case in front of
 * a person); staff make the others. A case records who works it and
 * when it was closed (done or rejected; cleared when it moves on), the
 * trigger keeping closed_at so that every writer does. The CHECK widens
 * by rebuilding the table as version 4 did, keeping the ids.
 *
 * Each SIM row has its own state: pending, forwarded (to the Cục),
 * activated or refused, with why and when.
 *
 * cases_fts indexes what the desk searches: the unit, sender and
 * subject of each case (rowid -cases.id) and the names, phones and
 * ICCIDs of each row (rowid case_rows.id, with its case's unit and
 * subject, so a unit and a name find the row together). unicode61 drops
 * the diacritics, but đ is a letter of its own in Unicode, not d with a
 * mark: fold_d below turns it into d, and the query is folded alike
 * (cases.c). A phone is indexed as stored (84…), with its 0 and without
 * either, so it is found however it is typed. Triggers keep the index
 * current, whoever writes. (Migration 12 makes it one document a case and
 * block of 1,000 rows.)
 */
#define FOLD_D(x)	"replace(replace(" x ", 'đ', 'd'), 'Đ', 'D')"
#define NZ(x)		"coalesce(" x ", '')"
#define CASE_DOC(c) \
	FOLD_D(NZ(c ".organization")) ", " \
	FOLD_D(NZ(c ".organization") " || ' ' || " NZ(c ".from_addr") \
	" || ' ' || " NZ(c ".subject"))
#define PHONE_FORMS(p) \
	NZ(p) " || ' ' || CASE WHEN " p " GLOB '84?*' THEN '0' ||" \
	" substr(" p ", 3) || ' ' || substr(" p ", 3) WHEN " p " GLOB '0?*'" \
	" THEN substr(" p ", 2) ELSE '' END"
#define ROW_DOC(c, r) \
	FOLD_D(NZ(c ".organization")) ", " \
	FOLD_D(NZ(c ".organization") " || ' ' || " NZ(c ".subject") \
	" || ' ' || " NZ(r ".name") " || ' ' || " PHONE_FORMS(r ".phone") \
	" || ' ' || " NZ(r ".iccid"))
static const char store_schema_v8[] =
    "CREATE TABLE cases_v7 (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	number		TEXT NOT NULL UNIQUE,\n"
    "	year		INTEGER NOT NULL,\n"
    "	seq		INTEGER NOT NULL CHECK (seq > 0),\n"
    "	state		TEXT NOT NULL\n"
    "			CHECK (state IN ('open', 'review', 'forwarded',"
    " 'waiting_unit', 'done', 'rejected')),\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	organization	TEXT,\n"
    "	from_addr	TEXT,\n"
    "	subject		TEXT,\n"
    "	opened_at	TEXT NOT NULL,\n"
    "	updated_at	TEXT NOT NULL,\n"
    "	supersedes	INTEGER REFERENCES messages (id),\n"
    "	flag		TEXT,\n"
    "	assignee	TEXT,\n"
    "	closed_at	TEXT,\n"
    "	UNIQUE (year, seq)\n"
    ");\n"
    "INSERT INTO cases_v7 (id, number, year, seq, state, kind, action,"
    " organization, from_addr, subject, opened_at, updated_at, supersedes,"
    " flag, closed_at)"
    " SELECT id, number, year, seq, state, kind, action, organization,"
    " from_addr, subject, opened_at, updated_at, supersedes, flag,"
    " CASE WHEN state = 'done' THEN updated_at END FROM cases;\n"
    "DROP TABLE cases;\n"
    "ALTER TABLE cases_v7 RENAME TO cases;\n"
    "CREATE INDEX cases_state ON cases (state);\n"
    "CREATE INDEX cases_opened ON cases (opened_at);\n"
    "\n"
    "CREATE TABLE case_moves (\n"
    "	from_state	TEXT NOT NULL,\n"
    "	to_state	TEXT NOT NULL,\n"
    "	auto		INTEGER NOT NULL DEFAULT 0,\n"
    "	PRIMARY KEY (from_state, to_state)\n"
    ") WITHOUT ROWID;\n"
    "INSERT INTO case_moves (from_state, to_state, auto) VALUES\n"
    "	('open', 'forwarded', 1), ('forwarded', 'done', 0),\n"
    "	('open', 'waiting_unit', 0), ('waiting_unit', 'open', 0),\n"
    "	('open', 'done', 0),\n"
    "	('review', 'open', 0), ('review', 'done', 0),\n"
    "	('review', 'rejected', 0),\n"
    "	('done', 'open', 0),\n"
    /* cases_flag_review: whatever the state (queue.c flags it) */
    "	('open', 'review', 1), ('forwarded', 'review', 1),\n"
    "	('waiting_unit', 'review', 1), ('done', 'review', 1),\n"
    "	('rejected', 'review', 1);\n"
    "CREATE TRIGGER cases_move BEFORE UPDATE OF state ON cases\n"
    "	WHEN NEW.state IS NOT OLD.state AND NOT EXISTS (SELECT 1 FROM"
    " case_moves WHERE from_state = OLD.state AND to_state = NEW.state)\n"
    "	BEGIN SELECT RAISE(ABORT, 'case move not allowed'); END;\n"
    "CREATE TRIGGER cases_closed AFTER UPDATE OF state ON cases\n"
    "	WHEN NEW.state IS NOT OLD.state\n"
    "	BEGIN UPDATE cases SET closed_at = CASE WHEN NEW.state IN"
    " ('done', 'rejected') THEN NEW.updated_at END WHERE id = NEW.id;"
    " END;\n"
    "\n"
    "ALTER TABLE case_rows ADD COLUMN state TEXT NOT NULL DEFAULT"
    " 'pending' CHECK (state IN ('pending','forwarded','activated',"
    "'refused'));\n"
    "ALTER TABLE case_rows ADD COLUMN state_note TEXT;\n"
    "ALTER TABLE case_rows ADD COLUMN state_at TEXT;\n"
    "UPDATE case_rows SET state='forwarded' WHERE id IN (SELECT row_id"
    " FROM forward_items);\n"
    /* forward.c records which rows went; they are forwarded from then */
    "CREATE TRIGGER case_rows_forwarded AFTER INSERT ON forward_items\n"
    "	BEGIN UPDATE case_rows SET state = 'forwarded', state_at ="
    " (SELECT created_at FROM forwards WHERE id = NEW.forward_id)"
    " WHERE id = NEW.row_id AND state = 'pending'; END;\n"
    "\n"
    "CREATE VIRTUAL TABLE cases_fts USING fts5 (case_id UNINDEXED, unit,"
    " body, tokenize = 'unicode61 remove_diacritics 2');\n"
    "INSERT INTO cases_fts (rowid, case_id, unit, body) SELECT -c.id, c.id,"
    " " CASE_DOC("c") " FROM cases c;\n"
    "INSERT INTO cases_fts (rowid, case_id, unit, body) SELECT r.id,"
    " r.case_id, " ROW_DOC("c", "r") " FROM case_rows r"
    " JOIN cases c ON c.id = r.case_id;\n"
    "CREATE TRIGGER cases_fts_case AFTER INSERT ON cases\n"
    "	BEGIN INSERT INTO cases_fts (rowid, case_id, unit, body) VALUES"
    " (-NEW.id, NEW.id, " CASE_DOC("NEW") "); END;\n"
    "CREATE TRIGGER cases_fts_case_update AFTER UPDATE OF organization,"
    " from_addr, subject ON cases\n"
    "	BEGIN DELETE FROM cases_fts WHERE case_id = NEW.id;\n"
    "	INSERT INTO cases_fts (rowid, case_id, unit, body) VALUES"
    " (-NEW.id, NEW.id, " CASE_DOC("NEW") ");\n"
    "	INSERT INTO cases_fts (rowid, case_id, unit, body) SELECT r.id,"
    " r.case_id, " ROW_DOC("NEW", "r") " FROM case_rows r"
    " WHERE r.case_id = NEW.id; END;\n"
    "CREATE TRIGGER cases_fts_case_delete AFTER DELETE ON cases\n"
    "	BEGIN DELETE FROM cases_fts WHERE rowid = -OLD.id; END;\n"
    "CREATE TRIGGER cases_fts_row AFTER INSERT ON case_rows\n"
    "	BEGIN INSERT INTO cases_fts (rowid, case_id, unit, body) SELECT"
    " NEW.id, NEW.case_id, " ROW_DOC("c", "NEW") " FROM cases c"
    " WHERE c.id = NEW.case_id; END;\n"
    "CREATE TRIGGER cases_fts_row_update AFTER UPDATE OF name, phone,"
    " iccid, case_id ON case_rows\n"
    "	BEGIN DELETE FROM cases_fts WHERE rowid = OLD.id;\n"
    "	INSERT INTO cases_fts (rowid, case_id, unit, body) SELECT"
    " NEW.id, NEW.case_id, " ROW_DOC("c", "NEW") " FROM cases c"
    " WHERE c.id = NEW.case_id; END;\n"
    "CREATE TRIGGER cases_fts_row_delete AFTER DELETE ON case_rows\n"
    "	BEGIN DELETE FROM cases_fts WHERE rowid = OLD.id; END;\n";

/*
 * Migration 11 (the number given to this work; renumbered at merge),
 * reprocess (issue 11.14): a message decided again after a config,
 * registry or trust-anchor change keeps the decision it was recorded
 * with (messages.kind, action, contract_json: the first decision, never
 * changed) and gains one row
 * here per new decision, append-only like the audit. outcome is what
 * decides whether the unit must hear again: "ACTION KIND CODE,CODE…",
 * the error codes of the whole CONTRACT object sorted. answered is 1
 * when the replies of that outcome were queued (reprocess --send; the
 * first decision was answered when it was recorded). The latest decision
 * of a message (the newest row here, else the first) is the one
 * listings and `case show` use: the view message_decision gives it.
 */
static const char store_schema_v11[] =
    "CREATE TABLE decisions (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id),\n"
    "	decided_at	TEXT NOT NULL,\n"
    "	actor		TEXT NOT NULL,\n"
    "	kind		TEXT NOT NULL,\n"
    "	action		TEXT NOT NULL,\n"
    "	outcome		TEXT NOT NULL,\n"
    "	contract_json	TEXT NOT NULL,\n"
    "	answered	INTEGER NOT NULL CHECK (answered IN (0, 1))\n"
    ");\n"
    "CREATE INDEX decisions_msg ON decisions (msg_id, id);\n"
    "CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions\n"
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"
    "CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions\n"
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;\n"
    "CREATE VIEW message_decision AS SELECT m.id AS msg_id,\n"
    "	COALESCE(d.id, 0) AS decision_id,\n"
    "	COALESCE(d.kind, m.kind) AS kind,\n"
    "	COALESCE(d.action, m.action) AS action,\n"
    "	COALESCE(d.contract_json, m.contract_json) AS contract_json\n"
    "	FROM messages m LEFT JOIN decisions d ON d.id =\n"
    "	(SELECT max(id) FROM decisions WHERE msg_id = m.id);\n";

/*
 * Migration 12 (the number given to this work; renumbered at merge), the
 * search index by block (issue 11.1): one FTS5 document per case and
 * block of 1,000 rows, where version 8 had one per case and one per row.
 * A document per row cost an FTS5 savepoint and a trigger program for
 * each row inserted (half of ingesting a 200,000-row list) and repeated
 * the case's unit and subject in each (69 MB of index for that list). A
 * document per case cost memory instead: FTS5 keeps every word of a
 * document in memory until it writes it, 100 MiB more for that list,
 * and a row changed by hand rebuilt the whole case (3 s). A block
 * bounds both: its rows are the case's rows whose id / 1000 is the
 * block's number (a case's rows are inserted together, so a case of n
 * rows has about n / 1000 + 1 blocks), and it carries the case's unit,
 * sender and subject, so a unit and a name find it together. A case
 * without rows has one document of its own, the header alone.
 *
 * The document's rowid says whose it is, so a block is replaced by
 * rowid, never by scanning a column: case_id * 2^24 + block + 1, and
 * case_id * 2^24 for the header alone; the case is rowid >> 24 (cases.c).
 * That stays inside an int64 for case ids below 2^39, and the block's
 * 24 bits hold row ids below 16,777,215,000: 230 years of a
 * 200,000-row list every day.
 *
 * Columns: unit (the unit alone, for --unit), body (unit, sender,
 * subject) and rows (each row's name, phone and ICCID, folded row by
 * row). A phone is indexed in the one form cases_fts_query turns any
 * typed phone into (PHONE_BARE, phone_key there): the subscriber digits
 * of a phone in the 84… or 0… form, any other phone as stored. The view
 * cases_doc is the document of each block and case; the triggers and
 * index_case build theirs from the same pieces.
 *
 * A case is indexed when it is inserted, and again once its rows are
 * (index_case): there is no trigger on inserting a row. Changing a
 * row's id, name, phone, ICCID or case, or deleting it, builds its
 * block(s) again; changing a case's unit, sender or subject builds all
 * of its blocks. A row inserted by another writer is found once its
 * case is indexed again:
 *	DELETE FROM cases_fts WHERE rowid BETWEEN N * 16777216
 *	    AND N * 16777216 + 16777215;
 *	INSERT INTO cases_fts (rowid, unit, body, rows)
 *	    SELECT doc, unit, body, rows FROM cases_doc WHERE case_id = N;
 * The words of a search are found in one document: anywhere in a case
 * of up to a block, within a block of a longer list. Whatever of the
 * index it finds the migration drops, so it may run again.
 */
#define DOC_ID(c, b)	"(" c ") * 16777216 + (" b ") + 1"
#define HEAD_ID(c)	"(" c ") * 16777216"
#define CASE_DOCS(c) \
	"rowid BETWEEN (" c ") * 16777216 AND (" c ") * 16777216 + 16777215"
#define PHONE_BARE(p) \
	"CASE WHEN " p " NOT GLOB '*[^0-9]*' AND length(" p ") IN (11, 12)" \
	" AND " p " GLOB '84*' THEN substr(" p ", 3) WHEN " p " NOT GLOB" \
	" '*[^0-9]*' AND length(" p ") IN (10, 11) AND " p " GLOB '0*'" \
	" THEN substr(" p ", 2) ELSE " NZ(p) " END"
#define ROWS_DOC(c, b) \
	"(SELECT group_concat(" FOLD_D(NZ("r.name")) " || ' ' || " \
	PHONE_BARE("r.phone") " || ' ' || " NZ("r.iccid") ", ' ')" \
	" FROM case_rows r WHERE r.case_id = " c " AND r.id BETWEEN (" b \
	") * 1000 AND (" b ") * 1000 + 999)"
#define HAS_ROWS(c, b) \
	"EXISTS (SELECT 1 FROM case_rows r WHERE r.case_id = " c \
	" AND r.id BETWEEN (" b ") * 1000 AND (" b ") * 1000 + 999)"
#define NO_ROWS(c) \
	"NOT EXISTS (SELECT 1 FROM case_rows r WHERE r.case_id = " c ")"
/* every document of case c, from the view */
#define CASE_INDEX(c) \
	"INSERT INTO cases_fts (rowid, unit, body, rows) SELECT doc, unit," \
	" body, rows FROM cases_doc WHERE case_id = " c
/* block b of case c, if it has rows: by rowid, never the whole case */
#define BLOCK_INDEX(c, b) \
	"INSERT INTO cases_fts (rowid, unit, body, rows) SELECT " \
	DOC_ID("c.id", b) ", " CASE_DOC("c") ", " ROWS_DOC("c.id", b) \
	" FROM cases c WHERE c.id = " c " AND " HAS_ROWS("c.id", b)
/* the header alone, if case c has no rows */
#define HEAD_INDEX(c) \
	"INSERT INTO cases_fts (rowid, unit, body) SELECT " HEAD_ID("c.id") \
	", " CASE_DOC("c") " FROM cases c WHERE c.id = " c " AND " \
	NO_ROWS("c.id")
static const char store_schema_v12[] =
    "DROP TRIGGER IF EXISTS cases_fts_case;\n"
    "DROP TRIGGER IF EXISTS cases_fts_case_update;\n"
    "DROP TRIGGER IF EXISTS cases_fts_case_delete;\n"
    "DROP TRIGGER IF EXISTS cases_fts_row;\n"
    "DROP TRIGGER IF EXISTS cases_fts_row_update;\n"
    "DROP TRIGGER IF EXISTS cases_fts_row_delete;\n"
    "DROP VIEW IF EXISTS cases_doc;\n"
    "DROP TABLE IF EXISTS cases_fts;\n"
    "CREATE VIEW cases_doc (doc, case_id, block, unit, body, rows) AS\n"
    "	SELECT " DOC_ID("b.case_id", "b.block") ", b.case_id, b.block,\n"
    "	" CASE_DOC("c") ",\n"
    "	" ROWS_DOC("b.case_id", "b.block") "\n"
    "	FROM (SELECT DISTINCT case_id, id / 1000 AS block FROM case_rows)"
    " b JOIN cases c ON c.id = b.case_id\n"
    "	UNION ALL\n"
    "	SELECT " HEAD_ID("c.id") ", c.id, NULL, " CASE_DOC("c") ", NULL\n"
    "	FROM cases c WHERE " NO_ROWS("c.id") ";\n"
    "CREATE VIRTUAL TABLE cases_fts USING fts5 (unit, body, rows,"
    " tokenize = 'unicode61 remove_diacritics 2');\n"
    "INSERT INTO cases_fts (rowid, unit, body, rows) SELECT doc, unit,"
    " body, rows FROM cases_doc;\n"
    "CREATE TRIGGER cases_fts_case AFTER INSERT ON cases\n"
    "	BEGIN " HEAD_INDEX("NEW.id") "; END;\n"
    "CREATE TRIGGER cases_fts_case_update AFTER UPDATE OF organization,"
    " from_addr, subject ON cases\n"
    "	WHEN NEW.organization IS NOT OLD.organization OR NEW.from_addr IS"
    " NOT OLD.from_addr OR NEW.subject IS NOT OLD.subject\n"
    "	BEGIN DELETE FROM cases_fts WHERE " CASE_DOCS("OLD.id") ";\n"
    "	" CASE_INDEX("NEW.id") "; END;\n"
    "CREATE TRIGGER cases_fts_case_delete AFTER DELETE ON cases\n"
    "	BEGIN DELETE FROM cases_fts WHERE " CASE_DOCS("OLD.id") "; END;\n"
    "CREATE TRIGGER cases_fts_row_update AFTER UPDATE OF id, name, phone,"
    " iccid, case_id ON case_rows\n"
    "	WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR"
    " NEW.phone IS NOT OLD.phone OR NEW.iccid IS NOT OLD.iccid OR"
    " NEW.case_id IS NOT OLD.case_id\n"
    "	BEGIN DELETE FROM cases_fts WHERE rowid IN ("
    DOC_ID("OLD.case_id", "OLD.id / 1000") ", "
    DOC_ID("NEW.case_id", "NEW.id / 1000") ", " HEAD_ID("OLD.case_id")
    ", " HEAD_ID("NEW.case_id") ");\n"
    "	" BLOCK_INDEX("OLD.case_id", "OLD.id / 1000") ";\n"
    "	" BLOCK_INDEX("NEW.case_id", "NEW.id / 1000") " AND (NEW.case_id"
    " IS NOT OLD.case_id OR NEW.id / 1000 IS NOT OLD.id / 1000);\n"
    "	" HEAD_INDEX("OLD.case_id") "; END;\n"
    "CREATE TRIGGER cases_fts_row_delete AFTER DELETE ON case_rows\n"
    "	BEGIN DELETE FROM cases_fts WHERE rowid IN ("
    DOC_ID("OLD.case_id", "OLD.id / 1000") ", " HEAD_ID("OLD.case_id")
    ");\n"
    "	" BLOCK_INDEX("OLD.case_id", "OLD.id / 1000") ";\n"
    "	" HEAD_INDEX("OLD.case_id") "; END;\n";

/*
 * Version 13: a forward marks its rows forwarded with one UPDATE
 * (forward.c) instead of a trigger run once a row: the trigger was a
 * tenth of ingesting a 200,000-row list.
 */
static const char store_schema_v13[] =
    "DROP TRIGGER IF EXISTS case_rows_forwarded;\n";

/*
 * Version 14: a held forward's rows stay pending until a person approves
 * it (forward.c marks them forwarded then), so a row "forwarded" is one
 * the Cục was sent or is being sent. A cancelled forward frees its rows:
 * what it carried moves to forward_freed, so another forward may carry
 * them and a retry knows what to take back. The rows stored forwarded
 * under a forward still held or cancelled become pending again. A case
 * stays where it is (forward_batch takes a forwarded case's freed rows
 * as an open case's).
 */
#define FORWARD_OUTBOX_IN(states) \
	"SELECT f.id FROM forwards f JOIN outbox o ON o.id = f.outbox_id" \
	" WHERE o.state IN " states
static const char store_schema_v14[] =
    "CREATE TABLE forward_freed (\n"
    "	forward_id	INTEGER NOT NULL REFERENCES forwards (id),\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id),\n"
    "	row_id		INTEGER NOT NULL REFERENCES case_rows (id)\n"
    ");\n"
    "CREATE INDEX forward_freed_forward ON forward_freed (forward_id,"
    " row_id);\n"
    "CREATE INDEX forward_freed_case ON forward_freed (case_id);\n"
    "UPDATE case_rows SET state = 'pending', state_at = NULL"
    " WHERE state = 'forwarded' AND id IN (SELECT row_id FROM"
    " forward_items WHERE forward_id IN ("
    FORWARD_OUTBOX_IN("('held', 'cancelled')") "));\n"
    "INSERT INTO forward_freed (forward_id, case_id, row_id)"
    " SELECT forward_id, case_id, row_id FROM forward_items"
    " WHERE forward_id IN (" FORWARD_OUTBOX_IN("('cancelled')") ");\n"
    "DELETE FROM forward_items WHERE forward_id IN ("
    FORWARD_OUTBOX_IN("('cancelled')") ");\n";
#undef FORWARD_OUTBOX_IN

/*
 * A cover letter's own number and date (form.doc_number, doc_date),
 * which the letters cite. The daily batch builds its letter from the
 * store and reads no document again, so it could not cite the công văn
 * the per-case forward cites. The CONTRACT JSON never held them
 * (form.h): documents stored before stay without, and a batch names
 * their unit's request as it did.
 */
static const char store_schema_v15[] =
    "ALTER TABLE documents ADD COLUMN doc_number TEXT;\n"
    "ALTER TABLE documents ADD COLUMN doc_date TEXT;\n";

/*
 * Version 16: case_rows again, its row states checked as a chain of
 * equalities. SQLite checks an IN list of more than two values through
 * a temporary b-tree, opened and closed for every row inserted or
 * updated: a sixth of ingesting a 200,000-row list. A CHECK changes
 * only by rebuilding the table (SQLite's recipe: new table, copy, drop,
 * rename). Whatever names case_rows goes first and comes back with the
 * search index, built again as version 12 builds it.
 */
static const char store_schema_v16[] =
    "DROP TRIGGER IF EXISTS cases_fts_case;\n"
    "DROP TRIGGER IF EXISTS cases_fts_case_update;\n"
    "DROP TRIGGER IF EXISTS cases_fts_row_update;\n"
    "DROP TRIGGER IF EXISTS cases_fts_row_delete;\n"
    "DROP VIEW IF EXISTS cases_doc;\n"
    "CREATE TABLE case_rows_new (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id),\n"
    "	document_id	INTEGER NOT NULL REFERENCES documents (id),\n"
    "	idx		INTEGER NOT NULL,\n"
    "	phone		TEXT,\n"
    "	iccid		TEXT,\n"
    "	name		TEXT,\n"
    "	position	TEXT,\n"
    "	carrier		TEXT,\n"
    "	device_serial	TEXT,\n"
    "	nerrors		INTEGER NOT NULL DEFAULT 0 CHECK (nerrors >= 0),\n"
    "	json		TEXT NOT NULL,\n"
    "	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state ="
    " 'pending' OR state = 'forwarded' OR state = 'activated' OR"
    " state = 'refused'),\n"
    "	state_note	TEXT,\n"
    "	state_at	TEXT\n"
    ");\n"
    "INSERT INTO case_rows_new (id, case_id, document_id, idx, phone,"
    " iccid, name, position, carrier, device_serial, nerrors, json,"
    " state, state_note, state_at) SELECT id, case_id, document_id, idx,"
    " phone, iccid, name, position, carrier, device_serial, nerrors,"
    " json, state, state_note, state_at FROM case_rows;\n"
    "DROP TABLE case_rows;\n"
    "ALTER TABLE case_rows_new RENAME TO case_rows;\n"
    "CREATE INDEX case_rows_case ON case_rows (case_id);\n"
    "CREATE INDEX case_rows_phone ON case_rows (phone) WHERE nerrors = 0;\n"
    "CREATE INDEX case_rows_iccid ON case_rows (iccid) WHERE nerrors = 0;\n";

/*
 * Version 17: forward_items keyed by its row. A row goes in one forward
 * at most, so row_id was UNIQUE: a table and an index of the same
 * 200,000 entries for a long list. As the table's own key (the rowid)
 * it is stored once; the forward's and the case's indexes stay (the
 * forward's with its cases, for what forward show counts).
 */
static const char store_schema_v17[] =
    "CREATE TABLE forward_items_new (\n"
    "	row_id		INTEGER PRIMARY KEY REFERENCES case_rows (id),\n"
    "	forward_id	INTEGER NOT NULL REFERENCES forwards (id),\n"
    "	case_id		INTEGER NOT NULL REFERENCES cases (id)\n"
    ");\n"
    "INSERT INTO forward_items_new (row_id, forward_id, case_id)"
    " SELECT row_id, forward_id, case_id FROM forward_items"
    " ORDER BY row_id;\n"
    "DROP TABLE forward_items;\n"
    "ALTER TABLE forward_items_new RENAME TO forward_items;\n"
    "CREATE INDEX forward_items_forward ON forward_items (forward_id,"
    " case_id);\n"
    "CREATE INDEX forward_items_case ON forward_items (case_id);\n";

/*
 * Version 18: the rows of a message that opens no case (a rejected list,
 * one for a person without a case, an answer in a thread), and of a
 * later decision whose rows are not its case's, kept apart as a case's
 * are (each fact once: its columns and its rest), where the CONTRACT
 * JSON held them whole: a rejected 200,000-row list was a 70 MB text,
 * read whole by every reader of the message. decision is 0 for the
 * message's own (messages.contract_json), else decisions.id; doc is
 * the document's idx. Append-only, like the decisions they belong to.
 */
static const char store_schema_v18[] =
    "CREATE TABLE message_rows (\n"
    "	id		INTEGER PRIMARY KEY,\n"
    "	msg_id		INTEGER NOT NULL REFERENCES messages (id),\n"
    "	decision	INTEGER NOT NULL DEFAULT 0,\n"
    "	doc		INTEGER NOT NULL,\n"
    "	idx		INTEGER NOT NULL,\n"
    "	phone		TEXT,\n"
    "	iccid		TEXT,\n"
    "	name		TEXT,\n"
    "	position	TEXT,\n"
    "	carrier		TEXT,\n"
    "	device_serial	TEXT,\n"
    "	nerrors		INTEGER NOT NULL DEFAULT 0 CHECK (nerrors >= 0),\n"
    "	json		TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX message_rows_msg ON message_rows (msg_id, decision, doc);\n"
    "CREATE TRIGGER message_rows_no_update BEFORE UPDATE ON message_rows\n"
    "BEGIN SELECT RAISE(ABORT, 'message rows are append-only'); END;\n"
    "CREATE TRIGGER message_rows_no_delete BEFORE DELETE ON message_rows\n"
    "BEGIN SELECT RAISE(ABORT, 'message rows are append-only'); END;\n";

/*
 * Version 19: a long list's search documents built after its record
 * (issue 11.1). Indexing the rows of a 200,000-row list as they are
 * stored was a fifth of ingesting it (FTS5's own tokenizing, 0.7 s),
 * on the path that holds the message unacknowledged. A case of
 * STORE_INDEX_LATER_ROWS rows or more keeps its header document (unit,
 * sender, subject: found by those at once) and is listed here; its
 * blocks are built by store_index_pending, which `run` and `poll` call
 * after each pass and `cases --search` / `--unit` before searching, so
 * a search never misses a recorded row (as Dovecot indexes for search
 * lazily). An entry whose case is gone is dropped.
 */
static const char store_schema_v19[] =
    "CREATE TABLE index_pending (\n"
    "	case_id		INTEGER PRIMARY KEY\n"
    ");\n";

/* Forward migrations; entry i takes user_version i to i + 1. Never edit
 * one that has shipped: append a new one. */
static const struct db_migration migrations[] = {
	{ { store_schema_v1, queue_schema_v1, audit_schema_v1 } },
	{ { units_store_schema_v1 } },
	{ { store_schema_v3 } },
	{ { queue_schema_v4, store_schema_v4 } },
	{ { queue_schema_v5 } },
	{ { imap_state_schema } },	/* intake/imap-state.c */
	{ { audit_chain_schema } },
	{ { store_schema_v8 } },	/* case workflow, rows' states, search */
	{ { queue_schema_v10 } },	/* outbox attachments as files */
	{ { store_schema_v11 } },	/* reprocess: decisions */
	{ { store_schema_v12 } },	/* search: a document a block */
	{ { store_schema_v13 } },	/* forwarded rows: no trigger */
	{ { store_schema_v14 } },	/* held rows pending; cancel frees */
	{ { store_schema_v15 } },	/* a cover letter's number, date */
	{ { store_schema_v16, store_schema_v12 } },	/* rows' CHECK */
	{ { store_schema_v17, queue_schema_v17 } },	/* keyed rows; outbox */
	{ { store_schema_v18 } },	/* a message's own rows apart */
	{ { store_schema_v19 } },	/* long lists indexed after */
	{ { queue_schema_v20 } },	/* Sent copies owed */
};
#define STORE_VERSION	((int)G_N_ELEMENTS(migrations))

static int	 seen_query(struct db *, const char *,
		    const struct store_message *, char **, char **, char **);
static int	 received_year(const char *, int *, char **);
static int	 insert_case(struct db *, const struct store_message *,
		    sqlite3_int64, sqlite3_int64 *, char **, char **);
static int	 rejected_list(struct db *, const struct store_message *,
		    sqlite3_int64 *, char **);
static int	 thread_reply(struct db_txn *, const struct store_message *,
		    sqlite3_int64, char **, char **);
static int	 thread_forward_mates(struct db_txn *,
		    const struct store_message *, sqlite3_int64, const char *,
		    char **);
static int	 insert_message(struct db *, const struct store_message *,
		    sqlite3_int64, sqlite3_int64 *, char **);
static int	 insert_documents(struct db *, const struct store_message *,
		    sqlite3_int64, sqlite3_int64 *, char **);
static void	 doc_fold_d(GString *, const char *);
static void	 doc_row(GString *, const struct store_row *);
static int	 doc_add(struct db *, sqlite3_int64, sqlite3_int64,
		    const struct store_row *, sqlite3_stmt *, GString *,
		    sqlite3_int64 *, char **);
static int	 doc_put(struct db *, sqlite3_int64, sqlite3_int64,
		    sqlite3_stmt *, GString *, char **);
static int	 insert_rows(struct db *, const struct store_message *,
		    sqlite3_int64, const sqlite3_int64 *, bool, char **);
static sqlite3_stmt *index_head(struct db *, sqlite3_int64, char **);
static int	 index_case(struct db *, sqlite3_int64, char **);
static int	 index_step(struct db *, const char *, sqlite3_int64,
		    char **);
static int	 join_rows(struct db *, sqlite3_stmt *, GString *, char **);
static char	*latest_decision(struct db *, sqlite3_int64, char **);
static int	 join_rows_one(sqlite3_stmt *, GString *, char **);
static int	 put_rows(struct db *, sqlite3_stmt *, struct jw *, char **);


/* A store that had entries before version 7 has them chained here, once
 * (lib/audit.c): SHA-256 is not in SQL, so no migration step can. */
struct db *
store_open(const char *path, char **cause)
{
	struct db	*db;

	db = db_open(path, migrations, G_N_ELEMENTS(migrations), cause);
	if (db != NULL && audit_chain_start(db, cause) == -1) {
		db_close(db);
		return (NULL);
	}
	return (db);
}

struct db *
store_open_readonly(const char *path, char **cause)
{
	return (db_open_readonly(path, STORE_VERSION, cause));
}

/* One recognition rule: sql selects (messages.id, cases.number,
 * messages.action). */
static int
seen_query(struct db *db, const char *sql, const struct store_message *m,
    char **case_r, char **action_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	if ((stmt = db_cached(db, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, m->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, m->uidvalidity);
	sqlite3_bind_int64(stmt, 4, m->uid);
	sqlite3_bind_text(stmt, 5, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->content_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->sha256, -1, SQLITE_STATIC);
	/* an older record's key: the body as it came */
	sqlite3_bind_text(stmt, 8, m->content_key_raw != NULL ?
	    m->content_key_raw : m->content_key, -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		if (case_r != NULL)
			*case_r = db_column_strdup(stmt, 1);
		if (action_r != NULL)
			*action_r = db_column_strdup(stmt, 2);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		db_fail(db, "looking up message", cause);
		break;
	}
	sqlite3_reset(stmt);
	return (rc);
}

int
store_seen(struct db *db, const struct store_message *m, char **case_r,
    char **action_r, char **cause)
{
	static const char imap_sql[] =
	    "SELECT m.id, c.number, m.action FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.uid != 0 AND m.source = ?1 AND m.origin IS ?2"
	    " AND m.uidvalidity = ?3 AND m.uid = ?4"
	    " ORDER BY m.id LIMIT 1";
	static const char mid_sql[] =
	    "SELECT m.id, c.number, m.action FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.message_id = ?5 AND m.content_key IN (?6, ?8)"
	    " ORDER BY m.id LIMIT 1";
	static const char sha_sql[] =
	    "SELECT m.id, c.number, m.action FROM messages m"
	    " LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.sha256 = ?7 ORDER BY m.id LIMIT 1";
	int	 rc;

	if (case_r != NULL)
		*case_r = NULL;
	if (action_r != NULL)
		*action_r = NULL;
	if (m->uid != 0) {
		rc = seen_query(db, imap_sql, m, case_r, action_r, cause);
		if (rc != 0)
			return (rc);
	}
	if (m->message_id != NULL) {
		rc = seen_query(db, mid_sql, m, case_r, action_r, cause);
		if (rc != 0)
			return (rc);
	}
	/* The same bytes are the same message, even when it was recorded
	 * without being read (set aside, no Message-ID known). */
	return (seen_query(db, sha_sql, m, case_r, action_r, cause));
}

int
store_seen_raw(struct db *db, const struct store_message *m,
    struct store_seen *r, char **cause)
{
	static const char imap_sql[] =
	    "SELECT c.number, m.action, m.kind, m.message_id, m.from_addr,"
	    " m.subject FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.uid != 0 AND m.source = ?1 AND m.origin IS ?2"
	    " AND m.uidvalidity = ?3 AND m.uid = ?4"
	    " ORDER BY m.id LIMIT 1";
	static const char mid_sql[] =
	    "SELECT c.number, m.action, m.kind, m.message_id, m.from_addr,"
	    " m.subject FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.message_id = ?6 AND m.content_key IN (?7, ?8)"
	    " ORDER BY m.id LIMIT 1";
	static const char sha_sql[] =
	    "SELECT c.number, m.action, m.kind, m.message_id, m.from_addr,"
	    " m.subject FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
	    " WHERE m.sha256 = ?5 ORDER BY m.id LIMIT 1";
	const char	*sqls[3] = { m->uid != 0 ? imap_sql : NULL,
			    m->message_id != NULL && m->content_key != NULL ?
			    mid_sql : NULL, sha_sql };
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < G_N_ELEMENTS(sqls) && rc == 0; i++) {
		if (sqls[i] == NULL)
			continue;
		if ((stmt = db_cached(db, sqls[i], cause)) == NULL)
			return (-1);
		sqlite3_bind_text(stmt, 1, m->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, m->origin, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, m->uidvalidity);
		sqlite3_bind_int64(stmt, 4, m->uid);
		sqlite3_bind_text(stmt, 5, m->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, m->message_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, m->content_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 8, m->content_key_raw != NULL ?
		    m->content_key_raw : m->content_key, -1, SQLITE_STATIC);
		switch (sqlite3_step(stmt)) {
		case SQLITE_ROW:
			r->case_number = db_column_strdup(stmt, 0);
			r->action = db_column_strdup(stmt, 1);
			r->kind = db_column_strdup(stmt, 2);
			r->message_id = db_column_strdup(stmt, 3);
			r->from_addr = db_column_strdup(stmt, 4);
			r->subject = db_column_strdup(stmt, 5);
			rc = 1;
			break;
		case SQLITE_DONE:
			break;
		default:
			rc = db_fail(db, "looking up message", cause);
			break;
		}
		sqlite3_reset(stmt);
	}
	return (rc);
}

void
store_seen_deinit(struct store_seen *r)
{
	g_free(r->case_number);
	g_free(r->action);
	g_free(r->kind);
	g_free(r->message_id);
	g_free(r->from_addr);
	g_free(r->subject);
	memset(r, 0, sizeof(*r));
}

/* A case is numbered in the year its request arrived. */
static int
received_year(const char *received_at, int *year_r, char **cause)
{
	int	 year = 0;

	if (received_at == NULL || strlen(received_at) < 5 ||
	    received_at[4] != '-')
		goto bad;
	for (int i = 0; i < 4; i++) {
		if (!g_ascii_isdigit(received_at[i]))
			goto bad;
		year = year * 10 + (received_at[i] - '0');
	}
	if (year < 1)
		goto bad;
	*year_r = year;
	return (0);
bad:
	if (cause != NULL)
		*cause = g_strdup_printf("received_at is not an RFC 3339 time: "
		    "%s", received_at == NULL ? "(none)" : received_at);
	return (-1);
}

/* Numbers are MAX(seq) + 1 for the year under the write lock, so they
 * have no gaps: a rolled-back transaction gives its number back. */
static int
insert_case(struct db *db, const struct store_message *m,
    sqlite3_int64 supersedes, sqlite3_int64 *case_id_r, char **number_r,
    char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	char		*number = NULL;
	int		 year, rc = -1;
	sqlite3_int64	 seq;

	/* The office's year: a list received at 00:30 on 1 January in
	 * Quảng Ngãi is the new year's, though UTC is still in the old
	 * (trial 3, finding 1). */
	if (m->office_year > 0)
		year = m->office_year;
	else if (received_year(m->received_at, &year, cause) == -1)
		return (-1);
	stmt = db_cached(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases"
	    " WHERE year = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int(stmt, 1, year);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(db, "allocating case number", cause);
		goto out;
	}
	seq = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	stmt = NULL;
	if (seq > 999999) {
		if (cause != NULL)
			*cause = g_strdup_printf("case numbers for %d are "
			    "exhausted", year);
		goto out;
	}
	number = g_strdup_printf("HT-%04d-%06lld", year, (long long)seq);

	stmt = db_cached(db, "INSERT INTO cases (number, year, seq, state,"
	    " kind, action, organization, from_addr, subject, opened_at,"
	    " updated_at, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?10, ?11)", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, year);
	sqlite3_bind_int64(stmt, 3, seq);
	sqlite3_bind_text(stmt, 4, m->case_state, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->organization, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, m->from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, m->received_at, -1, SQLITE_STATIC);
	if (supersedes != 0)
		sqlite3_bind_int64(stmt, 11, supersedes);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "opening case", cause);
		goto out;
	}
	*case_id_r = db_last_id(db);
	*number_r = number;
	number = NULL;
	rc = 0;
out:
	sqlite3_reset(stmt);
	g_free(number);
	return (rc);
}

/* The rejected list a new case corrects (see struct store_message):
 * 1 and *msg_id_r, 0 when there is none, -1. The message our rejection
 * answered wins; then the latest. */
static int
rejected_list(struct db *db, const struct store_message *m,
    sqlite3_int64 *msg_id_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	*msg_id_r = 0;
	stmt = db_cached(db, "SELECT m.id FROM messages m"
	    " WHERE m.kind = 'sim_activation' AND m.action = 'reject'"
	    " AND m.received_at <= ?3 AND m.received_at >="
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?3, ?5)"
	    " AND (m.id = ?4 OR m.from_addr = ?1 OR (?2 IS NOT NULL AND"
	    " EXISTS (SELECT 1 FROM json_each(m.contract_json, '$.documents')"
	    " d WHERE json_extract(d.value, '$.organization') = ?2)))"
	    " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.supersedes = m.id)"
	    " ORDER BY m.id = ?4 DESC, m.received_at DESC, m.id DESC LIMIT 1",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, m->from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->organization, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, m->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, m->answers_msg_id);
	sqlite3_bind_text(stmt, 5, "-" G_STRINGIFY(STORE_SUPERSEDE_DAYS)
	    " days", -1, SQLITE_STATIC);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		*msg_id_r = sqlite3_column_int64(stmt, 0);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		db_fail(db, "looking up a rejected list", cause);
		break;
	}
	sqlite3_reset(stmt);
	return (rc);
}

/* Row i of m, from its array or its reader (one is the reader's
 * storage); NULL when the reader fails. */
static const struct store_row *
row_at(const struct store_message *m, size_t i, struct store_row *one,
    char **cause)
{
	if (m->row == NULL)
		return (&m->rows[i]);
	if (m->row(m->rows_ctx, i, one) == 0)
		return (one);
	if (cause != NULL)
		*cause = g_strdup_printf("row %zu of %zu cannot be read", i,
		    m->nrows);
	return (NULL);
}

/* The rejected eToken request a new case corrects (link_serial in
 * struct store_message): 1 and *msg_id_r, 0 when there is none, -1. */
static int
rejected_serial(struct db *db, const struct store_message *m,
    sqlite3_int64 *msg_id_r, char **cause)
{
	sqlite3_stmt		*stmt;
	const struct store_row	*r;
	struct store_row	 one;
	char			*best = NULL;
	int			 rc = 0;

	*msg_id_r = 0;
	stmt = db_cached(db, "SELECT m.id, m.received_at FROM messages m"
	    " WHERE m.kind = 'etoken_recovery' AND m.action = 'reject'"
	    " AND m.received_at <= ?2 AND m.received_at >="
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?2, ?3)"
	    /* its rows beside it (version 18), or in its text before */
	    " AND (EXISTS (SELECT 1 FROM message_rows w WHERE w.msg_id = m.id"
	    " AND w.decision = 0 AND upper(w.device_serial) = upper(?1))"
	    " OR EXISTS (SELECT 1 FROM json_each(m.contract_json,"
	    " '$.documents') d, json_each(CASE WHEN json_type(d.value,"
	    " '$.rows') = 'array' THEN d.value ELSE '{\"rows\":[]}' END,"
	    " '$.rows') w"
	    " WHERE upper(json_extract(w.value, '$.device_serial')) ="
	    " upper(?1)))"
	    " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.supersedes = m.id)"
	    " ORDER BY m.received_at DESC, m.id DESC LIMIT 1", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < m->nrows && rc != -1; i++) {
		if ((r = row_at(m, i, &one, cause)) == NULL) {
			rc = -1;
			break;
		}
		if (r->device_serial == NULL || *r->device_serial == '\0')
			continue;
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, r->device_serial, -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 2, m->received_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, "-" G_STRINGIFY(STORE_SUPERSEDE_DAYS)
		    " days", -1, SQLITE_STATIC);
		switch (sqlite3_step(stmt)) {
		case SQLITE_ROW:
			/* the latest of what the rows name */
			if (best == NULL || g_strcmp0((const char *)
			    sqlite3_column_text(stmt, 1), best) > 0) {
				g_free(best);
				best = db_column_strdup(stmt, 1);
				*msg_id_r = sqlite3_column_int64(stmt, 0);
				rc = 1;
			}
			break;
		case SQLITE_DONE:
			break;
		default:
			rc = db_fail(db, "looking up a rejected request",
			    cause);
			break;
		}
	}
	sqlite3_reset(stmt);
	g_free(best);
	if (rc == -1)
		*msg_id_r = 0;
	return (rc);
}

/* An answer recorded in its case: the audit says so, and the case is
 * flagged for a person. Its number to *number_r. */
static int
thread_reply(struct db_txn *txn, const struct store_message *m,
    sqlite3_int64 msg_id, char **number_r, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			*detail;
	bool			 resend;
	int			 rc = -1;

	/* A resend is answered by itself (received.txt): nothing for a
	 * person to look at, so no flag. */
	resend = g_strcmp0(m->thread_via, "resend") == 0;
	stmt = db_cached(db, "UPDATE cases SET flag = CASE WHEN ?3 THEN flag"
	    " ELSE 'reply_received' END, updated_at = max(updated_at, ?2)"
	    " WHERE id = ?1 RETURNING number", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, m->thread_case_id);
	sqlite3_bind_text(stmt, 2, m->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 3, resend);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		if (cause != NULL && *cause == NULL)
			db_fail(db, "flagging the case answered", cause);
		sqlite3_reset(stmt);
		return (-1);
	}
	*number_r = db_column_strdup(stmt, 0);
	sqlite3_reset(stmt);
	e.at = m->received_at;
	e.actor = AUDIT_ACTOR;
	e.event = resend ? "resend_received" : "reply_received";
	e.msg_id = msg_id;
	e.case_id = m->thread_case_id;
	e.detail = detail = g_strdup_printf("%s from %s by %s%s%s%s",
	    m->message_id == NULL ? m->sha256 : m->message_id,
	    m->from_addr != NULL ? m->from_addr : "(no sender)",
	    m->thread_via != NULL ? m->thread_via : "?",
	    m->other_unit_case != NULL ? " (the subject names " : "",
	    m->other_unit_case != NULL ? m->other_unit_case : "",
	    m->other_unit_case != NULL ? ", another unit's case)" : "");
	rc = audit_append(txn, &e, cause);
	g_free(detail);
	if (rc == 0 && m->thread_from_cuc && !resend)
		rc = thread_forward_mates(txn, m, msg_id, *number_r, cause);
	return (rc);
}

/* The Cục answers a forward, not a case: its answer on one case of a
 * daily forward is flagged on each other case that forward carried, each
 * with its own reply_received entry naming the case it was filed in. */
static int
thread_forward_mates(struct db_txn *txn, const struct store_message *m,
    sqlite3_int64 msg_id, const char *number, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	GArray			*ids = g_array_new(FALSE, FALSE,
				    sizeof(sqlite3_int64));
	char			*detail;
	int			 rc = -1, step;

	/* The forwards first, then their cases: a join of the case's
	 * rows with its forwards' rows is the square of a long list. */
	stmt = db_cached(db, "UPDATE cases SET flag = 'reply_received',"
	    " updated_at = max(updated_at, ?2) WHERE id != ?1 AND id IN"
	    " (SELECT case_id FROM forward_items WHERE forward_id IN"
	    " (SELECT forward_id FROM forward_items WHERE case_id = ?1))"
	    " RETURNING id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, m->thread_case_id);
	sqlite3_bind_text(stmt, 2, m->received_at, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(stmt, 0);

		g_array_append_val(ids, id);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		db_fail(db, "flagging the forward's cases", cause);
		goto out;
	}
	detail = g_strdup_printf("%s from %s by forward (filed in %s)",
	    m->message_id == NULL ? m->sha256 : m->message_id,
	    m->from_addr != NULL ? m->from_addr : "(no sender)", number);
	e.at = m->received_at;
	e.actor = AUDIT_ACTOR;
	e.event = "reply_received";
	e.msg_id = msg_id;
	e.detail = detail;
	rc = 0;
	for (guint i = 0; rc == 0 && i < ids->len; i++) {
		e.case_id = g_array_index(ids, sqlite3_int64, i);
		rc = audit_append(txn, &e, cause);
	}
	g_free(detail);
out:
	g_array_free(ids, TRUE);
	return (rc);
}

static int
insert_message(struct db *db, const struct store_message *m,
    sqlite3_int64 case_id, sqlite3_int64 *msg_id_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO messages (source, origin,"
	    " uidvalidity, uid, message_id, sha256, content_key, archive_path,"
	    " from_addr, subject, received_at, kind, action, contract_json,"
	    " case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, m->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, m->uidvalidity);
	sqlite3_bind_int64(stmt, 4, m->uid);
	sqlite3_bind_text(stmt, 5, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, m->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, m->content_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, m->archive_path, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 9, m->from_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 10, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 11, m->received_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 12, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 13, m->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 14, m->contract_json, -1, SQLITE_STATIC);
	if (case_id != 0)
		sqlite3_bind_int64(stmt, 15, case_id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		db_fail(db, "recording message", cause);
	else {
		*msg_id_r = db_last_id(db);
		rc = 0;
	}
	sqlite3_reset(stmt);
	return (rc);
}

static int
insert_documents(struct db *db, const struct store_message *m,
    sqlite3_int64 msg_id, sqlite3_int64 *doc_ids, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO documents (msg_id, idx, filename,"
	    " format, sha256, kind, json, doc_number, doc_date)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	for (size_t i = 0; i < m->ndocs; i++) {
		const struct store_doc	*d = &m->docs[i];

		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, msg_id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
		sqlite3_bind_text(stmt, 3, d->filename, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, d->format, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, d->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, d->kind, -1, SQLITE_STATIC);
		/* Stored once, in messages.contract_json: '' here. */
		sqlite3_bind_text(stmt, 7, d->json != NULL ? d->json : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(stmt, 8, d->doc_number, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 9, d->doc_date, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "recording document", cause);
			goto out;
		}
		doc_ids[i] = db_last_id(db);
	}
	rc = 0;
out:
	sqlite3_reset(stmt);
	return (rc);
}

/* x with đ and Đ as d and D: FOLD_D. */
static void
doc_fold_d(GString *s, const char *x)
{
	const char	*p;

	if (x == NULL)
		return;
	while ((p = strstr(x, "\xc4")) != NULL) {
		g_string_append_len(s, x, p - x);
		if (p[1] == '\x91' || p[1] == '\x90') {
			/* U+0111 đ, U+0110 Đ */
			g_string_append_c(s, p[1] == '\x91' ? 'd' : 'D');
			x = p + 2;
		} else {
			g_string_append_c(s, *p);
			x = p + 1;
		}
	}
	g_string_append(s, x);
}

/* One row's words in its block's document, as ROWS_DOC makes them: the
 * folded name, the phone as PHONE_BARE gives it, the ICCID. */
static void
doc_row(GString *s, const struct store_row *r)
{
	const char	*p = r->phone;
	size_t		 n = p != NULL ? strlen(p) : 0;
	bool		 digits = p != NULL && strspn(p, "0123456789") == n;

	doc_fold_d(s, r->name);
	g_string_append_c(s, ' ');
	if (digits && (n == 11 || n == 12) && p[0] == '8' && p[1] == '4')
		p += 2;
	else if (digits && (n == 10 || n == 11) && p[0] == '0')
		p += 1;
	if (p != NULL)
		g_string_append(s, p);
	g_string_append_c(s, ' ');
	if (r->iccid != NULL)
		g_string_append(s, r->iccid);
}

/* Block b of case c's search document, its rows' words in rows; head
 * holds the case's unit and body (CASE_DOC). */
static int
doc_put(struct db *db, sqlite3_int64 c, sqlite3_int64 b, sqlite3_stmt *head,
    GString *rows, char **cause)
{
	sqlite3_stmt *stmt;

	stmt = db_cached(db, "INSERT INTO cases_fts (rowid, unit, body, rows)"
	    " VALUES (?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, c * 16777216 + b + 1);
	sqlite3_bind_value(stmt, 2, sqlite3_column_value(head, 0));
	sqlite3_bind_value(stmt, 3, sqlite3_column_value(head, 1));
	sqlite3_bind_text(stmt, 4, rows->str, (int)rows->len, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "indexing case", cause);
		sqlite3_reset(stmt);
		return (-1);
	}
	sqlite3_reset(stmt);
	return (0);
}

/* Row r (row id id) of case c into its block's words, the block before
 * put (doc_put) when r begins another; *block is -1 before the first. */
static int
doc_add(struct db *db, sqlite3_int64 c, sqlite3_int64 id,
    const struct store_row *r, sqlite3_stmt *head, GString *words,
    sqlite3_int64 *block, char **cause)
{
	if (id / 1000 != *block) {
		if (*block != -1 && doc_put(db, c, *block, head, words,
		    cause) == -1)
			return (-1);
		g_string_truncate(words, 0);
		*block = id / 1000;
	} else
		g_string_append_c(words, ' ');
	doc_row(words, r);
	return (0);
}

/* A row's columns (idx, phone, iccid, name, position, carrier,
 * device_serial, nerrors) to parameters at, at + 1, …, at + 7. */
static void
bind_row(sqlite3_stmt *stmt, int at, const struct store_row *r)
{
	const char *text[] = { r->phone, r->iccid, r->name, r->position,
	    r->carrier, r->device_serial };

	sqlite3_bind_int(stmt, at, r->idx);
	for (size_t k = 0; k < G_N_ELEMENTS(text); k++)
		sqlite3_bind_text(stmt, at + 1 + (int)k, text[k], -1,
		    SQLITE_STATIC);
	sqlite3_bind_int(stmt, at + 7, r->nerrors);
}

/* The case's rows, and its search documents (cases_doc) built from them
 * as they are stored, a block at a time: the view would read them all
 * back (a quarter of indexing a 200,000-row list). later: the documents
 * are left to store_index_pending (version 19), the header kept. */
static int
insert_rows(struct db *db, const struct store_message *m,
    sqlite3_int64 case_id, const sqlite3_int64 *doc_ids, bool later,
    char **cause)
{
	sqlite3_stmt	*stmt, *head = NULL;
	GString		*rest, *words;
	sqlite3_int64	 block = -1, id;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO case_rows (case_id, document_id,"
	    " idx, phone, iccid, name, position, carrier, device_serial,"
	    " nerrors, json, state, state_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?, ?, ?)", cause);
	if (stmt == NULL)
		return (-1);
	if (later && index_step(db, "INSERT OR IGNORE INTO index_pending"
	    " (case_id) VALUES (?1)", case_id, cause) == -1)
		return (-1);
	/* the header alone goes: the case has rows */
	if (!later && (head = index_head(db, case_id, cause)) == NULL)
		return (-1);
	rest = g_string_new(NULL);
	words = g_string_new(NULL);
	for (size_t i = 0; i < m->nrows; i++) {
		struct store_row	 one;
		const struct store_row	*r;

		if ((r = row_at(m, i, &one, cause)) == NULL)
			goto out;
		if (r->doc >= m->ndocs) {
			if (cause != NULL)
				*cause = g_strdup_printf("row %zu refers to "
				    "document %zu of %zu", i, r->doc, m->ndocs);
			goto out;
		}
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, case_id);
		sqlite3_bind_int64(stmt, 2, doc_ids[r->doc]);
		bind_row(stmt, 3, r);
		if (m->rows_forwarded_at != NULL && r->nerrors == 0) {
			sqlite3_bind_text(stmt, 12, "forwarded", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(stmt, 13, m->rows_forwarded_at, -1,
			    SQLITE_STATIC);
		} else
			sqlite3_bind_text(stmt, 12, "pending", -1,
			    SQLITE_STATIC);
		/* The row's facts, stored once: here what no column holds
		 * (rows_apart), else in the CONTRACT JSON ('') or the copy
		 * the caller gives. */
		if (m->rows_apart && r->form == NULL) {
			if (cause != NULL)
				*cause = g_strdup_printf("row %zu: no row to "
				    "store apart", i);
			goto out;
		}
		if (m->rows_apart)
			contract_row_rest(rest, r->form);
		else
			g_string_assign(rest, r->json != NULL ? r->json : "");
		sqlite3_bind_text(stmt, 11, rest->str, (int)rest->len,
		    SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "recording case row", cause);
			goto out;
		}
		id = db_last_id(db);
		if (!later && doc_add(db, case_id, id, r, head, words, &block,
		    cause) == -1)
			goto out;
	}
	if (block != -1 && doc_put(db, case_id, block, head, words,
	    cause) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_reset(stmt);
	if (head != NULL)
		sqlite3_reset(head);
	g_string_free(rest, TRUE);
	g_string_free(words, TRUE);
	return (rc);
}

/* The header alone of case_id gone (the case has rows), and the
 * statement giving its unit and body (CASE_DOC) stepped to them. */
static sqlite3_stmt *
index_head(struct db *db, sqlite3_int64 case_id, char **cause)
{
	sqlite3_stmt *head;

	if (index_step(db, "DELETE FROM cases_fts WHERE " CASE_DOCS("?1"),
	    case_id, cause) == -1)
		return (NULL);
	if ((head = db_cached(db, "SELECT " CASE_DOC("c") " FROM cases c"
	    " WHERE c.id = ?", cause)) == NULL)
		return (NULL);
	sqlite3_bind_int64(head, 1, case_id);
	if (sqlite3_step(head) != SQLITE_ROW) {
		db_fail(db, "indexing case", cause);
		sqlite3_reset(head);
		return (NULL);
	}
	return (head);
}

/* The rows of message msg_id's decision (0: its own) kept apart from
 * its CONTRACT JSON (message_rows, version 18), as insert_rows keeps a
 * case's: the columns, and the rest no column holds. */
static int
insert_message_rows(struct db *db, const struct store_message *m,
    sqlite3_int64 msg_id, sqlite3_int64 decision, char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*rest;
	int		 rc = -1;

	stmt = db_cached(db, "INSERT INTO message_rows (msg_id, decision,"
	    " doc, idx, phone, iccid, name, position, carrier, device_serial,"
	    " nerrors, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    cause);
	if (stmt == NULL)
		return (-1);
	rest = g_string_new(NULL);
	for (size_t i = 0; i < m->nrows; i++) {
		struct store_row	 one;
		const struct store_row	*r;

		if ((r = row_at(m, i, &one, cause)) == NULL)
			goto out;
		if (r->doc >= m->ndocs || r->form == NULL) {
			if (cause != NULL)
				*cause = g_strdup_printf("row %zu: no row of "
				    "document %zu of %zu to store apart", i,
				    r->doc, m->ndocs);
			goto out;
		}
		contract_row_rest(rest, r->form);
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, msg_id);
		sqlite3_bind_int64(stmt, 2, decision);
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)r->doc);
		bind_row(stmt, 4, r);
		sqlite3_bind_text(stmt, 12, rest->str, (int)rest->len,
		    SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "recording a row of the message", cause);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_reset(stmt);
	g_string_free(rest, TRUE);
	return (rc);
}

int
store_message_rows(struct db_txn *txn, const struct store_message *m,
    int64_t msg_id, int64_t decision, char **cause)
{
	return (insert_message_rows(db_txn_db(txn), m, msg_id, decision,
	    cause));
}

/* Case case_id's search documents built from its stored rows, as
 * insert_rows builds them while it stores them; the header alone if it
 * has none (or nothing, if the case is gone). */
static int
index_rows(struct db *db, sqlite3_int64 case_id, char **cause)
{
	sqlite3_stmt	*rows, *head, *exists;
	GString		*words;
	sqlite3_int64	 block = -1, id;
	int		 rc = -1, step;

	if ((exists = db_cached(db, "SELECT 1 FROM cases WHERE id = ?",
	    cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(exists, 1, case_id);
	step = sqlite3_step(exists);
	sqlite3_reset(exists);
	if (step == SQLITE_DONE)
		return (0);	/* the case is gone: nothing to index */
	if (step != SQLITE_ROW)
		return (db_fail(db, "indexing case", cause));
	if ((head = index_head(db, case_id, cause)) == NULL)
		return (-1);
	if ((rows = db_cached(db, "SELECT id, name, phone, iccid FROM"
	    " case_rows WHERE case_id = ? ORDER BY id", cause)) == NULL) {
		sqlite3_reset(head);
		return (-1);
	}
	sqlite3_bind_int64(rows, 1, case_id);
	words = g_string_new(NULL);
	while ((step = sqlite3_step(rows)) == SQLITE_ROW) {
		struct store_row r = { 0 };

		id = sqlite3_column_int64(rows, 0);
		r.name = (const char *)sqlite3_column_text(rows, 1);
		r.phone = (const char *)sqlite3_column_text(rows, 2);
		r.iccid = (const char *)sqlite3_column_text(rows, 3);
		if (doc_add(db, case_id, id, &r, head, words, &block,
		    cause) == -1)
			goto out;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading rows to index", cause);
		goto out;
	}
	if (block != -1 ? doc_put(db, case_id, block, head, words,
	    cause) == -1 : index_step(db, HEAD_INDEX("?1"), case_id,
	    cause) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_reset(rows);
	sqlite3_reset(head);
	g_string_free(words, TRUE);
	return (rc);
}

int
store_index_pending(struct db *db, size_t *n_r, char **cause)
{
	struct db_txn	*txn;
	sqlite3_stmt	*stmt;
	sqlite3_int64	 case_id;
	int64_t		 left;
	int		 step;

	*n_r = 0;
	/* run calls this after every pass: nothing queued, no write
	 * transaction */
	if (store_index_waiting(db, &left, cause) == -1 || left == 0)
		return (left == 0 ? 0 : -1);
	for (;;) {
		if ((txn = db_begin(db, cause)) == NULL)
			return (-1);
		if ((stmt = db_cached(db, "SELECT case_id FROM index_pending"
		    " ORDER BY case_id LIMIT 1", cause)) == NULL)
			goto fail;
		step = sqlite3_step(stmt);
		case_id = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) :
		    0;
		sqlite3_reset(stmt);
		if (step == SQLITE_DONE) {
			db_rollback(txn);
			return (0);
		}
		if (step != SQLITE_ROW) {
			db_fail(db, "reading the search index's queue", cause);
			goto fail;
		}
		if (index_rows(db, case_id, cause) == -1 ||
		    index_step(db, "DELETE FROM index_pending WHERE case_id ="
		    " ?1", case_id, cause) == -1)
			goto fail;
		if (db_commit(txn, cause) == -1)
			return (-1);
		(*n_r)++;
	}
fail:
	db_rollback(txn);
	return (-1);
}

int
store_index_waiting(struct db *db, int64_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	*n_r = 0;
	if ((stmt = db_cached(db, "SELECT count(*) FROM index_pending",
	    cause)) == NULL)
		return (-1);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*n_r = sqlite3_column_int64(stmt, 0);
		rc = 0;
	} else
		db_fail(db, "counting cases to index", cause);
	sqlite3_reset(stmt);
	return (rc);
}

/* The case's search documents built again, now that its rows are in
 * (migration 12): a block at a time, never a row at a time. */
static int
index_case(struct db *db, sqlite3_int64 case_id, char **cause)
{
	if (index_step(db, "DELETE FROM cases_fts WHERE " CASE_DOCS("?1"),
	    case_id, cause) == -1)
		return (-1);
	return (index_step(db, CASE_INDEX("?1"), case_id, cause));
}

/* One statement of a case's search documents, ?1 its id. */
static int
index_step(struct db *db, const char *sql, sqlite3_int64 case_id,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	if ((stmt = db_cached(db, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, case_id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(db, "indexing case", cause);
	sqlite3_reset(stmt);
	return (rc);
}

int
store_record(struct db_txn *txn, const struct store_message *m,
    struct store_recorded *r, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_int64		*doc_ids = NULL;
	sqlite3_int64		 msg_id = 0, case_id = 0, supersedes = 0;
	char			*number = NULL, *detail = NULL;
	int			 rc, where;

	memset(r, 0, sizeof(*r));
	/* Checked again under the write lock: another process may have
	 * recorded this message since the caller's own check. */
	rc = store_seen(db, m, &r->case_number, &r->action, cause);
	if (rc != 0)
		return (rc);
	rc = -1;
	/* Rows left out of the CONTRACT JSON are kept where its marker
	 * says: in the case it opens, or beside the message. Any other
	 * pairing would lose them. */
	where = store_rows_apart(m->contract_json);
	if (m->rows_apart && (where == STORE_ROWS_WHOLE ? m->nrows > 0 :
	    where != (m->case_state != NULL && m->thread_case_id == 0 ?
	    STORE_ROWS_IN_CASE : STORE_ROWS_IN_MESSAGE))) {
		if (cause != NULL)
			*cause = g_strdup("rows kept apart, but not where "
			    "the decision says");
		return (-1);
	}
	if (m->case_state != NULL && m->link_rejected &&
	    rejected_list(db, m, &supersedes, cause) == -1)
		goto out;
	if (m->case_state != NULL && m->link_serial &&
	    rejected_serial(db, m, &supersedes, cause) == -1)
		goto out;
	if (m->case_state != NULL && insert_case(db, m, supersedes, &case_id,
	    &number, cause) == -1)
		goto out;
	if (m->thread_case_id != 0 && m->case_state == NULL)
		case_id = m->thread_case_id;
	if (insert_message(db, m, case_id, &msg_id, cause) == -1)
		goto out;
	doc_ids = g_new0(sqlite3_int64, m->ndocs + 1);
	if (insert_documents(db, m, msg_id, doc_ids, cause) == -1)
		goto out;
	/* Rows belong to the case they open; without one (or in an answer
	 * threaded into a case) the message keeps them, apart or in its
	 * CONTRACT. */
	if (number != NULL && m->nrows > 0 && insert_rows(db, m, case_id,
	    doc_ids, m->nrows >= STORE_INDEX_LATER_ROWS, cause) == -1)
		goto out;
	if (number == NULL && m->rows_apart && m->nrows > 0 &&
	    insert_message_rows(db, m, msg_id, 0, cause) == -1)
		goto out;

	/* The message's own clock, not the time it was processed. */
	e.at = m->received_at;
	e.actor = AUDIT_ACTOR;
	e.event = "received";
	e.msg_id = msg_id;
	e.case_id = case_id;
	e.detail = detail = g_strdup_printf("%s kind=%s action=%s",
	    m->message_id == NULL ? m->sha256 : m->message_id, m->kind,
	    m->action);
	/* Threaded, its reply_received entry says so instead. */
	if (m->other_unit_case != NULL && m->thread_case_id == 0) {
		char *more = g_strdup_printf("%s; the subject names %s, another"
		    " unit's case: not threaded there", detail,
		    m->other_unit_case);

		g_free(detail);
		e.detail = detail = more;
	}
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	if (number != NULL) {
		g_free(detail);
		e.event = "case_opened";
		e.detail = detail = supersedes != 0 ?
		    g_strdup_printf("%s state=%s supersedes message %lld",
		    number, m->case_state, (long long)supersedes) :
		    g_strdup_printf("%s state=%s", number, m->case_state);
		if (audit_append(txn, &e, cause) == -1)
			goto out;
	} else if (case_id != 0 && thread_reply(txn, m, msg_id, &number,
	    cause) == -1)
		goto out;
	if (store_attempts_clear(db, m->sha256, cause) == -1)
		goto out;
	r->case_number = number;
	number = NULL;
	r->action = g_strdup(m->action);
	r->msg_id = msg_id;
	r->case_id = case_id;
	r->supersedes = supersedes;
	rc = 0;
out:
	g_free(doc_ids);
	g_free(number);
	g_free(detail);
	return (rc);
}

int
store_attempt(struct db *db, const char *sha256, const char *now,
    int *attempts_r, char **cause)
{
	struct db_txn	*txn;
	sqlite3_stmt	*stmt = NULL;
	int		 rc = -1;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	stmt = db_cached(db, "INSERT INTO attempts (sha256, attempts,"
	    " last_attempt) VALUES (?1, 1, ?2) ON CONFLICT (sha256) DO UPDATE"
	    " SET attempts = attempts + 1, last_attempt = ?2"
	    " RETURNING attempts", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_fail(db, "counting an attempt", cause);
		goto out;
	}
	*attempts_r = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	stmt = NULL;
	rc = db_commit(txn, cause);
	txn = NULL;
out:
	sqlite3_reset(stmt);
	db_rollback(txn);
	return (rc);
}

int
store_attempt_undo(struct db *db, const char *sha256, char **cause)
{
	/* the count stays above 0 (CHECK): the last one goes */
	static const char *const sql[] = {
		"DELETE FROM attempts WHERE sha256 = ? AND attempts <= 1",
		"UPDATE attempts SET attempts = attempts - 1 WHERE sha256 = ?",
	};
	struct db_txn	*txn;
	sqlite3_stmt	*stmt;
	int		 rc = -1;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	for (size_t i = 0; i < G_N_ELEMENTS(sql); i++) {
		if ((stmt = db_cached(db, sql[i], cause)) == NULL)
			goto out;
		sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_DONE) {
			db_fail(db, "taking back an attempt", cause);
			sqlite3_reset(stmt);
			goto out;
		}
		sqlite3_reset(stmt);
	}
	rc = db_commit(txn, cause);
	txn = NULL;
out:
	db_rollback(txn);
	return (rc);
}

int
store_duplicate_copy(struct db *db, const char *sha256, const char *origin,
    const char *of, char **cause)
{
	struct db_txn		*txn;
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt;
	char			 at[DB_TIME_SIZE], *detail;
	int			 rc = -1, step;

	if ((txn = db_begin(db, cause)) == NULL)
		return (-1);
	stmt = db_cached(db, "SELECT 1 FROM messages WHERE sha256 = ?1",
	    cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
	step = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (step == SQLITE_ROW) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "looking up a copy", cause);
		goto out;
	}
	db_time(time(NULL), at);
	e.at = at;
	e.actor = AUDIT_ACTOR;
	e.event = "duplicate_received";
	e.detail = detail = g_strdup_printf("%s from %s: a copy of %s, "
	    "recorded before; the copy is not kept", sha256,
	    origin != NULL ? origin : "(unknown)", of != NULL ? of :
	    "a message");
	rc = audit_append(txn, &e, cause);
	g_free(detail);
	if (rc == 0 && (rc = db_commit(txn, cause)) == 0)
		rc = 1;
	txn = NULL;
out:
	db_rollback(txn);
	return (rc);
}

int
store_attempts_clear(struct db *db, const char *sha256, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc = 0;

	stmt = db_cached(db, "DELETE FROM attempts WHERE sha256 = ?", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = db_fail(db, "clearing attempts", cause);
	sqlite3_reset(stmt);
	return (rc);
}

void
store_recorded_deinit(struct store_recorded *r)
{
	g_free(r->case_number);
	g_free(r->action);
	memset(r, 0, sizeof(*r));
}

int
store_case_for_answer(struct db_txn *txn, int64_t item, const char *tz,
    const char *why, int64_t *case_id_r, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct store_message	 m = { 0 };
	struct store_recorded	 r = { 0 };
	sqlite3_stmt		*stmt;
	int64_t			 msg_id;
	int			 rc = -1;

	*case_id_r = 0;
	stmt = db_prepare(db, "SELECT m.id, m.kind, m.action, m.from_addr,"
	    " m.subject, m.received_at, m.sha256,"
	    " json_extract(m.contract_json, '$.documents[0].organization')"
	    " FROM outbox o JOIN messages m ON m.id = o.msg_id"
	    " WHERE o.id = ?1 AND m.case_id IS NULL", cause);
	if (stmt == NULL)
		return (-1);
	sqlite3_bind_int64(stmt, 1, item);
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		rc = 0;		/* its message has a case, or none */
		goto out;
	default:
		db_fail(db, "reading the bounced letter's message", cause);
		goto out;
	}
	msg_id = sqlite3_column_int64(stmt, 0);
	m.kind = (const char *)sqlite3_column_text(stmt, 1);
	m.action = (const char *)sqlite3_column_text(stmt, 2);
	m.from_addr = (const char *)sqlite3_column_text(stmt, 3);
	m.subject = (const char *)sqlite3_column_text(stmt, 4);
	m.received_at = (const char *)sqlite3_column_text(stmt, 5);
	/* a case's number takes the office's year, as store_message's
	 * caller gives it (trial 3, finding 1); no zone: UTC's */
	m.office_year = zone_year(tz, m.received_at);
	m.sha256 = (const char *)sqlite3_column_text(stmt, 6);
	m.organization = (const char *)sqlite3_column_text(stmt, 7);
	/* its rows stay in the message's decision, shown by case show */
	m.case_state = "review";
	if (store_open_case(txn, &m, msg_id, why, &r, cause) == -1)
		goto out;
	*case_id_r = r.case_id;
	rc = 1;
out:
	store_recorded_deinit(&r);
	sqlite3_finalize(stmt);
	return (rc);
}

int
store_open_case(struct db_txn *txn, const struct store_message *m,
    int64_t msg_id, const char *why, struct store_recorded *r, char **cause)
{
	struct db		*db = db_txn_db(txn);
	struct audit_entry	 e = { 0 };
	sqlite3_stmt		*stmt = NULL;
	sqlite3_int64		*doc_ids = NULL, case_id = 0;
	char			*number = NULL, *detail = NULL;
	int			 rc = -1;

	memset(r, 0, sizeof(*r));
	/* The message's CONTRACT JSON was stored whole: its rows are read
	 * there, or from the message's latest decision (store_case_rows). */
	if (m->rows_apart) {
		*cause = g_strdup("a case opened later keeps no rows apart");
		goto out;
	}
	if (insert_case(db, m, 0, &case_id, &number, cause) == -1)
		goto out;
	stmt = db_cached(db, "UPDATE messages SET case_id = ?1 WHERE id = ?2"
	    " AND case_id IS NULL", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	sqlite3_bind_int64(stmt, 2, msg_id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_fail(db, "linking message to its case", cause);
		goto out;
	}
	if (sqlite3_changes(sqlite3_db_handle(stmt)) != 1) {
		*cause = g_strdup_printf("message %lld already has a case",
		    (long long)msg_id);
		goto out;
	}
	sqlite3_reset(stmt);
	/* The rows name the documents recorded with the message. */
	stmt = db_cached(db, "SELECT id FROM documents WHERE msg_id = ?1"
	    " AND idx = ?2", cause);
	if (stmt == NULL)
		goto out;
	doc_ids = g_new0(sqlite3_int64, m->ndocs + 1);
	for (size_t i = 0; i < m->ndocs; i++) {
		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, msg_id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
		if (sqlite3_step(stmt) != SQLITE_ROW) {
			*cause = g_strdup_printf("message %lld: document %zu "
			    "is not recorded", (long long)msg_id, i);
			goto out;
		}
		doc_ids[i] = sqlite3_column_int64(stmt, 0);
	}
	/* a case of no rows keeps the search document its insert made */
	if (m->nrows > 0 && (insert_rows(db, m, case_id, doc_ids, false,
	    cause) == -1 || index_case(db, case_id, cause) == -1))
		goto out;
	e.at = m->received_at;
	e.actor = AUDIT_ACTOR;
	e.event = "case_opened";
	e.msg_id = msg_id;
	e.case_id = case_id;
	e.detail = detail = g_strdup_printf("%s state=%s (%s)", number,
	    m->case_state, why);
	if (audit_append(txn, &e, cause) == -1)
		goto out;
	r->case_number = number;
	number = NULL;
	r->action = g_strdup(m->action);
	r->msg_id = msg_id;
	r->case_id = case_id;
	rc = 0;
out:
	sqlite3_reset(stmt);
	g_free(doc_ids);
	g_free(number);
	g_free(detail);
	return (rc);
}

/* Appends the rows stmt gives (idx, phone, iccid, name, position,
 * carrier, device_serial, json), comma-separated; stmt is reset. */
static int
join_rows(struct db *db, sqlite3_stmt *stmt, GString *out, char **cause)
{
	int	 step, n = 0;

	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct contract_row_parts p = {
			.index = sqlite3_column_int(stmt, 0),
			.phone = (const char *)sqlite3_column_text(stmt, 1),
			.iccid = (const char *)sqlite3_column_text(stmt, 2),
			.name = (const char *)sqlite3_column_text(stmt, 3),
			.position = (const char *)sqlite3_column_text(stmt, 4),
			.carrier = (const char *)sqlite3_column_text(stmt, 5),
			.device_serial = (const char *)sqlite3_column_text(
			    stmt, 6),
			.rest = (const char *)sqlite3_column_text(stmt, 7),
		};

		if (n++ > 0)
			g_string_append_c(out, ',');
		if (contract_row_join(out, &p) == -1) {
			if (cause != NULL)
				*cause = g_strdup_printf("case row %lld: its "
				    "stored findings are not readable",
				    (long long)sqlite3_column_int64(stmt, 8));
			sqlite3_reset(stmt);
			return (-1);
		}
	}
	if (step != SQLITE_DONE)
		db_fail(db, "reading case rows", cause);
	sqlite3_reset(stmt);
	return (step == SQLITE_DONE ? 0 : -1);
}

#define ROW_COLUMNS	"r.idx, r.phone, r.iccid, r.name, r.position," \
			" r.carrier, r.device_serial, r.json, r.id"

/*
 * The next marker of rows kept apart at or after p (contract.h): where
 * it starts, *end_r after it, and which (*decision_r the message's
 * decision for STORE_ROWS_IN_MESSAGE). NULL when there is none. The
 * marker can only be a member: in a JSON string its quotes would be
 * escaped.
 */
static const char *
next_mark(const char *p, const char **end_r, int *where_r,
    int64_t *decision_r)
{
	static const char	 head[] = "\"rows\":\"";
	static const char	 in_case[] = CONTRACT_ROWS_APART "\"";
	static const char	 in_msg[] = CONTRACT_ROWS_MESSAGE;
	const char		*q;

	for (; (p = strstr(p, head)) != NULL; p++) {
		q = p + sizeof(head) - 1;
		if (strncmp(q, in_case, sizeof(in_case) - 1) == 0) {
			*where_r = STORE_ROWS_IN_CASE;
			*decision_r = 0;
			*end_r = q + sizeof(in_case) - 1;
			return (p);
		}
		if (strncmp(q, in_msg, sizeof(in_msg) - 1) != 0)
			continue;
		q += sizeof(in_msg) - 1;
		*decision_r = 0;
		if (*q == ':' && g_ascii_isdigit(q[1])) {
			char *e;

			*decision_r = g_ascii_strtoll(q + 1, &e, 10);
			q = e;
		}
		if (*q != '"')
			continue;
		*where_r = STORE_ROWS_IN_MESSAGE;
		*end_r = q + 1;
		return (p);
	}
	return (NULL);
}

int
store_rows_apart(const char *stored)
{
	const char	*end;
	int64_t		 decision;
	int		 where;

	if (stored == NULL || next_mark(stored, &end, &where, &decision) ==
	    NULL)
		return (STORE_ROWS_WHOLE);
	return (where);
}

/* The rows of document doc of what the marker names (next_mark), in
 * join_rows' columns: a statement bound, for the caller to step. */
static sqlite3_stmt *
mark_rows(struct db *db, int64_t msg_id, int64_t doc, int where,
    int64_t decision, char **cause)
{
	sqlite3_stmt *stmt;

	if (where == STORE_ROWS_IN_CASE)
		stmt = db_cached(db, "SELECT " ROW_COLUMNS " FROM case_rows r"
		    " WHERE r.case_id = (SELECT case_id FROM messages WHERE"
		    " id = ?1) AND r.document_id = (SELECT id FROM documents"
		    " WHERE msg_id = ?1 AND idx = ?2) ORDER BY r.id", cause);
	else
		stmt = db_cached(db, "SELECT " ROW_COLUMNS " FROM message_rows"
		    " r WHERE r.msg_id = ?1 AND r.decision = ?3 AND r.doc = ?2"
		    " ORDER BY r.id", cause);
	if (stmt == NULL)
		return (NULL);
	sqlite3_bind_int64(stmt, 1, msg_id);
	sqlite3_bind_int64(stmt, 2, doc);
	if (where != STORE_ROWS_IN_CASE)
		sqlite3_bind_int64(stmt, 3, decision);
	return (stmt);
}

char *
store_contract(struct db *db, int64_t msg_id, const char *stored,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*out;
	const char	*p, *mark, *end;
	int64_t		 doc = 0, decision;
	int		 where;

	if (stored == NULL) {
		if (cause != NULL)
			*cause = g_strdup_printf("message %lld has no "
			    "decision stored", (long long)msg_id);
		return (NULL);
	}
	if ((mark = next_mark(stored, &end, &where, &decision)) == NULL)
		return (g_strdup(stored));
	out = g_string_sized_new(strlen(stored));
	for (p = stored; mark != NULL; mark = next_mark(p, &end, &where,
	    &decision)) {
		g_string_append_len(out, p, mark - p);
		g_string_append(out, "\"rows\":[");
		if ((stmt = mark_rows(db, msg_id, doc++, where, decision,
		    cause)) == NULL || join_rows(db, stmt, out, cause) == -1) {
			g_string_free(out, TRUE);
			return (NULL);
		}
		g_string_append_c(out, ']');
		p = end;
	}
	g_string_append(out, p);
	return (g_string_free(out, FALSE));
}

/* store_case_rows_each's step for store_case_rows: the row's CONTRACT
 * object, joined from its columns and rest when they are apart. */
static int
collect_row(const struct store_case_row *r, void *arg, char **cause)
{
	GPtrArray	*v = arg;
	GString		*one;

	(void)cause;
	if (r->parts == NULL) {
		g_ptr_array_add(v, g_strdup(r->json));
		return (0);
	}
	one = g_string_new(NULL);
	if (contract_row_join(one, r->parts) == -1) {
		g_string_free(one, TRUE);
		return (-1);
	}
	g_ptr_array_add(v, g_string_free(one, FALSE));
	return (0);
}

char **
store_case_rows(struct db *db, int64_t case_id, size_t *n_r, char **cause)
{
	GPtrArray	*v = g_ptr_array_new_with_free_func(g_free);

	if (store_case_rows_each(db, case_id, collect_row, v, n_r,
	    cause) == -1) {
		g_ptr_array_free(v, TRUE);
		*n_r = 0;
		return (NULL);
	}
	g_ptr_array_add(v, NULL);
	return ((char **)g_ptr_array_free(v, FALSE));
}

/* The rows stmt gives (join_rows' columns) written to w, comma-separated,
 * each through one scratch string: a case of any length is written in
 * the memory of one row. w NULL: read and joined, nothing written.
 * stmt is reset. */
static int
put_rows(struct db *db, sqlite3_stmt *stmt, struct jw *w, char **cause)
{
	GString	*one = g_string_new(NULL);
	int	 step, n = 0, rc = 0;

	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		g_string_truncate(one, 0);
		if (n++ > 0)
			g_string_append_c(one, ',');
		if ((rc = join_rows_one(stmt, one, cause)) == 0 && w != NULL)
			contract_jw_put(w, one->str, one->len);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, "reading case rows", cause);
	sqlite3_reset(stmt);
	g_string_free(one, TRUE);
	return (rc);
}

/* Appends the row stmt stands on (join_rows' columns) to out. */
static int
join_rows_one(sqlite3_stmt *stmt, GString *out, char **cause)
{
	struct contract_row_parts p = {
		.index = sqlite3_column_int(stmt, 0),
		.phone = (const char *)sqlite3_column_text(stmt, 1),
		.iccid = (const char *)sqlite3_column_text(stmt, 2),
		.name = (const char *)sqlite3_column_text(stmt, 3),
		.position = (const char *)sqlite3_column_text(stmt, 4),
		.carrier = (const char *)sqlite3_column_text(stmt, 5),
		.device_serial = (const char *)sqlite3_column_text(stmt, 6),
		.rest = (const char *)sqlite3_column_text(stmt, 7),
	};

	if (contract_row_join(out, &p) == 0)
		return (0);
	if (cause != NULL)
		*cause = g_strdup_printf("case row %lld: its stored findings "
		    "are not readable", (long long)sqlite3_column_int64(stmt,
		    8));
	return (-1);
}

int
store_contract_write(struct db *db, int64_t msg_id, const char *stored,
    const char *name, struct jw *w, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*p, *mark, *end;
	int64_t		 doc = 0, decision;
	int		 where;

	if (stored == NULL) {
		if (cause != NULL)
			*cause = g_strdup_printf("message %lld has no "
			    "decision stored", (long long)msg_id);
		return (-1);
	}
	if ((mark = next_mark(stored, &end, &where, &decision)) == NULL) {
		if (w != NULL)
			contract_jw_raw(w, name, stored, strlen(stored));
		return (0);
	}
	if (w != NULL)
		contract_jw_raw(w, name, "", 0);
	for (p = stored; mark != NULL; mark = next_mark(p, &end, &where,
	    &decision)) {
		if (w != NULL) {
			contract_jw_put(w, p, (size_t)(mark - p));
			contract_jw_put(w, "\"rows\":[", 8);
		}
		/* store_contract's statements, so both read one layout */
		if ((stmt = mark_rows(db, msg_id, doc++, where, decision,
		    cause)) == NULL || put_rows(db, stmt, w, cause) == -1)
			return (-1);
		if (w != NULL)
			contract_jw_put(w, "]", 1);
		p = end;
	}
	if (w != NULL)
		contract_jw_put(w, p, strlen(p));
	return (0);
}

int
store_case_rows_each(struct db *db, int64_t case_id,
    int (*fn)(const struct store_case_row *, void *, char **), void *arg,
    size_t *n_r, char **cause)
{
	sqlite3_stmt	*stmt;
	GString		*one = g_string_new(NULL);
	sqlite3_int64	 msg_id = 0;
	char		**legacy = NULL, *latest = NULL;
	size_t		 nlegacy = 0, n = 0;
	bool		 apart = false;
	int		 step, rc = -1;

	*n_r = 0;
	/* Every row of a case comes from the message that opened it. */
	stmt = db_prepare(db, "SELECT m.id, " STORE_ROWS_APART_SQL("m")
	    " FROM messages m WHERE m.case_id = ?1 ORDER BY m.id LIMIT 1",
	    cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	if ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		msg_id = sqlite3_column_int64(stmt, 0);
		apart = sqlite3_column_int(stmt, 1) != 0;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		stmt = NULL;
		db_fail(db, "reading the case's message", cause);
		goto out;
	}
	stmt = db_prepare(db, "SELECT " ROW_COLUMNS ", r.nerrors, r.state,"
	    " r.state_note, r.state_at FROM case_rows r"
	    " WHERE r.case_id = ?1 ORDER BY r.id", cause);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, case_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *j = (const char *)sqlite3_column_text(stmt, 7);
		struct contract_row_parts p = {
			sqlite3_column_int(stmt, 0),
			(const char *)sqlite3_column_text(stmt, 1),
			(const char *)sqlite3_column_text(stmt, 2),
			(const char *)sqlite3_column_text(stmt, 3),
			(const char *)sqlite3_column_text(stmt, 4),
			(const char *)sqlite3_column_text(stmt, 5),
			(const char *)sqlite3_column_text(stmt, 6),
			j
		};
		struct store_case_row r = {
			.id = sqlite3_column_int64(stmt, 8),
			.number = (int)n + 1,
			.nerrors = sqlite3_column_int(stmt, 9),
			.state = (const char *)sqlite3_column_text(stmt, 10),
			.state_note = (const char *)sqlite3_column_text(stmt,
			    11),
			.state_at = (const char *)sqlite3_column_text(stmt,
			    12),
		};

		if (apart && fn == NULL) {
			/* checked only: it joins, or the case is damaged */
			g_string_truncate(one, 0);
			if (join_rows_one(stmt, one, cause) == -1)
				goto out;
		} else if (apart)
			r.parts = &p;
		else if (j == NULL || *j == '\0') {
			/* stored before: as store_case_rows reads them */
			if (legacy == NULL && msg_id != 0 &&
			    (latest = latest_decision(db, msg_id, cause)) ==
			    NULL)
				goto out;
			if (legacy == NULL)
				legacy = contract_rows(latest, &nlegacy);
			r.json = n < nlegacy ? legacy[n] : "null";
		} else
			r.json = j;
		n++;
		if (fn != NULL && fn(&r, arg, cause) == -1) {
			if (cause != NULL && *cause == NULL)
				*cause = g_strdup_printf("case row %lld: its "
				    "stored findings are not readable",
				    (long long)r.id);
			goto out;
		}
	}
	if (step != SQLITE_DONE) {
		db_fail(db, "reading case rows", cause);
		goto out;
	}
	*n_r = n;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	g_strfreev(legacy);
	g_free(latest);
	g_string_free(one, TRUE);
	return (rc);
}

/* The latest decision of message msg_id (message_decision), whole. */
static char *
latest_decision(struct db *db, sqlite3_int64 msg_id, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*json = NULL;

	stmt = db_prepare(db, "SELECT contract_json FROM message_decision"
	    " WHERE msg_id = ?1", cause);
	if (stmt == NULL)
		return (NULL);
	sqlite3_bind_int64(stmt, 1, msg_id);
	/* whole: a later decision may keep its rows beside the message */
	if (sqlite3_step(stmt) == SQLITE_ROW)
		json = store_contract(db, msg_id, (const char *)
		    sqlite3_column_text(stmt, 0), cause);
	else
		db_fail(db, "reading the message's decision", cause);
	sqlite3_finalize(stmt);
	return (json);
}
