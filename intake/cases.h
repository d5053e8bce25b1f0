/* cases.h: what staff read and change in the store: cases, their rows and
 * audit trail, their state, and every message recorded. Only a state
 * change writes, in its own transaction with an audit entry (or in the
 * caller's, for a case flagged by the outbox). */
#ifndef HOTROCKS_CASES_H
#define HOTROCKS_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "lib/db.h"

struct case_summary {
	char	*number;
	char	*state;		/* a case state (cases_state_valid) */
	char	*kind;
	char	*action;
	char	*organization;
	char	*from_addr;
	char	*subject;
	char	*opened_at;
	char	*updated_at;
	int	 nrows;
	int	 nrows_with_errors;
	char	*assignee;	/* who works it, or NULL */
	char	*closed_at;	/* when it became done or rejected, or NULL */
	char	*flag;		/* why a person should look ("reply_received",
				 * a failed or bounced letter), or NULL */
	/* cases_messages only: messages.id (what reprocess takes), the
	 * Message-ID (or NULL) and the archive's sha256. */
	int64_t	 id;
	char	*message_id;
	char	*sha256;
};

/* One SIM row of a case as staff work it (cases_rows). */
struct case_row {
	int64_t	 id;		/* case_rows.id */
	int	 number;	/* 1, 2, … in the case: what --rows names */
	int	 nerrors;	/* errors found in it: nothing was asked */
	char	*state;		/* "pending", "forwarded", "activated",
				 * "refused" */
	char	*state_note, *state_at;	/* why and when, or NULL */
	char	*phone, *iccid, *name;	/* as stored, or NULL */
};

/* A message linked to a case besides the one that opened it. */
struct case_link {
	char	*link;		/* "supersedes": the rejected list this case
				 * corrects; "reply": an answer threaded in */
	char	*message_id, *received_at, *from_addr, *subject, *action;
	int64_t	 msg_id;
	/* its latest decision as stored (store_contract_write puts the
	 * rows back as they are written), or NULL */
	char	*contract_json;
};

/* One case as case show prints it. Its rows and the decision's rows
 * are not held: a case may have hundreds of thousands, read one at a
 * time (store_case_rows_each, store_contract_write) inside the read
 * transaction the caller holds. */
struct case_detail {
	struct case_summary	 c;
	int64_t			 id;		/* cases.id */
	char			*flag;		/* "reply_received", or NULL */
	struct case_link	*links;		/* supersedes first, then the
						 * replies in order */
	size_t			 nlinks;
	int64_t			 msg_id;	/* the message that opened it,
						 * or 0 */
	char			*message_id;
	/* Its decision as stored (store_contract_write puts the rows
	 * back), or NULL. */
	char			*contract_json;
	char			*archive_path;
	char		       **audit;		/* "time actor event detail" lines */
	size_t			 naudit;
	/* The same audit trail, field by field, for JSON (oldest first). */
	struct case_event {
		char	*at, *actor, *event, *detail;	/* detail may be NULL */
	}			*events;
	size_t			 nevents;
};

/* Not 0 when a row holds this phone or ICCID (either may be NULL): a
 * clean row that is not refused, either activated or forwarded
 * (whatever its case's state), or in a case neither done nor rejected:
 * 1 while its case is worked, 2 activated, 3 sent to the Cục in a case
 * closed since. Its number goes to *case_r and when it was received to
 * *received_r (RFC 3339; each g_free, each may be NULL). 0 if none, -1
 * on error. */
int	cases_open_request(struct db *, const char *phone, const char *iccid,
	    char **case_r, char **received_r, char **cause);

/* 0 when no clean row of any case, whatever its state, holds one of the
 * n phones or ICCIDs (NULL or empty entries match nothing), 1 when one
 * does (cases_open_request then says which, if any, still holds it), -1
 * on error. n at most CASES_ANY_MAX. */
#define CASES_ANY_MAX	128
int	cases_any_requested(struct db *, const char *const *phones,
	    const char *const *iccids, size_t n, char **cause);

/* True when state names a case state ("open", "review", "forwarded",
 * "waiting_unit", "done", "rejected"). */
bool	cases_state_valid(const char *state);

/* What cases_find keeps; NULL members keep all. */
struct case_filter {
	const char	*state;
	const char	*unit;		/* words of the unit's name, with or
					 * without diacritics */
	const char	*kind;
	const char	*since, *until;	/* opened on or after, on or before:
					 * YYYY-MM-DD (the whole day in
					 * timezone) or RFC 3339 */
	const char	*timezone;	/* the office's ([mailbox] timezone);
					 * NULL: UTC's days */
	const char	*search;	/* words anywhere in unit, sender,
					 * subject, names, phones, ICCIDs */
	bool		 flagged;	/* only cases with a flag set */
};

/* Cases, newest first; state NULL for all. The array and its strings are
 * freed by cases_list_free. */
int	cases_list(struct db *, const char *state, struct case_summary **r,
	    size_t *n_r, char **cause);
/* The same for every filter; -1 and *cause for a bad filter too. */
int	cases_find(struct db *, const struct case_filter *,
	    struct case_summary **r, size_t *n_r, char **cause);
/*
 * The FTS5 query for words as a person types them (g_free), NULL when
 * they hold no word: each word must occur, diacritics and case aside
 * (đ is d); a phone typed in groups ("0983 415 276") or with +84, 84 or
 * 0 is the number without them, as the index holds it. Pure.
 */
char	*cases_fts_query(const char *words);
void	cases_list_free(struct case_summary *, size_t n);

/* 1 and a detail to free, 0 if no such case, -1 on error. */
int	cases_get(struct db *, const char *number, struct case_detail **r,
	    char **cause);
void	cases_detail_free(struct case_detail *);

/* A move the case_moves table does not allow (cases_set_state). */
#define CASES_ILLEGAL	(-2)

/* Moves a case to state with an audit entry naming actor and note, at
 * now (RFC 3339; NULL: the clock). A case already there is left as it
 * is, nothing recorded. 0; CASES_ILLEGAL and *cause naming the moves
 * staff may make from where it is; -1 (no such case, bad state,
 * error). */
int	cases_set_state(struct db *, const char *number, const char *state,
	    const char *actor, const char *note, const char *now,
	    char **cause);
/* The same inside the caller's transaction (which commits or rolls
 * back; nothing is written before a refusal, so the caller may still
 * commit its other changes); *old_r (g_free) the state it left (state
 * itself when it was there already), *case_id_r the case. */
int	cases_set_state_txn(struct db_txn *, const char *number,
	    const char *state, const char *actor, const char *note,
	    const char *now, char **old_r, int64_t *case_id_r, char **cause);

/* The case an incoming message answers. */
struct case_thread {
	int64_t		 case_id;	/* 0: it answers no case */
	char		*number;	/* g_free */
	const char	*via;		/* "subject", "references" or
					 * "sender"; the pipeline sets
					 * "resend" */
	int64_t		 answers_msg_id; /* a message whose answer from us it
					 * references, when that opened no
					 * case (a rejection): 0 if none */
	char		*from_addr;	/* the case's sender and unit */
	char		*organization;
	/* the pipeline sets: the case number the subject names when it is
	 * another unit's (cases_other_unit), so not the case found */
	char		 other_unit[16];
};

/*
 * Which case a message answers: the case number its subject carries
 * ("HT-2024-000123", NULL: none) when the store has that case, else the
 * newest of refs (its In-Reply-To and References Message-IDs, oldest
 * first) that names an item of our outbox belonging to a case. 1 and
 * *t filled (cases_thread_deinit) when a case is found, 0 when none (but
 * t->answers_msg_id may be set), -1 and *cause.
 */
int	cases_thread(struct db *, const char *number,
	    const char *const *refs, size_t nrefs, struct case_thread *t,
	    char **cause);
void	cases_thread_deinit(struct case_thread *);

/*
 * Whether from_addr, naming case t's number in its subject, writes for
 * another unit than the case's: another address than the case's sender,
 * listed in the units registry for a unit that is neither the case
 * sender's nor its organization's (by name or certificate organisation,
 * or a body of the same place and level, or a district over a commune,
 * as a signer's body passes). 1 when it is, 0 when it is not or the store
 * cannot tell (no registry, a sender or a case it does not place), -1 and
 * *cause.
 */
int	cases_other_unit(struct db *, const char *from_addr,
	    const struct case_thread *t, char **cause);

/*
 * The one case being worked (neither done nor rejected) whose sender is
 * from_addr, for a message with nothing attached: 1 and *t (via
 * "sender"), 0 when there is none or more than one, -1 and *cause.
 */
int	cases_thread_sender(struct db *, const char *from_addr,
	    struct case_thread *t, char **cause);

/*
 * A request sent again: the newest case of kind, neither done nor
 * rejected, opened by a message from from_addr (or of organization)
 * that carried a document with this sha256. 1 with its number and
 * opened_at (each g_free), 0 none, -1 and *cause.
 */
int	cases_same_request(struct db *, const char *kind,
	    const char *from_addr, const char *organization,
	    const char *sha256, char **number_r, char **opened_r,
	    char **cause);

/* What a letter about a case needs of the message that opened it. */
struct case_origin {
	int64_t	 msg_id;	/* messages.id of the opening message */
	char	*message_id;	/* its Message-ID, or NULL */
	char	*from_addr;
	char	*subject;
	char	*received_at;
	char	*number, *kind, *action, *organization;	/* of the case */
	int	 ndone;		/* completion notices queued so far */
	char	*addressee;	/* whom its acknowledgement greeted, or
				 * NULL */
};

/* 1 and *o filled (cases_origin_deinit), 0 when the case has no
 * message, -1 and *cause. */
int	cases_origin(struct db *, int64_t case_id, struct case_origin *o,
	    char **cause);
void	cases_origin_deinit(struct case_origin *);

/*
 * Inside txn: case_id moves to "review" (whatever its state), its flag
 * says why, and an audit entry "flagged" carries it too, so a person
 * looks at it: an outgoing message of the case failed or bounced. The
 * move, when it is one, has its "state_changed" entry as every move
 * has. A queue_flag_fn (outbox/queue.h); arg is unused. 0, or -1 and
 * *cause.
 */
int	cases_flag_review(struct db_txn *, int64_t case_id, const char *why,
	    time_t now, void *arg, char **cause);

/*
 * Inside txn: case_id's flag says why, its state unchanged, with a
 * "flagged" audit entry; nothing when it already says that. For a case
 * a person closed, which nothing but a person reopens. 0, or -1 and
 * *cause.
 */
int	cases_flag(struct db_txn *, int64_t case_id, const char *why,
	    time_t now, char **cause);

/*
 * Messages recorded, newest first, whatever became of them (rejected and
 * redirected ones open no case); action NULL for all, limit <= 0 for no
 * limit. Each entry reuses struct case_summary: id, message_id and
 * sha256 are the message's, number is the case it opened or was
 * threaded into (or NULL), opened_at when it was received, nrows how
 * many replies it queued; state and organization are NULL. Free with
 * cases_list_free.
 */
int	cases_messages(struct db *, const char *action, int limit,
	    struct case_summary **r, size_t *n_r, char **cause);

/* The states staff may move a case to from state, ", "-separated
 * ("none" when there are none; g_free), NULL and *cause on error. */
char	*cases_moves_from(struct db *, const char *state, char **cause);

/* Inside txn: an audit entry "note" on the case (and its updated_at);
 * "assigned" and cases.assignee (NULL or "" unassigns), *old_r
 * (g_free) the one before. 0, or -1 and *cause ("no such case: …"). */
int	cases_note(struct db_txn *, const char *number, const char *actor,
	    const char *note, const char *now, char **cause);
int	cases_assign(struct db_txn *, const char *number, const char *who,
	    const char *actor, const char *now, char **old_r, char **cause);

/* Inside txn: the case's flag cleared, with an audit entry "unflagged"
 * naming the flag and note; *was_r (g_free) that flag, or NULL when the
 * case had none (nothing written). A case moved to done or rejected
 * loses its flag the same way (cases_set_state_txn). 0, or -1 and
 * *cause ("no such case: …"). */
int	cases_unflag(struct db_txn *, const char *number, const char *actor,
	    const char *note, const char *now, char **was_r, char **cause);

/* The rows of a case in order, numbered from 1 (cases_rows_free). 1, 0
 * when there is no such case, -1. */
int	cases_rows(struct db *, const char *number, struct case_row **r,
	    size_t *n_r, char **cause);
void	cases_rows_free(struct case_row *, size_t n);

/*
 * Inside txn: rows (numbers as cases_rows gives them; NULL: every row
 * without errors) of the case become state ("activated", "refused"),
 * with note and now, and an audit entry "rows_set" says which, who and
 * why. *open_r is how many clean rows are left neither activated nor
 * refused. 0; CASES_ILLEGAL and *cause for a number the case does not
 * have or a bad state; -1.
 */
int	cases_rows_set(struct db_txn *, const char *number, const int *rows,
	    size_t nrows, const char *state, const char *actor,
	    const char *note, const char *now, int *open_r, char **cause);

#endif
