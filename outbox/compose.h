/* compose.h: one outgoing message, made whole as RFC 5322 bytes through
 * GMime. Pure: no clock, no network; the date and the Message-ID come in.
 * Never includes intake/ headers: its input is this neutral struct. */
#ifndef HOTROCKS_COMPOSE_H
#define HOTROCKS_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>

struct compose_attachment {
	const char		*filename;	/* UTF-8; "" or NULL: none */
	const char		*content_type;	/* "type/subtype"; NULL:
						 * application/octet-stream */
	const unsigned char	*data;
	size_t			 len;
	/* Its body left empty, for the queue to keep apart (blob_refs):
	 * a list's workbook is not encoded into the letter in memory. */
	bool			 apart;
};

/* Everything borrowed. NULL means "leave the header out" unless said. */
struct compose_input {
	const char	*message_id;	/* "<…@…>", fixed by the caller */
	const char	*from_addr;	/* required */
	const char	*from_name;
	const char	*to_addr;	/* required */
	const char	*to_name;
	const char	*subject;	/* the final subject, UTF-8 */
	const char	*in_reply_to;	/* the original's Message-ID "<…>" */
	const char	*references;	/* the original's References; the
					 * composer appends in_reply_to */
	const char	*date;		/* RFC 3339; required */
	const char	*timezone;	/* the zone Date: is written in, the
					 * same instant (an identifier or
					 * offset GLib knows: [mailbox]
					 * timezone); NULL: UTC */
	const char	*body;		/* UTF-8 text, "\n" line ends; a
					 * last line break is added */
	const char	*html;		/* UTF-8 HTML alternative, or NULL:
					 * then text/plain stands alone */
	bool		 auto_reply;	/* Auto-Submitted: auto-replied and
					 * X-Auto-Response-Suppress: All */
	const struct compose_attachment *attachments;
	size_t		 nattachments;
};

/* At most this many Message-IDs go into References: the first of the
 * thread and the newest ones, so a hostile thread cannot grow ours. */
#define COMPOSE_MAX_REFERENCES	20

/*
 * Builds the message: text/plain; charset=utf-8, quoted-printable (in a
 * multipart/alternative with text/html when html is given), alone or
 * first in a multipart/mixed with base64 attachments (RFC 2231 file
 * names); RFC 2047 headers; CRLF line ends. The same input gives the same
 * bytes. Returns 0 with *raw_r (g_free, NUL-terminated) and *len_r; -1
 * and *cause (g_free) when a required field is missing or malformed.
 */
int	compose_message(const struct compose_input *, char **raw_r,
	    size_t *len_r, char **cause);

/*
 * A reply's subject carrying the case: "Re: [HT-2024-000123] original",
 * the tag once and first: the case's own "[HT-…]" where the unit kept
 * it and another case's go (one number for the unit to quote), as do
 * the reply prefixes before and behind them; case_number NULL gives
 * compose_reply_subject's result. g_free the result.
 */
char	*compose_case_subject(const char *case_number, const char *original);

/*
 * The HTML alternative of a letter's text: paragraphs at blank lines,
 * "- " lines as a list, every character escaped; a line equal to marker
 * (when not NULL) is replaced by block, inserted as it is (the caller
 * escapes its cells). g_free the result.
 */
char	*compose_html(const char *text, const char *marker, const char *block);

/* "Re: " + original without the reply prefixes a thread stacks at its
 * start ("RE: Re: ", "TL: ", "Trả lời: ", "AW: ", "Re[2]: ", any case):
 * one "Re: ". The result is g_free'd; original NULL counts as "". */
char	*compose_reply_subject(const char *original);

#endif
