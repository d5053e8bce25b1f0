/* check-template.c: the template language (file:line for every mistake),
 * the letter files, and how the letters write names, numbers and dates. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include <stdlib.h>

#include <glib/gstdio.h>

#include "outbox/template.h"
#include "outbox/templates.h"
#include "outbox/texts-vi.h"
#include "outbox/wording.h"

static const char *const fruits[] = { "cam", "quýt", NULL };
static const char *const none[] = { NULL };

static const struct template_value vals[] = {
	{ "unit", "Huyện ủy Sơn Tịnh", NULL },
	{ "empty", "", NULL },
	{ "null", NULL, NULL },
	{ "yes", "1", NULL },
	{ "trick", "{{unit}} and {{#yes}}x{{/yes}}", NULL },
	{ "fruits", NULL, fruits },
	{ "none", NULL, none },
};

static const struct template_name names[] = {
	{ "unit", TEMPLATE_TEXT }, { "empty", TEMPLATE_TEXT },
	{ "null", TEMPLATE_TEXT }, { "yes", TEMPLATE_TEXT },
	{ "trick", TEMPLATE_TEXT }, { "fruits", TEMPLATE_LIST },
	{ "none", TEMPLATE_LIST },
};

/* Parses and renders src; returns the text, or NULL with the cause. */
static char *
run_text(const char *src, char **cause_r)
{
	struct template	*t;
	char		*out = NULL, *cause = NULL;

	t = template_parse("t.txt", src, names, G_N_ELEMENTS(names), &cause);
	if (t != NULL) {
		ck_assert_int_eq(template_render(t, vals, G_N_ELEMENTS(vals),
		    &out, &cause), 0);
		template_free(t);
	} else
		ck_assert_ptr_nonnull(cause);
	if (cause_r != NULL)
		*cause_r = cause;
	else
		g_free(cause);
	return (out);
}

/* The old tables wrote a template as lines; files are one text. */
static char *
run(const char *const *lines, char **cause_r)
{
	GString	*s = g_string_new(NULL);
	char	*out;

	for (size_t i = 0; lines[i] != NULL; i++)
		g_string_append_printf(s, "%s\n", lines[i]);
	out = run_text(s->str, cause_r);
	g_string_free(s, TRUE);
	return (out);
}

struct ok_case {
	const char	*lines[6];
	const char	*want;
};

static const struct ok_case ok_cases[] = {
	{ { "Kính gửi: {{unit}},", NULL }, "Kính gửi: Huyện ủy Sơn Tịnh,\n" },
	{ { "a", "", "b", NULL }, "a\n\nb\n" },
	{ { "[{{null}}][{{empty}}]", NULL }, "[][]\n" },
	{ { "{{trick}}", NULL }, "{{unit}} and {{#yes}}x{{/yes}}\n" },
	{ { "{{#yes}}on{{/yes}}{{#empty}}off{{/empty}}{{#null}}n{{/null}}",
	    NULL }, "on\n" },
	{ { "{{^empty}}e{{/empty}}{{^yes}}y{{/yes}}{{^none}}0{{/none}}"
	    "{{^fruits}}f{{/fruits}}", NULL }, "e0\n" },
	{ { "{{#fruits}}<{{.}}>{{/fruits}}", NULL }, "<cam><quýt>\n" },
	{ { "{{#none}}x{{/none}}.", NULL }, ".\n" },
	{ { "top", "{{#fruits}}", "- {{.}}", "{{/fruits}}", "end", NULL },
	    "top\n- cam\n- quýt\nend\n" },
	{ { "{{#null}}", "hidden", "{{/null}}", "shown", NULL }, "shown\n" },
	{ { "{{^yes}}{{^empty}}", "hidden", "{{/empty}}{{/yes}}", NULL }, "" },
	{ { "{{#fruits}}{{#yes}}{{.}}{{unit}};{{/yes}}{{/fruits}}", NULL },
	    "camHuyện ủy Sơn Tịnh;quýtHuyện ủy Sơn Tịnh;\n" },
	{ { "{{#yes}}{{#yes}}in{{/yes}}out{{/yes}}", NULL }, "inout\n" },
	{ { "{ {unit} } }}", NULL }, "{ {unit} } }}\n" },
	{ { "{{! a comment }}", "x{{! inline }}y", NULL }, "xy\n" },
	{ { "  {{#yes}}  ", "in", "  {{/yes}}", NULL }, "in\n" },
};

START_TEST(template_renders)
{
	const struct ok_case	*c = &ok_cases[_i];
	char			*cause = NULL, *out;

	out = run(c->lines, &cause);
	ck_assert_msg(out != NULL, "case %d: %s", _i, cause);
	ck_assert_str_eq(out, c->want);
	g_free(out);
}
END_TEST

struct bad_case {
	const char	*lines[4];
	const char	*cause_has;
};

static const struct bad_case bad_cases[] = {
	{ { "Kính gửi {{nobody}}", NULL }, "t.txt:1: unknown name {{nobody}}" },
	{ { "a", "{{#nobody}}x{{/nobody}}", NULL }, "t.txt:2: unknown name" },
	{ { "{{ unit }}", NULL }, "t.txt:1: \"{{ unit }}\" is not a name" },
	{ { "{{.}}", NULL }, "t.txt:1: {{.}} outside a list" },
	{ { "a", "b", "open {{unit", NULL }, "t.txt:3: a tag opened" },
	{ { "{{#yes}}never closed", NULL }, "t.txt:1: {{#yes}} is never "
	    "closed" },
	{ { "{{/yes}}", NULL }, "t.txt:1: {{/yes}} closes no section" },
	{ { "{{#yes}}", "{{/fruits}}", NULL }, "t.txt:2: {{/fruits}} closes "
	    "{{#yes}} of line 1" },
	{ { "{{fruits}}", NULL }, "t.txt:1: {{fruits}} is a list" },
	{ { "{{#yes}}{{.}}{{/yes}}", NULL }, "outside a list" },
};

START_TEST(template_refuses)
{
	const struct bad_case	*c = &bad_cases[_i];
	char			*cause = NULL, *out;

	out = run(c->lines, &cause);
	ck_assert_ptr_null(out);
	ck_assert_msg(strstr(cause, c->cause_has) != NULL, "%s", cause);
	g_free(cause);
}
END_TEST

/* _i sections nested: TEMPLATE_MAX_DEPTH - 1, at, and one past. */
START_TEST(template_nesting_limit)
{
	int		 depth = TEMPLATE_MAX_DEPTH - 1 + _i;
	GString		*s = g_string_new(NULL);
	char		*cause = NULL, *out;

	for (int i = 0; i < depth; i++)
		g_string_append(s, "{{#yes}}");
	g_string_append(s, "deep");
	for (int i = 0; i < depth; i++)
		g_string_append(s, "{{/yes}}");
	out = run_text(s->str, &cause);
	if (depth <= TEMPLATE_MAX_DEPTH) {
		ck_assert_str_eq(out, "deep");
	} else {
		ck_assert_ptr_null(out);
		ck_assert_ptr_nonnull(strstr(cause, "t.txt:1: sections "
		    "nested deeper"));
	}
	g_free(cause);
	g_free(out);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(texts_every_code_has_a_sentence)
{
	const char *s = texts_vi_code(_i);

	ck_assert_ptr_nonnull(s);
	ck_assert_str_ne(s, texts_vi_code(CODE__COUNT));
	ck_assert_int_gt(strlen(s), 5);
	ck_assert(g_utf8_validate(s, -1, NULL));
	if (code_is_warning(_i))
		ck_assert_ptr_null(texts_vi_code_fix(_i));
	else
		ck_assert_msg(texts_vi_code_fix(_i) != NULL, "%s",
		    code_name(_i));
}
END_TEST

START_TEST(texts_sentences_named_in_the_brief)
{
	ck_assert_str_eq(texts_vi_code(CODE_PHONE_INVALID),
	    "Số điện thoại không hợp lệ");
	/* no "Luhn": a district clerk reads what is wrong, not how */
	ck_assert_str_eq(texts_vi_code(CODE_ICCID_CHECKSUM),
	    "Số ICCID không đúng (chữ số kiểm tra ở cuối không khớp)");
	ck_assert_str_eq(texts_vi_code(CODE_PHONE_OLD_FORMAT),
	    "Số điện thoại ghi theo đầu số cũ 11 chữ số");
	for (int k = 0; k < KIND__COUNT; k++)
		ck_assert_int_gt(strlen(texts_vi_kind(k)), 3);
}
END_TEST

static const char *
templates_dir(void)
{
	const char *d = getenv("HOTROCKS_TEMPLATES");

	return (d != NULL ? d : "outbox/templates");
}

/* Every letter file loads, and renders with every flag on and off. */
START_TEST(templates_every_file_renders)
{
	static const char *const items[] = { "một", "hai", NULL };
	const struct template_name *nm;
	struct template_value v[96];
	struct templates *set;
	size_t		 n;
	char		*out = NULL, *cause = NULL;

	ck_assert_msg(templates_load(templates_dir(), &set, &cause) == 0,
	    "%s", cause);
	nm = templates_names(&n);
	ck_assert_uint_le(n, G_N_ELEMENTS(v));
	for (size_t i = 0; i < n; i++)
		v[i] = (struct template_value){ nm[i].name, nm[i].type ==
		    TEMPLATE_TEXT && _i == 0 ? "X" : NULL, nm[i].type ==
		    TEMPLATE_LIST ? items : NULL };
	for (int k = 0; k < TEMPLATES__COUNT; k++) {
		ck_assert_msg(template_render(templates_get(set, k), v, n,
		    &out, &cause) == 0, "%s: %s", templates_file(k), cause);
		ck_assert(g_utf8_validate(out, -1, NULL));
		ck_assert_ptr_null(strstr(out, "{{"));
		g_free(out);
	}
	templates_free(set);
}
END_TEST

struct broken_file {
	const char	*file;
	const char	*text;
	const char	*cause_has;
};

static const struct broken_file broken_files[] = {
	{ "reject.txt", "Kính gửi: {{unit}}.\n\n{{#errors}}\n- {{.}}\n",
	    "/reject.txt:3: {{#errors}} is never closed" },
	{ "done.txt", "Kính gửi: {{unit}}.\nSố: {{so_ho_so}}\n",
	    "/done.txt:2: unknown name {{so_ho_so}}" },
	{ "ack-sim.txt", "a\nb\nc\n{{#case}x\n", "/ack-sim.txt:4: a tag" },
	{ "forward.txt", "\xff\xfe\n", "/forward.txt:1: not UTF-8" },
};

/* A mistake in a file staff edited stops the load with file:line. */
START_TEST(templates_load_errors_give_file_line)
{
	const struct broken_file *b = &broken_files[_i];
	struct templates *set = NULL;
	char		*dir, *path, *cause = NULL;

	dir = g_dir_make_tmp("hotrocks-tmpl-XXXXXX", NULL);
	ck_assert_ptr_nonnull(dir);
	for (int k = 0; k < TEMPLATES__COUNT; k++) {
		char *src = g_build_filename(templates_dir(),
		    templates_file(k), NULL), *text;

		ck_assert(g_file_get_contents(src, &text, NULL, NULL));
		path = g_build_filename(dir, templates_file(k), NULL);
		ck_assert(g_file_set_contents(path, strcmp(b->file,
		    templates_file(k)) == 0 ? b->text : text, -1, NULL));
		g_free(path);
		g_free(text);
		g_free(src);
	}
	ck_assert_int_eq(templates_load(dir, &set, &cause), -1);
	ck_assert_ptr_null(set);
	ck_assert_msg(strstr(cause, b->cause_has) != NULL, "%s", cause);
	g_free(cause);
	for (int k = 0; k < TEMPLATES__COUNT; k++) {
		path = g_build_filename(dir, templates_file(k), NULL);
		g_unlink(path);
		g_free(path);
	}
	g_rmdir(dir);
	g_free(dir);
}
END_TEST

START_TEST(templates_missing_file_named)
{
	struct templates *set = NULL;
	char		*cause = NULL;

	ck_assert_int_eq(templates_load("/nonexistent", &set, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent/ack-sim.txt"));
	g_free(cause);
}
END_TEST

struct unit_case {
	const char	*letterhead;
	const char	*running;
};

static const struct unit_case unit_cases[] = {
	{ "HUYỆN ỦY SƠN TỊNH", "Huyện ủy Sơn Tịnh" },
	{ "VĂN PHÒNG HUYỆN ỦY SƠN TỊNH", "Văn phòng Huyện ủy Sơn Tịnh" },
	{ "HUYỆN UỶ SƠN TỊNH", "Huyện ủy Sơn Tịnh" },
	{ "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI",
	    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi" },
	{ "BAN TUYÊN GIÁO", "Ban Tuyên giáo" },
	{ "BAN DÂN VẬN HUYỆN ỦY BÌNH SƠN", "Ban Dân vận Huyện ủy Bình Sơn" },
	{ "ỦY BAN KIỂM TRA TỈNH ỦY", "Ủy ban Kiểm tra Tỉnh ủy" },
	{ "ĐẢNG ỦY XÃ TỊNH HÀ", "Đảng ủy xã Tịnh Hà" },
	{ "ĐẢNG ỦY PHƯỜNG NGHĨA LỘ", "Đảng ủy phường Nghĩa Lộ" },
	{ "ĐẢNG ỦY THỊ TRẤN CHÂU Ổ", "Đảng ủy thị trấn Châu Ổ" },
	{ "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
	    "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh" },
	{ "BÁO QUẢNG NGÃI", "Báo Quảng Ngãi" },
	{ "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" },
	{ "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi" },
	{ "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN SƠN TỊNH",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Sơn Tịnh" },
	/* a letter names a body in full (NĐ 30/2020) */
	{ "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ QUẢNG NGÃI",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Quảng Ngãi" },
	{ "ĐẢNG ỦY UBND HUYỆN", "Đảng ủy Ủy ban nhân dân huyện" },
	{ "Đảng ủy Khối CQ&DN tỉnh",
	    "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh" },
	/* in capitals without marks "TU" is the word TƯ, not Tỉnh ủy */
	{ "HUYEN UY TU NGHIA", "Huyen uy tu nghia" },
	{ "THỊ ỦY ĐỨC PHỔ", "Thị ủy Đức Phổ" },
	{ "THÀNH ỦY QUẢNG NGÃI", "Thành ủy Quảng Ngãi" },
	{ "HỘI NÔNG DÂN TỈNH", "Hội Nông dân tỉnh" },
	{ "ĐẢNG ỦY CÔNG AN TỈNH", "Đảng ủy Công an tỉnh" },
	{ "TỈNH ĐOÀN QUẢNG NGÃI", "Tỉnh đoàn Quảng Ngãi" },
	{ "  HUYỆN   ỦY  LÝ SƠN ", "Huyện ủy Lý Sơn" },
	{ "Huyện ủy Sơn Tịnh", "Huyện ủy Sơn Tịnh" },
};

START_TEST(wording_unit_as_running_text)
{
	char *s = wording_unit(unit_cases[_i].letterhead);

	ck_assert_str_eq(s, unit_cases[_i].running);
	g_free(s);
}
END_TEST

/* The unit's one name, for the greeting and the To: line; NULL in want
 * means no name at all. */
static const struct {
	const char	*unit, *display, *want;
} addressee_cases[] = {
	/* the office of the unit writes: its display name is more precise */
	{ "Huyện ủy Sơn Tịnh", "Văn phòng Huyện ủy Sơn Tịnh",
	    "Văn phòng Huyện ủy Sơn Tịnh" },
	{ "Huyện ủy Sơn Tịnh", "VĂN PHÒNG HUYỆN ỦY  SƠN TỊNH",
	    "Văn phòng Huyện ủy Sơn Tịnh" },
	/* the office's mailbox name, its abbreviations written out: the
	 * unit's own office, no go-between */
	{ "Huyện ủy Tư Nghĩa", "Văn Phòng HU Tư Nghĩa",
	    "Văn phòng Huyện ủy Tư Nghĩa" },
	{ "Huyện ủy Nghĩa Hành", "VP Huyện ủy Nghĩa Hành",
	    "Văn phòng Huyện ủy Nghĩa Hành" },
	{ "Đảng ủy xã Tịnh Phong", "Văn phòng ĐU xã Tịnh Phong",
	    "Văn phòng Đảng ủy xã Tịnh Phong" },
	/* a district passing on a commune's list: the district is
	 * answered; the same place under another name is the unit */
	{ "Đảng ủy xã Bình Hải", "Huyện ủy Bình Sơn", "Huyện ủy Bình Sơn" },
	{ "Đảng bộ xã Tịnh Hà", "Đảng ủy xã Tịnh Hà", "Đảng bộ xã Tịnh Hà" },
	{ "Ban Tổ chức Huyện ủy Bình Sơn", "Huyện ủy Bình Sơn",
	    "Ban Tổ chức Huyện ủy Bình Sơn" },
	/* the unit's office, its name shorter and abbreviated: the unit */
	{ "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi",
	    "Văn phòng Ủy ban MTTQ tỉnh",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi" },
	/* a shorter or different display name: the letterhead's */
	{ "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", "Ban Tuyên giáo Tỉnh ủy",
	    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi" },
	{ "Đảng ủy xã Bình Châu", "Nguyễn Thu Hà", "Đảng ủy xã Bình Châu" },
	/* a district's office passing on a commune's list: the office is
	 * answered (the letter names the commune's list) */
	{ "Đảng ủy thị trấn La Hà", "Văn phòng Huyện ủy Tư Nghĩa",
	    "Văn phòng Huyện ủy Tư Nghĩa" },
	/* the office of the unit itself, named shorter: the letterhead */
	{ "Huyện ủy Tư Nghĩa", "Văn phòng Huyện ủy", "Huyện ủy Tư Nghĩa" },
	/* ends with the name, but not at a word: not the same unit */
	{ "Hà", "Đảng ủy xã Tịnh Hà", "Đảng ủy xã Tịnh Hà" },
	{ "ủy xã Tịnh Hà", "Đảng ủy xã XTịnh Hà", "ủy xã Tịnh Hà" },
	{ "Huyện ủy Sơn Tịnh", "Huyện ủy Sơn Tịnh", "Huyện ủy Sơn Tịnh" },
	{ NULL, " Văn phòng Huyện ủy Ba Tơ ", "Văn phòng Huyện ủy Ba Tơ" },
	{ "Báo Quảng Ngãi", NULL, "Báo Quảng Ngãi" },
	{ "Báo Quảng Ngãi", "  ", "Báo Quảng Ngãi" },
	{ NULL, NULL, NULL },
	{ " ", "", NULL },
};

START_TEST(wording_addressee_one_name)
{
	char *s = wording_addressee(addressee_cases[_i].unit,
	    addressee_cases[_i].display);

	if (addressee_cases[_i].want == NULL)
		ck_assert_ptr_null(s);
	else
		ck_assert_str_eq(s, addressee_cases[_i].want);
	g_free(s);
}
END_TEST

START_TEST(wording_names_in_full)
{
	static const struct {
		const char *in, *expanded, *province;
	} c[] = {
		{ "Chủ tịch Ủy ban MTTQ Việt Nam huyện",
		    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam huyện", NULL },
		{ "Phó Chủ tịch UBND xã,", "Phó Chủ tịch Ủy ban nhân dân xã,",
		    NULL },
		{ "Chánh VP HU", "Chánh Văn phòng Huyện ủy", NULL },
		{ "Bí thư Đảng ủy", "Bí thư Đảng ủy", NULL },
		{ "Ban Tuyên giáo Tỉnh ủy", NULL,
		    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi" },
		{ "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh", NULL,
		    "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh Quảng Ngãi" },
		{ "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", NULL,
		    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi" },
		{ "Huyện ủy Sơn Tịnh", NULL, "Huyện ủy Sơn Tịnh" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		char *s;

		if (c[i].expanded != NULL) {
			ck_assert_str_eq((s = wording_expand(c[i].in)),
			    c[i].expanded);
			g_free(s);
		}
		if (c[i].province != NULL) {
			ck_assert_str_eq((s = wording_in_province(c[i].in,
			    "Quảng Ngãi")), c[i].province);
			g_free(s);
		}
	}
	/* whether a name names the unit */
	ck_assert_int_eq(wording_names_unit("Văn phòng Ủy ban MTTQ tỉnh",
	    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ngãi"), 1);
	ck_assert_int_eq(wording_names_unit("Văn Phòng HU Tư Nghĩa",
	    "Huyện ủy Tư Nghĩa"), 2);
	ck_assert_int_eq(wording_names_unit("Huyện ủy Bình Sơn",
	    "Đảng ủy xã Bình Hải"), 0);
	ck_assert_int_eq(wording_names_unit("Văn phòng Huyện ủy Tư Nghĩa",
	    "Đảng ủy thị trấn La Hà"), 0);
	ck_assert_int_eq(wording_names_unit(NULL, "Huyện ủy"), 0);
	ck_assert_ptr_null(wording_expand(NULL));
	ck_assert_ptr_null(wording_name(NULL));
}
END_TEST

START_TEST(wording_numbers_and_dates)
{
	char *s;

	ck_assert_str_eq((s = wording_phone("84983415276")), "0983 415 276");
	g_free(s);
	ck_assert_str_eq((s = wording_phone("0905110999")), "0905 110 999");
	g_free(s);
	ck_assert_str_eq((s = wording_phone("0123")), "0123");
	g_free(s);
	ck_assert_ptr_null(wording_phone(NULL));
	/* a device's number as printed on it (review 3, C9) */
	ck_assert_str_eq((s = wording_serial("54 0B 2A 91")), "540B2A91");
	g_free(s);
	ck_assert_str_eq((s = wording_serial(" 0B2A91C5 ")), "0B2A91C5");
	g_free(s);
	/* not groups of a number: as typed */
	ck_assert_str_eq((s = wording_serial("SN: 54 0B")), "SN: 54 0B");
	g_free(s);
	ck_assert_str_eq((s = wording_serial("A1-B2-C3")), "A1-B2-C3");
	g_free(s);
	ck_assert_str_eq((s = wording_serial("12 34")), "12 34");
	g_free(s);
	ck_assert_str_eq((s = wording_serial("chưa rõ số")), "chưa rõ số");
	g_free(s);
	ck_assert_ptr_null(wording_serial(NULL));
	ck_assert_str_eq((s = wording_count(3)), "03");
	g_free(s);
	ck_assert_str_eq((s = wording_count(12)), "12");
	g_free(s);
	/* the thousands as Vietnamese writes them */
	ck_assert_str_eq((s = wording_count(999)), "999");
	g_free(s);
	ck_assert_str_eq((s = wording_count(5000)), "5.000");
	g_free(s);
	ck_assert_str_eq((s = wording_count(199950)), "199.950");
	g_free(s);
	ck_assert_str_eq((s = wording_count(1234567)), "1.234.567");
	g_free(s);
	ck_assert_str_eq((s = wording_more(4950, "thuê bao", ": xem tệp.")),
	    "… và 4.950 thuê bao khác: xem tệp.");
	g_free(s);
	/* the letter's own dates: 08/5/2024, 16/4/2024, 04/12/2019 */
	ck_assert_str_eq((s = wording_date("2024-05-08T01:00:00Z",
	    "Asia/Ho_Chi_Minh")), "08/5/2024");
	g_free(s);
	ck_assert_str_eq((s = wording_date("2019-12-04T03:00:00Z",
	    "Asia/Ho_Chi_Minh")), "04/12/2019");
	g_free(s);
	/* the day in Vietnam, and months 1 and 2 with their zero */
	ck_assert_str_eq((s = wording_date("2024-01-31T20:00:00Z",
	    "Asia/Ho_Chi_Minh")), "01/02/2024");
	g_free(s);
	/* the office's day, where its zone is not Vietnam's; none is
	 * UTC's, as the composer's Date: for none */
	ck_assert_str_eq((s = wording_date("2024-01-31T20:00:00Z", NULL)),
	    "31/01/2024");
	g_free(s);
	ck_assert_str_eq((s = wording_date("2024-01-31T20:00:00Z",
	    "Europe/London")), "31/01/2024");
	g_free(s);
	ck_assert_str_eq((s = wording_date("2024-03-01T03:00:00Z",
	    "America/New_York")), "29/02/2024");
	g_free(s);
	ck_assert_ptr_null(wording_date("yesterday", NULL));
}
END_TEST

/* Units in running text: "A, B và C", never commas only. */
START_TEST(wording_join_as_running_text)
{
	const char *const three[] = { "Huyện ủy Sơn Tịnh", NULL,
	    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", "Huyện ủy Bình Sơn" };
	char *s;

	ck_assert_str_eq((s = wording_join(three, 0)), "");
	g_free(s);
	ck_assert_str_eq((s = wording_join(three, 1)), "Huyện ủy Sơn Tịnh");
	g_free(s);
	ck_assert_str_eq((s = wording_join(three, 3)), "Huyện ủy Sơn Tịnh và "
	    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi");
	g_free(s);
	ck_assert_str_eq((s = wording_join(three, 4)), "Huyện ủy Sơn Tịnh, "
	    "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi và Huyện ủy Bình Sơn");
	g_free(s);
}
END_TEST

Suite *
template_suite(void)
{
	Suite	*s = suite_create("template");
	TCase	*tc;

	tc = tcase_create("render");
	tcase_add_loop_test(tc, template_renders, 0, G_N_ELEMENTS(ok_cases));
	tcase_add_loop_test(tc, template_refuses, 0,
	    G_N_ELEMENTS(bad_cases));
	tcase_add_loop_test(tc, template_nesting_limit, 0, 3);
	suite_add_tcase(s, tc);

	tc = tcase_create("texts-vi");
	tcase_add_loop_test(tc, texts_every_code_has_a_sentence, 0,
	    CODE__COUNT);
	tcase_add_test(tc, texts_sentences_named_in_the_brief);
	tcase_add_loop_test(tc, templates_every_file_renders, 0, 2);
	tcase_add_loop_test(tc, templates_load_errors_give_file_line, 0,
	    G_N_ELEMENTS(broken_files));
	tcase_add_test(tc, templates_missing_file_named);
	tcase_add_loop_test(tc, wording_unit_as_running_text, 0,
	    G_N_ELEMENTS(unit_cases));
	tcase_add_test(tc, wording_names_in_full);
	tcase_add_loop_test(tc, wording_addressee_one_name, 0,
	    G_N_ELEMENTS(addressee_cases));
	tcase_add_test(tc, wording_numbers_and_dates);
	tcase_add_test(tc, wording_join_as_running_text);
	suite_add_tcase(s, tc);
	return (s);
}
