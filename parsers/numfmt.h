/* numfmt.h: Excel number formats and date serials, for the XLSX and XLS
 * readers alike. Pure. */
#ifndef HOTROCKS_NUMFMT_H
#define HOTROCKS_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

/* True when a custom format code shows a date: a d, m or y outside quoted
 * text, [brackets] and escaped or padding characters. */
bool	numfmt_code_is_date(const char *code);
/* True for the built-in formats 14–22 and 45–47. */
bool	numfmt_id_is_date(long id);
/*
 * A date serial to "YYYY-MM-DD" (with "THH:MM:SS" when it has a time of
 * day) in out. Excel's 1900 system counts 1900-01-01 as 1 and keeps
 * Lotus's 1900-02-29 as 60; the 1904 system counts 1904-01-01 as 0.
 * False (the cell stays a number) before the system's first day, after
 * 9999-12-31 (serial 2958465, or 2957003 in the 1904 system; a time that
 * rounds past that day's end too), or when not finite.
 */
bool	numfmt_serial_date(double serial, bool date1904, char *out,
	    size_t outlen);

#endif
