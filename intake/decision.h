/* decision.h: what hotrocks decides about one message — the CONTRACT in
 * C. Built by the pipeline (documents) and rules (kind, action, codes);
 * read by the JSON writer, the store and the outbox composer. */
#ifndef HOTROCKS_DECISION_H
#define HOTROCKS_DECISION_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/codes.h"
#include "lib/findings.h"
#include "parsers/form.h"

struct sig_result;

struct doc_signature {
	enum sig_status	 status;	/* the summary (CONTRACT) */
	struct sig_result *results;	/* every signature, package order */
	size_t		 nresults;
};

struct document {
	char		*filename;	/* decoded UTF-8 NFC */
	enum format	 format;
	char		 sha256[65];	/* of the attachment bytes */
	size_t		 size;
	bool		 too_large;	/* not read: over the limit */
	enum kind	 kind;
	struct form	*form;		/* NULL when not read */
	struct doc_signature signature;
	struct findings	 errors, warnings;	/* document level */
};

struct decision {
	enum kind	 kind;
	enum action	 action;
	struct findings	 errors, warnings;	/* message level */
	struct document	*docs;
	size_t		 ndocs;
	bool		 already_processed;	/* ignore: seen before */
	/* Over the reply cap (pipeline.c, flooding): action became manual;
	 * capped_from is what the rules had said. */
	bool		 capped;
	enum action	 capped_from;
	char		*existing_case;		/* its case, if any */
	bool		 resend_elsewhere;	/* every row sits in one open
						 * case, but of another unit:
						 * not a resend (pipeline.c) */
	/* The same request (an eToken's Mẫu 12, a report) sent again
	 * while its case is worked: that case and when it was opened
	 * (pipeline.c); answered once, with received.txt. */
	char		*resend_case, *resend_opened;
	/* The registry's name of the unit the sender's address belongs to
	 * (units-store.h), or NULL: who wrote, when the mail gives no
	 * display name (replies.c). */
	char		*sender_unit;
};

void	decision_free(struct decision *);
/* True when the document or any of its rows carries an error. */
bool	document_has_errors(const struct document *);

#endif
