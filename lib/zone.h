/* zone.h: the office's clock ([mailbox] timezone): the day and the year
 * of a time in a zone given by name. Pure: the zone comes in, never the
 * configuration, the environment or the clock. */
#ifndef HOTROCKS_ZONE_H
#define HOTROCKS_ZONE_H

#include <glib.h>

/*
 * The office's zone, named as [mailbox] timezone names it: an identifier
 * or an offset GLib knows ("Asia/Ho_Chi_Minh", "+07:00"; config_display
 * makes sure it is one). NULL, or a name GLib does not know, is UTC, as
 * the composer dates a letter with no zone (compose_input.timezone) and
 * db_time_bound reads a day: never the machine's own zone, which is
 * GLib's answer to NULL.
 */

/* The zone named, as above (UTC for NULL or a name GLib does not know):
 * never NULL; g_time_zone_unref it. */
GTimeZone	*zone_new(const char *zone);

/* The day of the RFC 3339 time at in zone: 0 with *year_r, *month_r
 * (1-12) and *day_r (1-31); -1 when at is NULL, does not parse or its
 * day is past GLib's year 9999. */
int	zone_day(const char *zone, const char *at, int *year_r, int *month_r,
	    int *day_r);

/* The year of the RFC 3339 time at in zone, 0 when zone_day fails: the
 * year of a case number (trial 3, finding 1). */
int	zone_year(const char *zone, const char *at);

#endif
