/* vn-phone.c: Vietnamese mobile numbers. The prefix tables follow the
 * numbering plan after the 2018 move from 11 to 10 digits; they must never
 * accept a landline or invent a digit. */
#include <string.h>

#include "parsers/vn-phone.h"

static int	 text_digits(const char *, char *, size_t, bool *,
		    const char **);
static size_t	 separator_len(const unsigned char *);
static int	 check_national(const char *, struct vn_phone *,
		    const char **);
static const char *ndigits_why(size_t);

static const struct {
	const char	*prefix;	/* national, 3 digits */
	enum vn_carrier	 carrier;
} prefixes[] = {
	{ "086", VN_CARRIER_VIETTEL }, { "096", VN_CARRIER_VIETTEL },
	{ "097", VN_CARRIER_VIETTEL }, { "098", VN_CARRIER_VIETTEL },
	{ "032", VN_CARRIER_VIETTEL }, { "033", VN_CARRIER_VIETTEL },
	{ "034", VN_CARRIER_VIETTEL }, { "035", VN_CARRIER_VIETTEL },
	{ "036", VN_CARRIER_VIETTEL }, { "037", VN_CARRIER_VIETTEL },
	{ "038", VN_CARRIER_VIETTEL }, { "039", VN_CARRIER_VIETTEL },
	{ "088", VN_CARRIER_VINAPHONE }, { "091", VN_CARRIER_VINAPHONE },
	{ "094", VN_CARRIER_VINAPHONE }, { "081", VN_CARRIER_VINAPHONE },
	{ "082", VN_CARRIER_VINAPHONE }, { "083", VN_CARRIER_VINAPHONE },
	{ "084", VN_CARRIER_VINAPHONE }, { "085", VN_CARRIER_VINAPHONE },
	{ "089", VN_CARRIER_MOBIFONE }, { "090", VN_CARRIER_MOBIFONE },
	{ "093", VN_CARRIER_MOBIFONE }, { "070", VN_CARRIER_MOBIFONE },
	{ "076", VN_CARRIER_MOBIFONE }, { "077", VN_CARRIER_MOBIFONE },
	{ "078", VN_CARRIER_MOBIFONE }, { "079", VN_CARRIER_MOBIFONE },
	/* 052 was added to Vietnamobile's 092, 056, 058 in 2021. */
	{ "092", VN_CARRIER_VIETNAMOBILE }, { "056", VN_CARRIER_VIETNAMOBILE },
	{ "058", VN_CARRIER_VIETNAMOBILE }, { "052", VN_CARRIER_VIETNAMOBILE },
	{ "099", VN_CARRIER_GMOBILE }, { "059", VN_CARRIER_GMOBILE },
	{ "087", VN_CARRIER_ITELECOM },
	{ "055", VN_CARRIER_REDDI },
};

/* The 2018 conversion of 11-digit numbers: old 4-digit prefix → new. */
static const struct {
	const char	*old, *new;
} conversions[] = {
	{ "0162", "032" }, { "0163", "033" }, { "0164", "034" },
	{ "0165", "035" }, { "0166", "036" }, { "0167", "037" },
	{ "0168", "038" }, { "0169", "039" },
	{ "0123", "083" }, { "0124", "084" }, { "0125", "085" },
	{ "0127", "081" }, { "0129", "082" },
	{ "0120", "070" }, { "0121", "079" }, { "0122", "077" },
	{ "0126", "076" }, { "0128", "078" },
	{ "0186", "056" }, { "0188", "058" },
	{ "0199", "059" },
};

static const struct {
	const char	*name, *label;
} carriers[VN_CARRIER__COUNT] = {
	[VN_CARRIER_UNKNOWN] = { NULL, "unknown" },
	[VN_CARRIER_VIETTEL] = { "viettel", "Viettel" },
	[VN_CARRIER_VINAPHONE] = { "vinaphone", "VinaPhone" },
	[VN_CARRIER_MOBIFONE] = { "mobifone", "MobiFone" },
	[VN_CARRIER_VIETNAMOBILE] = { "vietnamobile", "Vietnamobile" },
	[VN_CARRIER_GMOBILE] = { "gmobile", "Gmobile" },
	[VN_CARRIER_ITELECOM] = { "itelecom", "Itelecom" },
	[VN_CARRIER_REDDI] = { "reddi", "Reddi" },
};

/* Longest digit run kept; longer is no phone number in any notation. */
#define MAX_DIGITS	24

static const char *ndigits_whys[MAX_DIGITS + 1] = {
	"has no digits", "has 1 digit", "has 2 digits", "has 3 digits",
	"has 4 digits", "has 5 digits", "has 6 digits", "has 7 digits",
	"has 8 digits", "has 9 digits", "has 10 digits", "has 11 digits",
	"has 12 digits", "has 13 digits", "has 14 digits", "has 15 digits",
	"has 16 digits", "has 17 digits", "has 18 digits", "has 19 digits",
	"has 20 digits", "has 21 digits", "has 22 digits", "has 23 digits",
	"has 24 digits",
};

static const char *
ndigits_why(size_t n)
{
	return (n <= MAX_DIGITS ? ndigits_whys[n] : "has too many digits");
}

const char *
vn_carrier_name(enum vn_carrier c)
{
	if ((unsigned)c >= VN_CARRIER__COUNT)
		return (NULL);
	return (carriers[c].name);
}

const char *
vn_carrier_label(enum vn_carrier c)
{
	if ((unsigned)c >= VN_CARRIER__COUNT)
		return ("unknown");
	return (carriers[c].label);
}

enum vn_carrier
vn_phone_carrier(const char *national)
{
	if (national == NULL || strlen(national) != 10)
		return (VN_CARRIER_UNKNOWN);
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(national, prefixes[i].prefix, 3) == 0)
			return (prefixes[i].carrier);
	return (VN_CARRIER_UNKNOWN);
}

int
vn_number_digits(const char *lex, char *buf, size_t cap, bool *exp_r)
{
	char		 mant[64];
	size_t		 nm = 0, o = 0;
	long		 point = -1, e = 0, intdigits;
	int		 esign = 1, edigits = 0;
	const char	*p = lex;

	if (exp_r != NULL)
		*exp_r = false;
	if (lex == NULL || cap == 0)
		return (-1);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (nm >= sizeof(mant))
			return (-1);
		mant[nm++] = *p;
	}
	if (*p == '.') {
		point = nm;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (nm >= sizeof(mant))
				return (-1);
			mant[nm++] = *p;
		}
	}
	if (nm == 0)
		return (-1);
	if (*p == 'e' || *p == 'E') {
		if (exp_r != NULL)
			*exp_r = true;
		p++;
		if (*p == '+' || *p == '-')
			esign = *p++ == '-' ? -1 : 1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++edigits > 4)
				return (-1);
			e = e * 10 + (*p - '0');
		}
		if (edigits == 0)
			return (-1);
	}
	if (*p != '\0')
		return (-1);
	intdigits = (point < 0 ? (long)nm : point) + esign * e;
	/* Whatever lies right of the point must be zeros. */
	for (long i = intdigits < 0 ? 0 : intdigits; i < (long)nm; i++)
		if (mant[i] != '0')
			return (-1);
	for (long i = 0; i < intdigits; i++) {
		char d = i < (long)nm ? mant[i] : '0';

		if (o == 0 && d == '0')
			continue;
		if (o + 1 >= cap)
			return (-1);
		buf[o++] = d;
	}
	if (o == 0) {
		if (cap < 2)
			return (-1);
		buf[o++] = '0';
	}
	buf[o] = '\0';
	return (0);
}

/* Bytes of a separator allowed between two digits at p, or 0. */
static size_t
separator_len(const unsigned char *p)
{
	if (strchr(" .-()\t\r\n", *p) != NULL && *p != '\0')
		return (1);
	if (p[0] == 0xc2 && p[1] == 0xa0)		/* NBSP */
		return (2);
	/* en and em dashes, thin and narrow spaces */
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x89 || p[2] == 0xaf))
		return (3);
	return (0);
}

/*
 * The digits between the first and the last digit of s, and whether a '+'
 * stands before the first (past any '(' or space): "(+84) 982" → "84982".
 */
static int
text_digits(const char *s, char *buf, size_t cap, bool *plus_r,
    const char **why_r)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t		 first, last, i, o = 0, n;

	*plus_r = false;
	for (first = 0; u[first] != '\0' && (u[first] < '0' ||
	    u[first] > '9'); first++)
		;
	if (u[first] == '\0') {
		*why_r = "has no digits";
		return (-1);
	}
	for (i = first, last = first; u[i] != '\0'; i++)
		if (u[i] >= '0' && u[i] <= '9')
			last = i;
	for (i = first; i > 0 && (u[i - 1] == ' ' || u[i - 1] == '('); i--)
		;
	if (i > 0 && u[i - 1] == '+')
		*plus_r = true;
	for (i = first; i <= last; ) {
		if (u[i] >= '0' && u[i] <= '9') {
			if (o + 1 >= cap) {
				*why_r = "has too many digits";
				return (-1);
			}
			buf[o++] = u[i++];
		} else if ((n = separator_len(&u[i])) > 0)
			i += n;
		else {
			*why_r = "has text between its digits";
			return (-1);
		}
	}
	buf[o] = '\0';
	return (0);
}

/* Checks a national number (0 + 9 digits, or 01xx + 7 digits), fills *r. */
static int
check_national(const char *nat, struct vn_phone *r, const char **why_r)
{
	size_t	n = strlen(nat);

	if (nat[0] != '0') {
		*why_r = n == 9 ? "has 9 digits and no leading 0 or +84" :
		    ndigits_why(n);
		return (-1);
	}
	if (n >= 2 && nat[1] == '2' && (n == 10 || n == 11)) {
		*why_r = "is a landline number";
		return (-1);
	}
	if (n == 11) {
		for (size_t i = 0; i < sizeof(conversions) /
		    sizeof(conversions[0]); i++) {
			if (strncmp(nat, conversions[i].old, 4) != 0)
				continue;
			memcpy(r->national, conversions[i].new, 3);
			memcpy(r->national + 3, nat + 4, 7);
			r->national[10] = '\0';
			r->old_format = true;
			goto mobile;
		}
		*why_r = nat[1] == '1' ? "has an unknown pre-2018 prefix" :
		    "has 11 digits";
		return (-1);
	}
	if (n != 10) {
		*why_r = ndigits_why(n);
		return (-1);
	}
	memcpy(r->national, nat, 11);
mobile:
	if (strchr("35789", r->national[1]) == NULL) {
		*why_r = "is not a mobile number";
		memset(r, 0, sizeof(*r));
		return (-1);
	}
	r->carrier = vn_phone_carrier(r->national);
	memcpy(r->e164, "84", 2);
	memcpy(r->e164 + 2, r->national + 1, 10);
	return (0);
}

int
vn_phone_parse(const char *raw, bool numeric_cell, struct vn_phone *r,
    const char **why_r)
{
	char		 d[MAX_DIGITS + 2], nat[MAX_DIGITS + 2];
	const char	*why = NULL;
	size_t		 n;
	bool		 plus = false, intl = true;
	int		 rc = -1;

	memset(r, 0, sizeof(*r));
	if (raw == NULL || *raw == '\0') {
		why = "is empty";
		goto out;
	}
	if (strlen(raw) > VN_PHONE_MAX_INPUT) {
		why = "is too long for a phone number";
		goto out;
	}
	if (numeric_cell && vn_number_digits(raw, d, sizeof(d), NULL) == 0) {
		n = strlen(d);
		/* A number keeps no leading 0, so 84… can only be +84. */
		if ((n == 11 || n == 12) && strncmp(d, "84", 2) == 0)
			plus = true;
		else if (n == 9 || n == 10) {
			nat[0] = '0';
			memcpy(nat + 1, d, n + 1);
			goto check;
		}
	} else if (text_digits(raw, d, sizeof(d), &plus, &why) == -1)
		goto out;
	n = strlen(d);
	if (plus) {
		if (strncmp(d, "84", 2) != 0) {
			why = "is not a Vietnamese number";
			goto out;
		}
		nat[0] = '0';
		memcpy(nat + 1, d + 2, n - 1);
	} else if (strncmp(d, "0084", 4) == 0) {
		nat[0] = '0';
		memcpy(nat + 1, d + 4, n - 3);
	} else if ((n == 11 || n == 12) && strncmp(d, "84", 2) == 0) {
		nat[0] = '0';
		memcpy(nat + 1, d + 2, n - 1);
	} else if (n == 9 && strchr("35789", d[0]) != NULL) {
		/* Nine digits typed as text whose first two, behind a 0,
		 * are a carrier's mobile prefix: the 0 a numeric cell lost,
		 * kept lost when the unit formatted the column as text
		 * (as our own letters ask for the ICCIDs). */
		nat[0] = '0';
		memcpy(nat + 1, d, n + 1);
		if (vn_phone_carrier(nat) == VN_CARRIER_UNKNOWN)
			memcpy(nat, d, n + 1);
		intl = false;
	} else {
		memcpy(nat, d, n + 1);
		intl = false;
	}
	/* "+84 (0) 982…" and "84 0982…" write the trunk 0 as well. */
	if (intl && nat[1] == '0' && strlen(nat) > 10)
		memmove(nat, nat + 1, strlen(nat));
check:
	rc = check_national(nat, r, &why);
out:
	if (rc == -1 && why_r != NULL)
		*why_r = why;
	return (rc);
}
