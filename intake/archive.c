/* archive.c: raw messages kept forever under their sha256. A file under its
 * final name is always complete: it must never be written in place, only
 * renamed there after fsync, and never removed. */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/archive.h"
#include "lib/sha256.h"

#define ARCHIVE_DIR_MODE	0750
#define ARCHIVE_FILE_MODE	0640
/* Random names clash only when something is badly wrong; stop then. */
#define ARCHIVE_TEMP_TRIES	16

static int	 write_all(int, const unsigned char *, size_t);
static int	 fsync_dir(const char *);
static int	 open_temp(const char *, char **);
static int	 write_new(const char *, const char *, const unsigned char *,
		    size_t, char **);
static bool	 rel_is_safe(const char *);
static int	 sync_fs(const char *);
static int	 clean_tree(const char *, size_t *, char **);
static bool	 rel_names_sha256(const char *, char[65]);

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* A rename or a new entry is durable only once its directory is. */
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

/* A name no other writer holds: O_EXCL fails rather than share a file
 * with a concurrent put of the same message. The leading dot keeps it out
 * of anyone's "*.eml". */
static int
open_temp(const char *sub, char **tmp_r)
{
	char	*tmp = NULL;
	int	 fd = -1;

	for (int tries = 0; tries < ARCHIVE_TEMP_TRIES; tries++) {
		g_free(tmp);
		tmp = g_strdup_printf("%s/.tmp-%ld-%08x", sub, (long)getpid(),
		    g_random_int());
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    ARCHIVE_FILE_MODE);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	*tmp_r = tmp;
	return (fd);
}

/* Writes data to a fresh temporary name in sub, then renames it to final;
 * a crash at any instant leaves final absent, old, or complete. */
static int
write_new(const char *sub, const char *final, const unsigned char *data,
    size_t len, char **cause)
{
	char		*tmp;
	const char	*what, *where = NULL;
	bool		 created = false;
	int		 fd, saved, rc = -1;

	if ((fd = open_temp(sub, &tmp)) == -1) {
		what = "create";
		goto fail;
	}
	created = true;
	if (write_all(fd, data, len) == -1) {
		what = "write";
		goto fail;
	}
	if (fsync(fd) == -1) {
		what = "fsync";
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		what = "close";
		goto fail;
	}
	fd = -1;
	if (rename(tmp, final) == -1) {
		what = "rename";
		goto fail;
	}
	created = false;
	if (fsync_dir(sub) == -1) {
		what = "fsync directory";
		where = sub;
		goto fail;
	}
	rc = 0;
fail:
	if (rc == -1) {
		saved = errno;
		if (fd != -1)
			close(fd);
		if (created)
			g_unlink(tmp);
		if (cause != NULL)
			*cause = g_strdup_printf("%s %s: %s", what,
			    where == NULL ? tmp : where, g_strerror(saved));
	}
	g_free(tmp);
	return (rc);
}

int
archive_put(const char *dir, const unsigned char *data, size_t len,
    char sha256_r[65], char **rel_r, char **cause)
{
	struct stat	 sb;
	char		 hex[65], prefix[3];
	char		*sub = NULL, *final = NULL, *rel = NULL;
	bool		 new_sub;
	int		 rc = -1;

	*rel_r = NULL;
	sha256_hex_to(data, len, hex);
	memcpy(prefix, hex, 2);
	prefix[2] = '\0';
	sub = g_build_filename(dir, prefix, NULL);
	rel = g_strdup_printf("%s/%s.eml", prefix, hex);
	final = g_build_filename(dir, rel, NULL);

	new_sub = g_stat(sub, &sb) == -1;
	if (g_mkdir_with_parents(sub, ARCHIVE_DIR_MODE) == -1) {
		if (cause != NULL)
			*cause = g_strdup_printf("mkdir %s: %s", sub,
			    g_strerror(errno));
		goto out;
	}
	if (new_sub && fsync_dir(dir) == -1) {
		if (cause != NULL)
			*cause = g_strdup_printf("fsync directory %s: %s", dir,
			    g_strerror(errno));
		goto out;
	}

	if (g_stat(final, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (unsigned long long)sb.st_size == (unsigned long long)len) {
		/* An earlier writer may have died between its rename and
		 * the directory fsync: make its entry durable now. */
		if (fsync_dir(sub) == -1) {
			if (cause != NULL)
				*cause = g_strdup_printf("fsync directory %s: "
				    "%s", sub, g_strerror(errno));
			goto out;
		}
	} else if (write_new(sub, final, data, len, cause) == -1)
		goto out;

	memcpy(sha256_r, hex, 65);
	*rel_r = rel;
	rel = NULL;
	rc = 0;
out:
	g_free(sub);
	g_free(final);
	g_free(rel);
	return (rc);
}

/* The whole file system under path to disk: every file and directory
 * entry written before, ours among them (syncfs(2) reports writeback
 * errors since Linux 5.8). */
static int
sync_fs(const char *path)
{
	int	 fd, rc, saved;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (-1);
	rc = syncfs(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return (rc);
}

int
archive_sync(const char *dir, char **cause)
{
	if (sync_fs(dir) == 0)
		return (0);
	*cause = g_strdup_printf("sync %s: %s", dir, g_strerror(errno));
	return (-1);
}

/* One file of a batch: written under tmp, renamed to final by commit. */
struct pending {
	char	*tmp, *final;
};

struct archive_batch {
	char	*dir;
	GArray	*pending;	/* struct pending */
	size_t	 n;		/* puts, new or not */
};

struct archive_batch *
archive_batch_new(const char *dir)
{
	struct archive_batch	*b = g_new0(struct archive_batch, 1);

	b->dir = g_strdup(dir);
	b->pending = g_array_new(FALSE, TRUE, sizeof(struct pending));
	return (b);
}

int
archive_batch_put(struct archive_batch *b, const unsigned char *data,
    size_t len, char sha256_r[65], char **rel_r, char **cause)
{
	struct stat	 sb;
	struct pending	 p = { 0 };
	char		 hex[65], prefix[3];
	char		*sub = NULL, *rel = NULL;
	int		 fd = -1, saved, rc = -1;

	*rel_r = NULL;
	sha256_hex_to(data, len, hex);
	memcpy(prefix, hex, 2);
	prefix[2] = '\0';
	sub = g_build_filename(b->dir, prefix, NULL);
	rel = g_strdup_printf("%s/%s.eml", prefix, hex);
	p.final = g_build_filename(b->dir, rel, NULL);
	if (g_mkdir_with_parents(sub, ARCHIVE_DIR_MODE) == -1) {
		saved = errno;
		*cause = g_strdup_printf("mkdir %s: %s", sub,
		    g_strerror(saved));
		goto out;
	}
	/* Already there (or coming in this batch): commit's sync makes its
	 * entry durable, as archive_put's directory fsync would. */
	for (guint i = 0; i < b->pending->len; i++)
		if (strcmp(g_array_index(b->pending, struct pending,
		    i).final, p.final) == 0)
			goto done;
	if (g_stat(p.final, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (unsigned long long)sb.st_size == (unsigned long long)len)
		goto done;
	if ((fd = open_temp(sub, &p.tmp)) == -1 ||
	    write_all(fd, data, len) == -1 || close(fd) == -1) {
		saved = errno;
		if (fd != -1)
			close(fd);
		if (p.tmp != NULL)
			g_unlink(p.tmp);
		*cause = g_strdup_printf("write %s: %s", p.tmp != NULL ?
		    p.tmp : sub, g_strerror(saved));
		g_free(p.tmp);
		goto out;
	}
	g_array_append_val(b->pending, p);
	p.final = NULL;
done:
	b->n++;
	memcpy(sha256_r, hex, 65);
	*rel_r = rel;
	rel = NULL;
	rc = 0;
out:
	g_free(p.final);
	g_free(sub);
	g_free(rel);
	if (rc == -1)
		errno = saved;
	return (rc);
}

int
archive_batch_commit(struct archive_batch *b, char **cause)
{
	const char	*what = "sync";
	guint		 i;
	int		 saved;

	if (b->n == 0)
		return (0);
	/* The contents first: a final name never holds less. */
	if (b->pending->len > 0 && sync_fs(b->dir) == -1)
		goto fail;
	for (i = 0; i < b->pending->len; i++) {
		struct pending *p = &g_array_index(b->pending, struct pending,
		    i);

		if (rename(p->tmp, p->final) == -1) {
			what = "rename";
			goto fail;
		}
		g_free(p->tmp);
		p->tmp = NULL;
	}
	/* Then the names (and the names already there, which an earlier
	 * writer may have renamed without syncing). */
	what = "sync";
	if (sync_fs(b->dir) == -1)
		goto fail;
	return (0);
fail:
	saved = errno;
	*cause = g_strdup_printf("%s %s: %s", what, b->dir, g_strerror(saved));
	errno = saved;
	return (-1);
}

void
archive_batch_free(struct archive_batch *b)
{
	if (b == NULL)
		return;
	for (guint i = 0; i < b->pending->len; i++) {
		struct pending *p = &g_array_index(b->pending, struct pending,
		    i);

		if (p->tmp != NULL)
			g_unlink(p->tmp);
		g_free(p->tmp);
		g_free(p->final);
	}
	g_array_free(b->pending, TRUE);
	g_free(b->dir);
	g_free(b);
}

/* rel comes from the database, but must still stay inside dir. */
static bool
rel_is_safe(const char *rel)
{
	char	**parts;
	bool	  ok = true;

	if (rel == NULL || *rel == '\0' || g_path_is_absolute(rel))
		return (false);
	parts = g_strsplit(rel, "/", -1);
	for (size_t i = 0; parts[i] != NULL; i++)
		if (strcmp(parts[i], "..") == 0)
			ok = false;
	g_strfreev(parts);
	return (ok);
}

/* The sha256 a path of ours names, if it is one ("ab/<64 hex>.eml"). */
static bool
rel_names_sha256(const char *rel, char hex[65])
{
	const char	*base = strrchr(rel, '/');

	base = base == NULL ? rel : base + 1;
	if (strlen(base) != 64 + 4 || strcmp(base + 64, ".eml") != 0)
		return (false);
	for (size_t i = 0; i < 64; i++)
		if (!g_ascii_isxdigit(base[i]))
			return (false);
	memcpy(hex, base, 64);
	hex[64] = '\0';
	return (true);
}

int
archive_get(const char *dir, const char *rel, unsigned char **data_r,
    size_t *len_r, char **cause)
{
	GError	*error = NULL;
	char	*path = NULL, *data = NULL;
	char	 want[65], got[65];
	gsize	 len;
	int	 rc = -1;

	*data_r = NULL;
	*len_r = 0;
	if (!rel_is_safe(rel)) {
		if (cause != NULL)
			*cause = g_strdup_printf("archive path outside the "
			    "archive: %s", rel == NULL ? "(none)" : rel);
		return (-1);
	}
	path = g_build_filename(dir, rel, NULL);
	if (!g_file_get_contents(path, &data, &len, &error)) {
		if (cause != NULL)
			*cause = g_strdup(error->message);
		g_error_free(error);
		goto out;
	}
	/* The name is the proof of what arrived: refuse a file that no
	 * longer matches it rather than hand back altered bytes. */
	if (rel_names_sha256(rel, want)) {
		sha256_hex_to(data, len, got);
		if (g_ascii_strcasecmp(want, got) != 0) {
			if (cause != NULL)
				*cause = g_strdup_printf("%s: contents do not "
				    "match their sha256 (%s)", path, got);
			goto out;
		}
	}
	*data_r = (unsigned char *)data;
	*len_r = len;
	data = NULL;
	rc = 0;
out:
	g_free(path);
	g_free(data);
	return (rc);
}

/* True when name is ".tmp-PID-…" and no process PID exists any more. */
static bool
temp_is_stale(const char *name)
{
	char	*end;
	long	 pid;

	if (strncmp(name, ".tmp-", 5) != 0)
		return (false);
	errno = 0;
	pid = strtol(name + 5, &end, 10);
	if (errno != 0 || end == name + 5 || *end != '-' || pid <= 0)
		return (false);
	if (pid == (long)getpid())
		return (false);
	return (kill((pid_t)pid, 0) == -1 && errno == ESRCH);
}

int
archive_clean_temp(const char *dir, size_t *removed_r, char **cause)
{
	char	*blobs;
	size_t	 n = 0;
	int	 rc;

	*removed_r = 0;
	if (clean_tree(dir, removed_r, cause) == -1)
		return (-1);
	/* The outbox's attachment files (outbox/blob.h) are written the
	 * same way, under blobs/. */
	blobs = g_build_filename(dir, "blobs", NULL);
	rc = clean_tree(blobs, &n, cause);
	g_free(blobs);
	*removed_r += n;
	return (rc);
}

static int
clean_tree(const char *dir, size_t *removed_r, char **cause)
{
	GError		*err = NULL;
	GDir		*top, *sub;
	const char	*name, *tname;

	*removed_r = 0;
	if ((top = g_dir_open(dir, 0, &err)) == NULL) {
		if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			g_error_free(err);
			return (0);
		}
		*cause = g_strdup_printf("%s: %s", dir, err->message);
		g_error_free(err);
		return (-1);
	}
	while ((name = g_dir_read_name(top)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		/* Sub-directories are two hex digits; nothing else is ours. */
		if (strlen(name) != 2 || !g_ascii_isxdigit(name[0]) ||
		    !g_ascii_isxdigit(name[1]) ||
		    (sub = g_dir_open(path, 0, NULL)) == NULL) {
			g_free(path);
			continue;
		}
		while ((tname = g_dir_read_name(sub)) != NULL) {
			char *t;

			if (!temp_is_stale(tname))
				continue;
			t = g_build_filename(path, tname, NULL);
			if (g_unlink(t) == 0)
				(*removed_r)++;
			g_free(t);
		}
		g_dir_close(sub);
		g_free(path);
	}
	g_dir_close(top);
	return (0);
}
