/* queue.h: the outgoing item and its table. An item is queued with its
 * Message-ID and bytes fixed, in the transaction that records why it is
 * sent, so a retry after a crash re-sends the same message, never a new
 * one. Delivery takes what is due, hands it to a sender (sender.h) and
 * records what happened. Never includes intake/ headers. */
#ifndef HOTROCKS_QUEUE_H
#define HOTROCKS_QUEUE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "lib/db.h"
#include "outbox/sender.h"

/* The outbox table: part of the store's first migration (intake/store.c
 * lists them all); v4 adds the state "held". */
extern const char queue_schema_v1[];
extern const char queue_schema_v4[];

/* One message to queue; strings borrowed. */
struct queue_outgoing {
	const char	*message_id;	/* fixed now, reused on every retry */
	const char	*purpose;	/* "ack", "reject", "redirect", "forward" */
	const char	*rcpt;		/* envelope recipient */
	const char	*raw;		/* the whole RFC 5322 message */
};

enum queue_state {
	QUEUE_QUEUED,		/* waiting: new, or deferred until next_attempt */
	QUEUE_SENT,		/* a sender took it */
	QUEUE_FAILED,		/* refused for good, or too many attempts */
	QUEUE_HELD,		/* waits for a person's consent (a forward
				 * to the Cục): never due, never sent */
};

/* One row of the table; every string owned (queue_items_free). */
struct queue_item {
	int64_t		 id;
	char		*message_id;
	char		*purpose;
	char		*rcpt;
	char		*raw;
	enum queue_state state;
	int		 attempts;	/* deliveries tried so far */
	char		*next_attempt_at; /* RFC 3339 UTC */
	char		*created_at;
	char		*sent_at;	/* NULL until sent */
	char		*last_error;	/* NULL, or the last DEFER/FAIL line */
	int64_t		 case_id;	/* 0: none */
	int64_t		 msg_id;	/* the message it answers */
};

/* A deferred item waits QUEUE_BACKOFF_FIRST seconds, doubling with each
 * attempt up to QUEUE_BACKOFF_MAX, so a server down for a day is not
 * hammered and one back in minutes is not waited on for hours. */
#define QUEUE_BACKOFF_FIRST	300
#define QUEUE_BACKOFF_MAX	(6 * 3600)
/* After this many deferred attempts (about three days of backoff) an item
 * fails, so a person hears of it instead of it waiting for ever. */
#define QUEUE_MAX_ATTEMPTS	16

/* "queued", "sent", "failed", "held" as stored. */
const char	*queue_state_name(enum queue_state);

/*
 * Queues n items in txn, due at now, each answering msg_id (and belonging
 * to case_id, 0 for none), with an audit entry each. 0, or -1 and *cause
 * (a Message-ID already queued is an error); the caller rolls back.
 */
int	queue_enqueue(struct db_txn *, const struct queue_outgoing *, size_t n,
	    int64_t msg_id, int64_t case_id, time_t now, char **cause);

/*
 * Up to limit (0: no limit) queued items whose next attempt is at or
 * before now, the longest waiting first (then in the order queued).
 * 0 with *items_r (free with queue_items_free) and *n_r, or -1 and *cause.
 */
int	queue_due(struct db *, time_t now, size_t limit,
	    struct queue_item **items_r, size_t *n_r, char **cause);

/* Every item, or those in state (NULL: all), in the order queued. */
int	queue_list(struct db *, const char *state,
	    struct queue_item **items_r, size_t *n_r, char **cause);
void	queue_items_free(struct queue_item *, size_t n);

/*
 * Holds the queued item message_id (in txn: the one that queued it), or
 * releases a held one to be due at now, with an audit entry naming actor.
 * 0, or -1 and *cause when the item is not in the state it leaves.
 */
int	queue_hold(struct db_txn *, const char *message_id, char **cause);
int	queue_release(struct db_txn *, int64_t id, time_t now,
	    const char *actor, char **cause);

/* The seconds an item waits after its attempts-th deferred attempt. */
time_t	queue_backoff(int attempts);

/*
 * Records one attempt on a queued item, each in its own transaction with
 * an audit entry: sent (at now), deferred (error kept, next attempt at
 * now + queue_backoff), or failed (error kept). An item that is not
 * queued is left as it is: -1 and *cause.
 */
int	queue_mark_sent(struct db *, int64_t id, time_t now, char **cause);
int	queue_mark_deferred(struct db *, int64_t id, time_t now,
	    const char *error, char **cause);
int	queue_mark_failed(struct db *, int64_t id, time_t now,
	    const char *error, char **cause);

struct queue_report {
	size_t		 sent, deferred, failed;
};

/*
 * Delivers up to limit (0: all) due items through sender (its state
 * opened by the caller) from env_from, recording each result before the
 * next send: SENDER_DEFER defers (and fails after QUEUE_MAX_ATTEMPTS),
 * SENDER_FAIL fails. A crash between a send and its record sends that one
 * item again with the same Message-ID. 0 with *report (may be NULL), or
 * -1 and *cause when the store could not be read or written.
 */
int	queue_deliver(struct db *, const struct sender *, void *state,
	    const char *env_from, time_t now, size_t limit,
	    struct queue_report *report, char **cause);

#endif
