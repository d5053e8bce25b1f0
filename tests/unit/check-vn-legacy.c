/* check-vn-legacy.c: TCVN3 and VNI, letter by letter: all 67 lower-case
 * precomposed Vietnamese letters (đ among them) and their 67 capitals in
 * each encoding, then words, then what must be left alone. The TCVN3
 * bytes agree with glibc's TCVN5712-1 table (tested below as a witness). */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/vn-legacy.h"

/* Letter, its capital, its TCVN3 byte (the H fonts draw the capital from
 * the same byte), its VNI bytes, its capital's VNI bytes. */
static const struct {
	const char	*lower, *upper;
	unsigned char	 tcvn3;
	const char	*vni_lower, *vni_upper;
} letters[] = {
	{ "à", "À", 0xb5, "a\xf8", "A\xd8" },
	{ "á", "Á", 0xb8, "a\xf9", "A\xd9" },
	{ "â", "Â", 0xa9, "a\xe2", "A\xc2" },
	{ "ầ", "Ầ", 0xc7, "a\xe0", "A\xc0" },
	{ "ấ", "Ấ", 0xca, "a\xe1", "A\xc1" },
	{ "ẫ", "Ẫ", 0xc9, "a\xe3", "A\xc3" },
	{ "ẩ", "Ẩ", 0xc8, "a\xe5", "A\xc5" },
	{ "ã", "Ã", 0xb7, "a\xf5", "A\xd5" },
	{ "ă", "Ă", 0xa8, "a\xea", "A\xca" },
	{ "ằ", "Ằ", 0xbb, "a\xe8", "A\xc8" },
	{ "ắ", "Ắ", 0xbe, "a\xe9", "A\xc9" },
	{ "ẵ", "Ẵ", 0xbd, "a\xfc", "A\xdc" },
	{ "ẳ", "Ẳ", 0xbc, "a\xfa", "A\xda" },
	{ "ả", "Ả", 0xb6, "a\xfb", "A\xdb" },
	{ "ạ", "Ạ", 0xb9, "a\xef", "A\xcf" },
	{ "ậ", "Ậ", 0xcb, "a\xe4", "A\xc4" },
	{ "ặ", "Ặ", 0xc6, "a\xeb", "A\xcb" },
	{ "è", "È", 0xcc, "e\xf8", "E\xd8" },
	{ "é", "É", 0xd0, "e\xf9", "E\xd9" },
	{ "ê", "Ê", 0xaa, "e\xe2", "E\xc2" },
	{ "ề", "Ề", 0xd2, "e\xe0", "E\xc0" },
	{ "ế", "Ế", 0xd5, "e\xe1", "E\xc1" },
	{ "ễ", "Ễ", 0xd4, "e\xe3", "E\xc3" },
	{ "ể", "Ể", 0xd3, "e\xe5", "E\xc5" },
	{ "ẽ", "Ẽ", 0xcf, "e\xf5", "E\xd5" },
	{ "ẻ", "Ẻ", 0xce, "e\xfb", "E\xdb" },
	{ "ẹ", "Ẹ", 0xd1, "e\xef", "E\xcf" },
	{ "ệ", "Ệ", 0xd6, "e\xe4", "E\xc4" },
	{ "ì", "Ì", 0xd7, "\xec", "\xcc" },
	{ "í", "Í", 0xdd, "\xed", "\xcd" },
	{ "ĩ", "Ĩ", 0xdc, "\xf3", "\xd3" },
	{ "ỉ", "Ỉ", 0xd8, "\xe6", "\xc6" },
	{ "ị", "Ị", 0xde, "\xf2", "\xd2" },
	{ "ò", "Ò", 0xdf, "o\xf8", "O\xd8" },
	{ "ó", "Ó", 0xe3, "o\xf9", "O\xd9" },
	{ "ô", "Ô", 0xab, "o\xe2", "O\xc2" },
	{ "ồ", "Ồ", 0xe5, "o\xe0", "O\xc0" },
	{ "ố", "Ố", 0xe8, "o\xe1", "O\xc1" },
	{ "ỗ", "Ỗ", 0xe7, "o\xe3", "O\xc3" },
	{ "ổ", "Ổ", 0xe6, "o\xe5", "O\xc5" },
	{ "õ", "Õ", 0xe2, "o\xf5", "O\xd5" },
	{ "ỏ", "Ỏ", 0xe1, "o\xfb", "O\xdb" },
	{ "ơ", "Ơ", 0xac, "\xf4", "\xd4" },
	{ "ờ", "Ờ", 0xea, "\xf4\xf8", "\xd4\xd8" },
	{ "ớ", "Ớ", 0xed, "\xf4\xf9", "\xd4\xd9" },
	{ "ỡ", "Ỡ", 0xec, "\xf4\xf5", "\xd4\xd5" },
	{ "ở", "Ở", 0xeb, "\xf4\xfb", "\xd4\xdb" },
	{ "ợ", "Ợ", 0xee, "\xf4\xef", "\xd4\xcf" },
	{ "ọ", "Ọ", 0xe4, "o\xef", "O\xcf" },
	{ "ộ", "Ộ", 0xe9, "o\xe4", "O\xc4" },
	{ "ù", "Ù", 0xef, "u\xf8", "U\xd8" },
	{ "ú", "Ú", 0xf3, "u\xf9", "U\xd9" },
	{ "ũ", "Ũ", 0xf2, "u\xf5", "U\xd5" },
	{ "ủ", "Ủ", 0xf1, "u\xfb", "U\xdb" },
	{ "ư", "Ư", 0xad, "\xf6", "\xd6" },
	{ "ừ", "Ừ", 0xf5, "\xf6\xf8", "\xd6\xd8" },
	{ "ứ", "Ứ", 0xf8, "\xf6\xf9", "\xd6\xd9" },
	{ "ữ", "Ữ", 0xf7, "\xf6\xf5", "\xd6\xd5" },
	{ "ử", "Ử", 0xf6, "\xf6\xfb", "\xd6\xdb" },
	{ "ự", "Ự", 0xf9, "\xf6\xef", "\xd6\xcf" },
	{ "ụ", "Ụ", 0xf4, "u\xef", "U\xcf" },
	{ "ỳ", "Ỳ", 0xfa, "y\xf8", "Y\xd8" },
	{ "ý", "Ý", 0xfd, "y\xf9", "Y\xd9" },
	{ "ỹ", "Ỹ", 0xfc, "y\xf5", "Y\xd5" },
	{ "ỷ", "Ỷ", 0xfb, "y\xfb", "Y\xdb" },
	{ "ỵ", "Ỵ", 0xfe, "\xee", "\xce" },
	{ "đ", "Đ", 0xae, "\xf1", "\xd1" },
};

/* The bytes of s as the code points of the same value, in UTF-8, as a
 * document carries legacy text. */
static char *
as_doc(const char *s)
{
	GString *out = g_string_new(NULL);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		g_string_append_unichar(out, *p);
	return (g_string_free(out, FALSE));
}

/* NULL from the converter means "the same text": ý is 0xFD in TCVN3 and
 * in Latin-1 alike, í is 0xED in VNI and in Latin-1. */
static void
expect(enum vn_legacy enc, const char *bytes, const char *want)
{
	char *in = as_doc(bytes), *got = vn_legacy_convert(enc, in);

	ck_assert_msg(strcmp(got != NULL ? got : in, want) == 0,
	    "encoding %d: \"%s\" gave \"%s\", want \"%s\"", enc, in,
	    got ? got : "(nothing)", want);
	g_free(got);
	g_free(in);
}

/* .VnTime and .VnTimeH are one family, VNI-Times another: a letter
 * names the font its unit used (review 3, B4). */
START_TEST(vn_legacy_families)
{
	ck_assert_uint_eq(vn_legacy_family(VN_LEGACY_TCVN3),
	    VN_LEGACY_FAMILY_TCVN3);
	ck_assert_uint_eq(vn_legacy_family(VN_LEGACY_TCVN3_CAPS),
	    VN_LEGACY_FAMILY_TCVN3);
	ck_assert_uint_eq(vn_legacy_family(VN_LEGACY_VNI),
	    VN_LEGACY_FAMILY_VNI);
	ck_assert_uint_eq(vn_legacy_family(VN_LEGACY_NONE), 0);
}
END_TEST

START_TEST(vn_legacy_letters_are_134)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	ck_assert_uint_eq(G_N_ELEMENTS(letters), 67);
	for (size_t i = 0; i < G_N_ELEMENTS(letters); i++) {
		g_hash_table_add(seen, (char *)letters[i].lower);
		g_hash_table_add(seen, (char *)letters[i].upper);
	}
	ck_assert_uint_eq(g_hash_table_size(seen), 134);
	g_hash_table_destroy(seen);
}
END_TEST

START_TEST(vn_legacy_tcvn3_lower)
{
	char b[2] = { (char)letters[_i].tcvn3, 0 };

	expect(VN_LEGACY_TCVN3, b, letters[_i].lower);
}
END_TEST

START_TEST(vn_legacy_tcvn3_h_font_capitals)
{
	char b[2] = { (char)letters[_i].tcvn3, 0 };

	expect(VN_LEGACY_TCVN3_CAPS, b, letters[_i].upper);
}
END_TEST

/* glibc's TCVN5712-1 agrees on every lower-case byte. */
START_TEST(vn_legacy_tcvn3_agrees_with_iconv)
{
	char	 b[2] = { (char)letters[_i].tcvn3, 0 };
	char	*u = g_convert(b, 1, "UTF-8", "TCVN5712-1", NULL, NULL, NULL);

	if (u == NULL)
		return;		/* no such converter here: nothing to say */
	ck_assert_str_eq(u, letters[_i].lower);
	g_free(u);
}
END_TEST

START_TEST(vn_legacy_vni_lower)
{
	expect(VN_LEGACY_VNI, letters[_i].vni_lower, letters[_i].lower);
}
END_TEST

START_TEST(vn_legacy_vni_upper)
{
	expect(VN_LEGACY_VNI, letters[_i].vni_upper, letters[_i].upper);
}
END_TEST

/* A VNI capital may carry the lower-case glyph of its mark. */
START_TEST(vn_legacy_vni_mark_case_free)
{
	expect(VN_LEGACY_VNI, "A\xf9", "Á");
	expect(VN_LEGACY_VNI, "o\xc1", "ố");
}
END_TEST

/* .VnTime's own capitals, without a tone mark. */
START_TEST(vn_legacy_tcvn3_plain_capitals)
{
	expect(VN_LEGACY_TCVN3, "\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ");
}
END_TEST

START_TEST(vn_legacy_words)
{
	expect(VN_LEGACY_TCVN3, "H\xe4 v\xb5 t\xaan", "Họ và tên");
	expect(VN_LEGACY_TCVN3, "\xae\xb6ng \xf1y", "đảng ủy");
	expect(VN_LEGACY_TCVN3_CAPS, "danh s\xb8\x63h \xae\xd2 ngh\xde",
	    "DANH SÁCH ĐỀ NGHỊ");
	expect(VN_LEGACY_TCVN3, "Ch\xf8\x63 v\xf4", "Chức vụ");
	expect(VN_LEGACY_VNI, "Ho\xef va\xf8 te\xe2n", "Họ và tên");
	expect(VN_LEGACY_VNI, "Nguye\xe3n Va\xean A", "Nguyễn Văn A");
	expect(VN_LEGACY_VNI, "\xd1\x41\xdbNG BO\xc4 T\xc6NH", "ĐẢNG BỘ TỈNH");
	expect(VN_LEGACY_VNI, "Tr\xf6\xf4\xf8ng pho\xf8ng", "Trường phòng");
	expect(VN_LEGACY_VNI, "Ch\xf6\xf9\x63 vu\xef", "Chức vụ");
}
END_TEST

START_TEST(vn_legacy_left_alone)
{
	/* Unicode in a legacy font, by a Unicode keyboard. */
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_TCVN3, "Họ và tên"));
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_VNI, "Chức vụ"));
	/* Nothing to convert. */
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_TCVN3, "0982345678"));
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_VNI, "TT"));
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_NONE, "H\xc3\xa4"));
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_TCVN3, NULL));
	/* A stray VNI mark with no letter before it stays what it is. */
	ck_assert_ptr_null(vn_legacy_convert(VN_LEGACY_VNI, "1 \xc3\xb9"));
}
END_TEST

START_TEST(vn_legacy_font_names)
{
	ck_assert_int_eq(vn_legacy_font(".VnTime"), VN_LEGACY_TCVN3);
	ck_assert_int_eq(vn_legacy_font(".VnArial"), VN_LEGACY_TCVN3);
	ck_assert_int_eq(vn_legacy_font(".VnTimeH"), VN_LEGACY_TCVN3_CAPS);
	ck_assert_int_eq(vn_legacy_font(".VnArialH"), VN_LEGACY_TCVN3_CAPS);
	ck_assert_int_eq(vn_legacy_font(".vntime"), VN_LEGACY_TCVN3);
	ck_assert_int_eq(vn_legacy_font(".VnCentury Schoolbook"),
	    VN_LEGACY_TCVN3);
	ck_assert_int_eq(vn_legacy_font("VNI-Times"), VN_LEGACY_VNI);
	ck_assert_int_eq(vn_legacy_font("VNI-Helve"), VN_LEGACY_VNI);
	ck_assert_int_eq(vn_legacy_font("vni-times"), VN_LEGACY_VNI);
	ck_assert_int_eq(vn_legacy_font("Times New Roman"), VN_LEGACY_NONE);
	ck_assert_int_eq(vn_legacy_font(".Vn"), VN_LEGACY_TCVN3);
	ck_assert_int_eq(vn_legacy_font("VNI"), VN_LEGACY_NONE);
	ck_assert_int_eq(vn_legacy_font(""), VN_LEGACY_NONE);
	ck_assert_int_eq(vn_legacy_font(NULL), VN_LEGACY_NONE);
}
END_TEST

Suite *
vn_legacy_suite(void)
{
	Suite	*s = suite_create("vn_legacy");
	TCase	*tc = tcase_create("core");
	int	 n = (int)G_N_ELEMENTS(letters);

	tcase_add_test(tc, vn_legacy_letters_are_134);
	tcase_add_test(tc, vn_legacy_families);
	tcase_add_loop_test(tc, vn_legacy_tcvn3_lower, 0, n);
	tcase_add_loop_test(tc, vn_legacy_tcvn3_h_font_capitals, 0, n);
	tcase_add_loop_test(tc, vn_legacy_tcvn3_agrees_with_iconv, 0, n);
	tcase_add_loop_test(tc, vn_legacy_vni_lower, 0, n);
	tcase_add_loop_test(tc, vn_legacy_vni_upper, 0, n);
	tcase_add_test(tc, vn_legacy_vni_mark_case_free);
	tcase_add_test(tc, vn_legacy_tcvn3_plain_capitals);
	tcase_add_test(tc, vn_legacy_words);
	tcase_add_test(tc, vn_legacy_left_alone);
	tcase_add_test(tc, vn_legacy_font_names);
	suite_add_tcase(s, tc);
	return (s);
}
