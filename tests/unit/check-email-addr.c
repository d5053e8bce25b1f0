/* check-email-addr.c: addresses found in what forms write around them,
 * and the free-mail domains the letter forbids for subscribers. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "parsers/email-addr.h"

#define NCELLS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*text;
	const char	*addr;		/* NULL: none */
} finds[] = {
	{ "a@quangngai.dcs.vn", "a@quangngai.dcs.vn" },
	{ "Email: nguyen.van-a@quangngai.gov.vn.",
	    "nguyen.van-a@quangngai.gov.vn" },
	{ "(a_b+c@x.vn)", "a_b+c@x.vn" },
	{ "<.a@x.vn>", "a@x.vn" },
	{ "thư điện tử: tnb@yahoo.com.vn, đt 0905", "tnb@yahoo.com.vn" },
	{ "@ x.vn a@ b@x", NULL },
	{ "a@x", NULL },
	{ "a@x.v1", NULL },
	{ "a@.vn", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

START_TEST(email_addr_find_cases)
{
	char *a = email_addr_find(finds[_i].text, NULL);

	if (finds[_i].addr == NULL)
		ck_assert_ptr_null(a);
	else
		ck_assert_str_eq(a, finds[_i].addr);
	g_free(a);
}
END_TEST

START_TEST(email_addr_find_walks_a_list)
{
	const char	*p = "a@x.vn; b@y.vn, c@z.vn";
	const char	*want[] = { "a@x.vn", "b@y.vn", "c@z.vn" };
	char		*a;
	size_t		 n = 0;

	while ((a = email_addr_find(p, &p)) != NULL) {
		ck_assert_uint_lt(n, NCELLS(want));
		ck_assert_str_eq(a, want[n++]);
		g_free(a);
	}
	ck_assert_uint_eq(n, 3);
}
END_TEST

/* An address of EMAIL_ADDR_MAX_LEN characters is taken; one more is not. */
START_TEST(email_addr_find_length_limit)
{
	size_t	 len = EMAIL_ADDR_MAX_LEN - 1 + _i;
	GString	*s = g_string_new(NULL);
	char	*a;

	while (s->len < len - strlen("@x.vn"))
		g_string_append_c(s, 'a');
	g_string_append(s, "@x.vn");
	ck_assert_uint_eq(s->len, len);
	a = email_addr_find(s->str, NULL);
	if (len <= EMAIL_ADDR_MAX_LEN)
		ck_assert_str_eq(a, s->str);
	else
		ck_assert_ptr_null(a);
	g_free(a);
	g_string_free(s, TRUE);
}
END_TEST

static const struct {
	const char	*addr;
	bool		 pub;
} domains[] = {
	{ "a@gmail.com", true },
	{ "a@GMAIL.COM", true },
	{ "a@yahoo.com", true },
	{ "a@yahoo.com.vn", true },
	{ "a@hotmail.com", true },
	{ "a@hotmail.co.uk", true },
	{ "a@outlook.com.vn", true },
	{ "a@live.com", true },
	{ "a@icloud.com", true },
	{ "a@me.com", true },
	{ "a@mail.ru", true },
	{ "a@quangngai.dcs.vn", false },
	{ "a@quangngai.gov.vn", false },
	{ "a@live.quangngai.gov.vn", false },
	{ "a@gmail.quangngai.gov.vn", false },
	{ "a@gmailx.com", false },
	{ "a@mail.quangngai.gov.vn", false },
	{ "a@bcy.gov.vn", false },
	{ "no-at-sign", false },
	{ NULL, false },
};

START_TEST(email_addr_public_cases)
{
	ck_assert_int_eq(email_addr_public(domains[_i].addr),
	    domains[_i].pub);
}
END_TEST

Suite *
email_addr_suite(void)
{
	Suite	*s = suite_create("email_addr");
	TCase	*tc = tcase_create("email_addr");

	tcase_add_loop_test(tc, email_addr_find_cases, 0, NCELLS(finds));
	tcase_add_test(tc, email_addr_find_walks_a_list);
	tcase_add_loop_test(tc, email_addr_find_length_limit, 0, 3);
	tcase_add_loop_test(tc, email_addr_public_cases, 0, NCELLS(domains));
	suite_add_tcase(s, tc);
	return (s);
}
