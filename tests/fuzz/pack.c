/* pack.c: parts to a stored ZIP for the package harnesses (see fuzz.h).
 * It writes what a valid archive needs and nothing else; never a file. */
#include <string.h>

#include <glib.h>

#include "tests/fuzz/fuzz.h"

static uint32_t	crc32_of(const uint8_t *, size_t);
static void	put16(GByteArray *, unsigned int);
static void	put32(GByteArray *, uint32_t);

/* Bitwise CRC-32 (ZIP's polynomial): slow, but parts are small. */
static uint32_t
crc32_of(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffU;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return (~crc);
}

static void
put16(GByteArray *b, unsigned int v)
{
	uint8_t x[2] = { v & 0xff, (v >> 8) & 0xff };

	g_byte_array_append(b, x, sizeof(x));
}

static void
put32(GByteArray *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

unsigned char *
fuzz_package_bytes(const uint8_t *data, size_t size, size_t *len_r)
{
	GByteArray	*zip, *cd;
	const uint8_t	*p = data, *end = data + size;
	size_t		 n = 0;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		*len_r = size;
		return (g_memdup2(data, size ? size : 1));
	}
	zip = g_byte_array_new();
	cd = g_byte_array_new();
	while (p < end && n < FUZZ_PACK_PARTS) {
		const uint8_t	*name = p, *body, *q;
		size_t		 nlen, blen;
		uint32_t	 crc, off = zip->len;

		q = memchr(p, '\0', end - p);
		nlen = (q ? q : end) - name;
		body = q ? q + 1 : end;
		q = memchr(body, '\0', end - body);
		blen = (q ? q : end) - body;
		p = q ? q + 1 : end;
		if (nlen > 0xffff)
			nlen = 0xffff;
		crc = crc32_of(body, blen);
		/* Local header: version 2.0, UTF-8 names, stored, 1980-01-01. */
		put32(zip, 0x04034b50);
		put16(zip, 20);
		put16(zip, 0x0800);
		put16(zip, 0);
		put16(zip, 0);
		put16(zip, 0x21);
		put32(zip, crc);
		put32(zip, blen);
		put32(zip, blen);
		put16(zip, nlen);
		put16(zip, 0);
		g_byte_array_append(zip, name, nlen);
		g_byte_array_append(zip, body, blen);
		put32(cd, 0x02014b50);
		put16(cd, 20);
		put16(cd, 20);
		put16(cd, 0x0800);
		put16(cd, 0);
		put16(cd, 0);
		put16(cd, 0x21);
		put32(cd, crc);
		put32(cd, blen);
		put32(cd, blen);
		put16(cd, nlen);
		put16(cd, 0);
		put16(cd, 0);
		put16(cd, 0);
		put16(cd, 0);
		put32(cd, 0);
		put32(cd, off);
		g_byte_array_append(cd, name, nlen);
		n++;
	}
	{
		uint32_t cd_off = zip->len;

		g_byte_array_append(zip, cd->data, cd->len);
		put32(zip, 0x06054b50);
		put16(zip, 0);
		put16(zip, 0);
		put16(zip, n);
		put16(zip, n);
		put32(zip, cd->len);
		put32(zip, cd_off);
		put16(zip, 0);
	}
	g_byte_array_free(cd, TRUE);
	*len_r = zip->len;
	return (g_byte_array_free(zip, FALSE));
}
