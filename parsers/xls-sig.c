/* xls-sig.c: finds the signature storages of a compound file by their
 * directory entries. Pure; one bounded pass over the bytes. */
#include <string.h>

#include <glib.h>

#include "parsers/xls-sig.h"

#define XLS_SIG_HEADER		512
#define XLS_SIG_ENTRY		128
#define XLS_SIG_STORAGE		1
#define XLS_SIG_STREAM		2

static const unsigned char xls_sig_magic[8] = {
	0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1
};

static bool	entry_is(const unsigned char *, const char *, int);

/* Names are UTF-16LE with a NUL, their byte length at 0x40, the type
 * at 0x42; the format compares names without case. */
static bool
entry_is(const unsigned char *e, const char *name, int type)
{
	size_t	n = strlen(name);

	if (e[0x42] != type || (size_t)(e[0x40] | e[0x41] << 8) != (n + 1) * 2)
		return (false);
	for (size_t i = 0; i < n; i++)
		if (e[2 * i + 1] != 0 ||
		    g_ascii_tolower(e[2 * i]) != g_ascii_tolower(name[i]))
			return (false);
	return (e[2 * n] == 0 && e[2 * n + 1] == 0);
}

bool
xls_sig_present(const unsigned char *data, size_t len)
{
	if (data == NULL || len < XLS_SIG_HEADER ||
	    memcmp(data, xls_sig_magic, sizeof(xls_sig_magic)) != 0)
		return (false);
	for (size_t off = XLS_SIG_HEADER; len - off >= XLS_SIG_ENTRY;
	    off += XLS_SIG_ENTRY) {
		const unsigned char *e = data + off;

		if (entry_is(e, "_xmlsignatures", XLS_SIG_STORAGE) ||
		    entry_is(e, "_signatures", XLS_SIG_STREAM))
			return (true);
	}
	return (false);
}
