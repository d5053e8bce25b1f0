/* check-sha256.c: lib/sha256.h (Nettle) gives the digests the archive
 * is named by and the audit log records: FIPS 180-2's examples, and over
 * every length around the 64-byte blocks and a few megabytes the same
 * hex GLib's own SHA-256 gives (which named every file before it). */
#include <string.h>

#include <check.h>
#include <glib.h>

#include "lib/sha256.h"

START_TEST(sha256_known_answers)
{
	static const struct {
		const char	*in, *hex;
	} t[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
		    "7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
		    "61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd4"
		    "19db06c1" },
	};
	char	 hex[65], *h;

	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		sha256_hex_to(t[i].in, strlen(t[i].in), hex);
		ck_assert_str_eq(hex, t[i].hex);
		h = sha256_hex(t[i].in, strlen(t[i].in));
		ck_assert_str_eq(h, t[i].hex);
		g_free(h);
	}
}
END_TEST

/* Line endings taken as CRLF: a bare LF counts as CRLF, a CRLF as it
 * is, a bare CR as itself; at the start, the end, in runs. */
static const struct {
	const char	*text, *as;
} crlf_cases[] = {
	{ "", "" },
	{ "a", "a" },
	{ "a\nb", "a\r\nb" },
	{ "a\r\nb", "a\r\nb" },
	{ "\n", "\r\n" },
	{ "\n\n", "\r\n\r\n" },
	{ "a\r\n\nb\n", "a\r\n\r\nb\r\n" },
	{ "a\rb\r", "a\rb\r" },
	{ "a\r\r\nb", "a\r\r\nb" },
};

START_TEST(sha256_crlf_takes_line_endings_as_crlf)
{
	const char	*t = crlf_cases[_i].text, *as = crlf_cases[_i].as;
	char		*got = sha256_hex_crlf(t, strlen(t));
	char		*want = sha256_hex(as, strlen(as));

	ck_assert_str_eq(got, want);
	g_free(got);
	g_free(want);
}
END_TEST

START_TEST(sha256_same_as_glib)
{
	size_t		 big = (size_t)5 << 20;
	unsigned char	*buf = g_malloc(big);
	GRand		*r = g_rand_new_with_seed(11);
	char		 hex[65], *want;

	for (size_t i = 0; i < big; i++)
		buf[i] = (unsigned char)g_rand_int(r);
	for (size_t len = 0; len <= 300; len++) {
		want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf, len);
		sha256_hex_to(buf, len, hex);
		ck_assert_str_eq(hex, want);
		g_free(want);
	}
	want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, buf, big);
	sha256_hex_to(buf, big, hex);
	ck_assert_str_eq(hex, want);
	g_free(want);
	g_rand_free(r);
	g_free(buf);
}
END_TEST

Suite *
sha256_suite(void)
{
	Suite	*s = suite_create("sha256");
	TCase	*tc = tcase_create("sha256");

	tcase_add_test(tc, sha256_known_answers);
	tcase_add_test(tc, sha256_same_as_glib);
	tcase_add_loop_test(tc, sha256_crlf_takes_line_endings_as_crlf, 0,
	    G_N_ELEMENTS(crlf_cases));
	suite_add_tcase(s, tc);
	return (s);
}
