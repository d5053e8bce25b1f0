/* xls.h: the cell values of a legacy Excel workbook (BIFF8 in an OLE2
 * compound file) as a docbody. Pure: bytes in, one tree out; a hostile
 * compound file is refused, never followed round a cycle. */
#ifndef HOTROCKS_XLS_H
#define HOTROCKS_XLS_H

#include <stddef.h>

#include "parsers/docbody.h"
#include "parsers/limits.h"

/*
 * Reads every worksheet of the workbook in data, in workbook order, each
 * as one grid named after its sheet (chart and macro sheets are left
 * out). Cells keep what the file stores:
 *   - strings (shared, LABEL, formula results) are CELL_TEXT in UTF-8;
 *     8-bit strings are read in the workbook's CODEPAGE (cp1258 and
 *     friends, then NFC) unless it says UTF-16, when they are Latin-1 as
 *     BIFF8 defines them;
 *   - numbers are CELL_NUMBER with the shortest decimal that reads back
 *     as the same double, written as ECMAScript writes numbers: integral
 *     values below 1e21 in full ("982345678", "8984040000000000000"),
 *     others as "0.5", "1.5e-7", "1e+21";
 *   - a number whose cell format is a date format is CELL_DATE
 *     "YYYY-MM-DD" ("YYYY-MM-DDTHH:MM:SS" when it has a time of day;
 *     1900 and 1904 systems; Excel's 1900-02-29 kept);
 *   - booleans are CELL_BOOL "TRUE"/"FALSE", errors CELL_ERROR "#N/A".
 * Empty strings and blank cells are not stored. A merged range keeps its
 * value in its top-left cell only, as Excel stores it.
 *
 * Returns 0 and a body for the caller to docbody_free, or -1, *body_r
 * NULL and *why_r a static reason: not a compound file; a broken one
 * (FAT or directory cycle, sector out of range, truncated stream); no
 * Workbook stream; an older BIFF ("BIFF5/Excel 95 not read"); an
 * encrypted workbook ("encrypted workbook (RC4)", "(CryptoAPI)", "(XOR
 * obfuscation)") or an encrypted OOXML package ("encrypted OOXML
 * package"); a malformed record; or a limit passed (max_rows rows in a
 * sheet, max_cells cells in the workbook, max_cell_len bytes in a cell).
 * limits may be NULL for the defaults.
 */
int	xls_read(const unsigned char *data, size_t len,
	    const struct parse_limits *limits, struct docbody **body_r,
	    const char **why_r);

#endif
