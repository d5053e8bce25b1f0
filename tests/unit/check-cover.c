/* check-cover.c: a unit's signed PDF cover letter (công văn, made and
 * signed here with the test PKI of tests/pki/make-pki.sh) and its unsigned
 * soft file (DOCX, XLSX) mailed together, decided as one submission under
 * both values of require_signature; and the list that came only as PDF. */
#include <string.h>
#include <utime.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <openssl/pem.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/replies.h"
#include "outbox/queue.h"
#include "parsers/pdf-sign.h"
#include "tests/unit/testlib.h"

#define CT_DOCX	"application/vnd.openxmlformats-officedocument." \
		"wordprocessingml.document"
#define CT_XLSX	"application/vnd.openxmlformats-officedocument." \
		"spreadsheetml.sheet"
#define CT_PDF	"application/pdf"

/* make-pki.sh issues certificates from the moment it runs */
#define T_SIGN	(test_pki_made + 60)
#define T_RECV	(test_pki_made + 3600)

/* [0] require_signature = false, [1] true; [2] true with
 * cover_letter_signs_attachments = false */
static struct config	*cfgs[3];

static struct config *
config_with(bool require, bool cover)
{
	char		*conf = test_pki_path(require ? cover ? "req.conf" :
			    "nocover.conf" : "noreq.conf");
	char		*root = test_pki_path("root.pem");
	char		*chain = test_pki_path("chain.pem");
	char		*crl = test_pki_path("crl");
	char		*text, *cause = NULL;
	struct config	*c;

	text = g_strdup_printf("[rules]\nrequire_signature = %s\n"
	    "cover_letter_signs_attachments = %s\n[signatures]\n"
	    "trust_anchors = %s\nintermediates = %s\ncrl_dir = %s\n",
	    require ? "true" : "false", cover ? "true" : "false", root, chain,
	    crl);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	c = config_load(conf, &cause);
	ck_assert_msg(c != NULL, "%s", cause);
	g_free(text);
	g_free(conf);
	g_free(root);
	g_free(chain);
	g_free(crl);
	return (c);
}

static void
pki_setup(void)
{
	test_pki_setup("coverpki-XXXXXX");
	cfgs[0] = config_with(false, true);
	cfgs[1] = config_with(true, true);
	cfgs[2] = config_with(true, false);
}

static void
pki_teardown(void)
{
	test_pki_teardown();
	for (size_t i = 0; i < G_N_ELEMENTS(cfgs); i++)
		config_free(cfgs[i]);
}

/* A line of text at (x, y) on the page. */
struct line {
	int		 x, y;
	const char	*text;
};

static const struct line letter[] = {
	{ 50, 800, "ĐẢNG BỘ TỈNH QUẢNG NGÃI" },
	{ 330, 800, "ĐẢNG CỘNG SẢN VIỆT NAM" },
	{ 70, 785, "HUYỆN ỦY SƠN TỊNH" },
	{ 100, 770, "*" },
	{ 330, 770, "Sơn Tịnh, ngày 10 tháng 5 năm 2024" },
	{ 70, 755, "Số 245-CV/HU" },
	{ 50, 740, "V/v đề nghị kích hoạt SIM ký số" },
	{ 150, 710, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi" },
	{ 50, 680, "Huyện ủy Sơn Tịnh gửi kèm danh sách đề nghị kích hoạt "
	    "SIM ký số (file mềm)" },
	{ 50, 665, "để Văn phòng Tỉnh ủy hỗ trợ, chuyển Cục Chứng thực số." },
	{ 330, 630, "T/L BAN THƯỜNG VỤ" },
	{ 330, 615, "CHÁNH VĂN PHÒNG" },
	{ 0, 0, NULL }
};

/* The list itself, printed to PDF: no soft file. */
static const struct line list[] = {
	{ 50, 800, "ĐẢNG BỘ TỈNH QUẢNG NGÃI" },
	{ 330, 800, "ĐẢNG CỘNG SẢN VIỆT NAM" },
	{ 70, 785, "HUYỆN ỦY SƠN TỊNH" },
	{ 150, 750, "DANH SÁCH" },
	{ 100, 735, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	{ 50, 715, "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ "
	    "yếu Chính phủ" },
	{ 50, 690, "TT" }, { 80, 690, "Số điện thoại" }, { 180, 690,
	    "Số ICCID" }, { 330, 690, "Họ và tên" }, { 450, 690, "Chức vụ" },
	{ 50, 675, "1" }, { 80, 675, "0905 123 456" }, { 180, 675,
	    "8984 0480 0000 1234 567" }, { 330, 675, "Nguyễn Văn An" },
	{ 450, 675, "Bí thư" },
	{ 0, 0, NULL }
};

/*
 * A one-page PDF as Word prints it: a Type0 font with Identity-H, CIDs
 * that are the Unicode code points, and a ToUnicode CMap saying so, so
 * that the text extracts (no glyphs are embedded: nothing is drawn).
 */
static GString *
pdf_of(const struct line *ls)
{
	GString	*c = g_string_new("BT /F1 11 Tf\n"), *cmap, *s;
	char	*objs[7];

	for (size_t i = 0; ls[i].text != NULL; i++) {
		glong		 n;
		gunichar2	*u = g_utf8_to_utf16(ls[i].text, -1, NULL, &n,
				    NULL);

		g_string_append_printf(c, "1 0 0 1 %d %d Tm <", ls[i].x,
		    ls[i].y);
		for (glong k = 0; k < n; k++)
			g_string_append_printf(c, "%04X", u[k]);
		g_string_append(c, "> Tj\n");
		g_free(u);
	}
	g_string_append(c, "ET");
	cmap = g_string_new("/CIDInit /ProcSet findresource begin\n12 dict "
	    "begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
	    "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n32 beginbfrange\n");
	for (int h = 0; h < 0x20; h++)
		g_string_append_printf(cmap, "<%02X00> <%02XFF> <%02X00>\n", h,
		    h, h);
	g_string_append(cmap, "endbfrange\nendcmap\nCMapName currentdict "
	    "/CMap defineresource pop\nend\nend");
	objs[0] = g_strdup("<< /Type /Catalog /Pages 2 0 R >>");
	objs[1] = g_strdup("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	objs[2] = g_strdup("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 "
	    "842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>");
	objs[3] = test_pdf_stream(c->str, c->len);
	objs[4] = g_strdup("<< /Type /Font /Subtype /Type0 /BaseFont "
	    "/TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts "
	    "[6 0 R] /ToUnicode 7 0 R >>");
	objs[5] = g_strdup("<< /Type /Font /Subtype /CIDFontType2 /BaseFont "
	    "/TimesNewRomanPSMT /CIDSystemInfo << /Registry (Adobe) "
	    "/Ordering (Identity) /Supplement 0 >> /DW 500 /CIDToGIDMap "
	    "/Identity >>");
	objs[6] = test_pdf_stream(cmap->str, cmap->len);
	s = test_pdf((const char *const *)objs, G_N_ELEMENTS(objs));
	for (size_t i = 0; i < G_N_ELEMENTS(objs); i++)
		g_free(objs[i]);
	g_string_free(c, TRUE);
	g_string_free(cmap, TRUE);
	return (s);
}

/* Sơn Tịnh's Phụ lục 3 in Excel, as libxlsxwriter writes it. */
static GString *
xlsx_list(void)
{
	char		*path = test_pki_path("list.xlsx");
	lxw_workbook	*wb = workbook_new(path);
	lxw_worksheet	*ws = workbook_add_worksheet(wb, NULL);
	unsigned char	*data;
	size_t		 len;
	GString		*s;
	static const char *const head[] = { "TT", "Số điện thoại",
	    "Số ICCID", "Họ và tên", "Chức vụ" };
	static const char *const row[] = { "1", "0905 123 456",
	    "8984 0480 0000 1234 567", "Nguyễn Văn An", "Bí thư" };

	worksheet_write_string(ws, 0, 0, "HUYỆN ỦY SƠN TỊNH", NULL);
	worksheet_write_string(ws, 2, 0, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM "
	    "KÝ SỐ", NULL);
	worksheet_write_string(ws, 3, 0, "Kính gửi: Cục Chứng thực số và "
	    "Bảo mật thông tin, Ban Cơ yếu Chính phủ", NULL);
	for (int c = 0; c < 5; c++) {
		worksheet_write_string(ws, 5, c, head[c], NULL);
		worksheet_write_string(ws, 6, c, row[c], NULL);
	}
	ck_assert_int_eq(workbook_close(wb), LXW_NO_ERROR);
	data = test_slurp(path, &len);
	s = g_string_new_len((char *)data, (gssize)len);
	g_free(data);
	g_unlink(path);
	g_free(path);
	return (s);
}

/* A Word file of paragraphs (NULL-terminated), then a table of rows
 * rows of five cells, as Word writes them. */
static GString *
docx_of(const char *const *paras, const char *const *cells, int rows)
{
	GString		*doc = g_string_new("<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats."
	    "org/wordprocessingml/2006/main\"><w:body>");
	const char	*e[] = { "[Content_Types].xml", "<?xml version=\"1.0\" "
	    "encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats."
	    "org/package/2006/content-types\"><Default Extension=\"rels\" "
	    "ContentType=\"application/vnd.openxmlformats-package."
	    "relationships+xml\"/><Default Extension=\"xml\" ContentType="
	    "\"application/xml\"/><Override PartName=\"/word/document.xml\" "
	    "ContentType=\"application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document.main+xml\"/></Types>", "_rels/.rels",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns="
	    "\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
	    "org/officeDocument/2006/relationships/officeDocument\" Target="
	    "\"word/document.xml\"/></Relationships>", "word/document.xml",
	    NULL, NULL };
	unsigned char	*z;
	size_t		 len;
	GString		*s;

	for (size_t i = 0; paras[i] != NULL; i++)
		g_string_append_printf(doc, "<w:p><w:r><w:t>%s</w:t></w:r>"
		    "</w:p>", paras[i]);
	if (rows > 0)
		g_string_append(doc, "<w:tbl>");
	for (int r = 0; r < rows; r++) {
		g_string_append(doc, "<w:tr>");
		for (int c = 0; c < 5; c++)
			g_string_append_printf(doc, "<w:tc><w:p><w:r><w:t>%s"
			    "</w:t></w:r></w:p></w:tc>", cells[r * 5 + c]);
		g_string_append(doc, "</w:tr>");
	}
	if (rows > 0)
		g_string_append(doc, "</w:tbl>");
	g_string_append(doc, "</w:body></w:document>");
	e[5] = doc->str;
	z = test_zip(e, &len);
	s = g_string_new_len((char *)z, (gssize)len);
	g_free(z);
	g_string_free(doc, TRUE);
	return (s);
}

/* Sơn Tịnh's Phụ lục 3 in Word: analyse/sim.docx's parts, with its one
 * clean row (that file's second row fails the ICCID check digit). */
static GString *
docx_list(void)
{
	static const char *const paras[] = { "HUYỆN ỦY SƠN TỊNH",
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", "Kính gửi: Cục Chứng "
	    "thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ", NULL };
	static const char *const cells[] = { "TT", "Số điện thoại",
	    "Số ICCID", "Họ và tên", "Chức vụ", "1", "0905 123 456",
	    "8984 0480 0000 1234 567", "Nguyễn Văn An", "Bí thư" };

	return (docx_of(paras, cells, 2));
}

/* A message from mailbox (a local part at quangngai.dcs.vn) with the
 * given attachments (NULL data: left out); g_free. */
static char *
message_from(const char *mailbox, const char *subject,
    const char *const *names, const char *const *ctypes,
    GString *const *data, size_t n)
{
	GString *s = g_string_new(NULL);

	g_string_printf(s, "From: Van phong <%s@quangngai.dcs.vn>\nTo: "
	    "HotroCKS@quangngai.dcs.vn\nSubject: %s\nMessage-ID: "
	    "<cv.%s@quangngai.dcs.vn>\nMIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: "
	    "text/plain; charset=utf-8\n\nKính gửi.\n", mailbox, subject,
	    mailbox);

	for (size_t i = 0; i < n; i++) {
		char *b64;

		if (data[i] == NULL)
			continue;
		b64 = g_base64_encode((const guchar *)data[i]->str,
		    data[i]->len);
		g_string_append_printf(s, "--b\nContent-Type: %s; name=\"%s\"\n"
		    "Content-Disposition: attachment; filename=\"%s\"\n"
		    "Content-Transfer-Encoding: base64\n\n", ctypes[i],
		    names[i], names[i]);
		for (size_t j = 0; j < strlen(b64); j += 76)
			g_string_append_printf(s, "%.76s\n", b64 + j);
		g_free(b64);
	}
	g_string_append(s, "--b--\n");
	return (g_string_free(s, FALSE));
}

/* The same from Sơn Tịnh's office. */
static char *
message(const char *const *names, const char *const *ctypes,
    GString *const *data, size_t n)
{
	return (message_from("vanphong.sontinh", "Cong van 245-CV/HU", names,
	    ctypes, data, n));
}

static struct decision *
decide(const struct config *cfg, GString *cover, GString *soft,
    bool xlsx, struct mail **m_r)
{
	const char *names[] = { "CV 245-CV-HU.pdf", xlsx ? "Phu luc 3.xlsx" :
	    "Phu luc 3.docx" };
	const char *ctypes[] = { CT_PDF, xlsx ? CT_XLSX : CT_DOCX };
	GString *const	 data[] = { cover, soft };
	struct lookup	 lk = { .receipt = T_RECV };
	struct decision	*dec = NULL;
	const char	*why = NULL;
	char		*raw = message(names, ctypes, data, 2);

	ck_assert_msg(analyse_message((const unsigned char *)raw,
	    strlen(raw), cfg, &lk, m_r, &dec, &why) == 0, "%s", why);
	g_free(raw);
	return (dec);
}

/* The document of dec with the kind, or NULL. */
static const struct document *
doc_of(const struct decision *dec, enum kind k)
{
	for (size_t i = 0; i < dec->ndocs; i++)
		if (dec->docs[i].kind == k)
			return (&dec->docs[i]);
	return (NULL);
}

enum cover { NONE, VALID, TAMPERED, OTHER_UNIT, UNTRUSTED, UNSIGNED };

/*
 * Each case under require_signature false ([0]) and true ([1]): the
 * message's kind and action, the cover letter's error (0: none) and
 * whether the list carries signature_missing.
 */
static const struct {
	const char	*name;
	enum cover	 cover;
	bool		 soft;
	struct {
		enum kind	kind;
		enum action	action;
		int		cover_error;
		bool		list_missing;
	} want[2];
} cases[] = {
	{ "valid", VALID, true, {
	    { KIND_SIM_ACTIVATION, ACTION_QUEUE, 0, false },
	    { KIND_SIM_ACTIVATION, ACTION_QUEUE, 0, false } } },
	{ "tampered", TAMPERED, true, {
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, CODE_SIGNATURE_INVALID,
	      false },
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, CODE_SIGNATURE_INVALID,
	      true } } },
	{ "another_unit", OTHER_UNIT, true, {
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, CODE_SIGNER_MISMATCH,
	      false },
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, CODE_SIGNER_MISMATCH,
	      true } } },
	{ "untrusted_ca", UNTRUSTED, true, {
	    { KIND_SIM_ACTIVATION, ACTION_QUEUE, 0, false },
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, CODE_SIGNATURE_UNTRUSTED,
	      true } } },
	{ "unsigned", UNSIGNED, true, {
	    { KIND_SIM_ACTIVATION, ACTION_QUEUE, 0, false },
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, 0, true } } },
	{ "cover_alone", VALID, false, {
	    { KIND_UNKNOWN, ACTION_MANUAL, 0, false },
	    { KIND_UNKNOWN, ACTION_MANUAL, 0, false } } },
	{ "list_alone", NONE, true, {
	    { KIND_SIM_ACTIVATION, ACTION_QUEUE, 0, false },
	    { KIND_SIM_ACTIVATION, ACTION_REJECT, 0, true } } },
};

static GString *
cover_made(enum cover c)
{
	GString	*plain, *s = NULL;
	size_t	 at;

	if (c == NONE)
		return (NULL);
	plain = pdf_of(letter);
	switch (c) {
	case VALID:
		s = test_pdf_signed(plain, "sontinh", T_SIGN, false);
		break;
	case TAMPERED:
		/* one code point of the signed page changed: "Sơn" → "Són" */
		s = test_pdf_signed(plain, "sontinh", T_SIGN, false);
		at = (size_t)(strstr(s->str, "01A1") - s->str);
		memcpy(s->str + at, "00F3", 4);
		break;
	case OTHER_UNIT:
		s = test_pdf_signed(plain, "btg", T_SIGN, false);
		break;
	case UNTRUSTED:
		s = test_pdf_signed(plain, "fake", T_SIGN, false);
		break;
	default:
		s = g_string_new_len(plain->str, (gssize)plain->len);
		break;
	}
	g_string_free(plain, TRUE);
	return (s);
}

/* _i: case × list format × require_signature */
static void
run_case(int i)
{
	size_t		 c = (size_t)i / 4;
	bool		 xlsx = (i / 2) % 2 == 1;
	int		 req = i % 2;
	GString		*cover = cover_made(cases[c].cover);
	GString		*soft = cases[c].soft ? xlsx ? xlsx_list() :
			    docx_list() : NULL;
	struct mail	*m = NULL;
	struct decision	*dec = decide(cfgs[req], cover, soft, xlsx, &m);
	const struct document *cd = doc_of(dec, KIND_COVER_LETTER);
	const struct document *ld = doc_of(dec, KIND_SIM_ACTIVATION);
	const char	*what = g_strdup_printf("%s %s require=%d",
			    cases[c].name, xlsx ? "xlsx" : "docx", req);

	ck_assert_msg(dec->kind == cases[c].want[req].kind,
	    "%s: kind %s", what, kind_name(dec->kind));
	ck_assert_msg(dec->action == cases[c].want[req].action,
	    "%s: action %s", what, action_name(dec->action));
	ck_assert_msg(!findings_has(&dec->errors, CODE_MIXED_DOCUMENTS),
	    "%s: mixed", what);
	/* alone, a letter accompanies nothing: a document of unknown kind */
	if (cover != NULL && soft == NULL)
		cd = doc_of(dec, KIND_UNKNOWN);
	if (cover != NULL) {
		ck_assert_msg(cd != NULL, "%s: no cover_letter", what);
		ck_assert_str_eq(cd->form->organization, "HUYỆN ỦY SƠN TỊNH");
		ck_assert_str_eq(cd->form->addressee,
		    "Văn phòng Tỉnh ủy Quảng Ngãi");
		/* read from the page as poppler gives it */
		ck_assert_str_eq(cd->form->doc_number, "245-CV/HU");
		ck_assert_str_eq(cd->form->doc_date, "2024-05-10");
		if (cases[c].want[req].cover_error != 0)
			ck_assert_msg(findings_has(&cd->errors,
			    cases[c].want[req].cover_error), "%s: %s", what,
			    code_name(cases[c].want[req].cover_error));
		else
			ck_assert_msg(cd->errors.n == 0, "%s: cover %s", what,
			    code_name(cd->errors.v[0].code));
	}
	if (soft != NULL) {
		ck_assert_msg(ld != NULL, "%s: no list", what);
		ck_assert_msg(findings_has(&ld->errors,
		    CODE_SIGNATURE_MISSING) ==
		    cases[c].want[req].list_missing, "%s: signature_missing",
		    what);
	}
	decision_free(dec);
	mime_free(m);
	g_free((char *)what);
	if (cover != NULL)
		g_string_free(cover, TRUE);
	if (soft != NULL)
		g_string_free(soft, TRUE);
}

START_TEST(cover_letter_and_soft_file)
{
	run_case(_i);
}
END_TEST

/* With cover_letter_signs_attachments = false a valid cover letter does
 * not stand for its list: signature_missing, reject. */
START_TEST(cover_letter_not_vouching_when_configured_off)
{
	GString		*cover = cover_made(VALID), *soft = docx_list();
	struct mail	*m = NULL;
	struct decision	*dec = decide(cfgs[2], cover, soft, false, &m);

	ck_assert_int_eq(dec->kind, KIND_SIM_ACTIVATION);
	ck_assert_int_eq(dec->action, ACTION_REJECT);
	ck_assert(findings_has(&doc_of(dec, KIND_SIM_ACTIVATION)->errors,
	    CODE_SIGNATURE_MISSING));
	decision_free(dec);
	mime_free(m);
	g_string_free(cover, TRUE);
	g_string_free(soft, TRUE);
}
END_TEST

/* The list only as a PDF: a person asks for the soft file. */
START_TEST(list_only_as_pdf_is_soft_file_missing)
{
	for (int req = 0; req < 2; req++) {
		GString		*pdf = pdf_of(list);
		struct mail	*m = NULL;
		struct decision	*dec = decide(cfgs[req], pdf, NULL, false, &m);
		const struct document *d = doc_of(dec, KIND_SIM_ACTIVATION);

		ck_assert_int_eq(dec->kind, KIND_SIM_ACTIVATION);
		ck_assert_int_eq(dec->action, ACTION_MANUAL);
		ck_assert_ptr_nonnull(d);
		ck_assert(findings_has(&d->errors, CODE_SOFT_FILE_MISSING));
		ck_assert(!findings_has(&d->form->errors, CODE_NO_ROWS));
		ck_assert_str_eq(d->form->organization, "HUYỆN ỦY SƠN TỊNH");
		decision_free(dec);
		mime_free(m);
		g_string_free(pdf, TRUE);
	}
}
END_TEST

/* The same PDF with its soft file: a printed copy, not missing. */
START_TEST(list_pdf_with_its_soft_file_is_not_missing)
{
	GString		*pdf = pdf_of(list), *soft = docx_list();
	struct mail	*m = NULL;
	struct decision	*dec = decide(cfgs[0], pdf, soft, false, &m);

	ck_assert_int_eq(dec->kind, KIND_SIM_ACTIVATION);
	ck_assert_int_eq(dec->action, ACTION_QUEUE);
	for (size_t i = 0; i < dec->ndocs; i++)
		ck_assert(!findings_has(&dec->docs[i].errors,
		    CODE_SOFT_FILE_MISSING));
	decision_free(dec);
	mime_free(m);
	g_string_free(pdf, TRUE);
	g_string_free(soft, TRUE);
}
END_TEST

/* The text/plain of a reply, CRs dropped; g_free. */
static char *
text_of(const char *raw)
{
	GMimeMessage	*msg = test_message_parse(raw);
	char		*t = test_message_text(msg);

	g_object_unref(msg);
	return (t);
}

/* The acknowledgement and the forward say which document was signed: the
 * letter, and the list is its soft file; with the list alone they do not. */
START_TEST(cover_letter_named_in_ack_and_forward)
{
	static const char sha[] = "00000000000000000000000000000000"
	    "00000000000000000000000000000000";
	static const char said[] = " đã được ký số; "
	    "danh sách kèm theo (file mềm)";

	for (int alone = 0; alone < 2; alone++) {
		GString		*cover = alone ? NULL : cover_made(VALID);
		GString		*soft = docx_list();
		struct mail	*m = NULL;
		struct decision	*dec = decide(cfgs[0], cover, soft, false, &m);
		struct queue_outgoing *out = NULL;
		size_t		 n = 0, seen = 0;
		char		*cause = NULL;

		ck_assert_int_eq(dec->action, ACTION_QUEUE);
		ck_assert_msg(replies_build(m, dec, cfgs[0], "HT-2024-000245",
		    "2024-05-10T08:00:00Z", sha, &out, &n, &cause) == 0, "%s",
		    cause);
		for (size_t i = 0; i < n; i++) {
			char *t;

			if (strcmp(out[i].purpose, "ack") != 0 &&
			    strcmp(out[i].purpose, "forward") != 0)
				continue;
			t = text_of(out[i].raw);
			ck_assert_msg((strstr(t, said) != NULL) == !alone,
			    "%s (alone=%d):\n%s", out[i].purpose, alone, t);
			g_free(t);
			seen++;
		}
		ck_assert_uint_eq(seen, 2);
		replies_free(out, n);
		decision_free(dec);
		mime_free(m);
		if (cover != NULL)
			g_string_free(cover, TRUE);
		g_string_free(soft, TRUE);
	}
}
END_TEST

/* The ack and the forward of a valid letter with its soft file, as
 * text: [0] the ack, [1] the forward (g_free both). */
static void
letters_of(const GString *cover, char **ack_r, char **fwd_r)
{
	static const char sha[] = "00000000000000000000000000000000"
	    "00000000000000000000000000000000";
	GString		*soft = docx_list();
	struct mail	*m = NULL;
	struct decision	*dec = decide(cfgs[0], (GString *)cover, soft, false,
			    &m);
	struct queue_outgoing *out = NULL;
	size_t		 n = 0;
	char		*cause = NULL;

	*ack_r = *fwd_r = NULL;
	ck_assert_int_eq(dec->action, ACTION_QUEUE);
	ck_assert_msg(replies_build(m, dec, cfgs[0], "HT-2024-000245",
	    "2024-05-10T08:00:00Z", sha, &out, &n, &cause) == 0, "%s", cause);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(out[i].purpose, "ack") == 0)
			*ack_r = text_of(out[i].raw);
		else if (strcmp(out[i].purpose, "forward") == 0)
			*fwd_r = text_of(out[i].raw);
	}
	ck_assert_ptr_nonnull(*ack_r);
	ck_assert_ptr_nonnull(*fwd_r);
	replies_free(out, n);
	decision_free(dec);
	mime_free(m);
	g_string_free(soft, TRUE);
}

#define ASSERT_HAS(t, s) \
	ck_assert_msg(strstr((t), (s)) != NULL, "no \"%s\" in:\n%s", (s), (t))

/* The công văn is the unit's formal request: the ack acknowledges it and
 * the forward rests on it, by the number and date read from the page;
 * its file is named apart from the list's. */
START_TEST(cover_letter_cited_by_number_and_date)
{
	GString	*cover = cover_made(VALID);
	char	*ack, *fwd;

	letters_of(cover, &ack, &fwd);
	ASSERT_HAS(ack, "Văn phòng Tỉnh ủy đã nhận được Công văn số "
	    "245-CV/HU ngày 10/5/2024 của Huyện ủy Sơn Tịnh (gửi qua thư "
	    "điện tử");
	ASSERT_HAS(ack, ") và danh sách đề nghị kích hoạt SIM ký số theo mẫu "
	    "tại Phụ lục 3 Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn "
	    "phòng Tỉnh ủy.\n");
	ASSERT_HAS(fwd, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh tại Công văn "
	    "số 245-CV/HU ngày 10/5/2024, Văn phòng Tỉnh ủy");
	ASSERT_HAS(fwd, "- Công văn đề nghị của Huyện ủy Sơn Tịnh: “CV "
	    "245-CV-HU.pdf” (văn bản điện tử có chữ ký số hợp lệ);\n"
	    "- Danh sách (file mềm) do Huyện ủy Sơn Tịnh gửi: “Phu luc "
	    "3.docx”.\n");
	ck_assert_ptr_null(strstr(fwd, "  + "));
	g_free(ack);
	g_free(fwd);
	g_string_free(cover, TRUE);
}
END_TEST

/* A letter whose number was left blank ("Số:    /CV-HU", a draft sent
 * as it was): introduced by its file, never by a guessed number. */
START_TEST(cover_letter_without_number_named_by_its_file)
{
	struct line	 ls[G_N_ELEMENTS(letter)];
	GString		*plain, *cover;
	char		*ack, *fwd;

	memcpy(ls, letter, sizeof(letter));
	for (size_t i = 0; ls[i].text != NULL; i++)
		if (strcmp(ls[i].text, "Số 245-CV/HU") == 0)
			ls[i].text = "Số:        /CV-HU";
	plain = pdf_of(ls);
	cover = test_pdf_signed(plain, "sontinh", T_SIGN, false);
	letters_of(cover, &ack, &fwd);
	ASSERT_HAS(ack, "đã nhận được thư điện tử");
	ASSERT_HAS(ack, " của đơn vị kèm công văn đề nghị (tệp “CV "
	    "245-CV-HU.pdf”) và danh sách đề nghị kích hoạt SIM ký số theo "
	    "mẫu tại Phụ lục 3");
	ASSERT_HAS(fwd, "trên cơ sở công văn đề nghị của Huyện ủy Sơn Tịnh");
	ASSERT_HAS(fwd, "- Công văn đề nghị của Huyện ủy Sơn Tịnh: “CV "
	    "245-CV-HU.pdf”");
	ck_assert_ptr_null(strstr(ack, "Công văn số 245"));
	ck_assert_ptr_null(strstr(fwd, "Công văn số 245"));
	ck_assert_ptr_null(strstr(fwd, "CV/HU"));
	g_free(ack);
	g_free(fwd);
	g_string_free(plain, TRUE);
	g_string_free(cover, TRUE);
}
END_TEST

/* samples/hotrocks.conf with each key of set (key, value, …, NULL)
 * given that value, at path. */
static void
conf_write(const char *path, const char *const *set)
{
	char	*text, **lines;
	GString	*out = g_string_new(NULL);

	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		const char *value = NULL;

		for (size_t k = 0; set[k] != NULL; k += 2)
			if (g_str_has_prefix(*l, set[k]) &&
			    g_str_has_prefix(*l + strlen(set[k]), " ="))
				value = set[k + 1];
		if (value != NULL)
			g_string_append_printf(out, "%.*s = %s\n",
			    (int)strcspn(*l, " "), *l, value);
		else
			g_string_append_printf(out, "%s%s", *l,
			    l[1] != NULL ? "\n" : "");
	}
	ck_assert(g_file_set_contents(path, out->str, -1, NULL));
	g_strfreev(lines);
	g_free(text);
	g_string_free(out, TRUE);
}

/* raw as a file in dir, received at T_RECV (its mtime); g_free. */
static char *
mail_file(const char *dir, const char *name, const char *raw)
{
	char		*path = g_build_filename(dir, name, NULL);
	struct utimbuf	 t = { .actime = T_RECV, .modtime = T_RECV };

	ck_assert(g_file_set_contents(path, raw, -1, NULL));
	ck_assert_int_eq(utime(path, &t), 0);
	return (path);
}

/*
 * The daily batch, built from the store, cites each case's công văn as
 * the per-case forward does (_i: 0 one case, Sơn Tịnh's signed PDF; 1
 * beside it Đức Phổ's, whose công văn is an unsigned Word draft; 2 Sơn
 * Tịnh's signed under an anchor we do not trust: neither cited, named
 * nor passed on, review 5 B3, review 6 B1). The number and date come
 * from the store: the batch reads no document again.
 */
START_TEST(cover_letter_cited_by_the_daily_batch)
{
	static const char *const cv_paras[] = { "ĐẢNG BỘ TỈNH QUẢNG NGÃI",
	    "THỊ ỦY ĐỨC PHỔ", "*", "Số 301-CV/TU", "Đức Phổ, ngày 28 tháng 5 "
	    "năm 2024", "V/v đề nghị kích hoạt SIM ký số", "Kính gửi: Văn "
	    "phòng Tỉnh ủy Quảng Ngãi", "Thị ủy Đức Phổ gửi kèm danh sách đề "
	    "nghị kích hoạt SIM ký số.", NULL };
	static const char *const list_paras[] = { "THỊ ỦY ĐỨC PHỔ",
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", "Kính gửi: Cục Chứng "
	    "thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ", NULL };
	static const char *const cells[] = { "TT", "Số điện thoại",
	    "Số ICCID", "Họ và tên", "Chức vụ", "1", "0905 765 432",
	    "8984 0480 0000 7654 321", "Trần Thị Bình", "Bí thư" };
	char		*dir = g_dir_make_tmp("coverbatch-XXXXXX", NULL);
	char		*conf = g_build_filename(dir, "h.conf", NULL);
	char		*db = g_build_filename(dir, "h.db", NULL);
	char		*root = test_pki_path("root.pem");
	char		*chain = test_pki_path("chain.pem");
	char		*crl = test_pki_path("crl");
	const char	*set[] = { "forward_mode", "daily", "trust_anchors",
			    root, "intermediates", chain, "crl_dir", crl,
			    NULL };
	GString		*cover = cover_made(_i == 2 ? UNTRUSTED : VALID);
	GString		*soft = docx_list();
	GString		*draft = docx_of(cv_paras, NULL, 0);
	GString		*list = docx_of(list_paras, cells, 2);
	const char	*names[] = { "CV 245-CV-HU.pdf", "Phu luc 3.docx" };
	const char	*dnames[] = { "301-CV-TU.docx", "DS SIM Duc Pho.docx" };
	const char	*ctypes[] = { CT_PDF, CT_DOCX };
	const char	*dctypes[] = { CT_DOCX, CT_DOCX };
	GString *const	 data[] = { cover, soft }, *const ddata[] = { draft,
			    list };
	char		*raw, *a, *b = NULL, *out = NULL, *err = NULL;
	sqlite3		*h;
	sqlite3_stmt	*st;

	ck_assert_ptr_nonnull(dir);
	conf_write(conf, set);
	raw = message(names, ctypes, data, 2);
	a = mail_file(dir, "a.eml", raw);
	g_free(raw);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", db, a, NULL), 0);
	g_free(out);
	g_free(err);
	if (_i == 1) {
		raw = message_from("vanphong.thiuyducpho", "Danh sach SIM",
		    dnames, dctypes, ddata, 2);
		b = mail_file(dir, "b.eml", raw);
		g_free(raw);
		ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q",
		    "-c", conf, "--db", db, b, NULL), 0);
		g_free(out);
		g_free(err);
	}
	/* stored at intake, for the letter only: the cover letter's */
	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT doc_number, doc_date "
	    "FROM documents WHERE kind = 'cover_letter' ORDER BY id", -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0),
	    "245-CV/HU");
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 1),
	    "2024-05-10");
	if (_i == 1) {
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_str_eq((const char *)sqlite3_column_text(st, 0),
		    "301-CV/TU");
	}
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT count(*) FROM "
	    "documents WHERE kind != 'cover_letter' AND (doc_number IS NOT "
	    "NULL OR doc_date IS NOT NULL)", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(h);

	ck_assert_int_eq(test_hotrocks(&out, &err, "forward", "--now", "-c",
	    conf, "--db", db, NULL), 0);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "forward", "show", "1",
	    "-c", conf, "--db", db, NULL), 0);
	if (_i == 0)
		ASSERT_HAS(out, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh tại "
		    "Công văn số 245-CV/HU ngày 10/5/2024 (gửi Văn phòng Tỉnh "
		    "ủy ngày ");
	else if (_i == 2) {
		ASSERT_HAS(out, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh (gửi "
		    "Văn phòng Tỉnh ủy ngày ");
		ck_assert_ptr_null(strstr(out, "245-CV"));
		ASSERT_HAS(out, "attachment: Phu luc 3.docx");
	} else {
		ASSERT_HAS(out, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh tại "
		    "Công văn số 245-CV/HU ngày 10/5/2024 và của Thị ủy Đức "
		    "Phổ, Văn phòng Tỉnh ủy Quảng Ngãi kính đề nghị");
		/* the subject names the units alone */
		ASSERT_HAS(out, "Subject: V/v đề nghị kích hoạt SIM ký số cho "
		    "các thuê bao của Huyện ủy Sơn Tịnh và Thị ủy Đức Phổ\n");
		/* the draft neither named nor attached */
		ck_assert_ptr_null(strstr(out, "301-CV"));
		ASSERT_HAS(out, "attachment: DS SIM Duc Pho.docx");
	}
	if (_i != 2)
		ASSERT_HAS(out, "attachment: CV 245-CV-HU.pdf");
	g_free(out);
	g_free(err);
	g_free(root);
	g_free(chain);
	g_free(crl);
	g_free(a);
	g_free(b);
	g_free(conf);
	g_free(db);
	test_rm_tree(dir);
	g_free(dir);
	g_string_free(cover, TRUE);
	g_string_free(soft, TRUE);
	g_string_free(draft, TRUE);
	g_string_free(list, TRUE);
}
END_TEST

Suite *
cover_suite(void)
{
	Suite	*s = suite_create("cover");
	TCase	*tc = tcase_create("submission");

	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, cover_letter_and_soft_file, 0,
	    (int)G_N_ELEMENTS(cases) * 4);
	tcase_add_test(tc, cover_letter_not_vouching_when_configured_off);
	tcase_add_test(tc, list_only_as_pdf_is_soft_file_missing);
	tcase_add_test(tc, list_pdf_with_its_soft_file_is_not_missing);
	tcase_add_test(tc, cover_letter_named_in_ack_and_forward);
	tcase_add_test(tc, cover_letter_cited_by_number_and_date);
	tcase_add_test(tc, cover_letter_without_number_named_by_its_file);
	tcase_add_loop_test(tc, cover_letter_cited_by_the_daily_batch, 0, 3);
	suite_add_tcase(s, tc);
	return (s);
}
