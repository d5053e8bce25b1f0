/* check-xls.c: legacy .xls workbooks built here, byte by byte (a BIFF8
 * writer and a compound file writer below), then read back; hostile
 * compound files must be refused quickly. FreeXL, when installed, reads
 * the same bytes as an independent witness. */
#include <check.h>
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "parsers/vn-legacy.h"
#include "parsers/xls.h"

/* ---- a BIFF8 writer ---------------------------------------------------- */

#define R_FORMULA	0x0006
#define R_EOF		0x000a
#define R_DATEMODE	0x0022
#define R_FILEPASS	0x002f
#define R_CONTINUE	0x003c
#define R_CODEPAGE	0x0042
#define R_BOUNDSHEET	0x0085
#define R_MULRK		0x00bd
#define R_XF		0x00e0
#define R_FONT		0x0031
#define R_MERGEDCELLS	0x00e5
#define R_SST		0x00fc
#define R_LABELSST	0x00fd
#define R_DIMENSIONS	0x0200
#define R_BLANK		0x0201
#define R_NUMBER	0x0203
#define R_LABEL		0x0204
#define R_BOOLERR	0x0205
#define R_STRING	0x0207
#define R_RK		0x027e
#define R_FORMAT	0x041e
#define R_BOF		0x0809

/* Cell formats every book has: 0-15 style XFs, then these. */
#define XF_GENERAL	15
#define XF_DATE		16	/* built-in format 14 */
#define XF_DDMMYYYY	17	/* custom 164 "dd/mm/yyyy" */
#define XF_TEXTY	18	/* custom 165 "\"ngày\" 0" : not a date */
#define XF_DATETIME	19	/* built-in 22 */

struct wsheet {
	char		*name;
	uint8_t		 dt;		/* 0 worksheet, 2 chart */
	GByteArray	*cells;
	uint32_t	 rows, cols;	/* used extent */
};

struct wbook {
	GByteArray	*pre;		/* globals records before BOUNDSHEET */
	GPtrArray	*sst;		/* UTF-8 */
	GArray		*sst_runs;	/* int per string: rich runs */
	size_t		 sst_max;	/* record data size before CONTINUE */
	struct wsheet	 sheets[4];
	size_t		 nsheets;
	uint16_t	 bof_version;
	int		 splits, flips;	/* what the SST writer did */
};

static void
put16(GByteArray *b, uint16_t v)
{
	guint8	p[2] = { v & 0xff, v >> 8 };

	g_byte_array_append(b, p, 2);
}

static void
put32(GByteArray *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static void
rec(GByteArray *b, uint16_t type, const void *d, size_t n)
{
	put16(b, type);
	put16(b, (uint16_t)n);
	if (n > 0)
		g_byte_array_append(b, d, (guint)n);
}

/* A record whose data is built in a scratch array first. */
static void
recb(GByteArray *b, uint16_t type, GByteArray *d)
{
	rec(b, type, d->data, d->len);
	g_byte_array_free(d, TRUE);
}

static GByteArray *
buf(void)
{
	return (g_byte_array_new());
}

/* XLUnicodeString: UTF-16 when any character needs it, else 8-bit. */
static void
put_ustr(GByteArray *b, const char *utf8, size_t lenbytes)
{
	glong		 n;
	gunichar2	*u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	bool		 high = false;

	for (glong i = 0; i < n; i++)
		high |= u[i] > 0xff;
	if (lenbytes == 1) {
		guint8 c = (guint8)n;

		g_byte_array_append(b, &c, 1);
	} else
		put16(b, (uint16_t)n);
	g_byte_array_append(b, (guint8 *)&(guint8){ high }, 1);
	for (glong i = 0; i < n; i++) {
		if (high)
			put16(b, u[i]);
		else
			g_byte_array_append(b, (guint8 *)&(guint8){ u[i] }, 1);
	}
	g_free(u);
}

static void
wb_init(struct wbook *wb)
{
	GByteArray	*d;
	static const struct {
		uint16_t	 id;
		const char	*code;
	} fmts[] = {
		{ 164, "dd/mm/yyyy" }, { 165, "\"ng\xc3\xa0y\" 0" },
	};
	static const uint16_t xf_fmt[] = { 14, 164, 165, 22 };

	memset(wb, 0, sizeof(*wb));
	wb->pre = buf();
	wb->sst = g_ptr_array_new_with_free_func(g_free);
	wb->sst_runs = g_array_new(FALSE, TRUE, sizeof(int));
	wb->sst_max = 8224;
	wb->bof_version = 0x0600;
	d = buf();
	put16(d, 1200);
	recb(wb->pre, R_CODEPAGE, d);
	for (size_t i = 0; i < G_N_ELEMENTS(fmts); i++) {
		d = buf();
		put16(d, fmts[i].id);
		put_ustr(d, fmts[i].code, 2);
		recb(wb->pre, R_FORMAT, d);
	}
	for (size_t i = 0; i < 16 + G_N_ELEMENTS(xf_fmt); i++) {
		d = buf();
		put16(d, 0);
		put16(d, i < 16 ? 0 : xf_fmt[i - 16]);
		put16(d, i < 15 ? 0xfff5 : 0x0001);
		g_byte_array_set_size(d, 20);
		memset(d->data + 6, 0, 14);
		recb(wb->pre, R_XF, d);
	}
}

static void
wb_free(struct wbook *wb)
{
	g_byte_array_free(wb->pre, TRUE);
	g_ptr_array_free(wb->sst, TRUE);
	g_array_free(wb->sst_runs, TRUE);
	for (size_t i = 0; i < wb->nsheets; i++) {
		g_free(wb->sheets[i].name);
		g_byte_array_free(wb->sheets[i].cells, TRUE);
	}
}

/* Replaces the CODEPAGE record (the first of pre). */
static void
wb_codepage(struct wbook *wb, uint16_t cp)
{
	wb->pre->data[4] = cp & 0xff;
	wb->pre->data[5] = cp >> 8;
}

static size_t
wb_sheet(struct wbook *wb, const char *name, uint8_t dt)
{
	struct wsheet *s = &wb->sheets[wb->nsheets];

	s->name = g_strdup(name);
	s->dt = dt;
	s->cells = buf();
	return (wb->nsheets++);
}

static uint32_t
wb_sst(struct wbook *wb, const char *s, int runs)
{
	g_ptr_array_add(wb->sst, g_strdup(s));
	g_array_append_val(wb->sst_runs, runs);
	return (wb->sst->len - 1);
}

/* A cell record: row, col, then ixfe and the rest. */
static GByteArray *
cellhead(struct wbook *wb, size_t sh, uint32_t row, uint16_t col,
    uint16_t xf)
{
	GByteArray	*d = buf();
	struct wsheet	*s = &wb->sheets[sh];

	put16(d, (uint16_t)row);
	put16(d, col);
	put16(d, xf);
	if (row + 1 > s->rows)
		s->rows = row + 1;
	if ((uint32_t)col + 1 > s->cols)
		s->cols = col + 1;
	return (d);
}

static void
wb_labelsst(struct wbook *wb, size_t sh, uint32_t row, uint16_t col,
    const char *text)
{
	GByteArray *d = cellhead(wb, sh, row, col, XF_GENERAL);

	put32(d, wb_sst(wb, text, 0));
	recb(wb->sheets[sh].cells, R_LABELSST, d);
}

static void
wb_number(struct wbook *wb, size_t sh, uint32_t row, uint16_t col,
    uint16_t xf, double v)
{
	GByteArray *d = cellhead(wb, sh, row, col, xf);

	g_byte_array_append(d, (guint8 *)&v, 8);
	recb(wb->sheets[sh].cells, R_NUMBER, d);
}

static void
wb_rk(struct wbook *wb, size_t sh, uint32_t row, uint16_t col, uint32_t rk)
{
	GByteArray *d = cellhead(wb, sh, row, col, XF_GENERAL);

	put32(d, rk);
	recb(wb->sheets[sh].cells, R_RK, d);
}

/* A record of any type into a sheet, as given. */
static void
wb_raw(struct wbook *wb, size_t sh, uint16_t type, GByteArray *d)
{
	recb(wb->sheets[sh].cells, type, d);
}

/* The shared strings, split into CONTINUE records of sst_max bytes the
 * way Excel splits them. */
struct sstw {
	GByteArray	*out, *cur;
	uint16_t	 type;
	size_t		 max;
};

static void
sstw_flush(struct sstw *w)
{
	rec(w->out, w->type, w->cur->data, w->cur->len);
	g_byte_array_set_size(w->cur, 0);
	w->type = R_CONTINUE;
}

static void
sstw_raw(struct sstw *w, const guint8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (w->cur->len == w->max)
			sstw_flush(w);
		g_byte_array_append(w->cur, p + i, 1);
	}
}

static void
sst_write(struct wbook *wb, GByteArray *out)
{
	struct sstw	w = { out, buf(), R_SST, wb->sst_max };
	guint8		h[8];

	put32(w.cur, wb->sst->len);
	put32(w.cur, wb->sst->len);
	for (guint s = 0; s < wb->sst->len; s++) {
		int		 runs = g_array_index(wb->sst_runs, int, s);
		size_t		 hdr = runs ? 5 : 3, i = 0;
		glong		 nu;
		gunichar2	*u = g_utf8_to_utf16(g_ptr_array_index(wb->sst,
				    s), -1, NULL, &nu, NULL);
		int		 last = -1;

		if (w.cur->len + hdr + 1 > w.max)
			sstw_flush(&w);
		for (bool first = true; first || i < (size_t)nu;
		    first = false) {
			size_t	avail, rem = (size_t)nu - i, k;
			bool	high = false;

			if (!first)
				sstw_flush(&w);
			avail = w.max - w.cur->len - (first ? hdr : 1);
			k = MIN(avail, rem);
			for (size_t j = 0; j < k; j++)
				high |= u[i + j] > 0xff;
			if (high)
				k = MIN(avail / 2, rem);
			if (first) {
				put16(w.cur, (uint16_t)nu);
				h[0] = (high ? 1 : 0) | (runs ? 8 : 0);
				g_byte_array_append(w.cur, h, 1);
				if (runs)
					put16(w.cur, (uint16_t)runs);
			} else {
				h[0] = high;
				g_byte_array_append(w.cur, h, 1);
				wb->splits++;
				wb->flips += last != high;
			}
			for (size_t j = 0; j < k; j++) {
				if (high)
					put16(w.cur, u[i + j]);
				else
					g_byte_array_append(w.cur,
					    (guint8 *)&u[i + j], 1);
			}
			i += k;
			last = high;
		}
		for (int r = 0; r < runs; r++) {
			h[0] = (guint8)r;
			h[1] = 0;
			h[2] = 1;
			h[3] = 0;
			sstw_raw(&w, h, 4);
		}
		g_free(u);
	}
	sstw_flush(&w);
	g_byte_array_free(w.cur, TRUE);
}

/* The Workbook stream: globals, then each sheet's substream. */
static unsigned char *
wb_stream(struct wbook *wb, size_t *len_r)
{
	GByteArray	*s = buf(), *d;
	size_t		 bs[4];

	d = buf();
	put16(d, wb->bof_version);
	put16(d, 0x0005);
	put16(d, 0x0dbb);
	put16(d, 0x07cc);
	put32(d, 0);
	put32(d, 0x0006);
	recb(s, R_BOF, d);
	g_byte_array_append(s, wb->pre->data, wb->pre->len);
	for (size_t i = 0; i < wb->nsheets; i++) {
		d = buf();
		put32(d, 0);
		g_byte_array_append(d, (guint8 *)&(guint8){ 0 }, 1);
		g_byte_array_append(d, &wb->sheets[i].dt, 1);
		put_ustr(d, wb->sheets[i].name, 1);
		bs[i] = s->len + 4;
		recb(s, R_BOUNDSHEET, d);
	}
	if (wb->sst->len > 0)
		sst_write(wb, s);
	rec(s, R_EOF, NULL, 0);
	for (size_t i = 0; i < wb->nsheets; i++) {
		struct wsheet *sh = &wb->sheets[i];

		memcpy(s->data + bs[i], &(uint32_t){ GUINT32_TO_LE(s->len) },
		    4);
		d = buf();
		put16(d, wb->bof_version);
		put16(d, sh->dt == 0 ? 0x0010 : 0x0020);
		put16(d, 0x0dbb);
		put16(d, 0x07cc);
		put32(d, 0);
		put32(d, 0x0006);
		recb(s, R_BOF, d);
		d = buf();
		put32(d, 0);
		put32(d, sh->rows);
		put16(d, 0);
		put16(d, (uint16_t)sh->cols);
		put16(d, 0);
		recb(s, R_DIMENSIONS, d);
		g_byte_array_append(s, sh->cells->data, sh->cells->len);
		rec(s, R_EOF, NULL, 0);
	}
	*len_r = s->len;
	return (g_byte_array_free(s, FALSE));
}

/* ---- a compound file writer -------------------------------------------- */

#define ENDCHAIN	0xfffffffeU
#define FREESECT	0xffffffffU
#define NOSTREAM	0xffffffffU

struct cstream {
	const char		*name;
	const unsigned char	*data;
	size_t			 len;
};

/* Where things landed, for the tests that break them. */
struct clayout {
	uint32_t	dir;		/* first directory sector */
	uint32_t	start[8];	/* per stream: first (mini) sector */
	uint32_t	nsect[8];	/* per stream: regular sectors */
};

#define SECT(s)		(((size_t)(s) + 1) * 512)
#define FATSLOT(s)	(512 + 4 * (size_t)(s))	/* FAT sector 0 is sector 0 */
#define DIRENT(l, k)	(SECT((l)->dir) + 128 * (size_t)(k))

/*
 * A version 3 compound file (512-byte sectors) with the streams at the
 * root; those under 4096 bytes go to the mini stream, as the format asks.
 * Sectors: FAT, directory, mini FAT, mini stream, then the big streams.
 */
static unsigned char *
cfb_build(const struct cstream *st, size_t n, struct clayout *lay,
    size_t *len_r)
{
	GByteArray	*mini = buf(), *minifat = buf();
	uint32_t	 ms[8], nfat = 1, ndir, nmf, nms, total, *fat, s;
	uint32_t	 mfstart, msstart;
	unsigned char	*out;
	size_t		 big = 0, len;

	memset(lay, 0, sizeof(*lay));
	for (size_t i = 0; i < n; i++) {
		if (st[i].len >= 4096) {
			big += (st[i].len + 511) / 512;
			continue;
		}
		ms[i] = mini->len / 64;
		for (size_t k = 0; k < (st[i].len + 63) / 64; k++)
			put32(minifat, k + 1 < (st[i].len + 63) / 64 ?
			    ms[i] + (uint32_t)k + 1 : ENDCHAIN);
		g_byte_array_append(mini, st[i].data, (guint)st[i].len);
		g_byte_array_set_size(mini, (mini->len + 63) / 64 * 64);
	}
	ndir = (uint32_t)((n + 1 + 3) / 4);
	nmf = (minifat->len + 511) / 512;
	nms = (mini->len + 511) / 512;
	for (;;) {
		total = nfat + ndir + nmf + nms + (uint32_t)big;
		if ((total + 127) / 128 <= nfat)
			break;
		nfat++;
	}
	ck_assert_uint_le(nfat, 109);
	len = SECT(total);
	out = g_malloc0(len);
	fat = g_new(uint32_t, nfat * 128);
	for (size_t i = 0; i < nfat * 128; i++)
		fat[i] = FREESECT;
	s = 0;
	for (uint32_t i = 0; i < nfat; i++)
		fat[s++] = 0xfffffffdU;
#define CHAIN(first, count) do {					\
	for (uint32_t k_ = 0; k_ < (count); k_++)			\
		fat[(first) + k_] = k_ + 1 < (count) ?			\
		    (first) + k_ + 1 : ENDCHAIN;			\
} while (0)
	lay->dir = s;
	CHAIN(s, ndir);
	s += ndir;
	mfstart = nmf ? s : ENDCHAIN;
	CHAIN(s, nmf);
	if (minifat->len > 0)
		memcpy(out + SECT(s), minifat->data, minifat->len);
	for (size_t k = minifat->len; k < nmf * 512; k += 4)
		memset(out + SECT(s) + k, 0xff, 4);
	s += nmf;
	msstart = nms ? s : ENDCHAIN;
	CHAIN(s, nms);
	if (mini->len > 0)
		memcpy(out + SECT(s), mini->data, mini->len);
	s += nms;
	for (size_t i = 0; i < n; i++) {
		if (st[i].len < 4096) {
			lay->start[i] = ms[i];
			continue;
		}
		lay->start[i] = s;
		lay->nsect[i] = (uint32_t)((st[i].len + 511) / 512);
		CHAIN(s, lay->nsect[i]);
		memcpy(out + SECT(s), st[i].data, st[i].len);
		s += lay->nsect[i];
	}
#undef CHAIN
	for (uint32_t i = 0; i < nfat * 128; i++)
		memcpy(out + SECT(i / 128) + 4 * (i % 128),
		    &(uint32_t){ GUINT32_TO_LE(fat[i]) }, 4);
	/* Header. */
	memcpy(out, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
#define W16(o, v) do { out[o] = (v) & 0xff; out[(o) + 1] = (v) >> 8; }	\
	while (0)
#define W32(o, v) do { W16(o, (v) & 0xffff); W16((o) + 2, (v) >> 16); }	\
	while (0)
	W16(0x18, 0x3e);
	W16(0x1a, 3);
	W16(0x1c, 0xfffe);
	W16(0x1e, 9);
	W16(0x20, 6);
	W32(0x2c, nfat);
	W32(0x30, lay->dir);
	W32(0x38, 4096);
	W32(0x3c, mfstart);
	W32(0x40, nmf);
	W32(0x44, ENDCHAIN);
	W32(0x48, 0);
	for (uint32_t i = 0; i < 109; i++)
		W32(0x4c + 4 * i, i < nfat ? i : FREESECT);
	/* Directory: the root, then the streams as a chain of right
	 * siblings. */
	for (size_t k = 0; k < ndir * 4; k++) {
		unsigned char	*e = out + DIRENT(lay, k);
		const char	*name = k == 0 ? "Root Entry" :
				    k <= n ? st[k - 1].name : NULL;

		W32(DIRENT(lay, k) + 68, NOSTREAM);
		W32(DIRENT(lay, k) + 72, NOSTREAM);
		W32(DIRENT(lay, k) + 76, NOSTREAM);
		if (name == NULL)
			continue;
		for (size_t c = 0; name[c] != '\0'; c++)
			e[2 * c] = (unsigned char)name[c];
		W16(DIRENT(lay, k) + 64, 2 * (strlen(name) + 1));
		e[66] = k == 0 ? 5 : 2;
		e[67] = 1;
		if (k == 0) {
			W32(DIRENT(lay, k) + 76, n > 0 ? 1 : NOSTREAM);
			W32(DIRENT(lay, k) + 116, msstart);
			W32(DIRENT(lay, k) + 120, mini->len);
		} else {
			if (k < n)
				W32(DIRENT(lay, k) + 72, (uint32_t)k + 1);
			W32(DIRENT(lay, k) + 116, lay->start[k - 1]);
			W32(DIRENT(lay, k) + 120, (uint32_t)st[k - 1].len);
		}
	}
#undef W16
#undef W32
	g_free(fat);
	g_byte_array_free(mini, TRUE);
	g_byte_array_free(minifat, TRUE);
	*len_r = len;
	return (out);
}

/* A whole .xls file of one workbook. */
static unsigned char *
xls_file(struct wbook *wb, struct clayout *lay, size_t *len_r)
{
	struct cstream	 st;
	struct clayout	 l;
	unsigned char	*s, *f;

	st.name = "Workbook";
	s = wb_stream(wb, &st.len);
	st.data = s;
	f = cfb_build(&st, 1, lay != NULL ? lay : &l, len_r);
	g_free(s);
	return (f);
}

/* ---- helpers ----------------------------------------------------------- */

static void
le32_at(unsigned char *p, uint32_t v)
{
	memcpy(p, &(uint32_t){ GUINT32_TO_LE(v) }, 4);
}

static const char *
cell_text(const struct grid *g, size_t r, size_t c)
{
	const struct cell *cl = grid_at(g, r, c);

	return (cl != NULL ? cl->text : NULL);
}

static int
cell_type(const struct grid *g, size_t r, size_t c)
{
	const struct cell *cl = grid_at(g, r, c);

	return (cl != NULL ? (int)cl->type : -1);
}

/* Reads bytes that must be read; the body is the caller's. */
static struct docbody *
must_read(const unsigned char *f, size_t len,
    const struct parse_limits *lim)
{
	struct docbody	*body = NULL;
	const char	*why = "x";

	ck_assert_msg(xls_read(f, len, lim, &body, &why) == 0, "refused: %s",
	    why);
	ck_assert_ptr_null(why);
	ck_assert_ptr_nonnull(body);
	return (body);
}

/* Bytes that must be refused with a reason holding want; the refusals
 * case's timeout stands for "quickly". */
static void
must_refuse(const unsigned char *f, size_t len,
    const struct parse_limits *lim, const char *want)
{
	struct docbody	*body = (struct docbody *)1;
	const char	*why = NULL;

	ck_assert_int_eq(xls_read(f, len, lim, &body, &why), -1);
	ck_assert_ptr_null(body);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, want) != NULL, "reason '%s' lacks '%s'",
	    why, want);
}

/* A book with one sheet of n rows of a phone number, big enough to sit
 * in regular sectors (the hostile tests break its chain). */
static unsigned char *
big_book(size_t n, struct clayout *lay, size_t *len_r)
{
	struct wbook	 wb;
	unsigned char	*f;

	wb_init(&wb);
	wb_sheet(&wb, "Danh s\xc3\xa1" "ch", 0);
	wb_labelsst(&wb, 0, 0, 0, "S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i");
	for (size_t i = 1; i < n; i++)
		wb_number(&wb, 0, (uint32_t)i, 0, XF_GENERAL,
		    982345678.0 + (double)i);
	f = xls_file(&wb, lay, len_r);
	wb_free(&wb);
	return (f);
}

/* ---- values ------------------------------------------------------------ */

START_TEST(xls_strings_ascii_and_vietnamese_utf16)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	const struct grid *g;

	wb_init(&wb);
	wb_sheet(&wb, "Sheet1", 0);
	wb_labelsst(&wb, 0, 0, 0, "ICCID");
	wb_labelsst(&wb, 0, 0, 1, "H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan");
	wb_labelsst(&wb, 0, 1, 1, "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90"
	    "\xe1\xbb\xa9" "c");
	wb_labelsst(&wb, 0, 2, 1, "Jos\xc3\xa9");	/* 8-bit, Latin-1 */
	wb_labelsst(&wb, 0, 3, 1, "");
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	ck_assert_uint_eq(body->nblocks, 1);
	ck_assert_int_eq(body->blocks[0].type, BLOCK_TABLE);
	g = body->blocks[0].grid;
	ck_assert_str_eq(g->name, "Sheet1");
	ck_assert_str_eq(cell_text(g, 0, 0), "ICCID");
	ck_assert_int_eq(cell_type(g, 0, 0), CELL_TEXT);
	ck_assert_str_eq(cell_text(g, 0, 1), "H\xe1\xbb\x8d v\xc3\xa0 "
	    "t\xc3\xaan");
	ck_assert_str_eq(cell_text(g, 1, 1), "Nguy\xe1\xbb\x85n V\xc4\x83n "
	    "\xc4\x90\xe1\xbb\xa9" "c");
	ck_assert_str_eq(cell_text(g, 2, 1), "Jos\xc3\xa9");
	ck_assert_uint_eq(g->nrows, 3);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* Strings split across CONTINUE records, with the split switching
 * between 8-bit and UTF-16, rich runs split too; record sizes 40..90. */
START_TEST(xls_sst_continue_split_flips_encoding)
{
	static const char *const words[] = {
		"Danh s\xc3\xa1" "ch thu\xc3\xaa bao Nguy\xe1\xbb\x85n",
		"abcdefghijklmnopqrstuvwxyz0123456789",
		"\xe1\xbb\x86 Vi\xe1\xbb\x87t Nam ABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n tho\xe1\xba\xa1i "
		    "di \xc4\x91\xe1\xbb\x99ng",
		"x",
		"",
		"Trung t\xc3\xa2m Ch\xe1\xbb\xa9ng th\xe1\xbb\xb1" "c "
		    "s\xe1\xbb\x91 Ch\xc3\xadnh ph\xe1\xbb\xa7",
	};
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len, n = 0;
	const struct grid *g;

	wb_init(&wb);
	wb.sst_max = 40 + 10 * (size_t)_i;
	wb_sheet(&wb, "S", 0);
	for (size_t r = 0; r < 12; r++)
		for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
			GByteArray *d = cellhead(&wb, 0, (uint32_t)r,
			    (uint16_t)i, XF_GENERAL);

			put32(d, wb_sst(&wb, words[i], (r + i) % 3 == 0 ?
			    3 : 0));
			wb_raw(&wb, 0, R_LABELSST, d);
		}
	f = xls_file(&wb, NULL, &len);
	ck_assert_int_gt(wb.splits, 3);
	ck_assert_int_gt(wb.flips, 0);
	body = must_read(f, len, NULL);
	g = body->blocks[0].grid;
	for (size_t r = 0; r < 12; r++)
		for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
			if (words[i][0] == '\0') {
				ck_assert_ptr_null(cell_text(g, r, i));
				continue;
			}
			ck_assert_str_eq(cell_text(g, r, i), words[i]);
			n++;
		}
	ck_assert_uint_eq(n, 12 * 6);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* An 8-bit LABEL in a workbook whose CODEPAGE is 1258 (Vietnamese,
 * tone marks as combining characters), read and composed to NFC. */
START_TEST(xls_cp1258_label_with_codepage)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	GByteArray	*d;
	static const char cp[] = "Nguy\xea\xden V\xe3n \xd0\xfd\xec" "c";

	wb_init(&wb);
	wb_codepage(&wb, 1258);
	wb_sheet(&wb, "S", 0);
	d = cellhead(&wb, 0, 0, 0, XF_GENERAL);
	put16(d, sizeof(cp) - 1);
	g_byte_array_append(d, (guint8 *)"\0", 1);
	g_byte_array_append(d, (const guint8 *)cp, sizeof(cp) - 1);
	wb_raw(&wb, 0, R_LABEL, d);
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	ck_assert_str_eq(cell_text(body->blocks[0].grid, 0, 0),
	    "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9" "c");
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* FONT records (0-3 Arial; index 4 is never written, so the fifth and
 * sixth are ifnt 5 .VnTime and 6 VNI-Times), then XFs 20-22 on fonts 5,
 * 6 and 0: a legacy byte string (8-bit, as BIFF8 compresses it) in
 * those cells reads as Unicode, in an Arial cell as it is. */
START_TEST(xls_legacy_cell_fonts_converted)
{
	static const char *const fonts[] = { "Arial", "Arial", "Arial",
	    "Arial", ".VnTime", "VNI-Times" };
	static const uint16_t ifnt[] = { 5, 6, 0 };
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	GByteArray	*d;
	const struct grid *g;

	wb_init(&wb);
	for (size_t i = 0; i < G_N_ELEMENTS(fonts); i++) {
		d = buf();
		g_byte_array_set_size(d, 14);
		memset(d->data, 0, 14);
		put_ustr(d, fonts[i], 1);
		recb(wb.pre, R_FONT, d);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(ifnt); i++) {
		d = buf();
		put16(d, ifnt[i]);
		put16(d, 0);
		put16(d, 0x0001);
		g_byte_array_set_size(d, 20);
		memset(d->data + 6, 0, 14);
		recb(wb.pre, R_XF, d);
	}
	wb_sheet(&wb, "S", 0);
	d = cellhead(&wb, 0, 0, 0, 20);
	put32(d, wb_sst(&wb, "H\xc3\xa4 v\xc2\xb5 t\xc2\xaan", 0));
	recb(wb.sheets[0].cells, R_LABELSST, d);
	d = cellhead(&wb, 0, 0, 1, 21);
	put32(d, wb_sst(&wb, "Ch\xc3\xb6\xc3\xb9\x63 vu\xc3\xaf", 0));
	recb(wb.sheets[0].cells, R_LABELSST, d);
	d = cellhead(&wb, 0, 0, 2, 22);
	put32(d, wb_sst(&wb, "H\xc3\xa4", 0));
	recb(wb.sheets[0].cells, R_LABELSST, d);
	d = cellhead(&wb, 0, 1, 0, 20);
	put_ustr(d, "\xc2\xae\xc2\xb6ng \xc3\xb1y", 2);
	wb_raw(&wb, 0, R_LABEL, d);
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	g = body->blocks[0].grid;
	ck_assert_str_eq(cell_text(g, 0, 0), "Họ và tên");
	ck_assert_str_eq(cell_text(g, 0, 1), "Chức vụ");
	ck_assert_str_eq(cell_text(g, 0, 2), "H\xc3\xa4");
	ck_assert_str_eq(cell_text(g, 1, 0), "đảng ủy");
	ck_assert_uint_eq(body->legacy, 3);
	ck_assert_uint_eq(body->legacy_fonts,
	    VN_LEGACY_FAMILY_TCVN3 | VN_LEGACY_FAMILY_VNI);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

START_TEST(xls_numbers_phone_and_iccid)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	const struct grid *g;
	GByteArray	*d;
	double		 half = 0.5;
	uint64_t	 bits;

	wb_init(&wb);
	wb_sheet(&wb, "S", 0);
	wb_number(&wb, 0, 0, 0, XF_GENERAL, 982345678.0);
	wb_rk(&wb, 0, 1, 0, (362345678U << 2) | 2);
	wb_number(&wb, 0, 2, 0, XF_GENERAL, 8984040000000000000.0);
	wb_number(&wb, 0, 3, 0, XF_GENERAL, 89840412345678901234.0);
	wb_rk(&wb, 0, 4, 0, (1234U << 2) | 3);		/* 12.34 */
	memcpy(&bits, &half, 8);
	wb_rk(&wb, 0, 5, 0, (uint32_t)(bits >> 32));	/* 0.5 */
	wb_rk(&wb, 0, 6, 0, ((uint32_t)-7 << 2) | 2);
	wb_number(&wb, 0, 7, 0, XF_GENERAL, 1.5e-7);
	wb_number(&wb, 0, 8, 0, XF_GENERAL, 1e21);
	wb_number(&wb, 0, 9, 0, XF_GENERAL, 0.1 + 0.2);
	wb_number(&wb, 0, 10, 0, XF_TEXTY, 5);
	/* MULRK: row 11, columns 0..2. */
	d = cellhead(&wb, 0, 11, 0, XF_GENERAL);
	g_byte_array_set_size(d, 4);
	for (uint32_t i = 0; i < 3; i++) {
		put16(d, XF_GENERAL);
		put32(d, ((362345670U + i) << 2) | 2);
	}
	put16(d, 2);
	wb_raw(&wb, 0, R_MULRK, d);
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	g = body->blocks[0].grid;
	ck_assert_str_eq(cell_text(g, 0, 0), "982345678");
	ck_assert_int_eq(cell_type(g, 0, 0), CELL_NUMBER);
	ck_assert_str_eq(cell_text(g, 1, 0), "362345678");
	ck_assert_int_eq(cell_type(g, 1, 0), CELL_NUMBER);
	ck_assert_str_eq(cell_text(g, 2, 0), "8984040000000000000");
	ck_assert_str_eq(cell_text(g, 3, 0), "89840412345678900000");
	ck_assert_str_eq(cell_text(g, 4, 0), "12.34");
	ck_assert_str_eq(cell_text(g, 5, 0), "0.5");
	ck_assert_str_eq(cell_text(g, 6, 0), "-7");
	ck_assert_str_eq(cell_text(g, 7, 0), "1.5e-7");
	ck_assert_str_eq(cell_text(g, 8, 0), "1e+21");
	ck_assert_str_eq(cell_text(g, 9, 0), "0.30000000000000004");
	ck_assert_str_eq(cell_text(g, 10, 0), "5");
	ck_assert_int_eq(cell_type(g, 10, 0), CELL_NUMBER);
	for (size_t i = 0; i < 3; i++) {
		char want[16];

		g_snprintf(want, sizeof(want), "%zu", 362345670 + i);
		ck_assert_str_eq(cell_text(g, 11, i), want);
	}
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

static const struct {
	uint16_t	 xf;
	double		 v;
	bool		 date1904;
	int		 type;
	const char	*want;
} dates[] = {
	{ XF_DATE, 45658, false, CELL_DATE, "2025-01-01" },
	{ XF_DDMMYYYY, 45658, false, CELL_DATE, "2025-01-01" },
	{ XF_DATETIME, 45658.5, false, CELL_DATE, "2025-01-01T12:00:00" },
	{ XF_DATE, 60, false, CELL_DATE, "1900-02-29" },
	{ XF_DATE, 61, false, CELL_DATE, "1900-03-01" },
	{ XF_DATE, 0, true, CELL_DATE, "1904-01-01" },
	{ XF_DATE, 44196, true, CELL_DATE, "2025-01-01" },
	{ XF_DATE, -1, false, CELL_NUMBER, "-1" },
	{ XF_GENERAL, 45658, false, CELL_NUMBER, "45658" },
};

START_TEST(xls_date_cell_iso)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	GByteArray	*d;

	wb_init(&wb);
	if (dates[_i].date1904) {
		d = buf();
		put16(d, 1);
		recb(wb.pre, R_DATEMODE, d);
	}
	wb_sheet(&wb, "S", 0);
	wb_number(&wb, 0, 0, 0, dates[_i].xf, dates[_i].v);
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	ck_assert_int_eq(cell_type(body->blocks[0].grid, 0, 0),
	    dates[_i].type);
	ck_assert_str_eq(cell_text(body->blocks[0].grid, 0, 0),
	    dates[_i].want);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* The form as offices send it: a letter on the first sheet with a
 * merged title, the list on the second; a chart sheet is left out. */
START_TEST(xls_sheets_in_order_list_on_second_merged_title)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	const struct grid *g;
	GByteArray	*d;

	wb_init(&wb);
	wb_sheet(&wb, "C\xc3\xb4ng v\xc4\x83n", 0);
	wb_sheet(&wb, "Bi\xe1\xbb\x83u \xc4\x91\xe1\xbb\x93", 2);
	wb_sheet(&wb, "Danh s\xc3\xa1" "ch", 0);
	wb_labelsst(&wb, 0, 0, 0, "C\xe1\xbb\x98NG H\xc3\x92" "A");
	for (uint16_t c = 1; c < 4; c++) {
		d = cellhead(&wb, 0, 0, c, XF_GENERAL);
		wb_raw(&wb, 0, R_BLANK, d);
	}
	d = buf();
	put16(d, 1);
	put16(d, 0);
	put16(d, 0);
	put16(d, 0);
	put16(d, 3);
	wb_raw(&wb, 0, R_MERGEDCELLS, d);
	wb_labelsst(&wb, 0, 2, 0, "K\xc3\xadnh g\xe1\xbb\xadi");
	wb_labelsst(&wb, 2, 0, 0, "STT");
	wb_labelsst(&wb, 2, 0, 1, "H\xe1\xbb\x8d t\xc3\xaan");
	wb_labelsst(&wb, 2, 0, 2, "S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i");
	wb_labelsst(&wb, 2, 0, 3, "ICCID");
	for (uint32_t r = 1; r <= 3; r++) {
		char	iccid[24];

		wb_rk(&wb, 2, r, 0, (r << 2) | 2);
		wb_labelsst(&wb, 2, r, 1, "Tr\xe1\xba\xa7n Th\xe1\xbb\x8b B");
		wb_number(&wb, 2, r, 2, XF_GENERAL, 912345670.0 + r);
		g_snprintf(iccid, sizeof(iccid), "898404000000000000%u", r);
		wb_labelsst(&wb, 2, r, 3, iccid);
	}
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	ck_assert_uint_eq(body->nblocks, 2);
	g = body->blocks[0].grid;
	ck_assert_str_eq(g->name, "C\xc3\xb4ng v\xc4\x83n");
	ck_assert_str_eq(cell_text(g, 0, 0), "C\xe1\xbb\x98NG H\xc3\x92" "A");
	ck_assert_ptr_null(cell_text(g, 0, 1));
	ck_assert_str_eq(cell_text(g, 2, 0), "K\xc3\xadnh g\xe1\xbb\xadi");
	g = body->blocks[1].grid;
	ck_assert_str_eq(g->name, "Danh s\xc3\xa1" "ch");
	ck_assert_uint_eq(g->nrows, 4);
	ck_assert_uint_eq(g->ncols, 4);
	ck_assert_str_eq(cell_text(g, 3, 0), "3");
	ck_assert_str_eq(cell_text(g, 2, 2), "912345672");
	ck_assert_str_eq(cell_text(g, 1, 3), "8984040000000000001");
	ck_assert_int_eq(cell_type(g, 1, 3), CELL_TEXT);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

START_TEST(xls_bool_error_and_formula_results)
{
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len;
	const struct grid *g;
	GByteArray	*d;
	double		 v = 42;
	static const guint8 fstr[8] = { 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const guint8 fbool[8] = { 1, 0, 1, 0, 0, 0, 0xff, 0xff };
	static const guint8 ferr[8] = { 2, 0, 0x07, 0, 0, 0, 0xff, 0xff };
	const guint8 *fv[] = { NULL, fstr, fbool, ferr };

	wb_init(&wb);
	wb_sheet(&wb, "S", 0);
	d = cellhead(&wb, 0, 0, 0, XF_GENERAL);
	g_byte_array_append(d, (guint8 *)"\1\0", 2);
	wb_raw(&wb, 0, R_BOOLERR, d);
	d = cellhead(&wb, 0, 0, 1, XF_GENERAL);
	g_byte_array_append(d, (guint8 *)"\x2a\1", 2);
	wb_raw(&wb, 0, R_BOOLERR, d);
	for (uint16_t c = 0; c < 4; c++) {
		d = cellhead(&wb, 0, 1, c, XF_GENERAL);
		if (fv[c] == NULL)
			g_byte_array_append(d, (guint8 *)&v, 8);
		else
			g_byte_array_append(d, fv[c], 8);
		put16(d, 0);
		put32(d, 0);
		put16(d, 0);
		wb_raw(&wb, 0, R_FORMULA, d);
		if (c == 1) {
			d = buf();
			put_ustr(d, "k\xe1\xba\xbft qu\xe1\xba\xa3", 2);
			wb_raw(&wb, 0, R_STRING, d);
		}
	}
	/* A STRING with no FORMULA before it is ignored. */
	d = buf();
	put_ustr(d, "stray", 2);
	wb_raw(&wb, 0, R_STRING, d);
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	g = body->blocks[0].grid;
	ck_assert_int_eq(cell_type(g, 0, 0), CELL_BOOL);
	ck_assert_str_eq(cell_text(g, 0, 0), "TRUE");
	ck_assert_int_eq(cell_type(g, 0, 1), CELL_ERROR);
	ck_assert_str_eq(cell_text(g, 0, 1), "#N/A");
	ck_assert_str_eq(cell_text(g, 1, 0), "42");
	ck_assert_int_eq(cell_type(g, 1, 1), CELL_TEXT);
	ck_assert_str_eq(cell_text(g, 1, 1), "k\xe1\xba\xbft qu\xe1\xba\xa3");
	ck_assert_str_eq(cell_text(g, 1, 2), "TRUE");
	ck_assert_str_eq(cell_text(g, 1, 3), "#DIV/0!");
	ck_assert_uint_eq(g->nrows, 2);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* Small workbooks live in the mini stream, big ones in sectors. */
START_TEST(xls_mini_and_regular_streams)
{
	size_t		 n = _i == 0 ? 5 : 2000, len;
	struct clayout	 lay;
	unsigned char	*f = big_book(n, &lay, &len);
	struct docbody	*body = must_read(f, len, NULL);
	const struct grid *g = body->blocks[0].grid;

	ck_assert_uint_eq(lay.nsect[0] == 0, _i == 0);
	ck_assert_uint_eq(g->nrows, n);
	ck_assert_str_eq(cell_text(g, n - 1, 0),
	    _i == 0 ? "982345682" : "982347677");
	docbody_free(body);
	g_free(f);
}
END_TEST

/* ---- refusals ---------------------------------------------------------- */

static const struct {
	const char	*why;
	guint8		 d[6];
	size_t		 n;
} filepass[] = {
	{ "encrypted workbook (RC4)", { 1, 0, 1, 0, 1, 0 }, 6 },
	{ "encrypted workbook (CryptoAPI)", { 1, 0, 2, 0, 2, 0 }, 6 },
	{ "encrypted workbook (CryptoAPI)", { 1, 0, 4, 0, 2, 0 }, 6 },
	{ "encrypted workbook (XOR obfuscation)", { 0, 0, 1, 2, 3, 4 }, 6 },
};

START_TEST(xls_filepass_is_encrypted)
{
	struct wbook	 wb;
	unsigned char	*f;
	size_t		 len;
	GByteArray	*old;

	wb_init(&wb);
	old = wb.pre;
	wb.pre = buf();
	rec(wb.pre, R_FILEPASS, filepass[_i].d, filepass[_i].n);
	g_byte_array_append(wb.pre, old->data, old->len);
	g_byte_array_free(old, TRUE);
	wb_sheet(&wb, "S", 0);
	wb_labelsst(&wb, 0, 0, 0, "garbage once decrypted");
	f = xls_file(&wb, NULL, &len);
	must_refuse(f, len, NULL, filepass[_i].why);
	g_free(f);
	wb_free(&wb);
}
END_TEST

START_TEST(xls_encrypted_ooxml_package)
{
	unsigned char	 info[200], pkg[5000], *f;
	struct cstream	 st[] = {
		{ "EncryptionInfo", info, sizeof(info) },
		{ "EncryptedPackage", pkg, sizeof(pkg) },
	};
	struct clayout	 lay;
	size_t		 len;

	memset(info, 4, sizeof(info));
	memset(pkg, 0x5a, sizeof(pkg));
	f = cfb_build(st, 2, &lay, &len);
	must_refuse(f, len, NULL, "encrypted OOXML package");
	g_free(f);
}
END_TEST

START_TEST(xls_biff5_and_missing_workbook)
{
	struct wbook	 wb;
	struct cstream	 st;
	struct clayout	 lay;
	unsigned char	*s, *f;
	size_t		 len;

	wb_init(&wb);
	wb.bof_version = 0x0500;
	wb_sheet(&wb, "S", 0);
	f = xls_file(&wb, NULL, &len);
	must_refuse(f, len, NULL, "BIFF5/Excel 95 not read");
	g_free(f);
	wb.bof_version = 0x0600;
	s = wb_stream(&wb, &st.len);
	st.data = s;
	st.name = "Book";
	f = cfb_build(&st, 1, &lay, &len);
	must_refuse(f, len, NULL, "BIFF5/Excel 95 not read");
	g_free(f);
	st.name = "WordDocument";
	f = cfb_build(&st, 1, &lay, &len);
	must_refuse(f, len, NULL, "no Workbook stream");
	g_free(f);
	g_free(s);
	wb_free(&wb);
}
END_TEST

START_TEST(xls_not_ole2)
{
	static const unsigned char zip[] = "PK\3\4\24\0\0\0\0\0";
	unsigned char	 half[300];

	memcpy(half, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	memset(half + 8, 0, sizeof(half) - 8);
	must_refuse(zip, sizeof(zip) - 1, NULL, "not an OLE2 compound file");
	must_refuse(zip, 0, NULL, "not an OLE2 compound file");
	must_refuse(half, sizeof(half), NULL, "not an OLE2 compound file");
}
END_TEST

/*
 * Compound files broken on purpose: each case is a patch to a good file
 * of 2000 rows (Workbook in regular sectors) and the words the reason
 * must hold.
 */
enum breakage {
	FAT_CYCLE_IN_STREAM, FAT_SELF_LOOP_IN_DIRECTORY, SECTOR_OUT_OF_RANGE,
	FAT_POINTS_OUT_OF_RANGE, FILE_CUT_SHORT, CHAIN_ENDS_EARLY,
	STREAM_SIZE_OVER_FILE, DIRECTORY_CYCLE_SELF, DIRECTORY_CYCLE_LEFT,
	DIRECTORY_CHILD_OUT_OF_RANGE, FAT_SECTOR_OUT_OF_RANGE,
	BAD_SECTOR_SHIFT, BREAKAGE_COUNT
};

static const char *const breakage_why[] = {
	"FAT cycle", "FAT cycle", "sector out of range",
	"sector out of range", "truncated", "truncated", "truncated",
	"directory cycle", "directory cycle", "directory entry out of range",
	"FAT sector out of range", "header is malformed",
};

static size_t
break_file(unsigned char *f, size_t len, const struct clayout *l,
    enum breakage b)
{
	uint32_t s0 = l->start[0];

	switch (b) {
	case FAT_CYCLE_IN_STREAM:
		le32_at(f + FATSLOT(s0 + 3), s0 + 1);
		break;
	case FAT_SELF_LOOP_IN_DIRECTORY:
		le32_at(f + FATSLOT(l->dir), l->dir);
		break;
	case SECTOR_OUT_OF_RANGE:
		le32_at(f + DIRENT(l, 1) + 116, 0x00abcdef);
		break;
	case FAT_POINTS_OUT_OF_RANGE:
		le32_at(f + FATSLOT(s0 + 2), 0x7ffffff0);
		break;
	case FILE_CUT_SHORT:
		return (len - 3 * 512 - 100);
	case CHAIN_ENDS_EARLY:
		le32_at(f + FATSLOT(s0 + 4), 0xfffffffe);
		break;
	case STREAM_SIZE_OVER_FILE:
		le32_at(f + DIRENT(l, 1) + 120, 0x7fffffff);
		break;
	case DIRECTORY_CYCLE_SELF:
		le32_at(f + DIRENT(l, 1) + 72, 1);
		break;
	case DIRECTORY_CYCLE_LEFT:
		le32_at(f + DIRENT(l, 1) + 68, 1);
		break;
	case DIRECTORY_CHILD_OUT_OF_RANGE:
		le32_at(f + DIRENT(l, 0) + 76, 4000);
		break;
	case FAT_SECTOR_OUT_OF_RANGE:
		le32_at(f + 0x4c, 0x00ffff00);
		break;
	case BAD_SECTOR_SHIFT:
		f[0x1e] = 30;
		break;
	case BREAKAGE_COUNT:
		break;
	}
	return (len);
}

START_TEST(xls_broken_compound_file_refused)
{
	struct clayout	 lay;
	size_t		 len;
	unsigned char	*f = big_book(2000, &lay, &len);

	ck_assert_uint_gt(lay.nsect[0], 8);
	len = break_file(f, len, &lay, (enum breakage)_i);
	must_refuse(f, len, NULL, breakage_why[_i]);
	g_free(f);
}
END_TEST

/* A mini stream chain that loops, and a mini sector past its stream. */
START_TEST(xls_broken_mini_stream_refused)
{
	struct clayout	 lay;
	size_t		 len, mf;
	unsigned char	*f = big_book(40, &lay, &len);

	ck_assert_uint_eq(lay.nsect[0], 0);
	mf = SECT(lay.dir + 1);		/* the mini FAT follows the one
					 * directory sector */
	le32_at(f + mf + 4 * (_i == 0 ? 3 : 2), _i == 0 ? 1 : 5000);
	must_refuse(f, len, NULL, _i == 0 ? "FAT cycle" : "out of range");
	g_free(f);
}
END_TEST

/* Random damage to a good file: any answer but a crash or a hang. A
 * damaged row number can ask for a grid of max_cells, so keep that small
 * for the sanitizer's sake. */
START_TEST(xls_random_damage_never_hangs)
{
	struct parse_limits lim = { .max_cells = 1 << 16 };
	struct clayout	 lay;
	size_t		 len, n = _i == 0 ? 30 : 2000;
	unsigned char	*good = big_book(n, &lay, &len), *f;
	GRand		*r = g_rand_new_with_seed(1234 + (guint32)_i);

	for (int k = 0; k < 1500; k++) {
		struct docbody	*body = NULL;
		const char	*why;
		size_t		 flen = len;

		f = g_memdup2(good, len);
		for (int j = g_rand_int_range(r, 1, 12); j > 0; j--) {
			size_t at = (size_t)g_rand_int_range(r, 0, (gint32)len);

			if (g_rand_boolean(r) && at < 512)
				at = 0x2c + at % 80;
			f[at] = (unsigned char)g_rand_int(r);
		}
		if (g_rand_int_range(r, 0, 10) == 0)
			flen = (size_t)g_rand_int_range(r, 0, (gint32)len);
		if (xls_read(f, flen, &lim, &body, &why) == 0)
			docbody_free(body);
		else
			ck_assert_ptr_nonnull(why);
		g_free(f);
	}
	g_rand_free(r);
	g_free(good);
}
END_TEST

/* ---- limits ------------------------------------------------------------ */

/* rows 2, 3, 4 against max_rows 3: below, at, above. */
START_TEST(xls_row_limit)
{
	struct parse_limits lim = { .max_rows = 3 };
	struct clayout	 lay;
	size_t		 len;
	unsigned char	*f = big_book(2 + (size_t)_i, &lay, &len);

	if (_i < 2)
		docbody_free(must_read(f, len, &lim));
	else
		must_refuse(f, len, &lim, "max_rows");
	g_free(f);
}
END_TEST

START_TEST(xls_cell_length_limit)
{
	struct parse_limits lim = { .max_cell_len = 10 };
	struct wbook	 wb;
	unsigned char	*f;
	size_t		 len;
	char		 s[16];

	memset(s, 'a', sizeof(s));
	s[9 + _i] = '\0';
	wb_init(&wb);
	wb_sheet(&wb, "S", 0);
	wb_labelsst(&wb, 0, 0, 0, s);
	f = xls_file(&wb, NULL, &len);
	if (_i < 2)
		docbody_free(must_read(f, len, &lim));
	else
		must_refuse(f, len, &lim, "max_cell_len");
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* Two sheets of 4 and 3 + _i cells: 7, 8, 9 cells against 8. Cells
 * that hold a value count, not the area they span: one far cell in each
 * sheet (B1000 and IV2) is two cells. */
START_TEST(xls_cell_count_limit)
{
	struct parse_limits lim = { .max_cells = 8 };
	struct wbook	 wb;
	unsigned char	*f;
	size_t		 len;

	wb_init(&wb);
	wb_sheet(&wb, "A", 0);
	wb_sheet(&wb, "B", 0);
	for (uint16_t c = 0; c < 3; c++)
		wb_number(&wb, 0, 0, c, XF_GENERAL, 1);
	wb_number(&wb, 0, 999, 1, XF_GENERAL, 1);
	for (uint16_t c = 0; c < 2 + _i; c++)
		wb_number(&wb, 1, 0, c, XF_GENERAL, 2);
	wb_number(&wb, 1, 1, 255, XF_GENERAL, 2);
	f = xls_file(&wb, NULL, &len);
	if (_i < 2)
		docbody_free(must_read(f, len, &lim));
	else
		must_refuse(f, len, &lim, "max_cells");
	g_free(f);
	wb_free(&wb);
}
END_TEST


/* BIFF8 has 256 columns (A to IV): a cell in IV is read, one past it is
 * refused, as is one at column 65535, which once made a 65,536-column
 * sheet (issue 11.2); so is a MULRK that runs past IV. */
START_TEST(xls_column_past_256_refused)
{
	static const uint16_t cols[] = { 255, 256, 65535, 0 };
	struct wbook	 wb;
	unsigned char	*f;
	size_t		 len;
	struct docbody	*b;

	wb_init(&wb);
	wb_sheet(&wb, "DS", 0);
	wb_labelsst(&wb, 0, 0, 0, "TT");
	if (_i < 3)
		wb_labelsst(&wb, 0, 60, cols[_i], "x");
	else {
		GByteArray *d = buf();

		put16(d, 60);
		put16(d, 254);
		for (int i = 0; i < 3; i++) {
			put16(d, XF_GENERAL);
			put32(d, (uint32_t)(i << 2) | 0x02);
		}
		put16(d, 256);
		wb_raw(&wb, 0, R_MULRK, d);
	}
	f = xls_file(&wb, NULL, &len);
	if (_i == 0) {
		b = must_read(f, len, NULL);
		ck_assert_uint_eq(b->blocks[0].grid->ncols, 256);
		ck_assert_uint_eq(b->blocks[0].grid->ncells, 2);
		ck_assert_str_eq(cell_text(b->blocks[0].grid, 60, 255), "x");
		docbody_free(b);
	} else
		must_refuse(f, len, NULL, "past BIFF8's 256 columns");
	g_free(f);
	wb_free(&wb);
}
END_TEST

START_TEST(xls_shared_string_index_out_of_range)
{
	struct wbook	 wb;
	unsigned char	*f;
	size_t		 len;
	GByteArray	*d;

	wb_init(&wb);
	wb_sheet(&wb, "S", 0);
	wb_labelsst(&wb, 0, 0, 0, "one");
	d = cellhead(&wb, 0, 1, 0, XF_GENERAL);
	put32(d, 1);
	wb_raw(&wb, 0, R_LABELSST, d);
	f = xls_file(&wb, NULL, &len);
	must_refuse(f, len, NULL, "shared string");
	g_free(f);
	wb_free(&wb);
}
END_TEST

/* ---- FreeXL as a witness ----------------------------------------------- */

/* FreeXL 1.0.6's API, looked up at run time so the unit build needs no
 * more than the Makefile's packages. */
struct fxl_value {
	unsigned char	type;
	union {
		int		 i;
		double		 d;
		const char	*t;
	} v;
};

struct fxl {
	void	*so;
	int	(*open)(const char *, const void **);
	int	(*close)(const void *);
	int	(*select)(const void *, unsigned short);
	int	(*dims)(const void *, unsigned int *, unsigned short *);
	int	(*cell)(const void *, unsigned int, unsigned short,
		    struct fxl_value *);
	int	(*info)(const void *, unsigned short, unsigned int *);
};

static bool
fxl_load(struct fxl *x)
{
	memset(x, 0, sizeof(*x));
	if ((x->so = dlopen("libfreexl.so.1", RTLD_NOW)) == NULL)
		return (false);
	*(void **)&x->open = dlsym(x->so, "freexl_open");
	*(void **)&x->close = dlsym(x->so, "freexl_close");
	*(void **)&x->select = dlsym(x->so, "freexl_select_active_worksheet");
	*(void **)&x->dims = dlsym(x->so, "freexl_worksheet_dimensions");
	*(void **)&x->cell = dlsym(x->so, "freexl_get_cell_value");
	*(void **)&x->info = dlsym(x->so, "freexl_get_info");
	return (x->open && x->close && x->select && x->dims && x->cell &&
	    x->info);
}

START_TEST(xls_freexl_witness_agrees)
{
	struct fxl	 x;
	struct wbook	 wb;
	struct docbody	*body;
	unsigned char	*f;
	size_t		 len, checked = 0;
	const void	*h = NULL;
	char		*path = NULL;
	int		 fd;
	unsigned	 nsheets;

	/* make deps installs libfreexl1: a missing witness is a failure,
	 * not a test that quietly passes. */
	ck_assert_msg(fxl_load(&x), "libfreexl.so.1 (package libfreexl1) "
	    "is needed as the independent witness");
	wb_init(&wb);
	wb_sheet(&wb, "C\xc3\xb4ng v\xc4\x83n", 0);
	wb_sheet(&wb, "Danh s\xc3\xa1" "ch", 0);
	wb_labelsst(&wb, 0, 0, 0, "C\xe1\xbb\x98NG H\xc3\x92" "A X\xc3\x83 "
	    "H\xe1\xbb\x98I");
	wb_number(&wb, 0, 1, 0, XF_DATE, 45658);
	wb_labelsst(&wb, 1, 0, 0, "S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i");
	wb_labelsst(&wb, 1, 0, 1, "ICCID");
	for (uint32_t r = 1; r < 60; r++) {
		wb_number(&wb, 1, r, 0, XF_GENERAL, 982345000.0 + r);
		wb_number(&wb, 1, r, 1, XF_GENERAL,
		    8984040000000000000.0 + r * 1e6);
		wb_rk(&wb, 1, r, 2, ((362345000U + r) << 2) | 2);
		wb_labelsst(&wb, 1, r, 3, "Nguy\xe1\xbb\x85n V\xc4\x83n A");
	}
	f = xls_file(&wb, NULL, &len);
	body = must_read(f, len, NULL);
	fd = g_file_open_tmp(NULL, &path, NULL);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, f, len), (ssize_t)len);
	close(fd);
	ck_assert_int_eq(x.open(path, &h), 0);
	ck_assert_int_eq(x.info(h, 32010 /* FREEXL_BIFF_SHEET_COUNT */,
	    &nsheets), 0);
	ck_assert_uint_eq(nsheets, body->nblocks);
	for (unsigned s = 0; s < nsheets; s++) {
		const struct grid	*g = body->blocks[s].grid;
		unsigned int		 rows;
		unsigned short		 cols;

		ck_assert_int_eq(x.select(h, (unsigned short)s), 0);
		ck_assert_int_eq(x.dims(h, &rows, &cols), 0);
		ck_assert_uint_eq(rows, g->nrows);
		for (unsigned r = 0; r < rows; r++)
			for (unsigned short c = 0; c < cols; c++) {
				struct fxl_value	 v;
				const char		*t = cell_text(g, r, c);

				ck_assert_int_eq(x.cell(h, r, c, &v), 0);
				switch (v.type) {
				case 101:	/* NULL */
					ck_assert_ptr_null(t);
					break;
				case 102:	/* INT */
					ck_assert_double_eq(
					    g_ascii_strtod(t, NULL), v.v.i);
					break;
				case 103:	/* DOUBLE */
					ck_assert_double_eq(
					    g_ascii_strtod(t, NULL), v.v.d);
					break;
				default:	/* text, date */
					ck_assert_str_eq(t, v.v.t);
					break;
				}
				checked++;
			}
	}
	ck_assert_uint_ge(checked, 4 * 60);
	x.close(h);
	unlink(path);
	g_free(path);
	dlclose(x.so);
	docbody_free(body);
	g_free(f);
	wb_free(&wb);
}
END_TEST

Suite *
xls_suite(void)
{
	Suite	*s = suite_create("xls");
	TCase	*tc = tcase_create("values");
	TCase	*bad = tcase_create("refusals");
	TCase	*lim = tcase_create("limits");
	TCase	*dmg = tcase_create("damage");

	tcase_add_test(tc, xls_strings_ascii_and_vietnamese_utf16);
	tcase_add_loop_test(tc, xls_sst_continue_split_flips_encoding, 0, 6);
	tcase_add_test(tc, xls_cp1258_label_with_codepage);
	tcase_add_test(tc, xls_legacy_cell_fonts_converted);
	tcase_add_test(tc, xls_numbers_phone_and_iccid);
	tcase_add_loop_test(tc, xls_date_cell_iso, 0, G_N_ELEMENTS(dates));
	tcase_add_test(tc, xls_sheets_in_order_list_on_second_merged_title);
	tcase_add_test(tc, xls_bool_error_and_formula_results);
	tcase_add_loop_test(tc, xls_mini_and_regular_streams, 0, 2);
	tcase_add_test(tc, xls_freexl_witness_agrees);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(bad, xls_filepass_is_encrypted, 0,
	    G_N_ELEMENTS(filepass));
	tcase_add_test(bad, xls_encrypted_ooxml_package);
	tcase_add_test(bad, xls_biff5_and_missing_workbook);
	tcase_add_test(bad, xls_not_ole2);
	tcase_add_loop_test(bad, xls_broken_compound_file_refused, 0,
	    BREAKAGE_COUNT);
	tcase_add_loop_test(bad, xls_broken_mini_stream_refused, 0, 2);
	tcase_add_test(bad, xls_shared_string_index_out_of_range);
	tcase_set_timeout(bad, 60);
	suite_add_tcase(s, bad);
	/* 1500 damaged books take about 8 s, sanitizers included; a hang
	 * is caught by the timeout, never by a clock in the test. */
	tcase_add_loop_test(dmg, xls_random_damage_never_hangs, 0, 2);
	tcase_set_timeout(dmg, 120);
	suite_add_tcase(s, dmg);
	tcase_add_loop_test(lim, xls_row_limit, 0, 3);
	tcase_add_loop_test(lim, xls_cell_length_limit, 0, 3);
	tcase_add_loop_test(lim, xls_cell_count_limit, 0, 3);
	tcase_add_loop_test(lim, xls_column_past_256_refused, 0, 4);
	suite_add_tcase(s, lim);
	return (s);
}
