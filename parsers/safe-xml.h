/* safe-xml.h: libxml2 for untrusted OOXML parts: from memory only, no DTD,
 * no entities, no network, bounded nesting, and never a word on stderr.
 * A document with a DOCTYPE is refused outright: OOXML never has one. */
#ifndef HOTROCKS_SAFE_XML_H
#define HOTROCKS_SAFE_XML_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "parsers/limits.h"

/*
 * Parses data[0..len) into a tree (free with xmlFreeDoc); data is not
 * kept. NULL with a static reason when the document is not well-formed,
 * has a DOCTYPE, nests elements deeper than max_xml_depth, or is larger
 * than libxml2 takes (INT_MAX). libxml2's own cap of 256 levels (we never
 * pass XML_PARSE_HUGE) also holds, so a max_xml_depth above it is moot.
 */
xmlDocPtr	 safe_xml_parse(const unsigned char *data, size_t len,
		    const struct parse_limits *limits, const char **why_r);

/*
 * A streaming reader over data[0..len), which must stay alive and
 * unchanged until safe_xml_reader_free. NULL when the document has a
 * DOCTYPE or cannot be started. Step it with safe_xml_reader_read, not
 * xmlTextReaderRead, so nesting and errors are checked at every node;
 * the xmlTextReader accessors (xmlTextReaderNodeType, ...LocalName,
 * ...ConstValue) may be used between steps.
 */
xmlTextReaderPtr safe_xml_reader(const unsigned char *data, size_t len,
		    const struct parse_limits *limits);
/* 1 at the next node, 0 at the end of the document, -1 with a static
 * reason when the document is malformed, nests too deep or has a DOCTYPE;
 * after -1 the reader is only good for freeing. */
int		 safe_xml_reader_read(xmlTextReaderPtr, const char **why_r);
/* Frees the reader and its state; takes NULL. Never xmlFreeTextReader. */
void		 safe_xml_reader_free(xmlTextReaderPtr);

#endif
