/* check-numfmt.c: Excel number formats that show dates, and date serials
 * to ISO 8601, each limit just below, at and just above it. */
#include <check.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "parsers/numfmt.h"

/* Serials in the 1900 system (date1904 false) and the 1904 system; out
 * NULL: not a date, the cell stays a number. */
static const struct {
	double		 serial;
	bool		 date1904;
	const char	*out;
} serials[] = {
	/* the first day of the 1900 system */
	{ 0.0, false, NULL },
	{ 0.999, false, NULL },
	{ 1.0, false, "1900-01-01" },
	{ 1.5, false, "1900-01-01T12:00:00" },
	{ 2.0, false, "1900-01-02" },
	/* Lotus's 1900-02-29, kept by Excel as serial 60 */
	{ 59.0, false, "1900-02-28" },
	{ 60.0, false, "1900-02-29" },
	{ 60.75, false, "1900-02-29T18:00:00" },
	{ 61.0, false, "1900-03-01" },
	{ 45413.0, false, "2024-05-01" },
	{ 45413.34375, false, "2024-05-01T08:15:00" },
	/* a time within half a second of midnight is the next day */
	{ 45413.999999, false, "2024-05-02" },
	{ 45413.00001, false, "2024-05-01T00:00:01" },
	/* the last day, 9999-12-31 */
	{ 2958464.0, false, "9999-12-30" },
	{ 2958465.0, false, "9999-12-31" },
	{ 2958465.5, false, "9999-12-31T12:00:00" },
	{ 2958465.999999, false, NULL },
	{ 2958466.0, false, NULL },
	{ 1e300, false, NULL },
	/* the 1904 system: day 0 is 1904-01-01, and no Lotus day */
	{ -0.5, true, NULL },
	{ -0.000001, true, NULL },
	{ 0.0, true, "1904-01-01" },
	{ 0.25, true, "1904-01-01T06:00:00" },
	{ 1.0, true, "1904-01-02" },
	{ 59.0, true, "1904-02-29" },
	{ 43951.0, true, "2024-05-01" },
	/* 9999-12-31 is serial 2957003 here, not 2958465 */
	{ 2957002.0, true, "9999-12-30" },
	{ 2957003.0, true, "9999-12-31" },
	{ 2957004.0, true, NULL },
	{ 2958465.0, true, NULL },
	{ -1.0, false, NULL },
	{ -1e300, true, NULL },
};

START_TEST(numfmt_serial_to_iso_date)
{
	char	buf[32] = "unchanged";
	bool	ok = numfmt_serial_date(serials[_i].serial,
	    serials[_i].date1904, buf, sizeof(buf));

	if (serials[_i].out == NULL)
		ck_assert_msg(!ok, "%.6f (%s) gave %s", serials[_i].serial,
		    serials[_i].date1904 ? "1904" : "1900", buf);
	else {
		ck_assert_msg(ok, "%.6f refused", serials[_i].serial);
		ck_assert_str_eq(buf, serials[_i].out);
	}
}
END_TEST

START_TEST(numfmt_serial_not_finite_is_a_number)
{
	const double	 bad[] = { NAN, INFINITY, -INFINITY };
	char		 buf[32];

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ck_assert(!numfmt_serial_date(bad[i], false, buf, sizeof(buf)));
		ck_assert(!numfmt_serial_date(bad[i], true, buf, sizeof(buf)));
	}
}
END_TEST

/* The output is cut to the buffer, never past it. */
START_TEST(numfmt_serial_short_buffer_truncates)
{
	char	buf[12];

	memset(buf, 'x', sizeof(buf));
	ck_assert(numfmt_serial_date(45413.5, false, buf, 11));
	ck_assert_str_eq(buf, "2024-05-01");
	ck_assert_int_eq(buf[11], 'x');
}
END_TEST

/* Built-in formats 14–22 and 45–47 are dates; their neighbours are not. */
static const struct {
	long	id;
	bool	date;
} ids[] = {
	{ -1, false }, { 0, false }, { 13, false }, { 14, true },
	{ 18, true }, { 22, true }, { 23, false }, { 44, false },
	{ 45, true }, { 47, true }, { 48, false }, { 164, false },
};

START_TEST(numfmt_builtin_id_is_date)
{
	ck_assert_msg(numfmt_id_is_date(ids[_i].id) == ids[_i].date,
	    "format %ld", ids[_i].id);
}
END_TEST

static const struct {
	const char	*code;
	bool		 date;
} codes[] = {
	{ "yyyy-mm-dd", true },
	{ "dd/mm/yyyy", true },
	{ "d-mmm-yy", true },
	{ "[$-42A]dd/mm/yyyy", true },	/* a Vietnamese locale tag */
	{ "[h]:mm:ss", true },		/* minutes read as a date part */
	{ "DD/MM/YYYY", true },
	{ "General", false },
	{ "0", false },
	{ "0.00", false },
	{ "@", false },
	{ "0.00E+00", false },
	{ "#,##0 \"đ\"", false },
	{ "[Red]0.00", false },		/* the d of Red is in brackets */
	{ "\"ngày\" 0", false },	/* inside quotes */
	{ "\\d0", false },		/* escaped */
	{ "_d0", false },		/* padding the width of a d */
	{ "*d0", false },		/* fill with d */
	{ "\"unclosed d", false },
	{ "[unclosed d", false },
	{ "0_", false },		/* an escape at the very end */
	{ "\"\"d", true },		/* an empty quote, then a d */
	{ "", false },
};

START_TEST(numfmt_custom_code_is_date)
{
	ck_assert_msg(numfmt_code_is_date(codes[_i].code) == codes[_i].date,
	    "'%s'", codes[_i].code);
}
END_TEST

Suite *
numfmt_suite(void)
{
	Suite	*s = suite_create("numfmt");
	TCase	*tc = tcase_create("serials");
	TCase	*tf = tcase_create("formats");

	tcase_add_loop_test(tc, numfmt_serial_to_iso_date, 0,
	    G_N_ELEMENTS(serials));
	tcase_add_test(tc, numfmt_serial_not_finite_is_a_number);
	tcase_add_test(tc, numfmt_serial_short_buffer_truncates);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tf, numfmt_builtin_id_is_date, 0,
	    G_N_ELEMENTS(ids));
	tcase_add_loop_test(tf, numfmt_custom_code_is_date, 0,
	    G_N_ELEMENTS(codes));
	suite_add_tcase(s, tf);
	return (s);
}
