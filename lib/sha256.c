/* sha256.c: SHA-256 as hex, by Nettle (GnuTLS's, which libetpan loads
 * already): its code uses the CPU's SHA extensions where there are any,
 * and it starts with nothing to set up. OpenSSL's EVP was as fast but
 * its providers' start cost 2 MiB of every process's peak. */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <nettle/sha2.h>

#include "lib/sha256.h"

static void
hex_of(struct sha256_ctx *ctx, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t			 md[SHA256_DIGEST_SIZE];

	sha256_digest(ctx, sizeof(md), md);
	for (size_t i = 0; i < sizeof(md); i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[64] = '\0';
}

void
sha256_hex_to(const void *data, size_t len, char hex[65])
{
	struct sha256_ctx	 ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	hex_of(&ctx, hex);
}

char *
sha256_hex_crlf(const void *data, size_t len)
{
	const uint8_t		*p = data, *end = p + len, *run = p, *lf;
	struct sha256_ctx	 ctx;
	char			*hex = g_malloc(65);

	sha256_init(&ctx);
	while ((lf = memchr(run, '\n', (size_t)(end - run))) != NULL) {
		if (lf > p && lf[-1] == '\r')
			sha256_update(&ctx, (size_t)(lf + 1 - run), run);
		else {
			sha256_update(&ctx, (size_t)(lf - run), run);
			sha256_update(&ctx, 2, (const uint8_t *)"\r\n");
		}
		run = lf + 1;
	}
	sha256_update(&ctx, (size_t)(end - run), run);
	hex_of(&ctx, hex);
	return (hex);
}

char *
sha256_hex(const void *data, size_t len)
{
	char *hex = g_malloc(65);

	sha256_hex_to(data, len, hex);
	return (hex);
}
