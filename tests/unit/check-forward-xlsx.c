/* check-forward-xlsx.c: the list for the Cục as the project's own reader
 * and openpyxl see it: letterhead, title, addressee, every row with phones
 * and ICCIDs as text (no digit lost), the same bytes for the same list,
 * a long list made as it is read, and no file left behind. */
#include <sys/resource.h>
#include <sys/wait.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "outbox/forward-xlsx.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "tests/unit/testlib.h"

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
	ck_assert_str_eq(at(g, 0, 3), "ĐẢNG CỘNG SẢN VIỆT NAM");
	ck_assert_str_eq(at(g, 1, 0), "VĂN PHÒNG TỈNH ỦY");
	ck_assert_str_eq(at(g, 1, 3), "Quảng Ngãi, ngày 08 tháng 5 năm 2024");
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

/* Nothing is written to disk any more: a folder that does not exist is
 * no reason to fail (it was, when libxlsxwriter needed one). */
START_TEST(forward_xlsx_tmpdir_unused)
{
	struct forward_xlsx	 x = { 0 };
	unsigned char		*data = NULL;
	size_t			 len;
	char			*cause = NULL;

	x.date = "2024-01-15T03:00:00Z";
	ck_assert_msg(forward_xlsx_build(&x, "/nonexistent/dir", &data,
	    &len, &cause) == 0, "%s", cause);
	ck_assert(memcmp(data, "PK", 2) == 0);
	g_free(data);
}
END_TEST

/* The 300-row list of the openpyxl test: phones and ICCIDs with leading
 * zeros, Vietnamese names, XML's own characters, a control character,
 * text that looks like an escape, white space at the ends, NULLs. */
#define LONG_ROWS	300
static const char *const names[] = { "Nguyễn Văn An", "Trần Thị Bình",
    "Lê Văn Cường", "Phạm Thị Dung", "Đặng Quốc Việt", "Huỳnh Thị Ánh Tuyết",
    "Võ Thị Ngọc Hà" };
static const char hostile[] = "Võ <Thị> & \"Hà\" 'Nhi'\x01 _x0041_\r\tx";

struct long_list {
	char	*phone[LONG_ROWS], *iccid[LONG_ROWS], *note[LONG_ROWS];
	struct forward_xlsx_row rows[LONG_ROWS];
};

static void
long_list_init(struct long_list *l)
{
	for (size_t i = 0; i < LONG_ROWS; i++) {
		struct forward_xlsx_row *r = &l->rows[i];

		l->phone[i] = i % 2 ? g_strdup_printf("0%09zu", 905000000 + i) :
		    g_strdup_printf("84%09zu", 983000000 + i);
		l->iccid[i] = g_strdup_printf("00898404%012zu", i * 7919);
		/* every ninth note too long for one line of its column */
		l->note[i] = i % 3 ? NULL : i % 9 ? g_strdup_printf("Dòng %zu: "
		    "số điện thoại trùng với dòng %zu", i + 1, i + 2) :
		    g_strdup_printf("Dòng %zu: số điện thoại trùng với dòng "
		    "%zu; số ICCID không đúng 19 hoặc 20 chữ số; chức vụ để "
		    "trống, đề nghị đơn vị bổ sung và gửi lại danh sách", i + 1,
		    i + 2);
		r->phone = l->phone[i];
		r->iccid = l->iccid[i];
		r->name = i == 6 ? hostile : names[i % G_N_ELEMENTS(names)];
		r->position = i % 5 == 4 ? NULL : i == 8 ? "  Bí thư  " :
		    "Phó Chánh Văn phòng";
	}
}

static void
long_list_deinit(struct long_list *l)
{
	for (size_t i = 0; i < LONG_ROWS; i++) {
		g_free(l->phone[i]);
		g_free(l->iccid[i]);
		g_free(l->note[i]);
	}
}

/* What forward-readback.py expects, as JSON. */
static void
write_expected(const char *path, const struct forward_xlsx *x,
    const char *const *notes)
{
	JsonBuilder	*b = json_builder_new();
	JsonGenerator	*g = json_generator_new();
	JsonNode	*root;
	char		*dateline = forward_xlsx_dateline(x->place, x->date,
			    x->zone);
	char		*to = g_strdup_printf("Kính gửi: %s", x->addressee);

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "notes");
	json_builder_add_boolean_value(b, notes != NULL);
	json_builder_set_member_name(b, "letterhead");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "A1");
	json_builder_add_string_value(b, x->parent);
	json_builder_set_member_name(b, "D1");
	json_builder_add_string_value(b, "ĐẢNG CỘNG SẢN VIỆT NAM");
	json_builder_set_member_name(b, "A2");
	json_builder_add_string_value(b, x->office);
	json_builder_set_member_name(b, "D2");
	json_builder_add_string_value(b, dateline);
	json_builder_set_member_name(b, "A3");
	json_builder_add_string_value(b, "*");
	json_builder_set_member_name(b, "A5");
	json_builder_add_string_value(b, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM "
	    "KÝ SỐ");
	json_builder_set_member_name(b, "A6");
	json_builder_add_string_value(b, to);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "rows");
	json_builder_begin_array(b);
	for (size_t i = 0; i < x->nrows; i++) {
		const struct forward_xlsx_row *r = &x->rows[i];
		const char *v[] = { r->phone, r->iccid, r->name, r->position,
		    notes != NULL ? notes[i] : NULL };

		json_builder_begin_array(b);
		for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
			if (v[k] != NULL)
				json_builder_add_string_value(b, v[k]);
			else
				json_builder_add_null_value(b);
		json_builder_end_array(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(g, root);
	ck_assert(json_generator_to_file(g, path, NULL));
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
	g_free(dateline);
	g_free(to);
}

/* forward-readback.py's exit status and output. */
static int
readback(const char *xlsx, const char *json, char **out_r)
{
	char	*argv[] = { "/usr/bin/python3",
		    "tests/unit/forward-readback.py", (char *)xlsx,
		    (char *)json, NULL };
	int	 status;
	GError	*ge = NULL;

	ck_assert_msg(g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
	    NULL, NULL, out_r, NULL, &status, &ge), "%s", ge ? ge->message :
	    "");
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void
sample_header(struct forward_xlsx *x)
{
	x->parent = "ĐẢNG BỘ TỈNH QUẢNG NGÃI";
	x->office = "VĂN PHÒNG TỈNH ỦY";
	x->place = "Quảng Ngãi";
	x->date = "2024-05-08T01:00:00Z";
	x->addressee = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
	    "Chính phủ";
}

/* openpyxl, as a person's spreadsheet reads it, finds every cell of a
 * 300-row list with its notes, the letterhead merged, the header row
 * printed on every page, the widths and the "@" columns; and a list
 * changed by one digit or one leading zero does not agree. */
START_TEST(forward_xlsx_openpyxl_reads_every_cell)
{
	struct forward_xlsx	 x = { 0 };
	struct long_list	 l;
	unsigned char		*data;
	size_t			 len;
	char			*dir, *xlsx, *json, *cause = NULL, *out = NULL;
	bool			 notes = _i == 1;

	long_list_init(&l);
	sample_header(&x);
	x.rows = l.rows;
	x.nrows = LONG_ROWS;
	x.notes = notes ? (const char *const *)l.note : NULL;
	ck_assert_msg(forward_xlsx_build(&x, NULL, &data, &len, &cause) == 0,
	    "%s", cause);
	dir = g_dir_make_tmp("check-fx-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	xlsx = g_build_filename(dir, "list.xlsx", NULL);
	json = g_build_filename(dir, "want.json", NULL);
	ck_assert(g_file_set_contents(xlsx, (char *)data, len, NULL));
	write_expected(json, &x, x.notes);
	ck_assert_msg(readback(xlsx, json, &out) == 0, "%s", out);
	ck_assert_msg(strstr(out, "300 rows agree") != NULL, "%s", out);
	g_free(out);

	/* a phone that lost its leading zero is found, by its cell */
	memmove(l.phone[1], l.phone[1] + 1, strlen(l.phone[1]));
	write_expected(json, &x, x.notes);
	ck_assert_int_eq(readback(xlsx, json, &out), 1);
	ck_assert_msg(strstr(out, "B10:") != NULL, "%s", out);
	g_free(out);

	test_rm_tree(dir);
	g_free(dir);
	g_free(xlsx);
	g_free(json);
	g_free(data);
	long_list_deinit(&l);
}
END_TEST

/* The hostile row as our own reader reads it: XML's characters, the
 * control character and the text that looks like an escape come back as
 * given (what the reader then does with controls is its business). */
START_TEST(forward_xlsx_escapes_read_back)
{
	struct forward_xlsx	 x = { 0 };
	struct long_list	 l;
	struct docbody		*body;
	unsigned char		*data;
	size_t			 len;
	char			*cause = NULL;
	const char		*got;

	long_list_init(&l);
	sample_header(&x);
	x.rows = l.rows;
	x.nrows = 10;
	ck_assert_msg(forward_xlsx_build(&x, NULL, &data, &len, &cause) == 0,
	    "%s", cause);
	body = read_back(data, len);
	got = at(body->blocks[0].grid, FORWARD_XLSX_FIRST_ROW + 6, 3);
	ck_assert_msg(strstr(got, "Võ <Thị> & \"Hà\" 'Nhi'") == got, "%s", got);
	ck_assert_msg(strstr(got, "_x0041_") != NULL, "%s", got);
	ck_assert_ptr_null(strstr(got, "_x005F_"));
	ck_assert_str_eq(at(body->blocks[0].grid, FORWARD_XLSX_FIRST_ROW + 1,
	    1), l.phone[1]);
	ck_assert_str_eq(at(body->blocks[0].grid, FORWARD_XLSX_FIRST_ROW + 1,
	    2), l.iccid[1]);
	docbody_free(body);
	g_free(data);
	long_list_deinit(&l);
}
END_TEST

/* The same list gives the same bytes: twice, and under another time
 * zone (the parts' ZIP dates are local time to libzip). */
START_TEST(forward_xlsx_same_input_same_bytes)
{
	struct forward_xlsx	 x = { 0 };
	struct long_list	 l;
	unsigned char		*a, *b, *c;
	size_t			 alen, blen, clen;
	char			*cause = NULL, *tz = g_strdup(g_getenv("TZ"));

	long_list_init(&l);
	sample_header(&x);
	x.rows = l.rows;
	x.nrows = LONG_ROWS;
	x.notes = (const char *const *)l.note;
	ck_assert_msg(forward_xlsx_build(&x, NULL, &a, &alen, &cause) == 0,
	    "%s", cause);
	ck_assert_msg(forward_xlsx_build(&x, NULL, &b, &blen, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(alen, blen);
	ck_assert(memcmp(a, b, alen) == 0);
	g_setenv("TZ", "America/New_York", TRUE);
	tzset();
	ck_assert_msg(forward_xlsx_build(&x, NULL, &c, &clen, &cause) == 0,
	    "%s", cause);
	if (tz != NULL)
		g_setenv("TZ", tz, TRUE);
	else
		g_unsetenv("TZ");
	tzset();
	ck_assert_uint_eq(alen, clen);
	ck_assert(memcmp(a, c, alen) == 0);
	/* and another date is another workbook (core.xml says it) */
	x.date = "2024-05-09T01:00:00Z";
	g_free(b);
	ck_assert_msg(forward_xlsx_build(&x, NULL, &b, &blen, &cause) == 0,
	    "%s", cause);
	ck_assert(alen != blen || memcmp(a, b, alen) != 0);
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(tz);
	long_list_deinit(&l);
}
END_TEST

/* A held forward approved on a later day is dated again: the workbook
 * redated is byte for byte the one built with the new date, its rows as
 * they were (a long list, its sheet many chunks long); what is not one of
 * these workbooks is refused, never half made. */
START_TEST(forward_xlsx_redate_is_the_workbook_of_that_day)
{
	struct forward_xlsx	 x = { 0 };
	struct long_list	 l;
	unsigned char		*a, *b, *c;
	size_t			 alen, blen, clen;
	char			*cause = NULL;

	long_list_init(&l);
	sample_header(&x);
	x.rows = l.rows;
	x.nrows = LONG_ROWS;
	x.date = "2024-05-08T02:00:00Z";
	ck_assert_msg(forward_xlsx_build(&x, NULL, &a, &alen, &cause) == 0,
	    "%s", cause);
	x.date = "2024-05-10T03:30:00Z";
	ck_assert_msg(forward_xlsx_build(&x, NULL, &b, &blen, &cause) == 0,
	    "%s", cause);
	ck_assert(alen != blen || memcmp(a, b, alen) != 0);
	ck_assert_msg(forward_xlsx_redate(a, alen, x.place, x.date, x.zone,
	    &c, &clen, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(clen, blen);
	ck_assert(memcmp(b, c, blen) == 0);
	g_free(c);
	/* the rows' own bytes are no date line */
	ck_assert_int_eq(forward_xlsx_redate((const unsigned char *)"PK\3\4",
	    4, x.place, x.date, x.zone, &c, &clen, &cause), -1);
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(cause);
	g_free(cause);
	cause = NULL;
	ck_assert_int_eq(forward_xlsx_redate(a, alen, x.place, "not a date",
	    x.zone, &c, &clen, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "not a time"));
	g_free(cause);
	g_free(a);
	g_free(b);
	long_list_deinit(&l);
}
END_TEST

/* Rows handed out one at a time, as a long list's are, counting calls. */
struct counted {
	size_t	 calls, next, fail_at;
	bool	 out_of_order;
	char	 phone[16], iccid[24], name[32];
};

static int
counted_row(void *ctx, size_t i, struct forward_xlsx_row *r,
    const char **note)
{
	struct counted	*c = ctx;

	c->calls++;
	if (i != c->next)
		c->out_of_order = true;
	c->next = i + 1;
	if (i == c->fail_at)
		return (-1);
	snprintf(c->phone, sizeof(c->phone), "0%09zu", i);
	snprintf(c->iccid, sizeof(c->iccid), "8984%016zu", i);
	snprintf(c->name, sizeof(c->name), "Người dùng %zu", i + 1);
	r->phone = c->phone;
	r->iccid = c->iccid;
	r->name = c->name;
	r->position = NULL;
	*note = i % 2 ? "Ghi chú" : NULL;
	return (0);
}

/* A 50,000-row list through the callback: each row asked for once, in
 * order (libzip reads the sheet once), and all of them read back. */
START_TEST(forward_xlsx_callback_once_per_row)
{
	struct forward_xlsx	 x = { 0 };
	struct counted		 c = { .fail_at = SIZE_MAX };
	struct docbody		*body;
	const struct grid	*g;
	unsigned char		*data;
	size_t			 len, last;
	char			*cause = NULL;

	sample_header(&x);
	x.row = counted_row;
	x.rows_ctx = &c;
	x.nrows = 50000;
	x.with_notes = true;
	ck_assert_msg(forward_xlsx_build(&x, NULL, &data, &len, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(c.calls, 50000);
	ck_assert(!c.out_of_order);
	body = read_back(data, len);
	g = body->blocks[0].grid;
	ck_assert_uint_eq(g->nrows, FORWARD_XLSX_FIRST_ROW + 50000);
	ck_assert_str_eq(at(g, FORWARD_XLSX_HEADER_ROW, 5), "Ghi chú");
	ck_assert_str_eq(at(g, FORWARD_XLSX_FIRST_ROW, 0), "1");
	ck_assert_str_eq(at(g, FORWARD_XLSX_FIRST_ROW, 1), "0000000000");
	last = FORWARD_XLSX_FIRST_ROW + 49999;
	ck_assert_str_eq(at(g, last, 0), "50000");
	ck_assert_str_eq(at(g, last, 1), "0000049999");
	ck_assert_str_eq(at(g, last, 2), "89840000000000049999");
	ck_assert_str_eq(at(g, last, 3), "Người dùng 50000");
	ck_assert_str_eq(at(g, last, 5), "Ghi chú");
	docbody_free(body);
	g_free(data);
}
END_TEST

/* The 200,000-row list with its notes is 74 MB of sheet XML: made in a
 * child held to 40 MiB of data, it is built all the same, so the sheet
 * was never whole in memory. (Not under a sanitizer: its shadow memory
 * would count against the limit.) */
START_TEST(forward_xlsx_long_list_in_small_memory)
{
	struct forward_xlsx	 x = { 0 };
	struct counted		 c = { .fail_at = SIZE_MAX };
	struct rlimit		 rl = { (rlim_t)40 << 20, (rlim_t)40 << 20 };
	unsigned char		*data;
	size_t			 len;
	char			*cause = NULL;
	pid_t			 pid;
	int			 status;
	bool			 sanitized = false;

#if defined(__SANITIZE_ADDRESS__)
	sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	sanitized = true;
#endif
#endif
	if (sanitized)
		return;
	sample_header(&x);
	x.row = counted_row;
	x.rows_ctx = &c;
	x.nrows = 200000;
	x.with_notes = true;
	ck_assert_int_ne(pid = fork(), -1);
	if (pid == 0) {
		if (setrlimit(RLIMIT_DATA, &rl) == -1)
			_exit(3);
		if (forward_xlsx_build(&x, NULL, &data, &len, &cause) == -1) {
			fprintf(stderr, "%s\n", cause);
			_exit(1);
		}
		/* 200,000 rows deflate to some 4 MB */
		_exit(c.calls == 200000 && !c.out_of_order &&
		    len > ((size_t)1 << 20) ? 0 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %d", status);
}
END_TEST

/* A row that cannot be read stops the workbook: -1, a cause naming the
 * row, no bytes, no row asked for after it, no file (and, under the
 * sanitizers, no memory) left behind; at the first row, the last, and
 * one in the middle of a long list. */
START_TEST(forward_xlsx_callback_fails)
{
	static const size_t	 at_row[] = { 0, 20000, 29999 };
	struct forward_xlsx	 x = { 0 };
	struct counted		 c = { .fail_at = at_row[_i] };
	unsigned char		*data = (unsigned char *)"";
	size_t			 len = 1;
	char			*dir, *cause = NULL, want[64];

	dir = g_dir_make_tmp("check-fx-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	sample_header(&x);
	x.row = counted_row;
	x.rows_ctx = &c;
	x.nrows = 30000;
	ck_assert_int_eq(forward_xlsx_build(&x, dir, &data, &len, &cause),
	    -1);
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(len, 0);
	snprintf(want, sizeof(want), "row %zu of 30000", at_row[_i] + 1);
	ck_assert_msg(cause != NULL && strstr(cause, want) != NULL, "%s",
	    cause);
	ck_assert_uint_eq(c.calls, at_row[_i] + 1);
	ck_assert_uint_eq(test_dir_entries(dir), 0);
	g_free(cause);
	test_rm_tree(dir);
	g_free(dir);
}
END_TEST

/* Excel's last row is the limit: at it, the list is made (its rows
 * empty, so it is quick); one more is refused before any row is read. */
START_TEST(forward_xlsx_max_rows)
{
	struct forward_xlsx	 x = { 0 };
	struct counted		 c = { .fail_at = SIZE_MAX };
	unsigned char		*data = NULL;
	size_t			 len;
	char			*cause = NULL;

	x.date = "2024-05-08T01:00:00Z";
	x.row = counted_row;
	x.rows_ctx = &c;
	x.nrows = FORWARD_XLSX_MAX_ROWS + 1;
	ck_assert_int_eq(forward_xlsx_build(&x, NULL, &data, &len, &cause),
	    -1);
	ck_assert_ptr_null(data);
	ck_assert_msg(cause != NULL && strstr(cause, "1048569 rows") != NULL,
	    "%s", cause);
	ck_assert_uint_eq(c.calls, 0);
	g_free(cause);
	cause = NULL;

	x.nrows = FORWARD_XLSX_MAX_ROWS;
	ck_assert_msg(forward_xlsx_build(&x, NULL, &data, &len, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(c.calls, FORWARD_XLSX_MAX_ROWS);
	ck_assert(!c.out_of_order);
	g_free(data);
}
END_TEST

START_TEST(forward_xlsx_dateline_style)
{
	char	*s;

	s = forward_xlsx_dateline("Quảng Ngãi", "2024-04-16T02:00:00Z",
	    NULL);
	ck_assert_str_eq(s, "Quảng Ngãi, ngày 16 tháng 4 năm 2024");
	g_free(s);
	/* 23:30 UTC is the next day in Vietnam; January takes a zero */
	s = forward_xlsx_dateline("Quảng Ngãi", "2024-01-04T23:30:00Z",
	    "Asia/Ho_Chi_Minh");
	ck_assert_str_eq(s, "Quảng Ngãi, ngày 05 tháng 01 năm 2024");
	g_free(s);
	/* and the same day in London: the office's zone, not Vietnam's */
	s = forward_xlsx_dateline("Quảng Ngãi", "2024-01-04T23:30:00Z",
	    "Europe/London");
	ck_assert_str_eq(s, "Quảng Ngãi, ngày 04 tháng 01 năm 2024");
	g_free(s);
	ck_assert_ptr_null(forward_xlsx_dateline("Quảng Ngãi", "yesterday",
	    NULL));
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
	tcase_add_test(tc, forward_xlsx_tmpdir_unused);
	tcase_add_test(tc, forward_xlsx_dateline_style);
	tcase_add_loop_test(tc, forward_xlsx_openpyxl_reads_every_cell, 0, 2);
	tcase_add_test(tc, forward_xlsx_escapes_read_back);
	tcase_add_test(tc, forward_xlsx_same_input_same_bytes);
	tcase_add_test(tc, forward_xlsx_redate_is_the_workbook_of_that_day);
	tcase_add_test(tc, forward_xlsx_callback_once_per_row);
	tcase_add_test(tc, forward_xlsx_long_list_in_small_memory);
	tcase_add_loop_test(tc, forward_xlsx_callback_fails, 0, 3);
	tcase_add_test(tc, forward_xlsx_max_rows);
	suite_add_tcase(s, tc);
	return (s);
}
