/* check-stream.c: a long list through the whole line (issue 11.1): the
 * CONTRACT JSON written as it is walked is what json-glib reads and
 * writes back, a 20,000-row list is decided, stored once and answered
 * with its rows attached, and a copy delivered again is not read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utime.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "intake/contract.h"
#include "intake/mime.h"
#include "intake/store.h"
#include "outbox/forward-xlsx.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "tests/unit/testlib.h"

/* Big enough that every per-row cost shows, small enough for the
 * sanitizer run. */
#define NROWS		20000
/* In the bad list, every BAD_EVERY-th row has an invalid phone: 80 rows,
 * more than a letter lists. */
#define BAD_EVERY	250

static char	*tmpdir;

static void
setup(void)
{
	tmpdir = g_dir_make_tmp("hotrocks-stream-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void
teardown(void)
{
	test_rm_tree(tmpdir);
	g_free(tmpdir);
}

static char
luhn(const char *body)
{
	int	 sum = 0;
	size_t	 n = strlen(body);

	for (size_t i = 0; i < n; i++) {
		int d = body[n - 1 - i] - '0';

		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return ((char)('0' + (10 - sum % 10) % 10));
}

/* Row i's values, as tests/bench/make-list.py writes them. */
static void
row_values(int i, bool bad, char phone[16], char iccid[24])
{
	if (bad && i % BAD_EVERY == 0)
		g_strlcpy(phone, "0123", 16);
	else
		snprintf(phone, 16, "09%08d", 10000000 + i);
	snprintf(iccid, 24, "898404%012d", i);
	iccid[18] = luhn(iccid);
	iccid[19] = '\0';
}

/* A Phụ lục 3 list of NROWS rows (bad: some invalid phones) as an .eml
 * under tmpdir, with a damaged .docx beside it when broken (the message
 * goes to a person: a case in review holding the rows); its path
 * (g_free). */
static char *
make_list(bool bad, bool broken)
{
	static const char *const names[] = { "[Content_Types].xml",
	    "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	    "xl/worksheets/sheet1.xml" };
	GString		*sh = g_string_new(NULL), *eml;
	const unsigned char *data[5];
	size_t		 lens[5], zlen;
	unsigned char	*zip;
	char		*b64, *path, phone[16], iccid[24];

	g_string_append(sh, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<worksheet xmlns=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><sheetData>"
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>HUYỆN ỦY SƠN "
	    "TỊNH</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>DANH SÁCH ĐỀ "
	    "NGHỊ KÍCH HOẠT SIM KÝ SỐ</t></is></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Kính gửi: Cục "
	    "Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ</t>"
	    "</is></c></row>"
	    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>TT</t></is></c>"
	    "<c r=\"B5\" t=\"inlineStr\"><is><t>Số điện thoại</t></is></c>"
	    "<c r=\"C5\" t=\"inlineStr\"><is><t>Số ICCID</t></is></c>"
	    "<c r=\"D5\" t=\"inlineStr\"><is><t>Họ và tên người dùng</t>"
	    "</is></c><c r=\"E5\" t=\"inlineStr\"><is><t>Chức vụ</t></is>"
	    "</c></row>");
	for (int i = 1; i <= NROWS; i++) {
		int r = 5 + i;

		row_values(i, bad, phone, iccid);
		g_string_append_printf(sh, "<row r=\"%d\"><c r=\"A%d\"><v>%d"
		    "</v></c><c r=\"B%d\" t=\"inlineStr\"><is><t>%s</t></is>"
		    "</c><c r=\"C%d\" t=\"inlineStr\"><is><t>%s</t></is></c>"
		    "<c r=\"D%d\" t=\"inlineStr\"><is><t>Nguyễn Văn Thử %d</t>"
		    "</is></c><c r=\"E%d\" t=\"inlineStr\"><is><t>Phó Bí thư"
		    "</t></is></c></row>", r, r, i, r, phone, r, iccid, r, i, r);
	}
	g_string_append(sh, "</sheetData></worksheet>");
	data[0] = (const unsigned char *)"<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
	    "package/2006/content-types\"><Default Extension=\"rels\" "
	    "ContentType=\"application/vnd.openxmlformats-package."
	    "relationships+xml\"/><Default Extension=\"xml\" ContentType="
	    "\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
	    "ContentType=\"application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/"
	    "worksheets/sheet1.xml\" ContentType=\"application/vnd."
	    "openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
	    "</Types>";
	data[1] = (const unsigned char *)"<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats"
	    ".org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	    "</Relationships>";
	data[2] = (const unsigned char *)"<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	    "<sheet name=\"DS\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
	    "</workbook>";
	data[3] = (const unsigned char *)"<?xml version=\"1.0\" encoding="
	    "\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats"
	    ".org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "</Relationships>";
	data[4] = (const unsigned char *)sh->str;
	for (int i = 0; i < 5; i++)
		lens[i] = strlen((const char *)data[i]);
	zip = test_zipn(5, names, data, lens, &zlen);
	b64 = g_base64_encode(zip, zlen);
	eml = g_string_new(NULL);
	g_string_append_printf(eml, "From: vanphong.sontinh@quangngai.dcs.vn"
	    "\r\nTo: HotroCKS@quangngai.dcs.vn\r\n"
	    "Subject: Danh sach kich hoat SIM ky so (%d)\r\n"
	    "Message-ID: <stream-%s-%d@quangngai.dcs.vn>\r\n"
	    "Date: Thu, 02 May 2024 08:00:00 +0700\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
	    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Danh sach.\r\n--b\r\nContent-Type: application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
	    "Content-Disposition: attachment; filename=\"ds.xlsx\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", NROWS,
	    bad ? "bad" : "clean", NROWS);
	for (size_t o = 0, n = strlen(b64); o < n; o += 76)
		g_string_append_printf(eml, "%.76s\r\n", b64 + o);
	if (broken)
		g_string_append(eml, "--b\r\nContent-Type: application/"
		    "vnd.openxmlformats-officedocument.wordprocessingml."
		    "document\r\nContent-Disposition: attachment; filename="
		    "\"hong.docx\"\r\nContent-Transfer-Encoding: base64\r\n"
		    "\r\nUEsDBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
	g_string_append(eml, "--b--\r\n");
	path = g_build_filename(tmpdir, broken ? "broken.eml" : bad ?
	    "bad.eml" : "clean.eml", NULL);
	ck_assert(g_file_set_contents(path, eml->str, (gssize)eml->len,
	    NULL));
	/* Received (the file's time) on 2 May 2024, 08:00 in Vietnam. */
	{
		struct utimbuf t = { 1714611600, 1714611600 };

		ck_assert_int_eq(utime(path, &t), 0);
	}
	g_string_free(eml, TRUE);
	g_string_free(sh, TRUE);
	g_free(b64);
	g_free(zip);
	return (path);
}

/* json-glib's own bytes for the value it parsed out of json. */
static char *
json_glib_again(const char *json, bool pretty)
{
	JsonNode	*n = json_from_string(json, NULL);
	JsonGenerator	*gen = json_generator_new();
	char		*s;

	ck_assert_ptr_nonnull(n);
	json_generator_set_pretty(gen, pretty);
	json_generator_set_root(gen, n);
	s = json_generator_to_data(gen, NULL);
	g_object_unref(gen);
	json_node_unref(n);
	return (s);
}

static JsonObject *
member_object(JsonArray *a, guint i)
{
	return (json_node_get_object(json_array_get_element(a, i)));
}

/* Every byte json-glib escapes, and the ones it does not, in every kind
 * of string the writer puts out: the text reads back the same, and the
 * bytes are json-glib's, compact and pretty. */
START_TEST(stream_json_is_json_glib_bytes)
{
	struct mail	 m = { 0 };
	struct decision	 dec = { 0 };
	JsonNode	*n;
	GString		*nasty = g_string_new("Việt “quote” \" \\ / é 😀 ");
	char		*j, *again;

	for (int c = 1; c < 0x80; c++)
		if (c != 0x1f)
			g_string_append_c(nasty, (char)c);
	m.message_id = "<a\"b@c>";
	m.from_addr = NULL;
	m.subject = nasty->str;
	dec.kind = KIND_SIM_ACTIVATION;
	dec.action = ACTION_REJECT;
	findings_add(&dec.errors, CODE_PHONE_INVALID, "%s", nasty->str);
	findings_add(&dec.warnings, CODE_PHONE_OLD_FORMAT, NULL);
	for (int pretty = 0; pretty < 2; pretty++) {
		j = contract_json(&m, &dec, pretty);
		again = json_glib_again(j, pretty);
		ck_assert_str_eq(j, again);
		n = json_from_string(j, NULL);
		ck_assert_str_eq(json_object_get_string_member(
		    json_node_get_object(n), "subject"), nasty->str);
		ck_assert(json_object_get_null_member(json_node_get_object(n),
		    "from"));
		json_node_unref(n);
		g_free(again);
		g_free(j);
	}
	/* U+001F: json-glib writes it raw, which is not JSON. */
	m.subject = "a\x1f" "b";
	j = contract_json(&m, &dec, false);
	ck_assert_ptr_nonnull(strstr(j, "\"subject\":\"a\\u001fb\""));
	n = json_from_string(j, NULL);
	ck_assert_str_eq(json_object_get_string_member(
	    json_node_get_object(n), "subject"), "a\x1f" "b");
	json_node_unref(n);
	g_free(j);
	findings_deinit(&dec.errors);
	findings_deinit(&dec.warnings);
	g_string_free(nasty, TRUE);
}
END_TEST

/* inspect --json of the bad list: the decision written to stdout as it is
 * walked is the one written to a string, json-glib writes the same bytes
 * for it, and it says what the list holds: every row, in order, errors
 * on the bad rows only. */
START_TEST(stream_big_list_inspect_json)
{
	struct config	*cfg;
	struct mail	*m = NULL;
	struct decision	*dec = NULL;
	JsonNode	*root;
	JsonObject	*msg, *doc;
	JsonArray	*rows;
	unsigned char	*raw;
	size_t		 len;
	const char	*why = NULL;
	char		*path = make_list(true, false), *out = NULL, *err = NULL;
	char		*j, *again, *cause = NULL, phone[16], iccid[24];
	int		 nbad = 0;

	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "-c",
	    "samples/hotrocks.conf", "--json", path, NULL), 0);
	mime_init();
	cfg = config_load("samples/hotrocks.conf", &cause);
	ck_assert_msg(cfg != NULL, "%s", cause);
	raw = test_slurp(path, &len);
	ck_assert_int_eq(analyse_message(raw, len, cfg, NULL, &m, &dec, &why),
	    0);
	j = contract_json(m, dec, false);
	ck_assert_uint_eq(strlen(out), strlen(j) + 1);
	ck_assert(strncmp(out, j, strlen(j)) == 0 && out[strlen(j)] == '\n');
	again = json_glib_again(j, false);
	ck_assert(strcmp(again, j) == 0);

	root = json_from_string(j, NULL);
	msg = json_node_get_object(root);
	ck_assert_str_eq(json_object_get_string_member(msg, "kind"),
	    "sim_activation");
	ck_assert_str_eq(json_object_get_string_member(msg, "action"),
	    "reject");
	ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(
	    msg, "documents")), 1);
	doc = member_object(json_object_get_array_member(msg, "documents"), 0);
	rows = json_object_get_array_member(doc, "rows");
	ck_assert_uint_eq(json_array_get_length(rows), NROWS);
	for (guint k = 0; k < NROWS; k++) {
		JsonObject	*r = member_object(rows, k);
		JsonArray	*e = json_object_get_array_member(r, "errors");
		int		 i = (int)k + 1;

		ck_assert_int_eq(json_object_get_int_member(r, "index"), i);
		if (i % BAD_EVERY == 0) {
			nbad++;
			ck_assert_uint_ge(json_array_get_length(e), 1);
			ck_assert_str_eq(json_object_get_string_member(
			    member_object(e, 0), "code"), "phone_invalid");
		} else
			ck_assert_uint_eq(json_array_get_length(e), 0);
	}
	ck_assert_int_eq(nbad, NROWS / BAD_EVERY);
	/* a few rows, field by field */
	for (int i = 1; i <= NROWS; i += 7919) {
		JsonObject *r = member_object(rows, (guint)i - 1);
		char *want = NULL;

		row_values(i, true, phone, iccid);
		want = g_strdup_printf("84%s", phone + 1);
		ck_assert_str_eq(json_object_get_string_member(r, "phone"),
		    want);
		ck_assert_str_eq(json_object_get_string_member(r,
		    "phone_raw"), phone);
		ck_assert_str_eq(json_object_get_string_member(r, "iccid"),
		    iccid);
		g_free(want);
		want = g_strdup_printf("Nguyễn Văn Thử %d", i);
		ck_assert_str_eq(json_object_get_string_member(r, "name"),
		    want);
		g_free(want);
	}
	json_node_unref(root);
	g_free(again);
	g_free(j);
	decision_free(dec);
	mime_free(m);
	config_free(cfg);
	g_free(raw);
	g_free(out);
	g_free(err);
	g_free(path);
}
END_TEST

/* One text value of the store. */
static char *
sql_text(const char *db, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*v = NULL;

	ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

/* The letter of purpose, its attached list read as a unit's list is
 * read: every row there, and the "Ghi chú" of bad_row says want_note
 * (NULL: no such column). */
static void
reply_list(const char *db, const char *purpose, int bad_row,
    const char *want_note)
{
	struct mail	*m = NULL;
	struct package	*pkg;
	struct docbody	*body = NULL;
	const struct grid *g;
	const struct cell *c;
	const char	*why = NULL;
	char		*raw;
	size_t		 natt = 0;

	/* whole: the outbox keeps attachments as files (outbox/blob.c) */
	raw = test_outbox_raw(db, purpose);
	ck_assert_ptr_nonnull(raw);
	ck_assert_int_eq(mime_parse((const unsigned char *)raw, strlen(raw),
	    NULL, &m, &why), 0);
	/* the letter is short: the rows and their findings are in the list
	 * (all of them in the letter made 13 MB of text here) */
	ck_assert_uint_lt(strlen(m->body_text), 64u << 10);
	for (size_t i = 0; i < m->natt; i++) {
		/* the list hotrocks made, not the unit's original */
		if (!g_str_has_prefix(m->att[i].filename, "Danh sách") ||
		    !g_str_has_suffix(m->att[i].filename, ".xlsx"))
			continue;
		natt++;
		pkg = package_open(m->att[i].data, m->att[i].len, NULL, &why);
		ck_assert_msg(pkg != NULL, "%s", why);
		ck_assert_msg(xlsx_read(pkg, NULL, &body, &why) == 0, "%s",
		    why);
		package_free(pkg);
	}
	ck_assert_uint_eq(natt, 1);
	g = body->blocks[0].grid;
	ck_assert_uint_eq(g->nrows, FORWARD_XLSX_FIRST_ROW + NROWS);
	c = grid_at(g, FORWARD_XLSX_FIRST_ROW + NROWS - 1, 3);
	ck_assert(c != NULL && strcmp(c->text, "Nguyễn Văn Thử "
	    G_STRINGIFY(NROWS)) == 0);
	c = grid_at(g, FORWARD_XLSX_HEADER_ROW, 5);
	if (want_note == NULL) {
		/* the Cục's list is Phụ lục 3 as it is: no notes */
		ck_assert_ptr_null(c);
		ck_assert_uint_eq(g->ncols, 5);
	} else {
		ck_assert(c != NULL && strcmp(c->text, "Ghi chú") == 0);
		c = grid_at(g, FORWARD_XLSX_FIRST_ROW + bad_row - 1, 5);
		ck_assert_msg(c != NULL && strstr(c->text, want_note) != NULL,
		    "note of row %d: %s", bad_row, c ? c->text : "(none)");
		ck_assert_ptr_nonnull(strstr(m->body_text, "dòng khác"));
	}
	docbody_free(body);
	mime_free(m);
	g_free(raw);
}

/* The decision of the one message in the store at db, as the store
 * gives it back (store_contract; g_free). */
static char *
stored_decision(const char *db)
{
	struct db	*h;
	sqlite3_stmt	*st;
	char		*cause = NULL, *j;

	h = store_open_readonly(db, &cause);
	ck_assert_msg(h != NULL, "%s", cause);
	st = db_prepare(h, "SELECT id, contract_json FROM messages", &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	j = store_contract(h, sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1), &cause);
	ck_assert_msg(j != NULL, "%s", cause);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	db_close(h);
	return (j);
}

/* What the store gives back for the message of path is, byte for byte,
 * what inspect --json prints for it; the text to *json_r (g_free), when
 * not NULL. */
static void
read_back(const char *db, const char *path, char **json_r)
{
	char	*out = NULL, *err = NULL, *j;

	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "-c",
	    "samples/hotrocks.conf", "--json", path, NULL), 0);
	j = stored_decision(db);
	ck_assert_uint_eq(strlen(out), strlen(j) + 1);
	ck_assert(strncmp(out, j, strlen(j)) == 0 && out[strlen(j)] == '\n');
	if (json_r != NULL)
		*json_r = j;
	else
		g_free(j);
	g_free(out);
	g_free(err);
}

/* The store as hotrocks wrote it before rows were kept apart: the
 * decision whole in messages, '' in case_rows.json. */
static void
store_as_before(const char *db, const char *whole)
{
	test_store_rewrite(db, "UPDATE messages SET contract_json = ?1",
	    whole, "UPDATE case_rows SET json = ''");
}

/* `case show --json` of the one case in the store at db (g_free). */
static char *
case_show(const char *db, const char *number)
{
	char	*out = NULL, *err = NULL;

	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "-c", "samples/hotrocks.conf", "--db", db, "--json", NULL), 0);
	g_free(err);
	return (out);
}

/* A list with errors and warnings that goes to a person (a damaged file
 * beside it): its case holds every row with its own findings, the
 * decision stored keeps none (under 2 KB for 20,000 rows), and it reads
 * back byte for byte as inspect --json prints it; the office report
 * counts the rows' errors. Stored as before (the decision whole), it
 * reads back the same, and case show says the same. */
START_TEST(stream_big_list_in_case_stored_once)
{
	char	*path = make_list(true, true), *out = NULL, *err = NULL, *v;
	char	*db = g_build_filename(tmpdir, "db", NULL);
	char	*whole, *shown, *again, *want;

	mime_init();
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 0);
	g_free(out);
	g_free(err);
	v = sql_text(db, "SELECT m.action || ' ' || c.state || ' ' ||"
	    " c.number FROM messages m JOIN cases c ON c.id = m.case_id");
	ck_assert_str_eq(v, "manual review HT-2024-000001");
	g_free(v);
	/* every row, the bad ones with their errors, each one's warning */
	v = sql_text(db, "SELECT count(*) || ' ' || sum(nerrors > 0) || ' ' ||"
	    " sum(nerrors > 0 AND json LIKE '%\"errors\":[{\"code\":"
	    "\"phone_invalid\"%') || ' ' || sum(json LIKE '%\"warnings\":[%')"
	    " FROM case_rows");
	want = g_strdup_printf("%d %d %d %d", NROWS, NROWS / BAD_EVERY,
	    NROWS / BAD_EVERY, NROWS - NROWS / BAD_EVERY);
	ck_assert_str_eq(v, want);
	g_free(want);
	g_free(v);
	/* both documents' rows are in case_rows */
	v = sql_text(db, "SELECT length(contract_json) < 2048 AND"
	    " (length(contract_json) - length(replace(contract_json,"
	    " '\"rows\":\"case_rows\"', ''))) = 2 * length("
	    "'\"rows\":\"case_rows\"') FROM messages");
	ck_assert_str_eq(v, "1");
	g_free(v);
	read_back(db, path, &whole);
	ck_assert_ptr_nonnull(strstr(whole, "\"code\":\"phone_invalid\""));

	ck_assert_int_eq(test_hotrocks(&out, &err, "report", "--from",
	    "2024-05-01", "--to", "2024-05-31", "--format", "json", "-c",
	    "samples/hotrocks.conf", "--db", db, NULL), 0);
	want = g_strdup_printf("{\"code\":\"phone_invalid\",\"count\":%d,",
	    NROWS / BAD_EVERY);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	g_free(want);
	g_free(out);
	g_free(err);

	shown = case_show(db, "HT-2024-000001");
	store_as_before(db, whole);
	v = sql_text(db, "SELECT instr(contract_json, '\"rows\":[{') > 0"
	    " FROM messages");
	ck_assert_str_eq(v, "1");
	g_free(v);
	again = stored_decision(db);
	ck_assert(strcmp(again, whole) == 0);
	g_free(again);
	again = case_show(db, "HT-2024-000001");
	ck_assert(strcmp(again, shown) == 0);
	g_free(again);
	g_free(shown);
	g_free(whole);
	g_free(db);
	g_free(path);
}
END_TEST

/* ingest of the clean list: one case with every row, each fact stored
 * once, case show reads every row back, the acknowledgement attaches the
 * list with each row's warning; the same file again is not read. */
/* The rows of a long list wait in a file under TMPDIR: where none can be
 * made, inspect and ingest stop with 74 and say where, and ingest records
 * nothing, so the message is read again once TMPDIR is back. */
/* ingest of it too, its letters queued with their workbooks apart: the
 * tree before needed more than 28 MiB of data for these 20,000 rows. */
#define STREAM_INGEST_LIMIT	((size_t)20 << 20)

START_TEST(stream_big_list_ingest_in_bounded_memory)
{
	char		*path = make_list(false, false), *out = NULL, *err = NULL;
	char		*db = g_build_filename(tmpdir, "db", NULL), *v;
	const char	*args[] = { "ingest", "-q", "-c", "samples/hotrocks.conf",
			    "--db", db, path, NULL };

	ck_assert_msg(test_hotrocks_limited(&out, &err, STREAM_INGEST_LIMIT,
	    args) == 0, "%s", err);
	v = sql_text(db, "SELECT (SELECT count(*) FROM case_rows) || ' ' ||"
	    " (SELECT count(*) FROM outbox) || ' ' ||"
	    " (SELECT count(*) FROM outbox_blobs)");
	/* the rows, the acknowledgement and the forward, and their files:
	 * the list's workbook in each, the unit's own file in the forward */
	ck_assert_str_eq(v, G_STRINGIFY(NROWS) " 2 3");
	g_free(v);
	g_free(out);
	g_free(err);
	g_free(db);
	g_free(path);
}
END_TEST

START_TEST(stream_rows_without_tmpdir_exit_74)
{
	char	*path = make_list(false, false), *out = NULL, *err = NULL;
	char	*db = g_build_filename(tmpdir, "db", NULL);
	char	*gone = g_build_filename(tmpdir, "no-such-folder", NULL);
	char	*v;

	g_setenv("TMPDIR", gone, TRUE);
	ck_assert_int_eq(test_hotrocks(&out, &err, "inspect", "-c",
	    "samples/hotrocks.conf", "--json", path, NULL), 74);
	ck_assert_msg(strstr(err, "cannot keep the rows of a list") != NULL &&
	    strstr(err, gone) != NULL, "%s", err);
	ck_assert_str_eq(out, "");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 74);
	g_free(out);
	g_free(err);
	g_unsetenv("TMPDIR");
	v = sql_text(db, "SELECT count(*) FROM messages");
	ck_assert_str_eq(v, "0");
	g_free(v);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 0);
	v = sql_text(db, "SELECT count(*) FROM case_rows");
	ck_assert_str_eq(v, G_STRINGIFY(NROWS));
	g_free(v);
	g_free(out);
	g_free(err);
	g_free(gone);
	g_free(db);
	g_free(path);
}
END_TEST

/* A long list is decided without holding its rows (issue 11.1): its
 * grid is packed, its rows wait in the spool, its repeats are found from
 * 12 bytes a key. The tree before needed more than 16 MiB of data for
 * these 20,000 rows; the whole 200,000-row list now peaks near 60 MiB
 * (make bench). */
#define STREAM_DATA_LIMIT	((size_t)16 << 20)

START_TEST(stream_big_list_inspect_in_bounded_memory)
{
	char		*path = make_list(true, false), *out = NULL, *err = NULL;
	const char	*args[] = { "inspect", "-c", "samples/hotrocks.conf",
			    "--json", path, NULL };
	JsonNode	*root;

	ck_assert_msg(test_hotrocks_limited(&out, &err, STREAM_DATA_LIMIT,
	    args) == 0, "%s", err);
	root = json_from_string(out, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(
	    member_object(json_object_get_array_member(json_node_get_object(
	    root), "documents"), 0), "rows")), NROWS);
	json_node_unref(root);
	g_free(out);
	g_free(err);
	g_free(path);
}
END_TEST

START_TEST(stream_big_list_ingest)
{
	JsonNode	*root;
	JsonArray	*rows;
	JsonObject	*r;
	char		*path = make_list(false, false), *out = NULL, *err = NULL;
	char		*v;
	char		*db = g_build_filename(tmpdir, "db", NULL);

	mime_init();
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 0);
	g_free(out);
	g_free(err);
	/* each row keeps its own warning beside its columns, and nothing
	 * else; the decision keeps no row */
	v = sql_text(db, "SELECT count(*) || ' ' || sum(nerrors) || ' ' ||"
	    " sum(json LIKE '{\"warnings\":[{\"code\":"
	    "\"phone_carrier_mismatch\",%') FROM case_rows");
	ck_assert_str_eq(v, G_STRINGIFY(NROWS) " 0 " G_STRINGIFY(NROWS));
	g_free(v);
	v = sql_text(db, "SELECT length(contract_json) < 2048 AND"
	    " instr(contract_json, '\"rows\":\"case_rows\"') > 0"
	    " FROM messages");
	ck_assert_str_eq(v, "1");
	g_free(v);
	read_back(db, path, NULL);
	v = sql_text(db, "SELECT sum(length(json)) FROM documents");
	ck_assert_str_eq(v, "0");
	g_free(v);
	/* case show --json: the rows from the one stored decision */
	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show",
	    "HT-2024-000001", "-c", "samples/hotrocks.conf", "--db", db,
	    "--json", NULL), 0);
	root = json_from_string(out, NULL);
	ck_assert_ptr_nonnull(root);
	rows = json_object_get_array_member(json_node_get_object(root),
	    "rows");
	ck_assert_uint_eq(json_array_get_length(rows), NROWS);
	r = member_object(rows, 12344);
	ck_assert_int_eq(json_object_get_int_member(r, "index"), 12345);
	ck_assert_str_eq(json_object_get_string_member(r, "phone"),
	    "84910012345");
	ck_assert_str_eq(json_object_get_string_member(member_object(
	    json_object_get_array_member(r, "warnings"), 0), "code"),
	    "phone_carrier_mismatch");
	json_node_unref(root);
	g_free(out);
	g_free(err);
	reply_list(db, "ack", 12345, "Lưu ý: ");
	reply_list(db, "forward", 0, NULL);

	/* Delivered again: recognised before it is decided, which would
	 * kill the process here. */
	g_setenv("HOTROCKS_CRASH_AT", "decide", TRUE);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 0);
	g_unsetenv("HOTROCKS_CRASH_AT");
	ck_assert_ptr_nonnull(strstr(out, "HT-2024-000001"));
	ck_assert_ptr_nonnull(strstr(out, " seen "));
	g_free(out);
	g_free(err);
	v = sql_text(db, "SELECT count(*) FROM messages");
	ck_assert_str_eq(v, "1");
	g_free(v);
	v = sql_text(db, "SELECT count(*) FROM attempts");
	ck_assert_str_eq(v, "0");
	g_free(v);
	g_free(db);
	g_free(path);
}
END_TEST

/* ingest of the bad list: the rejection lists the first rows' errors,
 * says how many more, and attaches the list with every row's. */
START_TEST(stream_big_list_reject_attaches_errors)
{
	char	*path = make_list(true, false), *out = NULL, *err = NULL, *v;
	char	*db = g_build_filename(tmpdir, "db", NULL);

	mime_init();
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, path, NULL), 0);
	g_free(out);
	g_free(err);
	v = sql_text(db, "SELECT action FROM messages");
	ck_assert_str_eq(v, "reject");
	g_free(v);
	reply_list(db, "reject", 20000, "Lỗi: ");
	g_free(db);
	g_free(path);
}
END_TEST

/* A copy that went through one more relay (a trace header added: other
 * bytes, the same Message-ID and body) is known before it is read too. */
START_TEST(stream_copy_with_new_trace_header_not_read)
{
	const char	*dir = getenv("HOTROCKS_SAMPLES");
	char		*src, *copy, *db, *out = NULL, *err = NULL, *v;
	unsigned char	*raw;
	size_t		 len;
	GString		*c;

	src = g_build_filename(dir != NULL ? dir : "build/samples",
	    "01-outlook-docx-sontinh.eml", NULL);
	copy = g_build_filename(tmpdir, "copy.eml", NULL);
	db = g_build_filename(tmpdir, "db", NULL);
	raw = test_slurp(src, &len);
	c = g_string_new("Received: from relay.quangngai.dcs.vn by "
	    "mx.quangngai.dcs.vn;\r\n\tThu, 02 May 2024 08:00:05 +0700\r\n");
	g_string_append_len(c, (const char *)raw, (gssize)len);
	ck_assert(g_file_set_contents(copy, c->str, (gssize)c->len, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, src, NULL), 0);
	g_free(out);
	g_free(err);
	g_setenv("HOTROCKS_CRASH_AT", "decide", TRUE);
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-c",
	    "samples/hotrocks.conf", "--db", db, copy, NULL), 0);
	g_unsetenv("HOTROCKS_CRASH_AT");
	ck_assert_ptr_nonnull(strstr(out, " seen "));
	g_free(out);
	g_free(err);
	v = sql_text(db, "SELECT count(*) FROM messages");
	ck_assert_str_eq(v, "1");
	g_free(v);
	g_string_free(c, TRUE);
	g_free(raw);
	g_free(db);
	g_free(copy);
	g_free(src);
}
END_TEST

Suite *
stream_suite(void)
{
	Suite	*s = suite_create("stream");
	TCase	*tc = tcase_create("stream");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, stream_json_is_json_glib_bytes);
	tcase_add_test(tc, stream_big_list_inspect_json);
	tcase_add_test(tc, stream_big_list_inspect_in_bounded_memory);
	tcase_add_test(tc, stream_big_list_ingest);
	tcase_add_test(tc, stream_rows_without_tmpdir_exit_74);
	tcase_add_test(tc, stream_big_list_ingest_in_bounded_memory);
	tcase_add_test(tc, stream_big_list_reject_attaches_errors);
	tcase_add_test(tc, stream_big_list_in_case_stored_once);
	tcase_add_test(tc, stream_copy_with_new_trace_header_not_read);
	suite_add_tcase(s, tc);
	return (s);
}
