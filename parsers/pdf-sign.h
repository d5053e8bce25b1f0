/* pdf-sign.h: adds a PAdES-style signature to a PDF in memory, as an
 * incremental update (the signed bytes are never rewritten), the shape the
 * office's own tools write. Pure: key, certificates and time come in. */
#ifndef HOTROCKS_PDF_SIGN_H
#define HOTROCKS_PDF_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "parsers/limits.h"

/*
 * Appends to in[0..len) one incremental update: an invisible signature
 * field (merged with its widget on the first page, added to /AcroForm
 * /Fields, /SigFlags 3) whose /V holds a CMS SignedData (SHA-256,
 * signingTime at, the signer's certificate and chain; with cades an ESS
 * signing-certificate-v2 and SubFilter ETSI.CAdES.detached, else
 * adbe.pkcs7.detached) over a ByteRange covering the whole file but the
 * Contents hole. Returns 0 with the new file in *out_r (g_free) of
 * *out_len_r bytes, or -1 with a static reason (an encrypted PDF, one
 * over the limits, or no page).
 */
int	pdf_sign(const unsigned char *in, size_t len, EVP_PKEY *key,
	    X509 *cert, STACK_OF(X509) *chain, time_t at, bool cades,
	    const struct parse_limits *, unsigned char **out_r,
	    size_t *out_len_r, const char **why_r);

#endif
