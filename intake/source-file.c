/* source-file.c: messages from .eml files, or from every regular file in
 * a folder (sorted by name, so runs are repeatable). Never writes. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/source.h"

struct file_state {
	char	**paths;
	size_t	  n, next;
};

static void	*file_open(const struct config *, const char *, char **);
static size_t	 file_count(void *);
static int	 file_next(void *, struct source_msg *, char **);
static int	 file_ack(void *, const struct source_msg *, const char *,
		    char **);
static void	 file_close(void *);

const struct source source_file = {
	.name = "file",
	.open = file_open,
	.count = file_count,
	.next = file_next,
	.ack = file_ack,
	.close = file_close,
};

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void *
file_open(const struct config *cfg __attribute__((unused)), const char *spec, char **cause)
{
	struct file_state	*st;
	GPtrArray		*a = g_ptr_array_new();
	GDir			*dir;
	GError			*err = NULL;
	const char		*name;

	if (!g_file_test(spec, G_FILE_TEST_IS_DIR)) {
		if (!g_file_test(spec, G_FILE_TEST_EXISTS)) {
			*cause = g_strdup_printf("%s: no such file", spec);
			g_ptr_array_free(a, TRUE);
			return (NULL);
		}
		g_ptr_array_add(a, g_strdup(spec));
	} else {
		if ((dir = g_dir_open(spec, 0, &err)) == NULL) {
			*cause = g_strdup_printf("%s: %s", spec, err->message);
			g_error_free(err);
			g_ptr_array_free(a, TRUE);
			return (NULL);
		}
		while ((name = g_dir_read_name(dir)) != NULL) {
			char *p = g_build_filename(spec, name, NULL);

			if (name[0] != '.' &&
			    g_file_test(p, G_FILE_TEST_IS_REGULAR) &&
			    g_str_has_suffix(name, ".eml"))
				g_ptr_array_add(a, p);
			else
				g_free(p);
		}
		g_dir_close(dir);
		g_ptr_array_sort(a, cmp_str);
	}
	st = g_new0(struct file_state, 1);
	st->n = a->len;
	g_ptr_array_add(a, NULL);
	st->paths = (char **)g_ptr_array_free(a, FALSE);
	return (st);
}

static size_t
file_count(void *state)
{
	return (((struct file_state *)state)->n);
}

/* Reads one whole file, refusing anything over SOURCE_MAX_MESSAGE. */
int
source_read_file(const char *path, struct source_msg *msg, char **cause)
{
	GStatBuf	 sb;
	char		*data = NULL;
	gsize		 len = 0;
	GError		*err = NULL;

	memset(msg, 0, sizeof(*msg));
	/* When stat fails, reading fails too, and says why. */
	if (g_stat(path, &sb) != 0)
		memset(&sb, 0, sizeof(sb));
	if ((size_t)sb.st_size > SOURCE_MAX_MESSAGE) {
		*cause = g_strdup_printf("%s: %zu bytes, over the %zu byte "
		    "limit for one message", path, (size_t)sb.st_size,
		    SOURCE_MAX_MESSAGE);
		return (-1);
	}
	if (!g_file_get_contents(path, &data, &len, &err)) {
		*cause = g_strdup_printf("%s", err->message);
		g_error_free(err);
		return (-1);
	}
	msg->data = (unsigned char *)data;
	msg->len = len;
	msg->origin = g_strdup(path);
	/* A file's receipt time is when it was delivered (written) there:
	 * a Maildir delivery agent, or the staff's copy, sets the mtime. */
	msg->received_at = sb.st_mtime;
	msg->size = len;
	return (1);
}

static int
file_next(void *state, struct source_msg *msg, char **cause)
{
	struct file_state *st = state;

	if (st->next >= st->n)
		return (0);
	return (source_read_file(st->paths[st->next++], msg, cause));
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

static void
file_close(void *state)
{
	struct file_state *st = state;

	if (st == NULL)
		return;
	g_strfreev(st->paths);
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
