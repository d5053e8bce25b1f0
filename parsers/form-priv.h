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

struct form_lines;

/*
 * One recogniser. score() says how sure it is that body is its form: 0
 * not at all, up to 100 (a title of its own: 100; only a table shaped
 * like its own: less). form_read() calls read() of the best scorer, with
 * a zeroed form; read() sets kind and owns nothing after it returns.
 * Both read the body's lines, which form_read() builds once and frees.
 */
struct form_recogniser {
	const char	*name;
	/* Its form lists rows (subscribers, devices, certificates): one
	 * read without them may be the công văn beside the one that has
	 * them (form.h, as_cover). */
	bool		 rows;
	int		(*score)(const struct docbody *,
			    const struct form_lines *);
	void		(*read)(const struct docbody *,
			    const struct form_lines *, struct form *);
};

extern const struct form_recogniser form_sim;	/* Phụ lục 3 */
extern const struct form_recogniser form_recovery;	/* Mẫu 11, 12 */
extern const struct form_recogniser form_handover;	/* Mẫu 13–15 */
extern const struct form_recogniser form_cert;	/* Mẫu 01–10 */
extern const struct form_recogniser form_report;	/* reports */
extern const struct form_recogniser form_cover;	/* công văn */

/*
 * Scores. A title of the form's own wins; a "V/v …" subject that names
 * the request comes next (the Mẫu are often typed as a letter); a "Mẫu
 * NN" caption with the form's words, then a table shaped like the form's
 * own, less. Ties go to the recogniser listed first in form.c, the more
 * specific form.
 */
#define FORM_SCORE_TITLE	100
#define FORM_SCORE_SUBJECT	90
#define FORM_SCORE_CAPTION	70
#define FORM_SCORE_TABLE	50

/* Lines from the top in which a caption and a title are looked for: a
 * letterhead, a number and a date come before them, never a page of
 * text. Past it lie the body and the annexes of a letter that only
 * names the forms (1871-CV/VPTU's own Phụ lục 1). */
#define FORM_TITLE_LINES	40

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

/*
 * A title found by form_title_find(). key is the text_key of the title
 * with a leading "Mẫu NN" caption and "V/v" (or "Về việc") taken off;
 * subject says there was a "V/v".
 */
struct form_title {
	char		*text;		/* text_clean, lines joined */
	char		*key;
	size_t		 line;		/* its first line */
	bool		 subject;
};

/*
 * The first title in lines [0, end) (never past FORM_TITLE_LINES) that
 * is_title accepts: one line, or two or three lines read together, as
 * titles are broken ("VĂN BẢN ĐỀ NGHỊ" / "KHÔI PHỤC THIẾT BỊ…"). is_title
 * sees the key described above. Returns false (and a zeroed t) when there
 * is none.
 */
bool	 form_title_find(const struct form_lines *, size_t end,
	    bool (*is_title)(const char *key), struct form_title *t);
void	 form_title_deinit(struct form_title *);

/* N of a "Mẫu N" or "Mẫu số N" caption (1–99) in lines [0, end), never
 * past FORM_TITLE_LINES; 0 when there is none. */
int	 form_caption(const struct form_lines *, size_t end);

/* True when the lines [0, end) hold a line whose key has w. */
bool	 form_lines_have(const struct form_lines *, size_t end,
	    const char *w);

/*
 * What a label names, in a table's header or before a ':' in a line:
 * "Số hiệu thiết bị lưu khóa bí mật (Serial)" is FIELD_DEVICE, "Thư điện
 * tử công vụ" FIELD_EMAIL.
 */
enum form_field {
	FIELD_NONE,
	FIELD_TT,
	FIELD_NAME,
	FIELD_POSITION,
	FIELD_UNIT,
	FIELD_PHONE,
	FIELD_EMAIL,
	FIELD_ID,		/* CMND/CCCD: read, never kept */
	FIELD_DEVICE,
	FIELD_DEVICE_TYPE,
	FIELD_REASON,
	FIELD__COUNT
};

/* Words in a label; a longer text is a sentence, not a label. */
#define FORM_LABEL_WORDS	12

enum form_field	 form_label_field(const char *key);

/*
 * One line read as "label: value" fields: "Họ và tên: A – ĐT: 0905…"
 * gives (NAME, "A"), (PHONE, "0905…"). Pieces are split at dashes, ';',
 * '|' and ',' (not between digits); a piece without a label comes as
 * FIELD_NONE with its text, a label without a value ("Họ và tên:", a
 * cell of a key/value table) with value "". At most FORM_KV_MAX fields;
 * values are text_clean. Free with form_kv_clear().
 */
#define FORM_KV_MAX		16

struct form_kv {
	enum form_field	 field;
	char		*value;
};

size_t	 form_line_fields(const char *text, struct form_kv *kv);
void	 form_kv_clear(struct form_kv *, size_t n);

/* text without a leading "Đồng chí", "Đ/c", "Ông" or "Bà", cleaned. */
char	*form_name_clean(const char *text);

/* A table whose header names columns (see form-fields.c for the rule). */
struct form_table {
	const struct grid	*grid;		/* NULL: none */
	size_t			 block, hrow, hrows;
	long			 col[FIELD__COUNT];	/* -1: absent */
};

/* Rows of a table searched for a header. */
#define FORM_HEADER_ROWS	64

/* The first table (and header row) for which ok(col) holds. */
bool	 form_table_find(const struct docbody *,
	    bool (*ok)(const long *col), struct form_table *);

/*
 * How a header is read, for a form whose labels are its own (Phụ lục 3).
 * label() names the field of a label's text_key. With sublabels, of the
 * cells of a two-row header the lowest that names a field wins over the
 * cells read together ("Thông tin thuê bao SIM" over "Số điện thoại").
 * With kv_data a "label: value" cell makes its row data, not labels.
 * form_table_find() is form_table_find_by() with form_label_field, no
 * sublabels and kv_data.
 */
struct form_header {
	enum form_field	(*label)(const char *key);
	bool		(*ok)(const long *col);
	bool		  sublabels;
	bool		  kv_data;
};

bool	 form_table_find_by(const struct docbody *,
	    const struct form_header *, struct form_table *);
/* Row after the header and an optional "(1) (2) (3)" row. */
size_t	 form_table_first(const struct form_table *);
/* A note, contact or signature row, which ends a list. */
bool	 form_table_end(const struct grid *, size_t row);
/* The cell's text, or NULL; c may be -1. */
const char *form_cell(const struct grid *, size_t row, long c);
bool	 form_cell_numeric(const struct grid *, size_t row, long c);
/* The TT written ("3", "3."), or -1. */
int	 form_tt(const char *);
/* A new zeroed row at the end of f's rows, the recogniser's to fill
 * as form_row_edit says (form_read seals the last). */
struct form_row *form_row_add(struct form *);
/* Number of ASCII digits in s. */
size_t	 form_digits(const char *s);

/* True when a key (text_key) starts with the words of w. */
bool	 form_key_starts(const char *key, const char *w);

/* A date line: "Sơn Tịnh, ngày 02 tháng 5 năm 2024". */
bool	 form_key_is_date(const char *key);
/* A key of the "Kính gửi" line (also as "Kính gởi" is typed). */
bool	 form_key_is_kinh_gui(const char *key);

/*
 * A document's own number ("215-CV/HU", from its "Số" line) and date
 * ("2024-05-08", from "Mộ Đức, ngày 08 tháng 5 năm 2024") in its header,
 * lines [0, end), or NULL (g_free); form-cover.c has the rules.
 */
char	*form_doc_number(const struct form_lines *, size_t end);
char	*form_doc_date(const struct form_lines *, size_t end);

#endif
