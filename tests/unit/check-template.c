/* check-template.c: the {{name}} renderer, and the Vietnamese texts that
 * run on it: every code has words, every letter renders. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "outbox/template.h"
#include "outbox/texts-vi.h"

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

/* Renders lines; returns the text, or NULL with the cause in *cause_r. */
static char *
run(const char *const *lines, char **cause_r)
{
	char	*out = NULL, *cause = NULL;
	int	 rc;

	rc = template_render(lines, vals, G_N_ELEMENTS(vals), &out, &cause);
	if (rc == 0) {
		ck_assert_ptr_null(cause);
		ck_assert_ptr_nonnull(out);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(cause);
	}
	if (cause_r != NULL)
		*cause_r = cause;
	else
		g_free(cause);
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
	{ { "Kính gửi {{nobody}}", NULL }, "{{nobody}}" },
	{ { "{{#nobody}}x{{/nobody}}", NULL }, "nobody" },
	{ { "{{ unit }}", NULL }, "{{ unit }}" },
	{ { "{{.}}", NULL }, "{{.}}" },
	{ { "open {{unit", NULL }, "unclosed" },
	{ { "{{#yes}}never closed", NULL }, "never closed" },
	{ { "{{/yes}}", NULL }, "closes nothing" },
	{ { "{{#yes}}{{/fruits}}", NULL }, "never closed" },
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
	const char	*lines[2];
	char		*cause = NULL, *out;

	for (int i = 0; i < depth; i++)
		g_string_append(s, "{{#yes}}");
	g_string_append(s, "deep");
	for (int i = 0; i < depth; i++)
		g_string_append(s, "{{/yes}}");
	lines[0] = s->str;
	lines[1] = NULL;
	out = run(lines, &cause);
	if (depth <= TEMPLATE_MAX_DEPTH) {
		ck_assert_str_eq(out, "deep\n");
	} else {
		ck_assert_ptr_null(out);
		ck_assert_ptr_nonnull(strstr(cause, "deeper"));
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
	ck_assert_str_eq(texts_vi_code(CODE_ICCID_CHECKSUM),
	    "Số ICCID sai chữ số kiểm tra (Luhn)");
	ck_assert_str_eq(texts_vi_code(CODE_PHONE_OLD_FORMAT),
	    "Số điện thoại 11 số cũ, đã chuyển sang đầu số mới");
	for (int k = 0; k < KIND__COUNT; k++)
		ck_assert_int_gt(strlen(texts_vi_kind(k)), 3);
}
END_TEST

static const char *const *const letters[] = {
	texts_vi_ack, texts_vi_reject, texts_vi_redirect, texts_vi_forward,
	texts_vi_forward_subject,
};

/* Every letter uses only the names texts-vi.h lists, and closes what it
 * opens, whether the flags are on or off. */
START_TEST(texts_every_letter_renders)
{
	static const char *const items[] = { "một", "hai", NULL };
	const char	*names[] = { "unit", "subject", "received",
	    "kind_text", "case", "nrows", "mailbox", "office_name",
	    "office_phone", "cuc_name", "cuc_postal", "cuc_address",
	    "cuc_phone", "cuc_web", "from_addr", "coordinator", "sim",
	    "etoken", "report", "has_errors", "has_warnings", "has_fixes",
	    "has_rows" };
	const char	*lists[] = { "errors", "warnings", "fixes", "rows",
	    "files" };
	struct template_value v[G_N_ELEMENTS(names) + G_N_ELEMENTS(lists)];
	size_t		 n = 0;
	char		*out = NULL, *cause = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		v[n++] = (struct template_value){ names[i],
		    _i == 0 ? "X" : NULL, NULL };
	for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
		v[n++] = (struct template_value){ lists[i], NULL, items };
	for (size_t i = 0; i < G_N_ELEMENTS(letters); i++) {
		ck_assert_msg(template_render(letters[i], v, n, &out,
		    &cause) == 0, "letter %zu: %s", i, cause);
		ck_assert(g_utf8_validate(out, -1, NULL));
		ck_assert_ptr_null(strstr(out, "{{"));
		g_free(out);
	}
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
	tcase_add_loop_test(tc, texts_every_letter_renders, 0, 2);
	suite_add_tcase(s, tc);
	return (s);
}
