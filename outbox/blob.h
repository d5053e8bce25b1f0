/* blob.h: the attachment bytes of queued mail, kept as files named by
 * their sha256 (under the archive: [store] archive, "blobs/ab/<sha256>")
 * instead of inside the outbox row, so that a forward carrying a unit's
 * files adds a reference to the store, not the files again. The row
 * keeps the message with each base64 attachment body cut out (its
 * "skeleton") and, per body, where it goes and which blob fills it. */
#ifndef HOTROCKS_BLOB_H
#define HOTROCKS_BLOB_H

#include <stdbool.h>
#include <stddef.h>

/* One cut-out body: at byte offset of the skeleton, the base64 (76
 * columns, CRLF after each line) of the blob sha256, len bytes. */
struct blob_ref {
	size_t		 offset;
	char		 sha256[65];
	size_t		 len;
};

/*
 * Pure. Finds the base64 attachment bodies of a message composed by
 * compose_message (the parts of its top multipart/mixed) and cuts out
 * each one that encode_body gives back byte for byte, so that blob_join
 * rebuilds exactly raw. 0 with *skel_r and *skel_len_r (g_free; a copy
 * of raw when nothing was cut), *refs_r (g_free, NULL when none), *n_r,
 * and the decoded bytes of each ref in *datas_r (g_free each and the
 * array; NULL when none).
 */
int	blob_split(const char *raw, size_t len, char **skel_r,
	    size_t *skel_len_r, struct blob_ref **refs_r, size_t *n_r,
	    unsigned char ***datas_r);

/* An attachment's bytes, borrowed. */
struct blob_data {
	const unsigned char	*data;
	size_t			 len;
};

/*
 * Pure. The refs of a message composed with its attachments apart
 * (compose_attachment.apart): datas[i] are its n attachments in order,
 * each an empty base64 part of its top multipart/mixed, those with bytes
 * holes that blob_join fills to give the message compose_message would
 * have made whole. 0 with *refs_r (g_free) and *nrefs_r, one a non-empty
 * attachment; -1 and *cause (g_free) when the parts do not match.
 */
int	blob_refs(const char *skel, size_t len, const struct blob_data *datas,
	    size_t n, struct blob_ref **refs_r, size_t *nrefs_r, char **cause);
/* Pure. The whole message, its holes filled from datas as blob_join
 * fills them from files (for a store without a folder for them). */
char	*blob_fill(const char *skel, size_t skel_len,
	    const struct blob_ref *refs, size_t nrefs,
	    const struct blob_data *datas, size_t n, size_t *len_r);

/* Writes data as dir/ab/<sha256> unless it is there: a temporary name,
 * fsync, rename, directory fsync, so that a name always holds complete
 * bytes before a record names it. With sync false, no fsync at all: the
 * caller syncs the file system before the record that names it can
 * become durable. 0, or -1, *cause (g_free) and errno. */
int	blob_put(const char *dir, const unsigned char *data, size_t len,
	    const char *sha256, bool sync, char **cause);

/* The message again: skel with each ref's body put back, read from dir
 * and checked against its sha256. 0 with *raw_r (g_free, NUL-terminated)
 * and *len_r, or -1 and *cause (g_free) when a blob is missing, altered
 * or of another size. */
int	blob_join(const char *dir, const char *skel, size_t skel_len,
	    const struct blob_ref *refs, size_t n, char **raw_r,
	    size_t *len_r, char **cause);

/* "DIR/ab/<sha256>"; g_free. */
char	*blob_path(const char *dir, const char *sha256);

#endif
