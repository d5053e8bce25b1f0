/* replies.c: from a decision to the composed messages the store queues.
 * Pure: the date and the digest come in. It must never queue a reply to
 * a machine, to no one, or to ourselves (RFC 3834). */
#include <string.h>

#include <glib.h>

#include "intake/replies.h"
#include "outbox/compose.h"
#include "outbox/template.h"
#include "outbox/texts-vi.h"
#include "lib/text.h"

/* What the letters say about one message, worked out once. */
struct letter {
	GPtrArray	*errors, *warnings, *fixes, *rows, *files;
	char		*unit, *received, *nrows, *coordinator;
	bool		 fixed[CODE__COUNT];
};

struct job {
	const struct mail	*mail;
	const struct decision	*d;
	const struct config	*cfg;
	const char		*case_number;
	const char		*now;
	const char		*digest;	/* 24 hex, lower case */
	const char		*domain;
	struct letter		 l;
	GArray			*out;		/* struct queue_outgoing */
};

static void	 finding_add(struct letter *, GPtrArray *, const char *,
		    const struct finding *, const char *);
static const char *row_value(const struct form_row *,
		    const struct finding *);
static const char *doc_value(const struct mail *, const struct form *,
		    const struct finding *);
static void	 letter_init(struct job *);
static void	 letter_deinit(struct letter *);
static char	*received_text(const char *);
static int	 render(struct job *, const char *const *, char **, char **);
static int	 add(struct job *, const char *, const char *, const char *,
		    const char *, const char *, bool,
		    const struct compose_attachment *, size_t, char **);
static int	 reply(struct job *, const char *, const char *const *,
		    char **);
static int	 forward(struct job *, char **);
static const char *format_type(enum format);

static const char *
format_type(enum format f)
{
	switch (f) {
	case FORMAT_DOCX:
		return ("application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document");
	case FORMAT_XLSX:
		return ("application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet");
	case FORMAT_XLS:
		return ("application/vnd.ms-excel");
	default:
		return ("application/octet-stream");
	}
}

/* "Dòng 3 (TT 3): Số điện thoại không hợp lệ (0123)", and its fix. */
static void
finding_add(struct letter *l, GPtrArray *list, const char *where,
    const struct finding *f, const char *value)
{
	const char	*fix;

	/* Details are English, for staff and the JSON; a unit reads the
	 * Vietnamese sentence and the value it typed. */
	if (!text_blank(value))
		g_ptr_array_add(list, g_strdup_printf("%s%s: %s", where,
		    texts_vi_code(f->code), value));
	else
		g_ptr_array_add(list, g_strdup_printf("%s%s", where,
		    texts_vi_code(f->code)));
	if ((fix = texts_vi_code_fix(f->code)) != NULL &&
	    (unsigned)f->code < CODE__COUNT && !l->fixed[f->code]) {
		l->fixed[f->code] = true;
		g_ptr_array_add(l->fixes, g_strdup(fix));
	}
}

/* What the unit wrote that a row finding is about, to quote it back. */
static const char *
row_value(const struct form_row *r, const struct finding *f)
{
	switch (f->code) {
	case CODE_PHONE_INVALID:
	case CODE_PHONE_OLD_FORMAT:
		return (r->phone_raw);
	case CODE_ICCID_INVALID:
	case CODE_ICCID_CHECKSUM:
	case CODE_ICCID_NOT_VIETNAM:
	case CODE_ICCID_PRECISION_LOST:
		return (r->iccid_raw);
	case CODE_POSITION_NOT_ELIGIBLE:
		return (r->position);
	case CODE_EMAIL_PUBLIC_DOMAIN:
		return (r->email);
	case CODE_PHONE_CARRIER_MISMATCH:
	case CODE_DUPLICATE_ROW:
		return (r->phone_raw != NULL ? r->phone_raw : r->iccid_raw);
	case CODE_ALREADY_REQUESTED:
		/* the detail names the open case: "… HT-2024-000123" */
		return (f->detail != NULL && strstr(f->detail, "HT-") != NULL ?
		    strstr(f->detail, "HT-") : NULL);
	default:
		return (NULL);
	}
}

/* The same for a document or message finding. */
static const char *
doc_value(const struct mail *m, const struct form *form,
    const struct finding *f)
{
	switch (f->code) {
	case CODE_WRONG_ADDRESSEE:
		return (form != NULL ? form->addressee : NULL);
	case CODE_SENDER_PUBLIC_DOMAIN:
	case CODE_SENDER_NOT_REGISTERED:
		return (m->from_addr);
	case CODE_COLUMNS_MISSING:
		/* the detail ends with the missing labels, in Vietnamese */
		return (f->detail != NULL && strrchr(f->detail, ':') != NULL ?
		    strrchr(f->detail, ':') + 2 : NULL);
	default:
		return (NULL);
	}
}

/* The mail's Date as the unit reads it: its day in Vietnam (UTC+7). */
static char *
received_text(const char *rfc3339)
{
	GDateTime	*t, *local;
	GTimeZone	*vn;
	char		*s;

	if (rfc3339 == NULL ||
	    (t = g_date_time_new_from_iso8601(rfc3339, NULL)) == NULL)
		return (NULL);
	vn = g_time_zone_new_offset(7 * 3600);
	local = g_date_time_to_timezone(t, vn);
	s = g_date_time_format(local, "%d/%m/%Y");
	g_date_time_unref(local);
	g_time_zone_unref(vn);
	g_date_time_unref(t);
	return (s);
}

static void
letter_init(struct job *j)
{
	struct letter		*l = &j->l;
	const struct decision	*d = j->d;
	const struct document	*doc;
	const struct form_row	*r;
	const struct form	*form;
	GString			*s;
	char			*where;
	size_t			 nrows = 0;

	memset(l, 0, sizeof(*l));
	l->errors = g_ptr_array_new_with_free_func(g_free);
	l->warnings = g_ptr_array_new_with_free_func(g_free);
	l->fixes = g_ptr_array_new_with_free_func(g_free);
	l->rows = g_ptr_array_new_with_free_func(g_free);
	l->files = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < d->errors.n; i++)
		finding_add(l, l->errors, "", &d->errors.v[i],
		    doc_value(j->mail, NULL, &d->errors.v[i]));
	for (size_t i = 0; i < d->warnings.n; i++)
		finding_add(l, l->warnings, "", &d->warnings.v[i],
		    doc_value(j->mail, NULL, &d->warnings.v[i]));
	for (size_t i = 0; i < d->ndocs; i++) {
		doc = &d->docs[i];
		g_ptr_array_add(l->files, g_strdup(doc->filename));
		where = g_strdup_printf("Tệp “%s”: ", doc->filename);
		form = doc->form;
		for (size_t k = 0; form != NULL && k < form->errors.n; k++)
			finding_add(l, l->errors, where, &form->errors.v[k],
			    doc_value(j->mail, form, &form->errors.v[k]));
		for (size_t k = 0; form != NULL && k < form->warnings.n; k++)
			finding_add(l, l->warnings, where,
			    &form->warnings.v[k],
			    doc_value(j->mail, form, &form->warnings.v[k]));
		for (size_t k = 0; k < doc->errors.n; k++)
			finding_add(l, l->errors, where, &doc->errors.v[k],
			    doc_value(j->mail, form, &doc->errors.v[k]));
		for (size_t k = 0; k < doc->warnings.n; k++)
			finding_add(l, l->warnings, where,
			    &doc->warnings.v[k],
			    doc_value(j->mail, form, &doc->warnings.v[k]));
		g_free(where);
		if (form == NULL)
			continue;
		if (l->unit == NULL && !text_blank(form->organization))
			l->unit = g_strdup(form->organization);
		if (l->coordinator == NULL &&
		    !text_blank(form->coordinator_name))
			l->coordinator = form->coordinator_phone != NULL ?
			    g_strdup_printf("%s, %s", form->coordinator_name,
			    form->coordinator_phone) :
			    g_strdup(form->coordinator_name);
		for (size_t k = 0; k < form->nrows; k++, nrows++) {
			r = &form->rows[k];
			where = g_strdup_printf("%s%s%sTT %d%s%s: ",
			    d->ndocs > 1 ? "Tệp “" : "",
			    d->ndocs > 1 ? doc->filename : "",
			    d->ndocs > 1 ? "”, " : "", r->index,
			    r->name != NULL ? " – " : "",
			    r->name != NULL ? r->name : "");
			for (size_t m = 0; m < r->errors.n; m++)
				finding_add(l, l->errors, where,
				    &r->errors.v[m], row_value(r,
				    &r->errors.v[m]));
			for (size_t m = 0; m < r->warnings.n; m++)
				finding_add(l, l->warnings, where,
				    &r->warnings.v[m], row_value(r,
				    &r->warnings.v[m]));
			g_free(where);
			s = g_string_new(NULL);
			g_string_append_printf(s, "TT %d: %s", r->index,
			    r->name != NULL ? r->name : "");
			if (!text_blank(r->position))
				g_string_append_printf(s, " (%s)",
				    r->position);
			if (r->phone != NULL)
				g_string_append_printf(s, ", số điện thoại %s",
				    r->phone);
			if (r->iccid != NULL)
				g_string_append_printf(s, ", ICCID %s",
				    r->iccid);
			if (r->device_serial != NULL)
				g_string_append_printf(s, ", số hiệu thiết bị "
				    "%s", r->device_serial);
			g_ptr_array_add(l->rows, g_string_free(s, FALSE));
		}
	}
	if (l->unit == NULL)
		l->unit = g_strdup(!text_blank(j->mail->from_name) ?
		    j->mail->from_name : j->mail->from_addr);
	l->received = received_text(j->mail->date);
	if (nrows > 0)
		l->nrows = g_strdup_printf("%zu", nrows);
	g_ptr_array_add(l->errors, NULL);
	g_ptr_array_add(l->warnings, NULL);
	g_ptr_array_add(l->fixes, NULL);
	g_ptr_array_add(l->rows, NULL);
	g_ptr_array_add(l->files, NULL);
}

static void
letter_deinit(struct letter *l)
{
	g_ptr_array_free(l->errors, TRUE);
	g_ptr_array_free(l->warnings, TRUE);
	g_ptr_array_free(l->fixes, TRUE);
	g_ptr_array_free(l->rows, TRUE);
	g_ptr_array_free(l->files, TRUE);
	g_free(l->unit);
	g_free(l->received);
	g_free(l->nrows);
	g_free(l->coordinator);
}

#define LIST(a)	((const char *const *)(a)->pdata)
#define FLAG(b)	((b) ? "1" : NULL)

static int
render(struct job *j, const char *const *tmpl, char **out_r, char **cause)
{
	const struct config	*cfg = j->cfg;
	struct letter		*l = &j->l;
	enum kind		 k = j->d->kind;
	const char		*subject = j->mail->subject;
	const struct template_value v[] = {
		{ "unit", l->unit, NULL },
		{ "subject", !text_blank(subject) ? subject :
		    texts_vi_no_subject, NULL },
		{ "received", l->received, NULL },
		{ "kind_text", texts_vi_kind(k), NULL },
		{ "case", j->case_number, NULL },
		{ "nrows", l->nrows, NULL },
		{ "mailbox", cfg->mailbox_address, NULL },
		{ "office_name", cfg->office_name, NULL },
		{ "office_phone", cfg->office_phone, NULL },
		{ "cuc_name", cfg->cuc_name, NULL },
		{ "cuc_postal", cfg->cuc_postal, NULL },
		{ "cuc_address", cfg->cuc_address, NULL },
		{ "cuc_phone", cfg->cuc_phone, NULL },
		{ "cuc_web", cfg->cuc_web, NULL },
		{ "from_addr", j->mail->from_addr, NULL },
		{ "coordinator", l->coordinator, NULL },
		{ "sim", FLAG(k == KIND_SIM_ACTIVATION), NULL },
		{ "etoken", FLAG(k == KIND_ETOKEN_RECOVERY), NULL },
		{ "report", FLAG(k == KIND_REPORT), NULL },
		{ "has_errors", FLAG(l->errors->len > 1), NULL },
		{ "has_warnings", FLAG(l->warnings->len > 1), NULL },
		{ "has_fixes", FLAG(l->fixes->len > 1), NULL },
		{ "has_rows", FLAG(l->rows->len > 1), NULL },
		{ "errors", NULL, LIST(l->errors) },
		{ "warnings", NULL, LIST(l->warnings) },
		{ "fixes", NULL, LIST(l->fixes) },
		{ "rows", NULL, LIST(l->rows) },
		{ "files", NULL, LIST(l->files) },
	};

	return (template_render(tmpl, v, G_N_ELEMENTS(v), out_r, cause));
}

/* Composes one message and appends it to the job's output. */
static int
add(struct job *j, const char *purpose, const char *to_addr,
    const char *to_name, const char *subject, const char *body,
    bool auto_reply, const struct compose_attachment *att, size_t natt,
    char **cause)
{
	struct compose_input	 in;
	struct queue_outgoing	 o;
	char			*id, *raw, *why = NULL;
	size_t			 len;

	id = g_strdup_printf("<hotrocks.%s.%s@%s>", purpose, j->digest,
	    j->domain);
	memset(&in, 0, sizeof(in));
	in.message_id = id;
	in.from_addr = j->cfg->mailbox_address;
	in.from_name = j->cfg->office_name;
	in.to_addr = to_addr;
	in.to_name = to_name;
	in.subject = subject;
	in.date = j->now;
	in.body = body;
	in.auto_reply = auto_reply;
	in.attachments = att;
	in.nattachments = natt;
	if (auto_reply) {
		in.in_reply_to = j->mail->message_id;
		in.references = j->mail->references != NULL ?
		    j->mail->references : j->mail->in_reply_to;
	}
	if (compose_message(&in, &raw, &len, &why) == -1) {
		*cause = g_strdup_printf("%s: %s", purpose, why);
		g_free(why);
		g_free(id);
		return (-1);
	}
	o.message_id = id;
	o.purpose = g_strdup(purpose);
	o.rcpt = g_strdup(to_addr);
	o.raw = raw;
	g_array_append_val(j->out, o);
	return (0);
}

/* An answer to the sender, threaded under the message. */
static int
reply(struct job *j, const char *purpose, const char *const *tmpl,
    char **cause)
{
	char	*body, *subject;
	int	 rc;

	if (render(j, tmpl, &body, cause) == -1)
		return (-1);
	subject = compose_reply_subject(!text_blank(j->mail->subject) ?
	    j->mail->subject : texts_vi_no_subject);
	rc = add(j, purpose, j->mail->from_addr, j->mail->from_name, subject,
	    body, true, NULL, 0, cause);
	g_free(subject);
	g_free(body);
	return (rc);
}

/* The unit's documents, as they came, to the Cục. */
static int
forward(struct job *j, char **cause)
{
	const struct attachment		*a;
	const struct document		*doc;
	struct compose_attachment	*att;
	char				*body = NULL, *subject = NULL, *sum;
	size_t				 natt = 0;
	int				 rc = -1;

	if (j->cfg->cuc_address == NULL) {
		*cause = g_strdup("forward_to_cuc is set but the Cục has no "
		    "address");
		return (-1);
	}
	att = g_new0(struct compose_attachment, j->mail->natt);
	for (size_t i = 0; i < j->mail->natt; i++) {
		a = &j->mail->att[i];
		if (a->data == NULL)
			continue;
		sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, a->data,
		    a->len);
		doc = NULL;
		for (size_t k = 0; k < j->d->ndocs && doc == NULL; k++)
			if (g_ascii_strcasecmp(j->d->docs[k].sha256, sum) == 0)
				doc = &j->d->docs[k];
		for (size_t k = 0; k < natt && doc != NULL; k++)
			if (att[k].len == a->len &&
			    memcmp(att[k].data, a->data, a->len) == 0)
				doc = NULL;
		g_free(sum);
		if (doc == NULL)
			continue;
		att[natt].filename = !text_blank(doc->filename) ?
		    doc->filename : a->filename;
		att[natt].content_type = format_type(a->format);
		att[natt].data = a->data;
		att[natt].len = a->len;
		natt++;
	}
	if (natt == 0) {
		*cause = g_strdup("forward: no attachment of the mail is one "
		    "of its documents");
		goto out;
	}
	if (render(j, texts_vi_forward_subject, &subject, cause) == -1 ||
	    render(j, texts_vi_forward, &body, cause) == -1)
		goto out;
	g_strchomp(subject);
	rc = add(j, "forward", j->cfg->cuc_address, j->cfg->cuc_name, subject,
	    body, false, att, natt, cause);
out:
	g_free(subject);
	g_free(body);
	g_free(att);
	return (rc);
}

int
replies_build(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, struct queue_outgoing **out_r, size_t *n_r,
    char **cause)
{
	struct job	 j;
	const char	*at;
	char		 digest[25];
	int		 rc = -1;

	*out_r = NULL;
	*n_r = 0;
	if (d->action == ACTION_IGNORE || d->action == ACTION_MANUAL ||
	    mail->machine != MAIL_PERSON || text_blank(mail->from_addr) ||
	    config_is_own(cfg, mail->from_addr))
		return (0);
	if (msg_sha256 == NULL || strlen(msg_sha256) < 24) {
		*cause = g_strdup("replies need the message's sha256");
		return (-1);
	}
	for (size_t i = 0; i < 24; i++) {
		if (!g_ascii_isxdigit(msg_sha256[i])) {
			*cause = g_strdup("replies need the message's sha256");
			return (-1);
		}
		digest[i] = g_ascii_tolower(msg_sha256[i]);
	}
	digest[24] = '\0';
	if (cfg->mailbox_address == NULL ||
	    (at = strrchr(cfg->mailbox_address, '@')) == NULL ||
	    at[1] == '\0') {
		*cause = g_strdup("the mailbox address has no domain");
		return (-1);
	}

	memset(&j, 0, sizeof(j));
	j.mail = mail;
	j.d = d;
	j.cfg = cfg;
	j.case_number = case_number;
	j.now = now;
	j.digest = digest;
	j.domain = g_ascii_strdown(at + 1, -1);
	j.out = g_array_new(FALSE, TRUE, sizeof(struct queue_outgoing));
	letter_init(&j);
	switch (d->action) {
	case ACTION_QUEUE:
		if (reply(&j, "ack", texts_vi_ack, cause) == -1)
			goto out;
		if (cfg->forward_to_cuc && d->kind == KIND_SIM_ACTIVATION &&
		    forward(&j, cause) == -1)
			goto out;
		break;
	case ACTION_REJECT:
		if (reply(&j, "reject", texts_vi_reject, cause) == -1)
			goto out;
		break;
	case ACTION_REDIRECT:
		if (reply(&j, "redirect", texts_vi_redirect, cause) == -1)
			goto out;
		break;
	default:
		break;
	}
	rc = 0;
out:
	letter_deinit(&j.l);
	g_free((char *)j.domain);
	*n_r = j.out->len;
	*out_r = (struct queue_outgoing *)g_array_free(j.out, FALSE);
	if (rc == -1 || *n_r == 0) {
		replies_free(*out_r, *n_r);
		*out_r = NULL;
		*n_r = 0;
	}
	return (rc);
}

void
replies_free(struct queue_outgoing *o, size_t n)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		g_free((char *)o[i].message_id);
		g_free((char *)o[i].purpose);
		g_free((char *)o[i].rcpt);
		g_free((char *)o[i].raw);
	}
	g_free(o);
}
