/* tls-peer.h: TLS for the IMAP source and the SMTP sender, done with
 * OpenSSL under a libetpan stream, because libetpan's own TLS checks
 * neither the certificate chain nor the host name (../shared/FACTS.md).
 * Verifies the chain against ca_file (or the system store), checks the
 * host name or IP, and sends SNI.
 *
 * libetpan's types appear here, and only here in lib/, because both the
 * IMAP source (intake/) and the SMTP sender (outbox/, which includes only
 * lib/ headers) need the same stream driver. Nothing else in lib/ uses
 * them.
 *
 * Every stream made here (plain or TLS) bounds each read and write by the
 * timeout and every session by a read budget, so a stalling or hostile
 * server costs at most `timeout` seconds per step and `max_read` bytes in
 * all. Why the budget also bounds memory, although libetpan 1.9.4 sizes an
 * IMAP literal's buffer from the count the server announces: see the top
 * of tls-peer.c.
 *
 * Errors: a failure that ends a call here comes back in *cause (g_free),
 * one line naming the peer ("127.0.0.1:993: certificate has expired").
 * A failure inside a libetpan call (MAILIMAP_ERROR_STREAM, …) leaves its
 * line in tls_peer_last_error().
 *
 * Typical use (IMAP; SMTP is the same with mailsmtp_*):
 *	s = tls_peer_open(&set, 993, true, &cause);	   // or false: plain
 *	imap = mailimap_new(0, NULL);
 *	r = mailimap_connect(imap, s);		   // imap owns s from here
 *	if (r == MAILIMAP_ERROR_STREAM) … tls_peer_last_error() …
 *	tls_peer_imap_starttls(imap, &set, &cause);  // port 143 only
 *	tls_peer_set_budget(mailstream_get_low(imap->imap_stream), n);
 */
#ifndef HOTROCKS_TLS_PEER_H
#define HOTROCKS_TLS_PEER_H

#include <stdbool.h>
#include <stddef.h>

#include <libetpan/libetpan.h>
#include <openssl/types.h>

struct tls_peer_settings {
	const char	*host;		/* name checked and sent as SNI; an
					 * IP address is checked as an IP */
	const char	*ca_file;	/* PEM bundle; NULL: system store */
	unsigned	 timeout;	/* seconds for every read and write,
					 * the connect and the handshake
					 * (0: 60) */
	size_t		 max_read;	/* bytes one session may read before
					 * it is cut (0: no cap) */
};

/* Loads ca_file (a PEM bundle) into ctx; 0, or -1 and *cause "NAME:
 * cannot load CA file F: why" (the file's own error when it cannot be
 * read). ctx NULL: only checks that it loads. */
int		 tls_peer_load_ca(SSL_CTX *ctx, const char *name,
		    const char *ca_file, char **cause);

/* A TCP connection to host:port, tried address by address, each within
 * timeout seconds (0: 60). Returns a non-blocking, close-on-exec fd the
 * caller owns, or -1 and *cause. */
int		 tls_peer_tcp_connect(const char *host, unsigned port,
		    unsigned timeout, char **cause);

/*
 * A plain low stream on fd (security = none, and before STARTTLS), with
 * set's timeout and budget. Takes fd: mailstream_low_close() closes it.
 * set is copied; it may go after the call. NULL only when out of memory.
 */
mailstream_low	*tls_peer_low_plain(int fd, const struct tls_peer_settings *set);

/*
 * A TLS client on fd: handshakes (TLS 1.2 or newer, SNI for a name) and
 * verifies the chain against set->ca_file or the system store and the
 * peer's name against set->host, within set->timeout. On success takes
 * fd (mailstream_low_close() closes it); NULL and *cause otherwise, and
 * fd stays open and the caller's.
 */
mailstream_low	*tls_peer_low_tls(int fd, const struct tls_peer_settings *set,
		    char **cause);

/* Connect to set->host:port and wrap it, in TLS (implicit TLS: 993, 465)
 * or plain: a mailstream for mailimap_connect/mailsmtp_connect, which
 * then own it. NULL and *cause on failure (nothing left open). */
mailstream	*tls_peer_open(const struct tls_peer_settings *set,
		    unsigned port, bool tls, char **cause);

/*
 * After the protocol's STARTTLS command got its go-ahead: replaces the
 * stream's plain low with a verified TLS low on the same fd, carrying the
 * remaining budget over. Refuses (the injection of CVE-2020-15953) when
 * the server sent anything after its go-ahead. 0, or -1 and *cause; on
 * failure the stream is unusable: free the session.
 */
int		 tls_peer_starttls(mailstream *s,
		    const struct tls_peer_settings *set, char **cause);
/* STARTTLS for an IMAP session in the not-authenticated state, then
 * tls_peer_starttls. Capabilities must be asked again afterwards. */
int		 tls_peer_imap_starttls(mailimap *imap,
		    const struct tls_peer_settings *set, char **cause);
/* STARTTLS for an SMTP session after EHLO, then tls_peer_starttls. EHLO
 * must be sent again afterwards (mailesmtp_ehlo). */
int		 tls_peer_smtp_starttls(mailsmtp *smtp,
		    const struct tls_peer_settings *set, char **cause);

/* mailstream_low_cancel(low) is safe in a signal handler: the wait it
 * interrupts (EINTR) and every later read or write then fail. */

/* From now on, at most bytes more may be read from low (0: no cap); a
 * read past them fails with "read budget of N bytes exceeded". Set it
 * before each command whose answer has a known bound (a FETCH of a
 * message of known RFC822.SIZE). No effect on a low not made here. */
void		 tls_peer_set_budget(mailstream_low *low, size_t bytes);

/* Whether s holds bytes already read and not yet parsed (libetpan's
 * buffer or a decrypted TLS record): poll() on the fd would not see them.
 * Ask before sleeping in IDLE; then poll() mailimap_idle_get_fd() (these
 * lows have no libetpan cancel object: mailstream_wait_idle() fails). */
bool		 tls_peer_pending(mailstream *s);

/* The one line of the last failed read, write, connect or handshake of
 * this thread ("host:port: timed out after 30 s reading"), or NULL when
 * the last one succeeded: then a libetpan error was the protocol's.
 * Borrowed, valid until the next call here on this thread. */
const char	*tls_peer_last_error(void);

#endif
