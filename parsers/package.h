/* package.h: an OPC package (the ZIP inside DOCX/XLSX) read from memory,
 * with every name checked and every inflated byte counted against limits.
 * Never touches a file, and never trusts a size the archive states. */
#ifndef HOTROCKS_PACKAGE_H
#define HOTROCKS_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "parsers/limits.h"

struct package;
struct package_stream;

struct package_rel {
	char	*id;
	char	*type;		/* relationship type URI */
	char	*target;	/* external: as written; internal: the
				 * resolved part name, no leading '/' */
	bool	 external;	/* TargetMode="External" */
};

/*
 * Opens the ZIP archive in data[0..len). The package keeps its own copy of
 * the bytes, so the caller may free data as soon as this returns. limits
 * is copied (NULL for the defaults). Refuses the whole archive (NULL and a
 * static reason in *why_r) when it is not a ZIP, is inconsistent, has more
 * than max_entries entries, holds an encrypted entry, or an entry name that
 * is empty, absolute, has a ".." segment, a backslash, a NUL or invalid
 * UTF-8, or that equals another name ignoring ASCII case.
 */
struct package	*package_open(const unsigned char *data, size_t len,
		    const struct parse_limits *limits, const char **why_r);
/* Frees the package and everything it lent out; takes NULL. */
void		 package_free(struct package *);

/* Number of entries, and the name of entry i (< count) as stored: UTF-8,
 * no leading '/'. Borrowed until package_free. */
size_t		 package_count(const struct package *);
const char	*package_name(const struct package *, size_t i);

/* True when the package has a part of that name (ASCII case ignored, a
 * leading '/' allowed). */
bool		 package_has(const struct package *, const char *name);

/*
 * Inflates part name (ASCII case ignored, a leading '/' allowed) into
 * *data_r (g_free; one NUL byte is added after the *len_r bytes, so XML
 * can be handed on as a string). Reads in chunks and counts itself: stops
 * at max_entry_size, at max_total_size summed over every read of this
 * package (failed reads count too), and at max_ratio times the compressed
 * size once past 64 KiB; fails when the inflated length is not the stored
 * length or the CRC is wrong. Returns 0, or -1 with a static reason and
 * *data_r NULL.
 */
int		 package_read(struct package *, const char *name,
		    unsigned char **data_r, size_t *len_r, const char **why_r);

/*
 * The same part read piece by piece, so a large part never has to be
 * held whole: package_read is this stream read to the end. Opening fails
 * (NULL and a static reason) when there is no such part, or its stated
 * size is already over the entry size or ratio limit. The stream borrows
 * the package, which must outlive it.
 */
struct package_stream *package_stream_open(struct package *,
		    const char *name, const char **why_r);
/*
 * Inflates up to len more bytes (64 KiB at most, so every limit is
 * checked that often) into buf. Returns how many (> 0), 0 at the
 * end of the part, or -1 with a static reason on a limit, corrupt data or
 * a wrong CRC, or when the part ends at another length than it states;
 * every byte inflated counts against the package's total, as with
 * package_read. After -1 the stream is only good for closing.
 */
ssize_t		 package_stream_read(struct package_stream *, void *buf,
		    size_t len, const char **why_r);
/* Closes the stream; takes NULL. */
void		 package_stream_close(struct package_stream *);

/*
 * The content type of part (from [Content_Types].xml: its Override, else
 * the Default for its extension), to g_free; NULL when none is declared or
 * [Content_Types].xml is missing or unreadable.
 */
char		*package_content_type(struct package *, const char *part);

/*
 * The relationships whose source is source_part ("" for the package
 * itself, read from _rels/.rels; otherwise from DIR/_rels/NAME.rels).
 * A part without a relationships part has none: 0 with *n_r = 0.
 * Returns 0 and an array (free with package_rels_free) or -1 with a
 * static reason when the relationships part is unreadable.
 */
int		 package_rels(struct package *, const char *source_part,
		    struct package_rel **rels_r, size_t *n_r,
		    const char **why_r);
void		 package_rels_free(struct package_rel *, size_t n);

/* The relationships part of source_part ("" for the package): "word/
 * document.xml" gives "word/_rels/document.xml.rels", "" gives
 * "_rels/.rels"; leading '/' are ignored. To g_free. */
char		*package_rels_name(const char *source_part);

/* The part the package's officeDocument relationship points to (to
 * g_free), or NULL. */
char		*package_main_part(struct package *);

#endif
