/* check-form-recovery.c: Mẫu 12 (a unit's request to unlock its
 * subscribers' key devices) and Mẫu 11 (a person's own), built by hand
 * the way the DOCX and XLSX readers hand them over, with the coordinator
 * wherever units put it. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/form-priv.h"
#include "parsers/form.h"
#include "tests/unit/testlib.h"

/* The detail of a finding by code (tests/unit/testlib.h). */
static const char *(*const detail)(const struct findings *, int) =
    test_finding_detail;
#include "parsers/limits.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

#define CUC	"Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ"
#define VPTU	"Văn phòng Tỉnh ủy Quảng Ngãi"
#define IC_VT1	"8984040000000000017"	/* a Viettel SIM's ICCID */

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

static size_t
row_errors(const struct form *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nrows; i++)
		n += form_row(f, i)->errors.n;
	return (n);
}

static const char *const letterhead[] = {
	"ĐẢNG BỘ TỈNH QUẢNG NGÃI\nHUYỆN ỦY SƠN TỊNH\n*\nSố: 125-CV/HU",
	"ĐẢNG CỘNG SẢN VIỆT NAM\nSơn Tịnh, ngày 20 tháng 5 năm 2024",
};

static const char *const labels[] = {
	"TT", "Họ và tên", "Chức vụ", "Cơ quan, đơn vị",
	"Số hiệu thiết bị lưu khóa bí mật (Số serial)", "Lý do",
};

static const char *const two_rows[] = {
	"1", "Trần Thị B", "Phó Chánh Văn phòng", "Văn phòng Huyện ủy",
	"0A1B2C3D", "Nhập sai mật khẩu quá 15 lần",
	"2", "Lê Văn C", "Chuyên viên", "Ban Tổ chức Huyện ủy", "T2-004512",
	"Quên mật khẩu",
};

/* Letterhead, title, addressee, the list; the caller adds the rest. */
static struct docbody *
mk12(const char *addressee, const char *const *rows, size_t n)
{
	struct docbody	*b = docbody_new();
	const char	**cells = g_new0(const char *, NCELLS(labels) + n);

	docbody_add_grid(b, mkgrid(2, letterhead, NCELLS(letterhead)));
	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ");
	docbody_add_paragraph(b, "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT");
	if (addressee != NULL)
		docbody_add_paragraph(b, addressee);
	docbody_add_paragraph(b, "Căn cứ Thông tư số 185/2019/TT-BQP ngày "
	    "04/12/2019 của Bộ trưởng Bộ Quốc phòng, Huyện ủy Sơn Tịnh đề nghị "
	    "Văn phòng Tỉnh ủy khôi phục thiết bị lưu khóa bí mật cho các thuê "
	    "bao sau:");
	memcpy(cells, labels, sizeof(labels));
	if (n > 0)
		memcpy(cells + NCELLS(labels), rows, n * sizeof(rows[0]));
	docbody_add_grid(b, mkgrid(NCELLS(labels), cells, NCELLS(labels) +
	    n));
	g_free(cells);
	return (b);
}

static void
add_signature(struct docbody *b)
{
	static const char *const sig[] = {
		"Nơi nhận:\n- Như trên,\n- Lưu VP.",
		"T/M BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nPhạm Văn D",
	};

	docbody_add_grid(b, mkgrid(2, sig, NCELLS(sig)));
}

static void
assert_coordinator(const struct form *f)
{
	ck_assert_str_eq(f->coordinator_name, "Nguyễn Văn A");
	ck_assert_str_eq(f->coordinator_phone, "84905123456");
	ck_assert_str_eq(f->coordinator_email, "a@quangngai.dcs.vn");
	ck_assert(!findings_has(&f->errors, CODE_COORDINATOR_MISSING));
}

/* A unit's công văn whose subject names the request, and no table: read
 * as the request (no rows), and kept read as a cover letter too, for the
 * message to decide (rules.c, covers_beside). A Mẫu 12 with its rows
 * keeps no such reading. */
START_TEST(recovery_subject_in_a_cover_letter)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(2, letterhead, NCELLS(letterhead)));
	docbody_add_paragraph(b, "Số 512-CV/HU");
	docbody_add_paragraph(b, "V/v đề nghị khôi phục thiết bị lưu khóa bí "
	    "mật");
	docbody_add_paragraph(b, "Kính gửi: " VPTU);
	docbody_add_paragraph(b, "Huyện ủy Sơn Tịnh gửi văn bản đề nghị khôi "
	    "phục thiết bị lưu khóa bí mật (Mẫu 12 kèm theo), đề nghị Văn "
	    "phòng Tỉnh ủy hỗ trợ.");
	add_signature(b);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_ptr_nonnull(f->as_cover);
	ck_assert_int_eq(f->as_cover->kind, KIND_COVER_LETTER);
	ck_assert_str_eq(f->as_cover->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(f->as_cover->addressee, VPTU);
	form_free(f);
	docbody_free(b);

	b = mk12("Kính gửi: " VPTU ".", two_rows, NCELLS(two_rows));
	add_signature(b);
	f = form_read(b);
	ck_assert_int_eq(f->nrows, 2);
	ck_assert_ptr_null(f->as_cover);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(recovery_etoken_coordinator_in_paragraphs)
{
	struct docbody	*b = mk12("Kính gửi: " VPTU ".", two_rows,
	    NCELLS(two_rows));
	struct form	*f;

	docbody_add_paragraph(b, "Người phối hợp hỗ trợ khôi phục thiết bị "
	    "lưu khóa bí mật:");
	docbody_add_paragraph(b, "- Họ và tên: Nguyễn Văn A");
	docbody_add_paragraph(b, "- Chức vụ: Chuyên viên Văn phòng Huyện ủy");
	docbody_add_paragraph(b, "- Số điện thoại: 0905 123 456");
	docbody_add_paragraph(b, "- Email: a@quangngai.dcs.vn");
	docbody_add_paragraph(b, "Đề nghị Văn phòng Tỉnh ủy quan tâm, hỗ trợ.");
	add_signature(b);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_str_eq(f->title, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU "
	    "KHÓA BÍ MẬT");
	ck_assert_str_eq(f->organization, "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(f->addressee, VPTU);
	ck_assert_str_eq(f->form_no, "Mẫu 12");
	ck_assert_str_eq(f->subtype, "unit");
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(f->warnings.n, 0);
	ck_assert_int_eq(f->nrows, 2);
	ck_assert_int_eq(row_errors(f), 0);
	ck_assert_int_eq(form_row(f, 0)->index, 1);
	ck_assert_int_eq(form_row(f, 0)->source_row, 2);
	ck_assert_str_eq(form_row(f, 0)->name, "Trần Thị B");
	ck_assert_str_eq(form_row(f, 0)->position, "Phó Chánh Văn phòng");
	ck_assert_str_eq(form_row(f, 0)->device_serial, "0A1B2C3D");
	ck_assert_str_eq(form_row(f, 0)->device_type, "etoken");
	ck_assert_ptr_null(form_row(f, 0)->iccid);
	ck_assert_str_eq(form_row(f, 1)->device_serial, "T2-004512");
	assert_coordinator(f);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* Two-column key/value table, and a header row over one row of values. */
START_TEST(recovery_coordinator_in_a_table)
{
	static const char *const kv[] = {
		"Họ và tên", "Nguyễn Văn A",
		"Chức vụ", "Chuyên viên",
		"Số điện thoại", "0905.123.456",
		"Thư điện tử", "a@quangngai.dcs.vn",
	};
	static const char *const header[] = {
		"Họ và tên", "Chức vụ", "Số điện thoại", "Email",
		"Nguyễn Văn A", "Chuyên viên", "+84 905 123 456",
		"a@quangngai.dcs.vn",
	};
	struct docbody	*b = mk12("Kính gửi: " VPTU, two_rows,
	    NCELLS(two_rows));
	struct form	*f;

	if (_i == 0) {
		docbody_add_paragraph(b, "Người phối hợp hỗ trợ khôi phục "
		    "thiết bị lưu khóa bí mật");
		docbody_add_grid(b, mkgrid(2, kv, NCELLS(kv)));
	} else {
		docbody_add_paragraph(b, "Cán bộ đầu mối:");
		docbody_add_grid(b, mkgrid(4, header, NCELLS(header)));
	}
	add_signature(b);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_int_eq(f->nrows, 2);
	ck_assert_int_eq(f->errors.n, 0);
	assert_coordinator(f);
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*line;
	const char	*position;
} one_lines[] = {
	{ "Người phối hợp: Nguyễn Văn A – Chuyên viên – ĐT: 0905 123 456 – "
	    "Email: a@quangngai.dcs.vn", "Chuyên viên" },
	{ "Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật: đồng chí "
	    "Nguyễn Văn A, Chuyên viên Văn phòng, số điện thoại 0905123456, "
	    "email: a@quangngai.dcs.vn.", "Chuyên viên Văn phòng" },
	{ "Người phối hợp là Đ/c Nguyễn Văn A - Chuyên viên - SĐT 0905 123 "
	    "456 - a@quangngai.dcs.vn", "Chuyên viên" },
	{ "Người phối hợp: Họ và tên: Nguyễn Văn A Chức vụ: Chuyên viên "
	    "Điện thoại: 0905 123 456 Email: a@quangngai.dcs.vn",
	    "Chuyên viên" },
};

START_TEST(recovery_coordinator_on_one_line)
{
	struct docbody	*b = mk12("Kính gửi: " VPTU, two_rows,
	    NCELLS(two_rows));
	struct form	*f;

	docbody_add_paragraph(b, one_lines[_i].line);
	docbody_add_paragraph(b, "Trân trọng.");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	assert_coordinator(f);
	ck_assert_str_eq(f->errors.n ? f->errors.v[0].detail : "", "");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* One sheet holding letterhead, title, list and coordinator rows. */
START_TEST(recovery_excel_shaped)
{
	static const char *const cells[] = {
		"HUYỆN ỦY BÌNH SƠN", NULL, NULL, "ĐẢNG CỘNG SẢN VIỆT NAM",
		"*", NULL, NULL, "Bình Sơn, ngày 3 tháng 6 năm 2024",
		"Mẫu 12", NULL, NULL, NULL,
		"DANH SÁCH ĐỀ NGHỊ KHÔI PHỤC ETOKEN", NULL, NULL, NULL,
		"Kính gửi:", VPTU, NULL, NULL,
		"STT", "Họ tên", "Số seri eToken", "Lý do",
		"1", "Võ Thị E", "0A1B2C3D", "Bị khóa do nhập sai mật khẩu",
		"Người phối hợp:", "Nguyễn Văn A", NULL, NULL,
		"Số ĐT:", "0905 123 456", NULL, NULL,
		"Email:", "a@quangngai.dcs.vn", NULL, NULL,
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_grid(b, mkgrid(4, cells, NCELLS(cells)));
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_str_eq(f->organization, "HUYỆN ỦY BÌNH SƠN");
	ck_assert_str_eq(f->form_no, "Mẫu 12");
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->name, "Võ Thị E");
	ck_assert_str_eq(form_row(f, 0)->device_serial, "0A1B2C3D");
	ck_assert_int_eq(row_errors(f), 0);
	assert_coordinator(f);
	ck_assert_int_eq(f->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*device;
	const char	*type;		/* "Loại thiết bị" cell; NULL: none */
	const char	*serial;	/* device_serial expected */
	const char	*iccid;		/* iccid expected, or NULL */
} sims[] = {
	{ IC_VT1, NULL, IC_VT1, IC_VT1 },
	/* the device number as written; the ICCID in its normal form */
	{ "8984 0400 0000 0000 017", NULL, "8984 0400 0000 0000 017", IC_VT1 },
	{ "8984040000000000018", NULL, "8984040000000000018",
	    "8984040000000000018" },		/* Luhn fails: still a SIM */
	{ "8.98404E+18", NULL, "8.98404E+18", NULL },
	{ "0A1B2C3D", "SIM PKI", "0A1B2C3D", NULL },
};

START_TEST(recovery_iccid_device_is_sim_recovery)
{
	const char *rows[] = {
		"1", "Trần Thị B", "Bí thư", "Đảng ủy xã Tịnh Hà",
		sims[_i].device, sims[_i].type,
	};
	static const char *const lab[] = { "TT", "Họ và tên", "Chức vụ",
	    "Đơn vị", "Số ICCID", "Loại thiết bị" };
	const char	*cells[12];
	struct docbody	*b = docbody_new();
	struct form	*f;

	memcpy(cells, lab, sizeof(lab));
	memcpy(cells + 6, rows, sizeof(rows));
	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA "
	    "BÍ MẬT");
	docbody_add_paragraph(b, "Kính gửi: " VPTU);
	docbody_add_grid(b, mkgrid(6, cells, 12));
	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – 0905 123 456");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_SIM_RECOVERY);
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->device_type, "sim");
	ck_assert_str_eq(form_row(f, 0)->device_serial, sims[_i].serial);
	if (sims[_i].iccid != NULL)
		ck_assert_str_eq(form_row(f, 0)->iccid, sims[_i].iccid);
	else
		ck_assert_ptr_null(form_row(f, 0)->iccid);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(row_errors(f), 0);
	ck_assert_str_eq(f->coordinator_name, "Nguyễn Văn A");
	form_free(f);
	docbody_free(b);
}
END_TEST

/* An eToken request to the Cục is wrong; a SIM one is redirected, not
 * rejected for it. */
START_TEST(recovery_addressed_to_the_cuc)
{
	static const char *const sim_row[] = {
		"1", "Trần Thị B", "Bí thư", "Đảng ủy xã", IC_VT1, "Bị khóa",
	};
	struct docbody	*b = mk12("Kính gửi: " CUC, _i == 0 ? two_rows :
	    sim_row, _i == 0 ? NCELLS(two_rows) : NCELLS(sim_row));
	struct form	*f;

	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – Chuyên viên – "
	    "ĐT: 0905 123 456 – Email: a@quangngai.dcs.vn");
	f = form_read(b);
	ck_assert_str_eq(f->addressee, CUC);
	if (_i == 0) {
		ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
		ck_assert_int_eq(f->errors.n, 1);
		ck_assert_str_eq(detail(&f->errors, CODE_WRONG_ADDRESSEE),
		    "addressed to \"" CUC "\"; an eToken recovery request "
		    "(Mẫu 12) goes to Văn phòng Tỉnh ủy, not the Cục");
	} else {
		ck_assert_int_eq(f->kind, KIND_SIM_RECOVERY);
		ck_assert_int_eq(f->errors.n, 0);
	}
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*lines[3];
	enum code	 code;
	const char	*detail;
} coords[] = {
	{ { "Đề nghị Văn phòng Tỉnh ủy hỗ trợ." }, CODE_COORDINATOR_MISSING,
	    "no coordinator (Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa "
	    "bí mật) with a name and a phone number" },
	{ { "Người phối hợp hỗ trợ khôi phục thiết bị lưu khóa bí mật:",
	    "Họ và tên: Nguyễn Văn A", "Chức vụ: Chuyên viên" },
	    CODE_COORDINATOR_MISSING,
	    "no phone number for the coordinator Nguyễn Văn A" },
	{ { "Người phối hợp:", "Số điện thoại: 0905 123 456" },
	    CODE_COORDINATOR_MISSING, "the coordinator's name is missing" },
	{ { "Người phối hợp: Nguyễn Văn A, ĐT: 0255 3822 123" },
	    CODE_PHONE_INVALID, "the coordinator's phone number 0255 3822 123 "
	    "is a landline number" },
	{ { "Người phối hợp: Nguyễn Văn A, ĐT: 0905 123 45" },
	    CODE_PHONE_INVALID, "the coordinator's phone number 0905 123 45 "
	    "has 9 digits" },
	{ { "Người phối hợp: Nguyễn Văn A, ĐT: 0905 123 456, Email: "
	    "nva.sontinh@gmail.com" }, CODE_EMAIL_PUBLIC_DOMAIN,
	    "the coordinator's e-mail nva.sontinh@gmail.com is not an official "
	    "address" },
};

START_TEST(recovery_coordinator_findings)
{
	struct docbody	*b = mk12("Kính gửi: " VPTU, two_rows,
	    NCELLS(two_rows));
	struct form	*f;

	for (size_t i = 0; i < 3 && coords[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, coords[_i].lines[i]);
	add_signature(b);
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_int_eq(f->errors.n, 1);
	ck_assert_str_eq(detail(&f->errors, coords[_i].code),
	    coords[_i].detail);
	ck_assert_int_eq(row_errors(f), 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(recovery_row_findings)
{
	static const char *const rows[] = {
		"1", "Trần Thị B", "Phó Chánh Văn phòng", "VP", NULL,
		"Nhập sai mật khẩu quá 15 lần",
		"2", NULL, "Chuyên viên", "VP", "0A1B2C3D", "Quên mật khẩu",
		"3", "Lê Văn C", NULL, "VP", "0A1B2C3E", "Quên mật khẩu",
	};
	struct docbody	*b = mk12("Kính gửi: " VPTU, rows, NCELLS(rows));
	struct form	*f;

	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – Chuyên viên – "
	    "ĐT: 0905 123 456 – Email: a@quangngai.dcs.vn");
	f = form_read(b);
	ck_assert_int_eq(f->nrows, 3);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_int_eq(form_row(f, 0)->errors.n, 1);
	ck_assert_str_eq(detail(&form_row(f, 0)->errors, CODE_SERIAL_MISSING),
	    "row 1: no device number");
	ck_assert_ptr_null(form_row(f, 0)->device_serial);
	ck_assert_int_eq(form_row(f, 1)->errors.n, 1);
	ck_assert_str_eq(detail(&form_row(f, 1)->errors, CODE_NAME_MISSING),
	    "row 2: no name");
	ck_assert_int_eq(form_row(f, 2)->errors.n, 1);
	ck_assert_str_eq(detail(&form_row(f, 2)->errors, CODE_POSITION_MISSING),
	    "row 3: no position");
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(recovery_subscriber_email_public_domain)
{
	static const char *const cells[] = {
		"TT", "Họ và tên", "Chức vụ", "Số serial", "Email", "Lý do",
		"1", "Trần Thị B", "Bí thư", "0A1B2C3D", "ttb@yahoo.com.vn",
		"Bị khóa",
		"2", "Lê Văn C", "Phó Bí thư", "0A1B2C3E",
		"lvc@quangngai.gov.vn", "Bị khóa",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT");
	docbody_add_grid(b, mkgrid(6, cells, NCELLS(cells)));
	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – 0905123456");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_ptr_null(f->addressee);
	ck_assert_int_eq(f->errors.n, 0);
	ck_assert_str_eq(form_row(f, 0)->email, "ttb@yahoo.com.vn");
	ck_assert_str_eq(detail(&form_row(f, 0)->errors, CODE_EMAIL_PUBLIC_DOMAIN),
	    "row 1: ttb@yahoo.com.vn is not an official address");
	ck_assert_int_eq(form_row(f, 1)->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

START_TEST(recovery_no_rows_and_columns_missing)
{
	static const char *const no_device[] = {
		"TT", "Họ và tên", "Chức vụ", "Lý do",
		"1", "Trần Thị B", "Bí thư", "Bị khóa",
	};
	struct docbody	*b;
	struct form	*f;

	/* A title, then only the header. */
	b = mk12("Kính gửi: " VPTU, NULL, 0);
	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – 0905123456");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_int_eq(f->nrows, 0);
	ck_assert_int_eq(f->errors.n, 1);
	ck_assert_str_eq(detail(&f->errors, CODE_NO_ROWS),
	    "the table lists no subscriber");
	form_free(f);
	docbody_free(b);

	/* A title and no table at all. */
	b = docbody_new();
	docbody_add_paragraph(b, "V/v đề nghị khôi phục thiết bị lưu khóa bí "
	    "mật");
	docbody_add_paragraph(b, "Kính gửi: " VPTU);
	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – 0905123456");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_str_eq(detail(&f->errors, CODE_NO_ROWS),
	    "no table of the subscribers whose device is locked");
	form_free(f);
	docbody_free(b);

	/* A list without the device column. */
	b = docbody_new();
	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA "
	    "BÍ MẬT");
	docbody_add_grid(b, mkgrid(4, no_device, NCELLS(no_device)));
	docbody_add_paragraph(b, "Người phối hợp: Nguyễn Văn A – 0905123456");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_int_eq(f->errors.n, 1);
	ck_assert_str_eq(detail(&f->errors, CODE_COLUMNS_MISSING),
	    "the table has no column for: Số hiệu thiết bị");
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*caption;	/* NULL: none */
	const char	*title;
	const char	*device;
	enum kind	 kind;
} individuals[] = {
	{ "Mẫu 11", "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT",
	    "0A1B2C3D", KIND_ETOKEN_RECOVERY },
	{ NULL, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT CỦA THUÊ "
	    "BAO", "0A1B2C3D", KIND_ETOKEN_RECOVERY },
	{ NULL, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", IC_VT1,
	    KIND_SIM_RECOVERY },
};

START_TEST(recovery_individual_form)
{
	struct docbody	*b = docbody_new();
	struct form	*f;
	char		*dev;

	docbody_add_paragraph(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	docbody_add_paragraph(b, "Độc lập - Tự do - Hạnh phúc");
	if (individuals[_i].caption != NULL)
		docbody_add_paragraph(b, individuals[_i].caption);
	docbody_add_paragraph(b, individuals[_i].title);
	docbody_add_paragraph(b, "Kính gửi: Huyện ủy Sơn Tịnh");
	docbody_add_paragraph(b, "Họ và tên: Trần Thị B");
	docbody_add_paragraph(b, "Số CMND/CCCD: 051190001234, ngày cấp: "
	    "01/01/2021");
	docbody_add_paragraph(b, "Chức vụ: Bí thư Đảng ủy xã Tịnh Hà");
	dev = g_strconcat("Số hiệu thiết bị lưu khóa bí mật: ",
	    individuals[_i].device, NULL);
	docbody_add_paragraph(b, dev);
	g_free(dev);
	docbody_add_paragraph(b, "Lý do đề nghị khôi phục: nhập sai mật khẩu "
	    "quá 15 lần");
	docbody_add_paragraph(b, "Tôi xin cam đoan những thông tin trên là "
	    "đúng sự thật.");
	docbody_add_paragraph(b, "NGƯỜI ĐỀ NGHỊ");
	f = form_read(b);
	ck_assert_int_eq(f->kind, individuals[_i].kind);
	ck_assert_str_eq(f->subtype, "individual");
	ck_assert_str_eq(f->form_no, "Mẫu 11");
	ck_assert_int_eq(f->errors.n, 1);
	ck_assert_str_eq(detail(&f->errors, CODE_INDIVIDUAL_FORM),
	    "a subscriber's own request (Mẫu 11) goes to the managing unit, "
	    "which sends one Mẫu 12 for its subscribers");
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->name, "Trần Thị B");
	ck_assert_str_eq(form_row(f, 0)->position, "Bí thư Đảng ủy xã Tịnh Hà");
	ck_assert_str_eq(form_row(f, 0)->device_serial, individuals[_i].device);
	ck_assert_int_eq(form_row(f, 0)->errors.n, 0);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A Mẫu 11 without a device number still says what it lacks. */
START_TEST(recovery_individual_without_device)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "Mẫu 11");
	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA "
	    "BÍ MẬT");
	docbody_add_paragraph(b, "Họ và tên: Trần Thị B");
	docbody_add_paragraph(b, "Email: ttb@gmail.com");
	f = form_read(b);
	ck_assert(findings_has(&f->errors, CODE_INDIVIDUAL_FORM));
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(detail(&form_row(f, 0)->errors, CODE_SERIAL_MISSING),
	    "row 1: no device number");
	ck_assert(findings_has(&form_row(f, 0)->errors, CODE_EMAIL_PUBLIC_DOMAIN));
	ck_assert_ptr_null(form_row(f, 0)->device_type);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* The first person opener is what tells a Mẫu 11 with no caption, no CMND
 * line and no "của thuê bao" from a unit's letter (blind set 4, case 36). */
static const char *const openers[] = {
	"Tên tôi là: Lê Văn Tùng", "Tôi tên là: Lê Văn Tùng",
	"Tôi là: Lê Văn Tùng",
};

START_TEST(recovery_individual_first_person)
{
	struct docbody	*b = docbody_new();
	struct form	*f;

	docbody_add_paragraph(b, "VĂN BẢN ĐỀ NGHỊ");
	docbody_add_paragraph(b, "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT");
	docbody_add_paragraph(b, "Kính gửi: Huyện ủy Nghĩa Hành");
	docbody_add_paragraph(b, openers[_i]);
	docbody_add_paragraph(b, "Chức vụ: Phó Chánh Văn phòng Huyện ủy");
	docbody_add_paragraph(b, "Số hiệu thiết bị lưu khóa bí mật: 7D3C2B1A");
	docbody_add_paragraph(b, "Lý do: Nhập sai mật khẩu quá 15 lần.");
	f = form_read(b);
	ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
	ck_assert_str_eq(f->subtype, "individual");
	ck_assert(findings_has(&f->errors, CODE_INDIVIDUAL_FORM));
	ck_assert(!findings_has(&f->errors, CODE_NO_ROWS));
	ck_assert(!findings_has(&f->errors, CODE_COORDINATOR_MISSING));
	ck_assert_int_eq(f->nrows, 1);
	ck_assert_str_eq(form_row(f, 0)->device_serial, "7D3C2B1A");
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*lines[3];	/* before the table; NULL: none */
	bool		 strict;	/* the table has a reason column */
	enum kind	 kind;
} recognitions[] = {
	/* Subject of a letter, broken over two lines. */
	{ { "V/v đề nghị khôi phục thiết bị", "lưu khóa bí mật" }, true,
	    KIND_ETOKEN_RECOVERY },
	{ { "V/v đề nghị hỗ trợ khôi phục eToken" }, false,
	    KIND_ETOKEN_RECOVERY },
	{ { "Mẫu 12", "Huyện ủy đề nghị khôi phục cho các đồng chí sau" },
	    false, KIND_ETOKEN_RECOVERY },
	{ { "Mẫu số 12 - ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT" },
	    false, KIND_ETOKEN_RECOVERY },
	/* The table alone, when it asks for an unlock. */
	{ { NULL }, true, KIND_ETOKEN_RECOVERY },
	{ { NULL }, false, KIND_UNKNOWN },
	/* Questions and mentions are no request. */
	{ { "V/v đề nghị hướng dẫn khôi phục thiết bị lưu khóa bí mật" },
	    false, KIND_UNKNOWN },
	{ { "V/v hỏi về việc khôi phục chữ ký số" }, false, KIND_UNKNOWN },
	{ { "Mẫu 12" }, false, KIND_UNKNOWN },
};

START_TEST(recovery_recognition)
{
	static const char *const strict[] = {
		"TT", "Họ và tên", "Số serial", "Lý do",
		"1", "Trần Thị B", "0A1B2C3D", "Bị khóa",
	};
	static const char *const loose[] = {
		"TT", "Họ và tên", "Số serial", "Ghi chú",
		"1", "Trần Thị B", "0A1B2C3D", "",
	};
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t i = 0; i < 3 && recognitions[_i].lines[i] != NULL; i++)
		docbody_add_paragraph(b, recognitions[_i].lines[i]);
	docbody_add_grid(b, mkgrid(4, recognitions[_i].strict ? strict :
	    loose, 8));
	f = form_read(b);
	ck_assert_int_eq(f->kind, recognitions[_i].kind);
	if (f->kind == KIND_UNKNOWN)
		ck_assert_int_eq(f->nrows, 0);
	else
		ck_assert_int_eq(f->nrows, 1);
	form_free(f);
	docbody_free(b);
}
END_TEST

/* A header is looked for in the first FORM_HEADER_ROWS rows of a table. */
START_TEST(recovery_header_row_limit)
{
	static const char *const head[] = { "TT", "Họ và tên", "Số serial",
	    "Lý do" };
	static const char *const data[] = { "1", "Trần Thị B", "0A1B2C3D",
	    "Bị khóa" };
	size_t		 at = FORM_HEADER_ROWS - 2 + _i;
	struct grid	*g = grid_new("Sheet1");
	struct docbody	*b = docbody_new();
	struct form	*f;

	for (size_t c = 0; c < 4; c++) {
		grid_set(g, at, c, CELL_TEXT, head[c], LIMIT_MAX_CELLS);
		grid_set(g, at + 1, c, CELL_TEXT, data[c], LIMIT_MAX_CELLS);
	}
	docbody_add_grid(b, g);
	f = form_read(b);
	if (at < FORM_HEADER_ROWS) {
		ck_assert_int_eq(f->kind, KIND_ETOKEN_RECOVERY);
		ck_assert_int_eq(f->nrows, 1);
		ck_assert_int_eq(form_row(f, 0)->source_row, at + 2);
	} else
		ck_assert_int_eq(f->kind, KIND_UNKNOWN);
	form_free(f);
	docbody_free(b);
}
END_TEST

static const struct {
	const char	*line;
	const char	*fields;	/* "F=value|…" */
} lines[] = {
	{ "Họ và tên: Nguyễn Văn A", "N=Nguyễn Văn A" },
	{ "- Số điện thoại (di động): 0905 123 456.", "P=0905 123 456." },
	{ "Nguyễn Văn A – Chuyên viên – ĐT: 0905 123 456",
	    "?=Nguyễn Văn A|?=Chuyên viên|P=0905 123 456" },
	{ "Họ và tên: A Chức vụ: B Email: c@d.vn", "N=A|C=B|E=c@d.vn" },
	{ "email a@b.vn; SĐT 0905123456", "E=a@b.vn|P=0905123456" },
	{ "Họ và tên:", "N=" },
	{ "Số hiệu thiết bị lưu khóa bí mật (Serial): 0A1B", "D=0A1B" },
	{ "Lý do đề nghị khôi phục thiết bị: quên mật khẩu",
	    "R=quên mật khẩu" },
	{ "Số CMND/CCCD: 051190001234", "I=051190001234" },
	{ "số tiền 1,500 đồng", "?=số tiền 1,500 đồng" },
	{ "", "" },
};

/* The "label: value" reading every Mẫu shares. */
START_TEST(form_line_fields_cases)
{
	static const char letters[FIELD__COUNT] = {
		[FIELD_NONE] = '?', [FIELD_TT] = 'T', [FIELD_NAME] = 'N',
		[FIELD_POSITION] = 'C', [FIELD_UNIT] = 'U',
		[FIELD_PHONE] = 'P', [FIELD_EMAIL] = 'E', [FIELD_ID] = 'I',
		[FIELD_DEVICE] = 'D', [FIELD_DEVICE_TYPE] = 'Y',
		[FIELD_REASON] = 'R',
	};
	struct form_kv	 kv[FORM_KV_MAX];
	size_t		 n = form_line_fields(lines[_i].line, kv);
	GString		*s = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%s%c=%s", i ? "|" : "",
		    letters[kv[i].field], kv[i].value);
	ck_assert_str_eq(s->str, lines[_i].fields);
	g_string_free(s, TRUE);
	form_kv_clear(kv, n);
}
END_TEST

/* At most FORM_KV_MAX fields from one line, however long. */
START_TEST(form_line_fields_limit)
{
	struct form_kv	 kv[FORM_KV_MAX];
	GString		*s = g_string_new(NULL);
	size_t		 n;

	for (int i = 0; i < FORM_KV_MAX - 1 + _i; i++)
		g_string_append_printf(s, "%sEmail: a%d@b.vn", i ? "; " : "",
		    i);
	n = form_line_fields(s->str, kv);
	ck_assert_uint_eq(n, FORM_KV_MAX - 1 + (_i > 1 ? 1 : _i));
	form_kv_clear(kv, n);
	g_string_free(s, TRUE);
}
END_TEST

/* Grids and lines drawn from what recovery requests hold, in any order:
 * whatever the recognisers make of them, they stay within the body. */
START_TEST(recovery_random_bodies_stay_bounded)
{
	static const char *const vocab[] = {
		NULL, "", "TT", "Họ và tên", "Chức vụ", "Số serial", "Lý do",
		"VĂN BẢN ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT", "Mẫu 11",
		"Mẫu 12", "Kính gửi:", "Người phối hợp:", "Họ và tên:",
		"Số điện thoại:", "Email: a@gmail.com", "0905 123 456",
		IC_VT1, "0A1B2C3D", "Nguyễn Văn A", "Chuyên viên", ": : :",
		"– – –", "Nơi nhận:", "\xff\xfe", "BÁO CÁO chữ ký số",
		"BIÊN BẢN GIAO/NHẬN THIẾT BỊ", "ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ",
		"Tôi", "Số CMND:", "SIM PKI", "Loại thiết bị",
	};
	GRand	*rnd = g_rand_new_with_seed(1871 + _i);

	for (int round = 0; round < 30; round++) {
		struct docbody	*b = docbody_new();
		size_t		 nr = g_rand_int_range(rnd, 0, 10);
		size_t		 nc = g_rand_int_range(rnd, 1, 6);
		size_t		 cells = 0;
		struct form	*f;

		for (int k = g_rand_int_range(rnd, 0, 6); k > 0; k--)
			docbody_add_paragraph(b, vocab[g_rand_int_range(rnd,
			    1, NCELLS(vocab))]);
		for (int k = g_rand_int_range(rnd, 0, 3); k > 0; k--) {
			const char **v = g_new0(const char *, nr * nc + 1);

			for (size_t i = 0; i < nr * nc; i++)
				v[i] = vocab[g_rand_int_range(rnd, 0,
				    NCELLS(vocab))];
			docbody_add_grid(b, mkgrid(nc, v, nr * nc));
			cells += nr;
			g_free(v);
		}
		f = form_read(b);
		ck_assert_uint_le(f->nrows, cells + 1);
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
form_recovery_suite(void)
{
	Suite	*s = suite_create("form_recovery");
	TCase	*tc = tcase_create("mau_11_12");

	tcase_add_test(tc, recovery_etoken_coordinator_in_paragraphs);
	tcase_add_test(tc, recovery_subject_in_a_cover_letter);
	tcase_add_loop_test(tc, recovery_coordinator_in_a_table, 0, 2);
	tcase_add_loop_test(tc, recovery_coordinator_on_one_line, 0,
	    NCELLS(one_lines));
	tcase_add_test(tc, recovery_excel_shaped);
	tcase_add_loop_test(tc, recovery_iccid_device_is_sim_recovery, 0,
	    NCELLS(sims));
	tcase_add_loop_test(tc, recovery_addressed_to_the_cuc, 0, 2);
	tcase_add_loop_test(tc, recovery_coordinator_findings, 0,
	    NCELLS(coords));
	tcase_add_test(tc, recovery_row_findings);
	tcase_add_test(tc, recovery_subscriber_email_public_domain);
	tcase_add_test(tc, recovery_no_rows_and_columns_missing);
	tcase_add_loop_test(tc, recovery_individual_form, 0,
	    NCELLS(individuals));
	tcase_add_test(tc, recovery_individual_without_device);
	tcase_add_loop_test(tc, recovery_individual_first_person, 0,
	    NCELLS(openers));
	tcase_add_loop_test(tc, recovery_recognition, 0,
	    NCELLS(recognitions));
	tcase_add_loop_test(tc, recovery_header_row_limit, 0, 3);
	tcase_add_loop_test(tc, form_line_fields_cases, 0, NCELLS(lines));
	tcase_add_loop_test(tc, form_line_fields_limit, 0, 3);
	tcase_add_loop_test(tc, recovery_random_bodies_stay_bounded, 0, 20);
	suite_add_tcase(s, tc);
	return (s);
}
