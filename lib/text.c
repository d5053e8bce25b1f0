/* text.c: normal forms through GLib's Unicode tables, so no table of our
 * own can drift from the standard. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"

static bool	is_space(gunichar);
static bool	is_ascii(const char *);
static bool	is_nfc_quick(const char *);

/*
 * True when valid UTF-8 s is surely NFC already: no combining mark, no
 * Hangul jamo, no character with a singleton decomposition (Ω, Å, CJK
 * compatibility ideographs). Precomposed Vietnamese passes, so only text
 * typed with combining tone marks pays for the normaliser.
 */
static bool
is_nfc_quick(const char *s)
{
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p), a, b;

		if (c < 0x300)
			continue;
		if (g_unichar_ismark(c) || (c >= 0x1100 && c <= 0x11ff) ||
		    (g_unichar_decompose(c, &a, &b) && b == 0))
			return (false);
	}
	return (true);
}

/* ASCII is its own NFC and NFD: skip the normaliser, which dominates the
 * cost of reading a list (most cells are digits). */
static bool
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return (false);
	return (true);
}

static bool
is_space(gunichar c)
{
	return (g_unichar_isspace(c) || c == 0x00a0 || c == 0x2007 ||
	    c == 0x202f || c == 0xfeff || c == 0x200b);
}

char *
text_clean(const char *s)
{
	char		*valid, *nfc, *w;
	const char	*p;
	bool		 pending = false;

	if (s == NULL)
		return (NULL);
	if (is_ascii(s))
		nfc = g_strdup(s);
	else if (g_utf8_validate(s, -1, NULL))
		/* The common case, a name typed in NFC: one copy. */
		nfc = is_nfc_quick(s) ? g_strdup(s) :
		    g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	else {
		valid = g_utf8_make_valid(s, -1);
		nfc = is_nfc_quick(valid) ? g_strdup(valid) :
		    g_utf8_normalize(valid, -1, G_NORMALIZE_NFC);
		g_free(valid);
	}
	if (nfc == NULL)
		return (g_strdup(""));
	/* Folded in place: the output is never longer than what was read,
	 * and an exact-size string matters when a list keeps a million. */
	for (p = nfc, w = nfc; *p != '\0';) {
		gunichar	 c;
		const char	*next;

		/* A printable ASCII character other than the space is
		 * kept as it is, without decoding. */
		if ((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f) {
			if (pending)
				*w++ = ' ';
			pending = false;
			*w++ = *p++;
			continue;
		}
		c = g_utf8_get_char(p);
		next = g_utf8_next_char(p);

		if (is_space(c) || c < 0x20 || c == 0x7f) {
			pending = w > nfc;
			p = next;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = false;
		memmove(w, p, next - p);
		w += next - p;
		p = next;
	}
	*w = '\0';
	return (nfc);
}

char *
text_key(const char *s)
{
	GString		*out;
	char		*valid;
	const char	*p;
	bool		 pending = false;

	if (s == NULL)
		return (NULL);
	valid = is_ascii(s) ? NULL : g_utf8_make_valid(s, -1);
	out = g_string_sized_new(strlen(s));
	for (p = valid ? valid : s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = (unsigned char)*p;
		gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

		/* ASCII without the Unicode tables: most of a list is. */
		if (c < 0x80) {
			if (!g_ascii_isalnum(c)) {
				pending = out->len > 0;
				continue;
			}
			if (pending)
				g_string_append_c(out, ' ');
			pending = false;
			g_string_append_c(out, g_ascii_tolower(c));
			continue;
		}
		c = g_utf8_get_char(p);

		/* The base letter of a precomposed one, without building a
		 * whole NFD string: this runs for every cell of a list. */
		if (c >= 0x80 && g_unichar_fully_decompose(c, FALSE, d,
		    G_N_ELEMENTS(d)) > 0)
			c = d[0];
		if (g_unichar_ismark(c))
			continue;
		if (c == 0x0111 || c == 0x0110)		/* đ Đ */
			c = 'd';
		if (!g_unichar_isalnum(c)) {
			pending = out->len > 0;
			continue;
		}
		if (pending)
			g_string_append_c(out, ' ');
		pending = false;
		g_string_append_unichar(out, g_unichar_tolower(c));
	}
	g_free(valid);
	return (g_string_free(out, FALSE));
}

bool
text_key_has(const char *key, const char *needle)
{
	size_t		 n;
	const char	*p;

	if (key == NULL || needle == NULL || (n = strlen(needle)) == 0)
		return (false);
	for (p = key; (p = strstr(p, needle)) != NULL; p++) {
		if ((p == key || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return (true);
	}
	return (false);
}

bool
text_blank(const char *s)
{
	const char	*p;

	if (s == NULL)
		return (true);
	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c;

		if ((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f)
			return (false);
		c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			return (false);
		if (!is_space(c) && c >= 0x20)
			return (false);
	}
	return (true);
}

static bool
is_bidi_control(gunichar c)
{
	return (c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
}

char *
text_for_terminal(const char *s)
{
	GString		*out;
	const char	*p, *end, *run;

	if (s == NULL)
		return (NULL);
	out = g_string_sized_new(strlen(s));
	end = s + strlen(s);
	/* Whatever may be shown is copied in runs, not a character at a
	 * time: a listing passes every row of a list through here. */
	for (p = run = s; p < end; ) {
		gunichar c;

		if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f) {
			p++;
			continue;
		}
		c = g_utf8_get_char_validated(p, end - p);
		if (c != (gunichar)-1 && c != (gunichar)-2 &&
		    !(c < 0x20 && c != '\n' && c != '\t') &&
		    !(c >= 0x7f && c < 0xa0) && !is_bidi_control(c)) {
			p = g_utf8_next_char(p);
			continue;
		}
		g_string_append_len(out, run, p - run);
		g_string_append(out, "\xef\xbf\xbd");
		/* An invalid byte is replaced alone; a character whole. */
		p = c == (gunichar)-1 || c == (gunichar)-2 ? p + 1 :
		    g_utf8_next_char(p);
		run = p;
	}
	g_string_append_len(out, run, p - run);
	return (g_string_free(out, FALSE));
}
