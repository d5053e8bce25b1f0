/* tls-peer.h: TLS for the IMAP source and the SMTP sender, done with
 * OpenSSL under a libetpan stream, because libetpan's own TLS checks
 * neither the certificate chain nor the host name (../shared/FACTS.md).
 * Verifies the chain against ca_file (or the system store), checks the
 * host name or IP, and sends SNI. */
#ifndef HOTROCKS_TLS_PEER_H
#define HOTROCKS_TLS_PEER_H

#include <stddef.h>

struct tls_peer_settings {
	const char	*host;		/* name checked and sent as SNI */
	const char	*ca_file;	/* PEM bundle; NULL: system store */
	unsigned	 timeout;	/* seconds for every read and write */
	size_t		 max_read;	/* bytes one session may read before
					 * it is cut (0: no cap) */
};

#endif
