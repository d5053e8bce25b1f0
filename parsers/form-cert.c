/* form-cert.c: certificate requests, Mẫu 01–10 (new, renewal or change,
 * revocation; a SIM PKI issued through Mẫu 01/02). They belong to the
 * Cục, so only what the unit can fix before writing there is judged: a
 * subscriber e-mail on a free-mail domain. It must never take a question
 * about certificates ("V/v đề nghị hướng dẫn …") for a request.
 *
 * Recognised by a title or "V/v" subject that asks to issue, renew,
 * change or revoke a certificate (or a SIM PKI), or by a "Mẫu 01"–"Mẫu
 * 10" caption over text about certificates. Subscribers come from the
 * first table naming a name and one more subscriber column; without one
 * (Mẫu 01, 03, 07, 09 are one person's form) from "label: value" lines.
 */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/email-addr.h"
#include "parsers/form-priv.h"
#include "parsers/vn-phone.h"

/* Addresses checked in one cell ("a@x.vn; b@y.vn" for two posts). */
#define CERT_EMAILS	8

static const char *title_verb(const char *);
static bool	 is_cert_title(const char *);
static bool	 ok_table(const long *);
static bool	 cert_scan(const struct docbody *, const struct form_lines *,
		    struct form_title *, struct form_table *, int *);
static int	 cert_score(const struct docbody *,
		    const struct form_lines *);
static void	 check_emails(struct form_row *, const char *);
static void	 set_phone(struct form_row *, const char *, bool);
static void	 read_table(const struct form_table *, struct form *);
static void	 read_lines(const struct form_lines *, size_t, struct form *);
static void	 cert_read(const struct docbody *,
		    const struct form_lines *, struct form *);

const struct form_recogniser form_cert = {
	.name = "cert_request",
	.rows = true,
	.score = cert_score,
	.read = cert_read,
};

/* What key asks for, right after its head ("đề nghị cấp …"), or NULL. */
static const char *
title_verb(const char *key)
{
	static const char *const heads[] = { "van ban de nghi",
	    "cong van de nghi", "giay de nghi", "don de nghi",
	    "phieu de nghi", "danh sach de nghi", "to trinh de nghi",
	    "de nghi", NULL };
	static const char *const fillers[] = { "ho tro", "xem xet", NULL };
	static const char *const verbs[] = { "cap", "gia han", "thay doi",
	    "thu hoi", NULL };

	for (size_t i = 0; heads[i] != NULL; i++) {
		const char *p = key;

		if (!form_key_starts(p, heads[i]))
			continue;
		p += strlen(heads[i]);
		p += *p == ' ';
		for (size_t j = 0; fillers[j] != NULL; j++)
			if (form_key_starts(p, fillers[j])) {
				p += strlen(fillers[j]);
				p += *p == ' ';
			}
		for (size_t j = 0; verbs[j] != NULL; j++)
			if (form_key_starts(p, verbs[j]))
				return (p);
	}
	return (NULL);
}

static bool
is_cert_title(const char *key)
{
	static const char *const objects[] = { "chung thu so", "chung thu",
	    "chu ky so", "sim pki", "sim ky so", NULL };
	const char	*p;
	size_t		 words = 1;

	for (p = key; *p != '\0'; p++)
		words += *p == ' ';
	if (words > 40 || text_key_has(key, "khoi phuc") ||
	    text_key_has(key, "kich hoat") || (p = title_verb(key)) == NULL)
		return (false);
	for (size_t i = 0; objects[i] != NULL; i++)
		if (text_key_has(p, objects[i]))
			return (true);
	return (false);
}

static bool
ok_table(const long *col)
{
	return (col[FIELD_NAME] >= 0 && (col[FIELD_EMAIL] >= 0 ||
	    col[FIELD_POSITION] >= 0 || col[FIELD_PHONE] >= 0 ||
	    col[FIELD_ID] >= 0 || col[FIELD_UNIT] >= 0));
}

/* Title (or caption) and table; returns whether the body is ours. */
static bool
cert_scan(const struct docbody *body, const struct form_lines *ls,
    struct form_title *t, struct form_table *tab, int *caption)
{
	size_t end = ls->n;

	if (form_table_find(body, ok_table, tab))
		end = form_lines_find(ls, tab->block, tab->hrow);
	*caption = form_caption(ls, end);
	if (form_title_find(ls, end, is_cert_title, t))
		return (true);
	return (*caption >= 1 && *caption <= 10 &&
	    (form_lines_have(ls, FORM_TITLE_LINES, "chung thu so") ||
	    form_lines_have(ls, FORM_TITLE_LINES, "chu ky so") ||
	    form_lines_have(ls, FORM_TITLE_LINES, "sim pki")));
}

static int
cert_score(const struct docbody *body, const struct form_lines *lines)
{
	struct form_lines	ls;
	struct form_title	t;
	struct form_table	tab;
	int			caption, score = 0;

	ls = *lines;	/* a read-only view, freed by form_read */
	if (cert_scan(body, &ls, &t, &tab, &caption))
		score = t.text == NULL ? FORM_SCORE_CAPTION : t.subject ?
		    FORM_SCORE_SUBJECT : FORM_SCORE_TITLE;
	form_title_deinit(&t);
	return (score);
}

/* Keeps the first address of text; flags every free-mail one. */
static void
check_emails(struct form_row *row, const char *text)
{
	const char *p = text;

	for (int i = 0; i < CERT_EMAILS && p != NULL; i++) {
		char *a = email_addr_find(p, &p);

		if (a == NULL)
			break;
		if (email_addr_public(a))
			findings_add(&row->errors, CODE_EMAIL_PUBLIC_DOMAIN,
			    "row %d: %s is not an official address (the "
			    "letter forbids gmail, yahoo, hotmail and the "
			    "like)", row->index, a);
		if (row->email == NULL)
			row->email = a;
		else
			g_free(a);
	}
}

static void
set_phone(struct form_row *row, const char *t, bool numeric)
{
	struct vn_phone ph;

	if (text_blank(t) || row->phone_raw != NULL)
		return;
	row->phone_raw = text_clean(t);
	if (vn_phone_parse(row->phone_raw, numeric, &ph, NULL) == 0)
		row->phone = g_strdup(ph.e164);
}

/* A row with nothing in any column but TT is no subscriber. */
static bool
row_blank(const struct grid *g, size_t r, const long *col)
{
	for (int k = FIELD_NAME; k < FIELD__COUNT; k++)
		if (!text_blank(form_cell(g, r, col[k])))
			return (false);
	return (true);
}

static void
read_table(const struct form_table *tab, struct form *f)
{
	const struct grid	*g = tab->grid;
	const long		*col = tab->col;
	int			 count = 0;

	for (size_t r = form_table_first(tab); r < g->nrows; r++) {
		struct form_row	*row;
		const char	*t;
		int		 tt;

		if (form_table_end(g, r))
			break;
		if (row_blank(g, r, col))
			continue;
		row = form_row_add(f);
		count++;
		tt = form_tt(form_cell(g, r, col[FIELD_TT]));
		row->index = tt > 0 ? tt : count;
		row->source_row = r + 1;
		if (!text_blank(t = form_cell(g, r, col[FIELD_NAME])))
			row->name = text_clean(t);
		else
			findings_add(&row->errors, CODE_NAME_MISSING,
			    "row %d: no name", row->index);
		if (!text_blank(t = form_cell(g, r, col[FIELD_POSITION])))
			row->position = text_clean(t);
		else if (col[FIELD_POSITION] >= 0)
			findings_add(&row->errors, CODE_POSITION_MISSING,
			    "row %d: no position", row->index);
		set_phone(row, form_cell(g, r, col[FIELD_PHONE]),
		    form_cell_numeric(g, r, col[FIELD_PHONE]));
		if ((t = form_cell(g, r, col[FIELD_EMAIL])) != NULL)
			check_emails(row, t);
	}
}

/* One subscriber's "label: value" lines (Mẫu 01, 03, 07, 09). */
static void
read_lines(const struct form_lines *ls, size_t from, struct form *f)
{
	struct form_row	*row = NULL;

	for (size_t j = from; j < ls->n; j++) {
		struct form_kv	kv[FORM_KV_MAX];
		size_t		n = form_line_fields(ls->v[j].text, kv);
		bool		next_cell = false;

		if (form_key_starts(ls->v[j].key, "noi nhan") ||
		    form_key_starts(ls->v[j].key, "nguoi de nghi")) {
			form_kv_clear(kv, n);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			const char *v = kv[i].value;

			/* "a@x.vn; b@y.vn": the second stands alone. */
			if (kv[i].field == FIELD_NONE) {
				if (row != NULL && strchr(v, '@') != NULL)
					check_emails(row, v);
				continue;
			}
			/* A key/value table: the value is the next cell. */
			if (*v == '\0' && j + 1 < ls->n &&
			    ls->v[j + 1].block == ls->v[j].block &&
			    ls->v[j + 1].row == ls->v[j].row) {
				v = ls->v[j + 1].text;
				next_cell = true;
			}
			if (*v == '\0')
				continue;
			if (row == NULL && (kv[i].field == FIELD_NAME ||
			    kv[i].field == FIELD_EMAIL)) {
				row = form_row_add(f);
				row->index = 1;
			}
			if (row == NULL)
				continue;
			if (kv[i].field == FIELD_NAME && row->name == NULL)
				row->name = form_name_clean(v);
			else if (kv[i].field == FIELD_POSITION &&
			    row->position == NULL)
				row->position = g_strdup(v);
			else if (kv[i].field == FIELD_EMAIL)
				check_emails(row, v);
			else if (kv[i].field == FIELD_PHONE)
				set_phone(row, v, false);
		}
		form_kv_clear(kv, n);
		j += next_cell;
	}
}

static void
cert_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	struct form_lines	ls;
	struct form_title	t;
	struct form_table	tab;
	int			caption;
	const char		*verb;
	size_t			end;

	ls = *lines;	/* a read-only view, freed by form_read */
	if (!cert_scan(body, &ls, &t, &tab, &caption))
		goto out;
	f->kind = KIND_CERT_REQUEST;
	end = tab.grid != NULL ? form_lines_find(&ls, tab.block, tab.hrow) :
	    ls.n;
	f->organization = form_organization(&ls, t.text != NULL ? t.line :
	    end);
	f->addressee = form_addressee(&ls, end);
	if (caption > 0)
		f->form_no = g_strdup_printf("Mẫu %02d", caption);
	if (t.key != NULL && (verb = title_verb(t.key)) != NULL) {
		if (form_key_starts(verb, "thu hoi"))
			f->subtype = g_strdup("revoke");
		else if (form_key_starts(verb, "gia han") ||
		    form_key_starts(verb, "thay doi"))
			f->subtype = g_strdup("renew_change");
		else if (text_key_has(verb, "sim"))
			f->subtype = g_strdup("issue_sim");
		else
			f->subtype = g_strdup("issue");
	}
	else if (caption >= 1 && caption <= 10)
		f->subtype = g_strdup(caption <= 6 ? "issue" : caption <= 8 ?
		    "renew_change" : "revoke");
	f->title = t.text;
	t.text = NULL;
	if (tab.grid != NULL)
		read_table(&tab, f);
	else
		read_lines(&ls, t.key != NULL ? t.line + 1 : 0, f);
out:
	form_title_deinit(&t);
}
