/* safe-xml.h: libxml2 for untrusted OOXML parts: from memory only, no DTD,
 * no entities, no network, bounded nesting, and never a word on stderr.
 * A document with a DOCTYPE is refused outright: OOXML never has one. */
#ifndef HOTROCKS_SAFE_XML_H
#define HOTROCKS_SAFE_XML_H

#include <stdbool.h>
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

/*
 * What a push parser tells its reader, who owns nothing it is handed.
 * Names are local names; uri is the namespace URI or NULL. attrs holds
 * nattr groups of five: local name, prefix, URI, value, value end (values
 * are not NUL-terminated; entities and character references are already
 * replaced). Text comes in pieces of any size, CDATA included, and is not
 * NUL-terminated. Each member may be NULL; each returns NULL to go on, or
 * a reason (which must outlive the parser) to stop it.
 */
struct safe_sax_handler {
	const char	*(*start)(void *arg, const xmlChar *name,
			    const xmlChar *uri, int nattr,
			    const xmlChar **attrs);
	const char	*(*end)(void *arg, const xmlChar *name,
			    const xmlChar *uri);
	const char	*(*text)(void *arg, const xmlChar *s, int len);
};

struct safe_sax;

/*
 * A SAX push parser that builds nothing: it passes elements and text to h
 * (copied) with arg as they arrive, so memory stays that of one chunk and
 * the reader's own state, however long the document.
 */
struct safe_sax	*safe_sax_new(const struct safe_sax_handler *h, void *arg,
		    const struct parse_limits *limits);
/*
 * Feeds the next len bytes (len may be 0); last says they end the
 * document. Returns 0, or -1 with a reason: the handler's own, or a static
 * one when the document is empty or not well-formed, has a DOCTYPE, or
 * nests elements deeper than max_xml_depth. After -1 every push fails
 * again with the same reason.
 */
int		 safe_sax_push(struct safe_sax *, const void *data, size_t len,
		    bool last, const char **why_r);
/* True once the root element has started: an error before it means the
 * bytes were never a document at all. */
bool		 safe_sax_started(const struct safe_sax *);
/* Frees the parser; takes NULL. */
void		 safe_sax_free(struct safe_sax *);

#endif
