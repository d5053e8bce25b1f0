/* spool.c: byte records in memory, then in an unlinked file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lib/spool.h"

struct spool {
	uint64_t	*off;		/* each record's place */
	uint32_t	*len;
	size_t		 n, cap;
	GByteArray	*mem;		/* the records, until SPOOL_MEMORY;
					 * then bytes not yet written */
	int		 fd;		/* -1 while in memory */
	uint64_t	 flushed;	/* bytes of the file written */
	struct spool_window win;	/* spool_read's */
};

static const char *spool_dir(void);
static void	 spool_fail(const char *, int) __attribute__((noreturn));
static void	 spool_to_file(struct spool *);
static void	 spool_flush(struct spool *);

/* TMPDIR as it is now: g_get_tmp_dir keeps the first it saw. */
static const char *
spool_dir(void)
{
	const char *dir = g_getenv("TMPDIR");

	return (dir != NULL && *dir != '\0' ? dir : g_get_tmp_dir());
}

static void
spool_fail(const char *what, int err)
{
	fprintf(stderr, "hotrocks: %s the rows of a list kept under %s: %s\n",
	    what, spool_dir(), g_strerror(err));
	exit(EX_IOERR);
}

struct spool *
spool_new(void)
{
	struct spool *sp = g_new0(struct spool, 1);

	sp->mem = g_byte_array_new();
	spool_window_init(&sp->win);
	sp->fd = -1;
	return (sp);
}

void
spool_free(struct spool *sp)
{
	if (sp == NULL)
		return;
	if (sp->fd != -1)
		close(sp->fd);
	g_free(sp->off);
	g_free(sp->len);
	g_byte_array_free(sp->mem, TRUE);
	spool_window_deinit(&sp->win);
	g_free(sp);
}

size_t
spool_count(const struct spool *sp)
{
	return (sp->n);
}

/* The records so far go to a new unlinked file; mem holds from then on
 * only what is not written yet. */
static void
spool_to_file(struct spool *sp)
{
	char *path = g_build_filename(spool_dir(), "hotrocks-rows-XXXXXX",
	    NULL);

	if ((sp->fd = g_mkstemp(path)) == -1) {
		fprintf(stderr, "hotrocks: cannot keep the rows of a list in "
		    "%s: %s\n", path, g_strerror(errno));
		exit(EX_IOERR);
	}
	(void)g_unlink(path);
	g_free(path);
	sp->flushed = 0;
	spool_flush(sp);
	/* From now on it holds what waits for a write, a window at most. */
	g_byte_array_free(sp->mem, TRUE);
	sp->mem = g_byte_array_sized_new((guint)SPOOL_WINDOW);
}

static void
spool_flush(struct spool *sp)
{
	size_t	done = 0;

	while (done < sp->mem->len) {
		ssize_t w = write(sp->fd, sp->mem->data + done,
		    sp->mem->len - done);

		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			spool_fail("cannot write", errno);
		done += (size_t)w;
	}
	sp->flushed += sp->mem->len;
	g_byte_array_set_size(sp->mem, 0);
}

/* The bytes go at the end: offset of the file's end plus what waits. */
static uint64_t
spool_put(struct spool *sp, const void *data, size_t len)
{
	uint64_t at = (sp->fd != -1 ? sp->flushed : 0) + sp->mem->len;

	if (len > UINT32_MAX)
		spool_fail("cannot keep a record this long among", EFBIG);
	g_byte_array_append(sp->mem, data, (guint)len);
	if (sp->fd == -1 && sp->mem->len > SPOOL_MEMORY)
		spool_to_file(sp);
	else if (sp->fd != -1 && sp->mem->len >= SPOOL_WINDOW)
		spool_flush(sp);
	return (at);
}

void
spool_append(struct spool *sp, const void *data, size_t len)
{
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 64;
		sp->off = g_renew(uint64_t, sp->off, sp->cap);
		sp->len = g_renew(uint32_t, sp->len, sp->cap);
	}
	sp->off[sp->n] = spool_put(sp, data, len);
	sp->len[sp->n] = (uint32_t)len;
	sp->n++;
}

void
spool_replace(struct spool *sp, size_t i, const void *data, size_t len)
{
	g_assert(i < sp->n);
	sp->off[i] = spool_put(sp, data, len);
	sp->len[i] = (uint32_t)len;
}

void
spool_window_init(struct spool_window *w)
{
	w->bytes = g_byte_array_new();
	w->off = 0;
}

void
spool_window_deinit(struct spool_window *w)
{
	if (w->bytes != NULL)
		g_byte_array_free(w->bytes, TRUE);
	w->bytes = NULL;
}

void
spool_read(struct spool *sp, size_t i, GByteArray *buf)
{
	spool_read_with(sp, &sp->win, i, buf);
}

void
spool_read_with(const struct spool *sp, struct spool_window *w, size_t i,
    GByteArray *buf)
{
	uint64_t	off = sp->off[i];
	uint32_t	len = sp->len[i];
	const guint8	*src;

	g_assert(i < sp->n);
	if (sp->fd == -1)
		src = sp->mem->data + off;
	else if (off >= sp->flushed)
		src = sp->mem->data + (off - sp->flushed);
	else {
		if (off < w->off || off + len > w->off + w->bytes->len) {
			size_t	want = MAX((size_t)len, SPOOL_WINDOW), got = 0;

			/* Never past what is written: the rest is in
			 * memory and read from there. */
			if (off + want > sp->flushed)
				want = (size_t)(sp->flushed - off);
			g_byte_array_set_size(w->bytes, (guint)want);
			while (got < want) {
				ssize_t r = pread(sp->fd, w->bytes->data + got,
				    want - got, (off_t)(off + got));

				if (r == -1 && errno == EINTR)
					continue;
				if (r <= 0)
					spool_fail("cannot read back",
					    r == 0 ? EIO : errno);
				got += (size_t)r;
			}
			w->off = off;
		}
		src = w->bytes->data + (off - w->off);
	}
	g_byte_array_set_size(buf, len + 1);
	memcpy(buf->data, src, len);
	buf->data[len] = '\0';
	g_byte_array_set_size(buf, len);
}
