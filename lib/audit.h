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

/*
 * Version 7 of the store: the hash chain. Each entry gains msg_sha256 (the
 * archive sha256 of the message it concerns, copied when it is written),
 * prev_hash and hash; audit_head holds the chain's head (entries, last id,
 * last hash), so that a truncated tail is seen. A store with no entries
 * starts its chain here; one with entries is chained by audit_chain_start.
 */
extern const char audit_chain_schema[];

/* The prev_hash of the first entry. */
#define AUDIT_HASH_ZERO \
	"0000000000000000000000000000000000000000000000000000000000000000"

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
 * The hash of one entry: SHA-256, in lower-case hex, over the canonical
 * serialisation "hotrocks-audit-1," followed by these nine fields, each
 * as a netstring "LEN:BYTES," (LEN the decimal byte count of the UTF-8
 * text): id, at, actor, event, msg_id, case_id (decimal, "0" for none),
 * detail ("" for none), msg_sha256 ("" for none), prev_hash. README.md
 * says the same, so an auditor can recompute it without hotrocks.
 */
void	audit_hash(int64_t id, const struct audit_entry *e,
	    const char *msg_sha256, const char *prev_hash, char hash_r[65]);

/*
 * Chains the entries of a store migrated to version 7 that has none yet
 * (in id order, the first from AUDIT_HASH_ZERO), records the head and
 * appends a "chain_started" entry, all in one transaction. Does nothing
 * on a store whose chain has started. 0, or -1 and *cause.
 */
int	audit_chain_start(struct db *, char **cause);

/* What audit_verify_chain found. kind is NULL when the chain holds. */
struct audit_check {
	uint64_t	 entries;	/* entries walked */
	int64_t		 last_id;	/* the id of the last one walked */
	char		 head[65];	/* the hash of the last one walked */
	const char	*kind;		/* "altered", "missing", "reordered",
					 * "inserted", "truncated", "message",
					 * "not_started" */
	int64_t		 id;		/* the entry where it broke */
	uint64_t	 position;	/* its 1-based place in id order */
	char		*what;		/* in words (g_free) */
};

/*
 * Walks the whole chain in id order, recomputing every hash and link and
 * comparing each msg_sha256 with the message's, then the tail with
 * audit_head; stops at the first break. 0 with *c filled (whether or not
 * it broke), or -1 and *cause when the store cannot be read.
 */
int	audit_verify_chain(struct db *, struct audit_check *c, char **cause);
void	audit_check_deinit(struct audit_check *);

/*
 * The entries about a case and the messages it holds, oldest first, each
 * as one line "AT ACTOR EVENT DETAIL". 0 with *lines_r (NULL-terminated;
 * g_strfreev) and *n_r, or -1 and *cause.
 */
int	audit_case_lines(struct db *, int64_t case_id, char ***lines_r,
	    size_t *n_r, char **cause);

#endif
