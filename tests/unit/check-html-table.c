/* check-html-table.c: lists pasted into a mail body as Gmail, Outlook
 * and Thunderbird write them, and HTML that tries to get out of bounds. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/html-table.h"

static struct docbody *
read_ok(const char *html)
{
	struct docbody	*b = NULL;
	const char	*why = NULL;

	ck_assert_msg(html_table_read(html, strlen(html), NULL, &b, &why) ==
	    0, "%s", why);
	return (b);
}

static const char *
cell(const struct docbody *b, size_t i, size_t r, size_t c)
{
	const struct cell *cl;

	ck_assert_uint_lt(i, b->nblocks);
	ck_assert_int_eq(b->blocks[i].type, BLOCK_TABLE);
	cl = grid_at(b->blocks[i].grid, r, c);
	ck_assert_ptr_nonnull(cl);
	return (cl->text != NULL ? cl->text : "");
}

START_TEST(html_paragraphs_and_table_in_order)
{
	struct docbody *b = read_ok("<html><head><title>x</title><style>"
	    "td{color:red}</style></head><body><div dir=\"ltr\">HUYỆN ỦY<br>"
	    "<b>DANH SÁCH</b> ĐỀ NGHỊ</div><script>evil()</script>"
	    "<table><thead><tr><th>TT</th><th>Số điện thoại</th></tr></thead>"
	    "<tbody><tr><td>1</td><td>0982&nbsp;345 678</td></tr>"
	    "<tr><td>2</td><td>\n  0912\n345678 </td></tr></tbody></table>"
	    "<p>Ghi chú &amp; ký</p></body></html>");

	ck_assert_uint_eq(b->nblocks, 4);
	ck_assert_str_eq(b->blocks[0].text, "HUYỆN ỦY");
	ck_assert_str_eq(b->blocks[1].text, "DANH SÁCH ĐỀ NGHỊ");
	ck_assert_str_eq(cell(b, 2, 0, 1), "Số điện thoại");
	ck_assert_str_eq(cell(b, 2, 1, 1), "0982\xc2\xa0" "345 678");
	ck_assert_str_eq(cell(b, 2, 2, 1), "0912 345678");
	ck_assert_str_eq(b->blocks[3].text, "Ghi chú & ký");
	ck_assert_uint_eq(b->blocks[2].grid->nrows, 3);
	docbody_free(b);
}
END_TEST

/* colspan and rowspan placed as a browser places them. */
START_TEST(html_spans_placed)
{
	struct docbody *b = read_ok("<table>"
	    "<tr><td rowspan=\"2\">TT</td><td colspan=\"2\">Thuê bao</td>"
	    "<td>Họ và tên</td></tr>"
	    "<tr><td>Số điện thoại</td><td>Số ICCID</td><td></td></tr>"
	    "<tr><td>1</td><td>a</td><td>b</td><td>c</td></tr></table>");

	ck_assert_str_eq(cell(b, 0, 0, 0), "TT");
	ck_assert_str_eq(cell(b, 0, 0, 1), "Thuê bao");
	ck_assert_str_eq(cell(b, 0, 0, 2), "");
	ck_assert_str_eq(cell(b, 0, 0, 3), "Họ và tên");
	ck_assert_str_eq(cell(b, 0, 1, 0), "");
	ck_assert_str_eq(cell(b, 0, 1, 1), "Số điện thoại");
	ck_assert_str_eq(cell(b, 0, 1, 2), "Số ICCID");
	ck_assert_str_eq(cell(b, 0, 2, 3), "c");
	docbody_free(b);
}
END_TEST

/* A table inside a cell is that cell's text. */
START_TEST(html_nested_table_is_cell_text)
{
	struct docbody *b = read_ok("<table><tr><td><table><tr><td>a</td>"
	    "<td>b</td></tr><tr><td>c</td></tr></table></td></tr></table>");

	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_str_eq(cell(b, 0, 0, 0), "a\tb\nc");
	docbody_free(b);
}
END_TEST

/* No entity or DTD from outside is fetched; what the parser cannot
 * resolve stays text. */
START_TEST(html_no_outside_entities)
{
	struct docbody *b = read_ok("<!DOCTYPE html SYSTEM "
	    "\"http://127.0.0.1:1/x.dtd\"><p>&xxe;&#x41;</p>");

	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_str_eq(b->blocks[0].text, "&xxe;A");
	docbody_free(b);
}
END_TEST

/* Limits: nesting, rows, columns, cells (that hold text) and cell
 * length, each just at and just over. */
START_TEST(html_limits)
{
	struct parse_limits	 lim = { .max_xml_depth = 40, .max_rows = 3,
	    .max_cols = 8, .max_cells = 8, .max_cell_len = 10 };
	const char		*why;
	struct docbody		*b;
	GString			*deep = g_string_new(NULL);
	static const struct {
		const char	*html;
		const char	*why;	/* NULL: read */
	} cases[] = {
		{ "<table><tr><td>1</td></tr><tr><td>2</td></tr>"
		    "<tr><td>3</td></tr></table>", NULL },
		{ "<table><tr><td>1</td></tr><tr><td>2</td></tr>"
		    "<tr><td>3</td></tr><tr><td>4</td></tr></table>", "rows" },
		{ "<table><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>"
		    "<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>"
		    "</table>", NULL },
		{ "<table><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>"
		    "<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td>"
		    "</tr></table>", "cells" },
		{ "<table><tr><td colspan=\"8\">1</td></tr></table>",
		    NULL },
		{ "<table><tr><td colspan=\"9\">1</td></tr></table>",
		    "columns" },
		{ "<table><tr><td>0123456789</td></tr></table>", NULL },
		{ "<table><tr><td>0123456789A</td></tr></table>", "longer" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int rc = html_table_read(cases[i].html, strlen(cases[i].html),
		    &lim, &b, &why);

		if (cases[i].why == NULL) {
			ck_assert_msg(rc == 0, "case %zu: %s", i, why);
			docbody_free(b);
		} else {
			ck_assert_msg(rc == -1, "case %zu read", i);
			ck_assert_ptr_null(b);
			ck_assert_msg(strstr(why, cases[i].why) != NULL,
			    "case %zu: %s", i, why);
		}
	}
	for (int i = 0; i < 60; i++)
		g_string_append(deep, "<div>");
	g_string_append(deep, "x");
	ck_assert_int_eq(html_table_read(deep->str, deep->len, &lim, &b,
	    &why), -1);
	ck_assert_ptr_nonnull(strstr(why, "nested"));
	g_string_free(deep, TRUE);
}
END_TEST

Suite *
html_table_suite(void)
{
	Suite	*s = suite_create("html_table");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, html_paragraphs_and_table_in_order);
	tcase_add_test(tc, html_spans_placed);
	tcase_add_test(tc, html_nested_table_is_cell_text);
	tcase_add_test(tc, html_no_outside_entities);
	tcase_add_test(tc, html_limits);
	suite_add_tcase(s, tc);
	return (s);
}
