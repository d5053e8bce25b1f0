/* check-units.c: the units CSV the staff load. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "intake/units.h"

START_TEST(units_csv_with_header_quotes_and_domains)
{
	const char	*csv = "\xef\xbb\xbfname,addresses,cert_org\r\n"
			    "\"HUYỆN ỦY SƠN TỊNH\",\"vanphong.sontinh@quangngai."
			    "dcs.vn; @SonTinh.dcs.vn\",HUYỆN ỦY SƠN TỊNH\r\n"
			    "\"Ban \"\"Tuyên giáo\"\"\",btg@quangngai.dcs.vn,\n"
			    "\n";
	struct units	 u;
	char		*cause = NULL;

	ck_assert_msg(units_parse(csv, &u, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(u.n, 2);
	ck_assert_str_eq(u.v[0].name, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(u.v[0].addresses[0],
	    "vanphong.sontinh@quangngai.dcs.vn");
	ck_assert_str_eq(u.v[0].addresses[1], "@sontinh.dcs.vn");
	ck_assert_ptr_null(u.v[0].addresses[2]);
	ck_assert_str_eq(u.v[0].cert_org, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(u.v[1].name, "Ban \"Tuyên giáo\"");
	ck_assert_ptr_null(u.v[1].cert_org);
	units_free(&u);
}
END_TEST

static const struct {
	const char *csv, *want;
} bad[] = {
	{ "a,b@c.vn,x\n\"open,quote\n", "line 2" },
	{ "a,b@c.vn,x\nonly-one-field\n", "line 2" },
	{ "a,not-an-address,x\n", "not an address" },
	{ ",b@c.vn,x\n", "line 1" },
	/* duplicates name both lines, in the staff's words */
	{ "name,addresses,cert_org\na,x@y.vn,A\nb,z@y.vn,B\n"
	    "c,\"q@y.vn; X@Y.VN\",C\n",
	    "line 4: address x@y.vn is already listed on line 2" },
	{ "a,x@y.vn,A\nb,u@y.vn; u@y.vn,B\n",
	    "line 2: address u@y.vn is already listed on line 2" },
	{ "a,x@y.vn,A\n\n\"a\",z@y.vn,B\n",
	    "line 3: unit \"a\" is already listed on line 1" },
};

START_TEST(units_csv_errors_name_the_line)
{
	struct units	 u;
	char		*cause = NULL;

	ck_assert_int_eq(units_parse(bad[_i].csv, &u, &cause), -1);
	ck_assert_msg(strstr(cause, bad[_i].want) != NULL, "%s", cause);
	g_free(cause);
}
END_TEST

Suite *
units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("csv");

	tcase_add_test(tc, units_csv_with_header_quotes_and_domains);
	tcase_add_loop_test(tc, units_csv_errors_name_the_line, 0,
	    G_N_ELEMENTS(bad));
	suite_add_tcase(s, tc);
	return (s);
}
