/* check-trust.c: trust anchors, intermediates and CRLs read from files
 * made here with the OpenSSL API (P-256 keys, small and fast), and the
 * files that must be refused, each named in the cause. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "intake/trust.h"

#define T_2023	1672531200	/* 2023-01-01 */
#define T_2024	1704067200	/* 2024-01-01 */
#define T_2026	1767225600	/* 2026-01-01 */

static EVP_PKEY	*root_key, *int_key;
static X509	*root, *other_root, *inter;
static X509_CRL	*crl, *crl2;
static char	*dir;

static X509 *
mkcert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *ikey,
    long serial)
{
	X509		*x = X509_new();
	X509_NAME	*n = X509_NAME_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : n);
	X509_NAME_free(n);
	ASN1_TIME_set(X509_getm_notBefore(x), T_2023);
	ASN1_TIME_set(X509_getm_notAfter(x), T_2026);
	X509_set_pubkey(x, key);
	ck_assert_int_gt(X509_sign(x, ikey != NULL ? ikey : key,
	    EVP_sha256()), 0);
	return (x);
}

static X509_CRL *
mkcrl(X509 *issuer, EVP_PKEY *ikey, long revoked)
{
	X509_CRL	*c = X509_CRL_new();
	ASN1_TIME	*t = ASN1_TIME_new();

	X509_CRL_set_version(c, 1);
	X509_CRL_set_issuer_name(c, X509_get_subject_name(issuer));
	ASN1_TIME_set(t, T_2024);
	X509_CRL_set1_lastUpdate(c, t);
	ASN1_TIME_set(t, T_2026);
	X509_CRL_set1_nextUpdate(c, t);
	if (revoked != 0) {
		X509_REVOKED	*r = X509_REVOKED_new();
		ASN1_INTEGER	*sn = ASN1_INTEGER_new();

		ASN1_INTEGER_set(sn, revoked);
		X509_REVOKED_set_serialNumber(r, sn);
		ASN1_INTEGER_free(sn);
		ASN1_TIME_set(t, T_2024);
		X509_REVOKED_set_revocationDate(r, t);
		X509_CRL_add0_revoked(c, r);
	}
	ck_assert_int_gt(X509_CRL_sign(c, ikey, EVP_sha256()), 0);
	ASN1_TIME_free(t);
	return (c);
}

static void
setup(void)
{
	EVP_PKEY *k;

	root_key = EVP_EC_gen("P-256");
	int_key = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(root_key);
	ck_assert_ptr_nonnull(int_key);
	root = mkcert(root_key, "Test Root CA", NULL, NULL, 1);
	k = EVP_EC_gen("P-256");
	other_root = mkcert(k, "Other Root CA", NULL, NULL, 1);
	EVP_PKEY_free(k);
	inter = mkcert(int_key, "Test Issuing CA", root, root_key, 2);
	crl = mkcrl(inter, int_key, 14);
	crl2 = mkcrl(root, root_key, 0);
	dir = g_dir_make_tmp("check-trust-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
}

static void
teardown(void)
{
	const char	*name;
	GDir		*d = g_dir_open(dir, 0, NULL);

	/* Two levels at most: the CRL directory and a folder inside it. */
	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL);

		if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
			GDir		*sub = g_dir_open(p, 0, NULL);
			const char	*sn;

			while (sub != NULL &&
			    (sn = g_dir_read_name(sub)) != NULL) {
				char *q = g_build_filename(p, sn, NULL);

				if (g_file_test(q, G_FILE_TEST_IS_DIR))
					(void)g_rmdir(q);
				else
					(void)g_unlink(q);
				g_free(q);
			}
			if (sub != NULL)
				g_dir_close(sub);
			(void)g_rmdir(p);
		} else
			(void)g_unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	(void)g_rmdir(dir);
	g_free(dir);
	X509_free(root);
	X509_free(other_root);
	X509_free(inter);
	X509_CRL_free(crl);
	X509_CRL_free(crl2);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(int_key);
}

/* dir/name (g_free). */
static char *
path(const char *name)
{
	return (g_build_filename(dir, name, NULL));
}

/* Writes text, then the certificates as PEM, to dir/name (g_free). */
static char *
write_pem(const char *name, const char *text, X509 *a, X509 *b)
{
	char	*p = path(name);
	BIO	*bio = BIO_new_file(p, "w");

	ck_assert_ptr_nonnull(bio);
	if (text != NULL)
		BIO_puts(bio, text);
	if (a != NULL)
		ck_assert_int_eq(PEM_write_bio_X509(bio, a), 1);
	if (b != NULL)
		ck_assert_int_eq(PEM_write_bio_X509(bio, b), 1);
	BIO_free(bio);
	return (p);
}

static void
write_file(const char *p, const void *data, size_t len)
{
	ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
}

/* A CRL directory: crl as PEM, crl2 as DER, both as one PEM file. */
static char *
crl_dir(void)
{
	char		*d = path("crls"), *p;
	BIO		*bio;
	unsigned char	*der = NULL;
	int		 n;

	ck_assert_int_eq(g_mkdir(d, 0700), 0);
	p = g_build_filename(d, "issuing.crl", NULL);
	bio = BIO_new_file(p, "w");
	ck_assert_int_eq(PEM_write_bio_X509_CRL(bio, crl), 1);
	BIO_free(bio);
	g_free(p);
	p = g_build_filename(d, "root.der", NULL);
	ck_assert_int_gt(n = i2d_X509_CRL(crl2, &der), 0);
	write_file(p, der, (size_t)n);
	OPENSSL_free(der);
	g_free(p);
	p = g_build_filename(d, "both.pem", NULL);
	bio = BIO_new_file(p, "w");
	ck_assert_int_eq(PEM_write_bio_X509_CRL(bio, crl), 1);
	ck_assert_int_eq(PEM_write_bio_X509_CRL(bio, crl2), 1);
	BIO_free(bio);
	g_free(p);
	return (d);
}

static void
assert_counts(const struct trust *t, int a, int i, int c)
{
	int na, ni, nc;

	trust_counts(t, &na, &ni, &nc);
	ck_assert_int_eq(na, a);
	ck_assert_int_eq(ni, i);
	ck_assert_int_eq(nc, c);
}

/* Nothing configured is an empty store, not an error: every signature
 * is then untrusted. */
START_TEST(trust_nothing_configured_is_empty)
{
	const char	*empty[] = { NULL, "" };
	char		*cause = NULL;
	struct trust	*t;

	t = trust_load(empty[_i], empty[_i], empty[_i], &cause);
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_null(cause);
	assert_counts(t, 0, 0, 0);
	trust_free(t);
}
END_TEST

/* The certificates read are the ones written, in the file's order, and
 * text around PEM blocks (as openssl x509 -text writes) is skipped. */
START_TEST(trust_anchors_and_intermediates_read)
{
	char		*a = write_pem("anchors.pem", "Test Root CA\n"
	    "subject=CN = Test Root CA\n", root, other_root);
	char		*i = write_pem("inter.pem", NULL, inter, NULL);
	char		*cause = NULL;
	struct trust	*t = trust_load(a, i, NULL, &cause);
	struct sig_trust v;

	ck_assert_msg(t != NULL, "%s", cause);
	assert_counts(t, 2, 1, 0);
	v = trust_view(t, T_2024);
	ck_assert_int_eq(X509_cmp(sk_X509_value(v.anchors, 0), root), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(v.anchors, 1), other_root), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(v.intermediates, 0), inter),
	    0);
	ck_assert_int_eq(sk_X509_CRL_num(v.crls), 0);
	ck_assert_int_eq(v.receipt, T_2024);
	trust_free(t);
	g_free(a);
	g_free(i);
}
END_TEST

/* Intermediates are optional, and so are anchors (then nothing is
 * trusted, but the chain is still built for the report). */
START_TEST(trust_either_bundle_alone)
{
	char		*p = write_pem("one.pem", NULL, root, NULL);
	char		*cause = NULL;
	struct trust	*t;

	t = trust_load(p, NULL, NULL, &cause);
	ck_assert_ptr_nonnull(t);
	assert_counts(t, 1, 0, 0);
	trust_free(t);
	t = trust_load(NULL, p, NULL, &cause);
	ck_assert_ptr_nonnull(t);
	assert_counts(t, 0, 1, 0);
	trust_free(t);
	g_free(p);
}
END_TEST

/* PEM and DER CRLs, several to a PEM file; dot files and folders in the
 * directory are not read. */
START_TEST(trust_crl_directory_pem_and_der)
{
	char		*d = crl_dir(), *p, *cause = NULL;
	struct trust	*t;
	struct sig_trust v;
	int		 from_inter = 0;

	p = g_build_filename(d, ".hidden", NULL);
	write_file(p, "not a CRL", 9);
	g_free(p);
	p = g_build_filename(d, "old", NULL);
	ck_assert_int_eq(g_mkdir(p, 0700), 0);
	g_free(p);
	t = trust_load(NULL, NULL, d, &cause);
	ck_assert_msg(t != NULL, "%s", cause);
	assert_counts(t, 0, 0, 4);
	v = trust_view(t, T_2024);
	for (int i = 0; i < sk_X509_CRL_num(v.crls); i++)
		from_inter += X509_NAME_cmp(X509_CRL_get_issuer(
		    sk_X509_CRL_value(v.crls, i)),
		    X509_get_subject_name(inter)) == 0;
	ck_assert_int_eq(from_inter, 2);
	trust_free(t);
	g_free(d);
}
END_TEST

START_TEST(trust_crl_directory_empty)
{
	char		*d = path("none"), *cause = NULL;
	struct trust	*t;

	ck_assert_int_eq(g_mkdir(d, 0700), 0);
	t = trust_load(NULL, NULL, d, &cause);
	ck_assert_ptr_nonnull(t);
	assert_counts(t, 0, 0, 0);
	trust_free(t);
	g_free(d);
}
END_TEST

/* Files that must be refused: which argument is bad, what it holds, and
 * what the cause must say besides the file's name. */
enum which { ANCHORS, INTERMEDIATES, CRLS };

static const struct bad {
	const char	*what;
	enum which	 which;
	const char	*content;	/* NULL: the file does not exist */
	size_t		 len;		/* 0: strlen(content) */
	const char	*cause;
} bad[] = {
	{ "anchors missing", ANCHORS, NULL, 0, "cannot be read" },
	{ "anchors empty", ANCHORS, "", 0, "no PEM certificate" },
	{ "anchors text", ANCHORS, "Test Root CA\n", 0,
	    "no PEM certificate" },
	{ "anchors a truncated PEM", ANCHORS, "-----BEGIN CERTIFICATE-----\n"
	    "MIIBszCCAVmgAwIBAgIBATAKBggqhkjOPQQDAjAXMRUwEwYDVQQDDAxUZXN0\n", 0,
	    "no PEM certificate" },
	{ "anchors DER", ANCHORS, "\x30\x82\x01\xb3\x30\x82\x01\x59", 8,
	    "no PEM certificate" },
	{ "intermediates missing", INTERMEDIATES, NULL, 0, "cannot be read" },
	{ "intermediates empty", INTERMEDIATES, "", 0, "no PEM certificate" },
	{ "crl directory missing", CRLS, NULL, 0, "" },
	{ "crl garbage", CRLS, "garbage", 0, "neither a PEM nor a DER CRL" },
	{ "crl empty", CRLS, "", 0, "neither a PEM nor a DER CRL" },
	{ "crl a certificate", CRLS, "cert", 0,
	    "neither a PEM nor a DER CRL" },
};

START_TEST(trust_bad_files_refused_by_name)
{
	const struct bad *b = &bad[_i];
	char		*good = write_pem("good.pem", NULL, root, NULL);
	char		*p, *named, *cause = NULL;
	struct trust	*t;

	if (b->which == CRLS) {
		/* the bad file inside an otherwise good directory */
		char *d = crl_dir();

		if (b->content == NULL) {
			named = g_build_filename(dir, "no-such-dir", NULL);
			p = g_strdup(named);
		} else {
			named = g_build_filename(d, "bad.crl", NULL);
			if (strcmp(b->content, "cert") == 0) {
				g_free(write_pem("crls/bad.crl", NULL, root,
				    NULL));
			} else
				write_file(named, b->content, b->len ? b->len :
				    strlen(b->content));
			p = g_strdup(d);
		}
		g_free(d);
		t = trust_load(good, NULL, p, &cause);
	} else {
		p = named = path("bad.pem");
		if (b->content != NULL)
			write_file(p, b->content, b->len ? b->len :
			    strlen(b->content));
		t = b->which == ANCHORS ? trust_load(p, good, NULL, &cause) :
		    trust_load(good, p, NULL, &cause);
	}
	ck_assert_msg(t == NULL, "%s: loaded", b->what);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, named) != NULL, "%s: '%s' lacks '%s'",
	    b->what, cause, named);
	ck_assert_msg(strstr(cause, b->cause) != NULL, "%s: '%s' lacks '%s'",
	    b->what, cause, b->cause);
	g_free(cause);
	if (named != p)
		g_free(named);
	g_free(p);
	g_free(good);
}
END_TEST

START_TEST(trust_free_takes_null)
{
	trust_free(NULL);
}
END_TEST

Suite *
trust_suite(void)
{
	Suite	*s = suite_create("trust");
	TCase	*tc = tcase_create("load");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, trust_nothing_configured_is_empty, 0, 2);
	tcase_add_test(tc, trust_anchors_and_intermediates_read);
	tcase_add_test(tc, trust_either_bundle_alone);
	tcase_add_test(tc, trust_crl_directory_pem_and_der);
	tcase_add_test(tc, trust_crl_directory_empty);
	tcase_add_loop_test(tc, trust_bad_files_refused_by_name, 0,
	    G_N_ELEMENTS(bad));
	tcase_add_test(tc, trust_free_takes_null);
	suite_add_tcase(s, tc);
	return (s);
}
