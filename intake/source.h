/* source.h: where messages come from, as a table of functions, so files,
 * Maildir folders and (later) IMAP feed the same pipeline. A message is
 * acknowledged at its source only after the store has committed it. */
#ifndef HOTROCKS_SOURCE_H
#define HOTROCKS_SOURCE_H

#include <stddef.h>
#include <stdint.h>

struct source_msg {
	unsigned char	*data;		/* owned by the message */
	size_t		 len;
	char		*origin;	/* path, or mailbox for IMAP */
	uint32_t	 uidvalidity;	/* IMAP only, else 0 */
	uint32_t	 uid;
};

struct source {
	const char	*name;		/* "file", "maildir", "imap" */
	/* Opens spec (a path); the state is the source's own. */
	void		*(*open)(const char *spec, char **cause);
	/* How many messages next() will offer, for progress; 0 unknown. */
	size_t		 (*count)(void *state);
	/* 1 and a message (free with source_msg_free), 0 at the end, -1
	 * when one message could not be read (*cause; go on to the next). */
	int		 (*next)(void *state, struct source_msg *, char **cause);
	/* Marks msg processed at the source; 0 or -1 with *cause. */
	int		 (*ack)(void *state, const struct source_msg *,
			    char **cause);
	void		 (*close)(void *state);
};

extern const struct source source_file;		/* .eml files, folders */
extern const struct source source_maildir;	/* cur/ new/ tmp/ */

/* The source that can read path: a Maildir when it has cur/ and new/,
 * otherwise files. */
const struct source *source_for_path(const char *path);

void	source_msg_free(struct source_msg *);
/* Reads a whole file into msg (origin = path); 1, or -1 with *cause. */
int	source_read_file(const char *path, struct source_msg *, char **cause);

/* Size cap on one message read from a file or folder (64 MiB). */
#define SOURCE_MAX_MESSAGE	((size_t)64 << 20)

#endif
