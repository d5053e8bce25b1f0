/* contract.c: decisions as CONTRACT JSON. Names come from lib/codes.c;
 * absent values are null, never left out, so readers see one shape.
 *
 * The decision is written as it is walked, straight to a FILE or a
 * GString, never built as a tree first: a 200,000-row list made a
 * json-glib tree of ~450 MiB. The bytes are json-glib's (1.6): the same
 * member order, the same escapes, the same pretty layout, so readers and
 * the stored decisions of older versions see one format. One deviation:
 * json-glib writes U+001F raw, which is not JSON; it is escaped here.
 * json-glib still builds the small objects of report.c and reads. */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "intake/contract.h"
#include "parsers/ooxml-sig.h"

/* Deepest nesting the CONTRACT has (message, documents, document,
 * signatures, signature, signer) with room to spare. */
#define JW_MAXDEPTH	16

/* A streaming JSON writer: to fp, or else to gs, or else to buf (sized
 * by a counting pass), or else only counting the bytes it would write. */
struct jw {
	FILE	*fp;
	GString	*gs;
	char	*buf;
	size_t	 len;			/* bytes written */
	bool	 pretty;
	const char *apart;		/* each document's rows: this marker */
	bool	 named;			/* a member name awaits its value */
	int	 depth;
	bool	 nonempty[JW_MAXDEPTH];
	bool	 object[JW_MAXDEPTH];
	size_t	 held;			/* bytes of out not yet in fp */
	char	 out[16384];
};

/* A writer into gs, out[] left as it is: a row's writer is made for
 * each row of a long list, and zeroing 16 KiB for each cost more than
 * the row. */
#define JW_GS(w, to) do {						\
	memset((w), 0, offsetof(struct jw, out));			\
	(w)->gs = (to);							\
} while (0)

static inline void jw_put(struct jw *, const char *, size_t)
		    __attribute__((always_inline));
static void	jw_puts(struct jw *, const char *);
static void	jw_flush(struct jw *);
static void	jw_indent(struct jw *, int);
static void	jw_escaped(struct jw *, const char *);
static void	jw_value(struct jw *);
static void	jw_begin(struct jw *, bool);
static void	jw_end(struct jw *);
static void	jw_name(struct jw *, const char *);
static void	jw_string(struct jw *, const char *, const char *);
static void	jw_int(struct jw *, const char *, int64_t);
static void	jw_bool(struct jw *, const char *, bool);
static void	jw_raw(struct jw *, const char *, const char *, size_t);
static const char *json_skip(const char *);
static int	row_join(struct jw *, const char *,
		    const struct contract_row_parts *, bool);
static bool	phone_raw_implied(const char *, const char *);
static void	add_findings(struct jw *, const char *,
		    const struct findings *);
static void	build_row(struct jw *, const struct form_row *);
static void	build_document(struct jw *, const struct document *);
static void	build_signer(struct jw *, const struct sig_signer *);
static void	build_signature(struct jw *, enum sig_status,
		    const struct sig_result *, bool);
static void	signature_members(struct jw *, const struct doc_signature *);
static void	build_message(struct jw *, const struct mail *,
		    const struct decision *);
static char	*message_string(const struct mail *, const struct decision *,
		    bool, const char *);

/* Inlined: a long list's JSON is millions of writes of a few bytes. */
static inline void
jw_put(struct jw *w, const char *s, size_t n)
{
	/* A file gets whole blocks: a call to stdio for every few bytes
	 * of a long list cost more than writing the JSON. */
	if (w->fp != NULL) {
		if (w->held + n > sizeof(w->out))
			jw_flush(w);
		if (n >= sizeof(w->out))
			fwrite(s, 1, n, w->fp);
		else {
			memcpy(w->out + w->held, s, n);
			w->held += n;
		}
	} else if (w->gs != NULL)
		g_string_append_len(w->gs, s, (gssize)n);
	else if (w->buf != NULL)
		memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
jw_flush(struct jw *w)
{
	if (w->fp != NULL && w->held > 0)
		fwrite(w->out, 1, w->held, w->fp);
	w->held = 0;
}

static void
jw_puts(struct jw *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

static void
jw_indent(struct jw *w, int level)
{
	static const char spaces[] = "                                ";

	for (int n = 2 * level; n > 0; n -= (int)sizeof(spaces) - 1)
		jw_put(w, spaces, (size_t)MIN(n, (int)sizeof(spaces) - 1));
}

/* A JSON string: quotes, backslashes and control characters escaped as
 * json-glib does (short forms where JSON has them, else \u00xx), every
 * other byte as it is (the text is UTF-8 already). Runs of plain bytes
 * go out in one write. */
static void
jw_escaped(struct jw *w, const char *s)
{
	/* The bytes that go out as they are: one look-up a byte. */
	static const unsigned char plain[256] = {
		[0x20 ... '"' - 1] = 1, ['"' + 1 ... '\\' - 1] = 1,
		['\\' + 1 ... 0x7e] = 1, [0x80 ... 0xff] = 1
	};
	const unsigned char	*p = (const unsigned char *)s, *run = p;
	char			 esc[8];
	size_t			 n;

	/* Most strings (names, digits, codes) need no escape: quoted and
	 * copied in one go while the file's block has room. */
	while (plain[*p])
		p++;
	n = (size_t)(p - run);
	if (*p == '\0' && w->fp != NULL && w->held + n + 2 <= sizeof(w->out)) {
		w->out[w->held] = '"';
		memcpy(w->out + w->held + 1, s, n);
		w->out[w->held + n + 1] = '"';
		w->held += n + 2;
		w->len += n + 2;
		return;
	}
	p = run;
	jw_put(w, "\"", 1);
	for (;; p++) {
		const char *e = NULL;

		while (plain[*p])
			p++;
		if (*p == '\0')
			break;
		if (*p == '"')
			e = "\\\"";
		else if (*p == '\\')
			e = "\\\\";
		else if (*p == '\b')
			e = "\\b";
		else if (*p == '\f')
			e = "\\f";
		else if (*p == '\n')
			e = "\\n";
		else if (*p == '\r')
			e = "\\r";
		else if (*p == '\t')
			e = "\\t";
		else {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			e = esc;
		}
		jw_put(w, (const char *)run, (size_t)(p - run));
		jw_puts(w, e);
		run = p + 1;
	}
	jw_put(w, (const char *)run, (size_t)(p - run));
	jw_put(w, "\"", 1);
}

/* What comes before a value or a member: its comma and indentation. */
static void
jw_value(struct jw *w)
{
	if (w->named) {
		w->named = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->nonempty[w->depth])
		jw_put(w, ",", 1);
	if (w->pretty) {
		jw_put(w, "\n", 1);
		jw_indent(w, w->depth);
	}
	w->nonempty[w->depth] = true;
}

static void
jw_begin(struct jw *w, bool object)
{
	jw_value(w);
	jw_put(w, object ? "{" : "[", 1);
	if (w->depth + 1 >= JW_MAXDEPTH)
		abort();	/* the shapes below are fixed: a bug */
	w->depth++;
	w->nonempty[w->depth] = false;
	w->object[w->depth] = object;
}

/* json-glib's pretty layout: an empty array is "[]", an empty object
 * "{" and two spaces a level "}". */
static void
jw_end(struct jw *w)
{
	bool object = w->object[w->depth];

	if (w->pretty && w->nonempty[w->depth]) {
		jw_put(w, "\n", 1);
		jw_indent(w, w->depth - 1);
	} else if (w->pretty && object)
		jw_indent(w, w->depth - 1);
	jw_put(w, object ? "}" : "]", 1);
	w->depth--;
}

static void
jw_name(struct jw *w, const char *name)
{
	jw_value(w);
	jw_escaped(w, name);
	jw_puts(w, w->pretty ? " : " : ":");
	w->named = true;
}

/* A member (name not NULL) or an element: the string, or null. */
static void
jw_string(struct jw *w, const char *name, const char *value)
{
	if (name != NULL)
		jw_name(w, name);
	jw_value(w);
	if (value != NULL)
		jw_escaped(w, value);
	else
		jw_puts(w, "null");
}

static void
jw_int(struct jw *w, const char *name, int64_t v)
{
	char		 buf[24], *p = buf + sizeof(buf);
	uint64_t	 u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	jw_name(w, name);
	jw_value(w);
	/* By hand: snprintf for every row's index showed in the profile. */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	jw_put(w, p, (size_t)(buf + sizeof(buf) - p));
}

static void
jw_bool(struct jw *w, const char *name, bool v)
{
	jw_name(w, name);
	jw_value(w);
	jw_puts(w, v ? "true" : "false");
}

/* A member (name not NULL) or an element whose value is JSON text
 * already (len bytes of it). */
static void
jw_raw(struct jw *w, const char *name, const char *text, size_t len)
{
	if (name != NULL)
		jw_name(w, name);
	jw_value(w);
	jw_put(w, text, len);
}

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
add_findings(struct jw *w, const char *name, const struct findings *f)
{
	jw_name(w, name);
	jw_begin(w, false);
	for (size_t i = 0; i < f->n; i++) {
		jw_begin(w, true);
		jw_string(w, "code", code_name(f->v[i].code));
		jw_string(w, "detail", f->v[i].detail);
		jw_end(w);
	}
	jw_end(w);
}

static void
build_row(struct jw *w, const struct form_row *r)
{
	static const char *const names[] = { "phone", "phone_raw", "iccid",
	    "name", "position", "carrier", "device_serial", "device_type" };
	const char	*vals[] = { r->phone, r->phone_raw, r->iccid, r->name,
			    r->position, r->carrier, r->device_serial,
			    r->device_type };

	jw_begin(w, true);
	jw_int(w, "index", r->index);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		jw_string(w, names[i], vals[i]);
	add_findings(w, "errors", &r->errors);
	add_findings(w, "warnings", &r->warnings);
	jw_end(w);
}

static void
build_signer(struct jw *w, const struct sig_signer *sg)
{
	static const char *const names[] = { "cn", "o", "ou", "email",
	    "serial", "issuer_cn", "not_before", "not_after" };

	if (sg == NULL) {
		jw_string(w, "signer", NULL);
		return;
	}
	{
		const char *vals[] = { sg->cn, sg->o, sg->ou, sg->email,
		    sg->serial, sg->issuer_cn, sg->not_before, sg->not_after };

		jw_name(w, "signer");
		jw_begin(w, true);
		for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
			jw_string(w, names[i], vals[i]);
		jw_end(w);
	}
}

/* One signature object; status is given (the summary or its own). */
static void
build_signature(struct jw *w, enum sig_status status,
    const struct sig_result *r, bool details)
{
	jw_begin(w, true);
	jw_string(w, "status", sig_status_name(status));
	build_signer(w, r ? r->signer : NULL);
	jw_string(w, "signed_at", r ? r->signed_at : NULL);
	jw_bool(w, "covers_all_parts", r != NULL && r->covers_all_parts);
	if (details && r != NULL) {
		jw_string(w, "part", r->part);
		jw_string(w, "reason", r->reason);
		jw_name(w, "uncovered");
		jw_begin(w, false);
		for (size_t i = 0; i < r->nuncovered; i++)
			jw_string(w, NULL, r->uncovered[i]);
		jw_end(w);
	}
	jw_end(w);
}

/* The "signature" summary and the "signatures" array, as members of the
 * object being written (documents, `hotrocks verify`). */
static void
signature_members(struct jw *w, const struct doc_signature *s)
{
	const struct sig_result *first = s->nresults ? &s->results[0] : NULL;
	bool all = s->nresults > 0;

	/* The summary: the first signature's signer and time, the weakest
	 * status of all; covers_all_parts only when every one does. */
	jw_name(w, "signature");
	jw_begin(w, true);
	jw_string(w, "status", sig_status_name(s->status));
	build_signer(w, first ? first->signer : NULL);
	jw_string(w, "signed_at", first ? first->signed_at : NULL);
	for (size_t i = 0; i < s->nresults; i++)
		all = all && s->results[i].covers_all_parts;
	jw_bool(w, "covers_all_parts", all);
	jw_end(w);
	jw_name(w, "signatures");
	jw_begin(w, false);
	for (size_t i = 0; i < s->nresults; i++)
		build_signature(w, s->results[i].status, &s->results[i], true);
	jw_end(w);
}

static void
build_document(struct jw *w, const struct document *d)
{
	const struct form *f = d->form;

	jw_begin(w, true);
	jw_string(w, "filename", d->filename);
	jw_string(w, "format", contract_format_name(d->format));
	jw_string(w, "sha256", d->too_large ? NULL : d->sha256);
	jw_string(w, "kind", kind_name(d->kind));
	jw_string(w, "organization", f ? f->organization : NULL);
	jw_string(w, "addressee", f ? f->addressee : NULL);

	signature_members(w, &d->signature);

	jw_name(w, "fields");
	jw_begin(w, true);
	jw_string(w, "coordinator_name", f ? f->coordinator_name : NULL);
	jw_string(w, "coordinator_phone", f ? f->coordinator_phone : NULL);
	jw_string(w, "coordinator_email", f ? f->coordinator_email : NULL);
	jw_end(w);

	if (w->apart != NULL)
		jw_string(w, "rows", w->apart);
	else {
		jw_name(w, "rows");
		jw_begin(w, false);
		if (f != NULL) {
			struct form_cursor	 cur;
			const struct form_row	*r;

			form_cursor_init(&cur, f);
			while ((r = form_cursor_next(&cur)) != NULL)
				build_row(w, r);
			form_cursor_deinit(&cur);
		}
		jw_end(w);
	}

	{
		struct findings errors = { 0 }, warnings = { 0 };

		/* The recogniser's document findings, then ours. */
		if (f != NULL) {
			findings_extend(&errors, &f->errors);
			findings_extend(&warnings, &f->warnings);
		}
		findings_extend(&errors, &d->errors);
		findings_extend(&warnings, &d->warnings);
		add_findings(w, "errors", &errors);
		add_findings(w, "warnings", &warnings);
		findings_deinit(&errors);
		findings_deinit(&warnings);
	}
	jw_end(w);
}

static void
build_message(struct jw *w, const struct mail *m, const struct decision *dec)
{
	jw_begin(w, true);
	jw_int(w, "contract", CONTRACT_VERSION);
	jw_string(w, "message_id", m->message_id);
	jw_string(w, "from", m->from_addr);
	jw_string(w, "subject", m->subject);
	jw_string(w, "kind", kind_name(dec->kind));
	jw_string(w, "action", action_name(dec->action));
	add_findings(w, "errors", &dec->errors);
	add_findings(w, "warnings", &dec->warnings);
	jw_name(w, "documents");
	jw_begin(w, false);
	for (size_t i = 0; i < dec->ndocs; i++)
		build_document(w, &dec->docs[i]);
	jw_end(w);
	jw_end(w);
}

void
contract_write(FILE *fp, const struct mail *m, const struct decision *dec,
    bool pretty)
{
	struct jw w = { .fp = fp, .pretty = pretty };

	build_message(&w, m, dec);
	jw_flush(&w);
}

/* Counted first, so the string is allocated once at its size: a GString
 * rounds up to a power of two, and a 70 MB decision took 128 MB. */
static char *
message_string(const struct mail *m, const struct decision *dec,
    bool pretty, const char *apart)
{
	struct jw count = { .pretty = pretty, .apart = apart };
	struct jw w = { .pretty = pretty, .apart = apart };

	build_message(&count, m, dec);
	w.buf = g_malloc(count.len + 1);
	build_message(&w, m, dec);
	w.buf[w.len] = '\0';
	return (w.buf);
}

char *
contract_json(const struct mail *m, const struct decision *dec, bool pretty)
{
	return (message_string(m, dec, pretty, NULL));
}

char *
contract_json_apart(const struct mail *m, const struct decision *dec,
    const char *mark)
{
	return (message_string(m, dec, false, mark));
}

/* What phone_raw says when it says nothing phone does not: null beside
 * a null phone, the national form 0… of a phone 84…. */
static bool
phone_raw_implied(const char *phone, const char *raw)
{
	if (phone == NULL || raw == NULL)
		return (phone == NULL && raw == NULL);
	return (strncmp(phone, "84", 2) == 0 && raw[0] == '0' &&
	    strcmp(raw + 1, phone + 2) == 0);
}

/* The members of a row that case_rows has no column for, in the order
 * build_row writes them; each left out when it is the default. */
void
contract_row_rest(GString *out, const struct form_row *r)
{
	struct jw	 w;
	bool		 raw, type, errs, warns;

	JW_GS(&w, out);
	g_string_truncate(out, 0);
	raw = !phone_raw_implied(r->phone, r->phone_raw);
	type = r->device_type != NULL;
	errs = r->errors.n > 0;
	warns = r->warnings.n > 0;
	if (!raw && !type && !errs && !warns)
		return;
	jw_begin(&w, true);
	if (raw)
		jw_string(&w, "phone_raw", r->phone_raw);
	if (type)
		jw_string(&w, "device_type", r->device_type);
	if (errs)
		add_findings(&w, "errors", &r->errors);
	if (warns)
		add_findings(&w, "warnings", &r->warnings);
	jw_end(&w);
}

/* Brackets one value in a row's rest may nest: findings are two deep. */
#define REST_MAXDEPTH	8

/* Past one JSON value at p, or NULL when there is none: enough of JSON
 * to take apart what contract_row_rest wrote, brackets matched. */
static const char *
json_skip(const char *p)
{
	char	 close[REST_MAXDEPTH];
	int	 depth = 0;

	do {
		if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0')
					return (NULL);
				if (*p == '\\' && *++p == '\0')
					return (NULL);
			}
			p++;
		} else if (*p == '[' || *p == '{') {
			if (depth == REST_MAXDEPTH)
				return (NULL);
			close[depth++] = *p == '[' ? ']' : '}';
			p++;
			if (*p != close[depth - 1])
				continue;
		} else if (strncmp(p, "null", 4) == 0 ||
		    strncmp(p, "true", 4) == 0)
			p += 4;
		else if (strncmp(p, "false", 5) == 0)
			p += 5;
		else if (*p == '-' || g_ascii_isdigit(*p)) {
			while (*p == '-' || *p == '+' || *p == '.' ||
			    *p == 'e' || *p == 'E' || g_ascii_isdigit(*p))
				p++;
		} else
			return (NULL);
		/* what may follow a value: closing brackets, a separator */
		while (depth > 0 && *p == close[depth - 1]) {
			depth--;
			p++;
		}
		if (depth > 0 && *p != ',' && *p != ':')
			return (NULL);
		if (depth > 0)
			p++;
	} while (depth > 0);
	return (p);
}

int
contract_row_join(GString *out, const struct contract_row_parts *r)
{
	struct jw	 w;

	JW_GS(&w, out);
	return (row_join(&w, NULL, r, false));
}

/* The row's object as contract_json wrote it, as a member (name) or an
 * element; left open for more members when open. Nothing is written
 * before the rest is known to be ours. */
static int
row_join(struct jw *w, const char *name, const struct contract_row_parts *r,
    bool open)
{
	static const char *const names[] = { "phone_raw", "device_type",
	    "errors", "warnings" };
	const char	*val[G_N_ELEMENTS(names)] = { NULL };
	size_t		 len[G_N_ELEMENTS(names)] = { 0 };
	const char	*p = r->rest != NULL ? r->rest : "";
	size_t		 k = 0;

	/* the rest: {"name":value,…}, names in order, each at most once */
	if (*p != '\0') {
		if (*p++ != '{')
			return (-1);
		while (*p != '}') {
			const char *v, *end;

			if (k > 0 && *p++ != ',')
				return (-1);
			while (k < G_N_ELEMENTS(names) && (*p != '"' ||
			    strncmp(p + 1, names[k], strlen(names[k])) != 0 ||
			    strncmp(p + 1 + strlen(names[k]), "\":", 2) != 0))
				k++;
			if (k == G_N_ELEMENTS(names))
				return (-1);
			v = p + strlen(names[k]) + 3;
			if ((end = json_skip(v)) == NULL)
				return (-1);
			if ((k >= 2) != (*v == '['))
				return (-1);
			val[k] = v;
			len[k] = (size_t)(end - v);
			p = end;
			k++;
		}
		if (p[1] != '\0')
			return (-1);
	}
	if (val[0] == NULL && r->phone != NULL &&
	    strncmp(r->phone, "84", 2) != 0)
		return (-1);	/* no phone_raw was implied */
	if (name != NULL)
		jw_name(w, name);
	jw_begin(w, true);
	jw_int(w, "index", r->index);
	jw_string(w, "phone", r->phone);
	if (val[0] != NULL)
		jw_raw(w, "phone_raw", val[0], len[0]);
	else if (r->phone != NULL) {
		char *raw = g_strconcat("0", r->phone + 2, NULL);

		jw_string(w, "phone_raw", raw);
		g_free(raw);
	} else
		jw_string(w, "phone_raw", NULL);
	jw_string(w, "iccid", r->iccid);
	jw_string(w, "name", r->name);
	jw_string(w, "position", r->position);
	jw_string(w, "carrier", r->carrier);
	jw_string(w, "device_serial", r->device_serial);
	if (val[1] != NULL)
		jw_raw(w, "device_type", val[1], len[1]);
	else
		jw_string(w, "device_type", NULL);
	for (size_t i = 2; i < G_N_ELEMENTS(names); i++) {
		if (val[i] != NULL)
			jw_raw(w, names[i], val[i], len[i]);
		else
			jw_raw(w, names[i], "[]", 2);
	}
	if (!open)
		jw_end(w);
	return (0);
}

char *
contract_document_json(const struct document *d)
{
	struct jw w = { .gs = g_string_new(NULL) };

	build_document(&w, d);
	return (g_string_free(w.gs, FALSE));
}

char *
contract_row_json(const struct form_row *r)
{
	struct jw w = { .gs = g_string_new(NULL) };

	build_row(&w, r);
	return (g_string_free(w.gs, FALSE));
}

char *
contract_verdict_json(const char *file, enum format fmt,
    const struct doc_signature *s)
{
	struct jw w = { .gs = g_string_new(NULL) };

	jw_begin(&w, true);
	jw_string(&w, "file", file);
	jw_string(&w, "format", format_name(fmt));
	signature_members(&w, s);
	jw_end(&w);
	return (g_string_free(w.gs, FALSE));
}

char *
contract_verdict_error_json(const char *file, const char *format,
    const char *error)
{
	struct jw w = { .gs = g_string_new(NULL) };

	jw_begin(&w, true);
	jw_string(&w, "file", file);
	jw_string(&w, "format", format);
	jw_string(&w, "signature", NULL);
	jw_string(&w, "error", error);
	jw_end(&w);
	return (g_string_free(w.gs, FALSE));
}

char **
contract_rows(const char *json, size_t *n_r)
{
	JsonParser	*p = json_parser_new();
	JsonNode	*root;
	JsonArray	*docs;
	GPtrArray	*v;

	*n_r = 0;
	if (json == NULL || !json_parser_load_from_data(p, json, -1, NULL) ||
	    (root = json_parser_get_root(p)) == NULL ||
	    !JSON_NODE_HOLDS_OBJECT(root) ||
	    !json_object_has_member(json_node_get_object(root), "documents") ||
	    !JSON_NODE_HOLDS_ARRAY(json_object_get_member(
	    json_node_get_object(root), "documents"))) {
		g_object_unref(p);
		return (NULL);
	}
	docs = json_object_get_array_member(json_node_get_object(root),
	    "documents");
	v = g_ptr_array_new();
	for (guint i = 0; i < json_array_get_length(docs); i++) {
		JsonNode	*d = json_array_get_element(docs, i);
		JsonNode	*rows;

		if (!JSON_NODE_HOLDS_OBJECT(d) ||
		    (rows = json_object_get_member(json_node_get_object(d),
		    "rows")) == NULL || !JSON_NODE_HOLDS_ARRAY(rows))
			continue;
		for (guint k = 0; k < json_array_get_length(
		    json_node_get_array(rows)); k++)
			g_ptr_array_add(v, json_to_string(
			    json_array_get_element(json_node_get_array(rows), k),
			    FALSE));
	}
	g_object_unref(p);
	*n_r = v->len;
	g_ptr_array_add(v, NULL);
	return ((char **)g_ptr_array_free(v, FALSE));
}

struct jw *
contract_jw_new(FILE *fp)
{
	struct jw *w = g_new0(struct jw, 1);

	w->fp = fp;
	return (w);
}

void
contract_jw_free(struct jw *w)
{
	if (w == NULL)
		return;
	jw_flush(w);
	g_free(w);
}

void
contract_jw_begin(struct jw *w, const char *name, bool object)
{
	if (name != NULL)
		jw_name(w, name);
	jw_begin(w, object);
}

void
contract_jw_end(struct jw *w)
{
	jw_end(w);
}

void
contract_jw_string(struct jw *w, const char *name, const char *value)
{
	jw_string(w, name, value);
}

void
contract_jw_int(struct jw *w, const char *name, int64_t v)
{
	char	 buf[24];

	if (name != NULL)
		jw_name(w, name);
	jw_value(w);
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	jw_puts(w, buf);
}

void
contract_jw_raw(struct jw *w, const char *name, const char *text, size_t len)
{
	jw_raw(w, name, text, len);
}

void
contract_jw_put(struct jw *w, const char *text, size_t len)
{
	jw_put(w, text, len);
}

int
contract_jw_row(struct jw *w, const char *name,
    const struct contract_row_parts *r, bool open)
{
	return (row_join(w, name, r, open));
}
