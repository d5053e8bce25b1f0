/* ooxml-sig.c: ECMA-376 Part 2 package signature verification with libxml2
 * (C14N) and OpenSSL. Must never call a signature valid unless every byte
 * it vouches for was digested and the digests were signed by a trusted key.
 *
 * Why not xmlsec: it resolves part URIs through process-wide IO callbacks,
 * reports success for a wrong signature or Manifest reference unless every
 * status is read back, and silently keeps the first of two equal Ids. Doing
 * the XMLDSig core here keeps the one rule that matters in sight: only an
 * element reached from SignedInfo through a checked digest, inside this
 * very Signature, is ever read for the verdict (the Manifest, SigningTime,
 * SigningCertificate), and every Id in the document is unique.
 */
#include <string.h>

#include <glib.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/x509v3.h>

#include "parsers/ooxml-dsig.h"
#include "parsers/ooxml-sig.h"
#include "parsers/safe-xml.h"
#include "parsers/sig-chain.h"

#define SIG_MAX_TRANSFORMS	4	/* Office writes two at most */
#define SIG_MAX_CERTS		16	/* KeyInfo certificates looked at */
#define SIG_MAX_SIGS		64	/* signature parts looked at */

#define SIG_NS_ALG_MORE	"http://www.w3.org/2001/04/xmldsig-more#"

struct verify {
	struct package		*pkg;
	const struct sig_trust	*trust;
	struct ooxml_dsig_scope	*scope;
	struct sig_result	*res;
	xmlDocPtr		 doc;
	xmlNodePtr		 sig;
	xmlNodePtr		 signedinfo;
	GHashTable		*ids;		/* Id -> element */
	xmlNodePtr		 pkgobj;	/* the signed package Object */
	xmlNodePtr		 xades;		/* signed SignedProperties */
	STACK_OF(X509)		*certs;		/* KeyInfo, leaf first */
	X509			*leaf;
	GHashTable		*covered;	/* folded part names */
	GHashTable		*covered_rels;	/* "folded rels#Id" */
	GPtrArray		*warnings;
	time_t			 signed_at;
	bool			 has_time;
};

struct ref {
	xmlChar		*uri;
	xmlChar		*type;
	xmlNodePtr	 transforms[SIG_MAX_TRANSFORMS];
	size_t		 ntransforms;
	const EVP_MD	*md;
	xmlNodePtr	 value;
};

static void	 lower(struct verify *, enum sig_status, const char *, ...)
		    G_GNUC_PRINTF(3, 4);
static bool	 is_el(const xmlNode *, const char *, const char *);
static xmlNodePtr el_first(const xmlNode *);
static xmlNodePtr el_next(const xmlNode *);
static xmlNodePtr el_child(const xmlNode *, const char *, const char *);
static char	*el_text(const xmlNode *);
static int	 collect_ids(struct verify *, xmlNodePtr, size_t *);
static size_t	 count_els(const xmlNode *, const char *, const char *);
static int	 ref_parse(struct verify *, xmlNodePtr, struct ref *);
static void	 ref_clear(struct ref *);
static bool	 digest_matches(const EVP_MD *, const unsigned char *,
		    size_t, const xmlNode *);
static xmlChar	**c14n_prefixes(const xmlNode *);
static int	 check_signed_info(struct verify *);
static int	 check_same_doc_ref(struct verify *, xmlNodePtr);
static int	 check_signature_value(struct verify *);
static int	 read_certs(struct verify *);
static int	 check_manifest(struct verify *);
static int	 check_part_ref(struct verify *, struct ref *);
static int	 check_xades(struct verify *);
static void	 read_package_time(struct verify *);
static void	 check_chain(struct verify *);
static void	 check_coverage(struct verify *);
static void	 verify_one(struct package *, const struct sig_trust *,
		    struct ooxml_dsig_scope *, const char *,
		    struct sig_result *);

static void
lower(struct verify *v, enum sig_status st, const char *fmt, ...)
{
	va_list	ap;

	if (st >= v->res->status)
		return;
	v->res->status = st;
	g_free(v->res->reason);
	va_start(ap, fmt);
	v->res->reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

static bool
is_el(const xmlNode *n, const char *ns, const char *name)
{
	return (n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0);
}

static xmlNodePtr
el_first(const xmlNode *n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return (c);
	return (NULL);
}

static xmlNodePtr
el_next(const xmlNode *n)
{
	for (xmlNodePtr c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return (c);
	return (NULL);
}

static xmlNodePtr
el_child(const xmlNode *n, const char *ns, const char *name)
{
	for (xmlNodePtr c = el_first(n); c != NULL; c = el_next(c))
		if (is_el(c, ns, name))
			return (c);
	return (NULL);
}

/* Text of an element, trimmed, to g_free. */
static char *
el_text(const xmlNode *n)
{
	xmlChar	*t = xmlNodeGetContent(n);
	char	*s = g_strstrip(g_strdup(t != NULL ? (char *)t : ""));

	xmlFree(t);
	return (s);
}

/* Every Id, ID or id attribute in the document, which must be unique:
 * XML signature wrapping lives on a second element with the same Id. */
static int
collect_ids(struct verify *v, xmlNodePtr n, size_t *budget)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((*budget)-- == 0)
			return (-1);
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			xmlChar	*val;

			if (a->ns != NULL ||
			    g_ascii_strcasecmp((const char *)a->name, "id") != 0)
				continue;
			val = xmlNodeListGetString(n->doc, a->children, 1);
			if (val == NULL)
				continue;
			if (g_hash_table_contains(v->ids, val)) {
				xmlFree(val);
				return (-1);
			}
			g_hash_table_insert(v->ids, g_strdup((char *)val), n);
			xmlFree(val);
		}
		if (collect_ids(v, n->children, budget) == -1)
			return (-1);
	}
	return (0);
}

static size_t
count_els(const xmlNode *n, const char *ns, const char *name)
{
	size_t	c = 0;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, ns, name))
			c++;
		c += count_els(n->children, ns, name);
	}
	return (c);
}

/* Reference: Transforms?, DigestMethod, DigestValue, in that order. */
static int
ref_parse(struct verify *v, xmlNodePtr e, struct ref *r)
{
	xmlNodePtr	c = el_first(e);
	xmlChar		*alg;

	memset(r, 0, sizeof(*r));
	r->uri = xmlGetNoNsProp(e, BAD_CAST "URI");
	r->type = xmlGetNoNsProp(e, BAD_CAST "Type");
	if (is_el(c, DSIG_NS, "Transforms")) {
		for (xmlNodePtr t = el_first(c); t != NULL; t = el_next(t)) {
			if (!is_el(t, DSIG_NS, "Transform") ||
			    r->ntransforms == SIG_MAX_TRANSFORMS) {
				lower(v, SIG_UNSUPPORTED,
				    "a reference has transforms we do not "
				    "verify");
				return (-1);
			}
			r->transforms[r->ntransforms++] = t;
		}
		c = el_next(c);
	}
	if (!is_el(c, DSIG_NS, "DigestMethod")) {
		lower(v, SIG_INVALID, "a reference has no DigestMethod");
		return (-1);
	}
	alg = xmlGetNoNsProp(c, BAD_CAST "Algorithm");
	r->md = ooxml_dsig_md((char *)alg);
	xmlFree(alg);
	if (r->md == NULL) {
		lower(v, SIG_UNSUPPORTED, "a reference uses a digest we do "
		    "not verify");
		return (-1);
	}
	c = el_next(c);
	if (!is_el(c, DSIG_NS, "DigestValue") || el_next(c) != NULL) {
		lower(v, SIG_INVALID, "a reference has no DigestValue");
		return (-1);
	}
	r->value = c;
	return (0);
}

static void
ref_clear(struct ref *r)
{
	xmlFree(r->uri);
	xmlFree(r->type);
	memset(r, 0, sizeof(*r));
}

static bool
digest_matches(const EVP_MD *md, const unsigned char *data, size_t len,
    const xmlNode *value)
{
	unsigned char	 d[EVP_MAX_MD_SIZE], *want;
	unsigned int	 dlen;
	gsize		 wlen;
	char		*b64 = el_text(value);
	bool		 ok = false;

	want = g_base64_decode(b64, &wlen);
	if (EVP_Digest(data, len, d, &dlen, md, NULL) == 1 && wlen == dlen &&
	    CRYPTO_memcmp(d, want, dlen) == 0)
		ok = true;
	g_free(want);
	g_free(b64);
	return (ok);
}

/* The InclusiveNamespaces PrefixList of an exclusive C14N method, as
 * libxml2 takes it (NULL-terminated, to g_strfreev), or NULL. */
static xmlChar **
c14n_prefixes(const xmlNode *method)
{
	xmlNodePtr	 inc;
	xmlChar		*list;
	char		**v;

	inc = el_child(method, "http://www.w3.org/2001/10/xml-exc-c14n#",
	    "InclusiveNamespaces");
	if (inc == NULL ||
	    (list = xmlGetNoNsProp(inc, BAD_CAST "PrefixList")) == NULL)
		return (NULL);
	v = g_strsplit_set((char *)list, " \t\r\n", -1);
	xmlFree(list);
	return ((xmlChar **)v);
}

/* A same-document reference from SignedInfo: to one of this Signature's
 * own Objects, or to the XAdES SignedProperties inside one. */
static int
check_same_doc_ref(struct verify *v, xmlNodePtr e)
{
	struct ref	 r;
	xmlNodePtr	 target, obj;
	xmlChar		**prefixes = NULL;
	unsigned char	*data = NULL;
	size_t		 len;
	int		 alg = ooxml_dsig_c14n_alg(DSIG_ALG_C14N), rc = -1;

	if (ref_parse(v, e, &r) == -1)
		goto out;
	if (r.uri == NULL || r.uri[0] != '#' ||
	    (target = g_hash_table_lookup(v->ids, r.uri + 1)) == NULL) {
		lower(v, SIG_INVALID, "SignedInfo refers to something that is "
		    "not an element of this signature");
		goto out;
	}
	obj = target;
	if (is_el(target, DSIG_NS_XADES, "SignedProperties")) {
		if (!is_el(target->parent, DSIG_NS_XADES,
		    "QualifyingProperties"))
			obj = NULL;
		else
			obj = target->parent->parent;
	}
	if (obj == NULL || !is_el(obj, DSIG_NS, "Object") ||
	    obj->parent != v->sig) {
		lower(v, SIG_INVALID, "SignedInfo refers to an element outside "
		    "this signature's objects");
		goto out;
	}
	if (r.ntransforms > 1) {
		lower(v, SIG_UNSUPPORTED, "a signed object has transforms we "
		    "do not verify");
		goto out;
	}
	if (r.ntransforms == 1) {
		xmlChar *a = xmlGetNoNsProp(r.transforms[0],
		    BAD_CAST "Algorithm");

		alg = ooxml_dsig_c14n_alg((char *)a);
		xmlFree(a);
		if (alg == -1) {
			lower(v, SIG_UNSUPPORTED, "a signed object has a "
			    "transform we do not verify");
			goto out;
		}
		prefixes = c14n_prefixes(r.transforms[0]);
	}
	if (ooxml_dsig_c14n(v->doc, target, alg, prefixes, &data, &len) == -1 ||
	    !digest_matches(r.md, data, len, r.value)) {
		lower(v, SIG_INVALID, "the digest of signed object %s does not "
		    "match", (char *)r.uri);
		goto out;
	}
	if (r.type != NULL && strcmp((char *)r.type, DSIG_TYPE_OBJECT) == 0 &&
	    target == obj && el_child(obj, DSIG_NS, "Manifest") != NULL) {
		if (v->pkgobj != NULL) {
			lower(v, SIG_INVALID, "two package objects are signed");
			goto out;
		}
		v->pkgobj = obj;
	}
	if (r.type != NULL && strcmp((char *)r.type, DSIG_TYPE_XADES) == 0 &&
	    target != obj)
		v->xades = target;
	rc = 0;
out:
	g_strfreev((char **)prefixes);
	g_free(data);
	ref_clear(&r);
	return (rc);
}

static int
check_signed_info(struct verify *v)
{
	xmlNodePtr	c = el_first(v->signedinfo);
	size_t		nrefs = 0;

	if (!is_el(c, DSIG_NS, "CanonicalizationMethod") ||
	    !is_el(c = el_next(c), DSIG_NS, "SignatureMethod")) {
		lower(v, SIG_INVALID, "SignedInfo is malformed");
		return (-1);
	}
	for (c = el_next(c); c != NULL; c = el_next(c)) {
		if (!is_el(c, DSIG_NS, "Reference")) {
			lower(v, SIG_INVALID, "SignedInfo is malformed");
			return (-1);
		}
		if (check_same_doc_ref(v, c) == -1)
			return (-1);
		nrefs++;
	}
	if (v->pkgobj == NULL) {
		lower(v, SIG_INVALID, "SignedInfo does not sign the package "
		    "object");
		return (-1);
	}
	if (count_els(xmlDocGetRootElement(v->doc), DSIG_NS, "Manifest") != 1) {
		lower(v, SIG_INVALID, "the signature holds more than one "
		    "Manifest");
		return (-1);
	}
	return (nrefs > 0 ? 0 : -1);
}

static int
read_certs(struct verify *v)
{
	xmlNodePtr	ki, xd;

	v->certs = sk_X509_new_null();
	ki = el_child(v->sig, DSIG_NS, "KeyInfo");
	xd = ki != NULL ? el_child(ki, DSIG_NS, "X509Data") : NULL;
	for (xmlNodePtr c = xd != NULL ? el_first(xd) : NULL; c != NULL &&
	    sk_X509_num(v->certs) < SIG_MAX_CERTS; c = el_next(c)) {
		char			*b64;
		unsigned char		*der;
		const unsigned char	*p;
		gsize			 len;
		X509			*x;

		if (!is_el(c, DSIG_NS, "X509Certificate"))
			continue;
		b64 = el_text(c);
		der = g_base64_decode(b64, &len);
		p = der;
		x = d2i_X509(NULL, &p, (long)len);
		if (x != NULL && p == der + len)
			sk_X509_push(v->certs, x);
		else
			X509_free(x);
		g_free(der);
		g_free(b64);
	}
	if (sk_X509_num(v->certs) == 0) {
		lower(v, SIG_UNSUPPORTED, "the signature carries no X.509 "
		    "certificate");
		return (-1);
	}
	v->leaf = sk_X509_value(v->certs, 0);
	v->res->signer = sig_chain_signer_new(v->leaf);
	return (0);
}

/* SignatureValue over the canonical SignedInfo, with the leaf's key;
 * ECDSA values are r||s (RFC 4050) and become DER for OpenSSL. */
static int
check_signature_value(struct verify *v)
{
	xmlNodePtr	 cm = el_first(v->signedinfo), sm = el_next(cm);
	xmlNodePtr	 sv = el_next(v->signedinfo);
	xmlChar		*calg = xmlGetNoNsProp(cm, BAD_CAST "Algorithm");
	xmlChar		*salg = xmlGetNoNsProp(sm, BAD_CAST "Algorithm");
	xmlChar		**prefixes = c14n_prefixes(cm);
	const EVP_MD	*md = NULL;
	EVP_PKEY	*key = X509_get0_pubkey(v->leaf);
	EVP_MD_CTX	*ctx = NULL;
	unsigned char	*si = NULL, *raw = NULL, *der = NULL;
	size_t		 silen, dlen = 0;
	gsize		 rlen;
	char		*b64 = NULL;
	const char	*m;
	bool		 ec = false;
	int		 alg, rc = -1;

	alg = ooxml_dsig_c14n_alg((char *)calg);
	m = salg != NULL ? (char *)salg : "";
	if (strcmp(m, DSIG_NS "rsa-sha1") == 0)
		md = EVP_sha1();
	else if (strncmp(m, SIG_NS_ALG_MORE, strlen(SIG_NS_ALG_MORE)) == 0) {
		m += strlen(SIG_NS_ALG_MORE);
		if (strncmp(m, "ecdsa-", 6) == 0) {
			ec = true;
			m += 6;
		} else if (strncmp(m, "rsa-", 4) == 0)
			m += 4;
		else
			m = "";
		md = strcmp(m, "sha1") == 0 ? EVP_sha1() :
		    strcmp(m, "sha256") == 0 ? EVP_sha256() :
		    strcmp(m, "sha384") == 0 ? EVP_sha384() :
		    strcmp(m, "sha512") == 0 ? EVP_sha512() : NULL;
	}
	if (alg == -1 || md == NULL || key == NULL ||
	    EVP_PKEY_get_base_id(key) != (ec ? EVP_PKEY_EC : EVP_PKEY_RSA)) {
		lower(v, SIG_UNSUPPORTED, "the signature method or key type is "
		    "not one we verify");
		goto out;
	}
	if (!is_el(sv, DSIG_NS, "SignatureValue")) {
		lower(v, SIG_INVALID, "the signature has no SignatureValue");
		goto out;
	}
	b64 = el_text(sv);
	raw = g_base64_decode(b64, &rlen);
	if (ec) {
		ECDSA_SIG	*es = ECDSA_SIG_new();
		BIGNUM		*r, *s;
		unsigned char	*p = NULL;
		int		 n;

		r = BN_bin2bn(raw, (int)(rlen / 2), NULL);
		s = BN_bin2bn(raw + rlen / 2, (int)(rlen / 2), NULL);
		ECDSA_SIG_set0(es, r, s);
		if (rlen % 2 == 0 && rlen > 0 &&
		    (n = i2d_ECDSA_SIG(es, &p)) > 0) {
			der = g_memdup2(p, n);
			dlen = (size_t)n;
		}
		OPENSSL_free(p);
		ECDSA_SIG_free(es);
	} else {
		der = g_memdup2(raw, rlen);
		dlen = rlen;
	}
	if (ooxml_dsig_c14n(v->doc, v->signedinfo, alg, prefixes, &si,
	    &silen) == -1 || der == NULL ||
	    (ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(ctx, NULL, md, NULL, key) != 1 ||
	    EVP_DigestVerify(ctx, der, dlen, si, silen) != 1) {
		lower(v, SIG_INVALID, "the signature value does not verify "
		    "with the signer's key");
		goto out;
	}
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	g_free(si);
	g_free(raw);
	g_free(der);
	g_free(b64);
	g_strfreev((char **)prefixes);
	xmlFree(calg);
	xmlFree(salg);
	return (rc);
}

/* One Manifest reference: a part of this package, its declared content
 * type unchanged, its bytes (or chosen relationships) digested. */
static int
check_part_ref(struct verify *v, struct ref *r)
{
	char		*name = NULL, *ctype = NULL, *have = NULL, *key = NULL;
	char		**ids = NULL, **types = NULL;
	unsigned char	*data = NULL, *out = NULL;
	size_t		 len, olen, nids = 0, ntypes = 0;
	const char	*why;
	int		 alg = -1, rc = -1;
	bool		 rels = false;

	if (ooxml_dsig_uri_part((char *)r->uri, &name, &ctype) == -1) {
		lower(v, SIG_INVALID, "the Manifest refers to something that "
		    "is not a part of the package");
		goto out;
	}
	if (!package_has(v->pkg, name)) {
		lower(v, SIG_INVALID, "signed part %s is missing", name);
		goto out;
	}
	have = package_content_type(v->pkg, name);
	if (have == NULL || g_ascii_strcasecmp(have, ctype) != 0) {
		lower(v, SIG_INVALID, "the content type of signed part %s "
		    "changed", name);
		goto out;
	}
	for (size_t i = 0; i < r->ntransforms; i++) {
		xmlChar	*a = xmlGetNoNsProp(r->transforms[i],
		    BAD_CAST "Algorithm");
		bool	 ok = false;

		if (a != NULL && i == 0 &&
		    strcmp((char *)a, DSIG_ALG_RELS) == 0) {
			GPtrArray *pi = g_ptr_array_new(),
			    *pt = g_ptr_array_new();

			rels = ok = true;
			for (xmlNodePtr c = el_first(r->transforms[i]);
			    c != NULL; c = el_next(c)) {
				xmlChar *x;

				if (is_el(c, DSIG_NS_MDSSI,
				    "RelationshipReference") &&
				    (x = xmlGetNoNsProp(c,
				    BAD_CAST "SourceId")) != NULL) {
					g_ptr_array_add(pi, g_strdup(
					    (char *)x));
					xmlFree(x);
				} else if (is_el(c, DSIG_NS_MDSSI,
				    "RelationshipsGroupReference") &&
				    (x = xmlGetNoNsProp(c,
				    BAD_CAST "SourceType")) != NULL) {
					g_ptr_array_add(pt, g_strdup(
					    (char *)x));
					xmlFree(x);
				} else
					ok = false;
			}
			nids = pi->len;
			ntypes = pt->len;
			g_ptr_array_add(pi, NULL);
			g_ptr_array_add(pt, NULL);
			ids = (char **)g_ptr_array_free(pi, FALSE);
			types = (char **)g_ptr_array_free(pt, FALSE);
		} else if (i == r->ntransforms - 1 && alg == -1 &&
		    (alg = ooxml_dsig_c14n_alg((char *)a)) != -1)
			ok = true;
		xmlFree(a);
		if (!ok) {
			lower(v, SIG_UNSUPPORTED, "the reference to %s has "
			    "transforms we do not verify", name);
			goto out;
		}
	}
	if (package_read(v->pkg, name, &data, &len, &why) == -1) {
		lower(v, SIG_INVALID, "signed part %s is unreadable: %s", name,
		    why);
		goto out;
	}
	if (rels) {
		if (ooxml_dsig_rels_transform(data, len, NULL, ids, nids,
		    types, ntypes, alg != -1 ? alg :
		    ooxml_dsig_c14n_alg(DSIG_ALG_C14N), &out, &olen,
		    &why) == -1) {
			lower(v, SIG_INVALID, "signed relationships %s: %s",
			    name, why);
			goto out;
		}
	} else if (alg != -1) {
		xmlDocPtr d = safe_xml_parse(data, len, NULL, &why);

		if (d == NULL || ooxml_dsig_c14n(d, NULL, alg, NULL, &out,
		    &olen) == -1) {
			xmlFreeDoc(d);
			lower(v, SIG_INVALID, "signed part %s is not XML", name);
			goto out;
		}
		xmlFreeDoc(d);
	}
	if (!digest_matches(r->md, out != NULL ? out : data,
	    out != NULL ? olen : len, r->value)) {
		lower(v, SIG_INVALID, "signed part %s was changed", name);
		goto out;
	}
	/* Digested whole, a relationships part covers all of its
	 * relationships; through the transform, only those it selects. */
	key = g_ascii_strdown(name, -1);
	if (!rels)
		g_hash_table_add(v->covered, g_strdup(key));
	for (size_t i = 0; i < nids; i++)
		g_hash_table_add(v->covered_rels, g_strdup_printf("%s#%s",
		    key, ids[i]));
	for (size_t i = 0; i < ntypes; i++)
		g_hash_table_add(v->covered_rels, g_strdup_printf("%s\t%s",
		    key, types[i]));
	rc = 0;
out:
	g_strfreev(ids);
	g_strfreev(types);
	g_free(out);
	g_free(data);
	g_free(key);
	g_free(have);
	g_free(name);
	g_free(ctype);
	return (rc);
}

static int
check_manifest(struct verify *v)
{
	xmlNodePtr	man = el_child(v->pkgobj, DSIG_NS, "Manifest");

	for (xmlNodePtr c = el_first(man); c != NULL; c = el_next(c)) {
		struct ref	r;
		int		rc;

		if (!is_el(c, DSIG_NS, "Reference")) {
			lower(v, SIG_INVALID, "the Manifest is malformed");
			return (-1);
		}
		if (ref_parse(v, c, &r) == -1) {
			ref_clear(&r);
			return (-1);
		}
		rc = check_part_ref(v, &r);
		ref_clear(&r);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

/*
 * XAdES SignedProperties, read only when SignedInfo signed them: the
 * signing certificate named there must be the one whose key verified,
 * and SigningTime is the time the signature states.
 */
static int
check_xades(struct verify *v)
{
	xmlNodePtr	 ssp, sc, st;
	unsigned char	*der = NULL;
	int		 dlen;
	bool		 found = false;

	ssp = el_child(v->xades, DSIG_NS_XADES, "SignedSignatureProperties");
	if (ssp == NULL)
		return (0);
	if ((st = el_child(ssp, DSIG_NS_XADES, "SigningTime")) != NULL) {
		char *t = el_text(st);

		if (ooxml_dsig_time_parse(t, &v->signed_at) == 0)
			v->has_time = true;
		g_free(t);
	}
	if ((sc = el_child(ssp, DSIG_NS_XADES, "SigningCertificate")) == NULL)
		return (0);
	if ((dlen = i2d_X509(v->leaf, &der)) <= 0)
		return (-1);
	for (xmlNodePtr c = el_first(sc); c != NULL && !found;
	    c = el_next(c)) {
		xmlNodePtr	 cd, dm, dv, is, sn;
		xmlChar		*a;
		const EVP_MD	*md;

		if (!is_el(c, DSIG_NS_XADES, "Cert") ||
		    (cd = el_child(c, DSIG_NS_XADES, "CertDigest")) == NULL ||
		    (dm = el_child(cd, DSIG_NS, "DigestMethod")) == NULL ||
		    (dv = el_child(cd, DSIG_NS, "DigestValue")) == NULL)
			continue;
		a = xmlGetNoNsProp(dm, BAD_CAST "Algorithm");
		md = ooxml_dsig_md((char *)a);
		xmlFree(a);
		if (md == NULL || !digest_matches(md, der, (size_t)dlen, dv))
			continue;
		found = true;
		is = el_child(c, DSIG_NS_XADES, "IssuerSerial");
		sn = is != NULL ? el_child(is, DSIG_NS, "X509SerialNumber") :
		    NULL;
		if (sn != NULL) {
			char	*t = el_text(sn);
			BIGNUM	*want = NULL, *have;

			have = ASN1_INTEGER_to_BN(
			    X509_get0_serialNumber(v->leaf), NULL);
			if (BN_dec2bn(&want, t) != (int)strlen(t) ||
			    BN_cmp(want, have) != 0)
				found = false;
			BN_free(want);
			BN_free(have);
			g_free(t);
		}
	}
	OPENSSL_free(der);
	if (!found) {
		lower(v, SIG_INVALID, "the signing certificate named in the "
		    "signed properties is not the one that signed");
		return (-1);
	}
	return (0);
}

/* The mdssi:SignatureTime of the signed package object, when XAdES
 * gave no SigningTime. */
static void
read_package_time(struct verify *v)
{
	for (xmlNodePtr sps = el_first(v->pkgobj); sps != NULL;
	    sps = el_next(sps)) {
		if (!is_el(sps, DSIG_NS, "SignatureProperties"))
			continue;
		for (xmlNodePtr sp = el_first(sps); sp != NULL;
		    sp = el_next(sp)) {
			xmlNodePtr	 t, val;
			char		*s;

			if (!is_el(sp, DSIG_NS, "SignatureProperty") ||
			    (t = el_child(sp, DSIG_NS_MDSSI,
			    "SignatureTime")) == NULL ||
			    (val = el_child(t, DSIG_NS_MDSSI,
			    "Value")) == NULL)
				continue;
			s = el_text(val);
			if (ooxml_dsig_time_parse(s, &v->signed_at) == 0)
				v->has_time = true;
			g_free(s);
			return;
		}
	}
}

/* The chain at the signature's own time (sig-chain.c). */
static void
check_chain(struct verify *v)
{
	struct sig_chain_verdict	 cv;
	STACK_OF(X509)			*extra = sk_X509_new_null();

	for (int i = 1; i < sk_X509_num(v->certs); i++)
		sk_X509_push(extra, sk_X509_value(v->certs, i));
	sig_chain_check(v->trust, v->leaf, extra, sig_chain_time(v->trust,
	    v->has_time, v->signed_at), v->warnings, &cv);
	if (cv.status != SIG_VALID)
		lower(v, cv.status, "%s", cv.reason);
	g_free(cv.reason);
	sk_X509_free(extra);
}

static void
check_coverage(struct verify *v)
{
	GPtrArray		*un = g_ptr_array_new();
	struct ooxml_dsig_scope	*sc = v->scope;

	for (size_t i = 0; i < sc->nparts; i++) {
		char *key = g_ascii_strdown(sc->parts[i], -1);

		if (!g_hash_table_contains(v->covered, key))
			g_ptr_array_add(un, g_strdup(sc->parts[i]));
		g_free(key);
	}
	for (size_t i = 0; i < sc->nrels; i++) {
		char *key = g_ascii_strdown(sc->rels[i].name, -1);

		for (size_t j = 0; j < sc->rels[i].nids; j++) {
			char	*k1 = g_strdup_printf("%s#%s", key,
			    sc->rels[i].ids[j]);
			char	*k2 = g_strdup_printf("%s\t%s", key,
			    sc->rels[i].types[j]);

			if (!g_hash_table_contains(v->covered, key) &&
			    !g_hash_table_contains(v->covered_rels, k1) &&
			    !g_hash_table_contains(v->covered_rels, k2))
				g_ptr_array_add(un, g_strdup_printf("%s#%s",
				    sc->rels[i].name, sc->rels[i].ids[j]));
			g_free(k1);
			g_free(k2);
		}
		g_free(key);
	}
	v->res->nuncovered = un->len;
	v->res->covers_all_parts = un->len == 0;
	if (un->len > 0)
		lower(v, SIG_PARTIAL, "the signature does not cover %s%s",
		    (char *)g_ptr_array_index(un, 0), un->len > 1 ?
		    " and more" : "");
	g_ptr_array_add(un, NULL);
	v->res->uncovered = (char **)g_ptr_array_free(un, FALSE);
}

void
ooxml_sig_signer_free(struct sig_signer *s)
{
	if (s == NULL)
		return;
	g_free(s->cn);
	g_free(s->o);
	g_free(s->ou);
	g_free(s->email);
	g_free(s->serial);
	g_free(s->issuer_cn);
	g_free(s->not_before);
	g_free(s->not_after);
	g_free(s);
}

/*
 * One signature part, in the order that lets no later step read what an
 * earlier one did not vouch for: Ids unique, SignedInfo's own references
 * (which pin the package object and the signed properties), the value
 * over SignedInfo, then the Manifest inside the pinned object, the
 * signed properties, the chain, revocation and coverage.
 */
static void
verify_one(struct package *pkg, const struct sig_trust *trust,
    struct ooxml_dsig_scope *scope, const char *part, struct sig_result *res)
{
	struct verify	 v = { 0 };
	unsigned char	*data = NULL;
	size_t		 len, budget = 1 << 20;
	const char	*why;

	res->status = SIG_VALID;
	res->part = g_strdup(part);
	v.pkg = pkg;
	v.trust = trust;
	v.scope = scope;
	v.res = res;
	v.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	v.covered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	v.covered_rels = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	v.warnings = g_ptr_array_new();
	if (!package_has(pkg, part)) {
		lower(&v, SIG_INVALID, "the signature part is missing");
		goto out;
	}
	if (package_read(pkg, part, &data, &len, &why) == -1) {
		lower(&v, SIG_INVALID, "the signature part is unreadable: %s",
		    why);
		goto out;
	}
	if (len == 0) {
		lower(&v, SIG_INVALID, "the signature part is empty");
		goto out;
	}
	if ((v.doc = safe_xml_parse(data, len, NULL, &why)) == NULL) {
		lower(&v, SIG_INVALID, "the signature part is not XML: %s",
		    why);
		goto out;
	}
	v.sig = xmlDocGetRootElement(v.doc);
	if (!is_el(v.sig, DSIG_NS, "Signature") ||
	    count_els(v.sig, DSIG_NS, "Signature") != 1) {
		lower(&v, SIG_INVALID, "the signature part does not hold one "
		    "Signature");
		goto out;
	}
	if (collect_ids(&v, v.sig, &budget) == -1) {
		lower(&v, SIG_INVALID, "two elements of the signature have "
		    "the same Id");
		goto out;
	}
	v.signedinfo = el_first(v.sig);
	if (!is_el(v.signedinfo, DSIG_NS, "SignedInfo")) {
		lower(&v, SIG_INVALID, "the signature has no SignedInfo");
		goto out;
	}
	if (check_signed_info(&v) == -1 || read_certs(&v) == -1 ||
	    check_signature_value(&v) == -1 || check_manifest(&v) == -1)
		goto out;
	if (v.xades != NULL && check_xades(&v) == -1)
		goto out;
	if (!v.has_time)
		read_package_time(&v);
	if (v.has_time)
		res->signed_at = ooxml_dsig_time_format(v.signed_at);
	check_chain(&v);
	check_coverage(&v);
out:
	if (v.res->status == SIG_VALID) {
		g_free(res->reason);
		res->reason = NULL;
	} else if (res->status <= SIG_INVALID)
		res->covers_all_parts = false;
	res->nwarnings = v.warnings->len;
	g_ptr_array_add(v.warnings, NULL);
	res->warnings = (char **)g_ptr_array_free(v.warnings, FALSE);
	if (res->uncovered == NULL)
		res->uncovered = g_new0(char *, 1);
	sk_X509_pop_free(v.certs, X509_free);
	g_hash_table_destroy(v.ids);
	g_hash_table_destroy(v.covered);
	g_hash_table_destroy(v.covered_rels);
	xmlFreeDoc(v.doc);
	g_free(data);
}

int
ooxml_sig_verify(struct package *pkg, const struct sig_trust *trust,
    struct sig_result **results_r, size_t *n_r, const char **why_r)
{
	struct package_rel	*top = NULL, *or;
	struct ooxml_dsig_scope	*scope = NULL;
	struct sig_trust	 none = { 0 };
	GPtrArray		*parts = g_ptr_array_new_with_free_func(g_free);
	size_t			 ntop = 0, nor;
	const char		*why = NULL;
	int			 rc = -1;

	*results_r = NULL;
	*n_r = 0;
	if (trust == NULL)
		trust = &none;
	if (package_rels(pkg, "", &top, &ntop, &why) == -1)
		goto out;
	for (size_t i = 0; i < ntop; i++) {
		if (top[i].external ||
		    g_ascii_strcasecmp(top[i].type, DSIG_REL_ORIGIN) != 0 ||
		    !package_has(pkg, top[i].target))
			continue;
		if (package_rels(pkg, top[i].target, &or, &nor, &why) == -1)
			goto out;
		for (size_t j = 0; j < nor && parts->len < SIG_MAX_SIGS; j++) {
			bool dup = false;

			if (or[j].external ||
			    g_ascii_strcasecmp(or[j].type, DSIG_REL_SIG) != 0)
				continue;
			for (size_t k = 0; k < parts->len; k++)
				if (g_ascii_strcasecmp(or[j].target,
				    g_ptr_array_index(parts, k)) == 0)
					dup = true;
			if (!dup)
				g_ptr_array_add(parts, g_strdup(or[j].target));
		}
		package_rels_free(or, nor);
	}
	if (parts->len > 0) {
		if (ooxml_dsig_scope(pkg, false, &scope, &why) == -1)
			goto out;
		*results_r = g_new0(struct sig_result, parts->len);
		for (size_t i = 0; i < parts->len; i++)
			verify_one(pkg, trust, scope,
			    g_ptr_array_index(parts, i), &(*results_r)[i]);
		*n_r = parts->len;
	}
	rc = 0;
out:
	ooxml_dsig_scope_free(scope);
	package_rels_free(top, ntop);
	g_ptr_array_free(parts, TRUE);
	*why_r = why;
	return (rc);
}

void
ooxml_sig_results_free(struct sig_result *r, size_t n)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		g_free(r[i].part);
		ooxml_sig_signer_free(r[i].signer);
		g_free(r[i].signed_at);
		g_free(r[i].reason);
		g_strfreev(r[i].uncovered);
		g_strfreev(r[i].warnings);
	}
	g_free(r);
}

enum sig_status
ooxml_sig_summary(const struct sig_result *r, size_t n)
{
	enum sig_status	st = SIG_VALID;

	if (n == 0)
		return (SIG_UNSIGNED);
	for (size_t i = 0; i < n; i++)
		if (r[i].status < st)
			st = r[i].status;
	return (st);
}
