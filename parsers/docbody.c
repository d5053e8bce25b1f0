/* docbody.c: blocks and grids. A grid stores only the cells set with
 * text, packed close to the bytes of their text; building one cell at a
 * time stays linear and nothing ever costs a grid's area. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "parsers/docbody.h"

/*
 * How a grid is kept. A 200,000-row list is a million cells; a struct
 * and a malloc per cell cost several times their text, so rows are
 * packed into an arena of byte chunks, never moved nor freed before the
 * grid: a text pointer into it lives as long as the grid.
 *
 * Readers set cells row by row, nearly always in column order. The row
 * being set is "open": a small array of cells, their copied text in a
 * scratch buffer. It is packed when a cell of another row is set, when
 * the row is read, and at docbody_add_grid. A packed row, a "segment":
 *
 *	varint	n << 1 | older	n cells follow; older: a pointer to an
 *	[pointer]		older segment of the same row comes first
 *	n cells in column order, each
 *	  byte	 type | SEG_SHARED | min(gap, SEG_GAP) << 4
 *	  [varint gap - SEG_GAP]	gap: columns skipped before it
 *	  text, NUL-ended; or SEG_SHARED: a pointer to the caller's string
 *	  or to the same text in the row packed before (a list repeats a
 *	  position or a unit down its column); or nothing for an empty
 *	  cell, which a segment holds only to hide the cell of an older one
 *
 * A reader may come back to a packed row (xls.c and html-table.c can):
 * the row is opened afresh and packs into a new segment pointing to the
 * older one, the newest cell of a column winning. docbody_add_grid
 * merges such rows into one segment. The row index holds where each
 * row's newest segment is, 32 bits a row (0: no cell): its chunk's
 * number and its offset in that chunk, a chunk of CHUNK_MAX bytes or
 * one row's own.
 *
 * grid_at must return a struct cell, which a packed row has not: the
 * last GRID_ROWS_KEPT rows read are kept decoded, and its cell lives as
 * long as its row is kept (docbody.h).
 */

#define SEG_SHARED	0x08
#define SEG_GAP		15	/* a gap this big or more: a varint follows */
#define CHUNK_FIRST	(4 << 10)	/* a Word table's few rows */
#define CHUNK_SHIFT	18
#define CHUNK_MAX	(1 << CHUNK_SHIFT)	/* a list's, in few mallocs,
						 * little left unused */
#define CHUNKS_MAX	((1u << (32 - CHUNK_SHIFT)) - 1)	/* a row's
				 * place is a chunk and an offset in 32 bits:
				 * 4 GiB of grid, far past any input limit */

/* A cell of the open row; seq orders cells set more than once, so the
 * last one set wins. Its text is at off in the scratch buffer unless
 * shared, when cell.text is the caller's. */
struct open_cell {
	struct cell	 cell;
	uint32_t	 col, seq;
	size_t		 off;
	bool		 shared;
};

/* A decoded cell; age 0 is of the newest segment. */
struct row_cell {
	struct cell	 cell;
	uint32_t	 col, age;
};

/* A decoded row: its cells with text, in column order. */
struct row_kept {
	size_t		 row;		/* SIZE_MAX: none */
	uint64_t	 used;		/* when last read */
	struct row_cell	*v;
	uint32_t	 n, cap;
	uint32_t	 counted;	/* cells with text in its segments,
					 * as ncells counted them */
};

struct chunk {
	size_t		 len, cap;
	uint32_t	 num;		/* in chunkv */
	unsigned char	 data[];
};

struct grid_priv {
	struct grid	 pub;
	uint32_t	*row;		/* where each row's newest segment
					 * is, 0 for none */
	size_t		 rowcap;
	struct chunk	**chunkv;
	uint32_t	 nchunkv, capchunkv;
	struct chunk	*fill;		/* being filled */
	size_t		 chunk_next;	/* size of the next chunk */

	size_t		 orow;		/* the open row, or SIZE_MAX */
	struct open_cell *ov;
	uint32_t	 on, ocap;
	bool		 ounsorted;
	GString		*otext;

	struct row_cell	*above;		/* the row packed last: its cells'
					 * columns and where their text is */
	uint32_t	 nabove, capabove;

	struct row_kept	 kept[GRID_ROWS_KEPT];
	struct row_kept	*last;		/* read last: a walk reads one row
					 * cell after cell */
	uint64_t	 reads;
};

static const struct cell empty_cell = { CELL_EMPTY, NULL };

static int	 grid_store(struct grid *, size_t, size_t, enum cell_type,
		    const char *, size_t, bool);
static void	 grid_grow(struct grid_priv *, size_t, size_t);
static unsigned char *chunk_alloc(struct grid_priv *, size_t, uint32_t *);
static unsigned char *seg(const struct grid_priv *, uint32_t);
static int	 open_cmp(const void *, const void *);
static int	 row_cmp(const void *, const void *);
static void	 row_flush(struct grid_priv *);
static int	 row_pack(struct grid_priv *, size_t, unsigned char *,
		    struct open_cell *, uint32_t);
static void	 row_forget(struct grid_priv *, size_t);
static void	 row_merge(struct grid_priv *, size_t);
static struct row_kept *row_read(const struct grid *, size_t);
static uint32_t	 row_find(const struct row_kept *, size_t);
static bool	 row_has(struct grid_priv *, size_t, size_t);
static size_t	 varint_len(size_t);
static unsigned char *varint_put(unsigned char *, size_t);
static const unsigned char *varint_get(const unsigned char *, size_t *);

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
docbody_add_grid(struct docbody *b, struct grid *pub)
{
	struct grid_priv *g = (struct grid_priv *)pub;
	struct block	*bl = docbody_push(b);

	row_flush(g);
	for (size_t r = 0; r < pub->nrows; r++)
		if (g->row[r] != 0 && (seg(g, g->row[r])[0] & 1))
			row_merge(g, r);
	bl->type = BLOCK_TABLE;
	bl->grid = pub;
}

struct grid *
grid_new(const char *name)
{
	struct grid_priv *g = g_new0(struct grid_priv, 1);

	g->pub.name = g_strdup(name);
	g->chunk_next = CHUNK_FIRST;
	g->orow = SIZE_MAX;
	g->otext = g_string_new(NULL);
	for (size_t i = 0; i < GRID_ROWS_KEPT; i++)
		g->kept[i].row = SIZE_MAX;
	return (&g->pub);
}

void
grid_free(struct grid *pub)
{
	struct grid_priv *g = (struct grid_priv *)pub;

	if (g == NULL)
		return;
	for (uint32_t i = 0; i < g->nchunkv; i++)
		g_free(g->chunkv[i]);
	g_free(g->chunkv);
	for (size_t i = 0; i < GRID_ROWS_KEPT; i++)
		g_free(g->kept[i].v);
	g_free(g->row);
	g_free(g->above);
	g_free(g->ov);
	g_string_free(g->otext, TRUE);
	g_free(pub->name);
	g_free(g);
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

/* grid_set, the text copied into the grid or not. */
static int
grid_store(struct grid *pub, size_t row, size_t col, enum cell_type type,
    const char *text, size_t max_cells, bool copy)
{
	struct grid_priv	*g = (struct grid_priv *)pub;
	struct open_cell	*oc;

	if (row >= GRID_MAX_INDEX || col >= GRID_MAX_INDEX)
		return (-1);
	/* Room for the open row and the one a set may begin, so that
	 * packing them later never fails. */
	if (g->nchunkv + 2 > CHUNKS_MAX)
		return (-1);
	if (type == CELL_EMPTY || text == NULL) {
		type = CELL_EMPTY;
		text = NULL;
	}
	if (row != g->orow) {
		/* Emptying a cell that holds no text only grows the grid;
		 * a packed row is opened again only to change it. */
		if (text == NULL && !row_has(g, row, col)) {
			grid_grow(g, row, col);
			return (0);
		}
		if (text != NULL && pub->ncells >= max_cells)
			return (-1);
		row_flush(g);
		g->orow = row;
	}
	/* A cell of an open row in column order is searched only when col
	 * is not past its end; one out of order is appended, and the row
	 * sorted once when packed, not moved into place each time, which
	 * is quadratic on a row written backwards. */
	if (!g->ounsorted && g->on > 0 && g->ov[g->on - 1].col >= col) {
		size_t lo = 0, hi = g->on;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (g->ov[mid].col < col)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (g->ov[lo].col == col) {
			oc = &g->ov[lo];
			if (oc->cell.text == NULL && text != NULL) {
				if (pub->ncells >= max_cells)
					return (-1);
				pub->ncells++;
			} else if (oc->cell.text != NULL && text == NULL)
				pub->ncells--;
			goto fill;
		}
	}
	if (text != NULL && pub->ncells >= max_cells)
		return (-1);
	grid_grow(g, row, col);
	/* An empty cell is kept only to hide one: set out of order in this
	 * row, or in an older segment of it. */
	if (text == NULL && !g->ounsorted && g->row[row] == 0)
		return (0);
	if (g->on == g->ocap) {
		if (g->ocap >= GRID_MAX_INDEX)
			return (-1);
		g->ocap = g->ocap ? g->ocap * 2 : 16;
		g->ov = g_renew(struct open_cell, g->ov, g->ocap);
	}
	if (g->on > 0 && g->ov[g->on - 1].col >= col)
		g->ounsorted = true;
	oc = &g->ov[g->on];
	oc->col = (uint32_t)col;
	oc->seq = g->on++;
	if (text != NULL)
		pub->ncells++;
fill:
	oc->cell.type = type;
	oc->cell.text = copy ? NULL : (char *)text;
	oc->shared = !copy;
	if (text != NULL && copy) {
		oc->off = g->otext->len;
		g_string_append_len(g->otext, text, strlen(text) + 1);
		oc->cell.text = (char *)"";	/* set when packed */
	}
	return (0);
}

/* The grid reaches (row, col). */
static void
grid_grow(struct grid_priv *g, size_t row, size_t col)
{
	if (row >= g->rowcap) {
		size_t cap = g->rowcap ? g->rowcap : 8;

		while (row >= cap)
			cap *= 2;
		g->row = g_renew(uint32_t, g->row, cap);
		g->rowcap = cap;
	}
	/* Cleared as the grid reaches it: pages past it stay untouched. */
	if (row + 1 > g->pub.nrows) {
		memset(&g->row[g->pub.nrows], 0,
		    (row + 1 - g->pub.nrows) * sizeof(g->row[0]));
		g->pub.nrows = row + 1;
	}
	if (col + 1 > g->pub.ncols)
		g->pub.ncols = col + 1;
}

/* len bytes of the arena, and where they are in *ref_r; NULL when
 * CHUNKS_MAX are taken. A row of more than a quarter of CHUNK_MAX gets
 * a chunk of its own, so the one being filled is not left part empty;
 * any smaller one fits a chunk that grows to CHUNK_MAX, so a sheet of
 * long rows takes a chunk a few rows, not a chunk a row. */
static unsigned char *
chunk_alloc(struct grid_priv *g, size_t len, uint32_t *ref_r)
{
	struct chunk	*c = g->fill;
	size_t		 cap;
	bool		 own;

	if (c == NULL || c->cap - c->len < len) {
		if (g->nchunkv >= CHUNKS_MAX)
			return (NULL);
		own = len > CHUNK_MAX / 4;
		for (cap = g->chunk_next; !own && cap < len; cap *= 2)
			;
		if (own)
			cap = len;
		c = g_malloc(offsetof(struct chunk, data) + cap);
		c->cap = cap;
		c->len = 0;
		c->num = g->nchunkv;
		if (g->nchunkv == g->capchunkv) {
			g->capchunkv = g->capchunkv ? g->capchunkv * 2 : 8;
			g->chunkv = g_renew(struct chunk *, g->chunkv,
			    g->capchunkv);
		}
		g->chunkv[g->nchunkv++] = c;
		if (!own) {
			g->fill = c;
			g->chunk_next = MIN(cap * 2, CHUNK_MAX);
		}
	}
	/* Only a chunk of its own passes CHUNK_MAX, its row at 0. */
	*ref_r = ((c->num << CHUNK_SHIFT) | (uint32_t)c->len) + 1;
	c->len += len;
	return (c->data + c->len - len);
}

/* The segment at ref. */
static unsigned char *
seg(const struct grid_priv *g, uint32_t ref)
{
	ref--;
	return (g->chunkv[ref >> CHUNK_SHIFT]->data +
	    (ref & (CHUNK_MAX - 1)));
}

static int
open_cmp(const void *a, const void *b)
{
	const struct open_cell *x = a, *y = b;

	if (x->col != y->col)
		return (x->col < y->col ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row_cell *x = a, *y = b;

	if (x->col != y->col)
		return (x->col < y->col ? -1 : 1);
	return (x->age < y->age ? -1 : x->age > y->age);
}

/* Packs the open row, if any: in column order, of the cells set twice
 * the last one kept. */
static void
row_flush(struct grid_priv *g)
{
	size_t		 row = g->orow;
	unsigned char	*older;
	uint32_t	 n = 0;

	if (row == SIZE_MAX)
		return;
	g->orow = SIZE_MAX;
	older = row < g->pub.nrows && g->row[row] != 0 ?
	    seg(g, g->row[row]) : NULL;
	if (g->ounsorted)
		qsort(g->ov, g->on, sizeof(g->ov[0]), open_cmp);
	for (uint32_t i = 0; i < g->on; i++) {
		struct open_cell *oc = &g->ov[i];

		if (g->ounsorted && i + 1 < g->on && g->ov[i + 1].col ==
		    oc->col) {
			if (oc->cell.text != NULL)
				g->pub.ncells--;
			continue;
		}
		/* Nothing older to hide. */
		if (oc->cell.text == NULL && older == NULL)
			continue;
		if (oc->cell.text != NULL && !oc->shared)
			oc->cell.text = g->otext->str + oc->off;
		g->ov[n++] = *oc;
	}
	/* The room kept by grid_store: a broken invariant, not input. */
	if (n > 0 && row_pack(g, row, older, g->ov, n) == -1)
		abort();
	g->on = 0;
	g->ounsorted = false;
	g_string_truncate(g->otext, 0);
}

/* Writes cells v, in column order, as the newest segment of row; a
 * text longer than a pointer and the same as in the row packed before,
 * in the same column, points to it. -1 when the arena is full. */
static int
row_pack(struct grid_priv *g, size_t row, unsigned char *older,
    struct open_cell *v, uint32_t n)
{
	unsigned char	*p;
	size_t		 len, next = 0;
	uint32_t	 a = 0;

	len = varint_len((size_t)n << 1) + (older ? sizeof(older) : 0);
	for (uint32_t i = 0; i < n; i++) {
		size_t gap = v[i].col - next;

		while (a < g->nabove && g->above[a].col < v[i].col)
			a++;
		if (a < g->nabove && g->above[a].col == v[i].col &&
		    v[i].cell.text != NULL && !v[i].shared &&
		    strlen(v[i].cell.text) >= sizeof(char *) &&
		    strcmp(v[i].cell.text, g->above[a].cell.text) == 0) {
			v[i].cell.text = g->above[a].cell.text;
			v[i].shared = true;
		}

		len += 1 + (gap >= SEG_GAP ? varint_len(gap - SEG_GAP) : 0);
		if (v[i].cell.text == NULL)
			;
		else if (v[i].shared)
			len += sizeof(char *);
		else
			len += strlen(v[i].cell.text) + 1;
		next = v[i].col + 1;
	}
	if ((p = chunk_alloc(g, len, &g->row[row])) == NULL)
		return (-1);
	if (g->capabove < n) {
		g->capabove = n;
		g->above = g_renew(struct row_cell, g->above, g->capabove);
	}
	g->nabove = 0;
	p = varint_put(p, (size_t)n << 1 | (older != NULL));
	if (older != NULL) {
		memcpy(p, &older, sizeof(older));
		p += sizeof(older);
	}
	next = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t	gap = v[i].col - next;
		bool	shared = v[i].cell.text != NULL && v[i].shared;

		*p++ = (unsigned char)(v[i].cell.type | (shared ? SEG_SHARED :
		    0) | (gap < SEG_GAP ? gap : SEG_GAP) << 4);
		if (gap >= SEG_GAP)
			p = varint_put(p, gap - SEG_GAP);
		if (v[i].cell.text == NULL)
			;
		else if (shared) {
			memcpy(p, &v[i].cell.text, sizeof(char *));
			p += sizeof(char *);
			g->above[g->nabove].cell.text = v[i].cell.text;
			g->above[g->nabove++].col = v[i].col;
		} else {
			size_t l = strlen(v[i].cell.text) + 1;

			memcpy(p, v[i].cell.text, l);
			g->above[g->nabove].cell.text = (char *)p;
			g->above[g->nabove++].col = v[i].col;
			p += l;
		}
		next = v[i].col + 1;
	}
	row_forget(g, row);
	return (0);
}

/* Row's cells as kept decoded are out of date. */
static void
row_forget(struct grid_priv *g, size_t row)
{
	for (size_t i = 0; i < GRID_ROWS_KEPT; i++)
		if (g->kept[i].row == row) {
			g->kept[i].row = SIZE_MAX;
			g->kept[i].used = 0;
		}
}

/* Row r as one segment: its cells as read, their text where it is. */
static void
row_merge(struct grid_priv *g, size_t r)
{
	struct row_kept	*k = row_read(&g->pub, r);
	uint32_t	 n = k->n, ref;

	g->pub.ncells = g->pub.ncells - k->counted + n;
	if (g->ocap < n) {
		g->ocap = n;
		g->ov = g_renew(struct open_cell, g->ov, g->ocap);
	}
	for (uint32_t i = 0; i < n; i++) {
		g->ov[i].cell = k->v[i].cell;
		g->ov[i].col = k->v[i].col;
		g->ov[i].shared = true;
	}
	/* Left in segments, still read right, if the arena is full. */
	ref = g->row[r];
	g->row[r] = 0;
	if (n > 0 && row_pack(g, r, NULL, g->ov, n) == -1)
		g->row[r] = ref;
	row_forget(g, r);
}

/* Row r decoded, or NULL when it holds no cell. Reading the open row
 * packs it. */
static struct row_kept *
row_read(const struct grid *pub, size_t r)
{
	struct grid_priv	*g = (struct grid_priv *)pub;
	struct row_kept		*k = &g->kept[0];
	const unsigned char	*p;
	uint32_t		 age = 0, n = 0;

	/* The most recently read already. */
	if (g->last != NULL && g->last->row == r && r != g->orow)
		return (g->last);
	if (r == g->orow)
		row_flush(g);
	if (g->row[r] == 0)
		return (NULL);
	for (size_t i = 0; i < GRID_ROWS_KEPT; i++) {
		if (g->kept[i].row == r) {
			g->kept[i].used = ++g->reads;
			return (g->last = &g->kept[i]);
		}
		if (g->kept[i].used < k->used)
			k = &g->kept[i];
	}
	k->row = SIZE_MAX;
	k->counted = 0;
	for (p = seg(g, g->row[r]); p != NULL; age++) {
		size_t	 h, col = 0;
		const unsigned char *older = NULL;

		p = varint_get(p, &h);
		if (h & 1) {
			memcpy(&older, p, sizeof(older));
			p += sizeof(older);
		}
		if (k->cap - n < h >> 1) {
			while (k->cap - n < h >> 1)
				k->cap = k->cap ? k->cap * 2 : 16;
			k->v = g_renew(struct row_cell, k->v, k->cap);
		}
		for (size_t i = 0; i < h >> 1; i++) {
			struct row_cell	*c = &k->v[n++];
			unsigned char	 b = *p++;
			size_t		 gap = b >> 4;

			if (gap == SEG_GAP) {
				p = varint_get(p, &gap);
				gap += SEG_GAP;
			}
			col += gap;
			c->col = (uint32_t)col++;
			c->age = age;
			c->cell.type = (enum cell_type)(b & 0x07);
			if (c->cell.type == CELL_EMPTY)
				c->cell.text = NULL;
			else if (b & SEG_SHARED) {
				memcpy(&c->cell.text, p, sizeof(char *));
				p += sizeof(char *);
			} else {
				c->cell.text = (char *)p;
				p += strlen((const char *)p) + 1;
			}
			if (c->cell.text != NULL)
				k->counted++;
		}
		p = older;
	}
	/* Of several segments the newest cell of each column, if it holds
	 * text. */
	if (age > 1) {
		uint32_t m = 0;

		qsort(k->v, n, sizeof(k->v[0]), row_cmp);
		for (uint32_t i = 0; i < n; i++)
			if ((i == 0 || k->v[i].col != k->v[i - 1].col) &&
			    k->v[i].cell.text != NULL)
				k->v[m++] = k->v[i];
		n = m;
	}
	k->n = n;
	k->row = r;
	k->used = ++g->reads;
	return (g->last = k);
}

/* The index of column col's cell in k, or k->n; or of the first after
 * it, so grid_next can use it too. */
static uint32_t
row_find(const struct row_kept *k, size_t col)
{
	uint32_t lo = 0, hi = k->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (k->v[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Whether (row, col) holds text; row is not the open row. */
static bool
row_has(struct grid_priv *g, size_t row, size_t col)
{
	const struct row_kept	*k;
	uint32_t		 i;

	if (row >= g->pub.nrows || col >= g->pub.ncols ||
	    (k = row_read(&g->pub, row)) == NULL)
		return (false);
	i = row_find(k, col);
	return (i < k->n && k->v[i].col == col);
}

const struct cell *
grid_at(const struct grid *pub, size_t row, size_t col)
{
	const struct row_kept	*k;
	uint32_t		 i;

	if (row >= pub->nrows || col >= pub->ncols)
		return (NULL);
	if ((k = row_read(pub, row)) == NULL)
		return (&empty_cell);
	i = row_find(k, col);
	return (i < k->n && k->v[i].col == col ? &k->v[i].cell : &empty_cell);
}

size_t
grid_next(const struct grid *pub, size_t row, size_t col)
{
	const struct row_kept	*k;
	uint32_t		 i;

	if (row >= pub->nrows || col >= pub->ncols)
		return (pub->ncols);
	if ((k = row_read(pub, row)) == NULL)
		return (pub->ncols);
	i = row_find(k, col);
	return (i < k->n ? k->v[i].col : pub->ncols);
}

static size_t
varint_len(size_t v)
{
	size_t n = 1;

	for (; v >= 0x80; v >>= 7)
		n++;
	return (n);
}

static unsigned char *
varint_put(unsigned char *p, size_t v)
{
	for (; v >= 0x80; v >>= 7)
		*p++ = (unsigned char)(v | 0x80);
	*p++ = (unsigned char)v;
	return (p);
}

static const unsigned char *
varint_get(const unsigned char *p, size_t *v_r)
{
	size_t	v = 0;
	int	shift = 0;

	do {
		v |= (size_t)(*p & 0x7f) << shift;
		shift += 7;
	} while (*p++ & 0x80);
	*v_r = v;
	return (p);
}
