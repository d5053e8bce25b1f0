/* bytes.h: little-endian integers read from bytes, for the binary
 * formats (ZIP, compound files, BIFF). The caller has checked that the
 * bytes are there; these never look past p + 2, 4 or 8. */
#ifndef HOTROCKS_BYTES_H
#define HOTROCKS_BYTES_H

#include <stdint.h>

static inline uint16_t
bytes_le16(const unsigned char *p)
{
	return ((uint16_t)(p[0] | p[1] << 8));
}

static inline uint32_t
bytes_le32(const unsigned char *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

static inline uint64_t
bytes_le64(const unsigned char *p)
{
	return ((uint64_t)bytes_le32(p) | (uint64_t)bytes_le32(p + 4) << 32);
}

#endif
