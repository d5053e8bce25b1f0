/* xlsx.c: SpreadsheetML to docbody. Worksheets and shared strings are
 * inflated and parsed as they stream (SAX, 64 KiB at a time), so memory
 * follows the cells kept, never the XML; a number is never parsed and
 * printed back, only passed on. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/safe-xml.h"
#include "parsers/numfmt.h"
#include "parsers/vn-legacy.h"
#include "parsers/xlsx.h"

#define NS_S \
	"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_S_STRICT	"http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_R \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_R_STRICT \
	"http://purl.oclc.org/ooxml/officeDocument/relationships"

#define XLSX_MAX_COL	16384		/* XFD */
#define XLSX_MAX_ROW	1048576
#define XLSX_CHUNK	((size_t)64 << 10)	/* inflated per push */

struct xlsx {
	struct parse_limits	 lim;
	struct package		*pkg;
	GPtrArray		*sst;		/* shared strings, kept in
						 * sst_text */
	GStringChunk		*sst_text;
	GArray			*xf_date;	/* bool per cellXfs index */
	GByteArray		*xf_enc;	/* enum vn_legacy per cellXfs
						 * index, from its font */
	GByteArray		*sst_flags;	/* SST_* per shared string */
	size_t			 legacy;	/* cells converted */
	unsigned		 legacy_fonts;	/* VN_LEGACY_FAMILY_* */
	GString			*legacy_text;	/* the cell just converted */
	bool			 date1904;
	size_t			 cells;		/* used by earlier sheets */
	const char		*sheet;		/* being read, for reasons */
	const char		*why;
	const xmlChar		*ns;		/* the SpreadsheetML URI as the
						 * running parser interns it */
	GString			*attr;		/* an attribute value */
	GString			*esc;		/* text with escapes undone */
};

/* The elements the streams act on; any other is XEL_OTHER. */
enum xel {
	XEL_OTHER, XEL_SHEETDATA, XEL_ROW, XEL_C, XEL_V, XEL_IS, XEL_T,
	XEL_RPH, XEL_SI, XEL_R, XEL_RFONT
};

/* What a shared string's rich runs did: some named their own font (so
 * the cell's font does not apply), and some of them were converted. */
#define SST_RUN_FONTS	0x01
#define SST_CONVERTED	0x02
/* which fonts its runs were converted from (VN_LEGACY_FAMILY_*) */
#define SST_FAMILY_SHIFT	2

/* A cell's t attribute. */
enum xtype {
	XT_NUMBER, XT_SHARED, XT_INLINE, XT_BOOL, XT_ERROR, XT_DATE,
	XT_OTHER
};

/* One <c> being read; v and is are reused from cell to cell. */
struct xcell {
	size_t		 row, col;
	enum xtype	 t;
	long		 s;		/* style index, or -1 */
	GString		*v, *is;
	bool		 in_v, in_t;
	size_t		 in_is;		/* depth of <is>, or 0 */
	int		 rph;		/* <rPh> nesting */
};

/* A worksheet being streamed. */
struct xsheet {
	struct xlsx	*x;
	struct grid	*g;
	size_t		 depth, row, next_col;
	bool		 had_row, in_data, in_c;
	struct xcell	 c;
};

/* The shared string table being streamed. */
struct xsst {
	struct xlsx	*x;
	GString		*cur;
	bool		 in_si, in_t;
	int		 rph;
	bool		 in_r;
	size_t		 run_start;	/* of the rich run's text in cur */
	enum vn_legacy	 run_enc;
	unsigned char	 flags;		/* SST_* */
};

static __thread char xlsx_reason[256];

static void	 xlsx_fail(struct xlsx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static enum xel	 xlsx_el(struct xlsx *, const xmlChar *, const xmlChar *);
static bool	 is_s(const xmlNode *, const char *);
static const char *xlsx_attr(struct xlsx *, const xmlChar **, char *,
		    size_t);
static const char *xlsx_unescape(GString *, const char *);
static char	*xlsx_strip(char *, size_t);
static int	 xlsx_styles(struct xlsx *, const char *);
static int	 xlsx_read_part(struct xlsx *, const char *, unsigned char **,
		    size_t *);
static int	 xlsx_stream(struct xlsx *, const char *, const char *,
		    const struct safe_sax_handler *, void *);
static const char *sst_start(void *, const xmlChar *, const xmlChar *, int,
		    const xmlChar **);
static const char *sst_end(void *, const xmlChar *, const xmlChar *);
static const char *sst_text(void *, const xmlChar *, int);
static int	 xlsx_sst(struct xlsx *, const char *);
static int	 xlsx_ref(const char *, size_t *, size_t *, bool *);
static int	 xlsx_row_number(const char *, size_t *);
static char	*xlsx_cell_name(size_t, size_t, char *);
static bool	 xlsx_date(const struct xlsx *, const char *, char *, size_t);
static int	 xlsx_store(struct xlsx *, struct grid *, struct xcell *);
static const char *sheet_row(struct xsheet *, int, const xmlChar **);
static const char *sheet_cell(struct xsheet *, int, const xmlChar **);
static const char *sheet_start(void *, const xmlChar *, const xmlChar *,
		    int, const xmlChar **);
static const char *sheet_end(void *, const xmlChar *, const xmlChar *);
static const char *sheet_text(void *, const xmlChar *, int);
static int	 xlsx_sheet(struct xlsx *, const char *, const char *,
		    struct docbody *);

static void
xlsx_fail(struct xlsx *x, const char *fmt, ...)
{
	char		 name[64];
	char		 msg[sizeof(xlsx_reason) - 80];
	const char	*end;
	va_list		 ap;

	va_start(ap, fmt);
	g_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Quoted input may have been cut inside a character. */
	g_utf8_validate(msg, -1, &end);
	msg[end - msg] = '\0';
	if (x->sheet == NULL) {
		g_strlcpy(xlsx_reason, msg, sizeof(xlsx_reason));
	} else {
		/* A hostile sheet name is cut short, on a character. */
		g_strlcpy(name, x->sheet, sizeof(name));
		g_utf8_validate(name, -1, &end);
		name[end - name] = '\0';
		g_snprintf(xlsx_reason, sizeof(xlsx_reason), "sheet '%s' %s",
		    name, msg);
	}
	x->why = xlsx_reason;
}



/*
 * Which element this is. Names are matched first, as they are short; the
 * namespace URI, which the parser interns once, is compared in full only
 * until its pointer is known.
 */
static enum xel
xlsx_el(struct xlsx *x, const xmlChar *name, const xmlChar *uri)
{
	const char	*n = (const char *)name;
	enum xel	 e = XEL_OTHER;

	switch (n[0]) {
	case 'c':
		if (n[1] == '\0')
			e = XEL_C;
		break;
	case 'v':
		if (n[1] == '\0')
			e = XEL_V;
		break;
	case 't':
		if (n[1] == '\0')
			e = XEL_T;
		break;
	case 'i':
		if (strcmp(n, "is") == 0)
			e = XEL_IS;
		break;
	case 'r':
		if (n[1] == '\0')
			e = XEL_R;
		else if (strcmp(n, "row") == 0)
			e = XEL_ROW;
		else if (strcmp(n, "rPh") == 0)
			e = XEL_RPH;
		else if (strcmp(n, "rFont") == 0)
			e = XEL_RFONT;
		break;
	case 's':
		if (strcmp(n, "si") == 0)
			e = XEL_SI;
		else if (strcmp(n, "sheetData") == 0)
			e = XEL_SHEETDATA;
		break;
	default:
		break;
	}
	if (e == XEL_OTHER || uri == NULL)
		return (XEL_OTHER);
	if (uri == x->ns)
		return (e);
	if (strcmp((const char *)uri, NS_S) != 0 &&
	    strcmp((const char *)uri, NS_S_STRICT) != 0)
		return (XEL_OTHER);
	x->ns = uri;
	return (e);
}

/* The value of one SAX2 attribute (its five pointers) as a string: in
 * buf (size bytes) when it fits, as it always does in a sound sheet, else
 * in x->attr until the next call. */
static const char *
xlsx_attr(struct xlsx *x, const xmlChar **a, char *buf, size_t size)
{
	size_t	n = (size_t)(a[4] - a[3]);

	if (n < size) {
		memcpy(buf, a[3], n);
		buf[n] = '\0';
		return (buf);
	}
	g_string_truncate(x->attr, 0);
	g_string_append_len(x->attr, (const char *)a[3], n);
	return (x->attr->str);
}

/* ST_Xstring escapes characters XML cannot hold as _xHHHH_ ("_x000D_"
 * for a carriage return; "_x005F_" for a literal underscore). Returns s
 * when it has none, else the text undone into out. */
static const char *
xlsx_unescape(GString *out, const char *s)
{
	if (strstr(s, "_x") == NULL)
		return (s);
	g_string_truncate(out, 0);
	while (*s != '\0') {
		if (s[0] == '_' && s[1] == 'x' && g_ascii_isxdigit(s[2]) &&
		    g_ascii_isxdigit(s[3]) && g_ascii_isxdigit(s[4]) &&
		    g_ascii_isxdigit(s[5]) && s[6] == '_') {
			gunichar c = (gunichar)strtoul((char[]){ s[2], s[3],
			    s[4], s[5], '\0' }, NULL, 16);

			if (c != 0 && g_unichar_validate(c)) {
				g_string_append_unichar(out, c);
				s += 7;
				continue;
			}
		}
		g_string_append_c(out, *s++);
	}
	return (out->str);
}

/* s (len bytes) without ASCII space at either end, in place. */
static char *
xlsx_strip(char *s, size_t len)
{
	while (len > 0 && g_ascii_isspace(s[len - 1]))
		len--;
	s[len] = '\0';
	while (g_ascii_isspace(*s))
		s++;
	return (s);
}

static bool
is_s(const xmlNode *n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    (strcmp((const char *)n->ns->href, NS_S) == 0 ||
	    strcmp((const char *)n->ns->href, NS_S_STRICT) == 0) &&
	    strcmp((const char *)n->name, name) == 0);
}


/* Which cell styles (cellXfs) show dates; a missing styles part means
 * none do. */
static int
xlsx_styles(struct xlsx *x, const char *part)
{
	GHashTable	*codes;
	unsigned char	*data = NULL;
	size_t		 len;
	xmlDocPtr	 doc = NULL;
	xmlNode		*root, *n, *e;
	GByteArray	*fonts;		/* enum vn_legacy per font */
	int		 rc = -1;

	codes = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	x->xf_date = g_array_new(FALSE, TRUE, sizeof(bool));
	x->xf_enc = g_byte_array_new();
	fonts = g_byte_array_new();
	if (part == NULL) {
		rc = 0;
		goto out;
	}
	if (xlsx_read_part(x, part, &data, &len) == -1)
		goto out;
	if ((doc = safe_xml_parse(data, len, &x->lim, &x->why)) == NULL) {
		xlsx_fail(x, "styles: %s", x->why);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_s(n, "numFmts"))
			continue;
		for (e = n->children; e != NULL; e = e->next) {
			xmlChar *id, *code;

			if (!is_s(e, "numFmt"))
				continue;
			id = xmlGetProp(e, BAD_CAST "numFmtId");
			code = xmlGetProp(e, BAD_CAST "formatCode");
			if (id != NULL && code != NULL)
				g_hash_table_replace(codes, GSIZE_TO_POINTER(
				    strtoul((char *)id, NULL, 10)),
				    g_strdup((char *)code));
			xmlFree(id);
			xmlFree(code);
		}
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_s(n, "fonts"))
			continue;
		for (e = n->children; e != NULL; e = e->next) {
			guint8	 enc = VN_LEGACY_NONE;
			xmlChar	*v;

			if (!is_s(e, "font"))
				continue;
			for (xmlNode *f = e->children; f != NULL; f = f->next)
				if (is_s(f, "name") && (v = xmlGetProp(f,
				    BAD_CAST "val")) != NULL) {
					enc = (guint8)vn_legacy_font(
					    (char *)v);
					xmlFree(v);
				}
			g_byte_array_append(fonts, &enc, 1);
		}
		break;
	}
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_s(n, "cellXfs"))
			continue;
		for (e = n->children; e != NULL; e = e->next) {
			xmlChar		*id;
			long		 fid;
			const char	*code;
			bool		 date;

			if (!is_s(e, "xf"))
				continue;
			id = xmlGetProp(e, BAD_CAST "numFmtId");
			fid = id != NULL ? strtol((char *)id, NULL, 10) : 0;
			xmlFree(id);
			code = fid >= 0 ? g_hash_table_lookup(codes,
			    GSIZE_TO_POINTER((size_t)fid)) : NULL;
			date = code != NULL ? numfmt_code_is_date(code) :
			    numfmt_id_is_date(fid);
			g_array_append_val(x->xf_date, date);
			id = xmlGetProp(e, BAD_CAST "fontId");
			fid = id != NULL ? strtol((char *)id, NULL, 10) : 0;
			xmlFree(id);
			g_byte_array_append(x->xf_enc, fid >= 0 &&
			    (size_t)fid < fonts->len ? &fonts->data[fid] :
			    (const guint8 *)"\0", 1);
		}
		break;
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	g_free(data);
	g_hash_table_destroy(codes);
	g_byte_array_free(fonts, TRUE);
	return (rc);
}

static int
xlsx_read_part(struct xlsx *x, const char *part, unsigned char **data_r,
    size_t *len_r)
{
	const char *why;

	if (package_read(x->pkg, part, data_r, len_r, &why) == -1) {
		xlsx_fail(x, "%s: %s", part, why);
		return (-1);
	}
	return (0);
}

/*
 * Streams part through a SAX parser with h. what names the part in
 * reasons (NULL for the worksheet being read, which x->sheet names).
 * A handler that stops the parse has already said why in x->why.
 */
static int
xlsx_stream(struct xlsx *x, const char *part, const char *what,
    const struct safe_sax_handler *h, void *arg)
{
	struct package_stream	*ps;
	struct safe_sax		*sx = NULL;
	unsigned char		*buf = NULL;
	ssize_t			 n;
	const char		*why;
	int			 rc = -1;

	x->ns = NULL;
	x->why = NULL;
	if ((ps = package_stream_open(x->pkg, part, &why)) == NULL) {
		xlsx_fail(x, "%s: %s", part, why);
		goto out;
	}
	sx = safe_sax_new(h, arg, &x->lim);
	buf = g_malloc(XLSX_CHUNK);
	do {
		if ((n = package_stream_read(ps, buf, XLSX_CHUNK, &why)) ==
		    -1) {
			xlsx_fail(x, "%s: %s", part, why);
			goto out;
		}
		if (safe_sax_push(sx, buf, (size_t)n, n == 0, &why) == -1) {
			if (x->why != NULL)
				goto out;
			if (!safe_sax_started(sx))
				xlsx_fail(x, "%s%scannot be read as XML",
				    what ? what : "", what ? " " : "");
			else if (what != NULL)
				xlsx_fail(x, "%s: %s", what, why);
			else
				xlsx_fail(x, "%s", why);
			goto out;
		}
	} while (n > 0);
	rc = 0;
out:
	g_free(buf);
	safe_sax_free(sx);
	package_stream_close(ps);
	return (rc);
}

static const char *
sst_start(void *arg, const xmlChar *name, const xmlChar *uri, int nattr,
    const xmlChar **attrs)
{
	struct xsst	*st = arg;
	struct xlsx	*x = st->x;

	switch (xlsx_el(x, name, uri)) {
	case XEL_SI:
		if (x->sst->len >= x->lim.max_cells) {
			xlsx_fail(x, "workbook has more than %zu shared "
			    "strings", x->lim.max_cells);
			return (x->why);
		}
		g_string_truncate(st->cur, 0);
		st->in_si = true;
		st->flags = 0;
		break;
	case XEL_R:
		if (st->in_si && st->rph == 0) {
			st->in_r = true;
			st->run_start = st->cur->len;
			st->run_enc = VN_LEGACY_NONE;
		}
		break;
	case XEL_RFONT:
		for (int i = 0; st->in_r && i < nattr; i++) {
			const xmlChar	**at = attrs + 5 * i;
			char		  buf[64];

			if (at[2] == NULL && strcmp((const char *)at[0],
			    "val") == 0) {
				st->run_enc = vn_legacy_font(xlsx_attr(x, at,
				    buf, sizeof(buf)));
				st->flags |= SST_RUN_FONTS;
			}
		}
		break;
	case XEL_RPH:
		if (st->in_si)
			st->rph++;
		break;
	case XEL_T:
		if (st->in_si && st->rph == 0)
			st->in_t = true;
		break;
	default:
		break;
	}
	return (NULL);
}

static const char *
sst_end(void *arg, const xmlChar *name, const xmlChar *uri)
{
	struct xsst	*st = arg;
	struct xlsx	*x = st->x;

	switch (xlsx_el(x, name, uri)) {
	case XEL_SI:
		if (st->in_si) {
			g_ptr_array_add(x->sst, g_string_chunk_insert(
			    x->sst_text, xlsx_unescape(x->esc, st->cur->str)));
			g_byte_array_append(x->sst_flags, &st->flags, 1);
		}
		st->in_si = false;
		break;
	case XEL_R:
		if (st->in_r && st->run_enc != VN_LEGACY_NONE) {
			/* Escapes (_xHHHH_) are ASCII, which converts to
			 * itself: they are undone with the whole string. */
			char *run = g_strdup(st->cur->str + st->run_start);
			char *conv = vn_legacy_convert(st->run_enc, run);

			if (conv != NULL) {
				g_string_truncate(st->cur, st->run_start);
				g_string_append(st->cur, conv);
				st->flags |= SST_CONVERTED |
				    vn_legacy_family(st->run_enc) <<
				    SST_FAMILY_SHIFT;
			}
			g_free(conv);
			g_free(run);
		}
		st->in_r = false;
		break;
	case XEL_RPH:
		if (st->in_si)
			st->rph--;
		break;
	case XEL_T:
		st->in_t = false;
		break;
	default:
		break;
	}
	return (NULL);
}

static const char *
sst_text(void *arg, const xmlChar *s, int len)
{
	struct xsst	*st = arg;
	struct xlsx	*x = st->x;

	if (!st->in_t || st->rph != 0 || !st->in_si)
		return (NULL);
	g_string_append_len(st->cur, (const char *)s, len);
	/* Escapes shrink by at most 7 to 1. */
	if (st->cur->len > x->lim.max_cell_len * 7 + 7) {
		xlsx_fail(x, "shared string longer than %zu bytes",
		    x->lim.max_cell_len);
		return (x->why);
	}
	return (NULL);
}

/* The shared string table: each <si> is its <t> or the <t> of its rich
 * runs, phonetic <rPh> runs left out. */
static int
xlsx_sst(struct xlsx *x, const char *part)
{
	static const struct safe_sax_handler h = { sst_start, sst_end,
	    sst_text };
	struct xsst	st = { .x = x };
	int		rc;

	x->sst = g_ptr_array_new();
	x->sst_text = g_string_chunk_new(64 << 10);
	x->sst_flags = g_byte_array_new();
	if (part == NULL)
		return (0);
	st.cur = g_string_new(NULL);
	rc = xlsx_stream(x, part, "shared strings", &h, &st);
	g_string_free(st.cur, TRUE);
	return (rc);
}

/*
 * "B7" -> row 6, col 1. A reference may leave out the row (then *has_row
 * is false). -1 when it is not a reference inside Excel's grid.
 */
static int
xlsx_ref(const char *ref, size_t *row_r, size_t *col_r, bool *has_row)
{
	size_t		 col = 0, row = 0, nl = 0, nd = 0;
	const char	*p = ref;

	for (; g_ascii_isalpha(*p) && nl < 3; p++, nl++)
		col = col * 26 + (size_t)(g_ascii_toupper(*p) - 'A' + 1);
	for (; g_ascii_isdigit(*p) && nd < 7; p++, nd++)
		row = row * 10 + (size_t)(*p - '0');
	if (nl == 0 || *p != '\0' || col > XLSX_MAX_COL ||
	    (nd > 0 && (row < 1 || row > XLSX_MAX_ROW)))
		return (-1);
	*col_r = col - 1;
	*has_row = nd > 0;
	if (nd > 0)
		*row_r = row - 1;
	return (0);
}

/* A row's r attribute, 1-based, to a row index. */
static int
xlsx_row_number(const char *a, size_t *row_r)
{
	size_t	n = 0, nd = 0;

	for (; g_ascii_isdigit(*a) && nd < 8; a++, nd++)
		n = n * 10 + (size_t)(*a - '0');
	if (nd == 0 || *a != '\0' || n < 1 || n > XLSX_MAX_ROW)
		return (-1);
	*row_r = n - 1;
	return (0);
}

/* (6, 1) -> "B7", into buf of at least 16 bytes. */
static char *
xlsx_cell_name(size_t row, size_t col, char *buf)
{
	char	letters[8];
	size_t	n = 0;

	for (col++; col > 0 && n < sizeof(letters); col = (col - 1) / 26)
		letters[n++] = (char)('A' + (col - 1) % 26);
	for (size_t i = 0; i < n; i++)
		buf[i] = letters[n - 1 - i];
	g_snprintf(buf + n, 16 - n, "%zu", row + 1);
	return (buf);
}


/*
 * A date serial to ISO 8601. Excel's 1900 system counts 1900-01-01 as 1
 * and keeps Lotus's 1900-02-29 as 60; the 1904 system counts 1904-01-01
 * as 0. False (the cell stays a number) for values that are not dates.
 */
static bool
xlsx_date(const struct xlsx *x, const char *v, char *out, size_t outlen)
{
	char	*end;
	double	 serial = g_ascii_strtod(v, &end);

	if (end == v || *end != '\0')
		return (false);
	return (numfmt_serial_date(serial, x->date1904, out, outlen));
}


/* The value of the cell just closed, into the grid. */
static int
xlsx_store(struct xlsx *x, struct grid *g, struct xcell *c)
{
	enum cell_type	 type = CELL_TEXT;
	const char	*text, *v = c->v->str;
	char		 date[32], *end, *conv = NULL;
	unsigned long	 idx;
	unsigned char	 flags = 0;
	bool		 shared = false;

	switch (c->t) {
	case XT_NUMBER:
		text = xlsx_strip(c->v->str, c->v->len);
		type = CELL_NUMBER;
		if (c->s >= 0 && (size_t)c->s < x->xf_date->len &&
		    g_array_index(x->xf_date, bool, c->s) &&
		    xlsx_date(x, text, date, sizeof(date))) {
			text = date;
			type = CELL_DATE;
		}
		break;
	case XT_SHARED:
		if (c->v->len == 0)
			return (0);
		idx = strtoul(v, &end, 10);
		if (!g_ascii_isdigit(*v) || *end != '\0' ||
		    idx >= x->sst->len) {
			xlsx_fail(x, "cell %s refers to shared string '%.16s', "
			    "which does not exist",
			    xlsx_cell_name(c->row, c->col, date), v);
			return (-1);
		}
		text = g_ptr_array_index(x->sst, idx);
		flags = x->sst_flags->data[idx];
		shared = true;
		break;
	case XT_INLINE:
		text = xlsx_unescape(x->esc, c->is->len ? c->is->str : v);
		break;
	case XT_BOOL:
		type = CELL_BOOL;
		if (c->v->len == 0)
			text = "";
		else {
			v = xlsx_strip(c->v->str, c->v->len);
			text = strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ?
			    "FALSE" : "TRUE";
		}
		break;
	case XT_ERROR:
		type = CELL_ERROR;
		text = v;
		break;
	case XT_DATE:
		type = CELL_DATE;
		text = v;
		break;
	default:
		text = xlsx_unescape(x->esc, v);
		break;
	}
	if (text[0] == '\0')
		return (0);
	/* Text in a TCVN3 or VNI cell font, unless its rich runs named
	 * fonts of their own (then already converted, run by run). */
	if (type == CELL_TEXT && !(flags & SST_RUN_FONTS) && c->s >= 0 &&
	    (size_t)c->s < x->xf_enc->len &&
	    x->xf_enc->data[c->s] != VN_LEGACY_NONE &&
	    (conv = vn_legacy_convert(x->xf_enc->data[c->s], text)) != NULL) {
		g_string_assign(x->legacy_text, conv);
		g_free(conv);
		text = x->legacy_text->str;
		shared = false;
		x->legacy++;
		x->legacy_fonts |= vn_legacy_family(x->xf_enc->data[c->s]);
	} else if (flags & SST_CONVERTED) {
		x->legacy++;
		x->legacy_fonts |= flags >> SST_FAMILY_SHIFT;
	}
	if (strlen(text) > x->lim.max_cell_len) {
		xlsx_fail(x, "cell %s is longer than %zu bytes",
		    xlsx_cell_name(c->row, c->col, date), x->lim.max_cell_len);
		return (-1);
	}
	if (c->row >= x->lim.max_rows) {
		xlsx_fail(x, "has more than %zu rows", x->lim.max_rows);
		return (-1);
	}
	/* A shared string as the table holds it is pointed to, not copied:
	 * one 32 KiB string in four million cells would be 128 GiB. */
	if ((shared ? grid_set_shared : grid_set)(g, c->row, c->col, type,
	    text, x->cells < x->lim.max_cells ? x->lim.max_cells - x->cells :
	    0) == -1) {
		xlsx_fail(x, "has more than %zu cells", x->lim.max_cells);
		return (-1);
	}
	return (0);
}

/* A <row>: where its cells go unless they say otherwise. */
static const char *
sheet_row(struct xsheet *sh, int nattr, const xmlChar **attrs)
{
	struct xlsx	*x = sh->x;
	const char	*a = NULL;
	char		 buf[32];

	for (int i = 0; i < nattr; i++)
		if (attrs[5 * i + 2] == NULL &&
		    strcmp((const char *)attrs[5 * i], "r") == 0)
			a = xlsx_attr(x, attrs + 5 * i, buf,
			    sizeof(buf));
	if (a == NULL)
		sh->row = sh->had_row ? sh->row + 1 : 0;
	else if (xlsx_row_number(a, &sh->row) == -1) {
		xlsx_fail(x, "has a bad row number '%.16s'", a);
		return (x->why);
	}
	sh->had_row = true;
	sh->next_col = 0;
	return (NULL);
}

/* A <c>: its place, type and style; its value follows. */
static const char *
sheet_cell(struct xsheet *sh, int nattr, const xmlChar **attrs)
{
	struct xlsx	*x = sh->x;
	struct xcell	*c = &sh->c;
	const xmlChar	**ref = NULL;
	const char	*a;
	char		 buf[32];
	bool		 has_row = false;

	c->t = XT_NUMBER;
	c->s = -1;
	for (int i = 0; i < nattr; i++) {
		const xmlChar	**at = attrs + 5 * i;
		const char	 *n = (const char *)at[0];

		if (at[2] != NULL || n[0] == '\0' || n[1] != '\0')
			continue;
		if (n[0] == 'r')
			ref = at;
		else if (n[0] == 's')
			c->s = strtol(xlsx_attr(x, at, buf,
			    sizeof(buf)), NULL, 10);
		else if (n[0] == 't') {
			a = xlsx_attr(x, at, buf, sizeof(buf));
			if (strcmp(a, "n") == 0)
				c->t = XT_NUMBER;
			else if (strcmp(a, "s") == 0)
				c->t = XT_SHARED;
			else if (strcmp(a, "inlineStr") == 0)
				c->t = XT_INLINE;
			else if (strcmp(a, "b") == 0)
				c->t = XT_BOOL;
			else if (strcmp(a, "e") == 0)
				c->t = XT_ERROR;
			else if (strcmp(a, "d") == 0)
				c->t = XT_DATE;
			else
				c->t = XT_OTHER;
		}
	}
	c->row = sh->had_row ? sh->row : 0;
	c->col = sh->next_col;
	if (ref != NULL && xlsx_ref((a = xlsx_attr(x, ref, buf, sizeof(buf))),
	    &c->row, &c->col, &has_row) == -1) {
		xlsx_fail(x, "has a bad cell reference '%.16s'", a);
		return (x->why);
	}
	if (!has_row)
		c->row = sh->had_row ? sh->row : 0;
	sh->next_col = c->col + 1;
	g_string_truncate(c->v, 0);
	g_string_truncate(c->is, 0);
	c->in_v = c->in_t = false;
	c->in_is = 0;
	c->rph = 0;
	sh->in_c = true;
	return (NULL);
}

static const char *
sheet_start(void *arg, const xmlChar *name, const xmlChar *uri, int nattr,
    const xmlChar **attrs)
{
	struct xsheet	*sh = arg;
	struct xcell	*c = &sh->c;

	sh->depth++;
	switch (xlsx_el(sh->x, name, uri)) {
	case XEL_SHEETDATA:
		sh->in_data = true;
		break;
	case XEL_ROW:
		if (sh->in_data && !sh->in_c)
			return (sheet_row(sh, nattr, attrs));
		break;
	case XEL_C:
		if (sh->in_data)
			return (sheet_cell(sh, nattr, attrs));
		break;
	case XEL_V:
		if (sh->in_c)
			c->in_v = true;
		break;
	case XEL_IS:
		if (sh->in_c)
			c->in_is = sh->depth;
		break;
	case XEL_RPH:
		if (c->in_is)
			c->rph++;
		break;
	case XEL_T:
		if (c->in_is && c->rph == 0)
			c->in_t = true;
		break;
	default:
		break;
	}
	return (NULL);
}

static const char *
sheet_end(void *arg, const xmlChar *name, const xmlChar *uri)
{
	struct xsheet	*sh = arg;
	struct xcell	*c = &sh->c;
	size_t		 depth = sh->depth--;

	switch (xlsx_el(sh->x, name, uri)) {
	case XEL_SHEETDATA:
		sh->in_data = false;
		break;
	case XEL_C:
		if (sh->in_c) {
			sh->in_c = false;
			if (xlsx_store(sh->x, sh->g, c) == -1)
				return (sh->x->why);
		}
		break;
	case XEL_V:
		if (sh->in_c)
			c->in_v = false;
		break;
	case XEL_IS:
		if (c->in_is == depth)
			c->in_is = 0;
		break;
	case XEL_RPH:
		if (c->in_is)
			c->rph--;
		break;
	case XEL_T:
		if (c->in_is)
			c->in_t = false;
		break;
	default:
		break;
	}
	return (NULL);
}

static const char *
sheet_text(void *arg, const xmlChar *s, int len)
{
	struct xsheet	*sh = arg;
	struct xcell	*c = &sh->c;
	GString		*to;

	if (c->in_v)
		to = c->v;
	else if (c->in_t && c->rph == 0)
		to = c->is;
	else
		return (NULL);
	g_string_append_len(to, (const char *)s, len);
	/* Escapes shrink by at most 7 to 1. */
	if (to->len > sh->x->lim.max_cell_len * 7 + 7) {
		xlsx_fail(sh->x, "has a cell longer than %zu bytes",
		    sh->x->lim.max_cell_len);
		return (sh->x->why);
	}
	return (NULL);
}

/* Streams one worksheet into a grid named name. */
static int
xlsx_sheet(struct xlsx *x, const char *name, const char *part,
    struct docbody *body)
{
	static const struct safe_sax_handler h = { sheet_start, sheet_end,
	    sheet_text };
	struct xsheet	 sh;
	int		 rc = -1;

	memset(&sh, 0, sizeof(sh));
	sh.x = x;
	sh.g = grid_new(name);
	sh.c.v = g_string_sized_new(64);
	sh.c.is = g_string_sized_new(64);
	if (xlsx_stream(x, part, NULL, &h, &sh) == -1)
		goto out;
	x->cells += sh.g->ncells;
	docbody_add_grid(body, sh.g);
	sh.g = NULL;
	rc = 0;
out:
	grid_free(sh.g);
	g_string_free(sh.c.v, TRUE);
	g_string_free(sh.c.is, TRUE);
	return (rc);
}


int
xlsx_read(struct package *pkg, const struct parse_limits *limits,
    struct docbody **body_r, const char **why_r)
{
	struct xlsx		 x;
	struct package_rel	*rels = NULL;
	size_t			 nrels = 0;
	char			*main, *sst = NULL, *styles = NULL;
	unsigned char		*data = NULL;
	size_t			 len;
	xmlDocPtr		 doc = NULL;
	xmlNode			*root, *n, *e;
	struct docbody		*body = NULL;
	const char		*why;

	memset(&x, 0, sizeof(x));
	x.lim = limits_resolve(limits);
	x.pkg = pkg;
	x.attr = g_string_sized_new(32);
	x.esc = g_string_sized_new(64);
	x.legacy_text = g_string_new(NULL);
	*body_r = NULL;
	if ((main = package_main_part(pkg)) == NULL)
		main = g_strdup("xl/workbook.xml");
	if (xlsx_read_part(&x, main, &data, &len) == -1)
		goto out;
	if ((doc = safe_xml_parse(data, len, &x.lim, &why)) == NULL) {
		xlsx_fail(&x, "workbook: %s", why);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_s(root, "workbook")) {
		xlsx_fail(&x, "workbook part is not a SpreadsheetML workbook");
		goto out;
	}
	if (package_rels(pkg, main, &rels, &nrels, &why) == -1) {
		xlsx_fail(&x, "workbook relationships: %s", why);
		goto out;
	}
	for (size_t i = 0; i < nrels; i++) {
		const char *t = strrchr(rels[i].type, '/');

		/* A part named but absent is as good as none. */
		if (rels[i].external || t == NULL ||
		    !package_has(pkg, rels[i].target))
			continue;
		if (strcmp(t, "/sharedStrings") == 0 && sst == NULL)
			sst = rels[i].target;
		else if (strcmp(t, "/styles") == 0 && styles == NULL)
			styles = rels[i].target;
	}
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *v;

		if (!is_s(n, "workbookPr"))
			continue;
		v = xmlGetProp(n, BAD_CAST "date1904");
		x.date1904 = v != NULL && (strcmp((char *)v, "1") == 0 ||
		    strcmp((char *)v, "true") == 0);
		xmlFree(v);
	}
	if (xlsx_styles(&x, styles) == -1 || xlsx_sst(&x, sst) == -1)
		goto out;
	body = docbody_new();
	/* Cells point into the shared strings: the body keeps them. */
	docbody_keep_text(body, x.sst_text);
	x.sst_text = NULL;
	for (n = root->children; n != NULL; n = n->next) {
		if (!is_s(n, "sheets"))
			continue;
		for (e = n->children; e != NULL; e = e->next) {
			xmlChar		*name, *id;
			const char	*part = NULL, *t;
			int		 rc = 0;

			if (!is_s(e, "sheet"))
				continue;
			name = xmlGetProp(e, BAD_CAST "name");
			if ((id = xmlGetNsProp(e, BAD_CAST "id",
			    BAD_CAST NS_R)) == NULL)
				id = xmlGetNsProp(e, BAD_CAST "id",
				    BAD_CAST NS_R_STRICT);
			x.sheet = name != NULL ? (char *)name : "";
			for (size_t i = 0; id != NULL && i < nrels; i++)
				if (strcmp(rels[i].id, (char *)id) == 0 &&
				    !rels[i].external) {
					part = rels[i].target;
					t = strrchr(rels[i].type, '/');
					/* Chart and dialog sheets hold
					 * no cells. */
					if (t == NULL ||
					    strcmp(t, "/worksheet") != 0)
						rc = 1;
				}
			if (part == NULL) {
				xlsx_fail(&x, "has no part in the package");
				rc = -1;
			} else if (rc == 0)
				rc = xlsx_sheet(&x, x.sheet, part, body);
			x.sheet = NULL;
			xmlFree(name);
			xmlFree(id);
			if (rc == -1)
				goto out;
		}
	}
	body->legacy = x.legacy;
	body->legacy_fonts = x.legacy_fonts;
	*body_r = body;
	body = NULL;
	x.why = NULL;
out:
	docbody_free(body);
	if (x.sst != NULL)
		g_ptr_array_free(x.sst, TRUE);
	if (x.sst_text != NULL)
		g_string_chunk_free(x.sst_text);
	g_string_free(x.attr, TRUE);
	g_string_free(x.esc, TRUE);
	g_string_free(x.legacy_text, TRUE);
	if (x.xf_date != NULL)
		g_array_free(x.xf_date, TRUE);
	if (x.xf_enc != NULL)
		g_byte_array_free(x.xf_enc, TRUE);
	if (x.sst_flags != NULL)
		g_byte_array_free(x.sst_flags, TRUE);
	package_rels_free(rels, nrels);
	xmlFreeDoc(doc);
	g_free(data);
	g_free(main);
	*why_r = x.why;
	return (*body_r != NULL ? 0 : -1);
}

