/* vn-phone.h: Vietnamese mobile numbers, from the way people type them to
 * the form Mobile-ID takes ("84" + 9 digits), and the carrier behind each
 * prefix. Pure: never guesses a digit that was not written or stored. */
#ifndef HOTROCKS_VN_PHONE_H
#define HOTROCKS_VN_PHONE_H

#include <stdbool.h>
#include <stddef.h>

enum vn_carrier {
	VN_CARRIER_UNKNOWN,
	VN_CARRIER_VIETTEL,
	VN_CARRIER_VINAPHONE,
	VN_CARRIER_MOBIFONE,
	VN_CARRIER_VIETNAMOBILE,
	VN_CARRIER_GMOBILE,
	VN_CARRIER_ITELECOM,	/* MVNO on VinaPhone's network */
	VN_CARRIER_REDDI,	/* MVNO on MobiFone's network */
	VN_CARRIER__COUNT
};

/* Longest input looked at; anything longer is no phone number. */
#define VN_PHONE_MAX_INPUT	128

struct vn_phone {
	char		 e164[12];	/* "84" + 9 digits */
	char		 national[11];	/* "0" + 9 digits, as dialled */
	enum vn_carrier	 carrier;	/* UNKNOWN for a well-formed 0[35789]x
					 * prefix no carrier holds today */
	bool		 old_format;	/* written as a pre-2018 11-digit number
					 * (01xx…), converted */
};

/*
 * Reads one phone number into *r. Accepted: digits grouped by spaces, dots,
 * dashes or parentheses; a leading 0, "+84", "(+84)", "84" (11 or 12
 * digits in all) or "0084"; a pre-2018 11-digit 01xx number, converted with
 * old_format set. Words before the first digit or after the last one
 * ("ĐT: 0982 345 678 (Zalo)") are ignored, since they cannot change the
 * digits; anything but a separator between two digits (a second number
 * after "/", a letter) makes the input invalid.
 *
 * numeric_cell says raw is the stored lexical form of a spreadsheet number
 * ("982345678", "9.82345678E8", "982345678.0"): the leading 0 a number
 * cannot keep is restored for 9 digits (10 for a pre-2018 number). Text
 * of 9 digits whose prefix behind a 0 is a carrier's ("905667788": the
 * column was a number, then formatted as text) is read the same way;
 * other text without its 0 is not repaired ("982345678" is, "412345678"
 * and "98234567" are invalid).
 *
 * Returns 0, or -1 with a short static reason in *why_r ("has 9 digits",
 * "is a landline number") meant to follow the raw text in a message;
 * why_r may be NULL. *r is zeroed first.
 */
int		 vn_phone_parse(const char *raw, bool numeric_cell,
		    struct vn_phone *r, const char **why_r);

/* The carrier of a national number ("0982…", "01682…" gives UNKNOWN). */
enum vn_carrier	 vn_phone_carrier(const char *national);

/* "viettel", "vinaphone", "mobifone", "vietnamobile", "gmobile",
 * "itelecom", "reddi"; NULL for VN_CARRIER_UNKNOWN. Static. */
const char	*vn_carrier_name(enum vn_carrier);
/* "Viettel", "VinaPhone", …, for messages; "unknown" for UNKNOWN. */
const char	*vn_carrier_label(enum vn_carrier);

/*
 * The digits of a spreadsheet number's lexical form ("9.82345678E8" →
 * "982345678", "982345678.0" → "982345678"), when it is a whole,
 * non-negative number of at most cap-1 digits; *exp_r (may be NULL) says
 * whether it was written with an exponent. Returns 0, or -1 for anything
 * else (a fraction, a sign, text, too many digits).
 */
int		 vn_number_digits(const char *lexical, char *buf, size_t cap,
		    bool *exp_r);

#endif
