/* pdf-text.c: a PDF's text through poppler-glib, for the recognisers. In
 * intake/, not parsers/: poppler reads its font configuration from disk.
 * It never fetches anything (poppler does no network) and never renders. */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "intake/pdf-text.h"
#include "parsers/pdf-doc.h"
#include "parsers/pdf-layout.h"

static void	page_text(PopplerPage *, GString *, GArray *, size_t);

/* A gap wider than this many line heights between two glyphs of one line
 * separates columns, not words. */
#define COLUMN_GAP	1.4

/* Appends the page's lines to out, a tab for a column gap, up to max
 * bytes, and to xs where each segment between tabs starts (NAN when
 * poppler gave no place: pdf_layout_add). */
static void
page_text(PopplerPage *page, GString *out, GArray *xs, size_t max)
{
	PopplerRectangle	*rects = NULL;
	guint			 nrects = 0;
	char			*text;
	const char		*p;
	long			 last = -1;	/* last glyph's rect, same line */
	guint			 i = 0;
	bool			 pending_space = false, seg_start = true;

	text = poppler_page_get_text(page);
	if (text == NULL)
		return;
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	for (p = text; *p != '\0' && out->len < max;
	    p = g_utf8_next_char(p), i++) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n') {
			g_string_append_c(out, '\n');
			last = -1;
			pending_space = false;
			seg_start = true;
			continue;
		}
		if (g_unichar_isspace(c)) {
			pending_space = true;
			continue;
		}
		if (last >= 0 && i < nrects) {
			const PopplerRectangle *a = &rects[last], *b = &rects[i];
			double h = a->y2 - a->y1;

			if (h > 0 && b->x1 - a->x2 > COLUMN_GAP * h) {
				g_string_append_c(out, '\t');
				pending_space = false;
				seg_start = true;
			}
		}
		if (seg_start) {
			double x = i < nrects ? rects[i].x1 : NAN;

			g_array_append_val(xs, x);
			seg_start = false;
		}
		if (pending_space && out->len > 0 &&
		    out->str[out->len - 1] != '\n')
			g_string_append_c(out, ' ');
		pending_space = false;
		g_string_append_unichar(out, c);
		last = i < nrects ? (long)i : -1;
	}
	if (out->len > 0 && out->str[out->len - 1] != '\n')
		g_string_append_c(out, '\n');
	g_free(rects);
	g_free(text);
}

int
pdf_text_read(const unsigned char *data, size_t len,
    const struct parse_limits *limits, struct docbody **body_r,
    const char **why_r)
{
	struct parse_limits	 lim = limits_resolve(limits);
	PopplerDocument		*doc;
	GBytes			*bytes;
	GError			*err = NULL;
	struct docbody		*body;
	GString			*s;
	GArray			*xs;
	size_t			 total = 0;
	int			 n;

	*body_r = NULL;
	if (len > lim.max_pdf_size) {
		*why_r = "the PDF is over the size limit";
		return (-1);
	}
	/* poppler inflates what it reads without a bound of its own */
	if (pdf_doc_inflate_check(data, len, &lim, why_r) == -1)
		return (-1);
	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		*why_r = err != NULL && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED ?
		    "an encrypted (password-protected) PDF" :
		    "a PDF whose text cannot be read";
		g_clear_error(&err);
		return (-1);
	}
	body = docbody_new();
	s = g_string_new(NULL);
	xs = g_array_new(FALSE, FALSE, sizeof(double));
	n = poppler_document_get_n_pages(doc);
	for (int i = 0; i < n && i < PDF_TEXT_MAX_PAGES &&
	    total < PDF_TEXT_MAX_BYTES; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);

		if (page == NULL)
			continue;
		g_string_truncate(s, 0);
		g_array_set_size(xs, 0);
		page_text(page, s, xs, PDF_TEXT_MAX_BYTES - total);
		g_object_unref(page);
		total += s->len;
		/* a table printed from Word is a table again */
		if (s->len > 0)
			pdf_layout_add(body, s->str, (const double *)
			    (void *)xs->data, xs->len, lim.max_cells);
	}
	g_string_free(s, TRUE);
	g_array_free(xs, TRUE);
	g_object_unref(doc);
	*body_r = body;
	return (0);
}
