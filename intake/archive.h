/* archive.h: raw messages kept forever, content-addressed by sha256, so an
 * auditor can prove what arrived. A file is complete or absent: written to
 * a temporary name, fsync'd, renamed, and the directory fsync'd. */
#ifndef HOTROCKS_ARCHIVE_H
#define HOTROCKS_ARCHIVE_H

#include <stddef.h>

/*
 * Stores len bytes under dir as "ab/abcdef….eml" (ab: first two hex
 * digits of the sha256), creating directories as needed. Idempotent: an
 * existing file with that name is left alone (after checking its size).
 * Returns 0 with the hex sha256 in sha256_r (65 bytes) and the path
 * relative to dir in *rel_r (g_free); -1 and *cause (g_free) on failure.
 */
int	archive_put(const char *dir, const unsigned char *data, size_t len,
	    char sha256_r[65], char **rel_r, char **cause);

/*
 * A batch of puts that costs two syncs of the archive's file system in
 * all, not two fsyncs a message: archive_batch_put writes each new file
 * under a temporary name (no fsync) and names its final path and sha256
 * at once; archive_batch_commit makes every content durable (syncfs),
 * renames them to their final names, and syncs again, so that a final
 * name still always holds complete bytes. Nothing may refer to a path
 * before commit returned 0. put and commit: 0, or -1 and *cause (g_free);
 * free removes the temporaries of a batch never committed.
 */
struct archive_batch;
struct archive_batch *archive_batch_new(const char *dir);
int	archive_batch_put(struct archive_batch *, const unsigned char *data,
	    size_t len, char sha256_r[65], char **rel_r, char **cause);
int	archive_batch_commit(struct archive_batch *, char **cause);
void	archive_batch_free(struct archive_batch *);

/* The archive's whole file system to disk (syncfs): what was written
 * under dir without fsync. 0, or -1 and *cause (g_free). */
int	archive_sync(const char *dir, char **cause);

/* Reads a file back by its relative path; 0 or -1 with *cause. */
int	archive_get(const char *dir, const char *rel, unsigned char **data_r,
	    size_t *len_r, char **cause);

/*
 * Removes the temporary files ".tmp-PID-*" that a killed writer left under
 * dir's sub-directories and dir/blobs' (the outbox's files), skipping
 * those whose process is still alive (a second hotrocks may be
 * writing). Counts what it removed in *removed_r.
 * 0, or -1 and *cause (g_free) when dir cannot be read; a missing dir is
 * not an error.
 */
int	archive_clean_temp(const char *dir, size_t *removed_r, char **cause);

#endif
