/* check-mime.c: the MIME walk on messages written here: header and file
 * name decoding, which parts are attachments, machine mail, limits, and
 * hostile shapes that must neither crash nor hang. */
#include <string.h>

#include <check.h>
#include <glib.h>

#include "intake/mime.h"
#include "tests/unit/testlib.h"

#define VI_SUBJECT	"Đề nghị kích hoạt SIM PKI cho Huyện ủy Sơn Tịnh"
#define VI_FILE		"Danh sách thuê bao Đợt 2.docx"
#define CT_DOCX		"application/vnd.openxmlformats-officedocument." \
			"wordprocessingml.document"
#define CT_XLSX		"application/vnd.openxmlformats-officedocument." \
			"spreadsheetml.sheet"
#define HDR		"From: Văn phòng <vanphong@example.vn>\n" \
			"To: hotro@example.vn\n" \
			"Date: Thu, 02 May 2024 15:00:00 +0700\n" \
			"Message-ID: <m1@example.vn>\n" \
			"MIME-Version: 1.0\n"

static struct mail *
parse_lim(const char *raw, size_t len, const struct mime_limits *lim)
{
	struct mail	*m = NULL;
	const char	*why = NULL;

	ck_assert_msg(mime_parse((const unsigned char *)raw, len, lim, &m,
	    &why) == 0, "mime_parse: %s", why ? why : "?");
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(m->subject);
	ck_assert_ptr_nonnull(m->body_text);
	return (m);
}

static struct mail *
parse(const char *raw)
{
	return (parse_lim(raw, strlen(raw), NULL));
}

/* Base64 in 76-column lines, as mailers write it. */
static char *
b64(const void *data, size_t len)
{
	char	*flat = g_base64_encode(data, len);
	GString	*s = g_string_new(NULL);
	size_t	 n = strlen(flat);

	for (size_t i = 0; i < n; i += 76) {
		g_string_append_len(s, flat + i, n - i < 76 ? n - i : 76);
		g_string_append_c(s, '\n');
	}
	g_free(flat);
	return (g_string_free(s, FALSE));
}

/* RFC 2047 "Q" text of s: every byte but letters and digits as =XX. */
static char *
q_encode(const char *s)
{
	GString	*out = g_string_new(NULL);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ')
			g_string_append_c(out, '_');
		else if (g_ascii_isalnum(*p))
			g_string_append_c(out, *p);
		else
			g_string_append_printf(out, "=%02X", *p);
	}
	return (g_string_free(out, FALSE));
}

/* RFC 2231 %-encoding of s. */
static char *
pct_encode(const char *s)
{
	GString	*out = g_string_new(NULL);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (g_ascii_isalnum(*p) || *p == '.')
			g_string_append_c(out, *p);
		else
			g_string_append_printf(out, "%%%02X", *p);
	}
	return (g_string_free(out, FALSE));
}

static unsigned char *
docx_bytes(size_t *len_r)
{
	const char *entries[] = {
		"[Content_Types].xml", "<Types><Override PartName=\"/word/"
		"document.xml\" ContentType=\"application/vnd.openxmlformats-"
		"officedocument.wordprocessingml.document.main+xml\"/></Types>",
		"word/document.xml", "<w:document/>", NULL
	};

	return (test_zip(entries, len_r));
}

static unsigned char *
xlsx_bytes(size_t *len_r)
{
	const char *entries[] = {
		"[Content_Types].xml", "<Types><Override PartName=\"/xl/"
		"workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
		"officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
		"xl/workbook.xml", "<workbook/>", NULL
	};

	return (test_zip(entries, len_r));
}

/* A multipart/mixed message: a text body and one attachment whose
 * Content-Type and Content-Disposition lines are given. */
static char *
msg_with_attachment(const char *headers, const char *ctype,
    const char *disp, const void *data, size_t len)
{
	char	*body = b64(data, len), *msg;

	msg = g_strdup_printf("%sSubject: test\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain; charset=utf-8\n\nXin chào.\n"
	    "--b1\n%s\n%s%sContent-Transfer-Encoding: base64\n\n%s"
	    "--b1--\n", headers, ctype, disp ? disp : "", disp ? "\n" : "",
	    body);
	g_free(body);
	return (msg);
}

static struct mail *
parse_one_attachment(const char *ctype, const char *disp)
{
	unsigned char	*docx;
	size_t		 len;
	char		*raw;
	struct mail	*m;

	docx = docx_bytes(&len);
	raw = msg_with_attachment(HDR, ctype, disp, docx, len);
	m = parse(raw);
	g_free(raw);
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_uint_eq(m->att[0].len, len);
	ck_assert_int_eq(memcmp(m->att[0].data, docx, len), 0);
	ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	g_free(docx);
	return (m);
}

START_TEST(mime_headers_basic)
{
	struct mail *m = parse("From: \"Văn Phòng\"\n"
	    " <VanPhong@HuyenUy.Example.VN>\nTo: hotro@example.vn\nSubject: Hello  there\n"
	    "Date: Thu, 02 May 2024 15:00:00 +0700\n"
	    "Message-ID: <abc.123@huyenuy.example.vn>\n"
	    "In-Reply-To: <x1@example.vn>\n"
	    "References: <x0@example.vn>\n <x1@example.vn>\n"
	    "\nbody line\n");

	ck_assert_str_eq(m->message_id, "<abc.123@huyenuy.example.vn>");
	ck_assert_str_eq(m->from_addr, "vanphong@huyenuy.example.vn");
	ck_assert_str_eq(m->from_name, "Văn Phòng");
	ck_assert_str_eq(m->subject, "Hello there");
	ck_assert_str_eq(m->date, "2024-05-02T08:00:00Z");
	ck_assert_str_eq(m->in_reply_to, "<x1@example.vn>");
	ck_assert_str_eq(m->references, "<x0@example.vn> <x1@example.vn>");
	ck_assert_str_eq(m->body_text, "body line\n");
	ck_assert_int_eq(m->machine, MIME_PERSON);
	ck_assert_ptr_null(m->machine_why);
	ck_assert_uint_eq(m->natt, 0);
	ck_assert(!m->nesting_capped);
	ck_assert(!m->parts_capped);
	mime_free(m);
}
END_TEST

START_TEST(mime_headers_missing)
{
	struct mail *m = parse("X-Nothing: here\n\n");

	ck_assert_ptr_null(m->message_id);
	ck_assert_ptr_null(m->from_addr);
	ck_assert_ptr_null(m->from_name);
	ck_assert_str_eq(m->subject, "");
	ck_assert_ptr_null(m->date);
	ck_assert_ptr_null(m->in_reply_to);
	ck_assert_ptr_null(m->references);
	ck_assert_str_eq(m->body_text, "");
	mime_free(m);
}
END_TEST

START_TEST(mime_date_unparsable_is_null)
{
	struct mail *m = parse("From: a@b.vn\nDate: sometime last week\n\nx\n");

	ck_assert_ptr_null(m->date);
	mime_free(m);
}
END_TEST

START_TEST(mime_subject_and_name_rfc2047_b)
{
	char		*bs = g_base64_encode((const guchar *)VI_SUBJECT,
	    strlen(VI_SUBJECT));
	char		*bn = g_base64_encode((const guchar *)"Nguyễn Thị Hà",
	    strlen("Nguyễn Thị Hà"));
	char		*raw;
	struct mail	*m;

	raw = g_strdup_printf("From: =?UTF-8?B?%s?= <ha@example.vn>\n"
	    "Subject: =?UTF-8?B?%s?=\n\nx\n", bn, bs);
	m = parse(raw);
	ck_assert_str_eq(m->subject, VI_SUBJECT);
	ck_assert_str_eq(m->from_name, "Nguyễn Thị Hà");
	mime_free(m);
	g_free(raw);
	g_free(bs);
	g_free(bn);
}
END_TEST

START_TEST(mime_subject_rfc2047_q_split_words)
{
	char		*q1 = q_encode("Đề nghị kích hoạt ");
	char		*q2 = q_encode("SIM PKI cho Huyện ủy Sơn Tịnh");
	char		*raw;
	struct mail	*m;

	raw = g_strdup_printf("From: a@b.vn\nSubject: =?utf-8?Q?%s?=\n"
	    " =?utf-8?q?%s?=\n\nx\n", q1, q2);
	m = parse(raw);
	ck_assert_str_eq(m->subject, VI_SUBJECT);
	mime_free(m);
	g_free(raw);
	g_free(q1);
	g_free(q2);
}
END_TEST

START_TEST(mime_subject_windows1258_raw_8bit)
{
	char		*cp, *raw;
	gsize		 n;
	struct mail	*m;

	cp = g_convert(VI_SUBJECT, -1, "WINDOWS-1258", "UTF-8", NULL, &n,
	    NULL);
	ck_assert_ptr_nonnull(cp);
	raw = g_strdup_printf("From: a@b.vn\nSubject: %s\n\nx\n", cp);
	m = parse(raw);
	/* windows-1258 carries tone marks as combining characters. */
	ck_assert_str_eq(m->subject, VI_SUBJECT);
	mime_free(m);
	g_free(raw);
	g_free(cp);
}
END_TEST

START_TEST(mime_subject_utf8_raw_8bit)
{
	struct mail *m = parse("From: a@b.vn\nSubject: " VI_SUBJECT "\n\nx\n");

	ck_assert_str_eq(m->subject, VI_SUBJECT);
	mime_free(m);
}
END_TEST

START_TEST(mime_subject_decomposed_becomes_nfc)
{
	/* "ệ" written as e + U+0323 + U+0302. */
	struct mail *m = parse("From: a@b.vn\nSubject: Huye\xcc\xa3\xcc\x82n"
	    "\n\nx\n");

	ck_assert_str_eq(m->subject, "Huyện");
	mime_free(m);
}
END_TEST

START_TEST(mime_filename_rfc2231_continuations)
{
	char		*pct = pct_encode(VI_FILE), *disp;
	size_t		 half = strlen(pct) / 2;
	struct mail	*m;

	while (pct[half] == '%' || (half > 0 && pct[half - 1] == '%') ||
	    (half > 1 && pct[half - 2] == '%'))
		half++;
	disp = g_strdup_printf("Content-Disposition: attachment;\n"
	    " filename*0*=UTF-8''%.*s;\n filename*1*=%s", (int)half, pct,
	    pct + half);
	m = parse_one_attachment("Content-Type: " CT_DOCX, disp);
	ck_assert_str_eq(m->att[0].filename, VI_FILE);
	ck_assert_str_eq(m->att[0].content_type, CT_DOCX);
	ck_assert_int_eq(m->att[0].depth, 0);
	ck_assert(!m->att[0].too_large);
	mime_free(m);
	g_free(disp);
	g_free(pct);
}
END_TEST

START_TEST(mime_filename_quoted_rfc2047)
{
	char		*b = g_base64_encode((const guchar *)VI_FILE,
	    strlen(VI_FILE)), *disp;
	struct mail	*m;

	disp = g_strdup_printf("Content-Disposition: attachment; "
	    "filename=\"=?UTF-8?B?%s?=\"", b);
	m = parse_one_attachment("Content-Type: application/octet-stream",
	    disp);
	ck_assert_str_eq(m->att[0].filename, VI_FILE);
	ck_assert_str_eq(m->att[0].content_type, "application/octet-stream");
	mime_free(m);
	g_free(disp);
	g_free(b);
}
END_TEST

START_TEST(mime_filename_content_type_name_fallback)
{
	struct mail *m = parse_one_attachment("Content-Type: " CT_DOCX
	    "; name=\"ds.docx\"", NULL);

	ck_assert_str_eq(m->att[0].filename, "ds.docx");
	mime_free(m);
}
END_TEST

START_TEST(mime_filename_raw_utf8)
{
	struct mail *m = parse_one_attachment("Content-Type: " CT_DOCX,
	    "Content-Disposition: attachment; filename=\"" VI_FILE "\"");

	ck_assert_str_eq(m->att[0].filename, VI_FILE);
	mime_free(m);
}
END_TEST

START_TEST(mime_filename_raw_windows1258)
{
	char		*cp, *disp;
	struct mail	*m;

	cp = g_convert(VI_FILE, -1, "WINDOWS-1258", "UTF-8", NULL, NULL,
	    NULL);
	ck_assert_ptr_nonnull(cp);
	disp = g_strdup_printf("Content-Disposition: attachment; "
	    "filename=\"%s\"", cp);
	m = parse_one_attachment("Content-Type: " CT_DOCX, disp);
	ck_assert_str_eq(m->att[0].filename, VI_FILE);
	mime_free(m);
	g_free(disp);
	g_free(cp);
}
END_TEST

/* Outlook: mixed > alternative (plain, html) + attachment named twice. */
START_TEST(mime_outlook_like)
{
	unsigned char	*docx;
	size_t		 len;
	char		*body, *raw;
	struct mail	*m;

	docx = docx_bytes(&len);
	body = b64(docx, len);
	raw = g_strdup_printf(HDR "Subject: =?utf-8?B?xJDhu4Egbmdo4buL?=\n"
	    "Content-Type: multipart/mixed;\n"
	    "\tboundary=\"_004_SG2PR01MB_\"\n\n"
	    "--_004_SG2PR01MB_\n"
	    "Content-Type: multipart/alternative;\n"
	    "\tboundary=\"_000_SG2PR01MB_\"\n\n"
	    "--_000_SG2PR01MB_\n"
	    "Content-Type: text/plain; charset=\"utf-8\"\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "S8OtbmggZ+G7rWkgQ+G7pWMu\n\n"
	    "--_000_SG2PR01MB_\n"
	    "Content-Type: text/html; charset=\"utf-8\"\n\n"
	    "<html><body><p>HTML body</p></body></html>\n"
	    "--_000_SG2PR01MB_--\n\n"
	    "--_004_SG2PR01MB_\n"
	    "Content-Type: " CT_DOCX "; name=\"ds.docx\"\n"
	    "Content-Description: ds.docx\n"
	    "Content-Disposition: attachment; filename=\"ds.docx\";"
	    " size=%zu;\n\tcreation-date=\"Thu, 02 May 2024 08:00:00 GMT\"\n"
	    "Content-Transfer-Encoding: base64\n\n%s\n"
	    "--_004_SG2PR01MB_--\n", len, body);
	m = parse(raw);
	ck_assert_str_eq(m->subject, "Đề nghị");
	ck_assert_str_eq(m->body_text, "Kính gửi Cục.");
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "ds.docx");
	ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	ck_assert_uint_eq(m->att[0].len, len);
	mime_free(m);
	g_free(raw);
	g_free(body);
	g_free(docx);
}
END_TEST

/* Gmail: X-Attachment-Id on the file, an inline logo with a Content-ID
 * inside multipart/related. */
START_TEST(mime_gmail_like)
{
	unsigned char	*xlsx;
	size_t		 len;
	char		*body, *raw;
	struct mail	*m;

	xlsx = xlsx_bytes(&len);
	body = b64(xlsx, len);
	raw = g_strdup_printf(HDR "Subject: DS\n"
	    "Content-Type: multipart/mixed; boundary=\"000000000000aaa\"\n\n"
	    "--000000000000aaa\n"
	    "Content-Type: multipart/related; boundary=\"000000000000bbb\"\n\n"
	    "--000000000000bbb\n"
	    "Content-Type: multipart/alternative; "
	    "boundary=\"000000000000ccc\"\n\n"
	    "--000000000000ccc\n"
	    "Content-Type: text/plain; charset=\"UTF-8\"\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "K=C3=ADnh g=E1=BB=ADi\n\n"
	    "--000000000000ccc\n"
	    "Content-Type: text/html; charset=\"UTF-8\"\n\n"
	    "<div>Kính gửi<img src=\"cid:ii_logo\"></div>\n"
	    "--000000000000ccc--\n"
	    "--000000000000bbb\n"
	    "Content-Type: image/png; name=\"logo.png\"\n"
	    "Content-Transfer-Encoding: base64\n"
	    "Content-ID: <ii_logo>\n"
	    "X-Attachment-Id: ii_logo\n\n"
	    "iVBORw0KGgo=\n"
	    "--000000000000bbb--\n"
	    "--000000000000aaa\n"
	    "Content-Type: " CT_XLSX "; name=\"DS thue bao.xlsx\"\n"
	    "Content-Disposition: attachment; filename=\"DS thue bao.xlsx\"\n"
	    "Content-Transfer-Encoding: base64\n"
	    "X-Attachment-Id: f_lv1\n"
	    "Content-ID: <f_lv1>\n\n%s"
	    "--000000000000aaa--\n", body);
	m = parse(raw);
	ck_assert_str_eq(m->body_text, "Kính gửi\n");
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "DS thue bao.xlsx");
	ck_assert_int_eq(m->att[0].format, FORMAT_XLSX);
	mime_free(m);
	g_free(raw);
	g_free(body);
	g_free(xlsx);
}
END_TEST

/* Thunderbird: RFC 2231 filename*= and an RFC 2047 name=. */
START_TEST(mime_thunderbird_like)
{
	char		*pct = pct_encode(VI_FILE), *b, *ctype, *disp;
	struct mail	*m;

	b = g_base64_encode((const guchar *)VI_FILE, strlen(VI_FILE));
	ctype = g_strdup_printf("Content-Type: " CT_DOCX ";\n"
	    " name=\"=?UTF-8?B?%s?=\"", b);
	disp = g_strdup_printf("Content-Disposition: attachment;\n"
	    " filename*=UTF-8''%s", pct);
	m = parse_one_attachment(ctype, disp);
	ck_assert_str_eq(m->att[0].filename, VI_FILE);
	mime_free(m);
	g_free(pct);
	g_free(b);
	g_free(ctype);
	g_free(disp);
}
END_TEST

START_TEST(mime_document_type_without_name_is_attachment)
{
	struct mail *m = parse_one_attachment("Content-Type: " CT_DOCX, NULL);

	ck_assert_str_eq(m->att[0].filename, "");
	mime_free(m);
}
END_TEST

START_TEST(mime_pdf_and_msword_types_are_attachments)
{
	struct mail *m = parse(HDR "Subject: x\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\n\nbody\n"
	    "--b\nContent-Type: application/pdf\n\n%PDF-1.4\n"
	    "--b\nContent-Type: application/msword\n\nnot really\n"
	    "--b\nContent-Type: application/octet-stream\n\nno name\n"
	    "--b\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\n"
	    "--b--\n");

	ck_assert_uint_eq(m->natt, 2);
	ck_assert_str_eq(m->att[0].content_type, "application/pdf");
	ck_assert_int_eq(m->att[0].format, FORMAT_PDF);
	ck_assert_str_eq(m->att[1].content_type, "application/msword");
	ck_assert_int_eq(m->att[1].format, FORMAT_OTHER);
	ck_assert_str_eq(m->body_text, "body");
	mime_free(m);
}
END_TEST

/* Outlook signature logo: image/png, inline, with a file name and a
 * Content-ID. A picture attached on purpose stays. */
START_TEST(mime_inline_image_excluded)
{
	struct mail *m = parse(HDR "Subject: x\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\n\nbody\n"
	    "--b\nContent-Type: image/png; name=\"image001.png\"\n"
	    "Content-Description: image001.png\n"
	    "Content-Disposition: inline; filename=\"image001.png\"\n"
	    "Content-ID: <image001.png@01DA0000.00000000>\n"
	    "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
	    "--b\nContent-Type: image/jpeg; name=\"logo.jpg\"\n"
	    "Content-ID: <logo>\n\nxx\n"
	    "--b\nContent-Type: image/jpeg; name=\"scan.jpg\"\n"
	    "Content-Disposition: attachment; filename=\"scan.jpg\"\n\nxx\n"
	    "--b--\n");

	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "scan.jpg");
	mime_free(m);
}
END_TEST

START_TEST(mime_smime_signature_excluded)
{
	struct mail *m = parse(HDR "Subject: signed\n"
	    "Content-Type: multipart/signed; protocol=\"application/"
	    "pkcs7-signature\";\n micalg=sha-256; boundary=\"sig\"\n\n"
	    "--sig\nContent-Type: multipart/mixed; boundary=\"in\"\n\n"
	    "--in\nContent-Type: text/plain\n\nsigned body\n"
	    "--in\nContent-Type: application/pdf; name=\"cv.pdf\"\n"
	    "Content-Disposition: attachment; filename=\"cv.pdf\"\n\n"
	    "%PDF-1.7\n"
	    "--in--\n"
	    "--sig\nContent-Type: application/pkcs7-signature; "
	    "name=\"smime.p7s\"\n"
	    "Content-Disposition: attachment; filename=\"smime.p7s\"\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "MIAGCSqGSIb3DQEHAqCAMIACAQEx\n"
	    "--sig\nContent-Type: application/x-pkcs7-signature; "
	    "name=\"smime.p7s\"\n\nxx\n"
	    "--sig\nContent-Type: application/pgp-signature; "
	    "name=\"signature.asc\"\n\nxx\n"
	    "--sig--\n");

	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "cv.pdf");
	ck_assert_str_eq(m->body_text, "signed body");
	mime_free(m);
}
END_TEST

START_TEST(mime_forwarded_rfc822_nested_attachment)
{
	unsigned char	*docx;
	size_t		 len;
	char		*body, *raw;
	struct mail	*m;

	docx = docx_bytes(&len);
	body = b64(docx, len);
	raw = g_strdup_printf(HDR "Subject: Fwd: DS\n"
	    "Content-Type: multipart/mixed; boundary=outer\n\n"
	    "--outer\nContent-Type: text/plain\n\nForwarding.\n"
	    "--outer\nContent-Type: message/rfc822\n"
	    "Content-Disposition: attachment; filename=\"orig.eml\"\n\n"
	    "From: xa@example.vn\nSubject: DS\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=inner\n\n"
	    "--inner\nContent-Type: text/plain\n\ninner body\n"
	    "--inner\nContent-Type: " CT_DOCX "; name=\"in.docx\"\n"
	    "Content-Transfer-Encoding: base64\n\n%s"
	    "--inner--\n"
	    "--outer--\n", body);
	m = parse(raw);
	ck_assert_str_eq(m->body_text, "Forwarding.");
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "in.docx");
	ck_assert_int_eq(m->att[0].depth, 1);
	ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	ck_assert_uint_eq(m->att[0].len, len);
	mime_free(m);
	g_free(raw);
	g_free(body);
	g_free(docx);
}
END_TEST

/* Outlook may base64 a forwarded message/rfc822; GMime leaves it a leaf. */
START_TEST(mime_forwarded_rfc822_base64_encoded)
{
	const char	*inner = "From: xa@example.vn\nSubject: DS\n"
	    "Content-Type: multipart/mixed; boundary=inner\n\n"
	    "--inner\nContent-Type: application/pdf; name=\"in.pdf\"\n\n"
	    "%PDF-1.4\n--inner--\n";
	char		*b = b64(inner, strlen(inner)), *raw;
	struct mail	*m;

	raw = g_strdup_printf(HDR "Subject: Fwd\n"
	    "Content-Type: multipart/mixed; boundary=outer\n\n"
	    "--outer\nContent-Type: text/plain\n\nsee\n"
	    "--outer\nContent-Type: message/rfc822\n"
	    "Content-Transfer-Encoding: base64\n\n%s--outer--\n", b);
	m = parse(raw);
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "in.pdf");
	ck_assert_int_eq(m->att[0].depth, 1);
	ck_assert_int_eq(m->att[0].format, FORMAT_PDF);
	mime_free(m);
	g_free(raw);
	g_free(b);
}
END_TEST

/* An .eml attached as application/octet-stream is walked as a message. */
START_TEST(mime_eml_as_octet_stream_walked)
{
	unsigned char	*docx;
	size_t		 len;
	char		*inner, *b_inner, *b_docx, *raw;
	struct mail	*m;

	docx = docx_bytes(&len);
	b_docx = b64(docx, len);
	inner = g_strdup_printf("From: xa@example.vn\nTo: a@b.vn\n"
	    "Subject: DS\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=inner\n\n"
	    "--inner\nContent-Type: " CT_DOCX "; name=\"in.docx\"\n"
	    "Content-Transfer-Encoding: base64\n\n%s--inner--\n", b_docx);
	b_inner = b64(inner, strlen(inner));
	raw = g_strdup_printf(HDR "Subject: Fwd\n"
	    "Content-Type: multipart/mixed; boundary=outer\n\n"
	    "--outer\nContent-Type: text/plain\n\nsee attached\n"
	    "--outer\nContent-Type: application/octet-stream; "
	    "name=\"orig.eml\"\n"
	    "Content-Disposition: attachment; filename=\"orig.eml\"\n"
	    "Content-Transfer-Encoding: base64\n\n%s--outer--\n", b_inner);
	m = parse(raw);
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "in.docx");
	ck_assert_int_eq(m->att[0].depth, 1);
	ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	mime_free(m);
	g_free(raw);
	g_free(b_inner);
	g_free(inner);
	g_free(b_docx);
	g_free(docx);
}
END_TEST

START_TEST(mime_uuencoded_attachment)
{
	struct mail *m = parse(HDR "Subject: uu\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: application/octet-stream; name=\"a.txt\"\n"
	    "Content-Transfer-Encoding: x-uuencode\n\n"
	    "begin 644 a.txt\n"
	    "%:&5L;&\\`\n"
	    "`\nend\n"
	    "--b--\n");

	ck_assert_uint_eq(m->natt, 1);
	ck_assert_uint_eq(m->att[0].len, 5);
	ck_assert_int_eq(memcmp(m->att[0].data, "hello", 5), 0);
	mime_free(m);
}
END_TEST

START_TEST(mime_quoted_printable_attachment)
{
	struct mail *m = parse(HDR "Subject: qp\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: application/pdf; name=\"a.pdf\"\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "%PDF-1.4=0A=E2=E3=\n\n"
	    "--b--\n");

	ck_assert_uint_eq(m->natt, 1);
	ck_assert_uint_eq(m->att[0].len, 11);
	ck_assert_int_eq(memcmp(m->att[0].data, "%PDF-1.4\n\xe2\xe3", 11), 0);
	ck_assert_int_eq(m->att[0].format, FORMAT_PDF);
	mime_free(m);
}
END_TEST

/* max_attachment one below, at, and one above the decoded size. */
START_TEST(mime_attachment_too_large_limit)
{
	unsigned char		*docx;
	size_t			 len;
	char			*raw;
	struct mime_limits	 lim = { 0 };
	struct mail		*m;

	docx = docx_bytes(&len);
	raw = msg_with_attachment(HDR, "Content-Type: " CT_DOCX
	    "; name=\"a.docx\"", NULL, docx, len);
	lim.max_attachment = len + (size_t)_i;
	m = parse_lim(raw, strlen(raw), &lim);
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_uint_eq(m->att[0].len, len);
	if (_i < 0) {
		ck_assert(m->att[0].too_large);
		ck_assert_ptr_null(m->att[0].data);
		ck_assert_int_eq(m->att[0].format, FORMAT_OTHER);
	} else {
		ck_assert(!m->att[0].too_large);
		ck_assert_ptr_nonnull(m->att[0].data);
		ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	}
	mime_free(m);
	g_free(raw);
	g_free(docx);
}
END_TEST

/* An encoded form over the limit whose decoded size is under it. */
START_TEST(mime_attachment_encoded_over_decoded_under)
{
	unsigned char		*docx;
	size_t			 len;
	char			*raw;
	struct mime_limits	 lim = { 0 };
	struct mail		*m;

	docx = docx_bytes(&len);
	raw = msg_with_attachment(HDR, "Content-Type: " CT_DOCX, NULL, docx,
	    len);
	lim.max_attachment = len + 10;
	m = parse_lim(raw, strlen(raw), &lim);
	ck_assert(!m->att[0].too_large);
	ck_assert_int_eq(m->att[0].format, FORMAT_DOCX);
	mime_free(m);
	g_free(raw);
	g_free(docx);
}
END_TEST

START_TEST(mime_body_html_only_stripped)
{
	struct mail *m = parse(HDR "Subject: x\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><head><style>p { color: red; }</style></head>"
	    "<body><script>alert(1)</script><p>K&iacute;nh g&#7917;i"
	    " &amp; <b>Cục</b>&#x21;</p><!-- hidden --><br>Hết</body>"
	    "</html>\n");

	ck_assert_str_eq(m->body_text, "\nK&iacute;nh gửi & Cục!\n\nHết\n");
	mime_free(m);
}
END_TEST

START_TEST(mime_body_windows1258_charset)
{
	char		*cp, *raw;
	struct mail	*m;

	cp = g_convert("Kính gửi Cục Chứng thực số", -1, "WINDOWS-1258",
	    "UTF-8", NULL, NULL, NULL);
	raw = g_strdup_printf(HDR "Subject: x\n"
	    "Content-Type: text/plain; charset=windows-1258\n"
	    "Content-Transfer-Encoding: 8bit\n\n%s\n", cp);
	m = parse(raw);
	ck_assert_str_eq(m->body_text, "Kính gửi Cục Chứng thực số\n");
	mime_free(m);
	g_free(raw);
	/* Undeclared: the fallbacks find it. */
	raw = g_strdup_printf(HDR "Subject: x\n\n%s\n", cp);
	m = parse(raw);
	ck_assert_str_eq(m->body_text, "Kính gửi Cục Chứng thực số\n");
	mime_free(m);
	g_free(raw);
	g_free(cp);
}
END_TEST

/* "ệ" is 3 bytes; a cap inside it cuts before it. */
START_TEST(mime_body_text_cap)
{
	struct mime_limits	 lim = { 0 };
	const char		*raw = "From: a@b.vn\n\nHuyện ủy\n";
	struct mail		*m;
	static const char *const want[] = { "Huy", "Huy", "Huy", "Huyệ",
	    "Huyện" };

	lim.max_body_text = 3 + (size_t)_i;
	m = parse_lim(raw, strlen(raw), &lim);
	ck_assert_str_eq(m->body_text, want[_i]);
	mime_free(m);
}
END_TEST

START_TEST(mime_crlf_line_ends)
{
	struct mail *m = parse("From: a@b.vn\r\nSubject: crlf\r\n"
	    "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
	    "--b\r\nContent-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n"
	    "--b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n"
	    "%PDF-1.4\r\n--b--\r\n");

	ck_assert_str_eq(m->subject, "crlf");
	ck_assert_str_eq(m->body_text, "line 1\nline 2");
	ck_assert_uint_eq(m->natt, 1);
	ck_assert_str_eq(m->att[0].filename, "a.pdf");
	mime_free(m);
}
END_TEST

static const struct {
	const char	*headers;
	enum mime_machine want;
} machine_cases[] = {
	{ "Auto-Submitted: auto-replied\n", MIME_AUTO_REPLY },
	{ "Auto-Submitted: auto-generated; x=1\n", MIME_AUTO_REPLY },
	{ "Auto-Submitted: no\n", MIME_PERSON },
	{ "Auto-Submitted: No ; comment\n", MIME_PERSON },
	{ "X-Autoreply: yes\n", MIME_AUTO_REPLY },
	{ "X-Autorespond: yes\n", MIME_AUTO_REPLY },
	{ "Precedence: bulk\n", MIME_AUTO_REPLY },
	{ "Precedence: junk\n", MIME_AUTO_REPLY },
	{ "Precedence: list\n", MIME_AUTO_REPLY },
	{ "Precedence: auto_reply\n", MIME_AUTO_REPLY },
	{ "Precedence: first-class\n", MIME_PERSON },
	{ "List-Id: <news.example.vn>\n", MIME_AUTO_REPLY },
	{ "List-Unsubscribe: <mailto:u@example.vn>\n", MIME_AUTO_REPLY },
	{ "List-Post: <mailto:l@example.vn>\n", MIME_AUTO_REPLY },
	{ "Subject: Automatic reply: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Auto: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Autoreply: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Out of Office: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Trả lời tự động: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Thư trả lời tự động: DS SIM\n", MIME_AUTO_REPLY },
	/* Outlook in Vietnamese, with no Auto-Submitted (blind set 5) */
	{ "X-Auto-Response-Suppress: All\n"
	    "Subject: Tự động trả lời: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Phản hồi tự động: DS SIM\n", MIME_AUTO_REPLY },
	{ "Subject: Re: Automatic reply: DS SIM\n", MIME_PERSON },
	{ "X-Auto-Response-Suppress: All\nSubject: DS SIM\n", MIME_PERSON },
	{ "X-Auto-Response-Suppress: All\n"
	    "Subject: [EXT] Automatic reply: DS\n", MIME_AUTO_REPLY },
	{ "Subject: Automobile list\n", MIME_PERSON },
	{ "Subject: Không gửi được file\n", MIME_PERSON },
	{ "From: MAILER-DAEMON@mx.example.vn\n"
	    "Subject: Không gửi được thư\n", MIME_BOUNCE },
	{ "Subject: Undeliverable: DS SIM\n", MIME_BOUNCE },
	{ "From: Mail Delivery System <MAILER-DAEMON@mx.example.vn>\n"
	    "Subject: Undelivered Mail Returned to Sender\n", MIME_BOUNCE },
	{ "From: Mail Delivery System <Mailer-Daemon@mx.example.vn>\n"
	    "Subject: Mail delivery failed: returning message to sender\n",
	    MIME_BOUNCE },
	{ "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "Subject: Delivery Status Notification (Failure)\n", MIME_BOUNCE },
	{ "From: postmaster@example.vn\nSubject: Delivery failure\n",
	    MIME_BOUNCE },
	{ "Return-Path: <>\nSubject: Message not delivered\n", MIME_BOUNCE },
	{ "Subject: Message not delivered\n", MIME_PERSON },
	{ "Auto-Submitted: auto-replied\nSubject: Undeliverable: x\n",
	    MIME_BOUNCE },
};

START_TEST(mime_machine_headers_and_subjects)
{
	char		*raw;
	struct mail	*m;
	bool		 has_from = strstr(machine_cases[_i].headers,
	    "From:") != NULL;
	bool		 has_subj = strstr(machine_cases[_i].headers,
	    "Subject:") != NULL;

	raw = g_strdup_printf("%s%s%sMessage-ID: <a@b>\n\nbody\n",
	    has_from ? "" : "From: vanphong@example.vn\n",
	    has_subj ? "" : "Subject: DS SIM\n", machine_cases[_i].headers);
	m = parse(raw);
	ck_assert_msg(m->machine == machine_cases[_i].want,
	    "case %d: got %d (%s)", _i, m->machine,
	    m->machine_why ? m->machine_why : "-");
	ck_assert((m->machine_why != NULL) == (m->machine != MIME_PERSON));
	mime_free(m);
	g_free(raw);
}
END_TEST

/* RFC 3464 as Postfix, Exchange and Gmail send it, even with a subject
 * that says nothing and an Auto-Submitted header. */
START_TEST(mime_bounce_dsn_multipart_report)
{
	struct mail *m = parse("From: Microsoft Outlook <postmaster@ex.vn>\n"
	    "To: hotro@example.vn\nSubject: Notice\n"
	    "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"rep\"\n\n"
	    "--rep\nContent-Type: text/plain\n\nDelivery has failed.\n"
	    "--rep\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns;ex.vn\n\nFinal-Recipient: rfc822;x@y.vn\n"
	    "Action: failed\nStatus: 5.1.1\n"
	    "--rep\nContent-Type: message/rfc822\n\n"
	    "From: hotro@example.vn\nSubject: Phản hồi\n"
	    "Message-ID: <orig@example.vn>\n\noriginal\n"
	    "--rep--\n");

	ck_assert_int_eq(m->machine, MIME_BOUNCE);
	ck_assert_str_eq(m->machine_why,
	    "multipart/report; report-type=delivery-status");
	ck_assert_uint_eq(m->natt, 0);
	mime_free(m);
}
END_TEST

START_TEST(mime_bounce_delivery_status_part_in_mixed)
{
	struct mail *m = parse("From: someone@ex.vn\nSubject: Notice\n"
	    "Content-Type: multipart/mixed; boundary=rep\n\n"
	    "--rep\nContent-Type: text/plain\n\nfailed\n"
	    "--rep\nContent-Type: message/delivery-status\n\n"
	    "Action: failed\n--rep--\n");

	ck_assert_int_eq(m->machine, MIME_BOUNCE);
	mime_free(m);
}
END_TEST

START_TEST(mime_read_receipt_is_not_a_bounce)
{
	struct mail *m = parse("From: a@ex.vn\nSubject: Read: DS\n"
	    "Content-Type: multipart/report; "
	    "report-type=disposition-notification; boundary=r\n\n"
	    "--r\nContent-Type: text/plain\n\nread\n"
	    "--r\nContent-Type: message/disposition-notification\n\n"
	    "Disposition: manual-action/MDN-sent-manually; displayed\n"
	    "--r--\n");

	ck_assert_int_ne(m->machine, MIME_BOUNCE);
	ck_assert_uint_eq(m->natt, 0);
	mime_free(m);
}
END_TEST

START_TEST(mime_bounce_qmail_text)
{
	struct mail *m = parse("From: MAILER-DAEMON@mx.example.vn\n"
	    "To: hotro@example.vn\nSubject: failure notice\n\n"
	    "Hi. This is the qmail-send program at mx.example.vn.\n"
	    "I'm afraid I wasn't able to deliver your message to the "
	    "following addresses.\nThis is a permanent error; I've given up."
	    "\n\n<x@y.vn>:\nSorry, no mailbox here by that name.\n");

	ck_assert_int_eq(m->machine, MIME_BOUNCE);
	ck_assert_str_eq(m->machine_why, "qmail-send failure notice");
	mime_free(m);
}
END_TEST

START_TEST(mime_bounce_postfix_text)
{
	struct mail *m = parse("From: MAILER-DAEMON@mx.example.vn (Mail "
	    "Delivery System)\nSubject: Undelivered Mail Returned to Sender\n"
	    "\nThis is the mail system at host mx.example.vn.\n");

	ck_assert_int_eq(m->machine, MIME_BOUNCE);
	mime_free(m);
}
END_TEST

START_TEST(mime_bounce_exim_text)
{
	struct mail *m = parse("From: Mail Delivery System "
	    "<Mailer-Daemon@mx.example.vn>\n"
	    "Subject: Mail delivery failed: returning message to sender\n"
	    "\nThis message was created automatically by mail delivery "
	    "software.\n");

	ck_assert_int_eq(m->machine, MIME_BOUNCE);
	mime_free(m);
}
END_TEST

START_TEST(mime_person_mail)
{
	struct mail *m = parse(HDR "Subject: Đề nghị kích hoạt SIM PKI\n"
	    "X-Mailer: Microsoft Outlook 16.0\n"
	    "X-Auto-Response-Suppress: All\n\nKính gửi Cục.\n");

	ck_assert_int_eq(m->machine, MIME_PERSON);
	ck_assert_ptr_null(m->machine_why);
	mime_free(m);
}
END_TEST

/* Leaf under d multiparts; max_depth 4: kept at 3 and 4, skipped at 5. */
START_TEST(mime_max_depth_limit)
{
	struct mime_limits	 lim = { 0 };
	GString			*s = g_string_new("From: a@b.vn\n");
	int			 d = 4 + _i;
	struct mail		*m;

	for (int i = 0; i < d; i++)
		g_string_append_printf(s, "Content-Type: multipart/mixed; "
		    "boundary=b%d\n\n--b%d\n", i, i);
	g_string_append(s, "Content-Type: application/pdf; name=a.pdf\n\n"
	    "%PDF-1.4\n");
	for (int i = d - 1; i >= 0; i--)
		g_string_append_printf(s, "--b%d--\n", i);
	lim.max_depth = 4;
	m = parse_lim(s->str, s->len, &lim);
	ck_assert_uint_eq(m->natt, _i <= 0 ? 1 : 0);
	ck_assert(m->nesting_capped == (_i > 0));
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

/* One multipart with 3 leaves is 4 parts; max_parts 3, 4, 5. */
START_TEST(mime_max_parts_limit)
{
	struct mime_limits	 lim = { 0 };
	const char		*raw = "From: a@b.vn\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: application/pdf; name=1.pdf\n\n%PDF-\n"
	    "--b\nContent-Type: application/pdf; name=2.pdf\n\n%PDF-\n"
	    "--b\nContent-Type: application/pdf; name=3.pdf\n\n%PDF-\n"
	    "--b--\n";
	struct mail		*m;

	lim.max_parts = 4 + _i;
	m = parse_lim(raw, strlen(raw), &lim);
	ck_assert_uint_eq(m->natt, _i < 0 ? 2 : 3);
	ck_assert(m->parts_capped == (_i < 0));
	ck_assert_str_eq(m->att[0].filename, "1.pdf");
	mime_free(m);
}
END_TEST

START_TEST(mime_hostile_1mb_header_line)
{
	size_t		 n = (size_t)1 << 20;
	GString		*s = g_string_new("From: a@b.vn\nSubject: ");
	struct mail	*m;

	for (size_t i = 0; i < n; i++)
		g_string_append_c(s, 'a' + i % 26);
	g_string_append(s, "\nX-Long: ");
	for (size_t i = 0; i < n; i++)
		g_string_append_c(s, i % 50 == 49 ? ' ' : 'x');
	g_string_append(s, "\n\nbody\n");
	m = parse_lim(s->str, s->len, NULL);
	ck_assert_uint_eq(strlen(m->subject), n);
	ck_assert_str_eq(m->from_addr, "a@b.vn");
	ck_assert_str_eq(m->body_text, "body\n");
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

/* _i 0: default limits, the walk stops at 32; _i 1: max_depth 5000, the
 * whole tree is walked without recursion. */
START_TEST(mime_hostile_nesting_1000_multipart)
{
	GString			*s = g_string_new("From: a@b.vn\n"
	    "Subject: deep\n");
	struct mime_limits	 lim = { .max_depth = _i ? 5000 : 0,
	    .max_parts = _i ? 5000 : 0 };
	struct mail		*m;

	for (int i = 0; i < 1000; i++)
		g_string_append_printf(s, "Content-Type: multipart/mixed; "
		    "boundary=\"b%d\"\n\n--b%d\n", i, i);
	g_string_append(s, "Content-Type: application/pdf; name=a.pdf\n\n"
	    "%PDF-1.4\n");
	for (int i = 999; i >= 0; i--)
		g_string_append_printf(s, "--b%d--\n", i);
	m = parse_lim(s->str, s->len, &lim);
	ck_assert(m->nesting_capped == (_i == 0));
	ck_assert_uint_eq(m->natt, _i);
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

/* GMime itself stops parsing at about 500 message levels; the rest is
 * parsed again from the bytes of the innermost part it left. */
START_TEST(mime_hostile_nesting_1000_rfc822)
{
	GString			*s = g_string_new(NULL);
	struct mime_limits	 lim = { .max_depth = _i ? 5000 : 0,
	    .max_parts = _i ? 5000 : 0 };
	struct mail		*m;

	for (int i = 0; i < 1000; i++)
		g_string_append_printf(s, "From: a%d@b.vn\nSubject: %d\n"
		    "Content-Type: message/rfc822\n\n", i, i);
	g_string_append(s, "From: z@b.vn\nContent-Type: application/pdf; "
	    "name=a.pdf\n\n%PDF-1.4\n");
	m = parse_lim(s->str, s->len, &lim);
	ck_assert_str_eq(m->from_addr, "a0@b.vn");
	ck_assert(m->nesting_capped == (_i == 0));
	ck_assert_uint_eq(m->natt, _i);
	if (_i)
		ck_assert_int_eq(m->att[0].depth, 1000);
	mime_free(m);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(mime_hostile_shapes)
{
	static const char *const raws[] = {
		"",
		"From: a@b.vn\nSubject: headers only\n",
		"From: a@b.vn\n\n",
		"\n\nno headers at all\n",
		"From: a@b.vn\nContent-Type: multipart/mixed; boundary=b\n\n"
		    "--b\nContent-Type: application/pdf; name=a.pdf\n\n"
		    "%PDF-1.4 and the final boundary never comes\n",
		"From: a@b.vn\nContent-Type: multipart/mixed\n\nno boundary\n",
		"From: a@b.vn\nContent-Type: multipart/mixed; boundary=\"\"\n"
		    "\n--\n--\n",
		"From: a@b.vn\nContent-Type: message/rfc822\n\n",
		"From: a@b.vn\nContent-Type: text/plain; charset=nonsense-9\n"
		    "\n\xff\xfe body\n",
		"From: a@b.vn\nContent-Transfer-Encoding: base64\n\n!!!\n",
		"From: <<<@@@>>>\nDate: Mon, 99 Foo 99999 99:99:99 +9999\n"
		    "Message-ID: <\nSubject: =?utf-8?B?####?=\n\nx\n",
		"From: a@b.vn\nContent-Type: text/html\n\n<b>unclosed <i\n",
		"From: a@b.vn\nContent-Type: text/html\n\n&#xFFFFFFFFFF; &#0; "
		    "&#xD800; &; &&&\n",
	};
	struct mail	*m;
	const char	*why;
	const char	*raw = raws[_i];

	m = NULL;
	if (mime_parse((const unsigned char *)raw, strlen(raw), NULL, &m,
	    &why) == 0) {
		ck_assert_ptr_nonnull(m->subject);
		ck_assert_ptr_nonnull(m->body_text);
		ck_assert(g_utf8_validate(m->body_text, -1, NULL));
		ck_assert(g_utf8_validate(m->subject, -1, NULL));
	} else
		ck_assert_ptr_nonnull(why);
	mime_free(m);
}
END_TEST

/* tests/data/regress/rfc2047-empty-word.eml: an encoded-word that
 * decodes to no bytes is an empty subject, without a GLib CRITICAL. */
START_TEST(mime_regress_subject_empty_encoded_word)
{
	char		*path = test_data_path("regress/rfc2047-empty-word.eml");
	size_t		 len;
	unsigned char	*raw = test_slurp(path, &len);
	struct mail	*m = parse_lim((const char *)raw, len, NULL);

	ck_assert_str_eq(m->subject, "");
	ck_assert_str_eq(m->from_addr, "a@b.vn");
	mime_free(m);
	g_free(raw);
	g_free(path);
}
END_TEST

START_TEST(mime_missing_final_boundary_keeps_attachment)
{
	struct mail *m = parse("From: a@b.vn\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\n\nhi\n"
	    "--b\nContent-Type: application/pdf; name=a.pdf\n\n"
	    "%PDF-1.4 and no end\n");

	ck_assert_uint_eq(m->natt, 1);
	ck_assert_int_eq(m->att[0].format, FORMAT_PDF);
	mime_free(m);
}
END_TEST

START_TEST(mime_hostile_binary_junk)
{
	unsigned char	*junk = g_malloc(65536);
	guint32		 x = 2463534242u;
	struct mail	*m = NULL;
	const char	*why;

	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < 65536; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			junk[i] = x & 0xff;
		}
		if (round % 2 == 1)
			memcpy(junk, "From: a@b.vn\nContent-Type: multipart/"
			    "mixed; boundary=\"\x01\"\n\n", 52);
		if (mime_parse(junk, 65536, NULL, &m, &why) == 0) {
			ck_assert(g_utf8_validate(m->subject, -1, NULL));
			mime_free(m);
		}
		m = NULL;
	}
	g_free(junk);
}
END_TEST

START_TEST(mime_init_idempotent)
{
	mime_init();
	mime_init();
	mime_free(NULL);
}
END_TEST

Suite *
mime_suite(void)
{
	Suite	*s = suite_create("mime");
	TCase	*tc = tcase_create("decode");
	TCase	*tp = tcase_create("parts");
	TCase	*tm = tcase_create("machine");
	TCase	*th = tcase_create("hostile");

	tcase_add_test(tc, mime_init_idempotent);
	tcase_add_test(tc, mime_headers_basic);
	tcase_add_test(tc, mime_headers_missing);
	tcase_add_test(tc, mime_date_unparsable_is_null);
	tcase_add_test(tc, mime_subject_and_name_rfc2047_b);
	tcase_add_test(tc, mime_subject_rfc2047_q_split_words);
	tcase_add_test(tc, mime_subject_windows1258_raw_8bit);
	tcase_add_test(tc, mime_subject_utf8_raw_8bit);
	tcase_add_test(tc, mime_subject_decomposed_becomes_nfc);
	tcase_add_test(tc, mime_filename_rfc2231_continuations);
	tcase_add_test(tc, mime_filename_quoted_rfc2047);
	tcase_add_test(tc, mime_filename_content_type_name_fallback);
	tcase_add_test(tc, mime_filename_raw_utf8);
	tcase_add_test(tc, mime_filename_raw_windows1258);
	tcase_add_test(tc, mime_body_html_only_stripped);
	tcase_add_test(tc, mime_body_windows1258_charset);
	tcase_add_loop_test(tc, mime_body_text_cap, 0, 5);
	tcase_add_test(tc, mime_crlf_line_ends);
	suite_add_tcase(s, tc);

	tcase_add_test(tp, mime_outlook_like);
	tcase_add_test(tp, mime_gmail_like);
	tcase_add_test(tp, mime_thunderbird_like);
	tcase_add_test(tp, mime_document_type_without_name_is_attachment);
	tcase_add_test(tp, mime_pdf_and_msword_types_are_attachments);
	tcase_add_test(tp, mime_inline_image_excluded);
	tcase_add_test(tp, mime_smime_signature_excluded);
	tcase_add_test(tp, mime_forwarded_rfc822_nested_attachment);
	tcase_add_test(tp, mime_forwarded_rfc822_base64_encoded);
	tcase_add_test(tp, mime_eml_as_octet_stream_walked);
	tcase_add_test(tp, mime_uuencoded_attachment);
	tcase_add_test(tp, mime_quoted_printable_attachment);
	tcase_add_loop_test(tp, mime_attachment_too_large_limit, -1, 2);
	tcase_add_test(tp, mime_attachment_encoded_over_decoded_under);
	tcase_add_loop_test(tp, mime_max_depth_limit, -1, 2);
	tcase_add_loop_test(tp, mime_max_parts_limit, -1, 2);
	tcase_add_test(tp, mime_missing_final_boundary_keeps_attachment);
	suite_add_tcase(s, tp);

	tcase_add_loop_test(tm, mime_machine_headers_and_subjects, 0,
	    sizeof(machine_cases) / sizeof(machine_cases[0]));
	tcase_add_test(tm, mime_bounce_dsn_multipart_report);
	tcase_add_test(tm, mime_bounce_delivery_status_part_in_mixed);
	tcase_add_test(tm, mime_read_receipt_is_not_a_bounce);
	tcase_add_test(tm, mime_bounce_qmail_text);
	tcase_add_test(tm, mime_bounce_postfix_text);
	tcase_add_test(tm, mime_bounce_exim_text);
	tcase_add_test(tm, mime_person_mail);
	suite_add_tcase(s, tm);

	/* Sanitizer builds are several times slower than the budget. */
	tcase_set_timeout(th, 20);
	tcase_add_test(th, mime_hostile_1mb_header_line);
	tcase_add_loop_test(th, mime_hostile_nesting_1000_multipart, 0, 2);
	tcase_add_loop_test(th, mime_hostile_nesting_1000_rfc822, 0, 2);
	tcase_add_loop_test(th, mime_hostile_shapes, 0, 13);
	tcase_add_test(th, mime_hostile_binary_junk);
	tcase_add_test(th, mime_regress_subject_empty_encoded_word);
	suite_add_tcase(s, th);
	return (s);
}
