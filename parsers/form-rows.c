/* form-rows.c: a form's rows, kept as records of a spool (lib/spool.h)
 * and read back one at a time, so that a list costs memory for the row
 * being read, not for all of them. A row being filled (form_row_add) or
 * changed (form_row_edit) is held apart, and stored when the rows are
 * next read or changed.
 *
 * A record is the row's fields in order: index (int32), source_row
 * (uint32), the counts of errors and warnings (uint16 each), then ten
 * strings and each finding (code as uint32, detail as a string); a
 * string is its length + 1 (uint32; 0 for NULL), its bytes and a NUL.
 * The spool is private to the process, so numbers are in its own order.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "lib/spool.h"
#include "parsers/form-priv.h"
#include "parsers/vn-phone.h"

/* Rows form_row() keeps decoded at once. */
#define FORM_ROW_CACHE	16

struct form_rows {
	struct spool		*sp;
	struct form_row		 edit;		/* being filled or changed */
	size_t			 edit_i;
	bool			 editing, edit_new;
	size_t			 with_errors;	/* rows stored */
	bool			 any_email;	/* a row stored had one */
	GByteArray		*enc;
	struct form_cursor	 cache[FORM_ROW_CACHE];
	size_t			 cache_next;
};

static struct form_rows *rows_of(struct form *);
static void	 store_edit(struct form_rows *);
static void	 encode(GByteArray *, const struct form_row *);
static bool	 decode(struct form_cursor *);
static uint16_t	 record_nerrors(const GByteArray *);

static struct form_rows *
rows_of(struct form *f)
{
	if (f->rs == NULL) {
		f->rs = g_new0(struct form_rows, 1);
		f->rs->sp = spool_new();
		f->rs->enc = g_byte_array_new();
	}
	return (f->rs);
}

/* The record is sized first and written with memcpy: appended field by
 * field it was a tenth of reading a long list. */
static void
encode(GByteArray *out, const struct form_row *r)
{
	const char	*strs[] = { r->phone, r->phone_raw, r->iccid,
			    r->iccid_raw, r->name, r->position, r->carrier,
			    r->device_serial, r->device_type, r->email };
	uint32_t	 slen[G_N_ELEMENTS(strs)];
	int32_t		 index = r->index;
	uint32_t	 source = (uint32_t)r->source_row;
	uint16_t	 ne = (uint16_t)MIN(r->errors.n, UINT16_MAX);
	uint16_t	 nw = (uint16_t)MIN(r->warnings.n, UINT16_MAX);
	size_t		 total = sizeof(index) + sizeof(source) + sizeof(ne) +
			    sizeof(nw);
	guint8		*p;

	for (size_t k = 0; k < G_N_ELEMENTS(strs); k++) {
		slen[k] = strs[k] != NULL ? (uint32_t)strlen(strs[k]) + 1 : 0;
		total += sizeof(uint32_t) + slen[k];
	}
	for (size_t k = 0; k < (size_t)ne + nw; k++) {
		const struct finding *fd = k < ne ? &r->errors.v[k] :
		    &r->warnings.v[k - ne];

		total += 2 * sizeof(uint32_t) + (fd->detail != NULL ?
		    strlen(fd->detail) + 1 : 0);
	}
	g_byte_array_set_size(out, (guint)total);
	p = out->data;
#define PUT(v)	(memcpy(p, &(v), sizeof(v)), p += sizeof(v))
	PUT(index);
	PUT(source);
	PUT(ne);
	PUT(nw);
	for (size_t k = 0; k < G_N_ELEMENTS(strs); k++) {
		PUT(slen[k]);
		if (slen[k] > 0) {
			memcpy(p, strs[k], slen[k]);
			p += slen[k];
		}
	}
	for (size_t k = 0; k < (size_t)ne + nw; k++) {
		const struct finding *fd = k < ne ? &r->errors.v[k] :
		    &r->warnings.v[k - ne];
		uint32_t code = (uint32_t)fd->code;
		uint32_t n = fd->detail != NULL ?
		    (uint32_t)strlen(fd->detail) + 1 : 0;

		PUT(code);
		PUT(n);
		if (n > 0) {
			memcpy(p, fd->detail, n);
			p += n;
		}
	}
#undef PUT
	g_assert((size_t)(p - out->data) == total);
}

static uint16_t
record_nerrors(const GByteArray *rec)
{
	uint16_t ne;

	memcpy(&ne, rec->data + 8, sizeof(ne));
	return (ne);
}

/* Reads c->buf (a record) into c->row; its strings point into buf. */
static bool
decode(struct form_cursor *c)
{
	const guint8	*p = c->buf->data, *end = p + c->buf->len;
	struct form_row	*r = &c->row;
	char		**strs[] = { &r->phone, &r->phone_raw, &r->iccid,
			    &r->iccid_raw, &r->name, &r->position, NULL,
			    &r->device_serial, &r->device_type, &r->email };
	int32_t		 index;
	uint32_t	 source, n;
	uint16_t	 ne, nw;
	char		*carrier = NULL;

#define TAKE(v)	do {						\
	if ((size_t)(end - p) < sizeof(v))			\
		return (false);					\
	memcpy(&(v), p, sizeof(v));				\
	p += sizeof(v);						\
} while (0)
#define STR(s)	do {						\
	TAKE(n);						\
	if ((size_t)(end - p) < n)				\
		return (false);					\
	(s) = n > 0 ? (char *)p : NULL;				\
	p += n;							\
} while (0)
	memset(r, 0, sizeof(*r));
	TAKE(index);
	TAKE(source);
	TAKE(ne);
	TAKE(nw);
	r->index = index;
	r->source_row = source;
	for (size_t k = 0; k < G_N_ELEMENTS(strs); k++) {
		if (strs[k] != NULL)
			STR(*strs[k]);
		else
			STR(carrier);
	}
	r->carrier = form_carrier(carrier);
	if ((size_t)ne + nw > c->fcap) {
		c->fcap = (size_t)ne + nw;
		c->fv = g_renew(struct finding, c->fv, c->fcap);
	}
	for (size_t k = 0; k < (size_t)ne + nw; k++) {
		uint32_t code;

		TAKE(code);
		c->fv[k].code = (enum code)code;
		STR(c->fv[k].detail);
	}
#undef STR
#undef TAKE
	r->errors.v = ne > 0 ? c->fv : NULL;
	r->errors.n = r->errors.cap = ne;
	r->warnings.v = nw > 0 ? c->fv + ne : NULL;
	r->warnings.n = r->warnings.cap = nw;
	return (p == end);
}

/* The row being filled or changed goes to the spool. */
static void
store_edit(struct form_rows *rs)
{
	if (rs == NULL || !rs->editing)
		return;
	if (!rs->edit_new) {
		spool_read(rs->sp, rs->edit_i, rs->enc);
		if (record_nerrors(rs->enc) > 0)
			rs->with_errors--;
	}
	encode(rs->enc, &rs->edit);
	if (rs->edit_new)
		spool_append(rs->sp, rs->enc->data, rs->enc->len);
	else {
		spool_replace(rs->sp, rs->edit_i, rs->enc->data, rs->enc->len);
		/* A row kept decoded is now stale. */
		for (size_t k = 0; k < FORM_ROW_CACHE; k++)
			if (rs->cache[k].f != NULL &&
			    rs->cache[k].next == rs->edit_i + 1)
				rs->cache[k].next = 0;
	}
	if (rs->edit.errors.n > 0)
		rs->with_errors++;
	rs->any_email |= rs->edit.email != NULL;
	form_row_deinit(&rs->edit);
	rs->editing = rs->edit_new = false;
}

struct form_row *
form_row_add(struct form *f)
{
	struct form_rows *rs = rows_of(f);

	store_edit(rs);
	memset(&rs->edit, 0, sizeof(rs->edit));
	rs->editing = rs->edit_new = true;
	rs->edit_i = f->nrows++;
	return (&rs->edit);
}

struct form_row *
form_row_edit(struct form *f, size_t i)
{
	struct form_rows	*rs = rows_of(f);
	struct form_cursor	 c;

	g_assert(i < f->nrows);
	store_edit(rs);
	form_cursor_init(&c, f);
	form_row_copy(&rs->edit, form_cursor_at(&c, i));
	form_cursor_deinit(&c);
	rs->editing = true;
	rs->edit_new = false;
	rs->edit_i = i;
	return (&rs->edit);
}

void
form_row_append(struct form *f, const struct form_row *r)
{
	form_row_copy(form_row_add(f), r);
	store_edit(f->rs);
}

void
form_rows_seal(const struct form *f)
{
	store_edit(f->rs);
}

bool
form_rows_any_email(const struct form *f)
{
	store_edit(f->rs);
	return (f->rs != NULL && f->rs->any_email);
}

size_t
form_rows_with_errors(const struct form *f)
{
	store_edit(f->rs);
	return (f->rs != NULL ? f->rs->with_errors : 0);
}

void
form_cursor_init(struct form_cursor *c, const struct form *f)
{
	memset(c, 0, sizeof(*c));
	c->f = f;
	c->buf = g_byte_array_new();
}

void
form_cursor_init_apart(struct form_cursor *c, const struct form *f)
{
	form_cursor_init(c, f);
	c->own = g_new(struct spool_window, 1);
	spool_window_init(c->own);
}

void
form_cursor_deinit(struct form_cursor *c)
{
	if (c->own != NULL) {
		spool_window_deinit(c->own);
		g_free(c->own);
		c->own = NULL;
	}
	if (c->buf != NULL)
		g_byte_array_free(c->buf, TRUE);
	g_free(c->fv);
	memset(c, 0, sizeof(*c));
}

const struct form_row *
form_cursor_at(struct form_cursor *c, size_t i)
{
	struct form_rows *rs = c->f->rs;

	if (rs == NULL || i >= c->f->nrows)
		return (NULL);
	c->next = i + 1;
	if (c->own != NULL) {
		/* another thread may be reading: the form is sealed */
		g_assert(!rs->editing);
		spool_read_with(rs->sp, c->own, i, c->buf);
	} else {
		store_edit(rs);
		spool_read(rs->sp, i, c->buf);
	}
	/* The spool holds what encode() wrote, in this process. */
	if (!decode(c))
		g_error("form row %zu: a damaged record", i);
	return (&c->row);
}

const struct form_row *
form_cursor_next(struct form_cursor *c)
{
	return (form_cursor_at(c, c->next));
}

const struct form_row *
form_row(const struct form *f, size_t i)
{
	struct form_rows	*rs = f->rs;
	struct form_cursor	*c;

	if (rs == NULL || i >= f->nrows)
		return (NULL);
	store_edit(rs);
	for (size_t k = 0; k < FORM_ROW_CACHE; k++)
		if (rs->cache[k].f != NULL && rs->cache[k].next == i + 1)
			return (&rs->cache[k].row);
	c = &rs->cache[rs->cache_next];
	rs->cache_next = (rs->cache_next + 1) % FORM_ROW_CACHE;
	if (c->f == NULL)
		form_cursor_init(c, f);
	return (form_cursor_at(c, i));
}

void
form_row_copy(struct form_row *dst, const struct form_row *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->index = src->index;
	dst->source_row = src->source_row;
	dst->phone = g_strdup(src->phone);
	dst->phone_raw = g_strdup(src->phone_raw);
	dst->iccid = g_strdup(src->iccid);
	dst->iccid_raw = g_strdup(src->iccid_raw);
	dst->name = g_strdup(src->name);
	dst->position = g_strdup(src->position);
	dst->carrier = form_carrier(src->carrier);
	dst->device_serial = g_strdup(src->device_serial);
	dst->device_type = g_strdup(src->device_type);
	dst->email = g_strdup(src->email);
	findings_extend(&dst->errors, &src->errors);
	findings_extend(&dst->warnings, &src->warnings);
}

const char *
form_carrier(const char *name)
{
	for (int c = 0; name != NULL && c < VN_CARRIER__COUNT; c++)
		if (c != VN_CARRIER_UNKNOWN &&
		    strcmp(vn_carrier_name((enum vn_carrier)c), name) == 0)
			return (vn_carrier_name((enum vn_carrier)c));
	return (NULL);
}

void
form_row_deinit(struct form_row *r)
{
	g_free(r->phone);
	g_free(r->phone_raw);
	g_free(r->iccid);
	g_free(r->iccid_raw);
	g_free(r->name);
	g_free(r->position);
	g_free(r->device_serial);
	g_free(r->device_type);
	g_free(r->email);
	findings_deinit(&r->errors);
	findings_deinit(&r->warnings);
	memset(r, 0, sizeof(*r));
}

void
form_rows_drop(struct form *f)
{
	struct form_rows *rs = f->rs;

	if (rs != NULL) {
		if (rs->editing)
			form_row_deinit(&rs->edit);
		for (size_t k = 0; k < FORM_ROW_CACHE; k++)
			if (rs->cache[k].f != NULL)
				form_cursor_deinit(&rs->cache[k]);
		spool_free(rs->sp);
		g_byte_array_free(rs->enc, TRUE);
		g_free(rs);
	}
	f->rs = NULL;
	f->nrows = 0;
}
