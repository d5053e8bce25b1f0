/* imap-state.h: what hotrocks knows about each IMAP folder it reads: the
 * UIDVALIDITY and highest UID recorded, the last successful pass and the
 * day's counts. The messages table stays the truth for "recorded"; this
 * module only reads it and keeps the per-folder summary beside it. */
#ifndef HOTROCKS_IMAP_STATE_H
#define HOTROCKS_IMAP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct imap_state;

/* The store's migration that creates the imap_folders table (appended to
 * the store's list; never edited once shipped). */
extern const char imap_state_schema[];

/* A connection of its own to the store at path: store_open's (creating
 * and migrating), or store_open_readonly's (for status). NULL and *cause
 * on failure. */
struct imap_state *imap_state_open(const char *path, bool readonly,
		    char **cause);
void		 imap_state_close(struct imap_state *);

/* The highest UID recorded from origin under uidvalidity (0: none). 0, or
 * -1 and *cause. Derived from the messages table, so a crash can never
 * leave it ahead of what was committed. */
int	imap_state_highest(struct imap_state *, const char *origin,
	    uint32_t uidvalidity, uint32_t *uid_r, char **cause);

/* 1 and the CONTRACT action recorded for that message (g_free), 0 when
 * it is not recorded, -1 and *cause. */
int	imap_state_recorded(struct imap_state *, const char *origin,
	    uint32_t uidvalidity, uint32_t uid, char **action_r,
	    char **cause);
/* Every record committed so far, by any connection, made durable
 * (db_sync): called before messages are acknowledged. 0, or -1. */
int	imap_state_sync(struct imap_state *, char **cause);

/* The end of a pass over origin (the folder's name is kept for status):
 * recorded and failed are added to the counts of day (the office's,
 * "YYYY-MM-DD": config_office_day), restarted on a new one; error NULL
 * for a successful pass, else the reason it stopped. */
int	imap_state_pass(struct imap_state *, const char *origin,
	    const char *folder, uint32_t uidvalidity, size_t recorded,
	    size_t failed, const char *error, const char *now,
	    const char *day, char **cause);

/* A pass that could not start (the server out of reach, the login or
 * the folder refused): error kept as the origin's last, at now; the
 * rest of its record as it was (a new origin has no pass yet). */
int	imap_state_failed(struct imap_state *, const char *origin,
	    const char *folder, const char *error, const char *now,
	    char **cause);

struct imap_folder_status {
	char		*origin;	/* user@host/folder */
	char		*folder;
	uint32_t	 uidvalidity;
	uint32_t	 highest_uid;	/* recorded under uidvalidity */
	char		*last_pass_at;	/* last successful pass, or NULL */
	char		*last_error;	/* of the last failed pass, or NULL */
	char		*last_error_at;
	size_t		 recorded_today;	/* from the audit log */
	size_t		 failed_today;
};

/* Every folder ever read, by origin; today is the office's day,
 * "YYYY-MM-DD", and since the store's time it began (config_office_day).
 * Free with imap_state_status_free. */
int	imap_state_status(struct imap_state *, const char *today,
	    const char *since, struct imap_folder_status **r, size_t *n_r,
	    char **cause);
void	imap_state_status_free(struct imap_folder_status *, size_t);

/* The outbox by state ("queued", "sent", "failed"), counts in *n_r. */
int	imap_state_outbox(struct imap_state *, char ***states_r,
	    size_t **counts_r, size_t *n_r, char **cause);

/* Long lists whose rows wait for the search index (store.h). */
int	imap_state_index_waiting(struct imap_state *, int64_t *n_r,
	    char **cause);

/* Letters sent whose copy to the Sent folder is owed (queue.h). */
int	imap_state_copies_owed(struct imap_state *, int64_t *n_r,
	    char **cause);

#endif
