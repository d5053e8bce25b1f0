/* check-form-cover.c: a unit's cover letter (công văn): its number and
 * date read from the header, as the letters cite them, and refused when
 * they are not there or cannot be a number or a day. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "parsers/limits.h"

#define SUBJECT	"V/v đề nghị kích hoạt SIM ký số"

/*
 * A header: the number line, the date line and the subject (each NULL:
 * the default or none, as the case says), then the letter's body, which
 * cites another công văn by number and date after "Kính gửi".
 */
static const struct {
	const char	*name;
	const char	*number;	/* NULL: no line */
	const char	*date;		/* NULL: no line */
	const char	*subject[2];	/* NULL: SUBJECT */
	const char	*want_number;	/* NULL: none read */
	const char	*want_date;
} letters[] = {
	{ "colon, words", "Số: 215-CV/HU", "Mộ Đức, ngày 08 tháng 5 năm 2024",
	    { NULL }, "215-CV/HU", "2024-05-08" },
	{ "no colon, slashes", "Số 88/UBND-VP", "Mộ Đức, ngày 8/5/2024",
	    { NULL }, "88/UBND-VP", "2024-05-08" },
	{ "space before the slash, no diacritics", "Số: 301 /BC-HU",
	    "Duc Pho, ngay 10 thang 05 nam 2024", { NULL }, "301/BC-HU",
	    "2024-05-10" },
	{ "spaces about every separator", "Số: 215 - CV / HU",
	    "Mộ Đức, ngày 08-5-2024", { NULL }, "215-CV/HU", "2024-05-08" },
	{ "number and date on one line", "Số 215-CV/HU\tMộ Đức, ngày 08 "
	    "tháng 5 năm 2024", NULL, { NULL }, "215-CV/HU", "2024-05-08" },
	{ "date beside the subject", "Số 215-CV/HU", NULL, { SUBJECT
	    "\tMộ Đức, ngày 08 tháng 5 năm 2024" }, "215-CV/HU",
	    "2024-05-08" },
	{ "capitals, an en dash, Đ", "SỐ: 12–CV/ĐU", "Bình Hải, ngày 29 "
	    "tháng 02 năm 2024", { NULL }, "12-CV/ĐU", "2024-02-29" },
	{ "number ends at the stop", "Số: 215-CV/HU.", "Mộ Đức, ngày 08 "
	    "tháng 5 năm 2024.", { NULL }, "215-CV/HU", "2024-05-08" },
	/* refusals */
	{ "no digits, no day", "Số:      /CV-HU", "Mộ Đức, ngày    tháng 5 "
	    "năm 2024", { NULL }, NULL, NULL },
	{ "a number without a symbol", "Số: 215", "Mộ Đức, ngày 31 tháng 4 "
	    "năm 2024", { NULL }, NULL, NULL },
	{ "digits without a separator", "Số: 215CV", "Mộ Đức, ngày 29 tháng "
	    "2 năm 2023", { NULL }, NULL, NULL },
	{ "no such month", "Số điện thoại: 0905 123 456", "Mộ Đức, ngày 08 "
	    "tháng 13 năm 2024", { NULL }, NULL, NULL },
	{ "a year that cannot be", "Số: 215-CV/HU", "Mộ Đức, ngày 08 tháng 5 "
	    "năm 1024", { NULL }, "215-CV/HU", NULL },
	/* COVER_NUMBER_MAX (40 bytes): at it, and one over */
	{ "a number at the longest", "Số: 215-CV/HU-ABCDEFGHIJKLMNOPQRSTUVWXY"
	    "ZABCD", NULL, { NULL }, "215-CV/HU-ABCDEFGHIJKLMNOPQRSTUVWXYZABCD",
	    NULL },
	{ "a number longer than any", "Số: 215-CV/HU-ABCDEFGHIJKLMNOPQRSTUVWX"
	    "YZABCDE", NULL, { NULL }, NULL, NULL },
	/* another công văn cited in a wrapped subject: neither is the
	 * letter's own */
	{ "citation in the subject", NULL, NULL, { "V/v thực hiện Công văn "
	    "số 1871-CV/VPTU ngày 16/4/2024", "số 1871-CV/VPTU ngày "
	    "16/4/2024 của Văn phòng Tỉnh ủy" }, NULL, NULL },
	{ "nothing in the header", NULL, NULL, { NULL }, NULL, NULL },
};

START_TEST(cover_number_and_date)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "ĐẢNG BỘ TỈNH QUẢNG NGÃI\tĐẢNG CỘNG SẢN "
	    "VIỆT NAM");
	docbody_add_paragraph(b, "HUYỆN ỦY MỘ ĐỨC");
	docbody_add_paragraph(b, "*");
	if (letters[_i].number != NULL)
		docbody_add_paragraph(b, letters[_i].number);
	if (letters[_i].date != NULL)
		docbody_add_paragraph(b, letters[_i].date);
	if (letters[_i].subject[0] == NULL)
		docbody_add_paragraph(b, SUBJECT);
	for (size_t i = 0; i < 2 && letters[_i].subject[i] != NULL; i++)
		docbody_add_paragraph(b, letters[_i].subject[i]);
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi");
	docbody_add_paragraph(b, "Thực hiện Công văn số 1871-CV/VPTU ngày "
	    "16/4/2024 của Văn phòng Tỉnh ủy, Huyện ủy Mộ Đức gửi kèm danh "
	    "sách (file mềm).");
	docbody_add_paragraph(b, "Số: 999-CV/HU, ngày 01 tháng 01 năm 2024");
	f = form_read(b);
	ck_assert_msg(f->kind == KIND_COVER_LETTER, "%s: %s",
	    letters[_i].name, kind_name(f->kind));
	ck_assert_msg(g_strcmp0(f->doc_number, letters[_i].want_number) == 0,
	    "%s: number %s, want %s", letters[_i].name, f->doc_number,
	    letters[_i].want_number);
	ck_assert_msg(g_strcmp0(f->doc_date, letters[_i].want_date) == 0,
	    "%s: date %s, want %s", letters[_i].name, f->doc_date,
	    letters[_i].want_date);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Word's letterhead as a table: the number and the subject in the left
 * cell, the place and date in the right one, read after the subject. */
START_TEST(cover_number_and_date_in_a_table)
{
	struct docbody	*b = docbody_new();
	struct grid	*g = grid_new(NULL);
	struct form	*f;
	static const char *const cells[] = {
		"ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY MỘ ĐỨC\n*",
		"ĐẢNG CỘNG SẢN VIỆT NAM",
		"Số 215-CV/HU\n" SUBJECT,
		"Mộ Đức, ngày 08 tháng 5 năm 2024",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cells); i++)
		ck_assert_int_eq(grid_set(g, i / 2, i % 2, CELL_TEXT, cells[i],
		    LIMIT_MAX_CELLS), 0);
	docbody_add_grid(b, g);
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_COVER_LETTER);
	ck_assert_str_eq(f->organization, "HUYỆN ỦY MỘ ĐỨC");
	ck_assert_str_eq(f->doc_number, "215-CV/HU");
	ck_assert_str_eq(f->doc_date, "2024-05-08");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Only a cover letter is read for them: a list's "Số" lines and date are
 * not its own number. */
START_TEST(cover_fields_only_for_a_letter)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "HUYỆN ỦY MỘ ĐỨC");
	docbody_add_paragraph(b, "Số 215-CV/HU\tMộ Đức, ngày 08 tháng 5 năm "
	    "2024");
	docbody_add_paragraph(b, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_ptr_null(f->doc_number);
	ck_assert_ptr_null(f->doc_date);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A report written as a letter ("V/v báo cáo …") is read once, as a
 * report: only a form that lists rows is also read as the công văn that
 * may stand beside the one that has them (form.h, as_cover). */
START_TEST(cover_reading_only_for_forms_with_rows)
{
	static const char *const subjects[] = {
		"V/v báo cáo tình hình quản lý, sử dụng chứng thư số 6 tháng "
		"đầu năm 2024",
		"V/v đề nghị khôi phục thiết bị lưu khóa bí mật",
	};
	static const enum kind kinds[] = { KIND_REPORT, KIND_ETOKEN_RECOVERY };
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "ĐẢNG BỘ TỈNH QUẢNG NGÃI\tĐẢNG CỘNG SẢN "
	    "VIỆT NAM");
	docbody_add_paragraph(b, "HUYỆN ỦY MỘ ĐỨC");
	docbody_add_paragraph(b, "*");
	docbody_add_paragraph(b, "Số 215-CV/HU");
	docbody_add_paragraph(b, "Mộ Đức, ngày 08 tháng 5 năm 2024");
	docbody_add_paragraph(b, subjects[_i]);
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi");
	docbody_add_paragraph(b, "Huyện ủy Mộ Đức gửi Văn phòng Tỉnh ủy nội "
	    "dung như sau.");
	f = form_read(b);
	ck_assert_int_eq(f->kind, kinds[_i]);
	ck_assert_uint_eq(f->nrows, 0);
	if (_i == 0)
		ck_assert_ptr_null(f->as_cover);
	else {
		ck_assert_ptr_nonnull(f->as_cover);
		ck_assert_int_eq(f->as_cover->kind, KIND_COVER_LETTER);
		ck_assert_str_eq(f->as_cover->doc_number, "215-CV/HU");
	}
	form_free(f);
	docbody_free(b);
}
END_TEST

Suite *
form_cover_suite(void)
{
	Suite	*s = suite_create("form_cover");
	TCase	*tc = tcase_create("header");

	tcase_add_loop_test(tc, cover_number_and_date, 0,
	    (int)G_N_ELEMENTS(letters));
	tcase_add_test(tc, cover_number_and_date_in_a_table);
	tcase_add_test(tc, cover_fields_only_for_a_letter);
	tcase_add_loop_test(tc, cover_reading_only_for_forms_with_rows, 0, 2);
	suite_add_tcase(s, tc);
	return (s);
}
