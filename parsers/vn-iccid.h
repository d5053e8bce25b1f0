/* vn-iccid.h: the ICCID printed on a Vietnamese SIM (ITU-T E.118: 89,
 * country 84, issuer, account, Luhn digit). Pure: never repairs digits a
 * spreadsheet has already rounded away. */
#ifndef HOTROCKS_VN_ICCID_H
#define HOTROCKS_VN_ICCID_H

#include <stdbool.h>

#include "lib/codes.h"
#include "parsers/vn-phone.h"

/* Longest input looked at; anything longer is no ICCID. */
#define VN_ICCID_MAX_INPUT	128

/* Excel keeps 15 significant digits of a number, no more. */
#define VN_ICCID_EXACT_DIGITS	15

struct vn_iccid {
	char		 digits[21];	/* 19 or 20 digits */
	enum vn_carrier	 carrier;	/* from the issuer digits 5–6 */
};

/*
 * Reads one ICCID into *r. Spaces (also NBSP), dashes and dots between
 * digit groups are dropped, as is a leading apostrophe (a spreadsheet's
 * "store as text" mark). A single trailing 'F' is accepted after 19
 * digits: it is the filler that pads a 19-digit ICCID to 20 BCD nibbles
 * on the card, and SIM tools print it.
 *
 * numeric_cell says raw is the stored lexical form of a spreadsheet
 * number. Any number in exponent form or with more than 15 digits has
 * lost digits (a double and Excel keep at most 15 exactly), so it is
 * ICCID_PRECISION_LOST with no verdict on length or Luhn. Text that reads
 * like such a number ("8.98404E+18" copied from a sheet into Word) is too.
 *
 * Returns 0, or -1 with *code_r set to CODE_ICCID_INVALID (not 19–20
 * digits, letters), CODE_ICCID_NOT_VIETNAM (not 8984…),
 * CODE_ICCID_CHECKSUM (Luhn fails) or CODE_ICCID_PRECISION_LOST, and a
 * short static reason in *why_r meant to follow the raw text in a message.
 * code_r and why_r may be NULL. *r is zeroed first; on CHECKSUM and
 * NOT_VIETNAM r->digits still holds the digits read.
 */
int		 vn_iccid_parse(const char *raw, bool numeric_cell,
		    struct vn_iccid *r, enum code *code_r,
		    const char **why_r);

/* True when the last digit of digits is the Luhn check of the others. */
bool		 vn_luhn_ok(const char *digits);

/* The Luhn check digit ('0'..'9') for payload (all digits but the last). */
char		 vn_luhn_digit(const char *payload);

/* The carrier of an ICCID's issuer digits ("01" MobiFone, "02" VinaPhone,
 * "04" Viettel; others are UNKNOWN). */
enum vn_carrier	 vn_iccid_carrier(const char *digits);

#endif
