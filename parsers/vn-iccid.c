/* vn-iccid.c: ICCIDs as units type them or spreadsheets store them. It
 * must never pass an ICCID whose digits a float has rounded. */
#include <string.h>

#include "parsers/vn-iccid.h"

static bool	 looks_like_float(const char *);

bool
vn_luhn_ok(const char *digits)
{
	size_t	n = strlen(digits);
	int	sum = 0;

	if (n < 2)
		return (false);
	for (size_t i = 0; i < n; i++) {
		int d = digits[n - 1 - i] - '0';

		if (d < 0 || d > 9)
			return (false);
		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return (sum % 10 == 0);
}

char
vn_luhn_digit(const char *payload)
{
	size_t	n = strlen(payload);
	int	sum = 0;

	/* The check digit will be position 0 from the right. */
	for (size_t i = 0; i < n; i++) {
		int d = payload[n - 1 - i] - '0';

		if (d < 0 || d > 9)
			d = 0;
		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return ((char)('0' + (10 - sum % 10) % 10));
}

/*
 * The issuer identifiers of E.118 under 8984 that the carriers' own SIMs
 * show. Vietnamobile and Gmobile SIMs are not reliably documented, so they
 * stay unknown rather than being guessed.
 */
enum vn_carrier
vn_iccid_carrier(const char *digits)
{
	if (digits == NULL || strncmp(digits, "8984", 4) != 0 ||
	    strlen(digits) < 6)
		return (VN_CARRIER_UNKNOWN);
	if (strncmp(digits + 4, "01", 2) == 0)
		return (VN_CARRIER_MOBIFONE);
	if (strncmp(digits + 4, "02", 2) == 0)
		return (VN_CARRIER_VINAPHONE);
	if (strncmp(digits + 4, "04", 2) == 0)
		return (VN_CARRIER_VIETTEL);
	return (VN_CARRIER_UNKNOWN);
}

/* "8.98404E+18", "8,98404E+18": what a sheet shows for a long number. */
static bool
looks_like_float(const char *s)
{
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return (false);
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.' || *p == ',')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p != 'e' && *p != 'E')
		return (false);
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return (false);
	while (*p >= '0' && *p <= '9')
		p++;
	while (*p == ' ')
		p++;
	return (*p == '\0');
}

int
vn_iccid_parse(const char *raw, bool numeric_cell, struct vn_iccid *r,
    enum code *code_r, const char **why_r)
{
	const unsigned char *u = (const unsigned char *)raw;
	enum code	 code = CODE_ICCID_INVALID;
	const char	*why = NULL;
	char		 d[64];
	size_t		 i = 0, n = 0;
	bool		 exp, filler = false;

	memset(r, 0, sizeof(*r));
	if (raw == NULL || *raw == '\0') {
		why = "is empty";
		goto fail;
	}
	if (strlen(raw) > VN_ICCID_MAX_INPUT) {
		why = "is too long for an ICCID";
		goto fail;
	}
	if (numeric_cell) {
		if (vn_number_digits(raw, d, sizeof(d), &exp) == -1 || exp ||
		    strlen(d) > VN_ICCID_EXACT_DIGITS) {
			code = CODE_ICCID_PRECISION_LOST;
			why = "was stored as a number, which keeps only 15 "
			    "digits";
			goto fail;
		}
	} else if (looks_like_float(raw)) {
		code = CODE_ICCID_PRECISION_LOST;
		why = "is a rounded number, not the digits on the card";
		goto fail;
	}
	while (u[i] == ' ')
		i++;
	if (u[i] == '\'')
		i++;
	else if (u[i] == 0xe2 && u[i + 1] == 0x80 && u[i + 2] == 0x99)
		i += 3;		/* ’ */
	for (; u[i] != '\0'; i++) {
		if (u[i] >= '0' && u[i] <= '9') {
			if (filler || n + 1 >= sizeof(d)) {
				why = filler ? "has a letter among its digits"
				    : "has too many digits";
				goto fail;
			}
			d[n++] = u[i];
		} else if (u[i] == ' ' || u[i] == '-' || u[i] == '.' ||
		    u[i] == '\t')
			continue;
		else if (u[i] == 0xc2 && u[i + 1] == 0xa0)
			i++;
		else if ((u[i] == 'F' || u[i] == 'f') && !filler && n == 19)
			filler = true;
		else {
			why = "has a letter or sign among its digits";
			goto fail;
		}
	}
	d[n] = '\0';
	if (n < 19 || n > 20) {
		why = n < 19 ? "is too short (an ICCID has 19 or 20 digits)" :
		    "is too long (an ICCID has 19 or 20 digits)";
		goto fail;
	}
	memcpy(r->digits, d, n + 1);
	if (strncmp(d, "8984", 4) != 0) {
		code = CODE_ICCID_NOT_VIETNAM;
		why = "does not start with 8984";
		goto fail;
	}
	if (!vn_luhn_ok(d)) {
		code = CODE_ICCID_CHECKSUM;
		why = "fails its check digit";
		goto fail;
	}
	r->carrier = vn_iccid_carrier(d);
	return (0);
fail:
	if (code_r != NULL)
		*code_r = code;
	if (why_r != NULL)
		*why_r = why;
	return (-1);
}
