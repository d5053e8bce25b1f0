/* check-report.c: what a person reads in a terminal. A subject, a sender
 * or a file name must not drive the terminal: escape sequences and bidi
 * overrides arrive as U+FFFD, while the JSON keeps the text as sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "intake/report.h"
#include "parsers/ooxml-sig.h"
#include "tests/unit/testlib.h"

#define RLO	"\xe2\x80\xae"		/* U+202E RIGHT-TO-LEFT OVERRIDE */
#define FSI	"\xe2\x81\xa8"		/* U+2068 FIRST STRONG ISOLATE */
#define FFFD	"\xef\xbf\xbd"

/* A message whose subject (RFC 2047) and file name carry bidi controls. */
static const char message[] =
    "From: vanphong@sontinh.dcs.vn\r\n"
    "To: HotroCKS@quangngai.dcs.vn\r\n"
    "Subject: =?utf-8?B?" /* "Danh sách " RLO "xslx.exe" */
    "RGFuaCBzw6FjaCDigK54c2x4LmV4ZQ==?=\r\n"
    "Message-ID: <bidi-1@sontinh.dcs.vn>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=b\r\n"
    "\r\n"
    "--b\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Kinh gui\r\n"
    "--b\r\n"
    "Content-Type: application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document\r\n"
    "Content-Disposition: attachment; filename*=utf-8''ds" "%E2%81%A8"
    "fdp.docx\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "UEsDBAoAAAAAAAAAIQAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "--b--\r\n";

START_TEST(report_neutralises_bidi_in_subject_and_filename)
{
	char	*dir = g_dir_make_tmp(NULL, NULL);
	char	*path = g_build_filename(dir, "bidi.eml", NULL);
	char	*out = NULL, *json = NULL;

	ck_assert(g_file_set_contents(path, message, sizeof(message) - 1,
	    NULL));
	test_hotrocks(&out, NULL, "inspect", path, NULL);
	ck_assert_msg(strstr(out, RLO) == NULL, "raw U+202E in: %s", out);
	ck_assert_msg(strstr(out, FSI) == NULL, "raw U+2068 in: %s", out);
	ck_assert_ptr_nonnull(strstr(out, "Danh sách " FFFD "xslx.exe"));
	ck_assert_ptr_nonnull(strstr(out, "ds" FFFD "fdp.docx"));
	/* JSON carries the text as sent; a JSON reader decides. */
	test_hotrocks(&json, NULL, "inspect", "--json", path, NULL);
	ck_assert_ptr_nonnull(strstr(json, "Danh sách " RLO "xslx.exe"));
	g_free(out);
	g_free(json);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
}
END_TEST

/* A newcomer runs the binary from the build tree before installing: the
 * letters are found in the source tree beside it. */
START_TEST(report_build_tree_binary_finds_its_letters)
{
	char	*out = NULL, *err = NULL, *path;
	int	 rc;

	g_unsetenv("HOTROCKS_TEMPLATES");
	path = g_build_filename(g_getenv("HOTROCKS_SAMPLES") ?
	    g_getenv("HOTROCKS_SAMPLES") : "build/samples",
	    "01-outlook-docx-sontinh.eml", NULL);
	rc = test_hotrocks(&out, &err, "inspect", path, NULL);
	ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
	ck_assert_ptr_nonnull(strstr(out, "sim_activation"));
	g_free(out);
	g_free(err);
	g_free(path);
}
END_TEST

/* verify's printer goes through the same door: a certificate's names and
 * a file name are text from outside. */
START_TEST(report_verdict_neutralises_escapes_and_bidi)
{
	struct sig_signer	 g = { "Nguy\x1b[2J" RLO "n", "HUY\x9b" "31m",
				    NULL, "a@b.vn\x07", "01", "CA" FSI, NULL,
				    NULL };
	char			*warn = "stale CRL\x1b]0;owned\x07";
	struct sig_result	 r = { 0 };
	struct doc_signature	 s = { 0 };
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp = open_memstream(&buf, &len);

	r.status = SIG_UNTRUSTED;
	r.part = "_xmlsignatures/sig1.xml";
	r.signer = &g;
	r.reason = "chain" RLO "gpj.exe";
	r.warnings = &warn;
	r.nwarnings = 1;
	s.status = SIG_UNTRUSTED;
	s.results = &r;
	s.nresults = 1;
	report_verdict(fp, "evil\x1b[31m.docx", FORMAT_DOCX, &s);
	fclose(fp);
	ck_assert_msg(strchr(buf, '\x1b') == NULL, "ESC in: %s", buf);
	ck_assert_msg(strchr(buf, '\x07') == NULL, "BEL in: %s", buf);
	ck_assert_msg(strstr(buf, RLO) == NULL, "raw U+202E in: %s", buf);
	ck_assert_msg(strstr(buf, FSI) == NULL, "raw U+2068 in: %s", buf);
	ck_assert_ptr_nonnull(strstr(buf, "evil" FFFD "[31m.docx (docx): "
	    "untrusted"));
	free(buf);
}
END_TEST

Suite *
report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("terminal");

	tcase_add_test(tc, report_neutralises_bidi_in_subject_and_filename);
	tcase_add_test(tc, report_build_tree_binary_finds_its_letters);
	tcase_add_test(tc, report_verdict_neutralises_escapes_and_bidi);
	suite_add_tcase(s, tc);
	return (s);
}
