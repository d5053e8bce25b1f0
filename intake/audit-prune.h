/* audit-prune.h: retention of the raw-message archive ([store]
 * archive_keep_days). Removes only what nothing still needs, and logs
 * each removal in the audit chain before the file goes. */
#ifndef HOTROCKS_AUDIT_PRUNE_H
#define HOTROCKS_AUDIT_PRUNE_H

#include <stddef.h>
#include <time.h>

#include "lib/db.h"

/*
 * Removes the archived files of messages received more than keep_days
 * before now, except a file that any message of a case not done (nor
 * rejected) holds, or that an audit entry written inside the window
 * refers to (through the message or its case). For each message whose
 * file goes: archive_path becomes NULL and an "archive_removed" entry by
 * actor is appended, in one transaction; the files are unlinked only
 * after it commits, so a crash leaves at worst a file nothing names.
 * keep_days 0 removes nothing. 0 with *files_r and *messages_r, or -1
 * and *cause (g_free).
 */
int	audit_prune_run(struct db *, const char *archive_dir, size_t keep_days,
	    time_t now, const char *actor, size_t *files_r,
	    size_t *messages_r, char **cause);

#endif
