/* source.h: where messages come from, as a table of functions, so files,
 * Maildir folders and IMAP feed the same pipeline. A message is
 * acknowledged at its source only after the store has committed it. */
#ifndef HOTROCKS_SOURCE_H
#define HOTROCKS_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;

struct source_msg {
	unsigned char	*data;		/* owned by the message; NULL when
					 * too_large (never downloaded) */
	size_t		 len;
	char		*origin;	/* path, or mailbox for IMAP */
	uint32_t	 uidvalidity;	/* IMAP only, else 0 */
	uint32_t	 uid;
	/* The one clock of this message: IMAP INTERNALDATE, or the file's
	 * mtime. The decision (signature validity), the store's received_at
	 * and the audit entry all use it; 0 means unknown (then: now). */
	time_t		 received_at;
	/* Size announced by the source (IMAP RFC822.SIZE, st_size). */
	size_t		 size;
	/* Over [limits] max_message_size: data is NULL, and the pipeline
	 * records it as attachment_too_large without reading it. */
	bool		 too_large;
};

struct source {
	const char	*name;		/* "file", "maildir", "imap" */
	/*
	 * Opens spec (a path; for IMAP the folder, NULL for [imap] folder)
	 * with the settings of cfg (borrowed; it outlives the state). The
	 * state is the source's own. NULL and *cause on failure.
	 */
	void		*(*open)(const struct config *cfg, const char *spec,
			    char **cause);
	/* Optional (NULL): how many messages next() will offer, for a
	 * progress bar; 0 unknown. Never opens a second connection. */
	size_t		 (*count)(void *state);
	/* 1 and a message (free with source_msg_free), 0 at the end, -1
	 * when one message could not be read (*cause; go on to the next). */
	int		 (*next)(void *state, struct source_msg *, char **cause);
	/*
	 * Marks msg processed at the source, after its record committed.
	 * action is the CONTRACT action recorded for it ("queue", "reject",
	 * "redirect", "manual", "ignore"): IMAP queues the message for that
	 * action's folder, and flush moves it. 0, or -1 with *cause (the message stays, and the
	 * next pass finds it recorded and acknowledges it again).
	 */
	int		 (*ack)(void *state, const struct source_msg *,
			    const char *action, char **cause);
	/*
	 * Optional (NULL: ack did it all): finishes at the source what ack
	 * has queued (Maildir: the moves to cur/; IMAP: one move per
	 * destination folder for a batch). The pipeline commits without
	 * waiting for the disk for a source that has flush
	 * (db_set_deferred): the caller calls pipeline_flush, which makes
	 * the store durable (db_sync) and then calls this, after a batch and
	 * at the end. A source that flushes on its own from next (IMAP,
	 * between its batches) syncs the store first itself. 0, or -1 with
	 * *cause (what was queued stays, recorded, and the next pass
	 * acknowledges it again).
	 */
	int		 (*flush)(void *state, char **cause);
	void		 (*close)(void *state);
};

extern const struct source source_file;		/* .eml files, folders */
extern const struct source source_maildir;	/* cur/ new/ tmp/ */
extern const struct source source_imap;		/* [imap]: one folder */

/* The source that can read path: a Maildir when it has cur/ and new/,
 * otherwise files. */
const struct source *source_for_path(const char *path);

void	source_msg_free(struct source_msg *);
/* Reads a whole regular file into msg (origin = path, received_at =
 * mtime), refusing a FIFO, device or folder and anything over
 * SOURCE_MAX_MESSAGE as it is read; 1, or -1 with *cause ("PATH: why"). */
int	source_read_file(const char *path, struct source_msg *, char **cause);
/* The same for an entry found in a folder: a symbolic link is refused,
 * never followed. */
int	source_read_entry(const char *path, struct source_msg *, char **cause);

/* Size cap on one message read from a file or folder (64 MiB). */
#define SOURCE_MAX_MESSAGE	((size_t)64 << 20)

#endif
