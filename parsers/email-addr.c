/* email-addr.c: addresses found in free text, and the free-mail list.
 * It must never call an address public because a state domain happens to
 * contain a brand's name ("live.quangngai.gov.vn" is no live.com).
 *
 * The list is short on purpose: the services people in Vietnam actually
 * use instead of their official mailbox. A brand (gmail, yahoo, …) counts
 * under any country suffix of short labels ("yahoo.com.vn",
 * "hotmail.co.uk"); the exact names cover services whose brand is too
 * generic a word to match that way ("me.com", "mail.ru"). The intake
 * configuration keeps its own list for senders.
 */
#include <string.h>

#include <glib.h>

#include "parsers/email-addr.h"

static bool	 local_char(char);
static bool	 domain_char(char);
static bool	 short_suffix(const char *);

/* Brands: "<brand>.<suffix>" where every suffix label is 2–3 letters. */
static const char *const brands[] = {
	"gmail", "googlemail", "yahoo", "ymail", "rocketmail", "hotmail",
	"outlook", "live", "msn", "icloud", "aol", "gmx", "yandex",
	"protonmail", "zoho", "tutanota", NULL
};

/* Exact domains. */
static const char *const domains[] = {
	"me.com", "mac.com", "proton.me", "pm.me", "mail.com", "mail.ru",
	"inbox.ru", "qq.com", "163.com", "126.com", "yeah.net", "sina.com",
	"naver.com", "tuta.io", NULL
};

static bool
local_char(char c)
{
	return (g_ascii_isalnum(c) || strchr("._%+-", c) != NULL);
}

static bool
domain_char(char c)
{
	return (g_ascii_isalnum(c) || c == '.' || c == '-');
}

char *
email_addr_find(const char *text, const char **end_r)
{
	const char *at;

	if (text == NULL)
		return (NULL);
	for (at = strchr(text, '@'); at != NULL; at = strchr(at + 1, '@')) {
		const char	*b = at, *e = at + 1, *dot;
		size_t		 tld = 0;

		while (b > text && local_char(b[-1]))
			b--;
		/* A local part does not start with a dot ("…).a@x.vn"). */
		while (b < at && *b == '.')
			b++;
		while (domain_char(*e))
			e++;
		while (e > at + 1 && (e[-1] == '.' || e[-1] == '-'))
			e--;
		if (b == at || (size_t)(e - b) > EMAIL_ADDR_MAX_LEN)
			continue;
		dot = memrchr(at + 1, '.', e - (at + 1));
		if (dot == NULL || dot == at + 1)
			continue;
		for (const char *p = dot + 1; p < e; p++)
			tld = g_ascii_isalpha(*p) ? tld + 1 : 0;
		if (tld < 2 || tld != (size_t)(e - dot - 1))
			continue;
		if (end_r != NULL)
			*end_r = e;
		return (g_strndup(b, e - b));
	}
	return (NULL);
}

/* "com", "com.vn", "co.uk": labels of two or three letters only. */
static bool
short_suffix(const char *s)
{
	size_t	n = 0;

	if (*s == '\0')
		return (false);
	for (; ; s++) {
		if (*s == '.' || *s == '\0') {
			if (n < 2 || n > 3)
				return (false);
			if (*s == '\0')
				return (true);
			n = 0;
		} else if (g_ascii_isalpha(*s))
			n++;
		else
			return (false);
	}
}

bool
email_addr_public(const char *addr)
{
	const char	*at;
	char		*dom;
	bool		 hit = false;

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL ||
	    strlen(at + 1) > EMAIL_ADDR_MAX_LEN)
		return (false);
	dom = g_ascii_strdown(at + 1, -1);
	for (size_t i = 0; domains[i] != NULL && !hit; i++)
		hit = strcmp(dom, domains[i]) == 0;
	for (size_t i = 0; brands[i] != NULL && !hit; i++) {
		size_t n = strlen(brands[i]);

		hit = strncmp(dom, brands[i], n) == 0 && dom[n] == '.' &&
		    short_suffix(dom + n + 1);
	}
	g_free(dom);
	return (hit);
}
