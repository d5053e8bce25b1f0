/* sender-file.c: a sender that writes each message into a folder as
 * <message-id>.eml, for tests and the demo. A file appears whole or not
 * at all (temporary file, fsync, rename), and a retry of the same message
 * replaces it with the same bytes. Never writes outside its folder. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "outbox/sender.h"
#include "lib/sha256.h"

struct file_sender {
	char	*dir;
};

static void	*file_open(const struct sender_settings *, char **);
static enum sender_result file_send(void *, const char *, const char *,
		    const char *, size_t, char **);
static void	 file_close(void *);
static char	*file_name(const char *, size_t);
static int	 write_all(int, const char *, size_t);

const struct sender sender_file = {
	.name = "file",
	.open = file_open,
	.send = file_send,
	.close = file_close,
};

static void *
file_open(const struct sender_settings *set, char **cause)
{
	struct file_sender	*fs;

	if (set == NULL || set->dir == NULL || *set->dir == '\0') {
		*cause = g_strdup("file sender: no folder given");
		return (NULL);
	}
	if (g_mkdir_with_parents(set->dir, 0750) != 0) {
		*cause = g_strdup_printf("%s: cannot create: %s", set->dir,
		    g_strerror(errno));
		return (NULL);
	}
	fs = g_new0(struct file_sender, 1);
	fs->dir = g_strdup(set->dir);
	return (fs);
}

/*
 * The file name: the Message-ID of the header, without its angle brackets,
 * every byte but letters, digits and "._@+-" made "_", and never starting
 * with "." (so it can be neither hidden nor "..").  Without a Message-ID,
 * the sha256 of the bytes. g_free.
 */
static char *
file_name(const char *raw, size_t len)
{
	const char	*p = raw, *end = raw + len, *eol, *v = NULL;
	GString		*s;

	while (p < end && *p != '\r' && *p != '\n') {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((size_t)(eol - p) > 11 &&
		    g_ascii_strncasecmp(p, "Message-ID:", 11) == 0) {
			v = p + 11;
			/* A folded value goes on after a line that starts
			 * with white space. */
			while (eol + 1 < end && (eol[1] == ' ' ||
			    eol[1] == '\t'))
				if ((eol = memchr(eol + 1, '\n',
				    (size_t)(end - eol - 1))) == NULL)
					eol = end;
			end = eol;
			break;
		}
		p = eol + 1;
	}
	if (v == NULL)
		return (sha256_hex(raw, len));
	s = g_string_new(NULL);
	for (; v < end; v++) {
		if (*v == '<' || *v == '>' || g_ascii_isspace(*v))
			continue;
		if (g_ascii_isalnum(*v) || strchr("._@+-", *v) != NULL)
			g_string_append_c(s, *v);
		else
			g_string_append_c(s, '_');
	}
	if (s->len == 0 || s->str[0] == '.')
		g_string_prepend_c(s, '_');
	return (g_string_free(s, FALSE));
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

static enum sender_result
file_send(void *state, const char *env_from, const char *rcpt,
    const char *raw, size_t len, char **cause)
{
	struct file_sender	*fs = state;
	char			*name, *tmp = NULL, *dest = NULL;
	int			 fd = -1, dfd = -1;
	enum sender_result	 rc = SENDER_DEFER;

	(void)env_from;
	(void)rcpt;
	name = file_name(raw, len);
	dest = g_strdup_printf("%s/%s.eml", fs->dir, name);
	tmp = g_strdup_printf("%s/.tmp-XXXXXX", fs->dir);
	if ((fd = g_mkstemp(tmp)) == -1) {
		*cause = g_strdup_printf("%s: %s", fs->dir, g_strerror(errno));
		g_free(tmp);
		tmp = NULL;
		goto out;
	}
	if (write_all(fd, raw, len) == -1 || fsync(fd) == -1) {
		*cause = g_strdup_printf("%s: %s", tmp, g_strerror(errno));
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		*cause = g_strdup_printf("%s: %s", tmp, g_strerror(errno));
		goto out;
	}
	fd = -1;
	if (g_rename(tmp, dest) == -1) {
		*cause = g_strdup_printf("%s: %s", dest, g_strerror(errno));
		goto out;
	}
	g_free(tmp);
	tmp = NULL;
	/* The rename itself survives a power loss once the folder is
	 * synced. */
	if ((dfd = open(fs->dir, O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	rc = SENDER_SENT;
out:
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		g_unlink(tmp);
	g_free(tmp);
	g_free(dest);
	g_free(name);
	return (rc);
}

static void
file_close(void *state)
{
	struct file_sender	*fs = state;

	if (fs == NULL)
		return;
	g_free(fs->dir);
	g_free(fs);
}
