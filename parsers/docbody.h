/* docbody.h: the text of a document as an ordered list of blocks, each a
 * paragraph or a table (a grid of cells). DOCX and XLSX (and later XLS)
 * readers produce it; the form recogniser reads it. One tree, one free. */
#ifndef HOTROCKS_DOCBODY_H
#define HOTROCKS_DOCBODY_H

#include <stddef.h>

enum cell_type {
	CELL_EMPTY,
	CELL_TEXT,
	CELL_NUMBER,	/* text is the stored lexical form: "982345678",
			 * "8.98404E+18", "8.9840400000000005E+18" */
	CELL_BOOL,
	CELL_DATE,	/* text is an ISO 8601 date (or date-time) */
	CELL_ERROR	/* text is the error ("#N/A") */
};

struct cell {
	enum cell_type	 type;
	char		*text;	/* UTF-8 as in the document (not cleaned);
				 * "\t" for w:tab, "\n" for w:br and between
				 * paragraphs of one cell; NULL when empty */
};

struct grid {
	char		*name;	/* sheet name; NULL for a Word table */
	size_t		 nrows, ncols;
	struct cell	*cells;	/* private layout: read through grid_at() */
};

enum block_type { BLOCK_PARAGRAPH, BLOCK_TABLE };

struct block {
	enum block_type	 type;
	char		*text;	/* BLOCK_PARAGRAPH */
	struct grid	*grid;	/* BLOCK_TABLE */
};

struct docbody {
	struct block	*blocks;
	size_t		 nblocks, cap;
	size_t		 legacy;	/* runs or cells typed in a TCVN3 or
					 * VNI font and converted to Unicode
					 * (vn-legacy.h) by the reader */
};

struct docbody	*docbody_new(void);
/* Frees the body, its blocks, grids and strings; takes NULL. */
void		 docbody_free(struct docbody *);
/* Appends a copy of text as a paragraph. */
void		 docbody_add_paragraph(struct docbody *, const char *text);
/* Appends grid; the body owns it from now on. */
void		 docbody_add_grid(struct docbody *, struct grid *);

/* A new empty grid; name is copied and may be NULL. */
struct grid	*grid_new(const char *name);
void		 grid_free(struct grid *);
/*
 * Sets cell (row, col), growing the grid as needed; text is copied (NULL
 * for none). Returns -1 (grid unchanged) if the grid would exceed
 * max_cells cells in all.
 */
int		 grid_set(struct grid *, size_t row, size_t col,
		    enum cell_type, const char *text, size_t max_cells);
/* The cell at (row, col), or NULL outside the grid. Borrowed. */
const struct cell *grid_at(const struct grid *, size_t row, size_t col);

#endif
