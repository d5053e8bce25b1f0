/* places.h: the province's districts, its town and its city, and the one a
 * mailbox's address names. Pure: no I/O; the list is the province's,
 * written once here. */
#ifndef HOTROCKS_PLACES_H
#define HOTROCKS_PLACES_H

#include <stdbool.h>

/*
 * The party committee of the district or town ("Huyện ủy Sơn Tịnh",
 * "Thị ủy Đức Phổ") whose place an e-mail address names: the place's
 * name unaccented and without its space, as a whole word of the address
 * split at whatever is not a letter (".", "_", "-", "@", digits):
 * "vanphong.sontinh@quangngai.dcs.vn", "hu.sontinh@…", "vp@sontinh.dcs.vn".
 * Inside a longer word ("nguyenbinhson@") a place is not named. NULL when
 * the address names none, or two; the city, whose name is the province's
 * and so in every quangngai.dcs.vn address, never. Static.
 */
const char	*places_district(const char *address);

/*
 * Whether address names, as above, the place a body's name ends with: its
 * last two or more words ("Đảng ủy xã Tịnh Phong" in "tinhphong@…" or
 * "dangUy.tinhphong@…"). Either NULL: false.
 */
bool		 places_address_names(const char *address, const char *name);

#endif
