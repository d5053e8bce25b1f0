/* audit.h: the append-only audit log, written by intake and outbox alike
 * through audit_append and nothing else, so that the entries can become a
 * hash chain (each carrying the SHA-256 of the one before) in one place. */
#ifndef HOTROCKS_AUDIT_H
#define HOTROCKS_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/db.h"

/* The actor of the entries the program writes on its own. */
#define AUDIT_ACTOR	"hotrocks"

/* The audit table and the triggers that make it append-only: part of the
 * store's first migration (intake/store.c lists them all). */
extern const char audit_schema_v1[];

/* One entry; strings borrowed. msg_id and case_id are 0 for none. */
struct audit_entry {
	const char	*at;		/* RFC 3339 UTC (db_time) */
	const char	*actor;		/* AUDIT_ACTOR, or a person */
	const char	*event;		/* "received", "queued", "sent", ... */
	int64_t		 msg_id;	/* messages(id) */
	int64_t		 case_id;	/* cases(id) */
	const char	*detail;	/* may be NULL */
};

/* Appends e inside txn, so it commits or rolls back with what it
 * records. 0, or -1 and *cause. */
int	audit_append(struct db_txn *, const struct audit_entry *e,
	    char **cause);

/*
 * The entries about a case and the messages it holds, oldest first, each
 * as one line "AT ACTOR EVENT DETAIL". 0 with *lines_r (NULL-terminated;
 * g_strfreev) and *n_r, or -1 and *cause.
 */
int	audit_case_lines(struct db *, int64_t case_id, char ***lines_r,
	    size_t *n_r, char **cause);

#endif
