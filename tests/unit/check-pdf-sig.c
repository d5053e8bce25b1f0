/* check-pdf-sig.c: PDF signatures made here (a one-page PDF written by the
 * test, signed with pdf_sign and the test PKI of tests/pki/make-pki.sh),
 * verified, attacked (CCS 2019 USF/ISA/SWA, NDSS 2021 shadow attacks) and
 * verified again. No attack may ever come out valid. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <openssl/pem.h>

#include "parsers/pdf-sig.h"
#include "parsers/pdf-sign.h"
#include "tests/unit/testlib.h"

/* make-pki.sh issues certificates from the moment it runs */
#define T_SIGN	(test_pki_made + 60)
#define T_RECV	(test_pki_made + 3600)

static struct sig_trust	 trust;

static void
pki_setup(void)
{
	char	*crl;
	BIO	*b;

	test_pki_setup("pdfpki-XXXXXX");
	trust.anchors = test_pki_certs("root.pem");
	trust.intermediates = sk_X509_new_null();
	trust.crls = sk_X509_CRL_new_null();
	crl = test_pki_path("crl/int.crl.pem");
	b = BIO_new_file(crl, "r");
	sk_X509_CRL_push(trust.crls, PEM_read_bio_X509_CRL(b, NULL, NULL,
	    NULL));
	BIO_free(b);
	g_free(crl);
	trust.receipt = T_RECV;
}

static void
pki_teardown(void)
{
	test_pki_teardown();
	sk_X509_pop_free(trust.anchors, X509_free);
	sk_X509_pop_free(trust.intermediates, X509_free);
	sk_X509_CRL_pop_free(trust.crls, X509_CRL_free);
}

/* A one-page PDF as a word processor writes it: five objects, a classic
 * cross-reference table. */
static GString *
minimal_pdf(void)
{
	const char	*content = "BT /F1 12 Tf 72 770 Td (CONG VAN 12-CV/HU)"
			    " Tj ET";
	char		*stream = test_pdf_stream(content, strlen(content));
	const char	*objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		    "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	};
	GString		*s = test_pdf(objs, G_N_ELEMENTS(objs));

	g_free(stream);
	return (s);
}

/* The summary and each result's status, in order. */
static enum sig_status
verify(const GString *s, size_t *n_r, enum sig_status *each, size_t max)
{
	struct sig_result	*r = NULL;
	size_t			 n = 0;
	const char		*why = NULL;
	enum sig_status		 st;

	ck_assert_msg(pdf_sig_verify((const unsigned char *)s->str, s->len,
	    &trust, NULL, &r, &n, &why) == 0, "unreadable: %s", why);
	for (size_t i = 0; i < n && i < max; i++)
		each[i] = r[i].status;
	st = ooxml_sig_summary(r, n);
	ooxml_sig_results_free(r, n);
	if (n_r != NULL)
		*n_r = n;
	return (st);
}

static enum sig_status
verdict(const GString *s)
{
	enum sig_status each[1];

	return (verify(s, NULL, each, 0));
}

static size_t
find_last(const GString *s, const char *needle)
{
	size_t	n = strlen(needle), at = (size_t)-1;

	for (size_t i = 0; i + n <= s->len; i++)
		if (memcmp(s->str + i, needle, n) == 0)
			at = i;
	ck_assert(at != (size_t)-1);
	return (at);
}

/* Overwrites the text at needle's last occurrence, same length. */
static void
patch(GString *s, const char *needle, const char *with)
{
	size_t at = find_last(s, needle);

	ck_assert_uint_eq(strlen(needle), strlen(with));
	memcpy(s->str + at, with, strlen(with));
}

/* The ByteRange text of the last signature, rewritten in place (padded
 * with spaces to its width). */
static void
set_byte_range(GString *s, const char *text)
{
	size_t	at = find_last(s, "/ByteRange [") + 11, end;

	for (end = at; s->str[end] != ']'; end++)
		;
	end++;
	ck_assert_uint_le(strlen(text), end - at);
	memset(s->str + at, ' ', end - at);
	memcpy(s->str + at, text, strlen(text));
}

/* The last signature's ByteRange numbers. */
static void
byte_range(const GString *s, long long br[4])
{
	size_t at = find_last(s, "/ByteRange [") + 12;

	ck_assert_int_eq(sscanf(s->str + at, "%lld %lld %lld %lld", &br[0],
	    &br[1], &br[2], &br[3]), 4);
}

/* Appends an incremental update holding the given objects ("N 0 obj"
 * bodies, NULL-terminated id/body pairs), with a cross-reference table
 * unless xref is false. */
static void
append_update(GString *s, bool xref, ...)
{
	va_list		 ap;
	GString		*x = g_string_new("xref\n");
	size_t		 prev = find_last(s, "startxref") + 10, at;
	long long	 p = atoll(s->str + prev);
	int		 id;

	va_start(ap, xref);
	while ((id = va_arg(ap, int)) != 0) {
		const char *body = va_arg(ap, const char *);

		g_string_append_printf(x, "%d 1\n%010zu 00000 n \n", id, s->len);
		g_string_append_printf(s, "%d 0 obj\n%s\nendobj\n", id, body);
	}
	va_end(ap);
	at = s->len;
	if (xref) {
		g_string_append(s, x->str);
		g_string_append_printf(s, "trailer\n<< /Size 20 /Root 1 0 R "
		    "/Prev %lld >>\nstartxref\n%zu\n%%%%EOF\n", p, at);
	}
	g_string_free(x, TRUE);
}

START_TEST(pdf_sig_signed_by_hotrocks_valid)
{
	GString		*pdf = minimal_pdf();
	GString		*s = test_pdf_signed(pdf, "sontinh", T_SIGN,
			    _i == 0);
	struct sig_result *r = NULL;
	size_t		 n = 0;
	const char	*why;

	ck_assert_int_eq(pdf_sig_verify((unsigned char *)s->str, s->len,
	    &trust, NULL, &r, &n, &why), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_msg(r[0].status == SIG_VALID, "%s", r[0].reason);
	ck_assert(r[0].covers_all_parts);
	ck_assert_str_eq(r[0].part, "Signature1");
	ck_assert_str_eq(r[0].signer->o, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_ptr_nonnull(r[0].signed_at);
	ooxml_sig_results_free(r, n);
	g_string_free(s, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(pdf_sig_unsigned_pdf_is_unsigned)
{
	GString	*pdf = minimal_pdf();
	size_t	 n = 9;
	enum sig_status each[1];

	ck_assert_int_eq(verify(pdf, &n, each, 1), SIG_UNSIGNED);
	ck_assert_uint_eq(n, 0);
	g_string_free(pdf, TRUE);
}
END_TEST

/* Each trust case: who signed and what comes out. */
static const struct {
	const char	*leaf;
	enum sig_status	 want;
} pki_cases[] = {
	{ "sontinh", SIG_VALID },
	{ "btg", SIG_VALID },
	{ "fake", SIG_UNTRUSTED },
	{ "encipher", SIG_UNTRUSTED },
	{ "expired", SIG_EXPIRED },
	{ "future", SIG_EXPIRED },
	{ "revoked", SIG_REVOKED },
};

START_TEST(pdf_sig_pki_cases)
{
	GString	*pdf = minimal_pdf();
	GString	*s = test_pdf_signed(pdf, pki_cases[_i].leaf, T_SIGN,
		    true);

	ck_assert_msg(verdict(s) == pki_cases[_i].want, "%s: %s",
	    pki_cases[_i].leaf, sig_status_name(verdict(s)));
	g_string_free(s, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

/* Attacks on one signed file; want is the exact status. */
static void
usf_no_byterange(GString *s)
{
	patch(s, "/ByteRange", "/ByteRangX");
}

static void
usf_no_contents(GString *s)
{
	patch(s, "/Contents <", "/Contentx <");
}

static void
usf_byterange_null(GString *s)
{
	set_byte_range(s, "null");
}

static void
usf_byterange_zero(GString *s)
{
	set_byte_range(s, "[0 0 0 0]");
}

static void
usf_byterange_wrong_type(GString *s)
{
	set_byte_range(s, "[0 (a) /b 1.5]");
}

static void
usf_byterange_overlapping(GString *s)
{
	long long	br[4];
	char		t[80];

	byte_range(s, br);
	snprintf(t, sizeof(t), "[0 %lld %lld %lld]", br[1], br[1] - 10,
	    br[3] + (br[2] - br[1]) + 10);
	set_byte_range(s, t);
}

static void
usf_byterange_reordered(GString *s)
{
	long long	br[4];
	char		t[80];

	byte_range(s, br);
	snprintf(t, sizeof(t), "[%lld %lld 0 %lld]", br[2], br[3], br[1]);
	set_byte_range(s, t);
}

static void
usf_contents_not_filling_hole(GString *s)
{
	long long	br[4];
	char		t[80];

	byte_range(s, br);
	snprintf(t, sizeof(t), "[0 %lld %lld %lld]", br[1] - 1, br[2],
	    br[3]);
	set_byte_range(s, t);
}

static void
content_tampered(GString *s)
{
	patch(s, "CONG VAN 12", "CONG VAN 99");
}

static void
isa_appended_without_xref(GString *s)
{
	append_update(s, false, 4, "<< /Length 10 >>\nstream\nBT (X) Tj\n"
	    "endstream", 0);
}

static void
isa_content_replaced(GString *s)
{
	append_update(s, true, 4, "<< /Length 14 >>\nstream\nBT (FAKE) Tj ET"
	    "\nendstream", 0);
}

static void
isa_page_redefined(GString *s)
{
	append_update(s, true, 3, "<< /Type /Page /Parent 2 0 R /MediaBox "
	    "[0 0 595 842] /Contents 12 0 R /Annots [7 0 R] >>", 12,
	    "<< /Length 14 >>\nstream\nBT (FAKE) Tj ET\nendstream", 0);
}

static void
swa_hole_moved(GString *s)
{
	long long	br[4];
	char		t[80];

	/* the hole grows over the bytes after Contents: a second range
	 * that names only a copy of the signed tail */
	byte_range(s, br);
	g_string_append_len(s, s->str + br[2], (gssize)br[3]);
	snprintf(t, sizeof(t), "[0 %lld %lld %lld]", br[1],
	    br[2] + br[3], br[3]);
	set_byte_range(s, t);
}

static void
shadow_hide(GString *s)
{
	/* an overlay content stream hides what was signed */
	append_update(s, true, 3, "<< /Type /Page /Parent 2 0 R /MediaBox "
	    "[0 0 595 842] /Contents [4 0 R 12 0 R] /Resources << /Font << "
	    "/F1 5 0 R >> >> /Annots [7 0 R] >>", 12, "<< /Length 27 >>\n"
	    "stream\n1 g 0 0 595 842 re f Q\n\nendstream", 0);
}

static void
shadow_replace(GString *s)
{
	/* a font swapped for one that draws other glyphs */
	append_update(s, true, 5, "<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Courier >>", 0);
}

static void
shadow_hide_and_replace(GString *s)
{
	/* the whole page tree swapped for another one */
	append_update(s, true, 2, "<< /Type /Pages /Kids [13 0 R] /Count 1 >>",
	    13, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
	    "/Contents 12 0 R >>", 12, "<< /Length 14 >>\nstream\nBT (FAKE) "
	    "Tj ET\nendstream", 0);
}

static void
subfilter_rsa_sha1(GString *s)
{
	patch(s, "/ETSI.CAdES.detached", "/adbe.x509.rsa_sha1 ");
}

static void
subfilter_doc_timestamp(GString *s)
{
	patch(s, "/ETSI.CAdES.detached", "/ETSI.RFC3161       ");
}

static void
field_without_value(GString *s)
{
	patch(s, "/V 6 0 R", "/X 6 0 R");
}

static const struct {
	const char	*name;
	void		(*attack)(GString *);
	enum sig_status	 want;
} attacks[] = {
	{ "usf_no_byterange", usf_no_byterange, SIG_INVALID },
	{ "usf_no_contents", usf_no_contents, SIG_INVALID },
	{ "usf_byterange_null", usf_byterange_null, SIG_INVALID },
	{ "usf_byterange_zero", usf_byterange_zero, SIG_INVALID },
	{ "usf_byterange_wrong_type", usf_byterange_wrong_type, SIG_INVALID },
	{ "usf_byterange_overlapping", usf_byterange_overlapping,
	    SIG_INVALID },
	{ "usf_byterange_reordered", usf_byterange_reordered, SIG_INVALID },
	{ "usf_contents_not_filling_hole", usf_contents_not_filling_hole,
	    SIG_INVALID },
	{ "content_tampered", content_tampered, SIG_INVALID },
	{ "isa_appended_without_xref", isa_appended_without_xref,
	    SIG_PARTIAL },
	{ "isa_content_replaced", isa_content_replaced, SIG_PARTIAL },
	{ "isa_page_redefined", isa_page_redefined, SIG_PARTIAL },
	{ "swa_hole_moved", swa_hole_moved, SIG_INVALID },
	{ "shadow_hide", shadow_hide, SIG_PARTIAL },
	{ "shadow_replace", shadow_replace, SIG_PARTIAL },
	{ "shadow_hide_and_replace", shadow_hide_and_replace, SIG_PARTIAL },
	{ "subfilter_rsa_sha1", subfilter_rsa_sha1, SIG_UNSUPPORTED },
	{ "subfilter_doc_timestamp", subfilter_doc_timestamp,
	    SIG_UNSUPPORTED },
	{ "field_without_value", field_without_value, SIG_UNSUPPORTED },
};

START_TEST(pdf_sig_attacks)
{
	GString		*pdf = minimal_pdf();
	GString		*s = test_pdf_signed(pdf, "sontinh", T_SIGN,
			    true);
	enum sig_status	 st;

	attacks[_i].attack(s);
	st = verdict(s);
	ck_assert_msg(st != SIG_VALID, "%s came out valid", attacks[_i].name);
	ck_assert_msg(st == attacks[_i].want, "%s: %s", attacks[_i].name,
	    sig_status_name(st));
	g_string_free(s, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(pdf_sig_dss_only_update_still_valid)
{
	GString	*pdf = minimal_pdf();
	GString	*s = test_pdf_signed(pdf, "sontinh", T_SIGN, true);

	append_update(s, true, 1, "<< /Type /Catalog /Pages 2 0 R /AcroForm "
	    "<< /Fields [7 0 R] /SigFlags 3 >> /DSS 12 0 R >>", 12,
	    "<< /Certs [] /VRI << >> >>", 0);
	ck_assert_int_eq(verdict(s), SIG_VALID);
	g_string_free(s, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(pdf_sig_catalog_update_beyond_dss_partial)
{
	GString	*pdf = minimal_pdf();
	GString	*s = test_pdf_signed(pdf, "sontinh", T_SIGN, true);

	append_update(s, true, 1, "<< /Type /Catalog /Pages 2 0 R /AcroForm "
	    "<< /Fields [7 0 R] /SigFlags 3 >> /OpenAction 12 0 R >>", 12,
	    "<< /S /JavaScript /JS (app.alert(1)) >>", 0);
	ck_assert_int_eq(verdict(s), SIG_PARTIAL);
	g_string_free(s, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(pdf_sig_two_signatures_each_reported)
{
	GString		*pdf = minimal_pdf();
	GString		*s1 = test_pdf_signed(pdf, "sontinh", T_SIGN,
			    true);
	GString		*s2 = test_pdf_signed(s1, "btg", T_SIGN, false);
	enum sig_status	 each[2] = { SIG_UNSIGNED, SIG_UNSIGNED };
	size_t		 n = 0;

	ck_assert_int_eq(verify(s2, &n, each, 2), SIG_VALID);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(each[0], SIG_VALID);
	ck_assert_int_eq(each[1], SIG_VALID);
	/* the second signer untrusted: the summary is the weakest */
	g_string_free(s2, TRUE);
	s2 = test_pdf_signed(s1, "fake", T_SIGN, false);
	ck_assert_int_eq(verify(s2, &n, each, 2), SIG_UNTRUSTED);
	ck_assert_int_eq(each[0], SIG_VALID);
	/* a change after the second signature: the first is partial, the
	 * second keeps the weaker untrusted, which is the summary */
	isa_content_replaced(s2);
	ck_assert_int_eq(verify(s2, &n, each, 2), SIG_UNTRUSTED);
	ck_assert_int_eq(each[0], SIG_PARTIAL);
	ck_assert_int_eq(each[1], SIG_UNTRUSTED);
	g_string_free(s2, TRUE);
	g_string_free(s1, TRUE);
	g_string_free(pdf, TRUE);
}
END_TEST

START_TEST(pdf_sig_not_a_pdf_is_unreadable)
{
	struct sig_result	*r = NULL;
	size_t			 n = 0;
	const char		*why = NULL;
	static const char	 junk[] = "%PDF-1.7\nnothing else";

	ck_assert_int_eq(pdf_sig_verify((const unsigned char *)junk,
	    sizeof(junk) - 1, &trust, NULL, &r, &n, &why), -1);
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(pdf_sig_size_limit_below_at_above)
{
	GString			*pdf = minimal_pdf();
	struct parse_limits	 l = { 0 };
	struct sig_result	*r = NULL;
	size_t			 n = 0;
	const char		*why = NULL;

	for (int d = -1; d <= 1; d++) {
		l.max_pdf_size = pdf->len + (size_t)d;
		ck_assert_int_eq(pdf_sig_verify((unsigned char *)pdf->str,
		    pdf->len, &trust, &l, &r, &n, &why), d < 0 ? -1 : 0);
		ooxml_sig_results_free(r, n);
	}
	/* the trailer declares 6 objects */
	l.max_pdf_size = 0;
	for (int d = -1; d <= 1; d++) {
		l.max_pdf_objects = (size_t)(6 + d);
		ck_assert_int_eq(pdf_sig_verify((unsigned char *)pdf->str,
		    pdf->len, &trust, &l, &r, &n, &why), d < 0 ? -1 : 0);
		ooxml_sig_results_free(r, n);
	}
	g_string_free(pdf, TRUE);
}
END_TEST

Suite *
pdf_sig_suite(void)
{
	Suite	*s = suite_create("pdf_sig");
	TCase	*tc = tcase_create("pdf_sig");

	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, pdf_sig_signed_by_hotrocks_valid, 0, 2);
	tcase_add_test(tc, pdf_sig_unsigned_pdf_is_unsigned);
	tcase_add_loop_test(tc, pdf_sig_pki_cases, 0,
	    G_N_ELEMENTS(pki_cases));
	tcase_add_loop_test(tc, pdf_sig_attacks, 0, G_N_ELEMENTS(attacks));
	tcase_add_test(tc, pdf_sig_dss_only_update_still_valid);
	tcase_add_test(tc, pdf_sig_catalog_update_beyond_dss_partial);
	tcase_add_test(tc, pdf_sig_two_signatures_each_reported);
	tcase_add_test(tc, pdf_sig_not_a_pdf_is_unreadable);
	tcase_add_test(tc, pdf_sig_size_limit_below_at_above);
	suite_add_tcase(s, tc);
	return (s);
}
