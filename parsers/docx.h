/* docx.h: the text of a Word document (WordprocessingML main part) as a
 * docbody: paragraphs and tables in body order. Reads, never renders. */
#ifndef HOTROCKS_DOCX_H
#define HOTROCKS_DOCX_H

#include "parsers/docbody.h"
#include "parsers/limits.h"
#include "parsers/package.h"

/*
 * Reads the main document part of pkg (its officeDocument relationship,
 * else word/document.xml). Text is as a reader sees it: tracked insertions
 * in, deletions and moved-from text out, field codes out, one branch of
 * each mc:AlternateContent, text boxes as paragraphs after the paragraph
 * that anchors them, a nested table's text inside its enclosing cell.
 * Returns 0 and a body for the caller to docbody_free, or -1 with a static
 * reason (unreadable part, bad XML, no w:body, a table with more than
 * max_rows rows, more than max_cells cells in all, a cell longer than
 * max_cell_len bytes) and *body_r NULL. pkg is only borrowed.
 */
int	docx_read(struct package *pkg, const struct parse_limits *limits,
	    struct docbody **body_r, const char **why_r);

#endif
