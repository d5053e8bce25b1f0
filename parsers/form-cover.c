/* form-cover.c: a unit's cover letter (công văn): a letterhead, a "Kính
 * gửi" and a "V/v …" subject, with no list of its own. It must never claim
 * a document another recogniser knows: it scores below every form's own
 * title, subject, caption and table, so a list or a Mẫu typed as a letter
 * stays what it is. */
#include <string.h>

#include <glib.h>

#include "lib/text.h"
#include "parsers/form-priv.h"

/* Below FORM_SCORE_TABLE: any form of ours, even one known only by the
 * shape of its table, wins over "a letter". */
#define COVER_SCORE	40

static int	 cover_score(const struct docbody *,
		    const struct form_lines *);
static void	 cover_read(const struct docbody *,
		    const struct form_lines *, struct form *);
static size_t	 cover_subject(const struct form_lines *);

const struct form_recogniser form_cover = {
	.name = "cover_letter",
	.score = cover_score,
	.read = cover_read,
};

/* The subject line ("V/v …", "Về việc …"), which the decree on
 * administrative documents places under the number, before "Kính gửi";
 * its index, or ls->n. */
static size_t
cover_subject(const struct form_lines *ls)
{
	for (size_t i = 0; i < ls->n && i < FORM_TITLE_LINES; i++) {
		const char *k = ls->v[i].key;

		if ((form_key_starts(k, "v v") || form_key_starts(k,
		    "ve viec")) && strchr(k, ' ') != NULL &&
		    strlen(k) > strlen("ve viec"))
			return (i);
	}
	return (ls->n);
}

static int
cover_score(const struct docbody *body, const struct form_lines *lines)
{
	size_t	 v = cover_subject(lines);
	char	*org, *to;
	int	 score = 0;

	(void)body;
	if (v == lines->n)
		return (0);
	org = form_organization(lines, v);
	to = form_addressee(lines, lines->n);
	if (org != NULL && to != NULL)
		score = COVER_SCORE;
	g_free(org);
	g_free(to);
	return (score);
}

static void
cover_read(const struct docbody *body, const struct form_lines *lines,
    struct form *f)
{
	size_t v = cover_subject(lines);

	(void)body;
	f->kind = KIND_COVER_LETTER;
	if (v == lines->n)
		return;
	f->title = g_strdup(lines->v[v].text);
	f->organization = form_organization(lines, v);
	f->addressee = form_addressee(lines, lines->n);
}
