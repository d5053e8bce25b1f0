/* sha256.c: SHA-256 as hex, by OpenSSL's one-shot digest. */
#include <stdlib.h>

#include <glib.h>
#include <openssl/evp.h>

#include "lib/sha256.h"

void
sha256_hex_to(const void *data, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0;

	/* Fails only without memory or without SHA-256 in libcrypto:
	 * no digest is better than a wrong one. */
	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		g_error("SHA-256 is not available from OpenSSL");
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
}

char *
sha256_hex(const void *data, size_t len)
{
	char *hex = g_malloc(65);

	sha256_hex_to(data, len, hex);
	return (hex);
}
