/* check-sniff.c: formats told by content: ZIP/OPC packages, hand-made OLE2
 * compound files, PDF markers, and the limits of each scan. */
#include <string.h>

#include <check.h>
#include <glib.h>

#include "parsers/sniff.h"
#include "tests/unit/testlib.h"

#define CT_HEAD	"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas." \
	"openxmlformats.org/package/2006/content-types\"><Default " \
	"Extension=\"xml\" ContentType=\"application/xml\"/><Override " \
	"PartName=\"/main.xml\" ContentType=\""
#define CT_TAIL	"\"/></Types>"

static const struct {
	const char	*main_type;
	enum format	 want;
} opc_cases[] = {
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document.main+xml", FORMAT_DOCX },
	{ "application/vnd.ms-word.document.macroEnabled.main+xml",
	    FORMAT_DOCX },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "template.main+xml", FORMAT_DOCX },
	{ "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
	    FORMAT_DOCX },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml."
	    "sheet.main+xml", FORMAT_XLSX },
	{ "APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML."
	    "SHEET.MAIN+XML", FORMAT_XLSX },
	{ "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
	    FORMAT_XLSX },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml."
	    "template.main+xml", FORMAT_XLSX },
	{ "application/vnd.ms-excel.template.macroEnabled.main+xml",
	    FORMAT_XLSX },
	{ "application/vnd.openxmlformats-officedocument.presentationml."
	    "presentation.main+xml", FORMAT_OOXML },
	{ "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
	    FORMAT_OOXML },
};

static enum format
sniff_ct(const char *ct)
{
	const char	*entries[] = { "[Content_Types].xml", ct,
	    "main.xml", "<x/>", NULL };
	unsigned char	*zip;
	size_t		 len;
	enum format	 f;

	zip = test_zip(entries, &len);
	f = sniff_format(zip, len);
	g_free(zip);
	return (f);
}

START_TEST(sniff_opc_main_part_types)
{
	char	*ct = g_strconcat(CT_HEAD, opc_cases[_i].main_type, CT_TAIL,
	    NULL);

	ck_assert_str_eq(format_name(sniff_ct(ct)),
	    format_name(opc_cases[_i].want));
	g_free(ct);
}
END_TEST

START_TEST(sniff_zip_without_content_types_is_zip)
{
	const char	*entries[] = { "a.txt", "hello", "b/c.xml", "<c/>",
	    NULL };
	unsigned char	*zip;
	size_t		 len;

	zip = test_zip(entries, &len);
	ck_assert_int_eq(sniff_format(zip, len), FORMAT_ZIP);
	g_free(zip);
}
END_TEST

START_TEST(sniff_broken_zip_is_zip)
{
	const unsigned char junk[] = "PK\3\4\24\0\0\0\10\0garbage that is "
	    "not a zip archive at all";
	const char	*entries[] = { "[Content_Types].xml", CT_HEAD
	    "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document.main+xml" CT_TAIL, NULL };
	unsigned char	*zip;
	size_t		 len;

	ck_assert_int_eq(sniff_format(junk, sizeof(junk) - 1), FORMAT_ZIP);
	/* A package cut before its central directory cannot be opened. */
	zip = test_zip(entries, &len);
	ck_assert_int_eq(sniff_format(zip, len - 30), FORMAT_ZIP);
	ck_assert_int_eq(sniff_format(zip, 4), FORMAT_ZIP);
	g_free(zip);
}
END_TEST

START_TEST(sniff_opc_both_main_types_is_ooxml)
{
	ck_assert_int_eq(sniff_ct(CT_HEAD "application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document.main+xml\"/><Override "
	    "PartName=\"/b.xml\" ContentType=\"application/vnd."
	    "openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	    CT_TAIL), FORMAT_OOXML);
}
END_TEST

/*
 * The main type ends exactly at byte 1 MiB (_i == 0: seen), one byte
 * later (_i == 1: not read), one byte earlier (_i == -1: seen).
 */
START_TEST(sniff_content_types_read_cap_1mib)
{
	const char	*mt = "spreadsheetml.sheet.main+xml";
	size_t		 cap = (size_t)1 << 20, pad;
	char		*ct;

	pad = cap - strlen(mt) + (size_t)_i;
	ct = g_malloc(pad + strlen(mt) + sizeof(CT_TAIL));
	memset(ct, ' ', pad);
	memcpy(ct, "<Types>", 7);
	strcpy(ct + pad, mt);
	strcat(ct, CT_TAIL);
	ck_assert_int_eq(sniff_ct(ct), _i <= 0 ? FORMAT_XLSX : FORMAT_OOXML);
	g_free(ct);
}
END_TEST

/* One directory entry of a hand-made compound file. */
struct ole_ent {
	const char	*name;
	int		 type;
	uint32_t	 left, right, child;
};

#define NOS 0xffffffffU

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

/*
 * A version 3 compound file: header, sector 0 the FAT, sector 1 (and 2
 * when more than 4 entries) the directory. ents[0] is the root.
 */
static unsigned char *
ole_build(const struct ole_ent *ents, size_t n, size_t *len_r)
{
	static const unsigned char magic[8] = { 0xd0, 0xcf, 0x11, 0xe0,
	    0xa1, 0xb1, 0x1a, 0xe1 };
	size_t		 ndir = (n + 3) / 4, len = 512 * (2 + ndir);
	unsigned char	*b = g_malloc0(len), *fat = b + 512;

	ck_assert_uint_le(ndir, 2);
	memcpy(b, magic, 8);
	b[0x18] = 0x3e;
	b[0x1a] = 3;
	b[0x1c] = 0xfe;
	b[0x1d] = 0xff;
	b[0x1e] = 9;
	b[0x20] = 6;
	put32(b + 0x2c, 1);
	put32(b + 0x30, 1);
	put32(b + 0x38, 4096);
	put32(b + 0x3c, 0xfffffffe);
	put32(b + 0x44, 0xfffffffe);
	put32(b + 0x4c, 0);
	for (size_t i = 1; i < 109; i++)
		put32(b + 0x4c + 4 * i, NOS);
	for (size_t i = 0; i < 128; i++)
		put32(fat + 4 * i, NOS);
	put32(fat, 0xfffffffd);
	put32(fat + 4, ndir == 2 ? 2 : 0xfffffffe);
	if (ndir == 2)
		put32(fat + 8, 0xfffffffe);
	for (size_t i = 0; i < n; i++) {
		unsigned char	*e = b + 1024 + 128 * i;
		size_t		 k = strlen(ents[i].name);

		for (size_t j = 0; j < k; j++)
			e[2 * j] = ents[i].name[j];
		e[0x40] = (k + 1) * 2;
		e[0x42] = ents[i].type;
		e[0x43] = 1;
		put32(e + 0x44, ents[i].left);
		put32(e + 0x48, ents[i].right);
		put32(e + 0x4c, ents[i].child);
		put32(e + 0x74, 0xfffffffe);
	}
	for (size_t i = n; i < ndir * 4; i++) {
		unsigned char *e = b + 1024 + 128 * i;

		put32(e + 0x44, NOS);
		put32(e + 0x48, NOS);
		put32(e + 0x4c, NOS);
	}
	*len_r = len;
	return (b);
}

static enum format
sniff_ole(const struct ole_ent *ents, size_t n)
{
	unsigned char	*b;
	size_t		 len;
	enum format	 f;

	b = ole_build(ents, n, &len);
	f = sniff_format(b, len);
	g_free(b);
	return (f);
}

START_TEST(sniff_ole2_word_document_is_doc)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "1Table", 2, NOS, 2, NOS },
		{ "WordDocument", 2, NOS, NOS, NOS },
	};

	ck_assert_int_eq(sniff_ole(e, 3), FORMAT_DOC);
}
END_TEST

START_TEST(sniff_ole2_workbook_and_book_are_xls)
{
	const struct ole_ent wb[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "\5SummaryInformation", 2, NOS, 2, NOS },
		{ "Workbook", 2, NOS, NOS, NOS },
	};
	const struct ole_ent book[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "Book", 2, NOS, NOS, NOS },
	};

	ck_assert_int_eq(sniff_ole(wb, 3), FORMAT_XLS);
	ck_assert_int_eq(sniff_ole(book, 2), FORMAT_XLS);
}
END_TEST

/* A workbook that embeds a Word document is still a workbook. */
START_TEST(sniff_ole2_embedded_word_in_xls_is_xls)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "Workbook", 2, NOS, 2, NOS },
		{ "MBD0001", 1, NOS, NOS, 3 },
		{ "WordDocument", 2, NOS, NOS, NOS },
		{ "1Table", 2, 3, NOS, NOS },
	};

	ck_assert_int_eq(sniff_ole(e, 5), FORMAT_XLS);
}
END_TEST

START_TEST(sniff_ole2_encrypted_package_is_ole2)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "EncryptionInfo", 2, NOS, 2, NOS },
		{ "EncryptedPackage", 2, NOS, NOS, NOS },
	};
	unsigned char	*b;
	size_t		 len;

	b = ole_build(e, 3, &len);
	ck_assert_int_eq(sniff_format(b, len), FORMAT_OLE2);
	ck_assert(sniff_ole2_encrypted_package(b, len));
	g_free(b);
}
END_TEST

START_TEST(sniff_ole2_plain_doc_is_not_encrypted)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "WordDocument", 2, NOS, NOS, NOS },
	};
	unsigned char	*b;
	size_t		 len;

	b = ole_build(e, 2, &len);
	ck_assert(!sniff_ole2_encrypted_package(b, len));
	g_free(b);
	ck_assert(!sniff_ole2_encrypted_package((const unsigned char *)"PK",
	    2));
}
END_TEST

/* A directory chain pointing past the end: the slot scan still finds
 * the stream names. */
START_TEST(sniff_ole2_broken_chain_falls_back_to_slot_scan)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "Workbook", 2, NOS, NOS, NOS },
	};
	unsigned char	*b;
	size_t		 len;

	b = ole_build(e, 2, &len);
	put32(b + 0x30, 0x00100000);
	ck_assert_int_eq(sniff_format(b, len), FORMAT_XLS);
	g_free(b);
}
END_TEST

/* Sibling ids that point back at each other must not loop forever. */
START_TEST(sniff_ole2_directory_cycle_terminates)
{
	const struct ole_ent e[] = {
		{ "Root Entry", 5, NOS, NOS, 1 },
		{ "Data", 2, 2, 2, NOS },
		{ "Other", 2, 1, 1, 0 },
	};

	ck_assert_int_eq(sniff_ole(e, 3), FORMAT_OLE2);
}
END_TEST

START_TEST(sniff_ole2_truncated_header_is_ole2)
{
	const unsigned char b[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a,
	    0xe1, 0, 0 };

	ck_assert_int_eq(sniff_format(b, sizeof(b)), FORMAT_OLE2);
	ck_assert_int_eq(sniff_format(b, 7), FORMAT_OTHER);
}
END_TEST

/* "%PDF-" after _i bytes of junk: up to 1024 is a PDF, 1025 is not. */
START_TEST(sniff_pdf_leading_junk_limit)
{
	static const char head[] = "%PDF-1.7\n%\xe2\xe3\n";
	size_t		 junk = (size_t)_i, n = sizeof(head) - 1;
	unsigned char	*b = g_malloc(junk + n);

	memset(b, 'x', junk);
	memcpy(b + junk, head, n);
	ck_assert_int_eq(sniff_format(b, junk + n),
	    junk <= 1024 ? FORMAT_PDF : FORMAT_OTHER);
	g_free(b);
}
END_TEST

START_TEST(sniff_other_content)
{
	ck_assert_int_eq(sniff_format(NULL, 0), FORMAT_OTHER);
	ck_assert_int_eq(sniff_format((const unsigned char *)"", 0),
	    FORMAT_OTHER);
	ck_assert_int_eq(sniff_format((const unsigned char *)"hello", 5),
	    FORMAT_OTHER);
	ck_assert_int_eq(sniff_format((const unsigned char *)"%PDF", 4),
	    FORMAT_OTHER);
	ck_assert_int_eq(sniff_format((const unsigned char *)"PK\5\6", 4),
	    FORMAT_OTHER);
}
END_TEST

Suite *
sniff_suite(void)
{
	Suite	*s = suite_create("sniff");
	TCase	*tc = tcase_create("sniff");

	tcase_add_loop_test(tc, sniff_opc_main_part_types, 0,
	    sizeof(opc_cases) / sizeof(opc_cases[0]));
	tcase_add_test(tc, sniff_zip_without_content_types_is_zip);
	tcase_add_test(tc, sniff_broken_zip_is_zip);
	tcase_add_test(tc, sniff_opc_both_main_types_is_ooxml);
	tcase_add_loop_test(tc, sniff_content_types_read_cap_1mib, -1, 2);
	tcase_add_test(tc, sniff_ole2_word_document_is_doc);
	tcase_add_test(tc, sniff_ole2_workbook_and_book_are_xls);
	tcase_add_test(tc, sniff_ole2_embedded_word_in_xls_is_xls);
	tcase_add_test(tc, sniff_ole2_encrypted_package_is_ole2);
	tcase_add_test(tc, sniff_ole2_plain_doc_is_not_encrypted);
	tcase_add_test(tc, sniff_ole2_broken_chain_falls_back_to_slot_scan);
	tcase_add_test(tc, sniff_ole2_directory_cycle_terminates);
	tcase_add_test(tc, sniff_ole2_truncated_header_is_ole2);
	tcase_add_loop_test(tc, sniff_pdf_leading_junk_limit, 1023, 1026);
	tcase_add_loop_test(tc, sniff_pdf_leading_junk_limit, 0, 1);
	tcase_add_test(tc, sniff_other_content);
	suite_add_tcase(s, tc);
	return (s);
}
