/* mime.h: one raw message in, its decoded headers and attachments out,
 * through GMime. GObjects never leave mime.c. No I/O beyond the bytes. */
#ifndef HOTROCKS_MIME_H
#define HOTROCKS_MIME_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/codes.h"

enum mime_machine {
	MIME_PERSON,		/* written by a person, as far as we can tell */
	MIME_AUTO_REPLY,	/* RFC 3834 auto-submitted, vacation, list */
	MIME_BOUNCE		/* a delivery status notification */
};

struct attachment {
	char		*filename;	/* UTF-8 NFC, never NULL ("" if none) */
	char		*content_type;	/* as declared, lower case */
	enum format	 format;	/* judged by content (sniff.h) */
	unsigned char	*data;		/* decoded bytes; NULL when too_large */
	size_t		 len;		/* decoded size (known even if too large) */
	bool		 too_large;	/* over mime_limits.max_attachment */
	int		 depth;		/* 0 top level; +1 per message/rfc822 */
};

struct mail {
	char		*message_id;	/* "<…>" as in the header, or NULL */
	char		*from_addr;	/* lower-case addr-spec, or NULL */
	char		*from_name;	/* decoded display name, or NULL */
	char		*subject;	/* decoded UTF-8 NFC, "" if none */
	char		*date;		/* RFC 3339 UTC, or NULL */
	char		*in_reply_to;
	char		*references;
	enum mime_machine machine;
	char		*machine_why;	/* which header or shape said so */
	char		*body_text;	/* first text/plain (or stripped HTML)
					 * part, UTF-8, capped; never NULL */
	char		*body_html;	/* first text/html part as it is, UTF-8
					 * NFC; NULL when there is none or it
					 * is over max_body_html (a list
					 * pasted into the body is read from
					 * it, never from a cut copy) */
	struct attachment *att;		/* documents and candidate documents */
	size_t		 natt;
	bool		 nesting_capped; /* parts past max_depth were skipped */
	bool		 parts_capped;	/* parts past max_parts were skipped */
};

/* A field left 0 (or a NULL limits pointer) takes the default beside it. */
struct mime_limits {
	size_t	max_attachment;	/* 25 MiB: one decoded attachment */
	size_t	max_depth;	/* 32: multipart and message/rfc822 nesting */
	size_t	max_parts;	/* 1000: parts walked in one message */
	size_t	max_body_text;	/* 256 KiB: kept of the text body */
	size_t	max_body_html;	/* 2 MiB: an HTML body kept whole */
};

/*
 * Parses raw (len bytes). Returns 0 and a mail to mime_free in *mail_r;
 * -1 with a static reason in *why_r only when the bytes are not a message
 * at all (GMime could not build one). Never keeps a pointer into raw.
 * Attachments are the parts a person would call attached files: parts
 * with a file name or a document content type, including those inside
 * forwarded message/rfc822 parts; inline images and S/MIME or PGP
 * signature parts are not attachments.
 */
int	mime_parse(const unsigned char *raw, size_t len,
	    const struct mime_limits *, struct mail **mail_r,
	    const char **why_r);
void	mime_free(struct mail *);

/* Once per process, before mime_parse; idempotent. */
void	mime_init(void);

/* The display name of the first To: address of raw (a message's bytes,
 * only its header read), decoded and cleaned (g_free), or NULL when it
 * has none. */
char	*mime_to_name(const char *raw);

#endif
