/* form-cover.c: a unit's cover letter (công văn): a letterhead, a "Kính
 * gửi" and a "V/v …" subject, with no list of its own. It must never claim
 * a document another recogniser knows: it scores below every form's own
 * title, subject, caption and table, so a list or a Mẫu typed as a letter
 * stays what it is. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

/* Below FORM_SCORE_TABLE: any form of ours, even one known only by the
 * shape of its table, wins over "a letter". */
#define COVER_SCORE	40

/* Bytes of a letter's number: "15/2024/QĐ-UBND" takes 16; a longer run
 * is a sentence, not a number. */
#define COVER_NUMBER_MAX	40

/* Years a letter's date may have; any other is a misreading. */
#define COVER_YEAR_MIN	1990
#define COVER_YEAR_MAX	2099

static int	 cover_score(const struct docbody *,
		    const struct form_lines *);
static void	 cover_read(const struct docbody *,
		    const struct form_lines *, struct form *);
static size_t	 cover_subject(const struct form_lines *);
static size_t	 cover_header_end(const struct form_lines *);
static bool	 is_separator(gunichar);
static char	*number_of(const char *);
static int	 word_number(char *const *, size_t *, size_t);
static char	*date_of(const char *);

const struct form_recogniser form_cover = {
	.name = "cover_letter",
	.score = cover_score,
	.read = cover_read,
};

/* The subject line ("V/v …", "Về việc …"), which the decree on
 * administrative documents places under the number, before "Kính gửi";
 * its index, or ls->n. */
static size_t
cover_subject(const struct form_lines *ls)
{
	for (size_t i = 0; i < ls->n && i < FORM_TITLE_LINES; i++) {
		const char *k = ls->v[i].key;

		if ((form_key_starts(k, "v v") || form_key_starts(k,
		    "ve viec")) && strchr(k, ' ') != NULL &&
		    strlen(k) > strlen("ve viec"))
			return (i);
	}
	return (ls->n);
}

static int
cover_score(const struct docbody *body, const struct form_lines *lines)
{
	size_t	 v = cover_subject(lines);
	char	*org, *to;
	int	 score = 0;

	(void)body;
	if (v == lines->n)
		return (0);
	org = form_organization(lines, v);
	to = form_addressee(lines, lines->n);
	if (org != NULL && to != NULL)
		score = COVER_SCORE;
	g_free(org);
	g_free(to);
	return (score);
}

static void
cover_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	size_t v = cover_subject(lines);

	(void)body;
	f->kind = KIND_COVER_LETTER;
	if (v == lines->n)
		return;
	f->title = g_strdup(lines->v[v].text);
	f->organization = form_organization(lines, v);
	f->addressee = form_addressee(lines, lines->n);
	/* The number stands above the subject; the date may sit beside
	 * either, in the right column, but always above "Kính gửi". */
	f->doc_number = form_doc_number(lines, v);
	f->doc_date = form_doc_date(lines, cover_header_end(lines));
}

/* The "Kính gửi" line, which ends the header; else FORM_TITLE_LINES. */
static size_t
cover_header_end(const struct form_lines *ls)
{
	size_t i;

	for (i = 0; i < ls->n && i < FORM_TITLE_LINES; i++)
		if (form_key_is_kinh_gui(ls->v[i].key))
			break;
	return (i);
}

/* '/' or a dash as people type them ("215–CV/HU"). */
static bool
is_separator(gunichar c)
{
	return (c == '/' || c == '-' || c == 0x2010 || c == 0x2011 ||
	    c == 0x2013 || c == 0x2212);
}

/*
 * The number of a "Số: 215-CV/HU" line s (its first word is "Số"), or
 * NULL: digits first, then '/' or '-' and the letters of a symbol, as the
 * rules on administrative documents write it. Spaces next to a separator
 * are dropped ("301 /BC-HU" is "301/BC-HU"), dashes become '-'; the
 * number ends at any other space or mark (a date in the right column).
 */
static char *
number_of(const char *s)
{
	GString		*n;
	const char	*p = s;
	bool		 letter = false;

	while (*p != '\0' && g_unichar_isalpha(g_utf8_get_char(p)))
		p = g_utf8_next_char(p);
	p += strspn(p, " :.");
	if (!g_ascii_isdigit(*p))
		return (NULL);
	n = g_string_new(NULL);
	while (*p != '\0' && n->len <= COVER_NUMBER_MAX) {
		gunichar c = g_utf8_get_char(p);

		if (c == ' ') {
			const char *q = p + strspn(p, " ");

			if (strchr("/-", n->str[n->len - 1]) == NULL &&
			    !is_separator(g_utf8_get_char(q)))
				break;
			p = q;
			continue;
		}
		if (is_separator(c))
			g_string_append_c(n, c == '/' ? '/' : '-');
		else if (c == '.' || (c < 0x80 && g_ascii_isdigit(c)))
			g_string_append_c(n, (char)c);
		else if (g_unichar_isalpha(c)) {
			g_string_append_unichar(n, c);
			letter = true;
		} else
			break;
		p = g_utf8_next_char(p);
	}
	while (n->len > 0 && strchr("/-.", n->str[n->len - 1]) != NULL)
		g_string_truncate(n, n->len - 1);
	if (n->len > COVER_NUMBER_MAX || !letter ||
	    strpbrk(n->str, "/-") == NULL) {
		g_string_free(n, TRUE);
		return (NULL);
	}
	return (g_string_free(n, FALSE));
}

/* The first readable number on a "Số" line in lines [0, end). */
char *
form_doc_number(const struct form_lines *ls, size_t end)
{
	char *n = NULL;

	for (size_t i = 0; i < end && i < ls->n && n == NULL; i++) {
		const struct form_line *l = &ls->v[i];

		if (form_key_starts(l->key, "so"))
			n = number_of(l->left != NULL ? l->left : l->text);
	}
	return (n);
}

/* The number of at most max digits at word *i of v, or -1; *i moves
 * past it. */
static int
word_number(char *const *v, size_t *i, size_t max)
{
	const char	*w = v[*i];
	size_t		 len;
	int		 n = 0;

	if (w == NULL)
		return (-1);
	len = strlen(w);
	if (len == 0 || len > max || strspn(w, "0123456789") != len)
		return (-1);
	for (size_t k = 0; k < len; k++)
		n = n * 10 + (w[k] - '0');
	(*i)++;
	return (n);
}

/*
 * The day a key ends with, "mo duc ngay 08 thang 5 nam 2024" or "ngay 8
 * 5 2024", as yyyy-mm-dd; NULL when there is none or it does not exist.
 * A number before "ngày" makes it a citation ("Công văn số 1871-CV/VPTU
 * ngày 16/4/2024"), not the letter's own date; so do words after it.
 */
static char *
date_of(const char *key)
{
	char	**v = g_strsplit(key, " ", -1);
	char	 *r = NULL;
	size_t	  i;
	int	  d, m, y;

	for (i = 0; v[i] != NULL; i++) {
		if (strcmp(v[i], "ngay") == 0)
			break;
		if (strpbrk(v[i], "0123456789") != NULL)
			goto out;
	}
	if (v[i] == NULL)
		goto out;
	i++;
	d = word_number(v, &i, 2);
	if (v[i] != NULL && strcmp(v[i], "thang") == 0)
		i++;
	m = word_number(v, &i, 2);
	if (v[i] != NULL && strcmp(v[i], "nam") == 0)
		i++;
	y = word_number(v, &i, 4);
	if (d < 1 || m < 1 || y < COVER_YEAR_MIN || y > COVER_YEAR_MAX ||
	    v[i] != NULL || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m,
	    (GDateYear)y))
		goto out;
	r = g_strdup_printf("%04d-%02d-%02d", y, m, d);
out:
	g_strfreev(v);
	return (r);
}

/*
 * The letter's date in lines [0, end): the first line that ends with
 * one, read whole or, past a left column ("Số 215-CV/HU" or the subject
 * beside "Mộ Đức, ngày …"), in its right part only.
 */
char *
form_doc_date(const struct form_lines *ls, size_t end)
{
	char *d = NULL;

	for (size_t i = 0; i < end && i < ls->n && d == NULL; i++) {
		const struct form_line	*l = &ls->v[i];
		bool			 subject = form_key_starts(l->key,
					    "v v") || form_key_starts(l->key,
					    "ve viec");

		if (!subject)
			d = date_of(l->key);
		if (d == NULL && l->left != NULL &&
		    strlen(l->text) > strlen(l->left) &&
		    g_str_has_prefix(l->text, l->left)) {
			char *k = text_key(l->text + strlen(l->left));

			d = date_of(k);
			g_free(k);
		}
	}
	return (d);
}
