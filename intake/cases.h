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
	char	*state;		/* "open", "review", "done" */
	char	*kind;
	char	*action;
	char	*organization;
	char	*from_addr;
	char	*subject;
	char	*opened_at;
	char	*updated_at;
	int	 nrows;
	int	 nrows_with_errors;
};

/* A message linked to a case besides the one that opened it. */
struct case_link {
	char	*link;		/* "supersedes": the rejected list this case
				 * corrects; "reply": an answer threaded in */
	char	*message_id, *received_at, *from_addr, *subject, *action;
	char	*contract_json;
};

struct case_detail {
	struct case_summary	 c;
	char			*flag;		/* "reply_received", or NULL */
	struct case_link	*links;		/* supersedes first, then the
						 * replies in order */
	size_t			 nlinks;
	char			*message_id;
	char			*contract_json;	/* of the message that opened it */
	char			*archive_path;
	char		       **rows_json;	/* each row's CONTRACT object */
	size_t			 nrows;
	char		       **audit;		/* "time actor event detail" lines */
	size_t			 naudit;
	int			*rows_nerrors;	/* each row's error count */
	/* The same audit trail, field by field, for JSON (oldest first). */
	struct case_event {
		char	*at, *actor, *event, *detail;	/* detail may be NULL */
	}			*events;
	size_t			 nevents;
};

/* 1 when a case that is not done holds this phone or ICCID (either may
 * be NULL); its number goes to *case_r and when it was received to
 * *received_r (RFC 3339; each g_free, each may be NULL). 0 if none, -1
 * on error. */
int	cases_open_request(struct db *, const char *phone, const char *iccid,
	    char **case_r, char **received_r, char **cause);

/* True when state names a case state ("open", "review", "forwarded",
 * "done"). */
bool	cases_state_valid(const char *state);

/* Cases, newest first; state NULL for all. The array and its strings are
 * freed by cases_list_free. */
int	cases_list(struct db *, const char *state, struct case_summary **r,
	    size_t *n_r, char **cause);
void	cases_list_free(struct case_summary *, size_t n);

/* 1 and a detail to free, 0 if no such case, -1 on error. */
int	cases_get(struct db *, const char *number, struct case_detail **r,
	    char **cause);
void	cases_detail_free(struct case_detail *);

/* Moves a case to state ("open", "review", "done") with an audit entry
 * naming actor and note, at now (RFC 3339; NULL: the clock). 0, or -1
 * (no such case, bad state, error). */
int	cases_set_state(struct db *, const char *number, const char *state,
	    const char *actor, const char *note, const char *now,
	    char **cause);
/* The same inside the caller's transaction (which commits or rolls
 * back); *old_r (g_free) the state it left, *case_id_r the case. */
int	cases_set_state_txn(struct db_txn *, const char *number,
	    const char *state, const char *actor, const char *note,
	    const char *now, char **old_r, int64_t *case_id_r, char **cause);

/* The case an incoming message answers. */
struct case_thread {
	int64_t		 case_id;	/* 0: it answers no case */
	char		*number;	/* g_free */
	const char	*via;		/* "subject" or "references"; the
					 * pipeline sets "resend" */
	int64_t		 answers_msg_id; /* a message whose answer from us it
					 * references, when that opened no
					 * case (a rejection): 0 if none */
	char		*from_addr;	/* the case's sender and unit */
	char		*organization;
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

/* What a letter about a case needs of the message that opened it. */
struct case_origin {
	int64_t	 msg_id;	/* messages.id of the opening message */
	char	*message_id;	/* its Message-ID, or NULL */
	char	*from_addr;
	char	*subject;
	char	*received_at;
	char	*number, *kind, *action, *organization;	/* of the case */
	int	 ndone;		/* completion notices queued so far */
};

/* 1 and *o filled (cases_origin_deinit), 0 when the case has no
 * message, -1 and *cause. */
int	cases_origin(struct db *, int64_t case_id, struct case_origin *o,
	    char **cause);
void	cases_origin_deinit(struct case_origin *);

/*
 * Inside txn: case_id moves to "review" (whatever its state), its flag
 * says why, and an audit entry "flagged" carries it too, so a person
 * looks at it: an outgoing message of the case failed or bounced. A
 * queue_flag_fn (outbox/queue.h); arg is unused. 0, or -1 and *cause.
 */
int	cases_flag_review(struct db_txn *, int64_t case_id, const char *why,
	    time_t now, void *arg, char **cause);

/*
 * Messages recorded, newest first, whatever became of them (rejected and
 * redirected ones open no case); action NULL for all, limit <= 0 for no
 * limit. Each entry reuses struct case_summary: number is the case it
 * opened (or NULL), opened_at when it was received, nrows how many
 * replies it queued; state and organization are NULL. Free with
 * cases_list_free.
 */
int	cases_messages(struct db *, const char *action, int limit,
	    struct case_summary **r, size_t *n_r, char **cause);

#endif
