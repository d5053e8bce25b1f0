/* check-hostile.c: hostile mail and documents through the whole decision,
 * as `inspect` runs it: each yields its CONTRACT code, never a crash or a
 * hang (the test case's timeout is the hang guard, not a benchmark). */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/contract.h"
#include "tests/unit/testlib.h"

static struct config *cfg;

static const char ct_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://"
    "schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
    "package.relationships+xml\"/><Default Extension=\"xml\" ContentType="
    "\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document.main+xml\"/></Types>";
static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
    "http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/officeDocument\" Target=\"word/"
    "document.xml\"/></Relationships>";

/* A message from an official address carrying one attachment. */
static char *
mail_with(const char *filename, const unsigned char *data, size_t len)
{
	char *b64 = g_base64_encode(data, len);
	char *m = g_strdup_printf("From: vanphong@huyenuy.quangngai.dcs.vn\r\n"
	    "To: HotroCKS@quangngai.dcs.vn\r\nSubject: DS\r\n"
	    "Message-ID: <hostile@quangngai.dcs.vn>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
	    "Content-Type: text/plain\r\n\r\nDS\r\n--b\r\nContent-Type: "
	    "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n",
	    filename, b64);

	g_free(b64);
	return (m);
}

/* A DOCX whose document part is body (and whose extra entry, if any, is
 * named extra). */
static unsigned char *
docx_with(const char *body, size_t body_len, const char *extra,
    size_t *len_r)
{
	const char		*names[4] = { "[Content_Types].xml", "_rels/.rels",
				    "word/document.xml", extra };
	const unsigned char	*data[4] = { (const unsigned char *)ct_types,
				    (const unsigned char *)rels,
				    (const unsigned char *)body,
				    (const unsigned char *)"x" };
	size_t			 lens[4] = { strlen(ct_types), strlen(rels),
				    body_len, 1 };

	return (test_zipn(extra != NULL ? 4 : 3, names, data, lens, len_r));
}

/* Decides about raw and returns the first document's codes ("a,b"). */
static char *
first_doc_codes(const char *raw, char **kind_r)
{
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;
	GString		*s = g_string_new(NULL);

	ck_assert_int_eq(analyse_message((const unsigned char *)raw,
	    strlen(raw), cfg, NULL, &m, &dec, &why), 0);
	if (dec->ndocs > 0) {
		for (size_t i = 0; i < dec->docs[0].errors.n; i++)
			g_string_append_printf(s, "%s%s", s->len ? "," : "",
			    code_name(dec->docs[0].errors.v[i].code));
	}
	if (kind_r != NULL)
		*kind_r = g_strdup(action_name(dec->action));
	decision_free(dec);
	mime_free(m);
	return (g_string_free(s, FALSE));
}

static void
expect_unreadable(const unsigned char *doc, size_t len)
{
	char *raw = mail_with("ds.docx", doc, len);
	char *action = NULL;
	char *codes = first_doc_codes(raw, &action);

	ck_assert_str_eq(codes, "document_unreadable");
	ck_assert_str_eq(action, "manual");
	g_free(codes);
	g_free(action);
	g_free(raw);
}

START_TEST(hostile_truncated_docx)
{
	const char	*body = "<w:document xmlns:w=\"http://schemas."
			    "openxmlformats.org/wordprocessingml/2006/main\">"
			    "<w:body/></w:document>";
	size_t		 len;
	unsigned char	*doc = docx_with(body, strlen(body), NULL, &len);

	expect_unreadable(doc, len / 2);
	g_free(doc);
}
END_TEST

START_TEST(hostile_zip_bomb)
{
	size_t		 n = (size_t)64 << 20, len;
	char		*body = g_malloc(n);
	unsigned char	*doc;

	memset(body, ' ', n);
	memcpy(body, "<w:document>", 12);
	doc = docx_with(body, n, NULL, &len);
	g_free(body);
	ck_assert_uint_lt(len, (size_t)1 << 20);
	expect_unreadable(doc, len);
	g_free(doc);
}
END_TEST

START_TEST(hostile_xxe_entity)
{
	const char	*body = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY "
			    "x SYSTEM \"file:///etc/passwd\">]><w:document "
			    "xmlns:w=\"http://schemas.openxmlformats.org/"
			    "wordprocessingml/2006/main\"><w:body><w:p><w:r>"
			    "<w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
	size_t		 len;
	unsigned char	*doc = docx_with(body, strlen(body), NULL, &len);

	expect_unreadable(doc, len);
	g_free(doc);
}
END_TEST

START_TEST(hostile_billion_laughs)
{
	GString		*b = g_string_new("<?xml version=\"1.0\"?><!DOCTYPE d "
			    "[<!ENTITY l0 \"ha\">");
	size_t		 len;
	unsigned char	*doc;

	for (int i = 1; i < 10; i++)
		g_string_append_printf(b, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;"
		    "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">", i, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	g_string_append(b, "]><d>&l9;</d>");
	doc = docx_with(b->str, b->len, NULL, &len);
	g_string_free(b, TRUE);
	expect_unreadable(doc, len);
	g_free(doc);
}
END_TEST

START_TEST(hostile_path_traversal_entry)
{
	const char	*body = "<w:document xmlns:w=\"http://schemas."
			    "openxmlformats.org/wordprocessingml/2006/main\">"
			    "<w:body/></w:document>";
	size_t		 len;
	unsigned char	*doc = docx_with(body, strlen(body),
			    "../../etc/cron.d/evil", &len);

	expect_unreadable(doc, len);
	g_free(doc);
}
END_TEST

START_TEST(hostile_invalid_utf8_file_name)
{
	const char	*body = "<w:document xmlns:w=\"http://schemas."
			    "openxmlformats.org/wordprocessingml/2006/main\">"
			    "<w:body/></w:document>";
	size_t		 len;
	unsigned char	*doc = docx_with(body, strlen(body), NULL, &len);
	char		*raw = mail_with("ds\xff\xfe\xc3.docx", doc, len);
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;
	char		*json;

	ck_assert_int_eq(analyse_message((unsigned char *)raw, strlen(raw),
	    cfg, NULL, &m, &dec, &why), 0);
	ck_assert_uint_eq(dec->ndocs, 1);
	ck_assert(g_utf8_validate(dec->docs[0].filename, -1, NULL));
	json = contract_json(m, dec, false);
	ck_assert(g_utf8_validate(json, -1, NULL));
	ck_assert_int_eq(dec->action, ACTION_MANUAL);	/* an empty letter */
	g_free(json);
	decision_free(dec);
	mime_free(m);
	g_free(doc);
	g_free(raw);
}
END_TEST

START_TEST(hostile_mime_nesting_1000_levels)
{
	GString		*s = g_string_new("From: a@quangngai.dcs.vn\r\n"
			    "Subject: deep\r\nMIME-Version: 1.0\r\n");
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;

	for (int i = 0; i < 1000; i++)
		g_string_append_printf(s, "Content-Type: multipart/mixed; "
		    "boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i);
	g_string_append(s, "Content-Type: text/plain\r\n\r\nx\r\n");
	for (int i = 999; i >= 0; i--)
		g_string_append_printf(s, "--b%d--\r\n", i);
	ck_assert_int_eq(analyse_message((unsigned char *)s->str, s->len, cfg,
	    NULL, &m, &dec, &why), 0);
	ck_assert_int_eq(dec->kind, KIND_UNKNOWN);
	ck_assert(findings_has(&dec->errors, CODE_NO_DOCUMENTS));
	decision_free(dec);
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(hostile_header_line_of_1_mb)
{
	GString		*s = g_string_new("From: a@quangngai.dcs.vn\r\nSubject: ");
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;

	for (size_t i = 0; i < ((size_t)1 << 20); i++)
		g_string_append_c(s, 'A' + (char)(i % 26));
	g_string_append(s, "\r\n\r\nbody\r\n");
	ck_assert_int_eq(analyse_message((unsigned char *)s->str, s->len, cfg,
	    NULL, &m, &dec, &why), 0);
	ck_assert_int_eq(dec->action, ACTION_MANUAL);
	decision_free(dec);
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(hostile_attachment_over_the_limit)
{
	size_t		 len = 4096;
	unsigned char	*doc = g_malloc0(len);
	char		*raw;
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;

	cfg->mime.max_attachment = 1024;
	raw = mail_with("big.docx", doc, len);
	ck_assert_int_eq(analyse_message((unsigned char *)raw, strlen(raw),
	    cfg, NULL, &m, &dec, &why), 0);
	ck_assert(findings_has(&dec->errors, CODE_ATTACHMENT_TOO_LARGE));
	ck_assert_int_eq(dec->action, ACTION_REJECT);
	decision_free(dec);
	mime_free(m);
	g_free(doc);
	g_free(raw);
}
END_TEST


/* A message of ten copies of a short SIM list with one stray cell far to
 * the right (tests/bench/make-wide.py; issue 11.2): in a .xls at column
 * 65535, past BIFF8's 256, so each is unreadable; in an XLSX at XFD64,
 * Excel's last column, so each is a list of two rows. Ten .xls once took
 * 53 s here; the case's timeout is the guard. */
START_TEST(hostile_wide_grid_ten_copies)
{
	static const struct {
		const char	*file, *name, *type, *kind;
	} c[] = {
		{ "regress/fuzz-xls-wide-column-65535.xls", "ds%d.xls",
		    "application/vnd.ms-excel", "unknown" },
		{ "regress/fuzz-xlsx-wide-xfd64.xlsx", "ds%d.xlsx",
		    "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet", "sim_activation" },
	};
	char		*path = test_data_path(c[_i].file);
	size_t		 len;
	unsigned char	*doc = test_slurp(path, &len);
	char		*b64;
	GString		*raw = g_string_new("From: vanphong@huyenuy.quangngai."
			    "dcs.vn\r\nTo: HotroCKS@quangngai.dcs.vn\r\n"
			    "Subject: DS\r\nMessage-ID: <wide@quangngai.dcs.vn>"
			    "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/"
			    "mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: "
			    "text/plain\r\n\r\nDS\r\n");
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	const char	*why = NULL;

	/* each copy a byte longer than the one before (after the compound
	 * file's end; in the ZIP's comment, its last field): ten documents,
	 * not one file attached ten times, which is read once */
	doc = g_realloc(doc, len + 10);
	memset(doc + len, ' ', 10);
	for (int i = 0; i < 10; i++) {
		if (_i == 1) {
			ck_assert(doc[len - 2] == 0 && doc[len - 1] == 0);
			doc[len - 2] = (unsigned char)i;
		}
		b64 = g_base64_encode(doc, len + (size_t)i);
		if (_i == 1)
			doc[len - 2] = 0;
		g_string_append_printf(raw, "--b\r\nContent-Type: %s\r\n"
		    "Content-Disposition: attachment; filename=\"", c[_i].type);
		g_string_append_printf(raw, c[_i].name, i);
		g_string_append_printf(raw, "\"\r\nContent-Transfer-Encoding: "
		    "base64\r\n\r\n%s\r\n", b64);
		g_free(b64);
	}
	g_string_append(raw, "--b--\r\n");
	ck_assert_int_eq(analyse_message((unsigned char *)raw->str, raw->len,
	    cfg, NULL, &m, &dec, &why), 0);
	ck_assert_uint_eq(dec->ndocs, 10);
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document *d = &dec->docs[i];

		if (_i == 0) {
			ck_assert_str_eq(test_finding_detail(&d->errors,
			    CODE_DOCUMENT_UNREADABLE),
			    "a cell lies past BIFF8's 256 columns");
		} else {
			ck_assert_ptr_nonnull(d->form);
			ck_assert_str_eq(kind_name(d->kind), c[_i].kind);
			ck_assert_uint_eq(d->form->nrows, 2);
		}
	}
	ck_assert_str_eq(kind_name(dec->kind), c[_i].kind);
	if (_i == 0)
		ck_assert_int_eq(dec->action, ACTION_MANUAL);
	decision_free(dec);
	mime_free(m);
	g_string_free(raw, TRUE);
	g_free(doc);
	g_free(path);
}
END_TEST

static void
setup(void)
{
	char *cause = NULL;

	mime_init();
	cfg = config_load(NULL, &cause);
	ck_assert_ptr_nonnull(cfg);
	cfg->require_signature = false;
}

static void
teardown(void)
{
	config_free(cfg);
}

Suite *
hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("inspect");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, hostile_truncated_docx);
	tcase_add_test(tc, hostile_zip_bomb);
	tcase_add_test(tc, hostile_xxe_entity);
	tcase_add_test(tc, hostile_billion_laughs);
	tcase_add_test(tc, hostile_path_traversal_entry);
	tcase_add_test(tc, hostile_invalid_utf8_file_name);
	tcase_add_test(tc, hostile_mime_nesting_1000_levels);
	tcase_add_test(tc, hostile_header_line_of_1_mb);
	tcase_add_test(tc, hostile_attachment_over_the_limit);
	tcase_add_loop_test(tc, hostile_wide_grid_ten_copies, 0, 2);
	suite_add_tcase(s, tc);
	return (s);
}
