/* forward.h: the forwards of accepted SIM activation lists to the Cục,
 * as the store records them: which cases and rows each carried, held
 * for a person's consent when [cuc] forward_approval = required, and the
 * daily batch. The message itself is composed here (batch) or by
 * replies.c (per case); delivery is the outbox's. */
#ifndef HOTROCKS_FORWARD_H
#define HOTROCKS_FORWARD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "intake/config.h"
#include "lib/db.h"

/*
 * Records the forward just queued in txn under message_id (replies.c's
 * per-case forward) as carrying the clean rows of case_id. Held when
 * approval is required: its rows stay pending until forward_approve.
 * Else released now: its rows and case become forwarded. fresh: the
 * case and its rows were stored in txn (its clean rows, stored already
 * forwarded when no approval is required:
 * store_message.rows_forwarded_at); else it carries the pending rows no
 * forward carries. 0, or -1 and *cause (the caller rolls back).
 */
int	forward_record(struct db_txn *, const struct config *,
	    const char *message_id, int64_t case_id, bool fresh, time_t now,
	    char **cause);

/*
 * Builds one forward of every case accepted and not yet forwarded (SIM
 * activation cases, open or forwarded, with a pending clean row no
 * forward carries: new, or freed by a cancelled forward), mode
 * "daily" or "now", in its own transaction: the Phụ lục 3 XLSX of all
 * their rows, the originals from the archive byte for byte, the letter
 * from forward.txt; held or queued as for forward_record. 1 with
 * *id_r the forwards id, 0 when nothing is pending, -1 and *cause.
 */
int	forward_batch(struct db *, const struct config *, const char *mode,
	    time_t now, int64_t *id_r, char **cause);

/*
 * forward_mode = daily: builds the batch when now is at or past today's
 * forward_time (office time, [mailbox] timezone) and no daily forward
 * was made today
 * (one cancelled counts: its rows wait for tomorrow's, or forward_batch
 * "now", rather than go again at once).
 * Same returns as forward_batch; 0 in per_case mode.
 */
int	forward_due(struct db *, const struct config *, time_t now,
	    int64_t *id_r, char **cause);

/*
 * forward_mode = daily: the seconds from now to the next forward_time
 * in the office's zone ([mailbox] timezone), one more so that a wait of
 * that long finds the forward due; UINT_MAX in per_case mode. No clock
 * of its own: run's waits end then.
 */
unsigned forward_until(const struct config *, time_t now);

/*
 * Releases the held forward id (0: every held one) to the outbox, by
 * actor: its rows and open cases become forwarded, its Date: is now in
 * the office's zone (queue_release). A held forward carrying a row staff
 * activated or refused, or a case done or rejected, since it was built
 * is not released: *refused_r (g_free; NULL when none) says which and what to
 * do, one line a forward. The count released (the others committed
 * all the same), or -1 and *cause ("forward N is not held" when id is
 * not).
 */
int	forward_approve(struct db *, const struct config *, int64_t id,
	    const char *actor,
	    time_t now, char **refused_r, char **cause);

/*
 * outbox cancel (retry false) or retry of outbox item oid, by actor, in
 * one transaction; for an item that is no forward, queue_cancel or
 * queue_retry. A forward cancelled frees what it carried (its rows
 * pending again and out of forward_items, kept in forward_freed; its
 * cases stay as they are), so another forward may carry them. Retried
 * after a cancel, it takes them back and is held again unless it was
 * approved or forward_approval = none; that is refused when staff
 * settled some of them or another forward carries one since. 0 with
 * *state_r the item's new state ("queued", "held", "cancelled"),
 * FORWARD_SETTLED and *cause (the refusal, for a person) when refused
 * so, -1 and *cause (the item is not in a state that allows it, or the
 * store failed).
 */
#define FORWARD_SETTLED	1
int	forward_outbox_move(struct db *, const struct config *, int64_t oid,
	    bool retry, time_t now, const char *actor, const char **state_r,
	    char **cause);

/* The held forwards carrying rows of case number (which forward_approve
 * will refuse once the case is done or rejected): "forward 3 (outbox
 * 12)" for each, ", "-separated, in *held_r (g_free; NULL when none).
 * Their count, or -1 and *cause. */
int	forward_held_for_case(struct db *, const char *number, char **held_r,
	    char **cause);

/* Prints forward id as it will be sent: recipient, subject, state, the
 * cases and rows it carries with every warning, the text, and each
 * attachment with its size and sha256. 1, 0 when there is none, -1. */
int	forward_show(struct db *, int64_t id, FILE *, char **cause);

#endif
