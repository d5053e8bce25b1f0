/* ooxml-sig.h: verifies the package signatures of a DOCX or XLSX (ECMA-376
 * Part 2: XMLDSig, XAdES, OPC relationship transform). Pure: time, trust
 * anchors and CRLs come in; a forged document must never come out valid. */
#ifndef HOTROCKS_OOXML_SIG_H
#define HOTROCKS_OOXML_SIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "lib/codes.h"
#include "parsers/package.h"

/*
 * What the caller trusts, all borrowed for the duration of the call.
 * anchors: trust anchors (the chain must end in one); intermediates:
 * extra CA certificates offered for chain building; crls: parsed CRLs
 * (one whose nextUpdate is before receipt still revokes, and adds a
 * warning); receipt: when the document was received, the time to check
 * validity at when the signature states no signing time (or states one
 * after receipt). Any pointer may be NULL.
 */
struct sig_trust {
	STACK_OF(X509)		*anchors;
	STACK_OF(X509)		*intermediates;
	STACK_OF(X509_CRL)	*crls;
	time_t			 receipt;
};

/* The signing certificate: subject fields in NFC, serial in lower-case
 * hex, times RFC 3339 UTC. Any field may be NULL when absent. */
struct sig_signer {
	char	*cn;
	char	*o;
	char	*ou;
	char	*email;
	char	*serial;
	char	*issuer_cn;
	char	*not_before;
	char	*not_after;
};

/* One signature part's verdict; every pointer belongs to the result. */
struct sig_result {
	enum sig_status	  status;
	char		 *part;		/* the signature part, e.g.
					 * "_xmlsignatures/sig1.xml" */
	struct sig_signer *signer;	/* NULL when no certificate was read */
	char		 *signed_at;	/* RFC 3339 UTC, or NULL */
	bool		  covers_all_parts;
	char		 *reason;	/* English, why not valid; NULL when valid */
	char		**uncovered;	/* parts ("word/media/x.png") and
					 * relationships ("word/_rels/
					 * document.xml.rels#rId9") not covered */
	size_t		  nuncovered;
	char		**warnings;	/* English, e.g. a stale CRL */
	size_t		  nwarnings;
};

/*
 * Verifies every signature of the package, in the order the signature
 * origin's relationships list them. Returns 0 with *results_r an array of
 * *n_r results (free with ooxml_sig_results_free; *n_r 0 and NULL when the
 * package is unsigned), or -1 with a static reason when the package's own
 * relationships cannot be read. Parts are read through package_read, the
 * same bytes later parsers see.
 */
int		 ooxml_sig_verify(struct package *, const struct sig_trust *,
		    struct sig_result **results_r, size_t *n_r,
		    const char **why_r);
void		 ooxml_sig_results_free(struct sig_result *, size_t n);

/* The CONTRACT summary: the weakest status of n results, SIG_UNSIGNED
 * when n is 0. The signer and signed_at are those of results[0]. */
enum sig_status	 ooxml_sig_summary(const struct sig_result *, size_t n);

void		 ooxml_sig_signer_free(struct sig_signer *);

#endif
