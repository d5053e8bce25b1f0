/* store.h: the SQLite case store, the single source of truth. WAL mode,
 * foreign keys on, prepared statements only, schema versioned through
 * PRAGMA user_version with forward migrations. Every write that belongs to
 * one message happens in one transaction. */
#ifndef HOTROCKS_STORE_H
#define HOTROCKS_STORE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* What one processed message adds to the store; all strings borrowed. */
struct store_doc {
	const char	*filename;
	const char	*format;	/* CONTRACT format name */
	const char	*sha256;	/* of the attachment bytes */
	const char	*kind;		/* CONTRACT kind */
	const char	*json;		/* the document's CONTRACT object */
};

struct store_row {
	size_t		 doc;		/* index into docs */
	int		 idx;		/* the row's CONTRACT index */
	const char	*phone, *iccid, *name, *position, *carrier;
	const char	*device_serial;
	int		 nerrors;	/* row errors; 0 for a clean row */
	const char	*json;		/* the row's CONTRACT object */
};

struct store_outgoing {
	const char	*message_id;	/* fixed now, reused on every retry */
	const char	*purpose;	/* "ack", "reject", "redirect", "forward" */
	const char	*rcpt;		/* envelope recipient */
	const char	*raw;		/* the whole RFC 5322 message */
};

struct store_message {
	const char	*source;	/* "file", "maildir", "imap" */
	const char	*origin;	/* path, or mailbox name for IMAP */
	uint32_t	 uidvalidity;	/* IMAP; 0 otherwise */
	uint32_t	 uid;
	const char	*message_id;	/* may be NULL */
	const char	*sha256;	/* of the raw bytes: the archive key */
	const char	*content_key;	/* sha256 that ignores trace headers */
	const char	*archive_path;	/* relative to the archive directory */
	const char	*from_addr;
	const char	*subject;
	const char	*received_at;	/* RFC 3339 UTC */
	const char	*kind;		/* CONTRACT kind */
	const char	*action;	/* CONTRACT action */
	const char	*contract_json;	/* the whole CONTRACT object */
	const char	*organization;	/* for the case title; may be NULL */
	const char	*case_state;	/* NULL: no case; else "open", "review" */
	const struct store_doc *docs;
	size_t		 ndocs;
	const struct store_row *rows;
	size_t		 nrows;
	const struct store_outgoing *out;
	size_t		 nout;
	/*
	 * When set, called inside the transaction once the new case number
	 * (or NULL) is known, to build the outgoing messages that quote it;
	 * they are recorded after out[]. The callback owns what it returns
	 * and frees it itself (after store_record returns).
	 */
	int		(*compose)(void *ctx, const char *case_number,
			    const struct store_outgoing **out_r,
			    size_t *nout_r, char **cause);
	void		*compose_ctx;
};

/* Opens (creating and migrating) the database at path. NULL and an
 * allocated *cause (g_free) on failure. */
struct store	*store_open(const char *path, char **cause);
/* Read-only open for inspect --db; never creates or migrates. */
struct store	*store_open_readonly(const char *path, char **cause);
void		 store_close(struct store *);

/*
 * Records one message in one transaction: the message, its documents,
 * a case with a new number (when case_state is set) holding its rows,
 * the outgoing messages, and audit entries. On success returns 0 and,
 * when a case was opened, its number ("HT-2024-000123", g_free) in
 * *case_r. Returns 1, writing nothing, when the message is already
 * recorded (see store_seen). -1 and *cause on failure, nothing written.
 */
int	store_record(struct store *, const struct store_message *,
	    char **case_r, char **cause);

/*
 * 1 if the message is already recorded: the same IMAP origin (source,
 * origin, uidvalidity, uid when uid != 0), or the same Message-ID with the
 * same content_key, or (no Message-ID) the same sha256. 0 if not, -1 on
 * error. *case_r (may be NULL) gets the case it opened, if any.
 */
int	store_seen(struct store *, const struct store_message *,
	    char **case_r, char **cause);

/* 1 when a case that is not done holds this phone or ICCID (either may
 * be NULL); its number goes to *case_r (g_free). 0 if none, -1 on error. */
int	store_open_request(struct store *, const char *phone,
	    const char *iccid, char **case_r, char **cause);

struct store_case {
	char	*number;
	char	*state;		/* "open", "review", "done" */
	char	*kind;
	char	*action;
	char	*organization;
	char	*from_addr;
	char	*subject;
	char	*opened_at;
	char	*updated_at;
	int	 nrows;
	int	 nrows_with_errors;
};

/* Cases, newest first; state NULL for all. The array and its strings are
 * freed by store_cases_free. */
int	store_cases(struct store *, const char *state, struct store_case **r,
	    size_t *n_r, char **cause);
void	store_cases_free(struct store_case *, size_t n);

struct store_case_detail {
	struct store_case	 c;
	char			*message_id;
	char			*contract_json;	/* of the message that opened it */
	char			*archive_path;
	char		       **rows_json;	/* each row's CONTRACT object */
	size_t			 nrows;
	char		       **audit;		/* "time actor event detail" lines */
	size_t			 naudit;
};

/* 1 and a detail to free, 0 if no such case, -1 on error. */
int	store_case_get(struct store *, const char *number,
	    struct store_case_detail **r, char **cause);
void	store_case_detail_free(struct store_case_detail *);

/* Moves a case to state ("open", "review", "done") with an audit entry
 * naming actor and note. 0, or -1 (no such case, bad state, error). */
int	store_case_set_state(struct store *, const char *number,
	    const char *state, const char *actor, const char *note,
	    const char *now, char **cause);

/*
 * Messages recorded, newest first, whatever became of them (rejected and
 * redirected ones open no case); action NULL for all, limit <= 0 for no
 * limit. Each entry reuses struct store_case: number is the case it
 * opened (or NULL), opened_at when it was received, nrows how many
 * replies it queued; state and organization are NULL. Free with
 * store_cases_free.
 */
int	store_messages(struct store *, const char *action, int limit,
	    struct store_case **r, size_t *n_r, char **cause);

/* A unit that writes in: its name, its addresses ("a@b.vn", or "@b.vn"
 * for a whole domain; NULL-terminated) and the organisation its
 * certificates name (O or OU, as the CA writes it; may be NULL). */
struct store_unit {
	const char	 *name;
	const char	**addresses;
	const char	 *cert_org;
};

/* Replaces the whole units table in one transaction, with an audit entry.
 * 0, or -1 and *cause (a duplicate name or address is an error). */
int	store_units_replace(struct store *, const struct store_unit *,
	    size_t n, const char *actor, const char *now, char **cause);

/* 1 and the certificate organisation of the unit the sender belongs to
 * (by address, then by "@domain"; g_free), 0 when none, -1 on error. */
int	store_unit_cert_org(struct store *, const char *sender,
	    char **org_r, char **cause);

#endif
