/* spool.h: an append-only list of byte records, held in memory while it
 * is small and in an unlinked file under TMPDIR past SPOOL_MEMORY bytes,
 * so that a 200,000-row list costs the memory of its index (12 bytes a
 * record), not of its rows. Records are read back by number, cheaply in
 * order; one may be replaced (its new bytes are appended). */
#ifndef HOTROCKS_SPOOL_H
#define HOTROCKS_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* Bytes kept in memory before the records move to a file. */
#define SPOOL_MEMORY	((size_t)1 << 20)

struct spool;

struct spool	*spool_new(void);
/* Frees the spool and removes its file; takes NULL. */
void		 spool_free(struct spool *);
/* Records appended so far. */
size_t		 spool_count(const struct spool *);
/*
 * Appends a record of len bytes; it is number spool_count() - 1. A spool
 * that cannot write its file ends the process with exit status 74 (the
 * sysexits EX_IOERR) and a message naming TMPDIR: the message being read
 * is then neither recorded nor acknowledged, and is read again later,
 * which is better than deciding it on rows that were lost.
 */
void		 spool_append(struct spool *, const void *, size_t len);
/* Replaces record i (i < spool_count) with len bytes. */
void		 spool_replace(struct spool *, size_t i, const void *,
		    size_t len);
/*
 * Record i into buf (its contents replaced; a NUL byte follows them,
 * not counted in buf->len). Reads in order cost one read(2) per
 * SPOOL_WINDOW bytes. A read error ends the process as spool_append
 * says.
 */
#define SPOOL_WINDOW	((size_t)256 << 10)
void		 spool_read(struct spool *, size_t i, GByteArray *buf);
/*
 * The same through a reader's own window on the file, so that two
 * threads may read one spool at once: spool_read and spool_read_with on
 * other windows share nothing but the file, read with pread(2). Nothing
 * may append to the spool or replace a record meanwhile.
 */
struct spool_window {
	GByteArray	*bytes;		/* bytes of the file read last */
	uint64_t	 off;		/* where they start */
};
void		 spool_window_init(struct spool_window *);
void		 spool_window_deinit(struct spool_window *);
void		 spool_read_with(const struct spool *, struct spool_window *,
		    size_t i, GByteArray *buf);

#endif
