/* fuzz-pdf.c: libFuzzer harness for the PDF signature reader: bytes fed to
 * pdf_sig_verify at a fixed time with an empty trust store, so every field,
 * ByteRange, revision comparison and CMS blob is parsed and judged. */
#include <glib.h>
#include <openssl/x509.h>

#include "parsers/pdf-sig.h"
#include "tests/fuzz/fuzz.h"

#define FUZZ_RECEIPT	1714636800	/* 2024-05-02T08:00:00Z */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* small limits: the logic is the same at any size */
	const struct parse_limits lim = { .max_pdf_objects = 2000,
	    .max_pdf_stream = (size_t)1 << 20,
	    .max_pdf_inflated = (size_t)4 << 20 };
	static STACK_OF(X509)	*none;
	struct sig_trust	 tr;
	struct sig_result	*res = NULL;
	size_t			 n = 0;
	const char		*why;

	if (none == NULL)
		none = sk_X509_new_null();
	tr = (struct sig_trust){ .anchors = none, .receipt = FUZZ_RECEIPT };
	if (pdf_sig_verify(data, size, &tr, &lim, &res, &n, &why) == 0) {
		(void)ooxml_sig_summary(res, n);
		ooxml_sig_results_free(res, n);
	}
	return (0);
}
