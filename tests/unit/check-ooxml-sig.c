/* check-ooxml-sig.c: OOXML package signatures, signed here with
 * ooxml_sign and a test PKI made with the OpenSSL API, then verified,
 * attacked and verified again. Keys are P-256 and 1024-bit RSA: small
 * only so the suite stays fast under ASan; never a size for real use. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "parsers/ooxml-sig.h"
#include "parsers/ooxml-sign.h"
#include "parsers/package.h"
#include "parsers/xls-sig.h"
#include "tests/unit/testlib.h"

#define T_2023	1672531200	/* 2023-01-01 */
#define T_2023_06 1685577600	/* 2023-06-01 */
#define T_2024	1704067200	/* 2024-01-01 */
#define T_SIGN	1714636800	/* 2024-05-02T08:00:00Z */
#define T_NOW	1715299200	/* 2024-05-10 */
#define T_2026	1767225600	/* 2026-01-01 */

struct pki {
	EVP_PKEY	*root_key, *int_key, *rsa_key, *ec_key, *old_key;
	EVP_PKEY	*kenc_key, *fake_key, *rev_key;
	X509		*root, *inter, *rsa, *ec, *old, *kenc, *fake_root;
	X509		*fake_leaf, *rev;
	X509_CRL	*crl, *stale_crl, *stale_crl_rev;
};

static struct pki pki;

static EVP_PKEY *
ec_key(void)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");

	ck_assert_ptr_nonnull(k);
	return (k);
}

static void
add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ck_assert_ptr_nonnull(e);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

static X509 *
mkcert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *ikey,
    long serial, time_t nb, time_t na, const char *ku, bool ca)
{
	X509		*x = X509_new();
	X509_NAME	*n = X509_NAME_new();

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8,
	    (const unsigned char *)"HUYỆN ỦY SƠN TỊNH", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "OU", MBSTRING_UTF8,
	    (const unsigned char *)"Văn phòng", -1, -1, 0);
	if (!ca)
		X509_NAME_add_entry_by_txt(n, "emailAddress", MBSTRING_UTF8,
		    (const unsigned char *)"vanphong@huyenuy.example.vn", -1,
		    -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, issuer != NULL ? X509_get_subject_name(issuer) :
	    n);
	X509_NAME_free(n);
	ASN1_TIME_set(X509_getm_notBefore(x), nb);
	ASN1_TIME_set(X509_getm_notAfter(x), na);
	X509_set_pubkey(x, key);
	add_ext(x, issuer != NULL ? issuer : x, NID_basic_constraints,
	    ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
	add_ext(x, issuer != NULL ? issuer : x, NID_key_usage, ku);
	ck_assert_int_gt(X509_sign(x, ikey != NULL ? ikey : key, EVP_sha256()),
	    0);
	return (x);
}

static X509_CRL *
mkcrl(X509 *issuer, EVP_PKEY *ikey, time_t last, time_t next, X509 *revoked)
{
	X509_CRL	*crl = X509_CRL_new();
	ASN1_TIME	*t = ASN1_TIME_new();

	X509_CRL_set_version(crl, 1);
	X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer));
	ASN1_TIME_set(t, last);
	X509_CRL_set1_lastUpdate(crl, t);
	ASN1_TIME_set(t, next);
	X509_CRL_set1_nextUpdate(crl, t);
	if (revoked != NULL) {
		X509_REVOKED *r = X509_REVOKED_new();

		X509_REVOKED_set_serialNumber(r,
		    X509_get_serialNumber(revoked));
		ASN1_TIME_set(t, T_2024);
		X509_REVOKED_set_revocationDate(r, t);
		X509_CRL_add0_revoked(crl, r);
	}
	X509_CRL_sort(crl);
	ck_assert_int_gt(X509_CRL_sign(crl, ikey, EVP_sha256()), 0);
	ASN1_TIME_free(t);
	return (crl);
}

static void
pki_setup(void)
{
	const char *leaf_ku = "critical,digitalSignature,nonRepudiation";

	pki.root_key = ec_key();
	pki.root = mkcert(pki.root_key, "Test Root CA", NULL, NULL, 1, T_2023,
	    T_2026, "critical,keyCertSign,cRLSign", true);
	pki.int_key = ec_key();
	pki.inter = mkcert(pki.int_key, "Test Issuing CA", pki.root,
	    pki.root_key, 2, T_2023, T_2026, "critical,keyCertSign,cRLSign",
	    true);
	pki.rsa_key = EVP_RSA_gen(1024);
	ck_assert_ptr_nonnull(pki.rsa_key);
	pki.rsa = mkcert(pki.rsa_key, "Nguyễn Văn A", pki.inter, pki.int_key,
	    0x1a2b3c, T_2023, T_2026, leaf_ku, false);
	pki.ec_key = ec_key();
	pki.ec = mkcert(pki.ec_key, "Trần Thị B", pki.inter, pki.int_key, 11,
	    T_2023, T_2026, leaf_ku, false);
	pki.old_key = ec_key();
	pki.old = mkcert(pki.old_key, "Expired Leaf", pki.inter, pki.int_key,
	    12, T_2023, T_2024, leaf_ku, false);
	pki.kenc_key = ec_key();
	pki.kenc = mkcert(pki.kenc_key, "Key Encipherment Only", pki.inter,
	    pki.int_key, 13, T_2023, T_2026, "critical,keyEncipherment",
	    false);
	pki.fake_key = ec_key();
	pki.fake_root = mkcert(pki.fake_key, "Test Root CA", NULL, NULL, 1,
	    T_2023, T_2026, "critical,keyCertSign,cRLSign", true);
	pki.fake_leaf = mkcert(pki.ec_key, "Trần Thị B", pki.fake_root,
	    pki.fake_key, 11, T_2023, T_2026, leaf_ku, false);
	pki.rev_key = ec_key();
	pki.rev = mkcert(pki.rev_key, "Revoked Leaf", pki.inter, pki.int_key,
	    14, T_2023, T_2026, leaf_ku, false);
	pki.crl = mkcrl(pki.inter, pki.int_key, T_2024, T_2026, pki.rev);
	pki.stale_crl = mkcrl(pki.inter, pki.int_key, T_2023, T_2024, NULL);
	pki.stale_crl_rev = mkcrl(pki.inter, pki.int_key, T_2023, T_2024,
	    pki.rev);
}

static void
pki_teardown(void)
{
	EVP_PKEY *keys[] = { pki.root_key, pki.int_key, pki.rsa_key,
	    pki.ec_key, pki.old_key, pki.kenc_key, pki.fake_key, pki.rev_key };
	X509 *certs[] = { pki.root, pki.inter, pki.rsa, pki.ec, pki.old,
	    pki.kenc, pki.fake_root, pki.fake_leaf, pki.rev };

	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		EVP_PKEY_free(keys[i]);
	for (size_t i = 0; i < G_N_ELEMENTS(certs); i++)
		X509_free(certs[i]);
	X509_CRL_free(pki.crl);
	X509_CRL_free(pki.stale_crl);
	X509_CRL_free(pki.stale_crl_rev);
	memset(&pki, 0, sizeof(pki));
}

#define CT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" \
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
	"<Default Extension=\"png\" ContentType=\"image/png\"/>" \
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
#define RELS_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define R_OD "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define R_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

static const char *const docx_entries[] = {
	"[Content_Types].xml", CT_HEAD
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"</Types>",
	"_rels/.rels", RELS_HEAD
	"<Relationship Id=\"rId1\" Type=\"" R_OD "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" R_CORE "\" Target=\"docProps/core.xml\"/>"
	"</Relationships>",
	"word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Danh sách SIM PKI</w:t></w:r></w:p></w:body></w:document>",
	"word/_rels/document.xml.rels", RELS_HEAD
	"<Relationship Id=\"rId1\" Type=\"" R_OD "image\" Target=\"media/image1.png\"/>"
	"<Relationship Id=\"rId2\" Type=\"" R_OD "hyperlink\" Target=\"https://example.vn/\" TargetMode=\"External\"/>"
	"</Relationships>",
	"word/media/image1.png", "\x89PNG fake image",
	"docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\"/>",
	NULL
};

static const char *const xlsx_entries[] = {
	"[Content_Types].xml", CT_HEAD
	"<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	"<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	"</Types>",
	"_rels/.rels", RELS_HEAD
	"<Relationship Id=\"rId1\" Type=\"" R_OD "officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>",
	"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"S1\" sheetId=\"1\"/></sheets></workbook>",
	"xl/_rels/workbook.xml.rels", RELS_HEAD
	"<Relationship Id=\"rId1\" Type=\"" R_OD "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"</Relationships>",
	"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>",
	NULL
};

/* The entries of a package, with name replaced by data (removed when
 * data is NULL, added when absent); each returned buffer is g_free'd. */
static unsigned char *
repack(const unsigned char *in, size_t len, const char *name,
    const char *data, size_t dlen, size_t *len_r)
{
	struct package	*pkg;
	const char	*why;
	GPtrArray	*names = g_ptr_array_new(), *datas;
	GArray		*lens = g_array_new(FALSE, FALSE, sizeof(size_t));
	unsigned char	*out;
	bool		 found = false;

	datas = g_ptr_array_new_with_free_func(g_free);
	pkg = package_open(in, len, NULL, &why);
	ck_assert_ptr_nonnull(pkg);
	for (size_t i = 0; i < package_count(pkg); i++) {
		const char	*n = package_name(pkg, i);
		unsigned char	*d;
		size_t		 l;

		if (name != NULL && strcmp(n, name) == 0) {
			found = true;
			if (data == NULL)
				continue;
			d = g_memdup2(data, dlen + 1);
			l = dlen;
		} else
			ck_assert_int_eq(package_read(pkg, n, &d, &l, &why),
			    0);
		g_ptr_array_add(names, (char *)n);
		g_ptr_array_add(datas, d);
		g_array_append_val(lens, l);
	}
	if (!found && name != NULL && data != NULL) {
		g_ptr_array_add(names, (char *)name);
		g_ptr_array_add(datas, g_memdup2(data, dlen + 1));
		g_array_append_val(lens, dlen);
	}
	out = test_zipn(names->len, (const char *const *)names->pdata,
	    (const unsigned char *const *)datas->pdata,
	    (const size_t *)(void *)lens->data, len_r);
	package_free(pkg);
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(datas, TRUE);
	g_array_free(lens, TRUE);
	return (out);
}

static unsigned char *
replace(const unsigned char *in, size_t len, const char *name,
    const char *data, size_t *len_r)
{
	return (repack(in, len, name, data, data != NULL ? strlen(data) : 0,
	    len_r));
}

static char *
entry(const unsigned char *in, size_t len, const char *name)
{
	const char	*why;
	struct package	*pkg = package_open(in, len, NULL, &why);
	unsigned char	*d;
	size_t		 l;

	ck_assert_ptr_nonnull(pkg);
	ck_assert_int_eq(package_read(pkg, name, &d, &l, &why), 0);
	package_free(pkg);
	return ((char *)d);
}

/* s with the first from replaced by to (which must be there). */
static char *
subst(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);

	ck_assert_msg(p != NULL, "no %s", from);
	return (g_strdup_printf("%.*s%s%s", (int)(p - s), s, to,
	    p + strlen(from)));
}

static unsigned char *
signed_pkg(const char *const *entries, EVP_PKEY *key, X509 *cert,
    time_t at, size_t *len_r)
{
	STACK_OF(X509)	*chain = sk_X509_new_null();
	unsigned char	*zip, *out;
	size_t		 zlen;
	const char	*why = NULL;

	sk_X509_push(chain, pki.inter);
	zip = test_zip(entries, &zlen);
	ck_assert_msg(ooxml_sign(zip, zlen, key, cert, chain, at, NULL, &out,
	    len_r, &why) == 0, "sign: %s", why);
	sk_X509_free(chain);
	g_free(zip);
	return (out);
}

static unsigned char *
resign(const unsigned char *in, size_t len, EVP_PKEY *key, X509 *cert,
    size_t *len_r)
{
	STACK_OF(X509)	*chain = sk_X509_new_null();
	unsigned char	*out;
	const char	*why = NULL;

	sk_X509_push(chain, pki.inter);
	ck_assert_msg(ooxml_sign(in, len, key, cert, chain, T_SIGN, NULL,
	    &out, len_r, &why) == 0, "sign: %s", why);
	sk_X509_free(chain);
	return (out);
}

/* Verifies with the test root as the only anchor; returns the summary
 * and the results (freed by the caller) in *r_r. */
static enum sig_status
verify_with(const unsigned char *zip, size_t len, STACK_OF(X509_CRL) *crls,
    X509 *anchor, struct sig_result **r_r, size_t *n_r)
{
	struct sig_trust	 t = { 0 };
	struct package		*pkg;
	const char		*why = NULL;
	enum sig_status		 st;

	t.anchors = sk_X509_new_null();
	sk_X509_push(t.anchors, anchor != NULL ? anchor : pki.root);
	t.crls = crls;
	t.receipt = T_NOW;
	pkg = package_open(zip, len, NULL, &why);
	ck_assert_msg(pkg != NULL, "open: %s", why);
	ck_assert_msg(ooxml_sig_verify(pkg, &t, r_r, n_r, &why) == 0,
	    "verify: %s", why);
	st = ooxml_sig_summary(*r_r, *n_r);
	package_free(pkg);
	sk_X509_free(t.anchors);
	return (st);
}

static enum sig_status
status_of(const unsigned char *zip, size_t len)
{
	struct sig_result	*r;
	size_t			 n;
	enum sig_status		 st = verify_with(zip, len, NULL, NULL, &r, &n);

	ooxml_sig_results_free(r, n);
	return (st);
}

START_TEST(docx_signed_rsa_is_valid)
{
	size_t			 len, n;
	unsigned char		*zip = signed_pkg(docx_entries, pki.rsa_key,
				    pki.rsa, T_SIGN, &len);
	struct sig_result	*r;

	ck_assert_int_eq(verify_with(zip, len, NULL, NULL, &r, &n), SIG_VALID);
	ck_assert_uint_eq(n, 1);
	ck_assert_msg(r[0].reason == NULL, "%s", r[0].reason);
	ck_assert(r[0].covers_all_parts);
	ck_assert_str_eq(r[0].part, "_xmlsignatures/sig1.xml");
	ck_assert_str_eq(r[0].signed_at, "2024-05-02T08:00:00Z");
	ck_assert_str_eq(r[0].signer->cn, "Nguyễn Văn A");
	ck_assert_str_eq(r[0].signer->o, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(r[0].signer->ou, "Văn phòng");
	ck_assert_str_eq(r[0].signer->email, "vanphong@huyenuy.example.vn");
	ck_assert_str_eq(r[0].signer->serial, "1a2b3c");
	ck_assert_str_eq(r[0].signer->issuer_cn, "Test Issuing CA");
	ck_assert_str_eq(r[0].signer->not_before, "2023-01-01T00:00:00Z");
	ck_assert_str_eq(r[0].signer->not_after, "2026-01-01T00:00:00Z");
	ck_assert_uint_eq(r[0].nwarnings, 0);
	ooxml_sig_results_free(r, n);
	g_free(zip);
}
END_TEST

START_TEST(xlsx_signed_ec_is_valid)
{
	size_t		 len;
	unsigned char	*zip = signed_pkg(xlsx_entries, pki.ec_key, pki.ec,
			    T_SIGN, &len);

	ck_assert_int_eq(status_of(zip, len), SIG_VALID);
	g_free(zip);
}
END_TEST

START_TEST(unsigned_package_has_no_results)
{
	size_t			 len, n = 9;
	unsigned char		*zip = test_zip(docx_entries, &len);
	struct sig_result	*r;

	ck_assert_int_eq(verify_with(zip, len, NULL, NULL, &r, &n),
	    SIG_UNSIGNED);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(r);
	g_free(zip);
}
END_TEST

/* Attacks on a signed DOCX: each edit and the status it must give. */
static const struct attack {
	const char	*name;
	const char	*part;
	const char	*from;		/* NULL: replace the part by to */
	const char	*to;		/* NULL with from NULL: remove */
	enum sig_status	 want;
} attacks[] = {
	{ "tampered part", "word/document.xml", "SIM PKI", "SIM PKJ",
	    SIG_INVALID },
	{ "tampered image", "word/media/image1.png", NULL, "\x89PNG other",
	    SIG_INVALID },
	{ "removed signed part", "word/media/image1.png", NULL, NULL,
	    SIG_INVALID },
	{ "added relationship", "word/_rels/document.xml.rels",
	    "</Relationships>", "<Relationship Id=\"rId9\" Type=\"" R_OD
	    "image\" Target=\"media/image1.png\"/></Relationships>",
	    SIG_PARTIAL },
	{ "changed signed relationship", "word/_rels/document.xml.rels",
	    "media/image1.png", "media/image2.png", SIG_INVALID },
	{ "duplicate relationship Id", "word/_rels/document.xml.rels",
	    "</Relationships>", "<Relationship Id=\"rId1\" Type=\"" R_OD
	    "image\" Target=\"media/x.png\"/></Relationships>", SIG_INVALID },
	{ "added macro part", "word/vbaProject.bin", NULL, "macro",
	    SIG_PARTIAL },
	{ "changed content type", "[Content_Types].xml",
	    "wordprocessingml.document.main+xml",
	    "wordprocessingml.document.macroEnabled.main+xml", SIG_INVALID },
	{ "core properties are not signed", "docProps/core.xml", NULL,
	    "<?xml version=\"1.0\"?><x/>", SIG_VALID },
	{ "removed Manifest reference", "_xmlsignatures/sig1.xml",
	    "<Reference URI=\"/word/media/image1.png?ContentType=image/png\">",
	    "<Reference URI=\"/word/media/image1.png?ContentType=image/png\" "
	    "Id=\"gone\">", SIG_INVALID },
	{ "flipped signature byte", "_xmlsignatures/sig1.xml",
	    "<SignatureValue>", "<SignatureValue>AAAA", SIG_INVALID },
	{ "forged object before", "_xmlsignatures/sig1.xml",
	    "<Object Id=\"idPackageObject\">", "<Object Id=\"idForged\">"
	    "<Manifest/></Object><Object Id=\"idPackageObject\">",
	    SIG_INVALID },
	{ "forged object after", "_xmlsignatures/sig1.xml", "</Signature>",
	    "<Object><Manifest/></Object></Signature>", SIG_INVALID },
	{ "forged object with the same Id", "_xmlsignatures/sig1.xml",
	    "</Signature>", "<Object Id=\"idPackageObject\"><Manifest/>"
	    "</Object></Signature>", SIG_INVALID },
	{ "duplicate Id", "_xmlsignatures/sig1.xml", "<KeyInfo>",
	    "<KeyInfo Id=\"idSignedProperties\">", SIG_INVALID },
	{ "reference to another document", "_xmlsignatures/sig1.xml",
	    "URI=\"#idPackageObject\"", "URI=\"other.xml#idPackageObject\"",
	    SIG_INVALID },
	{ "unknown signature method", "_xmlsignatures/sig1.xml",
	    "xmldsig-more#rsa-sha256", "xmldsig-more#rsa-md5",
	    SIG_UNSUPPORTED },
	{ "empty signature part", "_xmlsignatures/sig1.xml", NULL, "",
	    SIG_INVALID },
	{ "signature part not XML", "_xmlsignatures/sig1.xml", NULL, "<x",
	    SIG_INVALID },
	{ "signature part removed", "_xmlsignatures/sig1.xml", NULL, NULL,
	    SIG_INVALID },
};

START_TEST(docx_attack)
{
	const struct attack	*a = &attacks[_i];
	size_t			 len, alen;
	unsigned char		*zip = signed_pkg(docx_entries, pki.rsa_key,
				    pki.rsa, T_SIGN, &len), *bad;
	char			*was = NULL, *now = NULL;

	if (a->from != NULL) {
		was = entry(zip, len, a->part);
		now = subst(was, a->from, a->to);
		if (strstr(a->name, "removed Manifest") != NULL) {
			/* drop the whole Reference element */
			char *s = strstr(now, "<Reference URI=\"/word/media");
			char *e = strstr(s, "</Reference>") + 12;

			memmove(s, e, strlen(e) + 1);
		}
	}
	bad = replace(zip, len, a->part, now != NULL ? now : a->to, &alen);
	ck_assert_msg(status_of(bad, alen) == a->want, "%s: got %s", a->name,
	    sig_status_name(status_of(bad, alen)));
	g_free(was);
	g_free(now);
	g_free(bad);
	g_free(zip);
}
END_TEST

/*
 * Relationships parts as Office 2007 wrote them, pretty-printed: a line
 * break and indentation between the elements, and each Relationship with
 * its end tag on the next line. ECMA-376 Part 2, 13.2.4.24 step 3 removes
 * all of it (the characters between the elements and any contents of a
 * Relationship) before C14N, so the digest is that of the compact part;
 * POI gets there by dropping the line breaks of every .rels part. Each
 * row: how the parts are rewritten after signing, and the verdict.
 */
static const struct pretty {
	const char	*name;
	const char	*between;	/* replaces "><Relationship " */
	const char	*close;		/* replaces the "/>" of a Relationship */
	const char	*from, *to;	/* then one more edit, or NULL */
	enum sig_status	 want;
} pretties[] = {
	{ "between the elements", ">\r\n  <Relationship ", "/>", NULL, NULL,
	    SIG_VALID },
	{ "end tags on their own lines", ">\r\n  <Relationship ",
	    ">\r\n</Relationship>", NULL, NULL, SIG_VALID },
	{ "LF only, tabs", ">\n\t<Relationship ", ">\n\t</Relationship>",
	    NULL, NULL, SIG_VALID },
	{ "pretty, and a signed Target changed", ">\r\n  <Relationship ",
	    ">\r\n</Relationship>", "media/image1.png", "media/image2.png",
	    SIG_INVALID },
	{ "pretty, and a text node in a signed Relationship",
	    ">\r\n  <Relationship ", "/>", "/></Relationships>",
	    ">x</Relationship></Relationships>", SIG_VALID },
};

/* s with every from replaced by to; g_free. */
static char *
gsub(const char *s, const char *from, const char *to)
{
	char	**v = g_strsplit(s, from, -1);
	char	 *r = g_strjoinv(to, v);

	g_strfreev(v);
	return (r);
}

START_TEST(docx_office_pretty_printed_rels)
{
	const struct pretty	*p = &pretties[_i];
	static const char *const parts[] = { "_rels/.rels",
	    "word/_rels/document.xml.rels" };
	size_t			 len, l1;
	unsigned char		*zip = signed_pkg(docx_entries, pki.rsa_key,
				    pki.rsa, T_SIGN, &len), *z1;

	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
		char	*was = entry(zip, len, parts[i]), *now, *t;
		char	**v;

		now = gsub(was, "><Relationship ", p->between);
		/* The Relationship elements end in "/>" before the next one
		 * or the end tag of Relationships. */
		v = g_strsplit(now, "/>", -1);
		t = g_strjoinv(p->close, v);
		g_strfreev(v);
		g_free(now);
		now = t;
		if (p->from != NULL && strstr(now, p->from) != NULL) {
			t = subst(now, p->from, p->to);
			g_free(now);
			now = t;
		}
		z1 = replace(zip, len, parts[i], now, &l1);
		g_free(zip);
		zip = z1;
		len = l1;
		g_free(was);
		g_free(now);
	}
	ck_assert_msg(status_of(zip, len) == p->want, "%s: got %s", p->name,
	    sig_status_name(status_of(zip, len)));
	g_free(zip);
}
END_TEST

START_TEST(xlsx_extra_sheet_is_partial)
{
	size_t			 len, l1, l2, n;
	unsigned char		*zip = signed_pkg(xlsx_entries, pki.ec_key,
				    pki.ec, T_SIGN, &len), *z1, *z2;
	char			*rels = entry(zip, len,
				    "xl/_rels/workbook.xml.rels"), *nrels;
	struct sig_result	*r;

	nrels = subst(rels, "</Relationships>", "<Relationship Id=\"rId7\" "
	    "Type=\"" R_OD "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	    "</Relationships>");
	z1 = replace(zip, len, "xl/worksheets/sheet2.xml", "<?xml "
	    "version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats"
	    ".org/spreadsheetml/2006/main\"/>", &l1);
	z2 = replace(z1, l1, "xl/_rels/workbook.xml.rels", nrels, &l2);
	ck_assert_int_eq(verify_with(z2, l2, NULL, NULL, &r, &n), SIG_PARTIAL);
	ck_assert(!r[0].covers_all_parts);
	ck_assert_uint_eq(r[0].nuncovered, 2);
	ck_assert_str_eq(r[0].uncovered[0], "xl/worksheets/sheet2.xml");
	ck_assert_str_eq(r[0].uncovered[1], "xl/_rels/workbook.xml.rels#rId7");
	ooxml_sig_results_free(r, n);
	g_free(rels);
	g_free(nrels);
	g_free(z1);
	g_free(z2);
	g_free(zip);
}
END_TEST

START_TEST(swapped_certificate_is_invalid)
{
	size_t		 len, blen;
	unsigned char	*zip = signed_pkg(docx_entries, pki.ec_key, pki.ec,
			    T_SIGN, &len), *bad, *der = NULL;
	char		*sig = entry(zip, len, "_xmlsignatures/sig1.xml");
	char		*mine, *other, *nsig;
	int		 n;

	n = i2d_X509(pki.ec, &der);
	mine = g_base64_encode(der, n);
	OPENSSL_free(der);
	der = NULL;
	n = i2d_X509(pki.rev, &der);
	other = g_base64_encode(der, n);
	OPENSSL_free(der);
	nsig = subst(sig, mine, other);
	bad = replace(zip, len, "_xmlsignatures/sig1.xml", nsig, &blen);
	ck_assert_int_eq(status_of(bad, blen), SIG_INVALID);
	g_free(mine);
	g_free(other);
	g_free(nsig);
	g_free(sig);
	g_free(bad);
	g_free(zip);
}
END_TEST

/* The signature parts of document A grafted onto document B. */
START_TEST(grafted_signature_is_invalid)
{
	static const char *const graft[] = { "[Content_Types].xml",
	    "_rels/.rels", "_xmlsignatures/origin.sigs",
	    "_xmlsignatures/_rels/origin.sigs.rels",
	    "_xmlsignatures/sig1.xml" };
	size_t		 len, blen, l;
	unsigned char	*zip = signed_pkg(docx_entries, pki.rsa_key, pki.rsa,
			    T_SIGN, &len), *b, *nb;
	const char	*other[G_N_ELEMENTS(docx_entries)];

	memcpy(other, docx_entries, sizeof(docx_entries));
	other[5] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://"
	    "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
	    "<w:p><w:r><w:t>Another list</w:t></w:r></w:p></w:body>"
	    "</w:document>";
	b = test_zip(other, &blen);
	for (size_t i = 0; i < G_N_ELEMENTS(graft); i++) {
		char *d = entry(zip, len, graft[i]);

		nb = replace(b, blen, graft[i], d, &l);
		g_free(b);
		g_free(d);
		b = nb;
		blen = l;
	}
	ck_assert_int_eq(status_of(b, blen), SIG_INVALID);
	g_free(b);
	g_free(zip);
}
END_TEST

START_TEST(trust_statuses)
{
	static const struct {
		const char	*name;
		int		 who;		/* 0 ec, 1 old, 2 kenc, 3 fake,
						 * 4 revoked */
		time_t		 at;
		int		 crl;		/* 0 none, 1 crl, 2 stale, 3
						 * stale revoking */
		X509		**anchor;
		enum sig_status	 want;
		size_t		 warnings;
	} cases[] = {
		{ "good", 0, T_SIGN, 0, NULL, SIG_VALID, 0 },
		{ "no anchor", 0, T_SIGN, 0, &pki.fake_root, SIG_UNTRUSTED, 0 },
		{ "expired at signing", 1, T_SIGN, 0, NULL, SIG_EXPIRED, 0 },
		{ "valid when signed", 1, T_2023_06, 0, NULL, SIG_VALID, 0 },
		{ "key usage", 2, T_SIGN, 0, NULL, SIG_UNTRUSTED, 0 },
		{ "look-alike root", 3, T_SIGN, 0, NULL, SIG_UNTRUSTED, 0 },
		{ "revoked", 4, T_SIGN, 1, NULL, SIG_REVOKED, 0 },
		{ "crl, not revoked", 0, T_SIGN, 1, NULL, SIG_VALID, 0 },
		{ "stale crl", 0, T_SIGN, 2, NULL, SIG_VALID, 1 },
		{ "stale crl revokes", 4, T_SIGN, 3, NULL, SIG_REVOKED, 1 },
	};
	EVP_PKEY		*keys[] = { pki.ec_key, pki.old_key,
				    pki.kenc_key, pki.ec_key, pki.rev_key };
	X509			*certs[] = { pki.ec, pki.old, pki.kenc,
				    pki.fake_leaf, pki.rev };
	X509_CRL		*crls[] = { NULL, pki.crl, pki.stale_crl,
				    pki.stale_crl_rev };

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		STACK_OF(X509_CRL)	*cs = NULL;
		struct sig_result	*r;
		size_t			 len, n;
		unsigned char		*zip;
		enum sig_status		 st;

		zip = signed_pkg(docx_entries, keys[cases[i].who],
		    certs[cases[i].who], cases[i].at, &len);
		if (cases[i].crl != 0) {
			cs = sk_X509_CRL_new_null();
			sk_X509_CRL_push(cs, crls[cases[i].crl]);
		}
		st = verify_with(zip, len, cs, cases[i].anchor != NULL ?
		    *cases[i].anchor : NULL, &r, &n);
		ck_assert_msg(st == cases[i].want, "%s: got %s (%s)",
		    cases[i].name, sig_status_name(st), r[0].reason);
		ck_assert_msg(r[0].nwarnings == cases[i].warnings,
		    "%s: %zu warnings", cases[i].name, r[0].nwarnings);
		ooxml_sig_results_free(r, n);
		sk_X509_CRL_free(cs);
		g_free(zip);
	}
}
END_TEST

START_TEST(two_signers_one_broken)
{
	size_t			 len, l2, l3, n;
	unsigned char		*zip = signed_pkg(docx_entries, pki.rsa_key,
				    pki.rsa, T_SIGN, &len), *two, *bad;
	struct sig_result	*r;
	char			*s2, *ns2;

	two = resign(zip, len, pki.ec_key, pki.ec, &l2);
	ck_assert_int_eq(verify_with(two, l2, NULL, NULL, &r, &n), SIG_VALID);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(r[1].part, "_xmlsignatures/sig2.xml");
	ck_assert_str_eq(r[1].signer->cn, "Trần Thị B");
	ooxml_sig_results_free(r, n);

	s2 = entry(two, l2, "_xmlsignatures/sig2.xml");
	ns2 = subst(s2, "<SignatureValue>", "<SignatureValue>AAAA");
	bad = replace(two, l2, "_xmlsignatures/sig2.xml", ns2, &l3);
	ck_assert_int_eq(verify_with(bad, l3, NULL, NULL, &r, &n), SIG_INVALID);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(r[0].status, SIG_VALID);
	ck_assert_int_eq(r[1].status, SIG_INVALID);
	ck_assert_str_eq(r[0].signer->cn, "Nguyễn Văn A");
	ooxml_sig_results_free(r, n);
	g_free(s2);
	g_free(ns2);
	g_free(bad);
	g_free(two);
	g_free(zip);
}
END_TEST

START_TEST(summary_is_the_weakest)
{
	struct sig_result r[3] = { 0 };

	ck_assert_int_eq(ooxml_sig_summary(NULL, 0), SIG_UNSIGNED);
	r[0].status = SIG_VALID;
	r[1].status = SIG_PARTIAL;
	r[2].status = SIG_REVOKED;
	ck_assert_int_eq(ooxml_sig_summary(r, 1), SIG_VALID);
	ck_assert_int_eq(ooxml_sig_summary(r, 2), SIG_PARTIAL);
	ck_assert_int_eq(ooxml_sig_summary(r, 3), SIG_REVOKED);
	r[1].status = SIG_UNSUPPORTED;
	ck_assert_int_eq(ooxml_sig_summary(r, 2), SIG_UNSUPPORTED);
}
END_TEST

/* A compound file: header, then one directory sector whose third entry
 * is name with type. */
static unsigned char *
ole(const char *name, int type, size_t *len_r)
{
	static const unsigned char magic[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1,
	    0xb1, 0x1a, 0xe1 };
	unsigned char	*d = g_malloc0(1024);
	unsigned char	*e = d + 512 + 2 * 128;
	size_t		 n = strlen(name);

	memcpy(d, magic, sizeof(magic));
	for (size_t i = 0; i < n; i++)
		e[2 * i] = (unsigned char)name[i];
	e[0x40] = (unsigned char)((n + 1) * 2);
	e[0x42] = (unsigned char)type;
	*len_r = 1024;
	return (d);
}

START_TEST(xls_signature_storages)
{
	size_t		 len;
	unsigned char	*d;

	d = ole("_xmlsignatures", 1, &len);
	ck_assert(xls_sig_present(d, len));
	ck_assert(!xls_sig_present(d, len - 129));
	g_free(d);
	d = ole("_signatures", 2, &len);
	ck_assert(xls_sig_present(d, len));
	g_free(d);
	d = ole("_xmlsignatures", 2, &len);
	ck_assert(!xls_sig_present(d, len));
	g_free(d);
	d = ole("Workbook", 2, &len);
	ck_assert(!xls_sig_present(d, len));
	ck_assert(!xls_sig_present(d, 100));
	ck_assert(!xls_sig_present(NULL, 0));
	g_free(d);
}
END_TEST

Suite *
ooxml_sig_suite(void)
{
	Suite	*s = suite_create("ooxml_sig");
	TCase	*tc = tcase_create("verify");

	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, docx_signed_rsa_is_valid);
	tcase_add_test(tc, xlsx_signed_ec_is_valid);
	tcase_add_test(tc, unsigned_package_has_no_results);
	tcase_add_loop_test(tc, docx_attack, 0, G_N_ELEMENTS(attacks));
	tcase_add_loop_test(tc, docx_office_pretty_printed_rels, 0,
	    G_N_ELEMENTS(pretties));
	tcase_add_test(tc, xlsx_extra_sheet_is_partial);
	tcase_add_test(tc, swapped_certificate_is_invalid);
	tcase_add_test(tc, grafted_signature_is_invalid);
	tcase_add_test(tc, trust_statuses);
	tcase_add_test(tc, two_signers_one_broken);
	tcase_add_test(tc, summary_is_the_weakest);
	tcase_add_test(tc, xls_signature_storages);
	suite_add_tcase(s, tc);
	return (s);
}
