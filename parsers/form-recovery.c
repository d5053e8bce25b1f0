/* form-recovery.c: requests to unlock a key device (eToken or SIM PKI),
 * Mẫu 12 from a unit and Mẫu 11 from a person (letter 1871-CV/VPTU,
 * Phụ lục 2 §5). It must never call a request complete without the
 * coordinator VPTU will phone, nor an ICCID an eToken.
 *
 * A body is a recovery request by its title ("VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC
 * THIẾT BỊ LƯU KHÓA BÍ MẬT", or a "V/v đề nghị khôi phục …" subject), by
 * a "Mẫu 11"/"Mẫu 12" caption over a text that speaks of "khôi phục", or,
 * weakest, by a table with name, device number and reason columns. The
 * subscribers come from the first table naming a name and a device
 * number (else a name and a position, reason or device type). A Mẫu 11
 * has no table: its one subscriber is read from its "Họ và tên: …"
 * lines.
 *
 * The coordinator is read after a line naming the "Người phối hợp" (or
 * "Cán bộ đầu mối", "Người liên hệ"): from the rest of that line, then
 * the lines below it while they hold fields. A label with no value takes
 * the cell beside it (a key/value table) or below it (a header row over
 * one row of values). Unlabelled text in the first of those lines is
 * read by its look: an '@' is the e-mail, nine digits or more the phone,
 * capitalised words the name and then the position.
 */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/email-addr.h"
#include "parsers/form-priv.h"
#include "parsers/vn-iccid.h"
#include "parsers/vn-phone.h"

/* Anchors tried for a coordinator before giving up. */
#define COORD_ANCHORS	8
/* Lines after an anchor looked at, and of those read as fields. */
#define COORD_SPAN	48
#define COORD_LINES	16
/* Words of a name taken from unlabelled text. */
#define NAME_WORDS	6
/* Words of a position taken from unlabelled text. */
#define POSITION_WORDS	16

struct rec_scan {
	struct form_title	 title;		/* title.text NULL: none */
	int			 caption;	/* "Mẫu N", else 0 */
	struct form_table	 tab;		/* tab.grid NULL: none */
	size_t			 tab_end;	/* first row after the list */
};

/* Fields read from lines: the coordinator's, or a Mẫu 11 subscriber's. */
struct rec_fields {
	char		*name;
	char		*position;
	char		*phone_raw;
	char		*email;
	char		*device;
	char		*device_type;
	bool		 first_person;	/* a CMND/CCCD line, "Tôi …" */
};

static bool	 is_recovery_title(const char *);
static bool	 ok_device(const long *);
static bool	 ok_loose(const long *);
static bool	 ok_strict(const long *);
static void	 rec_scan(const struct docbody *, const struct form_lines *,
		    struct rec_scan *);
static void	 rec_scan_deinit(struct rec_scan *);
static int	 rec_score(const struct docbody *,
		    const struct form_lines *);
static void	 rec_read(const struct docbody *,
		    const struct form_lines *, struct form *);
static bool	 in_list(const struct rec_scan *, const struct form_line *);
static bool	 is_anchor(const char *);
static bool	 is_end_line(const char *);
static const char *anchor_rest(const char *, const char *);
static bool	 label_only(const char *);
static long	 kv_lookup(const struct form_lines *, size_t, size_t,
		    const bool *, size_t);
static bool	 looks_like_name(const char *);
static bool	 looks_like_position(const char *);
static bool	 take(struct rec_fields *, enum form_field, const char *,
		    bool, bool *);
static bool	 read_line(const struct form_lines *, size_t, const char *,
		    bool, struct rec_fields *, bool *, size_t, bool *);
static void	 find_coordinator(const struct form_lines *,
		    const struct rec_scan *, struct rec_fields *);
static void	 read_individual(const struct form_lines *, size_t,
		    struct rec_fields *);
static void	 fields_deinit(struct rec_fields *);
static bool	 device_iccid(const char *, bool, char **);
static const char *type_from_text(const char *);
static void	 set_device(struct form_row *, const char *, bool,
		    const char *, bool);
static void	 read_rows(const struct rec_scan *, struct form *, bool);
static void	 check_coordinator(struct form *, struct rec_fields *);
static bool	 names_cuc(const char *);

const struct form_recogniser form_recovery = {
	.name = "recovery",
	.rows = true,
	.score = rec_score,
	.read = rec_read,
};

/* "… đề nghị [hỗ trợ] khôi phục <a device> …", not a question. */
static bool
is_recovery_title(const char *key)
{
	static const char *const heads[] = { "van ban de nghi",
	    "cong van de nghi", "giay de nghi", "don de nghi",
	    "phieu de nghi", "danh sach de nghi", "danh sach", "de nghi",
	    "to trinh", "", NULL };
	static const char *const fillers[] = { "ho tro", "xem xet",
	    "cho phep", NULL };
	static const char *const devices[] = { "thiet bi", "etoken",
	    "token", "usb", "sim", "chu ky so", "chung thu so", "mat khau",
	    NULL };
	size_t	words = 1;

	for (const char *p = key; *p != '\0'; p++)
		words += *p == ' ';
	if (words > 30 || text_key_has(key, "kich hoat"))
		return (false);
	for (size_t i = 0; heads[i] != NULL; i++) {
		const char *p = key;

		if (*heads[i] != '\0') {
			if (!form_key_starts(p, heads[i]))
				continue;
			p += strlen(heads[i]);
			p += *p == ' ';
		}
		for (size_t j = 0; fillers[j] != NULL; j++)
			if (form_key_starts(p, fillers[j])) {
				p += strlen(fillers[j]);
				p += *p == ' ';
			}
		if (!form_key_starts(p, "khoi phuc"))
			continue;
		for (size_t j = 0; devices[j] != NULL; j++)
			if (text_key_has(p, devices[j]))
				return (true);
	}
	return (false);
}

static bool
ok_device(const long *col)
{
	return (col[FIELD_NAME] >= 0 && col[FIELD_DEVICE] >= 0);
}

static bool
ok_loose(const long *col)
{
	return (col[FIELD_NAME] >= 0 && (col[FIELD_POSITION] >= 0 ||
	    col[FIELD_REASON] >= 0 || col[FIELD_DEVICE_TYPE] >= 0));
}

/* A table alone is a request only when it asks for an unlock. */
static bool
ok_strict(const long *col)
{
	return (ok_device(col) && (col[FIELD_REASON] >= 0 ||
	    col[FIELD_DEVICE_TYPE] >= 0));
}

static void
rec_scan(const struct docbody *body, const struct form_lines *ls,
    struct rec_scan *sc)
{
	size_t end = ls->n;

	memset(sc, 0, sizeof(*sc));
	if (form_table_find(body, ok_device, &sc->tab) ||
	    form_table_find(body, ok_loose, &sc->tab))
		end = form_lines_find(ls, sc->tab.block, sc->tab.hrow);
	form_title_find(ls, end, is_recovery_title, &sc->title);
	sc->caption = form_caption(ls, end);
	if (sc->tab.grid != NULL) {
		size_t r = form_table_first(&sc->tab);

		while (r < sc->tab.grid->nrows &&
		    !form_table_end(sc->tab.grid, r))
			r++;
		sc->tab_end = r;
	}
}

static void
rec_scan_deinit(struct rec_scan *sc)
{
	form_title_deinit(&sc->title);
}

static int
rec_score(const struct docbody *body, const struct form_lines *lines)
{
	struct form_lines	ls;
	struct rec_scan		sc;
	int			score = 0;

	ls = *lines;	/* a read-only view, freed by form_read */
	rec_scan(body, &ls, &sc);
	if (sc.title.text != NULL)
		score = sc.title.subject ? FORM_SCORE_SUBJECT :
		    FORM_SCORE_TITLE;
	else if ((sc.caption == 11 || sc.caption == 12) &&
	    form_lines_have(&ls, FORM_TITLE_LINES, "khoi phuc"))
		score = FORM_SCORE_CAPTION;
	else if (sc.tab.grid != NULL && ok_strict(sc.tab.col))
		score = FORM_SCORE_TABLE;
	rec_scan_deinit(&sc);
	return (score);
}

/* A line of the subscriber list itself. */
static bool
in_list(const struct rec_scan *sc, const struct form_line *l)
{
	return (sc->tab.grid != NULL && l->block == sc->tab.block &&
	    l->row >= sc->tab.hrow && l->row < sc->tab_end);
}

static bool
is_anchor(const char *key)
{
	return (text_key_has(key, "nguoi phoi hop") ||
	    text_key_has(key, "can bo phoi hop") ||
	    text_key_has(key, "can bo dau moi") ||
	    text_key_has(key, "dau moi lien he") ||
	    text_key_has(key, "nguoi lien he") ||
	    form_key_starts(key, "dau moi") || form_key_starts(key, "lien he"));
}

/* The signature block and the closing lines. */
static bool
is_end_line(const char *key)
{
	static const char *const marks[] = { "noi nhan", "tm", "t m", "kt",
	    "k t", "thu truong", "tran trong", "xin tran trong",
	    "nguoi de nghi", "nguoi lap", "xac nhan", "ghi chu",
	    "kinh de nghi", "de nghi van phong", "rat mong", NULL };

	for (size_t i = 0; marks[i] != NULL; i++)
		if (form_key_starts(key, marks[i]))
			return (true);
	return (false);
}

/* What follows the anchor's own words ("Người phối hợp hỗ trợ khôi phục
 * thiết bị lưu khóa bí mật là: …"). */
static const char *
anchor_rest(const char *text, const char *key)
{
	static const char *const anchors[] = { "nguoi phoi hop",
	    "can bo phoi hop", "can bo dau moi", "dau moi lien he",
	    "nguoi lien he", "dau moi", "lien he", NULL };
	static const char *const more[] = { "ho tro", "khoi phuc",
	    "thiet bi luu khoa bi mat", "thiet bi", "etoken", "token",
	    "sim pki", "cua don vi", "cua co quan", "la", "gom", "nhu sau",
	    NULL };
	const char	*p = NULL;
	size_t		 words = 0;
	bool		 moved = true;

	for (size_t i = 0; anchors[i] != NULL && p == NULL; i++) {
		const char *h = key;

		while ((h = strstr(h, anchors[i])) != NULL) {
			size_t n = strlen(anchors[i]);

			if ((h == key || h[-1] == ' ') &&
			    (h[n] == '\0' || h[n] == ' ')) {
				p = h + n;
				break;
			}
			h++;
		}
	}
	if (p == NULL)
		return (text);
	for (const char *q = key; q < p; q++)
		words += *q == ' ';
	words++;
	p += *p == ' ';
	for (size_t round = 0; moved && round < 16; round++) {
		moved = false;
		for (size_t i = 0; more[i] != NULL; i++)
			if (form_key_starts(p, more[i])) {
				size_t n = strlen(more[i]);

				for (size_t j = 0; j < n; j++)
					words += more[i][j] == ' ';
				words++;
				p += n;
				p += *p == ' ';
				moved = true;
				break;
			}
	}
	/* Past that many words of text, then any ':' or dash. */
	{
		bool	in = false;
		size_t	seen = 0;

		for (; *text != '\0'; text = g_utf8_next_char(text)) {
			gunichar c = g_utf8_get_char(text);
			bool	 w = g_unichar_isalnum(c) ||
			    g_unichar_ismark(c);

			if (in && !w && seen == words)
				break;
			seen += w && !in;
			in = w;
		}
	}
	return (text);
}

static bool
label_only(const char *text)
{
	struct form_kv	kv[FORM_KV_MAX];
	size_t		n = form_line_fields(text, kv);
	bool		yes = n == 1 && kv[0].field != FIELD_NONE &&
	    *kv[0].value == '\0';

	form_kv_clear(kv, n);
	return (yes);
}

/*
 * The line holding the value of the label alone on line j: the next cell
 * of its row that is no label, or the cell below it. consumed[k - base]
 * marks lines already taken.
 */
static long
kv_lookup(const struct form_lines *ls, size_t j, size_t lim,
    const bool *consumed, size_t base)
{
	const struct form_line *l = &ls->v[j];

	for (size_t k = j + 1; k < lim && k < ls->n; k++) {
		const struct form_line *m = &ls->v[k];

		if (m->block != l->block || m->row > l->row + 1)
			break;
		if (k >= base && k - base < COORD_SPAN && consumed[k - base])
			continue;
		if ((m->row == l->row && m->col > l->col) ||
		    (m->row == l->row + 1 && m->col == l->col)) {
			if (label_only(m->text))
				continue;
			return ((long)k);
		}
	}
	return (-1);
}

/* "Nguyễn Văn A", "NGUYỄN VĂN A": capitalised words, no digits. */
static bool
looks_like_name(const char *t)
{
	size_t	words = 0;
	bool	in = false;

	for (const char *p = t; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		bool	 w = g_unichar_isalpha(c) || g_unichar_ismark(c);

		if (g_unichar_isdigit(c) || c == '@')
			return (false);
		if (w && !in) {
			if (!g_unichar_isupper(c))
				return (false);
			words++;
		}
		in = w;
	}
	return (words >= 2 && words <= NAME_WORDS);
}

static bool
looks_like_position(const char *t)
{
	char	*k = text_key(t);
	size_t	 words = *k != '\0';

	for (const char *p = k; *p != '\0'; p++)
		words += *p == ' ';
	g_free(k);
	return (words > 0 && words <= POSITION_WORDS && form_digits(t) == 0 &&
	    strchr(t, '@') == NULL);
}

/*
 * Takes one field's value; unlabelled text is read by its look, name and
 * position only when guess. Sets *stop on a second name (someone else's
 * block). Returns whether the field was one of ours.
 */
static bool
take(struct rec_fields *rf, enum form_field f, const char *v, bool guess,
    bool *stop)
{
	if (f == FIELD_NONE) {
		char	*name = form_name_clean(v);
		bool	 is_name = looks_like_name(name);

		g_free(name);
		if (strchr(v, '@') != NULL)
			f = FIELD_EMAIL;
		else if (form_digits(v) >= 9 && form_digits(v) * 2 >=
		    strlen(v))
			f = FIELD_PHONE;
		else if (guess && rf->name == NULL && is_name)
			f = FIELD_NAME;
		else if (guess && rf->name != NULL && rf->position == NULL &&
		    looks_like_position(v))
			f = FIELD_POSITION;
		else
			return (false);
	}
	switch (f) {
	case FIELD_NAME:
		if (rf->name != NULL) {
			*stop = true;
			return (false);
		}
		if (*v != '\0')
			rf->name = form_name_clean(v);
		break;
	case FIELD_POSITION:
		if (rf->position == NULL && *v != '\0')
			rf->position = g_strdup(v);
		break;
	case FIELD_PHONE:
		if (rf->phone_raw == NULL && *v != '\0')
			rf->phone_raw = g_strdup(v);
		break;
	case FIELD_EMAIL:
		if (rf->email == NULL)
			rf->email = email_addr_find(v, NULL);
		break;
	case FIELD_DEVICE:
		if (rf->device == NULL && *v != '\0')
			rf->device = g_strdup(v);
		break;
	case FIELD_DEVICE_TYPE:
		if (rf->device_type == NULL && *v != '\0')
			rf->device_type = g_strdup(v);
		break;
	case FIELD_ID:
		rf->first_person = true;
		break;
	default:
		break;
	}
	return (true);
}

/*
 * Reads the fields of text (line j of ls, or the rest of it). Returns
 * whether any was ours; *stop as take() sets it.
 */
static bool
read_line(const struct form_lines *ls, size_t j, const char *text,
    bool guess, struct rec_fields *rf, bool *consumed, size_t base,
    bool *stop)
{
	struct form_kv	kv[FORM_KV_MAX];
	size_t		n = form_line_fields(text, kv);
	bool		useful = false;

	for (size_t i = 0; i < n && !*stop; i++) {
		const char *v = kv[i].value;

		if (kv[i].field != FIELD_NONE && *v == '\0') {
			long k = kv_lookup(ls, j, base + COORD_SPAN, consumed,
			    base);

			if (k >= 0) {
				v = ls->v[k].text;
				if ((size_t)k >= base && (size_t)k - base <
				    COORD_SPAN)
					consumed[k - base] = true;
			}
		}
		useful = take(rf, kv[i].field, v, guess, stop) || useful;
	}
	form_kv_clear(kv, n);
	return (useful);
}

static void
fields_deinit(struct rec_fields *rf)
{
	g_free(rf->name);
	g_free(rf->position);
	g_free(rf->phone_raw);
	g_free(rf->email);
	g_free(rf->device);
	g_free(rf->device_type);
	memset(rf, 0, sizeof(*rf));
}

static void
find_coordinator(const struct form_lines *ls, const struct rec_scan *sc,
    struct rec_fields *rf)
{
	size_t tried = 0;

	memset(rf, 0, sizeof(*rf));
	for (size_t a = 0; a < ls->n && tried < COORD_ANCHORS; a++) {
		bool		 consumed[COORD_SPAN] = { false };
		bool		 stop = false, guess = true;
		const char	*rest;
		size_t		 read = 0;

		if (!is_anchor(ls->v[a].key) || in_list(sc, &ls->v[a]))
			continue;
		tried++;
		rest = anchor_rest(ls->v[a].text, ls->v[a].key);
		if (!text_blank(rest) && strspn(rest, " :.-") < strlen(rest)) {
			read_line(ls, a, rest, true, rf, consumed, a, &stop);
			guess = false;
		}
		for (size_t j = a + 1; j < ls->n && j - a < COORD_SPAN &&
		    read < COORD_LINES && !stop; j++) {
			if (consumed[j - a])
				continue;
			if (in_list(sc, &ls->v[j]) || is_end_line(ls->v[j].key))
				break;
			read++;
			if (!read_line(ls, j, ls->v[j].text, guess, rf,
			    consumed, a, &stop))
				break;
			guess = false;
		}
		if (rf->name != NULL || rf->phone_raw != NULL)
			return;
		fields_deinit(rf);
	}
}

/* A Mẫu 11: the one subscriber's "label: value" lines after the title. */
static void
read_individual(const struct form_lines *ls, size_t from,
    struct rec_fields *rf)
{
	memset(rf, 0, sizeof(*rf));
	for (size_t j = from; j < ls->n; j++) {
		bool	consumed[COORD_SPAN] = { false };
		bool	stop = false;

		if (is_end_line(ls->v[j].key) || is_anchor(ls->v[j].key))
			break;
		/* "Tôi là …", "Tôi tên là …", "Tên tôi là …" */
		if (form_key_starts(ls->v[j].key, "toi") ||
		    form_key_starts(ls->v[j].key, "ten toi"))
			rf->first_person = true;
		if (label_only(ls->v[j].text) && j + 1 < ls->n &&
		    ls->v[j + 1].block == ls->v[j].block &&
		    ls->v[j + 1].row == ls->v[j].row) {
			/* A key/value table: the value is the next cell. */
			read_line(ls, j, ls->v[j].text, false, rf, consumed, j,
			    &stop);
			j++;
			continue;
		}
		read_line(ls, j, ls->v[j].text, false, rf, consumed, j, &stop);
		if (stop)
			break;
	}
}

/* An ICCID, whatever was lost of it: 89…, 19–20 digits, or a rounded
 * number that began so. *digits_r gets its digits when they are whole. */
static bool
device_iccid(const char *raw, bool numeric, char **digits_r)
{
	struct vn_iccid	ic;
	enum code	code;
	const char	*p;

	*digits_r = NULL;
	if (vn_iccid_parse(raw, numeric, &ic, &code, NULL) == 0 ||
	    ((code == CODE_ICCID_CHECKSUM || code == CODE_ICCID_NOT_VIETNAM) &&
	    strncmp(ic.digits, "89", 2) == 0)) {
		*digits_r = g_strdup(ic.digits);
		return (true);
	}
	if (code != CODE_ICCID_PRECISION_LOST)
		return (false);
	p = raw + strspn(raw, " '");
	return (p[0] == '8' && (p[1] == '9' || (p[1] == '.' && p[2] == '9')));
}

static const char *
type_from_text(const char *t)
{
	char		*k = text_key(t);
	const char	*type = NULL;

	if (text_key_has(k, "sim") || text_key_has(k, "sim pki") ||
	    text_key_has(k, "simpki"))
		type = "sim";
	else if (text_key_has(k, "etoken") || text_key_has(k, "token") ||
	    text_key_has(k, "usb"))
		type = "etoken";
	g_free(k);
	return (type);
}

/* Device number and type of a row; sim_title: the title names a SIM. */
static void
set_device(struct form_row *row, const char *raw, bool numeric,
    const char *type, bool sim_title)
{
	const char	*t = type != NULL ? type_from_text(type) : NULL;
	char		*digits = NULL;
	bool		 iccid = false;

	if (!text_blank(raw)) {
		char *clean = text_clean(raw);

		iccid = device_iccid(clean, numeric, &digits);
		if (iccid) {
			row->iccid_raw = g_strdup(clean);
			/* iccid is the normal form; the device number stays
			 * as the unit wrote it, to quote back */
			row->iccid = digits;
			row->device_serial = g_strdup(clean);
		} else
			row->device_serial = g_strdup(clean);
		g_free(clean);
	}
	if (t == NULL && iccid)
		t = "sim";
	if (t == NULL && (sim_title || row->device_serial != NULL))
		t = sim_title ? "sim" : "etoken";
	row->device_type = t != NULL ? g_strdup(t) : NULL;
}

static void
read_rows(const struct rec_scan *sc, struct form *f, bool sim_title)
{
	const struct grid	*g = sc->tab.grid;
	const long		*col = sc->tab.col;
	int			 count = 0;

	for (size_t r = form_table_first(&sc->tab); r < sc->tab_end; r++) {
		static const enum form_field data[] = { FIELD_NAME,
		    FIELD_POSITION, FIELD_DEVICE, FIELD_REASON };
		struct form_row	*row;
		const char	*t;
		bool		 any = false;
		int		 tt;

		for (size_t i = 0; i < sizeof(data) / sizeof(data[0]); i++)
			any = any || !text_blank(form_cell(g, r, col[data[i]]));
		if (!any)
			continue;
		row = form_row_add(f);
		count++;
		tt = form_tt(form_cell(g, r, col[FIELD_TT]));
		row->index = tt > 0 ? tt : count;
		row->source_row = r + 1;
		t = form_cell(g, r, col[FIELD_NAME]);
		if (text_blank(t))
			findings_add(&row->errors, CODE_NAME_MISSING,
			    "row %d: no name", row->index);
		else
			row->name = text_clean(t);
		if (col[FIELD_POSITION] >= 0) {
			t = form_cell(g, r, col[FIELD_POSITION]);
			if (text_blank(t))
				findings_add(&row->errors,
				    CODE_POSITION_MISSING, "row %d: no "
				    "position", row->index);
			else
				row->position = text_clean(t);
		}
		set_device(row, form_cell(g, r, col[FIELD_DEVICE]),
		    form_cell_numeric(g, r, col[FIELD_DEVICE]),
		    form_cell(g, r, col[FIELD_DEVICE_TYPE]), sim_title);
		if (col[FIELD_DEVICE] >= 0 && row->device_serial == NULL)
			findings_add(&row->errors, CODE_SERIAL_MISSING,
			    "row %d: no device number", row->index);
		t = form_cell(g, r, col[FIELD_EMAIL]);
		if (t != NULL && (row->email = email_addr_find(t, NULL)) !=
		    NULL && email_addr_public(row->email))
			findings_add(&row->errors, CODE_EMAIL_PUBLIC_DOMAIN,
			    "row %d: %s is not an official address",
			    row->index, row->email);
		t = form_cell(g, r, col[FIELD_PHONE]);
		if (!text_blank(t)) {
			struct vn_phone ph;

			row->phone_raw = text_clean(t);
			if (vn_phone_parse(row->phone_raw,
			    form_cell_numeric(g, r, col[FIELD_PHONE]), &ph,
			    NULL) == 0)
				row->phone = g_strdup(ph.e164);
		}
	}
}

/* The coordinator's findings, and its fields moved into f. */
static void
check_coordinator(struct form *f, struct rec_fields *c)
{
	struct vn_phone	 ph;
	const char	*why = NULL;

	if (c->phone_raw != NULL) {
		if (vn_phone_parse(c->phone_raw, false, &ph, &why) == 0)
			f->coordinator_phone = g_strdup(ph.e164);
		else {
			/* "0905 123 456 / 0255 3822 123": the first mobile. */
			char **v = g_strsplit_set(c->phone_raw, "/;", 8);

			for (size_t i = 0; v[i] != NULL; i++)
				if (vn_phone_parse(v[i], false, &ph, NULL) ==
				    0) {
					f->coordinator_phone =
					    g_strdup(ph.e164);
					break;
				}
			g_strfreev(v);
		}
	}
	if (c->name == NULL && c->phone_raw == NULL)
		findings_add(&f->errors, CODE_COORDINATOR_MISSING,
		    "no coordinator (Người phối hợp hỗ trợ khôi phục thiết bị "
		    "lưu khóa bí mật) with a name and a phone number");
	else if (c->name == NULL)
		findings_add(&f->errors, CODE_COORDINATOR_MISSING,
		    "the coordinator's name is missing");
	else if (c->phone_raw == NULL)
		findings_add(&f->errors, CODE_COORDINATOR_MISSING,
		    "no phone number for the coordinator %s", c->name);
	else if (f->coordinator_phone == NULL)
		findings_add(&f->errors, CODE_PHONE_INVALID,
		    "the coordinator's phone number %s %s", c->phone_raw,
		    why != NULL ? why : "is not a mobile number");
	if (c->email != NULL && email_addr_public(c->email))
		findings_add(&f->errors, CODE_EMAIL_PUBLIC_DOMAIN,
		    "the coordinator's e-mail %s is not an official address",
		    c->email);
	f->coordinator_name = c->name;
	f->coordinator_email = c->email;
	c->name = c->email = NULL;
}

/* The Cục named, and VPTU not. */
static bool
names_cuc(const char *addressee)
{
	char	*k = text_key(addressee);
	bool	 cuc = (text_key_has(k, "chung thuc so") ||
	    text_key_has(k, "ban co yeu")) &&
	    !text_key_has(k, "van phong tinh uy") && !text_key_has(k, "vptu");

	g_free(k);
	return (cuc);
}

static void
rec_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	struct form_lines	 ls;
	struct rec_scan		 sc;
	struct rec_fields	 one, coord;
	struct form_cursor	 cur;
	const struct form_row	*r;
	size_t			 end, after;
	bool			 individual, sim_title, sim = false;

	ls = *lines;	/* a read-only view, freed by form_read */
	rec_scan(body, &ls, &sc);
	memset(&one, 0, sizeof(one));
	end = sc.tab.grid != NULL ? form_lines_find(&ls, sc.tab.block,
	    sc.tab.hrow) : ls.n;
	after = sc.title.text != NULL ? sc.title.line + 1 : 0;
	f->title = sc.title.text;
	sc.title.text = NULL;
	f->organization = form_organization(&ls, sc.title.key != NULL ?
	    sc.title.line : end);
	f->addressee = form_addressee(&ls, end);
	if (sc.caption > 0)
		f->form_no = g_strdup_printf("Mẫu %02d", sc.caption);
	sim_title = sc.title.key != NULL && text_key_has(sc.title.key, "sim");

	read_individual(&ls, after, &one);
	if (sc.caption == 11 || sc.caption == 12)
		individual = sc.caption == 11;
	else if (sc.title.key != NULL && text_key_has(sc.title.key,
	    "cua thue bao") && !text_key_has(sc.title.key, "cac thue bao"))
		individual = true;
	else
		individual = sc.tab.grid == NULL && one.first_person;
	f->subtype = g_strdup(individual ? "individual" : "unit");
	if (f->form_no == NULL)
		f->form_no = g_strdup(individual ? "Mẫu 11" : "Mẫu 12");

	if (sc.tab.grid != NULL)
		read_rows(&sc, f, sim_title);
	if (individual) {
		findings_add(&f->errors, CODE_INDIVIDUAL_FORM,
		    "a subscriber's own request (Mẫu 11) goes to the managing "
		    "unit, which sends one Mẫu 12 for its subscribers");
		if (sc.tab.grid == NULL) {
			struct form_row	*row;

			row = form_row_add(f);
			row->index = 1;
			row->name = one.name;
			row->position = one.position;
			one.name = one.position = NULL;
			if (row->name == NULL)
				findings_add(&row->errors, CODE_NAME_MISSING,
				    "row 1: no name");
			set_device(row, one.device, false, one.device_type,
			    sim_title);
			if (row->device_serial == NULL)
				findings_add(&row->errors, CODE_SERIAL_MISSING,
				    "row 1: no device number");
			row->email = one.email;
			one.email = NULL;
			if (row->email != NULL && email_addr_public(row->email))
				findings_add(&row->errors,
				    CODE_EMAIL_PUBLIC_DOMAIN, "row 1: %s is "
				    "not an official address", row->email);
		}
	} else {
		if (sc.tab.grid == NULL)
			findings_add(&f->errors, CODE_NO_ROWS,
			    "no table of the subscribers whose device is "
			    "locked");
		else if (f->nrows == 0)
			findings_add(&f->errors, CODE_NO_ROWS,
			    "the table lists no subscriber");
		if (sc.tab.grid != NULL && sc.tab.col[FIELD_DEVICE] < 0)
			findings_add(&f->errors, CODE_COLUMNS_MISSING,
			    "the table has no column for: Số hiệu thiết bị");
		find_coordinator(&ls, &sc, &coord);
		check_coordinator(f, &coord);
		fields_deinit(&coord);
	}
	form_cursor_init(&cur, f);
	while (!sim && (r = form_cursor_next(&cur)) != NULL)
		sim = r->device_type != NULL &&
		    strcmp(r->device_type, "sim") == 0;
	form_cursor_deinit(&cur);
	if (f->nrows == 0)
		sim = sim_title;
	f->kind = sim ? KIND_SIM_RECOVERY : KIND_ETOKEN_RECOVERY;
	if (!sim && f->addressee != NULL && names_cuc(f->addressee) &&
	    !individual)
		findings_add(&f->errors, CODE_WRONG_ADDRESSEE,
		    "addressed to \"%s\"; an eToken recovery request (Mẫu 12) "
		    "goes to Văn phòng Tỉnh ủy, not the Cục", f->addressee);
	fields_deinit(&one);
	rec_scan_deinit(&sc);
}
