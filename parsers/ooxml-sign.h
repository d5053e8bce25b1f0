/* ooxml-sign.h: adds an ECMA-376 Part 2 package signature (XMLDSig with
 * XAdES, the shape Office and POI write) to a DOCX or XLSX in memory.
 * Pure: the key, certificates and signing time are passed in. */
#ifndef HOTROCKS_OOXML_SIGN_H
#define HOTROCKS_OOXML_SIGN_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "parsers/limits.h"

/*
 * Signs the package in in[0..len) with key (RSA or EC, SHA-256) for cert,
 * adding chain (may be NULL) to KeyInfo, stating at as the signing time.
 * Every part and relationship the coverage rule of ooxml-dsig.h names is
 * signed; an existing signature is kept and the new one is added beside
 * it. Returns 0 with a fresh ZIP in *out_r (g_free) of *out_len_r bytes,
 * or -1 with a static reason. limits as for package_open (NULL: defaults).
 */
int	ooxml_sign(const unsigned char *in, size_t len, EVP_PKEY *key,
	    X509 *cert, STACK_OF(X509) *chain, time_t at,
	    const struct parse_limits *limits, unsigned char **out_r,
	    size_t *out_len_r, const char **why_r);

#endif
