/* source-imap.h: what the IMAP commands (poll, run, status) need of the
 * IMAP source beyond the struct source table. */
#ifndef HOTROCKS_SOURCE_IMAP_H
#define HOTROCKS_SOURCE_IMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "intake/source.h"

struct source_imap_info {
	const char	*origin;	/* user@host/folder: the store's */
	const char	*folder;
	uint32_t	 uidvalidity;
	size_t		 candidates;	/* messages in the folder at open */
	size_t		 moved_again;	/* recorded before, moved now */
	const char	*error;		/* why the pass stopped early, or
					 * NULL when it went to the end */
	bool		 idle;		/* the server offers IDLE */
};

/* Borrowed strings, valid until the state is closed. */
void	source_imap_info(void *state, struct source_imap_info *);
/* Messages of the batch fetched last that next() has not offered yet:
 * at 0, next() first flushes (moves) what ack queued, then fetches the
 * next batch. The pipeline's batches follow the source's so. */
size_t	source_imap_batch_left(void *state);

/*
 * Waits (IDLE, RFC 2177) up to seconds for the folder to change, on the
 * connection the pass used, then makes the state ready for another pass
 * over the messages that arrived (next() offers them). 1 when something
 * may have arrived, 0 when the time ran out or *stop became true, -1 and
 * *cause when the connection failed (close the state and reconnect).
 */
int	source_imap_wait(void *state, unsigned seconds,
	    volatile const int *stop, char **cause);

/* A new pass on the same connection: re-reads UIDVALIDITY and the
 * messages present. 0, or -1 and *cause (reconnect). */
int	source_imap_rescan(void *state, char **cause);

/* Test-only: HOTROCKS_CRASH_AT=POINT[:N] kills the process with SIGKILL
 * the Nth time (default first) it reaches POINT, one of after-select,
 * after-fetch, before-move (the records of a batch have committed; once
 * per destination folder of a batch), after-copy (a server without MOVE:
 * copied, not yet deleted), after-move, after-flush (every folder of a
 * batch moved). */
void	source_imap_crash_point(const char *point);

#endif
