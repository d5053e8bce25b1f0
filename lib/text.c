/* text.c: normal forms through GLib's Unicode tables, so no table of our
 * own can drift from the standard. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"

static bool	is_space(gunichar);

static bool
is_space(gunichar c)
{
	return (g_unichar_isspace(c) || c == 0x00a0 || c == 0x2007 ||
	    c == 0x202f || c == 0xfeff || c == 0x200b);
}

char *
text_clean(const char *s)
{
	GString		*out;
	char		*valid, *nfc;
	const char	*p;
	bool		 pending = false;

	if (s == NULL)
		return (NULL);
	valid = g_utf8_make_valid(s, -1);
	nfc = g_utf8_normalize(valid, -1, G_NORMALIZE_NFC);
	g_free(valid);
	if (nfc == NULL)
		return (g_strdup(""));
	out = g_string_sized_new(strlen(nfc));
	for (p = nfc; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (is_space(c) || c < 0x20 || c == 0x7f) {
			pending = out->len > 0;
			continue;
		}
		if (pending)
			g_string_append_c(out, ' ');
		pending = false;
		g_string_append_unichar(out, c);
	}
	g_free(nfc);
	return (g_string_free(out, FALSE));
}

char *
text_key(const char *s)
{
	GString		*out;
	char		*valid, *nfd;
	const char	*p;
	bool		 pending = false;

	if (s == NULL)
		return (NULL);
	valid = g_utf8_make_valid(s, -1);
	nfd = g_utf8_normalize(valid, -1, G_NORMALIZE_NFD);
	g_free(valid);
	if (nfd == NULL)
		return (g_strdup(""));
	out = g_string_sized_new(strlen(nfd));
	for (p = nfd; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

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
	g_free(nfd);
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
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2)
			return (false);
		if (!is_space(c) && c >= 0x20)
			return (false);
	}
	return (true);
}
