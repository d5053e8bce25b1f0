/* check-ooxml-sign.c: the shape of what ooxml_sign writes (the parts and
 * relationships Office expects) and what it refuses. The P-256 and
 * 1024-bit RSA keys are test-only sizes, chosen to keep ASan fast. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "parsers/ooxml-sig.h"
#include "parsers/ooxml-sign.h"
#include "parsers/package.h"
#include "tests/unit/testlib.h"

#define T_SIGN	1714636800	/* 2024-05-02T08:00:00Z */

static EVP_PKEY	*ec_key, *rsa_key;
static X509	*ec_cert, *rsa_cert;

static X509 *
self_signed(EVP_PKEY *key, const char *cn)
{
	X509		*x = X509_new();
	X509_NAME	*n = X509_get_subject_name(x);

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 7);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, n);
	ASN1_TIME_set(X509_getm_notBefore(x), T_SIGN - 86400);
	ASN1_TIME_set(X509_getm_notAfter(x), T_SIGN + 86400);
	X509_set_pubkey(x, key);
	ck_assert_int_gt(X509_sign(x, key, EVP_sha256()), 0);
	return (x);
}

static void
setup(void)
{
	ec_key = EVP_EC_gen("P-256");
	rsa_key = EVP_RSA_gen(1024);
	ck_assert_ptr_nonnull(ec_key);
	ck_assert_ptr_nonnull(rsa_key);
	ec_cert = self_signed(ec_key, "EC signer");
	rsa_cert = self_signed(rsa_key, "RSA signer");
}

static void
teardown(void)
{
	EVP_PKEY_free(ec_key);
	EVP_PKEY_free(rsa_key);
	X509_free(ec_cert);
	X509_free(rsa_cert);
}

static const char *const docx[] = {
	"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://"
	"schemas.openxmlformats.org/package/2006/content-types\"><Default "
	"Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
	"package.relationships+xml\"/><Default Extension=\"xml\" "
	"ContentType=\"application/xml\"/></Types>",
	"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://"
	"schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
	"Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	"2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>",
	"word/document.xml", "<?xml version=\"1.0\"?><document/>",
	"word/a b ệ.xml", "<?xml version=\"1.0\"?><odd-name/>",
	NULL
};

static char *
part(const unsigned char *zip, size_t len, const char *name)
{
	const char	*why;
	struct package	*pkg = package_open(zip, len, NULL, &why);
	unsigned char	*d = NULL;
	size_t		 l;

	ck_assert_ptr_nonnull(pkg);
	if (package_has(pkg, name))
		ck_assert_int_eq(package_read(pkg, name, &d, &l, &why), 0);
	package_free(pkg);
	return ((char *)d);
}

START_TEST(sign_writes_office_shape)
{
	size_t		 len, olen;
	unsigned char	*zip = test_zip(docx, &len), *out;
	const char	*why = NULL;
	char		*rels, *orels, *ct, *sig, *origin;

	ck_assert_msg(ooxml_sign(zip, len, ec_key, ec_cert, NULL, T_SIGN,
	    NULL, &out, &olen, &why) == 0, "%s", why);
	rels = part(out, olen, "_rels/.rels");
	orels = part(out, olen, "_xmlsignatures/_rels/origin.sigs.rels");
	ct = part(out, olen, "[Content_Types].xml");
	sig = part(out, olen, "_xmlsignatures/sig1.xml");
	origin = part(out, olen, "_xmlsignatures/origin.sigs");
	ck_assert_ptr_nonnull(origin);
	ck_assert_str_eq(origin, "");
	ck_assert_ptr_nonnull(strstr(rels, "digital-signature/origin\" "
	    "Target=\"_xmlsignatures/origin.sigs\""));
	ck_assert_ptr_nonnull(strstr(orels, "digital-signature/signature\" "
	    "Target=\"sig1.xml\""));
	ck_assert_ptr_nonnull(strstr(ct, "Extension=\"sigs\""));
	ck_assert_ptr_nonnull(strstr(ct, "PartName=\"/_xmlsignatures/sig1.xml\""));
	ck_assert_ptr_nonnull(strstr(sig, "xmldsig-more#ecdsa-sha256"));
	ck_assert_ptr_nonnull(strstr(sig,
	    "URI=\"/word/a%20b%20%E1%BB%87.xml?ContentType=application/xml\""));
	ck_assert_ptr_nonnull(strstr(sig, "SourceId=\"rId1\""));
	ck_assert_ptr_nonnull(strstr(sig,
	    "<xd:SigningTime>2024-05-02T08:00:00Z</xd:SigningTime>"));
	g_free(rels);
	g_free(orels);
	g_free(ct);
	g_free(sig);
	g_free(origin);
	g_free(out);
	g_free(zip);
}
END_TEST

/* RSA PKCS#1 v1.5 is deterministic, and so is everything else we
 * write: the same input, key and time give the same bytes. */
START_TEST(sign_rsa_is_reproducible)
{
	size_t		 len, l1, l2;
	unsigned char	*zip = test_zip(docx, &len), *o1, *o2;
	const char	*why = NULL;

	ck_assert_int_eq(ooxml_sign(zip, len, rsa_key, rsa_cert, NULL, T_SIGN,
	    NULL, &o1, &l1, &why), 0);
	ck_assert_int_eq(ooxml_sign(zip, len, rsa_key, rsa_cert, NULL, T_SIGN,
	    NULL, &o2, &l2, &why), 0);
	ck_assert_uint_eq(l1, l2);
	ck_assert(memcmp(o1, o2, l1) == 0);
	g_free(o1);
	g_free(o2);
	g_free(zip);
}
END_TEST

START_TEST(sign_self_signed_is_untrusted_but_sound)
{
	size_t			 len, olen, n;
	unsigned char		*zip = test_zip(docx, &len), *out;
	const char		*why = NULL;
	struct sig_trust	 t = { .receipt = T_SIGN + 60 };
	struct package		*pkg;
	struct sig_result	*r;

	ck_assert_int_eq(ooxml_sign(zip, len, rsa_key, rsa_cert, NULL, T_SIGN,
	    NULL, &out, &olen, &why), 0);
	pkg = package_open(out, olen, NULL, &why);
	ck_assert_int_eq(ooxml_sig_verify(pkg, &t, &r, &n, &why), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(r[0].status, SIG_UNTRUSTED);
	ck_assert(r[0].covers_all_parts);
	ooxml_sig_results_free(r, n);
	package_free(pkg);
	g_free(out);
	g_free(zip);
}
END_TEST

START_TEST(sign_refuses_what_it_cannot_sign)
{
	static const char *const no_ct[] = { "word/document.xml", "<x/>",
	    NULL };
	size_t		 len, olen = 9;
	unsigned char	*zip = test_zip(docx, &len), *out = NULL, *bare;
	const char	*why = NULL;

	ck_assert_int_eq(ooxml_sign((const unsigned char *)"not a zip", 9,
	    ec_key, ec_cert, NULL, T_SIGN, NULL, &out, &olen, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(olen, 0);
	ck_assert_int_eq(ooxml_sign(zip, len, NULL, ec_cert, NULL, T_SIGN,
	    NULL, &out, &olen, &why), -1);
	ck_assert_int_eq(ooxml_sign(zip, len, ec_key, NULL, NULL, T_SIGN,
	    NULL, &out, &olen, &why), -1);
	bare = test_zip(no_ct, &len);
	ck_assert_int_eq(ooxml_sign(bare, len, ec_key, ec_cert, NULL, T_SIGN,
	    NULL, &out, &olen, &why), -1);
	g_free(bare);
	g_free(zip);
}
END_TEST

Suite *
ooxml_sign_suite(void)
{
	Suite	*s = suite_create("ooxml_sign");
	TCase	*tc = tcase_create("sign");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sign_writes_office_shape);
	tcase_add_test(tc, sign_rsa_is_reproducible);
	tcase_add_test(tc, sign_self_signed_is_untrusted_but_sound);
	tcase_add_test(tc, sign_refuses_what_it_cannot_sign);
	suite_add_tcase(s, tc);
	return (s);
}
