/* check-mime-names.c: names and subjects split into padded B-words, which
 * GMime 3.2.13 alone cuts short (parsers/rfc2047.h). */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "intake/mime.h"

static const char msg[] =
    "From: vanphong@sonha.quangngai.dcs.vn\r\n"
    "Subject: =?utf-8?B?RGFuaCBzw6FjaCBrw61jaCBob+G6oXQgU0lNIGs=?=\r\n"
    " =?utf-8?B?w70gc+G7kQ==?=\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\n"
    "Content-Type: application/octet-stream;\r\n"
    "\tname=\"=?utf-8?B?TeG6q3UgMDIgLSDEkOG7gSBuZ2jhu4sgY+G6pXAgY2jhu6luZyB0aMawIHM=?=\r\n"
    " =?utf-8?B?4buRIC0gSFUgU8ahbiBIw6AuZG9jeA==?=\"\r\n"
    "Content-Disposition: attachment;\r\n"
    "\tfilename=\"=?utf-8?B?TeG6q3UgMDIgLSDEkOG7gSBuZ2jhu4sgY+G6pXAgY2jhu6luZyB0aMawIHM=?=\r\n"
    " =?utf-8?B?4buRIC0gSFUgU8ahbiBIw6AuZG9jeA==?=\"\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--b--\r\n";

START_TEST(mime_padded_b_words_in_subject_and_file_name)
{
	struct mail	*m = NULL;
	const char	*why = NULL;

	mime_init();
	ck_assert_int_eq(mime_parse((const unsigned char *)msg, strlen(msg),
	    NULL, &m, &why), 0);
	ck_assert_str_eq(m->subject, "Danh sách kích hoạt SIM ký số");
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename,
	    "Mẫu 02 - Đề nghị cấp chứng thư số - HU Sơn Hà.docx");
	mime_free(m);
}
END_TEST

Suite *
mime_names_suite(void)
{
	Suite *s = suite_create("mime_names");
	TCase *tc = tcase_create("rfc2047");

	tcase_add_test(tc, mime_padded_b_words_in_subject_and_file_name);
	suite_add_tcase(s, tc);
	return (s);
}
