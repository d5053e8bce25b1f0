/* rfc2047.c: encoded-words to UTF-8. Pure; words that do not parse are
 * kept as the literal text they are, as RFC 2047 §6.3 asks. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "parsers/rfc2047.h"

struct word {
	char		*charset;	/* lower case, language dropped */
	GByteArray	*bytes;
	const char	*end;		/* just past "?=" */
};

static int	word_parse(const char *, struct word *);
static void	flush(GString *, char **, GByteArray *);

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* One "=?charset?enc?text?=" at p; 0 and *w filled, or -1. */
static int
word_parse(const char *p, struct word *w)
{
	const char	*cs, *q, *text, *end;
	char		 enc;

	if (p[0] != '=' || p[1] != '?')
		return (-1);
	cs = p + 2;
	if ((q = strchr(cs, '?')) == NULL || q == cs || q[1] == '\0' ||
	    q[2] != '?')
		return (-1);
	enc = g_ascii_toupper(q[1]);
	if (enc != 'B' && enc != 'Q')
		return (-1);
	text = q + 3;
	if ((end = strstr(text, "?=")) == NULL)
		return (-1);
	for (const char *c = text; c < end; c++)
		if (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n')
			return (-1);
	w->charset = g_ascii_strdown(cs, q - cs);
	if (strchr(w->charset, '*') != NULL)	/* RFC 2231 language */
		*strchr(w->charset, '*') = '\0';
	w->bytes = g_byte_array_new();
	if (enc == 'B') {
		char	*b64 = g_strndup(text, end - text);
		gsize	 n = 0;
		guchar	*raw;

		/* GLib stops at bad characters on its own; padding inside a
		 * word is where GMime fails, and it is fine here. */
		raw = g_base64_decode(b64, &n);
		g_byte_array_append(w->bytes, raw, n);
		g_free(raw);
		g_free(b64);
	} else {
		for (const char *c = text; c < end; c++) {
			guint8 b = (guint8)*c;

			if (*c == '_')
				b = ' ';
			else if (*c == '=' && c + 2 < end &&
			    hexval(c[1]) >= 0 && hexval(c[2]) >= 0) {
				b = (guint8)(hexval(c[1]) * 16 + hexval(c[2]));
				c += 2;
			}
			g_byte_array_append(w->bytes, &b, 1);
		}
	}
	w->end = end + 2;
	return (0);
}

/* Appends pending bytes in *charset to out as UTF-8. */
static void
flush(GString *out, char **charset, GByteArray *pending)
{
	char	*utf8, *valid;
	gsize	 n = 0;

	if (*charset == NULL)
		return;
	/* A word that decodes to nothing ("=?utf-8?B?####?=") leaves an
	 * array that never had storage: its data is NULL, which g_convert
	 * refuses with a CRITICAL. */
	if (pending->len == 0)
		goto out;
	utf8 = g_convert((const char *)pending->data, pending->len, "UTF-8",
	    *charset, NULL, &n, NULL);
	if (utf8 == NULL)	/* an unknown charset: keep what is valid */
		utf8 = g_strndup((const char *)pending->data, pending->len);
	valid = g_utf8_make_valid(utf8, -1);
	g_string_append(out, valid);
	g_free(valid);
	g_free(utf8);
	g_byte_array_set_size(pending, 0);
out:
	g_free(*charset);
	*charset = NULL;
}

char *
rfc2047_decode(const char *s)
{
	GString		*out;
	GByteArray	*pending;
	char		*charset = NULL, *r;
	const char	*p, *gap = NULL;
	bool		 any = false, last_word = false;

	if (s == NULL || strstr(s, "=?") == NULL)
		return (NULL);
	out = g_string_new(NULL);
	pending = g_byte_array_new();
	for (p = s; *p != '\0';) {
		struct word w;

		if (p[0] == '=' && p[1] == '?' && word_parse(p, &w) == 0) {
			if (charset != NULL && strcmp(charset, w.charset) != 0)
				flush(out, &charset, pending);
			/* white space between two words is dropped */
			if (!last_word && gap != NULL)
				g_string_append_len(out, gap, p - gap);
			if (charset == NULL)
				charset = g_strdup(w.charset);
			g_byte_array_append(pending, w.bytes->data,
			    w.bytes->len);
			g_byte_array_free(w.bytes, TRUE);
			g_free(w.charset);
			p = w.end;
			gap = NULL;
			any = last_word = true;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			if (gap == NULL)
				gap = p;
			p++;
			continue;
		}
		flush(out, &charset, pending);
		if (gap != NULL)
			g_string_append_len(out, gap, p - gap);
		gap = NULL;
		last_word = false;
		g_string_append_c(out, *p++);
	}
	flush(out, &charset, pending);
	if (gap != NULL)
		g_string_append(out, gap);
	g_byte_array_free(pending, TRUE);
	r = g_string_free(out, FALSE);
	if (!any) {
		g_free(r);
		return (NULL);
	}
	/* Text outside the words is kept as is, raw 8-bit bytes too; the
	 * result is promised UTF-8. */
	if (!g_utf8_validate(r, -1, NULL)) {
		char *valid = g_utf8_make_valid(r, -1);

		g_free(r);
		r = valid;
	}
	return (r);
}
