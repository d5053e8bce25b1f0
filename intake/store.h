/* store.h: the case store, the single source of truth: its schema (every
 * module's tables, as one list of migrations) and the recording of one
 * message. Every write that belongs to one message happens in the one
 * transaction the caller (the pipeline) holds; the case queries are in
 * cases.h, the units registry in units-store.h, the outbox in
 * outbox/queue.h. */
#ifndef HOTROCKS_STORE_H
#define HOTROCKS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/db.h"
#include "parsers/form.h"

struct jw;			/* intake/contract.h */
struct contract_row_parts;

/* What one processed message adds to the store; all strings borrowed. */
struct store_doc {
	const char	*filename;
	const char	*format;	/* CONTRACT format name */
	const char	*sha256;	/* of the attachment bytes */
	const char	*kind;		/* CONTRACT kind */
	/* The document's CONTRACT object, or NULL (stored as ''): the
	 * facts are in contract_json already; readers take them there. */
	const char	*json;
	/* A cover letter's number and date (form.h), or NULL: the
	 * daily batch cites them (forward.c). */
	const char	*doc_number, *doc_date;
};

struct store_row {
	size_t		 doc;		/* index into docs */
	int		 idx;		/* the row's CONTRACT index */
	const char	*phone, *iccid, *name, *position, *carrier;
	const char	*device_serial;
	int		 nerrors;	/* row errors; 0 for a clean row */
	/* Without rows_apart, stored as it is: NULL ('') when the
	 * CONTRACT JSON holds the row. */
	const char	*json;
	/* With rows_apart: the row, whose rest (contract_row_rest) is
	 * stored beside the columns. */
	const struct form_row *form;
};

struct store_message {
	const char	*source;	/* "file", "maildir", "imap" */
	const char	*origin;	/* path, or mailbox name for IMAP */
	uint32_t	 uidvalidity;	/* IMAP; 0 otherwise */
	uint32_t	 uid;
	const char	*message_id;	/* may be NULL */
	const char	*sha256;	/* of the raw bytes: the archive key */
	const char	*content_key;	/* sha256 that ignores trace headers
					 * and line endings */
	const char	*content_key_raw; /* the key before line endings were
					 * ignored (older records); may be
					 * NULL */
	const char	*archive_path;	/* relative to the archive directory */
	const char	*from_addr;
	const char	*subject;
	const char	*received_at;	/* RFC 3339 UTC, the source's clock */
	int		 office_year;	/* received_at's year at the office
					 * (a case's number); 0: UTC's */
	const char	*kind;		/* CONTRACT kind */
	const char	*action;	/* CONTRACT action */
	const char	*contract_json;	/* the whole CONTRACT object, or
					 * with rows_apart its rows left out
					 * (contract_json_apart) */
	/* The rows are kept apart from contract_json, every rows[i].form
	 * set: in case_rows when a case is opened (case_state without
	 * thread_case_id; marker CONTRACT_ROWS_APART), else in
	 * message_rows (CONTRACT_ROWS_MESSAGE). */
	bool		 rows_apart;
	const char	*organization;	/* for the case title; may be NULL */
	const char	*case_state;	/* NULL: no case; else "open", "review"
					 * (the store takes any case state) */
	/* Non-NULL when the case's forward is queued in the same
	 * transaction (replies_forwards) and needs no approval
	 * (forward_approval = none): its clean rows are stored forwarded
	 * at this time (RFC 3339), as forward_record(fresh) then leaves
	 * them, not pending and changed a row at a time. A held forward's
	 * rows are stored pending: its approval forwards them. */
	const char	*rows_forwarded_at;
	/* An answer to one of our messages (cases_thread): recorded in that
	 * case, which is flagged "reply_received"; no case is opened and no
	 * row recorded (case_state must be NULL). 0: none. */
	int64_t		 thread_case_id;
	const char	*thread_via;	/* "subject", "references", or
					 * "resend": the same list again,
					 * answered, audited
					 * resend_received, not flagged */
	/* The answer is the Cục's: it answers the forward that case went
	 * in, so every case of that forward is flagged the same way. */
	bool		 thread_from_cuc;
	/* The case number the subject names when it is another unit's
	 * (cases_other_unit), and so did not thread the message: the
	 * audit says so. NULL: none. */
	const char	*other_unit_case;
	/* A new case that may be a corrected list: it names the latest
	 * rejected sim_activation message of the same sender address or
	 * organization received in the STORE_SUPERSEDE_DAYS before it (or
	 * answers_msg_id, the message our rejection answered) that no case
	 * supersedes yet, in cases.supersedes. */
	bool		 link_rejected;
	/* A new eToken recovery case may correct a request rejected in
	 * the STORE_SUPERSEDE_DAYS before it, from whoever sent it (a
	 * person's own Mẫu 11, then the unit's Mẫu 12): the latest one
	 * naming a device serial of its rows that no case supersedes yet,
	 * in cases.supersedes. */
	bool		 link_serial;
	int64_t		 answers_msg_id;	/* 0: none */
	const struct store_doc *docs;
	size_t		 ndocs;
	/* The rows: an array, or with row set one at a time (a long
	 * list's rows are never all held): row(rows_ctx, i, r) fills r
	 * with row i < nrows, its strings valid until the next call, and
	 * returns 0. */
	const struct store_row *rows;
	int		(*row)(void *rows_ctx, size_t i, struct store_row *r);
	void		*rows_ctx;
	size_t		 nrows;
};

/* How far back a corrected list looks for the list it corrects. */
#define STORE_SUPERSEDE_DAYS	60

/* What store_record did; strings g_free (store_recorded_deinit). */
struct store_recorded {
	char		*case_number;	/* "HT-2024-000123", or NULL */
	char		*action;	/* the CONTRACT action recorded */
	int64_t		 msg_id;	/* messages(id); 0 when seen before */
	int64_t		 case_id;	/* cases(id); 0 for none */
	int64_t		 supersedes;	/* messages(id) the new case corrects */
};

/* Opens (creating and migrating) the database at path. NULL and an
 * allocated *cause (g_free) on failure. Close with db_close. */
struct db	*store_open(const char *path, char **cause);
/* Read-only open for inspect --db; never creates or migrates. */
struct db	*store_open_readonly(const char *path, char **cause);

/*
 * Records one message inside txn: the message, its documents, a case with
 * the next number of the year of received_at (when case_state is set)
 * holding its rows, and audit entries at received_at. Returns 0 with *r
 * filled, so that the caller can queue what quotes the case number in the
 * same transaction. Returns 1, writing nothing, when the message is
 * already recorded (see store_seen): *r names the case and the action
 * recorded then. -1 and *cause on failure. After 1 or -1 the caller rolls
 * txn back.
 */
int	store_record(struct db_txn *, const struct store_message *,
	    struct store_recorded *r, char **cause);
void	store_recorded_deinit(struct store_recorded *);

/*
 * Opens a case for message msg_id, recorded before without one (hotrocks
 * reprocess, when its new decision opens a case): the next number of the
 * year of m->received_at, state m->case_state, kind and action m's, the
 * message linked to it, m's rows (m->rows[i].doc indexes the documents
 * recorded with the message, in order) and an audit entry "case_opened"
 * saying why. Inside txn; 0 with *r (store_recorded_deinit), or -1 and
 * *cause (the caller rolls back).
 */
int	store_open_case(struct db_txn *, const struct store_message *m,
	    int64_t msg_id, const char *why, struct store_recorded *r,
	    char **cause);

/*
 * A case for a person, in review, for the message that outbox item
 * answered when that message has none (a rejection whose letter
 * bounced: the unit never learns its list was refused), numbered in the
 * year the message was received in zone tz (the office's, [mailbox]
 * timezone; NULL: UTC's). 1 with *case_id_r, 0 when the message has a
 * case already or there is no such item, -1 and *cause. Inside txn.
 */
int	store_case_for_answer(struct db_txn *, int64_t item, const char *tz,
	    const char *why, int64_t *case_id_r, char **cause);

/*
 * The CONTRACT JSON of message msg_id, byte for byte as contract_json()
 * wrote it, from stored: its messages.contract_json or a decision of it.
 * A message whose rows are kept apart (store_message.rows_apart, in
 * case_rows or message_rows) has them put back; any other text is whole
 * already. Every reader of a
 * stored decision goes through here. An allocated string (g_free), or
 * NULL and *cause.
 */
char	*store_contract(struct db *, int64_t msg_id, const char *stored,
	    char **cause);
/* Where a stored decision has its rows (contract_json_apart): in its
 * text, in the case the message opened (case_rows), or beside the
 * message (message_rows). */
enum {
	STORE_ROWS_WHOLE,
	STORE_ROWS_IN_CASE,
	STORE_ROWS_IN_MESSAGE
};
int	 store_rows_apart(const char *stored);
/*
 * Keeps the rows of m (every rows[i].form set) beside message msg_id in
 * message_rows, for its decision decision (0: the message's own): the
 * decision stored with CONTRACT_ROWS_MESSAGE ":decision" (reprocess).
 * Inside txn; 0, or -1 and *cause.
 */
int	 store_message_rows(struct db_txn *, const struct store_message *m,
	    int64_t msg_id, int64_t decision, char **cause);
/*
 * A case of this many rows or more has its rows' search documents built
 * after its record, by store_index_pending (store.c, version 19); until
 * then its header (unit, sender, subject) alone is searched.
 */
#define STORE_INDEX_LATER_ROWS	5000
/*
 * Builds the search documents of every case left for later, each in a
 * transaction of its own; *n_r counts them. 0, or -1 and *cause (those
 * done stay done). store_index_waiting counts the cases left.
 */
int	 store_index_pending(struct db *, size_t *n_r, char **cause);
int	 store_index_waiting(struct db *, int64_t *n_r, char **cause);
/* SQL true for a messages row m whose rows are in case_rows (the user
 * includes intake/contract.h). */
#define STORE_ROWS_APART_SQL(m) \
	"instr(" m ".contract_json, '\"rows\":\"" CONTRACT_ROWS_APART \
	"\"') > 0"
/*
 * The rows of case case_id as CONTRACT row objects (compact), in the
 * order of case_rows: put together from the row (rows_apart), else from
 * the latest decision of the message that opened the case, or the copy
 * a row carries. NULL-terminated (g_strfreev) with *n_r; NULL and *cause
 * on failure.
 */
char	**store_case_rows(struct db *, int64_t case_id, size_t *n_r,
	    char **cause);

/*
 * The same decision written to w as member name of the object w is
 * writing (NULL: an element), each document's rows read from case_rows
 * or message_rows as they are written: a decision of any length in the
 * memory of its text and one row. 0, or -1 and *cause (a row not
 * readable: what was written stops there). w NULL writes nothing: every
 * row is read, so a caller can check before it writes a byte.
 */
int	 store_contract_write(struct db *, int64_t msg_id,
	    const char *stored, const char *name, struct jw *w,
	    char **cause);
/* One row of a case as store_case_rows_each gives it (all borrowed,
 * valid during the call). */
struct store_case_row {
	int64_t		 id;		/* case_rows.id */
	int		 number;	/* 1, 2, … in the case */
	int		 nerrors;
	const char	*state;
	const char	*state_note, *state_at;	/* NULL: none */
	/* Rows apart: its columns and rest (contract_jw_row joins them,
	 * and fails for a rest that is not ours); else NULL and json is
	 * its CONTRACT object as store_case_rows gives it ("null" when
	 * the decision lacks it). */
	const struct contract_row_parts *parts;
	const char	*json;
};
/*
 * The rows of case case_id, in store_case_rows' order, one at a time to
 * fn (which returns 0, or -1 and may set *cause); fn NULL only checks
 * that each row can be read back (a rest not ours fails), so a caller
 * can tell before it writes anything. *n_r rows. 0, or -1 and *cause.
 */
int	store_case_rows_each(struct db *, int64_t case_id,
	    int (*fn)(const struct store_case_row *, void *, char **),
	    void *arg, size_t *n_r, char **cause);

/*
 * Counts one more attempt at deciding the message whose raw bytes have
 * sha256, at now (RFC 3339), in a transaction of its own that commits
 * before the message is decided: a decision that kills the process
 * leaves the count behind. 0 and *attempts_r (this one included), or -1
 * and *cause. store_record clears the count in its own transaction.
 */
int	store_attempt(struct db *, const char *sha256, const char *now,
	    int *attempts_r, char **cause);
/* Forgets the attempts at sha256 (inside the caller's transaction, if
 * any). 0, or -1 and *cause. */
int	store_attempts_clear(struct db *, const char *sha256, char **cause);
/* Takes back the attempt store_attempt counted, in a transaction of
 * its own, when the attempt ended in an error the process survived:
 * only a kill is a poison message's mark. 0, or -1 and *cause. */
int	store_attempt_undo(struct db *, const char *sha256, char **cause);

/*
 * 1 if the message is already recorded: the same IMAP origin (source,
 * origin, uidvalidity, uid when uid != 0), or the same Message-ID with the
 * same content_key, or the same sha256 (a message set aside unread has
 * no Message-ID recorded). 0 if not, -1 on
 * error. *case_r (may be NULL) gets the case it opened, if any, and
 * *action_r (may be NULL) the CONTRACT action recorded for it, so that a
 * source can file a message seen again where the first copy went.
 */
int	store_seen(struct db *, const struct store_message *, char **case_r,
	    char **action_r, char **cause);

/* What was recorded of a message seen again (every member g_free'd by
 * store_seen_deinit; any may be NULL). */
struct store_seen {
	char	*case_number;
	char	*action;
	char	*kind;
	char	*message_id;
	char	*from_addr;
	char	*subject;
};
/*
 * store_seen's rules with what is known before a message is parsed: its
 * source's keys (IMAP origin when uid != 0), the Message-ID of its raw
 * header with its content_key (when m->message_id is set), and the
 * sha256 of its bytes; so a message delivered again is recognised
 * without being read. 1 with *r filled, 0, or -1 and *cause.
 */
int	store_seen_raw(struct db *, const struct store_message *,
	    struct store_seen *r, char **cause);
void	store_seen_deinit(struct store_seen *);

/*
 * A message recognised as recorded before (store_seen_raw) whose bytes,
 * sha256, no record names: a second delivery, its transport headers
 * apart. An audit entry "duplicate_received" names it, its origin and
 * the Message-ID it repeats (of), and 1 says its archived copy is to be
 * removed, so the archive holds what the records name; 0 when a record
 * names those bytes; -1 and *cause.
 */
int	store_duplicate_copy(struct db *, const char *sha256,
	    const char *origin, const char *of, char **cause);

#endif
