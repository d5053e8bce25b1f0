/* docbody.h: the text of a document as an ordered list of blocks, each a
 * paragraph or a table (a grid of cells). DOCX and XLSX (and later XLS)
 * readers produce it; the form recogniser reads it. One tree, one free. */
#ifndef HOTROCKS_DOCBODY_H
#define HOTROCKS_DOCBODY_H

#include <stddef.h>

#include <glib.h>

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

/*
 * A sheet or a table. Only the cells that were set with text are stored
 * (row by row, in column order, packed close to the size of their text),
 * so memory and every walk over a grid follow the cells it holds, never
 * its area: one cell at XFD64 is one cell, not a million empty ones.
 * Read it through grid_at() and grid_next(); the rest is private
 * (docbody.c).
 */
struct grid {
	char		*name;	/* sheet name; NULL for a Word table */
	size_t		 nrows, ncols;	/* one past the last row and column
					 * set, empty cells included */
	size_t		 ncells;	/* cells set with text (until the grid
					 * goes to a body, a cell set again
					 * after its row was left may count
					 * twice) */
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
	unsigned	 legacy_fonts;	/* which: VN_LEGACY_FAMILY_* bits */
	GStringChunk	*kept;		/* private: docbody_keep_text */
};

struct docbody	*docbody_new(void);
/* Frees the body, its blocks, grids and strings; takes NULL. */
void		 docbody_free(struct docbody *);
/* The body owns chunk from now on (freed after its grids): cells of its
 * grids set with grid_set_shared may point into it. Once per body. */
void		 docbody_keep_text(struct docbody *, GStringChunk *chunk);
/* Appends a copy of text as a paragraph. */
void		 docbody_add_paragraph(struct docbody *, const char *text);
/* Appends grid; the body owns it from now on (and puts in column order
 * any row whose cells came out of order). */
void		 docbody_add_grid(struct docbody *, struct grid *);

/* A new empty grid; name is copied and may be NULL. */
struct grid	*grid_new(const char *name);
void		 grid_free(struct grid *);
/*
 * Sets cell (row, col); text is copied (NULL or CELL_EMPTY for none: the
 * grid only grows to include the cell). Setting a cell again replaces it.
 * Returns -1 (grid unchanged) when a new cell with text would make more
 * than max_cells of them, or when row or col passes GRID_MAX_INDEX.
 * Callers bound rows and columns by their format's own limits first.
 */
#define GRID_MAX_INDEX	((size_t)1 << 20)	/* XLSX's 1048576 rows */
int		 grid_set(struct grid *, size_t row, size_t col,
		    enum cell_type, const char *text, size_t max_cells);
/*
 * The same, but text is not copied: it must live as long as the grid (a
 * string of the chunk given to docbody_keep_text of the body the grid
 * goes to). A shared string referenced by a million cells is then held
 * once, not a million times.
 */
int		 grid_set_shared(struct grid *, size_t row, size_t col,
		    enum cell_type, const char *text, size_t max_cells);
/*
 * The cell at (row, col), or NULL outside the grid; an empty cell when
 * none was set there. Borrowed, and for a short while: the struct cell
 * is valid until GRID_ROWS_KEPT other rows have been read (grid_at or
 * grid_next on them) or the grid is changed, while its text lives as
 * long as the grid. So keep cell->text, never the cell, across a walk.
 */
#define GRID_ROWS_KEPT	8	/* rows kept decoded; reading more at
				 * once than this decodes again */
const struct cell *grid_at(const struct grid *, size_t row, size_t col);
/*
 * The first column at or after col whose cell in row holds text, or
 * ncols when there is none: walking a row with it costs the cells it
 * holds, not its width.
 *   for (c = grid_next(g, r, 0); c < g->ncols; c = grid_next(g, r, c + 1))
 */
size_t		 grid_next(const struct grid *, size_t row, size_t col);

#endif
