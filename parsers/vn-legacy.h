/* vn-legacy.h: text typed in the pre-Unicode Vietnamese fonts, TCVN3
 * (ABC: .VnTime, .VnTimeH, .VnArial, …) and VNI (VNI-Times, …), back to
 * Unicode NFC. Pure: a table and a function, no locale, no iconv. */
#ifndef HOTROCKS_VN_LEGACY_H
#define HOTROCKS_VN_LEGACY_H

#include <stdbool.h>

enum vn_legacy {
	VN_LEGACY_NONE,
	VN_LEGACY_TCVN3,	/* .VnTime: one byte a letter */
	VN_LEGACY_TCVN3_CAPS,	/* .VnTimeH: the same bytes, drawn as
				 * capitals (so are ASCII letters) */
	VN_LEGACY_VNI		/* VNI-Times: a letter, then a mark byte */
};

/*
 * The encoding a font name implies: a name starting ".Vn" is TCVN3, and
 * its capitals-only variant when it ends in "H" (".VnTimeH",
 * ".VnArialH"); a name starting "VNI-" is VNI. Case is ignored. NULL and
 * any other name give VN_LEGACY_NONE.
 */
enum vn_legacy	 vn_legacy_font(const char *name);

/* The family an encoding belongs to, as a bit, so a reader can say which
 * fonts it converted: .VnTime and .VnTimeH are both TCVN3. 0 for
 * VN_LEGACY_NONE. */
#define VN_LEGACY_FAMILY_TCVN3	0x1u
#define VN_LEGACY_FAMILY_VNI	0x2u
unsigned	 vn_legacy_family(enum vn_legacy);

/*
 * text (UTF-8) as a document stores it when typed in a legacy font: each
 * byte of the legacy encoding is the code point of the same value
 * (U+0080–U+00FF, as Latin-1 and BIFF8 carry it). Returns the Unicode
 * text, NFC, for the caller to g_free; or NULL when there is nothing to
 * convert: enc is VN_LEGACY_NONE, the result would be the same text, or
 * the text already holds Vietnamese letters beyond U+00FF (Unicode typed
 * in a legacy font by a Unicode keyboard, which is left alone).
 */
char		*vn_legacy_convert(enum vn_legacy enc, const char *text);

#endif
