/* sha256.h: SHA-256 of bytes as lower-case hex, by Nettle: its code uses
 * the CPU's SHA extensions where there are any, and GLib's portable one
 * took five times as long over a long list's megabytes (hashed several
 * times on their way: the message, its files, the workbooks). */
#ifndef HOTROCKS_SHA256_H
#define HOTROCKS_SHA256_H

#include <stddef.h>

/* Into hex: 64 digits and a NUL. */
void	 sha256_hex_to(const void *data, size_t len, char hex[65]);
/* The same, allocated (g_free), as g_compute_checksum_for_data gives. */
char	*sha256_hex(const void *data, size_t len);
/* Of text, each line ending taken as CRLF (a bare LF hashed as CRLF): the
 * same for a message saved with LF as for its copy with CRLF. g_free. */
char	*sha256_hex_crlf(const void *data, size_t len);

#endif
