/* check-form-report.c: reports on certificate use (6-monthly, yearly,
 * ad hoc), the title window every recogniser honours, and letters that
 * only talk about digital signatures, which stay unknown. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form-priv.h"
#include "parsers/form.h"
#include "parsers/limits.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

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

static const struct {
	const char	*lines[3];
	const char	*subtype;
	const char	*title;
} reports[] = {
	{ { "BÁO CÁO", "Tình hình triển khai, quản lý và sử dụng chứng thư số",
	    "6 tháng đầu năm 2024" }, "half_year",
	    "BÁO CÁO Tình hình triển khai, quản lý và sử dụng chứng thư số" },
	{ { "BÁO CÁO TÌNH HÌNH QUẢN LÝ, SỬ DỤNG CHỮ KÝ SỐ NĂM 2024" }, "year",
	    "BÁO CÁO TÌNH HÌNH QUẢN LÝ, SỬ DỤNG CHỮ KÝ SỐ NĂM 2024" },
	{ { "BÁO CÁO", "kết quả sử dụng chứng thư số chuyên dùng",
	    "Năm 2023" }, "year",
	    "BÁO CÁO kết quả sử dụng chứng thư số chuyên dùng" },
	{ { "BÁO CÁO ĐỘT XUẤT VỀ THIẾT BỊ LƯU KHÓA BÍ MẬT" }, "ad_hoc",
	    "BÁO CÁO ĐỘT XUẤT VỀ THIẾT BỊ LƯU KHÓA BÍ MẬT" },
	{ { "V/v báo cáo tình hình sử dụng chữ ký số",
	    "Sơn Tịnh, ngày 2 tháng 7 năm 2024" }, "ad_hoc",
	    "V/v báo cáo tình hình sử dụng chữ ký số" },
};

START_TEST(report_periods)
{
	static const char *const head[] = {
		"ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY SƠN TỊNH\n*",
		"ĐẢNG CỘNG SẢN VIỆT NAM\nSơn Tịnh, ngày 2 tháng 7 năm 2024",
	};
	/* Statistics with a name and a device number: the title wins. */
	static const char *const stats[] = {
		"TT", "Họ và tên", "Số serial", "Lý do",
		"1", "Lê Văn C", "0A1B2C3D", "Thu hồi",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(2, head, NCELLS(head)));
	for (size_t i = 0; i < 3 && reports[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, reports[_i].lines[i]);
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy");
	docbody_add_paragraph(b, "Thực hiện Công văn số 1871-CV/VPTU, Huyện ủy "
	    "báo cáo như sau:");
	docbody_add_grid(b, mkgrid(4, stats, NCELLS(stats)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_REPORT);
	ck_assert_str_eq(f->subtype, reports[_i].subtype);
	ck_assert_str_eq(f->title, reports[_i].title);
	ck_assert_str_eq(f->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(f->addressee, "Văn phòng Tỉnh ủy");
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_int_eq(f->errors.n, 0);
	/* the date in the letterhead's right column; no "Số" line here */
	ck_assert_ptr_null(f->doc_number);
	ck_assert_str_eq(f->doc_date, "2024-07-02");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A report's own number and date, which its receipt cites: "Số
 * 120-BC/HU" in the left column of the letterhead, the date in the
 * right; a "Số" after the title is the body's, never the report's. */
START_TEST(report_number_and_date)
{
	static const char *const head[] = {
		"HUYỆN ỦY BÌNH SƠN\n*\nSố 120 - BC/HU",
		"ĐẢNG CỘNG SẢN VIỆT NAM\nBình Sơn, ngày 14 tháng 5 năm 2024",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(2, head, NCELLS(head)));
	docbody_add_paragraph(b, "BÁO CÁO");
	docbody_add_paragraph(b, "Tình hình triển khai, quản lý và sử dụng "
	    "chứng thư số 6 tháng đầu năm 2024");
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy");
	docbody_add_paragraph(b, "Số chứng thư số đã cấp: 12.");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_REPORT);
	ck_assert_str_eq(f->doc_number, "120-BC/HU");
	ck_assert_str_eq(f->doc_date, "2024-05-14");
	form_free(f);
	docbody_free(b);
	/* without its header, neither */
	b = docbody_new();
	docbody_add_paragraph(b, "BÁO CÁO TÌNH HÌNH SỬ DỤNG CHỮ KÝ SỐ NĂM "
	    "2024");
	docbody_add_paragraph(b, "Số 15/BC-X: số liệu đến ngày 30 tháng 6 "
	    "năm 2024");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_REPORT);
	ck_assert_ptr_null(f->doc_number);
	ck_assert_ptr_null(f->doc_date);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A title is looked for in the first FORM_TITLE_LINES lines only. */
START_TEST(report_title_window)
{
	size_t		 at = FORM_TITLE_LINES - 1 + _i;
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t i = 0; i < at; i++)
		docbody_add_paragraph(b, "Căn cứ các văn bản của cấp trên.");
	docbody_add_paragraph(b, "BÁO CÁO TÌNH HÌNH SỬ DỤNG CHỨNG THƯ SỐ");
	f = form_read(b);
	if (at < FORM_TITLE_LINES)
		ck_assert_int_eq(f->kind, KIND_REPORT);
	else
		ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* The letter 1871-CV/VPTU itself names every form in its Phụ lục 1, a
 * question names a procedure, a contact list has the columns: none is a
 * form. */
START_TEST(letters_stay_unknown)
{
	static const char *const annex[] = {
		"TT", "Mẫu biểu", "Nội dung",
		"02", "Mẫu 02", "Văn bản đề nghị cấp chứng thư số cho các "
		"cá nhân của Cơ quan, tổ chức quản lý trực tiếp",
		"12", "Mẫu 12", "Văn bản đề nghị khôi phục thiết bị lưu khóa "
		"bí mật cho các Thuê bao của Cơ quan, tổ chức quản lý trực "
		"tiếp",
		"15", "Mẫu 15", "Biên bản xác nhận thất lạc thiết bị lưu khóa bí "
		"mật",
	};
	static const char *const contacts[] = {
		"TT", "Họ và tên", "Chức vụ", "Số điện thoại", "Email",
		"1", "Nguyễn Văn A", "Chuyên viên", "0905123456", "a@gmail.com",
	};
	struct docbody	*b;
	struct form	*f;

	b = docbody_new();
	docbody_add_paragraph(b, "TỈNH ỦY QUẢNG NGÃI\t\tĐẢNG CỘNG SẢN VIỆT "
	    "NAM");
	docbody_add_paragraph(b, "VĂN PHÒNG");
	docbody_add_paragraph(b, "Số 1871-CV/VPTU");
	docbody_add_paragraph(b, "Về việc hướng dẫn quy định, thủ tục liên "
	    "quan đến chữ ký số theo Thông tư số 185/2019/TT-BQP");
	for (int i = 0; i < FORM_TITLE_LINES; i++)
		docbody_add_paragraph(b, "- Thông tin liên hệ về chữ ký số và "
		    "chứng thư số của các cơ quan, đơn vị trong tỉnh.");
	docbody_add_paragraph(b, "PHỤ LỤC 1");
	docbody_add_paragraph(b, "DANH MỤC BIỂU MẪU QUẢN LÝ CHỨNG THƯ SỐ");
	docbody_add_grid(b, mkgrid(3, annex, NCELLS(annex)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	docbody_free(b);

	b = docbody_new();
	docbody_add_paragraph(b, "V/v hỏi về thủ tục chữ ký số");
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy");
	docbody_add_paragraph(b, "Đơn vị chúng tôi có một số cán bộ mới cần sử "
	    "dụng chữ ký số, đề nghị Văn phòng Tỉnh ủy hướng dẫn thủ tục.");
	docbody_add_grid(b, mkgrid(5, contacts, NCELLS(contacts)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_int_eq(f->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A title made of lines the letterhead shares is joined only from a head
 * word: "Số: …" over "BÁO CÁO …" is not one title. */
START_TEST(report_title_not_joined_to_the_number)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "Số: 12-BC/HU");
	docbody_add_paragraph(b, "BÁO CÁO");
	docbody_add_paragraph(b, "công tác chữ ký số 6 tháng đầu năm 2024");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_REPORT);
	ck_assert_str_eq(f->title, "BÁO CÁO công tác chữ ký số 6 tháng đầu năm "
	    "2024");
	ck_assert_str_eq(f->subtype, "half_year");
	form_free(f);
	docbody_free(b);
}
END_TEST

Suite *
form_report_suite(void)
{
	Suite	*s = suite_create("form_report");
	TCase	*tc = tcase_create("reports");

	tcase_add_loop_test(tc, report_periods, 0, NCELLS(reports));
	tcase_add_test(tc, report_number_and_date);
	tcase_add_loop_test(tc, report_title_window, 0, 3);
	tcase_add_test(tc, letters_stay_unknown);
	tcase_add_test(tc, report_title_not_joined_to_the_number);
	suite_add_tcase(s, tc);
	return (s);
}
