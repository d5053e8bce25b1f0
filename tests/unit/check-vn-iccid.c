/* check-vn-iccid.c: ICCIDs as typed, and as spreadsheets store them. The
 * valid ones below carry a Luhn digit computed for them. */
#include <check.h>
#include <string.h>

#include "parsers/vn-iccid.h"

#define OK	CODE__COUNT	/* expectation: accepted */

static const struct {
	const char	*raw;
	bool		 numeric;
	enum code	 code;
	const char	*digits;	/* when accepted */
	enum vn_carrier	 carrier;
} cases[] = {
	{ "8984040000000000017", false, OK, "8984040000000000017",
	    VN_CARRIER_VIETTEL },
	{ "8984041234567890127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984 0412 3456 7890 127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984-0412-3456-7890-127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984.0412.3456.7890.127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984\xc2\xa0" "041234567890127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "'8984041234567890127", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ " 8984041234567890127 ", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984041234567890127F", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984041234567890127f", false, OK, "8984041234567890127",
	    VN_CARRIER_VIETTEL },
	{ "8984021234567890121", false, OK, "8984021234567890121",
	    VN_CARRIER_VINAPHONE },
	{ "8984020000000007776", false, OK, "8984020000000007776",
	    VN_CARRIER_VINAPHONE },
	{ "8984011234567890123", false, OK, "8984011234567890123",
	    VN_CARRIER_MOBIFONE },
	{ "8984010000111122227", false, OK, "8984010000111122227",
	    VN_CARRIER_MOBIFONE },
	{ "89840400000000000124", false, OK, "89840400000000000124",
	    VN_CARRIER_VIETTEL },
	{ "8984051234567890124", false, OK, "8984051234567890124",
	    VN_CARRIER_UNKNOWN },
	/* Luhn */
	{ "8984041234567890128", false, CODE_ICCID_CHECKSUM, NULL, 0 },
	{ "8984040000000000010", false, CODE_ICCID_CHECKSUM, NULL, 0 },
	{ "8984041234567890172", false, CODE_ICCID_CHECKSUM, NULL, 0 },
	/* not Vietnam */
	{ "8944041234567890127", false, CODE_ICCID_NOT_VIETNAM, NULL, 0 },
	{ "7963031200120901234", false, CODE_ICCID_NOT_VIETNAM, NULL, 0 },
	/* length, letters */
	{ "898404123456789012", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "898404123456789012345", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "898402310932010...", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "8984O41234567890127", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "89840412345678901F27", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "8984041234567890127FF", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "89840412345678901277F", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "chưa có", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "", false, CODE_ICCID_INVALID, NULL, 0 },
	{ "8984041234567890127 / 8984021234567890121", false,
	    CODE_ICCID_INVALID, NULL, 0 },
	/* spreadsheet numbers */
	{ "8.98404E+18", true, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "8.9840400000000005E+18", true, CODE_ICCID_PRECISION_LOST, NULL,
	    0 },
	{ "8984040000000000000", true, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "8984041234567890127", true, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "8.98404123456789E18", true, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "1.5E3", true, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "898404123456789", true, CODE_ICCID_INVALID, NULL, 0 },
	{ "8.98404E+18", false, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "8,98404E+18", false, CODE_ICCID_PRECISION_LOST, NULL, 0 },
	{ "8.98404e18", false, CODE_ICCID_PRECISION_LOST, NULL, 0 },
};

START_TEST(vn_iccid_table)
{
	struct vn_iccid	 r;
	enum code	 code = OK;
	const char	*why = NULL;
	int		 rc;

	rc = vn_iccid_parse(cases[_i].raw, cases[_i].numeric, &r, &code,
	    &why);
	if (cases[_i].code == OK) {
		ck_assert_msg(rc == 0, "%s: %s", cases[_i].raw, why);
		ck_assert_str_eq(r.digits, cases[_i].digits);
		ck_assert_int_eq(r.carrier, cases[_i].carrier);
		return;
	}
	ck_assert_msg(rc == -1, "%s accepted", cases[_i].raw);
	ck_assert_msg(code == cases[_i].code, "%s: %s, want %s",
	    cases[_i].raw, code_name(code), code_name(cases[_i].code));
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(vn_iccid_luhn)
{
	ck_assert_int_eq(vn_luhn_digit("898404000000000001"), '7');
	ck_assert_int_eq(vn_luhn_digit("898404123456789012"), '7');
	ck_assert_int_eq(vn_luhn_digit("8984040000000000012"), '4');
	ck_assert(vn_luhn_ok("79927398713"));	/* the textbook example */
	ck_assert(!vn_luhn_ok("79927398710"));
	ck_assert(!vn_luhn_ok("7"));
	ck_assert(!vn_luhn_ok("7992739871x"));
}
END_TEST

/* Every wrong last digit of a valid ICCID is caught. */
START_TEST(vn_iccid_every_wrong_check_digit)
{
	char		 d[] = "8984041234567890127";
	struct vn_iccid	 r;
	enum code	 code;

	d[18] = (char)('0' + _i);
	ck_assert_int_eq(vn_iccid_parse(d, false, &r, &code, NULL),
	    _i == 7 ? 0 : -1);
	if (_i != 7)
		ck_assert_int_eq(code, CODE_ICCID_CHECKSUM);
}
END_TEST

START_TEST(vn_iccid_input_length_limit)
{
	char		 buf[VN_ICCID_MAX_INPUT + 2];
	struct vn_iccid	 r;

	for (int d = -1; d <= 1; d++) {
		size_t n = VN_ICCID_MAX_INPUT + d;

		memset(buf, ' ', n);
		memcpy(buf, "8984041234567890127", 19);
		buf[n] = '\0';
		ck_assert_int_eq(vn_iccid_parse(buf, false, &r, NULL, NULL),
		    d <= 0 ? 0 : -1);
	}
}
END_TEST

/* 15 digits is what a sheet keeps exactly; 16 is not. */
START_TEST(vn_iccid_numeric_exact_digit_limit)
{
	struct vn_iccid	r;
	enum code	code;

	ck_assert_int_eq(vn_iccid_parse("89840412345678", true, &r, &code,
	    NULL), -1);
	ck_assert_int_eq(code, CODE_ICCID_INVALID);
	ck_assert_int_eq(vn_iccid_parse("898404123456789", true, &r, &code,
	    NULL), -1);
	ck_assert_int_eq(code, CODE_ICCID_INVALID);
	ck_assert_int_eq(vn_iccid_parse("8984041234567890", true, &r, &code,
	    NULL), -1);
	ck_assert_int_eq(code, CODE_ICCID_PRECISION_LOST);
}
END_TEST

START_TEST(vn_iccid_null_input)
{
	struct vn_iccid	r;
	enum code	code;

	ck_assert_int_eq(vn_iccid_parse(NULL, false, &r, &code, NULL), -1);
	ck_assert_int_eq(code, CODE_ICCID_INVALID);
	ck_assert_int_eq(vn_iccid_carrier(NULL), VN_CARRIER_UNKNOWN);
	ck_assert_int_eq(vn_iccid_carrier("8984"), VN_CARRIER_UNKNOWN);
}
END_TEST

Suite *
vn_iccid_suite(void)
{
	Suite	*s = suite_create("vn_iccid");
	TCase	*tc = tcase_create("parse");

	tcase_add_loop_test(tc, vn_iccid_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, vn_iccid_luhn);
	tcase_add_loop_test(tc, vn_iccid_every_wrong_check_digit, 0, 10);
	tcase_add_test(tc, vn_iccid_input_length_limit);
	tcase_add_test(tc, vn_iccid_numeric_exact_digit_limit);
	tcase_add_test(tc, vn_iccid_null_input);
	suite_add_tcase(s, tc);
	return (s);
}
