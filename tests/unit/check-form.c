/* check-form.c: form_read's dispatch: which recogniser reads a body when
 * several could, and what a body that none claims comes out as. The forms
 * themselves are tested in check-form-*.c. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "parsers/limits.h"

#define SIM_TITLE	"DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ"
#define REC_TITLE	"VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT"
#define REC_SUBJECT	"V/v đề nghị khôi phục thiết bị lưu khóa bí mật"
#define HANDOVER_TITLE	"BIÊN BẢN BÀN GIAO THIẾT BỊ LƯU KHÓA BÍ MẬT"
#define CERT_TITLE	"VĂN BẢN ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ"
#define REPORT_TITLE	"BÁO CÁO TÌNH HÌNH SỬ DỤNG CHỮ KÝ SỐ NĂM 2024"

/* What a body holds besides its paragraphs. */
enum table { NO_TABLE, SIM_TABLE, STATS_TABLE };

/* A Phụ lục 3 list: phone and ICCID columns, one subscriber. */
static const char *const sim_cells[] = {
	"TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ",
	"1", "0982345678", "8984040000000000017", "Nguyễn Văn Minh",
	"Chánh Văn phòng",
};

/* A count by unit: no recogniser's table. */
static const char *const stats_cells[] = {
	"TT", "Đơn vị", "Số lượng",
	"1", "Huyện ủy Sơn Tịnh", "12",
};

static const struct {
	const char	*name;
	const char	*lines[4];	/* paragraphs, NULL-ended */
	enum table	 table;
	enum kind	 kind;
} bodies[] = {
	{ "nothing", { NULL }, NO_TABLE, KIND_UNKNOWN },
	{ "a letter", { "Kính gửi: Văn phòng Tỉnh ủy",
	    "Đơn vị xin gửi lời cảm ơn." }, NO_TABLE, KIND_UNKNOWN },
	{ "a count by unit", { "Số liệu" }, STATS_TABLE, KIND_UNKNOWN },
	/* each recogniser, by its own title */
	{ "sim title", { SIM_TITLE }, NO_TABLE, KIND_SIM_ACTIVATION },
	{ "recovery title", { REC_TITLE }, NO_TABLE, KIND_ETOKEN_RECOVERY },
	{ "handover title", { HANDOVER_TITLE }, NO_TABLE, KIND_HANDOVER },
	{ "cert title", { CERT_TITLE }, NO_TABLE, KIND_CERT_REQUEST },
	{ "report title", { REPORT_TITLE }, NO_TABLE, KIND_REPORT },
	/* a table shaped like a list, without a title, is still a list */
	{ "sim table alone", { "Kính gửi: Cục" }, SIM_TABLE,
	    KIND_SIM_ACTIVATION },
	/* a title beats another recogniser's table */
	{ "report title over a sim table", { REPORT_TITLE }, SIM_TABLE,
	    KIND_REPORT },
	{ "handover title over a sim table", { HANDOVER_TITLE }, SIM_TABLE,
	    KIND_HANDOVER },
	/* a "V/v" subject too */
	{ "recovery subject", { REC_SUBJECT }, NO_TABLE,
	    KIND_ETOKEN_RECOVERY },
	/* a caption with the form's words is weaker than a table */
	{ "recovery caption", { "Mẫu 12", "Đề nghị khôi phục" }, NO_TABLE,
	    KIND_ETOKEN_RECOVERY },
	{ "recovery caption over a sim table", { "Mẫu 12",
	    "Đề nghị khôi phục" }, SIM_TABLE, KIND_SIM_ACTIVATION },
	/* a caption alone, without the form's words, claims nothing */
	{ "caption without words", { "Mẫu 12" }, NO_TABLE, KIND_UNKNOWN },
	/* two titles of equal strength: the recogniser listed first, the
	 * more specific form, reads it */
	{ "sim and report titles", { SIM_TITLE, REPORT_TITLE }, NO_TABLE,
	    KIND_SIM_ACTIVATION },
	{ "report and sim titles", { REPORT_TITLE, SIM_TITLE }, NO_TABLE,
	    KIND_SIM_ACTIVATION },
	{ "recovery and handover titles", { HANDOVER_TITLE, REC_TITLE },
	    NO_TABLE, KIND_ETOKEN_RECOVERY },
	{ "cert and report titles", { REPORT_TITLE, CERT_TITLE }, NO_TABLE,
	    KIND_CERT_REQUEST },
};

static struct grid *
mkgrid(size_t ncols, const char *const *cells, size_t n)
{
	struct grid *g = grid_new(NULL);

	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(grid_set(g, i / ncols, i % ncols, CELL_TEXT,
		    cells[i], LIMIT_MAX_CELLS), 0);
	return (g);
}

START_TEST(form_dispatch_picks_the_strongest_claim)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t i = 0; bodies[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, bodies[_i].lines[i]);
	if (bodies[_i].table == SIM_TABLE)
		docbody_add_grid(b, mkgrid(5, sim_cells,
		    G_N_ELEMENTS(sim_cells)));
	else if (bodies[_i].table == STATS_TABLE)
		docbody_add_grid(b, mkgrid(3, stats_cells,
		    G_N_ELEMENTS(stats_cells)));
	f = form_read(b);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(f->kind == bodies[_i].kind, "%s: %s, want %s",
	    bodies[_i].name, kind_name(f->kind), kind_name(bodies[_i].kind));
	/* a body no recogniser claims has no rows and no findings */
	if (f->kind == KIND_UNKNOWN) {
		ck_assert_uint_eq(f->nrows, 0);
		ck_assert_uint_eq(f->errors.n, 0);
		ck_assert_ptr_null(f->title);
	}
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_read_null_body_is_unknown)
{
	struct form *f = form_read(NULL);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_uint_eq(f->nrows, 0);
	ck_assert_ptr_null(form_row(f, 0));
	ck_assert_ptr_null(f->organization);
	form_free(f);
}
END_TEST

/* Whoever looks at a document no recogniser claims wants to know who
 * wrote it: the letterhead is read all the same. */
START_TEST(form_unknown_keeps_the_letterhead_unit)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "ĐẢNG BỘ TỈNH QUẢNG NGÃI\tĐẢNG CỘNG SẢN "
	    "VIỆT NAM");
	docbody_add_paragraph(b, "HUYỆN ỦY SƠN TỊNH\tSơn Tịnh, ngày 2 "
	    "tháng 7 năm 2024");
	docbody_add_paragraph(b, "*");
	docbody_add_paragraph(b, "Kính gửi: Văn phòng Tỉnh ủy");
	docbody_add_paragraph(b, "Đơn vị xin gửi lời cảm ơn.");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_str_eq(f->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_uint_eq(f->nrows, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A body of only blank paragraphs and empty tables is no form. */
START_TEST(form_blank_body_is_unknown)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "");
	docbody_add_paragraph(b, " \t\n ");
	docbody_add_grid(b, grid_new(NULL));
	docbody_add_grid(b, grid_new("Sheet1"));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_ptr_null(f->organization);
	ck_assert_uint_eq(f->nrows, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* form_free takes NULL, as every _free does. */
START_TEST(form_free_takes_null)
{
	form_free(NULL);
}
END_TEST

Suite *
form_suite(void)
{
	Suite	*s = suite_create("form");
	TCase	*tc = tcase_create("dispatch");

	tcase_add_loop_test(tc, form_dispatch_picks_the_strongest_claim, 0,
	    G_N_ELEMENTS(bodies));
	tcase_add_test(tc, form_read_null_body_is_unknown);
	tcase_add_test(tc, form_unknown_keeps_the_letterhead_unit);
	tcase_add_test(tc, form_blank_body_is_unknown);
	tcase_add_test(tc, form_free_takes_null);
	suite_add_tcase(s, tc);
	return (s);
}
