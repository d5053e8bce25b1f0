/* pdf-doc.c: qpdf opened from memory under our limits. Pure: qpdf reads
 * only the buffer it is given and prints nothing. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "parsers/pdf-doc.h"

/* Encoding layers looked through in one stream: Flate on Flate on
 * ASCIIHex is already more than any writer produces. */
#define INFLATE_LAYERS	4
#define INFLATE_CHUNK	65536
/* Bytes of a layer's output looked at to tell whether it is encoded
 * again (a zlib header, or hex or ASCII85 text that decodes to one). */
#define PEEK		16

/* Every byte a layer produces and every byte Flate consumes is charged:
 * output against bombs, input against inflating the same long run again
 * and again from many "stream" keywords (or empty stored blocks, which
 * consume without producing). */
struct budget {
	size_t	left;
	bool	over;
};

static bool	 charge(struct budget *, size_t);

static bool
charge(struct budget *b, size_t n)
{
	if (n > b->left) {
		b->over = true;
		return (false);
	}
	b->left -= n;
	return (true);
}

static bool	 zlib_header(const unsigned char *, size_t);
static size_t	 hex_decode(const unsigned char *, size_t, unsigned char *,
		    size_t);
static size_t	 a85_decode(const unsigned char *, size_t, unsigned char *,
		    size_t);
static bool	 encoded(const unsigned char *, size_t, int);
static void	 look_through(const unsigned char *, size_t, int,
		    struct budget *);
static size_t	 inflate_layer(const unsigned char *, size_t, unsigned char *,
		    size_t, struct budget *);

/* RFC 1950: CM 8 (deflate), a window of at most 32 KiB, FCHECK. */
static bool
zlib_header(const unsigned char *p, size_t len)
{
	return (len >= 2 && (p[0] & 0x0f) == 8 && (p[0] >> 4) <= 7 &&
	    ((unsigned)p[0] << 8 | p[1]) % 31 == 0);
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	c |= 0x20;
	return (c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
}

static bool
pdf_space(unsigned char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\f' || c == '\0');
}

/* ASCIIHexDecode (ISO 32000 7.4.2) of in, up to max bytes out; stops at
 * '>' or at the first byte that is not hex. Returns the bytes written. */
static size_t
hex_decode(const unsigned char *in, size_t len, unsigned char *out,
    size_t max)
{
	size_t	n = 0;
	int	hi = -1, v;

	for (size_t i = 0; i < len && n < max; i++) {
		if (pdf_space(in[i]))
			continue;
		if ((v = hexval(in[i])) < 0)
			break;
		if (hi < 0)
			hi = v;
		else {
			out[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0 && n < max)
		out[n++] = (unsigned char)(hi << 4);
	return (n);
}

/* ASCII85Decode (ISO 32000 7.4.3), an optional "<~" first, up to max
 * bytes out; stops at "~" or a byte outside the alphabet. */
static size_t
a85_decode(const unsigned char *in, size_t len, unsigned char *out,
    size_t max)
{
	size_t		 n = 0, i = 0;
	unsigned	 k = 0;
	uint64_t	 v = 0;

	while (i < len && pdf_space(in[i]))
		i++;
	if (i + 1 < len && in[i] == '<' && in[i + 1] == '~')
		i += 2;
	for (; i < len && n < max; i++) {
		if (pdf_space(in[i]))
			continue;
		if (in[i] == 'z' && k == 0) {
			for (int j = 0; j < 4 && n < max; j++)
				out[n++] = 0;
			continue;
		}
		if (in[i] < '!' || in[i] > 'u')
			break;
		v = v * 85 + (uint64_t)(in[i] - '!');
		if (++k == 5) {
			for (int j = 3; j >= 0 && n < max; j--)
				out[n++] = (unsigned char)(v >> (8 * j));
			k = 0;
			v = 0;
		}
	}
	if (k > 1) {
		for (unsigned j = k; j < 5; j++)
			v = v * 85 + 84;
		for (unsigned j = 0; j < k - 1 && n < max; j++)
			out[n++] = (unsigned char)(v >> (8 * (3 - j)));
	}
	return (n);
}

/* Whether p starts with data one of the layers above would decode to
 * something compressed: the only layers that can multiply bytes. */
static bool
encoded(const unsigned char *p, size_t len, int depth)
{
	unsigned char	buf[PEEK];
	size_t		n;

	if (depth >= INFLATE_LAYERS || len == 0)
		return (false);
	if (zlib_header(p, len))
		return (true);
	n = hex_decode(p, len < 4 * PEEK ? len : 4 * PEEK, buf, sizeof(buf));
	if (n >= 2 && encoded(buf, n, depth + 1))
		return (true);
	n = a85_decode(p, len < 4 * PEEK ? len : 4 * PEEK, buf, sizeof(buf));
	return (n >= 2 && encoded(buf, n, depth + 1));
}

/*
 * Inflates one zlib stream of in, counting every byte against b; the
 * output is kept in out up to max bytes (out may be NULL to count only).
 * Returns the bytes inflated (all of them, kept or not); a damaged stream
 * ends where zlib stops, as it does for qpdf and poppler.
 */
static size_t
inflate_layer(const unsigned char *in, size_t len, unsigned char *out,
    size_t max, struct budget *b)
{
	unsigned char	scratch[INFLATE_CHUNK];
	z_stream	z;
	size_t		total = 0;
	int		rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return (0);
	z.next_in = (Bytef *)(uintptr_t)in;
	do {
		size_t	chunk = len > UINT_MAX ? UINT_MAX : len;
		size_t	got, ate;

		z.avail_in = (uInt)chunk;
		do {
			ate = z.avail_in;
			z.next_out = scratch;
			z.avail_out = sizeof(scratch);
			rc = inflate(&z, Z_NO_FLUSH);
			got = sizeof(scratch) - z.avail_out;
			ate -= z.avail_in;
			if (out != NULL && total < max)
				memcpy(out + total, scratch,
				    MIN(got, max - total));
			total += got;
			if (!charge(b, got) || !charge(b, ate))
				goto out;
		} while (rc == Z_OK && z.avail_out == 0);
		len -= chunk - z.avail_in;
	} while (rc == Z_OK && len > 0 && z.avail_in == 0);
out:
	inflateEnd(&z);
	return (total);
}

/*
 * Decodes one stream's data layer by layer while it stays encoded,
 * against the budget. Flate is inflated once to count it and, only when
 * its output is encoded again, a second time to keep it (the kept copy
 * is within the budget, which the first pass checked).
 */
static void
look_through(const unsigned char *p, size_t len, int depth,
    struct budget *b)
{
	unsigned char	 peek[PEEK];
	unsigned char	*buf;
	size_t		 n;

	if (depth >= INFLATE_LAYERS || b->over || !encoded(p, len, depth))
		return;
	if (zlib_header(p, len)) {
		n = inflate_layer(p, len, peek, sizeof(peek), b);
		if (b->over || !encoded(peek, MIN(n, sizeof(peek)),
		    depth + 1))
			return;
		buf = g_malloc(n);
		{
			/* the same bytes again, charged once already */
			struct budget	free_pass = { .left = SIZE_MAX };

			n = inflate_layer(p, len, buf, n, &free_pass);
		}
	} else {
		/* text layers only shrink: their output fits in len; more
		 * than the budget left is not decoded */
		size_t max = MIN(len, b->left + 1);

		buf = g_malloc(max);
		n = hex_decode(p, len, buf, max);
		if (n < 2 || !encoded(buf, n, depth + 1))
			n = a85_decode(p, len, buf, max);
		if (!charge(b, n)) {
			g_free(buf);
			return;
		}
	}
	look_through(buf, n, depth + 1, b);
	g_free(buf);
}

int
pdf_doc_inflate_check(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct parse_limits	 l = limits_resolve(limits);
	struct budget		 b = { .left = l.max_pdf_inflated };
	const unsigned char	*p = data, *end = data + len, *s;

	while (p < end && (s = memmem(p, (size_t)(end - p), "stream", 6)) !=
	    NULL) {
		p = s + 6;
		if (s - data >= 3 && memcmp(s - 3, "end", 3) == 0)
			continue;
		/* the data starts after the keyword's end of line; qpdf
		 * and poppler tolerate other white space there too */
		for (int i = 0; i < 4 && p < end && pdf_space(*p); i++)
			p++;
		look_through(p, (size_t)(end - p), 0, &b);
		if (b.over) {
			*why_r = "the PDF's compressed streams inflate past "
			    "the limit (a compression bomb)";
			return (-1);
		}
	}
	return (0);
}

qpdf_data
pdf_doc_open(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct parse_limits	l = limits_resolve(limits);

	if (len > l.max_pdf_size) {
		*why_r = "the PDF is larger than the size limit";
		return (NULL);
	}
	if (pdf_doc_inflate_check(data, len, &l, why_r) == -1)
		return (NULL);
	return (pdf_doc_open_prefix(data, len, &l, why_r));
}

qpdf_data
pdf_doc_open_prefix(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct parse_limits	 l = limits_resolve(limits);
	qpdf_data		 q;
	qpdf_oh			 size;

	if (len > l.max_pdf_size) {
		*why_r = "the PDF is larger than the size limit";
		return (NULL);
	}
	q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	if (qpdf_read_memory(q, "pdf", (const char *)data, len, "") &
	    QPDF_ERRORS) {
		*why_r = "not a PDF that can be read (damaged, or encrypted "
		    "with a password)";
		goto fail;
	}
	size = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size");
	if (!qpdf_oh_is_integer(q, size) || qpdf_oh_get_int_value(q, size) < 1 ||
	    (unsigned long long)qpdf_oh_get_int_value(q, size) >
	    l.max_pdf_objects) {
		*why_r = "the PDF declares more objects than the limit allows";
		goto fail;
	}
	if (!qpdf_oh_is_dictionary(q, qpdf_get_root(q)) || qpdf_has_error(q)) {
		*why_r = "the PDF has no document catalog";
		goto fail;
	}
	return (q);
fail:
	pdf_doc_close(q);
	return (NULL);
}

void
pdf_doc_close(qpdf_data q)
{
	if (q == NULL)
		return;
	/* an error left unread is printed by qpdf_cleanup: read it */
	if (qpdf_has_error(q))
		(void)qpdf_get_error(q);
	qpdf_cleanup(&q);
}

const char *
pdf_doc_name(qpdf_data q, qpdf_oh dict, const char *key)
{
	qpdf_oh	v;

	if (!qpdf_oh_is_dictionary(q, dict))
		return (NULL);
	v = qpdf_oh_get_key(q, dict, key);
	return (qpdf_oh_is_name(q, v) ? qpdf_oh_get_name(q, v) : NULL);
}

GPtrArray *
pdf_doc_keys(qpdf_data q, qpdf_oh dict)
{
	GPtrArray	*keys = g_ptr_array_new_with_free_func(g_free);

	qpdf_oh_begin_dict_key_iter(q, dict);
	while (qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
	return (keys);
}
