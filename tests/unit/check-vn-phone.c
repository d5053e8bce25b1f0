/* check-vn-phone.c: Vietnamese mobile numbers as units type them. A NULL
 * expectation means the input must be refused. */
#include <check.h>
#include <string.h>

#include "parsers/vn-phone.h"

static const struct {
	const char	*raw;
	bool		 numeric;
	const char	*e164;		/* NULL: must fail */
	enum vn_carrier	 carrier;
	bool		 old;
	const char	*why;		/* expected reason when failing */
} cases[] = {
	{ "0982345678", false, "84982345678", VN_CARRIER_VIETTEL, false, NULL },
	{ "0982 345 678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0982.345.678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0982-345-678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "(098) 234 5678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "+84 982 345 678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "+84982345678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "(+84) 982 345 678", false, "84982345678", VN_CARRIER_VIETTEL,
	    false, NULL },
	{ "(+84)982.345.678", false, "84982345678", VN_CARRIER_VIETTEL,
	    false, NULL },
	{ "+84 (0) 982 345 678", false, "84982345678", VN_CARRIER_VIETTEL,
	    false, NULL },
	{ "84982345678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0084 982 345 678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0982\xc2\xa0" "345\xc2\xa0" "678", false, "84982345678",
	    VN_CARRIER_VIETTEL, false, NULL },
	{ " 0982 345 678 ", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0982 345 678 (Zalo)", false, "84982345678", VN_CARRIER_VIETTEL,
	    false, NULL },
	{ "ĐT: 0982345678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	/* numeric spreadsheet cells */
	{ "982345678", true, "84982345678", VN_CARRIER_VIETTEL, false, NULL },
	{ "9.82345678E8", true, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "9.82345678E+08", true, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "982345678.0", true, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "84982345678", true, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "1682345678", true, "84382345678", VN_CARRIER_VIETTEL, true, NULL },
	/* nine digits typed as text: the 0 a numeric column lost, kept
	 * lost when the column was formatted as text (e2e finding 6) */
	{ "982345678", false, "84982345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "905 667 788", false, "84905667788", VN_CARRIER_MOBIFONE, false,
	    NULL },
	/* ...but only behind a carrier's prefix */
	{ "412345678", false, NULL, 0, false,
	    "has 9 digits and no leading 0 or +84" },
	{ "612345678", false, NULL, 0, false,
	    "has 9 digits and no leading 0 or +84" },
	{ "9.8234567E7", true, NULL, 0, false, "has 8 digits" },
	{ "9.823456785E8", true, NULL, 0, false, NULL },	/* fraction */
	/* carriers */
	{ "0912345678", false, "84912345678", VN_CARRIER_VINAPHONE, false,
	    NULL },
	{ "0943 123 456", false, "84943123456", VN_CARRIER_VINAPHONE, false,
	    NULL },
	{ "0888123456", false, "84888123456", VN_CARRIER_VINAPHONE, false,
	    NULL },
	{ "0812345678", false, "84812345678", VN_CARRIER_VINAPHONE, false,
	    NULL },
	{ "0905123456", false, "84905123456", VN_CARRIER_MOBIFONE, false,
	    NULL },
	{ "0935123456", false, "84935123456", VN_CARRIER_MOBIFONE, false,
	    NULL },
	{ "0705123456", false, "84705123456", VN_CARRIER_MOBIFONE, false,
	    NULL },
	{ "0789123456", false, "84789123456", VN_CARRIER_MOBIFONE, false,
	    NULL },
	{ "0898123456", false, "84898123456", VN_CARRIER_MOBIFONE, false,
	    NULL },
	{ "0921234567", false, "84921234567", VN_CARRIER_VIETNAMOBILE, false,
	    NULL },
	{ "0562345678", false, "84562345678", VN_CARRIER_VIETNAMOBILE, false,
	    NULL },
	{ "0991234567", false, "84991234567", VN_CARRIER_GMOBILE, false,
	    NULL },
	{ "0592345678", false, "84592345678", VN_CARRIER_GMOBILE, false,
	    NULL },
	{ "0871234567", false, "84871234567", VN_CARRIER_ITELECOM, false,
	    NULL },
	{ "0551234567", false, "84551234567", VN_CARRIER_REDDI, false, NULL },
	{ "0862345678", false, "84862345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	{ "0332345678", false, "84332345678", VN_CARRIER_VIETTEL, false,
	    NULL },
	/* well-formed, no carrier holds the prefix today */
	{ "0301234567", false, "84301234567", VN_CARRIER_UNKNOWN, false,
	    NULL },
	{ "0951234567", false, "84951234567", VN_CARRIER_UNKNOWN, false,
	    NULL },
	/* pre-2018 numbers */
	{ "01682345678", false, "84382345678", VN_CARRIER_VIETTEL, true,
	    NULL },
	{ "0169 234 5678", false, "84392345678", VN_CARRIER_VIETTEL, true,
	    NULL },
	{ "0162.234.5678", false, "84322345678", VN_CARRIER_VIETTEL, true,
	    NULL },
	{ "01232345678", false, "84832345678", VN_CARRIER_VINAPHONE, true,
	    NULL },
	{ "01272345678", false, "84812345678", VN_CARRIER_VINAPHONE, true,
	    NULL },
	{ "01292345678", false, "84822345678", VN_CARRIER_VINAPHONE, true,
	    NULL },
	{ "01202345678", false, "84702345678", VN_CARRIER_MOBIFONE, true,
	    NULL },
	{ "01212345678", false, "84792345678", VN_CARRIER_MOBIFONE, true,
	    NULL },
	{ "01222345678", false, "84772345678", VN_CARRIER_MOBIFONE, true,
	    NULL },
	{ "01262345678", false, "84762345678", VN_CARRIER_MOBIFONE, true,
	    NULL },
	{ "01282345678", false, "84782345678", VN_CARRIER_MOBIFONE, true,
	    NULL },
	{ "01862345678", false, "84562345678", VN_CARRIER_VIETNAMOBILE, true,
	    NULL },
	{ "01882345678", false, "84582345678", VN_CARRIER_VIETNAMOBILE, true,
	    NULL },
	{ "01992345678", false, "84592345678", VN_CARRIER_GMOBILE, true,
	    NULL },
	{ "+84 168 234 5678", false, "84382345678", VN_CARRIER_VIETTEL, true,
	    NULL },
	{ "841682345678", false, "84382345678", VN_CARRIER_VIETTEL, true,
	    NULL },
	/* refused */
	{ "0982 345 67", false, NULL, 0, false, "has 9 digits" },
	{ "09823456789", false, NULL, 0, false, "has 11 digits" },
	{ "01612345678", false, NULL, 0, false,
	    "has an unknown pre-2018 prefix" },
	{ "0255 3822 123", false, NULL, 0, false, "is a landline number" },
	{ "02553822123", false, NULL, 0, false, "is a landline number" },
	{ "0243 773 8668", false, NULL, 0, false, "is a landline number" },
	{ "0412345678", false, NULL, 0, false, "is not a mobile number" },
	{ "0612345678", false, NULL, 0, false, "is not a mobile number" },
	{ "0112345678", false, NULL, 0, false, "is not a mobile number" },
	{ "+1 415 555 0100", false, NULL, 0, false,
	    "is not a Vietnamese number" },
	{ "0982345678 / 0912345678", false, NULL, 0, false,
	    "has text between its digits" },
	{ "0982345678 0912345678", false, NULL, 0, false, "has 20 digits" },
	{ "0982 abc 345678", false, NULL, 0, false,
	    "has text between its digits" },
	{ "không có", false, NULL, 0, false, "has no digits" },
	{ "", false, NULL, 0, false, "is empty" },
	{ "9.82345678E8", false, NULL, 0, false,
	    "has text between its digits" },
	{ "0", true, NULL, 0, false, "has 1 digit" },
};

START_TEST(vn_phone_table)
{
	struct vn_phone	 r;
	const char	*why = NULL;
	int		 rc;

	rc = vn_phone_parse(cases[_i].raw, cases[_i].numeric, &r, &why);
	if (cases[_i].e164 == NULL) {
		ck_assert_msg(rc == -1, "%s parsed as %s", cases[_i].raw,
		    r.e164);
		ck_assert_ptr_nonnull(why);
		if (cases[_i].why != NULL)
			ck_assert_str_eq(why, cases[_i].why);
		return;
	}
	ck_assert_msg(rc == 0, "%s: %s", cases[_i].raw, why);
	ck_assert_str_eq(r.e164, cases[_i].e164);
	ck_assert_int_eq(r.carrier, cases[_i].carrier);
	ck_assert_int_eq(r.old_format, cases[_i].old);
	ck_assert_int_eq(strlen(r.national), 10);
	ck_assert_str_eq(r.national + 1, r.e164 + 2);
}
END_TEST

START_TEST(vn_phone_input_length_limit)
{
	char		 buf[VN_PHONE_MAX_INPUT + 2];
	struct vn_phone	 r;
	const char	*why;
	size_t		 n;

	/* "0982345678" then spaces: at the limit, still a number. */
	for (int d = -1; d <= 1; d++) {
		n = VN_PHONE_MAX_INPUT + d;
		memset(buf, ' ', n);
		memcpy(buf, "0982345678", 10);
		buf[n] = '\0';
		ck_assert_int_eq(vn_phone_parse(buf, false, &r, &why),
		    d <= 0 ? 0 : -1);
	}
}
END_TEST

START_TEST(vn_phone_null_input)
{
	struct vn_phone	r;

	ck_assert_int_eq(vn_phone_parse(NULL, false, &r, NULL), -1);
	ck_assert_str_eq(r.e164, "");
}
END_TEST

START_TEST(vn_phone_carrier_names)
{
	ck_assert_ptr_null(vn_carrier_name(VN_CARRIER_UNKNOWN));
	ck_assert_str_eq(vn_carrier_name(VN_CARRIER_VIETTEL), "viettel");
	ck_assert_str_eq(vn_carrier_name(VN_CARRIER_VINAPHONE), "vinaphone");
	ck_assert_str_eq(vn_carrier_name(VN_CARRIER_MOBIFONE), "mobifone");
	ck_assert_str_eq(vn_carrier_name(VN_CARRIER_VIETNAMOBILE),
	    "vietnamobile");
	ck_assert_str_eq(vn_carrier_name(VN_CARRIER_GMOBILE), "gmobile");
	ck_assert_str_eq(vn_carrier_label(VN_CARRIER_VINAPHONE), "VinaPhone");
	ck_assert_int_eq(vn_phone_carrier("0982"), VN_CARRIER_UNKNOWN);
}
END_TEST

static const struct {
	const char	*lex;
	const char	*digits;	/* NULL: refused */
	bool		 exp;
} numbers[] = {
	{ "982345678", "982345678", false },
	{ "9.82345678E8", "982345678", true },
	{ "9.82345678e+8", "982345678", true },
	{ "8.98404E+18", "8984040000000000000", true },
	{ "8.9840400000000005E+18", "8984040000000000500", true },
	{ "1.5", NULL, false },
	{ "-5", NULL, false },
	{ "1E-2", NULL, true },
	{ "0", "0", false },
	{ "0.0", "0", false },
	{ "12abc", NULL, false },
	{ "1E99999", NULL, true },
	{ "1E", NULL, true },
	{ "", NULL, false },
};

START_TEST(vn_number_digits_table)
{
	char	buf[32];
	bool	exp;
	int	rc;

	rc = vn_number_digits(numbers[_i].lex, buf, sizeof(buf), &exp);
	if (numbers[_i].digits == NULL) {
		ck_assert_msg(rc == -1, "%s gave %s", numbers[_i].lex, buf);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(buf, numbers[_i].digits);
	ck_assert_int_eq(exp, numbers[_i].exp);
}
END_TEST

Suite *
vn_phone_suite(void)
{
	Suite	*s = suite_create("vn_phone");
	TCase	*tc = tcase_create("parse");

	tcase_add_loop_test(tc, vn_phone_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, vn_phone_input_length_limit);
	tcase_add_test(tc, vn_phone_null_input);
	tcase_add_test(tc, vn_phone_carrier_names);
	tcase_add_loop_test(tc, vn_number_digits_table, 0,
	    sizeof(numbers) / sizeof(numbers[0]));
	suite_add_tcase(s, tc);
	return (s);
}
