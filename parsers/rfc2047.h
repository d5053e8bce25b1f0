/* rfc2047.h: encoded-words ("=?utf-8?B?…?=") in header text, decoded.
 * Debian 12's GMime 3.2.13 drops everything after a B-word that ends in
 * '=' padding (GMime issue #133), which Outlook and Thunderbird write when
 * they split a long file name; this decoder is used where that bites. */
#ifndef HOTROCKS_RFC2047_H
#define HOTROCKS_RFC2047_H

/*
 * Decodes every encoded-word of s (B and Q, any charset iconv knows),
 * joining adjacent words of one charset at the byte level first, so a
 * UTF-8 character split across two words survives; white space between
 * encoded-words is dropped (RFC 2047 §6.2), other text is kept as is.
 * Returns UTF-8 to g_free (invalid bytes replaced), or NULL when s holds
 * no encoded-word or is NULL.
 */
char	*rfc2047_decode(const char *s);

#endif
