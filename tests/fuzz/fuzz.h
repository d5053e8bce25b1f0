/* fuzz.h: what every harness exports, and the packing helper the package
 * harnesses share. Test code only: never linked into hotrocks. */
#ifndef HOTROCKS_FUZZ_H
#define HOTROCKS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The default limits, but one input may inflate only a few MiB, so no
 * single execution spends seconds in zlib; the limit logic is the same at
 * any size, and the unit suites test the real defaults. */
#define FUZZ_MAX_ENTRY_SIZE	((size_t)1 << 20)
#define FUZZ_MAX_TOTAL_SIZE	((size_t)4 << 20)

/* The libFuzzer entry point; replay.c calls the same function. */
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The bytes a package harness opens (g_free; length in *len_r). Input that
 * starts "PK" is a ZIP and is copied as it is. Anything else is a list of
 * parts, "name\0content\0name\0content...", packed into a stored ZIP with
 * correct CRCs, so the fuzzer can change the XML inside a package without
 * first having to learn deflate and CRC-32. At most FUZZ_PACK_PARTS parts.
 */
#define FUZZ_PACK_PARTS	32
unsigned char	*fuzz_package_bytes(const uint8_t *, size_t, size_t *len_r);

#endif
