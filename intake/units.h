/* units.h: the staff's list of units that write in, from a CSV file:
 *   name,addresses,cert_org
 *   "HUYỆN ỦY SƠN TỊNH","vanphong.sontinh@quangngai.dcs.vn; @sontinh.dcs.vn","HUYỆN ỦY SƠN TỊNH"
 * A first row whose first field is "name" is a header. Addresses are
 * separated by ';', ',' or spaces; "@domain" stands for a whole domain. */
#ifndef HOTROCKS_UNITS_H
#define HOTROCKS_UNITS_H

#include <stddef.h>

#include "intake/units-store.h"

struct units {
	struct unit	*v;
	size_t			 n;
	char		       **strings;	/* what v points into */
};

/*
 * Parses CSV text (RFC 4180 quoting; UTF-8, a BOM is skipped). 0 and
 * *units_r filled (free with units_free), or -1 and *cause naming the line.
 * Written here rather than taken from a library: GLib has none, and this
 * is one small format the staff control.
 */
int	units_parse(const char *text, struct units *units_r, char **cause);
void	units_free(struct units *);

#endif
