/* sender.h: where outgoing mail goes, as a table of functions (as struct
 * source is for intake): SMTP for real, a folder of .eml files for tests
 * and the demo. A sender only delivers bytes; the queue (queue.h) decides
 * what is due and records what happened. Never includes intake/ headers. */
#ifndef HOTROCKS_SENDER_H
#define HOTROCKS_SENDER_H

#include <stddef.h>

enum sender_security {
	SENDER_SECURITY_STARTTLS,	/* default; port 587 */
	SENDER_SECURITY_TLS,		/* implicit TLS; port 465 */
	SENDER_SECURITY_NONE,		/* plain text, warned at every start */
};

/* Settings a sender needs, filled from [smtp] by the caller; all
 * strings borrowed for the life of the sender's state. */
struct sender_settings {
	const char		*host;
	unsigned		 port;		/* 0: by security */
	enum sender_security	 security;
	const char		*username;	/* NULL: no AUTH */
	const char		*password;	/* never logged */
	const char		*ca_file;	/* NULL: the system store */
	const char		*helo;		/* NULL: "localhost" */
	unsigned		 timeout;	/* seconds; 0: 60 */
	const char		*dir;		/* file sink: the folder */
};

enum sender_result {
	SENDER_SENT = 0,	/* the server took it (250 after DATA) */
	SENDER_DEFER = 1,	/* 4xx, connection or TLS trouble: retry */
	SENDER_FAIL = 2,	/* 5xx: permanent, a person must look */
};

struct sender {
	const char	*name;		/* "smtp", "file" */
	/* Opens (or prepares to open lazily) a connection. NULL and *cause
	 * (g_free) when the settings cannot work at all. */
	void		*(*open)(const struct sender_settings *, char **cause);
	/*
	 * Delivers raw (a whole RFC 5322 message, CRLF line ends) from the
	 * envelope sender to one recipient. Returns a sender_result; for
	 * DEFER and FAIL *cause holds one line (the server's reply, or the
	 * connection or TLS reason), g_free. Never logs a password.
	 */
	enum sender_result (*send)(void *state, const char *env_from,
			    const char *rcpt, const char *raw, size_t len,
			    char **cause);
	void		 (*close)(void *state);
	/*
	 * Connects, greets, upgrades and authenticates exactly as a
	 * delivery would, then says QUIT: nothing is sent (check-config).
	 * 0, or -1 and *cause (g_free), one line that never holds the
	 * password. NULL for a sender with nothing to try.
	 */
	int		 (*probe)(void *state, char **cause);
};

extern const struct sender sender_file;	/* writes ID.eml into dir */
extern const struct sender sender_smtp;	/* libetpan, TLS verified */

/* The port sender_smtp connects to: s->port, else 465 (tls), 587
 * (starttls) or 25. */
unsigned	sender_smtp_port(const struct sender_settings *s);

#endif
