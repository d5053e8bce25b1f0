/* check-docx.c: Word bodies as people and Word write them: split runs,
 * tracked changes, fields, merged and nested tables, text boxes. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/docx.h"
#include "parsers/vn-legacy.h"
#include "tests/unit/testlib.h"

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char root_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"%s\"/></Relationships>";

/* A package whose main part (at part) has body as its w:body; the
 * prefixes are deliberately not Word's, so only URIs can match. */
static struct package *
docx_package(const char *part, const char *body, bool rels)
{
	char		*doc = g_strdup_printf("<?xml version=\"1.0\"?>"
	    "<x:document xmlns:x=\"" W_NS "\" xmlns:w=\"" W_NS "\" "
	    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/"
	    "2006\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "
	    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/"
	    "wordprocessingShape\"><x:body>%s<x:sectPr/></x:body>"
	    "</x:document>", body);
	char		*r = g_strdup_printf(root_rels, part);
	const char	*e[] = { "[Content_Types].xml", "<Types xmlns=\"http://"
	    "schemas.openxmlformats.org/package/2006/content-types\"/>",
	    part, doc, rels ? "_rels/.rels" : NULL, r, NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why;
	struct package	*pkg = package_open(z, len, NULL, &why);

	ck_assert_msg(pkg != NULL, "%s", why);
	g_free(z);
	g_free(doc);
	g_free(r);
	return (pkg);
}

static struct docbody *
read_body(const char *body, const struct parse_limits *l, const char **why)
{
	struct package	*pkg = docx_package("word/document.xml", body, true);
	struct docbody	*b = NULL;
	int		 rc = docx_read(pkg, l, &b, why);

	ck_assert_int_eq(rc, b != NULL ? 0 : -1);
	package_free(pkg);
	return (b);
}

static struct docbody *
read_ok(const char *body)
{
	const char	*why;
	struct docbody	*b = read_body(body, NULL, &why);

	ck_assert_msg(b != NULL, "%s", why);
	return (b);
}

static const char *
para(const struct docbody *b, size_t i)
{
	ck_assert_uint_lt(i, b->nblocks);
	ck_assert_int_eq(b->blocks[i].type, BLOCK_PARAGRAPH);
	return (b->blocks[i].text);
}

static const char *
cell(const struct docbody *b, size_t i, size_t r, size_t c)
{
	const struct cell *cl;

	ck_assert_uint_lt(i, b->nblocks);
	ck_assert_int_eq(b->blocks[i].type, BLOCK_TABLE);
	cl = grid_at(b->blocks[i].grid, r, c);
	ck_assert_ptr_nonnull(cl);
	return (cl->text);
}

#define P(x)	"<w:p>" x "</w:p>"
#define R(x)	"<w:r>" x "</w:r>"
#define T(x)	"<w:t>" x "</w:t>"
#define TC(x)	"<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>" x "</w:tc>"

START_TEST(docx_split_runs_joined)
{
	struct docbody *b = read_ok(P("<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
	    R(T("S\xe1\xbb\x91 ")) R("<w:rPr><w:b/></w:rPr>" T("\xc4\x91i"))
	    R(T("\xe1\xbb\x87n")) "<w:proofErr w:type=\"spellStart\"/>"
	    R("<w:t xml:space=\"preserve\"> tho\xe1\xba\xa1i</w:t>")
	    "<w:proofErr w:type=\"spellEnd\"/>"));

	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_str_eq(para(b, 0),
	    "S\xe1\xbb\x91 \xc4\x91i\xe1\xbb\x87n tho\xe1\xba\xa1i");
	docbody_free(b);
}
END_TEST

START_TEST(docx_tab_and_breaks)
{
	struct docbody *b = read_ok(P("<w:pPr><w:tabs><w:tab w:val=\"left\" "
	    "w:pos=\"720\"/></w:tabs></w:pPr>" R(T("a") "<w:tab/>" T("b")
	    "<w:br/>" T("c") "<w:cr/>" T("d") "<w:br w:type=\"page\"/>"
	    T("e"))));

	ck_assert_str_eq(para(b, 0), "a\tb\nc\nd\ne");
	docbody_free(b);
}
END_TEST

START_TEST(docx_tracked_insert_kept_delete_dropped)
{
	struct docbody *b = read_ok(P(R(T("Keep "))
	    "<w:ins w:id=\"1\" w:author=\"A\">" R(T("new ")) "</w:ins>"
	    "<w:del w:id=\"2\" w:author=\"A\">" R("<w:delText>old </w:delText>")
	    "</w:del>"
	    "<w:moveFrom w:id=\"3\">" R(T("moved ")) "</w:moveFrom>"
	    "<w:moveTo w:id=\"4\">" R(T("here")) "</w:moveTo>"));

	ck_assert_str_eq(para(b, 0), "Keep new here");
	docbody_free(b);
}
END_TEST

START_TEST(docx_wrappers_read)
{
	struct docbody *b = read_ok(P(
	    "<w:hyperlink r:id=\"rId9\" xmlns:r=\"urn:r\">" R(T("link "))
	    "</w:hyperlink>"
	    "<w:smartTag w:uri=\"u\" w:element=\"e\">" R(T("tag "))
	    "</w:smartTag>"
	    "<w:sdt><w:sdtPr><w:alias w:val=\"Name\"/><w:text/></w:sdtPr>"
	    "<w:sdtContent>" R(T("sdt ")) "</w:sdtContent></w:sdt>"
	    "<w:fldSimple w:instr=\" DATE \">" R(T("simple "))
	    "</w:fldSimple>"
	    "<w:customXml w:element=\"x\">" R(T("custom")) "</w:customXml>")
	    "<w:sdt><w:sdtContent>" P(R(T("block sdt"))) "</w:sdtContent>"
	    "</w:sdt>");

	ck_assert_uint_eq(b->nblocks, 2);
	ck_assert_str_eq(para(b, 0), "link tag sdt simple custom");
	ck_assert_str_eq(para(b, 1), "block sdt");
	docbody_free(b);
}
END_TEST

START_TEST(docx_field_codes_and_marks_ignored)
{
	struct docbody *b = read_ok(P(
	    "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/>"
	    R("<w:fldChar w:fldCharType=\"begin\"/>")
	    R("<w:instrText xml:space=\"preserve\"> HYPERLINK \"x\" "
	    "</w:instrText>")
	    R("<w:fldChar w:fldCharType=\"separate\"/>")
	    R(T("shown"))
	    R("<w:fldChar w:fldCharType=\"end\"/>")
	    "<w:bookmarkEnd w:id=\"0\"/>"
	    "<w:proofErr w:type=\"gramStart\"/>"));

	ck_assert_str_eq(para(b, 0), "shown");
	docbody_free(b);
}
END_TEST

START_TEST(docx_alternate_content_not_doubled)
{
	struct docbody *b = read_ok(P(R(T("Before"))
	    R("<mc:AlternateContent>"
	    "<mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
	    "<w:txbxContent>" P(R(T("Box text"))) "</w:txbxContent>"
	    "</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
	    "<mc:Fallback><w:pict><v:shape><v:textbox>"
	    "<w:txbxContent>" P(R(T("Box text"))) "</w:txbxContent>"
	    "</v:textbox></v:shape></w:pict></mc:Fallback>"
	    "</mc:AlternateContent>"))
	    P("<mc:AlternateContent><mc:Choice Requires=\"x\">" R(T("one"))
	    "</mc:Choice><mc:Choice Requires=\"y\">" R(T("two"))
	    "</mc:Choice></mc:AlternateContent>"));

	ck_assert_uint_eq(b->nblocks, 3);
	ck_assert_str_eq(para(b, 0), "Before");
	ck_assert_str_eq(para(b, 1), "Box text");
	ck_assert_str_eq(para(b, 2), "one");
	docbody_free(b);
}
END_TEST

START_TEST(docx_paragraph_table_order)
{
	struct docbody *b = read_ok(P(R(T("Title")))
	    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
	    "<w:tr>" TC(P(R(T("TT")))) TC(P(R(T("S\xe1\xbb\x91"))))
	    "</w:tr><w:tr>" TC(P(R(T("1")))) TC(P(R(T("0982345678"))))
	    "</w:tr></w:tbl>" P(R(T("After"))) P(""));

	ck_assert_uint_eq(b->nblocks, 4);
	ck_assert_str_eq(para(b, 0), "Title");
	ck_assert_uint_eq(b->blocks[1].grid->nrows, 2);
	ck_assert_uint_eq(b->blocks[1].grid->ncols, 2);
	ck_assert_ptr_null(b->blocks[1].grid->name);
	ck_assert_str_eq(cell(b, 1, 0, 0), "TT");
	ck_assert_str_eq(cell(b, 1, 1, 1), "0982345678");
	ck_assert_int_eq(grid_at(b->blocks[1].grid, 1, 1)->type, CELL_TEXT);
	ck_assert_str_eq(para(b, 2), "After");
	ck_assert_str_eq(para(b, 3), "");
	docbody_free(b);
}
END_TEST

START_TEST(docx_cell_paragraphs_joined_by_newline)
{
	struct docbody *b = read_ok("<w:tbl><w:tr>"
	    TC(P(R(T("Nguy\xe1\xbb\x85n V\xc4\x83n A"))) P(R(T("Tr\xc6\xb0\xe1"
	    "\xbb\x9fng ph\xc3\xb2ng"))))
	    "</w:tr></w:tbl>");

	ck_assert_str_eq(cell(b, 0, 0, 0), "Nguy\xe1\xbb\x85n V\xc4\x83n A\n"
	    "Tr\xc6\xb0\xe1\xbb\x9fng ph\xc3\xb2ng");
	docbody_free(b);
}
END_TEST

START_TEST(docx_merged_cells)
{
	struct docbody	*b = read_ok("<w:tbl><w:tr>"
	    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P(R(T("Title")))
	    "</w:tc>" TC(P(R(T("X"))))
	    "</w:tr><w:tr>"
	    "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
	    P(R(T("A"))) "</w:tc>" TC(P(R(T("B")))) TC(P(R(T("C"))))
	    "</w:tr><w:tr>"
	    "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" P(R(T("ghost"))) "</w:tc>"
	    TC(P(R(T("E")))) TC(P(R(T("F"))))
	    "</w:tr></w:tbl>");
	const struct grid *g = b->blocks[0].grid;

	ck_assert_uint_eq(g->nrows, 3);
	ck_assert_uint_eq(g->ncols, 3);
	ck_assert_str_eq(cell(b, 0, 0, 0), "Title");
	ck_assert_ptr_null(cell(b, 0, 0, 1));
	ck_assert_int_eq(grid_at(g, 0, 1)->type, CELL_EMPTY);
	ck_assert_str_eq(cell(b, 0, 0, 2), "X");
	ck_assert_str_eq(cell(b, 0, 1, 0), "A");
	ck_assert_ptr_null(cell(b, 0, 2, 0));
	ck_assert_str_eq(cell(b, 0, 2, 1), "E");
	ck_assert_str_eq(cell(b, 0, 2, 2), "F");
	docbody_free(b);
}
END_TEST

START_TEST(docx_nested_table_text_in_cell)
{
	struct docbody *b = read_ok("<w:tbl><w:tr>"
	    TC(P(R(T("x"))) "<w:tbl><w:tr>" TC(P(R(T("a")))) TC(P(R(T("b"))))
	    "</w:tr><w:tr>" TC(P(R(T("c")))) TC(P(R(T("d")))) "</w:tr></w:tbl>"
	    P(""))
	    TC(P(R(T("y"))))
	    "</w:tr></w:tbl>");

	ck_assert_uint_eq(b->nblocks, 1);
	ck_assert_str_eq(cell(b, 0, 0, 0), "x\na\tb\nc\td\n");
	ck_assert_str_eq(cell(b, 0, 0, 1), "y");
	docbody_free(b);
}
END_TEST

START_TEST(docx_deleted_row_dropped)
{
	struct docbody *b = read_ok("<w:tbl><w:tr>" TC(P(R(T("1")))) "</w:tr>"
	    "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"A\"/></w:trPr>"
	    TC(P(R(T("gone")))) "</w:tr><w:tr>" TC(P(R(T("2")))) "</w:tr>"
	    "</w:tbl>");

	ck_assert_uint_eq(b->blocks[0].grid->nrows, 2);
	ck_assert_str_eq(cell(b, 0, 1, 0), "2");
	docbody_free(b);
}
END_TEST

START_TEST(docx_main_part_from_relationship)
{
	struct package	*pkg = docx_package("word/document2.xml",
	    P(R(T("renamed"))), true);
	struct docbody	*b;
	const char	*why;

	ck_assert_int_eq(docx_read(pkg, NULL, &b, &why), 0);
	ck_assert_str_eq(para(b, 0), "renamed");
	docbody_free(b);
	package_free(pkg);
	pkg = docx_package("word/document.xml", P(R(T("fallback"))), false);
	ck_assert_int_eq(docx_read(pkg, NULL, &b, &why), 0);
	ck_assert_str_eq(para(b, 0), "fallback");
	docbody_free(b);
	package_free(pkg);
}
END_TEST

START_TEST(docx_unreadable_documents)
{
	const char *e[] = { "word/document.xml", "<w:document xmlns:w=\""
	    W_NS "\"><w:p/></w:document>", NULL };
	const char	*e2[] = { "word/document.xml", "<a><b></a>", NULL };
	const char	*e3[] = { "other.xml", "<a/>", NULL };
	const char *const *all[] = { e, e2, e3 };
	size_t		 len;
	const char	*why;

	for (size_t i = 0; i < 3; i++) {
		unsigned char	*z = test_zip(all[i], &len);
		struct package	*pkg = package_open(z, len, NULL, &why);
		struct docbody	*b = (struct docbody *)1;

		ck_assert_int_eq(docx_read(pkg, NULL, &b, &why), -1);
		ck_assert_ptr_null(b);
		ck_assert_ptr_nonnull(why);
		package_free(pkg);
		g_free(z);
	}
}
END_TEST

/* max_rows 3: 2 and 3 rows read, 4 do not. */
START_TEST(docx_table_row_limit)
{
	struct parse_limits	 l = { .max_rows = 3 };
	size_t			 n = 2 + (size_t)_i;
	GString			*s = g_string_new("<w:tbl>");
	struct docbody		*b;
	const char		*why;

	for (size_t i = 0; i < n; i++)
		g_string_append(s, "<w:tr>" TC(P(R(T("r")))) "</w:tr>");
	g_string_append(s, "</w:tbl>");
	b = read_body(s->str, &l, &why);
	if (n <= 3) {
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(b->blocks[0].grid->nrows, n);
	} else {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why,
		    "Word table has more rows than the limit");
	}
	docbody_free(b);
	g_string_free(s, TRUE);
}
END_TEST

/* max_cell_len 10: cells of 9 and 10 bytes read, 11 do not. */
START_TEST(docx_cell_length_limit)
{
	struct parse_limits	 l = { .max_cell_len = 10 };
	const char		*texts[] = { "123456789", "1234567890",
	    "12345678901" };
	char			*body = g_strdup_printf("<w:tbl><w:tr>"
	    TC(P(R(T("%s")))) "</w:tr></w:tbl>", texts[_i]);
	const char		*why;
	struct docbody		*b = read_body(body, &l, &why);

	if (_i < 2)
		ck_assert_str_eq(cell(b, 0, 0, 0), texts[_i]);
	else {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why,
		    "Word table cell is longer than the limit");
	}
	docbody_free(b);
	g_free(body);
}
END_TEST

/* Two 2x2 tables: 8 cells; limits 7, 8, 9. */
START_TEST(docx_cell_count_limit)
{
	struct parse_limits	 l = { .max_cells = 7 + (size_t)_i };
	const char		*tbl = "<w:tbl><w:tr>" TC(P(R(T("a"))))
	    TC(P(R(T("b")))) "</w:tr><w:tr>" TC(P(R(T("c")))) TC(P(R(T("d"))))
	    "</w:tr></w:tbl>";
	char			*body = g_strconcat(tbl, tbl, NULL);
	const char		*why;
	struct docbody		*b = read_body(body, &l, &why);

	if (_i == 0) {
		ck_assert_ptr_null(b);
		ck_assert_str_eq(why,
		    "Word document has more table cells than the limit");
	} else
		ck_assert_uint_eq(b->nblocks, 2);
	docbody_free(b);
	g_free(body);
}
END_TEST

/* A package with a styles part beside the document (found at its usual
 * name, as no document relationships name it). */
static struct docbody *
read_styled(const char *body, const char *styles)
{
	char		*doc = g_strdup_printf("<?xml version=\"1.0\"?>"
	    "<w:document xmlns:w=\"" W_NS "\"><w:body>%s</w:body>"
	    "</w:document>", body);
	char		*st = g_strdup_printf("<?xml version=\"1.0\"?>"
	    "<w:styles xmlns:w=\"" W_NS "\">%s</w:styles>", styles);
	char		*r = g_strdup_printf(root_rels, "word/document.xml");
	const char	*e[] = { "[Content_Types].xml", "<Types xmlns=\"http://"
	    "schemas.openxmlformats.org/package/2006/content-types\"/>",
	    "word/document.xml", doc, "word/styles.xml", st, "_rels/.rels",
	    r, NULL };
	size_t		 len;
	unsigned char	*z = test_zip(e, &len);
	const char	*why;
	struct package	*pkg = package_open(z, len, NULL, &why);
	struct docbody	*b = NULL;

	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_msg(docx_read(pkg, NULL, &b, &why) == 0, "%s", why);
	package_free(pkg);
	g_free(z);
	g_free(doc);
	g_free(st);
	g_free(r);
	return (b);
}

#define FONT(f)	"<w:rPr><w:rFonts w:ascii=\"" f "\" w:hAnsi=\"" f "\"/></w:rPr>"

/* "Hä vµ tªn" is "Họ và tên" typed in .VnTime; the H font draws the same
 * bytes as capitals; VNI writes a letter, then its marks. */
START_TEST(docx_legacy_run_fonts_converted)
{
	struct docbody *b = read_ok(
	    P(R(FONT(".VnTime") T("Hä vµ tªn")))
	    P(R(FONT(".VnTimeH") T("danh s¸ch ®Ò nghÞ")))
	    P(R(FONT("VNI-Times") T("Chöùc vuï")))
	    P(R(FONT("Times New Roman") T("Hä vµ tªn")))
	    "<w:tbl><w:tr>" TC(P(R(FONT(".VnArial") T("Tr\xc2\xadêng"))))
	    "</w:tr></w:tbl>");

	ck_assert_str_eq(para(b, 0), "Họ và tên");
	ck_assert_str_eq(para(b, 1), "DANH SÁCH ĐỀ NGHỊ");
	ck_assert_str_eq(para(b, 2), "Chức vụ");
	ck_assert_str_eq(para(b, 3), "Hä vµ tªn");
	ck_assert_str_eq(cell(b, 4, 0, 0), "Trường");
	ck_assert_uint_eq(b->legacy, 4);
	/* both families, so the letter names neither alone */
	ck_assert_uint_eq(b->legacy_fonts,
	    VN_LEGACY_FAMILY_TCVN3 | VN_LEGACY_FAMILY_VNI);
	docbody_free(b);
}
END_TEST

/* Unicode typed in a legacy font, and a Unicode document, are left as
 * they are and counted as nothing. */
START_TEST(docx_legacy_unicode_left_alone)
{
	struct docbody *b = read_ok(P(R(FONT(".VnTime") T("Họ và tên")))
	    P(R(T("Hä"))));

	ck_assert_str_eq(para(b, 0), "Họ và tên");
	ck_assert_str_eq(para(b, 1), "Hä");
	ck_assert_uint_eq(b->legacy, 0);
	ck_assert_uint_eq(b->legacy_fonts, 0);
	docbody_free(b);
}
END_TEST

/* A run without fonts of its own takes them from its character style,
 * else its paragraph style (through basedOn), else the default
 * paragraph style, else docDefaults; its own font wins over them all. */
START_TEST(docx_legacy_fonts_inherited_from_styles)
{
	static const char styles[] =
	    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
	    "w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr></w:rPrDefault>"
	    "</w:docDefaults>"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\">"
	    "<w:name w:val=\"Normal\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"H\"><w:rPr><w:rFonts "
	    "w:hAnsi=\".VnTimeH\"/></w:rPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:basedOn "
	    "w:val=\"H\"/></w:style>"
	    "<w:style w:type=\"character\" w:styleId=\"V\"><w:rPr><w:rFonts "
	    "w:ascii=\"VNI-Times\"/></w:rPr></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"L1\"><w:basedOn "
	    "w:val=\"L2\"/></w:style>"
	    "<w:style w:type=\"paragraph\" w:styleId=\"L2\"><w:basedOn "
	    "w:val=\"L1\"/></w:style>";
	struct docbody *b = read_styled(
	    P(R(T("Hä vµ tªn")))
	    P("<w:pPr><w:pStyle w:val=\"H2\"/></w:pPr>" R(T("hä vµ tªn")))
	    P(R("<w:rPr><w:rStyle w:val=\"V\"/></w:rPr>" T("Chöùc vuï")))
	    P(R(FONT("Arial") T("Hä")))
	    P("<w:pPr><w:pStyle w:val=\"L1\"/></w:pPr>" R(T("vµ"))),
	    styles);

	ck_assert_str_eq(para(b, 0), "Họ và tên");
	ck_assert_str_eq(para(b, 1), "HỌ VÀ TÊN");
	ck_assert_str_eq(para(b, 2), "Chức vụ");
	ck_assert_str_eq(para(b, 3), "Hä");
	/* A basedOn cycle ends; the default font then applies. */
	ck_assert_str_eq(para(b, 4), "và");
	ck_assert_uint_eq(b->legacy, 4);
	/* both families, so the letter names neither alone */
	ck_assert_uint_eq(b->legacy_fonts,
	    VN_LEGACY_FAMILY_TCVN3 | VN_LEGACY_FAMILY_VNI);
	docbody_free(b);
}
END_TEST

/* A table of 10,000 empty cells a row, 3 rows: the grid holds the one
 * cell with text, and the nested copy of it in a cell ends each row at
 * its last text. A span to 16,384 columns (max_cols) is read; one more
 * is refused. */
START_TEST(docx_wide_empty_table)
{
	GString		*row = g_string_new("<w:tr>"), *body;
	const char	*why;
	struct docbody	*b;
	struct parse_limits l = { 0 };
	struct parse_limits lr = { 0 };

	/* Widths that differ, so the part does not deflate like a bomb. */
	for (int i = 0; i < 10000; i++)
		g_string_append_printf(row, "<w:tc><w:tcPr><w:tcW w:w=\"%d\"/>"
		    "</w:tcPr></w:tc>", (i * 7919) % 10007);
	g_string_append(row, "</w:tr>");
	body = g_string_new("<w:tbl><w:tr>" TC(P(R(T("a")))) "</w:tr>");
	for (int i = 0; i < 3; i++)
		g_string_append(body, row->str);
	g_string_append(body, "</w:tbl>");
	b = read_body(body->str, &lr, &why);
	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(b->blocks[0].grid->ncols, 10000);
	ck_assert_uint_eq(b->blocks[0].grid->nrows, 4);
	ck_assert_uint_eq(b->blocks[0].grid->ncells, 1);
	ck_assert_str_eq(cell(b, 0, 0, 0), "a");
	docbody_free(b);
	g_string_free(body, TRUE);

	/* Nested: the cell's text is the one line, 3 empty ones and its own empty paragraph. */
	body = g_string_new("<w:tbl><w:tr><w:tc><w:tbl><w:tr>" TC(P(R(T("a"))))
	    "</w:tr>");
	for (int i = 0; i < 3; i++)
		g_string_append(body, row->str);
	g_string_append(body, "</w:tbl><w:p/></w:tc></w:tr></w:tbl>");
	b = read_body(body->str, &lr, &why);
	ck_assert_msg(b != NULL, "%s", why);
	ck_assert_uint_eq(strlen(cell(b, 0, 0, 0)), 1 + 3 + 1);
	docbody_free(b);
	g_string_free(body, TRUE);
	g_string_free(row, TRUE);

	for (int i = 0; i < 2; i++) {
		char *t = g_strdup_printf("<w:tbl><w:tr>" TC(P(R(T("a"))))
		    "<w:tc><w:tcPr><w:gridSpan w:val=\"%d\"/></w:tcPr><w:p/>"
		    "</w:tc></w:tr></w:tbl>", 16383 + i);

		b = read_body(t, &l, &why);
		if (i == 0) {
			ck_assert_ptr_nonnull(b);
			ck_assert_uint_eq(b->blocks[0].grid->ncols, 16384);
		} else {
			ck_assert_ptr_null(b);
			ck_assert_str_eq(why,
			    "Word table has more columns than the limit");
		}
		docbody_free(b);
		g_free(t);
	}
}
END_TEST

Suite *
docx_suite(void)
{
	Suite	*s = suite_create("docx");
	TCase	*tc = tcase_create("text");
	TCase	*lim = tcase_create("limits");

	tcase_add_test(tc, docx_split_runs_joined);
	tcase_add_test(tc, docx_tab_and_breaks);
	tcase_add_test(tc, docx_tracked_insert_kept_delete_dropped);
	tcase_add_test(tc, docx_wrappers_read);
	tcase_add_test(tc, docx_field_codes_and_marks_ignored);
	tcase_add_test(tc, docx_alternate_content_not_doubled);
	tcase_add_test(tc, docx_paragraph_table_order);
	tcase_add_test(tc, docx_cell_paragraphs_joined_by_newline);
	tcase_add_test(tc, docx_merged_cells);
	tcase_add_test(tc, docx_nested_table_text_in_cell);
	tcase_add_test(tc, docx_wide_empty_table);
	tcase_add_test(tc, docx_deleted_row_dropped);
	tcase_add_test(tc, docx_main_part_from_relationship);
	tcase_add_test(tc, docx_unreadable_documents);
	tcase_add_test(tc, docx_legacy_run_fonts_converted);
	tcase_add_test(tc, docx_legacy_unicode_left_alone);
	tcase_add_test(tc, docx_legacy_fonts_inherited_from_styles);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(lim, docx_table_row_limit, 0, 3);
	tcase_add_loop_test(lim, docx_cell_length_limit, 0, 3);
	tcase_add_loop_test(lim, docx_cell_count_limit, 0, 3);
	suite_add_tcase(s, lim);
	return (s);
}
