/* check-replies.c: which replies a decision queues and what they say:
 * none to machines or ourselves, every error with its row, warnings and
 * the case in an ack, a forward only when configured, fixed IDs. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include <stdlib.h>

#include "intake/replies.h"
#include "intake/rules.h"
#include "lib/sha256.h"
#include "parsers/rfc2047.h"
#include "outbox/forward-xlsx.h"
#include "parsers/ooxml-sig.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "outbox/templates.h"
#include "tests/unit/testlib.h"

#define SHA	"0123456789ABCDEF0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"
#define NOW	"2024-05-03T01:30:00Z"

static const unsigned char list_docx[] = "PK\3\4 the signed list \0 bytes";
static const unsigned char logo_png[] = "\x89PNG not a document";

static char *own[] = { "vptu@quangngai.dcs.vn", NULL };

static struct config
test_config(bool forward)
{
	struct config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.mailbox_address = "HotroCKS@QuangNgai.dcs.vn";
	cfg.office_name = "Văn phòng Tỉnh ủy Quảng Ngãi";
	cfg.office_phone = "0255.3822.000";
	cfg.own_addresses = own;
	cfg.cuc_name = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
	    "Chính phủ";
	cfg.cuc_address = "ca@bcy.gov.vn";
	cfg.cuc_postal = "Số 23 Ngụy Như Kon Tum, Thanh Xuân, Hà Nội";
	cfg.cuc_phone = "024.3773.8668";
	cfg.cuc_web = "http://ca.gov.vn";
	cfg.forward_to_cuc = forward;
	cfg.templates = test_templates();
	/* [mailbox] timezone's default: the letters' days and Date: */
	cfg.timezone = "Asia/Ho_Chi_Minh";
	return (cfg);
}

static struct attachment atts[2];

static struct mail
test_mail(void)
{
	struct mail m;

	memset(&m, 0, sizeof(m));
	m.message_id = "<orig-42@sontinh.quangngai.dcs.vn>";
	m.from_addr = "vanphong@sontinh.quangngai.dcs.vn";
	m.from_name = "Văn phòng Huyện ủy Sơn Tịnh";
	m.subject = "Danh sách đề nghị kích hoạt SIM ký số";
	m.date = "2024-05-02T20:00:00Z";
	m.in_reply_to = "<earlier@sontinh.quangngai.dcs.vn>";
	m.machine = MIME_PERSON;
	m.body_text = "";
	atts[0] = (struct attachment){ .filename = "logo.png",
	    .content_type = "image/png", .format = FORMAT_OTHER,
	    .data = (unsigned char *)logo_png, .len = sizeof(logo_png) };
	atts[1] = (struct attachment){ .filename = "ds.docx",
	    .content_type = "application/octet-stream", .format = FORMAT_DOCX,
	    .data = (unsigned char *)list_docx, .len = sizeof(list_docx) };
	m.att = atts;
	m.natt = 2;
	return (m);
}

static struct form_row *
add_row(struct form *f, int index, size_t source_row, const char *phone,
    const char *name)
{
	struct form_row	 row = { 0 }, *r = &row;

	r->index = index;
	r->source_row = source_row;
	r->phone = g_strdup(phone);
	r->name = g_strdup(name);
	r->position = g_strdup("Phó Bí thư");
	r->iccid = g_strdup("8984040000000000001");
	form_row_append(f, r);
	form_row_deinit(r);
	/* To change until the form is read. */
	return (form_row_edit(f, f->nrows - 1));
}

/* A decision with one sim_activation document of three clean rows. */
static struct decision *
test_decision(enum kind kind, enum action action)
{
	struct decision	*d = g_new0(struct decision, 1);
	struct document	*doc;
	struct form	*f;
	char		*sum;

	d->kind = kind;
	d->action = action;
	d->ndocs = 1;
	d->docs = doc = g_new0(struct document, 1);
	doc->filename = g_strdup("ds.docx");
	doc->format = FORMAT_DOCX;
	doc->kind = kind;
	doc->signature.status = SIG_UNSIGNED;
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, list_docx,
	    sizeof(list_docx));
	memcpy(doc->sha256, sum, 65);
	g_free(sum);
	doc->form = f = g_new0(struct form, 1);
	f->kind = kind;
	f->organization = g_strdup("HUYỆN ỦY SƠN TỊNH");
	add_row(f, 1, 2, "84982345678", "Nguyễn Văn An");
	add_row(f, 2, 3, "84918765432", "Trần Thị Bình");
	add_row(f, 3, 4, "84368765432", "Lê Thị Cúc");
	return (d);
}

static void
free_decision(struct decision *d)
{
	decision_free(d);
}

/* Room for a second document in d: &d->docs[1], zeroed for the test. */
static struct document *
second_document(struct decision *d)
{
	struct document	*doc;

	d->docs = g_renew(struct document, d->docs, 2);
	d->ndocs = 2;
	doc = &d->docs[1];
	memset(doc, 0, sizeof(*doc));
	return (doc);
}

/* A second list of the same three rows, as d's second document named
 * filename. */
static void
add_second_list(struct decision *d, const char *filename)
{
	struct decision	*d2 = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_REJECT);

	d->docs = g_renew(struct document, d->docs, 2);
	d->docs[1] = d2->docs[0];
	d->ndocs = 2;
	g_free(d->docs[1].filename);
	d->docs[1].filename = g_strdup(filename);
	d2->ndocs = 0;
	free_decision(d2);
}

/* A công văn as d's second document: the PDF filename, its signature
 * status and, unless organization is NULL, a form naming organization
 * (the test adds number and date). */
static struct document *
add_cover_letter(struct decision *d, const char *filename,
    enum sig_status status, const char *organization)
{
	struct document	*cv = second_document(d);

	cv->filename = g_strdup(filename);
	cv->format = FORMAT_PDF;
	cv->kind = KIND_COVER_LETTER;
	cv->signature.status = status;
	if (organization != NULL) {
		cv->form = g_new0(struct form, 1);
		cv->form->kind = KIND_COVER_LETTER;
		cv->form->organization = g_strdup(organization);
	}
	return (cv);
}

static struct queue_outgoing *
build(const struct mail *m, const struct decision *d,
    const struct config *cfg, const char *case_number, size_t *n_r)
{
	struct queue_outgoing	*out = NULL;
	char			*cause = NULL;

	ck_assert_msg(replies_build(m, d, cfg, case_number, NOW, SHA, &out,
	    n_r, &cause) == 0, "%s", cause);
	ck_assert_ptr_null(cause);
	ck_assert((*n_r == 0) == (out == NULL));
	return (out);
}

static void
assert_has(const char *body, const char *needle)
{
	ck_assert_msg(strstr(body, needle) != NULL, "\"%s\" not in:\n%s",
	    needle, body);
}

static void
assert_once(const char *body, const char *needle)
{
	const char	*p = strstr(body, needle);

	ck_assert_msg(p != NULL, "\"%s\" not in:\n%s", needle, body);
	ck_assert_msg(strstr(p + 1, needle) == NULL, "\"%s\" twice in:\n%s",
	    needle, body);
}

START_TEST(replies_none_for_ignore_or_manual)
{
	enum action		 a = _i == 0 ? ACTION_IGNORE : ACTION_MANUAL;
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d = test_decision(KIND_SIM_ACTIVATION, a);
	struct queue_outgoing	*out;
	size_t			 n = 99;

	out = build(&m, d, &cfg, "HT-2024-000001", &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(out);
	free_decision(d);
}
END_TEST

struct nobody_case {
	enum mime_machine	 machine;
	const char		*from;
};

static const struct nobody_case nobody_cases[] = {
	{ MIME_AUTO_REPLY, "vanphong@sontinh.quangngai.dcs.vn" },
	{ MIME_BOUNCE, "mailer-daemon@sontinh.quangngai.dcs.vn" },
	{ MIME_PERSON, NULL },
	{ MIME_PERSON, "" },
	{ MIME_PERSON, "hotrocks@quangngai.dcs.vn" },
	{ MIME_PERSON, "HOTROCKS@QUANGNGAI.DCS.VN" },
	{ MIME_PERSON, "VPTU@quangngai.dcs.vn" },
};

/* Never answer a machine, no one, or ourselves, whatever the action. */
START_TEST(replies_none_to_machines_or_ourselves)
{
	const struct nobody_case *c = &nobody_cases[_i];
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct queue_outgoing	*out;
	size_t			 n = 99;

	m.machine = c->machine;
	m.from_addr = (char *)c->from;
	for (enum action a = ACTION_QUEUE; a <= ACTION_REDIRECT; a++) {
		struct decision *d = test_decision(KIND_SIM_ACTIVATION, a);

		out = build(&m, d, &cfg, NULL, &n);
		ck_assert_uint_eq(n, 0);
		ck_assert_ptr_null(out);
		free_decision(d);
	}
}
END_TEST

/* A list sent from a personal mailbox (gmail and the like): the letter
 * greets the unit its letterhead names, and the To: line carries the
 * name the mailbox's owner gave, never the unit's over a personal
 * address (review 8). */
START_TEST(replies_personal_mailbox_keeps_its_owner_name)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	InternetAddress		*a;
	char			*body;
	size_t			 n;

	m.from_addr = "thuha.binhchau@gmail.com";
	m.from_name = "Nguyễn Thu Hà";
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	g_free(d->docs[0].form->organization);
	d->docs[0].form->organization = g_strdup("ĐẢNG ỦY XÃ BÌNH CHÂU");
	findings_add(&d->errors, CODE_SENDER_PUBLIC_DOMAIN, NULL);
	out = build(&m, d, &cfg, NULL, &n);
	ck_assert_uint_eq(n, 1);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_once(body, "Kính gửi: Đảng ủy xã Bình Châu.\n");
	a = internet_address_list_get_address(g_mime_message_get_to(msg), 0);
	ck_assert_str_eq(internet_address_get_name(a), "Nguyễn Thu Hà");
	ck_assert_str_eq(internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(a)), m.from_addr);
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_reject_lists_every_error_by_row)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct form		*f;
	struct queue_outgoing	*out;
	GMimeReferences		*refs;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	f = d->docs[0].form;
	findings_add(&d->errors, CODE_SENDER_PUBLIC_DOMAIN, NULL);
	findings_add(&d->docs[0].errors, CODE_SIGNATURE_MISSING, NULL);
	f->addressee = g_strdup("Văn phòng Tỉnh ủy Quảng Ngãi");
	findings_add(&f->errors, CODE_WRONG_ADDRESSEE, "addressed to VPTU");
	form_row_edit(f, 0)->phone_raw = g_strdup("0123");
	findings_add(&form_row_edit(f, 0)->errors, CODE_PHONE_INVALID, "0123");
	findings_add(&form_row_edit(f, 0)->errors, CODE_ICCID_CHECKSUM, NULL);
	findings_add(&form_row_edit(f, 2)->errors, CODE_NAME_MISSING, " ");
	form_row_edit(f, 2)->phone_raw = g_strdup("09x");
	findings_add(&form_row_edit(f, 2)->errors, CODE_PHONE_INVALID, "09x");
	findings_add(&form_row_edit(f, 1)->warnings, CODE_POSITION_NOT_ELIGIBLE,
	    "Chuyên viên");
	out = build(&m, d, &cfg, NULL, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out[0].purpose, "reject");
	ck_assert_str_eq(out[0].rcpt, m.from_addr);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_once(body, "- Thư được gửi từ địa chỉ ");
	assert_once(body, "là hộp thư điện tử cá nhân, không phải hộp thư "
	    "công vụ của đơn vị");
	/* every item says what to do, on the item itself */
	assert_once(body, "- Tệp “ds.docx”: văn bản chưa được ký số; đề nghị "
	    "ký số văn bản bằng chứng thư số của cơ quan, tổ chức trước khi "
	    "gửi;\n");
	/* the recogniser's own findings, with what the unit wrote, and the
	 * Kính gửi a SIM list carries, and why */
	assert_once(body, "- Tệp “ds.docx”: phần “Kính gửi” của văn bản "
	    "đang ghi “Văn phòng Tỉnh ủy Quảng Ngãi”, chưa đúng nơi nhận "
	    "theo mẫu; đề nghị sửa phần “Kính gửi” thành “Kính gửi: Cục "
	    "Chứng thực số");
	/* no block of fixes apart, which could leave an item without one */
	ck_assert_ptr_null(strstr(body, "Hướng dẫn khắc phục"));
	ck_assert_ptr_null(strstr(body, "- Sửa phần “Kính gửi”"));
	/* a row's finding carries its own remedy, in plain words, and says
	 * how many digits a short number has */
	assert_once(body, "- Dòng TT 1 (đồng chí Nguyễn Văn An): số điện "
	    "thoại 0123 có 4 chữ số (số điện thoại di động có 10 chữ số); đề "
	    "nghị ghi đúng số điện thoại của SIM ký số;\n");
	assert_once(body, "- Dòng TT 1 (đồng chí Nguyễn Văn An): số ICCID "
	    "không đúng (chữ số kiểm tra ở cuối không khớp); đề nghị đối "
	    "chiếu lại từng chữ số ICCID với dãy số in trên thẻ SIM;\n");
	ck_assert_ptr_null(strstr(body, "Luhn"));
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): chưa ghi họ và "
	    "tên người dùng (chủ thuê bao); đề nghị bổ sung họ và tên;\n");
	/* not digits alone: no count, but still the remedy */
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): số điện thoại "
	    "09x không đúng (không phải số điện thoại di động 10 chữ số, ví "
	    "dụ 0982 345 678); đề nghị ghi đúng số điện thoại của SIM ký "
	    "số");
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): chức vụ ghi "
	    "là “Phó Bí thư”, chưa thấy trong các chức danh được cấp SIM PKI "
	    "nêu tại mục 6 Phụ lục 2 Công văn số 1871-CV/VPTU; đề nghị đơn vị "
	    "kiểm tra, xác nhận lại chức vụ hiện tại của đồng chí.\n");
	/* one warning: the singular, and never "lý do chưa tiếp nhận" */
	assert_once(body, "kiểm tra lại nội dung sau (nội dung này không "
	    "phải là lý do trả lại danh sách):\n");
	/* a row's fix is on its row, never again in a list */
	ck_assert_ptr_null(strstr(body, "- Ghi số điện thoại di động 10"));
	assert_has(body, "Kính gửi: Văn phòng Huyện ủy Sơn Tịnh.\n");
	ck_assert_ptr_null(strstr(body, "HUYỆN ỦY SƠN TỊNH"));
	assert_has(body, "Văn phòng Tỉnh ủy chưa tiếp nhận danh sách do còn "
	    "các nội dung cần bổ sung, chỉnh sửa sau đây:\n");
	/* sent from gmail: resend from the official mailbox, never "reply
	 * to this mail" (the reply would come from gmail again) */
	assert_has(body, "về hộp thư HotroCKS@QuangNgai.dcs.vn từ hộp thư "
	    "công vụ của đơn vị.\n");
	/* the address mid-sentence: a clerk copying it takes no stop */
	ck_assert_ptr_null(strstr(body, "HotroCKS@QuangNgai.dcs.vn.\n"));
	ck_assert_ptr_null(strstr(body, "bằng cách trả lời thư này"));
	/* unsigned lists are accepted: never "sign it and resend" */
	ck_assert_ptr_null(strstr(body, "ký số văn bản và gửi lại"));
	assert_has(body, "gửi lại toàn bộ danh sách (file mềm Word hoặc "
	    "Excel theo mẫu tại Phụ lục 3)");
	assert_has(body, "thư điện tử ngày 03/5/2024 của đơn vị");
	ck_assert_ptr_null(strstr(body, "gửi tự động"));
	ck_assert_ptr_null(strstr(body, "03/05/2024"));
	/* no contact people configured: the office's phone alone */
	assert_has(body, "Văn phòng Tỉnh ủy Quảng Ngãi\nĐiện thoại: "
	    "0255.3822.000");
	assert_has(body, "Trân trọng./.\n");
	ck_assert_ptr_null(strstr(body, "{{"));
	ck_assert_str_eq(g_mime_message_get_subject(msg),
	    "Re: Danh sách đề nghị kích hoạt SIM ký số");
	ck_assert_str_eq(g_mime_object_get_header(GMIME_OBJECT(msg),
	    "Auto-Submitted"), "auto-replied");
	ck_assert_str_eq(g_mime_object_get_header(GMIME_OBJECT(msg),
	    "In-Reply-To"), "<orig-42@sontinh.quangngai.dcs.vn>");
	refs = g_mime_references_parse(NULL, g_mime_object_get_header(
	    GMIME_OBJECT(msg), "References"));
	ck_assert_int_eq(g_mime_references_length(refs), 2);
	ck_assert_str_eq(g_mime_references_get_message_id(refs, 0),
	    "earlier@sontinh.quangngai.dcs.vn");
	ck_assert_str_eq(g_mime_references_get_message_id(refs, 1),
	    "orig-42@sontinh.quangngai.dcs.vn");
	g_mime_references_free(refs);
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_ack_has_case_rows_and_warnings)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	form_row_edit(d->docs[0].form, 2)->phone_raw = g_strdup("01668765432");
	findings_add(&form_row_edit(d->docs[0].form, 2)->warnings,
	    CODE_PHONE_OLD_FORMAT, "01668765432");
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out[0].purpose, "ack");
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_has(body, "với số hồ sơ HT-2024-000123, gồm 03 thuê bao:");
	ck_assert_ptr_null(strstr(body, "3 dòng"));
	/* who wrote the new number, and where (review 3, A9) */
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): số điện thoại "
	    "ghi theo đầu số cũ 11 chữ số (01668 765 432); Văn phòng Tỉnh ủy "
	    "đã ghi số mới tương ứng 0368 765 432 trong danh sách đề nghị gửi "
	    "Cục; "
	    "đề nghị đơn vị sử dụng số mới trong các văn bản gửi lần sau.\n");
	assert_has(body, "1. Nguyễn Văn An, Phó Bí thư: số điện thoại "
	    "0982 345 678, số ICCID 8984040000000000001;\n");
	assert_has(body, "+ Nguyễn Văn An (0982 345 678): nhập 84982345678;\n");
	assert_has(body, "https://cms.ca.gov.vn");
	assert_has(body, "chuyển danh sách đến Cục Chứng thực số");
	ck_assert_str_eq(g_mime_message_get_subject(msg),
	    "Re: [HT-2024-000123] Danh sách đề nghị kích hoạt SIM ký số");
	ck_assert_ptr_null(strstr(body, "UltraViewer"));
	ck_assert_ptr_null(strstr(body, "{{"));
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_ack_without_case_or_warnings)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_ETOKEN_RECOVERY, ACTION_QUEUE);
	d->docs[0].form->coordinator_name = g_strdup("Phạm Văn D");
	d->docs[0].form->coordinator_phone = g_strdup("84905110999");
	m.subject = "";
	out = build(&m, d, &cfg, NULL, &n);
	ck_assert_uint_eq(n, 1);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	ck_assert_ptr_null(strstr(body, "Số hồ sơ"));
	ck_assert_ptr_null(strstr(body, "kiểm tra lại"));
	ck_assert_ptr_null(strstr(body, "cms.ca.gov.vn"));
	assert_has(body, "UltraViewer");
	assert_has(body, "đồng chí Phạm Văn D (số điện thoại 0905 110 999)");
	ck_assert_ptr_null(strstr(body, "84905110999"));
	ck_assert_str_eq(g_mime_message_get_subject(msg),
	    "Re: (không có tiêu đề)");
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* The letter closes with the office's contacts when they are set, else
 * with its phone; the PIN step names the same people (_i: 0 set, 1 not). */
START_TEST(replies_signature_names_the_contacts)
{
	static const char contact[] = "đồng chí Nguyễn Văn Liên, chuyên "
	    "viên, điện thoại 0905 110 999";
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body, *want;
	size_t			 n;

	if (_i == 0)
		cfg.office_contact = (char *)contact;
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, 1);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_has(body, "Trân trọng./.\n\nVăn phòng Tỉnh ủy Quảng Ngãi\n");
	assert_has(body, "Thư điện tử: HotroCKS@QuangNgai.dcs.vn");
	if (_i == 0) {
		want = g_strdup_printf("\nLiên hệ: %s\n", contact);
		assert_once(body, want);
		g_free(want);
		/* named once, at the foot: Bước 4 points there */
		assert_once(body, contact);
		ck_assert_ptr_null(strstr(body, "0255.3822.000"));
	} else {
		assert_once(body, "\nĐiện thoại: 0255.3822.000\n");
		assert_once(body, "0255.3822.000");
		ck_assert_ptr_null(strstr(body, "Liên hệ:"));
	}
	assert_once(body, "- Bước 4: nhập mã PIN mặc định (liên hệ Phòng Cơ "
	    "yếu - Công nghệ thông tin, Văn phòng Tỉnh ủy theo số điện thoại "
	    "ở cuối thư để được cung cấp);\n");
	ck_assert_ptr_null(strstr(body, "để được cung cấp mã PIN mặc định"));
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* _i: 0 not configured, 1 configured, 2 configured but not a SIM list. */
START_TEST(replies_forward_only_when_configured)
{
	struct config		 cfg = test_config(_i > 0);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	GMimeMultipart		*mp;
	GMimePart		*part;
	GMimeStream		*mem;
	GByteArray		*bytes;
	char			*body;
	size_t			 n;

	d = test_decision(_i == 2 ? KIND_REPORT : KIND_SIM_ACTIVATION,
	    ACTION_QUEUE);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_str_eq(out[0].purpose, "ack");
	if (_i != 1) {
		ck_assert_uint_eq(n, 1);
		goto done;
	}
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(out[1].purpose, "forward");
	ck_assert_str_eq(out[1].rcpt, "ca@bcy.gov.vn");
	msg = test_message_parse(out[1].raw);
	ck_assert_ptr_null(g_mime_object_get_header(GMIME_OBJECT(msg),
	    "Auto-Submitted"));
	ck_assert_ptr_null(g_mime_object_get_header(GMIME_OBJECT(msg),
	    "In-Reply-To"));
	/* Whole through GMime, whose 3.2 decoder drops an encoded-word
	 * that follows a padded B-word ("… Sơn" without " Tịnh"): the
	 * composer writes Q-words, so that cannot happen to ours. */
	ck_assert_str_eq(g_mime_message_get_subject(msg),
	    "V/v đề nghị kích hoạt SIM ký số cho các thuê bao của Huyện "
	    "ủy Sơn Tịnh [HT-2024-000123]");
	{
		/* The whole subject, decoded by our own RFC 2047 reader. */
		const char *p = strstr(out[1].raw, "\nSubject:");
		GString *v = g_string_new(NULL);
		char *subj;

		ck_assert_ptr_nonnull(p);
		/* The header's value, unfolded. */
		for (p += 9; *p != '\0'; p++) {
			if (*p == '\r')
				continue;
			if (*p == '\n' && p[1] != ' ' && p[1] != '\t')
				break;
			if (*p != '\n')
				g_string_append_c(v, *p);
		}
		subj = rfc2047_decode(v->str);
		g_string_free(v, TRUE);
		ck_assert_ptr_nonnull(subj);
		/* the office's number last, where the Cục reads it as
		 * a reference; the tag still threads its answer */
		ck_assert_ptr_nonnull(strstr(subj, "của Huyện ủy Sơn Tịnh "
		    "[HT-2024-000123]"));
		g_free(subj);
	}
	body = test_message_text(msg);
	assert_has(body, "Kính gửi: Cục Chứng thực số và Bảo mật thông tin");
	assert_has(body, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh");
	assert_has(body, "cho 03 thuê bao sau:");
	/* unsigned here: the forward must not call it signed, nor mark
	 * the soft file the letter asks for as a defect */
	assert_has(body, "  + “ds.docx”.\n");
	ck_assert_ptr_null(strstr(body, "có ký số"));
	ck_assert_ptr_null(strstr(body, "chữ ký số"));
	assert_has(body, "3. Lê Thị Cúc, Phó Bí thư: số điện thoại "
	    "84368765432, số ICCID 8984040000000000001.\n");
	/* the closing as formal as the opening, "thông báo" once */
	assert_once(body, "\nKính đề nghị Cục thông báo kết quả kích hoạt về "
	    "hộp thư HotroCKS@QuangNgai.dcs.vn để Văn phòng Tỉnh ủy hướng "
	    "dẫn đơn vị xác thực SIM ký số.\n");
	ck_assert_ptr_null(strstr(body, "thông báo cho đơn vị"));
	/* the case number once, and no unit's mailbox the Cục could take
	 * for another unit's (an office may pass on a commune's list) */
	assert_has(body, "Số hồ sơ tại Văn phòng Tỉnh ủy: HT-2024-000123.\n");
	ck_assert_ptr_null(strstr(body, "vanphong@sontinh.quangngai.dcs.vn"));
	g_free(body);
	/* The list as the unit signed it, and not the logo. */
	mp = GMIME_MULTIPART(g_mime_message_get_mime_part(msg));
	ck_assert_int_eq(g_mime_multipart_get_count(mp), 3);
	/* first the list in the Cục's layout, read back by our reader */
	part = GMIME_PART(g_mime_multipart_get_part(mp, 1));
	ck_assert_str_eq(g_mime_part_get_filename(part), "Danh sách đề nghị "
	    "kích hoạt SIM ký số HT-2024-000123.xlsx");
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(part), mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	{
		struct package	*pkg;
		struct docbody	*xb = NULL;
		const char	*why = NULL;
		const struct grid *g;

		pkg = package_open(bytes->data, bytes->len, NULL, &why);
		ck_assert_msg(pkg != NULL, "%s", why);
		ck_assert_msg(xlsx_read(pkg, NULL, &xb, &why) == 0, "%s", why);
		g = xb->blocks[0].grid;
		ck_assert_uint_eq(g->nrows, FORWARD_XLSX_FIRST_ROW + 3);
		ck_assert_str_eq(grid_at(g, FORWARD_XLSX_FIRST_ROW + 2, 1)->text,
		    "84368765432");
		ck_assert_str_eq(grid_at(g, FORWARD_XLSX_FIRST_ROW + 2, 2)->text,
		    "8984040000000000001");
		ck_assert_str_eq(grid_at(g, FORWARD_XLSX_FIRST_ROW + 2, 3)->text,
		    "Lê Thị Cúc");
		docbody_free(xb);
		package_free(pkg);
	}
	g_object_unref(mem);
	part = GMIME_PART(g_mime_multipart_get_part(mp, 2));
	ck_assert_str_eq(g_mime_part_get_filename(part), "ds.docx");
	ck_assert(g_mime_content_type_is_type(g_mime_object_get_content_type(
	    GMIME_OBJECT(part)), "application",
	    "vnd.openxmlformats-officedocument.wordprocessingml.document"));
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(part), mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	ck_assert_uint_eq(bytes->len, sizeof(list_docx));
	ck_assert_mem_eq(bytes->data, list_docx, sizeof(list_docx));
	g_object_unref(mem);
	g_object_unref(msg);
done:
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_forward_without_the_list_bytes_fails)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out = NULL;
	char			*cause = NULL;
	size_t			 n = 99;

	atts[1].data = NULL;		/* too large: bytes not kept */
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	ck_assert_int_eq(replies_build(&m, d, &cfg, NULL, NOW, SHA, &out, &n,
	    &cause), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(strstr(cause, "forward"));
	g_free(cause);
	free_decision(d);
}
END_TEST

/* A list read from the mail's HTML body has no file: the Cục gets it in
 * its own layout alone, and the letter still goes (samples/36). */
START_TEST(replies_forward_body_list_alone)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	GMimeMultipart		*mp;
	char			*body;
	size_t			 n;

	m.natt = 0;
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	g_free(d->docs[0].filename);
	d->docs[0].filename = g_strdup("");
	d->docs[0].format = FORMAT_BODY;
	out = build(&m, d, &cfg, "HT-2024-000124", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(out[1].purpose, "forward");
	msg = test_message_parse(out[1].raw);
	mp = GMIME_MULTIPART(g_mime_message_get_mime_part(msg));
	ck_assert_int_eq(g_mime_multipart_get_count(mp), 2);
	ck_assert_str_eq(g_mime_part_get_filename(GMIME_PART(
	    g_mime_multipart_get_part(mp, 1))), "Danh sách đề nghị kích hoạt "
	    "SIM ký số HT-2024-000124.xlsx");
	body = test_message_text(msg);
	/* nothing of the unit's is attached: no file named, and the
	 * Cục told where the list came from */
	ck_assert_ptr_null(strstr(body, "  + "));
	assert_has(body, "trên cơ sở danh sách do Huyện ủy Sơn Tịnh ghi trong "
	    "nội dung thư điện tử gửi Văn phòng Tỉnh ủy.\n");
	assert_has(body, "3. Lê Thị Cúc, Phó Bí thư: số điện thoại "
	    "84368765432, số ICCID 8984040000000000001.\n");
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_message_ids_fixed_across_builds)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*a, *b;
	size_t			 na, nb;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	a = build(&m, d, &cfg, "HT-2024-000123", &na);
	b = build(&m, d, &cfg, "HT-2024-000123", &nb);
	ck_assert_uint_eq(na, 2);
	ck_assert_uint_eq(nb, 2);
	ck_assert_str_eq(a[0].message_id,
	    "<hotrocks.ack.0123456789abcdef01234567@quangngai.dcs.vn>");
	ck_assert_str_eq(a[1].message_id,
	    "<hotrocks.forward.0123456789abcdef01234567@quangngai.dcs.vn>");
	for (size_t i = 0; i < na; i++) {
		ck_assert_str_eq(a[i].message_id, b[i].message_id);
		ck_assert_str_eq(a[i].raw, b[i].raw);
		ck_assert_ptr_nonnull(strstr(a[i].raw, "Message-Id: "));
		ck_assert_ptr_nonnull(strstr(a[i].raw, a[i].message_id));
		ck_assert_ptr_nonnull(strstr(a[i].raw,
		    "Date: Fri, 03 May 2024 08:30:00 +0700\r\n"));
	}
	replies_free(a, na);
	replies_free(b, nb);
	free_decision(d);
}
END_TEST

/* How many ZIP files raw carries: "UEsDB" is a ZIP's first bytes in
 * base64, a part's body. */
static size_t
zips_in(const char *raw)
{
	size_t	 n = 0;

	for (const char *p = raw; (p = strstr(p, "UEsDB")) != NULL; p++)
		n++;
	return (n);
}

/* replies_plan: the letters replies_build makes, to the same people
 * under the same ids, the unit's files as they are but no workbook
 * made: what reprocess says --send would queue. */
START_TEST(replies_plan_is_what_build_sends)
{
	static const enum action actions[] = { ACTION_QUEUE, ACTION_REJECT };
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	size_t			 without = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(actions); k++) {
		struct decision		*d;
		struct queue_outgoing	*a, *p = NULL;
		size_t			 na, np;
		char			*cause = NULL;

		d = test_decision(KIND_SIM_ACTIVATION, actions[k]);
		a = build(&m, d, &cfg, "HT-2024-000123", &na);
		ck_assert_msg(replies_plan(&m, d, &cfg, "HT-2024-000123", NOW,
		    SHA, &p, &np, &cause) == 0, "%s", cause);
		ck_assert_uint_gt(na, 0);
		ck_assert_uint_eq(np, na);
		for (size_t i = 0; i < na; i++) {
			ck_assert_str_eq(p[i].purpose, a[i].purpose);
			ck_assert_str_eq(p[i].rcpt, a[i].rcpt);
			ck_assert_str_eq(p[i].message_id, a[i].message_id);
			/* the same letter, but for the workbook's bytes */
			if (zips_in(p[i].raw) == zips_in(a[i].raw)) {
				ck_assert_str_eq(p[i].raw, a[i].raw);
				continue;
			}
			ck_assert_uint_lt(zips_in(p[i].raw),
			    zips_in(a[i].raw));
			ck_assert_uint_lt(strlen(p[i].raw), strlen(a[i].raw));
			without++;
		}
		replies_free(a, na);
		replies_free(p, np);
		free_decision(d);
	}
	/* the forward's Phụ lục 3, so the test can fail */
	ck_assert_uint_eq(without, 1);
}
END_TEST

/* A list mailed at 23:30 UTC on New Year's Eve and answered at once:
 * the acknowledgement and the forward write the day it was received,
 * and the Phụ lục 3 its own date, in the office's zone ([mailbox]
 * timezone), the day their own Date: says: still the 31st in London
 * and New York, already 1 January in Quảng Ngãi. */
static const struct {
	const char	*zone;
	const char	*day;		/* the mail's, in words */
	const char	*dateline;	/* the workbook's own */
	const char	*date;		/* each letter's Date: */
	const char	*cited;		/* a document dated 1 January: after
					 * the mail's day (NULL), or not */
} eve_zones[] = {
	{ "Europe/London", "31/12/2026",
	    "Quảng Ngãi, ngày 31 tháng 12 năm 2026",
	    "Thu, 31 Dec 2026 23:30:00 +0000", NULL },
	{ "Asia/Ho_Chi_Minh", "01/01/2027",
	    "Quảng Ngãi, ngày 01 tháng 01 năm 2027",
	    "Fri, 01 Jan 2027 06:30:00 +0700", "01/01/2027" },
	{ "America/New_York", "31/12/2026",
	    "Quảng Ngãi, ngày 31 tháng 12 năm 2026",
	    "Thu, 31 Dec 2026 18:30:00 -0500", NULL },
	/* the first zone into the new year: a day cited is still itself */
	{ "Pacific/Kiritimati", "01/01/2027",
	    "Quảng Ngãi, ngày 01 tháng 01 năm 2027",
	    "Fri, 01 Jan 2027 13:30:00 +1400", "01/01/2027" },
};

START_TEST(replies_days_in_words_in_the_office_zone)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out = NULL;
	GMimeMessage		*msg;
	char			*cause = NULL, *body, *want;
	size_t			 n;

	cfg.timezone = (char *)eve_zones[_i].zone;
	m.date = "2026-12-31T23:30:00Z";
	/* a document's own date, a day and not an instant, cited as
	 * itself unless after the mail's day at the office */
	body = replies_cited_date("2027-01-01", m.date, cfg.timezone);
	if (eve_zones[_i].cited == NULL)
		ck_assert_ptr_null(body);
	else
		ck_assert_str_eq(body, eve_zones[_i].cited);
	g_free(body);
	body = replies_cited_date("2026-12-31", m.date, cfg.timezone);
	ck_assert_str_eq(body, "31/12/2026");
	g_free(body);
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	ck_assert_msg(replies_build(&m, d, &cfg, "HT-2026-000123", m.date,
	    SHA, &out, &n, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(n, 2);
	want = g_strdup_printf("Date: %s\r\n", eve_zones[_i].date);
	for (size_t i = 0; i < n; i++)
		assert_has(out[i].raw, want);
	g_free(want);
	/* the acknowledgement: the day the unit's mail came */
	ck_assert_str_eq(out[0].purpose, "ack");
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	want = g_strdup_printf("thư điện tử ngày %s của đơn vị",
	    eve_zones[_i].day);
	assert_once(body, want);
	g_free(want);
	g_free(body);
	g_object_unref(msg);
	/* the forward: the same day, and the workbook dated as the letter */
	ck_assert_str_eq(out[1].purpose, "forward");
	msg = test_message_parse(out[1].raw);
	body = test_message_text(msg);
	want = g_strdup_printf("gửi Văn phòng Tỉnh ủy ngày %s)",
	    eve_zones[_i].day);
	assert_once(body, want);
	g_free(want);
	g_free(body);
	want = test_workbook_dateline(msg, NULL);
	ck_assert_str_eq(want, eve_zones[_i].dateline);
	g_free(want);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_redirect_names_the_cuc)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_CERT_REQUEST, ACTION_REDIRECT);
	form_row_edit(d->docs[0].form, 1)->email = g_strdup("b@gmail.com");
	findings_add(&form_row_edit(d->docs[0].form, 1)->errors,
	    CODE_EMAIL_PUBLIC_DOMAIN, "b@gmail.com");
	out = build(&m, d, &cfg, NULL, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out[0].purpose, "redirect");
	ck_assert_str_eq(out[0].message_id,
	    "<hotrocks.redirect.0123456789abcdef01234567@quangngai.dcs.vn>");
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_has(body, "1871-CV/VPTU");
	assert_has(body, "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
	    "Chính phủ");
	assert_has(body, "- Địa chỉ: Số 23 Ngụy Như Kon Tum, Thanh Xuân, "
	    "Hà Nội\n");
	assert_has(body, "- Điện thoại/Fax: 024.3773.8668\n");
	assert_has(body, "- Địa chỉ thư điện tử: ca@bcy.gov.vn\n");
	assert_has(body, "- Trang thông tin điện tử: http://ca.gov.vn\n");
	assert_has(body, "Mẫu 01 đến Mẫu 10");
	/* units ask to have it passed on: it is not (review 8) */
	assert_once(body, "Vì vậy, Văn phòng Tỉnh ủy không chuyển văn bản này "
	    "đến Cục; đề nghị đơn vị gửi văn bản đề nghị trực tiếp đến Cục");
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): địa chỉ thư "
	    "điện tử b@gmail.com không phải hộp thư công vụ; theo mục 2 Phụ "
	    "lục 2 Công văn số 1871-CV/VPTU, địa chỉ thư điện tử của thuê "
	    "bao phải do cơ quan nhà nước cấp; đề nghị thay bằng hộp thư công "
	    "vụ của đồng chí.\n");
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* Rows of two files say which file they are in. */
START_TEST(replies_two_documents_name_the_file)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	add_second_list(d, "ds2.xlsx");
	form_row_edit(d->docs[1].form, 0)->iccid_raw = g_strdup("8.98404E+18");
	findings_add(&form_row_edit(d->docs[1].form, 0)->errors, CODE_ICCID_INVALID,
	    "8.98404E+18");
	out = build(&m, d, &cfg, NULL, &n);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	/* not digits alone: no "có N chữ số", and no second colon */
	assert_once(body, "- Tệp “ds2.xlsx”, dòng TT 1 (đồng chí Nguyễn Văn "
	    "An): số ICCID 8.98404E+18 không đúng (số ICCID đầy đủ có 19 hoặc "
	    "20 chữ số); đề nghị ghi đủ dãy số in trên thẻ SIM");
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* The body of the one reply built for d. */
static char *
reply_body(const struct decision *d, struct mail *m, const char *case_number,
    const char *purpose)
{
	struct config		 cfg = test_config(false);
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	out = build(m, d, &cfg, case_number, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out[0].purpose, purpose);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	if (getenv("HOTROCKS_PRINT_LETTERS") != NULL)
		fprintf(stderr, "----- %s\n%s", purpose, body);
	g_object_unref(msg);
	replies_free(out, n);
	return (body);
}

/* A phone and an ICCID of two carriers: the letter names both carriers
 * and the ICCID, so the unit sees the mismatch at once (review 8); a
 * carrier not known leaves them out. */
START_TEST(replies_carrier_mismatch_names_both)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_QUEUE);
	struct form_row	*r;
	char		*body;

	r = form_row_edit(d->docs[0].form, 0);
	g_free(r->phone);
	r->phone = g_strdup("84981627304");
	g_free(r->iccid);
	r->iccid = g_strdup("8984021002059713287");
	findings_add(&r->warnings, CODE_PHONE_CARRIER_MISMATCH, "row 1");
	r = form_row_edit(d->docs[0].form, 1);
	g_free(r->iccid);
	r->iccid = g_strdup("8984990000000000001");
	findings_add(&r->warnings, CODE_PHONE_CARRIER_MISMATCH, "row 2");
	body = reply_body(d, &m, "HT-2024-000123", "ack");
	assert_once(body, "số điện thoại 0981 627 304 (Viettel) và số ICCID "
	    "8984021002059713287 (VinaPhone) thuộc hai nhà mạng khác nhau; nếu "
	    "thuê bao đã chuyển mạng giữ số thì không cần điều chỉnh");
	assert_once(body, "số điện thoại 0918 765 432 (VinaPhone) và số ICCID "
	    "thuộc hai nhà mạng khác nhau");
	g_free(body);
	free_decision(d);
}
END_TEST

/* The faults a trial on real-looking mail found, each asserted fixed. */
/* A row held by another case says how: activated, sent to the Cục, or
 * being worked; each is to be deleted from the list sent again (e2e
 * findings 5 and 15). */
START_TEST(replies_requested_says_how_it_is_held)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	char		*body;

	findings_add(&form_row_edit(f, 0)->errors, CODE_ALREADY_REQUESTED,
	    "already activated in case HT-2024-000007 received "
	    "2024-05-02T02:14:27Z");
	findings_add(&form_row_edit(f, 1)->errors, CODE_ALREADY_REQUESTED,
	    "already sent to the Cục in case HT-2024-000008 received "
	    "2024-05-03T02:14:27Z");
	findings_add(&form_row_edit(f, 2)->errors, CODE_ALREADY_REQUESTED,
	    "already in open case HT-2024-000009 received "
	    "2024-05-04T02:14:27Z");
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "thuê bao này đã được kích hoạt SIM ký số theo hồ sơ "
	    "HT-2024-000007; đề nghị xóa dòng này khi gửi lại danh sách");
	assert_once(body, "thuê bao này đã được Văn phòng Tỉnh ủy đề nghị Cục "
	    "kích hoạt SIM ký số theo hồ sơ HT-2024-000008; đề nghị xóa dòng "
	    "này khi gửi lại danh sách");
	assert_once(body, "thuê bao này đã có trong hồ sơ HT-2024-000009 đang "
	    "được xử lý; đề nghị xóa dòng này khi gửi lại danh sách");
	ck_assert_ptr_null(strstr(body, "đề nghị không gửi lại"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* The store's answer for rows 1 and 2 of test_decision: 2 activated
 * in one case, 3 sent to the Cục in another. */
static int
held_two_ways(void *ctx, const char *phone, const char *iccid, char **case_r,
    char **received_r)
{
	(void)ctx;
	(void)iccid;
	if (phone == NULL || (strcmp(phone, "84982345678") != 0 &&
	    strcmp(phone, "84918765432") != 0))
		return (0);
	*case_r = g_strdup(phone[3] == '8' ? "HT-2024-000007" :
	    "HT-2024-000008");
	*received_r = g_strdup("2024-05-02T02:14:27Z");
	return (phone[3] == '8' ? 2 : 3);
}

/* How a row is held reaches the letter through the detail the rules
 * write (held_how reads it: a finding carries a code and a detail, and
 * no code says how): rules and letter are tested together, so that a
 * detail reworded in one is seen in the other. */
START_TEST(replies_requested_how_as_the_rules_write_it)
{
	struct mail	 m = test_mail();
	struct config	 cfg = test_config(false);
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	struct lookup	 lk = { .open_request = held_two_ways };
	char		*body;

	rules_decide(&m, &cfg, &lk, d);
	ck_assert_int_eq(d->action, ACTION_REJECT);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Dòng TT 1 (đồng chí Nguyễn Văn An): thuê bao này "
	    "đã được kích hoạt SIM ký số theo hồ sơ HT-2024-000007; đề nghị "
	    "xóa dòng này khi gửi lại danh sách;\n");
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): thuê bao này "
	    "đã được Văn phòng Tỉnh ủy đề nghị Cục kích hoạt SIM ký số theo "
	    "hồ sơ HT-2024-000008; đề nghị xóa dòng này khi gửi lại danh "
	    "sách.\n");
	ck_assert_ptr_null(strstr(body, "đang được xử lý"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* The registry of replies_peer_cover_letter_said: the sender is Tư
 * Nghĩa's office. */
static char *
registered_tunghia(void *ctx, const char *sender)
{
	(void)ctx;
	(void)sender;
	return (g_strdup("HUYỆN ỦY TƯ NGHĨA"));
}

/* A district's signed công văn beside a peer district's unsigned list
 * (blind8): the công văn cannot stand for it, and the letter says why,
 * naming the list's unit, as the rules write it, so that the unit does
 * not read a bare "not signed" beside the công văn it did sign. */
START_TEST(replies_peer_cover_letter_said)
{
	struct mail	 m = test_mail();
	struct config	 cfg = test_config(false);
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	struct lookup	 lk = { .unit_cert_org = registered_tunghia };
	struct document	*cv;
	struct sig_result *r = g_new0(struct sig_result, 1);
	char		*body;

	cfg.require_signature = true;
	cfg.cover_letter_signs_attachments = true;
	m.from_addr = "vanphong.tunghia@quangngai.dcs.vn";
	cv = add_cover_letter(d, "cv.pdf", SIG_VALID, "HUYỆN ỦY TƯ NGHĨA");
	r->status = SIG_VALID;
	r->signer = g_new0(struct sig_signer, 1);
	r->signer->cn = g_strdup("Nguyễn Đức Thắng");
	r->signer->o = g_strdup("HUYỆN ỦY TƯ NGHĨA");
	cv->signature.results = r;
	cv->signature.nresults = 1;
	rules_decide(&m, &cfg, &lk, d);
	ck_assert_int_eq(d->action, ACTION_REJECT);
	ck_assert(!document_has_errors(cv));
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "Tệp “ds.docx”: danh sách đứng tên Huyện ủy Sơn Tịnh nhưng chưa "
	    "được ký số; công văn ký số gửi kèm không do Huyện ủy Sơn Tịnh "
	    "hoặc cơ quan cấp trên ban hành nên không thay được chữ ký số trên "
	    "danh sách (danh sách phải do chính đơn vị đứng tên ký số, hoặc do "
	    "đơn vị đó gửi kèm công văn ký số của mình); đề nghị ký số văn "
	    "bản");
	g_free(body);
	free_decision(d);
}
END_TEST

/* A list answering another case's number opens a new case: the
 * subject carries the new number only, and the letter says so, so the
 * unit knows which to quote (review 4, N3). */
START_TEST(replies_new_case_says_the_old_number)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	char		*body;

	m.subject = "RE: [HT-2024-000031] Gửi danh sách";
	body = reply_body(d, &m, "HT-2024-000123", "ack");
	/* where the number is given (review 5, B1) */
	assert_once(body, "Văn phòng Tỉnh ủy đã tiếp nhận danh sách với số hồ "
	    "sơ mới HT-2024-000123 (thay cho hồ sơ HT-2024-000031), gồm 03 "
	    "thuê bao:\n");
	g_free(body);
	m.subject = "RE: [HT-2024-000123] Gửi danh sách";
	body = reply_body(d, &m, "HT-2024-000123", "ack");
	ck_assert_ptr_null(strstr(body, "thay cho"));
	ck_assert_ptr_null(strstr(body, "số hồ sơ mới"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* What the letter quotes back is what the unit sees: a number cell's
 * old phone with the 0 it lost, an ICCID as Excel shows it in its cell
 * (e2e finding 15). */
START_TEST(replies_quote_what_the_unit_sees)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form_row	*r;
	char		*body;

	r = form_row_edit(d->docs[0].form, 1);
	r->phone_raw = g_strdup("1665123456");
	findings_add(&r->warnings, CODE_PHONE_OLD_FORMAT, NULL);
	r = form_row_edit(d->docs[0].form, 2);
	r->iccid_raw = g_strdup("8.984040044e+18");
	findings_add(&r->errors, CODE_ICCID_PRECISION_LOST, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "01665 123 456");
	ck_assert_ptr_null(strstr(body, "(1665123456)"));
	assert_once(body, "8.98404E+18");
	ck_assert_ptr_null(strstr(body, "8.984040044e+18"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* An ICCID is printed as one string of digits, as on the card, however
 * the unit grouped it in its cell: a wrong one too (review 5, C3, b6
 * 36). What is more than digits in groups is quoted as written. */
START_TEST(replies_iccid_printed_as_on_the_card)
{
	static const struct {
		enum code	 code;
		const char	*raw, *digits;
	} cells[] = {
		{ CODE_ICCID_CHECKSUM, "8984 0400 0420 0079 790",
		    "8984040004200079790" },
		{ CODE_ICCID_NOT_VIETNAM, "8944.0108.0000.0490.019",
		    "8944010800000490019" },
		{ CODE_ICCID_INVALID, "8984 0400 0420 007", "898404000420007" },
	};
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form_row	*r;
	char		*body;

	for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
		r = form_row_edit(d->docs[0].form, i);
		g_free(r->iccid);
		/* the reader's normal form (form-sim.c) */
		r->iccid = g_strdup(cells[i].digits);
		r->iccid_raw = g_strdup(cells[i].raw);
		findings_add(&r->errors, cells[i].code, NULL);
	}
	r = add_row(d->docs[0].form, 4, 5, "84982345679", "Phạm Văn Dũng");
	g_free(r->iccid);
	r->iccid = NULL;
	r->iccid_raw = g_strdup("8984 0400 chưa rõ");
	findings_add(&r->errors, CODE_ICCID_INVALID, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Dòng TT 1 (đồng chí Nguyễn Văn An): số ICCID "
	    "8984040004200079790 không đúng (chữ số kiểm tra ở cuối không "
	    "khớp)");
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): số ICCID "
	    "8944010800000490019 không đúng vì số ICCID của SIM nhà mạng Việt "
	    "Nam bắt đầu bằng 8984");
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): số ICCID "
	    "898404000420007 có 15 chữ số");
	assert_once(body, "- Dòng TT 4 (đồng chí Phạm Văn Dũng): số ICCID "
	    "8984 0400 chưa rõ không đúng");
	ck_assert_ptr_null(strstr(body, "8984 0400 0420"));
	ck_assert_ptr_null(strstr(body, "8944.0108"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_example_rows_told_to_be_deleted)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	struct form_row	*r;
	char		*body;

	r = add_row(f, 4, 5, "84982345678", "Nguyễn Văn A");
	r->iccid_raw = g_strdup("898402310932010...");
	findings_add(&r->errors, CODE_ICCID_INVALID, "too short");
	r = add_row(f, 5, 6, "84918765432", "Trần Văn B");
	r->iccid_raw = g_strdup("796303120012090...");
	findings_add(&r->errors, CODE_EXAMPLE_ROW, NULL);
	form_row_edit(f, 1)->phone_raw = g_strdup("0918 765 43");
	findings_add(&form_row_edit(f, 1)->errors, CODE_PHONE_INVALID, "9 digits");
	findings_add(&form_row_edit(f, 2)->warnings, CODE_POSITION_NOT_ELIGIBLE, "x");
	body = reply_body(d, &m, NULL, "reject");
	/* the digit count, as for an ICCID */
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): số điện "
	    "thoại 0918 765 43 có 9 chữ số (số điện thoại di động có 10 chữ "
	    "số); đề nghị ghi đúng số điện thoại của SIM ký số");
	ck_assert_ptr_null(strstr(body, "0918 765 43 không đúng"));
	/* the rows named as rows, and the numbering to be redone */
	assert_once(body, "- Dòng TT 4 (Nguyễn Văn A) và dòng TT 5 (Trần Văn "
	    "B) là các dòng ví dụ của biểu mẫu; đề nghị đơn vị xóa các dòng "
	    "này và đánh lại số thứ tự.\n");
	ck_assert_ptr_null(strstr(body, "Bảng danh sách còn để lại"));
	ck_assert_ptr_null(strstr(body, "Số ICCID không hợp lệ"));
	ck_assert_ptr_null(strstr(body, "898402310932010"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_duplicate_names_the_row_it_repeats)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	struct form_row	*r;
	char		*body;

	r = add_row(f, 4, 5, "84982345678", "Võ Văn Dũng");
	g_free(r->iccid);
	r->iccid = g_strdup("8984040000000000019");
	findings_add(&r->errors, CODE_DUPLICATE_ROW, "phone repeats row 1");
	/* the same person again, typed otherwise: one row too many */
	r = add_row(f, 5, 6, "84918765432", "TRẦN THỊ  BÌNH");
	g_free(r->iccid);
	r->iccid = g_strdup("8984040000000000027");
	findings_add(&r->errors, CODE_DUPLICATE_ROW, "phone repeats row 2");
	/* another person with row 3's SIM: a number is wrong, and its
	 * carrier is no matter until it is put right (review 3, A5) */
	r = add_row(f, 6, 7, "84905111222", "Phạm Thị Thu Hà");
	findings_add(&r->errors, CODE_DUPLICATE_ROW, "iccid repeats row 1");
	findings_add(&r->warnings, CODE_PHONE_CARRIER_MISMATCH, NULL);
	/* row 1 again, whole: named once, and to be deleted (review 3,
	 * C10) */
	r = add_row(f, 7, 8, "84982345678", "Nguyễn Văn An");
	findings_add(&r->errors, CODE_DUPLICATE_ROW, "repeats row 1");
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Dòng TT 7 (đồng chí Nguyễn Văn An): trùng hoàn "
	    "toàn với dòng TT 1 (cùng số điện thoại 0982 345 678 và số ICCID "
	    "8984040000000000001); đề nghị xóa dòng TT 7");
	/* two people, one phone: neither row is to go */
	assert_once(body, "- Dòng TT 4 (đồng chí Võ Văn Dũng): ghi cùng số "
	    "điện thoại 0982 345 678 với dòng TT 1 (đồng chí Nguyễn Văn An); "
	    "mỗi thuê bao có một số điện thoại riêng, đề nghị kiểm tra lại "
	    "số điện thoại của từng đồng chí");
	assert_once(body, "- Dòng TT 5 (đồng chí TRẦN THỊ  BÌNH): trùng số "
	    "điện thoại 0918 765 432 với dòng TT 2 (đồng chí Trần Thị Bình); "
	    "đề nghị kiểm tra lại, mỗi thuê bao chỉ ghi một dòng");
	assert_once(body, "- Dòng TT 6 (đồng chí Phạm Thị Thu Hà): ghi cùng "
	    "số ICCID 8984040000000000001 với dòng TT 1 (đồng chí Nguyễn Văn "
	    "An); mỗi SIM có một số ICCID riêng, đề nghị đối chiếu lại với "
	    "dãy số in trên thẻ SIM của từng đồng chí");
	ck_assert_ptr_null(strstr(body, "nhà mạng"));
	ck_assert_ptr_null(strstr(body, "Bỏ các dòng trùng lặp"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* Rows told the same thing are told it once, naming them all; rows told
 * different things keep their own items (review 3, C7). */
START_TEST(replies_rows_with_one_fault_are_one_item)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_REJECT);
	char		*body;

	for (size_t i = 0; i < 3; i++) {
		struct form_row *r = form_row_edit(d->docs[0].form, i);

		r->iccid_raw = g_strdup_printf("8.9840%zuE+18", i + 1);
		findings_add(&r->errors, CODE_ICCID_PRECISION_LOST, NULL);
	}
	findings_add(&form_row_edit(d->docs[0].form, 2)->errors,
	    CODE_POSITION_MISSING, NULL);
	body = reply_body(d, &m, NULL, "reject");
	/* each row's Excel display, in turn */
	assert_once(body, "- Các dòng TT 1 (đồng chí Nguyễn Văn An), TT 2 "
	    "(đồng chí Trần Thị Bình) và TT 3 (đồng chí Lê Thị Cúc): số ICCID "
	    "lần lượt hiển thị dạng 8.98401E+18, 8.98402E+18 và 8.98403E+18 "
	    "do ô trong Excel");
	/* the Vietnamese word first, Excel's in brackets (review 5, C2) */
	assert_once(body, "định dạng cột “Số ICCID” kiểu văn bản (Text) rồi "
	    "nhập lại");
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): chưa ghi chức "
	    "vụ; đề nghị bổ sung chức vụ hiện tại");
	ck_assert_ptr_null(strstr(body, "- Dòng TT 2 (đồng chí Trần Thị Bình):"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* Rows told one thing are told it as of them all, from the rows'
 * records rather than from their finished sentences: "các thuê bao
 * này", "của các đồng chí"; a name with a colon stays whole; values
 * that differ are merged only where the sentence can pair each with its
 * row ("lần lượt"), else each row keeps its own item. */
START_TEST(replies_merged_rows_are_said_of_them_all)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	struct form_row	*r;
	char		*body;

	for (size_t i = 0; i < 2; i++)
		findings_add(&form_row_edit(f, i)->errors,
		    CODE_ALREADY_REQUESTED, "already in open case "
		    "HT-2024-000009 received 2024-05-01T02:14:27Z");
	/* a Word table copied from Excel: not digits, so no count */
	r = form_row_edit(f, 2);
	r->iccid_raw = g_strdup("8.98401E+18");
	findings_add(&r->errors, CODE_ICCID_INVALID, NULL);
	g_free(r->position);
	r->position = g_strdup("Chuyên viên");
	findings_add(&r->warnings, CODE_POSITION_NOT_ELIGIBLE, NULL);
	r = add_row(f, 4, 5, "84982345679", "Phạm Văn Dũng");
	r->iccid_raw = g_strdup("8.98402E+18");
	findings_add(&r->errors, CODE_ICCID_INVALID, NULL);
	g_free(r->position);
	r->position = g_strdup("Chuyên viên");
	findings_add(&r->warnings, CODE_POSITION_NOT_ELIGIBLE, NULL);
	/* the title typed after the name */
	r = add_row(f, 5, 6, "84982345680", "Hồ Văn Em: Bí thư");
	findings_add(&r->errors, CODE_POSITION_MISSING, NULL);
	r = add_row(f, 6, 7, "84982345681", "Đỗ Thị Gấm: Bí thư");
	findings_add(&r->errors, CODE_POSITION_MISSING, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Các dòng TT 1 (đồng chí Nguyễn Văn An) và TT 2 "
	    "(đồng chí Trần Thị Bình): các thuê bao này đã có trong hồ sơ "
	    "HT-2024-000009 đang được xử lý; đề nghị xóa các dòng này khi gửi "
	    "lại danh sách và chờ kết quả của hồ sơ trước;\n");
	assert_once(body, "- Dòng TT 3 (đồng chí Lê Thị Cúc): số ICCID "
	    "8.98401E+18 không đúng");
	assert_once(body, "- Dòng TT 4 (đồng chí Phạm Văn Dũng): số ICCID "
	    "8.98402E+18 không đúng");
	assert_once(body, "- Các dòng TT 5 (đồng chí Hồ Văn Em: Bí thư) và "
	    "TT 6 (đồng chí Đỗ Thị Gấm: Bí thư): chưa ghi chức vụ; đề nghị "
	    "bổ sung chức vụ hiện tại");
	assert_once(body, "- Các dòng TT 3 (đồng chí Lê Thị Cúc) và TT 4 "
	    "(đồng chí Phạm Văn Dũng): chức vụ ghi là “Chuyên viên”, chưa thấy "
	    "trong các chức danh được cấp SIM PKI nêu tại mục 6 Phụ lục 2 Công "
	    "văn số 1871-CV/VPTU; đề nghị đơn vị kiểm tra, xác nhận lại chức "
	    "vụ hiện tại của các đồng chí");
	ck_assert_ptr_null(strstr(body, "): thuê bao này"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* Two files: each file's rows are told apart from the other's, under
 * its name ("Tệp “…”, các dòng …"); one display shared by two rows is
 * not said "in turn". */
START_TEST(replies_merged_rows_name_their_file)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_REJECT);
	struct form	*f;
	char		*body;

	add_second_list(d, "ds2.xlsx");
	f = d->docs[0].form;
	for (size_t i = 0; i < 2; i++) {
		struct form_row *r = form_row_edit(f, i);

		r->iccid_raw = g_strdup("8.98404E+18");
		findings_add(&r->errors, CODE_ICCID_PRECISION_LOST, NULL);
	}
	findings_add(&form_row_edit(f, 2)->errors, CODE_POSITION_MISSING,
	    NULL);
	f = d->docs[1].form;
	for (size_t i = 0; i < 2; i++)
		findings_add(&form_row_edit(f, i)->errors,
		    CODE_ALREADY_REQUESTED, "already activated in case "
		    "HT-2024-000007 received 2024-05-02T02:14:27Z");
	findings_add(&form_row_edit(f, 2)->errors, CODE_POSITION_MISSING,
	    NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Tệp “ds.docx”, các dòng TT 1 (đồng chí Nguyễn "
	    "Văn An) và TT 2 (đồng chí Trần Thị Bình): số ICCID hiển thị dạng "
	    "8.98404E+18 do ô trong Excel");
	assert_once(body, "- Tệp “ds.docx”, dòng TT 3 (đồng chí Lê Thị Cúc): "
	    "chưa ghi chức vụ; đề nghị bổ sung chức vụ hiện tại");
	assert_once(body, "- Tệp “ds2.xlsx”, các dòng TT 1 (đồng chí Nguyễn "
	    "Văn An) và TT 2 (đồng chí Trần Thị Bình): các thuê bao này đã "
	    "được kích hoạt SIM ký số theo hồ sơ HT-2024-000007; đề nghị xóa "
	    "các dòng này khi gửi lại danh sách;\n");
	assert_once(body, "- Tệp “ds2.xlsx”, dòng TT 3 (đồng chí Lê Thị Cúc): "
	    "chưa ghi chức vụ; đề nghị bổ sung chức vụ hiện tại");
	ck_assert_ptr_null(strstr(body, "lần lượt"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_individual_form_goes_to_the_managing_unit)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_ETOKEN_RECOVERY, ACTION_REJECT);
	struct form_row	*r;
	char		*body;

	m.from_name = "Nguyễn Thị Hoa";
	m.subject = "Đề nghị khôi phục thiết bị ký số";
	d->docs[0].form->subtype = g_strdup("individual");
	findings_add(&d->docs[0].form->errors, CODE_INDIVIDUAL_FORM, NULL);
	findings_add(&d->docs[0].errors, CODE_SIGNATURE_MISSING, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_has(body, "Kính gửi: Đồng chí Nguyễn Thị Hoa.\n");
	assert_has(body, "Văn phòng Tỉnh ủy chưa tiếp nhận văn bản này");
	/* her Mẫu 11 may be for an eToken or a SIM: both ways said */
	assert_has(body, "SIM ký số (SIM PKI), văn bản theo Mẫu 12 được gửi "
	    "về Cục");
	assert_has(body, "Đề nghị đồng chí gửi văn bản theo Mẫu 11 đến cơ quan, "
	    "tổ chức quản lý trực tiếp của đồng chí. Trường hợp");
	ck_assert_ptr_null(strstr(body, "của mình"));
	ck_assert_ptr_null(strstr(body, "ký số văn bản và gửi lại"));
	ck_assert_ptr_null(strstr(body, "Mẫu 12 và gửi\n"));
	ck_assert_ptr_null(strstr(body, "Huyện ủy Sơn Tịnh"));
	g_free(body);
	/* she wrote "eToken": only its way (review 3, C12) */
	m.subject = "Xin khôi phục eToken bị khóa";
	body = reply_body(d, &m, NULL, "reject");
	assert_has(body, "Đề nghị đồng chí gửi văn bản theo Mẫu 11 đến cơ quan, "
	    "tổ chức quản lý trực tiếp của đồng chí; cơ quan, tổ chức quản lý "
	    "trực tiếp tổng hợp, lập văn bản đề nghị theo Mẫu 12 (ghi rõ người "
	    "phối hợp hỗ trợ khôi phục) và gửi về Văn phòng Tỉnh ủy");
	ck_assert_ptr_null(strstr(body, "SIM PKI"));
	g_free(body);
	/* a mail with no name, about "chữ ký số": greeted by the name on
	 * her form, and given both ways (review 5, B2) */
	m.from_name = NULL;
	m.subject = "Đề nghị mở khóa chữ ký số";
	r = form_row_edit(d->docs[0].form, 0);
	g_free(r->device_type);
	r->device_type = g_strdup("etoken");
	body = reply_body(d, &m, NULL, "reject");
	assert_has(body, "Kính gửi: Đồng chí Nguyễn Văn An.\n");
	assert_has(body, "SIM ký số (SIM PKI), văn bản theo Mẫu 12 được gửi "
	    "về Cục");
	g_free(body);
	/* her form names a SIM, whatever the subject says: the Cục's way */
	r = form_row_edit(d->docs[0].form, 0);
	g_free(r->device_type);
	r->device_type = g_strdup("sim");
	body = reply_body(d, &m, NULL, "reject");
	assert_has(body, "lập văn bản đề nghị theo Mẫu 12 và gửi về Cục");
	ck_assert_ptr_null(strstr(body, "eToken"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* The greeting and the To: line name the addressee the same way: the
 * unit's office as its From: names it (more precise than the
 * letterhead), the letterhead's unit when the From: names someone else,
 * the person a letter to an individual greets. */
static const struct {
	enum kind	 kind;
	enum action	 action;
	const char	*from_name;
	bool		 individual;
	const char	*want;
} salutation_cases[] = {
	{ KIND_SIM_ACTIVATION, ACTION_QUEUE, "Văn phòng Huyện ủy Sơn Tịnh",
	    false, "Văn phòng Huyện ủy Sơn Tịnh" },
	{ KIND_SIM_ACTIVATION, ACTION_REJECT, "Văn phòng Huyện ủy Sơn Tịnh",
	    false, "Văn phòng Huyện ủy Sơn Tịnh" },
	{ KIND_CERT_REQUEST, ACTION_REDIRECT, "Văn phòng Huyện ủy Sơn Tịnh",
	    false, "Văn phòng Huyện ủy Sơn Tịnh" },
	{ KIND_SIM_ACTIVATION, ACTION_QUEUE, "Nguyễn Thu Hà", false,
	    "Huyện ủy Sơn Tịnh" },
	{ KIND_SIM_ACTIVATION, ACTION_QUEUE, NULL, false,
	    "Huyện ủy Sơn Tịnh" },
	{ KIND_ETOKEN_RECOVERY, ACTION_REJECT, "Nguyễn Thị Hoa", true,
	    "Nguyễn Thị Hoa" },
	/* the office's mailbox name, written out: a body is named in full */
	{ KIND_SIM_ACTIVATION, ACTION_QUEUE, "Văn Phòng HU Sơn Tịnh", false,
	    "Văn phòng Huyện ủy Sơn Tịnh" },
	{ KIND_SIM_ACTIVATION, ACTION_REJECT, "VP Huyện ủy Sơn Tịnh", false,
	    "Văn phòng Huyện ủy Sơn Tịnh" },
};

START_TEST(replies_greeting_and_to_name_the_same)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	InternetAddressList	*to;
	InternetAddress		*a;
	char			*body, *greet;
	size_t			 n;

	m.from_name = (char *)salutation_cases[_i].from_name;
	d = test_decision(salutation_cases[_i].kind,
	    salutation_cases[_i].action);
	if (salutation_cases[_i].individual) {
		d->docs[0].form->subtype = g_strdup("individual");
		findings_add(&d->docs[0].form->errors, CODE_INDIVIDUAL_FORM,
		    NULL);
	}
	out = build(&m, d, &cfg, d->action == ACTION_QUEUE ?
	    "HT-2024-000123" : NULL, &n);
	ck_assert_uint_ge(n, 1);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	greet = g_strdup_printf("Kính gửi: %s%s.\n",
	    salutation_cases[_i].individual ? "Đồng chí " : "",
	    salutation_cases[_i].want);
	assert_once(body, greet);
	to = g_mime_message_get_to(msg);
	ck_assert_int_eq(internet_address_list_length(to), 1);
	a = internet_address_list_get_address(to, 0);
	ck_assert_str_eq(internet_address_get_name(a),
	    salutation_cases[_i].want);
	ck_assert_str_eq(internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(a)), m.from_addr);
	g_free(greet);
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* The body of letter purpose among those built, or NULL. */
static char *
letter_of(struct queue_outgoing *out, size_t n, const char *purpose,
    char **subject_r)
{
	for (size_t i = 0; i < n; i++) {
		GMimeMessage	*msg;
		char		*body;

		if (strcmp(out[i].purpose, purpose) != 0)
			continue;
		msg = test_message_parse(out[i].raw);
		body = test_message_text(msg);
		if (subject_r != NULL)
			*subject_r = g_strdup(g_mime_message_get_subject(msg));
		g_object_unref(msg);
		return (body);
	}
	return (NULL);
}

/*
 * Who wrote is answered, and whose list it is is said: a district that
 * passes on a commune's list is asked to tell the commune, and the Cục
 * learns who sent it (review 3, A1); the unit's own office with an
 * abbreviated mailbox name is no go-between (A2). A provincial body is
 * named with its province to the Cục (B2), a title in full (B6).
 */
START_TEST(replies_go_between_is_answered)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	char			*ack, *fwd, *subject = NULL;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	g_free(d->docs[0].form->organization);
	d->docs[0].form->organization = g_strdup("ĐẢNG ỦY XÃ BÌNH HẢI");
	m.from_name = "Huyện ủy Bình Sơn";
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ack = letter_of(out, n, "ack", NULL);
	fwd = letter_of(out, n, "forward", NULL);
	ck_assert_ptr_nonnull(ack);
	ck_assert_ptr_nonnull(fwd);
	assert_once(ack, "Kính gửi: Huyện ủy Bình Sơn.\n");
	assert_has(ack, "danh sách đề nghị kích hoạt SIM ký số của Đảng ủy "
	    "xã Bình Hải");
	assert_once(ack, "Đề nghị Huyện ủy Bình Sơn thông báo nội dung thư "
	    "này đến Đảng ủy xã Bình Hải.");
	assert_has(fwd, "trên cơ sở đề nghị của Đảng ủy xã Bình Hải (do "
	    "Huyện ủy Bình Sơn chuyển đến Văn phòng Tỉnh ủy");
	ck_assert_ptr_null(strstr(fwd, "Đảng ủy xã Bình Hải (gửi"));
	g_free(ack);
	g_free(fwd);
	replies_free(out, n);

	/* the unit's own office, its name abbreviated */
	g_free(d->docs[0].form->organization);
	d->docs[0].form->organization = g_strdup("HUYỆN ỦY TƯ NGHĨA");
	m.from_name = "Văn Phòng HU Tư Nghĩa";
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ack = letter_of(out, n, "ack", NULL);
	fwd = letter_of(out, n, "forward", NULL);
	assert_once(ack, "Kính gửi: Văn phòng Huyện ủy Tư Nghĩa.\n");
	ck_assert_ptr_null(strstr(ack, "thông báo nội dung thư này đến"));
	ck_assert_ptr_null(strstr(ack, "HU "));
	assert_has(fwd, "trên cơ sở đề nghị của Huyện ủy Tư Nghĩa (gửi Văn "
	    "phòng Tỉnh ủy");
	ck_assert_ptr_null(strstr(fwd, "Văn Phòng HU"));
	g_free(ack);
	g_free(fwd);
	replies_free(out, n);

	/* a provincial body, to the Cục and to itself, with its province
	 * (review 5, B7); a title in full */
	g_free(d->docs[0].form->organization);
	d->docs[0].form->organization = g_strdup("BAN TUYÊN GIÁO TỈNH ỦY");
	m.from_name = "Ban Tuyên giáo Tỉnh ủy";
	{
		struct form_row *r = form_row_edit(d->docs[0].form, 0);

		g_free(r->position);
		r->position = g_strdup("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh");
	}
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ack = letter_of(out, n, "ack", NULL);
	fwd = letter_of(out, n, "forward", &subject);
	assert_once(ack, "Kính gửi: Ban Tuyên giáo Tỉnh ủy Quảng Ngãi.\n");
	assert_has(ack, "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
	ck_assert_str_eq(subject, "V/v đề nghị kích hoạt SIM ký số cho các "
	    "thuê bao của Ban Tuyên giáo Tỉnh ủy Quảng Ngãi [HT-2024-000123]");
	assert_has(fwd, "trên cơ sở đề nghị của Ban Tuyên giáo Tỉnh ủy Quảng "
	    "Ngãi (gửi");
	assert_has(fwd, "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
	ck_assert_ptr_null(strstr(fwd, "MTTQ"));
	g_free(subject);
	g_free(ack);
	g_free(fwd);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* The Cục gets the unit's file with an old number beside the list with
 * the new one: the forward says so (review 3, A9). */
START_TEST(replies_forward_notes_an_old_number)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct form_row		*r;
	struct queue_outgoing	*out;
	char			*fwd;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	r = add_row(d->docs[0].form, 4, 5, "84362345678", "Nguyễn Tấn Phát");
	r->phone_raw = g_strdup("01662345678");
	findings_add(&r->warnings, CODE_PHONE_OLD_FORMAT, NULL);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	fwd = letter_of(out, n, "forward", NULL);
	ck_assert_ptr_nonnull(fwd);
	assert_once(fwd, "Ghi chú:\n- Số điện thoại của đồng chí Nguyễn Tấn "
	    "Phát trong tệp của đơn vị ghi theo đầu số cũ (01662 345 678); "
	    "Văn phòng Tỉnh ủy đã chuyển sang số mới 0362 345 678 "
	    "(84362345678).\n");
	g_free(fwd);
	replies_free(out, n);
	free_decision(d);
	/* none without such a row */
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	fwd = letter_of(out, n, "forward", NULL);
	ck_assert_ptr_null(strstr(fwd, "Ghi chú:"));
	g_free(fwd);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* A unit's Mẫu 12 with the person's own Mẫu 11 enclosed lists the
 * device once: the coordinator prepares one eToken, not two (review 3,
 * A4). */
START_TEST(replies_enclosed_mau11_not_a_second_device)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct document		*doc;
	struct form		*f;
	struct queue_outgoing	*out;
	char			*ack;
	size_t			 n;

	d = test_decision(KIND_ETOKEN_RECOVERY, ACTION_QUEUE);
	f = d->docs[0].form;
	f->subtype = g_strdup("unit");
	f->coordinator_name = g_strdup("Ngô Thị Hà");
	f->coordinator_phone = g_strdup("0914220331");
	/* one device in the unit's Mẫu 12 */
	form_rows_drop(f);
	add_row(f, 1, 2, NULL, "Nguyễn Văn An")->device_serial =
	    g_strdup("540B4410");
	doc = second_document(d);
	doc->filename = g_strdup("mau11.docx");
	doc->format = FORMAT_DOCX;
	doc->kind = KIND_ETOKEN_RECOVERY;
	doc->signature.status = SIG_UNSIGNED;
	memcpy(doc->sha256, d->docs[0].sha256, 65);
	doc->form = f = g_new0(struct form, 1);
	f->kind = KIND_ETOKEN_RECOVERY;
	f->subtype = g_strdup("individual");
	add_row(f, 1, 2, NULL, "Nguyễn Văn An")->device_serial =
	    g_strdup("540B4410");
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ack = letter_of(out, n, "ack", NULL);
	ck_assert_ptr_nonnull(ack);
	assert_once(ack, "540B4410");
	ck_assert_ptr_null(strstr(ack, "02 eToken"));
	ck_assert_ptr_null(strstr(ack, "2. Nguyễn Văn An"));
	g_free(ack);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_resend_answered_once)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	char		*body;

	for (size_t i = 0; i < f->nrows; i++)
		findings_add(&form_row_edit(f, i)->errors, CODE_ALREADY_REQUESTED,
		    "already in open case %s", "HT-2024-000012");
	body = reply_body(d, &m, NULL, "notice");
	assert_once(body, "đã được Văn phòng Tỉnh ủy tiếp nhận với số hồ sơ "
	    "HT-2024-000012 và đang được xử lý; đơn vị không cần gửi lại.");
	ck_assert_ptr_null(strstr(body, "gửi lại về hộp thư"));
	ck_assert_ptr_null(strstr(body, "chưa được tiếp nhận"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_report_acknowledged_as_a_report)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_REPORT, ACTION_QUEUE);
	char		*body;

	m.subject = "Báo cáo 6 tháng đầu năm 2024";
	body = reply_body(d, &m, "HT-2024-000200", "ack");
	/* received once, not "đã nhận được … và đã tiếp nhận"; the period
	 * the report covers, here from the subject */
	assert_once(body, "Văn phòng Tỉnh ủy đã tiếp nhận báo cáo tình hình "
	    "triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024 "
	    "của đơn vị (gửi qua thư điện tử ngày 03/5/2024; số hồ sơ "
	    "HT-2024-000200) để tổng hợp, báo cáo theo quy định.\n");
	ck_assert_ptr_null(strstr(body, "đã nhận được báo cáo"));
	ck_assert_ptr_null(strstr(body, "đề nghị của đơn vị"));
	ck_assert_ptr_null(strstr(body, "cms.ca.gov.vn"));
	ck_assert_ptr_null(strstr(body, "về đề nghị"));
	g_free(body);
	/* the report's own title first */
	d->docs[0].form->title = g_strdup("Tình hình triển khai, quản lý và "
	    "sử dụng chứng thư số năm 2024");
	d->docs[0].form->subtype = g_strdup("year");
	m.subject = "Bao cao nam";
	body = reply_body(d, &m, "HT-2024-000200", "ack");
	assert_has(body, "sử dụng chứng thư số năm 2024 của đơn vị (gửi");
	g_free(body);
	/* a half-year report whose year nothing tells: its kind */
	g_free(d->docs[0].form->title);
	d->docs[0].form->title = g_strdup("BÁO CÁO");
	g_free(d->docs[0].form->subtype);
	d->docs[0].form->subtype = g_strdup("half_year");
	m.subject = "Báo cáo năm 2024";
	body = reply_body(d, &m, "HT-2024-000200", "ack");
	assert_has(body, "sử dụng chứng thư số định kỳ 6 tháng của đơn vị "
	    "(gửi");
	ck_assert_ptr_null(strstr(body, "năm 2024"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* A report is acknowledged by its own number and date, as the unit's
 * proof of having reported; a date after the mail is not repeated back;
 * a công văn that carried it is cited first (review 6, C4). */
START_TEST(replies_report_cited_by_its_number)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_REPORT, ACTION_QUEUE);
	struct document	*cv;
	char		*body;

	m.subject = "Báo cáo 6 tháng đầu năm 2024";
	d->docs[0].form->doc_number = g_strdup("88-BC/HU");
	d->docs[0].form->doc_date = g_strdup("2024-05-02");
	body = reply_body(d, &m, "HT-2024-000201", "ack");
	assert_once(body, "Văn phòng Tỉnh ủy đã tiếp nhận Báo cáo số 88-BC/HU "
	    "ngày 02/5/2024 của Huyện ủy Sơn Tịnh về tình hình triển "
	    "khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024 (gửi "
	    "qua thư điện tử ngày 03/5/2024; số hồ sơ HT-2024-000201) để tổng "
	    "hợp, báo cáo theo quy định.\n");
	g_free(body);
	/* dated after the mail that carried it: the number alone */
	g_free(d->docs[0].form->doc_date);
	d->docs[0].form->doc_date = g_strdup("2024-06-27");
	body = reply_body(d, &m, "HT-2024-000201", "ack");
	assert_once(body, "đã tiếp nhận Báo cáo số 88-BC/HU của ");
	ck_assert_ptr_null(strstr(body, "27/6/2024"));
	g_free(body);
	/* carried by a công văn: that first, then the report */
	cv = add_cover_letter(d, "260-CV-HU.pdf", SIG_INVALID,
	    "HUYỆN ỦY BA TƠ");
	cv->form->doc_number = g_strdup("260-CV/HU");
	cv->form->doc_date = g_strdup("2024-05-03");
	body = reply_body(d, &m, "HT-2024-000201", "ack");
	assert_once(body, "Văn phòng Tỉnh ủy đã nhận được Công văn số "
	    "260-CV/HU ngày 03/5/2024 của Huyện ủy Ba Tơ (gửi qua thư điện tử "
	    "ngày 03/5/2024) và đã tiếp nhận Báo cáo số 88-BC/HU về tình hình "
	    "triển khai, quản lý và sử dụng chứng thư số 6 tháng đầu năm 2024 "
	    "(số hồ sơ HT-2024-000201) để tổng hợp, báo cáo theo quy định.\n");
	g_free(body);
	/* nor is a công văn's date after the mail */
	g_free(cv->form->doc_date);
	cv->form->doc_date = g_strdup("2024-06-24");
	body = reply_body(d, &m, "HT-2024-000201", "ack");
	assert_once(body, "Công văn số 260-CV/HU của Huyện ủy Ba Tơ (gửi qua "
	    "thư điện tử ngày 03/5/2024)");
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_redirect_says_where_and_which_form)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_CERT_REQUEST, ACTION_REDIRECT);
	char		*body;

	m.subject = "Đề nghị cấp chứng thư số";
	m.from_name = NULL;	/* the letterhead names the unit alone */
	m.from_addr = "dangUy.tinhha@quangngai.dcs.vn";	/* its own */
	g_free(d->docs[0].form->organization);
	d->docs[0].form->organization = g_strdup("ĐẢNG ỦY XÃ TỊNH HÀ");
	body = reply_body(d, &m, NULL, "redirect");
	assert_has(body, "Kính gửi: Đảng ủy xã Tịnh Hà.\n");
	g_free(body);
	/* the district's office passing it on is answered, and told whose
	 * request it is */
	m.from_name = "Văn phòng Huyện ủy Sơn Tịnh";
	body = reply_body(d, &m, NULL, "redirect");
	assert_has(body, "Kính gửi: Văn phòng Huyện ủy Sơn Tịnh.\n");
	assert_has(body, "(Mẫu 01 đến Mẫu 10) của Đảng ủy xã Tịnh Hà.\n");
	assert_has(body, "Đề nghị Văn phòng Huyện ủy Sơn Tịnh thông báo nội "
	    "dung thư này đến Đảng ủy xã Tịnh Hà.\n");
	g_free(body);
	/* a form known for what it is is named so, not by the range of
	 * forms it might be */
	d->docs[0].form->subtype = g_strdup("revoke");
	body = reply_body(d, &m, NULL, "redirect");
	assert_has(body, "của đơn vị kèm văn bản đề nghị thu hồi chứng thư "
	    "số của Đảng ủy xã Tịnh Hà.\n");
	assert_has(body, "(Mẫu 01 đến Mẫu 10) do cơ quan, tổ chức quản lý "
	    "trực tiếp gửi về Cục Chứng thực số");
	ck_assert_ptr_null(strstr(body, "trực tiếp gửi trực tiếp"));
	/* "văn bản" once: what is sent, not how twice */
	assert_once(body, "Vì vậy, Văn phòng Tỉnh ủy không chuyển văn bản này "
	    "đến Cục; đề nghị đơn vị gửi văn bản đề nghị trực tiếp đến Cục "
	    "(bản giấy hoặc bản điện tử có ký số) theo thông tin liên hệ "
	    "sau:\n");
	ck_assert_ptr_null(strstr(body, "gửi văn bản trực tiếp"));
	assert_has(body, "- Điện thoại/Fax: 024.3773.8668\n");
	/* the portal apart from the contacts, not read as one of them */
	assert_has(body, "\n\nĐơn vị cũng có thể nộp hồ sơ trực tuyến");
	ck_assert_ptr_null(strstr(body, "theo Mẫu 09 gửi đơn vị"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* A lost device: what mục 4 Phụ lục 2 says, the record to send at once,
 * and the revocation as the office's advice, apart from the citation. */
START_TEST(replies_redirect_lost_device)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_HANDOVER, ACTION_REDIRECT);
	char		*body;

	m.subject = "Biên bản xác nhận thất lạc eToken";
	d->docs[0].form->subtype = g_strdup("loss");
	body = reply_body(d, &m, NULL, "redirect");
	assert_once(body, "Theo mục 4 Phụ lục 2 Công văn số 1871-CV/VPTU ngày "
	    "16/4/2024 của Văn phòng Tỉnh ủy, trường hợp thiết bị lưu khóa "
	    "bí mật bị thất lạc, cơ quan, tổ chức quản lý trực tiếp lập biên "
	    "bản xác nhận theo Mẫu 15 gửi ngay về Cục Chứng thực số");
	/* a biên bản is sent as paper or signed file, not "as a văn bản";
	 * the revocation names where it goes (review 4, N6) */
	assert_once(body, "Vì vậy, đề nghị đơn vị gửi ngay biên bản đến Cục "
	    "(bản giấy hoặc bản điện tử có ký số) theo thông tin liên hệ "
	    "sau:\n");
	/* Mẫu 09 goes from the subscriber to the unit, Mẫu 10 from the
	 * unit to the Cục (mục 4 Phụ lục 2; review 6, C3) */
	assert_once(body, "\n\nĐồng thời, do thất lạc thiết bị lưu khóa bí mật "
	    "là một trong các trường hợp phải thu hồi chứng thư số (mục 4 Phụ "
	    "lục 2 Công "
	    "văn số 1871-CV/VPTU), đề nghị đơn vị hướng dẫn thuê bao lập văn "
	    "bản đề nghị thu hồi chứng thư số theo Mẫu 09 gửi đơn vị; đơn vị "
	    "tổng hợp và gửi văn bản đề nghị thu hồi chứng thư số theo Mẫu 10 "
	    "đến Cục Chứng thực số");
	/* Mẫu 13 and 14 are beside the point for a loss */
	ck_assert_ptr_null(strstr(body, "Mẫu 13"));
	ck_assert_ptr_null(strstr(body, "Mẫu 14"));
	ck_assert_ptr_null(strstr(body, "gửi văn bản trực tiếp"));
	g_free(body);
	/* a handover: the forms it may be, no revocation advice */
	g_free(d->docs[0].form->subtype);
	d->docs[0].form->subtype = g_strdup("handover");
	body = reply_body(d, &m, NULL, "redirect");
	assert_has(body, "(Mẫu 13), biên bản giao, nhận thiết bị lưu khóa bí "
	    "mật (Mẫu 14)");
	ck_assert_ptr_null(strstr(body, "Đồng thời"));
	ck_assert_ptr_null(strstr(body, "gửi ngay biên bản"));
	assert_has(body, "đề nghị đơn vị gửi văn bản đề nghị trực tiếp đến "
	    "Cục");
	g_free(body);
	free_decision(d);
}
END_TEST

/* The SIM ack says the forward has gone only when it leaves with the ack
 * (per case, not held for approval); "để đề nghị", never a subjectless
 * ", đề nghị"; Bước 2's sub-list ends ";" before Bước 3 (_i: 0 held,
 * 1 not held, 2 held by the daily batch). */
START_TEST(replies_ack_says_when_the_forward_goes)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	cfg.forward_approval = _i == 1 ? "none" : _i == 0 ? "required" :
	    "none";
	cfg.forward_mode = _i == 2 ? "daily" : "per_case";
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, _i == 2 ? 1 : 2);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_once(body, _i == 1 ? "Văn phòng Tỉnh ủy đã chuyển danh sách "
	    "đến Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ "
	    "để đề nghị kích hoạt SIM ký số cho các thuê bao." : "Văn phòng "
	    "Tỉnh ủy sẽ chuyển danh sách đến Cục Chứng thực số và Bảo mật "
	    "thông tin, Ban Cơ yếu Chính phủ để đề nghị kích hoạt SIM ký số "
	    "cho các thuê bao.");
	ck_assert_ptr_null(strstr(body, ", đề nghị kích hoạt"));
	assert_once(body, "  + Lê Thị Cúc (0368 765 432): nhập 84368765432;\n"
	    "- Bước 3: ");
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* A list typed in the mail: received as it came, and how to send the
 * next one in the note block, not "Lần sau" inside the receipt. */
/* A list typed in the mail beside a công văn sent as a file: the ack
 * says which came how, never "(không kèm tệp)" of a mail that had one,
 * nor "file mềm" of a list that is none; the forward the same (_i: 0 the
 * công văn's number and date read, 1 not). */
START_TEST(replies_in_body_beside_a_cover_letter)
{
	static const char	 pdf[] = "%PDF the signed letter";
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d = test_decision(KIND_SIM_ACTIVATION,
				    ACTION_QUEUE);
	struct attachment	 a = { .filename = "cv.pdf", .content_type =
				    "application/pdf", .format = FORMAT_PDF,
				    .data = (unsigned char *)pdf, .len =
				    sizeof(pdf) - 1 };
	struct queue_outgoing	*out;
	struct document		*cv;
	char			*ack, *fwd;
	size_t			 n;

	m.att = &a;
	m.natt = 1;
	g_free(d->docs[0].filename);
	d->docs[0].filename = g_strdup("");
	d->docs[0].format = FORMAT_BODY;
	cv = add_cover_letter(d, "cv.pdf", SIG_VALID, "HUYỆN ỦY SƠN TỊNH");
	sha256_hex_to(pdf, sizeof(pdf) - 1, cv->sha256);
	if (_i == 0) {
		cv->form->doc_number = g_strdup("245-CV/HU");
		cv->form->doc_date = g_strdup("2024-05-02");
	}
	out = build(&m, d, &cfg, "HT-2024-000124", &n);
	ack = letter_of(out, n, "ack", NULL);
	fwd = letter_of(out, n, "forward", NULL);
	ck_assert_ptr_nonnull(ack);
	ck_assert_ptr_nonnull(fwd);
	assert_once(ack, _i == 0 ? "Văn phòng Tỉnh ủy đã nhận được Công văn "
	    "số 245-CV/HU ngày 02/5/2024 của Huyện ủy Sơn Tịnh (tệp đính kèm "
	    "thư điện tử ngày 03/5/2024) và danh sách đề nghị kích hoạt SIM "
	    "ký số được ghi trực tiếp trong nội dung thư.\n" : "Văn phòng "
	    "Tỉnh ủy đã nhận được thư điện tử ngày 03/5/2024 của đơn vị kèm "
	    "công văn đề nghị (tệp “cv.pdf”); danh sách đề nghị kích hoạt SIM "
	    "ký số được ghi trực tiếp trong nội dung thư.\n");
	assert_once(ack, "Văn bản đề nghị của đơn vị đã được ký số; danh sách "
	    "ghi trong nội dung thư được tiếp nhận cùng văn bản đề nghị.\n");
	ck_assert_ptr_null(strstr(ack, "không kèm tệp"));
	ck_assert_ptr_null(strstr(ack, "file mềm,"));
	/* how to send the next list still said */
	assert_once(ack, "- Trong các lần gửi sau, danh sách cần được lập "
	    "theo mẫu tại Phụ lục 3");
	assert_once(fwd, "Văn bản đề nghị của Huyện ủy Sơn Tịnh đã được ký số; "
	    "danh sách được ghi trong nội dung thư điện tử gửi cùng văn bản "
	    "đề nghị.\n");
	assert_once(fwd, "- Công văn đề nghị của Huyện ủy Sơn Tịnh: “cv.pdf” "
	    "(văn bản điện tử có chữ ký số hợp lệ).\n");
	ck_assert_ptr_null(strstr(fwd, "file mềm,"));
	g_free(ack);
	g_free(fwd);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

START_TEST(replies_ack_in_body_note)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	char		*body;

	m.natt = 0;
	g_free(d->docs[0].filename);
	d->docs[0].filename = g_strdup("");
	d->docs[0].format = FORMAT_BODY;
	body = reply_body(d, &m, "HT-2024-000124", "ack");
	assert_once(body, "được ghi trực tiếp trong nội dung thư (không kèm "
	    "tệp).\n");
	assert_once(body, "Đề nghị đơn vị lưu ý nội dung sau (không ảnh hưởng "
	    "đến việc tiếp nhận danh sách):\n- Trong các lần gửi sau, danh "
	    "sách cần được lập theo mẫu tại Phụ lục 3 Công văn số "
	    "1871-CV/VPTU ngày 16/4/2024 của Văn phòng Tỉnh ủy và gửi kèm "
	    "dưới dạng file mềm (Word hoặc Excel).\n");
	ck_assert_ptr_null(strstr(body, "Lần sau"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* A file typed in an old font: named once ("Tệp “…” được gõ bằng …", not
 * "Tệp “…”: tệp …"), with the font when the finding says which, and
 * never a guess between two (_i: 0 the detail names both, 1 VNI, 2
 * TCVN3). The forward says the same of it. */
START_TEST(replies_old_font_named)
{
	static const char *const details[] = {
		"2 text runs typed in a TCVN3 or VNI font converted to Unicode",
		"2 text runs typed in a VNI font converted to Unicode",
		"2 text runs typed in a TCVN3 font converted to Unicode",
	};
	static const char *const fonts[] = { "bảng mã cũ, không theo chuẩn "
	    "Unicode", "bảng mã VNI", "bảng mã TCVN3" };
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body, *want;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	findings_add(&d->docs[0].warnings, CODE_LEGACY_ENCODING, "%s",
	    details[_i]);
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, 2);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	want = g_strdup_printf("- Tệp “ds.docx” được gõ bằng %s; Văn phòng "
	    "Tỉnh ủy đã chuyển nội dung sang bảng mã Unicode để xử lý. Đề "
	    "nghị đơn vị sử dụng phông chữ Unicode (Times New Roman) trong các "
	    "văn bản gửi lần sau.\n", fonts[_i]);
	assert_once(body, want);
	g_free(want);
	ck_assert_ptr_null(strstr(body, "TCVN3 hoặc VNI"));
	ck_assert_ptr_null(strstr(body, ": tệp"));
	g_free(body);
	g_object_unref(msg);
	msg = test_message_parse(out[1].raw);
	body = test_message_text(msg);
	want = g_strdup_printf("  + “ds.docx” (tệp gõ bằng %s; nội dung đã "
	    "được Văn phòng Tỉnh ủy chuyển sang bảng mã Unicode trong danh "
	    "sách tổng hợp).\n", fonts[_i]);
	assert_once(body, want);
	g_free(want);
	ck_assert_ptr_null(strstr(body, "TCVN3 hoặc VNI"));
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* An eToken request returned for two things: each item says what to do,
 * and no block of fixes lists one of them only (outbox 21). */
START_TEST(replies_etoken_reject_every_item_says_what_to_do)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_ETOKEN_RECOVERY,
			    ACTION_REJECT);
	char		*body;

	findings_add(&d->docs[0].form->errors, CODE_COORDINATOR_MISSING,
	    "no coordinator");
	findings_add(&form_row_edit(d->docs[0].form, 1)->errors,
	    CODE_SERIAL_MISSING, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Tệp “ds.docx”: văn bản chưa có mục “Người phối "
	    "hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật” theo Mẫu 12; đề "
	    "nghị bổ sung họ và tên, số điện thoại của người phối hợp;\n");
	assert_once(body, "- Dòng TT 2 (đồng chí Trần Thị Bình): chưa ghi số "
	    "hiệu eToken; đề nghị bổ sung số hiệu eToken (dãy số in trên "
	    "thiết bị).\n");
	ck_assert_ptr_null(strstr(body, "Hướng dẫn khắc phục"));
	ck_assert_ptr_null(strstr(body, "- Bổ sung họ và tên"));
	/* not a SIM list: its own noun, no Phụ lục 3 */
	ck_assert_ptr_null(strstr(body, "Phụ lục 3"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* The rejection names the form as the acks do; one example row is one;
 * a number in the old format goes into the list sent again; a foreign
 * ICCID has one colon. */
START_TEST(replies_reject_wording_polish)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form	*f = d->docs[0].form;
	struct form_row	*r;
	char		*body;

	r = add_row(f, 4, 5, "84982345678", "Nguyễn Văn A");
	findings_add(&r->errors, CODE_EXAMPLE_ROW, NULL);
	r = form_row_edit(f, 1);
	r->iccid_raw = g_strdup("8944010800000490019");
	findings_add(&r->errors, CODE_ICCID_NOT_VIETNAM, NULL);
	r = form_row_edit(f, 2);
	r->phone_raw = g_strdup("01668765432");
	findings_add(&r->warnings, CODE_PHONE_OLD_FORMAT, NULL);
	body = reply_body(d, &m, NULL, "reject");
	/* named, not vouched for: the letter may refuse it for not
	 * following the form (review 4, N2) */
	assert_once(body, "của đơn vị kèm danh sách đề nghị kích hoạt SIM ký "
	    "số (Phụ lục 3 Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn "
	    "phòng Tỉnh ủy). Văn phòng Tỉnh ủy chưa tiếp nhận");
	ck_assert_ptr_null(strstr(body, "SIM ký số theo mẫu tại"));
	ck_assert_ptr_null(strstr(body, "(Phụ lục 3)."));
	assert_once(body, "- Dòng TT 4 (Nguyễn Văn A) là dòng ví dụ của biểu "
	    "mẫu; đề nghị đơn vị xóa dòng này và đánh lại số thứ tự.\n");
	assert_once(body, "số ICCID 8944010800000490019 không đúng vì số "
	    "ICCID của SIM nhà mạng Việt Nam bắt đầu bằng 8984;");
	ck_assert_ptr_null(strstr(body, "không đúng: số ICCID"));
	assert_once(body, "(01668 765 432); số mới tương ứng là 0368 765 432; "
	    "đề nghị ghi số mới khi gửi lại danh sách.\n");
	ck_assert_ptr_null(strstr(body, "trong các văn bản gửi lần sau"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* A list too long to quote whole: the rows past the first 50 are named
 * only in the attached list's "Ghi chú", so their remedies alone stand
 * in a block, which says so; the rows quoted carry theirs. */
START_TEST(replies_fix_block_only_for_rows_not_quoted)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	struct form_row	*r;
	char		*body, *name;

	for (int i = 4; i <= REPLIES_INLINE_ROWS + 5; i++) {
		name = g_strdup_printf("Người Thứ %d", i);
		r = add_row(d->docs[0].form, i, i + 1, "84982345678", name);
		findings_add(&r->errors, i > REPLIES_INLINE_ROWS ?
		    CODE_ICCID_CHECKSUM : CODE_POSITION_MISSING, NULL);
		g_free(name);
	}
	body = reply_body(d, &m, NULL, "reject");
	/* rows told the same, ten to an item */
	assert_once(body, "- Các dòng TT 4 (đồng chí Người Thứ 4), TT 5 (đồng "
	    "chí Người Thứ 5), ");
	assert_once(body, " và TT 13 (đồng chí Người Thứ 13): chưa ghi chức "
	    "vụ; đề nghị bổ sung chức vụ hiện tại;\n- Các dòng TT 14 "
	    "(đồng chí Người Thứ 14), ");
	assert_once(body, "\n\nHướng dẫn khắc phục các lỗi ghi tại cột “Ghi "
	    "chú” của danh sách đính kèm:\n- Đối chiếu lại từng chữ số ICCID "
	    "với dãy số in trên thẻ SIM.\n");
	ck_assert_ptr_null(strstr(body, "- Ghi chức vụ hiện tại"));
	/* one full stop, as every item ends */
	assert_once(body, "\n- … và 02 dòng khác có lỗi: xem cột “Ghi chú” của "
	    "danh sách đính kèm.\n");
	g_free(body);
	free_decision(d);
}
END_TEST

/* One "chuẩn bị": the coordinator prepares the computer and gathers the
 * devices (_i: 0 three devices, 1 one). */
START_TEST(replies_etoken_ack_prepares_once)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_ETOKEN_RECOVERY, ACTION_QUEUE);
	char		*body;

	d->docs[0].form->coordinator_name = g_strdup("Phạm Văn D");
	if (_i == 1)
		form_rows_drop(d->docs[0].form);
	if (_i == 1)
		add_row(d->docs[0].form, 1, 2, NULL, "Nguyễn Văn An");
	body = reply_body(d, &m, "HT-2024-000125", "ack");
	/* one device is no "danh sách" (review 3, C9) */
	assert_once(body, _i == 0 ? "Danh sách thiết bị đề nghị khôi phục:\n" :
	    "Thiết bị đề nghị khôi phục:\n");
	/* no comma before "và"; the coordinator is not the holder: no
	 * "mang theo" (review 4, N4) */
	assert_once(body, _i == 0 ? "đã cài đặt phần mềm UltraViewer và tập "
	    "hợp sẵn 03 eToken nêu trên để lần lượt cắm vào máy tính theo "
	    "hướng dẫn.\n" : "đã cài đặt phần mềm UltraViewer và có sẵn "
	    "eToken cần khôi phục để cắm vào máy tính theo hướng dẫn.\n");
	assert_once(body, "chuẩn bị");
	g_free(body);
	free_decision(d);
}
END_TEST

/* The notes of an eToken ack come after the call arrangement, which is
 * what the unit acts on, not between it and the devices (review 5 B5). */
START_TEST(replies_etoken_ack_notes_after_the_call)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_ETOKEN_RECOVERY, ACTION_QUEUE);
	char		*body, *call, *note, *ask;

	d->docs[0].form->coordinator_name = g_strdup("Phạm Văn D");
	findings_add(&d->docs[0].warnings, CODE_SIGNATURE_MISSING, NULL);
	body = reply_body(d, &m, "HT-2024-000126", "ack");
	call = strstr(body, "qua phần mềm điều khiển từ xa UltraViewer");
	note = strstr(body, "\n\nĐề nghị đơn vị lưu ý nội dung sau (không "
	    "ảnh hưởng đến việc tiếp nhận văn bản):\n- ");
	ask = strstr(body, "\n\nKhi cần trao đổi về hồ sơ này");
	ck_assert_ptr_nonnull(call);
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_nonnull(ask);
	ck_assert(call < note);
	ck_assert(note < ask);
	g_free(body);
	free_decision(d);
}
END_TEST

/* No "đề nghị … về đề nghị", in any letter. */
START_TEST(replies_no_repeated_de_nghi)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	char		*body;

	body = reply_body(d, &m, "HT-2024-000123", "ack");
	ck_assert_ptr_null(strstr(body, "về đề nghị"));
	g_free(body);
	free_decision(d);
}
END_TEST

struct sig_claim {
	enum sig_status	 status;
	const char	*says;
};

static const struct sig_claim sig_claims[] = {
	{ SIG_VALID, "  + “ds.docx” (văn bản điện tử có chữ ký số hợp lệ).\n" },
	/* the soft file the letter asks for: no remark at all */
	{ SIG_UNSIGNED, "  + “ds.docx”.\n" },
	/* no defect is told to the Cục: the unit's letter says it */
	{ SIG_INVALID, "  + “ds.docx”.\n" },
	{ SIG_UNTRUSTED, "  + “ds.docx”.\n" },
	{ SIG_EXPIRED, "  + “ds.docx”.\n" },
	{ SIG_UNSUPPORTED, "  + “ds.docx”.\n" },
};

/* A cover letter's signature, said once and truly to the unit, in the
 * letter's term, with what to do (_i: the status); the Cục hears
 * nothing of it. */
struct sig_remark {
	enum sig_status	 status;
	enum code	 code;
	const char	*ack;		/* after "- Tệp “cv.pdf”: " */
};

static const struct sig_remark sig_remarks[] = {
	{ SIG_UNTRUSTED, CODE_SIGNATURE_UNTRUSTED, "chữ ký số trên công văn "
	    "không sử dụng chứng thư số do Ban Cơ yếu Chính phủ cấp (dịch vụ "
	    "chứng thực chữ ký số chuyên dùng Chính phủ); đề nghị đơn vị ký "
	    "số công văn bằng chứng thư số chuyên dùng Chính phủ của đơn vị "
	    "trong các lần gửi sau.\n" },
	{ SIG_UNSUPPORTED, CODE_SIGNATURE_UNTRUSTED, "Văn phòng Tỉnh ủy chưa "
	    "kiểm tra được chữ ký số trên công văn; đề nghị đơn vị kiểm tra "
	    "lại chứng thư số dùng để ký.\n" },
	{ SIG_EXPIRED, CODE_SIGNATURE_EXPIRED, "chứng thư số dùng để ký công "
	    "văn đã hết hạn tại thời điểm ký; đề nghị đơn vị ký số công văn "
	    "bằng chứng thư số còn hiệu lực trong các lần gửi sau.\n" },
	/* a valid signature whose revocation list was stale: the office's
	 * matter, no remark */
	{ SIG_VALID, CODE_SIGNATURE_UNTRUSTED, NULL },
};

/* Every receipt sentence of a unit's letter introduces the công văn
 * that came with the request: by the number and date read from it, or
 * by its file when its number could not be read (_i: the case). */
static const struct {
	enum kind	 kind;
	enum action	 action;
	const char	*purpose;
	const char	*number, *date;	/* form.doc_number, doc_date */
	const char	*says;
} cover_receipts[] = {
	{ KIND_ETOKEN_RECOVERY, ACTION_QUEUE, "ack", "12-CV/HU", "2024-05-02",
	    "Văn phòng Tỉnh ủy đã nhận được Công văn số 12-CV/HU ngày "
	    "02/5/2024 của Huyện ủy Sơn Tịnh (gửi qua thư điện tử ngày "
	    "03/5/2024) và văn bản đề nghị khôi phục thiết bị lưu khóa bí mật "
	    "(eToken) theo Mẫu 12. Văn phòng Tỉnh ủy đã tiếp nhận văn bản với "
	    "số hồ sơ HT-2024-000123.\n" },
	{ KIND_SIM_ACTIVATION, ACTION_REJECT, "reject", "12-CV/HU", NULL,
	    "Văn phòng Tỉnh ủy đã nhận được Công văn số 12-CV/HU của Huyện ủy "
	    "Sơn Tịnh (gửi qua thư điện tử ngày 03/5/2024) và danh sách đề "
	    "nghị kích hoạt SIM ký số (Phụ lục 3 Công văn số 1871-CV/VPTU "
	    "ngày 16/4/2024 của Văn phòng Tỉnh ủy). Văn phòng Tỉnh ủy chưa "
	    "tiếp nhận danh sách" },
	{ KIND_CERT_REQUEST, ACTION_REDIRECT, "redirect", NULL, "2024-05-02",
	    "Văn phòng Tỉnh ủy đã nhận được thư điện tử ngày 03/5/2024 của đơn "
	    "vị kèm công văn đề nghị (tệp “cv.pdf”) và văn bản đề nghị cấp "
	    "mới, gia hạn, thay đổi thông tin hoặc thu hồi chứng thư số (Mẫu "
	    "01 đến Mẫu 10)" },
	{ KIND_ETOKEN_RECOVERY, ACTION_QUEUE, "ack", NULL, NULL,
	    "Văn phòng Tỉnh ủy đã nhận được thư điện tử ngày 03/5/2024 của đơn "
	    "vị kèm công văn đề nghị (tệp “cv.pdf”) và văn bản đề nghị khôi "
	    "phục thiết bị lưu khóa bí mật (eToken) theo Mẫu 12." },
};

/* Refused for its công văn's signature alone, the list needs no change:
 * the letter asks for the công văn signed again, with the list (review
 * 5, B4); refused for the list too, it asks for the list corrected. */
START_TEST(replies_refused_for_the_cover_letter_alone)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(KIND_SIM_ACTIVATION,
			    ACTION_REJECT);
	struct document	*cv;
	char		*body;

	cv = add_cover_letter(d, "252-CV-HU.pdf", SIG_INVALID,
	    "HUYỆN ỦY SƠN TỊNH");
	findings_add(&cv->errors, CODE_SIGNATURE_INVALID, NULL);
	cv->form->doc_number = g_strdup("252-CV/HU");
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "Đề nghị đơn vị gửi lại Công văn số 252-CV/HU đã "
	    "ký số hợp lệ cùng danh sách (file mềm Word hoặc Excel theo mẫu "
	    "tại Phụ lục 3) về hộp thư ");
	ck_assert_ptr_null(strstr(body, "chỉnh sửa nội dung nêu trên"));
	g_free(body);
	findings_add(&form_row_edit(d->docs[0].form, 1)->errors,
	    CODE_NAME_MISSING, NULL);
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "nội dung nêu trên và gửi lại toàn bộ danh sách");
	ck_assert_ptr_null(strstr(body, "đã ký số hợp lệ cùng danh sách"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* A công văn without a valid signature (_i: 0 a Word draft, 1 signed
 * under no trusted anchor, 3 an unsigned PDF) is no request to put
 * before the Cục: its forward cites the unit, neither names nor attaches
 * it; the unit's ack still cites it (review 5 B3, review 6 B1). _i 2: a
 * valid one is cited and passed on. */
START_TEST(replies_unsigned_cover_letter_not_put_to_the_cuc)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d = test_decision(KIND_SIM_ACTIVATION,
				    ACTION_QUEUE);
	static const char	 draft[] = "PK a Word draft of the letter";
	struct attachment	 a[3];
	struct queue_outgoing	*out;
	struct document		*cv;
	char			*ack, *fwd;
	size_t			 n;

	/* the mail carries the draft beside the list */
	memcpy(a, m.att, 2 * sizeof(a[0]));
	a[2] = (struct attachment){ .filename = _i == 3 ? "301-CV-TU.pdf" :
	    "301-CV-TU.docx", .content_type = "application/octet-stream",
	    .format = _i == 3 ? FORMAT_PDF : FORMAT_DOCX, .data =
	    (unsigned char *)draft, .len = sizeof(draft) - 1 };
	m.att = a;
	m.natt = 3;
	cv = add_cover_letter(d, a[2].filename, _i == 1 ? SIG_UNTRUSTED :
	    _i == 2 ? SIG_VALID : SIG_UNSIGNED, "HUYỆN ỦY SƠN TỊNH");
	cv->format = a[2].format;
	sha256_hex_to(draft, sizeof(draft) - 1, cv->sha256);
	cv->form->doc_number = g_strdup("301-CV/HU");
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ack = letter_of(out, n, "ack", NULL);
	fwd = letter_of(out, n, "forward", NULL);
	ck_assert_ptr_nonnull(fwd);
	assert_has(ack, "Công văn số 301-CV/HU");
	if (_i == 2)
		assert_has(fwd, "đề nghị của Huyện ủy Sơn Tịnh tại Công văn số "
		    "301-CV/HU");
	else {
		ck_assert_ptr_null(strstr(fwd, "301-CV"));
		ck_assert_ptr_null(strstr(fwd, "Công văn đề nghị"));
		assert_has(fwd, "trên cơ sở đề nghị của Huyện ủy Sơn Tịnh");
	}
	/* a Word draft: the unit asked for the signed PDF, after the list,
	 * among the notes that do not affect receipt (review 5, B3) */
	if (_i == 0)
		assert_once(ack, "\n\nĐề nghị đơn vị lưu ý nội dung sau (không "
		    "ảnh hưởng đến việc tiếp nhận danh sách):\n- Tệp "
		    "“301-CV-TU.docx”: công văn được gửi dưới dạng tệp Word, "
		    "chưa được ký số; đề nghị đơn vị gửi công văn đã ký số "
		    "(tệp PDF) trong các lần gửi sau.\n\n");
	else
		ck_assert_ptr_null(strstr(ack, "tệp Word"));
	/* an unsigned PDF: signed with the unit's certificate next time
	 * (review 7, B2); a signed one is told nothing of the kind */
	if (_i == 3)
		assert_once(ack, "\n\nĐề nghị đơn vị lưu ý nội dung sau (không "
		    "ảnh hưởng đến việc tiếp nhận danh sách):\n- Tệp "
		    "“301-CV-TU.pdf”: công văn chưa được ký số; đề nghị đơn vị "
		    "ký số công văn bằng chứng thư số chuyên dùng Chính phủ của "
		    "đơn vị trong các lần gửi sau.\n\n");
	else
		ck_assert_ptr_null(strstr(ack, "công văn chưa được ký số"));
	ck_assert_ptr_null(strstr(fwd, "tệp Word"));
	ck_assert_ptr_null(strstr(fwd, "chưa được ký số"));
	/* the list passed on, the công văn only when validly signed */
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i].purpose, "forward") == 0) {
			ck_assert_ptr_nonnull(strstr(out[i].raw, "ds.docx"));
			ck_assert((strstr(out[i].raw, "301-CV-TU") != NULL) ==
			    (_i == 2));
		}
	g_free(ack);
	g_free(fwd);
	replies_free(out, n);
	/* the draft beside another note: one block, the công văn's first */
	if (_i == 0) {
		findings_add(&form_row_edit(d->docs[0].form, 1)->warnings,
		    CODE_PHONE_CARRIER_MISMATCH, NULL);
		out = build(&m, d, &cfg, "HT-2024-000123", &n);
		ack = letter_of(out, n, "ack", NULL);
		assert_once(ack, "Đề nghị đơn vị lưu ý các nội dung sau (không "
		    "ảnh hưởng đến việc tiếp nhận danh sách):\n- Tệp "
		    "“301-CV-TU.docx”: công văn được gửi dưới dạng tệp Word, "
		    "chưa được ký số; đề nghị đơn vị gửi công văn đã ký số "
		    "(tệp PDF) trong các lần gửi sau;\n- Tệp “ds.docx”, dòng "
		    "TT 2 (đồng chí Trần Thị Bình): ");
		assert_once(ack, "nội dung sau");
		g_free(ack);
		replies_free(out, n);
	}
	free_decision(d);
}
END_TEST

/* A missing column is named, and the table to follow is the form's own:
 * Phụ lục 3 for a SIM list, Mẫu 12 for an eToken request (review 5,
 * B6). */
START_TEST(replies_missing_column_named_with_its_form)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(_i == 0 ? KIND_SIM_ACTIVATION :
			    KIND_ETOKEN_RECOVERY, ACTION_REJECT);
	char		*body;

	findings_add(&d->docs[0].form->errors, CODE_COLUMNS_MISSING,
	    "the list has no column for: %s", _i == 0 ? "Số ICCID" :
	    "Số hiệu thiết bị");
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, _i == 0 ? "- Tệp “ds.docx”: bảng danh sách thiếu "
	    "cột “Số ICCID”; đề nghị bổ sung cột còn thiếu và ghi đủ thông tin "
	    "của từng thuê bao (bảng theo mẫu tại Phụ lục 3 gồm các cột: TT, "
	    "Số điện thoại, Số ICCID, Họ và tên người dùng, Chức vụ)" :
	    "- Tệp “ds.docx”: bảng danh sách thiếu cột “Số hiệu thiết bị”; đề "
	    "nghị bổ sung cột còn thiếu và ghi đủ thông tin của từng thuê bao "
	    "(bảng theo Mẫu 12 gồm các cột:");
	if (_i == 1)
		ck_assert_ptr_null(strstr(body, "Phụ lục 3 gồm"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_cover_letter_introduced_in_every_receipt)
{
	struct mail	 m = test_mail();
	struct decision	*d = test_decision(cover_receipts[_i].kind,
			    cover_receipts[_i].action);
	struct document	*cv;
	char		*body;

	cv = add_cover_letter(d, "cv.pdf", SIG_UNSIGNED, "HUYỆN ỦY SƠN TỊNH");
	cv->form->doc_number = g_strdup(cover_receipts[_i].number);
	cv->form->doc_date = g_strdup(cover_receipts[_i].date);
	body = reply_body(d, &m, "HT-2024-000123", cover_receipts[_i].purpose);
	assert_once(body, cover_receipts[_i].says);
	/* never both ways at once */
	ck_assert_ptr_null(strstr(body, "kèm danh sách"));
	/* an unsigned PDF is no Word draft */
	ck_assert_ptr_null(strstr(body, "tệp Word"));
	g_free(body);
	free_decision(d);
}
END_TEST

START_TEST(replies_cover_signature_said_once_and_truly)
{
	const struct sig_remark	*c = &sig_remarks[_i];
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct document		*cv;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body, *want;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	cv = add_cover_letter(d, "cv.pdf", c->status, NULL);
	/* two findings (the chain, a stale list): one remark */
	findings_add(&cv->warnings, c->code, "the chain does not reach");
	findings_add(&cv->warnings, CODE_SIGNATURE_UNTRUSTED, "stale CRL");
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, 2);
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	/* the letter introduces the công văn it speaks of (its number
	 * unread here: by its file) */
	assert_once(body, "kèm công văn đề nghị (tệp “cv.pdf”) và danh sách");
	if (c->ack != NULL) {
		want = g_strconcat("- Tệp “cv.pdf”: ", c->ack, NULL);
		assert_once(body, want);
		g_free(want);
		assert_once(body, "Tệp “cv.pdf”");
	} else
		assert_once(body, "cv.pdf");
	/* not the letter's term, and not the report's sentence */
	ck_assert_ptr_null(strstr(body, "hệ thống chứng thực"));
	ck_assert_ptr_null(strstr(body, "không xác thực được"));
	g_free(body);
	g_object_unref(msg);
	msg = test_message_parse(out[1].raw);
	body = test_message_text(msg);
	/* the Cục is given a công văn whose signature holds, or one the
	 * office could not check; not one the unit was just told is not
	 * the Government's (review 6, B1) */
	if (c->status == SIG_VALID)
		assert_once(body, "- Công văn đề nghị của Huyện ủy Sơn Tịnh: "
		    "“cv.pdf” (văn bản điện tử có chữ ký số hợp lệ);\n");
	else if (c->status == SIG_UNSUPPORTED) {
		assert_once(body, "- Công văn đề nghị của Huyện ủy Sơn Tịnh: "
		    "“cv.pdf”;\n");
		ck_assert_ptr_null(strstr(body, "chứng thư số"));
	} else {
		ck_assert_ptr_null(strstr(body, "Công văn đề nghị"));
		ck_assert_ptr_null(strstr(body, "cv.pdf"));
	}
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	/* returned: sign it again before sending it back */
	d->action = ACTION_REJECT;
	findings_add(&d->docs[0].errors, CODE_SIGNATURE_UNTRUSTED, "chain");
	d->docs[0].signature.status = SIG_UNTRUSTED;
	body = reply_body(d, &m, NULL, "reject");
	assert_once(body, "- Tệp “ds.docx”: chữ ký số trên văn bản không sử "
	    "dụng chứng thư số do Ban Cơ yếu Chính phủ cấp (dịch vụ chứng "
	    "thực chữ ký số chuyên dùng Chính phủ); đề nghị đơn vị ký số lại "
	    "văn bản bằng chứng thư số chuyên dùng Chính phủ của đơn vị");
	ck_assert_ptr_null(strstr(body, "Hướng dẫn khắc phục"));
	g_free(body);
	free_decision(d);
}
END_TEST

/* The forward says "có ký số" of an original only when its signature is
 * valid: every statement to the Cục must be true of that message. */
START_TEST(replies_forward_signature_claim_is_true)
{
	const struct sig_claim	*c = &sig_claims[_i];
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	d->docs[0].signature.status = c->status;
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_uint_eq(n, 2);
	msg = test_message_parse(out[1].raw);
	body = test_message_text(msg);
	assert_once(body, c->says);
	if (c->status != SIG_VALID) {
		ck_assert_ptr_null(strstr(body, "có chữ ký số"));
		ck_assert_ptr_null(strstr(body, "chứng thư số"));
	}
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

struct bad_build {
	const char	*sha;
	const char	*mailbox;
	const char	*cause_has;
};

static const struct bad_build bad_builds[] = {
	{ NULL, "HotroCKS@quangngai.dcs.vn", "sha256" },
	{ "0123456789abcdef0123456", "HotroCKS@quangngai.dcs.vn", "sha256" },
	{ "0123456789abcdef0123456g", "HotroCKS@quangngai.dcs.vn", "sha256" },
	{ SHA, "HotroCKS", "domain" },
	{ SHA, "HotroCKS@", "domain" },
};

START_TEST(replies_refuse_bad_input)
{
	const struct bad_build	*b = &bad_builds[_i];
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out = NULL;
	char			*cause = NULL;
	size_t			 n = 99;

	cfg.mailbox_address = (char *)b->mailbox;
	cfg.own_addresses = NULL;
	d = test_decision(KIND_SIM_ACTIVATION, ACTION_REJECT);
	ck_assert_int_eq(replies_build(&m, d, &cfg, NULL, NOW, b->sha, &out,
	    &n, &cause), -1);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(n, 0);
	ck_assert_msg(strstr(cause, b->cause_has) != NULL, "%s", cause);
	g_free(cause);
	free_decision(d);
}
END_TEST

/* Letters as replies_build_each hands them over: each raw, then each
 * of its workbooks' and files' bytes, copied (they are the sink's only
 * during the call). */
static int
collect_each(void *ctx, struct queue_outgoing *o, char **cause)
{
	GPtrArray *out = ctx;

	(void)cause;
	g_ptr_array_add(out, g_strdup_printf("%s %s", o->purpose, o->raw));
	for (size_t i = 0; i < o->nblobs; i++)
		g_ptr_array_add(out, g_bytes_new(o->blobs[i].data,
		    o->blobs[i].len));
	g_free((char *)o->message_id);
	g_free((char *)o->purpose);
	g_free((char *)o->rcpt);
	g_free((char *)o->raw);
	return (0);
}

static GPtrArray *
build_each(const struct mail *m, const struct decision *d,
    const struct config *cfg, struct replies_lists *ahead)
{
	GPtrArray	*out = g_ptr_array_new();
	char		*cause = NULL;
	size_t		 n = 0;

	ck_assert_msg(replies_build_each(m, d, cfg, "HT-2024-000123", NOW,
	    SHA, ahead, collect_each, out, &n, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(n, 2);
	return (out);
}

/* A list longer than the letter shows: Bước 2 says where the numbers
 * of the rows it does not show are (e2e trial 4: it stopped at the
 * 50th of 6,000), and the attached list holds them in that form. */
START_TEST(replies_long_ack_says_where_the_other_numbers_are)
{
	struct config		 cfg = test_config(false);
	struct mail		 m = test_mail();
	struct decision		*d;
	struct queue_outgoing	*out;
	GMimeMessage		*msg;
	char			*body;
	size_t			 n;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	for (int i = 4; i <= REPLIES_INLINE_ROWS + 10; i++) {
		char	 phone[16], name[32];

		snprintf(phone, sizeof(phone), "849%08d", i);
		snprintf(name, sizeof(name), "Người dùng %d", i);
		add_row(d->docs[0].form, i, (size_t)i + 1, phone, name);
	}
	out = build(&m, d, &cfg, "HT-2024-000123", &n);
	ck_assert_str_eq(out[0].purpose, "ack");
	msg = test_message_parse(out[0].raw);
	body = test_message_text(msg);
	assert_once(body, "  + Người dùng 50 (0900 000 050): nhập 84900000050;"
	    "\n  + … và 10 thuê bao khác: nhập số ở cột “Số điện thoại” của "
	    "tệp danh sách đính kèm (đã theo định dạng 84…);\n- Bước 3: ");
	ck_assert_ptr_null(strstr(body, "Người dùng 51 (0900"));
	g_free(body);
	g_object_unref(msg);
	replies_free(out, n);
	free_decision(d);
}
END_TEST

/* A long list's workbooks made ahead on their own thread (while the
 * store records the rows) are the ones the letters would make after,
 * byte for byte; made for another date they are not taken; a short
 * list has none made ahead. 12,000 rows: past the spool's memory, so
 * the thread reads the rows' file through its own window while this
 * one reads them too. */
START_TEST(replies_lists_made_ahead_are_the_same)
{
	struct config		 cfg = test_config(true);
	struct mail		 m = test_mail();
	struct decision		*d, *small;
	struct replies_lists	*ahead, *other;
	struct form_cursor	 cur;
	GPtrArray		*want, *got, *got2;
	size_t			 nread = 0;

	d = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	for (int i = 4; i <= 12000; i++) {
		char		 phone[16], name[32];
		struct form_row	*r;

		snprintf(phone, sizeof(phone), "849%08d", i);
		snprintf(name, sizeof(name), "Người dùng %d", i);
		r = add_row(d->docs[0].form, i, (size_t)i + 1, phone, name);
		/* findings past the letter's first 50: the unit's
		 * workbook has notes, the Cục's none */
		if (i % 40 == 0)
			findings_add(&r->warnings, CODE_POSITION_NOT_ELIGIBLE,
			    NULL);
	}
	/* the last row is still being changed: the start seals it */
	ahead = replies_lists_start(&m, d, &cfg, NOW);
	ck_assert_ptr_nonnull(ahead);
	/* this thread reads the rows meanwhile, as the store does */
	form_cursor_init(&cur, d->docs[0].form);
	while (form_cursor_next(&cur) != NULL)
		nread++;
	form_cursor_deinit(&cur);
	ck_assert_uint_eq(nread, 12000);
	got = build_each(&m, d, &cfg, ahead);
	ck_assert_uint_eq(replies_lists_taken(ahead), 2);
	replies_lists_free(ahead);

	want = build_each(&m, d, &cfg, NULL);
	other = replies_lists_start(&m, d, &cfg, "2024-05-04T01:30:00Z");
	got2 = build_each(&m, d, &cfg, other);
	ck_assert_uint_eq(replies_lists_taken(other), 0);
	replies_lists_free(other);
	/* ack: its workbook; forward: its workbook and the unit's file */
	ck_assert_uint_eq(want->len, 5);
	for (GPtrArray *a = got; a != NULL; a = a == got ? got2 : NULL) {
		ck_assert_uint_eq(a->len, want->len);
		for (guint i = 0; i < want->len; i += 1) {
			if (i == 0 || i == 2)
				ck_assert_str_eq(a->pdata[i], want->pdata[i]);
			else
				ck_assert(g_bytes_equal(a->pdata[i],
				    want->pdata[i]));
		}
	}
	ck_assert_uint_gt(g_bytes_get_size(want->pdata[1]),
	    g_bytes_get_size(want->pdata[3]));
	for (guint i = 0; i < want->len; i++) {
		void (*fr)(void *) = i == 0 || i == 2 ? g_free :
		    (void (*)(void *))g_bytes_unref;

		fr(want->pdata[i]);
		fr(got->pdata[i]);
		fr(got2->pdata[i]);
	}
	g_ptr_array_free(want, TRUE);
	g_ptr_array_free(got, TRUE);
	g_ptr_array_free(got2, TRUE);

	small = test_decision(KIND_SIM_ACTIVATION, ACTION_QUEUE);
	ck_assert_ptr_null(replies_lists_start(&m, small, &cfg, NOW));
	free_decision(small);
	free_decision(d);
}
END_TEST

Suite *
replies_suite(void)
{
	Suite	*s = suite_create("replies");
	TCase	*tc = tcase_create("build");

	tcase_add_loop_test(tc, replies_none_for_ignore_or_manual, 0, 2);
	tcase_add_loop_test(tc, replies_none_to_machines_or_ourselves, 0,
	    G_N_ELEMENTS(nobody_cases));
	tcase_add_test(tc, replies_reject_lists_every_error_by_row);
	tcase_add_test(tc, replies_personal_mailbox_keeps_its_owner_name);
	tcase_add_test(tc, replies_carrier_mismatch_names_both);
	tcase_add_test(tc, replies_ack_has_case_rows_and_warnings);
	tcase_add_test(tc, replies_ack_without_case_or_warnings);
	tcase_add_loop_test(tc, replies_forward_only_when_configured, 0, 3);
	tcase_add_test(tc, replies_forward_without_the_list_bytes_fails);
	tcase_add_test(tc, replies_forward_body_list_alone);
	tcase_add_test(tc, replies_message_ids_fixed_across_builds);
	tcase_add_test(tc, replies_plan_is_what_build_sends);
	tcase_add_loop_test(tc, replies_days_in_words_in_the_office_zone, 0,
	    G_N_ELEMENTS(eve_zones));
	tcase_add_test(tc, replies_redirect_names_the_cuc);
	tcase_add_test(tc, replies_two_documents_name_the_file);
	tcase_add_test(tc, replies_example_rows_told_to_be_deleted);
	tcase_add_test(tc, replies_duplicate_names_the_row_it_repeats);
	tcase_add_test(tc, replies_individual_form_goes_to_the_managing_unit);
	tcase_add_test(tc, replies_rows_with_one_fault_are_one_item);
	tcase_add_test(tc, replies_merged_rows_are_said_of_them_all);
	tcase_add_test(tc, replies_merged_rows_name_their_file);
	tcase_add_test(tc, replies_refused_for_the_cover_letter_alone);
	tcase_add_loop_test(tc, replies_missing_column_named_with_its_form, 0,
	    2);
	tcase_add_loop_test(tc, replies_unsigned_cover_letter_not_put_to_the_cuc,
	    0, 4);
	tcase_add_loop_test(tc, replies_greeting_and_to_name_the_same, 0,
	    G_N_ELEMENTS(salutation_cases));
	tcase_add_test(tc, replies_go_between_is_answered);
	tcase_add_test(tc, replies_quote_what_the_unit_sees);
	tcase_add_test(tc, replies_iccid_printed_as_on_the_card);
	tcase_add_test(tc, replies_new_case_says_the_old_number);
	tcase_add_test(tc, replies_requested_says_how_it_is_held);
	tcase_add_test(tc, replies_requested_how_as_the_rules_write_it);
	tcase_add_test(tc, replies_peer_cover_letter_said);
	tcase_add_test(tc, replies_forward_notes_an_old_number);
	tcase_add_test(tc, replies_enclosed_mau11_not_a_second_device);
	tcase_add_test(tc, replies_resend_answered_once);
	tcase_add_test(tc, replies_report_acknowledged_as_a_report);
	tcase_add_test(tc, replies_report_cited_by_its_number);
	tcase_add_test(tc, replies_no_repeated_de_nghi);
	tcase_add_test(tc, replies_redirect_says_where_and_which_form);
	tcase_add_test(tc, replies_redirect_lost_device);
	tcase_add_loop_test(tc, replies_ack_says_when_the_forward_goes, 0, 3);
	tcase_add_test(tc, replies_ack_in_body_note);
	tcase_add_loop_test(tc, replies_in_body_beside_a_cover_letter, 0, 2);
	tcase_add_loop_test(tc, replies_old_font_named, 0, 3);
	tcase_add_test(tc, replies_etoken_reject_every_item_says_what_to_do);
	tcase_add_test(tc, replies_reject_wording_polish);
	tcase_add_test(tc, replies_fix_block_only_for_rows_not_quoted);
	tcase_add_loop_test(tc, replies_etoken_ack_prepares_once, 0, 2);
	tcase_add_test(tc, replies_etoken_ack_notes_after_the_call);
	tcase_add_loop_test(tc, replies_signature_names_the_contacts, 0, 2);
	tcase_add_loop_test(tc, replies_cover_signature_said_once_and_truly, 0,
	    G_N_ELEMENTS(sig_remarks));
	tcase_add_loop_test(tc,
	    replies_cover_letter_introduced_in_every_receipt, 0,
	    G_N_ELEMENTS(cover_receipts));
	tcase_add_loop_test(tc, replies_forward_signature_claim_is_true, 0,
	    G_N_ELEMENTS(sig_claims));
	tcase_add_loop_test(tc, replies_refuse_bad_input, 0,
	    G_N_ELEMENTS(bad_builds));
	tcase_add_test(tc, replies_lists_made_ahead_are_the_same);
	tcase_add_test(tc, replies_long_ack_says_where_the_other_numbers_are);
	suite_add_tcase(s, tc);
	return (s);
}
