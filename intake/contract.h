/* contract.h: the CONTRACT JSON (contract 1) for a decision, through
 * json-glib. Every string returned is to g_free. */
#ifndef HOTROCKS_CONTRACT_H
#define HOTROCKS_CONTRACT_H

#include <stdbool.h>

#include <json-glib/json-glib.h>

#include "intake/decision.h"
#include "intake/mime.h"

#define CONTRACT_VERSION 1

/* A format as the CONTRACT names it: the sniffer's finer "ooxml", "zip"
 * and "ole2" (recognised, not read) are all "other". */
const char	*contract_format_name(enum format);

/* The whole message object; pretty adds indentation. */
char	*contract_json(const struct mail *, const struct decision *,
	    bool pretty);
/* One document object, as inside "documents". */
char	*contract_document_json(const struct document *);
/* One row object, as inside a document's "rows". */
char	*contract_row_json(const struct form_row *);

/* The "signature" summary and the "signatures" array, as members of the
 * object b is building (for documents and for `hotrocks verify`). */
void	contract_signature_members(JsonBuilder *b,
	    const struct doc_signature *);

/* One line of `hotrocks verify --json`: {"file", "format", "signature",
 * "signatures"}. */
char	*contract_verdict_json(const char *file, enum format,
	    const struct doc_signature *);

#endif
