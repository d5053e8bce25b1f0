/* check-position.c: positions as units write them in a SIM PKI list, and
 * whether each is a leadership post the letter's §6 lists. */
#include <check.h>
#include <string.h>

#include "parsers/position.h"

static const struct {
	const char	*position;
	bool		 eligible;
} cases[] = {
	{ "Bí thư Huyện ủy", true },
	{ "Phó Bí thư Thường trực Huyện ủy", true },
	{ "Phó Bí thư Đảng ủy xã Tịnh Hà", true },
	{ "BÍ THƯ ĐẢNG ỦY THỊ TRẤN", true },
	{ "bi thu dang uy phuong", true },
	{ "Trưởng Ban Tuyên giáo Huyện ủy", true },
	{ "Phó Trưởng Ban Tổ chức Tỉnh ủy", true },
	{ "Trưởng phòng CNTT", true },
	{ "Phó trưởng phòng CNTT", true },
	{ "Phó Trưởng phòng Tổng hợp", true },
	{ "Chánh Văn phòng Huyện ủy", true },
	{ "Phó Chánh Văn phòng Tỉnh ủy", true },
	{ "Chủ tịch Ủy ban MTTQ Việt Nam huyện", true },
	{ "Phó Chủ tịch Hội Nông dân huyện", true },
	{ "Phó Chủ tịch Ủy ban MTTQVN-huyện Sơn Tịnh", true },
	{ "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", true },
	{ "Phó Chủ nhiệm UBKT Đảng ủy Khối", true },
	{ "Tổng Biên tập Báo Quảng Ngãi", true },
	{ "Phó Tổng Biên tập", true },
	{ "Giám đốc Trung tâm Chính trị huyện", true },
	{ "Phó Giám đốc Trung tâm", true },
	{ "Thường trực Huyện ủy", true },
	{ "Ủy viên Thường trực Ủy ban MTTQ tỉnh", true },
	{ "Huyện ủy viên, Chánh Văn phòng", true },
	{ "Ủy viên BTV Huyện ủy kiêm Trưởng Ban Dân vận", true },
	{ "Ủy viên Ban Thường vụ - Trưởng Ban Tổ chức", true },
	{ "Tỉnh ủy viên; Bí thư Huyện ủy", true },
	{ "Phó Ban Tuyên giáo", true },
	{ "Phó phòng Tổ chức", true },
	{ "Phó Văn phòng Huyện ủy", true },
	{ "Quyền Trưởng phòng", true },
	{ "Q. Trưởng phòng Hành chính", true },
	{ "P. Trưởng phòng", true },
	{ "PCT UBND huyện", true },
	{ "PBT Đảng ủy xã", true },
	{ "TP. Tổng hợp", true },
	{ "CVP Huyện ủy", true },
	{ "PGĐ Trung tâm", true },
	{ "Viện trưởng", true },
	{ "Cục trưởng", true },
	{ "Trưởng ban", true },
	{ "Bí thư Huyện đoàn", true },
	{ "Chủ tịch UBMTTQ thị xã Đức Phổ", true },
	{ "Trưởng phòng Lao động - Thương binh và Xã hội", true },
	{ "Phó Trưởng phòng Văn hóa - Xã hội", true },
	{ "Bí thư Đảng ủy xã kiêm Chủ tịch HĐND xã", true },
	{ "Phó Bí thư Thường trực Đảng ủy phường Nghĩa Lộ", true },
	/* not leaders */
	{ "Chuyên viên", false },
	{ "Chuyên viên Ban Tổ chức Tỉnh ủy", false },
	{ "Chuyên viên chính", false },
	{ "Cán bộ", false },
	{ "Cán bộ Văn phòng Huyện ủy", false },
	{ "Nhân viên", false },
	{ "Văn thư", false },
	{ "Văn thư - Lưu trữ", false },
	{ "Kế toán", false },
	{ "Kế toán trưởng", false },
	{ "Lái xe", false },
	{ "Thủ quỹ", false },
	{ "Phóng viên", false },
	{ "Biên tập viên", false },
	{ "Giáo viên Trường THCS Tịnh Hà", false },
	{ "Ủy viên Ban Thường vụ Huyện ủy", false },
	{ "Huyện ủy viên", false },
	{ "Nguyên Bí thư Huyện ủy", false },
	{ "Bí thư Chi bộ", false },
	{ "Bí thư chi bộ kiêm Trưởng thôn", false },
	{ "Trưởng thôn An Hòa", false },
	{ "Bí thư Chi đoàn", false },
	{ "Phó", false },
	{ "Phụ trách kế toán", false },
	{ "Hợp đồng", false },
	{ "Kỹ thuật viên", false },
	{ "Bảo vệ", false },
	{ "Phụ trách phòng", false },
	{ "", false },
	{ "---", false },
	{ "Nhân viên, Thư ký", false },
	/* of a commune, ward or township: only its đảng ủy's (§6 (4)) */
	{ "Chủ tịch Ủy ban MTTQ Việt Nam xã", false },
	{ "Phó Chủ tịch UBND xã Tịnh Hà", false },
	{ "Bí thư Đoàn xã", false },
	{ "Chủ tịch Hội Nông dân phường Trần Phú", false },
	{ "Phó Chủ tịch Ủy ban MTTQ thị trấn La Hà", false },
	{ "Trưởng Công an xã", false },
};

START_TEST(position_table)
{
	ck_assert_msg(position_eligible(cases[_i].position) ==
	    cases[_i].eligible, "\"%s\" should%s be eligible",
	    cases[_i].position, cases[_i].eligible ? "" : " not");
}
END_TEST

START_TEST(position_null_and_length_limit)
{
	char	buf[POSITION_MAX_LEN + 2];

	ck_assert(!position_eligible(NULL));
	for (int d = -1; d <= 1; d++) {
		size_t n = POSITION_MAX_LEN + d;

		memset(buf, ' ', n);
		memcpy(buf, "Trưởng phòng", strlen("Trưởng phòng"));
		buf[n] = '\0';
		ck_assert_int_eq(position_eligible(buf), d <= 0);
	}
}
END_TEST

Suite *
position_suite(void)
{
	Suite	*s = suite_create("position");
	TCase	*tc = tcase_create("eligible");

	tcase_add_loop_test(tc, position_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, position_null_and_length_limit);
	suite_add_tcase(s, tc);
	return (s);
}
