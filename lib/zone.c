/* zone.c: the office's day and year by GLib's time zones, so that no
 * offset arithmetic of our own meets a zone with summer time. Never
 * reads the clock or the environment. */
#include <glib.h>

#include "lib/zone.h"

GTimeZone *
zone_new(const char *zone)
{
	GTimeZone	*tz;

	/* GLib's NULL is the machine's zone: never the office's */
	if (zone == NULL || (tz = g_time_zone_new_identifier(zone)) == NULL)
		tz = g_time_zone_new_utc();
	return (tz);
}

int
zone_day(const char *zone, const char *at, int *year_r, int *month_r,
    int *day_r)
{
	GTimeZone	*tz;
	GDateTime	*u, *l;

	if (at == NULL || (u = g_date_time_new_from_iso8601(at, NULL)) == NULL)
		return (-1);
	tz = zone_new(zone);
	/* NULL past GLib's range: 9999-12-31T20:00:00Z at +07 */
	l = g_date_time_to_timezone(u, tz);
	g_time_zone_unref(tz);
	g_date_time_unref(u);
	if (l == NULL)
		return (-1);
	g_date_time_get_ymd(l, year_r, month_r, day_r);
	g_date_time_unref(l);
	return (0);
}

int
zone_year(const char *zone, const char *at)
{
	int	 y, m, d;

	return (zone_day(zone, at, &y, &m, &d) == 0 ? y : 0);
}
