/* check-analyse.c: attachments to documents (analyse_documents) and raw
 * bytes to a decision (analyse_message): which attachments become
 * documents, in what order, with which format, hash, form and signature,
 * and what is reported, never guessed, when a file cannot be read. */
#include <string.h>

#include <check.h>
#include <glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "parsers/ooxml-sig.h"
#include "tests/unit/testlib.h"

#define CT_DOCX	"application/vnd.openxmlformats-officedocument." \
		"wordprocessingml.document"

#define T_RECEIPT	1798761600	/* 2027-01-01 */

static struct config *cfg;

static void
setup(void)
{
	char *cause = NULL;

	cfg = config_load(NULL, &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
}

static void
teardown(void)
{
	config_free(cfg);
}

/* One attachment of a test message. */
struct part {
	const char	*name;
	const char	*ctype;
	unsigned char	*data;
	size_t		 len;
};

static void
part_file(struct part *p, const char *name, const char *ctype,
    const char *rel)
{
	char *path = test_data_path(rel);

	p->name = name;
	p->ctype = ctype;
	p->data = test_slurp(path, &p->len);
	g_free(path);
}

static void
part_bytes(struct part *p, const char *name, const char *ctype,
    const void *data, size_t len)
{
	p->name = name;
	p->ctype = ctype;
	p->data = g_memdup2(data, len);
	p->len = len;
}

/* A message from a unit's official address with the parts attached as
 * base64; g_free. */
static char *
message(const struct part *parts, size_t n)
{
	GString *s = g_string_new("From: Van phong <vanphong@huyenuy."
	    "example.vn>\nTo: HotroCKS@quangngai.dcs.vn\nSubject: Danh sach\n"
	    "Message-ID: <t1@huyenuy.example.vn>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
	    "Content-Type: text/plain; charset=utf-8\n\nKính gửi.\n");

	for (size_t i = 0; i < n; i++) {
		char *b64 = g_base64_encode(parts[i].data, parts[i].len);

		g_string_append_printf(s, "--b\nContent-Type: %s; name=\"%s\"\n"
		    "Content-Disposition: attachment; filename=\"%s\"\n"
		    "Content-Transfer-Encoding: base64\n\n", parts[i].ctype,
		    parts[i].name, parts[i].name);
		for (size_t j = 0; j < strlen(b64); j += 76)
			g_string_append_printf(s, "%.76s\n", b64 + j);
		g_free(b64);
	}
	g_string_append(s, "--b--\n");
	return (g_string_free(s, FALSE));
}

static void
parts_free(struct part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_free(parts[i].data);
}

static void
analyse(const struct part *parts, size_t n, struct mail **m_r,
    struct decision **dec_r)
{
	/* A fixed receipt, after signed.docx was signed (2026-12-02), so no
	 * verdict depends on the day the suite runs. */
	const struct lookup lk = { .receipt = T_RECEIPT };
	char		*raw = message(parts, n);
	const char	*why = NULL;

	ck_assert_msg(analyse_message((const unsigned char *)raw, strlen(raw),
	    cfg, &lk, m_r, dec_r, &why) == 0, "%s", why);
	g_free(raw);
}

static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static const char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";

/* One attachment each: what it becomes. */
enum src { SIM_DOCX, MAU12_XLS, PDF, PNG, PLAIN_ZIP, TRUNCATED_DOCX,
    ZIP_NAMED_DOCX, TRUNCATED_ZIP, BROKEN_DOC, BROKEN_OLE2 };

/* A compound file header whose directory cannot be read, as a damaged
 * Word 97 file arrives: the magic, and nothing a reader can walk. */
static unsigned char *
broken_cfb(size_t *len_r)
{
	static const unsigned char magic[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	unsigned char *b = g_malloc0(4096);

	memcpy(b, magic, 8);
	for (size_t i = 512; i < 4096; i++)
		b[i] = (unsigned char)(i * 37 + 11);
	*len_r = 4096;
	return (b);
}

static const struct {
	const char	*what;
	enum src	 src;
	size_t		 ndocs;
	enum format	 format;
	enum kind	 kind;
	bool		 form;		/* read and recognised */
	bool		 unreadable;	/* document_unreadable */
} one[] = {
	{ "a Phụ lục 3 list in Word", SIM_DOCX, 1, FORMAT_DOCX,
	    KIND_SIM_ACTIVATION, true, false },
	{ "a Mẫu 12 in legacy Excel", MAU12_XLS, 1, FORMAT_XLS,
	    KIND_ETOKEN_RECOVERY, true, false },
	{ "a PDF, kept for a person", PDF, 1, FORMAT_PDF, KIND_UNKNOWN,
	    false, false },
	{ "a picture is no document", PNG, 0, FORMAT_OTHER, KIND_UNKNOWN,
	    false, false },
	{ "a ZIP of other files", PLAIN_ZIP, 1, FORMAT_ZIP, KIND_UNKNOWN,
	    false, true },
	/* A container that cannot be opened takes the format its name
	 * says when the name agrees with the bytes: still unreadable. */
	{ "half a DOCX", TRUNCATED_DOCX, 1, FORMAT_DOCX, KIND_UNKNOWN, false,
	    true },
	{ "a ZIP that opens, named .docx", ZIP_NAMED_DOCX, 1, FORMAT_ZIP,
	    KIND_UNKNOWN, false, true },
	{ "half a DOCX named .zip", TRUNCATED_ZIP, 1, FORMAT_ZIP,
	    KIND_UNKNOWN, false, true },
	{ "a broken compound file named .doc", BROKEN_DOC, 1, FORMAT_DOC,
	    KIND_UNKNOWN, false, true },
	{ "a broken compound file named .bin", BROKEN_OLE2, 1, FORMAT_OLE2,
	    KIND_UNKNOWN, false, true },
};

START_TEST(analyse_one_attachment)
{
	struct part	 p;
	struct mail	*m;
	struct decision	*dec;
	struct document	*d;
	gchar		*hex;

	switch (one[_i].src) {
	case SIM_DOCX:
		part_file(&p, "ds.docx", CT_DOCX, "analyse/sim.docx");
		break;
	case MAU12_XLS:
		part_file(&p, "mau12.xls", "application/vnd.ms-excel",
		    "analyse/mau12.xls");
		break;
	case PDF:
		part_bytes(&p, "cv.pdf", "application/pdf", pdf, strlen(pdf));
		break;
	case PNG:
		part_bytes(&p, "logo.png", "image/png", png, sizeof(png) - 1);
		break;
	case PLAIN_ZIP:
	case ZIP_NAMED_DOCX: {
		static const char *const entries[] = { "a.txt", "hello",
		    NULL };

		p.name = one[_i].src == PLAIN_ZIP ? "files.zip" : "ds.docx";
		p.ctype = "application/zip";
		p.data = test_zip(entries, &p.len);
		break;
	}
	case TRUNCATED_DOCX:
		part_file(&p, "ds.docx", CT_DOCX, "analyse/sim.docx");
		p.len /= 2;
		break;
	case TRUNCATED_ZIP:
		part_file(&p, "ds.zip", "application/zip", "analyse/sim.docx");
		p.len /= 2;
		break;
	case BROKEN_DOC:
	case BROKEN_OLE2:
		p.name = one[_i].src == BROKEN_DOC ? "ds.doc" : "ds.bin";
		p.ctype = "application/octet-stream";
		p.data = broken_cfb(&p.len);
		break;
	}
	analyse(&p, 1, &m, &dec);
	ck_assert_msg(dec->ndocs == one[_i].ndocs, "%s: %zu documents",
	    one[_i].what, dec->ndocs);
	if (dec->ndocs == 0) {
		ck_assert(findings_has(&dec->errors, CODE_NO_DOCUMENTS));
		goto out;
	}
	d = &dec->docs[0];
	ck_assert_str_eq(d->filename, p.name);
	ck_assert_int_eq(d->format, one[_i].format);
	ck_assert_msg(d->kind == one[_i].kind, "%s: %s", one[_i].what,
	    kind_name(d->kind));
	ck_assert_uint_eq(d->size, p.len);
	hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, p.data, p.len);
	ck_assert_str_eq(d->sha256, hex);
	g_free(hex);
	ck_assert(!d->too_large);
	ck_assert((d->form != NULL) == one[_i].form);
	if (d->form != NULL)
		ck_assert_int_eq(d->form->kind, d->kind);
	ck_assert_msg(findings_has(&d->errors, CODE_DOCUMENT_UNREADABLE) ==
	    one[_i].unreadable, "%s: document_unreadable %s", one[_i].what,
	    one[_i].unreadable ? "missing" : "reported");
out:
	decision_free(dec);
	mime_free(m);
	parts_free(&p, 1);
}
END_TEST

/* Documents keep the order of their attachments; pictures drop out. */
/* The same file attached twice is one document, its rows read once; a
 * different file of the same name is a document of its own (review 5,
 * A2: the Cục was asked for each subscriber twice). */
START_TEST(analyse_same_file_twice_is_one_document)
{
	struct part	 p[3];
	struct mail	*m;
	struct decision	*dec;

	part_file(&p[0], "ds.docx", CT_DOCX, "analyse/sim.docx");
	part_file(&p[1], "ds.docx", CT_DOCX, "analyse/sim.docx");
	part_file(&p[2], "ds (1).docx", CT_DOCX, "analyse/sim.docx");
	analyse(p, 3, &m, &dec);
	ck_assert_uint_eq(dec->ndocs, 1);
	ck_assert_str_eq(dec->docs[0].filename, "ds.docx");
	ck_assert_int_eq(dec->kind, KIND_SIM_ACTIVATION);
	ck_assert(!findings_has(&dec->docs[0].form->errors,
	    CODE_DUPLICATE_ROW));
	decision_free(dec);
	mime_free(m);
	parts_free(p, 3);

	part_file(&p[0], "ds.docx", CT_DOCX, "analyse/sim.docx");
	part_file(&p[1], "mau12.xls", "application/vnd.ms-excel",
	    "analyse/mau12.xls");
	analyse(p, 2, &m, &dec);
	ck_assert_uint_eq(dec->ndocs, 2);
	decision_free(dec);
	mime_free(m);
	parts_free(p, 2);
}
END_TEST

START_TEST(analyse_documents_in_attachment_order)
{
	struct part	 p[4];
	struct mail	*m;
	struct decision	*dec;

	part_bytes(&p[0], "logo.png", "image/png", png, sizeof(png) - 1);
	part_file(&p[1], "ds.docx", CT_DOCX, "analyse/sim.docx");
	part_bytes(&p[2], "cv.pdf", "application/pdf", pdf, strlen(pdf));
	part_file(&p[3], "mau12.xls", "application/vnd.ms-excel",
	    "analyse/mau12.xls");
	analyse(p, 4, &m, &dec);
	ck_assert_uint_eq(dec->ndocs, 3);
	ck_assert_str_eq(dec->docs[0].filename, "ds.docx");
	ck_assert_str_eq(dec->docs[1].filename, "cv.pdf");
	ck_assert_str_eq(dec->docs[2].filename, "mau12.xls");
	/* a list and a recovery request: documents that disagree */
	ck_assert_int_eq(dec->kind, KIND_UNKNOWN);
	ck_assert(findings_has(&dec->errors, CODE_MIXED_DOCUMENTS));
	decision_free(dec);
	mime_free(m);
	parts_free(p, 4);
}
END_TEST

/* Over the attachment limit (just above, at, below): not read, no hash
 * claimed, and the message says why. */
START_TEST(analyse_attachment_size_limit)
{
	struct part	 p;
	struct mail	*m;
	struct decision	*dec;
	struct document	*d;

	part_file(&p, "ds.docx", CT_DOCX, "analyse/sim.docx");
	cfg->mime.max_attachment = p.len - 1 + (size_t)_i;
	analyse(&p, 1, &m, &dec);
	ck_assert_uint_eq(dec->ndocs, 1);
	d = &dec->docs[0];
	if (_i == 0) {
		ck_assert(d->too_large);
		ck_assert_str_eq(d->sha256, "");
		ck_assert_ptr_null(d->form);
		ck_assert_int_eq(d->kind, KIND_UNKNOWN);
		ck_assert(findings_has(&dec->errors,
		    CODE_ATTACHMENT_TOO_LARGE));
	} else {
		ck_assert(!d->too_large);
		ck_assert_int_eq(d->kind, KIND_SIM_ACTIVATION);
		ck_assert(!findings_has(&dec->errors,
		    CODE_ATTACHMENT_TOO_LARGE));
	}
	decision_free(dec);
	mime_free(m);
	parts_free(&p, 1);
}
END_TEST

/* Every OOXML signature is verified before the document is read: with
 * the default (empty) trust store a signed list is untrusted, with its
 * signer named; an unsigned one is unsigned. */
START_TEST(analyse_signature_verified_before_reading)
{
	struct part	 p;
	struct mail	*m;
	struct decision	*dec;
	struct document	*d;

	part_file(&p, "ds.docx", CT_DOCX, _i == 0 ? "analyse/signed.docx" :
	    "analyse/sim.docx");
	analyse(&p, 1, &m, &dec);
	d = &dec->docs[0];
	ck_assert_int_eq(d->kind, KIND_SIM_ACTIVATION);
	if (_i == 0) {
		ck_assert_uint_eq(d->signature.nresults, 1);
		ck_assert_int_eq(d->signature.status, SIG_UNTRUSTED);
		ck_assert_ptr_nonnull(d->signature.results[0].signer);
		ck_assert_str_eq(d->signature.results[0].signer->o,
		    "HUYỆN ỦY SƠN TỊNH");
		ck_assert(d->signature.results[0].covers_all_parts);
		ck_assert(findings_has(&d->errors, CODE_SIGNATURE_UNTRUSTED));
	} else {
		ck_assert_uint_eq(d->signature.nresults, 0);
		ck_assert_ptr_null(d->signature.results);
		ck_assert_int_eq(d->signature.status, SIG_UNSIGNED);
	}
	decision_free(dec);
	mime_free(m);
	parts_free(&p, 1);
}
END_TEST

/* analyse_documents alone reads a mail built by hand, without rules. */
START_TEST(analyse_documents_without_rules)
{
	struct mail	*m = g_new0(struct mail, 1);
	struct decision	*dec = g_new0(struct decision, 1);
	struct part	 p;

	part_file(&p, "ds.docx", CT_DOCX, "analyse/sim.docx");
	m->att = g_new0(struct attachment, 1);
	m->natt = 1;
	m->att[0].filename = g_strdup("ds.docx");
	m->att[0].format = FORMAT_DOCX;
	m->att[0].data = g_memdup2(p.data, p.len);
	m->att[0].len = p.len;
	analyse_documents(m, cfg, T_RECEIPT, dec);
	ck_assert_uint_eq(dec->ndocs, 1);
	ck_assert_int_eq(dec->docs[0].kind, KIND_SIM_ACTIVATION);
	ck_assert_uint_gt(dec->docs[0].form->nrows, 0);
	/* no rules ran: the message has no kind or findings of its own */
	ck_assert_int_eq(dec->kind, KIND_UNKNOWN);
	ck_assert_uint_eq(dec->errors.n, 0);
	decision_free(dec);
	mime_free(m);
	parts_free(&p, 1);
}
END_TEST

/* A message with no attachment at all has no documents. */
START_TEST(analyse_message_without_attachments)
{
	static const char raw[] = "From: a@huyenuy.example.vn\n"
	    "Subject: hello\n\nKính gửi.\n";
	struct mail	*m;
	struct decision	*dec;
	const char	*why;

	ck_assert_int_eq(analyse_message((const unsigned char *)raw,
	    strlen(raw), cfg, NULL, &m, &dec, &why), 0);
	ck_assert_uint_eq(dec->ndocs, 0);
	ck_assert_ptr_nonnull(dec->docs);
	ck_assert(findings_has(&dec->errors, CODE_NO_DOCUMENTS));
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* An empty file named as a document is an unreadable document of that
 * format, never "no documents"; an empty picture is still nothing. */
START_TEST(analyse_empty_named_document)
{
	struct part	 parts[2];
	struct mail	*m;
	struct decision	*dec;

	part_bytes(&parts[0], "Danh sách.xlsx", "application/vnd."
	    "openxmlformats-officedocument.spreadsheetml.sheet", "", 0);
	part_bytes(&parts[1], "logo.png", "image/png", "", 0);
	analyse(parts, 2, &m, &dec);
	ck_assert_uint_eq(dec->ndocs, 1);
	ck_assert_str_eq(dec->docs[0].filename, "Danh sách.xlsx");
	ck_assert_int_eq(dec->docs[0].format, FORMAT_XLSX);
	ck_assert(findings_has(&dec->docs[0].errors,
	    CODE_DOCUMENT_UNREADABLE));
	ck_assert(!findings_has(&dec->errors, CODE_NO_DOCUMENTS));
	parts_free(parts, 2);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* A list pasted in the mail body: the mail's greeting to the office is
 * not the list's Kính gửi (the soft file is sent here, Phụ lục 2 §6); a
 * Kính gửi of the list's own is still judged. */
static const struct {
	const char	*greeting;
	bool		 wrong;
} body_greetings[] = {
	{ "<p>Kính gửi Văn phòng Tỉnh ủy,</p>", false },
	{ "<p>Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi</p>", false },
	{ "<p>Kính gửi Văn phòng Tỉnh ủy,</p><p>Kính gửi: Cục Chứng thực số "
	    "và Bảo mật thông tin</p>", false },
	{ "<p>Kính gửi: Ban Tổ chức Tỉnh ủy</p>", true },
};

START_TEST(analyse_body_list_greeting)
{
	const char	*why;
	struct mail	*m;
	struct decision	*dec;
	char		*raw;

	raw = g_strdup_printf("From: Van phong <vanphong@huyenuy.example.vn>\n"
	    "Subject: Danh sach\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><body>%s<p>DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ</p>"
	    "<table><tr><td>TT</td><td>Số điện thoại</td><td>Số ICCID</td>"
	    "<td>Họ và tên người dùng</td><td>Chức vụ</td></tr>"
	    "<tr><td>1</td><td>0983415276</td>"
	    "<td>8984048000415273607</td><td>Nguyễn Văn An</td>"
	    "<td>Bí thư</td></tr></table></body></html>\n",
	    body_greetings[_i].greeting);
	ck_assert_int_eq(analyse_message((const unsigned char *)raw,
	    strlen(raw), cfg, NULL, &m, &dec, &why), 0);
	ck_assert_uint_eq(dec->ndocs, 1);
	ck_assert_int_eq(dec->docs[0].format, FORMAT_BODY);
	ck_assert_ptr_nonnull(dec->docs[0].form);
	ck_assert_int_eq(findings_has(&dec->docs[0].form->errors,
	    CODE_WRONG_ADDRESSEE), body_greetings[_i].wrong);
	decision_free(dec);
	mime_free(m);
	g_free(raw);
}
END_TEST

START_TEST(analyse_decision_free_takes_null)
{
	decision_free(NULL);
}
END_TEST

Suite *
analyse_suite(void)
{
	Suite	*s = suite_create("analyse");
	TCase	*tc = tcase_create("documents");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, analyse_one_attachment, 0, G_N_ELEMENTS(one));
	tcase_add_test(tc, analyse_documents_in_attachment_order);
	tcase_add_test(tc, analyse_same_file_twice_is_one_document);
	tcase_add_loop_test(tc, analyse_attachment_size_limit, 0, 3);
	tcase_add_loop_test(tc, analyse_signature_verified_before_reading, 0,
	    2);
	tcase_add_test(tc, analyse_documents_without_rules);
	tcase_add_test(tc, analyse_message_without_attachments);
	tcase_add_test(tc, analyse_empty_named_document);
	tcase_add_loop_test(tc, analyse_body_list_greeting, 0,
	    G_N_ELEMENTS(body_greetings));
	tcase_add_test(tc, analyse_decision_free_takes_null);
	suite_add_tcase(s, tc);
	return (s);
}
