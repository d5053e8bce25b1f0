/* docx.c: WordprocessingML body to docbody. Walks the tree by namespace
 * URI, never by prefix; descends into any wrapper it does not know, and
 * skips only what a reader of the printed page would not see. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/docx.h"
#include "parsers/safe-xml.h"
#include "parsers/vn-legacy.h"

#define NS_W \
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT	"http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC \
	"http://schemas.openxmlformats.org/markup-compatibility/2006"

#define DOCX_TOO_MANY_CELLS \
	"Word document has more table cells than the limit"
#define DOCX_TOO_WIDE \
	"Word table has more columns than the limit"

/* How far a style's basedOn chain is followed: Word allows no cycle, a
 * hostile file may. */
#define DOCX_STYLE_DEPTH	16

/* A style of styles.xml, as far as fonts go. */
struct dstyle {
	char	*font;		/* rPr/rFonts, NULL when it names none */
	char	*based;		/* basedOn, or NULL */
};

struct docx {
	struct parse_limits	 lim;
	size_t			 cells;		/* used by earlier tables */
	const char		*why;
	GHashTable		*styles;	/* styleId -> struct dstyle */
	char			*def_font;	/* docDefaults rPrDefault */
	char			*def_pstyle;	/* default paragraph style */
	const char		*pfont;		/* the paragraph's style font */
	size_t			 legacy;	/* runs converted */
	unsigned		 legacy_fonts;	/* VN_LEGACY_FAMILY_* */
};

/* Where blocks go: the body at top level, else one cell's text. */
struct sink {
	struct docbody	*body;
	GString		*text;
	size_t		 nblocks;
};

static bool	 is_w(const xmlNode *, const char *);
static bool	 is_mc(const xmlNode *, const char *);
static bool	 docx_skipped(const xmlNode *);
static xmlNode	*docx_branch(xmlNode *);
static void	 docx_text(GString *, const xmlNode *);
static int	 docx_emit(struct docx *, struct sink *, const char *);
static int	 docx_blocks(struct docx *, xmlNode *, struct sink *);
static void	 docx_inline(struct docx *, xmlNode *, GString *,
		    GPtrArray *);
static int	 docx_paragraph(struct docx *, xmlNode *, struct sink *);
static int	 docx_table(struct docx *, xmlNode *, struct sink *);
static int	 docx_rows(struct docx *, xmlNode *, struct grid *, size_t *);
static int	 docx_row(struct docx *, xmlNode *, struct grid *, size_t);
static int	 docx_cells(struct docx *, xmlNode *, struct grid *, size_t,
		    size_t *);
static int	 docx_cell(struct docx *, xmlNode *, struct grid *, size_t,
		    size_t *);
static xmlNode	*docx_child(xmlNode *, const char *);
static xmlChar	*docx_attr_val(xmlNode *);
static bool	 docx_continues(xmlNode *);
static long	 docx_val(xmlNode *, long);
static size_t	 docx_budget(const struct docx *);
static char	*docx_rfont(xmlNode *);
static xmlChar	*docx_wattr(xmlNode *, const char *);
static void	 dstyle_free(void *);
static void	 docx_styles(struct docx *, struct package *, const char *);
static const char *docx_style_font(const struct docx *, const char *);
static void	 docx_run(struct docx *, xmlNode *, GString *, GPtrArray *);

static bool
is_w(const xmlNode *n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    (strcmp((const char *)n->ns->href, NS_W) == 0 ||
	    strcmp((const char *)n->ns->href, NS_W_STRICT) == 0) &&
	    strcmp((const char *)n->name, name) == 0);
}

static bool
is_mc(const xmlNode *n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, NS_MC) == 0 &&
	    strcmp((const char *)n->name, name) == 0);
}

/* Properties, deleted or moved-away text, field codes, proofing marks:
 * nothing a reader sees on the page. */
static bool
docx_skipped(const xmlNode *n)
{
	static const char *const names[] = {
		"pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid",
		"trPr", "tcPr", "sectPr", "del", "moveFrom", "delText",
		"instrText", "delInstrText", "proofErr", "bookmarkStart",
		"bookmarkEnd", "fldChar", "tblPrEx", "customXmlPr",
		"commentRangeStart", "commentRangeEnd", "permStart",
		"permEnd", "moveFromRangeStart", "moveFromRangeEnd",
		"moveToRangeStart", "moveToRangeEnd", NULL
	};

	if (n->type != XML_ELEMENT_NODE)
		return (true);
	for (size_t i = 0; names[i] != NULL; i++)
		if (is_w(n, names[i]))
			return (true);
	return (false);
}

/* One branch of mc:AlternateContent, so its text is read once: the
 * Fallback, which every consumer understands, else the first Choice. */
static xmlNode *
docx_branch(xmlNode *ac)
{
	xmlNode *n, *choice = NULL;

	for (n = ac->children; n != NULL; n = n->next) {
		if (is_mc(n, "Fallback"))
			return (n);
		if (choice == NULL && is_mc(n, "Choice"))
			choice = n;
	}
	return (choice);
}

static void
docx_text(GString *s, const xmlNode *t)
{
	for (const xmlNode *c = t->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			g_string_append(s, (const char *)c->content);
}

static xmlNode *
docx_child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n != NULL ? n->children : NULL; c != NULL;
	    c = c->next)
		if (is_w(c, name))
			return (c);
	return (NULL);
}

static xmlChar *
docx_attr_val(xmlNode *n)
{
	xmlChar *v;

	if ((v = xmlGetNsProp(n, BAD_CAST "val", BAD_CAST NS_W)) == NULL)
		v = xmlGetNsProp(n, BAD_CAST "val", BAD_CAST NS_W_STRICT);
	return (v);
}

/* A merge mark continues the cell before it unless it says restart; the
 * text lives in the cell that started it. */
static bool
docx_continues(xmlNode *m)
{
	xmlChar	*v;
	bool	 r;

	if (m == NULL)
		return (false);
	v = docx_attr_val(m);
	r = v == NULL || strcmp((char *)v, "restart") != 0;
	xmlFree(v);
	return (r);
}

/* The w:val of n as a number, or def when absent or not a number. */
static long
docx_val(xmlNode *n, long def)
{
	xmlChar	*v;
	char	*end;
	long	 r = def;

	if (n == NULL)
		return (def);
	if ((v = docx_attr_val(n)) != NULL) {
		r = strtol((char *)v, &end, 10);
		if (end == (char *)v || *end != '\0')
			r = def;
	}
	xmlFree(v);
	return (r);
}

static size_t
docx_budget(const struct docx *d)
{
	return (d->cells < d->lim.max_cells ? d->lim.max_cells - d->cells : 0);
}

static xmlChar *
docx_wattr(xmlNode *n, const char *name)
{
	xmlChar *v;

	if ((v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_W)) == NULL)
		v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_W_STRICT);
	return (v);
}

/* The font an rPr names for the text a form holds: hAnsi (the font Word
 * draws bytes 0x80-0xFF in, where legacy letters live), else ascii, else
 * cs. NULL when it names none; g_free. */
static char *
docx_rfont(xmlNode *rpr)
{
	static const char *const which[] = { "hAnsi", "ascii", "cs" };
	xmlNode	*f = docx_child(rpr, "rFonts");
	char	*r = NULL;

	for (size_t i = 0; f != NULL && r == NULL && i < 3; i++) {
		xmlChar *v = docx_wattr(f, which[i]);

		if (v != NULL && *v != '\0')
			r = g_strdup((char *)v);
		xmlFree(v);
	}
	return (r);
}

static void
dstyle_free(void *p)
{
	struct dstyle *st = p;

	g_free(st->font);
	g_free(st->based);
	g_free(st);
}

/* The fonts of styles.xml that runs inherit: docDefaults, and each
 * paragraph or character style's own rFonts and basedOn. A styles part
 * that is missing or cannot be read leaves every run on its own fonts. */
static void
docx_styles(struct docx *d, struct package *pkg, const char *main)
{
	struct package_rel	*rels = NULL;
	size_t			 nrels = 0;
	const char		*why, *part = NULL;
	unsigned char		*data = NULL;
	size_t			 len;
	xmlDocPtr		 doc = NULL;
	xmlNode			*root, *n;

	d->styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    dstyle_free);
	if (package_rels(pkg, main, &rels, &nrels, &why) == 0)
		for (size_t i = 0; i < nrels && part == NULL; i++) {
			const char *t = strrchr(rels[i].type, '/');

			if (!rels[i].external && t != NULL &&
			    strcmp(t, "/styles") == 0)
				part = rels[i].target;
		}
	if (part == NULL)
		part = "word/styles.xml";
	if (!package_has(pkg, part) ||
	    package_read(pkg, part, &data, &len, &why) == -1 ||
	    (doc = safe_xml_parse(data, len, &d->lim, &why)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	for (n = root != NULL ? root->children : NULL; n != NULL;
	    n = n->next) {
		if (is_w(n, "docDefaults")) {
			g_free(d->def_font);
			d->def_font = docx_rfont(docx_child(docx_child(n,
			    "rPrDefault"), "rPr"));
		} else if (is_w(n, "style")) {
			xmlChar		*id = docx_wattr(n, "styleId");
			xmlChar		*type = docx_wattr(n, "type");
			xmlChar		*def = docx_wattr(n, "default");
			struct dstyle	*st;

			if (id != NULL) {
				st = g_new0(struct dstyle, 1);
				st->font = docx_rfont(docx_child(n, "rPr"));
				st->based = (char *)docx_attr_val(
				    docx_child(n, "basedOn"));
				if (st->based != NULL) {
					char *b = g_strdup(st->based);

					xmlFree(st->based);
					st->based = b;
				}
				g_hash_table_replace(d->styles,
				    g_strdup((char *)id), st);
				if (type != NULL && def != NULL &&
				    strcmp((char *)type, "paragraph") == 0 &&
				    (strcmp((char *)def, "1") == 0 ||
				    strcmp((char *)def, "true") == 0) &&
				    d->def_pstyle == NULL)
					d->def_pstyle = g_strdup((char *)id);
			}
			xmlFree(id);
			xmlFree(type);
			xmlFree(def);
		}
	}
out:
	xmlFreeDoc(doc);
	g_free(data);
	package_rels_free(rels, nrels);
}

/* The font style id gives its text, following basedOn; NULL for none. */
static const char *
docx_style_font(const struct docx *d, const char *id)
{
	for (int i = 0; id != NULL && i < DOCX_STYLE_DEPTH; i++) {
		const struct dstyle *st = g_hash_table_lookup(d->styles, id);

		if (st == NULL)
			return (NULL);
		if (st->font != NULL)
			return (st->font);
		id = st->based;
	}
	return (NULL);
}

/* One run: its text, converted when its font is a TCVN3 or VNI one. The
 * font is the run's own, else its character style's, else its
 * paragraph style's, else the document default. */
static void
docx_run(struct docx *d, xmlNode *r, GString *t, GPtrArray *boxes)
{
	xmlNode		*rpr = docx_child(r, "rPr");
	char		*own = docx_rfont(rpr);
	xmlChar		*cs = docx_attr_val(docx_child(rpr, "rStyle"));
	const char	*font = own;
	enum vn_legacy	 enc;
	GString		*rt;
	char		*conv;

	if (font == NULL && cs != NULL)
		font = docx_style_font(d, (char *)cs);
	if (font == NULL)
		font = d->pfont;
	if (font == NULL)
		font = d->def_font;
	enc = vn_legacy_font(font);
	g_free(own);
	xmlFree(cs);
	if (enc == VN_LEGACY_NONE) {
		docx_inline(d, r, t, boxes);
		return;
	}
	rt = g_string_new(NULL);
	docx_inline(d, r, rt, boxes);
	if ((conv = vn_legacy_convert(enc, rt->str)) != NULL) {
		g_string_append(t, conv);
		d->legacy++;
		d->legacy_fonts |= vn_legacy_family(enc);
		g_free(conv);
	} else
		g_string_append_len(t, rt->str, (gssize)rt->len);
	g_string_free(rt, TRUE);
}

/* A paragraph (or a flattened nested table) into the sink. */
static int
docx_emit(struct docx *d, struct sink *s, const char *text)
{
	if (s->body != NULL) {
		docbody_add_paragraph(s->body, text);
		return (0);
	}
	if (s->nblocks++ > 0)
		g_string_append_c(s->text, '\n');
	g_string_append(s->text, text);
	if (s->text->len > d->lim.max_cell_len) {
		d->why = "Word table cell is longer than the limit";
		return (-1);
	}
	return (0);
}

static int
docx_blocks(struct docx *d, xmlNode *parent, struct sink *s)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		xmlNode *b;
		int	 rc = 0;

		if (docx_skipped(n))
			continue;
		if (is_w(n, "p"))
			rc = docx_paragraph(d, n, s);
		else if (is_w(n, "tbl"))
			rc = docx_table(d, n, s);
		else if (is_mc(n, "AlternateContent")) {
			if ((b = docx_branch(n)) != NULL)
				rc = docx_blocks(d, b, s);
		} else
			rc = docx_blocks(d, n, s);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

/* Run-level text of one paragraph into t; text boxes found on the way
 * are kept in boxes, to be read as paragraphs of their own. */
static void
docx_inline(struct docx *d, xmlNode *parent, GString *t, GPtrArray *boxes)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		xmlNode *b;

		if (docx_skipped(n))
			continue;
		if (is_w(n, "t"))
			docx_text(t, n);
		else if (is_w(n, "tab"))
			g_string_append_c(t, '\t');
		else if (is_w(n, "br") || is_w(n, "cr"))
			g_string_append_c(t, '\n');
		else if (is_w(n, "noBreakHyphen"))
			g_string_append_c(t, '-');
		else if (is_w(n, "txbxContent"))
			g_ptr_array_add(boxes, n);
		else if (is_w(n, "r"))
			docx_run(d, n, t, boxes);
		else if (is_mc(n, "AlternateContent")) {
			if ((b = docx_branch(n)) != NULL)
				docx_inline(d, b, t, boxes);
		} else
			docx_inline(d, n, t, boxes);
	}
}

static int
docx_paragraph(struct docx *d, xmlNode *p, struct sink *s)
{
	GString		*t = g_string_new(NULL);
	GPtrArray	*boxes = g_ptr_array_new();
	xmlChar		*ps;
	int		 rc;

	ps = docx_attr_val(docx_child(docx_child(p, "pPr"), "pStyle"));
	d->pfont = docx_style_font(d, ps != NULL ? (char *)ps :
	    d->def_pstyle);
	xmlFree(ps);
	docx_inline(d, p, t, boxes);
	rc = docx_emit(d, s, t->str);
	for (size_t i = 0; rc == 0 && i < boxes->len; i++)
		rc = docx_blocks(d, g_ptr_array_index(boxes, i), s);
	g_ptr_array_free(boxes, TRUE);
	g_string_free(t, TRUE);
	return (rc);
}

static int
docx_cell(struct docx *d, xmlNode *tc, struct grid *g, size_t row,
    size_t *col)
{
	xmlNode		*pr = docx_child(tc, "tcPr");
	long		 span = docx_val(docx_child(pr, "gridSpan"), 1);
	bool		 covered;
	struct sink	 s = { NULL, NULL, 0 };
	int		 rc = -1;

	covered = docx_continues(docx_child(pr, "vMerge")) ||
	    docx_continues(docx_child(pr, "hMerge"));
	if (span < 1)
		span = 1;
	if ((size_t)span > d->lim.max_cols || *col + (size_t)span >
	    d->lim.max_cols) {
		d->why = DOCX_TOO_WIDE;
		return (-1);
	}
	s.text = g_string_new(NULL);
	if (!covered && docx_blocks(d, tc, &s) == -1)
		goto out;
	if (grid_set(g, row, *col, s.text->len ? CELL_TEXT : CELL_EMPTY,
	    s.text->len ? s.text->str : NULL, docx_budget(d)) == -1) {
		d->why = DOCX_TOO_MANY_CELLS;
		goto out;
	}
	/* The cells a span covers hold nothing: the grid only widens. */
	if (span > 1 && grid_set(g, row, *col + span - 1, CELL_EMPTY, NULL,
	    docx_budget(d)) == -1) {
		d->why = DOCX_TOO_MANY_CELLS;
		goto out;
	}
	*col += span;
	rc = 0;
out:
	g_string_free(s.text, TRUE);
	return (rc);
}

static int
docx_cells(struct docx *d, xmlNode *parent, struct grid *g, size_t row,
    size_t *col)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		xmlNode *b;
		int	 rc = 0;

		if (docx_skipped(n))
			continue;
		if (is_w(n, "tc"))
			rc = docx_cell(d, n, g, row, col);
		else if (is_mc(n, "AlternateContent")) {
			if ((b = docx_branch(n)) != NULL)
				rc = docx_cells(d, b, g, row, col);
		} else
			rc = docx_cells(d, n, g, row, col);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

static int
docx_row(struct docx *d, xmlNode *tr, struct grid *g, size_t row)
{
	long	before = docx_val(docx_child(docx_child(tr, "trPr"),
		    "gridBefore"), 0);
	size_t	col;

	if (before < 0 || (size_t)before >= d->lim.max_cols)
		before = 0;
	col = (size_t)before;
	if (docx_cells(d, tr, g, row, &col) == -1)
		return (-1);
	/* Keep empty rows: a grid has as many rows as the table. */
	if (col == 0 && grid_set(g, row, 0, CELL_EMPTY, NULL,
	    docx_budget(d)) == -1) {
		d->why = DOCX_TOO_MANY_CELLS;
		return (-1);
	}
	return (0);
}

static int
docx_rows(struct docx *d, xmlNode *parent, struct grid *g, size_t *row)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		xmlNode *b;
		int	 rc = 0;

		if (docx_skipped(n))
			continue;
		if (is_w(n, "tr")) {
			/* A row deleted with tracked changes is gone. */
			if (docx_child(docx_child(n, "trPr"), "del") != NULL)
				continue;
			if (*row >= d->lim.max_rows) {
				d->why = "Word table has more rows than the "
				    "limit";
				return (-1);
			}
			rc = docx_row(d, n, g, (*row)++);
		} else if (is_mc(n, "AlternateContent")) {
			if ((b = docx_branch(n)) != NULL)
				rc = docx_rows(d, b, g, row);
		} else
			rc = docx_rows(d, n, g, row);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

/* A table becomes a grid in the body; inside a cell, its text: cells
 * joined by tabs, rows by newlines. */
static int
docx_table(struct docx *d, xmlNode *tbl, struct sink *s)
{
	struct grid	*g = grid_new(NULL);
	GString		*t;
	size_t		 row = 0;
	int		 rc;

	if (docx_rows(d, tbl, g, &row) == -1) {
		grid_free(g);
		return (-1);
	}
	d->cells += g->ncells;
	if (s->body != NULL) {
		docbody_add_grid(s->body, g);
		return (0);
	}
	/* Built only as far as a cell's limit, and over the cells that
	 * hold text: a row ends at its last one. */
	t = g_string_new(NULL);
	for (size_t r = 0; r < g->nrows && t->len <= d->lim.max_cell_len;
	    r++) {
		size_t at = 0;

		if (r > 0)
			g_string_append_c(t, '\n');
		for (size_t c = grid_next(g, r, 0); c < g->ncols &&
		    t->len <= d->lim.max_cell_len; c = grid_next(g, r, c + 1)) {
			for (; at < c; at++)
				g_string_append_c(t, '\t');
			g_string_append(t, grid_at(g, r, c)->text);
		}
	}
	grid_free(g);
	if (t->len > d->lim.max_cell_len) {
		d->why = "Word table cell is longer than the limit";
		rc = -1;
	} else
		rc = docx_emit(d, s, t->str);
	g_string_free(t, TRUE);
	return (rc);
}

int
docx_read(struct package *pkg, const struct parse_limits *limits,
    struct docbody **body_r, const char **why_r)
{
	struct docx	 d = { .lim = limits_resolve(limits) };
	struct sink	 s = { NULL, NULL, 0 };
	char		*main;
	unsigned char	*data = NULL;
	size_t		 len;
	xmlDocPtr	 doc = NULL;
	xmlNode		*root, *body;

	*body_r = NULL;
	if ((main = package_main_part(pkg)) == NULL)
		main = g_strdup("word/document.xml");
	if (package_read(pkg, main, &data, &len, &d.why) == -1)
		goto out;
	if ((doc = safe_xml_parse(data, len, &d.lim, &d.why)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_w(root, "document") ||
	    (body = docx_child(root, "body")) == NULL) {
		d.why = "Word document has no w:body";
		goto out;
	}
	docx_styles(&d, pkg, main);
	s.body = docbody_new();
	if (docx_blocks(&d, body, &s) == -1) {
		docbody_free(s.body);
		goto out;
	}
	s.body->legacy = d.legacy;
	s.body->legacy_fonts = d.legacy_fonts;
	*body_r = s.body;
	d.why = NULL;
out:
	if (d.styles != NULL)
		g_hash_table_destroy(d.styles);
	g_free(d.def_font);
	g_free(d.def_pstyle);
	xmlFreeDoc(doc);
	g_free(data);
	g_free(main);
	*why_r = d.why;
	return (*body_r != NULL ? 0 : -1);
}
