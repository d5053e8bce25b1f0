/* safe-xml.c: libxml2 set up for hostile OOXML parts. A DOCTYPE stops the
 * parse before its internal subset is read, so no entity is ever declared,
 * let alone expanded; nothing here may print or load anything. */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "parsers/safe-xml.h"

/* NOCDATA: readers see CDATA as plain text. Never NOENT, DTDLOAD, HUGE. */
#define SAFE_XML_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
				 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)
/* How much the prolog check feeds libxml2 at a time. */
#define SAFE_XML_CHUNK		4096

struct sx_parse {
	size_t		 depth, max_depth;
	const char	*why;
};

struct sx_prolog {
	xmlParserCtxtPtr ctxt;
	bool		 doctype, root;
};

struct sx_reader {
	size_t		 max_depth;
};

static void	sx_silent(void *, xmlErrorPtr);
static void	sx_doctype(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	sx_start(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **, int, int,
		    const xmlChar **);
static void	sx_end(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	sx_prolog_doctype(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static void	sx_prolog_root(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *, int, const xmlChar **, int, int,
		    const xmlChar **);
static bool	sx_prolog_has_doctype(const unsigned char *, size_t);

static void
sx_silent(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

static void
sx_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct sx_parse		*st = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	if (st->why == NULL)
		st->why = "XML has a DOCTYPE";
	xmlStopParser(ctxt);
}

static void
sx_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attr)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct sx_parse		*st = ctxt->_private;

	if (++st->depth > st->max_depth) {
		if (st->why == NULL)
			st->why = "XML nests elements deeper than the limit";
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nns, ns, nattr,
	    ndefaulted, attr);
}

static void
sx_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct sx_parse		*st = ctxt->_private;

	st->depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

xmlDocPtr
safe_xml_parse(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct parse_limits	 lim = limits_resolve(limits);
	struct sx_parse		 st = { 0, lim.max_xml_depth, NULL };
	xmlParserCtxtPtr	 ctxt = NULL;
	xmlDocPtr		 doc = NULL;

	if (len == 0) {
		st.why = "XML document is empty";
		goto out;
	}
	if (len > INT_MAX) {
		st.why = "XML document is too large";
		goto out;
	}
	ctxt = xmlCreateMemoryParserCtxt((const char *)data, (int)len);
	if (ctxt == NULL) {
		st.why = "XML parser cannot start";
		goto out;
	}
	xmlCtxtUseOptions(ctxt, SAFE_XML_OPTIONS);
	ctxt->_private = &st;
	ctxt->sax->serror = sx_silent;
	ctxt->sax->internalSubset = sx_doctype;
	ctxt->sax->startElementNs = sx_start;
	ctxt->sax->endElementNs = sx_end;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (st.why == NULL && (!ctxt->wellFormed || doc == NULL ||
	    ctxt->errNo != XML_ERR_OK))
		st.why = "XML is not well-formed";
	if (st.why != NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
out:
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	if (why_r != NULL)
		*why_r = st.why;
	return (doc);
}

static void
sx_prolog_doctype(void *arg, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	struct sx_prolog *p = arg;

	(void)name;
	(void)eid;
	(void)sid;
	p->doctype = true;
	xmlStopParser(p->ctxt);
}

static void
sx_prolog_root(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attr)
{
	struct sx_prolog *p = arg;

	(void)localname;
	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)nattr;
	(void)ndefaulted;
	(void)attr;
	p->root = true;
	xmlStopParser(p->ctxt);
}

/*
 * The reader's own parser cannot be hooked, so the prolog is parsed first
 * by a tree-less push parser that stops at the DOCTYPE or the root tag:
 * libxml2 does the encoding detection, and nothing past the root's start
 * is read twice.
 */
static bool
sx_prolog_has_doctype(const unsigned char *data, size_t len)
{
	xmlSAXHandler	 sax;
	struct sx_prolog p = { NULL, false, false };
	size_t		 off = 0;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.internalSubset = sx_prolog_doctype;
	sax.startElementNs = sx_prolog_root;
	sax.serror = sx_silent;
	p.ctxt = xmlCreatePushParserCtxt(&sax, &p, NULL, 0, NULL);
	if (p.ctxt == NULL)
		return (true);
	xmlCtxtUseOptions(p.ctxt, SAFE_XML_OPTIONS);
	while (off < len && !p.doctype && !p.root) {
		size_t	n = len - off < SAFE_XML_CHUNK ? len - off :
			    SAFE_XML_CHUNK;

		if (xmlParseChunk(p.ctxt, (const char *)data + off, (int)n,
		    off + n == len) != 0 && !p.doctype && !p.root)
			break;
		off += n;
	}
	xmlFreeParserCtxt(p.ctxt);
	return (p.doctype);
}

xmlTextReaderPtr
safe_xml_reader(const unsigned char *data, size_t len,
    const struct parse_limits *limits)
{
	struct parse_limits	 lim = limits_resolve(limits);
	struct sx_reader	*st;
	xmlTextReaderPtr	 r;

	if (len == 0 || len > INT_MAX || sx_prolog_has_doctype(data, len))
		return (NULL);
	r = xmlReaderForMemory((const char *)data, (int)len, NULL, NULL,
	    SAFE_XML_OPTIONS);
	if (r == NULL)
		return (NULL);
	st = g_new0(struct sx_reader, 1);
	st->max_depth = lim.max_xml_depth;
	/* The handler's argument is where the reader keeps our state. */
	xmlTextReaderSetStructuredErrorHandler(r, sx_silent, st);
	return (r);
}

static struct sx_reader *
sx_reader_state(xmlTextReaderPtr r)
{
	xmlTextReaderErrorFunc	 f;
	void			*arg = NULL;

	xmlTextReaderGetErrorHandler(r, &f, &arg);
	return (arg);
}

int
safe_xml_reader_read(xmlTextReaderPtr r, const char **why_r)
{
	struct sx_reader	*st = sx_reader_state(r);
	int			 rc, depth;

	*why_r = NULL;
	rc = xmlTextReaderRead(r);
	if (rc == 0)
		return (0);
	if (rc < 0) {
		*why_r = "XML is not well-formed";
		return (-1);
	}
	switch (xmlTextReaderNodeType(r)) {
	case XML_READER_TYPE_DOCUMENT_TYPE:
		*why_r = "XML has a DOCTYPE";
		return (-1);
	case XML_READER_TYPE_ELEMENT:
		depth = xmlTextReaderDepth(r);
		if (depth < 0 || (size_t)depth + 1 > st->max_depth) {
			*why_r = "XML nests elements deeper than the limit";
			return (-1);
		}
		break;
	default:
		break;
	}
	return (1);
}

void
safe_xml_reader_free(xmlTextReaderPtr r)
{
	if (r == NULL)
		return;
	g_free(sx_reader_state(r));
	xmlFreeTextReader(r);
}
