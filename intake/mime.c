/* mime.c: one raw message to a struct mail through GMime: decoded headers,
 * every attached file (also inside forwarded messages), the text body and
 * whether a machine sent it. GObjects never leave this file; the walk is
 * an explicit stack, so no input can make it recurse. */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "intake/mime.h"
#include "lib/text.h"
#include "parsers/rfc2047.h"
#include "parsers/sniff.h"

#define DEFAULT_MAX_ATTACHMENT	((size_t)25 << 20)
#define DEFAULT_MAX_DEPTH	32
#define DEFAULT_MAX_PARTS	1000
#define DEFAULT_MAX_BODY_TEXT	((size_t)256 << 10)
#define DEFAULT_MAX_BODY_HTML	((size_t)2 << 20)
/* Bytes of an octet-stream part looked at to tell whether it is a message. */
#define EML_SNIFF_SPAN		4096

/* One object still to visit: its nesting (multipart and message levels)
 * and its depth (message/rfc822 levels only). */
struct frame {
	GMimeObject	*obj;
	size_t		 nest;
	int		 depth;
};

struct walk {
	struct mime_limits	 lim;
	GMimeParserOptions	*opts;
	struct mail		*m;
	GArray			*stack;		/* struct frame */
	GPtrArray		*owned;		/* messages parsed from .eml */
	size_t			 nparts;
	size_t			 attcap;
	GMimePart		*plain;		/* first text/plain body */
	GMimePart		*html;		/* first text/html body */
	bool			 dsn_part;	/* delivery-status at depth 0 */
};

static GMimeParserOptions *options_new(void);
static GMimeMessage	*message_parse(const unsigned char *, size_t,
			    GMimeParserOptions *);
static void		 read_headers(struct mail *, GMimeMessage *);
static void		 read_from(struct mail *, GMimeMessage *);
static char		*header_clean(GMimeMessage *, const char *);
static void		 walk(struct walk *, GMimeObject *);
static void		 walk_push(struct walk *, GMimeObject *, size_t, int);
static void		 walk_leaf(struct walk *, GMimePart *,
			    const struct frame *);
static bool		 walk_message_bytes(struct walk *,
			    const unsigned char *, size_t, const struct frame *);
static void		 add_attachment(struct walk *, char *, char *,
			    unsigned char *, size_t, bool, int);
static unsigned char	*part_bytes(GMimePart *, size_t, size_t *, bool *);
static bool		 type_in(const char *, const char *const *);
static bool		 looks_like_message(const unsigned char *, size_t);
static char		*body_html(GMimePart *, const struct mime_limits *);
static char		*body_text(GMimePart *, bool,
			    const struct mime_limits *);
static char		*to_utf8(const char *, size_t, const char *);
static char		*html_strip(const char *);
static const char	*html_entity(const char *, GString *);
static void		 classify(struct mail *, GMimeMessage *,
			    const struct walk *);
static char		*bounce_why(const struct mail *, GMimeMessage *,
			    const struct walk *);
static char		*auto_reply_why(const struct mail *, GMimeMessage *);
static bool		 key_starts(const char *, const char *const *,
			    const char **);

/* Declared types that are documents even without a file name. */
static const char *const document_types[] = {
	"application/msword",
	"application/vnd.ms-excel",
	"application/pdf",
	"application/zip",
	"application/x-zip-compressed",
	NULL
};

/* Detached signatures: never a document someone attached. */
static const char *const signature_types[] = {
	"application/pkcs7-signature",
	"application/x-pkcs7-signature",
	"application/pgp-signature",
	NULL
};

/* Message types GMime parses as message/rfc822 when it can. */
static const char *const message_types[] = {
	"message/rfc822",
	"message/rfc2822",
	"message/global",
	"message/news",
	NULL
};

/* The machine-readable parts of a delivery or disposition report. */
static const char *const report_types[] = {
	"message/delivery-status",
	"message/global-delivery-status",
	"message/disposition-notification",
	"message/global-disposition-notification",
	"text/rfc822-headers",
	"message/global-headers",
	NULL
};

void
mime_init(void)
{
	static gsize	once;

	if (g_once_init_enter(&once)) {
		g_mime_init();
		g_once_init_leave(&once, 1);
	}
}

char *
mime_to_name(const char *raw)
{
	GMimeStream		*st;
	GMimeParser		*p;
	GMimeMessage		*m;
	InternetAddressList	*to;
	const char		*end, *name = NULL;
	char			*r = NULL;

	if (raw == NULL)
		return (NULL);
	mime_init();
	/* the header alone: a letter's attachments are megabytes */
	if ((end = strstr(raw, "\r\n\r\n")) != NULL)
		end += 4;
	else if ((end = strstr(raw, "\n\n")) != NULL)
		end += 2;
	else
		end = raw + strlen(raw);
	st = g_mime_stream_mem_new_with_buffer(raw, (size_t)(end - raw));
	p = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(p, NULL);
	if (m != NULL && (to = g_mime_message_get_to(m)) != NULL &&
	    internet_address_list_length(to) > 0)
		name = internet_address_get_name(
		    internet_address_list_get_address(to, 0));
	if (name != NULL && (r = text_clean(name)) != NULL &&
	    *g_strstrip(r) == '\0') {
		g_free(r);
		r = NULL;
	}
	if (m != NULL)
		g_object_unref(m);
	g_object_unref(p);
	g_object_unref(st);
	return (r);
}

int
mime_parse(const unsigned char *raw, size_t len,
    const struct mime_limits *lim, struct mail **mail_r, const char **why_r)
{
	struct walk	 w;
	GMimeMessage	*msg;
	struct mail	*m;

	*mail_r = NULL;
	memset(&w, 0, sizeof(w));
	if (lim != NULL)
		w.lim = *lim;
	if (w.lim.max_attachment == 0)
		w.lim.max_attachment = DEFAULT_MAX_ATTACHMENT;
	if (w.lim.max_depth == 0)
		w.lim.max_depth = DEFAULT_MAX_DEPTH;
	if (w.lim.max_parts == 0)
		w.lim.max_parts = DEFAULT_MAX_PARTS;
	if (w.lim.max_body_text == 0)
		w.lim.max_body_text = DEFAULT_MAX_BODY_TEXT;
	if (w.lim.max_body_html == 0)
		w.lim.max_body_html = DEFAULT_MAX_BODY_HTML;

	mime_init();
	w.opts = options_new();
	if ((msg = message_parse(raw, len, w.opts)) == NULL) {
		g_mime_parser_options_free(w.opts);
		*why_r = "not a MIME message";
		return (-1);
	}
	m = w.m = g_new0(struct mail, 1);
	w.stack = g_array_new(FALSE, FALSE, sizeof(struct frame));
	w.owned = g_ptr_array_new_with_free_func(g_object_unref);

	read_headers(m, msg);
	walk(&w, g_mime_message_get_mime_part(msg));
	if (w.plain != NULL)
		m->body_text = body_text(w.plain, false, &w.lim);
	else if (w.html != NULL)
		m->body_text = body_text(w.html, true, &w.lim);
	else
		m->body_text = g_strdup("");
	if (w.html != NULL)
		m->body_html = body_html(w.html, &w.lim);
	classify(m, msg, &w);

	g_array_free(w.stack, TRUE);
	g_ptr_array_free(w.owned, TRUE);
	g_object_unref(msg);
	g_mime_parser_options_free(w.opts);
	*mail_r = m;
	return (0);
}

void
mime_free(struct mail *m)
{
	if (m == NULL)
		return;
	g_free(m->message_id);
	g_free(m->from_addr);
	g_free(m->from_name);
	g_free(m->subject);
	g_free(m->date);
	g_free(m->in_reply_to);
	g_free(m->references);
	g_free(m->machine_why);
	g_free(m->body_text);
	g_free(m->body_html);
	for (size_t i = 0; i < m->natt; i++) {
		g_free(m->att[i].filename);
		g_free(m->att[i].content_type);
		g_free(m->att[i].data);
	}
	g_free(m->att);
	g_free(m);
}

/*
 * Raw 8-bit header text is tried as UTF-8, then as Vietnamese Windows,
 * then as Western Windows: the order in which senders here get it wrong.
 */
static GMimeParserOptions *
options_new(void)
{
	static const char	*charsets[] = { "utf-8", "windows-1258",
	    "windows-1252", NULL };
	GMimeParserOptions	*o;

	o = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(o, charsets);
	g_mime_parser_options_set_rfc2047_compliance_mode(o,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(o,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(o,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	return (o);
}

/* The stream holds its own copy of the bytes; parts refer into it. */
static GMimeMessage *
message_parse(const unsigned char *raw, size_t len, GMimeParserOptions *o)
{
	GMimeStream	*stream;
	GMimeParser	*parser;
	GMimeMessage	*msg;

	stream = g_mime_stream_mem_new_with_buffer(raw != NULL ?
	    (const char *)raw : "", raw != NULL ? len : 0);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, o);
	g_object_unref(parser);
	g_object_unref(stream);
	return (msg);
}

/* The unfolded raw value of a header, or NULL. */
static const char *
raw_header(GMimeObject *obj, const char *name)
{
	GMimeHeaderList	*hl = g_mime_object_get_header_list(obj);
	GMimeHeader	*h;

	if (hl == NULL || (h = g_mime_header_list_get_header(hl, name)) ==
	    NULL)
		return (NULL);
	return (g_mime_header_get_raw_value(h));
}

/*
 * A header's text, cleaned. GMime 3.2.13 cuts a header after a padded
 * B-word (see parsers/rfc2047.h), so where encoded-words appear our own
 * decoder reads the raw value instead.
 */
static char *
decoded_header(GMimeObject *obj, const char *name, const char *gmime)
{
	char *d = rfc2047_decode(raw_header(obj, name));
	char *r = text_clean(d != NULL ? d : gmime);

	g_free(d);
	return (r);
}

/* The value of parameter param (not param*) in a raw structured header,
 * unquoted; NULL when absent. */
static char *
raw_param(const char *raw, const char *param)
{
	size_t		 n = strlen(param);
	const char	*p = raw;
	GString		*v;

	while (p != NULL && (p = strchr(p, ';')) != NULL) {
		p++;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (g_ascii_strncasecmp(p, param, n) != 0)
			continue;
		p += n;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		v = g_string_new(NULL);
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				g_string_append_c(v, *p);
			}
		} else
			for (; *p != '\0' && *p != ';'; p++)
				g_string_append_c(v, *p);
		return (g_string_free(v, FALSE));
	}
	return (NULL);
}

/* The part's file name; encoded-words in a plain filename= or name= are
 * decoded by our own decoder (the GMime bug again). */
static char *
part_filename(GMimeObject *obj, GMimePart *part)
{
	static const char *const where[][2] = {
		{ "Content-Disposition", "filename" },
		{ "Content-Type", "name" },
	};
	const char	*cd = raw_header(obj, "Content-Disposition");
	char		*r = NULL;

	/* RFC 2231 names are GMime's to read, and read right. */
	if (cd != NULL && strstr(cd, "filename*") != NULL)
		return (text_clean(g_mime_part_get_filename(part)));
	for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
		char	*v = raw_param(raw_header(obj, where[i][0]),
			    where[i][1]);
		char	*d = rfc2047_decode(v);
		bool	 present = v != NULL;

		if (d != NULL)
			r = text_clean(d);
		g_free(d);
		g_free(v);
		if (present)
			break;
	}
	if (r == NULL)
		r = text_clean(g_mime_part_get_filename(part));
	return (r);
}

static void
read_headers(struct mail *m, GMimeMessage *msg)
{
	const char	*s;
	GDateTime	*dt, *utc;

	if ((s = g_mime_message_get_message_id(msg)) != NULL && *s != '\0')
		m->message_id = g_strdup_printf("<%s>", s);
	read_from(m, msg);
	m->subject = decoded_header(GMIME_OBJECT(msg), "Subject",
	    g_mime_message_get_subject(msg));
	if (m->subject == NULL)
		m->subject = g_strdup("");
	if ((dt = g_mime_message_get_date(msg)) != NULL) {
		utc = g_date_time_to_utc(dt);
		if (utc != NULL) {
			m->date = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
			g_date_time_unref(utc);
		}
	}
	m->in_reply_to = header_clean(msg, "In-Reply-To");
	m->references = header_clean(msg, "References");
}

/* The first mailbox of From, looking one level into a group. */
static void
read_from(struct mail *m, GMimeMessage *msg)
{
	InternetAddressList	*list, *members;
	InternetAddress		*ia = NULL, *cand;
	const char		*addr, *name;
	char			*valid;
	int			 n;

	if ((list = g_mime_message_get_from(msg)) == NULL)
		return;
	n = internet_address_list_length(list);
	for (int i = 0; i < n && ia == NULL; i++) {
		cand = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(cand)) {
			ia = cand;
			break;
		}
		if (!INTERNET_ADDRESS_IS_GROUP(cand))
			continue;
		members = internet_address_group_get_members(
		    INTERNET_ADDRESS_GROUP(cand));
		for (int j = 0; members != NULL &&
		    j < internet_address_list_length(members); j++) {
			cand = internet_address_list_get_address(members, j);
			if (INTERNET_ADDRESS_IS_MAILBOX(cand)) {
				ia = cand;
				break;
			}
		}
	}
	if (ia == NULL)
		return;
	addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
	if (addr != NULL && *addr != '\0') {
		valid = g_utf8_make_valid(addr, -1);
		m->from_addr = g_utf8_strdown(valid, -1);
		g_free(valid);
	}
	if ((name = internet_address_get_name(ia)) != NULL) {
		m->from_name = text_clean(name);
		if (*m->from_name == '\0') {
			g_free(m->from_name);
			m->from_name = NULL;
		}
	}
}

static char *
header_clean(GMimeMessage *msg, const char *name)
{
	const char	*v;

	v = g_mime_object_get_header(GMIME_OBJECT(msg), name);
	return (v != NULL ? text_clean(v) : NULL);
}

/*
 * Depth first, in document order. Every object popped counts against
 * max_parts, and a multipart pushes no more children than parts remain,
 * so the stack never outgrows the limit.
 */
static void
walk(struct walk *w, GMimeObject *top)
{
	struct frame	 f;
	GMimeMessage	*inner;
	GMimeMultipart	*mp;
	size_t		 n, room;

	walk_push(w, top, 0, 0);
	while (w->stack->len > 0) {
		f = g_array_index(w->stack, struct frame, w->stack->len - 1);
		g_array_set_size(w->stack, w->stack->len - 1);
		if (w->nparts >= w->lim.max_parts) {
			w->m->parts_capped = true;
			break;
		}
		w->nparts++;
		if (GMIME_IS_MESSAGE_PART(f.obj)) {
			inner = g_mime_message_part_get_message(
			    GMIME_MESSAGE_PART(f.obj));
			if (inner != NULL)
				walk_push(w, g_mime_message_get_mime_part(
				    inner), f.nest + 1, f.depth + 1);
		} else if (GMIME_IS_MULTIPART(f.obj)) {
			mp = GMIME_MULTIPART(f.obj);
			n = (size_t)g_mime_multipart_get_count(mp);
			room = w->lim.max_parts - w->nparts;
			if (n > room) {
				n = room;
				w->m->parts_capped = true;
			}
			while (n-- > 0)
				walk_push(w, g_mime_multipart_get_part(mp,
				    (int)n), f.nest + 1, f.depth);
		} else if (GMIME_IS_PART(f.obj))
			walk_leaf(w, GMIME_PART(f.obj), &f);
	}
}

static void
walk_push(struct walk *w, GMimeObject *obj, size_t nest, int depth)
{
	struct frame	f = { obj, nest, depth };

	if (obj == NULL)
		return;
	if (nest > w->lim.max_depth) {
		w->m->nesting_capped = true;
		return;
	}
	g_array_append_val(w->stack, f);
}

/*
 * What a person would call an attached file: a name, an attachment
 * disposition or a document type. Not: text bodies, images shown inline
 * (signature logos carry a Content-ID), detached signatures, report parts.
 */
static void
walk_leaf(struct walk *w, GMimePart *part, const struct frame *f)
{
	GMimeObject		*obj = GMIME_OBJECT(part);
	GMimeContentType	*ct;
	GMimeContentDisposition	*cd;
	const char		*disp = NULL, *cid;
	char			*mime, *name, *tmp;
	unsigned char		*data;
	size_t			 len;
	bool			 d_att, d_inline, too_large;

	ct = g_mime_object_get_content_type(obj);
	tmp = ct != NULL ? g_mime_content_type_get_mime_type(ct) : NULL;
	mime = g_ascii_strdown(tmp != NULL ? tmp : "application/octet-stream",
	    -1);
	g_free(tmp);
	if ((cd = g_mime_object_get_content_disposition(obj)) != NULL)
		disp = g_mime_content_disposition_get_disposition(cd);
	d_att = disp != NULL && g_ascii_strcasecmp(disp, "attachment") == 0;
	d_inline = disp != NULL && g_ascii_strcasecmp(disp, "inline") == 0;
	cid = g_mime_object_get_content_id(obj);
	name = part_filename(obj, part);
	if (name == NULL)
		name = g_strdup("");

	if (type_in(mime, report_types)) {
		if (f->depth == 0 && strstr(mime, "delivery-status") != NULL)
			w->dsn_part = true;
		goto skip;
	}
	if (type_in(mime, signature_types))
		goto skip;
	if (g_str_has_prefix(mime, "image/") &&
	    (d_inline || (cid != NULL && !d_att)))
		goto skip;
	if (g_str_has_prefix(mime, "text/") && *name == '\0' && !d_att) {
		if (strcmp(mime, "text/plain") == 0 && w->plain == NULL)
			w->plain = part;
		else if (strcmp(mime, "text/html") == 0 && w->html == NULL)
			w->html = part;
		goto skip;
	}
	/*
	 * GMime leaves a message/rfc822 part unparsed when it is base64 or
	 * quoted-printable encoded (Outlook does that) or past GMime's own
	 * nesting cap; it is still a forwarded message.
	 */
	if (type_in(mime, message_types)) {
		data = part_bytes(part, w->lim.max_attachment, &len,
		    &too_large);
		if (too_large) {
			add_attachment(w, name, mime, NULL, len, true,
			    f->depth);
			return;
		}
		walk_message_bytes(w, data, len, f);
		g_free(data);
		goto skip;
	}
	if (*name == '\0' && !d_att && !type_in(mime, document_types) &&
	    !g_str_has_prefix(mime, "application/vnd.openxmlformats"))
		goto skip;

	data = part_bytes(part, w->lim.max_attachment, &len, &too_large);
	if (!too_large && strcmp(mime, "application/octet-stream") == 0 &&
	    (*name == '\0' || g_str_has_suffix(name, ".eml") ||
	    g_str_has_suffix(name, ".EML")) &&
	    looks_like_message(data, len) &&
	    sniff_format(data, len) == FORMAT_OTHER &&
	    walk_message_bytes(w, data, len, f)) {
		g_free(data);
		goto skip;
	}
	add_attachment(w, name, mime, data, len, too_large, f->depth);
	return;
skip:
	g_free(name);
	g_free(mime);
}

/* A message held as bytes (an attached .eml, an encoded message/rfc822)
 * is walked like a parsed message/rfc822 part, one level deeper. */
static bool
walk_message_bytes(struct walk *w, const unsigned char *data, size_t len,
    const struct frame *f)
{
	GMimeMessage	*inner;

	if (f->nest + 1 > w->lim.max_depth) {
		w->m->nesting_capped = true;
		return (true);
	}
	if ((inner = message_parse(data, len, w->opts)) == NULL)
		return (false);
	g_ptr_array_add(w->owned, inner);
	walk_push(w, g_mime_message_get_mime_part(inner), f->nest + 1,
	    f->depth + 1);
	return (true);
}

/* Takes name, mime and data. */
static void
add_attachment(struct walk *w, char *name, char *mime, unsigned char *data,
    size_t len, bool too_large, int depth)
{
	struct mail		*m = w->m;
	struct attachment	*a;

	if (m->natt == w->attcap) {
		w->attcap = w->attcap == 0 ? 4 : w->attcap * 2;
		m->att = g_renew(struct attachment, m->att, w->attcap);
	}
	a = &m->att[m->natt++];
	memset(a, 0, sizeof(*a));
	a->filename = name;
	a->content_type = mime;
	a->data = data;
	a->len = len;
	a->too_large = too_large;
	a->format = data != NULL ? sniff_format(data, len) : FORMAT_OTHER;
	a->depth = depth;
}

/*
 * Decoded content (to g_free; never NULL unless too large). Decoding never
 * grows base64, quoted-printable or uuencoded data, so only content whose
 * encoded form is over max is first measured through a null stream.
 */
static unsigned char *
part_bytes(GMimePart *part, size_t max, size_t *len_r, bool *too_large_r)
{
	GMimeDataWrapper	*dw;
	GMimeStream		*s;
	GByteArray		*ba;
	gint64			 enc;
	size_t			 size;

	*len_r = 0;
	*too_large_r = false;
	if ((dw = g_mime_part_get_content(part)) == NULL)
		return (g_malloc0(1));
	s = g_mime_data_wrapper_get_stream(dw);
	enc = s != NULL ? g_mime_stream_length(s) : -1;
	if (enc < 0 || (guint64)enc > max) {
		s = g_mime_stream_null_new();
		g_mime_data_wrapper_write_to_stream(dw, s);
		size = GMIME_STREAM_NULL(s)->written;
		g_object_unref(s);
		if (size > max) {
			*len_r = size;
			*too_large_r = true;
			return (NULL);
		}
	}
	s = g_mime_stream_mem_new();
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(s), FALSE);
	g_mime_data_wrapper_write_to_stream(dw, s);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
	g_object_unref(s);
	*len_r = ba->len;
	if (ba->len > max) {
		g_byte_array_free(ba, TRUE);
		*too_large_r = true;
		return (NULL);
	}
	g_byte_array_append(ba, (const guint8 *)"", 1);
	/* The stream grew it by doubling: a 6 MB workbook held in 8. */
	size = ba->len;
	return (g_realloc(g_byte_array_free(ba, FALSE), size));
}

static bool
type_in(const char *mime, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(mime, *list) == 0)
			return (true);
	return (false);
}

/*
 * A message starts with header fields; at least two of the ones every
 * message has must start a line in its first few KiB.
 */
static bool
looks_like_message(const unsigned char *data, size_t len)
{
	static const char *const names[] = { "from:", "to:", "subject:",
	    "date:", "message-id:", "mime-version:", "received:",
	    "return-path:", "content-type:", NULL };
	const char	*p = (const char *)data, *end, *colon;
	size_t		 span = len < EML_SNIFF_SPAN ? len : EML_SNIFF_SPAN;
	int		 seen = 0;

	end = p + span;
	colon = memchr(p, ':', span);
	if (colon == NULL || colon == p)
		return (false);
	for (const char *q = p; q < colon; q++)
		if (*q <= ' ' || *q > '~')
			return (false);
	while (p < end) {
		for (size_t i = 0; names[i] != NULL; i++) {
			size_t n = strlen(names[i]);

			if ((size_t)(end - p) >= n &&
			    g_ascii_strncasecmp(p, names[i], n) == 0)
				seen++;
		}
		if ((p = memchr(p, '\n', end - p)) == NULL)
			break;
		p++;
	}
	return (seen >= 2);
}

/* The body as UTF-8 NFC with LF line ends, at most max_body_text bytes
 * cut on a character boundary. */
static char *
body_text(GMimePart *part, bool html, const struct mime_limits *lim)
{
	unsigned char	*data;
	size_t		 len;
	bool		 too_large;
	char		*utf8, *nfc, *out;
	const char	*cs;
	GString		*s;

	data = part_bytes(part, lim->max_attachment, &len, &too_large);
	if (data == NULL)
		return (g_strdup(""));
	cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
	    "charset");
	utf8 = to_utf8((const char *)data, len, cs);
	g_free(data);
	if (html) {
		char *stripped = html_strip(utf8);

		g_free(utf8);
		utf8 = stripped;
	}
	nfc = g_utf8_normalize(utf8, -1, G_NORMALIZE_NFC);
	g_free(utf8);
	if (nfc == NULL)
		return (g_strdup(""));
	s = g_string_sized_new(strlen(nfc));
	for (const char *p = nfc; *p != '\0'; p++)
		if (*p != '\r')
			g_string_append_c(s, *p);
	g_free(nfc);
	if (s->len > lim->max_body_text) {
		const char *cut = s->str + lim->max_body_text;

		while (cut > s->str && (*cut & 0xc0) == 0x80)
			cut--;
		g_string_truncate(s, cut - s->str);
	}
	out = g_string_free(s, FALSE);
	return (out);
}

/* The HTML part whole, UTF-8 NFC, or NULL when over max_body_html: a
 * table cut short would read as a shorter list. */
static char *
body_html(GMimePart *part, const struct mime_limits *lim)
{
	unsigned char	*data;
	size_t		 len;
	bool		 too_large;
	char		*utf8, *nfc;

	data = part_bytes(part, lim->max_body_html, &len, &too_large);
	if (data == NULL || too_large) {
		g_free(data);
		return (NULL);
	}
	utf8 = to_utf8((const char *)data, len,
	    g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
	    "charset"));
	g_free(data);
	nfc = g_utf8_normalize(utf8, -1, G_NORMALIZE_NFC);
	g_free(utf8);
	return (nfc);
}

/* The declared charset first, then the fallbacks GMime uses for headers;
 * whatever is left invalid becomes U+FFFD. */
static char *
to_utf8(const char *data, size_t len, const char *declared)
{
	static const char *const fallback[] = { "WINDOWS-1258",
	    "WINDOWS-1252", NULL };
	const char	*iconv_name;
	char		*out;
	gsize		 nread, nwritten;

	if (declared != NULL && g_ascii_strcasecmp(declared, "utf-8") != 0 &&
	    g_ascii_strcasecmp(declared, "us-ascii") != 0 &&
	    (iconv_name = g_mime_charset_iconv_name(declared)) != NULL) {
		out = g_convert(data, len, "UTF-8", iconv_name, &nread,
		    &nwritten, NULL);
		if (out != NULL && g_utf8_validate(out, nwritten, NULL))
			return (out);
		g_free(out);
	}
	if (g_utf8_validate(data, len, NULL))
		return (g_strndup(data, len));
	for (size_t i = 0; fallback[i] != NULL; i++) {
		out = g_convert(data, len, "UTF-8", fallback[i], &nread,
		    &nwritten, NULL);
		if (out != NULL && g_utf8_validate(out, nwritten, NULL))
			return (out);
		g_free(out);
	}
	return (g_utf8_make_valid(data, len));
}

/*
 * Tags dropped, script and style content dropped, common entities
 * decoded, block ends turned into line breaks. One pass over the text.
 */
static char *
html_strip(const char *s)
{
	static const char *const breaks[] = { "br", "p", "/p", "div", "/div",
	    "tr", "/tr", "li", "/li", "h1", "h2", "h3", "/h1", "/h2", "/h3",
	    "table", "/table", NULL };
	GString		*out = g_string_sized_new(strlen(s));
	const char	*p = s, *end, *skip_to;
	char		 tag[8];
	size_t		 n;

	while (*p != '\0') {
		if (*p == '&') {
			p = html_entity(p, out);
			continue;
		}
		if (*p != '<') {
			g_string_append_c(out, *p++);
			continue;
		}
		if (strncmp(p, "<!--", 4) == 0) {
			end = strstr(p + 4, "-->");
			p = end != NULL ? end + 3 : p + strlen(p);
			continue;
		}
		for (n = 0; n < sizeof(tag) - 1 && (g_ascii_isalnum(p[1 + n]) ||
		    (n == 0 && p[1] == '/')); n++)
			tag[n] = g_ascii_tolower(p[1 + n]);
		tag[n] = '\0';
		if ((end = strchr(p, '>')) == NULL)
			break;
		p = end + 1;
		skip_to = NULL;
		if (strcmp(tag, "script") == 0)
			skip_to = "</script";
		else if (strcmp(tag, "style") == 0)
			skip_to = "</style";
		else if (strcmp(tag, "head") == 0)
			skip_to = "</head";
		if (skip_to != NULL) {
			end = strcasestr(p, skip_to);
			if (end == NULL)
				break;
			p = end;
			continue;
		}
		for (size_t i = 0; breaks[i] != NULL; i++)
			if (strcmp(tag, breaks[i]) == 0) {
				g_string_append_c(out, '\n');
				break;
			}
	}
	return (g_string_free(out, FALSE));
}

static const char *
html_entity(const char *p, GString *out)
{
	static const struct {
		const char	*name;
		gunichar	 c;
	} named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0x00a0 },
	};
	const char	*semi;
	char		 ent[12];
	size_t		 n;
	guint64		 c;
	char		*endp;

	semi = p + 1;
	for (n = 0; n < sizeof(ent) - 1 && semi[n] != '\0' && semi[n] != ';';
	    n++)
		ent[n] = semi[n];
	ent[n] = '\0';
	if (semi[n] != ';') {
		g_string_append_c(out, '&');
		return (p + 1);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
		if (strcmp(ent, named[i].name) == 0) {
			g_string_append_unichar(out, named[i].c);
			return (semi + n + 1);
		}
	if (ent[0] == '#' && n > 1) {
		if (ent[1] == 'x' || ent[1] == 'X')
			c = g_ascii_strtoull(ent + 2, &endp, 16);
		else
			c = g_ascii_strtoull(ent + 1, &endp, 10);
		if (*endp == '\0' && c > 0 && c <= 0x10ffff &&
		    g_unichar_validate((gunichar)c)) {
			g_string_append_unichar(out, (gunichar)c);
			return (semi + n + 1);
		}
	}
	g_string_append_c(out, '&');
	return (p + 1);
}

/* A bounce wins over an auto-reply: the outbox needs to see it. */
static void
classify(struct mail *m, GMimeMessage *msg, const struct walk *w)
{
	if ((m->machine_why = bounce_why(m, msg, w)) != NULL)
		m->machine = MIME_BOUNCE;
	else if ((m->machine_why = auto_reply_why(m, msg)) != NULL)
		m->machine = MIME_AUTO_REPLY;
	else
		m->machine = MIME_PERSON;
}

/*
 * A DSN (RFC 3464) says so in its type. Plain-text bounces are known by
 * subjects no person writes, by qmail's opening line, or, for wording a
 * person might use too, only when a mailer daemon sent them.
 */
static char *
bounce_why(const struct mail *m, GMimeMessage *msg, const struct walk *w)
{
	static const char *const machine_subjects[] = {
		"undelivered mail returned to sender",
		"mail delivery failed returning message to sender",
		"delivery status notification failure",
		"undeliverable",
		"returned mail",
		"failure notice",
		"mail system error returned mail",
		NULL
	};
	static const char *const daemon_subjects[] = {
		"mail delivery failed",
		"delivery failure",
		"delivery failed",
		"delivery has failed",
		"message not delivered",
		"nondeliverable",
		"non delivery",
		"thu khong gui duoc",
		"khong gui duoc",
		"khong the gui",
		"khong the chuyen phat",
		"gui thu that bai",
		NULL
	};
	GMimeObject		*top = g_mime_message_get_mime_part(msg);
	GMimeContentType	*ct;
	const char		*rt, *rp, *at, *hit;
	char			*skey, *nkey, *local, *why = NULL;
	bool			 daemon = false;

	if (top != NULL && (ct = g_mime_object_get_content_type(top)) != NULL &&
	    g_mime_content_type_is_type(ct, "multipart", "report")) {
		rt = g_mime_content_type_get_parameter(ct, "report-type");
		if (rt != NULL && (g_ascii_strcasecmp(rt, "delivery-status") ==
		    0 || g_ascii_strcasecmp(rt, "global-delivery-status") == 0))
			return (g_strdup("multipart/report; "
			    "report-type=delivery-status"));
	}
	if (w->dsn_part)
		return (g_strdup("message/delivery-status part"));
	if (g_str_has_prefix(m->body_text,
	    "Hi. This is the qmail-send program"))
		return (g_strdup("qmail-send failure notice"));

	if (m->from_addr != NULL && (at = strchr(m->from_addr, '@')) != NULL) {
		local = g_strndup(m->from_addr, at - m->from_addr);
		daemon = strcmp(local, "mailer-daemon") == 0 ||
		    strcmp(local, "postmaster") == 0 ||
		    strcmp(local, "mail-daemon") == 0 ||
		    strcmp(local, "mailerdaemon") == 0;
		g_free(local);
	}
	nkey = text_key(m->from_name);
	if (nkey != NULL && (strcmp(nkey, "mail delivery system") == 0 ||
	    strcmp(nkey, "mail delivery subsystem") == 0))
		daemon = true;
	/* The null reverse-path is what RFC 5321 gives every bounce. */
	rp = g_mime_object_get_header(GMIME_OBJECT(msg), "Return-Path");
	if (rp != NULL) {
		local = g_strstrip(g_strdup(rp));
		if (strcmp(local, "<>") == 0)
			daemon = true;
		g_free(local);
	}
	skey = text_key(m->subject);
	if (key_starts(skey, machine_subjects, &hit))
		why = g_strdup_printf("bounce subject \"%s\"", hit);
	else if (daemon && key_starts(skey, daemon_subjects, &hit))
		why = g_strdup_printf("bounce subject \"%s\" from a mailer "
		    "daemon", hit);
	g_free(skey);
	g_free(nkey);
	return (why);
}

/* RFC 3834 headers, list headers, and the subjects vacation replies use. */
static char *
auto_reply_why(const struct mail *m, GMimeMessage *msg)
{
	static const char *const subjects[] = {
		"automatic reply",
		"autoreply",
		"auto reply",
		"out of office",
		"tra loi tu dong",
		"thu tra loi tu dong",
		/* Outlook in Vietnamese: "Tự động trả lời: …" */
		"tu dong tra loi",
		"phan hoi tu dong",
		NULL
	};
	static const char *const list_headers[] = { "List-Id",
	    "List-Unsubscribe", "List-Post", NULL };
	static const char *const precedence[] = { "bulk", "junk", "list",
	    "auto_reply", NULL };
	GMimeObject	*obj = GMIME_OBJECT(msg);
	const char	*v, *hit;
	char		*val, *key, *why = NULL;

	if ((v = g_mime_object_get_header(obj, "Auto-Submitted")) != NULL) {
		val = g_strstrip(g_strndup(v, strcspn(v, ";")));
		if (g_ascii_strcasecmp(val, "no") != 0)
			why = g_strdup("Auto-Submitted");
		g_free(val);
		if (why != NULL)
			return (why);
	}
	if (g_mime_object_get_header(obj, "X-Autoreply") != NULL)
		return (g_strdup("X-Autoreply"));
	if (g_mime_object_get_header(obj, "X-Autorespond") != NULL)
		return (g_strdup("X-Autorespond"));
	if ((v = g_mime_object_get_header(obj, "Precedence")) != NULL) {
		val = g_strstrip(g_strdup(v));
		for (size_t i = 0; precedence[i] != NULL && why == NULL; i++)
			if (g_ascii_strcasecmp(val, precedence[i]) == 0)
				why = g_strdup_printf("Precedence: %s",
				    precedence[i]);
		g_free(val);
		if (why != NULL)
			return (why);
	}
	for (size_t i = 0; list_headers[i] != NULL; i++)
		if (g_mime_object_get_header(obj, list_headers[i]) != NULL)
			return (g_strdup(list_headers[i]));

	if (g_ascii_strncasecmp(m->subject, "Auto:", 5) == 0)
		return (g_strdup("auto-reply subject \"auto:\""));
	key = text_key(m->subject);
	if (key_starts(key, subjects, &hit))
		why = g_strdup_printf("auto-reply subject \"%s\"", hit);
	else if (g_mime_object_get_header(obj,
	    "X-Auto-Response-Suppress") != NULL) {
		for (size_t i = 0; subjects[i] != NULL && why == NULL; i++)
			if (text_key_has(key, subjects[i]))
				why = g_strdup_printf("X-Auto-Response-"
				    "Suppress and subject \"%s\"", subjects[i]);
	}
	g_free(key);
	return (why);
}

/* True when key begins with one of the phrases, as whole words. */
static bool
key_starts(const char *key, const char *const *phrases, const char **hit_r)
{
	size_t	n;

	if (key == NULL)
		return (false);
	for (; *phrases != NULL; phrases++) {
		n = strlen(*phrases);
		if (strncmp(key, *phrases, n) == 0 &&
		    (key[n] == '\0' || key[n] == ' ')) {
			*hit_r = *phrases;
			return (true);
		}
	}
	return (false);
}
