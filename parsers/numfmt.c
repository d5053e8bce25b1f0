/* numfmt.c: Excel number formats that show dates, and date serials to
 * ISO 8601, shared by the XLSX and XLS readers. Pure. */
#include <math.h>

#include <glib.h>

#include "parsers/numfmt.h"

/* The last day a cell may show, 9999-12-31, as Excel itself: in the
 * 1900 system, and in the 1904 one, whose day 0 is the 1900 system's
 * day 1462. Past it a year would take five digits. */
#define NUMFMT_LAST_DAY_1900	2958465L
#define NUMFMT_LAST_DAY_1904	(NUMFMT_LAST_DAY_1900 - 1462L)

static void	numfmt_civil(long, long *, int *, int *);

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
numfmt_civil(long z, long *y, int *m, int *d)
{
	long		era;
	unsigned long	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned long)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (long)yoe + era * 400 + (*m <= 2);
}

/*
 * A number format shows a date when it has a d, m or y outside quoted
 * text, [brackets] and escaped or padding characters.
 */
bool
numfmt_code_is_date(const char *code)
{
	for (const char *p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] == '"')
				p++;
			break;
		case '[':
			while (p[1] != '\0' && p[1] != ']')
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			break;
		case 'd': case 'D': case 'm': case 'M': case 'y': case 'Y':
			return (true);
		default:
			break;
		}
	}
	return (false);
}

bool
numfmt_id_is_date(long id)
{
	return ((id >= 14 && id <= 22) || (id >= 45 && id <= 47));
}

/*
 * A date serial to ISO 8601. Excel's 1900 system counts 1900-01-01 as 1
 * and keeps Lotus's 1900-02-29 as 60; the 1904 system counts 1904-01-01
 * as 0. False (the cell stays a number) before the first day or after
 * 9999-12-31 in either system.
 */
bool
numfmt_serial_date(double serial, bool date1904, char *out, size_t outlen)
{
	double	whole;
	long	days, secs, y;
	int	m, d;

	if (!isfinite(serial) || serial < (date1904 ? 0.0 : 1.0) ||
	    serial >= NUMFMT_LAST_DAY_1900 + 1.0)
		return (false);
	whole = floor(serial);
	days = (long)whole;
	secs = lround((serial - whole) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs = 0;
	}
	/* After rounding: a time just before midnight of the last day is
	 * the next day, and that is past the end. */
	if (days > (date1904 ? NUMFMT_LAST_DAY_1904 : NUMFMT_LAST_DAY_1900))
		return (false);
	if (date1904)
		numfmt_civil(days - 24107, &y, &m, &d);
	else if (days == 60) {
		y = 1900;
		m = 2;
		d = 29;
	} else
		numfmt_civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
	if (secs == 0)
		g_snprintf(out, outlen, "%04ld-%02d-%02d", y, m, d);
	else
		g_snprintf(out, outlen, "%04ld-%02d-%02dT%02ld:%02ld:%02ld", y,
		    m, d, secs / 3600, secs / 60 % 60, secs % 60);
	return (true);
}
