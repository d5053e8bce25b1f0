/* check-relay.c: a district's mailbox passing on communes' lists (review 5,
 * A1): who it is, by the registry or by the place its address names as a
 * whole word, and what the acknowledgement and the forward then say. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "intake/places.h"
#include "intake/replies.h"
#include "outbox/templates.h"
#include "parsers/package.h"
#include "tests/unit/testlib.h"

#define SHA	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"
#define NOW	"2024-05-24T03:30:00Z"
#define CASE	"HT-2024-000036"

static char *own[] = { "hotrocks@quangngai.dcs.vn", NULL };
/* The two communes' files as attached; the documents name their sha256. */
static const unsigned char tinhphong_xlsx[] = "PK\3\4 Tịnh Phong's list";
static const unsigned char binhhai_docx[] = "PK\3\4 Bình Hải's list";
static struct attachment atts[2];

struct district_case {
	const char	*address;
	const char	*want;		/* NULL: none */
};

static const struct district_case district_cases[] = {
	{ "vanphong.sontinh@quangngai.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vanphong.binhson@quangngai.dcs.vn", "Huyện ủy Bình Sơn" },
	{ "vanphong.hu.sontinh@quangngai.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "VanPhong.SonTinh@QuangNgai.DCS.VN", "Huyện ủy Sơn Tịnh" },
	{ "vp@sontinh.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vp.sontinh@sontinh.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vphu_nghiahanh2@quangngai.dcs.vn", "Huyện ủy Nghĩa Hành" },
	{ "tonghop-trabong@quangngai.dcs.vn", "Huyện ủy Trà Bồng" },
	{ "vanphong.ducpho@quangngai.dcs.vn", "Thị ủy Đức Phổ" },
	{ "2024lyson@quangngai.dcs.vn", "Huyện ủy Lý Sơn" },
	/* a place inside another word names nothing */
	{ "nguyenbinhson@quangngai.dcs.vn", NULL },
	{ "huyenuybinhson@quangngai.dcs.vn", NULL },
	{ "sontinhphong@quangngai.dcs.vn", NULL },
	{ "binhsonx@quangngai.dcs.vn", NULL },
	/* split words are not the place's */
	{ "son.tinh@quangngai.dcs.vn", NULL },
	/* the city's name is the province's, in every address */
	{ "vanphong.thanhuy@quangngai.dcs.vn", NULL },
	{ "quangngai@quangngai.dcs.vn", NULL },
	/* two districts: neither */
	{ "sontinh.binhson@quangngai.dcs.vn", NULL },
	{ "vanphong.sontinh@binhson.dcs.vn", NULL },
	{ "", NULL },
	{ NULL, NULL },
};

START_TEST(relay_district_named_as_a_whole_word)
{
	const struct district_case *c = &district_cases[_i];
	const char *got = places_district(c->address);

	if (c->want == NULL)
		ck_assert_msg(got == NULL, "%s: %s", c->address, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, c->want) == 0,
		    "%s: %s, not %s", c->address, got ? got : "NULL",
		    c->want);
}
END_TEST

struct own_case {
	const char	*address, *unit;
	bool		 named;
};

static const struct own_case own_cases[] = {
	{ "dangUy.tinhphong@quangngai.dcs.vn", "Đảng ủy xã Tịnh Phong", true },
	{ "tinhphong@sontinh.dcs.vn", "Đảng ủy xã Tịnh Phong", true },
	{ "du.binhhai@quangngai.dcs.vn", "Đảng ủy xã Bình Hải", true },
	{ "xa-tinhantay@quangngai.dcs.vn", "Đảng ủy xã Tịnh Ấn Tây", true },
	{ "vanphong.sontinh@quangngai.dcs.vn", "Đảng ủy xã Tịnh Phong",
	    false },
	/* one syllable names no place */
	{ "phong@quangngai.dcs.vn", "Đảng ủy xã Tịnh Phong", false },
	{ "vanphong@quangngai.dcs.vn", "Đảng ủy xã Tịnh Phong", false },
	{ "vanphong@quangngai.dcs.vn", NULL, false },
	{ NULL, "Đảng ủy xã Tịnh Phong", false },
};

START_TEST(relay_address_names_the_units_own_place)
{
	const struct own_case *c = &own_cases[_i];

	ck_assert_msg(places_address_names(c->address, c->unit) == c->named,
	    "%s, %s", c->address, c->unit);
}
END_TEST

struct level_case {
	const char		*name;
	enum place_level	 level;
	const char		*place;		/* text_key; NULL: none */
};

static const struct level_case level_cases[] = {
	{ "HUYỆN ỦY MINH LONG", PLACE_DISTRICT, "minh long" },
	{ "Huyện ủy Sơn Tịnh", PLACE_DISTRICT, "son tinh" },
	{ "THỊ ỦY ĐỨC PHỔ", PLACE_DISTRICT, "duc pho" },
	{ "VĂN PHÒNG HUYỆN ỦY TƯ NGHĨA", PLACE_DISTRICT, "tu nghia" },
	{ "UBND HUYỆN BA TƠ", PLACE_DISTRICT, "ba to" },
	{ "ỦY BAN NHÂN DÂN THỊ XÃ ĐỨC PHỔ", PLACE_DISTRICT, "duc pho" },
	{ "THÀNH ỦY QUẢNG NGÃI", PLACE_DISTRICT, "quang ngai" },
	{ "HUYỆN ỦY LÝ SƠN TỈNH QUẢNG NGÃI", PLACE_DISTRICT, "ly son" },
	{ "ĐẢNG ỦY XÃ TỊNH HÀ", PLACE_COMMUNE, "tinh ha" },
	{ "Đảng ủy thị trấn La Hà", PLACE_COMMUNE, "la ha" },
	{ "UBND PHƯỜNG NGHĨA LỘ", PLACE_COMMUNE, "nghia lo" },
	{ "ĐẢNG ỦY XÃ NGHĨA PHƯƠNG", PLACE_COMMUNE, "nghia phuong" },
	/* a township named as its district is */
	{ "ĐẢNG ỦY THỊ TRẤN BA TƠ", PLACE_COMMUNE, "ba to" },
	{ "ĐẢNG ỦY XÃ TỊNH HÀ HUYỆN SƠN TỊNH", PLACE_COMMUNE, "tinh ha" },
	{ "XÃ BÌNH HẢI", PLACE_COMMUNE, "binh hai" },
	/* the province's bodies, and names that say too little */
	{ "TỈNH ỦY QUẢNG NGÃI", PLACE_UNKNOWN, NULL },
	{ "BAN TUYÊN GIÁO TỈNH ỦY", PLACE_UNKNOWN, NULL },
	{ "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH QUẢNG NGÃI", PLACE_UNKNOWN,
	    NULL },
	{ "VĂN PHÒNG", PLACE_UNKNOWN, NULL },
	{ "MINH LONG", PLACE_UNKNOWN, NULL },
	{ "HUYỆN ỦY", PLACE_UNKNOWN, NULL },
	{ "ĐẢNG ỦY XÃ", PLACE_UNKNOWN, NULL },
	{ "HUYỆN ỦY BẮC TRÀ MY", PLACE_UNKNOWN, NULL },
	{ "BAN CHỈ ĐẠO ĐỊA PHƯƠNG", PLACE_UNKNOWN, NULL },
	{ "", PLACE_UNKNOWN, NULL },
	{ NULL, PLACE_UNKNOWN, NULL },
};

START_TEST(relay_level_of_a_body_from_its_name)
{
	const struct level_case	*c = &level_cases[_i];
	char			 unset[] = "unset";
	char			*place = unset;
	enum place_level	 got = places_level(c->name, &place);

	ck_assert_msg(got == c->level, "%s: level %d, not %d", c->name, got,
	    c->level);
	if (c->place == NULL)
		ck_assert_msg(place == NULL, "%s: %s", c->name, place);
	else
		ck_assert_msg(place != NULL && strcmp(place, c->place) == 0,
		    "%s: %s, not %s", c->name, place ? place : "NULL",
		    c->place);
	g_free(place);
	ck_assert(places_level(c->name, NULL) == c->level);
}
END_TEST

static struct config
test_config(void)
{
	struct config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.mailbox_address = "HotroCKS@quangngai.dcs.vn";
	cfg.office_name = "Văn phòng Tỉnh ủy Quảng Ngãi";
	cfg.own_addresses = own;
	cfg.cuc_name = "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu "
	    "Chính phủ";
	cfg.cuc_address = "ca@bcy.gov.vn";
	cfg.forward_to_cuc = true;
	cfg.templates = test_templates();
	return (cfg);
}

/* A mail with no display name, as vanphong.sontinh@ sends them. */
static struct mail
test_mail(const char *from)
{
	struct mail m;

	memset(&m, 0, sizeof(m));
	m.message_id = "<relay-1@quangngai.dcs.vn>";
	m.from_addr = (char *)from;
	m.subject = "Chuyển danh sách SIM ký số";
	m.date = "2024-05-24T03:00:00Z";
	m.machine = MIME_PERSON;
	m.body_text = "";
	atts[0] = (struct attachment){ .filename = "DS SIM Tinh Phong.xlsx",
	    .content_type = "application/octet-stream", .format = FORMAT_XLSX,
	    .data = (unsigned char *)tinhphong_xlsx,
	    .len = sizeof(tinhphong_xlsx) };
	atts[1] = (struct attachment){ .filename = "DS SIM Binh Hai.docx",
	    .content_type = "application/octet-stream", .format = FORMAT_DOCX,
	    .data = (unsigned char *)binhhai_docx,
	    .len = sizeof(binhhai_docx) };
	m.att = atts;
	m.natt = 2;
	return (m);
}

/* A clean Phụ lục 3 list of two rows with its letterhead. */
static void
list_doc(struct document *doc, const struct attachment *a, const char *org,
    const char *phone1, const char *phone2)
{
	const char *phones[] = { phone1, phone2 };
	struct form *f;
	char *sum;

	doc->filename = g_strdup(a->filename);
	doc->format = a->format;
	doc->kind = KIND_SIM_ACTIVATION;
	doc->signature.status = SIG_UNSIGNED;
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, a->data, a->len);
	memcpy(doc->sha256, sum, 65);
	g_free(sum);
	doc->form = f = g_new0(struct form, 1);
	f->kind = KIND_SIM_ACTIVATION;
	f->organization = g_strdup(org);
	for (size_t i = 0; i < 2; i++) {
		struct form_row r = { 0 };

		r.index = i + 1;
		r.source_row = i + 2;
		r.phone = g_strdup(phones[i]);
		r.name = g_strdup_printf("Nguyễn Văn %c", (int)('A' + i));
		r.position = g_strdup(i == 0 ? "Bí thư Đảng ủy xã" :
		    "Phó Bí thư Đảng ủy xã");
		r.iccid = g_strdup("8984040000000000001");
		form_row_append(f, &r);
		form_row_deinit(&r);
	}
}

/* A queued decision: Tịnh Phong's list, and Bình Hải's when two. */
static struct decision *
test_decision(bool two)
{
	struct decision *d = g_new0(struct decision, 1);

	d->kind = KIND_SIM_ACTIVATION;
	d->action = ACTION_QUEUE;
	d->ndocs = two ? 2 : 1;
	d->docs = g_new0(struct document, d->ndocs);
	list_doc(&d->docs[0], &atts[0], "ĐẢNG ỦY XÃ TỊNH PHONG",
	    "84982345678", "84918765432");
	if (two)
		list_doc(&d->docs[1], &atts[1], "ĐẢNG ỦY XÃ BÌNH HẢI",
		    "84368765432", "84912345670");
	return (d);
}

/* A letter as read: its To: display name, subject and body; the sheets
 * of the workbooks it carries, one after the other. */
struct letter_read {
	char	*to_name, *subject, *body, *sheets;
};

/* The sheet XML of every workbook msg carries, joined (g_free). */
static char *
sheets_of(GMimeMessage *msg)
{
	GMimePartIter	*it = g_mime_part_iter_new(
			    g_mime_message_get_mime_part(msg));
	GString		*s = g_string_new(NULL);

	do {
		GMimeObject	*o = g_mime_part_iter_get_current(it);
		GMimeStream	*mem;
		GByteArray	*bytes;
		struct package	*pkg;
		unsigned char	*xml;
		size_t		 len;
		const char	*why;

		if (o == NULL || !GMIME_IS_PART(o) ||
		    g_mime_part_get_content(GMIME_PART(o)) == NULL)
			continue;
		mem = g_mime_stream_mem_new();
		g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(
		    GMIME_PART(o)), mem);
		bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		pkg = package_open(bytes->data, bytes->len, NULL, &why);
		g_object_unref(mem);
		if (pkg == NULL)
			continue;
		if (package_has(pkg, "xl/worksheets/sheet1.xml") &&
		    package_read(pkg, "xl/worksheets/sheet1.xml", &xml, &len,
		    &why) == 0) {
			g_string_append_len(s, (const char *)xml, len);
			g_free(xml);
		}
		package_free(pkg);
	} while (g_mime_part_iter_next(it));
	g_mime_part_iter_free(it);
	return (g_string_free(s, FALSE));
}

static void
letter_read(const char *raw, struct letter_read *lr)
{
	GMimeMessage		*msg = test_message_parse(raw);
	InternetAddressList	*to = g_mime_message_get_to(msg);
	const char		*name;

	ck_assert_int_eq(internet_address_list_length(to), 1);
	name = internet_address_get_name(internet_address_list_get_address(to,
	    0));
	lr->to_name = g_strdup(name);
	lr->subject = g_strdup(g_mime_message_get_subject(msg));
	lr->body = test_message_text(msg);
	lr->sheets = sheets_of(msg);
	g_object_unref(msg);
}

static void
letter_unread(struct letter_read *lr)
{
	g_free(lr->to_name);
	g_free(lr->subject);
	g_free(lr->body);
	g_free(lr->sheets);
	memset(lr, 0, sizeof(*lr));
}

/* The ack and forward built for m and d (ack's To: name checked). */
static void
build(const struct mail *m, const struct decision *d,
    struct letter_read *ack, struct letter_read *fwd)
{
	struct config		 cfg = test_config();
	struct queue_outgoing	*out = NULL;
	char			*cause = NULL;
	size_t			 n = 0;

	ck_assert_msg(replies_build(m, d, &cfg, CASE, NOW, SHA, &out, &n,
	    &cause) == 0, "%s", cause);
	ck_assert_uint_eq(n, 2);
	memset(ack, 0, sizeof(*ack));
	memset(fwd, 0, sizeof(*fwd));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(out[i].purpose, "ack") == 0)
			letter_read(out[i].raw, ack);
		else if (strcmp(out[i].purpose, "forward") == 0)
			letter_read(out[i].raw, fwd);
	}
	ck_assert_ptr_nonnull(ack->body);
	ck_assert_ptr_nonnull(fwd->body);
	replies_free(out, n);
}

static void
assert_has(const char *body, const char *needle)
{
	ck_assert_msg(strstr(body, needle) != NULL, "\"%s\" not in:\n%s",
	    needle, body);
}

static void
assert_lacks(const char *body, const char *needle)
{
	ck_assert_msg(strstr(body, needle) == NULL, "\"%s\" in:\n%s",
	    needle, body);
}

struct relay_case {
	const char	*from, *district;
};

static const struct relay_case relay_cases[] = {
	{ "vanphong.sontinh@quangngai.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vanphong.hu.sontinh@quangngai.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vanphong@sontinh.dcs.vn", "Huyện ủy Sơn Tịnh" },
	{ "vanphong.binhson@quangngai.dcs.vn", "Huyện ủy Bình Sơn" },
};

/* b6 23/24 and 25/26: the district is answered and asked to tell the
 * commune; the Cục learns the district passed the list on. */
START_TEST(relay_district_mailbox_passes_on_one_commune)
{
	const struct relay_case	*c = &relay_cases[_i];
	struct mail		 m = test_mail(c->from);
	struct decision		*d = test_decision(false);
	struct letter_read	 ack, fwd;
	char			*s;

	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, c->district);
	s = g_strdup_printf("Kính gửi: %s.\n", c->district);
	assert_has(ack.body, s);
	g_free(s);
	assert_has(ack.body, "danh sách đề nghị kích hoạt SIM ký số của Đảng "
	    "ủy xã Tịnh Phong theo mẫu");
	s = g_strdup_printf("Đề nghị %s thông báo nội dung thư này đến Đảng "
	    "ủy xã Tịnh Phong.\n", c->district);
	assert_has(ack.body, s);
	g_free(s);
	assert_lacks(ack.body, "Kính gửi: Đảng ủy xã");
	s = g_strdup_printf("trên cơ sở đề nghị của Đảng ủy xã Tịnh Phong (do "
	    "%s chuyển đến Văn phòng Tỉnh ủy ngày 24/5/2024)", c->district);
	assert_has(fwd.body, s);
	g_free(s);
	s = g_strdup_printf("- Tệp do Đảng ủy xã Tịnh Phong gửi Văn phòng Tỉnh "
	    "ủy (qua %s):\n", c->district);
	assert_has(fwd.body, s);
	g_free(s);
	letter_unread(&ack);
	letter_unread(&fwd);
	decision_free(d);
}
END_TEST

/* b6 74/75: two communes' lists in one mail name both, each file its
 * own commune's, and the district is asked to tell both. */
START_TEST(relay_district_mailbox_passes_on_two_communes)
{
	struct mail		 m = test_mail("vanphong.sontinh@"
				    "quangngai.dcs.vn");
	struct decision		*d = test_decision(true);
	struct letter_read	 ack, fwd;

	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Huyện ủy Sơn Tịnh");
	assert_has(ack.body, "Kính gửi: Huyện ủy Sơn Tịnh.\n");
	assert_has(ack.body, "kèm 02 tệp danh sách đề nghị kích hoạt SIM ký số "
	    "của Đảng ủy xã Tịnh Phong và Đảng ủy xã Bình Hải theo mẫu");
	assert_has(ack.body, "đã tiếp nhận 02 danh sách với số hồ sơ " CASE
	    ", gồm 04 thuê bao:");
	/* each row's commune, where the titles alone would not say */
	assert_has(ack.body, "\n1. Nguyễn Văn A, Bí thư Đảng ủy xã Tịnh "
	    "Phong: ");
	assert_has(ack.body, "\n2. Nguyễn Văn B, Phó Bí thư Đảng ủy xã Tịnh "
	    "Phong: ");
	assert_has(ack.body, "\n3. Nguyễn Văn A, Bí thư Đảng ủy xã Bình "
	    "Hải: ");
	assert_has(ack.body, "\n4. Nguyễn Văn B, Phó Bí thư Đảng ủy xã Bình "
	    "Hải: ");
	assert_has(ack.body, "Đề nghị Huyện ủy Sơn Tịnh thông báo nội dung thư "
	    "này đến Đảng ủy xã Tịnh Phong và Đảng ủy xã Bình Hải.\n");
	ck_assert_str_eq(fwd.subject, "V/v đề nghị kích hoạt SIM ký số cho các "
	    "thuê bao của Đảng ủy xã Tịnh Phong và Đảng ủy xã Bình Hải ["
	    CASE "]");
	assert_has(fwd.body, "trên cơ sở đề nghị của Đảng ủy xã Tịnh Phong và "
	    "Đảng ủy xã Bình Hải (do Huyện ủy Sơn Tịnh chuyển đến Văn phòng "
	    "Tỉnh ủy ngày 24/5/2024)");
	assert_has(fwd.body, "\n- Tệp do Đảng ủy xã Tịnh Phong gửi Văn phòng "
	    "Tỉnh ủy (qua Huyện ủy Sơn Tịnh):\n  + “DS SIM Tinh Phong.xlsx”;"
	    "\n- Tệp do Đảng ủy xã Bình Hải gửi Văn phòng Tỉnh ủy (qua Huyện "
	    "ủy Sơn Tịnh):\n  + “DS SIM Binh Hai.docx”.\n");
	/* the Cục is told each row's commune as the unit is, where the
	 * titles alone would not say (review 7, B1) */
	assert_has(fwd.body, "\n1. Nguyễn Văn A, Bí thư Đảng ủy xã Tịnh "
	    "Phong: ");
	assert_has(fwd.body, "\n3. Nguyễn Văn A, Bí thư Đảng ủy xã Bình "
	    "Hải: ");
	/* and so is its workbook */
	assert_has(fwd.sheets, ">Bí thư Đảng ủy xã Tịnh Phong<");
	assert_has(fwd.sheets, ">Phó Bí thư Đảng ủy xã Bình Hải<");
	/* no file is said to be both communes', nor listed twice */
	assert_lacks(fwd.body, "Tệp do Đảng ủy xã Tịnh Phong và");
	for (const char *const *f = (const char *const[]){ "“DS SIM Tinh "
	    "Phong.xlsx”", "“DS SIM Binh Hai.docx”", NULL }; *f != NULL; f++) {
		const char *p = strstr(fwd.body, *f);

		ck_assert_ptr_nonnull(p);
		assert_lacks(p + 1, *f);
	}
	letter_unread(&ack);
	letter_unread(&fwd);

	/* the same from a commune's own mailbox: no go-between, each
	 * file still its own commune's */
	m.from_addr = "dangUy.tinhphong@quangngai.dcs.vn";
	build(&m, d, &ack, &fwd);
	assert_lacks(ack.body, "Huyện ủy");
	assert_has(fwd.body, "trên cơ sở đề nghị của Đảng ủy xã Tịnh Phong và "
	    "Đảng ủy xã Bình Hải (gửi Văn phòng Tỉnh ủy");
	assert_has(fwd.body, "\n- Tệp do Đảng ủy xã Tịnh Phong gửi Văn phòng "
	    "Tỉnh ủy:\n  + “DS SIM Tinh Phong.xlsx”;\n- Tệp do Đảng ủy xã "
	    "Bình Hải gửi Văn phòng Tỉnh ủy:\n  + “DS SIM Binh Hai.docx”.\n");
	letter_unread(&ack);
	letter_unread(&fwd);
	decision_free(d);
}
END_TEST

/* The registry knows the address: its unit is who wrote, whatever
 * place the address names. */
START_TEST(relay_registry_overrides_the_address)
{
	struct mail		 m = test_mail("vp05.sontinh@quangngai.dcs.vn");
	struct decision		*d = test_decision(false);
	struct letter_read	 ack, fwd;

	/* unknown: the district the address names passed it on */
	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Huyện ủy Sơn Tịnh");
	letter_unread(&ack);
	letter_unread(&fwd);

	/* registered as the commune's mailbox */
	d->sender_unit = g_strdup("ĐẢNG ỦY XÃ TỊNH PHONG");
	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Đảng ủy xã Tịnh Phong");
	assert_has(ack.body, "Kính gửi: Đảng ủy xã Tịnh Phong.\n");
	assert_lacks(ack.body, "Sơn Tịnh");
	assert_lacks(ack.body, "thông báo nội dung thư này đến");
	assert_has(fwd.body, "trên cơ sở đề nghị của Đảng ủy xã Tịnh Phong "
	    "(gửi Văn phòng Tỉnh ủy");
	assert_lacks(fwd.body, "(qua ");
	letter_unread(&ack);
	letter_unread(&fwd);

	/* registered as another district's: the registry still says */
	g_free(d->sender_unit);
	d->sender_unit = g_strdup("HUYỆN ỦY BÌNH SƠN");
	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Huyện ủy Bình Sơn");
	assert_has(ack.body, "Đề nghị Huyện ủy Bình Sơn thông báo nội dung "
	    "thư này đến Đảng ủy xã Tịnh Phong.\n");
	letter_unread(&ack);
	letter_unread(&fwd);

	/* a display name says more than either */
	m.from_name = "Văn phòng Huyện ủy Sơn Tịnh";
	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Văn phòng Huyện ủy Sơn Tịnh");
	letter_unread(&ack);
	letter_unread(&fwd);
	decision_free(d);
}
END_TEST

static const char *const not_district[] = {
	"nguyenbinhson@quangngai.dcs.vn",	/* a person named Bình Sơn */
	"sontinhphong@quangngai.dcs.vn",
	"dangUy.tinhphong@sontinh.dcs.vn",	/* the commune's own */
	"tinhphong.sontinh@quangngai.dcs.vn",
};

/* A place inside a longer word is no district, and an address that
 * names the list's own commune is the commune's: it is greeted. */
START_TEST(relay_place_inside_a_word_is_no_district)
{
	struct mail		 m = test_mail(not_district[_i]);
	struct decision		*d = test_decision(false);
	struct letter_read	 ack, fwd;

	build(&m, d, &ack, &fwd);
	ck_assert_str_eq(ack.to_name, "Đảng ủy xã Tịnh Phong");
	assert_has(ack.body, "Kính gửi: Đảng ủy xã Tịnh Phong.\n");
	assert_lacks(ack.body, "Huyện ủy");
	assert_lacks(ack.body, "thông báo nội dung thư này đến");
	assert_lacks(fwd.body, "(qua ");
	assert_lacks(fwd.body, "do Huyện ủy");
	letter_unread(&ack);
	letter_unread(&fwd);
	decision_free(d);
}
END_TEST

/* samples/hotrocks.conf in the test's folder, its store the test's. */
static char *
store_conf(void)
{
	char	*text = NULL, *conf, *with;
	gchar  **lines;

	ck_assert(g_file_get_contents("samples/hotrocks.conf", &text, NULL,
	    NULL));
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++)
		if (g_str_has_prefix(lines[i], "database =")) {
			g_free(lines[i]);
			lines[i] = g_strconcat("database = ", test_db, NULL);
		}
	with = g_strjoinv("\n", lines);
	conf = g_build_filename(test_dir, "hotrocks.conf", NULL);
	ck_assert(g_file_set_contents(conf, with, -1, NULL));
	g_free(with);
	g_strfreev(lines);
	g_free(text);
	return (conf);
}

/* A sample's list sent from address with no display name, ingested;
 * the To: name and the body of the ack sent to it. */
static void
ingest_from(const char *conf, const char *sample, const char *address,
    char **to_r, char **body_r)
{
	char			*raw, *path, *sql, *out = NULL, *err = NULL;
	char			*ack, *line, *eol;
	GString			*s;
	size_t			 len;
	struct letter_read	 lr;

	path = test_sample(sample);
	raw = (char *)test_slurp(path, &len);
	g_free(path);
	/* the header's From: line, whole: none of these is folded */
	if (g_str_has_prefix(raw, "From: "))
		line = raw;
	else {
		line = strstr(raw, "\nFrom: ");
		ck_assert_ptr_nonnull(line);
		line++;
	}
	eol = strchr(line, '\n');
	ck_assert_ptr_nonnull(eol);
	s = g_string_new_len(raw, line - raw);
	g_string_append_printf(s, "From: %s", address);
	g_string_append(s, eol);
	path = g_build_filename(test_dir, "relay.eml", NULL);
	ck_assert(g_file_set_contents(path, s->str, s->len, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "ingest", "-q", "-c", conf,
	    "--db", test_db, path, NULL), 0);
	sql = g_strdup_printf("SELECT raw FROM outbox WHERE purpose = 'ack' "
	    "AND rcpt = '%s'", address);
	ack = test_text(sql);
	ck_assert_msg(ack != NULL, "no ack to %s: %s%s", address, out, err);
	letter_read(ack, &lr);
	*to_r = lr.to_name;
	*body_r = lr.body;
	g_free(lr.subject);
	g_free(lr.sheets);
	g_free(ack);
	g_free(sql);
	g_free(out);
	g_free(err);
	g_free(path);
	g_string_free(s, TRUE);
	g_free(raw);
}

#define TINHHA		"04-outlook-docx-tinhha-oldphone.eml"
#define HANHTHIEN	"29-outlook-xls-biff8-sim-list.eml"
#define TINHPHONG	"31-thunderbird-xlsx-misnamed-xls.eml"

/* Through ingest: the district the address names is answered. */
START_TEST(relay_ingest_answers_the_district)
{
	char	*conf = store_conf(), *to, *body;

	ingest_from(conf, TINHHA, "vp05.sontinh@quangngai.dcs.vn", &to,
	    &body);
	ck_assert_str_eq(to, "Huyện ủy Sơn Tịnh");
	assert_has(body, "Kính gửi: Huyện ủy Sơn Tịnh.\n");
	assert_has(body, "Đề nghị Huyện ủy Sơn Tịnh thông báo nội dung thư "
	    "này đến Đảng ủy xã Tịnh Hà.\n");
	g_free(to);
	g_free(body);
	g_free(conf);
}
END_TEST

/* Through ingest: the registry (units import) names the address's unit,
 * by the address, else by its domain, and wins over the place the
 * address names. */
START_TEST(relay_ingest_registry_wins)
{
	char	*conf = store_conf(), *to, *body, *out = NULL, *err = NULL;
	char	*csv = g_build_filename(test_dir, "units.csv", NULL);

	ck_assert(g_file_set_contents(csv, "name,addresses,cert_org\n"
	    "\"ĐẢNG ỦY XÃ TỊNH HÀ\",vp05.sontinh@quangngai.dcs.vn,\n"
	    "\"HUYỆN ỦY NGHĨA HÀNH\",@vphu.dcs.vn,\n"
	    "\"ĐẢNG ỦY XÃ TỊNH PHONG\",xa07@vphu.dcs.vn,\n", -1, NULL));
	ck_assert_msg(test_hotrocks(&out, &err, "units", "import", csv, "-c",
	    conf, "--db", test_db, NULL) == 0, "%s%s", out, err);
	/* the address, over the district it names */
	ingest_from(conf, TINHHA, "vp05.sontinh@quangngai.dcs.vn", &to,
	    &body);
	ck_assert_str_eq(to, "Đảng ủy xã Tịnh Hà");
	assert_has(body, "Kính gửi: Đảng ủy xã Tịnh Hà.\n");
	assert_lacks(body, "thông báo nội dung thư này đến");
	g_free(to);
	g_free(body);
	/* the domain, where the address names no place */
	ingest_from(conf, HANHTHIEN, "tonghop@vphu.dcs.vn", &to, &body);
	ck_assert_str_eq(to, "Huyện ủy Nghĩa Hành");
	assert_has(body, "Đề nghị Huyện ủy Nghĩa Hành thông báo nội dung thư "
	    "này đến Đảng ủy xã Hành Thiện.\n");
	g_free(to);
	g_free(body);
	/* its completion notice names the commune and asks the district
	 * to pass it on, as the acknowledgement did (trial 2, 8) */
	{
		char		*num, *raw;
		struct letter_read lr;

		num = test_text("SELECT c.number FROM cases c JOIN outbox o ON"
		    " o.case_id = c.id WHERE o.rcpt = 'tonghop@vphu.dcs.vn'");
		ck_assert_ptr_nonnull(num);
		g_free(out);
		g_free(err);
		ck_assert_msg(test_hotrocks(&out, &err, "case", "done", num,
		    "-c", conf, "--db", test_db, NULL) == 0, "%s%s", out,
		    err);
		raw = test_text("SELECT raw FROM outbox WHERE purpose = 'done'");
		ck_assert_ptr_nonnull(raw);
		letter_read(raw, &lr);
		ck_assert_str_eq(lr.to_name, "Huyện ủy Nghĩa Hành");
		assert_has(lr.body, "của Đảng ủy xã Hành Thiện do đơn vị gửi "
		    "ngày ");
		assert_has(lr.body, "\n\nĐề nghị Huyện ủy Nghĩa Hành thông báo "
		    "nội dung thư này đến Đảng ủy xã Hành Thiện.\n");
		letter_unread(&lr);
		g_free(raw);
		g_free(num);
	}
	/* the address, over its domain */
	ingest_from(conf, TINHPHONG, "xa07@vphu.dcs.vn", &to, &body);
	ck_assert_str_eq(to, "Đảng ủy xã Tịnh Phong");
	assert_lacks(body, "Nghĩa Hành");
	g_free(to);
	g_free(body);
	g_free(out);
	g_free(err);
	g_free(csv);
	g_free(conf);
}
END_TEST

Suite *
relay_suite(void)
{
	Suite	*s = suite_create("relay");
	TCase	*tc = tcase_create("relay");
	TCase	*st = tcase_create("relay_store");

	tcase_add_loop_test(tc, relay_district_named_as_a_whole_word, 0,
	    G_N_ELEMENTS(district_cases));
	tcase_add_loop_test(tc, relay_address_names_the_units_own_place, 0,
	    G_N_ELEMENTS(own_cases));
	tcase_add_loop_test(tc, relay_level_of_a_body_from_its_name, 0,
	    G_N_ELEMENTS(level_cases));
	tcase_add_loop_test(tc, relay_district_mailbox_passes_on_one_commune,
	    0, G_N_ELEMENTS(relay_cases));
	tcase_add_test(tc, relay_district_mailbox_passes_on_two_communes);
	tcase_add_test(tc, relay_registry_overrides_the_address);
	tcase_add_loop_test(tc, relay_place_inside_a_word_is_no_district, 0,
	    G_N_ELEMENTS(not_district));
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(st, test_store_setup, test_store_teardown);
	tcase_set_timeout(st, 60);
	tcase_add_test(st, relay_ingest_answers_the_district);
	tcase_add_test(st, relay_ingest_registry_wins);
	suite_add_tcase(s, st);
	return (s);
}
