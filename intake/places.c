/* places.c: the province's districts, town and city, and which of them a
 * mailbox's address names. It must never take a place for one that is
 * only part of a longer word. */
#include <string.h>

#include <glib.h>

#include "intake/places.h"
#include "lib/text.h"

/* Quảng Ngãi's district-level units (Tây Trà joined Trà Bồng in 2020),
 * each with the party committee that writes for it. */
static const struct place {
	const char	*name;
	const char	*committee;
	bool		 by_address;	/* an address can name it */
} places[] = {
	{ "Bình Sơn", "Huyện ủy Bình Sơn", true },
	{ "Sơn Tịnh", "Huyện ủy Sơn Tịnh", true },
	{ "Tư Nghĩa", "Huyện ủy Tư Nghĩa", true },
	{ "Nghĩa Hành", "Huyện ủy Nghĩa Hành", true },
	{ "Mộ Đức", "Huyện ủy Mộ Đức", true },
	{ "Ba Tơ", "Huyện ủy Ba Tơ", true },
	{ "Minh Long", "Huyện ủy Minh Long", true },
	{ "Sơn Hà", "Huyện ủy Sơn Hà", true },
	{ "Sơn Tây", "Huyện ủy Sơn Tây", true },
	{ "Trà Bồng", "Huyện ủy Trà Bồng", true },
	{ "Lý Sơn", "Huyện ủy Lý Sơn", true },
	{ "Đức Phổ", "Thị ủy Đức Phổ", true },
	/* the province's own name: every address of its domain has it */
	{ "Quảng Ngãi", "Thành ủy Quảng Ngãi", false },
};

static char	**address_words(const char *);
static char	 *squeezed(const char *const *, size_t);
static bool	  has_word(char *const *, const char *);

/* The words of an address in lower case, split at whatever is not an
 * ASCII letter: ".", "_", "-", "@", digits. */
static char **
address_words(const char *address)
{
	GPtrArray	*w = g_ptr_array_new();
	const char	*p = address, *start;

	while (*p != '\0') {
		while (*p != '\0' && !g_ascii_isalpha(*p))
			p++;
		for (start = p; g_ascii_isalpha(*p); p++)
			;
		if (p > start)
			g_ptr_array_add(w, g_ascii_strdown(start, p - start));
	}
	g_ptr_array_add(w, NULL);
	return ((char **)g_ptr_array_free(w, FALSE));
}

/* n words of a text_key joined without spaces: "son", "tinh" → "sontinh". */
static char *
squeezed(const char *const *words, size_t n)
{
	GString	*s = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		g_string_append(s, words[i]);
	return (g_string_free(s, FALSE));
}

static bool
has_word(char *const *words, const char *w)
{
	for (size_t i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], w) == 0)
			return (true);
	return (false);
}

const char *
places_district(const char *address)
{
	const char	*found = NULL;
	char		**words;
	size_t		  n = 0;

	if (address == NULL)
		return (NULL);
	words = address_words(address);
	for (size_t i = 0; i < G_N_ELEMENTS(places); i++) {
		char	*key = text_key(places[i].name);
		char	**kw = g_strsplit(key, " ", -1);
		char	*w = squeezed((const char *const *)kw,
			    g_strv_length(kw));

		if (places[i].by_address && has_word(words, w)) {
			found = places[i].committee;
			n++;
		}
		g_free(w);
		g_strfreev(kw);
		g_free(key);
	}
	g_strfreev(words);
	/* two places: neither is known to be the sender's */
	return (n == 1 ? found : NULL);
}

bool
places_address_names(const char *address, const char *name)
{
	char	**words, *key, **kw;
	size_t	  n;
	bool	  named = false;

	if (address == NULL || name == NULL)
		return (false);
	words = address_words(address);
	key = text_key(name);
	kw = g_strsplit(key, " ", -1);
	n = *key != '\0' ? g_strv_length(kw) : 0;
	/* two words at least: one syllable ("phong") names no place */
	for (size_t k = 2; k <= n && !named; k++) {
		char *w = squeezed((const char *const *)kw + n - k, k);

		named = has_word(words, w);
		g_free(w);
	}
	g_strfreev(kw);
	g_free(key);
	g_strfreev(words);
	return (named);
}
