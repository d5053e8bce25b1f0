/* fuzz-sig.c: libFuzzer harness for the OOXML signature reader: a package
 * fed to ooxml_sig_verify at a fixed time with an empty trust store, so
 * every reference, transform and certificate is parsed and judged. */
#include <glib.h>
#include <openssl/x509.h>

#include "parsers/ooxml-sig.h"
#include "parsers/package.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_RECEIPT	1714636800	/* 2024-05-02T08:00:00Z */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct parse_limits lim = { .max_entry_size =
	    FUZZ_MAX_ENTRY_SIZE, .max_total_size = FUZZ_MAX_TOTAL_SIZE };
	static STACK_OF(X509)	*none;
	struct sig_trust	 tr;
	struct sig_result	*res = NULL;
	struct package		*pkg;
	unsigned char		*zip;
	size_t			 len, n = 0;
	const char		*why;

	if (none == NULL)
		none = sk_X509_new_null();
	tr = (struct sig_trust){ .anchors = none, .receipt = FUZZ_RECEIPT };
	zip = fuzz_package_bytes(data, size, &len);
	if ((pkg = package_open(zip, len, &lim, &why)) != NULL &&
	    ooxml_sig_verify(pkg, &tr, &res, &n, &why) == 0) {
		(void)ooxml_sig_summary(res, n);
		ooxml_sig_results_free(res, n);
	}
	package_free(pkg);
	g_free(zip);
	return (0);
}
