/* check-text.c: the CONTRACT's text normal form and the matching key. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "lib/text.h"

static const struct {
	const char *in, *clean, *key;
} cases[] = {
	{ "  Nguyễn   Văn\tA \n", "Nguyễn Văn A", "nguyen van a" },
	/* decomposed tone marks (macOS, windows-1258) become NFC */
	{ "Nguye\xcc\x82\xcc\x83n", "Nguyễn", "nguyen" },
	{ "Lương\xc2\xa0\xc2\xa0Ngọc Sơn\xe2\x80\x8b", "Lương Ngọc Sơn",
	    "luong ngoc son" },
	{ "Số ĐIỆN-thoại", "Số ĐIỆN-thoại", "so dien thoai" },
	{ "Đảng ủy", "Đảng ủy", "dang uy" },
	{ "(sđt dấu số bên nhà mạng)", "(sđt dấu số bên nhà mạng)",
	    "sdt dau so ben nha mang" },
	/* a singleton decomposition: OHM SIGN is GREEK CAPITAL OMEGA */
	{ "\xe2\x84\xa6", "\xce\xa9", "ω" },
	{ "ab\xff" "cd", "ab\xef\xbf\xbd" "cd", "ab cd" },
	{ "", "", "" },
	{ " \t ", "", "" },
	/* the ASCII fast paths: controls are spaces, case folds */
	{ " ABC-12\x01\x7f Xyz ", "ABC-12 Xyz", "abc 12 xyz" },
	{ "Trần\x1fVăn B.", "Trần Văn B.", "tran van b" },
};

START_TEST(text_clean_and_key)
{
	char *c = text_clean(cases[_i].in);
	char *k = text_key(cases[_i].in);

	ck_assert_str_eq(c, cases[_i].clean);
	ck_assert_str_eq(k, cases[_i].key);
	ck_assert(g_utf8_validate(c, -1, NULL));
	g_free(c);
	g_free(k);
}
END_TEST

/* What reaches a terminal: controls and bidi overrides become U+FFFD. */
static const struct {
	const char	*in, *out;
} terminal_cases[] = {
	{ "Huyện ủy Sơn Tịnh", "Huyện ủy Sơn Tịnh" },
	{ "a\nb\tc", "a\nb\tc" },
	{ "x\x1b[2Jy", "x\xef\xbf\xbd[2Jy" },
	{ "cr\rlf", "cr\xef\xbf\xbdlf" },
	{ "del\x7f", "del\xef\xbf\xbd" },
	{ "c1\xc2\x9b", "c1\xef\xbf\xbd" },
	{ "file\xe2\x80\xae" "fdp.exe", "file\xef\xbf\xbd" "fdp.exe" },
	{ "\xe2\x81\xa6x\xe2\x81\xa9", "\xef\xbf\xbdx\xef\xbf\xbd" },
	{ "\xe2\x80\x8fRLM \xd8\x9c", "\xef\xbf\xbdRLM \xef\xbf\xbd" },
	{ "bad\xff\xfe" "bytes", "bad\xef\xbf\xbd\xef\xbf\xbd" "bytes" },
	{ "cut \xe1\xbb", "cut \xef\xbf\xbd\xef\xbf\xbd" },
	{ "\x1b" "ab\x1b", "\xef\xbf\xbd" "ab\xef\xbf\xbd" },
	{ "", "" },
};

START_TEST(text_for_terminal_neutralises_controls)
{
	char	*got = text_for_terminal(terminal_cases[_i].in);

	ck_assert_str_eq(got, terminal_cases[_i].out);
	g_free(got);
	ck_assert_ptr_null(text_for_terminal(NULL));
}
END_TEST

START_TEST(text_null_stays_null)
{
	ck_assert_ptr_null(text_clean(NULL));
	ck_assert_ptr_null(text_key(NULL));
	ck_assert(text_blank(NULL));
	ck_assert(text_blank(" \xc2\xa0\t"));
	ck_assert(!text_blank(" x "));
}
END_TEST

START_TEST(text_key_has_whole_words)
{
	ck_assert(text_key_has("so dien thoai", "dien thoai"));
	ck_assert(text_key_has("so dien thoai", "so"));
	ck_assert(!text_key_has("so dien thoai", "ien"));
	ck_assert(!text_key_has("so dien thoai", "thoai di"));
	ck_assert(!text_key_has("so dien thoai", ""));
	ck_assert(!text_key_has(NULL, "x"));
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("normal forms");

	tcase_add_loop_test(tc, text_clean_and_key, 0, G_N_ELEMENTS(cases));
	tcase_add_loop_test(tc, text_for_terminal_neutralises_controls, 0,
	    G_N_ELEMENTS(terminal_cases));
	tcase_add_test(tc, text_null_stays_null);
	tcase_add_test(tc, text_key_has_whole_words);
	suite_add_tcase(s, tc);
	return (s);
}
