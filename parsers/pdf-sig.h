/* pdf-sig.h: verifies the signatures of a PDF (ISO 32000-1 §12.8, PAdES /
 * ETSI EN 319 142: adbe.pkcs7.detached and ETSI.CAdES.detached) with
 * OpenSSL's CMS. Pure: time, trust anchors and CRLs come in; a forged or
 * altered document must never come out valid.
 *
 * What "valid" means here, for each signature field:
 *  - its /ByteRange is [0 a b c] within the file, and the bytes it leaves
 *    out, [a, b), are exactly one hex string '<…>' whose value is this
 *    signature's /Contents (Universal Signature Forgery, Signature
 *    Wrapping: nothing unsigned but the signature itself);
 *  - the CMS SignedData in /Contents verifies over bytes [0,a) and
 *    [b,b+c), message digest included, and its signer's chain reaches an
 *    anchor at the signing time its signed attributes state;
 *  - the revision it signed, bytes [0, b+c), is a PDF of its own, and the
 *    file as received shows nothing else: every object reachable from the
 *    received trailer is the same (raw stream bytes included) as in the
 *    signed revision, except what a validator or a later signer may add —
 *    /DSS and /Extensions in the catalog, and later signature fields (each
 *    with its own /V, verified on its own) in /AcroForm /Fields, /SigFlags
 *    and a page's /Annots. Anything else appended (the Incremental Saving
 *    and Shadow attacks) makes the signature partial.
 * A signature field with no /V, another SubFilter (adbe.x509.rsa_sha1,
 * ETSI.RFC3161 document timestamps) or an encrypted PDF is unsupported.
 */
#ifndef HOTROCKS_PDF_SIG_H
#define HOTROCKS_PDF_SIG_H

#include <stddef.h>

#include "parsers/limits.h"
#include "parsers/ooxml-sig.h"

/*
 * Verifies every signature field of the PDF in data[0..len), in signing
 * order (by the end of the revision each signed; unsigned fields last).
 * Returns 0 with *results_r (free with ooxml_sig_results_free; part is
 * the field's full name) and *n_r (0 and NULL: no signature field), or -1
 * with a static reason when the file is not a PDF that can be read or is
 * over a limit (NULL limits: defaults).
 */
int	pdf_sig_verify(const unsigned char *data, size_t len,
	    const struct sig_trust *, const struct parse_limits *,
	    struct sig_result **results_r, size_t *n_r, const char **why_r);

#endif
