/* pdf-layout.h: a PDF page's lines, as poppler lays them out, into the
 * paragraphs and tables of a docbody. Pure: the text and the place of each
 * column segment come from the caller (intake/pdf-text.c).
 *
 * A PDF has no tables, only glyphs at places. A unit's Mẫu 12 or report
 * made in Word and printed to PDF keeps its table as lines whose cells
 * stand apart by wide gaps: two or more lines in a row with three or more
 * such segments are a table, its first line the header, and each segment
 * goes to the header's column nearest where it starts. A line that starts
 * in the first column and fills half the columns or more is a row; one
 * that starts right of the first column continues the row above (a cell
 * wrapped over two lines); any other line ends the table. */
#ifndef HOTROCKS_PDF_LAYOUT_H
#define HOTROCKS_PDF_LAYOUT_H

#include <stddef.h>

#include "parsers/docbody.h"

/* The fewest segments of a line that can be a table's, and the most: a
 * form's table has a dozen columns; a line of glyphs set far apart is no
 * header, and each cell is placed against every column of its header. */
#define PDF_LAYOUT_MIN_COLUMNS	3
#define PDF_LAYOUT_MAX_COLUMNS	64

/*
 * Adds a page to body: text holds its lines ('\n' after each), the
 * segments of a line apart by '\t'; x[i] is where segment i of the page
 * starts (in page order, nx of them; missing ones count as unknown, and a
 * line with an unknown place is never a table's). max_cells bounds the
 * cells of each table.
 */
void	pdf_layout_add(struct docbody *body, const char *text,
	    const double *x, size_t nx, size_t max_cells);

#endif
