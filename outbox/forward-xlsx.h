/* forward-xlsx.h: the list forwarded to the Cục, as an XLSX in the layout
 * of Phụ lục 3 (letter 1871-CV/VPTU), written here and zipped by libzip
 * in memory. It never reformats a value: phones and ICCIDs are written as
 * text cells, so no digit is lost to a number format. Never includes
 * intake/ headers. */
#ifndef HOTROCKS_FORWARD_XLSX_H
#define HOTROCKS_FORWARD_XLSX_H

#include <stdbool.h>
#include <stddef.h>

/* One row of the table; strings borrowed, NULL written as an empty cell. */
struct forward_xlsx_row {
	const char	*phone;		/* 84 + 9 digits, as Mobile-ID takes it */
	const char	*iccid;		/* digits */
	const char	*name;
	const char	*position;
};

/* What the sheet says; strings borrowed. */
struct forward_xlsx {
	const char	*parent;	/* "ĐẢNG BỘ TỈNH QUẢNG NGÃI" */
	const char	*office;	/* "VĂN PHÒNG TỈNH ỦY" */
	const char	*place;		/* "Quảng Ngãi" */
	const char	*date;		/* RFC 3339: the letter's own time */
	const char	*zone;		/* whose day date is: the office's
					 * ([mailbox] timezone, as its
					 * letter's Date:); NULL: UTC */
	const char	*addressee;	/* the Cục's full name */
	const struct forward_xlsx_row *rows;
	size_t		 nrows;
	/* NULL, or a sixth column "Ghi chú" with notes[i] for rows[i]
	 * (NULL an empty cell): what a reply to the unit says of each row
	 * of a long list (never the Cục's). */
	const char *const *notes;
	/* Or, with rows NULL, the rows one at a time (a long list's are
	 * never all held): row(rows_ctx, i, r, note) fills r with row
	 * i < nrows, and *note when with_notes, valid until the next call,
	 * and returns 0; i comes in order from 0. */
	int		(*row)(void *rows_ctx, size_t i,
			    struct forward_xlsx_row *r, const char **note);
	void		*rows_ctx;
	bool		 with_notes;
};

/* The first data row, 0-based: the letterhead, the title, the addressee
 * and the header row come before it (tests read the table from here). */
#define FORWARD_XLSX_HEADER_ROW	7
#define FORWARD_XLSX_FIRST_ROW	8
/* The most rows a list may have: Excel's last row is 1,048,576. */
#define FORWARD_XLSX_MAX_ROWS	(1048576 - FORWARD_XLSX_FIRST_ROW)

/*
 * Writes the workbook: one sheet "Phụ lục 3" with the letterhead (parent
 * and office on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and "place, ngày …
 * tháng … năm …" on the right), the title "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM
 * KÝ SỐ", "Kính gửi: addressee", and the table TT / Số điện thoại / Số
 * ICCID / Họ và tên người dùng / Chức vụ, its header repeated on every
 * printed page and the columns fitted to the width of portrait A4.
 * Phones and ICCIDs are inline-string cells, TT a number cell; text XML
 * cannot hold is written _xHHHH_ as Excel writes it.
 * The workbook is made in memory, its sheet a few rows at a time as it
 * is deflated (never the whole sheet at once): the row callback is called
 * once per row, in order. Nothing is written to disk: tmpdir is unused,
 * kept so that callers need not change. The bytes are a function of x
 * alone (docProps/core.xml is dated x->date, never the clock).
 * 0 with *data_r (g_free) and *len_r; -1 and *cause (g_free) when the row
 * callback fails (the cause names the row), when there are more than
 * FORWARD_XLSX_MAX_ROWS rows or the sheet would pass 4 GB, or libzip
 * fails; then nothing is left allocated.
 */
int	forward_xlsx_build(const struct forward_xlsx *, const char *tmpdir,
	    unsigned char **data_r, size_t *len_r, char **cause);

/*
 * A workbook forward_xlsx_build made, dated again: its date line (place,
 * the day of date in zone) and docProps/core.xml say date, every other
 * byte of its sheet as it was. The bytes are those forward_xlsx_build
 * makes of the same rows with that date. The sheet is read and deflated
 * again a few rows at a time, never held whole. 0 with *data_r (g_free)
 * and *len_r; -1 and *cause (g_free) when data is not a workbook
 * forward_xlsx_build made or date does not parse.
 */
int	forward_xlsx_redate(const unsigned char *data, size_t len,
	    const char *place, const char *date, const char *zone,
	    unsigned char **data_r, size_t *len_r, char **cause);

/* "Quảng Ngãi, ngày 08 tháng 5 năm 2024" for the RFC 3339 time date (its
 * day in zone, as wording_date takes it), as the letter dates itself.
 * NULL when date does not parse. g_free. */
char	*forward_xlsx_dateline(const char *place, const char *date,
	    const char *zone);

#endif
