/* check-rfc2047.c: encoded-words, including the padded B-words Outlook
 * and Thunderbird split long names into (GMime 3.2.13 cuts those). */
#include <check.h>

#include <glib.h>

#include "parsers/rfc2047.h"

static const struct {
	const char *in, *out;	/* out NULL: nothing to decode */
} cases[] = {
	{ "=?utf-8?B?TeG6q3UgMDIgLSDEkOG7gSBuZ2jhu4sgY+G6pXAgY2jhu6luZyB0aMawIHM=?=\r\n"
	  " =?utf-8?B?4buRIC0gSFUgU8ahbiBIw6AuZG9jeA==?=",
	  "Mẫu 02 - Đề nghị cấp chứng thư số - HU Sơn Hà.docx" },
	/* a UTF-8 character split across two words */
	{ "=?UTF-8?B?xJA=?= =?UTF-8?B?4bqj?=ng", "Đảng" },
	{ "=?utf-8?Q?Danh_s=C3=A1ch?= SIM", "Danh sách SIM" },
	{ "Re: =?utf-8?Q?k=C3=ADch?=  =?utf-8?Q?_ho=E1=BA=A1t?= x",
	  "Re: kích hoạt x" },
	{ "=?windows-1258?Q?Danh_s=E1ch?=", "Danh sách" },
	{ "=?iso-8859-1?Q?caf=E9?= =?utf-8?Q?_=C4=91?=", "café đ" },
	{ "=?utf-8?X?abc?=", "=?utf-8?X?abc?=" },
	/* words that decode to no bytes at all: once a GLib CRITICAL */
	{ "=?utf-8?B?####?=", "" },
	{ "=?utf-8?B?" "?=", "" },	/* "??=" would be a trigraph */
	{ "=?utf-8?Q?" "?=x", "x" },
	{ "a =?utf-8?B?####?= =?utf-8?Q?b?=", "a b" },
	/* raw 8-bit text beside a word (found by fuzz-rfc2047): the
	 * result is UTF-8 all the same */
	{ "a\x94 =?utf-8?Q?b?=", "a\uFFFD b" },
	{ "=?utf-8?Q?k=C3=ADch?\x94=  =?utf-8?Q?_x?=",
	  "=?utf-8?Q?k=C3=ADch?\uFFFD=   x" },
	{ "=?utf-8?B?broken", NULL },
	{ "plain text", NULL },
	{ NULL, NULL },
};

START_TEST(rfc2047_decodes)
{
	char *r = rfc2047_decode(cases[_i].in);

	if (cases[_i].out == NULL || g_strcmp0(cases[_i].in,
	    cases[_i].out) == 0)
		ck_assert_msg(r == NULL || g_strcmp0(r, cases[_i].in) == 0,
		    "%s", r);
	else
		ck_assert_str_eq(r, cases[_i].out);
	g_free(r);
}
END_TEST

Suite *
rfc2047_suite(void)
{
	Suite *s = suite_create("rfc2047");
	TCase *tc = tcase_create("decode");

	tcase_add_loop_test(tc, rfc2047_decodes, 0, G_N_ELEMENTS(cases));
	suite_add_tcase(s, tc);
	return (s);
}
