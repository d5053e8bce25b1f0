/* check-form-handover.c: the device records of Mẫu 13–15, known by
 * their titles (or a caption) and never taken for a recovery request or
 * a certificate request. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "parsers/limits.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*lines[3];
	const char	*form_no;
	const char	*subtype;
} records[] = {
	{ { "VĂN BẢN BÀN GIAO THIẾT BỊ LƯU KHÓA BÍ MẬT CHO THUÊ BAO",
	    "VÀ ĐỀ NGHỊ THỜI ĐIỂM HIỆU LỰC CỦA CHỨNG THƯ SỐ" }, "Mẫu 13",
	    "handover" },
	{ { "V/v đề nghị thời điểm có hiệu lực của chứng thư số" }, "Mẫu 13",
	    "handover" },
	{ { "BIÊN BẢN GIAO/NHẬN THIẾT BỊ LƯU KHÓA BÍ MẬT", "Sau khi chứng thư "
	    "số hết hạn sử dụng" }, "Mẫu 14", "return" },
	{ { "BIÊN BẢN", "XÁC NHẬN THẤT LẠC THIẾT BỊ LƯU KHÓA BÍ MẬT" },
	    "Mẫu 15", "loss" },
	{ { "Mẫu 15", "Hôm nay, tại Huyện ủy Sơn Tịnh, xác nhận việc thiết bị "
	    "lưu khóa bí mật của đồng chí Lê Văn C bị mất" }, "Mẫu 15",
	    "loss" },
};

START_TEST(handover_each_record)
{
	static const char *const head[] = {
		"HUYỆN ỦY SƠN TỊNH\n*", "ĐẢNG CỘNG SẢN VIỆT NAM",
	};
	static const char *const devices[] = {
		"TT", "Họ và tên", "Chức vụ", "Số serial", "Ghi chú",
		"1", "Lê Văn C", "Chuyên viên", "0A1B2C3D", "Bị khóa",
	};
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	struct form	*f;

	for (size_t i = 0; i < NCELLS(head); i++)
		grid_set(g, 0, i, CELL_TEXT, head[i], LIMIT_MAX_CELLS);
	docbody_add_grid(b, g);
	for (size_t i = 0; i < 3 && records[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, records[_i].lines[i]);
	g = grid_new(NULL);
	for (size_t i = 0; i < NCELLS(devices); i++)
		grid_set(g, i / 5, i % 5, CELL_TEXT, devices[i],
		    LIMIT_MAX_CELLS);
	docbody_add_grid(b, g);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_HANDOVER);
	ck_assert_str_eq(f->form_no, records[_i].form_no);
	ck_assert_str_eq(f->subtype, records[_i].subtype);
	ck_assert_str_eq(f->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->nrows, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Words of a handover inside a request to unlock: still a recovery. */
START_TEST(handover_not_a_recovery)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA "
	    "BÍ MẬT ĐÃ BÀN GIAO CHO THUÊ BAO");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	form_free(f);
	docbody_free(b);
}
END_TEST

Suite *
form_handover_suite(void)
{
	Suite	*s = suite_create("form_handover");
	TCase	*tc = tcase_create("mau_13_15");

	tcase_add_loop_test(tc, handover_each_record, 0, NCELLS(records));
	tcase_add_test(tc, handover_not_a_recovery);
	suite_add_tcase(s, tc);
	return (s);
}
