/* xlsx.c: SpreadsheetML to docbody. Worksheets and shared strings are
 * streamed with an xmlTextReader so memory follows the cells kept, not
 * the XML; a number is never parsed and printed back, only passed on. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/safe-xml.h"
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
#define XLSX_MAX_SERIAL	2958465.0	/* 9999-12-31 */

struct xlsx {
	struct parse_limits	 lim;
	struct package		*pkg;
	GPtrArray		*sst;		/* shared strings */
	GArray			*xf_date;	/* bool per cellXfs index */
	bool			 date1904;
	size_t			 cells;		/* used by earlier sheets */
	const char		*sheet;		/* being read, for reasons */
	const char		*why;
};

/* One <c> being read. */
struct xcell {
	size_t		 row, col;
	char		*t;		/* the t attribute, or NULL */
	long		 s;		/* style index, or -1 */
	GString		*v, *is;
	bool		 in_v, in_t;
	int		 in_is, rph;	/* element depths */
};

static __thread char xlsx_reason[256];

static void	 xlsx_fail(struct xlsx *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static bool	 xlsx_is(xmlTextReaderPtr, const char *);
static bool	 is_s(const xmlNode *, const char *);
static char	*xlsx_attr(xmlTextReaderPtr, const char *);
static char	*xlsx_unescape(const char *);
static bool	 xlsx_code_is_date(const char *);
static bool	 xlsx_id_is_date(long);
static int	 xlsx_styles(struct xlsx *, const char *);
static int	 xlsx_sst(struct xlsx *, const char *);
static int	 xlsx_ref(const char *, size_t *, size_t *, bool *);
static int	 xlsx_row_number(const char *, size_t *);
static char	*xlsx_cell_name(size_t, size_t, char *);
static void	 xlsx_civil(long, long *, int *, int *);
static bool	 xlsx_date(const struct xlsx *, const char *, char *, size_t);
static int	 xlsx_store(struct xlsx *, struct grid *, struct xcell *);
static int	 xlsx_sheet(struct xlsx *, const char *, const char *,
		    struct docbody *);
static int	 xlsx_read_part(struct xlsx *, const char *, unsigned char **,
		    size_t *);

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

static bool
xlsx_is(xmlTextReaderPtr r, const char *name)
{
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);

	return (ns != NULL && (strcmp(ns, NS_S) == 0 ||
	    strcmp(ns, NS_S_STRICT) == 0) &&
	    strcmp((const char *)xmlTextReaderConstLocalName(r), name) == 0);
}

static bool
is_s(const xmlNode *n, const char *name)
{
	return (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    (strcmp((const char *)n->ns->href, NS_S) == 0 ||
	    strcmp((const char *)n->ns->href, NS_S_STRICT) == 0) &&
	    strcmp((const char *)n->name, name) == 0);
}

/* An unqualified attribute of the reader's element, to g_free. */
static char *
xlsx_attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, BAD_CAST name);
	char	*s = g_strdup((char *)v);

	xmlFree(v);
	return (s);
}

/* ST_Xstring escapes characters XML cannot hold as _xHHHH_ ("_x000D_"
 * for a carriage return; "_x005F_" for a literal underscore). */
static char *
xlsx_unescape(const char *s)
{
	GString *out;

	if (strstr(s, "_x") == NULL)
		return (g_strdup(s));
	out = g_string_sized_new(strlen(s));
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
	return (g_string_free(out, FALSE));
}

/*
 * A custom number format shows a date when it has a d, m or y outside
 * quoted text, [brackets] and escaped or padding characters. Time-only
 * formats with minutes count too, as Excel's own 18-21 do.
 */
static bool
xlsx_code_is_date(const char *code)
{
	for (const char *p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] == '"')
				p++;
			break;
		case '[':
			while (p[1] != '\0' && p[1] != ']')
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			break;
		case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
			return (true);
		default:
			break;
		}
	}
	return (false);
}

static bool
xlsx_id_is_date(long id)
{
	return ((id >= 14 && id <= 22) || (id >= 45 && id <= 47));
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
	int		 rc = -1;

	codes = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	x->xf_date = g_array_new(FALSE, TRUE, sizeof(bool));
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
			date = code != NULL ? xlsx_code_is_date(code) :
			    xlsx_id_is_date(fid);
			g_array_append_val(x->xf_date, date);
		}
		break;
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	g_free(data);
	g_hash_table_destroy(codes);
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

/* The shared string table: each <si> is its <t> or the <t> of its rich
 * runs, phonetic <rPh> runs left out. */
static int
xlsx_sst(struct xlsx *x, const char *part)
{
	unsigned char	*data = NULL;
	size_t		 len;
	xmlTextReaderPtr r = NULL;
	GString		*cur = NULL;
	bool		 in_t = false;
	int		 rph = 0, rc = -1, step;
	const char	*why;

	x->sst = g_ptr_array_new_with_free_func(g_free);
	if (part == NULL)
		return (0);
	if (xlsx_read_part(x, part, &data, &len) == -1)
		goto out;
	if ((r = safe_xml_reader(data, len, &x->lim)) == NULL) {
		xlsx_fail(x, "shared strings cannot be read as XML");
		goto out;
	}
	while ((step = safe_xml_reader_read(r, &why)) == 1) {
		int	type = xmlTextReaderNodeType(r);
		bool	empty = xmlTextReaderIsEmptyElement(r) == 1;

		if (type == XML_READER_TYPE_ELEMENT) {
			if (xlsx_is(r, "si")) {
				if (x->sst->len >= x->lim.max_cells) {
					xlsx_fail(x, "workbook has more than "
					    "%zu shared strings",
					    x->lim.max_cells);
					goto out;
				}
				if (empty)
					g_ptr_array_add(x->sst, g_strdup(""));
				else
					cur = g_string_new(NULL);
			} else if (cur != NULL && xlsx_is(r, "rPh") && !empty)
				rph++;
			else if (cur != NULL && rph == 0 && xlsx_is(r, "t") &&
			    !empty)
				in_t = true;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (cur != NULL && xlsx_is(r, "si")) {
				g_ptr_array_add(x->sst,
				    xlsx_unescape(cur->str));
				g_string_free(cur, TRUE);
				cur = NULL;
			} else if (cur != NULL && xlsx_is(r, "rPh"))
				rph--;
			else if (xlsx_is(r, "t"))
				in_t = false;
		} else if (in_t && rph == 0 && cur != NULL &&
		    (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			g_string_append(cur,
			    (const char *)xmlTextReaderConstValue(r));
			if (cur->len > x->lim.max_cell_len * 7 + 7) {
				xlsx_fail(x, "shared string longer than %zu "
				    "bytes", x->lim.max_cell_len);
				goto out;
			}
		}
	}
	if (step == -1) {
		xlsx_fail(x, "shared strings: %s", why);
		goto out;
	}
	rc = 0;
out:
	if (cur != NULL)
		g_string_free(cur, TRUE);
	safe_xml_reader_free(r);
	g_free(data);
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

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
xlsx_civil(long z, long *y, int *m, int *d)
{
	long		era;
	unsigned long	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned long)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (long)yoe + era * 400 + (*m <= 2);
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
	double	 serial = g_ascii_strtod(v, &end), whole;
	long	 days, secs, y;
	int	 m, d;

	if (end == v || *end != '\0' || !isfinite(serial) ||
	    serial < (x->date1904 ? 0.0 : 1.0) || serial > XLSX_MAX_SERIAL)
		return (false);
	whole = floor(serial);
	days = (long)whole;
	secs = lround((serial - whole) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs = 0;
	}
	if (x->date1904)
		xlsx_civil(days - 24107, &y, &m, &d);
	else if (days == 60) {
		y = 1900;
		m = 2;
		d = 29;
	} else
		xlsx_civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	if (secs == 0)
		g_snprintf(out, outlen, "%04ld-%02d-%02d", y, m, d);
	else
		g_snprintf(out, outlen, "%04ld-%02d-%02dT%02ld:%02ld:%02ld", y,
		    m, d, secs / 3600, secs / 60 % 60, secs % 60);
	return (true);
}

/* The value of the cell just closed, into the grid. */
static int
xlsx_store(struct xlsx *x, struct grid *g, struct xcell *c)
{
	enum cell_type	 type = CELL_TEXT;
	const char	*t = c->t, *v = c->v->str;
	char		*text = NULL, date[32], *end;
	unsigned long	 idx;
	int		 rc = -1;

	if (t == NULL || strcmp(t, "n") == 0) {
		text = g_strstrip(g_strdup(v));
		type = CELL_NUMBER;
		if (c->s >= 0 && (size_t)c->s < x->xf_date->len &&
		    g_array_index(x->xf_date, bool, c->s) &&
		    xlsx_date(x, text, date, sizeof(date))) {
			g_free(text);
			text = g_strdup(date);
			type = CELL_DATE;
		}
	} else if (strcmp(t, "s") == 0) {
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
		text = g_strdup(g_ptr_array_index(x->sst, idx));
	} else if (strcmp(t, "inlineStr") == 0)
		text = xlsx_unescape(c->is->len ? c->is->str : v);
	else if (strcmp(t, "b") == 0) {
		type = CELL_BOOL;
		text = g_strdup(c->v->len == 0 ? "" :
		    strcmp(g_strstrip(c->v->str), "0") == 0 ||
		    strcmp(c->v->str, "false") == 0 ? "FALSE" : "TRUE");
	} else if (strcmp(t, "e") == 0) {
		type = CELL_ERROR;
		text = g_strdup(v);
	} else if (strcmp(t, "d") == 0) {
		type = CELL_DATE;
		text = g_strdup(v);
	} else
		text = xlsx_unescape(v);
	if (text[0] == '\0') {
		rc = 0;
		goto out;
	}
	if (strlen(text) > x->lim.max_cell_len) {
		xlsx_fail(x, "cell %s is longer than %zu bytes",
		    xlsx_cell_name(c->row, c->col, date), x->lim.max_cell_len);
		goto out;
	}
	if (c->row >= x->lim.max_rows) {
		xlsx_fail(x, "has more than %zu rows", x->lim.max_rows);
		goto out;
	}
	if (grid_set(g, c->row, c->col, type, text,
	    x->cells < x->lim.max_cells ? x->lim.max_cells - x->cells : 0) ==
	    -1) {
		xlsx_fail(x, "has more than %zu cells", x->lim.max_cells);
		goto out;
	}
	rc = 0;
out:
	g_free(text);
	return (rc);
}

/* Streams one worksheet into a grid named name. */
static int
xlsx_sheet(struct xlsx *x, const char *name, const char *part,
    struct docbody *body)
{
	unsigned char	*data = NULL;
	size_t		 len, row = 0, next_col = 0;
	bool		 had_row = false, in_data = false, in_c = false;
	xmlTextReaderPtr r = NULL;
	struct grid	*g = grid_new(name);
	struct xcell	 c;
	const char	*why;
	int		 step, rc = -1;

	memset(&c, 0, sizeof(c));
	c.v = g_string_new(NULL);
	c.is = g_string_new(NULL);
	if (xlsx_read_part(x, part, &data, &len) == -1)
		goto out;
	if ((r = safe_xml_reader(data, len, &x->lim)) == NULL) {
		xlsx_fail(x, "cannot be read as XML");
		goto out;
	}
	while ((step = safe_xml_reader_read(r, &why)) == 1) {
		int	 type = xmlTextReaderNodeType(r);
		bool	 empty = xmlTextReaderIsEmptyElement(r) == 1;
		int	 depth = xmlTextReaderDepth(r);
		char	*a;

		if (type == XML_READER_TYPE_ELEMENT) {
			if (xlsx_is(r, "sheetData"))
				in_data = !empty;
			else if (in_data && !in_c && xlsx_is(r, "row")) {
				a = xlsx_attr(r, "r");
				if (a == NULL)
					row = had_row ? row + 1 : 0;
				else if (xlsx_row_number(a, &row) == -1) {
					xlsx_fail(x, "has a bad row number "
					    "'%.16s'", a);
					g_free(a);
					goto out;
				}
				g_free(a);
				had_row = true;
				next_col = 0;
			} else if (in_data && xlsx_is(r, "c")) {
				bool	has_row = false;

				g_free(c.t);
				c.t = xlsx_attr(r, "t");
				a = xlsx_attr(r, "s");
				c.s = a != NULL ? strtol(a, NULL, 10) : -1;
				g_free(a);
				c.row = had_row ? row : 0;
				c.col = next_col;
				if ((a = xlsx_attr(r, "r")) != NULL &&
				    xlsx_ref(a, &c.row, &c.col, &has_row) ==
				    -1) {
					xlsx_fail(x, "has a bad cell "
					    "reference '%.16s'", a);
					g_free(a);
					goto out;
				}
				g_free(a);
				if (!has_row)
					c.row = had_row ? row : 0;
				next_col = c.col + 1;
				g_string_truncate(c.v, 0);
				g_string_truncate(c.is, 0);
				c.in_v = c.in_t = false;
				c.in_is = c.rph = 0;
				in_c = !empty;
			} else if (in_c && xlsx_is(r, "v"))
				c.in_v = !empty;
			else if (in_c && xlsx_is(r, "is") && !empty)
				c.in_is = depth;
			else if (c.in_is && xlsx_is(r, "rPh") && !empty)
				c.rph++;
			else if (c.in_is && c.rph == 0 && xlsx_is(r, "t"))
				c.in_t = !empty;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (xlsx_is(r, "sheetData"))
				in_data = false;
			else if (in_c && xlsx_is(r, "c")) {
				in_c = false;
				if (xlsx_store(x, g, &c) == -1)
					goto out;
			} else if (in_c && xlsx_is(r, "v"))
				c.in_v = false;
			else if (c.in_is && xlsx_is(r, "rPh"))
				c.rph--;
			else if (c.in_is && xlsx_is(r, "t"))
				c.in_t = false;
			else if (c.in_is == depth && xlsx_is(r, "is"))
				c.in_is = 0;
		} else if ((type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
		    (c.in_v || (c.in_t && c.rph == 0))) {
			GString *s = c.in_v ? c.v : c.is;

			g_string_append(s,
			    (const char *)xmlTextReaderConstValue(r));
			/* Escapes shrink by at most 7 to 1. */
			if (s->len > x->lim.max_cell_len * 7 + 7) {
				xlsx_fail(x, "has a cell longer than %zu "
				    "bytes", x->lim.max_cell_len);
				goto out;
			}
		}
	}
	if (step == -1) {
		xlsx_fail(x, "%s", why);
		goto out;
	}
	x->cells += g->nrows * g->ncols;
	docbody_add_grid(body, g);
	g = NULL;
	rc = 0;
out:
	grid_free(g);
	g_free(c.t);
	g_string_free(c.v, TRUE);
	g_string_free(c.is, TRUE);
	safe_xml_reader_free(r);
	g_free(data);
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
	if (xlsx_sst(&x, sst) == -1 || xlsx_styles(&x, styles) == -1)
		goto out;
	body = docbody_new();
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
	*body_r = body;
	body = NULL;
	x.why = NULL;
out:
	docbody_free(body);
	if (x.sst != NULL)
		g_ptr_array_free(x.sst, TRUE);
	if (x.xf_date != NULL)
		g_array_free(x.xf_date, TRUE);
	package_rels_free(rels, nrels);
	xmlFreeDoc(doc);
	g_free(data);
	g_free(main);
	*why_r = x.why;
	return (*body_r != NULL ? 0 : -1);
}
