/* fuzz-xls.c: libFuzzer harness for a legacy Excel workbook from bytes to
 * recognised form: xls_read (compound file + BIFF8), form_read. */
#include <glib.h>

#include "parsers/form.h"
#include "parsers/xls.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct docbody	*body;
	const char	*why;

	if (xls_read(data, size, NULL, &body, &why) == 0) {
		form_free(form_read(body));
		docbody_free(body);
	}
	return (0);
}
