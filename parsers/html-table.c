/* html-table.c: HTML to docbody, for a list pasted into a message body.
 * Pure: libxml2's HTML parser on bytes in memory, HTML_PARSE_NONET, no
 * entity from outside the text; every walk bounded by the parse limits. */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLparser.h>

#include "parsers/html-table.h"

/* Spans a cell may claim: more is a hostile file, not a layout. */
#define HTML_MAX_SPAN	1000

struct hwalk {
	struct parse_limits	 lim;
	size_t			 cells;		/* used by earlier tables */
	const char		*why;
};

static bool	 is_el(const xmlNode *, const char *);
static bool	 is_block(const xmlNode *);
static bool	 is_skipped(const xmlNode *);
static void	 flush(struct docbody *, GString *);
static int	 walk(struct hwalk *, xmlNode *, struct docbody *, GString *,
		    size_t);
static int	 table(struct hwalk *, xmlNode *, struct grid *, size_t);
static long	 span(xmlNode *, const char *);

static bool
is_el(const xmlNode *n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE &&
	    g_ascii_strcasecmp((const char *)n->name, name) == 0);
}

/* Elements a browser starts on a line of their own. */
static bool
is_block(const xmlNode *n)
{
	static const char *const names[] = { "p", "div", "h1", "h2", "h3",
	    "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "hr",
	    "center", "section", "article", "header", "footer", "dl", "dt",
	    "dd", "address", "caption", NULL };

	for (size_t i = 0; names[i] != NULL; i++)
		if (is_el(n, names[i]))
			return (true);
	return (false);
}

static bool
is_skipped(const xmlNode *n)
{
	return (is_el(n, "script") || is_el(n, "style") || is_el(n, "head") ||
	    is_el(n, "title") || is_el(n, "template"));
}

/* Ends the line: a paragraph in the body (when it holds text), a line
 * break inside a cell. */
static void
flush(struct docbody *body, GString *line)
{
	if (body == NULL) {
		if (line->len > 0 && line->str[line->len - 1] != '\n')
			g_string_append_c(line, '\n');
		return;
	}
	g_strstrip(line->str);
	if (line->str[0] != '\0')
		docbody_add_paragraph(body, line->str);
	g_string_truncate(line, 0);
}

/* colspan or rowspan, 1 when absent or nonsense. */
static long
span(xmlNode *n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, BAD_CAST name);
	long	 r = v != NULL ? strtol((char *)v, NULL, 10) : 1;

	xmlFree(v);
	if (r < 1)
		r = 1;
	return (r > HTML_MAX_SPAN ? HTML_MAX_SPAN : r);
}

/* The text and tables under parent: into body (NULL inside a cell) and
 * line, the text being gathered. */
static int
walk(struct hwalk *h, xmlNode *parent, struct docbody *body, GString *line,
    size_t depth)
{
	if (depth > h->lim.max_xml_depth) {
		h->why = "HTML is nested deeper than the limit";
		return (-1);
	}
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) {
			for (const char *p = (const char *)n->content;
			    p != NULL && *p != '\0'; p++)
				g_string_append_c(line, g_ascii_isspace(*p) ?
				    ' ' : *p);
			if (body == NULL && line->len > h->lim.max_cell_len) {
				h->why = "HTML table cell is longer than the "
				    "limit";
				return (-1);
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || is_skipped(n))
			continue;
		if (is_el(n, "br")) {
			flush(body, line);
			continue;
		}
		if (is_el(n, "table")) {
			struct grid	*g = grid_new(NULL);

			flush(body, line);
			if (table(h, n, g, depth + 1) == -1) {
				grid_free(g);
				return (-1);
			}
			h->cells += g->ncells;
			if (body != NULL) {
				docbody_add_grid(body, g);
				continue;
			}
			/* Over the cells that hold text, and no further than
			 * a cell's limit: never rows x columns tabs. */
			for (size_t r = 0; r < g->nrows &&
			    line->len <= h->lim.max_cell_len; r++) {
				size_t at = 0;

				for (size_t c = grid_next(g, r, 0);
				    c < g->ncols; c = grid_next(g, r, c + 1)) {
					for (; at < c; at++)
						g_string_append_c(line, '\t');
					g_string_append(line,
					    grid_at(g, r, c)->text);
				}
				g_string_append_c(line, '\n');
			}
			grid_free(g);
			if (line->len > h->lim.max_cell_len) {
				h->why = "HTML table cell is longer than the "
				    "limit";
				return (-1);
			}
			continue;
		}
		if (is_block(n))
			flush(body, line);
		if (walk(h, n, body, line, depth + 1) == -1)
			return (-1);
		if (is_block(n))
			flush(body, line);
	}
	return (0);
}

/*
 * The rows of a table (directly, or in thead, tbody, tfoot) into g. A
 * cell spanning rows keeps later rows' cells out of its columns, as a
 * browser lays them out; its text stays in its first row. busy holds,
 * per column, the first row free again, so no row walks the width.
 */
static int
table(struct hwalk *h, xmlNode *tbl, struct grid *g, size_t depth)
{
	GArray	*busy = g_array_new(FALSE, TRUE, sizeof(long));
	GPtrArray *rows = g_ptr_array_new();
	GString	*text = g_string_new(NULL);
	size_t	 budget;
	int	 rc = -1;

	for (xmlNode *n = tbl->children; n != NULL; n = n->next) {
		if (is_el(n, "tr"))
			g_ptr_array_add(rows, n);
		else if (is_el(n, "thead") || is_el(n, "tbody") ||
		    is_el(n, "tfoot"))
			for (xmlNode *r = n->children; r != NULL; r = r->next)
				if (is_el(r, "tr"))
					g_ptr_array_add(rows, r);
	}
	if (rows->len > h->lim.max_rows) {
		h->why = "HTML table has more rows than the limit";
		goto out;
	}
	budget = h->cells < h->lim.max_cells ? h->lim.max_cells - h->cells : 0;
	for (size_t r = 0; r < rows->len; r++) {
		xmlNode	*tr = g_ptr_array_index(rows, r);
		size_t	 col = 0;

		if (grid_set(g, r, 0, CELL_EMPTY, NULL, budget) == -1)
			goto cells;
		for (xmlNode *c = tr->children; c != NULL; c = c->next) {
			long	cs, rs;

			if (!is_el(c, "td") && !is_el(c, "th"))
				continue;
			while (col < busy->len &&
			    g_array_index(busy, long, col) > (long)r)
				col++;
			cs = span(c, "colspan");
			rs = span(c, "rowspan");
			if (col + (size_t)cs > h->lim.max_cols) {
				h->why = "HTML table has more columns than the "
				    "limit";
				goto out;
			}
			g_string_truncate(text, 0);
			if (walk(h, c, NULL, text, depth + 1) == -1)
				goto out;
			g_strstrip(text->str);
			if (grid_set(g, r, col, text->str[0] ? CELL_TEXT :
			    CELL_EMPTY, text->str[0] ? text->str : NULL,
			    budget) == -1)
				goto cells;
			/* The columns covered hold nothing: the grid only
			 * widens. */
			if (cs > 1 && grid_set(g, r, col + (size_t)cs - 1,
			    CELL_EMPTY, NULL, budget) == -1)
				goto cells;
			for (long k = 0; rs > 1 && k < cs; k++) {
				size_t at = col + (size_t)k;

				if (at >= busy->len)
					g_array_set_size(busy, at + 1);
				g_array_index(busy, long, at) = (long)r + rs;
			}
			col += (size_t)cs;
		}
	}
	rc = 0;
	goto out;
cells:
	h->why = "HTML tables have more cells than the limit";
out:
	g_string_free(text, TRUE);
	g_ptr_array_free(rows, TRUE);
	g_array_free(busy, TRUE);
	return (rc);
}

int
html_table_read(const char *html, size_t len,
    const struct parse_limits *limits, struct docbody **body_r,
    const char **why_r)
{
	struct hwalk	 h = { .lim = limits_resolve(limits) };
	htmlDocPtr	 doc = NULL;
	xmlNode		*root;
	struct docbody	*body = NULL;
	GString		*line = g_string_new(NULL);

	*body_r = NULL;
	if (len > h.lim.max_entry_size || len > INT_MAX) {
		h.why = "HTML body is longer than the limit";
		goto out;
	}
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		h.why = "HTML body cannot be read";
		goto out;
	}
	body = docbody_new();
	if (walk(&h, root, body, line, 0) == -1) {
		docbody_free(body);
		body = NULL;
		goto out;
	}
	flush(body, line);
	*body_r = body;
	h.why = NULL;
out:
	g_string_free(line, TRUE);
	xmlFreeDoc(doc);
	*why_r = h.why;
	return (*body_r != NULL ? 0 : -1);
}
