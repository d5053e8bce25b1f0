/* vn-legacy.c: TCVN3 and VNI to Unicode, as tables. It must never touch
 * text that is already Unicode Vietnamese, nor anything below 0x80 but the
 * letters an H font draws as capitals.
 *
 * TCVN3 (TCVN 5712:1993, VN3, the "ABC" fonts) gives each lower-case
 * letter one byte in 0xA1–0xFE; its fonts hold no capitals with a tone
 * mark, so offices type those in the H fonts (.VnTimeH), which draw the
 * same bytes, and ASCII letters, as capitals. The positions VN3 leaves
 * free are read as VN1 fills them (capitals), as iconv's TCVN5712-1 does.
 *
 * VNI Windows writes a base letter and then one mark byte (a tone, a
 * circumflex or breve, or both at once), and gives đ, ơ, ư and the
 * toned i and y bytes of their own. Marks come in lower- and upper-case
 * glyphs; which one was typed does not change the letter.
 */
#include <string.h>

#include <glib.h>

#include "parsers/vn-legacy.h"

#define GRAVE	0x0300
#define ACUTE	0x0301
#define CIRC	0x0302
#define TILDE	0x0303
#define BREVE	0x0306
#define HOOK	0x0309
#define DOT	0x0323

/* TCVN3 bytes 0xA0–0xFF; 0 leaves the byte as it is. */
static const gunichar tcvn3[96] = {
	/* 0xA0 */ 0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110,
	/* 0xA8 */ 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111,
		   0x1eb0,
	/* 0xB0 */ GRAVE, HOOK, TILDE, ACUTE, DOT, 0x00e0, 0x1ea3, 0x00e3,
	/* 0xB8 */ 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf,
		   0x1eb4,
	/* 0xC0 */ 0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7,
		   0x1ea7,
	/* 0xC8 */ 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb,
		   0x1ebd,
	/* 0xD0 */ 0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7,
		   0x00ec,
	/* 0xD8 */ 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb,
		   0x00f2,
	/* 0xE0 */ 0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5,
		   0x1ed7,
	/* 0xE8 */ 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3,
		   0x00f9,
	/* 0xF0 */ 0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed,
		   0x1eef,
	/* 0xF8 */ 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5,
		   0x1ed0,
};

/* VNI bytes: a letter of its own, or marks for the letter before. */
static const struct vni {
	unsigned char	 byte;
	gunichar	 letter;	/* 0 for a mark */
	gunichar	 mark[2];
} vni[] = {
	{ 0xf1, 0x0111, { 0 } }, { 0xd1, 0x0110, { 0 } },	/* đ */
	{ 0xf4, 0x01a1, { 0 } }, { 0xd4, 0x01a0, { 0 } },	/* ơ */
	{ 0xf6, 0x01b0, { 0 } }, { 0xd6, 0x01af, { 0 } },	/* ư */
	{ 0xed, 0x00ed, { 0 } }, { 0xcd, 0x00cd, { 0 } },	/* í */
	{ 0xec, 0x00ec, { 0 } }, { 0xcc, 0x00cc, { 0 } },	/* ì */
	{ 0xe6, 0x1ec9, { 0 } }, { 0xc6, 0x1ec8, { 0 } },	/* ỉ */
	{ 0xf3, 0x0129, { 0 } }, { 0xd3, 0x0128, { 0 } },	/* ĩ */
	{ 0xf2, 0x1ecb, { 0 } }, { 0xd2, 0x1eca, { 0 } },	/* ị */
	{ 0xee, 0x1ef5, { 0 } }, { 0xce, 0x1ef4, { 0 } },	/* ỵ */
	{ 0xf9, 0, { ACUTE } }, { 0xd9, 0, { ACUTE } },
	{ 0xf8, 0, { GRAVE } }, { 0xd8, 0, { GRAVE } },
	{ 0xfb, 0, { HOOK } }, { 0xdb, 0, { HOOK } },
	{ 0xf5, 0, { TILDE } }, { 0xd5, 0, { TILDE } },
	{ 0xef, 0, { DOT } }, { 0xcf, 0, { DOT } },
	{ 0xe2, 0, { CIRC } }, { 0xc2, 0, { CIRC } },
	{ 0xe1, 0, { CIRC, ACUTE } }, { 0xc1, 0, { CIRC, ACUTE } },
	{ 0xe0, 0, { CIRC, GRAVE } }, { 0xc0, 0, { CIRC, GRAVE } },
	{ 0xe5, 0, { CIRC, HOOK } }, { 0xc5, 0, { CIRC, HOOK } },
	{ 0xe3, 0, { CIRC, TILDE } }, { 0xc3, 0, { CIRC, TILDE } },
	{ 0xe4, 0, { CIRC, DOT } }, { 0xc4, 0, { CIRC, DOT } },
	{ 0xea, 0, { BREVE } }, { 0xca, 0, { BREVE } },
	{ 0xe9, 0, { BREVE, ACUTE } }, { 0xc9, 0, { BREVE, ACUTE } },
	{ 0xe8, 0, { BREVE, GRAVE } }, { 0xc8, 0, { BREVE, GRAVE } },
	{ 0xfa, 0, { BREVE, HOOK } }, { 0xda, 0, { BREVE, HOOK } },
	{ 0xfc, 0, { BREVE, TILDE } }, { 0xdc, 0, { BREVE, TILDE } },
	{ 0xeb, 0, { BREVE, DOT } }, { 0xcb, 0, { BREVE, DOT } },
};

static bool	 is_vietnamese(gunichar);
static const struct vni *vni_byte(gunichar);
static bool	 vni_takes(gunichar, const struct vni *);
static void	 to_tcvn3(GString *, const char *, bool);
static void	 to_vni(GString *, const char *);

enum vn_legacy
vn_legacy_font(const char *name)
{
	size_t	n;

	if (name == NULL)
		return (VN_LEGACY_NONE);
	while (*name == ' ')
		name++;
	if (g_ascii_strncasecmp(name, ".vn", 3) == 0) {
		n = strlen(name);
		while (n > 0 && name[n - 1] == ' ')
			n--;
		return (n > 3 && name[n - 1] == 'H' ? VN_LEGACY_TCVN3_CAPS :
		    VN_LEGACY_TCVN3);
	}
	if (g_ascii_strncasecmp(name, "vni-", 4) == 0)
		return (VN_LEGACY_VNI);
	return (VN_LEGACY_NONE);
}

/* Letters and marks only Unicode Vietnamese has (ă đ ĩ ũ ơ ư, the
 * Latin Extended Additional block, the combining tone marks). */
static bool
is_vietnamese(gunichar c)
{
	return ((c >= 0x0102 && c <= 0x01b0) || (c >= 0x1ea0 &&
	    c <= 0x1ef9) || (c >= 0x0300 && c <= 0x0323));
}

static const struct vni *
vni_byte(gunichar c)
{
	for (size_t i = 0; i < G_N_ELEMENTS(vni); i++)
		if (vni[i].byte == c)
			return (&vni[i]);
	return (NULL);
}

/* Whether mark m may sit on base, the letter written just before it: a
 * tone on any vowel (ơ and ư included), a circumflex on a, e, o, a breve
 * on a. */
static bool
vni_takes(gunichar base, const struct vni *m)
{
	gunichar l = g_unichar_tolower(base);

	if (m->mark[0] == CIRC)
		return (l == 'a' || l == 'e' || l == 'o');
	if (m->mark[0] == BREVE)
		return (l == 'a');
	return (strchr("aeiouy", (int)(l < 0x80 ? l : 1)) != NULL ||
	    l == 0x01a1 || l == 0x01b0);
}

static void
to_tcvn3(GString *out, const char *text, bool caps)
{
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c >= 0xa0 && c <= 0xff && tcvn3[c - 0xa0] != 0)
			c = tcvn3[c - 0xa0];
		/* g_unichar_toupper, not g_utf8_strup: no locale. */
		g_string_append_unichar(out, caps ? g_unichar_toupper(c) : c);
	}
}

static void
to_vni(GString *out, const char *text)
{
	gunichar	 base = 0;	/* the letter a mark may still take */

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar		 c = g_utf8_get_char(p);
		const struct vni	*v = vni_byte(c);

		if (v != NULL && v->letter != 0) {
			g_string_append_unichar(out, v->letter);
			base = v->letter == 0x01a1 || v->letter == 0x01a0 ||
			    v->letter == 0x01b0 || v->letter == 0x01af ?
			    v->letter : 0;
		} else if (v != NULL && base != 0 && vni_takes(base, v)) {
			for (size_t i = 0; i < 2 && v->mark[i] != 0; i++)
				g_string_append_unichar(out, v->mark[i]);
			base = 0;
		} else {
			g_string_append_unichar(out, c);
			base = c < 0x80 ? c : 0;
		}
	}
}

char *
vn_legacy_convert(enum vn_legacy enc, const char *text)
{
	GString	*out;
	char	*nfc;

	if (enc == VN_LEGACY_NONE || text == NULL ||
	    !g_utf8_validate(text, -1, NULL))
		return (NULL);
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
		if (is_vietnamese(g_utf8_get_char(p)))
			return (NULL);
	out = g_string_sized_new(strlen(text) + 8);
	if (enc == VN_LEGACY_VNI)
		to_vni(out, text);
	else
		to_tcvn3(out, text, enc == VN_LEGACY_TCVN3_CAPS);
	nfc = g_utf8_normalize(out->str, (gssize)out->len, G_NORMALIZE_NFC);
	g_string_free(out, TRUE);
	if (nfc != NULL && strcmp(nfc, text) == 0) {
		g_free(nfc);
		return (NULL);
	}
	return (nfc);
}

unsigned
vn_legacy_family(enum vn_legacy e)
{
	switch (e) {
	case VN_LEGACY_TCVN3:
	case VN_LEGACY_TCVN3_CAPS:
		return (VN_LEGACY_FAMILY_TCVN3);
	case VN_LEGACY_VNI:
		return (VN_LEGACY_FAMILY_VNI);
	default:
		return (0);
	}
}
