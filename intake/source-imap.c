/* source-imap.c: messages from one IMAP folder, with libetpan (the only
 * file that includes it on the way in). It must never mark a message
 * \Seen or move it before the store has committed its record.
 *
 * A pass: connect, log in, SELECT the folder, read UIDVALIDITY, UID
 * SEARCH for every message present, then in batches: a message already
 * recorded (same origin, UIDVALIDITY, UID: a crash came between the
 * commit and the move) is moved to its recorded action's folder at once,
 * without being fetched or decided again; the others are sized with
 * RFC822.SIZE and fetched with BODY.PEEK[] (a message over
 * max_message_size only by its header), then handed to the pipeline one
 * at a time. A batch holds at most batch_size messages and
 * IMAP_BATCH_BYTES of them, so memory stays flat on any folder.
 *
 * Acknowledging only queues a UID under its action's folder; the queue
 * is moved by flush (one UID MOVE, or COPY + \Deleted + EXPUNGE, per
 * folder), which next() calls when a batch is used up and before it
 * returns the end, and the pass calls at its end. Every UID in the queue
 * was queued after its record committed, so the rule above holds for the
 * batch as it did for one message; a queue lost to a crash or a broken
 * connection leaves recorded messages that the next pass moves without
 * deciding them again.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
#include <unistd.h>

#include <glib.h>
#include <libetpan/libetpan.h>

#include "intake/config.h"
#include "intake/imap-state.h"
#include "intake/source-imap.h"
#include "lib/log.h"
#include "lib/tls-peer.h"

/* Bytes of message bodies one fetch may bring in: a batch is cut there
 * (or at one message, whatever its size), against a folder of big mail. */
#define IMAP_BATCH_BYTES	((size_t)32 << 20)

/* IDLE is re-issued before this, under the 30 minutes of RFC 2177. */
#define IMAP_IDLE_MAX		(29 * 60)

/*
 * Read budgets (lib/tls-peer): before each command, how many bytes its
 * answer may take. libetpan 1.9.4 believes a literal's announced size, so
 * these, not the server, bound what one answer can make us read and hold:
 * a command without messages in its answer gets IMAP_BUDGET_SMALL (a
 * SEARCH over a big folder fits), a FETCH the sizes the server announced
 * plus IMAP_BUDGET_PER_MSG of envelope each, a header fetch
 * IMAP_BUDGET_HEADER a message.
 */
#define IMAP_BUDGET_SMALL	((size_t)4 << 20)
#define IMAP_BUDGET_PER_MSG	((size_t)4 << 10)
#define IMAP_BUDGET_HEADER	((size_t)1 << 20)

/* UIDs one MOVE (or COPY) names at most, so the command line stays under
 * a server's limit (Dovecot: 64 KiB) whatever batch_size is. */
#define IMAP_MOVE_MAX		1000

/* The actions, in the order their folders are flushed. */
static const char *const imap_actions[] = { "queue", "reject", "redirect",
	"manual", "ignore" };
#define IMAP_NACTIONS	G_N_ELEMENTS(imap_actions)

struct imap_item {
	uint32_t	 uid;
	size_t		 size;		/* RFC822.SIZE */
	time_t		 internaldate;
	bool		 too_large;
	unsigned char	*data;		/* body, or header when too_large */
	size_t		 len;
};

struct imap_src {
	const struct config	*cfg;
	mailimap		*imap;
	struct imap_state	*db;
	char			*folder;
	char			*origin;	/* user@host/folder */
	uint32_t		 uidvalidity;
	uint32_t		*uids;		/* present at the last scan */
	size_t			 nuids, next;
	struct imap_item	*batch;
	size_t			 nbatch, bnext;
	size_t			 moved_again;
	/* Acknowledged (committed) but not moved yet, per action; how many
	 * of them were recorded by an earlier pass. */
	GArray			*pending[IMAP_NACTIONS];
	size_t			 pending_again[IMAP_NACTIONS];
	bool			 has_move, has_uidplus, has_idle;
	GHashTable		*folders_ok;	/* destination folders seen */
	char			*error;		/* the pass ended early */
};

static void	*imap_open(const struct config *, const char *, char **);
static size_t	 imap_count(void *);
static int	 imap_next(void *, struct source_msg *, char **);
static int	 imap_ack(void *, const struct source_msg *, const char *,
		    char **);
static int	 imap_flush(void *, char **);
static void	 imap_close(void *);

const struct source source_imap = {
	.name = "imap",
	.open = imap_open,
	.count = imap_count,
	.next = imap_next,
	.ack = imap_ack,
	.flush = imap_flush,
	.close = imap_close,
};

static const char *imap_strerror(int);
static char	*server_said(struct imap_src *, const char *, int);
static int	 imap_connect(struct imap_src *, char **);
static int	 imap_login(struct imap_src *, char **);
static int	 imap_scan(struct imap_src *, char **);
static int	 fill_batch(struct imap_src *, char **);
static int	 move_uids(struct imap_src *, const uint32_t *, size_t,
		    const char *, char **);
static int	 queue_uid(struct imap_src *, uint32_t, const char *, bool);
static void	 pending_clear(struct imap_src *);
static int	 ensure_folder(struct imap_src *, const char *, char **);
static void	 batch_clear(struct imap_src *);
static time_t	 imap_date(const struct mailimap_date_time *);
static void	 budget(struct imap_src *, size_t);

/* At most bytes more may be read on this connection (lib/tls-peer). */
static void
budget(struct imap_src *st, size_t bytes)
{
	if (st->imap != NULL && st->imap->imap_stream != NULL)
		tls_peer_set_budget(mailstream_get_low(st->imap->imap_stream),
		    bytes);
}

void
source_imap_crash_point(const char *point)
{
	static GHashTable	*seen;
	const char		*want = getenv("HOTROCKS_CRASH_AT");
	const char		*colon;
	size_t			 n = 1, len;
	unsigned		 count;

	if (want == NULL || *want == '\0')
		return;
	colon = strchr(want, ':');
	len = colon ? (size_t)(colon - want) : strlen(want);
	if (strlen(point) != len || strncmp(want, point, len) != 0)
		return;
	if (colon != NULL)
		n = strtoul(colon + 1, NULL, 10);
	if (seen == NULL)
		seen = g_hash_table_new(g_str_hash, g_str_equal);
	count = GPOINTER_TO_UINT(g_hash_table_lookup(seen, point)) + 1;
	g_hash_table_insert(seen, (gpointer)point, GUINT_TO_POINTER(count));
	if (count == n) {
		fprintf(stderr, "hotrocks: crash point %s reached\n", point);
		raise(SIGKILL);
	}
}

void
source_imap_pause_point(const char *point)
{
	const char	*want = getenv("HOTROCKS_PAUSE_AT");
	const char	*colon;
	char		*waiting, *go;
	size_t		 len;

	if (want == NULL || (colon = strchr(want, ':')) == NULL)
		return;
	len = (size_t)(colon - want);
	if (strlen(point) != len || strncmp(want, point, len) != 0)
		return;
	go = g_strdup(colon + 1);
	waiting = g_strconcat(go, ".waiting", NULL);
	if (!g_file_test(go, G_FILE_TEST_EXISTS)) {
		g_file_set_contents(waiting, point, -1, NULL);
		for (int i = 0; i < 1200 && !g_file_test(go,
		    G_FILE_TEST_EXISTS); i++)
			g_usleep(50000);
	}
	g_free(waiting);
	g_free(go);
}

static const char *
imap_strerror(int rc)
{
	switch (rc) {
	case MAILIMAP_ERROR_BAD_STATE:
		return ("unexpected state");
	case MAILIMAP_ERROR_STREAM:
		return ("connection lost or timed out");
	case MAILIMAP_ERROR_PARSE:
		return ("unreadable server response");
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
		return ("connection refused");
	case MAILIMAP_ERROR_MEMORY:
		return ("out of memory");
	case MAILIMAP_ERROR_FATAL:
		return ("server said BYE");
	case MAILIMAP_ERROR_PROTOCOL:
		return ("protocol error");
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
		return ("server refused the connection");
	case MAILIMAP_ERROR_LOGIN:
		return ("login refused");
	case MAILIMAP_ERROR_SELECT:
	case MAILIMAP_ERROR_EXAMINE:
		return ("cannot select the folder");
	case MAILIMAP_ERROR_SSL:
		return ("TLS failed");
	case MAILIMAP_ERROR_NEEDS_MORE_DATA:
		return ("truncated response");
	default:
		return ("command failed");
	}
}

/* what failed, the library's reason, and the server's own words (a
 * server's text is quoted, bounded and made printable). */
static char *
server_said(struct imap_src *st, const char *what, int rc)
{
	const char	*resp = st->imap ? st->imap->imap_response : NULL;
	const char	*low = tls_peer_last_error();
	char		*clean, *r;

	if ((rc == MAILIMAP_ERROR_STREAM || rc == MAILIMAP_ERROR_PARSE) &&
	    low != NULL)
		return (g_strdup_printf("%s: %s", what, low));
	if (resp == NULL || *resp == '\0' || rc == MAILIMAP_ERROR_STREAM)
		return (g_strdup_printf("%s: %s", what, imap_strerror(rc)));
	clean = g_strndup(resp, 200);
	for (char *p = clean; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	r = g_strdup_printf("%s: %s (server: \"%s\")", what,
	    imap_strerror(rc), clean);
	g_free(clean);
	return (r);
}

/*
 * TCP, then TLS as configured, through lib/tls-peer: the chain is checked
 * against ca_file (or the system store) and the name against host, SNI
 * is sent, every read and write has the timeout and every answer a
 * budget. libetpan's own TLS checks nothing, so it is never used.
 */
static int
imap_connect(struct imap_src *st, char **cause)
{
	const struct config_imap *c = &st->cfg->imap;
	struct tls_peer_settings set = { 0 };
	unsigned	 port = config_imap_port(st->cfg);
	mailstream	*s;
	char		*why;
	int		 rc;

	if (*c->host == '\0') {
		*cause = g_strdup("[imap] host is not set");
		return (-1);
	}
	set.host = c->host;
	set.ca_file = *c->ca_file != '\0' ? c->ca_file : NULL;
	set.timeout = (unsigned)c->timeout;
	set.max_read = IMAP_BUDGET_SMALL;
	if (c->security == IMAP_SECURITY_NONE)
		log_warn("imap %s:%u: security = none: the password and every "
		    "message cross the network in clear", c->host, port);
	s = tls_peer_open(&set, port, c->security == IMAP_SECURITY_TLS,
	    &why);
	if (s == NULL) {
		*cause = g_strdup_printf("imap: %s", why);
		g_free(why);
		return (-1);
	}
	if ((st->imap = mailimap_new(0, NULL)) == NULL)
		fatal("out of memory");
	rc = mailimap_connect(st->imap, s);	/* st->imap owns s now */
	if (rc != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		why = server_said(st, "greeting", rc);
		*cause = g_strdup_printf("imap %s:%u: %s", c->host, port, why);
		g_free(why);
		return (-1);
	}
	if (c->security == IMAP_SECURITY_STARTTLS) {
		struct mailimap_capability_data *caps = NULL;

		if (tls_peer_imap_starttls(st->imap, &set, &why) == -1) {
			*cause = g_strdup_printf("imap: %s", why);
			g_free(why);
			return (-1);
		}
		budget(st, IMAP_BUDGET_SMALL);
		rc = mailimap_capability(st->imap, &caps);
		mailimap_capability_data_free(caps);
		if (rc != MAILIMAP_NO_ERROR) {
			why = server_said(st, "CAPABILITY", rc);
			*cause = g_strdup_printf("imap %s:%u: %s", c->host,
			    port, why);
			g_free(why);
			return (-1);
		}
	}
	return (0);
}

static int
imap_login(struct imap_src *st, char **cause)
{
	const struct config_imap *c = &st->cfg->imap;
	struct mailimap_capability_data *caps = NULL;
	char		*secret = NULL, *why;
	int		 rc;

	if (config_imap_secret(st->cfg, &secret, cause) == -1)
		return (-1);
	budget(st, IMAP_BUDGET_SMALL);
	if (c->auth == IMAP_AUTH_XOAUTH2)
		rc = mailimap_oauth2_authenticate(st->imap, c->username,
		    secret);
	else if (mailimap_has_extension(st->imap, "LOGINDISABLED"))
		rc = mailimap_authenticate(st->imap, "PLAIN", c->host, NULL,
		    NULL, c->username, c->username, secret, NULL);
	else
		rc = mailimap_login(st->imap, c->username, secret);
	config_secret_free(secret);
	if (rc != MAILIMAP_NO_ERROR) {
		why = server_said(st, "login", rc);
		*cause = g_strdup_printf("imap %s: %s as %s", c->host, why,
		    c->username);
		g_free(why);
		return (-1);
	}
	/* Capabilities change after login (MOVE, UIDPLUS, IDLE). */
	budget(st, IMAP_BUDGET_SMALL);
	if ((rc = mailimap_capability(st->imap, &caps)) != MAILIMAP_NO_ERROR) {
		why = server_said(st, "CAPABILITY", rc);
		*cause = g_strdup_printf("imap %s: %s", c->host, why);
		g_free(why);
		return (-1);
	}
	mailimap_capability_data_free(caps);
	st->has_move = mailimap_has_extension(st->imap, "MOVE");
	st->has_uidplus = mailimap_has_uidplus(st->imap);
	st->has_idle = mailimap_has_idle(st->imap);
	log_info("imap %s: logged in as %s (%s%s%s)", c->host, c->username,
	    st->has_move ? "MOVE " : "", st->has_uidplus ? "UIDPLUS " : "",
	    st->has_idle ? "IDLE" : "");
	return (0);
}

static int
cmp_uid(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

/* SELECT, UIDVALIDITY, and the UIDs present, in order. */
/* UID SEARCH key (taken) in the selected folder: 0 with the UIDs found,
 * ascending, in *uids_r (g_free) and *n_r, or -1 and *cause. */
static int
uid_search(struct imap_src *st, struct mailimap_search_key *key,
    uint32_t **uids_r, size_t *n_r, char **cause)
{
	clist		*result = NULL;
	clistiter	*it;
	uint32_t	*v;
	size_t		 n = 0;
	char		*why;
	int		 rc;

	*uids_r = NULL;
	*n_r = 0;
	budget(st, IMAP_BUDGET_SMALL + (size_t)12 *
	    (st->imap->imap_selection_info != NULL ?
	    st->imap->imap_selection_info->sel_exists : 0));
	rc = mailimap_uid_search(st->imap, NULL, key, &result);
	mailimap_search_key_free(key);
	if (rc != MAILIMAP_NO_ERROR) {
		why = server_said(st, "UID SEARCH", rc);
		*cause = g_strdup_printf("imap %s: %s", st->origin, why);
		g_free(why);
		return (-1);
	}
	v = g_new(uint32_t, clist_count(result) + 1);
	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		uint32_t *u = clist_content(it);

		if (u != NULL && *u != 0)
			v[n++] = *u;
	}
	mailimap_search_result_free(result);
	qsort(v, n, sizeof(*v), cmp_uid);
	*uids_r = v;
	*n_r = n;
	return (0);
}

static int
imap_scan(struct imap_src *st, char **cause)
{
	uint32_t	 highest = 0;
	char		*why;
	int		 rc;

	batch_clear(st);
	pending_clear(st);
	g_free(st->uids);
	st->uids = NULL;
	st->nuids = st->next = 0;
	budget(st, IMAP_BUDGET_SMALL);
	if ((rc = mailimap_select(st->imap, st->folder)) != MAILIMAP_NO_ERROR) {
		why = server_said(st, "SELECT", rc);
		*cause = g_strdup_printf("imap %s: %s", st->origin, why);
		g_free(why);
		return (-1);
	}
	if (st->imap->imap_selection_info == NULL ||
	    st->imap->imap_selection_info->sel_uidvalidity == 0) {
		*cause = g_strdup_printf("imap %s: the server gave no "
		    "UIDVALIDITY", st->origin);
		return (-1);
	}
	if (st->uidvalidity != 0 &&
	    st->uidvalidity != st->imap->imap_selection_info->sel_uidvalidity)
		log_warn("imap %s: UIDVALIDITY changed from %u to %u: the "
		    "folder is read again (recorded messages are recognised "
		    "by Message-ID and content)", st->origin, st->uidvalidity,
		    st->imap->imap_selection_info->sel_uidvalidity);
	st->uidvalidity = st->imap->imap_selection_info->sel_uidvalidity;
	source_imap_crash_point("after-select");
	if (imap_state_highest(st->db, st->origin, st->uidvalidity, &highest,
	    cause) == -1)
		return (-1);
	if (st->imap->imap_selection_info->sel_exists == 0)
		return (0);
	/* 1:* */
	if (uid_search(st, mailimap_search_key_new_uid(
	    mailimap_set_new_interval(1, 0)), &st->uids, &st->nuids,
	    cause) == -1)
		return (-1);
	log_debug("imap %s: UIDVALIDITY %u, %zu message(s), highest recorded "
	    "UID %u", st->origin, st->uidvalidity, st->nuids, highest);
	source_imap_pause_point("after-scan");
	return (0);
}

static void *
imap_open(const struct config *cfg, const char *spec, char **cause)
{
	struct imap_src	*st = g_new0(struct imap_src, 1);

	st->cfg = cfg;
	st->folder = g_strdup(spec != NULL ? spec : cfg->imap.folder);
	st->origin = config_imap_origin(cfg, st->folder);
	st->folders_ok = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	for (size_t i = 0; i < IMAP_NACTIONS; i++)
		st->pending[i] = g_array_new(FALSE, FALSE, sizeof(uint32_t));
	if ((st->db = imap_state_open(cfg->database, false, cause)) == NULL)
		goto fail;
	if (imap_connect(st, cause) == -1 || imap_login(st, cause) == -1 ||
	    imap_scan(st, cause) == -1)
		goto fail;
	return (st);
fail:
	imap_close(st);
	return (NULL);
}

static size_t
imap_count(void *state)
{
	return (((struct imap_src *)state)->nuids);
}

static void
batch_clear(struct imap_src *st)
{
	for (size_t i = 0; i < st->nbatch; i++)
		g_free(st->batch[i].data);	/* NULL once handed out */
	g_free(st->batch);
	st->batch = NULL;
	st->nbatch = st->bnext = 0;
}

/* INTERNALDATE to time_t; its zone is +-hhmm as an integer. */
static time_t
imap_date(const struct mailimap_date_time *d)
{
	struct tm	tm = { 0 };
	int		zone = d->dt_zone;
	int		off = (zone / 100) * 3600 + (zone % 100) * 60;

	tm.tm_year = d->dt_year - 1900;
	tm.tm_mon = d->dt_month - 1;
	tm.tm_mday = d->dt_day;
	tm.tm_hour = d->dt_hour;
	tm.tm_min = d->dt_min;
	tm.tm_sec = d->dt_sec;
	return (timegm(&tm) - off);
}

static struct imap_item *
item_for(struct imap_src *st, uint32_t uid)
{
	for (size_t i = 0; i < st->nbatch; i++)
		if (st->batch[i].uid == uid)
			return (&st->batch[i]);
	return (NULL);
}

/* One UID FETCH over set; each answer goes into the batch item of its
 * UID (an answer for a UID not asked for is ignored). */
static int
fetch_into(struct imap_src *st, struct mailimap_set *set, bool meta,
    bool header_only, size_t bytes, char **cause)
{
	struct mailimap_fetch_type	*ft;
	clist				*result = NULL;
	char				*why;
	int				 rc;

	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	if (meta) {
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_rfc822_size());
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_internaldate());
	} else
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_body_peek_section(header_only ?
		    mailimap_section_new_header() : mailimap_section_new(NULL)));
	budget(st, bytes);
	rc = mailimap_uid_fetch(st->imap, set, ft, &result);
	mailimap_fetch_type_free(ft);
	if (rc != MAILIMAP_NO_ERROR) {
		why = server_said(st, "UID FETCH", rc);
		*cause = g_strdup_printf("imap %s: %s", st->origin, why);
		g_free(why);
		return (-1);
	}
	for (clistiter *m = clist_begin(result); m != NULL; m = clist_next(m)) {
		struct mailimap_msg_att	*att = clist_content(m);
		struct imap_item	*it = NULL;
		uint32_t		 uid = 0, size = 0;
		time_t			 date = 0;
		const char		*body = NULL;
		size_t			 blen = 0;

		for (clistiter *a = clist_begin(att->att_list); a != NULL;
		    a = clist_next(a)) {
			struct mailimap_msg_att_item *ai = clist_content(a);
			struct mailimap_msg_att_static *s;

			if (ai->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    (s = ai->att_data.att_static) == NULL)
				continue;
			switch (s->att_type) {
			case MAILIMAP_MSG_ATT_UID:
				uid = s->att_data.att_uid;
				break;
			case MAILIMAP_MSG_ATT_RFC822_SIZE:
				size = s->att_data.att_rfc822_size;
				break;
			case MAILIMAP_MSG_ATT_INTERNALDATE:
				if (s->att_data.att_internal_date != NULL)
					date = imap_date(
					    s->att_data.att_internal_date);
				break;
			case MAILIMAP_MSG_ATT_BODY_SECTION:
				if (s->att_data.att_body_section != NULL) {
					body = s->att_data.att_body_section->
					    sec_body_part;
					blen = s->att_data.att_body_section->
					    sec_length;
				}
				break;
			}
		}
		if (uid == 0 || (it = item_for(st, uid)) == NULL)
			continue;
		if (meta) {
			it->size = size;
			it->internaldate = date;
			it->too_large = size > st->cfg->max_message_size;
		} else if (body != NULL && it->data == NULL) {
			it->data = g_memdup2(body, blen);
			it->len = blen;
		}
	}
	mailimap_fetch_list_free(result);
	return (0);
}

/*
 * The next batch: recorded messages are moved on at once; the others are
 * sized, then fetched (a too-large one by its header only). 0 with a
 * batch (maybe empty, when the folder is done), -1 and *cause when the
 * connection failed.
 */
static int
fill_batch(struct imap_src *st, char **cause)
{
	size_t	 max = st->cfg->imap.batch_size, i;
	int	 rc;

	batch_clear(st);
	st->batch = g_new0(struct imap_item, max);
	while (st->next < st->nuids && st->nbatch < max) {
		uint32_t	 uid = st->uids[st->next++];
		char		*action = NULL;

		rc = imap_state_recorded(st->db, st->origin, st->uidvalidity,
		    uid, &action, cause);
		if (rc == -1)
			return (-1);
		if (rc == 1) {
			/* Moved with the batch, like the ones it records. */
			if (queue_uid(st, uid, action, true) == 0)
				log_info("imap %s: UID %u recorded before "
				    "(%s), to move to %s", st->origin, uid,
				    action, config_imap_folder_for(st->cfg,
				    action));
			g_free(action);
			continue;
		}
		st->batch[st->nbatch++].uid = uid;
	}
	if (st->nbatch == 0)
		return (0);

	/* Sizes and dates first, so nothing too large is downloaded. */
	{
		struct mailimap_set *set = mailimap_set_new_empty();

		for (i = 0; i < st->nbatch; i++)
			mailimap_set_add_single(set, st->batch[i].uid);
		rc = fetch_into(st, set, true, false, IMAP_BUDGET_SMALL +
		    st->nbatch * IMAP_BUDGET_PER_MSG, cause);
		mailimap_set_free(set);
		if (rc == -1)
			return (-1);
	}
	/* Bodies in runs of at most IMAP_BATCH_BYTES; headers for the
	 * too large. A message the server no longer has stays empty. */
	for (i = 0; i < st->nbatch; ) {
		struct mailimap_set	*set = mailimap_set_new_empty();
		struct mailimap_set	*hset = mailimap_set_new_empty();
		size_t			 bytes = 0, nb = 0, nh = 0;

		for (; i < st->nbatch; i++) {
			struct imap_item *it = &st->batch[i];

			if (it->too_large) {
				mailimap_set_add_single(hset, it->uid);
				nh++;
				continue;
			}
			if (nb > 0 && bytes + it->size > IMAP_BATCH_BYTES)
				break;
			mailimap_set_add_single(set, it->uid);
			bytes += it->size;
			nb++;
		}
		rc = 0;
		if (nb > 0)
			rc = fetch_into(st, set, false, false, bytes +
			    IMAP_BUDGET_SMALL + nb * IMAP_BUDGET_PER_MSG,
			    cause);
		if (rc == 0 && nh > 0)
			rc = fetch_into(st, hset, false, true,
			    IMAP_BUDGET_SMALL + nh * IMAP_BUDGET_HEADER, cause);
		mailimap_set_free(set);
		mailimap_set_free(hset);
		if (rc == -1)
			return (-1);
	}
	source_imap_crash_point("after-fetch");
	return (0);
}

size_t
source_imap_batch_left(void *state)
{
	struct imap_src	*st = state;

	return (st->error != NULL ? 0 : st->nbatch - st->bnext);
}

static int
imap_next(void *state, struct source_msg *msg, char **cause)
{
	struct imap_src	*st = state;

	memset(msg, 0, sizeof(*msg));
	if (st->error != NULL)
		return (0);
	for (;;) {
		while (st->bnext < st->nbatch) {
			struct imap_item *it = &st->batch[st->bnext++];

			if (it->data == NULL)
				continue;	/* expunged meanwhile */
			msg->origin = g_strdup(st->origin);
			msg->uidvalidity = st->uidvalidity;
			msg->uid = it->uid;
			msg->received_at = it->internaldate;
			msg->size = it->size;
			msg->too_large = it->too_large;
			msg->data = it->data;
			msg->len = it->len;
			it->data = NULL;
			return (1);
		}
		/* The batch is used up, each of its records committed:
		 * acknowledged at the server now, before the next. */
		if (imap_flush(st, cause) == -1)
			return (-1);
		if (st->next >= st->nuids)
			return (0);
		if (fill_batch(st, cause) == -1) {
			/* The connection is gone: this pass ends here. */
			st->error = g_strdup(*cause);
			return (-1);
		}
	}
}

/* The destination exists once per connection (created when missing). */
static int
ensure_folder(struct imap_src *st, const char *folder, char **cause)
{
	clist	*list = NULL;
	char	*why;
	int	 rc;

	if (g_hash_table_contains(st->folders_ok, folder))
		return (0);
	budget(st, IMAP_BUDGET_SMALL);
	rc = mailimap_list(st->imap, "", folder, &list);
	if (rc != MAILIMAP_NO_ERROR) {
		why = server_said(st, "LIST", rc);
		*cause = g_strdup_printf("imap %s: %s", folder, why);
		g_free(why);
		return (-1);
	}
	if (clist_count(list) == 0) {
		rc = mailimap_create(st->imap, folder);
		if (rc != MAILIMAP_NO_ERROR) {
			why = server_said(st, "CREATE", rc);
			*cause = g_strdup_printf("imap %s: %s", folder, why);
			g_free(why);
			mailimap_list_result_free(list);
			return (-1);
		}
		log_info("imap: created folder %s", folder);
	}
	mailimap_list_result_free(list);
	g_hash_table_add(st->folders_ok, g_strdup(folder));
	return (0);
}

/* The UIDs of uids (ascending) as a set of ranges: 1:5,9. */
static struct mailimap_set *
uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set	*set = mailimap_set_new_empty();
	size_t			 i = 0, j;

	while (i < n) {
		for (j = i; j + 1 < n && uids[j + 1] == uids[j] + 1; j++)
			;
		if (j == i)
			mailimap_set_add_single(set, uids[i]);
		else
			mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return (set);
}

/* MOVE (RFC 6851), else UID COPY + \Deleted + UID EXPUNGE (UIDPLUS),
 * else COPY + \Deleted + EXPUNGE (which also removes whatever else is
 * flagged \Deleted in the folder: the price of such a server); one
 * command of each for n UIDs (at most IMAP_MOVE_MAX). */
static int
move_uids(struct imap_src *st, const uint32_t *uids, size_t n,
    const char *dest, char **cause)
{
	struct mailimap_set		*set;
	struct mailimap_flag_list	*fl;
	struct mailimap_store_att_flags	*sf;
	const char			*step;
	char				*why;
	int				 rc;

	if (ensure_folder(st, dest, cause) == -1)
		return (-1);
	source_imap_crash_point("before-move");
	budget(st, IMAP_BUDGET_SMALL + n * 64);
	set = uid_set(uids, n);
	if (st->has_move) {
		step = "UID MOVE";
		rc = mailimap_uid_move(st->imap, set, dest);
		goto done;
	}
	step = "UID COPY";
	if ((rc = mailimap_uid_copy(st->imap, set, dest)) != MAILIMAP_NO_ERROR)
		goto done;
	source_imap_crash_point("after-copy");
	step = "UID STORE";
	fl = mailimap_flag_list_new_empty();
	mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
	sf = mailimap_store_att_flags_new_add_flags_silent(fl);
	rc = mailimap_uid_store(st->imap, set, sf);
	mailimap_store_att_flags_free(sf);
	if (rc != MAILIMAP_NO_ERROR)
		goto done;
	if (st->has_uidplus) {
		step = "UID EXPUNGE";
		rc = mailimap_uid_expunge(st->imap, set);
	} else {
		step = "EXPUNGE";
		rc = mailimap_expunge(st->imap);
	}
done:
	mailimap_set_free(set);
	if (rc != MAILIMAP_NO_ERROR) {
		why = server_said(st, step, rc);
		if (n == 1)
			*cause = g_strdup_printf("imap %s: UID %u to %s: %s",
			    st->origin, uids[0], dest, why);
		else
			*cause = g_strdup_printf("imap %s: %zu UIDs (%u to "
			    "%u) to %s: %s", st->origin, n, uids[0],
			    uids[n - 1], dest, why);
		g_free(why);
		return (-1);
	}
	source_imap_crash_point("after-move");
	return (0);
}

/* Queues uid under action's folder; -1 when action has none (the
 * message stays where it is). */
static int
queue_uid(struct imap_src *st, uint32_t uid, const char *action, bool again)
{
	for (size_t i = 0; action != NULL && i < IMAP_NACTIONS; i++) {
		if (strcmp(action, imap_actions[i]) != 0 ||
		    config_imap_folder_for(st->cfg, action) == NULL)
			continue;
		g_array_append_val(st->pending[i], uid);
		if (again)
			st->pending_again[i]++;
		return (0);
	}
	return (-1);
}

/* Forgets the queue: its messages are recorded, and the next pass moves
 * them. */
static void
pending_clear(struct imap_src *st)
{
	for (size_t i = 0; i < IMAP_NACTIONS; i++) {
		if (st->pending[i] != NULL)
			g_array_set_size(st->pending[i], 0);
		st->pending_again[i] = 0;
	}
}

static int
imap_ack(void *state, const struct source_msg *msg, const char *action,
    char **cause)
{
	struct imap_src	*st = state;

	if (msg->uidvalidity != st->uidvalidity) {
		*cause = g_strdup_printf("imap %s: UID %u: UIDVALIDITY "
		    "changed, left for the next pass", st->origin, msg->uid);
		return (-1);
	}
	if (queue_uid(st, msg->uid, action, false) == -1) {
		*cause = g_strdup_printf("imap %s: UID %u: no folder for "
		    "action '%s'", st->origin, msg->uid, action ? action :
		    "(none)");
		return (-1);
	}
	return (0);
}

/* Moves what ack queued, folder by folder in imap_actions' order. On a
 * failure the pass ends (st->error) and the rest of the queue is left to
 * the next pass. */
static int
imap_flush(void *state, char **cause)
{
	struct imap_src	*st = state;
	bool		 moved = false;

	if (st->error != NULL) {
		pending_clear(st);
		return (0);
	}
	for (size_t i = 0; i < IMAP_NACTIONS && !moved; i++)
		moved = st->pending[i]->len > 0;
	if (!moved)
		return (0);
	moved = false;
	/* The pipeline commits without waiting for the disk for a source
	 * that flushes: the records of the batch are made durable here,
	 * once, before any of them is moved. */
	if (imap_state_sync(st->db, cause) == -1) {
		st->error = g_strdup(*cause);
		pending_clear(st);
		return (-1);
	}
	for (size_t i = 0; i < IMAP_NACTIONS; i++) {
		GArray		*q = st->pending[i];
		const char	*dest;

		if (q->len == 0)
			continue;
		g_array_sort(q, cmp_uid);
		dest = config_imap_folder_for(st->cfg, imap_actions[i]);
		for (size_t k = 0; k < q->len; k += IMAP_MOVE_MAX) {
			size_t n = MIN(q->len - k, (size_t)IMAP_MOVE_MAX);

			if (move_uids(st, &g_array_index(q, uint32_t, k), n,
			    dest, cause) == -1) {
				st->error = g_strdup(*cause);
				pending_clear(st);
				return (-1);
			}
		}
		log_debug("imap %s: %u message(s) moved to %s", st->origin,
		    q->len, dest);
		st->moved_again += st->pending_again[i];
		st->pending_again[i] = 0;
		g_array_set_size(q, 0);
		moved = true;
	}
	if (moved)
		source_imap_crash_point("after-flush");
	return (0);
}

static void
imap_close(void *state)
{
	struct imap_src *st = state;

	if (st == NULL)
		return;
	batch_clear(st);
	if (st->imap != NULL) {
		if (st->error == NULL && st->imap->imap_stream != NULL)
			mailimap_logout(st->imap);
		mailimap_free(st->imap);
	}
	imap_state_close(st->db);
	for (size_t i = 0; i < IMAP_NACTIONS; i++)
		if (st->pending[i] != NULL)
			g_array_free(st->pending[i], TRUE);
	if (st->folders_ok != NULL)
		g_hash_table_destroy(st->folders_ok);
	g_free(st->uids);
	g_free(st->folder);
	g_free(st->origin);
	g_free(st->error);
	g_free(st);
}

void
source_imap_info(void *state, struct source_imap_info *info)
{
	struct imap_src *st = state;

	info->origin = st->origin;
	info->folder = st->folder;
	info->uidvalidity = st->uidvalidity;
	info->candidates = st->nuids;
	info->moved_again = st->moved_again;
	info->error = st->error;
	info->idle = st->has_idle;
}

int
source_imap_news(void *state, char **cause)
{
	struct imap_src	*st = state;
	uint32_t	*uids, seen;
	size_t		 n;
	int		 news;

	seen = st->nuids > 0 ? st->uids[st->nuids - 1] : 0;
	/* seen+1:* holds the highest UID even when it is below seen+1 */
	if (uid_search(st, mailimap_search_key_new_uid(
	    mailimap_set_new_interval(seen + 1, 0)), &uids, &n,
	    cause) == -1) {
		g_free(st->error);
		st->error = g_strdup(*cause);
		return (-1);
	}
	news = n > 0 && uids[n - 1] > seen;
	g_free(uids);
	return (news);
}

int
source_imap_day(const char *s, int *y_r, int *m_r, int *d_r)
{
	int	 y, m, d, end = 0;

	/* a day that exists: 2026-02-30 is a typo, not "nothing since" */
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 ||
	    s[end] != '\0' || strlen(s) != 10 || m < 1 || m > 12 ||
	    !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
		return (-1);
	*y_r = y;
	*m_r = m;
	*d_r = d;
	return (0);
}

/* A message to put back: when the server received it, and where it is. */
struct back {
	time_t		 at;
	size_t		 folder;	/* imap_actions' index */
	uint32_t	 uid;
};

static int
back_cmp(const void *a, const void *b)
{
	const struct back *x = a, *y = b;

	if (x->at != y->at)
		return (x->at < y->at ? -1 : 1);
	if (x->folder != y->folder)
		return (x->folder < y->folder ? -1 : 1);
	return (x->uid < y->uid ? -1 : x->uid > y->uid);
}

/* SELECT folder, unless it is the one selected (*cur). */
static int
select_folder(struct imap_src *st, const char *folder, const char **cur,
    char **cause)
{
	char	*why;
	int	 rc;

	if (*cur != NULL && strcmp(*cur, folder) == 0)
		return (0);
	budget(st, IMAP_BUDGET_SMALL);
	if ((rc = mailimap_select(st->imap, folder)) != MAILIMAP_NO_ERROR) {
		why = server_said(st, "SELECT", rc);
		*cause = g_strdup_printf("imap %s: %s", folder, why);
		g_free(why);
		*cur = NULL;
		return (-1);
	}
	*cur = folder;
	return (0);
}

/* The messages of folder i received since (y, m, d), with their
 * INTERNALDATE, appended to v. */
static int
collect_since(struct imap_src *st, size_t i, int y, int m, int d,
    GArray *v, char **cause)
{
	struct mailimap_set	*set;
	uint32_t		*uids = NULL;
	size_t			 n = 0;
	int			 rc;

	if (uid_search(st, mailimap_search_key_new_since(
	    mailimap_date_new(d, m, y)), &uids, &n, cause) == -1)
		return (-1);
	if (n == 0) {
		g_free(uids);
		return (0);
	}
	/* the pass's batch, borrowed: no pass runs meanwhile */
	batch_clear(st);
	st->batch = g_new0(struct imap_item, n);
	st->nbatch = n;
	for (size_t k = 0; k < n; k++)
		st->batch[k].uid = uids[k];
	set = uid_set(uids, n);
	rc = fetch_into(st, set, true, false, IMAP_BUDGET_SMALL + n * 128,
	    cause);
	mailimap_set_free(set);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		struct back b = { st->batch[k].internaldate, i, uids[k] };

		g_array_append_val(v, b);
	}
	batch_clear(st);
	g_free(uids);
	return (rc);
}

int
source_imap_return(void *state, int y, int m, int d,
    const char *folders[SOURCE_IMAP_NFOLDERS],
    size_t moved[SOURCE_IMAP_NFOLDERS], char **cause)
{
	struct imap_src	*st = state;
	GArray		*v = g_array_new(FALSE, FALSE, sizeof(struct back));
	uint32_t	*run = NULL;
	const char	*cur = NULL;
	clist		*list = NULL;
	char		*why;
	size_t		 n;
	int		 rc = -1;

	G_STATIC_ASSERT(SOURCE_IMAP_NFOLDERS == IMAP_NACTIONS);
	for (size_t i = 0; i < IMAP_NACTIONS; i++) {
		folders[i] = NULL;
		moved[i] = 0;
	}
	for (size_t i = 0; i < IMAP_NACTIONS; i++) {
		const char *f = config_imap_folder_for(st->cfg,
		    imap_actions[i]);

		folders[i] = f;
		if (f == NULL || strcmp(f, st->folder) == 0)
			continue;
		budget(st, IMAP_BUDGET_SMALL);
		if ((rc = mailimap_list(st->imap, "", f, &list)) !=
		    MAILIMAP_NO_ERROR) {
			why = server_said(st, "LIST", rc);
			*cause = g_strdup_printf("imap %s: %s", f, why);
			g_free(why);
			rc = -1;
			goto out;
		}
		n = clist_count(list);
		mailimap_list_result_free(list);
		rc = -1;
		if (n == 0)
			continue;	/* never filed into: nothing there */
		if (select_folder(st, f, &cur, cause) == -1 ||
		    collect_since(st, i, y, m, d, v, cause) == -1)
			goto out;
	}
	/*
	 * Back in the order the server received them, across the folders,
	 * so the next pass decides them in the order the first did (a list
	 * and its corrected resend, a question and its answer): a run of
	 * one folder, its UIDs ascending, in one MOVE; a new one otherwise.
	 */
	g_array_sort(v, back_cmp);
	run = g_new(uint32_t, v->len + 1);
	for (size_t k = 0; k < v->len; ) {
		const struct back *b = &g_array_index(v, struct back, k);
		size_t c = 0;

		while (k < v->len && c < IMAP_MOVE_MAX) {
			const struct back *x = &g_array_index(v, struct back,
			    k);

			if (x->folder != b->folder ||
			    (c > 0 && x->uid <= run[c - 1]))
				break;
			run[c++] = x->uid;
			k++;
		}
		if (select_folder(st, folders[b->folder], &cur, cause) == -1 ||
		    move_uids(st, run, c, st->folder, cause) == -1)
			goto out;
		moved[b->folder] += c;
	}
	for (size_t i = 0; i < IMAP_NACTIONS; i++)
		if (moved[i] > 0)
			log_info("imap: %zu message(s) back from %s to %s",
			    moved[i], folders[i], st->folder);
	/* the state reads its own folder again, with what came back */
	rc = source_imap_rescan(st, cause);
out:
	g_free(run);
	g_array_free(v, TRUE);
	return (rc);
}

int
source_imap_rescan(void *state, char **cause)
{
	struct imap_src *st = state;

	g_free(st->error);
	st->error = NULL;
	st->moved_again = 0;
	if (imap_scan(st, cause) == -1) {
		st->error = g_strdup(*cause);
		return (-1);
	}
	return (0);
}

/*
 * IDLE until the server reports a change, the time runs out (at most
 * IMAP_IDLE_MAX) or *stop is set; poll() wakes every second to look at
 * *stop. Without IDLE, sleeps the same way.
 */
int
source_imap_wait(void *state, unsigned seconds, volatile const int *stop,
    char **cause)
{
	struct imap_src	*st = state;
	time_t		 end;
	int		 rc, fd, woke = 0;
	char		*why;

	if (seconds > IMAP_IDLE_MAX)
		seconds = IMAP_IDLE_MAX;
	end = time(NULL) + seconds;
	if (!st->has_idle) {
		while (!*stop && time(NULL) < end)
			sleep(1);
		return (0);
	}
	budget(st, IMAP_BUDGET_SMALL);
	if ((rc = mailimap_idle(st->imap)) != MAILIMAP_NO_ERROR) {
		why = server_said(st, "IDLE", rc);
		*cause = g_strdup_printf("imap %s: %s", st->origin, why);
		g_free(why);
		return (-1);
	}
	fd = mailimap_idle_get_fd(st->imap);
	/* Bytes already read (a decrypted record) are invisible to poll(). */
	if (tls_peer_pending(st->imap->imap_stream))
		woke = 1;
	while (!woke && !*stop && time(NULL) < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		rc = poll(&pfd, 1, 1000);
		if (rc > 0) {
			woke = 1;
			break;
		}
		if (rc == -1 && errno != EINTR) {
			*cause = g_strdup_printf("imap %s: poll: %s",
			    st->origin, g_strerror(errno));
			return (-1);
		}
	}
	budget(st, IMAP_BUDGET_SMALL);
	if ((rc = mailimap_idle_done(st->imap)) != MAILIMAP_NO_ERROR) {
		why = server_said(st, "DONE", rc);
		*cause = g_strdup_printf("imap %s: %s", st->origin, why);
		g_free(why);
		return (-1);
	}
	return (woke);
}
