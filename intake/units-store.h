/* units-store.h: the registry of units that write in, as the store keeps
 * it: which addresses are theirs and which organisation their
 * certificates name. units.h reads it from the staff's CSV file. */
#ifndef HOTROCKS_UNITS_STORE_H
#define HOTROCKS_UNITS_STORE_H

#include <stddef.h>

#include "lib/db.h"

/* The units tables: the store's second migration. */
extern const char units_store_schema_v1[];

/* A unit that writes in: its name, its addresses ("a@b.vn", or "@b.vn"
 * for a whole domain; NULL-terminated) and the organisation its
 * certificates name (O or OU, as the CA writes it; may be NULL). */
struct unit {
	const char	 *name;
	const char	**addresses;
	const char	 *cert_org;
};

/* Replaces the whole registry in one transaction, with an audit entry by
 * actor at now (RFC 3339; NULL: the clock). 0, or -1 and *cause (a
 * duplicate name or address is an error). */
int	units_store_replace(struct db *, const struct unit *, size_t n,
	    const char *actor, const char *now, char **cause);

/* 1 and the certificate organisation of the unit the sender belongs to
 * (by address, then by "@domain"; g_free), 0 when none, -1 on error. */
int	units_store_cert_org(struct db *, const char *sender, char **org_r,
	    char **cause);

/* 1 and the name of the unit the sender belongs to (by address, then by
 * "@domain"; g_free), 0 when none, -1 on error. */
int	units_store_name(struct db *, const char *sender, char **name_r,
	    char **cause);

#endif
