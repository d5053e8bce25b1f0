/* docbody.c: blocks and grids. Grids grow by doubling in both directions,
 * so building one cell at a time stays linear. */
#include <string.h>

#include <glib.h>

#include "parsers/docbody.h"

struct grid_priv {
	struct grid	 pub;
	size_t		 rowcap, colcap;	/* allocated shape */
	GStringChunk	*text;		/* every cell's text, in one place:
					 * a 200,000-row list is a million
					 * cells, and a malloc each doubles
					 * its memory */
};

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
	g_free(b);
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
	g_string_chunk_free(g->text);
	g_free(g->pub.cells);
	g_free(g->pub.name);
	g_free(g);
}

/*
 * Cells live in a rowcap x colcap array, but the public view is nrows x
 * ncols row-major; so whenever colcap changes the array is re-laid, and
 * the public ncols always equals colcap after the first cell is set.
 */
int
grid_set(struct grid *pub, size_t row, size_t col, enum cell_type type,
    const char *text, size_t max_cells)
{
	struct grid_priv *g = (struct grid_priv *)pub;
	size_t		  nrc = g->rowcap, ncc = g->colcap;
	struct cell	 *cell;

	if (row >= max_cells || col >= max_cells)
		return (-1);
	while (row >= nrc)
		nrc = nrc ? nrc * 2 : 8;
	while (col >= ncc)
		ncc = ncc ? ncc * 2 : 8;
	/* Only what is used counts against the limit, not the capacity. */
	if ((size_t)(row + 1 > pub->nrows ? row + 1 : pub->nrows) *
	    (col + 1 > pub->ncols ? col + 1 : pub->ncols) > max_cells)
		return (-1);
	if (ncc != g->colcap) {
		struct cell *n = g_new0(struct cell, nrc * ncc);

		for (size_t r = 0; r < g->rowcap; r++)
			memcpy(&n[r * ncc], &pub->cells[r * g->colcap],
			    g->colcap * sizeof(struct cell));
		g_free(pub->cells);
		pub->cells = n;
		g->rowcap = nrc;
		g->colcap = ncc;
	} else if (nrc != g->rowcap) {
		pub->cells = g_renew(struct cell, pub->cells, nrc * ncc);
		memset(&pub->cells[g->rowcap * ncc], 0,
		    (nrc - g->rowcap) * ncc * sizeof(struct cell));
		g->rowcap = nrc;
	}
	if (row + 1 > pub->nrows)
		pub->nrows = row + 1;
	if (col + 1 > pub->ncols)
		pub->ncols = col + 1;
	cell = &pub->cells[row * g->colcap + col];
	cell->type = type;
	cell->text = text != NULL ? g_string_chunk_insert(g->text, text) :
	    NULL;
	return (0);
}

const struct cell *
grid_at(const struct grid *pub, size_t row, size_t col)
{
	const struct grid_priv *g = (const struct grid_priv *)pub;

	if (row >= pub->nrows || col >= pub->ncols)
		return (NULL);
	return (&pub->cells[row * g->colcap + col]);
}
