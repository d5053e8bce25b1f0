/* pdf-sign.c: a PAdES-style signature appended as an incremental update.
 * Must never rewrite a byte of the input: earlier signatures stay valid.
 * Pure: qpdf reads the input from memory; the clock is the caller's. */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/err.h>

#include "parsers/pdf-doc.h"
#include "parsers/pdf-sign.h"

#define SIGN_SLACK	512	/* CMS size varies (ECDSA, time encoding) */
#define BR_PLACEHOLDER	"[0 0000000000 0000000000 0000000000]"

static char	*unparse_with(qpdf_data, qpdf_oh, const char *,
		    const char *, const char *, const char *);
static char	*array_plus(qpdf_data, qpdf_oh, const char *);
static long long prev_xref(const unsigned char *, size_t);
static unsigned char *cms_sign(const unsigned char *, size_t,
		    const unsigned char *, size_t, EVP_PKEY *, X509 *,
		    STACK_OF(X509) *, time_t, bool, size_t *);
static void	 add_obj(GString *, GArray *, GArray *, int, const char *);

/* A dictionary's text with k1 (and k2, when not NULL) set to the given
 * values: every other entry as qpdf writes it. */
static char *
unparse_with(qpdf_data q, qpdf_oh d, const char *k1, const char *v1,
    const char *k2, const char *v2)
{
	GString		*s = g_string_new("<<");
	GPtrArray	*keys = qpdf_oh_is_dictionary(q, d) ?
			    pdf_doc_keys(q, d) : g_ptr_array_new();

	for (guint i = 0; i < keys->len; i++) {
		const char *k = g_ptr_array_index(keys, i);

		if (strcmp(k, k1) == 0 || (k2 != NULL && strcmp(k, k2) == 0))
			continue;
		/* qpdf's strings live until its next call: one at a time */
		g_string_append_printf(s, " %s", qpdf_oh_unparse(q,
		    qpdf_oh_new_name(q, k)));
		g_string_append_printf(s, " %s", qpdf_oh_unparse(q,
		    qpdf_oh_get_key(q, d, k)));
	}
	g_string_append_printf(s, " %s %s", k1, v1);
	if (k2 != NULL)
		g_string_append_printf(s, " %s %s", k2, v2);
	g_string_append(s, " >>");
	g_ptr_array_unref(keys);
	return (g_string_free(s, FALSE));
}

/* An array's text (or an empty one's) with one more item. */
static char *
array_plus(qpdf_data q, qpdf_oh a, const char *item)
{
	GString	*s = g_string_new("[");

	for (int i = 0; qpdf_oh_is_array(q, a) &&
	    i < qpdf_oh_get_array_n_items(q, a); i++)
		g_string_append_printf(s, "%s ", qpdf_oh_unparse(q,
		    qpdf_oh_get_array_item(q, a, i)));
	g_string_append_printf(s, "%s]", item);
	return (g_string_free(s, FALSE));
}

/* The offset after the last "startxref" (ISO 32000-1 §7.5.5: a reader
 * starts at the end of the file), which the update's /Prev must name;
 * qpdf's C API does not tell it. -1 when the tail holds none. */
static long long
prev_xref(const unsigned char *d, size_t len)
{
	size_t	from = len > 1024 ? len - 1024 : 0;

	for (size_t i = len; i-- > from;) {
		long long	v = 0;
		size_t		j;

		if (len - i < 9 || memcmp(d + i, "startxref", 9) != 0)
			continue;
		for (j = i + 9; j < len && g_ascii_isspace(d[j]); j++)
			;
		if (j == len || !g_ascii_isdigit(d[j]))
			return (-1);
		for (; j < len && g_ascii_isdigit(d[j]) && v < (1LL << 40); j++)
			v = v * 10 + (d[j] - '0');
		return (v < (long long)len ? v : -1);
	}
	return (-1);
}

/* CMS SignedData, detached, over d1 then d2; DER to g_free. */
static unsigned char *
cms_sign(const unsigned char *d1, size_t l1, const unsigned char *d2,
    size_t l2, EVP_PKEY *key, X509 *cert, STACK_OF(X509) *chain, time_t at,
    bool cades, size_t *len_r)
{
	CMS_ContentInfo	*cms;
	CMS_SignerInfo	*si;
	ASN1_TIME	*t = NULL;
	BIO		*b = BIO_new(BIO_s_mem());
	unsigned char	*der = NULL, *out = NULL;
	int		 n;

	BIO_write(b, d1, (int)l1);
	if (l2 > 0)
		BIO_write(b, d2, (int)l2);
	cms = CMS_sign(NULL, NULL, NULL, NULL, CMS_PARTIAL | CMS_DETACHED |
	    CMS_BINARY);
	if (cms == NULL || (si = CMS_add1_signer(cms, cert, key, EVP_sha256(),
	    CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP |
	    (cades ? CMS_CADES : 0))) == NULL ||
	    (t = ASN1_TIME_set(NULL, at)) == NULL ||
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t,
	    -1) != 1)
		goto out;
	for (int i = 0; chain != NULL && i < sk_X509_num(chain); i++)
		if (X509_cmp(sk_X509_value(chain, i), cert) != 0)
			CMS_add1_cert(cms, sk_X509_value(chain, i));
	if (CMS_final(cms, b, NULL, CMS_DETACHED | CMS_BINARY) != 1 ||
	    (n = i2d_CMS_ContentInfo(cms, &der)) <= 0)
		goto out;
	out = g_memdup2(der, (size_t)n);
	*len_r = (size_t)n;
out:
	ERR_clear_error();
	OPENSSL_free(der);
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(b);
	return (out);
}

/* Object id with body, its offset noted for the xref table. */
static void
add_obj(GString *s, GArray *ids, GArray *offs, int id, const char *body)
{
	long long off = (long long)s->len;

	g_array_append_val(ids, id);
	g_array_append_val(offs, off);
	g_string_append_printf(s, "%d 0 obj\n%s\nendobj\n", id, body);
}

int
pdf_sign(const unsigned char *in, size_t len, EVP_PKEY *key, X509 *cert,
    STACK_OF(X509) *chain, time_t at, bool cades,
    const struct parse_limits *limits, unsigned char **out_r,
    size_t *out_len_r, const char **why_r)
{
	qpdf_data	 q;
	qpdf_oh		 tr, root, page, af, fields, annots;
	GString		*s = NULL;
	GArray		*offs = g_array_new(FALSE, FALSE, sizeof(long long));
	GArray		*ids = g_array_new(FALSE, FALSE, sizeof(int));
	unsigned char	*der = NULL;
	char		*t, *sig, mtime[32], brtext[64];
	size_t		 reserve = 0, dlen = 0, hole, br_at, xref_at;
	long long	 prev, a, b, c;
	int		 size, sid, fid, nfields;
	struct tm	 tm;
	int		 rc = -1;

	*out_r = NULL;
	if ((q = pdf_doc_open(in, len, limits, why_r)) == NULL)
		goto out;
	tr = qpdf_get_trailer(q);
	root = qpdf_get_root(q);
	if (qpdf_oh_has_key(q, tr, "/Encrypt")) {
		*why_r = "the PDF is encrypted";
		goto out;
	}
	if (qpdf_get_num_pages(q) < 1 ||
	    !qpdf_oh_is_indirect(q, page = qpdf_get_page_n(q, 0)) ||
	    !qpdf_oh_is_indirect(q, root)) {
		*why_r = "the PDF has no page to sign on";
		goto out;
	}
	if ((prev = prev_xref(in, len)) < 0) {
		*why_r = "the PDF has no startxref at its end";
		goto out;
	}
	if ((der = cms_sign(in, 0, NULL, 0, key, cert, chain, at, cades,
	    &reserve)) == NULL) {
		*why_r = "the key cannot sign for this certificate";
		goto out;
	}
	g_free(der);
	der = NULL;
	reserve += SIGN_SLACK;
	size = (int)qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, tr, "/Size"));
	sid = size;
	fid = size + 1;
	af = qpdf_oh_get_key(q, root, "/AcroForm");
	fields = qpdf_oh_get_key(q, af, "/Fields");
	nfields = qpdf_oh_is_array(q, fields) ?
	    qpdf_oh_get_array_n_items(q, fields) : 0;

	s = g_string_new_len((const char *)in, (gssize)len);
	if (len == 0 || in[len - 1] != '\n')
		g_string_append_c(s, '\n');
	gmtime_r(&at, &tm);
	strftime(mtime, sizeof(mtime), "D:%Y%m%d%H%M%S+00'00'", &tm);
	{
		long long off = (long long)s->len;

		g_array_append_val(ids, sid);
		g_array_append_val(offs, off);
	}
	g_string_append_printf(s, "%d 0 obj\n<< /Type /Sig /Filter "
	    "/Adobe.PPKLite /SubFilter /%s /M (%s) /ByteRange ", sid,
	    cades ? "ETSI.CAdES.detached" : "adbe.pkcs7.detached", mtime);
	br_at = s->len;
	g_string_append(s, BR_PLACEHOLDER " /Contents ");
	hole = s->len;
	g_string_append_c(s, '<');
	for (size_t i = 0; i < 2 * reserve; i++)
		g_string_append_c(s, '0');
	g_string_append(s, "> >>\nendobj\n");
	{
		char *f = g_strdup_printf("<< /Type /Annot /Subtype /Widget "
		    "/FT /Sig /T (Signature%d) /V %d 0 R /F 132 /Rect [0 0 0 0] "
		    "/P %d %d R >>", nfields + 1, sid,
		    qpdf_oh_get_object_id(q, page),
		    qpdf_oh_get_generation(q, page));

		add_obj(s, ids, offs, fid, f);
		g_free(f);
	}
	/* the form: its own object when it has one, else in the catalog */
	sig = g_strdup_printf("%d 0 R", fid);
	t = array_plus(q, fields, sig);
	if (qpdf_oh_is_indirect(q, af)) {
		char *body = unparse_with(q, af, "/Fields", t, "/SigFlags",
		    "3");
		int id = qpdf_oh_get_object_id(q, af);

		add_obj(s, ids, offs, id, body);
		g_free(body);
	} else {
		char *form = unparse_with(q, af, "/Fields", t, "/SigFlags",
		    "3");
		char *body = unparse_with(q, root, "/AcroForm", form, NULL,
		    NULL);
		int id = qpdf_oh_get_object_id(q, root);

		add_obj(s, ids, offs, id, body);
		g_free(body);
		g_free(form);
	}
	g_free(t);
	annots = qpdf_oh_get_key(q, page, "/Annots");
	t = array_plus(q, annots, sig);
	{
		bool	 own = qpdf_oh_is_indirect(q, annots);
		char	*body = own ? g_strdup(t) : unparse_with(q, page,
			    "/Annots", t, NULL, NULL);
		int	 id = qpdf_oh_get_object_id(q, own ? annots : page);

		add_obj(s, ids, offs, id, body);
		g_free(body);
	}
	g_free(t);
	g_free(sig);
	/* one subsection per object keeps the table simple and exact */
	xref_at = s->len;
	g_string_append(s, "xref\n");
	for (guint i = 0; i < ids->len; i++)
		g_string_append_printf(s, "%d 1\n%010lld 00000 n \n",
		    g_array_index(ids, int, i), g_array_index(offs, long long,
		    i));
	g_string_append_printf(s, "trailer\n<< /Size %d /Root %d %d R "
	    "/Prev %lld", size + 2, qpdf_oh_get_object_id(q, root),
	    qpdf_oh_get_generation(q, root), prev);
	if (qpdf_oh_is_indirect(q, qpdf_oh_get_key(q, tr, "/Info")))
		g_string_append_printf(s, " /Info %s", qpdf_oh_unparse(q,
		    qpdf_oh_get_key(q, tr, "/Info")));
	if (qpdf_oh_is_array(q, qpdf_oh_get_key(q, tr, "/ID")))
		g_string_append_printf(s, " /ID %s", qpdf_oh_unparse(q,
		    qpdf_oh_get_key(q, tr, "/ID")));
	g_string_append_printf(s, " >>\nstartxref\n%zu\n%%%%EOF\n", xref_at);

	a = (long long)hole;
	b = a + 2 + 2 * (long long)reserve;
	c = (long long)s->len - b;
	snprintf(brtext, sizeof(brtext), "[0 %lld %lld %lld]", a, b, c);
	if (strlen(brtext) > strlen(BR_PLACEHOLDER)) {
		*why_r = "the PDF is too large to sign";
		goto out;
	}
	memset(s->str + br_at, ' ', strlen(BR_PLACEHOLDER));
	memcpy(s->str + br_at, brtext, strlen(brtext));
	if ((der = cms_sign((unsigned char *)s->str, (size_t)a,
	    (unsigned char *)s->str + b, (size_t)c, key, cert, chain, at,
	    cades, &dlen)) == NULL || dlen > reserve) {
		*why_r = "the signature could not be made";
		goto out;
	}
	for (size_t i = 0; i < dlen; i++) {
		static const char hex[] = "0123456789abcdef";

		s->str[hole + 1 + 2 * i] = hex[der[i] >> 4];
		s->str[hole + 2 + 2 * i] = hex[der[i] & 15];
	}
	*out_len_r = s->len;
	*out_r = (unsigned char *)g_string_free(s, FALSE);
	s = NULL;
	rc = 0;
out:
	if (s != NULL)
		g_string_free(s, TRUE);
	g_free(der);
	g_array_free(offs, TRUE);
	g_array_free(ids, TRUE);
	pdf_doc_close(q);
	return (rc);
}
