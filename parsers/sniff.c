/* sniff.c: a file's format from its bytes: ZIP/OPC packages by their
 * content types, OLE2 compound files by their root streams, PDF by its
 * marker. Pure: never trusts a name, never does I/O, every walk bounded. */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <zip.h>

#include "parsers/cfb.h"
#include "parsers/sniff.h"

/* Readers accept this much junk before "%PDF-" (Acrobat: 1024 bytes). */
#define PDF_JUNK_MAX		1024
/* [Content_Types].xml of a real package is a few KiB; more is hostile. */
#define CT_READ_MAX		((size_t)1 << 20)
#define CT_CHUNK		16384
/* Slots looked at by the fallback scan (128 MiB of 128-byte slots). */
#define OLE_SLOTS_MAX		((size_t)1 << 20)

/* What the root storage of a compound file holds. */
struct ole_streams {
	bool	word;		/* WordDocument */
	bool	workbook;	/* Workbook (BIFF8) or Book (BIFF5) */
	bool	encrypted;	/* EncryptedPackage */
};

static enum format	 sniff_zip(const unsigned char *, size_t);
static enum format	 content_types_judge(unsigned char *, size_t);
static bool		 has_any(const unsigned char *, size_t,
			    const char *const *);
static bool		 ole_streams(const unsigned char *, size_t,
			    struct ole_streams *);
static void		 ole_scan_slots(const unsigned char *, size_t,
			    struct ole_streams *);
static void		 ole_note(uint32_t, const unsigned char *, void *);

enum format
sniff_format(const unsigned char *data, size_t len)
{
	struct ole_streams	 st;
	size_t			 span;

	if (data == NULL || len == 0)
		return (FORMAT_OTHER);
	if (cfb_magic(data, len)) {
		ole_streams(data, len, &st);
		if (st.word)
			return (FORMAT_DOC);
		if (st.workbook)
			return (FORMAT_XLS);
		return (FORMAT_OLE2);
	}
	if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
		return (sniff_zip(data, len));
	span = len < PDF_JUNK_MAX + 5 ? len : PDF_JUNK_MAX + 5;
	if (memmem(data, span, "%PDF-", 5) != NULL)
		return (FORMAT_PDF);
	return (FORMAT_OTHER);
}

bool
sniff_ole2_encrypted_package(const unsigned char *data, size_t len)
{
	struct ole_streams	st;

	if (!cfb_magic(data, len))
		return (false);
	ole_streams(data, len, &st);
	return (st.encrypted);
}

bool
sniff_zip_opens(const unsigned char *data, size_t len)
{
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*za;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(data, len, 0, &err)) == NULL) {
		zip_error_fini(&err);
		return (false);
	}
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL)
		zip_source_free(src);
	else
		zip_discard(za);
	zip_error_fini(&err);
	return (za != NULL);
}

/* A ZIP that cannot be opened is still a ZIP to the user: FORMAT_ZIP. */
static enum format
sniff_zip(const unsigned char *data, size_t len)
{
	zip_error_t	 err;
	zip_source_t	*src;
	zip_t		*za = NULL;
	zip_file_t	*zf;
	zip_int64_t	 idx, n;
	unsigned char	*buf = NULL;
	size_t		 got = 0;
	enum format	 f = FORMAT_ZIP;

	zip_error_init(&err);
	if ((src = zip_source_buffer_create(data, len, 0, &err)) == NULL)
		goto out;
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		zip_source_free(src);
		goto out;
	}
	idx = zip_name_locate(za, "[Content_Types].xml", ZIP_FL_NOCASE);
	if (idx < 0)
		goto out;
	f = FORMAT_OOXML;
	if ((zf = zip_fopen_index(za, idx, 0)) == NULL)
		goto out;
	buf = g_malloc(CT_READ_MAX);
	while (got < CT_READ_MAX) {
		size_t want = CT_READ_MAX - got;

		if (want > CT_CHUNK)
			want = CT_CHUNK;
		if ((n = zip_fread(zf, buf + got, want)) <= 0)
			break;
		got += (size_t)n;
	}
	zip_fclose(zf);
	f = content_types_judge(buf, got);
out:
	g_free(buf);
	if (za != NULL)
		zip_discard(za);
	zip_error_fini(&err);
	return (f);
}

/*
 * Content types are case-insensitive, so compare lower case. A package
 * that claims both a document and a workbook main part is neither.
 */
static enum format
content_types_judge(unsigned char *buf, size_t len)
{
	static const char *const docx[] = {
		"wordprocessingml.document.main+xml",
		"wordprocessingml.template.main+xml",
		"application/vnd.ms-word.document.macroenabled.main+xml",
		"application/vnd.ms-word.template.macroenabledtemplate."
		    "main+xml",
		NULL
	};
	static const char *const xlsx[] = {
		"spreadsheetml.sheet.main+xml",
		"spreadsheetml.template.main+xml",
		"application/vnd.ms-excel.sheet.macroenabled.main+xml",
		"application/vnd.ms-excel.template.macroenabled.main+xml",
		NULL
	};
	bool	d, x;

	for (size_t i = 0; i < len; i++)
		buf[i] = g_ascii_tolower(buf[i]);
	d = has_any(buf, len, docx);
	x = has_any(buf, len, xlsx);
	if (d && !x)
		return (FORMAT_DOCX);
	if (x && !d)
		return (FORMAT_XLSX);
	return (FORMAT_OOXML);
}

static bool
has_any(const unsigned char *buf, size_t len, const char *const *needles)
{
	for (; *needles != NULL; needles++)
		if (memmem(buf, len, *needles, strlen(*needles)) != NULL)
			return (true);
	return (false);
}

/*
 * The root storage's children are found through the header, the FAT and
 * the directory tree (cfb.c), so streams of embedded objects (a workbook
 * inside a Word file) do not count. When that fails (truncated file,
 * FAT or directory cycle, broken tree) every 128-byte aligned slot after
 * the 512-byte header that looks like a directory entry is looked at
 * instead; that scan cannot tell root streams from embedded ones, so
 * WordDocument wins.
 */
static bool
ole_streams(const unsigned char *data, size_t len, struct ole_streams *st)
{
	struct cfb	*c;
	const char	*why;
	bool		 ok = false;

	memset(st, 0, sizeof(*st));
	if (cfb_open(data, len, &c, &why) == 0) {
		ok = cfb_root_walk(c, CFB_WALK_TOLERANT, ole_note, st,
		    &why) == 0;
		cfb_free(c);
	}
	if (!ok) {
		memset(st, 0, sizeof(*st));
		ole_scan_slots(data, len, st);
	}
	return (ok);
}

static void
ole_scan_slots(const unsigned char *data, size_t len, struct ole_streams *st)
{
	const unsigned char	*e;

	for (size_t i = 0; i < OLE_SLOTS_MAX &&
	    (e = cfb_slot(data, len, i)) != NULL; i++)
		ole_note(0, e, st);
}

static void
ole_note(uint32_t id, const unsigned char *e, void *arg)
{
	struct ole_streams *st = arg;

	(void)id;
	if (cfb_entry_type(e) != CFB_TYPE_STREAM)
		return;
	if (cfb_entry_name_is(e, "WordDocument"))
		st->word = true;
	else if (cfb_entry_name_is(e, "Workbook") ||
	    cfb_entry_name_is(e, "Book"))
		st->workbook = true;
	else if (cfb_entry_name_is(e, "EncryptedPackage"))
		st->encrypted = true;
}
