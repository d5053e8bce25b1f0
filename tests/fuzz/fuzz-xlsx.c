/* fuzz-xlsx.c: libFuzzer harness for an Excel workbook from package to
 * recognised form: package_open, xlsx_read, form_read. */
#include <glib.h>

#include "parsers/form.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct parse_limits lim = { .max_entry_size =
	    FUZZ_MAX_ENTRY_SIZE, .max_total_size = FUZZ_MAX_TOTAL_SIZE };
	struct package	*pkg;
	struct docbody	*body;
	unsigned char	*zip;
	size_t		 len;
	const char	*why;

	zip = fuzz_package_bytes(data, size, &len);
	if ((pkg = package_open(zip, len, &lim, &why)) != NULL &&
	    xlsx_read(pkg, &lim, &body, &why) == 0) {
		form_free(form_read(body));
		docbody_free(body);
	}
	package_free(pkg);
	g_free(zip);
	return (0);
}
