/* audit-export.h: a bundle an auditor checks without hotrocks: the raw
 * messages, their attachments, the decisions, what went out, the slice of
 * the audit chain with the hashes that link it to the head, a manifest. */
#ifndef HOTROCKS_AUDIT_EXPORT_H
#define HOTROCKS_AUDIT_EXPORT_H

#include <stddef.h>

#include "lib/db.h"

/* Exactly one of case_number and since; until only with since. Dates are
 * YYYY-MM-DD (until: the whole day) or RFC 3339 UTC. Borrowed. */
struct audit_export_opts {
	const char	*case_number;
	const char	*since;
	const char	*until;
	const char	*timezone;	/* whose days since and until are:
					 * the office's; NULL: UTC's */
	const char	*now;		/* RFC 3339, written in the bundle */
};

/* What went into the bundle. */
struct audit_export_stats {
	size_t		 messages;
	size_t		 removed;	/* of them, originals audit prune
					 * removed (removed.txt) */
	size_t		 attachments;
	size_t		 outgoing;
	size_t		 entries;
	char		 head[65];	/* the chain's head at export */
};

/*
 * Writes the bundle to out (a ZIP, replaced whole: libzip writes a
 * temporary file and renames it). The store is read in one read
 * transaction, so the slice and the head agree. 0 with *st filled;
 * 1 when the case named does not exist; -1 and *cause (g_free).
 */
int	audit_export_write(struct db *, const char *archive_dir,
	    const struct audit_export_opts *, const char *out,
	    struct audit_export_stats *st, char **cause);

#endif
