/* docbody.c: blocks and grids. A grid stores only the cells set with
 * text, row by row in column order, so building one cell at a time stays
 * linear and nothing ever costs a grid's area. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/docbody.h"

/* A cell with text and where it sits; seq orders cells set more than
 * once, so the last one set wins. */
struct grid_cell {
	struct cell	cell;
	uint32_t	col, seq;
};

/* A row's cells. Cells come in column order from every reader; one that
 * comes earlier than the last is appended and the row marked unsorted,
 * to be sorted once (docbody_add_grid) instead of moved into place each
 * time, which is quadratic on a row written backwards. */
struct grid_row {
	struct grid_cell *v;
	uint32_t	  n;
	uint32_t	  cap : 31, unsorted : 1;
};

struct grid_priv {
	struct grid	 pub;
	size_t		 rowcap;
	uint32_t	 width;		/* cells of the last row begun: a
					 * list's rows are alike, so a new
					 * row is sized to fit at once */
	GStringChunk	*text;		/* every cell's text, in one place:
					 * a 200,000-row list is a million
					 * cells, and a malloc each doubles
					 * its memory */
};

static const struct cell empty_cell = { CELL_EMPTY, NULL };

static int	 cell_cmp(const void *, const void *);
static void	 row_sort(struct grid *, struct grid_row *);
static const struct grid_cell *row_find(const struct grid_row *, size_t);
static int	 grid_store(struct grid *, size_t, size_t, enum cell_type,
		    const char *, size_t, bool);

struct docbody *
docbody_new(void)
{
	return (g_new0(struct docbody, 1));
}

void
docbody_free(struct docbody *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nblocks; i++) {
		g_free(b->blocks[i].text);
		grid_free(b->blocks[i].grid);
	}
	g_free(b->blocks);
	if (b->kept != NULL)
		g_string_chunk_free(b->kept);
	g_free(b);
}

void
docbody_keep_text(struct docbody *b, GStringChunk *chunk)
{
	if (b->kept != NULL)
		abort();	/* once per body: a caller's bug */
	b->kept = chunk;
}

static struct block *
docbody_push(struct docbody *b)
{
	if (b->nblocks == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->blocks = g_renew(struct block, b->blocks, b->cap);
	}
	memset(&b->blocks[b->nblocks], 0, sizeof(struct block));
	return (&b->blocks[b->nblocks++]);
}

void
docbody_add_paragraph(struct docbody *b, const char *text)
{
	struct block	*bl = docbody_push(b);

	bl->type = BLOCK_PARAGRAPH;
	bl->text = g_strdup(text ? text : "");
}

void
docbody_add_grid(struct docbody *b, struct grid *g)
{
	struct block	*bl = docbody_push(b);

	for (size_t r = 0; r < g->nrows; r++)
		if (g->rows[r].unsorted)
			row_sort(g, &g->rows[r]);
	bl->type = BLOCK_TABLE;
	bl->grid = g;
}

struct grid *
grid_new(const char *name)
{
	struct grid_priv *g = g_new0(struct grid_priv, 1);

	g->pub.name = g_strdup(name);
	g->text = g_string_chunk_new(64 << 10);
	return (&g->pub);
}

void
grid_free(struct grid *pub)
{
	struct grid_priv *g = (struct grid_priv *)pub;

	if (g == NULL)
		return;
	for (size_t r = 0; r < g->rowcap; r++)
		g_free(pub->rows[r].v);
	g_string_chunk_free(g->text);
	g_free(pub->rows);
	g_free(pub->name);
	g_free(g);
}

static int
cell_cmp(const void *a, const void *b)
{
	const struct grid_cell *x = a, *y = b;

	if (x->col != y->col)
		return (x->col < y->col ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* Column order, and of the cells set twice the last one kept. */
static void
row_sort(struct grid *g, struct grid_row *row)
{
	uint32_t n = 0;

	qsort(row->v, row->n, sizeof(row->v[0]), cell_cmp);
	for (uint32_t i = 0; i < row->n; i++) {
		if (row->v[i].cell.text != NULL)
			g->ncells--;
		if (i + 1 < row->n && row->v[i + 1].col == row->v[i].col)
			continue;
		if (row->v[i].cell.text != NULL)
			g->ncells++;
		row->v[n] = row->v[i];
		row->v[n].seq = n;
		n++;
	}
	row->n = n;
	row->unsorted = false;
}

/* The cell of column col in row, or NULL. An unsorted row is searched
 * from its end, where the last cell set is. */
static const struct grid_cell *
row_find(const struct grid_row *row, size_t col)
{
	size_t lo = 0, hi = row->n;

	if (row->unsorted) {
		for (size_t i = row->n; i > 0; i--)
			if (row->v[i - 1].col == col)
				return (&row->v[i - 1]);
		return (NULL);
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (row->v[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < row->n && row->v[lo].col == col ? &row->v[lo] : NULL);
}

int
grid_set(struct grid *pub, size_t row, size_t col, enum cell_type type,
    const char *text, size_t max_cells)
{
	return (grid_store(pub, row, col, type, text, max_cells, true));
}

int
grid_set_shared(struct grid *pub, size_t row, size_t col,
    enum cell_type type, const char *text, size_t max_cells)
{
	return (grid_store(pub, row, col, type, text, max_cells, false));
}

/* grid_set, the text copied into the grid's chunk or not. */
static int
grid_store(struct grid *pub, size_t row, size_t col, enum cell_type type,
    const char *text, size_t max_cells, bool copy)
{
	struct grid_priv	*g = (struct grid_priv *)pub;
	struct grid_row		*rw;
	struct grid_cell	*gc;

	if (row >= GRID_MAX_INDEX || col >= GRID_MAX_INDEX)
		return (-1);
	if (type == CELL_EMPTY)
		text = NULL;
	rw = row < pub->nrows ? &pub->rows[row] : NULL;
	/* A sorted row is searched only when col is not past its end. */
	if (rw != NULL && !rw->unsorted && rw->n > 0 &&
	    rw->v[rw->n - 1].col >= col &&
	    (gc = (struct grid_cell *)row_find(rw, col)) != NULL) {
		if (gc->cell.text == NULL && text != NULL) {
			if (pub->ncells >= max_cells)
				return (-1);
			pub->ncells++;
		} else if (gc->cell.text != NULL && text == NULL)
			pub->ncells--;
		gc->cell.type = text != NULL ? type : CELL_EMPTY;
		gc->cell.text = text == NULL ? NULL : copy ?
		    g_string_chunk_insert(g->text, text) : (char *)text;
		return (0);
	}
	if (text != NULL && pub->ncells >= max_cells)
		return (-1);
	if (row >= g->rowcap) {
		size_t nrc = g->rowcap ? g->rowcap : 8;

		while (row >= nrc)
			nrc *= 2;
		pub->rows = g_renew(struct grid_row, pub->rows, nrc);
		memset(&pub->rows[g->rowcap], 0,
		    (nrc - g->rowcap) * sizeof(struct grid_row));
		g->rowcap = nrc;
	}
	if (row + 1 > pub->nrows)
		pub->nrows = row + 1;
	if (col + 1 > pub->ncols)
		pub->ncols = col + 1;
	rw = &pub->rows[row];
	/* Nothing to store, unless it empties a cell set out of order. */
	if (text == NULL && !rw->unsorted)
		return (0);
	if (rw->n == 0 && row > 0 && pub->rows[row - 1].n > 0)
		g->width = pub->rows[row - 1].n;
	if (rw->n == rw->cap) {
		if (rw->cap >= GRID_MAX_INDEX)
			return (-1);
		if (rw->cap == 0)
			rw->cap = g->width > 4 && g->width < GRID_MAX_INDEX ?
			    g->width : 4;
		else
			rw->cap *= 2;
		rw->v = g_renew(struct grid_cell, rw->v, rw->cap);
	}
	if (rw->n > 0 && rw->v[rw->n - 1].col >= col)
		rw->unsorted = true;
	gc = &rw->v[rw->n];
	gc->cell.type = text != NULL ? type : CELL_EMPTY;
	gc->cell.text = text == NULL ? NULL : copy ?
	    g_string_chunk_insert(g->text, text) : (char *)text;
	gc->col = (uint32_t)col;
	gc->seq = rw->n++;
	if (text != NULL)
		pub->ncells++;
	return (0);
}

const struct cell *
grid_at(const struct grid *pub, size_t row, size_t col)
{
	const struct grid_cell *gc;

	if (row >= pub->nrows || col >= pub->ncols)
		return (NULL);
	gc = row_find(&pub->rows[row], col);
	return (gc != NULL ? &gc->cell : &empty_cell);
}

size_t
grid_next(const struct grid *pub, size_t row, size_t col)
{
	const struct grid_row	*rw;
	size_t			 best = pub->ncols, lo = 0, hi;

	if (row >= pub->nrows || col >= pub->ncols)
		return (pub->ncols);
	rw = &pub->rows[row];
	/* Only a grid not yet in a body has unsorted rows. */
	if (rw->unsorted) {
		for (size_t i = 0; i < rw->n; i++)
			if (rw->v[i].col >= col && rw->v[i].col < best &&
			    row_find(rw, rw->v[i].col)->cell.text != NULL)
				best = rw->v[i].col;
		return (best);
	}
	for (hi = rw->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (rw->v[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < rw->n && rw->v[lo].cell.text == NULL)
		lo++;
	return (lo < rw->n ? rw->v[lo].col : pub->ncols);
}
