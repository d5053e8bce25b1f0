/* reprocess.h: a recorded message decided again from its archived bytes,
 * after a config, registry or trust-anchor change (hotrocks reprocess).
 * The first decision stays in messages; each new one is a row of the
 * decisions table (store.c, migration 11) with an audit entry; the unit
 * hears again only when the outcome changed and the caller asks. */
#ifndef HOTROCKS_REPROCESS_H
#define HOTROCKS_REPROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "intake/config.h"
#include "lib/db.h"

/* What one message came to; strings g_free (reprocess_result_deinit). */
struct reprocess_result {
	int64_t		 msg_id;
	char		*message_id;	/* the message's, or NULL */
	char		*sha256;
	char		*before;	/* outcome last answered: "ACTION KIND
					 * CODE,…" */
	char		*latest;	/* outcome of the latest decision */
	char		*after;		/* outcome decided now */
	bool		 recorded;	/* a decisions row was added */
	int64_t		 decision_id;	/* it, or 0 */
	bool		 changed;	/* after differs from before */
	char		*case_number;	/* the message's case, or NULL */
	bool		 case_opened;	/* opened now (send) or would be */
	bool		 quiet;		/* an answer in a thread, or the
					 * Cục's: never answered */
	/* "done" or "rejected": its case, which a person closed; the
	 * unit is not written to again, the case is flagged (send) */
	const char	*closed;
	/* The replies queued now (send), or that would be (dry): purpose,
	 * recipient and Message-ID of each, NULL-terminated. */
	char		**purposes, **rcpts, **ids;
	const char	*skipped;	/* why it was not decided, or NULL */
};

struct reprocess_opts {
	bool		 send;		/* queue replies of a changed outcome */
	const char	*actor;		/* who asked, for decisions and audit */
	time_t		 now;		/* the clock of the record */
};

/*
 * Decides message msg_id again from the archive under cfg, with the
 * registry and cases of db. The new decision is recorded (one
 * transaction with its audit entry "redecided") when its CONTRACT
 * object differs from the latest decision's, or when o->send and its
 * outcome differs from the outcome last answered; with o->send and a
 * changed outcome, the replies it calls for are queued in the same
 * transaction (Message-IDs fixed by the decision's id; a forward held or
 * queued as at ingest), a case is opened when the decision opens one and
 * the message has none, and a case it had is flagged for a person. An
 * answer threaded into a case, or mail from the Cục, is never answered.
 * 0 with *r filled (r->skipped says why a message could not be decided:
 * its archive is missing or altered, or only its header was kept), or
 * -1 and *cause (g_free) when the store failed.
 */
int	reprocess_message(struct db *, const struct config *, int64_t msg_id,
	    const struct reprocess_opts *, struct reprocess_result *r,
	    char **cause);
void	reprocess_result_deinit(struct reprocess_result *);

/*
 * The messages a selector names, oldest first, into *ids_r (g_free) and
 * *n_r: exactly one of what (a messages id, a sha256 prefix of at least
 * 6 hex digits, or a Message-ID with or without <>), case_number (any
 * case), since (RFC 3339 or YYYY-MM-DD, a day in timezone, the
 * office's, or UTC's when NULL: received at or after it).
 * 0, 1 with *why_r (static) when what is ambiguous or since unreadable,
 * -1 and *cause.
 */
int	reprocess_select(struct db *, const char *what, const char *case_number,
	    const char *since, const char *timezone, int64_t **ids_r,
	    size_t *n_r, const char **why_r, char **cause);

/* The outcome of a CONTRACT object: "ACTION KIND CODE,CODE…", every
 * error code in it (message, documents, rows) sorted and once, or NULL
 * when json is not a CONTRACT object. g_free. */
char	*reprocess_outcome(const char *json);

#endif
