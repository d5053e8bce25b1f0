/* form-handover.c: the device paperwork of Mẫu 13–15 (handover with the
 * certificate's start date, the record of a device returned, the record
 * of a device lost). They belong to the Cục; nothing in them is judged
 * here. It must never take a recovery request for one.
 */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

static bool	 has_device(const char *);
static bool	 is_handover_title(const char *);
static bool	 handover_scan(const struct form_lines *, struct form_title *,
		    int *);
static int	 handover_score(const struct docbody *,
		    const struct form_lines *);
static void	 handover_read(const struct docbody *,
		    const struct form_lines *, struct form *);

const struct form_recogniser form_handover = {
	.name = "handover",
	.score = handover_score,
	.read = handover_read,
};

static bool
has_device(const char *key)
{
	return (text_key_has(key, "thiet bi") || text_key_has(key, "etoken") ||
	    text_key_has(key, "token") || text_key_has(key, "usb") ||
	    text_key_has(key, "sim"));
}

/* "VĂN BẢN BÀN GIAO THIẾT BỊ …", "BIÊN BẢN GIAO/NHẬN THIẾT BỊ …",
 * "BIÊN BẢN XÁC NHẬN THẤT LẠC THIẾT BỊ …", "… THỜI ĐIỂM HIỆU LỰC CỦA
 * CHỨNG THƯ SỐ". */
static bool
is_handover_title(const char *key)
{
	static const char *const heads[] = { "van ban", "bien ban", "giay",
	    "de nghi", "cong van", "ban giao", "giao nhan", "xac nhan", NULL };
	size_t	words = 1;
	bool	head = false;

	for (const char *p = key; *p != '\0'; p++)
		words += *p == ' ';
	for (size_t i = 0; heads[i] != NULL && !head; i++)
		head = form_key_starts(key, heads[i]);
	if (!head || words > 40 || text_key_has(key, "khoi phuc") ||
	    text_key_has(key, "kich hoat"))
		return (false);
	return (((text_key_has(key, "ban giao") ||
	    text_key_has(key, "giao nhan") || text_key_has(key, "that lac")) &&
	    has_device(key)) || (text_key_has(key, "thoi diem") &&
	    text_key_has(key, "hieu luc") && text_key_has(key, "chung thu")));
}

static bool
handover_scan(const struct form_lines *ls, struct form_title *t,
    int *caption)
{
	*caption = form_caption(ls, ls->n);
	if (form_title_find(ls, ls->n, is_handover_title, t))
		return (true);
	return (*caption >= 13 && *caption <= 15 &&
	    (form_lines_have(ls, FORM_TITLE_LINES, "thiet bi luu khoa") ||
	    form_lines_have(ls, FORM_TITLE_LINES, "chung thu so")));
}

static int
handover_score(const struct docbody *body, const struct form_lines *lines)
{
	struct form_lines	ls;
	struct form_title	t;
	int			caption, score = 0;

	(void)body;	/* titles suffice: no table is read */

	ls = *lines;	/* a read-only view, freed by form_read */
	if (handover_scan(&ls, &t, &caption))
		score = t.text == NULL ? FORM_SCORE_CAPTION : t.subject ?
		    FORM_SCORE_SUBJECT : FORM_SCORE_TITLE;
	form_title_deinit(&t);
	return (score);
}

static void
handover_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	struct form_lines	 ls;
	struct form_title	 t;
	int			 caption, no = 0;

	(void)body;	/* titles suffice: no table is read */

	ls = *lines;	/* a read-only view, freed by form_read */
	if (!handover_scan(&ls, &t, &caption))
		goto out;
	f->kind = KIND_HANDOVER;
	if (t.key != NULL) {
		if (text_key_has(t.key, "that lac"))
			no = 15;
		else if (text_key_has(t.key, "giao nhan") ||
		    text_key_has(t.key, "thu hoi") ||
		    text_key_has(t.key, "het han"))
			no = 14;
		else
			no = 13;
	}
	if (caption >= 13 && caption <= 15)
		no = caption;
	if (caption > 0)
		f->form_no = g_strdup_printf("Mẫu %02d", caption);
	else if (no > 0)
		f->form_no = g_strdup_printf("Mẫu %02d", no);
	if (no > 0)
		f->subtype = g_strdup(no == 13 ? "handover" : no == 14 ?
		    "return" : "loss");
	f->organization = form_organization(&ls, t.text != NULL ? t.line :
	    ls.n);
	f->addressee = form_addressee(&ls, ls.n);
	f->title = t.text;
	t.text = NULL;
out:
	form_title_deinit(&t);
}
