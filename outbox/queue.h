/* queue.h: the outgoing item and its table. An item is queued with its
 * Message-ID and bytes fixed (a held one's Date: is set when it is
 * released), in the transaction that records why it is sent, so a retry
 * after a crash re-sends the same message, never a new one. Delivery
 * takes what is due, hands it to a sender (sender.h) and records what
 * happened. Never includes intake/ headers. */
#ifndef HOTROCKS_QUEUE_H
#define HOTROCKS_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "lib/db.h"
#include "outbox/blob.h"
#include "outbox/sender.h"

/* The outbox table: part of the store's first migration (intake/store.c
 * lists them all). */
extern const char queue_schema_v1[];

/* One message to queue; strings borrowed. With a blob directory
 * (db_set_blob_dir), queue_enqueue keeps its attachment bodies there. */
struct queue_outgoing {
	const char	*message_id;	/* fixed now, reused on every retry */
	const char	*purpose;	/* "ack", "reject", "redirect", "forward" */
	const char	*rcpt;		/* envelope recipient */
	const char	*raw;		/* the whole RFC 5322 message, or
					 * with blobs, the message composed
					 * with those attachments apart */
	const struct blob_data *blobs;	/* borrowed; see blob_refs */
	size_t		 nblobs;
};

/* Attachment bytes made again: 0 with *data_r (g_free) and *len_r, or -1
 * and *cause. */
typedef int	 queue_remake_fn(void *ctx, const unsigned char *data,
		    size_t len, unsigned char **data_r, size_t *len_r,
		    char **cause);

/*
 * Item id's attachment k (0: the first of its top multipart/mixed with a
 * base64 body) replaced, in txn, by what remake makes of its bytes; the
 * rest of the message byte for byte as it was. The new bytes go to their
 * file (synced) before the record names them. 0, or -1 and *cause (then
 * nothing changed).
 */
int	queue_attachment_remake(struct db_txn *, int64_t id, size_t k,
	    queue_remake_fn *remake, void *ctx, char **cause);

/*
 * An item's whole message: stored (its outbox.raw) with the attachment
 * bodies cut out at queueing put back from their files under
 * db_blob_dir (outbox/blob.h); stored itself when none was cut. Every
 * item read through this module comes whole. 0 with *raw_r (g_free) and
 * *len_r, or -1 and *cause when a file is missing or altered.
 */
int	queue_raw(struct db *, int64_t id, const char *stored, char **raw_r,
	    size_t *len_r, char **cause);

/*
 * Migration 10 lists the items queued before attachments went to files
 * (outbox_blobs_unmoved); this moves their bodies out, one item a
 * transaction, each file durable before the row stops holding it. Does
 * nothing without db_blob_dir. 0 with *moved_r (items changed), or -1
 * and *cause (what was moved stays moved; the rest waits).
 */
int	queue_blobs_move(struct db *, size_t *moved_r, char **cause);

/* Migration 4 adds the state "held"; migration 5 rebuilds the table with
 * the states below and sending_at (when the item was last handed to a
 * sender). */
extern const char queue_schema_v4[];
extern const char queue_schema_v5[];
/* Migration 10: outbox_blobs, where attachment bodies go back, and the
 * items queued before it (queue_blobs_move). */
extern const char queue_schema_v10[];
/* Migration 17: the outbox indexed by message, case and day. */
extern const char queue_schema_v17[];
extern const char queue_schema_v20[];

/*
 * An item's life:
 *
 *	queued ──► sending ──► sent ──► bounced (a DSN named it)
 *	   ▲          │
 *	   │          ├──► deferred ──► sending … (backoff, until max_age)
 *	   │          └──► failed (5xx, or deferred past max_age)
 *	   └── retry ◄── deferred, failed, bounced, cancelled
 *	queued, deferred, failed, held ──► cancelled (by a person)
 *	held ──► queued (forward approve: queue_release)
 *	cancelled ──► held (retry of a forward never approved)
 *
 * "sending" is committed before the sender starts MAIL FROM, so an item
 * found in it later was interrupted somewhere between MAIL FROM and the
 * record of the server's answer: it is sent again, with its Message-ID
 * and bytes unchanged (at most one copy more per crash, never a new ID).
 */
enum queue_state {
	QUEUE_QUEUED,		/* new, or put back by retry: due at once */
	QUEUE_SENDING,		/* handed to a sender, answer not recorded */
	QUEUE_SENT,		/* the server took it (250 after DATA) */
	QUEUE_DEFERRED,		/* 4xx or trouble: due at next_attempt_at */
	QUEUE_FAILED,		/* refused for good, or too old: a person */
	QUEUE_BOUNCED,		/* sent, then a DSN came back for it */
	QUEUE_CANCELLED,	/* a person said not to send it */
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
	char		*last_error;	/* NULL, or the last DEFER/FAIL line,
					 * or the bounce's reason */
	int64_t		 case_id;	/* 0: none */
	int64_t		 msg_id;	/* the message it answers */
};

/* A deferred item waits QUEUE_BACKOFF_FIRST seconds, doubling with each
 * attempt up to QUEUE_BACKOFF_MAX, so a server down for a day is not
 * hammered and one back in minutes is not waited on for hours. Up to a
 * quarter more is added at random (QUEUE_JITTER_DIV), so that a queue
 * deferred all at once by one outage does not return all at once. */
#define QUEUE_BACKOFF_FIRST	300
#define QUEUE_BACKOFF_MAX	(6 * 3600)
#define QUEUE_JITTER_DIV	4
/* An item still deferred this long after it was queued fails, so a
 * person hears of it instead of it waiting for ever ([smtp] max_age). */
#define QUEUE_MAX_AGE		(5 * 86400)

/* "queued", "sending", … as stored; queue_state_parse: -1 if none. */
const char	*queue_state_name(enum queue_state);
int		 queue_state_parse(const char *);

/*
 * Queues n items in txn, due at now, each answering msg_id (and belonging
 * to case_id, 0 for none), with an audit entry each. 0, or -1 and *cause
 * (a Message-ID already queued is an error); the caller rolls back.
 */
int	queue_enqueue(struct db_txn *, const struct queue_outgoing *, size_t n,
	    int64_t msg_id, int64_t case_id, time_t now, char **cause);

/*
 * Up to limit (0: no limit) items to deliver now: every item left in
 * "sending" by an interrupted run first, then queued and deferred ones
 * whose next attempt is at or before now, the longest waiting first (then
 * in the order queued). Only one process may deliver at a time (the
 * caller holds a lock), or it would take another's "sending" for a
 * crash. 0 with *items_r (queue_items_free) and *n_r, or -1 and *cause.
 */
int	queue_due(struct db *, time_t now, size_t limit,
	    struct queue_item **items_r, size_t *n_r, char **cause);

/* Every item, or those in state (NULL: all), in the order queued. */
int	queue_list(struct db *, const char *state,
	    struct queue_item **items_r, size_t *n_r, char **cause);
/* One item: 1 and *item_r (queue_items_free(*item_r, 1)), 0 when there
 * is no such id, -1 and *cause. */
int	queue_get(struct db *, int64_t id, struct queue_item **item_r,
	    char **cause);
void	queue_items_free(struct queue_item *, size_t n);

/*
 * Holds the queued item message_id (in txn: the one that queued it), or
 * releases a held one to be due at now, with an audit entry naming actor.
 * Releasing sets the message's Date: to now in zone tz (the office's,
 * [mailbox] timezone; NULL: UTC), the attachments' places moving with
 * it; its Message-ID and the rest stay. 0, or -1 and *cause when the
 * item is not in the state it leaves.
 */
int	queue_hold(struct db_txn *, const char *message_id, char **cause);
int	queue_release(struct db_txn *, int64_t id, time_t now,
	    const char *tz, const char *actor, char **cause);

/* How many automatic replies (every purpose but "forward" and "done", the
 * completion notice a person's command queues) were queued to
 * rcpt (any case) at or after since: 0 with *n_r, or -1 and *cause. */
int	queue_count_replies_to(struct db *, const char *rcpt, time_t since,
	    size_t *n_r, char **cause);

/* The seconds an item waits after its attempts-th deferred attempt,
 * before jitter. */
time_t	queue_backoff(int attempts);

/*
 * Flags the case of outbox item for a person, inside txn (the one that
 * fails the item, so both happen or neither), with why; case_id is 0
 * when the item has none (a rejection, a redirect). 0 or -1 and *cause.
 * The queue knows no case table: intake supplies this.
 */
typedef int queue_flag_fn(struct db_txn *, int64_t item, int64_t case_id,
	    const char *why, time_t now, void *arg, char **cause);

/*
 * One change of state, each in its own transaction with an audit entry.
 * From a state the diagram above does not allow, -1 and *cause, nothing
 * changed.
 *   sending:  queued, deferred or sending → sending (committed before the
 *             sender is called);
 *   sent:     sending → sent at now;
 *   deferred: sending → deferred until now + backoff and jitter, or
 *             failed once the item is max_age old (0: QUEUE_MAX_AGE);
 *   failed:   sending → failed; with flag, its case flagged (or one
 *             opened: flag sees case 0);
 *   retry:    deferred, failed, bounced, cancelled → queued, due now,
 *             its Date: now in zone tz (as queue_release);
 *   cancel:   queued, deferred, failed, held → cancelled.
 * actor names who asked (AUDIT_ACTOR for the program); error the reason.
 * queue_mark_deferred returns 1 (not 0) when it failed the item.
 */
int	queue_mark_sending(struct db *, int64_t id, time_t now, char **cause);
int	queue_mark_sent(struct db *, int64_t id, time_t now, char **cause);
int	queue_mark_deferred(struct db *, int64_t id, time_t now,
	    const char *error, time_t max_age, queue_flag_fn *flag, void *arg,
	    char **cause);
int	queue_mark_failed(struct db *, int64_t id, time_t now,
	    const char *error, queue_flag_fn *flag, void *arg, char **cause);
int	queue_retry(struct db *, int64_t id, time_t now, const char *tz,
	    const char *actor, char **cause);
int	queue_cancel(struct db *, int64_t id, time_t now, const char *actor,
	    char **cause);
/*
 * queue_retry and queue_cancel inside the caller's txn (intake frees or
 * takes back a forward's rows in the same one). hold: the retried item
 * becomes held, not queued (only from cancelled: a forward that still
 * needs a person's consent), audited "retry" all the same.
 */
int	queue_retry_txn(struct db_txn *, int64_t id, time_t now,
	    const char *tz, const char *actor, bool hold, char **cause);
int	queue_cancel_txn(struct db_txn *, int64_t id, time_t now,
	    const char *actor, char **cause);

/*
 * Inside the caller's txn (intake recording a delivery status
 * notification): the item whose Message-ID is message_id, if it was sent
 * (or is sending or deferred), becomes bounced with reason, with an audit
 * entry. 1 with *item_id_r and *case_id_r (0: none), 0 when no item of
 * ours has that Message-ID or it is already bounced, -1 and *cause.
 */
int	queue_bounce(struct db_txn *, const char *message_id,
	    const char *reason, time_t now, int64_t *item_id_r,
	    int64_t *case_id_r, char **cause);

struct queue_report {
	size_t		 sent, deferred, failed;
	size_t		 resent;	/* of sent: found in "sending" */
	size_t		 kept;		/* of sent: a copy was kept already,
					 * not sent again */
	size_t		 copied;	/* letters of earlier passes whose
					 * Sent copy was owed, kept now */
};

/* What one delivery pass needs; pointers borrowed. */
struct queue_delivery {
	const struct sender	*sender;
	void			*state;		/* sender->open's */
	const char		*env_from;
	time_t			 now;
	time_t			 max_age;	/* 0: QUEUE_MAX_AGE */
	size_t			 limit;		/* 0: all that is due */
	queue_flag_fn		*flag;		/* NULL: cases not flagged */
	/* Keeps a copy of an item sent in the Sent folder (NULL: none
	 * kept, none owed): called once the item is recorded sent, and
	 * (late) for one sent by an earlier pass whose copy is still
	 * owed. True once the copy is kept; its trouble is its own to
	 * log, never the queue's. */
	bool		(*copy)(const struct queue_item *, bool late,
			    void *);
	/* Asked before an item this store never sent is sent (NULL:
	 * never): true when it went out already by a pass the store no
	 * longer knows of, as a copy kept of it shows. It is then recorded
	 * sent, not sent again. */
	bool			(*already)(const struct queue_item *, void *);
	void			*arg;		/* for flag, copy, already */
};

/*
 * Delivers what queue_due returns through d->sender: each item is marked
 * sending (committed) before the sender is called, and its result
 * recorded before the next one: SENDER_SENT sent, SENDER_DEFER deferred
 * (failed past max_age), SENDER_FAIL failed. A crash between a send and
 * its record leaves the item sending, and the next pass sends it again
 * with the same Message-ID. 0 with *report (may be NULL), or -1 and
 * *cause when the store could not be read or written.
 *
 * Tests only: HOTROCKS_CRASH_AT=after-data kills the process (SIGKILL)
 * after the server took a message and before it is recorded sent;
 * after-sent, after it is recorded sent and before its copy is kept.
 */
int	queue_deliver(struct db *, const struct queue_delivery *d,
	    struct queue_report *report, char **cause);

/* How many letters sent still owe their copy to the Sent folder: an item
 * recorded sent by a pass with d->copy owes it until d->copy keeps it,
 * then or at a later pass (queue_deliver catches up after the letters
 * due). 0 with *n_r, or -1 and *cause. */
int	queue_copies_owed(struct db *, int64_t *n_r, char **cause);

#endif
