/* form-sim.c: the SIM PKI activation list of Phụ lục 3, however a unit
 * typed it in Word or Excel. It must never turn a list without its title
 * or its ICCID column (a contact list) into a request.
 *
 * A body is read in three steps. The header row is the first row, in the
 * first 64 rows of any table, whose labels name a phone or ICCID column
 * and at least one more of phone, ICCID, name, position; a label row
 * whose cells continue in the next row (merged cells, sub-labels) is read
 * with it when that names more columns. The title and the letterhead are
 * looked for in the lines before that row. Data rows follow the header
 * (after an optional "(1) (2) (3)" row) until a note or signature row.
 * A row's normal forms (phone, iccid) are set only when valid; the raw
 * text always is.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"
#include "parsers/position.h"
#include "parsers/vn-iccid.h"
#include "parsers/vn-phone.h"

enum sim_col {
	COL_TT,
	COL_PHONE,
	COL_ICCID,
	COL_NAME,
	COL_POSITION,
	COL__COUNT
};

/* Rows of a table searched for the header: a list's header sits near the
 * top, under at most a letterhead and a title. */
#define SIM_HEADER_ROWS		64

/* Words in a header label; a longer cell is a note, not a label. */
#define SIM_LABEL_WORDS		12

/* Largest TT taken as the row's index. */
#define SIM_MAX_TT		999999

struct sim_scan {
	const struct grid	*grid;		/* NULL: no header found */
	size_t			 block, hrow, hrows;
	long			 col[COL__COUNT];	/* -1: absent */
	long			 title_line;	/* -1: no title */
	char			*title;
};

static int	 sim_score(const struct docbody *,
		    const struct form_lines *);
static void	 sim_read(const struct docbody *,
		    const struct form_lines *, struct form *);
static void	 sim_scan(const struct docbody *, const struct form_lines *,
		    struct sim_scan *);
static int	 label_role(const char *);
static size_t	 digit_count(const char *);
static bool	 row_is_data(const struct grid *, size_t);
static int	 classify(const struct grid *, size_t, size_t, long *);
static bool	 header_ok(const long *);
static bool	 find_header(const struct grid *, size_t *, size_t *, long *);
static bool	 is_title(const char *);
static void	 find_title(const struct form_lines *, size_t,
		    struct sim_scan *);
static const char *cell_text(const struct grid *, size_t, long);
static bool	 cell_numeric(const struct grid *, size_t, long);
static bool	 is_colnum_row(const struct grid *, size_t);
static bool	 is_note_row(const struct grid *, size_t);
static int	 tt_value(const char *);
static const char *contract_carrier(enum vn_carrier);
static void	 read_rows(const struct sim_scan *, struct form *);
static void	 check_row(struct form_row *, const struct grid *, size_t,
		    const struct sim_scan *);

const struct form_recogniser form_sim = {
	.name = "sim_activation",
	.score = sim_score,
	.read = sim_read,
};

static const char *const col_labels[COL__COUNT] = {
	[COL_TT] = "TT",
	[COL_PHONE] = "Số điện thoại",
	[COL_ICCID] = "Số ICCID",
	[COL_NAME] = "Họ và tên",
	[COL_POSITION] = "Chức vụ",
};

/* The column a header label names, or -1. ICCID and name go first:
 * "Họ và tên (chủ thuê bao)" is a name though it says "thuê bao". */
static int
label_role(const char *text)
{
	char	*k = text_key(text);
	int	 role = -1;
	size_t	 words = 1;

	for (const char *p = k; *p != '\0'; p++)
		words += *p == ' ';
	if (*k == '\0' || words > SIM_LABEL_WORDS)
		goto out;
	if (text_key_has(k, "iccid") || text_key_has(k, "seri") ||
	    text_key_has(k, "serial"))
		role = COL_ICCID;
	else if (text_key_has(k, "ho va ten") || text_key_has(k, "ho ten") ||
	    text_key_has(k, "ten nguoi dung") || form_key_starts(k, "ten"))
		role = COL_NAME;
	else if (text_key_has(k, "chuc vu") || text_key_has(k, "chuc danh"))
		role = COL_POSITION;
	else if (text_key_has(k, "dien thoai") || text_key_has(k, "sdt") ||
	    text_key_has(k, "so dt") || form_key_starts(k, "dt") ||
	    text_key_has(k, "thue bao") || text_key_has(k, "di dong"))
		role = COL_PHONE;
	else if (strcmp(k, "tt") == 0 || strcmp(k, "stt") == 0 ||
	    strcmp(k, "t t") == 0 ||
	    strcmp(k, "so tt") == 0 || strcmp(k, "so thu tu") == 0 ||
	    strcmp(k, "thu tu") == 0)
		role = COL_TT;
out:
	g_free(k);
	return (role);
}

static size_t
digit_count(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += *s >= '0' && *s <= '9';
	return (n);
}

/* A row holding a phone-sized or longer number is data, not labels. */
static bool
row_is_data(const struct grid *g, size_t r)
{
	for (size_t c = 0; c < g->ncols; c++)
		if (digit_count(grid_at(g, r, c)->text) >= 7)
			return (true);
	return (false);
}

/* Roles of rows [r, r + n) read together, per column; their count. */
static int
classify(const struct grid *g, size_t r, size_t n, long *col)
{
	int	count = 0;

	for (int i = 0; i < COL__COUNT; i++)
		col[i] = -1;
	for (size_t c = 0; c < g->ncols; c++) {
		GString	*s = g_string_new(NULL);
		int	 role = -1;

		/* A sub-label under a group label ("Thông tin thuê bao SIM"
		 * over "Số điện thoại") says more than the group: the lowest
		 * cell with a role wins, the cells read together come last. */
		for (size_t i = n; i-- > 0 && role < 0;)
			role = label_role(grid_at(g, r + i, c)->text ?
			    grid_at(g, r + i, c)->text : "");
		for (size_t i = 0; i < n; i++) {
			const char *t = grid_at(g, r + i, c)->text;

			if (t != NULL)
				g_string_append_printf(s, "%s ", t);
		}
		if (role < 0)
			role = label_role(s->str);
		g_string_free(s, TRUE);
		if (role >= 0 && col[role] < 0) {
			col[role] = c;
			count++;
		}
	}
	return (count);
}

static bool
header_ok(const long *col)
{
	int n = (col[COL_PHONE] >= 0) + (col[COL_ICCID] >= 0) +
	    (col[COL_NAME] >= 0) + (col[COL_POSITION] >= 0);

	return ((col[COL_PHONE] >= 0 || col[COL_ICCID] >= 0) && n >= 2);
}

static bool
find_header(const struct grid *g, size_t *row_r, size_t *rows_r, long *col)
{
	long	one[COL__COUNT], two[COL__COUNT];

	for (size_t r = 0; r < g->nrows && r < SIM_HEADER_ROWS; r++) {
		int	n1, n2 = -1;

		if (row_is_data(g, r))
			continue;
		n1 = classify(g, r, 1, one);
		if (r + 1 < g->nrows && !row_is_data(g, r + 1))
			n2 = classify(g, r, 2, two);
		/* The label row must name something itself. */
		if (n1 > 0 && n2 > n1 && header_ok(two)) {
			memcpy(col, two, sizeof(two));
			*row_r = r;
			*rows_r = 2;
			return (true);
		}
		if (header_ok(one)) {
			memcpy(col, one, sizeof(one));
			*row_r = r;
			*rows_r = 1;
			return (true);
		}
	}
	return (false);
}

/* "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" and the ways units word it; not
 * a cover letter's "V/v …" nor the Phụ lục's "Mẫu …" caption. */
static bool
is_title(const char *key)
{
	size_t		 words = 1;
	const char	*kh;

	for (const char *p = key; *p != '\0'; p++)
		words += *p == ' ';
	/* A title asks for activation: "danh sách (đề nghị) kích hoạt SIM
	 * …", not a report's "SIM PKI đã kích hoạt" count. */
	if (words > 16 || (kh = strstr(key, "kich hoat")) == NULL ||
	    !text_key_has(kh, "sim"))
		return (false);
	return (form_key_starts(key, "danh sach") ||
	    form_key_starts(key, "ds") || form_key_starts(key, "de nghi") ||
	    form_key_starts(key, "kich hoat"));
}

/* The title in lines [0, end), alone or broken over two lines. */
static void
find_title(const struct form_lines *ls, size_t end, struct sim_scan *sc)
{
	for (size_t i = 0; i < end && i < ls->n; i++) {
		const struct form_line	*l = &ls->v[i];
		char			*both = NULL, *bkey = NULL;

		if (is_title(l->key)) {
			if (i > 0 && strcmp(ls->v[i - 1].key, "danh sach") == 0)
				sc->title = g_strconcat(ls->v[i - 1].text, " ",
				    l->text, NULL);
			else
				sc->title = g_strdup(l->text);
			sc->title_line = i;
			return;
		}
		if (i + 1 >= end || i + 1 >= ls->n)
			continue;
		both = g_strconcat(l->text, " ", ls->v[i + 1].text, NULL);
		bkey = text_key(both);
		if (is_title(bkey) && !is_title(ls->v[i + 1].key)) {
			sc->title = both;
			sc->title_line = i;
			g_free(bkey);
			return;
		}
		g_free(both);
		g_free(bkey);
	}
}

static void
sim_scan(const struct docbody *body, const struct form_lines *ls,
    struct sim_scan *sc)
{
	size_t end = ls->n;

	memset(sc, 0, sizeof(*sc));
	sc->title_line = -1;
	for (int i = 0; i < COL__COUNT; i++)
		sc->col[i] = -1;
	for (size_t b = 0; b < body->nblocks; b++) {
		const struct block *bl = &body->blocks[b];

		if (bl->type != BLOCK_TABLE)
			continue;
		if (find_header(bl->grid, &sc->hrow, &sc->hrows, sc->col)) {
			sc->grid = bl->grid;
			sc->block = b;
			end = form_lines_find(ls, b, sc->hrow);
			break;
		}
	}
	find_title(ls, end, sc);
}

static int
sim_score(const struct docbody *body, const struct form_lines *lines)
{
	struct form_lines	ls;
	struct sim_scan		sc;
	int			score = 0;

	ls = *lines;	/* a read-only view, freed by form_read */
	sim_scan(body, &ls, &sc);
	if (sc.title != NULL)
		score = 100;
	else if (sc.grid != NULL && sc.col[COL_PHONE] >= 0 &&
	    sc.col[COL_ICCID] >= 0)
		score = 80;
	g_free(sc.title);
	return (score);
}

static const char *
cell_text(const struct grid *g, size_t r, long c)
{
	const struct cell *cl;

	if (c < 0 || (cl = grid_at(g, r, c)) == NULL)
		return (NULL);
	return (cl->text);
}

static bool
cell_numeric(const struct grid *g, size_t r, long c)
{
	const struct cell *cl;

	return (c >= 0 && (cl = grid_at(g, r, c)) != NULL &&
	    cl->type == CELL_NUMBER);
}

/* "(1) (2) (3) (4) (5)" or "1 2 3 4 5" under the labels. */
static bool
is_colnum_row(const struct grid *g, size_t r)
{
	long	last = 0;
	int	n = 0;

	for (size_t c = 0; c < g->ncols; c++) {
		const char	*t = grid_at(g, r, c)->text;
		char		*k, *end;
		long		 v;

		if (text_blank(t))
			continue;
		k = text_key(t);
		v = strtol(k, &end, 10);
		if (*k == '\0' || *end != '\0' || v <= last || v > 100) {
			g_free(k);
			return (false);
		}
		g_free(k);
		last = v;
		n++;
	}
	return (n >= 2);
}

/* Notes and the signature block that end a list. */
static bool
is_note_row(const struct grid *g, size_t r)
{
	static const char *const marks[] = { "ghi chu", "luu y", "chu y",
	    "nguoi lap", "nguoi lap bieu", "tm", "t m", "kt", "k t",
	    "ky ghi ro", "ky ten", "ky va ghi ro", "ky dong dau",
	    "xac nhan", "thu truong", "noi nhan", "tong cong", "tong so",
	    "dai dien", NULL };
	const char	*t = NULL;
	char		*k;
	bool		 hit = false;

	for (size_t c = 0; c < g->ncols && t == NULL; c++)
		if (!text_blank(grid_at(g, r, c)->text))
			t = grid_at(g, r, c)->text;
	if (t == NULL)
		return (false);
	k = text_key(t);
	for (size_t i = 0; marks[i] != NULL && !hit; i++)
		hit = form_key_starts(k, marks[i]);
	hit = hit || form_key_is_date(k);
	g_free(k);
	return (hit);
}

static int
tt_value(const char *t)
{
	char	*k, *end;
	long	 v;

	if (text_blank(t))
		return (-1);
	k = text_key(t);
	v = strtol(k, &end, 10);
	if (*k == '\0' || *end != '\0' || v < 1 || v > SIM_MAX_TT)
		v = -1;
	g_free(k);
	return ((int)v);
}

/* Only the carriers form.h names; MVNOs read as unknown. */
static const char *
contract_carrier(enum vn_carrier c)
{
	switch (c) {
	case VN_CARRIER_VIETTEL:
	case VN_CARRIER_VINAPHONE:
	case VN_CARRIER_MOBIFONE:
	case VN_CARRIER_VIETNAMOBILE:
	case VN_CARRIER_GMOBILE:
		return (vn_carrier_name(c));
	default:
		return (NULL);
	}
}

/* The digits of s when s holds only digits and the separators people
 * type between groups; else NULL. g_free. */
static char *
digits_only(const char *s)
{
	GString		*d = g_string_new(NULL);
	const char	*p;

	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c >= '0' && c <= '9')
			g_string_append_c(d, (char)c);
		else if (!(c == ' ' || c == '-' || c == '.' || c == 0xa0 ||
		    c == '\'') || d->len > 24) {
			g_string_free(d, TRUE);
			return (NULL);
		}
	}
	if (d->len == 0) {
		g_string_free(d, TRUE);
		return (NULL);
	}
	return (g_string_free(d, FALSE));
}

/* Reads one data row's cells and judges what the row alone shows. */
static void
check_row(struct form_row *row, const struct grid *g, size_t r,
    const struct sim_scan *sc)
{
	struct vn_phone	 ph;
	struct vn_iccid	 ic;
	enum vn_carrier	 pc = VN_CARRIER_UNKNOWN, ic_c = VN_CARRIER_UNKNOWN;
	enum code	 code;
	const char	*why;
	int		 ix = row->index;

	if (sc->col[COL_PHONE] >= 0) {
		const char *t = cell_text(g, r, sc->col[COL_PHONE]);

		row->phone_raw = text_blank(t) ? NULL : text_clean(t);
		if (row->phone_raw == NULL)
			findings_add(&row->errors, CODE_PHONE_INVALID,
			    "row %d: no phone number", ix);
		else if (vn_phone_parse(row->phone_raw,
		    cell_numeric(g, r, sc->col[COL_PHONE]), &ph, &why) == -1)
			findings_add(&row->errors, CODE_PHONE_INVALID,
			    "row %d: %s %s", ix, row->phone_raw, why);
		else {
			row->phone = g_strdup(ph.e164);
			pc = ph.carrier;
			if (ph.old_format)
				findings_add(&row->warnings,
				    CODE_PHONE_OLD_FORMAT, "row %d: %s is a "
				    "pre-2018 number, now %s", ix,
				    row->phone_raw, ph.national);
		}
	}
	if (sc->col[COL_ICCID] >= 0) {
		const char *t = cell_text(g, r, sc->col[COL_ICCID]);

		row->iccid_raw = text_blank(t) ? NULL : text_clean(t);
		if (row->iccid_raw == NULL)
			findings_add(&row->errors, CODE_ICCID_INVALID,
			    "row %d: no ICCID", ix);
		else if (vn_iccid_parse(row->iccid_raw,
		    cell_numeric(g, r, sc->col[COL_ICCID]), &ic, &code,
		    &why) == -1)
			findings_add(&row->errors, code, "row %d: ICCID %s %s",
			    ix, row->iccid_raw, why);
		else {
			row->iccid = g_strdup(ic.digits);
			ic_c = ic.carrier;
		}
		/* A wrong ICCID is still shown in its normal form, so the
		 * reply quotes what the unit typed; digits lost to a
		 * spreadsheet are not real and are not shown. */
		if (row->iccid == NULL && row->iccid_raw != NULL &&
		    !findings_has(&row->errors, CODE_ICCID_PRECISION_LOST))
			row->iccid = digits_only(row->iccid_raw);
	}
	if (contract_carrier(pc) != NULL && contract_carrier(ic_c) != NULL &&
	    pc != ic_c)
		findings_add(&row->warnings, CODE_PHONE_CARRIER_MISMATCH,
		    "row %d: phone %s is %s but the ICCID is %s's", ix,
		    row->phone_raw, vn_carrier_label(pc),
		    vn_carrier_label(ic_c));
	if (contract_carrier(pc) != NULL)
		row->carrier = g_strdup(contract_carrier(pc));
	else if (contract_carrier(ic_c) != NULL)
		row->carrier = g_strdup(contract_carrier(ic_c));
	if (sc->col[COL_NAME] >= 0) {
		const char *t = cell_text(g, r, sc->col[COL_NAME]);

		if (text_blank(t))
			findings_add(&row->errors, CODE_NAME_MISSING,
			    "row %d: no name", ix);
		else
			row->name = text_clean(t);
	}
	if (sc->col[COL_POSITION] >= 0) {
		const char *t = cell_text(g, r, sc->col[COL_POSITION]);

		if (text_blank(t))
			findings_add(&row->errors, CODE_POSITION_MISSING,
			    "row %d: no position", ix);
		else {
			row->position = text_clean(t);
			if (!position_eligible(row->position))
				findings_add(&row->warnings,
				    CODE_POSITION_NOT_ELIGIBLE, "row %d: "
				    "\"%s\" is not a leadership post eligible "
				    "for a SIM PKI", ix, row->position);
		}
	}
}

static void
read_rows(const struct sim_scan *sc, struct form *f)
{
	const struct grid	*g = sc->grid;
	GHashTable		*phones, *iccids;
	size_t			 r = sc->hrow + sc->hrows, cap = 0;
	int			 count = 0;

	phones = g_hash_table_new(g_str_hash, g_str_equal);
	iccids = g_hash_table_new(g_str_hash, g_str_equal);
	if (r < g->nrows && is_colnum_row(g, r))
		r++;
	for (; r < g->nrows; r++) {
		struct form_row	*row;
		bool		 data = false;
		int		 dup_phone, dup_iccid;
		int		 tt;

		if (is_note_row(g, r))
			break;
		for (int c = COL_PHONE; c < COL__COUNT; c++)
			data = data || !text_blank(cell_text(g, r, sc->col[c]));
		if (!data)
			continue;
		if (f->nrows == cap) {
			cap = cap ? cap * 2 : 16;
			f->rows = g_renew(struct form_row, f->rows, cap);
		}
		row = &f->rows[f->nrows++];
		memset(row, 0, sizeof(*row));
		count++;
		tt = tt_value(cell_text(g, r, sc->col[COL_TT]));
		row->index = tt > 0 ? tt : count;
		row->source_row = r + 1;
		check_row(row, g, r, sc);
		dup_phone = row->phone != NULL ?
		    GPOINTER_TO_INT(g_hash_table_lookup(phones, row->phone)) : 0;
		dup_iccid = row->iccid != NULL ?
		    GPOINTER_TO_INT(g_hash_table_lookup(iccids, row->iccid)) : 0;
		/* One finding a row, naming what repeats. */
		if (dup_phone != 0 && dup_iccid != 0)
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: phone %s repeats row %d and ICCID %s "
			    "repeats row %d", row->index, row->phone_raw,
			    dup_phone, row->iccid, dup_iccid);
		else if (dup_phone != 0)
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: phone %s repeats row %d", row->index,
			    row->phone_raw, dup_phone);
		else if (dup_iccid != 0)
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: ICCID %s repeats row %d", row->index,
			    row->iccid, dup_iccid);
		if (row->phone != NULL && dup_phone == 0)
			g_hash_table_insert(phones, row->phone,
			    GINT_TO_POINTER(row->index));
		if (row->iccid != NULL && dup_iccid == 0)
			g_hash_table_insert(iccids, row->iccid,
			    GINT_TO_POINTER(row->index));
	}
	g_hash_table_destroy(phones);
	g_hash_table_destroy(iccids);
}

static void
sim_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	struct form_lines	 ls;
	struct sim_scan		 sc;
	size_t			 end;
	GString			*missing;

	ls = *lines;	/* a read-only view, freed by form_read */
	sim_scan(body, &ls, &sc);
	if (sc.title == NULL && (sc.grid == NULL || sc.col[COL_PHONE] < 0 ||
	    sc.col[COL_ICCID] < 0))
		goto out;
	f->kind = KIND_SIM_ACTIVATION;
	f->title = sc.title;
	sc.title = NULL;
	end = sc.grid != NULL ? form_lines_find(&ls, sc.block, sc.hrow) :
	    ls.n;
	f->organization = form_organization_from(&ls, sc.grid != NULL &&
	    sc.grid->name != NULL ? form_lines_find(&ls, sc.block, 0) : 0,
	    sc.title_line >= 0 ? (size_t)sc.title_line : end);
	f->addressee = form_addressee(&ls, end);
	if (f->addressee != NULL) {
		char *k = text_key(f->addressee);

		if (!text_key_has(k, "chung thuc so"))
			findings_add(&f->errors, CODE_WRONG_ADDRESSEE,
			    "addressed to \"%s\"; a SIM activation list goes "
			    "to Cục Chứng thực số và Bảo mật thông tin, Ban "
			    "Cơ yếu Chính phủ", f->addressee);
		g_free(k);
	}
	missing = g_string_new(NULL);
	for (int c = COL_PHONE; c < COL__COUNT; c++)
		if (sc.col[c] < 0)
			g_string_append_printf(missing, "%s%s",
			    missing->len ? ", " : "", col_labels[c]);
	if (missing->len > 0)
		findings_add(&f->errors, CODE_COLUMNS_MISSING,
		    "%s: %s", sc.grid != NULL ? "the list has no column for" :
		    "no list table with the columns", missing->str);
	g_string_free(missing, TRUE);
	if (sc.grid != NULL) {
		read_rows(&sc, f);
		if (f->nrows == 0)
			findings_add(&f->errors, CODE_NO_ROWS,
			    "the list has a header but no rows");
	}
out:
	g_free(sc.title);
}
