/* imap-append.c: APPEND of sent messages to the Sent folder, over
 * libetpan with streams from lib/tls-peer. Never logs the password; a
 * failure here never changes what the outbox recorded. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libetpan/libetpan.h>

#include "intake/imap-append.h"
#include "lib/tls-peer.h"

#define APPEND_DEFAULT_TIMEOUT	60
/* Bytes a session may read: IMAP answers to LOGIN, CREATE and APPEND are
 * a few lines each, so a server that talks on is cut. */
#define APPEND_MAX_READ		(256 << 10)

struct imap_append {
	struct imap_append_settings	 s;
	struct tls_peer_settings	 t;
	mailimap			*imap;
	bool				 examined;	/* the folder */
	bool				 missing;	/* not there then */
};

static char	*imap_why(struct imap_append *, const char *, int);

/* One line for a failed libetpan call: the stream's reason if the
 * connection failed, else the server's text. */
static char *
imap_why(struct imap_append *a, const char *what, int rc)
{
	const char	*low = tls_peer_last_error();
	const char	*text = NULL;

	if (low != NULL)
		return (g_strdup_printf("imap %s:%u: %s: %s", a->s.host,
		    a->s.port, what, low));
	if (a->imap != NULL && a->imap->imap_response != NULL)
		text = a->imap->imap_response;
	return (g_strdup_printf("imap %s:%u: %s failed (%d)%s%s", a->s.host,
	    a->s.port, what, rc, text ? ": " : "", text ? text : ""));
}

struct imap_append *
imap_append_open(const struct imap_append_settings *s, char **cause)
{
	struct imap_append	*a;
	mailstream		*stream;
	char			*why = NULL;
	int			 rc;

	if (s->host == NULL || *s->host == '\0' || s->username == NULL) {
		*cause = g_strdup("imap: no host or username to append to");
		return (NULL);
	}
	a = g_new0(struct imap_append, 1);
	a->s = *s;
	if (a->s.port == 0)
		a->s.port = s->tls ? 993 : 143;
	if (a->s.folder == NULL || *a->s.folder == '\0')
		a->s.folder = "Sent";
	a->t.host = s->host;
	a->t.ca_file = s->ca_file;
	a->t.timeout = s->timeout ? s->timeout : APPEND_DEFAULT_TIMEOUT;
	a->t.max_read = APPEND_MAX_READ;
	stream = tls_peer_open(&a->t, a->s.port, s->tls, &why);
	if (stream == NULL) {
		*cause = g_strdup_printf("imap: %s", why);
		g_free(why);
		goto fail;
	}
	a->imap = mailimap_new(0, NULL);
	mailimap_set_timeout(a->imap, a->t.timeout);
	rc = mailimap_connect(a->imap, stream);
	if (rc != MAILIMAP_NO_ERROR && rc != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		*cause = imap_why(a, "greeting", rc);
		goto fail;
	}
	if (s->starttls && !s->tls &&
	    tls_peer_imap_starttls(a->imap, &a->t, cause) == -1)
		goto fail;
	rc = mailimap_login(a->imap, s->username,
	    s->password != NULL ? s->password : "");
	if (rc != MAILIMAP_NO_ERROR) {
		*cause = imap_why(a, "LOGIN", rc);
		goto fail;
	}
	return (a);
fail:
	imap_append_close(a);
	return (NULL);
}

int
imap_append_message(struct imap_append *a, const char *raw, size_t len,
    char **cause)
{
	struct mailimap_flag_list	*flags;
	int				 rc;

	tls_peer_set_budget(mailstream_get_low(a->imap->imap_stream),
	    APPEND_MAX_READ);
	for (int tries = 0; tries < 2; tries++) {
		flags = mailimap_flag_list_new_empty();
		mailimap_flag_list_add(flags, mailimap_flag_new_seen());
		rc = mailimap_append(a->imap, a->s.folder, flags, NULL, raw,
		    len);
		mailimap_flag_list_free(flags);
		if (rc == MAILIMAP_NO_ERROR)
			return (0);
		/* A NO (TRYCREATE) for a folder not there yet: make it once;
		 * a broken stream is not worth a second try. */
		if (rc != MAILIMAP_ERROR_APPEND || tries > 0 ||
		    mailimap_create(a->imap, a->s.folder) != MAILIMAP_NO_ERROR)
			break;
	}
	*cause = imap_why(a, "APPEND", rc);
	return (-1);
}

int
imap_append_holds(struct imap_append *a, const char *message_id,
    bool *found_r, char **cause)
{
	struct mailimap_search_key	*key;
	clist				*uids = NULL;
	char				*name, *value;
	int				 rc;

	*found_r = false;
	tls_peer_set_budget(mailstream_get_low(a->imap->imap_stream),
	    APPEND_MAX_READ);
	/* read-only: APPEND needs no folder selected, and this one must
	 * never lose a \Recent flag or an expunge to us */
	if (!a->examined) {
		rc = mailimap_examine(a->imap, a->s.folder);
		if (rc == MAILIMAP_ERROR_EXAMINE)
			a->missing = true;
		else if (rc != MAILIMAP_NO_ERROR) {
			*cause = imap_why(a, "EXAMINE", rc);
			return (-1);
		}
		a->examined = true;
	}
	if (a->missing)
		return (0);
	/* libetpan frees what the key holds, with free() */
	if ((name = strdup("Message-ID")) == NULL ||
	    (value = strdup(message_id)) == NULL) {
		free(name);
		*cause = g_strdup("imap: out of memory");
		return (-1);
	}
	key = mailimap_search_key_new_header(name, value);
	rc = mailimap_uid_search(a->imap, NULL, key, &uids);
	mailimap_search_key_free(key);
	if (rc != MAILIMAP_NO_ERROR) {
		*cause = imap_why(a, "UID SEARCH", rc);
		return (-1);
	}
	*found_r = !clist_isempty(uids);
	mailimap_search_result_free(uids);
	return (0);
}

void
imap_append_close(struct imap_append *a)
{
	if (a == NULL)
		return;
	if (a->imap != NULL) {
		mailimap_logout(a->imap);
		mailimap_free(a->imap);
	}
	g_free(a);
}
