/* check-xlsx.c: workbooks as Excel and people leave them: shared and
 * inline strings, numbers kept verbatim, dates, sheet order, limits. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "parsers/xlsx.h"
#include "parsers/vn-legacy.h"
#include "tests/unit/testlib.h"

#define S_NS	"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define R_NS \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

struct sheet {
	const char	*name;
	const char	*data;		/* inside <sheetData> */
	const char	*after;		/* after </sheetData>, or NULL */
};

struct book {
	const struct sheet	*sheets;
	size_t			 n;
	const char		*sst;		/* inside <sst>, or NULL */
	const char		*styles;	/* in <styleSheet>, or NULL */
	bool			 date1904;
};

static const char styles_dates[] =
    "<numFmts count=\"3\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"&quot;day&quot;\\ 0;[Red]#\"/>"
    "</numFmts>"
    "<cellXfs count=\"6\">"
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"49\"/>"
    "</cellXfs>";

/*
 * A package holding the book. Sheet files are numbered backwards and
 * stored in file order, so zip order is the reverse of workbook order.
 */
static struct package *
xlsx_package(const struct book *bk, const struct parse_limits *l)
{
	GPtrArray	*names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray	*data = g_ptr_array_new_with_free_func(g_free);
	GString		*wb = g_string_new(NULL), *rels = g_string_new(NULL);
	size_t		*lens, len;
	unsigned char	*z;
	const char	*why;
	struct package	*pkg;

	g_string_printf(wb, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	    "standalone=\"yes\"?>\n<workbook xmlns=\"" S_NS "\" xmlns:r=\""
	    R_NS "\"><workbookPr%s/><sheets>",
	    bk->date1904 ? " date1904=\"1\"" : "");
	g_string_printf(rels, "<Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\">");
	for (size_t i = 0; i < bk->n; i++) {
		size_t	k = bk->n - i;
		char	*esc = g_markup_escape_text(bk->sheets[i].name, -1);

		g_string_append_printf(wb, "<sheet name=\"%s\" sheetId=\"%zu\" "
		    "r:id=\"rId%zu\"/>", esc, i + 1, k);
		g_string_append_printf(rels, "<Relationship Id=\"rId%zu\" "
		    "Type=\"" REL "worksheet\" Target=\"worksheets/sheet%zu.xml"
		    "\"/>", k, k);
		g_free(esc);
	}
	g_string_append(wb, "</sheets></workbook>");
	if (bk->sst != NULL)
		g_string_append(rels, "<Relationship Id=\"rIdS\" Type=\""
		    REL "sharedStrings\" Target=\"sharedStrings.xml\"/>");
	if (bk->styles != NULL)
		g_string_append(rels, "<Relationship Id=\"rIdT\" Type=\""
		    REL "styles\" Target=\"/xl/styles.xml\"/>");
	g_string_append(rels, "</Relationships>");

	g_ptr_array_add(names, g_strdup("[Content_Types].xml"));
	g_ptr_array_add(data, g_strdup("<Types xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/content-types\"/>"));
	g_ptr_array_add(names, g_strdup("_rels/.rels"));
	g_ptr_array_add(data, g_strdup("<Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\"><Relationship "
	    "Id=\"rId1\" Type=\"" REL "officeDocument\" "
	    "Target=\"xl/workbook.xml\"/></Relationships>"));
	g_ptr_array_add(names, g_strdup("xl/workbook.xml"));
	g_ptr_array_add(data, g_string_free(wb, FALSE));
	g_ptr_array_add(names, g_strdup("xl/_rels/workbook.xml.rels"));
	g_ptr_array_add(data, g_string_free(rels, FALSE));
	if (bk->sst != NULL) {
		g_ptr_array_add(names, g_strdup("xl/sharedStrings.xml"));
		g_ptr_array_add(data, g_strdup_printf("<sst xmlns=\"" S_NS
		    "\">%s</sst>", bk->sst));
	}
	if (bk->styles != NULL) {
		g_ptr_array_add(names, g_strdup("xl/styles.xml"));
		g_ptr_array_add(data, g_strdup_printf("<styleSheet xmlns=\""
		    S_NS "\">%s</styleSheet>", bk->styles));
	}
	for (size_t k = 1; k <= bk->n; k++) {
		const struct sheet *sh = &bk->sheets[bk->n - k];

		g_ptr_array_add(names, g_strdup_printf("xl/worksheets/"
		    "sheet%zu.xml", k));
		g_ptr_array_add(data, g_strdup_printf("<worksheet xmlns=\""
		    S_NS "\" xmlns:r=\"" R_NS "\"><dimension ref=\"A1\"/>"
		    "<sheetData>%s</sheetData>%s</worksheet>", sh->data,
		    sh->after ? sh->after : ""));
	}
	lens = g_new(size_t, names->len);
	for (size_t i = 0; i < names->len; i++)
		lens[i] = strlen(g_ptr_array_index(data, i));
	z = test_zipn(names->len, (const char *const *)names->pdata,
	    (const unsigned char *const *)data->pdata, lens, &len);
	pkg = package_open(z, len, l, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	g_free(z);
	g_free(lens);
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(data, TRUE);
	return (pkg);
}

static struct docbody *
read_book(const struct book *bk, const struct parse_limits *l,
    const char **why)
{
	struct package	*pkg = xlsx_package(bk, NULL);
	struct docbody	*b = (struct docbody *)1;
	int		 rc = xlsx_read(pkg, l, &b, why);

	ck_assert_int_eq(rc, b != NULL ? 0 : -1);
	package_free(pkg);
	return (b);
}

/* One sheet named "DS" holding data. */
static struct docbody *
read_sheet(const char *data, const char *sst, const char *styles,
    bool date1904)
{
	struct sheet	 sh = { "DS", data, NULL };
	struct book	 bk = { &sh, 1, sst, styles, date1904 };
	const char	*why;
	struct docbody	*b = read_book(&bk, NULL, &why);

	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_int_eq(b->blocks[0].type, BLOCK_TABLE);
	return (b);
}

static const struct cell *
at(const struct docbody *b, size_t blk, size_t r, size_t c)
{
	const struct cell *cl = grid_at(b->blocks[blk].grid, r, c);

	ck_assert_msg(cl != NULL, "no cell (%zu, %zu)", r, c);
	return (cl);
}

static void
expect(const struct docbody *b, size_t blk, size_t r, size_t c,
    enum cell_type type, const char *text)
{
	const struct cell *cl = at(b, blk, r, c);

	ck_assert_int_eq(cl->type, type);
	if (text == NULL)
		ck_assert_ptr_null(cl->text);
	else
		ck_assert_str_eq(cl->text, text);
}

START_TEST(xlsx_shared_strings_rich_runs_without_phonetic)
{
	struct docbody *b = read_sheet("<row r=\"1\">"
	    "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	    "<c r=\"C1\" t=\"s\"><v>2</v></c></row>",
	    "<si><t>S\xe1\xbb\x91 ICCID</t></si>"
	    "<si><r><t xml:space=\"preserve\">Nguy\xe1\xbb\x85n </t></r>"
	    "<r><rPr><b/></rPr><t>V\xc4\x83n A</t></r>"
	    "<rPh sb=\"0\" eb=\"1\"><t>\xe3\x81\x90</t></rPh>"
	    "<phoneticPr fontId=\"1\"/></si>"
	    "<si><t>line_x000D_\nnext_x005F_x0041_</t></si>", NULL, false);

	expect(b, 0, 0, 0, CELL_TEXT, "S\xe1\xbb\x91 ICCID");
	expect(b, 0, 0, 1, CELL_TEXT, "Nguy\xe1\xbb\x85n V\xc4\x83n A");
	expect(b, 0, 0, 2, CELL_TEXT, "line\r\nnext_x0041_");
	ck_assert_str_eq(b->blocks[0].grid->name, "DS");
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_inline_strings)
{
	struct docbody *b = read_sheet("<row r=\"1\">"
	    "<c r=\"A1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
	    "<c r=\"B1\" t=\"inlineStr\"><is><r><t>ri</t></r><r><t>ch</t></r>"
	    "<rPh><t>x</t></rPh></is></c></row>", NULL, NULL, false);

	expect(b, 0, 0, 0, CELL_TEXT, "inline");
	expect(b, 0, 0, 1, CELL_TEXT, "rich");
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_iccid_stored_as_float)
{
	struct docbody *b = read_sheet("<row r=\"2\">"
	    "<c r=\"C2\"><v>8.98404E+18</v></c>"
	    "<c r=\"D2\" s=\"0\" t=\"n\"><v>8.9840400000000005E+18</v></c>"
	    "</row>", NULL, styles_dates, false);

	expect(b, 0, 1, 2, CELL_NUMBER, "8.98404E+18");
	expect(b, 0, 1, 3, CELL_NUMBER, "8.9840400000000005E+18");
	expect(b, 0, 0, 0, CELL_EMPTY, NULL);
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_phone_number_kept_verbatim)
{
	struct docbody *b = read_sheet("<row r=\"1\">"
	    "<c r=\"B1\"><v>982345678</v></c>"
	    "<c r=\"C1\" s=\"3\"><v>84912345678</v></c></row>",
	    NULL, styles_dates, false);

	expect(b, 0, 0, 1, CELL_NUMBER, "982345678");
	expect(b, 0, 0, 2, CELL_NUMBER, "84912345678");
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*v;
	int		 style;
	bool		 date1904;
	enum cell_type	 type;
	const char	*text;
} dates[] = {
	{ "45413", 1, false, CELL_DATE, "2024-05-01" },
	{ "45413", 2, false, CELL_DATE, "2024-05-01" },
	{ "45413", 0, false, CELL_NUMBER, "45413" },
	{ "45413", 3, false, CELL_NUMBER, "45413" },
	{ "45413", 4, false, CELL_NUMBER, "45413" },
	{ "45413", 5, false, CELL_NUMBER, "45413" },
	{ "45413.5", 1, false, CELL_DATE, "2024-05-01T12:00:00" },
	{ "1", 1, false, CELL_DATE, "1900-01-01" },
	{ "59", 1, false, CELL_DATE, "1900-02-28" },
	{ "60", 1, false, CELL_DATE, "1900-02-29" },
	{ "61", 1, false, CELL_DATE, "1900-03-01" },
	{ "36526", 2, false, CELL_DATE, "2000-01-01" },
	{ "2958465", 1, false, CELL_DATE, "9999-12-31" },
	{ "0", 1, false, CELL_NUMBER, "0" },
	{ "-5", 1, false, CELL_NUMBER, "-5" },
	{ "3000000", 1, false, CELL_NUMBER, "3000000" },
	{ "0", 1, true, CELL_DATE, "1904-01-01" },
	{ "43951", 1, true, CELL_DATE, "2024-05-01" },
};

START_TEST(xlsx_date_cell_iso)
{
	char *data = g_strdup_printf("<row r=\"1\"><c r=\"A1\" s=\"%d\"><v>%s"
	    "</v></c></row>", dates[_i].style, dates[_i].v);
	struct docbody *b = read_sheet(data, NULL, styles_dates,
	    dates[_i].date1904);

	expect(b, 0, 0, 0, dates[_i].type, dates[_i].text);
	docbody_free(b);
	g_free(data);
}
END_TEST

START_TEST(xlsx_sheets_in_workbook_order_list_on_second)
{
	struct sheet sheets[] = {
		{ "B\xc3\xacu", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		    "</row>", NULL },
		{ "DS", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c>"
		    "<c r=\"B1\" t=\"s\"><v>2</v></c><c r=\"C1\" t=\"s\"><v>3"
		    "</v></c></row>"
		    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>"
		    "982345678</v></c><c r=\"C2\"><v>8.98404E+18</v></c></row>"
		    "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\" t=\"s\">"
		    "<v>4</v></c><c r=\"C3\" t=\"str\"><v>8984040000000000001"
		    "</v></c></row>", NULL },
	};
	struct book	 bk = { sheets, 2, "<si><t>Danh s\xc3\xa1" "ch</t></si>"
	    "<si><t>TT</t></si><si><t>S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i</t></si><si><t>S\xe1\xbb\x91 ICCID</t></si>"
	    "<si><t>0982.345.678</t></si>", NULL, false };
	const char	*why;
	struct docbody	*b = read_book(&bk, NULL, &why);

	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(b->nblocks, 2);
	ck_assert_str_eq(b->blocks[0].grid->name, "B\xc3\xacu");
	ck_assert_str_eq(b->blocks[1].grid->name, "DS");
	expect(b, 0, 0, 0, CELL_TEXT, "Danh s\xc3\xa1" "ch");
	ck_assert_uint_eq(b->blocks[1].grid->nrows, 3);
	ck_assert_uint_eq(b->blocks[1].grid->ncols, 3);
	expect(b, 1, 0, 1, CELL_TEXT, "S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i");
	expect(b, 1, 1, 1, CELL_NUMBER, "982345678");
	expect(b, 1, 1, 2, CELL_NUMBER, "8.98404E+18");
	expect(b, 1, 2, 1, CELL_TEXT, "0982.345.678");
	expect(b, 1, 2, 2, CELL_TEXT, "8984040000000000001");
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_merged_title_cell)
{
	struct sheet sh = { "DS", "<row r=\"1\" spans=\"1:5\">"
	    "<c r=\"A1\" s=\"0\" t=\"inlineStr\"><is><t>DANH S\xc3\x81" "CH"
	    "</t></is></c><c r=\"B1\" s=\"0\"/><c r=\"C1\" s=\"0\"/>"
	    "<c r=\"D1\" s=\"0\"/><c r=\"E1\" s=\"0\"/></row>"
	    "<row r=\"2\"><c r=\"E2\"><v>5</v></c></row>",
	    "<mergeCells count=\"1\"><mergeCell ref=\"A1:E1\"/></mergeCells>" };
	struct book	 bk = { &sh, 1, NULL, NULL, false };
	const char	*why;
	struct docbody	*b = read_book(&bk, NULL, &why);

	expect(b, 0, 0, 0, CELL_TEXT, "DANH S\xc3\x81" "CH");
	for (size_t c = 1; c < 5; c++)
		expect(b, 0, 0, c, CELL_EMPTY, NULL);
	expect(b, 0, 1, 4, CELL_NUMBER, "5");
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_value_types)
{
	struct docbody *b = read_sheet("<row r=\"1\">"
	    "<c r=\"A1\" t=\"str\"><f>A2&amp;\"x\"</f><v>text result</v></c>"
	    "<c r=\"B1\" t=\"b\"><v>1</v></c><c r=\"C1\" t=\"b\"><v>0</v></c>"
	    "<c r=\"D1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
	    "<c r=\"E1\"><f>1+1</f><v>2</v></c>"
	    "<c r=\"F1\" t=\"d\"><v>2024-05-01T00:00:00</v></c>"
	    "<c r=\"G1\" t=\"s\"/><c r=\"H1\"><f>x</f></c></row>",
	    NULL, NULL, false);
	const struct grid *g = b->blocks[0].grid;

	expect(b, 0, 0, 0, CELL_TEXT, "text result");
	expect(b, 0, 0, 1, CELL_BOOL, "TRUE");
	expect(b, 0, 0, 2, CELL_BOOL, "FALSE");
	expect(b, 0, 0, 3, CELL_ERROR, "#DIV/0!");
	expect(b, 0, 0, 4, CELL_NUMBER, "2");
	expect(b, 0, 0, 5, CELL_DATE, "2024-05-01T00:00:00");
	ck_assert_uint_eq(g->ncols, 6);
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_cells_without_reference)
{
	struct docbody *b = read_sheet(
	    "<row><c><v>1</v></c><c><v>2</v></c></row>"
	    "<row><c><v>3</v></c><c r=\"D2\"><v>4</v></c><c><v>5</v></c>"
	    "</row><row r=\"7\"><c><v>6</v></c></row><row><c><v>7</v></c>"
	    "</row>", NULL, NULL, false);

	expect(b, 0, 0, 0, CELL_NUMBER, "1");
	expect(b, 0, 0, 1, CELL_NUMBER, "2");
	expect(b, 0, 1, 0, CELL_NUMBER, "3");
	expect(b, 0, 1, 3, CELL_NUMBER, "4");
	expect(b, 0, 1, 4, CELL_NUMBER, "5");
	expect(b, 0, 6, 0, CELL_NUMBER, "6");
	expect(b, 0, 7, 0, CELL_NUMBER, "7");
	ck_assert_uint_eq(b->blocks[0].grid->nrows, 8);
	docbody_free(b);
}
END_TEST

/* max_rows 100: 99 and 100 rows read; 101 refuse the whole book. */
START_TEST(xlsx_row_limit)
{
	struct parse_limits	 l = { .max_rows = 100 };
	size_t			 n = 99 + (size_t)_i;
	GString			*s = g_string_new(NULL);
	struct sheet		 sh[2] = { { "Cover", "<row><c><v>1</v></c>"
	    "</row>", NULL }, { "DS", NULL, NULL } };
	struct book		 bk = { sh, 2, NULL, NULL, false };
	const char		*why;
	struct docbody		*b;

	for (size_t i = 1; i <= n; i++)
		g_string_append_printf(s, "<row r=\"%zu\"><c r=\"A%zu\"><v>%zu"
		    "</v></c></row>", i, i, i);
	sh[1].data = s->str;
	b = read_book(&bk, &l, &why);
	if (n <= 100) {
		ck_assert_msg(b != NULL, "%s", why);
		ck_assert_uint_eq(b->blocks[1].grid->nrows, n);
	} else {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why, "sheet 'DS' has more than 100 rows");
	}
	docbody_free(b);
	g_string_free(s, TRUE);
}
END_TEST

static const char *const bad_sst_index[] = { "2", "99999999999999999999",
	"-1", "abc", "1x" };

START_TEST(xlsx_bad_shared_string_index)
{
	char		*data = g_strdup_printf("<row r=\"7\">"
	    "<c r=\"B7\" t=\"s\"><v>%s</v></c></row>", bad_sst_index[_i]);
	struct sheet	 sh = { "DS", data, NULL };
	struct book	 bk = { &sh, 1, "<si><t>a</t></si><si><t>b</t></si>",
	    NULL, false };
	const char	*why;
	struct docbody	*b = read_book(&bk, NULL, &why);

	ck_assert_ptr_null(b);
	ck_assert_msg(g_str_has_prefix(why, "sheet 'DS' cell B7 refers to "
	    "shared string"), "%s", why);
	g_free(data);
}
END_TEST

/* max_cell_len 10: 9 and 10 bytes read, 11 do not. */
START_TEST(xlsx_cell_length_limit)
{
	struct parse_limits	 l = { .max_cell_len = 10 };
	const char		*texts[] = { "123456789", "1234567890",
	    "12345678901" };
	char			*data = g_strdup_printf("<row>"
	    "<c t=\"inlineStr\"><is><t>%s</t></is></c></row>", texts[_i]);
	struct sheet		 sh = { "DS", data, NULL };
	struct book		 bk = { &sh, 1, NULL, NULL, false };
	const char		*why;
	struct docbody		*b = read_book(&bk, &l, &why);

	if (_i < 2)
		expect(b, 0, 0, 0, CELL_TEXT, texts[_i]);
	else {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why,
		    "sheet 'DS' cell A1 is longer than 10 bytes");
	}
	docbody_free(b);
	g_free(data);
}
END_TEST

/* Two 2x2 sheets: 8 cells; limits 7, 8, 9. */
START_TEST(xlsx_cell_count_limit)
{
	struct parse_limits	 l = { .max_cells = 7 + (size_t)_i };
	const char		*d = "<row><c><v>1</v></c><c><v>2</v></c></row>"
	    "<row><c><v>3</v></c><c><v>4</v></c></row>";
	struct sheet		 sh[2] = { { "A", d, NULL }, { "B", d, NULL } };
	struct book		 bk = { sh, 2, NULL, NULL, false };
	const char		*why;
	struct docbody		*b = read_book(&bk, &l, &why);

	if (_i == 0) {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why, "sheet 'B' has more than 7 cells");
	} else
		ck_assert_uint_eq(b->nblocks, 2);
	docbody_free(b);
}
END_TEST

/* At the default row limit the sheet streams through; one more row
 * refuses the book. */
START_TEST(xlsx_default_row_limit_streamed)
{
	size_t		 n = LIMIT_MAX_ROWS + (size_t)_i;
	GString		*s = g_string_sized_new(n * 48);
	struct sheet	 sh = { "DS", NULL, NULL };
	struct book	 bk = { &sh, 1, NULL, NULL, false };
	const char	*why;
	struct docbody	*b;

	for (size_t i = 1; i <= n; i++)
		g_string_append_printf(s, "<row r=\"%zu\"><c r=\"A%zu\"><v>%zu"
		    "</v></c></row>", i, i, 84900000000 + i);
	sh.data = s->str;
	b = read_book(&bk, NULL, &why);
	if (_i == 0) {
		ck_assert_msg(b != NULL, "%s", why);
		ck_assert_uint_eq(b->blocks[0].grid->nrows, n);
		expect(b, 0, n - 1, 0, CELL_NUMBER, "84900250000");
	} else {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why, "sheet 'DS' has more than 250000 rows");
	}
	docbody_free(b);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(xlsx_unreadable_books)
{
	struct sheet	 bad_ref = { "DS",
	    "<row><c r=\"1A\"><v>1</v></c></row>", NULL };
	struct sheet	 bad_row = { "DS", "<row r=\"0\"><c><v>1</v></c></row>",
	    NULL };
	struct sheet	 bad_xml = { "DS", "<row><c><v>1</v></row>", NULL };
	struct sheet	 deep = { "DS", "<row><c><v>1</v></c></row>", NULL };
	struct book	 books[] = {
		{ &bad_ref, 1, NULL, NULL, false },
		{ &bad_row, 1, NULL, NULL, false },
		{ &bad_xml, 1, NULL, NULL, false },
		{ &deep, 1, "<si><t>unclosed</si>", NULL, false },
	};
	const char	*why;

	for (size_t i = 0; i < sizeof(books) / sizeof(books[0]); i++) {
		ck_assert_ptr_null(read_book(&books[i], NULL, &why));
		ck_assert_ptr_nonnull(why);
	}
}
END_TEST

START_TEST(xlsx_sheet_with_doctype_refused)
{
	const char *e[] = { "xl/workbook.xml", "<workbook xmlns=\"" S_NS "\" "
	    "xmlns:r=\"" R_NS "\"><sheets><sheet name=\"DS\" r:id=\"rId1\"/>"
	    "</sheets></workbook>", "xl/_rels/workbook.xml.rels",
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	    "2006/relationships\"><Relationship Id=\"rId1\" Type=\"" REL
	    "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
	    "xl/worksheets/sheet1.xml", "<!DOCTYPE w [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><worksheet xmlns=\"" S_NS "\"><sheetData>"
	    "<row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData>"
	    "</worksheet>", NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why;
	struct package	*pkg = package_open(z, len, NULL, &why);
	struct docbody	*b;

	ck_assert_int_eq(xlsx_read(pkg, NULL, &b, &why), -1);
	ck_assert_str_eq(why, "sheet 'DS' cannot be read as XML");
	package_free(pkg);
	g_free(z);
}
END_TEST

START_TEST(xlsx_text_with_entities_and_cdata)
{
	struct docbody *b = read_sheet("<row r=\"1\">"
	    "<c r=\"A1\" t=\"inlineStr\"><is><t>a &amp; b &#x1EC7;"
	    "<![CDATA[<x>]]></t></is></c>"
	    "<c r=\"B1\"><v><![CDATA[0982]]>345678</v></c>"
	    "<c r=\"C1\" t=\"s\"><v>0</v></c></row>",
	    "<si><t>&lt;T&gt; &quot;1&quot;</t></si>", NULL, false);

	expect(b, 0, 0, 0, CELL_TEXT, "a & b \xe1\xbb\x87<x>");
	expect(b, 0, 0, 1, CELL_NUMBER, "0982345678");
	expect(b, 0, 0, 2, CELL_TEXT, "<T> \"1\"");
	docbody_free(b);
}
END_TEST

/* Sheet and shared strings many times the 64 KiB the stream inflates at
 * a time: every value is whole, wherever the pieces were cut. */
START_TEST(xlsx_parts_larger_than_a_chunk)
{
	size_t		 n = 6000;
	GString		*d = g_string_new(NULL), *sst = g_string_new(NULL);
	struct sheet	 sh = { "DS", NULL, NULL };
	struct book	 bk = { &sh, 1, NULL, NULL, false };
	const char	*why;
	struct docbody	*b;

	for (size_t i = 1; i <= n; i++) {
		g_string_append_printf(sst, "<si><r><t>Nguy\xe1\xbb\x85n "
		    "</t></r><r><t>%zu_x000D_</t></r><rPh><t>x</t></rPh>"
		    "</si>", i);
		g_string_append_printf(d, "<row r=\"%zu\"><c r=\"A%zu\">"
		    "<v>%zu</v></c><c r=\"B%zu\" t=\"s\"><v>%zu</v></c>"
		    "<c r=\"C%zu\" t=\"inlineStr\"><is><t>V\xc4\x83n &amp; "
		    "%zu</t></is></c></row>", i, i, 84900000000 + i, i, i - 1,
		    i, i);
	}
	ck_assert_uint_gt(d->len, (size_t)4 << 16);
	ck_assert_uint_gt(sst->len, (size_t)4 << 16);
	sh.data = d->str;
	bk.sst = sst->str;
	b = read_book(&bk, NULL, &why);
	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(b->blocks[0].grid->nrows, n);
	ck_assert_uint_eq(b->blocks[0].grid->ncols, 3);
	for (size_t i = 1; i <= n; i++) {
		char *num = g_strdup_printf("%zu", 84900000000 + i);
		char *name = g_strdup_printf("Nguy\xe1\xbb\x85n %zu\r", i);
		char *text = g_strdup_printf("V\xc4\x83n & %zu", i);

		expect(b, 0, i - 1, 0, CELL_NUMBER, num);
		expect(b, 0, i - 1, 1, CELL_TEXT, name);
		expect(b, 0, i - 1, 2, CELL_TEXT, text);
		g_free(num);
		g_free(name);
		g_free(text);
	}
	docbody_free(b);
	g_string_free(d, TRUE);
	g_string_free(sst, TRUE);
}
END_TEST

/* Attribute values longer than any sound one are still read whole. */
START_TEST(xlsx_long_attribute_values)
{
	struct docbody	*b = read_sheet("<row r=\"1\"><c r=\"A1\" s=\"000000"
	    "000000000000000000000000000000001\"><v>45413</v></c><c r=\"B1\" "
	    "t=\"inlineStrButNotQuiteAnyTypeAtAll\"><v>kept</v></c></row>",
	    NULL, styles_dates, false);
	struct sheet	 sh = { "DS", "<row><c r=\"ABCDEFGHIJKLMNOPQRSTUVWXYZ1"
	    "\"><v>1</v></c></row>", NULL };
	struct book	 bk = { &sh, 1, NULL, NULL, false };
	const char	*why;

	expect(b, 0, 0, 0, CELL_DATE, "2024-05-01");
	expect(b, 0, 0, 1, CELL_TEXT, "kept");
	docbody_free(b);
	ck_assert_ptr_null(read_book(&bk, NULL, &why));
	ck_assert_str_eq(why,
	    "sheet 'DS' has a bad cell reference 'ABCDEFGHIJKLMNOP'");
}
END_TEST

/* The package's total size limit still holds while a sheet streams. */
START_TEST(xlsx_total_size_limit_while_streaming)
{
	struct parse_limits	 l = { .max_total_size = 40000 };
	GString			*d = g_string_new(NULL);
	struct sheet		 sh = { "DS", NULL, NULL };
	struct book		 bk = { &sh, 1, NULL, NULL, false };
	struct package		*pkg;
	struct docbody		*b;
	const char		*why;

	for (size_t i = 1; i <= 3000; i++)
		g_string_append_printf(d, "<row r=\"%zu\"><c><v>%zu</v></c>"
		    "</row>", i, i * 7919 % 100003);
	sh.data = d->str;
	ck_assert_uint_gt(d->len, l.max_total_size);
	pkg = xlsx_package(&bk, &l);
	ck_assert_int_eq(xlsx_read(pkg, &l, &b, &why), -1);
	ck_assert_str_eq(why, "sheet 'DS' xl/worksheets/sheet1.xml: ZIP "
	    "package inflates beyond the total size limit");
	package_free(pkg);
	g_string_free(d, TRUE);
}
END_TEST

/* Fonts 1 (.VnTime), 2 (.VnTimeH) and 3 (VNI-Times), used by cell styles
 * 1, 2 and 3; style 0 is Calibri. */
static const char styles_legacy[] =
    "<fonts count=\"4\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><name val=\".VnTime\"/></font><font><b/><name val=\".VnTimeH\"/>"
    "</font><font><name val=\"VNI-Times\"/></font></fonts>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\"/><xf numFmtId=\"0\" fontId=\"2\"/>"
    "<xf numFmtId=\"49\" fontId=\"3\"/></cellXfs>";

/* A cell's font decides: the same shared string reads differently in a
 * .VnTime cell and a Calibri one; numbers are never touched. */
/* One shared string of Excel's longest in many cells: held once, each
 * cell pointing to it (copied per cell, four million cells of it made
 * 128 GiB out of a small attachment). A converted cell is its own. */
START_TEST(xlsx_shared_string_in_many_cells_held_once)
{
	GString		*rows = g_string_new(NULL), *sst = g_string_new(NULL);
	struct docbody	*b;
	const struct cell *c;
	const char	*first;

	g_string_append(sst, "<si><t>");
	for (size_t i = 0; i < LIMIT_MAX_CELL_LEN; i++)
		g_string_append_c(sst, (char)('a' + i % 26));
	g_string_append(sst, "</t></si>");
	for (int r = 1; r <= 2000; r++)
		g_string_append_printf(rows, "<row r=\"%d\"><c r=\"A%d\" "
		    "t=\"s\"><v>0</v></c><c r=\"B%d\" t=\"s\"><v>0</v></c>"
		    "</row>", r, r, r);
	b = read_sheet(rows->str, sst->str, NULL, false);
	/* the text, not the cell: a cell lives while its row is kept
	 * decoded, its text as long as the grid */
	first = at(b, 0, 0, 0)->text;
	ck_assert_uint_eq(strlen(first), LIMIT_MAX_CELL_LEN);
	for (size_t r = 0; r < 2000; r++)
		for (size_t col = 0; col < 2; col++) {
			c = at(b, 0, r, col);
			ck_assert_int_eq(c->type, CELL_TEXT);
			ck_assert_ptr_eq(c->text, first);
		}
	docbody_free(b);
	g_string_free(rows, TRUE);
	g_string_free(sst, TRUE);
}
END_TEST

START_TEST(xlsx_legacy_cell_fonts_converted)
{
	struct docbody *b = read_sheet(
	    "<row r=\"1\"><c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c>"
	    "<c r=\"B1\" t=\"s\" s=\"2\"><v>1</v></c>"
	    "<c r=\"C1\" t=\"s\" s=\"3\"><v>2</v></c>"
	    "<c r=\"D1\" t=\"s\" s=\"0\"><v>0</v></c>"
	    "<c r=\"E1\" t=\"inlineStr\" s=\"1\"><is><t>Tr\xc2\xad\xc3\xaang"
	    "</t></is></c><c r=\"F1\" s=\"1\"><v>982345678</v></c></row>",
	    "<si><t>Hä vµ tªn</t></si><si><t>danh s¸ch</t></si>"
	    "<si><t>Chöùc vuï</t></si>", styles_legacy, false);

	expect(b, 0, 0, 0, CELL_TEXT, "Họ và tên");
	expect(b, 0, 0, 1, CELL_TEXT, "DANH SÁCH");
	expect(b, 0, 0, 2, CELL_TEXT, "Chức vụ");
	expect(b, 0, 0, 3, CELL_TEXT, "Hä vµ tªn");
	expect(b, 0, 0, 4, CELL_TEXT, "Trường");
	expect(b, 0, 0, 5, CELL_NUMBER, "982345678");
	ck_assert_uint_eq(b->legacy, 4);
	ck_assert_uint_eq(b->legacy_fonts,
	    VN_LEGACY_FAMILY_TCVN3 | VN_LEGACY_FAMILY_VNI);
	docbody_free(b);
}
END_TEST

/* Rich runs name their own font (rPr/rFont): each run is converted by
 * its own, whatever the cell's. */
START_TEST(xlsx_legacy_rich_runs_converted)
{
	struct docbody *b = read_sheet(
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
	    "<c r=\"B1\" t=\"s\" s=\"3\"><v>0</v></c></row>",
	    "<si><r><rPr><b/><rFont val=\".VnTime\"/></rPr><t>Hä vµ </t></r>"
	    "<r><rPr><rFont val=\"Arial\"/></rPr><t>A</t></r>"
	    "<r><rPr><rFont val=\"VNI-Times\"/></rPr>"
	    "<t xml:space=\"preserve\"> Ba\xc3\xb9_x0041_</t></r></si>",
	    styles_legacy, false);

	expect(b, 0, 0, 0, CELL_TEXT, "Họ và A Bá" "A");
	expect(b, 0, 0, 1, CELL_TEXT, "Họ và A Bá" "A");
	ck_assert_uint_eq(b->legacy, 2);
	/* from the shared strings' own runs too */
	ck_assert_uint_eq(b->legacy_fonts,
	    VN_LEGACY_FAMILY_TCVN3 | VN_LEGACY_FAMILY_VNI);
	docbody_free(b);
}
END_TEST

/* ---- wide and hostile grids (issue 11.2) -------------------------------
 * A grid costs the cells it holds, never its area; the wide case's
 * timeout is the hang guard (one stray cell at XFD64 took 1.3 s of
 * form_read when every column of 64 rows was classified). */

/* A short SIM list and one cell far to the right: XFD, Excel's last
 * column, is read; XFE is past it and refused. */
START_TEST(xlsx_stray_cell_at_last_column)
{
	static const char *const refs[] = { "XFD64", "XFE64" };
	char		*d = g_strdup_printf(
	    "<row r=\"1\"><c t=\"inlineStr\"><is><t>DANH S\xc3\x81" "CH \xc4\x90"
	    "\xe1\xbb\x80 NGH\xe1\xbb\x8a K\xc3\x8d" "CH HO\xe1\xba\xa0T SIM "
	    "K\xc3\x9d S\xe1\xbb\x90</t></is></c></row>"
	    "<row r=\"3\"><c t=\"inlineStr\"><is><t>TT</t></is></c>"
	    "<c t=\"inlineStr\"><is><t>S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n "
	    "tho\xe1\xba\xa1i</t></is></c><c t=\"inlineStr\"><is><t>S\xe1\xbb"
	    "\x91 ICCID</t></is></c><c t=\"inlineStr\"><is><t>H\xe1\xbb\x8d "
	    "v\xc3\xa0 t\xc3\xaan</t></is></c><c t=\"inlineStr\"><is><t>Ch"
	    "\xe1\xbb\xa9" "c v\xe1\xbb\xa5</t></is></c></row>"
	    "<row r=\"4\"><c><v>1</v></c><c t=\"inlineStr\"><is><t>0982345678"
	    "</t></is></c><c t=\"inlineStr\"><is><t>8984048000000000012</t>"
	    "</is></c><c t=\"inlineStr\"><is><t>Nguy\xe1\xbb\x85n V\xc4\x83n A"
	    "</t></is></c><c t=\"inlineStr\"><is><t>B\xc3\xad th\xc6\xb0</t>"
	    "</is></c></row>"
	    "<row r=\"64\"><c r=\"%s\" t=\"inlineStr\"><is><t>x</t></is></c>"
	    "</row>", refs[_i]);
	struct sheet	 sh = { "DS", d, NULL };
	struct book	 bk = { &sh, 1, NULL, NULL, false };
	const char	*why;
	struct docbody	*b = read_book(&bk, NULL, &why);
	struct form	*f;

	if (_i == 1) {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why, "sheet 'DS' has a bad cell reference "
		    "'XFE64'");
		g_free(d);
		return;
	}
	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(b->blocks[0].grid->ncols, 16384);
	ck_assert_uint_eq(b->blocks[0].grid->nrows, 64);
	ck_assert_uint_eq(b->blocks[0].grid->ncells, 12);
	expect(b, 0, 63, 16383, CELL_TEXT, "x");
	expect(b, 0, 63, 16382, CELL_EMPTY, NULL);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_uint_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	form_free(f);
	docbody_free(b);
	g_free(d);
}
END_TEST

/* One row of all 16,384 cells written from XFD back to A, then A1 again:
 * read in column order, the last value set wins. */
START_TEST(xlsx_row_written_backwards)
{
	GString		*d = g_string_new("<row r=\"1\">");
	char		 name[8];
	struct docbody	*b;
	const struct grid *g;

	for (size_t c = 16384; c > 0; c--) {
		size_t n = 0, k = c;
		char   tmp[8];

		for (; k > 0; k = (k - 1) / 26)
			tmp[n++] = (char)('A' + (k - 1) % 26);
		for (size_t i = 0; i < n; i++)
			name[i] = tmp[n - 1 - i];
		name[n] = '\0';
		g_string_append_printf(d, "<c r=\"%s1\"><v>%zu</v></c>", name,
		    c - 1);
	}
	g_string_append(d, "<c r=\"A1\"><v>last</v></c></row>");
	b = read_sheet(d->str, NULL, NULL, false);
	g = b->blocks[0].grid;
	ck_assert_uint_eq(g->ncols, 16384);
	ck_assert_uint_eq(g->ncells, 16384);
	expect(b, 0, 0, 0, CELL_NUMBER, "last");
	for (size_t c = 1; c < 16384; c++) {
		char want[8];

		g_snprintf(want, sizeof(want), "%zu", c);
		ck_assert_str_eq(at(b, 0, 0, c)->text, want);
		ck_assert_uint_eq(grid_next(g, 0, c), c);
	}
	docbody_free(b);
	g_string_free(d, TRUE);
}
END_TEST

/* A1 and A250000 (the row limit) with nothing between, and a diagonal
 * of 4,000 cells: 250,000 and 16 million cells of area, 2 and 4,000 held.
 * Both are read and decided as no form. */
START_TEST(xlsx_empty_rows_and_diagonal)
{
	GString		*d = g_string_new(NULL);
	struct docbody	*b;
	struct form	*f;

	if (_i == 0)
		g_string_append(d, "<row r=\"1\"><c t=\"inlineStr\"><is><t>a"
		    "</t></is></c></row><row r=\"250000\"><c t=\"inlineStr\">"
		    "<is><t>b</t></is></c></row>");
	else
		for (size_t i = 0; i < 4000; i++) {
			char	name[8], tmp[8];
			size_t	n = 0, k = i + 1;

			for (; k > 0; k = (k - 1) / 26)
				tmp[n++] = (char)('A' + (k - 1) % 26);
			for (size_t j = 0; j < n; j++)
				name[j] = tmp[n - 1 - j];
			name[n] = '\0';
			g_string_append_printf(d, "<row r=\"%zu\"><c r=\"%s%zu\""
			    " t=\"inlineStr\"><is><t>T\xc3\xaan %zu</t></is></c>"
			    "</row>", i + 1, name, i + 1, i);
		}
	b = read_sheet(d->str, NULL, NULL, false);
	ck_assert_uint_eq(b->blocks[0].grid->nrows, _i == 0 ? 250000 : 4000);
	ck_assert_uint_eq(b->blocks[0].grid->ncols, _i == 0 ? 1 : 4000);
	ck_assert_uint_eq(b->blocks[0].grid->ncells, _i == 0 ? 2 : 4000);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	docbody_free(b);
	g_string_free(d, TRUE);
}
END_TEST

Suite *
xlsx_suite(void)
{
	Suite	*s = suite_create("xlsx");
	TCase	*tc = tcase_create("values");
	TCase	*lim = tcase_create("limits");
	TCase	*wide = tcase_create("wide");

	tcase_add_test(tc, xlsx_shared_strings_rich_runs_without_phonetic);
	tcase_add_test(tc, xlsx_shared_string_in_many_cells_held_once);
	tcase_add_test(tc, xlsx_legacy_cell_fonts_converted);
	tcase_add_test(tc, xlsx_legacy_rich_runs_converted);
	tcase_add_test(tc, xlsx_inline_strings);
	tcase_add_test(tc, xlsx_iccid_stored_as_float);
	tcase_add_test(tc, xlsx_phone_number_kept_verbatim);
	tcase_add_loop_test(tc, xlsx_date_cell_iso, 0,
	    sizeof(dates) / sizeof(dates[0]));
	tcase_add_test(tc, xlsx_sheets_in_workbook_order_list_on_second);
	tcase_add_test(tc, xlsx_merged_title_cell);
	tcase_add_test(tc, xlsx_value_types);
	tcase_add_test(tc, xlsx_cells_without_reference);
	tcase_add_loop_test(tc, xlsx_bad_shared_string_index, 0,
	    sizeof(bad_sst_index) / sizeof(bad_sst_index[0]));
	tcase_add_test(tc, xlsx_unreadable_books);
	tcase_add_test(tc, xlsx_sheet_with_doctype_refused);
	tcase_add_test(tc, xlsx_text_with_entities_and_cdata);
	tcase_add_test(tc, xlsx_parts_larger_than_a_chunk);
	tcase_add_test(tc, xlsx_long_attribute_values);
	tcase_add_test(tc, xlsx_total_size_limit_while_streaming);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(lim, xlsx_row_limit, 0, 3);
	tcase_add_loop_test(lim, xlsx_cell_length_limit, 0, 3);
	tcase_add_loop_test(lim, xlsx_cell_count_limit, 0, 3);
	tcase_add_loop_test(lim, xlsx_default_row_limit_streamed, 0, 2);
	tcase_set_timeout(lim, 120);
	suite_add_tcase(s, lim);
	tcase_add_loop_test(wide, xlsx_stray_cell_at_last_column, 0, 2);
	tcase_add_test(wide, xlsx_row_written_backwards);
	tcase_add_loop_test(wide, xlsx_empty_rows_and_diagonal, 0, 2);
	tcase_set_timeout(wide, 10);
	suite_add_tcase(s, wide);
	return (s);
}
