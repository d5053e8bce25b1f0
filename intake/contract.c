/* contract.c: decisions as CONTRACT JSON. Names come from lib/codes.c;
 * absent values are null, never left out, so readers see one shape. */
#include <json-glib/json-glib.h>

#include "intake/contract.h"
#include "parsers/ooxml-sig.h"

static void	add_findings(JsonBuilder *, const char *,
		    const struct findings *);
static void	build_row(JsonBuilder *, const struct form_row *);
static void	build_document(JsonBuilder *, const struct document *);
static void	build_signer(JsonBuilder *, const struct sig_signer *);
static void	build_signature(JsonBuilder *, enum sig_status,
		    const struct sig_result *, bool);

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

void
contract_add_string(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (value != NULL)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

void
contract_add_strings(JsonBuilder *b, const char *const *names,
    const char *const *values, size_t n)
{
	for (size_t i = 0; i < n; i++)
		contract_add_string(b, names[i], values[i]);
}

char *
contract_finish(JsonBuilder *b, bool pretty)
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

void
contract_print_line(FILE *fp, JsonBuilder *b)
{
	char *s = contract_finish(b, false);

	fprintf(fp, "%s\n", s);
	g_free(s);
}

static void
add_findings(JsonBuilder *b, const char *name, const struct findings *f)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_array(b);
	for (size_t i = 0; i < f->n; i++) {
		json_builder_begin_object(b);
		contract_add_string(b, "code", code_name(f->v[i].code));
		contract_add_string(b, "detail", f->v[i].detail);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
build_row(JsonBuilder *b, const struct form_row *r)
{
	static const char *const names[] = { "phone", "phone_raw", "iccid",
	    "name", "position", "carrier", "device_serial", "device_type" };
	const char	*vals[] = { r->phone, r->phone_raw, r->iccid, r->name,
			    r->position, r->carrier, r->device_serial,
			    r->device_type };

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "index");
	json_builder_add_int_value(b, r->index);
	contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
	add_findings(b, "errors", &r->errors);
	add_findings(b, "warnings", &r->warnings);
	json_builder_end_object(b);
}

static void
build_signer(JsonBuilder *b, const struct sig_signer *sg)
{
	static const char *const names[] = { "cn", "o", "ou", "email",
	    "serial", "issuer_cn", "not_before", "not_after" };

	json_builder_set_member_name(b, "signer");
	if (sg == NULL) {
		json_builder_add_null_value(b);
		return;
	}
	{
		const char *vals[] = { sg->cn, sg->o, sg->ou, sg->email,
		    sg->serial, sg->issuer_cn, sg->not_before, sg->not_after };

		json_builder_begin_object(b);
		contract_add_strings(b, names, vals, G_N_ELEMENTS(names));
		json_builder_end_object(b);
	}
}

/* One signature object; status is given (the summary or its own). */
static void
build_signature(JsonBuilder *b, enum sig_status status,
    const struct sig_result *r, bool details)
{
	json_builder_begin_object(b);
	contract_add_string(b, "status", sig_status_name(status));
	build_signer(b, r ? r->signer : NULL);
	contract_add_string(b, "signed_at", r ? r->signed_at : NULL);
	json_builder_set_member_name(b, "covers_all_parts");
	json_builder_add_boolean_value(b, r != NULL && r->covers_all_parts);
	if (details && r != NULL) {
		contract_add_string(b, "part", r->part);
		contract_add_string(b, "reason", r->reason);
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
	contract_add_string(b, "status", sig_status_name(s->status));
	build_signer(b, first ? first->signer : NULL);
	contract_add_string(b, "signed_at", first ? first->signed_at : NULL);
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
	contract_add_string(b, "filename", d->filename);
	contract_add_string(b, "format", contract_format_name(d->format));
	contract_add_string(b, "sha256", d->too_large ? NULL : d->sha256);
	contract_add_string(b, "kind", kind_name(d->kind));
	contract_add_string(b, "organization", f ? f->organization : NULL);
	contract_add_string(b, "addressee", f ? f->addressee : NULL);

	contract_signature_members(b, &d->signature);

	json_builder_set_member_name(b, "fields");
	json_builder_begin_object(b);
	contract_add_string(b, "coordinator_name",
	    f ? f->coordinator_name : NULL);
	contract_add_string(b, "coordinator_phone",
	    f ? f->coordinator_phone : NULL);
	contract_add_string(b, "coordinator_email",
	    f ? f->coordinator_email : NULL);
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

char *
contract_json(const struct mail *m, const struct decision *dec, bool pretty)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "contract");
	json_builder_add_int_value(b, CONTRACT_VERSION);
	contract_add_string(b, "message_id", m->message_id);
	contract_add_string(b, "from", m->from_addr);
	contract_add_string(b, "subject", m->subject);
	contract_add_string(b, "kind", kind_name(dec->kind));
	contract_add_string(b, "action", action_name(dec->action));
	add_findings(b, "errors", &dec->errors);
	add_findings(b, "warnings", &dec->warnings);
	json_builder_set_member_name(b, "documents");
	json_builder_begin_array(b);
	for (size_t i = 0; i < dec->ndocs; i++)
		build_document(b, &dec->docs[i]);
	json_builder_end_array(b);
	json_builder_end_object(b);
	return (contract_finish(b, pretty));
}

char *
contract_document_json(const struct document *d)
{
	JsonBuilder *b = json_builder_new();

	build_document(b, d);
	return (contract_finish(b, false));
}

char *
contract_row_json(const struct form_row *r)
{
	JsonBuilder *b = json_builder_new();

	build_row(b, r);
	return (contract_finish(b, false));
}

char *
contract_verdict_json(const char *file, enum format fmt,
    const struct doc_signature *s)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	contract_add_string(b, "file", file);
	contract_add_string(b, "format", format_name(fmt));
	contract_signature_members(b, s);
	json_builder_end_object(b);
	return (contract_finish(b, false));
}

char *
contract_verdict_error_json(const char *file, const char *format,
    const char *error)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	contract_add_string(b, "file", file);
	contract_add_string(b, "format", format);
	contract_add_string(b, "signature", NULL);
	contract_add_string(b, "error", error);
	json_builder_end_object(b);
	return (contract_finish(b, false));
}
