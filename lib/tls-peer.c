/* tls-peer.c: libetpan stream drivers, plain and OpenSSL TLS, that verify
 * the server, bound every wait by a timeout and every session by a read
 * budget. Never accepts an unverified peer; never logs what it carries.
 *
 * Why a driver of our own. libetpan 1.9.4 (Debian's GnuTLS build) checks
 * no certificate, blocks without limit on a silent peer unless each call
 * site sets a timeout, and reads whatever the server sends. Its
 * mailstream_low_driver table is the seam it offers: mailstream_new() on
 * one of our lows, and mailimap and mailsmtp speak through it unchanged.
 *
 * Why the budget bounds memory. Two places in libetpan grow a buffer at
 * the server's word. (1) mailstream_read_line() appends until CRLF: a
 * server sending garbage without a line end grows it by what it sends,
 * so the budget caps it. (2) mailimap_literal_parse_progress() calls
 * mmap_string_sized_new(number) on the literal count "{N}" before reading
 * a byte of it: N is a uint32_t, so up to 4 GiB is asked for at once
 * (Debian builds mmapstring with MMAP_UNAVAILABLE, so it is realloc(),
 * rounded up to a power of two). That request is address space, not
 * memory: the pages stay untouched until bytes arrive, and only bytes we
 * let through arrive; a refused request is MAILIMAP_ERROR_MEMORY, a clean
 * error. So resident memory stays within the budget either way; the test
 * imap_literal_4gib_cut_by_budget holds it to that. The same function
 * loops forever on EOF inside a literal (mailstream_read() returning 0
 * leaves "needed" unchanged): our read reports EOF once, then fails, so
 * that loop ends.
 *
 * Budget and timeouts apply to the plain stream too (security = none,
 * and the greeting before STARTTLS).
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "lib/tls-peer.h"

#define TLS_PEER_DEFAULT_TIMEOUT	60

struct peer {
	int			 fd;
	SSL_CTX			*ctx;		/* NULL for plain */
	SSL			*ssl;
	unsigned		 timeout;
	bool			 capped;
	size_t			 budget;	/* bytes left when capped */
	size_t			 budget_set;	/* for the message */
	bool			 eof;
	volatile sig_atomic_t	 cancelled;
	char			 name[300];	/* host:port, for messages */
	/* Filled by the verify callback: the first failure and the names
	 * the leaf is for. */
	int			 verify_error;
	char			 names[200];
};

static ssize_t	 peer_read(mailstream_low *, void *, size_t);
static ssize_t	 peer_write(mailstream_low *, const void *, size_t);
static int	 peer_close(mailstream_low *);
static int	 peer_get_fd(mailstream_low *);
static void	 peer_free(mailstream_low *);
static void	 peer_cancel(mailstream_low *);

static mailstream_low_driver peer_plain_driver = {
	.mailstream_read = peer_read,
	.mailstream_write = peer_write,
	.mailstream_close = peer_close,
	.mailstream_get_fd = peer_get_fd,
	.mailstream_free = peer_free,
	.mailstream_cancel = peer_cancel,
};

static mailstream_low_driver peer_tls_driver = {
	.mailstream_read = peer_read,
	.mailstream_write = peer_write,
	.mailstream_close = peer_close,
	.mailstream_get_fd = peer_get_fd,
	.mailstream_free = peer_free,
	.mailstream_cancel = peer_cancel,
};

static __thread char	last_error[512];
static __thread bool	have_error;

/* Records the failure line "name: reason" for tls_peer_last_error(). */
static void __attribute__((format(printf, 2, 3)))
fail(const char *name, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	n = snprintf(last_error, sizeof last_error, "%s: ", name);
	if (n < 0 || (size_t)n >= sizeof last_error)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(last_error + n, sizeof last_error - n, fmt, ap);
	va_end(ap);
	have_error = true;
}

const char *
tls_peer_last_error(void)
{
	return (have_error ? last_error : NULL);
}

static struct peer *
peer_of(mailstream_low *low)
{
	if (low == NULL || (low->driver != &peer_plain_driver &&
	    low->driver != &peer_tls_driver))
		return (NULL);
	return (low->data);
}

static unsigned
timeout_of(unsigned t)
{
	return (t ? t : TLS_PEER_DEFAULT_TIMEOUT);
}

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Waits until fd is ready for events, within timeout seconds; -1 with the
 * failure recorded on timeout, error or cancel. what: "reading", … */
static int
wait_fd(struct peer *p, short events, const char *what)
{
	struct pollfd	pfd = { .fd = p->fd, .events = events };
	long long	end = now_ms() + (long long)p->timeout * 1000, left;
	int		r;

	for (;;) {
		if (p->cancelled) {
			fail(p->name, "cancelled while %s", what);
			return (-1);
		}
		left = end - now_ms();
		if (left < 0)
			left = 0;
		r = poll(&pfd, 1, (int)left);
		if (r > 0)
			return (0);
		if (r == 0) {
			fail(p->name, "timed out after %u s %s", p->timeout,
			    what);
			return (-1);
		}
		if (errno != EINTR) {
			fail(p->name, "poll: %s", strerror(errno));
			return (-1);
		}
	}
}

/* The reason OpenSSL gave for the last failure, or fallback. */
static const char *
ssl_reason(const char *fallback)
{
	unsigned long	e = ERR_peek_last_error();
	const char	*s = e ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return (s ? s : fallback);
}

/*
 * OpenSSL writes to the socket with write(2): a peer that closed would
 * raise SIGPIPE and kill the process. Block it around each call into
 * OpenSSL that may write, and swallow a SIGPIPE it raised.
 */
struct sigpipe_guard {
	sigset_t	old;
	bool		pending;
};

static void
sigpipe_block(struct sigpipe_guard *g)
{
	sigset_t	pp, pend;

	sigemptyset(&pp);
	sigaddset(&pp, SIGPIPE);
	sigpending(&pend);
	g->pending = sigismember(&pend, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pp, &g->old);
}

static void
sigpipe_restore(struct sigpipe_guard *g)
{
	sigset_t	pp, pend;
	struct timespec	zero = { 0, 0 };
	int		saved = errno;

	sigemptyset(&pp);
	sigaddset(&pp, SIGPIPE);
	sigpending(&pend);
	if (!g->pending && sigismember(&pend, SIGPIPE))
		while (sigtimedwait(&pp, NULL, &zero) == -1 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &g->old, NULL);
	errno = saved;
}

/* One OpenSSL I/O call's outcome: 1 done, 0 retry (after waiting), -1
 * failed (recorded), 2 clean EOF. */
static int
ssl_step(struct peer *p, int ret, const char *what)
{
	int	err = SSL_get_error(p->ssl, ret);

	switch (err) {
	case SSL_ERROR_NONE:
		return (1);
	case SSL_ERROR_WANT_READ:
		return (wait_fd(p, POLLIN, what) == 0 ? 0 : -1);
	case SSL_ERROR_WANT_WRITE:
		return (wait_fd(p, POLLOUT, what) == 0 ? 0 : -1);
	case SSL_ERROR_ZERO_RETURN:
		return (2);
	case SSL_ERROR_SYSCALL:
		if (ERR_peek_error() == 0) {
			if (errno == 0)
				return (2);
			fail(p->name, "%s: %s", what, strerror(errno));
			return (-1);
		}
		/* FALLTHROUGH */
	default:
		fail(p->name, "TLS error %s: %s", what,
		    ssl_reason("unknown"));
		return (-1);
	}
}

static ssize_t
peer_read(mailstream_low *low, void *buf, size_t count)
{
	struct peer	*p = low->data;
	size_t		 n = count, got;
	ssize_t		 r;
	int		 st;

	if (p->cancelled) {
		fail(p->name, "cancelled");
		return (-1);
	}
	if (p->eof) {
		fail(p->name, "connection closed by the server");
		return (-1);
	}
	if (p->capped) {
		if (p->budget == 0) {
			fail(p->name, "read budget of %zu bytes exceeded",
			    p->budget_set);
			return (-1);
		}
		if (n > p->budget)
			n = p->budget;
	}
	for (;;) {
		if (p->ssl == NULL) {
			r = recv(p->fd, buf, n, 0);
			if (r > 0) {
				got = (size_t)r;
				break;
			}
			if (r == 0) {
				st = 2;
			} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
				st = wait_fd(p, POLLIN, "reading") == 0 ? 0 : -1;
			} else if (errno == EINTR) {
				st = 0;
			} else {
				fail(p->name, "read: %s", strerror(errno));
				st = -1;
			}
		} else {
			struct sigpipe_guard	g;

			/* Reading may write (a TLS 1.3 key update). */
			sigpipe_block(&g);
			errno = 0;
			r = SSL_read_ex(p->ssl, buf, n, &got);
			st = ssl_step(p, (int)r, "reading");
			sigpipe_restore(&g);
			if (st == 1)
				break;
		}
		if (st == 2) {
			/* EOF once (0), then failure: see the top. */
			p->eof = true;
			fail(p->name, "connection closed by the server");
			return (0);
		}
		if (st < 0)
			return (-1);
	}
	if (p->capped)
		p->budget -= got;
	have_error = false;
	return ((ssize_t)got);
}

static ssize_t
peer_write(mailstream_low *low, const void *buf, size_t count)
{
	struct peer	*p = low->data;
	const char	*b = buf;
	size_t		 off = 0, put;
	ssize_t		 r;
	int		 st;

	while (off < count) {
		if (p->cancelled) {
			fail(p->name, "cancelled");
			return (-1);
		}
		if (p->ssl == NULL) {
			r = send(p->fd, b + off, count - off, MSG_NOSIGNAL);
			if (r >= 0) {
				off += (size_t)r;
				continue;
			}
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK) {
				fail(p->name, "write: %s", strerror(errno));
				return (-1);
			}
			if (wait_fd(p, POLLOUT, "writing") == -1)
				return (-1);
		} else {
			struct sigpipe_guard	g;

			sigpipe_block(&g);
			errno = 0;
			r = SSL_write_ex(p->ssl, b + off, count - off, &put);
			st = ssl_step(p, (int)r, "writing");
			sigpipe_restore(&g);
			if (st == 1)
				off += put;
			else if (st == 2) {
				fail(p->name, "connection closed by the server");
				return (-1);
			} else if (st < 0)
				return (-1);
		}
	}
	have_error = false;
	return ((ssize_t)count);
}

static int
peer_close(mailstream_low *low)
{
	struct peer		*p = low->data;
	struct sigpipe_guard	 g;

	if (p->fd == -1)
		return (0);
	if (p->ssl != NULL && !p->eof) {
		/* One try at close_notify; never wait for the answer. */
		sigpipe_block(&g);
		SSL_shutdown(p->ssl);
		sigpipe_restore(&g);
		ERR_clear_error();
	}
	close(p->fd);
	p->fd = -1;
	return (0);
}

static int
peer_get_fd(mailstream_low *low)
{
	return (((struct peer *)low->data)->fd);
}

static void
peer_free(mailstream_low *low)
{
	struct peer	*p = low->data;

	if (p != NULL) {
		SSL_free(p->ssl);
		SSL_CTX_free(p->ctx);
		g_free(p);
	}
	free(low);
}

/* May be called from a signal handler: only sets a flag, which the next
 * wait (poll ends with EINTR) or call sees. */
static void
peer_cancel(mailstream_low *low)
{
	((struct peer *)low->data)->cancelled = 1;
}

/* host:port of fd's peer, as the user named the host. */
static void
peer_name(struct peer *p, int fd, const char *host)
{
	struct sockaddr_storage	ss;
	socklen_t		len = sizeof ss;
	unsigned		port = 0;

	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
		if (ss.ss_family == AF_INET)
			port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	if (host == NULL)
		host = "?";
	snprintf(p->name, sizeof p->name, strchr(host, ':') ? "[%s]:%u" :
	    "%s:%u", host, port);
}

static struct peer *
peer_new(int fd, const struct tls_peer_settings *set)
{
	struct peer	*p = g_new0(struct peer, 1);
	int		 fl;

	p->fd = fd;
	p->timeout = timeout_of(set->timeout);
	if (set->max_read) {
		p->capped = true;
		p->budget = p->budget_set = set->max_read;
	}
	peer_name(p, fd, set->host);
	if ((fl = fcntl(fd, F_GETFL)) != -1 && !(fl & O_NONBLOCK))
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	return (p);
}

mailstream_low *
tls_peer_low_plain(int fd, const struct tls_peer_settings *set)
{
	struct peer	*p = peer_new(fd, set);
	mailstream_low	*low;

	if ((low = mailstream_low_new(p, &peer_plain_driver)) == NULL)
		g_free(p);
	return (low);
}

static bool
is_ip(const char *host)
{
	unsigned char	buf[sizeof(struct in6_addr)];

	return (inet_pton(AF_INET, host, buf) == 1 ||
	    inet_pton(AF_INET6, host, buf) == 1);
}

/* The names a certificate is for: its DNS and IP subjectAltNames, else
 * its CN, joined with ", ". */
static void
cert_names(X509 *cert, char *out, size_t size)
{
	GENERAL_NAMES	*gens;
	GString		*s = g_string_new(NULL);
	char		 ip[INET6_ADDRSTRLEN];

	gens = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	for (int i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME	*g = sk_GENERAL_NAME_value(gens, i);
		const unsigned char	*d;
		int			 len;

		if (g->type == GEN_DNS) {
			d = ASN1_STRING_get0_data(g->d.dNSName);
			len = ASN1_STRING_length(g->d.dNSName);
			g_string_append_printf(s, "%s%.*s", s->len ? ", " : "",
			    len, d);
		} else if (g->type == GEN_IPADD) {
			d = ASN1_STRING_get0_data(g->d.iPAddress);
			len = ASN1_STRING_length(g->d.iPAddress);
			if ((len == 4 && inet_ntop(AF_INET, d, ip, sizeof ip)) ||
			    (len == 16 && inet_ntop(AF_INET6, d, ip, sizeof ip)))
				g_string_append_printf(s, "%s%s",
				    s->len ? ", " : "", ip);
		}
	}
	GENERAL_NAMES_free(gens);
	if (s->len == 0) {
		char	cn[128];

		if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert),
		    NID_commonName, cn, sizeof cn) > 0)
			g_string_append(s, cn);
		else
			g_string_append(s, "no name");
	}
	g_strlcpy(out, s->str, size);
	g_string_free(s, TRUE);
}

/* Keeps OpenSSL's verdict (fail at the first error) and remembers it and
 * the leaf's names, which SSL_get0_peer_certificate no longer has after
 * a failed handshake. */
static int
verify_cb(int ok, X509_STORE_CTX *xs)
{
	SSL		*ssl = X509_STORE_CTX_get_ex_data(xs,
			    SSL_get_ex_data_X509_STORE_CTX_idx());
	struct peer	*p = SSL_get_app_data(ssl);
	X509		*cert;

	if (!ok && p != NULL && p->verify_error == 0) {
		p->verify_error = X509_STORE_CTX_get_error(xs);
		if (X509_STORE_CTX_get_error_depth(xs) == 0 &&
		    (cert = X509_STORE_CTX_get_current_cert(xs)) != NULL)
			cert_names(cert, p->names, sizeof p->names);
	}
	return (ok);
}

int
tls_peer_load_ca(SSL_CTX *ctx, const char *name, const char *ca_file,
    char **cause)
{
	SSL_CTX		*own = NULL;
	int		 fd;

	/* OpenSSL says "system lib" for a file it cannot open */
	if ((fd = open(ca_file, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = g_strdup_printf("%s: cannot load CA file %s: %s",
		    name, ca_file, g_strerror(errno));
		return (-1);
	}
	close(fd);
	if (ctx == NULL && (ctx = own = SSL_CTX_new(TLS_client_method())) ==
	    NULL) {
		*cause = g_strdup_printf("%s: TLS setup failed: %s", name,
		    ssl_reason("unknown"));
		return (-1);
	}
	if (SSL_CTX_load_verify_locations(ctx, ca_file, NULL) != 1) {
		*cause = g_strdup_printf("%s: cannot load CA file %s: %s",
		    name, ca_file, ssl_reason("no certificate in it"));
		SSL_CTX_free(own);
		return (-1);
	}
	SSL_CTX_free(own);
	return (0);
}

/* Sets up p->ctx and p->ssl for set; -1 with *cause. */
static int
tls_setup(struct peer *p, const struct tls_peer_settings *set, char **cause)
{
	const char	*host = set->host;

	if (host == NULL || *host == '\0') {
		*cause = g_strdup_printf("%s: no host name to verify", p->name);
		return (-1);
	}
	if ((p->ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		goto ssl_fail;
	SSL_CTX_set_min_proto_version(p->ctx, TLS1_2_VERSION);
	SSL_CTX_set_options(p->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
	SSL_CTX_set_verify(p->ctx, SSL_VERIFY_PEER, verify_cb);
	if (set->ca_file != NULL) {
		if (tls_peer_load_ca(p->ctx, p->name, set->ca_file,
		    cause) == -1)
			return (-1);
	} else if (SSL_CTX_set_default_verify_paths(p->ctx) != 1)
		goto ssl_fail;
	if ((p->ssl = SSL_new(p->ctx)) == NULL)
		goto ssl_fail;
	SSL_set_app_data(p->ssl, p);
	if (SSL_set_fd(p->ssl, p->fd) != 1)
		goto ssl_fail;
	if (is_ip(host)) {
		if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(p->ssl),
		    host) != 1)
			goto ssl_fail;
	} else {
		SSL_set_hostflags(p->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		if (SSL_set1_host(p->ssl, host) != 1 ||
		    SSL_set_tlsext_host_name(p->ssl, host) != 1)
			goto ssl_fail;
	}
	return (0);
ssl_fail:
	*cause = g_strdup_printf("%s: TLS setup failed: %s", p->name,
	    ssl_reason("unknown"));
	return (-1);
}

/* The one line for a handshake that failed verification. */
static char *
verify_cause(struct peer *p)
{
	long	v = p->verify_error ? p->verify_error :
		    SSL_get_verify_result(p->ssl);
	const char *s = X509_verify_cert_error_string(v);

	switch (v) {
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return (g_strdup_printf("%s: host name mismatch (certificate "
		    "is for %s)", p->name, p->names[0] ? p->names : "?"));
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return (g_strdup_printf("%s: %s", p->name, s));
	default:
		return (g_strdup_printf("%s: certificate verify failed: %s",
		    p->name, s));
	}
}

static int
tls_handshake(struct peer *p, char **cause)
{
	struct sigpipe_guard	g;
	int			r, st;

	for (;;) {
		sigpipe_block(&g);
		errno = 0;
		r = SSL_connect(p->ssl);
		st = ssl_step(p, r, "in the TLS handshake");
		sigpipe_restore(&g);
		if (st == 1)
			return (0);
		if (st == 0)
			continue;
		if (p->verify_error != 0 ||
		    SSL_get_verify_result(p->ssl) != X509_V_OK) {
			*cause = verify_cause(p);
		} else if (st == 2) {
			*cause = g_strdup_printf("%s: connection closed in the "
			    "TLS handshake", p->name);
		} else
			*cause = g_strdup(last_error);
		ERR_clear_error();
		return (-1);
	}
}

mailstream_low *
tls_peer_low_tls(int fd, const struct tls_peer_settings *set, char **cause)
{
	struct peer	*p = peer_new(fd, set);
	mailstream_low	*low;

	if (tls_setup(p, set, cause) == -1 || tls_handshake(p, cause) == -1)
		goto fail;
	if ((low = mailstream_low_new(p, &peer_tls_driver)) == NULL) {
		*cause = g_strdup_printf("%s: out of memory", p->name);
		goto fail;
	}
	have_error = false;
	return (low);
fail:
	g_strlcpy(last_error, *cause, sizeof last_error);
	have_error = true;
	SSL_free(p->ssl);
	SSL_CTX_free(p->ctx);
	g_free(p);
	return (NULL);
}

int
tls_peer_tcp_connect(const char *host, unsigned port, unsigned timeout,
    char **cause)
{
	struct addrinfo	 hints = { .ai_socktype = SOCK_STREAM,
			    .ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV };
	struct addrinfo	*res, *ai;
	struct peer	 p = { .timeout = timeout_of(timeout) };
	char		 serv[16];
	int		 fd = -1, r, err;
	socklen_t	 len;

	snprintf(p.name, sizeof p.name, host && strchr(host, ':') ?
	    "[%s]:%u" : "%s:%u", host ? host : "?", port);
	if (host == NULL || *host == '\0' || port == 0 || port > 65535) {
		*cause = g_strdup_printf("%s: no such host or port", p.name);
		goto out;
	}
	snprintf(serv, sizeof serv, "%u", port);
	if ((r = getaddrinfo(host, serv, &hints, &res)) != 0) {
		*cause = g_strdup_printf("%s: %s", p.name, gai_strerror(r));
		goto out;
	}
	*cause = NULL;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		g_clear_pointer(cause, g_free);
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd == -1) {
			*cause = g_strdup_printf("%s: socket: %s", p.name,
			    strerror(errno));
			continue;
		}
		p.fd = fd;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		err = errno;
		if (err == EINPROGRESS) {
			if (wait_fd(&p, POLLOUT, "connecting") == -1) {
				*cause = g_strdup(last_error);
				close(fd);
				fd = -1;
				continue;
			}
			len = sizeof err;
			if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
			    &len) == -1)
				err = errno;
			if (err == 0)
				break;
		}
		*cause = g_strdup_printf("%s: %s", p.name, strerror(err));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
out:
	if (fd == -1) {
		g_strlcpy(last_error, *cause, sizeof last_error);
		have_error = true;
	} else
		have_error = false;
	return (fd);
}

mailstream *
tls_peer_open(const struct tls_peer_settings *set, unsigned port, bool tls,
    char **cause)
{
	mailstream_low	*low;
	mailstream	*s;
	int		 fd;

	if ((fd = tls_peer_tcp_connect(set->host, port, set->timeout,
	    cause)) == -1)
		return (NULL);
	if (tls)
		low = tls_peer_low_tls(fd, set, cause);
	else if ((low = tls_peer_low_plain(fd, set)) == NULL)
		*cause = g_strdup("out of memory");
	if (low == NULL) {
		close(fd);
		return (NULL);
	}
	if ((s = mailstream_new(low, 8192)) == NULL) {
		mailstream_low_close(low);
		mailstream_low_free(low);
		*cause = g_strdup("out of memory");
	}
	return (s);
}

int
tls_peer_starttls(mailstream *s, const struct tls_peer_settings *set,
    char **cause)
{
	mailstream_low	*old = s ? mailstream_get_low(s) : NULL, *low;
	struct peer	*op = peer_of(old), *np;

	if (op == NULL || old->driver != &peer_plain_driver) {
		*cause = g_strdup("STARTTLS on a stream that is not a plain "
		    "tls_peer stream");
		return (-1);
	}
	if (s->read_buffer_len != 0) {
		*cause = g_strdup_printf("%s: the server sent data after its "
		    "STARTTLS answer; refused", op->name);
		return (-1);
	}
	if ((low = tls_peer_low_tls(op->fd, set, cause)) == NULL)
		return (-1);
	np = low->data;
	np->capped = op->capped;
	np->budget = op->budget;
	np->budget_set = op->budget_set;
	/* The fd now belongs to the TLS low: free the old one unclosed. */
	mailstream_low_free(old);
	mailstream_set_low(s, low);
	return (0);
}

/* host:port of the peer behind s, for messages. */
static const char *
stream_name(mailstream *s, const struct tls_peer_settings *set)
{
	struct peer	*p = peer_of(s ? mailstream_get_low(s) : NULL);

	return (p != NULL ? p->name : set->host);
}

int
tls_peer_imap_starttls(mailimap *imap, const struct tls_peer_settings *set,
    char **cause)
{
	int	r;

	if ((r = mailimap_starttls(imap)) != MAILIMAP_NO_ERROR) {
		if (r == MAILIMAP_ERROR_STREAM && tls_peer_last_error())
			*cause = g_strdup(tls_peer_last_error());
		else
			*cause = g_strdup_printf("%s: STARTTLS refused, or "
			    "its answer not understood (libetpan error %d)",
			    stream_name(imap->imap_stream, set), r);
		return (-1);
	}
	return (tls_peer_starttls(imap->imap_stream, set, cause));
}

int
tls_peer_smtp_starttls(mailsmtp *smtp, const struct tls_peer_settings *set,
    char **cause)
{
	int	r;

	if ((r = mailesmtp_starttls(smtp)) != MAILSMTP_NO_ERROR) {
		if (r == MAILSMTP_ERROR_STREAM && tls_peer_last_error())
			*cause = g_strdup(tls_peer_last_error());
		else
			*cause = g_strdup_printf("%s: STARTTLS refused: %s",
			    stream_name(smtp->stream, set), smtp->response ?
			    smtp->response : mailsmtp_strerror(r));
		return (-1);
	}
	return (tls_peer_starttls(smtp->stream, set, cause));
}

void
tls_peer_set_budget(mailstream_low *low, size_t bytes)
{
	struct peer	*p = peer_of(low);

	if (p == NULL)
		return;
	p->capped = bytes != 0;
	p->budget = p->budget_set = bytes;
}

bool
tls_peer_pending(mailstream *s)
{
	struct peer	*p;

	if (s == NULL)
		return (false);
	if (s->read_buffer_len != 0)
		return (true);
	p = peer_of(mailstream_get_low(s));
	return (p != NULL && p->ssl != NULL && SSL_pending(p->ssl) > 0);
}
