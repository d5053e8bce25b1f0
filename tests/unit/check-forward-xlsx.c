/* check-forward-xlsx.c: the list for the Cục as the project's own reader
 * sees it: letterhead, title, addressee, every row with phones and
 * ICCIDs as text (no digit lost), and no file left behind. */
#include <check.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "outbox/forward-xlsx.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"

static const struct forward_xlsx_row rows[] = {
	{ "84983415276", "8984040000000000015", "Nguyễn Văn An",
	    "Bí thư Huyện ủy" },
	/* 20 digits: a double would keep 15 or 16 of them */
	{ "84905110999", "89840200001234567897", "Trần Thị Bình",
	    "Phó Bí thư Thường trực" },
	{ "84799390539", "8984010000000000024", "Lê Văn Cường", NULL },
};

/* The first sheet of bytes as the intake reads a unit's list. */
static struct docbody *
read_back(const unsigned char *data, size_t len)
{
	struct package	*pkg;
	struct docbody	*body = NULL;
	const char	*why = NULL;

	pkg = package_open(data, len, NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_msg(xlsx_read(pkg, NULL, &body, &why) == 0, "%s", why);
	package_free(pkg);
	ck_assert_uint_ge(body->nblocks, 1);
	ck_assert_int_eq(body->blocks[0].type, BLOCK_TABLE);
	return (body);
}

static const char *
at(const struct grid *g, size_t r, size_t c)
{
	const struct cell *cl = grid_at(g, r, c);

	return (cl != NULL && cl->text != NULL ? cl->text : "");
}

/* Every cell the Cục reads, compared with what was given. */
START_TEST(forward_xlsx_rows_read_back)
{
	struct forward_xlsx	 x = { 0 };
	struct docbody		*body;
	const struct grid	*g;
	unsigned char		*data;
	size_t			 len;
	char			*cause = NULL, tt[24];

	x.parent = "ĐẢNG BỘ TỈNH QUẢNG NGÃI";
	x.office = "VĂN PHÒNG TỈNH ỦY";
	x.place = "Quảng Ngãi";
	x.date = "2024-05-08T01:00:00Z";
	x.addressee = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
	    "Chính phủ";
	x.rows = rows;
	x.nrows = G_N_ELEMENTS(rows);
	ck_assert_msg(forward_xlsx_build(&x, NULL, &data, &len, &cause) == 0,
	    "%s", cause);
	body = read_back(data, len);
	g = body->blocks[0].grid;
	ck_assert_str_eq(at(g, 0, 0), "ĐẢNG BỘ TỈNH QUẢNG NGÃI");
	ck_assert_str_eq(at(g, 0, 2), "ĐẢNG CỘNG SẢN VIỆT NAM");
	ck_assert_str_eq(at(g, 1, 0), "VĂN PHÒNG TỈNH ỦY");
	ck_assert_str_eq(at(g, 1, 2), "Quảng Ngãi, ngày 08 tháng 5 năm 2024");
	ck_assert_str_eq(at(g, 4, 0), "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	ck_assert_str_eq(at(g, 5, 0), "Kính gửi: Cục Chứng thực số và Bảo "
	    "mật thông tin, Ban Cơ yếu Chính phủ");
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 0), "TT");
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 1), "Số điện thoại");
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 2), "Số ICCID");
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 3),
	    "Họ và tên người dùng");
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 4), "Chức vụ");
	ck_assert_uint_eq(g->nrows, FORWARD_XLSX_FIRST_ROW + x.nrows);
	for (size_t i = 0; i < x.nrows; i++) {
		size_t r = FORWARD_XLSX_FIRST_ROW + i;

		snprintf(tt, sizeof(tt), "%zu", i + 1);
		ck_assert_str_eq(at(g, r, 0), tt);
		ck_assert_int_eq(grid_at(g, r, 1)->type, CELL_TEXT);
		ck_assert_int_eq(grid_at(g, r, 2)->type, CELL_TEXT);
		ck_assert_str_eq(at(g, r, 1), rows[i].phone);
		ck_assert_str_eq(at(g, r, 2), rows[i].iccid);
		ck_assert_str_eq(at(g, r, 3), rows[i].name);
		ck_assert_str_eq(at(g, r, 4), rows[i].position != NULL ?
		    rows[i].position : "");
	}
	docbody_free(body);
	g_free(data);
}
END_TEST

/* The private directory and the file in it are gone after the build. */
START_TEST(forward_xlsx_leaves_no_file)
{
	struct forward_xlsx	 x = { 0 };
	unsigned char		*data;
	size_t			 len;
	char			*dir, *cause = NULL;
	GDir			*d;

	dir = g_dir_make_tmp("check-fx-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	x.date = "2024-01-15T03:00:00Z";
	x.rows = rows;
	x.nrows = 1;
	ck_assert_msg(forward_xlsx_build(&x, dir, &data, &len, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_gt(len, 100);
	ck_assert(memcmp(data, "PK", 2) == 0);
	d = g_dir_open(dir, 0, NULL);
	ck_assert_ptr_null(g_dir_read_name(d));
	g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
	g_free(data);
}
END_TEST

/* A directory that cannot be written is an error, not a crash. */
START_TEST(forward_xlsx_unwritable_dir)
{
	struct forward_xlsx	 x = { 0 };
	unsigned char		*data = NULL;
	size_t			 len;
	char			*cause = NULL;

	x.date = "2024-01-15T03:00:00Z";
	ck_assert_int_eq(forward_xlsx_build(&x, "/nonexistent/dir", &data,
	    &len, &cause), -1);
	ck_assert_ptr_null(data);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
}
END_TEST

START_TEST(forward_xlsx_dateline_style)
{
	char	*s;

	s = forward_xlsx_dateline("Quảng Ngãi", "2024-04-16T02:00:00Z");
	ck_assert_str_eq(s, "Quảng Ngãi, ngày 16 tháng 4 năm 2024");
	g_free(s);
	/* 23:30 UTC is the next day in Vietnam; January takes a zero */
	s = forward_xlsx_dateline("Quảng Ngãi", "2024-01-04T23:30:00Z");
	ck_assert_str_eq(s, "Quảng Ngãi, ngày 05 tháng 01 năm 2024");
	g_free(s);
	ck_assert_ptr_null(forward_xlsx_dateline("Quảng Ngãi", "yesterday"));
}
END_TEST

Suite *
forward_xlsx_suite(void)
{
	Suite	*s = suite_create("forward_xlsx");
	TCase	*tc = tcase_create("forward_xlsx");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, forward_xlsx_rows_read_back);
	tcase_add_test(tc, forward_xlsx_leaves_no_file);
	tcase_add_test(tc, forward_xlsx_unwritable_dir);
	tcase_add_test(tc, forward_xlsx_dateline_style);
	suite_add_tcase(s, tc);
	return (s);
}
