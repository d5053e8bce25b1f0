/* pdf-doc.h: a PDF opened from memory with qpdf's C API, under hotrocks's
 * limits, for the signature reader and signer. Internal to parsers/; pure:
 * qpdf reads the caller's buffer (qpdf_read_memory) and is told to keep its
 * warnings and errors to itself.
 *
 * Why qpdf and not poppler: signatures need the objects themselves — each
 * revision's catalog, fields, pages and streams, compared object by object
 * between the signed revision and the file as received — and qpdf gives
 * exactly that: object-level access, cross-reference streams and object
 * streams, incremental updates read through /Prev, no rendering, and a C
 * API that reads from memory. poppler-glib verifies signatures only
 * through NSS's own certificate database (not our anchors and CRLs) and
 * hides the object structure; its text extraction may still read cover
 * letters later (issue 12, item 2).
 *
 * Limits (parsers/limits.h): the file size and the declared object count
 * are checked before anything is resolved; walks are bounded in objects
 * and depth. We never decode a content stream: streams are compared raw.
 * qpdf 11.3 itself inflates object and cross-reference streams without a
 * bound of its own; the file-size limit and the caller's memory bound are
 * what hold there (qpdf 11.10 adds a limit we can use once Debian has it).
 */
#ifndef HOTROCKS_PDF_DOC_H
#define HOTROCKS_PDF_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <qpdf/qpdf-c.h>

#include "parsers/limits.h"

/*
 * Opens data[0..len) (borrowed: it must outlive the handle) without xref
 * reconstruction: a damaged file is unreadable rather than guessed at.
 * NULL with a static reason when it is not a PDF qpdf can read, is
 * encrypted with a password, or is over a limit.
 */
qpdf_data	 pdf_doc_open(const unsigned char *data, size_t len,
		    const struct parse_limits *, const char **why_r);
void		 pdf_doc_close(qpdf_data);

/* The name value of key in dict ("/Sig"), borrowed until the next qpdf
 * call, or NULL when absent or not a name. */
const char	*pdf_doc_name(qpdf_data, qpdf_oh dict, const char *key);

/* The keys of a dictionary, in qpdf's order (g_ptr_array_unref). qpdf's
 * key iterator is one per document, so nested walks copy keys first. */
struct _GPtrArray *pdf_doc_keys(qpdf_data, qpdf_oh dict);

#endif
