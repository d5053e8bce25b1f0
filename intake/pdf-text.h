/* pdf-text.h: the text of a digitally produced PDF (a cover letter, a list
 * printed to PDF) as a docbody the form recognisers read, through
 * poppler-glib. A scan has no text and gives an empty body. */
#ifndef HOTROCKS_PDF_TEXT_H
#define HOTROCKS_PDF_TEXT_H

#include <stddef.h>

#include "parsers/docbody.h"
#include "parsers/limits.h"

/* Pages read: a cover letter is one or two, a list a few. */
#define PDF_TEXT_MAX_PAGES	20
/* Bytes of text kept in all: far beyond any letter, far below memory. */
#define PDF_TEXT_MAX_BYTES	(1024 * 1024)

/*
 * Reads data[0..len) (borrowed) into a new body (docbody_free), one
 * paragraph per page, one line per line of text; a wide horizontal gap
 * inside a line (the two columns of a letterhead) becomes a tab, as in a
 * DOCX letterhead. Returns 0, or -1 with a static reason when poppler
 * cannot open it, it is encrypted, or it is over limits->max_pdf_size.
 */
int	pdf_text_read(const unsigned char *data, size_t len,
	    const struct parse_limits *, struct docbody **body_r,
	    const char **why_r);

#endif
