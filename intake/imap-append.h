/* imap-append.h: a copy of each message sent, appended to the mailbox's
 * Sent folder over IMAP, so staff see the whole conversation in their mail
 * client. One session for a delivery pass, opened by the caller; the
 * connection is TLS-verified through lib/tls-peer like every other. */
#ifndef HOTROCKS_IMAP_APPEND_H
#define HOTROCKS_IMAP_APPEND_H

#include <stdbool.h>
#include <stddef.h>

/* Where to append; strings borrowed for the life of the session. */
struct imap_append_settings {
	const char	*host;
	unsigned	 port;		/* 0: 993 with tls, else 143 */
	bool		 tls;		/* implicit TLS (993) */
	bool		 starttls;	/* plain, then STARTTLS (required) */
	const char	*username;
	const char	*password;	/* never logged */
	const char	*ca_file;	/* NULL: the system store */
	const char	*folder;	/* "Sent"; created when missing */
	unsigned	 timeout;	/* seconds each step; 0: 60 */
};

struct imap_append;

/* Connects, verifies, logs in. NULL and *cause (g_free; never the
 * password) when it cannot. */
struct imap_append *imap_append_open(const struct imap_append_settings *,
		    char **cause);
/* Appends raw (a whole message) to the folder, flagged \Seen, creating
 * the folder once if the server says it is missing. 0, or -1 and *cause. */
int		 imap_append_message(struct imap_append *, const char *raw,
		    size_t len, char **cause);
/* Whether the folder already holds a message of that Message-ID (one
 * sent by a pass the store no longer knows of: a restored backup). 0
 * and *found_r (a folder not there holds nothing), or -1 and *cause. */
int		 imap_append_holds(struct imap_append *,
		    const char *message_id, bool *found_r, char **cause);
/* Logs out and frees; NULL is fine. */
void		 imap_append_close(struct imap_append *);

#endif
