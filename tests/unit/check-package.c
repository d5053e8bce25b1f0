/* check-package.c: OPC packages: names, limits, zip bombs, lying headers,
 * content types and relationships. Archives are built in memory. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "parsers/package.h"
#include "tests/unit/testlib.h"

/* Replaces every occurrence of from (n bytes) in b by to. */
static int
patch(unsigned char *b, size_t len, const char *from, const char *to,
    size_t n)
{
	int hits = 0;

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(b + i, from, n) == 0) {
			memcpy(b + i, to, n);
			hits++;
		}
	return (hits);
}

/* Sets a little-endian field at off after every signature sig. */
static void
patch_headers(unsigned char *b, size_t len, const char *sig, size_t off,
    size_t width, uint32_t value)
{
	for (size_t i = 0; i + off + width <= len; i++)
		if (memcmp(b + i, sig, 4) == 0)
			for (size_t k = 0; k < width; k++)
				b[i + off + k] =
				    (unsigned char)(value >> 8 * k);
}

/* Letters that deflate only modestly (no zip-bomb ratio). */
static unsigned char *
noise(size_t n)
{
	unsigned char	*p = g_malloc(n);
	uint32_t	 x = 12345;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245 + 12345;
		p[i] = (unsigned char)('a' + (x >> 16) % 26);
	}
	return (p);
}

static struct package *
open_entries(const char *const *entries, const struct parse_limits *l,
    const char **why)
{
	size_t		 len;
	unsigned char	*z = test_zip(entries, &len);
	struct package	*pkg = package_open(z, len, l, why);

	g_free(z);
	return (pkg);
}

START_TEST(package_lists_and_reads_parts)
{
	const char *e[] = { "word/document.xml", "<doc/>", "a.txt", "hello",
	    NULL };
	const char	*why;
	struct package	*pkg = open_entries(e, NULL, &why);
	unsigned char	*d;
	size_t		 n;

	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_uint_eq(package_count(pkg), 2);
	ck_assert_str_eq(package_name(pkg, 0), "word/document.xml");
	ck_assert_ptr_null(package_name(pkg, 2));
	ck_assert(package_has(pkg, "/Word/Document.XML"));
	ck_assert(!package_has(pkg, "word/other.xml"));
	ck_assert_int_eq(package_read(pkg, "/WORD/document.xml", &d, &n, &why),
	    0);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq((char *)d, "<doc/>");
	g_free(d);
	ck_assert_int_eq(package_read(pkg, "missing.xml", &d, &n, &why), -1);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(why);
	package_free(pkg);
}
END_TEST

START_TEST(package_caller_may_free_input)
{
	const char *e[] = { "a.txt", "kept", NULL };
	size_t		 len, n;
	unsigned char	*z = test_zip(e, &len), *d;
	const char	*why;
	struct package	*pkg = package_open(z, len, NULL, &why);

	memset(z, 0, len);
	g_free(z);
	ck_assert_ptr_nonnull(pkg);
	ck_assert_int_eq(package_read(pkg, "a.txt", &d, &n, &why), 0);
	ck_assert_str_eq((char *)d, "kept");
	g_free(d);
	package_free(pkg);
}
END_TEST

START_TEST(package_not_a_zip)
{
	const char	*text = "PK this is plain text, not an archive.....";
	const char	*why = NULL;

	ck_assert_ptr_null(package_open((const unsigned char *)text,
	    strlen(text), NULL, &why));
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(package_empty_input)
{
	const char *why = NULL;

	ck_assert_ptr_null(package_open(NULL, 0, NULL, &why));
	ck_assert_str_eq(why, "not a ZIP archive");
	ck_assert_ptr_null(package_open((const unsigned char *)"", 0, NULL,
	    &why));
}
END_TEST

START_TEST(package_truncated_archive)
{
	const char *e[] = { "word/document.xml", "<doc>some text</doc>",
	    "b.xml", "<b/>", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why = NULL;

	ck_assert_ptr_null(package_open(z, len / 2, NULL, &why));
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_null(package_open(z, len - 1, NULL, &why));
	g_free(z);
}
END_TEST

/* Limit 10: 9 and 10 entries open, 11 do not. */
START_TEST(package_entry_count_limit)
{
	struct parse_limits	 l = { .max_entries = 10 };
	size_t			 n = 9 + (size_t)_i, len;
	const char		*names[11] = { 0 };
	const unsigned char	*data[11] = { 0 };
	size_t			 lens[11] = { 0 };
	char			 buf[11][16];
	unsigned char		*z;
	const char		*why = NULL;
	struct package		*pkg;

	for (size_t i = 0; i < n; i++) {
		g_snprintf(buf[i], sizeof(buf[i]), "part%zu.xml", i);
		names[i] = buf[i];
		data[i] = (const unsigned char *)"x";
		lens[i] = 1;
	}
	z = test_zipn(n, names, data, lens, &len);
	pkg = package_open(z, len, &l, &why);
	if (n <= 10) {
		ck_assert_msg(pkg != NULL, "%zu entries: %s", n, why);
		ck_assert_uint_eq(package_count(pkg), n);
	} else {
		ck_assert_ptr_null(pkg);
		ck_assert_str_eq(why,
		    "ZIP archive has more entries than the limit");
	}
	package_free(pkg);
	g_free(z);
}
END_TEST

/* Limit 1000 bytes: 999 and 1000 read, 1001 does not. */
START_TEST(package_entry_size_limit)
{
	struct parse_limits	 l = { .max_entry_size = 1000 };
	size_t			 n = 999 + (size_t)_i, len, got;
	unsigned char		*p = noise(n), *z, *d;
	const char		*name = "big.bin", *why = NULL;
	const unsigned char	*data = p;
	struct package		*pkg;
	int			 rc;

	z = test_zipn(1, &name, &data, &n, &len);
	pkg = package_open(z, len, &l, &why);
	ck_assert_ptr_nonnull(pkg);
	rc = package_read(pkg, name, &d, &got, &why);
	if (n <= 1000) {
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(got, n);
		ck_assert_mem_eq(d, p, n);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_null(d);
		ck_assert_str_eq(why,
		    "ZIP entry is larger than the entry size limit");
	}
	g_free(d);
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

START_TEST(package_zip_bomb_high_ratio)
{
	struct parse_limits	 wide = { .max_ratio = 100000 };
	size_t			 n = (size_t)4 << 20, len, got;
	unsigned char		*zeros = g_malloc0(n), *z, *d;
	const char		*name = "xl/worksheets/sheet1.xml", *why;
	const unsigned char	*data = zeros;
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	ck_assert_uint_lt(len * 200, n);
	pkg = package_open(z, len, NULL, &why);
	ck_assert_ptr_nonnull(pkg);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), -1);
	ck_assert_str_eq(why, "ZIP entry inflates beyond the ratio limit");
	package_free(pkg);
	/* The same entry passes when the ratio allows it. */
	pkg = package_open(z, len, &wide, &why);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), 0);
	ck_assert_uint_eq(got, n);
	g_free(d);
	package_free(pkg);
	g_free(z);
	g_free(zeros);
}
END_TEST

START_TEST(package_tiny_entry_exempt_from_ratio)
{
	size_t			 n = 60 << 10, len, got;
	unsigned char		*zeros = g_malloc0(n), *z, *d;
	const char		*name = "zeros", *why;
	const unsigned char	*data = zeros;
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	ck_assert_uint_lt(len * 200, n);
	pkg = package_open(z, len, NULL, &why);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), 0);
	ck_assert_uint_eq(got, n);
	g_free(d);
	package_free(pkg);
	g_free(z);
	g_free(zeros);
}
END_TEST

/* Every read counts: 3 x 1000 bytes fit in 3000, a fourth does not;
 * limits 2999 and 3001 show it is the sum that is compared. */
START_TEST(package_total_size_limit)
{
	size_t			 totals[] = { 2999, 3000, 3001 };
	struct parse_limits	 l = { .max_total_size = totals[_i] };
	size_t			 n = 1000, len, got;
	unsigned char		*p = noise(n), *z, *d;
	const char		*names[] = { "a", "b", "c" }, *why;
	const unsigned char	*data[] = { p, p, p };
	size_t			 lens[] = { n, n, n };
	struct package		*pkg;

	z = test_zipn(3, names, data, lens, &len);
	pkg = package_open(z, len, &l, &why);
	ck_assert_int_eq(package_read(pkg, "a", &d, &got, &why), 0);
	g_free(d);
	ck_assert_int_eq(package_read(pkg, "b", &d, &got, &why), 0);
	g_free(d);
	if (totals[_i] < 3000) {
		ck_assert_int_eq(package_read(pkg, "c", &d, &got, &why), -1);
		ck_assert_str_eq(why,
		    "ZIP package inflates beyond the total size limit");
	} else {
		ck_assert_int_eq(package_read(pkg, "c", &d, &got, &why), 0);
		g_free(d);
		if (totals[_i] == 3000)
			ck_assert_int_eq(package_read(pkg, "a", &d, &got,
			    &why), -1);
	}
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

static const char *const bad_names[] = {
	"../x", "word/../../x", "a/..", "/etc/x", "/word/document.xml",
	"a\\b", "word\\document.xml",
};

START_TEST(package_refuses_bad_name)
{
	const char	*e[] = { "ok.xml", "<a/>", bad_names[_i], "data",
	    NULL };
	const char	*why = NULL;

	ck_assert_msg(open_entries(e, NULL, &why) == NULL, "%s opened",
	    bad_names[_i]);
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(package_dots_inside_names_are_fine)
{
	const char *e[] = { "a/..b/c..d", "x", "..x", "y", "a/./b", "z", NULL };
	const char	*why;
	struct package	*pkg = open_entries(e, NULL, &why);

	ck_assert_msg(pkg != NULL, "%s", why);
	package_free(pkg);
}
END_TEST

START_TEST(package_refuses_duplicate_names)
{
	const char *e[] = { "word/abc.xml", "1", "word/abd.xml", "2", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why = NULL;

	ck_assert_int_eq(patch(z, len, "word/abd.xml", "word/abc.xml", 12), 2);
	ck_assert_ptr_null(package_open(z, len, NULL, &why));
	ck_assert_str_eq(why, "ZIP archive has two entries of the same name");
	g_free(z);
}
END_TEST

START_TEST(package_refuses_case_colliding_names)
{
	const char *e[] = { "word/document.xml", "<a/>", "Word/Document.xml",
	    "<b/>", NULL };
	const char *why = NULL;

	ck_assert_ptr_null(open_entries(e, NULL, &why));
	ck_assert_str_eq(why, "ZIP archive has two entries of the same name");
}
END_TEST

START_TEST(package_refuses_nul_in_name)
{
	const char *e[] = { "word/abc.xml", "1", "word/abd.xml", "2", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why = NULL;

	ck_assert_int_eq(patch(z, len, "abd.xml", "ab\0.xml", 7), 2);
	ck_assert_ptr_null(package_open(z, len, NULL, &why));
	ck_assert_str_eq(why, "ZIP entry name contains a NUL byte");
	g_free(z);
}
END_TEST

START_TEST(package_refuses_invalid_utf8_name)
{
	const char *e[] = { "word/abc.xml", "1", "word/XY.xml", "2", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why = NULL;

	ck_assert_int_eq(patch(z, len, "XY.xml", "\xff\xfe.xml", 6), 2);
	ck_assert_ptr_null(package_open(z, len, NULL, &why));
	ck_assert_str_eq(why, "ZIP entry name is not UTF-8");
	g_free(z);
}
END_TEST

START_TEST(package_refuses_encrypted_entry)
{
	const char *e[] = { "secret.xml", "<a/>", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why = NULL;

	patch_headers(z, len, "PK\3\4", 6, 2, 1);
	patch_headers(z, len, "PK\1\2", 8, 2, 1);
	ck_assert_ptr_null(package_open(z, len, NULL, &why));
	ck_assert_str_eq(why, "ZIP entry is encrypted");
	g_free(z);
}
END_TEST

/* The headers say 1000 bytes; the data inflates to 200000. The read must
 * stop, whether the entry limit or the stated size catches it first. */
START_TEST(package_header_understates_size)
{
	struct parse_limits	 l = { .max_entry_size = 5000 };
	size_t			 n = 200000, len, got;
	unsigned char		*p = noise(n), *z, *d;
	const char		*name = "lie.xml", *why = NULL;
	const unsigned char	*data = p;
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	patch_headers(z, len, "PK\3\4", 22, 4, 1000);
	patch_headers(z, len, "PK\1\2", 24, 4, 1000);
	pkg = package_open(z, len, _i ? &l : NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), -1);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(why);
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

START_TEST(package_header_overstates_size)
{
	size_t			 n = 2000, len, got;
	unsigned char		*p = noise(n), *z, *d;
	const char		*name = "lie.xml", *why = NULL;
	const unsigned char	*data = p;
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	patch_headers(z, len, "PK\3\4", 22, 4, 2500);
	patch_headers(z, len, "PK\1\2", 24, 4, 2500);
	pkg = package_open(z, len, NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), -1);
	ck_assert_ptr_null(d);
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

START_TEST(package_corrupt_data_fails_read)
{
	size_t			 n = 5000, len, got;
	unsigned char		*p = noise(n), *z, *d;
	const char		*name = "c.xml", *why = NULL;
	const unsigned char	*data = p;
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	/* Flip bits in the middle of the deflated data. */
	for (size_t i = 60; i < 80; i++)
		z[i] ^= 0x5a;
	pkg = package_open(z, len, NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_int_eq(package_read(pkg, name, &d, &got, &why), -1);
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

/* Reads part name to its end through a stream, piece bytes at a time,
 * into *data_r (g_free); -1 with the reason, the stream then failing
 * again with the same one. */
static ssize_t
stream_all(struct package *pkg, const char *name, size_t piece,
    unsigned char **data_r, const char **why)
{
	struct package_stream	*ps = package_stream_open(pkg, name, why);
	GByteArray		*out = g_byte_array_new();
	unsigned char		*buf = g_malloc(piece);
	ssize_t			 got, total = 0;
	const char		*again;

	*data_r = NULL;
	if (ps == NULL) {
		total = -1;
		goto out;
	}
	while ((got = package_stream_read(ps, buf, piece, why)) > 0) {
		ck_assert_uint_le((size_t)got, piece);
		ck_assert_uint_le((size_t)got, 64 << 10);
		g_byte_array_append(out, buf, (guint)got);
		total += got;
	}
	if (got == -1) {
		ck_assert_ptr_nonnull(*why);
		ck_assert_int_eq(package_stream_read(ps, buf, piece, &again),
		    -1);
		ck_assert_str_eq(again, *why);
		total = -1;
	} else {
		ck_assert_ptr_null(*why);
		ck_assert_int_eq(package_stream_read(ps, buf, piece, why), 0);
		*data_r = g_byte_array_free(out, FALSE);
		out = NULL;
	}
out:
	if (out != NULL)
		g_byte_array_free(out, TRUE);
	package_stream_close(ps);
	g_free(buf);
	return (total);
}

START_TEST(package_stream_reads_in_pieces)
{
	size_t			 n = 300000, len, pieces[] = { 1, 777,
	    (size_t)1 << 20 };
	unsigned char		*p = noise(n), *z, *d;
	const char		*name = "xl/worksheets/sheet1.xml", *why;
	const unsigned char	*data = p;
	struct parse_limits	 l = { .max_total_size = n };
	struct package		*pkg;

	z = test_zipn(1, &name, &data, &n, &len);
	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		pkg = package_open(z, len, &l, &why);
		ck_assert_int_eq(stream_all(pkg, "/XL/worksheets/sheet1.xml",
		    pieces[i], &d, &why), (ssize_t)n);
		ck_assert_mem_eq(d, p, n);
		g_free(d);
		/* What was streamed counts against the total. */
		ck_assert_int_eq(stream_all(pkg, name, 4096, &d, &why), -1);
		ck_assert_str_eq(why,
		    "ZIP package inflates beyond the total size limit");
		package_free(pkg);
	}
	pkg = package_open(z, len, NULL, &why);
	ck_assert_ptr_null(package_stream_open(pkg, "missing.xml", &why));
	ck_assert_str_eq(why, "no such part in the package");
	package_stream_close(NULL);
	package_free(pkg);
	g_free(z);
	g_free(p);
}
END_TEST

/* Whatever package_read refuses, a stream of the same part refuses for
 * the same reason: lying sizes either way, corrupt data, each limit. */
START_TEST(package_stream_fails_as_read_does)
{
	struct parse_limits	 entry = { .max_entry_size = 4000 };
	struct parse_limits	 total = { .max_total_size = 4000 };
	struct parse_limits	 ratio = { .max_ratio = 1 };
	const struct parse_limits *lims[] = { NULL, NULL, NULL, &entry,
	    &total, &ratio };
	size_t			 n = 200000, len, got;
	unsigned char		*p = noise(n), *z, *d, *s;
	const char		*name = "part.xml", *why_r, *why_s;
	const unsigned char	*data = p;
	struct package		*a, *b;

	z = test_zipn(1, &name, &data, &n, &len);
	switch (_i) {
	case 0:
		patch_headers(z, len, "PK\3\4", 22, 4, 1000);
		patch_headers(z, len, "PK\1\2", 24, 4, 1000);
		break;
	case 1:
		patch_headers(z, len, "PK\3\4", 22, 4, 250000);
		patch_headers(z, len, "PK\1\2", 24, 4, 250000);
		break;
	case 2:
		for (size_t i = 60; i < 80; i++)
			z[i] ^= 0x5a;
		break;
	default:
		break;
	}
	a = package_open(z, len, lims[_i], &why_r);
	b = package_open(z, len, lims[_i], &why_s);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(package_read(a, name, &d, &got, &why_r), -1);
	ck_assert_int_eq(stream_all(b, name, 1000, &s, &why_s), -1);
	ck_assert_str_eq(why_s, why_r);
	package_free(a);
	package_free(b);
	g_free(z);
	g_free(p);
}
END_TEST

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"XML\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "</Relationships>";

static const char doc_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"t/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"t/item\" "
    "Target=\"../customXml/item1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"t/abs\" Target=\"/xl/./x.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"t/hyperlink\" "
    "Target=\"http://example.com/a/../b\" TargetMode=\"External\"/>"
    "<Relationship Id=\"rId5\" Type=\"t/up\" Target=\"../../../../up.xml\"/>"
    "<Relationship Id=\"rId6\" Type=\"t/media\" Target=\"media/./a.png\"/>"
    "</Relationships>";

START_TEST(package_content_types)
{
	const char *e[] = { "[Content_Types].xml", content_types,
	    "word/document.xml", "<a/>", NULL };
	const char	*why;
	struct package	*pkg = open_entries(e, NULL, &why);
	char		*ct;

	ct = package_content_type(pkg, "/WORD/Document.xml");
	ck_assert_str_eq(ct, "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main"
	    "+xml");
	g_free(ct);
	ct = package_content_type(pkg, "word/styles.xml");
	ck_assert_str_eq(ct, "application/xml");
	g_free(ct);
	ck_assert_ptr_null(package_content_type(pkg, "word/media/a.png"));
	ck_assert_ptr_null(package_content_type(pkg, "word.d/noext"));
	package_free(pkg);
}
END_TEST

START_TEST(package_relationships_resolve)
{
	const char *e[] = { "[Content_Types].xml", content_types,
	    "_rels/.rels", root_rels, "word/document.xml", "<a/>",
	    "word/_rels/document.xml.rels", doc_rels, NULL };
	const char		*why;
	struct package		*pkg = open_entries(e, NULL, &why);
	struct package_rel	*r;
	size_t			 n;
	char			*main;

	main = package_main_part(pkg);
	ck_assert_str_eq(main, "word/document.xml");
	g_free(main);
	ck_assert_int_eq(package_rels(pkg, "/word/document.xml", &r, &n, &why),
	    0);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(r[0].id, "rId1");
	ck_assert_str_eq(r[0].type, "t/styles");
	ck_assert_str_eq(r[0].target, "word/styles.xml");
	ck_assert(!r[0].external);
	ck_assert_str_eq(r[1].target, "customXml/item1.xml");
	ck_assert_str_eq(r[2].target, "xl/x.xml");
	ck_assert_str_eq(r[3].target, "http://example.com/a/../b");
	ck_assert(r[3].external);
	ck_assert_str_eq(r[4].target, "up.xml");
	ck_assert_str_eq(r[5].target, "word/media/a.png");
	package_rels_free(r, n);
	/* No relationships part: no relationships, and no error. */
	ck_assert_int_eq(package_rels(pkg, "word/styles.xml", &r, &n, &why), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(r);
	package_free(pkg);
}
END_TEST

START_TEST(package_bad_relationships_part)
{
	const char *e[] = { "_rels/.rels", "<Relationships><oops", NULL };
	const char		*why = NULL;
	struct package		*pkg = open_entries(e, NULL, &why);
	struct package_rel	*r;
	size_t			 n;

	ck_assert_int_eq(package_rels(pkg, "", &r, &n, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_null(package_main_part(pkg));
	package_free(pkg);
}
END_TEST

START_TEST(package_without_main_part)
{
	const char *e[] = { "a.xml", "<a/>", NULL };
	const char	*why;
	struct package	*pkg = open_entries(e, NULL, &why);

	ck_assert_ptr_null(package_main_part(pkg));
	ck_assert_ptr_null(package_content_type(pkg, "a.xml"));
	package_free(pkg);
}
END_TEST


/* Local headers that disagree with the central directory: two readers
 * would see two documents. Byte offsets are those of the first entry,
 * which libzip writes at the start of the archive. */
static const struct {
	size_t		 off;	/* into the first local header */
	unsigned char	 val;
} local_patch[] = {
	{ 30, 'W' },		/* name: "word/…" becomes "Word/…" */
	{ 8, 0 },		/* method: deflate becomes stored */
	{ 14, 0x5a },		/* CRC */
	{ 0, 'Q' },		/* signature */
};

START_TEST(package_local_header_disagrees_with_central)
{
	const char	*e[] = { "word/document.xml", "<w:document/>", NULL };
	const char	*why = NULL;
	unsigned char	*zip;
	size_t		 len;
	struct package	*pkg;


	zip = test_zip(e, &len);
	pkg = package_open(zip, len, NULL, &why);
	ck_assert_ptr_nonnull(pkg);
	package_free(pkg);
	if (local_patch[_i].off == 8 && zip[8] == 0)
		zip[8] = 8;	/* stored by libzip: make it deflate */
	else
		zip[local_patch[_i].off] = local_patch[_i].val;
	ck_assert_ptr_null(package_open(zip, len, NULL, &why));
	ck_assert_ptr_nonnull(why);
	g_free(zip);
}
END_TEST

Suite *
package_suite(void)
{
	Suite	*s = suite_create("package");
	TCase	*tc = tcase_create("open");
	TCase	*lim = tcase_create("limits");
	TCase	*opc = tcase_create("opc");

	tcase_add_test(tc, package_lists_and_reads_parts);
	tcase_add_test(tc, package_caller_may_free_input);
	tcase_add_test(tc, package_not_a_zip);
	tcase_add_test(tc, package_empty_input);
	tcase_add_test(tc, package_truncated_archive);
	tcase_add_loop_test(tc, package_local_header_disagrees_with_central, 0,
	    G_N_ELEMENTS(local_patch));
	tcase_add_loop_test(tc, package_refuses_bad_name, 0,
	    sizeof(bad_names) / sizeof(bad_names[0]));
	tcase_add_test(tc, package_dots_inside_names_are_fine);
	tcase_add_test(tc, package_refuses_duplicate_names);
	tcase_add_test(tc, package_refuses_case_colliding_names);
	tcase_add_test(tc, package_refuses_nul_in_name);
	tcase_add_test(tc, package_refuses_invalid_utf8_name);
	tcase_add_test(tc, package_refuses_encrypted_entry);
	suite_add_tcase(s, tc);

	tcase_add_loop_test(lim, package_entry_count_limit, 0, 3);
	tcase_add_loop_test(lim, package_entry_size_limit, 0, 3);
	tcase_add_test(lim, package_zip_bomb_high_ratio);
	tcase_add_test(lim, package_tiny_entry_exempt_from_ratio);
	tcase_add_loop_test(lim, package_total_size_limit, 0, 3);
	tcase_add_loop_test(lim, package_header_understates_size, 0, 2);
	tcase_add_test(lim, package_header_overstates_size);
	tcase_add_test(lim, package_corrupt_data_fails_read);
	tcase_add_test(lim, package_stream_reads_in_pieces);
	tcase_add_loop_test(lim, package_stream_fails_as_read_does, 0, 6);
	tcase_set_timeout(lim, 30);
	suite_add_tcase(s, lim);

	tcase_add_test(opc, package_content_types);
	tcase_add_test(opc, package_relationships_resolve);
	tcase_add_test(opc, package_bad_relationships_part);
	tcase_add_test(opc, package_without_main_part);
	suite_add_tcase(s, opc);
	return (s);
}
