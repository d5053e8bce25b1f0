/* check-zone.c: lib/zone.h, the office's day and year by the zone's
 * name: around New Year, the year a case number takes and the day a
 * letter writes follow the zone (summer time too), and no zone, or one
 * GLib does not know, is UTC. */
#include <check.h>
#include <glib.h>

#include "lib/zone.h"

static const struct {
	const char	*zone;		/* NULL: none given */
	const char	*at;
	int		 year;		/* 0: no year */
	int		 month, day;
} years[] = {
	/* Quảng Ngãi's New Year begins at 17:00 UTC (HT-2027 at 17:30) */
	{ "Asia/Ho_Chi_Minh", "2026-12-31T16:59:59Z", 2026, 12, 31 },
	{ "Asia/Ho_Chi_Minh", "2026-12-31T17:00:00Z", 2027, 1, 1 },
	{ "Asia/Ho_Chi_Minh", "2026-12-31T17:30:00Z", 2027, 1, 1 },
	{ "+07:00", "2026-12-31T17:30:00Z", 2027, 1, 1 },
	{ "UTC", "2026-12-31T17:30:00Z", 2026, 12, 31 },
	{ "UTC", "2027-01-01T00:00:00Z", 2027, 1, 1 },
	{ "Asia/Tokyo", "2026-12-31T15:00:00Z", 2027, 1, 1 },
	{ "Europe/London", "2026-12-31T23:30:00Z", 2026, 12, 31 },
	{ "Europe/London", "2027-01-01T00:00:00Z", 2027, 1, 1 },
	{ "America/New_York", "2027-01-01T04:59:59Z", 2026, 12, 31 },
	{ "America/New_York", "2027-01-01T05:00:00Z", 2027, 1, 1 },
	/* Sydney is on summer time (+11) at New Year: +10 would say 2026 */
	{ "Australia/Sydney", "2026-12-31T12:59:59Z", 2026, 12, 31 },
	{ "Australia/Sydney", "2026-12-31T13:00:00Z", 2027, 1, 1 },
	/* the first and the last zones to see the new year */
	{ "Pacific/Kiritimati", "2026-12-31T10:00:00Z", 2027, 1, 1 },
	{ "Pacific/Pago_Pago", "2027-01-01T10:59:59Z", 2026, 12, 31 },
	/* a time with its own offset is the same instant */
	{ "Asia/Ho_Chi_Minh", "2027-01-01T00:30:00+07:00", 2027, 1, 1 },
	{ "UTC", "2027-01-01T00:30:00+07:00", 2026, 12, 31 },
	/* none, or one GLib does not know: UTC's, not the machine's */
	{ NULL, "2026-12-31T17:30:00Z", 2026, 12, 31 },
	{ "Nowhere/Atlantis", "2026-12-31T17:30:00Z", 2026, 12, 31 },
	/* no time, or past GLib's last year once in the zone */
	{ "Asia/Ho_Chi_Minh", NULL, 0, 0, 0 },
	{ "Asia/Ho_Chi_Minh", "yesterday", 0, 0, 0 },
	{ "Asia/Ho_Chi_Minh", "2026-12-31", 0, 0, 0 },
	{ "Asia/Ho_Chi_Minh", "9999-12-31T20:00:00Z", 0, 0, 0 },
	{ "UTC", "9999-12-31T20:00:00Z", 9999, 12, 31 },
};

START_TEST(zone_year_around_new_year)
{
	int	 y = -1, m = -1, d = -1, rc;

	rc = zone_day(years[_i].zone, years[_i].at, &y, &m, &d);
	ck_assert_msg(zone_year(years[_i].zone, years[_i].at) ==
	    years[_i].year, "%s in %s: %d", years[_i].at ? years[_i].at :
	    "NULL", years[_i].zone ? years[_i].zone : "NULL",
	    zone_year(years[_i].zone, years[_i].at));
	if (years[_i].year == 0) {
		ck_assert_int_eq(rc, -1);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(y, years[_i].year);
	ck_assert_int_eq(m, years[_i].month);
	ck_assert_int_eq(d, years[_i].day);
}
END_TEST

Suite *
zone_suite(void)
{
	Suite	*s = suite_create("zone");
	TCase	*tc = tcase_create("zone");

	tcase_add_loop_test(tc, zone_year_around_new_year, 0,
	    G_N_ELEMENTS(years));
	suite_add_tcase(s, tc);
	return (s);
}
