/* form-fields.c: what the Mẫu 01–15 share: labels, "label: value" lines
 * and tables of subscribers found by their header. It must never take a
 * sentence for a label nor a key/value cell for a header.
 *
 * A header row is the first row, in the first FORM_HEADER_ROWS rows of
 * any table, whose cells are labels (no number of 7 digits or more, no
 * "label: value") that the caller's test accepts; a label row whose cells
 * continue in the next row is read with it when that names more columns.
 * Phụ lục 3 (form-sim.c) reads its header by the same rule with labels of
 * its own (struct form_header).
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

static size_t	 key_words(const char *);
static bool	 word_char(gunichar);
static size_t	 word_end(const char *, size_t);
static size_t	 word_start_from_end(const char *, size_t);
static enum form_field exact_label(const char *, size_t *);
static const char *skip_seps(const char *);
static void	 kv_add(struct form_kv *, size_t *, enum form_field,
		    const char *, size_t);
static void	 piece_fields(const char *, struct form_kv *, size_t *);
static void	 colon_fields(char **, struct form_kv *, size_t *);
static char	**split_pieces(const char *);
static bool	 is_kv_cell(const char *);
static bool	 row_is_data(const struct grid *, size_t, bool);
static size_t	 next_in_rows(const struct grid *, size_t, size_t, size_t);
static int	 classify(const struct form_header *, const struct grid *,
		    size_t, size_t, long *);
static bool	 is_colnum_row(const struct grid *, size_t);

/* Labels as people write them whole; the longest that fits is taken.
 * Used where a label runs into its value without a ':' ("ĐT 0905…") and
 * to find a label ending a piece ("Nguyễn Văn A Chức vụ: …"). */
static const struct {
	const char	*key;
	enum form_field	 field;
} exact[] = {
	{ "ho va ten", FIELD_NAME },
	{ "ho ten", FIELD_NAME },
	{ "chuc vu", FIELD_POSITION },
	{ "chuc danh", FIELD_POSITION },
	{ "so dien thoai di dong", FIELD_PHONE },
	{ "so dien thoai", FIELD_PHONE },
	{ "dien thoai di dong", FIELD_PHONE },
	{ "dien thoai", FIELD_PHONE },
	{ "so di dong", FIELD_PHONE },
	{ "di dong", FIELD_PHONE },
	{ "so dt", FIELD_PHONE },
	{ "sdt", FIELD_PHONE },
	{ "dtdd", FIELD_PHONE },
	{ "dt", FIELD_PHONE },
	{ "mobile", FIELD_PHONE },
	{ "tel", FIELD_PHONE },
	{ "dia chi thu dien tu", FIELD_EMAIL },
	{ "dia chi email", FIELD_EMAIL },
	{ "thu dien tu", FIELD_EMAIL },
	{ "email", FIELD_EMAIL },
	{ "e mail", FIELD_EMAIL },
	{ "mail", FIELD_EMAIL },
	{ "so cmnd cccd", FIELD_ID },
	{ "so cmnd", FIELD_ID },
	{ "so cccd", FIELD_ID },
	{ "cmnd", FIELD_ID },
	{ "cccd", FIELD_ID },
	{ "so hieu thiet bi luu khoa bi mat", FIELD_DEVICE },
	{ "so hieu thiet bi", FIELD_DEVICE },
	{ "so serial", FIELD_DEVICE },
	{ "so seri", FIELD_DEVICE },
	{ "serial", FIELD_DEVICE },
	{ "seri", FIELD_DEVICE },
	{ "so iccid", FIELD_DEVICE },
	{ "iccid", FIELD_DEVICE },
	{ "loai thiet bi", FIELD_DEVICE_TYPE },
	{ "co quan cong tac", FIELD_UNIT },
	{ "don vi cong tac", FIELD_UNIT },
	{ "noi cong tac", FIELD_UNIT },
	{ "ly do", FIELD_REASON },
};

#define NEXACT		(sizeof(exact) / sizeof(exact[0]))

/* Largest TT taken as a row's index. */
#define FORM_MAX_TT	999999

/* Words of the longest exact label. */
#define EXACT_WORDS	7

static size_t
key_words(const char *key)
{
	size_t n = *key != '\0';

	for (const char *p = key; *p != '\0'; p++)
		n += *p == ' ';
	return (n);
}

enum form_field
form_label_field(const char *k)
{
	static const char *const tt[] = { "tt", "stt", "t t", "so tt",
	    "so thu tu", "thu tu", NULL };

	if (k == NULL || *k == '\0' || key_words(k) > FORM_LABEL_WORDS)
		return (FIELD_NONE);
	for (size_t i = 0; tt[i] != NULL; i++)
		if (strcmp(k, tt[i]) == 0)
			return (FIELD_TT);
	/* A heading ("Người phối hợp …:"), not a field. */
	if (text_key_has(k, "phoi hop") || text_key_has(k, "dau moi") ||
	    text_key_has(k, "lien he"))
		return (FIELD_NONE);
	if (text_key_has(k, "cmnd") || text_key_has(k, "cccd") ||
	    text_key_has(k, "can cuoc") || text_key_has(k, "chung minh") ||
	    text_key_has(k, "ho chieu") || text_key_has(k, "dinh danh"))
		return (FIELD_ID);
	if (form_key_starts(k, "loai") || text_key_has(k, "loai thiet bi"))
		return (FIELD_DEVICE_TYPE);
	if (text_key_has(k, "email") || text_key_has(k, "e mail") ||
	    text_key_has(k, "thu dien tu") || text_key_has(k, "hop thu") ||
	    text_key_has(k, "mail"))
		return (FIELD_EMAIL);
	if (text_key_has(k, "dien thoai") || text_key_has(k, "sdt") ||
	    text_key_has(k, "so dt") || form_key_starts(k, "dt") ||
	    text_key_has(k, "dtdd") || text_key_has(k, "di dong") ||
	    text_key_has(k, "mobile"))
		return (FIELD_PHONE);
	if (form_key_starts(k, "ten") && (text_key_has(k, "co quan") ||
	    text_key_has(k, "don vi") || text_key_has(k, "to chuc")))
		return (FIELD_UNIT);
	if (text_key_has(k, "ho va ten") || text_key_has(k, "ho ten") ||
	    text_key_has(k, "ten thue bao") || text_key_has(k, "ten nguoi") ||
	    text_key_has(k, "ten can bo") || form_key_starts(k, "ten") ||
	    form_key_starts(k, "toi ten la"))
		return (FIELD_NAME);
	if (text_key_has(k, "chuc vu") || text_key_has(k, "chuc danh"))
		return (FIELD_POSITION);
	if (text_key_has(k, "ly do") || text_key_has(k, "nguyen nhan"))
		return (FIELD_REASON);
	/* The certificate's own number is no device number. */
	if (text_key_has(k, "chung thu"))
		return (FIELD_NONE);
	if (text_key_has(k, "iccid") || text_key_has(k, "serial") ||
	    text_key_has(k, "seri") || text_key_has(k, "so hieu") ||
	    text_key_has(k, "thiet bi") || text_key_has(k, "etoken") ||
	    text_key_has(k, "token"))
		return (FIELD_DEVICE);
	if (text_key_has(k, "co quan") || text_key_has(k, "don vi") ||
	    text_key_has(k, "noi cong tac"))
		return (FIELD_UNIT);
	return (FIELD_NONE);
}

/* The characters text_key keeps together as one word. */
static bool
word_char(gunichar c)
{
	return (g_unichar_isalnum(c) || g_unichar_ismark(c));
}

/* Byte offset just past the n-th word of s (or its end). */
static size_t
word_end(const char *s, size_t n)
{
	const char	*p = s;
	bool		 in = false;
	size_t		 seen = 0;

	for (; *p != '\0'; p = g_utf8_next_char(p)) {
		bool w = word_char(g_utf8_get_char(p));

		if (in && !w && seen == n)
			break;
		if (w && !in)
			seen++;
		in = w;
	}
	return (p - s);
}

/* Byte offset where the n-th word from the end of s starts (0 when s
 * has no more words). */
static size_t
word_start_from_end(const char *s, size_t n)
{
	size_t	total = 0, seen = 0;
	bool	in = false;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		bool w = word_char(g_utf8_get_char(p));

		total += w && !in;
		in = w;
	}
	if (n >= total)
		return (0);
	in = false;
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		bool w = word_char(g_utf8_get_char(p));

		if (w && !in && ++seen == total - n + 1)
			return (p - s);
		in = w;
	}
	return (0);
}

/* The longest exact label key starts with (as whole words); its words in
 * *words_r. */
static enum form_field
exact_label(const char *key, size_t *words_r)
{
	enum form_field	f = FIELD_NONE;
	size_t		best = 0;

	for (size_t i = 0; i < NEXACT; i++) {
		size_t n = strlen(exact[i].key);

		if (n > best && form_key_starts(key, exact[i].key)) {
			best = n;
			f = exact[i].field;
			*words_r = key_words(exact[i].key);
		}
	}
	return (f);
}

/* Past the separators between a label and its value. */
static const char *
skip_seps(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == ':' || *s == '.' || *s == '-' ||
		    *s == '=')
			s++;
		else if (g_str_has_prefix(s, "\u2013") ||
		    g_str_has_prefix(s, "\u2014"))
			s += strlen("\u2013");
		else
			return (s);
	}
}

static void
kv_add(struct form_kv *kv, size_t *n, enum form_field f, const char *v,
    size_t len)
{
	char	*t;
	size_t	 l;

	if (*n >= FORM_KV_MAX)
		return;
	t = g_strndup(v, len);
	kv[*n].value = text_clean(t);
	g_free(t);
	/* Trailing separators of a value cut before the next label. */
	while ((l = strlen(kv[*n].value)) > 0 &&
	    strchr(" ,;:-", kv[*n].value[l - 1]) != NULL)
		kv[*n].value[l - 1] = '\0';
	kv[*n].field = f;
	(*n)++;
}

/* A piece without ':': "ĐT 0905…", "email a@b.vn", or plain text. */
static void
piece_fields(const char *piece, struct form_kv *kv, size_t *n)
{
	char		*key = text_key(piece);
	size_t		 words = 0;
	enum form_field	 f = exact_label(key, &words);

	if (f != FIELD_NONE) {
		const char *v = skip_seps(piece + word_end(piece, words));

		kv_add(kv, n, f, v, strlen(v));
	} else if (*key != '\0')
		kv_add(kv, n, FIELD_NONE, piece, strlen(piece));
	g_free(key);
}

/*
 * Pieces split at ':': the first is a label (or a heading, then what
 * follows is unlabelled); each later one is a value, unless it ends in
 * an exact label, which then labels the next.
 */
static void
colon_fields(char **v, struct form_kv *kv, size_t *n)
{
	char		*key = text_key(v[0]);
	enum form_field	 cur = form_label_field(key);

	if (cur == FIELD_NONE && key_words(key) > 0) {
		/* "Nguyễn Văn A Chức vụ: …": text, then a label. */
		size_t	 w = key_words(key);

		for (size_t k = w < EXACT_WORDS ? w : EXACT_WORDS; k > 0;
		    k--) {
			size_t		 at = word_start_from_end(v[0], k);
			char		*tail = text_key(v[0] + at);
			size_t		 words = 0;
			enum form_field	 f = exact_label(tail, &words);

			g_free(tail);
			if (f != FIELD_NONE && words == k && at > 0) {
				kv_add(kv, n, FIELD_NONE, v[0], at);
				cur = f;
				break;
			}
		}
	}
	g_free(key);
	for (size_t i = 1; v[i] != NULL; i++) {
		enum form_field	 next = FIELD_NONE;
		size_t		 len = strlen(v[i]), off;

		if (v[i + 1] != NULL) {
			key = text_key(v[i]);
			for (size_t k = EXACT_WORDS; k > 0; k--) {
				size_t		 at = word_start_from_end(v[i],
				    k);
				char		*tail;
				size_t		 words = 0;
				enum form_field	 f;

				if (k > key_words(key))
					continue;
				tail = text_key(v[i] + at);
				f = exact_label(tail, &words);
				g_free(tail);
				if (f != FIELD_NONE && words == k) {
					next = f;
					len = at;
					break;
				}
			}
			g_free(key);
		}
		off = skip_seps(v[i]) - v[i];
		kv_add(kv, n, cur, v[i] + off, len > off ? len - off : 0);
		cur = next;
	}
}

/* Pieces of a line: split at dashes, ';', '|' and ',' between words. */
static char **
split_pieces(const char *text)
{
	GPtrArray	*a = g_ptr_array_new();
	const char	*start = text, *p = text;

	while (*p != '\0') {
		size_t	sep = 0;

		if (g_str_has_prefix(p, "\u2013") ||
		    g_str_has_prefix(p, "\u2014"))
			sep = strlen("\u2013");
		else if (g_str_has_prefix(p, " - ") || *p == ';' || *p == '|')
			sep = *p == ' ' ? 3 : 1;
		else if (*p == ',' && !(p > text && g_ascii_isdigit(p[-1]) &&
		    g_ascii_isdigit(p[1])))
			sep = 1;
		if (sep == 0) {
			p++;
			continue;
		}
		g_ptr_array_add(a, g_strndup(start, p - start));
		p += sep;
		start = p;
	}
	g_ptr_array_add(a, g_strdup(start));
	g_ptr_array_add(a, NULL);
	return ((char **)g_ptr_array_free(a, FALSE));
}

size_t
form_line_fields(const char *text, struct form_kv *kv)
{
	char	**pieces;
	size_t	  n = 0;

	if (text_blank(text))
		return (0);
	pieces = split_pieces(text);
	for (size_t i = 0; pieces[i] != NULL && n < FORM_KV_MAX; i++) {
		char	*p = g_strstrip(pieces[i]), **v;

		/* List marks: "- Họ và tên", "+ Chức vụ", "• Email". */
		while (*p == '-' || *p == '+' || *p == '*' ||
		    g_str_has_prefix(p, "\u2022")) {
			p += *p == '-' || *p == '+' || *p == '*' ? 1 :
			    strlen("\u2022");
			while (*p == ' ')
				p++;
		}
		if (*p == '\0')
			continue;
		v = g_strsplit(p, ":", -1);
		if (v[1] == NULL)
			piece_fields(p, kv, &n);
		else
			colon_fields(v, kv, &n);
		g_strfreev(v);
	}
	g_strfreev(pieces);
	return (n);
}

void
form_kv_clear(struct form_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(kv[i].value);
		kv[i].value = NULL;
	}
}

char *
form_name_clean(const char *text)
{
	static const char *const honorifics[] = { "dong chi", "d c", "ong",
	    "ba", NULL };
	char	*key = text_key(text);
	char	*out;
	size_t	 skip = 0;

	for (size_t i = 0; honorifics[i] != NULL; i++)
		if (form_key_starts(key, honorifics[i])) {
			skip = word_end(text, key_words(honorifics[i]));
			break;
		}
	g_free(key);
	out = text_clean(skip_seps(text + skip));
	return (out);
}

size_t
form_digits(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += *s >= '0' && *s <= '9';
	return (n);
}

/* "Họ và tên: Nguyễn Văn A" in a cell: a value, not a column label. */
static bool
is_kv_cell(const char *t)
{
	const char *c = t != NULL ? strchr(t, ':') : NULL;

	return (c != NULL && !text_blank(c + 1));
}

/* A row holding a phone-sized or longer number is data, not labels; so
 * is one with a "label: value" cell when kv counts. */
static bool
row_is_data(const struct grid *g, size_t r, bool kv)
{
	for (size_t c = grid_next(g, r, 0); c < g->ncols;
	    c = grid_next(g, r, c + 1)) {
		const char *t = grid_at(g, r, c)->text;

		if (form_digits(t) >= 7 || (kv && is_kv_cell(t)))
			return (true);
	}
	return (false);
}

/* The first column at or after c with text in one of rows [r, r + n). */
static size_t
next_in_rows(const struct grid *g, size_t r, size_t n, size_t c)
{
	size_t best = g->ncols;

	for (size_t i = 0; i < n; i++) {
		size_t k = grid_next(g, r + i, c);

		if (k < best)
			best = k;
	}
	return (best);
}

/* Columns named by rows [r, r + n) read together; their count. A column
 * empty in all of them names nothing, so only those with text are read:
 * a stray cell at column 65535 costs one column, not 65,535. */
static int
classify(const struct form_header *h, const struct grid *g, size_t r,
    size_t n, long *col)
{
	int count = 0;

	for (int i = 0; i < FIELD__COUNT; i++)
		col[i] = -1;
	for (size_t c = next_in_rows(g, r, n, 0); c < g->ncols;
	    c = next_in_rows(g, r, n, c + 1)) {
		GString		*s = g_string_new(NULL);
		char		*k;
		enum form_field	 f = FIELD_NONE;

		for (size_t i = n; h->sublabels && i-- > 0 &&
		    f == FIELD_NONE;) {
			const char *t = grid_at(g, r + i, c)->text;

			k = text_key(t != NULL ? t : "");
			f = h->label(k);
			g_free(k);
		}
		for (size_t i = 0; i < n; i++) {
			const char *t = grid_at(g, r + i, c)->text;

			if (t != NULL)
				g_string_append_printf(s, "%s ", t);
		}
		if (f == FIELD_NONE) {
			k = text_key(s->str);
			f = h->label(k);
			g_free(k);
		}
		g_string_free(s, TRUE);
		if (f != FIELD_NONE && col[f] < 0) {
			col[f] = c;
			count++;
		}
	}
	return (count);
}

bool
form_table_find(const struct docbody *body, bool (*ok)(const long *),
    struct form_table *t)
{
	const struct form_header h = {
		.label = form_label_field,
		.ok = ok,
		.sublabels = false,
		.kv_data = true,
	};

	return (form_table_find_by(body, &h, t));
}

bool
form_table_find_by(const struct docbody *body, const struct form_header *h,
    struct form_table *t)
{
	long one[FIELD__COUNT], two[FIELD__COUNT];

	memset(t, 0, sizeof(*t));
	for (int i = 0; i < FIELD__COUNT; i++)
		t->col[i] = -1;
	for (size_t b = 0; b < body->nblocks; b++) {
		const struct grid *g = body->blocks[b].grid;

		if (body->blocks[b].type != BLOCK_TABLE)
			continue;
		for (size_t r = 0; r < g->nrows && r < FORM_HEADER_ROWS;
		    r++) {
			int n1, n2 = -1;

			if (row_is_data(g, r, h->kv_data))
				continue;
			n1 = classify(h, g, r, 1, one);
			if (r + 1 < g->nrows &&
			    !row_is_data(g, r + 1, h->kv_data))
				n2 = classify(h, g, r, 2, two);
			/* The label row must name something itself. */
			if (n1 > 0 && n2 > n1 && h->ok(two)) {
				memcpy(t->col, two, sizeof(two));
				t->hrows = 2;
			} else if (h->ok(one)) {
				memcpy(t->col, one, sizeof(one));
				t->hrows = 1;
			} else
				continue;
			t->grid = g;
			t->block = b;
			t->hrow = r;
			return (true);
		}
	}
	for (int i = 0; i < FIELD__COUNT; i++)
		t->col[i] = -1;
	return (false);
}

/* "(1) (2) (3)" or "1 2 3" under the labels. */
static bool
is_colnum_row(const struct grid *g, size_t r)
{
	long	last = 0;
	int	n = 0;

	for (size_t c = grid_next(g, r, 0); c < g->ncols;
	    c = grid_next(g, r, c + 1)) {
		const char	*t = grid_at(g, r, c)->text;
		char		*k, *end;
		long		 v;
		bool		 bad;

		if (text_blank(t))
			continue;
		k = text_key(t);
		v = strtol(k, &end, 10);
		bad = end == k || *end != '\0' || v <= last || v > 100;
		g_free(k);
		if (bad)
			return (false);
		last = v;
		n++;
	}
	return (n >= 2);
}

size_t
form_table_first(const struct form_table *t)
{
	size_t r = t->hrow + t->hrows;

	if (r < t->grid->nrows && is_colnum_row(t->grid, r))
		r++;
	return (r);
}

bool
form_table_end(const struct grid *g, size_t r)
{
	static const char *const marks[] = { "ghi chu", "luu y", "chu y",
	    "nguoi lap", "ky ghi ro", "ky ten", "ky va ghi ro", "ky dong dau",
	    "xac nhan", "thu truong", "noi nhan", "tong cong", "tong so",
	    "dai dien", "tm", "t m", "kt", "k t", "nguoi phoi hop",
	    "can bo dau moi", "dau moi", "nguoi lien he", "tran trong", NULL };
	const char	*t = NULL;
	char		*k;
	bool		 hit = false;

	for (size_t c = grid_next(g, r, 0); c < g->ncols && t == NULL;
	    c = grid_next(g, r, c + 1))
		if (!text_blank(grid_at(g, r, c)->text))
			t = grid_at(g, r, c)->text;
	if (t == NULL)
		return (false);
	/* Every mark and a date need a letter: a row that starts with its
	 * number (nearly every row of a list) ends nothing. */
	for (const char *p = t; !hit && *p != '\0'; p++)
		hit = g_ascii_isalpha(*p) || (unsigned char)*p >= 0x80;
	if (!hit)
		return (false);
	hit = false;
	k = text_key(t);
	for (size_t i = 0; marks[i] != NULL && !hit; i++)
		hit = form_key_starts(k, marks[i]);
	hit = hit || form_key_is_date(k);
	g_free(k);
	return (hit);
}

const char *
form_cell(const struct grid *g, size_t r, long c)
{
	const struct cell *cl;

	if (c < 0 || (cl = grid_at(g, r, c)) == NULL)
		return (NULL);
	return (cl->text);
}

bool
form_cell_numeric(const struct grid *g, size_t r, long c)
{
	const struct cell *cl;

	return (c >= 0 && (cl = grid_at(g, r, c)) != NULL &&
	    cl->type == CELL_NUMBER);
}

int
form_tt(const char *t)
{
	char	*k, *end;
	long	 v;

	if (text_blank(t))
		return (-1);
	k = text_key(t);
	v = strtol(k, &end, 10);
	if (end == k || *end != '\0' || v < 1 || v > FORM_MAX_TT)
		v = -1;
	g_free(k);
	return ((int)v);
}
