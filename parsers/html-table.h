/* html-table.h: an HTML document (a message body) as a docbody: its
 * paragraphs and its tables, in order, as the DOCX reader gives a Word
 * body. Reads, never renders; never fetches anything. */
#ifndef HOTROCKS_HTML_TABLE_H
#define HOTROCKS_HTML_TABLE_H

#include <stddef.h>

#include "parsers/docbody.h"
#include "parsers/limits.h"

/*
 * Reads html (len bytes of UTF-8) with libxml2's HTML parser (no network,
 * no external entities, errors tolerated as browsers do). Text outside
 * tables becomes paragraphs, split at line breaks and block elements;
 * each top-level <table> becomes a grid (colspan and rowspan placed as a
 * browser places them, the text in the spanning cell); a table inside a
 * cell is that cell's text, cells joined by tabs and rows by newlines.
 * Script, style and head are left out.
 *
 * Returns 0 and a body for the caller to docbody_free, or -1 with a
 * static reason and *body_r NULL: html longer than max_entry_size,
 * elements nested deeper than max_xml_depth, a table with more than
 * max_rows rows, more than max_cells cells in all, a cell longer than
 * max_cell_len bytes, or nothing the parser could read. limits may be
 * NULL for the defaults.
 */
int	html_table_read(const char *html, size_t len,
	    const struct parse_limits *limits, struct docbody **body_r,
	    const char **why_r);

#endif
