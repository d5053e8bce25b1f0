/* ooxml-dsig.h: what the OOXML package signature verifier and signer share
 * (the coverage rule, the OPC relationship transform, canonical XML,
 * digests, times). Internal to parsers/; pure: never any I/O or clock. */
#ifndef HOTROCKS_OOXML_DSIG_H
#define HOTROCKS_OOXML_DSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>
#include <openssl/evp.h>

#include "parsers/limits.h"
#include "parsers/package.h"

#define DSIG_NS		"http://www.w3.org/2000/09/xmldsig#"
#define DSIG_NS_MDSSI	"http://schemas.openxmlformats.org/package/2006/digital-signature"
#define DSIG_NS_XADES	"http://uri.etsi.org/01903/v1.3.2#"
#define DSIG_NS_RELS	"http://schemas.openxmlformats.org/package/2006/relationships"

#define DSIG_ALG_RELS	"http://schemas.openxmlformats.org/package/2006/RelationshipTransform"
#define DSIG_ALG_C14N	"http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
#define DSIG_ALG_SHA256	"http://www.w3.org/2001/04/xmlenc#sha256"
#define DSIG_TYPE_OBJECT "http://www.w3.org/2000/09/xmldsig#Object"
#define DSIG_TYPE_XADES	"http://uri.etsi.org/01903#SignedProperties"

#define DSIG_REL_ORIGIN	"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
#define DSIG_REL_SIG	"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature"
#define DSIG_CT_ORIGIN	"application/vnd.openxmlformats-package.digital-signature-origin"
#define DSIG_CT_SIG	"application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"
#define DSIG_CT_RELS	"application/vnd.openxmlformats-package.relationships+xml"

/* One relationships part and the Ids in it a signature must cover. */
struct ooxml_dsig_rels {
	char	 *name;
	char	**ids;
	char	**types;	/* types[i] is the Type of ids[i] */
	size_t	  nids;
};

/*
 * What a package signature must cover (the rule, written once):
 * - A relationship is exempt when its type is one Office never signs:
 *   core, extended and custom properties, the thumbnail, and the
 *   digital-signature origin, signature and certificate types.
 * - A part is exempt when some exempt relationship targets it and no
 *   other relationship in the package does.
 * - Every other ZIP entry must be covered by a Manifest reference, except
 *   [Content_Types].xml (not a part), relationships parts (covered through
 *   their relationships) and directory entries.
 * - Every internal relationship that is not exempt, in the relationships
 *   part of the package or of an existing part that is not exempt, must be
 *   covered by its Id. External ones (hyperlinks) are covered only when
 *   with_external is set: Office and POI do not select them, so the
 *   verifier does not require them, while our signer covers them too.
 */
struct ooxml_dsig_scope {
	char			**parts;
	size_t			  nparts;
	struct ooxml_dsig_rels	 *rels;
	size_t			  nrels;
};

int		 ooxml_dsig_scope(struct package *, bool with_external,
		    struct ooxml_dsig_scope **scope_r, const char **why_r);
void		 ooxml_dsig_scope_free(struct ooxml_dsig_scope *);

/* True for a relationship type the rule above exempts. */
bool		 ooxml_dsig_rel_exempt(const char *type);

/* Canonicalisation algorithm of a URI (xmlC14NMode in the low bits,
 * comments flag 0x100), or -1 for one not supported. */
int		 ooxml_dsig_c14n_alg(const char *uri);

/*
 * Canonical form of the subtree at top (the whole document when NULL),
 * comments dropped unless alg says otherwise; prefixes is the exclusive
 * C14N InclusiveNamespaces list or NULL. *out_r is g_free'd.
 */
int		 ooxml_dsig_c14n(xmlDocPtr, xmlNodePtr top, int alg,
		    xmlChar **prefixes, unsigned char **out_r, size_t *len_r);

/*
 * The OPC RelationshipTransform (ECMA-376 Part 2, 13.2.4.24) of the
 * relationships part in rels[0..len): keeps the Relationship elements
 * whose Id is in ids or whose Type is in types, adds
 * TargetMode="Internal" where it is missing, sorts them by Id, drops
 * everything else (other elements, the text between the elements and
 * any contents of a Relationship: a pretty-printed part digests as the
 * compact one) and canonicalises with alg. Fails on two relationships
 * with the same Id.
 */
int		 ooxml_dsig_rels_transform(const unsigned char *rels,
		    size_t len, const struct parse_limits *,
		    char *const *ids, size_t nids, char *const *types,
		    size_t ntypes, int alg, unsigned char **out_r,
		    size_t *len_r, const char **why_r);

/* Digest of a DigestMethod URI, or NULL. */
const EVP_MD	*ooxml_dsig_md(const char *uri);

/* "2024-05-02T08:00:00Z" (fraction and offset allowed) to time_t. */
int		 ooxml_dsig_time_parse(const char *, time_t *);
/* struct tm in UTC (as ASN1_TIME_to_tm fills it) to time_t. */
time_t		 ooxml_dsig_tm_time(const struct tm *);
/* RFC 3339 UTC, to g_free. */
char		*ooxml_dsig_time_format(time_t);

/* "/name?ContentType=ctype" with name %-encoded, to g_free. */
char		*ooxml_dsig_part_uri(const char *name, const char *ctype);
/* The part name (no leading '/', %-decoded) and content type of a part
 * URI, both to g_free; -1 when uri is not a part URI of this package. */
int		 ooxml_dsig_uri_part(const char *uri, char **name_r,
		    char **ctype_r);

#endif
