/* sniff.c: a file's format from its bytes: ZIP/OPC packages by their
 * content types, OLE2 compound files by their root streams, PDF by its
 * marker. Pure: never trusts a name, never does I/O, every walk bounded. */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <zip.h>

#include "parsers/sniff.h"

/* Readers accept this much junk before "%PDF-" (Acrobat: 1024 bytes). */
#define PDF_JUNK_MAX		1024
/* [Content_Types].xml of a real package is a few KiB; more is hostile. */
#define CT_READ_MAX		((size_t)1 << 20)
#define CT_CHUNK		16384
/* Directory sectors followed in one chain: 16384 sectors hold at least
 * 65536 entries, far more than any document needs. */
#define OLE_DIR_SECTORS_MAX	16384
/* Slots looked at by the fallback scan (128 MiB of 128-byte slots). */
#define OLE_SLOTS_MAX		((size_t)1 << 20)

#define OLE_HEADER		512
#define OLE_ENTRY		128
#define OLE_DIFAT_IN_HEADER	109
#define OLE_MAXREGSECT		0xfffffffaU
#define OLE_NOSTREAM		0xffffffffU
#define OLE_TYPE_STORAGE	1
#define OLE_TYPE_STREAM		2
#define OLE_TYPE_ROOT		5

static const unsigned char ole_magic[8] = {
	0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1
};

/* What the root storage of a compound file holds. */
struct ole_streams {
	bool	word;		/* WordDocument */
	bool	workbook;	/* Workbook (BIFF8) or Book (BIFF5) */
	bool	encrypted;	/* EncryptedPackage */
};

/* A compound file read through its header: sector size and chains. */
struct ole {
	const unsigned char	*data;
	size_t			 len;
	unsigned int		 shift;
	uint32_t		 dir[OLE_DIR_SECTORS_MAX];
	size_t			 ndir;
};

static enum format	 sniff_zip(const unsigned char *, size_t);
static enum format	 content_types_judge(unsigned char *, size_t);
static bool		 has_any(const unsigned char *, size_t,
			    const char *const *);
static uint32_t		 le32(const unsigned char *);
static uint16_t		 le16(const unsigned char *);
static bool		 ole_streams(const unsigned char *, size_t,
			    struct ole_streams *);
static int		 ole_open(struct ole *, const unsigned char *, size_t);
static const unsigned char *ole_sector(const struct ole *, uint32_t);
static int		 ole_fat_next(const struct ole *, uint32_t,
			    uint32_t *);
static const unsigned char *ole_entry(const struct ole *, uint32_t);
static int		 ole_walk_root(const struct ole *,
			    struct ole_streams *);
static void		 ole_scan_slots(const unsigned char *, size_t,
			    struct ole_streams *);
static bool		 ole_entry_name_is(const unsigned char *,
			    const char *);
static void		 ole_note(const unsigned char *, struct ole_streams *);

enum format
sniff_format(const unsigned char *data, size_t len)
{
	struct ole_streams	 st;
	size_t			 span;

	if (data == NULL || len == 0)
		return (FORMAT_OTHER);
	if (len >= sizeof(ole_magic) &&
	    memcmp(data, ole_magic, sizeof(ole_magic)) == 0) {
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

	if (data == NULL || len < sizeof(ole_magic) ||
	    memcmp(data, ole_magic, sizeof(ole_magic)) != 0)
		return (false);
	ole_streams(data, len, &st);
	return (st.encrypted);
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

static uint32_t
le32(const unsigned char *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

static uint16_t
le16(const unsigned char *p)
{
	return ((uint16_t)(p[0] | p[1] << 8));
}

/*
 * The root storage's children are found through the header, the FAT and
 * the directory tree, so streams of embedded objects (a workbook inside a
 * Word file) do not count. When that fails (truncated file, extended
 * DIFAT, broken tree) every 128-byte aligned slot after the 512-byte
 * header that looks like a directory entry is looked at instead; that
 * scan cannot tell root streams from embedded ones, so WordDocument wins.
 */
static bool
ole_streams(const unsigned char *data, size_t len, struct ole_streams *st)
{
	struct ole	*ole;
	bool		 ok = false;

	memset(st, 0, sizeof(*st));
	ole = g_new0(struct ole, 1);
	if (ole_open(ole, data, len) == 0 && ole_walk_root(ole, st) == 0)
		ok = true;
	g_free(ole);
	if (!ok) {
		memset(st, 0, sizeof(*st));
		ole_scan_slots(data, len, st);
	}
	return (ok);
}

static int
ole_open(struct ole *ole, const unsigned char *data, size_t len)
{
	uint32_t	sid, next;

	ole->data = data;
	ole->len = len;
	if (len < OLE_HEADER || le16(data + 0x1c) != 0xfffe)
		return (-1);
	ole->shift = le16(data + 0x1e);
	if (ole->shift != 9 && ole->shift != 12)
		return (-1);
	sid = le32(data + 0x30);
	while (sid <= OLE_MAXREGSECT) {
		if (ole->ndir == OLE_DIR_SECTORS_MAX)
			return (-1);
		if (ole_sector(ole, sid) == NULL)
			return (-1);
		ole->dir[ole->ndir++] = sid;
		if (ole_fat_next(ole, sid, &next) == -1)
			return (-1);
		sid = next;
	}
	return (ole->ndir > 0 ? 0 : -1);
}

static const unsigned char *
ole_sector(const struct ole *ole, uint32_t sid)
{
	size_t	ssz = (size_t)1 << ole->shift;
	size_t	off;

	if (sid > OLE_MAXREGSECT)
		return (NULL);
	off = ((size_t)sid + 1) << ole->shift;
	if (off > ole->len || ole->len - off < ssz)
		return (NULL);
	return (ole->data + off);
}

/* Only the 109 FAT sectors the header names are followed. */
static int
ole_fat_next(const struct ole *ole, uint32_t sid, uint32_t *next_r)
{
	size_t			 per = ((size_t)1 << ole->shift) / 4;
	size_t			 fi = sid / per;
	const unsigned char	*fat;

	if (fi >= OLE_DIFAT_IN_HEADER)
		return (-1);
	if ((fat = ole_sector(ole, le32(ole->data + 0x4c + 4 * fi))) == NULL)
		return (-1);
	*next_r = le32(fat + 4 * (sid % per));
	return (0);
}

static const unsigned char *
ole_entry(const struct ole *ole, uint32_t id)
{
	size_t			 per = ((size_t)1 << ole->shift) / OLE_ENTRY;
	const unsigned char	*sec;

	if (id / per >= ole->ndir)
		return (NULL);
	sec = ole_sector(ole, ole->dir[id / per]);
	return (sec + (id % per) * OLE_ENTRY);
}

/*
 * The root's children form a red-black tree through the left and right
 * sibling ids. A hostile tree may loop, so the walk stops after as many
 * steps as there are entries.
 */
static int
ole_walk_root(const struct ole *ole, struct ole_streams *st)
{
	const unsigned char	*root, *e;
	size_t			 max, steps, top = 0;
	uint32_t		*stack, id;

	if ((root = ole_entry(ole, 0)) == NULL || root[0x42] != OLE_TYPE_ROOT)
		return (-1);
	max = ole->ndir * (((size_t)1 << ole->shift) / OLE_ENTRY);
	/* Only real entries count as steps; the empty slots of a
	 * one-sector directory must not use up the walk. */
	stack = g_new(uint32_t, 2 * max + 2);
	stack[top++] = le32(root + 0x4c);
	for (steps = 0; top > 0 && steps < max;) {
		id = stack[--top];
		if (id == OLE_NOSTREAM || (e = ole_entry(ole, id)) == NULL)
			continue;
		steps++;
		ole_note(e, st);
		stack[top++] = le32(e + 0x44);
		stack[top++] = le32(e + 0x48);
	}
	g_free(stack);
	return (0);
}

static void
ole_scan_slots(const unsigned char *data, size_t len, struct ole_streams *st)
{
	size_t	off, n = 0;

	for (off = OLE_HEADER; off <= len && len - off >= OLE_ENTRY &&
	    n < OLE_SLOTS_MAX; off += OLE_ENTRY, n++)
		ole_note(data + off, st);
}

static void
ole_note(const unsigned char *e, struct ole_streams *st)
{
	if (e[0x42] != OLE_TYPE_STREAM)
		return;
	if (ole_entry_name_is(e, "WordDocument"))
		st->word = true;
	else if (ole_entry_name_is(e, "Workbook") ||
	    ole_entry_name_is(e, "Book"))
		st->workbook = true;
	else if (ole_entry_name_is(e, "EncryptedPackage"))
		st->encrypted = true;
}

/* Entry names are UTF-16LE with a NUL, their byte length (NUL included)
 * at 0x40; the compound file format compares them without case. */
static bool
ole_entry_name_is(const unsigned char *e, const char *name)
{
	size_t	n = strlen(name);

	if (le16(e + 0x40) != (n + 1) * 2 || (n + 1) * 2 > 64)
		return (false);
	for (size_t i = 0; i < n; i++)
		if (e[2 * i + 1] != 0 ||
		    g_ascii_tolower(e[2 * i]) != g_ascii_tolower(name[i]))
			return (false);
	return (e[2 * n] == 0 && e[2 * n + 1] == 0);
}
