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
 *
 * Compression bombs: qpdf 11.3 inflates object and cross-reference
 * streams whole, and poppler every content stream it reads for text,
 * neither with a bound (qpdf 11.10 adds one; Debian 12 has 11.3). A
 * 2 MiB PDF whose catalog sits in a 2 GiB object stream took qpdf 13 s and
 * 2 GiB; a Flate-on-Flate content stream of 7 KiB kept pdftotext busy for
 * a minute. So before either library sees a PDF, pdf_doc_inflate_check
 * decodes every stream in the file the way they would: after each
 * "stream" keyword, data that is zlib, or ASCIIHex / ASCII85 text whose
 * bytes are zlib, is decoded layer by layer (up to four) and every byte
 * any layer produces, and every byte Flate consumes, is counted against
 * max_pdf_inflated for the whole file. It reads no structure, so it
 * cannot be misled about where a stream is: it looks at every place one
 * could start, including inside strings; counting what is consumed keeps
 * the work bounded when many keywords lead into one long run of data.
 * What it does not see through: streams of an encrypted PDF (decrypted
 * with the empty password by qpdf and poppler first) and LZW / RunLength
 * layers, which neither Word nor the signing tools write; those remain
 * bounded only by the file size.
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

/* As pdf_doc_open for data[0..len) that is a prefix (a signed revision)
 * of a buffer pdf_doc_open has already checked: no inflate check again. */
qpdf_data	 pdf_doc_open_prefix(const unsigned char *data, size_t len,
		    const struct parse_limits *, const char **why_r);

/*
 * 0 when every compressed stream of data[0..len) inflates, all layers
 * and streams together, within limits->max_pdf_inflated; -1 with a static
 * reason when it does not (a compression bomb: document_unreadable).
 * Pure; memory used is at most the limit, time linear in what it inflates.
 */
int		 pdf_doc_inflate_check(const unsigned char *data, size_t len,
		    const struct parse_limits *, const char **why_r);

/* The name value of key in dict ("/Sig"), borrowed until the next qpdf
 * call, or NULL when absent or not a name. */
const char	*pdf_doc_name(qpdf_data, qpdf_oh dict, const char *key);

/* The keys of a dictionary, in qpdf's order (g_ptr_array_unref). qpdf's
 * key iterator is one per document, so nested walks copy keys first. */
struct _GPtrArray *pdf_doc_keys(qpdf_data, qpdf_oh dict);

#endif
