/* form.c: picks the recogniser that best knows a document, and reads the
 * letterhead all party forms share. Pure: it must never guess a kind that
 * no recogniser claimed. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

static void	 lines_add(struct form_lines *, const char *, const char *,
		    size_t, size_t, size_t);
static char	*join_lines(const char *, const char *);
static bool	 is_department(const char *);
static bool	 is_locality(const char *);
static const char *after_kinh_gui(const char *);
static const char *title_rest(const char *, bool *);
static bool	 word_is_number(const char *, size_t, int *);

/* The more specific first: a tie goes to the earlier. */
static const struct form_recogniser *const recognisers[] = {
	&form_sim,
	&form_recovery,
	&form_handover,
	&form_cert,
	&form_report,
	&form_cover,
};

/* Lines read together as one broken title. */
#define TITLE_JOIN	3

/* Letterhead lines kept while looking for the managing unit. */
#define ORG_MAX_LINES	16

/* Characters of a line looked at for "Kính gửi". */
#define KINH_GUI_SCAN	40

struct form *
form_read(const struct docbody *body)
{
	struct form			*f = g_new0(struct form, 1);
	const struct form_recogniser	*best = NULL;
	struct form_lines		 ls;
	int				 best_score = 0;

	f->kind = KIND_UNKNOWN;
	if (body == NULL)
		return (f);
	/* Normalising every line is the costly part: done once, for all. */
	form_lines_init(&ls, body);
	for (size_t i = 0; i < sizeof(recognisers) / sizeof(recognisers[0]);
	    i++) {
		int s = recognisers[i]->score(body, &ls);

		if (s > best_score) {
			best = recognisers[i];
			best_score = s;
		}
	}
	if (best != NULL)
		best->read(body, &ls, f);
	form_rows_seal(f);
	/* Only a form that lists rows can stand beside its cover letter
	 * (rules.c, covers_beside): a report is read once. */
	if (best != NULL && best->rows && f->nrows == 0 &&
	    form_cover.score(body, &ls) > 0) {
		f->as_cover = g_new0(struct form, 1);
		form_cover.read(body, &ls, f->as_cover);
		form_rows_seal(f->as_cover);
	}
	/* Even a document that is no form names its unit in the
	 * letterhead, and whoever looks at it wants to know who wrote. */
	if (f->kind == KIND_UNKNOWN && f->organization == NULL)
		f->organization = form_organization(&ls, ls.n);
	form_lines_deinit(&ls);
	return (f);
}

void
form_free(struct form *f)
{
	if (f == NULL)
		return;
	form_rows_drop(f);
	form_free(f->as_cover);
	g_free(f->title);
	g_free(f->form_no);
	g_free(f->subtype);
	g_free(f->organization);
	g_free(f->addressee);
	g_free(f->doc_number);
	g_free(f->doc_date);
	g_free(f->coordinator_name);
	g_free(f->coordinator_phone);
	g_free(f->coordinator_email);
	findings_deinit(&f->errors);
	findings_deinit(&f->warnings);
	g_free(f);
}

bool
form_key_starts(const char *key, const char *w)
{
	size_t	n = strlen(w);

	return (key != NULL && strncmp(key, w, n) == 0 &&
	    (key[n] == '\0' || key[n] == ' '));
}

bool
form_key_is_date(const char *key)
{
	return ((form_key_starts(key, "ngay") ||
	    text_key_has(key, "ngay")) && text_key_has(key, "thang") &&
	    text_key_has(key, "nam"));
}

bool
form_key_is_kinh_gui(const char *key)
{
	return (form_key_starts(key, "kinh gui") ||
	    form_key_starts(key, "kinh goi"));
}

/* Adds one line unless it is blank; left may be NULL. */
static void
lines_add(struct form_lines *ls, const char *line, const char *left,
    size_t block, size_t row, size_t col)
{
	struct form_line *l;

	if (ls->n >= FORM_MAX_LINES || text_blank(line))
		return;
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->v = g_renew(struct form_line, ls->v, ls->cap);
	}
	l = &ls->v[ls->n++];
	l->text = text_clean(line);
	l->key = text_key(line);
	l->left = text_blank(left) ? NULL : text_clean(left);
	l->block = block;
	l->row = row;
	l->col = col;
}

void
form_lines_init(struct form_lines *ls, const struct docbody *body)
{
	memset(ls, 0, sizeof(*ls));
	for (size_t b = 0; b < body->nblocks && ls->n < FORM_MAX_LINES; b++) {
		const struct block *bl = &body->blocks[b];

		if (bl->type == BLOCK_PARAGRAPH) {
			char **v = g_strsplit(bl->text ? bl->text : "", "\n",
			    -1);

			for (size_t i = 0; v[i] != NULL; i++) {
				char *left = g_strndup(v[i],
				    strcspn(v[i], "\t"));

				lines_add(ls, v[i], left, b, 0, 0);
				g_free(left);
			}
			g_strfreev(v);
			continue;
		}
		/* Only the cells that hold text are walked: a sheet's width
		 * may be one stray cell at XFD64. */
		for (size_t r = 0; r < bl->grid->nrows &&
		    ls->n < FORM_MAX_LINES; r++) {
			const struct grid *g = bl->grid;
			size_t	leftcol = g->ncols;
			size_t	half = g->ncols / 2;

			for (size_t c = grid_next(g, r, 0); c < g->ncols;
			    c = grid_next(g, r, c + 1)) {
				if (!text_blank(grid_at(g, r, c)->text)) {
					leftcol = c;
					break;
				}
			}
			for (size_t c = leftcol; c < g->ncols;
			    c = grid_next(g, r, c + 1)) {
				const struct cell *cl = grid_at(g, r, c);
				char	**v;
				bool	  left = c == leftcol &&
				    c < (half > 1 ? half : 1);

				if (text_blank(cl->text))
					continue;
				v = g_strsplit(cl->text, "\n", -1);
				for (size_t i = 0; v[i] != NULL; i++)
					lines_add(ls, v[i], left ? v[i] : NULL,
					    b, r, c);
				g_strfreev(v);
			}
		}
	}
}

void
form_lines_deinit(struct form_lines *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		g_free(ls->v[i].text);
		g_free(ls->v[i].key);
		g_free(ls->v[i].left);
	}
	g_free(ls->v);
	memset(ls, 0, sizeof(*ls));
}

size_t
form_lines_find(const struct form_lines *ls, size_t block, size_t row)
{
	for (size_t i = 0; i < ls->n; i++)
		if (ls->v[i].block > block ||
		    (ls->v[i].block == block && ls->v[i].row >= row))
			return (i);
	return (ls->n);
}

static char *
join_lines(const char *a, const char *b)
{
	return (g_strconcat(a, " ", b, NULL));
}

/* A department that needs its committee's name to identify one body. */
static bool
is_department(const char *key)
{
	static const char *const depts[] = { "ban", "van phong",
	    "uy ban kiem tra", "phong", "trung tam", NULL };
	static const char *const owners[] = { "tinh uy", "huyen uy",
	    "thi uy", "thanh uy", "dang uy", "quan uy", "dang bo", NULL };

	for (size_t i = 0; depts[i] != NULL; i++) {
		if (!form_key_starts(key, depts[i]))
			continue;
		for (size_t j = 0; owners[j] != NULL; j++)
			if (text_key_has(key, owners[j]))
				return (false);
		return (true);
	}
	return (false);
}

/* A line that only names a place ("HUYỆN SƠN TỊNH"), not a body
 * ("HUYỆN ỦY SƠN TỊNH", "HUYỆN ĐOÀN …"). */
static bool
is_locality(const char *key)
{
	static const char *const places[] = { "thanh pho", "thi xa",
	    "thi tran", "tinh", "huyen", "xa", "phuong", NULL };
	static const char *const bodies[] = { "uy", "doan", "hoi", NULL };

	for (size_t i = 0; places[i] != NULL; i++) {
		const char *rest;

		if (!form_key_starts(key, places[i]))
			continue;
		rest = key + strlen(places[i]);
		if (*rest == '\0')
			return (false);
		rest++;
		for (size_t j = 0; bodies[j] != NULL; j++)
			if (form_key_starts(rest, bodies[j]))
				return (false);
		return (true);
	}
	return (false);
}

/*
 * The rule: the letterhead's left column lists the managing body, then
 * the unit that manages the subscribers directly (Phụ lục 3: "<CƠ QUAN
 * CHỦ QUẢN>" over "<CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP>"), ended by the
 * "*" line. The unit is the last line, because the direct unit is the
 * one that writes ("ĐẢNG BỘ TỈNH QUẢNG NGÃI / HUYỆN ỦY SƠN TỊNH" → "HUYỆN
 * ỦY SƠN TỊNH"). When that line names only a department of a committee
 * ("BAN TUYÊN GIÁO", "VĂN PHÒNG") the line above is appended, as the
 * body's full name is written ("BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI"); when
 * it names only a place ("HUYỆN SƠN TỊNH") it completes the line above. A
 * line ending in "VÀ", "," or "-" was wrapped and runs on into the next.
 * Skipped: placeholders in <…>, "ĐẢNG CỘNG SẢN VIỆT NAM" and the state
 * motto, dates, "Số: …" numbers, the Phụ lục preamble.
 */
char *
form_organization(const struct form_lines *ls, size_t end)
{
	return (form_organization_from(ls, 0, end));
}

char *
form_organization_from(const struct form_lines *ls, size_t start,
    size_t end)
{
	char	*cand[ORG_MAX_LINES];
	size_t	 n = 0;
	bool	 in_placeholder = false;
	char	*out = NULL;

	for (size_t i = start; i < end && i < ls->n && n < ORG_MAX_LINES;
	    i++) {
		const struct form_line	*l = &ls->v[i];
		const char		*k;
		char			*key;
		bool			 skip = false, stop = false;

		if (l->left == NULL)
			continue;
		if (in_placeholder || l->left[0] == '<') {
			in_placeholder = strchr(l->left, '>') == NULL;
			continue;
		}
		k = key = text_key(l->left);
		if (*k == '\0') {
			stop = strchr(l->left, '*') != NULL && n > 0;
			skip = true;
		}
		else if (form_key_is_kinh_gui(k) ||
		    form_key_starts(k, "v v") ||
		    form_key_starts(k, "danh sach"))
			stop = true;
		else if (form_key_starts(k, "dang cong san viet nam") ||
		    form_key_starts(k, "cong hoa xa hoi chu nghia") ||
		    form_key_starts(k, "doc lap tu do") ||
		    form_key_starts(k, "phu luc") ||
		    form_key_starts(k, "mau") ||
		    form_key_starts(k, "ban hanh kem theo") ||
		    form_key_starts(k, "kem theo") ||
		    form_key_starts(k, "cua van phong") ||
		    form_key_is_date(k))
			skip = true;
		else if (form_key_starts(k, "so") &&
		    strpbrk(l->left, "/0123456789") != NULL)
			skip = true;
		g_free(key);
		if (stop)
			break;
		if (!skip) {
			char *t = g_strdup(l->left);

			/* A trailing '*' ends the block on the same line. */
			g_strchomp(g_strdelimit(t, "*", ' '));
			cand[n++] = t;
		}
	}
	if (n == 0)
		return (NULL);
	/* Run wrapped lines on. */
	for (size_t i = 0; i + 1 < n; ) {
		char	*k = text_key(cand[i]);
		size_t	 len = strlen(cand[i]);
		bool	 wrapped = g_str_has_suffix(k, " va") ||
		    (len > 0 && strchr(",-", cand[i][len - 1]) != NULL);

		g_free(k);
		if (!wrapped) {
			i++;
			continue;
		}
		out = join_lines(cand[i], cand[i + 1]);
		g_free(cand[i]);
		g_free(cand[i + 1]);
		cand[i] = out;
		memmove(&cand[i + 1], &cand[i + 2],
		    (n - i - 2) * sizeof(cand[0]));
		n--;
	}
	{
		char *k = text_key(cand[n - 1]);

		if (n >= 2 && is_department(k))
			out = join_lines(cand[n - 1], cand[n - 2]);
		else if (n >= 2 && is_locality(k))
			out = join_lines(cand[n - 2], cand[n - 1]);
		else
			out = g_strdup(cand[n - 1]);
		g_free(k);
	}
	for (size_t i = 0; i < n; i++)
		g_free(cand[i]);
	return (out);
}

/* Where the text after "Kính gửi" begins in s, or NULL. */
static const char *
after_kinh_gui(const char *s)
{
	const char	*p = s;

	for (int i = 0; i < KINH_GUI_SCAN && *p != '\0'; i++) {
		char	*prefix, *key;
		bool	 hit;

		p = g_utf8_next_char(p);
		prefix = g_strndup(s, p - s);
		key = text_key(prefix);
		hit = (strcmp(key, "kinh gui") == 0 ||
		    strcmp(key, "kinh goi") == 0) &&
		    !g_unichar_isalnum(g_utf8_get_char(p));
		g_free(prefix);
		g_free(key);
		if (hit)
			return (p);
	}
	return (NULL);
}

char *
form_addressee(const struct form_lines *ls, size_t end)
{
	const char	*rest = NULL;
	char		*out;
	size_t		 len;

	for (size_t i = 0; i < end && i < ls->n && rest == NULL; i++) {
		if (!form_key_is_kinh_gui(ls->v[i].key))
			continue;
		rest = after_kinh_gui(ls->v[i].text);
		if (rest == NULL)
			continue;
		rest += strspn(rest, " :-+.");
		if (*rest == '\0')
			rest = i + 1 < end && i + 1 < ls->n ?
			    ls->v[i + 1].text : NULL;
	}
	if (rest == NULL)
		return (NULL);
	/* List marks ("- Cục …", "+ Cục …", "• Cục …") and trailing stops. */
	for (;;) {
		if (g_str_has_prefix(rest, "\u2022"))
			rest += strlen("\u2022");
		else if (*rest == '-' || *rest == '+')
			rest++;
		else
			break;
		rest += strspn(rest, " ");
	}
	out = g_strdup(rest);
	while ((len = strlen(out)) > 0 && strchr(",.;: ", out[len - 1]) !=
	    NULL)
		out[len - 1] = '\0';
	if (*out == '\0') {
		g_free(out);
		return (NULL);
	}
	return (out);
}

/* True when key[0, n) is a number from 1 to 99; its value in *v_r. */
static bool
word_is_number(const char *key, size_t n, int *v_r)
{
	int v = 0;

	if (n == 0 || n > 2)
		return (false);
	for (size_t i = 0; i < n; i++) {
		if (key[i] < '0' || key[i] > '9')
			return (false);
		v = v * 10 + (key[i] - '0');
	}
	*v_r = v;
	return (v > 0);
}

/* key past a "mau [so] N" caption and a "v v" or "ve viec". */
static const char *
title_rest(const char *key, bool *subject_r)
{
	const char	*k = key;
	int		 v;

	*subject_r = false;
	if (form_key_starts(k, "mau")) {
		const char *p = k + strlen("mau");

		p += *p == ' ';
		if (form_key_starts(p, "so"))
			p += strlen("so") + (p[2] == ' ');
		if (word_is_number(p, strcspn(p, " "), &v)) {
			p += strcspn(p, " ");
			k = p + (*p == ' ');
		}
	}
	if (form_key_starts(k, "v v") || form_key_starts(k, "ve viec")) {
		*subject_r = true;
		k += form_key_starts(k, "v v") ? strlen("v v") :
		    strlen("ve viec");
		k += *k == ' ';
	}
	return (k);
}

bool
form_title_find(const struct form_lines *ls, size_t end,
    bool (*is_title)(const char *), struct form_title *t)
{
	size_t lim = end < ls->n ? end : ls->n;

	memset(t, 0, sizeof(*t));
	if (lim > FORM_TITLE_LINES)
		lim = FORM_TITLE_LINES;
	for (size_t i = 0; i < lim; i++) {
		GString *s = g_string_new(NULL);

		for (size_t n = 0; n < TITLE_JOIN && i + n < lim; n++) {
			char		*key;
			const char	*rest;
			bool		 subject;

			if (n > 0)
				g_string_append_c(s, ' ');
			g_string_append(s, ls->v[i + n].text);
			key = text_key(s->str);
			rest = title_rest(key, &subject);
			if (*rest != '\0' && is_title(rest)) {
				t->text = g_string_free(s, FALSE);
				t->key = g_strdup(rest);
				t->line = i;
				t->subject = subject;
				g_free(key);
				return (true);
			}
			g_free(key);
		}
		g_string_free(s, TRUE);
	}
	return (false);
}

void
form_title_deinit(struct form_title *t)
{
	g_free(t->text);
	g_free(t->key);
	memset(t, 0, sizeof(*t));
}

int
form_caption(const struct form_lines *ls, size_t end)
{
	for (size_t i = 0; i < end && i < ls->n && i < FORM_TITLE_LINES;
	    i++) {
		const char	*p = ls->v[i].key;
		int		 v;

		if (!form_key_starts(p, "mau"))
			continue;
		p += strlen("mau");
		p += *p == ' ';
		if (form_key_starts(p, "so"))
			p += strlen("so") + (p[2] == ' ');
		if (word_is_number(p, strcspn(p, " "), &v))
			return (v);
	}
	return (0);
}

bool
form_lines_have(const struct form_lines *ls, size_t end, const char *w)
{
	for (size_t i = 0; i < end && i < ls->n; i++)
		if (text_key_has(ls->v[i].key, w))
			return (true);
	return (false);
}
