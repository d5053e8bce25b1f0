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

/* Whether the folder holds mail above the highest UID the last scan saw:
 * mail that came during a pass, which the server may have announced
 * then (an untagged EXISTS) and will not announce again at IDLE. 1 or
 * 0, or -1 and *cause (the connection is then of no more use). */
int	source_imap_news(void *state, char **cause);

/*
 * For a store restored from a backup: the mail in the action folders
 * ([imap] queue_folder … ignore_folder; one missing is skipped) that the
 * server received on or after that day (source_imap_day's; its
 * INTERNALDATE; SEARCH SINCE) goes back to the folder the state reads,
 * in the order the server received it (so decided again in that order),
 * to be recorded again: what the store knows is recognised and filed
 * again without a second answer, the rest recorded. The state's folder
 * is read again after. 0 with moved[i] per action folder (in the order
 * of folders[i], NULL for none), or -1 and *cause.
 */
#define SOURCE_IMAP_NFOLDERS	5
/* since as source_imap_return takes it: a day that exists, YYYY-MM-DD.
 * 0 with its year, month and day, or -1. */
int	source_imap_day(const char *since, int *y_r, int *m_r, int *d_r);
int	source_imap_return(void *state, int year, int month, int day,
	    const char *folders[SOURCE_IMAP_NFOLDERS],
	    size_t moved[SOURCE_IMAP_NFOLDERS], char **cause);

/* Test-only: HOTROCKS_CRASH_AT=POINT[:N] kills the process with SIGKILL
 * the Nth time (default first) it reaches POINT, one of after-select,
 * after-fetch, before-move (the records of a batch have committed; once
 * per destination folder of a batch), after-copy (a server without MOVE:
 * copied, not yet deleted), after-move, after-flush (every folder of a
 * batch moved). */
void	source_imap_crash_point(const char *point);

/* Tests only: HOTROCKS_PAUSE_AT=POINT:FILE holds the process at POINT
 * (after-scan: the folder's UIDs read) until FILE exists (a minute at
 * most), FILE.waiting written while it waits, so a test acts there. */
void	source_imap_pause_point(const char *point);

#endif
