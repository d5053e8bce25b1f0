/* forward-xlsx.c: the Phụ lục 3 list for the Cục, written by libxlsxwriter
 * into a private temporary directory and read back as bytes. It must
 * never leave a file behind, and never write a phone or ICCID as a
 * number. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "outbox/forward-xlsx.h"
#include "outbox/wording.h"

static const char *const heads[] = { "TT", "Số điện thoại", "Số ICCID",
    "Họ và tên người dùng", "Chức vụ" };
/*
 * Column widths in Excel's character units. Portrait A4 less 1.5 cm
 * margins leaves about 18 cm, some 95 units at the default font: a
 * 20-digit ICCID and a phone fit on one line, names and positions wrap.
 * fit_to_pages keeps the width on one page whatever the printer's font.
 */
static const double widths[] = { 5, 14, 23, 25, 26 };
/* The notes column, when asked for (the print is narrowed to fit). */
#define NOTE_WIDTH	60

static int	 write_book(const struct forward_xlsx *, const char *,
		    const char *, char **);

char *
forward_xlsx_dateline(const char *place, const char *date)
{
	char	*d, **p, *s = NULL;

	if ((d = wording_date(date)) == NULL)
		return (NULL);
	p = g_strsplit(d, "/", 3);
	if (g_strv_length(p) == 3)
		s = g_strdup_printf("%s, ngày %s tháng %s năm %s",
		    place != NULL ? place : "", p[0], p[1], p[2]);
	g_strfreev(p);
	g_free(d);
	return (s);
}

/* The workbook at path; libxlsxwriter's own temporaries go to tmpdir. */
static int
write_book(const struct forward_xlsx *x, const char *path, const char *tmpdir,
    char **cause)
{
	lxw_workbook_options	 opt = { 0 };
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*left, *right, *bold, *title, *head, *cell;
	lxw_format		*num, *text, *star;
	lxw_error		 err;
	char			*dateline, *to;
	const char		*v;
	lxw_row_t		 r;
	bool			 notes;

	/* Rows are written in order, so a list of 200,000 rows costs one
	 * row of memory; strings go inline. */
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)tmpdir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		*cause = g_strdup_printf("%s: cannot create the workbook",
		    path);
		return (-1);
	}
	ws = workbook_add_worksheet(wb, "Phụ lục 3");
	left = workbook_add_format(wb);
	format_set_bold(left);
	format_set_align(left, LXW_ALIGN_CENTER);
	format_set_font_name(left, "Times New Roman");
	format_set_font_size(left, 12);
	right = workbook_add_format(wb);
	format_set_italic(right);
	format_set_align(right, LXW_ALIGN_CENTER);
	format_set_font_name(right, "Times New Roman");
	format_set_font_size(right, 12);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_underline(bold, LXW_UNDERLINE_SINGLE);
	format_set_align(bold, LXW_ALIGN_CENTER);
	format_set_font_name(bold, "Times New Roman");
	format_set_font_size(bold, 12);
	star = workbook_add_format(wb);
	format_set_align(star, LXW_ALIGN_CENTER);
	format_set_font_name(star, "Times New Roman");
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_text_wrap(title);
	format_set_font_name(title, "Times New Roman");
	format_set_font_size(title, 14);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_font_name(head, "Times New Roman");
	format_set_font_size(head, 12);
	cell = workbook_add_format(wb);
	format_set_text_wrap(cell);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_font_name(cell, "Times New Roman");
	format_set_font_size(cell, 12);
	num = workbook_add_format(wb);
	format_set_align(num, LXW_ALIGN_CENTER);
	format_set_align(num, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_font_name(num, "Times New Roman");
	format_set_font_size(num, 12);
	/* "@": Excel keeps what is typed into these cells as text too. */
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(text, LXW_BORDER_THIN);
	format_set_font_name(text, "Times New Roman");
	format_set_font_size(text, 12);

	for (size_t i = 0; i < G_N_ELEMENTS(widths); i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    widths[i], i == 1 || i == 2 ? text : NULL);
	if (x->notes != NULL)
		worksheet_set_column(ws, (lxw_col_t)G_N_ELEMENTS(widths),
		    (lxw_col_t)G_N_ELEMENTS(widths), NOTE_WIDTH, NULL);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_set_portrait(ws);
	worksheet_set_margins(ws, 0.6, 0.6, 0.75, 0.75);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, FORWARD_XLSX_HEADER_ROW,
	    FORWARD_XLSX_HEADER_ROW);
	worksheet_center_horizontally(ws);

	dateline = forward_xlsx_dateline(x->place, x->date);
	to = g_strdup_printf("Kính gửi: %s", x->addressee != NULL ?
	    x->addressee : "");
	worksheet_merge_range(ws, 0, 0, 0, 1, x->parent != NULL ? x->parent :
	    "", star);
	worksheet_merge_range(ws, 0, 2, 0, 4, "ĐẢNG CỘNG SẢN VIỆT NAM", bold);
	worksheet_merge_range(ws, 1, 0, 1, 1, x->office != NULL ? x->office :
	    "", left);
	worksheet_merge_range(ws, 1, 2, 1, 4, dateline != NULL ? dateline :
	    "", right);
	worksheet_merge_range(ws, 2, 0, 2, 1, "*", star);
	worksheet_merge_range(ws, 4, 0, 4, 4,
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", title);
	worksheet_set_row(ws, 5, 33, NULL);
	worksheet_merge_range(ws, 5, 0, 5, 4, to, right);
	g_free(dateline);
	g_free(to);
	for (size_t i = 0; i < G_N_ELEMENTS(heads); i++)
		worksheet_write_string(ws, FORWARD_XLSX_HEADER_ROW,
		    (lxw_col_t)i, heads[i], head);
	notes = x->row != NULL ? x->with_notes : x->notes != NULL;
	if (notes)
		worksheet_write_string(ws, FORWARD_XLSX_HEADER_ROW,
		    (lxw_col_t)G_N_ELEMENTS(heads), "Ghi chú", head);
	for (size_t i = 0; i < x->nrows; i++) {
		struct forward_xlsx_row		 one;
		const struct forward_xlsx_row	*row = &one;
		const char			*note = NULL;

		if (x->row == NULL) {
			row = &x->rows[i];
			note = x->notes != NULL ? x->notes[i] : NULL;
		} else if (x->row(x->rows_ctx, i, &one, &note) == -1) {
			*cause = g_strdup_printf("row %zu of %zu cannot be "
			    "read", i + 1, x->nrows);
			workbook_close(wb);
			return (-1);
		}
		r = (lxw_row_t)(FORWARD_XLSX_FIRST_ROW + i);
		worksheet_write_number(ws, r, 0, (double)(i + 1), num);
		v = row->phone != NULL ? row->phone : "";
		worksheet_write_string(ws, r, 1, v, text);
		v = row->iccid != NULL ? row->iccid : "";
		worksheet_write_string(ws, r, 2, v, text);
		worksheet_write_string(ws, r, 3, row->name != NULL ?
		    row->name : "", cell);
		worksheet_write_string(ws, r, 4, row->position != NULL ?
		    row->position : "", cell);
		if (notes)
			worksheet_write_string(ws, r, 5, note != NULL ?
			    note : "", cell);
	}
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		*cause = g_strdup_printf("%s: %s", path, lxw_strerror(err));
		return (-1);
	}
	return (0);
}

int
forward_xlsx_build(const struct forward_xlsx *x, const char *tmpdir,
    unsigned char **data_r, size_t *len_r, char **cause)
{
	GError	*err = NULL;
	char	*dir, *path = NULL, *tmpl, *bytes = NULL;
	gsize	 len = 0;
	int	 rc = -1;

	*data_r = NULL;
	*len_r = 0;
	/* Mode 0700: the list names people; no one else reads it. */
	tmpl = g_build_filename(tmpdir != NULL ? tmpdir : g_get_tmp_dir(),
	    "hotrocks-xlsx-XXXXXX", NULL);
	if ((dir = g_mkdtemp(tmpl)) == NULL) {
		*cause = g_strdup_printf("%s: %s", tmpl, g_strerror(errno));
		g_free(tmpl);
		return (-1);
	}
	path = g_build_filename(dir, "list.xlsx", NULL);
	if (write_book(x, path, dir, cause) == -1)
		goto out;
	if (!g_file_get_contents(path, &bytes, &len, &err)) {
		*cause = g_strdup_printf("%s", err->message);
		g_error_free(err);
		goto out;
	}
	*data_r = (unsigned char *)bytes;
	*len_r = len;
	rc = 0;
out:
	g_unlink(path);
	/* libxlsxwriter removes its own temporaries; this catches a crash
	 * of its close only in part, the directory name says whose it is */
	if (g_rmdir(dir) == -1 && rc == 0) {
		*cause = g_strdup_printf("%s: %s", dir, g_strerror(errno));
		g_free(bytes);
		*data_r = NULL;
		*len_r = 0;
		rc = -1;
	}
	g_free(path);
	g_free(dir);
	return (rc);
}
