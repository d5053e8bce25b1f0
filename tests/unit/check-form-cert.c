/* check-form-cert.c: certificate requests (Mẫu 01–10) as units type
 * them: each request's title, a subscriber table or one person's lines,
 * and the one thing judged here, a subscriber e-mail on a free-mail
 * domain. Questions and lists that only mention certificates stay
 * unknown. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "tests/unit/testlib.h"

/* The detail of a finding by code (tests/unit/testlib.h). */
static const char *(*const detail)(const struct findings *, int) =
    test_finding_detail;
#include "parsers/limits.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

#define CUC	"Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"

static struct grid *
mkgrid(size_t ncols, const char *const *cells, size_t n)
{
	struct grid *g = grid_new(NULL);

	for (size_t i = 0; i < n; i++)
		if (cells[i] != NULL)
			ck_assert_int_eq(grid_set(g, i / ncols, i % ncols,
			    CELL_TEXT, cells[i], LIMIT_MAX_CELLS), 0);
	return (g);
}

static const char *const letterhead[] = {
	"TỈNH ỦY QUẢNG NGÃI\nBAN DÂN VẬN\n*\nSố: 88-CV/BDV",
	"ĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Ngãi, ngày 6 tháng 5 năm 2024",
};

static const char *const subscribers[] = {
	"TT", "Họ và tên", "Chức vụ", "Cơ quan", "Thư điện tử công vụ",
	"Số điện thoại", "Số CMND/CCCD",
	"1", "Phạm Thị H", "Trưởng Ban", "Ban Dân vận Tỉnh ủy",
	"pth@quangngai.dcs.vn", "0982 345 678", "051190001234",
	"2", "Đỗ Văn K", "Phó Trưởng Ban", "Ban Dân vận Tỉnh ủy",
	"dovank1980@gmail.com", "0905123456", "051190004321",
};

static const struct {
	const char	*caption;	/* NULL: none */
	const char	*title[2];
	const char	*subtype;
} titles[] = {
	{ "Mẫu 02", { "VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ", "CHO CÁC CÁ NHÂN CỦA "
	    "CƠ QUAN, TỔ CHỨC QUẢN LÝ TRỰC TIẾP" }, "issue" },
	{ NULL, { "VĂN BẢN ĐỀ NGHỊ", "CẤP SIM PKI" }, "issue_sim" },
	{ "Mẫu 08", { "VĂN BẢN ĐỀ NGHỊ GIA HẠN, THAY ĐỔI NỘI DUNG THÔNG TIN "
	    "CHỨNG THƯ SỐ" }, "renew_change" },
	{ NULL, { "ĐỀ NGHỊ THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ" },
	    "renew_change" },
	{ "Mẫu 10", { "VĂN BẢN ĐỀ NGHỊ THU HỒI CHỨNG THƯ SỐ" }, "revoke" },
	{ NULL, { "V/v đề nghị cấp mới chữ ký số cho cán bộ" }, "issue" },
	{ "Mẫu 09", { "Ban Dân vận đề nghị Cục thực hiện như sau về chứng "
	    "thư số:" }, "revoke" },
};

START_TEST(cert_request_each_subtype_flags_gmail)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(2, letterhead, NCELLS(letterhead)));
	if (titles[_i].caption != NULL)
		docbody_add_paragraph(b, titles[_i].caption);
	for (size_t i = 0; i < 2 && titles[_i].title[i] != NULL; i++)
		docbody_add_paragraph(b, titles[_i].title[i]);
	docbody_add_paragraph(b, "Kính gửi: " CUC);
	docbody_add_grid(b, mkgrid(7, subscribers, NCELLS(subscribers)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_CERT_REQUEST);
	ck_assert_str_eq(f->subtype, titles[_i].subtype);
	ck_assert_str_eq(f->organization, "BAN DÂN VẬN TỈNH ỦY QUẢNG NGÃI");
	ck_assert_str_eq(f->addressee, CUC);
	if (titles[_i].caption != NULL)
		ck_assert_str_eq(f->form_no, titles[_i].caption);
	else
		ck_assert_ptr_null(f->form_no);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->nrows, 2);
	ck_assert_str_eq(form_row(f, 0)->name, "Phạm Thị H");
	ck_assert_str_eq(form_row(f, 0)->position, "Trưởng Ban");
	ck_assert_str_eq(form_row(f, 0)->email, "pth@quangngai.dcs.vn");
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_str_eq(form_row(f, 1)->email, "dovank1980@gmail.com");
	ck_assert_int_eq(form_row(f, 1)->errors.n, 1);
	ck_assert_str_eq(detail(&form_row(f, 1)->errors, CODE_EMAIL_PUBLIC_DOMAIN),
	    "row 2: dovank1980@gmail.com is not an official address (the "
	    "letter forbids gmail, yahoo, hotmail and the like)");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Mẫu 01: one person's lines, no table; and two posts, two addresses. */
START_TEST(cert_individual_lines)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "Mẫu 01");
	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ CỦA CÁ "
	    "NHÂN");
	docbody_add_paragraph(b, "Kính gửi: Huyện ủy Nghĩa Hành");
	docbody_add_paragraph(b, "Họ và tên: Đinh Văn M");
	docbody_add_paragraph(b, "Chức vụ: Phó Bí thư Đảng ủy xã, Chủ tịch "
	    "HĐND xã");
	docbody_add_paragraph(b, "Địa chỉ thư điện tử: dvm@nghiahanh.gov.vn; "
	    "dinhvanm@yahoo.com.vn");
	docbody_add_paragraph(b, "Số điện thoại: 0912 345 678");
	docbody_add_paragraph(b, "NGƯỜI ĐỀ NGHỊ");
	docbody_add_paragraph(b, "Họ và tên: Someone Else");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_CERT_REQUEST);
	ck_assert_str_eq(f->form_no, "Mẫu 01");
	ck_assert_str_eq(f->subtype, "issue");
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->name, "Đinh Văn M");
	ck_assert_str_eq(form_row(f, 0)->email, "dvm@nghiahanh.gov.vn");
	ck_assert_str_eq(form_row(f, 0)->phone, "84912345678");
	ck_assert_int_eq(form_row(f, 0)->errors.n, 1);
	ck_assert_str_eq(detail(&form_row(f, 0)->errors, CODE_EMAIL_PUBLIC_DOMAIN),
	    "row 1: dinhvanm@yahoo.com.vn is not an official address (the "
	    "letter forbids gmail, yahoo, hotmail and the like)");
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*lines[2];
	enum kind	 kind;
} others[] = {
	/* A question, not a request. */
	{ { "V/v đề nghị hướng dẫn thủ tục cấp chứng thư số" },
	    KIND_UNKNOWN },
	{ { "V/v hỏi về việc gia hạn chữ ký số" }, KIND_UNKNOWN },
	/* A training list with the same columns. */
	{ { "DANH SÁCH CÁN BỘ THAM GIA TẬP HUẤN SỬ DỤNG CHỮ KÝ SỐ" },
	    KIND_UNKNOWN },
	{ { "DANH SÁCH CÁN BỘ ĐẦU MỐI" }, KIND_UNKNOWN },
	/* A caption without a word of certificates. */
	{ { "Mẫu 01", "ĐƠN XIN NGHỈ PHÉP" }, KIND_UNKNOWN },
	/* A device record names a revoked certificate: not a request. */
	{ { "BIÊN BẢN GIAO/NHẬN THIẾT BỊ LƯU KHÓA BÍ MẬT SAU KHI CHỨNG THƯ SỐ "
	    "BỊ THU HỒI" }, KIND_HANDOVER },
	/* The request itself, as a list. */
	{ { "DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ" }, KIND_CERT_REQUEST },
};

START_TEST(cert_not_over_matched)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t i = 0; i < 2 && others[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, others[_i].lines[i]);
	docbody_add_grid(b, mkgrid(7, subscribers, NCELLS(subscribers)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, others[_i].kind);
	if (f->kind != KIND_CERT_REQUEST)
		ck_assert_int_eq(f->nrows, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

Suite *
form_cert_suite(void)
{
	Suite	*s = suite_create("form_cert");
	TCase	*tc = tcase_create("mau_01_10");

	tcase_add_loop_test(tc, cert_request_each_subtype_flags_gmail, 0,
	    NCELLS(titles));
	tcase_add_test(tc, cert_individual_lines);
	tcase_add_loop_test(tc, cert_not_over_matched, 0, NCELLS(others));
	suite_add_tcase(s, tc);
	return (s);
}
