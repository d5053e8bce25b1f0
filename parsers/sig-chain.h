/* sig-chain.h: what every signature format shares once its cryptography
 * has checked out: the signer's certificate read into a sig_signer, and
 * its chain judged against the caller's anchors, CRLs and time. Pure: the
 * time and trust come in; nothing is fetched. */
#ifndef HOTROCKS_SIG_CHAIN_H
#define HOTROCKS_SIG_CHAIN_H

#include <glib.h>
#include <openssl/x509.h>

#include "parsers/ooxml-sig.h"

/* The verdict on a chain: the weakest status met and why (static or
 * g_free'd by the caller: reason is allocated, NULL when valid). */
struct sig_chain_verdict {
	enum sig_status	 status;
	char		*reason;
};

/*
 * Judges leaf at time at: extra (may be NULL) are the certificates the
 * signature carried, offered for chain building beside trust's
 * intermediates. SIG_VALID, SIG_EXPIRED (a certificate of the chain was
 * not valid at `at`), SIG_UNTRUSTED (no anchor reached, or a key usage
 * that forbids signing) or SIG_REVOKED (a CRL signed by the issuer lists
 * it). A stale CRL still revokes, and adds an English line to warnings.
 */
void		 sig_chain_check(const struct sig_trust *, X509 *leaf,
		    STACK_OF(X509) *extra, time_t at, GPtrArray *warnings,
		    struct sig_chain_verdict *);

/* The time a chain is judged at: the signature's own time when it states
 * one no later than receipt, else receipt. */
time_t		 sig_chain_time(const struct sig_trust *, bool has_time,
		    time_t signed_at);

/* The signer as the CONTRACT shows it (free with ooxml_sig_signer_free). */
struct sig_signer *sig_chain_signer_new(X509 *);

/* A subject or issuer field as UTF-8 NFC, to g_free, or NULL. */
char		*sig_chain_name_field(const X509_NAME *, int nid);

#endif
