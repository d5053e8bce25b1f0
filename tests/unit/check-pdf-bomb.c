/* check-pdf-bomb.c: compression bombs in PDFs (pdf_doc_inflate_check),
 * before qpdf (pdf_sig_verify) and poppler (pdf_text_read) may inflate
 * them: every shape a stream can take to multiply its bytes, each limit
 * just below, at and just above what the streams inflate to. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <zlib.h>

#include "intake/pdf-text.h"
#include "parsers/ooxml-sig.h"
#include "parsers/pdf-doc.h"
#include "parsers/pdf-sig.h"

#define MIB	((size_t)1 << 20)

/* n bytes of zeros, zlib-compressed: the shape of every flate bomb. */
static GBytes *
deflated(const unsigned char *in, size_t n)
{
	uLongf		 len = compressBound(n);
	unsigned char	*out = g_malloc(len);

	ck_assert_int_eq(compress2(out, &len, in, n, 9), Z_OK);
	return (g_bytes_new_take(out, len));
}

static GBytes *
zeros_deflated(size_t n)
{
	unsigned char	*z = g_malloc0(n);
	GBytes		*b = deflated(z, n);

	g_free(z);
	return (b);
}

static GBytes *
deflated_again(GBytes *b)
{
	gsize		 n;
	const void	*p = g_bytes_get_data(b, &n);

	return (deflated(p, n));
}

static GBytes *
hex(GBytes *b)
{
	gsize			 n;
	const unsigned char	*p = g_bytes_get_data(b, &n);
	GString			*s = g_string_new(NULL);

	for (gsize i = 0; i < n; i++)
		g_string_append_printf(s, "%02X%s", p[i], i % 32 == 31 ?
		    "\n" : "");
	g_string_append_c(s, '>');
	return (g_string_free_to_bytes(s));
}

static GBytes *
ascii85(GBytes *b)
{
	gsize			 n;
	const unsigned char	*p = g_bytes_get_data(b, &n);
	GString			*s = g_string_new("<~");

	for (gsize i = 0; i < n; i += 4) {
		guint32	v = 0;
		size_t	k = MIN(4, n - i);
		char	c[5];

		for (size_t j = 0; j < 4; j++)
			v = v << 8 | (j < k ? p[i + j] : 0);
		for (int j = 4; j >= 0; j--) {
			c[j] = (char)('!' + v % 85);
			v /= 85;
		}
		g_string_append_len(s, c, (gssize)k + 1);
	}
	g_string_append(s, "~>");
	return (g_string_free_to_bytes(s));
}

/* A one-page PDF whose page content is data under the filter named. */
static GString *
pdf_with(GBytes *data, const char *filter)
{
	GString		*s = g_string_new("%PDF-1.7\n");
	gsize		 n;
	const char	*p = g_bytes_get_data(data, &n);
	long		 off[5];

	off[1] = (long)s->len;
	g_string_append(s, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
	    "endobj\n");
	off[2] = (long)s->len;
	g_string_append(s, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 "
	    ">>\nendobj\n");
	off[3] = (long)s->len;
	g_string_append(s, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox "
	    "[0 0 595 842] /Contents 4 0 R >>\nendobj\n");
	off[4] = (long)s->len;
	g_string_append_printf(s, "4 0 obj\n<< /Filter %s /Length %zu >>\n"
	    "stream\r\n", filter, (size_t)n);
	g_string_append_len(s, p, (gssize)n);
	g_string_append(s, "\nendstream\nendobj\n");
	{
		long x = (long)s->len;

		g_string_append(s, "xref\n0 5\n0000000000 65535 f \n");
		for (int i = 1; i < 5; i++)
			g_string_append_printf(s, "%010ld 00000 n \n", off[i]);
		g_string_append_printf(s, "trailer\n<< /Size 5 /Root 1 0 R >>"
		    "\nstartxref\n%ld\n%%%%EOF\n", x);
	}
	return (s);
}

enum shape { FLATE, FLATE_FLATE, HEX_FLATE, A85_FLATE, HEX_FLATE_FLATE };

static const struct {
	const char	*what;
	enum shape	 shape;
	const char	*filter;
} shapes[] = {
	{ "flate", FLATE, "/FlateDecode" },
	{ "flate on flate", FLATE_FLATE, "[/FlateDecode /FlateDecode]" },
	{ "flate under ASCIIHex", HEX_FLATE,
	    "[/ASCIIHexDecode /FlateDecode]" },
	{ "flate under ASCII85", A85_FLATE,
	    "[/ASCII85Decode /FlateDecode]" },
	{ "flate on flate under ASCIIHex", HEX_FLATE_FLATE,
	    "[/ASCIIHexDecode /FlateDecode /FlateDecode]" },
};

/* The data of a stream of that shape; *counted_r: what the check charges
 * for it, every layer's output and every Flate layer's input. */
static GBytes *
shape_data(enum shape sh, size_t *counted_r)
{
	GBytes	*z = zeros_deflated(4 * MIB), *t, *u;
	size_t	 lz = g_bytes_get_size(z);

	*counted_r = 4 * MIB + lz;		/* the inner flate layer */
	switch (sh) {
	case FLATE:
		return (z);
	case FLATE_FLATE:
	case HEX_FLATE_FLATE:
		t = deflated_again(z);
		*counted_r += lz + g_bytes_get_size(t);
		g_bytes_unref(z);
		if (sh == FLATE_FLATE)
			return (t);
		*counted_r += g_bytes_get_size(t);	/* hex output */
		u = hex(t);
		g_bytes_unref(t);
		return (u);
	case HEX_FLATE:
		t = hex(z);
		break;
	case A85_FLATE:
	default:
		t = ascii85(z);
		break;
	}
	*counted_r += lz;				/* text output */
	g_bytes_unref(z);
	return (t);
}

/* Every shape is counted whole: one byte less is refused. */
START_TEST(pdf_bomb_shapes_counted_below_at_above)
{
	struct parse_limits	 l = { 0 };
	size_t			 counted;
	GBytes			*data = shape_data(shapes[_i].shape, &counted);
	GString			*pdf = pdf_with(data, shapes[_i].filter);
	const char		*why;

	for (int d = -1; d <= 1; d++) {
		why = NULL;
		l.max_pdf_inflated = counted + (size_t)d;
		ck_assert_msg(pdf_doc_inflate_check((unsigned char *)pdf->str,
		    pdf->len, &l, &why) == (d < 0 ? -1 : 0), "%s, limit %+d",
		    shapes[_i].what, d);
		if (d < 0)
			ck_assert_str_eq(why, "the PDF's compressed streams "
			    "inflate past the limit (a compression bomb)");
	}
	g_string_free(pdf, TRUE);
	g_bytes_unref(data);
}
END_TEST

/* The budget is for the whole file: two streams of 3 MiB (and their
 * compressed bytes) pass at their sum and fail one byte below; an
 * "endstream" keyword starts nothing. */
START_TEST(pdf_bomb_budget_is_per_file)
{
	struct parse_limits	 l = { 0 };
	GBytes			*z = zeros_deflated(3 * MIB);
	GString			*pdf = pdf_with(z, "/FlateDecode");
	gsize			 n;
	const char		*p = g_bytes_get_data(z, &n), *why;

	g_string_append(pdf, "5 0 obj\n<< /Length 1 >>\nstream\n");
	g_string_append_len(pdf, p, (gssize)n);
	g_string_append(pdf, "\nendstream\nendobj\nendstream");
	g_string_append_len(pdf, p, (gssize)n);
	l.max_pdf_inflated = 2 * (3 * MIB + n);
	ck_assert_int_eq(pdf_doc_inflate_check((unsigned char *)pdf->str,
	    pdf->len, &l, &why), 0);
	l.max_pdf_inflated = 2 * (3 * MIB + n) - 1;
	ck_assert_int_eq(pdf_doc_inflate_check((unsigned char *)pdf->str,
	    pdf->len, &l, &why), -1);
	g_string_free(pdf, TRUE);
	g_bytes_unref(z);
}
END_TEST

/* Many "stream" keywords leading into one long run of ASCII85 text (whose
 * alphabet holds the keyword's letters: each decode runs to the end), and
 * a Flate stream of empty stored blocks (input, no output): what is
 * decoded and consumed is charged, so the work stays bounded. */
START_TEST(pdf_bomb_many_keywords_one_long_run)
{
	struct parse_limits	 l = { .max_pdf_inflated = 4 * MIB };
	GString			*pdf = g_string_new("%PDF-1.7\n");
	GBytes			*z = zeros_deflated(64), *a;
	gsize			 n;
	const char		*why = NULL, *p;

	if (_i == 0) {
		/* "stream" + ASCII85 of a zlib header, 20000 times */
		a = ascii85(z);
		p = g_bytes_get_data(a, &n);
		for (int k = 0; k < 20000; k++) {
			g_string_append(pdf, "stream\n");
			g_string_append_len(pdf, p + 2, 10);	/* no "<~" */
		}
		g_bytes_unref(a);
	} else {
		/* one zlib stream of 5 MiB of empty stored blocks: input
		 * consumed, nothing produced, charged all the same */
		static const unsigned char hdr[] = { 0x78, 0x01 };
		static const unsigned char empty[] = { 0x00, 0x00, 0x00,
		    0xff, 0xff };

		g_string_append(pdf, "stream\n");
		g_string_append_len(pdf, (const char *)hdr, 2);
		for (size_t e = 0; e < MIB; e++)
			g_string_append_len(pdf, (const char *)empty, 5);
	}
	ck_assert_int_eq(pdf_doc_inflate_check((unsigned char *)pdf->str,
	    pdf->len, &l, &why), -1);
	g_string_free(pdf, TRUE);
	g_bytes_unref(z);
}
END_TEST

/* The readers refuse a bomb before qpdf or poppler inflate it, and read
 * the same file under a limit it fits. */
START_TEST(pdf_bomb_readers_refuse_before_inflating)
{
	struct parse_limits	 l = { .max_pdf_inflated = 2 * MIB };
	GBytes			*z = zeros_deflated(4 * MIB);
	GBytes			*zz = deflated_again(z);
	GString			*pdf = pdf_with(zz, "[/FlateDecode "
	    "/FlateDecode]");
	struct sig_trust	 tr = { 0 };
	struct sig_result	*r = NULL;
	struct docbody		*body = NULL;
	size_t			 n = 0;
	const char		*why = NULL;

	tr.anchors = sk_X509_new_null();
	ck_assert_int_eq(pdf_sig_verify((unsigned char *)pdf->str, pdf->len,
	    &tr, &l, &r, &n, &why), -1);
	ck_assert_str_eq(why, "the PDF's compressed streams inflate past the "
	    "limit (a compression bomb)");
	why = NULL;
	ck_assert_int_eq(pdf_text_read((unsigned char *)pdf->str, pdf->len,
	    &l, &body, &why), -1);
	ck_assert_ptr_null(body);
	ck_assert_str_eq(why, "the PDF's compressed streams inflate past the "
	    "limit (a compression bomb)");
	l.max_pdf_inflated = 8 * MIB;
	ck_assert_int_eq(pdf_sig_verify((unsigned char *)pdf->str, pdf->len,
	    &tr, &l, &r, &n, &why), 0);
	ooxml_sig_results_free(r, n);
	ck_assert_int_eq(pdf_text_read((unsigned char *)pdf->str, pdf->len,
	    &l, &body, &why), 0);
	docbody_free(body);
	sk_X509_free(tr.anchors);
	g_string_free(pdf, TRUE);
	g_bytes_unref(zz);
	g_bytes_unref(z);
}
END_TEST

Suite *
pdf_bomb_suite(void)
{
	Suite	*s = suite_create("pdf_bomb");
	TCase	*tc = tcase_create("pdf_bomb");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, pdf_bomb_shapes_counted_below_at_above, 0,
	    G_N_ELEMENTS(shapes));
	tcase_add_test(tc, pdf_bomb_budget_is_per_file);
	tcase_add_loop_test(tc, pdf_bomb_many_keywords_one_long_run, 0, 2);
	tcase_add_test(tc, pdf_bomb_readers_refuse_before_inflating);
	suite_add_tcase(s, tc);
	return (s);
}
