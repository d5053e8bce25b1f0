/* xls.c: legacy Excel workbooks, a BIFF8 record reader over the compound
 * file reader of cfb.c. Pure and bounded: no I/O, every sector chain and
 * directory walk checked against a visited map (cfb.c), every record
 * against the end of its stream.
 *
 * Why not FreeXL (libfreexl 1.0.6, the well-kept reader Debian ships)?
 * It opens only a path, so parsers/ could not call it without a temporary
 * file; and it is not safe in front of a mailbox. Fed the files that
 * check-xls.c builds: a FAT cycle inside the Workbook stream and a chain
 * that ends early were both opened "successfully", with 1922 and 1894 of
 * 1999 rows silently missing (a short list taken for the whole list);
 * of 3000 randomly damaged copies of a good workbook, 33 made
 * freexl_open spin at full CPU until killed (>10 s each; one changed
 * byte in an XF record's type was enough), and under valgrind 1 of 600
 * read past a 65,768-byte heap block. This reader refuses all the broken
 * ones by name and took at most 0.13 s on any of the 3000. FreeXL stays
 * in the tests as an independent witness of the cell values read here.
 *
 * Of the compound file (MS-CFB, cfb.c) only the root storage is walked,
 * for the streams named Workbook, Book, EncryptionInfo and
 * EncryptedPackage.
 *
 * The Workbook stream (MS-XLS) is a run of records (type, length, data).
 * A globals substream (BOF ... EOF) holds the shared strings (SST), the
 * cell formats (XF, FORMAT), the code page and one BOUNDSHEET8 per sheet
 * giving the offset of that sheet's own substream. A record longer than
 * 8224 bytes goes on in CONTINUE records; inside the SST a string's
 * characters may break there, and the continuation starts with one byte
 * saying whether the rest is 8-bit or UTF-16. The stream is read in one
 * pass: a sheet's BOF is matched to its BOUNDSHEET8 by offset.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lib/bytes.h"
#include "parsers/cfb.h"
#include "parsers/numfmt.h"
#include "parsers/vn-legacy.h"
#include "parsers/xls.h"

/* Record types (MS-XLS 2.3). */
#define R_FORMULA	0x0006
#define R_EOF		0x000a
#define R_DATEMODE	0x0022
#define R_FILEPASS	0x002f
#define R_FONT		0x0031
#define R_CONTINUE	0x003c
#define R_CODEPAGE	0x0042
#define R_BOUNDSHEET	0x0085
#define R_MULRK		0x00bd
#define R_RSTRING	0x00d6
#define R_XF		0x00e0
#define R_MERGEDCELLS	0x00e5
#define R_SST		0x00fc
#define R_LABELSST	0x00fd
#define R_NUMBER	0x0203
#define R_LABEL		0x0204
#define R_BOOLERR	0x0205
#define R_STRING	0x0207
#define R_RK		0x027e
#define R_FORMAT	0x041e
#define R_BOF2		0x0009
#define R_BOF3		0x0209
#define R_BOF4		0x0409
#define R_BOF		0x0809

#define BIFF8_VERSION	0x0600
#define BIFF8_MAX_COLS	256		/* IV; rows are 16-bit: 65536 */
#define BOF_GLOBALS	0x0005
#define CP_UTF16	1200

/* Where the streams that matter sit in the directory; CFB_NOSTREAM when
 * absent. */
struct xls_streams {
	uint32_t	workbook, book, encinfo, encpkg;
};

struct xsheet {
	char		*name;
	uint32_t	 offset;	/* of its BOF in the Workbook stream */
	struct grid	*grid;		/* NULL for chart and macro sheets */
};

struct biff {
	const unsigned char	*s;
	size_t			 len;
	struct parse_limits	 lim;
	const char		*why;
	unsigned		 codepage;
	bool			 date1904;
	GPtrArray		*sst;		/* char * */
	GArray			*xf_fmt;	/* uint16_t per XF */
	GByteArray		*fonts;		/* enum vn_legacy per FONT */
	GByteArray		*xf_enc;	/* enum vn_legacy per XF */
	size_t			 legacy;	/* strings converted */
	unsigned		 legacy_fonts;	/* VN_LEGACY_FAMILY_* */
	GHashTable		*fmt_date;	/* ifmt -> is a date (+1) */
	GArray			*sheets;	/* struct xsheet */
	GHashTable		*at;		/* BOF offset -> index + 1 */
	size_t			 cells;		/* area of finished grids */
	bool			 pend;		/* FORMULA awaits STRING */
	size_t			 prow, pcol;
};

/* A record and the CONTINUE records after it, read as one. */
struct crd {
	const struct biff	*b;
	const unsigned char	*p;
	size_t			 n, i;
	size_t			 next;		/* offset of the next record */
};

/* Text gathered from runs of 8-bit and UTF-16 characters. */
struct ubuf {
	GString		*out;
	GByteArray	*pend;
	int		 kind;		/* 0 none, 1 8-bit, 2 UTF-16 */
	unsigned	 codepage;
};

static void	 note_stream(uint32_t, const unsigned char *, void *);
static int	 biff_header(const struct biff *, size_t, uint16_t *,
		    const unsigned char **, size_t *);
static void	 crd_init(struct crd *, const struct biff *,
		    const unsigned char *, size_t, size_t);
static bool	 crd_more(struct crd *);
static int	 crd_bytes(struct crd *, unsigned char *, size_t);
static int	 crd_skip(struct crd *, size_t);
static int	 crd_string(struct crd *, size_t, bool, char **);
static void	 ubuf_flush(struct ubuf *);
static const char *codepage_name(unsigned);
static bool	 biff_is_date(const struct biff *, unsigned);
static void	 xls_number(double, char *, size_t);
static double	 rk_value(uint32_t);
static int	 biff_put_text(struct biff *, struct xsheet *, size_t,
		    size_t, unsigned, const char *);
static int	 biff_put(struct biff *, struct xsheet *, size_t, size_t,
		    enum cell_type, const char *);
static int	 biff_put_number(struct biff *, struct xsheet *, size_t,
		    size_t, unsigned, double);
static int	 biff_globals(struct biff *, uint16_t, const unsigned char *,
		    size_t, size_t);
static int	 biff_cell(struct biff *, struct xsheet *, uint16_t,
		    const unsigned char *, size_t, size_t);
static struct xsheet *biff_sheet_at(struct biff *, size_t);
static int	 biff_read(struct biff *);

/* Notes a stream of the root storage that xls_read looks for. */
static void
note_stream(uint32_t id, const unsigned char *e, void *arg)
{
	struct xls_streams *f = arg;

	if (cfb_entry_type(e) != CFB_TYPE_STREAM)
		return;
	if (cfb_entry_name_is(e, "Workbook"))
		f->workbook = id;
	else if (cfb_entry_name_is(e, "Book"))
		f->book = id;
	else if (cfb_entry_name_is(e, "EncryptionInfo"))
		f->encinfo = id;
	else if (cfb_entry_name_is(e, "EncryptedPackage"))
		f->encpkg = id;
}

/* The record at off; -1 when its header or data passes the stream's
 * end. */
static int
biff_header(const struct biff *b, size_t off, uint16_t *type_r,
    const unsigned char **data_r, size_t *len_r)
{
	size_t	n;

	if (off > b->len || b->len - off < 4)
		return (-1);
	n = bytes_le16(b->s + off + 2);
	if (b->len - off - 4 < n)
		return (-1);
	*type_r = bytes_le16(b->s + off);
	*data_r = b->s + off + 4;
	*len_r = n;
	return (0);
}

static void
crd_init(struct crd *r, const struct biff *b, const unsigned char *p,
    size_t n, size_t next)
{
	r->b = b;
	r->p = p;
	r->n = n;
	r->i = 0;
	r->next = next;
}

/* Steps into the following CONTINUE record; false when there is none. */
static bool
crd_more(struct crd *r)
{
	const unsigned char	*p;
	uint16_t		 type;
	size_t			 n;

	if (biff_header(r->b, r->next, &type, &p, &n) == -1 ||
	    type != R_CONTINUE)
		return (false);
	r->p = p;
	r->n = n;
	r->i = 0;
	r->next += 4 + n;
	return (true);
}

/* Copies n bytes, across CONTINUE records as plain data. */
static int
crd_bytes(struct crd *r, unsigned char *out, size_t n)
{
	while (n > 0) {
		size_t	k;

		if (r->i == r->n && !crd_more(r))
			return (-1);
		k = MIN(n, r->n - r->i);
		if (out != NULL) {
			memcpy(out, r->p + r->i, k);
			out += k;
		}
		r->i += k;
		n -= k;
	}
	return (0);
}

static int
crd_skip(struct crd *r, size_t n)
{
	return (crd_bytes(r, NULL, n));
}

/*
 * An XLUnicodeString (lenbytes 2), ShortXLUnicodeString (1) or, with
 * rich, an XLUnicodeRichExtendedString. When the characters break at a
 * record's end the next record opens with a new high-byte flag; the rich
 * runs and phonetic data after them break without one.
 */
static int
crd_string(struct crd *r, size_t lenbytes, bool rich, char **out_r)
{
	unsigned char	 h[4];
	struct ubuf	 u;
	size_t		 cch, runs = 0, ext = 0;
	bool		 high;
	int		 rc = -1;

	memset(&u, 0, sizeof(u));
	if (crd_bytes(r, h, lenbytes) == -1)
		return (-1);
	cch = lenbytes == 1 ? h[0] : bytes_le16(h);
	if (crd_bytes(r, h, 1) == -1)
		return (-1);
	high = h[0] & 0x01;
	if (rich && (h[0] & 0x08)) {
		if (crd_bytes(r, h, 2) == -1)
			return (-1);
		runs = 4 * (size_t)bytes_le16(h);
	}
	if (rich && (h[0] & 0x04)) {
		if (crd_bytes(r, h, 4) == -1)
			return (-1);
		ext = bytes_le32(h);
	}
	u.out = g_string_new(NULL);
	u.pend = g_byte_array_new();
	u.codepage = r->b->codepage;
	while (cch > 0) {
		size_t	k, avail;

		if (r->i == r->n) {
			if (!crd_more(r) || r->n == 0)
				goto out;
			high = r->p[r->i++] & 0x01;
		}
		avail = r->n - r->i;
		k = MIN(cch, high ? avail / 2 : avail);
		if (k == 0)
			goto out;
		if (u.kind != (high ? 2 : 1))
			ubuf_flush(&u);
		u.kind = high ? 2 : 1;
		g_byte_array_append(u.pend, r->p + r->i,
		    (guint)(high ? 2 * k : k));
		r->i += high ? 2 * k : k;
		cch -= k;
	}
	ubuf_flush(&u);
	if (crd_skip(r, runs) == -1 || crd_skip(r, ext) == -1)
		goto out;
	*out_r = g_string_free(u.out, FALSE);
	u.out = NULL;
	rc = 0;
out:
	if (u.out != NULL)
		g_string_free(u.out, TRUE);
	g_byte_array_free(u.pend, TRUE);
	return (rc);
}

/*
 * Turns the pending run into UTF-8. BIFF8 defines 8-bit characters as
 * Latin-1, and Excel always says CODEPAGE 1200; a workbook naming an
 * 8-bit code page was written by a tool that meant that code page, so it
 * is honoured (cp1258 gives decomposed tone marks, hence NFC).
 */
static void
ubuf_flush(struct ubuf *u)
{
	const guint8	*p = u->pend->data;
	size_t		 n = u->pend->len;
	char		*conv, *nfc;
	gsize		 w;

	if (n == 0)
		return;
	if (u->kind == 2) {
		for (size_t i = 0; i + 1 < n; i += 2) {
			gunichar	ch = bytes_le16(p + i), lo;

			if (ch >= 0xd800 && ch < 0xdc00 && i + 3 < n &&
			    (lo = bytes_le16(p + i + 2)) >= 0xdc00 &&
			    lo < 0xe000) {
				ch = 0x10000 + ((ch - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			} else if (ch >= 0xd800 && ch < 0xe000)
				ch = 0xfffd;
			if (ch != 0)
				g_string_append_unichar(u->out, ch);
		}
	} else if (u->codepage != CP_UTF16 && u->codepage != 0 &&
	    (conv = g_convert((const char *)p, (gssize)n, "UTF-8",
	    codepage_name(u->codepage), NULL, &w, NULL)) != NULL) {
		nfc = g_utf8_normalize(conv, (gssize)w, G_NORMALIZE_NFC);
		g_string_append(u->out, nfc != NULL ? nfc : "");
		g_free(nfc);
		g_free(conv);
	} else {
		for (size_t i = 0; i < n; i++)
			if (p[i] != 0)
				g_string_append_unichar(u->out, p[i]);
	}
	g_byte_array_set_size(u->pend, 0);
}

/* iconv's name for a Windows code page number. */
static const char *
codepage_name(unsigned cp)
{
	static const struct {
		unsigned	 cp;
		const char	*name;
	} names[] = {
		{ 367, "ASCII" }, { 437, "CP437" }, { 850, "CP850" },
		{ 852, "CP852" }, { 866, "CP866" }, { 874, "CP874" },
		{ 932, "CP932" }, { 936, "GBK" }, { 949, "CP949" },
		{ 950, "BIG5" }, { 1250, "WINDOWS-1250" },
		{ 1251, "WINDOWS-1251" }, { 1252, "WINDOWS-1252" },
		{ 1253, "WINDOWS-1253" }, { 1254, "WINDOWS-1254" },
		{ 1255, "WINDOWS-1255" }, { 1256, "WINDOWS-1256" },
		{ 1257, "WINDOWS-1257" }, { 1258, "WINDOWS-1258" },
		{ 10000, "MACINTOSH" }, { 32768, "MACINTOSH" },
		{ 32769, "WINDOWS-1252" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (names[i].cp == cp)
			return (names[i].name);
	return ("WINDOWS-1252");
}



/* True when the cell format ixfe shows a date; a FORMAT record
 * overrides the built-in meaning of its number. */
static bool
biff_is_date(const struct biff *b, unsigned ixfe)
{
	unsigned	fmt;
	gpointer	v;

	if (ixfe >= b->xf_fmt->len)
		return (false);
	fmt = g_array_index(b->xf_fmt, uint16_t, ixfe);
	if ((v = g_hash_table_lookup(b->fmt_date, GUINT_TO_POINTER(fmt))) !=
	    NULL)
		return (GPOINTER_TO_INT(v) == 2);
	return (numfmt_id_is_date(fmt));
}



/*
 * The shortest decimal that reads back as v, laid out as ECMAScript's
 * Number::toString does: integral values below 1e21 in full, so a phone
 * number or an ICCID stored as a number shows every digit it kept.
 * out needs 32 bytes; v is finite.
 */
static void
xls_number(double v, char *out, size_t outlen)
{
	char	 tmp[G_ASCII_DTOSTR_BUF_SIZE], fmt[8], digits[20], *e;
	GString	*s;
	int	 k = 0, n;

	if (v == 0) {
		g_strlcpy(out, "0", outlen);
		return;
	}
	for (int p = 1; p <= 17; p++) {
		g_snprintf(fmt, sizeof(fmt), "%%.%de", p - 1);
		g_ascii_formatd(tmp, sizeof(tmp), fmt, fabs(v));
		if (g_ascii_strtod(tmp, NULL) == fabs(v))
			break;
	}
	for (const char *p = tmp; *p != '\0' && *p != 'e'; p++)
		if (g_ascii_isdigit(*p) && k < (int)sizeof(digits) - 1)
			digits[k++] = *p;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	digits[k] = '\0';
	e = strchr(tmp, 'e');
	n = (e != NULL ? atoi(e + 1) : 0) + 1;
	s = g_string_new(v < 0 ? "-" : "");
	if (k <= n && n <= 21) {
		g_string_append(s, digits);
		for (int i = k; i < n; i++)
			g_string_append_c(s, '0');
	} else if (0 < n && n <= 21) {
		g_string_append_len(s, digits, n);
		g_string_append_c(s, '.');
		g_string_append(s, digits + n);
	} else if (-6 < n && n <= 0) {
		g_string_append(s, "0.");
		for (int i = n; i < 0; i++)
			g_string_append_c(s, '0');
		g_string_append(s, digits);
	} else {
		g_string_append_c(s, digits[0]);
		if (k > 1) {
			g_string_append_c(s, '.');
			g_string_append(s, digits + 1);
		}
		g_string_append_printf(s, "e%c%d", n - 1 < 0 ? '-' : '+',
		    abs(n - 1));
	}
	g_strlcpy(out, s->str, outlen);
	g_string_free(s, TRUE);
}

/* An RK number: a 30-bit integer or the top of a double, maybe /100. */
static double
rk_value(uint32_t rk)
{
	double		v;
	uint64_t	bits;

	if (rk & 0x02)
		v = (double)((int32_t)rk >> 2);
	else {
		bits = (uint64_t)(rk & 0xfffffffcU) << 32;
		memcpy(&v, &bits, sizeof(v));
	}
	return ((rk & 0x01) ? v / 100.0 : v);
}

/* A string cell: converted first when its XF's font is a TCVN3 or VNI
 * one. */
static int
biff_put_text(struct biff *b, struct xsheet *sh, size_t row, size_t col,
    unsigned ixfe, const char *text)
{
	char	*conv = NULL;
	int	 rc;

	if (ixfe < b->xf_enc->len && b->xf_enc->data[ixfe] != VN_LEGACY_NONE &&
	    (conv = vn_legacy_convert(b->xf_enc->data[ixfe], text)) != NULL) {
		text = conv;
		b->legacy++;
		b->legacy_fonts |= vn_legacy_family(b->xf_enc->data[ixfe]);
	}
	rc = biff_put(b, sh, row, col, CELL_TEXT, text);
	g_free(conv);
	return (rc);
}

static int
biff_put(struct biff *b, struct xsheet *sh, size_t row, size_t col,
    enum cell_type type, const char *text)
{
	if (sh->grid == NULL || text == NULL || text[0] == '\0')
		return (0);
	if (strlen(text) > b->lim.max_cell_len) {
		b->why = "a cell is longer than max_cell_len";
		return (-1);
	}
	if (row >= b->lim.max_rows) {
		b->why = "a sheet has more than max_rows rows";
		return (-1);
	}
	/* Excel never writes one; a reader that took it would make the
	 * sheet 65,536 columns wide. */
	if (col >= BIFF8_MAX_COLS) {
		b->why = "a cell lies past BIFF8's 256 columns";
		return (-1);
	}
	if (grid_set(sh->grid, row, col, type, text,
	    b->cells < b->lim.max_cells ? b->lim.max_cells - b->cells : 0) ==
	    -1) {
		b->why = "the workbook has more than max_cells cells";
		return (-1);
	}
	return (0);
}

static int
biff_put_number(struct biff *b, struct xsheet *sh, size_t row, size_t col,
    unsigned ixfe, double v)
{
	char	buf[40];

	if (!isfinite(v))
		return (biff_put(b, sh, row, col, CELL_ERROR, "#NUM!"));
	if (biff_is_date(b, ixfe) && numfmt_serial_date(v, b->date1904, buf,
	    sizeof(buf)))
		return (biff_put(b, sh, row, col, CELL_DATE, buf));
	xls_number(v, buf, sizeof(buf));
	return (biff_put(b, sh, row, col, CELL_NUMBER, buf));
}

/* One record of the globals substream; next is the offset after it. */
static int
biff_globals(struct biff *b, uint16_t type, const unsigned char *d,
    size_t n, size_t next)
{
	struct crd	 r;
	struct xsheet	 sh;
	char		*s;
	uint16_t	 v;

	switch (type) {
	case R_FILEPASS:
		if (n >= 2 && bytes_le16(d) == 0)
			b->why = "encrypted workbook (XOR obfuscation)";
		else if (n >= 4 && bytes_le16(d + 2) == 1)
			b->why = "encrypted workbook (RC4)";
		else if (n >= 4)
			b->why = "encrypted workbook (CryptoAPI)";
		else
			b->why = "encrypted workbook";
		return (-1);
	case R_CODEPAGE:
		if (n >= 2)
			b->codepage = bytes_le16(d);
		return (0);
	case R_DATEMODE:
		if (n >= 2)
			b->date1904 = bytes_le16(d) == 1;
		return (0);
	case R_FONT:
		/* The name, a ShortXLUnicodeString, after 14 bytes. */
		if (n < 16)
			return (0);
		crd_init(&r, b, d + 14, n - 14, next);
		if (crd_string(&r, 1, false, &s) == 0) {
			guint8 enc = (guint8)vn_legacy_font(s);

			g_byte_array_append(b->fonts, &enc, 1);
			g_free(s);
		}
		return (0);
	case R_XF:
		if (n >= 4) {
			/* ifnt 4 does not exist: FONT records count 0-3,
			 * then 5 on (MS-XLS 2.5.129). */
			unsigned	ifnt = bytes_le16(d);
			guint8		enc = VN_LEGACY_NONE;

			if (ifnt >= 4)
				ifnt--;
			if (ifnt < b->fonts->len)
				enc = b->fonts->data[ifnt];
			g_byte_array_append(b->xf_enc, &enc, 1);
			v = bytes_le16(d + 2);
			g_array_append_val(b->xf_fmt, v);
		}
		return (0);
	case R_FORMAT:
		if (n < 2)
			return (0);
		crd_init(&r, b, d + 2, n - 2, next);
		if (crd_string(&r, 2, false, &s) == 0) {
			g_hash_table_insert(b->fmt_date,
			    GUINT_TO_POINTER(bytes_le16(d)),
			    GINT_TO_POINTER(numfmt_code_is_date(s) ? 2 : 1));
			g_free(s);
		}
		return (0);
	case R_BOUNDSHEET:
		if (n < 6)
			break;
		crd_init(&r, b, d + 6, n - 6, next);
		if (crd_string(&r, 1, false, &s) == -1)
			break;
		sh.name = s;
		sh.offset = bytes_le32(d);
		sh.grid = d[5] == 0 ? grid_new(s) : NULL;
		g_array_append_val(b->sheets, sh);
		return (0);
	case R_SST:
		if (n < 8)
			break;
		crd_init(&r, b, d + 8, n - 8, next);
		/* Bounded by the data: each string takes 3 bytes or more. */
		for (uint32_t i = 0; i < bytes_le32(d + 4); i++) {
			if (r.i == r.n && !crd_more(&r))
				break;
			if (crd_string(&r, 2, true, &s) == -1) {
				b->why = "shared string table is truncated";
				return (-1);
			}
			g_ptr_array_add(b->sst, s);
		}
		return (0);
	default:
		return (0);
	}
	b->why = "malformed workbook globals record";
	return (-1);
}

/* One record of a worksheet substream. */
static int
biff_cell(struct biff *b, struct xsheet *sh, uint16_t type,
    const unsigned char *d, size_t n, size_t next)
{
	static const struct {
		uint8_t		 code;
		const char	*text;
	} errs[] = {
		{ 0x00, "#NULL!" }, { 0x07, "#DIV/0!" }, { 0x0f, "#VALUE!" },
		{ 0x17, "#REF!" }, { 0x1d, "#NAME?" }, { 0x24, "#NUM!" },
		{ 0x2a, "#N/A" }, { 0x2b, "#GETTING_DATA" },
	};
	struct crd	 r;
	char		*s = NULL;
	const char	*t;
	size_t		 row, col;
	uint32_t	 isst;
	double		 v;
	int		 rc = -1;

	if (type == R_STRING) {
		if (!b->pend)
			return (0);
		b->pend = false;
		crd_init(&r, b, d, n, next);
		if (crd_string(&r, 2, false, &s) == -1)
			goto bad;
		rc = biff_put(b, sh, b->prow, b->pcol, CELL_TEXT, s);
		goto out;
	}
	if (type != R_LABELSST && type != R_LABEL && type != R_RSTRING &&
	    type != R_NUMBER && type != R_RK && type != R_MULRK &&
	    type != R_BOOLERR && type != R_FORMULA)
		return (0);
	b->pend = false;
	if (n < 6)
		goto bad;
	row = bytes_le16(d);
	col = bytes_le16(d + 2);
	switch (type) {
	case R_LABELSST:
		if (n < 10)
			goto bad;
		isst = bytes_le32(d + 6);
		if (isst >= b->sst->len) {
			b->why = "a cell refers to a shared string that does "
			    "not exist";
			goto out;
		}
		rc = biff_put_text(b, sh, row, col, bytes_le16(d + 4),
		    g_ptr_array_index(b->sst, isst));
		break;
	case R_LABEL:
	case R_RSTRING:
		crd_init(&r, b, d + 6, n - 6, next);
		if (crd_string(&r, 2, false, &s) == -1)
			goto bad;
		rc = biff_put_text(b, sh, row, col, bytes_le16(d + 4), s);
		break;
	case R_NUMBER:
		if (n < 14)
			goto bad;
		memcpy(&v, d + 6, sizeof(v));
		rc = biff_put_number(b, sh, row, col, bytes_le16(d + 4), v);
		break;
	case R_RK:
		if (n < 10)
			goto bad;
		rc = biff_put_number(b, sh, row, col, bytes_le16(d + 4),
		    rk_value(bytes_le32(d + 6)));
		break;
	case R_MULRK:
		/* rw, colFirst, (ixfe, rk) * k, colLast */
		rc = 0;
		for (size_t i = 0; rc == 0 && 4 + 6 * i + 6 + 2 <= n; i++)
			rc = biff_put_number(b, sh, row, col + i,
			    bytes_le16(d + 4 + 6 * i),
			    rk_value(bytes_le32(d + 4 + 6 * i + 2)));
		break;
	case R_BOOLERR:
		if (n < 8)
			goto bad;
		if (d[7] == 0) {
			rc = biff_put(b, sh, row, col, CELL_BOOL,
			    d[6] ? "TRUE" : "FALSE");
			break;
		}
		t = "#N/A";
		for (size_t i = 0; i < G_N_ELEMENTS(errs); i++)
			if (errs[i].code == d[6])
				t = errs[i].text;
		rc = biff_put(b, sh, row, col, CELL_ERROR, t);
		break;
	case R_FORMULA:
		if (n < 14)
			goto bad;
		if (bytes_le16(d + 12) != 0xffff) {
			memcpy(&v, d + 6, sizeof(v));
			rc = biff_put_number(b, sh, row, col,
			    bytes_le16(d + 4), v);
			break;
		}
		rc = 0;
		if (d[6] == 0) {
			b->pend = true;
			b->prow = row;
			b->pcol = col;
		} else if (d[6] == 1)
			rc = biff_put(b, sh, row, col, CELL_BOOL,
			    d[8] ? "TRUE" : "FALSE");
		else if (d[6] == 2) {
			t = "#N/A";
			for (size_t i = 0; i < G_N_ELEMENTS(errs); i++)
				if (errs[i].code == d[8])
					t = errs[i].text;
			rc = biff_put(b, sh, row, col, CELL_ERROR, t);
		}
		break;
	}
	goto out;
bad:
	b->why = "malformed cell record";
	rc = -1;
out:
	g_free(s);
	return (rc);
}

/* The sheet whose BOUNDSHEET8 names offset off (the first, if several
 * do), or NULL. */
static struct xsheet *
biff_sheet_at(struct biff *b, size_t off)
{
	gpointer	v;

	if (b->at == NULL) {
		b->at = g_hash_table_new(g_direct_hash, g_direct_equal);
		for (size_t i = b->sheets->len; i > 0; i--)
			g_hash_table_insert(b->at, GUINT_TO_POINTER(
			    g_array_index(b->sheets, struct xsheet,
			    i - 1).offset), GSIZE_TO_POINTER(i));
	}
	if (off > UINT32_MAX ||
	    (v = g_hash_table_lookup(b->at, GUINT_TO_POINTER(off))) == NULL)
		return (NULL);
	return (&g_array_index(b->sheets, struct xsheet,
	    GPOINTER_TO_SIZE(v) - 1));
}

/*
 * One pass over the stream: the globals substream first, then each
 * substream whose BOF sits where a BOUNDSHEET8 said; anything between
 * substreams (padding, unknown substreams) is passed over.
 */
static int
biff_read(struct biff *b)
{
	const unsigned char	*d;
	struct xsheet		*sh = NULL;
	size_t			 off = 0, n, depth = 0;
	uint16_t		 type;
	bool			 globals = true;

	if (biff_header(b, 0, &type, &d, &n) == -1 ||
	    (type != R_BOF && type != R_BOF2 && type != R_BOF3 &&
	    type != R_BOF4)) {
		b->why = "Workbook stream does not start with a BOF record";
		return (-1);
	}
	if (type != R_BOF || n < 4 || bytes_le16(d) < BIFF8_VERSION) {
		b->why = "BIFF5/Excel 95 not read";
		return (-1);
	}
	if (bytes_le16(d + 2) != BOF_GLOBALS) {
		b->why = "Workbook stream does not start with its globals";
		return (-1);
	}
	while (off < b->len) {
		if (biff_header(b, off, &type, &d, &n) == -1) {
			if (depth == 0)
				break;
			b->why = "Workbook stream is truncated inside a record";
			return (-1);
		}
		if (type == R_BOF) {
			if (depth == 0 && !globals)
				sh = biff_sheet_at(b, off);
			depth++;
		} else if (type == R_EOF && depth > 0) {
			if (--depth == 0) {
				if (sh != NULL && sh->grid != NULL)
					b->cells += sh->grid->ncells;
				globals = false;
				sh = NULL;
				b->pend = false;
			}
		} else if (depth == 1 && globals) {
			if (biff_globals(b, type, d, n, off + 4 + n) == -1)
				return (-1);
		} else if (depth == 1 && sh != NULL) {
			if (biff_cell(b, sh, type, d, n, off + 4 + n) == -1)
				return (-1);
		}
		off += 4 + n;
	}
	if (globals) {
		b->why = "Workbook stream ends inside its globals";
		return (-1);
	}
	return (0);
}

int
xls_read(const unsigned char *data, size_t len,
    const struct parse_limits *limits, struct docbody **body_r,
    const char **why_r)
{
	struct cfb		*c = NULL;
	struct xls_streams	 f;
	struct biff		 b;
	struct docbody		*body = NULL;
	unsigned char		*wb = NULL;
	size_t			 wblen = 0;
	int			 rc = -1;

	*body_r = NULL;
	memset(&b, 0, sizeof(b));
	b.lim = limits_resolve(limits);
	b.sst = g_ptr_array_new_with_free_func(g_free);
	b.xf_fmt = g_array_new(FALSE, FALSE, sizeof(uint16_t));
	b.fonts = g_byte_array_new();
	b.xf_enc = g_byte_array_new();
	b.fmt_date = g_hash_table_new(NULL, NULL);
	b.sheets = g_array_new(FALSE, FALSE, sizeof(struct xsheet));
	f.workbook = f.book = f.encinfo = f.encpkg = CFB_NOSTREAM;
	if (cfb_open(data, len, &c, &b.why) == -1 ||
	    cfb_root_walk(c, CFB_WALK_STRICT, note_stream, &f, &b.why) == -1)
		goto out;
	if (f.encpkg != CFB_NOSTREAM || f.encinfo != CFB_NOSTREAM) {
		b.why = "encrypted OOXML package";
		goto out;
	}
	if (f.workbook == CFB_NOSTREAM) {
		b.why = f.book != CFB_NOSTREAM ? "BIFF5/Excel 95 not read" :
		    "compound file has no Workbook stream";
		goto out;
	}
	if (cfb_stream(c, f.workbook, &wb, &wblen, &b.why) == -1)
		goto out;
	b.s = wb;
	b.len = wblen;
	if (biff_read(&b) == -1)
		goto out;
	body = docbody_new();
	for (size_t i = 0; i < b.sheets->len; i++) {
		struct xsheet *sh = &g_array_index(b.sheets, struct xsheet, i);

		if (sh->grid != NULL) {
			docbody_add_grid(body, sh->grid);
			sh->grid = NULL;
		}
	}
	body->legacy = b.legacy;
	body->legacy_fonts = b.legacy_fonts;
	*body_r = body;
	rc = 0;
out:
	cfb_free(c);
	for (size_t i = 0; i < b.sheets->len; i++) {
		struct xsheet *sh = &g_array_index(b.sheets, struct xsheet, i);

		g_free(sh->name);
		grid_free(sh->grid);
	}
	g_array_free(b.sheets, TRUE);
	g_ptr_array_free(b.sst, TRUE);
	g_array_free(b.xf_fmt, TRUE);
	g_byte_array_free(b.fonts, TRUE);
	g_byte_array_free(b.xf_enc, TRUE);
	g_hash_table_destroy(b.fmt_date);
	if (b.at != NULL)
		g_hash_table_destroy(b.at);
	g_free(wb);
	*why_r = rc == 0 ? NULL : b.why;
	return (rc);
}
