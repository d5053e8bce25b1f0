/* wording.c: names, numbers and dates as a clerk of the Văn phòng Tỉnh ủy
 * writes them. Pure. It must never invent a word: it only re-cases and
 * re-spaces what it was given, and writes out the abbreviations of
 * bodies' names (abbrevs[]) that a letter never uses. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "lib/zone.h"
#include "outbox/wording.h"

/* After the phrase, the words up to the next known phrase or connector
 * are a place name: each takes a capital ("Huyện ủy" Sơn Tịnh). */
#define NAME_FOLLOWS	0x1
/* After the phrase, only the next word takes a capital ("Ban" Tuyên
 * giáo, "Ban" Tổ chức). */
#define NEXT_CAPITAL	0x2

struct phrase {
	const char	*lower;		/* space-separated, lower case, NFC */
	const char	*cased;
	int		 flags;
};

/* Longest first where one begins another (the search takes the first
 * match, so "tỉnh ủy" must come before "tỉnh"). */
static const struct phrase phrases[] = {
	{ "đảng cộng sản việt nam", "Đảng Cộng sản Việt Nam", 0 },
	{ "ủy ban mặt trận tổ quốc việt nam",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam", 0 },
	{ "đoàn thanh niên cộng sản hồ chí minh",
	    "Đoàn Thanh niên Cộng sản Hồ Chí Minh", 0 },
	{ "ủy ban kiểm tra", "Ủy ban Kiểm tra", 0 },
	{ "ủy ban nhân dân", "Ủy ban nhân dân", 0 },
	{ "ủy ban", "Ủy ban", 0 },
	{ "hội đồng nhân dân", "Hội đồng nhân dân", 0 },
	{ "đài phát thanh và truyền hình", "Đài Phát thanh và Truyền hình",
	    0 },
	{ "tuyên giáo và dân vận", "Tuyên giáo và Dân vận", 0 },
	{ "cơ quan và doanh nghiệp", "Cơ quan và Doanh nghiệp", 0 },
	{ "hội liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ", 0 },
	{ "hội cựu chiến binh", "Hội Cựu chiến binh", 0 },
	{ "hội nông dân", "Hội Nông dân", 0 },
	{ "liên đoàn lao động", "Liên đoàn Lao động", 0 },
	{ "bộ chỉ huy quân sự", "Bộ Chỉ huy Quân sự", 0 },
	{ "trường chính trị", "Trường Chính trị", 0 },
	{ "đảng ủy khối", "Đảng ủy khối", 0 },
	{ "ban chấp hành", "Ban Chấp hành", 0 },
	{ "văn phòng", "Văn phòng", 0 },
	{ "tỉnh ủy", "Tỉnh ủy", NAME_FOLLOWS },
	{ "huyện ủy", "Huyện ủy", NAME_FOLLOWS },
	{ "thị ủy", "Thị ủy", NAME_FOLLOWS },
	{ "thành ủy", "Thành ủy", NAME_FOLLOWS },
	{ "tỉnh đoàn", "Tỉnh đoàn", NAME_FOLLOWS },
	{ "huyện đoàn", "Huyện đoàn", NAME_FOLLOWS },
	{ "đảng ủy", "Đảng ủy", 0 },
	{ "đảng bộ", "Đảng bộ", 0 },
	{ "công an", "Công an", 0 },
	{ "quân sự", "Quân sự", 0 },
	{ "thị trấn", "thị trấn", NAME_FOLLOWS },
	{ "thị xã", "thị xã", NAME_FOLLOWS },
	{ "thành phố", "thành phố", NAME_FOLLOWS },
	{ "tỉnh", "tỉnh", NAME_FOLLOWS },
	{ "huyện", "huyện", NAME_FOLLOWS },
	{ "xã", "xã", NAME_FOLLOWS },
	{ "phường", "phường", NAME_FOLLOWS },
	{ "báo", "Báo", NAME_FOLLOWS },
	{ "ban", "Ban", NEXT_CAPITAL },
	{ "việt nam", "Việt Nam", 0 },
	{ "hồ chí minh", "Hồ Chí Minh", 0 },
	{ "quảng ngãi", "Quảng Ngãi", 0 },
	{ "và", "và", 0 },
	{ "các", "các", 0 },
};

/*
 * Abbreviations a mailbox's display name or a form uses and a letter
 * writes out (NĐ 30/2020: a body is named in full). The two-letter ones
 * only in a name typed in mixed case ("VP Huyện ủy Nghĩa Hành", "Văn
 * Phòng HU Tư Nghĩa"): in capitals without marks, "TU" may be the word
 * "TƯ" of "TU NGHIA".
 */
static const struct {
	const char	*abbr;
	const char	*full;
} abbrevs[] = {
	{ "UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam" },
	{ "UBMTTQ", "Ủy ban Mặt trận Tổ quốc" },
	{ "MTTQVN", "Mặt trận Tổ quốc Việt Nam" },
	{ "MTTQ", "Mặt trận Tổ quốc" },
	{ "UBND", "Ủy ban nhân dân" },
	{ "HĐND", "Hội đồng nhân dân" },
	{ "UBKT", "Ủy ban Kiểm tra" },
	{ "CQ&DN", "Cơ quan và Doanh nghiệp" },
	{ "VP", "Văn phòng" },
	{ "HU", "Huyện ủy" },
	{ "TU", "Tỉnh ủy" },
	{ "ĐU", "Đảng ủy" },
	{ "DU", "Đảng ủy" },
};

static char	*capital(const char *);
static bool	 is_acronym(const char *);
static size_t	 match(char **, size_t, const struct phrase *);
static char	*expand(const char *);
static char	*recase(const char *);
static char	*place(const char *);
static char	*unit_cased(const char *);
static char	*fold(const char *);

/* The word with its first letter in upper case. */
static char *
capital(const char *w)
{
	gunichar	 c = g_utf8_get_char(w);
	char		 buf[8];
	int		 n;

	n = g_unichar_to_utf8(g_unichar_toupper(c), buf);
	buf[n] = '\0';
	return (g_strconcat(buf, g_utf8_next_char(w), NULL));
}

/* An abbreviation keeps its capitals: a word with no vowel (MTTQ, HĐND)
 * or one of those that have one. */
static bool
is_acronym(const char *w)
{
	static const char *const known[] = { "ubnd", "mttqvn", "ubkt",
	    "ubmttq", "tnhh", "vnpt", NULL };
	char	*d;
	bool	 vowel = false;

	for (size_t i = 0; known[i] != NULL; i++)
		if (strcmp(w, known[i]) == 0)
			return (true);
	d = g_utf8_normalize(w, -1, G_NORMALIZE_NFD);

	for (const char *p = d; p != NULL && *p != '\0' && !vowel; p++)
		vowel = strchr("aeiouyAEIOUY", *p) != NULL;
	g_free(d);
	return (!vowel && g_utf8_strlen(w, -1) >= 2);
}

/* How many words of w (from 0) the phrase covers, or 0. The phrase's
 * words are compared where they stand: every letter tries every phrase
 * at every word, and splitting each was most of a letter's wording. */
static size_t
match(char **w, size_t n, const struct phrase *p)
{
	const char	*s = p->lower, *e;
	size_t		 i, len;

	for (i = 0; *s != '\0'; i++) {
		len = (e = strchr(s, ' ')) != NULL ? (size_t)(e - s) :
		    strlen(s);
		if (i >= n || strncmp(w[i], s, len) != 0 || w[i][len] != '\0')
			return (0);
		s = e != NULL ? e + 1 : s + len;
	}
	return (i);
}

/* s with the abbreviations of abbrevs[] written out, one space between
 * words, NFC (g_free). A word keeps the punctuation around it ("HU,"). */
static char *
expand(const char *s)
{
	GString		*out = g_string_new(NULL);
	char		*nfc, **w;
	bool		 mixed = false;

	if ((nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC)) == NULL)
		return (g_strstrip(g_strdup(s)));
	for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char(p))
		mixed |= g_unichar_islower(g_utf8_get_char(p));
	w = g_strsplit_set(g_strstrip(nfc), " \t\r\n", -1);
	for (size_t i = 0; w[i] != NULL; i++) {
		const char	*word = w[i], *end;
		const char	*full = NULL;
		size_t		 lead, len;

		if (*word == '\0')
			continue;
		lead = strspn(word, "(\"'");
		end = word + strlen(word);
		while (end > word + lead && strchr(",.;:)\"'", end[-1]) != NULL)
			end--;
		len = (size_t)(end - word) - lead;
		for (size_t a = 0; a < G_N_ELEMENTS(abbrevs) && full == NULL;
		    a++)
			if (strlen(abbrevs[a].abbr) == len && strncmp(word +
			    lead, abbrevs[a].abbr, len) == 0 && (mixed ||
			    g_utf8_strlen(abbrevs[a].abbr, -1) > 2))
				full = abbrevs[a].full;
		if (out->len > 0)
			g_string_append_c(out, ' ');
		if (full == NULL) {
			g_string_append(out, word);
			continue;
		}
		g_string_append_len(out, word, (gssize)lead);
		g_string_append(out, full);
		g_string_append(out, end);
	}
	g_strfreev(w);
	g_free(nfc);
	return (g_string_free(out, FALSE));
}

/* s's words (split at single spaces; g_strfreev), lowered when lower,
 * "uỷ" written "ủy" as the letter writes it (the old keyboards place
 * the mark on the y): the phrases are matched on these. */
static char **
words_of(const char *s, bool lower)
{
	char	**w = g_strsplit(s, " ", -1);

	for (size_t i = 0; w[i] != NULL; i++) {
		char	*l = lower ? g_utf8_strdown(w[i], -1) : NULL;
		GString	*fix = g_string_new(l != NULL ? l : w[i]);

		g_string_replace(fix, "uỷ", "ủy", 0);
		g_free(l);
		g_free(w[i]);
		w[i] = g_string_free(fix, FALSE);
	}
	return (w);
}

/* A name typed in mixed case, its known phrases cased as the letter
 * cases them ("Văn Phòng Huyện Ủy" → "Văn phòng Huyện ủy"); other
 * words as typed, the first word's capital kept. */
static char *
recase(const char *s)
{
	GString	*out = g_string_new(NULL);
	char	**w = g_strsplit(s, " ", -1), **low = words_of(s, true);
	size_t	 n = g_strv_length(w), k = 0;

	while (k < n) {
		size_t len = 0;
		const struct phrase *ph = NULL;

		for (size_t i = 0; i < G_N_ELEMENTS(phrases) && ph == NULL;
		    i++)
			if ((len = match(low + k, n - k, &phrases[i])) > 0)
				ph = &phrases[i];
		if (out->len > 0)
			g_string_append_c(out, ' ');
		if (ph == NULL) {
			g_string_append(out, w[k++]);
			continue;
		}
		if (k == 0) {
			char *c = capital(ph->cased);

			g_string_append(out, c);
			g_free(c);
		} else
			g_string_append(out, ph->cased);
		k += len;
	}
	g_strfreev(w);
	g_strfreev(low);
	return (g_string_free(out, FALSE));
}

char *
wording_expand(const char *text)
{
	return (text != NULL ? expand(text) : NULL);
}

char *
wording_name(const char *display)
{
	char	*e, *r;
	bool	 lower = false;

	if (display == NULL)
		return (NULL);
	for (const char *p = display; *p != '\0'; p = g_utf8_next_char(p))
		lower |= g_unichar_islower(g_utf8_get_char(p));
	/* in capitals, as a letterhead */
	if (!lower)
		return (wording_unit(display));
	e = expand(display);
	r = recase(e);
	g_free(e);
	return (r);
}

char *
wording_in_province(const char *unit, const char *province)
{
	char	*u, *r, *t;

	if (unit == NULL)
		return (NULL);
	u = fold(unit);
	t = g_strstrip(g_strdup(unit));
	/* "Ban Tuyên giáo Tỉnh ủy", "Đảng ủy khối … tỉnh", "Hội Nông dân
	 * tỉnh": the Cục serves every province */
	if (province != NULL && *province != '\0' &&
	    (g_str_has_suffix(u, " tỉnh ủy") || strcmp(u, "tỉnh ủy") == 0 ||
	    g_str_has_suffix(u, " tỉnh") || g_str_has_suffix(u, " tỉnh đoàn")))
		r = g_strconcat(t, " ", province, NULL);
	else
		r = g_strdup(t);
	g_free(t);
	g_free(u);
	return (r);
}

char *
wording_unit(const char *letterhead)
{
	char	*cased, *r;

	if ((cased = unit_cased(letterhead)) == NULL)
		return (NULL);
	r = expand(cased);
	g_free(cased);
	return (r);
}

/* wording_unit before its abbreviations are written out. */
static char *
unit_cased(const char *letterhead)
{
	GString		*out;
	GPtrArray	*words;
	char		*nfc, **parts, *s;
	const gchar	*p;
	size_t		 n, k = 0;
	bool		 any_lower = false, name = false, next = false;

	if (letterhead == NULL)
		return (NULL);
	nfc = g_utf8_normalize(letterhead, -1, G_NORMALIZE_NFC);
	if (nfc == NULL)
		return (g_strstrip(g_strdup(letterhead)));
	/* one space between words, none around them */
	parts = g_strsplit_set(g_strstrip(nfc), " \t\r\n", -1);
	words = g_ptr_array_new();
	for (size_t i = 0; parts[i] != NULL; i++)
		if (*parts[i] != '\0')
			g_ptr_array_add(words, parts[i]);
	g_ptr_array_add(words, NULL);
	s = g_strjoinv(" ", (char **)words->pdata);
	g_ptr_array_free(words, TRUE);
	g_strfreev(parts);
	g_free(nfc);
	for (p = s; *p != '\0'; p = g_utf8_next_char(p))
		any_lower |= g_unichar_islower(g_utf8_get_char(p));
	if (any_lower || *s == '\0')
		return (s);

	parts = words_of(s, true);
	g_free(s);
	n = g_strv_length(parts);
	out = g_string_new(NULL);
	while (k < n) {
		const struct phrase	*ph = NULL;
		size_t			 len = 0;
		char			*w;

		for (size_t i = 0; i < G_N_ELEMENTS(phrases) && ph == NULL;
		    i++)
			if ((len = match(parts + k, n - k, &phrases[i])) > 0)
				ph = &phrases[i];
		if (out->len > 0)
			g_string_append_c(out, ' ');
		if (ph != NULL) {
			g_string_append(out, ph->cased);
			name = (ph->flags & NAME_FOLLOWS) != 0;
			next = (ph->flags & NEXT_CAPITAL) != 0;
			k += len;
			continue;
		}
		if (strcmp(parts[k], "-") == 0 || strchr(parts[k], ',') != NULL)
			name = false;
		if (is_acronym(parts[k])) {
			w = g_utf8_strup(parts[k], -1);
			g_string_append(out, w);
			g_free(w);
		} else if (name || next || out->len == 0) {
			w = capital(parts[k]);
			g_string_append(out, w);
			g_free(w);
		} else
			g_string_append(out, parts[k]);
		next = false;
		k++;
	}
	g_strfreev(parts);
	s = g_string_free(out, FALSE);
	if (*s != '\0') {
		char *c = capital(s);

		g_free(s);
		s = c;
	}
	return (s);
}

/* s in one case, NFC, words one space apart, trimmed (g_free). */
static char *
fold(const char *s)
{
	char	*nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	char	*low, **w, *r;

	if (nfc == NULL)
		return (g_strdup(""));
	low = g_utf8_casefold(nfc, -1);
	w = g_strsplit_set(g_strstrip(low), " \t\r\n", -1);
	{
		GString *out = g_string_new(NULL);

		for (size_t i = 0; w[i] != NULL; i++) {
			if (*w[i] == '\0')
				continue;
			if (out->len > 0)
				g_string_append_c(out, ' ');
			g_string_append(out, w[i]);
		}
		r = g_string_free(out, FALSE);
	}
	g_strfreev(w);
	g_free(low);
	g_free(nfc);
	return (r);
}

#define OFFICE	"văn phòng "

/*
 * The place a body's name ends with, the words after its last place
 * phrase ("đảng ủy xã bình hải" → "bình hải", "huyện ủy tư nghĩa" → "tư
 * nghĩa"), of a folded name that begins with a body's phrase; NULL for
 * none ("ban tuyên giáo tỉnh ủy", a person's name).
 */
static char *
place(const char *folded)
{
	char		**w = words_of(folded, false), *r = NULL;
	size_t		  n = g_strv_length(w), k = 0, after = 0;
	bool		  body = false;

	while (k < n) {
		size_t len = 0;
		const struct phrase *ph = NULL;

		for (size_t i = 0; i < G_N_ELEMENTS(phrases) && ph == NULL;
		    i++)
			if ((len = match(w + k, n - k, &phrases[i])) > 0)
				ph = &phrases[i];
		if (k == 0)
			body = ph != NULL && g_unichar_isupper(
			    g_utf8_get_char(ph->cased));
		if (ph == NULL) {
			k++;
			continue;
		}
		k += len;
		if (ph->flags & NAME_FOLLOWS)
			after = k;
	}
	if (body && after > 0 && after < n)
		r = g_strjoinv(" ", w + after);
	g_strfreev(w);
	return (r);
}

/* The folded words of a name as wording_name writes it, "uỷ" as "ủy",
 * without a leading "văn phòng" (the unit's office is the unit). */
static GHashTable *
name_words(const char *name, bool *office)
{
	GHashTable	*set = g_hash_table_new_full(g_str_hash, g_str_equal,
			    g_free, NULL);
	char		*n = wording_name(name), *f = fold(n);
	char		**w = words_of(f, false);
	size_t		 i = 0;

	*office = w[0] != NULL && w[1] != NULL &&
	    strcmp(w[0], "văn") == 0 && strcmp(w[1], "phòng") == 0;
	for (i = *office ? 2 : 0; w[i] != NULL; i++) {
		char *t = w[i];
		size_t l = strlen(t);

		while (l > 0 && strchr(",.;:()", t[l - 1]) != NULL)
			t[--l] = '\0';
		if (l > 0)
			g_hash_table_add(set, g_strdup(t));
	}
	g_strfreev(w);
	g_free(f);
	g_free(n);
	return (set);
}

static bool
subset(GHashTable *a, GHashTable *b)
{
	GHashTableIter	 it;
	gpointer	 k;

	g_hash_table_iter_init(&it, a);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (!g_hash_table_contains(b, k))
			return (false);
	return (true);
}

int
wording_names_unit(const char *name, const char *unit)
{
	GHashTable	*n, *u;
	bool		 office, uoffice;
	int		 r;

	if (name == NULL || unit == NULL)
		return (0);
	n = name_words(name, &office);
	u = name_words(unit, &uoffice);
	if (g_hash_table_size(n) == 0 || g_hash_table_size(u) == 0)
		r = 0;
	else if (subset(u, n))
		r = 2;		/* every word of the unit's: as precise */
	else if (subset(n, u))
		r = 1;		/* fewer, all the unit's: a shorter name */
	else
		r = 0;
	g_hash_table_unref(n);
	g_hash_table_unref(u);
	return (r);
}

char *
wording_addressee(const char *unit, const char *display)
{
	char	*u, *d, *r = NULL, *dn, *pu = NULL, *pd = NULL;
	size_t	 ul, dl;

	dn = display != NULL ? wording_name(display) : g_strdup("");
	u = unit != NULL ? fold(unit) : g_strdup("");
	d = fold(dn);
	ul = strlen(u);
	dl = strlen(d);
	if (*u == '\0')
		r = *d != '\0' ? g_strdup(dn) : NULL;
	else if (dl > ul && strcmp(d + dl - ul, u) == 0 &&
	    d[dl - ul - 1] == ' ')
		r = g_strdup(dn);
	/* An office that passes on another unit's list (Văn phòng Huyện ủy
	 * Tư Nghĩa with Đảng ủy thị trấn La Hà's): the mail is the office's,
	 * and so is the answer; the letter names the list's unit. */
	else if (g_str_has_prefix(d, OFFICE) && dl > strlen(OFFICE) &&
	    !g_str_has_prefix(u, d + strlen(OFFICE)) &&
	    wording_names_unit(dn, unit) == 0)
		r = g_strdup(dn);
	/* So does another body of another place (Huyện ủy Bình Sơn with
	 * Đảng ủy xã Bình Hải's); the same place's other name for the
	 * unit (Đảng bộ for Đảng ủy) is the unit. */
	else if (wording_names_unit(dn, unit) == 0 &&
	    (pu = place(u)) != NULL && (pd = place(d)) != NULL &&
	    strcmp(pu, pd) != 0)
		r = g_strdup(dn);
	else
		r = g_strstrip(g_strdup(unit));
	g_free(pu);
	g_free(pd);
	g_free(u);
	g_free(d);
	g_free(dn);
	return (r);
}

char *
wording_phone(const char *number)
{
	char	 d[16];
	size_t	 n = 0;

	if (number == NULL)
		return (NULL);
	for (const char *p = number; *p != '\0'; p++) {
		if (g_ascii_isdigit(*p)) {
			if (n + 1 >= sizeof(d))
				return (g_strstrip(g_strdup(number)));
			d[n++] = *p;
		} else if (strchr(" .-+", *p) == NULL)
			return (g_strstrip(g_strdup(number)));
	}
	d[n] = '\0';
	if (n == 11 && strncmp(d, "84", 2) == 0)
		return (g_strdup_printf("0%.3s %.3s %.3s", d + 2, d + 5,
		    d + 8));
	if (n == 10 && d[0] == '0')
		return (g_strdup_printf("%.4s %.3s %.3s", d, d + 4, d + 7));
	return (g_strstrip(g_strdup(number)));
}

char *
wording_serial(const char *serial)
{
	GString	*s;
	char	*t;

	if (serial == NULL)
		return (NULL);
	t = g_strstrip(g_strdup(serial));
	s = g_string_new(NULL);
	for (const char *p = t; *p != '\0'; p++) {
		if (g_ascii_isalnum(*p))
			g_string_append_c(s, *p);
		else if (*p != ' ' || p[1] == ' ') {
			/* not groups of letters and digits */
			g_string_free(s, TRUE);
			return (t);
		}
	}
	if (s->len < 6 || s->len > 24) {
		g_string_free(s, TRUE);
		return (t);
	}
	g_free(t);
	return (g_string_free(s, FALSE));
}

/* The separators are the ones the list reader drops from an ICCID
 * (form-sim.c; a cell's no-break space is a space by then), so a letter
 * prints the number the reader checked. */
char *
wording_iccid(const char *iccid)
{
	GString	*s;
	char	*t;

	if (iccid == NULL)
		return (NULL);
	t = g_strstrip(g_strdup(iccid));
	s = g_string_new(NULL);
	for (const char *p = t; *p != '\0'; p++) {
		if (g_ascii_isdigit(*p))
			g_string_append_c(s, *p);
		else if (strchr(" .-'", *p) == NULL) {
			g_string_free(s, TRUE);
			return (t);
		}
	}
	if (s->len == 0 || s->len > 24) {
		g_string_free(s, TRUE);
		return (t);
	}
	g_free(t);
	return (g_string_free(s, FALSE));
}

char *
wording_join(const char *const *items, size_t n)
{
	GString	*s = g_string_new(NULL);
	size_t	 left = 0;

	for (size_t i = 0; i < n; i++)
		left += items[i] != NULL;
	for (size_t i = 0; i < n; i++) {
		if (items[i] == NULL)
			continue;
		left--;
		g_string_append(s, items[i]);
		if (left > 1)
			g_string_append(s, ", ");
		else if (left == 1)
			g_string_append(s, " và ");
	}
	return (g_string_free(s, FALSE));
}

char *
wording_count(size_t n)
{
	GString	*s;
	char	 digits[24];
	size_t	 len;

	if (n < 10)
		return (g_strdup_printf("%02zu", n));
	/* groups of three split by a dot, as Vietnamese writes them
	 * (5.000 thuê bao; Nghị định 30/2020/NĐ-CP) */
	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	s = g_string_sized_new(len + len / 3);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			g_string_append_c(s, '.');
		g_string_append_c(s, digits[i]);
	}
	return (g_string_free(s, FALSE));
}

char *
wording_more(size_t n, const char *what, const char *rest)
{
	char	*cnt = wording_count(n), *s;

	s = g_strdup_printf("… và %s %s khác%s", cnt, what, rest);
	g_free(cnt);
	return (s);
}

void
wording_punctuate(GPtrArray *a)
{
	for (size_t i = 0; i < a->len; i++) {
		char *t = g_strconcat(g_ptr_array_index(a, i),
		    i + 1 < a->len ? ";" : ".", NULL);

		g_free(g_ptr_array_index(a, i));
		g_ptr_array_index(a, i) = t;
	}
}

char *
wording_date(const char *rfc3339, const char *zone)
{
	int	 y, m, d;

	if (zone_day(zone, rfc3339, &y, &m, &d) == -1)
		return (NULL);
	return (g_strdup_printf(m <= 2 ? "%02d/%02d/%d" : "%02d/%d/%d", d, m,
	    y));
}
