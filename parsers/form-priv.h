/* form-priv.h: what the form recognisers share with form.c: the table
 * entry each one provides, and the reading of the letterhead every party
 * form carries. Not for users of form.h. Pure, like them. */
#ifndef HOTROCKS_FORM_PRIV_H
#define HOTROCKS_FORM_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/form.h"

/* Lines of text looked at for a letterhead and title; they lead a
 * document, so a body with a longer preamble is no form we know. */
#define FORM_MAX_LINES		2000

/*
 * One recogniser. score() says how sure it is that body is its form: 0
 * not at all, up to 100 (a title of its own: 100; only a table shaped
 * like its own: less). form_read() calls read() of the best scorer, with
 * a zeroed form; read() sets kind and owns nothing after it returns.
 */
struct form_recogniser {
	const char	*name;
	int		(*score)(const struct docbody *);
	void		(*read)(const struct docbody *, struct form *);
};

extern const struct form_recogniser form_sim;	/* Phụ lục 3 */

/*
 * The body's text in reading order, one entry per line of a paragraph or
 * of a table cell (cells row by row). left is the line as the left column
 * of a two-column letterhead shows it: a paragraph's text before its
 * first tab, or a line of the leftmost cell of a table row when that cell
 * lies in the left half; NULL otherwise.
 */
struct form_line {
	char		*text;		/* text_clean */
	char		*key;		/* text_key of text */
	char		*left;		/* text_clean, or NULL */
	size_t		 block, row, col;
};

struct form_lines {
	struct form_line *v;
	size_t		  n, cap;
};

/* At most FORM_MAX_LINES lines of body; blank lines are left out. */
void	 form_lines_init(struct form_lines *, const struct docbody *);
void	 form_lines_deinit(struct form_lines *);
/* Index of the first line at or after (block, row), or n. */
size_t	 form_lines_find(const struct form_lines *, size_t block,
	    size_t row);

/*
 * The managing unit named by the letterhead in lines [0, end), cleaned,
 * or NULL (g_free). See form.c for the rule.
 */
char	*form_organization(const struct form_lines *, size_t end);
/* The same over lines [start, end): a sheet of a workbook is a page of
 * its own, so its letterhead is looked for on that sheet only. */
char	*form_organization_from(const struct form_lines *, size_t start,
	    size_t end);

/*
 * The text after "Kính gửi:" (or "Kính gởi") in lines [0, end), on the
 * same line or else the next, without list marks and trailing commas or
 * periods; NULL when there is none (g_free).
 */
char	*form_addressee(const struct form_lines *, size_t end);

/* True when a key (text_key) starts with the words of w. */
bool	 form_key_starts(const char *key, const char *w);

/* A date line: "Sơn Tịnh, ngày 02 tháng 5 năm 2024". */
bool	 form_key_is_date(const char *key);

#endif
