/* fuzz-xml.c: libFuzzer harness for safe XML: the tree parser, then the
 * streaming reader stepped to the end with its accessors, as xlsx does. */
#include "parsers/safe-xml.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A shallow cap for the reader, so its depth check is reached. */
	const struct parse_limits shallow = { .max_xml_depth = 16 };
	xmlTextReaderPtr	 r;
	const char		*why;

	xmlFreeDoc(safe_xml_parse(data, size, NULL, &why));
	r = safe_xml_reader(data, size, &shallow);
	while (r != NULL && safe_xml_reader_read(r, &why) == 1) {
		(void)xmlTextReaderNodeType(r);
		(void)xmlTextReaderConstLocalName(r);
		(void)xmlTextReaderConstNamespaceUri(r);
		(void)xmlTextReaderConstValue(r);
		while (xmlTextReaderMoveToNextAttribute(r) == 1)
			(void)xmlTextReaderConstValue(r);
		(void)xmlTextReaderMoveToElement(r);
	}
	safe_xml_reader_free(r);
	return (0);
}
