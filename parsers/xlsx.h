/* xlsx.h: the cell values of an Excel workbook (SpreadsheetML) as a
 * docbody: one named grid per worksheet, in workbook order. Sheets are
 * streamed, never built as trees; values are never re-formatted. */
#ifndef HOTROCKS_XLSX_H
#define HOTROCKS_XLSX_H

#include "parsers/docbody.h"
#include "parsers/limits.h"
#include "parsers/package.h"

/*
 * Reads the workbook of pkg (its officeDocument relationship, else
 * xl/workbook.xml) and every worksheet it lists, hidden ones too (chart
 * and dialog sheets have no cells and are skipped). Cells keep what the file
 * stores: a number is the exact lexical text of its <v> ("8.98404E+18"
 * stays so, CELL_NUMBER); a number whose style is a date format becomes
 * CELL_DATE "YYYY-MM-DD" ("YYYY-MM-DDTHH:MM:SS" when it has a time of
 * day; 1900 and 1904 systems, Excel's 1900-02-29 kept); shared and inline
 * strings are CELL_TEXT (phonetic runs left out); booleans are CELL_BOOL
 * "TRUE"/"FALSE"; errors CELL_ERROR "#N/A". Cells without a value are not
 * stored, so a grid ends at the last row and column holding one.
 *
 * Returns 0 and a body for the caller to docbody_free, or -1 and *body_r
 * NULL: the whole workbook is refused, never half-read, when a sheet has
 * more than max_rows rows, the workbook more than max_cells cells, a cell
 * is longer than max_cell_len bytes, a shared string index is out of
 * range, or a part is missing or malformed. *why_r then points to a
 * reason in thread-local storage, valid until the next xlsx_read in the
 * same thread (it names the sheet, so it cannot be a constant).
 * pkg is only borrowed.
 */
int	xlsx_read(struct package *pkg, const struct parse_limits *limits,
	    struct docbody **body_r, const char **why_r);

#endif
