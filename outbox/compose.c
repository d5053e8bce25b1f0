/* compose.c: outgoing messages as RFC 5322 bytes, built with GMime.
 * Pure: no clock and no I/O. Text from incoming mail (subjects, names,
 * Message-IDs) must never reach a header unencoded or unchecked. */
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "outbox/compose.h"

static void	 compose_init(void);
static char	*header_text(const char *);
static char	*subject_raw(const char *);
static char	*mailbox_raw(const char *, const char *, const char *);
static void	 set_raw(GMimeMessage *, const char *, const char *,
		    const char *);
static gboolean	 msgid_ok(const char *);
static char	*references(const struct compose_input *, char **);
static GMimeObject *attachment_part(const struct compose_attachment *,
		    GPtrArray *);
static GMimeTextPart *text_part(const char *, const char *);

/* GMime keeps global tables; intake's mime_init may have made them
 * already, and g_mime_init counts its callers, so once here is enough. */
static void
compose_init(void)
{
	static gsize	done;

	if (g_once_init_enter(&done)) {
		g_mime_init();
		g_once_init_leave(&done, 1);
	}
}

/* Valid UTF-8 where control characters (CR, LF above all) are spaces. */
static char *
header_text(const char *s)
{
	char	*t = g_utf8_make_valid(s != NULL ? s : "", -1);

	for (char *p = t; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return (g_strstrip(t));
}

/* A word of a header that must go in an encoded-word: one with a byte
 * outside printable ASCII, or one a reader would take for one. */
static gboolean
needs_encoding(const char *w)
{
	for (const char *p = w; *p != '\0'; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return (TRUE);
	return (strstr(w, "=?") != NULL);
}

/* A display name that must go in encoded-words: a byte outside ASCII or
 * a control, or what a reader would take for an encoded-word; spaces
 * alone do not (a phrase is words). */
static gboolean
phrase_needs_encoding(const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return (TRUE);
	return (strstr(s, "=?") != NULL);
}

/* The longest encoded-word written: "Subject: " and one fits in the 76
 * columns RFC 2047 allows a line that holds one. */
#define Q_WORD_MAX	66
#define Q_WORD_OPEN	"=?UTF-8?Q?"

/* text as Q encoded-words (RFC 2047 4.2, the characters 5(3) allows
 * literally), cut only between characters, added to words. */
static void
q_words(const char *text, GPtrArray *words)
{
	GString		*w = g_string_new(Q_WORD_OPEN), *c = g_string_new(NULL);
	const size_t	 room = Q_WORD_MAX - strlen("?=");
	size_t		 cut = 0;	/* just after the last space in w */

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		g_string_truncate(c, 0);
		for (const char *b = p; b < g_utf8_next_char(p); b++) {
			if (g_ascii_isalnum(*b) || strchr("!*+-/", *b) != NULL)
				g_string_append_c(c, *b);
			else if (*b == ' ')
				g_string_append_c(c, '_');
			else
				g_string_append_printf(c, "=%02X",
				    (unsigned char)*b);
		}
		if (w->len + c->len > room) {
			/* Cut after a space where one is: a reader that keeps
			 * the white space between encoded-words (Python's)
			 * then shows "Bình  Châu", never "Bình Ch âu". */
			GString *rest = g_string_new(Q_WORD_OPEN);

			if (cut > strlen(Q_WORD_OPEN)) {
				g_string_append(rest, w->str + cut);
				g_string_truncate(w, cut);
			}
			g_string_append(w, "?=");
			g_ptr_array_add(words, g_string_free(w, FALSE));
			w = rest;
			cut = 0;
		}
		g_string_append_len(w, c->str, c->len);
		if (*p == ' ')
			cut = w->len;
	}
	g_string_append(w, "?=");
	g_ptr_array_add(words, g_string_free(w, FALSE));
	g_string_free(c, TRUE);
}

/*
 * The Subject header's raw value (a leading space, folded, each line
 * ending "\n"). GMime 3.2 would write B-words, and its own reader drops
 * the encoded-word that follows a padded one ("… Sơn Tịnh, Huyện ủy
 * Bình Sơn và" lost), so replies read back cut in GMime and in any
 * client built on it. Q-words have no padding: each run of words that
 * needs encoding becomes Q-words, the spaces inside it encoded (a reader
 * drops the space between two encoded-words); ASCII words stay as they
 * are, and the header folds between words.
 */
static char *
subject_raw(const char *text)
{
	char		**w = g_strsplit(text, " ", -1);
	GPtrArray	 *tok = g_ptr_array_new_with_free_func(g_free);
	GString		 *raw = g_string_new(NULL), *run;
	size_t		  col = strlen("Subject:"), i = 0;

	while (w[i] != NULL) {
		if (!needs_encoding(w[i])) {
			g_ptr_array_add(tok, g_strdup(w[i++]));
			continue;
		}
		run = g_string_new(w[i++]);
		while (w[i] != NULL && (*w[i] == '\0' || needs_encoding(w[i])))
			g_string_append_printf(run, " %s", w[i++]);
		q_words(run->str, tok);
		g_string_free(run, TRUE);
	}
	for (i = 0; i < tok->len; i++) {
		const char *t = g_ptr_array_index(tok, i);

		if (i > 0 && *t != '\0' && col + 1 + strlen(t) > 76) {
			g_string_append(raw, "\n");
			col = 0;
		}
		g_string_append_printf(raw, " %s", t);
		col += 1 + strlen(t);
	}
	g_string_append_c(raw, '\n');
	g_ptr_array_free(tok, TRUE);
	g_strfreev(w);
	return (g_string_free(raw, FALSE));
}

/*
 * A From: or To: header's raw value, "name <addr>", the name as Q-words
 * when it needs encoding (the same GMime loss as subject_raw: "Văn phòng
 * Tỉnh ủy Quảng Ngãi – Phòng Cơ yếu …" read back without its middle), as
 * a quoted string when it holds a special, else as it is. NULL: let GMime
 * write it (no name, or an address it must check itself).
 */
static char *
mailbox_raw(const char *field, const char *name, const char *addr)
{
	GPtrArray	*tok;
	GString		*raw;
	size_t		 col = strlen(field) + 1;

	if (name == NULL || *name == '\0' || addr == NULL ||
	    strpbrk(addr, "<>\"\r\n ,;") != NULL)
		return (NULL);
	tok = g_ptr_array_new_with_free_func(g_free);
	if (phrase_needs_encoding(name))
		q_words(name, tok);
	else if (strpbrk(name, "()<>@,;:\\\".[]") != NULL) {
		GString *q = g_string_new("\"");

		for (const char *p = name; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				g_string_append_c(q, '\\');
			g_string_append_c(q, *p);
		}
		g_string_append_c(q, '"');
		g_ptr_array_add(tok, g_string_free(q, FALSE));
	} else
		g_ptr_array_add(tok, g_strdup(name));
	g_ptr_array_add(tok, g_strdup_printf("<%s>", addr));
	raw = g_string_new(NULL);
	for (size_t i = 0; i < tok->len; i++) {
		const char *t = g_ptr_array_index(tok, i);

		if (i > 0 && col + 1 + strlen(t) > 76) {
			g_string_append(raw, "\n");
			col = 0;
		}
		g_string_append_printf(raw, " %s", t);
		col += 1 + strlen(t);
	}
	g_string_append_c(raw, '\n');
	g_ptr_array_free(tok, TRUE);
	return (g_string_free(raw, FALSE));
}

/* The header field's raw value as mailbox_raw writes it, when it does. */
static void
set_raw(GMimeMessage *msg, const char *field, const char *name,
    const char *addr)
{
	char *raw = mailbox_raw(field, name, addr);

	if (raw == NULL)
		return;
	g_mime_header_set_raw_value(g_mime_header_list_get_header(
	    g_mime_object_get_header_list(GMIME_OBJECT(msg)), field), raw);
	g_free(raw);
}

/* An id between the brackets: printable ASCII, one '@', no brackets. */
static gboolean
msgid_ok(const char *id)
{
	const char	*at = strchr(id, '@');

	if (*id == '\0' || at == NULL || at == id || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return (FALSE);
	for (const char *p = id; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || *p == '<' || *p == '>')
			return (FALSE);
	return (TRUE);
}

/* The References value: the original's, capped, then its Message-ID.
 * *irt_r gets the In-Reply-To id (no brackets) or NULL. */
static char *
references(const struct compose_input *in, char **irt_r)
{
	GMimeReferences	*refs;
	GPtrArray	*ids;
	GString		*s;
	const char	*id;
	char		*irt = NULL;
	int		 n;

	ids = g_ptr_array_new_with_free_func(g_free);
	if (in->references != NULL &&
	    (refs = g_mime_references_parse(NULL, in->references)) != NULL) {
		n = g_mime_references_length(refs);
		for (int i = 0; i < n; i++) {
			id = g_mime_references_get_message_id(refs, i);
			if (msgid_ok(id))
				g_ptr_array_add(ids, g_strdup(id));
		}
		g_mime_references_free(refs);
	}
	if (in->in_reply_to != NULL &&
	    (irt = g_mime_utils_decode_message_id(in->in_reply_to)) != NULL &&
	    !msgid_ok(irt)) {
		g_free(irt);
		irt = NULL;
	}
	if (irt != NULL && (ids->len == 0 ||
	    strcmp(g_ptr_array_index(ids, ids->len - 1), irt) != 0))
		g_ptr_array_add(ids, g_strdup(irt));
	while (ids->len > COMPOSE_MAX_REFERENCES)
		g_ptr_array_remove_index(ids, 1);
	s = g_string_new(NULL);
	for (guint i = 0; i < ids->len; i++)
		g_string_append_printf(s, "%s<%s>", i > 0 ? " " : "",
		    (char *)g_ptr_array_index(ids, i));
	g_ptr_array_free(ids, TRUE);
	*irt_r = irt;
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return (NULL);
	}
	return (g_string_free(s, FALSE));
}

/* Not g_mime_text_part_set_text: it re-encodes to the smallest charset
 * that fits (latin-1 for "Xin chào"); letters are UTF-8, quoted-printable,
 * and end with a line break. */
static GMimeTextPart *
text_part(const char *subtype, const char *content)
{
	GMimeTextPart		*text;
	GMimeStream		*stream;
	GMimeDataWrapper	*wrapper;
	char			*s;

	text = g_mime_text_part_new_with_subtype(subtype);
	g_mime_text_part_set_charset(text, "utf-8");
	s = *content == '\0' || g_str_has_suffix(content, "\n") ?
	    g_strdup(content) : g_strconcat(content, "\n", NULL);
	stream = g_mime_stream_mem_new_with_buffer(s, strlen(s));
	g_free(s);
	wrapper = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(text), wrapper);
	g_object_unref(wrapper);
	g_object_unref(stream);
	g_mime_part_set_content_encoding(GMIME_PART(text),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return (text);
}

static GMimeObject *
attachment_part(const struct compose_attachment *a, GPtrArray *borrowed)
{
	GMimePart		*part;
	GMimeContentType	*ct;
	GMimeStream		*stream;
	GMimeDataWrapper	*wrapper;
	char			*name;

	part = g_mime_part_new();
	ct = g_mime_content_type_parse(NULL, a->content_type != NULL ?
	    a->content_type : "application/octet-stream");
	g_mime_object_set_content_type(GMIME_OBJECT(part), ct);
	g_object_unref(ct);
	if (a->filename != NULL && *a->filename != '\0') {
		name = header_text(a->filename);
		g_mime_part_set_filename(part, name);
		g_free(name);
	} else
		g_mime_object_set_disposition(GMIME_OBJECT(part),
		    GMIME_DISPOSITION_ATTACHMENT);
	/* The caller's bytes, not a copy (a long list's workbook is
	 * megabytes): the stream reads them, never writes, and does not own
	 * them; the array round them is freed by compose_message, once the
	 * message is. */
	if (a->apart && a->len > 0)
		stream = g_mime_stream_mem_new();
	else if (a->len > 0 && a->len <= G_MAXUINT) {
		GByteArray *arr = g_byte_array_new_take((guint8 *)a->data,
		    a->len);

		stream = g_mime_stream_mem_new_with_byte_array(arr);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
		g_ptr_array_add(borrowed, arr);
	} else
		stream = g_mime_stream_mem_new_with_buffer(
		    (const char *)a->data, a->len);
	wrapper = g_mime_data_wrapper_new_with_stream(stream,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, wrapper);
	g_object_unref(wrapper);
	g_object_unref(stream);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	return (GMIME_OBJECT(part));
}

int
compose_message(const struct compose_input *in, char **raw_r, size_t *len_r,
    char **cause)
{
	GMimeMessage		*msg = NULL;
	GMimeObject		*body;
	GMimeMultipart		*mixed;
	GMimeFormatOptions	*opts;
	GMimeStream		*out;
	GByteArray		*bytes;
	GDateTime		*date;
	char			*id = NULL, *irt = NULL, *refs = NULL;
	char			*s, *raw, *boundary;
	size_t			 idlen, est = 4096;
	int			 rc = -1;
	GPtrArray		*borrowed = g_ptr_array_new();

	compose_init();
	idlen = in->message_id != NULL ? strlen(in->message_id) : 0;
	if (idlen < 3 || in->message_id[0] != '<' ||
	    in->message_id[idlen - 1] != '>' ||
	    !msgid_ok(id = g_strndup(in->message_id + 1, idlen - 2))) {
		*cause = g_strdup_printf("bad Message-ID \"%s\"",
		    in->message_id != NULL ? in->message_id : "");
		goto out;
	}
	if (in->from_addr == NULL || strchr(in->from_addr, '@') == NULL ||
	    in->to_addr == NULL || strchr(in->to_addr, '@') == NULL) {
		*cause = g_strdup("a sender and a recipient address are "
		    "needed");
		goto out;
	}
	if (in->date == NULL ||
	    (date = g_date_time_new_from_iso8601(in->date, NULL)) == NULL) {
		*cause = g_strdup_printf("bad date \"%s\"",
		    in->date != NULL ? in->date : "");
		goto out;
	}
	/* the office's own time, as its letters say their day in words
	 * (trial 3): "09:15:00 +0700", not "02:15:00 +0000" */
	if (in->timezone != NULL) {
		GTimeZone	*tz = g_time_zone_new_identifier(in->timezone);
		GDateTime	*l;

		if (tz == NULL) {
			g_date_time_unref(date);
			*cause = g_strdup_printf("bad time zone \"%s\"",
			    in->timezone);
			goto out;
		}
		l = g_date_time_to_timezone(date, tz);
		g_time_zone_unref(tz);
		g_date_time_unref(date);
		date = l;
	}
	if (in->body == NULL || !g_utf8_validate(in->body, -1, NULL) ||
	    (in->html != NULL && !g_utf8_validate(in->html, -1, NULL))) {
		g_date_time_unref(date);
		*cause = g_strdup("the body is missing or not UTF-8");
		goto out;
	}

	msg = g_mime_message_new(TRUE);
	g_mime_message_set_message_id(msg, id);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	s = header_text(in->from_name);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, s,
	    in->from_addr);
	set_raw(msg, "From", s, in->from_addr);
	g_free(s);
	s = header_text(in->to_name);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, s, in->to_addr);
	set_raw(msg, "To", s, in->to_addr);
	g_free(s);
	s = header_text(in->subject);
	g_mime_message_set_subject(msg, s, "utf-8");
	raw = subject_raw(s);
	g_mime_header_set_raw_value(g_mime_header_list_get_header(
	    g_mime_object_get_header_list(GMIME_OBJECT(msg)), "Subject"), raw);
	g_free(raw);
	g_free(s);
	if ((refs = references(in, &irt)) != NULL) {
		if (irt != NULL) {
			s = g_strdup_printf("<%s>", irt);
			g_mime_object_set_header(GMIME_OBJECT(msg),
			    "In-Reply-To", s, NULL);
			g_free(s);
		}
		g_mime_object_set_header(GMIME_OBJECT(msg), "References", refs,
		    NULL);
	}
	if (in->auto_reply) {
		g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted",
		    "auto-replied", NULL);
		g_mime_object_set_header(GMIME_OBJECT(msg),
		    "X-Auto-Response-Suppress", "All", NULL);
	}

	body = GMIME_OBJECT(text_part("plain", in->body));
	if (in->html != NULL) {
		GMimeMultipart	*alt;
		GMimeTextPart	*html;

		alt = g_mime_multipart_new_with_subtype("alternative");
		s = g_compute_checksum_for_string(G_CHECKSUM_SHA256, id, -1);
		boundary = g_strdup_printf("=-hotrocks-alt-%.24s", s);
		g_mime_multipart_set_boundary(alt, boundary);
		g_free(boundary);
		g_free(s);
		html = text_part("html", in->html);
		g_mime_multipart_add(alt, body);
		g_mime_multipart_add(alt, GMIME_OBJECT(html));
		g_object_unref(html);
		g_object_unref(body);
		body = GMIME_OBJECT(alt);
	}
	if (in->nattachments == 0)
		g_mime_message_set_mime_part(msg, body);
	else {
		/* A boundary made from the Message-ID keeps the bytes the
		 * same on every rebuild; "=-" never occurs in base64 or
		 * quoted-printable text, so it cannot collide. */
		mixed = g_mime_multipart_new_with_subtype("mixed");
		s = g_compute_checksum_for_string(G_CHECKSUM_SHA256, id, -1);
		boundary = g_strdup_printf("=-hotrocks-%.24s", s);
		g_mime_multipart_set_boundary(mixed, boundary);
		g_free(boundary);
		g_free(s);
		g_mime_multipart_add(mixed, body);
		for (size_t i = 0; i < in->nattachments; i++) {
			GMimeObject *part =
			    attachment_part(&in->attachments[i], borrowed);

			g_mime_multipart_add(mixed, part);
			g_object_unref(part);
		}
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
		g_object_unref(mixed);
	}
	g_object_unref(body);

	opts = g_mime_format_options_clone(NULL);
	g_mime_format_options_set_newline_format(opts,
	    GMIME_NEWLINE_FORMAT_DOS);
	/* Sized once for the attachments in base64 (4/3, and CRLF every
	 * 76), and handed over, not copied. */
	for (size_t i = 0; i < in->nattachments; i++)
		if (!in->attachments[i].apart)
			est += in->attachments[i].len / 57 * 78 + 80;
	bytes = g_byte_array_sized_new((guint)MIN(est, G_MAXUINT / 2));
	out = g_mime_stream_mem_new_with_byte_array(bytes);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(out), FALSE);
	g_mime_object_write_to_stream(GMIME_OBJECT(msg), opts, out);
	g_mime_format_options_free(opts);
	g_object_unref(out);
	*len_r = bytes->len;
	g_byte_array_append(bytes, (const guint8 *)"", 1);
	*raw_r = (char *)g_byte_array_free(bytes, FALSE);
	rc = 0;
out:
	if (msg != NULL)
		g_object_unref(msg);
	/* The attachments' streams are gone with the message. */
	for (size_t i = 0; i < borrowed->len; i++)
		g_byte_array_free(borrowed->pdata[i], FALSE);
	g_ptr_array_free(borrowed, TRUE);
	g_free(refs);
	g_free(irt);
	g_free(id);
	return (rc);
}

/*
 * How far the reply prefixes at the start of folded go, however many a
 * thread has stacked ("RE: Re: ", "TL: Re: " of Vietnamese Outlook,
 * "Trả lời:", "AW:", "SV:", "Re[2]:"). folded is case-folded NFC, whose
 * bytes stand where the original's do for these prefixes.
 */
static size_t
reply_prefixes(const char *folded)
{
	static const char *const words[] = { "re", "tl", "trả lời", "aw",
	    "sv" };
	size_t	 at = 0, end = 0;

	for (;;) {
		const char	*p = folded + at;
		size_t		 k, n = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		for (k = 0; k < G_N_ELEMENTS(words); k++)
			if (strncmp(p, words[k], (n = strlen(words[k]))) == 0)
				break;
		if (k == G_N_ELEMENTS(words))
			break;
		p += n;
		if (*p == '[' || *p == '(') {	/* "Re[2]:" */
			const char *q = p + 1;

			while (g_ascii_isdigit(*q))
				q++;
			if (q == p + 1 || (*q != ']' && *q != ')'))
				break;
			p = q + 1;
		}
		while (*p == ' ')
			p++;
		if (*p != ':' && strncmp(p, "\xef\xbc\x9a", 3) != 0)
			break;		/* "Regarding", "Rev." */
		p += *p == ':' ? 1 : 3;
		while (*p == ' ' || *p == '\t')
			p++;
		at = end = (size_t)(p - folded);
	}
	return (end);
}

char *
compose_reply_subject(const char *original)
{
	char		*s, *nfc, *folded, *r;
	size_t		 skip;

	s = g_utf8_make_valid(original != NULL ? original : "", -1);
	nfc = g_utf8_normalize(g_strstrip(s), -1, G_NORMALIZE_NFC);
	folded = g_utf8_casefold(nfc, -1);
	/* one "Re: ", not the stack a thread grows */
	skip = strlen(folded) == strlen(nfc) ? reply_prefixes(folded) : 0;
	r = g_strconcat("Re: ", nfc + skip, NULL);
	g_free(folded);
	g_free(nfc);
	g_free(s);
	return (r);
}

char *
compose_case_subject(const char *case_number, const char *original)
{
	char		*base, *rest, *tag, *r;
	const char	*p;

	base = compose_reply_subject(original);
	if (case_number == NULL || *case_number == '\0')
		return (base);
	tag = g_strdup_printf("[%s]", case_number);
	p = base + strlen("Re: ");	/* compose_reply_subject's one prefix */
	/* The case's number first, once; another case's number the unit
	 * kept goes (two numbers leave it not knowing which to quote), and
	 * so do reply prefixes behind a tag ("[HT-…] TL: Re: …"). */
	{
		GRegex *tags = g_regex_new("\\s*\\[HT-[0-9]{4}-[0-9]{6}\\]",
		    G_REGEX_CASELESS, 0, NULL);
		char *bare = g_regex_replace_literal(tags, p, -1, 0, "", 0,
		    NULL);
		char *again;

		g_regex_unref(tags);
		again = compose_reply_subject(bare != NULL ? bare : p);
		g_free(bare);
		rest = g_strdup(again + 4);	/* after "Re: " */
		g_free(again);
	}
	r = g_strdup_printf("Re: %s %s", tag, rest);
	g_strchomp(r);
	g_free(rest);
	g_free(tag);
	g_free(base);
	return (r);
}

char *
compose_html(const char *text, const char *marker, const char *block)
{
	GString	*h = g_string_new("<!DOCTYPE html>\n<html><head><meta "
	    "charset=\"utf-8\"></head>\n<body style=\"font-family: "
	    "'Times New Roman', serif; font-size: 14pt\">\n");
	char	**lines = g_strsplit(text, "\n", -1);
	bool	  para = false, list = false;
	char	 *e;

	for (size_t i = 0; lines[i] != NULL; i++) {
		const char *l = lines[i];
		bool item = g_str_has_prefix(l, "- ");

		if (list && !item) {
			g_string_append(h, "</ul>\n");
			list = false;
		}
		if (*l == '\0' || (marker != NULL && strcmp(l, marker) == 0) ||
		    item) {
			if (para) {
				g_string_append(h, "</p>\n");
				para = false;
			}
			if (marker != NULL && strcmp(l, marker) == 0)
				g_string_append(h, block != NULL ? block : "");
			else if (item) {
				if (!list)
					g_string_append(h, "<ul>\n");
				list = true;
				e = g_markup_escape_text(l + 2, -1);
				g_string_append_printf(h, "<li>%s</li>\n", e);
				g_free(e);
			}
			continue;
		}
		e = g_markup_escape_text(l, -1);
		g_string_append_printf(h, "%s%s", para ? "<br>\n" : "<p>", e);
		g_free(e);
		para = true;
	}
	if (para)
		g_string_append(h, "</p>\n");
	if (list)
		g_string_append(h, "</ul>\n");
	g_string_append(h, "</body></html>\n");
	g_strfreev(lines);
	return (g_string_free(h, FALSE));
}
