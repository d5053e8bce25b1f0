/* check-safe-xml.c: the XML front door: XXE, billion laughs, DOCTYPEs in
 * any encoding, nesting limits, and silence on stderr. */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "parsers/safe-xml.h"

static const char xxe[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
    "<r>&x;</r>";

static const char xxe_external_dtd[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\">\n"
    "<r>text</r>";

static const char laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;"
    "&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;"
    "&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;"
    "&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;"
    "&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;"
    "&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;"
    "&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;"
    "&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;"
    "&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<lolz>&lol9;</lolz>";

static xmlDocPtr
parse(const char *s, const struct parse_limits *l, const char **why)
{
	return (safe_xml_parse((const unsigned char *)s, strlen(s), l, why));
}

/* Reads s to the end with the streaming reader: 0, or -1 with a reason;
 * -2 when the reader would not even start. */
static int
stream(const char *s, size_t len, const struct parse_limits *l,
    const char **why, int *elements)
{
	xmlTextReaderPtr r = safe_xml_reader((const unsigned char *)s, len, l);
	int		 rc, n = 0;

	*why = NULL;
	if (r == NULL)
		return (-2);
	while ((rc = safe_xml_reader_read(r, why)) == 1)
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
			n++;
	safe_xml_reader_free(r);
	if (elements != NULL)
		*elements = n;
	return (rc);
}

/* What a SAX test handler saw. */
struct seen {
	int		 elements, ends, stop_at;
	GString		*text, *attrs;
};

static const char *
seen_start(void *arg, const xmlChar *name, const xmlChar *uri, int nattr,
    const xmlChar **attrs)
{
	struct seen *sn = arg;

	g_string_append_printf(sn->attrs, "<%s%s%s", uri ? (char *)uri : "",
	    uri ? ":" : "", (char *)name);
	for (int i = 0; i < nattr; i++)
		g_string_append_printf(sn->attrs, " %s=%.*s",
		    (char *)attrs[5 * i], (int)(attrs[5 * i + 4] -
		    attrs[5 * i + 3]), (char *)attrs[5 * i + 3]);
	g_string_append_c(sn->attrs, '>');
	if (++sn->elements == sn->stop_at)
		return ("enough");
	return (NULL);
}

static const char *
seen_end(void *arg, const xmlChar *name, const xmlChar *uri)
{
	struct seen *sn = arg;

	(void)name;
	(void)uri;
	sn->ends++;
	return (NULL);
}

static const char *
seen_text(void *arg, const xmlChar *s, int len)
{
	struct seen *sn = arg;

	g_string_append_len(sn->text, (const char *)s, len);
	return (NULL);
}

static const struct safe_sax_handler seen_handler = { seen_start, seen_end,
	seen_text };

/* Pushes s (len bytes) piece bytes at a time: 0, or -1 with a reason;
 * *started_r says whether the root was reached. */
static int
sax(const char *s, size_t len, size_t piece, const struct parse_limits *l,
    struct seen *sn, const char **why, bool *started_r)
{
	struct safe_sax	*sx = safe_sax_new(&seen_handler, sn, l);
	size_t		 off = 0;
	int		 rc = 0;
	const char	*again;

	*why = NULL;
	do {
		size_t n = len - off < piece ? len - off : piece;

		rc = safe_sax_push(sx, s + off, n, off + n == len, why);
		off += n;
	} while (rc == 0 && off < len);
	if (rc == -1) {
		ck_assert_ptr_nonnull(*why);
		ck_assert_int_eq(safe_sax_push(sx, "<x/>", 4, true, &again),
		    -1);
		ck_assert_str_eq(again, *why);
	}
	if (started_r != NULL)
		*started_r = safe_sax_started(sx);
	safe_sax_free(sx);
	return (rc);
}

/* sax() with a fresh record, for tests that only want the verdict. */
static int
sax_verdict(const char *s, size_t len, const struct parse_limits *l,
    const char **why, bool *started_r)
{
	struct seen	sn = { 0, 0, 0, g_string_new(NULL),
	    g_string_new(NULL) };
	int		rc = sax(s, len, 4096, l, &sn, why, started_r);

	g_string_free(sn.text, TRUE);
	g_string_free(sn.attrs, TRUE);
	return (rc);
}

/* depth elements nested, with a word of text at the bottom. */
static char *
nested(size_t depth)
{
	GString *s = g_string_new("<?xml version=\"1.0\"?>");

	for (size_t i = 0; i < depth; i++)
		g_string_append(s, "<e>");
	g_string_append(s, "deep");
	for (size_t i = 0; i < depth; i++)
		g_string_append(s, "</e>");
	return (g_string_free(s, FALSE));
}

START_TEST(safe_xml_parses_plain_document)
{
	const char	*s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<w:document xmlns:w=\"urn:w\"><w:t>a &amp; b &#x1EC7;</w:t>"
	    "<![CDATA[<raw>]]></w:document>";
	const char	*why = "unset";
	xmlDocPtr	 doc = parse(s, NULL, &why);
	xmlChar		*text;
	int		 n;

	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_null(why);
	text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((char *)text, "a & b \xe1\xbb\x87<raw>");
	xmlFree(text);
	xmlFreeDoc(doc);
	ck_assert_int_eq(stream(s, strlen(s), NULL, &why, &n), 0);
	ck_assert_int_eq(n, 2);
}
END_TEST

START_TEST(safe_xml_xxe_file_entity_refused)
{
	const char	*why = NULL;
	xmlDocPtr	 doc = parse(xxe, NULL, &why);

	ck_assert_ptr_null(doc);
	ck_assert_str_eq(why, "XML has a DOCTYPE");
	ck_assert_int_eq(stream(xxe, strlen(xxe), NULL, &why, NULL), -2);
}
END_TEST

START_TEST(safe_xml_external_dtd_refused)
{
	const char *why = NULL;

	ck_assert_ptr_null(parse(xxe_external_dtd, NULL, &why));
	ck_assert_str_eq(why, "XML has a DOCTYPE");
	ck_assert_int_eq(stream(xxe_external_dtd, strlen(xxe_external_dtd),
	    NULL, &why, NULL), -2);
}
END_TEST

START_TEST(safe_xml_billion_laughs_fails_fast)
{
	const char	*why = NULL;

	ck_assert_ptr_null(parse(laughs, NULL, &why));
	ck_assert_str_eq(why, "XML has a DOCTYPE");
	ck_assert_int_eq(stream(laughs, strlen(laughs), NULL, &why, NULL), -2);
}
END_TEST

/* UTF-16 hides "<!DOCTYPE" from a byte search; libxml2 still sees it. */
START_TEST(safe_xml_utf16_doctype_refused)
{
	const char	*src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<r>&x;</r>";
	size_t		 n = strlen(src), len = 2 + 2 * n;
	char		*u = g_malloc(len);
	const char	*why = NULL;

	u[0] = (char)0xff;
	u[1] = (char)0xfe;
	for (size_t i = 0; i < n; i++) {
		u[2 + 2 * i] = src[i];
		u[3 + 2 * i] = 0;
	}
	ck_assert_ptr_null(safe_xml_parse((unsigned char *)u, len, NULL, &why));
	ck_assert_str_eq(why, "XML has a DOCTYPE");
	ck_assert_int_eq(stream(u, len, NULL, &why, NULL), -2);
	g_free(u);
}
END_TEST

START_TEST(safe_xml_undeclared_entity_is_malformed)
{
	const char	*s = "<r>&x;</r>";
	const char	*why = NULL;

	ck_assert_ptr_null(parse(s, NULL, &why));
	ck_assert_str_eq(why, "XML is not well-formed");
	ck_assert_int_eq(stream(s, strlen(s), NULL, &why, NULL), -1);
	ck_assert_str_eq(why, "XML is not well-formed");
}
END_TEST

START_TEST(safe_xml_malformed_and_empty)
{
	const char	*bad[] = { "<a><b></a>", "<a>", "not xml", "<a/><b/>",
	    "\xff\xfe\xfd", NULL };
	const char	*why;

	for (size_t i = 0; bad[i] != NULL; i++) {
		why = NULL;
		ck_assert_ptr_null(parse(bad[i], NULL, &why));
		ck_assert_ptr_nonnull(why);
		ck_assert_int_ne(stream(bad[i], strlen(bad[i]), NULL, &why,
		    NULL), 0);
	}
	ck_assert_ptr_null(safe_xml_parse(NULL, 0, NULL, &why));
	ck_assert_str_eq(why, "XML document is empty");
	ck_assert_ptr_null(safe_xml_reader(NULL, 0, NULL));
}
END_TEST

/* max_xml_depth 50: 49 and 50 levels parse, 51 do not. */
START_TEST(safe_xml_depth_limit)
{
	struct parse_limits	 l = { .max_xml_depth = 50 };
	size_t			 depth = 49 + (size_t)_i;
	char			*s = nested(depth);
	const char		*why = NULL;
	xmlDocPtr		 doc = parse(s, &l, &why);
	int			 rc, n = 0;

	rc = stream(s, strlen(s), &l, &why, &n);
	if (depth <= 50) {
		ck_assert_ptr_nonnull(doc);
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(n, (int)depth);
	} else {
		ck_assert_ptr_null(doc);
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(why,
		    "XML nests elements deeper than the limit");
		why = NULL;
		ck_assert_ptr_null(parse(s, &l, &why));
		ck_assert_str_eq(why,
		    "XML nests elements deeper than the limit");
	}
	xmlFreeDoc(doc);
	g_free(s);
}
END_TEST

START_TEST(safe_xml_default_depth_is_256)
{
	char		*ok = nested(256), *deep = nested(257);
	char		*far = nested(100000);
	const char	*why;
	xmlDocPtr	 doc = parse(ok, NULL, &why);

	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	ck_assert_ptr_null(parse(deep, NULL, &why));
	ck_assert_ptr_null(parse(far, NULL, &why));
	ck_assert_int_eq(stream(far, strlen(far), NULL, &why, NULL), -1);
	g_free(ok);
	g_free(deep);
	g_free(far);
}
END_TEST

static const size_t pieces[] = { 1, 3, 64, 1 << 20 };

/* However the bytes are cut, the reader sees the same document. */
START_TEST(safe_sax_events_whatever_the_pieces)
{
	const char	*s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<w:document xmlns:w=\"urn:w\" a=\"x &amp; y\" b=\"&#38;#38;&lt;\">"
	    "<w:t>a &amp; b "
	    "&#x1EC7;</w:t><![CDATA[<raw>]]><e/></w:document>";
	struct seen	 sn = { 0, 0, 0, g_string_new(NULL),
	    g_string_new(NULL) };
	const char	*why = "unset";
	bool		 started;

	ck_assert_int_eq(sax(s, strlen(s), pieces[_i], NULL, &sn, &why,
	    &started), 0);
	ck_assert_ptr_null(why);
	ck_assert(started);
	ck_assert_int_eq(sn.elements, 3);
	ck_assert_int_eq(sn.ends, 3);
	ck_assert_str_eq(sn.text->str, "a & b \xe1\xbb\x87<raw>");
	ck_assert_str_eq(sn.attrs->str, "<urn:w:document a=x & y b=&#38;<>"
	    "<urn:w:t><e>");
	g_string_free(sn.text, TRUE);
	g_string_free(sn.attrs, TRUE);
}
END_TEST

START_TEST(safe_sax_refuses_doctype_before_root)
{
	const char	*why;
	bool		 started = true;
	const char	*docs[] = { xxe, xxe_external_dtd, laughs };

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		ck_assert_int_eq(sax_verdict(docs[i], strlen(docs[i]), NULL,
		    &why, &started), -1);
		ck_assert_str_eq(why, "XML has a DOCTYPE");
		ck_assert(!started);
	}
}
END_TEST

START_TEST(safe_sax_utf16_doctype_refused)
{
	const char	*src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<r>&x;</r>";
	size_t		 n = strlen(src), len = 2 + 2 * n;
	char		*u = g_malloc(len);
	const char	*why;

	u[0] = (char)0xff;
	u[1] = (char)0xfe;
	for (size_t i = 0; i < n; i++) {
		u[2 + 2 * i] = src[i];
		u[3 + 2 * i] = 0;
	}
	ck_assert_int_eq(sax_verdict(u, len, NULL, &why, NULL), -1);
	ck_assert_str_eq(why, "XML has a DOCTYPE");
	g_free(u);
}
END_TEST

START_TEST(safe_sax_malformed_and_empty)
{
	const char	*bad[] = { "<a><b></a>", "<a>", "not xml", "<a/><b/>",
	    "\xff\xfe\xfd", "<r>&x;</r>", "<a b='1' b='2'/>",
	    "<a xmlns:p=\"\"><p:b/></a>", "", "  ", NULL };
	const char	*why;

	for (size_t i = 0; bad[i] != NULL; i++) {
		ck_assert_msg(sax_verdict(bad[i], strlen(bad[i]), NULL, &why,
		    NULL) == -1, "%s", bad[i]);
		ck_assert_str_eq(why, "XML is not well-formed");
	}
}
END_TEST

/* max_xml_depth 50: 49 and 50 levels parse, 51 do not. */
START_TEST(safe_sax_depth_limit)
{
	struct parse_limits	 l = { .max_xml_depth = 50 };
	size_t			 depth = 49 + (size_t)_i;
	char			*s = nested(depth);
	struct seen		 sn = { 0, 0, 0, g_string_new(NULL),
	    g_string_new(NULL) };
	const char		*why;
	int			 rc = sax(s, strlen(s), 7, &l, &sn, &why, NULL);

	if (depth <= 50) {
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(sn.elements, (int)depth);
		ck_assert_str_eq(sn.text->str, "deep");
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(why,
		    "XML nests elements deeper than the limit");
		ck_assert_int_eq(sn.elements, 50);
	}
	g_string_free(sn.text, TRUE);
	g_string_free(sn.attrs, TRUE);
	g_free(s);
}
END_TEST

START_TEST(safe_sax_default_depth_is_256)
{
	char		*ok = nested(256), *far = nested(100000);
	const char	*why;

	ck_assert_int_eq(sax_verdict(ok, strlen(ok), NULL, &why, NULL), 0);
	ck_assert_int_eq(sax_verdict(far, strlen(far), NULL, &why, NULL), -1);
	ck_assert_str_eq(why, "XML nests elements deeper than the limit");
	g_free(ok);
	g_free(far);
}
END_TEST

/* A handler's reason stops the parse at once and is what comes back. */
START_TEST(safe_sax_handler_stops_parse)
{
	const char	*s = "<r><a/><b/><c/><d>text</d></r>";
	struct seen	 sn = { 0, 0, 3, g_string_new(NULL),
	    g_string_new(NULL) };
	const char	*why;

	ck_assert_int_eq(sax(s, strlen(s), 1, NULL, &sn, &why, NULL), -1);
	ck_assert_str_eq(why, "enough");
	ck_assert_int_eq(sn.elements, 3);
	ck_assert_str_eq(sn.text->str, "");
	g_string_free(sn.text, TRUE);
	g_string_free(sn.attrs, TRUE);
}
END_TEST

/* Parsers may not print: every error above goes nowhere. */
START_TEST(safe_xml_errors_never_reach_stderr)
{
	char		*path = NULL;
	int		 fd = g_file_open_tmp(NULL, &path, NULL);
	int		 saved = dup(STDERR_FILENO);
	const char	*docs[] = { xxe, laughs, "<a><b></a>", "<r>&x;</r>",
	    "<a xmlns:p=\"\"><p:b/></a>", "<a b='1' b='2'/>", NULL };
	const char	*why;
	struct stat	 st;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(saved, 0);
	dup2(fd, STDERR_FILENO);
	for (size_t i = 0; docs[i] != NULL; i++) {
		xmlFreeDoc(parse(docs[i], NULL, &why));
		stream(docs[i], strlen(docs[i]), NULL, &why, NULL);
		sax_verdict(docs[i], strlen(docs[i]), NULL, &why, NULL);
	}
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	ck_assert_int_eq(fstat(fd, &st), 0);
	close(fd);
	unlink(path);
	g_free(path);
	ck_assert_int_eq(st.st_size, 0);
}
END_TEST

Suite *
safe_xml_suite(void)
{
	Suite	*s = suite_create("safe_xml");
	TCase	*tc = tcase_create("hostile");

	/* Each test takes milliseconds; an expansion that got through (the
	 * laughs would take hours) is caught here, not by a clock. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, safe_xml_parses_plain_document);
	tcase_add_test(tc, safe_xml_xxe_file_entity_refused);
	tcase_add_test(tc, safe_xml_external_dtd_refused);
	tcase_add_test(tc, safe_xml_billion_laughs_fails_fast);
	tcase_add_test(tc, safe_xml_utf16_doctype_refused);
	tcase_add_test(tc, safe_xml_undeclared_entity_is_malformed);
	tcase_add_test(tc, safe_xml_malformed_and_empty);
	tcase_add_loop_test(tc, safe_xml_depth_limit, 0, 3);
	tcase_add_test(tc, safe_xml_default_depth_is_256);
	tcase_add_test(tc, safe_xml_errors_never_reach_stderr);
	tcase_add_loop_test(tc, safe_sax_events_whatever_the_pieces, 0,
	    sizeof(pieces) / sizeof(pieces[0]));
	tcase_add_test(tc, safe_sax_refuses_doctype_before_root);
	tcase_add_test(tc, safe_sax_utf16_doctype_refused);
	tcase_add_test(tc, safe_sax_malformed_and_empty);
	tcase_add_loop_test(tc, safe_sax_depth_limit, 0, 3);
	tcase_add_test(tc, safe_sax_default_depth_is_256);
	tcase_add_test(tc, safe_sax_handler_stops_parse);
	suite_add_tcase(s, tc);
	return (s);
}
