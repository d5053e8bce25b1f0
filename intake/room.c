/* room.c: statvfs of the store's and the archive's file systems. */
#include <sys/statvfs.h>

#include <errno.h>
#include <string.h>

#include <glib.h>

#include "intake/room.h"

void
room_of(struct room *r, const char *what, const char *path,
    uint64_t low_space)
{
	struct statvfs	 sv;
	char		*p = g_strdup(path), *up;

	memset(r, 0, sizeof(*r));
	r->what = what;
	r->path = path;
	/* not made yet (the archive before its first message): the file
	 * system that will hold it */
	for (;;) {
		if (statvfs(p, &sv) == 0) {
			r->known = true;
			break;
		}
		if (errno != ENOENT)
			break;
		up = g_path_get_dirname(p);
		if (strcmp(up, p) == 0) {
			g_free(up);
			break;
		}
		g_free(p);
		p = up;
	}
	g_free(p);
	if (!r->known)
		return;
	r->free = (uint64_t)sv.f_bavail * sv.f_frsize;
	r->size = (uint64_t)sv.f_blocks * sv.f_frsize;
	r->low = r->free < low_space;
}

char *
room_text(const struct room *r)
{
	char	*free_s, *size_s, *s;

	free_s = g_format_size_full(r->free, G_FORMAT_SIZE_IEC_UNITS);
	size_s = g_format_size_full(r->size, G_FORMAT_SIZE_IEC_UNITS);
	s = g_strdup_printf("%s free of %s (%u%%)", free_s, size_s,
	    r->size > 0 ? (unsigned)(r->free * 100 / r->size) : 0);
	g_free(free_s);
	g_free(size_s);
	return (s);
}
