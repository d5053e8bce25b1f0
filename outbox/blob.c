/* blob.c: attachment bodies of queued mail cut out of the outbox row and
 * kept as files named by sha256 (blob.h). The cut must be exact: a body
 * is cut only when encoding its bytes again gives it back byte for byte,
 * so a message rebuilt at send time is the message composed. */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "outbox/blob.h"
#include "lib/sha256.h"

#define BLOB_DIR_MODE	0750
#define BLOB_FILE_MODE	0640
/* compose_message's base64: GMime writes 76 columns, CRLF after each. */
#define BLOB_COLUMNS	76

static char	*encode_body(const unsigned char *, size_t, size_t *);
static bool	 body_encodes(const char *, size_t, const unsigned char *,
		    size_t);
static bool	 header_says_base64(const char *, const char *);
static int	 fsync_dir(const char *);

/* The body GMime writes for data: base64, BLOB_COLUMNS a line, each
 * line ended by CRLF. */
static char *
encode_body(const unsigned char *data, size_t len, size_t *len_r)
{
	char	*b = g_base64_encode(data, len);
	size_t	 n = strlen(b);
	GString	*s = g_string_sized_new(n + n / BLOB_COLUMNS * 2 + 2);

	for (size_t i = 0; i < n; i += BLOB_COLUMNS) {
		g_string_append_len(s, b + i, MIN(BLOB_COLUMNS, n - i));
		g_string_append(s, "\r\n");
	}
	g_free(b);
	*len_r = s->len;
	return (g_string_free(s, FALSE));
}

/*
 * True when body (n bytes) is what encode_body gives for data, checked a
 * line at a time and never built: a long list's workbook in base64 is
 * megabytes. 57 bytes make one 76-column line, so the lines of the whole
 * are the lines of each 57 bytes.
 */
static bool
body_encodes(const char *body, size_t n, const unsigned char *data,
    size_t len)
{
	char	 line[BLOB_COLUMNS + 8];
	size_t	 at = 0;

	for (size_t i = 0; i < len; i += BLOB_COLUMNS / 4 * 3) {
		gint	state = 0, save = 0;
		gsize	k;

		k = g_base64_encode_step(data + i, MIN(len - i,
		    BLOB_COLUMNS / 4 * 3), FALSE, line, &state, &save);
		k += g_base64_encode_close(FALSE, line + k, &state, &save);
		if (n - at < k + 2 || memcmp(body + at, line, k) != 0 ||
		    memcmp(body + at + k, "\r\n", 2) != 0)
			return (false);
		at += k + 2;
	}
	return (at == n);
}

/* The part header [h, end) names base64 as its transfer encoding. */
static bool
header_says_base64(const char *h, const char *end)
{
	static const char	 want[] =
	    "\r\ncontent-transfer-encoding: base64\r\n";
	size_t			 n = sizeof(want) - 1;

	/* h starts after the delimiter line's CRLF: look from it. */
	for (const char *p = h - 2; p + n <= end; p++)
		if (g_ascii_strncasecmp(p, want, n) == 0)
			return (true);
	return (false);
}

/*
 * Calls fn(ctx, pb, next) for each part of raw's top multipart/mixed
 * whose header names base64, its body [pb, next), in order, until fn
 * returns false. What compose_message writes: the boundary quoted on the
 * Content-Type line, each delimiter "\r\n--boundary".
 */
static void
base64_bodies(const char *raw, size_t len,
    bool (*fn)(void *, const char *, const char *), void *ctx)
{
	const char	*end = raw + len, *hdr_end, *ct, *b, *q, *p;
	char		*delim;
	size_t		 dlen;

	if ((hdr_end = memmem(raw, len, "\r\n\r\n", 4)) == NULL ||
	    (ct = g_strstr_len(raw, hdr_end - raw,
	    "Content-Type: multipart/mixed; boundary=\"")) == NULL)
		return;
	b = ct + strlen("Content-Type: multipart/mixed; boundary=\"");
	if ((q = memchr(b, '"', (size_t)(hdr_end - b))) == NULL || q == b)
		return;
	delim = g_strdup_printf("\r\n--%.*s", (int)(q - b), b);
	dlen = strlen(delim);
	p = memmem(hdr_end, (size_t)(end - hdr_end), delim, dlen);
	while (p != NULL) {
		const char *ph, *pb, *next;

		ph = p + dlen;
		if (end - ph < 2 || (ph[0] == '-' && ph[1] == '-'))
			break;		/* the closing delimiter */
		if ((ph = memmem(ph, (size_t)(end - ph), "\r\n", 2)) == NULL)
			break;
		ph += 2;
		if ((pb = memmem(ph - 2, (size_t)(end - ph + 2), "\r\n\r\n",
		    4)) == NULL)
			break;
		pb += 4;
		if ((next = memmem(pb, (size_t)(end - pb), delim, dlen)) ==
		    NULL)
			break;
		if (header_says_base64(ph, pb) && !fn(ctx, pb, next))
			break;
		p = next;
	}
	g_free(delim);
}

struct split {
	const char	*copied;	/* raw up to here is in skel */
	GString		*skel;
	GArray		*refs;
	GPtrArray	*datas;
};

/* A body that encodes back the same is cut out, its bytes kept. */
static bool
split_body(void *ctx, const char *pb, const char *next)
{
	struct split	*sp = ctx;
	unsigned char	*data;
	gsize		 dl;
	gint		 state = 0;
	guint		 save = 0;

	if (next == pb)
		return (true);
	/* Decoded where it lies (line ends are skipped), and kept only
	 * when it encodes back the same. */
	data = g_malloc((size_t)(next - pb) / 4 * 3 + 3);
	dl = g_base64_decode_step(pb, (gsize)(next - pb), data, &state,
	    &save);
	if (dl > 0 && body_encodes(pb, (size_t)(next - pb), data, dl)) {
		struct blob_ref	 r = { 0 };
		char		*sha = sha256_hex(data, dl);

		g_string_append_len(sp->skel, sp->copied, pb - sp->copied);
		r.offset = sp->skel->len;
		g_strlcpy(r.sha256, sha, sizeof(r.sha256));
		r.len = dl;
		g_free(sha);
		g_array_append_val(sp->refs, r);
		g_ptr_array_add(sp->datas, data);
		sp->copied = next;
	} else
		g_free(data);
	return (true);
}

int
blob_split(const char *raw, size_t len, char **skel_r, size_t *skel_len_r,
    struct blob_ref **refs_r, size_t *n_r, unsigned char ***datas_r)
{
	struct split sp;

	sp.copied = raw;
	sp.skel = g_string_sized_new(MIN(len, 65536));
	sp.refs = g_array_new(FALSE, TRUE, sizeof(struct blob_ref));
	sp.datas = g_ptr_array_new();
	base64_bodies(raw, len, split_body, &sp);
	g_string_append_len(sp.skel, sp.copied, raw + len - sp.copied);
	*skel_len_r = sp.skel->len;
	*skel_r = g_string_free(sp.skel, FALSE);
	*n_r = sp.refs->len;
	*refs_r = sp.refs->len > 0 ? (struct blob_ref *)(void *)
	    g_array_free(sp.refs, FALSE) : (g_array_free(sp.refs, TRUE),
	    NULL);
	*datas_r = sp.datas->len > 0 ? (unsigned char **)g_ptr_array_free(
	    sp.datas, FALSE) : (g_ptr_array_free(sp.datas, TRUE), NULL);
	return (0);
}

struct holes {
	const char		*skel;
	const struct blob_data	*datas;
	size_t			 n, found, nrefs;
	struct blob_ref		*refs;
};

/* Each attachment is an empty base64 body, in order; one with bytes is
 * a hole its blob fills. */
static bool
hole(void *ctx, const char *pb, const char *next)
{
	struct holes		*h = ctx;
	const struct blob_data	*d;
	struct blob_ref		*r;
	char			*sha;

	if (next != pb || h->found++ == h->n)
		return (false);		/* not what compose wrote */
	d = &h->datas[h->found - 1];
	if (d->len == 0)
		return (true);
	r = &h->refs[h->nrefs++];
	r->offset = (size_t)(pb - h->skel);
	r->len = d->len;
	sha = sha256_hex(d->data, d->len);
	g_strlcpy(r->sha256, sha, sizeof(r->sha256));
	g_free(sha);
	return (true);
}

int
blob_refs(const char *skel, size_t len, const struct blob_data *datas,
    size_t n, struct blob_ref **refs_r, size_t *nrefs_r, char **cause)
{
	struct holes h = { skel, datas, n, 0, 0, g_new0(struct blob_ref,
	    n ? n : 1) };

	base64_bodies(skel, len, hole, &h);
	if (h.found != n) {
		*cause = g_strdup_printf("a message composed with %zu "
		    "attachment(s) apart has %s", n, h.found > n ? "more "
		    "attachments, or one not left out" : "fewer");
		g_free(h.refs);
		*refs_r = NULL;
		*nrefs_r = 0;
		return (-1);
	}
	*refs_r = h.refs;
	*nrefs_r = h.nrefs;
	return (0);
}

char *
blob_path(const char *dir, const char *sha256)
{
	char	 prefix[3] = { sha256[0], sha256[0] ? sha256[1] : 0, 0 };

	return (g_build_filename(dir, prefix, sha256, NULL));
}

static int
fsync_dir(const char *path)
{
	int	 fd, rc, saved;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (-1);
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return (rc);
}

int
blob_put(const char *dir, const unsigned char *data, size_t len,
    const char *sha256, bool sync, char **cause)
{
	struct stat	 sb;
	char		*final = blob_path(dir, sha256);
	char		*sub = g_path_get_dirname(final), *tmp = NULL;
	const char	*what = "write", *where;
	bool		 new_dir = g_stat(dir, &sb) == -1;
	bool		 new_sub = g_stat(sub, &sb) == -1 ||
			    !S_ISDIR(sb.st_mode);
	int		 fd = -1, rc = -1, saved;

	where = sub;
	if (new_sub && g_mkdir_with_parents(sub, BLOB_DIR_MODE) == -1) {
		what = "mkdir";
		goto fail;
	}
	if (new_dir && sync) {
		char *up = g_path_get_dirname(dir);

		saved = fsync_dir(up);
		g_free(up);
		if (saved == -1) {
			what = "fsync directory";
			where = dir;
			goto fail;
		}
	}
	if (new_sub && sync && fsync_dir(dir) == -1) {
		what = "fsync directory";
		where = dir;
		goto fail;
	}
	if (g_stat(final, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (unsigned long long)sb.st_size == (unsigned long long)len) {
		/* There: its entry made durable, in case its writer died
		 * before doing so. */
		if (sync && fsync_dir(sub) == -1) {
			what = "fsync directory";
			goto fail;
		}
		rc = 0;
		goto fail;
	}
	tmp = g_strdup_printf("%s/.tmp-%ld-%08x", sub, (long)getpid(),
	    g_random_int());
	where = tmp;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    BLOB_FILE_MODE)) == -1)
		goto fail;
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, data + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		off += (size_t)n;
	}
	if ((sync && fsync(fd) == -1) || close(fd) == -1) {
		fd = -1;
		what = "fsync";
		goto fail;
	}
	fd = -1;
	if (rename(tmp, final) == -1) {
		what = "rename";
		goto fail;
	}
	g_free(tmp);
	tmp = NULL;
	where = sub;
	if (sync && fsync_dir(sub) == -1) {
		what = "fsync directory";
		goto fail;
	}
	rc = 0;
fail:
	if (rc == -1) {
		saved = errno;
		if (fd != -1)
			close(fd);
		if (tmp != NULL)
			g_unlink(tmp);
		*cause = g_strdup_printf("%s %s: %s", what, where,
		    g_strerror(saved));
	}
	g_free(tmp);
	g_free(sub);
	g_free(final);
	if (rc == -1)
		errno = saved;
	return (rc);
}

/* The skeleton up to offset, then the body of data, into out. */
static void
put_body(GString *out, const char *skel, size_t *prev, size_t offset,
    const unsigned char *data, size_t len)
{
	char	*enc;
	size_t	 el;

	g_string_append_len(out, skel + *prev, offset - *prev);
	enc = encode_body(data, len, &el);
	g_string_append_len(out, enc, el);
	g_free(enc);
	*prev = offset;
}

char *
blob_fill(const char *skel, size_t skel_len, const struct blob_ref *refs,
    size_t nrefs, const struct blob_data *datas, size_t n, size_t *len_r)
{
	GString	*out = g_string_sized_new(skel_len);
	size_t	 prev = 0, k = 0;

	for (size_t i = 0; i < n && k < nrefs; i++)
		if (datas[i].len > 0)
			put_body(out, skel, &prev, refs[k++].offset,
			    datas[i].data, datas[i].len);
	g_string_append_len(out, skel + prev, skel_len - prev);
	*len_r = out->len;
	return (g_string_free(out, FALSE));
}

int
blob_join(const char *dir, const char *skel, size_t skel_len,
    const struct blob_ref *refs, size_t n, char **raw_r, size_t *len_r,
    char **cause)
{
	GString	*out = g_string_sized_new(skel_len);
	GError	*err = NULL;
	size_t	 prev = 0;

	for (size_t i = 0; i < n; i++) {
		char	*path, *data = NULL, *sha;
		gsize	 dl;

		if (refs[i].offset < prev || refs[i].offset > skel_len) {
			*cause = g_strdup_printf("attachment %zu: offset %zu "
			    "outside the message", i, refs[i].offset);
			goto fail;
		}
		path = blob_path(dir, refs[i].sha256);
		if (!g_file_get_contents(path, &data, &dl, &err)) {
			*cause = g_strdup_printf("attachment %s: %s",
			    refs[i].sha256, err->message);
			g_error_free(err);
			g_free(path);
			goto fail;
		}
		g_free(path);
		sha = sha256_hex(data, dl);
		if (dl != refs[i].len || g_ascii_strcasecmp(sha,
		    refs[i].sha256) != 0) {
			*cause = g_strdup_printf("attachment %s: the file "
			    "holds other bytes (%zu, sha256 %s)",
			    refs[i].sha256, (size_t)dl, sha);
			g_free(sha);
			g_free(data);
			goto fail;
		}
		g_free(sha);
		put_body(out, skel, &prev, refs[i].offset,
		    (const unsigned char *)data, dl);
		g_free(data);
	}
	g_string_append_len(out, skel + prev, skel_len - prev);
	*len_r = out->len;
	*raw_r = g_string_free(out, FALSE);
	return (0);
fail:
	g_string_free(out, TRUE);
	return (-1);
}
