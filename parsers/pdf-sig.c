/* pdf-sig.c: PDF signature verification, qpdf for the structure and
 * OpenSSL CMS for the cryptography. Must never call a signature valid
 * unless every byte shown was signed (pdf-sig.h says what that means). */
#include <limits.h>
#include <string.h>

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>

#include "parsers/ooxml-dsig.h"
#include "parsers/pdf-doc.h"
#include "parsers/pdf-sig.h"
#include "parsers/sig-chain.h"

#define PDF_MAX_SIGS	64	/* signature fields looked at */
#define PDF_MAX_CHANGES	8	/* changed objects named in a verdict */

/* One signature field as found in the file as received. */
struct field {
	int		 id, gen;	/* the field object */
	char		*name;		/* fully qualified /T */
	long long	 br[4];
	bool		 has_br;
	long long	 end;		/* br[2] + br[3], or LLONG_MAX */
	size_t		 order;
};

struct find {
	qpdf_data		 q;
	struct parse_limits	 lim;
	GHashTable		*seen;		/* "id gen" of field nodes */
	GPtrArray		*fields;	/* struct field */
	size_t			 budget;
};

/* One comparison of a signed revision with the file as received. */
struct cmp {
	qpdf_data		 full, rev;
	struct parse_limits	 lim;
	GHashTable		*visited;	/* "id gen" */
	GHashTable		*added;		/* later signature fields */
	GQueue			 todo;		/* "id gen" to visit */
	GPtrArray		*changes;
	int			 root_id, root_gen;
	size_t			 budget;
};

struct one {
	const unsigned char	*data;
	size_t			 len;
	qpdf_data		 q;
	const struct sig_trust	*trust;
	struct parse_limits	 lim;
	struct sig_result	*res;
	GPtrArray		*warnings;
	GPtrArray		*uncovered;
};

static void	 lower(struct one *, enum sig_status, const char *, ...)
		    G_GNUC_PRINTF(3, 4);
static char	*obj_key(int, int);
static void	 find_field(struct find *, qpdf_oh, const char *, const char *,
		    bool, size_t);
static void	 find_fields(struct find *);
static void	 field_free(gpointer);
static gint	 field_cmp(gconstpointer, gconstpointer);
static void	 change(struct cmp *, const char *, ...) G_GNUC_PRINTF(2, 3);
static bool	 same(struct cmp *, qpdf_oh, qpdf_oh, size_t);
static bool	 same_child(struct cmp *, qpdf_oh, qpdf_oh, size_t);
static bool	 same_dict(struct cmp *, qpdf_oh, qpdf_oh, size_t,
		    const char *const *);
static bool	 same_stream_data(struct cmp *, qpdf_oh, qpdf_oh);
static bool	 same_prefix(struct cmp *, qpdf_oh, qpdf_oh, size_t,
		    bool (*)(struct cmp *, qpdf_oh));
static bool	 new_sig_field(struct cmp *, qpdf_oh);
static bool	 added_widget(struct cmp *, qpdf_oh);
static void	 visit(struct cmp *, int, int);
static void	 compare_revisions(struct one *, qpdf_data);
static bool	 hole_is_contents(struct one *, const struct field *,
		    const char *, size_t);
static void	 check_revision(struct one *, const struct field *,
		    const char *, size_t);
static void	 check_cms(struct one *, const struct field *, const char *,
		    size_t);
static void	 verify_field(struct one *, const struct field *);
static ASN1_TYPE *signed_attr(CMS_SignerInfo *, int);
static void	 read_byte_range(qpdf_data, struct field *);

static void
lower(struct one *o, enum sig_status st, const char *fmt, ...)
{
	va_list	ap;

	if (st >= o->res->status)
		return;
	o->res->status = st;
	g_free(o->res->reason);
	va_start(ap, fmt);
	o->res->reason = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

static char *
obj_key(int id, int gen)
{
	return (g_strdup_printf("%d %d", id, gen));
}

/*
 * A node of the field tree: a field when it has /T (or sits in /Fields
 * itself); a signature field when its own or inherited /FT is /Sig and it
 * has a value or no child fields. Kids without /T are its widgets.
 */
static void
find_field(struct find *f, qpdf_oh n, const char *parent, const char *ft,
    bool top, size_t depth)
{
	qpdf_data	 q = f->q;
	qpdf_oh		 t, kids;
	const char	*own;
	char		*name, *key = NULL, *ftype;
	bool		 has_t, field_kids = false;
	size_t		 nk = 0;

	if (depth > f->lim.max_pdf_depth || f->budget == 0 ||
	    !qpdf_oh_is_dictionary(q, n))
		return;
	f->budget--;
	if (qpdf_oh_is_indirect(q, n)) {
		key = obj_key(qpdf_oh_get_object_id(q, n),
		    qpdf_oh_get_generation(q, n));
		if (g_hash_table_contains(f->seen, key)) {
			g_free(key);
			return;
		}
		g_hash_table_add(f->seen, key);
	}
	t = qpdf_oh_get_key(q, n, "/T");
	has_t = qpdf_oh_is_string(q, t);
	if (!has_t && !top)
		return;
	name = has_t ? (parent[0] != '\0' ? g_strdup_printf("%s.%s", parent,
	    qpdf_oh_get_utf8_value(q, t)) : g_strdup(qpdf_oh_get_utf8_value(q,
	    t))) : g_strdup(parent);
	own = pdf_doc_name(q, n, "/FT");
	ftype = g_strdup(own != NULL ? own : ft);
	kids = qpdf_oh_get_key(q, n, "/Kids");
	if (qpdf_oh_is_array(q, kids))
		nk = (size_t)qpdf_oh_get_array_n_items(q, kids);
	for (size_t i = 0; i < nk && i < f->lim.max_pdf_objects; i++) {
		qpdf_oh k = qpdf_oh_get_array_item(q, kids, (int)i);

		if (qpdf_oh_is_dictionary(q, k) &&
		    qpdf_oh_has_key(q, k, "/T")) {
			field_kids = true;
			find_field(f, k, name, ftype, false, depth + 1);
		}
	}
	if (strcmp(ftype, "/Sig") == 0 && f->fields->len < PDF_MAX_SIGS &&
	    (qpdf_oh_has_key(q, n, "/V") || !field_kids)) {
		struct field *fd = g_new0(struct field, 1);

		fd->id = qpdf_oh_get_object_id(q, n);
		fd->gen = qpdf_oh_get_generation(q, n);
		fd->name = g_strdup(name[0] != '\0' ? name : "(unnamed)");
		fd->order = f->fields->len;
		g_ptr_array_add(f->fields, fd);
	}
	g_free(ftype);
	g_free(name);
}

/* The fields of /AcroForm, then widgets of every page whose field is
 * not in /AcroForm (a viewer may still show and check them). */
static void
find_fields(struct find *f)
{
	qpdf_data	q = f->q;
	qpdf_oh		af, fields;
	int		npages;

	af = qpdf_oh_get_key(q, qpdf_get_root(q), "/AcroForm");
	fields = qpdf_oh_get_key(q, af, "/Fields");
	for (int i = 0; qpdf_oh_is_array(q, fields) &&
	    i < qpdf_oh_get_array_n_items(q, fields); i++)
		find_field(f, qpdf_oh_get_array_item(q, fields, i), "", "",
		    true, 0);
	npages = qpdf_get_num_pages(q);
	for (int p = 0; p < npages && f->budget > 0; p++) {
		qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q,
		    (size_t)p), "/Annots");

		for (int i = 0; qpdf_oh_is_array(q, annots) &&
		    i < qpdf_oh_get_array_n_items(q, annots) && f->budget > 0;
		    i++) {
			qpdf_oh		 a = qpdf_oh_get_array_item(q, annots, i);
			qpdf_oh		 fld = a;
			char		*ft = NULL;

			f->budget--;
			if (!qpdf_oh_is_dictionary(q, a) ||
			    !qpdf_oh_is_name_and_equals(q,
			    qpdf_oh_get_key(q, a, "/Subtype"), "/Widget"))
				continue;
			if (!qpdf_oh_has_key(q, a, "/T") &&
			    qpdf_oh_is_dictionary(q,
			    qpdf_oh_get_key(q, a, "/Parent")))
				fld = qpdf_oh_get_key(q, a, "/Parent");
			for (qpdf_oh n = fld; ft == NULL &&
			    qpdf_oh_is_dictionary(q, n);
			    n = qpdf_oh_get_key(q, n, "/Parent")) {
				ft = g_strdup(pdf_doc_name(q, n, "/FT"));
				if (f->budget-- == 0)
					break;
			}
			if (ft != NULL && strcmp(ft, "/Sig") == 0)
				find_field(f, fld, "", "/Sig", true, 0);
			g_free(ft);
		}
	}
}

static void
field_free(gpointer p)
{
	struct field *f = p;

	g_free(f->name);
	g_free(f);
}

/* Signing order: the revision each signed ends earlier; unsigned last. */
static gint
field_cmp(gconstpointer a, gconstpointer b)
{
	const struct field *x = *(struct field *const *)a;
	const struct field *y = *(struct field *const *)b;

	if (x->end != y->end)
		return (x->end < y->end ? -1 : 1);
	return (x->order < y->order ? -1 : x->order > y->order);
}

static void
change(struct cmp *c, const char *fmt, ...)
{
	va_list	ap;

	if (c->changes->len >= PDF_MAX_CHANGES)
		return;
	va_start(ap, fmt);
	g_ptr_array_add(c->changes, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

/* A reference is the same when it names the same object, which is then
 * compared in turn; a direct value is compared in place. */
static bool
same_child(struct cmp *c, qpdf_oh a, qpdf_oh b, size_t depth)
{
	bool	ia = qpdf_oh_is_indirect(c->full, a);
	bool	ib = qpdf_oh_is_indirect(c->rev, b);
	int	id, gen;

	if (ia || ib) {
		if (!ia || !ib)
			return (false);
		id = qpdf_oh_get_object_id(c->full, a);
		gen = qpdf_oh_get_generation(c->full, a);
		if (id != qpdf_oh_get_object_id(c->rev, b) ||
		    gen != qpdf_oh_get_generation(c->rev, b))
			return (false);
		g_queue_push_tail(&c->todo, obj_key(id, gen));
		return (true);
	}
	return (same(c, a, b, depth + 1));
}

static bool
same_stream_data(struct cmp *c, qpdf_oh a, qpdf_oh b)
{
	unsigned char	*da = NULL, *db = NULL;
	size_t		 la = 0, lb = 0;
	bool		 ok;

	/* the codes carry QPDF_WARNINGS for any warning still queued */
	ok = (qpdf_oh_get_stream_data(c->full, a, qpdf_dl_none, NULL, &da,
	    &la) & QPDF_ERRORS) == 0 && (qpdf_oh_get_stream_data(c->rev, b,
	    qpdf_dl_none, NULL, &db, &lb) & QPDF_ERRORS) == 0 &&
	    la <= c->lim.max_pdf_stream && la == lb &&
	    (la == 0 || memcmp(da, db, la) == 0);
	free(da);
	free(db);
	return (ok);
}

/* Dictionaries with the same keys and values, but for the keys in skip
 * (a NULL-terminated list, or NULL). */
static bool
same_dict(struct cmp *c, qpdf_oh a, qpdf_oh b, size_t depth,
    const char *const *skip)
{
	GPtrArray	*ka = pdf_doc_keys(c->full, a);
	GPtrArray	*kb = pdf_doc_keys(c->rev, b);
	size_t		 na = 0, nb = 0;
	bool		 ok = true;

	for (guint i = 0; i < ka->len && ok; i++) {
		const char	*k = g_ptr_array_index(ka, i);
		bool		 skipped = false;

		for (size_t s = 0; skip != NULL && skip[s] != NULL; s++)
			skipped |= strcmp(k, skip[s]) == 0;
		if (skipped)
			continue;
		na++;
		ok = qpdf_oh_has_key(c->rev, b, k) && same_child(c,
		    qpdf_oh_get_key(c->full, a, k),
		    qpdf_oh_get_key(c->rev, b, k), depth);
	}
	for (guint i = 0; i < kb->len; i++) {
		const char	*k = g_ptr_array_index(kb, i);
		bool		 skipped = false;

		for (size_t s = 0; skip != NULL && skip[s] != NULL; s++)
			skipped |= strcmp(k, skip[s]) == 0;
		nb += !skipped;
	}
	g_ptr_array_unref(ka);
	g_ptr_array_unref(kb);
	return (ok && na == nb);
}

/* An array that keeps every item of the signed one, in order, and adds
 * only items extra() allows. */
static bool
same_prefix(struct cmp *c, qpdf_oh a, qpdf_oh b, size_t depth,
    bool (*extra)(struct cmp *, qpdf_oh))
{
	int	na, nb;

	if (!qpdf_oh_is_array(c->full, a) || !qpdf_oh_is_array(c->rev, b))
		return (same(c, a, b, depth));
	na = qpdf_oh_get_array_n_items(c->full, a);
	nb = qpdf_oh_get_array_n_items(c->rev, b);
	if (na < nb)
		return (false);
	for (int i = 0; i < nb; i++)
		if (!same_child(c, qpdf_oh_get_array_item(c->full, a, i),
		    qpdf_oh_get_array_item(c->rev, b, i), depth))
			return (false);
	for (int i = nb; i < na; i++)
		if (!extra(c, qpdf_oh_get_array_item(c->full, a, i)))
			return (false);
	return (true);
}

/* A later signature field: a new indirect field of type /Sig with a
 * value, which its own verdict covers. */
static bool
new_sig_field(struct cmp *c, qpdf_oh f)
{
	qpdf_oh	kids;
	int	id = qpdf_oh_get_object_id(c->full, f);
	int	gen = qpdf_oh_get_generation(c->full, f);

	if (!qpdf_oh_is_indirect(c->full, f) ||
	    !qpdf_oh_is_null(c->rev, qpdf_get_object_by_id(c->rev, id, gen)) ||
	    !qpdf_oh_is_name_and_equals(c->full, qpdf_oh_get_key(c->full, f,
	    "/FT"), "/Sig") ||
	    !qpdf_oh_is_dictionary(c->full, qpdf_oh_get_key(c->full, f, "/V")))
		return (false);
	g_hash_table_add(c->added, obj_key(id, gen));
	kids = qpdf_oh_get_key(c->full, f, "/Kids");
	for (int i = 0; qpdf_oh_is_array(c->full, kids) &&
	    i < qpdf_oh_get_array_n_items(c->full, kids) && i < 16; i++) {
		qpdf_oh k = qpdf_oh_get_array_item(c->full, kids, i);

		if (qpdf_oh_is_indirect(c->full, k) &&
		    qpdf_oh_is_null(c->rev, qpdf_get_object_by_id(c->rev,
		    qpdf_oh_get_object_id(c->full, k),
		    qpdf_oh_get_generation(c->full, k))))
			g_hash_table_add(c->added, obj_key(
			    qpdf_oh_get_object_id(c->full, k),
			    qpdf_oh_get_generation(c->full, k)));
	}
	return (true);
}

/* A page annotation added since: the widget of a later signature. */
static bool
added_widget(struct cmp *c, qpdf_oh a)
{
	char	*k;
	bool	 ok;

	if (!qpdf_oh_is_indirect(c->full, a))
		return (false);
	k = obj_key(qpdf_oh_get_object_id(c->full, a),
	    qpdf_oh_get_generation(c->full, a));
	ok = g_hash_table_contains(c->added, k);
	g_free(k);
	return (ok);
}

/* Two direct values (or the contents of two objects) alike. */
static bool
same(struct cmp *c, qpdf_oh a, qpdf_oh b, size_t depth)
{
	enum qpdf_object_type_e	ta = qpdf_oh_get_type_code(c->full, a);
	int			n;

	if (depth > c->lim.max_pdf_depth || c->budget == 0)
		return (false);
	c->budget--;
	if (ta != qpdf_oh_get_type_code(c->rev, b))
		return (false);
	switch (ta) {
	case ot_array:
		n = qpdf_oh_get_array_n_items(c->full, a);
		if (n != qpdf_oh_get_array_n_items(c->rev, b))
			return (false);
		for (int i = 0; i < n; i++)
			if (!same_child(c, qpdf_oh_get_array_item(c->full, a, i),
			    qpdf_oh_get_array_item(c->rev, b, i), depth))
				return (false);
		return (true);
	case ot_dictionary:
		return (same_dict(c, a, b, depth, NULL));
	case ot_stream:
		return (same_dict(c, qpdf_oh_get_dict(c->full, a),
		    qpdf_oh_get_dict(c->rev, b), depth, NULL) &&
		    same_stream_data(c, a, b));
	default:
		/* escaped, so a NUL inside a string compares too */
		return (strcmp(qpdf_oh_unparse(c->full, a) ?: "",
		    qpdf_oh_unparse(c->rev, b) ?: "") == 0);
	}
}

/*
 * One object reachable in the received file against the same object in
 * the signed revision. The catalog may gain /DSS and /Extensions, the
 * form later signature fields, a page their widgets.
 */
static void
visit(struct cmp *c, int id, int gen)
{
	static const char *const catalog_skip[] = { "/DSS", "/Extensions",
	    "/AcroForm", NULL };
	static const char *const form_skip[] = { "/Fields", "/SigFlags",
	    NULL };
	static const char *const page_skip[] = { "/Annots", NULL };
	qpdf_oh		 a = qpdf_get_object_by_id(c->full, id, gen);
	qpdf_oh		 b = qpdf_get_object_by_id(c->rev, id, gen);
	char		*type = g_strdup(pdf_doc_name(c->full, a, "/Type"));
	bool		 ok;

	if (qpdf_oh_is_null(c->rev, b) && !qpdf_oh_is_null(c->full, a)) {
		change(c, "object %d %d (%s) was added after signing", id, gen,
		    type != NULL ? type + 1 : "no type");
		g_free(type);
		return;
	}
	if (id == c->root_id && gen == c->root_gen &&
	    qpdf_oh_is_dictionary(c->full, a) &&
	    qpdf_oh_is_dictionary(c->rev, b)) {
		qpdf_oh	fa = qpdf_oh_get_key(c->full, a, "/AcroForm");
		qpdf_oh	fb = qpdf_oh_get_key(c->rev, b, "/AcroForm");

		ok = same_dict(c, a, b, 0, catalog_skip);
		if (ok && !qpdf_oh_is_null(c->rev, fb)) {
			/* the form's objects are compared here, once */
			if (qpdf_oh_is_indirect(c->full, fa))
				g_hash_table_add(c->visited, obj_key(
				    qpdf_oh_get_object_id(c->full, fa),
				    qpdf_oh_get_generation(c->full, fa)));
			ok = qpdf_oh_is_dictionary(c->full, fa) &&
			    qpdf_oh_is_dictionary(c->rev, fb) &&
			    (qpdf_oh_is_indirect(c->full, fa) ==
			    qpdf_oh_is_indirect(c->rev, fb)) &&
			    same_prefix(c, qpdf_oh_get_key(c->full, fa,
			    "/Fields"), qpdf_oh_get_key(c->rev, fb, "/Fields"),
			    0, new_sig_field) &&
			    same_dict(c, fa, fb, 0, form_skip);
		} else if (ok)
			ok = qpdf_oh_is_null(c->full, fa);
	} else if (type != NULL && strcmp(type, "/Page") == 0 &&
	    qpdf_oh_is_dictionary(c->rev, b)) {
		qpdf_oh	aa = qpdf_oh_get_key(c->full, a, "/Annots");
		qpdf_oh	ab = qpdf_oh_get_key(c->rev, b, "/Annots");

		if (qpdf_oh_is_indirect(c->full, aa))
			g_hash_table_add(c->visited, obj_key(
			    qpdf_oh_get_object_id(c->full, aa),
			    qpdf_oh_get_generation(c->full, aa)));
		ok = same_dict(c, a, b, 0, page_skip) &&
		    (qpdf_oh_is_null(c->full, aa) ? qpdf_oh_is_null(c->rev,
		    ab) : same_prefix(c, aa, ab, 0, added_widget));
	} else
		ok = same(c, a, b, 0);
	if (!ok)
		change(c, "object %d %d (%s) was changed after signing", id,
		    gen, type != NULL ? type + 1 : "no type");
	g_free(type);
}

/* Everything reachable from the received trailer, against the signed
 * revision: what a viewer shows must be what was signed. */
static void
compare_revisions(struct one *o, qpdf_data rev)
{
	struct cmp	 c = { 0 };
	qpdf_oh		 ta = qpdf_get_trailer(o->q), tb = qpdf_get_trailer(rev);
	qpdf_oh		 ra = qpdf_oh_get_key(o->q, ta, "/Root");
	qpdf_oh		 rb = qpdf_oh_get_key(rev, tb, "/Root");
	char		*k;
	size_t		 visits = 0;

	c.full = o->q;
	c.rev = rev;
	c.lim = o->lim;
	c.budget = o->lim.max_pdf_objects * 16;
	c.visited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	c.added = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.changes = g_ptr_array_new_with_free_func(g_free);
	g_queue_init(&c.todo);
	c.root_id = qpdf_oh_get_object_id(o->q, ra);
	c.root_gen = qpdf_oh_get_generation(o->q, ra);
	if (!same_child(&c, ra, rb, 0) ||
	    !same_child(&c, qpdf_oh_get_key(o->q, ta, "/Info"),
	    qpdf_oh_get_key(rev, tb, "/Info"), 0))
		change(&c, "the document's trailer was changed after signing");
	while ((k = g_queue_pop_head(&c.todo)) != NULL) {
		int id, gen;

		if (g_hash_table_contains(c.visited, k) ||
		    g_hash_table_contains(c.added, k) ||
		    sscanf(k, "%d %d", &id, &gen) != 2) {
			g_free(k);
			continue;
		}
		g_hash_table_add(c.visited, k);
		if (++visits > o->lim.max_pdf_objects) {
			change(&c, "too many objects to compare");
			break;
		}
		visit(&c, id, gen);
	}
	if (c.budget == 0)
		change(&c, "the document is too large to compare");
	for (guint i = 0; i < c.changes->len; i++)
		g_ptr_array_add(o->uncovered, g_strdup(
		    g_ptr_array_index(c.changes, i)));
	if (c.changes->len > 0)
		lower(o, SIG_PARTIAL, "the document was changed after it was "
		    "signed: %s", (char *)g_ptr_array_index(c.changes, 0));
	g_queue_clear_full(&c.todo, g_free);
	g_hash_table_destroy(c.visited);
	g_hash_table_destroy(c.added);
	g_ptr_array_unref(c.changes);
}

/* The bytes the ByteRange leaves out are one hex string, '<' hex '>',
 * and its value is the Contents the parser read. */
static bool
hole_is_contents(struct one *o, const struct field *f, const char *contents,
    size_t clen)
{
	const unsigned char	*h = o->data + f->br[1];
	size_t			 hl = (size_t)(f->br[2] - f->br[1]);

	if (hl < 2 || h[0] != '<' || h[hl - 1] != '>' || (hl - 2) % 2 != 0 ||
	    (hl - 2) / 2 != clen)
		return (false);
	for (size_t i = 0; i < clen; i++) {
		int hi = g_ascii_xdigit_value(h[1 + 2 * i]);
		int lo = g_ascii_xdigit_value(h[2 + 2 * i]);

		if (hi < 0 || lo < 0 ||
		    (unsigned char)contents[i] != (unsigned)(hi << 4 | lo))
			return (false);
	}
	return (true);
}

/*
 * The revision the signature signed, bytes [0, end), read as a PDF of its
 * own: its field must hold this very signature, and the received file
 * must show nothing it did not (compare_revisions).
 */
static void
check_revision(struct one *o, const struct field *f, const char *contents,
    size_t clen)
{
	qpdf_data	 rev;
	qpdf_oh		 fld, v, br, ct;
	const char	*why;
	char		*rc;
	size_t		 end = (size_t)f->end, rl;
	bool		 tail = false;

	for (size_t i = end; i < o->len; i++)
		if (!g_ascii_isspace(o->data[i]) && o->data[i] != '\0')
			tail = true;
	if (!tail) {
		o->res->covers_all_parts = true;
		return;
	}
	if (f->id == 0 || (rev = pdf_doc_open_prefix(o->data, end, &o->lim,
	    &why)) == NULL) {
		lower(o, SIG_INVALID, "the bytes the signature covers are not "
		    "a whole revision of the PDF");
		return;
	}
	fld = qpdf_get_object_by_id(rev, f->id, f->gen);
	v = qpdf_oh_get_key(rev, fld, "/V");
	br = qpdf_oh_get_key(rev, v, "/ByteRange");
	ct = qpdf_oh_get_key(rev, v, "/Contents");
	rc = NULL;
	if (qpdf_oh_is_string(rev, ct)) {
		const char *p = qpdf_oh_get_binary_string_value(rev, ct, &rl);

		rc = p != NULL ? g_memdup2(p, rl) : NULL;
	}
	if (!qpdf_oh_is_array(rev, br) ||
	    qpdf_oh_get_array_n_items(rev, br) != 4 || rc == NULL ||
	    rl != clen || memcmp(rc, contents, clen) != 0) {
		lower(o, SIG_INVALID, "the signed revision does not hold this "
		    "signature");
		g_free(rc);
		pdf_doc_close(rev);
		return;
	}
	g_free(rc);
	for (int i = 0; i < 4; i++) {
		qpdf_oh x = qpdf_oh_get_array_item(rev, br, i);

		if (!qpdf_oh_is_integer(rev, x) ||
		    qpdf_oh_get_int_value(rev, x) != f->br[i]) {
			lower(o, SIG_INVALID, "the signed revision holds "
			    "another ByteRange");
			pdf_doc_close(rev);
			return;
		}
	}
	{
		char *ta = g_strdup(qpdf_oh_unparse(o->q,
		    qpdf_get_trailer(o->q)));
		bool same_trailer = strcmp(ta, qpdf_oh_unparse(rev,
		    qpdf_get_trailer(rev))) == 0;

		g_free(ta);
		/* bytes appended that no cross-reference reads are still
		 * unsigned, and a viewer that rebuilds the file reads them */
		if (same_trailer) {
			g_ptr_array_add(o->uncovered, g_strdup_printf(
			    "bytes %zu to %zu", end, o->len));
			lower(o, SIG_PARTIAL, "bytes were appended after the "
			    "signed revision that are not an update");
		}
	}
	compare_revisions(o, rev);
	o->res->covers_all_parts = o->uncovered->len == 0;
	pdf_doc_close(rev);
}

/* A signed attribute's single value, or NULL. */
static ASN1_TYPE *
signed_attr(CMS_SignerInfo *si, int nid)
{
	int idx = CMS_signed_get_attr_by_NID(si, nid, -1);

	if (idx < 0)
		return (NULL);
	return (X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0));
}

/*
 * The CMS SignedData: one signer, detached, its signature and message
 * digest over the ByteRange's bytes; the signing time from the signed
 * attributes; an ESS signing certificate, when present, naming the very
 * certificate that signed; then the chain at that time.
 */
static void
check_cms(struct one *o, const struct field *f, const char *der, size_t len)
{
	BIO				*in = NULL, *dc = NULL;
	CMS_ContentInfo			*cms = NULL;
	STACK_OF(CMS_SignerInfo)	*sis;
	STACK_OF(X509)			*certs = NULL, *chain = NULL;
	CMS_SignerInfo			*si;
	ASN1_OCTET_STRING		**content;
	ASN1_TYPE			*at;
	X509				*leaf = NULL;
	unsigned char			*signed_bytes = NULL;
	size_t				 a = (size_t)f->br[1];
	size_t				 c = (size_t)f->br[3];
	struct sig_chain_verdict	 cv;
	time_t				 when = 0;
	bool				 has_time = false;

	in = BIO_new_mem_buf(der, (int)len);
	if ((cms = d2i_CMS_bio(in, NULL)) == NULL ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		lower(o, SIG_INVALID, "the signature's Contents are not a CMS "
		    "SignedData");
		goto out;
	}
	content = CMS_get0_content(cms);
	if (content != NULL && *content != NULL) {
		lower(o, SIG_INVALID, "the CMS signature carries content of "
		    "its own instead of signing the document");
		goto out;
	}
	sis = CMS_get0_SignerInfos(cms);
	if (sk_CMS_SignerInfo_num(sis) != 1) {
		lower(o, SIG_UNSUPPORTED, "the CMS signature has %d signers",
		    sk_CMS_SignerInfo_num(sis));
		goto out;
	}
	si = sk_CMS_SignerInfo_value(sis, 0);
	certs = CMS_get1_certs(cms);
	if (certs == NULL)
		certs = sk_X509_new_null();
	for (int i = 0; i < sk_X509_num(certs) && leaf == NULL; i++)
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
			leaf = sk_X509_value(certs, i);
	if (leaf == NULL) {
		lower(o, SIG_UNSUPPORTED, "the signature carries no signer "
		    "certificate");
		goto out;
	}
	o->res->signer = sig_chain_signer_new(leaf);
	signed_bytes = g_malloc(a + c + 1);
	memcpy(signed_bytes, o->data, a);
	memcpy(signed_bytes + a, o->data + f->br[2], c);
	/*
	 * A buffer BIO in front of the memory BIO: OpenSSL 3.0's CMS_verify
	 * copies a bare memory BIO and leaks the copy when it cannot set up
	 * a digest (an unknown digest algorithm; fuzz-pdf found it). It uses
	 * any other BIO as it is.
	 */
	dc = BIO_push(BIO_new(BIO_f_buffer()),
	    BIO_new_mem_buf(signed_bytes, (int)(a + c)));
	if (CMS_verify(cms, certs, NULL, dc, NULL, CMS_BINARY | CMS_DETACHED |
	    CMS_NO_SIGNER_CERT_VERIFY) != 1) {
		lower(o, SIG_INVALID, "the signature does not verify over the "
		    "signed bytes with the signer's key");
		goto out;
	}
	if ((at = signed_attr(si, NID_pkcs9_signingTime)) != NULL &&
	    (at->type == V_ASN1_UTCTIME ||
	    at->type == V_ASN1_GENERALIZEDTIME)) {
		struct tm tm;

		if (ASN1_TIME_to_tm(at->value.utctime, &tm) == 1) {
			when = ooxml_dsig_tm_time(&tm);
			has_time = true;
			o->res->signed_at = ooxml_dsig_time_format(when);
		}
	}
	chain = sk_X509_new_null();
	sk_X509_push(chain, leaf);
	{
		ESS_SIGNING_CERT	*ss = NULL;
		ESS_SIGNING_CERT_V2	*ss2 = NULL;
		const unsigned char	*p;

		if ((at = signed_attr(si, NID_id_smime_aa_signingCertificate))
		    != NULL && at->type == V_ASN1_SEQUENCE) {
			p = at->value.sequence->data;
			ss = d2i_ESS_SIGNING_CERT(NULL, &p,
			    at->value.sequence->length);
		}
		if ((at = signed_attr(si,
		    NID_id_smime_aa_signingCertificateV2)) != NULL &&
		    at->type == V_ASN1_SEQUENCE) {
			p = at->value.sequence->data;
			ss2 = d2i_ESS_SIGNING_CERT_V2(NULL, &p,
			    at->value.sequence->length);
		}
		if ((ss != NULL || ss2 != NULL) &&
		    OSSL_ESS_check_signing_certs(ss, ss2, chain, 0) != 1)
			lower(o, SIG_INVALID, "the signing certificate named in "
			    "the signed attributes is not the one that signed");
		ESS_SIGNING_CERT_free(ss);
		ESS_SIGNING_CERT_V2_free(ss2);
		if (o->res->status == SIG_INVALID)
			goto out;
	}
	for (int i = 0; i < sk_X509_num(certs); i++)
		if (sk_X509_value(certs, i) != leaf)
			sk_X509_push(chain, sk_X509_value(certs, i));
	sk_X509_shift(chain);
	sig_chain_check(o->trust, leaf, chain, sig_chain_time(o->trust,
	    has_time, when), o->warnings, &cv);
	if (cv.status != SIG_VALID)
		lower(o, cv.status, "%s", cv.reason);
	g_free(cv.reason);
out:
	ERR_clear_error();
	sk_X509_free(chain);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	BIO_free_all(dc);
	g_free(signed_bytes);
}

/* One field: its value's form, the ByteRange and hole, the revision, the
 * CMS and chain. Cheap structural checks come first, so that a forged
 * layout is invalid before any cryptography runs. */
static void
verify_field(struct one *o, const struct field *f)
{
	qpdf_data	 q = o->q;
	qpdf_oh		 fld = qpdf_get_object_by_id(q, f->id, f->gen);
	qpdf_oh		 v = qpdf_oh_get_key(q, fld, "/V"), ct;
	const char	*sf, *contents;
	char		*der = NULL;
	size_t		 clen;

	if (!qpdf_oh_is_dictionary(q, v)) {
		lower(o, SIG_UNSUPPORTED, "signature field %s is not signed",
		    f->name);
		return;
	}
	if (qpdf_oh_has_key(q, qpdf_get_trailer(q), "/Encrypt")) {
		lower(o, SIG_UNSUPPORTED, "the PDF is encrypted");
		return;
	}
	sf = pdf_doc_name(q, v, "/SubFilter");
	if (sf == NULL || (strcmp(sf, "/adbe.pkcs7.detached") != 0 &&
	    strcmp(sf, "/ETSI.CAdES.detached") != 0)) {
		lower(o, SIG_UNSUPPORTED, "%s", sf != NULL &&
		    strcmp(sf, "/ETSI.RFC3161") == 0 ? "a document timestamp, "
		    "not a signature" : "a signature format (SubFilter) that "
		    "is not verified");
		return;
	}
	ct = qpdf_oh_get_key(q, v, "/Contents");
	if (!f->has_br || !qpdf_oh_is_string(q, ct)) {
		lower(o, SIG_INVALID, "the signature's ByteRange or Contents "
		    "is missing or malformed");
		return;
	}
	if (f->br[0] != 0 || f->br[1] <= 0 || f->br[2] <= f->br[1] ||
	    f->br[3] < 0 || (unsigned long long)f->br[2] > o->len ||
	    (unsigned long long)f->br[3] > o->len - (size_t)f->br[2]) {
		lower(o, SIG_INVALID, "the ByteRange is not [0 a b c] within "
		    "the file");
		return;
	}
	contents = qpdf_oh_get_binary_string_value(q, ct, &clen);
	if (contents == NULL || clen == 0 ||
	    !hole_is_contents(o, f, contents, clen)) {
		lower(o, SIG_INVALID, "the bytes the ByteRange leaves out are "
		    "not exactly the signature's Contents");
		return;
	}
	der = g_memdup2(contents, clen);
	check_revision(o, f, der, clen);
	if (o->res->status > SIG_INVALID)
		check_cms(o, f, der, clen);
	g_free(der);
}

/* The ByteRange of a field's value, when it is four integers. */
static void
read_byte_range(qpdf_data q, struct field *f)
{
	qpdf_oh	v = qpdf_oh_get_key(q, qpdf_get_object_by_id(q, f->id, f->gen),
		    "/V");
	qpdf_oh	br = qpdf_oh_get_key(q, v, "/ByteRange");

	f->end = LLONG_MAX;
	if (!qpdf_oh_is_array(q, br) || qpdf_oh_get_array_n_items(q, br) != 4)
		return;
	for (int i = 0; i < 4; i++) {
		qpdf_oh x = qpdf_oh_get_array_item(q, br, i);

		if (!qpdf_oh_is_integer(q, x))
			return;
		f->br[i] = qpdf_oh_get_int_value(q, x);
	}
	f->has_br = true;
	if (f->br[2] >= 0 && f->br[3] >= 0 && f->br[2] <= LLONG_MAX - f->br[3])
		f->end = f->br[2] + f->br[3];
}

int
pdf_sig_verify(const unsigned char *data, size_t len,
    const struct sig_trust *trust, const struct parse_limits *limits,
    struct sig_result **results_r, size_t *n_r, const char **why_r)
{
	struct sig_trust	 none = { 0 };
	struct find		 f = { 0 };
	qpdf_data		 q;

	*results_r = NULL;
	*n_r = 0;
	if (trust == NULL)
		trust = &none;
	f.lim = limits_resolve(limits);
	if ((q = pdf_doc_open(data, len, &f.lim, why_r)) == NULL)
		return (-1);
	f.q = q;
	f.budget = f.lim.max_pdf_objects;
	f.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	f.fields = g_ptr_array_new_with_free_func(field_free);
	find_fields(&f);
	for (guint i = 0; i < f.fields->len; i++)
		read_byte_range(q, g_ptr_array_index(f.fields, i));
	g_ptr_array_sort(f.fields, field_cmp);
	if (f.fields->len > 0)
		*results_r = g_new0(struct sig_result, f.fields->len);
	for (guint i = 0; i < f.fields->len; i++) {
		struct sig_result	*r = &(*results_r)[i];
		const struct field	*fd = g_ptr_array_index(f.fields, i);
		struct one		 o = { data, len, q, trust, f.lim, r,
					    g_ptr_array_new(),
					    g_ptr_array_new() };

		r->status = SIG_VALID;
		r->part = g_strdup(fd->name);
		verify_field(&o, fd);
		if (r->status == SIG_VALID) {
			g_free(r->reason);
			r->reason = NULL;
		}
		if (r->status <= SIG_INVALID)
			r->covers_all_parts = false;
		r->nwarnings = o.warnings->len;
		g_ptr_array_add(o.warnings, NULL);
		r->warnings = (char **)g_ptr_array_free(o.warnings, FALSE);
		r->nuncovered = o.uncovered->len;
		g_ptr_array_add(o.uncovered, NULL);
		r->uncovered = (char **)g_ptr_array_free(o.uncovered, FALSE);
	}
	*n_r = f.fields->len;
	g_ptr_array_unref(f.fields);
	g_hash_table_destroy(f.seen);
	pdf_doc_close(q);
	return (0);
}
