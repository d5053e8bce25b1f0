/* forward-xlsx.c: the Phụ lục 3 list, written here as SpreadsheetML and
 * zipped by libzip in memory. It must never hold the whole sheet, never
 * write a file, and never write a phone or ICCID as a number.
 *
 * Why by hand, when intake/office-report-xlsx.c uses libxlsxwriter: this
 * is the one output of hotrocks that grows with the input (a 200,000-row
 * list is ~100 MB of sheet XML, twice per list: the unit's copy with its
 * notes and the Cục's). libxlsxwriter fprintf()s every cell into a
 * temporary file, reads it back and deflates it at zlib's default level
 * 6, which it offers no way to change; of ingest's 8.5 s on a 200,000-row
 * list, two fifths were these two workbooks. On the 40,000-row list's 21
 * MB sheet, gzip -6 takes 0.23 s and gzip -1 0.11 s for 4 % more bytes.
 * So the sheet is made a few rows at a time straight into libzip's
 * deflate at level 1, and the small parts are the constant bytes
 * libxlsxwriter wrote for this layout (its theme left out: see styles).
 * The 200,000-row workbook with notes now takes 0.3-0.5 s, as long as
 * gzip -1 of its sheet, where libxlsxwriter took 1.9-2.3 s.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <zip.h>

#include "outbox/forward-xlsx.h"
#include "outbox/wording.h"

/* Sheet XML made at a time, before libzip takes it. */
#define SHEET_CHUNK	((size_t)32 << 10)
/*
 * The sheet's size as its source declares it, before it is made: an
 * upper bound, never the size (libzip takes the real one from its CRC
 * layer once the data is written). A source of unknown size makes libzip
 * write a ZIP64 extra field into a local header that says version 2.0,
 * the mix strict readers (Excel among them) call corrupt; a bound under
 * 4 GiB, compressed or not, keeps every header plain. A sheet that would
 * pass it is refused as it is made.
 */
#define SHEET_DECLARED	((zip_uint64_t)4000000000u)
#define DEFLATE_LEVEL	1

/*
 * Rows whose names, positions or notes wrap are given their height: no
 * reader sizes a row to its wrapped text when it opens the file (seen in
 * LibreOffice: a two-line note printed over the next row). Column widths
 * are in units of Calibri 11's "0", and Times New Roman 12 puts about 1.3
 * of its letters in one; 1.1 leaves a margin, so that a row comes out a
 * little tall rather than cut short. A line is 15.75 points; Excel's
 * tallest row, 409, holds 25 of them.
 */
#define NAME_WIDTH	25
#define POSITION_WIDTH	26
#define NOTE_WIDTH	60
#define LINE_CHARS(w)	((size_t)((w) * 11 / 10))
#define MAX_LINES	25

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* The cell formats, as indexes into styles_xml's cellXfs. */
enum {
	XF_STAR = 1,	/* Times New Roman 11, centred: parent, "*" */
	XF_UNDER,	/* bold underlined 12, centred: the party's name */
	XF_LEFT,	/* bold 12, centred: the office */
	XF_RIGHT,	/* italic 12, centred: date line, addressee */
	XF_TITLE,	/* bold 14, centred, wrapped */
	XF_HEAD,	/* bold 12, centred both ways, wrapped, bordered */
	XF_NUM,		/* TT: centred, top, bordered */
	XF_TEXT,	/* "@": phone, ICCID, top, bordered */
	XF_CELL,	/* names, positions, notes: wrapped, top, bordered */
	XF_COLUMN	/* "@" for what is typed into B and C; no border, so
			 * the letterhead's empty cells print none */
};

static const char content_types_xml[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
    "vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
    "application/vnd.openxmlformats-officedocument.spreadsheetml."
    "worksheet+xml\"/></Types>";

static const char rels_xml[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/extended-properties\" "
    "Target=\"docProps/app.xml\"/></Relationships>";

static const char app_xml[] = XML_DECL
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats."
    "org/officeDocument/2006/docPropsVTypes\">"
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><HeadingPairs>"
    "<vt:vector size=\"4\" baseType=\"variant\">"
    "<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
    "<vt:variant><vt:i4>1</vt:i4></vt:variant>"
    "<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant>"
    "<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
    "<TitlesOfParts><vt:vector size=\"2\" baseType=\"lpstr\">"
    "<vt:lpstr>Phụ lục 3</vt:lpstr>"
    "<vt:lpstr>'Phụ lục 3'!Print_Titles</vt:lpstr></vt:vector>"
    "</TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false"
    "</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>";

/* Then the dates, from the list's own date, and core_tail. */
static const char core_head[] = XML_DECL
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
    "package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>";
static const char core_tail[] = "</cp:coreProperties>";

static const char workbook_rels_xml[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/styles\" "
    "Target=\"styles.xml\"/></Relationships>";

/* Print_Titles: the header row, FORWARD_XLSX_HEADER_ROW + 1, on every
 * printed page. */
static const char workbook_xml[] = XML_DECL
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" "
    "rupBuild=\"4505\"/><workbookPr defaultThemeVersion=\"124226\"/>"
    "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" "
    "windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews>"
    "<sheets><sheet name=\"Phụ lục 3\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets><definedNames><definedName name=\"_xlnm.Print_Titles\" "
    "localSheetId=\"0\">'Phụ lục 3'!$8:$8</definedName></definedNames>"
    "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";

/*
 * libxlsxwriter's styles for this sheet, less the theme: its fonts named
 * theme colour 1 (dk1, the system's window text) and the default font the
 * minor scheme (Calibri, named anyway), so they now say nothing, which
 * is the automatic colour, window text: what shows is the same, without
 * a 7 KB theme part in every list. "@" (164) keeps what is typed into the
 * phone and ICCID columns as text too.
 */
static const char styles_xml[] = XML_DECL
    "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"@\"/>"
    "</numFmts><fonts count=\"7\">"
    "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    "<font><sz val=\"11\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font>"
    "<font><b/><u/><sz val=\"12\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font>"
    "<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font>"
    "<font><i/><sz val=\"12\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font>"
    "<font><b/><sz val=\"14\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font>"
    "<font><sz val=\"12\"/><name val=\"Times New Roman\"/>"
    "<family val=\"2\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/>"
    "</border><border><left style=\"thin\"><color auto=\"1\"/></left>"
    "<right style=\"thin\"><color auto=\"1\"/></right>"
    "<top style=\"thin\"><color auto=\"1\"/></top>"
    "<bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>"
    "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" "
    "fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"11\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    /* XF_STAR */
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/>"
    "</xf>"
    /* XF_UNDER */
    "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/>"
    "</xf>"
    /* XF_LEFT */
    "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/>"
    "</xf>"
    /* XF_RIGHT */
    "<xf numFmtId=\"0\" fontId=\"4\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\"/>"
    "</xf>"
    /* XF_TITLE */
    "<xf numFmtId=\"0\" fontId=\"5\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
    "applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" "
    "wrapText=\"1\"/></xf>"
    /* XF_HEAD */
    "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"1\" xfId=\"0\" "
    "applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
    "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>"
    "</xf>"
    /* XF_NUM */
    "<xf numFmtId=\"0\" fontId=\"6\" fillId=\"0\" borderId=\"1\" xfId=\"0\" "
    "applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
    "<alignment horizontal=\"center\" vertical=\"top\"/></xf>"
    /* XF_TEXT */
    "<xf numFmtId=\"164\" fontId=\"6\" fillId=\"0\" borderId=\"1\" "
    "xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyBorder=\"1\" "
    "applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
    /* XF_CELL */
    "<xf numFmtId=\"0\" fontId=\"6\" fillId=\"0\" borderId=\"1\" xfId=\"0\" "
    "applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
    /* XF_COLUMN */
    "<xf numFmtId=\"164\" fontId=\"6\" fillId=\"0\" borderId=\"0\" "
    "xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
    "builtinId=\"0\"/></cellStyles><dxfs count=\"0\"/>"
    "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
    "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";

/* Before the dimension's last cell. */
static const char sheet_head[] = XML_DECL
    "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:";

/*
 * Column widths as Excel stores them (the width typed plus its padding,
 * 5 → 5.7109375). Portrait A4 less 1.5 cm margins leaves about 18 cm,
 * some 95 units at the default font: a 20-digit ICCID and a phone fit on
 * one line, names and positions wrap. fitToPage keeps the width on one
 * page whatever the printer's font; the notes column, when written, is
 * 60 wide and narrows the print.
 */
static const char sheet_cols[] =
    "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"/>"
    "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"
    "<col min=\"1\" max=\"1\" width=\"5.7109375\" customWidth=\"1\"/>"
    "<col min=\"2\" max=\"2\" width=\"14.7109375\" style=\"10\" "
    "customWidth=\"1\"/>"
    "<col min=\"3\" max=\"3\" width=\"23.7109375\" style=\"10\" "
    "customWidth=\"1\"/>"
    "<col min=\"4\" max=\"4\" width=\"25.7109375\" customWidth=\"1\"/>"
    "<col min=\"5\" max=\"5\" width=\"26.7109375\" customWidth=\"1\"/>";
static const char sheet_note_col[] =
    "<col min=\"6\" max=\"6\" width=\"60.7109375\" customWidth=\"1\"/>";

/*
 * After the last row: the letterhead merged as the letter sets it, the
 * unit on the left over A:C (the phone column alone is too narrow for
 * "ĐẢNG BỘ TỈNH QUẢNG NGÃI"), the party and the date on the right, the
 * title and the addressee across; LAST is the table's last column. Then
 * A4 portrait, centred.
 */
#define SHEET_MERGES(LAST) \
    "</sheetData><mergeCells count=\"7\"><mergeCell ref=\"A1:C1\"/>" \
    "<mergeCell ref=\"D1:" LAST "1\"/><mergeCell ref=\"A2:C2\"/>" \
    "<mergeCell ref=\"D2:" LAST "2\"/><mergeCell ref=\"A3:C3\"/>" \
    "<mergeCell ref=\"A5:" LAST "5\"/><mergeCell ref=\"A6:" LAST "6\"/>" \
    "</mergeCells>"
static const char sheet_merges[] = SHEET_MERGES("E");
static const char sheet_merges_notes[] = SHEET_MERGES("F");
static const char sheet_tail[] =
    "<printOptions horizontalCentered=\"1\"/>"
    "<pageMargins left=\"0.6\" right=\"0.6\" top=\"0.75\" bottom=\"0.75\" "
    "header=\"0.3\" footer=\"0.3\"/>"
    "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"portrait\"/>"
    "</worksheet>";

static const char *const heads[] = { "TT", "Số điện thoại", "Số ICCID",
    "Họ và tên người dùng", "Chức vụ" };

enum sheet_part { PART_HEAD, PART_ROWS, PART_TAIL, PART_DONE };

/* The sheet as a libzip source: made as libzip reads it, once. */
struct sheet {
	const struct forward_xlsx *x;
	bool		 notes;
	GString		*buf;
	size_t		 off;		/* of buf already given */
	size_t		 next;		/* the next row to make */
	enum sheet_part	 part;
	zip_uint64_t	 total;		/* bytes given */
	bool		 opened;
	zip_error_t	 error;
	char		*cause;		/* why it stopped, for the caller */
};

static bool	 is_xescape(const char *);
static void	 put_text(GString *, const char *);
static void	 put_cell(GString *, const char *, int, const char *);
static void	 put_uint(GString *, size_t);
static void	 sheet_letterhead(struct sheet *);
static int	 sheet_rows(struct sheet *);
static int	 sheet_fill(struct sheet *);
static zip_int64_t sheet_cb(void *, void *, zip_uint64_t, zip_source_cmd_t);
static char	*core_xml(const char *);
static int	 add_part(zip_t *, const char *, zip_source_t *, char **);
static int	 add_bytes(zip_t *, const char *, const char *, size_t, bool,
		    char **);
static int	 add_core(zip_t *, const char *, char **);

char *
forward_xlsx_dateline(const char *place, const char *date,
    const char *zone)
{
	char	*d, **p, *s = NULL;

	if ((d = wording_date(date, zone)) == NULL)
		return (NULL);
	p = g_strsplit(d, "/", 3);
	if (g_strv_length(p) == 3)
		s = g_strdup_printf("%s, ngày %s tháng %s năm %s",
		    place != NULL ? place : "", p[0], p[1], p[2]);
	g_strfreev(p);
	g_free(d);
	return (s);
}

/* "_xHHHH_" at s: what a reader takes for an escaped character. */
static bool
is_xescape(const char *s)
{
	return (s[0] == '_' && s[1] == 'x' && g_ascii_isxdigit(s[2]) &&
	    g_ascii_isxdigit(s[3]) && g_ascii_isxdigit(s[4]) &&
	    g_ascii_isxdigit(s[5]) && s[6] == '_');
}

/*
 * s as the text of a <t> (ST_Xstring): &, < and > as entities; the
 * characters XML 1.0 cannot hold (C0 controls but tab and line feed, a
 * carriage return too, which a parser would turn into a line feed, and
 * U+FFFE, U+FFFF) as _xHHHH_, as Excel and libxlsxwriter write them; a
 * literal "_xHHHH_" with its underscore escaped (_x005F_), so that it
 * reads back as typed. Bytes that are not UTF-8 (none of our readers
 * makes them) become U+FFFD: raw, they would make the workbook unreadable.
 */
static void
put_text(GString *b, const char *s)
{
	const char	*p, *run;
	char		*valid = NULL, esc[8];

	if (!g_utf8_validate(s, -1, NULL))
		s = valid = g_utf8_make_valid(s, -1);
	for (run = p = s; *p != '\0'; p++) {
		unsigned char	 c = (unsigned char)*p;
		const char	*rep = NULL;
		size_t		 n = 1;

		if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '_' && is_xescape(p))
			rep = "_x005F_";
		else if (c < 0x20 && c != '\t' && c != '\n') {
			snprintf(esc, sizeof(esc), "_x%04X_", c);
			rep = esc;
		} else if (c == 0xef && (unsigned char)p[1] == 0xbf &&
		    ((unsigned char)p[2] == 0xbe ||
		    (unsigned char)p[2] == 0xbf)) {
			rep = (unsigned char)p[2] == 0xbe ? "_xFFFE_" :
			    "_xFFFF_";
			n = 3;
		}
		if (rep == NULL)
			continue;
		g_string_append_len(b, run, p - run);
		g_string_append(b, rep);
		p += n - 1;
		run = p + 1;
	}
	g_string_append_len(b, run, p - run);
	g_free(valid);
}

/*
 * One cell of format xf: s as an inline string, or a blank cell when s
 * is NULL or empty (as libxlsxwriter writes ""). ref NULL leaves the
 * column to the cell's place in its row (ECMA-376 allows it; the data
 * rows are written so, our reader and openpyxl read them).
 */
static void
put_cell(GString *b, const char *ref, int xf, const char *s)
{
	g_string_append(b, "<c");
	if (ref != NULL) {
		g_string_append(b, " r=\"");
		g_string_append(b, ref);
		g_string_append_c(b, '"');
	}
	g_string_append(b, " s=\"");
	g_string_append_c(b, (char)('0' + xf));
	if (s == NULL || *s == '\0') {
		g_string_append(b, "\"/>");
		return;
	}
	/* white space at either end is kept only when asked */
	if (g_ascii_isspace(s[0]) || g_ascii_isspace(s[strlen(s) - 1]))
		g_string_append(b, "\" t=\"inlineStr\"><is><t xml:space="
		    "\"preserve\">");
	else
		g_string_append(b, "\" t=\"inlineStr\"><is><t>");
	put_text(b, s);
	g_string_append(b, "</t></is></c>");
}

static void
put_uint(GString *b, size_t v)
{
	char	d[24];
	size_t	i = sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	g_string_append_len(b, d + i, sizeof(d) - i);
}

/* Everything before the first data row: the columns, the letterhead,
 * the title, the addressee and the header row. */
static void
sheet_letterhead(struct sheet *sh)
{
	const struct forward_xlsx *x = sh->x;
	GString		*b = sh->buf;
	char		*dateline, *to;
	char		 ref[8];

	g_string_append(b, sheet_head);
	g_string_append_c(b, sh->notes ? 'F' : 'E');
	put_uint(b, FORWARD_XLSX_FIRST_ROW + x->nrows);
	g_string_append(b, "\"/>");
	g_string_append(b, sheet_cols);
	if (sh->notes)
		g_string_append(b, sheet_note_col);
	g_string_append(b, "</cols><sheetData>");

	dateline = forward_xlsx_dateline(x->place, x->date, x->zone);
	to = g_strdup_printf("Kính gửi: %s", x->addressee != NULL ?
	    x->addressee : "");
	/* Every cell a merged range covers, with the range's format, as
	 * Excel writes them: A:C the unit's, D to the last the party's
	 * and the date's, A to the last the title's and the addressee's. */
	g_string_append(b, "<row r=\"1\">");
	put_cell(b, "A1", XF_STAR, x->parent);
	put_cell(b, "B1", XF_STAR, NULL);
	put_cell(b, "C1", XF_STAR, NULL);
	put_cell(b, "D1", XF_UNDER, "ĐẢNG CỘNG SẢN VIỆT NAM");
	put_cell(b, "E1", XF_UNDER, NULL);
	if (sh->notes)
		put_cell(b, "F1", XF_UNDER, NULL);
	g_string_append(b, "</row><row r=\"2\">");
	put_cell(b, "A2", XF_LEFT, x->office);
	put_cell(b, "B2", XF_LEFT, NULL);
	put_cell(b, "C2", XF_LEFT, NULL);
	put_cell(b, "D2", XF_RIGHT, dateline);
	put_cell(b, "E2", XF_RIGHT, NULL);
	if (sh->notes)
		put_cell(b, "F2", XF_RIGHT, NULL);
	g_string_append(b, "</row><row r=\"3\">");
	put_cell(b, "A3", XF_STAR, "*");
	put_cell(b, "B3", XF_STAR, NULL);
	put_cell(b, "C3", XF_STAR, NULL);
	g_string_append(b, "</row><row r=\"5\">");
	put_cell(b, "A5", XF_TITLE, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	put_cell(b, "B5", XF_TITLE, NULL);
	put_cell(b, "C5", XF_TITLE, NULL);
	put_cell(b, "D5", XF_TITLE, NULL);
	put_cell(b, "E5", XF_TITLE, NULL);
	if (sh->notes)
		put_cell(b, "F5", XF_TITLE, NULL);
	g_string_append(b, "</row><row r=\"6\" ht=\"33\" customHeight=\"1\">");
	put_cell(b, "A6", XF_RIGHT, to);
	put_cell(b, "B6", XF_RIGHT, NULL);
	put_cell(b, "C6", XF_RIGHT, NULL);
	put_cell(b, "D6", XF_RIGHT, NULL);
	put_cell(b, "E6", XF_RIGHT, NULL);
	if (sh->notes)
		put_cell(b, "F6", XF_RIGHT, NULL);
	g_string_append(b, "</row><row r=\"8\">");
	for (size_t i = 0; i < G_N_ELEMENTS(heads); i++) {
		snprintf(ref, sizeof(ref), "%c8", (char)('A' + i));
		put_cell(b, ref, XF_HEAD, heads[i]);
	}
	if (sh->notes)
		put_cell(b, "F8", XF_HEAD, "Ghi chú");
	g_string_append(b, "</row>");
	g_free(dateline);
	g_free(to);
}

/* The lines s takes in a column w wide, wrapped between words as a
 * spreadsheet wraps it; a word longer than a line is cut. */
static size_t
wrapped_lines(const char *s, size_t w)
{
	size_t		 cap = LINE_CHARS(w), lines = 1, col = 0, n;
	const char	*p;
	bool		 valid;

	if (s == NULL)
		return (1);
	valid = g_utf8_validate(s, -1, NULL);
	for (p = s; *p != '\0' && lines < MAX_LINES; ) {
		if (*p == '\n') {
			lines++;
			col = 0;
			p++;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		/* a word: characters (bytes of text that is not UTF-8) */
		for (n = 0; *p != '\0' && *p != ' ' && *p != '\n'; n++)
			p = valid ? g_utf8_next_char(p) : p + 1;
		if (col > 0 && col + 1 + n > cap) {
			lines++;
			col = 0;
		}
		col += (col > 0) + n;
		while (col > cap) {
			lines++;
			col -= cap;
		}
	}
	return (MIN(lines, MAX_LINES));
}

/* "<row r=..." for data row i, with its height when it wraps. */
static void
put_row(GString *b, size_t i, const struct forward_xlsx_row *r,
    const char *note, bool notes)
{
	size_t	lines;

	lines = MAX(wrapped_lines(r->name, NAME_WIDTH),
	    wrapped_lines(r->position, POSITION_WIDTH));
	if (notes)
		lines = MAX(lines, wrapped_lines(note, NOTE_WIDTH));
	g_string_append(b, "<row r=\"");
	put_uint(b, FORWARD_XLSX_FIRST_ROW + i + 1);
	if (lines > 1) {
		/* 15.75 points a line, in quarters */
		g_string_append(b, "\" ht=\"");
		put_uint(b, lines * 63 / 4);
		if (lines * 63 % 4 != 0) {
			g_string_append_c(b, '.');
			g_string_append(b, (const char *[]){ "", "25", "5",
			    "75" }[lines * 63 % 4]);
		}
		g_string_append(b, "\" customHeight=\"1");
	}
	g_string_append(b, "\">");
}

/* Data rows until the buffer holds a chunk or the rows end. */
static int
sheet_rows(struct sheet *sh)
{
	const struct forward_xlsx *x = sh->x;
	GString		*b = sh->buf;

	while (sh->next < x->nrows && b->len < SHEET_CHUNK) {
		struct forward_xlsx_row		 one = { 0 };
		const struct forward_xlsx_row	*r = &one;
		const char			*note = NULL;
		size_t				 i = sh->next;

		if (x->row == NULL) {
			r = &x->rows[i];
			note = x->notes != NULL ? x->notes[i] : NULL;
		} else if (x->row(x->rows_ctx, i, &one, &note) == -1) {
			sh->cause = g_strdup_printf("row %zu of %zu cannot be "
			    "read", i + 1, x->nrows);
			return (-1);
		}
		put_row(b, i, r, note, sh->notes);
		g_string_append(b, "<c s=\"7\"><v>");
		put_uint(b, i + 1);
		g_string_append(b, "</v></c>");
		put_cell(b, NULL, XF_TEXT, r->phone);
		put_cell(b, NULL, XF_TEXT, r->iccid);
		put_cell(b, NULL, XF_CELL, r->name);
		put_cell(b, NULL, XF_CELL, r->position);
		if (sh->notes)
			put_cell(b, NULL, XF_CELL, note);
		g_string_append(b, "</row>");
		sh->next++;
	}
	if (sh->next == x->nrows)
		sh->part = PART_TAIL;
	return (0);
}

/* The next piece of the sheet into the (emptied) buffer; nothing at the
 * end. */
static int
sheet_fill(struct sheet *sh)
{
	g_string_truncate(sh->buf, 0);
	sh->off = 0;
	switch (sh->part) {
	case PART_HEAD:
		sheet_letterhead(sh);
		sh->part = PART_ROWS;
		return (sheet_rows(sh));
	case PART_ROWS:
		return (sheet_rows(sh));
	case PART_TAIL:
		g_string_append(sh->buf, sh->notes ? sheet_merges_notes :
		    sheet_merges);
		g_string_append(sh->buf, sheet_tail);
		sh->part = PART_DONE;
		return (0);
	case PART_DONE:
		break;
	}
	return (0);
}

/* What a sheet's source answers beside OPEN and READ: read once, in
 * order, its size declared SHEET_DECLARED (above). */
static zip_int64_t
sheet_source(zip_error_t *error, void *data, zip_uint64_t len,
    zip_source_cmd_t cmd)
{
	zip_stat_t	*st;

	switch (cmd) {
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return (0);
	case ZIP_SOURCE_STAT:
		if (len < sizeof(*st)) {
			zip_error_set(error, ZIP_ER_INVAL, 0);
			return (-1);
		}
		st = data;
		zip_stat_init(st);
		st->size = SHEET_DECLARED;
		st->valid |= ZIP_STAT_SIZE;
		return (sizeof(*st));
	case ZIP_SOURCE_ERROR:
		return (zip_error_to_data(error, data, len));
	case ZIP_SOURCE_SUPPORTS:
		return (zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1));
	default:
		zip_error_set(error, ZIP_ER_OPNOTSUPP, 0);
		return (-1);
	}
}

static zip_int64_t
sheet_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct sheet	*sh = ud;
	zip_uint64_t	 n = 0, k;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		/* not seekable: libzip has no way to read it twice, and
		 * a second reading would call the row callback again */
		if (sh->opened) {
			zip_error_set(&sh->error, ZIP_ER_INTERNAL, 0);
			return (-1);
		}
		sh->opened = true;
		return (0);
	case ZIP_SOURCE_READ:
		while (n < len) {
			if (sh->off == sh->buf->len) {
				if (sh->part == PART_DONE)
					break;
				if (sheet_fill(sh) == -1) {
					zip_error_set(&sh->error, ZIP_ER_READ,
					    0);
					return (-1);
				}
				continue;
			}
			k = MIN(len - n, sh->buf->len - sh->off);
			memcpy((char *)data + n, sh->buf->str + sh->off, k);
			sh->off += k;
			n += k;
		}
		sh->total += n;
		if (sh->total > SHEET_DECLARED) {
			sh->cause = g_strdup_printf("the sheet of %zu rows "
			    "passes %" G_GUINT64_FORMAT " bytes, more than a "
			    "ZIP entry holds without ZIP64", sh->x->nrows,
			    (guint64)SHEET_DECLARED);
			zip_error_set(&sh->error, ZIP_ER_READ, 0);
			return (-1);
		}
		return ((zip_int64_t)n);
	default:
		return (sheet_source(&sh->error, data, len, cmd));
	}
}

/* docProps/core.xml: created and modified are the list's date, never
 * the clock's, so the workbook is a function of its input; none when the
 * date does not parse. g_free. */
static char *
core_xml(const char *date)
{
	GString		*b = g_string_new(core_head);
	GDateTime	*t;
	char		*w;

	if (date != NULL &&
	    (t = g_date_time_new_from_iso8601(date, NULL)) != NULL) {
		GDateTime *u = g_date_time_to_utc(t);

		w = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
		g_string_append_printf(b, "<dcterms:created xsi:type=\""
		    "dcterms:W3CDTF\">%s</dcterms:created><dcterms:modified "
		    "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>", w, w);
		g_free(w);
		g_date_time_unref(u);
		g_date_time_unref(t);
	}
	g_string_append(b, core_tail);
	return (g_string_free(b, FALSE));
}

/*
 * src as the part name, deflated at DEFLATE_LEVEL and dated 1980-01-01
 * 00:00 as libxlsxwriter dates its parts (libzip would take the clock).
 * src is libzip's after, whatever happens.
 */
static int
add_part(zip_t *za, const char *name, zip_source_t *src, char **cause)
{
	struct tm	 tm = { .tm_year = 80, .tm_mday = 1, .tm_isdst = -1 };
	zip_int64_t	 i;

	if ((i = zip_file_add(za, name, src, 0)) == -1) {
		zip_source_free(src);
		goto fail;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_DEFLATE,
	    DEFLATE_LEVEL) == -1 ||
	    zip_file_set_mtime(za, (zip_uint64_t)i, mktime(&tm), 0) == -1)
		goto fail;
	return (0);
fail:
	*cause = g_strdup_printf("%s: %s", name,
	    zip_error_strerror(zip_get_error(za)));
	return (-1);
}

/* len bytes at data as the part name; freed with the archive when
 * owned, else borrowed until zip_close. */
static int
add_bytes(zip_t *za, const char *name, const char *data, size_t len,
    bool owned, char **cause)
{
	zip_source_t	*src;

	if ((src = zip_source_buffer(za, data, len, owned)) == NULL) {
		*cause = g_strdup_printf("%s: %s", name,
		    zip_error_strerror(zip_get_error(za)));
		if (owned)
			free((void *)data);
		return (-1);
	}
	return (add_part(za, name, src, cause));
}

/* docProps/core.xml for the date. */
static int
add_core(zip_t *za, const char *date, char **cause)
{
	char	*core, *copy;

	/* libzip frees what it owns with free(), not g_free() */
	core = core_xml(date);
	copy = strdup(core);
	g_free(core);
	if (copy == NULL) {
		*cause = g_strdup("docProps/core.xml: out of memory");
		return (-1);
	}
	return (add_bytes(za, "docProps/core.xml", copy, strlen(copy), true,
	    cause));
}

/*
 * The workbook around a sheet: the parts in the order forward_xlsx_build
 * writes them, the sheet read from the source callback cb (ud), whose
 * own reason for failing is *sheet_cause; core.xml dated date.
 */
static int
assemble(const char *date, zip_source_callback cb, void *ud,
    char *const *sheet_cause, unsigned char **data_r, size_t *len_r,
    char **cause)
{
	zip_source_t	*out = NULL, *src;
	zip_t		*za = NULL;
	zip_error_t	 err;
	zip_stat_t	 st;
	unsigned char	*bytes = NULL;
	zip_int64_t	 n;
	int		 rc = -1;

	zip_error_init(&err);
	if ((out = zip_source_buffer_create(NULL, 0, 0, &err)) == NULL ||
	    (za = zip_open_from_source(out, ZIP_TRUNCATE, &err)) == NULL) {
		*cause = g_strdup_printf("the workbook: %s",
		    zip_error_strerror(&err));
		goto out;
	}
	/* the archive's bytes outlive the archive, to be read back */
	zip_source_keep(out);
	if (add_bytes(za, "[Content_Types].xml", content_types_xml,
	    sizeof(content_types_xml) - 1, false, cause) == -1 ||
	    add_bytes(za, "_rels/.rels", rels_xml, sizeof(rels_xml) - 1,
	    false, cause) == -1 ||
	    add_bytes(za, "xl/_rels/workbook.xml.rels", workbook_rels_xml,
	    sizeof(workbook_rels_xml) - 1, false, cause) == -1)
		goto out;
	if ((src = zip_source_function(za, cb, ud)) == NULL) {
		*cause = g_strdup_printf("xl/worksheets/sheet1.xml: %s",
		    zip_error_strerror(zip_get_error(za)));
		goto out;
	}
	if (add_part(za, "xl/worksheets/sheet1.xml", src, cause) == -1 ||
	    add_bytes(za, "xl/workbook.xml", workbook_xml,
	    sizeof(workbook_xml) - 1, false, cause) == -1 ||
	    add_bytes(za, "xl/styles.xml", styles_xml, sizeof(styles_xml) - 1,
	    false, cause) == -1 ||
	    add_core(za, date, cause) == -1 ||
	    add_bytes(za, "docProps/app.xml", app_xml, sizeof(app_xml) - 1,
	    false, cause) == -1)
		goto out;
	/* the sheet is made now, as libzip deflates it */
	if (zip_close(za) == -1) {
		*cause = *sheet_cause != NULL ? g_strdup(*sheet_cause) :
		    g_strdup_printf("the workbook: %s",
		    zip_error_strerror(zip_get_error(za)));
		goto out;
	}
	za = NULL;

	zip_stat_init(&st);
	if (zip_source_stat(out, &st) == -1 ||
	    (st.valid & ZIP_STAT_SIZE) == 0 || zip_source_open(out) == -1) {
		*cause = g_strdup_printf("the workbook: %s",
		    zip_error_strerror(zip_source_error(out)));
		goto out;
	}
	bytes = g_malloc(st.size > 0 ? st.size : 1);
	n = zip_source_read(out, bytes, st.size);
	zip_source_close(out);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		*cause = g_strdup_printf("the workbook: %s", n < 0 ?
		    zip_error_strerror(zip_source_error(out)) :
		    "read back short");
		goto out;
	}
	*data_r = bytes;
	*len_r = st.size;
	bytes = NULL;
	rc = 0;
out:
	if (za != NULL)
		zip_discard(za);
	if (out != NULL)
		zip_source_free(out);
	g_free(bytes);
	zip_error_fini(&err);
	return (rc);
}

int
forward_xlsx_build(const struct forward_xlsx *x, const char *tmpdir,
    unsigned char **data_r, size_t *len_r, char **cause)
{
	struct sheet	 sh = { 0 };
	int		 rc;

	(void)tmpdir;		/* nothing is written: kept for the API */
	*data_r = NULL;
	*len_r = 0;
	*cause = NULL;
	if (x->nrows > 0 && x->rows == NULL && x->row == NULL) {
		*cause = g_strdup_printf("%zu rows, none given", x->nrows);
		return (-1);
	}
	if (x->nrows > FORWARD_XLSX_MAX_ROWS) {
		*cause = g_strdup_printf("%zu rows: a sheet holds %d at most",
		    x->nrows, FORWARD_XLSX_MAX_ROWS);
		return (-1);
	}
	zip_error_init(&sh.error);
	sh.x = x;
	sh.notes = x->row != NULL ? x->with_notes : x->notes != NULL;
	sh.buf = g_string_sized_new(SHEET_CHUNK + 4096);
	rc = assemble(x->date, sheet_cb, &sh, &sh.cause, data_r, len_r,
	    cause);
	g_free(sh.cause);
	g_string_free(sh.buf, TRUE);
	zip_error_fini(&sh.error);
	return (rc);
}

/* A workbook's sheet read again, its date line made anew on the way. */
struct resheet {
	zip_file_t	*in;
	const char	*dateline;
	GString		*buf;
	size_t		 off;		/* of buf already given */
	bool		 head, eof, opened;
	zip_error_t	 error;
	char		*cause;
};

/* The letterhead's date line (D2, in the sheet's first rows) put anew
 * in the first bytes read: 0, or -1 when they hold none. */
static int
resheet_head(struct resheet *rs)
{
	GString	*cell = g_string_new(NULL);
	char	*c, *gt, *end;
	size_t	 from, to;

	c = strstr(rs->buf->str, "<c r=\"D2\"");
	if (c == NULL || (gt = strchr(c, '>')) == NULL) {
		g_string_free(cell, TRUE);
		rs->cause = g_strdup("no date line (cell D2) in the sheet's "
		    "first rows: not a list hotrocks made");
		return (-1);
	}
	if (gt[-1] == '/')
		end = gt + 1;
	else if ((end = strstr(gt, "</c>")) != NULL)
		end += strlen("</c>");
	else {
		g_string_free(cell, TRUE);
		rs->cause = g_strdup("the date line (cell D2) is cut short");
		return (-1);
	}
	from = (size_t)(c - rs->buf->str);
	to = (size_t)(end - rs->buf->str);
	put_cell(cell, "D2", XF_RIGHT, rs->dateline);
	g_string_erase(rs->buf, (gssize)from, (gssize)(to - from));
	g_string_insert_len(rs->buf, (gssize)from, cell->str,
	    (gssize)cell->len);
	g_string_free(cell, TRUE);
	return (0);
}

/* The next bytes of the sheet into rs->buf: 1, 0 at its end, -1. */
static int
resheet_fill(struct resheet *rs)
{
	zip_int64_t	n;

	g_string_truncate(rs->buf, 0);
	rs->off = 0;
	/* the letterhead is in the first bytes: read them whole */
	while (rs->buf->len < SHEET_CHUNK) {
		g_string_set_size(rs->buf, rs->buf->len + SHEET_CHUNK);
		n = zip_fread(rs->in, rs->buf->str + rs->buf->len -
		    SHEET_CHUNK, SHEET_CHUNK);
		if (n < 0) {
			rs->cause = g_strdup_printf("the sheet: %s",
			    zip_error_strerror(zip_file_get_error(rs->in)));
			return (-1);
		}
		g_string_set_size(rs->buf, rs->buf->len - SHEET_CHUNK +
		    (size_t)n);
		if (n == 0) {
			rs->eof = true;
			break;
		}
	}
	if (!rs->head) {
		rs->head = true;
		if (resheet_head(rs) == -1)
			return (-1);
	}
	return (rs->buf->len > 0 ? 1 : 0);
}

static zip_int64_t
resheet_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct resheet	*rs = ud;
	zip_uint64_t	 n = 0, k;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (rs->opened) {
			zip_error_set(&rs->error, ZIP_ER_INTERNAL, 0);
			return (-1);
		}
		rs->opened = true;
		return (0);
	case ZIP_SOURCE_READ:
		while (n < len) {
			if (rs->off == rs->buf->len) {
				int r;

				if (rs->eof && rs->head)
					break;
				if ((r = resheet_fill(rs)) == -1) {
					zip_error_set(&rs->error, ZIP_ER_READ,
					    0);
					return (-1);
				}
				if (r == 0)
					break;
				continue;
			}
			k = MIN(len - n, rs->buf->len - rs->off);
			memcpy((char *)data + n, rs->buf->str + rs->off, k);
			rs->off += k;
			n += k;
		}
		return ((zip_int64_t)n);
	default:
		/* declared as the sheet made first declared itself */
		return (sheet_source(&rs->error, data, len, cmd));
	}
}

int
forward_xlsx_redate(const unsigned char *data, size_t len, const char *place,
    const char *date, const char *zone, unsigned char **data_r,
    size_t *len_r, char **cause)
{
	struct resheet	 rs = { 0 };
	zip_source_t	*src;
	zip_t		*za = NULL;
	zip_error_t	 err;
	int		 rc = -1;

	*data_r = NULL;
	*len_r = 0;
	*cause = NULL;
	zip_error_init(&err);
	zip_error_init(&rs.error);
	if ((rs.dateline = forward_xlsx_dateline(place, date, zone)) ==
	    NULL) {
		*cause = g_strdup_printf("\"%s\": not a time", date);
		goto out;
	}
	if ((src = zip_source_buffer_create(data, len, 0, &err)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &err)) == NULL) {
		if (src != NULL)
			zip_source_free(src);
		*cause = g_strdup_printf("the workbook: %s",
		    zip_error_strerror(&err));
		goto out;
	}
	if ((rs.in = zip_fopen(za, "xl/worksheets/sheet1.xml", 0)) == NULL) {
		*cause = g_strdup_printf("the workbook: %s",
		    zip_error_strerror(zip_get_error(za)));
		goto out;
	}
	rs.buf = g_string_sized_new(2 * SHEET_CHUNK + 4096);
	rc = assemble(date, resheet_cb, &rs, &rs.cause, data_r, len_r, cause);
out:
	if (rs.in != NULL)
		zip_fclose(rs.in);
	if (za != NULL)
		zip_discard(za);
	if (rs.buf != NULL)
		g_string_free(rs.buf, TRUE);
	g_free((char *)rs.dateline);
	g_free(rs.cause);
	zip_error_fini(&rs.error);
	zip_error_fini(&err);
	return (rc);
}
