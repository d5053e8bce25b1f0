/* sniff.h: what a file is, judged by its bytes alone (never by its name or
 * declared type). Pure: no I/O, every scan bounded by the input. */
#ifndef HOTROCKS_SNIFF_H
#define HOTROCKS_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/codes.h"

/*
 * ZIP packages are told apart by the main part type in
 * [Content_Types].xml (DOCX, XLSX, other OOXML, plain ZIP; a ZIP that
 * libzip cannot open is still FORMAT_ZIP). OLE2 compound files by the
 * streams under the root storage (WordDocument: DOC; Workbook or Book:
 * XLS; anything else: OLE2). "%PDF-" within the first 1024 bytes is PDF.
 * Anything else, including len 0, is FORMAT_OTHER.
 */
enum format	sniff_format(const unsigned char *data, size_t len);

/* True for an OLE2 file holding an "EncryptedPackage" stream: a password
 * protected OOXML document, which no parser here can read. */
bool		sniff_ole2_encrypted_package(const unsigned char *data,
		    size_t len);

/* True when libzip opens data as a ZIP archive (its central directory
 * reads); false for a package cut off before its end, or not a ZIP. */
bool		sniff_zip_opens(const unsigned char *data, size_t len);

#endif
