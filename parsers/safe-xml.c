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
static void	sx_hush(void);
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

/* libxml2 reports some errors (a failed charset conversion) with no
 * parser context, straight to its global handlers: silence those too,
 * since a parser never prints. */
static void
sx_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
sx_hush(void)
{
	xmlSetGenericErrorFunc(NULL, sx_generic);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

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

	sx_hush();

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

	sx_hush();

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

struct safe_sax {
	xmlParserCtxtPtr	 ctxt;
	struct safe_sax_handler	 h;
	void			*arg;
	size_t			 depth, max_depth;
	bool			 started;
	const char		*why;
	GArray			*attrs;		/* of const xmlChar *, for
						 * attributes undone below */
	GString			*vals;
};

static void
sax_stop(struct safe_sax *sx, const char *why)
{
	if (sx->why == NULL)
		sx->why = why;
	xmlStopParser(sx->ctxt);
}

/* Any error, recoverable or not, ends the parse: a half-understood part
 * is never read on. Warnings are let go. */
static void
sax_error(void *arg, xmlErrorPtr e)
{
	struct safe_sax *sx = arg;

	if (e != NULL && e->level >= XML_ERR_ERROR)
		sax_stop(sx, "XML is not well-formed");
}

static void
sax_doctype(void *arg, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	sax_stop(arg, "XML has a DOCTYPE");
}

/*
 * Without entity substitution libxml2 hands on the '&' of "&amp;" or
 * "&#38;" in an attribute as "&#38;", for a tree builder to parse again;
 * it writes a '&' no other way, so every "&#38;" is undone here. Returns
 * attrs itself when no value has a '&', as is usual.
 */
static const xmlChar **
sax_attrs(struct safe_sax *sx, int nattr, const xmlChar **attrs)
{
	const xmlChar	**out;
	size_t		 *ends;
	int		  i;

	for (i = 0; i < nattr; i++)
		if (memchr(attrs[5 * i + 3], '&', attrs[5 * i + 4] -
		    attrs[5 * i + 3]) != NULL)
			break;
	if (i == nattr)
		return (attrs);
	g_array_set_size(sx->attrs, 5 * (size_t)nattr);
	out = (const xmlChar **)(void *)sx->attrs->data;
	memcpy(out, attrs, 5 * (size_t)nattr * sizeof(*out));
	g_string_truncate(sx->vals, 0);
	/* Offsets first: vals may move while it grows. */
	ends = g_new(size_t, nattr);
	for (i = 0; i < nattr; i++) {
		const char *p = (const char *)attrs[5 * i + 3];
		const char *end = (const char *)attrs[5 * i + 4];

		while (p < end) {
			if (*p == '&' && end - p >= 5 &&
			    memcmp(p, "&#38;", 5) == 0) {
				g_string_append_c(sx->vals, '&');
				p += 5;
			} else
				g_string_append_c(sx->vals, *p++);
		}
		ends[i] = sx->vals->len;
	}
	for (i = 0; i < nattr; i++) {
		out[5 * i + 3] = (const xmlChar *)sx->vals->str +
		    (i > 0 ? ends[i - 1] : 0);
		out[5 * i + 4] = (const xmlChar *)sx->vals->str + ends[i];
	}
	g_free(ends);
	return (out);
}

static void
sax_start(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
    int ndefaulted, const xmlChar **attr)
{
	struct safe_sax	*sx = arg;
	const char	*why;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (sx->why != NULL)
		return;
	sx->started = true;
	if (++sx->depth > sx->max_depth) {
		sax_stop(sx, "XML nests elements deeper than the limit");
		return;
	}
	if (sx->h.start != NULL && (why = sx->h.start(sx->arg, localname, uri,
	    nattr, sax_attrs(sx, nattr, attr))) != NULL)
		sax_stop(sx, why);
}

static void
sax_end(void *arg, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct safe_sax	*sx = arg;
	const char	*why;

	(void)prefix;
	if (sx->why != NULL)
		return;
	sx->depth--;
	if (sx->h.end != NULL &&
	    (why = sx->h.end(sx->arg, localname, uri)) != NULL)
		sax_stop(sx, why);
}

static void
sax_text(void *arg, const xmlChar *s, int len)
{
	struct safe_sax	*sx = arg;
	const char	*why;

	if (sx->why != NULL || sx->h.text == NULL)
		return;
	if ((why = sx->h.text(sx->arg, s, len)) != NULL)
		sax_stop(sx, why);
}

struct safe_sax *
safe_sax_new(const struct safe_sax_handler *h, void *arg,
    const struct parse_limits *limits)
{
	struct parse_limits	 lim = limits_resolve(limits);
	struct safe_sax		*sx = g_new0(struct safe_sax, 1);
	xmlSAXHandler		 sax;

	sx_hush();

	sx->h = *h;
	sx->arg = arg;
	sx->attrs = g_array_new(FALSE, FALSE, sizeof(const xmlChar *));
	sx->vals = g_string_new(NULL);
	sx->max_depth = lim.max_xml_depth;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.internalSubset = sax_doctype;
	sax.externalSubset = sax_doctype;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.cdataBlock = sax_text;
	sax.serror = sax_error;
	/* No bytes yet: libxml2 sniffs the encoding from the first push. */
	sx->ctxt = xmlCreatePushParserCtxt(&sax, sx, NULL, 0, NULL);
	if (sx->ctxt == NULL)
		sx->why = "XML parser cannot start";
	else
		xmlCtxtUseOptions(sx->ctxt, SAFE_XML_OPTIONS);
	return (sx);
}

int
safe_sax_push(struct safe_sax *sx, const void *data, size_t len, bool last,
    const char **why_r)
{
	const char	*p = data;

	do {
		int	n = len > INT_MAX / 2 ? INT_MAX / 2 : (int)len;
		int	rc;

		if (sx->why != NULL)
			break;
		rc = xmlParseChunk(sx->ctxt, p, n, last && (size_t)n == len);
		if (sx->why == NULL && rc != XML_ERR_OK)
			sx->why = "XML is not well-formed";
		p += n;
		len -= (size_t)n;
	} while (len > 0);
	if (sx->why == NULL && last && (!sx->ctxt->wellFormed ||
	    !sx->started))
		sx->why = "XML is not well-formed";
	*why_r = sx->why;
	return (sx->why != NULL ? -1 : 0);
}

bool
safe_sax_started(const struct safe_sax *sx)
{
	return (sx->started);
}

void
safe_sax_free(struct safe_sax *sx)
{
	if (sx == NULL)
		return;
	if (sx->ctxt != NULL)
		xmlFreeParserCtxt(sx->ctxt);
	g_array_free(sx->attrs, TRUE);
	g_string_free(sx->vals, TRUE);
	g_free(sx);
}
