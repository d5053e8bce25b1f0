/* room.h: the room left on the file systems of the store and the
 * archive. A full one stops every record: the waiting mail stays in the
 * mailbox until there is room, so `status` shows it and the pipeline
 * warns in its log once an office day when it runs low. */
#ifndef HOTROCKS_ROOM_H
#define HOTROCKS_ROOM_H

#include <stdbool.h>
#include <stdint.h>

struct room {
	const char	*what;		/* "store", "archive" */
	const char	*path;		/* borrowed */
	bool		 known;		/* statvfs answered */
	uint64_t	 free;		/* bytes an unprivileged writer has */
	uint64_t	 size;
	bool		 low;		/* free < low_space */
};

/* The room on the file system holding path (or that will hold it: its
 * nearest folder that exists); low below low_space bytes free ([store]
 * low_space). */
void	room_of(struct room *, const char *what, const char *path,
	    uint64_t low_space);
/* "41.2 GiB free of 98.3 GiB (42%)" (g_free). */
char	*room_text(const struct room *);

#endif
