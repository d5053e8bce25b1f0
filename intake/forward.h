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
 * per-case forward) as carrying every clean row of case_id; holds it
 * when approval is required, else moves the case to forwarded. fresh:
 * the case and its rows were stored in txn, its clean rows already
 * forwarded (store_message.rows_forwarded_at); else they are the
 * pending ones, and become forwarded here. 0, or -1 and *cause (the
 * caller rolls back).
 */
int	forward_record(struct db_txn *, const struct config *,
	    const char *message_id, int64_t case_id, bool fresh, time_t now,
	    char **cause);

/*
 * Builds one forward of every case accepted and not yet forwarded (open
 * SIM activation cases with a clean row no forward carries), mode
 * "daily" or "now", in its own transaction: the Phụ lục 3 XLSX of all
 * their rows, the originals from the archive byte for byte, the letter
 * from forward.txt; held or queued as for forward_record. 1 with
 * *id_r the forwards id, 0 when nothing is pending, -1 and *cause.
 */
int	forward_batch(struct db *, const struct config *, const char *mode,
	    time_t now, int64_t *id_r, char **cause);

/*
 * forward_mode = daily: builds the batch when now is at or past today's
 * forward_time (office time, UTC+7) and no daily forward was made today.
 * Same returns as forward_batch; 0 in per_case mode.
 */
int	forward_due(struct db *, const struct config *, time_t now,
	    int64_t *id_r, char **cause);

/* Releases the held forward id (0: every held one) to the outbox, by
 * actor, moving its cases to forwarded. The count released, or -1. */
int	forward_approve(struct db *, int64_t id, const char *actor,
	    time_t now, char **cause);

/* Prints forward id as it will be sent: recipient, subject, state, the
 * cases and rows it carries with every warning, the text, and each
 * attachment with its size and sha256. 1, 0 when there is none, -1. */
int	forward_show(struct db *, int64_t id, FILE *, char **cause);

/* One line per forward, newest first. 0 or -1. */
int	forward_list(struct db *, FILE *, char **cause);

#endif
