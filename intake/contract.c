/* contract.c: decisions as CONTRACT JSON. Names come from lib/codes.c;
 * absent values are null, never left out, so readers see one shape. */
#include <json-glib/json-glib.h>

#include "intake/contract.h"
#include "parsers/ooxml-sig.h"

static void	add_str(JsonBuilder *, const char *, const char *);
static void	add_findings(JsonBuilder *, const char *,
		    const struct findings *);
static void	build_row(JsonBuilder *, const struct form_row *);
static void	build_document(JsonBuilder *, const struct document *);
static void	build_signer(JsonBuilder *, const struct sig_signer *);
static void	build_signature(JsonBuilder *, enum sig_status,
		    const struct sig_result *, bool);
static char	*to_string(JsonBuilder *, bool);

const char *
contract_format_name(enum format f)
{
	switch (f) {
	case FORMAT_OOXML:
	case FORMAT_ZIP:
	case FORMAT_OLE2:
		return (format_name(FORMAT_OTHER));
	default:
		return (format_name(f));
	}
}

static void
add_str(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (value != NULL)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

static void
add_findings(JsonBuilder *b, const char *name, const struct findings *f)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_array(b);
	for (size_t i = 0; i < f->n; i++) {
		json_builder_begin_object(b);
		add_str(b, "code", code_name(f->v[i].code));
		add_str(b, "detail", f->v[i].detail);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
build_row(JsonBuilder *b, const struct form_row *r)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "index");
	json_builder_add_int_value(b, r->index);
	add_str(b, "phone", r->phone);
	add_str(b, "phone_raw", r->phone_raw);
	add_str(b, "iccid", r->iccid);
	add_str(b, "name", r->name);
	add_str(b, "position", r->position);
	add_str(b, "carrier", r->carrier);
	add_str(b, "device_serial", r->device_serial);
	add_str(b, "device_type", r->device_type);
	add_findings(b, "errors", &r->errors);
	add_findings(b, "warnings", &r->warnings);
	json_builder_end_object(b);
}

static void
build_signer(JsonBuilder *b, const struct sig_signer *sg)
{
	json_builder_set_member_name(b, "signer");
	if (sg == NULL) {
		json_builder_add_null_value(b);
		return;
	}
	json_builder_begin_object(b);
	add_str(b, "cn", sg->cn);
	add_str(b, "o", sg->o);
	add_str(b, "ou", sg->ou);
	add_str(b, "email", sg->email);
	add_str(b, "serial", sg->serial);
	add_str(b, "issuer_cn", sg->issuer_cn);
	add_str(b, "not_before", sg->not_before);
	add_str(b, "not_after", sg->not_after);
	json_builder_end_object(b);
}

/* One signature object; status is given (the summary or its own). */
static void
build_signature(JsonBuilder *b, enum sig_status status,
    const struct sig_result *r, bool details)
{
	json_builder_begin_object(b);
	add_str(b, "status", sig_status_name(status));
	build_signer(b, r ? r->signer : NULL);
	add_str(b, "signed_at", r ? r->signed_at : NULL);
	json_builder_set_member_name(b, "covers_all_parts");
	json_builder_add_boolean_value(b, r != NULL && r->covers_all_parts);
	if (details && r != NULL) {
		add_str(b, "part", r->part);
		add_str(b, "reason", r->reason);
		json_builder_set_member_name(b, "uncovered");
		json_builder_begin_array(b);
		for (size_t i = 0; i < r->nuncovered; i++)
			json_builder_add_string_value(b, r->uncovered[i]);
		json_builder_end_array(b);
	}
	json_builder_end_object(b);
}

void
contract_signature_members(JsonBuilder *b, const struct doc_signature *s)
{
	const struct sig_result *first = s->nresults ? &s->results[0] : NULL;

	/* The summary: the first signature's signer and time, the weakest
	 * status of all; covers_all_parts only when every one does. */
	json_builder_set_member_name(b, "signature");
	json_builder_begin_object(b);
	add_str(b, "status", sig_status_name(s->status));
	build_signer(b, first ? first->signer : NULL);
	add_str(b, "signed_at", first ? first->signed_at : NULL);
	json_builder_set_member_name(b, "covers_all_parts");
	{
		bool all = s->nresults > 0;

		for (size_t i = 0; i < s->nresults; i++)
			all = all && s->results[i].covers_all_parts;
		json_builder_add_boolean_value(b, all);
	}
	json_builder_end_object(b);
	json_builder_set_member_name(b, "signatures");
	json_builder_begin_array(b);
	for (size_t i = 0; i < s->nresults; i++)
		build_signature(b, s->results[i].status, &s->results[i], true);
	json_builder_end_array(b);
}

static void
build_document(JsonBuilder *b, const struct document *d)
{
	const struct form *f = d->form;

	json_builder_begin_object(b);
	add_str(b, "filename", d->filename);
	add_str(b, "format", contract_format_name(d->format));
	add_str(b, "sha256", d->too_large ? NULL : d->sha256);
	add_str(b, "kind", kind_name(d->kind));
	add_str(b, "organization", f ? f->organization : NULL);
	add_str(b, "addressee", f ? f->addressee : NULL);

	contract_signature_members(b, &d->signature);

	json_builder_set_member_name(b, "fields");
	json_builder_begin_object(b);
	add_str(b, "coordinator_name", f ? f->coordinator_name : NULL);
	add_str(b, "coordinator_phone", f ? f->coordinator_phone : NULL);
	add_str(b, "coordinator_email", f ? f->coordinator_email : NULL);
	json_builder_end_object(b);

	json_builder_set_member_name(b, "rows");
	json_builder_begin_array(b);
	for (size_t i = 0; f != NULL && i < f->nrows; i++)
		build_row(b, &f->rows[i]);
	json_builder_end_array(b);

	{
		struct findings errors = { 0 }, warnings = { 0 };

		/* The recogniser's document findings, then ours. */
		if (f != NULL) {
			findings_extend(&errors, &f->errors);
			findings_extend(&warnings, &f->warnings);
		}
		findings_extend(&errors, &d->errors);
		findings_extend(&warnings, &d->warnings);
		add_findings(b, "errors", &errors);
		add_findings(b, "warnings", &warnings);
		findings_deinit(&errors);
		findings_deinit(&warnings);
	}
	json_builder_end_object(b);
}

static char *
to_string(JsonBuilder *b, bool pretty)
{
	JsonGenerator	*gen = json_generator_new();
	JsonNode	*root = json_builder_get_root(b);
	char		*s;

	json_generator_set_pretty(gen, pretty);
	json_generator_set_root(gen, root);
	s = json_generator_to_data(gen, NULL);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
	return (s);
}

char *
contract_json(const struct mail *m, const struct decision *dec, bool pretty)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "contract");
	json_builder_add_int_value(b, CONTRACT_VERSION);
	add_str(b, "message_id", m->message_id);
	add_str(b, "from", m->from_addr);
	add_str(b, "subject", m->subject);
	add_str(b, "kind", kind_name(dec->kind));
	add_str(b, "action", action_name(dec->action));
	add_findings(b, "errors", &dec->errors);
	add_findings(b, "warnings", &dec->warnings);
	json_builder_set_member_name(b, "documents");
	json_builder_begin_array(b);
	for (size_t i = 0; i < dec->ndocs; i++)
		build_document(b, &dec->docs[i]);
	json_builder_end_array(b);
	json_builder_end_object(b);
	return (to_string(b, pretty));
}

char *
contract_document_json(const struct document *d)
{
	JsonBuilder *b = json_builder_new();

	build_document(b, d);
	return (to_string(b, false));
}

char *
contract_row_json(const struct form_row *r)
{
	JsonBuilder *b = json_builder_new();

	build_row(b, r);
	return (to_string(b, false));
}

char *
contract_verdict_json(const char *file, enum format fmt,
    const struct doc_signature *s)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	add_str(b, "file", file);
	add_str(b, "format", format_name(fmt));
	contract_signature_members(b, s);
	json_builder_end_object(b);
	return (to_string(b, false));
}
