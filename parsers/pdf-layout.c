/* pdf-layout.c: a PDF page's lines into paragraphs and tables (see
 * pdf-layout.h for the rule). */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "parsers/pdf-layout.h"

struct seg {
	const char	*s;
	size_t		 len;
	double		 x;
};

struct line {
	const char	*s;	/* the whole line, tabs and all */
	size_t		 len;
	struct seg	*v;
	size_t		 n;
	bool		 placed;	/* every segment has its x */
};

static GArray	*lines_of(const char *, const double *, size_t);
static void	 lines_free(GArray *);
static bool	 tabular(const struct line *);
static size_t	 column(const struct seg *, size_t, double);
static size_t	 table(const struct line *, size_t, size_t, struct grid *,
		    size_t);
static void	 row_flush(struct grid *, size_t, GString **, size_t,
		    size_t);

/* The page's lines and their segments (lines_free). */
static GArray *
lines_of(const char *text, const double *x, size_t nx)
{
	GArray		*a = g_array_new(FALSE, TRUE, sizeof(struct line));
	const char	*p = text;
	size_t		 k = 0;

	while (*p != '\0') {
		const char	*eol = strchr(p, '\n');
		struct line	 l = { 0 };
		GArray		*segs = g_array_new(FALSE, TRUE,
				    sizeof(struct seg));

		if (eol == NULL)
			eol = p + strlen(p);
		l.s = p;
		l.len = (size_t)(eol - p);
		l.placed = eol > p;
		/* an empty line has no segment, and no place */
		for (const char *q = p; q < eol; ) {
			const char	*tab = memchr(q, '\t', (size_t)(eol - q));
			struct seg	 s;

			if (tab == NULL)
				tab = eol;
			s.s = q;
			s.len = (size_t)(tab - q);
			s.x = k < nx ? x[k] : NAN;
			l.placed = l.placed && !isnan(s.x);
			k++;
			g_array_append_val(segs, s);
			q = tab < eol ? tab + 1 : eol;
		}
		l.n = segs->len;
		l.v = (struct seg *)g_array_free(segs, FALSE);
		g_array_append_val(a, l);
		p = *eol != '\0' ? eol + 1 : eol;
	}
	return (a);
}

static void
lines_free(GArray *a)
{
	for (size_t i = 0; i < a->len; i++)
		g_free(g_array_index(a, struct line, i).v);
	g_array_free(a, TRUE);
}

static bool
tabular(const struct line *l)
{
	return (l->placed && l->n >= PDF_LAYOUT_MIN_COLUMNS &&
	    l->n <= PDF_LAYOUT_MAX_COLUMNS);
}

/* The header's column nearest x. */
static size_t
column(const struct seg *head, size_t ncols, double x)
{
	size_t	best = 0;

	for (size_t c = 1; c < ncols; c++)
		if (fabs(head[c].x - x) < fabs(head[best].x - x))
			best = c;
	return (best);
}

/* Row r's cells into g, and emptied. */
static void
row_flush(struct grid *g, size_t r, GString **cells, size_t ncols,
    size_t max_cells)
{
	for (size_t c = 0; c < ncols; c++) {
		if (cells[c]->len > 0)
			(void)grid_set(g, r, c, CELL_TEXT, cells[c]->str,
			    max_cells);
		g_string_truncate(cells[c], 0);
	}
}

/*
 * The table whose header is line i of v (n lines), into g: the index of
 * the first line past it.
 */
static size_t
table(const struct line *v, size_t n, size_t i, struct grid *g,
    size_t max_cells)
{
	const struct line	*head = &v[i];
	size_t			 ncols = head->n, r = 0, j;
	GString			**cells = g_new0(GString *, ncols);

	for (size_t c = 0; c < ncols; c++)
		cells[c] = g_string_new_len(head->v[c].s,
		    (gssize)head->v[c].len);
	for (j = i + 1; j < n; j++) {
		const struct line	*l = &v[j];
		size_t			 first, prev = 0;
		bool			 fresh = false;

		if (!l->placed || l->n == 0)
			break;
		/* a row fills most of the columns; a line of the text
		 * below ("- Họ và tên:  Đỗ Thị Kim Oanh") does not */
		first = column(head->v, ncols, l->v[0].x);
		if (first == 0 && l->n >= MAX(2, (ncols + 1) / 2))
			fresh = true;
		else if (first == 0)
			break;
		if (fresh) {
			row_flush(g, r++, cells, ncols, max_cells);
			prev = 0;
		}
		for (size_t k = 0; k < l->n; k++) {
			size_t c = column(head->v, ncols, l->v[k].x);

			/* segments keep their order across the columns */
			if (k > 0 && c <= prev)
				c = prev + 1 < ncols ? prev + 1 : ncols - 1;
			if (cells[c]->len > 0)
				g_string_append_c(cells[c], ' ');
			g_string_append_len(cells[c], l->v[k].s,
			    (gssize)l->v[k].len);
			prev = c;
		}
	}
	row_flush(g, r, cells, ncols, max_cells);
	for (size_t c = 0; c < ncols; c++)
		g_string_free(cells[c], TRUE);
	g_free(cells);
	return (j);
}

void
pdf_layout_add(struct docbody *body, const char *text, const double *x,
    size_t nx, size_t max_cells)
{
	GArray		*a = lines_of(text, x, nx);
	const struct line *v = (const struct line *)(void *)a->data;
	GString		*para = g_string_new(NULL);
	size_t		 i = 0;

	while (i < a->len) {
		if (i + 1 < a->len && tabular(&v[i]) && tabular(&v[i + 1])) {
			struct grid *g = grid_new(NULL);

			if (para->len > 0) {
				docbody_add_paragraph(body, para->str);
				g_string_truncate(para, 0);
			}
			i = table(v, a->len, i, g, max_cells);
			docbody_add_grid(body, g);
			continue;
		}
		g_string_append_len(para, v[i].s, (gssize)v[i].len);
		g_string_append_c(para, '\n');
		i++;
	}
	if (para->len > 0)
		docbody_add_paragraph(body, para->str);
	g_string_free(para, TRUE);
	lines_free(a);
}
