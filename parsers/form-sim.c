/* form-sim.c: the SIM PKI activation list of Phụ lục 3, however a unit
 * typed it in Word or Excel. It must never turn a list without its title
 * or its ICCID column (a contact list) into a request.
 *
 * A body is read in three steps. The header row is the first row, in the
 * first 64 rows of any table, whose labels name a phone or ICCID column
 * and at least one more of phone, ICCID, name, position; a label row
 * whose cells continue in the next row (merged cells, sub-labels) is read
 * with it when that names more columns (form_table_find_by, with this
 * form's own labels). The title and the letterhead are looked for in the
 * lines before that row. Data rows follow the header (after an optional
 * "(1) (2) (3)" row) until a note or signature row (form_table_end).
 * A row's normal forms (phone, iccid) are set only when valid; the raw
 * text always is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/email-addr.h"
#include "parsers/form-priv.h"
#include "parsers/position.h"
#include "parsers/vn-iccid.h"
#include "parsers/vn-phone.h"

/* Words in a header label; a longer cell is a note, not a label. */
#define SIM_LABEL_WORDS		12

/* What is_example found. */
enum example {
	EXAMPLE_NONE,
	EXAMPLE_PRINTED,	/* the letter's own numbers */
	EXAMPLE_NAMED,		/* its name, with wrong numbers of its own */
};

/* The ICCID is the SIM's serial, so its column is FIELD_DEVICE. */
struct sim_scan {
	struct form_table	 tab;		/* tab.grid NULL: no header */
	long			 title_line;	/* -1: no title */
	char			*title;
};

static int	 sim_score(const struct docbody *,
		    const struct form_lines *);
static void	 sim_read(const struct docbody *,
		    const struct form_lines *, struct form *);
static void	 sim_scan(const struct docbody *, const struct form_lines *,
		    struct sim_scan *);
static enum form_field sim_label(const char *);
static bool	 header_ok(const long *);
static bool	 is_title(const char *);
static void	 find_title(const struct form_lines *, size_t,
		    struct sim_scan *);
static const char *contract_carrier(enum vn_carrier);
static void	 read_rows(const struct sim_scan *, struct form *);
static void	 check_row(struct form_row *, const struct grid *, size_t,
		    const struct sim_scan *, GHashTable *);
static bool	 eligible(GHashTable *, const char *);
static enum example is_example(const struct form_row *);
static bool	 digits_start(const char *, const char *);

const struct form_recogniser form_sim = {
	.name = "sim_activation",
	.rows = true,
	.score = sim_score,
	.read = sim_read,
};

static const struct form_header sim_header = {
	.label = sim_label,
	.ok = header_ok,
	.sublabels = true,
	.kv_data = false,
};

/* The columns a list must have, in the order a reply names them. */
static const struct {
	enum form_field	 field;
	const char	*label;
} sim_cols[] = {
	{ FIELD_PHONE, "Số điện thoại" },
	{ FIELD_DEVICE, "Số ICCID" },
	{ FIELD_NAME, "Họ và tên" },
	{ FIELD_POSITION, "Chức vụ" },
};

#define NSIM_COLS	(sizeof(sim_cols) / sizeof(sim_cols[0]))

/* The column a header label's key names, or FIELD_NONE. ICCID and name
 * go first: "Họ và tên (chủ thuê bao)" is a name though it says "thuê
 * bao". */
static enum form_field
sim_label(const char *k)
{
	size_t	words = 1;

	for (const char *p = k; *p != '\0'; p++)
		words += *p == ' ';
	if (*k == '\0' || words > SIM_LABEL_WORDS)
		return (FIELD_NONE);
	/* "Email", "E-mail", "(Địa chỉ) thư điện tử (công vụ)". */
	if (text_key_has(k, "email") || text_key_has(k, "e mail") ||
	    text_key_has(k, "thu dien tu"))
		return (FIELD_EMAIL);
	if (text_key_has(k, "iccid") || text_key_has(k, "seri") ||
	    text_key_has(k, "serial"))
		return (FIELD_DEVICE);
	if (text_key_has(k, "ho va ten") || text_key_has(k, "ho ten") ||
	    text_key_has(k, "ten nguoi dung") || form_key_starts(k, "ten"))
		return (FIELD_NAME);
	if (text_key_has(k, "chuc vu") || text_key_has(k, "chuc danh"))
		return (FIELD_POSITION);
	if (text_key_has(k, "dien thoai") || text_key_has(k, "sdt") ||
	    text_key_has(k, "so dt") || form_key_starts(k, "dt") ||
	    text_key_has(k, "thue bao") || text_key_has(k, "di dong"))
		return (FIELD_PHONE);
	if (strcmp(k, "tt") == 0 || strcmp(k, "stt") == 0 ||
	    strcmp(k, "t t") == 0 ||
	    strcmp(k, "so tt") == 0 || strcmp(k, "so thu tu") == 0 ||
	    strcmp(k, "thu tu") == 0)
		return (FIELD_TT);
	return (FIELD_NONE);
}

static bool
header_ok(const long *col)
{
	int n = (col[FIELD_PHONE] >= 0) + (col[FIELD_DEVICE] >= 0) +
	    (col[FIELD_NAME] >= 0) + (col[FIELD_POSITION] >= 0);

	return ((col[FIELD_PHONE] >= 0 || col[FIELD_DEVICE] >= 0) && n >= 2);
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
	if (form_table_find_by(body, &sim_header, &sc->tab))
		end = form_lines_find(ls, sc->tab.block, sc->tab.hrow);
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
	else if (sc.tab.grid != NULL && sc.tab.col[FIELD_PHONE] >= 0 &&
	    sc.tab.col[FIELD_DEVICE] >= 0)
		score = 80;
	g_free(sc.title);
	return (score);
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
    const struct sim_scan *sc, GHashTable *posts)
{
	struct vn_phone	 ph;
	struct vn_iccid	 ic;
	enum vn_carrier	 pc = VN_CARRIER_UNKNOWN, ic_c = VN_CARRIER_UNKNOWN;
	enum code	 code;
	const char	*why;
	const long	*col = sc->tab.col;
	int		 ix = row->index;

	if (col[FIELD_PHONE] >= 0) {
		const char *t = form_cell(g, r, col[FIELD_PHONE]);

		row->phone_raw = text_blank(t) ? NULL : text_clean(t);
		if (row->phone_raw == NULL)
			findings_add(&row->errors, CODE_PHONE_INVALID,
			    "row %d: no phone number", ix);
		else if (vn_phone_parse(row->phone_raw,
		    form_cell_numeric(g, r, col[FIELD_PHONE]), &ph, &why) == -1)
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
	if (col[FIELD_DEVICE] >= 0) {
		const char *t = form_cell(g, r, col[FIELD_DEVICE]);

		row->iccid_raw = text_blank(t) ? NULL : text_clean(t);
		if (row->iccid_raw == NULL)
			findings_add(&row->errors, CODE_ICCID_INVALID,
			    "row %d: no ICCID", ix);
		else if (vn_iccid_parse(row->iccid_raw,
		    form_cell_numeric(g, r, col[FIELD_DEVICE]), &ic, &code,
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
		row->carrier = contract_carrier(pc);
	else if (contract_carrier(ic_c) != NULL)
		row->carrier = contract_carrier(ic_c);
	if (col[FIELD_NAME] >= 0) {
		const char *t = form_cell(g, r, col[FIELD_NAME]);

		if (text_blank(t))
			findings_add(&row->errors, CODE_NAME_MISSING,
			    "row %d: no name", ix);
		else
			row->name = text_clean(t);
	}
	if (col[FIELD_POSITION] >= 0) {
		const char *t = form_cell(g, r, col[FIELD_POSITION]);

		if (text_blank(t))
			findings_add(&row->errors, CODE_POSITION_MISSING,
			    "row %d: no position", ix);
		else {
			row->position = text_clean(t);
			if (!eligible(posts, row->position))
				findings_add(&row->warnings,
				    CODE_POSITION_NOT_ELIGIBLE, "row %d: "
				    "\"%s\" is not a leadership post eligible "
				    "for a SIM PKI", ix, row->position);
		}
	}
	/* Judged against the built-in free-mail list here; the rules add
	 * the configured one (rules.c). */
	if (col[FIELD_EMAIL] >= 0) {
		const char *t = form_cell(g, r, col[FIELD_EMAIL]);

		if (!text_blank(t) && (row->email = email_addr_find(t,
		    NULL)) != NULL && email_addr_public(row->email))
			findings_add(&row->errors, CODE_EMAIL_PUBLIC_DOMAIN,
			    "row %d: %s is not an official address", ix,
			    row->email);
	}
	switch (is_example(row)) {
	case EXAMPLE_PRINTED:
		/* The letter's numbers are cut short ("..."): what they
		 * break says nothing the example row does not. */
		findings_deinit(&row->errors);
		findings_deinit(&row->warnings);
		/* FALLTHROUGH */
	case EXAMPLE_NAMED:
		findings_add(&row->errors, CODE_EXAMPLE_ROW, "row %d: the "
		    "form's own example row (%s), left in the table", ix,
		    row->name);
		break;
	case EXAMPLE_NONE:
		break;
	}
}

/* position_eligible, remembered for the posts a list repeats (a list of
 * thousands names a few dozen posts); a hostile list of distinct posts
 * fills the memo to its bound and is then judged row by row. */
static bool
eligible(GHashTable *posts, const char *position)
{
	gpointer	 v;
	bool		 ok;

	if ((v = g_hash_table_lookup(posts, position)) != NULL)
		return (GPOINTER_TO_INT(v) == 1);
	ok = position_eligible(position);
	if (g_hash_table_size(posts) < 4096)
		g_hash_table_insert(posts, g_strdup(position),
		    GINT_TO_POINTER(ok ? 1 : 2));
	return (ok);
}

/*
 * One of the two example rows Phụ lục 3 prints (letter 1871-CV/VPTU):
 * Nguyễn Văn A, 0982345678, 898402310932010...; Trần Văn B, 0918765432,
 * 796303120012090.... The name must agree, and the ICCID be the printed
 * one (or, with the printed phone, no valid ICCID at all): PRINTED. Or
 * the name agrees and the phone or the ICCID is wrong (a clerk who kept
 * the name and typed numbers over the example's, blind set 7, 19a):
 * NAMED, its errors kept. A real subscriber called Nguyễn Văn A, with a
 * valid phone and a valid ICCID, is no example.
 */
static enum example
is_example(const struct form_row *row)
{
	static const struct {
		const char	*name;		/* text_key of it */
		const char	*phone;		/* E.164 */
		const char	*iccid;		/* as printed, before "..." */
	} ex[] = {
		{ "nguyen van a", "84982345678", "898402310932010" },
		{ "tran van b", "84918765432", "796303120012090" },
	};
	static const enum code wrong_numbers[] = { CODE_PHONE_INVALID,
	    CODE_ICCID_INVALID, CODE_ICCID_CHECKSUM, CODE_ICCID_NOT_VIETNAM,
	    CODE_ICCID_PRECISION_LOST };
	enum example	 r = EXAMPLE_NONE;
	char		*key;
	bool		 printed[G_N_ELEMENTS(ex)], any = false, wrong = false;

	if (row->name == NULL)
		return (EXAMPLE_NONE);
	/* The numbers first: they rule out nearly every row, and the name
	 * is keyed only for a row that has them. */
	for (size_t i = 0; i < G_N_ELEMENTS(ex); i++) {
		printed[i] = digits_start(row->iccid_raw, ex[i].iccid) ||
		    (row->phone != NULL && strcmp(row->phone, ex[i].phone) ==
		    0 && findings_has(&row->errors, CODE_ICCID_INVALID));
		any |= printed[i];
	}
	for (size_t i = 0; i < G_N_ELEMENTS(wrong_numbers) && !wrong; i++)
		wrong = findings_has(&row->errors, wrong_numbers[i]);
	if (!any && !wrong)
		return (EXAMPLE_NONE);
	key = text_key(row->name);
	for (size_t i = 0; i < G_N_ELEMENTS(ex) && r == EXAMPLE_NONE; i++)
		if (strcmp(key, ex[i].name) == 0)
			r = printed[i] ? EXAMPLE_PRINTED : wrong ?
			    EXAMPLE_NAMED : EXAMPLE_NONE;
	g_free(key);
	return (r);
}

/* True when the digits of raw, whatever lies between or after them
 * ("...", "…", "xxx"), begin with prefix. */
static bool
digits_start(const char *raw, const char *prefix)
{
	for (const char *p = raw; p != NULL && *p != '\0'; p++) {
		if (*prefix == '\0')
			return (true);
		if (g_ascii_isdigit(*p) && *p != *prefix++)
			return (false);
	}
	return (raw != NULL && *prefix == '\0');
}

/*
 * Repeats are found after the rows are read, from a 64-bit hash of each
 * key and the row's place, sorted: 16 bytes a key, where a hash table of
 * the keys cost about 60 on a 200,000-row list. Rows whose hashes agree
 * are read back and their keys compared, so a collision is no repeat.
 */
struct row_key {
	uint64_t	 hash;
	uint32_t	 pos;		/* the row's place in the form */
} __attribute__((packed));

static uint64_t
key_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h);
}

static bool
row_key_less(const struct row_key *x, const struct row_key *y)
{
	return (x->hash != y->hash ? x->hash < y->hash : x->pos < y->pos);
}

/* Heapsort in place: qsort(3) would take a copy of the whole array. */
static void
row_keys_sort(struct row_key *k, size_t n)
{
	struct row_key t;

	for (size_t end = n, start = n / 2; end > 1; ) {
		size_t root, child;

		if (start > 0)
			start--;
		else {
			end--;
			t = k[0];
			k[0] = k[end];
			k[end] = t;
		}
		for (root = start; (child = 2 * root + 1) < end; root = child) {
			if (child + 1 < end && row_key_less(&k[child],
			    &k[child + 1]))
				child++;
			if (!row_key_less(&k[root], &k[child]))
				break;
			t = k[root];
			k[root] = k[child];
			k[child] = t;
		}
	}
}

/* The key of the row at pos: its phone, or its ICCID. g_free. */
static char *
row_key_of(struct form_cursor *cur, size_t pos, bool phone)
{
	const struct form_row *r = form_cursor_at(cur, pos);

	return (g_strdup(phone ? r->phone : r->iccid));
}

/*
 * For each row whose key (phone or ICCID) an earlier row has, the TT of
 * that first row, in rep[pos] (0: none). keys is sorted here.
 */
static void
find_repeats(struct form *f, struct row_key *k, size_t n, bool phone,
    int *rep)
{
	struct form_cursor cur;

	row_keys_sort(k, n);
	form_cursor_init(&cur, f);
	for (size_t i = 0; i < n; ) {
		size_t	j = i + 1;

		while (j < n && k[j].hash == k[i].hash)
			j++;
		/* A group of one hash, in row order: each row repeats the
		 * first with the same key (almost always the group's
		 * first; a colliding key starts a group of its own). */
		for (size_t a = i; j - i > 1 && a < j; a++) {
			char *ka;

			if (k[a].pos == UINT32_MAX)
				continue;	/* already matched */
			ka = row_key_of(&cur, k[a].pos, phone);
			for (size_t b = a + 1; b < j; b++) {
				char *kb;

				if (k[b].pos == UINT32_MAX)
					continue;
				kb = row_key_of(&cur, k[b].pos, phone);
				if (strcmp(ka, kb) == 0) {
					rep[k[b].pos] = form_cursor_at(&cur,
					    k[a].pos)->index;
					k[b].pos = UINT32_MAX;
				}
				g_free(kb);
			}
			g_free(ka);
		}
		i = j;
	}
	form_cursor_deinit(&cur);
}

static void
read_rows(const struct sim_scan *sc, struct form *f)
{
	const struct grid	*g = sc->tab.grid;
	GHashTable		*posts;
	struct row_key		*phones, *iccids;
	int			*rep_phone, *rep_iccid;
	size_t			 r, first = f->nrows, nphones = 0, niccids = 0;
	int			 count = 0;

	/* Sized once, exactly, for every row the table may hold. */
	r = form_table_first(&sc->tab);
	phones = g_new(struct row_key, r < g->nrows ? g->nrows - r : 1);
	iccids = g_new(struct row_key, r < g->nrows ? g->nrows - r : 1);
	posts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (r = form_table_first(&sc->tab); r < g->nrows; r++) {
		struct form_row	*row;
		bool		 data = false;
		int		 tt;

		if (form_table_end(g, r))
			break;
		for (size_t i = 0; i < NSIM_COLS; i++)
			data = data || !text_blank(form_cell(g, r,
			    sc->tab.col[sim_cols[i].field]));
		if (!data)
			continue;
		row = form_row_add(f);
		count++;
		tt = form_tt(form_cell(g, r, sc->tab.col[FIELD_TT]));
		row->index = tt > 0 ? tt : count;
		row->source_row = r + 1;
		check_row(row, g, r, sc, posts);
		/* An example row is to be deleted: it repeats nothing and
		 * nothing repeats it. */
		if (findings_has(&row->errors, CODE_EXAMPLE_ROW))
			continue;
		if (row->phone != NULL) {
			phones[nphones].hash = key_hash(row->phone);
			phones[nphones++].pos = (uint32_t)(f->nrows - 1);
		}
		if (row->iccid != NULL) {
			iccids[niccids].hash = key_hash(row->iccid);
			iccids[niccids++].pos = (uint32_t)(f->nrows - 1);
		}
	}
	g_hash_table_destroy(posts);
	form_rows_seal(f);
	rep_phone = g_new0(int, f->nrows + 1);
	rep_iccid = g_new0(int, f->nrows + 1);
	find_repeats(f, phones, nphones, true, rep_phone);
	find_repeats(f, iccids, niccids, false, rep_iccid);
	g_free(phones);
	g_free(iccids);
	/* One finding a row, naming what repeats. */
	for (size_t pos = first; pos < f->nrows; pos++) {
		struct form_row	*row;
		int		 dp = rep_phone[pos], di = rep_iccid[pos];

		if (dp == 0 && di == 0)
			continue;
		row = form_row_edit(f, pos);
		if (dp != 0 && di != 0)
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: phone %s repeats row %d and ICCID %s "
			    "repeats row %d", row->index, row->phone_raw,
			    dp, row->iccid, di);
		else if (dp != 0)
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: phone %s repeats row %d", row->index,
			    row->phone_raw, dp);
		else
			findings_add(&row->errors, CODE_DUPLICATE_ROW,
			    "row %d: ICCID %s repeats row %d", row->index,
			    row->iccid, di);
	}
	form_rows_seal(f);
	g_free(rep_phone);
	g_free(rep_iccid);
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
	if (sc.title == NULL && (sc.tab.grid == NULL ||
	    sc.tab.col[FIELD_PHONE] < 0 || sc.tab.col[FIELD_DEVICE] < 0))
		goto out;
	f->kind = KIND_SIM_ACTIVATION;
	f->title = sc.title;
	sc.title = NULL;
	end = sc.tab.grid != NULL ? form_lines_find(&ls, sc.tab.block,
	    sc.tab.hrow) : ls.n;
	f->organization = form_organization_from(&ls, sc.tab.grid != NULL &&
	    sc.tab.grid->name != NULL ? form_lines_find(&ls, sc.tab.block, 0) :
	    0,
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
	for (size_t i = 0; i < NSIM_COLS; i++)
		if (sc.tab.col[sim_cols[i].field] < 0)
			g_string_append_printf(missing, "%s%s",
			    missing->len ? ", " : "", sim_cols[i].label);
	if (missing->len > 0)
		findings_add(&f->errors, CODE_COLUMNS_MISSING,
		    "%s: %s", sc.tab.grid != NULL ? "the list has no column for" :
		    "no list table with the columns", missing->str);
	g_string_free(missing, TRUE);
	if (sc.tab.grid != NULL) {
		read_rows(&sc, f);
		if (f->nrows == 0)
			findings_add(&f->errors, CODE_NO_ROWS,
			    "the list has a header but no rows");
	}
out:
	g_free(sc.title);
}
