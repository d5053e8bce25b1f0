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

/* How far up a body is, as its name says: see places_level. */
enum place_level {
	PLACE_UNKNOWN,
	PLACE_DISTRICT,
	PLACE_COMMUNE,
};

/*
 * The level of the body a name writes (a letterhead, a certificate's O or
 * OU), as far as its words say it, and in *place_r (g_free; NULL when
 * PLACE_UNKNOWN), when place_r is not NULL, the place it is of as a
 * text_key ("minh long"): PLACE_COMMUNE for a commune's, township's or
 * ward's party or people's committee ("ĐẢNG ỦY XÃ TỊNH HÀ", "ĐẢNG ỦY THỊ
 * TRẤN LA HÀ", "UBND PHƯỜNG NGHĨA LỘ"); PLACE_DISTRICT for the committee
 * of one of the province's districts, its town or its city, or an office
 * of it ("HUYỆN ỦY MINH LONG", "VĂN PHÒNG THỊ ỦY ĐỨC PHỔ", "UBND HUYỆN BA
 * TƠ"); PLACE_UNKNOWN for all else (the province's bodies, departments,
 * agencies, a name that says too little). Which district a commune is of
 * is not known: the province's communes are listed nowhere here.
 */
enum place_level places_level(const char *name, char **place_r);

/* How the bodies two names write stand, as far as places_level tells. */
enum place_relation {
	PLACES_UNTOLD,		/* a level the names do not tell */
	PLACES_SAME,		/* the same place at the same level */
	PLACES_PEERS,		/* other places at the same level */
	PLACES_ABOVE,		/* a a district's, b a commune's */
	PLACES_BELOW,		/* a a commune's, b a district's */
};
enum place_relation places_relation(const char *a, const char *b);

#endif
