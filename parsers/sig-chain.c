/* sig-chain.c: the signer's certificate and its chain, judged the same way
 * for every signature format (OOXML, PDF). Pure: never fetches a CRL or an
 * intermediate; what the caller passed in is all there is. */
#include <string.h>

#include <glib.h>
#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include "parsers/ooxml-dsig.h"
#include "parsers/sig-chain.h"

static void	 lower(struct sig_chain_verdict *, enum sig_status,
		    const char *, ...) G_GNUC_PRINTF(3, 4);
static int	 chain_cb(int, X509_STORE_CTX *);
static void	 check_crls(const struct sig_trust *,
		    struct sig_chain_verdict *, STACK_OF(X509) *, GPtrArray *);
static char	*asn1_time(const ASN1_TIME *);

/* Keeps the weakest status and the reason it was first met with. */
static void
lower(struct sig_chain_verdict *cv, enum sig_status st, const char *fmt, ...)
{
	va_list	ap;

	if (st >= cv->status)
		return;
	cv->status = st;
	g_free(cv->reason);
	va_start(ap, fmt);
	cv->reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

/* Lets time errors through so that an otherwise good chain is told
 * apart (expired) from one that reaches no anchor (untrusted). */
static int
chain_cb(int ok, X509_STORE_CTX *ctx)
{
	int	*timebad = X509_STORE_CTX_get_app_data(ctx);

	if (ok)
		return (1);
	switch (X509_STORE_CTX_get_error(ctx)) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		*timebad = 1;
		return (1);
	default:
		return (0);
	}
}

time_t
sig_chain_time(const struct sig_trust *t, bool has_time, time_t signed_at)
{
	if (has_time && signed_at <= t->receipt)
		return (signed_at);
	return (t->receipt);
}

void
sig_chain_check(const struct sig_trust *t, X509 *leaf, STACK_OF(X509) *extra,
    time_t at, GPtrArray *warnings, struct sig_chain_verdict *cv)
{
	X509_STORE		*store = X509_STORE_new();
	X509_STORE_CTX		*ctx = X509_STORE_CTX_new();
	STACK_OF(X509)		*untrusted = sk_X509_new_null(), *chain;
	int			 timebad = 0;
	uint32_t		 ku;

	cv->status = SIG_VALID;
	cv->reason = NULL;
	for (int i = 0; t->anchors != NULL && i < sk_X509_num(t->anchors); i++)
		X509_STORE_add_cert(store, sk_X509_value(t->anchors, i));
	for (int i = 0; extra != NULL && i < sk_X509_num(extra); i++)
		sk_X509_push(untrusted, sk_X509_value(extra, i));
	for (int i = 0; t->intermediates != NULL &&
	    i < sk_X509_num(t->intermediates); i++)
		sk_X509_push(untrusted, sk_X509_value(t->intermediates, i));
	X509_STORE_CTX_init(ctx, store, leaf, untrusted);
	X509_STORE_CTX_set_time(ctx, 0, at);
	X509_STORE_CTX_set_app_data(ctx, &timebad);
	X509_STORE_CTX_set_verify_cb(ctx, chain_cb);
	if (X509_verify_cert(ctx) != 1)
		lower(cv, SIG_UNTRUSTED, "the certificate chain does not reach "
		    "a trust anchor: %s", X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(ctx)));
	else {
		if (timebad)
			lower(cv, SIG_EXPIRED, "a certificate was not valid at "
			    "signing time");
		chain = X509_STORE_CTX_get0_chain(ctx);
		check_crls(t, cv, chain, warnings);
	}
	ku = X509_get_key_usage(leaf);
	if ((X509_get_extension_flags(leaf) & EXFLAG_KUSAGE) != 0 &&
	    (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
		lower(cv, SIG_UNTRUSTED, "the certificate's key usage does not "
		    "allow signing");
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	sk_X509_free(untrusted);
}

/* A CRL counts for a certificate when its issuer signed it; a stale
 * one still revokes, and says it is stale. */
static void
check_crls(const struct sig_trust *t, struct sig_chain_verdict *cv,
    STACK_OF(X509) *chain, GPtrArray *warnings)
{
	STACK_OF(X509_CRL)	*crls = t->crls;
	time_t			 now = t->receipt;

	for (int i = 0; crls != NULL && i + 1 < sk_X509_num(chain); i++) {
		X509	*x = sk_X509_value(chain, i);
		X509	*iss = sk_X509_value(chain, i + 1);

		for (int j = 0; j < sk_X509_CRL_num(crls); j++) {
			X509_CRL		*crl = sk_X509_CRL_value(crls, j);
			X509_REVOKED		*rev = NULL;
			const ASN1_TIME		*next;
			char			*cn;

			if (X509_NAME_cmp(X509_CRL_get_issuer(crl),
			    X509_get_issuer_name(x)) != 0 ||
			    X509_CRL_verify(crl, X509_get0_pubkey(iss)) != 1)
				continue;
			next = X509_CRL_get0_nextUpdate(crl);
			if (next == NULL || X509_cmp_time(next, &now) < 0) {
				cn = sig_chain_name_field(
				    X509_get_issuer_name(x), NID_commonName);
				g_ptr_array_add(warnings, g_strdup_printf(
				    "the CRL of %s is stale (past its next "
				    "update)", cn != NULL ? cn : "an issuer"));
				g_free(cn);
			}
			if (X509_CRL_get0_by_cert(crl, &rev, x) == 1)
				lower(cv, SIG_REVOKED, "a certificate of the "
				    "chain is revoked");
		}
	}
}

char *
sig_chain_name_field(const X509_NAME *name, int nid)
{
	int		 i = X509_NAME_get_index_by_NID(name, nid, -1);
	unsigned char	*u = NULL;
	char		*s = NULL;
	int		 n;

	if (i < 0)
		return (NULL);
	n = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(
	    X509_NAME_get_entry(name, i)));
	if (n >= 0 && g_utf8_validate((char *)u, n, NULL))
		s = g_utf8_normalize((char *)u, n, G_NORMALIZE_NFC);
	OPENSSL_free(u);
	return (s);
}

static char *
asn1_time(const ASN1_TIME *t)
{
	struct tm	tm;

	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return (NULL);
	return (ooxml_dsig_time_format(ooxml_dsig_tm_time(&tm)));
}

struct sig_signer *
sig_chain_signer_new(X509 *x)
{
	struct sig_signer	*s = g_new0(struct sig_signer, 1);
	const X509_NAME		*sub = X509_get_subject_name(x);
	BIGNUM			*bn;
	char			*hex;

	s->cn = sig_chain_name_field(sub, NID_commonName);
	s->o = sig_chain_name_field(sub, NID_organizationName);
	s->ou = sig_chain_name_field(sub, NID_organizationalUnitName);
	s->email = sig_chain_name_field(sub, NID_pkcs9_emailAddress);
	if (s->email == NULL) {
		GENERAL_NAMES *sans = X509_get_ext_d2i(x, NID_subject_alt_name,
		    NULL, NULL);

		for (int i = 0; i < sk_GENERAL_NAME_num(sans) &&
		    s->email == NULL; i++) {
			GENERAL_NAME *g = sk_GENERAL_NAME_value(sans, i);

			if (g->type == GEN_EMAIL)
				s->email = g_strndup((const char *)
				    ASN1_STRING_get0_data(g->d.rfc822Name),
				    ASN1_STRING_length(g->d.rfc822Name));
		}
		GENERAL_NAMES_free(sans);
	}
	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	if (bn != NULL && (hex = BN_bn2hex(bn)) != NULL) {
		s->serial = g_ascii_strdown(hex, -1);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	s->issuer_cn = sig_chain_name_field(X509_get_issuer_name(x),
	    NID_commonName);
	s->not_before = asn1_time(X509_get0_notBefore(x));
	s->not_after = asn1_time(X509_get0_notAfter(x));
	return (s);
}
