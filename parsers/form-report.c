/* form-report.c: reports on the use of certificates (6-monthly, yearly,
 * ad hoc; letter 1871-CV/VPTU §4), which VPTU archives. It must never
 * take a letter that only mentions "chữ ký số" for a report: the title
 * itself must say "Báo cáo" and name certificates or key devices.
 */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

/* Lines after the title's first looked at for the period. */
#define PERIOD_LINES	3

static bool	 is_report_title(const char *);
static int	 report_score(const struct docbody *,
		    const struct form_lines *);
static const char *period(const char *);
static void	 report_read(const struct docbody *,
		    const struct form_lines *, struct form *);

const struct form_recogniser form_report = {
	.name = "report",
	.score = report_score,
	.read = report_read,
};

static bool
is_report_title(const char *key)
{
	static const char *const topics[] = { "chung thu so", "chu ky so",
	    "chung thuc so", "thiet bi luu khoa", "sim pki", "sim ky so",
	    NULL };
	size_t	words = 1;

	for (const char *p = key; *p != '\0'; p++)
		words += *p == ' ';
	if (words > 40 || !form_key_starts(key, "bao cao"))
		return (false);
	for (size_t i = 0; topics[i] != NULL; i++)
		if (text_key_has(key, topics[i]))
			return (true);
	return (false);
}

static int
report_score(const struct docbody *body, const struct form_lines *lines)
{
	struct form_lines	ls;
	struct form_title	t;
	int			score = 0;

	(void)body;	/* titles suffice: no table is read */

	ls = *lines;	/* a read-only view, freed by form_read */
	if (form_title_find(&ls, ls.n, is_report_title, &t))
		score = t.subject ? FORM_SCORE_SUBJECT : FORM_SCORE_TITLE;
	form_title_deinit(&t);
	return (score);
}

/* The period a key names, or NULL. */
static const char *
period(const char *key)
{
	const char *p;

	if (text_key_has(key, "6 thang") || text_key_has(key, "sau thang"))
		return ("half_year");
	if (text_key_has(key, "dot xuat"))
		return ("ad_hoc");
	if (text_key_has(key, "hang nam") || text_key_has(key, "ca nam"))
		return ("year");
	for (p = key; (p = strstr(p, "nam ")) != NULL; p++)
		if ((p == key || p[-1] == ' ') && strspn(p + 4,
		    "0123456789") == 4 && (p[8] == '\0' || p[8] == ' '))
			return ("year");
	return (NULL);
}

static void
report_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	struct form_lines	 ls;
	struct form_title	 t;
	const char		*per;

	(void)body;	/* titles suffice: no table is read */

	ls = *lines;	/* a read-only view, freed by form_read */
	if (!form_title_find(&ls, ls.n, is_report_title, &t))
		goto out;
	f->kind = KIND_REPORT;
	per = period(t.key);
	/* "BÁO CÁO" / "Tình hình …" / "6 tháng đầu năm 2024". */
	for (size_t i = t.line + 1; per == NULL && i < ls.n &&
	    i <= t.line + PERIOD_LINES; i++) {
		const char *k = ls.v[i].key;

		if (form_key_is_kinh_gui(k))
			break;
		if (!form_key_is_date(k))
			per = period(k);
	}
	f->subtype = g_strdup(per != NULL ? per : "ad_hoc");
	f->organization = form_organization(&ls, t.line);
	f->addressee = form_addressee(&ls, ls.n);
	/* "Số 120-BC/HU" and its date stand above the title: the unit's
	 * receipt cites them */
	f->doc_number = form_doc_number(&ls, t.line);
	f->doc_date = form_doc_date(&ls, t.line);
	f->title = t.text;
	t.text = NULL;
out:
	form_title_deinit(&t);
}
