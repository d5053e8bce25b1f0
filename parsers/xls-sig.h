/* xls-sig.h: tells whether a legacy compound file (.xls, .doc) carries a
 * signature, which hotrocks reports as unsupported and never as valid.
 * Pure: looks at the bytes only. */
#ifndef HOTROCKS_XLS_SIG_H
#define HOTROCKS_XLS_SIG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when the OLE2 compound file in data[0..len) has a directory entry
 * "_xmlsignatures" (a storage: Office's XML signatures) or "_signatures"
 * (a stream: the older binary ones). Every 128-byte directory slot after
 * the header is looked at, so a broken FAT does not hide one; a false
 * alarm can only turn "unsigned" into "unsupported", never into "valid".
 */
bool	xls_sig_present(const unsigned char *data, size_t len);

#endif
