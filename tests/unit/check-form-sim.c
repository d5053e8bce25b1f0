/* check-form-sim.c: Phụ lục 3 lists built by hand the way the DOCX and
 * XLSX readers hand them over: Word-shaped (letterhead table, paragraphs,
 * list table) and Excel-shaped (one grid, title rows included). */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form.h"
#include "tests/unit/testlib.h"

/* The detail of a finding by code (tests/unit/testlib.h). */
static const char *(*const detail)(const struct findings *, int) =
    test_finding_detail;
#include "parsers/limits.h"

/* A cell written N("…") is a spreadsheet number; NULL is an empty cell. */
#define N(s)	"\001" s
#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

/* Valid ICCIDs, Luhn digits computed. */
#define IC_VT1	"8984040000000000017"	/* Viettel */
#define IC_VT2	"8984041234567890127"
#define IC_VT3	"8984049876543210986"
#define IC_VT4	"8984045555555555553"
#define IC_VN1	"8984021234567890121"	/* VinaPhone */
#define IC_MB1	"8984011234567890123"	/* MobiFone */

#define CUC	"Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"

static struct grid *
mkgrid(const char *name, size_t ncols, const char *const *cells, size_t n)
{
	struct grid *g = grid_new(name);

	for (size_t i = 0; i < n; i++) {
		const char	*t = cells[i];
		enum cell_type	 type = CELL_TEXT;

		if (t == NULL)
			continue;
		if (t[0] == '\001') {
			type = CELL_NUMBER;
			t++;
		}
		ck_assert_int_eq(grid_set(g, i / ncols, i % ncols, type, t,
		    LIMIT_MAX_CELLS), 0);
	}
	return (g);
}

static size_t
row_findings(const struct form *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nrows; i++)
		n += form_row(f, i)->errors.n + form_row(f, i)->warnings.n;
	return (n);
}

static const char *const letterhead[] = {
	"ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY SƠN TỊNH\n*",
	"ĐẢNG CỘNG SẢN VIỆT NAM\nSơn Tịnh, ngày 02 tháng 5 năm 2024",
};

/* The letter's own header labels. */
static const char *const labels[] = {
	"TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số ICCID",
	"Họ và tên người dùng (chủ thuê bao)", "Chức vụ (Chức vụ hiện tại)",
};

/* Letterhead table, title and addressee paragraphs, then list. */
static struct docbody *
word_body(const char *addressee, const char *const *rows, size_t n)
{
	struct docbody	*b = docbody_new();
	const char	**cells = g_new0(const char *, NCELLS(labels) + n);

	docbody_add_grid(b, mkgrid(NULL, 2, letterhead, NCELLS(letterhead)));
	docbody_add_paragraph(b, "DANH SÁCH");
	docbody_add_paragraph(b, "ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	if (addressee != NULL)
		docbody_add_paragraph(b, addressee);
	memcpy(cells, labels, sizeof(labels));
	memcpy(cells + NCELLS(labels), rows, n * sizeof(rows[0]));
	docbody_add_grid(b, mkgrid(NULL, 5, cells, NCELLS(labels) + n));
	g_free(cells);
	docbody_add_paragraph(b, "Ghi chú: Số ICCID là dãy số được ghi trên "
	    "thẻ SIM.");
	return (b);
}

START_TEST(form_sim_word_shaped_list)
{
	static const char *const rows[] = {
		"1", "0982345678", IC_VT1, "Nguyễn Văn A", "Trưởng phòng CNTT",
		"2", "0912.345.678", IC_VN1, "Trần  Thị B",
		"Phó trưởng phòng CNTT",
		"3", "+84 905 123 456", IC_MB1, "Lê Văn C", "Chánh Văn phòng",
	};
	struct docbody	*b = word_body("Kính gửi: " CUC ",", rows,
	    NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_str_eq(f->title, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	ck_assert_str_eq(f->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(f->addressee, CUC);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->warnings.n, 0);
	ck_assert_int_eq(f->nrows, 3);
	ck_assert_int_eq(row_findings(f), 0);
	ck_assert_int_eq(form_row(f, 0)->index, 1);
	ck_assert_int_eq(form_row(f, 0)->source_row, 2);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_str_eq(form_row(f, 0)->phone_raw, "0982345678");
	ck_assert_str_eq(form_row(f, 0)->iccid, IC_VT1);
	ck_assert_str_eq(form_row(f, 0)->iccid_raw, IC_VT1);
	ck_assert_str_eq(form_row(f, 0)->name, "Nguyễn Văn A");
	ck_assert_str_eq(form_row(f, 0)->position, "Trưởng phòng CNTT");
	ck_assert_str_eq(form_row(f, 0)->carrier, "viettel");
	ck_assert_str_eq(form_row(f, 1)->phone, "84912345678");
	ck_assert_str_eq(form_row(f, 1)->phone_raw, "0912.345.678");
	ck_assert_str_eq(form_row(f, 1)->name, "Trần Thị B");
	ck_assert_str_eq(form_row(f, 1)->carrier, "vinaphone");
	ck_assert_str_eq(form_row(f, 2)->phone, "84905123456");
	ck_assert_str_eq(form_row(f, 2)->carrier, "mobifone");
	ck_assert_ptr_null(form_row(f, 2)->device_serial);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* One sheet: letterhead in A and D, title rows, header on row 7 split
 * over two rows, a column-number row, data, blank and TT-only rows,
 * notes and a signature block. */
START_TEST(form_sim_excel_shaped_list)
{
	static const char *const cells[] = {
		/* 1 */ "TỈNH ỦY QUẢNG NGÃI", NULL, NULL,
		    "ĐẢNG CỘNG SẢN VIỆT NAM", NULL,
		/* 2 */ "BAN TUYÊN GIÁO", NULL, NULL,
		    "Quảng Ngãi, ngày 10 tháng 5 năm 2024", NULL,
		/* 3 */ "*", NULL, NULL, NULL, NULL,
		/* 4 */ NULL, NULL, NULL, NULL, NULL,
		/* 5 */ "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", NULL, NULL,
		    NULL, NULL,
		/* 6 */ "Kính gửi:", CUC, NULL, NULL, NULL,
		/* 7 */ "STT", "Thông tin SIM", NULL, "Người dùng", NULL,
		/* 8 */ NULL, "Số ĐT", "Mã ICCID", "Họ tên", "Chức danh",
		/* 9 */ "(1)", "(2)", "(3)", "(4)", "(5)",
		/* 10 */ N("1"), N("982345678"), IC_VT1, "Nguyễn Văn A",
		    "Trưởng Ban",
		/* 11 */ N("2"), N("9.12345678E8"), IC_VN1, "Trần Thị B",
		    "Phó Trưởng Ban",
		/* 12 */ NULL, NULL, NULL, NULL, NULL,
		/* 13 */ N("3"), "0905 123 456", IC_MB1, "Lê Văn C",
		    "Phó Trưởng Ban",
		/* 14 */ N("4"), NULL, NULL, NULL, NULL,
		/* 15 */ "Ghi chú: Số ICCID là dãy số được ghi trên thẻ SIM.",
		    NULL, NULL, NULL, NULL,
		/* 16 */ NULL, "Người lập biểu", NULL, "TM. BAN THƯỜNG VỤ",
		    NULL,
		/* 17 */ NULL, "(Ký, ghi rõ họ tên)", NULL, "TRƯỞNG BAN", NULL,
		/* 18 */ NULL, "Phạm Văn D", NULL, "Võ Văn E", NULL,
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid("Sheet1", 5, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_str_eq(f->title, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	ck_assert_str_eq(f->organization, "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI");
	ck_assert_str_eq(f->addressee, CUC);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->nrows, 3);
	ck_assert_int_eq(row_findings(f), 0);
	ck_assert_int_eq(form_row(f, 0)->index, 1);
	ck_assert_int_eq(form_row(f, 0)->source_row, 10);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_str_eq(form_row(f, 0)->phone_raw, "982345678");
	ck_assert_str_eq(form_row(f, 0)->name, "Nguyễn Văn A");
	ck_assert_str_eq(form_row(f, 0)->position, "Trưởng Ban");
	ck_assert_str_eq(form_row(f, 1)->phone, "84912345678");
	ck_assert_int_eq(form_row(f, 2)->index, 3);
	ck_assert_int_eq(form_row(f, 2)->source_row, 13);
	ck_assert_str_eq(form_row(f, 2)->iccid, IC_MB1);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_numbers_typed_every_way)
{
	static const char *const rows[] = {
		"1", "0982 345 678", IC_VT1, "A", "Bí thư",
		"2", "(+84) 912 345 679", IC_VT2, "B", "Bí thư",
		"3", "0982 345 67", IC_VT3, "C", "Bí thư",
		"4", "01682345678", IC_VT4, "D", "Bí thư",
		"5", "0255 3822 123", NULL, "E", "Bí thư",
		"6", "0084.905.123.456 (Zalo)", N("8.98404E+18"), "F",
		"Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 6);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_str_eq(form_row(f, 1)->phone, "84912345679");
	ck_assert_ptr_null(form_row(f, 2)->phone);
	ck_assert_str_eq(form_row(f, 2)->phone_raw, "0982 345 67");
	ck_assert_str_eq(detail(&form_row(f, 2)->errors, CODE_PHONE_INVALID),
	    "row 3: 0982 345 67 has 9 digits");
	ck_assert_str_eq(form_row(f, 3)->phone, "84382345678");
	ck_assert_int_eq(form_row(f, 3)->errors.n, 0);
	ck_assert_str_eq(detail(&form_row(f, 3)->warnings, CODE_PHONE_OLD_FORMAT),
	    "row 4: 01682345678 is a pre-2018 number, now 0382345678");
	ck_assert_str_eq(detail(&form_row(f, 4)->errors, CODE_PHONE_INVALID),
	    "row 5: 0255 3822 123 is a landline number");
	ck_assert_str_eq(detail(&form_row(f, 4)->errors, CODE_ICCID_INVALID),
	    "row 5: no ICCID");
	ck_assert_str_eq(form_row(f, 5)->phone, "84905123456");
	ck_assert_str_eq(form_row(f, 5)->phone_raw, "0084.905.123.456 (Zalo)");
	/* A Viettel ICCID with a VinaPhone number warns, never rejects. */
	ck_assert(findings_has(&form_row(f, 1)->warnings,
	    CODE_PHONE_CARRIER_MISMATCH));
	ck_assert_int_eq(form_row(f, 1)->errors.n, 0);
	ck_assert_str_eq(form_row(f, 1)->carrier, "vinaphone");
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(xlsx_iccid_stored_as_float)
{
	static const char *const rows[] = {
		"1", "0982345678", N("8.98404E+18"), "A", "Bí thư",
		"2", "0982345679", N("8.9840400000000005E+18"), "B", "Bí thư",
		"3", "0982345670", N("8984040000000000000"), "C", "Bí thư",
		"4", "0982345671", "8.98404E+18", "D", "Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_ptr_null(form_row(f, i)->iccid);
		ck_assert_int_eq(form_row(f, i)->errors.n, 1);
		ck_assert(findings_has(&form_row(f, i)->errors,
		    CODE_ICCID_PRECISION_LOST));
		/* Same rounded ICCID four times: no duplicate claimed. */
		ck_assert(!findings_has(&form_row(f, i)->errors,
		    CODE_DUPLICATE_ROW));
	}
	ck_assert_str_eq(form_row(f, 0)->iccid_raw, "8.98404E+18");
	ck_assert_str_eq(form_row(f, 0)->carrier, "viettel");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Repeats in a long list, found after its rows went to the spool: every
 * row has the first row's phone, and each even row the ICCID of the row
 * before it; both are named, always the first row that had the key. */
START_TEST(form_sim_repeats_in_a_long_list)
{
	const size_t	 n = 6000;
	const char	**rows = g_new0(const char *, n * 5);
	GPtrArray	*own = g_ptr_array_new_with_free_func(g_free);
	struct docbody	*b;
	struct form	*f;
	const char	*iccids[] = { IC_VT1, IC_VN1, IC_MB1, IC_VT2 };

	for (size_t i = 0; i < n; i++) {
		char *tt = g_strdup_printf("%zu", i + 1);
		char *name = g_strdup_printf("Người %zu", i + 1);

		g_ptr_array_add(own, tt);
		g_ptr_array_add(own, name);
		rows[i * 5] = tt;
		rows[i * 5 + 1] = "0982345678";
		/* rows 1 and 2 share an ICCID, 3 and 4 another, ... */
		rows[i * 5 + 2] = iccids[(i / 2) % 4];
		rows[i * 5 + 3] = name;
		rows[i * 5 + 4] = "Bí thư";
	}
	b = word_body(NULL, rows, n * 5);
	f = form_read(b);
	ck_assert_uint_eq(f->nrows, n);
	ck_assert_uint_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_str_eq(detail(&form_row(f, 1)->errors, CODE_DUPLICATE_ROW),
	    "row 2: phone 0982345678 repeats row 1 and ICCID " IC_VT1
	    " repeats row 1");
	ck_assert_str_eq(detail(&form_row(f, 2)->errors, CODE_DUPLICATE_ROW),
	    "row 3: phone 0982345678 repeats row 1");
	ck_assert_str_eq(detail(&form_row(f, 3)->errors, CODE_DUPLICATE_ROW),
	    "row 4: phone 0982345678 repeats row 1 and ICCID " IC_VN1
	    " repeats row 3");
	/* Past the first eight rows every ICCID was seen: each names the
	 * first row that had it. */
	ck_assert_str_eq(detail(&form_row(f, n - 1)->errors,
	    CODE_DUPLICATE_ROW), "row 6000: phone 0982345678 repeats row 1 "
	    "and ICCID " IC_VT2 " repeats row 7");
	ck_assert_uint_eq(form_rows_with_errors(f), n - 1);
	form_free(f);
	docbody_free(b);
	g_ptr_array_free(own, TRUE);
	g_free(rows);
}
END_TEST

START_TEST(form_sim_duplicates_flag_the_later_row)
{
	static const char *const rows[] = {
		"1", "0982345678", IC_VT1, "A", "Bí thư",
		"2", "0912345678", IC_VN1, "B", "Bí thư",
		"3", "+84 982 345 678", IC_VT2, "C", "Bí thư",
		"4", "0905123456", "8984 0212 3456 7890 121", "D", "Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 4);
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_int_eq(form_row(f, 1)->errors.n, 0);
	ck_assert_str_eq(detail(&form_row(f, 2)->errors, CODE_DUPLICATE_ROW),
	    "row 3: phone +84 982 345 678 repeats row 1");
	ck_assert_str_eq(detail(&form_row(f, 3)->errors, CODE_DUPLICATE_ROW),
	    "row 4: ICCID " IC_VN1 " repeats row 2");
	ck_assert_int_eq(f->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* The form's own example rows (letter 1871-CV/VPTU, Phụ lục 3) left in
 * the table: example_row and nothing else; a real Nguyễn Văn A with a
 * real SIM is no example. */
START_TEST(form_sim_example_rows)
{
	static const char *const rows[] = {
		"1", "0982345678", "898402310932010...", "Nguyễn Văn A",
		"Trưởng phòng CNTT",
		"2", "0918765432", "796303120012090...", "Trần Văn B",
		"Phó trưởng phòng CNTT",
		"3", "0982345678", "8984…", "NGUYỄN VĂN A", "Bí thư",
		"4", "0982345679", IC_VT1, "Nguyễn Văn A", "Bí thư",
		"5", "0912345678", "796303120012090", "Lê Văn C", "Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 5);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(form_row(f, i)->errors.n, 1);
		ck_assert(findings_has(&form_row(f, i)->errors, CODE_EXAMPLE_ROW));
		ck_assert_int_eq(form_row(f, i)->warnings.n, 0);
	}
	ck_assert_int_eq(form_row(f, 3)->errors.n, 0);
	ck_assert(findings_has(&form_row(f, 4)->errors, CODE_ICCID_INVALID));
	ck_assert(!findings_has(&form_row(f, 4)->errors, CODE_EXAMPLE_ROW));
	form_free(f);
	docbody_free(b);
}
END_TEST

/* The form's example names with numbers of their own (blind set 7, 19a:
 * "Nguyễn Văn A", 0912 345 678, a 17-digit ICCID): a placeholder name on
 * a row whose phone or ICCID is wrong is the example left in the table,
 * example_row beside what is wrong; with a valid phone and ICCID it is a
 * real subscriber of that name, and another name is no example. */
START_TEST(form_sim_example_names_with_wrong_numbers)
{
	static const char *const rows[] = {
		"1", "0912 345 678", "89840200001234567", "Nguyễn Văn A",
		"Trưởng phòng",
		"2", "0918765432", "8984040000000000018", "Trần Văn B",
		"Phó trưởng phòng",
		"3", "0982345678", "8944040000000000017", "Nguyễn Văn A",
		"Bí thư",
		"4", "0905123456", "8.98404E+18", "TRẦN VĂN B", "Bí thư",
		"5", "12345", IC_VT2, "nguyễn  văn a", "Bí thư",
		"6", "0982345679", IC_VT3, "Nguyễn Văn A", "Bí thư",
		"7", "0912345670", "89840200001234567", "Nguyễn Văn An",
		"Bí thư",
	};
	static const int wrong[] = { CODE_ICCID_INVALID, CODE_ICCID_CHECKSUM,
	    CODE_ICCID_NOT_VIETNAM, CODE_ICCID_PRECISION_LOST,
	    CODE_PHONE_INVALID };
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 7);
	for (size_t i = 0; i < NCELLS(wrong); i++) {
		const struct form_row *r = form_row(f, i);

		ck_assert_msg(findings_has(&r->errors, CODE_EXAMPLE_ROW),
		    "row %zu", i + 1);
		ck_assert_msg(findings_has(&r->errors, wrong[i]), "row %zu",
		    i + 1);
		ck_assert_int_eq(r->errors.n, 2);
	}
	ck_assert_str_eq(detail(&form_row(f, 0)->errors, CODE_EXAMPLE_ROW),
	    "row 1: the form's own example row (Nguyễn Văn A), left in the "
	    "table");
	ck_assert_int_eq(form_row(f, 5)->errors.n, 0);
	ck_assert(findings_has(&form_row(f, 6)->errors, CODE_ICCID_INVALID));
	ck_assert(!findings_has(&form_row(f, 6)->errors, CODE_EXAMPLE_ROW));
	form_free(f);
	docbody_free(b);
}
END_TEST

/* An Email column (any of its names) is read into the row; a free-mail
 * address there is email_public_domain. */
START_TEST(form_sim_email_column)
{
	static const char *const heads[] = { "Email", "E-mail",
	    "Địa chỉ thư điện tử", "Thư điện tử công vụ" };
	const char *cells[] = {
		"TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ",
		NULL, "Ghi chú",
		"1", "0982345678", IC_VT1, "Lê Văn A", "Bí thư",
		"a.le@quangngai.dcs.vn", NULL,
		"2", "0912345678", IC_VN1, "Lê Văn B", "Bí thư",
		"lvb1970@gmail.com", "xin gấp",
		"3", "0905123456", IC_MB1, "Lê Văn C", "Bí thư", NULL, NULL,
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	cells[5] = heads[_i];
	docbody_add_paragraph(b, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	docbody_add_grid(b, mkgrid(NULL, 7, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_int_eq(f->nrows, 3);
	ck_assert_str_eq(form_row(f, 0)->email, "a.le@quangngai.dcs.vn");
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_str_eq(form_row(f, 1)->email, "lvb1970@gmail.com");
	ck_assert_str_eq(detail(&form_row(f, 1)->errors, CODE_EMAIL_PUBLIC_DOMAIN),
	    "row 2: lvb1970@gmail.com is not an official address");
	ck_assert_ptr_null(form_row(f, 2)->email);
	ck_assert_int_eq(form_row(f, 2)->errors.n, 0);
	ck_assert_str_eq(form_row(f, 2)->name, "Lê Văn C");
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_position_not_eligible_warns)
{
	static const char *const rows[] = {
		"1", "0982345678", IC_VT1, "A", "Chuyên viên",
		"2", "0982345679", IC_VT2, "B", NULL,
		"3", "0982345670", IC_VT3, NULL, "Phó Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 3);
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	ck_assert_str_eq(detail(&form_row(f, 0)->warnings,
	    CODE_POSITION_NOT_ELIGIBLE), "row 1: \"Chuyên viên\" is not a "
	    "leadership post eligible for a SIM PKI");
	ck_assert(findings_has(&form_row(f, 1)->errors, CODE_POSITION_MISSING));
	ck_assert(findings_has(&form_row(f, 2)->errors, CODE_NAME_MISSING));
	ck_assert_ptr_null(form_row(f, 2)->name);
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*paragraph;	/* NULL: no Kính gửi at all */
	const char	*addressee;
	bool		 wrong;
} addressees[] = {
	{ "Kính gửi: " CUC ",", CUC, false },
	{ "Kính gửi : " CUC ".", CUC, false },
	{ "KÍNH GỬI: CỤC CHỨNG THỰC SỐ VÀ BẢO MẬT THÔNG TIN", "CỤC CHỨNG "
	    "THỰC SỐ VÀ BẢO MẬT THÔNG TIN", false },
	{ "Kính gởi: - Cục Chứng thực số và Bảo mật thông tin;",
	    "Cục Chứng thực số và Bảo mật thông tin", false },
	{ "Kính gửi:\n" CUC, CUC, false },
	{ "Kính gửi: Văn phòng Tỉnh ủy Quảng Ngãi.",
	    "Văn phòng Tỉnh ủy Quảng Ngãi", true },
	{ "Kính gửi: Ban Cơ yếu Chính phủ", "Ban Cơ yếu Chính phủ", true },
	{ NULL, NULL, false },
};

START_TEST(form_sim_addressee)
{
	static const char *const rows[] = {
		"1", "0982345678", IC_VT1, "A", "Bí thư",
	};
	struct docbody	*b = word_body(addressees[_i].paragraph, rows,
	    NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	if (addressees[_i].addressee == NULL)
		ck_assert_ptr_null(f->addressee);
	else
		ck_assert_str_eq(f->addressee, addressees[_i].addressee);
	ck_assert_int_eq(findings_has(&f->errors, CODE_WRONG_ADDRESSEE),
	    addressees[_i].wrong);
	ck_assert_int_eq(f->errors.n, addressees[_i].wrong);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_title_without_iccid_column)
{
	static const char *const cells[] = {
		"STT", "Họ và tên", "Chức vụ", "Số điện thoại",
		"1", "Nguyễn Văn A", "Bí thư", "0982345678",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "Danh sách kích hoạt SIM PKI");
	docbody_add_grid(b, mkgrid(NULL, 4, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_str_eq(detail(&f->errors, CODE_COLUMNS_MISSING),
	    "the list has no column for: Số ICCID");
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_ptr_null(form_row(f, 0)->iccid_raw);
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_title_without_any_table)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	docbody_add_paragraph(b, "1. Nguyễn Văn A, 0982345678");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_str_eq(detail(&f->errors, CODE_COLUMNS_MISSING),
	    "no list table with the columns: Số điện thoại, Số ICCID, "
	    "Họ và tên, Chức vụ");
	ck_assert(!findings_has(&f->errors, CODE_NO_ROWS));
	ck_assert_int_eq(f->nrows, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_training_list_is_unknown)
{
	static const char *const cells[] = {
		"TT", "Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại",
		"1", "Nguyễn Văn A", "Chuyên viên", "Ban Tổ chức", "0982345678",
		"2", "Trần Thị B", "Cán bộ", "Văn phòng", "0912345678",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "DANH SÁCH HỌC VIÊN THAM GIA LỚP TẬP HUẤN "
	    "CHỮ KÝ SỐ");
	docbody_add_grid(b, mkgrid(NULL, 5, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_ptr_null(f->title);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_table_without_title_is_recognised)
{
	static const char *const cells[] = {
		"TT", "SĐT", "ICCID", "Tên người dùng", "Chức vụ",
		"1", "0982345678", IC_VT1, "Nguyễn Văn A", "Bí thư",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(NULL, 5, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_ptr_null(f->title);
	ck_assert_ptr_null(f->organization);
	ck_assert_ptr_null(f->addressee);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->nrows, 1);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_sim_header_only_has_no_rows)
{
	static const char *const rows[] = {
		"(1)", "(2)", "(3)", "(4)", "(5)",
		"1", NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, NULL, NULL,
	};
	struct docbody	*b = word_body("Kính gửi: " CUC, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert(findings_has(&f->errors, CODE_NO_ROWS));
	ck_assert_int_eq(f->errors.n, 1);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(form_empty_body_is_unknown)
{
	struct docbody	*b = docbody_new();
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_int_eq(f->errors.n, 0);
	form_free(f);
	f = form_read(NULL);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	form_free(NULL);
	docbody_add_paragraph(b, "");
	docbody_add_grid(b, grid_new(NULL));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*lines[3];	/* paragraphs before the table */
	const char	*title;		/* NULL: not a title */
} titles[] = {
	{ { "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	{ { "Danh sách kích hoạt SIM PKI" }, "Danh sách kích hoạt SIM PKI" },
	{ { "đề nghị kích hoạt sim ký số" }, "đề nghị kích hoạt sim ký số" },
	{ { "DANH SÁCH\nĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	{ { "DANH SÁCH ĐỀ NGHỊ KÍCH", "HOẠT SIM KÝ SỐ" },
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ" },
	{ { "DANH  SÁCH  ĐỀ  NGHỊ  KÍCH  HOẠT  SIM  KÝ  SỐ (SIM PKI)" },
	    "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ (SIM PKI)" },
	{ { "V/v đề nghị kích hoạt SIM ký số" }, NULL },
	{ { "Danh sách cán bộ" }, NULL },
};

/* A table with names and phones only: a list only when titled. */
START_TEST(form_sim_title_variants)
{
	static const char *const cells[] = {
		"TT", "Họ và tên", "Số điện thoại",
		"1", "Nguyễn Văn A", "0982345678",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t i = 0; i < 3 && titles[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, titles[_i].lines[i]);
	docbody_add_grid(b, mkgrid(NULL, 3, cells, NCELLS(cells)));
	f = form_read(b);
	if (titles[_i].title == NULL) {
		ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	} else {
		ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
		ck_assert_str_eq(f->title, titles[_i].title);
		ck_assert_int_eq(f->nrows, 1);
	}
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*labels[5];
	bool		 all;		/* every column found */
} headers[] = {
	{ { "TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ" },
	    true },
	{ { "STT", "SĐT", "ICCID", "Họ tên", "Chức danh" }, true },
	{ { "Số TT", "Số ĐT", "Mã ICCID", "Tên người dùng", "Chức vụ" },
	    true },
	{ { "stt", "Điện thoại", "Số seri SIM", "HỌ VÀ TÊN", "CHỨC VỤ" },
	    true },
	{ { "T.T", "Số thuê bao", "Serial SIM", "Họ và tên người dùng (chủ "
	    "thuê bao)", "Chức vụ (Chức vụ hiện tại)" }, true },
	{ { "TT", "Số điện thoại (sdt dấu số bên nhà mạng)", "Số  ICCID",
	    "Họ và tên", "Chức  vụ" }, true },
	{ { "TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Đơn vị" },
	    false },
};

START_TEST(form_sim_header_variants)
{
	const char	*cells[10];
	struct docbody	*b = docbody_new();
	struct form	*f;

	memcpy(cells, headers[_i].labels, sizeof(headers[_i].labels));
	cells[5] = "1";
	cells[6] = "0982345678";
	cells[7] = IC_VT1;
	cells[8] = "Nguyễn Văn A";
	cells[9] = "Bí thư";
	docbody_add_grid(b, mkgrid(NULL, 5, cells, 10));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->phone, "84982345678");
	ck_assert_str_eq(form_row(f, 0)->iccid, IC_VT1);
	ck_assert_str_eq(form_row(f, 0)->name, "Nguyễn Văn A");
	if (headers[_i].all) {
		ck_assert_int_eq(f->errors.n, 0);
		ck_assert_str_eq(form_row(f, 0)->position, "Bí thư");
	} else
		ck_assert_str_eq(detail(&f->errors, CODE_COLUMNS_MISSING),
		    "the list has no column for: Chức vụ");
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*left;		/* letterhead's left column */
	bool		 table;		/* as a 2-column table, else
					 * paragraphs with a tab */
	const char	*org;
} orgs[] = {
	{ "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY SƠN TỊNH\n*", true,
	    "HUYỆN ỦY SƠN TỊNH" },
	{ "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY SƠN TỊNH\n*", false,
	    "HUYỆN ỦY SƠN TỊNH" },
	{ "TỈNH ỦY QUẢNG NGÃI\nBAN TUYÊN GIÁO\n*", true,
	    "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI" },
	{ "TỈNH ỦY QUẢNG NGÃI\nVĂN PHÒNG\n*\nSố: 15-CV/VPTU", true,
	    "VĂN PHÒNG TỈNH ỦY QUẢNG NGÃI" },
	{ "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nBAN TỔ CHỨC TỈNH ỦY\n*", false,
	    "BAN TỔ CHỨC TỈNH ỦY" },
	{ "HUYỆN ỦY SƠN TỊNH\nĐẢNG ỦY XÃ TỊNH HÀ\n*", true,
	    "ĐẢNG ỦY XÃ TỊNH HÀ" },
	{ "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY KHỐI CƠ QUAN VÀ\nDOANH NGHIỆP "
	    "TỈNH\n*", true, "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH" },
	{ "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nHUYỆN SƠN TỊNH\n*", true,
	    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN SƠN TỊNH" },
	{ "BÁO QUẢNG NGÃI\n*", true, "BÁO QUẢNG NGÃI" },
	{ "<CƠ QUAN CHỦ QUẢN>\n<CƠ QUAN, TỔ CHỨC QUẢN LÝ\nTRỰC TIẾP>\n*",
	    true, NULL },
	{ "<CƠ QUAN CHỦ QUẢN>\nHUYỆN ỦY BÌNH SƠN\n*", false,
	    "HUYỆN ỦY BÌNH SƠN" },
	{ "*", true, NULL },
};

START_TEST(form_sim_organization_rule)
{
	static const char *const rows[] = {
		"TT", "Số điện thoại", "Số ICCID", "Họ và tên", "Chức vụ",
		"1", "0982345678", IC_VT1, "A", "Bí thư",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	if (orgs[_i].table) {
		const char *head[] = { orgs[_i].left, "ĐẢNG CỘNG SẢN VIỆT NAM"
		    "\nQuảng Ngãi, ngày 2 tháng 5 năm 2024" };

		docbody_add_grid(b, mkgrid(NULL, 2, head, 2));
	} else {
		char	**v = g_strsplit(orgs[_i].left, "\n", -1);
		char	 *p;

		p = g_strconcat(v[0], "\t\tĐẢNG CỘNG SẢN VIỆT NAM", NULL);
		docbody_add_paragraph(b, p);
		g_free(p);
		for (size_t i = 1; v[i] != NULL; i++)
			docbody_add_paragraph(b, v[i]);
		docbody_add_paragraph(b, "\t\tQuảng Ngãi, ngày 2 tháng 5 năm "
		    "2024");
		g_strfreev(v);
	}
	docbody_add_paragraph(b, "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ");
	docbody_add_grid(b, mkgrid(NULL, 5, rows, NCELLS(rows)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
	if (orgs[_i].org == NULL)
		ck_assert_ptr_null(f->organization);
	else
		ck_assert_str_eq(f->organization, orgs[_i].org);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* The header is looked for in the first 64 rows of a table. */
START_TEST(form_sim_header_row_limit)
{
	static const char *const labels5[] = { "TT", "Số điện thoại",
	    "Số ICCID", "Họ và tên", "Chức vụ" };
	static const char *const data[] = { "1", "0982345678", IC_VT1, "A",
	    "Bí thư" };
	size_t		 at = 62 + _i;	/* 0-based row of the header */
	struct grid	*g = grid_new("Sheet1");
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t c = 0; c < 5; c++) {
		grid_set(g, at, c, CELL_TEXT, labels5[c], LIMIT_MAX_CELLS);
		grid_set(g, at + 1, c, CELL_TEXT, data[c], LIMIT_MAX_CELLS);
	}
	docbody_add_grid(b, g);
	f = form_read(b);
	if (at < 64) {
		ck_assert_int_eq(f->kind, KIND_SIM_ACTIVATION);
		ck_assert_int_eq(f->nrows, 1);
		ck_assert_int_eq(form_row(f, 0)->source_row, at + 2);
	} else {
		ck_assert_int_eq(f->kind, KIND_UNKNOWN);
		ck_assert_int_eq(f->nrows, 0);
	}
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Rows without a TT number are counted; TT "1." reads as 1. */
START_TEST(form_sim_index_from_tt_or_count)
{
	static const char *const rows[] = {
		"5.", "0982345678", IC_VT1, "A", "Bí thư",
		NULL, "0982345679", IC_VT2, "B", "Bí thư",
		"x", "0982345670", IC_VT3, "C", "Bí thư",
	};
	struct docbody	*b = word_body(NULL, rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_int_eq(f->nrows, 3);
	ck_assert_int_eq(form_row(f, 0)->index, 5);
	ck_assert_int_eq(form_row(f, 1)->index, 2);
	ck_assert_int_eq(form_row(f, 2)->index, 3);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* "Kính gửi:" with nothing after it before the table: no addressee, and
 * never the table's first label. */
START_TEST(form_sim_addressee_never_taken_from_the_table)
{
	static const char *const rows[] = {
		"1", "0982345678", IC_VT1, "A", "Bí thư",
	};
	struct docbody	*b = word_body("Kính gửi:", rows, NCELLS(rows));
	struct form	*f = form_read(b);

	ck_assert_ptr_null(f->addressee);
	ck_assert_int_eq(f->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Grids of cells drawn from what lists hold, in any order: whatever the
 * recogniser makes of them, it stays within the body and frees it all. */
START_TEST(form_sim_random_grids_stay_bounded)
{
	static const char *const vocab[] = {
		NULL, "", "TT", "Số điện thoại", "Số ICCID", "Họ và tên",
		"Chức vụ", "DANH SÁCH ĐỀ NGHỊ KÍCH HOẠT SIM KÝ SỐ", "Kính gửi:",
		"Kính gửi: Văn phòng", "*", "<CƠ QUAN", "TRỰC TIẾP>", "(1)",
		"2",
		N("982345678"), N("8.98404E+18"), "0982345678", IC_VT1,
		"01682345678", "Ghi chú:", "Trưởng phòng", "\n\t", "\xff\xfe",
		"BAN TUYÊN GIÁO", "HUYỆN SƠN TỊNH", "ĐẢNG ỦY KHỐI VÀ",
	};
	GRand	*rnd = g_rand_new_with_seed(1871 + _i);

	for (int round = 0; round < 40; round++) {
		struct docbody	*b = docbody_new();
		size_t		 nr = g_rand_int_range(rnd, 0, 12);
		size_t		 nc = g_rand_int_range(rnd, 1, 7);
		size_t		 cells = 0;
		struct form	*f;

		for (int k = g_rand_int_range(rnd, 0, 3); k > 0; k--)
			docbody_add_paragraph(b, vocab[g_rand_int_range(rnd,
			    1, NCELLS(vocab))]);
		for (int k = g_rand_int_range(rnd, 0, 3); k > 0; k--) {
			const char **v = g_new0(const char *, nr * nc + 1);

			for (size_t i = 0; i < nr * nc; i++)
				v[i] = vocab[g_rand_int_range(rnd, 0,
				    NCELLS(vocab))];
			docbody_add_grid(b, mkgrid(NULL, nc, v, nr * nc));
			cells += nr;
			g_free(v);
		}
		f = form_read(b);
		ck_assert(f->kind == KIND_UNKNOWN ||
		    f->kind == KIND_SIM_ACTIVATION);
		ck_assert_uint_le(f->nrows, cells);
		if (f->kind == KIND_UNKNOWN)
			ck_assert_int_eq(f->nrows, 0);
		for (size_t i = 0; i < f->nrows; i++)
			ck_assert_int_gt(form_row(f, i)->index, 0);
		form_free(f);
		docbody_free(b);
	}
	g_rand_free(rnd);
}
END_TEST

Suite *
form_sim_suite(void)
{
	Suite	*s = suite_create("form_sim");
	TCase	*tc = tcase_create("phu_luc_3");

	tcase_add_test(tc, form_sim_word_shaped_list);
	tcase_add_test(tc, form_sim_excel_shaped_list);
	tcase_add_test(tc, form_sim_numbers_typed_every_way);
	tcase_add_test(tc, xlsx_iccid_stored_as_float);
	tcase_add_test(tc, form_sim_duplicates_flag_the_later_row);
	tcase_add_test(tc, form_sim_repeats_in_a_long_list);
	tcase_add_test(tc, form_sim_example_rows);
	tcase_add_test(tc, form_sim_example_names_with_wrong_numbers);
	tcase_add_loop_test(tc, form_sim_email_column, 0, 4);
	tcase_add_test(tc, form_sim_position_not_eligible_warns);
	tcase_add_loop_test(tc, form_sim_addressee, 0, NCELLS(addressees));
	tcase_add_test(tc, form_sim_title_without_iccid_column);
	tcase_add_test(tc, form_sim_title_without_any_table);
	tcase_add_test(tc, form_sim_training_list_is_unknown);
	tcase_add_test(tc, form_sim_table_without_title_is_recognised);
	tcase_add_test(tc, form_sim_header_only_has_no_rows);
	tcase_add_test(tc, form_empty_body_is_unknown);
	tcase_add_loop_test(tc, form_sim_title_variants, 0, NCELLS(titles));
	tcase_add_loop_test(tc, form_sim_header_variants, 0, NCELLS(headers));
	tcase_add_loop_test(tc, form_sim_organization_rule, 0, NCELLS(orgs));
	tcase_add_loop_test(tc, form_sim_header_row_limit, 0, 3);
	tcase_add_test(tc, form_sim_index_from_tt_or_count);
	tcase_add_test(tc, form_sim_addressee_never_taken_from_the_table);
	tcase_add_loop_test(tc, form_sim_random_grids_stay_bounded, 0, 25);
	suite_add_tcase(s, tc);
	return (s);
}
