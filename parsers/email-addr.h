/* email-addr.h: e-mail addresses as forms write them, and whether one is
 * on a free-mail service rather than a state body's own domain. Pure: it
 * never asks DNS; the free-mail list is built in (see email-addr.c). */
#ifndef HOTROCKS_EMAIL_ADDR_H
#define HOTROCKS_EMAIL_ADDR_H

#include <stdbool.h>

/* Longest address taken (RFC 5321 §4.5.3.1.3). */
#define EMAIL_ADDR_MAX_LEN	254

/*
 * The first address in text ("Email: a.b@quangngai.dcs.vn." gives
 * "a.b@quangngai.dcs.vn"), or NULL (g_free). An address is a local part
 * of letters, digits and ._%+-, an '@', and a dotted domain whose last
 * label has two letters or more. *end_r (may be NULL) is set just past
 * it, so a caller can look for the next one.
 */
char	*email_addr_find(const char *text, const char **end_r);

/*
 * True when addr's domain is a free-mail service (gmail, yahoo, hotmail,
 * outlook and the like), which the letter 1871-CV/VPTU §2 forbids for a
 * subscriber. False for NULL and for anything without an '@'.
 */
bool	 email_addr_public(const char *addr);

#endif
