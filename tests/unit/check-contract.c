/* check-contract.c: the CONTRACT JSON (../shared/CONTRACT.md, contract 1)
 * for hand-built decisions, read back with json-glib: every member the
 * CONTRACT names and no other, absent values null, and every name and
 * code spelled as the CONTRACT spells it. */
#include <string.h>

#include <check.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/contract.h"
#include "parsers/form-priv.h"
#include "parsers/ooxml-sig.h"

/* The CONTRACT's vocabularies, copied from CONTRACT.md by hand. */
static const char *const contract_kinds[] = { "sim_activation",
	"etoken_recovery", "sim_recovery", "cert_request", "handover",
	"report", "cover_letter", "unknown", "auto_reply", "bounce", NULL };
static const char *const contract_actions[] = { "queue", "reject",
	"redirect", "manual", "ignore", NULL };
static const char *const contract_formats[] = { "docx", "xlsx", "xls",
	"pdf", "body", "doc", "other", NULL };
static const char *const contract_statuses[] = { "valid", "invalid",
	"untrusted", "expired", "revoked", "partial", "unsigned",
	"unsupported", NULL };
static const char *const contract_codes[] = {
	/* message */
	"no_documents", "sender_public_domain", "sender_not_registered",
	"mixed_documents", "attachment_too_large", "message_unreadable",
	"processing_failed",
	/* document */
	"document_unreadable", "signature_missing", "signature_invalid",
	"signature_untrusted", "signature_expired", "signature_revoked",
	"signature_partial", "signer_mismatch", "wrong_addressee",
	"columns_missing", "no_rows", "individual_form",
	"coordinator_missing", "soft_file_missing", "legacy_encoding",
	/* row */
	"phone_invalid", "phone_old_format", "phone_carrier_mismatch",
	"iccid_invalid", "iccid_checksum", "iccid_not_vietnam",
	"iccid_precision_lost", "name_missing", "position_missing",
	"duplicate_row", "already_requested", "position_not_eligible",
	"email_public_domain", "serial_missing", "example_row", NULL };

/* The members of each object, all of them, always. */
static const char *const message_members[] = { "contract", "message_id",
	"from", "subject", "kind", "action", "errors", "warnings",
	"documents", NULL };
static const char *const document_members[] = { "filename", "format",
	"sha256", "kind", "organization", "addressee", "signature",
	"signatures", "fields", "rows", "errors", "warnings", NULL };
static const char *const row_members[] = { "index", "phone", "phone_raw",
	"iccid", "name", "position", "carrier", "device_serial",
	"device_type", "errors", "warnings", NULL };
static const char *const signature_members[] = { "status", "signer",
	"signed_at", "covers_all_parts", NULL };
static const char *const signer_members[] = { "cn", "o", "ou", "email",
	"serial", "issuer_cn", "not_before", "not_after", NULL };
static const char *const fields_members[] = { "coordinator_name",
	"coordinator_phone", "coordinator_email", NULL };
static const char *const finding_members[] = { "code", "detail", NULL };

static bool
in(const char *const *list, const char *s)
{
	for (size_t i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return (true);
	return (false);
}

/* obj has exactly the members of want. */
static void
assert_members(JsonObject *obj, const char *const *want, const char *what)
{
	GList	*names = json_object_get_members(obj);
	size_t	 n = 0;

	for (GList *l = names; l != NULL; l = l->next)
		ck_assert_msg(in(want, l->data), "%s: member '%s' is not in "
		    "the CONTRACT", what, (const char *)l->data);
	g_list_free(names);
	for (; want[n] != NULL; n++)
		ck_assert_msg(json_object_has_member(obj, want[n]),
		    "%s: member '%s' is missing", what, want[n]);
	ck_assert_uint_eq(json_object_get_size(obj), n);
}

static JsonNode *
parse(const char *json)
{
	JsonParser	*p = json_parser_new();
	JsonNode	*root;
	GError		*err = NULL;

	ck_assert_msg(json_parser_load_from_data(p, json, -1, &err),
	    "not JSON: %s", err ? err->message : "?");
	root = json_node_copy(json_parser_get_root(p));
	g_object_unref(p);
	ck_assert(JSON_NODE_HOLDS_OBJECT(root));
	return (root);
}

static struct mail *
mail_new(void)
{
	struct mail *m = g_new0(struct mail, 1);

	m->message_id = g_strdup("<a1@huyenuy.example.vn>");
	m->from_addr = g_strdup("vanphong@huyenuy.example.vn");
	m->subject = g_strdup("Danh sách kích hoạt SIM ký số");
	m->body_text = g_strdup("");
	return (m);
}

static struct sig_signer *
signer_new(void)
{
	struct sig_signer *s = g_new0(struct sig_signer, 1);

	s->cn = g_strdup("Nguyễn Văn A");
	s->o = g_strdup("HUYỆN ỦY SƠN TỊNH");
	s->serial = g_strdup("1a2b3c");
	s->not_before = g_strdup("2023-01-01T00:00:00Z");
	return (s);
}

/* A decision of one DOCX document with one row and one finding at each
 * level; sigs signatures, the first by a signer. */
static struct decision *
decision_new(size_t sigs)
{
	struct decision	*dec = g_new0(struct decision, 1);
	struct document	*d;
	struct form_row	*r;

	dec->kind = KIND_SIM_ACTIVATION;
	dec->action = ACTION_REJECT;
	findings_add(&dec->errors, CODE_SENDER_PUBLIC_DOMAIN, "gmail.com");
	dec->docs = g_new0(struct document, 1);
	dec->ndocs = 1;
	d = &dec->docs[0];
	d->filename = g_strdup("Danh sách.docx");
	d->format = FORMAT_DOCX;
	memset(d->sha256, 'a', 64);
	d->kind = KIND_SIM_ACTIVATION;
	d->signature.status = SIG_UNSIGNED;
	findings_add(&d->errors, CODE_SIGNATURE_MISSING, "ours");
	if (sigs > 0) {
		d->signature.results = g_new0(struct sig_result, sigs);
		d->signature.nresults = sigs;
		d->signature.results[0].signer = signer_new();
		d->signature.results[0].signed_at =
		    g_strdup("2024-05-02T08:00:00Z");
		for (size_t i = 0; i < sigs; i++) {
			d->signature.results[i].status = SIG_VALID;
			d->signature.results[i].covers_all_parts = true;
			d->signature.results[i].part = g_strdup_printf(
			    "_xmlsignatures/sig%zu.xml", i + 1);
		}
		d->signature.status = SIG_VALID;
	}
	d->form = g_new0(struct form, 1);
	d->form->kind = KIND_SIM_ACTIVATION;
	d->form->organization = g_strdup("HUYỆN ỦY SƠN TỊNH");
	findings_add(&d->form->errors, CODE_WRONG_ADDRESSEE, "recogniser's");
	r = form_row_add(d->form);
	r->index = 1;
	r->phone = g_strdup("84982345678");
	r->phone_raw = g_strdup("0982 345 678");
	r->iccid = g_strdup("8984040000000000017");
	r->name = g_strdup("Nguyễn Văn A");
	r->carrier = "viettel";
	findings_add(&r->warnings, CODE_PHONE_OLD_FORMAT, NULL);
	return (dec);
}

/* contract_json of m and dec, parsed; the message object. */
static JsonNode *
message_json(const struct mail *m, const struct decision *dec, bool pretty)
{
	char		*s = contract_json(m, dec, pretty);
	JsonNode	*root = parse(s);

	g_free(s);
	return (root);
}

static JsonObject *
first_document(JsonNode *root)
{
	JsonArray *docs = json_object_get_array_member(
	    json_node_get_object(root), "documents");

	ck_assert_uint_eq(json_array_get_length(docs), 1);
	return (json_array_get_object_element(docs, 0));
}

START_TEST(contract_every_member_and_no_other)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(1);
	JsonNode	*root = message_json(m, dec, false);
	JsonObject	*msg = json_node_get_object(root), *doc, *row, *sig;
	JsonArray	*a;

	assert_members(msg, message_members, "message");
	ck_assert_int_eq(json_object_get_int_member(msg, "contract"), 1);
	doc = first_document(root);
	assert_members(doc, document_members, "document");
	assert_members(json_object_get_object_member(doc, "fields"),
	    fields_members, "fields");
	row = json_array_get_object_element(json_object_get_array_member(doc,
	    "rows"), 0);
	assert_members(row, row_members, "row");
	ck_assert_int_eq(json_object_get_int_member(row, "index"), 1);
	sig = json_object_get_object_member(doc, "signature");
	assert_members(sig, signature_members, "signature");
	assert_members(json_object_get_object_member(sig, "signer"),
	    signer_members, "signer");
	a = json_object_get_array_member(doc, "signatures");
	ck_assert_uint_eq(json_array_get_length(a), 1);
	/* each of "signatures" is shaped like "signature", with details */
	sig = json_array_get_object_element(a, 0);
	for (size_t i = 0; signature_members[i] != NULL; i++)
		ck_assert(json_object_has_member(sig, signature_members[i]));
	a = json_object_get_array_member(msg, "errors");
	assert_members(json_array_get_object_element(a, 0), finding_members,
	    "finding");
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Absent values are null, never left out: readers see one shape. */
START_TEST(contract_absent_values_are_null)
{
	struct mail	*m = g_new0(struct mail, 1);
	struct decision	*dec = decision_new(0);
	struct form_row	*r = form_row_edit(dec->docs[0].form, 0);
	JsonNode	*root;
	JsonObject	*msg, *doc, *row, *sig;

	g_clear_pointer(&r->phone, g_free);
	r->carrier = NULL;
	root = message_json(m, dec, false);
	msg = json_node_get_object(root);
	ck_assert(json_object_get_null_member(msg, "message_id"));
	ck_assert(json_object_get_null_member(msg, "from"));
	ck_assert(json_object_get_null_member(msg, "subject"));
	doc = first_document(root);
	ck_assert(json_object_get_null_member(doc, "addressee"));
	for (size_t i = 0; fields_members[i] != NULL; i++)
		ck_assert(json_object_get_null_member(
		    json_object_get_object_member(doc, "fields"),
		    fields_members[i]));
	row = json_array_get_object_element(json_object_get_array_member(doc,
	    "rows"), 0);
	ck_assert(json_object_get_null_member(row, "phone"));
	ck_assert(json_object_get_null_member(row, "carrier"));
	ck_assert(json_object_get_null_member(row, "device_type"));
	ck_assert_str_eq(json_object_get_string_member(row, "phone_raw"),
	    "0982 345 678");
	/* unsigned: no signer, no time, nothing covered, no signatures */
	sig = json_object_get_object_member(doc, "signature");
	ck_assert_str_eq(json_object_get_string_member(sig, "status"),
	    "unsigned");
	ck_assert(json_object_get_null_member(sig, "signer"));
	ck_assert(json_object_get_null_member(sig, "signed_at"));
	ck_assert(!json_object_get_boolean_member(sig, "covers_all_parts"));
	ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(
	    doc, "signatures")), 0);
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* A document over the size limit was never read: no sha256 claimed. */
START_TEST(contract_too_large_has_no_sha256)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(0);
	JsonNode	*root;

	dec->docs[0].too_large = true;
	root = message_json(m, dec, false);
	ck_assert(json_object_get_null_member(first_document(root),
	    "sha256"));
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* The recogniser's document findings come first, then the pipeline's. */
START_TEST(contract_document_findings_in_order)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(0);
	JsonNode	*root = message_json(m, dec, false);
	JsonArray	*errs = json_object_get_array_member(
	    first_document(root), "errors");
	JsonObject	*w;

	ck_assert_uint_eq(json_array_get_length(errs), 2);
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(errs, 0), "code"), "wrong_addressee");
	ck_assert_str_eq(json_object_get_string_member(
	    json_array_get_object_element(errs, 1), "code"),
	    "signature_missing");
	w = json_array_get_object_element(json_object_get_array_member(
	    json_array_get_object_element(json_object_get_array_member(
	    first_document(root), "rows"), 0), "warnings"), 0);
	ck_assert_str_eq(json_object_get_string_member(w, "code"),
	    "phone_old_format");
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* The summary: the first signature's signer and time, the decision's
 * status; covers_all_parts only when every signature covers all. */
START_TEST(contract_signature_summary_covers_only_if_all_do)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(2);
	struct document	*d = &dec->docs[0];
	JsonNode	*root;
	JsonObject	*sig;

	d->signature.results[1].covers_all_parts = _i == 0;
	d->signature.results[1].status = _i == 0 ? SIG_VALID : SIG_PARTIAL;
	d->signature.status = ooxml_sig_summary(d->signature.results, 2);
	root = message_json(m, dec, false);
	sig = json_object_get_object_member(first_document(root), "signature");
	ck_assert_str_eq(json_object_get_string_member(sig, "status"),
	    _i == 0 ? "valid" : "partial");
	ck_assert(json_object_get_boolean_member(sig, "covers_all_parts") ==
	    (_i == 0));
	ck_assert_str_eq(json_object_get_string_member(sig, "signed_at"),
	    "2024-05-02T08:00:00Z");
	ck_assert_str_eq(json_object_get_string_member(
	    json_object_get_object_member(sig, "signer"), "cn"),
	    "Nguyễn Văn A");
	ck_assert_uint_eq(json_array_get_length(json_object_get_array_member(
	    first_document(root), "signatures")), 2);
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Vietnamese text and characters JSON must escape survive the trip. */
START_TEST(contract_text_round_trips)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(0);
	JsonNode	*root;
	const char	*odd = "Đề nghị \"kích hoạt\"\\\n\ttab\x01 end";

	g_free(m->subject);
	m->subject = g_strdup(odd);
	root = message_json(m, dec, _i == 1);
	ck_assert_str_eq(json_object_get_string_member(
	    json_node_get_object(root), "subject"), odd);
	ck_assert_str_eq(json_object_get_string_member(first_document(root),
	    "organization"), "HUYỆN ỦY SƠN TỊNH");
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* The escaped form, a byte at a time, as the CONTRACT writer must give
 * it (json-glib's: short escapes where JSON has them, else \u00xx). */
static void
escape_ref(GString *o, const char *s)
{
	g_string_append_c(o, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_printf(o, "\\%c", *p);
		else if (*p == '\b')
			g_string_append(o, "\\b");
		else if (*p == '\f')
			g_string_append(o, "\\f");
		else if (*p == '\n')
			g_string_append(o, "\\n");
		else if (*p == '\r')
			g_string_append(o, "\\r");
		else if (*p == '\t')
			g_string_append(o, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			g_string_append_printf(o, "\\u%04x", *p);
		else
			g_string_append_c(o, (char)*p);
	}
	g_string_append_c(o, '"');
}

/* Every byte that must be escaped, and plain ones, at every place of
 * strings of every length up to 40: written exactly as the reference
 * escapes them. (A writer that skipped eight plain bytes at a time was
 * tried: it let DEL through, and gained nothing on a list's short
 * strings.) */
START_TEST(contract_escapes_every_byte_anywhere)
{
	static const unsigned char odd[] = { 0x01, 0x08, 0x09, 0x0a, 0x0c,
	    0x0d, 0x1f, '"', '\\', 0x7f, 0x80, 0xc3, 0xff, 0x20, 'A' };
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(0);
	GString		*want = g_string_new(NULL), *all = g_string_new("[");
	struct jw	*w;
	FILE		*fp;
	char		*streamed = NULL;
	size_t		 slen = 0;

	/* The same strings through the streaming writer, whose 16 KB
	 * block they fill and cross many times. */
	fp = open_memstream(&streamed, &slen);
	ck_assert_ptr_nonnull(fp);
	w = contract_jw_new(fp);
	contract_jw_begin(w, NULL, false);
	for (size_t len = 1; len <= 40; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t k = 0; k < G_N_ELEMENTS(odd); k++) {
				char	*t = g_malloc(len + 1), *json;

				memset(t, 'x', len);
				t[len] = '\0';
				t[at] = (char)odd[k];
				/* a valid UTF-8 subject is how mail
				 * gives it; an invalid one tests the
				 * writer only */
				g_free(m->subject);
				m->subject = t;
				json = contract_json(m, dec, false);
				g_string_assign(want, "\"subject\":");
				escape_ref(want, t);
				ck_assert_msg(strstr(json, want->str) != NULL,
				    "byte 0x%02x at %zu of %zu: %s", odd[k],
				    at, len, json);
				g_free(json);
				if (all->len > 1)
					g_string_append_c(all, ',');
				escape_ref(all, t);
				contract_jw_string(w, NULL, t);
			}
	contract_jw_end(w);
	contract_jw_free(w);
	ck_assert_int_eq(fclose(fp), 0);
	g_string_append_c(all, ']');
	ck_assert_uint_gt(slen, 16384 * 4);
	ck_assert_uint_eq(slen, all->len);
	ck_assert(memcmp(streamed, all->str, slen) == 0);
	free(streamed);
	g_string_free(all, TRUE);
	g_string_free(want, TRUE);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Every code the program can emit is spelled as the CONTRACT spells it,
 * at each level it can appear. */
START_TEST(contract_code_names_are_contract_spellings)
{
	struct form_row	 r = { .index = 1 };
	char		*s;
	JsonNode	*root;
	JsonObject	*f;

	findings_add(&r.errors, (enum code)_i, "x");
	s = contract_row_json(&r);
	root = parse(s);
	f = json_array_get_object_element(json_object_get_array_member(
	    json_node_get_object(root), "errors"), 0);
	ck_assert_msg(in(contract_codes, json_object_get_string_member(f,
	    "code")), "code %d is '%s'", _i, json_object_get_string_member(f,
	    "code"));
	ck_assert_str_eq(json_object_get_string_member(f, "detail"), "x");
	json_node_unref(root);
	g_free(s);
	findings_deinit(&r.errors);
}
END_TEST

START_TEST(contract_kind_and_action_names)
{
	struct mail	*m = mail_new();
	struct decision	*dec = decision_new(0);
	JsonNode	*root;
	JsonObject	*msg;
	const char	*kind, *action;

	dec->kind = dec->docs[0].kind = (enum kind)(_i % KIND__COUNT);
	dec->action = (enum action)(_i % ACTION__COUNT);
	root = message_json(m, dec, false);
	msg = json_node_get_object(root);
	kind = json_object_get_string_member(msg, "kind");
	action = json_object_get_string_member(msg, "action");
	ck_assert_msg(in(contract_kinds, kind), "kind %d is '%s'", _i, kind);
	ck_assert_msg(in(contract_actions, action), "action is '%s'", action);
	ck_assert_str_eq(json_object_get_string_member(first_document(root),
	    "kind"), kind);
	json_node_unref(root);
	decision_free(dec);
	mime_free(m);
}
END_TEST

/* Formats the sniffer knows but the CONTRACT does not (a ZIP that is
 * no Word or Excel file, a compound file that is neither) are "other". */
START_TEST(contract_format_names)
{
	struct decision	*dec = decision_new(0);
	char		*s;
	JsonNode	*root;
	const char	*format;

	dec->docs[0].format = (enum format)_i;
	s = contract_document_json(&dec->docs[0]);
	root = parse(s);
	format = json_object_get_string_member(json_node_get_object(root),
	    "format");
	ck_assert_msg(in(contract_formats, format), "format %d is '%s'", _i,
	    format);
	if (_i == FORMAT_ZIP || _i == FORMAT_OOXML || _i == FORMAT_OLE2)
		ck_assert_str_eq(format, "other");
	json_node_unref(root);
	g_free(s);
	decision_free(dec);
}
END_TEST

START_TEST(contract_signature_status_names)
{
	struct decision	*dec = decision_new(1);
	struct document	*d = &dec->docs[0];
	char		*s;
	JsonNode	*root;
	JsonObject	*doc;
	const char	*summary, *own;

	d->signature.status = (enum sig_status)_i;
	d->signature.results[0].status = (enum sig_status)_i;
	s = contract_document_json(d);
	root = parse(s);
	doc = json_node_get_object(root);
	summary = json_object_get_string_member(json_object_get_object_member(
	    doc, "signature"), "status");
	own = json_object_get_string_member(json_array_get_object_element(
	    json_object_get_array_member(doc, "signatures"), 0), "status");
	ck_assert_msg(in(contract_statuses, summary), "status %d is '%s'", _i,
	    summary);
	ck_assert_str_eq(own, summary);
	json_node_unref(root);
	g_free(s);
	decision_free(dec);
}
END_TEST

Suite *
contract_suite(void)
{
	Suite	*s = suite_create("contract");
	TCase	*tc = tcase_create("shape");
	TCase	*tn = tcase_create("names");

	tcase_add_test(tc, contract_every_member_and_no_other);
	tcase_add_test(tc, contract_absent_values_are_null);
	tcase_add_test(tc, contract_too_large_has_no_sha256);
	tcase_add_test(tc, contract_document_findings_in_order);
	tcase_add_loop_test(tc, contract_signature_summary_covers_only_if_all_do,
	    0, 2);
	tcase_add_loop_test(tc, contract_text_round_trips, 0, 2);
	tcase_add_test(tc, contract_escapes_every_byte_anywhere);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tn, contract_code_names_are_contract_spellings, 0,
	    CODE__COUNT);
	tcase_add_loop_test(tn, contract_kind_and_action_names, 0,
	    KIND__COUNT * ACTION__COUNT);
	tcase_add_loop_test(tn, contract_format_names, 0, FORMAT__COUNT);
	tcase_add_loop_test(tn, contract_signature_status_names, 0,
	    SIG__COUNT);
	suite_add_tcase(s, tn);
	return (s);
}
