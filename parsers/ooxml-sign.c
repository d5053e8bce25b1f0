/* ooxml-sign.c: writes an OOXML package signature the way Office and POI
 * do, through the same canonical forms the verifier checks. Pure: builds
 * the new ZIP in memory and never reads a clock or a file. */
#include <string.h>

#include <glib.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <zip.h>

#include "parsers/ooxml-dsig.h"
#include "parsers/ooxml-sign.h"
#include "parsers/package.h"
#include "parsers/safe-xml.h"

#define SIGN_MAX_SIGS	64
#define SIGN_NS_CT	"http://schemas.openxmlformats.org/package/2006/content-types"

struct sign {
	struct package		*pkg;
	struct parse_limits	 lim;
	GString			*manifest;
	char			*origin;	/* origin part name */
	bool			 new_origin;
	char			*sigpart;
	GPtrArray		*names;		/* output entries, in order */
	GPtrArray		*datas;
	GArray			*lens;
};

static void	 out_add(struct sign *, const char *, unsigned char *,
		    size_t);
static int	 manifest_parts(struct sign *, struct ooxml_dsig_scope *,
		    const char **);
static void	 digest_b64(const unsigned char *, size_t, GString *);
static char	*issuer_string(X509 *);
static char	*cert_b64(X509 *);
static char	*signature_xml(struct sign *, X509 *, STACK_OF(X509) *,
		    EVP_PKEY *, time_t);
static int	 finish_signature(const char *, EVP_PKEY *,
		    const struct parse_limits *, unsigned char **, size_t *,
		    const char **);
static int	 set_digest(xmlDocPtr, xmlNodePtr, const char *,
		    xmlNodePtr);
static xmlNodePtr find_id(xmlNodePtr, const char *);
static int	 add_rel(const unsigned char *, size_t,
		    const struct parse_limits *, const char *, const char *,
		    unsigned char **, size_t *);
static int	 add_content_types(const unsigned char *, size_t,
		    const struct parse_limits *, const char *,
		    unsigned char **, size_t *);
static int	 zip_build(struct sign *, time_t, unsigned char **, size_t *,
		    const char **);

static void
out_add(struct sign *s, const char *name, unsigned char *data, size_t len)
{
	g_ptr_array_add(s->names, g_strdup(name));
	g_ptr_array_add(s->datas, data);
	g_array_append_val(s->lens, len);
}

static void
digest_b64(const unsigned char *data, size_t len, GString *out)
{
	unsigned char	 d[EVP_MAX_MD_SIZE];
	unsigned int	 dlen = 0;
	char		*b64;

	EVP_Digest(data, len, d, &dlen, EVP_sha256(), NULL);
	b64 = g_base64_encode(d, dlen);
	g_string_append(out, b64);
	g_free(b64);
}

/* Manifest references, like Office: each part's bytes as they are, each
 * relationships part through the relationship transform and C14N. */
static int
manifest_parts(struct sign *s, struct ooxml_dsig_scope *sc, const char **why_r)
{
	for (size_t i = 0; i < sc->nparts; i++) {
		char		*ct = package_content_type(s->pkg, sc->parts[i]);
		char		*uri, *esc;
		unsigned char	*data;
		size_t		 len;

		if (ct == NULL) {
			*why_r = "a part has no content type";
			return (-1);
		}
		if (package_read(s->pkg, sc->parts[i], &data, &len,
		    why_r) == -1) {
			g_free(ct);
			return (-1);
		}
		uri = ooxml_dsig_part_uri(sc->parts[i], ct);
		esc = g_markup_escape_text(uri, -1);
		g_string_append_printf(s->manifest, "<Reference URI=\"%s\">"
		    "<DigestMethod Algorithm=\"" DSIG_ALG_SHA256 "\"/>"
		    "<DigestValue>", esc);
		digest_b64(data, len, s->manifest);
		g_string_append(s->manifest, "</DigestValue></Reference>");
		g_free(esc);
		g_free(uri);
		g_free(data);
		g_free(ct);
	}
	for (size_t i = 0; i < sc->nrels; i++) {
		unsigned char	*data, *c14n;
		size_t		 len, clen;
		char		*uri, *esc;

		if (sc->rels[i].nids == 0)
			continue;
		if (package_read(s->pkg, sc->rels[i].name, &data, &len,
		    why_r) == -1)
			return (-1);
		if (ooxml_dsig_rels_transform(data, len, &s->lim,
		    sc->rels[i].ids, sc->rels[i].nids, NULL, 0,
		    ooxml_dsig_c14n_alg(DSIG_ALG_C14N), &c14n, &clen,
		    why_r) == -1) {
			g_free(data);
			return (-1);
		}
		uri = ooxml_dsig_part_uri(sc->rels[i].name, DSIG_CT_RELS);
		esc = g_markup_escape_text(uri, -1);
		g_string_append_printf(s->manifest, "<Reference URI=\"%s\">"
		    "<Transforms><Transform Algorithm=\"" DSIG_ALG_RELS "\">",
		    esc);
		for (size_t j = 0; j < sc->rels[i].nids; j++) {
			char *id = g_markup_escape_text(sc->rels[i].ids[j],
			    -1);

			g_string_append_printf(s->manifest,
			    "<mdssi:RelationshipReference xmlns:mdssi=\""
			    DSIG_NS_MDSSI "\" SourceId=\"%s\"/>", id);
			g_free(id);
		}
		g_string_append(s->manifest, "</Transform><Transform "
		    "Algorithm=\"" DSIG_ALG_C14N "\"/></Transforms>"
		    "<DigestMethod Algorithm=\"" DSIG_ALG_SHA256 "\"/>"
		    "<DigestValue>");
		digest_b64(c14n, clen, s->manifest);
		g_string_append(s->manifest, "</DigestValue></Reference>");
		g_free(esc);
		g_free(uri);
		g_free(c14n);
		g_free(data);
	}
	return (0);
}

static char *
issuer_string(X509 *x)
{
	BIO	*b = BIO_new(BIO_s_mem());
	char	*p, *s;
	long	 n;

	X509_NAME_print_ex(b, X509_get_issuer_name(x), 0, XN_FLAG_RFC2253);
	n = BIO_get_mem_data(b, &p);
	s = g_strndup(p, n);
	BIO_free(b);
	return (s);
}

static char *
cert_b64(X509 *x)
{
	unsigned char	*der = NULL;
	int		 n = i2d_X509(x, &der);
	char		*s;

	if (n <= 0)
		return (g_strdup(""));
	s = g_base64_encode(der, n);
	OPENSSL_free(der);
	return (s);
}

/* The signature part with empty DigestValue and SignatureValue slots
 * for the objects, which finish_signature fills in. */
static char *
signature_xml(struct sign *s, X509 *cert, STACK_OF(X509) *chain,
    EVP_PKEY *key, time_t at)
{
	GString		*x = g_string_new(NULL);
	char		*t = ooxml_dsig_time_format(at), *c, *iss, *esc;
	unsigned char	*der = NULL;
	BIGNUM		*bn;
	char		*dec;
	int		 n;
	bool		 ec = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC;

	g_string_append(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	    "standalone=\"no\"?><Signature xmlns=\"" DSIG_NS "\" "
	    "Id=\"idPackageSignature\"><SignedInfo><CanonicalizationMethod "
	    "Algorithm=\"" DSIG_ALG_C14N "\"/><SignatureMethod Algorithm=\"");
	g_string_append(x, ec ?
	    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" :
	    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
	g_string_append(x, "\"/><Reference Type=\"" DSIG_TYPE_OBJECT "\" "
	    "URI=\"#idPackageObject\"><Transforms><Transform Algorithm=\""
	    DSIG_ALG_C14N "\"/></Transforms><DigestMethod Algorithm=\""
	    DSIG_ALG_SHA256 "\"/><DigestValue/></Reference>"
	    "<Reference Type=\"" DSIG_TYPE_XADES "\" "
	    "URI=\"#idSignedProperties\"><Transforms><Transform Algorithm=\""
	    DSIG_ALG_C14N "\"/></Transforms><DigestMethod Algorithm=\""
	    DSIG_ALG_SHA256 "\"/><DigestValue/></Reference></SignedInfo>"
	    "<SignatureValue/><KeyInfo><X509Data>");
	c = cert_b64(cert);
	g_string_append_printf(x, "<X509Certificate>%s</X509Certificate>", c);
	g_free(c);
	for (int i = 0; chain != NULL && i < sk_X509_num(chain); i++) {
		c = cert_b64(sk_X509_value(chain, i));
		g_string_append_printf(x, "<X509Certificate>%s"
		    "</X509Certificate>", c);
		g_free(c);
	}
	g_string_append(x, "</X509Data></KeyInfo><Object Id=\"idPackageObject\">"
	    "<Manifest>");
	g_string_append_len(x, s->manifest->str, s->manifest->len);
	g_string_append_printf(x, "</Manifest><SignatureProperties>"
	    "<SignatureProperty Id=\"idSignatureTime\" "
	    "Target=\"#idPackageSignature\"><mdssi:SignatureTime "
	    "xmlns:mdssi=\"" DSIG_NS_MDSSI "\"><mdssi:Format>"
	    "YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>%s"
	    "</mdssi:Value></mdssi:SignatureTime></SignatureProperty>"
	    "</SignatureProperties></Object>", t);
	g_string_append_printf(x, "<Object><xd:QualifyingProperties "
	    "xmlns:xd=\"" DSIG_NS_XADES "\" Target=\"#idPackageSignature\">"
	    "<xd:SignedProperties Id=\"idSignedProperties\">"
	    "<xd:SignedSignatureProperties><xd:SigningTime>%s"
	    "</xd:SigningTime><xd:SigningCertificate><xd:Cert>"
	    "<xd:CertDigest><DigestMethod Algorithm=\"" DSIG_ALG_SHA256 "\"/>"
	    "<DigestValue>", t);
	n = i2d_X509(cert, &der);
	digest_b64(der, n > 0 ? (size_t)n : 0, x);
	OPENSSL_free(der);
	iss = issuer_string(cert);
	esc = g_markup_escape_text(iss, -1);
	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
	dec = BN_bn2dec(bn);
	g_string_append_printf(x, "</DigestValue></xd:CertDigest>"
	    "<xd:IssuerSerial><X509IssuerName>%s</X509IssuerName>"
	    "<X509SerialNumber>%s</X509SerialNumber></xd:IssuerSerial>"
	    "</xd:Cert></xd:SigningCertificate><xd:SignaturePolicyIdentifier>"
	    "<xd:SignaturePolicyImplied/></xd:SignaturePolicyIdentifier>"
	    "</xd:SignedSignatureProperties></xd:SignedProperties>"
	    "</xd:QualifyingProperties></Object></Signature>", esc, dec);
	OPENSSL_free(dec);
	BN_free(bn);
	g_free(esc);
	g_free(iss);
	g_free(t);
	return (g_string_free(x, FALSE));
}

static xmlNodePtr
find_id(xmlNodePtr n, const char *id)
{
	for (; n != NULL; n = n->next) {
		xmlChar		*v;
		xmlNodePtr	 f;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = xmlGetNoNsProp(n, BAD_CAST "Id");
		if (v != NULL && strcmp((char *)v, id) == 0) {
			xmlFree(v);
			return (n);
		}
		xmlFree(v);
		if ((f = find_id(n->children, id)) != NULL)
			return (f);
	}
	return (NULL);
}

/* Fills the DigestValue of the SignedInfo reference ref with the
 * canonical digest of the element whose Id is id. */
static int
set_digest(xmlDocPtr doc, xmlNodePtr root, const char *id, xmlNodePtr ref)
{
	xmlNodePtr	 target = find_id(root, id), dv = NULL;
	unsigned char	*c14n;
	size_t		 len;
	GString		*b64 = g_string_new(NULL);

	for (xmlNodePtr c = ref->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((char *)c->name, "DigestValue") == 0)
			dv = c;
	if (target == NULL || dv == NULL || ooxml_dsig_c14n(doc, target,
	    ooxml_dsig_c14n_alg(DSIG_ALG_C14N), NULL, &c14n, &len) == -1) {
		g_string_free(b64, TRUE);
		return (-1);
	}
	digest_b64(c14n, len, b64);
	xmlNodeSetContent(dv, BAD_CAST b64->str);
	g_string_free(b64, TRUE);
	g_free(c14n);
	return (0);
}

static int
finish_signature(const char *xml, EVP_PKEY *key,
    const struct parse_limits *lim, unsigned char **out_r, size_t *len_r,
    const char **why_r)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, si, sv, ref;
	unsigned char	*c14n = NULL, *sig = NULL;
	size_t		 clen, slen = 0;
	EVP_MD_CTX	*ctx = NULL;
	xmlChar		*dump = NULL;
	char		*b64 = NULL;
	int		 dlen, rc = -1;

	if ((doc = safe_xml_parse((const unsigned char *)xml, strlen(xml),
	    lim, why_r)) == NULL)
		return (-1);
	root = xmlDocGetRootElement(doc);
	si = xmlFirstElementChild(root);
	sv = xmlNextElementSibling(si);
	ref = xmlNextElementSibling(xmlNextElementSibling(
	    xmlFirstElementChild(si)));
	if (set_digest(doc, root, "idPackageObject", ref) == -1 ||
	    set_digest(doc, root, "idSignedProperties",
	    xmlNextElementSibling(ref)) == -1 ||
	    ooxml_dsig_c14n(doc, si, ooxml_dsig_c14n_alg(DSIG_ALG_C14N), NULL,
	    &c14n, &clen) == -1) {
		*why_r = "cannot canonicalise the signature";
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(ctx, NULL, &slen, c14n, clen) != 1) {
		*why_r = "the key cannot sign";
		goto out;
	}
	sig = g_malloc(slen);
	if (EVP_DigestSign(ctx, sig, &slen, c14n, clen) != 1) {
		*why_r = "the key cannot sign";
		goto out;
	}
	if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
		/* XMLDSig wants r||s, each as wide as the curve. */
		const unsigned char	*p = sig;
		ECDSA_SIG		*es = d2i_ECDSA_SIG(NULL, &p, slen);
		int			 w = (EVP_PKEY_get_bits(key) + 7) / 8;
		unsigned char		*raw = g_malloc0(2 * w);

		if (es == NULL ||
		    BN_bn2binpad(ECDSA_SIG_get0_r(es), raw, w) != w ||
		    BN_bn2binpad(ECDSA_SIG_get0_s(es), raw + w, w) != w) {
			ECDSA_SIG_free(es);
			g_free(raw);
			*why_r = "the key cannot sign";
			goto out;
		}
		ECDSA_SIG_free(es);
		g_free(sig);
		sig = raw;
		slen = 2 * w;
	}
	b64 = g_base64_encode(sig, slen);
	xmlNodeSetContent(sv, BAD_CAST b64);
	xmlDocDumpMemoryEnc(doc, &dump, &dlen, "UTF-8");
	if (dump == NULL) {
		*why_r = "cannot write the signature";
		goto out;
	}
	*out_r = g_memdup2(dump, dlen);
	*len_r = (size_t)dlen;
	rc = 0;
out:
	xmlFree(dump);
	g_free(b64);
	g_free(sig);
	g_free(c14n);
	EVP_MD_CTX_free(ctx);
	xmlFreeDoc(doc);
	return (rc);
}

/* A relationships part (old, or a new one when old is NULL) with one more
 * relationship, under a fresh Id. */
static int
add_rel(const unsigned char *old, size_t len, const struct parse_limits *lim,
    const char *type, const char *target, unsigned char **out_r,
    size_t *len_r)
{
	static const char	 empty[] = "<?xml version=\"1.0\" encoding=\""
	    "UTF-8\" standalone=\"yes\"?><Relationships xmlns=\""
	    DSIG_NS_RELS "\"/>";
	xmlDocPtr		 doc;
	xmlNodePtr		 root, r;
	xmlChar			*dump = NULL;
	const char		*why;
	char			 id[32];
	int			 n, dlen;

	if (old == NULL) {
		old = (const unsigned char *)empty;
		len = sizeof(empty) - 1;
	}
	if ((doc = safe_xml_parse(old, len, lim, &why)) == NULL)
		return (-1);
	root = xmlDocGetRootElement(doc);
	for (n = 1; n < 100000; n++) {
		g_snprintf(id, sizeof(id), "rIdSig%d", n);
		if (find_id(root->children, id) == NULL)
			break;
	}
	r = xmlNewChild(root, root->ns, BAD_CAST "Relationship", NULL);
	xmlSetProp(r, BAD_CAST "Id", BAD_CAST id);
	xmlSetProp(r, BAD_CAST "Type", BAD_CAST type);
	xmlSetProp(r, BAD_CAST "Target", BAD_CAST target);
	xmlDocDumpMemoryEnc(doc, &dump, &dlen, "UTF-8");
	xmlFreeDoc(doc);
	if (dump == NULL)
		return (-1);
	*out_r = g_memdup2(dump, dlen);
	*len_r = (size_t)dlen;
	xmlFree(dump);
	return (0);
}

static int
add_content_types(const unsigned char *old, size_t len,
    const struct parse_limits *lim, const char *sigpart,
    unsigned char **out_r, size_t *len_r)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, e;
	xmlChar		*dump = NULL;
	const char	*why;
	char		*pn;
	bool		 has_sigs = false;
	int		 dlen;

	if ((doc = safe_xml_parse(old, len, lim, &why)) == NULL)
		return (-1);
	root = xmlDocGetRootElement(doc);
	for (e = root->children; e != NULL; e = e->next) {
		xmlChar *ext;

		if (e->type != XML_ELEMENT_NODE ||
		    strcmp((char *)e->name, "Default") != 0)
			continue;
		ext = xmlGetNoNsProp(e, BAD_CAST "Extension");
		if (ext != NULL && g_ascii_strcasecmp((char *)ext, "sigs") == 0)
			has_sigs = true;
		xmlFree(ext);
	}
	if (!has_sigs) {
		e = xmlNewChild(root, root->ns, BAD_CAST "Default", NULL);
		xmlSetProp(e, BAD_CAST "Extension", BAD_CAST "sigs");
		xmlSetProp(e, BAD_CAST "ContentType", BAD_CAST DSIG_CT_ORIGIN);
	}
	pn = g_strdup_printf("/%s", sigpart);
	e = xmlNewChild(root, root->ns, BAD_CAST "Override", NULL);
	xmlSetProp(e, BAD_CAST "PartName", BAD_CAST pn);
	xmlSetProp(e, BAD_CAST "ContentType", BAD_CAST DSIG_CT_SIG);
	g_free(pn);
	xmlDocDumpMemoryEnc(doc, &dump, &dlen, "UTF-8");
	xmlFreeDoc(doc);
	if (dump == NULL)
		return (-1);
	*out_r = g_memdup2(dump, dlen);
	*len_r = (size_t)dlen;
	xmlFree(dump);
	return (0);
}

static int
zip_build(struct sign *s, time_t at, unsigned char **out_r, size_t *len_r,
    const char **why_r)
{
	zip_source_t	*src;
	zip_t		*za;
	zip_error_t	 err;
	zip_stat_t	 st;
	unsigned char	*out = NULL;
	int		 rc = -1;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &err)) == NULL)
		goto fail;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &err)) == NULL) {
		zip_source_free(src);
		goto fail;
	}
	for (size_t i = 0; i < s->names->len; i++) {
		zip_source_t	*zs;
		zip_int64_t	 idx;

		zs = zip_source_buffer(za, g_ptr_array_index(s->datas, i),
		    g_array_index(s->lens, size_t, i), 0);
		if (zs == NULL || (idx = zip_file_add(za,
		    g_ptr_array_index(s->names, i), zs, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(zs);
			zip_discard(za);
			zip_source_free(src);
			goto fail;
		}
		zip_file_set_mtime(za, (zip_uint64_t)idx, at, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		goto fail;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = g_malloc(st.size ? st.size : 1);
		if (zip_source_read(src, out, st.size) == (zip_int64_t)st.size) {
			*out_r = out;
			*len_r = st.size;
			out = NULL;
			rc = 0;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	g_free(out);
	if (rc == 0)
		return (0);
fail:
	zip_error_fini(&err);
	*why_r = "cannot write the signed package";
	return (-1);
}

int
ooxml_sign(const unsigned char *in, size_t len, EVP_PKEY *key, X509 *cert,
    STACK_OF(X509) *chain, time_t at, const struct parse_limits *limits,
    unsigned char **out_r, size_t *out_len_r, const char **why_r)
{
	struct sign		 s = { 0 };
	struct ooxml_dsig_scope	*sc = NULL;
	struct package_rel	*top = NULL;
	size_t			 ntop = 0, n;
	char			*xml = NULL, *dir = NULL, *orels = NULL;
	unsigned char		*sigdata = NULL;
	size_t			 siglen;
	const char		*why = NULL;
	int			 rc = -1;

	*out_r = NULL;
	*out_len_r = 0;
	s.lim = limits_resolve(limits);
	s.manifest = g_string_new(NULL);
	s.names = g_ptr_array_new_with_free_func(g_free);
	s.datas = g_ptr_array_new_with_free_func(g_free);
	s.lens = g_array_new(FALSE, FALSE, sizeof(size_t));
	if (key == NULL || cert == NULL) {
		why = "no key or certificate";
		goto out;
	}
	if ((s.pkg = package_open(in, len, &s.lim, &why)) == NULL)
		goto out;
	if (!package_has(s.pkg, "[Content_Types].xml")) {
		why = "the package has no [Content_Types].xml";
		goto out;
	}
	if (package_rels(s.pkg, "", &top, &ntop, &why) == -1)
		goto out;
	for (size_t i = 0; i < ntop && s.origin == NULL; i++)
		if (!top[i].external && g_ascii_strcasecmp(top[i].type,
		    DSIG_REL_ORIGIN) == 0 && package_has(s.pkg, top[i].target))
			s.origin = g_strdup(top[i].target);
	if (s.origin == NULL) {
		s.origin = g_strdup("_xmlsignatures/origin.sigs");
		s.new_origin = true;
		if (package_has(s.pkg, s.origin)) {
			why = "the package has an origin part nothing points to";
			goto out;
		}
	}
	dir = g_path_get_dirname(s.origin);
	for (n = 1; n <= SIGN_MAX_SIGS; n++) {
		g_free(s.sigpart);
		s.sigpart = strcmp(dir, ".") == 0 ?
		    g_strdup_printf("sig%zu.xml", n) :
		    g_strdup_printf("%s/sig%zu.xml", dir, n);
		if (!package_has(s.pkg, s.sigpart))
			break;
	}
	if (n > SIGN_MAX_SIGS) {
		why = "the package has too many signatures";
		goto out;
	}
	if (ooxml_dsig_scope(s.pkg, true, &sc, &why) == -1 ||
	    manifest_parts(&s, sc, &why) == -1)
		goto out;
	xml = signature_xml(&s, cert, chain, key, at);
	if (finish_signature(xml, key, &s.lim, &sigdata, &siglen, &why) == -1)
		goto out;

	orels = package_rels_name(s.origin);
	for (size_t i = 0; i < package_count(s.pkg); i++) {
		const char	*name = package_name(s.pkg, i);
		unsigned char	*data, *nd;
		size_t		 dl, nl;
		int		 r = 0;

		if (package_read(s.pkg, name, &data, &dl, &why) == -1)
			goto out;
		if (g_ascii_strcasecmp(name, "[Content_Types].xml") == 0) {
			r = add_content_types(data, dl, &s.lim, s.sigpart, &nd,
			    &nl);
		} else if (s.new_origin &&
		    g_ascii_strcasecmp(name, "_rels/.rels") == 0) {
			r = add_rel(data, dl, &s.lim, DSIG_REL_ORIGIN,
			    s.origin, &nd, &nl);
		} else if (g_ascii_strcasecmp(name, orels) == 0) {
			char *base = g_path_get_basename(s.sigpart);

			r = add_rel(data, dl, &s.lim, DSIG_REL_SIG, base, &nd,
			    &nl);
			g_free(base);
		} else {
			nd = data;
			nl = dl;
			data = NULL;
		}
		g_free(data);
		if (r == -1) {
			why = "cannot update the package's relationships";
			goto out;
		}
		out_add(&s, name, nd, nl);
	}
	if (s.new_origin) {
		unsigned char	*nd;
		size_t		 nl;
		char		*base = g_path_get_basename(s.sigpart);

		if (!package_has(s.pkg, "_rels/.rels")) {
			why = "the package has no relationships";
			g_free(base);
			goto out;
		}
		out_add(&s, s.origin, g_malloc0(1), 0);
		if (add_rel(NULL, 0, &s.lim, DSIG_REL_SIG, base, &nd,
		    &nl) == -1) {
			g_free(base);
			why = "cannot write the signature relationships";
			goto out;
		}
		g_free(base);
		out_add(&s, orels, nd, nl);
	} else if (!package_has(s.pkg, orels)) {
		unsigned char	*nd;
		size_t		 nl;
		char		*base = g_path_get_basename(s.sigpart);

		if (add_rel(NULL, 0, &s.lim, DSIG_REL_SIG, base, &nd,
		    &nl) == -1) {
			g_free(base);
			why = "cannot write the signature relationships";
			goto out;
		}
		g_free(base);
		out_add(&s, orels, nd, nl);
	}
	out_add(&s, s.sigpart, sigdata, siglen);
	sigdata = NULL;
	if (zip_build(&s, at, out_r, out_len_r, &why) == -1)
		goto out;
	rc = 0;
out:
	g_free(sigdata);
	g_free(xml);
	g_free(dir);
	g_free(orels);
	package_rels_free(top, ntop);
	ooxml_dsig_scope_free(sc);
	package_free(s.pkg);
	g_string_free(s.manifest, TRUE);
	g_ptr_array_free(s.names, TRUE);
	g_ptr_array_free(s.datas, TRUE);
	g_array_free(s.lens, TRUE);
	g_free(s.origin);
	g_free(s.sigpart);
	*why_r = why;
	return (rc);
}
