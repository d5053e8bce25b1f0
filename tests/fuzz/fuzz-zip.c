/* fuzz-zip.c: libFuzzer harness for the OPC package reader: open, then
 * read every entry, its content type and relationships, and the main part. */
#include <glib.h>

#include "parsers/package.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct parse_limits lim = { .max_entry_size =
	    FUZZ_MAX_ENTRY_SIZE, .max_total_size = FUZZ_MAX_TOTAL_SIZE };
	struct package		*pkg;
	struct package_rel	*rels;
	unsigned char		*zip, *part;
	size_t			 len, n;
	const char		*why;

	zip = fuzz_package_bytes(data, size, &len);
	if ((pkg = package_open(zip, len, &lim, &why)) == NULL)
		goto out;
	for (size_t i = 0; i < package_count(pkg); i++) {
		const char *name = package_name(pkg, i);

		if (package_has(pkg, name) &&
		    package_read(pkg, name, &part, &len, &why) == 0)
			g_free(part);
		g_free(package_content_type(pkg, name));
		if (package_rels(pkg, name, &rels, &n, &why) == 0)
			package_rels_free(rels, n);
	}
	if (package_rels(pkg, "", &rels, &n, &why) == 0)
		package_rels_free(rels, n);
	g_free(package_main_part(pkg));
out:
	package_free(pkg);
	g_free(zip);
	return (0);
}
