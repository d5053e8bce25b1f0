/* check-docbody.c: the grid as readers use it: a list's memory close to
 * its text, rows and cells set backwards or again, shared strings held
 * once, and how long grid_at's cell lives. */
#include <check.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "parsers/docbody.h"
#include "parsers/limits.h"
#include "parsers/pdf-layout.h"

/* ASan's allocator is not glibc's: mallinfo2 counts nothing there. */
#if defined(__SANITIZE_ADDRESS__)
#define NO_MALLINFO 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_MALLINFO 1
#endif
#endif

#define LIST_ROWS	20000

/* Bytes malloc hands out now, from the heap and mmap alike. */
static size_t
heap_used(void)
{
	struct mallinfo2 m = mallinfo2();

	return (m.uordblks + m.hblkhd);
}

/* Whether heap_used counts: not under ASan. */
static bool
heap_counted(void)
{
#ifdef NO_MALLINFO
	return (false);
#else
	return (true);
#endif
}

/* Row r of a Phụ lục 3 list, as bench/make-list.py writes it. */
static void
list_row(struct grid *g, size_t r)
{
	char	tt[16], phone[16], iccid[24], name[48];

	snprintf(tt, sizeof(tt), "%zu", r + 1);
	snprintf(phone, sizeof(phone), "09%08zu", r + 1);
	snprintf(iccid, sizeof(iccid), "89840400000%08zu", r + 1);
	snprintf(name, sizeof(name), "Nguyễn Văn Thử %zu", r + 1);
	ck_assert_int_eq(grid_set(g, r, 0, CELL_NUMBER, tt, LIMIT_MAX_CELLS),
	    0);
	ck_assert_int_eq(grid_set(g, r, 1, CELL_TEXT, phone, LIMIT_MAX_CELLS),
	    0);
	ck_assert_int_eq(grid_set(g, r, 2, CELL_TEXT, iccid, LIMIT_MAX_CELLS),
	    0);
	ck_assert_int_eq(grid_set(g, r, 3, CELL_TEXT, name, LIMIT_MAX_CELLS),
	    0);
	ck_assert_int_eq(grid_set(g, r, 4, CELL_TEXT, "Phó Bí thư",
	    LIMIT_MAX_CELLS), 0);
}

/* A list's grid costs about its text (~70 bytes a row here), not a
 * struct and an array per row and cell: that was ~230 bytes a row, and
 * 44 MiB of the 57 MiB xlsx_read took over a 200,000-row list. */
START_TEST(grid_list_costs_close_to_its_text)
{
	struct docbody	*b = docbody_new();
	struct grid	*g;
	size_t		 before, after;
	char		 want[48];

	before = heap_used();
	g = grid_new("Sheet1");
	for (size_t r = 0; r < LIST_ROWS; r++)
		list_row(g, r);
	docbody_add_grid(b, g);
	after = heap_used();
	if (heap_counted())
		ck_assert_msg(after - before < LIST_ROWS * 120,
		    "%zu bytes a row", (after - before) / LIST_ROWS);
	ck_assert_uint_eq(g->nrows, LIST_ROWS);
	ck_assert_uint_eq(g->ncols, 5);
	ck_assert_uint_eq(g->ncells, LIST_ROWS * 5);
	for (size_t r = 0; r < LIST_ROWS; r += 997) {
		snprintf(want, sizeof(want), "Nguyễn Văn Thử %zu", r + 1);
		ck_assert_str_eq(grid_at(g, r, 3)->text, want);
		ck_assert_int_eq(grid_at(g, r, 0)->type, CELL_NUMBER);
		ck_assert_str_eq(grid_at(g, r, 4)->text, "Phó Bí thư");
	}
	docbody_free(b);
}
END_TEST

/*
 * Random sets, empties and re-sets over a small area, in any row and
 * column order, against a plain array of what each cell must hold: the
 * order xls.c and html-table.c may set cells in (back to an earlier row,
 * an earlier column, the same cell again). Seeded, so the same each run.
 */
#define MODEL_ROWS	24
#define MODEL_COLS	20

static void
model_check(const struct grid *g, char *const model[MODEL_ROWS][MODEL_COLS],
    size_t nrows, size_t ncols, size_t ncells, bool exact)
{
	ck_assert_uint_eq(g->nrows, nrows);
	ck_assert_uint_eq(g->ncols, ncols);
	if (exact)
		ck_assert_uint_eq(g->ncells, ncells);
	else
		ck_assert_uint_ge(g->ncells, ncells);
	for (size_t r = 0; r < MODEL_ROWS; r++) {
		size_t next = ncols;

		for (size_t c = MODEL_COLS; c-- > 0;) {
			const struct cell *cl = grid_at(g, r, c);

			if (r >= nrows || c >= ncols) {
				ck_assert_ptr_null(cl);
				continue;
			}
			ck_assert_ptr_nonnull(cl);
			if (model[r][c] == NULL) {
				ck_assert_ptr_null(cl->text);
				ck_assert_int_eq(cl->type, CELL_EMPTY);
			} else {
				ck_assert_str_eq(cl->text, model[r][c]);
				ck_assert_int_eq(cl->type,
				    model[r][c][0] == 'n' ? CELL_NUMBER :
				    CELL_TEXT);
				next = c;
			}
			ck_assert_uint_eq(grid_next(g, r, c), next);
		}
	}
}

START_TEST(grid_random_order_matches_model)
{
	static const char *const shared[] = { "s-one", "s-two", "n-3" };
	char		*model[MODEL_ROWS][MODEL_COLS];
	GRand		*rnd = g_rand_new_with_seed(1871u + (guint32)_i);
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	size_t		 nrows = 0, ncols = 0, ncells = 0, r = 0;
	char		 buf[32];

	memset(model, 0, sizeof(model));
	for (int op = 0; op < 3000; op++) {
		/* mostly the row just set or the next, sometimes any */
		size_t	c = (size_t)g_rand_int_range(rnd, 0, MODEL_COLS);
		int	what = g_rand_int_range(rnd, 0, 10);

		if (g_rand_int_range(rnd, 0, 4) == 0)
			r = (size_t)g_rand_int_range(rnd, 0, MODEL_ROWS);
		else if (g_rand_int_range(rnd, 0, 3) == 0)
			r = (r + 1) % MODEL_ROWS;
		if (what < 2) {
			ck_assert_int_eq(grid_set(g, r, c, CELL_EMPTY, NULL,
			    LIMIT_MAX_CELLS), 0);
			if (model[r][c] != NULL)
				ncells--;
			g_free(model[r][c]);
			model[r][c] = NULL;
		} else {
			const char *t = buf;
			bool sh = what < 4;

			if (sh)
				t = shared[g_rand_int_range(rnd, 0, 3)];
			else
				snprintf(buf, sizeof(buf), "%s%d-%zu-%zu",
				    what == 4 ? "n" : "t", op, r, c);
			ck_assert_int_eq((sh ? grid_set_shared : grid_set)(g,
			    r, c, t[0] == 'n' ? CELL_NUMBER : CELL_TEXT, t,
			    LIMIT_MAX_CELLS), 0);
			if (model[r][c] == NULL)
				ncells++;
			g_free(model[r][c]);
			model[r][c] = g_strdup(t);
		}
		nrows = MAX(nrows, r + 1);
		ncols = MAX(ncols, c + 1);
		/* read now and then while building, as docx.c and
		 * html-table.c read a nested table's grid */
		if (op % 500 == 499)
			model_check(g, model, nrows, ncols, ncells, false);
	}
	docbody_add_grid(b, g);
	model_check(g, model, nrows, ncols, ncells, true);
	for (size_t r = 0; r < MODEL_ROWS; r++)
		for (size_t c = 0; c < MODEL_COLS; c++)
			g_free(model[r][c]);
	docbody_free(b);
	g_rand_free(rnd);
}
END_TEST

/* Two rows set in turn, a cell at a time, as an .xls whose records
 * alternate: each visit packs a piece of a row, and reading or merging
 * them stays linear in the cells. */
START_TEST(grid_rows_set_in_turn)
{
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	char		 t[16];

	for (size_t c = 0; c < 20000; c++)
		for (size_t r = 0; r < 2; r++) {
			snprintf(t, sizeof(t), "%zu", c * 2 + r);
			ck_assert_int_eq(grid_set(g, r, c, CELL_TEXT, t,
			    LIMIT_MAX_CELLS), 0);
		}
	/* read while still in pieces */
	ck_assert_str_eq(grid_at(g, 1, 19999)->text, "39999");
	ck_assert_uint_eq(grid_next(g, 0, 7), 7);
	docbody_add_grid(b, g);
	ck_assert_uint_eq(g->ncells, 40000);
	for (size_t c = 0; c < 20000; c++) {
		snprintf(t, sizeof(t), "%zu", c * 2 + 1);
		ck_assert_str_eq(grid_at(g, 1, c)->text, t);
		ck_assert_uint_eq(grid_next(g, 0, c), c);
	}
	docbody_free(b);
}
END_TEST

/* A row written backwards and a cell set again in it; the last set wins
 * and ncells counts it once. */
START_TEST(grid_row_backwards_last_set_wins)
{
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	char		 t[16];

	for (size_t c = 16384; c-- > 0;) {
		snprintf(t, sizeof(t), "%zu", c);
		ck_assert_int_eq(grid_set(g, 0, c, CELL_TEXT, t,
		    LIMIT_MAX_CELLS), 0);
	}
	ck_assert_int_eq(grid_set(g, 0, 5, CELL_TEXT, "again",
	    LIMIT_MAX_CELLS), 0);
	ck_assert_int_eq(grid_set(g, 0, 6, CELL_EMPTY, NULL,
	    LIMIT_MAX_CELLS), 0);
	docbody_add_grid(b, g);
	ck_assert_uint_eq(g->ncells, 16383);
	ck_assert_str_eq(grid_at(g, 0, 5)->text, "again");
	ck_assert_ptr_null(grid_at(g, 0, 6)->text);
	ck_assert_uint_eq(grid_next(g, 0, 6), 7);
	ck_assert_str_eq(grid_at(g, 0, 16383)->text, "16383");
	docbody_free(b);
}
END_TEST

/* One cell at XFD64 is one cell: the row index and the cell, nothing
 * of the 64 x 16384 area. */
START_TEST(grid_cell_at_xfd64)
{
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	size_t		 before = heap_used(), after;

	ck_assert_int_eq(grid_set(g, 63, 16383, CELL_TEXT, "x",
	    LIMIT_MAX_CELLS), 0);
	docbody_add_grid(b, g);
	after = heap_used();
	ck_assert_uint_eq(g->nrows, 64);
	ck_assert_uint_eq(g->ncols, 16384);
	ck_assert_uint_eq(g->ncells, 1);
	ck_assert_uint_eq(grid_next(g, 63, 0), 16383);
	ck_assert_uint_eq(grid_next(g, 62, 0), 16384);
	ck_assert_str_eq(grid_at(g, 63, 16383)->text, "x");
	if (heap_counted())
		ck_assert_uint_lt(after - before, 64 << 10);
	docbody_free(b);
}
END_TEST

/* One 32 KiB shared string in 200,000 cells is one string: each cell
 * points to it. */
START_TEST(grid_shared_string_held_once)
{
	struct docbody	*b = docbody_new();
	GStringChunk	*chunk = g_string_chunk_new(64);
	struct grid	*g;
	char		*big = g_malloc(LIMIT_MAX_CELL_LEN + 1);
	const char	*s;
	size_t		 before, after;

	memset(big, 'a', LIMIT_MAX_CELL_LEN);
	big[LIMIT_MAX_CELL_LEN] = '\0';
	s = g_string_chunk_insert(chunk, big);
	g_free(big);
	docbody_keep_text(b, chunk);
	before = heap_used();
	g = grid_new(NULL);
	for (size_t i = 0; i < 200000; i++)
		ck_assert_int_eq(grid_set_shared(g, i / 2, i % 2, CELL_TEXT, s,
		    LIMIT_MAX_CELLS), 0);
	docbody_add_grid(b, g);
	after = heap_used();
	/* a pointer and a byte or two a cell, never the string again */
	if (heap_counted())
		ck_assert_uint_lt(after - before, 200000 * 24);
	ck_assert_ptr_eq(grid_at(g, 99999, 1)->text, s);
	ck_assert_ptr_eq(grid_at(g, 0, 0)->text, s);
	docbody_free(b);
}
END_TEST

/* grid_at's cell lives while its row is among the last GRID_ROWS_KEPT
 * read; its text as long as the grid. */
START_TEST(grid_cell_lives_while_row_kept)
{
	struct docbody		*b = docbody_new();
	struct grid		*g = grid_new(NULL);
	const struct cell	*first;
	const char		*text;
	char			 t[16];

	for (size_t r = 0; r < 100; r++) {
		snprintf(t, sizeof(t), "row %zu", r);
		ck_assert_int_eq(grid_set(g, r, 1, CELL_TEXT, t,
		    LIMIT_MAX_CELLS), 0);
	}
	docbody_add_grid(b, g);
	first = grid_at(g, 0, 1);
	text = first->text;
	for (size_t r = 1; r < GRID_ROWS_KEPT; r++)
		ck_assert_uint_eq(grid_next(g, r, 0), 1);
	ck_assert_ptr_eq(first->text, text);
	ck_assert_int_eq(first->type, CELL_TEXT);
	for (size_t r = GRID_ROWS_KEPT; r < 100; r++)
		ck_assert_ptr_nonnull(grid_at(g, r, 1)->text);
	ck_assert_str_eq(text, "row 0");
	ck_assert_ptr_eq(grid_at(g, 0, 1)->text, text);
	docbody_free(b);
}
END_TEST

/* A sheet of long rows, each over a kilobyte: each must not take a
 * chunk of the arena of its own, or 16,383 of them would fill the 32-bit
 * row index's chunks and the sheet be refused. */
START_TEST(grid_long_rows_share_chunks)
{
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	char		*t = g_malloc(1100 + 16);

	memset(t, 'x', 1100);
	for (size_t r = 0; r < 17000; r++) {
		snprintf(t + 1100, 16, "%zu", r);
		ck_assert_int_eq(grid_set(g, r, 0, CELL_TEXT, t,
		    LIMIT_MAX_CELLS), 0);
	}
	docbody_add_grid(b, g);
	ck_assert_uint_eq(g->ncells, 17000);
	ck_assert_str_eq(grid_at(g, 16999, 0)->text + 1100, "16999");
	ck_assert_uint_eq(strlen(grid_at(g, 12345, 0)->text), 1105);
	g_free(t);
	docbody_free(b);
}
END_TEST

/* A PDF page's lines: a table printed from Word is a table again, its
 * cells in the header's columns (an empty one left empty, a wrapped one
 * joined); prose around it stays paragraphs, in order. */
START_TEST(pdf_layout_table_from_columns)
{
	static const char text[] =
	    "VĂN BẢN ĐỀ NGHỊ\n"
	    "TT\tHọ và tên\tChức vụ\tSố hiệu thiết bị\tLý do\n"
	    "1\tBùi Xuân Phúc\tPhó Chánh\t4A3F7707\tNhập sai mật khẩu\n"
	    "Văn phòng\n"
	    "2\tLê Văn An\t4A3F0001\tQuên mật khẩu\n"
	    "- Họ và tên:\tĐỗ Thị Kim Oanh\n"
	    "Người phối hợp hỗ trợ khôi phục:\n";
	static const double x[] = { 56, 56, 80, 200, 300, 400,
	    56, 80, 200, 300, 400, 200, 56, 80, 300, 400, 56, 160, 56 };
	struct docbody		*b = docbody_new();
	const struct grid	*g;
	const struct cell	*c;

	pdf_layout_add(b, text, x, G_N_ELEMENTS(x), 1000);
	ck_assert_uint_eq(b->nblocks, 3);
	ck_assert_int_eq(b->blocks[0].type, BLOCK_PARAGRAPH);
	ck_assert_str_eq(b->blocks[0].text, "VĂN BẢN ĐỀ NGHỊ\n");
	ck_assert_int_eq(b->blocks[1].type, BLOCK_TABLE);
	g = b->blocks[1].grid;
	ck_assert_uint_eq(g->nrows, 3);
	ck_assert_uint_eq(g->ncols, 5);
	ck_assert_str_eq(grid_at(g, 0, 3)->text, "Số hiệu thiết bị");
	ck_assert_str_eq(grid_at(g, 1, 2)->text, "Phó Chánh Văn phòng");
	ck_assert_str_eq(grid_at(g, 1, 4)->text, "Nhập sai mật khẩu");
	ck_assert_str_eq(grid_at(g, 2, 1)->text, "Lê Văn An");
	c = grid_at(g, 2, 2);
	ck_assert(c == NULL || c->text == NULL);
	ck_assert_str_eq(grid_at(g, 2, 3)->text, "4A3F0001");
	ck_assert_int_eq(b->blocks[2].type, BLOCK_PARAGRAPH);
	ck_assert_str_eq(b->blocks[2].text, "- Họ và tên:\tĐỗ Thị Kim Oanh\n"
	    "Người phối hợp hỗ trợ khôi phục:\n");
	docbody_free(b);

	/* one line of columns is no table; nor are lines without places */
	b = docbody_new();
	pdf_layout_add(b, "a\tb\tc\nprose\n", x, 4, 1000);
	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_int_eq(b->blocks[0].type, BLOCK_PARAGRAPH);
	docbody_free(b);
	b = docbody_new();
	pdf_layout_add(b, "a\tb\tc\nd\te\tf\n", x, 2, 1000);
	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_int_eq(b->blocks[0].type, BLOCK_PARAGRAPH);
	docbody_free(b);
}
END_TEST

/* The cell limit: just below, at and above it; a cell set again at the
 * limit replaces and is not refused. */
START_TEST(grid_max_cells)
{
	struct grid *g = grid_new(NULL);

	ck_assert_int_eq(grid_set(g, 0, 0, CELL_TEXT, "a", 2), 0);
	ck_assert_int_eq(grid_set(g, 1, 0, CELL_TEXT, "b", 2), 0);
	ck_assert_int_eq(grid_set(g, 1, 1, CELL_TEXT, "c", 2), -1);
	ck_assert_int_eq(grid_set(g, 1, 0, CELL_TEXT, "b2", 2), 0);
	ck_assert_int_eq(grid_set(g, 5, 3, CELL_EMPTY, NULL, 2), 0);
	ck_assert_uint_eq(g->nrows, 6);
	ck_assert_uint_eq(g->ncols, 4);
	ck_assert_uint_eq(g->ncells, 2);
	ck_assert_str_eq(grid_at(g, 1, 0)->text, "b2");
	ck_assert_int_eq(grid_set(g, GRID_MAX_INDEX, 0, CELL_TEXT, "x",
	    LIMIT_MAX_CELLS), -1);
	ck_assert_int_eq(grid_set(g, 0, GRID_MAX_INDEX, CELL_TEXT, "x",
	    LIMIT_MAX_CELLS), -1);
	ck_assert_uint_eq(g->nrows, 6);
	grid_free(g);
}
END_TEST

Suite *
docbody_suite(void)
{
	Suite	*s = suite_create("docbody");
	TCase	*tc = tcase_create("grid");

	tcase_add_test(tc, grid_list_costs_close_to_its_text);
	tcase_add_loop_test(tc, grid_random_order_matches_model, 0, 8);
	tcase_add_test(tc, grid_rows_set_in_turn);
	tcase_add_test(tc, grid_row_backwards_last_set_wins);
	tcase_add_test(tc, grid_cell_at_xfd64);
	tcase_add_test(tc, grid_shared_string_held_once);
	tcase_add_test(tc, grid_cell_lives_while_row_kept);
	tcase_add_test(tc, grid_long_rows_share_chunks);
	tcase_add_test(tc, grid_max_cells);
	tcase_add_test(tc, pdf_layout_table_from_columns);
	suite_add_tcase(s, tc);
	return (s);
}
