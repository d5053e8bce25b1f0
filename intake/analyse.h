/* analyse.h: one message's bytes to a decision: MIME walk, documents read
 * and recognised, rules applied. Writes nothing; the store is only read,
 * through the lookup below, so `inspect` and `ingest` decide alike. */
#ifndef HOTROCKS_ANALYSE_H
#define HOTROCKS_ANALYSE_H

#include <stddef.h>
#include <time.h>

#include "intake/config.h"
#include "intake/decision.h"
#include "intake/mime.h"
#include "intake/rules.h"	/* struct lookup, rules_decide */

struct package;

/*
 * Verifies every OOXML package signature in pkg against the config's
 * trust anchors and CRLs as they stood at receipt, for both the decision
 * and `hotrocks verify`. 0 with sig's results (free with
 * ooxml_sig_results_free) and summary; sig is left as it was when the
 * config holds no trust material. -1 with *why_r (static) when the
 * package's own relationships cannot be read.
 */
int	analyse_signature(struct package *, const struct config *,
	    time_t receipt, struct doc_signature *, const char **why_r);

/*
 * The same for the signatures of a PDF in data[0..len) (pdf-sig.h).
 * -1 with *why_r (static) when it is not a PDF that can be read.
 */
int	analyse_pdf_signature(const unsigned char *data, size_t len,
	    const struct config *, time_t receipt, struct doc_signature *,
	    const char **why_r);

/*
 * Reads every attachment of mail into a document: format, sha256, and for
 * DOCX/XLSX the recognised form. Pure apart from the lookups.
 */
void	analyse_documents(const struct mail *, const struct config *,
	    time_t receipt, struct decision *);

/*
 * The whole decision for raw bytes: mime_parse, analyse_documents, then
 * rules_decide. Returns 0 with *mail_r and *decision_r set (free both),
 * or -1 when the bytes are not a message (*why_r static).
 */
int	analyse_message(const unsigned char *raw, size_t len,
	    const struct config *, const struct lookup *,
	    struct mail **mail_r, struct decision **decision_r,
	    const char **why_r);

#endif
