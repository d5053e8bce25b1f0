/* dsn.h: what a delivery status notification (RFC 3464) says about the
 * messages it returns: their Message-IDs (from the returned message or
 * headers part, or an Original-Message-ID field) and the remote reason
 * (the first Diagnostic-Code, else the Status). Reads bytes only; bounded
 * in what it keeps. */
#ifndef HOTROCKS_DSN_H
#define HOTROCKS_DSN_H

#include <stdbool.h>
#include <stddef.h>

/* At most this many Message-IDs are taken from one DSN: a real one
 * returns one message; a hostile one must not make a query per line. */
#define DSN_MAX_IDS		16
/* A reason longer than this is cut: enough for any server's line. */
#define DSN_MAX_REASON		512

/*
 * Scans raw (a whole message) below its own header: every Message-ID:
 * and Original-Message-ID: field, unfolded, as "<…>" (*ids_r,
 * NULL-terminated, g_strfreev; at most DSN_MAX_IDS, no duplicates), the
 * reason in *reason_r (g_free; "Status: 5.1.1" when there is no
 * Diagnostic-Code, NULL when neither is there), and in *failed_r
 * whether it returns a message undelivered: an "Action: failed", or no
 * Action field at all; a report that a message is only delayed (or was
 * delivered, relayed, expanded) returns nothing.
 */
void	dsn_scan(const char *raw, size_t len, char ***ids_r,
	    char **reason_r, bool *failed_r);

#endif
