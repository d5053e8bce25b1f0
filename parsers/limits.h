/* limits.h: the safety limits every parser honours. A field left 0 takes
 * the default named beside it; the defaults are what each protects. */
#ifndef HOTROCKS_LIMITS_H
#define HOTROCKS_LIMITS_H

#include <stddef.h>

struct parse_limits {
	size_t	max_entries;	/* 2000: ZIP central directory size */
	size_t	max_entry_size;	/* 64 MiB: one inflated ZIP entry */
	size_t	max_total_size;	/* 256 MiB: all inflated entries read */
	size_t	max_ratio;	/* 200: inflated/compressed, zip bombs */
	size_t	max_xml_depth;	/* 256: element nesting, stack use */
	size_t	max_rows;	/* 250000: rows in one sheet or table, so a
				 * 200,000-subscriber list and its header fit */
	size_t	max_cols;	/* 16384: columns of one Word table, as
				 * wide as XLSX's XFD (Word stops at 63);
				 * sheets have their format's own: BIFF8
				 * 256, XLSX 16384 */
	size_t	max_cells;	/* 4000000: cells holding text in one
				 * document (a grid stores no others) */
	size_t	max_cell_len;	/* 32767: Excel's own cell limit */
	size_t	max_pdf_size;	/* 32 MiB: a PDF is held and parsed in memory,
				 * once more per signed revision */
	size_t	max_pdf_objects; /* 100000: objects a PDF declares (trailer
				 * /Size) and objects one revision walk visits:
				 * qpdf's object table, our comparison time */
	size_t	max_pdf_depth;	/* 32: nested dictionaries and arrays compared,
				 * field /Kids and /Parent chains: stack use */
	size_t	max_pdf_stream;	/* 16 MiB: one stream's raw bytes compared
				 * between revisions; streams are never
				 * inflated by us (see pdf-doc.h) */
	size_t	max_pdf_inflated; /* 256 MiB: all a PDF's encoded streams
				 * decode to, every layer's output and
				 * Flate's input counted: flate bombs,
				 * which qpdf and poppler would inflate
				 * without a bound (pdf-doc.h) */
};

#define LIMIT_MAX_ENTRIES	2000
#define LIMIT_MAX_ENTRY_SIZE	((size_t)64 << 20)
#define LIMIT_MAX_TOTAL_SIZE	((size_t)256 << 20)
#define LIMIT_MAX_RATIO		200
#define LIMIT_MAX_XML_DEPTH	256
#define LIMIT_MAX_ROWS		250000
#define LIMIT_MAX_COLS		16384
#define LIMIT_MAX_CELLS		4000000
#define LIMIT_MAX_CELL_LEN	32767
#define LIMIT_MAX_PDF_SIZE	((size_t)32 << 20)
#define LIMIT_MAX_PDF_OBJECTS	100000
#define LIMIT_MAX_PDF_DEPTH	32
#define LIMIT_MAX_PDF_STREAM	((size_t)16 << 20)
#define LIMIT_MAX_PDF_INFLATED	((size_t)256 << 20)

/* Copy of l (or of all defaults when l is NULL) with every 0 filled in. */
struct parse_limits	limits_resolve(const struct parse_limits *l);

#endif
