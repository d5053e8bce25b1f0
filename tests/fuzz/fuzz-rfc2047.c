/* fuzz-rfc2047.c: libFuzzer harness for encoded-words in header text:
 * any bytes in, valid UTF-8 or NULL out, never a GLib CRITICAL. */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "parsers/rfc2047.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *r;

	/* A header value is a C string: the input up to its first NUL. */
	s = g_strndup((const char *)data, size);
	if ((r = rfc2047_decode(s)) != NULL) {
		/* abort, not g_error: its SIGTRAP would leave libFuzzer no
		 * chance to write the input out. */
		if (!g_utf8_validate(r, -1, NULL)) {
			fprintf(stderr, "rfc2047_decode: output is not UTF-8\n");
			abort();
		}
		g_free(r);
	}
	g_free(s);
	return (0);
}
