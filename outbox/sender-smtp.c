/* sender-smtp.c: the SMTP sender, over libetpan (and only here in outbox/)
 * with every stream from lib/tls-peer (verified TLS, timeouts, budgets).
 * Classifies every reply into sent, defer or fail with the server's line;
 * never logs or echoes the password, and never retries past DATA itself. */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <libetpan/libetpan.h>

#include "lib/log.h"
#include "lib/tls-peer.h"
#include "outbox/sender.h"

/*
 * One connection, kept open across messages: RSET before each message
 * after the first. A connection the server dropped while idle is found at
 * RSET or MAIL FROM and opened again once; after DATA has begun nothing is
 * retried here, because the server may already hold the message: the
 * queue decides, with the Message-ID fixed, what to do next.
 *
 * Replies are classified as RFC 5321 says: 2xx and 3xx go on, 4xx is a
 * transient failure (DEFER), 5xx a permanent one (FAIL). Anything that
 * happens before MAIL FROM (connection, greeting, EHLO, STARTTLS, AUTH) is
 * about this host and its settings, not the message, so it always DEFERs:
 * a wrong password must not fail every reply in the queue for good.
 */

#define SMTP_DEFAULT_TIMEOUT	60
/* A server's reply line kept in *cause: enough for any real reply, short
 * enough that a hostile server cannot fill the store. */
#define SMTP_MAX_REPLY		512
/* Bytes one transaction may read: SMTP replies are a few lines, so a
 * server that talks on and on is cut instead of filling memory. */
#define SMTP_MAX_READ		(64 << 10)

/* security = none is said out loud once a process */
static bool	warned_clear;

struct smtp_state {
	struct sender_settings	 s;
	mailsmtp		*smtp;		/* NULL: not connected */
	bool			 used;		/* a transaction ran on it */
};

static void	*smtp_open(const struct sender_settings *, char **);
static enum sender_result smtp_send(void *, const char *, const char *,
		    const char *, size_t, char **);
static void	 smtp_close(void *);
static int	 smtp_probe(void *, char **);
static void	 smtp_drop(struct smtp_state *);
static int	 smtp_connect(struct smtp_state *, char **);
static enum sender_result smtp_classify(struct smtp_state *, int,
		    const char *, bool, char **);
static char	*smtp_reply(const mailsmtp *);

const struct sender sender_smtp = {
	.name = "smtp",
	.open = smtp_open,
	.send = smtp_send,
	.close = smtp_close,
	.probe = smtp_probe,
};

unsigned
sender_smtp_port(const struct sender_settings *s)
{
	if (s->port != 0)
		return (s->port);
	switch (s->security) {
	case SENDER_SECURITY_TLS:
		return (465);
	case SENDER_SECURITY_STARTTLS:
		return (587);
	case SENDER_SECURITY_NONE:
		break;
	}
	return (25);
}

/* The server's last reply as one printable line, "451 4.3.0 text". */
static char *
smtp_reply(const mailsmtp *smtp)
{
	GString		*g = g_string_new(NULL);
	const char	*r = smtp->response;

	if (smtp->response_code != 0)
		g_string_append_printf(g, "%d", smtp->response_code);
	if (r != NULL && *r != '\0') {
		if (g->len != 0)
			g_string_append_c(g, ' ');
		for (; *r != '\0' && g->len < SMTP_MAX_REPLY; r++) {
			unsigned char c = (unsigned char)*r;

			/* a multi-line reply reads as one line */
			if (c == '\r')
				continue;
			g_string_append_c(g, c == '\n' ? ' ' :
			    (c < 0x20 || c == 0x7f) ? '?' : (char)c);
		}
		while (g->len > 0 && g->str[g->len - 1] == ' ')
			g_string_truncate(g, g->len - 1);
	}
	return (g_string_free(g, FALSE));
}

/*
 * Turns libetpan's answer to one step into a result. what names the step
 * for the cause; session says the step is about the connection (before
 * MAIL FROM), which never fails an item for good. A stream error or a 421
 * means the connection is gone: it is dropped.
 */
static enum sender_result
smtp_classify(struct smtp_state *st, int rc, const char *what, bool session,
    char **cause)
{
	int	 code = st->smtp != NULL ? st->smtp->response_code : 0;
	char	*reply;

	if (rc == MAILSMTP_NO_ERROR)
		return (SENDER_SENT);
	switch (rc) {
	case MAILSMTP_ERROR_STREAM:
	case MAILSMTP_ERROR_CONNECTION_REFUSED:
	case MAILSMTP_ERROR_SSL:
	case MAILSMTP_ERROR_MEMORY: {
		/* tls-peer knows why a read or write failed */
		const char *why = tls_peer_last_error();

		if (why != NULL)
			*cause = g_strdup_printf("%s: %s", what, why);
		else
			*cause = g_strdup_printf("%s: %s:%u: %s", what,
			    st->s.host, sender_smtp_port(&st->s),
			    rc == MAILSMTP_ERROR_STREAM ? "connection lost" :
			    mailsmtp_strerror(rc));
		smtp_drop(st);
		return (SENDER_DEFER);
	}
	}
	/* a code below 400 is the previous step's: this one failed here */
	reply = code >= 400 ? smtp_reply(st->smtp) :
	    g_strdup(mailsmtp_strerror(rc));
	*cause = g_strdup_printf("%s: %s", what, reply);
	g_free(reply);
	if (code == 421 || code < 400)
		smtp_drop(st);
	if (session || code < 500)
		return (SENDER_DEFER);
	return (SENDER_FAIL);
}

static void *
smtp_open(const struct sender_settings *s, char **cause)
{
	struct smtp_state *st;

	if (s->host == NULL || *s->host == '\0') {
		*cause = g_strdup("[smtp] host is not set");
		return (NULL);
	}
	/* a server that hangs up is a reply to classify, not a reason for
	 * the process to die: libetpan writes without MSG_NOSIGNAL */
	signal(SIGPIPE, SIG_IGN);
	if (s->security == SENDER_SECURITY_NONE && !warned_clear)
			log_warn("smtp: %s:%u: security = none: mail and password "
		    "cross the network in clear", s->host,
		    sender_smtp_port(s));
	warned_clear |= s->security == SENDER_SECURITY_NONE;
	st = g_new0(struct smtp_state, 1);
	st->s = *s;
	return (st);
}

static void
smtp_drop(struct smtp_state *st)
{
	if (st->smtp != NULL)
		mailsmtp_free(st->smtp);
	st->smtp = NULL;
	st->used = false;
}

/* Connects (TLS through lib/tls-peer, verified), greets, upgrades with
 * STARTTLS when so configured, and authenticates: 0, or -1 with *cause. */
static int
smtp_connect(struct smtp_state *st, char **cause)
{
	const struct sender_settings	*s = &st->s;
	struct tls_peer_settings	 tset = {
		.host = s->host,
		.ca_file = s->ca_file,
		.timeout = s->timeout ? s->timeout : SMTP_DEFAULT_TIMEOUT,
		.max_read = SMTP_MAX_READ,
	};
	mailstream			*stream;
	char				*why = NULL;
	int				 rc;

	stream = tls_peer_open(&tset, sender_smtp_port(s),
	    s->security == SENDER_SECURITY_TLS, &why);
	if (stream == NULL) {
		*cause = g_strdup_printf("connect: %s", why);
		g_free(why);
		return (-1);
	}
	st->smtp = mailsmtp_new(0, NULL);
	if (st->smtp == NULL)
		fatal("out of memory");
	mailsmtp_set_timeout(st->smtp, tset.timeout);
	/* the session owns the stream from here */
	rc = mailsmtp_connect(st->smtp, stream);
	if (rc != MAILSMTP_NO_ERROR)
		goto fail_rc_greeting;
	/* libetpan greets with this machine's name; s->helo is unused */
	rc = mailesmtp_ehlo(st->smtp);
	if (rc == MAILSMTP_ERROR_NOT_IMPLEMENTED &&
	    s->security == SENDER_SECURITY_NONE)
		rc = mailsmtp_helo(st->smtp);
	if (rc != MAILSMTP_NO_ERROR) {
		smtp_classify(st, rc, "EHLO", true, cause);
		goto fail;
	}
	if (s->security == SENDER_SECURITY_STARTTLS) {
		/* never fall back to clear text: no STARTTLS, no mail */
		if ((st->smtp->esmtp & MAILSMTP_ESMTP_STARTTLS) == 0) {
			*cause = g_strdup_printf("STARTTLS: %s:%u does not offer "
			    "STARTTLS", s->host, sender_smtp_port(s));
			goto fail;
		}
		if (tls_peer_smtp_starttls(st->smtp, &tset, &why) == -1) {
			*cause = g_strdup_printf("STARTTLS: %s", why);
			g_free(why);
			goto fail;
		}
		rc = mailesmtp_ehlo(st->smtp);
		if (rc != MAILSMTP_NO_ERROR) {
			smtp_classify(st, rc, "EHLO after STARTTLS", true,
			    cause);
			goto fail;
		}
	}
	if (s->username != NULL && *s->username != '\0') {
		rc = mailesmtp_auth_sasl(st->smtp, "PLAIN", s->host, NULL, NULL,
		    s->username, s->username, s->password ? s->password : "",
		    NULL);
		if (rc != MAILSMTP_NO_ERROR) {
			/* the reply, never the password */
			smtp_classify(st, rc, "AUTH PLAIN", true, cause);
			goto fail;
		}
	}
	st->used = false;
	return (0);
fail_rc_greeting:
	smtp_classify(st, rc, "greeting", true, cause);
fail:
	smtp_drop(st);
	return (-1);
}

static enum sender_result
smtp_send(void *state, const char *env_from, const char *rcpt,
    const char *raw, size_t len, char **cause)
{
	struct smtp_state	*st = state;
	enum sender_result	 r;
	bool			 fresh = false;
	int			 rc, tries;

	for (tries = 0; tries < 2; tries++) {
		if (st->smtp == NULL) {
			if (smtp_connect(st, cause) == -1)
				return (SENDER_DEFER);
			fresh = true;
		}
		tls_peer_set_budget(mailstream_get_low(st->smtp->stream),
		    SMTP_MAX_READ);
		rc = MAILSMTP_NO_ERROR;
		if (st->used)
			rc = mailsmtp_reset(st->smtp);
		if (rc == MAILSMTP_NO_ERROR)
			rc = (st->smtp->esmtp ? mailesmtp_mail(st->smtp,
			    env_from, 0, NULL) : mailsmtp_mail(st->smtp,
			    env_from));
		st->used = true;
		/* an idle connection the server closed: open it again */
		if ((rc == MAILSMTP_ERROR_STREAM ||
		    (st->smtp->response_code == 421)) && !fresh) {
			smtp_drop(st);
			continue;
		}
		break;
	}
	if (rc != MAILSMTP_NO_ERROR)
		return (smtp_classify(st, rc, "MAIL FROM", false, cause));
	rc = st->smtp->esmtp ? mailesmtp_rcpt(st->smtp, rcpt,
	    MAILSMTP_DSN_NOTIFY_FAILURE, NULL) :
	    mailsmtp_rcpt(st->smtp, rcpt);
	if (rc != MAILSMTP_NO_ERROR)
		return (smtp_classify(st, rc, "RCPT TO", false, cause));
	rc = mailsmtp_data(st->smtp);
	if (rc != MAILSMTP_NO_ERROR)
		return (smtp_classify(st, rc, "DATA", false, cause));
	/* libetpan escapes leading dots and always writes CRLF.CRLF after
	 * the data: the message's own last line break is left to it, so
	 * the server stores exactly the bytes given */
	if (len >= 2 && raw[len - 2] == '\r' && raw[len - 1] == '\n')
		len -= 2;
	rc = mailsmtp_data_message(st->smtp, raw, len);
	r = smtp_classify(st, rc, "end of DATA", false, cause);
	return (r);
}

static void
smtp_close(void *state)
{
	struct smtp_state *st = state;

	if (st == NULL)
		return;
	if (st->smtp != NULL)
		mailsmtp_quit(st->smtp);
	smtp_drop(st);
	g_free(st);
}

static int
smtp_probe(void *state, char **cause)
{
	struct smtp_state *st = state;

	smtp_drop(st);
	if (smtp_connect(st, cause) == -1)
		return (-1);
	mailsmtp_quit(st->smtp);
	smtp_drop(st);
	return (0);
}
