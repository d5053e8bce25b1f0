/* source-maildir.c: messages from a Maildir (new/ then cur/). Acknowledging
 * moves a message to cur/ with the Seen flag, as a mail client would; the
 * store, not the flag, decides what was processed. ack only queues the
 * move; flush, called once the batch's records are durable
 * (pipeline_flush), makes them. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/source.h"

struct maildir_state {
	char	 *root;
	char	**paths;
	size_t	  n, next;
	GPtrArray *acked;	/* origins whose move waits for flush */
};

static void	*maildir_open(const struct config *, const char *, char **);
static size_t	 maildir_count(void *);
static int	 maildir_next(void *, struct source_msg *, char **);
static int	 maildir_ack(void *, const struct source_msg *, const char *,
		    char **);
static int	 maildir_flush(void *, char **);
static int	 maildir_move(const char *, const char *, char **);
static void	 maildir_close(void *);

const struct source source_maildir = {
	.name = "maildir",
	.open = maildir_open,
	.count = maildir_count,
	.next = maildir_next,
	.ack = maildir_ack,
	.flush = maildir_flush,
	.close = maildir_close,
};

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void *
maildir_open(const struct config *cfg __attribute__((unused)), const char *spec, char **cause)
{
	struct maildir_state	*st;
	GPtrArray		*a = g_ptr_array_new();
	const char		*subs[] = { "new", "cur" };

	for (size_t i = 0; i < 2; i++) {
		char		*d = g_build_filename(spec, subs[i], NULL);
		GError		*err = NULL;
		GDir		*dir = g_dir_open(d, 0, &err);
		GPtrArray	*part = g_ptr_array_new();
		const char	*name;

		if (dir == NULL) {
			*cause = g_strdup_printf("%s: %s", d, err->message);
			g_error_free(err);
			g_free(d);
			g_ptr_array_free(part, TRUE);
			g_ptr_array_free(a, TRUE);
			return (NULL);
		}
		while ((name = g_dir_read_name(dir)) != NULL)
			if (name[0] != '.')
				g_ptr_array_add(part,
				    g_build_filename(d, name, NULL));
		g_dir_close(dir);
		g_ptr_array_sort(part, cmp_str);
		for (size_t j = 0; j < part->len; j++)
			g_ptr_array_add(a, part->pdata[j]);
		g_ptr_array_free(part, TRUE);	/* the paths moved to a */
		g_free(d);
	}
	st = g_new0(struct maildir_state, 1);
	st->root = g_strdup(spec);
	st->acked = g_ptr_array_new_with_free_func(g_free);
	st->n = a->len;
	g_ptr_array_add(a, NULL);
	st->paths = (char **)g_ptr_array_free(a, FALSE);
	return (st);
}

static size_t
maildir_count(void *state)
{
	return (((struct maildir_state *)state)->n);
}

static int
maildir_next(void *state, struct source_msg *msg, char **cause)
{
	struct maildir_state *st = state;

	if (st->next >= st->n)
		return (0);
	return (source_read_entry(st->paths[st->next++], msg, cause));
}

static int
maildir_ack(void *state, const struct source_msg *msg,
    const char *action __attribute__((unused)), char **cause)
{
	struct maildir_state	*st = state;

	(void)cause;
	g_ptr_array_add(st->acked, g_strdup(msg->origin));
	return (0);
}

/* Moves what ack queued; a move that fails is left for the next run
 * (which finds the message recorded), the others are made. */
static int
maildir_flush(void *state, char **cause)
{
	struct maildir_state	*st = state;
	char			*why = NULL;
	int			 rc = 0;

	for (guint i = 0; i < st->acked->len; i++) {
		if (maildir_move(st->root, st->acked->pdata[i], &why) == 0)
			continue;
		if (rc == 0)
			*cause = why;
		else
			g_free(why);
		why = NULL;
		rc = -1;
	}
	g_ptr_array_set_size(st->acked, 0);
	return (rc);
}

/* new/NAME → cur/NAME:2,S; cur/NAME:2,FLAGS gains S. */
static int
maildir_move(const char *root, const char *origin, char **cause)
{
	char			*base, *info, *flags, *newname, *dest;
	int			 rc = 0;

	base = g_path_get_basename(origin);
	info = strstr(base, ":2,");
	if (info != NULL) {
		*info = '\0';
		flags = g_strdup(info + 3);
	} else
		flags = g_strdup("");
	if (strchr(flags, 'S') == NULL) {
		GString *f = g_string_new(NULL);
		bool added = false;

		/* Maildir wants the flags in ASCII order. */
		for (const char *p = flags; *p != '\0'; p++) {
			if (!added && *p > 'S') {
				g_string_append_c(f, 'S');
				added = true;
			}
			g_string_append_c(f, *p);
		}
		if (!added)
			g_string_append_c(f, 'S');
		g_free(flags);
		flags = g_string_free(f, FALSE);
	}
	newname = g_strdup_printf("%s:2,%s", base, flags);
	dest = g_build_filename(root, "cur", newname, NULL);
	if (strcmp(dest, origin) != 0 && g_rename(origin, dest) != 0) {
		*cause = g_strdup_printf("%s: cannot move to cur/: %s",
		    origin, g_strerror(errno));
		rc = -1;
	}
	g_free(dest);
	g_free(newname);
	g_free(flags);
	g_free(base);
	return (rc);
}

static void
maildir_close(void *state)
{
	struct maildir_state *st = state;

	if (st == NULL)
		return;
	g_free(st->root);
	g_strfreev(st->paths);
	g_ptr_array_free(st->acked, TRUE);
	g_free(st);
}
