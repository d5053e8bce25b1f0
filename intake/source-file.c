/* source-file.c: messages from .eml files, or from every regular .eml
 * file in a folder (sorted by name, so runs are repeatable). Never
 * writes, never follows a link found in a folder, never reads more than
 * SOURCE_MAX_MESSAGE bytes whatever a file claims to be. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/source.h"
#include "lib/log.h"
#include "lib/text.h"

struct file_state {
	char	**paths;
	size_t	  n, next;
	bool	  nofollow;	/* entries of a folder: links are not read */
	char	**skipped;	/* "NAME: why" lines, said once by next() */
};

static void	*file_open(const struct config *, const char *, char **);
static size_t	 file_count(void *);
static int	 file_next(void *, struct source_msg *, char **);
static int	 file_ack(void *, const struct source_msg *, const char *,
		    char **);
static int	 file_flush(void *, char **);
static void	 file_close(void *);

/* flush acknowledges nothing, but having one lets the pipeline commit a
 * batch without waiting for the disk and sync once (pipeline_flush). */
const struct source source_file = {
	.name = "file",
	.open = file_open,
	.count = file_count,
	.next = file_next,
	.ack = file_ack,
	.flush = file_flush,
	.close = file_close,
};

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Why a folder entry is not offered ("" to skip it silently), or NULL
 * when it is a message. The entry is not followed: a link to /etc/shadow
 * stays a link. */
static const char *
skip_reason(const char *path, const char *name)
{
	GStatBuf sb;

	if (name[0] == '.')
		return ("");	/* hidden: skipped without a word, as ls does */
	if (g_lstat(path, &sb) != 0)
		return ("cannot be read");
	if (S_ISLNK(sb.st_mode))
		return ("a symbolic link (links are not followed)");
	if (S_ISDIR(sb.st_mode))
		return ("a sub-folder (only the folder's own files are read)");
	if (!S_ISREG(sb.st_mode))
		return ("not a regular file (a device, FIFO or socket)");
	if (!g_str_has_suffix(name, ".eml"))
		return ("not an .eml file");
	return (NULL);
}

static void *
file_open(const struct config *cfg __attribute__((unused)), const char *spec, char **cause)
{
	struct file_state	*st;
	GPtrArray		*a = g_ptr_array_new();
	GPtrArray		*skipped = g_ptr_array_new();
	GDir			*dir;
	GError			*err = NULL;
	const char		*name;
	bool			 folder;

	folder = g_file_test(spec, G_FILE_TEST_IS_DIR);
	if (!folder) {
		if (!g_file_test(spec, G_FILE_TEST_EXISTS)) {
			*cause = g_strdup_printf("%s: no such file", spec);
			g_ptr_array_free(a, TRUE);
			g_ptr_array_free(skipped, TRUE);
			return (NULL);
		}
		g_ptr_array_add(a, g_strdup(spec));
	} else {
		if ((dir = g_dir_open(spec, 0, &err)) == NULL) {
			int e = errno;	/* opendir's; GError's text is GLib's */

			*cause = g_strdup_printf("%s: cannot be read: %s",
			    spec, g_strerror(e));
			g_error_free(err);
			g_ptr_array_free(a, TRUE);
			g_ptr_array_free(skipped, TRUE);
			return (NULL);
		}
		while ((name = g_dir_read_name(dir)) != NULL) {
			char		*p = g_build_filename(spec, name, NULL);
			const char	*why = skip_reason(p, name);

			if (why == NULL) {
				g_ptr_array_add(a, p);
				continue;
			}
			if (*why != '\0')
				g_ptr_array_add(skipped, g_strdup_printf("%s: "
				    "skipped, %s", p, why));
			g_free(p);
		}
		g_dir_close(dir);
		g_ptr_array_sort(a, cmp_str);
		g_ptr_array_sort(skipped, cmp_str);
	}
	st = g_new0(struct file_state, 1);
	st->n = a->len;
	st->nofollow = folder;
	g_ptr_array_add(a, NULL);
	st->paths = (char **)g_ptr_array_free(a, FALSE);
	g_ptr_array_add(skipped, NULL);
	st->skipped = (char **)g_ptr_array_free(skipped, FALSE);
	return (st);
}

static size_t
file_count(void *state)
{
	return (((struct file_state *)state)->n);
}

/*
 * Reads one whole regular file, at most SOURCE_MAX_MESSAGE bytes counted
 * as they are read (st_size is a claim: /dev/zero has none). O_NONBLOCK,
 * so a FIFO given as a path is refused instead of waiting for a writer.
 */
static int
read_file(const char *path, bool nofollow, struct source_msg *msg,
    char **cause)
{
	struct stat	 sb;
	GByteArray	*buf = NULL;
	unsigned char	 chunk[65536];
	ssize_t		 n;
	int		 fd, flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC;

	memset(msg, 0, sizeof(*msg));
	if (nofollow)
		flags |= O_NOFOLLOW;
	if ((fd = open(path, flags)) == -1) {
		*cause = g_strdup_printf("%s: cannot read: %s", path,
		    errno == ELOOP && nofollow ? "a symbolic link (links "
		    "are not followed)" : g_strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) != 0) {
		*cause = g_strdup_printf("%s: cannot read: %s", path,
		    g_strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		*cause = g_strdup_printf("%s: %s", path, S_ISDIR(sb.st_mode) ?
		    "a folder where a file was expected" :
		    "not a regular file (a device, FIFO or socket)");
		goto fail;
	}
	if ((size_t)sb.st_size > SOURCE_MAX_MESSAGE)
		goto toobig;
	/* Back to blocking reads: a regular file never waits anyway. */
	(void)fcntl(fd, F_SETFL, O_RDONLY);
	buf = g_byte_array_sized_new((guint)sb.st_size + 1);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = g_strdup_printf("%s: cannot read: %s", path,
			    g_strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf->len + (size_t)n > SOURCE_MAX_MESSAGE)
			goto toobig;
		g_byte_array_append(buf, chunk, (guint)n);
	}
	close(fd);
	msg->len = buf->len;
	msg->data = g_byte_array_free(buf, FALSE);
	msg->origin = g_strdup(path);
	/* A file's receipt time is when it was delivered (written) there:
	 * a Maildir delivery agent, or the staff's copy, sets the mtime. */
	msg->received_at = sb.st_mtime;
	msg->size = msg->len;
	return (1);
toobig:
	*cause = g_strdup_printf("%s: over the %zu byte limit for one "
	    "message", path, SOURCE_MAX_MESSAGE);
fail:
	if (buf != NULL)
		g_byte_array_free(buf, TRUE);
	close(fd);
	return (-1);
}

int
source_read_file(const char *path, struct source_msg *msg, char **cause)
{
	return (read_file(path, false, msg, cause));
}

int
source_read_entry(const char *path, struct source_msg *msg, char **cause)
{
	return (read_file(path, true, msg, cause));
}

static int
file_next(void *state, struct source_msg *msg, char **cause)
{
	struct file_state *st = state;

	/* Said once, as the folder is read (open also runs to count). */
	for (size_t i = 0; st->skipped != NULL && st->skipped[i] != NULL;
	    i++) {
		char *safe = text_for_terminal(st->skipped[i]);

		log_notice("%s", safe);
		g_free(safe);
	}
	g_strfreev(st->skipped);
	st->skipped = NULL;
	if (st->next >= st->n)
		return (0);
	return (read_file(st->paths[st->next++], st->nofollow, msg, cause));
}

static int
file_ack(void *state, const struct source_msg *msg, const char *action __attribute__((unused)),
    char **cause)
{
	(void)state;
	(void)msg;
	(void)cause;
	return (0);	/* a file given by hand stays as it is */
}

static int
file_flush(void *state, char **cause)
{
	(void)state;
	(void)cause;
	return (0);
}

static void
file_close(void *state)
{
	struct file_state *st = state;

	if (st == NULL)
		return;
	g_strfreev(st->paths);
	g_strfreev(st->skipped);
	g_free(st);
}

const struct source *
source_for_path(const char *path)
{
	char	*cur = g_build_filename(path, "cur", NULL);
	char	*new = g_build_filename(path, "new", NULL);
	bool	 maildir = g_file_test(cur, G_FILE_TEST_IS_DIR) &&
		    g_file_test(new, G_FILE_TEST_IS_DIR);

	g_free(cur);
	g_free(new);
	return (maildir ? &source_maildir : &source_file);
}

void
source_msg_free(struct source_msg *msg)
{
	g_free(msg->data);
	g_free(msg->origin);
	memset(msg, 0, sizeof(*msg));
}
