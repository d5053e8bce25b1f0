/* check-rules.c: kind and action for hand-built messages, one rule a test:
 * machines are never answered, errors reject, unknown goes to a person. */
#include <check.h>
#include <string.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/config.h"
#include "parsers/ooxml-sig.h"

static struct config *cfg;

static struct mail *
mail_from(const char *from, enum mime_machine machine)
{
	struct mail *m = g_new0(struct mail, 1);

	m->from_addr = g_strdup(from);
	m->subject = g_strdup("Danh sách kích hoạt SIM");
	m->body_text = g_strdup("");
	m->machine = machine;
	return (m);
}

/* A decision holding one document of kind k with nrows clean rows. */
static struct decision *
decision_with(size_t ndocs, const enum kind *kinds, size_t nrows)
{
	struct decision *dec = g_new0(struct decision, 1);

	dec->docs = g_new0(struct document, ndocs ? ndocs : 1);
	dec->ndocs = ndocs;
	for (size_t i = 0; i < ndocs; i++) {
		struct document *d = &dec->docs[i];

		d->filename = g_strdup_printf("ds%zu.docx", i);
		d->format = FORMAT_DOCX;
		d->kind = kinds[i];
		d->signature.status = SIG_UNSIGNED;
		d->form = g_new0(struct form, 1);
		d->form->kind = kinds[i];
		for (size_t r = 0; r < nrows; r++) {
			struct form_row row = { .index = (int)r + 1 };

			row.phone = g_strdup_printf("8498234567%zu", r);
			row.iccid = g_strdup_printf("898404000000000000%zu",
			    r);
			form_row_append(d->form, &row);
			form_row_deinit(&row);
		}
	}
	return (dec);
}

static void
setup(void)
{
	char *cause = NULL;

	cfg = config_load(NULL, &cause);
	ck_assert_ptr_nonnull(cfg);
	cfg->require_signature = false;
}

static void
teardown(void)
{
	config_free(cfg);
}

static void
decide(struct mail *m, struct decision *dec, const struct lookup *lk,
    enum kind kind, enum action action)
{
	rules_decide(m, cfg, lk, dec);
	ck_assert_msg(dec->kind == kind, "kind %s, expected %s",
	    kind_name(dec->kind), kind_name(kind));
	ck_assert_msg(dec->action == action, "action %s, expected %s",
	    action_name(dec->action), action_name(action));
}

START_TEST(rules_bounce_is_ignored_even_with_documents)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("mailer-daemon@quangngai.dcs.vn",
			    MIME_BOUNCE);
	struct decision	*dec = decision_with(1, k, 2);

	decide(m, dec, NULL, KIND_BOUNCE, ACTION_IGNORE);
	ck_assert_uint_eq(dec->errors.n, 0);
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_auto_reply_is_ignored)
{
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_AUTO_REPLY);
	struct decision	*dec = decision_with(0, NULL, 0);

	decide(m, dec, NULL, KIND_AUTO_REPLY, ACTION_IGNORE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_our_own_mail_is_ignored)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("hotrocks@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);

	decide(m, dec, NULL, KIND_AUTO_REPLY, ACTION_IGNORE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_no_documents_goes_to_a_person)
{
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(0, NULL, 0);

	decide(m, dec, NULL, KIND_UNKNOWN, ACTION_MANUAL);
	ck_assert(findings_has(&dec->errors, CODE_NO_DOCUMENTS));
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_mixed_documents_go_to_a_person)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION, KIND_UNKNOWN };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(2, k, 1);

	decide(m, dec, NULL, KIND_UNKNOWN, ACTION_MANUAL);
	ck_assert(findings_has(&dec->errors, CODE_MIXED_DOCUMENTS));
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_two_lists_are_one_request)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION, KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(2, k, 3);

	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_QUEUE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* A person's Mẫu 11 alone is individual_form; beside the unit's own
 * Mẫu 12 it is the unit's enclosure (letter Phụ lục 2 §5.1). */
START_TEST(rules_individual_form_enclosed_by_the_unit)
{
	enum kind	 k[] = { KIND_ETOKEN_RECOVERY, KIND_ETOKEN_RECOVERY };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(_i == 0 ? 1 : 2, k, 1);
	struct form	*mau11 = dec->docs[dec->ndocs - 1].form;

	for (size_t i = 0; i < dec->ndocs; i++)
		form_row_edit(dec->docs[i].form, 0)->device_serial = g_strdup("7C41E0A9");
	mau11->subtype = g_strdup("individual");
	findings_add(&mau11->errors, CODE_INDIVIDUAL_FORM, NULL);
	if (_i == 1)
		dec->docs[0].form->subtype = g_strdup("unit");
	rules_decide(m, cfg, NULL, dec);
	ck_assert_int_eq(findings_has(&mau11->errors, CODE_INDIVIDUAL_FORM),
	    _i == 0);
	ck_assert_int_eq(dec->kind, KIND_ETOKEN_RECOVERY);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* A công văn whose subject names the request reads as a Mẫu 12 with no
 * rows; beside the Mẫu 12 that has them it is the cover letter (blind
 * set 6, 48 and 70), alone it stays the request with no rows. */
START_TEST(rules_cover_letter_named_like_its_request)
{
	enum kind	 k[] = { KIND_ETOKEN_RECOVERY, KIND_ETOKEN_RECOVERY };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(_i == 0 ? 2 : 1, k, 1);
	struct form	*letter;

	/* document 0 as the reader left it: the request with no rows,
	 * and the same text read as a công văn */
	form_free(dec->docs[0].form);
	dec->docs[0].form = letter = g_new0(struct form, 1);
	letter->kind = KIND_ETOKEN_RECOVERY;
	findings_add(&letter->errors, CODE_NO_ROWS, NULL);
	letter->as_cover = g_new0(struct form, 1);
	letter->as_cover->kind = KIND_COVER_LETTER;
	letter->as_cover->title = g_strdup("V/v đề nghị khôi phục thiết bị "
	    "lưu khóa bí mật");
	for (size_t i = 1; i < dec->ndocs; i++)
		form_row_edit(dec->docs[i].form, 0)->device_serial =
		    g_strdup("7C41E0A9");
	rules_decide(m, cfg, NULL, dec);
	ck_assert_int_eq(dec->kind, KIND_ETOKEN_RECOVERY);
	if (_i == 0) {
		ck_assert_int_eq(dec->docs[0].kind, KIND_COVER_LETTER);
		ck_assert_str_eq(dec->docs[0].form->title, "V/v đề nghị khôi "
		    "phục thiết bị lưu khóa bí mật");
		ck_assert(!findings_has(&dec->docs[0].form->errors,
		    CODE_NO_ROWS));
		ck_assert_int_eq(dec->action, ACTION_QUEUE);
	} else {
		ck_assert_int_eq(dec->docs[0].kind, KIND_ETOKEN_RECOVERY);
		ck_assert(findings_has(&dec->docs[0].form->errors,
		    CODE_NO_ROWS));
		ck_assert_int_eq(dec->action, ACTION_REJECT);
	}
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_clean_list_is_queued)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 3);

	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_QUEUE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_row_error_rejects_warning_does_not)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 3);

	findings_add(&form_row_edit(dec->docs[0].form, 1)->warnings,
	    CODE_PHONE_OLD_FORMAT, NULL);
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_QUEUE);
	decision_free(dec);

	dec = decision_with(1, k, 3);
	findings_add(&form_row_edit(dec->docs[0].form, 2)->errors, CODE_ICCID_CHECKSUM,
	    NULL);
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_REJECT);
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_public_sender_is_rejected)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("huyenuy.sontinh@gmail.com", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 3);

	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_REJECT);
	ck_assert(findings_has(&dec->errors, CODE_SENDER_PUBLIC_DOMAIN));
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_unregistered_sender_is_rejected)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("x@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);

	cfg->registered = g_new0(char *, 2);
	cfg->registered[0] = g_strdup("vanphong@quangngai.dcs.vn");
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_REJECT);
	ck_assert(findings_has(&dec->errors, CODE_SENDER_NOT_REGISTERED));
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_unsigned_rejected_when_signature_required)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);

	cfg->require_signature = true;
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_REJECT);
	ck_assert(findings_has(&dec->docs[0].errors, CODE_SIGNATURE_MISSING));
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* CONTRACT: a document that cannot be read at all goes to a person, who
 * can often open it (the password may be in the body); nothing is
 * answered automatically to a file that may be hostile. */
START_TEST(rules_unreadable_only_document_is_manual)
{
	enum kind	 k[] = { KIND_UNKNOWN };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 0);

	findings_add(&dec->docs[0].errors, CODE_DOCUMENT_UNREADABLE, "zip");
	decide(m, dec, NULL, KIND_UNKNOWN, ACTION_MANUAL);
	ck_assert(findings_has(&dec->docs[0].errors,
	    CODE_DOCUMENT_UNREADABLE));
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* One unreadable document beside a list that reads cleanly still makes
 * the message a person's: the list keeps its kind. */
START_TEST(rules_unreadable_beside_a_list_is_manual)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION, KIND_UNKNOWN };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(2, k, 1);

	findings_add(&dec->docs[1].errors, CODE_DOCUMENT_UNREADABLE,
	    "encrypted");
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, ACTION_MANUAL);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Too large and unreadable together: a person still looks. */
START_TEST(rules_unreadable_and_too_large_is_manual)
{
	enum kind	 k[] = { KIND_UNKNOWN, KIND_UNKNOWN };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(2, k, 0);

	dec->docs[0].too_large = true;
	dec->docs[0].size = 30u << 20;
	findings_add(&dec->docs[1].errors, CODE_DOCUMENT_UNREADABLE, "doc");
	decide(m, dec, NULL, KIND_UNKNOWN, ACTION_MANUAL);
	ck_assert(findings_has(&dec->errors, CODE_ATTACHMENT_TOO_LARGE));
	decision_free(dec);
	mime_free(m);
}
END_TEST

START_TEST(rules_too_large_is_a_message_error)
{
	enum kind	 k[] = { KIND_UNKNOWN };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 0);

	dec->docs[0].too_large = true;
	dec->docs[0].size = 30u << 20;
	decide(m, dec, NULL, KIND_UNKNOWN, ACTION_REJECT);
	ck_assert(findings_has(&dec->errors, CODE_ATTACHMENT_TOO_LARGE));
	decision_free(dec);
	mime_free(m);
}
END_TEST

static int
held_by_open_case(void *ctx, const char *phone, const char *iccid,
    char **case_r, char **received_r)
{
	(void)ctx;
	(void)iccid;
	if (phone != NULL && strcmp(phone, "84982345671") == 0) {
		*case_r = g_strdup("HT-2024-000007");
		*received_r = g_strdup("2024-05-02T01:30:00Z");
		return (1);
	}
	return (0);
}

START_TEST(rules_row_in_open_case_is_already_requested)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 3);
	struct lookup	 lk = { .open_request = held_by_open_case };
	const struct form_row *r;

	decide(m, dec, &lk, KIND_SIM_ACTIVATION, ACTION_REJECT);
	r = form_row(dec->docs[0].form, 1);
	ck_assert(findings_has(&r->errors, CODE_ALREADY_REQUESTED));
	ck_assert_str_eq(r->errors.v[0].detail, "already in open case "
	    "HT-2024-000007 received 2024-05-02T01:30:00Z");
	ck_assert_uint_eq(form_row(dec->docs[0].form, 0)->errors.n, 0);
	decision_free(dec);
	mime_free(m);
}
END_TEST


/* A store holding one phone of a 300-row list (row 200, in the second
 * block), that counts what it is asked. */
#define HELD_PHONE	"8498234567200"
struct probe {
	size_t	 blocks, keys, singles;
	bool	 always;	/* the block question always says maybe */
};

static int
probe_any(void *ctx, const char *const *phones, const char *const *iccids,
    size_t n)
{
	struct probe *p = ctx;

	(void)iccids;
	p->blocks++;
	p->keys += n;
	ck_assert_uint_le(n, LOOKUP_BLOCK);
	for (size_t i = 0; i < n; i++)
		if (phones[i] != NULL && strcmp(phones[i], HELD_PHONE) == 0)
			return (1);
	return (p->always);
}

static int
probe_one(void *ctx, const char *phone, const char *iccid, char **case_r,
    char **received_r)
{
	struct probe *p = ctx;

	(void)iccid;
	(void)received_r;
	p->singles++;
	if (phone != NULL && strcmp(phone, HELD_PHONE) == 0) {
		*case_r = g_strdup("HT-2024-000007");
		return (1);
	}
	return (0);
}

/* _i 0: the block question spares the rows of blocks nothing holds; 1:
 * when it always says maybe, every row is asked and the result is the
 * same. */
START_TEST(rules_rows_looked_up_a_block_at_a_time)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 300);
	struct probe	 p = { .always = _i == 1 };
	struct lookup	 lk = { .open_request = probe_one,
			    .any_requested = probe_any, .ctx = &p };
	struct form	*f;

	decide(m, dec, &lk, KIND_SIM_ACTIVATION, ACTION_REJECT);
	f = dec->docs[0].form;
	ck_assert_uint_eq(p.blocks, 3);
	ck_assert_uint_eq(p.keys, 300);
	ck_assert_uint_eq(p.singles, _i == 0 ? LOOKUP_BLOCK : 300);
	for (size_t i = 0; i < 300; i++)
		ck_assert_msg(findings_has(&form_row(f, i)->errors,
		    CODE_ALREADY_REQUESTED) == (i == 200), "row %zu", i);
	ck_assert_str_eq(form_row(f, 200)->errors.v[0].detail,
	    "already in open case HT-2024-000007");
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* A signature result as the verifier returns it (freed by the decision). */
static void
signed_by(struct document *d, enum sig_status st, const char *o,
    const char *ou)
{
	struct sig_result *r = g_new0(struct sig_result, 1);

	r->status = st;
	r->signer = g_new0(struct sig_signer, 1);
	r->signer->cn = g_strdup("Nguyễn Đức Thắng");
	r->signer->o = g_strdup(o);
	r->signer->ou = g_strdup(ou);
	r->reason = st == SIG_VALID ? NULL : g_strdup("why");
	d->signature.results = r;
	d->signature.nresults = 1;
	d->signature.status = st;
}

static const struct {
	enum sig_status	 status;
	bool		 require;
	enum code	 code;
	bool		 error;
	enum action	 action;
} sig_cases[] = {
	{ SIG_INVALID, false, CODE_SIGNATURE_INVALID, true, ACTION_REJECT },
	{ SIG_REVOKED, false, CODE_SIGNATURE_REVOKED, true, ACTION_REJECT },
	{ SIG_PARTIAL, false, CODE_SIGNATURE_PARTIAL, true, ACTION_REJECT },
	{ SIG_UNTRUSTED, false, CODE_SIGNATURE_UNTRUSTED, false, ACTION_QUEUE },
	{ SIG_UNTRUSTED, true, CODE_SIGNATURE_UNTRUSTED, true, ACTION_REJECT },
	{ SIG_EXPIRED, false, CODE_SIGNATURE_EXPIRED, false, ACTION_QUEUE },
	{ SIG_EXPIRED, true, CODE_SIGNATURE_EXPIRED, true, ACTION_REJECT },
	{ SIG_UNSUPPORTED, true, CODE_SIGNATURE_UNTRUSTED, true, ACTION_REJECT },
};

START_TEST(rules_signature_statuses_to_codes)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);
	struct document	*d = &dec->docs[0];

	cfg->require_signature = sig_cases[_i].require;
	d->form->organization = g_strdup("HUYỆN ỦY SƠN TỊNH");
	signed_by(d, sig_cases[_i].status, "HUYỆN ỦY SƠN TỊNH", NULL);
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, sig_cases[_i].action);
	ck_assert(findings_has(sig_cases[_i].error ? &d->errors :
	    &d->warnings, sig_cases[_i].code));
	decision_free(dec);
	mime_free(m);
}
END_TEST

static const struct {
	const char *unit, *o, *ou;
	bool match;
} orgs[] = {
	{ "HUYỆN ỦY SƠN TỊNH", "HUYỆN ỦY SƠN TỊNH", "VĂN PHÒNG", true },
	{ "Huyện ủy Sơn Tịnh", "HUYEN UY SON TINH", NULL, true },
	{ "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI", "TỈNH ỦY QUẢNG NGÃI",
	    "BAN TUYÊN GIÁO", true },
	{ "HUYỆN ỦY SƠN TỊNH", "HUYỆN ỦY BÌNH SƠN", "VĂN PHÒNG", false },
	{ "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI", "TỈNH ỦY QUẢNG NGÃI",
	    "BAN TỔ CHỨC", false },
};

START_TEST(rules_signer_must_belong_to_the_unit)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("a@quangngai.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);
	struct document	*d = &dec->docs[0];

	d->form->organization = g_strdup(orgs[_i].unit);
	signed_by(d, SIG_VALID, orgs[_i].o, orgs[_i].ou);
	decide(m, dec, NULL, KIND_SIM_ACTIVATION, orgs[_i].match ?
	    ACTION_QUEUE : ACTION_REJECT);
	ck_assert(findings_has(&d->errors, CODE_SIGNER_MISMATCH) !=
	    orgs[_i].match);
	decision_free(dec);
	mime_free(m);
}
END_TEST

static char *
registry_org(void *ctx, const char *sender)
{
	(void)ctx;
	return (g_str_has_suffix(sender, "@sontinh.dcs.vn") ?
	    g_strdup("HUYỆN ỦY SƠN TỊNH") : NULL);
}

START_TEST(rules_signer_matches_the_registered_unit)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	struct mail	*m = mail_from("vp@sontinh.dcs.vn", MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);
	struct lookup	 lk = { .unit_cert_org = registry_org };

	/* no letterhead at all: the registry speaks for the sender */
	signed_by(&dec->docs[0], SIG_VALID, "HUYỆN ỦY SƠN TỊNH", NULL);
	decide(m, dec, &lk, KIND_SIM_ACTIVATION, ACTION_QUEUE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Trial 2's registry, by address: a town, two districts, a commune. */
static char *
registry_trial2(void *ctx, const char *sender)
{
	static const char *const reg[][2] = {
		{ "vanphong.ducpho@", "THỊ ỦY ĐỨC PHỔ" },
		{ "vanphong.minhlong@", "HUYỆN ỦY MINH LONG" },
		{ "vanphong.tunghia@", "HUYỆN ỦY TƯ NGHĨA" },
		{ "danguy.tinhha@", "ĐẢNG ỦY XÃ TỊNH HÀ" },
		{ "btg@", "BAN TUYÊN GIÁO TỈNH ỦY QUẢNG NGÃI" },
	};

	(void)ctx;
	for (size_t i = 0; i < G_N_ELEMENTS(reg); i++)
		if (g_str_has_prefix(sender, reg[i][0]))
			return (g_strdup(reg[i][1]));
	return (NULL);
}

/* A registered address sending a document signed, under its own
 * letterhead, by another body: only a body above the signer's passes it
 * on (trial 2, finding 2). */
static const struct {
	const char	*from, *unit, *o, *ou;
	bool		 mismatch;
} relays[] = {
	/* message 82: Minh Long mails Đức Phổ's signed form */
	{ "vanphong.minhlong@", "THỊ ỦY ĐỨC PHỔ", "THỊ ỦY ĐỨC PHỔ",
	    "VĂN PHÒNG", true },
	/* its own: as before */
	{ "vanphong.ducpho@", "THỊ ỦY ĐỨC PHỔ", "THỊ ỦY ĐỨC PHỔ",
	    "VĂN PHÒNG", false },
	/* a district's office passing on a commune's list */
	{ "vanphong.tunghia@", "ĐẢNG ỦY THỊ TRẤN LA HÀ",
	    "ĐẢNG ỦY THỊ TRẤN LA HÀ", NULL, false },
	/* a district's people's committee, for its party committee */
	{ "vanphong.minhlong@", "UBND HUYỆN MINH LONG", "UBND HUYỆN MINH LONG",
	    NULL, false },
	{ "vanphong.minhlong@", "UBND HUYỆN BA TƠ", "UBND HUYỆN BA TƠ", NULL,
	    true },
	/* a commune is above no one */
	{ "danguy.tinhha@", "ĐẢNG ỦY THỊ TRẤN LA HÀ",
	    "ĐẢNG ỦY THỊ TRẤN LA HÀ", NULL, true },
	{ "danguy.tinhha@", "THỊ ỦY ĐỨC PHỔ", "THỊ ỦY ĐỨC PHỔ", NULL, true },
	/* a body whose level its name does not tell: as before */
	{ "btg@", "HUYỆN ỦY MINH LONG", "HUYỆN ỦY MINH LONG", NULL, false },
	/* an address the registry does not hold: the letterhead speaks */
	{ "nobody@", "THỊ ỦY ĐỨC PHỔ", "THỊ ỦY ĐỨC PHỔ", NULL, false },
};

START_TEST(rules_registered_sender_passes_on_only_from_below)
{
	enum kind	 k[] = { KIND_SIM_ACTIVATION };
	char		*from = g_strconcat(relays[_i].from, "quangngai.dcs.vn",
			    NULL);
	struct mail	*m = mail_from(from, MIME_PERSON);
	struct decision	*dec = decision_with(1, k, 1);
	struct document	*d = &dec->docs[0];
	struct lookup	 lk = { .unit_cert_org = registry_trial2 };

	d->form->organization = g_strdup(relays[_i].unit);
	signed_by(d, SIG_VALID, relays[_i].o, relays[_i].ou);
	decide(m, dec, &lk, KIND_SIM_ACTIVATION, relays[_i].mismatch ?
	    ACTION_REJECT : ACTION_QUEUE);
	ck_assert_msg(findings_has(&d->errors, CODE_SIGNER_MISMATCH) ==
	    relays[_i].mismatch, "%s: %s", from, relays[_i].o);
	decision_free(dec);
	mime_free(m);
	g_free(from);
}
END_TEST

/* A unit's signed cover letter stands for the unsigned lists it sends:
 * its own, and those of the units below it it passes on, never a peer's
 * nor one above it (blind8, 82 and 83: Sơn Tịnh's cover letter with Tư
 * Nghĩa's unsigned list was accepted as signed). */
static const struct {
	const char	*from, *signer, *list;
	bool		 vouched;
} covers[] = {
	{ "vanphong.minhlong@", "HUYỆN ỦY MINH LONG", "HUYỆN ỦY MINH LONG",
	    true },
	{ "vanphong.minhlong@", "HUYỆN ỦY MINH LONG", "ĐẢNG ỦY XÃ LONG HIỆP",
	    true },
	{ "vanphong.minhlong@", "HUYỆN ỦY MINH LONG", NULL, true },
	{ "vanphong.minhlong@", "HUYỆN ỦY MINH LONG", "HUYỆN ỦY TƯ NGHĨA",
	    false },
	{ "danguy.tinhha@", "ĐẢNG ỦY XÃ TỊNH HÀ", "HUYỆN ỦY SƠN TỊNH", false },
	{ "danguy.tinhha@", "ĐẢNG ỦY XÃ TỊNH HÀ", "ĐẢNG ỦY XÃ TỊNH HÀ", true },
};

START_TEST(rules_cover_letter_stands_for_its_own_and_lower_lists)
{
	enum kind	 k[] = { KIND_COVER_LETTER, KIND_SIM_ACTIVATION };
	char		*from = g_strconcat(covers[_i].from, "quangngai.dcs.vn",
			    NULL);
	struct mail	*m = mail_from(from, MIME_PERSON);
	struct decision	*dec = decision_with(2, k, 1);
	struct lookup	 lk = { .unit_cert_org = registry_trial2 };
	struct document	*cover = &dec->docs[0], *list = &dec->docs[1];

	cfg->require_signature = true;
	cover->format = FORMAT_PDF;
	cover->form->kind = KIND_SIM_ACTIVATION;
	signed_by(cover, SIG_VALID, covers[_i].signer, NULL);
	list->format = FORMAT_XLSX;
	list->form->organization = g_strdup(covers[_i].list);
	decide(m, dec, &lk, KIND_SIM_ACTIVATION, covers[_i].vouched ?
	    ACTION_QUEUE : ACTION_REJECT);
	ck_assert(!document_has_errors(cover));
	ck_assert_msg(findings_has(&list->errors, CODE_SIGNATURE_MISSING) ==
	    !covers[_i].vouched, "%s for %s", covers[_i].signer,
	    covers[_i].list ? covers[_i].list : "(no letterhead)");
	/* why the công văn did not do, named */
	if (!covers[_i].vouched) {
		char *want = g_strdup_printf("the signed cover letter of %s "
		    "does not stand for a list of %s", covers[_i].signer,
		    covers[_i].list);

		ck_assert_msg(strstr(list->errors.v[0].detail, want) != NULL,
		    "%s", list->errors.v[0].detail);
		g_free(want);
	}
	decision_free(dec);
	mime_free(m);
	g_free(from);
}
END_TEST

Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("decide");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rules_bounce_is_ignored_even_with_documents);
	tcase_add_test(tc, rules_auto_reply_is_ignored);
	tcase_add_loop_test(tc, rules_cover_letter_named_like_its_request,
	    0, 2);
	tcase_add_loop_test(tc, rules_individual_form_enclosed_by_the_unit, 0,
	    2);
	tcase_add_test(tc, rules_our_own_mail_is_ignored);
	tcase_add_test(tc, rules_no_documents_goes_to_a_person);
	tcase_add_test(tc, rules_mixed_documents_go_to_a_person);
	tcase_add_test(tc, rules_two_lists_are_one_request);
	tcase_add_test(tc, rules_clean_list_is_queued);
	tcase_add_test(tc, rules_row_error_rejects_warning_does_not);
	tcase_add_test(tc, rules_public_sender_is_rejected);
	tcase_add_test(tc, rules_unregistered_sender_is_rejected);
	tcase_add_test(tc, rules_unsigned_rejected_when_signature_required);
	tcase_add_test(tc, rules_unreadable_only_document_is_manual);
	tcase_add_test(tc, rules_unreadable_beside_a_list_is_manual);
	tcase_add_test(tc, rules_unreadable_and_too_large_is_manual);
	tcase_add_test(tc, rules_too_large_is_a_message_error);
	tcase_add_test(tc, rules_row_in_open_case_is_already_requested);
	tcase_add_loop_test(tc, rules_rows_looked_up_a_block_at_a_time, 0, 2);
	tcase_add_loop_test(tc, rules_signature_statuses_to_codes, 0,
	    G_N_ELEMENTS(sig_cases));
	tcase_add_loop_test(tc, rules_signer_must_belong_to_the_unit, 0,
	    G_N_ELEMENTS(orgs));
	tcase_add_test(tc, rules_signer_matches_the_registered_unit);
	tcase_add_loop_test(tc,
	    rules_registered_sender_passes_on_only_from_below, 0,
	    G_N_ELEMENTS(relays));
	tcase_add_loop_test(tc,
	    rules_cover_letter_stands_for_its_own_and_lower_lists, 0,
	    G_N_ELEMENTS(covers));
	suite_add_tcase(s, tc);
	return (s);
}
