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

/* The words (text_key) that say a body's level, right before its place:
 * a district's, town's or city's committee, or the place itself as the
 * people's committee writes it ("UBND huyện Ba Tơ")... */
static const char *const district_kinds[] = {
	"huyen uy", "thi uy", "thanh uy", "huyen", "thi xa", "thanh pho",
};
/* ...and a commune's, township's or ward's, after the body's own words
 * ("đảng ủy", "ủy ban nhân dân", "UBND", "đảng bộ") or first: "xã" alone
 * is no commune in "thị xã", nor "phường" in "địa phương". */
static const char *const commune_kinds[] = { "xa", "thi tran", "phuong" };
static const char *const commune_bodies[] = { "uy", "dan", "ubnd", "bo" };

static char	**address_words(const char *);
static char	 *squeezed(const char *const *, size_t);
static bool	  has_word(char *const *, const char *);
static size_t	  words_at(char *const *, size_t, size_t, const char *);
static size_t	  words_before(char *const *, size_t, const char *);
static char	 *words_join(char *const *, size_t, size_t);

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

/* How many words of the key phrase (text_key words) stand at w[i], within
 * the first n words: all of them, or 0. */
static size_t
words_at(char *const *w, size_t n, size_t i, const char *phrase)
{
	char	**p = g_strsplit(phrase, " ", -1);
	size_t	  k = g_strv_length(p), j;

	for (j = 0; j < k && i + j < n; j++)
		if (strcmp(w[i + j], p[j]) != 0)
			break;
	g_strfreev(p);
	return (j == k ? k : 0);
}

/* Same, for the phrase ending right before w[end]. */
static size_t
words_before(char *const *w, size_t end, const char *phrase)
{
	char	**p = g_strsplit(phrase, " ", -1);
	size_t	  k = g_strv_length(p);

	g_strfreev(p);
	return (k <= end ? words_at(w, end, end - k, phrase) : 0);
}

/* Words i to end - 1 joined by spaces (g_free). */
static char *
words_join(char *const *w, size_t i, size_t end)
{
	GString	*s = g_string_new(NULL);

	for (; i < end; i++)
		g_string_append_printf(s, "%s%s", s->len ? " " : "", w[i]);
	return (g_string_free(s, FALSE));
}

enum place_level
places_level(const char *name, char **place_r)
{
	enum place_level	  level = PLACE_UNKNOWN;
	char			 *key, **w, *place = NULL;
	size_t			  n, k = 0, at, end;

	if (place_r != NULL)
		*place_r = NULL;
	if (name == NULL)
		return (PLACE_UNKNOWN);
	key = text_key(name);
	w = g_strsplit(key, " ", -1);
	n = *key != '\0' ? g_strv_length(w) : 0;
	/* "… tỉnh Quảng Ngãi": the province adds nothing to the level */
	if (n > 3 && words_before(w, n, "tinh quang ngai") > 0)
		n -= 3;

	/* A commune first: "Đảng ủy thị trấn Ba Tơ" ends as its district's
	 * name does. Its place runs to the district it may name after it. */
	for (at = 0; at < n; at++) {
		bool body = at == 0;

		for (size_t b = 0; !body && b < G_N_ELEMENTS(commune_bodies);
		    b++)
			body = strcmp(w[at - 1], commune_bodies[b]) == 0;
		for (size_t c = 0; body && k == 0 &&
		    c < G_N_ELEMENTS(commune_kinds); c++)
			k = words_at(w, n, at, commune_kinds[c]);
		if (k > 0)
			break;
	}
	if (k > 0) {
		at += k;
		for (end = at; end < n && strcmp(w[end], "huyen") != 0 &&
		    words_at(w, n, end, "thi xa") == 0 &&
		    words_at(w, n, end, "thanh pho") == 0; end++)
			;
		if (end > at) {
			level = PLACE_COMMUNE;
			place = words_join(w, at, end);
		}
	}

	/* A district, town or city: one of the province's places, last,
	 * right after the words of its kind. */
	for (size_t p = 0; level == PLACE_UNKNOWN &&
	    p < G_N_ELEMENTS(places); p++) {
		char	*pk = text_key(places[p].name);
		size_t	 m = words_before(w, n, pk);

		for (size_t d = 0; m > 0 && level == PLACE_UNKNOWN &&
		    d < G_N_ELEMENTS(district_kinds); d++)
			if (words_before(w, n - m, district_kinds[d]) > 0) {
				level = PLACE_DISTRICT;
				place = g_strdup(pk);
			}
		g_free(pk);
	}
	g_strfreev(w);
	g_free(key);
	if (place_r != NULL)
		*place_r = place;
	else
		g_free(place);
	return (level);
}

enum place_relation
places_relation(const char *a, const char *b)
{
	enum place_level	 la, lb;
	enum place_relation	 r = PLACES_UNTOLD;
	char			*pa = NULL, *pb = NULL;

	la = places_level(a, &pa);
	lb = places_level(b, &pb);
	if (la == PLACE_DISTRICT && lb == PLACE_COMMUNE)
		r = PLACES_ABOVE;
	else if (la == PLACE_COMMUNE && lb == PLACE_DISTRICT)
		r = PLACES_BELOW;
	else if (la != PLACE_UNKNOWN && la == lb)
		r = strcmp(pa, pb) == 0 ? PLACES_SAME : PLACES_PEERS;
	g_free(pa);
	g_free(pb);
	return (r);
}
