/* ooxml-dsig.c: the pieces of ECMA-376 Part 2 package signatures that the
 * verifier and the signer must agree on byte for byte. Pure: no I/O. */
#include <string.h>

#include <glib.h>
#include <libxml/c14n.h>
#include <libxml/xmlIO.h>

#include "parsers/ooxml-dsig.h"
#include "parsers/safe-xml.h"

#define DSIG_C14N_COMMENTS	0x100

static const char *const exempt_types[] = {
	"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata/core-properties",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
	"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
	"http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
	"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin",
	"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature",
	"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/certificate",
	NULL
};

static const struct {
	const char	*uri;
	int		 alg;
} c14n_algs[] = {
	{ "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", XML_C14N_1_0 },
	{ "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
	    XML_C14N_1_0 | DSIG_C14N_COMMENTS },
	{ "http://www.w3.org/2001/10/xml-exc-c14n#", XML_C14N_EXCLUSIVE_1_0 },
	{ "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
	    XML_C14N_EXCLUSIVE_1_0 | DSIG_C14N_COMMENTS },
	{ "http://www.w3.org/2006/12/xml-c14n11", XML_C14N_1_1 },
	{ "http://www.w3.org/2006/12/xml-c14n11#WithComments",
	    XML_C14N_1_1 | DSIG_C14N_COMMENTS },
};

static char	*rels_source(const char *);
static bool	 in_list(char *const *, size_t, const char *);
static int	 subtree_visible(void *, xmlNodePtr, xmlNodePtr);
static int	 rel_cmp(const void *, const void *);
static long long days_from_civil(long long, unsigned, unsigned);
static void	 civil_from_days(long long, long long *, unsigned *,
		    unsigned *);

bool
ooxml_dsig_rel_exempt(const char *type)
{
	for (size_t i = 0; exempt_types[i] != NULL; i++)
		if (g_ascii_strcasecmp(type, exempt_types[i]) == 0)
			return (true);
	return (false);
}

/* The source part of a relationships part name, "" for the package's
 * own, or NULL when name is not a relationships part. */
static char *
rels_source(const char *name)
{
	size_t		 len = strlen(name);
	const char	*base, *slash;

	if (len < 5 || g_ascii_strcasecmp(name + len - 5, ".rels") != 0)
		return (NULL);
	slash = strrchr(name, '/');
	if (slash == NULL)
		return (NULL);
	base = slash + 1;
	if (slash - name < 5 ||
	    g_ascii_strncasecmp(slash - 5, "_rels", 5) != 0 ||
	    (slash - name > 5 && slash[-6] != '/'))
		return (NULL);
	if (slash - name == 5)
		return (g_strndup(base, strlen(base) - 5));
	return (g_strdup_printf("%.*s/%.*s", (int)(slash - 6 - name), name,
	    (int)(strlen(base) - 5), base));
}

static bool
in_list(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (g_ascii_strcasecmp(list[i], s) == 0)
			return (true);
	return (false);
}

int
ooxml_dsig_scope(struct package *pkg, bool with_external,
    struct ooxml_dsig_scope **scope_r, const char **why_r)
{
	struct ooxml_dsig_scope	*sc = g_new0(struct ooxml_dsig_scope, 1);
	GHashTable		*exempt, *used;
	GPtrArray		*parts = g_ptr_array_new();
	GArray			*rels = g_array_new(FALSE, TRUE,
				    sizeof(struct ooxml_dsig_rels));
	size_t			 n = package_count(pkg);
	const char		*why = NULL;
	int			 rc = -1;

	/* Folded part name -> GINT_TO_POINTER(1) once targeted. */
	exempt = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < n; i++) {
		char			*src = rels_source(package_name(pkg, i));
		struct package_rel	*r;
		size_t			 nr;

		if (src == NULL)
			continue;
		if (*src != '\0' && !package_has(pkg, src)) {
			g_free(src);
			continue;
		}
		if (package_rels(pkg, src, &r, &nr, &why) == -1) {
			g_free(src);
			goto out;
		}
		for (size_t j = 0; j < nr; j++) {
			if (r[j].external)
				continue;
			g_hash_table_add(ooxml_dsig_rel_exempt(r[j].type) ?
			    exempt : used, g_ascii_strdown(r[j].target, -1));
		}
		package_rels_free(r, nr);
		g_free(src);
	}
	for (size_t i = 0; i < n; i++) {
		const char	*name = package_name(pkg, i);
		char		*src, *key;
		bool		 skip;

		if ((src = rels_source(name)) == NULL) {
			key = g_ascii_strdown(name, -1);
			skip = g_str_has_suffix(name, "/") ||
			    strcmp(key, "[content_types].xml") == 0 ||
			    (g_hash_table_contains(exempt, key) &&
			    !g_hash_table_contains(used, key));
			if (!skip)
				g_ptr_array_add(parts, g_strdup(name));
			g_free(key);
			continue;
		}
		key = g_ascii_strdown(src, -1);
		skip = (*src != '\0' && !package_has(pkg, src)) ||
		    (g_hash_table_contains(exempt, key) &&
		    !g_hash_table_contains(used, key));
		g_free(key);
		if (!skip) {
			struct ooxml_dsig_rels	 one = { 0 };
			struct package_rel	*r;
			size_t			 nr;
			GPtrArray		*ids = g_ptr_array_new();
			GPtrArray		*types = g_ptr_array_new();

			if (package_rels(pkg, src, &r, &nr, &why) == -1) {
				g_ptr_array_free(ids, TRUE);
				g_ptr_array_free(types, TRUE);
				g_free(src);
				goto out;
			}
			for (size_t j = 0; j < nr; j++)
				if (!ooxml_dsig_rel_exempt(r[j].type) &&
				    (with_external || !r[j].external)) {
					g_ptr_array_add(ids,
					    g_strdup(r[j].id));
					g_ptr_array_add(types,
					    g_strdup(r[j].type));
				}
			package_rels_free(r, nr);
			one.name = g_strdup(name);
			one.nids = ids->len;
			g_ptr_array_add(ids, NULL);
			g_ptr_array_add(types, NULL);
			one.ids = (char **)g_ptr_array_free(ids, FALSE);
			one.types = (char **)g_ptr_array_free(types, FALSE);
			g_array_append_val(rels, one);
		}
		g_free(src);
	}
	rc = 0;
out:
	sc->nparts = parts->len;
	g_ptr_array_add(parts, NULL);
	sc->parts = (char **)g_ptr_array_free(parts, FALSE);
	sc->nrels = rels->len;
	sc->rels = (struct ooxml_dsig_rels *)g_array_free(rels, FALSE);
	g_hash_table_destroy(exempt);
	g_hash_table_destroy(used);
	if (rc == -1) {
		ooxml_dsig_scope_free(sc);
		sc = NULL;
	}
	*scope_r = sc;
	*why_r = why;
	return (rc);
}

void
ooxml_dsig_scope_free(struct ooxml_dsig_scope *sc)
{
	if (sc == NULL)
		return;
	g_strfreev(sc->parts);
	for (size_t i = 0; i < sc->nrels; i++) {
		g_free(sc->rels[i].name);
		g_strfreev(sc->rels[i].ids);
		g_strfreev(sc->rels[i].types);
	}
	g_free(sc->rels);
	g_free(sc);
}

int
ooxml_dsig_c14n_alg(const char *uri)
{
	if (uri == NULL)
		return (-1);
	for (size_t i = 0; i < G_N_ELEMENTS(c14n_algs); i++)
		if (strcmp(uri, c14n_algs[i].uri) == 0)
			return (c14n_algs[i].alg);
	return (-1);
}

/* A node is in the subset when it is top or below it; namespace nodes
 * belong to the element they are passed with. */
static int
subtree_visible(void *top, xmlNodePtr node, xmlNodePtr parent)
{
	xmlNodePtr	n;

	if (node == NULL)
		return (0);
	n = node->type == XML_NAMESPACE_DECL ? parent : node;
	for (; n != NULL; n = n->parent)
		if (n == (xmlNodePtr)top)
			return (1);
	return (0);
}

int
ooxml_dsig_c14n(xmlDocPtr doc, xmlNodePtr top, int alg, xmlChar **prefixes,
    unsigned char **out_r, size_t *len_r)
{
	xmlOutputBufferPtr	 buf;
	int			 rc = -1;

	*out_r = NULL;
	*len_r = 0;
	if ((buf = xmlAllocOutputBuffer(NULL)) == NULL)
		return (-1);
	if (xmlC14NExecute(doc, top != NULL ? subtree_visible : NULL, top,
	    alg & 0xff, prefixes, (alg & DSIG_C14N_COMMENTS) != 0, buf) >= 0) {
		size_t	n = xmlOutputBufferGetSize(buf);

		*out_r = g_malloc(n + 1);
		memcpy(*out_r, xmlOutputBufferGetContent(buf), n);
		(*out_r)[n] = '\0';
		*len_r = n;
		rc = 0;
	}
	xmlOutputBufferClose(buf);
	return (rc);
}

static int
rel_cmp(const void *a, const void *b)
{
	xmlNodePtr	 x = *(xmlNodePtr const *)a, y = *(xmlNodePtr const *)b;
	xmlChar		*ix = xmlGetNoNsProp(x, BAD_CAST "Id");
	xmlChar		*iy = xmlGetNoNsProp(y, BAD_CAST "Id");
	int		 c = strcmp((char *)ix, (char *)iy);

	xmlFree(ix);
	xmlFree(iy);
	return (c);
}

int
ooxml_dsig_rels_transform(const unsigned char *data, size_t len,
    const struct parse_limits *lim, char *const *ids, size_t nids,
    char *const *types, size_t ntypes, int alg, unsigned char **out_r,
    size_t *len_r, const char **why_r)
{
	xmlDocPtr	 doc, nd = NULL;
	xmlNodePtr	 root, e, nroot;
	GPtrArray	*keep = g_ptr_array_new();
	GHashTable	*seen = g_hash_table_new_full(g_str_hash, g_str_equal,
			    xmlFree, NULL);
	const char	*why = NULL;
	int		 rc = -1;

	*out_r = NULL;
	*len_r = 0;
	if ((doc = safe_xml_parse(data, len, lim, &why)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    strcmp((char *)root->ns->href, DSIG_NS_RELS) != 0 ||
	    strcmp((char *)root->name, "Relationships") != 0) {
		why = "relationships part has no Relationships element";
		goto out;
	}
	for (e = root->children; e != NULL; e = e->next) {
		xmlChar	*id, *type;
		bool	 sel;

		if (e->type != XML_ELEMENT_NODE || e->ns == NULL ||
		    strcmp((char *)e->ns->href, DSIG_NS_RELS) != 0 ||
		    strcmp((char *)e->name, "Relationship") != 0)
			continue;
		if ((id = xmlGetNoNsProp(e, BAD_CAST "Id")) == NULL) {
			why = "relationship without an Id";
			goto out;
		}
		if (g_hash_table_contains(seen, id)) {
			xmlFree(id);
			why = "two relationships with the same Id";
			goto out;
		}
		g_hash_table_add(seen, id);
		type = xmlGetNoNsProp(e, BAD_CAST "Type");
		sel = in_list(ids, nids, (char *)id) ||
		    (type != NULL && in_list(types, ntypes, (char *)type));
		xmlFree(type);
		if (sel)
			g_ptr_array_add(keep, e);
	}
	if (keep->len > 1)
		qsort(keep->pdata, keep->len, sizeof(void *), rel_cmp);
	nd = xmlNewDoc(BAD_CAST "1.0");
	nroot = xmlDocCopyNode(root, nd, 2);
	xmlDocSetRootElement(nd, nroot);
	/* Step 3 of 13.2.4.24: nothing between the elements (the root is
	 * copied without children) and nothing inside them (each is copied
	 * with its attributes only). Office 2007 pretty-printed its .rels,
	 * end tags on their own lines, and signed them so; POI drops their
	 * line breaks to the same end. */
	for (size_t i = 0; i < keep->len; i++) {
		xmlNodePtr c = xmlDocCopyNode(g_ptr_array_index(keep, i), nd,
		    2);

		if (!xmlHasProp(c, BAD_CAST "TargetMode"))
			xmlSetProp(c, BAD_CAST "TargetMode", BAD_CAST "Internal");
		xmlAddChild(nroot, c);
	}
	if (ooxml_dsig_c14n(nd, NULL, alg, NULL, out_r, len_r) == -1) {
		why = "relationships cannot be canonicalised";
		goto out;
	}
	rc = 0;
out:
	xmlFreeDoc(nd);
	xmlFreeDoc(doc);
	g_ptr_array_free(keep, TRUE);
	g_hash_table_destroy(seen);
	*why_r = why;
	return (rc);
}

const EVP_MD *
ooxml_dsig_md(const char *uri)
{
	if (uri == NULL)
		return (NULL);
	if (strcmp(uri, "http://www.w3.org/2000/09/xmldsig#sha1") == 0)
		return (EVP_sha1());
	if (strcmp(uri, DSIG_ALG_SHA256) == 0)
		return (EVP_sha256());
	if (strcmp(uri, "http://www.w3.org/2001/04/xmldsig-more#sha384") == 0)
		return (EVP_sha384());
	if (strcmp(uri, "http://www.w3.org/2001/04/xmlenc#sha512") == 0)
		return (EVP_sha512());
	return (NULL);
}

/* Howard Hinnant's civil calendar algorithms: no libc time zone code. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long	era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + (long long)doe - 719468);
}

static void
civil_from_days(long long z, long long *y_r, unsigned *m_r, unsigned *d_r)
{
	long long	era, y;
	unsigned	doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	*y_r = y + (m <= 2);
	*m_r = m;
	*d_r = d;
}

int
ooxml_dsig_time_parse(const char *s, time_t *t_r)
{
	unsigned	Y, M, D, h, m, sec, oh = 0, om = 0;
	int		n = 0, sign = 0;
	const char	*p;

	while (g_ascii_isspace(*s))
		s++;
	if (sscanf(s, "%4u-%2u-%2uT%2u:%2u:%2u%n", &Y, &M, &D, &h, &m, &sec,
	    &n) != 6 || n != 19)
		return (-1);
	p = s + n;
	if (*p == '.')
		for (p++; g_ascii_isdigit(*p); p++)
			;
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (!g_ascii_isdigit(p[1]) || !g_ascii_isdigit(p[2]) ||
		    p[3] != ':' || !g_ascii_isdigit(p[4]) ||
		    !g_ascii_isdigit(p[5]))
			return (-1);
		oh = (p[1] - '0') * 10 + (p[2] - '0');
		om = (p[4] - '0') * 10 + (p[5] - '0');
		p += 6;
	}
	while (g_ascii_isspace(*p))
		p++;
	if (*p != '\0' || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 ||
	    m > 59 || sec > 60 || oh > 23 || om > 59)
		return (-1);
	*t_r = (time_t)(days_from_civil(Y, M, D) * 86400 + h * 3600 +
	    m * 60 + sec - sign * (long long)(oh * 3600 + om * 60));
	return (0);
}

time_t
ooxml_dsig_tm_time(const struct tm *tm)
{
	return ((time_t)(days_from_civil(tm->tm_year + 1900LL,
	    (unsigned)tm->tm_mon + 1, (unsigned)tm->tm_mday) * 86400 +
	    tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec));
}

char *
ooxml_dsig_time_format(time_t t)
{
	long long	days = (long long)t / 86400, secs = (long long)t % 86400;
	long long	y;
	unsigned	m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	return (g_strdup_printf("%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m,
	    d, secs / 3600, secs / 60 % 60, secs % 60));
}

char *
ooxml_dsig_part_uri(const char *name, const char *ctype)
{
	char	*esc = g_uri_escape_string(name, "/", FALSE);
	char	*uri = g_strdup_printf("/%s?ContentType=%s", esc, ctype);

	g_free(esc);
	return (uri);
}

int
ooxml_dsig_uri_part(const char *uri, char **name_r, char **ctype_r)
{
	const char	*q;
	char		*raw, *name;

	*name_r = *ctype_r = NULL;
	if (uri == NULL || uri[0] != '/' || uri[1] == '/')
		return (-1);
	q = strchr(uri, '?');
	if (q == NULL || strncmp(q, "?ContentType=", 13) != 0 ||
	    strchr(uri, '#') != NULL)
		return (-1);
	raw = g_strndup(uri + 1, q - uri - 1);
	name = g_uri_unescape_string(raw, NULL);
	g_free(raw);
	if (name == NULL || *name == '\0') {
		g_free(name);
		return (-1);
	}
	*name_r = name;
	*ctype_r = g_strdup(q + 13);
	return (0);
}
